include("nope.inc");
x = 1;

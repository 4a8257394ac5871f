# An endless loop with an empty body: stopped by the time limit.
display("looping\n");
while (1) {}
display("never\n");

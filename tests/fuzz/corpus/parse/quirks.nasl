z = 5--1;
q = 0x; w = a >!b;
v = 'a\d';

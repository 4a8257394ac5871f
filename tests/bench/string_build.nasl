# string_build.nasl: builds a long string piece by piece, then measures it (bench_nasl workload).
n = 200000;
s = "";
for (i = 0; i < n; i++)
  s += string("line ", i, "\n");
if (strlen(s) < n) display("unexpected length\n");
display("iterations=", n, "\n");

# int_loop.nasl: integer arithmetic in a tight loop (bench_nasl workload).
n = 10000000;
s = 0;
for (i = 0; i < n; i++)
  s = s + (i & 7);
display("iterations=", n, "\n");

# array_int.nasl: inserts and looks up integer keys (bench_nasl workload).
n = 500000;
a = make_list();
for (i = 0; i < n; i++)
  a[i] = i * 2;
t = 0;
for (i = 0; i < n; i++)
  t += a[i];
display("iterations=", 2 * n, "\n");

# array_str.nasl: inserts and looks up string keys (bench_nasl workload).
n = 200000;
a = make_array();
for (i = 0; i < n; i++)
  a["key" + i] = i;
t = 0;
for (i = 0; i < n; i++)
  t += a["key" + i];
display("iterations=", 2 * n, "\n");

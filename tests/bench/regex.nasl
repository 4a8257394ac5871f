# regex.nasl: ereg/eregmatch/ereg_replace over netstat-like lines (bench_nasl workload).
n = 50000;
line = "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4";
hits = 0;
for (i = 0; i < n; i++)
{
  if (ereg(string: line, pattern: "^ *TCP +[0-9.]+:([0-9]+) ")) hits++;
  m = eregmatch(string: line, pattern: ":([0-9]+) +[0-9.]+:[0-9]+ +([A-Z]+) +([0-9]+)");
  r = ereg_replace(string: line, pattern: " +", replace: " ");
}
display("iterations=", 3 * n, "\n");

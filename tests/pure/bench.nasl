# bench.nasl: one host's work on the pure-NASL path (tests/pure/bench.sh).
#
# Parses the listing, the processes and the policy, then evaluates every
# item: a port list against each listening port (pure/ports_api "single":
# na_ports_match() per port, "list": one na_ports_match_list() per item),
# a check_type against the process on the item's port.
include("nasl_audit_api.inc");
ns = fread(get_kb_item("bench/netstat"));
tl = fread(get_kb_item("bench/tasklist"));
pol = fread(get_kb_item("bench/policy"));
single = (get_kb_item("bench/ports_api") == "single");
rows = na_netstat_parse(data:ns);
info = na_netstat_parse_info(data:ns);
tasks = na_tasklist_parse(data:tl);
doc = na_audit_parse(data:pol, name:"policy.audit", vars:NULL);
ports = make_list();
np = 0;
procs = make_array();
foreach r (rows)
  if (r["state"] == "LISTEN")
  {
    ports[np++] = r["local_port"];
    t = tasks[string(r["pid"])];
    procs[string(r["local_port"])] = t["image"];
  }
checks = 0;
errors = 0;
foreach it (doc["items"])
{
  if (it["type"] == "AUDIT_ALLOWED_OPEN_PORTS" || it["type"] == "AUDIT_DENIED_OPEN_PORTS")
  {
    if (single)
      foreach p (ports)
      {
        m = na_ports_match(spec:it["value_data"], port:p);
        checks++;
        if (isnull(m))
          errors++;
      }
    else
    {
      m = na_ports_match_list(spec:it["value_data"], ports:ports);
      checks += np;
      if (isnull(m))
        errors++;
    }
  }
  else if (it["type"] == "AUDIT_PROCESS_ON_PORT")
  {
    img = procs[it["port_no"]];
    if (isnull(img))
      img = "";
    m = na_check(check_type:it["check_type"], policy:it["value_data"], value:img);
    checks++;
    if (isnull(m))
      errors++;
  }
}
display("path ", na_api_path(), ": ", max_index(rows), " rows, ", max_index(keys(tasks)), " processes, ",
        max_index(doc["items"]), " items, ", checks, " evaluations, ", errors, " errors\n");

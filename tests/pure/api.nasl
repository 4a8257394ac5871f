# api.nasl: the dispatchers of nasl_audit_api.inc (run by tests/pure/api.sh with and without the module).
include("nasl_audit_api.inc");

function show(what, v)
{
  local_var e;
  e = NA_API_ERROR;
  if (isnull(e))
    e = "-";
  if (isnull(v))
    v = "NULL";
  else if (typeof(v) == "array")
    v = "[" + na_p_join_sep(parts:v, n:max_index(v), sep:",") + "]";
  display(what, ": ", v, " | ", e, "\n");
}

dir = get_kb_item("test/dir");
display("path ", na_api_path(), "\n");
r = na_audit_parse(data:'<check_type:"Unix">\n<custom_item>\n type: X\n</custom_item>\n</check_type>\n', name:"ok.audit", vars:NULL);
show(what:"parse ok", v:r["check_type"]);
r = na_audit_parse(data:"hello", name:"bad.audit", vars:NULL);
show(what:"parse error", v:r["error"]);
pol = '#<ui_metadata>\n#<display_name> Ports </display_name>\n#<spec>\n#  <version>2.1</version>\n#</spec>\n' +
      '#</ui_metadata>\n<check_type:"Unix">\n<custom_item>\n ports: "@SSH_PORT@"\n</custom_item>\n</check_type>\n';
r = na_audit_parse(data:pol, name:"v.audit", vars:make_array("SSH_PORT", 2222));
it = r["items"];
it = it[0];
show(what:"parse vars", v:r["policy_name"] + " " + r["policy_version"] + " " + it["ports"]);
r = na_audit_parse(data:pol, name:"v.audit", vars:make_list("SSH_PORT=2222"));
show(what:"parse bad vars", v:r);
r = na_audit_parse(data:NULL, name:"v.audit", vars:NULL);
show(what:"parse no data", v:r);
show(what:"ports 80 in 80,443", v:na_ports_match(spec:"80,443", port:80));
show(what:"ports 81 in 80,443", v:na_ports_match(spec:"80,443", port:81));
show(what:"ports bad range", v:na_ports_match(spec:"80,30-20", port:80));
show(what:"ports bad regex", v:na_ports_match(spec:"8[0-9", port:80));
show(what:"validate ok", v:na_ports_validate(spec:"22, 8[0-9]{3}"));
show(what:"validate bad", v:na_ports_validate(spec:"70000"));
show(what:"list", v:na_ports_match_list(spec:"22,8[0-9]{3},100-200", ports:make_list(22, 23, 8080, 150, 99999)));
show(what:"list bad", v:na_ports_match_list(spec:"abc", ports:make_list(22)));
show(what:"check equal", v:na_check(check_type:"CHECK_EQUAL", policy:'"svchost.exe" || "lsass.exe"', value:"SVCHOST.EXE"));
show(what:"check regex", v:na_check(check_type:"CHECK_REGEX", policy:"^ssh", value:"sshd"));
show(what:"check unknown op", v:na_check(check_type:"CHECK_FOO", policy:"a", value:"a"));
show(what:"check bad regex", v:na_check(check_type:"CHECK_REGEX", policy:"(a", value:"a"));
show(what:"check bad number", v:na_check(check_type:"CHECK_GREATER_THAN", policy:"abc", value:"1"));
show(what:"files", v:na_policy_files(dir:dir));
show(what:"files slash", v:na_policy_files(dir:dir + "/"));
show(what:"files missing", v:na_policy_files(dir:dir + "/missing"));
show(what:"files not a folder", v:na_policy_files(dir:dir + "/x.txt"));
show(what:"files from the KB", v:na_policy_files(dir:NULL));
display("error text ", na_api_error(), "\n");
rows = na_netstat_parse(data:"  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    912\n");
r = rows[0];
show(what:"netstat", v:r["local_port"]);
# the rows a plugin keeps: packed with the module, arrays without; the same rows read back
kept = na_netstat_rows(data:'  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    912\n' +
                            '  UDP    [::]:500       *:*                        4\n');
out = make_list();
foreach r (kept)
{
  if (typeof(r) != "array")
    r = na_netstat_row(packed:r);
  out[max_index(out)] = r["proto"] + "/" + r["local_addr"] + "/" + r["local_port"] + "/" + r["pid"] + "/" + r["line"];
}
show(what:"netstat kept", v:out);
show(what:"netstat bad packed", v:na_netstat_row(packed:"N\x01"));
r = na_netstat_parse_info(data:"x\n");
show(what:"netstat info", v:r["unparsed"]);
r = na_tasklist_parse(data:'"svchost.exe","912","RpcSs,RpcEptMapper"\n');
r = r["912"];
show(what:"tasklist", v:r["services"]);

# tests/runner/plugins/nasl_audit_ports.nasl: a stand-in checks plugin for the runner tests:
# one policy record per staged policy and the results the scenario asks for.

if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.9.59.902");
  script_name("nasl-audit runner test: checks");
  script_category(ACT_GATHER_INFO);
  script_family("Policy");
  exit(0);
}

SCENARIO = get_kb_item("nasl-audit/var/SCENARIO");
if (get_kb_item("nasl-audit/var/NA_HOST") == get_host_ip())
  SCENARIO = "not_audited";
if (!defined_func("nasl_audit_record") || SCENARIO == "not_audited" || SCENARIO == "no_target")
  exit(0);

function result(file, line, name, res, comp, actual, policy)
{
  return nasl_audit_record(kind:"result",
    data:make_array("check_id", hexstr(MD5(file + ":" + name)), "audit_file", file, "line", line,
                    "group", "test group", "type", "AUDIT_DENIED_OPEN_PORTS", "check_name", name,
                    "check_type", "Unix", "result", res, "compliant", comp,
                    "actual_value", actual, "policy_value", policy,
                    "info", "why this matters", "solution", "close the port", "reference", "CIS|1.2",
                    "see_also", "https://example.invalid/bench", "severity", "HIGH",
                    "ports", "23/tcp", "evidence", "tcp 0.0.0.0:23 telnetd", "note", ""));
}

if (SCENARIO == "bad_kind")
  nasl_audit_record(kind:"resultt", data:make_array("x", 1));
if (SCENARIO == "missing_key")
  nasl_audit_record(kind:"result", data:make_array("check_id", "x", "audit_file", "a.audit"));
if (SCENARIO == "wrong_type")
  nasl_audit_record(kind:"listener", data:make_array("proto", "tcp", "address", "0.0.0.0", "port", "22",
                                                      "exposed", 1, "counted", 1));
if (SCENARIO == "unknown_key")
  nasl_audit_record(kind:"gather", data:make_array("line", "x", "colour", "red"));
if (SCENARIO == "bad_value")
  nasl_audit_record(kind:"result", data:make_array("check_id", "x", "audit_file", "a.audit",
                    "check_name", "n", "result", "PASS", "compliant", "YES"));
if (SCENARIO == "not_array")
  nasl_audit_record(kind:"gather", data:"line");

files = audit_policy_files();
foreach f (files)
{
  base = ereg_replace(string:f, pattern:"^.*/", replace:"");
  text = fread(f);
  if ("NOT_APPLICABLE" >< text)
  {
    nasl_audit_record(kind:"policy", data:make_array("file", base, "path", f, "name", "", "version", "",
                      "check_type", "Windows", "status", "not_applicable", "reason", "", "items", 0));
    continue;
  }
  if ("ONLY_UNKNOWN" >< text)
  {
    p = make_array("file", base, "path", f, "check_type", "Unix", "status", "ran", "items", 0);
    p["skipped"] = make_array("FILE_CHECK", 2, "CMD_EXEC", 1);
    nasl_audit_record(kind:"policy", data:p);
    continue;
  }
  p = make_array("file", base, "path", f, "name", "Test policy", "version", "1.2",
                 "check_type", "Unix", "status", "ran", "items", 2);
  p["skipped"] = make_array("FILE_CHECK", 1);
  nasl_audit_record(kind:"policy", data:p);
  if (SCENARIO == "all_pass")
  {
    result(file:base, line:3, name:"telnet must not listen", res:"PASSED", comp:"YES",
           actual:"no denied port open", policy:"23");
    result(file:base, line:9, name:"ftp must not listen", res:"PASSED", comp:"YES",
           actual:"no denied port open", policy:"21");
  }
  else if (SCENARIO == "error")
  {
    result(file:base, line:3, name:"telnet must not listen", res:"PASSED", comp:"YES",
           actual:"no denied port open", policy:"23");
    result(file:base, line:9, name:"owner of 22", res:"ERROR", comp:"INCOMPLETE",
           actual:"process unknown: the login cannot see process owners", policy:"sshd");
  }
  else if (SCENARIO == "hostile")
  {
    result(file:base, line:3, name:"hostile " + raw_string(0x1b) + "[1A" + raw_string(0x1b) + "[2K" + raw_string(0x0d) + "PASSED", res:"FAILED", comp:"NO",
           actual:"open: 6666/tcp " + raw_string(0xc3, 0x28) + " end" + raw_string(0x00) + "tail", policy:"6666");
  }
  else
  {
    result(file:base, line:3, name:"telnet must not listen", res:"FAILED", comp:"NO",
           actual:"denied ports open: 23/tcp", policy:"23");
    result(file:base, line:9, name:"ftp must not listen", res:"PASSED", comp:"YES",
           actual:"no denied port open", policy:"21");
  }
}

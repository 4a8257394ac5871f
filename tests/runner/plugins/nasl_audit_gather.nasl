# tests/runner/plugins/nasl_audit_gather.nasl: a stand-in gather plugin for the runner tests.
# It speaks the record contract (nasl_audit_record) the way the real plugins
# do, with what the test asks for in the policy variable SCENARIO (--var).

if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.9.59.901");
  script_name("nasl-audit runner test: gather");
  script_category(ACT_GATHER_INFO);
  script_family("Policy");
  exit(0);
}

SCENARIO = get_kb_item("nasl-audit/var/SCENARIO");
# one target of several can be made "not audited": --var NA_HOST=ADDRESS
if (get_kb_item("nasl-audit/var/NA_HOST") == get_host_ip())
  SCENARIO = "not_audited";
TRANSPORT = get_kb_item("nasl-audit/transport");
NL = raw_string(0x0a);

function target(status, reason, code)
{
  local_var t;
  t = make_array("os", "linux", "os_detail", "Linux 6.1.0-test", "transport", TRANSPORT,
                 "login", "tester", "privileged", 1, "listener_source", "ss -H -tulpn",
                 "process_source", "", "api", "module", "status", status);
  if (reason)
    t["reason"] = reason;
  if (code)
    t["reason_code"] = code;
  return nasl_audit_record(kind:"target", data:t);
}

function listener(proto, addr, port, pid, process, exposed)
{
  return nasl_audit_record(kind:"listener",
    data:make_array("proto", proto, "family", 4, "address", addr, "port", port,
                    "port_text", string(port), "pid", pid, "process", process, "services", "",
                    "exposed", exposed, "counted", exposed, "reachable", "untested"));
}

if (!defined_func("nasl_audit_record"))
{
  log_message(data:"no nasl_audit_record: not running under nasl-audit");
  exit(0);
}

nasl_audit_record(kind:"gather", data:make_array("line", "scenario " + SCENARIO));

if (SCENARIO == "not_audited")
{
  target(status:"not_audited", reason:"authentication refused for user tester", code:"auth");
  exit(0);
}
if (SCENARIO == "no_target")
  exit(0);
# What the runner's SSH options put in the KB, one gather line each; the sudo
# password only as whether it equals --var EXPECT_PW.
if (SCENARIO == "ssh_settings")
{
  foreach k (make_list("nasl-audit/ssh_known_hosts", "nasl-audit/ssh_strict_host_key",
                       "nasl-audit/ssh_default_keys", "nasl-audit/ssh_config",
                       "nasl-audit/ssh_host_name", "nasl-audit/sudo", "nasl-audit/ssh/port",
                       "Secret/SSH/login"))
  {
    v = get_kb_item(k);
    if (isnull(v))
      v = "(unset)";
    nasl_audit_record(kind:"gather", data:make_array("line", k + "=" + v));
  }
  pw = get_kb_item("Secret/nasl-audit/sudo_password");
  if (isnull(pw))
    line = "sudo password: unset";
  else if (pw == get_kb_item("nasl-audit/var/EXPECT_PW"))
    line = "sudo password: as expected";
  else
    line = "sudo password: different";
  nasl_audit_record(kind:"gather", data:make_array("line", line));
  target(status:"audited");
  exit(0);
}
# What the runner's SMB options put in the KB, one gather line each; the
# password only as whether it equals --var EXPECT_PW.
if (SCENARIO == "smb_settings")
{
  foreach k (make_list("nasl-audit/transport", "SMB/login", "SMB/domain", "SMB/transport",
                       "nasl-audit/smb_port", "Secret/SSH/login", "Secret/SSH/password",
                       "nasl-audit/ssh/port", "nasl-audit/ssh_host_name"))
  {
    v = get_kb_item(k);
    if (isnull(v))
      v = "(unset)";
    nasl_audit_record(kind:"gather", data:make_array("line", k + "=" + v));
  }
  pw = get_kb_item("SMB/password");
  if (isnull(pw))
    line = "smb password: unset";
  else if (pw == get_kb_item("nasl-audit/var/EXPECT_PW"))
    line = "smb password: as expected";
  else
    line = "smb password: different";
  nasl_audit_record(kind:"gather", data:make_array("line", line));
  target(status:"audited");
  exit(0);
}
if (SCENARIO == "crash_wait" || SCENARIO == "slow")
{
  target(status:"audited");
  # a local command that outlives nothing: the runner must stop it with the worker
  pread(cmd:"/bin/sh", argv:make_list("sh", "-c", "echo $$ > " + get_kb_item("nasl-audit/var/PIDFILE") + "; env > " + get_kb_item("nasl-audit/var/ENVFILE") + "; exec sleep 60"));
  exit(0);
}
if (SCENARIO == "slow_ssh")
{
  target(status:"audited");
  sess = ssh_connect(port:int(get_kb_item("nasl-audit/ssh/port")));
  if (!sess || ssh_userauth(sess) != 0)
  {
    nasl_audit_record(kind:"gather", data:make_array("line", "ssh failed"));
    exit(0);
  }
  ssh_request_exec(sess, cmd:"sleep 60", stdout:1);
  exit(0);
}

target(status:"audited");
listener(proto:"tcp", addr:"0.0.0.0", port:22, pid:812, process:"sshd", exposed:1);
listener(proto:"tcp", addr:"127.0.0.1", port:25, pid:901, process:"exim4", exposed:0);
listener(proto:"udp", addr:"0.0.0.0", port:123, pid:77, process:"chronyd", exposed:1);
if (!get_kb_item("nasl-audit/var/DROP8080"))
  listener(proto:"tcp", addr:"0.0.0.0", port:8080, pid:4242, process:"evil|name", exposed:1);
listener(proto:"tcp", addr:"::", port:443, pid:-1, process:"", exposed:1);
if (SCENARIO == "hostile")
{
  listener(proto:"tcp", addr:"0.0.0.0", port:6666, pid:1,
           process:raw_string(0x1b) + "[2K" + raw_string(0x0d) + "PASSED " + raw_string(0xff, 0xfe) + "<script>alert(1)</script>" + raw_string(0xe2, 0x80, 0xae) + "rev", exposed:1);
}
if (SCENARIO == "many")
{
  for (i = 0; i < int(get_kb_item("nasl-audit/var/COUNT")); i++)
    listener(proto:"tcp", addr:"10.0.0.1", port:i % 65536, pid:i, process:"p" + i, exposed:1);
}
if (get_kb_item("nasl-audit/var/EXTRA"))
  listener(proto:"tcp", addr:"0.0.0.0", port:int(get_kb_item("nasl-audit/var/EXTRA")), pid:5, process:"extra", exposed:1);
if (SCENARIO == "service_name")
  nasl_audit_record(kind:"listener",
    data:make_array("proto", "tcp", "family", 4, "address", "0.0.0.0", "port", -1,
                    "port_text", "ssh", "exposed", 1, "counted", 1));

# nasl_audit_ports.nasl: runs every .audit policy (AUDIT_ALLOWED_OPEN_PORTS, AUDIT_DENIED_OPEN_PORTS, AUDIT_PROCESS_ON_PORT) and tags open ports.

if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.9.59.2");
  script_version("2026-11-23T00:00:00+0000");
  script_tag(name:"last_modification", value:"2026-11-23 00:00:00 +0000 (Mon, 23 Nov 2026)");
  script_tag(name:"creation_date", value:"2026-11-23 00:00:00 +0000 (Mon, 23 Nov 2026)");
  script_tag(name:"cvss_base_vector", value:"AV:N/AC:L/Au:N/C:N/I:N/A:N");
  script_name("nasl-audit: Open port compliance (.audit policies)");
  script_category(ACT_GATHER_INFO);
  script_family("Policy");
  script_copyright("Copyright (C) 2026 nasl-audit authors");
  script_dependencies("nasl_audit_gather.nasl");
  script_add_preference(name:"Policy file (.audit)", type:"file", value:"", id:1);
  script_add_preference(name:"Include loopback-only listeners", type:"checkbox", value:"no", id:2);
  script_add_preference(name:"Confirm open ports with the port scan", type:"checkbox", value:"no", id:3);
  script_add_preference(name:"Run the policy folder", type:"checkbox", value:"yes", id:4);
  script_tag(name:"summary", value:"Evaluates the Nessus port compliance checks AUDIT_ALLOWED_OPEN_PORTS,
  AUDIT_DENIED_OPEN_PORTS and AUDIT_PROCESS_ON_PORT of every .audit file in the policy folder and of
  the uploaded policy file against the listening sockets collected from the target, and tags the
  host with its open ports.");
  script_tag(name:"qod_type", value:"package");
  exit(0);
}

include("nasl_audit_func.inc");
include("nasl_audit_checks.inc");

OID = "1.3.6.1.4.1.25623.1.9.59.2";

# Reports the module as missing once, as an ERROR, rather than running nothing.
if (!defined_func("audit_parse"))
{
  log_message(port:0, proto:"Policy/Control", data:"Compliant: INCOMPLETE" + NASL_AUDIT_NL +
              "The nasl-audit module (audit_parse() and friends) is not loaded into this scanner; no policy was run.");
  exit(0);
}

NA_OS = get_kb_item("nasl-audit/os");
if (isnull(NA_OS))
  NA_OS = "unknown";
NA_LOOPBACK = na_pref_yes(name:"Include loopback-only listeners");
NA_CONFIRM = na_pref_yes(name:"Confirm open ports with the port scan");
NA_TASKS = na_tasks();
NA_ROWS = na_listener_rows();
NA_ROWS_ERROR = get_kb_item("nasl-audit/listeners/error");
if (isnull(NA_ROWS_ERROR))
  NA_ROWS_ERROR = "the gather plugin did not run";
NA_HAVE_PIDS = get_kb_item("nasl-audit/listeners/pids");
NA_UNPARSED = get_kb_item("nasl-audit/listeners/unparsed");
if (isnull(NA_UNPARSED))
  NA_UNPARSED = 0;

# --- every listener, and the open ports as host tags ------------------------
tags = make_list();
seen = make_array();
n = 0;
foreach r (NA_ROWS)
{
  counted = na_row_counts(row:r, include_loopback:NA_LOOPBACK, confirm_scan:NA_CONFIRM);
  exposed = "exposed";
  if (na_is_loopback(addr:r["local_addr"]))
    exposed = "local-only";
  pname = na_join(list:na_row_processes(row:r, tasks:NA_TASKS), sep:",");
  pid = r["pid"];
  if (isnull(pid))
    pid = "";
  n++;
  replace_kb_item(name:"nasl-audit/port/" + na_pad5(n:n),
                  value:r["proto"] + "|" + r["family"] + "|" + r["local_addr"] + "|" + r["local_port"] + "|" +
                        pid + "|" + pname + "|" + exposed);
  tag = "Port: " + r["local_port"] + "/" + r["proto"];
  if (counted && isnull(seen[tag]))
  {
    seen[tag] = 1;
    tags[max_index(tags)] = tag;
  }
}
tags = sort(tags);
# Replaced, never appended to: a port that closed loses its tag.
rm_kb_item(name:"nasl-audit/tag/Open Ports");
foreach t (tags)
  set_kb_item(name:"nasl-audit/tag/Open Ports", value:t);
replace_kb_item(name:"HostDetails/NVT/" + OID + "/Open Ports", value:na_join(list:tags, sep:","));
if (!isnull(NA_ROWS))
{
  if (max_index(tags) == 0)
    log_message(port:0, proto:"Policy/Control", data:"Open Ports: none");
  else
    log_message(port:0, proto:"Policy/Control", data:"Open Ports:" + NASL_AUDIT_NL + na_join(list:tags, sep:NASL_AUDIT_NL));
}

# --- the policies --------------------------------------------------------------
ran = 0;
if (na_pref_yes(name:"Run the policy folder") || isnull(script_get_preference("Run the policy folder")))
{
  files = audit_policy_files();
  if (isnull(files))
    na_file_error(message:"the policy folder could not be read", line:0);
  foreach f (files)
  {
    data = fread(f);
    base = ereg_replace(string:f, pattern:"^.*/", replace:"");
    if (isnull(data))
    {
      NA_FILE = base;
      na_file_error(message:"cannot read " + f, line:0);
      continue;
    }
    na_run_audit(data:data, name:base);
    ran++;
  }
}

uploaded = script_get_preference_file_content("Policy file (.audit)");
if (!isnull(uploaded) && strlen(uploaded) > 0)
{
  na_run_audit(data:uploaded, name:"Policy file (.audit)");
  ran++;
}

if (ran == 0)
  log_message(port:0, proto:"Policy/Control", data:"No .audit policy was found (policy folder empty and no policy file uploaded).");
exit(0);

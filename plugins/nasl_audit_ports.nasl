# SPDX-License-Identifier: GPL-2.0-or-later
# nasl_audit_ports.nasl: runs every .audit policy (AUDIT_ALLOWED_OPEN_PORTS, AUDIT_DENIED_OPEN_PORTS, AUDIT_PROCESS_ON_PORT) and reports the open ports.

if (description)
{
  script_oid("2.25.74688650043379369458660367427586772907.2");
  script_version("2026-12-04T00:00:00+0000");
  script_tag(name:"last_modification", value:"2026-12-04 00:00:00 +0000 (Fri, 04 Dec 2026)");
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
  script_add_preference(name:"Test whether exposed listeners are reachable from the scanner", type:"checkbox", value:"no", id:5);
  script_add_preference(name:"Count only listeners reachable from the scanner", type:"checkbox", value:"no", id:6);
  script_tag(name:"summary", value:"Evaluates the Nessus port compliance checks AUDIT_ALLOWED_OPEN_PORTS,
  AUDIT_DENIED_OPEN_PORTS and AUDIT_PROCESS_ON_PORT of every .audit file in the policy folder and of
  the uploaded policy file against the listening sockets collected from the target, and reports the
  host's open ports as a host detail.");
  script_tag(name:"qod_type", value:"package");
  exit(0);
}

include("nasl_audit_func.inc");
include("nasl_audit_api.inc");
include("nasl_audit_paths.inc");
include("nasl_audit_checks.inc");

OID = "2.25.74688650043379369458660367427586772907.2";

# Whether a listener counts as open under the operator's preferences:
# exposed (not loopback-only) unless loopback listeners are included, and
# confirmed by the port scan when that is asked for and scan results exist.
function ports_row_counts(row)
{
  local_var port;
  if (!NA_LOOPBACK && na_is_loopback(addr:row["local_addr"]))
    return FALSE;
  if (NA_CONFIRM && get_kb_item("Host/scanned"))
  {
    port = row["local_port"];
    if (row["proto"] == "tcp" && !get_port_state(port))
      return FALSE;
    if (row["proto"] == "udp" && !get_udp_port_state(port))
      return FALSE;
  }
  return TRUE;
}

# Parses the listener table once and builds the indexes the checks use
# (see nasl_audit_checks.inc); emits one record per listener.  Returns the
# sorted "Port: N/proto" tags of the ports that count as open.
function ports_index_listeners(raw)
{
  local_var r, i, n, key, counted, tags, seen, names, exposed, pid, tag, num_tcp, num_udp, proto, lst, reach;
  # The parsed rows stay where the parser put them (no copy per row: a big
  # listing would cost its size again), packed when the audit functions
  # can (na_netstat_rows()); the indexes point into them, na_row() reads them.
  NA_ROWS = na_netstat_rows(data:raw);
  if (isnull(NA_ROWS))
    return NULL;
  NA_COUNTED = make_list();
  NA_REACH = make_list();
  lst = make_list();
  n = max_index(NA_ROWS);
  for (i = 0; i < n; i++)
  {
    r = na_row(i:i);
    # A kept row that cannot be read back is a listing we cannot judge.
    if (isnull(r))
      return NULL;
    if (!na_is_listener(row:r))
      continue;
    lst[max_index(lst)] = i;
    NA_COUNTED[i] = ports_row_counts(row:r);
  }
  if (NA_REACHABILITY)
    ports_probe(listeners:lst);
  NA_BY_PORT = make_array();
  NA_NAMED = make_array("tcp", "", "udp", "");
  num_tcp = make_list();
  num_udp = make_list();
  tags = make_list();
  seen = make_array();
  foreach i (lst)
  {
    r = na_row(i:i);
    reach = NA_REACH[i];
    if (isnull(reach))
      reach = "untested";
    # Tested and not reachable: not counted when the operator asks for it.
    # Untested listeners keep counting (nothing passes on what was not seen).
    if (NA_ONLY_REACHABLE && reach == "no")
      NA_COUNTED[i] = FALSE;
    counted = NA_COUNTED[i];
    proto = r["proto"];
    if (typeof(r["local_port"]) == "int")
    {
      key = proto + "/" + r["local_port"];
      if (isnull(NA_BY_PORT[key]))
      {
        NA_BY_PORT[key] = string(i);
        if (proto == "tcp")
          num_tcp[max_index(num_tcp)] = r["local_port"];
        else
          num_udp[max_index(num_udp)] = r["local_port"];
      }
      else
        NA_BY_PORT[key] = NA_BY_PORT[key] + "," + i;
      tag = r["local_port"] + "/" + proto;
      if (counted && isnull(seen[tag]))
      {
        seen[tag] = 1;
        tags[max_index(tags)] = tag;
      }
    }
    else if (counted)
    {
      if (NA_NAMED[proto] == "")
        NA_NAMED[proto] = string(i);
      else
        NA_NAMED[proto] = NA_NAMED[proto] + "," + i;
    }
    names = na_row_processes(row:r, tasks:NA_TASKS);
    exposed = 1;
    if (na_is_loopback(addr:r["local_addr"]))
      exposed = 0;
    pid = r["pid"];
    if (isnull(pid))
      pid = -1;
    na_record(kind:"listener",
              data:make_array("proto", proto, "family", int(r["family"]), "address", na_str(v:r["local_addr"]),
                              "port", ports_int_port(p:r["local_port"]), "port_text", na_str(v:r["local_port"]),
                              "pid", int(pid), "process", na_join(list:names, sep:","),
                              "services", na_pid_services(pid:r["pid"], tasks:NA_TASKS),
                              "exposed", exposed, "counted", int(counted), "reachable", reach));
  }
  NA_PORTS = make_array();
  NA_PORTS["tcp"] = na_unique_sorted(list:num_tcp);
  NA_PORTS["udp"] = na_unique_sorted(list:num_udp);
  return ports_sort_tags(tags:tags);
}

# --- reachability from the scanner ----------------------------------------------

# Whether the scanner can reach a listener at the scanned address: a
# listener on a wildcard address or on that address itself.  Listeners bound
# to another address of the host, or to loopback, cannot be tested from here.
function ports_probe_target(row)
{
  local_var a, ip;
  a = tolower(row["local_addr"]);
  ip = tolower(get_host_ip());
  if (na_is_loopback(addr:a))
    return FALSE;
  if (a == ip)
    return TRUE;
  if (a == "0.0.0.0" || a == "*")
    return ":" >!< ip;
  if (a == "::")
    return TRUE;
  return FALSE;
}

# Fills NA_REACH[i] ("yes", "no", "untested") for the listeners that count
# as open.  TCP: a connection from the scanner to the scanned address,
# through the host program's parallel prober when it has one
# (nasl_audit_probe, nasl-audit's runner), else one open_sock_tcp() after the
# other; both bounded by NA_PROBE_TIMEOUT per port and NA_PROBE_BUDGET in
# all, ports left over stay untested.  UDP: the port scan's verdict when a
# UDP scan ran, else untested.
NA_PROBE_TIMEOUT = 2;
NA_PROBE_BUDGET = 60;

function ports_probe(listeners)
{
  local_var i, r, ports, seen, got, p, verdict, deadline, soc;
  ports = make_list();
  seen = make_array();
  foreach i (listeners)
  {
    r = na_row(i:i);
    if (!NA_COUNTED[i] || typeof(r["local_port"]) != "int" || !ports_probe_target(row:r))
      continue;
    if (r["proto"] == "udp")
    {
      if (get_kb_item("Host/udp_scanned"))
      {
        if (get_udp_port_state(r["local_port"]))
          NA_REACH[i] = "yes";
        else
          NA_REACH[i] = "no";
      }
      continue;
    }
    if (isnull(seen[string(r["local_port"])]))
    {
      seen[string(r["local_port"])] = "untested";
      ports[max_index(ports)] = r["local_port"];
    }
  }
  if (max_index(ports) > 0 && defined_func("nasl_audit_probe"))
  {
    got = nasl_audit_probe(ports:ports, timeout:NA_PROBE_TIMEOUT, budget:NA_PROBE_BUDGET);
    foreach p (ports)
      if (!isnull(got[string(p)]))
        seen[string(p)] = got[string(p)];
  }
  else if (max_index(ports) > 0)
  {
    deadline = unixtime() + NA_PROBE_BUDGET;
    foreach p (ports)
    {
      if (unixtime() >= deadline)
        break;
      soc = open_sock_tcp(p, timeout:NA_PROBE_TIMEOUT, transport:ENCAPS_IP);
      if (soc)
      {
        close(soc);
        seen[string(p)] = "yes";
      }
      else
        seen[string(p)] = "no";
    }
  }
  foreach i (listeners)
  {
    r = na_row(i:i);
    if (r["proto"] == "tcp" && NA_COUNTED[i] && typeof(r["local_port"]) == "int" && ports_probe_target(row:r))
      NA_REACH[i] = seen[string(r["local_port"])];
  }
}

function ports_int_port(p)
{
  if (typeof(p) == "int")
    return p;
  return -1;
}

# "22/tcp", "80/tcp", "123/udp": TCP first, then by number.
function ports_sort_tags(tags)
{
  local_var keyed, t, parts, k, out;
  keyed = make_list();
  foreach t (tags)
  {
    parts = split(t, sep:"/", keep:FALSE);
    k = "0";
    if (parts[1] == "udp")
      k = "1";
    keyed[max_index(keyed)] = k + na_pad5(n:parts[0]) + "|" + t;
  }
  out = make_list();
  foreach k (sort(keyed))
    out[max_index(out)] = substr(k, 7);
  return out;
}

# XML text with the five reserved characters escaped.
function ports_xml(s)
{
  s = str_replace(string:s, find:"&", replace:"&amp;");
  s = str_replace(string:s, find:"<", replace:"&lt;");
  s = str_replace(string:s, find:">", replace:"&gt;");
  s = str_replace(string:s, find:'"', replace:"&quot;");
  return str_replace(string:s, find:"'", replace:"&apos;");
}

# The open ports as a host detail, the way Greenbone's host details reach the
# manager: one Host_Details log message in the detail XML form.
function ports_host_detail(tags)
{
  local_var value, xml;
  value = "none";
  if (max_index(tags) > 0)
    value = na_join(list:tags, sep:",");
  xml = "<host><detail><name>Open Ports</name><value>" + ports_xml(s:value) + "</value>" +
        "<source><type>nvt</type><name>" + OID + "</name>" +
        "<description>nasl-audit: Open port compliance (.audit policies)</description></source></detail></host>";
  log_message(proto:"Host_Details", data:xml);
}

# The policy folder: the runner's KB item, else the folder the plugins were
# installed with (nasl_audit_paths.inc).
function ports_policy_dir()
{
  local_var d;
  d = get_kb_item("nasl-audit/policy_dir");
  if (!isnull(d) && d != "")
    return d;
  return NA_POLICY_DIR;
}

function ports_target_record(status, reason, code)
{
  local_var login, dom;
  if (ports_transport() == "smb")
  {
    login = na_smb_kb(name:"login");
    dom = na_smb_kb(name:"domain");
    if (login && dom)
      login = dom + '\\' + login;
  }
  else
    login = get_kb_item("Secret/SSH/login");
  if (isnull(login))
    login = "";
  na_record(kind:"target",
            data:make_array("os", NA_OS, "os_detail", na_str(v:get_kb_item("nasl-audit/os_detail")),
                            "transport", ports_transport(), "login", login, "privileged", int(NA_PRIVILEGED),
                            "listener_source", na_str(v:get_kb_item("nasl-audit/listeners/source")),
                            "process_source", na_str(v:get_kb_item("nasl-audit/processes/source")),
                            "api", na_api_path(), "status", status, "reason", reason, "reason_code", code));
}

# One log result per host saying how it was audited: where the listeners
# came from, the OS, the login's privileges, and which implementation of
# the audit functions ran (the C module, e.g. the OpenVAS bridge, or the
# pure-NASL one of a stock scanner).
function ports_audit_summary()
{
  local_var t, detail, priv, src;
  t = "How this host was audited:" + NASL_AUDIT_NL +
      "Collected over: " + toupper(ports_transport()) + NASL_AUDIT_NL +
      "Listeners from: '" + get_kb_item("nasl-audit/listeners/source") + "' (" + max_index(NA_ROWS) + " socket rows)" + NASL_AUDIT_NL;
  src = get_kb_item("nasl-audit/processes/source");
  if (!isnull(src))
    t += "Processes from: '" + src + "'" + NASL_AUDIT_NL;
  detail = get_kb_item("nasl-audit/os_detail");
  t += "Target OS: " + NA_OS;
  if (!isnull(detail) && detail != "")
    t += " (" + detail + ")";
  priv = "unknown";
  if (NA_PRIVILEGED == 1)
    priv = "yes";
  else if (NA_PRIVILEGED == 0)
    priv = "no";
  t += NASL_AUDIT_NL + "Privileged login: " + priv + NASL_AUDIT_NL + "Audit functions: ";
  if (na_api_path() == "module")
    t += "the audit module (C: the OpenVAS bridge in a scanner, or nasl-audit's own interpreter)";
  else
    t += "pure NASL (no audit module or OpenVAS bridge loaded)";
  return t;
}

function ports_transport()
{
  local_var t;
  t = get_kb_item("nasl-audit/transport_used");
  if (isnull(t))
    t = get_kb_item("nasl-audit/transport");
  if (isnull(t))
    return "ssh";
  return t;
}

# --- main ---------------------------------------------------------------------

NA_OS = get_kb_item("nasl-audit/os");
if (isnull(NA_OS))
  NA_OS = "unknown";
NA_PRIVILEGED = get_kb_item("nasl-audit/privileged");
if (isnull(NA_PRIVILEGED))
  NA_PRIVILEGED = -1;
NA_LOOPBACK = na_pref_yes(name:"Include loopback-only listeners");
NA_CONFIRM = na_pref_yes(name:"Confirm open ports with the port scan");
NA_REACHABILITY = na_pref_yes(name:"Test whether exposed listeners are reachable from the scanner");
NA_ONLY_REACHABLE = NA_REACHABILITY && na_pref_yes(name:"Count only listeners reachable from the scanner");
NA_HAVE_PIDS = get_kb_item("nasl-audit/listeners/pids");
NA_UNPARSED = get_kb_item("nasl-audit/listeners/unparsed");
if (isnull(NA_UNPARSED))
  NA_UNPARSED = 0;
NA_TASKS = make_array();
raw = get_kb_item("nasl-audit/processes/raw");
if (!isnull(raw))
  NA_TASKS = na_tasklist_parse(data:raw);
if (isnull(NA_TASKS))
  NA_TASKS = make_array();

raw = get_kb_item("nasl-audit/listeners/raw");
if (isnull(raw))
{
  # Nothing to audit on: one INCOMPLETE result for the host, with the cause,
  # instead of one ERROR per policy item.
  why = get_kb_item("nasl-audit/listeners/error");
  code = get_kb_item("nasl-audit/listeners/error_code");
  if (isnull(why) && get_kb_item("nasl-audit/gather/started") && !get_kb_item("nasl-audit/gather/done"))
  {
    # Started, never finished: the scanner stops a plugin at its timeout
    # (plugins_timeout, 320 s by default; the scan shows "NVT timed out").
    why = "the gather plugin (nasl_audit_gather.nasl) started but did not finish";
    step = get_kb_item("nasl-audit/gather/step");
    if (!isnull(step))
      why += " (it was " + step + ")";
    why += ": the scanner stopped it at its plugin timeout, or it failed (see the scanner's log)";
    code = "timeout";
  }
  else if (isnull(why))
  {
    why = "the gather plugin (nasl_audit_gather.nasl) did not run";
    code = "internal";
  }
  if (isnull(code))
    code = "internal";
  log_message(port:0, proto:"Policy/Control",
              data:"Compliant: INCOMPLETE" + NASL_AUDIT_NL + "Target not audited: " + why + NASL_AUDIT_NL +
                   NASL_AUDIT_NL + "No policy was evaluated: the listening ports of this host could not be collected.");
  ports_target_record(status:"not_audited", reason:why, code:code);
  exit(0);
}
tags = ports_index_listeners(raw:raw);
raw = NULL;
if (isnull(tags))
{
  # The parser gave up on a listing the gather plugin had accepted (a limit
  # of this interpreter): nothing can be judged on it.
  why = "the listener table could not be parsed here: " + na_api_error();
  log_message(port:0, proto:"Policy/Control",
              data:"Compliant: INCOMPLETE" + NASL_AUDIT_NL + "Target not audited: " + why);
  ports_target_record(status:"not_audited", reason:why, code:"unreadable");
  exit(0);
}
ports_target_record(status:"audited", reason:"", code:"");
ports_host_detail(tags:tags);
if (max_index(tags) == 0)
  log_message(port:0, proto:"Policy/Control", data:"Open Ports: none");
else
  log_message(port:0, proto:"Policy/Control", data:"Open Ports:" + NASL_AUDIT_NL + na_join(list:tags, sep:NASL_AUDIT_NL));
log_message(port:0, proto:"Policy/Control", data:ports_audit_summary());

# --- the policies --------------------------------------------------------------
files_ran = make_list();
if (na_pref_yes(name:"Run the policy folder") || isnull(script_get_preference("Run the policy folder")))
{
  dir = ports_policy_dir();
  files = na_policy_files(dir:dir);
  if (isnull(files))
  {
    NA_FILE = dir;
    na_file_error(message:"the policy folder " + dir + " could not be read: " + na_api_error(), line:0);
  }
  foreach f (files)
  {
    base = ereg_replace(string:f, pattern:"^.*/", replace:"");
    data = fread(f);
    if (isnull(data))
    {
      NA_FILE = base;
      na_file_error(message:"cannot read " + f, line:0);
      na_policy_record(name:base, path:f, doc:NULL, status:"error", reason:"cannot read " + f, ctypes:"");
      continue;
    }
    na_run_audit(data:data, name:base, path:f);
    files_ran[max_index(files_ran)] = base;
  }
  log_message(port:0, proto:"Policy/Control",
              data:"Policy folder: " + dir + NASL_AUDIT_NL + "Files run: " + max_index(files_ran) + NASL_AUDIT_NL +
                   na_join(list:files_ran, sep:NASL_AUDIT_NL));
}

uploaded = script_get_preference_file_content("Policy file (.audit)");
if (!isnull(uploaded) && strlen(uploaded) > 0)
{
  label = get_kb_item("nasl-audit/policy_file_name");
  if (isnull(label))
    label = "Policy file (.audit)";
  na_run_audit(data:uploaded, name:label, path:"");
  files_ran[max_index(files_ran)] = label;
}

if (max_index(files_ran) == 0)
  log_message(port:0, proto:"Policy/Control", data:"No .audit policy was found (policy folder empty and no policy file uploaded).");
exit(0);

# SPDX-License-Identifier: GPL-2.0-or-later
# nasl_audit_gather.nasl: decides the target OS and collects its listening sockets and processes once, in one round trip.

if (description)
{
  script_oid("2.25.74688650043379369458660367427586772907.1");
  script_version("2026-12-04T00:00:00+0000");
  script_tag(name:"last_modification", value:"2026-12-04 00:00:00 +0000 (Fri, 04 Dec 2026)");
  script_tag(name:"creation_date", value:"2026-11-23 00:00:00 +0000 (Mon, 23 Nov 2026)");
  script_tag(name:"cvss_base_vector", value:"AV:N/AC:L/Au:N/C:N/I:N/A:N");
  script_name("nasl-audit: Gather listening ports and processes");
  script_category(ACT_GATHER_INFO);
  script_family("Policy");
  script_copyright("Copyright (C) 2026 nasl-audit authors");
  # The credential plugins of the scanner fill Secret/SSH/* (and SMB/*) in
  # the settings phase; depending on them orders us after them.
  script_dependencies("ssh_authorization_init.nasl", "smb_authorization.nasl");
  script_add_preference(name:"Run collection commands with sudo -n", type:"checkbox", value:"no", id:1);
  script_tag(name:"summary", value:"Collects the listening TCP/UDP sockets of the target and the
  processes that own them, over an authenticated SSH session (Linux, Unix, Windows OpenSSH) or
  locally, for the nasl-audit port compliance checks.");
  script_tag(name:"qod_type", value:"package");
  exit(0);
}

include("nasl_audit_func.inc");
include("nasl_audit_api.inc");
include("nasl_audit_collect.inc");

# What the scanner or the operator already knows about the OS: "windows",
# "unix" or NULL.
function gather_os_hint()
{
  local_var forced;
  forced = get_kb_item("nasl-audit/os/forced");
  if (forced)
    return tolower(forced);
  if (na_transport() == "smb")
    return "windows";
  if (get_kb_item("Host/runs_windows"))
    return "windows";
  if (get_kb_item("ssh/login/uname") || get_kb_item("Host/runs_unixoide"))
    return "unix";
  return NULL;
}

function gather_sudo_wanted()
{
  if (get_kb_item("nasl-audit/sudo"))
    return TRUE;
  return na_pref_yes(name:"Run collection commands with sudo -n");
}

# The OS name from 'uname -sr' ("Linux 6.1.0" -> "linux").
function gather_unix_os(text)
{
  local_var w;
  text = na_trim(s:text);
  if (isnull(text) || text == "")
    return NULL;
  w = split(text, sep:" ", keep:FALSE);
  return tolower(w[0]);
}

# Validates one listing section and stores it.  Returns TRUE when the
# listing is trusted: complete, exit status 0, within the size cap, and
# every line understood by the parser or at least one socket row found.
function gather_take_listing(sec)
{
  local_var data, info, rows, n, pids, what;
  data = sec["data"];
  what = "'" + sec["cmd"] + "'";
  if (isnull(sec["rc"]) || sec["rc"] != 0 || sec["cut"])
    return FALSE;
  if (strlen(data) > NA_LISTING_CAP)
  {
    na_log_gather(line:what + ": " + strlen(data) + " bytes, more than the cap of " + NA_LISTING_CAP + " bytes");
    na_fail(reason:"the listing printed by " + what + " is larger than " + NA_LISTING_CAP + " bytes", code:"output_cap");
    return FALSE;
  }
  info = na_netstat_parse_info(data:data);
  if (isnull(info))
  {
    na_log_gather(line:what + ": the parser refused it (" + na_api_error() + ")");
    na_fail(reason:"the listing printed by " + what + " could not be parsed: " + na_api_error(), code:"unreadable");
    return FALSE;
  }
  n = int(info["rows"]);
  # Nothing printed is no evidence of anything (a host always has some
  # socket: at least the one this audit came in by, or a header line).
  # Asked only when no row was found: trimming a big listing copies it.
  if (n == 0 && strlen(na_trim(s:data)) == 0)
  {
    na_fail(reason:what + " printed nothing", code:"unreadable");
    return FALSE;
  }
  if (n == 0 && info["unparsed"] > 0)
  {
    na_log_gather(line:what + ": " + strlen(data) + " bytes of output, no socket rows understood");
    na_fail(reason:what + " printed nothing the parser understands as a listing", code:"unreadable");
    return FALSE;
  }
  pids = 0;
  if (info["has_pids"])
    pids = 1;
  if (info["unparsed"] > 0)
    na_log_gather(line:what + ": " + n + " socket rows, " + info["unparsed"] +
                       " line(s) not understood (first: line " + info["first_unparsed_line"] + ")");
  else
    na_log_gather(line:what + ": " + n + " socket rows");
  replace_kb_item(name:"nasl-audit/listeners/unparsed", value:int(info["unparsed"]));
  replace_kb_item(name:"nasl-audit/listeners/first_unparsed_line", value:int(info["first_unparsed_line"]));
  replace_kb_item(name:"nasl-audit/listeners/source", value:sec["cmd"]);
  replace_kb_item(name:"nasl-audit/listeners/raw", value:data);
  replace_kb_item(name:"nasl-audit/listeners/pids", value:pids);
  return TRUE;
}

# Linux without ss or netstat: rebuilds a netstat-like table from the
# /proc/net sections.  Every one of the four files must have been read whole.
function gather_take_proc(secs)
{
  local_var s, table, n, lines, l, fields, loc, rem, st, text, f, seen;
  table = make_list();
  n = 0;
  seen = 0;
  foreach s (secs)
  {
    if (s["name"] != "proc")
      continue;
    if (isnull(s["rc"]) || s["rc"] != 0 || s["cut"])
    {
      na_log_gather(line:na_section_summary(sec:s));
      continue;
    }
    seen++;
    f = ereg_replace(string:s["cmd"], pattern:"^.*/", replace:"");
    lines = split(s["data"], keep:FALSE);
    foreach l (lines)
    {
      fields = eregmatch(string:l, pattern:"^ *[0-9]+: ([0-9A-Fa-f]+):([0-9A-Fa-f]+) ([0-9A-Fa-f]+):([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ");
      if (isnull(fields))
        continue;
      loc = gather_proc_endpoint(hex:fields[1], port:fields[2]);
      rem = gather_proc_endpoint(hex:fields[3], port:fields[4]);
      st = ("0x" + fields[5]) * 1;
      text = gather_proc_state(proto:f, st:st);
      table[max_index(table)] = f + "        0      0 " + loc + "    " + rem + "    " + text;
      n++;
    }
  }
  if (seen == 0)
    return FALSE;
  na_log_gather(line:"'/proc/net/{tcp,tcp6,udp,udp6}': " + n + " socket rows (no process information)");
  replace_kb_item(name:"nasl-audit/listeners/source", value:"/proc/net/{tcp,tcp6,udp,udp6}");
  replace_kb_item(name:"nasl-audit/listeners/raw", value:na_join(list:table, sep:NASL_AUDIT_NL) + NASL_AUDIT_NL);
  replace_kb_item(name:"nasl-audit/listeners/pids", value:0);
  return TRUE;
}

# /proc/net state codes: TCP 0A is LISTEN; a UDP socket with state 01 is
# connected to a peer (a client socket, not a listener).
function gather_proc_state(proto, st)
{
  if (proto == "tcp" || proto == "tcp6")
  {
    if (st == 10)
      return "LISTEN";
    if (st == 1)
      return "ESTABLISHED";
    return "TIME_WAIT";
  }
  if (st == 1)
    return "ESTABLISHED";
  return "";
}

# "ADDR:PORT" in netstat's form, IPv6 in brackets.
function gather_proc_endpoint(hex, port)
{
  local_var a;
  a = gather_proc_addr(hex:hex);
  if (strlen(hex) > 8)
    a = "[" + a + "]";
  return a + ":" + ("0x" + port) * 1;
}

# /proc/net addresses are host-order hex words: 0100007F is 127.0.0.1.
function gather_proc_addr(hex)
{
  local_var i, w, parts, k, out;
  if (strlen(hex) == 8)
    return gather_proc_word(w:hex);
  # IPv6: four 32-bit words, each in host (little-endian) order.
  parts = make_list();
  for (i = 0; i < 32; i += 8)
  {
    w = gather_proc_word_bytes(w:substr(hex, i, i + 7));
    parts[max_index(parts)] = tolower(substr(w, 0, 3));
    parts[max_index(parts)] = tolower(substr(w, 4, 7));
  }
  # An IPv4-mapped address (::ffff:a.b.c.d) is written the dotted way.
  if (parts[0] == "0000" && parts[1] == "0000" && parts[2] == "0000" && parts[3] == "0000" &&
      parts[4] == "0000" && parts[5] == "ffff")
    return "::ffff:" + gather_proc_word(w:gather_proc_word_bytes(w:parts[6] + parts[7]));
  out = make_list();
  for (k = 0; k < 8; k++)
    out[k] = parts[k];
  return gather_ipv6_compress(addr:na_join(list:out, sep:":"));
}

function gather_proc_word(w)
{
  local_var b0, b1, b2, b3;
  b0 = ("0x" + substr(w, 6, 7)) * 1;
  b1 = ("0x" + substr(w, 4, 5)) * 1;
  b2 = ("0x" + substr(w, 2, 3)) * 1;
  b3 = ("0x" + substr(w, 0, 1)) * 1;
  return b0 + "." + b1 + "." + b2 + "." + b3;
}

# Reverses the byte order of an 8-hex-digit word.
function gather_proc_word_bytes(w)
{
  return substr(w, 6, 7) + substr(w, 4, 5) + substr(w, 2, 3) + substr(w, 0, 1);
}

# "0000:0000:...:0001" -> "::1"; "0000:...:0000" -> "::".
function gather_ipv6_compress(addr)
{
  local_var groups, g, out, v;
  groups = split(addr, sep:":", keep:FALSE);
  out = make_list();
  foreach g (groups)
  {
    v = ereg_replace(string:g, pattern:"^0+", replace:"");
    if (v == "")
      v = "0";
    out[max_index(out)] = v;
  }
  addr = na_join(list:out, sep:":");
  if (addr == "0:0:0:0:0:0:0:0")
    return "::";
  if (addr == "0:0:0:0:0:0:0:1")
    return "::1";
  addr = ereg_replace(string:addr, pattern:"^(0:)+", replace:"::");
  return addr;
}

# Windows tasklist: the first section that is complete, exited 0 and yields
# processes.
function gather_take_processes(sec)
{
  local_var t, n;
  if (isnull(sec["rc"]) || sec["rc"] != 0 || sec["cut"])
    return FALSE;
  t = na_tasklist_parse(data:sec["data"]);
  n = max_index(keys(t));
  if (n == 0)
  {
    na_log_gather(line:"'" + sec["cmd"] + "': " + strlen(sec["data"]) + " bytes of output, no process rows understood");
    return FALSE;
  }
  na_log_gather(line:"'" + sec["cmd"] + "': " + n + " processes");
  replace_kb_item(name:"nasl-audit/processes/source", value:sec["cmd"]);
  replace_kb_item(name:"nasl-audit/processes/raw", value:sec["data"]);
  return TRUE;
}

# Walks the sections of one collection.  Returns TRUE when a trusted
# listener table was stored.
function gather_use_sections(secs, windows)
{
  local_var s, ok, procs, os, uid, tried, failed_rc, missing, tried_cmds;
  ok = FALSE;
  tried_cmds = make_list();
  procs = FALSE;
  tried = 0;
  missing = 0;
  failed_rc = NULL;
  foreach s (secs)
  {
    if (s["name"] == "os")
    {
      if (windows)
      {
        replace_kb_item(name:"nasl-audit/os", value:"windows");
        replace_kb_item(name:"nasl-audit/os_detail", value:na_trim(s:s["data"]));
      }
      else if (!isnull(s["rc"]) && s["rc"] == 0)
      {
        os = gather_unix_os(text:s["data"]);
        if (!isnull(os))
        {
          replace_kb_item(name:"nasl-audit/os", value:os);
          replace_kb_item(name:"nasl-audit/os_detail", value:na_trim(s:s["data"]));
        }
      }
    }
    else if (s["name"] == "uid" && !isnull(s["rc"]) && s["rc"] == 0)
    {
      uid = na_trim(s:s["data"]);
      if (uid == "0")
        replace_kb_item(name:"nasl-audit/privileged", value:1);
      else if (uid =~ "^[0-9]+$")
        replace_kb_item(name:"nasl-audit/privileged", value:0);
    }
    else if (s["name"] == "listeners" && !ok)
    {
      tried++;
      tried_cmds[max_index(tried_cmds)] = s["cmd"];
      na_log_gather(line:na_section_summary(sec:s));
      if (s["cmd"] =~ "^sudo " && s["rc"] != 0)
        replace_kb_item(name:"nasl-audit/sudo_failed", value:s["cmd"]);
      if (!isnull(s["rc"]) && (s["rc"] == 127 || s["rc"] == 9009))
        missing++;
      else if (isnull(failed_rc) && (isnull(s["rc"]) || s["rc"] != 0 || s["cut"]))
        failed_rc = s;
      ok = gather_take_listing(sec:s);
      if (ok && s["cmd"] =~ "^sudo ")
        replace_kb_item(name:"nasl-audit/privileged", value:1);
    }
    else if (s["name"] == "processes" && !procs)
    {
      na_log_gather(line:na_section_summary(sec:s));
      procs = gather_take_processes(sec:s);
    }
  }
  if (!ok && !windows)
    ok = gather_take_proc(secs:secs);
  if (!ok)
  {
    if (tried > 0 && missing == tried)
      na_fail(reason:"no listing command is available on the target (tried: " + na_join(list:tried_cmds, sep:", ") + ")",
              code:"command_missing");
    else if (!isnull(failed_rc) && isnull(failed_rc["rc"]))
      na_fail(reason:"'" + failed_rc["cmd"] + "' was cut off before it finished", code:"unreadable");
    else if (!isnull(failed_rc) && failed_rc["cut"])
      na_fail(reason:"the output of '" + failed_rc["cmd"] + "' was cut off (no final line break)", code:"unreadable");
    else if (!isnull(failed_rc))
      na_fail(reason:"'" + failed_rc["cmd"] + "' " + na_exit_text(rc:failed_rc["rc"]), code:"exit_status");
    else
      na_fail(reason:"no listing the parser understands was printed", code:"unreadable");
  }
  if (ok && !NA_COLLECT_END)
    na_log_gather(line:"the collection script did not reach its end marker");
  return ok;
}

# Runs one collection script.  Returns its sections, or NULL (nothing ran).
function gather_run(script, m, what)
{
  if (na_transport() == "ssh" && !NA_SSH_SESSION)
  {
    gather_step(text:"logging in over SSH");
    if (!na_ssh_session())
      return gather_sections(out:NULL, m:m, what:what);
  }
  gather_step(text:"running the " + what + " collection commands");
  return gather_sections(out:na_exec(cmd:script), m:m, what:what);
}

# What the plugin is doing now, for the checks plugin's report when the
# scanner stops this one before it ends (its plugin timeout).
function gather_step(text)
{
  replace_kb_item(name:"nasl-audit/gather/step", value:text);
}

function gather_sections(out, m, what)
{
  local_var secs;
  if (isnull(out))
  {
    na_log_gather(line:what + " collection: could not be run");
    return NULL;
  }
  if (strlen(out) > NA_LISTING_CAP * 2)
  {
    na_log_gather(line:what + " collection: " + strlen(out) + " bytes, more than the cap");
    na_fail(reason:"the target printed more than " + (NA_LISTING_CAP * 2) + " bytes", code:"output_cap");
    return NULL;
  }
  secs = na_sections(out:out, m:m);
  if (isnull(secs))
    na_log_gather(line:what + " collection: no section markers in " + strlen(out) + " bytes of output (not this kind of host)");
  return secs;
}

# The Unix collection with privileges raised in an interactive shell: su to
# the scanner's privilege login (Secret/SSH/privlogin and privpassword, as
# the feed's ssh_cmd_with_su does), or sudo with a password
# (Secret/nasl-audit/sudo_password, from nasl-audit --sudo-password-env).
# Returns the sections, or NULL when no escalation is configured (then
# NA_ELEVATED stays FALSE).
NA_ELEVATED = FALSE;

function gather_run_elevated(m)
{
  local_var user, pw, body, prompt, line, out;
  body = na_unix_body(m:m, sudo:FALSE);
  user = get_kb_item("Secret/SSH/privlogin");
  pw = get_kb_item("Secret/SSH/privpassword");
  if (!isnull(user) && user != "" && !isnull(pw))
  {
    if (user !~ "^[A-Za-z0-9._][A-Za-z0-9._-]*$")
    {
      na_fail(reason:"the privilege login name '" + user + "' is not a plain user name", code:"privileges");
      NA_ELEVATED = TRUE;
      return NULL;
    }
    NA_ELEVATED = TRUE;
    gather_step(text:"running the Unix collection commands through su to '" + user + "'");
    line = "su - " + user + " -c '" + body + "'";
    out = na_shell_run(line:line, password:pw, prompt:NULL, stop_at:m + " end", timeout:120,
                       what:"su to '" + user + "'");
    return gather_elevated_sections(out:out, m:m, what:"su to '" + user + "'");
  }
  pw = get_kb_item("Secret/nasl-audit/sudo_password");
  if (!isnull(pw) && pw != "")
  {
    NA_ELEVATED = TRUE;
    gather_step(text:"running the Unix collection commands through sudo");
    prompt = "NA-sudo-" + rand() + ":";
    line = "sudo -p '" + prompt + "' sh -c '" + body + "'";
    out = na_shell_run(line:line, password:pw, prompt:prompt, stop_at:m + " end", timeout:120, what:"sudo");
    return gather_elevated_sections(out:out, m:m, what:"sudo");
  }
  return NULL;
}

function gather_elevated_sections(out, m, what)
{
  local_var secs, last;
  if (isnull(out))
    return NULL;
  secs = gather_sections(out:out, m:m, what:what);
  if (isnull(secs))
  {
    last = na_trim(s:out);
    if (strlen(last) > 200)
      last = substr(last, strlen(last) - 200);
    na_fail(reason:what + " did not run the collection (wrong password, or not allowed?): " + last,
            code:"privileges");
  }
  return secs;
}

# --- main ---------------------------------------------------------------------

replace_kb_item(name:"nasl-audit/gather/started", value:1);
replace_kb_item(name:"nasl-audit/transport_used", value:na_transport());
hint = gather_os_hint();
m = na_collect_marker();
ok = FALSE;
done = FALSE;
if (hint != "windows")
{
  secs = gather_run_elevated(m:m);
  if (!NA_ELEVATED)
    secs = gather_run(script:na_unix_script(m:m, sudo:gather_sudo_wanted()), m:m, what:"Unix");
  os = NULL;
  foreach s (secs)
    if (s["name"] == "os" && !isnull(s["rc"]) && s["rc"] == 0)
      os = gather_unix_os(text:s["data"]);
  # A POSIX layer on Windows (MSYS, Cygwin) answers uname but lists nothing useful.
  if (!isnull(secs) && !isnull(os) && os !~ "^(mingw|msys|cygwin)")
  {
    ok = gather_use_sections(secs:secs, windows:FALSE);
    done = TRUE;
  }
}
if (!done && hint != "unix" && isnull(NA_FAIL_CODE))
{
  m = na_collect_marker();
  secs = gather_run(script:na_windows_script(m:m), m:m, what:"Windows");
  if (!isnull(secs))
  {
    ok = gather_use_sections(secs:secs, windows:TRUE);
    done = TRUE;
  }
}
if (!done)
  na_fail(reason:"the target answered neither the Unix nor the Windows collection commands", code:"unreadable");

if (isnull(get_kb_item("nasl-audit/os")))
  replace_kb_item(name:"nasl-audit/os", value:"unknown");
na_log_gather(line:"target OS: " + get_kb_item("nasl-audit/os"));
if (!ok)
{
  replace_kb_item(name:"nasl-audit/listeners/error", value:NA_FAIL_REASON);
  replace_kb_item(name:"nasl-audit/listeners/error_code", value:NA_FAIL_CODE);
}
na_ssh_close();
replace_kb_item(name:"nasl-audit/gather/done", value:1);
exit(0);

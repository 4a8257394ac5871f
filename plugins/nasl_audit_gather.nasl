# nasl_audit_gather.nasl: decides the target OS and collects its listening sockets and processes once.

if (description)
{
  script_oid("1.3.6.1.4.1.25623.1.9.59.1");
  script_version("2026-11-23T00:00:00+0000");
  script_tag(name:"last_modification", value:"2026-11-23 00:00:00 +0000 (Mon, 23 Nov 2026)");
  script_tag(name:"creation_date", value:"2026-11-23 00:00:00 +0000 (Mon, 23 Nov 2026)");
  script_tag(name:"cvss_base_vector", value:"AV:N/AC:L/Au:N/C:N/I:N/A:N");
  script_name("nasl-audit: Gather listening ports and processes");
  script_category(ACT_GATHER_INFO);
  script_family("Policy");
  script_copyright("Copyright (C) 2026 nasl-audit authors");
  script_tag(name:"summary", value:"Collects the listening TCP/UDP sockets of the target and the
  processes that own them, over an authenticated SSH session (Linux, Windows OpenSSH) or locally,
  for the nasl-audit port compliance checks.");
  script_tag(name:"qod_type", value:"package");
  exit(0);
}

include("nasl_audit_func.inc");

# Decides the OS: Windows answers 'cmd /c ver' with "Microsoft Windows";
# anything that answers 'uname -s' is treated as Unix.
function gather_detect_os()
{
  local_var forced, ver, un;
  forced = get_kb_item("nasl-audit/os/forced");
  if (forced)
    return forced;
  ver = na_exec(cmd:"cmd /c ver");
  if (ver && "Microsoft Windows" >< ver)
    return "windows";
  un = na_exec(cmd:"uname -s");
  if (un && un =~ "^[A-Za-z]")
    return tolower(chomp(un));
  return "unknown";
}

# Runs each command in turn until one prints a listener table we can read.
# Records what was tried.  Returns TRUE when one was stored.
function gather_listeners(cmds)
{
  local_var c, out, rows, n, pids, r, info;
  foreach c (cmds)
  {
    out = na_exec(cmd:c);
    if (isnull(out) || strlen(out) == 0)
    {
      na_log_gather(line:"'" + c + "': no output (command missing or failed)");
      continue;
    }
    if (substr(out, strlen(out) - 1) != NASL_AUDIT_NL)
    {
      na_log_gather(line:"'" + c + "': output truncated (" + strlen(out) + " bytes, no final newline)");
      continue;
    }
    rows = netstat_parse(data:out);
    n = max_index(rows);
    if (n == 0)
    {
      na_log_gather(line:"'" + c + "': " + strlen(out) + " bytes of output, no socket rows understood");
      continue;
    }
    pids = 0;
    foreach r (rows)
      if (!isnull(r["pid"]) || !isnull(r["process"]))
        pids = 1;
    info = netstat_parse_info(data:out);
    if (info["unparsed"] > 0)
      na_log_gather(line:"'" + c + "': " + n + " socket rows, " + info["unparsed"] +
                         " line(s) not understood (first: line " + info["first_unparsed_line"] + ")");
    else
      na_log_gather(line:"'" + c + "': " + n + " socket rows");
    replace_kb_item(name:"nasl-audit/listeners/unparsed", value:int(info["unparsed"]));
    replace_kb_item(name:"nasl-audit/listeners/first_unparsed_line", value:int(info["first_unparsed_line"]));
    replace_kb_item(name:"nasl-audit/listeners/source", value:c);
    replace_kb_item(name:"nasl-audit/listeners/raw", value:out);
    replace_kb_item(name:"nasl-audit/listeners/pids", value:pids);
    return TRUE;
  }
  return FALSE;
}

# Linux without ss or netstat: rebuild a netstat-like table from /proc/net.
function gather_proc_net()
{
  local_var files, f, out, lines, l, fields, table, proto, fam, loc, rem, st, text, n;
  files = make_list("tcp", "tcp6", "udp", "udp6");
  table = "";
  n = 0;
  foreach f (files)
  {
    out = na_exec(cmd:"cat /proc/net/" + f);
    if (isnull(out) || strlen(out) == 0)
      continue;
    lines = split(out, keep:FALSE);
    foreach l (lines)
    {
      fields = eregmatch(string:l, pattern:"^ *[0-9]+: ([0-9A-Fa-f]+):([0-9A-Fa-f]+) ([0-9A-Fa-f]+):([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ");
      if (isnull(fields))
        continue;
      proto = f;
      loc = gather_proc_endpoint(hex:fields[1], port:fields[2]);
      rem = gather_proc_endpoint(hex:fields[3], port:fields[4]);
      st = ("0x" + fields[5]) * 1;
      text = "";
      if (f == "tcp" || f == "tcp6")
      {
        if (st == 10)
          text = "LISTEN";
        else if (st == 1)
          text = "ESTABLISHED";
        else
          text = "TIME_WAIT";
      }
      table += proto + "        0      0 " + loc + "    " + rem + "    " + text + NASL_AUDIT_NL;
      n++;
    }
  }
  if (n == 0)
    return FALSE;
  na_log_gather(line:"'/proc/net/{tcp,tcp6,udp,udp6}': " + n + " socket rows (no process information)");
  replace_kb_item(name:"nasl-audit/listeners/source", value:"/proc/net/{tcp,tcp6,udp,udp6}");
  replace_kb_item(name:"nasl-audit/listeners/raw", value:table);
  replace_kb_item(name:"nasl-audit/listeners/pids", value:0);
  return TRUE;
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
  local_var i, out, w, b, parts, k;
  if (strlen(hex) == 8)
    return gather_proc_word(w:hex);
  # IPv6: four 32-bit words, each in host (little-endian) order.
  parts = make_list();
  for (i = 0; i < 32; i += 8)
  {
    w = gather_proc_word_bytes(w:substr(hex, i, i + 7));
    parts[max_index(parts)] = substr(w, 0, 3);
    parts[max_index(parts)] = substr(w, 4, 7);
  }
  out = "";
  for (k = 0; k < 8; k++)
  {
    if (k > 0)
      out += ":";
    out += tolower(parts[k]);
  }
  return gather_ipv6_compress(addr:out);
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
  local_var groups, g, out, i, v;
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
  addr = ereg_replace(string:addr, pattern:"^0:0:0:0:0:ffff:", replace:"::ffff:");
  addr = ereg_replace(string:addr, pattern:"^(0:)+", replace:"::");
  return addr;
}

function gather_windows_processes()
{
  local_var c, out, t;
  foreach c (make_list("tasklist /svc", "tasklist /svc /fo csv", "tasklist"))
  {
    out = na_exec(cmd:c);
    if (isnull(out) || strlen(out) == 0)
    {
      na_log_gather(line:"'" + c + "': no output (command missing or failed)");
      continue;
    }
    if (substr(out, strlen(out) - 1) != NASL_AUDIT_NL)
    {
      na_log_gather(line:"'" + c + "': output truncated (" + strlen(out) + " bytes, no final newline)");
      continue;
    }
    t = tasklist_parse(data:out);
    if (max_index(keys(t)) == 0)
    {
      na_log_gather(line:"'" + c + "': " + strlen(out) + " bytes of output, no process rows understood");
      continue;
    }
    na_log_gather(line:"'" + c + "': " + max_index(keys(t)) + " processes");
    replace_kb_item(name:"nasl-audit/processes/source", value:c);
    replace_kb_item(name:"nasl-audit/processes/raw", value:out);
    return TRUE;
  }
  return FALSE;
}

os = gather_detect_os();
replace_kb_item(name:"nasl-audit/os", value:os);
na_log_gather(line:"target OS: " + os);

ok = FALSE;
if (os == "windows")
{
  ok = gather_listeners(cmds:make_list("netstat -ano", "netstat -an"));
  gather_windows_processes();
}
else if (os != "unknown")
{
  ok = gather_listeners(cmds:make_list("ss -H -tulpn", "netstat -tulpn"));
  if (!ok && os == "linux")
    ok = gather_proc_net();
}

if (!ok)
{
  why = get_kb_item("nasl-audit/ssh/failed");
  if (!why)
    why = "no listener table could be collected (see nasl-audit/gather/log)";
  replace_kb_item(name:"nasl-audit/listeners/error", value:why);
}
exit(0);

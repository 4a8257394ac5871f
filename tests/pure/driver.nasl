# driver.nasl: runs the differential test's jobs through the audit module or the pure-NASL path.
#
# KB items: pure/manifest (a file with one job per line: "KIND FILE"),
# pure/mode ("module": the module's builtins; "pure": the na_pure_*
# functions).  Every job prints "== KIND FILE" and then its canonical dump
# (dump.inc).  Kinds: netstat, tasklist, audit (a file each), checks and
# ports (tables, see tests/pure/cases/README).  In module mode an error
# prints "NULL" and the module's diagnostic goes to stderr;
# tests/pure/differential.sh puts the two together.

include("nasl_audit_api.inc");
include("dump.inc");

MODE = get_kb_item("pure/mode");
# "no": the pure path without its bulk reading of lines (both ways must agree)
if (get_kb_item("pure/bulk") == "no")
  NA_P_BULK = FALSE;

# A table field: \t \n \r \0 \\ and \xHH are escapes; any other
# backslash stays (regexes).
function pt_unescape(s)
{
  local_var parts, k, i, n, c, h;
  if ("\" >!< s)
    return s;
  parts = make_list();
  k = 0;
  n = strlen(s);
  for (i = 0; i < n; i++)
  {
    c = s[i];
    if (c == "\" && i + 1 < n)
    {
      i++;
      c = s[i];
      if (c == "t")
        c = raw_string(0x09);
      else if (c == "n")
        c = raw_string(0x0a);
      else if (c == "r")
        c = raw_string(0x0d);
      else if (c == "0")
        c = raw_string(0x00);
      else if (c == "\")
        c = "\";
      else if (c == "x")
      {
        h = tolower(substr(s, i + 1, i + 2));
        c = raw_string(16 * stridx("0123456789abcdef", h[0]) + stridx("0123456789abcdef", h[1]));
        i += 2;
      }
      else
        c = "\" + c;
    }
    parts[k++] = c;
  }
  return na_p_join(parts:parts, n:k);
}

function pt_result(r, err)
{
  if (isnull(r))
  {
    if (MODE == "module")
      return "NULL";
    return "NULL " + pt_escape(s:err);
  }
  return "" + r;
}

function pt_base(path)
{
  local_var parts;
  parts = split(path, sep:"/", keep:FALSE);
  return parts[max_index(parts) - 1];
}

function pt_job_file(kind, path)
{
  local_var d, r, i;
  d = fread(path);
  if (isnull(d))
    d = "";
  if (kind == "netstat")
  {
    if (MODE == "module")
    {
      r = netstat_parse(data:d);
      i = netstat_parse_info(data:d);
    }
    else
    {
      r = na_pure_netstat_parse(data:d);
      i = na_pure_netstat_parse_info(data:d);
    }
    pt_dump(v:r, path:"rows");
    pt_dump(v:i, path:"info");
  }
  else if (kind == "tasklist")
  {
    if (MODE == "module")
      r = tasklist_parse(data:d);
    else
      r = na_pure_tasklist_parse(data:d);
    pt_dump(v:r, path:"tasks");
  }
  else if (kind == "audit")
  {
    if (MODE == "module")
      r = audit_parse(data:d, name:pt_base(path:path));
    else
      r = na_pure_audit_parse(data:d, name:pt_base(path:path), vars:NULL);
    pt_dump(v:r, path:"doc");
  }
}

# A vars: value of a test case: "#N" the int N, "[]" an array, "{}" an
# empty one, else the text (pt_unescape).
function pt_var_value(s)
{
  if (s == "[]")
    return make_list(1);
  if (s == "{}")
    return make_array();
  if (s[0] == "#")
    return int(substr(s, 1));
  return pt_unescape(s:s);
}

# Several small .audit documents in one file: each starts after a line
# "%%%% NAME" and is parsed with that name (what comes before the first
# one is a comment); <CR> and <TAB> in a document stand for those bytes.
# Lines "%%var KEY=VALUE" right after the name give the vars: argument
# (KEY "#N" is the integer index N; VALUE as pt_var_value()), a line
# "%%vars VALUE" a vars: that is not an array.
function pt_job_docs(path)
{
  local_var d, docs, doc, nl, name, body, r, i, vars, line, eq, k, v;
  d = fread(path);
  docs = split(d, sep:raw_string(0x0a) + "%%%% ", keep:FALSE);
  for (i = 1; i < max_index(docs); i++)
  {
    doc = docs[i];
    nl = stridx(doc, raw_string(0x0a));
    name = doc;
    body = "";
    if (nl >= 0)
    {
      name = substr(doc, 0, nl - 1);
      if (nl + 1 < strlen(doc))
        body = substr(doc, nl + 1);
    }
    vars = NULL;
    while (substr(body, 0, 4) == "%%var")
    {
      nl = stridx(body, raw_string(0x0a));
      if (nl < 0)
      {
        line = body;
        body = "";
      }
      else
      {
        line = substr(body, 0, nl - 1);
        if (nl + 1 < strlen(body))
          body = substr(body, nl + 1);
        else
          body = "";
      }
      if (substr(line, 0, 6) == "%%vars ")
        vars = pt_var_value(s:substr(line, 7));
      else
      {
        if (isnull(vars))
          vars = make_array();
        eq = stridx(line, "=", 6);
        k = substr(line, 6, eq - 1);
        v = "";
        if (eq + 1 < strlen(line))
          v = pt_var_value(s:substr(line, eq + 1));
        if (k[0] == "#")
          vars[int(substr(k, 1))] = v;
        else
          vars[pt_unescape(s:k)] = v;
      }
    }
    body = str_replace(string:body, find:"<CR>", replace:raw_string(0x0d));
    body = str_replace(string:body, find:"<TAB>", replace:raw_string(0x09));
    if (MODE == "module")
      r = audit_parse(data:body, name:name, vars:vars);
    else
      r = na_pure_audit_parse(data:body, name:name, vars:vars);
    if (isnull(r))
      pt_emit(line:name + ": " + pt_result(r:r, err:NA_P_ERROR));
    else
      pt_dump(v:r, path:name);
  }
}

# A table: one case per line, fields separated by tabs; '#' lines and
# blank lines are skipped.
#   check <TAB> CHECK_TYPE <TAB> POLICY <TAB> VALUE
#   ports <TAB> SPEC <TAB> PORT[,PORT...]
function pt_job_table(path)
{
  local_var l, f, r, p, line_no, out, ports, k, i, base;
  base = pt_base(path:path);
  line_no = 0;
  foreach l (split(fread(path), sep:raw_string(0x0a), keep:FALSE))
  {
    line_no++;
    if (strlen(l) == 0 || l[0] == "#")
      continue;
    f = split(l, sep:raw_string(0x09), keep:FALSE);
    for (i = 0; i < 4; i++)
      if (isnull(f[i]))
        f[i] = "";
    if (f[0] == "check")
    {
      if (MODE == "module")
        r = audit_check(check_type:pt_unescape(s:f[1]), policy:pt_unescape(s:f[2]), value:pt_unescape(s:f[3]));
      else
        r = na_pure_check(check_type:pt_unescape(s:f[1]), policy:pt_unescape(s:f[2]), value:pt_unescape(s:f[3]));
      pt_emit(line:base + ":" + line_no + ": " + pt_result(r:r, err:NA_P_ERROR));
    }
    else if (f[0] == "ports")
    {
      out = make_list();
      k = 0;
      ports = make_list();
      foreach p (split(f[2], sep:",", keep:FALSE))
      {
        if (MODE == "module")
          r = audit_ports_match(spec:pt_unescape(s:f[1]), port:int(p));
        else
          r = na_pure_ports_match(spec:pt_unescape(s:f[1]), port:int(p));
        pt_emit(line:base + ":" + line_no + " port " + p + ": " + pt_result(r:r, err:NA_P_ERROR));
        out[k] = r;
        ports[k++] = int(p);
      }
      # the list form must agree with the single calls
      if (MODE == "pure")
      {
        r = na_pure_ports_match_list(spec:pt_unescape(s:f[1]), ports:ports);
        for (i = 0; i < k; i++)
          if (isnull(r) != isnull(out[i]) || (!isnull(r) && r[i] != out[i]))
            pt_emit(line:base + ":" + line_no + ": na_pure_ports_match_list differs for port " + ports[i]);
      }
    }
  }
}

# {=====================================================================
# Random cases (jobs "portfuzz SEED COUNT" and "regexfuzz SEED COUNT").  In
# module mode each case goes through the module and the pure path in this
# process, and every disagreement prints a line (which the pure-mode run
# does not print, so the differential test shows it).  Both modes print how
# many cases the pure path refused by design.
# ======================================================================

PT_SEED = 1;

# A deterministic pseudo-random number 0 .. n-1 (same on every interpreter).
function pt_rand(n)
{
  PT_SEED = (PT_SEED * 1103515245 + 12345) % 2147483648;
  return (PT_SEED / 65536) % n;
}

function pt_pick(l)
{
  return l[pt_rand(n:max_index(l))];
}

PT_PORT_TOKENS = make_list("0", "1", "2", "5", "8", "9", "80", "443", "[0-9]", "[1-3]", "[^5]", "[^0-4]", "[]", "[.",
  ".", "\d", "(", ")", "(", ")", "|", "*", "+", "?", "{1,2}", "{2}", "{,3}", "{0}", "{3,1}", "^", "$", "-", "}", "{",
  "]", "[[.5.]]", "(*)", "*?", "??", "(5|)", "[\d-7]", "[5-]", "[-5]");
PT_RE_TOKENS = make_list("a", "b", "K", "s", "1", ".", "\d", "\w", "\s", "\D", "\W", "[a-c]", "[^a]", "[[:alpha:]]",
  "[[:upper:]]", "[A-Z]", "(", ")", "(", ")", "|", "*", "+", "?", "{1,2}", "{2}", "^", "$", "", "\B", "*?", "(?:",
  "(?i)", "\.", "A", "[\w-]", "[^\s]", "	", "[k-s]", "x{,2}");
PT_SUBJECT_TOKENS = make_list("a", "A", "b", "B", "k", "K", "s", "S", "1", "22", " ", "_", "-", ".", "x",
  raw_string(0x0a), raw_string(0xc3, 0xa9), raw_string(0xe2, 0x84, 0xaa), raw_string(0xc5, 0xbf), raw_string(0xff));

function pt_random_text(tokens, max)
{
  local_var n, i, parts;
  n = 1 + pt_rand(n:max);
  parts = make_list();
  for (i = 0; i < n; i++)
    parts[i] = pt_pick(l:tokens);
  return na_p_join(parts:parts, n:n);
}

function pt_job_portfuzz(seed, count)
{
  local_var i, spec, m, pm, p, refused, port;
  PT_SEED = seed;
  refused = 0;
  for (i = 0; i < count; i++)
  {
    spec = pt_random_text(tokens:PT_PORT_TOKENS, max:6);
    pm = na_pure_ports_validate(spec:spec);
    if (NA_P_REFUSED)
    {
      refused++;
      continue;
    }
    if (MODE != "module")
      continue;
    m = audit_ports_validate(spec:spec);
    if (m != pm || isnull(m) != isnull(pm))
      pt_emit(line:"portfuzz " + seed + " case " + i + ": spec '" + pt_escape(s:spec) + "': module '" + pt_escape(s:m) +
                   "', pure '" + pt_escape(s:pm) + "'");
    else if (isnull(m))
      foreach port (make_list(0, 1, 5, 8, 9, 10, 12, 55, 80, 89, 99, 100, 443, 555, 5555, 8080, 65535, 99999))
        if (audit_ports_match(spec:spec, port:port) != na_pure_ports_match(spec:spec, port:port))
          pt_emit(line:"portfuzz " + seed + " case " + i + ": spec '" + pt_escape(s:spec) + "' port " + port + " differs");
  }
  pt_emit(line:"portfuzz " + seed + ": " + count + " cases, " + refused + " refused by the pure path");
}

function pt_job_regexfuzz(seed, count)
{
  local_var i, pat, subj, m, pm, refused, k;
  PT_SEED = seed;
  refused = 0;
  for (i = 0; i < count; i++)
  {
    pat = pt_random_text(tokens:PT_RE_TOKENS, max:6);
    for (k = 0; k < 4; k++)
    {
      subj = pt_random_text(tokens:PT_SUBJECT_TOKENS, max:8);
      pm = na_pure_check(check_type:"CHECK_REGEX", policy:pat, value:subj);
      if (NA_P_REFUSED)
      {
        refused++;
        continue;
      }
      if (MODE != "module")
        continue;
      m = audit_check(check_type:"CHECK_REGEX", policy:pat, value:subj);
      if (m != pm || isnull(m) != isnull(pm))
        pt_emit(line:"regexfuzz " + seed + " case " + i + ": pattern '" + pt_escape(s:pat) + "' on '" + pt_escape(s:subj) +
                     "': module " + pt_result(r:m, err:"") + ", pure " + pt_result(r:pm, err:NA_P_ERROR));
    }
  }
  pt_emit(line:"regexfuzz " + seed + ": " + (count * 4) + " cases, " + refused + " refused by the pure path");
}

# The canonical dump of v as one text (for in-process comparisons).
function pt_dump_text(v)
{
  local_var saved, n, text, i, l;
  saved = PT_OUT;
  n = PT_N;
  PT_OUT = make_list();
  PT_N = 0;
  pt_dump(v:v, path:"");
  l = make_list();
  for (i = 0; i < PT_N; i++)
    l[i] = PT_OUT[i] + raw_string(0x0a);
  text = na_p_join(parts:l, n:PT_N);
  PT_OUT = saved;
  PT_N = n;
  return text;
}

PT_BYTES = make_list(" ", raw_string(0x09), ":", "[", "]", '"', "'", "", "<", ">", "/", "#", raw_string(0x0d),
  raw_string(0x0a), "0", "9", "a", "Z", ",", "*", "(", ")", "|", "@", raw_string(0x00), raw_string(0x01),
  raw_string(0xff), raw_string(0xc3), raw_string(0xa9), "LISTENING", "TCP", "<if>", "</if>", "info: x",
  "<custom_item>", "</custom_item>", '"a" ||', "N/A", "=====");

# data with one to three random changes: a line dropped, doubled or moved,
# a byte replaced, something inserted, the end cut off.
function pt_mutate(data)
{
  local_var k, op, lines, n, i, j, t, pos;
  for (k = 1 + pt_rand(n:3); k > 0; k--)
  {
    op = pt_rand(n:6);
    if (op <= 2)
    {
      lines = split(data, sep:raw_string(0x0a), keep:TRUE);
      n = max_index(lines);
      if (n < 2)
        continue;
      i = pt_rand(n:n);
      j = pt_rand(n:n);
      if (op == 0)
        lines[i] = "";
      else if (op == 1)
        lines[i] = lines[i] + lines[i];
      else
      {
        t = lines[i];
        lines[i] = lines[j];
        lines[j] = t;
      }
      data = na_p_join(parts:lines, n:n);
    }
    else if (strlen(data) > 0)
    {
      pos = pt_rand(n:strlen(data));
      if (op == 3)
        data = substr(data, 0, pos - 1) + pt_pick(l:PT_BYTES) + substr(data, pos + 1);
      else if (op == 4)
        data = substr(data, 0, pos - 1) + pt_pick(l:PT_BYTES) + substr(data, pos);
      else
        data = substr(data, 0, pos);
    }
  }
  return data;
}

# job "mutate SEED COUNT KIND FILE": COUNT changed copies of FILE, each
# parsed by the module and the pure path (module mode), differences printed.
function pt_job_mutate(seed, count, kind, path)
{
  local_var orig, i, d, m, p;
  PT_SEED = seed;
  orig = fread(path);
  for (i = 0; i < count; i++)
  {
    d = pt_mutate(data:orig);
    if (MODE != "module")
      continue;
    if (kind == "netstat")
    {
      m = pt_dump_text(v:netstat_parse(data:d)) + pt_dump_text(v:netstat_parse_info(data:d));
      p = pt_dump_text(v:na_pure_netstat_parse(data:d)) + pt_dump_text(v:na_pure_netstat_parse_info(data:d));
    }
    else if (kind == "tasklist")
    {
      m = pt_dump_text(v:tasklist_parse(data:d));
      p = pt_dump_text(v:na_pure_tasklist_parse(data:d));
    }
    else
    {
      m = pt_dump_text(v:audit_parse(data:d, name:"m.audit"));
      p = pt_dump_text(v:na_pure_audit_parse(data:d, name:"m.audit", vars:NULL));
    }
    if (m != p)
      pt_emit(line:"mutate " + seed + " " + pt_base(path:path) + " case " + i + ": module and pure path differ on '" +
                   pt_escape(s:d) + "'");
  }
  pt_emit(line:"mutate " + seed + " " + pt_base(path:path) + ": " + count + " cases");
}

# }=====================================================================

foreach job (split(fread(get_kb_item("pure/manifest")), sep:raw_string(0x0a), keep:FALSE))
{
  jp = split(job, sep:" ", keep:FALSE);
  if (jp[0] == "mutate")
    pt_emit(line:"== mutate " + jp[3] + " " + pt_base(path:jp[4]));
  else
    pt_emit(line:"== " + jp[0] + " " + pt_base(path:jp[1]));
  if (jp[0] == "mutate")
    pt_job_mutate(seed:int(jp[1]), count:int(jp[2]), kind:jp[3], path:jp[4]);
  else if (jp[0] == "portfuzz")
    pt_job_portfuzz(seed:int(jp[1]), count:int(jp[2]));
  else if (jp[0] == "regexfuzz")
    pt_job_regexfuzz(seed:int(jp[1]), count:int(jp[2]));
  else if (jp[0] == "checks" || jp[0] == "ports")
    pt_job_table(path:jp[1]);
  else if (jp[0] == "audits")
    pt_job_docs(path:jp[1]);
  else
    pt_job_file(kind:jp[0], path:jp[1]);
  pt_flush();
}

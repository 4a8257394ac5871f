#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# gencalls.py: the bridge differential test's call list, and the same calls as a NASL script.
#
#   gencalls.py calls SRCDIR POLICYDIR     > calls.tsv   (the requests, see driver.c)
#   gencalls.py nasl SRCDIR calls.tsv      > calls.nasl  (the same requests for nasl/openvas-nasl)
#
# The call list covers every parser fixture and sample through every parser,
# tests/bridge/match-cases.txt through the matchers, the policy folder
# through dir:, the KB and a folder that does not exist, and the argument
# edge cases (missing, int where data is expected, empty data), and the
# metadata header and vars: cases of tests/pure/cases/header.txt.
import os
import re
import sys

PARSER_DIRS = [
    "tests/ext/fixtures/audit",
    "tests/ext/fixtures/netstat",
    "tests/ext/fixtures/tasklist",
    "tests/samples/audits",
    "tests/samples/outputs",
    "tests/fuzz/corpus/audit",
    "tests/fuzz/corpus/netstat",
    "tests/fuzz/corpus/tasklist",
]

# Data larger than this goes through a file (OpenVAS caps raw_string()).
RAW_STRING_MAX = 4096


def hexof(b):
    return "x:" + b.hex()


def unescape(field):
    """Case-file escapes: \\t \\n \\r \\\\ \\xHH; the rest as UTF-8 bytes."""
    out = bytearray()
    raw = field.encode("utf-8")
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):
            n = raw[i + 1]
            if n == ord("x") and i + 3 < len(raw) + 1:
                out.append(int(raw[i + 2:i + 4].decode(), 16))
                i += 4
                continue
            mapped = {ord("t"): 9, ord("n"): 10, ord("r"): 13, 0x5C: 0x5C}.get(n)
            if mapped is not None:
                out.append(mapped)
                i += 2
                continue
        out.append(c)
        i += 1
    return bytes(out)


def value_arg(name, field, int_ok=False):
    """A case-file field as an argument: '-' = left out, i:N = int."""
    if field == "-":
        return None
    m = re.fullmatch(r"i:(-?\d+)", field)
    if m:
        return "%s=i:%s" % (name, m.group(1))
    if int_ok and re.fullmatch(r"-?\d+", field):
        return "%s=i:%s" % (name, field)
    return "%s=%s" % (name, hexof(unescape(field)))


def call(func, *args):
    return "\t".join(["call", func] + [a for a in args if a is not None])


def pt_unescape(field):
    """tests/pure/driver.nasl's pt_unescape: \\t \\n \\r \\0 \\\\ \\xHH; any
    other backslash stays with the byte after it."""
    out = bytearray()
    i = 0
    while i < len(field):
        c = field[i]
        if c == 0x5C and i + 1 < len(field):
            n = field[i + 1]
            if n == ord("x"):
                out.append(int(field[i + 2:i + 4].decode(), 16))
                i += 4
                continue
            mapped = {ord("t"): 9, ord("n"): 10, ord("r"): 13, ord("0"): 0, 0x5C: 0x5C}.get(n)
            out += bytes([mapped]) if mapped is not None else bytes([c, n])
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def var_value(field):
    """A header.txt vars value: #N the int N, [] an array, {} an empty one, else text."""
    if field == b"[]":
        return "l:"
    if field == b"{}":
        return "a:"
    if field.startswith(b"#"):
        return "i:%d" % int(field[1:])
    return hexof(pt_unescape(field))


def header_cases(srcdir):
    """The sections of tests/pure/cases/header.txt (the metadata header and
    vars:) as audit_parse calls, read as tests/pure/driver.nasl reads them."""
    with open(os.path.join(srcdir, "tests/pure/cases/header.txt"), "rb") as fh:
        docs = fh.read().split(b"\n%%%% ")[1:]
    out = []
    for doc in docs:
        name, _, body = doc.partition(b"\n")
        entries, vars_arg = [], None
        while body.startswith(b"%%var"):
            line, _, body = body.partition(b"\n")
            if line.startswith(b"%%vars "):
                vars_arg = var_value(line[7:])
                continue
            key, _, value = line[6:].partition(b"=")
            key = "i:%d" % int(key[1:]) if key.startswith(b"#") else hexof(pt_unescape(key))
            entries.append(key + ">" + var_value(value))
        if entries:
            vars_arg = "a:" + ",".join(entries)
        body = body.replace(b"<CR>", b"\r").replace(b"<TAB>", b"\t")
        out.append(call("audit_parse", "data=" + hexof(body), "name=" + hexof(name),
                        "vars=" + vars_arg if vars_arg is not None else None))
    return out


# A packed row as netstat_parse(packed:TRUE) makes it: tcp 0.0.0.0:22, peer
# 0.0.0.0:*, LISTEN, line 3, sshd (pid 700) and sshd (pid 701).
PACKED_ROW = (b"N\x01" + bytes([4, 23, 0, 0xbd, 0x05, 3, 2, 3]) + b"\x04tcp" + b"\x080.0.0.0"
              + b"\x00" + b"\x080.0.0.0" + b"\x00" + b"\x07LISTEN" + b"\x05sshd" + b"\x00"
              + b"\x05sshd" + bytes([0xbd, 0x05]) + b"\x05sshd" + bytes([0xbe, 0x05]))


def gen_calls(srcdir, policydir):
    out = ["# generated by tests/bridge/gencalls.py"]
    for names in ["audit_parse", "netstat_parse", "netstat_parse_info", "netstat_row", "tasklist_parse",
                  "audit_ports_match", "audit_ports_validate", "audit_check", "audit_policy_files"]:
        out.append("defined\t" + names)
    for d in PARSER_DIRS:
        full = os.path.join(srcdir, d)
        if not os.path.isdir(full):
            continue
        for f in sorted(os.listdir(full)):
            path = os.path.join(full, f)
            if not os.path.isfile(path):
                continue
            data = "data=f:" + path
            out.append(call("audit_parse", data, "name=" + hexof(f.encode())))
            out.append(call("netstat_parse", data))
            out.append(call("netstat_parse", data, "packed=i:1"))
            out.append(call("netstat_parse_info", data))
            out.append(call("tasklist_parse", data))
    with open(os.path.join(srcdir, "tests/bridge/match-cases.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            f = line.split("\t")
            if f[0] == "ports" and len(f) == 3:
                out.append(call("audit_ports_match", value_arg("spec", f[1]),
                                value_arg("port", f[2], int_ok=True)))
                out.append(call("audit_ports_validate", value_arg("spec", f[1])))
            elif f[0] == "check" and len(f) == 4:
                out.append(call("audit_check", value_arg("check_type", f[1]),
                                value_arg("policy", f[2]), value_arg("value", f[3])))
            else:
                sys.exit("match-cases.txt: bad line: %r" % line)
    out += header_cases(srcdir)
    # Argument edge cases.
    out += [
        call("audit_parse"),
        call("audit_parse", "data=x:"),
        call("audit_parse", "data=i:42", "name=i:7"),
        call("audit_parse", "data=" + hexof(b"<check_type:\"Unix\">\n<custom_item>\n"
                                            b"  type: AUDIT_ALLOWED_OPEN_PORTS\n"
                                            b"  Type: dup\n  TYPE: dup2\n  kind: body\n"
                                            b"  line: body\n</custom_item>\n</check_type>\n")),
        call("netstat_parse"),
        call("netstat_parse", "data=x:"),
        call("netstat_parse", "data=i:80"),
        call("netstat_parse_info"),
        # packed rows (nasl-ext/netstat_pack.c): a good one, a cut one, garbage
        call("netstat_row", "packed=" + hexof(PACKED_ROW)),
        call("netstat_row", "packed=" + hexof(PACKED_ROW[:-1])),
        call("netstat_row", "packed=" + hexof(b"N\x01junk")),
        call("netstat_row", "packed=x:"),
        call("netstat_row", "packed=i:1"),
        call("netstat_row"),
        call("tasklist_parse"),
        call("tasklist_parse", "data=x:00"),
        call("audit_ports_match", "port=i:80"),
        call("audit_ports_match", "spec=" + hexof(b"80")),
        call("audit_ports_match", "spec=i:80", "port=" + hexof(b"80")),
        call("audit_ports_validate"),
        call("audit_ports_validate", "spec=i:80"),
        call("audit_check", "check_type=" + hexof(b"CHECK_EQUAL"), "value=" + hexof(b"x")),
        call("audit_check"),
    ]
    # The policy folder: dir:, a folder that does not exist, then the KB.
    pd = policydir.encode()
    out += [
        call("audit_policy_files", "dir=" + hexof(pd)),
        call("audit_policy_files", "dir=" + hexof(pd + b"/does-not-exist")),
        call("audit_policy_files", "dir=x:"),
        call("audit_policy_files"),
        "kb\tnasl-audit/policy_dir\t" + hexof(pd + b"/sub"),
        call("audit_policy_files"),
    ]
    return "\n".join(out) + "\n"


def nasl_bytes(b):
    if not b:
        return '""'
    return "raw_string(" + ",".join("0x%02x" % c for c in b) + ")"


def nasl_array(name, v):
    """Statements that build the array argument v ("a:KEY>VALUE,...", see
    driver.c) in the NASL variable name."""
    out = ["%s = make_array();" % name]
    for entry in filter(None, v[2:].split(",")):
        key, value = entry.split(">", 1)
        if value == "l:":
            value = "make_list(1)"
        else:
            value = nasl_value(value)
        out.append("%s[%s] = %s;" % (name, nasl_value(key), value))
    return out


def nasl_value(v):
    kind, rest = v[:2], v[2:]
    if kind == "i:":
        return rest
    if kind == "f:":
        return 'fread("%s")' % rest
    if kind == "x:":
        b = bytes.fromhex(rest)
        if len(b) > RAW_STRING_MAX:
            sys.exit("gencalls: data too long for raw_string; use a file")
        return nasl_bytes(b)
    sys.exit("gencalls: bad value %r" % v)


def gen_nasl(srcdir, calls_path):
    with open(os.path.join(srcdir, "tests/bridge/dump.inc"), encoding="utf-8") as fh:
        out = [fh.read()]
    with open(calls_path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            f = line.split("\t")
            tag = "%04d" % lineno
            if f[0] == "defined":
                out.append('display("%s defined %s ", defined_func("%s"), "\\n");' % (tag, f[1], f[1]))
            elif f[0] == "kb":
                out.append('set_kb_item(name:"%s", value:%s);' % (f[1], nasl_value(f[2])))
            elif f[0] == "call":
                args = []
                for a in f[2:]:
                    name, v = a.split("=", 1)
                    if v.startswith("a:"):
                        out += nasl_array("arg_" + name, v)
                        args.append("%s:arg_%s" % (name, name))
                    else:
                        args.append("%s:%s" % (name, nasl_value(v)))
                out.append("r = %s(%s);" % (f[1], ", ".join(args)))
                out.append('bridge_dump(tag:"%s", path:"$", v:r);' % tag)
            else:
                sys.exit("gencalls: bad request on line %d" % lineno)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "calls":
        sys.stdout.write(gen_calls(sys.argv[2], sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "nasl":
        sys.stdout.write(gen_nasl(sys.argv[2], sys.argv[3]))
    else:
        sys.exit("usage: gencalls.py calls SRCDIR POLICYDIR | nasl SRCDIR CALLS")


if __name__ == "__main__":
    main()

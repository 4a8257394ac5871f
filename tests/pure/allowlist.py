#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""allowlist.py: the plugins call only the builtins stock OpenVAS has, with OpenVAS's argument names.

usage: allowlist.py ALLOWLIST FILE...

Every call in the files (comments and strings removed) must be either a
function the files define or a builtin listed in ALLOWLIST; every named
argument of a builtin call must be one the list gives for it.  Calls of the
audit module's own builtins are allowed only inside 'if (defined_func(...))'
dispatchers (nasl_audit_api.inc), which the list marks with "module"; the
runner's builtins (marked "host") only in a file that asks
defined_func("NAME") for them.
Prints each violation as FILE:LINE: message; exit status 1 when there is one.
"""
import re
import sys

KEYWORDS = {"if", "while", "for", "foreach", "function", "return", "repeat", "until",
            "else", "include", "local_var", "global_var", "break", "continue", "x"}


def strip(text):
    """The text with comments and string literals blanked (lines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c == '"':
            j = text.find('"', i + 1)
            j = n if j < 0 else j
            out.append('""' + "".join("\n" if ch == "\n" else " " for ch in text[i + 1:j]))
            i = j + 1
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            out.append("''" + "".join("\n" if ch == "\n" else " " for ch in text[i + 1:j]))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def calls(text):
    """(name, line, [named argument names]) of every call in stripped text."""
    for m in re.finditer(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(", text):
        name = m.group(1)
        before = text[:m.start()].rstrip()
        if name in KEYWORDS or before.endswith("function") or before.endswith("foreach"):
            continue
        depth, j, args, start = 1, m.end(), [], m.end()
        while j < len(text) and depth:
            ch = text[j]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            j += 1
        body = text[start:j - 1]
        # named arguments at the top level of this call
        level = 0
        for k, ch in enumerate(body):
            if ch in "([":
                level += 1
            elif ch in ")]":
                level -= 1
            elif ch == ":" and level == 0:
                a = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*$", body[:k])
                if a:
                    args.append(a.group(1))
        yield name, text.count("\n", 0, m.start()) + 1, args


def main():
    allowed, module, host = {}, set(), set()
    for raw in open(sys.argv[1], encoding="utf-8"):
        line = raw.split("#", 1)[0].split()
        if not line:
            continue
        if line[1:2] == ["module"]:
            module.add(line[0])
            continue
        if line[1:2] == ["host"]:
            host.add(line[0])
            continue
        allowed[line[0]] = set(a for a in line[1:] if a != "-")
    raws = {f: open(f, encoding="latin-1").read() for f in sys.argv[2:]}
    texts = {f: strip(r) for f, r in raws.items()}
    defined = set()
    for t in texts.values():
        defined.update(re.findall(r"\bfunction\s+([A-Za-z_][A-Za-z0-9_]*)", t))
    bad = 0
    used = set()
    for f, t in texts.items():
        for name, line, args in calls(t):
            if name in defined:
                continue
            if name in module:
                if not f.endswith("nasl_audit_api.inc"):
                    print(f"{f}:{line}: module builtin {name}() outside the dispatchers")
                    bad += 1
                continue
            if name in host:
                if ('defined_func("%s")' % name) not in raws[f]:
                    print(f"{f}:{line}: runner builtin {name}() without defined_func(\"{name}\") in the file")
                    bad += 1
                continue
            if name not in allowed:
                print(f"{f}:{line}: {name}() is not in the OpenVAS allowlist")
                bad += 1
                continue
            used.add(name)
            for a in args:
                if a not in allowed[name]:
                    print(f"{f}:{line}: {name}() has no argument '{a}' in OpenVAS")
                    bad += 1
    unused = sorted(set(allowed) - used)
    if unused:
        print("note: allowlisted but not called: " + " ".join(unused))
    print(f"{len(used)} builtins called, all in the allowlist" if not bad else f"{bad} violations")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

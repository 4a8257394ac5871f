#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# allowlist.sh: the plugins and their includes call only builtins of stock OpenVAS 22.4 and 23.x (tests/pure/allowlist).
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
NASL=${NASL:-$top_builddir/nasl/nasl}
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to read the includes"; exit 77; }
list=$top_srcdir/tests/pure/allowlist
check=$top_srcdir/tests/pure/allowlist.py
work=$(mktemp -d "${TMPDIR:-/tmp}/pure-allow.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
fail=0

# 1. every call in the plugins and their includes (nasl_audit_paths.inc is
#    written at install time and holds no call)
python3 "$check" "$list" "$top_srcdir"/plugins/nasl_audit_*.inc "$top_srcdir"/plugins/nasl_audit_*.nasl || fail=1

# 2. the checker finds what it must: an unknown builtin, a wrong argument
#    name, a module builtin outside the dispatchers
cat > "$work/bad.inc" <<'NASL'
function f(s) { return fetch_url(s) + ereg(strng:s, pattern:"a") + audit_check(policy:s); }
function g() { rm_kb_item(name:"a"); nasl_audit_record(kind:"x", data:NULL); }
NASL
out=$(python3 "$check" "$list" "$work/bad.inc")
for want in "fetch_url() is not in the OpenVAS allowlist" "ereg() has no argument 'strng'" \
            "module builtin audit_check() outside the dispatchers" "rm_kb_item() is not in the OpenVAS allowlist" \
            'runner builtin nasl_audit_record() without defined_func("nasl_audit_record") in the file'; do
  case $out in *"$want"*) ;; *) echo "FAIL: the checker missed: $want"; fail=1 ;; esac
done

# 3. our interpreter has every allowlisted builtin
awk '!/^#/ && NF && $2 != "module" && $2 != "host" { printf "if (!defined_func(\"%s\")) display(\"missing %s\\n\");\n", $1, $1 }' \
  "$list" > "$work/have.nasl"
missing=$("$NASL" "$work/have.nasl" 2>&1)
if [ -n "$missing" ]; then echo "FAIL: our interpreter lacks: $missing"; fail=1; fi
exit $fail

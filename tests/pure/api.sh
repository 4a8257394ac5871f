#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# api.sh: the dispatchers of nasl_audit_api.inc give the same answers and reasons with the module and without it.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
NASL=${NASL:-$top_builddir/nasl/nasl}
MODULE=${AUDIT_MODULE:-$top_builddir/nasl-ext/audit.la}
work=$(mktemp -d "${TMPDIR:-/tmp}/pure-api.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
# a policy folder: what is listed and what is not
d=$work/policies
mkdir -p "$d/sub.audit" "$d/other"
: > "$d/b.audit"; : > "$d/A.AUDIT"; : > "$d/.hidden.audit"; : > "$d/x.txt"; : > "$d/.audit"
: > "$d/other/target.txt"; ln -s other/target.txt "$d/link.audit"; ln -s nowhere "$d/broken.audit"
: > "$d/-dash.audit"

cat > "$work/expected" <<EOT
parse ok: Unix | -
parse error: bad.audit:1: text outside <check_type> | bad.audit:1: text outside <check_type>
parse vars: Ports 2.1 2222 | -
parse bad vars: NULL | vars: an element has no name (an integer index)
parse no data: NULL | missing argument 'data'
ports 80 in 80,443: 1 | -
ports 81 in 80,443: 0 | -
ports bad range: NULL | port list element '30-20': range start greater than range end
ports bad regex: NULL | port list element '8[0-9' is not a port number, a range a-b or a port regex: invalid regex: missing terminating ] for character class at offset 5
validate ok: NULL | -
validate bad: port list element '70000': port number out of range 0-65535 | port list element '70000': port number out of range 0-65535
list: [1,0,1,1,0] | -
list bad: NULL | port list element 'abc' is not a port number, a range a-b or a port regex: 'a' is not allowed
check equal: 1 | -
check regex: 1 | -
check unknown op: NULL | unknown check_type 'CHECK_FOO'
check bad regex: NULL | invalid regex '(a': missing closing parenthesis at offset 2
check bad number: NULL | CHECK_GREATER_THAN needs a number, got 'abc'
files: [$d/-dash.audit,$d/A.AUDIT,$d/b.audit,$d/link.audit] | -
files slash: [$d/-dash.audit,$d/A.AUDIT,$d/b.audit,$d/link.audit] | -
files missing: NULL | cannot open policy directory '$d/missing': No such file or directory
files not a folder: NULL | cannot open policy directory '$d/x.txt': Not a directory
files from the KB: [$d/-dash.audit,$d/A.AUDIT,$d/b.audit,$d/link.audit] | -
error text see the scanner's log
netstat: 135 | -
netstat kept: [tcp/0.0.0.0/135/912/1,udp/::/500/4/2] | -
netstat bad packed: NULL | not a row of netstat_parse(packed:TRUE)
netstat info: 1 | -
tasklist: [RpcSs,RpcEptMapper] | -
EOT
fail=0
for path in module pure-nasl; do
  set -- -i "$top_srcdir/plugins" -k "test/dir=$d" -k "nasl-audit/policy_dir=$d"
  [ $path = module ] && set -- "$@" -m "$MODULE"
  "$NASL" "$@" "$top_srcdir/tests/pure/api.nasl" > "$work/$path.out" 2> "$work/$path.err"
  { echo "path $path"; cat "$work/expected"; } > "$work/$path.want"
  if ! cmp -s "$work/$path.want" "$work/$path.out"; then
    echo "FAIL ($path): expected (<) and got (>):"; diff "$work/$path.want" "$work/$path.out"; fail=1
  fi
  # the pure path prints nothing; the module prints its own diagnostics
  if [ $path = pure-nasl ] && [ -s "$work/$path.err" ]; then
    echo "FAIL ($path): diagnostics:"; cat "$work/$path.err"; fail=1
  fi
done
exit $fail

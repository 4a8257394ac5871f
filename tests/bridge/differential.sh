#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bridge/differential.sh: the bridge gives the same results as the audit
# module.  The same calls (every parser fixture and sample through every
# parser, the matcher cases, the policy folder, argument edge cases) run
# through our interpreter with "-m audit" and through the stand-in driver with
# the bridge preloaded, in both layouts; results, printed one value per line
# with its path, and diagnostics must be identical.
. "${top_srcdir:-.}/tests/bridge/lib.sh"
command -v python3 >/dev/null || skip "python3 is needed to generate the calls"
NASL=${NASL:-$top_builddir/nasl/nasl}
MODULE=$top_builddir/nasl-ext/audit.la
[ -x "$NASL" ] || { echo "nasl not built at $NASL" >&2; exit 99; }

# A policy folder: listed files, ignored names, a sub-folder for the KB case.
pol=$work/policies
mkdir -p "$pol/sub" "$pol/dir.audit"
for f in b.audit A.AUDIT a.audit c.txt .hidden.audit sub/z.audit sub/y.Audit; do
  echo '<check_type:"Unix">' >"$pol/$f"
done
ln -s b.audit "$pol/link.audit"
ln -s missing "$pol/dangling.audit"

python3 "$top_srcdir/tests/bridge/gencalls.py" calls "$top_srcdir" "$pol" >"$work/calls.tsv" &&
  python3 "$top_srcdir/tests/bridge/gencalls.py" nasl "$top_srcdir" "$work/calls.tsv" >"$work/calls.nasl" ||
  { echo "cannot generate the calls" >&2; exit 99; }
ncalls=$(grep -c '^call' "$work/calls.tsv")

NASL_AUDIT_POLICY_DIR=$pol/sub
export NASL_AUDIT_POLICY_DIR
"$NASL" -m "$MODULE" "$work/calls.nasl" >"$work/nasl.out" 2>"$work/nasl.err"
expect_eq "nasl -m audit ran" 0 "$?"
sort "$work/nasl.out" >"$work/nasl.sorted"
# "FILE:LINE: NAME: message" -> "error: NAME: message"
sed 's/^[^:]*:[0-9]*: /error: /' "$work/nasl.err" >"$work/nasl.errors"
tagged=$(cut -d' ' -f1 "$work/nasl.out" | sort -u | wc -l)
expect_eq "every request answered by nasl" "$(grep -c '^\(call\|defined\)' "$work/calls.tsv")" "$tagged"

for layout in 22 23; do
  eval driver=\$DRIVER$layout
  bridged "$driver" "$work/calls.tsv" >"$work/bridge$layout.out" 2>"$work/bridge$layout.err"
  expect_eq "layout $layout: driver ran" 0 "$?"
  sort "$work/bridge$layout.out" >"$work/bridge$layout.sorted"
  if cmp -s "$work/nasl.sorted" "$work/bridge$layout.sorted"; then
    ok "layout $layout: $ncalls calls, $(wc -l <"$work/nasl.sorted") result lines identical"
  else
    fail "layout $layout: results differ from nasl -m audit"
    diff "$work/nasl.sorted" "$work/bridge$layout.sorted" | head -n 40
  fi
  head -n 1 "$work/bridge$layout.err" | grep -q '^openvas-bridge\[[0-9]*\]: active: ' &&
    ok "layout $layout: bridge active" || fail "layout $layout: bridge not active"
  sed 1d "$work/bridge$layout.err" >"$work/bridge$layout.errors"
  if cmp -s "$work/nasl.errors" "$work/bridge$layout.errors"; then
    ok "layout $layout: $(wc -l <"$work/nasl.errors") diagnostics identical"
  else
    fail "layout $layout: diagnostics differ"
    diff "$work/nasl.errors" "$work/bridge$layout.errors" | head -n 40
  fi
done

# The comparison must be able to fail: the dump of a known call is exact.
line=$(grep -n "$(printf 'call\taudit_ports_match\tspec=%s\tport=i:80$' "x:38302c343433")" "$work/calls.tsv" | head -n 1 | cut -d: -f1)
expect_eq "a known result" "$(printf '%04d $ int 1' "$line")" "$(grep "^$(printf '%04d' "$line") " "$work/bridge23.out")"
# ... and so is that of a vars: override (SSH_PORT=2222, read from an array argument)
name=$(printf 'vars-declared-and-undeclared' | od -An -tx1 | tr -d ' \n')
line=$(grep -n "name=x:$name	vars=a:" "$work/calls.tsv" | head -n 1 | cut -d: -f1)
expect_eq "a known vars: result" "$(printf '%04d ${items}[0]{ports} data 32323232' "$line")" \
  "$(grep "^$(printf '%04d' "$line") \${items}\[0\]{ports} " "$work/bridge23.out")"
# ... and so is that of a packed row turned back into its array
line=$(grep -n "$(printf '^call\tnetstat_row\tpacked=x:4e01')" "$work/calls.tsv" | head -n 1 | cut -d: -f1)
expect_eq "a known packed row" "$(printf '%04d ${processes}[1][1] int 701' "$line")" \
  "$(grep "^$(printf '%04d' "$line") \${processes}\[1\]\[1\] " "$work/bridge23.out")"
finish

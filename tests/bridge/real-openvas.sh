#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bridge/real-openvas.sh: the bridge inside a real openvas-nasl (make
# check-openvas OPENVAS_NASL=/path/to/openvas-nasl; CI has no OpenVAS).
#  1. the differential calls of differential.sh give the same results and
#     diagnostics as "nasl -m audit";
#  2. exactly one status line, naming the version openvas-nasl reports;
#  3. OPENVAS_BRIDGE_DISABLE=1: no builtins, one line saying so;
#  4. the plugins (local transport, the shipped policy folder) report the
#     same results as under "nasl -m audit".
. "${top_srcdir:-.}/tests/bridge/lib.sh"
[ -n "${OPENVAS_NASL:-}" ] || skip "set OPENVAS_NASL to a real openvas-nasl"
command -v python3 >/dev/null || skip "python3 is needed to generate the calls"
NASL=${NASL:-$top_builddir/nasl/nasl}
MODULE=$top_builddir/nasl-ext/audit.la

# openvas-nasl (22.4 and 23.x alike) logs display() and diagnostics on stderr
# ("lib  nasl-Message: TIME: TEXT") and log_message() on stdout: take both,
# without the prefix.
openvas_text() { # openvas_text FILE
  sed -e 's/^lib  nasl-Message: [0-9:.]*: //' -e '/^$/d' "$1"
}

version=$("$OPENVAS_NASL" --version 2>/dev/null | sed -n '1s/^openvas-nasl //p')
echo "# $OPENVAS_NASL reports version '$version'"

# 1. the differential calls
pol=$work/policies
mkdir -p "$pol/sub"
for f in b.audit a.audit c.txt sub/z.audit; do echo '<check_type:"Unix">' >"$pol/$f"; done
python3 "$top_srcdir/tests/bridge/gencalls.py" calls "$top_srcdir" "$pol" >"$work/calls.tsv" &&
  python3 "$top_srcdir/tests/bridge/gencalls.py" nasl "$top_srcdir" "$work/calls.tsv" >"$work/calls.nasl" ||
  { echo "cannot generate the calls" >&2; exit 99; }
NASL_AUDIT_POLICY_DIR=$pol/sub
export NASL_AUDIT_POLICY_DIR
"$NASL" -m "$MODULE" "$work/calls.nasl" >"$work/nasl.out" 2>"$work/nasl.err"
sort "$work/nasl.out" >"$work/nasl.sorted"
sed 's/^[^:]*:[0-9]*: /error: /' "$work/nasl.err" >"$work/nasl.errors"

bridged "$OPENVAS_NASL" -X "$work/calls.nasl" >"$work/ov.all" 2>&1
expect_eq "openvas-nasl ran the calls" 0 "$?"
openvas_text "$work/ov.all" >"$work/ov.text"
grep '^[0-9][0-9][0-9][0-9] ' "$work/ov.text" | sort >"$work/ov.sorted"
if cmp -s "$work/nasl.sorted" "$work/ov.sorted"; then
  ok "$(grep -c '^call' "$work/calls.tsv") calls, $(wc -l <"$work/ov.sorted") result lines identical to nasl -m audit"
else
  fail "results differ from nasl -m audit"
  diff "$work/nasl.sorted" "$work/ov.sorted" | head -n 40
fi
sed -n 's/^\[[0-9]*\]([^)]*) /error: /p' "$work/ov.text" >"$work/ov.errors"
if cmp -s "$work/nasl.errors" "$work/ov.errors"; then
  ok "$(wc -l <"$work/ov.errors") diagnostics identical"
else
  fail "diagnostics differ"
  diff "$work/nasl.errors" "$work/ov.errors" | head -n 40
fi

# 2. one status line, for the version openvas-nasl reports
lines=$(grep -c '^openvas-bridge\[' "$work/ov.text")
expect_eq "one status line" 1 "$lines"
grep '^openvas-bridge\[' "$work/ov.text" >"$work/status"
expect_eq "status line" \
  "openvas-bridge[PID]: active: OpenVAS $version (libopenvas_nasl.so.${version%%.*}, $(
    case $version in 22.* | 23.[0-9].* | 23.[0-2][0-9].* | 23.3[0-7].* | 23.38.[0-3]) echo int-size ;; *) echo long-size ;; esac
  ) layout): added audit_parse netstat_parse netstat_parse_info tasklist_parse audit_ports_match audit_ports_validate audit_check audit_policy_files" \
  "$(status_of "$work/status")"

# 3. switched off: the plugins' fallback sees no builtin
printf 'foreach f (make_list("audit_parse", "netstat_parse", "audit_check"))\n  display(f, "=", defined_func(f), "\\n");\n' >"$work/defined.nasl"
OPENVAS_BRIDGE_DISABLE=1 bridged "$OPENVAS_NASL" -X "$work/defined.nasl" >"$work/off.all" 2>&1
expect_eq "switched off" "$(printf 'openvas-bridge[PID]: inactive, no builtins added: disabled by OPENVAS_BRIDGE_DISABLE\naudit_parse=0\nnetstat_parse=0\naudit_check=0')" \
  "$(openvas_text "$work/off.all" | status_of /dev/stdin)"

# 4. the plugins, locally, with the shipped policy folder (listeners can come
# and go between two runs on a busy machine: up to three tries)
plugins=$top_srcdir/plugins
run_plugins() { # run_plugins OUT -- INTERPRETER ARGS...
  out=$1
  shift
  "$@" -X -i "$plugins" -k nasl-audit/transport=local -k "nasl-audit/policy_dir=$top_srcdir/audit-files" \
    "$plugins/nasl_audit_gather.nasl" "$plugins/nasl_audit_ports.nasl" >"$out" 2>"$out.err"
}
same=no
for try in 1 2 3; do
  run_plugins "$work/plugins.ov" bridged "$OPENVAS_NASL"
  run_plugins "$work/plugins.nasl" "$NASL" -m "$MODULE"
  # our CLI heads each log_message with "[LOG] PORT:"; openvas-nasl does not
  grep -v '^\[LOG\] ' "$work/plugins.nasl" >"$work/plugins.nasl.body"
  if cmp -s "$work/plugins.nasl.body" "$work/plugins.ov"; then same=yes; break; fi
done
results=$(grep -c '^Compliant: ' "$work/plugins.ov")
if [ "$same" = yes ] && [ "$results" -gt 0 ]; then
  ok "plugins: $results results identical to nasl -m audit (try $try)"
else
  fail "plugins: output differs from nasl -m audit ($results results)"
  diff "$work/plugins.nasl.body" "$work/plugins.ov" | head -n 40
fi
grep -h 'Compliant: \|^"' "$work/plugins.ov" | sed 's/^/#   /'
openvas_text "$work/plugins.ov.err" | grep -v '^openvas-bridge\[' | sed 's/^/# openvas-nasl: /'
finish

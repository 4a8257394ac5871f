#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# differential.sh: the pure-NASL path gives the audit module's answers, byte for byte.
#
# Runs every parser fixture, every .audit sample and shipped policy, and the
# check_type and port-list tables (tests/pure/cases) through the module's
# builtins (nasl -m audit) and through the na_pure_* functions (no module),
# and compares the canonical dumps (tests/pure/dump.inc).  Differences that
# are there by design (regexes the pure path refuses) are listed in
# tests/pure/cases/refused.txt and must stay exactly as listed.
# Environment: NASL, top_srcdir, top_builddir (set by make check);
# AUDIT_MODULE overrides the module to compare with.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
NASL=${NASL:-$top_builddir/nasl/nasl}
MODULE=${AUDIT_MODULE:-$top_builddir/nasl-ext/audit.la}
work=$(mktemp -d "${TMPDIR:-/tmp}/pure-diff.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
. "$top_srcdir/tests/pure/jobs.sh"

# the jobs: one "KIND FILE" per line
{
  pure_fixed_jobs
  # random cases last: the module's diagnostics of these are not paired
  echo "portfuzz ${PURE_FUZZ_SEED:-1} ${PURE_FUZZ_COUNT:-300}"
  echo "regexfuzz ${PURE_FUZZ_SEED:-1} ${PURE_FUZZ_COUNT:-300}"
  for f in tests/ext/fixtures/netstat/win_anob_en.txt tests/ext/fixtures/netstat/linux_netstat_tulpn.txt \
           tests/ext/fixtures/netstat/ss_users_edge.txt tests/ext/fixtures/netstat/lsof_linux.txt \
           tests/pure/cases/netstat/win_fast_edges.txt; do
    echo "mutate ${PURE_FUZZ_SEED:-1} ${PURE_MUTATE_COUNT:-60} netstat $top_srcdir/$f"
  done
  for f in tests/ext/fixtures/tasklist/svc_nh.txt tests/ext/fixtures/tasklist/svc_csv.txt \
           tests/pure/cases/tasklist/mixed.txt; do
    echo "mutate ${PURE_FUZZ_SEED:-1} ${PURE_MUTATE_COUNT:-60} tasklist $top_srcdir/$f"
  done
  for f in tests/ext/fixtures/audit/edge_cases.audit tests/ext/fixtures/audit/edge_cases_utf16le.audit \
           doc/examples/example-conditional.audit; do
    echo "mutate ${PURE_FUZZ_SEED:-1} ${PURE_MUTATE_COUNT:-60} audit $top_srcdir/$f"
  done
} > "$work/manifest"

# --timeout 0: the driver runs every case in one script, which under a
# sanitizer build on a loaded machine can outlast the default 320 s limit.
run() { # MODE [-m MODULE]
  mode=$1; shift
  "$NASL" --timeout 0 "$@" -i "$top_srcdir/plugins" -i "$top_srcdir/tests/pure" \
    -k "pure/manifest=$work/manifest" -k "pure/mode=$mode" "$top_srcdir/tests/pure/driver.nasl"
}

run module -m "$MODULE" > "$work/module.raw" 2> "$work/module.err" || { cat "$work/module.err"; exit 1; }
run pure > "$work/pure.out" 2> "$work/pure.err" || { cat "$work/pure.err"; exit 1; }
run pure -k pure/bulk=no > "$work/pure-nobulk.out" 2>> "$work/pure.err" || { cat "$work/pure.err"; exit 1; }
if [ -s "$work/pure.err" ]; then
  echo "FAIL: the pure path printed diagnostics:"; cat "$work/pure.err"; exit 1
fi
# the bulk reading of lines is a speed-up only
if ! cmp -s "$work/pure.out" "$work/pure-nobulk.out"; then
  echo "FAIL: the pure path with (<) and without (>) its bulk line reading differ:"
  diff "$work/pure.out" "$work/pure-nobulk.out" | head -50
  exit 1
fi
# each NULL of the module gets its diagnostic (stderr, in the same order)
awk -v errs="$work/module.err" '
  BEGIN { while ((getline l < errs) > 0) { sub(/^[^:]*:[0-9]+: [a-z_]+: /, "", l); gsub(/\\/, "\\x5c", l); e[n++] = l } }
  / NULL$/ { $0 = $0 " " e[i++] }
  { print }' "$work/module.raw" > "$work/module.out"

# the differences, without the ones listed as refused by design
diff "$work/module.out" "$work/pure.out" > "$work/diff"
grep '^[<>]' "$work/diff" | sort > "$work/found"
grep -v '^#' "$top_srcdir/tests/pure/cases/refused.txt" | grep . | sort > "$work/expected"
if ! cmp -s "$work/found" "$work/expected"; then
  echo "FAIL: the module (<) and the pure path (>) differ beyond tests/pure/cases/refused.txt:"
  diff "$work/expected" "$work/found" | sed -n 's/^> /  new: /p; s/^< /  gone: /p'
  echo "full diff:"; cat "$work/diff"
  exit 1
fi
echo "pure-NASL path = module on $(grep -c . "$work/manifest") jobs, $(grep -c . "$work/module.out") dump lines; $(grep -c '^>' "$work/expected") refused by design"
exit 0

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench.sh: time of one host's work on the pure-NASL path (100-row netstat -ano, tasklist /svc, 200-item policy).
#
# Runs tests/pure/bench.nasl (the inputs are made by bench.py) with our
# interpreter, and with a real openvas-nasl when OPENVAS_NASL names one
# (OpenVAS copies strings on every assignment and builds a new context on
# every call: that is the figure that matters).  Prints the best CPU time
# (user + system) of BENCH_RUNS runs (5) and the wall time of that run.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
NASL=${NASL:-$top_builddir/nasl/nasl}
RUNS=${BENCH_RUNS:-5}
command -v python3 >/dev/null || { echo "pure-NASL bench skipped: python3 is needed"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pure-bench.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
bench="python3 $top_srcdir/tests/pure/bench.py"
$bench inputs "$work"
mkdir "$work/inc"
cp "$top_srcdir"/plugins/*.inc "$top_srcdir/tests/pure/bench.nasl" "$work/inc/"
set -- -i "$work/inc" -k "bench/netstat=$work/netstat.txt" -k "bench/tasklist=$work/tasklist.txt" \
  -k "bench/policy=$work/policy.audit"
echo "pure-NASL path: 100-row netstat -ano + tasklist /svc + 200-item policy (6700 evaluations), best of $RUNS"
$bench run "$RUNS" "nasl, na_ports_match_list()" "$NASL" "$@" "$work/inc/bench.nasl" || exit 1
$bench run "$RUNS" "nasl, na_ports_match() per port" "$NASL" "$@" -k bench/ports_api=single "$work/inc/bench.nasl" || exit 1
if [ -n "${OPENVAS_NASL:-}" ]; then
  $bench run "$RUNS" "openvas-nasl, na_ports_match_list()" "$OPENVAS_NASL" -X "$@" "$work/inc/bench.nasl" || exit 1
  $bench run "$RUNS" "openvas-nasl, na_ports_match() per port" "$OPENVAS_NASL" -X "$@" -k bench/ports_api=single \
    "$work/inc/bench.nasl" || exit 1
else
  echo "  (set OPENVAS_NASL to a real openvas-nasl for its figures)"
fi

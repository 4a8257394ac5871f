#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bench/runner-memory.sh: peak memory of nasl-audit (the runner) and of
# its worker (plugins + interpreter) on a 12.8 MB listening-socket listing,
# audited locally with the shipped Linux baseline (a fake 'ss' first on PATH
# prints the listing).  Prints figures; asserts nothing.  Two listings of the
# same size: the worst case, where nearly every socket has its own process
# (30,000 pids), and a busy server's, where 40 programs hold them all.
# RUNNER_BENCH_BYTES sets the listing size: 33500000 is the worst case, just
# under the 32 MiB listing cap (doc/plugins.md, "Memory", has the figures).
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-_build}
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
BYTES=${RUNNER_BENCH_BYTES:-12800000}
mkdir -p "$work/bin" "$work/pol"
printf '#!/bin/sh\ncat "%s"\n' "$work/ss.txt" >"$work/bin/ss"
chmod +x "$work/bin/ss"
cp "$top_srcdir/audit-files/linux-baseline.audit" "$work/pol/"

# measure LABEL PROGRAMS PIDS: rows spread over PROGRAMS names and PIDS pids.
measure() {
  python3 - "$work/ss.txt" "$BYTES" "$2" "$3" <<'PY'
import sys
path, want, names, pids = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
size = n = 0
with open(path, "w") as out:
    while size < want:
        line = ("tcp   LISTEN 0      128      10.%d.%d.%d:%d      0.0.0.0:*    "
                "users:((\"proc%d\",pid=%d,fd=3))\n" % (n // 65536 % 256, n // 256 % 256, n % 256,
                                                        1024 + n % 60000, n % names, 1000 + n % pids))
        out.write(line)
        size += len(line)
        n += 1
PY
  echo "== $1"
  start=$(date +%s.%N)
  PATH=$work/bin:$PATH "$top_builddir/nasl-audit" -P "$work/pol" --format json -o "$work/out.json" || :
  end=$(date +%s.%N)
  python3 - "$work/out.json" "$work/ss.txt" "$start" "$end" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
size = os.path.getsize(sys.argv[2])
rows = sum(1 for _ in open(sys.argv[2]))
t = doc["targets"][0]
print("listing: %d bytes, %d rows (%s, local transport); target %s, %d listeners reported"
      % (size, rows, t["listener_source"] or "?", t["status"], len(t["listeners"])))
print("nasl-audit (runner): peak RSS %d kB (%.1fx the listing)" % (doc["peak_rss_kb"], doc["peak_rss_kb"] * 1024.0 / size))
print("worker (plugins + interpreter): peak RSS %d kB (%.1fx the listing, %d bytes a row)"
      % (t["peak_rss_kb"], t["peak_rss_kb"] * 1024.0 / size, t["peak_rss_kb"] * 1024 // max(rows, 1)))
print("wall time: %.1f s" % (float(sys.argv[4]) - float(sys.argv[3])))
PY
}

measure "worst case: a process of its own for nearly every socket" 5000 30000
measure "busy server: 40 programs hold every socket" 40 40

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bench/reachability.sh: what testing reachability from the scanner costs: the plugins audit this machine with 1,000 extra TCP listeners on 0.0.0.0, without and with the probe (one open_sock_tcp per port through the nasl CLI).
set -u
top_builddir=${top_builddir:-_build}
top_srcdir=${top_srcdir:-.}
NASL=$top_builddir/nasl/nasl
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-bench-reach.XXXXXX")
python3 - "$work/ports" <<'PY' &
import resource, socket, sys, time
resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
socks = []
for _ in range(1000):
    s = socket.socket()
    s.bind(("0.0.0.0", 0))
    s.listen(64)
    socks.append(s)
open(sys.argv[1], "w").write("\n".join(str(s.getsockname()[1]) for s in socks) + "\n")
time.sleep(600)
PY
LPID=$!
trap 'kill $LPID 2>/dev/null; rm -rf "$work"' EXIT
while [ ! -s "$work/ports" ]; do sleep 0.1; done
mkdir -p "$work/pol"
printf '<check_type:"Unix">\n<custom_item>\n  type : AUDIT_DENIED_OPEN_PORTS\n  description : "d"\n  ports : "1-65535"\n</custom_item>\n</check_type>\n' >"$work/pol/b.audit"
run() {
  "$NASL" -X -B -m "$top_builddir/nasl-ext/audit.la" -i "$top_srcdir/plugins" -t 127.0.0.1 \
    -k nasl-audit/transport=local -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" >"$work/out" 2>&1
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# best of five runs each (a loaded machine adds noise, never removes it)
best() {
  b=
  for i in 1 2 3 4 5; do
    t=$(date +%s%N); run "$@"; m=$(ms "$t")
    if [ -z "$b" ] || [ "$m" -lt "$b" ]; then b=$m; fi
  done
  echo "$b"
}
base=$(best)
probed=$(best --pref "Test whether exposed listeners are reachable from the scanner=yes")
n=$(grep -c '\[reachable from the scanner\]' "$work/out" || :)
echo "reachability: 1000 extra listeners: audit ${base} ms without probing, ${probed} ms with (${n} evidence lines reachable)"
echo "reachability: probing cost $(( probed - base )) ms for about 1000 open ports, one open_sock_tcp after the other (a filtered port costs its timeout, 2 s, within a 60 s budget)"
AUDIT=$top_builddir/nasl-audit
run() { "$AUDIT" --policy-dir "$work/pol" --format json "$@" >"$work/out" 2>&1; }
base=$(best)
probed=$(best --reachability)
echo "reachability: nasl-audit, 1000 extra listeners: ${base} ms without, ${probed} ms with --reachability (parallel prober, 64 connects at a time)"

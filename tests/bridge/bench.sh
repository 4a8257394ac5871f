#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bridge/bench.sh: the builtins through the bridge (stand-in driver, both layouts) next to the module (nasl -m audit), in ms per call.
# Run by 'make bench'.  Start-up time is measured on its own and taken out.
. "${top_srcdir:-.}/tests/bridge/lib.sh"
NASL=${NASL:-$top_builddir/nasl/nasl}
MODULE=$top_builddir/nasl-ext/audit.la

# Workloads: a 10000-row and a 100-row Windows netstat -ano listing, a
# 200-item policy, a real 73 KB policy.
listing() { # listing ROWS
  printf 'Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n'
  i=0
  while [ "$i" -lt "$1" ]; do
    printf '  TCP    10.0.%d.%d:%d        10.1.2.3:%d        ESTABLISHED     %d\r\n' \
      $((i / 250)) $((i % 250)) $((1024 + i)) $((40000 + i % 20000)) $((4 + i))
    i=$((i + 1))
  done
}
listing 10000 >"$work/win10k.txt"
listing 100 >"$work/win100.txt"
{
  echo '<check_type:"Windows" version:"2">'
  i=0
  while [ "$i" -lt 200 ]; do
    printf '<custom_item>\n  type        : AUDIT_ALLOWED_OPEN_PORTS\n  description : "item %d"\n  value_data  : "80,443,%d"\n  port_type   : TCP\n</custom_item>\n' "$i" $((1000 + i))
    i=$((i + 1))
  done
  echo '</check_type>'
} >"$work/pol200.audit"
cp "$top_srcdir/tests/samples/audits/nsa_shb_InternetExplorer11.audit" "$work/ie11.audit"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# time_driver DRIVER CALLS-FILE -> ms
time_driver() {
  t0=$(now_ms)
  bridged "$1" --quiet "$2" 2>/dev/null
  echo $(($(now_ms) - t0))
}
time_nasl() { # time_nasl SCRIPT -> ms
  t0=$(now_ms)
  "$NASL" -m "$MODULE" "$1" >/dev/null 2>&1
  echo $(($(now_ms) - t0))
}

: >"$work/empty.tsv"
echo 'x = 1;' >"$work/empty.nasl"
base22=$(time_driver "$DRIVER22" "$work/empty.tsv")
base23=$(time_driver "$DRIVER23" "$work/empty.tsv")
basen=$(time_nasl "$work/empty.nasl")

printf '%-32s %6s %12s %12s %12s\n' workload calls "bridge 22.4" "bridge 23.x" "module"
for w in "netstat_parse win10k.txt 20" "netstat_parse win100.txt 500" \
  "audit_parse pol200.audit 200" "audit_parse ie11.audit 200"; do
  set -- $w
  fn=$1 file=$2 n=$3
  i=0
  : >"$work/w.tsv"
  while [ "$i" -lt "$n" ]; do printf 'call\t%s\tdata=f:%s\n' "$fn" "$work/$file" >>"$work/w.tsv"; i=$((i + 1)); done
  printf 'data = fread("%s");\nfor (i = 0; i < %d; i++) r = %s(data:data);\n' "$work/$file" "$n" "$fn" >"$work/w.nasl"
  t22=$(($(time_driver "$DRIVER22" "$work/w.tsv") - base22))
  t23=$(($(time_driver "$DRIVER23" "$work/w.tsv") - base23))
  tn=$(($(time_nasl "$work/w.nasl") - basen))
  printf '%-32s %6d %9s ms %9s ms %9s ms  (per call)\n' "$fn $file" "$n" \
    "$(echo "$t22 $n" | awk '{ printf "%.2f", $1 / $2 }')" \
    "$(echo "$t23 $n" | awk '{ printf "%.2f", $1 / $2 }')" \
    "$(echo "$tn $n" | awk '{ printf "%.2f", $1 / $2 }')"
done
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/limits.sh: results never depend on the KB's capacity, and a flood is refused (issue 7 §1.6): a 120,000-item policy audited locally against a real listening socket keeps every result; a target printing 1.4 M 'ss' rows, locally and over the real sshd, is not audited for its output's size, with bounded memory.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# --- 120,000 items (1,000,000 KB values was the limit that lost the last ones):
#     119,999 deny port 0 (nothing can listen there: PASSED), the last one
#     denies the port of a real listener (FAILED).
ITEMS=120000
listen tcp:0.0.0.0
DENIED=${LISTEN_PORTS% }
mkdir -p "$work/big"
python3 - "$work/big/items.audit" "$ITEMS" "$DENIED" <<'PY'
import sys
path, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as out:
    out.write('<check_type:"Unix">\n')
    for i in range(1, n + 1):
        out.write('<custom_item>\n  type        : AUDIT_DENIED_OPEN_PORTS\n'
                  '  description : "item %d"\n  ports       : "%s"\n</custom_item>\n'
                  % (i, port if i == n else "0"))
    out.write('</check_type>\n')
PY
rc=0
"$AUDIT" -P "$work/big" --format json -o "$work/big.json" 2>"$work/big.err" || rc=$?
stop_listen
expect_eq "120,000 items: exit status 1 (the last item FAILED)" 1 "$rc"
json_check "$work/big.json" "
n = $ITEMS
t = doc['targets'][0]
res = t['results']
check('120,000 items: target audited', t['status'] == 'audited', (t['status'], t['reason']))
check('120,000 items: every result present', len(res) == n, len(res))
check('120,000 items: in policy order, each once', [x['check_name'] for x in res] == ['item %d' % i for i in range(1, n + 1)],
      [x['check_name'] for x in res[-3:]])
check('120,000 items: the last one FAILED on the open port',
      (res[-1]['result'], res[-1]['actual_value']) == ('FAILED', 'denied ports open: $DENIED/tcp'), res[-1])
check('120,000 items: the others PASSED', sum(1 for x in res[:-1] if x['result'] == 'PASSED') == n - 1,
      [x for x in res[:-1] if x['result'] != 'PASSED'][:2])
check('120,000 items: counts', t['counts'] == {'passed': n - 1, 'failed': 1, 'warning': 0, 'error': 0}, t['counts'])
check('120,000 items: the policy ran all of them', [(p['status'], p['items']) for p in t['policies']] == [('ran', n)], t['policies'])
"

# --- a target printing 1.4 M 'ss' rows (141 MB): over the output cap.
ROWS=1400000
python3 - "$work/ss-flood.txt" "$ROWS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as out:
    for i in range(n):
        out.write('tcp   LISTEN 0      128      10.%d.%d.%d:%d      0.0.0.0:*    users:(("proc%d",pid=%d,fd=3))\n'
                  % (i // 65536 % 256, i // 256 % 256, i % 256, 1024 + i % 60000, i % 5000, 1000 + i % 30000))
PY
flood_check() { # flood_check WHAT REASON
  json_check "$work/flood.json" "
t = doc['targets'][0]
check('$1: not audited', t['status'] == 'not_audited', t['status'])
check('$1: for the output cap', (t['reason_code'], t['reason']) == ('output_cap', '$2'), (t['reason_code'], t['reason']))
check('$1: no result at all (no PASSED)', t['results'] == [], t['results'][:3])
check('$1: worker memory bounded (peak RSS under 1 GB)', 0 < t['peak_rss_kb'] < 1024 * 1024, t['peak_rss_kb'])
check('$1: runner memory bounded', 0 < doc['peak_rss_kb'] < 1024 * 1024, doc['peak_rss_kb'])
check('$1: summary', (doc['summary']['not_audited'], doc['summary']['passed']) == (1, 0), doc['summary'])
"
}
mkdir -p "$work/base" "$work/bin"
cp "$top_srcdir/audit-files/linux-baseline.audit" "$work/base/"

# locally: a fake 'ss' first on PATH
printf '#!/bin/sh\nexec cat "%s"\n' "$work/ss-flood.txt" >"$work/bin/ss"
chmod +x "$work/bin/ss"
rc=0
PATH=$work/bin:$PATH "$AUDIT" -P "$work/base" --format json -o "$work/flood.json" 2>"$work/flood.err" || rc=$?
expect_eq "1.4 M rows, local: exit status 2" 2 "$rc"
flood_check "1.4 M rows, local" "the local commands printed 67108864 bytes or more (the cap)"

# over SSH: the real sshd, its session's 'ss' prints the rows
start_sshd
mv "$work/ss-flood.txt" "$S/fake/ss.out"
rc=0
"$AUDIT" -P "$work/base" --format json -o "$work/flood.json" -i "$S/id_ed25519" -p "$PORT" \
  "$(id -un)@127.0.0.1" 2>"$work/flood.err" || rc=$?
expect_eq "1.4 M rows, SSH: exit status 2" 2 "$rc"
flood_check "1.4 M rows, SSH" "command output exceeds 67108864 bytes"
finish

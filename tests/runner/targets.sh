#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/targets.sh: targets (issue 9, 5): --targets-file with comments,
# CIDR blocks and ranges (absurd sizes refused), localhost, 127.0.0.1 and ::1
# treated alike, and --var reaching the plugins.
. "${top_srcdir:-.}/tests/runner/lib.sh"

names() { python3 -c "import json,sys; print(' '.join(t['target'] + '=' + t['transport'] for t in json.load(open(sys.argv[1]))['targets']))" "$1"; }

cat >"$work/targets.txt" <<'T'
# fleet
localhost            # this machine
127.0.0.1
::1
LOCALHOST
admin@127.0.0.3:2222
127.0.1.0/30
127.0.2.5-6
T
audit tf all_pass --targets-file "$work/targets.txt" --format json --jobs 4 --timeout 60
expect_eq "targets file: names and transports" \
  "localhost=local 127.0.0.1=local ::1=local LOCALHOST=local admin@127.0.0.3:2222=ssh 127.0.1.1=ssh 127.0.1.2=ssh 127.0.2.5=ssh 127.0.2.6=ssh" \
  "$(names "$work/tf.out")"
json_check "$work/tf.out" "
check('every target ran', all(t['status'] == 'audited' for t in doc['targets']), [(t['target'], t['status'], t['reason']) for t in doc['targets']])
"

audit cidr all_pass 127.0.3.0/31 127.0.4.1-127.0.4.2 --format json
expect_eq "/31 and a full range" "127.0.3.0=ssh 127.0.3.1=ssh 127.0.4.1=ssh 127.0.4.2=ssh" "$(names "$work/cidr.out")"

for bad in 10.0.0.0/8 0.0.0.0/0 fd00::/64; do
  "$AUDIT" -P "$work/pol" "$bad" >/dev/null 2>"$work/big.err"
  expect_eq "$bad refused: exit 3" 3 $?
  has "$work/big.err" "'$bad' stands for [0-9]+ hosts; more than 65536 targets in all is refused" "$bad: said"
done
for bad in 10.0.0.5-1 10.0.0.0/33 10.0.0.300-301 'user@' 'host:0' '[::1'; do
  "$AUDIT" -P "$work/pol" "$bad" >/dev/null 2>"$work/bad.err"
  expect_eq "'$bad': exit 3" 3 $?
done
printf 'localhost\nbad host name\n' >"$work/badfile.txt"
"$AUDIT" -P "$work/pol" --targets-file "$work/badfile.txt" >/dev/null 2>"$work/badfile.err"
expect_eq "bad targets file line: exit 3" 3 $?
has "$work/badfile.err" "badfile.txt:2: malformed target 'bad host name'" "bad targets file line: file and line named"
printf 'localhost\n127.0.0.1\n' | "$AUDIT" -P "$work/pol" --var SCENARIO=all_pass --targets-file - --format json >"$work/stdin.json" 2>/dev/null
expect_eq "targets from standard input" "localhost=local 127.0.0.1=local" "$(names "$work/stdin.json")"

# --var reaches the plugins (the KB key nasl-audit/var/NAME): SCENARIO itself is one.
audit var all_pass --var EXTRA=4444 --format json
json_check "$work/var.out" "
check('--var reached the plugins', any(l['port'] == 4444 for l in doc['targets'][0]['listeners']), doc['targets'][0]['listeners'])
"
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/faults.sh: what goes wrong must end as ERROR / INCOMPLETE with its
# reason, never PASSED, never a hang, never a secret in the output: wrong key,
# refused connection, sshd killed mid-run, missing command, empty, truncated
# and garbage output, and a policy regex that would backtrack forever.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
# The host is Windows: sshd hands every command to an emulated cmd.exe.
SSHD_EXTRA_CONFIG="ForceCommand $(command -v python3) $top_srcdir/tests/sshd/wincmd.py" start_sshd
FIX=$top_srcdir/tests/e2e/fixtures
USER_NAME=$(id -un)
cp "$FIX/win-ver.txt" "$S/fake/ver.out"
sshd_fake "$S" tasklist "$FIX/win-tasklist-svc.txt"
sshd_fake "$S" netstat "$FIX/win-netstat-ano.txt"

mkdir -p "$work/policies"
cat >"$work/policies/p.audit" <<'AUDIT'
<check_type:"Windows" version:"2">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied telnet"
  value_data  : "23"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed anything"
  value_data  : "1-65535"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "system on 445"
  value_data  : "System"
  port_no     : "445"
  port_option : CAN_BE_CLOSED
</custom_item>
</check_type>
AUDIT
run() { # run NAME ARGS... -> $work/NAME.json, status in $st
  name=$1
  shift
  "$AUDIT" --policy-dir "$work/policies" --format json --timeout 60 "$@" >"$work/$name.json" 2>"$work/$name.err"
  st=$?
}
# The target could not be audited: one state with its reason, no result at
# all (nothing PASSED, no ERROR per check), exit status 2.
all_error() { # all_error NAME WHY-SUBSTRING
  expect_eq "$1: exit status 2" 2 "$st"
  json_check "$work/$1.json" "
t = doc['targets'][0]
check('$1: not audited, nothing PASSED', t['status'] == 'not_audited' and results() == [], (t['status'], [(x['check_name'], x['result']) for x in results()]))
check('$1: reason given', '''$2''' in (t['reason'] or '') and t['reason_code'], (t['reason'], t['reason_code']))
check('$1: counted once', (doc['summary']['not_audited'], doc['summary']['error']) == (1, 0), doc['summary'])
"
}

# Sanity: the emulated host is audited fine.
run good -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
expect_eq "good: exit status 0" 0 "$st"

# Wrong key, and a password that must never be printed.
SECRET_PW="pw-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export NASL_E2E_PW="$SECRET_PW"
run wrongkey -i "$S/id_wrong_ed25519" --password-env NASL_E2E_PW "$USER_NAME@127.0.0.1:$PORT"
all_error wrongkey "authentication"
key_line=$(sed -n 2p "$S/id_wrong_ed25519")
if grep -qF -e "$SECRET_PW" -e "$key_line" "$work/wrongkey.json" "$work/wrongkey.err"; then
  fail "wrongkey: a secret appears in the output"
else
  ok "wrongkey: no password or key material in the output"
fi
run wrongkey_v -v -i "$S/id_wrong_ed25519" --password-env NASL_E2E_PW --format text "$USER_NAME@127.0.0.1:$PORT"
grep -qF -e "$SECRET_PW" -e "$key_line" "$work/wrongkey_v.json" "$work/wrongkey_v.err" \
  && fail "wrongkey -v: a secret appears in the verbose output" || ok "wrongkey -v: no secret in verbose output"

# Refused connection: a port nobody listens on.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s)
run refused -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$closed"
all_error refused "Connection refused"
[ $(( $(date +%s) - start )) -lt 30 ] && ok "refused: quick" || fail "refused: took too long"

# netstat missing, empty, truncated, garbage.
sshd_fake "$S" netstat /dev/null /dev/null 127
run missing -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
all_error missing "no listing command is available on the target (tried: netstat -ano, netstat -an)"
: >"$work/empty.txt"
sshd_fake "$S" netstat "$work/empty.txt"
run empty -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
all_error empty "'netstat -ano' printed nothing"
head -c 300 "$FIX/win-netstat-ano.txt" >"$work/trunc.txt"
sshd_fake "$S" netstat "$work/trunc.txt"
run truncated -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
all_error truncated "the output of 'netstat -ano' was cut off (no final line break)"
head -c 20000 /dev/urandom >"$work/garbage.txt"
sshd_fake "$S" netstat "$work/garbage.txt"
run garbage -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
all_error garbage "netstat -ano"

# A listing with a row we cannot read: nothing may pass on it.
{ head -n 6 "$FIX/win-netstat-ano.txt"
  printf '  TCP    0.0.0.0:2x3            0.0.0.0:0              LISTENING       4\r\n'
  tail -n +7 "$FIX/win-netstat-ano.txt"; } >"$work/partial.txt"
sshd_fake "$S" netstat "$work/partial.txt"
run partial -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
expect_eq "partial: exit status 2" 2 "$st"
json_check "$work/partial.json" "
check('partial: no PASSED on a listing with an unreadable row', all(x['result'] == 'ERROR' for x in results()) and len(results()) == 3, [(x['check_name'], x['result']) for x in results()])
check('partial: says which line', all('not understood (first: line 7)' in x['actual_value'] for x in results()), [x['actual_value'] for x in results()])
"

# A policy regex that would backtrack forever against a hostile image name.
sshd_fake "$S" netstat "$FIX/win-netstat-ano.txt"
printf '"Image Name","PID","Services"\r\n"%s","4","N/A"\r\n' "$(printf 'a%.0s' $(seq 1 40))!" >"$work/evil.csv"
sshd_fake "$S" tasklist "$work/evil.csv"
cat >"$work/policies/p.audit" <<'AUDIT'
<check_type:"Windows" version:"2">
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "catastrophic regex"
  value_data  : "(a|aa)+$"
  check_type  : CHECK_REGEX
  port_no     : "445"
</custom_item>
</check_type>
AUDIT
start=$(date +%s)
run regex -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT"
expect_eq "regex: exit status 2" 2 "$st"
json_check "$work/regex.json" "
check('regex: ERROR, not PASSED/FAILED', r('catastrophic regex')['result'] == 'ERROR', r('catastrophic regex'))
"
[ $(( $(date +%s) - start )) -lt 30 ] && ok "regex: no hang" || fail "regex: took too long"

# sshd killed while the audit runs: the command hangs, the server dies.
sshd_fake "$S" tasklist "$FIX/win-tasklist-svc.txt"
cat >"$S/fake/netstat.exec" <<'SLOW'
#!/bin/sh
: >"$FAKE_DIR/netstat.started"
sleep 30
cat "$FAKE_DIR/netstat.out"
SLOW
chmod 755 "$S/fake/netstat.exec"
rm -f "$S/fake/netstat.started"
"$AUDIT" --policy-dir "$work/policies" --format json --timeout 60 -i "$S/id_ed25519" \
  "$USER_NAME@127.0.0.1:$PORT" >"$work/killed.json" 2>"$work/killed.err" &
apid=$!
i=0
while [ ! -f "$S/fake/netstat.started" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$S/fake/netstat.started" ] && ok "killed: the remote command started" || fail "killed: the remote command never started"
kill_tree "$(cat "$S/pid")"
start=$(date +%s)
wait $apid
st=$?
expect_eq "killed: exit status 2" 2 "$st"
[ $(( $(date +%s) - start )) -lt 20 ] && ok "killed: no hang after the kill" || fail "killed: took $(( $(date +%s) - start ))s after the kill"
json_check "$work/killed.json" "
t = doc['targets'][0]
check('killed: nothing PASSED', t['status'] == 'not_audited' and not [x for x in results() if x['result'] == 'PASSED'], (t['status'], [(x['check_name'], x['result']) for x in results()]))
check('killed: the reason is the lost connection', 'connection lost' in (t['reason'] or ''), t['reason'])
"
finish

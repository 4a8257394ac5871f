#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/ssh-linux.sh: nasl-audit audits this machine over a real OpenSSH
# sshd on 127.0.0.1 (throwaway keys): the same real listeners as local.sh,
# reached through ssh_connect/ssh_userauth/ssh_request_exec.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
start_sshd
KEY=$S/id_ed25519
USER_NAME=$(id -un)

listen tcp:0.0.0.0 udp:0.0.0.0
set -- $LISTEN_PORTS
EXPOSED=$1 UDP=$2

mkdir -p "$work/policies"
cat >"$work/policies/e2e.audit" <<AUDIT
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied exposed tcp"
  ports       : "$EXPOSED"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied udp"
  ports       : "$UDP"
  port_type   : UDP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "python3 on exposed"
  ports       : "$EXPOSED"
  name        : "sshd|python3"
  port_type   : TCP
</custom_item>
</check_type>
AUDIT

"$AUDIT" --policy-dir "$work/policies" --format json -i "$KEY" --known-hosts "$S/known_hosts" \
  "$USER_NAME@127.0.0.1:$PORT" >"$work/out.json" 2>"$work/err.txt"
expect_eq "exit status with failures" 1 $?
json_check "$work/out.json" "
t = doc['targets'][0]
check('ssh transport, linux', (t['transport'], t['os']) == ('ssh', 'linux'), (t['transport'], t['os'], t['status'], t['reason']))
check('audited, no problems', t['status'] == 'audited' and t['problems'] == [], (t['status'], t['reason'], t['problems']))
check('listeners from ss', t['listener_source'] == 'ss -H -tulpn', t['listener_source'])
check('denied tcp FAILED over ssh', r('denied exposed tcp')['actual_value'] == 'denied ports open: $EXPOSED/tcp', r('denied exposed tcp'))
check('denied udp FAILED over ssh', r('denied udp')['actual_value'] == 'denied ports open: $UDP/udp', r('denied udp'))
check('unix name list PASSED', r('python3 on exposed')['result'] == 'PASSED', r('python3 on exposed'))
check('unix name list policy', r('python3 on exposed')['policy_value'] == '\"sshd\" || \"python3\"', r('python3 on exposed')['policy_value'])
check('sshd itself is a listener', any(p['port'] == $PORT and p['process'] == 'sshd' for p in t['listeners']), t['listeners'])
"
# ss missing on the target: netstat -tulpn takes over; both missing: /proc/net.
sshd_fake "$S" ss /dev/null /dev/null 127
"$AUDIT" --policy-dir "$work/policies" --format json -i "$KEY" "$USER_NAME@127.0.0.1:$PORT" >"$work/netstat.json" 2>/dev/null
json_check "$work/netstat.json" "
t = doc['targets'][0]
check('fallback to netstat -tulpn', t['listener_source'] == 'netstat -tulpn', (t['listener_source'], t['gather_log']))
check('netstat: denied tcp FAILED', r('denied exposed tcp')['result'] == 'FAILED', r('denied exposed tcp'))
check('netstat: process PASSED', r('python3 on exposed')['result'] == 'PASSED', r('python3 on exposed'))
"
sshd_fake "$S" netstat /dev/null /dev/null 127
"$AUDIT" --policy-dir "$work/policies" --format json -i "$KEY" "$USER_NAME@127.0.0.1:$PORT" >"$work/proc.json" 2>/dev/null
json_check "$work/proc.json" "
t = doc['targets'][0]
check('fallback to /proc/net', t['listener_source'] == '/proc/net/{tcp,tcp6,udp,udp6}', (t['listener_source'], t['gather_log']))
check('/proc: denied tcp FAILED', r('denied exposed tcp')['actual_value'] == 'denied ports open: $EXPOSED/tcp', r('denied exposed tcp'))
check('/proc: denied udp FAILED', r('denied udp')['result'] == 'FAILED', r('denied udp'))
check('/proc: process unknown is ERROR, not PASSED', r('python3 on exposed')['result'] == 'ERROR', r('python3 on exposed'))
"
sshd_unfake "$S" ss
sshd_unfake "$S" netstat
finish

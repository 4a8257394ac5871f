#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/ssh-windows.sh: a Windows host emulated behind the real sshd: an emulated
# cmd.exe (tests/sshd/wincmd.py) whose netstat and tasklist print Windows outputs
# (our fixtures and captured real ones); every result is checked.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
# The host is Windows: sshd hands every command to an emulated cmd.exe.
SSHD_EXTRA_CONFIG="ForceCommand $(command -v python3) $top_srcdir/tests/sshd/wincmd.py" start_sshd
FIX=$top_srcdir/tests/e2e/fixtures
cp "$FIX/win-ver.txt" "$S/fake/ver.out"
sshd_fake "$S" netstat "$FIX/win-netstat-ano.txt"
sshd_fake "$S" tasklist "$FIX/win-tasklist-svc.txt"
TARGET="$(id -un)@127.0.0.1:$PORT"

mkdir -p "$work/policies"
cat >"$work/policies/win.audit" <<'AUDIT'
<check_type:"Windows" version:"2">
<group_policy:"emulated windows">
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed tcp"
  value_type  : POLICY_PORTS
  value_data  : "22,135,139,445,3389,5985,49[0-9]+"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed udp"
  value_type  : POLICY_PORTS
  value_data  : "123,137,1900,3389,5353"
  port_type   : UDP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "ftp owner"
  value_type  : POLICY_TEXT
  value_data  : "FileZilla Server.exe"
  port_type   : TCP
  port_no     : "21"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "ssh owner regex"
  value_type  : POLICY_TEXT
  value_data  : "foo.exe" || "^sshd"
  check_type  : CHECK_REGEX
  port_type   : TCP
  port_no     : "22"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "winrm not svchost"
  value_type  : POLICY_TEXT
  value_data  : "svchost.exe"
  check_type  : CHECK_NOT_EQUAL
  port_type   : TCP
  port_no     : "5985"
</custom_item>
</group_policy>
</check_type>
AUDIT

"$AUDIT" --policy-dir "$work/policies" -f "$top_srcdir/audit-files/windows-baseline.audit" \
  --format json -i "$S/id_ed25519" "$TARGET" >"$work/out.json" 2>"$work/err.txt"
expect_eq "exit status with failures" 1 $?
json_check "$work/out.json" "
t = doc['targets'][0]
check('detected windows', t['os'] == 'windows', (t['os'], t['gather_log'], t['reason']))
check('listeners from netstat -ano', t['listener_source'] == 'netstat -ano', t['listener_source'])
check('allowed tcp: 21 outside the list, loopback 14147 not counted', r('allowed tcp')['actual_value'] == 'open ports not in the allowed list: 21/tcp', r('allowed tcp'))
check('allowed udp PASSED (fe80 row, loopback udp ignored)', r('allowed udp')['result'] == 'PASSED', r('allowed udp'))
check('image name with a space', r('ftp owner')['actual_value'] == 'FileZilla Server.exe (PID 2320, services: FileZilla Server)', r('ftp owner'))
check('regex alternative PASSED', r('ssh owner regex')['result'] == 'PASSED', r('ssh owner regex'))
check('CHECK_NOT_EQUAL: System is not svchost', r('winrm not svchost')['actual_value'] == 'System (PID 4)' and r('winrm not svchost')['result'] == 'PASSED', r('winrm not svchost'))
check('baseline: FTP/Telnet denied FAILED', r('FTP and Telnet servers must not listen')['actual_value'] == 'denied ports open: 21/tcp', r('FTP and Telnet servers must not listen'))
check('baseline: TFTP PASSED', r('TFTP must not listen')['result'] == 'PASSED')
check('baseline: System on 445', r('SMB (445) must be served by the kernel (System)')['actual_value'] == 'System (PID 4)', r('SMB (445) must be served by the kernel (System)'))
check('baseline: RDP owner with services', r('RDP (3389) must be served by the Remote Desktop service host')['actual_value'] == 'svchost.exe (PID 972, services: TermService)', r('RDP (3389) must be served by the Remote Desktop service host'))
check('baseline from -f, labelled with its own name', r('TFTP must not listen')['audit_file'] == 'windows-baseline.audit', r('TFTP must not listen')['audit_file'])
check('commands run: netstat -ano and tasklist /svc, no fallback', [l for l in t['gather_log'] if l.startswith(\"'\")] == [\"'netstat -ano': 1773 bytes\", \"'netstat -ano': 22 socket rows\", \"'tasklist /svc': 702 bytes\", \"'tasklist /svc': 11 processes\"], t['gather_log'])
"
grep -q "^-ano$" "$S/fake/netstat.args" && ok "netstat ran with -ano" || fail "netstat args: $(cat "$S/fake/netstat.args")"
grep -q "^/svc$" "$S/fake/tasklist.args" && ok "tasklist ran with /svc" || fail "tasklist args: $(cat "$S/fake/tasklist.args")"

# netstat without -o (no PIDs): port lists still work, process checks are INCOMPLETE.
sshd_fake "$S" netstat "$FIX/win-netstat-an.txt"
"$AUDIT" --policy-dir "$work/policies" --format json -i "$S/id_ed25519" "$TARGET" >"$work/an.json" 2>/dev/null
expect_eq "exit status -an (21 still fails)" 1 $?
json_check "$work/an.json" "
check('-an: allowed tcp still evaluated', r('allowed tcp')['result'] == 'FAILED', r('allowed tcp'))
for d in ('ftp owner', 'ssh owner regex', 'winrm not svchost'):
    check('-an: %s is ERROR' % d, r(d)['result'] == 'ERROR' and 'reports no processes' in r(d)['actual_value'], r(d))
"

# A captured French netstat -ano (PIDs without a PID header; fe80 rows wider than the column).
tail -n +2 "$top_srcdir/tests/samples/outputs/win_netstat_ano_fr_excerpt.txt" >"$work/fr.txt"
sshd_fake "$S" netstat "$work/fr.txt"
cat >"$work/policies/win.audit" <<'AUDIT'
<check_type:"Windows" version:"2">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "fr denied"
  value_data  : "80,445,902"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "fr system on 445"
  value_data  : "System"
  port_no     : "445"
</custom_item>
</check_type>
AUDIT
"$AUDIT" --policy-dir "$work/policies" --format json -i "$S/id_ed25519" "$TARGET" >"$work/fr.json" 2>/dev/null
json_check "$work/fr.json" "
check('fr: denied ports found', r('fr denied')['actual_value'] == 'denied ports open: 80/tcp, 445/tcp, 902/tcp', r('fr denied'))
check('fr: PID 4 is System', r('fr system on 445')['result'] == 'PASSED', r('fr system on 445'))
"
finish

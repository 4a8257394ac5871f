#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/smb/runner-smb.sh: nasl-audit audits an emulated Windows host over SMB (issue 11):
# --smb and smb:// targets against the impacket emulator (tests/smb/winemu.py) playing
# captured netstat -ano / tasklist /svc outputs, every verdict checked, the transport
# in every report format, a wrong password giving one target not audited with the
# reason and nothing PASSED, the --ask-password prompt, nothing left on the host, and
# the password in no output.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
PYTHON3=${PYTHON3:-/usr/bin/python3}
"$PYTHON3" -c "import impacket.smbserver" 2>/dev/null \
  || skip "$PYTHON3 cannot import impacket (install python3-impacket)"

# The emulated host: account winadmin (also as the UPN winadmin@corp.example).
PW="Run-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')!"
emu=$work/emu
mkdir -p "$emu" "$work/out"
printf '%s' "$PW" >"$emu/password"
"$PYTHON3" "$top_srcdir/tests/smb/winemu.py" --dir "$emu" --user winadmin \
  --upn winadmin@corp.example --password-file "$emu/password" >"$emu/out.txt" 2>&1 &
emu_pid=$!
stop_emu() { kill "$emu_pid" 2>/dev/null; wait "$emu_pid" 2>/dev/null; }
on_exit stop_emu
i=0
while [ ! -f "$emu/port" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
[ -f "$emu/port" ] || { cat "$emu/out.txt"; fail "the emulator did not start"; finish; }
EPORT=$(cat "$emu/port")
# has_flat FILE TEXT WHAT: TEXT (fixed) in FILE, runs of white space (wrapped lines) as one space.
has_flat() {
  if tr -s ' \n' '  ' <"$1" | grep -qF -- "$2"; then ok "$3"; else fail "$3: no '$2' in $1"; fi
}
hasnt() { if grep -qE -- "$2" "$1"; then fail "$3: /$2/ found in $1"; else ok "$3"; fi; }
emu_state() { sed -n "s/^$1 \([0-9]*\).*/\1/p" "$emu/state.txt"; }
# left_clean WHAT: no service and no output file left on the host.
left_clean() {
  expect_eq "$1: no service left" 0 "$(emu_state leftover_services)"
  expect_eq "$1: no file left on ADMIN\$" 0 "$(emu_state leftover_files)"
}

mkdir -p "$work/pol"
cat >"$work/pol/win.audit" <<'AUDIT'
<check_type:"Windows" version:"2">
<group_policy:"emulated windows over smb">
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed tcp"
  value_type  : POLICY_PORTS
  value_data  : "22,135,139,445,3389,5985,49[0-9]+"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "no telnet"
  value_type  : POLICY_PORTS
  value_data  : "23"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "ftp owner"
  value_type  : POLICY_TEXT
  value_data  : "FileZilla Server.exe"
  port_no     : "21"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "rdp owner"
  value_type  : POLICY_TEXT
  value_data  : "svchost.exe"
  port_no     : "3389"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "smb owner"
  value_type  : POLICY_TEXT
  value_data  : "System"
  port_no     : "445"
</custom_item>
</group_policy>
</check_type>
AUDIT

# smb_audit NAME ARGS...: nasl-audit on the policy with the password in
# NA_T_SMB_PW; stdout in out/NAME, stderr in out/NAME.err, status in $st.
smb_audit() {
  n=$1
  shift
  NA_T_SMB_PW=$PW "$AUDIT" --policy-dir "$work/pol" --smb-password-env NA_T_SMB_PW "$@" \
    >"$work/out/$n" 2>"$work/out/$n.err"
  st=$?
}
# The verdicts every audit of this host must give, on one target 't'.
VERDICTS="
check('allowed tcp: 21 outside the list', (r('allowed tcp')['result'], r('allowed tcp')['actual_value']) == ('FAILED', 'open ports not in the allowed list: 21/tcp'), r('allowed tcp'))
check('no telnet PASSED', (r('no telnet')['result'], r('no telnet')['actual_value']) == ('PASSED', 'open tcp ports: 21/tcp, 22/tcp, 135/tcp, 139/tcp, 445/tcp, 3389/tcp, 5985/tcp, 49664/tcp'), r('no telnet'))
check('ftp owner PASSED', (r('ftp owner')['result'], r('ftp owner')['actual_value']) == ('PASSED', 'FileZilla Server.exe (PID 2320, services: FileZilla Server)'), r('ftp owner'))
check('rdp owner PASSED', (r('rdp owner')['result'], r('rdp owner')['actual_value']) == ('PASSED', 'svchost.exe (PID 972, services: TermService)'), r('rdp owner'))
check('smb owner PASSED', (r('smb owner')['result'], r('smb owner')['actual_value']) == ('PASSED', 'System (PID 4)'), r('smb owner'))
check('five results', len(results()) == 5, len(results()))
t = doc['targets'][0]
check('audited', (t['status'], t['reason']) == ('audited', None), (t['status'], t['reason']))
check('windows', (t['os'], t['os_detail']) == ('windows', 'Microsoft Windows [Version 10.0.17763.4377]'), (t['os'], t['os_detail']))
check('sources', (t['listener_source'], t['process_source']) == ('netstat -ano', 'tasklist /svc'), (t['listener_source'], t['process_source']))
exposed = sorted(set((l['proto'], l['port']) for l in t['listeners'] if l['exposed']))
check('exposed listeners', exposed == [('tcp', 21), ('tcp', 22), ('tcp', 135), ('tcp', 139), ('tcp', 445), ('tcp', 3389), ('tcp', 5985), ('tcp', 49664), ('udp', 123), ('udp', 137), ('udp', 1900), ('udp', 3389), ('udp', 5353)], exposed)
check('summary', (doc['summary']['passed'], doc['summary']['failed'], doc['summary']['error'], doc['summary']['exit_status']) == (4, 1, 0, 1), doc['summary'])
"

# 1. --smb with -u: the whole audit over SMB, one command on the host.
started=$(emu_state started)
smb_audit smb.json --smb -u winadmin --format json "127.0.0.1:$EPORT"
expect_eq "--smb: exit status 1 (one FAILED)" 1 "$st"
json_check "$work/out/smb.json" "$VERDICTS
check('--smb: target, transport, login', (t['target'], t['transport'], t['login']) == ('127.0.0.1:$EPORT', 'smb', 'winadmin'), (t['target'], t['transport'], t['login']))
"
expect_eq "--smb: one command ran on the host" $((started + 1)) "$(emu_state started)"
left_clean "--smb"
grep -q "^command cmd /d /v:on /c \".* begin listeners netstat -ano& .* begin processes tasklist /svc& " "$emu/state.txt" \
  && ok "--smb: netstat -ano and tasklist /svc in the command" || fail "--smb: commands: $(grep '^command' "$emu/state.txt" | tail -n 1)"

# 2. smb:// with DOMAIN;USER, text report: the header names the transport and account.
smb_audit url.txt "smb://WORKGROUP;winadmin@127.0.0.1:$EPORT"
expect_eq "smb://: exit status 1" 1 "$st"
has_flat "$work/out/url.txt" "== smb://WORKGROUP;winadmin@127.0.0.1:$EPORT (smb as WORKGROUP\\winadmin, windows: Microsoft Windows [Version 10.0.17763.4377])" \
  "smb://: the text header names the transport and the account"
has_flat "$work/out/url.txt" "Results: 4 PASSED, 1 FAILED, 0 WARNING, 0 ERROR" "smb://: the text summary"
has_flat "$work/out/url.txt" "FAILED line 3 allowed tcp actual: open ports not in the allowed list: 21/tcp" \
  "smb://: the FAILED result in the text report"
left_clean "smb://"

# 3. The transport in the other formats.
smb_audit url.nessus --format nessus "smb://winadmin@127.0.0.1:$EPORT"
smb_audit url.csv --format csv "smb://winadmin@127.0.0.1:$EPORT"
smb_audit url.junit --format junit "smb://winadmin@127.0.0.1:$EPORT"
smb_audit url.html --format html "smb://winadmin@127.0.0.1:$EPORT"
python3 - "$work/out" >"$work/formats.check" <<'PY'
import csv, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
def ok(c, w):
    print(("ok - " if c else "FAIL - ") + w)
hp = {t.get('name'): t.text for t in ET.parse(d + '/url.nessus').getroot().find('Report/ReportHost/HostProperties')}
ok(hp.get('local-checks-proto') == 'smb' and hp.get('Credentialed_Scan') == 'true', 'nessus: local-checks-proto smb %r' % hp)
rows = list(csv.DictReader(open(d + '/url.csv', newline='')))
ok(len(rows) == 5 and all(r['transport'] == 'smb' for r in rows), 'csv: transport smb on every row')
ok(sorted(r['result'] for r in rows) == ['FAILED', 'PASSED', 'PASSED', 'PASSED', 'PASSED'], 'csv: the verdicts')
suite = ET.parse(d + '/url.junit').getroot().find('testsuite')
ok([(p.get('name'), p.get('value')) for p in suite.findall('properties/property')] == [('transport', 'smb')], 'junit: transport property')
ok(suite.get('tests') == '5' and suite.get('failures') == '1', 'junit: counts %r' % suite.attrib)
ok('smb as winadmin' in open(d + '/url.html', encoding='utf-8').read(), 'html: transport and account in the target line')
PY
while read -r line; do
  case $line in ok*) ok "${line#ok - }" ;; *) fail "${line#FAIL - }" ;; esac
done <"$work/formats.check"

# 4. A targets file (UPN, DOMAIN\USER %-escaped), --smb-port, two at once.
cat >"$work/targets.txt" <<'T'
# Windows hosts
smb://winadmin@corp.example@127.0.0.1    # a UPN
smb://CORP%5Cwinadmin@127.0.0.1
T
smb_audit file.json --format json --smb-port "$EPORT" --jobs 2 --targets-file "$work/targets.txt"
expect_eq "targets file: exit status 1" 1 "$st"
json_check "$work/out/file.json" "
ts = doc['targets']
check('two SMB targets', [(x['target'], x['transport'], x['login'], x['status']) for x in ts] == [('smb://winadmin@corp.example@127.0.0.1', 'smb', 'winadmin@corp.example', 'audited'), ('smb://CORP%5Cwinadmin@127.0.0.1', 'smb', 'CORP\\\\winadmin', 'audited')], [(x['target'], x['transport'], x['login'], x['status'], x['reason']) for x in ts])
for x in ts:
    v = sorted((y['check_name'], y['result']) for y in x['results'])
    check('verdicts of ' + x['target'], v == [('allowed tcp', 'FAILED'), ('ftp owner', 'PASSED'), ('no telnet', 'PASSED'), ('rdp owner', 'PASSED'), ('smb owner', 'PASSED')], v)
"
left_clean "targets file"

# 5. A wrong password: one target not audited, the reason in words, nothing PASSED.
started=$(emu_state started)
WRONG="Wrong-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
NA_T_SMB_PW=$WRONG "$AUDIT" --policy-dir "$work/pol" --smb-password-env NA_T_SMB_PW --format json \
  "smb://winadmin@127.0.0.1:$EPORT" >"$work/out/wrong.json" 2>"$work/out/wrong.err"
expect_eq "wrong password: exit status 2" 2 $?
json_check "$work/out/wrong.json" "
t = doc['targets']
check('one target', len(t) == 1, len(t))
t = t[0]
check('not audited, reason in words', (t['status'], t['reason_code'], t['reason']) == ('not_audited', 'auth', 'logon failure: 127.0.0.1 refused winadmin: wrong user name or password (STATUS_LOGON_FAILURE)'), (t['status'], t['reason_code'], t['reason']))
check('transport smb', t['transport'] == 'smb', t['transport'])
check('nothing PASSED', not [x for x in t['results'] if x['result'] == 'PASSED'] and doc['summary']['passed'] == 0, doc['summary'])
"
NA_T_SMB_PW=$WRONG "$AUDIT" --policy-dir "$work/pol" --smb-password-env NA_T_SMB_PW -v \
  "smb://winadmin@127.0.0.1:$EPORT" >"$work/out/wrong.txt" 2>&1
expect_eq "wrong password (text): exit status 2" 2 $?
has_flat "$work/out/wrong.txt" "NOT AUDITED: logon failure: 127.0.0.1 refused winadmin: wrong user name or password (STATUS_LOGON_FAILURE) (auth)" \
  "wrong password: the text report says why"
hasnt "$work/out/wrong.txt" "PASSED +line" "wrong password: no PASSED result"
expect_eq "wrong password: no service started" "$started" "$(emu_state started)"
grep -qF -- "$WRONG" "$work/out/wrong.json" "$work/out/wrong.err" "$work/out/wrong.txt" \
  && fail "the wrong password appears in an output" || ok "the wrong password appears in no output"

# 6. -v: the SMB session's dialect and signing.
smb_audit verbose.txt -v "smb://winadmin@127.0.0.1:$EPORT"
has_flat "$work/out/verbose.txt" "smb: dialect 2.0.2, signed, encryption none" "-v: the SMB session"

# 7. --ask-password: the SMB password from the terminal (no SSH prompt).
python3 - "$AUDIT" "$work/pol" "$work/out/prompt.json" "smb://winadmin@127.0.0.1:$EPORT" "$PW" \
  >"$work/prompt.check" <<'PY'
import os, pty, select, sys, time
audit, pol, out, target, pw = sys.argv[1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(audit, [audit, "--policy-dir", pol, "--ask-password", "--format", "json", "-o", out, target])
buf, end = b"", time.time() + 60
while b"password: " not in buf and time.time() < end:
    if select.select([fd], [], [], 0.2)[0]:
        try:
            buf += os.read(fd, 1024)
        except OSError:
            break
print(("ok - " if buf.endswith(b"SMB password: ") and b"SSH" not in buf else "FAIL - ") + "prompt: one SMB password prompt %r" % buf)
os.write(fd, pw.encode() + b"\n")
while time.time() < end:
    p, status = os.waitpid(pid, os.WNOHANG)
    if p:
        break
    if select.select([fd], [], [], 0.2)[0]:
        try:
            os.read(fd, 1024)
        except OSError:
            pass
else:
    os.kill(pid, 9)
    p, status = os.waitpid(pid, 0)
print(("ok - " if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1 else "FAIL - ") + "prompt: exit status 1 (%r)" % status)
PY
while read -r line; do
  case $line in ok*) ok "${line#ok - }" ;; *) fail "${line#FAIL - }" ;; esac
done <"$work/prompt.check"
json_check "$work/out/prompt.json" "$VERDICTS"
left_clean "--ask-password"

# The password is in no output, report or error of any run.
if grep -rlF -- "$PW" "$work/out" "$work"/*.check; then
  fail "the password appears in the files above"
else
  ok "the password appears in no output"
fi
finish

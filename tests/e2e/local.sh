#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/local.sh: nasl-audit audits this machine locally; the test opens
# real TCP and UDP listeners (exposed and loopback-only), writes policies about
# them, and checks every result, the JSON document, the text report and the
# exit status.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

listen tcp:0.0.0.0 tcp:127.0.0.1 udp:0.0.0.0
set -- $LISTEN_PORTS
EXPOSED=$1 LOOP=$2 UDP=$3
CLOSED=1   # tcpmux: nothing listens there on a test machine
echo "listeners: tcp $EXPOSED (exposed), tcp $LOOP (loopback), udp $UDP"

mkdir -p "$work/policies"
cat >"$work/policies/e2e.audit" <<AUDIT
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied exposed tcp"
  value_data  : "$EXPOSED"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied loopback tcp"
  ports       : "$LOOP"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied udp"
  value_data  : "$UDP"
  port_type   : UDP
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed all but ours"
  value_data  : "1-$((EXPOSED - 1)),$((EXPOSED + 1))-65535"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed everything"
  value_data  : "1-65535"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "python3 on exposed"
  value_data  : "python3"
  port_type   : TCP
  port_no     : "$EXPOSED"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "nginx on exposed"
  value_data  : "nginx" || "httpd"
  port_type   : TCP
  port_no     : "$EXPOSED"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "regex on udp"
  value_data  : "^pyth.*3\$"
  check_type  : CHECK_REGEX
  port_type   : UDP
  port_no     : "$UDP"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "closed can be closed"
  name        : "sshd"
  ports       : "$CLOSED"
  port_option : CAN_BE_CLOSED
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "closed must be open"
  value_data  : "sshd"
  port_no     : "$CLOSED"
</custom_item>
<custom_item>
  type        : FILE_CHECK
  description : "unimplemented type"
  file        : "/etc/passwd"
</custom_item>
</check_type>
AUDIT

"$AUDIT" --policy-dir "$work/policies" --format json >"$work/out.json" 2>"$work/err.txt"
expect_eq "exit status with failures" 1 $?
json_check "$work/out.json" "
t = doc['targets'][0]
check('one target, local, linux', (len(doc['targets']), t['transport'], t['os']) == (1, 'local', 'linux'), t)
check('denied exposed tcp FAILED', r('denied exposed tcp')['result'] == 'FAILED', r('denied exposed tcp'))
check('denied exposed tcp names the port', r('denied exposed tcp')['actual_value'] == 'denied ports open: $EXPOSED/tcp', r('denied exposed tcp')['actual_value'])
check('compliant NO', r('denied exposed tcp')['compliant'] == 'NO')
check('loopback listener not counted', r('denied loopback tcp')['result'] == 'PASSED', r('denied loopback tcp'))
check('evidence lists the loopback listener', '127.0.0.1:$LOOP' in r('denied loopback tcp')['evidence'] and '[local-only]' in r('denied loopback tcp')['evidence'], r('denied loopback tcp')['evidence'])
check('denied udp FAILED', r('denied udp')['actual_value'] == 'denied ports open: $UDP/udp', r('denied udp'))
check('allowed lists exactly our port', r('allowed all but ours')['actual_value'] == 'open ports not in the allowed list: $EXPOSED/tcp', r('allowed all but ours'))
check('allowed everything PASSED', r('allowed everything')['result'] == 'PASSED', r('allowed everything'))
check('python3 on port PASSED', r('python3 on exposed')['result'] == 'PASSED', r('python3 on exposed'))
check('process shows image and pid', r('python3 on exposed')['actual_value'].startswith('python3 (PID '), r('python3 on exposed')['actual_value'])
check('nginx on port FAILED', r('nginx on exposed')['result'] == 'FAILED', r('nginx on exposed'))
check('policy value verbatim', r('nginx on exposed')['policy_value'] == '\"nginx\" || \"httpd\"', r('nginx on exposed')['policy_value'])
check('CHECK_REGEX on udp PASSED', r('regex on udp')['result'] == 'PASSED', r('regex on udp'))
check('closed + CAN_BE_CLOSED PASSED', r('closed can be closed')['result'] == 'PASSED', r('closed can be closed'))
check('closed without option ERROR', r('closed must be open')['result'] == 'ERROR' and 'PID_ON_PORT_FAILURE' in r('closed must be open')['actual_value'], r('closed must be open'))
check('ERROR is INCOMPLETE', r('closed must be open')['compliant'] == 'INCOMPLETE')
check('unimplemented type not reported as a result', not [x for x in results() if x['check_name'] == 'unimplemented type'])
check('unimplemented type counted as skipped', t['policies'][0]['skipped'] == {'FILE_CHECK': 1} and doc['summary']['skipped'] == {'FILE_CHECK': 1}, (t['policies'], doc['summary']['skipped']))
check('result lines', r('denied exposed tcp')['line'] == 2 and r('closed must be open')['line'] == 61, (r('denied exposed tcp')['line'], r('closed must be open')['line']))
ports = [(p['proto'], p['port'], p['exposed'], p['process']) for p in t['listeners']]
check('listeners: the exposed tcp listener', ('tcp', $EXPOSED, True, 'python3') in ports, ports)
check('listeners: the loopback listener, not exposed', ('tcp', $LOOP, False, 'python3') in ports, ports)
check('listeners: the udp listener', ('udp', $UDP, True, 'python3') in ports, ports)
counted = set((p['proto'], p['port']) for p in t['listeners'] if p['counted'])
check('counted as open', ('tcp', $EXPOSED) in counted and ('udp', $UDP) in counted and ('tcp', $LOOP) not in counted, counted)
check('summary counts', (doc['summary']['failed'], doc['summary']['error']) == (4, 1), doc['summary'])
check('summary exit status', doc['summary']['exit_status'] == 1, doc['summary'])
"

# Loopback listeners count when the operator asks for it.
"$AUDIT" --policy-dir "$work/policies" --include-loopback --format json >"$work/lo.json" 2>/dev/null
json_check "$work/lo.json" "
check('--include-loopback counts loopback', r('denied loopback tcp')['result'] == 'FAILED', r('denied loopback tcp'))
"

# Policy variables and the policy's name.  --var NAME=VALUE replaces @NAME@,
# whether the header declares NAME or not; the header's display name and
# version label the policy in every report.
mkdir -p "$work/vars"
cat >"$work/vars/vars.audit" <<AUDIT
#<ui_metadata>
#<display_name>  e2e: SSH port & owner  </display_name>
#<spec>
#  <type>CUSTOM</type>
#  <name>e2e spec name</name>
#  <version>2.5.1</version>
#</spec>
#<variables>
#  <variable>
#    <name>SSH_PORT</name>
#    <default>$CLOSED</default>
#  </variable>
#</variables>
#</ui_metadata>
<check_type:"Unix">
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "only sshd on the SSH port"
  ports       : "@SSH_PORT@"
  name        : "sshd"
  port_type   : TCP
  port_option : CAN_BE_CLOSED
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "undeclared variable"
  value_data  : "@EXTRA_PORT@"
  port_type   : TCP
</custom_item>
</check_type>
AUDIT
"$AUDIT" --policy-dir "$work/vars" --format json >"$work/vars-default.json" 2>/dev/null
expect_eq "variables: defaults, exit status (an ERROR, no FAILED)" 2 $?
json_check "$work/vars-default.json" "
p = doc['targets'][0]['policies']
check('policy name and version from the header', [(x['name'], x['version']) for x in p] == [('e2e: SSH port & owner', '2.5.1')], p)
a = r('only sshd on the SSH port')
check('the default SSH_PORT ($CLOSED): closed, PASSED', (a['result'], a['actual_value'], a['policy_value']) == ('PASSED', 'port $CLOSED/tcp is closed (port_option: CAN_BE_CLOSED)', '\"sshd\"'), a)
b = r('undeclared variable')
check('an undeclared @NAME@ without --var stays as written: ERROR', (b['result'], b['policy_value']) == ('ERROR', '@EXTRA_PORT@') and b['actual_value'] == 'policy error in vars.audit line 24: port list element \'@EXTRA_PORT@\' is not a port number, a range a-b or a port regex: \'@\' is not allowed', b)
"
"$AUDIT" --policy-dir "$work/vars" --var SSH_PORT=$EXPOSED --var EXTRA_PORT=$EXPOSED --format json >"$work/vars.json" 2>/dev/null
expect_eq "variables: --var, exit status (FAILED)" 1 $?
json_check "$work/vars.json" "
a = r('only sshd on the SSH port')
check('--var SSH_PORT=$EXPOSED: python3 there, FAILED', (a['result'], a['compliant'], a['policy_value']) == ('FAILED', 'NO', '\"sshd\"') and a['actual_value'].startswith('python3 (PID ') and a['ports'] == ['$EXPOSED/tcp'], a)
b = r('undeclared variable')
check('--var EXTRA_PORT=$EXPOSED (not declared): FAILED', (b['result'], b['actual_value'], b['policy_value']) == ('FAILED', 'denied ports open: $EXPOSED/tcp', '$EXPOSED'), b)
"
# The shipped Linux baseline tells operators to set SSH_PORT: the verdict
# follows --var alone.
"$AUDIT" -f "$top_srcdir/audit-files/linux-baseline.audit" --var SSH_PORT=$CLOSED --format json >"$work/base-closed.json" 2>/dev/null
"$AUDIT" -f "$top_srcdir/audit-files/linux-baseline.audit" --var SSH_PORT=$EXPOSED --format json >"$work/base-exposed.json" 2>/dev/null
json_check "$work/base-closed.json" "
a = r('Only sshd may listen on the SSH port')
check('linux baseline, SSH_PORT=$CLOSED: PASSED', (a['result'], a['actual_value']) == ('PASSED', 'port $CLOSED/tcp is closed (port_option: CAN_BE_CLOSED)'), a)
"
json_check "$work/base-exposed.json" "
a = r('Only sshd may listen on the SSH port')
check('linux baseline, SSH_PORT=$EXPOSED: FAILED', a['result'] == 'FAILED' and a['actual_value'].startswith('python3 (PID ') and a['ports'] == ['$EXPOSED/tcp'], a)
p = doc['targets'][0]['policies']
check('linux baseline: name and version', [(x['file'], x['name'], x['version']) for x in p] == [('linux-baseline.audit', 'nasl-audit: Linux network services baseline', '1.0.0')], p)
"
"$AUDIT" -f "$top_srcdir/audit-files/linux-baseline.audit" --var SSH_PORT=$EXPOSED --format nessus >"$work/base.nessus" 2>/dev/null
python3 - "$work/base.nessus" >"$work/base-nessus.check" <<'PY'
import sys, xml.etree.ElementTree as ET
CM = '{http://www.nessus.org/cm}'
items = ET.parse(sys.argv[1]).getroot().findall('Report/ReportHost/ReportItem')
got = sorted(set((i.findtext(CM + 'compliance-benchmark-name'), i.findtext(CM + 'compliance-benchmark-version')) for i in items))
print(("ok - " if items and got == [('nasl-audit: Linux network services baseline', '1.0.0')] else "FAIL - ") +
      "nessus: every item names the policy and its version %r" % got)
PY
"$AUDIT" -f "$top_srcdir/audit-files/linux-baseline.audit" --var SSH_PORT=$EXPOSED --format html >"$work/base.html" 2>/dev/null
grep -q '<td>linux-baseline.audit<br><small class="policy">nasl-audit: Linux network services baseline 1.0.0</small></td>' "$work/base.html" &&
  echo "ok - html: the results name the policy and its version" >>"$work/base-nessus.check" ||
  echo "FAIL - html: the policy name and version" >>"$work/base-nessus.check"
"$AUDIT" -f "$top_srcdir/audit-files/linux-baseline.audit" --var SSH_PORT=$EXPOSED >"$work/base.txt" 2>/dev/null
grep -qx '   Policy file: linux-baseline.audit (nasl-audit: Linux network services baseline 1.0.0)' "$work/base.txt" &&
  echo "ok - text: the policy file line names the policy and its version" >>"$work/base-nessus.check" ||
  echo "FAIL - text: the policy name and version" >>"$work/base-nessus.check"
while read -r line; do
  case $line in ok*) ok "${line#ok - }" ;; *) fail "${line#FAIL - }" ;; esac
done <"$work/base-nessus.check"

# The plugins run by the nasl CLI, as a scanner runs them, with port-scan
# results in the KB: with "Confirm open ports with the port scan", a listener
# the scan did not find open is not counted; one it found is.
NASL=${NASL:-$top_builddir/nasl/nasl}
scan_run() {
  "$NASL" -X -B -m "$top_builddir/nasl-ext/audit.la" -i "$top_srcdir/plugins" \
    -k nasl-audit/transport=local -k "nasl-audit/policy_dir=$work/policies" -k Host/scanned=1 "$@" \
    --pref "Confirm open ports with the port scan=yes" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" 2>&1
}
scan_run >"$work/scan-none.txt"
grep -A1 '^Compliant: YES$' "$work/scan-none.txt" | grep -qx '"denied exposed tcp": \[PASSED\]' \
  && ok "scan confirmation: port not found by the scan is not counted" || fail "scan confirmation: not counted"
scan_run -k "Ports/tcp/$EXPOSED=1" >"$work/scan-found.txt"
grep -A1 '^Compliant: NO$' "$work/scan-found.txt" | grep -qx '"denied exposed tcp": \[FAILED\]' \
  && ok "scan confirmation: port found by the scan counts" || fail "scan confirmation: found port"
grep -q "^Audit file: e2e.audit, line 2$" "$work/scan-found.txt" && ok "report text names file and line" || fail "report text: file and line"

# The text report, for people.
"$AUDIT" --policy-dir "$work/policies" >"$work/out.txt" 2>&1
grep -q "^== localhost (127.0.0.1, local, linux: " "$work/out.txt" && ok "text: target header" || fail "text: target header"
grep -q "^   Policy file: e2e.audit$" "$work/out.txt" && ok "text: results grouped by file" || fail "text: file group"
grep -q "^     FAILED  line 2     denied exposed tcp$" "$work/out.txt" && ok "text: result line" || fail "text: result line"
grep -q "^  Results: [0-9]* PASSED, 4 FAILED, 0 WARNING, 1 ERROR$" "$work/out.txt" && ok "text: summary" || fail "text: summary"
grep -q "^    $EXPOSED/tcp  *1: localhost$" "$work/out.txt" && ok "text: open ports with their hosts" || fail "text: open ports with their hosts"

# The shipped policy folder runs on this machine (the README's main job).
"$AUDIT" --format json >"$work/shipped.json" 2>/dev/null
rc=$?
# a first run reports real findings only (the example policy is documentation)
case $rc in 0|1) ok "shipped policies: exit status $rc" ;; *) fail "shipped policies: exit status $rc" ;; esac
json_check "$work/shipped.json" "
files = sorted(set(x['audit_file'] for x in results()))
check('shipped linux baseline ran', 'linux-baseline.audit' in files, files)
check('windows baseline not applicable on linux', [p['status'] for p in doc['targets'][0]['policies'] if p['file'] == 'windows-baseline.audit'] == ['not_applicable'], doc['targets'][0]['policies'])
check('no parse errors in shipped policies', not [x for x in results() if x['type'] == 'AUDIT_FILE'], [x for x in results() if x['type'] == 'AUDIT_FILE'])
"

# A broken policy is one ERROR result naming file and line; the others still run.
mkdir -p "$work/broken"
cp "$work/policies/e2e.audit" "$work/broken/a-good.audit"
printf '<check_type:"Unix">\n<custom_item>\n  type : AUDIT_DENIED_OPEN_PORTS\n  this line is not a keyword\n</custom_item>\n</check_type>\n' >"$work/broken/b-bad.audit"
"$AUDIT" --policy-dir "$work/broken" --format json >"$work/broken.json" 2>/dev/null
json_check "$work/broken.json" "
bad = [x for x in results() if x['audit_file'] == 'b-bad.audit']
check('broken policy: one ERROR result', len(bad) == 1 and bad[0]['result'] == 'ERROR' and bad[0]['type'] == 'AUDIT_FILE', bad)
check('broken policy: names file and line', bad and bad[0]['actual_value'].startswith('b-bad.audit:4:') and bad[0]['line'] == 4, bad)
check('broken policy: the good file still ran', len([x for x in results() if x['audit_file'] == 'a-good.audit']) == 10)
"

# Several targets at once: one document, per-target results, fleet summary.
"$AUDIT" --policy-dir "$work/policies" --jobs 2 --format json localhost 127.0.0.1 >"$work/fleet.json" 2>/dev/null
expect_eq "two targets: exit status" 1 $?
json_check "$work/fleet.json" "
check('two targets', [t['target'] for t in doc['targets']] == ['localhost', '127.0.0.1'], [t['target'] for t in doc['targets']])
check('both audited locally', all(t['transport'] == 'local' and not t['problems'] and t['status'] != 'not_audited' for t in doc['targets']), [(t['transport'], t['status'], t['problems']) for t in doc['targets']])
check('fleet summary counts both', doc['summary']['failed'] == 8 and doc['summary']['targets'] == 2, doc['summary'])
check('port on two targets, with their names', {'port': '$EXPOSED/tcp', 'targets': 2, 'exposed_on': ['localhost', '127.0.0.1'], 'loopback_on': []} in doc['summary']['open_ports'], doc['summary']['open_ports'])
"

# Tags are replaced on every run: a port that closed loses its tag.
stop_listen
"$AUDIT" --policy-dir "$work/policies" --format json >"$work/after.json" 2>/dev/null
json_check "$work/after.json" "
t = doc['targets'][0]
open_now = set((p['proto'], p['port']) for p in t['listeners'] if p['counted'])
check('closed port no longer open', ('tcp', $EXPOSED) not in open_now and ('udp', $UDP) not in open_now, open_now)
check('closed port now passes the deny check', r('denied exposed tcp')['result'] == 'PASSED', r('denied exposed tcp'))
"

# Usage errors exit 3.
"$AUDIT" --format yaml >/dev/null 2>&1; expect_eq "bad --format exits 3" 3 $?
"$AUDIT" --policy-dir "$work/nonexistent" >/dev/null 2>&1; expect_eq "missing policy dir exits 3" 3 $?
"$AUDIT" 'user@[::1' >/dev/null 2>&1; expect_eq "malformed target exits 3" 3 $?
"$AUDIT" --help | grep -q "^  2  nothing FAILED" && ok "--help documents exit status" || fail "--help exit status"
finish

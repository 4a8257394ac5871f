#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/formats.sh: the reports that feed other tools (issue 9, 4): JSON
# fields, CSV (RFC 4180), JUnit XML and .nessus v2 with the cm:compliance-*
# elements, for two targets of which one could not be audited.
. "${top_srcdir:-.}/tests/runner/lib.sh"
TARGETS="localhost 127.0.0.2"
for fmt in json csv junit nessus html; do
  audit "f_$fmt" basic --var NA_HOST=127.0.0.2 --format "$fmt" $TARGETS
  expect_eq "$fmt: exit status 1" 1 "$st"
done

json_check "$work/f_json.out" "
check('tool and version', doc['tool']['name'] == 'nasl-audit' and doc['tool']['version'][0].isdigit(), doc['tool'])
check('run times', doc['started'].endswith('Z') and doc['ended'] >= doc['started'] and doc['duration'] >= 0, (doc['started'], doc['ended']))
a, b = doc['targets']
check('per-target times', a['started'].endswith('Z') and a['ended'] >= a['started'] and a['duration'] > 0, (a['started'], a['ended'], a['duration']))
check('resolved address and host name', (a['address'], a['hostname']) == ('127.0.0.1', 'localhost'), (a['address'], a['hostname']))
check('the second target: address', b['address'] == '127.0.0.2' and b['transport'] == 'ssh', (b['address'], b['transport']))
check('policy name and version', (a['policies'][0]['name'], a['policies'][0]['version']) == ('Test policy', '1.2'), a['policies'])
r = a['results'][0]
check('group, check id, severity', (r['group'], len(r['check_id']), r['severity']) == ('test group', 32, 'HIGH'), r)
check('every ERROR has a reason: the not audited target', (b['status'], b['reason'], b['reason_code']) == ('not_audited', 'authentication refused for user tester', 'auth'), b)
check('listeners once per target, not per result', 'listeners' not in r and 'open_ports' not in r and len(a['listeners']) == 5)
check('summary counts each target once', (doc['summary']['audited'], doc['summary']['not_audited'], doc['summary']['error']) == (1, 1, 0), doc['summary'])
"

python3 - "$work/f_csv.out" >"$work/csv.check" <<'PY'
import csv, sys
raw = open(sys.argv[1], newline='').read()
rows = list(csv.reader(raw.splitlines(True)))
ok = lambda c, w: print(("ok - " if c else "FAIL - ") + "csv: " + w)
ok(raw.endswith('\r\n') and '\n' not in raw.replace('\r\n', ''), 'CRLF line ends (RFC 4180)')
head = rows[0]
ok(head[:7] == ['target', 'address', 'os', 'transport', 'target_status', 'audit_file', 'check_id'], 'header')
data = [dict(zip(head, r)) for r in rows[1:]]
ok(all(len(r) == len(head) for r in rows), 'every row has every column')
ok(len(data) == 3, 'one row per result plus one for the target not audited (%d)' % len(data))
f = [d for d in data if d['result'] == 'FAILED']
ok(len(f) == 1 and f[0]['actual_value'] == 'denied ports open: 23/tcp' and f[0]['line'] == '3', 'the FAILED row')
na = [d for d in data if d['target'] == '127.0.0.2']
ok(len(na) == 1 and na[0]['target_status'] == 'not_audited' and 'authentication refused' in na[0]['actual_value'], 'the not audited row')
ok([d['transport'] for d in data] == ['local', 'local', 'ssh'], 'the transport of each row %r' % [d['transport'] for d in data])
PY
python3 - "$work/f_junit.out" >>"$work/csv.check" <<'PY'
import sys, xml.etree.ElementTree as ET
ok = lambda c, w: print(("ok - " if c else "FAIL - ") + "junit: " + w)
root = ET.parse(sys.argv[1]).getroot()
ok(root.tag == 'testsuites' and root.get('tests') == '3' and root.get('failures') == '1' and root.get('errors') == '1', 'totals %r' % root.attrib)
suites = root.findall('testsuite')
ok([s.get('name') for s in suites] == ['localhost', '127.0.0.2'], 'one suite per target')
props = [[(p.get('name'), p.get('value')) for p in s.findall('properties/property')] for s in suites]
ok(props == [[('transport', 'local')], [('transport', 'ssh')]], 'the transport as a suite property %r' % props)
cases = suites[0].findall('testcase')
ok(len(cases) == 2 and cases[0].get('name') == 'telnet must not listen (line 3)', 'one case per check')
fl = cases[0].find('failure')
ok(fl is not None and fl.get('message') == 'denied ports open: 23/tcp' and 'Policy value: 23' in fl.text, 'FAILED is a failure with the values')
ok(cases[1].find('failure') is None and cases[1].find('error') is None, 'PASSED is a pass')
e = suites[1].find('testcase/error')
ok(e is not None and e.get('type') == 'auth' and 'authentication refused' in e.get('message'), 'the target not audited is one error')
PY
python3 - "$work/f_nessus.out" >>"$work/csv.check" <<'PY'
import sys, xml.etree.ElementTree as ET
ok = lambda c, w: print(("ok - " if c else "FAIL - ") + "nessus: " + w)
CM = '{http://www.nessus.org/cm}'
root = ET.parse(sys.argv[1]).getroot()
ok(root.tag == 'NessusClientData_v2', 'root element')
ok(root.find('Policy/policyName') is not None, 'Policy/policyName')
report = root.find('Report')
ok(report is not None and report.get('name'), 'Report with a name')
hosts = report.findall('ReportHost')
ok([h.get('name') for h in hosts] == ['localhost', '127.0.0.2'], 'one ReportHost per target')
props = {t.get('name'): t.text for t in hosts[0].find('HostProperties')}
ok(props.get('host-ip') == '127.0.0.1' and props.get('HOST_START') and props.get('HOST_END') and props.get('HOST_START_TIMESTAMP', '').isdigit(), 'host properties %r' % props)
import re
ok(re.fullmatch(r'[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}', props.get('HOST_START', '')) is not None, 'HOST_START as Nessus writes it, ASCII only %r' % props.get('HOST_START'))
ok(props.get('local-checks-proto') == 'local' and {t.get('name'): t.text for t in hosts[1].find('HostProperties')}.get('local-checks-proto') == 'ssh', 'local-checks-proto: the transport')
items = hosts[0].findall('ReportItem')
ok(len(items) == 2, 'one ReportItem per result')
need = ['port', 'svc_name', 'protocol', 'severity', 'pluginID', 'pluginName', 'pluginFamily']
ok(all(all(i.get(a) is not None for a in need) for i in items), 'ReportItem attributes')
ok(all(i.get('pluginFamily') == 'Policy Compliance' and i.findtext('compliance') == 'true' for i in items), 'marked as compliance results')
f = [i for i in items if i.findtext(CM + 'compliance-result') == 'FAILED'][0]
fields = {k: f.findtext(CM + k) for k in ('compliance-check-name', 'compliance-actual-value', 'compliance-policy-value', 'compliance-audit-file', 'compliance-check-id', 'compliance-info', 'compliance-solution', 'compliance-reference', 'compliance-see-also')}
ok(fields == {'compliance-check-name': 'telnet must not listen', 'compliance-actual-value': 'denied ports open: 23/tcp', 'compliance-policy-value': '23', 'compliance-audit-file': 'a.audit', 'compliance-check-id': fields['compliance-check-id'], 'compliance-info': 'why this matters', 'compliance-solution': 'close the port', 'compliance-reference': 'CIS|1.2', 'compliance-see-also': 'https://example.invalid/bench'} and len(fields['compliance-check-id']) == 32, 'cm:compliance-* fields %r' % fields)
bench = [(i.findtext(CM + 'compliance-benchmark-name'), i.findtext(CM + 'compliance-benchmark-version')) for i in items]
ok(bench == [('Test policy', '1.2')] * 2, "the policy's name and version as the benchmark's %r" % bench)
ok(f.get('severity') == '3' and [i for i in items if i.findtext(CM + 'compliance-result') == 'PASSED'][0].get('severity') == '0', 'severity FAILED 3, PASSED 0')
na = hosts[1].findall('ReportItem')
ok(len(na) == 1 and na[0].findtext(CM + 'compliance-result') == 'ERROR' and 'authentication refused' in na[0].findtext(CM + 'compliance-actual-value'), 'the target not audited: one ERROR item')
PY
python3 - "$work/f_html.out" >>"$work/csv.check" <<'PY'
import re, sys
ok = lambda c, w: print(("ok - " if c else "FAIL - ") + "html: " + w)
page = open(sys.argv[1], encoding='utf-8').read()
cells = re.findall(r'<td>a\.audit(.*?)</td>', page)
ok(cells == ['<br><small class="policy">Test policy 1.2</small>'] * 2, "each result names the policy and its version %r" % cells)
PY
while read -r line; do
  case $line in ok*) ok "${line#ok - }" ;; *) fail "${line#FAIL - }" ;; esac
done <"$work/csv.check"
finish

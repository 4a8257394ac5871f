#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/records.sh: the plugin -> runner record contract: every record
# kind reaches the report, a '|' in a process name changes nothing, and every
# wrong nasl_audit_record() call is reported and makes the target incomplete.
. "${top_srcdir:-.}/tests/runner/lib.sh"

audit basic basic --format json
expect_eq "basic: exit status 1 (one FAILED)" 1 "$st"
json_check "$work/basic.out" "
t = doc['targets'][0]
check('target record', (t['status'], t['os'], t['os_detail'], t['transport'], t['login'], t['privileged'], t['api']) == ('audited', 'linux', 'Linux 6.1.0-test', 'local', 'tester', True, 'module'), t)
check('listener source', t['listener_source'] == 'ss -H -tulpn', t['listener_source'])
ls = {(l['proto'], l['port']): l for l in t['listeners']}
check('five listeners, in port order', [(l['proto'], l['port']) for l in t['listeners']] == [('tcp', 22), ('tcp', 25), ('tcp', 443), ('tcp', 8080), ('udp', 123)], [(l['proto'], l['port']) for l in t['listeners']])
check('a | in a process name is kept whole', ls[('tcp', 8080)]['process'] == 'evil|name' and ls[('tcp', 8080)]['pid'] == 4242, ls[('tcp', 8080)])
check('a | in a process name: still exposed', ls[('tcp', 8080)]['exposed'] is True and ls[('tcp', 8080)]['counted'] is True)
check('loopback listener', ls[('tcp', 25)]['exposed'] is False and ls[('tcp', 25)]['address'] == '127.0.0.1')
check('unknown pid and process are null', ls[('tcp', 443)]['pid'] is None and ls[('tcp', 443)]['process'] is None, ls[('tcp', 443)])
check('reachable', ls[('tcp', 22)]['reachable'] == 'untested')
p = t['policies'][0]
check('policy record', (p['file'], p['name'], p['version'], p['status'], p['items'], p['skipped']) == ('a.audit', 'Test policy', '1.2', 'ran', 2, {'FILE_CHECK': 1}), p)
check('policy path is the operator\'s, not the private copy', p['path'] == '$work/pol/a.audit', p['path'])
res = {x['check_name']: x for x in t['results']}
f = res['telnet must not listen']
check('result fields', (f['result'], f['compliant'], f['line'], f['group'], f['severity'], f['ports'], f['policy_value']) == ('FAILED', 'NO', 3, 'test group', 'HIGH', ['23/tcp'], '23'), f)
check('stable check id', len(f['check_id']) == 32, f['check_id'])
check('gather log', t['gather_log'] == ['scenario basic'], t['gather_log'])
check('no problems', t['problems'] == [], t['problems'])
s = doc['summary']
check('summary', (s['targets'], s['audited'], s['failed'], s['passed'], s['skipped']) == (1, 1, 1, 1, {'FILE_CHECK': 1}), s)
ports = {p['port']: p for p in s['open_ports']}
check('fleet: hosts per port', ports['8080/tcp']['exposed_on'] == ['localhost'] and ports['25/tcp']['loopback_on'] == ['localhost'] and ports['25/tcp']['targets'] == 0, s['open_ports'])
"

# A port printed as a service name arrives as port -1 with its text.
audit svc service_name --format json
json_check "$work/svc.out" "
l = [l for l in doc['targets'][0]['listeners'] if l['port_text'] == 'ssh']
check('service name: port null, text kept', len(l) == 1 and l[0]['port'] is None, l)
check('service name in the fleet view', any(p['port'] == 'ssh/tcp' for p in doc['summary']['open_ports']), doc['summary']['open_ports'])
"

# Wrong calls: reported with plugin file and line, never ignored.
for case in "bad_kind:unknown kind 'resultt'" \
            "missing_key:kind 'result' needs the key 'check_name'" \
            "wrong_type:'port' must be an int, got string" \
            "unknown_key:unknown key 'colour' for kind 'gather'" \
            "bad_value:'result' cannot be 'PASS'" \
            "not_array:'data' must be an array, got string"; do
  scen=${case%%:*} msg=${case#*:}
  audit "$scen" "$scen" --var SCENARIO2=x --format json
  json_check "$work/$scen.out" "
t = doc['targets'][0]
pr = t['problems']
check('$scen: reported', len(pr) == 1 and \"$msg\" in pr[0] and 'nasl_audit_ports.nasl line' in pr[0], pr)
check('$scen: target incomplete', t['status'] == 'incomplete', t['status'])
"
  # the FAILED result of the scenario still makes it 1; what matters is the problem
  expect_eq "$scen: exit status" 1 "$st"
done
audit wrong_text wrong_type
has "$work/wrong_text.out" "^   PROBLEM: nasl_audit_ports.nasl line [0-9]+: nasl_audit_record: 'port' must be an" "wrong call shown in the text report without -v"
has "$work/wrong_text.out" "could not be fully audited" "summary line names the incomplete target"
has "$work/wrong_text.out" "^  Targets: 1: 0 audited, 1 could not be fully audited, 0 not audited$" "wrong call: counted as not fully audited"

# A target that could not be audited: one state with its reason, counted once.
audit na not_audited --format json
expect_eq "not audited: exit status 2" 2 "$st"
json_check "$work/na.out" "
t = doc['targets'][0]
check('not audited: state', (t['status'], t['reason'], t['reason_code']) == ('not_audited', 'authentication refused for user tester', 'auth'), (t['status'], t['reason'], t['reason_code']))
check('not audited: no ERROR per check', t['results'] == [] and doc['summary']['error'] == 0, t['results'])
check('not audited: counted once', (doc['summary']['not_audited'], doc['summary']['incomplete'], doc['summary']['audited']) == (1, 0, 0), doc['summary'])
"
audit na_text not_audited
has "$work/na_text.out" "^   NOT AUDITED: authentication refused for user tester \(auth\)$" "not audited: reason in words without -v"
has "$work/na_text.out" "^  Not audited: localhost: authentication refused for user tester \(auth\)$" "not audited: reason in the summary"
has "$work/na_text.out" "^  Results: 0 PASSED, 0 FAILED, 0 WARNING, 0 ERROR$" "not audited: no ERROR results"

# Plugins that send no target record (older than the runner): not audited, said so.
audit nt no_target --format json
expect_eq "no target record: exit status 2" 2 "$st"
json_check "$work/nt.out" "
t = doc['targets'][0]
check('no target record: not audited, reason', t['status'] == 'not_audited' and 'no target record' in t['reason'] and t['reason_code'] == 'internal', t)
"

# Records stream past the KB's capacity: 1,200,000 records would not fit a KB of
# 1,000,000 values; 60,000 here keep make check short, the bench goes bigger.
audit many many --var COUNT=60000 --format json
json_check "$work/many.out" "
t = doc['targets'][0]
check('60005 listeners arrive', len(t['listeners']) == 60005, len(t['listeners']))
check('the last one too', t['listeners'][-1]['process'] is not None and any(l['process'] == 'p59999' for l in t['listeners']))
"
finish

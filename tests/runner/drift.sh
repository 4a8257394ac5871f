#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/drift.sh: --state-dir (issue 9, 4): each target's last listeners
# and verdicts are kept; the next report shows new and closed listeners and
# changed verdicts; a target that could not be audited keeps its baseline.
. "${top_srcdir:-.}/tests/runner/lib.sh"
SD=$work/state

audit d1 basic --state-dir "$SD" --format json
json_check "$work/d1.out" "
d = doc['targets'][0]['drift']
check('first run: no baseline yet', d == {'version': 1, 'previous_run': None}, d)
"
[ -f "$SD/localhost.state" ] && ok "state file written" || fail "no state file in $SD"

# Second run: 8080 closed, 9999 opened, the FAILED check now passes.
audit d2 all_pass --state-dir "$SD" --var DROP8080=1 --var EXTRA=9999 --format json
json_check "$work/d2.out" "
d = doc['targets'][0]['drift']
check('baseline time', d['previous_run'] and d['previous_run'].endswith('Z'), d)
check('new listener', [(l['port'], l['process']) for l in d['new_listeners']] == [(9999, 'extra')], d['new_listeners'])
check('closed listener', [(l['port'], l['process'], l['address']) for l in d['closed_listeners']] == [(8080, 'evil|name', '0.0.0.0')], d['closed_listeners'])
check('changed verdict', [(c['check_name'], c['was'], c['now']) for c in d['changed_results']] == [('telnet must not listen', 'FAILED', 'PASSED')], d['changed_results'])
"
audit d3 all_pass --state-dir "$SD" --var DROP8080=1 --var EXTRA=9999
has "$work/d3.out" "^   Since [0-9T:-]+Z: new: none; closed: none; verdicts changed: none$" "text: no change since the last run"

# A run where the target is not audited does not replace the baseline.
audit d4 not_audited --state-dir "$SD"
audit d5 basic --state-dir "$SD"
has_flat "$work/d5.out" ": new: 8080/tcp on 0.0.0.0 evil|name; closed: 9999/tcp on 0.0.0.0 extra; verdicts changed:" "text: new and closed listeners against the last audited run"
has "$work/d5.out" "\"telnet must not listen\" PASSED -> FAILED" "text: the changed verdict"

# A damaged state file is said, and replaced by a new baseline.
echo garbage >"$SD/localhost.state"
audit d6 basic --state-dir "$SD" --format json
json_check "$work/d6.out" "
d = doc['targets'][0]['drift']
check('damaged state: said', 'damaged' in d.get('problem', ''), d)
"
audit d7 basic --state-dir "$SD" --format json
json_check "$work/d7.out" "
d = doc['targets'][0]['drift']
check('damaged state: a new baseline was saved', 'problem' not in d and d['previous_run'], d)
"
finish

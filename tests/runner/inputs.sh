#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/inputs.sh: nothing evaluated is never exit 0 (issue 7, 1.10): the
# runner reads its policy inputs itself (regular files only, size cap, no
# blocking on FIFOs) and says in the report why a policy did not run.
. "${top_srcdir:-.}/tests/runner/lib.sh"

# run_case NAME EXPECTED-STATUS REASON-SUBSTRING ARGS...: JSON report checked for the reason.
run_case() {
  n=$1 want=$2 why=$3
  shift 3
  start=$(date +%s)
  timeout 120 "$AUDIT" --var SCENARIO=all_pass --format json "$@" >"$work/$n.json" 2>"$work/$n.err"
  st=$?
  expect_eq "$n: exit status $want" "$want" "$st"
  [ $(( $(date +%s) - start )) -lt 60 ] || fail "$n: took too long (blocked?)"
  json_check "$work/$n.json" "
t = doc['targets'][0]
said = ' '.join(doc['policy_problems']) + ' ' + (t['reason'] or '')
check('$n: the report says why', '''$why''' in said, (doc['policy_problems'], t['reason']))
"
}

# Baseline: one policy that passes gives 0, so the cases below can fail.
run_case good 0 "" -P "$work/pol"

mkdir "$work/empty"
run_case empty_folder 2 "has no .audit file" -P "$work/empty"

mkdir "$work/dangling" && ln -s "$work/nowhere.audit" "$work/dangling/x.audit"
run_case dangling 2 "x.audit: a symbolic link to nothing (dangling)" -P "$work/dangling"

mkdir -p "$work/dirpol/x.audit"
run_case directory 2 "x.audit: a directory, not a policy file" -P "$work/dirpol"

mkdir "$work/fifo" && mkfifo "$work/fifo/x.audit" && cp "$work/pol/a.audit" "$work/fifo/good.audit"
run_case fifo 2 "x.audit: a FIFO, not a policy file" -P "$work/fifo"
json_check "$work/fifo.json" "
check('fifo: the good policy still ran', [p['file'] for p in doc['targets'][0]['policies']] == ['good.audit'], doc['targets'][0]['policies'])
"

run_case dev_zero 2 "/dev/zero: a character device, not a policy file" -f /dev/zero

: >"$work/empty.audit"
run_case empty_file 2 "empty.audit: empty" -f "$work/empty.audit"

truncate -s 67108865 "$work/huge.audit"
run_case huge_file 2 "huge.audit: too large (67108865 bytes; the limit is 67108864)" -f "$work/huge.audit"

mkdir "$work/unknown" && printf 'ONLY_UNKNOWN\n' >"$work/unknown/u.audit"
run_case only_unknown 2 "nothing was evaluated on this target" -P "$work/unknown"
json_check "$work/only_unknown.json" "
check('only unknown: skipped counted by type', doc['summary']['skipped'] == {'CMD_EXEC': 1, 'FILE_CHECK': 2}, doc['summary']['skipped'])
"

mkdir "$work/otheros" && printf 'NOT_APPLICABLE\n' >"$work/otheros/w.audit"
run_case other_os 2 "nothing was evaluated on this target" -P "$work/otheros"

run_case no_folder 2 "no policy to run" -P ""

# -f alone runs just that file, labelled with its own name; the folder only with -P.
cp "$work/pol/a.audit" "$work/mine.audit"
"$AUDIT" --var SCENARIO=basic -f "$work/mine.audit" --format json >"$work/f_only.json" 2>/dev/null
json_check "$work/f_only.json" "
check('-f alone: only that file, its own name', [p['file'] for p in doc['targets'][0]['policies']] == ['mine.audit'], doc['targets'][0]['policies'])
check('-f alone: results labelled with it', set(r['audit_file'] for r in doc['targets'][0]['results']) == {'mine.audit'})
"
"$AUDIT" --var SCENARIO=basic -P "$work/pol" -f "$work/mine.audit" --format json >"$work/f_and_p.json" 2>/dev/null
json_check "$work/f_and_p.json" "
check('-f with -P: both', [p['file'] for p in doc['targets'][0]['policies']] == ['a.audit', 'mine.audit'], doc['targets'][0]['policies'])
"

# What the operator mistyped is a usage error (3), named.
"$AUDIT" -f "$work/missing.audit" >/dev/null 2>"$work/missing.err"
expect_eq "missing -f file: exit 3" 3 $?
has "$work/missing.err" "missing.audit.*No such file" "missing -f file: named"
"$AUDIT" -P "$work/nonexistent" >/dev/null 2>"$work/nodir.err"
expect_eq "missing policy folder: exit 3" 3 $?
has "$work/nodir.err" "nonexistent' is not a directory" "missing policy folder: named"

# The text report says it too.
"$AUDIT" --var SCENARIO=all_pass -P "$work/fifo" >"$work/fifo.txt" 2>&1
has "$work/fifo.txt" "^  Policy not run: .*x.audit: a FIFO, not a policy file" "text: the policy not run is named"
finish

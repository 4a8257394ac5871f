#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/exit.sh: exit statuses and messages (issue 7, 4; issue 9, 6): a
# write error is 3 with a message; missing plugins or module is 3; option
# errors name the option; --ask-password without a terminal is a usage error;
# ERROR results count as "could not be fully audited"; --version has copyright
# and licence lines.
. "${top_srcdir:-.}/tests/runner/lib.sh"

"$AUDIT" -P "$work/pol" --var SCENARIO=basic >/dev/full 2>"$work/full.err"
expect_eq "report to /dev/full: exit 3" 3 $?
has "$work/full.err" "^nasl-audit: cannot write the report: No space left on device$" "report to /dev/full: said"
"$AUDIT" -P "$work/pol" --var SCENARIO=basic --format json -o /dev/full 2>"$work/full-o.err"
expect_eq "-o /dev/full: exit 3" 3 $?
has "$work/full-o.err" "cannot write the report to /dev/full" "-o /dev/full: said"
"$AUDIT" --version >/dev/full 2>/dev/null
expect_eq "--version to /dev/full: exit 3" 3 $?

NASL_AUDIT_PLUGINS_DIR=$work/nowhere "$AUDIT" -P "$work/pol" >/dev/null 2>"$work/noplug.err"
expect_eq "missing plugins: exit 3" 3 $?
has "$work/noplug.err" "plugin .*nowhere/nasl_audit_gather.nasl not found" "missing plugins: named"
NASL_AUDIT_MODULE=$work/nowhere.so "$AUDIT" -P "$work/pol" >/dev/null 2>"$work/nomod.err"
expect_eq "missing module: exit 3" 3 $?
has "$work/nomod.err" "audit module .*nowhere.so not found" "missing module: named"

if command -v setsid >/dev/null; then
  setsid -w "$AUDIT" -P "$work/pol" --ask-password </dev/null >/dev/null 2>"$work/notty.err"
  expect_eq "--ask-password without a terminal: exit 3" 3 $?
  has "$work/notty.err" "--ask-password needs a terminal" "--ask-password without a terminal: said"
fi

opt_error() { # opt_error MESSAGE-REGEX ARGS...
  re=$1
  shift
  "$AUDIT" "$@" >/dev/null 2>"$work/opt.err"
  st=$?
  expect_eq "'$*': exit 3" 3 "$st"
  has "$work/opt.err" "$re" "'$*': the message names the option"
}
opt_error "invalid value '0' for option --jobs" --jobs 0
opt_error "invalid value '0' for option --jobs" -j0
opt_error "invalid value 'x' for option --timeout" --timeout x
opt_error "invalid value 'yaml' for option --format \(expected text, json, csv, junit, nessus or html\)" --format yaml
opt_error "invalid value 'noequals' for option --var" --var noequals
opt_error "invalid value '70000' for option --port" -p 70000
opt_error "option --format needs a value" --format
opt_error "unknown option '--frobnicate'" --frobnicate
opt_error "NASL_NOT_SET_ANYWHERE is not set \(option --password-env\)" --password-env NASL_NOT_SET_ANYWHERE

# ERROR results make the target "could not be fully audited", and exit 2.
audit err error
expect_eq "ERROR result: exit 2" 2 "$st"
has "$work/err.out" "^  Targets: 1: 0 audited, 1 could not be fully audited, 0 not audited$" "ERROR result counted as not fully audited"
has "$work/err.out" "NOT FULLY AUDITED: 1 result\(s\) could not be evaluated" "ERROR result: said for the target"
audit pass all_pass
expect_eq "all PASSED: exit 0" 0 "$st"
has "$work/pass.out" "^  Targets: 1: 1 audited, 0 could not be fully audited, 0 not audited$" "all PASSED: audited"

# --timeout: the target is one "not audited" state with the reason, the worker
# and its commands are stopped.
start=$(date +%s)
audit to slow --var "PIDFILE=$work/to.pid" --var "ENVFILE=$work/to.env" --timeout 2 --format json
expect_eq "timeout: exit status 2" 2 "$st"
[ $(( $(date +%s) - start )) -lt 30 ] && ok "timeout: quick" || fail "timeout: slow"
json_check "$work/to.out" "
t = doc['targets'][0]
check('timeout: not audited, reason and code', (t['status'], t['reason'], t['reason_code']) == ('not_audited', 'gave up after 2 seconds (--timeout)', 'timeout'), (t['status'], t['reason'], t['reason_code']))
check('timeout: counted once', (doc['summary']['not_audited'], doc['summary']['error']) == (1, 0), doc['summary'])
"
gone "$(cat "$work/to.pid")" && ok "timeout: the worker's command was stopped" || fail "timeout: its command still runs"

"$AUDIT" --version >"$work/version.txt"
has "$work/version.txt" "^nasl-audit [0-9.]+ \(libnasl " "--version: version"
has "$work/version.txt" "^Copyright \(C\) [0-9]{4} " "--version: copyright line"
has "$work/version.txt" "^License GPLv2\+: GNU GPL version 2 or later" "--version: licence line"
"$AUDIT" --help | grep -q "^  3  usage or runtime error" && ok "--help documents exit 3" || fail "--help exit 3"
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/secrets.sh: secrets stay in (issue 7, 2): the password variable is
# gone from the runner's and the worker's environment (/proc/PID/environ) and
# from every command they start; workers hold no core limit and dump no core
# when they crash; a crashed target is reported with its name and the signal.
. "${top_srcdir:-.}/tests/runner/lib.sh"
SECRET="pw-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
NASL_T_PW=$SECRET
export NASL_T_PW
mkdir -p "$work/cwd"
# Under AddressSanitizer, let SIGSEGV kill the worker as it would without it.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
export ASAN_OPTIONS

(cd "$work/cwd" && exec "$AUDIT" -P "$work/pol" --var SCENARIO=slow --var "PIDFILE=$work/sleep.pid" \
   --var "ENVFILE=$work/child.env" --password-env NASL_T_PW --format json --timeout 120 localhost \
   >"$work/crash.json" 2>"$work/crash.err") &
apid=$!
i=0
while [ ! -s "$work/sleep.pid" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$work/sleep.pid" ] && ok "the worker's command started" || fail "the worker's command never started"
worker=$(ps -o pid= --ppid "$apid" | tr -d ' ' | head -n1)
[ -n "$worker" ] && ok "worker found ($worker)" || fail "no worker process"

for p in "$apid" "$worker"; do
  if tr '\0' '\n' <"/proc/$p/environ" | grep -qF -e "$SECRET" -e "NASL_T_PW="; then
    fail "/proc/$p/environ holds the password"
  else
    ok "/proc/$p/environ does not hold the password"
  fi
  has "/proc/$p/limits" "^Max core file size +0 +0 " "no core limit for $p"
done
sleep 0.2
if grep -qF -e "$SECRET" -e "NASL_T_PW=" "$work/child.env"; then
  fail "a command started by the worker inherited the password"
else
  ok "commands started by the worker do not inherit the password"
fi
has "$work/child.env" "^PATH=" "the command's environment was captured"

# A crash: SIGSEGV to the worker.
kill -SEGV "$worker"
wait "$apid"
st=$?
expect_eq "crash: exit status 2" 2 "$st"
json_check "$work/crash.json" "
t = doc['targets'][0]
check('crash: the target is named', t['target'] == 'localhost' and t['transport'] == 'local', (t['target'], t['transport']))
check('crash: not audited, with the signal', t['status'] == 'not_audited' and 'crashed (signal 11, SIGSEGV; no core dump)' in t['reason'], t['reason'])
"
[ -z "$(ls "$work/cwd")" ] && ok "crash: no core file written" || fail "crash: files left in the working directory: $(ls "$work/cwd")"
gone "$(cat "$work/sleep.pid")" && ok "crash: the worker's command was stopped with it" || fail "crash: the worker's command still runs"
grep -qF "$SECRET" "$work/crash.json" "$work/crash.err" && fail "crash: the password is in the output" || ok "crash: no password in the output"

# The text report of a crashed target has a proper header.
rm -f "$work/sleep.pid"
(cd "$work/cwd" && exec "$AUDIT" -P "$work/pol" --var SCENARIO=slow --var "PIDFILE=$work/sleep.pid" \
   --var "ENVFILE=$work/child.env" >"$work/crash.txt" 2>&1) &
apid=$!
i=0
while [ ! -s "$work/sleep.pid" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
kill -SEGV "$(ps -o pid= --ppid "$apid" | tr -d ' ' | head -n1)"
wait "$apid"
has "$work/crash.txt" "^== localhost \(127.0.0.1, local, unknown\)$|^== localhost \(local, unknown\)$|^== localhost \(127.0.0.1, local as tester, linux: Linux 6.1.0-test\)$" "crash: text header names the target"
has "$work/crash.txt" "NOT AUDITED: the audit of this target crashed \(signal 11, SIGSEGV; no core dump\)" "crash: text names the signal"
finish

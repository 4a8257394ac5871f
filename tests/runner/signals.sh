#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/signals.sh: Ctrl-C and SIGTERM to nasl-audit (issue 7, 3): the
# workers' process groups are killed (their commands and SSH sessions with
# them), the private policy copies removed, the terminal restored (echo after
# --ask-password), and the runner ends by the signal.
. "${top_srcdir:-.}/tests/runner/lib.sh"
mkdir -p "$work/tmp"

# start_slow NAME ARGS...: nasl-audit in the background on the slow scenario; sets apid, worker.
start_slow() {
  n=$1
  shift
  rm -f "$work/sleep.pid"
  TMPDIR=$work/tmp "$AUDIT" -P "$work/pol" --var SCENARIO=slow --var "PIDFILE=$work/sleep.pid" \
    --var "ENVFILE=$work/env.txt" --timeout 300 "$@" >"$work/$n.out" 2>"$work/$n.err" &
  apid=$!
  i=0
  while [ ! -s "$work/sleep.pid" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  worker=$(ps -o pid= --ppid "$apid" | tr -d ' ' | head -n1)
  [ -n "$worker" ] && [ -s "$work/sleep.pid" ] && ok "$n: worker $worker and its command run" \
    || fail "$n: the worker did not start"
}

for sig in TERM INT; do
  start_slow "sig$sig" localhost 127.0.0.1
  [ -n "$(ls "$work/tmp")" ] && ok "sig$sig: private policy copies exist while running" || fail "sig$sig: no private copies"
  start=$(date +%s)
  kill -"$sig" "$apid"
  wait "$apid"
  st=$?
  case $sig in TERM) want=143 ;; INT) want=130 ;; esac
  expect_eq "sig$sig: ended by the signal" "$want" "$st"
  [ $(( $(date +%s) - start )) -lt 10 ] && ok "sig$sig: quick" || fail "sig$sig: slow to stop"
  gone "$worker" && ok "sig$sig: worker stopped" || fail "sig$sig: worker $worker still runs"
  gone "$(cat "$work/sleep.pid")" && ok "sig$sig: the worker's command stopped" || fail "sig$sig: its command still runs"
  [ -z "$(ls "$work/tmp")" ] && ok "sig$sig: private copies removed" || fail "sig$sig: left in TMPDIR: $(ls "$work/tmp")"
  has "$work/sig$sig.err" "interrupted \($sig\); the workers were stopped" "sig$sig: says so"
  [ -s "$work/sig$sig.out" ] && fail "sig$sig: a partial report was written" || ok "sig$sig: no partial report"
done

# An SSH session open on a real sshd is closed with the worker.
start_sshd
USER_NAME=$(id -un)
sessions() { ps -o pid= --ppid "$(cat "$S/pid")" | wc -l; }
base=$(sessions)
"$AUDIT" -P "$work/pol" --var SCENARIO=slow_ssh -i "$S/id_ed25519" "$USER_NAME@127.0.0.1:$PORT" \
  >"$work/ssh.out" 2>"$work/ssh.err" &
apid=$!
i=0
while ! grep -q 'request exec' "$S/sshd.log" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
grep -q 'request exec' "$S/sshd.log" && ok "ssh: the remote command runs" || fail "ssh: the remote command never started"
[ "$(sessions)" -gt "$base" ] && ok "ssh: a session process is open" || fail "ssh: no session process"
kill -INT "$apid"
wait "$apid"
expect_eq "ssh: ended by SIGINT" 130 $?
i=0
while [ "$(sessions)" -gt "$base" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "ssh: the session is closed" "$base" "$(sessions)"

# The terminal: echo off at the --ask-password prompt, back on after Ctrl-C.
for case in at-prompt during-run; do
  python3 "$top_srcdir/tests/runner/pty-prompt.py" "$case" env "TMPDIR=$work/tmp" "$AUDIT" -P "$work/pol" \
    --var SCENARIO=slow --var "PIDFILE=$work/pty.pid" --var "ENVFILE=$work/env.txt" --ask-password \
    localhost >"$work/pty-$case.txt" 2>&1
  while read -r line; do
    case $line in ok*) ok "${line#ok - }" ;; *) fail "${line#FAIL - }" ;; esac
  done <"$work/pty-$case.txt"
done
[ -z "$(ls "$work/tmp")" ] && ok "pty: private copies removed" || fail "pty: left in TMPDIR: $(ls "$work/tmp")"
finish

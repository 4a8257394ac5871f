# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/lib.sh: shared set-up for the end-to-end tests (sourced).
#
# Provides: $AUDIT (the nasl-audit program), $work (a temp dir removed on
# exit unless E2E_KEEP=1), fail/pass helpers, listeners opened by listen.py,
# and json_check (python3 assertions over nasl-audit's JSON document).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir/_build}
AUDIT=$top_builddir/nasl-audit
export LC_ALL=C

failures=0
checks=0
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-e2e.XXXXXX")
cleanup_hooks=""
e2e_cleanup() {
  for h in $cleanup_hooks; do "$h"; done
  if [ "${E2E_KEEP:-}" = 1 ] || [ "$failures" != 0 ]; then
    echo "e2e: work directory kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap e2e_cleanup EXIT
on_exit() { cleanup_hooks="$1 $cleanup_hooks"; }
# nasl-audit reads ~/.ssh (known_hosts, config, default keys) and ssh-agent
# the way ssh(1) does: each test gets a HOME of its own and no agent.
HOME=$work/home
export HOME
mkdir -p "$HOME"
unset SSH_AUTH_SOCK

ok() { checks=$((checks + 1)); echo "ok - $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $*"; }
expect_eq() { # expect_eq WHAT EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected '$2', got '$3'"; fi
}
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
  exit $?
}
skip() { echo "SKIP: $*"; exit 77; }

command -v python3 >/dev/null || skip "python3 is needed to read the JSON reports"
[ -x "$AUDIT" ] || { echo "nasl-audit not built at $AUDIT" >&2; exit 99; }

# listen SPEC... : opens sockets (tcp:ADDR / udp:ADDR, port chosen by the
# kernel) in a background python3 whose process name is 'python3'; sets
# LISTEN_PORTS to the ports, in order.
listen() {
  local fifo=$work/listen.$$
  mkfifo "$fifo"
  python3 "$top_srcdir/tests/e2e/listen.py" "$@" >"$fifo" &
  LISTEN_PID=$!
  on_exit stop_listen
  LISTEN_PORTS=$(head -n "$#" "$fifo" | tr '\n' ' ')
  rm -f "$fifo"
}
stop_listen() { [ -n "${LISTEN_PID:-}" ] && kill "$LISTEN_PID" 2>/dev/null; wait "${LISTEN_PID:-}" 2>/dev/null; LISTEN_PID=; }

# json_check FILE PYTHON: runs PYTHON with 'doc' (the parsed document),
# 'r(desc)' (the one result whose check_name is desc) and 'check(name, cond,
# detail)' that prints ok/FAIL lines; the counts are added to ours.
json_check() {
  local file=$1 out
  shift
  out=$(python3 - "$file" "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
code = sys.argv[2]
passed = failed = 0
def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1; print("ok - " + name)
    else:
        failed += 1; print("FAIL - " + name + (": " + str(detail) if detail else ""))
def results():
    return [x for t in doc["targets"] for x in t["results"]]
def r(desc):
    m = [x for x in results() if x["check_name"] == desc]
    if len(m) != 1:
        raise SystemExit("FAIL - expected exactly one result named %r, found %d" % (desc, len(m)))
    return m[0]
exec(code)
print("COUNTS %d %d" % (passed, failed))
PY
) || { fail "json_check crashed: $out"; return; }
  printf '%s\n' "$out" | grep -v '^COUNTS'
  set -- $(printf '%s\n' "$out" | sed -n 's/^COUNTS //p')
  checks=$((checks + ${1:-0} + ${2:-0}))
  failures=$((failures + ${2:-1}))
}

# kill_tree PID: SIGKILL PID and all its descendants at once (one process
# reads /proc, so it stays quick on a loaded machine).
kill_tree() {
  python3 - "$1" <<'PY'
import os, signal, sys
root = int(sys.argv[1])
children = {}
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            stat = open("/proc/%s/stat" % d).read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(d))
todo, tree = [root], []
while todo:
    p = todo.pop()
    tree.append(p)
    todo.extend(children.get(p, []))
for p in tree:
    try:
        os.kill(p, signal.SIGKILL)
    except OSError:
        pass
PY
}

# start_sshd: a real sshd on 127.0.0.1 for this test (tests/sshd/sshd-fixture.sh);
# sets S (its directory) and PORT, stops it on exit, skips without sshd.  Its
# host key goes into ~/.ssh/known_hosts (HOME is the test's own).
start_sshd() {
  . "$top_srcdir/tests/sshd/sshd-fixture.sh"
  S=$work/sshd
  mkdir -p "$S"
  sshd_start "$S"
  local rc=$?
  [ $rc = 77 ] && skip "sshd or ssh-keygen is not installed"
  [ $rc = 0 ] || { echo "sshd did not start" >&2; exit 99; }
  on_exit stop_sshd
  PORT=$(cat "$S/port")
  mkdir -p "$HOME/.ssh"
  cat "$S/known_hosts" >>"$HOME/.ssh/known_hosts"
}
stop_sshd() { sshd_stop "$S"; }

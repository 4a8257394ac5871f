#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/ssh-options.sh: nasl-audit reaches a real sshd the way ssh(1)
# users expect: host keys from ~/.ssh/known_hosts or --known-hosts (unknown
# and changed keys refused before any credential is sent, --accept-new
# records a key), ssh-agent and the default keys without -i, an ssh_config
# Host alias, --sudo through a fake sudo, and a busy sshd (MaxStartups).
. "${top_srcdir:-.}/tests/e2e/lib.sh"
start_sshd
USER_NAME=$(id -un)
TARGET=$USER_NAME@127.0.0.1:$PORT
FP=$(ssh-keygen -l -E sha256 -f "$S/host_ed25519.pub" | cut -d' ' -f2)
B64=$(cut -d' ' -f2 "$S/host_ed25519.pub")
OTHER_FP=$(ssh-keygen -l -E sha256 -f "$S/other_host_ed25519.pub" | cut -d' ' -f2)
NASL_E2E_PW=not-the-password
export NASL_E2E_PW

mkdir -p "$work/policies"
cat >"$work/policies/p.audit" <<AUDIT
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "nothing on port 1"
  ports       : "1"
  port_type   : TCP
</custom_item>
</check_type>
AUDIT

# run NAME ARGS...: nasl-audit with HOME as set, JSON in $work/NAME.json,
# stderr in $work/NAME.err, status in $st.
run() {
  name=$1
  shift
  "$AUDIT" --policy-dir "$work/policies" --format json --timeout 60 "$@" >"$work/$name.json" 2>"$work/$name.err"
  st=$?
}
# audited NAME: the target was audited and the check ran.
audited() {
  expect_eq "$1: exit status 0" 0 "$st"
  json_check "$work/$1.json" "
t = doc['targets'][0]
check('$1: audited', t['status'] == 'audited', (t['status'], t['reason']))
check('$1: the check PASSED', r('nothing on port 1')['result'] == 'PASSED', r('nothing on port 1'))
"
}
# refused NAME CODE TEXT: not audited with that code, the reason starting
# with TEXT, and sshd saw no authentication request since the log mark.
refused() {
  expect_eq "$1: exit status 2" 2 "$st"
  json_check "$work/$1.json" "
t = doc['targets'][0]
check('$1: not audited', t['status'] == 'not_audited' and results() == [], t['status'])
check('$1: reason code', t['reason_code'] == '$2', t['reason_code'])
check('$1: reason', (t['reason'] or '').startswith('''$3'''), t['reason'])
"
  sleep 0.3
  if tail -c +"$mark" "$S/sshd.log" | grep -q "userauth-request"; then
    fail "$1: sshd saw an authentication request"
  else
    ok "$1: sshd saw no authentication request"
  fi
  if grep -qF "$NASL_E2E_PW" "$work/$1.json" "$work/$1.err"; then
    fail "$1: the password is in the output"
  else
    ok "$1: no password in the output"
  fi
}
logmark() { mark=$(($(wc -c <"$S/sshd.log") + 1)); }

# --- host keys ---------------------------------------------------------------
# The test's ~/.ssh/known_hosts lists the fixture (lib.sh): audited as is.
run default -i "$S/id_ed25519" "$TARGET"
audited default

# An empty HOME: ~/.ssh/known_hosts does not exist; nothing is sent.
H=$work/h-empty
mkdir -p "$H"
logmark
HOME=$H run unknown -i "$S/id_ed25519" --password-env NASL_E2E_PW "$TARGET"
refused unknown hostkey_unknown "host key for [127.0.0.1]:$PORT is not known: known-hosts file '$H/.ssh/known_hosts' does not exist, so it does not list [127.0.0.1]:$PORT (the server offers ssh-ed25519 key $FP); refusing to connect, no credential was sent. To trust it,"
# The reason is shown without -v in the text report too.
HOME=$H "$AUDIT" --policy-dir "$work/policies" -i "$S/id_ed25519" "$TARGET" >"$work/unknown.txt" 2>&1
has_flat() { if tr -s ' \n' '  ' <"$1" | grep -qF -- "$2"; then ok "$3"; else fail "$3: no '$2' in $1"; fi; }
has_flat "$work/unknown.txt" "ssh-keyscan -p $PORT -t ssh-ed25519 127.0.0.1 >> $H/.ssh/known_hosts" \
  "text report: how to accept the key"

logmark
run devnull -i "$S/id_ed25519" --password-env NASL_E2E_PW --known-hosts /dev/null "$TARGET"
refused devnull hostkey_unknown "host key for [127.0.0.1]:$PORT is not known: known-hosts file '/dev/null' does not list"

"$AUDIT" --policy-dir "$work/policies" -i "$S/id_ed25519" --known-hosts "$work" "$TARGET" \
  >"$work/dir.out" 2>"$work/dir.err"
expect_eq "directory: usage error" 3 $?
grep -qF "the file of --known-hosts, '$work', is a directory" "$work/dir.err" \
  && ok "directory: says so" || fail "directory: $(cat "$work/dir.err")"

logmark
run changed -i "$S/id_ed25519" --password-env NASL_E2E_PW --known-hosts "$S/known_hosts.bad" "$TARGET"
refused changed hostkey_changed "host key for [127.0.0.1]:$PORT has changed: known-hosts file '$S/known_hosts.bad' line 1 lists ssh-ed25519 key $OTHER_FP, the server now offers ssh-ed25519 key $FP."

# --accept-new records the key (in ssh's format: ssh-keygen -F finds it),
# the next run needs no --accept-new; a changed key stays refused.
H=$work/h-new
mkdir -p "$H"
HOME=$H run accept -v -i "$S/id_ed25519" --accept-new "$TARGET"
audited accept
expect_eq "accept: the line written" "[127.0.0.1]:$PORT ssh-ed25519 $B64" "$(cat "$H/.ssh/known_hosts")"
ssh-keygen -F "[127.0.0.1]:$PORT" -f "$H/.ssh/known_hosts" >/dev/null \
  && ok "accept: ssh-keygen -F finds it" || fail "accept: ssh-keygen -F does not find it"
json_check "$work/accept.json" "
t = doc['targets'][0]
check('accept: -v says so', \"ssh: Permanently added '[127.0.0.1]:$PORT' (ssh-ed25519 key $FP) to known-hosts file '$H/.ssh/known_hosts'\" in t['diagnostics'], t['diagnostics'])
"
HOME=$H run accept2 -i "$S/id_ed25519" "$TARGET"
audited accept2
logmark
run accept_changed -i "$S/id_ed25519" --accept-new --known-hosts "$S/known_hosts.bad" "$TARGET"
refused accept_changed hostkey_changed "host key for [127.0.0.1]:$PORT has changed"

# --- the user's own keys -----------------------------------------------------
# Default key files of HOME, without -i (and without an agent).
H=$work/h-keys
mkdir -p "$H/.ssh"
cp "$S/known_hosts" "$H/.ssh/known_hosts"
cp "$S/id_ed25519" "$H/.ssh/id_ed25519"
chmod 600 "$H/.ssh/id_ed25519"
HOME=$H run defkey -v "$TARGET"
audited defkey
json_check "$work/defkey.json" "
t = doc['targets'][0]
check('defkey: logged in with the default key', 'ssh: logged in with publickey ($H/.ssh/id_ed25519)' in t['diagnostics'], t['diagnostics'])
"

# ssh-agent holding the key; HOME has no key file.
if command -v ssh-agent >/dev/null && command -v ssh-add >/dev/null; then
  H=$work/h-agent
  mkdir -p "$H/.ssh"
  cp "$S/known_hosts" "$H/.ssh/known_hosts"
  ssh-agent -D -a "$work/agent.sock" >/dev/null 2>&1 &
  AGENT_PID=$!
  stop_agent() { kill "$AGENT_PID" 2>/dev/null; wait "$AGENT_PID" 2>/dev/null; }
  on_exit stop_agent
  i=0
  while [ ! -S "$work/agent.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  SSH_AUTH_SOCK=$work/agent.sock ssh-add "$S/id_ed25519" 2>/dev/null
  HOME=$H SSH_AUTH_SOCK=$work/agent.sock run agent -v "$TARGET"
  audited agent
  json_check "$work/agent.json" "
t = doc['targets'][0]
check('agent: logged in through ssh-agent', 'ssh: logged in with publickey (ssh-agent)' in t['diagnostics'], t['diagnostics'])
"
  # With -i the agent is not asked.
  HOME=$H SSH_AUTH_SOCK=$work/agent.sock run agent_i -v -i "$S/id_ed25519" "$TARGET"
  json_check "$work/agent_i.json" "
t = doc['targets'][0]
check('agent_i: the -i key, not the agent', 'ssh: logged in with publickey' in t['diagnostics'], t['diagnostics'])
"
else
  echo "# ssh-agent or ssh-add missing: agent test skipped"
fi

# --- ssh_config ----------------------------------------------------------------
H=$work/h-cfg
mkdir -p "$H/.ssh"
cp "$S/known_hosts" "$H/.ssh/known_hosts"
cat >"$H/.ssh/config" <<CFG
Host fixture-alias
  HostName 127.0.0.1
  User $USER_NAME
  Port $PORT
  IdentityFile $S/id_ed25519
CFG
HOME=$H run alias -v fixture-alias
audited alias
json_check "$work/alias.json" "
t = doc['targets'][0]
check('alias: named as given', t['target'] == 'fixture-alias', t['target'])
check('alias: login from the config', t['login'] == '$USER_NAME', t['login'])
check('alias: -v shows the config', 'ssh_config $H/.ssh/config, Host fixture-alias: HostName 127.0.0.1, User $USER_NAME, Port $PORT, IdentityFile $S/id_ed25519' in t['diagnostics'], t['diagnostics'])
check('alias: logged in with the IdentityFile', 'ssh: logged in with publickey ($S/id_ed25519)' in t['diagnostics'], t['diagnostics'])
"
HOME=$H run alias_none --ssh-config none fixture-alias
expect_eq "alias_none: exit status 2" 2 "$st"
json_check "$work/alias_none.json" "
t = doc['targets'][0]
check('alias_none: the alias is not a host name', t['reason_code'] == 'unreachable' and 'fixture-alias' in (t['reason'] or ''), (t['reason_code'], t['reason']))
"

# --- sudo ----------------------------------------------------------------------
# A fake sudo on the sessions' PATH records its arguments and runs the rest.
cat >"$S/fakebin/sudo" <<'SUDO'
#!/bin/sh
printf '%s\n' "$*" >>"$FAKE_DIR/sudo.args"
[ "$1" = -n ] && shift
exec "$@"
SUDO
chmod 755 "$S/fakebin/sudo"
run sudo -i "$S/id_ed25519" --sudo "$TARGET"
audited sudo
expect_eq "sudo: the listing ran under sudo -n" "-n ss -H -tulpn" "$(head -n1 "$S/fake/sudo.args" 2>/dev/null)"
rm -f "$S/fake/sudo.args"
run nosudo -i "$S/id_ed25519" "$TARGET"
[ -e "$S/fake/sudo.args" ] && fail "nosudo: sudo ran without --sudo" || ok "nosudo: no sudo without --sudo"

# --- a busy sshd (MaxStartups) ---------------------------------------------------
# A second sshd drops every unauthenticated connection beyond the first; one
# is held open until sshd has dropped nasl-audit's first attempt (or 20 s:
# on a loaded machine nasl-audit may take long to get there), then closed:
# the target is audited after a retry.
S2=$work/sshd2
mkdir -p "$S2"
SSHD_MAX_STARTUPS=1:100:1 sshd_start "$S2" || { fail "second sshd did not start"; finish; }
stop_sshd2() { sshd_stop "$S2"; }
on_exit stop_sshd2
PORT2=$(cat "$S2/port")
python3 - "$PORT2" "$work/held" "$S2/sshd.log" <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.recv(4)
open(sys.argv[2], "w").close()
deadline = time.time() + 20
while time.time() < deadline:
    try:
        if "past MaxStartups" in open(sys.argv[3], errors="replace").read():
            break
    except OSError:
        pass
    time.sleep(0.05)
s.close()
PY
HOLD_PID=$!
i=0
while [ ! -e "$work/held" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$AUDIT" --policy-dir "$work/policies" --format json --timeout 60 -i "$S2/id_ed25519" \
  --known-hosts "$S2/known_hosts" "$USER_NAME@127.0.0.1:$PORT2" >"$work/busy.json" 2>"$work/busy.err"
st=$?
wait "$HOLD_PID"
json_check "$work/busy.json" "
t = doc['targets'][0]
check('busy: audited after the drop', t['status'] == 'audited', (t['status'], t['reason']))
"
grep -q "past MaxStartups" "$S2/sshd.log" && ok "busy: sshd dropped a connection" \
  || fail "busy: sshd dropped nothing (no retry was needed)"
finish

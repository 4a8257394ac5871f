#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/ssh-options.sh: what nasl-audit's SSH options put in the KB the
# interpreter and the plugins read (the stand-in plugin prints it; nothing
# connects), and the options' usage errors.
. "${top_srcdir:-.}/tests/runner/lib.sh"

# settings NAME ARGS...: runs the ssh_settings scenario on an SSH target and
# leaves the plugin's lines (one KEY=VALUE per line) in $work/NAME.kb.
settings() {
  name=$1
  shift
  audit "$name" ssh_settings --format json "$@"
  python3 - "$work/$name.out" >"$work/$name.kb" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for line in doc["targets"][0]["gather_log"]:
    print(line)
PY
}
# kb NAME LINE: the exact line is among the plugin's.
kb() { if grep -qxF -- "$2" "$work/$1.kb"; then ok "$1: $2"; else fail "$1: no '$2' in: $(tr '\n' '|' <"$work/$1.kb")"; fi; }

mkdir -p "$HOME/.ssh"
printf 'Host *\n' >"$HOME/.ssh/config"
printf 'key\n' >"$work/key"

# Defaults, as ssh(1): ~/.ssh/known_hosts, strict, agent and default keys
# (no -i), ~/.ssh/config when there is one, the name as given.
settings defaults tester@192.0.2.1
kb defaults "nasl-audit/ssh_known_hosts=$HOME/.ssh/known_hosts"
kb defaults "nasl-audit/ssh_strict_host_key=yes"
kb defaults "nasl-audit/ssh_default_keys=yes"
kb defaults "nasl-audit/ssh_config=$HOME/.ssh/config"
kb defaults "nasl-audit/ssh_host_name=192.0.2.1"
kb defaults "nasl-audit/sudo=(unset)"
kb defaults "nasl-audit/ssh/port=22"
kb defaults "Secret/SSH/login=tester"
kb defaults "sudo password: unset"

# Every option given.
: >"$work/kh"
printf 'Host nothing-matches\n  Port 2\n' >"$work/cfg"
NASL_T_SUDO=s3cret-sudo
export NASL_T_SUDO
settings given -i "$work/key" --known-hosts "$work/kh" --accept-new --ssh-config "$work/cfg" \
  --sudo --sudo-password-env NASL_T_SUDO --var EXPECT_PW=s3cret-sudo -p 2222 tester@192.0.2.1
kb given "nasl-audit/ssh_known_hosts=$work/kh"
kb given "nasl-audit/ssh_strict_host_key=accept-new"
kb given "nasl-audit/ssh_default_keys=(unset)"
kb given "nasl-audit/ssh_config=$work/cfg"
kb given "nasl-audit/sudo=1"
kb given "nasl-audit/ssh/port=2222"
kb given "sudo password: as expected"
hasnt "$work/given.out" "s3cret-sudo" "given: the sudo password is not in the report"
hasnt "$work/given.err" "s3cret-sudo" "given: the sudo password is not on stderr"

# --ssh-config none: no file at all; /dev/null lists no host but is accepted.
settings none --ssh-config none --known-hosts /dev/null tester@192.0.2.1
kb none "nasl-audit/ssh_config=(unset)"
kb none "nasl-audit/ssh_known_hosts=/dev/null"

# ssh_config gives the login and the port unless the command line does.
printf 'Host cfg-alias\n  HostName 192.0.2.9\n  User cfg-user\n  Port 2200\n' >"$work/alias"
settings alias --ssh-config "$work/alias" cfg-alias
kb alias "Secret/SSH/login=cfg-user"
kb alias "nasl-audit/ssh/port=2200"
kb alias "nasl-audit/ssh_host_name=cfg-alias"
json_check "$work/alias.out" "
t = doc['targets'][0]
check('alias: connected to the HostName', t['address'] == '192.0.2.9', t['address'])
check('alias: reported by its name', t['target'] == 'cfg-alias', t['target'])
"
settings alias_cli -v --ssh-config "$work/alias" -p 2022 other@cfg-alias
kb alias_cli "Secret/SSH/login=other"
kb alias_cli "nasl-audit/ssh/port=2022"
audit alias_v ssh_settings -v --format text --ssh-config "$work/alias" cfg-alias
has_flat "$work/alias_v.out" "ssh_config $work/alias, Host cfg-alias: HostName 192.0.2.9, User cfg-user, Port 2200" \
  "-v: what the ssh_config set"

# The sudo password variable is gone before anything runs.
audit sudo_env slow --var "PIDFILE=$work/s.pid" --var "ENVFILE=$work/s.env" \
  --sudo-password-env NASL_T_SUDO --timeout 1 localhost
has "$work/s.env" "^PATH=" "sudo: the command's environment was captured"
hasnt "$work/s.env" "NASL_T_SUDO|s3cret-sudo" "sudo: commands do not inherit the sudo password"

# Usage errors name the option (exit 3).
usage() { # usage NAME REGEX ARGS...
  n=$1 re=$2
  shift 2
  "$AUDIT" "$@" tester@192.0.2.1 >"$work/$n.out" 2>"$work/$n.err"
  expect_eq "$n: exit status 3" 3 $?
  has "$work/$n.err" "$re" "$n: says why"
}
usage kh_missing "cannot read the file of --known-hosts, '$work/nope': No such file or directory" \
  --known-hosts "$work/nope"
usage kh_dir "the file of --known-hosts, '$work', is a directory" --known-hosts "$work"
usage cfg_missing "cannot read the file of --ssh-config, '$work/nope': No such file or directory" \
  --ssh-config "$work/nope"
usage sudo_env_unset "environment variable NASL_T_UNSET is not set \(option --sudo-password-env\)" \
  --sudo-password-env NASL_T_UNSET
"$AUDIT" --help >"$work/help.out"
for o in --known-hosts --accept-new --ssh-config --sudo --sudo-password-env; do
  has "$work/help.out" "^ +$o( |$)" "--help documents $o"
done
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/smb-options.sh: Windows targets over SMB (issue 11): what --smb,
# smb:// targets, --smb-domain, --smb-port and --smb-password-env put in the
# worker's KB (OpenVAS's SMB/login, SMB/password, SMB/domain, SMB/transport),
# the transport the reports name, the password variable gone before anything
# runs, and the usage errors, each naming the option (exit 3).
. "${top_srcdir:-.}/tests/runner/lib.sh"
PW="smb-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
NASL_T_SMB=$PW
export NASL_T_SMB

# settings NAME ARGS...: the smb_settings scenario; the plugin's lines in $work/NAME.kb.
settings() {
  name=$1
  shift
  NASL_T_SMB=$PW "$AUDIT" -P "$work/pol" --var SCENARIO=smb_settings --var "EXPECT_PW=$PW" \
    --format json --smb-password-env NASL_T_SMB "$@" >"$work/$name.out" 2>"$work/$name.err"
  st=$?
  python3 - "$work/$name.out" >"$work/$name.kb" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for t in doc["targets"]:
    print("target " + t["target"] + " " + t["transport"])
    for line in t["gather_log"]:
        print(line)
PY
}
kb() { if grep -qxF -- "$2" "$work/$1.kb"; then ok "$1: $2"; else fail "$1: no '$2' in: $(tr '\n' '|' <"$work/$1.kb")"; fi; }

# The URL form: domain;user, the port, the credential as OpenVAS keeps it, no SSH.
settings url "smb://CORP;admin@192.0.2.1:4455"
expect_eq "url: audited, the stand-in checks ran (exit 1)" 1 "$st"
kb url "target smb://CORP;admin@192.0.2.1:4455 smb"
kb url "nasl-audit/transport=smb"
kb url "SMB/login=admin"
kb url "SMB/domain=CORP"
kb url "SMB/transport=4455"
kb url "nasl-audit/smb_port=4455"
kb url "smb password: as expected"
for k in Secret/SSH/login Secret/SSH/password nasl-audit/ssh/port nasl-audit/ssh_host_name; do
  kb url "$k=(unset)"
done

# --smb: plain targets, localhost included (never audited locally), the
# default port 445, --smb-port, DOMAIN\USER in -u and --smb-domain.
settings plain --smb -u 'LAB\op' localhost
kb plain "target localhost smb"
kb plain "SMB/login=op"
kb plain "SMB/domain=LAB"
kb plain "SMB/transport=445"
settings port --smb --smb-port 4445 --smb-domain CORP admin@192.0.2.1
kb port "SMB/login=admin"
kb port "SMB/domain=CORP"
kb port "nasl-audit/smb_port=4445"
# a UPN keeps its own domain: no SMB/domain
settings upn --smb-domain CORP "smb://admin@corp.example@192.0.2.1"
kb upn "SMB/login=admin@corp.example"
kb upn "SMB/domain=(unset)"
# the %-escaped URL convention
settings escaped "smb://CORP%5Cadmin@192.0.2.1"
kb escaped "SMB/login=admin"
kb escaped "SMB/domain=CORP"

# A targets file mixes SMB (smb://) and SSH targets; the transport is per target.
cat >"$work/targets.txt" <<'T'
smb://CORP;admin@192.0.2.1   # a Windows host
tester@192.0.2.2
T
settings mixed --targets-file "$work/targets.txt" --jobs 2
kb mixed "target smb://CORP;admin@192.0.2.1 smb"
kb mixed "target tester@192.0.2.2 ssh"
kb mixed "SMB/login=admin"
kb mixed "Secret/SSH/login=tester"
json_check "$work/mixed.out" "
check('json: transport per target', [t['transport'] for t in doc['targets']] == ['smb', 'ssh'], [t['transport'] for t in doc['targets']])
"
# The text header names the transport.
NASL_T_SMB=$PW "$AUDIT" -P "$work/pol" --var SCENARIO=all_pass --smb-password-env NASL_T_SMB \
  "smb://admin@192.0.2.1" >"$work/text.out" 2>&1
has "$work/text.out" "^== smb://admin@192\.0\.2\.1 \(smb as tester, linux" "text: the transport in the header"

# The password variable is gone before anything runs, and never in any output.
audit env_gone slow --var "PIDFILE=$work/s.pid" --var "ENVFILE=$work/s.env" \
  --smb-password-env NASL_T_SMB --timeout 1 --smb -u admin 192.0.2.1
has "$work/s.env" "^PATH=" "env: the command's environment was captured"
hasnt "$work/s.env" "NASL_T_SMB|$PW" "env: commands do not inherit the SMB password"
if grep -rqF -- "$PW" "$work"/*.out "$work"/*.err "$work"/*.kb; then
  fail "the SMB password appears in an output"
else
  ok "the SMB password appears in no output"
fi

# Usage errors name the option or the target (exit 3); a password on the
# command line is refused without being repeated.
usage() { # usage NAME REGEX ARGS...
  n=$1 re=$2
  shift 2
  NASL_T_SMB=$PW "$AUDIT" -P "$work/pol" "$@" >"$work/$n.out" 2>"$work/$n.err"
  expect_eq "$n: exit status 3" 3 $?
  has "$work/$n.err" "$re" "$n: says why"
  [ -s "$work/$n.out" ] && fail "$n: a report was written" || ok "$n: no report"
}
usage url_path "SMB target 'smb://admin@h/C\\\$' names a share or path; give the host only" \
  --smb-password-env NASL_T_SMB 'smb://admin@h/C$'
usage url_port "malformed SMB target 'smb://admin@h:99999' \(expected smb://\[DOMAIN;\]USER@HOST\[:PORT\]\)" \
  --smb-password-env NASL_T_SMB 'smb://admin@h:99999'
usage url_account "malformed SMB account in 'smb://CORP;@h'" --smb-password-env NASL_T_SMB 'smb://CORP;@h'
usage url_escape "malformed SMB target 'smb://a%zz@h' \(a bad %-escape in the account\)" \
  --smb-password-env NASL_T_SMB 'smb://a%zz@h'
usage url_password "a target holds USER:PASSWORD, and passwords are never taken from the command line" \
  --smb-password-env NASL_T_SMB 'smb://admin:Hunter2-x@h'
hasnt "$work/url_password.err" "Hunter2" "url_password: the password is not repeated"
usage no_account "SMB target 'h' names no account \(expected smb://\[DOMAIN;\]USER@HOST, or give -u USER\)" \
  --smb --smb-password-env NASL_T_SMB h
usage env_unset "environment variable NASL_T_UNSET is not set \(option --smb-password-env\)" \
  --smb-password-env NASL_T_UNSET smb://admin@h
usage no_password "SMB targets need a password: give --smb-password-env VAR or --ask-password" \
  smb://admin@h
usage no_password_smb "SMB targets need a password" --smb -u admin h
NASL_T_EMPTY=
export NASL_T_EMPTY
usage empty_password "the SMB password \(--smb-password-env\) is empty" \
  --smb-password-env NASL_T_EMPTY smb://admin@h
printf 'key\n' >"$work/key"
usage smb_identity "option --identity is for SSH targets, and --smb reaches every target over SMB, which logs in with a password" \
  --smb -i "$work/key" --smb-password-env NASL_T_SMB admin@h
usage smb_password_env "option --password-env is for SSH targets, and --smb reaches every target over SMB" \
  --smb --password-env NASL_T_SMB admin@h
usage smb_port "option --port is the SSH port, and --smb reaches every target over SMB \(its port: --smb-port N or HOST:PORT\)" \
  --smb -p 22 --smb-password-env NASL_T_SMB admin@h
usage smb_sudo "option --sudo is for SSH targets, and --smb reaches every target over SMB" \
  --smb --sudo --smb-password-env NASL_T_SMB admin@h
usage smb_known_hosts "option --known-hosts is for SSH targets" \
  --smb --known-hosts /dev/null --smb-password-env NASL_T_SMB admin@h
usage bad_smb_port "invalid value '0' for option --smb-port \(expected a port number from 1 to 65535\)" \
  --smb --smb-port 0 --smb-password-env NASL_T_SMB admin@h
usage bad_smb_domain "invalid value 'A\\\\B' for option --smb-domain" \
  --smb --smb-domain 'A\B' --smb-password-env NASL_T_SMB admin@h
usage smb_opt_no_smb_target "option --smb-domain is for SMB targets, and no target is reached over SMB \(give --smb, or targets as smb://USER@HOST\)" \
  --smb-domain CORP admin@h
usage smb_pw_no_smb_target "option --smb-password-env is for SMB targets, and no target is reached over SMB" \
  --smb-password-env NASL_T_SMB admin@h
usage smb_port_local "option --smb-port is for SMB targets, and no target is reached over SMB" \
  --smb-port 4445
printf '# fleet\nsmb://admin@h1\nsmb://admin@h2/share\n' >"$work/bad-targets.txt"
usage targets_file "bad-targets.txt:3: SMB target 'smb://admin@h2/share' names a share or path" \
  --smb-password-env NASL_T_SMB --targets-file "$work/bad-targets.txt"
if command -v setsid >/dev/null; then
  NASL_T_SMB=$PW setsid -w "$AUDIT" -P "$work/pol" --ask-password smb://admin@h </dev/null >/dev/null 2>"$work/notty.err"
  expect_eq "--ask-password without a terminal: exit 3" 3 $?
  has "$work/notty.err" "--ask-password needs a terminal, and none is attached \(use --smb-password-env VAR\)" \
    "--ask-password without a terminal: names the SMB option"
fi

"$AUDIT" --help >"$work/help.out"
for o in --smb --smb-password-env --smb-domain --smb-port; do
  has "$work/help.out" "^ +$o( |$)" "--help documents $o"
done
has "$work/help.out" "smb://\[DOMAIN;\]USER@HOST\[:PORT\]" "--help documents the smb:// target"
finish

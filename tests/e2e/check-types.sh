#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/check-types.sh: one audit file with a Unix and a Windows <check_type> block (issue 7 §1.12): each block applies to its own OS, on a Linux host and on a Windows host emulated behind a second real sshd, through the plugins (nasl CLI) and through nasl-audit.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
start_sshd
FIX=$top_srcdir/tests/e2e/fixtures
NASL=${NASL:-$top_builddir/nasl/nasl}
# With NASL_AUDIT_PURE=1 the plugins run without the audit module (their
# pure-NASL path; tests/e2e/pure-plugins.sh), and nasl-audit is not run.
MODULE="-m $top_builddir/nasl-ext/audit.la"
[ "${NASL_AUDIT_PURE:-}" = 1 ] && MODULE=
sshd_fake "$S" ss "$FIX/linux-ss.txt"   # 22 sshd, 23 inetd, 68/udp dhclient, 631 loopback
echo "Linux 6.1.0-18-amd64" >"$work/uname.txt"
sshd_fake "$S" uname "$work/uname.txt"
LINUX_S=$S LINUX_PORT=$PORT

# The Windows host: every command goes to the emulated cmd.exe.
WIN_S=$work/sshd-win
mkdir -p "$WIN_S"
rc=0
SSHD_EXTRA_CONFIG="ForceCommand $(command -v python3) $top_srcdir/tests/sshd/wincmd.py" sshd_start "$WIN_S" || rc=$?
[ $rc = 0 ] || { echo "the second sshd did not start" >&2; exit 99; }
stop_win_sshd() { sshd_stop "$WIN_S"; }
on_exit stop_win_sshd
WIN_PORT=$(cat "$WIN_S/port")
cat "$WIN_S/known_hosts" >>"$HOME/.ssh/known_hosts"
cp "$FIX/win-ver.txt" "$WIN_S/fake/ver.out"
sshd_fake "$WIN_S" netstat "$FIX/win-netstat-ano.txt"     # 21 FileZilla, 445 System ...
sshd_fake "$WIN_S" tasklist "$FIX/win-tasklist-svc.txt"

mkdir -p "$work/pol"
cat >"$work/pol/both.audit" <<'AUDIT'
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "unix: telnet must not listen"
  ports       : "23"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "unix: sshd on 22"
  name        : "sshd"
  ports       : "22"
</custom_item>
</check_type>
<check_type:"Windows" version:"2">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "windows: ftp must not listen"
  value_type  : POLICY_PORTS
  value_data  : "21"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "windows: System on 445"
  value_type  : POLICY_TEXT
  value_data  : "System"
  port_no     : "445"
</custom_item>
</check_type>
AUDIT

# --- the plugins, as a scan runs them
plugins() { # plugins S PORT
  "$NASL" -X -B $MODULE -i "$top_srcdir/plugins" -t 127.0.0.1 \
    -k "nasl-audit/ssh/port=$2" -k "Secret/SSH/login=$(id -un)" -k "Secret/SSH/privatekey=$(cat "$1/id_ed25519")" \
    -k "nasl-audit/policy_dir=$work/pol" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" \
    >"$work/out.txt" 2>&1
}
verdicts() { sed -n 's/^"\(.*\)": \[\([A-Z]*\)\]$/\1=\2/p' "$work/out.txt" | tr '\n' ' '; }

plugins "$LINUX_S" "$LINUX_PORT"
expect_eq "plugins, Linux host: the OS" "Target OS: linux (Linux 6.1.0-18-amd64)" "$(grep '^Target OS: ' "$work/out.txt")"
expect_eq "plugins, Linux host: only the Unix block's items" \
  "unix: telnet must not listen=FAILED unix: sshd on 22=PASSED " "$(verdicts)"
expect_eq "plugins, Linux host: two results" 2 "$(grep -c '^Compliant: ' "$work/out.txt")"

plugins "$WIN_S" "$WIN_PORT"
expect_eq "plugins, Windows host: the OS" "Target OS: windows (Microsoft Windows [Version 10.0.17763.5329])" \
  "$(grep '^Target OS: ' "$work/out.txt")"
expect_eq "plugins, Windows host: only the Windows block's items" \
  "windows: ftp must not listen=FAILED windows: System on 445=PASSED " "$(verdicts)"
expect_eq "plugins, Windows host: two results" 2 "$(grep -c '^Compliant: ' "$work/out.txt")"

[ "${NASL_AUDIT_PURE:-}" = 1 ] && finish

# --- nasl-audit
audit() { # audit S PORT
  rc=0
  "$AUDIT" -P "$work/pol" --format json -o "$work/out.json" -i "$1/id_ed25519" -p "$2" \
    "$(id -un)@127.0.0.1" 2>"$work/err.txt" || rc=$?
}
audit "$LINUX_S" "$LINUX_PORT"
expect_eq "nasl-audit, Linux host: exit status 1 (a FAILED)" 1 "$rc"
json_check "$work/out.json" "
t = doc['targets'][0]
check('Linux host: os', t['os'] == 'linux', t['os'])
got = [(x['check_name'], x['result'], x['actual_value'], x['line']) for x in results()]
check('Linux host: the Unix block only, each item once', got == [
    ('unix: telnet must not listen', 'FAILED', 'denied ports open: 23/tcp', 2),
    ('unix: sshd on 22', 'PASSED', 'sshd (PID 801)', 7)], got)
p = t['policies']
check('Linux host: the file ran with its Unix block (the Windows one does not apply)',
      [(x['file'], x['status'], x['check_type'], x['items']) for x in p] == [('both.audit', 'ran', 'Unix', 2)], p)
check('Linux host: the Windows block is named as not run',
      [x['reason'] for x in p] == ['not run, for another OS than the target (linux): the check_type Windows block(s)'], p)
check('Linux host: counts', t['counts'] == {'passed': 1, 'failed': 1, 'warning': 0, 'error': 0}, t['counts'])
"
audit "$WIN_S" "$WIN_PORT"
expect_eq "nasl-audit, Windows host: exit status 1 (a FAILED)" 1 "$rc"
json_check "$work/out.json" "
t = doc['targets'][0]
check('Windows host: os', t['os'] == 'windows', t['os'])
got = [(x['check_name'], x['result'], x['actual_value'], x['line']) for x in results()]
check('Windows host: the Windows block only, each item once', got == [
    ('windows: ftp must not listen', 'FAILED', 'denied ports open: 21/tcp', 15),
    ('windows: System on 445', 'PASSED', 'System (PID 4)', 21)], got)
p = t['policies']
check('Windows host: the file ran with its Windows block (the Unix one does not apply)',
      [(x['file'], x['status'], x['check_type'], x['items']) for x in p] == [('both.audit', 'ran', 'Windows', 2)], p)
check('Windows host: the Unix block is named as not run',
      [x['reason'] for x in p] == ['not run, for another OS than the target (windows): the check_type Unix block(s)'], p)
check('Windows host: counts', t['counts'] == {'passed': 1, 'failed': 1, 'warning': 0, 'error': 0}, t['counts'])
"

# The text report names the block that was not run.
"$AUDIT" -P "$work/pol" -i "$LINUX_S/id_ed25519" -p "$LINUX_PORT" "$(id -un)@127.0.0.1" >"$work/text.txt" 2>&1
expect_eq "text report, Linux host: the Windows block named as not run" \
  "Policy: both.audit: not run, for another OS than the target (linux): the check_type Windows block(s)" \
  "$(tr '\n' ' ' <"$work/text.txt" | tr -s ' ' | grep -o 'Policy: both.audit: [^)]*): the check_type [A-Za-z]* block(s)')"

finish

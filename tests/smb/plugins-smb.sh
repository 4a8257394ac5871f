#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/smb/plugins-smb.sh: the gather and checks plugins audit an emulated Windows host over SMB only (a scan with an SMB credential and no SSH one), through the nasl CLI: transport chosen from the KB, one collection command, every verdict, and nothing left on the host.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir/_build}
NASL=${NASL:-$top_builddir/nasl/nasl}
PYTHON3=${PYTHON3:-/usr/bin/python3}
export LC_ALL=C

checks=0
failures=0
ok() { checks=$((checks + 1)); echo "ok - $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $*"; }
skip() { echo "SKIP: $*"; exit 77; }
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected '$2', got '$3'"; fi; }

[ -x "$NASL" ] || { echo "nasl not built at $NASL" >&2; exit 99; }
"$PYTHON3" -c "import impacket.smbserver" 2>/dev/null || skip "$PYTHON3 cannot import impacket (install python3-impacket)"

work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-smb-plugins.XXXXXX")
emu_pid=
cleanup() {
  [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null
  if [ "$failures" = 0 ]; then rm -rf "$work"; else echo "kept: $work" >&2; fi
}
trap cleanup EXIT

emu=$work/emu
mkdir -p "$emu"
PW="Plg-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')!"
printf '%s' "$PW" >"$emu/password"
"$PYTHON3" "$top_srcdir/tests/smb/winemu.py" --dir "$emu" --user winadmin \
  --password-file "$emu/password" >"$emu/out.txt" 2>&1 &
emu_pid=$!
for _ in $(seq 200); do [ -f "$emu/port" ] && break; sleep 0.05; done
[ -f "$emu/port" ] || { cat "$emu/out.txt"; fail "the emulator did not start"; exit 1; }
EPORT=$(cat "$emu/port")
state() { sed -n "s/^$1 \([0-9]*\).*/\1/p" "$emu/state.txt"; }

mkdir -p "$work/pol"
cat >"$work/pol/win.audit" <<'AUDIT'
<check_type:"Windows" version:"2">
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed tcp"
  value_type  : POLICY_PORTS
  value_data  : "22,135,139,445,3389,5985,49[0-9]+"
  port_type   : TCP
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "ftp owner"
  value_type  : POLICY_TEXT
  value_data  : "FileZilla Server.exe"
  port_no     : "21"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "rdp owner"
  value_type  : POLICY_TEXT
  value_data  : "svchost.exe"
  port_no     : "3389"
</custom_item>
</check_type>
AUDIT
cat >"$work/show.nasl" <<'NASL'
if (description) exit(0);
display("transport: ", get_kb_item("nasl-audit/transport_used"), "\n");
display("os: ", get_kb_item("nasl-audit/os"), "\n");
foreach l (get_kb_list("nasl-audit/gather/log")) display("gather: ", l, "\n");
NASL
run() { # run KB...: the two plugins with an SMB credential only
  "$NASL" -X -B -m "$top_builddir/nasl-ext/audit.la" -i "$top_srcdir/plugins" -t 127.0.0.1 \
    -k "SMB/transport=$EPORT" -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" \
    "$work/show.nasl" >"$work/out.txt" 2>&1
}
verdict() { sed -n "s/^\"$1\": \[\([A-Z]*\)\]\$/\1/p" "$work/out.txt"; }
remote() {
  awk -v d="\"$1\": [" 'index($0, d) == 1 { on = 1; next } on && /^Remote value: / { sub(/^Remote value: /, ""); print; exit }' "$work/out.txt"
}

# 1. As the SMB Authorization plugin leaves the credential (no SMB login
# plugin ran): SMB/login_filled/0 etc.
run -k SMB/login_filled/0=winadmin -k "SMB/password_filled/0=$PW"
expect_eq "transport chosen from the KB" "transport: smb" "$(grep '^transport:' "$work/out.txt")"
expect_eq "os" "os: windows" "$(grep '^os:' "$work/out.txt")"
expect_eq "allowed tcp FAILED on 21" "open ports not in the allowed list: 21/tcp" "$(remote 'allowed tcp')"
expect_eq "ftp owner PASSED" PASSED "$(verdict 'ftp owner')"
expect_eq "ftp owner: image, PID, services" "FileZilla Server.exe (PID 2320, services: FileZilla Server)" "$(remote 'ftp owner')"
expect_eq "rdp owner PASSED" PASSED "$(verdict 'rdp owner')"
expect_eq "one command over SMB for the collection" 1 "$(state started)"
expect_eq "no service left" 0 "$(state leftover_services)"
expect_eq "no file left" 0 "$(state leftover_files)"
grep -qF -- "$PW" "$work/out.txt" && fail "the password appears in the output" || ok "no password in the output"

# 2. A wrong password: not audited, with the reason, nothing PASSED.
run -k SMB/login=winadmin -k "SMB/password=wrong$PW"
grep -q "^Target not audited: .*STATUS_LOGON_FAILURE" "$work/out.txt" \
  && ok "wrong password: not audited, reason" || fail "wrong password: $(head -n 6 "$work/out.txt")"
expect_eq "wrong password: no verdict" "" "$(grep -E '^Compliant: (YES|NO)$' "$work/out.txt")"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]

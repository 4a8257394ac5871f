#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/smb/win-cmd-exec.sh: win_cmd_exec as OpenVAS plugins call it, run by the nasl CLI
# against the emulated Windows (commands) and a Samba that requires signing and offers
# SMB 2.1 to 3.1.1 (logon, signing, service manager); every result and diagnostic checked.
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
expect_in() { if grep -qF -- "$2" "$3"; then ok "$1"; else fail "$1: '$2' not in $(cat "$3")"; fi; }
expect_not_in() { if grep -qF -- "$2" "$3"; then fail "$1: '$2' found in $3"; else ok "$1"; fi; }

[ -x "$NASL" ] || { echo "nasl not built at $NASL" >&2; exit 99; }
"$PYTHON3" -c "import impacket.smbserver" 2>/dev/null || skip "$PYTHON3 cannot import impacket (install python3-impacket)"

work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-smb-wce.XXXXXX")
emu_pid=
samba_dir=
cleanup() {
  [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null
  [ -n "$samba_dir" ] && bash "$top_srcdir/tests/smb/samba-fixture.sh" stop "$samba_dir"
  if [ "$failures" = 0 ]; then rm -rf "$work"; else echo "kept: $work" >&2; fi
}
trap cleanup EXIT

# --- the emulated Windows host -------------------------------------------------
emu=$work/emu
mkdir -p "$emu"
PW="Wce-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')!"
printf '%s' "$PW" >"$emu/password"
"$PYTHON3" "$top_srcdir/tests/smb/winemu.py" --dir "$emu" --user winadmin \
  --password-file "$emu/password" >"$emu/out.txt" 2>&1 &
emu_pid=$!
for _ in $(seq 200); do [ -f "$emu/port" ] && break; sleep 0.05; done
[ -f "$emu/port" ] || { cat "$emu/out.txt"; fail "the emulator did not start"; exit 1; }
EPORT=$(cat "$emu/port")
state() { sed -n "s/^$1 \([0-9]*\).*/\1/p" "$emu/state.txt"; }

run_nasl() { # run_nasl NAME SCRIPT [nasl options...]: stdout in $work/NAME.out, stderr in .err
  local name=$1 script=$2
  shift 2
  printf '%s\n' "$script" >"$work/$name.nasl"
  "$NASL" -t 127.0.0.1 "$@" "$work/$name.nasl" >"$work/$name.out" 2>"$work/$name.err"
}

# As the feed calls it: DOMAIN/user, the password, the command.
run_nasl feed '
r = win_cmd_exec(cmd:"netstat -ano", username:"WINHOST/winadmin", password:get_kb_item("t/pw"));
display(r);
r2 = win_cmd_exec(cmd:"tasklist /svc", username:"WINHOST/winadmin", password:get_kb_item("t/pw"));
display(r2);' --kb "SMB/transport=$EPORT" --kb "t/pw=$PW"
expect_eq "feed-style call: exit status" 0 "$?"
{ sed 1d "$top_srcdir/tests/smb/fixtures/en-netstat-ano.txt"; sed 1d "$top_srcdir/tests/smb/fixtures/en-tasklist-svc.txt"; } >"$work/want-feed.out"
if cmp -s "$work/want-feed.out" "$work/feed.out"; then ok "netstat -ano and tasklist /svc come back byte for byte"; else fail "output differs (see $work/feed.out)"; fi
expect_eq "no diagnostics" "" "$(cat "$work/feed.err")"
expect_eq "one connection for both commands" 1 "$(state negotiations)"
expect_eq "two services created" 2 "$(state created)"
expect_eq "both deleted" 2 "$(state deleted)"
expect_eq "no service left" 0 "$(state leftover_services)"
expect_eq "no file left" 0 "$(state leftover_files)"

# The audit module's parsers read what came over SMB (French netstat included).
if [ -f "$top_builddir/nasl-ext/audit.la" ]; then
  run_nasl parse '
out = win_cmd_exec(cmd:"netstat -ano", username:"winadmin", password:get_kb_item("t/pw"));
rows = netstat_parse(data:out);
n = 0; pids = 0;
foreach r (rows) { n++; if (r["pid"]) pids++; }
info = netstat_parse_info(data:out);
t = tasklist_parse(data:win_cmd_exec(cmd:"tasklist /svc", username:"winadmin", password:get_kb_item("t/pw")));
p = t["2320"];
display(n, " rows, ", pids, " with a pid, ", info["unparsed"], " unparsed, ", max_index(keys(t)), " processes, pid 2320 is ", p["image"], "\n");' \
    --kb "SMB/transport=$EPORT" --kb "t/pw=$PW" -m "$top_builddir/nasl-ext/audit.la"
  expect_eq "netstat and tasklist parsed from SMB output" "1" "$(grep -c '^22 rows, 22 with a pid, 0 unparsed, [1-9][0-9]* processes, pid 2320 is FileZilla Server.exe' "$work/parse.out")"
  cat "$work/parse.out"
fi

# What a plugin can read back: the session's facts, the reason of a failure.
run_nasl facts '
r = win_cmd_exec(cmd:"cmd /c ver", username:"winadmin", password:get_kb_item("t/pw"));
display(get_kb_item("nasl-audit/smb/dialect"), " ", get_kb_item("nasl-audit/smb/signing"), " ", get_kb_item("nasl-audit/smb/encryption"), " [", get_kb_item("nasl-audit/smb/error"), "]\n");
r = win_cmd_exec(cmd:"cmd /c ver", username:"winadmin", password:"nope-nope");
display(typeof(r), " ", get_kb_item("nasl-audit/smb/error"), "\n");' --kb "SMB/transport=$EPORT" --kb "t/pw=$PW"
expect_eq "facts in the KB" "2.0.2 1 none []
undef logon failure: 127.0.0.1 refused winadmin: wrong user name or password (STATUS_LOGON_FAILURE)" "$(cat "$work/facts.out")"

# Credentials from the KB, as the feed's SMB login plugin stores them.
run_nasl kb '
r = win_cmd_exec(cmd:"cmd /c ver");
display(r);' --kb "SMB/transport=$EPORT" --kb SMB/login=winadmin --kb "SMB/password=$PW" \
  --kb SMB/domain=WINHOST
expect_eq "KB credentials: output" "$(sed 1d "$top_srcdir/tests/smb/fixtures/en-ver.txt")" "$(cat "$work/kb.out")"
expect_eq "KB credentials: no diagnostics" "" "$(cat "$work/kb.err")"

# Failures: NULL, and a diagnostic with the reason but never the password.
run_nasl bad '
r = win_cmd_exec(cmd:"netstat -ano", username:"winadmin", password:"Wrong-Pw-123");
display(typeof(r), "\n");' --kb "SMB/transport=$EPORT"
expect_eq "wrong password: NULL" undef "$(cat "$work/bad.out")"
expect_in "wrong password: the reason" "wrong user name or password (STATUS_LOGON_FAILURE)" "$work/bad.err"
expect_not_in "wrong password: not printed" "Wrong-Pw-123" "$work/bad.err"

run_nasl noargs '
r = win_cmd_exec(cmd:"netstat -ano");
display(typeof(r), "\n");
r = win_cmd_exec(username:"a", password:"b");
r = win_cmd_exec(cmd:"x", username:"a", password:"b", kdc:"dc.example");' --kb "SMB/transport=$EPORT"
expect_eq "no credentials: NULL" undef "$(cat "$work/noargs.out")"
expect_in "no credentials: said so" "win_cmd_exec: Invalid input arguments: no user name or password" "$work/noargs.err"
expect_in "no cmd: said so" "win_cmd_exec: Invalid input arguments: no cmd:" "$work/noargs.err"
expect_in "Kerberos refused" "Kerberos (kdc:) is not supported" "$work/noargs.err"

echo "never-finishes" >"$emu/fault"
run_nasl slow '
r = win_cmd_exec(cmd:"netstat -ano", username:"winadmin", password:get_kb_item("t/pw"), timeout:2);
display(typeof(r), "\n");' --kb "SMB/transport=$EPORT" --kb "t/pw=$PW"
echo none >"$emu/fault"
expect_eq "command timeout: NULL" undef "$(cat "$work/slow.out")"
expect_in "command timeout: said so" "command timeout: the command did not finish on 127.0.0.1 within 2000 ms" "$work/slow.err"
expect_eq "command timeout: service removed" 0 "$(state leftover_services)"
for f in "$work"/*.err "$work"/*.out; do
  expect_not_in "no password in $(basename "$f")" "$PW" "$f"
done

# --- Samba: signing required, SMB 2.1 to 3.1.1 ------------------------------------
if [ "$(id -u)" != 0 ]; then
  echo "SKIP (part): smbd needs root"
else
  samba_dir=$(mktemp -d "${TMPDIR:-/tmp}/nasl-smb-samba.XXXXXX")
  if SMB_SIGNING=mandatory SMB_MIN_PROTOCOL=SMB2_10 bash "$top_srcdir/tests/smb/samba-fixture.sh" \
      start "$samba_dir" 2>"$work/samba.err"; then
    SPORT=$(cat "$samba_dir/port")
    SPW=$(cat "$samba_dir/password")
    SUSER=$(cat "$samba_dir/user")
    run_nasl samba '
r = win_cmd_exec(cmd:"cmd /c ver", username:"TESTDOM\\" + get_kb_item("t/user"), password:get_kb_item("t/pw"));
display(typeof(r), "\n");' --kb "SMB/transport=$SPORT" --kb "t/pw=$SPW" --kb "t/user=$SUSER"
    expect_eq "Samba: NULL (it creates no services)" undef "$(cat "$work/samba.out")"
    expect_in "Samba: logon, signing and the service manager worked, creation refused" \
      "service creation refused" "$work/samba.err"
    expect_not_in "Samba: no password" "$SPW" "$work/samba.err"
    expect_eq "Samba: no file left in ADMIN\$\\Temp" "" "$(ls "$samba_dir/admin/Temp")"
    run_nasl samba-bad '
r = win_cmd_exec(cmd:"cmd /c ver", username:get_kb_item("t/user"), password:"Bad-Bad-42");
display(typeof(r), "\n");' --kb "SMB/transport=$SPORT" --kb "t/user=$SUSER"
    expect_in "Samba: a wrong password is a logon failure" "STATUS_LOGON_FAILURE" "$work/samba-bad.err"
  elif grep -q "needs root\|not found" "$work/samba.err"; then
    echo "SKIP (part): $(cat "$work/samba.err")"
  else
    fail "Samba did not start: $(cat "$work/samba.err")"
  fi
fi

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]

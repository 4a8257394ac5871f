#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# cli.sh: tests of the `nasl` command line: exit codes, options, output formats.
# Needs NASL, top_srcdir and top_builddir (exported by `make check`).

: "${NASL:?NASL must name the nasl binary}"
: "${top_srcdir:?}" "${top_builddir:?}"
LC_ALL=C
export LC_ALL
unset NASL_MODULE_PATH

fixtures="$top_srcdir/tests/cli"
good_module="$top_builddir/tests/modules/good.la"
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-cli.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

failures=0
count=0

# check NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR -- ARGS...
# Runs nasl from the fixture directory and compares all three exactly.
check ()
{
  name=$1 want_status=$2 want_out=$3 want_err=$4
  shift 5
  count=$((count + 1))
  (cd "$fixtures" && "$NASL" "$@") >"$work/out" 2>"$work/err"
  status=$?
  # glib quotes file names with U+201C/U+201D even in the C locale: use ASCII.
  sed 's/\xe2\x80\x9c/"/g; s/\xe2\x80\x9d/"/g' "$work/err" >"$work/err.ascii" &&
    mv "$work/err.ascii" "$work/err"
  printf '%s' "$want_out" >"$work/want_out"
  printf '%s' "$want_err" >"$work/want_err"
  ok=1
  if [ "$status" -ne "$want_status" ]; then
    echo "FAIL $name: exit status $status, expected $want_status"
    ok=0
  fi
  if ! cmp -s "$work/out" "$work/want_out"; then
    echo "FAIL $name: stdout differs:"
    diff "$work/want_out" "$work/out" | sed 's/^/    /'
    ok=0
  fi
  if ! cmp -s "$work/err" "$work/want_err"; then
    echo "FAIL $name: stderr differs:"
    diff "$work/want_err" "$work/err" | sed 's/^/    /'
    ok=0
  fi
  if [ $ok -eq 1 ]; then
    echo "ok $name"
  else
    failures=$((failures + 1))
  fi
}

nl='
'
usage_hint="Try 'nasl --help' for more information.$nl"

# --- version and usage errors (status 2) --------------------------------------
version_line=$("$NASL" -V | sed -n 1p)
count=$((count + 1))
case $version_line in
  "nasl "[0-9]*) echo "ok version" ;;
  *) echo "FAIL version: '$version_line'"; failures=$((failures + 1)) ;;
esac

check no-script 2 "" "nasl: no script given$nl$usage_hint" --
check unknown-option 2 "" "nasl: unknown option '-Q'$nl$usage_hint" -- -Q hello.nasl
check missing-argument 2 "" "nasl: option '-t' needs an argument$nl$usage_hint" -- hello.nasl -t
check bad-kb 2 "" "nasl: -k needs KEY=VALUE, got 'novalue'$nl$usage_hint" -- -k novalue hello.nasl
check bad-pref 2 "" "nasl: --pref needs NAME=VALUE, got '=x'$nl$usage_hint" -- --pref =x hello.nasl
check exclusive-modes 2 "" "nasl: -D, -B, -p and -L exclude each other$nl$usage_hint" -- -D -B hello.nasl

# --- a write error on stdout is an error (status 3) ------------------------------
# check_full NAME ARGS...: stdout is /dev/full.
check_full ()
{
  name=$1
  shift
  count=$((count + 1))
  (cd "$fixtures" && "$NASL" "$@") >/dev/full 2>"$work/err"
  status=$?
  want="nasl: error writing standard output: No space left on device"
  if [ "$status" -ne 3 ] || [ "$(cat "$work/err")" != "$want" ]; then
    echo "FAIL $name: status $status (expected 3), stderr:"
    sed 's/^/    /' "$work/err"
    failures=$((failures + 1))
  else
    echo "ok $name"
  fi
}
if [ -w /dev/full ]; then
  check_full stdout-full-script hello.nasl
  check_full stdout-full-two-scripts hello.nasl hello.nasl
  check_full stdout-full-version -V
else
  echo "skip stdout-full: no /dev/full"
fi

# --- plain runs: display output and report blocks ------------------------------
check hello 0 "hello
[LOG] general/tcp:
first report
[ALARM] port 22/tcp:
ssh is open
" "" -- -X hello.nasl

check openvas-reports 0 "hello
first report
ssh is open
" "" -- --openvas-reports hello.nasl

check ignored-options 0 "hello
first report
ssh is open
" "nasl: note: -c/--config-file is ignored (no openvas.conf)
nasl: note: -e/--source-iface is ignored
" -- -c /dev/null -e eth0 --openvas-reports hello.nasl

# --- the environment builtin families (kb, host, file, crypto, misc, report) ------
check builtins 0 "md5=900150983cd24fb0d6963f7d28e17f72
sha1=a9993e364706816aba3e25717850c26c9cd0d89d
sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
sha512len=64
hmac_sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8
hmac_md5=80070713463e7749b90c2dc24911e275
rand=89400484 976015093
localtime=1971-1-1 yday=1 wday=5
pread=aXb
find_in_path=10
fwrite=3 stat=3 fread=3
after unlink=undef
host=127.0.0.1 127.0.0.1 local=1
unscanned port=11
scanned port=10 open=22
a/x=1 (data) a/y=2 (int) 
empty list=undef
replaced=r
removed=undef
[LOG] port 80/udp uri /a:
x y
[ERROR] port 8080/tcp:
Success
[ALARM] general/tcp:
Success
safe_checks=0 port_range=1-1024
" "" -- -r 1-1024 builtins.nasl

check scanner-add-port 0 "Ports/tcp/443=1 Ports/udp/53=1 /etc/x
" "" -- --pref F=/etc/x scanner.nasl

check port-state-range 0 "11 10101 10
" "" -- -r "1-1024,U:100-200" port_state.nasl
check port-state-closed 0 "00 10000 00
" "" -- --scanner-pref unscanned_closed=yes --scanner-pref unscanned_closed_udp=yes port_state.nasl
check port-state-no-range 0 "11 10001 00
" "" -- port_state.nasl

# -s runs the description pass first (the whole script, as openvas-nasl does
# when it has no description block) and sets safe_checks.
check safe-checks 0 "safe_checks=1
safe_checks=1
" "" -- -s safe.nasl

check safe-refuses 0 "" "unsafe.nasl: not run: category ACT_DENIAL is not safe (-s)
" -- -s unsafe.nasl
check unsafe-without-s 0 "attack!
" "" -- unsafe.nasl

# --- failures: status 1, diagnostics as FILE:LINE: message ----------------------
check syntax-error 1 "" "syntax_error.nasl:3:5: syntax error: unexpected ';', expected expression
" -- syntax_error.nasl

check missing-script 1 "" "missing.nasl:0:0: cannot read script: No such file or directory
" -- missing.nasl

# A failing script does not stop the ones after it.
check failure-then-more 1 "hello
first report
ssh is open
" "syntax_error.nasl:3:5: syntax error: unexpected ';', expected expression
" -- --openvas-reports syntax_error.nasl hello.nasl

check runtime-error 0 "start
end
" "runtime_error.nasl:3: set_kb_item: missing argument 'name'
" -- runtime_error.nasl

check lint 0 "" "" -- -L hello.nasl
check trace-unwritable 1 "" "nasl: cannot open trace file '/nonexistent-dir/trace'
" -- -T /nonexistent-dir/trace hello.nasl
check trace-file 0 "hello
first report
ssh is open
" "" -- -T "$work/trace" --openvas-reports hello.nasl
count=$((count + 1))
if grep -q '^NASL:0002> display' "$work/trace"; then
  echo "ok trace-content"
else
  echo "FAIL trace-content: no 'NASL:0002> display' line in the trace"
  failures=$((failures + 1))
fi

# Secrets: a password: argument and the KB's Secret/ values are masked in the
# trace, the script itself still sees them.
check trace-secrets 0 "lengths 11 11 1
" "" -- -T "$work/trace-secrets" -k "Secret/SSH/password=kb-Pa55word" secret.nasl
count=$((count + 1))
if grep -q 's3cr3t-Pa55\|kb-Pa55word' "$work/trace-secrets"; then
  echo "FAIL trace-secrets-masked: a secret shows in the trace:"
  grep 's3cr3t-Pa55\|kb-Pa55word' "$work/trace-secrets" | sed 's/^/    /'
  failures=$((failures + 1))
elif ! grep -qF 'NASL> Call login(user: alice, password: ***)' "$work/trace-secrets" ||
     ! grep -qF 'NASL> Call ereg(string: echo *** | sudo -S id, pattern: ^echo)' "$work/trace-secrets" ||
     ! grep -qF 'NASL> Call strlen(1: ***)' "$work/trace-secrets"; then
  echo "FAIL trace-secrets-masked: the masked calls are missing from the trace:"
  sed 's/^/    /' "$work/trace-secrets"
  failures=$((failures + 1))
else
  echo "ok trace-secrets-masked"
fi

check parse-only 0 "" "" -- -p hello.nasl descr.nasl
check parse-only-error 1 "" "syntax_error.nasl:3:5: syntax error: unexpected ';', expected expression
" -- -p syntax_error.nasl

# --- the KB: -k preloads, several scripts share one KB --------------------------
check shared-kb 0 "shared=from kb_set
num=42 type=int
preloaded=pre value
" "" -- -k "cli/pre=pre value" kb_set.nasl kb_get.nasl

check kb-not-shared-across-invocations 0 "shared=
num= type=undef
preloaded=
" "" -- kb_get.nasl

# Multi-valued item: one child per value, then the parent with NULL; the
# children's KB writes reach the parent.
check kb-fork 0 "value=a
value=b
value=
parent sees: 2 child items
single=a
" "" -- multi.nasl

# --- targets: every script runs per host, each host has its own KB --------------
check targets 0 "10.0.0.1 
10.0.0.1 yes
10.0.0.2 
10.0.0.2 yes
" "" -- -t 10.0.0.1,10.0.0.2 target.nasl target.nasl

check default-target 0 "127.0.0.1 
" "" -- target.nasl

# --- description mode: -D, -B, --meta, preferences -------------------------------
descr_errors="descr.nasl:14: script_tag: bad tag contains | separator
descr.nasl:18: script_add_preference: preference 'Level' already exists
"
check description-only 0 "description pass
" "$descr_errors" -- -D descr.nasl

check description-meta 0 "description pass
file: descr.nasl
oid: 1.3.6.1.4.1.25623.1.0.999001
name: CLI description test
family: General
category: ACT_GATHER_INFO
dependencies: a.nasl b.nasl
mandatory_keys: Host/runs_unixoide ssh/banner=OpenSSH
required_ports: Services/ssh 22
xref: URL:https://example.org/
tag: summary=Checks the CLI.
preference: 1:entry:Level=3
preference: 2:entry:Mode=fast
" "$descr_errors" -- -D --meta descr.nasl

check both 0 "description pass
normal run oid=1.3.6.1.4.1.25623.1.0.999001
Level=3 type=int
Mode=fast
Unset=undef
[LOG] port 443/tcp:
with oid
" "$descr_errors" -- -B descr.nasl

check both-with-prefs 0 "description pass
normal run oid=1.3.6.1.4.1.25623.1.0.999001
Level=12 type=int
Mode=slow mode
Unset=data
[LOG] port 443/tcp:
with oid
" "$descr_errors" -- -B --pref Level=12 --pref "Mode=slow mode" --pref Unset=x descr.nasl

# Without a description pass the script's metadata is unknown.
check normal-only 0 "normal run oid=
Level= type=undef
Mode=
Unset=undef
[LOG] port 443/tcp:
with oid
" "" -- descr.nasl

# --- the time limit: --timeout, script_timeout(), the preference of id 0 ---------
check bad-timeout 2 "" "nasl: --timeout needs a number of seconds, got '1s'$nl$usage_hint" -- --timeout 1s hello.nasl
check bad-timeout-negative 2 "" "nasl: --timeout needs a number of seconds, got '-1'$nl$usage_hint" -- --timeout -1 hello.nasl
check timeout 1 "looping
" "endless.nasl:3: script timed out after 1 s
" -- --timeout 1 endless.nasl
check timeout-pref-id-0 1 "looping
" "endless.nasl:3: script timed out after 1 s
" -- --pref 0=1 endless.nasl
check timeout-scanner-pref 1 "looping
" "endless.nasl:3: script timed out after 1 s
" -- --scanner-pref plugins_timeout=1 endless.nasl
# script_timeout() in the description block beats --timeout, as in OpenVAS.
check script-timeout 1 "" "script_timeout.nasl:10: script timed out after 1 s
" -- -B --timeout 1000 script_timeout.nasl
check script-timeout-meta 0 "file: script_timeout.nasl
oid: 1.3.6.1.4.1.25623.1.0.999002
name: CLI script_timeout test
family: General
timeout: 1
" "" -- -D --meta script_timeout.nasl
# A multi-valued get_kb_item forks no more children once the time is up: the
# first child times out, then the parent does, and nothing else runs.
printf 'v = get_kb_item("multi");\ndisplay(v, "\\n");\nwhile (1) {}\n' >"$work/kb_timeout.nasl"
check timeout-kb-fork 1 "a
" "$work/kb_timeout.nasl:3: script timed out after 1 s
$work/kb_timeout.nasl:1: script timed out after 1 s
" -- --timeout 1 -k multi=a -k multi=b -k multi=c "$work/kb_timeout.nasl"
# A timed-out script does not stop the scripts after it.
check timeout-then-more 1 "looping
hello
first report
ssh is open
" "endless.nasl:3: script timed out after 1 s
" -- --timeout 1 --openvas-reports endless.nasl hello.nasl

# --- NUL bytes in a script (as openvas-nasl): between tokens a NUL ends the
# script; inside a string it ends the string and the script goes on.
printf 'display("a\\n");\n\000display("b\\n");\n' >"$work/nul_end.nasl"
check nul-ends-script 0 "a
" "" -- "$work/nul_end.nasl"
printf 'x = "abc\000;\ndisplay(x, "\\n");\n' >"$work/nul_string.nasl"
check nul-ends-string 0 "abc
" "" -- "$work/nul_string.nasl"

# --- files read by name: regular files only, bounded ------------------------------
# A FIFO without a writer and oversized (sparse) files: refused at once, nothing
# read.  The runs are wrapped in timeout(1) so a regression fails, not hangs.
mkfifo "$work/fifo"
truncate -s 33554433 "$work/big.inc"
truncate -s 67108865 "$work/big.bin"
printf '#!/bin/sh\nexec timeout 60 "%s" "$@"\n' "$NASL" >"$work/nasl-t"
chmod +x "$work/nasl-t"
cat >"$work/files.nasl" <<EOF
r = fread("$work/fifo"); display(typeof(r), "\\n");
r = fread("$work/big.bin"); display(typeof(r), "\\n");
r = script_get_preference_file_content("F"); display(typeof(r), "\\n");
EOF
NASL_REAL=$NASL NASL=$work/nasl-t
check fifo-and-big-files 0 "undef
undef
undef
" "$work/files.nasl:1: fread: $work/fifo: not a regular file
$work/files.nasl:2: fread: $work/big.bin: larger than 67108864 bytes
$work/files.nasl:3: script_get_preference_file_content: preference 'F': $work/fifo: not a regular file
" -- --pref "F=$work/fifo" "$work/files.nasl"
check script-is-fifo 1 "" "$work/fifo:0:0: cannot read script: not a regular file
" -- "$work/fifo"
printf 'include("big.inc");\n' >"$work/inc_big.nasl"
check include-too-large 1 "" "$work/inc_big.nasl:1:9: cannot read include file '$work/big.inc': larger than 33554432 bytes
" -- "$work/inc_big.nasl"
NASL=$NASL_REAL

# --- include directories -----------------------------------------------------------
mkdir -p "$work/inc"
printf 'function from_inc() { return "included"; }\n' >"$work/inc/cli_test.inc"
printf 'include("cli_test.inc");\ndisplay(from_inc(), "\\n");\n' >"$work/inc_user.nasl"
check include-dir 0 "included
" "" -- -i "$work/inc" "$work/inc_user.nasl"

# --- modules --------------------------------------------------------------------
check module 0 "hello from good 42
" "" -- -m "$good_module" module.nasl

check module-missing 1 "" "nasl: module file './nope.so' not found
" -- -m ./nope.so module.nasl

check module-refused 1 "" "nasl: module 'abi_major' needs NASL module ABI 2.0, interpreter provides 1.1
" -- -m "$top_builddir/tests/modules/abi_major.la" module.nasl

NASL_MODULE_PATH="$top_builddir/tests/modules"
export NASL_MODULE_PATH
check module-by-name 0 "hello from good 42
" "" -- -m good module.nasl
unset NASL_MODULE_PATH

echo "$((count - failures))/$count CLI checks passed"
[ "$failures" -eq 0 ]

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bridge/activation.sh: the bridge adds our builtins only to an OpenVAS it
# knows (version and cell size), passes every other name through, says so in
# exactly one line, and stays silent in processes without OpenVAS's interpreter.
. "${top_srcdir:-.}/tests/bridge/lib.sh"

OURS="audit_parse netstat_parse netstat_parse_info tasklist_parse audit_ports_match audit_ports_validate audit_check audit_policy_files"
calls=$work/calls.tsv
{
  for n in $OURS; do printf 'defined\t%s\n' "$n"; done
  printf 'defined\tstandin_echo\n'
  printf 'defined\tno_such_builtin\n'
  printf 'call\tstandin_echo\tvalue=x:6869\n'
  printf 'call\taudit_ports_match\tspec=x:3830\tport=i:80\n'
  printf 'call\tno_such_builtin\n'
} >"$calls"

expected_active="0001 defined audit_parse 1
0002 defined netstat_parse 1
0003 defined netstat_parse_info 1
0004 defined tasklist_parse 1
0005 defined audit_ports_match 1
0006 defined audit_ports_validate 1
0007 defined audit_check 1
0008 defined audit_policy_files 1
0009 defined standin_echo 1 (stand-in's own)
0010 defined no_such_builtin 0
0011 \$ data 6869
0012 \$ int 1
0013 \$ undefined-function"
expected_inactive="0001 defined audit_parse 0
0002 defined netstat_parse 0
0003 defined netstat_parse_info 0
0004 defined tasklist_parse 0
0005 defined audit_ports_match 0
0006 defined audit_ports_validate 0
0007 defined audit_check 0
0008 defined audit_policy_files 0
0009 defined standin_echo 1 (stand-in's own)
0010 defined no_such_builtin 0
0011 \$ data 6869
0012 \$ undefined-function
0013 \$ undefined-function"

added="added audit_parse netstat_parse netstat_parse_info netstat_row tasklist_parse audit_ports_match audit_ports_validate audit_check audit_policy_files"

# check WHAT DRIVER VERSION EXPECTED-OUTPUT EXPECTED-STATUS-LINE
# (VERSION "" keeps the stand-in's own; "-" runs without OPENVAS_BRIDGE_LOG)
check() {
  what=$1 driver=$2 version=$3 want_out=$4 want_line=$5
  if [ -n "$version" ]; then
    STANDIN_VERSION=$version bridged "$driver" "$calls" >"$work/out" 2>"$work/err"
  else
    bridged "$driver" "$calls" >"$work/out" 2>"$work/err"
  fi
  rc=$?
  expect_eq "$what: exit status" 0 "$rc"
  expect_eq "$what: results" "$want_out" "$(cat "$work/out")"
  expect_eq "$what: one status line" "$want_line" "$(status_of "$work/err")"
}

check "22.4 layout, stock version" "$DRIVER22" "" "$expected_active" \
  "openvas-bridge[PID]: active: OpenVAS 22.4.1 (libstandin22.so, int-size layout): $added"
check "23.x layout, stock version" "$DRIVER23" "" "$expected_active" \
  "openvas-bridge[PID]: active: OpenVAS 23.50.20 (libstandin23.so, long-size layout): $added"
check "first int-size release" "$DRIVER22" 22.4.0 "$expected_active" \
  "openvas-bridge[PID]: active: OpenVAS 22.4.0 (libstandin22.so, int-size layout): $added"
check "last int-size release" "$DRIVER22" 23.38.3 "$expected_active" \
  "openvas-bridge[PID]: active: OpenVAS 23.38.3 (libstandin22.so, int-size layout): $added"
check "first long-size release" "$DRIVER23" 23.38.4 "$expected_active" \
  "openvas-bridge[PID]: active: OpenVAS 23.38.4 (libstandin23.so, long-size layout): $added"

inactive="openvas-bridge[PID]: inactive, no builtins added:"
known="(known: 22.4.0-22.7.9, 23.0.0-23.50.20)"
check "unknown version" "$DRIVER23" 99.0.0 "$expected_inactive" \
  "$inactive unknown OpenVAS version '99.0.0' $known"
check "next patch release" "$DRIVER23" 23.50.21 "$expected_inactive" \
  "$inactive unknown OpenVAS version '23.50.21' $known"
check "before 22.4" "$DRIVER22" 21.4.4 "$expected_inactive" \
  "$inactive unknown OpenVAS version '21.4.4' $known"
check "version with a suffix" "$DRIVER23" "23.50.20~git" "$expected_inactive" \
  "$inactive unknown OpenVAS version '23.50.20~git' $known"
check "empty version" "$DRIVER23" " " "$expected_inactive" \
  "$inactive unknown OpenVAS version ' ' $known"

# A version string that says one layout over cells of the other (a
# backported change): the allocation size gives it away.
check "long cells behind an int-size version" "$DRIVER23" 23.38.3 "$expected_inactive" \
  "$inactive OpenVAS 23.38.3 should have 72-byte cells (int-size layout) but allocates $(
    # usable size reported for an 80-byte cell: 80 under a sanitizer, 88 with glibc
    if [ -n "$BRIDGE_ASAN" ]; then echo 80; else echo 88; fi) usable bytes"
check "int cells behind a long-size version" "$DRIVER22" 23.50.20 "$expected_inactive" \
  "$inactive OpenVAS 23.50.20 should have 80-byte cells (long-size layout) but allocates 72 usable bytes"

check "a needed symbol missing" "$DRIVER_NOSYM" "" "$expected_inactive" \
  "$inactive symbol 'nasl_perror' not found"
export OPENVAS_BRIDGE_DISABLE=1
check "switched off" "$DRIVER23" "" "$expected_inactive" \
  "$inactive disabled by OPENVAS_BRIDGE_DISABLE"
OPENVAS_BRIDGE_DISABLE=0
check "OPENVAS_BRIDGE_DISABLE=0" "$DRIVER23" "" "$expected_active" \
  "openvas-bridge[PID]: active: OpenVAS 23.50.20 (libstandin23.so, long-size layout): $added"
unset OPENVAS_BRIDGE_DISABLE

# Default log destination is syslog: nothing may reach stderr (ospd-openvas
# reads the first line of "openvas -V", stderr included, as the version).
LD_PRELOAD=$(preload_for "$DRIVER23") "$DRIVER23" "$calls" >"$work/out" 2>"$work/err"
expect_eq "syslog by default: stderr stays empty" "" "$(cat "$work/err")"
expect_eq "syslog by default: still active" "$expected_active" "$(cat "$work/out")"

# A process without OpenVAS's interpreter (here our own nasl) hears nothing.
if [ -x "$top_builddir/nasl/nasl" ]; then
  echo 'display("x\n");' >"$work/x.nasl"
  # (no leak report from the tools inside libtool's wrapper script, which
  # the ASan runtime preloaded with the bridge would otherwise check)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    bridged "$top_builddir/nasl/nasl" "$work/x.nasl" >"$work/out" 2>"$work/err"
  expect_eq "silent without OpenVAS: output" "x" "$(cat "$work/out")"
  expect_eq "silent without OpenVAS: stderr" "" "$(cat "$work/err")"
fi

# Only func_is_internal is exported.
exported=$(nm -D --defined-only "$BRIDGE" | awk '$2 ~ /^[A-Z]$/ && $2 != "A" { print $3 }' | sort | tr '\n' ' ')
expect_eq "exported symbols" "func_is_internal " "$exported"
# No OpenVAS function is linked: they are all looked up at load.
undef=$(nm -D --undefined-only "$BRIDGE" | awk '{ print $2 }' |
  grep -E '^(alloc_typed_cell|add_var_to|get_.*_by_name|nasl_|plug_get|free_array|deref_cell)' | tr '\n' ' ')
expect_eq "no OpenVAS symbol linked" "" "$undef"
finish

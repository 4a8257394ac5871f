#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/policy-rules.sh: how the checks plugin reads policies: conditions that cannot be evaluated, auto-else, policy errors (port_type, port_no, keywords, port lists, duplicates, depth, check_type blocks); the plugins run by the nasl CLI on a fixed listing served by a real sshd.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
start_sshd
FIX=$top_srcdir/tests/e2e/fixtures
NASL=${NASL:-$top_builddir/nasl/nasl}
# With NASL_AUDIT_PURE=1 the plugins run without the audit module (their pure-NASL path).
MODULE="-m $top_builddir/nasl-ext/audit.la"
[ "${NASL_AUDIT_PURE:-}" = 1 ] && MODULE=
KEY=$(cat "$S/id_ed25519")
sshd_fake "$S" ss "$FIX/linux-ss.txt"   # 22 sshd, 23 inetd, 68/udp dhclient, 631 loopback
mkdir -p "$work/pol"

# policy NAME: writes $work/pol/NAME.audit from stdin (one file at a time).
policy() { rm -f "$work/pol/"*.audit; cat >"$work/pol/$1.audit"; }
run() {
  "$NASL" -X -B $MODULE -i "$top_srcdir/plugins" -t 127.0.0.1 \
    -k "nasl-audit/ssh/port=$PORT" -k "Secret/SSH/login=$(id -un)" -k "Secret/SSH/privatekey=$KEY" \
    -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" \
    >"$work/out.txt" 2>&1
}
verdict() { sed -n "s/^\"$1\": \[\([A-Z]*\)\]\$/\1/p" "$work/out.txt"; }
remote() { # remote DESC: the "Remote value:" line of the result named DESC
  awk -v d="\"$1\": [" 'index($0, d) == 1 { on = 1; next } on && /^Remote value: / { sub(/^Remote value: /, ""); print; exit }' "$work/out.txt"
}
results() { grep -c '^Compliant: ' "$work/out.txt"; }

# --- 7 §1.1: an <if> whose condition cannot be evaluated is one ERROR; no branch runs.
policy cond-error <<'AUDIT'
<check_type:"Unix">
<if>
  <condition type:"AND">
    <custom_item>
      type        : AUDIT_PROCESS_ON_PORT
      description : "something on 8443"
      name        : "nginx"
      ports       : "8443"
    </custom_item>
  </condition>
  <then>
    <report type:"PASSED">
      description : "then branch"
    </report>
  </then>
  <else>
    <custom_item>
      type        : AUDIT_DENIED_OPEN_PORTS
      description : "else branch"
      ports       : "23"
    </custom_item>
  </else>
</if>
</check_type>
AUDIT
run
expect_eq "condition ERROR: exactly one result" 1 "$(results)"
expect_eq "condition ERROR: the <if> is ERROR" ERROR "$(verdict '<if> at line 2: condition could not be evaluated')"
expect_eq "condition ERROR: names the condition item, its line and reason" \
  "neither branch was run: the condition item 'something on 8443' (line 4): PID_ON_PORT_FAILURE: nothing listens on port 8443/tcp" \
  "$(remote '<if> at line 2: condition could not be evaluated')"
expect_eq "condition ERROR: else branch not run" "" "$(verdict 'else branch')"

# --- 7 §1.2: auto-else only for a condition that evaluated to not met.
policy auto-error <<'AUDIT'
<check_type:"Unix">
<if>
  <condition type:"AND" auto:"PASSED">
    <custom_item>
      type        : AUDIT_PROCESS_ON_PORT
      description : "telnetd owns 2323"
      name        : "in.telnetd"
      ports       : "2323"
    </custom_item>
  </condition>
  <then>
    <custom_item>
      type        : AUDIT_DENIED_OPEN_PORTS
      description : "telnet must not listen"
      ports       : "23"
    </custom_item>
  </then>
</if>
</check_type>
AUDIT
run
expect_eq "auto-else on an ERROR condition: no then item reported" "" "$(verdict 'telnet must not listen')"
expect_eq "auto-else on an ERROR condition: one ERROR" 1 "$(results)"

policy auto-failed <<'AUDIT'
<check_type:"Unix">
<if>
  <condition type:"AND" auto:"WARNING">
    <custom_item>
      type        : AUDIT_PROCESS_ON_PORT
      description : "inetd owns 23"
      name        : "xinetd"
      ports       : "23"
    </custom_item>
  </condition>
  <then>
    <custom_item>
      type        : AUDIT_DENIED_OPEN_PORTS
      description : "telnet must not listen"
      ports       : "23"
    </custom_item>
  </then>
</if>
</check_type>
AUDIT
run
expect_eq "auto-else on a failed condition: then item reported with the auto result" WARNING "$(verdict 'telnet must not listen')"
expect_eq "auto-else: the actual value is the condition's, not the then item's data" \
  "the <if> condition was not met: 'inetd owns 23' (line 4) was FAILED: inetd (PID 930)" \
  "$(remote 'telnet must not listen')"
grep -qx "Note: result set by the condition's auto:WARNING (Tenable's auto-else)" "$work/out.txt" \
  && ok "auto-else: noted" || fail "auto-else: note missing"

# --- 7 §1.9, §1.11 and misspellings: policy errors, never PASSED.
policy values <<'AUDIT'
<check_type:"Unix">
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "port 65536"
  name        : "x"
  ports       : "65536"
  port_option : CAN_BE_CLOSED
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "port 99999999999"
  value_data  : "x"
  port_no     : "99999999999"
  port_option : CAN_BE_CLOSED
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "port 2^64+23"
  value_data  : "x"
  port_no     : "18446744073709551639"
  port_option : CAN_BE_CLOSED
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "udp with a trailing blank"
  ports       : "68"
  port_type   : "UDP "
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "port_type BOTH"
  ports       : "23"
  port_type   : BOTH
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "port_type TCP,UDP"
  ports       : "23"
  port_type   : "TCP,UDP"
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "misspelled keyword"
  ports       : "23"
  port_tpye   : UDP
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "misspelled value_type"
  value_type  : POLICY_PORT
  value_data  : "1-65535"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "misspelled port_option"
  name        : "sshd"
  ports       : "2222"
  port_option : CAN_BE_CLOSE
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "unknown check_type"
  name        : "sshd"
  ports       : "22"
  check_type  : CHECK_EQUALS
</custom_item>
</check_type>
AUDIT
run
for d in 'port 65536' 'port 99999999999' 'port 2^64+23'; do
  expect_eq "$d: ERROR" ERROR "$(verdict "$d")"
done
expect_eq "port_no out of range: named" \
  "policy error in values.audit line 2: port_no '65536' is not a port number 0-65535" "$(remote 'port 65536')"
expect_eq "port_type 'UDP ' is UDP" FAILED "$(verdict 'udp with a trailing blank')"
expect_eq "port_type 'UDP ': the udp port" "denied ports open: 68/udp" "$(remote 'udp with a trailing blank')"
expect_eq "port_type BOTH: ERROR" ERROR "$(verdict 'port_type BOTH')"
expect_eq "port_type BOTH: named" "policy error in values.audit line 29: port_type 'BOTH' is not TCP or UDP" \
  "$(remote 'port_type BOTH')"
expect_eq "port_type TCP,UDP: ERROR" ERROR "$(verdict 'port_type TCP,UDP')"
expect_eq "misspelled keyword: named" \
  "policy error in values.audit line 41: unknown keyword 'port_tpye' for AUDIT_DENIED_OPEN_PORTS" \
  "$(remote 'misspelled keyword')"
expect_eq "misspelled value_type: ERROR" ERROR "$(verdict 'misspelled value_type')"
expect_eq "misspelled port_option: ERROR" ERROR "$(verdict 'misspelled port_option')"
expect_eq "unknown check_type: ERROR" ERROR "$(verdict 'unknown check_type')"
expect_eq "values: no PASSED among the policy errors" "" "$(grep -x 'Compliant: YES' "$work/out.txt")"
# --- Policy variables: the KB items nasl-audit/var/NAME (nasl-audit --var)
# replace @NAME@, declared in the header or not; without them the defaults.
policy vars <<'AUDIT'
#<ui_metadata>
#<display_name>rules: variables</display_name>
#<variables>
#  <variable>
#    <name>SSH_PORT</name>
#    <default>22</default>
#  </variable>
#</variables>
#</ui_metadata>
<check_type:"Unix">
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "sshd on the SSH port"
  ports       : "@SSH_PORT@"
  name        : "sshd"
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "undeclared variable"
  ports       : "@TELNET_PORT@"
</custom_item>
</check_type>
AUDIT
run
expect_eq "variables: the default SSH_PORT 22 holds sshd" PASSED "$(verdict 'sshd on the SSH port')"
expect_eq "variables: an undeclared @NAME@ stays, an ERROR" ERROR "$(verdict 'undeclared variable')"
run -k nasl-audit/var/SSH_PORT=23 -k nasl-audit/var/TELNET_PORT=23
expect_eq "variables: SSH_PORT=23 holds inetd" FAILED "$(verdict 'sshd on the SSH port')"
expect_eq "variables: SSH_PORT=23, the remote value" "inetd (PID 930)" "$(remote 'sshd on the SSH port')"
expect_eq "variables: undeclared TELNET_PORT=23" FAILED "$(verdict 'undeclared variable')"
expect_eq "variables: undeclared TELNET_PORT=23, the remote value" "denied ports open: 23/tcp" "$(remote 'undeclared variable')"

# --- an empty port list (or one of blanks and commas) is a policy error:
#     a denied list of nothing would PASS whatever listens.
policy empty <<'AUDIT'
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "denied, empty"
  ports       : ""
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "allowed, blanks and commas"
  ports       : " , ,"
</custom_item>
</check_type>
AUDIT
run
expect_eq "empty denied list: ERROR" ERROR "$(verdict 'denied, empty')"
expect_eq "empty denied list: named" "policy error in empty.audit line 2: the port list is empty" "$(remote 'denied, empty')"
expect_eq "blank allowed list: ERROR" ERROR "$(verdict 'allowed, blanks and commas')"
expect_eq "empty lists: no PASSED" "" "$(grep -x 'Compliant: YES' "$work/out.txt")"

# --- the actual value of a PASSED port list names only ports that count as
#     open: cupsd's loopback-only 631 is not one of them.
policy loopback <<'AUDIT'
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "cups must not be reachable"
  ports       : "631"
</custom_item>
<custom_item>
  type        : AUDIT_ALLOWED_OPEN_PORTS
  description : "only ssh and telnet"
  ports       : "22,23"
</custom_item>
</check_type>
AUDIT
run
expect_eq "loopback-only denied port: PASSED" PASSED "$(verdict 'cups must not be reachable')"
expect_eq "loopback-only denied port: not named as open" "open tcp ports: 22/tcp, 23/tcp" "$(remote 'cups must not be reachable')"
expect_eq "allowed list, loopback port outside it: PASSED" PASSED "$(verdict 'only ssh and telnet')"
expect_eq "allowed list: the loopback port not named as open" "open tcp ports: 22/tcp, 23/tcp" "$(remote 'only ssh and telnet')"

# --- one log result says how the host was audited, and which implementation
#     of the audit functions ran.
want="the audit module (C: the OpenVAS bridge in a scanner, or nasl-audit's own interpreter)"
[ "${NASL_AUDIT_PURE:-}" = 1 ] && want="pure NASL (no audit module or OpenVAS bridge loaded)"
expect_eq "summary: the audit functions" "$want" "$(sed -n 's/^Audit functions: //p' "$work/out.txt")"
expect_eq "summary: the listing" "'ss -H -tulpn' (5 socket rows)" "$(sed -n 's/^Listeners from: //p' "$work/out.txt")"

# --- the checks plugin alone: why nothing was audited.
ports_only() {
  "$NASL" -X -B $MODULE -i "$top_srcdir/plugins" -t 127.0.0.1 -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_ports.nasl" 2>&1 | sed -n 's/^Target not audited: //p'
}
expect_eq "gather never ran" "the gather plugin (nasl_audit_gather.nasl) did not run" "$(ports_only)"
expect_eq "gather stopped before its end (a scanner's plugin timeout)" \
  "the gather plugin (nasl_audit_gather.nasl) started but did not finish (it was running the Unix collection commands): the scanner stopped it at its plugin timeout, or it failed (see the scanner's log)" \
  "$(ports_only -k nasl-audit/gather/started=1 -k 'nasl-audit/gather/step=running the Unix collection commands')"

# --- in a scan (no nasl-audit/ssh/port): the credential and the port the
#     scanner gives are named.
scan_gather() {
  "$NASL" -X -B $MODULE -i "$top_srcdir/plugins" -t 127.0.0.1 "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" 2>&1 |
    sed -n 's/^Target not audited: //p'
}
expect_eq "scan without an SSH credential" \
  "the scan has no SSH credential for this host (Secret/SSH/login is empty): give the target an SSH credential (or, for a Windows host, an SMB one)" \
  "$(scan_gather)"
# The port named in the scanner's own failure texts (OpenVAS gives no error
# detail; our interpreter's detailed text takes precedence here): the SSH
# credential's port, then the port scan's, then 22, as ssh_connect() picks.
printf 'include("nasl_audit_func.inc");\ndisplay(na_scan_ssh_port_text(), "\\n");\n' >"$work/port.nasl"
port_text() { "$NASL" -X -i "$top_srcdir/plugins" "$@" "$work/port.nasl" 2>&1; }
expect_eq "scan SSH port: the credential's" "port 2299 (the SSH credential's port)" \
  "$(port_text --scanner-pref auth_port_ssh=2299 -k Services/ssh=2022)"
expect_eq "scan SSH port: the port scan's" "port 2022 (found by the port scan)" "$(port_text -k Services/ssh=2022)"
expect_eq "scan SSH port: the default" "port 22 (the default: the scan gives no SSH port)" "$(port_text)"
finish

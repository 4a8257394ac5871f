#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/collect.sh: the gather plugin's one-round-trip collection against a real sshd, run by the nasl CLI as a scanner runs the plugins: exit statuses, signals, cut-off output, service-name ports, /proc/net, privileges.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
start_sshd
FIX=$top_srcdir/tests/e2e/fixtures
NASL=${NASL:-$top_builddir/nasl/nasl}
# With NASL_AUDIT_PURE=1 the plugins run without the audit module (their pure-NASL path).
MODULE="-m $top_builddir/nasl-ext/audit.la"
[ "${NASL_AUDIT_PURE:-}" = 1 ] && MODULE=
SSHD_EXTRA_CONFIG= 
KEY=$(cat "$S/id_ed25519")

mkdir -p "$work/pol"
cat >"$work/pol/linux.audit" <<'AUDIT'
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "telnet must not listen"
  ports       : "23"
</custom_item>
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "sshd on 22"
  name        : "sshd"
  ports       : "22"
</custom_item>
</check_type>
AUDIT

# run: the two plugins through the nasl CLI; output (reports and
# diagnostics) in $work/out.txt.
run() {
  "$NASL" -X -B $MODULE -i "$top_srcdir/plugins" -t 127.0.0.1 \
    -k "nasl-audit/ssh/port=$PORT" -k "Secret/SSH/login=$(id -un)" -k "Secret/SSH/privatekey=$KEY" \
    -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" \
    >"$work/out.txt" 2>&1
}
# verdict DESC: the [RESULT] of the result named DESC ("" when absent).
verdict() { sed -n "s/^\"$1\": \[\([A-Z]*\)\]\$/\1/p" "$work/out.txt"; }
expect_line() { # expect_line WHAT LINE
  if grep -qxF -- "$2" "$work/out.txt"; then ok "$1"; else fail "$1: no line '$2' in: $(head -n 8 "$work/out.txt")"; fi
}
# No listing tool at all but the one faked: the others print nothing and
# exit 127 like a missing command; cat of /proc/net fails.
only_ss() {
  for c in netstat lsof; do : >"$work/empty"; sshd_fake "$S" "$c" "$work/empty" "" 127; done
  sshd_fake "$S" cat "$work/empty" "" 1
}
exec_requests() { grep -c 'session_input_channel_req: .*req exec' "$S/sshd.log" 2>/dev/null || :; }

# 1. A complete listing: the verdicts, in one exec request.
only_ss
sshd_fake "$S" ss "$FIX/linux-ss.txt"
before=$(exec_requests)
run
expect_eq "complete listing: telnet FAILED" FAILED "$(verdict 'telnet must not listen')"
expect_eq "complete listing: sshd on 22 PASSED" PASSED "$(verdict 'sshd on 22')"
expect_eq "one exec request for the whole collection" 1 $(( $(exec_requests) - before ))
expect_eq "ss ran once, with -H -tulpn" "-H -tulpn" "$(cat "$S/fake/ss.args")"

# 2. ss prints the whole listing, then is killed: not trusted.
sshd_fake "$S" ss "$FIX/linux-ss.txt" "" signal:9
run
expect_line "killed listing: target not audited, with the signal" \
  "Target not audited: 'ss -H -tulpn' was killed by signal 9 (exit status 137)"
expect_eq "killed listing: no verdict at all" "" "$(grep -E '^(Compliant: (YES|NO)|".*": \[(PASSED|FAILED)\])$' "$work/out.txt")"

# 3. ss exits 1 after printing complete lines.
sshd_fake "$S" ss "$FIX/linux-ss.txt" "" 1
run
expect_line "exit status 1: target not audited" "Target not audited: 'ss -H -tulpn' failed with exit status 1"
expect_eq "exit status 1: no verdict" "" "$(verdict 'telnet must not listen')$(verdict 'sshd on 22')"

# 4. Output cut off before the last line break.
sshd_fake "$S" ss "$FIX/linux-ss-cut.txt"
run
expect_line "cut-off listing: target not audited" \
  "Target not audited: the output of 'ss -H -tulpn' was cut off (no final line break)"
expect_eq "cut-off listing: no verdict at all" "" "$(grep -E '^(Compliant: (YES|NO)|".*": \[(PASSED|FAILED)\])$' "$work/out.txt")"

# 5. Port 22 printed as the service name 'ssh': the process check cannot
# tell, so ERROR; the deny check on 23 still fails.
sshd_fake "$S" ss "$FIX/linux-ss-names.txt"
run
expect_eq "service-name port: process check ERROR" ERROR "$(verdict 'sshd on 22')"
grep -q "printed a tcp port as a service name ('ssh')" "$work/out.txt" \
  && ok "service-name port: the reason" || fail "service-name port: reason missing: $(cat "$work/out.txt")"
expect_eq "service-name port: telnet still FAILED" FAILED "$(verdict 'telnet must not listen')"

# 6. A non-root login: the process owning 22 is not shown; ERROR says why and how.
sshd_fake "$S" ss "$FIX/linux-ss-nonroot.txt"
printf '1000\n' >"$work/uid"
sshd_fake "$S" id "$work/uid"
run
expect_eq "non-root: process check ERROR" ERROR "$(verdict 'sshd on 22')"
grep -q "the login is not privileged.*nasl-audit --sudo" "$work/out.txt" \
  && ok "non-root: names the missing privilege and the fix" || fail "non-root: reason: $(grep 'Remote value' "$work/out.txt")"
sshd_unfake "$S" id

# 7. No ss, netstat or lsof: /proc/net, without processes.  A connected UDP
# client socket is not a listener; ::ffff:127.0.0.1 is loopback.
: >"$work/empty"
sshd_fake "$S" ss "$work/empty" "" 127
for f in tcp tcp6 udp udp6; do cp "$FIX/proc-net-$f.txt" "$S/fake/cat.out._proc_net_$f"; done
rm -f "$S/fake/cat.rc" "$S/fake/cat.out"
cat >"$work/pol/linux.audit" <<'AUDIT'
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "telnet must not listen"
  ports       : "23"
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "udp: only 123"
  ports       : "1-122,124-65535"
  port_type   : UDP
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "8080 exposed"
  ports       : "8080"
</custom_item>
</check_type>
AUDIT
run
expect_eq "/proc/net: telnet FAILED" FAILED "$(verdict 'telnet must not listen')"
expect_eq "/proc/net: connected UDP client socket is not a listener" PASSED "$(verdict 'udp: only 123')"
expect_eq "/proc/net: ::ffff:127.0.0.1 listener is loopback" PASSED "$(verdict '8080 exposed')"
expect_line "/proc/net: mapped address shown dotted, local-only" \
  "tcp [::ffff:127.0.0.1]:8080 [local-only] [not counted]"

# 8. The target prints nothing the collection understands: no verdicts.
sshd_fake "$S" cat "$work/empty" "" 1
run
grep -q "^Target not audited: no listing command is available on the target" "$work/out.txt" \
  && ok "nothing available: not audited, command missing" || fail "nothing available: $(cat "$work/out.txt")"
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/reachability.sh: "listening" is not "exposed": a host in its own network namespace (veth, real sshd, real listeners, an nftables drop rule) is audited from the scanner's side; each listener is reachable, filtered, bound to another address or loopback-only.
#
# Needs root, ip (iproute2) with network namespaces, and nft.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || skip "creating a network namespace needs root"
command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
NFT=$(command -v nft || echo /usr/sbin/nft)
[ -x "$NFT" ] || skip "nft (nftables) is not installed"

tag=$$
NS=nareach$tag
N=$(( tag % 200 + 20 ))
HOST=10.231.$N.2      # the audited host's address
OTHER=10.231.$N.3     # another address of the same host
ip netns add "$NS" 2>/dev/null || skip "network namespaces are not available here"
drop_ns() { ip netns del "$NS" 2>/dev/null; ip link del "va$tag" 2>/dev/null; }
on_exit drop_ns
ip link add "va$tag" type veth peer name "vb$tag" netns "$NS" || { echo "veth failed" >&2; exit 99; }
ip addr add "10.231.$N.1/24" dev "va$tag" && ip link set "va$tag" up
ip -n "$NS" addr add "$HOST/24" dev "vb$tag"
ip -n "$NS" addr add "$OTHER/24" dev "vb$tag"
ip -n "$NS" link set "vb$tag" up
ip -n "$NS" link set lo up

# The host's sshd, inside the namespace, on its address.
printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$NS" "${SSHD:-/usr/sbin/sshd}" >"$work/sshd-in-ns"
chmod +x "$work/sshd-in-ns"
SSHD=$work/sshd-in-ns SSHD_EXTRA_CONFIG="ListenAddress $HOST" start_sshd
# nasl-audit checks the host key: known_hosts lists the host by its address.
printf '[%s]:%s %s\n' "$HOST" "$PORT" "$(cut -d' ' -f1,2 "$S/host_ed25519.pub")" >>"$HOME/.ssh/known_hosts"

# Its listeners: reachable, filtered, on the other address, loopback-only.
mkfifo "$work/ports"
ip netns exec "$NS" python3 "$top_srcdir/tests/e2e/listen.py" \
  "tcp:0.0.0.0" "tcp:0.0.0.0" "tcp:$OTHER" "tcp:127.0.0.1" >"$work/ports" &
LPID=$!
stop_ns_listen() { kill "$LPID" 2>/dev/null; wait "$LPID" 2>/dev/null; }
on_exit stop_ns_listen
set -- $(head -n 4 "$work/ports")
OPEN=$1 FILTERED=$2 ELSEWHERE=$3 LOOP=$4
echo "listeners: open $OPEN, filtered $FILTERED, on $OTHER $ELSEWHERE, loopback $LOOP"
ip netns exec "$NS" "$NFT" -f - <<NFT || { echo "nft failed" >&2; exit 99; }
table inet nasl_audit_test {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport $FILTERED drop
  }
}
NFT

mkdir -p "$work/pol"
cat >"$work/pol/r.audit" <<AUDIT
<check_type:"Unix">
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "open"
  ports       : "$OPEN"
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "filtered"
  ports       : "$FILTERED"
</custom_item>
<custom_item>
  type        : AUDIT_DENIED_OPEN_PORTS
  description : "elsewhere"
  ports       : "$ELSEWHERE"
</custom_item>
</check_type>
AUDIT
NASL=${NASL:-$top_builddir/nasl/nasl}
KEY=$(cat "$S/id_ed25519")
run() {
  "$NASL" -X -B -m "$top_builddir/nasl-ext/audit.la" -i "$top_srcdir/plugins" -t "$HOST" \
    -k "nasl-audit/ssh/port=$PORT" -k "Secret/SSH/login=$(id -un)" -k "Secret/SSH/privatekey=$KEY" \
    -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" \
    >"$work/out.txt" 2>&1
}
verdict() { sed -n "s/^\"$1\": \[\([A-Z]*\)\]\$/\1/p" "$work/out.txt"; }
has_line() { # has_line WHAT REGEX
  if grep -q -- "$2" "$work/out.txt"; then ok "$1"; else fail "$1: no line like '$2' in: $(head -n 30 "$work/out.txt")"; fi
}

# 1. Reachability tested, every listener still counts: the evidence tells.
run --pref "Test whether exposed listeners are reachable from the scanner=yes"
expect_eq "tested: open port FAILED" FAILED "$(verdict open)"
expect_eq "tested: filtered port still counts (FAILED)" FAILED "$(verdict filtered)"
has_line "tested: open port is reachable" "^tcp 0.0.0.0:$OPEN .*\[exposed\] \[reachable from the scanner\]$"
has_line "tested: filtered port is not reachable" "^tcp 0.0.0.0:$FILTERED .*\[exposed\] \[not reachable from the scanner\]$"
has_line "tested: other address not tested" "^tcp $OTHER:$ELSEWHERE .*\[exposed\]$"

# 2. Only reachable listeners count: the filtered one no longer fails the
# deny check (Nessus's "confirmed by the scan"), the untested one still does.
run --pref "Test whether exposed listeners are reachable from the scanner=yes" \
    --pref "Count only listeners reachable from the scanner=yes"
expect_eq "reachable only: open port FAILED" FAILED "$(verdict open)"
expect_eq "reachable only: filtered port not counted" PASSED "$(verdict filtered)"
expect_eq "reachable only: untested listener still counts" FAILED "$(verdict elsewhere)"
has_line "reachable only: filtered port's tag gone" "^Open Ports:"
grep -qx "$FILTERED/tcp" "$work/out.txt" && fail "the filtered port is still in Open Ports" || ok "the filtered port is not in Open Ports"
grep -qx "$OPEN/tcp" "$work/out.txt" && ok "the open port is in Open Ports" || fail "the open port is missing from Open Ports"

# 3. Without the preference nothing is probed.
run
has_line "not tested by default" "^tcp 0.0.0.0:$OPEN .*\[exposed\]$"

# 4. The runner: --reachable-only probes in parallel (nasl_audit_probe) and
# says per listener what it found.
"$AUDIT" --reachable-only --policy-dir "$work/pol" --format json -i "$S/id_ed25519" \
  "$(id -un)@$HOST:$PORT" >"$work/r.json" 2>"$work/r.err"
expect_eq "runner: exit status 1 (open and elsewhere fail)" 1 $?
json_check "$work/r.json" "
t = doc['targets'][0]
reach = dict((l['port'], l['reachable']) for l in t['listeners'] if l['proto'] == 'tcp')
check('runner: open port reachable', reach.get($OPEN) == 'yes', reach)
check('runner: filtered port not reachable', reach.get($FILTERED) == 'no', reach)
check('runner: other address untested', reach.get($ELSEWHERE) == 'untested', reach)
check('runner: loopback untested', reach.get($LOOP) == 'untested', reach)
check('runner: verdicts', (r('open')['result'], r('filtered')['result'], r('elsewhere')['result']) == ('FAILED', 'PASSED', 'FAILED'), [(x['check_name'], x['result']) for x in results()])
"
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bench/ssh-roundtrip.sh: what auditing one Linux host over SSH costs next to a bare 'ssh host "uname -s; ss -H -tulpn"' (issue 9 §2: at most 1.15x), both against the tests' real sshd and this machine's real ss.  Prints figures; asserts nothing.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-_build}
RUNS=${SSH_BENCH_RUNS:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-bench-ssh.XXXXXX")
S=$work/sshd
cleanup() { [ -d "$S" ] && sshd_stop "$S"; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

skip() { echo "ssh-roundtrip: skipped: $*"; exit 0; }
SSH=$(command -v ssh) || skip "no OpenSSH client (ssh)"
for d in /usr/sbin /sbin /usr/bin /bin; do [ -x "$d/ss" ] && break; done
[ -x "$d/ss" ] || skip "no ss on this machine"
command -v python3 >/dev/null || skip "python3 is needed to time the runs"

. "$top_srcdir/tests/sshd/sshd-fixture.sh"
mkdir -p "$S"
rc=0
sshd_start "$S" || rc=$?
[ $rc = 77 ] && skip "sshd or ssh-keygen is not installed"
[ $rc = 0 ] || { echo "ssh-roundtrip: sshd did not start" >&2; exit 1; }
PORT=$(cat "$S/port")
# The sessions run the machine's own commands: no stand-ins on their PATH.
rm -f "$S/fakebin/"*

# The programs themselves, not libtool's wrapper scripts (whose start-up, a
# shell and a relink check, is not what a user of an installed nasl-audit pays).
AUDIT=$top_builddir/nasl-audit
if [ -x "$top_builddir/.libs/nasl-audit" ]; then
  AUDIT=$top_builddir/.libs/nasl-audit
  LD_LIBRARY_PATH=$top_builddir/nasl/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export LD_LIBRARY_PATH
fi
HOME=$work/home
export HOME
mkdir -p "$HOME"
unset SSH_AUTH_SOCK
USER_AT=$(id -un)@127.0.0.1
mkdir -p "$work/pol"
cp "$top_srcdir/audit-files/linux-baseline.audit" "$work/pol/"

# One run of each first: both must work, and nasl-audit's exec requests are
# counted in sshd's log (one "req exec" line per exec request).
"$SSH" -F /dev/null -i "$S/id_ed25519" -p "$PORT" -o BatchMode=yes -o StrictHostKeyChecking=yes \
  -o "UserKnownHostsFile=$S/known_hosts" -o LogLevel=ERROR "$USER_AT" 'uname -s; ss -H -tulpn' \
  >"$work/ssh.out" 2>"$work/ssh.err" || { cat "$work/ssh.err" >&2; echo "ssh-roundtrip: ssh failed" >&2; exit 1; }
before=$(grep -c 'session_input_channel_req: session [0-9]* req exec' "$S/sshd.log" || :)
arc=0
"$AUDIT" -i "$S/id_ed25519" -p "$PORT" --known-hosts "$S/known_hosts" --ssh-config none -P "$work/pol" \
  --format json -o "$work/audit.json" "$USER_AT" 2>"$work/audit.err" || arc=$?
after=$(grep -c 'session_input_channel_req: session [0-9]* req exec' "$S/sshd.log" || :)
python3 - "$work/audit.json" "$arc" "$((after - before))" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
t = doc["targets"][0]
counts = {}
for r in t["results"]:
    counts[r["result"]] = counts.get(r["result"], 0) + 1
print("ssh-roundtrip: nasl-audit, shipped Linux baseline: target %s, listing from %s, %d listeners, results %s, exit %s"
      % (t["status"], t.get("listener_source") or "?", len(t["listeners"]),
         ", ".join("%d %s" % (n, s) for s, n in sorted(counts.items())) or "none", sys.argv[2]))
print("ssh-roundtrip: exec requests per audited host: %s (bare ssh: 1)" % sys.argv[3])
PY

# Then RUNS of each, alternated so that load on the machine hits both alike.
python3 - "$RUNS" "$work" <<PY
import os, resource, statistics, subprocess, sys, time
runs, work = int(sys.argv[1]), sys.argv[2]
ssh = ["$SSH", "-F", "/dev/null", "-i", "$S/id_ed25519", "-p", "$PORT", "-o", "BatchMode=yes",
       "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=$S/known_hosts",
       "-o", "LogLevel=ERROR", "$USER_AT", "uname -s; ss -H -tulpn"]
# the same, with the key exchange libssh (nasl-audit) negotiates: OpenSSH's
# default, sntrup761x25519, costs the client more CPU
ssh_kex = ssh[:1] + ["-o", "KexAlgorithms=curve25519-sha256"] + ssh[1:]
audit = ["$AUDIT", "-i", "$S/id_ed25519", "-p", "$PORT", "--known-hosts", "$S/known_hosts",
         "--ssh-config", "none", "-P", "$work/pol", "$USER_AT"]
times = {"ssh": [], "ssh_kex": [], "audit": []}
cpu = {"ssh": [], "ssh_kex": [], "audit": []}
def children_cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime
def once(name, argv):
    c = children_cpu()
    t = time.perf_counter()
    rc = subprocess.call(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times[name].append(time.perf_counter() - t)
    cpu[name].append(children_cpu() - c)
    if name != "audit" and rc != 0:
        raise SystemExit("ssh-roundtrip: ssh failed (exit %d)" % rc)
for i in range(runs):
    once("ssh", ssh)
    once("ssh_kex", ssh_kex)
    once("audit", audit)
ms = lambda s: s * 1000.0
for name, label in (("ssh", "bare ssh 'uname -s; ss -H -tulpn'"),
                    ("ssh_kex", "the same, KEX curve25519-sha256"),
                    ("audit", "nasl-audit (one Linux host)")):
    v = times[name]
    print("ssh-roundtrip: %-36s %d runs: median %6.1f ms, mean %6.1f ms, min %6.1f ms; client CPU median %5.1f ms"
          % (label, runs, ms(statistics.median(v)), ms(statistics.mean(v)), ms(min(v)),
             ms(statistics.median(cpu[name]))))
b = times["audit"]
for name, label in (("ssh", "bare ssh"), ("ssh_kex", "bare ssh, same KEX")):
    a = times[name]
    print("ssh-roundtrip: per-host ratio nasl-audit / %s: %.2fx (medians), %.2fx (means), %.2fx (minima); goal <= 1.15x"
          % (label, statistics.median(b) / statistics.median(a), statistics.mean(b) / statistics.mean(a),
             min(b) / min(a)))
PY

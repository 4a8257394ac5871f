#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/privesc.sh: privilege escalation in the gather plugin against a real sshd with real su and sudo: a non-root login su's to the scanner's privilege login, or runs sudo with a password; wrong passwords are reported and never printed.
#
# Needs root (it creates two throwaway users and a sudoers drop-in, removed
# on exit), useradd, userdel, chpasswd, su and sudo.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || skip "creating the throwaway users needs root"
for p in useradd userdel chpasswd su sudo; do
  command -v "$p" >/dev/null 2>&1 || [ -x "/usr/sbin/$p" ] || skip "$p is not installed"
done
PATH=$PATH:/usr/sbin

tag=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
UA=naslta$tag   # the login
UB=nasltb$tag   # the privilege login su goes to
PWA=Pa$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
PWB=Pb$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
SUDOERS=/etc/sudoers.d/nasl-audit-test-$tag
drop_users() {
  rm -f "$SUDOERS"
  userdel -r "$UA" >/dev/null 2>&1
  userdel -r "$UB" >/dev/null 2>&1
}
on_exit drop_users
useradd -m -s /bin/sh "$UA" && useradd -m -s /bin/sh "$UB" || { echo "useradd failed" >&2; exit 99; }
printf '%s:%s\n%s:%s\n' "$UA" "$PWA" "$UB" "$PWB" | chpasswd || { echo "chpasswd failed" >&2; exit 99; }
printf '%s ALL=(root) ALL\n' "$UA" >"$SUDOERS" && chmod 0440 "$SUDOERS"

start_sshd
# The login user reads the fixture's authorized_keys.
chmod 755 "$work" "$S"
chmod 644 "$S/authorized_keys"
NASL=${NASL:-$top_builddir/nasl/nasl}
KEY=$(cat "$S/id_ed25519")

mkdir -p "$work/pol"
cat >"$work/pol/p.audit" <<AUDIT
<check_type:"Unix">
<custom_item>
  type        : AUDIT_PROCESS_ON_PORT
  description : "sshd on the fixture port"
  name        : "sshd"
  ports       : "$PORT"
</custom_item>
</check_type>
AUDIT
cat >"$work/show.nasl" <<'NASL'
if (description) exit(0);
foreach l (get_kb_list("nasl-audit/gather/log"))
  display("gather: ", l, "\n");
p = get_kb_list("nasl-audit/privileged");
foreach k (keys(p)) display("privileged: ", p[k], "\n");
NASL

# run KB...: gather, checks and show as the login UA.
run() {
  "$NASL" -X -B -m "$top_builddir/nasl-ext/audit.la" -i "$top_srcdir/plugins" -t 127.0.0.1 \
    -k "nasl-audit/ssh/port=$PORT" -k "Secret/SSH/login=$UA" -k "Secret/SSH/privatekey=$KEY" \
    -k "nasl-audit/policy_dir=$work/pol" "$@" \
    "$top_srcdir/plugins/nasl_audit_gather.nasl" "$top_srcdir/plugins/nasl_audit_ports.nasl" \
    "$work/show.nasl" >"$work/out.txt" 2>&1
}
verdict() { sed -n "s/^\"$1\": \[\([A-Z]*\)\]\$/\1/p" "$work/out.txt"; }
no_secret() { # no_secret WHAT
  if grep -q -e "$PWA" -e "$PWB" "$work/out.txt"; then fail "$1: a password appears in the output"; else ok "$1: no password in the output"; fi
}

# Loopback listeners count here (the fixture sshd listens on 127.0.0.1).
set -- --pref "Include loopback-only listeners=yes"

# 1. Plain non-root login: sshd's process is not visible; ERROR says why.
run "$@"
expect_eq "non-root: process check ERROR" ERROR "$(verdict 'sshd on the fixture port')"
grep -q "^privileged: 0$" "$work/out.txt" && ok "non-root: not privileged" || fail "non-root: $(grep privileged "$work/out.txt")"

# 2. su to the privilege login with its password (the feed's method).
run "$@" -k "Secret/SSH/privlogin=$UB" -k "Secret/SSH/privpassword=$PWB"
grep -q "^gather: 'ss -H -tulpn': [0-9]* socket rows$" "$work/out.txt" \
  && ok "su: the collection ran" || fail "su: $(head -n 12 "$work/out.txt")"
expect_eq "su: ran as the privilege login (not root: still not privileged)" 1 \
  "$(grep -c '^privileged: 0$' "$work/out.txt")"
no_secret "su"

# 3. su with a wrong password: not audited, reason named, password never shown.
run "$@" -k "Secret/SSH/privlogin=$UB" -k "Secret/SSH/privpassword=wrong$PWB"
grep -q "^Target not audited: su to '$UB' did not run the collection" "$work/out.txt" \
  && ok "su wrong password: not audited, reason" || fail "su wrong password: $(head -n 8 "$work/out.txt")"
no_secret "su wrong password"

# 4. sudo with a password: root, so the process on the port is seen.
run "$@" -k "Secret/nasl-audit/sudo_password=$PWA"
expect_eq "sudo: process check PASSED" PASSED "$(verdict 'sshd on the fixture port')"
grep -q "^privileged: 1$" "$work/out.txt" && ok "sudo: privileged" || fail "sudo: $(grep privileged "$work/out.txt")"
no_secret "sudo"

# 5. sudo with a wrong password.
run "$@" -k "Secret/nasl-audit/sudo_password=wrong$PWA"
grep -q "^Target not audited: sudo refused the password$" "$work/out.txt" \
  && ok "sudo wrong password: not audited, reason" || fail "sudo wrong password: $(head -n 8 "$work/out.txt")"
no_secret "sudo wrong password"

# 6. sudo -n without a NOPASSWD rule: refused, the plain listing is used and
# the process check says privileges are missing.
run "$@" -k nasl-audit/sudo=1
grep -q "^gather: 'sudo -n ss -H -tulpn': failed with exit status 1$" "$work/out.txt" \
  && ok "sudo -n refused: logged" || fail "sudo -n: $(grep gather: "$work/out.txt")"
expect_eq "sudo -n refused: process check ERROR" ERROR "$(verdict 'sshd on the fixture port')"
finish

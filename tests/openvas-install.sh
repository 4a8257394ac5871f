#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/openvas-install.sh: nasl-audit-openvas installs the plugins into a scanner's plugin folder, names the policy folder, signs sha256sums with a local key (keeping the feed's entries; with --verify-gnupg only a feed signature the scanner trusts, and only a new signature it would trust) and removes them again.
set -u
top_builddir=${top_builddir:-_build}
top_srcdir=${top_srcdir:-.}
TOOL=$top_builddir/plugins/nasl-audit-openvas
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-ovi.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
ok() { echo "ok - $*"; }
fail() { failures=$((failures + 1)); echo "FAIL - $*"; }
export NASL_AUDIT_PLUGINS_SRC=$top_srcdir/plugins

mkdir -p "$work/feed"
printf '0000  feed_plugin.nasl\n' >"$work/feed/sha256sums"
sh "$TOOL" install --policy-dir /srv/policies "$work/feed" >/dev/null || fail "install failed"
expected=$(cd "$top_srcdir/plugins" && ls nasl_audit_*.nasl nasl_audit_*.inc | grep -v paths | sort)
got=$(cd "$work/feed" && ls nasl_audit_*.nasl nasl_audit_*.inc | grep -v paths | sort)
[ "$expected" = "$got" ] && ok "every plugin and include installed" || fail "installed: $got"
grep -qx 'NA_POLICY_DIR = "/srv/policies";' "$work/feed/nasl_audit_paths.inc" \
  && ok "policy folder written" || fail "paths.inc: $(cat "$work/feed/nasl_audit_paths.inc")"
sh "$TOOL" install "$work/missing" 2>"$work/err" && fail "a missing folder was accepted" || ok "a missing folder is refused"
grep -q "plugin folder '$work/missing' does not exist" "$work/err" && ok "refusal names the folder" || fail "refusal: $(cat "$work/err")"

if command -v gpg >/dev/null 2>&1; then
  mkdir -m 700 "$work/gnupg"
  gpg --batch --homedir "$work/gnupg" --passphrase '' --quick-gen-key 'nasl-audit test <t@example.invalid>' \
    ed25519 sign never >/dev/null 2>&1
  key=$(gpg --homedir "$work/gnupg" --list-keys --with-colons 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }')
  sh "$TOOL" install --sign "$key" --gnupg "$work/gnupg" "$work/feed" >/dev/null || fail "signed install failed"
  sh "$TOOL" install --sign "$key" --gnupg "$work/gnupg" "$work/feed" >/dev/null || fail "second signed install failed"
  grep -qx '0000  feed_plugin.nasl' "$work/feed/sha256sums" && ok "the feed's sums are kept" || fail "feed sums lost"
  n=$(grep -c '  nasl_audit_' "$work/feed/sha256sums")
  [ "$n" = "$(( $(echo "$expected" | wc -l) + 1 ))" ] && ok "our sums listed once each (after two installs)" || fail "our sums: $n lines"
  (cd "$work/feed" && grep '  nasl_audit_' sha256sums | sha256sum -c --quiet) && ok "our sums are right" || fail "sums do not match"
  gpg --homedir "$work/gnupg" --verify "$work/feed/sha256sums.asc" "$work/feed/sha256sums" >/dev/null 2>&1 \
    && ok "sha256sums.asc verifies with the local key" || fail "signature does not verify"
  # --verify-gnupg: the sums are re-signed only when their signature verifies
  # with a fully trusted key of the scanner's GnuPG home.
  mkdir -m 700 "$work/scanner"
  gpg --homedir "$work/gnupg" --export "$key" 2>/dev/null | gpg --batch --homedir "$work/scanner" --import >/dev/null 2>&1
  cp "$work/feed/sha256sums" "$work/sums.before"
  sh "$TOOL" install --sign "$key" --gnupg "$work/gnupg" --verify-gnupg "$work/scanner" "$work/feed" 2>"$work/err" \
    && fail "re-signed sums signed by a key the scanner does not trust" \
    || ok "an untrusted signature is not re-signed"
  grep -q "signed by a key $work/scanner does not trust fully" "$work/err" && ok "refusal says why" || fail "refusal: $(cat "$work/err")"
  cmp -s "$work/sums.before" "$work/feed/sha256sums" && ok "untrusted: nothing rewritten" || fail "sums rewritten"
  # A signature the scanner would not trust is not put in place either
  # (here: the feed's signature is verified with the signing home, which
  # trusts the key, but the scanner's home does not).
  sh "$TOOL" install --sign "$key" --gnupg "$work/gnupg" --verify-gnupg "$work/gnupg" "$work/feed" >/dev/null 2>&1 \
    && ok "a signature verified by a trusting home is re-signed" || fail "trusting home refused"
  cp "$work/feed/sha256sums.asc" "$work/asc.before"
  mkdir -m 700 "$work/other"
  gpg --batch --homedir "$work/other" --passphrase '' --quick-gen-key 'other <o@example.invalid>' ed25519 sign never >/dev/null 2>&1
  other=$(gpg --homedir "$work/other" --list-keys --with-colons 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }')
  sh "$TOOL" install --sign "$other" --gnupg "$work/other" --verify-gnupg "$work/gnupg" "$work/feed" 2>"$work/err" \
    && fail "put a signature in place that the scanner's home cannot verify" || ok "a signature the scanner would refuse is not put in place"
  grep -q "the scanner would refuse every plugin" "$work/err" && ok "refusal says what it would break" || fail "refusal: $(cat "$work/err")"
  cmp -s "$work/asc.before" "$work/feed/sha256sums.asc" && ok "the old signature stays" || fail "signature replaced"
  gpgconf --homedir "$work/other" --kill gpg-agent 2>/dev/null
  echo "$key:6:" | gpg --batch --homedir "$work/scanner" --import-ownertrust >/dev/null 2>&1
  sh "$TOOL" install --sign "$key" --gnupg "$work/gnupg" --verify-gnupg "$work/scanner" "$work/feed" >/dev/null 2>"$work/err" \
    && ok "a trusted signature is re-signed" || fail "trusted: $(cat "$work/err")"
  printf '1111  tampered.nasl\n' >>"$work/feed/sha256sums"
  sh "$TOOL" install --sign "$key" --gnupg "$work/gnupg" --verify-gnupg "$work/scanner" "$work/feed" 2>"$work/err" \
    && fail "re-signed tampered sums" || ok "tampered sums are not re-signed"
  grep -q "is not a good signature" "$work/err" && ok "tampering named" || fail "tampered: $(cat "$work/err")"
  grep -qx '1111  tampered.nasl' "$work/feed/sha256sums" && ok "tampered: nothing rewritten" || fail "sums rewritten"
  gpgconf --homedir "$work/gnupg" --kill gpg-agent 2>/dev/null
  gpgconf --homedir "$work/scanner" --kill gpg-agent 2>/dev/null
else
  echo "# signing not tested: gpg is not installed"
fi

sh "$TOOL" remove "$work/feed" >/dev/null
[ -z "$(ls "$work/feed" | grep nasl_audit_)" ] && ok "remove takes every file away" || fail "left: $(ls "$work/feed")"
[ "$failures" = 0 ]

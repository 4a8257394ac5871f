#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/install.sh: 'make install' and 'make uninstall' (issue 9, 6): no
# libtool archives, both man pages, the licence, the example policy with the
# docs and not in the policy folder, installed policies treated as
# configuration (an edited one survives install and uninstall), and the
# installed nasl-audit auditing this machine with the installed plugins.
. "${top_srcdir:-.}/tests/runner/lib.sh"
unset NASL_AUDIT_PLUGINS_DIR
ST=$work/stage
MAKE=${MAKE:-make}
inst() { $MAKE -s -C "$top_builddir" "$1" DESTDIR="$ST" >"$work/$1.log" 2>&1; }

inst install || { cat "$work/install.log"; fail "make install failed"; finish; }
ok "make install"
[ -z "$(find "$ST" -name '*.la')" ] && ok "no .la files installed" || fail "installed: $(find "$ST" -name '*.la')"
lib=$(find "$ST" -name 'libnasl.so.*' | head -n1)
mod=$(find "$ST" -path '*/modules/audit.so')
[ -n "$lib" ] && [ -n "$mod" ] && ok "library and module installed as .so" || fail "libnasl.so.* / modules/audit.so missing"
for m in nasl.1 nasl-audit.1; do
  [ -n "$(find "$ST" -path "*/man1/$m")" ] && ok "man page $m" || fail "no man page $m"
done
[ -n "$(find "$ST" -path '*/doc/nasl-audit/LICENSE')" ] && ok "LICENSE with the docs" || fail "no LICENSE in the docs"
[ -n "$(find "$ST" -path '*/doc/nasl-audit/examples/example-conditional.audit')" ] && ok "example policy with the docs" \
  || fail "example policy not in the docs"
pdir=$(dirname "$(find "$ST" -path '*/audit-files/linux-baseline.audit')")
[ -f "$pdir/windows-baseline.audit" ] && ok "policies installed in $pdir" || fail "no policies installed"
[ ! -e "$pdir/example-conditional.audit" ] && ok "the example is not in the policy folder" || fail "example in the policy folder"

# The installed program, with the installed plugins and module, audits this
# machine: a fresh install reports real findings only (0 or 1).
bin=$(find "$ST" -path '*/bin/nasl-audit')
plugins=$(dirname "$(find "$ST" -name nasl_audit_gather.nasl | head -n1)")
LD_LIBRARY_PATH=$(dirname "$lib") NASL_AUDIT_MODULE=$mod NASL_AUDIT_PLUGINS_DIR=$plugins \
  "$bin" -P "$pdir" --format json >"$work/first.json" 2>"$work/first.err"
st=$?
case $st in 0|1) ok "installed: first run exits $st" ;; *) fail "installed: first run exits $st: $(head -c 300 "$work/first.err")" ;; esac
json_check "$work/first.json" "
t = doc['targets'][0]
check('installed: this machine audited', t['status'] == 'audited', (t['status'], t['reason'], t['problems']))
check('installed: the Linux baseline ran', [p['status'] for p in t['policies'] if p['file'] == 'linux-baseline.audit'] == ['ran'], t['policies'])
"
LD_LIBRARY_PATH=$(dirname "$lib") "$bin" --version | grep -q "^License GPLv2+" && ok "installed: --version" || fail "installed: --version"

# An edited policy is configuration: kept by install and uninstall.
echo "# edited by the operator" >>"$pdir/linux-baseline.audit"
cp "$pdir/linux-baseline.audit" "$work/edited.audit"
inst install || fail "second make install failed"
cmp -s "$pdir/linux-baseline.audit" "$work/edited.audit" && ok "install kept the edited policy" || fail "install overwrote the edited policy"
cmp -s "$pdir/linux-baseline.audit.dist" "$top_srcdir/audit-files/linux-baseline.audit" \
  && ok "the new version is beside it as .dist" || fail "no .dist copy"
cmp -s "$pdir/windows-baseline.audit" "$top_srcdir/audit-files/windows-baseline.audit" \
  && ok "an unedited policy is updated" || fail "unedited policy not installed"
inst uninstall || { cat "$work/uninstall.log"; fail "make uninstall failed"; }
cmp -s "$pdir/linux-baseline.audit" "$work/edited.audit" && ok "uninstall kept the edited policy" || fail "uninstall removed the edited policy"
left=$(find "$ST" -type f | sed "s|^$ST||")
expect_eq "uninstall left only the edited policy" "${pdir#$ST}/linux-baseline.audit" "$left"
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/pure-plugins.sh: the plugins without the audit module, as on a stock OpenVAS: collect.sh, policy-rules.sh and check-types.sh again on the pure-NASL path, with the same expected results.
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-$top_srcdir/_build}
st=0
# The runs below must not find the module on their own.
probe=$(mktemp "${TMPDIR:-/tmp}/nasl-pure.XXXXXX")
printf 'display(defined_func("audit_parse"), "\\n");\n' >"$probe"
got=$("$top_builddir/nasl/nasl" -X "$probe" 2>&1)
rm -f "$probe"
if [ "$got" = 0 ]; then echo "ok - no audit module without -m"; else echo "FAIL - audit_parse defined without -m: $got"; st=1; fi
for t in collect policy-rules check-types; do
  echo "# $t.sh without the audit module"
  NASL_AUDIT_PURE=1 sh "$top_srcdir/tests/e2e/$t.sh" || st=1
done
exit $st

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# casefold.sh: plugins/nasl_audit_pure_casefold.inc is what tools/gen-casefold.c makes from this glib.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
gen=$top_builddir/tests/pure/gen-casefold
# gen-casefold is a check program: make check always builds it, so its absence is a hard error
[ -x "$gen" ] || { echo "ERROR: $gen was not built"; exit 99; }
work=$(mktemp -d "${TMPDIR:-/tmp}/pure-cf.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
"$gen" > "$work/casefold.inc" || exit 1
# the first line names the glib version; the table must be the same
if ! diff "$top_srcdir/plugins/nasl_audit_pure_casefold.inc" "$work/casefold.inc" > "$work/diff"; then
  if [ "$(tail -n +2 "$top_srcdir/plugins/nasl_audit_pure_casefold.inc" | md5sum)" = "$(tail -n +2 "$work/casefold.inc" | md5sum)" ]; then
    echo "note: the table was made with another glib version but is the same"
    exit 0
  fi
  echo "FAIL: this glib folds case differently from plugins/nasl_audit_pure_casefold.inc;"
  echo "run: tests/pure/gen-casefold > plugins/nasl_audit_pure_casefold.inc"
  head -20 "$work/diff"
  exit 1
fi
echo "case folding table current ($(grep -c '^  t\[' "$work/casefold.inc") characters)"

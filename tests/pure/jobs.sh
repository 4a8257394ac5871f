# SPDX-License-Identifier: GPL-2.0-or-later
# tests/pure/jobs.sh: the fixed jobs of the pure-NASL driver ("KIND FILE" per
# line), shared by differential.sh and openvas-compare.sh so that both run
# the same cases.  Sourced; needs top_srcdir.
pure_fixed_jobs() {
  for f in "$top_srcdir"/tests/ext/fixtures/netstat/* "$top_srcdir"/tests/samples/outputs/* \
           "$top_srcdir"/tests/e2e/fixtures/win-netstat-*.txt "$top_srcdir"/tests/e2e/fixtures/linux-ss*.txt "$top_srcdir"/tests/pure/cases/netstat/*; do
    [ -f "$f" ] && echo "netstat $f"
  done
  for f in "$top_srcdir"/tests/ext/fixtures/tasklist/* "$top_srcdir"/tests/samples/outputs/*tasklist* \
           "$top_srcdir"/tests/e2e/fixtures/win-tasklist-*.txt "$top_srcdir"/tests/pure/cases/tasklist/*; do
    [ -f "$f" ] && echo "tasklist $f"
  done
  for f in "$top_srcdir"/tests/ext/fixtures/audit/* "$top_srcdir"/tests/samples/audits/* \
           "$top_srcdir"/audit-files/*.audit "$top_srcdir"/doc/examples/*.audit "$top_srcdir"/tests/e2e/fixtures/*.audit \
           "$top_srcdir"/tests/pure/cases/audit/*; do
    [ -f "$f" ] && echo "audit $f"
  done
  echo "audits $top_srcdir/tests/pure/cases/audits.txt"
  echo "audits $top_srcdir/tests/pure/cases/header.txt"
  echo "checks $top_srcdir/tests/pure/cases/checks.txt"
  echo "checks $top_srcdir/tests/pure/cases/regex.txt"
  echo "ports $top_srcdir/tests/pure/cases/ports.txt"
}

## SPDX-License-Identifier: GPL-2.0-or-later
## tests/pure/local.mk: the pure-NASL path (plugins/nasl_audit_pure_*.inc, nasl_audit_api.inc): its tests and bench.

# differential.sh: module and pure path give the same dumps; api.sh: the
# dispatchers on both paths; allowlist.sh: only OpenVAS builtins;
# casefold.sh: the case folding table is current; openvas-compare.sh: the
# same dumps on a real openvas-nasl (skipped unless OPENVAS_NASL is set).
PURE_TESTS = tests/pure/differential.sh tests/pure/api.sh tests/pure/allowlist.sh \
	tests/pure/casefold.sh tests/pure/openvas-compare.sh
TESTS += $(PURE_TESTS)
check_PROGRAMS += tests/pure/gen-casefold
tests_pure_gen_casefold_SOURCES = tools/gen-casefold.c
tests_pure_gen_casefold_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_pure_gen_casefold_LDADD = $(GLIB_LIBS)
BENCH_SHELL += tests/pure/bench.sh
EXTRA_DIST += $(PURE_TESTS) tests/pure/bench.sh tests/pure/bench.py tests/pure/bench.nasl \
	tests/pure/allowlist tests/pure/allowlist.py tests/pure/api.nasl \
	tests/pure/driver.nasl tests/pure/dump.inc tests/pure/cases tests/pure/jobs.sh

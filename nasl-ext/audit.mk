## SPDX-License-Identifier: GPL-2.0-or-later
## nasl-ext/audit.mk: the .audit policy parser (pure C + glib), its tests,
## fuzz seeds and benchmark.

# The parser sources, for whoever links the parser (the audit module).
AUDIT_PARSER_SOURCES = nasl-ext/audit.h nasl-ext/audit_int.h \
	nasl-ext/audit_parse.c nasl-ext/audit_text.c nasl-ext/audit_vars.c
noinst_HEADERS += nasl-ext/audit.h nasl-ext/audit_int.h

if HAVE_CMOCKA
check_PROGRAMS += tests/ext/test_audit_parse
TESTS += tests/ext/test_audit_parse
endif
tests_ext_test_audit_parse_SOURCES = tests/ext/test_audit_parse.c $(AUDIT_PARSER_SOURCES)
tests_ext_test_audit_parse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ext_test_audit_parse_LDADD = $(GLIB_LIBS) $(CMOCKA_LIBS)

EXTRA_PROGRAMS += tests/bench/bench_audit
BENCHMARKS += tests/bench/bench_audit
tests_bench_bench_audit_SOURCES = tests/bench/bench_audit.c $(AUDIT_PARSER_SOURCES) \
	nasl-ext/match.h nasl-ext/match.c
tests_bench_bench_audit_CPPFLAGS = $(AM_CPPFLAGS) \
	-DAUDIT_BENCH_SAMPLE='"$(abs_top_srcdir)/tests/samples/audits/nsa_shb_WindowsFirewall.audit"'
tests_bench_bench_audit_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_audit_LDADD = $(GLIB_LIBS) $(PCRE2_LIBS)
CLEANFILES += tests/bench/bench_audit

EXTRA_DIST += tests/fuzz/fuzz_audit.c tests/fuzz/corpus/audit \
	tests/ext/fixtures/audit tests/samples/audits

## SPDX-License-Identifier: GPL-2.0-or-later
## nasl-ext/sockets.mk: netstat/ss/lsof and tasklist parsers (pure C + glib),
## their unit tests, fixtures and benchmark.

SOCKETS_PARSER_SOURCES = nasl-ext/netstat_parse.c nasl-ext/netstat_pack.c nasl-ext/tasklist_parse.c \
	nasl-ext/ext_arena.h nasl-ext/ext_arena.c
noinst_HEADERS += nasl-ext/netstat.h nasl-ext/tasklist.h

EXTRA_DIST += tests/ext/fixtures/netstat tests/ext/fixtures/tasklist \
	tests/samples/outputs tests/fuzz/fuzz_netstat.c tests/fuzz/fuzz_tasklist.c \
	tests/fuzz/corpus/netstat tests/fuzz/corpus/tasklist

if HAVE_CMOCKA
check_PROGRAMS += tests/ext/test_netstat tests/ext/test_tasklist
TESTS += tests/ext/test_netstat tests/ext/test_tasklist

tests_ext_test_netstat_SOURCES = tests/ext/test_netstat.c nasl-ext/netstat_parse.c nasl-ext/netstat_pack.c \
	nasl-ext/ext_arena.c
tests_ext_test_netstat_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) \
	-DEXT_FIXTURES_DIR='"$(abs_top_srcdir)/tests/ext/fixtures"'
tests_ext_test_netstat_LDADD = $(GLIB_LIBS) $(CMOCKA_LIBS)

tests_ext_test_tasklist_SOURCES = tests/ext/test_tasklist.c nasl-ext/tasklist_parse.c nasl-ext/ext_arena.c
tests_ext_test_tasklist_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) \
	-DEXT_FIXTURES_DIR='"$(abs_top_srcdir)/tests/ext/fixtures"'
tests_ext_test_tasklist_LDADD = $(GLIB_LIBS) $(CMOCKA_LIBS)
endif

EXTRA_PROGRAMS += tests/bench/bench_sockets
BENCHMARKS += tests/bench/bench_sockets
tests_bench_bench_sockets_SOURCES = tests/bench/bench_sockets.c $(SOCKETS_PARSER_SOURCES)
tests_bench_bench_sockets_CFLAGS = $(AM_CFLAGS) -O2
tests_bench_bench_sockets_LDADD = $(GLIB_LIBS)

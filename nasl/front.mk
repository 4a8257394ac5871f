## SPDX-License-Identifier: GPL-2.0-or-later
## nasl/front.mk: NASL front end -- lexer, parser, syntax tree, include resolution.

nasl_libnasl_core_la_SOURCES += \
	nasl/ast.h nasl/ast.c nasl/lex.h nasl/lex.c \
	nasl/parse.h nasl/parse.c nasl/include.h nasl/include.c \
	nasl/regex_guard.h nasl/regex_guard.c nasl/readfile.h nasl/readfile.c

# Unit tests: built from the front-end sources directly, so they do not
# depend on the rest of libnasl-core.
nasl_front_sources = nasl/ast.h nasl/ast.c nasl/lex.h nasl/lex.c \
	nasl/parse.h nasl/parse.c nasl/include.h nasl/include.c \
	nasl/regex_guard.h nasl/regex_guard.c nasl/readfile.h nasl/readfile.c
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_lex tests/unit/test_parse
TESTS += tests/unit/test_lex tests/unit/test_parse
tests_unit_test_lex_SOURCES = tests/unit/test_lex.c nasl/lex.h nasl/lex.c
tests_unit_test_lex_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lex_LDADD = $(GLIB_LIBS) $(CMOCKA_LIBS)
tests_unit_test_parse_SOURCES = tests/unit/test_parse.c $(nasl_front_sources)
tests_unit_test_parse_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_parse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_parse_LDADD = $(GLIB_LIBS) $(CMOCKA_LIBS)
endif

# include() fixtures used by test_parse
EXTRA_DIST += \
	tests/unit/inc/main/both.inc tests/unit/inc/main/bad.inc \
	tests/unit/inc/main/cycle_a.inc tests/unit/inc/main/cycle_b.inc \
	tests/unit/inc/main/self.inc tests/unit/inc/main/funcs.inc \
	tests/unit/inc/main/twice.inc \
	tests/unit/inc/dir1/both.inc tests/unit/inc/dir1/only1.inc \
	tests/unit/inc/dir2/only1.inc tests/unit/inc/dir2/only2.inc \
	tests/unit/inc/sub/nested.inc tests/unit/inc/sub/sibling.inc \
	tests/fuzz/fuzz_parse.c tests/fuzz/corpus/parse

## SPDX-License-Identifier: GPL-2.0-or-later
## nasl/core.mk: the interpreter library (libnasl) -- lexer, parser, evaluator, values.

# Everything is built once into a convenience library; the unit tests link it
# directly (so they reach internal functions), the installed libnasl wraps it
# and exports only ^nasl_ symbols.
noinst_LTLIBRARIES += nasl/libnasl-core.la
nasl_libnasl_core_la_SOURCES = \
	nasl/nasl.h nasl/nasl_module.h nasl/libs.h nasl/libs.c \
	nasl/lib_base.c nasl/lib_string.c nasl/lib_regex.c nasl/lib_array.c \
	nasl/lib_kb.c nasl/lib_script.c nasl/lib_report.c nasl/lib_host.c \
	nasl/lib_file.c nasl/lib_crypto.c nasl/lib_misc.c nasl/lib_ssh.c
nasl_libnasl_core_la_LIBADD = $(DEPS_LIBS)

lib_LTLIBRARIES += nasl/libnasl.la
nasl_libnasl_la_SOURCES =
nasl_libnasl_la_LIBADD = nasl/libnasl-core.la $(DEPS_LIBS)
nasl_libnasl_la_LDFLAGS = $(AM_LDFLAGS) -version-info 0:0:0 -export-symbols-regex '^nasl_'
includenasl_HEADERS += nasl/nasl.h nasl/nasl_module.h
EXTRA_DIST += nasl/libnasl.pc.in

# Runtime core: values, arrays, state, call dispatch, evaluator.
nasl_libnasl_core_la_SOURCES += \
	nasl/conf.h nasl/value.h nasl/value.c nasl/array.h nasl/array.c \
	nasl/state.h nasl/state.c nasl/call.h nasl/call.c nasl/eval.h nasl/eval.c \
	nasl/sandbox.h nasl/sandbox.c nasl/regex_exec.h nasl/regex_exec.c \
	nasl/secrets.h nasl/secrets.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_value tests/unit/test_array tests/unit/test_eval
TESTS += tests/unit/test_value tests/unit/test_array tests/unit/test_eval
tests_unit_test_value_SOURCES = tests/unit/test_value.c
tests_unit_test_value_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_value_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(CMOCKA_LIBS)
tests_unit_test_array_SOURCES = tests/unit/test_array.c
tests_unit_test_array_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_array_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(CMOCKA_LIBS)
tests_unit_test_eval_SOURCES = tests/unit/test_eval.c
tests_unit_test_eval_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_eval_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(CMOCKA_LIBS)
endif
EXTRA_DIST += tests/fuzz/fuzz_eval.c

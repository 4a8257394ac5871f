## SPDX-License-Identifier: GPL-2.0-or-later
## nasl/text.mk: text and array builtins, the data-driven NASL language tests, NASL benchmarks.

# Shared helper of lib_string.c and lib_regex.c (the lib_*.c files are listed in core.mk).
nasl_libnasl_core_la_SOURCES += nasl/text_arg.h

### Language tests: tests/run-lang-tests runs each tests/lang/*.test file ----
check_PROGRAMS += tests/run-lang-tests
tests_run_lang_tests_SOURCES = tests/lang/runner.c
tests_run_lang_tests_LDADD = nasl/libnasl-core.la $(DEPS_LIBS)
# %%MODULE loads modules that take the nasl_* API from this executable.
tests_run_lang_tests_LDFLAGS = $(AM_LDFLAGS) -export-dynamic

LANG_TESTS = \
	tests/lang/lexer.test \
	tests/lang/operators.test \
	tests/lang/types.test \
	tests/lang/strings.test \
	tests/lang/arrays.test \
	tests/lang/functions.test \
	tests/lang/control.test \
	tests/lang/include.test \
	tests/lang/errors.test \
	tests/lang/regex.test tests/lang/regex-guard.test \
	tests/lang/builtins-string.test \
	tests/lang/builtins-array.test \
	tests/lang/description.test \
	tests/lang/limits.test \
	tests/lang/secrets.test \
	tests/lang/edge-cases.test
TESTS += $(LANG_TESTS)
# doc/language-tests.md is distributed with doc/ (top-level EXTRA_DIST).
EXTRA_DIST += $(LANG_TESTS)

### Benchmarks ---------------------------------------------------------------
EXTRA_PROGRAMS += tests/bench/bench_nasl
BENCHMARKS += tests/bench/bench_nasl
tests_bench_bench_nasl_SOURCES = tests/bench/bench_nasl.c
tests_bench_bench_nasl_CPPFLAGS = $(AM_CPPFLAGS) -DBENCH_SRCDIR='"$(abs_top_srcdir)/tests/bench"'
tests_bench_bench_nasl_LDADD = nasl/libnasl-core.la $(DEPS_LIBS)
bench_nasl_workloads = \
	tests/bench/int_loop.nasl \
	tests/bench/string_build.nasl \
	tests/bench/array_int.nasl \
	tests/bench/array_str.nasl \
	tests/bench/regex.nasl
EXTRA_DIST += $(bench_nasl_workloads)
CLEANFILES += tests/bench/bench_nasl

## SPDX-License-Identifier: GPL-2.0-or-later
## nasl/env.mk: the interpreter's environment -- knowledge base, module loader,
## script metadata, the `nasl` CLI, test modules and their tests.

nasl_libnasl_core_la_SOURCES += \
	nasl/kb.h nasl/kb.c nasl/loadlib.h nasl/loadlib.c nasl/script_meta.h
includenasl_HEADERS += nasl/script_meta.h

### The CLI (a thin client of nasl.h, linked against the shared libnasl) -----
bin_PROGRAMS += nasl/nasl
nasl_nasl_SOURCES = nasl/main.c
nasl_nasl_LDADD = nasl/libnasl.la $(GLIB_LIBS)

### Test modules: real shared objects (-rpath makes libtool build a .so) ----
## They do not link libnasl: nasl_* resolve from the program that loads them.
NASL_TEST_MODULE_LDFLAGS = -module -avoid-version -rpath /nowhere -shared
nasl_test_modules = \
	tests/modules/good.la tests/modules/abi_major.la \
	tests/modules/abi_minor_newer.la tests/modules/no_entry.la \
	tests/modules/init_fails.la tests/modules/dup_builtin.la \
	tests/modules/core_clash.la tests/modules/good_twin.la
check_LTLIBRARIES += $(nasl_test_modules)
tests_modules_good_la_SOURCES = tests/modules/good.c
tests_modules_good_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_abi_major_la_SOURCES = tests/modules/abi_major.c
tests_modules_abi_major_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_abi_minor_newer_la_SOURCES = tests/modules/abi_minor_newer.c
tests_modules_abi_minor_newer_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_no_entry_la_SOURCES = tests/modules/no_entry.c
tests_modules_no_entry_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_init_fails_la_SOURCES = tests/modules/init_fails.c
tests_modules_init_fails_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_dup_builtin_la_SOURCES = tests/modules/dup_builtin.c
tests_modules_dup_builtin_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_core_clash_la_SOURCES = tests/modules/core_clash.c
tests_modules_core_clash_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)
tests_modules_good_twin_la_SOURCES = tests/modules/good_twin.c
tests_modules_good_twin_la_LDFLAGS = $(AM_LDFLAGS) $(NASL_TEST_MODULE_LDFLAGS)

### Unit tests ---------------------------------------------------------------
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_kb tests/unit/test_loader
TESTS += tests/unit/test_kb tests/unit/test_loader

tests_unit_test_kb_SOURCES = tests/unit/test_kb.c
tests_unit_test_kb_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_kb_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(CMOCKA_LIBS)

## -export-dynamic: the test modules resolve nasl_* from this program.
tests_unit_test_loader_SOURCES = tests/unit/test_loader.c
tests_unit_test_loader_CPPFLAGS = $(AM_CPPFLAGS) \
	-DTEST_MODULE_DIR='"$(abs_top_builddir)/tests/modules"'
tests_unit_test_loader_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_loader_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(CMOCKA_LIBS)
tests_unit_test_loader_LDFLAGS = $(AM_LDFLAGS) -export-dynamic
EXTRA_tests_unit_test_loader_DEPENDENCIES = $(nasl_test_modules)
endif

### CLI tests ----------------------------------------------------------------
TESTS += tests/cli.sh
# The fixtures are listed one by one: a bare "tests/cli" would match make's
# built-in "%: %.sh" rule and be made from tests/cli.sh.
EXTRA_DIST += tests/cli.sh \
	tests/cli/builtins.nasl \
	tests/cli/descr.nasl \
	tests/cli/endless.nasl \
	tests/cli/hello.nasl \
	tests/cli/kb_get.nasl \
	tests/cli/kb_set.nasl \
	tests/cli/module.nasl \
	tests/cli/multi.nasl \
	tests/cli/port_state.nasl \
	tests/cli/runtime_error.nasl \
	tests/cli/safe.nasl \
	tests/cli/scanner.nasl \
	tests/cli/script_timeout.nasl \
	tests/cli/secret.nasl \
	tests/cli/syntax_error.nasl \
	tests/cli/target.nasl \
	tests/cli/unsafe.nasl

## SPDX-License-Identifier: GPL-2.0-or-later
## nasl-ext/local.mk: the audit module (nasl-ext/audit.la) and its unit tests.

# The loadable module: matchers + NASL binding (this area), the .audit
# parser (audit.mk) and the netstat/ss/tasklist parsers (sockets.mk); both
# fragments are included before this one.  Not linked against libnasl: the
# nasl_* functions come from the host process that dlopen()s it.
module_LTLIBRARIES += nasl-ext/audit.la
nasl_ext_audit_la_SOURCES = \
	nasl-ext/module.c nasl-ext/bind.h nasl-ext/bind.c \
	nasl-ext/match.h nasl-ext/match.c \
	nasl-ext/policy_dir.h nasl-ext/policy_dir.c \
	$(AUDIT_PARSER_SOURCES) $(SOCKETS_PARSER_SOURCES)
nasl_ext_audit_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared
nasl_ext_audit_la_LIBADD = $(GLIB_LIBS) $(PCRE2_LIBS)

# Unit tests of the matchers (pure C, no interpreter).
if HAVE_CMOCKA
check_PROGRAMS += tests/ext/test_match
TESTS += tests/ext/test_match
tests_ext_test_match_SOURCES = tests/ext/test_match.c \
	nasl-ext/match.h nasl-ext/match.c nasl-ext/policy_dir.h nasl-ext/policy_dir.c
tests_ext_test_match_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ext_test_match_LDADD = $(GLIB_LIBS) $(PCRE2_LIBS) $(CMOCKA_LIBS)
endif

# audit_parse's NASL value against the interpreter's array limits (links
# the interpreter core, which a module otherwise gets from its host).
if HAVE_CMOCKA
check_PROGRAMS += tests/ext/test_bind
TESTS += tests/ext/test_bind
tests_ext_test_bind_SOURCES = tests/ext/test_bind.c nasl-ext/bind.h nasl-ext/bind.c \
	nasl-ext/match.h nasl-ext/match.c nasl-ext/policy_dir.h nasl-ext/policy_dir.c \
	$(AUDIT_PARSER_SOURCES) $(SOCKETS_PARSER_SOURCES)
tests_ext_test_bind_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ext_test_bind_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(PCRE2_LIBS) $(CMOCKA_LIBS)
endif

# The builtins through the interpreter (data-driven, run by tests/run-lang-tests;
# the test loads nasl-ext/audit.la relative to the build directory).
TESTS += tests/ext/binding.test
EXTRA_DIST += tests/ext/binding.test tests/fuzz/fuzz_match.c tests/fuzz/corpus/match

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

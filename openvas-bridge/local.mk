## SPDX-License-Identifier: GPL-2.0-or-later
## openvas-bridge/local.mk: the OpenVAS bridge (openvas-bridge.so, preloaded into the
## stock scanner to add the audit builtins) and its tests against a stand-in of
## OpenVAS's NASL library (doc/openvas-bridge.md).

# Installed as $(pkglibdir)/openvas-bridge.so.  Built from the nasl-ext cores
# (not from bind.c: OpenVAS has its own value model); it links glib and
# pcre2 only and finds OpenVAS's functions at run time.  Its one exported
# symbol is func_is_internal (openvas-bridge.sym).
pkglib_LTLIBRARIES += openvas-bridge/openvas-bridge.la
openvas_bridge_openvas_bridge_la_SOURCES = \
	openvas-bridge/hook.c \
	openvas-bridge/ov_abi.h openvas-bridge/ov_abi.c \
	openvas-bridge/ov_call.h openvas-bridge/ov_call.c \
	openvas-bridge/bvalue.h openvas-bridge/bvalue.c \
	openvas-bridge/builtins.h openvas-bridge/builtins.c \
	nasl-ext/match.h nasl-ext/match.c \
	nasl-ext/policy_dir.h nasl-ext/policy_dir.c \
	$(AUDIT_PARSER_SOURCES) $(SOCKETS_PARSER_SOURCES)
openvas_bridge_openvas_bridge_la_CFLAGS = $(AM_CFLAGS) -pthread
openvas_bridge_openvas_bridge_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared \
	-pthread -Wl,--version-script=$(srcdir)/openvas-bridge/openvas-bridge.sym
openvas_bridge_openvas_bridge_la_LIBADD = $(GLIB_LIBS) $(PCRE2_LIBS)
EXTRA_openvas_bridge_openvas_bridge_la_DEPENDENCIES = openvas-bridge/openvas-bridge.sym
EXTRA_DIST += openvas-bridge/openvas-bridge.sym

# ---- tests ----------------------------------------------------------------
# The stand-in library, in the two layouts and once without a symbol the
# bridge needs, each with a driver linked against it (the way openvas and
# openvas-nasl link libopenvas_nasl).
STANDIN_CFLAGS = $(AM_CFLAGS) -fsemantic-interposition
STANDIN_LDFLAGS = -rpath $(abs_builddir)/tests/bridge -avoid-version -shared

check_LTLIBRARIES += tests/bridge/libstandin22.la tests/bridge/libstandin23.la \
	tests/bridge/libstandin_nosym.la
tests_bridge_libstandin22_la_SOURCES = tests/bridge/standin.h tests/bridge/standin.c
tests_bridge_libstandin22_la_CPPFLAGS = $(AM_CPPFLAGS) -DSTANDIN_LONG_SIZE=0 \
	-DSTANDIN_VERSION='"22.4.1"'
tests_bridge_libstandin22_la_CFLAGS = $(STANDIN_CFLAGS)
tests_bridge_libstandin22_la_LDFLAGS = $(AM_LDFLAGS) $(STANDIN_LDFLAGS)
tests_bridge_libstandin22_la_LIBADD = $(GLIB_LIBS)
tests_bridge_libstandin23_la_SOURCES = tests/bridge/standin.h tests/bridge/standin.c
tests_bridge_libstandin23_la_CPPFLAGS = $(AM_CPPFLAGS) -DSTANDIN_LONG_SIZE=1 \
	-DSTANDIN_VERSION='"23.50.20"'
tests_bridge_libstandin23_la_CFLAGS = $(STANDIN_CFLAGS)
tests_bridge_libstandin23_la_LDFLAGS = $(AM_LDFLAGS) $(STANDIN_LDFLAGS)
tests_bridge_libstandin23_la_LIBADD = $(GLIB_LIBS)
tests_bridge_libstandin_nosym_la_SOURCES = tests/bridge/standin.h tests/bridge/standin.c
tests_bridge_libstandin_nosym_la_CPPFLAGS = $(AM_CPPFLAGS) -DSTANDIN_LONG_SIZE=1 \
	-DSTANDIN_VERSION='"23.50.20"' -DSTANDIN_WITHOUT_NASL_PERROR
tests_bridge_libstandin_nosym_la_CFLAGS = $(STANDIN_CFLAGS)
tests_bridge_libstandin_nosym_la_LDFLAGS = $(AM_LDFLAGS) $(STANDIN_LDFLAGS)
tests_bridge_libstandin_nosym_la_LIBADD = $(GLIB_LIBS)

check_PROGRAMS += tests/bridge/driver22 tests/bridge/driver23 tests/bridge/driver_nosym
tests_bridge_driver22_SOURCES = tests/bridge/driver.c tests/bridge/standin.h
tests_bridge_driver22_CPPFLAGS = $(AM_CPPFLAGS) -DSTANDIN_LONG_SIZE=0
tests_bridge_driver22_LDADD = tests/bridge/libstandin22.la $(GLIB_LIBS)
tests_bridge_driver22_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_bridge_driver23_SOURCES = tests/bridge/driver.c tests/bridge/standin.h
tests_bridge_driver23_CPPFLAGS = $(AM_CPPFLAGS) -DSTANDIN_LONG_SIZE=1
tests_bridge_driver23_LDADD = tests/bridge/libstandin23.la $(GLIB_LIBS)
tests_bridge_driver23_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_bridge_driver_nosym_SOURCES = tests/bridge/driver.c tests/bridge/standin.h
tests_bridge_driver_nosym_CPPFLAGS = $(AM_CPPFLAGS) -DSTANDIN_LONG_SIZE=1
tests_bridge_driver_nosym_LDADD = tests/bridge/libstandin_nosym.la $(GLIB_LIBS)
tests_bridge_driver_nosym_LDFLAGS = $(AM_LDFLAGS) -no-install

TESTS += tests/bridge/activation.sh tests/bridge/differential.sh
# 'make bench' times the builtins through the bridge (needs the drivers).
BENCH_SHELL += tests/bridge/bench.sh
bench: tests/bridge/driver22 tests/bridge/driver23 tests/bridge/driver_nosym
EXTRA_DIST += tests/bridge/lib.sh tests/bridge/activation.sh tests/bridge/differential.sh \
	tests/bridge/real-openvas.sh tests/bridge/bench.sh tests/bridge/gencalls.py tests/bridge/dump.inc \
	tests/bridge/match-cases.txt

# Our builtins in the real openvas-nasl (not part of 'make check': CI has no
# OpenVAS): make check-openvas OPENVAS_NASL=/path/to/openvas-nasl
check-openvas: all tests/bridge/driver22 tests/bridge/driver23 tests/bridge/driver_nosym
	@test -n "$(OPENVAS_NASL)" || { echo "set OPENVAS_NASL=/path/to/openvas-nasl" >&2; exit 2; }
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  NASL='$(abs_top_builddir)/nasl/nasl' OPENVAS_NASL='$(OPENVAS_NASL)' \
	  $(SHELL) $(top_srcdir)/tests/bridge/real-openvas.sh
.PHONY: check-openvas

## SPDX-License-Identifier: GPL-2.0-or-later
## nasl/ssh.mk: SSH builtins (lib_ssh.c is listed in core.mk) and the real-sshd tests.

nasl_libnasl_core_la_SOURCES += nasl/ssh_conn.h nasl/ssh_conn.c \
	nasl/ssh_known_hosts.h nasl/ssh_known_hosts.c \
	nasl/ssh_agent_relay.h nasl/ssh_agent_relay.c

# The real-sshd fixture: a sourceable/executable shell script, its helpers and
# a C wrapper for cmocka group setups.  Fake commands are copied (and made
# executable) into the fixture directory at setup time.
EXTRA_DIST += tests/sshd/sshd-fixture.sh tests/sshd/fakebin/fake-command \
	tests/sshd/sshd_fixture.c tests/sshd/sshd_fixture.h \
	tests/fuzz/fuzz_known_hosts.c tests/fuzz/corpus/known_hosts

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_ssh
TESTS += tests/unit/test_ssh
tests_unit_test_ssh_SOURCES = tests/unit/test_ssh.c \
	tests/sshd/sshd_fixture.c tests/sshd/sshd_fixture.h
tests_unit_test_ssh_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/sshd $(CMOCKA_CFLAGS) \
	-DSSHD_FIXTURE_SCRIPT='"$(abs_top_srcdir)/tests/sshd/sshd-fixture.sh"'
tests_unit_test_ssh_LDADD = nasl/libnasl-core.la $(CMOCKA_LIBS) $(DEPS_LIBS)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_known_hosts
TESTS += tests/unit/test_known_hosts
tests_unit_test_known_hosts_SOURCES = tests/unit/test_known_hosts.c
tests_unit_test_known_hosts_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_known_hosts_LDADD = nasl/libnasl-core.la $(CMOCKA_LIBS) $(DEPS_LIBS)
endif

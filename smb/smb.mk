## SPDX-License-Identifier: GPL-2.0-or-later
## smb/smb.mk: the SMB2/3 client library (smb/), its NASL binding, tests, fuzzers and bench.

# The client knows nothing of NASL; libnasl links it for lib_smb.c / lib_ntlm.c.
noinst_LTLIBRARIES += smb/libsmbclient.la
smb_libsmbclient_la_SOURCES = \
	smb/smb_buf.h smb/smb_buf.c \
	smb/smb_error.h smb/smb_error.c \
	smb/smb_crypto.h smb/smb_crypto.c \
	smb/ntlm.h smb/ntlm.c \
	smb/spnego.h smb/spnego.c \
	smb/smb2_msg.h smb/smb2_msg.c \
	smb/smb2_conn.h smb/smb2_transport.c smb/smb2_session.c smb/smb2_ops.c \
	smb/dcerpc.h smb/dcerpc.c \
	smb/svcctl.h smb/svcctl.c \
	smb/smb.h smb/smb_exec.c
smb_libsmbclient_la_LIBADD = $(GLIB_LIBS) $(GNUTLS_LIBS) $(NETTLE_LIBS)
nasl_libnasl_core_la_LIBADD += smb/libsmbclient.la

# nasl-smb-exec: a small CLI for tests, operators and the bench (not installed).
noinst_PROGRAMS += smb/nasl-smb-exec
smb_nasl_smb_exec_SOURCES = smb/smb_exec_cli.c
smb_nasl_smb_exec_LDADD = smb/libsmbclient.la $(DEPS_LIBS)
# The NASL side: win_cmd_exec (lib_smb.c) and OpenVAS's NTLM/SMB crypto builtins (lib_ntlm.c).
nasl_libnasl_core_la_SOURCES += nasl/lib_smb.c nasl/lib_ntlm.c

EXTRA_DIST += tests/smb/smb_test_util.h tests/smb/samba-fixture.sh tests/smb/winemu.py \
	tests/smb/fixtures tests/smb/smb_fixture.h tests/smb/smb_fixture.c \
	tests/fuzz/fuzz_smb_msg.c tests/fuzz/fuzz_smb_ntlm.c tests/fuzz/fuzz_smb_dcerpc.c \
	tests/fuzz/fuzz_smb_client.c tests/fuzz/corpus/smb_msg tests/fuzz/corpus/smb_ntlm \
	tests/fuzz/corpus/smb_dcerpc tests/fuzz/corpus/smb_client

if HAVE_CMOCKA
SMB_UNIT_TESTS = tests/smb/test_smb_crypto tests/smb/test_smb_ntlm tests/smb/test_smb_msg \
	tests/smb/test_smb_dcerpc
check_PROGRAMS += $(SMB_UNIT_TESTS)
TESTS += $(SMB_UNIT_TESTS)
SMB_TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -I$(top_srcdir)/tests/smb
SMB_TEST_LDADD = smb/libsmbclient.la $(DEPS_LIBS) $(CMOCKA_LIBS)
tests_smb_test_smb_crypto_SOURCES = tests/smb/test_smb_crypto.c
tests_smb_test_smb_crypto_CFLAGS = $(SMB_TEST_CFLAGS)
tests_smb_test_smb_crypto_LDADD = $(SMB_TEST_LDADD)
tests_smb_test_smb_ntlm_SOURCES = tests/smb/test_smb_ntlm.c
tests_smb_test_smb_ntlm_CFLAGS = $(SMB_TEST_CFLAGS)
tests_smb_test_smb_ntlm_LDADD = $(SMB_TEST_LDADD)
tests_smb_test_smb_msg_SOURCES = tests/smb/test_smb_msg.c
tests_smb_test_smb_msg_CFLAGS = $(SMB_TEST_CFLAGS)
tests_smb_test_smb_msg_LDADD = $(SMB_TEST_LDADD)
tests_smb_test_smb_dcerpc_SOURCES = tests/smb/test_smb_dcerpc.c
tests_smb_test_smb_dcerpc_CFLAGS = $(SMB_TEST_CFLAGS)
tests_smb_test_smb_dcerpc_LDADD = $(SMB_TEST_LDADD)
# Real servers: Samba's smbd, and the impacket-based Windows emulator.
SMB_SERVER_TESTS = tests/smb/test_smb_samba tests/smb/test_smb_exec
check_PROGRAMS += $(SMB_SERVER_TESTS)
TESTS += $(SMB_SERVER_TESTS)
SMB_FIXTURE_CFLAGS = $(SMB_TEST_CFLAGS) -DSMB_FIXTURE_SRC='"$(abs_top_srcdir)/tests/smb"'
tests_smb_test_smb_samba_SOURCES = tests/smb/test_smb_samba.c tests/smb/smb_fixture.c \
	tests/smb/smb_fixture.h
tests_smb_test_smb_samba_CFLAGS = $(SMB_FIXTURE_CFLAGS)
tests_smb_test_smb_samba_LDADD = $(SMB_TEST_LDADD)
tests_smb_test_smb_exec_SOURCES = tests/smb/test_smb_exec.c tests/smb/smb_fixture.c \
	tests/smb/smb_fixture.h
tests_smb_test_smb_exec_CFLAGS = $(SMB_FIXTURE_CFLAGS)
tests_smb_test_smb_exec_LDADD = $(SMB_TEST_LDADD)
endif

# The NASL builtins: data-driven tests (win_cmd_exec's run against real servers: tests/smb/*.sh).
TESTS += tests/lang/builtins-ntlm.test
EXTRA_DIST += tests/lang/builtins-ntlm.test
TESTS += tests/smb/win-cmd-exec.sh tests/smb/plugins-smb.sh tests/smb/runner-smb.sh
EXTRA_DIST += tests/smb/win-cmd-exec.sh tests/smb/plugins-smb.sh tests/smb/runner-smb.sh

# make bench: round trips and time per command (emulator, smbd) and file transfer rates.
EXTRA_PROGRAMS += tests/bench/bench_smb
BENCHMARKS += tests/bench/bench_smb
tests_bench_bench_smb_SOURCES = tests/bench/bench_smb.c tests/smb/smb_fixture.c tests/smb/smb_fixture.h
tests_bench_bench_smb_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/smb \
	-DSMB_FIXTURE_SRC='"$(abs_top_srcdir)/tests/smb"'
tests_bench_bench_smb_LDADD = smb/libsmbclient.la $(DEPS_LIBS)

## SPDX-License-Identifier: GPL-2.0-or-later
## nasl/net.mk: network, crypto and number builtins: sockets (net_conn.c), HTTP
## requests, big numbers and public keys, ciphers, isotime, compression.

nasl_libnasl_core_la_SOURCES += \
	nasl/lib_bn.c nasl/lib_cipher.c nasl/lib_isotime.c nasl/lib_compress.c \
	nasl/net_conn.h nasl/net_conn.c nasl/lib_socket.h nasl/lib_socket.c nasl/lib_http.c \
	nasl/lib_raw.c

### Language tests of the crypto, number, cipher, isotime and compression builtins
NET_LANG_TESTS = \
	tests/lang/builtins-crypto.test \
	tests/lang/builtins-bn.test \
	tests/lang/builtins-cipher.test \
	tests/lang/builtins-isotime.test
TESTS += $(NET_LANG_TESTS)
EXTRA_DIST += $(NET_LANG_TESTS)

### The socket layer and the socket builtins against real loopback listeners
EXTRA_DIST += tests/net/net_fixture.c tests/net/net_fixture.h
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_net
TESTS += tests/unit/test_net
tests_unit_test_net_SOURCES = tests/unit/test_net.c tests/net/net_fixture.c tests/net/net_fixture.h
tests_unit_test_net_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/net $(CMOCKA_CFLAGS)
tests_unit_test_net_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) $(CMOCKA_LIBS) -lpthread
endif

### Benchmark: TCP connect probes (open and closed loopback ports), crypto builtins
EXTRA_PROGRAMS += tests/bench/bench_net
BENCHMARKS += tests/bench/bench_net
tests_bench_bench_net_SOURCES = tests/bench/bench_net.c
tests_bench_bench_net_LDADD = nasl/libnasl-core.la $(DEPS_LIBS) -lpthread
CLEANFILES += tests/bench/bench_net

### libFuzzer harness: arbitrary bytes into the crypto, number, isotime and compression builtins
EXTRA_DIST += tests/fuzz/fuzz_crypto.c tests/fuzz/corpus/crypto

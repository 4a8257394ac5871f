## SPDX-License-Identifier: GPL-2.0-or-later
## tests/runner/local.mk: runner-level tests of nasl-audit with stand-in plugins that emit records.

RUNNER_TESTS = tests/runner/records.sh tests/runner/inputs.sh tests/runner/escape.sh \
	tests/runner/secrets.sh tests/runner/signals.sh tests/runner/exit.sh \
	tests/runner/formats.sh tests/runner/drift.sh tests/runner/targets.sh tests/runner/html.sh \
	tests/runner/install.sh tests/runner/ssh-options.sh tests/runner/smb-options.sh
TESTS += $(RUNNER_TESTS)
EXTRA_DIST += $(RUNNER_TESTS) tests/runner/lib.sh tests/runner/pty-prompt.py \
	tests/runner/browser.py tests/runner/plugins/nasl_audit_gather.nasl \
	tests/runner/plugins/nasl_audit_ports.nasl
CLEANFILES += tests/runner/report.png

# Unit tests of the runner's pure parts (escaping, targets, records and frames).
if HAVE_CMOCKA
check_PROGRAMS += tests/runner/test_runner
TESTS += tests/runner/test_runner
tests_runner_test_runner_SOURCES = tests/runner/test_runner.c runner/escape.c runner/targets.c \
	runner/record.c runner/result.c
tests_runner_test_runner_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/runner
tests_runner_test_runner_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_runner_test_runner_LDADD = nasl/libnasl.la $(GLIB_LIBS) $(CMOCKA_LIBS)
endif

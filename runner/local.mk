## SPDX-License-Identifier: GPL-2.0-or-later
## runner/local.mk: nasl-audit, the standalone runner (plugins + module on the bundled interpreter).

bin_PROGRAMS += nasl-audit
nasl_audit_SOURCES = \
	runner/runner.h runner/result.h runner/result.c runner/record.h runner/record.c \
	runner/escape.h runner/escape.c runner/targets.c runner/policies.c runner/worker.c \
	runner/pool.c runner/state.c runner/output.h runner/output.c runner/out_json.c \
	runner/out_csv.c runner/out_xml.c runner/out_html.c runner/paths.c runner/probe.h \
	runner/probe.c runner/ssh_opts.h runner/ssh_opts.c runner/main.c
nasl_audit_LDADD = nasl/libnasl.la $(GLIB_LIBS) $(LIBSSH_LIBS)
dist_man_MANS = doc/nasl-audit.1 doc/nasl.1

# 'make bench': the runner's and the worker's memory on a 12.8 MB listing.
BENCH_SHELL += tests/bench/runner-memory.sh
EXTRA_DIST += tests/bench/runner-memory.sh

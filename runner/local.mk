## runner/local.mk: nasl-audit, the standalone runner (plugins + module on the bundled interpreter).

bin_PROGRAMS += nasl-audit
nasl_audit_SOURCES = \
	runner/runner.h runner/result.h runner/result.c runner/target.c \
	runner/output.c runner/paths.c runner/main.c
nasl_audit_LDADD = nasl/libnasl.la $(GLIB_LIBS)
dist_man_MANS = doc/nasl-audit.1

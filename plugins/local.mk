## SPDX-License-Identifier: GPL-2.0-or-later
## plugins/local.mk: the NASL plugins and the shipped policy folder.

dist_plugins_DATA += \
	plugins/nasl_audit_func.inc plugins/nasl_audit_checks.inc \
	plugins/nasl_audit_collect.inc plugins/nasl_audit_api.inc \
	plugins/nasl_audit_gather.nasl plugins/nasl_audit_ports.nasl
# The pure-NASL path behind nasl_audit_api.inc (doc/pure-nasl.md).
dist_plugins_DATA += \
	plugins/nasl_audit_pure_util.inc plugins/nasl_audit_pure_netstat.inc \
	plugins/nasl_audit_pure_tasklist.inc plugins/nasl_audit_pure_regex.inc \
	plugins/nasl_audit_pure_casefold.inc plugins/nasl_audit_pure_match.inc \
	plugins/nasl_audit_pure_audit.inc plugins/nasl_audit_pure_policy.inc
include tests/pure/local.mk
# nasl_audit_paths.inc names the installed policy folder: written at install time.
dist_noinst_DATA += plugins/nasl_audit_paths.inc
install-data-hook: install-plugin-paths
uninstall-hook: uninstall-plugin-paths
install-plugin-paths: plugins/nasl-audit-openvas
	$(MKDIR_P) '$(DESTDIR)$(pluginsdir)'
	$(SHELL) plugins/nasl-audit-openvas paths '$(DESTDIR)$(pluginsdir)'
uninstall-plugin-paths:
	rm -f '$(DESTDIR)$(pluginsdir)/nasl_audit_paths.inc'
.PHONY: install-plugin-paths uninstall-plugin-paths
# The shipped policy folder is installed by audit-files/local.mk (as configuration).

# nasl-audit-openvas: puts the plugins into an OpenVAS scanner's plugin folder
# (doc/openvas.md); 'make install-openvas OPENVAS_PLUGINS_DIR=DIR' runs it
# from the source tree, and --with-openvas-plugins-dir makes 'make install'
# run it too.
bin_SCRIPTS += plugins/nasl-audit-openvas
CLEANFILES += plugins/nasl-audit-openvas
EXTRA_DIST += plugins/nasl-audit-openvas.in
plugins/nasl-audit-openvas: $(srcdir)/plugins/nasl-audit-openvas.in Makefile
	$(MKDIR_P) plugins
	sed -e 's|@pkgdatadir[@]|$(pkgdatadir)|g' -e 's|@policydir[@]|$(policydir)|g' \
	  $(srcdir)/plugins/nasl-audit-openvas.in >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@
OPENVAS_PLUGINS_DIR = $(openvas_plugins_dir)
install-openvas: plugins/nasl-audit-openvas
	@test -n '$(OPENVAS_PLUGINS_DIR)' || { echo "make install-openvas: give OPENVAS_PLUGINS_DIR=<the scanner's plugins_folder>" >&2; exit 2; }
	NASL_AUDIT_PLUGINS_SRC='$(abs_srcdir)/plugins' $(SHELL) plugins/nasl-audit-openvas install \
	  $${OPENVAS_SIGN_KEY:+--sign "$$OPENVAS_SIGN_KEY" --gnupg "$$OPENVAS_GNUPG"} \
	  $${OPENVAS_VERIFY_GNUPG:+--verify-gnupg "$$OPENVAS_VERIFY_GNUPG"} '$(DESTDIR)$(OPENVAS_PLUGINS_DIR)'
.PHONY: install-openvas
if HAVE_OPENVAS_PLUGINS_DIR
install-data-local: install-openvas
uninstall-local:
	NASL_AUDIT_PLUGINS_SRC='$(abs_srcdir)/plugins' $(SHELL) plugins/nasl-audit-openvas remove '$(DESTDIR)$(OPENVAS_PLUGINS_DIR)'
endif

## plugins/local.mk: the NASL plugins and the shipped policy folder.

dist_plugins_DATA += \
	plugins/nasl_audit_func.inc plugins/nasl_audit_checks.inc \
	plugins/nasl_audit_collect.inc plugins/nasl_audit_api.inc \
	plugins/nasl_audit_gather.nasl plugins/nasl_audit_ports.nasl
# nasl_audit_paths.inc names the installed policy folder: written at install time.
dist_noinst_DATA += plugins/nasl_audit_paths.inc
write_paths_inc = printf '\# nasl_audit_paths.inc: where the installed plugins find their policy folder (written by make install).\n\nNA_POLICY_DIR = "%s";\n' '$(policydir)'
install-data-hook: install-plugin-paths
uninstall-hook: uninstall-plugin-paths
install-plugin-paths:
	$(MKDIR_P) '$(DESTDIR)$(pluginsdir)'
	$(write_paths_inc) >'$(DESTDIR)$(pluginsdir)/nasl_audit_paths.inc'
uninstall-plugin-paths:
	rm -f '$(DESTDIR)$(pluginsdir)/nasl_audit_paths.inc'
.PHONY: install-plugin-paths uninstall-plugin-paths
dist_policy_DATA += \
	audit-files/linux-baseline.audit audit-files/windows-baseline.audit \
	audit-files/example-conditional.audit

# With --with-openvas-plugins-dir the plugins also go into an OpenVAS feed directory.
if HAVE_OPENVAS_PLUGINS_DIR
install-data-local: install-openvas-plugins
install-openvas-plugins:
	$(MKDIR_P) '$(DESTDIR)$(openvas_plugins_dir)'
	for f in $(dist_plugins_DATA); do $(INSTALL_DATA) '$(srcdir)/'$$f '$(DESTDIR)$(openvas_plugins_dir)/'; done
	$(write_paths_inc) >'$(DESTDIR)$(openvas_plugins_dir)/nasl_audit_paths.inc'
uninstall-local:
	for f in $(dist_plugins_DATA) nasl_audit_paths.inc; do rm -f '$(DESTDIR)$(openvas_plugins_dir)/'`basename $$f`; done
endif

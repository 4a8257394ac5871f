## plugins/local.mk: the NASL plugins and the shipped policy folder.

dist_plugins_DATA += \
	plugins/nasl_audit_func.inc plugins/nasl_audit_checks.inc \
	plugins/nasl_audit_gather.nasl plugins/nasl_audit_ports.nasl
dist_policy_DATA += \
	audit-files/linux-baseline.audit audit-files/windows-baseline.audit \
	audit-files/example-conditional.audit

# With --with-openvas-plugins-dir the plugins also go into an OpenVAS feed directory.
if HAVE_OPENVAS_PLUGINS_DIR
install-data-local: install-openvas-plugins
install-openvas-plugins:
	$(MKDIR_P) '$(DESTDIR)$(openvas_plugins_dir)'
	for f in $(dist_plugins_DATA); do $(INSTALL_DATA) '$(srcdir)/'$$f '$(DESTDIR)$(openvas_plugins_dir)/'; done
uninstall-local:
	for f in $(dist_plugins_DATA); do rm -f '$(DESTDIR)$(openvas_plugins_dir)/'`basename $$f`; done
endif

## SPDX-License-Identifier: GPL-2.0-or-later
## audit-files/local.mk: the shipped policy folder (installed as configuration) and the example policy (documentation).

# The installed policies are the operator's configuration.  'make install'
# puts a shipped policy in place when there is none or when it is still as
# shipped; an edited one is kept, and the new version goes beside it as
# NAME.audit.dist (not a *.audit name, so it is not run).  'make uninstall'
# removes only policies that are still as shipped, and the .dist copies.
SHIPPED_POLICIES = audit-files/linux-baseline.audit audit-files/windows-baseline.audit
EXTRA_DIST += $(SHIPPED_POLICIES)
install-data-hook: install-policies
uninstall-hook: uninstall-policies
install-policies:
	$(MKDIR_P) '$(DESTDIR)$(policydir)'
	@for f in $(SHIPPED_POLICIES); do \
	  b=`basename $$f`; dst='$(DESTDIR)$(policydir)'/$$b; \
	  if test ! -f "$$dst" || cmp -s '$(srcdir)'/$$f "$$dst"; then \
	    echo " $(INSTALL_DATA) $$f $$dst"; \
	    $(INSTALL_DATA) '$(srcdir)'/$$f "$$dst" || exit 1; \
	    rm -f "$$dst.dist"; \
	  else \
	    echo "$$dst has been edited: kept; this version is installed as $$b.dist"; \
	    $(INSTALL_DATA) '$(srcdir)'/$$f "$$dst.dist" || exit 1; \
	  fi; \
	done
uninstall-policies:
	@for f in $(SHIPPED_POLICIES); do \
	  b=`basename $$f`; dst='$(DESTDIR)$(policydir)'/$$b; \
	  if test -f "$$dst" && cmp -s '$(srcdir)'/$$f "$$dst"; then \
	    echo " rm -f $$dst"; rm -f "$$dst"; \
	  elif test -f "$$dst"; then \
	    echo "$$dst has been edited: kept"; \
	  fi; \
	  rm -f "$$dst.dist"; \
	done
	-rmdir '$(DESTDIR)$(policydir)' 2>/dev/null
.PHONY: install-policies uninstall-policies

# The example policy is documentation, not part of the active folder: a first
# run on a fresh machine reports real findings only.
examplesdir = $(docdir)/examples
dist_examples_DATA = doc/examples/example-conditional.audit

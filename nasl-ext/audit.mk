## nasl-ext/audit.mk

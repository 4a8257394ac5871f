## nasl-ext/local.mk

## nasl/text.mk

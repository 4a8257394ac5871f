## nasl/front.mk

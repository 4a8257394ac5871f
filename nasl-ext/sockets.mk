## nasl-ext/sockets.mk

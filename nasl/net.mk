## nasl/net.mk: network, crypto and number builtins: sockets (net_conn.c), HTTP
## requests, big numbers and public keys, ciphers, isotime, compression.

nasl_libnasl_core_la_SOURCES += \
	nasl/lib_bn.c nasl/lib_cipher.c nasl/lib_isotime.c nasl/lib_compress.c \
	nasl/net_conn.h nasl/net_conn.c nasl/lib_socket.h nasl/lib_socket.c nasl/lib_http.c \
	nasl/lib_raw.c

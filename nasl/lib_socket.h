/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_socket.h: what the socket family lends to other families (lib_http.c, lib_host.c). */
#ifndef NASL_LIB_SOCKET_H
#define NASL_LIB_SOCKET_H

#include "libs.h"

/* open_sock_tcp with a read buffer of 'bufsz' bytes (< 0: the bufsz:
** argument decides); http_open_socket passes 65536. */
NASL_INTERNAL nasl_value socket_open_tcp (nasl_call *call, int bufsz);
/* close(socket) on the first positional argument. */
NASL_INTERNAL nasl_value socket_close (nasl_call *call);

/* The encapsulation recorded for TCP 'port' ("Transports/TCP/<port>" in the
** KB), ENCAPS_IP when there is none. */
NASL_INTERNAL int socket_port_transport (nasl_state *st, int port);

/* lib_host.c: openvas-nasl's port state rule (1 open, 0 closed) for "tcp" or "udp". */
NASL_INTERNAL int host_port_state (nasl_state *st, long port, const char *proto);

#endif

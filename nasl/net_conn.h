/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_conn.h: TCP and TLS connections with deadlines: the socket layer under lib_socket.c. */
#ifndef NASL_NET_CONN_H
#define NASL_NET_CONN_H

#include <gnutls/gnutls.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/*
** Every call here is bounded in time: sockets are non-blocking, and each
** wait goes through poll() against a deadline.  A connection owns its
** descriptor and its TLS session; netconn_free() releases both.
**
** Reading follows openvas-nasl's stream rules (misc/network.c), because
** what a plugin receives depends on them:
**   plain TCP  waits in steps of one second; 'timeout' silent steps end the
**              read; once some data has arrived (and 'min' is reached or not
**              given), two silent steps end it too; EOF ends it; 'min' > 0
**              bytes end it.
**   TLS        reads until 'max' bytes, 'min' bytes (when > 0), EOF or an
**              error (EPIPE), or until 'timeout' seconds have passed
**              (ETIMEDOUT).
**   buffered   (netconn_set_buffer) reads are served from a buffer refilled
**              by reads of up to the buffer's size.
*/

/* openvas_encaps_t: the values of the ENCAPS_* NASL constants.  ORDER ENCAPS */
typedef enum netconn_encaps {
  NETCONN_ENCAPS_AUTO = 0,
  NETCONN_ENCAPS_IP,
  NETCONN_ENCAPS_SSLv23,
  NETCONN_ENCAPS_SSLv2,
  NETCONN_ENCAPS_SSLv3,
  NETCONN_ENCAPS_TLSv1,
  NETCONN_ENCAPS_TLSv11,
  NETCONN_ENCAPS_TLSv12,
  NETCONN_ENCAPS_TLSv13,
  NETCONN_ENCAPS_TLScustom,
  NETCONN_ENCAPS_MAX
} netconn_encaps;

#define NETCONN_IS_TLS(e) ((e) >= NETCONN_ENCAPS_SSLv23 && (e) <= NETCONN_ENCAPS_TLScustom)

/* The priorities openvas-nasl uses when it picks TLS by itself (auto detection). */
#define NETCONN_DEFAULT_PRIORITY "NORMAL:+ARCFOUR-128:%COMPAT"

/* "IP", "TLScustom", ... (openvas-nasl's get_encaps_name); 'buf' holds the
** text for an unknown value. */
NASL_INTERNAL const char *netconn_encaps_name (int encaps, char buf[64]);

/* Milliseconds of the monotonic clock. */
NASL_INTERNAL int64_t netconn_now_ms (void);

/* A numeric IPv4 or IPv6 address (IPv4-mapped IPv6 counts as IPv4) and a
** port as a socket address; false when 'ip' is not a numeric address. */
NASL_INTERNAL bool netconn_sockaddr (const char *ip, int port, struct sockaddr_storage *ss,
                                     socklen_t *len);

/* Waits until 'fd' is ready for 'events' (POLLIN, POLLOUT) or the deadline
** (netconn_now_ms() scale) passes; 1 ready, 0 timed out, -1 error.  EINTR is
** retried. */
NASL_INTERNAL int netconn_wait (int fd, short events, int64_t deadline_ms);

/*
** Connects a new non-blocking socket of 'type' (SOCK_STREAM, SOCK_DGRAM) to
** 'sa'.  'sport' > 0 binds that local port first (SO_REUSEADDR).  A TCP
** connection that is not established after 'timeout_ms' fails with
** ETIMEDOUT.  Returns the descriptor, or -1 with errno set (ECONNREFUSED,
** ETIMEDOUT, EADDRINUSE for a busy source port, ...).
*/
NASL_INTERNAL int netconn_connect (const struct sockaddr *sa, socklen_t len, int type, int sport,
                                   int timeout_ms);

typedef struct netconn netconn;

/* Wraps a connected TCP descriptor (plain, ENCAPS_IP); 'timeout_s' is the
** stream timeout used by reads, writes and handshakes (> 0). */
NASL_INTERNAL netconn *netconn_new (int fd, int timeout_s);
/* Closes the descriptor (after shutdown() when 'shutdown_first') and frees
** everything; NULL is fine. */
NASL_INTERNAL void netconn_free (netconn *c, bool shutdown_first);

NASL_INTERNAL int netconn_fd (const netconn *c);
NASL_INTERNAL netconn_encaps netconn_get_encaps (const netconn *c);
NASL_INTERNAL gnutls_session_t netconn_tls (const netconn *c);
NASL_INTERNAL int netconn_timeout (const netconn *c);
/* Sets the stream timeout (seconds; <= 0 keeps the old one); returns the old one. */
NASL_INTERNAL int netconn_set_timeout (netconn *c, int timeout_s);
/* errno of the last failed read or write (0: none): EPIPE, ETIMEDOUT, ECONNRESET ... */
NASL_INTERNAL int netconn_last_error (const netconn *c);
/* The port the connection went to (for messages and the KB). */
NASL_INTERNAL void netconn_set_port (netconn *c, int port);
NASL_INTERNAL int netconn_port (const netconn *c);

/* TLS settings for netconn_start_tls (every field may be NULL). */
typedef struct netconn_tls_opts {
  const char *priority;  /* for ENCAPS_TLScustom; NULL: GnuTLS's defaults */
  const char *sni;       /* server name to send; skipped when it is an address */
  const char *cert_file; /* client certificate (PEM) ... */
  const char *key_file;  /* ... and its key (PEM; PKCS#8 when key_password is set) */
  const char *key_password;
  const char *ca_file;   /* trusted CAs (PEM); nothing is verified during the handshake */
} netconn_tls_opts;

/*
** Runs a TLS handshake of version 'encaps' (ENCAPS_SSLv23 .. ENCAPS_TLScustom)
** within the stream timeout.  Returns 1 on success; -1 on failure or timeout
** (last error ETIMEDOUT), -2 when a TLScustom server's DH prime is too small,
** -3 when the server sent a fatal alert.  '*why' (may be NULL) gets a short
** static reason on failure.
*/
NASL_INTERNAL int netconn_start_tls (netconn *c, netconn_encaps encaps,
                                     const netconn_tls_opts *opts, const char **why);
/* Another handshake on an established TLS connection (renegotiation):
** 1, a negative GnuTLS code, or -1. */
NASL_INTERNAL int netconn_rehandshake (netconn *c);

/* Reads between 'min' (<= 0: no minimum) and 'max' bytes (see above);
** returns the count (0 on timeout or EOF) or -1 when 'c' cannot be read
** (also a TLS connection read by another process than the one that made
** the session, e.g. a child forked by get_kb_item). */
NASL_INTERNAL long netconn_read (netconn *c, void *buf, long min, long max);
/* Writes all of 'buf' within the stream timeout ('flags' for send(): MSG_OOB,
** ignored under TLS); returns the bytes written, -1 when none could be. */
NASL_INTERNAL long netconn_write (netconn *c, const void *buf, size_t len, int flags);

/* Read buffer of 'size' bytes (0: none); -1 when it would drop buffered data. */
NASL_INTERNAL int netconn_set_buffer (netconn *c, size_t size);
NASL_INTERNAL size_t netconn_buffer_size (const netconn *c);

/* The unbuffered plain read rules on any descriptor (UDP sockets, see
** above); 'timeout_s' <= 0 counts as one second. */
NASL_INTERNAL long netconn_read_fd (int fd, void *buf, long min, long max, int timeout_s);

#endif /* NASL_NET_CONN_H */

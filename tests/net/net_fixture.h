/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_fixture.h: real listeners on loopback for the socket tests (TCP, TLS, UDP, silent, refused). */
#ifndef NET_FIXTURE_H
#define NET_FIXTURE_H

#include <stddef.h>

/*
** Each listener is a real socket on 127.0.0.1 (and ::1 for the IPv6 echo),
** served by threads of the test process:
**   echo       sends back what it receives
**   tls_echo   the same under TLS 1.2/1.3, with a throwaway self-signed
**              ECDSA certificate made at start (cert_der)
**   lines      sends "first line\nsecond line\nno newline" and waits
**   silent     accepts and never sends
**   backlog    a listener that never accepts, its queue already full: a
**              connect() to it is never answered (time-out)
**   refused    a port nothing listens on
**   udp_echo   answers each datagram with "udp:" + datagram
**   ftp        a tiny FTP dialogue (220 banner in 3 lines, 331, 230, 227)
**   telnet     sends IAC DO ECHO, IAC WILL SGA, then "login: "; records
**              what the client sent back (telnet_seen)
**   http       answers any request with a fixed HTTP/1.0 response and
**              records the last request (http_seen)
*/
typedef struct net_fixture {
  int echo, tls_echo, lines, silent, backlog, refused, udp_echo, ftp, telnet, http;
  int echo6;                      /* the echo service on ::1 (0 when IPv6 is missing) */
  unsigned char *cert_der;        /* the TLS server's certificate */
  size_t cert_der_len;
  char telnet_seen[64];           /* hex of the first bytes the telnet client sent */
  char http_seen[4096];           /* the last request the HTTP service got */
  struct net_fixture_priv *priv;
} net_fixture;

/* Starts every listener; NULL (with a message on stderr) when it cannot. */
net_fixture *net_fixture_start (void);
/* Stops the threads, closes everything, frees the fixture. */
void net_fixture_stop (net_fixture *f);
/* Connections the echo service has seen end (EOF from the client). */
int net_fixture_echo_closed (net_fixture *f);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_conn.c: TCP and TLS connections with deadlines: the socket layer under lib_socket.c. */
#include "net_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A wait step of the plain read rules (openvas-nasl's INCR_TIMEOUT). */
#define READ_STEP_MS 1000

struct netconn {
  int fd;
  netconn_encaps encaps;
  int timeout_s;
  int port;
  int last_err;
  gnutls_session_t tls;
  gnutls_certificate_credentials_t cred;
  pid_t tls_pid;    /* the process that made the TLS session */
  uint8_t *buf;     /* read buffer, or NULL */
  size_t bufsz;
  size_t bufcnt;    /* bytes held */
  size_t bufptr;    /* offset of the first one */
};

/* ORDER ENCAPS */
static const char *const encaps_names[] = {
  "auto", "IP", "SSLv23", "SSLv2", "SSLv3", "TLSv1", "TLSv11", "TLSv12", "TLSv13", "TLScustom",
};

const char *
netconn_encaps_name (int encaps, char buf[64])
{
  if (encaps >= 0 && encaps < (int) G_N_ELEMENTS (encaps_names))
    return encaps_names[encaps];
  g_snprintf (buf, 64, "[unknown transport layer - code %d (0x%x)]", encaps, encaps);
  return buf;
}

int64_t
netconn_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool
netconn_sockaddr (const char *ip, int port, struct sockaddr_storage *ss, socklen_t *len)
{
  struct sockaddr_in *s4 = (struct sockaddr_in *) ss;
  struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) ss;
  struct in6_addr a6;

  memset (ss, 0, sizeof *ss);
  if (ip == NULL)
    return false;
  if (inet_pton (AF_INET, ip, &s4->sin_addr) == 1)
    {
      s4->sin_family = AF_INET;
      s4->sin_port = htons ((uint16_t) port);
      *len = sizeof *s4;
      return true;
    }
  if (inet_pton (AF_INET6, ip, &a6) != 1)
    return false;
  if (IN6_IS_ADDR_V4MAPPED (&a6))
    {
      s4->sin_family = AF_INET;
      memcpy (&s4->sin_addr, &a6.s6_addr[12], 4);
      s4->sin_port = htons ((uint16_t) port);
      *len = sizeof *s4;
      return true;
    }
  s6->sin6_family = AF_INET6;
  s6->sin6_addr = a6;
  s6->sin6_port = htons ((uint16_t) port);
  *len = sizeof *s6;
  return true;
}

int
netconn_wait (int fd, short events, int64_t deadline_ms)
{
  struct pollfd p = { .fd = fd, .events = events, .revents = 0 };

  for (;;)
    {
      int64_t left = deadline_ms - netconn_now_ms ();
      int r;
      if (left < 0)
        left = 0;
      r = poll (&p, 1, left > INT_MAX ? INT_MAX : (int) left);
      if (r > 0)
        return 1;
      if (r == 0)
        {
          if (netconn_now_ms () >= deadline_ms)
            return 0;
          continue;
        }
      if (errno != EINTR)
        return -1;
    }
}

/* Closes 'fd' keeping errno. */
static int
close_keep_errno (int fd)
{
  int e = errno;

  close (fd);
  errno = e;
  return -1;
}

/* Binds 'fd' to local port 'sport' on the wildcard address of 'family'. */
static int
bind_source_port (int fd, int family, int sport)
{
  struct sockaddr_storage ss;
  socklen_t len;
  int on = 1;

  memset (&ss, 0, sizeof ss);
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (family == AF_INET6)
    {
      struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) &ss;
      s6->sin6_family = AF_INET6;
      s6->sin6_addr = in6addr_any;
      s6->sin6_port = htons ((uint16_t) sport);
      len = sizeof *s6;
    }
  else
    {
      struct sockaddr_in *s4 = (struct sockaddr_in *) &ss;
      s4->sin_family = AF_INET;
      s4->sin_addr.s_addr = htonl (INADDR_ANY);
      s4->sin_port = htons ((uint16_t) sport);
      len = sizeof *s4;
    }
  return bind (fd, (struct sockaddr *) &ss, len);
}

int
netconn_connect (const struct sockaddr *sa, socklen_t len, int type, int sport, int timeout_ms)
{
  int fd = socket (sa->sa_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int err = 0, r;
  socklen_t elen = sizeof err;

  if (fd < 0)
    return -1;
  if (sport > 0 && bind_source_port (fd, sa->sa_family, sport) < 0)
    return close_keep_errno (fd);
  if (connect (fd, sa, len) == 0)
    return fd;
  if (errno != EINPROGRESS && errno != EAGAIN)
    return close_keep_errno (fd);
  r = netconn_wait (fd, POLLOUT, netconn_now_ms () + (timeout_ms > 0 ? timeout_ms : 0));
  if (r == 0)
    errno = ETIMEDOUT;
  if (r <= 0)
    return close_keep_errno (fd);
  if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
    return close_keep_errno (fd);
  if (err != 0)
    {
      errno = err;
      return close_keep_errno (fd);
    }
  return fd;
}

/* --- connections ------------------------------------------------------------ */

netconn *
netconn_new (int fd, int timeout_s)
{
  netconn *c = g_new0 (netconn, 1);

  c->fd = fd;
  c->encaps = NETCONN_ENCAPS_IP;
  c->timeout_s = timeout_s > 0 ? timeout_s : 1;
  return c;
}

void
netconn_free (netconn *c, bool shutdown_first)
{
  if (c == NULL)
    return;
  if (c->tls != NULL)
    gnutls_deinit (c->tls);
  if (c->cred != NULL)
    gnutls_certificate_free_credentials (c->cred);
  if (c->fd >= 0)
    {
      if (shutdown_first)
        shutdown (c->fd, SHUT_RDWR);
      close (c->fd);
    }
  g_free (c->buf);
  g_free (c);
}

int netconn_fd (const netconn *c) { return c->fd; }
netconn_encaps netconn_get_encaps (const netconn *c) { return c->encaps; }
gnutls_session_t netconn_tls (const netconn *c) { return c->tls; }
int netconn_timeout (const netconn *c) { return c->timeout_s; }
int netconn_last_error (const netconn *c) { return c->last_err; }
void netconn_set_port (netconn *c, int port) { c->port = port; }
int netconn_port (const netconn *c) { return c->port; }

int
netconn_set_timeout (netconn *c, int timeout_s)
{
  int old = c->timeout_s;

  if (timeout_s > 0)
    c->timeout_s = timeout_s;
  return old;
}

/* --- TLS ------------------------------------------------------------------------ */

/* openvas-nasl's priority string for each TLS encapsulation. */
static const char *
priority_of (netconn_encaps encaps, const char *custom)
{
  switch (encaps)
    {
    case NETCONN_ENCAPS_SSLv3:
      return "NORMAL:-VERS-TLS-ALL:+VERS-SSL3.0:+ARCFOUR-128:%COMPAT";
    case NETCONN_ENCAPS_TLSv1:
      return "NORMAL:-VERS-TLS-ALL:+VERS-TLS1.0:+ARCFOUR-128:%COMPAT";
    case NETCONN_ENCAPS_TLSv11:
      return "NORMAL:-VERS-TLS-ALL:+VERS-TLS1.1:+ARCFOUR-128:%COMPAT";
    case NETCONN_ENCAPS_TLSv12:
      return "NORMAL:-VERS-TLS-ALL:+VERS-TLS1.2:+ARCFOUR-128:%COMPAT";
    case NETCONN_ENCAPS_TLSv13:
      return "NORMAL:-VERS-TLS-ALL:+VERS-TLS1.3:%COMPAT";
    case NETCONN_ENCAPS_SSLv23:
      return "NORMAL:-VERS-TLS-ALL:+VERS-TLS1.0:+VERS-SSL3.0:+ARCFOUR-128:%COMPAT";
    default: /* TLScustom, and SSLv2 which GnuTLS does not speak */
      return custom != NULL && *custom ? custom : NULL;
    }
}

/* GnuTLS's write side: send() that never raises SIGPIPE. */
static ssize_t
tls_push (gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
  return send (GPOINTER_TO_INT (ptr), data, len, MSG_NOSIGNAL);
}

static bool
is_address (const char *s)
{
  struct in6_addr a;

  return inet_pton (AF_INET, s, &a) == 1 || inet_pton (AF_INET6, s, &a) == 1;
}

/* Session, priorities, SNI and credentials; false with '*why' set. */
static bool
tls_setup (netconn *c, netconn_encaps encaps, const netconn_tls_opts *opts, const char **why)
{
  const char *prio = priority_of (encaps, opts ? opts->priority : NULL);

  if (gnutls_init (&c->tls, GNUTLS_CLIENT | GNUTLS_NONBLOCK) != 0)
    {
      c->tls = NULL;
      *why = "cannot create a TLS session";
      return false;
    }
  if (gnutls_priority_set_direct (c->tls, prio, NULL) != 0)
    {
      *why = "invalid TLS priority string";
      return false;
    }
  if (opts && opts->sni && *opts->sni && !is_address (opts->sni))
    gnutls_server_name_set (c->tls, GNUTLS_NAME_DNS, opts->sni, strlen (opts->sni));
  if (gnutls_certificate_allocate_credentials (&c->cred) != 0)
    {
      c->cred = NULL;
      *why = "cannot allocate TLS credentials";
      return false;
    }
  if (opts && opts->cert_file && opts->key_file
      && gnutls_certificate_set_x509_key_file2 (c->cred, opts->cert_file, opts->key_file,
                                                GNUTLS_X509_FMT_PEM, opts->key_password, 0)
           < 0)
    {
      *why = "cannot load the client certificate or key";
      return false;
    }
  if (opts && opts->ca_file
      && gnutls_certificate_set_x509_trust_file (c->cred, opts->ca_file, GNUTLS_X509_FMT_PEM) < 0)
    {
      *why = "cannot load the CA file";
      return false;
    }
  if (gnutls_credentials_set (c->tls, GNUTLS_CRD_CERTIFICATE, c->cred) != 0)
    {
      *why = "cannot set TLS credentials";
      return false;
    }
  gnutls_transport_set_int (c->tls, c->fd);
  gnutls_transport_set_push_function (c->tls, tls_push);
  return true;
}

/* Handshake loop within the stream timeout; see netconn_start_tls. */
static int
tls_handshake (netconn *c, bool first, const char **why)
{
  int64_t deadline = netconn_now_ms () + (int64_t) c->timeout_s * 1000;

  for (;;)
    {
      int err = gnutls_handshake (c->tls), r;
      if (err == 0)
        return 1;
      if (first && err == GNUTLS_E_DH_PRIME_UNACCEPTABLE && c->encaps == NETCONN_ENCAPS_TLScustom)
        {
          *why = gnutls_strerror (err);
          return -2;
        }
      if (first && err == GNUTLS_E_FATAL_ALERT_RECEIVED)
        {
          *why = gnutls_alert_get_name (gnutls_alert_get (c->tls));
          return -3;
        }
      if (!first && err == GNUTLS_E_WARNING_ALERT_RECEIVED)
        return err;
      if (err != GNUTLS_E_INTERRUPTED && err != GNUTLS_E_AGAIN
          && err != GNUTLS_E_WARNING_ALERT_RECEIVED)
        {
          *why = gnutls_strerror (err);
          return -1;
        }
      r = netconn_wait (c->fd, gnutls_record_get_direction (c->tls) ? POLLOUT : POLLIN, deadline);
      if (r <= 0)
        {
          c->last_err = ETIMEDOUT;
          *why = "timed out";
          return -1;
        }
    }
}

int
netconn_start_tls (netconn *c, netconn_encaps encaps, const netconn_tls_opts *opts,
                   const char **why)
{
  const char *dummy;

  if (why == NULL)
    why = &dummy;
  *why = NULL;
  if (!NETCONN_IS_TLS (encaps) || c->tls != NULL)
    {
      *why = "not a TLS encapsulation";
      return -1;
    }
  c->encaps = encaps;
  c->tls_pid = getpid ();
  if (!tls_setup (c, encaps, opts, why))
    return -1;
  return tls_handshake (c, true, why);
}

int
netconn_rehandshake (netconn *c)
{
  const char *why;

  if (c->tls == NULL)
    return -1;
  return tls_handshake (c, false, &why);
}

/* --- reading ------------------------------------------------------------------------ */

long
netconn_read_fd (int fd, void *buf0, long min, long max, int timeout_s)
{
  uint8_t *buf = buf0;
  long total = 0;
  int idle = 0, flag = 0;

  if (timeout_s <= 0)
    timeout_s = 1;
  while (total < max && idle < timeout_s)
    {
      int r = netconn_wait (fd, POLLIN, netconn_now_ms () + READ_STEP_MS);
      ssize_t n;
      if (r <= 0)
        {
          idle++;
          if (total > 0 && flag)
            return total;
          if (total >= min)
            flag++;
          continue;
        }
      n = recv (fd, buf + total, (size_t) (max - total), 0);
      if (n < 0)
        {
          if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
            continue;
          return total;
        }
      if (n == 0)
        return total;
      total += n;
      if (min > 0 && total >= min)
        return total;
      flag = 0;
    }
  return total;
}

static long
read_tls (netconn *c, uint8_t *buf, long min, long max)
{
  int64_t deadline = netconn_now_ms () + (int64_t) c->timeout_s * 1000;
  long total = 0;

  while (netconn_now_ms () < deadline)
    {
      ssize_t n;
      if (gnutls_record_check_pending (c->tls) == 0)
        {
          int64_t step = MIN (deadline, netconn_now_ms () + READ_STEP_MS);
          if (netconn_wait (c->fd, POLLIN, step) <= 0)
            continue;
        }
      n = gnutls_record_recv (c->tls, buf + total, (size_t) (max - total));
      if (n > 0)
        {
          total += n;
          if (total >= max)
            return total;
        }
      else if (n != GNUTLS_E_INTERRUPTED && n != GNUTLS_E_AGAIN)
        {
          c->last_err = EPIPE;
          return total;
        }
      if (min > 0 && total >= min)
        return total;
    }
  c->last_err = ETIMEDOUT;
  return total;
}

static long
read_unbuffered (netconn *c, uint8_t *buf, long min, long max)
{
  c->last_err = 0;
  if (max <= 0)
    return 0;
  /* A forked child (get_kb_item) reading the parent's TLS stream would
  ** desynchronise it: refused, as openvas-nasl does. */
  if (c->tls != NULL && c->tls_pid != getpid ())
    {
      errno = EINVAL;
      return -1;
    }
  if (c->tls != NULL)
    return read_tls (c, buf, min, max);
  return netconn_read_fd (c->fd, buf, min, max, c->timeout_s);
}

/* Takes up to 'max' buffered bytes into 'dst'. */
static size_t
take_buffered (netconn *c, uint8_t *dst, size_t max)
{
  size_t n = MIN (max, c->bufcnt);

  memcpy (dst, c->buf + c->bufptr, n);
  c->bufcnt -= n;
  c->bufptr = c->bufcnt == 0 ? 0 : c->bufptr + n;
  return n;
}

long
netconn_read (netconn *c, void *buf0, long min, long max)
{
  uint8_t *buf = buf0;
  long got = 0, fill;

  if (c == NULL || c->fd < 0)
    return -1;
  if (c->buf == NULL || max <= 0)
    return read_unbuffered (c, buf, min, max);
  if (max == 1)
    min = 1;
  if (c->bufcnt > 0)
    {
      got = (long) take_buffered (c, buf, (size_t) max);
      if (got >= min || got >= max)
        return got;
      max -= got;
      min -= got;
    }
  if (min > (long) c->bufsz)
    {
      long more = read_unbuffered (c, buf + got, min, max);
      return more > 0 ? got + more : got;
    }
  fill = read_unbuffered (c, c->buf, min, (long) c->bufsz);
  if (fill <= 0)
    return got;
  c->bufcnt = (size_t) fill;
  c->bufptr = 0;
  return got + (long) take_buffered (c, buf + got, (size_t) max);
}

int
netconn_set_buffer (netconn *c, size_t size)
{
  if (size < c->bufcnt)
    return -1;
  if (size == 0)
    {
      g_free (c->buf);
      c->buf = NULL;
      c->bufsz = c->bufcnt = c->bufptr = 0;
      return 0;
    }
  if (c->bufcnt > 0 && c->bufptr > 0)
    memmove (c->buf, c->buf + c->bufptr, c->bufcnt);
  c->bufptr = 0;
  c->buf = g_realloc (c->buf, size);
  c->bufsz = size;
  return 0;
}

size_t
netconn_buffer_size (const netconn *c)
{
  return c->bufsz;
}

/* --- writing ------------------------------------------------------------------------ */

long
netconn_write (netconn *c, const void *buf0, size_t len, int flags)
{
  const uint8_t *buf = buf0;
  int64_t deadline = netconn_now_ms () + (int64_t) c->timeout_s * 1000;
  size_t count = 0;

  c->last_err = 0;
  while (count < len)
    {
      ssize_t n;
      short ev = POLLOUT;
      if (c->tls != NULL)
        {
          n = gnutls_record_send (c->tls, buf + count, len - count);
          if (n > 0)
            {
              count += (size_t) n;
              continue;
            }
          if (n != GNUTLS_E_AGAIN && n != GNUTLS_E_INTERRUPTED)
            {
              c->last_err = EPIPE;
              break;
            }
          ev = gnutls_record_get_direction (c->tls) ? POLLOUT : POLLIN;
        }
      else
        {
          n = send (c->fd, buf + count, len - count, flags | MSG_NOSIGNAL);
          if (n > 0)
            {
              count += (size_t) n;
              continue;
            }
          if (n == 0)
            {
              c->last_err = EPIPE;
              break;
            }
          if (errno == EINTR)
            continue;
          if (errno != EAGAIN && errno != EWOULDBLOCK)
            {
              c->last_err = errno;
              break;
            }
        }
      if (netconn_wait (c->fd, ev, deadline) <= 0)
        {
          c->last_err = ETIMEDOUT;
          break;
        }
    }
  return count == 0 && len > 0 ? -1 : (long) count;
}

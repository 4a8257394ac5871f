/* SPDX-License-Identifier: GPL-2.0-or-later */
/* net_fixture.c: real listeners on loopback for the socket tests (TCP, TLS, UDP, silent, refused). */
#include "config.h"

#include "net_fixture.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 256
#define STEP_MS 100

typedef enum service {
  SVC_ECHO, SVC_TLS_ECHO, SVC_LINES, SVC_SILENT, SVC_FTP, SVC_TELNET, SVC_HTTP, SVC_COUNT
} service;

typedef struct listener {
  struct net_fixture *f;
  service svc;
  int fd;
  pthread_t thread;
  bool started;
} listener;

typedef struct worker {
  struct net_fixture *f;
  service svc;
  int fd;
} worker;

struct net_fixture_priv {
  volatile int stop;
  listener listeners[SVC_COUNT + 1]; /* + the IPv6 echo */
  int backlog_fd, backlog_client, udp_fd;
  pthread_t udp_thread;
  pthread_mutex_t lock;
  pthread_t workers[MAX_WORKERS];
  int nworkers;
  int echo_closed;
  gnutls_certificate_credentials_t cred;
};

/* --- helpers -------------------------------------------------------------- */

static int
bound_socket (int family, int type, int *port)
{
  struct sockaddr_storage ss;
  socklen_t len;
  int fd = socket (family, type | SOCK_CLOEXEC, 0), on = 1;

  if (fd < 0)
    return -1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  memset (&ss, 0, sizeof ss);
  if (family == AF_INET)
    {
      struct sockaddr_in *s4 = (struct sockaddr_in *) &ss;
      s4->sin_family = AF_INET;
      s4->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      len = sizeof *s4;
    }
  else
    {
      struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) &ss;
      s6->sin6_family = AF_INET6;
      s6->sin6_addr = in6addr_loopback;
      len = sizeof *s6;
    }
  if (bind (fd, (struct sockaddr *) &ss, len) < 0
      || getsockname (fd, (struct sockaddr *) &ss, &len) < 0)
    {
      close (fd);
      return -1;
    }
  *port = ntohs (family == AF_INET ? ((struct sockaddr_in *) &ss)->sin_port
                                   : ((struct sockaddr_in6 *) &ss)->sin6_port);
  return fd;
}

/* Waits for input on 'fd' in short steps until the fixture stops; 1 ready, 0 stop. */
static int
wait_input (struct net_fixture_priv *p, int fd)
{
  struct pollfd pf = { .fd = fd, .events = POLLIN };

  while (!p->stop)
    {
      int r = poll (&pf, 1, STEP_MS);
      if (r > 0)
        return 1;
      if (r < 0 && errno != EINTR)
        return 0;
    }
  return 0;
}

static void
send_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;

  while (len > 0)
    {
      ssize_t n = send (fd, p, len, MSG_NOSIGNAL);
      if (n <= 0)
        return;
      p += n;
      len -= (size_t) n;
    }
}

/* One line (up to '\n') from a blocking-with-poll socket; its length, 0 at EOF. */
static size_t
read_line (struct net_fixture_priv *p, int fd, char *buf, size_t size)
{
  size_t n = 0;

  while (n + 1 < size && wait_input (p, fd))
    {
      if (recv (fd, buf + n, 1, 0) != 1)
        break;
      if (buf[n++] == '\n')
        break;
    }
  buf[n] = '\0';
  return n;
}

/* --- services --------------------------------------------------------------- */

static void
serve_echo (net_fixture *f, int fd)
{
  char buf[4096];

  for (;;)
    {
      ssize_t n;
      if (!wait_input (f->priv, fd))
        return;
      n = recv (fd, buf, sizeof buf, 0);
      if (n <= 0)
        break;
      send_all (fd, buf, (size_t) n);
    }
  pthread_mutex_lock (&f->priv->lock);
  f->priv->echo_closed++;
  pthread_mutex_unlock (&f->priv->lock);
}

static void
serve_tls_echo (net_fixture *f, int fd)
{
  gnutls_session_t s;
  char buf[4096];

  if (gnutls_init (&s, GNUTLS_SERVER) != 0)
    return;
  gnutls_set_default_priority (s);
  gnutls_credentials_set (s, GNUTLS_CRD_CERTIFICATE, f->priv->cred);
  gnutls_transport_set_int (s, fd);
  gnutls_handshake_set_timeout (s, 5000);
  if (gnutls_handshake (s) == 0)
    for (;;)
      {
        ssize_t n;
        if (gnutls_record_check_pending (s) == 0 && !wait_input (f->priv, fd))
          break;
        n = gnutls_record_recv (s, buf, sizeof buf);
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
          continue;
        if (n <= 0 || gnutls_record_send (s, buf, (size_t) n) < 0)
          break;
      }
  gnutls_deinit (s);
}

static void
serve_lines (net_fixture *f, int fd)
{
  static const char text[] = "first line\nsecond line\nno newline";

  send_all (fd, text, sizeof text - 1);
  while (wait_input (f->priv, fd))
    {
      char c;
      if (recv (fd, &c, 1, 0) <= 0)
        break;
    }
}

static void
serve_silent (net_fixture *f, int fd)
{
  while (wait_input (f->priv, fd))
    {
      char c;
      if (recv (fd, &c, 1, 0) <= 0)
        break;
    }
}

static void
serve_ftp (net_fixture *f, int fd)
{
  static const char banner[] = "220-Welcome\r\n220-to the test\r\n220 server\r\n";
  char line[512];

  send_all (fd, banner, sizeof banner - 1);
  while (read_line (f->priv, fd, line, sizeof line) > 0)
    {
      const char *reply = "500 unknown\r\n";
      if (g_str_has_prefix (line, "USER "))
        reply = "331 password please\r\n";
      else if (strcmp (line, "PASS s3cret\r\n") == 0)
        reply = "230-Logged\r\n230 in\r\n";
      else if (g_str_has_prefix (line, "PASS "))
        reply = "530 wrong\r\n";
      else if (strcmp (line, "PASV\r\n") == 0)
        reply = "227 Entering Passive Mode (127,0,0,1,19,137)\r\n";
      send_all (fd, reply, strlen (reply));
    }
}

static void
serve_telnet (net_fixture *f, int fd)
{
  static const unsigned char opts[] = { 255, 253, 1, 255, 251, 3 };
  unsigned char got[16];
  size_t n = 0;

  send_all (fd, opts, sizeof opts);
  while (n < 9 && wait_input (f->priv, fd))
    {
      ssize_t r = recv (fd, got + n, 9 - n, 0);
      if (r <= 0)
        break;
      n += (size_t) r;
    }
  pthread_mutex_lock (&f->priv->lock);
  for (size_t i = 0; i < n; i++)
    g_snprintf (f->telnet_seen + 2 * i, 3, "%02x", got[i]);
  pthread_mutex_unlock (&f->priv->lock);
  send_all (fd, "login: ", 7);
  serve_silent (f, fd);
}

static void
serve_http (net_fixture *f, int fd)
{
  static const char resp[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello from http\n";
  char req[4096];
  size_t n = 0;

  while (n + 1 < sizeof req && wait_input (f->priv, fd))
    {
      ssize_t r = recv (fd, req + n, sizeof req - 1 - n, 0);
      if (r <= 0)
        break;
      n += (size_t) r;
      req[n] = '\0';
      if (strstr (req, "\r\n\r\n"))
        break;
    }
  req[n] = '\0';
  pthread_mutex_lock (&f->priv->lock);
  g_strlcpy (f->http_seen, req, sizeof f->http_seen);
  pthread_mutex_unlock (&f->priv->lock);
  send_all (fd, resp, sizeof resp - 1);
}

static void *
worker_main (void *arg)
{
  worker *w = arg;

  switch (w->svc)
    {
    case SVC_ECHO: serve_echo (w->f, w->fd); break;
    case SVC_TLS_ECHO: serve_tls_echo (w->f, w->fd); break;
    case SVC_LINES: serve_lines (w->f, w->fd); break;
    case SVC_SILENT: serve_silent (w->f, w->fd); break;
    case SVC_FTP: serve_ftp (w->f, w->fd); break;
    case SVC_TELNET: serve_telnet (w->f, w->fd); break;
    case SVC_HTTP: serve_http (w->f, w->fd); break;
    default: break;
    }
  close (w->fd);
  g_free (w);
  return NULL;
}

static void *
listener_main (void *arg)
{
  listener *l = arg;
  struct net_fixture_priv *p = l->f->priv;

  while (wait_input (p, l->fd))
    {
      int fd = accept4 (l->fd, NULL, NULL, SOCK_CLOEXEC);
      worker *w;
      if (fd < 0)
        continue;
      w = g_new0 (worker, 1);
      w->f = l->f;
      w->svc = l->svc;
      w->fd = fd;
      pthread_mutex_lock (&p->lock);
      if (p->nworkers < MAX_WORKERS
          && pthread_create (&p->workers[p->nworkers], NULL, worker_main, w) == 0)
        p->nworkers++;
      else
        {
          close (fd);
          g_free (w);
        }
      pthread_mutex_unlock (&p->lock);
    }
  return NULL;
}

static void *
udp_main (void *arg)
{
  net_fixture *f = arg;
  char buf[2048];

  while (wait_input (f->priv, f->priv->udp_fd))
    {
      struct sockaddr_storage from;
      socklen_t flen = sizeof from;
      ssize_t n = recvfrom (f->priv->udp_fd, buf + 4, sizeof buf - 4, 0,
                            (struct sockaddr *) &from, &flen);
      if (n < 0)
        continue;
      memcpy (buf, "udp:", 4);
      sendto (f->priv->udp_fd, buf, (size_t) n + 4, 0, (struct sockaddr *) &from, flen);
    }
  return NULL;
}

/* --- the throwaway certificate ------------------------------------------------ */

static int
make_credentials (net_fixture *f)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t der = { NULL, 0 };
  unsigned char serial[] = { 1 };
  time_t now = time (NULL);
  int err;

  err = gnutls_x509_privkey_init (&key);
  err = err ? err : gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                  GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0);
  err = err ? err : gnutls_x509_crt_init (&crt);
  err = err ? err : gnutls_x509_crt_set_version (crt, 3);
  err = err ? err : gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  err = err ? err : gnutls_x509_crt_set_dn (crt, "CN=nasl-test.invalid", NULL);
  err = err ? err : gnutls_x509_crt_set_issuer_dn (crt, "CN=nasl-test.invalid", NULL);
  err = err ? err : gnutls_x509_crt_set_activation_time (crt, now - 3600);
  err = err ? err : gnutls_x509_crt_set_expiration_time (crt, now + 86400);
  err = err ? err : gnutls_x509_crt_set_key (crt, key);
  err = err ? err : gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0);
  err = err ? err : gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  err = err ? err : gnutls_certificate_allocate_credentials (&f->priv->cred);
  err = err ? err : gnutls_certificate_set_x509_key (f->priv->cred, &crt, 1, key);
  if (err == 0)
    {
      f->cert_der = g_memdup2 (der.data, der.size);
      f->cert_der_len = der.size;
    }
  else
    fprintf (stderr, "net_fixture: cannot make the certificate: %s\n", gnutls_strerror (err));
  gnutls_free (der.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return err == 0 ? 0 : -1;
}

/* --- start and stop ----------------------------------------------------------- */

static int
start_listener (net_fixture *f, int idx, service svc, int family, int *port)
{
  listener *l = &f->priv->listeners[idx];

  l->f = f;
  l->svc = svc;
  l->fd = bound_socket (family, SOCK_STREAM, port);
  if (l->fd < 0 || listen (l->fd, 64) < 0)
    return -1;
  if (pthread_create (&l->thread, NULL, listener_main, l) != 0)
    return -1;
  l->started = true;
  return 0;
}

/* A listener whose accept queue is full: further SYNs are dropped. */
static int
start_backlog (net_fixture *f)
{
  struct sockaddr_in sa = { .sin_family = AF_INET };
  struct net_fixture_priv *p = f->priv;

  p->backlog_fd = bound_socket (AF_INET, SOCK_STREAM, &f->backlog);
  if (p->backlog_fd < 0 || listen (p->backlog_fd, 0) < 0)
    return -1;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  sa.sin_port = htons ((uint16_t) f->backlog);
  p->backlog_client = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  return connect (p->backlog_client, (struct sockaddr *) &sa, sizeof sa);
}

net_fixture *
net_fixture_start (void)
{
  static const service order[] = { SVC_ECHO, SVC_TLS_ECHO, SVC_LINES, SVC_SILENT,
                                   SVC_FTP, SVC_TELNET, SVC_HTTP };
  net_fixture *f = g_new0 (net_fixture, 1);
  int *ports[] = { &f->echo, &f->tls_echo, &f->lines, &f->silent, &f->ftp, &f->telnet, &f->http };
  int probe;

  f->priv = g_new0 (struct net_fixture_priv, 1);
  f->priv->backlog_fd = f->priv->backlog_client = f->priv->udp_fd = -1;
  pthread_mutex_init (&f->priv->lock, NULL);
  if (make_credentials (f) < 0)
    goto fail;
  for (size_t i = 0; i < G_N_ELEMENTS (order); i++)
    if (start_listener (f, (int) i, order[i], AF_INET, ports[i]) < 0)
      goto fail;
  if (start_listener (f, SVC_COUNT, SVC_ECHO, AF_INET6, &f->echo6) < 0)
    f->echo6 = 0;
  if (start_backlog (f) < 0)
    goto fail;
  probe = bound_socket (AF_INET, SOCK_STREAM, &f->refused);
  if (probe < 0)
    goto fail;
  close (probe);
  f->priv->udp_fd = bound_socket (AF_INET, SOCK_DGRAM, &f->udp_echo);
  if (f->priv->udp_fd < 0 || pthread_create (&f->priv->udp_thread, NULL, udp_main, f) != 0)
    goto fail;
  return f;
fail:
  fprintf (stderr, "net_fixture: cannot start the listeners: %s\n", g_strerror (errno));
  net_fixture_stop (f);
  return NULL;
}

void
net_fixture_stop (net_fixture *f)
{
  struct net_fixture_priv *p;

  if (f == NULL)
    return;
  p = f->priv;
  p->stop = 1;
  for (int i = 0; i <= SVC_COUNT; i++)
    if (p->listeners[i].started)
      pthread_join (p->listeners[i].thread, NULL);
  if (p->udp_fd >= 0 && f->udp_echo)
    pthread_join (p->udp_thread, NULL);
  pthread_mutex_lock (&p->lock);
  int n = p->nworkers;
  pthread_mutex_unlock (&p->lock);
  for (int i = 0; i < n; i++)
    pthread_join (p->workers[i], NULL);
  for (int i = 0; i <= SVC_COUNT; i++)
    if (p->listeners[i].fd > 0)
      close (p->listeners[i].fd);
  if (p->backlog_client >= 0)
    close (p->backlog_client);
  if (p->backlog_fd >= 0)
    close (p->backlog_fd);
  if (p->udp_fd >= 0)
    close (p->udp_fd);
  if (p->cred)
    gnutls_certificate_free_credentials (p->cred);
  pthread_mutex_destroy (&p->lock);
  g_free (f->cert_der);
  g_free (p);
  g_free (f);
}

int
net_fixture_echo_closed (net_fixture *f)
{
  int n;

  pthread_mutex_lock (&f->priv->lock);
  n = f->priv->echo_closed;
  pthread_mutex_unlock (&f->priv->lock);
  return n;
}

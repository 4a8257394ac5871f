/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_net.c: cost of TCP connect probes (open and closed loopback ports) and of the crypto builtins. */
#include "config.h"

#include "nasl.h"
#include "net_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PROBES 1000

static volatile int stop_accepting;

static double
now_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* A loopback listener; its port in *port. */
static int
listener (int *port)
{
  struct sockaddr_in sa = { .sin_family = AF_INET };
  socklen_t len = sizeof sa;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;

  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (fd, (struct sockaddr *) &sa, len) < 0 || listen (fd, 4096) < 0
      || getsockname (fd, (struct sockaddr *) &sa, &len) < 0)
    return -1;
  *port = ntohs (sa.sin_port);
  return fd;
}

/* Accepts and closes connections until told to stop. */
static void *
acceptor (void *arg)
{
  int fd = GPOINTER_TO_INT (arg);
  struct pollfd p = { .fd = fd, .events = POLLIN };

  while (!stop_accepting)
    if (poll (&p, 1, 100) > 0)
      {
        int c = accept4 (fd, NULL, NULL, SOCK_CLOEXEC);
        if (c >= 0)
          close (c);
      }
  return NULL;
}

static void
collect (void *ud, const char *bytes, size_t len)
{
  g_string_append_len (ud, bytes, (gssize) len);
}

static void
print_diag (void *ud, const char *text)
{
  (void) ud;
  fprintf (stderr, "  diag: %s\n", text);
}

/* Runs 'src' in a fresh state aimed at 127.0.0.1; returns the seconds it
** took, or -1 (with the output) when it failed or did not print "ok". */
static double
time_script (const char *label, const char *src)
{
  GString *out = g_string_new (NULL);
  nasl_state *st = nasl_state_new ();
  double t0, t;
  nasl_status status;

  nasl_set_output (st, collect, out);
  nasl_set_diag (st, print_diag, NULL);
  nasl_set_target (st, "127.0.0.1", NULL);
  t0 = now_seconds ();
  status = nasl_run_buffer (st, label, src, strlen (src), 0);
  t = now_seconds () - t0;
  nasl_state_free (st);
  if (status != NASL_OK || strstr (out->str, "ok") == NULL)
    {
      printf ("%-44s FAILED (status %d, output '%s')\n", label, (int) status, out->str);
      t = -1;
    }
  g_string_free (out, TRUE);
  return t;
}

static int
report_probes (const char *label, const char *src)
{
  double t = time_script (label, src);

  if (t < 0)
    return 1;
  printf ("%-44s %4d probes %8.3f s %8.1f us/probe %9.0f probes/s\n", label, PROBES, t,
          t * 1e6 / PROBES, PROBES / t);
  return 0;
}

static int
report_ops (const char *label, int ops, double bytes_per_op, const char *src)
{
  double t = time_script (label, src);

  if (t < 0)
    return 1;
  if (bytes_per_op > 0)
    printf ("%-44s %5d ops %8.3f s %9.1f MB/s\n", label, ops, t, ops * bytes_per_op / t / 1e6);
  else
    printf ("%-44s %5d ops %8.3f s %9.1f ops/s\n", label, ops, t, ops / t);
  return 0;
}

/* netconn_connect alone, PROBES times against 'port'. */
static int
layer_probes (const char *label, int port, bool expect_open)
{
  struct sockaddr_storage ss;
  socklen_t len;
  double t0 = now_seconds (), t;
  int ok = 0;

  netconn_sockaddr ("127.0.0.1", port, &ss, &len);
  for (int i = 0; i < PROBES; i++)
    {
      int fd = netconn_connect ((struct sockaddr *) &ss, len, SOCK_STREAM, 0, 5000);
      if ((fd >= 0) == expect_open)
        ok++;
      if (fd >= 0)
        close (fd);
    }
  t = now_seconds () - t0;
  if (ok != PROBES)
    {
      printf ("%-44s FAILED (%d of %d as expected)\n", label, ok, PROBES);
      return 1;
    }
  printf ("%-44s %4d probes %8.3f s %8.1f us/probe %9.0f probes/s\n", label, PROBES, t,
          t * 1e6 / PROBES, PROBES / t);
  return 0;
}

/* A throwaway RSA key in PEM (a NASL "..." literal may span lines). */
static char *
rsa_pem_literal (void)
{
  gnutls_x509_privkey_t key;
  gnutls_datum_t pem = { NULL, 0 };
  char *lit;

  gnutls_x509_privkey_init (&key);
  gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA, 2048, 0);
  gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_PEM, &pem);
  lit = g_strndup ((const char *) pem.data, pem.size);
  gnutls_free (pem.data);
  gnutls_x509_privkey_deinit (key);
  return lit;
}

int
main (void)
{
  int open_port = 0, closed_port = 0, failures = 0;
  int lfd = listener (&open_port), probe = listener (&closed_port);
  pthread_t th;
  char *src, *pem;

  if (lfd < 0 || probe < 0)
    {
      fprintf (stderr, "bench_net: cannot listen on loopback\n");
      return 1;
    }
  close (probe); /* nothing listens there any more: connections are refused */
  pthread_create (&th, NULL, acceptor, GINT_TO_POINTER (lfd));

  printf ("bench_net: TCP connect probes on 127.0.0.1 (open port %d, closed port %d)\n",
          open_port, closed_port);
  failures += layer_probes ("net_conn connect, open port", open_port, true);
  failures += layer_probes ("net_conn connect, closed port", closed_port, false);
  src = g_strdup_printf ("n = 0; for (i = 0; i < %d; i++) { s = open_sock_tcp(%d, transport:ENCAPS_IP);"
                         " if (s) { n++; close(s); } } if (n == %d) display('ok');",
                         PROBES, open_port, PROBES);
  failures += report_probes ("open_sock_tcp + close, open port", src);
  g_free (src);
  src = g_strdup_printf ("n = 0; for (i = 0; i < %d; i++) if (!open_sock_tcp(%d, transport:ENCAPS_IP)) n++;"
                         " if (n == %d) display('ok');", PROBES, closed_port, PROBES);
  failures += report_probes ("open_sock_tcp, closed port (refused)", src);
  g_free (src);
  stop_accepting = 1;
  pthread_join (th, NULL);
  close (lfd);

  printf ("bench_net: crypto builtins\n");
  failures += report_ops ("SHA256 of 1 MiB", 200, 1048576,
    "d = crap(length:1048576); for (i = 0; i < 200; i++) h = SHA256(d); if (strlen(h) == 32) display('ok');");
  failures += report_ops ("HMAC_SHA256 of 1 MiB", 200, 1048576,
    "d = crap(length:1048576); for (i = 0; i < 200; i++) h = HMAC_SHA256(key:'k', data:d); if (strlen(h) == 32) display('ok');");
  failures += report_ops ("aes128_cbc_encrypt of 1 MiB", 100, 1048576,
    "d = crap(length:1048576); for (i = 0; i < 100; i++) c = aes128_cbc_encrypt(key:'0123456789abcdef', iv:'0123456789abcdef', data:d); if (strlen(c) == 1048576) display('ok');");
  failures += report_ops ("aes128_gcm_encrypt_auth of 1 MiB", 100, 1048576,
    "d = crap(length:1048576); for (i = 0; i < 100; i++) c = aes128_gcm_encrypt_auth(key:'0123456789abcdef', iv:'012345678901', data:d, aad:'a'); if (strlen(c[1]) == 16) display('ok');");
  failures += report_ops ("gzip of 1 MiB text", 20, 1048576,
    "d = crap(data:'the quick brown fox ', length:1048576); for (i = 0; i < 20; i++) z = gzip(data:d); if (gunzip(data:z) == d) display('ok');");
  /* RFC 3526 group 14 (2048-bit MODP), generator 2, 256-bit exponents */
  failures += report_ops ("dh_generate_key, 2048-bit group", 200, 0,
    "function unhex() { local_var s, r, i; s = _FCT_ANON_ARGS[0]; r = raw_string();"
    " for (i = 0; i < strlen(s); i += 2) r += raw_string((\"0x\" + substr(s, i, i + 1)) | 0); return r; }"
    " p = unhex('ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd'"
    " + 'ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f2411'"
    " + '7c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d'"
    " + '670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497c'"
    " + 'ea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff');"
    " for (i = 0; i < 200; i++) y = dh_generate_key(p:p, g:raw_string(2), priv:bn_random(need:256));"
    " if (strlen(y) > 200) display('ok');");
  pem = rsa_pem_literal ();
  src = g_strdup_printf ("k = \"%s\"; h = SHA1('abc'); for (i = 0; i < 100; i++) s = rsa_sign(priv:k, data:h);"
                         " if (strlen(s) >= 255) display('ok');", pem);
  failures += report_ops ("rsa_sign, RSA-2048 (PEM read each call)", 100, 0, src);
  g_free (src);
  g_free (pem);
  return failures > 0 ? 1 : 0;
}

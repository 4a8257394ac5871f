/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_net.c: the socket layer (net_conn.c) and the socket builtins against real loopback listeners. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nasl.h"
#include "net_conn.h"
#include "net_fixture.h"

static net_fixture *fx;

static int
group_setup (void **state)
{
  (void) state;
  fx = net_fixture_start ();
  return fx ? 0 : -1;
}

static int
group_teardown (void **state)
{
  (void) state;
  net_fixture_stop (fx);
  return 0;
}

/* --- helpers ------------------------------------------------------------------ */

static int
connect_port (const char *ip, int port, int timeout_ms)
{
  struct sockaddr_storage ss;
  socklen_t len;

  assert_true (netconn_sockaddr (ip, port, &ss, &len));
  return netconn_connect ((struct sockaddr *) &ss, len, SOCK_STREAM, 0, timeout_ms);
}

static netconn *
open_conn (int port, int timeout_s)
{
  int fd = connect_port ("127.0.0.1", port, 2000);

  assert_true (fd >= 0);
  return netconn_new (fd, timeout_s);
}

typedef struct capture {
  GString *out;
  GString *diag;
} capture;

static void
cap_out (void *ud, const char *bytes, size_t len)
{
  g_string_append_len (((capture *) ud)->out, bytes, (gssize) len);
}

static void
cap_diag (void *ud, const char *text)
{
  g_string_append_printf (((capture *) ud)->diag, "%s\n", text);
}

/* A state aimed at 'target' whose output and diagnostics go to 'cap'. */
static nasl_state *
new_state (const char *target, capture *cap)
{
  nasl_state *st = nasl_state_new ();

  cap->out = g_string_new (NULL);
  cap->diag = g_string_new (NULL);
  nasl_set_output (st, cap_out, cap);
  nasl_set_diag (st, cap_diag, cap);
  nasl_set_target (st, target, target);
  return st;
}

static void
free_capture (capture *cap)
{
  g_string_free (cap->out, TRUE);
  g_string_free (cap->diag, TRUE);
}

/* Runs a script on 'st'; the format's %d etc. take the ports. */
static void
run_on (nasl_state *st, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
run_on (nasl_state *st, const char *fmt, ...)
{
  va_list ap;
  char *src;

  va_start (ap, fmt);
  src = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  assert_int_equal (nasl_run_buffer (st, "t.nasl", src, strlen (src), 0), NASL_OK);
  g_free (src);
}

/* Output of a script run against 127.0.0.1 on a fresh state; diagnostics
** go to '*diag' (g_free) when given. */
static char *
run_script (char **diag, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static char *
run_script (char **diag, const char *fmt, ...)
{
  capture cap;
  nasl_state *st = new_state ("127.0.0.1", &cap);
  va_list ap;
  char *src, *out;

  va_start (ap, fmt);
  src = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  assert_int_equal (nasl_run_buffer (st, "t.nasl", src, strlen (src), 0), NASL_OK);
  g_free (src);
  nasl_state_free (st);
  out = g_strdup (cap.out->str);
  if (diag)
    *diag = g_strdup (cap.diag->str);
  free_capture (&cap);
  return out;
}

static int
open_fd_count (void)
{
  DIR *d = opendir ("/proc/self/fd");
  int n = 0;

  assert_non_null (d);
  while (readdir (d))
    n++;
  closedir (d);
  return n;
}

/* --- the socket layer ------------------------------------------------------------ */

static void
test_connect_refused (void **state)
{
  (void) state;
  errno = 0;
  assert_int_equal (connect_port ("127.0.0.1", fx->refused, 2000), -1);
  assert_int_equal (errno, ECONNREFUSED);
}

static void
test_connect_timeout (void **state)
{
  (void) state;
  errno = 0;
  assert_int_equal (connect_port ("127.0.0.1", fx->backlog, 300), -1);
  assert_int_equal (errno, ETIMEDOUT);
}

static void
test_sockaddr (void **state)
{
  struct sockaddr_storage ss;
  socklen_t len;

  (void) state;
  assert_true (netconn_sockaddr ("::ffff:10.1.2.3", 80, &ss, &len));
  assert_int_equal (ss.ss_family, AF_INET);
  assert_int_equal (len, sizeof (struct sockaddr_in));
  assert_int_equal (ntohs (((struct sockaddr_in *) &ss)->sin_port), 80);
  assert_true (netconn_sockaddr ("fe80::1", 443, &ss, &len));
  assert_int_equal (ss.ss_family, AF_INET6);
  assert_false (netconn_sockaddr ("example.com", 80, &ss, &len));
  assert_false (netconn_sockaddr (NULL, 80, &ss, &len));
}

static void
test_encaps_names (void **state)
{
  char buf[64];

  (void) state;
  assert_string_equal (netconn_encaps_name (NETCONN_ENCAPS_IP, buf), "IP");
  assert_string_equal (netconn_encaps_name (NETCONN_ENCAPS_TLScustom, buf), "TLScustom");
  assert_string_equal (netconn_encaps_name (42, buf),
                       "[unknown transport layer - code 42 (0x2a)]");
}

static void
test_echo_with_min (void **state)
{
  netconn *c = open_conn (fx->echo, 5);
  char buf[64] = "";

  (void) state;
  assert_int_equal (netconn_write (c, "hello world", 11, 0), 11);
  assert_int_equal (netconn_read (c, buf, 11, 11), 11);
  assert_memory_equal (buf, "hello world", 11);
  assert_int_equal (netconn_last_error (c), 0);
  netconn_free (c, true);
}

/* Without 'min', a read that got something ends after two silent seconds. */
static void
test_read_stops_after_silence (void **state)
{
  netconn *c = open_conn (fx->lines, 10);
  char buf[256];
  long n;

  (void) state;
  n = netconn_read (c, buf, -1, sizeof buf);
  assert_int_equal (n, 33);
  assert_memory_equal (buf, "first line\nsecond line\nno newline", 33);
  netconn_free (c, true);
}

static void
test_buffered_reads (void **state)
{
  netconn *c = open_conn (fx->lines, 5);
  char buf[64];

  (void) state;
  assert_int_equal (netconn_set_buffer (c, 16), 0);
  assert_int_equal (netconn_buffer_size (c), 16);
  assert_int_equal (netconn_read (c, buf, 1, 1), 1);
  assert_int_equal (buf[0], 'f');
  /* the rest of the 16 buffered bytes, at once */
  assert_int_equal (netconn_read (c, buf, -1, sizeof buf), 15);
  assert_memory_equal (buf, "irst line\nsecon", 15);
  /* the next fill is limited by the buffer's size */
  assert_int_equal (netconn_read (c, buf, 1, sizeof buf), 16);
  assert_memory_equal (buf, "d line\nno newlin", 16);
  netconn_free (c, true);
}

static void
test_silent_read_times_out (void **state)
{
  netconn *c = open_conn (fx->silent, 1);
  char buf[8];

  (void) state;
  assert_int_equal (netconn_read (c, buf, -1, sizeof buf), 0);
  netconn_free (c, true);
}

static void
test_tls_echo_and_certificate (void **state)
{
  netconn *c = open_conn (fx->tls_echo, 5);
  const gnutls_datum_t *certs;
  unsigned n = 0;
  char buf[16];

  (void) state;
  assert_int_equal (netconn_start_tls (c, NETCONN_ENCAPS_TLScustom, NULL, NULL), 1);
  assert_int_equal (netconn_get_encaps (c), NETCONN_ENCAPS_TLScustom);
  certs = gnutls_certificate_get_peers (netconn_tls (c), &n);
  assert_int_equal (n, 1);
  assert_int_equal (certs[0].size, fx->cert_der_len);
  assert_memory_equal (certs[0].data, fx->cert_der, fx->cert_der_len);
  assert_int_equal (netconn_write (c, "secret", 6, 0), 6);
  assert_int_equal (netconn_read (c, buf, 6, 6), 6);
  assert_memory_equal (buf, "secret", 6);
  netconn_free (c, true);
}

static void
test_tls_versions (void **state)
{
  netconn *c = open_conn (fx->tls_echo, 5);

  (void) state;
  assert_int_equal (netconn_start_tls (c, NETCONN_ENCAPS_TLSv12, NULL, NULL), 1);
  assert_int_equal (gnutls_protocol_get_version (netconn_tls (c)), GNUTLS_TLS1_2);
  netconn_free (c, true);
  c = open_conn (fx->tls_echo, 5);
  assert_int_equal (netconn_start_tls (c, NETCONN_ENCAPS_TLSv13, NULL, NULL), 1);
  assert_int_equal (gnutls_protocol_get_version (netconn_tls (c)), GNUTLS_TLS1_3);
  netconn_free (c, true);
}

static void
test_tls_failures (void **state)
{
  netconn_tls_opts bad = { .priority = "NONSENSE" };
  const char *why = NULL;
  netconn *c;

  (void) state;
  /* a server that never answers: the handshake times out */
  c = open_conn (fx->silent, 1);
  assert_int_equal (netconn_start_tls (c, NETCONN_ENCAPS_TLScustom, NULL, &why), -1);
  assert_int_equal (netconn_last_error (c), ETIMEDOUT);
  assert_string_equal (why, "timed out");
  netconn_free (c, true);
  /* a server that does not speak TLS */
  c = open_conn (fx->echo, 3);
  assert_true (netconn_start_tls (c, NETCONN_ENCAPS_TLScustom, NULL, &why) < 0);
  netconn_free (c, true);
  /* a priority string GnuTLS refuses */
  c = open_conn (fx->tls_echo, 3);
  assert_int_equal (netconn_start_tls (c, NETCONN_ENCAPS_TLScustom, &bad, &why), -1);
  assert_string_equal (why, "invalid TLS priority string");
  netconn_free (c, true);
  /* ENCAPS_IP is not a TLS encapsulation */
  c = open_conn (fx->tls_echo, 3);
  assert_int_equal (netconn_start_tls (c, NETCONN_ENCAPS_IP, NULL, &why), -1);
  netconn_free (c, true);
}

/* Writing to a connection the peer has closed fails, without SIGPIPE. */
static void
test_write_to_closed_peer (void **state)
{
  netconn *c = open_conn (fx->http, 2);
  char buf[512];
  long n = 0;

  (void) state;
  assert_int_equal (netconn_write (c, "GET / HTTP/1.0\r\n\r\n", 18, 0), 18);
  while (netconn_read (c, buf, 1, sizeof buf) > 0)
    ;
  /* the server has answered and closed: the first write may still be
  ** accepted, the next ones fail (EPIPE or ECONNRESET), and no signal comes */
  for (int i = 0; i < 5 && n >= 0; i++)
    {
      n = netconn_write (c, "more", 4, 0);
      g_usleep (50 * 1000);
    }
  assert_int_equal (n, -1);
  assert_true (netconn_last_error (c) == EPIPE || netconn_last_error (c) == ECONNRESET);
  netconn_free (c, true);
}

/* --- the builtins --------------------------------------------------------------- */

static void
test_nasl_tcp_echo (void **state)
{
  char *out = run_script (NULL,
    "s = open_sock_tcp(%d);\n"
    "display(s, ' ', send(socket:s, data:'hello'), ' ', recv(socket:s, length:5), '\\n');\n"
    "send(socket:s, data:'one\\ntwo\\n');\n"
    "display(recv_line(socket:s, length:100), recv_line(socket:s, length:100));\n"
    "display(get_source_port(s) > 1023, ' ', socket_get_error(s), ' ', get_sock_info(s, 'encaps'), ' ',\n"
    "        get_sock_info(s, 'encaps', asstring:1), ' ', get_sock_info(s, 'tls-proto'), '\\n');\n"
    "s2 = open_sock_tcp(%d);\n"
    "close(s);\n"
    "display(s2, ' ', open_sock_tcp(%d), ' ', send(socket:s2, data:'xy', length:1), ' ', recv(socket:s2, length:9, min:1), '\\n');\n",
    fx->echo, fx->echo, fx->echo);

  (void) state;
  assert_string_equal (out, "1000000 5 hello\none\ntwo\n1 0 1 IP n/a\n1000001 1000000 1 x\n");
  g_free (out);
}

static void
test_nasl_refused_and_timeout (void **state)
{
  char *diag = NULL;
  char *out = run_script (&diag,
    "display(open_sock_tcp(%d), ' ', open_sock_tcp(%d, timeout:1), ' ',\n"
    "        get_kb_item('ConnectTimeout/127.0.0.1/%d'), ' ', typeof(open_sock_tcp()), '\\n');\n",
    fx->refused, fx->backlog, fx->backlog);

  (void) state;
  assert_string_equal (out, "0 0 1 undef\n");
  g_autofree char *want = g_strdup_printf ("t.nasl:1: open_sock_tcp: 127.0.0.1:%d time-out.\n",
                                           fx->backlog);
  assert_string_equal (diag, want);
  g_free (out);
  g_free (diag);
}

/* A wait on a silent peer ends at the script's time limit, whatever
** timeout: the script asked for. */
static void
test_nasl_waits_end_at_time_limit (void **state)
{
  capture cap;
  nasl_state *st = new_state ("127.0.0.1", &cap);
  char *src = g_strdup_printf ("s = open_sock_tcp(%d);\n"
                               "display(s, '\\n');\n"
                               "r = recv(socket:s, length:10, timeout:100000);\n"
                               "display('never');\n",
                               fx->silent);

  (void) state;
  nasl_set_timeout (st, 1);
  assert_int_equal (nasl_run_buffer (st, "t.nasl", src, strlen (src), 0), NASL_ERR_RUN);
  assert_string_equal (cap.out->str, "1000000\n");
  assert_string_equal (cap.diag->str, "t.nasl:3: script timed out after 1 s\n");
  assert_int_equal (nasl_timed_out (st), 1);
  g_free (src);
  nasl_state_free (st);
  free_capture (&cap);
}

static void
test_nasl_recv_line_and_silence (void **state)
{
  char *out = run_script (NULL,
    "s = open_sock_tcp(%d);\n"
    "display(recv_line(socket:s, length:100), '|', recv_line(socket:s, length:4), '|',\n"
    "        recv(socket:s, length:100, min:5), '|', typeof(recv(socket:s, length:10, timeout:1)), '\\n');\n"
    "q = open_sock_tcp(%d);\n"
    "display(typeof(recv(socket:q, length:10, timeout:1)), ' ', socket_get_error(q), ' ',\n"
    "        typeof(recv_line(socket:q, length:10, timeout:0)), '\\n');\n",
    fx->lines, fx->silent);

  (void) state;
  /* recv_line gives its stream a buffer of length + 1 bytes: the next
  ** recv() is served from it first */
  assert_string_equal (out, "first line\n|seco|nd line\nno newline|undef\nundef 0 undef\n");
  g_free (out);
}

static void
test_nasl_invalid_sockets (void **state)
{
  char *diag = NULL;
  char *out = run_script (&diag,
    "display(typeof(close(5)), ' ', send(socket:12345, data:'x'), ' ', typeof(recv(socket:12345, length:3)), ' ',\n"
    "        typeof(send(data:'x')), ' ', typeof(socket_get_error(77)), '\\n');\n");

  (void) state;
  assert_string_equal (out, "undef -1 undef undef undef\n");
  assert_string_equal (diag, "t.nasl:1: close: close(5): Invalid socket value\n"
                             "t.nasl:1: send: socket 12345 is not open\n"
                             "t.nasl:2: send: syntax error\n"
                             "t.nasl:2: send: correct syntax is: send(socket:<soc>, data:<data>)\n");
  g_free (out);
  g_free (diag);
}

static void
test_nasl_tls (void **state)
{
  GString *hex = g_string_new (NULL);
  char *out;

  (void) state;
  for (size_t i = 0; i < fx->cert_der_len; i++)
    g_string_append_printf (hex, "%02x", fx->cert_der[i]);
  out = run_script (NULL,
    "t = open_sock_tcp(%d, transport:ENCAPS_TLScustom);\n"
    "display(t, ' ', send(socket:t, data:'secret'), ' ', recv(socket:t, length:6), ' ',\n"
    "        get_sock_info(t, 'encaps', asstring:1), ' ', get_sock_info(t, 'tls-auth'), ' ',\n"
    "        get_sock_info(t, 'tls-certtype'), ' ', hexstr(socket_get_cert(socket:t)) == '%s', ' ',\n"
    "        max_index(get_sock_info(t, 'tls-cert')), '\\n');\n"
    "u = open_sock_tcp(%d, transport:ENCAPS_TLSv12);\n"
    "display(socket_get_ssl_version(socket:u), ' ', get_sock_info(u, 'tls-proto'), ' ',\n"
    "        socket_get_ssl_ciphersuite(socket:u) > 0, ' ', strlen(socket_get_ssl_session_id(socket:u)) > 0, ' ',\n"
    "        socket_cert_verify(socket:u) > 0, '\\n');\n"
    "p = open_sock_tcp(%d);\n"
    "display(socket_negotiate_ssl(socket:p) == p, ' ', get_sock_info(p, 'encaps'), ' ',\n"
    "        socket_get_ssl_version(socket:p) >= ENCAPS_TLSv12, ' ', send(socket:p, data:'up'), recv(socket:p, length:2), '\\n');\n",
    fx->tls_echo, hex->str, fx->tls_echo, fx->tls_echo);
  assert_string_equal (out, "1000000 6 secret TLScustom CERT X.509 1 1\n"
                            "7 TLS1.2 1 1 1\n"
                            "1 9 1 2up\n");
  g_free (out);
  g_string_free (hex, TRUE);
}

static void
test_nasl_tls_failures (void **state)
{
  char *diag = NULL;
  char *out = run_script (&diag,
    "display(open_sock_tcp(%d, transport:ENCAPS_TLScustom, timeout:2), ' ',\n"
    "        open_sock_tcp(%d, transport:ENCAPS_TLScustom, priority:'NONSENSE'), ' ',\n"
    "        open_sock_tcp(%d, transport:42), '\\n');\n"
    "p = open_sock_tcp(%d);\n"
    "display(typeof(socket_negotiate_ssl(socket:p)), ' ', typeof(get_sock_info(p, 'encaps')), ' ',\n"
    "        typeof(socket_get_cert(socket:open_sock_tcp(%d))), '\\n');\n",
    fx->echo, fx->tls_echo, fx->echo, fx->echo, fx->echo);

  (void) state;
  assert_string_equal (out, "0 0 0\nundef undef undef\n");
  assert_non_null (strstr (diag, "open_sock_tcp: unsupported transport layer 42"));
  assert_non_null (strstr (diag, "socket_negotiate_ssl: SSL/TLS connection (host: 127.0.0.1, "
                                 "ip: 127.0.0.1) failed."));
  /* the failed negotiation closed the socket */
  assert_non_null (strstr (diag, "get_sock_info: error retrieving infos for socket 1000000"));
  assert_non_null (strstr (diag, "socket_get_cert: Socket 1000000 is not SSL/TLS encapsulated"));
  g_free (out);
  g_free (diag);
}

static void
test_nasl_transport_detection (void **state)
{
  char *out = run_script (NULL,
    "display(get_port_transport(%d), ' ');\n"
    "a = open_sock_tcp(%d, transport:ENCAPS_AUTO);\n"
    "b = open_sock_tcp(%d, transport:0);\n"
    "display(get_sock_info(a, 'encaps', asstring:1), ' ', get_port_transport(%d, asstring:1), ' ',\n"
    "        get_sock_info(b, 'encaps', asstring:1), ' ', get_port_transport(%d), '\\n');\n"
    "c = open_sock_tcp(%d);\n"
    "display(get_sock_info(c, 'encaps'), ' ', send(socket:c, data:'k'), recv(socket:c, length:1), '\\n');\n",
    fx->tls_echo, fx->tls_echo, fx->echo, fx->tls_echo, fx->echo, fx->tls_echo);

  (void) state;
  /* the detected transport is recorded in the KB and used next time */
  assert_string_equal (out, "1 TLScustom TLScustom IP 1\n9 1k\n");
  g_free (out);
}

static void
test_nasl_udp (void **state)
{
  char *out = run_script (NULL,
    "u = open_sock_udp(%d);\n"
    "display(u > 0, ' ', send(socket:u, data:'ping'), ' ', recv(socket:u, length:100), ' ',\n"
    "        get_source_port(u) > 0, ' ', typeof(close(u)), '\\n');\n",
    fx->udp_echo);

  (void) state;
  assert_string_equal (out, "1 4 udp:ping 1 undef\n");
  g_free (out);
}

/* Descriptors open now, once the fixture's own server-side sockets of
** finished connections are gone (they close asynchronously): waits up to
** five seconds for the count to come down to 'want'. */
static int
settled_fd_count (int want)
{
  int n = open_fd_count ();

  for (int i = 0; i < 50 && n > want; i++)
    {
      g_usleep (100 * 1000);
      n = open_fd_count ();
    }
  return n;
}

/* Sockets left open are closed when the run ends: same ids again, no
** descriptor left, and the server sees the end of the connection. */
static void
test_nasl_sockets_end_with_the_run (void **state)
{
  capture cap;
  nasl_state *st = new_state ("127.0.0.1", &cap);
  int fds_before = open_fd_count ();
  int closed_before = net_fixture_echo_closed (fx);

  (void) state;
  run_on (st, "display(open_sock_tcp(%d), ' ', open_sock_udp(%d) > 0, ' ', open_rc4_cipher(key:'12345'), '\\n');",
          fx->echo, fx->udp_echo);
  /* (fixture sockets of earlier tests may close meanwhile: at most as many) */
  assert_true (settled_fd_count (fds_before) <= fds_before);
  run_on (st, "display(open_sock_tcp(%d), ' ', typeof(rc4_encrypt(hd:0, data:'x')), '\\n');", fx->echo);
  assert_string_equal (cap.out->str, "1000000 1 0\n1000000 undef\n");
  for (int i = 0; i < 50 && net_fixture_echo_closed (fx) < closed_before + 2; i++)
    g_usleep (100 * 1000);
  assert_int_equal (net_fixture_echo_closed (fx), closed_before + 2);
  nasl_state_free (st);
  free_capture (&cap);
}

static void
test_nasl_http (void **state)
{
  char *out = run_script (NULL,
    "h = http_open_socket(%d);\n"
    "req = http_get(port:%d, item:'/index.html');\n"
    "display(send(socket:h, data:req) == strlen(req), ' ', recv_line(socket:h, length:100));\n"
    "display(recv(socket:h, length:1000));\n"
    "http_close_socket(h);\n",
    fx->http, fx->http);
  g_autofree char *want_req = g_strdup_printf (
    "GET /index.html HTTP/1.1\r\nConnection: Close\r\nHost: 127.0.0.1:%d\r\n"
    "Pragma: no-cache\r\nCache-Control: no-cache\r\n"
    "User-Agent: Mozilla/5.0 [en] (X11, U; OpenVAS-VT 23.50.20)\r\n"
    "Accept: image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, image/png, */*\r\n"
    "Accept-Language: en\r\nAccept-Charset: iso-8859-1,*,utf-8\r\n\r\n", fx->http);

  (void) state;
  assert_string_equal (out, "1 HTTP/1.0 200 OK\r\n"
                            "Content-Type: text/plain\r\n\r\nhello from http\n");
  assert_string_equal (fx->http_seen, want_req);
  g_free (out);
}

static void
test_nasl_ftp_and_telnet (void **state)
{
  char *out = run_script (NULL,
    "f = open_sock_tcp(%d);\n"
    "display(ftp_log_in(socket:f, user:'anonymous', pass:'s3cret'), ' ', ftp_get_pasv_port(socket:f), ' ');\n"
    "g = open_sock_tcp(%d);\n"
    "display(ftp_log_in(socket:g, user:'anonymous', pass:'wrong'), ' ', typeof(ftp_log_in()), ' ');\n"
    "t = open_sock_tcp(%d);\n"
    "display(telnet_init(t), '\\n');\n",
    fx->ftp, fx->ftp, fx->telnet);

  (void) state;
  assert_string_equal (out, "1 5001 0 undef login: \n");
  /* DO ECHO -> WONT ECHO, then DO LINEMODE once; WILL SGA -> DONT SGA */
  assert_string_equal (fx->telnet_seen, "fffc01fffd22fffe03");
  g_free (out);
}

static void
test_nasl_priv_sockets (void **state)
{
  char *out;

  (void) state;
  if (geteuid () != 0)
    skip ();
  out = run_script (NULL,
    "p = open_priv_sock_tcp(dport:%d);\n"
    "display(p, ' ', get_source_port(p) < 1024, ' ', send(socket:p, data:'x'), recv(socket:p, length:1), ' ');\n"
    "q = open_priv_sock_udp(dport:%d);\n"
    "display(get_source_port(q) < 1024, ' ', typeof(open_priv_sock_tcp()), '\\n');\n",
    fx->echo, fx->udp_echo);
  assert_string_equal (out, "1000000 1 1x 1 undef\n");
  g_free (out);
}

static void
test_nasl_ipv6 (void **state)
{
  capture cap;
  nasl_state *st;

  (void) state;
  if (fx->echo6 == 0)
    skip ();
  st = new_state ("::1", &cap);
  run_on (st, "display(get_host_ip(), ' ', TARGET_IS_IPV6(), ' ', islocalhost(), ' ', islocalnet(), ' ');\n"
              "s = open_sock_tcp(%d);\n"
              "display(s, ' ', send(socket:s, data:'six'), recv(socket:s, length:3), '\\n');\n", fx->echo6);
  nasl_state_free (st);
  st = nasl_state_new ();
  nasl_set_output (st, cap_out, &cap);
  nasl_set_target (st, "::ffff:127.0.0.1", NULL);
  run_on (st, "display(get_host_ip(), ' ', TARGET_IS_IPV6(), ' ', islocalhost(), '\\n');\n");
  nasl_set_target (st, "0:0:0:0:0:0:0:1", NULL);
  run_on (st, "display(get_host_ip(), '\\n');\n");
  assert_string_equal (cap.out->str, "::1 1 1 1 1000000 3six\n127.0.0.1 0 1\n::1\n");
  nasl_state_free (st);
  free_capture (&cap);
}

static void
test_nasl_host_facts (void **state)
{
  char name[256] = "";
  char *out = run_script (NULL,
    "display(get_host_ip(), ' ', TARGET_IS_IPV6(), ' ', islocalhost(), ' ', islocalnet(), ' ', this_host(), ' ',\n"
    "        this_host_name(), ' ', get_mtu() > 0, ' ', get_port_transport(1), ' ', typeof(get_port_transport(-1)), '\\n');\n");

  (void) state;
  gethostname (name, sizeof name - 1);
  g_autofree char *want = g_strdup_printf ("127.0.0.1 0 1 1 127.0.0.1 %s 1 1 undef\n", name);
  assert_string_equal (out, want);
  g_free (out);
}

static void
test_nasl_raw_not_supported (void **state)
{
  char *diag = NULL;
  char *out = run_script (&diag, "display(typeof(forge_ip_packet(ip_v:4)), ' ', defined_func('pcap_next'), '\\n');");

  (void) state;
  assert_string_equal (out, "undef 1\n");
  assert_string_equal (diag, "t.nasl:1: forge_ip_packet: raw packet forgery and capture are not "
                             "supported by this interpreter\n");
  g_free (out);
  g_free (diag);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_connect_refused),
    cmocka_unit_test (test_connect_timeout),
    cmocka_unit_test (test_sockaddr),
    cmocka_unit_test (test_encaps_names),
    cmocka_unit_test (test_echo_with_min),
    cmocka_unit_test (test_read_stops_after_silence),
    cmocka_unit_test (test_buffered_reads),
    cmocka_unit_test (test_silent_read_times_out),
    cmocka_unit_test (test_tls_echo_and_certificate),
    cmocka_unit_test (test_tls_versions),
    cmocka_unit_test (test_tls_failures),
    cmocka_unit_test (test_write_to_closed_peer),
    cmocka_unit_test (test_nasl_tcp_echo),
    cmocka_unit_test (test_nasl_refused_and_timeout),
    cmocka_unit_test (test_nasl_recv_line_and_silence),
    cmocka_unit_test (test_nasl_invalid_sockets),
    cmocka_unit_test (test_nasl_tls),
    cmocka_unit_test (test_nasl_tls_failures),
    cmocka_unit_test (test_nasl_transport_detection),
    cmocka_unit_test (test_nasl_udp),
    cmocka_unit_test (test_nasl_sockets_end_with_the_run),
    cmocka_unit_test (test_nasl_http),
    cmocka_unit_test (test_nasl_ftp_and_telnet),
    cmocka_unit_test (test_nasl_priv_sockets),
    cmocka_unit_test (test_nasl_ipv6),
    cmocka_unit_test (test_nasl_host_facts),
    cmocka_unit_test (test_nasl_raw_not_supported),
    cmocka_unit_test (test_nasl_waits_end_at_time_limit),
  };
  return cmocka_run_group_tests_name ("net", tests, group_setup, group_teardown);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_socket.c: builtin family 'socket': open_sock_tcp/udp, send, recv, recv_line, close, TLS ... */
#include "libs.h"
#include "kb.h"
#include "lib_socket.h"
#include "nasl.h"
#include "net_conn.h"
#include "state.h"
#include "text_arg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <gnutls/x509.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*
** Sockets belong to the run that opened them: the table hangs off the
** state in a per-run slot, and everything still open is closed when the
** script ends.  Numbering follows openvas-nasl: a TCP connection is
** 1000000 + its slot (lowest free slot first, 1024 slots), a UDP socket is
** its descriptor number.
**
** Settings (scanner preferences, as openvas-nasl reads them):
**   checks_read_timeout     recv() timeout in seconds (default 5); open_sock_tcp
**                           waits twice that by default
**   time_between_request    milliseconds to wait between two TCP probes
**   timeout_retry           extra connection attempts after a time-out
**   open_sock_max_attempts  time-outs after which the port is marked closed
** TLS takes the client certificate from the KB (SSL/cert, SSL/key,
** SSL/password, SSL/CA: file names) and sends the target's name as SNI
** unless "Host/SNI/<port>/force_disable" is set.
**
** Every wait has a deadline: a timeout: of 0 or less means the default.
*/

#define SOCKET_SLOT "nasl.socket"
#define STREAM_FD_OFF 1000000L
#define STREAM_MAX 1024
#define UDP_MAX 1024
#define DEFAULT_READ_TIMEOUT 5
#define OPEN_TIMEOUT_FALLBACK 10
#define CONNECT_TIMEOUT_LOGS 3
/* A stream's timeout when it is read as a plain descriptor (openvas-nasl's TIMEOUT). */
#define FD_READ_TIMEOUT 20
#define UDP_RETRIES 5
#define RECV_MAX ((long) TEXT_RESULT_MAX)

typedef struct sock_entry {
  gint64 id;
  bool udp;
  netconn *conn;      /* TCP */
  int fd;             /* UDP */
  GByteArray *resend; /* UDP: the last datagram sent, sent again when recv() waits */
} sock_entry;

typedef struct mcast_group {
  struct in_addr addr;
  int count;
  int fd;
} mcast_group;

typedef struct sock_table {
  GHashTable *by_id;           /* long id -> sock_entry */
  bool stream_used[STREAM_MAX];
  unsigned n_udp;
  int64_t last_probe_ms;       /* time_between_request */
  GArray *groups;              /* mcast_group */
  bool negotiate_failed_said;  /* socket_negotiate_ssl's message, once */
} sock_table;

/* --- the table ------------------------------------------------------------------ */

static void
sock_entry_free (gpointer p)
{
  sock_entry *e = p;

  /* No shutdown(): a forked child (get_kb_item) ends its run with the
  ** parent's connections still in use. */
  if (e->conn)
    netconn_free (e->conn, false);
  if (e->udp && e->fd >= 0)
    close (e->fd);
  if (e->resend)
    g_byte_array_free (e->resend, TRUE);
  g_free (e);
}

static void
sock_table_free (void *p)
{
  sock_table *t = p;

  g_hash_table_destroy (t->by_id);
  for (guint i = 0; i < t->groups->len; i++)
    {
      mcast_group *g = &g_array_index (t->groups, mcast_group, i);
      if (g->count > 0)
        close (g->fd);
    }
  g_array_free (t->groups, TRUE);
  g_free (t);
}

static sock_table *
sock_table_of (nasl_state *st)
{
  sock_table *t = nasl_state_get_data (st, SOCKET_SLOT);

  if (t)
    return t;
  t = g_new0 (sock_table, 1);
  t->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, sock_entry_free);
  t->groups = g_array_new (FALSE, TRUE, sizeof (mcast_group));
  state_set_run_data (st, SOCKET_SLOT, t, sock_table_free);
  return t;
}

static sock_entry *
sock_lookup (nasl_state *st, long id)
{
  sock_table *t = nasl_state_get_data (st, SOCKET_SLOT);
  gint64 key = id;

  return t ? g_hash_table_lookup (t->by_id, &key) : NULL;
}

/* The TCP connection 'id', or NULL. */
static netconn *
stream_of (nasl_state *st, long id)
{
  sock_entry *e = sock_lookup (st, id);

  return e && !e->udp ? e->conn : NULL;
}

/* Registers a TCP connection; its id, or -1 when every slot is taken. */
static long
stream_register (nasl_state *st, netconn *c)
{
  sock_table *t = sock_table_of (st);
  sock_entry *e;
  int slot = 0;

  while (slot < STREAM_MAX && t->stream_used[slot])
    slot++;
  if (slot == STREAM_MAX)
    return -1;
  t->stream_used[slot] = true;
  e = g_new0 (sock_entry, 1);
  e->id = STREAM_FD_OFF + slot;
  e->conn = c;
  e->fd = -1;
  g_hash_table_insert (t->by_id, &e->id, e);
  return e->id;
}

/* Registers a UDP descriptor (its number is its id); false when too many. */
static bool
udp_register (nasl_state *st, int fd)
{
  sock_table *t = sock_table_of (st);
  sock_entry *e;

  if (t->n_udp >= UDP_MAX || fd >= STREAM_FD_OFF)
    return false;
  t->n_udp++;
  e = g_new0 (sock_entry, 1);
  e->id = fd;
  e->udp = true;
  e->fd = fd;
  g_hash_table_insert (t->by_id, &e->id, e);
  return true;
}

/* Removes (and closes) socket 'id'; 'shutdown_first' for an explicit close(). */
static void
sock_release (nasl_state *st, long id, bool shutdown_first)
{
  sock_table *t = nasl_state_get_data (st, SOCKET_SLOT);
  gint64 key = id;
  sock_entry *e = t ? g_hash_table_lookup (t->by_id, &key) : NULL;

  if (e == NULL)
    return;
  if (e->udp)
    t->n_udp--;
  else
    {
      t->stream_used[id - STREAM_FD_OFF] = false;
      netconn_free (e->conn, shutdown_first);
      e->conn = NULL;
    }
  g_hash_table_remove (t->by_id, &key);
}

/* --- settings ------------------------------------------------------------------- */

static int
pref_int (nasl_state *st, const char *name, int dflt)
{
  const char *v = nasl_get_preference (st, name);

  return v ? atoi (v) : dflt;
}

/* recv()'s default timeout: checks_read_timeout, 5 when unset or not positive. */
static int
read_timeout (nasl_state *st)
{
  int to = pref_int (st, "checks_read_timeout", DEFAULT_READ_TIMEOUT);

  return to > 0 ? to : DEFAULT_READ_TIMEOUT;
}

/* time_between_request: sleeps so that TCP probes are at least that many ms apart. */
static void
wait_before_next_probe (nasl_state *st)
{
  int gap = pref_int (st, "time_between_request", 0);
  sock_table *t;
  int64_t now;

  if (gap <= 0)
    return;
  t = sock_table_of (st);
  now = netconn_now_ms ();
  if (t->last_probe_ms > 0 && now - t->last_probe_ms < gap)
    g_usleep ((gulong) (gap - (now - t->last_probe_ms)) * 1000);
  t->last_probe_ms = netconn_now_ms ();
}

/* The first KB value of 'name' as an int (strings through atoi); 'dflt' when absent. */
static long
kb_int (nasl_state *st, const char *name, long dflt)
{
  size_t n;
  const kb_value *v = kb_get (nasl_state_kb (st), name, &n);

  if (n == 0)
    return dflt;
  return v[0].is_int ? v[0].i : atol (v[0].s);
}

/* The first KB value of 'name' as a string (ints are skipped), or NULL. */
static const char *
kb_str (nasl_state *st, const char *name)
{
  size_t n;
  const kb_value *v = kb_get (nasl_state_kb (st), name, &n);

  return n > 0 && !v[0].is_int ? v[0].s : NULL;
}

static void
kb_put_int (nasl_state *st, const char *name, long val)
{
  kb_value v = { .is_int = 1, .i = val };

  kb_replace (nasl_state_kb (st), name, &v);
}

int
socket_port_transport (nasl_state *st, int port)
{
  char key[64];
  long trp;

  g_snprintf (key, sizeof key, "Transports/TCP/%d", port);
  trp = kb_int (st, key, -1);
  return trp >= 0 ? (int) trp : NETCONN_ENCAPS_IP;
}

/* The target's socket address on 'port'; false (with a diagnostic) when the
** target is not an IP address. */
static bool
target_addr (nasl_call *call, int port, struct sockaddr_storage *ss, socklen_t *len)
{
  const char *ip = nasl_get_target_ip (nasl_call_state (call));

  if (netconn_sockaddr (ip, port, ss, len))
    return true;
  nasl_call_error (call, "the target '%s' is not an IP address", ip ? ip : "");
  return false;
}

/* --- opening TCP connections --------------------------------------------------------- */

/* openvas-nasl's bookkeeping of connection time-outs: a message for the
** first three, a "ConnectTimeout/<ip>/<port>" counter in the KB, and after
** open_sock_max_attempts of them the port is marked closed. */
static void
note_connect_timeout (nasl_call *call, int port)
{
  nasl_state *st = nasl_call_state (call);
  const char *ip = nasl_get_target_ip (st);
  int attempts = MAX (pref_int (st, "open_sock_max_attempts", 0), 0);
  char key[128];
  long count;

  g_snprintf (key, sizeof key, "ConnectTimeout/%s/%d", ip, port);
  count = MAX (kb_int (st, key, 0), 0);
  if (count < CONNECT_TIMEOUT_LOGS)
    nasl_call_error (call, "%s:%d time-out.", ip, port);
  kb_put_int (st, key, ++count);
  if (attempts != 0 && count >= attempts && host_port_state (st, port, "tcp") > 0)
    {
      nasl_call_error (call, "%s:%d too many timeouts. "
                             "This port will be set to closed.", ip, port);
      g_snprintf (key, sizeof key, "Ports/tcp/%d", port);
      kb_put_int (st, key, 0);
    }
}

/* A TCP connection to the target (timeout_retry extra tries after time-outs). */
static int
connect_target (nasl_call *call, int port, int timeout_s)
{
  struct sockaddr_storage ss;
  socklen_t len;
  int retries = MAX (pref_int (nasl_call_state (call), "timeout_retry", 0), 0);
  int fd = -1;

  if (!target_addr (call, port, &ss, &len))
    return -1;
  for (int i = 0; i <= retries; i++)
    {
      fd = netconn_connect ((struct sockaddr *) &ss, len, SOCK_STREAM, 0, timeout_s * 1000);
      if (fd >= 0 || errno != ETIMEDOUT)
        break;
    }
  if (fd < 0 && errno == ETIMEDOUT)
    note_connect_timeout (call, port);
  return fd;
}

/* TLS options from the KB; 'with_client_cert' is false for SSLv2. */
static void
tls_opts_from_kb (nasl_state *st, int port, bool with_client_cert, netconn_tls_opts *o)
{
  char key[64];

  memset (o, 0, sizeof *o);
  if (with_client_cert)
    {
      o->cert_file = kb_str (st, "SSL/cert");
      o->key_file = kb_str (st, "SSL/key");
      o->key_password = kb_str (st, "SSL/password");
      o->ca_file = kb_str (st, "SSL/CA");
    }
  g_snprintf (key, sizeof key, "Host/SNI/%d/force_disable", port);
  if (kb_int (st, key, 0) <= 0)
    o->sni = nasl_get_target_name (st);
}

/*
** openvas-nasl's open_stream_connection_ext: a connection to 'port' with
** encapsulation 'transport' (ENCAPS_IP .. ENCAPS_TLScustom), 'priority' for
** TLScustom.  Returns the socket id or -1.
*/
static long
open_stream (nasl_call *call, int port, int transport, int timeout_s, const char *priority)
{
  nasl_state *st = nasl_call_state (call);
  netconn *c;
  netconn_tls_opts opts;
  long id;
  int fd;

  if (transport < NETCONN_ENCAPS_IP || transport >= NETCONN_ENCAPS_MAX)
    {
      nasl_call_error (call, "unsupported transport layer %d", transport);
      return -1;
    }
  fd = connect_target (call, port, timeout_s);
  if (fd < 0)
    return -1;
  c = netconn_new (fd, timeout_s);
  netconn_set_port (c, port);
  if (NETCONN_IS_TLS (transport))
    {
      tls_opts_from_kb (st, port, transport != NETCONN_ENCAPS_SSLv2, &opts);
      opts.priority = priority;
      if (netconn_start_tls (c, transport, &opts, NULL) <= 0)
        {
          netconn_free (c, true);
          return -1;
        }
    }
  id = stream_register (st, c);
  if (id < 0)
    {
      nasl_call_error (call, "out of sockets (%d TCP connections open)", STREAM_MAX);
      netconn_free (c, true);
    }
  return id;
}

/* transport:0 (or the KB's choice when transport: is not given). */
static long
open_stream_auto (nasl_call *call, int port, int timeout_s, bool force)
{
  nasl_state *st = nasl_call_state (call);
  long id;
  char key[64];

  if (!force)
    {
      int trp = socket_port_transport (st, port);
      return open_stream (call, port, trp, timeout_s,
                          trp == NETCONN_ENCAPS_TLScustom ? NETCONN_DEFAULT_PRIORITY : NULL);
    }
  int trp = NETCONN_ENCAPS_TLScustom;
  id = open_stream (call, port, trp, timeout_s, NETCONN_DEFAULT_PRIORITY);
  if (id < 0)
    {
      trp = NETCONN_ENCAPS_IP;
      id = open_stream (call, port, trp, timeout_s, NULL);
      if (id < 0)
        return -1;
    }
  g_snprintf (key, sizeof key, "Transports/TCP/%d", port);
  kb_put_int (st, key, trp);
  return id;
}

/* The priority: argument, when it is a string or data value. */
static const char *
priority_arg (nasl_call *call)
{
  const nasl_value *v = nasl_arg (call, "priority");

  return v && (v->type == NASL_TYPE_STRING || v->type == NASL_TYPE_DATA)
           ? nasl_value_bytes (v, NULL)
           : NULL;
}

/* A wait of 'to_s' seconds, cut to the script's time left (at least 1 s,
** after which the evaluator stops the script). */
static long
cap_to_time_left (nasl_state *st, long to_s)
{
  long left_ms = state_time_left_ms (st);

  if (left_ms < 0)
    return to_s;
  return MAX (MIN (to_s, left_ms / 1000 + 1), 1);
}

nasl_value
socket_open_tcp (nasl_call *call, int bufsz)
{
  nasl_state *st = nasl_call_state (call);
  long to = nasl_arg_int (call, "timeout", 2L * read_timeout (st));
  long transport = nasl_arg_int (call, "transport", -1);
  const char *priority = transport == NETCONN_ENCAPS_TLScustom ? priority_arg (call) : NULL;
  long port = nasl_arg_pos_int (call, 0, -1);
  long id;

  if (to < 0)
    to = OPEN_TIMEOUT_FALLBACK;
  if (to == 0)
    to = 2L * read_timeout (st);
  to = cap_to_time_left (st, to);
  if (bufsz < 0)
    bufsz = (int) CLAMP (nasl_arg_int (call, "bufsz", 0), 0, RECV_MAX);
  if (port < 0)
    return NASL_NULL;
  port &= 0xffff;
  wait_before_next_probe (st);
  if (transport < 0)
    id = open_stream_auto (call, (int) port, (int) MIN (to, G_MAXINT / 1000), false);
  else if (transport == 0)
    id = open_stream_auto (call, (int) port, (int) MIN (to, G_MAXINT / 1000), true);
  else
    id = open_stream (call, (int) port, (int) MIN (transport, G_MAXINT),
                      (int) MIN (to, G_MAXINT / 1000), priority);
  if (id >= 0 && bufsz > 0)
    netconn_set_buffer (stream_of (st, id), (size_t) bufsz);
  return nasl_value_int (id < 0 ? 0 : id);
}

static nasl_value
bi_open_sock_tcp (nasl_call *call)
{
  return socket_open_tcp (call, -1);
}

/* open_sock_udp(port): a connected UDP socket to the target, or NULL. */
static nasl_value
bi_open_sock_udp (nasl_call *call)
{
  long port = nasl_arg_pos_int (call, 0, -1);
  struct sockaddr_storage ss;
  socklen_t len;
  int fd;

  if (port < 0 || !target_addr (call, (int) (port & 0xffff), &ss, &len))
    return NASL_NULL;
  fd = netconn_connect ((struct sockaddr *) &ss, len, SOCK_DGRAM, 0, 0);
  if (fd < 0)
    return NASL_NULL;
  if (!udp_register (nasl_call_state (call), fd))
    {
      nasl_call_error (call, "out of sockets (%d UDP sockets open)", UDP_MAX);
      close (fd);
      return NASL_NULL;
    }
  return nasl_value_int (fd);
}

/*
** open_priv_sock_tcp / open_priv_sock_udp (dport:, sport:, timeout:): a
** connection from a privileged source port: sport: or the first free one
** from 1023 down to 128.  NULL when no port could be bound or the
** connection failed.
*/
static nasl_value
open_priv_sock (nasl_call *call, bool udp)
{
  nasl_state *st = nasl_call_state (call);
  long to = nasl_arg_int (call, "timeout", read_timeout (st));
  long sport = nasl_arg_int (call, "sport", -1);
  long dport = nasl_arg_int (call, "dport", -1);
  struct sockaddr_storage ss;
  socklen_t len;
  int fd = -1;

  if (dport <= 0)
    {
      nasl_call_error (call, "missing or undefined parameter dport");
      return NASL_NULL;
    }
  if (to <= 0)
    to = read_timeout (st);
  to = cap_to_time_left (st, to);
  if (!target_addr (call, (int) (dport & 0xffff), &ss, &len))
    return NASL_NULL;
  for (long p = sport > 0 ? sport : 1023; p >= (sport > 0 ? sport : 128); p--)
    {
      if (!udp)
        wait_before_next_probe (st);
      fd = netconn_connect ((struct sockaddr *) &ss, len, udp ? SOCK_DGRAM : SOCK_STREAM,
                            (int) (p & 0xffff), (int) MIN (to, G_MAXINT / 1000) * 1000);
      if (fd >= 0 || (errno != EADDRINUSE && errno != EADDRNOTAVAIL && errno != EACCES))
        break;
    }
  if (fd < 0)
    return NASL_NULL;
  if (udp)
    {
      if (udp_register (st, fd))
        return nasl_value_int (fd);
      close (fd);
      return NASL_NULL;
    }
  long id = stream_register (st, netconn_new (fd, (int) MIN (to, G_MAXINT / 1000)));
  return nasl_value_int (id < 0 ? 0 : id);
}

static nasl_value bi_open_priv_sock_tcp (nasl_call *c) { return open_priv_sock (c, false); }
static nasl_value bi_open_priv_sock_udp (nasl_call *c) { return open_priv_sock (c, true); }

/* --- reading -------------------------------------------------------------------------- */

/* UDP receive: up to UDP_RETRIES waits of timeout/5 seconds (plus a tenth
** of a second per remainder unit, as openvas-nasl computes it), sending the
** last datagram again after each silent wait. */
static long
udp_recv (sock_entry *e, char *buf, long len, int to)
{
  int64_t step = (int64_t) (to / UDP_RETRIES) * 1000 + (to % UDP_RETRIES) * 100;

  for (int i = 0; i < UDP_RETRIES; i++)
    {
      if (netconn_wait (e->fd, POLLIN, netconn_now_ms () + step) > 0)
        {
          ssize_t n = recv (e->fd, buf, (size_t) len, MSG_DONTWAIT);
          return n > 0 ? n : 0;
        }
      if (e->resend)
        send (e->fd, e->resend->data, e->resend->len, MSG_NOSIGNAL | MSG_DONTWAIT);
    }
  return 0;
}

/* recv(socket:, length:, min:, timeout:): up to length bytes, NULL when none. */
static nasl_value
bi_recv (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  long len = nasl_arg_int (call, "length", -1);
  long min = nasl_arg_int (call, "min", -1);
  long soc = nasl_arg_int (call, "socket", 0);
  long to = nasl_arg_int (call, "timeout", read_timeout (st));
  sock_entry *e;
  char *buf;
  long got;

  if (len <= 0 || soc <= 0 || (e = sock_lookup (st, soc)) == NULL)
    return NASL_NULL;
  if (to <= 0)
    to = read_timeout (st);
  to = MIN (cap_to_time_left (st, to), G_MAXINT / 1000);
  len = MIN (len, RECV_MAX);
  buf = g_malloc (len + 1);
  if (e->udp)
    got = udp_recv (e, buf, len, (int) to);
  else
    {
      int old = netconn_set_timeout (e->conn, (int) to);
      got = netconn_read (e->conn, buf, min, len);
      netconn_set_timeout (e->conn, old);
    }
  if (got <= 0)
    {
      g_free (buf);
      return NASL_NULL;
    }
  return nasl_value_data_take (buf, (size_t) got);
}

/* One byte from socket 'e' (the stream's timeout, or 20 s for UDP). */
static long
read_one (sock_entry *e, char *c)
{
  if (e->udp)
    return netconn_read_fd (e->fd, c, 1, 1, FD_READ_TIMEOUT);
  return netconn_read (e->conn, c, 1, 1);
}

/* recv_line(socket:, length:, timeout:): bytes up to and including a
** newline, at most length; NULL when nothing came.  A stream gets a read
** buffer of length + 1 bytes when it has none (as in openvas-nasl). */
static nasl_value
bi_recv_line (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  long len = nasl_arg_int (call, "length", -1);
  long soc = nasl_arg_int (call, "socket", 0);
  long timeout = nasl_arg_int (call, "timeout", -1);
  int64_t start = netconn_now_ms ();
  sock_entry *e;
  char *buf;
  long n = 0;

  if (len == -1 || soc <= 0)
    {
      nasl_call_error (call, "missing or undefined parameter length or socket");
      return NASL_NULL;
    }
  if (len < 0 || (e = sock_lookup (st, soc)) == NULL)
    return NASL_NULL;
  len = MIN (len, RECV_MAX);
  if (!e->udp && netconn_buffer_size (e->conn) == 0)
    netconn_set_buffer (e->conn, (size_t) len + 1);
  buf = g_malloc (len + 2);
  for (;;)
    {
      long r = read_one (e, buf + n);
      if (r < 0)
        break;
      if (r == 0)
        {
          if (timeout >= 0 && (netconn_now_ms () - start) / 1000 < timeout
              && state_time_left_ms (st) != 0)
            continue;
          break;
        }
      n++;
      if (buf[n - 1] == '\n' || n >= len)
        break;
    }
  if (n <= 0)
    {
      g_free (buf);
      return NASL_NULL;
    }
  return nasl_value_data_take (buf, (size_t) n);
}

/* --- writing ---------------------------------------------------------------------------- */

/* The MTU of the interface that routes to the target, or -1. */
static int
target_mtu (nasl_state *st)
{
  struct sockaddr_storage ss, me;
  socklen_t len, mlen = sizeof me;
  struct ifaddrs *ifs = NULL;
  int fd, mtu = -1;

  if (!netconn_sockaddr (nasl_get_target_ip (st), 9, &ss, &len))
    return -1;
  fd = socket (ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  if (connect (fd, (struct sockaddr *) &ss, len) == 0
      && getsockname (fd, (struct sockaddr *) &me, &mlen) == 0 && getifaddrs (&ifs) == 0)
    {
      for (struct ifaddrs *i = ifs; i && mtu < 0; i = i->ifa_next)
        {
          struct ifreq ifr;
          if (!i->ifa_addr || i->ifa_addr->sa_family != me.ss_family)
            continue;
          if (me.ss_family == AF_INET
              ? memcmp (&((struct sockaddr_in *) i->ifa_addr)->sin_addr,
                        &((struct sockaddr_in *) &me)->sin_addr, 4) != 0
              : memcmp (&((struct sockaddr_in6 *) i->ifa_addr)->sin6_addr,
                        &((struct sockaddr_in6 *) &me)->sin6_addr, 16) != 0)
            continue;
          memset (&ifr, 0, sizeof ifr);
          g_strlcpy (ifr.ifr_name, i->ifa_name, sizeof ifr.ifr_name);
          if (ioctl (fd, SIOCGIFMTU, &ifr) == 0)
            mtu = ifr.ifr_mtu;
        }
      freeifaddrs (ifs);
    }
  close (fd);
  return mtu;
}

/* get_mtu(): the MTU of the interface towards the target. */
static nasl_value
bi_get_mtu (nasl_call *call)
{
  int mtu = target_mtu (nasl_call_state (call));

  if (mtu == -1)
    nasl_call_error (call, "Unable to get MTU of used interface. get_mtu is not available.");
  return nasl_value_int (mtu);
}

/* send(socket:, data:, length:, option:): bytes sent, -1 on failure. */
static nasl_value
bi_send (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  long soc = nasl_arg_int (call, "socket", 0);
  long option = nasl_arg_int (call, "option", 0);
  long length = nasl_arg_int (call, "length", 0);
  text_arg data;
  sock_entry *e;
  long n;

  if (soc <= 0 || !text_arg_read (nasl_arg (call, "data"), &data))
    {
      nasl_call_error (call, "syntax error");
      nasl_call_error (call, "correct syntax is: send(socket:<soc>, data:<data>)");
      return NASL_NULL;
    }
  if (length <= 0 || (size_t) length > data.size)
    length = (long) data.size;
  e = sock_lookup (st, soc);
  if (e == NULL)
    {
      nasl_call_error (call, "socket %ld is not open", soc);
      n = -1;
    }
  else if (e->udp)
    {
      int max = target_mtu (st) - 60 - 8;
      if (max > 0 && max < length)
        nasl_call_error (call, "data payload is larger (%ld) than max udp payload (%d)", length,
                         max);
      n = send (e->fd, data.bytes, (size_t) length, (int) option | MSG_NOSIGNAL | MSG_DONTWAIT);
      if (e->resend == NULL)
        e->resend = g_byte_array_new ();
      g_byte_array_set_size (e->resend, 0);
      g_byte_array_append (e->resend, (const guint8 *) data.bytes, (guint) length);
    }
  else
    {
      wait_before_next_probe (st);
      n = netconn_write (e->conn, data.bytes, (size_t) length, (int) option);
    }
  text_arg_clear (&data);
  return nasl_value_int (n);
}

/* --- closing and socket facts ----------------------------------------------------------- */

nasl_value
socket_close (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  long soc = nasl_arg_pos_int (call, 0, -1);
  sock_entry *e = sock_lookup (st, soc);

  if (e == NULL)
    {
      nasl_call_error (call, "close(%ld): Invalid socket value", soc);
      return NASL_NULL;
    }
  if (!e->udp)
    wait_before_next_probe (st);
  sock_release (st, soc, true);
  return NASL_NULL;
}

static nasl_value
bi_close (nasl_call *call)
{
  return socket_close (call);
}

/* The local address of socket 'soc', or false. */
static bool
sock_name (nasl_state *st, long soc, struct sockaddr_storage *ss)
{
  sock_entry *e = sock_lookup (st, soc);
  socklen_t len = sizeof *ss;
  int fd;

  if (e == NULL)
    return false;
  fd = e->udp ? e->fd : netconn_fd (e->conn);
  return getsockname (fd, (struct sockaddr *) ss, &len) == 0;
}

/* get_source_port(socket): the local port. */
static nasl_value
bi_get_source_port (nasl_call *call)
{
  long soc = nasl_arg_pos_int (call, 0, -1);
  struct sockaddr_storage ss;

  if (soc < 0)
    {
      nasl_call_error (call, "missing socket parameter");
      return NASL_NULL;
    }
  if (!sock_name (nasl_call_state (call), soc, &ss))
    {
      nasl_call_error (call, "invalid socket parameter %ld", soc);
      return NASL_NULL;
    }
  return nasl_value_int (ss.ss_family == AF_INET6
                           ? ntohs (((struct sockaddr_in6 *) &ss)->sin6_port)
                           : ntohs (((struct sockaddr_in *) &ss)->sin_port));
}

/* socket_get_error(socket): NOERR, ETIMEDOUT, ECONNRESET or EUNREACH (the
** NASL constants) for the last read or write of a TCP connection. */
static nasl_value
bi_socket_get_error (nasl_call *call)
{
  netconn *c = stream_of (nasl_call_state (call), nasl_arg_pos_int (call, 0, -1));
  int err;

  if (c == NULL)
    return NASL_NULL;
  err = netconn_last_error (c);
  switch (err)
    {
    case 0:
      return nasl_value_int (0);
    case ETIMEDOUT:
      return nasl_value_int (1);
    case EBADF:
    case EPIPE:
    case ECONNRESET:
    case ENOTSOCK:
      return nasl_value_int (2);
    case ENETUNREACH:
    case EHOSTUNREACH:
      return nasl_value_int (3);
    default:
      nasl_call_error (call, "Unknown error %d %s", err, g_strerror (err));
      return nasl_value_int (0);
    }
}

/* The socket: argument as a TCP connection; NULL with openvas-nasl's messages. */
static netconn *
stream_arg (nasl_call *call)
{
  long soc = nasl_arg_int (call, "socket", -1);
  netconn *c;

  if (soc < 0)
    {
      nasl_call_error (call, "Erroneous socket value %ld", soc);
      return NULL;
    }
  c = stream_of (nasl_call_state (call), soc);
  if (c == NULL)
    nasl_call_error (call, "Socket %ld is not stream", soc);
  return c;
}

/* Same, and the connection must be under TLS. */
static gnutls_session_t
tls_arg (nasl_call *call)
{
  netconn *c = stream_arg (call);

  if (c == NULL)
    return NULL;
  if (netconn_tls (c) == NULL)
    nasl_call_error (call, "Socket %ld is not SSL/TLS encapsulated",
                     nasl_arg_int (call, "socket", -1));
  return netconn_tls (c);
}

/* socket_negotiate_ssl(socket:, transport:): starts TLS on a plain TCP
** connection; the socket, or NULL (the connection is then closed). */
static nasl_value
bi_socket_negotiate_ssl (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  long soc = nasl_arg_int (call, "socket", -1);
  long transport = nasl_arg_int (call, "transport", NETCONN_ENCAPS_TLScustom);
  netconn_tls_opts opts;
  netconn *c;

  if (soc < 0)
    {
      nasl_call_error (call, "Erroneous socket value %ld", soc);
      return NASL_NULL;
    }
  if (transport == -1)
    transport = NETCONN_ENCAPS_TLScustom;
  else if (!NETCONN_IS_TLS (transport))
    {
      nasl_call_error (call, "Erroneous transport value %ld", transport);
      return NASL_NULL;
    }
  c = stream_of (st, soc);
  if (c == NULL)
    {
      nasl_call_error (call, "Socket %ld is not stream", soc);
      return NASL_NULL;
    }
  if (netconn_tls (c) != NULL)
    {
      nasl_call_error (call, "Socket %ld is already SSL/TLS encapsulated", soc);
      return NASL_NULL;
    }
  tls_opts_from_kb (st, netconn_port (c), true, &opts);
  if (netconn_start_tls (c, (netconn_encaps) transport, &opts, NULL) <= 0)
    {
      sock_table *t = sock_table_of (st);
      if (!t->negotiate_failed_said)
        nasl_call_error (call, "SSL/TLS connection (host: %s, ip: %s) failed.",
                         nasl_get_target_name (st), nasl_get_target_ip (st));
      t->negotiate_failed_said = true;
      sock_release (st, soc, true);
      return NASL_NULL;
    }
  return nasl_value_int (soc);
}

/* socket_get_cert(socket:): the server's certificate (DER), or NULL. */
static nasl_value
bi_socket_get_cert (nasl_call *call)
{
  gnutls_session_t s = tls_arg (call);
  const gnutls_datum_t *list;
  unsigned n = 0;

  if (s == NULL || gnutls_certificate_type_get (s) != GNUTLS_CRT_X509)
    return NASL_NULL;
  list = gnutls_certificate_get_peers (s, &n);
  if (list == NULL || n == 0)
    return NASL_NULL;
  return nasl_value_data ((const char *) list[0].data, list[0].size);
}

/* socket_get_ssl_version(socket:): the ENCAPS_* value of the protocol in use. */
static nasl_value
bi_socket_get_ssl_version (nasl_call *call)
{
  gnutls_session_t s = tls_arg (call);

  if (s == NULL)
    return NASL_NULL;
  switch (gnutls_protocol_get_version (s))
    {
    case GNUTLS_SSL3: return nasl_value_int (NETCONN_ENCAPS_SSLv3);
    case GNUTLS_TLS1_0: return nasl_value_int (NETCONN_ENCAPS_TLSv1);
    case GNUTLS_TLS1_1: return nasl_value_int (NETCONN_ENCAPS_TLSv11);
    case GNUTLS_TLS1_2: return nasl_value_int (NETCONN_ENCAPS_TLSv12);
    case GNUTLS_TLS1_3: return nasl_value_int (NETCONN_ENCAPS_TLSv13);
    default: return NASL_NULL;
    }
}

/* socket_get_ssl_ciphersuite(socket:): the two bytes of the cipher suite
** ADDED together (openvas-nasl's value), or NULL. */
static nasl_value
bi_socket_get_ssl_ciphersuite (nasl_call *call)
{
  gnutls_session_t s = tls_arg (call);
  gnutls_kx_algorithm_t kx, kx2;
  gnutls_cipher_algorithm_t cipher, cipher2;
  gnutls_mac_algorithm_t mac, mac2;
  unsigned char id[2];

  if (s == NULL)
    return NASL_NULL;
  kx = gnutls_kx_get (s);
  cipher = gnutls_cipher_get (s);
  mac = gnutls_mac_get (s);
  for (size_t i = 0; gnutls_cipher_suite_info (i, id, &kx2, &cipher2, &mac2, NULL); i++)
    if (kx == kx2 && cipher == cipher2 && mac == mac2)
      return nasl_value_int (id[0] + id[1]);
  return NASL_NULL;
}

/* socket_get_ssl_session_id(socket:): the TLS session id, or NULL. */
static nasl_value
bi_socket_get_ssl_session_id (nasl_call *call)
{
  gnutls_session_t s = tls_arg (call);
  unsigned char id[GNUTLS_MAX_SESSION_ID_SIZE];
  size_t len = sizeof id;

  if (s == NULL || gnutls_session_get_id (s, id, &len) != 0 || len == 0)
    return NASL_NULL;
  return nasl_value_data ((const char *) id, len);
}

/* socket_check_ssl_safe_renegotiation(socket:): 1 when the server supports
** safe renegotiation, 0 when not, -1 for a socket that is not TLS. */
static nasl_value
bi_socket_check_ssl_safe_renegotiation (nasl_call *call)
{
  long soc = nasl_arg_int (call, "socket", -1);
  netconn *c;

  if (soc < 0)
    {
      nasl_call_error (call, "Erroneous socket value %ld", soc);
      return NASL_NULL;
    }
  c = stream_of (nasl_call_state (call), soc);
  if (c == NULL || netconn_tls (c) == NULL)
    return nasl_value_int (-1);
  return nasl_value_int (gnutls_safe_renegotiation_status (netconn_tls (c)) ? 1 : 0);
}

/* socket_ssl_do_handshake(socket:): a new handshake: 1, or a negative value. */
static nasl_value
bi_socket_ssl_do_handshake (nasl_call *call)
{
  long soc = nasl_arg_int (call, "socket", -1);
  netconn *c;

  if (soc < 0)
    {
      nasl_call_error (call, "Erroneous socket value %ld", soc);
      return NASL_NULL;
    }
  c = stream_of (nasl_call_state (call), soc);
  return nasl_value_int (c ? netconn_rehandshake (c) : -1);
}

/* socket_cert_verify(socket:): 0 when the server's chain verifies against
** the system's trust store, else GnuTLS's verification flags; NULL when
** there is no certificate. */
static nasl_value
bi_socket_cert_verify (nasl_call *call)
{
  gnutls_session_t s = tls_arg (call);
  const gnutls_datum_t *list;
  gnutls_x509_crt_t *certs;
  gnutls_x509_trust_list_t trust = NULL;
  unsigned n = 0, status = 0, ok = 0;
  nasl_value ret = NASL_NULL;

  if (s == NULL || gnutls_certificate_type_get (s) != GNUTLS_CRT_X509)
    return NASL_NULL;
  list = gnutls_certificate_get_peers (s, &n);
  if (list == NULL || n == 0)
    return NASL_NULL;
  certs = g_new0 (gnutls_x509_crt_t, n);
  for (ok = 0; ok < n; ok++)
    if (gnutls_x509_crt_init (&certs[ok]) != 0
        || gnutls_x509_crt_import (certs[ok], &list[ok], GNUTLS_X509_FMT_DER) != 0)
      break;
  if (ok == n && gnutls_x509_trust_list_init (&trust, 0) == 0
      && gnutls_x509_trust_list_add_system_trust (trust, 0, 0) >= 0
      && gnutls_x509_trust_list_verify_crt (trust, certs, n, 0, &status, NULL) == 0)
    ret = nasl_value_int (status);
  if (trust)
    gnutls_x509_trust_list_deinit (trust, 1);
  for (unsigned i = 0; i < n; i++)
    if (certs[i])
      gnutls_x509_crt_deinit (certs[i]);
  g_free (certs);
  return ret;
}

/* The "tls-*" facts of get_sock_info for session 's' (NULL: "n/a"). */
static nasl_value
tls_fact (gnutls_session_t s, const char *keyword)
{
  const char *v = NULL;

  if (s == NULL)
    v = "n/a";
  else if (strcmp (keyword, "tls-proto") == 0)
    {
      v = gnutls_protocol_get_name (gnutls_protocol_get_version (s));
      v = v ? v : "[?]";
    }
  else if (strcmp (keyword, "tls-kx") == 0)
    v = gnutls_kx_get_name (gnutls_kx_get (s));
  else if (strcmp (keyword, "tls-certtype") == 0)
    v = gnutls_certificate_type_get_name (gnutls_certificate_type_get (s));
  else if (strcmp (keyword, "tls-cipher") == 0)
    v = gnutls_cipher_get_name (gnutls_cipher_get (s));
  else if (strcmp (keyword, "tls-mac") == 0)
    v = gnutls_mac_get_name (gnutls_mac_get (s));
  else
    switch (gnutls_auth_get_type (s))
      {
      case GNUTLS_CRD_ANON: v = "ANON"; break;
      case GNUTLS_CRD_CERTIFICATE: v = "CERT"; break;
      case GNUTLS_CRD_PSK: v = "PSK"; break;
      case GNUTLS_CRD_SRP: v = "SRP"; break;
      default: v = "[?]"; break;
      }
  v = v ? v : "";
  return nasl_value_string (v, strlen (v));
}

/* get_sock_info(socket, keyword, asstring:): "encaps", "tls-proto", "tls-kx",
** "tls-certtype", "tls-cipher", "tls-mac", "tls-auth" or "tls-cert". */
static nasl_value
bi_get_sock_info (nasl_call *call)
{
  long soc = nasl_arg_pos_int (call, 0, -1);
  const nasl_value *kw = nasl_arg_pos (call, 1);
  const char *keyword;
  netconn *c;
  gnutls_session_t s;

  if (soc <= 0)
    {
      nasl_call_error (call, "error: socket %ld is not valid", soc);
      return NASL_NULL;
    }
  if (kw == NULL || (kw->type != NASL_TYPE_STRING && kw->type != NASL_TYPE_DATA))
    {
      nasl_call_error (call, "error: second argument is not of type string");
      return NASL_NULL;
    }
  keyword = nasl_value_bytes (kw, NULL);
  c = stream_of (nasl_call_state (call), soc);
  if (c == NULL)
    {
      nasl_call_error (call, "error retrieving infos for socket %ld: %s", soc,
                       g_strerror (ENOTSOCK));
      return NASL_NULL;
    }
  s = netconn_tls (c);
  if (strcmp (keyword, "encaps") == 0)
    {
      char buf[64];
      const char *name;
      if (!nasl_arg_int (call, "asstring", 0))
        return nasl_value_int (netconn_get_encaps (c));
      name = netconn_encaps_name (netconn_get_encaps (c), buf);
      return nasl_value_string (name, strlen (name));
    }
  if (strcmp (keyword, "tls-cert") == 0)
    {
      const gnutls_datum_t *list;
      unsigned n = 0;
      nasl_value arr;
      if (s == NULL || gnutls_certificate_type_get (s) != GNUTLS_CRT_X509
          || (list = gnutls_certificate_get_peers (s, &n)) == NULL)
        return NASL_NULL;
      arr = nasl_value_array ();
      for (unsigned i = 0; i < n; i++)
        nasl_array_set_index (&arr, i, nasl_value_data ((const char *) list[i].data,
                                                        list[i].size));
      return arr;
    }
  if (g_str_has_prefix (keyword, "tls-")
      && (strcmp (keyword, "tls-proto") == 0 || strcmp (keyword, "tls-kx") == 0
          || strcmp (keyword, "tls-certtype") == 0 || strcmp (keyword, "tls-cipher") == 0
          || strcmp (keyword, "tls-mac") == 0 || strcmp (keyword, "tls-auth") == 0))
    return tls_fact (s, keyword);
  nasl_call_error (call, "unknown keyword '%s'", keyword);
  return NASL_NULL;
}

/* --- multicast ------------------------------------------------------------------------ */

/* join_multicast_group(address): 1, or NULL; joins are counted per group. */
static nasl_value
bi_join_multicast_group (nasl_call *call)
{
  size_t len;
  const char *a = nasl_arg_pos_str (call, 0, &len);
  sock_table *t;
  struct ip_mreq m;
  int free_slot = -1;

  if (a == NULL)
    {
      nasl_call_error (call, "missing parameter");
      return NASL_NULL;
    }
  if (!inet_aton (a, &m.imr_multiaddr))
    {
      nasl_call_error (call, "invalid parameter '%s'", a);
      return NASL_NULL;
    }
  m.imr_interface.s_addr = htonl (INADDR_ANY);
  t = sock_table_of (nasl_call_state (call));
  for (guint i = 0; i < t->groups->len; i++)
    {
      mcast_group *g = &g_array_index (t->groups, mcast_group, i);
      if (g->count > 0 && g->addr.s_addr == m.imr_multiaddr.s_addr)
        {
          g->count++;
          return nasl_value_int (1);
        }
      if (g->count <= 0)
        free_slot = (int) i;
    }
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      nasl_call_error (call, "socket: %s", g_strerror (errno));
      return NASL_NULL;
    }
  if (setsockopt (fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) < 0)
    {
      nasl_call_error (call, "setsockopt(IP_ADD_MEMBERSHIP): %s",
                       g_strerror (errno));
      close (fd);
      return NASL_NULL;
    }
  mcast_group g = { .addr = m.imr_multiaddr, .count = 1, .fd = fd };
  if (free_slot >= 0)
    g_array_index (t->groups, mcast_group, free_slot) = g;
  else
    g_array_append_val (t->groups, g);
  return nasl_value_int (1);
}

/* leave_multicast_group(address): NULL; the socket goes with the last leave. */
static nasl_value
bi_leave_multicast_group (nasl_call *call)
{
  size_t len;
  const char *a = nasl_arg_pos_str (call, 0, &len);
  sock_table *t = nasl_state_get_data (nasl_call_state (call), SOCKET_SLOT);
  struct in_addr ia;

  if (a == NULL)
    {
      nasl_call_error (call, "missing parameter");
      return NASL_NULL;
    }
  if (!inet_aton (a, &ia))
    {
      nasl_call_error (call, "invalid parameter '%s'", a);
      return NASL_NULL;
    }
  for (guint i = 0; t && i < t->groups->len; i++)
    {
      mcast_group *g = &g_array_index (t->groups, mcast_group, i);
      if (g->count > 0 && g->addr.s_addr == ia.s_addr)
        {
          if (--g->count <= 0)
            close (g->fd);
          return NASL_NULL;
        }
    }
  nasl_call_error (call, "never joined group %s", a);
  return NASL_NULL;
}

/* --- telnet and FTP helpers ----------------------------------------------------------- */

#define TELNET_IAC 255
#define TELNET_WILL 251
#define TELNET_WONT 252
#define TELNET_DO 253
#define TELNET_DONT 254
#define TELNET_OPT_LINEMODE 0x22
#define TELNET_MAX_OPTIONS 100
#define TELNET_BUF 1024

/* telnet_init(socket): answers the server's option negotiation (refusing
** everything, and asking it not to do linemode), then returns the banner
** read after it. */
static nasl_value
bi_telnet_init (nasl_call *call)
{
  long soc = nasl_arg_pos_int (call, 0, -1);
  netconn *c = soc > 0 ? stream_of (nasl_call_state (call), soc) : NULL;
  unsigned char buf[TELNET_BUF + 1];
  long n = 0, more;
  int opts = 0;
  bool linemode_sent = false;

  if (soc <= 0)
    {
      nasl_call_error (call, "syntax error");
      nasl_call_error (call, "correct syntax is: output = telnet_init(<socket>)");
      return NASL_NULL;
    }
  if (c == NULL)
    return NASL_NULL;
  buf[0] = TELNET_IAC;
  while (buf[0] == TELNET_IAC)
    {
      n = netconn_read (c, buf, 3, 3);
      if (buf[0] != TELNET_IAC || n != 3)
        break;
      if (buf[1] == TELNET_WILL || buf[1] == TELNET_WONT)
        buf[1] = TELNET_DONT;
      else if (buf[1] == TELNET_DO || buf[1] == TELNET_DONT)
        buf[1] = TELNET_WONT;
      netconn_write (c, buf, 3, 0);
      if (!linemode_sent)
        {
          buf[1] = TELNET_DO;
          buf[2] = TELNET_OPT_LINEMODE;
          netconn_write (c, buf, 3, 0);
          linemode_sent = true;
        }
      if (++opts > TELNET_MAX_OPTIONS)
        break;
    }
  if (n <= 0)
    {
      if (opts == 0)
        return NASL_NULL;
      n = 0;
    }
  if (opts > TELNET_MAX_OPTIONS)
    {
      nasl_call_error (call, "more than 100 options received, giving up");
      return NASL_NULL;
    }
  more = netconn_read (c, buf + n, -1, TELNET_BUF - n);
  if (more > 0)
    n += more;
  return nasl_value_data ((const char *) buf, (size_t) n);
}

#define FTP_LINE 1024
#define FTP_MAX_CONTINUATIONS 1024

/* One reply line (at most FTP_LINE - 1 bytes) into 'line'; its length, 0 on EOF or
** time-out, -1 when nothing could be read. */
static long
ftp_line (netconn *c, char line[FTP_LINE])
{
  long n = 0;

  line[0] = '\0';
  while (n < FTP_LINE - 1)
    {
      long r = netconn_read (c, line + n, 1, 1);
      if (r < 0)
        return n == 0 ? -1 : n;
      if (r == 0)
        break;
      n++;
      if (line[n - 1] == '\0' || line[n - 1] == '\n')
        break;
    }
  line[n] = '\0';
  return n;
}

/* Skips the rest of a multi-line reply ("123-..." lines); false for a rogue server. */
static bool
ftp_skip_continuations (netconn *c, char line[FTP_LINE], long *n)
{
  int count = 0;

  while (line[3] == '-' && *n > 0 && count < FTP_MAX_CONTINUATIONS)
    {
      *n = ftp_line (c, line);
      count++;
    }
  return count < FTP_MAX_CONTINUATIONS;
}

/* A command line "VERB arg\r\n" (the argument cut to fit, like OpenVAS's buffer). */
static void
ftp_command (netconn *c, const char *verb, const char *arg)
{
  char *cmd = g_strdup_printf ("%s %s\r\n", verb, arg);

  if (strlen (cmd) >= FTP_LINE)
    cmd[FTP_LINE - 1] = '\0';
  netconn_write (c, cmd, strlen (cmd), 0);
  g_free (cmd);
}

/* The FTP login dialogue; true when logged in. */
static bool
ftp_login (netconn *c, const char *user, const char *pass)
{
  char line[FTP_LINE];
  long n = ftp_line (c, line);

  if (n <= 0 || strncmp (line, "220", 3) != 0)
    return false;
  if (!ftp_skip_continuations (c, line, &n) || n <= 0)
    return false;
  ftp_command (c, "USER", user);
  n = ftp_line (c, line);
  if (n <= 0)
    return false;
  if (strncmp (line, "230", 3) == 0)
    {
      ftp_skip_continuations (c, line, &n);
      return true;
    }
  if (strncmp (line, "331", 3) != 0)
    return false;
  n = 1;
  if (!ftp_skip_continuations (c, line, &n))
    return false;
  ftp_command (c, "PASS", pass);
  n = ftp_line (c, line);
  if (n <= 0 || strncmp (line, "230", 3) != 0)
    return false;
  n = 1;
  ftp_skip_continuations (c, line, &n);
  return true;
}

/* ftp_log_in(socket:, user:, pass:): 1 when the login worked, else 0. */
static nasl_value
bi_ftp_log_in (nasl_call *call)
{
  long soc = nasl_arg_int (call, "socket", 0);
  netconn *c = soc > 0 ? stream_of (nasl_call_state (call), soc) : NULL;
  size_t len;
  const char *user = nasl_arg_str (call, "user", &len);
  const char *pass = nasl_arg_str (call, "pass", &len);

  if (soc <= 0)
    return NASL_NULL;
  if (c == NULL)
    return nasl_value_int (0);
  return nasl_value_int (ftp_login (c, user ? user : "", pass ? pass : ""));
}

/* ftp_get_pasv_port(socket:): sends PASV and returns the port of the
** "227 ... (h1,h2,h3,h4,p1,p2)" reply, 0 when there is none. */
static nasl_value
bi_ftp_get_pasv_port (nasl_call *call)
{
  long soc = nasl_arg_int (call, "socket", 0);
  netconn *c = soc > 0 ? stream_of (nasl_call_state (call), soc) : NULL;
  char line[FTP_LINE];
  int v[6];
  const char *p;

  if (soc <= 0)
    return NASL_NULL;
  if (c == NULL)
    return nasl_value_int (0);
  netconn_write (c, "PASV\r\n", 6, 0);
  if (ftp_line (c, line) < 0 || strncmp (line, "227", 3) != 0 || (p = strchr (line, '(')) == NULL)
    return nasl_value_int (0);
  p++;
  for (int i = 0; i < 6; i++)
    {
      const char *end = strchr (p, i < 5 ? ',' : ')');
      if (end == NULL)
        return nasl_value_int (0);
      v[i] = atoi (p) & 0xff;
      p = end + 1;
    }
  return nasl_value_int (v[4] * 256 + v[5]);
}

const nasl_builtin lib_socket_builtins[] = {
  { "open_sock_tcp", bi_open_sock_tcp, 0, 1, "timeout:i? transport:i? priority:s? bufsz:i?" },
  { "open_sock_udp", bi_open_sock_udp, 0, 1, "" },
  { "open_priv_sock_tcp", bi_open_priv_sock_tcp, 0, 0, "dport:i? sport:i? timeout:i?" },
  { "open_priv_sock_udp", bi_open_priv_sock_udp, 0, 0, "dport:i? sport:i? timeout:i?" },
  { "recv", bi_recv, 0, 0, "socket:i? length:i? min:i? timeout:i?" },
  { "recv_line", bi_recv_line, 0, 0, "socket:i? length:i? timeout:i?" },
  { "send", bi_send, 0, 0, "socket:i? data:s? length:i? option:i?" },
  { "close", bi_close, 0, 1, "" },
  { "get_source_port", bi_get_source_port, 0, 1, "" },
  { "get_sock_info", bi_get_sock_info, 0, 2, "asstring:i?" },
  { "get_mtu", bi_get_mtu, 0, 0, "" },
  { "socket_get_error", bi_socket_get_error, 0, 1, "" },
  { "socket_negotiate_ssl", bi_socket_negotiate_ssl, 0, 0, "socket:i? transport:i?" },
  { "socket_get_cert", bi_socket_get_cert, 0, 0, "socket:i?" },
  { "socket_get_ssl_version", bi_socket_get_ssl_version, 0, 0, "socket:i?" },
  { "socket_get_ssl_ciphersuite", bi_socket_get_ssl_ciphersuite, 0, 0, "socket:i?" },
  { "socket_get_ssl_session_id", bi_socket_get_ssl_session_id, 0, 0, "socket:i?" },
  { "socket_check_ssl_safe_renegotiation", bi_socket_check_ssl_safe_renegotiation, 0, 0,
    "socket:i?" },
  { "socket_ssl_do_handshake", bi_socket_ssl_do_handshake, 0, 0, "socket:i?" },
  { "socket_cert_verify", bi_socket_cert_verify, 0, 0, "socket:i?" },
  { "join_multicast_group", bi_join_multicast_group, 0, 1, "" },
  { "leave_multicast_group", bi_leave_multicast_group, 0, 1, "" },
  { "telnet_init", bi_telnet_init, 0, 1, "" },
  { "ftp_log_in", bi_ftp_log_in, 0, 0, "socket:i? user:s? pass:s?" },
  { "ftp_get_pasv_port", bi_ftp_get_pasv_port, 0, 0, "socket:i?" },
  NASL_BUILTIN_END
};

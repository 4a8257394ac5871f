/* lib_host.c: builtin family 'host': get_host_ip get_port_state this_host ... */
#include "libs.h"
#include "kb.h"
#include "nasl.h"

#include <arpa/inet.h>
#include <glib.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *
host_ip (nasl_state *st)
{
  const char *ip = nasl_get_target_ip (st);
  return ip && *ip ? ip : "127.0.0.1";
}

/* get_host_ip(): the target address as a string. */
static nasl_value
bi_get_host_ip (nasl_call *call)
{
  const char *ip = host_ip (nasl_call_state (call));
  return nasl_value_string (ip, strlen (ip));
}

/* get_host_name(): the target's name (its address when it has none). */
static nasl_value
bi_get_host_name (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  const char *name = nasl_get_target_name (st);
  if (!name || !*name)
    name = host_ip (st);
  return nasl_value_string (name, strlen (name));
}

/* get_host_names(): the list of the target's names (here: one). */
static nasl_value
bi_get_host_names (nasl_call *call)
{
  nasl_value arr = nasl_value_array ();
  nasl_value name = bi_get_host_name (call);
  nasl_array_push (&arr, name);
  return arr;
}

/* An int KB value, or a string one read with atoi; 0 when absent. */
static long
kb_int_value (nasl_kb *kb, const char *name)
{
  size_t n;
  const kb_value *v = kb_get (kb, name, &n);
  if (n == 0)
    return 0;
  return v[0].is_int ? v[0].i : atol (v[0].s);
}

/* Is 'port' of protocol 'udp' (0: tcp) inside a port_range preference such
** as "1-1024,8080,T:1-5,U:53,U:100-"?  Entries are TCP until a "U:" prefix
** (and again after "T:"); a range may omit either end. */
static int
port_in_range_pref (const char *range, long port, int udp)
{
  int in = 0, cur_udp = 0;
  char **parts = g_strsplit (range, ",", -1);
  for (char **p = parts; *p && !in; p++)
    {
      const char *t = g_strstrip (*p);
      if ((t[0] == 'T' || t[0] == 't') && t[1] == ':')
        cur_udp = 0, t += 2;
      else if ((t[0] == 'U' || t[0] == 'u') && t[1] == ':')
        cur_udp = 1, t += 2;
      while (*t == ' ')
        t++;
      if (!*t || cur_udp != udp)
        continue;
      const char *dash = strchr (t, '-');
      long lo = dash == t ? 1 : atol (t);
      long hi = dash ? (dash[1] ? atol (dash + 1) : 65535) : lo;
      if (port >= lo && port <= hi)
        in = 1;
    }
  g_strfreev (parts);
  return in;
}

static int
pref_is_yes (nasl_state *st, const char *name)
{
  const char *v = nasl_get_preference (st, name);
  return v && strcmp (v, "yes") == 0;
}

/*
** OpenVAS's port state rule: a port the scan did not cover -- the host was
** not port scanned ("Host/scanned", for UDP "Host/udp_scanned", unset in the
** KB) or the port is outside the port_range preference -- counts as open
** unless the "unscanned_closed" ("unscanned_closed_udp") preference is
** "yes".  A scanned port is open when "Ports/<proto>/<port>" is positive.
** Without a port_range preference every port counts as covered.
*/
static int
port_state (nasl_state *st, long port, const char *proto)
{
  if (port < 0 || port > 65535)
    return 0;
  int udp = strcmp (proto, "udp") == 0;
  int unscanned_open = !pref_is_yes (st, udp ? "unscanned_closed_udp" : "unscanned_closed");
  nasl_kb *kb = nasl_state_kb (st);
  if (kb_int_value (kb, udp ? "Host/udp_scanned" : "Host/scanned") <= 0)
    return unscanned_open;
  const char *range = nasl_get_preference (st, "port_range");
  if (range && !port_in_range_pref (range, port, udp))
    return unscanned_open;
  char key[64];
  g_snprintf (key, sizeof key, "Ports/%s/%ld", proto, port);
  return kb_int_value (kb, key) > 0;
}

static nasl_value
bi_get_port_state (nasl_call *call)
{
  long port = nasl_arg_pos_int (call, 0, -1);
  return nasl_value_int (port_state (nasl_call_state (call), port, "tcp"));
}

static nasl_value
bi_get_udp_port_state (nasl_call *call)
{
  long port = nasl_arg_pos_int (call, 0, -1);
  return nasl_value_int (port_state (nasl_call_state (call), port, "udp"));
}

typedef struct open_port_walk {
  long port;
} open_port_walk;

static int
open_port_visit (void *ud, const char *name, const kb_value *val)
{
  open_port_walk *w = ud;
  long on = val->is_int ? val->i : atol (val->s);
  long port = atol (name + strlen ("Ports/tcp/"));
  if (on > 0 && port > 0 && port <= 65535 && (w->port == 0 || port < w->port))
    w->port = port;
  return 0;
}

/* get_host_open_port(): an open TCP port from the KB (the lowest), else 0. */
static nasl_value
bi_get_host_open_port (nasl_call *call)
{
  open_port_walk w = { 0 };
  kb_foreach (nasl_state_kb (nasl_call_state (call)), "Ports/tcp/*", open_port_visit, &w);
  return nasl_value_int (w.port);
}

/* islocalhost(): 1 when the target is a loopback address. */
static nasl_value
bi_islocalhost (nasl_call *call)
{
  const char *ip = host_ip (nasl_call_state (call));
  struct in_addr a4;
  struct in6_addr a6;
  int local = 0;
  if (inet_pton (AF_INET, ip, &a4) == 1)
    local = (ntohl (a4.s_addr) >> 24) == 127;
  else if (inet_pton (AF_INET6, ip, &a6) == 1)
    local = IN6_IS_ADDR_LOOPBACK (&a6)
            || (IN6_IS_ADDR_V4MAPPED (&a6) && a6.s6_addr[12] == 127);
  return nasl_value_int (local);
}

/* this_host(): the local address that routes to the target (no packet is
** sent: a UDP socket is connected and asked for its own address). */
static nasl_value
bi_this_host (nasl_call *call)
{
  const char *ip = host_ip (nasl_call_state (call));
  struct sockaddr_storage ss;
  socklen_t sl = 0;
  memset (&ss, 0, sizeof ss);
  struct sockaddr_in *s4 = (struct sockaddr_in *) &ss;
  struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) &ss;
  if (inet_pton (AF_INET, ip, &s4->sin_addr) == 1)
    {
      s4->sin_family = AF_INET;
      s4->sin_port = htons (9);
      sl = sizeof *s4;
    }
  else if (inet_pton (AF_INET6, ip, &s6->sin6_addr) == 1)
    {
      s6->sin6_family = AF_INET6;
      s6->sin6_port = htons (9);
      sl = sizeof *s6;
    }
  else
    return NASL_NULL;
  int fd = socket (ss.ss_family, SOCK_DGRAM, 0);
  if (fd < 0)
    return NASL_NULL;
  char buf[INET6_ADDRSTRLEN] = "";
  struct sockaddr_storage me;
  socklen_t ml = sizeof me;
  if (connect (fd, (struct sockaddr *) &ss, sl) == 0
      && getsockname (fd, (struct sockaddr *) &me, &ml) == 0)
    {
      if (me.ss_family == AF_INET)
        inet_ntop (AF_INET, &((struct sockaddr_in *) &me)->sin_addr, buf, sizeof buf);
      else
        inet_ntop (AF_INET6, &((struct sockaddr_in6 *) &me)->sin6_addr, buf, sizeof buf);
    }
  close (fd);
  return *buf ? nasl_value_string (buf, strlen (buf)) : NASL_NULL;
}

const nasl_builtin lib_host_builtins[] = {
  { "get_host_ip", bi_get_host_ip, 0, 0, "" },
  { "get_host_name", bi_get_host_name, 0, 0, "" },
  { "get_host_names", bi_get_host_names, 0, 0, "" },
  { "get_port_state", bi_get_port_state, 0, 1, "" },
  { "get_tcp_port_state", bi_get_port_state, 0, 1, "" },
  { "get_udp_port_state", bi_get_udp_port_state, 0, 1, "" },
  { "get_host_open_port", bi_get_host_open_port, 0, 0, "" },
  { "islocalhost", bi_islocalhost, 0, 0, "" },
  { "this_host", bi_this_host, 0, 0, "" },
  NASL_BUILTIN_END
};

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_host.c: builtin family 'host': get_host_ip get_port_state this_host ... */
#include "libs.h"
#include "kb.h"
#include "lib_socket.h"
#include "nasl.h"
#include "net_conn.h"

#include <arpa/inet.h>
#include <glib.h>
#include <ifaddrs.h>
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

/* The target address as a socket address (port 0); false when it is not one. */
static bool
host_sockaddr (nasl_state *st, struct sockaddr_storage *ss)
{
  socklen_t len;

  return netconn_sockaddr (host_ip (st), 0, ss, &len);
}

/* get_host_ip(): the target address in its canonical text form (an
** IPv4-mapped IPv6 address as dotted quad, as openvas-nasl prints it). */
static nasl_value
bi_get_host_ip (nasl_call *call)
{
  const char *ip = host_ip (nasl_call_state (call));
  struct sockaddr_storage ss;
  char buf[INET6_ADDRSTRLEN];

  if (host_sockaddr (nasl_call_state (call), &ss))
    {
      if (ss.ss_family == AF_INET)
        inet_ntop (AF_INET, &((struct sockaddr_in *) &ss)->sin_addr, buf, sizeof buf);
      else
        inet_ntop (AF_INET6, &((struct sockaddr_in6 *) &ss)->sin6_addr, buf, sizeof buf);
      ip = buf;
    }
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
int
host_port_state (nasl_state *st, long port, const char *proto)
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
  return nasl_value_int (host_port_state (nasl_call_state (call), port, "tcp"));
}

static nasl_value
bi_get_udp_port_state (nasl_call *call)
{
  long port = nasl_arg_pos_int (call, 0, -1);
  return nasl_value_int (host_port_state (nasl_call_state (call), port, "udp"));
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

/* Does the address in 'ss' (port ignored) sit on one of this host's
** interfaces ('same_net': on the network of one of them)? */
static bool
on_local_interface (const struct sockaddr_storage *ss, bool same_net)
{
  struct ifaddrs *ifs = NULL;
  bool found = false;

  if (getifaddrs (&ifs) != 0)
    return false;
  for (struct ifaddrs *i = ifs; i && !found; i = i->ifa_next)
    {
      const uint8_t *a, *m, *t;
      size_t n;
      if (!i->ifa_addr || i->ifa_addr->sa_family != ss->ss_family || (same_net && !i->ifa_netmask))
        continue;
      if (ss->ss_family == AF_INET)
        {
          a = (const uint8_t *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr;
          m = same_net ? (const uint8_t *) &((struct sockaddr_in *) i->ifa_netmask)->sin_addr : NULL;
          t = (const uint8_t *) &((const struct sockaddr_in *) ss)->sin_addr;
          n = 4;
        }
      else
        {
          a = ((struct sockaddr_in6 *) i->ifa_addr)->sin6_addr.s6_addr;
          m = same_net ? ((struct sockaddr_in6 *) i->ifa_netmask)->sin6_addr.s6_addr : NULL;
          t = ((const struct sockaddr_in6 *) ss)->sin6_addr.s6_addr;
          n = 16;
        }
      bool match = true, nonzero = false;
      for (size_t k = 0; k < n && match; k++)
        {
          uint8_t mask = m ? m[k] : 0xff;
          match = (a[k] & mask) == (t[k] & mask);
          nonzero = nonzero || (t[k] & mask) != 0;
        }
      /* openvas-nasl does not count a network address of 0 (a /0 route) */
      found = match && (!same_net || ss->ss_family != AF_INET || nonzero);
    }
  freeifaddrs (ifs);
  return found;
}

/* islocalhost(): 1 when the target is this host: a loopback address,
** 0.0.0.0, or the address of one of its interfaces. */
static nasl_value
bi_islocalhost (nasl_call *call)
{
  struct sockaddr_storage ss;
  int local = 0;

  if (host_sockaddr (nasl_call_state (call), &ss))
    {
      if (ss.ss_family == AF_INET)
        {
          uint32_t a = ntohl (((struct sockaddr_in *) &ss)->sin_addr.s_addr);
          local = (a >> 24) == 127 || a == 0;
        }
      else
        local = IN6_IS_ADDR_LOOPBACK (&((struct sockaddr_in6 *) &ss)->sin6_addr);
      local = local || on_local_interface (&ss, false);
    }
  return nasl_value_int (local);
}

/* islocalnet(): 1 when the target is on the network of one of this host's
** interfaces (IPv6: also link-local and loopback addresses). */
static nasl_value
bi_islocalnet (nasl_call *call)
{
  struct sockaddr_storage ss;
  int local = 0;

  if (host_sockaddr (nasl_call_state (call), &ss))
    {
      if (ss.ss_family == AF_INET6)
        {
          const struct in6_addr *a = &((struct sockaddr_in6 *) &ss)->sin6_addr;
          local = IN6_IS_ADDR_LINKLOCAL (a) || IN6_IS_ADDR_LOOPBACK (a);
        }
      local = local || on_local_interface (&ss, true);
    }
  return nasl_value_int (local);
}

/* TARGET_IS_IPV6(): 1 for an IPv6 target (not IPv4-mapped), else 0. */
static nasl_value
bi_target_is_ipv6 (nasl_call *call)
{
  struct sockaddr_storage ss;

  if (!host_sockaddr (nasl_call_state (call), &ss))
    {
      nasl_call_error (call, "address is NULL!");
      return NASL_NULL;
    }
  return nasl_value_int (ss.ss_family == AF_INET6);
}

/* this_host_name(): this host's name. */
static nasl_value
bi_this_host_name (nasl_call *call)
{
  char name[256] = "";

  (void) call;
  gethostname (name, sizeof name - 1);
  name[sizeof name - 1] = '\0';
  return nasl_value_data (name, strlen (name));
}

/* get_port_transport(port, asstring:): the ENCAPS_* value recorded for a
** TCP port (ENCAPS_IP when none), or its name with asstring:. */
static nasl_value
bi_get_port_transport (nasl_call *call)
{
  long port = nasl_arg_pos_int (call, 0, -1);
  int trp;

  if (port < 0 || port > 65535)
    return NASL_NULL;
  trp = socket_port_transport (nasl_call_state (call), (int) port);
  if (nasl_arg_int (call, "asstring", 0))
    {
      char buf[64];
      const char *name = netconn_encaps_name (trp, buf);
      return nasl_value_string (name, strlen (name));
    }
  return nasl_value_int (trp);
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
  { "islocalnet", bi_islocalnet, 0, 0, "" },
  { "TARGET_IS_IPV6", bi_target_is_ipv6, 0, 0, "" },
  { "this_host_name", bi_this_host_name, 0, 0, "" },
  { "get_port_transport", bi_get_port_transport, 0, 1, "asstring:i?" },
  { "this_host", bi_this_host, 0, 0, "" },
  NASL_BUILTIN_END
};

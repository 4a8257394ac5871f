/* SPDX-License-Identifier: GPL-2.0-or-later */
/* probe.c: nasl_audit_probe(ports:, timeout:, budget:): TCP connects from this host to the target, many at a time, for the reachability evidence. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "nasl.h"
#include "probe.h"

/* Connections in flight at once, and the bounds of the arguments. */
#define PROBE_CONCURRENCY 64
#define PROBE_MAX_PORTS 65536
#define PROBE_MAX_TIMEOUT_S 30
#define PROBE_MAX_BUDGET_S 600

typedef struct probe {
  int port;
  int fd;           /* -1: not started or finished */
  gint64 deadline;  /* monotonic, microseconds */
  const char *verdict;
} probe;

/* The target's address for port 'port', or -1. */
static int
probe_address (const char *ip, int port, struct sockaddr_storage *sa, socklen_t *len)
{
  struct addrinfo hints = { 0 }, *ai = NULL;
  char service[8];

  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  hints.ai_socktype = SOCK_STREAM;
  g_snprintf (service, sizeof service, "%d", port);
  if (getaddrinfo (ip, service, &hints, &ai) != 0 || !ai)
    return -1;
  memcpy (sa, ai->ai_addr, ai->ai_addrlen);
  *len = ai->ai_addrlen;
  freeaddrinfo (ai);
  return 0;
}

/* Starts a non-blocking connect; finishes the probe at once when it cannot. */
static void
probe_start (probe *p, const char *ip, gint64 timeout_us)
{
  struct sockaddr_storage sa;
  socklen_t len;

  if (probe_address (ip, p->port, &sa, &len) != 0)
    {
      p->verdict = "no";
      return;
    }
  p->fd = socket (sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (p->fd < 0)
    {
      p->verdict = NULL; /* no descriptor: not tested */
      return;
    }
  p->deadline = g_get_monotonic_time () + timeout_us;
  if (connect (p->fd, (struct sockaddr *) &sa, len) == 0)
    p->verdict = "yes";
  else if (errno != EINPROGRESS)
    p->verdict = "no";
  else
    return;
  close (p->fd);
  p->fd = -1;
}

/* The verdict of a connect that poll() reported finished. */
static void
probe_finish (probe *p)
{
  int err = 0;
  socklen_t len = sizeof err;

  if (getsockopt (p->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
    err = errno;
  p->verdict = err == 0 ? "yes" : "no";
  close (p->fd);
  p->fd = -1;
}

/* Runs every probe with at most PROBE_CONCURRENCY in flight; stops starting
** new ones when the budget is spent (those stay untested). */
static void
probe_all (probe *ps, size_t n, const char *ip, gint64 timeout_us, gint64 budget_end)
{
  struct pollfd fds[PROBE_CONCURRENCY];
  probe *live[PROBE_CONCURRENCY];
  size_t next = 0;

  for (;;)
    {
      size_t nlive = 0;
      gint64 now = g_get_monotonic_time ();
      int wait_ms;

      for (size_t i = 0; i < n; i++)
        if (ps[i].fd >= 0)
          {
            if (now >= ps[i].deadline)
              {
                ps[i].verdict = "no";
                close (ps[i].fd);
                ps[i].fd = -1;
              }
            else if (nlive < PROBE_CONCURRENCY)
              live[nlive++] = &ps[i];
          }
      while (nlive < PROBE_CONCURRENCY && next < n && now < budget_end)
        {
          probe_start (&ps[next], ip, timeout_us);
          if (ps[next].fd >= 0)
            live[nlive++] = &ps[next];
          next++;
        }
      if (nlive == 0)
        return;
      wait_ms = 1000;
      for (size_t i = 0; i < nlive; i++)
        {
          gint64 left = (live[i]->deadline - now) / 1000 + 1;
          fds[i].fd = live[i]->fd;
          fds[i].events = POLLOUT;
          fds[i].revents = 0;
          if (left < wait_ms)
            wait_ms = (int) left;
        }
      if (poll (fds, nlive, wait_ms) < 0 && errno != EINTR)
        return;
      for (size_t i = 0; i < nlive; i++)
        if (fds[i].revents)
          probe_finish (live[i]);
    }
}

typedef struct port_list {
  GArray *ports;
} port_list;

static int
collect_port (void *ud, const nasl_value *key, const nasl_value *val)
{
  port_list *pl = ud;
  long p = nasl_value_to_int (val);

  (void) key;
  if (p > 0 && p <= 65535 && pl->ports->len < PROBE_MAX_PORTS)
    {
      int port = (int) p;
      g_array_append_val (pl->ports, port);
    }
  return 0;
}

/*
** nasl_audit_probe(ports: LIST, timeout: SECONDS, budget: SECONDS)
** returns an array keyed by port (decimal): "yes" when a TCP connection to
** the target's address on that port completed, "no" when it was refused,
** failed or timed out; ports the budget left no time for are absent.
*/
static nasl_value
bi_nasl_audit_probe (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  const nasl_value *ports = nasl_arg (call, "ports");
  long timeout = nasl_arg_int (call, "timeout", 2);
  long budget = nasl_arg_int (call, "budget", 60);
  const char *ip = nasl_get_target_ip (st);
  port_list pl;
  nasl_value out;
  probe *ps;

  if (!ports || ports->type != NASL_TYPE_ARRAY)
    {
      nasl_call_bad_arg (call, "ports", "array");
      return NASL_NULL;
    }
  if (!ip || !*ip)
    {
      nasl_call_error (call, "no target host set");
      return NASL_NULL;
    }
  timeout = CLAMP (timeout, 1, PROBE_MAX_TIMEOUT_S);
  budget = CLAMP (budget, 1, PROBE_MAX_BUDGET_S);
  pl.ports = g_array_new (FALSE, FALSE, sizeof (int));
  nasl_array_foreach (ports, collect_port, &pl);
  ps = g_new0 (probe, pl.ports->len ? pl.ports->len : 1);
  for (guint i = 0; i < pl.ports->len; i++)
    {
      ps[i].port = g_array_index (pl.ports, int, i);
      ps[i].fd = -1;
    }
  probe_all (ps, pl.ports->len, ip, timeout * G_USEC_PER_SEC,
             g_get_monotonic_time () + budget * G_USEC_PER_SEC);
  out = nasl_value_array ();
  for (guint i = 0; i < pl.ports->len; i++)
    if (ps[i].verdict)
      {
        char key[8];
        int n = g_snprintf (key, sizeof key, "%d", ps[i].port);
        nasl_array_set_key (&out, key, (size_t) n, nasl_value_data_cstr (ps[i].verdict));
      }
  g_free (ps);
  g_array_free (pl.ports, TRUE);
  return out;
}

static const nasl_builtin probe_builtins[] = {
  { "nasl_audit_probe", bi_nasl_audit_probe, 0, 0, "ports:a? timeout:i? budget:i?" },
  NASL_BUILTIN_END
};

int
probe_register (nasl_state *st, char **err)
{
  return nasl_register_builtins (st, probe_builtins, err);
}

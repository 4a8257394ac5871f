/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_sockets.c: throughput and memory of the netstat/ss and tasklist parsers on synthetic listings. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

#include "netstat.h"
#include "tasklist.h"

/* Peak resident set size of this process in MB. */
static double
peak_rss_mb (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

/* CPU seconds used by this process (the machine may be shared, so wall
 * time alone would understate throughput). */
static double
cpu_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A Windows "netstat -ano" listing with a mix of row shapes. */
static GString *
make_netstat (size_t rows)
{
  GString *s = g_string_sized_new (rows * 80 + 256);
  g_string_append (s, "\r\nActive Connections\r\n\r\n"
                      "  Proto  Local Address          Foreign Address        State           PID\r\n");
  for (size_t i = 0; i < rows; i++)
    {
      unsigned port = 1024 + (unsigned) (i % 60000);
      switch (i % 4)
        {
        case 0:
          g_string_append_printf (s, "  TCP    0.0.0.0:%u           0.0.0.0:0              LISTENING       %zu\r\n",
                                  port, i % 9000);
          break;
        case 1:
          g_string_append_printf (s, "  TCP    10.1.%zu.%zu:%u       52.97.1.2:443          ESTABLISHED     %zu\r\n",
                                  (i / 256) % 256, i % 256, port, i % 9000);
          break;
        case 2:
          g_string_append_printf (s, "  TCP    [::]:%u              [::]:0                 LISTENING       %zu\r\n",
                                  port, i % 9000);
          break;
        default:
          g_string_append_printf (s, "  UDP    [fe80::1c2d:3e4f:5a6b:7c8d%%12]:%u  *:*                                    %zu\r\n",
                                  port, i % 9000);
          break;
        }
    }
  return s;
}

/* A "tasklist /svc" listing with continuation lines. */
static GString *
make_tasklist (size_t procs)
{
  GString *s = g_string_sized_new (procs * 100 + 256);
  g_string_append (s, "\r\nImage Name                     PID Services\r\n"
                      "========================= ======== ============================================\r\n");
  for (size_t i = 0; i < procs; i++)
    {
      if (i % 3 == 0)
        g_string_append_printf (s, "svchost.exe               %8zu BrokerInfrastructure, DcomLaunch, LSM,\r\n"
                                   "                                   PlugPlay, Power, SystemEventsBroker\r\n",
                                i * 4);
      else
        g_string_append_printf (s, "process number %-10zu %8zu N/A\r\n", i, i * 4);
    }
  return s;
}

static void
bench_netstat (size_t rows)
{
  GString *in = make_netstat (rows);
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_seconds ();
  netstat_result *res = netstat_parse (in->str, in->len, NULL);
  double secs = cpu_seconds () - c0;
  double wall = (g_get_monotonic_time () - t0) / 1e6;
  printf ("netstat  %8zu rows  %6.1f MB  cpu %6.3f s (wall %6.3f)  %9.0f rows/s  %6.1f MB/s  peak RSS %.0f MB%s\n",
          res->n_rows, in->len / 1e6, secs, wall, res->n_rows / secs, in->len / 1e6 / secs,
          peak_rss_mb (), res->n_rows == rows && res->n_unparsed == 0 ? "" : "  (MISMATCH)");
  netstat_result_free (res);
  g_string_free (in, TRUE);
}

static void
bench_tasklist (size_t procs)
{
  GString *in = make_tasklist (procs);
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_seconds ();
  tasklist_result *res = tasklist_parse (in->str, in->len, NULL);
  double secs = cpu_seconds () - c0;
  double wall = (g_get_monotonic_time () - t0) / 1e6;
  printf ("tasklist %8zu procs %6.1f MB  cpu %6.3f s (wall %6.3f)  %9.0f rows/s  %6.1f MB/s  peak RSS %.0f MB%s\n",
          res->n_rows, in->len / 1e6, secs, wall, res->n_rows / secs, in->len / 1e6 / secs,
          peak_rss_mb (), res->n_rows == procs && res->n_unparsed == 0 ? "" : "  (MISMATCH)");
  tasklist_result_free (res);
  g_string_free (in, TRUE);
}

/* A single 100 MB line without a newline: must be rejected in linear time. */
static void
bench_hostile_line (void)
{
  size_t n = 100 * 1000 * 1000;
  char *buf = g_malloc (n);
  memset (buf, 'A', n);
  double c0 = cpu_seconds ();
  netstat_result *nr = netstat_parse (buf, n, NULL);
  tasklist_result *tr = tasklist_parse (buf, n, NULL);
  printf ("hostile  100 MB single line: netstat unparsed=%zu tasklist unparsed=%zu  cpu %.3f s\n",
          nr->n_unparsed, tr->n_unparsed, cpu_seconds () - c0);
  netstat_result_free (nr);
  tasklist_result_free (tr);
  g_free (buf);
}

int
main (void)
{
  bench_netstat (100000);
  bench_netstat (1000000);
  bench_tasklist (5000);
  bench_tasklist (50000);
  bench_hostile_line ();
  return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_audit.c: throughput and scaling of the .audit parser on a real sample; port list checks. */

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "audit.h"
#include "match.h"

#ifndef AUDIT_BENCH_SAMPLE
#define AUDIT_BENCH_SAMPLE "tests/samples/audits/nsa_shb_WindowsFirewall.audit"
#endif

/* The text between the <check_type ...> line and </check_type>. */
static gboolean
sample_body (const char *text, gsize len, const char **body, gsize *body_len)
{
  const char *open = g_strstr_len (text, (gssize) len, "<check_type");
  const char *close = g_strrstr_len (text, (gssize) len, "</check_type>");
  const char *start;

  if (!open || !close || close < open)
    return FALSE;
  start = memchr (open, '\n', (size_t) (close - open));
  if (!start)
    return FALSE;
  *body = start + 1;
  *body_len = (gsize) (close - start - 1);
  return TRUE;
}

/* One <check_type> holding BODY repeated REPS times. */
static GString *
make_input (const char *body, gsize body_len, unsigned reps)
{
  GString *s = g_string_sized_new (body_len * reps + 64);
  unsigned i;

  g_string_append (s, "<check_type:\"Windows\" version:\"2\">\n");
  for (i = 0; i < reps; i++)
    g_string_append_len (s, body, (gssize) body_len);
  g_string_append (s, "</check_type>\n");
  return s;
}

/* Seconds of CPU used by this process (stable on a loaded machine). */
static double
cpu_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

typedef struct timing {
  double cpu;  /* best CPU seconds of one parse */
  double wall; /* best wall seconds of one parse */
} timing;

/* Best times of ROUNDS parses (and frees) of IN; checks the result. */
static timing
time_parse (const GString *in, unsigned rounds, size_t expect_items)
{
  timing best = { 1e9, 1e9 };
  unsigned r;

  for (r = 0; r < rounds; r++)
    {
      GError *err = NULL;
      gint64 w0 = g_get_monotonic_time ();
      double c0 = cpu_now ();
      audit_doc *doc = audit_parse_string (in->str, in->len, "bench", NULL, &err);
      size_t n;

      if (!doc)
        {
          fprintf (stderr, "bench_audit: %s\n", err->message);
          exit (1);
        }
      n = audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM);
      audit_doc_free (doc);
      best.cpu = MIN (best.cpu, cpu_now () - c0);
      best.wall = MIN (best.wall, (double) (g_get_monotonic_time () - w0) / 1e6);
      if (n != expect_items)
        {
          fprintf (stderr, "bench_audit: wrong item count\n");
          exit (1);
        }
    }
  return best;
}

static long
peak_rss_kb (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void
report (const char *mode, const GString *in, timing t, long rss_mb)
{
  double mb = (double) in->len / 1048576;

  printf ("audit parse [%s] %6.2f MB: cpu %8.2f ms %7.1f MB/s | wall %8.2f ms %7.1f MB/s | peak RSS %ld MB\n",
          mode, mb, t.cpu * 1e3, mb / t.cpu, t.wall * 1e3, mb / t.wall, rss_mb);
}

/* Both sizes, best of several rounds; prints and returns the scaling. */
static void
run_pair (const char *mode, const GString *small, const GString *large, size_t items,
          unsigned reps)
{
  timing ts = time_parse (small, 9, items * reps);
  timing tl;

  report (mode, small, ts, peak_rss_kb () / 1024);
  tl = time_parse (large, 5, items * reps * 10);
  report (mode, large, tl, peak_rss_kb () / 1024);
  printf ("audit scaling (%s): 10x input takes %.2fx cpu time, %.2fx wall time (target <= 11x); "
          ">= 50 MB/s (cpu): %s\n",
          mode, tl.cpu / ts.cpu, tl.wall / ts.wall,
          (double) small->len / 1048576.0 / ts.cpu >= 50 && (double) large->len / 1048576.0 / tl.cpu >= 50
            ? "met" : "NOT MET");
}

/* {====================================================================
** Port lists: what checking that each regex element matches some port
** (audit_portspec_new) costs.
** ===================================================================== */

/* The I-th of 1000 distinct, valid regex elements of the usual shapes. */
static char *
valid_element (unsigned i)
{
  switch (i % 4)
    {
    case 0:
      return g_strdup_printf ("1%03u[0-9]?", i);
    case 1:
      return g_strdup_printf ("(%u|%u)0?", i + 1, i + 2001);
    case 2:
      return g_strdup_printf ("%u\\d{0,1}", i + 1);
    default:
      return g_strdup_printf ("6%03u[0-9]?", i); /* found late in port order */
    }
}

/* Compiles SPEC (must succeed when OK, fail otherwise); CPU seconds. */
static double
time_spec (const char *spec, gboolean ok)
{
  char *err = NULL;
  double c0 = cpu_now ();
  audit_portspec *ps = audit_portspec_new (spec, strlen (spec), &err);
  double t = cpu_now () - c0;

  if ((ps != NULL) != ok)
    {
      fprintf (stderr, "bench_audit: port list '%s': %s\n", spec, err ? err : "valid");
      exit (1);
    }
  audit_portspec_free (ps);
  g_free (err);
  return t;
}

static void
bench_port_lists (void)
{
  GString *all = g_string_new (NULL);
  double sep = 0, one, bad = 0, patho;
  unsigned i;

  for (i = 0; i < 1000; i++)
    {
      char *e = valid_element (i);
      sep += time_spec (e, TRUE);
      g_string_append_printf (all, "%s%s", i ? "," : "", e);
      g_free (e);
    }
  one = time_spec (all->str, TRUE);
  printf ("port lists: 1000 distinct regex elements, one list each: %.1f ms cpu (%.1f us per element)\n",
          sep * 1e3, sep * 1e3);
  printf ("port lists: the same 1000 elements in one list (%zu bytes): %.1f ms cpu\n", all->len,
          one * 1e3);
  for (i = 0; i < 20; i++)
    {
      char *e = g_strdup_printf ("7{%u}", 6 + i); /* matches no port: every port is tried */
      bad += time_spec (e, FALSE);
      g_free (e);
    }
  printf ("port lists: a regex element that matches no port (error): %.1f us cpu each\n",
          bad / 20 * 1e6);
  bad = time_spec ("[0-9]{6}", FALSE); /* every port text may grow into a match */
  printf ("port lists: an element that makes the search visit every port text ([0-9]{6}): %.1f ms cpu\n",
          bad * 1e3);
  patho = time_spec ("(\\d?" "?){12}\\d{6}", FALSE);
  printf ("port lists: a pathological element ((\\d?" "?){12}\\d{6}, exponential for backtracking): "
          "%.1f ms cpu (limit %u ms wall)\n", patho * 1e3, AUDIT_PORTS_CHECK_TIME_LIMIT_MS);
  g_string_free (all, TRUE);
}

/* }==================================================================== */

int
main (int argc, char **argv)
{
  const char *path = argc > 1 ? argv[1] : AUDIT_BENCH_SAMPLE;
  char *text;
  gsize len, body_len;
  const char *body;
  GError *err = NULL;
  audit_doc *one;
  size_t items;
  unsigned reps;
  GString *small, *large;

  if (!g_file_get_contents (path, &text, &len, &err))
    {
      fprintf (stderr, "bench_audit: %s\n", err->message);
      return 1;
    }
  if (!sample_body (text, len, &body, &body_len))
    {
      fprintf (stderr, "bench_audit: %s has no <check_type> block\n", path);
      return 1;
    }
  one = audit_parse_string (text, len, path, NULL, &err);
  if (!one)
    {
      fprintf (stderr, "bench_audit: %s\n", err->message);
      return 1;
    }
  items = audit_doc_count (one, AUDIT_NODE_CUSTOM_ITEM);
  audit_doc_free (one);

  reps = (unsigned) ((2u << 20) / body_len) + 1;
  small = make_input (body, body_len, reps);
  large = make_input (body, body_len, reps * 10);
  /* glibc gives the freed document back to the kernel between rounds, so
  ** every round pays page faults for fresh memory (expensive in VMs): that
  ** is what a one-shot parse costs.  The second pair keeps the heap, which
  ** isolates the parser's own work. */
  run_pair ("default", small, large, items, reps);
  mallopt (M_TRIM_THRESHOLD, 1 << 30);
  mallopt (M_MMAP_THRESHOLD, 1 << 30);
  run_pair ("no-trim", small, large, items, reps);
  bench_port_lists ();
  g_string_free (small, TRUE);
  g_string_free (large, TRUE);
  g_free (text);
  return 0;
}

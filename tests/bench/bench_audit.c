/* bench_audit.c: throughput and scaling of the .audit parser on a real sample. */

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "audit.h"

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
  g_string_free (small, TRUE);
  g_string_free (large, TRUE);
  g_free (text);
  return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_nasl.c: times the NASL workloads in tests/bench through the embedding API. */
#include "config.h"

#include "nasl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

/* The workloads, in the order they run.  Each script ends by displaying
** "iterations=N", the number of basic operations it performed. */
static const char *const workloads[] = {
  "int_loop.nasl", "string_build.nasl", "array_int.nasl", "array_str.nasl", "regex.nasl", NULL
};

static void
collect_output (void *ud, const char *bytes, size_t len)
{
  g_string_append_len (ud, bytes, (gssize) len);
}

static void
print_diag (void *ud, const char *text)
{
  fprintf (stderr, "  diag: %s\n", text);
}

static double
now_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Peak resident set size of this process so far, in KiB. */
static long
peak_rss_kib (void)
{
  struct rusage ru;
  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return -1;
  return ru.ru_maxrss;
}

/* The directory holding the workloads: argv[1], $top_srcdir/tests/bench, or
** the source directory this program was built from. */
static char *
workload_dir (int argc, char **argv)
{
  if (argc > 1)
    return g_strdup (argv[1]);
  const char *top = getenv ("top_srcdir");
  if (top != NULL && *top != '\0')
    return g_build_filename (top, "tests", "bench", NULL);
#ifdef BENCH_SRCDIR
  return g_strdup (BENCH_SRCDIR);
#else
  return g_strdup ("tests/bench");
#endif
}

/* Runs one workload in a fresh state; returns 0 when it ran cleanly. */
static int
run_workload (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  GString *out = g_string_new (NULL);
  nasl_state *st = nasl_state_new ();
  nasl_set_output (st, collect_output, out);
  nasl_set_diag (st, print_diag, NULL);
  double t0 = now_seconds ();
  nasl_status status = nasl_run_file (st, path, 0);
  double elapsed = now_seconds () - t0;
  nasl_state_free (st);

  const char *it = strstr (out->str, "iterations=");
  long iterations = it != NULL ? strtol (it + 11, NULL, 10) : 0;
  int rc = 0;
  if (status != NASL_OK || iterations <= 0)
    {
      printf ("%-18s FAILED (status %d, output '%s')\n", name, (int) status, out->str);
      rc = 1;
    }
  else
    printf ("%-18s %10ld iterations %9.3f s %14.0f it/s  peak RSS %ld KiB\n", name, iterations,
            elapsed, elapsed > 0 ? (double) iterations / elapsed : 0.0, peak_rss_kib ());
  fflush (stdout);
  g_string_free (out, TRUE);
  g_free (path);
  return rc;
}

int
main (int argc, char **argv)
{
  char *dir = workload_dir (argc, argv);
  int failures = 0;
  printf ("bench_nasl: workloads from %s\n", dir);
  /* Each workload runs in its own process so its peak RSS is its own. */
  for (int i = 0; workloads[i] != NULL; i++)
    {
      fflush (stdout);
      pid_t pid = fork ();
      if (pid == 0)
        _exit (run_workload (dir, workloads[i]));
      int wstatus = 0;
      if (pid < 0 || waitpid (pid, &wstatus, 0) < 0 || !WIFEXITED (wstatus)
          || WEXITSTATUS (wstatus) != 0)
        {
          if (pid > 0 && WIFSIGNALED (wstatus))
            printf ("%-18s CRASHED (signal %d)\n", workloads[i], WTERMSIG (wstatus));
          failures++;
        }
    }
  g_free (dir);
  return failures > 0 ? 1 : 0;
}

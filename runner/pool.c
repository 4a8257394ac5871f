/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pool.c: one worker process per target, N at a time: records streamed back, timeouts, crashes, signals. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record.h"
#include "runner.h"

typedef struct worker {
  pid_t pid;
  int fd;
  size_t index;
  GByteArray *buf;
  gint64 started_mono;
  target_result *tr;
  gboolean broken;   /* sent something that is not a frame */
} worker;

static void
start_worker (const runner_config *cfg, GPtrArray *targets, size_t index, worker *w, int sigfd)
{
  const runner_target *t = g_ptr_array_index (targets, index);
  int fds[2];
  memset (w, 0, sizeof *w);
  w->index = index;
  w->tr = target_result_new (t->name, t->host, runner_transport_name (t->transport));
  w->tr->started = g_get_real_time ();
  w->started_mono = g_get_monotonic_time ();
  if (pipe2 (fds, O_CLOEXEC) != 0)
    {
      w->tr->abort_reason = target_result_keep (w->tr, g_strerror (errno));
      w->pid = -1;
      return;
    }
  fflush (NULL);
  pid_t pid = fork ();
  if (pid < 0)
    {
      w->tr->abort_reason = target_result_keep (w->tr, g_strerror (errno));
      close (fds[0]);
      close (fds[1]);
      w->pid = -1;
      return;
    }
  if (pid == 0)
    {
      sigset_t none;
      close (fds[0]);
      close (sigfd);
      /* its own process group: the runner stops it and every command it
      ** started at once; the terminal's Ctrl-C goes to the runner only */
      setpgid (0, 0);
      sigemptyset (&none);
      sigprocmask (SIG_SETMASK, &none, NULL);
      int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);
      if (null >= 0)
        {
          dup2 (null, STDIN_FILENO);
          close (null);
        }
      worker_run (cfg, t, fds[1]);
      _exit (0);
    }
  setpgid (pid, pid);
  close (fds[1]);
  w->pid = pid;
  w->fd = fds[0];
  w->buf = g_byte_array_new ();
}

/* Applies the whole frames in the buffer. */
static void
take_frames (worker *w)
{
  gsize off = 0, have = w->buf->len;
  const guint8 *d = w->buf->data;
  while (!w->broken && have - off >= 5)
    {
      guint32 len;
      memcpy (&len, d + off, 4);
      if (len == 0 || len > FRAME_MAX)
        {
          target_result_problem (w->tr, "the worker sent a malformed frame (%u bytes)", len);
          w->broken = TRUE;
          break;
        }
      if (have - off - 4 < len)
        break;
      char *err = NULL;
      if (!frame_apply (w->tr, (frame_kind) d[off + 4], d + off + 5, len - 1, &err))
        {
          target_result_problem (w->tr, "%s", err);
          g_free (err);
          w->broken = TRUE;
        }
      off += 4 + (gsize) len;
    }
  if (off)
    g_byte_array_remove_range (w->buf, 0, (guint) off);
}

static const char *
signal_name (int sig)
{
  const char *abbrev = sigabbrev_np (sig);
  return abbrev ? abbrev : "?";
}

typedef enum { END_EOF, END_TIMEOUT, END_INTERRUPT } end_kind;

static void
stop_worker (worker *w)
{
  if (w->pid > 0)
    {
      kill (-w->pid, SIGKILL);
      kill (w->pid, SIGKILL);
    }
}

/* Reaps the worker and says what became of the target. */
static target_result *
finish_worker (const runner_config *cfg, worker *w, end_kind how)
{
  target_result *tr = w->tr;
  int status = 0;
  struct rusage ru = { 0 };
  if (how != END_EOF || w->broken)
    stop_worker (w);
  if (w->pid > 0)
    {
      while (wait4 (w->pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
      /* commands it started and left behind go with it */
      kill (-w->pid, SIGKILL);
      close (w->fd);
      tr->peak_rss_kb = ru.ru_maxrss;
    }
  if (w->buf)
    {
      if (w->buf->len && !w->broken)
        target_result_problem (tr, "the worker's last %u bytes were not a whole record", w->buf->len);
      g_byte_array_unref (w->buf);
    }
  tr->ended = g_get_real_time ();
  tr->duration = (double) (g_get_monotonic_time () - w->started_mono) / 1e6;
  if (tr->abort_reason)
    ; /* the worker itself said why */
  else if (how == END_TIMEOUT)
    {
      char *why = g_strdup_printf ("gave up after %d seconds (--timeout)", cfg->timeout);
      tr->abort_reason = target_result_keep (tr, why);
      tr->abort_code = "timeout";
      g_free (why);
    }
  else if (w->pid > 0 && WIFSIGNALED (status) && !w->broken)
    {
      char *why = g_strdup_printf ("the audit of this target crashed (signal %d, SIG%s; %s)",
                                   WTERMSIG (status), signal_name (WTERMSIG (status)),
                                   WCOREDUMP (status) ? "a core dump was written" : "no core dump");
      tr->abort_reason = target_result_keep (tr, why);
      tr->abort_code = "internal";
      g_free (why);
    }
  else if (!tr->finished || w->broken || (w->pid > 0 && WEXITSTATUS (status) != 0))
    {
      char *why = w->broken ? g_strdup ("the audit of this target ended abnormally (malformed records)")
                  : w->pid > 0 && WIFEXITED (status) && WEXITSTATUS (status) != 0
                    ? g_strdup_printf ("the audit of this target ended abnormally (exit status %d)",
                                       WEXITSTATUS (status))
                    : g_strdup ("the audit of this target ended before it was complete");
      tr->abort_reason = target_result_keep (tr, why);
      tr->abort_code = "internal";
      g_free (why);
    }
  w->tr = NULL;
  return tr;
}

static void
progress (size_t done, size_t total, const char *what)
{
  fprintf (stderr, "\r\033[K[%zu/%zu] ", done, total);
  /* the name is the operator's own argument, but keep the line one line */
  for (const char *c = what; *c; c++)
    fputc ((unsigned char) *c < 0x20 || *c == 0x7f ? '?' : *c, stderr);
  if (done == total)
    fputs ("\r\033[K", stderr);
  fflush (stderr);
}

/* Reads what the worker has; TRUE when it has closed its end. */
static gboolean
drain (worker *w)
{
  guint8 chunk[65536];
  for (int rounds = 0; rounds < 16; rounds++)
    {
      ssize_t got = read (w->fd, chunk, sizeof chunk);
      if (got > 0)
        {
          g_byte_array_append (w->buf, chunk, (guint) got);
          take_frames (w);
          if (w->broken)
            return TRUE;
          if ((size_t) got < sizeof chunk)
            return FALSE;
          continue;
        }
      if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

target_result **
pool_run (const runner_config *cfg, GPtrArray *targets, int sigfd, int *signo)
{
  size_t n = targets->len, next = 0, done = 0, active = 0;
  target_result **results = g_new0 (target_result *, n);
  worker *ws = g_new0 (worker, (size_t) cfg->jobs);
  struct pollfd *pfd = g_new0 (struct pollfd, (size_t) cfg->jobs + 1);
  gboolean show = isatty (STDERR_FILENO) && n > 1;
  *signo = 0;
  while (done < n)
    {
      while (active < (size_t) cfg->jobs && next < n)
        {
          start_worker (cfg, targets, next++, &ws[active], sigfd);
          if (ws[active].pid < 0)
            {
              results[ws[active].index] = finish_worker (cfg, &ws[active], END_EOF);
              done++;
              continue;
            }
          active++;
        }
      for (size_t i = 0; i < active; i++)
        pfd[i] = (struct pollfd){ .fd = ws[i].fd, .events = POLLIN };
      pfd[active] = (struct pollfd){ .fd = sigfd, .events = POLLIN };
      int rc = poll (pfd, (nfds_t) active + 1, 1000);
      if (rc < 0 && errno != EINTR)
        break;
      if (pfd[active].revents & POLLIN)
        {
          struct signalfd_siginfo si;
          if (read (sigfd, &si, sizeof si) == (ssize_t) sizeof si)
            {
              *signo = (int) si.ssi_signo;
              for (size_t i = 0; i < active; i++)
                target_result_free (finish_worker (cfg, &ws[i], END_INTERRUPT));
              for (size_t i = 0; i < n; i++)
                target_result_free (results[i]);
              g_free (results);
              g_free (ws);
              g_free (pfd);
              return NULL;
            }
        }
      for (size_t i = 0; i < active; i++)
        {
          gboolean finished = FALSE;
          end_kind how = END_EOF;
          if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
            finished = drain (&ws[i]);
          if (!finished && g_get_monotonic_time () - ws[i].started_mono > (gint64) cfg->timeout * 1000000)
            {
              finished = TRUE;
              how = END_TIMEOUT;
            }
          if (!finished)
            continue;
          results[ws[i].index] = finish_worker (cfg, &ws[i], how);
          done++;
          if (show)
            progress (done, n, results[ws[i].index]->target);
          ws[i] = ws[--active];
          pfd[i] = pfd[active];
          i--;
        }
    }
  g_free (ws);
  g_free (pfd);
  return results;
}

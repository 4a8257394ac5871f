/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sandbox.c: runs a computation in a forked child under memory, CPU-time and wall-clock limits. */
#include "config.h"

#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Message from the child: int32 code, uint64 length, the bytes. */
typedef struct sandbox_header {
  int32_t rc;
  uint32_t nomem;   /* an allocation failed during the computation */
  uint64_t len;
} sandbox_header;

/* The process's address-space size now (bytes), 0 when unknown. */
static size_t
sandbox_vm_size (void)
{
  unsigned long pages = 0;
  FILE *f = fopen ("/proc/self/statm", "re");

  if (f == NULL)
    return 0;
  if (fscanf (f, "%lu", &pages) != 1)
    pages = 0;
  fclose (f);
  return (size_t) pages * (size_t) sysconf (_SC_PAGESIZE);
}

static int
sandbox_write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;

  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return -1;
      p += n;
      len -= (size_t) n;
    }
  return 0;
}

/* The child: limits, the computation, the result; never returns. */
static void
sandbox_child (int fd, const sandbox_limits *lim, size_t vm_now, sandbox_fn fn, void *ud)
{
  struct rlimit core = { 0, 0 };
  long cpu_s = (lim->wall_ms + 999) / 1000 + 1;
  struct rlimit cpu = { (rlim_t) cpu_s, (rlim_t) cpu_s + 1 };
  int devnull = open ("/dev/null", O_WRONLY | O_CLOEXEC);

  /* no core file (the parent's memory may hold secrets), no noise on stderr */
  setrlimit (RLIMIT_CORE, &core);
  setrlimit (RLIMIT_CPU, &cpu);
  if (vm_now > 0)
    {
      struct rlimit as = { (rlim_t) (vm_now + lim->mem_bytes), (rlim_t) (vm_now + lim->mem_bytes) };
      setrlimit (RLIMIT_AS, &as);
    }
  if (devnull >= 0)
    dup2 (devnull, STDERR_FILENO);

  GByteArray *out = g_byte_array_new ();
  sandbox_header h = { 0, 0, 0 };
  errno = 0;
  h.rc = fn (ud, out);
  h.nomem = errno == ENOMEM;
  h.len = out->len;
  if (sandbox_write_all (fd, &h, sizeof h) != 0 || sandbox_write_all (fd, out->data, out->len) != 0)
    _exit (1);
  _exit (0);
}

/* Reads the child's message until EOF, the deadline or max_out. */
static sandbox_result
sandbox_collect (int fd, gint64 deadline, size_t max_out, GByteArray *msg)
{
  guint8 buf[65536];

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        return SANDBOX_TIMEOUT;
      struct pollfd p = { .fd = fd, .events = POLLIN };
      int pr = poll (&p, 1, (int) MIN (left / 1000 + 1, 60000));
      if (pr < 0 && errno != EINTR)
        return SANDBOX_DIED;
      if (pr <= 0)
        continue;
      ssize_t n = read (fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return SANDBOX_OK;
      if ((size_t) n > max_out + sizeof (sandbox_header) - msg->len)
        return SANDBOX_TOO_LARGE;
      g_byte_array_append (msg, buf, (guint) n);
    }
}

/* Waits for 'pid'; returns its wait status, or -1 when someone else reaped it. */
static int
sandbox_reap (pid_t pid)
{
  int status;

  for (;;)
    {
      pid_t r = waitpid (pid, &status, 0);
      if (r == pid)
        return status;
      if (r < 0 && errno != EINTR)
        return -1;
    }
}

sandbox_result
sandbox_run (const sandbox_limits *lim, sandbox_fn fn, void *ud, int *fn_rc, GByteArray *out)
{
  int fds[2];
  size_t vm_now = sandbox_vm_size ();
  gint64 deadline = g_get_monotonic_time () + (gint64) lim->wall_ms * 1000;

  *fn_rc = 0;
  if (pipe2 (fds, O_CLOEXEC) != 0)
    return SANDBOX_NO_CHILD;
  pid_t pid = fork ();
  if (pid < 0)
    {
      close (fds[0]);
      close (fds[1]);
      return SANDBOX_NO_CHILD;
    }
  if (pid == 0)
    {
      close (fds[0]);
      sandbox_child (fds[1], lim, vm_now, fn, ud);
    }
  close (fds[1]);
  GByteArray *msg = g_byte_array_new ();
  sandbox_result r = sandbox_collect (fds[0], deadline, lim->max_out, msg);
  close (fds[0]);
  if (r != SANDBOX_OK)
    kill (pid, SIGKILL);
  int status = sandbox_reap (pid);
  if (r == SANDBOX_OK && status != -1 && WIFSIGNALED (status) && WTERMSIG (status) == SIGXCPU)
    r = SANDBOX_TIMEOUT;
  sandbox_header h;
  if (r == SANDBOX_OK)
    {
      if (msg->len < sizeof h)
        r = SANDBOX_DIED;
      else
        {
          memcpy (&h, msg->data, sizeof h);
          if (h.len != msg->len - sizeof h)
            r = SANDBOX_DIED;
        }
    }
  if (r == SANDBOX_OK && h.nomem)
    r = SANDBOX_NO_MEMORY;
  if (r == SANDBOX_OK)
    {
      *fn_rc = h.rc;
      g_byte_array_append (out, msg->data + sizeof h, (guint) h.len);
    }
  g_byte_array_free (msg, TRUE);
  return r;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_agent_relay.c: a go-between for libssh and ssh-agent that bounds every wait. */
#include "ssh_agent_relay.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* How long one poll sleeps before the thread looks at its deadlines again. */
#define SSHRELAY_SLICE_MS 50

struct sshrelay {
  GThread *thread;
  int agent_fd;      /* the agent's socket */
  int near_fd;       /* our end of the pair with libssh */
  int stop_pipe[2];  /* written by sshrelay_stop */
  long timeout_ms;
  int timed_out;     /* set by the thread, read after the join */
  /* Framing of the agent's answers: a 4-byte length, then the body. */
  guchar hdr[4];
  unsigned int hdr_got;
  guint32 body_left;
};

/* Accounts for answer bytes from the agent.  Returns 1 when they end a
** message (nothing more is owed), 0 when more is due. */
static int
sshrelay_frame (sshrelay *r, const char *buf, size_t n)
{
  int complete = 0;

  while (n > 0)
    {
      if (r->hdr_got < 4)
        {
          r->hdr[r->hdr_got++] = (guchar) *buf++;
          n--;
          if (r->hdr_got == 4)
            r->body_left = ((guint32) r->hdr[0] << 24) | ((guint32) r->hdr[1] << 16)
                           | ((guint32) r->hdr[2] << 8) | r->hdr[3];
        }
      else
        {
          size_t take = MIN (n, (size_t) r->body_left);

          r->body_left -= (guint32) take;
          buf += take;
          n -= take;
        }
      complete = r->hdr_got == 4 && r->body_left == 0;
      if (complete)
        r->hdr_got = 0;
    }
  return complete;
}

/* Connects a Unix socket to 'path' within timeout_ms. */
static int
sshrelay_connect (const char *path, long timeout_ms, GString *err)
{
  struct sockaddr_un sa;
  struct pollfd p;
  int fd, soerr = 0;
  socklen_t len = sizeof soerr;

  if (strlen (path) >= sizeof sa.sun_path)
    {
      g_string_append_printf (err, "agent socket path '%s' is too long", path);
      return -1;
    }
  memset (&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  memcpy (sa.sun_path, path, strlen (path));
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    {
      g_string_append_printf (err, "cannot create a socket: %s", g_strerror (errno));
      return -1;
    }
  if (connect (fd, (struct sockaddr *) &sa, sizeof sa) == 0)
    return fd;
  if (errno == EINPROGRESS || errno == EAGAIN)
    {
      p.fd = fd;
      p.events = POLLOUT;
      p.revents = 0;
      if (poll (&p, 1, (int) timeout_ms) == 1
          && getsockopt (fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0)
        return fd;
      errno = soerr ? soerr : ETIMEDOUT;
    }
  g_string_append_printf (err, "cannot connect to the agent at '%s': %s", path,
                          g_strerror (errno));
  close (fd);
  return -1;
}

/* Copies what is readable on 'from' to 'to' (waiting for 'to' at most
** until 'deadline').  Returns bytes copied, 0 on end-of-file, -1 on error,
** -2 when there was nothing to read after all. */
static ssize_t
sshrelay_copy (int from, int to, gint64 deadline, sshrelay *frame, int *complete)
{
  char buf[16384];
  ssize_t n = read (from, buf, sizeof buf);
  ssize_t done = 0;

  if (n < 0)
    return errno == EAGAIN || errno == EINTR ? -2 : -1;
  if (frame && n > 0)
    *complete = sshrelay_frame (frame, buf, (size_t) n);
  while (done < n)
    {
      ssize_t w = write (to, buf + done, (size_t) (n - done));
      struct pollfd p = { to, POLLOUT, 0 };

      if (w > 0)
        {
          done += w;
          continue;
        }
      if (w < 0 && errno != EAGAIN && errno != EINTR)
        return -1;
      if (g_get_monotonic_time () >= deadline)
        return -1;
      poll (&p, 1, SSHRELAY_SLICE_MS);
    }
  return n;
}

/*
** The thread: libssh writes a request, the agent answers.  A deadline runs
** from the moment a request went to the agent until its whole answer has
** arrived (each chunk of it restarts the clock); missing it shuts libssh's
** side so that libssh reads end-of-file.
*/
static gpointer
sshrelay_run (gpointer data)
{
  sshrelay *r = data;
  gint64 deadline = 0;   /* 0: no request pending */

  for (;;)
    {
      struct pollfd p[3] = {
        { r->near_fd, POLLIN, 0 },
        { r->agent_fd, POLLIN, 0 },
        { r->stop_pipe[0], POLLIN, 0 },
      };
      gint64 io_deadline = g_get_monotonic_time () + (gint64) r->timeout_ms * 1000;
      int complete = 0;
      ssize_t n;

      if (poll (p, 3, SSHRELAY_SLICE_MS) < 0 && errno != EINTR)
        break;
      if (p[2].revents)
        break;
      if (p[0].revents)
        {
          n = sshrelay_copy (r->near_fd, r->agent_fd, io_deadline, NULL, NULL);
          if (n == 0 || n == -1)
            break;
          if (n > 0)
            deadline = io_deadline;
        }
      if (p[1].revents)
        {
          n = sshrelay_copy (r->agent_fd, r->near_fd, io_deadline, r, &complete);
          if (n == 0 || n == -1)
            break;
          if (n > 0)
            deadline = complete ? 0 : io_deadline;
        }
      if (deadline && g_get_monotonic_time () >= deadline)
        {
          r->timed_out = 1;
          break;
        }
    }
  /* libssh's next read sees end-of-file instead of waiting forever. */
  shutdown (r->near_fd, SHUT_RDWR);
  return NULL;
}

sshrelay *
sshrelay_start (const char *path, long timeout_ms, int *lib_fd, GString *err)
{
  sshrelay *r;
  int pair[2];
  int agent_fd = sshrelay_connect (path, timeout_ms, err);

  *lib_fd = -1;
  if (agent_fd < 0)
    return NULL;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      g_string_append_printf (err, "cannot create a socket pair: %s", g_strerror (errno));
      close (agent_fd);
      return NULL;
    }
  r = g_new0 (sshrelay, 1);
  r->agent_fd = agent_fd;
  r->near_fd = pair[1];
  r->timeout_ms = timeout_ms;
  if (pipe (r->stop_pipe) != 0)
    {
      g_string_append_printf (err, "cannot create a pipe: %s", g_strerror (errno));
      close (agent_fd);
      close (pair[0]);
      close (pair[1]);
      g_free (r);
      return NULL;
    }
  fcntl (r->stop_pipe[0], F_SETFD, FD_CLOEXEC);
  fcntl (r->stop_pipe[1], F_SETFD, FD_CLOEXEC);
  fcntl (r->near_fd, F_SETFL, fcntl (r->near_fd, F_GETFL) | O_NONBLOCK);
  r->thread = g_thread_new ("nasl-ssh-agent", sshrelay_run, r);
  *lib_fd = pair[0];
  return r;
}

int
sshrelay_stop (sshrelay *r)
{
  int timed_out;

  if (!r)
    return 0;
  while (write (r->stop_pipe[1], "x", 1) < 0 && errno == EINTR)
    ;
  g_thread_join (r->thread);
  timed_out = r->timed_out;
  close (r->agent_fd);
  close (r->near_fd);
  close (r->stop_pipe[0]);
  close (r->stop_pipe[1]);
  g_free (r);
  return timed_out;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_file.c: builtin family 'file': fread fwrite unlink file_stat pread find_in_path ... */
#include "libs.h"
#include "state.h"
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Largest output pread() collects (fread(): READFILE_MAX_DATA). */
#define PREAD_OUT_MAX   (64u * 1024u * 1024u)
/* A pread() child still running after this is killed. */
#define PREAD_TIMEOUT_S 300
#define PREAD_MAX_ARGS  4096

static const char *
path_arg (nasl_call *call, const char *name)
{
  size_t len;
  const char *p = nasl_arg_pos_str (call, 0, &len);
  if (!p && name)
    p = nasl_arg_str (call, name, &len);
  if (p && strlen (p) != len)
    return NULL; /* a NUL in a path: refuse rather than truncate */
  return p;
}

/* fread(path): the bytes of a regular file of at most 64 MiB as data; NULL
** and a diagnostic otherwise (a FIFO or a device is never opened). */
static nasl_value
bi_fread (nasl_call *call)
{
  const char *path = path_arg (call, "file");
  if (!path)
    {
      nasl_call_bad_arg (call, "file", "string");
      return NASL_NULL;
    }
  size_t len = 0;
  char *why = NULL;
  char *text = readfile_regular (path, READFILE_MAX_DATA, &len, &why);
  if (!text)
    {
      nasl_call_error (call, "%s: %s", path, why);
      g_free (why);
      return NASL_NULL;
    }
  return nasl_value_data_take (text, len);
}

/* fwrite(data:, file:): writes (replaces) the file; returns the byte count. */
static nasl_value
bi_fwrite (nasl_call *call)
{
  size_t dlen, flen;
  const char *data = nasl_arg_str (call, "data", &dlen);
  const char *file = nasl_arg_str (call, "file", &flen);
  if (!data || !file || strlen (file) != flen)
    {
      nasl_call_error (call, "usage: fwrite(data:<data>, file:<file>)");
      return NASL_NULL;
    }
  GError *err = NULL;
  if (!g_file_set_contents (file, data, (gssize) dlen, &err))
    {
      nasl_call_error (call, "%s", err->message);
      g_error_free (err);
      return NASL_NULL;
    }
  return nasl_value_int ((long) dlen);
}

/* unlink(path): removes a file; NULL either way (errors are reported). */
static nasl_value
bi_unlink (nasl_call *call)
{
  const char *path = path_arg (call, NULL);
  if (!path)
    {
      nasl_call_bad_arg (call, "path", "string");
      return NASL_NULL;
    }
  if (g_unlink (path) != 0)
    nasl_call_error (call, "%s: %s", path, g_strerror (errno));
  return NASL_NULL;
}

/* file_stat(path): the size in bytes, NULL when it cannot be stat'ed. */
static nasl_value
bi_file_stat (nasl_call *call)
{
  const char *path = path_arg (call, NULL);
  GStatBuf sb;
  if (!path || g_stat (path, &sb) != 0)
    return NASL_NULL;
  return nasl_value_int ((long) sb.st_size);
}

/* get_tmp_dir(): the temporary directory, with a trailing '/'. */
static nasl_value
bi_get_tmp_dir (nasl_call *call)
{
  (void) call;
  char *dir = g_strconcat (g_get_tmp_dir (), "/", NULL);
  nasl_value v = nasl_value_data_cstr (dir);
  g_free (dir);
  return v;
}

/* find_in_path(cmd): 1 when cmd is an executable in $PATH. */
static nasl_value
bi_find_in_path (nasl_call *call)
{
  const char *cmd = path_arg (call, NULL);
  if (!cmd)
    {
      nasl_call_bad_arg (call, "cmd", "string");
      return NASL_NULL;
    }
  char *found = strchr (cmd, '/') ? NULL : g_find_program_in_path (cmd);
  nasl_value v = nasl_value_int (found != NULL);
  g_free (found);
  return v;
}

/* ------------------------------------------------------------------------
** pread
** ------------------------------------------------------------------------ */

typedef struct pread_setup {
  long nice_inc;
} pread_setup;

/* Runs in the child before exec: stdin from /dev/null, optional nice. */
static void
pread_child_setup (gpointer ud)
{
  pread_setup *s = ud;
  int fd = open ("/dev/null", O_RDONLY);
  if (fd >= 0)
    {
      dup2 (fd, 0);
      if (fd != 0)
        close (fd);
    }
  if (s->nice_inc)
    {
      errno = 0;
      if (nice ((int) s->nice_inc) == -1 && errno)
        _exit (127);
    }
}

/* argv: array elements 0..max_index-1 as text; NULL on a bad array. */
static char **
pread_build_argv (nasl_call *call, const char *cmd, const nasl_value *arr)
{
  long n = nasl_array_max_index (arr);
  if (n <= 0 || n > PREAD_MAX_ARGS)
    return NULL;
  char **argv = g_new0 (char *, (gsize) n + 2);
  argv[0] = g_strdup (cmd);
  for (long i = 0; i < n; i++)
    {
      const nasl_value *e = nasl_array_get_index (arr, i);
      nasl_value t = e ? nasl_value_to_text (e) : nasl_value_data ("", 0);
      size_t len;
      const char *b = nasl_value_bytes (&t, &len);
      argv[i + 1] = g_strndup (b ? b : "", b ? len : 0);
      nasl_value_free (&t);
    }
  (void) call;
  return argv;
}

static double
now_seconds (void)
{
  return (double) g_get_monotonic_time () / 1e6;
}

/* Collects the child's stdout until EOF, the size limit or the deadline.
** Returns 0 on EOF, -1 when too large, -2 on timeout. */
static int
pread_collect (int fd, GByteArray *out, double deadline)
{
  guint8 buf[65536];
  for (;;)
    {
      double left = deadline - now_seconds ();
      if (left <= 0)
        return -2;
      struct pollfd p = { .fd = fd, .events = POLLIN };
      int pr = poll (&p, 1, (int) (left * 1000) + 1);
      if (pr < 0 && errno == EINTR)
        continue;
      if (pr <= 0)
        continue;
      ssize_t n = read (fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return 0;
      if (out->len + (size_t) n > PREAD_OUT_MAX)
        return -1;
      g_byte_array_append (out, buf, (guint) n);
    }
}

/* Waits for the child until the deadline; 1 when it was reaped. */
static int
pread_reap (GPid pid, double deadline)
{
  for (;;)
    {
      pid_t r = waitpid (pid, NULL, WNOHANG);
      if (r == pid || (r < 0 && errno != EINTR))
        return 1;
      if (now_seconds () >= deadline)
        return 0;
      g_usleep (r == 0 ? 2000 : 0);
    }
}

static char *
pread_workdir (const char *cmd)
{
  char *prog = strchr (cmd, '/') ? g_strdup (cmd) : g_find_program_in_path (cmd);
  if (!prog)
    return NULL;
  char *dir = g_path_get_dirname (prog);
  g_free (prog);
  return dir;
}

/*
** pread(cmd:, argv:, cd:, nice:): runs cmd (searched in $PATH) with argv
** (argv[0] is the program's name), without a shell, and returns its stdout
** as data.  cd: runs it in the program's directory.  Output is limited to
** 64 MB and the run to 300 s; past either the child is killed and NULL
** returned.  stderr is discarded.
*/
static nasl_value
bi_pread (nasl_call *call)
{
  size_t clen;
  const char *cmd = nasl_arg_str (call, "cmd", &clen);
  const nasl_value *av = nasl_arg (call, "argv");
  if (!cmd || strlen (cmd) != clen || !*cmd)
    {
      nasl_call_bad_arg (call, "cmd", "string");
      return NASL_NULL;
    }
  if (!av || av->type != NASL_TYPE_ARRAY)
    {
      nasl_call_bad_arg (call, "argv", "array");
      return NASL_NULL;
    }
  if (nasl_arg (call, "drop_privileges_user"))
    {
      nasl_call_error (call, "drop_privileges_user: is not supported");
      return NASL_NULL;
    }
  char **argv = pread_build_argv (call, cmd, av);
  if (!argv)
    {
      nasl_call_error (call, "argv must hold 1 to %d elements", PREAD_MAX_ARGS);
      return NASL_NULL;
    }
  char *wd = nasl_arg_int (call, "cd", 0) ? pread_workdir (cmd) : NULL;
  pread_setup setup = { nasl_arg_int (call, "nice", 0) };
  GPid pid;
  int out_fd = -1;
  GError *err = NULL;
  gboolean ok = g_spawn_async_with_pipes (
    wd, argv, NULL,
    G_SPAWN_SEARCH_PATH | G_SPAWN_FILE_AND_ARGV_ZERO | G_SPAWN_DO_NOT_REAP_CHILD
      | G_SPAWN_STDERR_TO_DEV_NULL,
    pread_child_setup, &setup, &pid, NULL, &out_fd, NULL, &err);
  g_strfreev (argv);
  g_free (wd);
  if (!ok)
    {
      nasl_call_error (call, "%s: %s", cmd, err->message);
      g_error_free (err);
      return NASL_NULL;
    }
  GByteArray *out = g_byte_array_new ();
  /* 300 s, or less when the script's own time limit comes first */
  long left_ms = state_time_left_ms (nasl_call_state (call));
  int script_limit = left_ms >= 0 && left_ms < PREAD_TIMEOUT_S * 1000L;
  double deadline = now_seconds () + (script_limit ? left_ms / 1000.0 : PREAD_TIMEOUT_S);
  int rc = pread_collect (out_fd, out, deadline);
  close (out_fd);
  if (rc == 0 && !pread_reap (pid, deadline))
    rc = -2; /* closed its stdout but kept running */
  if (rc != 0)
    {
      kill (pid, SIGKILL);
      while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
        ;
    }
  g_spawn_close_pid (pid);
  if (rc != 0)
    {
      nasl_call_error (call, "%s: %s", cmd,
                       rc == -1        ? "output larger than 64 MB, killed"
                       : script_limit ? "still running at the script's time limit, killed"
                                       : "still running after 300 s, killed");
      g_byte_array_free (out, TRUE);
      return NASL_NULL;
    }
  size_t len = out->len;
  g_byte_array_append (out, (const guint8 *) "", 1);
  return nasl_value_data_take ((char *) g_byte_array_free (out, FALSE), len);
}

const nasl_builtin lib_file_builtins[] = {
  { "fread", bi_fread, 0, 1, "" },
  { "fwrite", bi_fwrite, 0, 0, "data:s file:s" },
  { "unlink", bi_unlink, 0, 1, "" },
  { "file_stat", bi_file_stat, 0, 1, "" },
  { "get_tmp_dir", bi_get_tmp_dir, 0, 0, "" },
  { "find_in_path", bi_find_in_path, 0, 1, "" },
  { "pread", bi_pread, 0, 0, "cmd:s argv:a cd:i? nice:i?" },
  NASL_BUILTIN_END
};

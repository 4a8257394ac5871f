/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_fixture.c: real SMB servers for the tests: Samba's smbd and the impacket-based Windows emulator. */
#include <config.h>

#include "smb_fixture.h"

#include <errno.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SMB_FIXTURE_SRC
#define SMB_FIXTURE_SRC "tests/smb"
#endif

static char *
smb_fx_src (const char *file)
{
  const char *top = g_getenv ("top_srcdir");

  if (top && *top)
    return g_build_filename (top, "tests", "smb", file, NULL);
  return g_build_filename (SMB_FIXTURE_SRC, file, NULL);
}

static char *
smb_fx_read (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL), *text = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL))
    g_strchomp (text);
  g_free (path);
  return text;
}

static int
smb_fx_rm (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void) sb;
  (void) flag;
  (void) ftw;
  return remove (path) == 0 || errno == ENOENT ? 0 : -1;
}

static void
smb_fx_rmdir (const char *dir)
{
  if (dir && !g_getenv ("SMB_FX_KEEP"))
    nftw (dir, smb_fx_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Servers still running: a failed assertion leaves its test early, so the
** ones it started are stopped at exit. */
static GPtrArray *smb_fx_live;

static void
smb_fx_stop_all (void)
{
  while (smb_fx_live && smb_fx_live->len)
    smb_fx_stop (g_ptr_array_index (smb_fx_live, smb_fx_live->len - 1));
}

static smb_fx *
smb_fx_new (void)
{
  smb_fx *fx = g_new0 (smb_fx, 1);

  if (!smb_fx_live)
    {
      smb_fx_live = g_ptr_array_new ();
      atexit (smb_fx_stop_all);
    }
  g_ptr_array_add (smb_fx_live, fx);
  fx->dir = g_dir_make_tmp ("nasl-smb-XXXXXX", NULL);
  return fx;
}

/* The emulator dies with the test, whatever happens to the test. */
static void
smb_fx_child_setup (gpointer unused)
{
  (void) unused;
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* --- Samba ------------------------------------------------------------------- */

static int
smb_fx_script (smb_fx *fx, const char *action, const char *const *settings, char **why)
{
  char *script = smb_fx_src ("samba-fixture.sh");
  char *argv[] = { (char *) "bash", script, (char *) action, fx->dir, NULL };
  char **envp = g_get_environ ();
  char *err_text = NULL;
  int status = 0, rc;

  for (; settings && *settings; settings++)
    {
      const char *eq = strchr (*settings, '=');
      char *name;

      if (!eq)
        continue;
      name = g_strndup (*settings, (gsize) (eq - *settings));
      envp = g_environ_setenv (envp, name, eq + 1, TRUE);
      g_free (name);
    }
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                     NULL, NULL, &err_text, &status, NULL))
    rc = -1;
  else if (WIFEXITED (status))
    rc = WEXITSTATUS (status);
  else
    rc = -1;
  if (rc != 0 && why)
    *why = g_strdup_printf ("samba-fixture.sh %s: %s", action,
                            err_text && *err_text ? g_strchomp (err_text) : "failed");
  g_free (err_text);
  g_strfreev (envp);
  g_free (script);
  return rc == 77 ? 77 : rc == 0 ? 0 : -1;
}

int
smb_fx_samba (smb_fx **out, const char *const *settings, char **why)
{
  smb_fx *fx = smb_fx_new ();
  char *port;
  int rc;

  *out = NULL;
  fx->samba = 1;
  rc = smb_fx_script (fx, "start", settings, why);
  if (rc != 0)
    {
      smb_fx_stop (fx);
      return rc;
    }
  port = smb_fx_read (fx->dir, "port");
  fx->port = port ? atoi (port) : 0;
  fx->user = smb_fx_read (fx->dir, "user");
  fx->password = smb_fx_read (fx->dir, "password");
  g_free (port);
  *out = fx;
  return 0;
}

int
smb_fx_samba_ctl (smb_fx *fx, const char *action)
{
  return smb_fx_script (fx, action, NULL, NULL);
}

void
smb_fx_samba_kill (smb_fx *fx)
{
  (void) smb_fx_script (fx, "kill", NULL, NULL);
}

/* smbd and the children it forked for connections. */
static void
smb_fx_signal_tree (smb_fx *fx, int sig)
{
  char *pid = smb_fx_read (fx->dir, "pid"), *cmd, *out = NULL;
  char **pids;
  int i;

  if (!pid)
    return;
  cmd = g_strdup_printf ("pgrep -P %s", pid);
  (void) g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL);
  kill ((pid_t) atoi (pid), sig);
  pids = g_strsplit (out ? out : "", "\n", -1);
  for (i = 0; pids[i]; i++)
    if (atoi (pids[i]) > 0)
      kill ((pid_t) atoi (pids[i]), sig);
  g_strfreev (pids);
  g_free (out);
  g_free (cmd);
  g_free (pid);
}

void
smb_fx_samba_pause (smb_fx *fx, int pause)
{
  smb_fx_signal_tree (fx, pause ? SIGSTOP : SIGCONT);
}

/* --- the emulator ---------------------------------------------------------------- */

static const char *
smb_fx_python (void)
{
  const char *p = g_getenv ("PYTHON3");

  return p && *p ? p : "/usr/bin/python3";
}

int
smb_fx_emu (smb_fx **out, const char *fault, const char *locale, const char *upn, char **why)
{
  char *check[] = { (char *) smb_fx_python (), (char *) "-c", (char *) "import impacket.smbserver",
                    NULL };
  char *script = smb_fx_src ("winemu.py"), *pwfile, *portfile, *port = NULL;
  GPtrArray *argv;
  smb_fx *fx;
  uint8_t r[9];
  int status = 0, i;

  *out = NULL;
  if (!g_spawn_sync (NULL, check, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL)
      || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      *why = g_strdup_printf ("%s cannot import impacket (install python3-impacket)",
                              smb_fx_python ());
      g_free (script);
      return 77;
    }
  fx = smb_fx_new ();
  fx->user = g_strdup ("winadmin");
  for (i = 0; i < 9; i++)
    r[i] = (uint8_t) g_random_int_range (0, 256);
  fx->password = g_strdup_printf ("Pw-%02x%02x%02x%02x%02x%02x%02x%02x%02x!", r[0], r[1], r[2],
                                  r[3], r[4], r[5], r[6], r[7], r[8]);
  pwfile = g_build_filename (fx->dir, "password", NULL);
  g_file_set_contents (pwfile, fx->password, -1, NULL);
  chmod (pwfile, 0600);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) smb_fx_python ());
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) "--dir");
  g_ptr_array_add (argv, fx->dir);
  g_ptr_array_add (argv, (char *) "--user");
  g_ptr_array_add (argv, fx->user);
  g_ptr_array_add (argv, (char *) "--password-file");
  g_ptr_array_add (argv, pwfile);
  g_ptr_array_add (argv, (char *) "--fault");
  g_ptr_array_add (argv, (char *) (fault ? fault : "none"));
  g_ptr_array_add (argv, (char *) "--locale");
  g_ptr_array_add (argv, (char *) (locale ? locale : "en"));
  if (upn)
    {
      g_ptr_array_add (argv, (char *) "--upn");
      g_ptr_array_add (argv, (char *) upn);
    }
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, smb_fx_child_setup,
                      NULL, &fx->pid, NULL))
    {
      *why = g_strdup ("cannot start the emulator");
      fx->pid = 0;
    }
  g_ptr_array_free (argv, TRUE);
  portfile = g_build_filename (fx->dir, "port", NULL);
  for (i = 0; fx->pid && i < 200 && !g_file_test (portfile, G_FILE_TEST_EXISTS); i++)
    g_usleep (50000);
  port = smb_fx_read (fx->dir, "port");
  fx->port = port ? atoi (port) : 0;
  g_free (port);
  g_free (portfile);
  g_free (pwfile);
  g_free (script);
  if (!fx->port)
    {
      if (!*why)
        *why = g_strdup_printf ("the emulator did not start (see %s/winemu.log)", fx->dir);
      smb_fx_stop (fx);
      return -1;
    }
  *out = fx;
  return 0;
}

void
smb_fx_emu_set_fault (smb_fx *fx, const char *fault)
{
  char *path = g_build_filename (fx->dir, "fault", NULL);

  g_file_set_contents (path, fault ? fault : "none", -1, NULL);
  g_free (path);
}

char *
smb_fx_emu_line (smb_fx *fx, const char *key)
{
  char *text = smb_fx_read (fx->dir, "state.txt"), **lines, *found = NULL;
  size_t klen = strlen (key);
  int i;

  if (!text)
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] && !found; i++)
    if (!strncmp (lines[i], key, klen) && lines[i][klen] == ' ')
      found = g_strdup (lines[i] + klen + 1);
  g_strfreev (lines);
  g_free (text);
  return found;
}

int
smb_fx_emu_count (smb_fx *fx, const char *key)
{
  char *line = smb_fx_emu_line (fx, key);
  int n = line ? atoi (line) : -1;

  g_free (line);
  return n;
}

GByteArray *
smb_fx_fixture (const char *name)
{
  char *path = smb_fx_src (name), *data = NULL, *p;
  gsize len = 0;
  GByteArray *b = g_byte_array_new ();

  if (g_file_get_contents (path, &data, &len, NULL))
    {
      p = data;
      if (g_str_has_prefix (data, "# source:"))
        {
          char *nl = memchr (data, '\n', len);
          p = nl ? nl + 1 : data + len;
        }
      g_byte_array_append (b, (const guint8 *) p, (guint) (len - (gsize) (p - data)));
      /* Captures saved with LF endings play with CRLF, as Windows writes them. */
      if (!g_strstr_len ((const char *) b->data, b->len, "\r\n"))
        {
          GByteArray *crlf = g_byte_array_new ();
          guint i;

          for (i = 0; i < b->len; i++)
            {
              if (b->data[i] == '\n')
                g_byte_array_append (crlf, (const guint8 *) "\r", 1);
              g_byte_array_append (crlf, &b->data[i], 1);
            }
          g_byte_array_free (b, TRUE);
          b = crlf;
        }
    }
  g_free (data);
  g_free (path);
  return b;
}

void
smb_fx_stop (smb_fx *fx)
{
  if (!fx)
    return;
  if (smb_fx_live)
    g_ptr_array_remove (smb_fx_live, fx);
  if (fx->samba)
    smb_fx_samba_kill (fx);
  if (fx->pid > 0)
    {
      int status;
      kill (fx->pid, SIGTERM);
      for (int i = 0; i < 100 && waitpid (fx->pid, &status, WNOHANG) == 0; i++)
        g_usleep (20000);
      kill (fx->pid, SIGKILL);
      waitpid (fx->pid, &status, WNOHANG);
      g_spawn_close_pid (fx->pid);
    }
  smb_fx_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->user);
  if (fx->password)
    memset (fx->password, 0, strlen (fx->password));
  g_free (fx->password);
  g_free (fx);
}

int
smb_fx_closed_port (void)
{
  struct sockaddr_in a;
  socklen_t al = sizeof a;
  int fd = socket (AF_INET, SOCK_STREAM, 0), port = 0;

  memset (&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && bind (fd, (struct sockaddr *) &a, sizeof a) == 0
      && getsockname (fd, (struct sockaddr *) &a, &al) == 0)
    port = ntohs (a.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

int
smb_fx_silent_listener (int *port)
{
  struct sockaddr_in a;
  socklen_t al = sizeof a;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  memset (&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || bind (fd, (struct sockaddr *) &a, sizeof a) != 0 || listen (fd, 8) != 0
      || getsockname (fd, (struct sockaddr *) &a, &al) != 0)
    {
      if (fd >= 0)
        close (fd);
      return -1;
    }
  *port = ntohs (a.sin_port);
  return fd;
}

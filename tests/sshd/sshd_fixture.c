/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sshd_fixture.c: a real sshd on 127.0.0.1 for cmocka tests (wraps sshd-fixture.sh). */
#include "sshd_fixture.h"

#include <arpa/inet.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SSHD_FIXTURE_SCRIPT
#define SSHD_FIXTURE_SCRIPT "tests/sshd/sshd-fixture.sh"
#endif

/* The fixture script: $top_srcdir/tests/sshd/sshd-fixture.sh, else the
** compiled-in path. */
static char *
sshd_fixture_script (void)
{
  const char *top = g_getenv ("top_srcdir");

  if (top && *top)
    {
      char *p = g_build_filename (top, "tests", "sshd", "sshd-fixture.sh", NULL);

      if (g_file_test (p, G_FILE_TEST_EXISTS))
        return p;
      g_free (p);
    }
  return g_strdup (SSHD_FIXTURE_SCRIPT);
}

/* Runs "sh SCRIPT VERB DIR [ARGS...]"; returns its exit status (-1 when it
** could not run) and its stderr in *err (g_free) when err is not NULL. */
static int
sshd_fixture_run_env (const char *verb, const char *dir, const char *const *extra,
                      char *const *env, char **err)
{
  char *script = sshd_fixture_script ();
  char **envp = g_get_environ ();
  GPtrArray *argv = g_ptr_array_new ();
  GError *gerr = NULL;
  char *child_err = NULL;
  int status = 0;
  int rc;

  g_ptr_array_add (argv, (char *) "/bin/sh");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) verb);
  g_ptr_array_add (argv, (char *) dir);
  for (; extra && *extra; extra++)
    g_ptr_array_add (argv, (char *) *extra);
  g_ptr_array_add (argv, NULL);
  for (; env && *env; env++)
    {
      char **kv = g_strsplit (*env, "=", 2);

      if (kv[0] && kv[1])
        envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
      g_strfreev (kv);
    }
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                     NULL, NULL, &child_err, &status, &gerr))
    {
      if (err)
        *err = g_strdup_printf ("cannot run %s: %s", script, gerr->message);
      g_error_free (gerr);
      rc = -1;
    }
  else
    {
      rc = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
      if (err)
        *err = g_strdup (child_err ? g_strstrip (child_err) : "");
    }
  g_free (child_err);
  g_free (script);
  g_strfreev (envp);
  g_ptr_array_free (argv, TRUE);
  return rc;
}

static int
sshd_fixture_run (const char *verb, const char *dir, const char *const *extra, char **err)
{
  return sshd_fixture_run_env (verb, dir, extra, NULL, err);
}

/* The contents of DIR/NAME, or NULL. */
static char *
sshd_fixture_slurp (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  g_free (path);
  return text;
}

static char *
sshd_fixture_current_user (void)
{
  struct passwd *pw = getpwuid (geteuid ());

  return g_strdup (pw ? pw->pw_name : g_get_user_name ());
}

/* Releases everything but the struct itself. */
static void
sshd_fixture_clear (sshd_fixture *fx)
{
  g_free (fx->dir);
  g_free (fx->user);
  g_free (fx->key);
  g_free (fx->wrong_key);
  g_free (fx->known_hosts);
  g_free (fx->bad_known_hosts);
  g_free (fx->fake_dir);
  g_free (fx->host_key_pub);
  g_free (fx->log);
  g_strfreev (fx->env);
  memset (fx, 0, sizeof *fx);
}

/* Starts sshd in a new temporary directory and fills 'fx'. */
static int
sshd_fixture_boot (sshd_fixture *fx, char **why)
{
  char *dir = g_dir_make_tmp ("nasl-sshd-XXXXXX", NULL);
  char *err = NULL;
  char *port;
  int rc;

  if (!dir)
    {
      *why = g_strdup ("cannot create a temporary directory");
      return -1;
    }
  rc = sshd_fixture_run_env ("start", dir, NULL, fx->env, &err);
  if (rc != 0)
    {
      *why = g_strdup_printf ("%s", err && *err ? err : "sshd-fixture.sh start failed");
      g_free (err);
      if (rc == 77)
        sshd_fixture_run ("stop", dir, NULL, NULL);
      else
        g_printerr ("sshd fixture directory kept: %s\n", dir);
      g_free (dir);
      return rc == 77 ? 77 : -1;
    }
  g_free (err);
  fx->dir = dir;
  port = sshd_fixture_slurp (dir, "port");
  fx->port = port ? atoi (port) : 0;
  g_free (port);
  fx->user = sshd_fixture_current_user ();
  fx->key = sshd_fixture_slurp (dir, "id_ed25519");
  fx->wrong_key = sshd_fixture_slurp (dir, "id_wrong_ed25519");
  fx->known_hosts = g_build_filename (dir, "known_hosts", NULL);
  fx->bad_known_hosts = g_build_filename (dir, "known_hosts.bad", NULL);
  fx->fake_dir = g_build_filename (dir, "fake", NULL);
  fx->host_key_pub = g_build_filename (dir, "host_ed25519.pub", NULL);
  fx->log = g_build_filename (dir, "sshd.log", NULL);
  if (fx->port <= 0 || !fx->key || !fx->wrong_key)
    {
      *why = g_strdup_printf ("sshd fixture in %s is incomplete", dir);
      fx->keep = 1;
      return -1;
    }
  return 0;
}

int
sshd_fixture_start (sshd_fixture **out, char **why)
{
  return sshd_fixture_start_env (out, NULL, why);
}

int
sshd_fixture_start_env (sshd_fixture **out, const char *const *env, char **why)
{
  sshd_fixture *fx = g_new0 (sshd_fixture, 1);
  int rc;

  fx->env = env ? g_strdupv ((char **) env) : NULL;
  rc = sshd_fixture_boot (fx, why);

  if (rc != 0)
    {
      sshd_fixture_stop (fx);
      *out = NULL;
      return rc;
    }
  *out = fx;
  return 0;
}

void
sshd_fixture_kill (sshd_fixture *fx)
{
  if (fx && fx->dir)
    sshd_fixture_run ("kill", fx->dir, NULL, NULL);
}

void
sshd_fixture_stop (sshd_fixture *fx)
{
  if (!fx)
    return;
  if (fx->dir)
    {
      if (fx->keep || g_getenv ("SSHD_KEEP"))
        {
          sshd_fixture_kill (fx);
          g_printerr ("sshd fixture directory kept: %s\n", fx->dir);
        }
      else
        sshd_fixture_run ("stop", fx->dir, NULL, NULL);
    }
  sshd_fixture_clear (fx);
  g_free (fx);
}

int
sshd_fixture_restart (sshd_fixture *fx, char **why)
{
  char **env = g_steal_pointer (&fx->env);
  int rc;

  if (fx->dir)
    sshd_fixture_run ("stop", fx->dir, NULL, NULL);
  sshd_fixture_clear (fx);
  fx->env = env;
  rc = sshd_fixture_boot (fx, why);
  return rc;
}

int
sshd_fixture_alive (const sshd_fixture *fx)
{
  struct sockaddr_in sa;
  int fd, ok;

  if (!fx || fx->port <= 0)
    return 0;
  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return 0;
  memset (&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons ((uint16_t) fx->port);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  ok = connect (fd, (struct sockaddr *) &sa, sizeof sa) == 0;
  close (fd);
  return ok;
}

/* Writes DIR/fake/NAME.EXT. */
static int
sshd_fixture_write_fake (sshd_fixture *fx, const char *cmd, const char *ext,
                         const char *bytes, size_t len)
{
  char *name = g_strdup_printf ("%s.%s", cmd, ext);
  char *path = g_build_filename (fx->fake_dir, name, NULL);
  int ok = g_file_set_contents (path, bytes, (gssize) len, NULL);

  g_free (path);
  g_free (name);
  return ok ? 0 : -1;
}

/* Installs DIR/fakebin/CMD (a copy of the netstat fake) unless it exists. */
static int
sshd_fixture_install_fake (sshd_fixture *fx, const char *cmd)
{
  char *path = g_build_filename (fx->dir, "fakebin", cmd, NULL);
  char *model = g_build_filename (fx->dir, "fakebin", "netstat", NULL);
  char *text = NULL;
  gsize len = 0;
  int rc = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!g_file_get_contents (model, &text, &len, NULL)
          || !g_file_set_contents (path, text, (gssize) len, NULL) || g_chmod (path, 0755))
        rc = -1;
    }
  g_free (text);
  g_free (model);
  g_free (path);
  return rc;
}

int
sshd_fixture_fake (sshd_fixture *fx, const char *cmd, const char *out, size_t out_len,
                   const char *err, int rc)
{
  char rc_text[16];

  if (sshd_fixture_install_fake (fx, cmd))
    return -1;
  sshd_fixture_unfake (fx, cmd);
  snprintf (rc_text, sizeof rc_text, "%d\n", rc);
  if (err && sshd_fixture_write_fake (fx, cmd, "err", err, strlen (err)))
    return -1;
  if (sshd_fixture_write_fake (fx, cmd, "rc", rc_text, strlen (rc_text)))
    return -1;
  /* .out last: its presence switches the fake on. */
  return sshd_fixture_write_fake (fx, cmd, "out", out, out_len);
}

void
sshd_fixture_unfake (sshd_fixture *fx, const char *cmd)
{
  static const char *const exts[] = { "out", "err", "rc", "args" };

  for (size_t i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      char *name = g_strdup_printf ("%s.%s", cmd, exts[i]);
      char *path = g_build_filename (fx->fake_dir, name, NULL);

      g_unlink (path);
      g_free (path);
      g_free (name);
    }
}

int
sshd_fixture_closed_port (void)
{
  struct sockaddr_in sa;
  socklen_t len = sizeof sa;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int port = 0;

  if (fd < 0)
    return 0;
  memset (&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (fd, (struct sockaddr *) &sa, sizeof sa) == 0
      && getsockname (fd, (struct sockaddr *) &sa, &len) == 0)
    port = ntohs (sa.sin_port);
  close (fd);
  return port;
}

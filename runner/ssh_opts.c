/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_opts.c: nasl-audit's SSH options: host keys, the user's own keys, ssh_config, sudo. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "ssh_opts.h"

/*
** The runner behaves as ssh(1) does by default, and tells the interpreter
** so through the settings lib_ssh reads (doc/ssh.md):
**   --known-hosts FILE (else ~/.ssh/known_hosts)  nasl-audit/ssh_known_hosts
**   --accept-new                                 nasl-audit/ssh_strict_host_key=accept-new
**   no -i                                        nasl-audit/ssh_default_keys=yes
**   --ssh-config FILE (else ~/.ssh/config)       nasl-audit/ssh_config
**   the target as given                          nasl-audit/ssh_host_name
**   --sudo                                       nasl-audit/sudo=1
**   --sudo-password-env VAR                      Secret/nasl-audit/sudo_password
** "~" is $HOME (ssh(1) uses the password database; HOME lets tests and
** containers point elsewhere).
*/

/* $HOME, else the password database's home. */
static char *
ssh_opts_home (void)
{
  const char *home = g_getenv ("HOME");
  struct passwd *pw;

  if (home && *home)
    return g_strdup (home);
  pw = getpwuid (getuid ());
  return g_strdup (pw && pw->pw_dir ? pw->pw_dir : "/");
}

int
ssh_opts_option (runner_ssh *s, int opt, const char *arg, char **err)
{
  switch (opt)
    {
    case SSH_OPT_KNOWN_HOSTS:
      g_free (s->known_hosts);
      s->known_hosts = g_strdup (arg);
      return 0;
    case SSH_OPT_ACCEPT_NEW:
      s->accept_new = 1;
      return 0;
    case SSH_OPT_SSH_CONFIG:
      g_free (s->config);
      s->config = strcmp (arg, "none") ? g_strdup (arg) : NULL;
      s->config_given = 1;
      return 0;
    case SSH_OPT_SUDO:
      s->sudo = 1;
      return 0;
    default:
      *err = g_strdup_printf ("option %d is not an SSH option", opt);
      return -1;
    }
}

/* A file an option names must be there and readable; a directory is not a
** file.  /dev/null (a character device) is accepted: it lists no host. */
static gboolean
ssh_opts_check_file (const char *option, const char *path, char **err)
{
  struct stat st;

  if (stat (path, &st) != 0 || access (path, R_OK) != 0)
    {
      *err = g_strdup_printf ("cannot read the file of %s, '%s': %s", option, path,
                              g_strerror (errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      *err = g_strdup_printf ("the file of %s, '%s', is a directory", option, path);
      return FALSE;
    }
  return TRUE;
}

gboolean
ssh_opts_finish (runner_ssh *s, gboolean have_identity, char **err)
{
  char *home = ssh_opts_home ();
  gboolean ok = TRUE;

  s->user_keys = !have_identity;
  if (s->known_hosts)
    ok = ssh_opts_check_file ("--known-hosts", s->known_hosts, err);
  else
    s->known_hosts = g_build_filename (home, ".ssh", "known_hosts", NULL);
  if (ok && s->config_given && s->config)
    ok = ssh_opts_check_file ("--ssh-config", s->config, err);
  else if (ok && !s->config_given)
    {
      char *dflt = g_build_filename (home, ".ssh", "config", NULL);

      if (g_file_test (dflt, G_FILE_TEST_IS_REGULAR))
        s->config = dflt;
      else
        g_free (dflt);
    }
  g_free (home);
  return ok;
}

static void
ssh_opts_burn (char *secret)
{
  if (secret)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

void
ssh_opts_clear_sudo_password (runner_ssh *s)
{
  ssh_opts_burn (s->sudo_password);
  s->sudo_password = NULL;
}

void
ssh_opts_clear (runner_ssh *s)
{
  g_free (s->known_hosts);
  g_free (s->config);
  ssh_opts_burn (s->sudo_password);
  memset (s, 0, sizeof *s);
}

/* --- ssh_config ------------------------------------------------------------- */

void
ssh_target_config_clear (ssh_target_config *c)
{
  g_free (c->hostname);
  g_free (c->user);
  g_free (c->note);
  memset (c, 0, sizeof *c);
}

/* What libssh's option 'type' holds (g_free), or NULL. */
static char *
ssh_opts_libssh_text (ssh_session session, enum ssh_options_e type)
{
  char *v = NULL, *copy;

  if (ssh_options_get (session, type, &v) != SSH_OK || !v)
    return NULL;
  copy = g_strdup (v);
  ssh_string_free_char (v);
  return copy;
}

/* The -v line: what the file set for the host. */
static char *
ssh_opts_config_note (const char *file, const char *name, const ssh_target_config *c,
                      const char *identity)
{
  GString *s = g_string_new (NULL);

  g_string_printf (s, "ssh_config %s, Host %s:", file, name);
  if (c->hostname)
    g_string_append_printf (s, " HostName %s,", c->hostname);
  if (c->user)
    g_string_append_printf (s, " User %s,", c->user);
  if (c->port)
    g_string_append_printf (s, " Port %d,", c->port);
  if (identity)
    g_string_append_printf (s, " IdentityFile %s,", identity);
  if (s->str[s->len - 1] == ',')
    g_string_truncate (s, s->len - 1);
  else
    g_string_append (s, " nothing that applies");
  return g_string_free (s, FALSE);
}

/*
** libssh's own parser, as the interpreter uses it: Host patterns against
** the name given on the command line; User only fills in a login the
** command line did not give (libssh keeps a login already set), Port only
** a port it did not give.
*/
gboolean
ssh_opts_target_config (const runner_ssh *s, const char *name, gboolean user_given,
                        gboolean port_given, ssh_target_config *out, char **err)
{
  ssh_session session;
  bool no_auto = false;
  int verbosity = SSH_LOG_NOLOG;
  unsigned int port = 0;
  char *host, *user, *identity;

  memset (out, 0, sizeof *out);
  if (!s->config)
    return TRUE;
  session = ssh_new ();
  if (!session)
    {
      *err = g_strdup ("cannot allocate an SSH session");
      return FALSE;
    }
  if (ssh_options_set (session, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) != 0
      || ssh_options_set (session, SSH_OPTIONS_PROCESS_CONFIG, &no_auto) != 0
      || ssh_options_set (session, SSH_OPTIONS_HOST, name) != 0
      || ssh_options_parse_config (session, s->config) != 0)
    {
      *err = g_strdup_printf ("ssh_config %s: %s", s->config, ssh_get_error (session));
      ssh_free (session);
      return FALSE;
    }
  host = ssh_opts_libssh_text (session, SSH_OPTIONS_HOST);
  if (host && g_ascii_strcasecmp (host, name))
    out->hostname = g_steal_pointer (&host);
  g_free (host);
  user = ssh_opts_libssh_text (session, SSH_OPTIONS_USER);
  if (user && !user_given)
    out->user = g_steal_pointer (&user);
  g_free (user);
  if (!port_given && ssh_options_get_port (session, &port) == 0 && port != 22)
    out->port = (int) port;
  identity = ssh_opts_libssh_text (session, SSH_OPTIONS_IDENTITY);
  if (identity && !strcmp (identity, "%d/id_ed25519"))
    g_clear_pointer (&identity, g_free);
  out->note = ssh_opts_config_note (s->config, name, out, identity);
  g_free (identity);
  ssh_free (session);
  return TRUE;
}

/* --- the KB --------------------------------------------------------------------- */

static void
ssh_opts_kb_text (nasl_kb *kb, const char *name, const char *value)
{
  nasl_kb_set_str (kb, name, value, strlen (value));
}

void
ssh_opts_prepare_kb (nasl_kb *kb, const runner_ssh *s, const char *host_name)
{
  if (s->known_hosts)
    ssh_opts_kb_text (kb, "nasl-audit/ssh_known_hosts", s->known_hosts);
  ssh_opts_kb_text (kb, "nasl-audit/ssh_strict_host_key", s->accept_new ? "accept-new" : "yes");
  if (s->user_keys)
    ssh_opts_kb_text (kb, "nasl-audit/ssh_default_keys", "yes");
  if (s->config)
    ssh_opts_kb_text (kb, "nasl-audit/ssh_config", s->config);
  ssh_opts_kb_text (kb, "nasl-audit/ssh_host_name", host_name);
  if (s->sudo)
    nasl_kb_set_int (kb, "nasl-audit/sudo", 1);
  if (s->sudo_password && *s->sudo_password)
    {
      ssh_opts_kb_text (kb, "Secret/nasl-audit/sudo_password", s->sudo_password);
      /* the KB has it now */
      explicit_bzero (s->sudo_password, strlen (s->sudo_password));
    }
}

typedef struct ssh_opts_pick {
  char *val;
} ssh_opts_pick;

static int
ssh_opts_first_cb (void *ud, const char *name, const nasl_value *val)
{
  ssh_opts_pick *p = ud;
  size_t len = 0;
  const char *bytes = nasl_value_bytes (val, &len);

  (void) name;
  if (!bytes)
    return 0;
  p->val = g_strndup (bytes, len);
  return 1;
}

char **
ssh_opts_notes (nasl_kb *kb)
{
  static const struct {
    const char *key;
    const char *label;
  } notes[] = {
    { "nasl-audit/ssh/hostkey_added", "ssh: " },
    { "nasl-audit/ssh/auth_method", "ssh: logged in with " },
  };
  GPtrArray *lines = g_ptr_array_new ();

  for (size_t i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      ssh_opts_pick p = { NULL };

      nasl_kb_foreach (kb, notes[i].key, ssh_opts_first_cb, &p);
      if (p.val)
        g_ptr_array_add (lines, g_strconcat (notes[i].label, p.val, NULL));
      g_free (p.val);
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

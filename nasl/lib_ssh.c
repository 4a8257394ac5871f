/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_ssh.c: builtin family 'ssh' (ssh_connect, ssh_userauth, ssh_request_exec ...). */
#include "libs.h"
#include "nasl.h"
#include "kb.h"
#include "ssh_conn.h"
#include "state.h"

#include <stdio.h>
#include <string.h>

/*
** Sessions live in a per-state table (state data slot "nasl.ssh"): a hash
** from session id to entry, closed when the state is freed.  Ids follow
** OpenVAS: a counter that starts after 9000 (the first id is 9001), skips
** ids still in use and never hands out 0.
**
** Settings, each read from the scanner preference of that name first, then
** from the KB (first value), then the default:
**   nasl-audit/ssh_connect_timeout   seconds, default 10 (ssh_connect timeout: wins)
**   nasl-audit/ssh_command_timeout   seconds, default 120 (ssh_request_exec timeout: wins)
**   nasl-audit/ssh_max_output        bytes, default 64 MiB
**   nasl-audit/ssh_known_hosts       known-hosts file; when set, only keys it lists
**                                    are accepted (no credential goes to any other)
**   nasl-audit/ssh_strict_host_key   "yes" (default) or "accept-new": record hosts
**                                    the file does not list (trust on first use)
**   nasl-audit/ssh_config            ssh_config file to honour (Host, HostName, User,
**                                    Port, IdentityFile ...); unset: none
**   nasl-audit/ssh_default_keys      "yes": after the given credentials, try
**                                    ssh-agent and the user's own key files
**   nasl-audit/ssh_connect_retries   reconnects after a drop before the banner
**                                    (MaxStartups), default 3
**   nasl-audit/ssh_host_name         the name the host was given by (ssh_config
**                                    Host, known-hosts entries); default: the
**                                    target's name
** The port of ssh_connect comes from port:, else the config's Port, else
** preference "auth_port_ssh", else KB "Services/ssh", else 22.  Credentials
** of ssh_userauth missing from the call come from KB
** "Secret/SSH/{login,password,privatekey,passphrase}".
** After the key exchange the host key is recorded in the KB:
**   SSH/<ip>/<port>/hostkey          "TYPE BASE64" (e.g. "ssh-ed25519 AAAA...")
**   SSH/<ip>/<port>/hostkey_sha256   "SHA256:..."
** and, for reports: nasl-audit/ssh/hostkey_added (a key recorded under
** accept-new), nasl-audit/ssh/config (what the ssh_config file set),
** nasl-audit/ssh/auth_method (what logged in: "publickey (ssh-agent)" ...).
*/

#define LIB_SSH_SLOT "nasl.ssh"
#define LIB_SSH_FIRST_ID 9000
#define LIB_SSH_MAX_SESSIONS 1024
#define LIB_SSH_CONNECT_TIMEOUT_S 10
#define LIB_SSH_COMMAND_TIMEOUT_S 120
#define LIB_SSH_MAX_OUTPUT ((size_t) 64 * 1024 * 1024)
#define LIB_SSH_MAX_TIMEOUT_S (24L * 3600)
#define LIB_SSH_DROP_RETRIES 3
#define LIB_SSH_MAX_DROP_RETRIES 10
#define LIB_SSH_DROP_BACKOFF_MS 500

typedef struct lib_ssh_entry {
  int id;
  int sock;          /* the socket the script gave, or the one libssh opened */
  sshconn *conn;
} lib_ssh_entry;

typedef struct lib_ssh_table {
  GHashTable *by_id; /* int id -> lib_ssh_entry */
  int last_id;
} lib_ssh_table;

/* --- the session table --------------------------------------------------- */

static void
lib_ssh_entry_free (gpointer p)
{
  lib_ssh_entry *e = p;

  sshconn_close (e->conn);
  g_free (e);
}

static void
lib_ssh_table_free (void *p)
{
  lib_ssh_table *t = p;

  g_hash_table_destroy (t->by_id);
  g_free (t);
}

static lib_ssh_table *
lib_ssh_table_of (nasl_state *st)
{
  lib_ssh_table *t = nasl_state_get_data (st, LIB_SSH_SLOT);

  if (t)
    return t;
  t = g_new0 (lib_ssh_table, 1);
  t->by_id = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, lib_ssh_entry_free);
  t->last_id = LIB_SSH_FIRST_ID;
  nasl_state_set_data (st, LIB_SSH_SLOT, t, lib_ssh_table_free);
  return t;
}

/* The next free id: after the last one, wrapping to 1 past INT_MAX. */
static int
lib_ssh_next_id (lib_ssh_table *t)
{
  do
    {
      t->last_id = t->last_id >= G_MAXINT ? 1 : t->last_id + 1;
    }
  while (g_hash_table_contains (t->by_id, GINT_TO_POINTER (t->last_id)));
  return t->last_id;
}

/* The entry of session 'id'; with a diagnostic when 'complain' and it is bad. */
static lib_ssh_entry *
lib_ssh_lookup (nasl_call *call, long id, int complain)
{
  lib_ssh_table *t = nasl_state_get_data (nasl_call_state (call), LIB_SSH_SLOT);
  lib_ssh_entry *e = NULL;

  if (id <= 0 || id > G_MAXINT)
    {
      if (complain)
        nasl_call_error (call, "invalid SSH session id %ld", id);
      return NULL;
    }
  if (t)
    e = g_hash_table_lookup (t->by_id, GINT_TO_POINTER ((int) id));
  if (!e && complain)
    nasl_call_error (call, "bad SSH session id %ld", id);
  return e;
}

/* The session named by the first positional argument. */
static lib_ssh_entry *
lib_ssh_session_arg (nasl_call *call)
{
  return lib_ssh_lookup (call, nasl_arg_pos_int (call, 0, -1), 1);
}

/* --- settings, KB and arguments ------------------------------------------ */

/* An integer setting in [min, max], or 'dflt' when unset or out of range. */
static long
lib_ssh_setting_range (nasl_state *st, const char *name, long dflt, long min, long max)
{
  char *text = state_setting_text (st, name);
  char *end = NULL;
  long v;

  if (!text)
    return dflt;
  v = strtol (text, &end, 10);
  if (end == text || *end != '\0' || v < min || v > max)
    {
      nasl_state_diag (st, NULL, 0, "ssh: ignoring setting %s='%s' (not a number "
                       "between %ld and %ld)", name, text, min, max);
      v = dflt;
    }
  g_free (text);
  return v;
}

/* A positive integer setting, or 'dflt' when unset or not a number in (0, max]. */
static long
lib_ssh_setting_long (nasl_state *st, const char *name, long dflt, long max)
{
  return lib_ssh_setting_range (st, name, dflt, 1, max);
}

static int
lib_ssh_setting_bool (nasl_state *st, const char *name)
{
  char *text = state_setting_text (st, name);
  int on = text && (!g_ascii_strcasecmp (text, "yes") || !strcmp (text, "1")
                    || !g_ascii_strcasecmp (text, "true"));

  g_free (text);
  return on;
}

/*
** Records why the last SSH call failed, for plugins that report a cause:
** KB "nasl-audit/ssh/last_error" (the diagnostic text, which never holds a
** secret) and "nasl-audit/ssh/last_error_code" (refused, unreachable,
** timeout, hostkey_unknown, hostkey_changed, auth, output_cap, unreadable).
** OpenVAS has no such keys: plugins fall back to their own words there.
*/
static void
lib_ssh_note_failure (nasl_state *st, const char *code, const char *text)
{
  nasl_kb *kb = nasl_state_kb (st);

  if (!kb)
    return;
  nasl_kb_set_str (kb, "nasl-audit/ssh/last_error", text, strlen (text));
  nasl_kb_set_str (kb, "nasl-audit/ssh/last_error_code", code, strlen (code));
}

/* The reason code of a failed connection. */
static const char *
lib_ssh_connect_code (sshconn_status status)
{
  switch (status)
    {
    case SSHCONN_ERR_REFUSED:
      return "refused";
    case SSHCONN_ERR_TIMEOUT:
      return "timeout";
    case SSHCONN_ERR_HOSTKEY_UNKNOWN:
      return "hostkey_unknown";
    case SSHCONN_ERR_HOSTKEY_CHANGED:
      return "hostkey_changed";
    case SSHCONN_ERR_UNREACHABLE:
    case SSHCONN_ERR_SETUP:
    case SSHCONN_OK:
    default:
      return "unreachable";
    }
}

/* The reason code of a failed command. */
static const char *
lib_ssh_exec_code (sshconn_exec_status status)
{
  switch (status)
    {
    case SSHCONN_EXEC_TOO_BIG:
      return "output_cap";
    case SSHCONN_EXEC_TIMEOUT:
      return "timeout";
    case SSHCONN_EXEC_LOST:
    case SSHCONN_EXEC_OK:
    default:
      return "unreadable";
    }
}

/* A string argument as a new NUL-terminated copy, NULL when absent. */
static char *
lib_ssh_arg_dup (nasl_call *call, const char *name)
{
  size_t len = 0;
  const char *s = nasl_arg_str (call, name, &len);

  return s ? g_strndup (s, len) : NULL;
}

/* OpenVAS's port choice: preference auth_port_ssh, KB Services/ssh, 22. */
static unsigned int
lib_ssh_default_port (nasl_state *st)
{
  const char *pref = nasl_get_preference (st, "auth_port_ssh");
  char *kb;
  long port;

  if (pref && (port = strtol (pref, NULL, 10)) > 0 && port <= 65535)
    return (unsigned int) port;
  kb = kb_first_text (nasl_state_kb (st), "Services/ssh");
  port = kb ? strtol (kb, NULL, 10) : 0;
  g_free (kb);
  if (port > 0 && port <= 65535)
    return (unsigned int) port;
  return 22;
}

/* A text note in the KB (replacing older values); NULL is a no-op. */
static void
lib_ssh_note (nasl_state *st, const char *name, const char *text)
{
  nasl_kb *kb = nasl_state_kb (st);

  if (kb && text)
    nasl_kb_set_str (kb, name, text, strlen (text));
}

/* Records the host key of a fresh connection in the KB. */
static void
lib_ssh_record_host_key (nasl_state *st, const char *ip, sshconn *c)
{
  nasl_kb *kb = nasl_state_kb (st);
  char *text, *fp, *name;

  if (!kb)
    return;
  text = sshconn_hostkey_text (c);
  if (text)
    {
      name = g_strdup_printf ("SSH/%s/%u/hostkey", ip, c->port);
      nasl_kb_set_str (kb, name, text, strlen (text));
      g_free (name);
    }
  fp = sshconn_hostkey_sha256 (c);
  if (fp)
    {
      name = g_strdup_printf ("SSH/%s/%u/hostkey_sha256", ip, c->port);
      nasl_kb_set_str (kb, name, fp, strlen (fp));
      g_free (name);
    }
  g_free (text);
  g_free (fp);
}

/* --- ssh_connect / ssh_disconnect ---------------------------------------- */

/* nasl-audit/ssh_strict_host_key: 1 for accept-new, 0 for yes (the
** default).  There is no "no": a host the file does not list is refused. */
static int
lib_ssh_accept_new (nasl_state *st)
{
  char *text = state_setting_text (st, "nasl-audit/ssh_strict_host_key");
  int accept_new = 0;

  if (!text || !*text || !g_ascii_strcasecmp (text, "yes") || !strcmp (text, "1")
      || !g_ascii_strcasecmp (text, "true"))
    ;
  else if (!g_ascii_strcasecmp (text, "accept-new"))
    accept_new = 1;
  else
    nasl_state_diag (st, NULL, 0, "ssh: ignoring setting nasl-audit/ssh_strict_host_key="
                     "'%s': hosts the known-hosts file does not list are refused (the "
                     "values are 'yes' and 'accept-new')", text);
  g_free (text);
  return accept_new;
}

/* Keeps 'p' alive until the call ends; returns it. */
static char *
lib_ssh_own (GPtrArray *owned, char *p)
{
  g_ptr_array_add (owned, p);
  return p;
}

/* Fills the connection options from the call; strings live in 'owned'. */
static void
lib_ssh_connect_opts (nasl_call *call, sshconn_opts *o, GPtrArray *owned)
{
  nasl_state *st = nasl_call_state (call);
  long sock = nasl_arg_int (call, "socket", 0);
  long timeout = nasl_arg_int (call, "timeout", 0);
  char *name = lib_ssh_own (owned, state_setting_text (st, "nasl-audit/ssh_host_name"));
  char *kh, *config;

  memset (o, 0, sizeof *o);
  o->fd = -1;
  o->host = nasl_get_target_ip (st);
  if (!name || !*name)
    name = (char *) nasl_get_target_name (st);
  if (name && *name && o->host && strcmp (name, o->host))
    o->host_name = name;
  if (sock > 0 && sock <= G_MAXINT)
    o->fd = (int) sock;
  else
    {
      long port = nasl_arg_int (call, "port", 0);

      o->port = port > 0 && port <= 65535 ? (unsigned int) port : 0;
      o->default_port = lib_ssh_default_port (st);
    }
  o->keytypes = lib_ssh_own (owned, lib_ssh_arg_dup (call, "keytype"));
  o->csciphers = lib_ssh_own (owned, lib_ssh_arg_dup (call, "csciphers"));
  o->scciphers = lib_ssh_own (owned, lib_ssh_arg_dup (call, "scciphers"));
  o->timeout_s = timeout > 0 && timeout <= LIB_SSH_MAX_TIMEOUT_S
                   ? timeout
                   : lib_ssh_setting_long (st, "nasl-audit/ssh_connect_timeout",
                                           LIB_SSH_CONNECT_TIMEOUT_S, LIB_SSH_MAX_TIMEOUT_S);
  kh = lib_ssh_own (owned, state_setting_text (st, "nasl-audit/ssh_known_hosts"));
  if (kh && *kh)
    {
      o->known_hosts = kh;
      o->accept_new = lib_ssh_accept_new (st);
    }
  config = lib_ssh_own (owned, state_setting_text (st, "nasl-audit/ssh_config"));
  if (config && *config)
    o->config = config;
  o->drop_retries = (int) lib_ssh_setting_range (st, "nasl-audit/ssh_connect_retries",
                                                 LIB_SSH_DROP_RETRIES, 0,
                                                 LIB_SSH_MAX_DROP_RETRIES);
  o->drop_backoff_ms = LIB_SSH_DROP_BACKOFF_MS;
}

/*
** ssh_connect(socket:, port:, keytype:, csciphers:, scciphers:, timeout:)
** returns a session id, 0 when the connection or the key exchange fails (or
** the host key is refused), NULL on a bad option.
*/
static nasl_value
lib_ssh_connect (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  lib_ssh_table *t = lib_ssh_table_of (st);
  GPtrArray *owned = g_ptr_array_new_with_free_func (g_free);
  GString *err = g_string_new (NULL);
  sshconn_status status;
  sshconn_opts o;
  lib_ssh_entry *e;
  sshconn *c;
  nasl_value ret = NASL_NULL;

  lib_ssh_connect_opts (call, &o, owned);
  if (!o.host || !*o.host)
    {
      nasl_call_error (call, "no target host set");
      goto out;
    }
  if (g_hash_table_size (t->by_id) >= LIB_SSH_MAX_SESSIONS)
    {
      nasl_call_error (call, "too many open SSH sessions (%d): disconnect some first",
                       LIB_SSH_MAX_SESSIONS);
      goto out;
    }
  c = sshconn_open (&o, &status, err);
  if (!c)
    {
      nasl_call_error (call, "%s", err->str);
      lib_ssh_note_failure (st, lib_ssh_connect_code (status), err->str);
      if (status != SSHCONN_ERR_SETUP)
        ret = nasl_value_int (0);
      goto out;
    }
  lib_ssh_record_host_key (st, o.host, c);
  lib_ssh_note (st, "nasl-audit/ssh/hostkey_added", c->hostkey_added);
  lib_ssh_note (st, "nasl-audit/ssh/config", c->config_note);
  e = g_new0 (lib_ssh_entry, 1);
  e->id = lib_ssh_next_id (t);
  e->sock = o.fd >= 0 ? o.fd : c->fd;
  e->conn = c;
  g_hash_table_insert (t->by_id, GINT_TO_POINTER (e->id), e);
  ret = nasl_value_int (e->id);

out:
  g_string_free (err, TRUE);
  g_ptr_array_free (owned, TRUE);
  return ret;
}

/* ssh_disconnect(id): closes the session; 0 or an unknown id does nothing. */
static nasl_value
lib_ssh_disconnect (nasl_call *call)
{
  lib_ssh_table *t = nasl_state_get_data (nasl_call_state (call), LIB_SSH_SLOT);
  long id = nasl_arg_pos_int (call, 0, -1);

  if (t && id > 0 && id <= G_MAXINT)
    g_hash_table_remove (t->by_id, GINT_TO_POINTER ((int) id));
  return NASL_NULL;
}

typedef struct lib_ssh_sock_match {
  long sock;
  int id;
} lib_ssh_sock_match;

static gboolean
lib_ssh_sock_find_cb (gpointer key, gpointer value, gpointer ud)
{
  const lib_ssh_entry *e = value;
  lib_ssh_sock_match *m = ud;

  (void) key;
  if (e->sock != m->sock)
    return FALSE;
  m->id = e->id;
  return TRUE;
}

/* ssh_session_id_from_sock(sock): the session on that socket, or 0. */
static nasl_value
lib_ssh_session_id_from_sock (nasl_call *call)
{
  lib_ssh_table *t = nasl_state_get_data (nasl_call_state (call), LIB_SSH_SLOT);
  lib_ssh_sock_match m = { nasl_arg_pos_int (call, 0, -1), 0 };

  if (t && m.sock >= 0)
    g_hash_table_find (t->by_id, lib_ssh_sock_find_cb, &m);
  return nasl_value_int (m.id);
}

/* ssh_get_sock(id): the session's socket, or -1. */
static nasl_value
lib_ssh_get_sock (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);

  return nasl_value_int (e ? e->sock : -1);
}

/* --- authentication ------------------------------------------------------ */

/* Sets the login once per session: login:, else KB Secret/SSH/login. */
static int
lib_ssh_ensure_login (nasl_call *call, lib_ssh_entry *e)
{
  GString *err;
  char *login;
  int rc;

  if (e->conn->user_set)
    return 0;
  login = lib_ssh_arg_dup (call, "login");
  if (!login)
    login = kb_first_text (nasl_state_kb (nasl_call_state (call)), "Secret/SSH/login");
  err = g_string_new (NULL);
  rc = sshconn_set_user (e->conn, login, err);
  if (rc)
    nasl_call_error (call, "session %d: %s", e->id, err->str);
  g_string_free (err, TRUE);
  g_free (login);
  return rc;
}

/* ssh_set_login(id, login:) */
static nasl_value
lib_ssh_set_login (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);

  if (e)
    lib_ssh_ensure_login (call, e);
  return NASL_NULL;
}

/* Credentials of one ssh_userauth call; every field is burned afterwards. */
typedef struct lib_ssh_creds {
  char *password;
  char *privatekey;
  char *passphrase;
  int user_keys;     /* nasl-audit/ssh_default_keys: ssh-agent, key files */
} lib_ssh_creds;

/* OpenVAS: the named arguments, or, when none of the three is given, the KB. */
static void
lib_ssh_creds_get (nasl_call *call, lib_ssh_creds *cr)
{
  nasl_state *st = nasl_call_state (call);

  cr->user_keys = lib_ssh_setting_bool (st, "nasl-audit/ssh_default_keys");
  cr->password = lib_ssh_arg_dup (call, "password");
  cr->privatekey = lib_ssh_arg_dup (call, "privatekey");
  cr->passphrase = lib_ssh_arg_dup (call, "passphrase");
  if (cr->password || cr->privatekey || cr->passphrase)
    return;
  cr->password = kb_first_text (nasl_state_kb (st), "Secret/SSH/password");
  cr->privatekey = kb_first_text (nasl_state_kb (st), "Secret/SSH/privatekey");
  cr->passphrase = kb_first_text (nasl_state_kb (st), "Secret/SSH/passphrase");
}

static void
lib_ssh_creds_burn (lib_ssh_creds *cr)
{
  sshconn_burn (cr->password);
  sshconn_burn (cr->privatekey);
  sshconn_burn (cr->passphrase);
  cr->password = cr->privatekey = cr->passphrase = NULL;
}

/* The user's own keys, as ssh(1) finds them: ssh-agent's, then the
** config's IdentityFile or the default key files.  On success *used names
** the key (g_free). */
static int
lib_ssh_try_user_keys (sshconn *c, const lib_ssh_creds *cr, GString *why, char **used)
{
  char **files;
  int rc = -1;

  if (!(c->authmethods & SSH_AUTH_METHOD_PUBLICKEY))
    return -1;
  if (sshconn_auth_agent (c, why) == 0)
    {
      *used = g_strdup ("publickey (ssh-agent)");
      return 0;
    }
  files = sshconn_user_key_files (c);
  for (size_t i = 0; files[i] && rc != 0; i++)
    {
      rc = sshconn_auth_key_file (c, files[i], cr->passphrase, why);
      if (rc == 0)
        *used = g_strdup_printf ("publickey (%s)", files[i]);
      else if (rc == 1)
        rc = -1;
    }
  if (rc != 0 && !strstr (why->str, "publickey ("))
    {
      char *list = g_strjoinv (", ", files);

      g_string_append_printf (why, "%sno key file (%s)", why->len ? "; " : "", list);
      g_free (list);
    }
  g_strfreev (files);
  return rc;
}

/* Tries the methods in OpenVAS's order: password, keyboard-interactive with
** the password, public key; then the user's own keys when asked.  Returns 0
** on the first success (*used names the method). */
static int
lib_ssh_try_methods (sshconn *c, const lib_ssh_creds *cr, GString *why, char **used)
{
  int methods = c->authmethods;

  if (cr->password && (methods & SSH_AUTH_METHOD_PASSWORD)
      && sshconn_auth_password (c, cr->password, why) == 0)
    *used = g_strdup ("password");
  else if (cr->password && (methods & SSH_AUTH_METHOD_INTERACTIVE)
           && sshconn_auth_kbdint (c, cr->password, why) == 0)
    *used = g_strdup ("keyboard-interactive");
  else if (cr->privatekey && *cr->privatekey && (methods & SSH_AUTH_METHOD_PUBLICKEY)
           && sshconn_auth_key (c, cr->privatekey, cr->passphrase, why) == 0)
    *used = g_strdup ("publickey");
  else if (cr->user_keys)
    return lib_ssh_try_user_keys (c, cr, why, used);
  else
    return -1;
  return 0;
}

/* The login libssh will use, for messages (g_free). */
static char *
lib_ssh_login_name (sshconn *c)
{
  char *user = NULL;
  char *copy;

  if (ssh_options_get (c->session, SSH_OPTIONS_USER, &user) != SSH_OK || !user)
    return g_strdup ("?");
  copy = g_strdup (user);
  ssh_string_free_char (user);
  return copy;
}

/* Explains a failed ssh_userauth without naming any credential. */
static void
lib_ssh_auth_diag (nasl_call *call, lib_ssh_entry *e, const lib_ssh_creds *cr,
                   GString *why)
{
  char *login = lib_ssh_login_name (e->conn);
  char *offered = sshconn_methods_text (e->conn->authmethods);
  char *text;

  if (!cr->password && !(cr->privatekey && *cr->privatekey) && !cr->user_keys)
    text = g_strdup_printf ("no password or private key to log in as '%s' "
                            "(neither in the arguments nor in KB Secret/SSH/*)", login);
  else if (!why->len)
    text = g_strdup_printf ("authentication as '%s' failed: the server offers only '%s'",
                            login, offered);
  else
    text = g_strdup_printf ("authentication as '%s' failed: %s", login, why->str);
  nasl_call_error (call, "session %d: %s", e->id, text);
  lib_ssh_note_failure (nasl_call_state (call), "auth", text);
  g_free (text);
  g_free (login);
  g_free (offered);
}

/* ssh_userauth(id, login:, password:, privatekey:, passphrase:): 0 or -1. */
static nasl_value
lib_ssh_userauth (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  lib_ssh_creds cr = { NULL, NULL, NULL, 0 };
  char *used = NULL;
  GString *why;
  int rc;

  if (!e || lib_ssh_ensure_login (call, e))
    return NASL_NULL;
  if (sshconn_query_methods (e->conn))
    {
      lib_ssh_note (nasl_call_state (call), "nasl-audit/ssh/auth_method", "none");
      return nasl_value_int (0);
    }
  lib_ssh_creds_get (call, &cr);
  why = g_string_new (NULL);
  rc = lib_ssh_try_methods (e->conn, &cr, why, &used);
  if (rc)
    lib_ssh_auth_diag (call, e, &cr, why);
  else
    lib_ssh_note (nasl_call_state (call), "nasl-audit/ssh/auth_method", used);
  g_free (used);
  lib_ssh_creds_burn (&cr);
  g_string_free (why, TRUE);
  return nasl_value_int (rc ? -1 : 0);
}

/* ssh_get_auth_methods(id): "none,password,publickey,hostbased,keyboard-interactive". */
static nasl_value
lib_ssh_get_auth_methods (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  char *text;

  if (!e || lib_ssh_ensure_login (call, e))
    return NASL_NULL;
  sshconn_query_methods (e->conn);
  text = sshconn_methods_text (e->conn->authmethods);
  return nasl_value_data_take (text, strlen (text));
}

/* --- commands ------------------------------------------------------------ */

/* OpenVAS's stream modes: neither flag -> stdout; both 0 -> stdout then
** stderr; otherwise each flag selects its stream (both 1: interleaved). */
static void
lib_ssh_exec_modes (nasl_call *call, sshconn_exec_opts *o)
{
  long out = nasl_arg_int (call, "stdout", -1);
  long err = nasl_arg_int (call, "stderr", -1);

  if (out == -1 && err == -1)
    out = 1;
  else if (out == 0 && err == 0)
    {
      out = 1;
      o->compat = 1;
    }
  o->to_stdout = out > 0;
  o->to_stderr = err > 0;
}

/* ssh_request_exec(id, cmd:, stdout:, stderr:, pty:, timeout:): data or NULL. */
static nasl_value
lib_ssh_request_exec (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  sshconn_exec_opts o = { 0 };
  size_t len = 0;
  const char *cmd;
  long timeout;
  GString *out, *err;
  sshconn_exec_status status;
  char *cmdz;

  if (!e)
    return NASL_NULL;
  cmd = nasl_arg_str (call, "cmd", &len);
  if (!cmd || !len)
    {
      nasl_call_error (call, "no command passed");
      return NASL_NULL;
    }
  if (memchr (cmd, '\0', len))
    {
      nasl_call_error (call, "the command contains a NUL byte");
      return NASL_NULL;
    }
  lib_ssh_exec_modes (call, &o);
  o.pty = nasl_arg_int (call, "pty", 0) > 0;
  timeout = nasl_arg_int (call, "timeout", 0);
  if (timeout <= 0 || timeout > LIB_SSH_MAX_TIMEOUT_S)
    timeout = lib_ssh_setting_long (st, "nasl-audit/ssh_command_timeout",
                                    LIB_SSH_COMMAND_TIMEOUT_S, LIB_SSH_MAX_TIMEOUT_S);
  o.timeout_ms = timeout * 1000;
  o.max_output = (size_t) lib_ssh_setting_long (st, "nasl-audit/ssh_max_output",
                                                (long) LIB_SSH_MAX_OUTPUT, G_MAXINT);
  cmdz = g_strndup (cmd, len);
  out = g_string_sized_new (512);
  err = g_string_new (NULL);
  status = sshconn_exec (e->conn, cmdz, &o, out, err);
  if (status != SSHCONN_EXEC_OK)
    {
      nasl_call_error (call, "session %d: %s", e->id, err->str);
      lib_ssh_note_failure (st, lib_ssh_exec_code (status), err->str);
      g_string_free (out, TRUE);
      g_string_free (err, TRUE);
      g_free (cmdz);
      return NASL_NULL;
    }
  g_string_free (err, TRUE);
  g_free (cmdz);
  len = out->len;
  return nasl_value_data_take (g_string_free (out, FALSE), len);
}

/* --- banners and keys ---------------------------------------------------- */

/* ssh_get_server_banner(id): "SSH-2.0-..." or NULL. */
static nasl_value
lib_ssh_get_server_banner (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  const char *banner = e ? ssh_get_serverbanner (e->conn->session) : NULL;

  return banner ? nasl_value_data_cstr (banner) : NASL_NULL;
}

/* ssh_get_issue_banner(id): the pre-authentication banner, or NULL. */
static nasl_value
lib_ssh_get_issue_banner (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  nasl_value ret;
  char *banner;

  if (!e || lib_ssh_ensure_login (call, e))
    return NASL_NULL;
  sshconn_query_methods (e->conn);
  banner = ssh_get_issue_banner (e->conn->session);
  if (!banner)
    return NASL_NULL;
  ret = nasl_value_data_cstr (banner);
  ssh_string_free_char (banner);
  return ret;
}

/* ssh_get_host_key(id): the server's public key blob (SSH wire format). */
static nasl_value
lib_ssh_get_host_key (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  size_t len = 0;
  char *blob;

  if (!e)
    return NASL_NULL;
  blob = sshconn_hostkey_blob (e->conn, &len);
  return blob ? nasl_value_data_take (blob, len) : NASL_NULL;
}

/* --- interactive shell --------------------------------------------------- */

/* ssh_shell_open(id, pty:1): the session id, or NULL. */
static nasl_value
lib_ssh_shell_open (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  GString *err;
  int rc;

  if (!e)
    return NASL_NULL;
  err = g_string_new (NULL);
  rc = sshconn_shell_open (e->conn, nasl_arg_int (call, "pty", 1) != 0, err);
  if (rc)
    nasl_call_error (call, "session %d: %s", e->id, err->str);
  g_string_free (err, TRUE);
  return rc ? NASL_NULL : nasl_value_int (e->id);
}

/* ssh_shell_read(id, timeout:MS): what arrived, or NULL when the shell is gone. */
static nasl_value
lib_ssh_shell_read (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  nasl_state *st = nasl_call_state (call);
  GString *out, *err;
  size_t len;
  long timeout;

  if (!e)
    return NASL_NULL;
  timeout = nasl_arg_int (call, "timeout", 0);
  if (timeout > LIB_SSH_MAX_TIMEOUT_S * 1000)
    timeout = LIB_SSH_MAX_TIMEOUT_S * 1000;
  out = g_string_new (NULL);
  err = g_string_new (NULL);
  if (sshconn_shell_read (e->conn, timeout,
                          (size_t) lib_ssh_setting_long (st, "nasl-audit/ssh_max_output",
                                                         (long) LIB_SSH_MAX_OUTPUT,
                                                         G_MAXINT),
                          out, err))
    {
      g_string_free (out, TRUE);
      g_string_free (err, TRUE);
      return NASL_NULL;
    }
  g_string_free (err, TRUE);
  len = out->len;
  return nasl_value_data_take (g_string_free (out, FALSE), len);
}

/* ssh_shell_write(id, cmd:): 0 or -1. */
static nasl_value
lib_ssh_shell_write (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);
  size_t len = 0;
  const char *data;
  GString *err;
  int rc;

  if (!e)
    return nasl_value_int (-1);
  data = nasl_arg_str (call, "cmd", &len);
  if (!data || !len)
    {
      nasl_call_error (call, "no command passed");
      return nasl_value_int (-1);
    }
  err = g_string_new (NULL);
  rc = sshconn_shell_write (e->conn, data, len, err);
  if (rc)
    nasl_call_error (call, "session %d: %s", e->id, err->str);
  g_string_free (err, TRUE);
  return nasl_value_int (rc ? -1 : 0);
}

/* ssh_shell_close(id) */
static nasl_value
lib_ssh_shell_close (nasl_call *call)
{
  lib_ssh_entry *e = lib_ssh_session_arg (call);

  if (e)
    sshconn_shell_close (e->conn);
  return NASL_NULL;
}

const nasl_builtin lib_ssh_builtins[] = {
  { "ssh_connect", lib_ssh_connect, 0, 0,
    "socket:i? port:i? keytype:s? csciphers:s? scciphers:s? timeout:i?" },
  { "ssh_disconnect", lib_ssh_disconnect, 0, 1, "" },
  { "ssh_session_id_from_sock", lib_ssh_session_id_from_sock, 0, 1, "" },
  { "ssh_get_sock", lib_ssh_get_sock, 0, 1, "" },
  { "ssh_set_login", lib_ssh_set_login, 0, 1, "login:s?" },
  { "ssh_userauth", lib_ssh_userauth, 0, 1,
    "login:s? password:s? privatekey:s? passphrase:s?" },
  { "ssh_get_auth_methods", lib_ssh_get_auth_methods, 0, 1, "" },
  { "ssh_request_exec", lib_ssh_request_exec, 0, 1,
    "cmd:s? stdout:i? stderr:i? pty:i? timeout:i?" },
  { "ssh_get_server_banner", lib_ssh_get_server_banner, 0, 1, "" },
  { "ssh_get_issue_banner", lib_ssh_get_issue_banner, 0, 1, "login:s?" },
  { "ssh_get_host_key", lib_ssh_get_host_key, 0, 1, "" },
  { "ssh_shell_open", lib_ssh_shell_open, 0, 1, "pty:i?" },
  { "ssh_shell_read", lib_ssh_shell_read, 0, 1, "timeout:i?" },
  { "ssh_shell_write", lib_ssh_shell_write, 0, 1, "cmd:s?" },
  { "ssh_shell_close", lib_ssh_shell_close, 0, 1, "" },
  NASL_BUILTIN_END
};

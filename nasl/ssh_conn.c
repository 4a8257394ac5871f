/* ssh_conn.c: one SSH connection on libssh with deadlines (no NASL values here). */
#include "ssh_conn.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <unistd.h>

/* Longest single sleep while waiting for the peer: short enough that libssh
** gets to flush its pending output promptly. */
#define SSHCONN_POLL_SLICE_MS 50
/* Our own "gave up waiting" code, distinct from every libssh return value. */
#define SSHCONN_TIMED_OUT (-1000)
/* keyboard-interactive rounds we answer before giving up. */
#define SSHCONN_MAX_KBDINT_ROUNDS 8

/* Runs EXPR again while it returns AGAIN (SSH_AGAIN or SSH_AUTH_AGAIN), waiting
** for the socket in between; RC gets the result or SSHCONN_TIMED_OUT. */
#define SSHCONN_RETRY(RC, C, DEADLINE, AGAIN, EXPR)                            \
  do                                                                           \
    {                                                                          \
      for (;;)                                                                 \
        {                                                                      \
          (RC) = (EXPR);                                                       \
          if ((RC) != (AGAIN))                                                 \
            break;                                                             \
          if (sshconn_wait ((C), (DEADLINE)) != 0)                             \
            {                                                                  \
              (RC) = SSHCONN_TIMED_OUT;                                        \
              break;                                                           \
            }                                                                  \
        }                                                                      \
    }                                                                          \
  while (0)

void
sshconn_burn (char *secret)
{
  if (!secret)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static gint64
sshconn_deadline_ms (long ms)
{
  return g_get_monotonic_time () + (gint64) ms * 1000;
}

/* Waits (at most one slice) for the socket to become readable.  Returns -1
** once the deadline has passed, 0 otherwise: the caller then retries its
** non-blocking libssh call, which also flushes pending output. */
static int
sshconn_wait (sshconn *c, gint64 deadline)
{
  gint64 left = deadline - g_get_monotonic_time ();
  struct pollfd p;
  int ms;

  if (left <= 0)
    return -1;
  ms = (int) MIN (left / 1000 + 1, SSHCONN_POLL_SLICE_MS);
  p.fd = c->fd;
  p.events = POLLIN;
  p.revents = 0;
  if (poll (&p, 1, ms) < 0 && errno != EINTR)
    g_usleep ((gulong) ms * 1000);
  return 0;
}

/* The error text of the session, never empty. */
static const char *
sshconn_error_text (ssh_session s)
{
  const char *e = s ? ssh_get_error (s) : NULL;

  return e && *e ? e : "unknown libssh error";
}

/* Options every session gets: no logging, no ~/.ssh/config, no user or
** system known-hosts files unless one is configured. */
static int
sshconn_set_base_options (ssh_session s, const sshconn_opts *o, GString *err)
{
  int verbosity = SSH_LOG_NOLOG;
  bool no_config = false;
  long timeout = o->timeout_s;

  if (ssh_options_set (s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity)
      || ssh_options_set (s, SSH_OPTIONS_PROCESS_CONFIG, &no_config)
      || ssh_options_set (s, SSH_OPTIONS_TIMEOUT, &timeout)
      || ssh_options_set (s, SSH_OPTIONS_KNOWNHOSTS,
                          o->known_hosts ? o->known_hosts : "/dev/null")
      || ssh_options_set (s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null"))
    {
      g_string_append_printf (err, "cannot set up the SSH session: %s",
                              sshconn_error_text (s));
      return -1;
    }
  if (ssh_options_set (s, SSH_OPTIONS_HOST, o->host))
    {
      g_string_append_printf (err, "bad SSH host '%s': %s", o->host,
                              sshconn_error_text (s));
      return -1;
    }
  return 0;
}

/* The algorithm lists a script may choose. */
static int
sshconn_set_algorithms (ssh_session s, const sshconn_opts *o, GString *err)
{
  if (o->keytypes && ssh_options_set (s, SSH_OPTIONS_HOSTKEYS, o->keytypes))
    {
      g_string_append_printf (err, "bad SSH key type list '%s': %s", o->keytypes,
                              sshconn_error_text (s));
      return -1;
    }
  if (o->csciphers && ssh_options_set (s, SSH_OPTIONS_CIPHERS_C_S, o->csciphers))
    {
      g_string_append_printf (err, "bad client-to-server cipher list '%s': %s",
                              o->csciphers, sshconn_error_text (s));
      return -1;
    }
  if (o->scciphers && ssh_options_set (s, SSH_OPTIONS_CIPHERS_S_C, o->scciphers))
    {
      g_string_append_printf (err, "bad server-to-client cipher list '%s': %s",
                              o->scciphers, sshconn_error_text (s));
      return -1;
    }
  return 0;
}

/* The remote port of a connected socket, 0 when unknown. */
static unsigned int
sshconn_peer_port (int fd)
{
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;

  if (getpeername (fd, (struct sockaddr *) &ss, &len) != 0)
    return 0;
  if (ss.ss_family == AF_INET)
    return ntohs (((struct sockaddr_in *) &ss)->sin_port);
  if (ss.ss_family == AF_INET6)
    return ntohs (((struct sockaddr_in6 *) &ss)->sin6_port);
  return 0;
}

/* Where the session goes: a port, or a duplicate of the caller's socket
** (libssh closes the descriptor it is given; the caller keeps theirs). */
static int
sshconn_set_endpoint (ssh_session s, const sshconn_opts *o, unsigned int *port,
                      GString *err)
{
  struct stat st;
  socket_t fd;

  if (o->fd < 0)
    {
      unsigned int p = o->port;

      *port = p;
      if (ssh_options_set (s, SSH_OPTIONS_PORT, &p))
        {
          g_string_append_printf (err, "bad SSH port %u: %s", p, sshconn_error_text (s));
          return -1;
        }
      return 0;
    }
  if (fstat (o->fd, &st) != 0 || !S_ISSOCK (st.st_mode))
    {
      g_string_append_printf (err, "socket %d is not an open socket", o->fd);
      return -1;
    }
  fd = dup (o->fd);
  if (fd < 0)
    {
      g_string_append_printf (err, "cannot duplicate socket %d: %s", o->fd,
                              g_strerror (errno));
      return -1;
    }
  *port = sshconn_peer_port (fd);
  if (ssh_options_set (s, SSH_OPTIONS_FD, &fd))
    {
      close (fd);
      g_string_append_printf (err, "cannot use socket %d: %s", o->fd,
                              sshconn_error_text (s));
      return -1;
    }
  return 0;
}

/* Checks the server's key against the configured known-hosts file.  A changed
** key is always refused; an unknown host only when 'strict'. */
static int
sshconn_check_host_key (ssh_session s, const sshconn_opts *o, unsigned int port,
                        GString *err)
{
  switch (ssh_session_is_known_server (s))
    {
    case SSH_KNOWN_HOSTS_OK:
      return 0;
    case SSH_KNOWN_HOSTS_CHANGED:
      g_string_append_printf (err, "host key of %s port %u does not match the one in "
                              "known-hosts file '%s': refusing to connect",
                              o->host, port, o->known_hosts);
      return -1;
    case SSH_KNOWN_HOSTS_OTHER:
      g_string_append_printf (err, "%s port %u offers a host key of another type than "
                              "known-hosts file '%s' lists: refusing to connect",
                              o->host, port, o->known_hosts);
      return -1;
    case SSH_KNOWN_HOSTS_UNKNOWN:
      if (!o->strict_host_key)
        return 0;
      g_string_append_printf (err, "%s port %u is not in known-hosts file '%s' "
                              "(strict host key checking): refusing to connect",
                              o->host, port, o->known_hosts);
      return -1;
    case SSH_KNOWN_HOSTS_NOT_FOUND:
      g_string_append_printf (err, "known-hosts file '%s' does not exist: refusing "
                              "to connect", o->known_hosts);
      return -1;
    case SSH_KNOWN_HOSTS_ERROR:
    default:
      g_string_append_printf (err, "cannot check the host key of %s port %u: %s",
                              o->host, port, sshconn_error_text (s));
      return -1;
    }
}

/*
** Connects and runs the key exchange in blocking mode (libssh bounds this by
** SSH_OPTIONS_TIMEOUT), checks the host key when a known-hosts file is
** configured, then switches the session to non-blocking for the rest.
*/
sshconn *
sshconn_open (const sshconn_opts *o, sshconn_status *status, GString *err)
{
  ssh_session s;
  unsigned int port = 0;
  sshconn *c;

  *status = SSHCONN_ERR_SETUP;
  if (o->known_hosts && access (o->known_hosts, R_OK) != 0)
    {
      /* libssh would call such a host merely "unknown". */
      *status = SSHCONN_ERR_HOSTKEY;
      g_string_append_printf (err, "known-hosts file '%s' does not exist or cannot be "
                              "read: refusing to connect", o->known_hosts);
      return NULL;
    }
  s = ssh_new ();
  if (!s)
    {
      g_string_append (err, "cannot allocate an SSH session");
      return NULL;
    }
  if (sshconn_set_base_options (s, o, err) || sshconn_set_algorithms (s, o, err)
      || sshconn_set_endpoint (s, o, &port, err))
    {
      ssh_free (s);
      return NULL;
    }
  if (ssh_connect (s) != SSH_OK)
    {
      *status = SSHCONN_ERR_CONNECT;
      g_string_append_printf (err, "cannot connect to %s port %u: %s", o->host, port,
                              sshconn_error_text (s));
      ssh_disconnect (s);
      ssh_free (s);
      return NULL;
    }
  if (o->known_hosts && sshconn_check_host_key (s, o, port, err))
    {
      *status = SSHCONN_ERR_HOSTKEY;
      ssh_disconnect (s);
      ssh_free (s);
      return NULL;
    }
  ssh_set_blocking (s, 0);
  c = g_new0 (sshconn, 1);
  c->session = s;
  c->fd = ssh_get_fd (s);
  c->port = port;
  c->timeout_s = o->timeout_s;
  *status = SSHCONN_OK;
  return c;
}

void
sshconn_close (sshconn *c)
{
  if (!c)
    return;
  sshconn_shell_close (c);
  ssh_disconnect (c->session);
  ssh_free (c->session);
  g_free (c);
}

int
sshconn_set_user (sshconn *c, const char *user, GString *err)
{
  if (c->user_set)
    return 0;
  c->user_set = 1;
  if (user && *user && ssh_options_set (c->session, SSH_OPTIONS_USER, user))
    {
      g_string_append_printf (err, "cannot set the SSH login: %s",
                              sshconn_error_text (c->session));
      return -1;
    }
  return 0;
}

/*
** OpenVAS asks the "none" method first: the answer lists the methods the
** server accepts.  A server that does not answer is assumed to allow all.
*/
int
sshconn_query_methods (sshconn *c)
{
  gint64 deadline;
  int rc;

  if (c->authmethods_valid)
    return c->none_ok;
  deadline = sshconn_deadline_ms (c->timeout_s * 1000);
  SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN, ssh_userauth_none (c->session, NULL));
  if (rc == SSH_AUTH_SUCCESS)
    {
      c->none_ok = 1;
      c->authmethods = 0;
    }
  else if (rc == SSH_AUTH_DENIED || rc == SSH_AUTH_PARTIAL)
    c->authmethods = ssh_userauth_list (c->session, NULL);
  else
    c->authmethods = SSH_AUTH_METHOD_NONE | SSH_AUTH_METHOD_PASSWORD
                     | SSH_AUTH_METHOD_PUBLICKEY | SSH_AUTH_METHOD_HOSTBASED
                     | SSH_AUTH_METHOD_INTERACTIVE;
  c->authmethods_valid = 1;
  return c->none_ok;
}

/* The reason of a failed authentication step. */
static void
sshconn_auth_failure (sshconn *c, const char *method, int rc, GString *err)
{
  if (err->len)
    g_string_append (err, "; ");
  if (rc == SSHCONN_TIMED_OUT)
    g_string_append_printf (err, "%s: no answer within %ld s", method, c->timeout_s);
  else if (rc == SSH_AUTH_ERROR)
    g_string_append_printf (err, "%s: %s", method, sshconn_error_text (c->session));
  else if (rc == SSH_AUTH_PARTIAL)
    g_string_append_printf (err, "%s: accepted, but the server wants more methods",
                            method);
  else
    g_string_append_printf (err, "%s: refused by the server", method);
}

int
sshconn_auth_password (sshconn *c, const char *password, GString *err)
{
  gint64 deadline = sshconn_deadline_ms (c->timeout_s * 1000);
  int rc;

  SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN,
                 ssh_userauth_password (c->session, NULL, password));
  if (rc == SSH_AUTH_SUCCESS)
    return 0;
  sshconn_auth_failure (c, "password", rc, err);
  return -1;
}

/* Answers the password to the first prompt that does not echo and an empty
** string to the others (OpenVAS's strategy). */
static void
sshconn_kbdint_answer (sshconn *c, const char *password)
{
  int n = ssh_userauth_kbdint_getnprompts (c->session);
  int answered = 0;

  for (int i = 0; i < n; i++)
    {
      char echo = 1;
      const char *prompt = ssh_userauth_kbdint_getprompt (c->session, (unsigned) i, &echo);

      if (prompt && *prompt && !echo && !answered)
        {
          ssh_userauth_kbdint_setanswer (c->session, (unsigned) i, password);
          answered = 1;
        }
      else
        ssh_userauth_kbdint_setanswer (c->session, (unsigned) i, "");
    }
}

int
sshconn_auth_kbdint (sshconn *c, const char *password, GString *err)
{
  int rc = SSH_AUTH_DENIED;

  for (int round = 0; round < SSHCONN_MAX_KBDINT_ROUNDS; round++)
    {
      gint64 deadline = sshconn_deadline_ms (c->timeout_s * 1000);

      SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN,
                     ssh_userauth_kbdint (c->session, NULL, NULL));
      if (rc != SSH_AUTH_INFO)
        break;
      sshconn_kbdint_answer (c, password);
    }
  if (rc == SSH_AUTH_SUCCESS)
    return 0;
  sshconn_auth_failure (c, "keyboard-interactive", rc, err);
  return -1;
}

/* Imports the key text (OpenSSH or PEM/PKCS#8, optionally encrypted) and
** offers it, then signs with it. */
int
sshconn_auth_key (sshconn *c, const char *keytext, const char *passphrase, GString *err)
{
  ssh_key key = NULL;
  gint64 deadline;
  int rc;

  if (ssh_pki_import_privkey_base64 (keytext, passphrase, NULL, NULL, &key) != SSH_OK)
    {
      if (err->len)
        g_string_append (err, "; ");
      g_string_append (err, "publickey: the private key cannot be read (bad format "
                            "or wrong passphrase)");
      return -1;
    }
  deadline = sshconn_deadline_ms (c->timeout_s * 1000);
  SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN,
                 ssh_userauth_try_publickey (c->session, NULL, key));
  if (rc == SSH_AUTH_SUCCESS)
    {
      deadline = sshconn_deadline_ms (c->timeout_s * 1000);
      SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN,
                     ssh_userauth_publickey (c->session, NULL, key));
    }
  ssh_key_free (key);
  if (rc == SSH_AUTH_SUCCESS)
    return 0;
  sshconn_auth_failure (c, "publickey", rc, err);
  return -1;
}

/* Appends 'name' to a comma-separated list. */
static void
sshconn_list_add (GString *list, const char *name)
{
  if (list->len)
    g_string_append_c (list, ',');
  g_string_append (list, name);
}

char *
sshconn_methods_text (int methods)
{
  GString *s = g_string_new (NULL);

  if (methods & SSH_AUTH_METHOD_NONE)
    sshconn_list_add (s, "none");
  if (methods & SSH_AUTH_METHOD_PASSWORD)
    sshconn_list_add (s, "password");
  if (methods & SSH_AUTH_METHOD_PUBLICKEY)
    sshconn_list_add (s, "publickey");
  if (methods & SSH_AUTH_METHOD_HOSTBASED)
    sshconn_list_add (s, "hostbased");
  if (methods & SSH_AUTH_METHOD_INTERACTIVE)
    sshconn_list_add (s, "keyboard-interactive");
  return g_string_free (s, FALSE);
}

/* The reason a channel operation failed. */
static void
sshconn_channel_failure (sshconn *c, const char *what, int rc, long timeout_ms,
                         GString *err)
{
  if (rc == SSHCONN_TIMED_OUT)
    g_string_append_printf (err, "%s: no answer within %ld ms", what, timeout_ms);
  else
    g_string_append_printf (err, "%s: %s", what, sshconn_error_text (c->session));
}

/* Opens a session channel (and a pty when asked) before 'deadline'. */
static ssh_channel
sshconn_channel_open (sshconn *c, int pty, gint64 deadline, long timeout_ms, GString *err)
{
  ssh_channel ch = ssh_channel_new (c->session);
  int rc;

  if (!ch)
    {
      sshconn_channel_failure (c, "cannot create a channel", SSH_ERROR, timeout_ms, err);
      return NULL;
    }
  SSHCONN_RETRY (rc, c, deadline, SSH_AGAIN, ssh_channel_open_session (ch));
  if (rc != SSH_OK)
    {
      sshconn_channel_failure (c, "cannot open a channel", rc, timeout_ms, err);
      ssh_channel_free (ch);
      return NULL;
    }
  if (pty)
    {
      SSHCONN_RETRY (rc, c, deadline, SSH_AGAIN,
                     ssh_channel_request_pty_size (ch, "xterm", 80, 24));
      if (rc != SSH_OK)
        {
          sshconn_channel_failure (c, "cannot get a pseudo terminal", rc, timeout_ms,
                                   err);
          ssh_channel_free (ch);
          return NULL;
        }
    }
  return ch;
}

/* Where one chunk of output goes. */
static GString *
sshconn_sink (const sshconn_exec_opts *o, int is_stderr, GString *out, GString *compat)
{
  if (!is_stderr)
    return o->to_stdout ? out : NULL;
  if (o->to_stderr)
    return out;
  return o->compat ? compat : NULL;
}

/*
** Reads stdout and stderr as they arrive until the remote end sends EOF.
** Collected bytes count against max_output; the deadline bounds the whole.
*/
static int
sshconn_collect (sshconn *c, ssh_channel ch, const sshconn_exec_opts *o, gint64 deadline,
                 GString *out, GString *compat, GString *err)
{
  char buf[16384];
  size_t total = 0;
  int eof_seen = 0;

  for (;;)
    {
      int got = 0;

      for (int is_stderr = 0; is_stderr <= 1; is_stderr++)
        {
          int n = ssh_channel_read_nonblocking (ch, buf, sizeof buf, is_stderr);
          GString *sink;

          if (n == SSH_ERROR)
            {
              g_string_append_printf (err, "connection lost while reading the output: %s",
                                      sshconn_error_text (c->session));
              return -1;
            }
          if (n <= 0)
            continue;
          got = 1;
          sink = sshconn_sink (o, is_stderr, out, compat);
          if (!sink)
            continue;
          if ((size_t) n > o->max_output - total)
            {
              g_string_append_printf (err, "command output exceeds %zu bytes",
                                      o->max_output);
              return -1;
            }
          total += (size_t) n;
          g_string_append_len (sink, buf, n);
        }
      if (got)
        continue;
      /* The reads above may have processed the EOF packet together with
      ** data they did not return: drain once more after seeing it. */
      if (ssh_channel_is_eof (ch) || ssh_channel_is_closed (ch))
        {
          /* A channel that closed without the server's EOF on a dead
          ** connection lost output: never hand that on as complete. */
          if (!ssh_channel_is_eof (ch) && !ssh_is_connected (c->session))
            {
              g_string_append_printf (err, "connection lost before the command finished: %s",
                                      sshconn_error_text (c->session));
              return -1;
            }
          if (eof_seen)
            return 0;
          eof_seen = 1;
          continue;
        }
      if (sshconn_wait (c, deadline) != 0)
        {
          g_string_append_printf (err, "command did not finish within %ld s",
                                  o->timeout_ms / 1000);
          return -1;
        }
    }
}

int
sshconn_exec (sshconn *c, const char *cmd, const sshconn_exec_opts *o, GString *out,
              GString *err)
{
  gint64 deadline = sshconn_deadline_ms (o->timeout_ms);
  GString *compat = o->compat ? g_string_new (NULL) : NULL;
  ssh_channel ch;
  int rc;

  ch = sshconn_channel_open (c, o->pty, deadline, o->timeout_ms, err);
  if (!ch)
    goto fail;
  SSHCONN_RETRY (rc, c, deadline, SSH_AGAIN, ssh_channel_request_exec (ch, cmd));
  if (rc != SSH_OK)
    {
      sshconn_channel_failure (c, "the server refused to run the command", rc,
                               o->timeout_ms, err);
      goto fail;
    }
  if (sshconn_collect (c, ch, o, deadline, out, compat, err))
    goto fail;
  ssh_channel_close (ch);
  ssh_channel_free (ch);
  if (compat)
    {
      g_string_append_len (out, compat->str, (gssize) compat->len);
      g_string_free (compat, TRUE);
    }
  return 0;

fail:
  if (ch)
    ssh_channel_free (ch);
  if (compat)
    g_string_free (compat, TRUE);
  return -1;
}

/* The server key of the session, or NULL. */
static ssh_key
sshconn_server_key (sshconn *c)
{
  ssh_key key = NULL;

  if (ssh_get_server_publickey (c->session, &key) != SSH_OK)
    return NULL;
  return key;
}

char *
sshconn_hostkey_text (sshconn *c)
{
  ssh_key key = sshconn_server_key (c);
  char *b64 = NULL;
  char *text = NULL;

  if (!key)
    return NULL;
  if (ssh_pki_export_pubkey_base64 (key, &b64) == SSH_OK)
    text = g_strdup_printf ("%s %s", ssh_key_type_to_char (ssh_key_type (key)), b64);
  ssh_string_free_char (b64);
  ssh_key_free (key);
  return text;
}

char *
sshconn_hostkey_blob (sshconn *c, size_t *len)
{
  ssh_key key = sshconn_server_key (c);
  char *b64 = NULL;
  char *blob = NULL;

  *len = 0;
  if (!key)
    return NULL;
  if (ssh_pki_export_pubkey_base64 (key, &b64) == SSH_OK)
    {
      gsize n = 0;
      guchar *raw = g_base64_decode (b64, &n);

      blob = g_realloc (raw, n + 1);
      blob[n] = '\0';
      *len = n;
    }
  ssh_string_free_char (b64);
  ssh_key_free (key);
  return blob;
}

char *
sshconn_hostkey_sha256 (sshconn *c)
{
  ssh_key key = sshconn_server_key (c);
  unsigned char *hash = NULL;
  size_t hlen = 0;
  char *fp = NULL;
  char *out = NULL;

  if (!key)
    return NULL;
  if (ssh_get_publickey_hash (key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == 0)
    {
      fp = ssh_get_fingerprint_hash (SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
      out = fp ? g_strdup (fp) : NULL;
      ssh_string_free_char (fp);
      ssh_clean_pubkey_hash (&hash);
    }
  ssh_key_free (key);
  return out;
}

int
sshconn_shell_open (sshconn *c, int pty, GString *err)
{
  long timeout_ms = c->timeout_s * 1000;
  gint64 deadline = sshconn_deadline_ms (timeout_ms);
  ssh_channel ch = sshconn_channel_open (c, pty, deadline, timeout_ms, err);
  int rc;

  if (!ch)
    return -1;
  SSHCONN_RETRY (rc, c, deadline, SSH_AGAIN, ssh_channel_request_shell (ch));
  if (rc != SSH_OK)
    {
      sshconn_channel_failure (c, "the server refused a shell", rc, timeout_ms, err);
      ssh_channel_free (ch);
      return -1;
    }
  sshconn_shell_close (c);
  c->shell = ch;
  return 0;
}

/* One non-blocking pass over both streams: bytes read, or -1 on error. */
static long
sshconn_shell_pass (sshconn *c, size_t max_output, GString *out, GString *err)
{
  char buf[16384];
  long got = 0;

  for (int is_stderr = 1; is_stderr >= 0; is_stderr--)
    {
      int n = ssh_channel_read_nonblocking (c->shell, buf, sizeof buf, is_stderr);

      if (n == SSH_ERROR)
        {
          g_string_append_printf (err, "connection lost: %s",
                                  sshconn_error_text (c->session));
          return -1;
        }
      if (n <= 0)
        continue;
      if ((size_t) n > max_output - MIN (max_output, out->len))
        {
          g_string_append_printf (err, "shell output exceeds %zu bytes", max_output);
          return -1;
        }
      g_string_append_len (out, buf, n);
      got += n;
    }
  return got;
}

int
sshconn_shell_read (sshconn *c, long timeout_ms, size_t max_output, GString *out,
                    GString *err)
{
  gint64 idle_deadline;

  if (!c->shell || !ssh_channel_is_open (c->shell) || ssh_channel_is_eof (c->shell))
    {
      g_string_append (err, "no open shell on this session");
      return -1;
    }
  if (timeout_ms <= 0)
    return sshconn_shell_pass (c, max_output, out, err) < 0 ? -1 : 0;
  idle_deadline = sshconn_deadline_ms (timeout_ms);
  for (int eof_seen = 0;;)
    {
      long got = sshconn_shell_pass (c, max_output, out, err);

      if (got < 0)
        return -1;
      if (got > 0)
        {
          idle_deadline = sshconn_deadline_ms (timeout_ms);
          continue;
        }
      if (ssh_channel_is_eof (c->shell))
        {
          if (eof_seen)
            return 0;
          eof_seen = 1;
          continue;
        }
      if (sshconn_wait (c, idle_deadline) != 0)
        return 0;
    }
}

int
sshconn_shell_write (sshconn *c, const char *data, size_t len, GString *err)
{
  gint64 deadline = sshconn_deadline_ms (c->timeout_s * 1000);

  if (!c->shell || !ssh_channel_is_open (c->shell))
    {
      g_string_append (err, "no open shell on this session");
      return -1;
    }
  while (len > 0)
    {
      uint32_t chunk = (uint32_t) MIN (len, 32768);
      int n = ssh_channel_write (c->shell, data, chunk);

      if (n == SSH_ERROR)
        {
          g_string_append_printf (err, "cannot write to the shell: %s",
                                  sshconn_error_text (c->session));
          return -1;
        }
      if (n > 0)
        {
          data += n;
          len -= (size_t) n;
          continue;
        }
      if (sshconn_wait (c, deadline) != 0)
        {
          g_string_append_printf (err, "the shell accepted no input within %ld s",
                                  c->timeout_s);
          return -1;
        }
    }
  return 0;
}

void
sshconn_shell_close (sshconn *c)
{
  if (!c->shell)
    return;
  ssh_channel_free (c->shell);
  c->shell = NULL;
}

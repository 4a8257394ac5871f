/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_conn.c: one SSH connection on libssh with deadlines (no NASL values here). */
#include "ssh_conn.h"
#include "ssh_agent_relay.h"
#include "ssh_known_hosts.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <pwd.h>
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

/* Options every session gets: no logging, no ~/.ssh/config unless asked,
** and no known-hosts file of libssh's own (ssh_known_hosts.c checks). */
static int
sshconn_set_base_options (ssh_session s, const sshconn_opts *o, GString *err)
{
  int verbosity = SSH_LOG_NOLOG;
  bool no_config = false;
  long timeout = o->timeout_s;

  if (ssh_options_set (s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity)
      || ssh_options_set (s, SSH_OPTIONS_PROCESS_CONFIG, &no_config)
      || ssh_options_set (s, SSH_OPTIONS_TIMEOUT, &timeout)
      || ssh_options_set (s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null")
      || ssh_options_set (s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null"))
    {
      g_string_append_printf (err, "cannot set up the SSH session: %s",
                              sshconn_error_text (s));
      return -1;
    }
  return 0;
}

/* What libssh's option 'type' holds now (g_free), or NULL. */
static char *
sshconn_option_text (ssh_session s, enum ssh_options_e type)
{
  char *v = NULL;
  char *copy;

  if (ssh_options_get (s, type, &v) != SSH_OK || !v)
    return NULL;
  copy = g_strdup (v);
  ssh_string_free_char (v);
  return copy;
}

/* What an ssh_config file says for one host (libssh's parser). */
typedef struct sshconn_config {
  char *hostname;    /* HostName, or NULL when the config does not set one */
  char *user;        /* User, or NULL */
  unsigned int port; /* Port, 0 when unset (or 22) */
  char *identity;    /* the last IdentityFile that applies, unexpanded, or NULL */
  char *proxy;       /* ProxyCommand, or NULL */
  char *note;        /* "FILE, Host NAME: HostName ..., User ..." for reports */
} sshconn_config;

static void
sshconn_config_clear (sshconn_config *cf)
{
  g_free (cf->hostname);
  g_free (cf->user);
  g_free (cf->identity);
  g_free (cf->proxy);
  g_free (cf->note);
  memset (cf, 0, sizeof *cf);
}

/* libssh's first default identity: what IDENTITY reports when no
** IdentityFile applies. */
#define SSHCONN_LIBSSH_DEFAULT_ID "%d/id_ed25519"

/* The report line for what the config set. */
static char *
sshconn_config_note (const char *file, const char *name, const sshconn_config *cf)
{
  GString *s = g_string_new (NULL);

  g_string_printf (s, "%s, Host %s:", file, name);
  if (cf->hostname)
    g_string_append_printf (s, " HostName %s,", cf->hostname);
  if (cf->user)
    g_string_append_printf (s, " User %s,", cf->user);
  if (cf->port)
    g_string_append_printf (s, " Port %u,", cf->port);
  if (cf->identity)
    g_string_append_printf (s, " IdentityFile %s,", cf->identity);
  if (cf->proxy)
    g_string_append_printf (s, " ProxyCommand %s,", cf->proxy);
  if (s->str[s->len - 1] == ',')
    g_string_truncate (s, s->len - 1);
  else
    g_string_append (s, " nothing that applies");
  return g_string_free (s, FALSE);
}

/*
** Applies the ssh_config file to the session for Host 'name' (libssh's
** parser: HostName, User, Port, IdentityFile, Ciphers, ProxyCommand ...) and
** reads back what it set.  libssh keeps only the most recent IdentityFile
** visible, so of several that apply the last one is used.
*/
static int
sshconn_apply_config (ssh_session s, const char *file, const char *name,
                      sshconn_config *cf, GString *err)
{
  unsigned int port = 0;
  char *host;

  memset (cf, 0, sizeof *cf);
  if (access (file, R_OK) != 0)
    {
      g_string_append_printf (err, "cannot read SSH config file '%s': %s", file,
                              g_strerror (errno));
      return -1;
    }
  if (ssh_options_set (s, SSH_OPTIONS_HOST, name) != 0
      || ssh_options_parse_config (s, file) != 0)
    {
      g_string_append_printf (err, "SSH config file '%s': %s", file, sshconn_error_text (s));
      return -1;
    }
  host = sshconn_option_text (s, SSH_OPTIONS_HOST);
  if (host && g_ascii_strcasecmp (host, name))
    cf->hostname = g_steal_pointer (&host);
  g_free (host);
  cf->user = sshconn_option_text (s, SSH_OPTIONS_USER);
  if (ssh_options_get_port (s, &port) == 0 && port != 22)
    cf->port = port;
  cf->identity = sshconn_option_text (s, SSH_OPTIONS_IDENTITY);
  if (cf->identity && !strcmp (cf->identity, SSHCONN_LIBSSH_DEFAULT_ID))
    g_clear_pointer (&cf->identity, g_free);
  cf->proxy = sshconn_option_text (s, SSH_OPTIONS_PROXYCOMMAND);
  cf->note = sshconn_config_note (file, name, cf);
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

/* libssh 0.10's default host key algorithms, after the known ones. */
#define SSHCONN_DEFAULT_HOSTKEYS                                                   \
  "ssh-ed25519,ecdsa-sha2-nistp521,ecdsa-sha2-nistp384,ecdsa-sha2-nistp256,"     \
  "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,"  \
  "rsa-sha2-256"

/* Appends 'alg' to the comma-separated list unless it is there. */
static void
sshconn_alg_add (GString *list, const char *alg)
{
  char **have = g_strsplit (list->str, ",", -1);

  if (!g_strv_contains ((const char *const *) have, alg))
    {
      if (list->len)
        g_string_append_c (list, ',');
      g_string_append (list, alg);
    }
  g_strfreev (have);
}

/*
** As OpenSSH does, asks first for the key types the known-hosts file lists
** for the host, so that a server with several host keys shows the one we
** can check.  A script's keytype: wins.
*/
static int
sshconn_prefer_known_types (ssh_session s, const sshconn_opts *o, char **types,
                            GString *err)
{
  GString *list;
  char **dflt;
  int rc = 0;

  if (o->keytypes || !types || !types[0])
    return 0;
  list = g_string_new (NULL);
  for (size_t i = 0; types[i]; i++)
    {
      if (!strcmp (types[i], "ssh-rsa"))
        {
          sshconn_alg_add (list, "rsa-sha2-512");
          sshconn_alg_add (list, "rsa-sha2-256");
        }
      else if (!strchr (types[i], '@') || g_str_has_prefix (types[i], "sk-"))
        sshconn_alg_add (list, types[i]);
    }
  dflt = g_strsplit (SSHCONN_DEFAULT_HOSTKEYS, ",", -1);
  for (size_t i = 0; dflt[i]; i++)
    sshconn_alg_add (list, dflt[i]);
  g_strfreev (dflt);
  if (ssh_options_set (s, SSH_OPTIONS_HOSTKEYS, list->str))
    {
      g_string_append_printf (err, "cannot prefer host key types '%s': %s", list->str,
                              sshconn_error_text (s));
      rc = -1;
    }
  g_string_free (list, TRUE);
  return rc;
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

/* The status for a failed TCP connect. */
static sshconn_status
sshconn_errno_status (int e)
{
  if (e == ECONNREFUSED)
    return SSHCONN_ERR_REFUSED;
  if (e == ETIMEDOUT)
    return SSHCONN_ERR_TIMEOUT;
  return SSHCONN_ERR_UNREACHABLE;
}

/* One non-blocking connect to 'ai' before 'deadline': the socket, or -1
** with errno set. */
static int
sshconn_tcp_try (const struct addrinfo *ai, gint64 deadline)
{
  int fd = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                   ai->ai_protocol);
  int soerr = 0, e;
  socklen_t len = sizeof soerr;

  if (fd < 0)
    return -1;
  if (connect (fd, ai->ai_addr, ai->ai_addrlen) == 0)
    goto connected;
  if (errno != EINPROGRESS)
    goto fail;
  for (;;)
    {
      struct pollfd p = { fd, POLLOUT, 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      int n;

      if (left <= 0)
        {
          errno = ETIMEDOUT;
          goto fail;
        }
      n = poll (&p, 1, (int) MIN (left / 1000 + 1, G_MAXINT));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      if (n == 1)
        break;
    }
  if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0)
    goto fail;
  if (soerr)
    {
      errno = soerr;
      goto fail;
    }
connected:
  /* libssh expects a blocking socket (it switches modes itself). */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
fail:
  e = errno;
  close (fd);
  errno = e;
  return -1;
}

/* Opens the TCP connection ourselves, so that refused, unreachable and
** timed out come from errno and not from libssh's wording. */
static int
sshconn_tcp_connect (const char *host, unsigned int port, long timeout_s,
                     sshconn_status *status, GString *err)
{
  struct addrinfo hints, *res = NULL;
  gint64 deadline = sshconn_deadline_ms (timeout_s * 1000);
  char service[16];
  int fd = -1, e = 0, rc;

  memset (&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  snprintf (service, sizeof service, "%u", port);
  rc = getaddrinfo (host, service, &hints, &res);
  if (rc != 0)
    {
      *status = SSHCONN_ERR_UNREACHABLE;
      g_string_append_printf (err, "cannot connect to %s port %u: %s", host, port,
                              gai_strerror (rc));
      return -1;
    }
  for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next)
    {
      fd = sshconn_tcp_try (ai, deadline);
      if (fd < 0)
        e = errno;
    }
  freeaddrinfo (res);
  if (fd >= 0)
    return fd;
  *status = sshconn_errno_status (e);
  if (e == ETIMEDOUT)
    g_string_append_printf (err, "cannot connect to %s port %u: no answer within %ld s",
                            host, port, timeout_s);
  else
    g_string_append_printf (err, "cannot connect to %s port %u: %s", host, port,
                            g_strerror (e));
  return -1;
}

/* A duplicate of the script's socket: the script keeps (and closes) its
** own; the duplicate goes with the connection. */
static int
sshconn_script_socket (int script_fd, GString *err)
{
  struct stat st;
  int fd;

  if (fstat (script_fd, &st) != 0 || !S_ISSOCK (st.st_mode))
    {
      g_string_append_printf (err, "socket %d is not an open socket", script_fd);
      return -1;
    }
  fd = fcntl (script_fd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0)
    g_string_append_printf (err, "cannot duplicate socket %d: %s", script_fd,
                            g_strerror (errno));
  return fd;
}

/* Hands libssh a connected socket.  libssh never closes a socket given
** this way: *owned keeps it for sshconn_close. */
static int
sshconn_give_fd (ssh_session s, int fd, int *owned, GString *err)
{
  socket_t sock = fd;

  if (ssh_options_set (s, SSH_OPTIONS_FD, &sock))
    {
      close (fd);
      g_string_append_printf (err, "cannot use the socket: %s", sshconn_error_text (s));
      return -1;
    }
  *owned = fd;
  return 0;
}

/* Ends a session that never became a connection, and its socket. */
static void
sshconn_discard (ssh_session s, int *owned)
{
  ssh_disconnect (s);
  ssh_free (s);
  if (*owned >= 0)
    close (*owned);
  *owned = -1;
}

/* One connection attempt: what it needs and what it found. */
typedef struct sshconn_try {
  const sshconn_opts *o;
  const char *kh_text;       /* the known-hosts file's text, or NULL */
  size_t kh_len;
  unsigned int port;         /* the port connected to */
  const char *connect_host;  /* where the TCP connection went */
  sshconn_config cf;         /* what the ssh_config set */
  int dropped;               /* closed by the server before its banner */
  int owned_fd;              /* the socket we gave libssh, or -1 */
} sshconn_try;

static const char **sshconn_kh_names (const sshconn_try *t);

/* The key types the known-hosts file lists under the host's names. */
static char **
sshconn_known_types (const sshconn_try *t)
{
  const char **names;
  char **types;

  if (!t->kh_text)
    return NULL;
  names = sshconn_kh_names (t);
  types = sshkh_listed_types (t->kh_text, t->kh_len, names, t->port);
  g_free (names);
  return types;
}

/* A new session with every option set. */
static ssh_session
sshconn_session_new (sshconn_try *t, GString *err)
{
  const sshconn_opts *o = t->o;
  ssh_session s = ssh_new ();
  long timeout = o->timeout_s;
  char **types = NULL;
  int rc;

  if (!s)
    {
      g_string_append (err, "cannot allocate an SSH session");
      return NULL;
    }
  sshconn_config_clear (&t->cf);
  rc = sshconn_set_base_options (s, o, err)
       || (o->config
           && sshconn_apply_config (s, o->config, o->host_name ? o->host_name : o->host,
                                    &t->cf, err))
       /* The config must not undo our deadlines or our host key checking. */
       || ssh_options_set (s, SSH_OPTIONS_TIMEOUT, &timeout)
       || ssh_options_set (s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null")
       || ssh_options_set (s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null")
       || sshconn_set_algorithms (s, o, err);
  if (!rc)
    {
      if (o->fd >= 0)
        t->port = sshconn_peer_port (o->fd);
      else
        t->port = o->port ? o->port : t->cf.port ? t->cf.port : o->default_port;
      t->connect_host = o->host;
      types = sshconn_known_types (t);
      rc = sshconn_prefer_known_types (s, o, types, err);
      g_strfreev (types);
    }
  if (rc)
    {
      if (!err->len)
        g_string_append_printf (err, "cannot set up the SSH session: %s",
                                sshconn_error_text (s));
      ssh_free (s);
      return NULL;
    }
  return s;
}

/* Connects the session's transport: the script's socket, the config's
** ProxyCommand (libssh runs it), or our own TCP connection. */
static int
sshconn_transport (ssh_session s, sshconn_try *t, sshconn_status *status, GString *err)
{
  const sshconn_opts *o = t->o;
  unsigned int p = t->port;
  int fd;

  if (o->fd >= 0)
    {
      fd = sshconn_script_socket (o->fd, err);
      if (fd < 0)
        return -1;
      t->port = sshconn_peer_port (fd);
      return sshconn_give_fd (s, fd, &t->owned_fd, err);
    }
  if (t->cf.proxy)
    {
      /* The command's %h is the config's HostName, as in OpenSSH. */
      if (ssh_options_set (s, SSH_OPTIONS_PORT, &p))
        {
          g_string_append_printf (err, "bad SSH port %u: %s", p, sshconn_error_text (s));
          return -1;
        }
      return 0;
    }
  if (ssh_options_set (s, SSH_OPTIONS_HOST, o->host) || ssh_options_set (s, SSH_OPTIONS_PORT, &p))
    {
      g_string_append_printf (err, "bad SSH host '%s' or port %u: %s", o->host, p,
                              sshconn_error_text (s));
      return -1;
    }
  fd = sshconn_tcp_connect (o->host, p, o->timeout_s, status, err);
  if (fd < 0)
    return -1;
  return sshconn_give_fd (s, fd, &t->owned_fd, err);
}

/*
** The SSH handshake (banner and key exchange) in blocking mode, bounded by
** SSH_OPTIONS_TIMEOUT.  A server that closes an established connection
** before sending its banner is sshd refusing more unauthenticated
** connections (MaxStartups): t->dropped tells the caller to try again.
*/
static int
sshconn_handshake (ssh_session s, sshconn_try *t, sshconn_status *status, GString *err)
{
  gint64 start = g_get_monotonic_time ();
  const char *where = t->cf.proxy ? "the config's ProxyCommand" : t->connect_host;
  gint64 took_ms;

  if (ssh_connect (s) == SSH_OK)
    return 0;
  took_ms = (g_get_monotonic_time () - start) / 1000;
  if (ssh_get_serverbanner (s))
    {
      *status = SSHCONN_ERR_UNREACHABLE;
      g_string_append_printf (err, "SSH handshake with %s port %u failed: %s", where,
                              t->port, sshconn_error_text (s));
    }
  else if (took_ms + 100 >= t->o->timeout_s * 1000)
    {
      *status = SSHCONN_ERR_TIMEOUT;
      g_string_append_printf (err, "%s port %u sent no SSH banner within %ld s", where,
                              t->port, t->o->timeout_s);
    }
  else
    {
      *status = SSHCONN_ERR_REFUSED;
      t->dropped = 1;
      g_string_append_printf (err, "%s port %u: server dropped the connection before "
                              "its SSH banner (MaxStartups?)", where, t->port);
    }
  return -1;
}

/* A pause of about base * 2^attempt ms, between half and one and a half of
** it (jitter spreads the reconnects of many workers). */
static void
sshconn_backoff (long base_ms, int attempt)
{
  double ms = (double) base_ms * (double) (1L << MIN (attempt, 10));

  ms *= g_random_double_range (0.5, 1.5);
  g_usleep ((gulong) (ms * 1000));
}

/* --- host key ------------------------------------------------------------ */

/* The server key as an SSH wire blob (g_free), or NULL. */
static guchar *
sshconn_server_blob (ssh_session s, size_t *len)
{
  ssh_key key = NULL;
  char *b64 = NULL;
  guchar *blob = NULL;
  gsize n = 0;

  *len = 0;
  if (ssh_get_server_publickey (s, &key) != SSH_OK)
    return NULL;
  if (ssh_pki_export_pubkey_base64 (key, &b64) == SSH_OK)
    {
      blob = g_base64_decode (b64, &n);
      *len = n;
    }
  ssh_string_free_char (b64);
  ssh_key_free (key);
  return blob;
}

/* Names the known-hosts file may list the host under: the config's
** HostName or the given name first (new entries use it), then the address. */
static const char **
sshconn_kh_names (const sshconn_try *t)
{
  const char **names = g_new0 (const char *, 3);
  const char *first = t->cf.hostname ? t->cf.hostname : t->o->host_name;
  size_t n = 0;

  if (first && *first && g_ascii_strcasecmp (first, t->o->host))
    names[n++] = first;
  names[n] = t->o->host;
  return names;
}

/* The "how to trust it" part of an unknown-host refusal. */
static void
sshconn_kh_advice (GString *err, const char *file, const char *name, unsigned int port,
                   const char *type)
{
  char pflag[32] = "";

  if (port != 22)
    snprintf (pflag, sizeof pflag, "-p %u ", port);
  g_string_append_printf (err, ". To trust it, compare the fingerprint with the host's "
                          "own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on it), then "
                          "add the key with `ssh-keyscan %s-t %s %s >> %s` or `ssh -o "
                          "UserKnownHostsFile=%s -o StrictHostKeyChecking=accept-new "
                          "%s%s true`, or run nasl-audit with --accept-new",
                          pflag, type, name, file, file, pflag, name);
}

/* "a or b": the names looked up, as known_hosts writes them. */
static char *
sshconn_kh_fields (const char *const *names, unsigned int port)
{
  GString *s = g_string_new (NULL);

  for (size_t i = 0; names[i]; i++)
    {
      char *f = sshkh_host_field (names[i], port);

      g_string_append_printf (s, "%s%s", i ? " or " : "", f);
      g_free (f);
    }
  return g_string_free (s, FALSE);
}

/* Explains a refused key in err and returns the status to report. */
static sshconn_status
sshconn_kh_refusal (const sshconn_try *t, const char *const *names, const sshkh_match *m,
                    const guchar *blob, size_t bloblen, int missing, GString *err)
{
  const char *file = t->o->known_hosts;
  char *fp = sshkh_fingerprint (blob, bloblen);
  char *type = sshkh_blob_type (blob, bloblen);
  char *field = m->listed_as ? g_strdup (m->listed_as) : sshkh_host_field (names[0], t->port);
  const char *kind = type ? type : "unknown";
  const char *q = strchr (field, '[') ? "'" : "";
  sshconn_status st = SSHCONN_ERR_HOSTKEY_CHANGED;
  char *fields;

  switch (m->verdict)
    {
    case SSHKH_UNLISTED:
      st = SSHCONN_ERR_HOSTKEY_UNKNOWN;
      fields = sshconn_kh_fields (names, t->port);
      g_string_append_printf (err, "host key for %s is not known: known-hosts file '%s' "
                              "%s %s (the server offers %s key %s); refusing to connect, "
                              "no credential was sent",
                              field, file, missing ? "does not exist, so it does not list"
                                                   : "does not list",
                              fields, kind, fp);
      sshconn_kh_advice (err, file, names[0], t->port, kind);
      g_free (fields);
      break;
    case SSHKH_REVOKED:
      g_string_append_printf (err, "host key for %s is revoked: known-hosts file '%s' "
                              "line %u marks %s key %s @revoked; refusing to connect, "
                              "no credential was sent", field, file, m->line, kind, fp);
      break;
    case SSHKH_CHANGED:
    case SSHKH_OTHER_TYPE:
    default:
      g_string_append_printf (err, "host key for %s has changed: known-hosts file '%s' "
                              "line %u lists %s key %s, the server now offers %s key %s. "
                              "Someone may be intercepting the connection, or the host "
                              "got a new key; refusing to connect, no credential was sent. "
                              "If the change is expected, remove the old key with "
                              "`ssh-keygen -f %s -R %s%s%s`",
                              field, file, m->line, m->listed_type ? m->listed_type : "?",
                              m->listed_fp ? m->listed_fp : "?", kind, fp, file, q, field, q);
      break;
    }
  g_free (fp);
  g_free (type);
  g_free (field);
  return st;
}

/*
** Checks the server's key against the known-hosts file 'text'.  An unknown
** host is recorded when accept_new is set (the file is re-read under a
** lock first); otherwise, and for a changed or revoked key, the connection
** is refused before any authentication.  *added gets a note on a new entry.
*/
static int
sshconn_verify_host_key (ssh_session s, const sshconn_try *t, const char *text,
                         size_t len, int missing, char **added, sshconn_status *status,
                         GString *err)
{
  const sshconn_opts *o = t->o;
  const char **names = sshconn_kh_names (t);
  sshkh_match m;
  size_t bloblen = 0;
  guchar *blob = sshconn_server_blob (s, &bloblen);
  int rc = -1;

  memset (&m, 0, sizeof m);
  if (!blob)
    {
      *status = SSHCONN_ERR_HOSTKEY_UNKNOWN;
      g_string_append_printf (err, "cannot read the host key of %s port %u: %s", o->host,
                              t->port, sshconn_error_text (s));
      goto out;
    }
  sshkh_check (text, len, names, t->port, blob, bloblen, &m);
  if (m.verdict == SSHKH_UNLISTED && o->accept_new)
    {
      GString *why = g_string_new (NULL);

      sshkh_match_clear (&m);
      if (sshkh_add (o->known_hosts, names, t->port, blob, bloblen, o->timeout_s * 1000,
                     &m, why))
        {
          char *fp = sshkh_fingerprint (blob, bloblen);
          char *field = sshkh_host_field (names[0], t->port);

          *status = SSHCONN_ERR_HOSTKEY_UNKNOWN;
          g_string_append_printf (err, "host key for %s (%s) is not known and cannot be "
                                  "recorded: %s; refusing to connect, no credential was "
                                  "sent", field, fp, why->str);
          g_free (field);
          g_free (fp);
          g_string_free (why, TRUE);
          goto out;
        }
      g_string_free (why, TRUE);
      if (m.verdict == SSHKH_LISTED)
        {
          char *field = sshkh_host_field (names[0], t->port);
          char *fp = sshkh_fingerprint (blob, bloblen);
          char *type = sshkh_blob_type (blob, bloblen);

          *added = g_strdup_printf ("Permanently added '%s' (%s key %s) to known-hosts "
                                    "file '%s'", field, type ? type : "?", fp,
                                    o->known_hosts);
          g_free (field);
          g_free (fp);
          g_free (type);
        }
    }
  if (m.verdict == SSHKH_LISTED)
    rc = 0;
  else
    *status = sshconn_kh_refusal (t, names, &m, blob, bloblen, missing, err);

out:
  sshkh_match_clear (&m);
  g_free (blob);
  g_free (names);
  return rc;
}

/* --- opening ------------------------------------------------------------- */

/* Reads the known-hosts file before connecting: a directory or an
** unreadable file refuses at once. */
static int
sshconn_load_known_hosts (const sshconn_opts *o, char **text, size_t *len, int *missing,
                          sshconn_status *status, GString *err)
{
  GString *why;

  *text = NULL;
  *len = 0;
  *missing = 0;
  if (!o->known_hosts)
    return 0;
  why = g_string_new (NULL);
  if (sshkh_load (o->known_hosts, text, len, missing, why))
    {
      *status = SSHCONN_ERR_HOSTKEY_UNKNOWN;
      g_string_append_printf (err, "cannot check the host key of %s: %s; refusing to "
                              "connect, no credential was sent", o->host, why->str);
      g_string_free (why, TRUE);
      return -1;
    }
  g_string_free (why, TRUE);
  return 0;
}

/* Connects (again after a drop before the banner, up to drop_retries
** times, with jittered backoff) and runs the key exchange. */
static ssh_session
sshconn_connect_retrying (sshconn_try *t, int *attempts, sshconn_status *status,
                          GString *err)
{
  const sshconn_opts *o = t->o;
  int retries = o->fd >= 0 ? 0 : MAX (o->drop_retries, 0);

  for (int attempt = 0;; attempt++)
    {
      ssh_session s = sshconn_session_new (t, err);

      *attempts = attempt + 1;
      if (!s)
        {
          *status = SSHCONN_ERR_SETUP;
          return NULL;
        }
      t->dropped = 0;
      *status = SSHCONN_ERR_SETUP;
      if (sshconn_transport (s, t, status, err) == 0 && sshconn_handshake (s, t, status, err) == 0)
        return s;
      sshconn_discard (s, &t->owned_fd);
      if (!t->dropped || attempt >= retries)
        {
          if (t->dropped && attempt > 0)
            g_string_append_printf (err, " (%d attempts)", attempt + 1);
          return NULL;
        }
      g_string_truncate (err, 0);
      sshconn_backoff (o->drop_backoff_ms > 0 ? o->drop_backoff_ms : 500, attempt);
    }
}

sshconn *
sshconn_open (const sshconn_opts *o, sshconn_status *status, GString *err)
{
  sshconn_try t;
  char *kh_text = NULL, *added = NULL;
  size_t kh_len = 0;
  int missing = 0, attempts = 0;
  ssh_session s;
  sshconn *c = NULL;

  memset (&t, 0, sizeof t);
  t.o = o;
  t.owned_fd = -1;
  *status = SSHCONN_ERR_SETUP;
  if (sshconn_load_known_hosts (o, &kh_text, &kh_len, &missing, status, err))
    goto out;
  t.kh_text = kh_text;
  t.kh_len = kh_len;
  s = sshconn_connect_retrying (&t, &attempts, status, err);
  if (!s)
    goto out;
  if (o->known_hosts
      && sshconn_verify_host_key (s, &t, kh_text, kh_len, missing, &added, status, err))
    {
      sshconn_discard (s, &t.owned_fd);
      goto out;
    }
  ssh_set_blocking (s, 0);
  c = g_new0 (sshconn, 1);
  c->session = s;
  c->fd = ssh_get_fd (s);
  c->port = t.port;
  c->timeout_s = o->timeout_s;
  c->agent_fd = -1;
  c->owned_fd = t.owned_fd;
  c->attempts = attempts;
  c->hostkey_added = g_steal_pointer (&added);
  c->config_note = g_steal_pointer (&t.cf.note);
  /* After ssh_connect libssh has expanded %d, ~ ... in the identity. */
  if (t.cf.identity)
    c->config_identity = sshconn_option_text (s, SSH_OPTIONS_IDENTITY);
  *status = SSHCONN_OK;

out:
  sshconn_config_clear (&t.cf);
  g_free (kh_text);
  g_free (added);
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
  if (c->owned_fd >= 0)
    close (c->owned_fd);
  g_free (c->config_note);
  g_free (c->config_identity);
  g_free (c->hostkey_added);
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

/* Offers 'key', then signs with it; 'label' names it in err. */
static int
sshconn_auth_with_key (sshconn *c, ssh_key key, const char *label, GString *err)
{
  gint64 deadline = sshconn_deadline_ms (c->timeout_s * 1000);
  int rc;

  SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN,
                 ssh_userauth_try_publickey (c->session, NULL, key));
  if (rc == SSH_AUTH_SUCCESS)
    {
      deadline = sshconn_deadline_ms (c->timeout_s * 1000);
      SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN,
                     ssh_userauth_publickey (c->session, NULL, key));
    }
  if (rc == SSH_AUTH_SUCCESS)
    return 0;
  sshconn_auth_failure (c, label, rc, err);
  return -1;
}

/*
** Imports key text (OpenSSH or PEM/PKCS#8, optionally encrypted).  The
** passphrase is never NULL for libssh: with NULL, OpenSSL would ask for one
** on the terminal.
*/
static ssh_key
sshconn_import_key (const char *keytext, const char *passphrase)
{
  ssh_key key = NULL;

  if (ssh_pki_import_privkey_base64 (keytext, passphrase ? passphrase : "", NULL, NULL,
                                     &key) != SSH_OK)
    return NULL;
  return key;
}

int
sshconn_auth_key (sshconn *c, const char *keytext, const char *passphrase, GString *err)
{
  ssh_key key = sshconn_import_key (keytext, passphrase);
  int rc;

  if (!key)
    {
      if (err->len)
        g_string_append (err, "; ");
      g_string_append (err, "publickey: the private key cannot be read (bad format "
                            "or wrong passphrase)");
      return -1;
    }
  rc = sshconn_auth_with_key (c, key, "publickey", err);
  ssh_key_free (key);
  return rc;
}

/* Largest private key file read (a 16384-bit RSA key is about 12 kB). */
#define SSHCONN_MAX_KEY_FILE (1024 * 1024)

/* Appends "; " to a non-empty list of reasons. */
static void
sshconn_reason_sep (GString *err)
{
  if (err->len)
    g_string_append (err, "; ");
}

int
sshconn_auth_key_file (sshconn *c, const char *path, const char *passphrase, GString *err)
{
  char *label = g_strdup_printf ("publickey (%s)", path);
  char *text = NULL;
  gsize len = 0;
  GError *gerr = NULL;
  struct stat st;
  ssh_key key = NULL;
  int rc = -1;

  if (stat (path, &st) != 0 && errno == ENOENT)
    {
      g_free (label);
      return 1;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > SSHCONN_MAX_KEY_FILE)
    {
      sshconn_reason_sep (err);
      g_string_append_printf (err, "%s: not a key file", label);
    }
  else if (!g_file_get_contents (path, &text, &len, &gerr))
    {
      sshconn_reason_sep (err);
      g_string_append_printf (err, "%s: %s", label, gerr->message);
      g_error_free (gerr);
    }
  else if (!(key = sshconn_import_key (text, passphrase)))
    {
      sshconn_reason_sep (err);
      g_string_append_printf (err, "%s: the private key cannot be read (bad format, or "
                              "encrypted: give its passphrase or add it to ssh-agent)",
                              label);
    }
  else
    rc = sshconn_auth_with_key (c, key, label, err);
  ssh_key_free (key);
  if (text)
    {
      explicit_bzero (text, len);
      g_free (text);
    }
  g_free (label);
  return rc;
}

/* The user's home: $HOME, else the password database. */
static char *
sshconn_home (void)
{
  const char *home = getenv ("HOME");
  struct passwd *pw;

  if (home && *home)
    return g_strdup (home);
  pw = getpwuid (getuid ());
  return g_strdup (pw && pw->pw_dir ? pw->pw_dir : "/");
}

char **
sshconn_user_key_files (sshconn *c)
{
  static const char *const names[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
  GPtrArray *files = g_ptr_array_new ();
  char *home;

  if (c->config_identity)
    g_ptr_array_add (files, g_strdup (c->config_identity));
  else
    {
      home = sshconn_home ();
      for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
        g_ptr_array_add (files, g_build_filename (home, ".ssh", names[i], NULL));
      g_free (home);
    }
  g_ptr_array_add (files, NULL);
  return (char **) g_ptr_array_free (files, FALSE);
}

/*
** ssh-agent's keys, through a relay that bounds every wait on the agent
** (libssh itself would wait forever on an agent that stops answering).
*/
int
sshconn_auth_agent (sshconn *c, GString *err)
{
  const char *sock = getenv ("SSH_AUTH_SOCK");
  GString *why;
  sshrelay *relay;
  gint64 deadline;
  int fd = -1, rc, timed_out;

  if (!sock || !*sock)
    {
      sshconn_reason_sep (err);
      g_string_append (err, "ssh-agent: SSH_AUTH_SOCK is not set");
      return -1;
    }
  why = g_string_new (NULL);
  relay = sshrelay_start (sock, c->timeout_s * 1000, &fd, why);
  if (!relay || ssh_set_agent_socket (c->session, fd) != SSH_OK)
    {
      sshconn_reason_sep (err);
      g_string_append_printf (err, "ssh-agent: %s",
                              why->len ? why->str : sshconn_error_text (c->session));
      if (fd >= 0)
        close (fd);
      sshrelay_stop (relay);
      g_string_free (why, TRUE);
      return -1;
    }
  g_string_free (why, TRUE);
  /* libssh owns the new end now; the previous one (an earlier attempt on
  ** this session) is ours to close. */
  if (c->agent_fd >= 0)
    close (c->agent_fd);
  c->agent_fd = fd;
  deadline = sshconn_deadline_ms (c->timeout_s * 1000);
  SSHCONN_RETRY (rc, c, deadline, SSH_AUTH_AGAIN, ssh_userauth_agent (c->session, NULL));
  timed_out = sshrelay_stop (relay);
  if (rc == SSH_AUTH_SUCCESS)
    return 0;
  if (timed_out)
    {
      sshconn_reason_sep (err);
      g_string_append_printf (err, "ssh-agent: the agent did not answer within %ld s",
                              c->timeout_s);
    }
  else if (rc == SSH_AUTH_DENIED)
    {
      sshconn_reason_sep (err);
      g_string_append (err, "ssh-agent: no key of the agent was accepted");
    }
  else
    sshconn_auth_failure (c, "ssh-agent", rc, err);
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
sshconn_channel_open (sshconn *c, int pty, gint64 deadline, long timeout_ms, int *timed_out,
                      GString *err)
{
  ssh_channel ch = ssh_channel_new (c->session);
  int rc;

  *timed_out = 0;
  if (!ch)
    {
      sshconn_channel_failure (c, "cannot create a channel", SSH_ERROR, timeout_ms, err);
      return NULL;
    }
  SSHCONN_RETRY (rc, c, deadline, SSH_AGAIN, ssh_channel_open_session (ch));
  if (rc != SSH_OK)
    {
      *timed_out = rc == SSHCONN_TIMED_OUT;
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
          *timed_out = rc == SSHCONN_TIMED_OUT;
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
static sshconn_exec_status
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
              return SSHCONN_EXEC_LOST;
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
              return SSHCONN_EXEC_TOO_BIG;
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
              return SSHCONN_EXEC_LOST;
            }
          if (eof_seen)
            return SSHCONN_EXEC_OK;
          eof_seen = 1;
          continue;
        }
      if (sshconn_wait (c, deadline) != 0)
        {
          g_string_append_printf (err, "command did not finish within %ld s",
                                  o->timeout_ms / 1000);
          return SSHCONN_EXEC_TIMEOUT;
        }
    }
}

sshconn_exec_status
sshconn_exec (sshconn *c, const char *cmd, const sshconn_exec_opts *o, GString *out,
              GString *err)
{
  gint64 deadline = sshconn_deadline_ms (o->timeout_ms);
  GString *compat = o->compat ? g_string_new (NULL) : NULL;
  sshconn_exec_status st = SSHCONN_EXEC_LOST;
  int rc, timed_out = 0;
  ssh_channel ch;

  ch = sshconn_channel_open (c, o->pty, deadline, o->timeout_ms, &timed_out, err);
  if (!ch)
    {
      st = timed_out ? SSHCONN_EXEC_TIMEOUT : SSHCONN_EXEC_LOST;
      goto fail;
    }
  SSHCONN_RETRY (rc, c, deadline, SSH_AGAIN, ssh_channel_request_exec (ch, cmd));
  if (rc != SSH_OK)
    {
      st = rc == SSHCONN_TIMED_OUT ? SSHCONN_EXEC_TIMEOUT : SSHCONN_EXEC_LOST;
      sshconn_channel_failure (c, "the server refused to run the command", rc,
                               o->timeout_ms, err);
      goto fail;
    }
  st = sshconn_collect (c, ch, o, deadline, out, compat, err);
  if (st != SSHCONN_EXEC_OK)
    goto fail;
  ssh_channel_close (ch);
  ssh_channel_free (ch);
  if (compat)
    {
      g_string_append_len (out, compat->str, (gssize) compat->len);
      g_string_free (compat, TRUE);
    }
  return SSHCONN_EXEC_OK;

fail:
  if (ch)
    ssh_channel_free (ch);
  if (compat)
    g_string_free (compat, TRUE);
  return st;
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
  int rc, timed_out = 0;
  ssh_channel ch = sshconn_channel_open (c, pty, deadline, timeout_ms, &timed_out, err);

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

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_conn.h: one SSH connection on libssh with deadlines (no NASL values here). */
#ifndef NASL_SSH_CONN_H
#define NASL_SSH_CONN_H

#include <stddef.h>
#include <glib.h>
#include <libssh/libssh.h>

#include "libs.h"

/*
** Everything here is plain C over libssh: the NASL builtins in lib_ssh.c
** translate arguments, the KB and diagnostics to and from these calls.
**
** Every network wait is bounded.  ssh_connect() runs in blocking mode with
** SSH_OPTIONS_TIMEOUT; everything after it runs the session in non-blocking
** mode and polls the socket until a deadline, so a silent or stopped peer
** never hangs the interpreter.
**
** Error texts written to the 'err' GStrings never contain credentials.
*/

/* How to reach the server and whom to trust. */
typedef struct sshconn_opts {
  const char *host;          /* IP address (or name) to connect to */
  const char *host_name;     /* the name the host was given by, or NULL: the
                             ** ssh_config Host to match and a known-hosts name */
  unsigned int port;         /* 0: the config's Port, else default_port */
  unsigned int default_port;
  int fd;                    /* connected stream socket to use, or -1 */
  const char *keytypes;      /* host key algorithms, or NULL */
  const char *csciphers;     /* client-to-server ciphers, or NULL */
  const char *scciphers;     /* server-to-client ciphers, or NULL */
  long timeout_s;            /* connect and per-round-trip timeout, > 0 */
  const char *known_hosts;   /* known-hosts file to check against, or NULL: no check */
  int accept_new;            /* with known_hosts: record unknown hosts (TOFU) */
  const char *config;        /* ssh_config file to apply, or NULL */
  int drop_retries;          /* reconnects when the server drops the connection
                             ** before its banner (sshd's MaxStartups) */
  long drop_backoff_ms;      /* first pause before such a reconnect (doubles) */
} sshconn_opts;

/* One connection.  Owned by the session table of lib_ssh.c. */
typedef struct sshconn {
  ssh_session session;
  ssh_channel shell;         /* ssh_shell_open's channel, or NULL */
  int fd;                    /* socket libssh uses */
  unsigned int port;         /* remote port (from the peer address with 'fd') */
  long timeout_s;            /* per-round-trip timeout for auth and channels */
  unsigned int user_set : 1;
  unsigned int authmethods_valid : 1;
  unsigned int none_ok : 1;  /* the "none" method authenticated */
  int authmethods;           /* SSH_AUTH_METHOD_* bits */
  int agent_fd;              /* libssh's end of the last agent relay, or -1 */
  int owned_fd;              /* the socket given to libssh (it never closes it), or -1 */
  char *config_note;         /* what the ssh_config file set, or NULL */
  char *config_identity;     /* the config's IdentityFile (expanded), or NULL */
  char *hostkey_added;       /* "Permanently added ..." after accept-new, or NULL */
  int attempts;              /* connections it took (drops before the banner) */
} sshconn;

/* Why sshconn_open() failed. */
typedef enum sshconn_status {
  SSHCONN_OK = 0,
  SSHCONN_ERR_SETUP,           /* bad option (cipher list, config file, ...) */
  SSHCONN_ERR_REFUSED,         /* connection refused, or dropped before the banner */
  SSHCONN_ERR_UNREACHABLE,     /* no route, name unknown, handshake failure */
  SSHCONN_ERR_TIMEOUT,         /* no answer in time */
  SSHCONN_ERR_HOSTKEY_UNKNOWN, /* the known-hosts file does not vouch for the key */
  SSHCONN_ERR_HOSTKEY_CHANGED  /* the known-hosts file lists another (or a revoked) key */
} sshconn_status;

/* Connects, runs the key exchange and checks the host key.  No credential
** is ever sent here.  On failure returns NULL, sets *status and appends the
** reason to 'err'. */
NASL_INTERNAL sshconn *sshconn_open (const sshconn_opts *o, sshconn_status *status,
                                     GString *err);
/* Sends a disconnect, frees the channel and session. NULL is a no-op. */
NASL_INTERNAL void sshconn_close (sshconn *c);

/* Sets the login once; later calls are ignored (servers refuse a change). */
NASL_INTERNAL int sshconn_set_user (sshconn *c, const char *user, GString *err);
/* Asks the "none" method once and caches the offered methods.  Returns 1
** when "none" already authenticated the user, 0 otherwise. */
NASL_INTERNAL int sshconn_query_methods (sshconn *c);
/* Authentication attempts: 0 on success, -1 on failure (reason in err). */
NASL_INTERNAL int sshconn_auth_password (sshconn *c, const char *password, GString *err);
NASL_INTERNAL int sshconn_auth_kbdint (sshconn *c, const char *password, GString *err);
NASL_INTERNAL int sshconn_auth_key (sshconn *c, const char *keytext, const char *passphrase,
                                    GString *err);
/* The user's own keys: ssh-agent's (SSH_AUTH_SOCK), then the key files of
** sshconn_user_key_files().  0 on success; -1 with what was tried in err. */
NASL_INTERNAL int sshconn_auth_agent (sshconn *c, GString *err);
/* A private key file: 0 logged in, -1 failed (reason in err), 1 no such file. */
NASL_INTERNAL int sshconn_auth_key_file (sshconn *c, const char *path, const char *passphrase,
                                         GString *err);
/* The config's IdentityFile when there is one, else $HOME/.ssh/id_ed25519,
** id_ecdsa and id_rsa (g_strfreev). */
NASL_INTERNAL char **sshconn_user_key_files (sshconn *c);

/* The methods as OpenVAS lists them: "none,password,publickey,...". */
NASL_INTERNAL char *sshconn_methods_text (int methods);

/* How to collect a command's output (OpenVAS's ssh_request_exec modes). */
typedef struct sshconn_exec_opts {
  int to_stdout;             /* collect stdout */
  int to_stderr;             /* collect stderr (interleaved with stdout) */
  int compat;                /* stdout first, then all of stderr appended */
  int pty;                   /* request a pseudo terminal first */
  long timeout_ms;           /* whole command, > 0 */
  size_t max_output;         /* bytes; more is an error */
} sshconn_exec_opts;

/* How sshconn_exec() ended. */
typedef enum sshconn_exec_status {
  SSHCONN_EXEC_OK = 0,
  SSHCONN_EXEC_LOST,       /* channel refused, connection lost: output unreadable */
  SSHCONN_EXEC_TIMEOUT,    /* no answer, or the command did not finish, in time */
  SSHCONN_EXEC_TOO_BIG     /* more output than max_output */
} sshconn_exec_status;

/* Runs 'cmd' on a new channel.  Returns SSHCONN_EXEC_OK and the output in
** 'out', or why not, with the reason in 'err'. */
NASL_INTERNAL sshconn_exec_status sshconn_exec (sshconn *c, const char *cmd,
                                                const sshconn_exec_opts *o, GString *out,
                                                GString *err);

/* The server's host key as "TYPE BASE64" (g_free), raw blob (g_free, *len),
** and the "SHA256:..." fingerprint (g_free).  NULL when unavailable. */
NASL_INTERNAL char *sshconn_hostkey_text (sshconn *c);
NASL_INTERNAL char *sshconn_hostkey_blob (sshconn *c, size_t *len);
NASL_INTERNAL char *sshconn_hostkey_sha256 (sshconn *c);

/* Interactive shell on the connection's one shell channel. */
NASL_INTERNAL int sshconn_shell_open (sshconn *c, int pty, GString *err);
/* timeout_ms > 0: read until nothing arrived for that long or EOF;
** 0: take what is there.  Returns -1 when the channel is closed or failed. */
NASL_INTERNAL int sshconn_shell_read (sshconn *c, long timeout_ms, size_t max_output,
                                      GString *out, GString *err);
NASL_INTERNAL int sshconn_shell_write (sshconn *c, const char *data, size_t len, GString *err);
NASL_INTERNAL void sshconn_shell_close (sshconn *c);

/* Overwrites a NUL-terminated secret and frees it (g_free). NULL is a no-op. */
NASL_INTERNAL void sshconn_burn (char *secret);

#endif /* NASL_SSH_CONN_H */

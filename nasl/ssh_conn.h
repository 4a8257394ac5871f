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

/* How to reach the server. */
typedef struct sshconn_opts {
  const char *host;          /* IP address or name; also the known-hosts key */
  unsigned int port;         /* 0 when 'fd' is used */
  int fd;                    /* connected stream socket to use, or -1 */
  const char *keytypes;      /* host key algorithms, or NULL */
  const char *csciphers;     /* client-to-server ciphers, or NULL */
  const char *scciphers;     /* server-to-client ciphers, or NULL */
  long timeout_s;            /* connect and per-round-trip timeout, > 0 */
  const char *known_hosts;   /* known-hosts file to check against, or NULL */
  int strict_host_key;       /* with known_hosts: refuse unknown hosts too */
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
} sshconn;

/* Host key check verdicts of sshconn_open(). */
typedef enum sshconn_status {
  SSHCONN_OK = 0,
  SSHCONN_ERR_SETUP,         /* bad option (cipher list, ...) */
  SSHCONN_ERR_CONNECT,       /* TCP or handshake failure, timeout */
  SSHCONN_ERR_HOSTKEY        /* known-hosts mismatch (or unknown when strict) */
} sshconn_status;

/* Connect and run the key exchange.  On failure returns NULL, sets *status
** and appends the reason to 'err'. */
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

/* Runs 'cmd' on a new channel.  Returns 0 and the output in 'out', or -1
** with the reason in 'err' (timeout, output too large, connection lost). */
NASL_INTERNAL int sshconn_exec (sshconn *c, const char *cmd, const sshconn_exec_opts *o,
                                GString *out, GString *err);

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

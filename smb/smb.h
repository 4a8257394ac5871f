/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb.h: public API of the SMB2/3 client: run a command on a Windows host over SMB, with deadlines and cleanup. */
#ifndef SMB_H
#define SMB_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "smb_error.h"

/*
** A command runs the way Windows administrators' tools do it over SMB: a
** temporary service (random name) whose binary path is
**   %COMSPEC% /Q /c <command> 1> %SystemRoot%\Temp\<random>.txt 2>&1
** is created through the service control manager (DCE/RPC over
** \pipe\svcctl), started, and the output file is read back over the ADMIN$
** share.  The file and the service are deleted on every path, failures
** included; when the connection dropped, cleanup is tried once more on a
** new connection.
**
** Requirements on the host: SMB2 or newer on TCP 445, an account of the
** Administrators group (for a local account, remote UAC must allow it:
** LocalAccountTokenFilterPolicy=1, or the built-in Administrator), the
** ADMIN$ share, and the service control manager reachable over SMB.
**
** Nothing here prints or logs.  Error texts name the host, the account and
** the step, never a password; password-equivalent material (the NT hash
** kept for a cleanup reconnect) is wiped when the session closes.
*/

typedef struct smb_exec_opts {
  const char *host;            /* IP address or name */
  unsigned int port;           /* 0: 445 */
  const char *user;            /* "user", "DOMAIN\\user", "DOMAIN/user", "user@dns.domain" */
  const char *domain;          /* used when 'user' names none; NULL or "" for none */
  const char *password;        /* read at open, never kept */
  long connect_timeout_ms;     /* TCP connect + NEGOTIATE; 0: 10 s */
  long request_timeout_ms;     /* each request; 0: 30 s */
  long command_timeout_ms;     /* one command, start to output; 0: 120 s */
  uint16_t min_dialect;        /* 0: 0x0202 (2.0.2) */
  uint16_t max_dialect;        /* 0: 0x0311 (3.1.1) */
  int require_signing;         /* ask the server to require signing */
  int require_encryption;      /* refuse a session that cannot be encrypted */
  size_t max_output;           /* bytes; 0: 64 MiB */
} smb_exec_opts;

typedef struct smb_session smb_session;

/* What a session negotiated and how much it cost. */
typedef struct smb_session_info {
  uint16_t dialect;            /* e.g. 0x0311 */
  int signing;                 /* messages signed */
  int encryption;              /* messages encrypted */
  int cipher;                  /* SMB_CIPHER_* of smb_crypto.h, 0: none */
  unsigned int round_trips;    /* all connections of the session so far */
  unsigned int last_round_trips; /* the last command, cleanup included */
  gint64 last_usec;            /* the last command's wall time */
  unsigned int commands;
  unsigned int reconnects;
} smb_session_info;

/* Connects, logs on, opens IPC$ and ADMIN$ and the service manager.  NULL
** with the reason in err (unreachable, SMB1 only, logon failure, locked
** account, access denied to ADMIN$ or to the service manager, signing or
** encryption refused, timeout ...). */
smb_session *smb_session_open (const smb_exec_opts *o, smb_error *err);
/* Runs one command; its output (stdout and stderr, as cmd.exe wrote them:
** the host's OEM code page) is appended to 'out'.  timeout_ms <= 0: the
** session's command timeout.  0 on success; -1 with err (the command timed
** out, its output is missing, service creation refused, connection lost, ...).
** A failed session reconnects at the next call. */
int smb_session_run (smb_session *s, const char *command, long timeout_ms, GByteArray *out,
                     smb_error *err);
/* Cleanup trouble of the last command that did not stop it from succeeding
** (e.g. "the service could not be deleted"), or NULL. */
const char *smb_session_warning (const smb_session *s);
void smb_session_get_info (const smb_session *s, smb_session_info *info);
/* 1 when the session was opened for this host, port, account and password
** (compared through the password's hash, in constant time). */
int smb_session_same_account (const smb_session *s, const char *host, unsigned int port,
                              const char *user, const char *domain, const char *password);
/* Closes the service manager, the pipe, the trees, logs off, frees. */
void smb_session_close (smb_session *s);

/* open + run + close. */
int smb_exec (const smb_exec_opts *o, const char *command, GByteArray *out, smb_error *err);

#endif /* SMB_H */

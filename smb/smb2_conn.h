/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb2_conn.h: one SMB2/3 connection: TCP with deadlines, framing, credits, signing, encryption, compounds, session and file operations. */
#ifndef SMB2_CONN_H
#define SMB2_CONN_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "smb2_msg.h"
#include "smb_error.h"

/*
** Layers, one file each:
**   smb2_transport.c  TCP connect, direct-TCP framing, deadlines, credits,
**                     message ids, signing and verification, SMB 3
**                     encryption, compounds (smb2_transact)
**   smb2_session.c    NEGOTIATE (pre-authentication integrity), SESSION_SETUP
**                     with NTLMSSP, key derivation, LOGOFF
**   smb2_ops.c        TREE_CONNECT, CREATE/READ/WRITE/CLOSE, IOCTL,
**                     whole-file helpers
**
** Every wait is bounded: connect by connect_timeout_ms, each request by
** request_timeout_ms, and everything by the connection's hard deadline when
** one is set (smb2_set_deadline).  After a timeout or an I/O error the
** connection is "broken": later calls fail at once.  Replies are untrusted:
** malformed ones give SMB_E_PROTOCOL, never a crash.
*/

typedef struct smb2_conn_opts {
  const char *host;            /* IP address or name */
  unsigned int port;           /* 0: 445 */
  long connect_timeout_ms;     /* <= 0: 10 s */
  long request_timeout_ms;     /* <= 0: 30 s */
  uint16_t min_dialect;        /* 0: 2.0.2 */
  uint16_t max_dialect;        /* 0: 3.1.1 */
  int require_signing;         /* ask the server to require signing */
  int require_encryption;      /* fail unless the session can be encrypted */
  uint32_t max_io;             /* bytes per READ/WRITE; 0: 1 MiB */
} smb2_conn_opts;

typedef struct smb2_stats {
  unsigned int round_trips;    /* request frames answered */
  unsigned int requests;       /* SMB2 requests (compound members count one each) */
  uint64_t bytes_out, bytes_in;
} smb2_stats;

typedef struct smb2_conn {
  int fd;
  char *host;
  unsigned int port;
  long request_timeout_ms;
  gint64 hard_deadline;        /* monotonic us, 0: none */
  int broken;
  int require_signing, require_encryption;
  uint32_t max_io;
  uint16_t min_dialect, max_dialect;

  /* negotiated */
  uint16_t dialect;
  uint16_t client_security_mode, server_security_mode;
  uint32_t client_caps, server_caps;
  uint8_t client_guid[16], server_guid[16];
  uint32_t max_read, max_write, max_transact;
  int cipher;                  /* SMB_CIPHER_*, 0: none */
  uint8_t preauth[64];         /* connection pre-authentication hash (3.1.1) */

  /* session */
  uint64_t session_id;
  uint8_t session_key[16];
  uint8_t signing_key[16];
  uint8_t enc_key[32], dec_key[32];
  int signing;                 /* sign requests, verify responses */
  int encrypt;                 /* encrypt requests, accept only encrypted responses */
  int validated;               /* FSCTL_VALIDATE_NEGOTIATE_INFO done (3.0, 3.0.2) */
  char *user_label;            /* "DOMAIN\user" for messages (no secret) */

  /* flow */
  uint64_t next_mid;
  uint32_t credits;
  uint64_t nonce_counter;
  uint8_t nonce_salt[4];
  smb2_stats stats;
} smb2_conn;

/* One request of a compound and, after smb2_transact, its response. */
typedef struct smb2_call {
  uint16_t command;
  const GByteArray *body;      /* the request body (after the header) */
  uint32_t tree_id;
  int related;                 /* uses the previous request's session, tree and file */
  uint32_t payload;            /* READ/WRITE bytes for the credit charge, else 0 */
  int keep_request;            /* keep the exact request bytes in 'request' */
  int no_verify;               /* do not check the response signature here */
  /* filled in: */
  GByteArray *request;
  smb2_hdr hdr;
  uint8_t *resp;               /* the whole response message (g_free) */
  size_t resp_len;
  int done;
} smb2_call;

/* --- smb2_transport.c ------------------------------------------------------- */

/* Connects over TCP and negotiates (smb2_negotiate).  NULL with err set. */
smb2_conn *smb2_connect (const smb2_conn_opts *o, smb_error *err);
/* The same over a connected stream socket, which the connection then owns
** (closed on failure too); o->host only names the peer in messages. */
smb2_conn *smb2_adopt (int fd, const smb2_conn_opts *o, smb_error *err);
/* Closes the socket, wipes the keys, frees.  NULL is a no-op. */
void smb2_conn_free (smb2_conn *c);
/* A deadline for everything that follows (monotonic us; 0 removes it). */
void smb2_set_deadline (smb2_conn *c, gint64 deadline_us);
/* Sends the calls as one compound and waits for every response.  0 when all
** final responses arrived (their status may be an error); -1 on a transport,
** protocol, signing or encryption failure (the connection is then broken).
** 'deadline' (monotonic us) overrides the per-request timeout when > 0. */
int smb2_transact (smb2_conn *c, smb2_call *calls, size_t n, gint64 deadline, smb_error *err);
/* Frees the response and kept request of a call (the body stays the caller's). */
void smb2_call_clear (smb2_call *call);
/* The request signature of a message in place (dialect and keys of c). */
void smb2_sign_message (const smb2_conn *c, uint8_t *msg, size_t len);
/* 1 when the signature of a received message is right. */
int smb2_verify_message (const smb2_conn *c, const uint8_t *msg, size_t len);
/* Records the error of a failed response: NTSTATUS name, kind and context. */
void smb2_status_error (smb_error *err, uint32_t status, const char *what);
/* Sends an SMB1 NEGOTIATE on a new connection: 1 when the server answers
** in SMB1 (it speaks SMB1 only), 0 otherwise. */
int smb2_probe_smb1 (const char *host, unsigned int port, gint64 deadline);

/* --- smb2_session.c ----------------------------------------------------------- */

/* NEGOTIATE on a fresh connection. */
int smb2_negotiate (smb2_conn *c, smb_error *err);
/* SESSION_SETUP with NTLMSSP/NTLMv2.  'user' may carry the domain
** ("DOMAIN\user", "DOMAIN/user") or be a UPN ("user@domain"); 'domain' is used
** when it does not.  The password is only read. */
int smb2_session_setup (smb2_conn *c, const char *user, const char *domain,
                        const char *password, smb_error *err);
/* The same with the password's NT hash (NTOWFv1) instead of the password. */
int smb2_session_setup_owf (smb2_conn *c, const char *user, const char *domain,
                            const uint8_t nt_owf[16], smb_error *err);
/* LOGOFF; errors are ignored (the connection may be gone). */
void smb2_logoff (smb2_conn *c);

/* --- smb2_ops.c ---------------------------------------------------------------- */

typedef struct smb2_file {
  smb2_fid fid;
  uint64_t end_of_file;
} smb2_file;

/* TREE_CONNECT to \\host\share; also validates the negotiation (3.0, 3.0.2)
** on the first tree. */
int smb2_tree_connect (smb2_conn *c, const char *share, uint32_t *tree_id, smb_error *err);
/* Several shares, one after the other; all or none stay connected. */
int smb2_tree_connect_many (smb2_conn *c, const char *const *shares, uint32_t *tree_ids,
                            size_t n, smb_error *err);
void smb2_tree_disconnect (smb2_conn *c, uint32_t tree_id);
int smb2_create (smb2_conn *c, uint32_t tree_id, const char *path, const smb2_create_req *r,
                 smb2_file *out, smb_error *err);
int smb2_close (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, smb_error *err);
/* One READ of up to 'len' bytes at 'offset' appended to 'out'; *eof set at
** the end of the file. */
int smb2_read (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint64_t offset,
               uint32_t len, GByteArray *out, int *eof, smb_error *err);
int smb2_write (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint64_t offset,
                const uint8_t *data, size_t len, smb_error *err);
/* FSCTL on a file; output appended to 'out'.  *more is set when the server
** said STATUS_BUFFER_OVERFLOW (a pipe has more to read). */
int smb2_ioctl (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint32_t ctl,
                const uint8_t *in, size_t inlen, uint32_t max_out, GByteArray *out, int *more,
                smb_error *err);

/* The largest READ or WRITE payload for this connection. */
uint32_t smb2_io_size (const smb2_conn *c, int write);
/* Reads a whole file (CREATE+READ+CLOSE in one compound when it fits in one
** READ), at most 'max' bytes (0: no limit), into 'out'. */
int smb2_get_file (smb2_conn *c, uint32_t tree_id, const char *path, size_t max,
                   GByteArray *out, smb_error *err);
/* Creates or overwrites a file with 'data'. */
int smb2_put_file (smb2_conn *c, uint32_t tree_id, const char *path, const uint8_t *data,
                   size_t len, smb_error *err);
/* Deletes a file (CREATE with delete-on-close + CLOSE, one round trip). */
int smb2_delete_file (smb2_conn *c, uint32_t tree_id, const char *path, smb_error *err);
/* The two calls of a delete, for callers that compound them with others:
** fills calls[0..1] with bodies in b0/b1 (caller frees). */
void smb2_delete_calls (smb2_call *calls, uint32_t tree_id, GByteArray *b0, GByteArray *b1,
                        const uint8_t *name16, size_t name16_len);

/* UTF-16LE of a share path "\\host\share", or a file path with '/' turned
** into '\' and no leading separator (g_free); NULL for invalid UTF-8. */
uint8_t *smb2_path16 (const char *path, size_t *len);

#endif /* SMB2_CONN_H */

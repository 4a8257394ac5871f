/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb2_msg.h: SMB2/3 message layouts (MS-SMB2 2.2): header, request builders and bounds-checked response parsers. */
#ifndef SMB2_MSG_H
#define SMB2_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

/* Commands. */
#define SMB2_NEGOTIATE       0x0000
#define SMB2_SESSION_SETUP   0x0001
#define SMB2_LOGOFF          0x0002
#define SMB2_TREE_CONNECT    0x0003
#define SMB2_TREE_DISCONNECT 0x0004
#define SMB2_CREATE          0x0005
#define SMB2_CLOSE           0x0006
#define SMB2_READ            0x0008
#define SMB2_WRITE           0x0009
#define SMB2_IOCTL           0x000B
#define SMB2_ECHO            0x000D
#define SMB2_SET_INFO        0x0011
#define SMB2_OPLOCK_BREAK    0x0012

/* Header flags. */
#define SMB2_FLAGS_SERVER_TO_REDIR    0x00000001u
#define SMB2_FLAGS_ASYNC_COMMAND      0x00000002u
#define SMB2_FLAGS_RELATED_OPERATIONS 0x00000004u
#define SMB2_FLAGS_SIGNED             0x00000008u

/* Dialects. */
#define SMB2_DIALECT_202 0x0202
#define SMB2_DIALECT_210 0x0210
#define SMB2_DIALECT_300 0x0300
#define SMB2_DIALECT_302 0x0302
#define SMB2_DIALECT_311 0x0311
#define SMB2_DIALECT_WILDCARD 0x02FF

/* Security mode, capabilities, session and share flags. */
#define SMB2_SIGNING_ENABLED  0x0001
#define SMB2_SIGNING_REQUIRED 0x0002
#define SMB2_CAP_DFS           0x00000001u
#define SMB2_CAP_LARGE_MTU     0x00000004u
#define SMB2_CAP_ENCRYPTION    0x00000040u
#define SMB2_SESSION_FLAG_IS_GUEST     0x0001
#define SMB2_SESSION_FLAG_IS_NULL      0x0002
#define SMB2_SESSION_FLAG_ENCRYPT_DATA 0x0004
#define SMB2_SHARE_TYPE_DISK 0x01
#define SMB2_SHARE_TYPE_PIPE 0x02
#define SMB2_SHAREFLAG_ENCRYPT_DATA 0x00008000u

/* Negotiate contexts. */
#define SMB2_PREAUTH_INTEGRITY_CAPABILITIES 0x0001
#define SMB2_ENCRYPTION_CAPABILITIES        0x0002
#define SMB2_SIGNING_CAPABILITIES           0x0008
#define SMB2_PREAUTH_SHA512 0x0001

/* Access masks, share access, dispositions and options used here. */
#define SMB2_FILE_READ_DATA        0x00000001u
#define SMB2_FILE_WRITE_DATA       0x00000002u
#define SMB2_FILE_APPEND_DATA      0x00000004u
#define SMB2_FILE_READ_EA          0x00000008u
#define SMB2_FILE_WRITE_EA         0x00000010u
#define SMB2_FILE_READ_ATTRIBUTES  0x00000080u
#define SMB2_FILE_WRITE_ATTRIBUTES 0x00000100u
#define SMB2_DELETE                0x00010000u
#define SMB2_READ_CONTROL          0x00020000u
#define SMB2_SYNCHRONIZE           0x00100000u
#define SMB2_FILE_SHARE_READ   0x1u
#define SMB2_FILE_SHARE_WRITE  0x2u
#define SMB2_FILE_SHARE_DELETE 0x4u
#define SMB2_FILE_OPEN         1u
#define SMB2_FILE_CREATE       2u
#define SMB2_FILE_OVERWRITE_IF 5u
#define SMB2_FILE_NON_DIRECTORY_FILE 0x00000040u
#define SMB2_FILE_DELETE_ON_CLOSE    0x00001000u
#define SMB2_FILE_ATTRIBUTE_NORMAL   0x00000080u
#define SMB2_IMPERSONATION 2u

/* IOCTL codes. */
#define SMB2_FSCTL_PIPE_TRANSCEIVE          0x0011C017u
#define SMB2_FSCTL_VALIDATE_NEGOTIATE_INFO  0x00140204u
#define SMB2_IOCTL_IS_FSCTL 0x00000001u

#define SMB2_HDR_SIZE 64
#define SMB2_TRANSFORM_SIZE 52

typedef struct smb2_hdr {
  uint16_t credit_charge;
  uint32_t status;
  uint16_t command;
  uint16_t credits;          /* CreditRequest / CreditResponse */
  uint32_t flags;
  uint32_t next_command;
  uint64_t message_id;
  uint64_t async_id;         /* when SMB2_FLAGS_ASYNC_COMMAND */
  uint32_t tree_id;
  uint64_t session_id;
  uint8_t signature[16];
} smb2_hdr;

typedef struct smb2_fid {
  uint8_t b[16];
} smb2_fid;

/* Parses the 64-byte header at msg; -1 when short or not an SMB2 header. */
int smb2_hdr_parse (const uint8_t *msg, size_t len, smb2_hdr *h);
/* Appends a 64-byte header. */
void smb2_hdr_write (GByteArray *w, const smb2_hdr *h);

/* --- request bodies (appended after a header; offsets count from it) ----- */

typedef struct smb2_negotiate_req {
  const uint16_t *dialects;
  size_t ndialects;
  uint16_t security_mode;
  uint32_t capabilities;
  uint8_t client_guid[16];
  uint8_t salt[32];              /* 3.1.1 pre-authentication salt */
  const uint16_t *ciphers;       /* 3.1.1 encryption context; NULL: none */
  size_t nciphers;
} smb2_negotiate_req;

void smb2_negotiate_req_body (GByteArray *w, const smb2_negotiate_req *r);
void smb2_session_setup_req_body (GByteArray *w, uint8_t security_mode, const uint8_t *token,
                                  size_t len);
void smb2_simple_req_body (GByteArray *w);  /* LOGOFF, TREE_DISCONNECT, ECHO */
/* 'path' is UTF-16LE ("\\server\share"). */
void smb2_tree_connect_req_body (GByteArray *w, const uint8_t *path, size_t len);
typedef struct smb2_create_req {
  uint32_t desired_access;
  uint32_t file_attributes;
  uint32_t share_access;
  uint32_t disposition;
  uint32_t options;
  const uint8_t *name;           /* UTF-16LE, no leading backslash */
  size_t name_len;
} smb2_create_req;
void smb2_create_req_body (GByteArray *w, const smb2_create_req *r);
void smb2_close_req_body (GByteArray *w, const smb2_fid *f);
void smb2_read_req_body (GByteArray *w, const smb2_fid *f, uint32_t length, uint64_t offset);
void smb2_write_req_body (GByteArray *w, const smb2_fid *f, uint64_t offset, const uint8_t *data,
                          size_t len);
void smb2_ioctl_req_body (GByteArray *w, uint32_t ctl_code, const smb2_fid *f,
                          const uint8_t *in, size_t inlen, uint32_t max_out);

/* --- response bodies (msg: the header's first byte, len: this message) --- */

typedef struct smb2_negotiate_resp {
  uint16_t security_mode;
  uint16_t dialect;
  uint32_t capabilities;
  uint8_t server_guid[16];
  uint32_t max_transact, max_read, max_write;
  const uint8_t *security;      /* the server's GSS hint, maybe NULL */
  size_t security_len;
  /* 3.1.1 contexts */
  int preauth_hash;             /* 0 when absent */
  int cipher;                   /* 0 when absent or none */
  int signing_algo;             /* -1 when absent */
} smb2_negotiate_resp;

typedef struct smb2_session_setup_resp {
  uint16_t session_flags;
  const uint8_t *security;
  size_t security_len;
} smb2_session_setup_resp;

typedef struct smb2_tree_connect_resp {
  uint8_t share_type;
  uint32_t share_flags;
  uint32_t capabilities;
  uint32_t maximal_access;
} smb2_tree_connect_resp;

typedef struct smb2_create_resp {
  uint32_t create_action;
  uint64_t end_of_file;
  uint32_t file_attributes;
  smb2_fid fid;
} smb2_create_resp;

typedef struct smb2_data_resp {  /* READ and IOCTL output */
  const uint8_t *data;
  size_t len;
  uint32_t remaining;            /* READ: DataRemaining */
} smb2_data_resp;

/* Each returns 0, or -1 with the reason in 'why'. */
int smb2_negotiate_resp_parse (const uint8_t *msg, size_t len, smb2_negotiate_resp *r,
                               char *why, size_t whylen);
int smb2_session_setup_resp_parse (const uint8_t *msg, size_t len, smb2_session_setup_resp *r,
                                   char *why, size_t whylen);
int smb2_tree_connect_resp_parse (const uint8_t *msg, size_t len, smb2_tree_connect_resp *r,
                                  char *why, size_t whylen);
int smb2_create_resp_parse (const uint8_t *msg, size_t len, smb2_create_resp *r, char *why,
                            size_t whylen);
int smb2_read_resp_parse (const uint8_t *msg, size_t len, smb2_data_resp *r, char *why,
                          size_t whylen);
int smb2_write_resp_parse (const uint8_t *msg, size_t len, uint32_t *count, char *why,
                           size_t whylen);
int smb2_ioctl_resp_parse (const uint8_t *msg, size_t len, smb2_data_resp *r, char *why,
                           size_t whylen);

/* The fixed request/response StructureSize of a command, 0 when unknown. */
uint16_t smb2_resp_structure_size (uint16_t command);
const char *smb2_command_name (uint16_t command);
const char *smb2_dialect_name (uint16_t dialect);

/* --- SMB 3 transform header ------------------------------------------------ */

typedef struct smb2_transform {
  uint8_t signature[16];
  uint8_t nonce[16];
  uint32_t original_size;
  uint16_t flags;
  uint64_t session_id;
} smb2_transform;

int smb2_transform_parse (const uint8_t *p, size_t len, smb2_transform *t);
void smb2_transform_write (GByteArray *w, const smb2_transform *t);

/* Walks a chain of responses in one frame: the length of the message at
** 'off' (up to NextCommand, or the rest), 0 when the chain is malformed. */
size_t smb2_chain_next (const uint8_t *frame, size_t len, size_t off, size_t *next_off);

#endif /* SMB2_MSG_H */

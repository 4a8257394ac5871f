/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_error.h: error kinds of the SMB client, NTSTATUS and Win32 code names, the error record every call fills. */
#ifndef SMB_ERROR_H
#define SMB_ERROR_H

#include <stddef.h>
#include <stdint.h>

/* What went wrong, coarse enough for a caller to act on.  ORDER SMB_E */
typedef enum smb_errcode {
  SMB_OK = 0,
  SMB_E_ARG,          /* a bad argument from the caller */
  SMB_E_UNREACHABLE,  /* name resolution or TCP connect failed */
  SMB_E_TIMEOUT,      /* a connect or request deadline passed */
  SMB_E_CONN_LOST,    /* the server closed or reset the connection */
  SMB_E_PROTOCOL,     /* a malformed or unexpected reply */
  SMB_E_SMB1_ONLY,    /* the server speaks only SMB1 */
  SMB_E_DIALECT,      /* no SMB2/3 dialect in common */
  SMB_E_LOGON,        /* wrong user name or password, or a guest session */
  SMB_E_ACCOUNT,      /* account locked, disabled, expired or restricted */
  SMB_E_ACCESS,       /* access denied (share, file, service manager) */
  SMB_E_NO_SHARE,     /* the share does not exist */
  SMB_E_SIGNING,      /* signing required but impossible, or a bad signature */
  SMB_E_ENCRYPTION,   /* encryption required but impossible, or undecryptable */
  SMB_E_NOT_FOUND,    /* file not found */
  SMB_E_STATUS,       /* another NTSTATUS */
  SMB_E_RPC,          /* DCE/RPC fault or a service manager error */
  SMB_E_CMD_TIMEOUT,  /* the remote command did not finish in time */
  SMB_E_NO_OUTPUT,    /* the command ended without leaving its output */
  SMB_E_TOO_LARGE     /* more data than the configured limit */
} smb_errcode;

/* Filled by every call that can fail.  The text never holds a secret. */
typedef struct smb_error {
  smb_errcode code;
  uint32_t status;      /* NTSTATUS or Win32 error behind it, 0 when none */
  char text[512];
} smb_error;

/* Records an error unless one is already recorded (the first cause wins);
** 'e' may be NULL. */
void smb_error_set (smb_error *e, smb_errcode code, uint32_t status, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
/* Appends "; <text>" to an already recorded error (cleanup notes). */
void smb_error_note (smb_error *e, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
void smb_error_clear (smb_error *e);

/* "logon failure", "timeout", ... for SMB_E_*. */
const char *smb_errcode_name (smb_errcode code);
/* "STATUS_LOGON_FAILURE" for known NTSTATUS values, NULL otherwise. */
const char *smb_ntstatus_name (uint32_t status);
/* "ERROR_ACCESS_DENIED" for known Win32 / RPC codes, NULL otherwise. */
const char *smb_win32_name (uint32_t code);
/* The SMB_E_* kind an NTSTATUS failure belongs to. */
smb_errcode smb_errcode_of_status (uint32_t status);
/* Writes "STATUS_X" or "0xC00000XX" into buf (at least 24 bytes); returns buf. */
const char *smb_status_text (uint32_t status, char *buf, size_t size);
const char *smb_win32_text (uint32_t code, char *buf, size_t size);

/* NTSTATUS values the client acts on. */
#define SMB_STATUS_SUCCESS                  0x00000000u
#define SMB_STATUS_PENDING                  0x00000103u
#define SMB_STATUS_BUFFER_OVERFLOW          0x80000005u
#define SMB_STATUS_NOT_IMPLEMENTED          0xC0000002u
#define SMB_STATUS_INVALID_HANDLE           0xC0000008u
#define SMB_STATUS_INVALID_PARAMETER        0xC000000Du
#define SMB_STATUS_NO_SUCH_FILE             0xC000000Fu
#define SMB_STATUS_INVALID_DEVICE_REQUEST   0xC0000010u
#define SMB_STATUS_END_OF_FILE              0xC0000011u
#define SMB_STATUS_MORE_PROCESSING_REQUIRED 0xC0000016u
#define SMB_STATUS_ACCESS_DENIED            0xC0000022u
#define SMB_STATUS_OBJECT_NAME_NOT_FOUND    0xC0000034u
#define SMB_STATUS_OBJECT_NAME_COLLISION    0xC0000035u
#define SMB_STATUS_OBJECT_PATH_NOT_FOUND    0xC000003Au
#define SMB_STATUS_SHARING_VIOLATION        0xC0000043u
#define SMB_STATUS_DELETE_PENDING           0xC0000056u
#define SMB_STATUS_WRONG_PASSWORD           0xC000006Au
#define SMB_STATUS_LOGON_FAILURE            0xC000006Du
#define SMB_STATUS_ACCOUNT_RESTRICTION      0xC000006Eu
#define SMB_STATUS_PASSWORD_EXPIRED         0xC0000071u
#define SMB_STATUS_ACCOUNT_DISABLED         0xC0000072u
#define SMB_STATUS_PIPE_BUSY                0xC00000AEu
#define SMB_STATUS_NOT_SUPPORTED            0xC00000BBu
#define SMB_STATUS_NETWORK_ACCESS_DENIED    0xC00000CAu
#define SMB_STATUS_BAD_NETWORK_NAME         0xC00000CCu
#define SMB_STATUS_ACCOUNT_EXPIRED          0xC0000193u
#define SMB_STATUS_USER_SESSION_DELETED     0xC0000203u
#define SMB_STATUS_PASSWORD_MUST_CHANGE     0xC0000224u
#define SMB_STATUS_ACCOUNT_LOCKED_OUT       0xC0000234u

#endif /* SMB_ERROR_H */

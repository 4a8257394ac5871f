/* SPDX-License-Identifier: GPL-2.0-or-later */
/* svcctl.h: the service control manager over \pipe\svcctl (MS-SCMR): NDR stubs of the calls we need and the pipe transport. */
#ifndef SMB_SVCCTL_H
#define SMB_SVCCTL_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "smb2_conn.h"
#include "smb_error.h"

/* Opnums (MS-SCMR 3.1.4). */
#define SVCCTL_CLOSE_SERVICE_HANDLE 0
#define SVCCTL_CONTROL_SERVICE      1
#define SVCCTL_DELETE_SERVICE       2
#define SVCCTL_QUERY_SERVICE_STATUS 6
#define SVCCTL_CREATE_SERVICE_W     12
#define SVCCTL_OPEN_SC_MANAGER_W    15
#define SVCCTL_OPEN_SERVICE_W       16
#define SVCCTL_START_SERVICE_W      19

/* Access rights, service types and states used here. */
#define SVCCTL_SC_MANAGER_CONNECT        0x0001u
#define SVCCTL_SC_MANAGER_CREATE_SERVICE 0x0002u
#define SVCCTL_SERVICE_QUERY_STATUS      0x0004u
#define SVCCTL_SERVICE_START             0x0010u
#define SVCCTL_SERVICE_STOP              0x0020u
#define SVCCTL_DELETE                    0x00010000u
#define SVCCTL_SERVICE_WIN32_OWN_PROCESS 0x00000010u
#define SVCCTL_SERVICE_DEMAND_START      0x00000003u
#define SVCCTL_SERVICE_ERROR_IGNORE      0x00000000u
#define SVCCTL_SERVICE_STOPPED       1
#define SVCCTL_SERVICE_START_PENDING 2
#define SVCCTL_SERVICE_STOP_PENDING  3
#define SVCCTL_SERVICE_RUNNING       4

/* Win32 results the caller looks at. */
#define SVCCTL_ERROR_ACCESS_DENIED           5u
#define SVCCTL_ERROR_SERVICE_REQUEST_TIMEOUT 1053u
#define SVCCTL_ERROR_SERVICE_DOES_NOT_EXIST  1060u
#define SVCCTL_ERROR_SERVICE_MARKED_FOR_DELETE 1072u

/* MS-SCMR string limits (characters with the NUL). */
#define SVCCTL_MAX_NAME 257
#define SVCCTL_MAX_PATH 8193

typedef struct svcctl_handle {
  uint8_t b[20];
} svcctl_handle;

typedef struct svcctl_status {
  uint32_t service_type;
  uint32_t current_state;
  uint32_t controls_accepted;
  uint32_t win32_exit_code;
  uint32_t service_exit_code;
  uint32_t check_point;
  uint32_t wait_hint;
} svcctl_status;

/* --- stubs (pure) ---------------------------------------------------------------- */

/* Request stubs; NULL when a string is not UTF-8 or too long. */
GByteArray *svcctl_enc_open_scm (uint32_t access);
GByteArray *svcctl_enc_create_service (const svcctl_handle *scm, const char *name,
                                       const char *display, uint32_t access,
                                       const char *binary_path);
GByteArray *svcctl_enc_open_service (const svcctl_handle *scm, const char *name, uint32_t access);
/* StartServiceW with no arguments. */
GByteArray *svcctl_enc_start (const svcctl_handle *h);
/* QueryServiceStatus, DeleteService, CloseServiceHandle: just the handle. */
GByteArray *svcctl_enc_handle (const svcctl_handle *h);

/* Response stubs: 0 with *win32 the call's result, -1 when malformed. */
int svcctl_dec_handle (const uint8_t *stub, size_t len, svcctl_handle *h, uint32_t *win32);
int svcctl_dec_create (const uint8_t *stub, size_t len, svcctl_handle *h, uint32_t *win32);
int svcctl_dec_result (const uint8_t *stub, size_t len, uint32_t *win32);
int svcctl_dec_query (const uint8_t *stub, size_t len, svcctl_status *st, uint32_t *win32);

/* --- the pipe -------------------------------------------------------------------- */

typedef struct svcctl {
  smb2_conn *c;
  uint32_t tree_id;             /* IPC$ */
  smb2_fid pipe;
  int open;
  uint32_t call_id;
  uint16_t max_xmit, max_recv;
} svcctl;

/* Opens \pipe\svcctl on the IPC$ tree and binds (one round trip). */
int svcctl_open (svcctl *s, smb2_conn *c, uint32_t ipc_tree, smb_error *err);
/* One call: request stub in, response stub out.  0, or -1 with err (a
** DCE/RPC fault is SMB_E_RPC).  'deadline' as for smb2_transact. */
int svcctl_call (svcctl *s, uint16_t opnum, const GByteArray *stub, GByteArray *out,
                 gint64 deadline, smb_error *err);
/* The SMB2 request(s) of a one-fragment call, for compounding with other
** requests: fills 'call' (body in 'body', caller frees); the response is then
** read with svcctl_call_result. */
int svcctl_call_prepare (svcctl *s, uint16_t opnum, const GByteArray *stub, smb2_call *call,
                         GByteArray *body);
int svcctl_call_result (svcctl *s, const smb2_call *call, GByteArray *out, smb_error *err);
/* Closes the pipe (best effort). */
void svcctl_close (svcctl *s);

/* Convenience wrappers: 0, or -1 with err naming the operation. */
int svcctl_open_scm (svcctl *s, uint32_t access, svcctl_handle *scm, smb_error *err);
int svcctl_create_service (svcctl *s, const svcctl_handle *scm, const char *name,
                           const char *display, const char *binary_path, svcctl_handle *h,
                           smb_error *err);
int svcctl_open_service (svcctl *s, const svcctl_handle *scm, const char *name, uint32_t access,
                         svcctl_handle *h, smb_error *err);
/* *win32 gets StartServiceW's result (ERROR_SERVICE_REQUEST_TIMEOUT is normal
** for a command that is not a service). */
int svcctl_start (svcctl *s, const svcctl_handle *h, gint64 deadline, uint32_t *win32,
                  smb_error *err);
int svcctl_query (svcctl *s, const svcctl_handle *h, svcctl_status *st, smb_error *err);
int svcctl_delete (svcctl *s, const svcctl_handle *h, smb_error *err);
int svcctl_close_handle (svcctl *s, svcctl_handle *h, smb_error *err);

#endif /* SMB_SVCCTL_H */

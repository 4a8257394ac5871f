/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_error.c: error kinds of the SMB client, NTSTATUS and Win32 code names, the error record every call fills. */
#include "smb_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define G_N_ELEMENTS_SMB(a) (sizeof (a) / sizeof (a)[0])

typedef struct smb_code_name {
  uint32_t code;
  const char *name;
} smb_code_name;

static const smb_code_name smb_ntstatus_names[] = {
  { 0x00000000u, "STATUS_SUCCESS" },
  { 0x00000103u, "STATUS_PENDING" },
  { 0x80000005u, "STATUS_BUFFER_OVERFLOW" },
  { 0x80000006u, "STATUS_NO_MORE_FILES" },
  { 0xC0000001u, "STATUS_UNSUCCESSFUL" },
  { 0xC0000002u, "STATUS_NOT_IMPLEMENTED" },
  { 0xC0000003u, "STATUS_INVALID_INFO_CLASS" },
  { 0xC0000004u, "STATUS_INFO_LENGTH_MISMATCH" },
  { 0xC0000008u, "STATUS_INVALID_HANDLE" },
  { 0xC000000Du, "STATUS_INVALID_PARAMETER" },
  { 0xC000000Fu, "STATUS_NO_SUCH_FILE" },
  { 0xC0000010u, "STATUS_INVALID_DEVICE_REQUEST" },
  { 0xC0000011u, "STATUS_END_OF_FILE" },
  { 0xC0000016u, "STATUS_MORE_PROCESSING_REQUIRED" },
  { 0xC0000022u, "STATUS_ACCESS_DENIED" },
  { 0xC0000023u, "STATUS_BUFFER_TOO_SMALL" },
  { 0xC0000033u, "STATUS_OBJECT_NAME_INVALID" },
  { 0xC0000034u, "STATUS_OBJECT_NAME_NOT_FOUND" },
  { 0xC0000035u, "STATUS_OBJECT_NAME_COLLISION" },
  { 0xC000003Au, "STATUS_OBJECT_PATH_NOT_FOUND" },
  { 0xC000003Bu, "STATUS_OBJECT_PATH_SYNTAX_BAD" },
  { 0xC0000043u, "STATUS_SHARING_VIOLATION" },
  { 0xC0000056u, "STATUS_DELETE_PENDING" },
  { 0xC0000061u, "STATUS_PRIVILEGE_NOT_HELD" },
  { 0xC0000064u, "STATUS_NO_SUCH_USER" },
  { 0xC000006Au, "STATUS_WRONG_PASSWORD" },
  { 0xC000006Du, "STATUS_LOGON_FAILURE" },
  { 0xC000006Eu, "STATUS_ACCOUNT_RESTRICTION" },
  { 0xC000006Fu, "STATUS_INVALID_LOGON_HOURS" },
  { 0xC0000070u, "STATUS_INVALID_WORKSTATION" },
  { 0xC0000071u, "STATUS_PASSWORD_EXPIRED" },
  { 0xC0000072u, "STATUS_ACCOUNT_DISABLED" },
  { 0xC000007Fu, "STATUS_DISK_FULL" },
  { 0xC000009Au, "STATUS_INSUFFICIENT_RESOURCES" },
  { 0xC00000A5u, "STATUS_BAD_IMPERSONATION_LEVEL" },
  { 0xC00000ACu, "STATUS_PIPE_NOT_AVAILABLE" },
  { 0xC00000ADu, "STATUS_INVALID_PIPE_STATE" },
  { 0xC00000AEu, "STATUS_PIPE_BUSY" },
  { 0xC00000B0u, "STATUS_PIPE_DISCONNECTED" },
  { 0xC00000B1u, "STATUS_PIPE_CLOSING" },
  { 0xC00000B5u, "STATUS_IO_TIMEOUT" },
  { 0xC00000BAu, "STATUS_FILE_IS_A_DIRECTORY" },
  { 0xC00000BBu, "STATUS_NOT_SUPPORTED" },
  { 0xC00000C3u, "STATUS_INVALID_NETWORK_RESPONSE" },
  { 0xC00000C9u, "STATUS_NETWORK_NAME_DELETED" },
  { 0xC00000CAu, "STATUS_NETWORK_ACCESS_DENIED" },
  { 0xC00000CCu, "STATUS_BAD_NETWORK_NAME" },
  { 0xC00000D0u, "STATUS_REQUEST_NOT_ACCEPTED" },
  { 0xC0000103u, "STATUS_NOT_A_DIRECTORY" },
  { 0xC0000120u, "STATUS_CANCELLED" },
  { 0xC0000128u, "STATUS_FILE_CLOSED" },
  { 0xC000015Bu, "STATUS_LOGON_TYPE_NOT_GRANTED" },
  { 0xC0000184u, "STATUS_INVALID_DEVICE_STATE" },
  { 0xC0000193u, "STATUS_ACCOUNT_EXPIRED" },
  { 0xC0000203u, "STATUS_USER_SESSION_DELETED" },
  { 0xC0000224u, "STATUS_PASSWORD_MUST_CHANGE" },
  { 0xC0000225u, "STATUS_NOT_FOUND" },
  { 0xC0000234u, "STATUS_ACCOUNT_LOCKED_OUT" },
  { 0xC000035Cu, "STATUS_NETWORK_SESSION_EXPIRED" },
  { 0xC000A000u, "STATUS_INVALID_SIGNATURE" },
};

static const smb_code_name smb_win32_names[] = {
  { 0u, "ERROR_SUCCESS" },
  { 2u, "ERROR_FILE_NOT_FOUND" },
  { 5u, "ERROR_ACCESS_DENIED" },
  { 6u, "ERROR_INVALID_HANDLE" },
  { 50u, "ERROR_NOT_SUPPORTED" },
  { 87u, "ERROR_INVALID_PARAMETER" },
  { 123u, "ERROR_INVALID_NAME" },
  { 1053u, "ERROR_SERVICE_REQUEST_TIMEOUT" },
  { 1056u, "ERROR_SERVICE_ALREADY_RUNNING" },
  { 1057u, "ERROR_INVALID_SERVICE_ACCOUNT" },
  { 1058u, "ERROR_SERVICE_DISABLED" },
  { 1060u, "ERROR_SERVICE_DOES_NOT_EXIST" },
  { 1062u, "ERROR_SERVICE_NOT_ACTIVE" },
  { 1069u, "ERROR_SERVICE_LOGON_FAILED" },
  { 1072u, "ERROR_SERVICE_MARKED_FOR_DELETE" },
  { 1073u, "ERROR_SERVICE_EXISTS" },
  { 1078u, "ERROR_DUPLICATE_SERVICE_NAME" },
  { 1115u, "ERROR_SHUTDOWN_IN_PROGRESS" },
  { 1639u, "ERROR_INVALID_COMMAND_LINE" },
  { 1717u, "RPC_S_UNKNOWN_IF" },
  { 1722u, "RPC_S_SERVER_UNAVAILABLE" },
  { 1764u, "RPC_S_CANNOT_SUPPORT" },
  { 1783u, "RPC_X_BAD_STUB_DATA" },
  { 0x1C010002u, "nca_s_op_rng_error" },
  { 0x1C010003u, "nca_s_unk_if" },
  { 0x1C00001Au, "nca_s_fault_remote_no_memory" },
};

static const char *
smb_lookup (const smb_code_name *t, size_t n, uint32_t code)
{
  size_t i;

  for (i = 0; i < n; i++)
    if (t[i].code == code)
      return t[i].name;
  return NULL;
}

const char *
smb_ntstatus_name (uint32_t status)
{
  return smb_lookup (smb_ntstatus_names, G_N_ELEMENTS_SMB (smb_ntstatus_names), status);
}

const char *
smb_win32_name (uint32_t code)
{
  return smb_lookup (smb_win32_names, G_N_ELEMENTS_SMB (smb_win32_names), code);
}

const char *
smb_status_text (uint32_t status, char *buf, size_t size)
{
  const char *n = smb_ntstatus_name (status);

  if (n)
    snprintf (buf, size, "%s", n);
  else
    snprintf (buf, size, "0x%08X", status);
  return buf;
}

const char *
smb_win32_text (uint32_t code, char *buf, size_t size)
{
  const char *n = smb_win32_name (code);

  if (n)
    snprintf (buf, size, "%s", n);
  else
    snprintf (buf, size, "error %u (0x%X)", code, code);
  return buf;
}

/* ORDER SMB_E */
static const char *const smb_errcode_names[] = {
  "ok", "bad argument", "host unreachable", "timeout", "connection lost",
  "protocol error", "SMB1 only", "no common dialect", "logon failure",
  "account unusable", "access denied", "no such share", "signing failure",
  "encryption failure", "not found", "error status", "RPC error",
  "command timeout", "output missing", "too large",
};

const char *
smb_errcode_name (smb_errcode code)
{
  if ((size_t) code < G_N_ELEMENTS_SMB (smb_errcode_names))
    return smb_errcode_names[code];
  return "error";
}

smb_errcode
smb_errcode_of_status (uint32_t status)
{
  switch (status)
    {
    case SMB_STATUS_LOGON_FAILURE:
    case SMB_STATUS_WRONG_PASSWORD:
    case 0xC0000064u: /* STATUS_NO_SUCH_USER */
      return SMB_E_LOGON;
    case SMB_STATUS_ACCOUNT_RESTRICTION:
    case SMB_STATUS_PASSWORD_EXPIRED:
    case SMB_STATUS_ACCOUNT_DISABLED:
    case SMB_STATUS_ACCOUNT_EXPIRED:
    case SMB_STATUS_PASSWORD_MUST_CHANGE:
    case SMB_STATUS_ACCOUNT_LOCKED_OUT:
    case 0xC000006Fu: /* STATUS_INVALID_LOGON_HOURS */
    case 0xC0000070u: /* STATUS_INVALID_WORKSTATION */
    case 0xC000015Bu: /* STATUS_LOGON_TYPE_NOT_GRANTED */
      return SMB_E_ACCOUNT;
    case SMB_STATUS_ACCESS_DENIED:
    case SMB_STATUS_NETWORK_ACCESS_DENIED:
    case 0xC0000061u: /* STATUS_PRIVILEGE_NOT_HELD */
      return SMB_E_ACCESS;
    case SMB_STATUS_BAD_NETWORK_NAME:
      return SMB_E_NO_SHARE;
    case SMB_STATUS_NO_SUCH_FILE:
    case SMB_STATUS_OBJECT_NAME_NOT_FOUND:
    case SMB_STATUS_OBJECT_PATH_NOT_FOUND:
      return SMB_E_NOT_FOUND;
    case 0xC000A000u: /* STATUS_INVALID_SIGNATURE */
      return SMB_E_SIGNING;
    default:
      return SMB_E_STATUS;
    }
}

void
smb_error_clear (smb_error *e)
{
  if (!e)
    return;
  e->code = SMB_OK;
  e->status = 0;
  e->text[0] = '\0';
}

void
smb_error_set (smb_error *e, smb_errcode code, uint32_t status, const char *fmt, ...)
{
  va_list ap;

  if (!e || e->code != SMB_OK)
    return;
  e->code = code == SMB_OK ? SMB_E_PROTOCOL : code;
  e->status = status;
  va_start (ap, fmt);
  vsnprintf (e->text, sizeof e->text, fmt, ap);
  va_end (ap);
}

void
smb_error_note (smb_error *e, const char *fmt, ...)
{
  size_t used;
  va_list ap;

  if (!e || e->code == SMB_OK)
    return;
  used = strlen (e->text);
  if (used + 3 >= sizeof e->text)
    return;
  memcpy (e->text + used, "; ", 2);
  used += 2;
  e->text[used] = '\0';
  va_start (ap, fmt);
  vsnprintf (e->text + used, sizeof e->text - used, fmt, ap);
  va_end (ap);
}

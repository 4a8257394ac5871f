/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_smb.c: builtin family 'smb': win_cmd_exec, OpenVAS's remote Windows command, over the native SMB2/3 client. */
#include "libs.h"
#include "nasl.h"
#include "kb.h"
#include "state.h"
#include "smb.h"
#include "smb_buf.h"
#include "smb_crypto.h"

#include <stdlib.h>
#include <string.h>

/*
** win_cmd_exec(cmd:, username:, password:, host:, realm:)
**
** OpenVAS runs impacket's wmiexec (WMI over DCOM); we run the command over
** SMB (TCP 445) through a temporary service (smb/smb.h says how) and return
** the same thing: the command's output (stdout and stderr) as data, NULL on
** any failure with a diagnostic naming the reason (never a password).
**
** Credentials: username: and password: as OpenVAS takes them (the feed
** passes "DOMAIN/user"; "DOMAIN\user" and "user@domain" work too, realm: is
** the domain when username: has none).  Missing ones come from the KB items
** the feed's SMB login plugin sets: SMB/login, SMB/password, SMB/domain.
** kdc: (Kerberos) is refused.
**
** For plugins that must say why nothing was collected, every call also
** leaves in the KB (replacing older values; never a secret):
**   nasl-audit/smb/error        the reason of the last failure ("" after a success)
**   nasl-audit/smb/dialect      "2.0.2" ... "3.1.1" of the last session used
**   nasl-audit/smb/signing      1 when its messages are signed
**   nasl-audit/smb/encryption   the cipher ("AES-128-GCM" ...) or "none"
**
** Connections are kept per state (slot "nasl.smb"), one per host, port and
** account: the second command on a host costs 5 round trips, not 11.  They
** close when the state is freed.
**
** Settings (scanner preference, else KB item, else the default):
**   nasl-audit/smb_port               port; default KB SMB/transport, else 445
**   nasl-audit/smb_connect_timeout    seconds, default 10
**   nasl-audit/smb_request_timeout    seconds, default 30
**   nasl-audit/smb_command_timeout    seconds, default 120 (timeout: wins)
**   nasl-audit/smb_require_signing    yes/no, default no (signing is used anyway)
**   nasl-audit/smb_require_encryption yes/no, default no (used when the host asks)
**   nasl-audit/smb_max_output         bytes, default 64 MiB
*/

#define LIB_SMB_SLOT "nasl.smb"
#define LIB_SMB_MAX_SESSIONS 64
#define LIB_SMB_MAX_TIMEOUT_S (24L * 3600)

typedef struct lib_smb_table {
  GHashTable *sessions;      /* "host|port|user|domain" -> smb_session */
} lib_smb_table;

static void
lib_smb_session_free (gpointer p)
{
  smb_session_close (p);
}

static void
lib_smb_table_free (void *p)
{
  lib_smb_table *t = p;

  g_hash_table_destroy (t->sessions);
  g_free (t);
}

static lib_smb_table *
lib_smb_table_of (nasl_state *st)
{
  lib_smb_table *t = nasl_state_get_data (st, LIB_SMB_SLOT);

  if (t)
    return t;
  t = g_new0 (lib_smb_table, 1);
  t->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lib_smb_session_free);
  nasl_state_set_data (st, LIB_SMB_SLOT, t, lib_smb_table_free);
  return t;
}

/* --- settings -------------------------------------------------------------- */

static long
lib_smb_setting_long (nasl_state *st, const char *name, long dflt, long max)
{
  char *text = state_setting_text (st, name), *end = NULL;
  long v;

  if (!text)
    return dflt;
  v = strtol (text, &end, 10);
  if (end == text || *end != '\0' || v <= 0 || v > max)
    {
      nasl_state_diag (st, NULL, 0, "win_cmd_exec: ignoring setting %s='%s' (not a number "
                       "between 1 and %ld)", name, text, max);
      v = dflt;
    }
  g_free (text);
  return v;
}

static int
lib_smb_setting_bool (nasl_state *st, const char *name)
{
  char *text = state_setting_text (st, name);
  int on = text && (!g_ascii_strcasecmp (text, "yes") || !strcmp (text, "1")
                    || !g_ascii_strcasecmp (text, "true"));

  g_free (text);
  return on;
}

static unsigned int
lib_smb_port (nasl_state *st)
{
  char *text = state_setting_text (st, "nasl-audit/smb_port");
  long port;

  if (!text)
    text = kb_first_text (nasl_state_kb (st), "SMB/transport");
  port = text ? strtol (text, NULL, 10) : 0;
  g_free (text);
  return port > 0 && port <= 65535 ? (unsigned int) port : 445;
}

static char *
lib_smb_arg_dup (nasl_call *call, const char *name)
{
  size_t len = 0;
  const char *s = nasl_arg_str (call, name, &len);

  return s ? g_strndup (s, len) : NULL;
}

/* --- the command ------------------------------------------------------------- */

typedef struct lib_smb_request {
  char *cmd, *host, *user, *domain, *password;
  smb_exec_opts o;
  long timeout_ms;
} lib_smb_request;

static void
lib_smb_request_clear (lib_smb_request *r)
{
  g_free (r->cmd);
  g_free (r->host);
  g_free (r->user);
  g_free (r->domain);
  smb_free_secret (r->password);
  memset (r, 0, sizeof *r);
}

/* Reads the call and the settings; -1 with a diagnostic when unusable. */
static int
lib_smb_request_get (nasl_call *call, lib_smb_request *r)
{
  nasl_state *st = nasl_call_state (call);
  const char *target = nasl_get_target_ip (st);
  long timeout = nasl_arg_int (call, "timeout", 0);
  char *max;

  memset (r, 0, sizeof *r);
  if (nasl_arg (call, "kdc"))
    {
      nasl_call_error (call, "Kerberos (kdc:) is not supported; give NTLM credentials");
      return -1;
    }
  r->cmd = lib_smb_arg_dup (call, "cmd");
  r->user = lib_smb_arg_dup (call, "username");
  r->password = lib_smb_arg_dup (call, "password");
  r->domain = lib_smb_arg_dup (call, "realm");
  if (!r->user)
    {
      r->user = kb_first_text (nasl_state_kb (st), "SMB/login");
      if (!r->domain)
        r->domain = kb_first_text (nasl_state_kb (st), "SMB/domain");
    }
  if (!r->password)
    r->password = kb_first_text (nasl_state_kb (st), "SMB/password");
  r->host = lib_smb_arg_dup (call, "host");
  if (!r->host && target)
    r->host = g_strdup (target);
  if (!r->cmd || !*r->cmd || !r->user || !*r->user || !r->password || !*r->password)
    {
      nasl_call_error (call, "Invalid input arguments: %s",
                       !r->cmd || !*r->cmd ? "no cmd:"
                       : "no user name or password (neither in username:/password: nor in "
                         "KB SMB/login, SMB/password)");
      return -1;
    }
  if (!r->host || !*r->host)
    {
      nasl_call_error (call, "host must not be empty (no host: and no target)");
      return -1;
    }
  r->o.host = r->host;
  r->o.port = lib_smb_port (st);
  r->o.user = r->user;
  r->o.domain = r->domain;
  r->o.password = r->password;
  r->o.connect_timeout_ms = 1000 * lib_smb_setting_long (st, "nasl-audit/smb_connect_timeout",
                                                         10, LIB_SMB_MAX_TIMEOUT_S);
  r->o.request_timeout_ms = 1000 * lib_smb_setting_long (st, "nasl-audit/smb_request_timeout",
                                                         30, LIB_SMB_MAX_TIMEOUT_S);
  r->o.command_timeout_ms = 1000 * lib_smb_setting_long (st, "nasl-audit/smb_command_timeout",
                                                         120, LIB_SMB_MAX_TIMEOUT_S);
  r->o.require_signing = lib_smb_setting_bool (st, "nasl-audit/smb_require_signing");
  r->o.require_encryption = lib_smb_setting_bool (st, "nasl-audit/smb_require_encryption");
  max = state_setting_text (st, "nasl-audit/smb_max_output");
  r->o.max_output = max ? (size_t) g_ascii_strtoull (max, NULL, 10) : 0;
  g_free (max);
  r->timeout_ms = timeout > 0 && timeout <= LIB_SMB_MAX_TIMEOUT_S ? timeout * 1000
                                                                 : r->o.command_timeout_ms;
  /* no wait goes past the script's time limit (the script stops there) */
  long left_ms = state_time_left_ms (st);
  if (left_ms >= 0)
    {
      left_ms = MAX (left_ms, 1000);
      r->o.connect_timeout_ms = MIN (r->o.connect_timeout_ms, left_ms);
      r->o.request_timeout_ms = MIN (r->o.request_timeout_ms, left_ms);
      r->o.command_timeout_ms = MIN (r->o.command_timeout_ms, left_ms);
      r->timeout_ms = MIN (r->timeout_ms, left_ms);
    }
  return 0;
}

/* The session for this request: the kept one when it is for the same
** account, else a new one (NULL with a diagnostic). */
static smb_session *
lib_smb_session (nasl_call *call, const lib_smb_request *r, char **key_out, smb_error *err)
{
  lib_smb_table *t = lib_smb_table_of (nasl_call_state (call));
  char *key = g_strdup_printf ("%s|%u|%s|%s", r->host, r->o.port, r->user,
                               r->domain ? r->domain : "");
  smb_session *s = g_hash_table_lookup (t->sessions, key);

  if (s && !smb_session_same_account (s, r->host, r->o.port, r->user, r->domain, r->password))
    {
      g_hash_table_remove (t->sessions, key);
      s = NULL;
    }
  if (!s)
    {
      if (g_hash_table_size (t->sessions) >= LIB_SMB_MAX_SESSIONS)
        g_hash_table_remove_all (t->sessions);
      s = smb_session_open (&r->o, err);
      if (!s)
        {
          nasl_call_error (call, "%s", err->text);
          g_free (key);
          return NULL;
        }
      g_hash_table_insert (t->sessions, g_strdup (key), s);
    }
  *key_out = key;
  return s;
}

/* OpenVAS turns output that holds a UTF-16 byte order mark into UTF-8. */
static nasl_value
lib_smb_output (GByteArray *out)
{
  if (out->len >= 2 && out->data[0] == 0xFF && out->data[1] == 0xFE)
    {
      char *utf8 = smb_utf8_from_utf16le (out->data + 2, out->len - 2);
      nasl_value v = nasl_value_data (utf8, strlen (utf8));

      g_free (utf8);
      return v;
    }
  return nasl_value_data ((const char *) out->data, out->len);
}

/* The KB items a plugin reads after a call (see the top of the file). */
static void
lib_smb_record (nasl_state *st, smb_session *s, const char *error)
{
  nasl_kb *kb = nasl_state_kb (st);
  smb_session_info info;

  if (!kb)
    return;
  nasl_kb_set_str (kb, "nasl-audit/smb/error", error, strlen (error));
  if (!s)
    return;
  smb_session_get_info (s, &info);
  if (!info.dialect)
    return;
  {
    const char *d = info.dialect == 0x0202 ? "2.0.2" : info.dialect == 0x0210 ? "2.1"
                    : info.dialect == 0x0300 ? "3.0" : info.dialect == 0x0302 ? "3.0.2"
                    : "3.1.1";
    const char *cipher = info.encryption ? smb_cipher_name (info.cipher) : "none";

    nasl_kb_set_str (kb, "nasl-audit/smb/dialect", d, strlen (d));
    nasl_kb_set_int (kb, "nasl-audit/smb/signing", info.signing);
    nasl_kb_set_str (kb, "nasl-audit/smb/encryption", cipher, strlen (cipher));
  }
}

static nasl_value
lib_smb_win_cmd_exec (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  GByteArray *out = g_byte_array_new ();
  nasl_value ret = NASL_NULL;
  lib_smb_request r;
  smb_session *s;
  char *key = NULL;
  smb_error err;

  if (lib_smb_request_get (call, &r) != 0)
    {
      lib_smb_record (st, NULL, "win_cmd_exec: invalid arguments or no credentials");
      goto done;
    }
  smb_error_clear (&err);
  s = lib_smb_session (call, &r, &key, &err);
  if (!s)
    {
      lib_smb_record (st, NULL, err.text);
      goto done;
    }
  if (smb_session_run (s, r.cmd, r.timeout_ms, out, &err) != 0)
    {
      nasl_call_error (call, "%s", err.text);
      lib_smb_record (st, s, err.text);
      /* A session whose logon no longer works is of no use later. */
      if (err.code == SMB_E_LOGON || err.code == SMB_E_ACCOUNT)
        g_hash_table_remove (lib_smb_table_of (st)->sessions, key);
      goto done;
    }
  if (smb_session_warning (s))
    nasl_state_diag (st, nasl_current_file (st), nasl_current_line (st),
                     "win_cmd_exec: %s", smb_session_warning (s));
  lib_smb_record (st, s, "");
  ret = lib_smb_output (out);

done:
  g_free (key);
  lib_smb_request_clear (&r);
  g_byte_array_free (out, TRUE);
  return ret;
}

const nasl_builtin lib_smb_builtins[] = {
  { "win_cmd_exec", lib_smb_win_cmd_exec, 0, 0,
    "cmd:s? username:s? password:s? host:s? realm:s? kdc:s? timeout:i?" },
  NASL_BUILTIN_END
};

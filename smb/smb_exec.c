/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_exec.c: remote command execution through a temporary service, output over ADMIN$, cleanup on every path. */
#include "smb.h"
#include "ntlm.h"
#include "smb2_conn.h"
#include "smb_buf.h"
#include "smb_crypto.h"
#include "svcctl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SMB_EXEC_CONNECT_MS 10000
#define SMB_EXEC_REQUEST_MS 30000
#define SMB_EXEC_COMMAND_MS 120000
#define SMB_EXEC_MAX_OUTPUT ((size_t) 64 * 1024 * 1024)
/* cmd.exe lines stop at 8191 characters; leave room for the wrapper. */
#define SMB_EXEC_MAX_COMMAND 8000
/* Cleanup after a failure gets its own short deadline. */
#define SMB_EXEC_CLEANUP_MS 15000
#define SMB_EXEC_POLL_FIRST_MS 20
#define SMB_EXEC_POLL_MAX_MS 1000

struct smb_session {
  char *host, *user, *domain;
  unsigned int port;
  long connect_ms, request_ms, command_ms;
  uint16_t min_dialect, max_dialect;
  int require_signing, require_encryption;
  size_t max_output;
  uint8_t nt_owf[16];           /* for a cleanup reconnect; wiped at close */

  smb2_conn *c;
  uint32_t ipc_tree, admin_tree;
  svcctl svc;
  svcctl_handle scm;
  int scm_open;

  unsigned int round_trips_done; /* of connections already closed */
  unsigned int last_round_trips;
  gint64 last_usec;
  unsigned int commands, reconnects;
  char warning[512];
};

/* --- connecting -------------------------------------------------------------------- */

static unsigned int
smb_session_round_trips (const smb_session *s)
{
  return s->round_trips_done + (s->c ? s->c->stats.round_trips : 0);
}

static void
smb_session_drop (smb_session *s)
{
  if (!s->c)
    return;
  s->round_trips_done += s->c->stats.round_trips;
  smb2_conn_free (s->c);
  s->c = NULL;
  s->scm_open = 0;
  memset (&s->svc, 0, sizeof s->svc);
}

static int
smb_session_connect (smb_session *s, smb_error *err)
{
  static const char *const shares[2] = { "IPC$", "ADMIN$" };
  smb2_conn_opts co;
  uint32_t trees[2];

  memset (&co, 0, sizeof co);
  co.host = s->host;
  co.port = s->port;
  co.connect_timeout_ms = s->connect_ms;
  co.request_timeout_ms = s->request_ms;
  co.min_dialect = s->min_dialect;
  co.max_dialect = s->max_dialect;
  co.require_signing = s->require_signing;
  co.require_encryption = s->require_encryption;
  s->c = smb2_connect (&co, err);
  if (!s->c)
    return -1;
  if (smb2_session_setup_owf (s->c, s->user, s->domain, s->nt_owf, err) != 0
      || smb2_tree_connect_many (s->c, shares, trees, 2, err) != 0)
    return -1;
  s->ipc_tree = trees[0];
  s->admin_tree = trees[1];
  if (svcctl_open (&s->svc, s->c, s->ipc_tree, err) != 0)
    return -1;
  if (svcctl_open_scm (&s->svc, SVCCTL_SC_MANAGER_CONNECT | SVCCTL_SC_MANAGER_CREATE_SERVICE,
                       &s->scm, err) != 0)
    {
      if (err && err->code == SMB_E_ACCESS)
        {
          smb_error_clear (err);
          smb_error_set (err, SMB_E_ACCESS, SVCCTL_ERROR_ACCESS_DENIED,
                         "access denied by the service manager of %s to %s: the account must "
                         "be an administrator of the host (a local account also needs remote "
                         "UAC to allow it)", s->host, s->c->user_label);
        }
      return -1;
    }
  s->scm_open = 1;
  return 0;
}

smb_session *
smb_session_open (const smb_exec_opts *o, smb_error *err)
{
  smb_session *s;
  char *u = NULL, *d = NULL;

  if (!o->host || !*o->host || !o->user || !*o->user)
    {
      smb_error_set (err, SMB_E_ARG, 0, "host and user are required");
      return NULL;
    }
  s = g_new0 (smb_session, 1);
  s->host = g_strdup (o->host);
  ntlm_split_login (o->user, o->domain, &u, &d);
  s->user = u;
  s->domain = d;
  s->port = o->port;
  s->connect_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : SMB_EXEC_CONNECT_MS;
  s->request_ms = o->request_timeout_ms > 0 ? o->request_timeout_ms : SMB_EXEC_REQUEST_MS;
  s->command_ms = o->command_timeout_ms > 0 ? o->command_timeout_ms : SMB_EXEC_COMMAND_MS;
  s->min_dialect = o->min_dialect;
  s->max_dialect = o->max_dialect;
  s->require_signing = o->require_signing;
  s->require_encryption = o->require_encryption;
  s->max_output = o->max_output ? o->max_output : SMB_EXEC_MAX_OUTPUT;
  ntlm_nt_owf (o->password ? o->password : "", o->password ? strlen (o->password) : 0,
               s->nt_owf);
  if (smb_session_connect (s, err) != 0)
    {
      smb_session_close (s);
      return NULL;
    }
  return s;
}

/* --- reading the output ---------------------------------------------------------------- */

/* CREATE+READ+CLOSE of the output file in one compound.  1 with the data in
** 'out', 0 with *status the CREATE status when it could not be opened, -1 on
** a failure of the connection or the protocol. */
static int
smb_exec_fetch (smb_session *s, const char *path, GByteArray *out, uint32_t *status,
                smb_error *err)
{
  /* Share READ only: while cmd.exe still writes, the open fails with a
  ** sharing violation, so a complete file is all we ever read. */
  smb2_create_req cr = { SMB2_FILE_READ_DATA | SMB2_FILE_READ_ATTRIBUTES | SMB2_SYNCHRONIZE, 0,
                         SMB2_FILE_SHARE_READ, SMB2_FILE_OPEN, SMB2_FILE_NON_DIRECTORY_FILE,
                         NULL, 0 };
  static const smb2_fid related = { { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } };
  uint32_t chunk = smb2_io_size (s->c, 0);
  GByteArray *b[3];
  smb2_call calls[3];
  smb2_create_resp cresp;
  smb2_data_resp rresp;
  size_t nlen = 0, i;
  uint8_t *name = smb2_path16 (path, &nlen);
  char why[128];
  int rc = -1;

  memset (calls, 0, sizeof calls);
  cr.name = name;
  cr.name_len = nlen;
  for (i = 0; i < 3; i++)
    b[i] = g_byte_array_new ();
  smb2_create_req_body (b[0], &cr);
  smb2_read_req_body (b[1], &related, chunk, 0);
  smb2_close_req_body (b[2], &related);
  for (i = 0; i < 3; i++)
    {
      calls[i].body = b[i];
      calls[i].tree_id = s->admin_tree;
      calls[i].related = i > 0;
    }
  calls[0].command = SMB2_CREATE;
  calls[1].command = SMB2_READ;
  calls[1].payload = chunk;
  calls[2].command = SMB2_CLOSE;
  if (smb2_transact (s->c, calls, 3, 0, err) != 0)
    goto out;
  *status = calls[0].hdr.status;
  if (*status != SMB_STATUS_SUCCESS)
    {
      rc = 0;
      goto out;
    }
  if (smb2_create_resp_parse (calls[0].resp, calls[0].resp_len, &cresp, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      goto out;
    }
  if (cresp.end_of_file > s->max_output)
    {
      smb_error_set (err, SMB_E_TOO_LARGE, 0,
                     "the command's output is larger than the limit (%" G_GUINT64_FORMAT
                     " > %zu bytes)", cresp.end_of_file, s->max_output);
      goto out;
    }
  if (calls[1].hdr.status == SMB_STATUS_SUCCESS)
    {
      if (smb2_read_resp_parse (calls[1].resp, calls[1].resp_len, &rresp, why, sizeof why) != 0
          || rresp.len > chunk)
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: bad READ of the output");
          goto out;
        }
      smb_wr_bytes (out, rresp.data, rresp.len);
    }
  else if (calls[1].hdr.status != SMB_STATUS_END_OF_FILE)
    {
      smb2_status_error (err, calls[1].hdr.status, "reading the command's output");
      goto out;
    }
  if (out->len < cresp.end_of_file)
    {
      /* More than one READ: the rest with the file open again. */
      smb2_file f;
      int eof = 0;

      if (smb2_create (s->c, s->admin_tree, path, &cr, &f, err) != 0)
        goto out;
      while (!eof && out->len < f.end_of_file)
        if (smb2_read (s->c, s->admin_tree, &f.fid, out->len, chunk, out, &eof, err) != 0)
          break;
      (void) smb2_close (s->c, s->admin_tree, &f.fid, NULL);
      if (err && err->code != SMB_OK)
        goto out;
    }
  rc = 1;

out:
  for (i = 0; i < 3; i++)
    {
      smb2_call_clear (&calls[i]);
      g_byte_array_free (b[i], TRUE);
    }
  g_free (name);
  return rc;
}

static int
smb_exec_not_found (uint32_t status)
{
  return status == SMB_STATUS_OBJECT_NAME_NOT_FOUND || status == SMB_STATUS_NO_SUCH_FILE
         || status == SMB_STATUS_OBJECT_PATH_NOT_FOUND;
}

/* Waits for the command to finish and reads its output. */
static int
smb_exec_wait_output (smb_session *s, const svcctl_handle *svc, const char *path,
                      gint64 deadline, long timeout_ms, GByteArray *out, smb_error *err)
{
  long delay = SMB_EXEC_POLL_FIRST_MS;
  int stopped_missing = 0, last_look = 0;

  for (;;)
    {
      uint32_t status = 0;
      char name[32];
      int rc = smb_exec_fetch (s, path, out, &status, err);

      if (rc != 0)
        return rc > 0 ? 0 : -1;
      if (smb_exec_not_found (status))
        {
          svcctl_status st;

          if (svcctl_query (&s->svc, svc, &st, err) != 0)
            return -1;
          if (st.current_state == SVCCTL_SERVICE_STOPPED && ++stopped_missing >= 2)
            {
              smb_error_set (err, SMB_E_NO_OUTPUT, status,
                             "output missing: the command ended on %s without leaving its "
                             "output file ADMIN$\\%s (%s)", s->host, path,
                             smb_status_text (status, name, sizeof name));
              return -1;
            }
        }
      else if (status != SMB_STATUS_SHARING_VIOLATION)
        {
          char *what = g_strdup_printf ("reading the output file ADMIN$\\%s", path);
          smb2_status_error (err, status, what);
          g_free (what);
          return -1;
        }
      {
        gint64 left = deadline - g_get_monotonic_time ();

        /* Looked one last time at the deadline: give up. */
        if (left <= 0 || last_look)
          {
            smb_error_set (err, SMB_E_CMD_TIMEOUT, 0,
                           "command timeout: the command did not finish on %s within %ld ms",
                           s->host, timeout_ms);
            return -1;
          }
        if (left <= (gint64) delay * 1000)
          {
            /* Sleep to just before the deadline, then a last look. */
            last_look = 1;
            g_usleep ((gulong) MAX (left - 50000, 0));
          }
        else
          g_usleep ((gulong) delay * 1000);
      }
      delay = MIN (delay * 2, SMB_EXEC_POLL_MAX_MS);
    }
}

/* --- cleanup ---------------------------------------------------------------------------- */

static void
smb_exec_warn (smb_session *s, smb_error *err, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

/* Notes a cleanup problem: on the error when there is one, else as the
** session's warning. */
static void
smb_exec_warn (smb_session *s, smb_error *err, const char *fmt, ...)
{
  char text[384];
  size_t used = strlen (s->warning);
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (text, sizeof text, fmt, ap);
  va_end (ap);
  if (err && err->code != SMB_OK)
    smb_error_note (err, "%s", text);
  else if (used + 3 < sizeof s->warning)
    snprintf (s->warning + used, sizeof s->warning - used, "%s%s", used ? "; " : "", text);
}

/* Deletes the service (by handle) and the output file in one compound,
** then closes the handle. */
static void
smb_exec_remove_by_handle (smb_session *s, svcctl_handle *svc, const char *name,
                           const char *path, smb_error *err)
{
  GByteArray *stub = svcctl_enc_handle (svc), *b0 = g_byte_array_new (),
             *b1 = g_byte_array_new (), *b2 = g_byte_array_new (), *reply = g_byte_array_new ();
  smb2_call calls[3];
  size_t nlen = 0;
  uint8_t *name16 = smb2_path16 (path, &nlen);
  smb_error e;
  uint32_t w32 = 0;
  char st[40];

  memset (calls, 0, sizeof calls);
  smb_error_clear (&e);
  svcctl_call_prepare (&s->svc, SVCCTL_DELETE_SERVICE, stub, &calls[0], b0);
  smb2_delete_calls (&calls[1], s->admin_tree, b1, b2, name16, nlen);
  if (smb2_transact (s->c, calls, 3, 0, &e) != 0)
    {
      smb_exec_warn (s, err, "cleanup failed (%s): service %s and ADMIN$\\%s may remain on %s",
                     e.text, name, path, s->host);
      goto out;
    }
  if (svcctl_call_result (&s->svc, &calls[0], reply, &e) != 0
      || svcctl_dec_result (reply->data, reply->len, &w32) != 0)
    smb_exec_warn (s, err, "service %s may remain on %s: deleting it failed (%s)", name, s->host,
                   e.code ? e.text : "malformed reply");
  else if (w32 != 0 && w32 != SVCCTL_ERROR_SERVICE_MARKED_FOR_DELETE)
    smb_exec_warn (s, err, "service %s remains on %s: deleting it failed (%s)", name, s->host,
                   smb_win32_text (w32, st, sizeof st));
  if (calls[1].hdr.status == SMB_STATUS_SHARING_VIOLATION)
    smb_exec_warn (s, err, "output file ADMIN$\\%s remains on %s: still in use by the command",
                   path, s->host);
  else if (calls[1].hdr.status != SMB_STATUS_SUCCESS && !smb_exec_not_found (calls[1].hdr.status))
    smb_exec_warn (s, err, "output file ADMIN$\\%s remains on %s: %s", path, s->host,
                   smb_status_text (calls[1].hdr.status, st, sizeof st));
  smb_error_clear (&e);
  if (svcctl_close_handle (&s->svc, svc, &e) != 0)
    smb_exec_warn (s, err, "closing the handle of service %s failed (%s)", name, e.text);

out:
  for (size_t i = 0; i < 3; i++)
    smb2_call_clear (&calls[i]);
  g_byte_array_free (stub, TRUE);
  g_byte_array_free (b0, TRUE);
  g_byte_array_free (b1, TRUE);
  g_byte_array_free (b2, TRUE);
  g_byte_array_free (reply, TRUE);
  g_free (name16);
}

/* Without a handle (it was lost with the connection): by name. */
static void
smb_exec_remove_by_name (smb_session *s, const char *name, const char *path, smb_error *err)
{
  svcctl_handle h;
  smb_error e;

  smb_error_clear (&e);
  if (svcctl_open_service (&s->svc, &s->scm, name, SVCCTL_DELETE, &h, &e) == 0)
    {
      smb_exec_remove_by_handle (s, &h, name, path, err);
      return;
    }
  if (e.status != SVCCTL_ERROR_SERVICE_DOES_NOT_EXIST)
    smb_exec_warn (s, err, "service %s may remain on %s (%s)", name, s->host, e.text);
  smb_error_clear (&e);
  if (smb2_delete_file (s->c, s->admin_tree, path, &e) != 0 && e.code != SMB_E_NOT_FOUND)
    smb_exec_warn (s, err, "output file ADMIN$\\%s may remain on %s (%s)", path, s->host, e.text);
}

static void
smb_exec_cleanup (smb_session *s, svcctl_handle *svc, int have_handle, const char *name,
                  const char *path, smb_error *err)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) MIN (s->request_ms, SMB_EXEC_CLEANUP_MS) * 1000;

  if (!s->c || s->c->broken)
    {
      smb_error e;

      /* The connection is gone: one more, only to clean up. */
      smb_session_drop (s);
      smb_error_clear (&e);
      s->reconnects++;
      if (smb_session_connect (s, &e) != 0)
        {
          smb_exec_warn (s, err, "cleanup impossible (%s): service %s and ADMIN$\\%s may "
                         "remain on %s", e.text, name, path, s->host);
          smb_session_drop (s);
          return;
        }
      have_handle = 0;
    }
  smb2_set_deadline (s->c, deadline);
  if (have_handle)
    smb_exec_remove_by_handle (s, svc, name, path, err);
  else
    smb_exec_remove_by_name (s, name, path, err);
  if (s->c)
    smb2_set_deadline (s->c, 0);
}

/* --- running ------------------------------------------------------------------------------ */

static int
smb_exec_check_command (const char *command, smb_error *err)
{
  size_t n = command ? strlen (command) : 0;

  if (n == 0)
    {
      smb_error_set (err, SMB_E_ARG, 0, "empty command");
      return -1;
    }
  if (n > SMB_EXEC_MAX_COMMAND)
    {
      smb_error_set (err, SMB_E_ARG, 0, "command too long (%zu bytes, at most %d)", n,
                     SMB_EXEC_MAX_COMMAND);
      return -1;
    }
  if (strpbrk (command, "\r\n") || !g_utf8_validate (command, (gssize) n, NULL))
    {
      smb_error_set (err, SMB_E_ARG, 0, "the command must be one line of UTF-8 text");
      return -1;
    }
  return 0;
}

int
smb_session_run (smb_session *s, const char *command, long timeout_ms, GByteArray *out,
                 smb_error *err)
{
  gint64 start = g_get_monotonic_time (), deadline;
  unsigned int rt0 = smb_session_round_trips (s);
  char rnd[17], name[32], path[48], *binpath;
  uint8_t r[8];
  svcctl_handle svc;
  uint32_t w32 = 0;
  int created = 0, maybe_created = 0, rc = -1;
  guint out_start = out->len;

  s->warning[0] = '\0';
  if (smb_exec_check_command (command, err) != 0)
    return -1;
  if (!s->c || s->c->broken || !s->scm_open)
    {
      smb_session_drop (s);
      s->reconnects++;
      if (smb_session_connect (s, err) != 0)
        {
          smb_session_drop (s);
          return -1;
        }
    }
  if (timeout_ms <= 0)
    timeout_ms = s->command_ms;
  deadline = start + (gint64) timeout_ms * 1000;
  smb_random (r, sizeof r);
  smb_hex (r, sizeof r, rnd);
  snprintf (name, sizeof name, "naslaudit_%s", rnd);
  snprintf (path, sizeof path, "Temp\\%s.txt", name);
  binpath = g_strdup_printf ("%%COMSPEC%% /Q /c %s 1> %%SystemRoot%%\\%s 2>&1", command, path);
  smb2_set_deadline (s->c, deadline);

  if (svcctl_create_service (&s->svc, &s->scm, name, "nasl-audit remote command", binpath, &svc,
                             err) != 0)
    {
      /* Sent but never answered: it may exist. */
      maybe_created = s->c->broken;
      if (err->code == SMB_E_ACCESS)
        {
          smb_error_clear (err);
          smb_error_set (err, SMB_E_ACCESS, SVCCTL_ERROR_ACCESS_DENIED,
                         "service creation refused: the service manager of %s denied %s the "
                         "right to create a service (ERROR_ACCESS_DENIED)", s->host,
                         s->c->user_label);
        }
      else if (err->code == SMB_E_RPC)
        {
          char text[sizeof err->text];
          uint32_t code = err->status;

          g_strlcpy (text, err->text, sizeof text);
          smb_error_clear (err);
          smb_error_set (err, SMB_E_RPC, code, "service creation refused by %s: %s", s->host,
                         text);
        }
      goto done;
    }
  created = 1;
  if (svcctl_start (&s->svc, &svc, deadline, &w32, err) != 0)
    goto done;
  if (w32 != 0 && w32 != SVCCTL_ERROR_SERVICE_REQUEST_TIMEOUT)
    {
      char st[40];
      smb_error_set (err, SMB_E_RPC, w32, "the command's service did not start on %s: %s",
                     s->host, smb_win32_text (w32, st, sizeof st));
      goto done;
    }
  rc = smb_exec_wait_output (s, &svc, path, deadline, timeout_ms, out, err);

done:
  if (s->c && s->c->broken && err->code == SMB_E_TIMEOUT)
    {
      smb_error_clear (err);
      smb_error_set (err, SMB_E_CMD_TIMEOUT, 0,
                     "command timeout: the command did not finish on %s within %ld ms", s->host,
                     timeout_ms);
    }
  if (rc != 0)
    g_byte_array_set_size (out, out_start);
  if (created || maybe_created)
    smb_exec_cleanup (s, &svc, created, name, path, err);
  if (s->c)
    smb2_set_deadline (s->c, 0);
  smb_free_secret (binpath);
  s->commands++;
  s->last_round_trips = smb_session_round_trips (s) - rt0;
  s->last_usec = g_get_monotonic_time () - start;
  return rc;
}

int
smb_session_same_account (const smb_session *s, const char *host, unsigned int port,
                          const char *user, const char *domain, const char *password)
{
  char *u = NULL, *d = NULL;
  uint8_t owf[16];
  int same;

  ntlm_split_login (user, domain, &u, &d);
  ntlm_nt_owf (password ? password : "", password ? strlen (password) : 0, owf);
  same = smb_mem_equal (owf, s->nt_owf, 16) & !g_strcmp0 (host, s->host) & (port == s->port)
         & !g_strcmp0 (u, s->user) & !g_strcmp0 (d, s->domain);
  smb_wipe (owf, sizeof owf);
  g_free (u);
  g_free (d);
  return same;
}

const char *
smb_session_warning (const smb_session *s)
{
  return s->warning[0] ? s->warning : NULL;
}

void
smb_session_get_info (const smb_session *s, smb_session_info *info)
{
  memset (info, 0, sizeof *info);
  if (s->c)
    {
      info->dialect = s->c->dialect;
      info->signing = s->c->signing;
      info->encryption = s->c->encrypt;
      info->cipher = s->c->encrypt ? s->c->cipher : 0;
    }
  info->round_trips = smb_session_round_trips (s);
  info->last_round_trips = s->last_round_trips;
  info->last_usec = s->last_usec;
  info->commands = s->commands;
  info->reconnects = s->reconnects;
}

void
smb_session_close (smb_session *s)
{
  if (!s)
    return;
  if (s->c && !s->c->broken)
    {
      smb2_set_deadline (s->c, g_get_monotonic_time ()
                                 + (gint64) MIN (s->request_ms, 5000) * 1000);
      if (s->scm_open)
        (void) svcctl_close_handle (&s->svc, &s->scm, NULL);
      svcctl_close (&s->svc);
      smb2_logoff (s->c);
    }
  smb_session_drop (s);
  g_free (s->host);
  g_free (s->user);
  g_free (s->domain);
  smb_wipe (s, sizeof *s);
  g_free (s);
}

int
smb_exec (const smb_exec_opts *o, const char *command, GByteArray *out, smb_error *err)
{
  smb_session *s;
  int rc;

  if (smb_exec_check_command (command, err) != 0)
    return -1;
  s = smb_session_open (o, err);
  if (!s)
    return -1;
  rc = smb_session_run (s, command, 0, out, err);
  smb_session_close (s);
  return rc;
}

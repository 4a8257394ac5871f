/* SPDX-License-Identifier: GPL-2.0-or-later */
/* svcctl.c: the service control manager over \pipe\svcctl (MS-SCMR): NDR stubs of the calls we need and the pipe transport. */
#include "svcctl.h"
#include "dcerpc.h"
#include "smb_buf.h"

#include <stdio.h>
#include <string.h>

/* --- request stubs ------------------------------------------------------------- */

static void
svcctl_put_handle (ndr_wr *w, const svcctl_handle *h)
{
  ndr_align (w, 4);
  ndr_bytes (w, h->b, 20);
}

GByteArray *
svcctl_enc_open_scm (uint32_t access)
{
  ndr_wr w;

  ndr_init (&w);
  ndr_unique (&w, 0);  /* lpMachineName: this host */
  ndr_unique (&w, 0);  /* lpDatabaseName: the active database */
  ndr_u32 (&w, access);
  return w.b;
}

GByteArray *
svcctl_enc_create_service (const svcctl_handle *scm, const char *name, const char *display,
                           uint32_t access, const char *binary_path)
{
  ndr_wr w;

  ndr_init (&w);
  svcctl_put_handle (&w, scm);
  if (ndr_wstring (&w, name, SVCCTL_MAX_NAME) != 0)
    goto bad;
  ndr_unique (&w, display != NULL);
  if (display && ndr_wstring (&w, display, SVCCTL_MAX_NAME) != 0)
    goto bad;
  ndr_u32 (&w, access);
  ndr_u32 (&w, SVCCTL_SERVICE_WIN32_OWN_PROCESS);
  ndr_u32 (&w, SVCCTL_SERVICE_DEMAND_START);
  ndr_u32 (&w, SVCCTL_SERVICE_ERROR_IGNORE);
  if (ndr_wstring (&w, binary_path, SVCCTL_MAX_PATH) != 0)
    goto bad;
  ndr_unique (&w, 0);  /* lpLoadOrderGroup */
  ndr_unique (&w, 0);  /* lpdwTagId */
  ndr_unique (&w, 0);  /* lpDependencies */
  ndr_u32 (&w, 0);     /* dwDependSize */
  ndr_unique (&w, 0);  /* lpServiceStartName: LocalSystem */
  ndr_unique (&w, 0);  /* lpPassword */
  ndr_u32 (&w, 0);     /* dwPwSize */
  return w.b;

bad:
  g_byte_array_free (w.b, TRUE);
  return NULL;
}

GByteArray *
svcctl_enc_open_service (const svcctl_handle *scm, const char *name, uint32_t access)
{
  ndr_wr w;

  ndr_init (&w);
  svcctl_put_handle (&w, scm);
  if (ndr_wstring (&w, name, SVCCTL_MAX_NAME) != 0)
    {
      g_byte_array_free (w.b, TRUE);
      return NULL;
    }
  ndr_u32 (&w, access);
  return w.b;
}

GByteArray *
svcctl_enc_start (const svcctl_handle *h)
{
  ndr_wr w;

  ndr_init (&w);
  svcctl_put_handle (&w, h);
  ndr_u32 (&w, 0);     /* argc */
  ndr_unique (&w, 0);  /* argv */
  return w.b;
}

GByteArray *
svcctl_enc_handle (const svcctl_handle *h)
{
  ndr_wr w;

  ndr_init (&w);
  svcctl_put_handle (&w, h);
  return w.b;
}

/* --- response stubs ------------------------------------------------------------ */

static int
svcctl_take_handle (smb_rd *r, svcctl_handle *h)
{
  const uint8_t *p;

  smb_rd_align (r, 4);
  p = smb_rd_take (r, 20);
  if (!p)
    return -1;
  memcpy (h->b, p, 20);
  return 0;
}

/* The return value must be the last four bytes. */
static int
svcctl_take_result (smb_rd *r, uint32_t *win32)
{
  smb_rd_align (r, 4);
  *win32 = smb_rd_u32 (r);
  return r->bad || smb_rd_left (r) != 0 ? -1 : 0;
}

int
svcctl_dec_handle (const uint8_t *stub, size_t len, svcctl_handle *h, uint32_t *win32)
{
  smb_rd r;

  smb_rd_init (&r, stub, len);
  if (svcctl_take_handle (&r, h) != 0)
    return -1;
  return svcctl_take_result (&r, win32);
}

int
svcctl_dec_create (const uint8_t *stub, size_t len, svcctl_handle *h, uint32_t *win32)
{
  smb_rd r;

  smb_rd_init (&r, stub, len);
  if (smb_rd_u32 (&r) != 0)  /* lpdwTagId came back: its value follows */
    smb_rd_skip (&r, 4);
  if (svcctl_take_handle (&r, h) != 0)
    return -1;
  return svcctl_take_result (&r, win32);
}

int
svcctl_dec_result (const uint8_t *stub, size_t len, uint32_t *win32)
{
  smb_rd r;

  smb_rd_init (&r, stub, len);
  return svcctl_take_result (&r, win32);
}

int
svcctl_dec_query (const uint8_t *stub, size_t len, svcctl_status *st, uint32_t *win32)
{
  smb_rd r;

  smb_rd_init (&r, stub, len);
  st->service_type = smb_rd_u32 (&r);
  st->current_state = smb_rd_u32 (&r);
  st->controls_accepted = smb_rd_u32 (&r);
  st->win32_exit_code = smb_rd_u32 (&r);
  st->service_exit_code = smb_rd_u32 (&r);
  st->check_point = smb_rd_u32 (&r);
  st->wait_hint = smb_rd_u32 (&r);
  return svcctl_take_result (&r, win32);
}

/* --- the pipe ------------------------------------------------------------------- */

static const smb2_fid svcctl_related_fid = { { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                               0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } };

/* Reads until 'acc' holds the whole reply to call_id, then takes its stub. */
static int
svcctl_finish_reply (svcctl *s, GByteArray *acc, int more, uint32_t call_id, GByteArray *out,
                     const char *what, smb_error *err)
{
  for (;;)
    {
      uint32_t fault = 0;
      char why[128];
      int eof = 0, rc;

      rc = more ? 0 : dcerpc_response_collect (acc->data, acc->len, call_id, out, &fault, why,
                                               sizeof why);
      if (rc == 1)
        return 0;
      if (rc == -2)
        {
          char name[40];
          smb_error_set (err, fault == SVCCTL_ERROR_ACCESS_DENIED ? SMB_E_ACCESS : SMB_E_RPC,
                         fault, "%s: the service manager answered with a fault (%s)", what,
                         smb_win32_text (fault, name, sizeof name));
          return -1;
        }
      if (rc == -1)
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error in %s: %s", what, why);
          return -1;
        }
      if (acc->len > DCERPC_MAX_STUB + 65536)
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error in %s: reply too large", what);
          return -1;
        }
      /* More to read from the pipe. */
      if (smb2_read (s->c, s->tree_id, &s->pipe, 0, s->max_recv, acc, &eof, err) != 0)
        return -1;
      if (eof)
        {
          smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error in %s: the pipe ended early",
                         what);
          return -1;
        }
      more = 0;
    }
}

int
svcctl_open (svcctl *s, smb2_conn *c, uint32_t ipc_tree, smb_error *err)
{
  smb2_create_req cr = { 0x0012019Fu, 0, SMB2_FILE_SHARE_READ | SMB2_FILE_SHARE_WRITE,
                         SMB2_FILE_OPEN, SMB2_FILE_NON_DIRECTORY_FILE, NULL, 0 };
  GByteArray *bind = NULL, *b0 = g_byte_array_new (), *b1 = g_byte_array_new ();
  smb2_call calls[2];
  size_t nlen = 0;
  uint8_t *name = smb2_path16 ("svcctl", &nlen);
  int rc = -1;

  memset (s, 0, sizeof *s);
  memset (calls, 0, sizeof calls);
  s->c = c;
  s->tree_id = ipc_tree;
  s->call_id = 1;
  cr.name = name;
  cr.name_len = nlen;
  smb2_create_req_body (b0, &cr);
  bind = dcerpc_bind_pdu (s->call_id, &dcerpc_svcctl);
  smb2_ioctl_req_body (b1, SMB2_FSCTL_PIPE_TRANSCEIVE, &svcctl_related_fid, bind->data,
                       bind->len, DCERPC_MAX_FRAG);
  calls[0].command = SMB2_CREATE;
  calls[0].body = b0;
  calls[0].tree_id = ipc_tree;
  calls[1].command = SMB2_IOCTL;
  calls[1].body = b1;
  calls[1].tree_id = ipc_tree;
  calls[1].related = 1;
  calls[1].payload = DCERPC_MAX_FRAG;
  if (smb2_transact (c, calls, 2, 0, err) != 0)
    goto out;
  if (calls[0].hdr.status != SMB_STATUS_SUCCESS)
    {
      char st[32];
      smb_error_set (err, smb_errcode_of_status (calls[0].hdr.status), calls[0].hdr.status,
                     "opening the service manager pipe (\\pipe\\svcctl) failed: %s",
                     smb_status_text (calls[0].hdr.status, st, sizeof st));
      goto out;
    }
  {
    smb2_create_resp cresp;
    smb2_data_resp ioc;
    dcerpc_pdu pdu;
    char why[128];

    if (smb2_create_resp_parse (calls[0].resp, calls[0].resp_len, &cresp, why, sizeof why) != 0)
      {
        smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
        goto out;
      }
    s->pipe = cresp.fid;
    s->open = 1;
    if (calls[1].hdr.status == SMB_STATUS_INVALID_DEVICE_REQUEST
        || calls[1].hdr.status == SMB_STATUS_INVALID_PARAMETER
        || calls[1].hdr.status == SMB_STATUS_INVALID_HANDLE)
      {
        /* A server that does not take a related FSCTL (impacket): bind again
        ** on the pipe's own FileId. */
        GByteArray *reply = g_byte_array_new ();
        int more = 0;

        if (smb2_ioctl (c, ipc_tree, &s->pipe, SMB2_FSCTL_PIPE_TRANSCEIVE, bind->data, bind->len,
                        DCERPC_MAX_FRAG, reply, &more, err) != 0
            || dcerpc_pdu_parse (reply->data, reply->len, &pdu, why, sizeof why) != 1
            || dcerpc_bind_ack_parse (&pdu, s->call_id, &s->max_xmit, &s->max_recv, why,
                                      sizeof why) != 0)
          {
            smb_error_set (err, SMB_E_RPC, 0, "binding to the service manager failed: %s", why);
            g_byte_array_free (reply, TRUE);
            goto out;
          }
        g_byte_array_free (reply, TRUE);
        goto bound;
      }
    if (calls[1].hdr.status != SMB_STATUS_SUCCESS)
      {
        smb2_status_error (err, calls[1].hdr.status, "binding to the service manager");
        goto out;
      }
    if (smb2_ioctl_resp_parse (calls[1].resp, calls[1].resp_len, &ioc, why, sizeof why) != 0
        || dcerpc_pdu_parse (ioc.data, ioc.len, &pdu, why, sizeof why) != 1
        || dcerpc_bind_ack_parse (&pdu, s->call_id, &s->max_xmit, &s->max_recv, why,
                                  sizeof why) != 0)
      {
        smb_error_set (err, SMB_E_RPC, 0, "binding to the service manager failed: %s", why);
        goto out;
      }
  bound:
    s->max_xmit = MIN (s->max_xmit, DCERPC_MAX_FRAG);
    s->max_recv = MIN (s->max_recv, DCERPC_MAX_FRAG);
  }
  rc = 0;

out:
  if (rc != 0)
    svcctl_close (s);
  smb2_call_clear (&calls[0]);
  smb2_call_clear (&calls[1]);
  g_byte_array_free (b0, TRUE);
  g_byte_array_free (b1, TRUE);
  if (bind)
    g_byte_array_free (bind, TRUE);
  g_free (name);
  return rc;
}

int
svcctl_call_prepare (svcctl *s, uint16_t opnum, const GByteArray *stub, smb2_call *call,
                     GByteArray *body)
{
  GPtrArray *pdus;

  s->call_id++;
  pdus = dcerpc_request_pdus (s->call_id, opnum, stub->data, stub->len, s->max_xmit);
  if (pdus->len != 1)
    {
      g_ptr_array_free (pdus, TRUE);
      return -1;
    }
  {
    const GByteArray *pdu = g_ptr_array_index (pdus, 0);
    smb2_ioctl_req_body (body, SMB2_FSCTL_PIPE_TRANSCEIVE, &s->pipe, pdu->data, pdu->len,
                         s->max_recv);
  }
  g_ptr_array_free (pdus, TRUE);
  memset (call, 0, sizeof *call);
  call->command = SMB2_IOCTL;
  call->body = body;
  call->tree_id = s->tree_id;
  call->payload = s->max_recv;
  return 0;
}

int
svcctl_call_result (svcctl *s, const smb2_call *call, GByteArray *out, smb_error *err)
{
  GByteArray *acc = g_byte_array_new ();
  smb2_data_resp r;
  char why[128];
  int rc = -1;

  if (call->hdr.status != SMB_STATUS_SUCCESS && call->hdr.status != SMB_STATUS_BUFFER_OVERFLOW)
    smb2_status_error (err, call->hdr.status, "calling the service manager");
  else if (smb2_ioctl_resp_parse (call->resp, call->resp_len, &r, why, sizeof why) != 0)
    smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
  else
    {
      smb_wr_bytes (acc, r.data, r.len);
      rc = svcctl_finish_reply (s, acc, call->hdr.status == SMB_STATUS_BUFFER_OVERFLOW,
                                s->call_id, out, "the service manager call", err);
    }
  g_byte_array_free (acc, TRUE);
  return rc;
}

int
svcctl_call (svcctl *s, uint16_t opnum, const GByteArray *stub, GByteArray *out,
             gint64 deadline, smb_error *err)
{
  GPtrArray *pdus;
  GByteArray *acc = g_byte_array_new ();
  guint i;
  int more = 0, rc = -1;

  if (!s->open)
    {
      smb_error_set (err, SMB_E_ARG, 0, "the service manager pipe is not open");
      g_byte_array_free (acc, TRUE);
      return -1;
    }
  s->call_id++;
  pdus = dcerpc_request_pdus (s->call_id, opnum, stub->data, stub->len, s->max_xmit);
  /* All fragments but the last are plain writes; the last one is a
  ** transceive that also brings back the first part of the reply. */
  for (i = 0; i + 1 < pdus->len; i++)
    {
      const GByteArray *pdu = g_ptr_array_index (pdus, i);
      if (smb2_write (s->c, s->tree_id, &s->pipe, 0, pdu->data, pdu->len, err) != 0)
        goto out;
    }
  {
    const GByteArray *last = g_ptr_array_index (pdus, pdus->len - 1);
    GByteArray *body = g_byte_array_new ();
    smb2_call call;

    smb2_ioctl_req_body (body, SMB2_FSCTL_PIPE_TRANSCEIVE, &s->pipe, last->data, last->len,
                         s->max_recv);
    memset (&call, 0, sizeof call);
    call.command = SMB2_IOCTL;
    call.body = body;
    call.tree_id = s->tree_id;
    call.payload = MAX (last->len, s->max_recv);
    if (smb2_transact (s->c, &call, 1, deadline, err) == 0)
      {
        smb2_data_resp r;
        char why[128];

        if (call.hdr.status != SMB_STATUS_SUCCESS
            && call.hdr.status != SMB_STATUS_BUFFER_OVERFLOW)
          smb2_status_error (err, call.hdr.status, "calling the service manager");
        else if (smb2_ioctl_resp_parse (call.resp, call.resp_len, &r, why, sizeof why) != 0)
          smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
        else
          {
            smb_wr_bytes (acc, r.data, r.len);
            more = call.hdr.status == SMB_STATUS_BUFFER_OVERFLOW;
            rc = 0;
          }
      }
    smb2_call_clear (&call);
    g_byte_array_free (body, TRUE);
  }
  if (rc == 0)
    rc = svcctl_finish_reply (s, acc, more, s->call_id, out, "the service manager call", err);

out:
  g_ptr_array_free (pdus, TRUE);
  g_byte_array_free (acc, TRUE);
  return rc;
}

void
svcctl_close (svcctl *s)
{
  if (s->open && s->c && !s->c->broken)
    (void) smb2_close (s->c, s->tree_id, &s->pipe, NULL);
  s->open = 0;
}

/* --- wrappers ---------------------------------------------------------------------- */

/* Runs a call whose stub 'req' the caller built (consumed); 'out' gets the reply. */
static int
svcctl_run (svcctl *s, uint16_t opnum, GByteArray *req, GByteArray *out, gint64 deadline,
            const char *what, smb_error *err)
{
  int rc;

  if (!req)
    {
      smb_error_set (err, SMB_E_ARG, 0, "%s: a name or command is not UTF-8 or too long", what);
      return -1;
    }
  rc = svcctl_call (s, opnum, req, out, deadline, err);
  g_byte_array_free (req, TRUE);
  return rc;
}

static int
svcctl_bad_reply (smb_error *err, const char *what)
{
  smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: malformed %s reply", what);
  return -1;
}

static int
svcctl_win32_error (smb_error *err, uint32_t win32, const char *what)
{
  char name[40];

  smb_error_set (err, win32 == SVCCTL_ERROR_ACCESS_DENIED ? SMB_E_ACCESS : SMB_E_RPC, win32,
                 "%s failed: %s", what, smb_win32_text (win32, name, sizeof name));
  return -1;
}

int
svcctl_open_scm (svcctl *s, uint32_t access, svcctl_handle *scm, smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  uint32_t w32 = 0;
  int rc = -1;

  if (svcctl_run (s, SVCCTL_OPEN_SC_MANAGER_W, svcctl_enc_open_scm (access), out, 0,
                  "opening the service manager", err) == 0)
    {
      if (svcctl_dec_handle (out->data, out->len, scm, &w32) != 0)
        svcctl_bad_reply (err, "OpenSCManagerW");
      else if (w32 != 0)
        svcctl_win32_error (err, w32, "opening the service manager");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

int
svcctl_create_service (svcctl *s, const svcctl_handle *scm, const char *name, const char *display,
                       const char *binary_path, svcctl_handle *h, smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  uint32_t w32 = 0;
  int rc = -1;

  if (svcctl_run (s, SVCCTL_CREATE_SERVICE_W,
                  svcctl_enc_create_service (scm, name, display,
                                             SVCCTL_SERVICE_START | SVCCTL_SERVICE_STOP
                                               | SVCCTL_SERVICE_QUERY_STATUS | SVCCTL_DELETE,
                                             binary_path),
                  out, 0, "creating a service", err) == 0)
    {
      if (svcctl_dec_create (out->data, out->len, h, &w32) != 0)
        svcctl_bad_reply (err, "CreateServiceW");
      else if (w32 != 0)
        svcctl_win32_error (err, w32, "creating a service");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

int
svcctl_open_service (svcctl *s, const svcctl_handle *scm, const char *name, uint32_t access,
                     svcctl_handle *h, smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  uint32_t w32 = 0;
  int rc = -1;

  if (svcctl_run (s, SVCCTL_OPEN_SERVICE_W, svcctl_enc_open_service (scm, name, access), out, 0,
                  "opening a service", err) == 0)
    {
      if (svcctl_dec_handle (out->data, out->len, h, &w32) != 0)
        svcctl_bad_reply (err, "OpenServiceW");
      else if (w32 != 0)
        svcctl_win32_error (err, w32, "opening a service");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

int
svcctl_start (svcctl *s, const svcctl_handle *h, gint64 deadline, uint32_t *win32,
              smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  int rc = -1;

  if (svcctl_run (s, SVCCTL_START_SERVICE_W, svcctl_enc_start (h), out, deadline,
                  "starting the service", err) == 0)
    {
      if (svcctl_dec_result (out->data, out->len, win32) != 0)
        svcctl_bad_reply (err, "StartServiceW");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

int
svcctl_query (svcctl *s, const svcctl_handle *h, svcctl_status *st, smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  uint32_t w32 = 0;
  int rc = -1;

  if (svcctl_run (s, SVCCTL_QUERY_SERVICE_STATUS, svcctl_enc_handle (h), out, 0,
                  "querying the service", err) == 0)
    {
      if (svcctl_dec_query (out->data, out->len, st, &w32) != 0)
        svcctl_bad_reply (err, "QueryServiceStatus");
      else if (w32 != 0)
        svcctl_win32_error (err, w32, "querying the service");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

int
svcctl_delete (svcctl *s, const svcctl_handle *h, smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  uint32_t w32 = 0;
  int rc = -1;

  if (svcctl_run (s, SVCCTL_DELETE_SERVICE, svcctl_enc_handle (h), out, 0,
                  "deleting the service", err) == 0)
    {
      if (svcctl_dec_result (out->data, out->len, &w32) != 0)
        svcctl_bad_reply (err, "DeleteService");
      else if (w32 != 0 && w32 != SVCCTL_ERROR_SERVICE_MARKED_FOR_DELETE)
        svcctl_win32_error (err, w32, "deleting the service");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

int
svcctl_close_handle (svcctl *s, svcctl_handle *h, smb_error *err)
{
  GByteArray *out = g_byte_array_new ();
  uint32_t w32 = 0;
  int rc = -1;

  if (svcctl_run (s, SVCCTL_CLOSE_SERVICE_HANDLE, svcctl_enc_handle (h), out, 0,
                  "closing a service handle", err) == 0)
    {
      if (svcctl_dec_handle (out->data, out->len, h, &w32) != 0)
        svcctl_bad_reply (err, "CloseServiceHandle");
      else if (w32 != 0)
        svcctl_win32_error (err, w32, "closing a service handle");
      else
        rc = 0;
    }
  g_byte_array_free (out, TRUE);
  return rc;
}

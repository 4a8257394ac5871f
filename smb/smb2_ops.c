/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb2_ops.c: TREE_CONNECT (with negotiation validation), CREATE/READ/WRITE/CLOSE, IOCTL and whole-file helpers. */
#include "smb2_conn.h"
#include "smb_buf.h"

#include <stdio.h>
#include <string.h>

/* The FileId of related requests: "the file of the previous request". */
static const smb2_fid smb2_related_fid = { { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                             0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } };

uint8_t *
smb2_path16 (const char *path, size_t *len)
{
  char *p = g_strdup (path ? path : ""), *s;
  uint8_t *u;

  for (s = p; *s; s++)
    if (*s == '/')
      *s = '\\';
  s = p;
  if (!(s[0] == '\\' && s[1] == '\\'))
    while (*s == '\\')
      s++;
  u = smb_utf16le (s, strlen (s), len);
  g_free (p);
  return u;
}

uint32_t
smb2_io_size (const smb2_conn *c, int write)
{
  uint32_t n = write ? c->max_write : c->max_read;

  if (c->dialect < SMB2_DIALECT_210 || !(c->server_caps & SMB2_CAP_LARGE_MTU))
    n = MIN (n, 65536u);
  n = MIN (n, c->max_io);
  return n ? n : 4096u;
}

/* --- trees ----------------------------------------------------------------------- */

static void
smb2_tree_error (smb2_conn *c, const char *share, uint32_t status, smb_error *err)
{
  char name[32];

  smb_status_text (status, name, sizeof name);
  if (status == SMB_STATUS_BAD_NETWORK_NAME)
    smb_error_set (err, SMB_E_NO_SHARE, status, "no such share: \\\\%s\\%s does not exist (%s)",
                   c->host, share, name);
  else if (status == SMB_STATUS_ACCESS_DENIED || status == SMB_STATUS_NETWORK_ACCESS_DENIED)
    smb_error_set (err, SMB_E_ACCESS, status,
                   "access denied to \\\\%s\\%s for %s (%s): the account needs administrator "
                   "rights on the host", c->host, share, c->user_label ? c->user_label : "?",
                   name);
  else
    smb_error_set (err, smb_errcode_of_status (status), status,
                   "connecting to \\\\%s\\%s failed: %s", c->host, share, name);
}

/* FSCTL_VALIDATE_NEGOTIATE_INFO (3.0, 3.0.2): a signed check that nobody
** downgraded the negotiation. */
static int
smb2_validate_negotiate (smb2_conn *c, uint32_t tree_id, smb_error *err)
{
  GByteArray *in = g_byte_array_new (), *out = g_byte_array_new (), *body = g_byte_array_new ();
  uint16_t dialects[5] = { SMB2_DIALECT_202, SMB2_DIALECT_210, SMB2_DIALECT_300,
                           SMB2_DIALECT_302, SMB2_DIALECT_311 };
  size_t i, nd = 0;
  smb2_call call;
  int rc = -1;

  smb_wr_u32 (in, c->client_caps);
  smb_wr_bytes (in, c->client_guid, 16);
  smb_wr_u16 (in, c->client_security_mode);
  for (i = 0; i < 5; i++)
    if (dialects[i] >= c->min_dialect && dialects[i] <= c->max_dialect)
      dialects[nd++] = dialects[i];
  smb_wr_u16 (in, (uint16_t) nd);
  for (i = 0; i < nd; i++)
    smb_wr_u16 (in, dialects[i]);
  smb2_ioctl_req_body (body, SMB2_FSCTL_VALIDATE_NEGOTIATE_INFO, &smb2_related_fid, in->data,
                       in->len, 24);
  memset (&call, 0, sizeof call);
  call.command = SMB2_IOCTL;
  call.body = body;
  call.tree_id = tree_id;
  if (smb2_transact (c, &call, 1, 0, err) != 0)
    goto out;
  if (call.hdr.status != SMB_STATUS_SUCCESS)
    {
      /* A signed refusal is a server without the check; an unsigned one may
      ** be an attacker's. */
      if ((call.hdr.flags & SMB2_FLAGS_SIGNED) || c->encrypt)
        rc = 0;
      else
        smb_error_set (err, SMB_E_SIGNING, call.hdr.status,
                       "signing failure: %s refused to validate the negotiation without "
                       "signing its answer", c->host);
      goto out;
    }
  {
    smb2_data_resp r;
    char why[128];
    smb_rd rd;

    if (smb2_ioctl_resp_parse (call.resp, call.resp_len, &r, why, sizeof why) != 0
        || r.len < 24)
      {
        smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s",
                       r.len < 24 ? "short VALIDATE_NEGOTIATE_INFO answer" : why);
        goto out;
      }
    smb_rd_init (&rd, r.data, r.len);
    if (smb_rd_u32 (&rd) != c->server_caps || memcmp (smb_rd_take (&rd, 16), c->server_guid, 16)
        || smb_rd_u16 (&rd) != c->server_security_mode || smb_rd_u16 (&rd) != c->dialect)
      {
        smb_error_set (err, SMB_E_SIGNING, 0,
                       "signing failure: %s does not confirm what was negotiated (downgrade "
                       "attempt?)", c->host);
        goto out;
      }
  }
  rc = 0;

out:
  if (rc == 0)
    c->validated = 1;
  else
    c->broken = 1;
  smb2_call_clear (&call);
  g_byte_array_free (in, TRUE);
  g_byte_array_free (out, TRUE);
  g_byte_array_free (body, TRUE);
  return rc;
}

/* One TREE_CONNECT.  (Not compounded: some servers, impacket among them,
** answer only the last TREE_CONNECT of a compound.) */
static int
smb2_tree_connect_one (smb2_conn *c, const char *share, uint32_t *tree_id, smb_error *err)
{
  char *unc = g_strdup_printf ("\\\\%s\\%s", c->host, share);
  GByteArray *body = g_byte_array_new ();
  smb2_tree_connect_resp r;
  size_t len = 0;
  uint8_t *u = smb2_path16 (unc, &len);
  smb2_call call;
  char why[128];
  int rc = -1;

  *tree_id = 0;
  smb2_tree_connect_req_body (body, u ? u : (const uint8_t *) "", u ? len : 0);
  memset (&call, 0, sizeof call);
  call.command = SMB2_TREE_CONNECT;
  call.body = body;
  if (smb2_transact (c, &call, 1, 0, err) != 0)
    goto out;
  if (call.hdr.status != SMB_STATUS_SUCCESS)
    {
      smb2_tree_error (c, share, call.hdr.status, err);
      goto out;
    }
  if (smb2_tree_connect_resp_parse (call.resp, call.resp_len, &r, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      goto out;
    }
  *tree_id = call.hdr.tree_id;
  if ((r.share_flags & SMB2_SHAREFLAG_ENCRYPT_DATA) && !c->encrypt)
    {
      if (!c->cipher)
        {
          smb_error_set (err, SMB_E_ENCRYPTION, 0,
                         "encryption refused: share %s requires encryption, which SMB %s "
                         "cannot provide", share, smb2_dialect_name (c->dialect));
          goto out;
        }
      c->encrypt = 1;
    }
  rc = 0;

out:
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  g_free (u);
  g_free (unc);
  return rc;
}

int
smb2_tree_connect_many (smb2_conn *c, const char *const *shares, uint32_t *tree_ids, size_t n,
                        smb_error *err)
{
  size_t i;
  int rc = 0;

  for (i = 0; i < n; i++)
    tree_ids[i] = 0;
  for (i = 0; i < n && rc == 0; i++)
    rc = smb2_tree_connect_one (c, shares[i], &tree_ids[i], err);
  if (rc == 0 && !c->validated && c->signing
      && (c->dialect == SMB2_DIALECT_300 || c->dialect == SMB2_DIALECT_302))
    rc = smb2_validate_negotiate (c, tree_ids[0], err);
  if (rc != 0)
    for (i = 0; i < n; i++)
      if (tree_ids[i] && !c->broken)
        {
          smb2_tree_disconnect (c, tree_ids[i]);
          tree_ids[i] = 0;
        }
  return rc;
}

int
smb2_tree_connect (smb2_conn *c, const char *share, uint32_t *tree_id, smb_error *err)
{
  return smb2_tree_connect_many (c, &share, tree_id, 1, err);
}

void
smb2_tree_disconnect (smb2_conn *c, uint32_t tree_id)
{
  GByteArray *body = g_byte_array_new ();
  smb2_call call;
  smb_error ignored;

  if (!c->broken)
    {
      smb_error_clear (&ignored);
      smb2_simple_req_body (body);
      memset (&call, 0, sizeof call);
      call.command = SMB2_TREE_DISCONNECT;
      call.body = body;
      call.tree_id = tree_id;
      (void) smb2_transact (c, &call, 1, 0, &ignored);
      smb2_call_clear (&call);
    }
  g_byte_array_free (body, TRUE);
}

/* --- files ------------------------------------------------------------------------- */

static int
smb2_create_result (const smb2_call *call, const char *path, smb2_file *out, smb_error *err)
{
  smb2_create_resp r;
  char why[128];

  if (call->hdr.status != SMB_STATUS_SUCCESS)
    {
      char *what = g_strdup_printf ("opening '%s'", path);
      smb2_status_error (err, call->hdr.status, what);
      g_free (what);
      return -1;
    }
  if (smb2_create_resp_parse (call->resp, call->resp_len, &r, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      return -1;
    }
  if (out)
    {
      out->fid = r.fid;
      out->end_of_file = r.end_of_file;
    }
  return 0;
}

static GByteArray *
smb2_create_body (const smb2_create_req *tmpl, const uint8_t *name16, size_t len)
{
  GByteArray *b = g_byte_array_new ();
  smb2_create_req r = *tmpl;

  r.name = name16;
  r.name_len = len;
  smb2_create_req_body (b, &r);
  return b;
}

int
smb2_create (smb2_conn *c, uint32_t tree_id, const char *path, const smb2_create_req *tmpl,
             smb2_file *out, smb_error *err)
{
  size_t len = 0;
  uint8_t *name = smb2_path16 (path, &len);
  GByteArray *body;
  smb2_call call;
  int rc = -1;

  if (!name)
    {
      smb_error_set (err, SMB_E_ARG, 0, "file name is not UTF-8");
      return -1;
    }
  body = smb2_create_body (tmpl, name, len);
  memset (&call, 0, sizeof call);
  call.command = SMB2_CREATE;
  call.body = body;
  call.tree_id = tree_id;
  if (smb2_transact (c, &call, 1, 0, err) == 0)
    rc = smb2_create_result (&call, path, out, err);
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  g_free (name);
  return rc;
}

int
smb2_close (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, smb_error *err)
{
  GByteArray *body = g_byte_array_new ();
  smb2_call call;
  int rc = -1;

  smb2_close_req_body (body, fid);
  memset (&call, 0, sizeof call);
  call.command = SMB2_CLOSE;
  call.body = body;
  call.tree_id = tree_id;
  if (smb2_transact (c, &call, 1, 0, err) == 0)
    {
      if (call.hdr.status == SMB_STATUS_SUCCESS)
        rc = 0;
      else
        smb2_status_error (err, call.hdr.status, "CLOSE");
    }
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  return rc;
}

/* Takes the data of a READ response; 0, or -1 with err. */
static int
smb2_read_result (const smb2_call *call, uint32_t asked, GByteArray *out, int *eof,
                  smb_error *err)
{
  smb2_data_resp r;
  char why[128];

  *eof = 0;
  if (call->hdr.status == SMB_STATUS_END_OF_FILE)
    {
      *eof = 1;
      return 0;
    }
  /* A pipe message longer than the READ comes with STATUS_BUFFER_OVERFLOW. */
  if (call->hdr.status != SMB_STATUS_SUCCESS && call->hdr.status != SMB_STATUS_BUFFER_OVERFLOW)
    {
      smb2_status_error (err, call->hdr.status, "READ");
      return -1;
    }
  if (smb2_read_resp_parse (call->resp, call->resp_len, &r, why, sizeof why) != 0)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      return -1;
    }
  if (r.len > asked)
    {
      smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: READ returned more than asked");
      return -1;
    }
  smb_wr_bytes (out, r.data, r.len);
  if (r.len == 0)
    *eof = 1;
  return 0;
}

int
smb2_read (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint64_t offset, uint32_t len,
           GByteArray *out, int *eof, smb_error *err)
{
  GByteArray *body = g_byte_array_new ();
  smb2_call call;
  int rc = -1;

  len = MIN (len, smb2_io_size (c, 0));
  smb2_read_req_body (body, fid, len, offset);
  memset (&call, 0, sizeof call);
  call.command = SMB2_READ;
  call.body = body;
  call.tree_id = tree_id;
  call.payload = len;
  if (smb2_transact (c, &call, 1, 0, err) == 0)
    rc = smb2_read_result (&call, len, out, eof, err);
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  return rc;
}

int
smb2_write (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint64_t offset,
            const uint8_t *data, size_t len, smb_error *err)
{
  uint32_t chunk = smb2_io_size (c, 1);
  size_t done = 0;

  while (done < len || (len == 0 && done == 0))
    {
      size_t n = MIN (len - done, chunk);
      GByteArray *body = g_byte_array_new ();
      uint32_t count = 0;
      smb2_call call;
      char why[128];
      int ok = 0;

      smb2_write_req_body (body, fid, offset + done, data + done, n);
      memset (&call, 0, sizeof call);
      call.command = SMB2_WRITE;
      call.body = body;
      call.tree_id = tree_id;
      call.payload = (uint32_t) n;
      if (smb2_transact (c, &call, 1, 0, err) == 0)
        {
          if (call.hdr.status != SMB_STATUS_SUCCESS)
            smb2_status_error (err, call.hdr.status, "WRITE");
          else if (smb2_write_resp_parse (call.resp, call.resp_len, &count, why, sizeof why) != 0)
            smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
          else if (count != n)
            smb_error_set (err, SMB_E_STATUS, 0, "short WRITE: %u of %zu bytes", count, n);
          else
            ok = 1;
        }
      smb2_call_clear (&call);
      g_byte_array_free (body, TRUE);
      if (!ok)
        return -1;
      done += n;
      if (len == 0)
        break;
    }
  return 0;
}

int
smb2_ioctl (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint32_t ctl, const uint8_t *in,
            size_t inlen, uint32_t max_out, GByteArray *out, int *more, smb_error *err)
{
  GByteArray *body = g_byte_array_new ();
  smb2_call call;
  int rc = -1;

  *more = 0;
  smb2_ioctl_req_body (body, ctl, fid, in, inlen, max_out);
  memset (&call, 0, sizeof call);
  call.command = SMB2_IOCTL;
  call.body = body;
  call.tree_id = tree_id;
  call.payload = (uint32_t) MAX (inlen, max_out);
  if (smb2_transact (c, &call, 1, 0, err) == 0)
    {
      smb2_data_resp r;
      char why[128];

      if (call.hdr.status != SMB_STATUS_SUCCESS && call.hdr.status != SMB_STATUS_BUFFER_OVERFLOW)
        smb2_status_error (err, call.hdr.status, "IOCTL");
      else if (smb2_ioctl_resp_parse (call.resp, call.resp_len, &r, why, sizeof why) != 0)
        smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
      else if (r.len > max_out)
        smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: IOCTL returned more than asked");
      else
        {
          smb_wr_bytes (out, r.data, r.len);
          *more = call.hdr.status == SMB_STATUS_BUFFER_OVERFLOW;
          rc = 0;
        }
    }
  smb2_call_clear (&call);
  g_byte_array_free (body, TRUE);
  return rc;
}

/* --- whole files ---------------------------------------------------------------------- */

/* Reads the rest of an open file from 'offset'. */
static int
smb2_read_rest (smb2_conn *c, uint32_t tree_id, const smb2_fid *fid, uint64_t offset,
                size_t max, GByteArray *out, smb_error *err)
{
  int eof = 0;

  while (!eof)
    {
      size_t before = out->len;

      if (smb2_read (c, tree_id, fid, offset, smb2_io_size (c, 0), out, &eof, err) != 0)
        return -1;
      offset += out->len - before;
      if (max && out->len > max)
        {
          smb_error_set (err, SMB_E_TOO_LARGE, 0, "file larger than %zu bytes", max);
          return -1;
        }
    }
  return 0;
}

int
smb2_get_file (smb2_conn *c, uint32_t tree_id, const char *path, size_t max, GByteArray *out,
               smb_error *err)
{
  smb2_create_req cr = { SMB2_FILE_READ_DATA | SMB2_FILE_READ_ATTRIBUTES | SMB2_SYNCHRONIZE, 0,
                         SMB2_FILE_SHARE_READ | SMB2_FILE_SHARE_WRITE | SMB2_FILE_SHARE_DELETE,
                         SMB2_FILE_OPEN, SMB2_FILE_NON_DIRECTORY_FILE, NULL, 0 };
  uint32_t chunk = smb2_io_size (c, 0);
  GByteArray *b[3];
  smb2_call calls[3];
  smb2_file f;
  size_t len = 0, i;
  uint8_t *name = smb2_path16 (path, &len);
  int rc = -1, eof = 0;

  if (!name)
    {
      smb_error_set (err, SMB_E_ARG, 0, "file name is not UTF-8");
      return -1;
    }
  memset (calls, 0, sizeof calls);
  b[0] = smb2_create_body (&cr, name, len);
  b[1] = g_byte_array_new ();
  smb2_read_req_body (b[1], &smb2_related_fid, chunk, 0);
  b[2] = g_byte_array_new ();
  smb2_close_req_body (b[2], &smb2_related_fid);
  for (i = 0; i < 3; i++)
    {
      calls[i].body = b[i];
      calls[i].tree_id = tree_id;
      calls[i].related = i > 0;
    }
  calls[0].command = SMB2_CREATE;
  calls[1].command = SMB2_READ;
  calls[1].payload = chunk;
  calls[2].command = SMB2_CLOSE;
  if (smb2_transact (c, calls, 3, 0, err) != 0
      || smb2_create_result (&calls[0], path, &f, err) != 0)
    goto out;
  if (max && f.end_of_file > max)
    {
      smb_error_set (err, SMB_E_TOO_LARGE, 0, "'%s' is larger than %zu bytes", path, max);
      goto out;
    }
  if (smb2_read_result (&calls[1], chunk, out, &eof, err) != 0)
    goto out;
  if (!eof && out->len < f.end_of_file)
    {
      /* Larger than one READ: open again and read on. */
      cr.disposition = SMB2_FILE_OPEN;
      if (smb2_create (c, tree_id, path, &cr, &f, err) != 0)
        goto out;
      rc = smb2_read_rest (c, tree_id, &f.fid, out->len, max, out, err);
      (void) smb2_close (c, tree_id, &f.fid, NULL);
      goto out;
    }
  rc = 0;

out:
  for (i = 0; i < 3; i++)
    {
      smb2_call_clear (&calls[i]);
      g_byte_array_free (b[i], TRUE);
    }
  g_free (name);
  return rc;
}

int
smb2_put_file (smb2_conn *c, uint32_t tree_id, const char *path, const uint8_t *data, size_t len,
               smb_error *err)
{
  smb2_create_req cr = { SMB2_FILE_WRITE_DATA | SMB2_FILE_READ_ATTRIBUTES | SMB2_SYNCHRONIZE,
                         SMB2_FILE_ATTRIBUTE_NORMAL, SMB2_FILE_SHARE_READ,
                         SMB2_FILE_OVERWRITE_IF, SMB2_FILE_NON_DIRECTORY_FILE, NULL, 0 };
  smb2_file f;
  int rc;

  if (len <= smb2_io_size (c, 1))
    {
      size_t nlen = 0, i;
      uint8_t *name = smb2_path16 (path, &nlen);
      GByteArray *b[3];
      smb2_call calls[3];
      uint32_t count = 0;
      char why[128];

      if (!name)
        {
          smb_error_set (err, SMB_E_ARG, 0, "file name is not UTF-8");
          return -1;
        }
      memset (calls, 0, sizeof calls);
      b[0] = smb2_create_body (&cr, name, nlen);
      b[1] = g_byte_array_new ();
      smb2_write_req_body (b[1], &smb2_related_fid, 0, data, len);
      b[2] = g_byte_array_new ();
      smb2_close_req_body (b[2], &smb2_related_fid);
      for (i = 0; i < 3; i++)
        {
          calls[i].body = b[i];
          calls[i].tree_id = tree_id;
          calls[i].related = i > 0;
        }
      calls[0].command = SMB2_CREATE;
      calls[1].command = SMB2_WRITE;
      calls[1].payload = (uint32_t) len;
      calls[2].command = SMB2_CLOSE;
      rc = -1;
      if (smb2_transact (c, calls, 3, 0, err) == 0
          && smb2_create_result (&calls[0], path, NULL, err) == 0)
        {
          if (calls[1].hdr.status != SMB_STATUS_SUCCESS)
            smb2_status_error (err, calls[1].hdr.status, "WRITE");
          else if (smb2_write_resp_parse (calls[1].resp, calls[1].resp_len, &count, why,
                                          sizeof why) != 0)
            smb_error_set (err, SMB_E_PROTOCOL, 0, "protocol error: %s", why);
          else if (count != len)
            smb_error_set (err, SMB_E_STATUS, 0, "short WRITE: %u of %zu bytes", count, len);
          else
            rc = 0;
        }
      for (i = 0; i < 3; i++)
        {
          smb2_call_clear (&calls[i]);
          g_byte_array_free (b[i], TRUE);
        }
      g_free (name);
      return rc;
    }
  if (smb2_create (c, tree_id, path, &cr, &f, err) != 0)
    return -1;
  rc = smb2_write (c, tree_id, &f.fid, 0, data, len, err);
  if (smb2_close (c, tree_id, &f.fid, rc == 0 ? err : NULL) != 0)
    rc = -1;
  return rc;
}

void
smb2_delete_calls (smb2_call *calls, uint32_t tree_id, GByteArray *b0, GByteArray *b1,
                   const uint8_t *name16, size_t name16_len)
{
  smb2_create_req cr = { SMB2_DELETE | SMB2_FILE_READ_ATTRIBUTES | SMB2_SYNCHRONIZE, 0,
                         SMB2_FILE_SHARE_READ | SMB2_FILE_SHARE_WRITE | SMB2_FILE_SHARE_DELETE,
                         SMB2_FILE_OPEN,
                         SMB2_FILE_NON_DIRECTORY_FILE | SMB2_FILE_DELETE_ON_CLOSE, name16,
                         name16_len };

  smb2_create_req_body (b0, &cr);
  smb2_close_req_body (b1, &smb2_related_fid);
  memset (calls, 0, 2 * sizeof *calls);
  calls[0].command = SMB2_CREATE;
  calls[0].body = b0;
  calls[0].tree_id = tree_id;
  calls[1].command = SMB2_CLOSE;
  calls[1].body = b1;
  calls[1].tree_id = tree_id;
  calls[1].related = 1;
}

int
smb2_delete_file (smb2_conn *c, uint32_t tree_id, const char *path, smb_error *err)
{
  size_t len = 0;
  uint8_t *name = smb2_path16 (path, &len);
  GByteArray *b0, *b1;
  smb2_call calls[2];
  int rc = -1;

  if (!name)
    {
      smb_error_set (err, SMB_E_ARG, 0, "file name is not UTF-8");
      return -1;
    }
  b0 = g_byte_array_new ();
  b1 = g_byte_array_new ();
  smb2_delete_calls (calls, tree_id, b0, b1, name, len);
  if (smb2_transact (c, calls, 2, 0, err) == 0)
    rc = smb2_create_result (&calls[0], path, NULL, err);
  smb2_call_clear (&calls[0]);
  smb2_call_clear (&calls[1]);
  g_byte_array_free (b0, TRUE);
  g_byte_array_free (b1, TRUE);
  g_free (name);
  return rc;
}

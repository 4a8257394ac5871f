/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb2_msg.c: SMB2/3 message layouts (MS-SMB2 2.2): header, request builders and bounds-checked response parsers. */
#include "smb2_msg.h"
#include "smb_buf.h"

#include <stdio.h>
#include <string.h>

static const uint8_t smb2_magic[4] = { 0xFE, 'S', 'M', 'B' };
static const uint8_t smb2_transform_magic[4] = { 0xFD, 'S', 'M', 'B' };

static void
smb2_why (char *why, size_t whylen, const char *fmt, const char *what)
{
  if (why && whylen)
    snprintf (why, whylen, fmt, what);
}

/* --- header ------------------------------------------------------------------ */

int
smb2_hdr_parse (const uint8_t *msg, size_t len, smb2_hdr *h)
{
  smb_rd r;
  const uint8_t *magic, *sig;

  smb_rd_init (&r, msg, len);
  magic = smb_rd_take (&r, 4);
  if (!magic || memcmp (magic, smb2_magic, 4) != 0 || smb_rd_u16 (&r) != SMB2_HDR_SIZE)
    return -1;
  h->credit_charge = smb_rd_u16 (&r);
  h->status = smb_rd_u32 (&r);
  h->command = smb_rd_u16 (&r);
  h->credits = smb_rd_u16 (&r);
  h->flags = smb_rd_u32 (&r);
  h->next_command = smb_rd_u32 (&r);
  h->message_id = smb_rd_u64 (&r);
  if (h->flags & SMB2_FLAGS_ASYNC_COMMAND)
    {
      h->async_id = smb_rd_u64 (&r);
      h->tree_id = 0;
    }
  else
    {
      h->async_id = 0;
      smb_rd_skip (&r, 4);
      h->tree_id = smb_rd_u32 (&r);
    }
  h->session_id = smb_rd_u64 (&r);
  sig = smb_rd_take (&r, 16);
  if (r.bad)
    return -1;
  memcpy (h->signature, sig, 16);
  return 0;
}

void
smb2_hdr_write (GByteArray *w, const smb2_hdr *h)
{
  smb_wr_bytes (w, smb2_magic, 4);
  smb_wr_u16 (w, SMB2_HDR_SIZE);
  smb_wr_u16 (w, h->credit_charge);
  smb_wr_u32 (w, h->status);
  smb_wr_u16 (w, h->command);
  smb_wr_u16 (w, h->credits);
  smb_wr_u32 (w, h->flags);
  smb_wr_u32 (w, h->next_command);
  smb_wr_u64 (w, h->message_id);
  smb_wr_u32 (w, 0);
  smb_wr_u32 (w, h->tree_id);
  smb_wr_u64 (w, h->session_id);
  smb_wr_bytes (w, h->signature, 16);
}

/* --- request bodies ---------------------------------------------------------- */

/* One negotiate context, padded to 8 bytes before it (from the header). */
static void
smb2_neg_context (GByteArray *w, size_t hdr_at, uint16_t type, const GByteArray *data)
{
  smb_wr_align (w, hdr_at, 8);
  smb_wr_u16 (w, type);
  smb_wr_u16 (w, (uint16_t) data->len);
  smb_wr_u32 (w, 0);
  smb_wr_bytes (w, data->data, data->len);
}

void
smb2_negotiate_req_body (GByteArray *w, const smb2_negotiate_req *r)
{
  /* The body starts right after the header; offsets count from the header. */
  size_t hdr_at = w->len >= SMB2_HDR_SIZE ? w->len - SMB2_HDR_SIZE : 0;
  size_t ctx_off_field, i;
  int with_contexts = 0;

  for (i = 0; i < r->ndialects; i++)
    if (r->dialects[i] == SMB2_DIALECT_311)
      with_contexts = 1;
  smb_wr_u16 (w, 36);
  smb_wr_u16 (w, (uint16_t) r->ndialects);
  smb_wr_u16 (w, r->security_mode);
  smb_wr_u16 (w, 0);
  smb_wr_u32 (w, r->capabilities);
  smb_wr_bytes (w, r->client_guid, 16);
  ctx_off_field = w->len;
  smb_wr_u32 (w, 0);  /* NegotiateContextOffset, or ClientStartTime */
  smb_wr_u16 (w, 0);  /* NegotiateContextCount */
  smb_wr_u16 (w, 0);
  for (i = 0; i < r->ndialects; i++)
    smb_wr_u16 (w, r->dialects[i]);
  if (with_contexts)
    {
      GByteArray *d = g_byte_array_new ();
      uint16_t count = 1;

      smb_wr_align (w, hdr_at, 8);
      smb_put_u32 (w->data + ctx_off_field, (uint32_t) (w->len - hdr_at));
      smb_wr_u16 (d, 1);   /* HashAlgorithmCount */
      smb_wr_u16 (d, 32);  /* SaltLength */
      smb_wr_u16 (d, SMB2_PREAUTH_SHA512);
      smb_wr_bytes (d, r->salt, 32);
      smb2_neg_context (w, hdr_at, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, d);
      if (r->ciphers && r->nciphers)
        {
          g_byte_array_set_size (d, 0);
          smb_wr_u16 (d, (uint16_t) r->nciphers);
          for (i = 0; i < r->nciphers; i++)
            smb_wr_u16 (d, r->ciphers[i]);
          smb2_neg_context (w, hdr_at, SMB2_ENCRYPTION_CAPABILITIES, d);
          count++;
        }
      smb_put_u16 (w->data + ctx_off_field + 4, count);
      g_byte_array_free (d, TRUE);
    }
}

void
smb2_session_setup_req_body (GByteArray *w, uint8_t security_mode, const uint8_t *token,
                             size_t len)
{
  smb_wr_u16 (w, 25);
  smb_wr_u8 (w, 0);              /* Flags */
  smb_wr_u8 (w, security_mode);
  smb_wr_u32 (w, 0);             /* Capabilities */
  smb_wr_u32 (w, 0);             /* Channel */
  smb_wr_u16 (w, SMB2_HDR_SIZE + 24);
  smb_wr_u16 (w, (uint16_t) len);
  smb_wr_u64 (w, 0);             /* PreviousSessionId */
  smb_wr_bytes (w, token, len);
}

void
smb2_simple_req_body (GByteArray *w)
{
  smb_wr_u16 (w, 4);
  smb_wr_u16 (w, 0);
}

void
smb2_tree_connect_req_body (GByteArray *w, const uint8_t *path, size_t len)
{
  smb_wr_u16 (w, 9);
  smb_wr_u16 (w, 0);
  smb_wr_u16 (w, SMB2_HDR_SIZE + 8);
  smb_wr_u16 (w, (uint16_t) len);
  smb_wr_bytes (w, path, len);
}

void
smb2_create_req_body (GByteArray *w, const smb2_create_req *r)
{
  smb_wr_u16 (w, 57);
  smb_wr_u8 (w, 0);              /* SecurityFlags */
  smb_wr_u8 (w, 0);              /* RequestedOplockLevel: none */
  smb_wr_u32 (w, SMB2_IMPERSONATION);
  smb_wr_u64 (w, 0);             /* SmbCreateFlags */
  smb_wr_u64 (w, 0);             /* Reserved */
  smb_wr_u32 (w, r->desired_access);
  smb_wr_u32 (w, r->file_attributes);
  smb_wr_u32 (w, r->share_access);
  smb_wr_u32 (w, r->disposition);
  smb_wr_u32 (w, r->options);
  smb_wr_u16 (w, SMB2_HDR_SIZE + 56);
  smb_wr_u16 (w, (uint16_t) r->name_len);
  smb_wr_u32 (w, 0);             /* CreateContextsOffset */
  smb_wr_u32 (w, 0);             /* CreateContextsLength */
  if (r->name_len)
    smb_wr_bytes (w, r->name, r->name_len);
  else
    smb_wr_u8 (w, 0);            /* the buffer is never empty */
}

void
smb2_close_req_body (GByteArray *w, const smb2_fid *f)
{
  smb_wr_u16 (w, 24);
  smb_wr_u16 (w, 0);
  smb_wr_u32 (w, 0);
  smb_wr_bytes (w, f->b, 16);
}

void
smb2_read_req_body (GByteArray *w, const smb2_fid *f, uint32_t length, uint64_t offset)
{
  smb_wr_u16 (w, 49);
  smb_wr_u8 (w, 0x50);           /* Padding: where the data should start */
  smb_wr_u8 (w, 0);
  smb_wr_u32 (w, length);
  smb_wr_u64 (w, offset);
  smb_wr_bytes (w, f->b, 16);
  smb_wr_u32 (w, 0);             /* MinimumCount */
  smb_wr_u32 (w, 0);             /* Channel */
  smb_wr_u32 (w, 0);             /* RemainingBytes */
  smb_wr_u16 (w, 0);
  smb_wr_u16 (w, 0);
  smb_wr_u8 (w, 0);
}

void
smb2_write_req_body (GByteArray *w, const smb2_fid *f, uint64_t offset, const uint8_t *data,
                     size_t len)
{
  smb_wr_u16 (w, 49);
  smb_wr_u16 (w, SMB2_HDR_SIZE + 48);
  smb_wr_u32 (w, (uint32_t) len);
  smb_wr_u64 (w, offset);
  smb_wr_bytes (w, f->b, 16);
  smb_wr_u32 (w, 0);             /* Channel */
  smb_wr_u32 (w, 0);             /* RemainingBytes */
  smb_wr_u16 (w, 0);
  smb_wr_u16 (w, 0);
  smb_wr_u32 (w, 0);             /* Flags */
  if (len)
    smb_wr_bytes (w, data, len);
  else
    smb_wr_u8 (w, 0);
}

void
smb2_ioctl_req_body (GByteArray *w, uint32_t ctl_code, const smb2_fid *f, const uint8_t *in,
                     size_t inlen, uint32_t max_out)
{
  smb_wr_u16 (w, 57);
  smb_wr_u16 (w, 0);
  smb_wr_u32 (w, ctl_code);
  smb_wr_bytes (w, f->b, 16);
  smb_wr_u32 (w, inlen ? SMB2_HDR_SIZE + 56 : 0);
  smb_wr_u32 (w, (uint32_t) inlen);
  smb_wr_u32 (w, 0);             /* MaxInputResponse */
  smb_wr_u32 (w, 0);             /* OutputOffset */
  smb_wr_u32 (w, 0);             /* OutputCount */
  smb_wr_u32 (w, max_out);
  smb_wr_u32 (w, SMB2_IOCTL_IS_FSCTL);
  smb_wr_u32 (w, 0);
  if (inlen)
    smb_wr_bytes (w, in, inlen);
}

/* --- response bodies ----------------------------------------------------------- */

/* A reader on the body of a response, its StructureSize checked. */
static int
smb2_body (const uint8_t *msg, size_t len, uint16_t size, smb_rd *r, const char *what,
           char *why, size_t whylen)
{
  if (len < SMB2_HDR_SIZE + 2)
    {
      smb2_why (why, whylen, "%s response is truncated", what);
      return -1;
    }
  smb_rd_init (r, msg, len);
  smb_rd_seek (r, SMB2_HDR_SIZE);
  if (smb_rd_u16 (r) != size)
    {
      smb2_why (why, whylen, "%s response has a wrong structure size", what);
      return -1;
    }
  return 0;
}

/* A buffer given by offset (from the header) and length; empty is fine. */
static int
smb2_buffer (const uint8_t *msg, size_t len, size_t off, size_t n, const uint8_t **out)
{
  if (n == 0)
    {
      *out = NULL;
      return 0;
    }
  if (off < SMB2_HDR_SIZE)
    return -1;
  *out = smb_slice (msg, len, off, n);
  return *out ? 0 : -1;
}

/* The 3.1.1 negotiate contexts of a response. */
static int
smb2_neg_contexts (const uint8_t *msg, size_t len, size_t off, unsigned count,
                   smb2_negotiate_resp *r)
{
  smb_rd rd;
  unsigned i;

  smb_rd_init (&rd, msg, len);
  smb_rd_seek (&rd, off);
  for (i = 0; i < count && !rd.bad; i++)
    {
      uint16_t type, dlen;
      const uint8_t *data;
      smb_rd d;

      smb_rd_align (&rd, 8);
      type = smb_rd_u16 (&rd);
      dlen = smb_rd_u16 (&rd);
      smb_rd_skip (&rd, 4);
      data = smb_rd_take (&rd, dlen);
      if (rd.bad)
        return -1;
      smb_rd_init (&d, data, dlen);
      switch (type)
        {
        case SMB2_PREAUTH_INTEGRITY_CAPABILITIES:
          if (smb_rd_u16 (&d) != 1)
            return -1;
          smb_rd_skip (&d, 2);
          r->preauth_hash = smb_rd_u16 (&d);
          break;
        case SMB2_ENCRYPTION_CAPABILITIES:
          if (smb_rd_u16 (&d) != 1)
            return -1;
          r->cipher = smb_rd_u16 (&d);
          break;
        case SMB2_SIGNING_CAPABILITIES:
          if (smb_rd_u16 (&d) != 1)
            return -1;
          r->signing_algo = smb_rd_u16 (&d);
          break;
        default:
          break;
        }
      if (d.bad)
        return -1;
    }
  return rd.bad ? -1 : 0;
}

int
smb2_negotiate_resp_parse (const uint8_t *msg, size_t len, smb2_negotiate_resp *r, char *why,
                           size_t whylen)
{
  uint16_t ctx_count, sec_off, sec_len;
  uint32_t ctx_off;
  const uint8_t *guid;
  smb_rd rd;

  memset (r, 0, sizeof *r);
  r->signing_algo = -1;
  if (smb2_body (msg, len, 65, &rd, "NEGOTIATE", why, whylen) != 0)
    return -1;
  r->security_mode = smb_rd_u16 (&rd);
  r->dialect = smb_rd_u16 (&rd);
  ctx_count = smb_rd_u16 (&rd);
  guid = smb_rd_take (&rd, 16);
  r->capabilities = smb_rd_u32 (&rd);
  r->max_transact = smb_rd_u32 (&rd);
  r->max_read = smb_rd_u32 (&rd);
  r->max_write = smb_rd_u32 (&rd);
  smb_rd_skip (&rd, 16); /* SystemTime, ServerStartTime */
  sec_off = smb_rd_u16 (&rd);
  sec_len = smb_rd_u16 (&rd);
  ctx_off = smb_rd_u32 (&rd);
  if (rd.bad || smb2_buffer (msg, len, sec_off, sec_len, &r->security) != 0)
    {
      smb2_why (why, whylen, "%s response is truncated", "NEGOTIATE");
      return -1;
    }
  memcpy (r->server_guid, guid, 16);
  r->security_len = sec_len;
  if (r->dialect == SMB2_DIALECT_311 && ctx_count > 0)
    {
      if (ctx_count > 64 || ctx_off < SMB2_HDR_SIZE
          || smb2_neg_contexts (msg, len, ctx_off, ctx_count, r) != 0)
        {
          smb2_why (why, whylen, "%s response has malformed negotiate contexts", "NEGOTIATE");
          return -1;
        }
    }
  return 0;
}

int
smb2_session_setup_resp_parse (const uint8_t *msg, size_t len, smb2_session_setup_resp *r,
                               char *why, size_t whylen)
{
  uint16_t off, n;
  smb_rd rd;

  memset (r, 0, sizeof *r);
  if (smb2_body (msg, len, 9, &rd, "SESSION_SETUP", why, whylen) != 0)
    return -1;
  r->session_flags = smb_rd_u16 (&rd);
  off = smb_rd_u16 (&rd);
  n = smb_rd_u16 (&rd);
  if (rd.bad || smb2_buffer (msg, len, off, n, &r->security) != 0)
    {
      smb2_why (why, whylen, "%s response is truncated", "SESSION_SETUP");
      return -1;
    }
  r->security_len = n;
  return 0;
}

int
smb2_tree_connect_resp_parse (const uint8_t *msg, size_t len, smb2_tree_connect_resp *r,
                              char *why, size_t whylen)
{
  smb_rd rd;

  memset (r, 0, sizeof *r);
  if (smb2_body (msg, len, 16, &rd, "TREE_CONNECT", why, whylen) != 0)
    return -1;
  r->share_type = smb_rd_u8 (&rd);
  smb_rd_skip (&rd, 1);
  r->share_flags = smb_rd_u32 (&rd);
  r->capabilities = smb_rd_u32 (&rd);
  r->maximal_access = smb_rd_u32 (&rd);
  if (rd.bad)
    {
      smb2_why (why, whylen, "%s response is truncated", "TREE_CONNECT");
      return -1;
    }
  return 0;
}

int
smb2_create_resp_parse (const uint8_t *msg, size_t len, smb2_create_resp *r, char *why,
                        size_t whylen)
{
  const uint8_t *fid;
  smb_rd rd;

  memset (r, 0, sizeof *r);
  if (smb2_body (msg, len, 89, &rd, "CREATE", why, whylen) != 0)
    return -1;
  smb_rd_skip (&rd, 2);  /* OplockLevel, Flags */
  r->create_action = smb_rd_u32 (&rd);
  smb_rd_skip (&rd, 40); /* four times, AllocationSize */
  r->end_of_file = smb_rd_u64 (&rd);
  r->file_attributes = smb_rd_u32 (&rd);
  smb_rd_skip (&rd, 4);
  fid = smb_rd_take (&rd, 16);
  smb_rd_skip (&rd, 8);  /* create contexts: not asked for, not read */
  if (rd.bad)
    {
      smb2_why (why, whylen, "%s response is truncated", "CREATE");
      return -1;
    }
  memcpy (r->fid.b, fid, 16);
  return 0;
}

int
smb2_read_resp_parse (const uint8_t *msg, size_t len, smb2_data_resp *r, char *why,
                      size_t whylen)
{
  uint8_t off;
  uint32_t n;
  smb_rd rd;

  memset (r, 0, sizeof *r);
  if (smb2_body (msg, len, 17, &rd, "READ", why, whylen) != 0)
    return -1;
  off = smb_rd_u8 (&rd);
  smb_rd_skip (&rd, 1);
  n = smb_rd_u32 (&rd);
  r->remaining = smb_rd_u32 (&rd);
  if (rd.bad || smb2_buffer (msg, len, off, n, &r->data) != 0)
    {
      smb2_why (why, whylen, "%s response data is outside the message", "READ");
      return -1;
    }
  r->len = n;
  return 0;
}

int
smb2_write_resp_parse (const uint8_t *msg, size_t len, uint32_t *count, char *why,
                       size_t whylen)
{
  smb_rd rd;

  if (smb2_body (msg, len, 17, &rd, "WRITE", why, whylen) != 0)
    return -1;
  smb_rd_skip (&rd, 2);
  *count = smb_rd_u32 (&rd);
  if (rd.bad)
    {
      smb2_why (why, whylen, "%s response is truncated", "WRITE");
      return -1;
    }
  return 0;
}

int
smb2_ioctl_resp_parse (const uint8_t *msg, size_t len, smb2_data_resp *r, char *why,
                       size_t whylen)
{
  uint32_t off, n;
  smb_rd rd;

  memset (r, 0, sizeof *r);
  if (smb2_body (msg, len, 49, &rd, "IOCTL", why, whylen) != 0)
    return -1;
  smb_rd_skip (&rd, 2 + 4 + 16 + 8); /* Reserved, CtlCode, FileId, Input */
  off = smb_rd_u32 (&rd);
  n = smb_rd_u32 (&rd);
  if (rd.bad || smb2_buffer (msg, len, off, n, &r->data) != 0)
    {
      smb2_why (why, whylen, "%s response output is outside the message", "IOCTL");
      return -1;
    }
  r->len = n;
  return 0;
}

uint16_t
smb2_resp_structure_size (uint16_t command)
{
  switch (command)
    {
    case SMB2_NEGOTIATE: return 65;
    case SMB2_SESSION_SETUP: return 9;
    case SMB2_LOGOFF: case SMB2_TREE_DISCONNECT: case SMB2_ECHO: return 4;
    case SMB2_TREE_CONNECT: return 16;
    case SMB2_CREATE: return 89;
    case SMB2_CLOSE: return 60;
    case SMB2_READ: case SMB2_WRITE: return 17;
    case SMB2_IOCTL: return 49;
    case SMB2_SET_INFO: return 2;
    default: return 0;
    }
}

const char *
smb2_command_name (uint16_t command)
{
  switch (command)
    {
    case SMB2_NEGOTIATE: return "NEGOTIATE";
    case SMB2_SESSION_SETUP: return "SESSION_SETUP";
    case SMB2_LOGOFF: return "LOGOFF";
    case SMB2_TREE_CONNECT: return "TREE_CONNECT";
    case SMB2_TREE_DISCONNECT: return "TREE_DISCONNECT";
    case SMB2_CREATE: return "CREATE";
    case SMB2_CLOSE: return "CLOSE";
    case SMB2_READ: return "READ";
    case SMB2_WRITE: return "WRITE";
    case SMB2_IOCTL: return "IOCTL";
    case SMB2_ECHO: return "ECHO";
    case SMB2_SET_INFO: return "SET_INFO";
    case SMB2_OPLOCK_BREAK: return "OPLOCK_BREAK";
    default: return "command";
    }
}

const char *
smb2_dialect_name (uint16_t dialect)
{
  switch (dialect)
    {
    case SMB2_DIALECT_202: return "2.0.2";
    case SMB2_DIALECT_210: return "2.1";
    case SMB2_DIALECT_300: return "3.0";
    case SMB2_DIALECT_302: return "3.0.2";
    case SMB2_DIALECT_311: return "3.1.1";
    case SMB2_DIALECT_WILDCARD: return "2.???";
    default: return "unknown";
    }
}

/* --- transform header ------------------------------------------------------------ */

int
smb2_transform_parse (const uint8_t *p, size_t len, smb2_transform *t)
{
  smb_rd r;
  const uint8_t *magic, *sig, *nonce;

  smb_rd_init (&r, p, len);
  magic = smb_rd_take (&r, 4);
  if (!magic || memcmp (magic, smb2_transform_magic, 4) != 0)
    return -1;
  sig = smb_rd_take (&r, 16);
  nonce = smb_rd_take (&r, 16);
  t->original_size = smb_rd_u32 (&r);
  smb_rd_skip (&r, 2);
  t->flags = smb_rd_u16 (&r);
  t->session_id = smb_rd_u64 (&r);
  if (r.bad)
    return -1;
  memcpy (t->signature, sig, 16);
  memcpy (t->nonce, nonce, 16);
  return 0;
}

void
smb2_transform_write (GByteArray *w, const smb2_transform *t)
{
  smb_wr_bytes (w, smb2_transform_magic, 4);
  smb_wr_bytes (w, t->signature, 16);
  smb_wr_bytes (w, t->nonce, 16);
  smb_wr_u32 (w, t->original_size);
  smb_wr_u16 (w, 0);
  smb_wr_u16 (w, t->flags);
  smb_wr_u64 (w, t->session_id);
}

size_t
smb2_chain_next (const uint8_t *frame, size_t len, size_t off, size_t *next_off)
{
  uint32_t nc;

  *next_off = 0;
  if (off > len || len - off < SMB2_HDR_SIZE)
    return 0;
  nc = smb_get_u32 (frame + off + 20);
  if (nc == 0)
    return len - off;
  if (nc < SMB2_HDR_SIZE || nc % 8 != 0 || nc >= len - off)
    return 0;
  *next_off = off + nc;
  return nc;
}

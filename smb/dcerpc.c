/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dcerpc.c: connection-oriented DCE/RPC PDUs (bind, request, response, fault) and NDR20 marshalling, no I/O. */
#include "dcerpc.h"

#include <stdio.h>
#include <string.h>

/* 8a885d04-1ceb-11c9-9fe8-08002b104860 v2.0 */
const dcerpc_syntax dcerpc_ndr20 = {
  { 0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48,
    0x60 }, 2, 0
};

/* 367abb81-9844-35f1-ad32-98f038001003 v2.0 (MS-SCMR) */
const dcerpc_syntax dcerpc_svcctl = {
  { 0x81, 0xbb, 0x7a, 0x36, 0x44, 0x98, 0xf1, 0x35, 0xad, 0x32, 0x98, 0xf0, 0x38, 0x00, 0x10,
    0x03 }, 2, 0
};

static void
dcerpc_why (char *why, size_t whylen, const char *text)
{
  if (why && whylen)
    snprintf (why, whylen, "DCE/RPC: %s", text);
}

static void
dcerpc_header (GByteArray *w, uint8_t type, uint8_t flags, uint32_t call_id)
{
  smb_wr_u8 (w, 5);             /* rpc_vers */
  smb_wr_u8 (w, 0);             /* rpc_vers_minor */
  smb_wr_u8 (w, type);
  smb_wr_u8 (w, flags);
  smb_wr_u32 (w, 0x00000010);   /* data representation: little-endian, ASCII, IEEE */
  smb_wr_u16 (w, 0);            /* frag_length, patched */
  smb_wr_u16 (w, 0);            /* auth_length */
  smb_wr_u32 (w, call_id);
}

static void
dcerpc_finish (GByteArray *w)
{
  smb_put_u16 (w->data + 8, (uint16_t) w->len);
}

static void
dcerpc_syntax_write (GByteArray *w, const dcerpc_syntax *s)
{
  smb_wr_bytes (w, s->uuid, 16);
  smb_wr_u16 (w, s->major);
  smb_wr_u16 (w, s->minor);
}

GByteArray *
dcerpc_bind_pdu (uint32_t call_id, const dcerpc_syntax *abstract)
{
  GByteArray *w = g_byte_array_new ();

  dcerpc_header (w, DCERPC_BIND, DCERPC_PFC_FIRST_FRAG | DCERPC_PFC_LAST_FRAG, call_id);
  smb_wr_u16 (w, DCERPC_MAX_FRAG);  /* max_xmit_frag */
  smb_wr_u16 (w, DCERPC_MAX_FRAG);  /* max_recv_frag */
  smb_wr_u32 (w, 0);                /* assoc_group_id */
  smb_wr_u8 (w, 1);                 /* one context */
  smb_wr_zeros (w, 3);
  smb_wr_u16 (w, 0);                /* p_cont_id */
  smb_wr_u8 (w, 1);                 /* one transfer syntax */
  smb_wr_u8 (w, 0);
  dcerpc_syntax_write (w, abstract);
  dcerpc_syntax_write (w, &dcerpc_ndr20);
  dcerpc_finish (w);
  return w;
}

GPtrArray *
dcerpc_request_pdus (uint32_t call_id, uint16_t opnum, const uint8_t *stub, size_t len,
                     uint16_t max_frag)
{
  GPtrArray *pdus = g_ptr_array_new_with_free_func ((GDestroyNotify) smb_free_secret_bytes);
  size_t room = max_frag > 24 + 8 ? (size_t) max_frag - 24 : 8, off = 0;

  /* Fragments carry a multiple of 8 stub bytes, except the last. */
  room -= room % 8;
  do
    {
      size_t n = MIN (len - off, room);
      uint8_t flags = (off == 0 ? DCERPC_PFC_FIRST_FRAG : 0)
                      | (off + n == len ? DCERPC_PFC_LAST_FRAG : 0);
      GByteArray *w = g_byte_array_new ();

      dcerpc_header (w, DCERPC_REQUEST, flags, call_id);
      smb_wr_u32 (w, (uint32_t) (len - off));  /* alloc_hint: what is left */
      smb_wr_u16 (w, 0);                         /* p_cont_id */
      smb_wr_u16 (w, opnum);
      smb_wr_bytes (w, stub + off, n);
      dcerpc_finish (w);
      g_ptr_array_add (pdus, w);
      off += n;
    }
  while (off < len);
  return pdus;
}

int
dcerpc_pdu_parse (const uint8_t *p, size_t len, dcerpc_pdu *pdu, char *why, size_t whylen)
{
  if (len < DCERPC_HDR_SIZE)
    return 0;
  if (p[0] != 5 || p[1] != 0)
    {
      dcerpc_why (why, whylen, "not a version 5.0 PDU");
      return -1;
    }
  if ((p[4] & 0xF0) != 0x10)
    {
      dcerpc_why (why, whylen, "big-endian data representation is not supported");
      return -1;
    }
  pdu->type = p[2];
  pdu->flags = p[3];
  pdu->frag_len = smb_get_u16 (p + 8);
  pdu->auth_len = smb_get_u16 (p + 10);
  pdu->call_id = smb_get_u32 (p + 12);
  if (pdu->frag_len < DCERPC_HDR_SIZE || (size_t) pdu->auth_len + DCERPC_HDR_SIZE > pdu->frag_len)
    {
      dcerpc_why (why, whylen, "bad fragment length");
      return -1;
    }
  if (len < pdu->frag_len)
    return 0;
  pdu->body = p + DCERPC_HDR_SIZE;
  pdu->body_len = pdu->frag_len - DCERPC_HDR_SIZE - pdu->auth_len;
  return 1;
}

int
dcerpc_bind_ack_parse (const dcerpc_pdu *pdu, uint32_t call_id, uint16_t *max_xmit,
                       uint16_t *max_recv, char *why, size_t whylen)
{
  const uint8_t *res_syntax;
  uint16_t sec_len, result, reason;
  uint8_t nres;
  smb_rd r;

  if (pdu->type == DCERPC_BIND_NAK)
    {
      dcerpc_why (why, whylen, "the server refused the bind (BIND_NAK)");
      return -1;
    }
  if (pdu->type != DCERPC_BIND_ACK || pdu->call_id != call_id)
    {
      dcerpc_why (why, whylen, "expected a BIND_ACK");
      return -1;
    }
  /* Alignment of the results counts from the PDU start (16 bytes before body). */
  smb_rd_init (&r, pdu->body - DCERPC_HDR_SIZE, pdu->body_len + DCERPC_HDR_SIZE);
  smb_rd_seek (&r, DCERPC_HDR_SIZE);
  *max_xmit = smb_rd_u16 (&r);
  *max_recv = smb_rd_u16 (&r);
  smb_rd_skip (&r, 4);          /* assoc_group_id */
  sec_len = smb_rd_u16 (&r);
  smb_rd_skip (&r, sec_len);    /* secondary address */
  smb_rd_align (&r, 4);
  nres = smb_rd_u8 (&r);
  smb_rd_skip (&r, 3);
  result = smb_rd_u16 (&r);
  reason = smb_rd_u16 (&r);
  res_syntax = smb_rd_take (&r, 20);
  if (r.bad || nres < 1)
    {
      dcerpc_why (why, whylen, "truncated BIND_ACK");
      return -1;
    }
  if (result != 0)
    {
      if (why && whylen)
        snprintf (why, whylen, "DCE/RPC: the server rejected the interface (result %u, reason %u)",
                  result, reason);
      return -1;
    }
  if (memcmp (res_syntax, dcerpc_ndr20.uuid, 16) != 0)
    {
      dcerpc_why (why, whylen, "the server chose a transfer syntax other than NDR");
      return -1;
    }
  if (*max_xmit < 64 || *max_recv < 64)
    {
      dcerpc_why (why, whylen, "fragment sizes too small");
      return -1;
    }
  return 0;
}

int
dcerpc_response_collect (const uint8_t *data, size_t len, uint32_t call_id, GByteArray *stub,
                         uint32_t *fault, char *why, size_t whylen)
{
  size_t off = 0, start = stub->len;

  while (off < len)
    {
      dcerpc_pdu pdu;
      smb_rd r;
      int rc = dcerpc_pdu_parse (data + off, len - off, &pdu, why, whylen);

      if (rc <= 0)
        {
          g_byte_array_set_size (stub, (guint) start);
          return rc;
        }
      if (pdu.call_id != call_id)
        {
          dcerpc_why (why, whylen, "a PDU for another call");
          g_byte_array_set_size (stub, (guint) start);
          return -1;
        }
      smb_rd_init (&r, pdu.body, pdu.body_len);
      if (pdu.type == DCERPC_FAULT)
        {
          g_byte_array_set_size (stub, (guint) start);
          smb_rd_skip (&r, 8);
          *fault = smb_rd_u32 (&r);
          if (r.bad)
            {
              dcerpc_why (why, whylen, "truncated FAULT");
              return -1;
            }
          return -2;
        }
      if (pdu.type != DCERPC_RESPONSE)
        {
          dcerpc_why (why, whylen, "expected a RESPONSE");
          g_byte_array_set_size (stub, (guint) start);
          return -1;
        }
      smb_rd_skip (&r, 8);      /* alloc_hint, p_cont_id, cancel_count, reserved */
      if (r.bad || stub->len + smb_rd_left (&r) > DCERPC_MAX_STUB)
        {
          dcerpc_why (why, whylen, r.bad ? "truncated RESPONSE" : "response too large");
          g_byte_array_set_size (stub, (guint) start);
          return -1;
        }
      smb_wr_bytes (stub, pdu.body + r.pos, smb_rd_left (&r));
      off += pdu.frag_len;
      if (pdu.flags & DCERPC_PFC_LAST_FRAG)
        {
          if (off != len)
            {
              dcerpc_why (why, whylen, "data after the last fragment");
              g_byte_array_set_size (stub, (guint) start);
              return -1;
            }
          return 1;
        }
    }
  g_byte_array_set_size (stub, (guint) start);
  return 0;
}

/* --- NDR ------------------------------------------------------------------------ */

void
ndr_init (ndr_wr *w)
{
  w->b = g_byte_array_new ();
  w->next_ref = 0x00020000;
}

void
ndr_align (ndr_wr *w, size_t n)
{
  smb_wr_align (w->b, 0, n);
}

void
ndr_u16 (ndr_wr *w, uint16_t v)
{
  ndr_align (w, 2);
  smb_wr_u16 (w->b, v);
}

void
ndr_u32 (ndr_wr *w, uint32_t v)
{
  ndr_align (w, 4);
  smb_wr_u32 (w->b, v);
}

void
ndr_bytes (ndr_wr *w, const void *p, size_t n)
{
  smb_wr_bytes (w->b, p, n);
}

void
ndr_unique (ndr_wr *w, int present)
{
  if (present)
    {
      ndr_u32 (w, w->next_ref);
      w->next_ref += 4;
    }
  else
    ndr_u32 (w, 0);
}

int
ndr_wstring (ndr_wr *w, const char *utf8, size_t max_chars)
{
  size_t bytes = 0, chars;
  uint8_t *u = smb_utf16le (utf8, strlen (utf8), &bytes);

  if (!u)
    return -1;
  chars = bytes / 2 + 1;
  if (chars > max_chars)
    {
      g_free (u);
      return -1;
    }
  ndr_u32 (w, (uint32_t) chars);  /* max count */
  ndr_u32 (w, 0);                  /* offset */
  ndr_u32 (w, (uint32_t) chars);  /* actual count */
  smb_wr_bytes (w->b, u, bytes + 2);
  g_free (u);
  return 0;
}

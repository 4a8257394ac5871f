/* SPDX-License-Identifier: GPL-2.0-or-later */
/* spnego.c: the SPNEGO (RFC 4178) wrapping of NTLMSSP tokens in SMB2 SESSION_SETUP, DER with bounds checks. */
#include "spnego.h"
#include "smb_buf.h"

#include <stdio.h>
#include <string.h>

/* 1.3.6.1.5.5.2 and 1.3.6.1.4.1.311.2.2.10 as DER contents. */
static const uint8_t spnego_oid[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const uint8_t ntlmssp_oid[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };

/* --- encoding -------------------------------------------------------------- */

/* tag || length || content, as a new array. */
static GByteArray *
der_wrap (uint8_t tag, const uint8_t *content, size_t len)
{
  GByteArray *w = g_byte_array_new ();

  smb_wr_u8 (w, tag);
  if (len < 0x80)
    smb_wr_u8 (w, (uint8_t) len);
  else if (len <= 0xFF)
    {
      smb_wr_u8 (w, 0x81);
      smb_wr_u8 (w, (uint8_t) len);
    }
  else if (len <= 0xFFFF)
    {
      smb_wr_u8 (w, 0x82);
      smb_wr_u8 (w, (uint8_t) (len >> 8));
      smb_wr_u8 (w, (uint8_t) len);
    }
  else
    {
      smb_wr_u8 (w, 0x83);
      smb_wr_u8 (w, (uint8_t) (len >> 16));
      smb_wr_u8 (w, (uint8_t) (len >> 8));
      smb_wr_u8 (w, (uint8_t) len);
    }
  smb_wr_bytes (w, content, len);
  return w;
}

/* Wraps 'inner' (consumed) with a tag. */
static GByteArray *
der_wrap_free (uint8_t tag, GByteArray *inner)
{
  GByteArray *w = der_wrap (tag, inner->data, inner->len);

  g_byte_array_free (inner, TRUE);
  return w;
}

static void
der_append_free (GByteArray *dst, GByteArray *part)
{
  smb_wr_bytes (dst, part->data, part->len);
  g_byte_array_free (part, TRUE);
}

GByteArray *
spnego_init_token (const uint8_t *token, size_t len)
{
  GByteArray *mechs, *init, *gss;

  /* mechTypes [0] SEQUENCE OF OID { NTLMSSP } */
  mechs = der_wrap_free (0xa0, der_wrap_free (0x30, der_wrap (0x06, ntlmssp_oid,
                                                              sizeof ntlmssp_oid)));
  init = g_byte_array_new ();
  der_append_free (init, mechs);
  /* mechToken [2] OCTET STRING */
  der_append_free (init, der_wrap_free (0xa2, der_wrap (0x04, token, len)));
  init = der_wrap_free (0xa0, der_wrap_free (0x30, init));
  gss = der_wrap (0x06, spnego_oid, sizeof spnego_oid);
  der_append_free (gss, init);
  return der_wrap_free (0x60, gss);
}

GByteArray *
spnego_resp_token (const uint8_t *token, size_t len)
{
  return der_wrap_free (0xa1, der_wrap_free (0x30, der_wrap_free (0xa2, der_wrap (0x04, token,
                                                                                   len))));
}

/* --- decoding -------------------------------------------------------------- */

/* Reads one TLV: its tag and content.  -1 when malformed or truncated. */
static int
der_read (smb_rd *r, uint8_t *tag, const uint8_t **content, size_t *len)
{
  uint8_t first;
  size_t n = 0;

  *tag = smb_rd_u8 (r);
  first = smb_rd_u8 (r);
  if (r->bad)
    return -1;
  if (first < 0x80)
    n = first;
  else
    {
      int i, bytes = first & 0x7f;

      /* No indefinite lengths in DER; four length bytes are plenty. */
      if (bytes == 0 || bytes > 4)
        return -1;
      for (i = 0; i < bytes; i++)
        n = (n << 8) | smb_rd_u8 (r);
      if (r->bad)
        return -1;
    }
  *len = n;
  *content = smb_rd_take (r, n);
  return *content ? 0 : -1;
}

static void
spnego_why (char *why, size_t whylen, const char *text)
{
  if (why && whylen)
    snprintf (why, whylen, "SPNEGO: %s", text);
}

/* The fields of the NegTokenResp SEQUENCE. */
static int
spnego_parse_fields (const uint8_t *p, size_t len, spnego_reply *out, char *why, size_t whylen)
{
  smb_rd r;

  smb_rd_init (&r, p, len);
  while (smb_rd_left (&r) > 0)
    {
      uint8_t tag, itag;
      const uint8_t *c, *ic;
      size_t clen, iclen;
      smb_rd inner;

      if (der_read (&r, &tag, &c, &clen) != 0)
        {
          spnego_why (why, whylen, "malformed NegTokenResp field");
          return -1;
        }
      smb_rd_init (&inner, c, clen);
      if (der_read (&inner, &itag, &ic, &iclen) != 0)
        {
          spnego_why (why, whylen, "malformed NegTokenResp value");
          return -1;
        }
      switch (tag)
        {
        case 0xa0: /* negState ENUMERATED */
          if (itag != 0x0a || iclen != 1)
            {
              spnego_why (why, whylen, "bad negState");
              return -1;
            }
          out->neg_state = ic[0];
          break;
        case 0xa1: /* supportedMech OID */
          if (itag != 0x06)
            {
              spnego_why (why, whylen, "bad supportedMech");
              return -1;
            }
          out->mech_ntlm = iclen == sizeof ntlmssp_oid && !memcmp (ic, ntlmssp_oid, iclen);
          break;
        case 0xa2: /* responseToken OCTET STRING */
          if (itag != 0x04)
            {
              spnego_why (why, whylen, "bad responseToken");
              return -1;
            }
          out->token = ic;
          out->token_len = iclen;
          break;
        default: /* mechListMIC and anything newer: not used */
          break;
        }
    }
  return 0;
}

int
spnego_parse_reply (const uint8_t *p, size_t len, spnego_reply *out, char *why, size_t whylen)
{
  const uint8_t *c, *seq;
  size_t clen, seqlen;
  uint8_t tag;
  smb_rd r;

  out->neg_state = -1;
  out->mech_ntlm = -1;
  out->token = NULL;
  out->token_len = 0;
  if (len >= 8 && memcmp (p, "NTLMSSP", 8) == 0)
    {
      out->token = p;
      out->token_len = len;
      return 0;
    }
  smb_rd_init (&r, p, len);
  if (der_read (&r, &tag, &c, &clen) != 0 || tag != 0xa1)
    {
      spnego_why (why, whylen, "the reply is not a NegTokenResp");
      return -1;
    }
  smb_rd_init (&r, c, clen);
  if (der_read (&r, &tag, &seq, &seqlen) != 0 || tag != 0x30)
    {
      spnego_why (why, whylen, "NegTokenResp is not a SEQUENCE");
      return -1;
    }
  return spnego_parse_fields (seq, seqlen, out, why, whylen);
}

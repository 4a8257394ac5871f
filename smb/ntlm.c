/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ntlm.c: NTLMSSP messages and NTLM / NTLMv2 responses (MS-NLMP), pure functions without I/O. */
#include "ntlm.h"
#include "smb_buf.h"
#include "smb_crypto.h"

#include <stdio.h>
#include <string.h>

#define NTLM_SIGNATURE "NTLMSSP"  /* 8 bytes with the NUL */
#define NTLM_MAX_NAME 256         /* characters of user, domain, workstation */

/* --- one-way functions ----------------------------------------------------- */

/* UTF-16LE of a password: UTF-8 when valid, else each byte as Latin-1. */
static uint8_t *
ntlm_password_utf16 (const char *pw, size_t len, size_t *out_len)
{
  uint8_t *u = smb_utf16le (pw, len, out_len);
  size_t i;

  if (u)
    return u;
  u = g_malloc (2 * len + 2);
  for (i = 0; i < len; i++)
    smb_put_u16 (u + 2 * i, (uint8_t) pw[i]);
  *out_len = 2 * len;
  return u;
}

void
ntlm_nt_owf (const char *password, size_t len, uint8_t out[16])
{
  size_t ulen = 0;
  uint8_t *u = ntlm_password_utf16 (password ? password : "", password ? len : 0, &ulen);

  smb_md4 (u, ulen, out);
  smb_wipe (u, ulen);
  g_free (u);
}

void
ntlm_lm_owf (const char *password, size_t len, uint8_t out[16])
{
  static const uint8_t magic[8] = { 'K', 'G', 'S', '!', '@', '#', '$', '%' };
  uint8_t pw[14] = { 0 };
  size_t i;

  for (i = 0; i < len && i < sizeof pw && password[i]; i++)
    pw[i] = (uint8_t) g_ascii_toupper (password[i]);
  smb_des7 (pw, magic, out);
  smb_des7 (pw + 7, magic, out + 8);
  smb_wipe (pw, sizeof pw);
}

void
ntlm_ntowf_v2 (const uint8_t nt_owf[16], const char *user, const char *domain, uint8_t out[16])
{
  char *upper = g_utf8_strup (user ? user : "", -1);
  size_t ulen = 0, dlen = 0;
  uint8_t *u = smb_utf16le (upper, strlen (upper), &ulen);
  uint8_t *d = smb_utf16le (domain ? domain : "", domain ? strlen (domain) : 0, &dlen);

  smb_hmac_md5 (nt_owf, 16, u ? u : (const uint8_t *) "", u ? ulen : 0, d, d ? dlen : 0, out);
  g_free (upper);
  g_free (u);
  g_free (d);
}

void
ntlm_desl (const uint8_t key[16], const uint8_t challenge[8], uint8_t out[24])
{
  uint8_t k21[21] = { 0 };

  memcpy (k21, key, 16);
  smb_des7 (k21, challenge, out);
  smb_des7 (k21 + 7, challenge, out + 8);
  smb_des7 (k21 + 14, challenge, out + 16);
  smb_wipe (k21, sizeof k21);
}

void
ntlm_v2_response (const uint8_t ntowf_v2[16], const uint8_t server_challenge[8],
                  const uint8_t client_challenge[8], uint64_t timestamp,
                  const uint8_t *target_info, size_t target_info_len, GByteArray *nt_response,
                  uint8_t session_base_key[16])
{
  GByteArray *temp = g_byte_array_new ();
  uint8_t proof[16];

  smb_wr_u8 (temp, 1);  /* RespType */
  smb_wr_u8 (temp, 1);  /* HiRespType */
  smb_wr_zeros (temp, 6);
  smb_wr_u64 (temp, timestamp);
  smb_wr_bytes (temp, client_challenge, 8);
  smb_wr_zeros (temp, 4);
  smb_wr_bytes (temp, target_info, target_info_len);
  smb_wr_zeros (temp, 4);
  smb_hmac_md5 (ntowf_v2, 16, server_challenge, 8, temp->data, temp->len, proof);
  smb_wr_bytes (nt_response, proof, 16);
  smb_wr_bytes (nt_response, temp->data, temp->len);
  smb_hmac_md5 (ntowf_v2, 16, proof, 16, NULL, 0, session_base_key);
  g_byte_array_free (temp, TRUE);
}

void
ntlm_lmv2_response (const uint8_t ntowf_v2[16], const uint8_t server_challenge[8],
                    const uint8_t client_challenge[8], uint8_t out[24])
{
  smb_hmac_md5 (ntowf_v2, 16, server_challenge, 8, client_challenge, 8, out);
  memcpy (out + 16, client_challenge, 8);
}

uint64_t
ntlm_filetime_now (void)
{
  /* 11644473600 s between 1601-01-01 and 1970-01-01. */
  return ((uint64_t) g_get_real_time () + UINT64_C (11644473600000000)) * 10;
}

/* --- messages ---------------------------------------------------------------- */

GByteArray *
ntlm_negotiate_message (void)
{
  GByteArray *m = g_byte_array_new ();

  smb_wr_bytes (m, NTLM_SIGNATURE, 8);
  smb_wr_u32 (m, 1);
  smb_wr_u32 (m, NTLM_CLIENT_FLAGS);
  smb_wr_zeros (m, 8); /* DomainNameFields */
  smb_wr_zeros (m, 8); /* WorkstationFields */
  return m;
}

void
ntlm_challenge_clear (ntlm_challenge *c)
{
  g_free (c->nb_computer);
  g_free (c->nb_domain);
  memset (c, 0, sizeof *c);
}

static void
ntlm_why (char *why, size_t whylen, const char *text)
{
  if (why && whylen)
    snprintf (why, whylen, "%s", text);
}

/* Walks the AV pairs: 0 when they are well formed and end with MsvAvEOL. */
static int
ntlm_parse_av_pairs (ntlm_challenge *c, char *why, size_t whylen)
{
  smb_rd r;

  smb_rd_init (&r, c->target_info, c->target_info_len);
  for (;;)
    {
      uint16_t id = smb_rd_u16 (&r), len = smb_rd_u16 (&r);
      const uint8_t *v = smb_rd_take (&r, len);

      if (r.bad)
        {
          ntlm_why (why, whylen, "NTLM challenge: target information is truncated");
          return -1;
        }
      if (id == NTLM_AV_EOL)
        {
          /* Anything after MsvAvEOL is ignored, as Windows does. */
          c->target_info_len = r.pos;
          return 0;
        }
      if (id == NTLM_AV_TIMESTAMP && len == 8)
        {
          c->has_timestamp = 1;
          c->timestamp = smb_get_u64 (v);
        }
      else if (id == NTLM_AV_NB_COMPUTER_NAME && !c->nb_computer)
        c->nb_computer = smb_utf8_from_utf16le (v, len);
      else if (id == NTLM_AV_NB_DOMAIN_NAME && !c->nb_domain)
        c->nb_domain = smb_utf8_from_utf16le (v, len);
    }
}

int
ntlm_parse_challenge (const uint8_t *msg, size_t len, ntlm_challenge *c, char *why,
                      size_t whylen)
{
  smb_rd r;
  const uint8_t *sig, *chal;
  uint16_t ti_len;
  uint32_t ti_off;

  memset (c, 0, sizeof *c);
  smb_rd_init (&r, msg, len);
  sig = smb_rd_take (&r, 8);
  if (!sig || memcmp (sig, NTLM_SIGNATURE, 8) != 0 || smb_rd_u32 (&r) != 2)
    {
      ntlm_why (why, whylen, "not an NTLM challenge message");
      return -1;
    }
  smb_rd_skip (&r, 8); /* TargetNameFields */
  c->flags = smb_rd_u32 (&r);
  chal = smb_rd_take (&r, 8);
  smb_rd_skip (&r, 8); /* Reserved */
  if (r.bad)
    {
      ntlm_why (why, whylen, "NTLM challenge message is truncated");
      return -1;
    }
  memcpy (c->server_challenge, chal, 8);
  if (smb_rd_left (&r) >= 8)
    {
      ti_len = smb_rd_u16 (&r);
      smb_rd_skip (&r, 2);
      ti_off = smb_rd_u32 (&r);
      if (ti_len)
        {
          c->target_info = smb_slice (msg, len, ti_off, ti_len);
          c->target_info_len = ti_len;
          if (!c->target_info)
            {
              ntlm_why (why, whylen, "NTLM challenge: target information outside the message");
              ntlm_challenge_clear (c);
              return -1;
            }
          if (ntlm_parse_av_pairs (c, why, whylen) != 0)
            {
              ntlm_challenge_clear (c);
              return -1;
            }
        }
    }
  if (!(c->flags & NTLM_NEGOTIATE_UNICODE))
    {
      ntlm_why (why, whylen, "the server does not accept Unicode NTLM messages");
      ntlm_challenge_clear (c);
      return -1;
    }
  return 0;
}

uint32_t
ntlm_auth_flags (uint32_t challenge_flags)
{
  return (challenge_flags & NTLM_CLIENT_FLAGS) | NTLM_NEGOTIATE_UNICODE;
}

/* The target information sent back: the server's, plus MsvAvTargetName when
** asked for (and not already there), ending with MsvAvEOL. */
static GByteArray *
ntlm_client_target_info (const ntlm_challenge *c, const char *spn)
{
  GByteArray *ti = g_byte_array_new ();
  smb_rd r;

  smb_rd_init (&r, c->target_info, c->target_info_len);
  while (smb_rd_left (&r) >= 4)
    {
      uint16_t id = smb_rd_u16 (&r), len = smb_rd_u16 (&r);
      const uint8_t *v = smb_rd_take (&r, len);

      if (r.bad || id == NTLM_AV_EOL)
        break;
      if (id == NTLM_AV_TARGET_NAME)
        spn = NULL;
      smb_wr_u16 (ti, id);
      smb_wr_u16 (ti, len);
      smb_wr_bytes (ti, v, len);
    }
  if (spn && *spn)
    {
      size_t n = 0;
      uint8_t *u = smb_utf16le (spn, strlen (spn), &n);

      if (u && n <= 0xFFFF)
        {
          smb_wr_u16 (ti, NTLM_AV_TARGET_NAME);
          smb_wr_u16 (ti, (uint16_t) n);
          smb_wr_bytes (ti, u, n);
        }
      g_free (u);
    }
  smb_wr_u32 (ti, 0); /* MsvAvEOL */
  return ti;
}

/* Appends a security buffer's descriptor at 'field' and its data to the payload. */
static void
ntlm_put_field (GByteArray *m, size_t field, const void *data, size_t len)
{
  smb_put_u16 (m->data + field, (uint16_t) len);
  smb_put_u16 (m->data + field + 2, (uint16_t) len);
  smb_put_u32 (m->data + field + 4, m->len);
  smb_wr_bytes (m, data, len);
}

static int
ntlm_name_utf16 (const char *s, uint8_t **out, size_t *len)
{
  *out = smb_utf16le (s ? s : "", s ? strlen (s) : 0, len);
  return *out && *len <= 2 * NTLM_MAX_NAME ? 0 : -1;
}

GByteArray *
ntlm_authenticate_message (const ntlm_auth_params *p, const ntlm_challenge *c,
                           uint8_t exported_session_key[16], char *why, size_t whylen)
{
  uint32_t flags = p->flags ? p->flags : ntlm_auth_flags (c->flags);
  uint8_t ntowf2[16], base_key[16], lm[24], enc_key[16];
  uint8_t *dom = NULL, *usr = NULL, *wks = NULL;
  size_t dlen, ulen, wlen, header;
  GByteArray *ti, *nt, *m = NULL;

  if (ntlm_name_utf16 (p->domain, &dom, &dlen) || ntlm_name_utf16 (p->user, &usr, &ulen)
      || ntlm_name_utf16 (p->workstation, &wks, &wlen))
    {
      ntlm_why (why, whylen, "user, domain or workstation name is not UTF-8 or too long");
      goto out;
    }
  ntlm_ntowf_v2 (p->nt_owf, p->user, p->domain, ntowf2);
  ti = ntlm_client_target_info (c, p->target_spn);
  nt = g_byte_array_new ();
  ntlm_v2_response (ntowf2, c->server_challenge, p->client_challenge,
                    c->has_timestamp ? c->timestamp : p->timestamp, ti->data, ti->len, nt,
                    base_key);
  g_byte_array_free (ti, TRUE);
  /* With a server timestamp the LM response must be all zeros (MS-NLMP 3.1.5.1.2). */
  if (c->has_timestamp)
    memset (lm, 0, sizeof lm);
  else
    ntlm_lmv2_response (ntowf2, c->server_challenge, p->client_challenge, lm);
  /* NTLMv2: the key exchange key is the session base key. */
  if (flags & NTLM_NEGOTIATE_KEY_EXCH)
    {
      memcpy (exported_session_key, p->random_session_key, 16);
      memcpy (enc_key, p->random_session_key, 16);
      smb_rc4 (base_key, 16, enc_key, 16);
    }
  else
    memcpy (exported_session_key, base_key, 16);

  header = 64 + ((flags & NTLM_NEGOTIATE_VERSION) ? 8 : 0);
  m = g_byte_array_new ();
  smb_wr_bytes (m, NTLM_SIGNATURE, 8);
  smb_wr_u32 (m, 3);
  smb_wr_zeros (m, 48);  /* six security buffer descriptors, filled below */
  smb_wr_u32 (m, flags);
  if (flags & NTLM_NEGOTIATE_VERSION)
    smb_wr_bytes (m, p->version, 8);
  g_assert (m->len == header);
  ntlm_put_field (m, 28, dom, dlen);
  ntlm_put_field (m, 36, usr, ulen);
  ntlm_put_field (m, 44, wks, wlen);
  ntlm_put_field (m, 12, lm, sizeof lm);
  ntlm_put_field (m, 20, nt->data, nt->len);
  if (flags & NTLM_NEGOTIATE_KEY_EXCH)
    ntlm_put_field (m, 52, enc_key, 16);
  else
    smb_put_u32 (m->data + 56, m->len);
  smb_free_secret_bytes (nt);

out:
  smb_wipe (ntowf2, sizeof ntowf2);
  smb_wipe (base_key, sizeof base_key);
  smb_wipe (enc_key, sizeof enc_key);
  g_free (dom);
  g_free (usr);
  g_free (wks);
  return m;
}

void
ntlm_split_login (const char *login, const char *default_domain, char **user, char **domain)
{
  const char *sep;

  login = login ? login : "";
  sep = strpbrk (login, "\\/");
  if (sep)
    {
      *domain = g_strndup (login, (gsize) (sep - login));
      *user = g_strdup (sep + 1);
      return;
    }
  sep = strrchr (login, '@');
  if (sep && !strchr (sep + 1, '.') && sep[1] && sep != login)
    {
      /* "user@DOMAIN" with a NetBIOS-style name: the same as DOMAIN\user. */
      *user = g_strndup (login, (gsize) (sep - login));
      *domain = g_strdup (sep + 1);
      return;
    }
  *user = g_strdup (login);
  *domain = g_strdup (sep ? "" : (default_domain ? default_domain : ""));
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_ntlm.c: builtin family 'ntlm': OpenVAS's NTLM and SMB signing/crypto builtins (MD4, *_owf_gen, ntlm*_response, smb3kdf ...). */
#include "libs.h"
#include "ntlm.h"
#include "smb_buf.h"
#include "smb_crypto.h"

#include <string.h>

/*
** Names, arguments, results and failure cases follow OpenVAS's nasl_crypto.c,
** nasl_crypto2.c and nasl_misc_funcs.c (read for facts, not copied).  The
** primitives are smb/'s (nettle, gnutls).  Where OpenVAS would read past a
** short argument, we refuse it with a diagnostic and return NULL; other
** differences are listed in doc/smb.md.
*/

/* A string/data argument and its length; NULL when absent. */
static const uint8_t *
lib_ntlm_arg (nasl_call *call, const char *name, size_t *len)
{
  *len = 0;
  return (const uint8_t *) nasl_arg_str (call, name, len);
}

static nasl_value
lib_ntlm_data (const void *p, size_t n)
{
  return nasl_value_data ((const char *) p, n);
}

/* Bytes up to the first NUL (C-string view of a counted value). */
static size_t
lib_ntlm_cstrlen (const uint8_t *p, size_t len)
{
  const uint8_t *nul = memchr (p, 0, len);
  return nul ? (size_t) (nul - p) : len;
}

/* --- hashes ----------------------------------------------------------------- */

/* MD4(data) */
static nasl_value
lib_ntlm_md4 (nasl_call *call)
{
  size_t len = 0;
  const char *data = nasl_arg_pos_str (call, 0, &len);
  uint8_t out[16];

  if (!data)
    return NASL_NULL;
  smb_md4 (data, len, out);
  return lib_ntlm_data (out, 16);
}

/* nt_owf_gen(password): MD4 of the UTF-16LE password (up to a NUL). */
static nasl_value
lib_ntlm_nt_owf_gen (nasl_call *call)
{
  size_t len = 0, ulen = 0;
  const char *pw = nasl_arg_pos_str (call, 0, &len);
  uint8_t out[16], *u;

  if (!pw)
    {
      nasl_call_error (call, "Syntax : nt_owf_gen(<password>)");
      return NASL_NULL;
    }
  u = smb_utf16le (pw, strlen (pw), &ulen);
  if (!u)
    return NASL_NULL;  /* not UTF-8: OpenVAS returns NULL and says nothing */
  smb_md4 (u, ulen, out);
  smb_wipe (u, ulen);
  g_free (u);
  return lib_ntlm_data (out, 16);
}

/* lm_owf_gen(password): the LM hash (14 bytes, ASCII upper case). */
static nasl_value
lib_ntlm_lm_owf_gen (nasl_call *call)
{
  size_t len = 0;
  const char *pw = nasl_arg_pos_str (call, 0, &len);
  uint8_t out[16];

  if (!pw)
    {
      nasl_call_error (call, "Syntax : nt_lm_gen(password:<p>)");
      return NASL_NULL;
    }
  ntlm_lm_owf (pw, len, out);
  return lib_ntlm_data (out, 16);
}

/* A byte as OpenVAS widens it to a UCS-2 code unit: through a signed char,
** so 0x80..0xFF become 0xFF80..0xFFFF. */
static uint16_t
lib_ntlm_widen (uint8_t b)
{
  return (uint16_t) (int16_t) (int8_t) b;
}

/* Bytes (up to a NUL) widened to UCS-2, a-z upper-cased, appended. */
static void
lib_ntlm_ucs2_upper (GByteArray *w, const uint8_t *p, size_t len)
{
  size_t i, n = lib_ntlm_cstrlen (p, len);

  for (i = 0; i < n; i++)
    smb_wr_u16 (w, lib_ntlm_widen ((uint8_t) g_ascii_toupper ((char) p[i])));
}

/* ntv2_owf_gen(owf:, login:, domain:) */
static nasl_value
lib_ntlm_ntv2_owf_gen (nasl_call *call)
{
  size_t olen, llen, dlen;
  const uint8_t *owf = lib_ntlm_arg (call, "owf", &olen);
  const uint8_t *login = lib_ntlm_arg (call, "login", &llen);
  const uint8_t *domain = lib_ntlm_arg (call, "domain", &dlen);
  uint8_t key[16] = { 0 }, out[16];
  GByteArray *w;

  if (!owf || !login || !domain)
    {
      nasl_call_error (call, "Syntax : ntv2_owf_gen(owf:<o>, login:<l>, domain:<d>)");
      return NASL_NULL;
    }
  if (olen != 16)
    nasl_call_error (call, "owf_in must have a length of 16");
  memcpy (key, owf, MIN (olen, 16));
  w = g_byte_array_new ();
  lib_ntlm_ucs2_upper (w, login, llen);
  lib_ntlm_ucs2_upper (w, domain, dlen);
  smb_hmac_md5 (key, 16, w->data, w->len, NULL, 0, out);
  g_byte_array_free (w, TRUE);
  smb_wipe (key, sizeof key);
  return lib_ntlm_data (out, 16);
}

/* --- responses -------------------------------------------------------------- */

static int
lib_ntlm_need (nasl_call *call, const char *what, size_t have, size_t need)
{
  if (have >= need)
    return 0;
  nasl_call_error (call, "%s must be at least %zu bytes long (got %zu)", what, need, have);
  return -1;
}

/* ntlmv2_response(cryptkey:, user:, domain:, ntlmv2_hash:, address_list:)
** = LMv2 response (24) || session key (16) || NTLMv2 response. */
static nasl_value
lib_ntlm_ntlmv2_response (nasl_call *call)
{
  size_t clen, ulen, dlen, hlen, alen;
  const uint8_t *chal = lib_ntlm_arg (call, "cryptkey", &clen);
  const uint8_t *user = lib_ntlm_arg (call, "user", &ulen);
  const uint8_t *domain = lib_ntlm_arg (call, "domain", &dlen);
  const uint8_t *hash = lib_ntlm_arg (call, "ntlmv2_hash", &hlen);
  const uint8_t *addr = lib_ntlm_arg (call, "address_list", &alen);
  uint8_t client[8], lmc[8], proof[16], skey[16], lm[24];
  GByteArray *blob, *out;
  nasl_value ret;

  if (!chal || !user || !domain || !hash || !addr || alen == 0 || addr[0] == 0)
    {
      nasl_call_error (call, "Syntax : ntlmv2_response(cryptkey:<c>, user:<u>, domain:<d>, "
                       "ntlmv2_hash:<n>, address_list:<a>, address_list_len:<len>)");
      return NASL_NULL;
    }
  if (alen > 0xFFFF)
    {
      nasl_call_error (call, "ntlmv2_response: address_list_len exceed Max length");
      return NASL_NULL;
    }
  if (lib_ntlm_need (call, "cryptkey", clen, 8) || lib_ntlm_need (call, "ntlmv2_hash", hlen, 16))
    return NASL_NULL;
  /* OpenVAS's blob: 01 01 00 00, 4 zeros, time, client challenge, 4 zeros,
  ** the address list (and no trailing zeros). */
  smb_random (client, sizeof client);
  blob = g_byte_array_new ();
  smb_wr_u32 (blob, 0x00000101);
  smb_wr_u32 (blob, 0);
  smb_wr_u64 (blob, ntlm_filetime_now () / 10000000 * 10000000);
  smb_wr_bytes (blob, client, 8);
  smb_wr_u32 (blob, 0);
  smb_wr_bytes (blob, addr, alen);
  smb_hmac_md5 (hash, 16, chal, 8, blob->data, blob->len, proof);
  smb_hmac_md5 (hash, 16, proof, 16, NULL, 0, skey);
  smb_random (lmc, sizeof lmc);
  ntlm_lmv2_response (hash, chal, lmc, lm);
  out = g_byte_array_new ();
  smb_wr_bytes (out, lm, 24);
  smb_wr_bytes (out, skey, 16);
  smb_wr_bytes (out, proof, 16);
  smb_wr_bytes (out, blob->data, blob->len);
  ret = lib_ntlm_data (out->data, out->len);
  g_byte_array_free (blob, TRUE);
  smb_free_secret_bytes (out);
  smb_wipe (skey, sizeof skey);
  return ret;
}

/* ntlm2_response(cryptkey:, password:, nt_hash:): NTLMv1 with a client
** challenge = LM (24) || NT (24) || session key (16). */
static nasl_value
lib_ntlm_ntlm2_response (nasl_call *call)
{
  size_t clen, plen, hlen;
  const uint8_t *chal = lib_ntlm_arg (call, "cryptkey", &clen);
  const uint8_t *pw = lib_ntlm_arg (call, "password", &plen);
  const uint8_t *nt = lib_ntlm_arg (call, "nt_hash", &hlen);
  uint8_t nonce[16], md5[16], usk[16], out[64];

  if (!chal || !pw || !nt || hlen < 16)
    {
      nasl_call_error (call, "Syntax : ntlm2_response(cryptkey:<c>, password:<p>, "
                       "nt_hash:<n[16]>)");
      return NASL_NULL;
    }
  if (lib_ntlm_need (call, "cryptkey", clen, 8))
    return NASL_NULL;
  memcpy (nonce, chal, 8);
  smb_random (nonce + 8, 8);
  memcpy (out, nonce + 8, 8);      /* LM: the client challenge, then zeros */
  memset (out + 8, 0, 16);
  smb_md5 (nonce, 16, md5);
  ntlm_desl (nt, md5, out + 24);
  smb_md4 (nt, 16, usk);
  smb_hmac_md5 (usk, 16, nonce, 16, NULL, 0, out + 48);
  smb_wipe (usk, sizeof usk);
  return lib_ntlm_data (out, sizeof out);
}

/* The LM hash of OpenVAS's ntlm_response: the password (its length taken as
** one byte) upper-cased as UTF-8, its first 14 bytes. */
static void
lib_ntlm_deshash (const uint8_t *pw, size_t len, uint8_t out[16])
{
  size_t n = len & 0xFF;
  char *upper = g_utf8_strup ((const char *) pw, (gssize) n);
  size_t ulen = strlen (upper);
  char first[15] = { 0 };

  memcpy (first, upper, MIN (MIN (ulen, n), 14));
  /* DES of the magic with the raw bytes: no further case change */
  {
    static const uint8_t magic[8] = { 'K', 'G', 'S', '!', '@', '#', '$', '%' };
    smb_des7 ((const uint8_t *) first, magic, out);
    smb_des7 ((const uint8_t *) first + 7, magic, out + 8);
  }
  smb_wipe (first, sizeof first);
  smb_wipe (upper, ulen);
  g_free (upper);
}

/* ntlm_response(cryptkey:, password:, nt_hash:, neg_flags:): NTLMv1 =
** LM (24) || NT (24) || session key (16; the LM key with NEGOTIATE_LM_KEY). */
static nasl_value
lib_ntlm_ntlm_response (nasl_call *call)
{
  size_t clen, plen, hlen;
  const uint8_t *chal = lib_ntlm_arg (call, "cryptkey", &clen);
  const uint8_t *pw = lib_ntlm_arg (call, "password", &plen);
  const uint8_t *nt = lib_ntlm_arg (call, "nt_hash", &hlen);
  long flags = nasl_arg_int (call, "neg_flags", -1);
  uint8_t lm_hash[16], out[64];

  if (!chal || !pw || !nt || hlen < 16 || flags < 0)
    {
      nasl_call_error (call, "Syntax : ntlm_response(cryptkey:<c>, password:<p>, "
                       "nt_hash:<n[16]>, neg_flags:<nf>)");
      return NASL_NULL;
    }
  if (lib_ntlm_need (call, "cryptkey", clen, 8))
    return NASL_NULL;
  lib_ntlm_deshash (pw, plen, lm_hash);
  ntlm_desl (lm_hash, chal, out);
  ntlm_desl (nt, chal, out + 24);
  if (flags & NTLM_NEGOTIATE_LM_KEY)
    {
      uint8_t partial[16], p24[24];

      memcpy (partial, lm_hash, 8);
      memset (partial + 8, 0xBD, 8);
      ntlm_desl (partial, out, p24);
      memcpy (out + 48, p24, 16);
      smb_wipe (p24, sizeof p24);
    }
  else
    smb_md4 (nt, 16, out + 48);
  smb_wipe (lm_hash, sizeof lm_hash);
  return lib_ntlm_data (out, sizeof out);
}

/* key_exchange(cryptkey:, session_key:, nt_hash:) = a new random key (16) ||
** that key RC4-encrypted with the session key (16). */
static nasl_value
lib_ntlm_key_exchange (nasl_call *call)
{
  size_t clen, slen, hlen;
  const uint8_t *chal = lib_ntlm_arg (call, "cryptkey", &clen);
  const uint8_t *skey = lib_ntlm_arg (call, "session_key", &slen);
  const uint8_t *nt = lib_ntlm_arg (call, "nt_hash", &hlen);
  uint8_t out[32];

  if (!chal || !skey || !nt)
    {
      nasl_call_error (call,
                       "Syntax : key_exchange(cryptkey:<c>, session_key:<s>, nt_hash:<n> )");
      return NASL_NULL;
    }
  if (lib_ntlm_need (call, "session_key", slen, 16))
    return NASL_NULL;
  smb_random (out, 16);
  memcpy (out + 16, out, 16);
  smb_rc4 (skey, 16, out + 16, 16);
  return lib_ntlm_data (out, sizeof out);
}

/* NTLMv1_HASH(cryptkey:, passhash:) */
static nasl_value
lib_ntlm_v1_hash (nasl_call *call)
{
  size_t clen, plen;
  const uint8_t *chal = lib_ntlm_arg (call, "cryptkey", &clen);
  const uint8_t *hash = lib_ntlm_arg (call, "passhash", &plen);
  uint8_t out[24];

  if (!chal || !hash)
    {
      nasl_call_error (call, "Syntax : ntlmv1_hash(cryptkey:<c>, passhash:<p>)");
      return NASL_NULL;
    }
  if (plen != 16)
    {
      nasl_call_error (call, "passhash must be exact 16 bytes long, please use `nt_owf_gen` "
                       "or `lm_owf_gen` to generate it");
      return NASL_NULL;
    }
  if (lib_ntlm_need (call, "cryptkey", clen, 8))
    return NASL_NULL;
  ntlm_desl (hash, chal, out);
  return lib_ntlm_data (out, sizeof out);
}

/* NTLMv2_HASH(cryptkey:, passhash:, length:) = HMAC-MD5(passhash, cryptkey ||
** client data) || client data, the client data 'length' random bytes. */
static nasl_value
lib_ntlm_v2_hash (nasl_call *call)
{
  size_t clen, plen;
  const uint8_t *chal = lib_ntlm_arg (call, "cryptkey", &clen);
  const uint8_t *hash = lib_ntlm_arg (call, "passhash", &plen);
  long n = nasl_arg_int (call, "length", -1);
  uint8_t *out;
  nasl_value ret;

  if (!chal || !hash || n < 0)
    {
      nasl_call_error (call, "Syntax : ntlmv2_hash(cryptkey:<c>, passhash:<p>, length:<l>)");
      return NASL_NULL;
    }
  if (n > 4096)
    {
      nasl_call_error (call, "Length too big. Max is 4096");
      return NASL_NULL;
    }
  if (plen != 16)
    {
      nasl_call_error (call, "owf_in must have a length of 16");
      return NASL_NULL;
    }
  if (clen != 8)
    {
      nasl_call_error (call, "cryptkey/server_chal must have a length of 8");
      return NASL_NULL;
    }
  out = g_malloc (16 + (size_t) n);
  smb_random (out + 16, (size_t) n);
  smb_hmac_md5 (hash, 16, chal, 8, out + 16, (size_t) n, out);
  ret = lib_ntlm_data (out, 16 + (size_t) n);
  g_free (out);
  return ret;
}

/* --- byte helpers ------------------------------------------------------------ */

/* insert_hexzeros(in:): each byte (up to a NUL) followed by a zero byte
** (0xFF after bytes of 0x80 and above, as OpenVAS does). */
static nasl_value
lib_ntlm_insert_hexzeros (nasl_call *call)
{
  size_t len, n, i;
  const uint8_t *in = lib_ntlm_arg (call, "in", &len);
  GByteArray *w;
  nasl_value ret;

  if (!in)
    {
      nasl_call_error (call, "Syntax : insert_hexzeros(in:<i>)");
      return NASL_NULL;
    }
  n = lib_ntlm_cstrlen (in, len);
  w = g_byte_array_sized_new ((guint) (2 * n));
  for (i = 0; i < n; i++)
    smb_wr_u16 (w, lib_ntlm_widen (in[i]));
  ret = lib_ntlm_data (w->data, w->len);
  g_byte_array_free (w, TRUE);
  return ret;
}

/* dec2str(num:): the number as 4 bytes, little-endian. */
static nasl_value
lib_ntlm_dec2str (nasl_call *call)
{
  long num = nasl_arg_int (call, "num", -1);
  int32_t v = (int32_t) num;
  uint8_t out[4];

  if (v == -1)
    {
      nasl_call_error (call, "Syntax : dec2str(num:<n>)");
      return NASL_NULL;
    }
  smb_put_u32 (out, (uint32_t) v);
  return lib_ntlm_data (out, 4);
}

/* --- SMB2/3 signing and keys ------------------------------------------------------ */

typedef enum lib_ntlm_mac { LIB_NTLM_HMAC_SHA256, LIB_NTLM_CMAC, LIB_NTLM_GMAC } lib_ntlm_mac;

/* A copy of buf: with bytes 48..63 the MAC of buf whose bytes 48..63 are zero. */
static nasl_value
lib_ntlm_smb_sign (nasl_call *call, lib_ntlm_mac alg)
{
  size_t klen, blen, ivlen;
  const uint8_t *key = lib_ntlm_arg (call, "key", &klen);
  const uint8_t *buf = lib_ntlm_arg (call, "buf", &blen);
  const uint8_t *iv = lib_ntlm_arg (call, "iv", &ivlen);
  uint8_t mac[32], *copy;
  nasl_value ret;
  int rc = 0;

  if (!key || !buf || klen == 0 || blen == 0)
    {
      nasl_call_error (call, "Syntax: nasl_mac: Missing key, or data argument");
      return NASL_NULL;
    }
  if (lib_ntlm_need (call, "buf", blen, 64) || lib_ntlm_need (call, "key", klen, 16))
    return NASL_NULL;
  copy = g_memdup2 (buf, blen);
  memset (copy + 48, 0, 16);
  switch (alg)
    {
    case LIB_NTLM_HMAC_SHA256:
      smb_hmac_sha256 (key, klen, copy, blen, mac);
      break;
    case LIB_NTLM_CMAC:
      rc = smb_aes_cmac (key, klen, copy, blen, mac);
      break;
    case LIB_NTLM_GMAC:
      rc = smb_aes_gmac (key, klen, iv, iv ? ivlen : 0, copy, blen, mac);
      break;
    }
  if (rc != 0)
    {
      nasl_call_error (call, "%s", alg == LIB_NTLM_GMAC && (!iv || !ivlen)
                                     ? "iv: is required for AES-GMAC"
                                     : "the key must be 16 or 32 bytes long");
      g_free (copy);
      return NASL_NULL;
    }
  memcpy (copy + 48, mac, 16);
  ret = lib_ntlm_data (copy, blen);
  g_free (copy);
  return ret;
}

static nasl_value lib_ntlm_get_smb2_signature (nasl_call *c) { return lib_ntlm_smb_sign (c, LIB_NTLM_HMAC_SHA256); }
static nasl_value lib_ntlm_smb_cmac_aes_signature (nasl_call *c) { return lib_ntlm_smb_sign (c, LIB_NTLM_CMAC); }
static nasl_value lib_ntlm_smb_gmac_aes_signature (nasl_call *c) { return lib_ntlm_smb_sign (c, LIB_NTLM_GMAC); }

/* smb3kdf(key:, label:, ctx:, lvalue:) */
static nasl_value
lib_ntlm_smb3kdf (nasl_call *call)
{
  size_t klen, llen, clen;
  const uint8_t *key = lib_ntlm_arg (call, "key", &klen);
  const uint8_t *label = lib_ntlm_arg (call, "label", &llen);
  const uint8_t *ctx = lib_ntlm_arg (call, "ctx", &clen);
  long lvalue = nasl_arg_int (call, "lvalue", 0);
  uint8_t out[32];

  if (!key || !klen || !label || !llen || !ctx || !clen)
    {
      nasl_call_error (call, "Syntax: nasl_smb3kdf: Missing key, label or context argument");
      return NASL_NULL;
    }
  if (lvalue != 128 && lvalue != 256)
    {
      nasl_call_error (call, "nasl_smb3kdf: lvalue must have a value of 128 or 256");
      return NASL_NULL;
    }
  smb_kdf (key, klen, label, llen, ctx, clen, (unsigned int) lvalue, out);
  return lib_ntlm_data (out, (size_t) lvalue / 8);
}

#define SIGN_PARAMS "key:s? buf:s? iv:s?"

const nasl_builtin lib_ntlm_builtins[] = {
  { "MD4", lib_ntlm_md4, 0, 1, "" },
  { "nt_owf_gen", lib_ntlm_nt_owf_gen, 0, 1, "" },
  { "lm_owf_gen", lib_ntlm_lm_owf_gen, 0, 1, "" },
  { "ntv2_owf_gen", lib_ntlm_ntv2_owf_gen, 0, 0, "owf:s? login:s? domain:s?" },
  { "ntlmv2_response", lib_ntlm_ntlmv2_response, 0, 0,
    "cryptkey:s? user:s? domain:s? ntlmv2_hash:s? address_list:s? address_list_len:i?" },
  { "ntlm2_response", lib_ntlm_ntlm2_response, 0, 0, "cryptkey:s? password:s? nt_hash:s?" },
  { "ntlm_response", lib_ntlm_ntlm_response, 0, 0,
    "cryptkey:s? password:s? nt_hash:s? neg_flags:i?" },
  { "key_exchange", lib_ntlm_key_exchange, 0, 0, "cryptkey:s? session_key:s? nt_hash:s?" },
  { "NTLMv1_HASH", lib_ntlm_v1_hash, 0, 0, "cryptkey:s? passhash:s?" },
  { "NTLMv2_HASH", lib_ntlm_v2_hash, 0, 0, "cryptkey:s? passhash:s? length:i?" },
  { "insert_hexzeros", lib_ntlm_insert_hexzeros, 0, 0, "in:s?" },
  { "dec2str", lib_ntlm_dec2str, 0, 0, "num:i?" },
  { "get_smb2_signature", lib_ntlm_get_smb2_signature, 0, 0, SIGN_PARAMS },
  { "smb_cmac_aes_signature", lib_ntlm_smb_cmac_aes_signature, 0, 0, SIGN_PARAMS },
  { "smb_gmac_aes_signature", lib_ntlm_smb_gmac_aes_signature, 0, 0, SIGN_PARAMS },
  { "smb3kdf", lib_ntlm_smb3kdf, 0, 0, "key:s? label:s? ctx:s? lvalue:i?" },
  NASL_BUILTIN_END
};

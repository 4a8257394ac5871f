/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_crypto.c: builtin family 'crypto': message digests, HMACs and the TLS PRFs (nettle). */
#include "libs.h"
#include "text_arg.h"

#include <glib.h>
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include <string.h>

/*
** Arguments are read the OpenVAS way (text_arg.h): a string or data value
** gives its bytes; an int or an array gives a text but a size of 0, so
** MD5(123) is the digest of the empty string, as in openvas-nasl.
*/

#define DIGEST_MAX 64 /* SHA-512, the longest digest used here */

/* The digest of 'len' bytes, written to 'out' (hash->digest_size bytes). */
static void
digest_bytes (const struct nettle_hash *hash, const void *data, size_t len, uint8_t *out)
{
  void *ctx = g_alloca (hash->context_size);

  hash->init (ctx);
  hash->update (ctx, len, data);
  hash->digest (ctx, hash->digest_size, out);
}

/* HMAC of 'data' with 'key' (any length), written to 'out' (hash->digest_size bytes). */
static void
hmac_bytes (const struct nettle_hash *hash, const void *key, size_t klen, const void *data,
            size_t dlen, uint8_t *out)
{
  void *outer = g_alloca (hash->context_size);
  void *inner = g_alloca (hash->context_size);
  void *state = g_alloca (hash->context_size);

  hmac_set_key (outer, inner, state, hash, klen, key);
  hmac_update (state, hash, dlen, data);
  hmac_digest (outer, inner, state, hash, hash->digest_size, out);
}

/* NAME(data): raw digest; NULL without an argument. */
static nasl_value
hash_builtin (nasl_call *call, const struct nettle_hash *hash)
{
  text_arg data;
  uint8_t out[DIGEST_MAX];

  if (!text_arg_read (nasl_arg_pos (call, 0), &data))
    return NASL_NULL;
  digest_bytes (hash, data.bytes, data.size, out);
  text_arg_clear (&data);
  return nasl_value_data ((const char *) out, hash->digest_size);
}

/* HMAC_NAME(data:, key:): NULL without data; without key, OpenVAS computes
** the plain digest of data, and so does this. */
static nasl_value
hmac_builtin (nasl_call *call, const struct nettle_hash *hash)
{
  text_arg data, key;
  uint8_t out[DIGEST_MAX];

  if (!text_arg_read (nasl_arg (call, "data"), &data))
    return NASL_NULL;
  if (text_arg_read (nasl_arg (call, "key"), &key))
    {
      hmac_bytes (hash, key.bytes, key.size, data.bytes, data.size, out);
      text_arg_clear (&key);
    }
  else
    digest_bytes (hash, data.bytes, data.size, out);
  text_arg_clear (&data);
  return nasl_value_data ((const char *) out, hash->digest_size);
}

/* HMAC_SHA256 has its own rules in OpenVAS: key and data must both be non-empty. */
static nasl_value
bi_hmac_sha256 (nasl_call *call)
{
  text_arg data, key;
  uint8_t out[DIGEST_MAX];
  int have_data = text_arg_read (nasl_arg (call, "data"), &data);
  int have_key = text_arg_read (nasl_arg (call, "key"), &key);
  nasl_value ret = NASL_NULL;

  if (!have_data || !have_key || data.size == 0 || key.size == 0)
    nasl_call_error (call, "Syntax : hmac_sha256(data:<b>, key:<k>)");
  else
    {
      hmac_bytes (&nettle_sha256, key.bytes, key.size, data.bytes, data.size, out);
      ret = nasl_value_data ((const char *) out, nettle_sha256.digest_size);
    }
  if (have_data)
    text_arg_clear (&data);
  if (have_key)
    text_arg_clear (&key);
  return ret;
}

/* ------------------------------------------------------------------------
** TLS pseudo-random functions (RFC 5246 section 5; RFC 2246 for tls1_prf)
** ------------------------------------------------------------------------ */

/*
** P_hash(secret, label + seed) of 'outlen' bytes into 'out':
**   A(0) = label + seed, A(i) = HMAC(secret, A(i-1)),
**   output = HMAC(secret, A(1) + label + seed) + HMAC(secret, A(2) + label + seed) ...
*/
static void
tls_p_hash (const struct nettle_hash *hash, const uint8_t *secret, size_t slen,
            const GByteArray *lseed, uint8_t *out, size_t outlen)
{
  size_t hlen = hash->digest_size, pos = 0;
  uint8_t a[DIGEST_MAX], block[DIGEST_MAX];
  GByteArray *msg = g_byte_array_sized_new (hlen + lseed->len);

  hmac_bytes (hash, secret, slen, lseed->data, lseed->len, a);
  while (pos < outlen)
    {
      size_t take = MIN (hlen, outlen - pos);
      g_byte_array_set_size (msg, 0);
      g_byte_array_append (msg, a, hlen);
      g_byte_array_append (msg, lseed->data, lseed->len);
      hmac_bytes (hash, secret, slen, msg->data, msg->len, block);
      memcpy (out + pos, block, take);
      pos += take;
      hmac_bytes (hash, secret, slen, a, hlen, a);
    }
  g_byte_array_free (msg, TRUE);
}

/* Which PRF: TLS 1.2 with SHA-256 or SHA-384, or the TLS 1.0/1.1 MD5+SHA-1 one. */
typedef enum prf_kind { PRF_SHA256, PRF_SHA384, PRF_TLS1 } prf_kind;

/* prf_sha256 / prf_sha384 / tls1_prf (secret:, seed:, label:, outlen:).
** The label is taken up to its first NUL, as OpenVAS does. */
static nasl_value
prf_builtin (nasl_call *call, prf_kind kind)
{
  text_arg secret, seed, label;
  int hs = text_arg_read (nasl_arg (call, "secret"), &secret);
  int he = text_arg_read (nasl_arg (call, "seed"), &seed);
  int hl = text_arg_read (nasl_arg (call, "label"), &label);
  long outlen = nasl_arg_int (call, "outlen", -1);
  nasl_value ret = NASL_NULL;

  if (!hs || !he || !hl || secret.size == 0 || seed.size == 0 || label.size == 0
      || outlen <= 0)
    nasl_call_error (call, "Syntax : prf(secret, seed, label, outlen)");
  else if ((size_t) outlen > TEXT_RESULT_MAX)
    nasl_call_error (call, "outlen %ld is too large (at most %d)", outlen, TEXT_RESULT_MAX);
  else
    {
      GByteArray *lseed = g_byte_array_new ();
      uint8_t *out = g_malloc (outlen);
      g_byte_array_append (lseed, (const guint8 *) label.bytes, strlen (label.bytes));
      g_byte_array_append (lseed, (const guint8 *) seed.bytes, seed.size);
      if (kind == PRF_SHA256)
        tls_p_hash (&nettle_sha256, (const uint8_t *) secret.bytes, secret.size, lseed, out,
                    outlen);
      else if (kind == PRF_SHA384)
        tls_p_hash (&nettle_sha384, (const uint8_t *) secret.bytes, secret.size, lseed, out,
                    outlen);
      else
        {
          /* The two halves overlap by one byte when the secret's length is odd. */
          size_t half = (secret.size + 1) / 2;
          const uint8_t *s1 = (const uint8_t *) secret.bytes;
          const uint8_t *s2 = s1 + (secret.size - half);
          uint8_t *other = g_malloc (outlen);
          tls_p_hash (&nettle_md5, s1, half, lseed, out, outlen);
          tls_p_hash (&nettle_sha1, s2, half, lseed, other, outlen);
          for (long i = 0; i < outlen; i++)
            out[i] ^= other[i];
          g_free (other);
        }
      ret = nasl_value_data_take ((char *) out, outlen);
      g_byte_array_free (lseed, TRUE);
    }
  if (hs)
    text_arg_clear (&secret);
  if (he)
    text_arg_clear (&seed);
  if (hl)
    text_arg_clear (&label);
  return ret;
}

/* MD2 / HMAC_MD2: openvas-nasl's libgcrypt has no MD2, so it says so and
** returns NULL; this interpreter does the same. */
static nasl_value
bi_md2_unavailable (nasl_call *call)
{
  nasl_call_error (call, "digest algorithm MD2 is not available");
  return NASL_NULL;
}

static nasl_value bi_md5 (nasl_call *c) { return hash_builtin (c, &nettle_md5); }
static nasl_value bi_sha1 (nasl_call *c) { return hash_builtin (c, &nettle_sha1); }
static nasl_value bi_sha256 (nasl_call *c) { return hash_builtin (c, &nettle_sha256); }
static nasl_value bi_sha512 (nasl_call *c) { return hash_builtin (c, &nettle_sha512); }
static nasl_value bi_ripemd160 (nasl_call *c) { return hash_builtin (c, &nettle_ripemd160); }
static nasl_value bi_hmac_md5 (nasl_call *c) { return hmac_builtin (c, &nettle_md5); }
static nasl_value bi_hmac_sha1 (nasl_call *c) { return hmac_builtin (c, &nettle_sha1); }
static nasl_value bi_hmac_sha384 (nasl_call *c) { return hmac_builtin (c, &nettle_sha384); }
static nasl_value bi_hmac_sha512 (nasl_call *c) { return hmac_builtin (c, &nettle_sha512); }
static nasl_value bi_hmac_ripemd160 (nasl_call *c) { return hmac_builtin (c, &nettle_ripemd160); }
static nasl_value bi_prf_sha256 (nasl_call *c) { return prf_builtin (c, PRF_SHA256); }
static nasl_value bi_prf_sha384 (nasl_call *c) { return prf_builtin (c, PRF_SHA384); }
static nasl_value bi_tls1_prf (nasl_call *c) { return prf_builtin (c, PRF_TLS1); }

#define HMAC_PARAMS "data:x? key:x?"
#define PRF_PARAMS "secret:s? seed:s? label:s? outlen:i?"

const nasl_builtin lib_crypto_builtins[] = {
  { "MD2", bi_md2_unavailable, 0, 1, "" },
  { "MD5", bi_md5, 0, 1, "" },
  { "SHA1", bi_sha1, 0, 1, "" },
  { "SHA256", bi_sha256, 0, 1, "" },
  { "SHA512", bi_sha512, 0, 1, "" },
  { "RIPEMD160", bi_ripemd160, 0, 1, "" },
  { "HMAC_MD2", bi_md2_unavailable, 0, 0, HMAC_PARAMS },
  { "HMAC_MD5", bi_hmac_md5, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA1", bi_hmac_sha1, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA256", bi_hmac_sha256, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA384", bi_hmac_sha384, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA512", bi_hmac_sha512, 0, 0, HMAC_PARAMS },
  { "HMAC_RIPEMD160", bi_hmac_ripemd160, 0, 0, HMAC_PARAMS },
  { "prf_sha256", bi_prf_sha256, 0, 0, PRF_PARAMS },
  { "prf_sha384", bi_prf_sha384, 0, 0, PRF_PARAMS },
  { "tls1_prf", bi_tls1_prf, 0, 0, PRF_PARAMS },
  NASL_BUILTIN_END
};

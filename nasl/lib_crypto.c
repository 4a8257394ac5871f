/* lib_crypto.c: builtin family 'crypto': MD5 SHA1 SHA256 SHA512 HMAC_* (gnutls). */
#include "libs.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

/* Hash of the first positional argument, as raw digest data; NULL without data. */
static nasl_value
hash_of (nasl_call *call, gnutls_digest_algorithm_t alg)
{
  size_t len;
  const char *data = nasl_arg_pos_str (call, 0, &len);
  if (!data)
    return NASL_NULL;
  unsigned char out[64];
  size_t olen = gnutls_hash_get_len (alg);
  if (olen == 0 || olen > sizeof out || gnutls_hash_fast (alg, data, len, out) != 0)
    {
      nasl_call_error (call, "digest failed");
      return NASL_NULL;
    }
  return nasl_value_data ((const char *) out, olen);
}

/* HMAC of data: with key:, as raw data; NULL when either is missing. */
static nasl_value
hmac_of (nasl_call *call, gnutls_mac_algorithm_t alg)
{
  size_t klen, dlen;
  const char *key = nasl_arg_str (call, "key", &klen);
  const char *data = nasl_arg_str (call, "data", &dlen);
  if (!key || !data)
    {
      nasl_call_error (call, "syntax: %s(data:<data>, key:<key>)", nasl_call_name (call));
      return NASL_NULL;
    }
  unsigned char out[64];
  size_t olen = gnutls_hmac_get_len (alg);
  if (olen == 0 || olen > sizeof out || gnutls_hmac_fast (alg, key, klen, data, dlen, out) != 0)
    {
      nasl_call_error (call, "hmac failed");
      return NASL_NULL;
    }
  return nasl_value_data ((const char *) out, olen);
}

static nasl_value bi_md5 (nasl_call *c) { return hash_of (c, GNUTLS_DIG_MD5); }
static nasl_value bi_sha1 (nasl_call *c) { return hash_of (c, GNUTLS_DIG_SHA1); }
static nasl_value bi_sha256 (nasl_call *c) { return hash_of (c, GNUTLS_DIG_SHA256); }
static nasl_value bi_sha512 (nasl_call *c) { return hash_of (c, GNUTLS_DIG_SHA512); }
static nasl_value bi_hmac_md5 (nasl_call *c) { return hmac_of (c, GNUTLS_MAC_MD5); }
static nasl_value bi_hmac_sha1 (nasl_call *c) { return hmac_of (c, GNUTLS_MAC_SHA1); }
static nasl_value bi_hmac_sha256 (nasl_call *c) { return hmac_of (c, GNUTLS_MAC_SHA256); }
static nasl_value bi_hmac_sha384 (nasl_call *c) { return hmac_of (c, GNUTLS_MAC_SHA384); }
static nasl_value bi_hmac_sha512 (nasl_call *c) { return hmac_of (c, GNUTLS_MAC_SHA512); }

#define HMAC_PARAMS "key:s data:s"

const nasl_builtin lib_crypto_builtins[] = {
  { "MD5", bi_md5, 0, 1, "" },
  { "SHA1", bi_sha1, 0, 1, "" },
  { "SHA256", bi_sha256, 0, 1, "" },
  { "SHA512", bi_sha512, 0, 1, "" },
  { "HMAC_MD5", bi_hmac_md5, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA1", bi_hmac_sha1, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA256", bi_hmac_sha256, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA384", bi_hmac_sha384, 0, 0, HMAC_PARAMS },
  { "HMAC_SHA512", bi_hmac_sha512, 0, 0, HMAC_PARAMS },
  NASL_BUILTIN_END
};

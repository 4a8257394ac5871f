/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_cipher.c: builtin family 'cipher': AES (CBC CTR GCM CCM CMAC GMAC), Blowfish, RC4, DES (nettle). */
#include "libs.h"
#include <stdbool.h>
#include "state.h"
#include "text_arg.h"

#include <glib.h>
#include <nettle/aes.h>
#include <nettle/arcfour.h>
#include <nettle/blowfish.h>
#include <nettle/cbc.h>
#include <nettle/ccm.h>
#include <nettle/cmac.h>
#include <nettle/ctr.h>
#include <nettle/des.h>
#include <nettle/gcm.h>
#include <string.h>

/*
** The behaviour follows openvas-nasl (libgcrypt underneath), quirks included:
**   - the AES variant is picked by the key length (16, 24 or 32 bytes) for
**     every aes128_* and aes256_* builtin alike;
**   - CBC takes the first 16 bytes of iv:, zero-padded when shorter;
**   - CTR ignores iv: and counts from a zero block (libgcrypt's setiv does
**     not set the CTR counter);
**   - *_auth variants need aad: and return [data, tag]; *_decrypt_auth
**     returns the tag it computed, it does not check one;
**   - des_ede_cbc_encrypt always adds one block, padding with zero bytes.
** Failures give NULL with a diagnostic, except bf_cbc_* (empty string).
*/

#define AES_BLOCK 16
#define TAG_LEN 16
#define CIPHER_SLOT "nasl.cipher"
#define MAX_STREAM_CIPHERS 32
#define RC4_MIN_KEY 5

/* --- AES with any key size ---------------------------------------------------- */

typedef struct aes_any {
  union {
    struct aes128_ctx k128;
    struct aes192_ctx k192;
    struct aes256_ctx k256;
  } enc, dec;
  nettle_cipher_func *encrypt;
  nettle_cipher_func *decrypt;
} aes_any;

/* Sets both directions for a 16, 24 or 32-byte key; false for other lengths. */
static bool
aes_any_set_key (aes_any *a, const uint8_t *key, size_t len)
{
  switch (len)
    {
    case AES128_KEY_SIZE:
      aes128_set_encrypt_key (&a->enc.k128, key);
      aes128_invert_key (&a->dec.k128, &a->enc.k128);
      a->encrypt = (nettle_cipher_func *) aes128_encrypt;
      a->decrypt = (nettle_cipher_func *) aes128_decrypt;
      return true;
    case AES192_KEY_SIZE:
      aes192_set_encrypt_key (&a->enc.k192, key);
      aes192_invert_key (&a->dec.k192, &a->enc.k192);
      a->encrypt = (nettle_cipher_func *) aes192_encrypt;
      a->decrypt = (nettle_cipher_func *) aes192_decrypt;
      return true;
    case AES256_KEY_SIZE:
      aes256_set_encrypt_key (&a->enc.k256, key);
      aes256_invert_key (&a->dec.k256, &a->enc.k256);
      a->encrypt = (nettle_cipher_func *) aes256_encrypt;
      a->decrypt = (nettle_cipher_func *) aes256_decrypt;
      return true;
    default:
      return false;
    }
}

/* --- arguments -------------------------------------------------------------- */

/* The named arguments of the AES and DES builtins, read the OpenVAS way. */
typedef struct crypt_args {
  text_arg data, key, iv, aad;
  bool has_data, has_key, has_iv, has_aad;
  long len;
} crypt_args;

static void
crypt_args_read (nasl_call *call, crypt_args *a)
{
  a->has_data = text_arg_read (nasl_arg (call, "data"), &a->data);
  a->has_key = text_arg_read (nasl_arg (call, "key"), &a->key);
  a->has_iv = text_arg_read (nasl_arg (call, "iv"), &a->iv);
  a->has_aad = text_arg_read (nasl_arg (call, "aad"), &a->aad);
  a->len = nasl_arg_int (call, "len", 0);
}

static void
crypt_args_clear (crypt_args *a)
{
  if (a->has_data)
    text_arg_clear (&a->data);
  if (a->has_key)
    text_arg_clear (&a->key);
  if (a->has_iv)
    text_arg_clear (&a->iv);
  if (a->has_aad)
    text_arg_clear (&a->aad);
}

#define U8(t) ((const uint8_t *) (t).bytes)

/* A block-sized IV from iv: (first 'block' bytes, zero-padded; zeros without one). */
static void
block_iv (const crypt_args *a, uint8_t *iv, size_t block)
{
  memset (iv, 0, block);
  if (a->has_iv)
    memcpy (iv, a->iv.bytes, MIN (a->iv.size, block));
}

/* [first, second] as a NASL list. */
static nasl_value
pair_value (nasl_value first, nasl_value second)
{
  nasl_value arr = nasl_value_array ();

  nasl_array_set_index (&arr, 0, first);
  nasl_array_set_index (&arr, 1, second);
  return arr;
}

/* --- AES modes ----------------------------------------------------------------- */

typedef enum aes_mode { AES_CBC, AES_CTR, AES_GCM, AES_CCM } aes_mode;

#define CRYPT_DECRYPT 1 /* decrypt len: bytes */
#define CRYPT_AUTH 2    /* take aad:, return [data, tag] */

/* Checks common to every AES builtin; false after a diagnostic. */
static bool
aes_check_args (nasl_call *call, const crypt_args *a, int flags)
{
  if (!a->has_data || a->data.size == 0 || !a->has_key || a->key.size == 0)
    {
      nasl_call_error (call, "Syntax: crypt_data: Missing data or key argument");
      return false;
    }
  if ((flags & CRYPT_DECRYPT) && a->len <= 0)
    {
      nasl_call_error (call, "Syntax: crypt_data: Missing or invalid len argument");
      return false;
    }
  if ((flags & CRYPT_DECRYPT) && (size_t) a->len > a->data.size)
    {
      nasl_call_error (call, "len:%ld is longer than the data (%zu bytes)", a->len, a->data.size);
      return false;
    }
  if ((flags & CRYPT_AUTH) && (!a->has_aad || a->aad.size == 0))
    {
      nasl_call_error (call, "Syntax: crypt_data: Missing or invalid aad value required");
      return false;
    }
  return true;
}

/* CBC or CTR over 'n' bytes of data into 'out'. */
static bool
aes_cbc_ctr (nasl_call *call, const aes_any *k, aes_mode mode, int flags, const crypt_args *a,
             uint8_t *out, size_t n)
{
  uint8_t iv[AES_BLOCK];

  if (mode == AES_CTR)
    {
      memset (iv, 0, sizeof iv);
      ctr_crypt (&k->enc, k->encrypt, AES_BLOCK, iv, n, out, U8 (a->data));
      return true;
    }
  if (n % AES_BLOCK != 0)
    {
      nasl_call_error (call, "invalid length: %zu bytes is not a multiple of the block size %d",
                       n, AES_BLOCK);
      return false;
    }
  block_iv (a, iv, AES_BLOCK);
  if (flags & CRYPT_DECRYPT)
    cbc_decrypt (&k->dec, k->decrypt, AES_BLOCK, iv, n, out, U8 (a->data));
  else
    cbc_encrypt (&k->enc, k->encrypt, AES_BLOCK, iv, n, out, U8 (a->data));
  return true;
}

/* GCM over 'n' bytes; the tag goes to 'tag' when authenticating.  Without
** iv: the IV is a zero block, as libgcrypt uses then. */
static bool
aes_gcm (const aes_any *k, int flags, const crypt_args *a, uint8_t *out, size_t n, uint8_t *tag)
{
  struct gcm_key gk;
  struct gcm_ctx gc;
  static const uint8_t zero_iv[AES_BLOCK];

  gcm_set_key (&gk, &k->enc, k->encrypt);
  if (a->has_iv && a->iv.size > 0)
    gcm_set_iv (&gc, &gk, a->iv.size, U8 (a->iv));
  else
    gcm_set_iv (&gc, &gk, sizeof zero_iv, zero_iv);
  if (flags & CRYPT_AUTH)
    gcm_update (&gc, &gk, a->aad.size, U8 (a->aad));
  if (flags & CRYPT_DECRYPT)
    gcm_decrypt (&gc, &gk, &k->enc, k->encrypt, n, out, U8 (a->data));
  else
    gcm_encrypt (&gc, &gk, &k->enc, k->encrypt, n, out, U8 (a->data));
  if (flags & CRYPT_AUTH)
    gcm_digest (&gc, &gk, &k->enc, k->encrypt, TAG_LEN, tag);
  return true;
}

/* CCM over 'n' bytes; the nonce (iv:) must be 7 to 13 bytes long and the
** message length announced is the whole data. */
static bool
aes_ccm (nasl_call *call, const aes_any *k, int flags, const crypt_args *a, uint8_t *out,
         size_t n, uint8_t *tag)
{
  struct ccm_ctx cc;
  size_t aadlen = a->has_aad ? a->aad.size : 0;

  if (!a->has_iv || a->iv.size == 0)
    {
      nasl_call_error (call, "CCM needs a nonce (iv:)");
      return false;
    }
  if (a->iv.size < CCM_MIN_NONCE_SIZE || a->iv.size > CCM_MAX_NONCE_SIZE - 1)
    {
      nasl_call_error (call, "invalid CCM nonce length %zu (7 to 13 bytes)", a->iv.size);
      return false;
    }
  if (!(flags & CRYPT_AUTH) && aadlen > 0)
    {
      nasl_call_error (call, "aad: given to a CCM builtin that does not authenticate");
      return false;
    }
  if ((flags & CRYPT_AUTH) && n != a->data.size)
    {
      nasl_call_error (call, "the tag needs the whole data: len:%zu of %zu bytes", n, a->data.size);
      return false;
    }
  ccm_set_nonce (&cc, &k->enc, k->encrypt, a->iv.size, U8 (a->iv), aadlen, a->data.size, TAG_LEN);
  if (flags & CRYPT_AUTH)
    ccm_update (&cc, &k->enc, k->encrypt, aadlen, U8 (a->aad));
  if (flags & CRYPT_DECRYPT)
    ccm_decrypt (&cc, &k->enc, k->encrypt, n, out, U8 (a->data));
  else
    ccm_encrypt (&cc, &k->enc, k->encrypt, n, out, U8 (a->data));
  if (flags & CRYPT_AUTH)
    ccm_digest (&cc, &k->enc, k->encrypt, TAG_LEN, tag);
  return true;
}

/* One AES builtin: mode and flags say which. */
static nasl_value
aes_builtin (nasl_call *call, aes_mode mode, int flags)
{
  crypt_args a;
  aes_any k;
  uint8_t tag[TAG_LEN];
  uint8_t *out = NULL;
  size_t n;
  bool ok = false;
  nasl_value ret = NASL_NULL;

  crypt_args_read (call, &a);
  if (!aes_check_args (call, &a, flags))
    goto done;
  if (!aes_any_set_key (&k, U8 (a.key), a.key.size))
    {
      nasl_call_error (call, "invalid key length %zu (16, 24 or 32 bytes)", a.key.size);
      goto done;
    }
  n = (flags & CRYPT_DECRYPT) ? (size_t) a.len : a.data.size;
  out = g_malloc (n + 1);
  if (mode == AES_GCM)
    ok = aes_gcm (&k, flags, &a, out, n, tag);
  else if (mode == AES_CCM)
    ok = aes_ccm (call, &k, flags, &a, out, n, tag);
  else
    ok = aes_cbc_ctr (call, &k, mode, flags, &a, out, n);
  if (ok && (flags & CRYPT_AUTH))
    ret = pair_value (nasl_value_data_take ((char *) out, n),
                      nasl_value_data ((const char *) tag, TAG_LEN));
  else if (ok)
    ret = nasl_value_data_take ((char *) out, n);
  else
    g_free (out);
done:
  crypt_args_clear (&a);
  return ret;
}

#define AES_FN(NAME, MODE, FLAGS)                                                       \
  static nasl_value NAME (nasl_call *c) { return aes_builtin (c, MODE, FLAGS); }

AES_FN (bi_aes_cbc_encrypt, AES_CBC, 0)
AES_FN (bi_aes_ctr_encrypt, AES_CTR, 0)
AES_FN (bi_aes_gcm_encrypt, AES_GCM, 0)
AES_FN (bi_aes_gcm_encrypt_auth, AES_GCM, CRYPT_AUTH)
AES_FN (bi_aes_gcm_decrypt, AES_GCM, CRYPT_DECRYPT)
AES_FN (bi_aes_gcm_decrypt_auth, AES_GCM, CRYPT_DECRYPT | CRYPT_AUTH)
AES_FN (bi_aes_ccm_encrypt, AES_CCM, 0)
AES_FN (bi_aes_ccm_encrypt_auth, AES_CCM, CRYPT_AUTH)
AES_FN (bi_aes_ccm_decrypt, AES_CCM, CRYPT_DECRYPT)
AES_FN (bi_aes_ccm_decrypt_auth, AES_CCM, CRYPT_DECRYPT | CRYPT_AUTH)

/* --- AES MACs ----------------------------------------------------------------- */

/* aes_mac_cbc(key:, data:): AES-CMAC (RFC 4493); aes_mac_gcm(key:, data:, iv:):
** GMAC, i.e. the GCM tag of data taken as additional data.  CMAC takes no iv:. */
static nasl_value
aes_mac_builtin (nasl_call *call, bool gmac)
{
  crypt_args a;
  aes_any k;
  uint8_t tag[TAG_LEN];
  nasl_value ret = NASL_NULL;

  crypt_args_read (call, &a);
  if (!a.has_key || a.key.size == 0 || !a.has_data || a.data.size == 0)
    nasl_call_error (call, "Syntax: nasl_mac: Missing key, or data argument");
  else if (!aes_any_set_key (&k, U8 (a.key), a.key.size))
    nasl_call_error (call, "invalid key length %zu (16, 24 or 32 bytes)", a.key.size);
  else if (a.has_iv && (!gmac || a.iv.size == 0))
    nasl_call_error (call, "Internal: Invalid argument (iv:)");
  else if (gmac)
    {
      crypt_args mac = a;
      mac.aad = a.data;
      mac.data.size = 0;
      aes_gcm (&k, CRYPT_AUTH, &mac, NULL, 0, tag);
      ret = nasl_value_data ((const char *) tag, TAG_LEN);
    }
  else
    {
      struct cmac128_key ck;
      struct cmac128_ctx cc;
      cmac128_set_key (&ck, &k.enc, k.encrypt);
      cmac128_init (&cc);
      cmac128_update (&cc, &k.enc, k.encrypt, a.data.size, U8 (a.data));
      cmac128_digest (&cc, &ck, &k.enc, k.encrypt, TAG_LEN, tag);
      ret = nasl_value_data ((const char *) tag, TAG_LEN);
    }
  crypt_args_clear (&a);
  return ret;
}

static nasl_value bi_aes_mac_cbc (nasl_call *c) { return aes_mac_builtin (c, false); }
static nasl_value bi_aes_mac_gcm (nasl_call *c) { return aes_mac_builtin (c, true); }

/* --- DES and triple DES ---------------------------------------------------------- */

/* DES(data, key): single DES in ECB mode; data a multiple of 8 bytes, key 8 bytes. */
static nasl_value
bi_des (nasl_call *call)
{
  text_arg data, key;
  int hd = text_arg_read (nasl_arg_pos (call, 0), &data);
  int hk = text_arg_read (nasl_arg_pos (call, 1), &key);
  nasl_value ret = NASL_NULL;
  struct des_ctx ctx;

  if (!hk || key.size != DES_KEY_SIZE)
    nasl_call_error (call, "invalid key length %zu (8 bytes)", hk ? key.size : 0);
  else if (!des_set_key (&ctx, U8 (key)))
    nasl_call_error (call, "weak encryption key");
  else if (!hd || data.size % DES_BLOCK_SIZE != 0)
    nasl_call_error (call, "invalid length: %zu bytes is not a multiple of %d",
                     hd ? data.size : 0, DES_BLOCK_SIZE);
  else
    {
      char *out = g_malloc (data.size + 1);
      des_encrypt (&ctx, data.size, (uint8_t *) out, U8 (data));
      ret = nasl_value_data_take (out, data.size);
    }
  if (hd)
    text_arg_clear (&data);
  if (hk)
    text_arg_clear (&key);
  return ret;
}

/* des_ede_cbc_encrypt(key:, iv:, data:): 3DES-CBC (24-byte key) of data
** padded with zero bytes to the next multiple of 8 -- always at least one
** byte, so a full last block gains a block of zeros (openvas-nasl does so). */
static nasl_value
bi_des_ede_cbc_encrypt (nasl_call *call)
{
  crypt_args a;
  struct des3_ctx ctx;
  nasl_value ret = NASL_NULL;

  crypt_args_read (call, &a);
  if (!a.has_data || a.data.size == 0 || !a.has_key || a.key.size == 0)
    nasl_call_error (call, "Syntax: crypt_data: Missing data or key argument");
  else if (a.key.size != DES3_KEY_SIZE)
    nasl_call_error (call, "invalid key length %zu (24 bytes)", a.key.size);
  else if (!des3_set_key (&ctx, U8 (a.key)))
    nasl_call_error (call, "weak encryption key");
  else
    {
      size_t n = (a.data.size / DES3_BLOCK_SIZE + 1) * DES3_BLOCK_SIZE;
      uint8_t *in = g_malloc0 (n), iv[DES3_BLOCK_SIZE];
      char *out = g_malloc (n + 1);
      memcpy (in, a.data.bytes, a.data.size);
      block_iv (&a, iv, DES3_BLOCK_SIZE);
      cbc_encrypt (&ctx, (nettle_cipher_func *) des3_encrypt, DES3_BLOCK_SIZE, iv, n,
                   (uint8_t *) out, in);
      ret = nasl_value_data_take (out, n);
      g_free (in);
    }
  crypt_args_clear (&a);
  return ret;
}

/* --- Blowfish ------------------------------------------------------------------- */

/* bf_cbc_encrypt / bf_cbc_decrypt (key:, iv:, data:): Blowfish-CBC with the
** first 16 bytes of key and 8 of iv; returns [data, next iv] (the next iv is
** the last ciphertext block).  Errors give the empty string. */
static nasl_value
bf_cbc_builtin (nasl_call *call, bool encrypt)
{
  crypt_args a;
  struct blowfish_ctx ctx;
  nasl_value ret = NASL_NULL;

  crypt_args_read (call, &a);
  if (!a.has_key || !a.has_data || !a.has_iv)
    ;
  else if (a.key.size < 16)
    nasl_call_error (call, "nasl_bf_cbc: unexpected enckeylen = %zu; must be >= 16", a.key.size);
  else if (a.iv.size < 8)
    nasl_call_error (call, "nasl_bf_cbc: unexpected ivlen = %zu; must >= 8", a.iv.size);
  else if (a.data.size < 8)
    nasl_call_error (call, "nasl_bf_cbc: unexpected datalen = %zu; must >= 8", a.data.size);
  else if (!blowfish_set_key (&ctx, 16, U8 (a.key)))
    nasl_call_error (call, "weak Blowfish key");
  else if (a.data.size % BLOWFISH_BLOCK_SIZE != 0)
    nasl_call_error (call, "invalid length: %zu bytes is not a multiple of %d", a.data.size,
                     BLOWFISH_BLOCK_SIZE);
  else
    {
      size_t n = a.data.size;
      uint8_t iv[BLOWFISH_BLOCK_SIZE];
      char *out = g_malloc (n + 1);
      memcpy (iv, a.iv.bytes, sizeof iv);
      if (encrypt)
        cbc_encrypt (&ctx, (nettle_cipher_func *) blowfish_encrypt, BLOWFISH_BLOCK_SIZE, iv,
                     n, (uint8_t *) out, U8 (a.data));
      else
        cbc_decrypt (&ctx, (nettle_cipher_func *) blowfish_decrypt, BLOWFISH_BLOCK_SIZE, iv,
                     n, (uint8_t *) out, U8 (a.data));
      const char *last = (encrypt ? out : a.data.bytes) + n - BLOWFISH_BLOCK_SIZE;
      nasl_value next = nasl_value_data (last, BLOWFISH_BLOCK_SIZE);
      ret = pair_value (nasl_value_data_take (out, n), next);
    }
  crypt_args_clear (&a);
  return ret.type == NASL_TYPE_NULL ? nasl_value_data ("", 0) : ret;
}

static nasl_value bi_bf_cbc_encrypt (nasl_call *c) { return bf_cbc_builtin (c, true); }
static nasl_value bi_bf_cbc_decrypt (nasl_call *c) { return bf_cbc_builtin (c, false); }

/* --- RC4 and stream cipher handles ---------------------------------------------- */

/* Open stream ciphers of the running script: handles 0..31, lowest free first. */
typedef struct cipher_table {
  struct arcfour_ctx *rc4[MAX_STREAM_CIPHERS];
} cipher_table;

static void
cipher_table_free (void *p)
{
  cipher_table *t = p;

  for (int i = 0; i < MAX_STREAM_CIPHERS; i++)
    if (t->rc4[i])
      {
        memset (t->rc4[i], 0, sizeof *t->rc4[i]);
        g_free (t->rc4[i]);
      }
  g_free (t);
}

static cipher_table *
cipher_table_of (nasl_state *st, bool create)
{
  cipher_table *t = nasl_state_get_data (st, CIPHER_SLOT);

  if (t == NULL && create)
    {
      t = g_new0 (cipher_table, 1);
      state_set_run_data (st, CIPHER_SLOT, t, cipher_table_free);
    }
  return t;
}

/* The RC4 state of handle 'hd', or NULL with "Cipher handle N not found.". */
static struct arcfour_ctx *
rc4_handle (nasl_call *call, long hd)
{
  cipher_table *t = cipher_table_of (nasl_call_state (call), false);

  if (t == NULL || hd < 0 || hd >= MAX_STREAM_CIPHERS || t->rc4[hd] == NULL)
    {
      nasl_call_error (call, "Cipher handle %ld not found.", hd);
      return NULL;
    }
  return t->rc4[hd];
}

/* An RC4 key schedule from key: (5 to 256 bytes count; a longer key acts
** like its first 256 bytes); false after a diagnostic. */
static bool
rc4_set_key (nasl_call *call, struct arcfour_ctx *ctx, const text_arg *key)
{
  if (key->size < RC4_MIN_KEY)
    {
      nasl_call_error (call, "invalid key length %zu (at least %d bytes)", key->size,
                       RC4_MIN_KEY);
      return false;
    }
  arcfour_set_key (ctx, MIN (key->size, (size_t) ARCFOUR_MAX_KEY_SIZE), U8 (*key));
  return true;
}

/* rc4_encrypt(data:, key:) encrypts with a fresh key schedule;
** rc4_encrypt(data:, hd:) continues the stream of an open_rc4_cipher() handle. */
static nasl_value
bi_rc4_encrypt (nasl_call *call)
{
  long hd = nasl_arg_int (call, "hd", -1);
  crypt_args a;
  struct arcfour_ctx fresh, *ctx = NULL;
  nasl_value ret = NASL_NULL;

  crypt_args_read (call, &a);
  if (hd >= 0)
    {
      ctx = rc4_handle (call, hd);
      if (ctx && (!a.has_data || a.data.size == 0))
        {
          nasl_call_error (call, "Syntax: encrypt_stream_data (called from rc4_encrypt): "
                                 "Missing data argument");
          ctx = NULL;
        }
    }
  else if (!a.has_data || a.data.size == 0 || !a.has_key || a.key.size == 0)
    nasl_call_error (call, "Syntax: crypt_data: Missing data or key argument");
  else if (rc4_set_key (call, &fresh, &a.key))
    ctx = &fresh;
  if (ctx)
    {
      char *out = g_malloc (a.data.size + 1);
      arcfour_crypt (ctx, a.data.size, (uint8_t *) out, U8 (a.data));
      ret = nasl_value_data_take (out, a.data.size);
    }
  memset (&fresh, 0, sizeof fresh);
  crypt_args_clear (&a);
  return ret;
}

/* open_rc4_cipher(key:, iv:): a handle for rc4_encrypt(hd:); iv: is ignored. */
static nasl_value
bi_open_rc4_cipher (nasl_call *call)
{
  crypt_args a;
  struct arcfour_ctx ctx;
  nasl_value ret = NASL_NULL;

  crypt_args_read (call, &a);
  if (!a.has_key || a.key.size == 0)
    nasl_call_error (call, "Syntax: open_stream_cipher (called from open_rc4_cipher): "
                           "Missing key argument");
  else if (rc4_set_key (call, &ctx, &a.key))
    {
      cipher_table *t = cipher_table_of (nasl_call_state (call), true);
      int id = 0;
      while (id < MAX_STREAM_CIPHERS && t->rc4[id] != NULL)
        id++;
      if (id == MAX_STREAM_CIPHERS)
        nasl_call_error (call, "No available slot for a new cipher.");
      else
        {
          t->rc4[id] = g_memdup2 (&ctx, sizeof ctx);
          ret = nasl_value_int (id);
        }
    }
  memset (&ctx, 0, sizeof ctx);
  crypt_args_clear (&a);
  return ret;
}

/* close_stream_cipher(hd:): 0, or NULL for an unknown handle.  (openvas-nasl
** 23.50.20 aborts with "free(): invalid pointer" here.) */
static nasl_value
bi_close_stream_cipher (nasl_call *call)
{
  long hd = nasl_arg_int (call, "hd", 0);
  struct arcfour_ctx *ctx = rc4_handle (call, hd);
  cipher_table *t;

  if (ctx == NULL)
    return NASL_NULL;
  t = cipher_table_of (nasl_call_state (call), false);
  memset (ctx, 0, sizeof *ctx);
  g_free (ctx);
  t->rc4[hd] = NULL;
  return nasl_value_int (0);
}

#define AES_PARAMS "key:s? data:s? iv:s? aad:s? len:i?"

const nasl_builtin lib_cipher_builtins[] = {
  { "aes128_cbc_encrypt", bi_aes_cbc_encrypt, 0, 0, AES_PARAMS },
  { "aes256_cbc_encrypt", bi_aes_cbc_encrypt, 0, 0, AES_PARAMS },
  { "aes128_ctr_encrypt", bi_aes_ctr_encrypt, 0, 0, AES_PARAMS },
  { "aes256_ctr_encrypt", bi_aes_ctr_encrypt, 0, 0, AES_PARAMS },
  { "aes128_gcm_encrypt", bi_aes_gcm_encrypt, 0, 0, AES_PARAMS },
  { "aes128_gcm_encrypt_auth", bi_aes_gcm_encrypt_auth, 0, 0, AES_PARAMS },
  { "aes128_gcm_decrypt", bi_aes_gcm_decrypt, 0, 0, AES_PARAMS },
  { "aes128_gcm_decrypt_auth", bi_aes_gcm_decrypt_auth, 0, 0, AES_PARAMS },
  { "aes256_gcm_encrypt", bi_aes_gcm_encrypt, 0, 0, AES_PARAMS },
  { "aes256_gcm_encrypt_auth", bi_aes_gcm_encrypt_auth, 0, 0, AES_PARAMS },
  { "aes256_gcm_decrypt", bi_aes_gcm_decrypt, 0, 0, AES_PARAMS },
  { "aes256_gcm_decrypt_auth", bi_aes_gcm_decrypt_auth, 0, 0, AES_PARAMS },
  { "aes128_ccm_encrypt", bi_aes_ccm_encrypt, 0, 0, AES_PARAMS },
  { "aes128_ccm_encrypt_auth", bi_aes_ccm_encrypt_auth, 0, 0, AES_PARAMS },
  { "aes128_ccm_decrypt", bi_aes_ccm_decrypt, 0, 0, AES_PARAMS },
  { "aes128_ccm_decrypt_auth", bi_aes_ccm_decrypt_auth, 0, 0, AES_PARAMS },
  { "aes256_ccm_encrypt", bi_aes_ccm_encrypt, 0, 0, AES_PARAMS },
  { "aes256_ccm_encrypt_auth", bi_aes_ccm_encrypt_auth, 0, 0, AES_PARAMS },
  { "aes256_ccm_decrypt", bi_aes_ccm_decrypt, 0, 0, AES_PARAMS },
  { "aes256_ccm_decrypt_auth", bi_aes_ccm_decrypt_auth, 0, 0, AES_PARAMS },
  { "aes_mac_cbc", bi_aes_mac_cbc, 0, 0, "key:s? data:s? iv:s?" },
  { "aes_mac_gcm", bi_aes_mac_gcm, 0, 0, "key:s? data:s? iv:s?" },
  { "DES", bi_des, 0, 2, "" },
  { "des_ede_cbc_encrypt", bi_des_ede_cbc_encrypt, 0, 0, "key:s? data:s? iv:s?" },
  { "bf_cbc_encrypt", bi_bf_cbc_encrypt, 0, 0, "key:s? data:s? iv:s?" },
  { "bf_cbc_decrypt", bi_bf_cbc_decrypt, 0, 0, "key:s? data:s? iv:s?" },
  { "rc4_encrypt", bi_rc4_encrypt, 0, 0, "data:s? key:s? hd:i?" },
  { "open_rc4_cipher", bi_open_rc4_cipher, 0, 0, "key:s? iv:s?" },
  { "close_stream_cipher", bi_close_stream_cipher, 0, 0, "hd:i?" },
  NASL_BUILTIN_END
};

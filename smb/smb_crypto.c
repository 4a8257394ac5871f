/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_crypto.c: the cryptographic primitives SMB and NTLM need, on nettle and gnutls (none written here). */
#include "smb_crypto.h"
#include "smb_buf.h"

#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <nettle/arcfour.h>
#include <nettle/ccm.h>
#include <nettle/cmac.h>
#include <nettle/des.h>
#include <nettle/gcm.h>
#include <nettle/hmac.h>
#include <nettle/md4.h>
#include <nettle/md5.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>

void
smb_md4 (const void *data, size_t len, uint8_t out[16])
{
  struct md4_ctx c;

  md4_init (&c);
  md4_update (&c, len, data);
  md4_digest (&c, MD4_DIGEST_SIZE, out);
  smb_wipe (&c, sizeof c);
}

void
smb_md5 (const void *data, size_t len, uint8_t out[16])
{
  struct md5_ctx c;

  md5_init (&c);
  md5_update (&c, len, data);
  md5_digest (&c, MD5_DIGEST_SIZE, out);
  smb_wipe (&c, sizeof c);
}

void
smb_hmac_md5 (const void *key, size_t klen, const void *a, size_t alen, const void *b,
              size_t blen, uint8_t out[16])
{
  struct hmac_md5_ctx c;

  hmac_md5_set_key (&c, klen, key);
  if (alen)
    hmac_md5_update (&c, alen, a);
  if (b && blen)
    hmac_md5_update (&c, blen, b);
  hmac_md5_digest (&c, MD5_DIGEST_SIZE, out);
  smb_wipe (&c, sizeof c);
}

void
smb_hmac_sha256 (const void *key, size_t klen, const void *data, size_t len, uint8_t out[32])
{
  struct hmac_sha256_ctx c;

  hmac_sha256_set_key (&c, klen, key);
  hmac_sha256_update (&c, len, data);
  hmac_sha256_digest (&c, SHA256_DIGEST_SIZE, out);
  smb_wipe (&c, sizeof c);
}

void
smb_sha512_2 (const void *a, size_t alen, const void *b, size_t blen, uint8_t out[64])
{
  struct sha512_ctx c;

  sha512_init (&c);
  sha512_update (&c, alen, a);
  if (b && blen)
    sha512_update (&c, blen, b);
  sha512_digest (&c, SHA512_DIGEST_SIZE, out);
}

void
smb_rc4 (const void *key, size_t klen, uint8_t *data, size_t len)
{
  struct arcfour_ctx c;

  if (klen < ARCFOUR_MIN_KEY_SIZE || klen > ARCFOUR_MAX_KEY_SIZE)
    abort ();
  arcfour_set_key (&c, klen, key);
  arcfour_crypt (&c, len, data, data);
  smb_wipe (&c, sizeof c);
}

void
smb_des7 (const uint8_t k[7], const uint8_t in[8], uint8_t out[8])
{
  uint8_t key[8];
  struct des_ctx c;
  int i;

  /* 56 key bits, seven per byte, in the high bits (the low bit is parity,
  ** which nettle ignores). */
  key[0] = (uint8_t) (k[0] >> 1);
  key[1] = (uint8_t) (((k[0] & 0x01) << 6) | (k[1] >> 2));
  key[2] = (uint8_t) (((k[1] & 0x03) << 5) | (k[2] >> 3));
  key[3] = (uint8_t) (((k[2] & 0x07) << 4) | (k[3] >> 4));
  key[4] = (uint8_t) (((k[3] & 0x0F) << 3) | (k[4] >> 5));
  key[5] = (uint8_t) (((k[4] & 0x1F) << 2) | (k[5] >> 6));
  key[6] = (uint8_t) (((k[5] & 0x3F) << 1) | (k[6] >> 7));
  key[7] = (uint8_t) (k[6] & 0x7F);
  for (i = 0; i < 8; i++)
    key[i] = (uint8_t) (key[i] << 1);
  /* A weak key is still a key here: the protocol does not care. */
  (void) des_set_key (&c, key);
  des_encrypt (&c, DES_BLOCK_SIZE, out, in);
  smb_wipe (&c, sizeof c);
  smb_wipe (key, sizeof key);
}

int
smb_aes_cmac (const uint8_t *key, size_t klen, const void *data, size_t len, uint8_t out[16])
{
  if (klen == 16)
    {
      struct cmac_aes128_ctx c;
      cmac_aes128_set_key (&c, key);
      cmac_aes128_update (&c, len, data);
      cmac_aes128_digest (&c, 16, out);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  if (klen == 32)
    {
      struct cmac_aes256_ctx c;
      cmac_aes256_set_key (&c, key);
      cmac_aes256_update (&c, len, data);
      cmac_aes256_digest (&c, 16, out);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  return -1;
}

int
smb_aes_gmac (const uint8_t *key, size_t klen, const uint8_t *iv, size_t ivlen,
              const void *data, size_t len, uint8_t out[16])
{
  if (!iv || ivlen == 0)
    return -1;
  if (klen == 16)
    {
      struct gcm_aes128_ctx c;
      gcm_aes128_set_key (&c, key);
      gcm_aes128_set_iv (&c, ivlen, iv);
      gcm_aes128_update (&c, len, data);
      gcm_aes128_digest (&c, 16, out);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  if (klen == 32)
    {
      struct gcm_aes256_ctx c;
      gcm_aes256_set_key (&c, key);
      gcm_aes256_set_iv (&c, ivlen, iv);
      gcm_aes256_update (&c, len, data);
      gcm_aes256_digest (&c, 16, out);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  return -1;
}

int
smb_kdf (const void *key, size_t klen, const void *label, size_t llen, const void *context,
         size_t clen, unsigned int lbits, uint8_t *out)
{
  static const uint8_t counter[4] = { 0, 0, 0, 1 };
  static const uint8_t zero = 0;
  struct hmac_sha256_ctx c;
  uint8_t lbuf[4], full[SHA256_DIGEST_SIZE];

  if (lbits != 128 && lbits != 256)
    return -1;
  lbuf[0] = (uint8_t) (lbits >> 24);
  lbuf[1] = (uint8_t) (lbits >> 16);
  lbuf[2] = (uint8_t) (lbits >> 8);
  lbuf[3] = (uint8_t) lbits;
  hmac_sha256_set_key (&c, klen, key);
  hmac_sha256_update (&c, sizeof counter, counter);
  hmac_sha256_update (&c, llen, label);
  hmac_sha256_update (&c, 1, &zero);
  hmac_sha256_update (&c, clen, context);
  hmac_sha256_update (&c, sizeof lbuf, lbuf);
  hmac_sha256_digest (&c, sizeof full, full);
  memcpy (out, full, lbits / 8);
  smb_wipe (&c, sizeof c);
  smb_wipe (full, sizeof full);
  return 0;
}

size_t
smb_cipher_nonce_len (int cipher)
{
  switch (cipher)
    {
    case SMB_CIPHER_AES128_CCM:
    case SMB_CIPHER_AES256_CCM:
      return 11;
    case SMB_CIPHER_AES128_GCM:
    case SMB_CIPHER_AES256_GCM:
      return 12;
    default:
      return 0;
    }
}

size_t
smb_cipher_key_len (int cipher)
{
  switch (cipher)
    {
    case SMB_CIPHER_AES128_CCM:
    case SMB_CIPHER_AES128_GCM:
      return 16;
    case SMB_CIPHER_AES256_CCM:
    case SMB_CIPHER_AES256_GCM:
      return 32;
    default:
      return 0;
    }
}

const char *
smb_cipher_name (int cipher)
{
  switch (cipher)
    {
    case SMB_CIPHER_AES128_CCM:
      return "AES-128-CCM";
    case SMB_CIPHER_AES128_GCM:
      return "AES-128-GCM";
    case SMB_CIPHER_AES256_CCM:
      return "AES-256-CCM";
    case SMB_CIPHER_AES256_GCM:
      return "AES-256-GCM";
    default:
      return "none";
    }
}

int
smb_aes_ccm_raw (int decrypt, const uint8_t *key, size_t klen, const uint8_t *nonce, size_t nlen,
                 const void *aad, size_t aadlen, const uint8_t *in, size_t len, uint8_t *out,
                 uint8_t tag[16])
{
  if (nlen < CCM_MIN_NONCE_SIZE || nlen > CCM_MAX_NONCE_SIZE)
    return -1;
  if (klen == 16)
    {
      struct ccm_aes128_ctx c;
      ccm_aes128_set_key (&c, key);
      ccm_aes128_set_nonce (&c, nlen, nonce, aadlen, len, 16);
      if (aadlen)
        ccm_aes128_update (&c, aadlen, aad);
      if (decrypt)
        ccm_aes128_decrypt (&c, len, out, in);
      else
        ccm_aes128_encrypt (&c, len, out, in);
      ccm_aes128_digest (&c, 16, tag);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  if (klen == 32)
    {
      struct ccm_aes256_ctx c;
      ccm_aes256_set_key (&c, key);
      ccm_aes256_set_nonce (&c, nlen, nonce, aadlen, len, 16);
      if (aadlen)
        ccm_aes256_update (&c, aadlen, aad);
      if (decrypt)
        ccm_aes256_decrypt (&c, len, out, in);
      else
        ccm_aes256_encrypt (&c, len, out, in);
      ccm_aes256_digest (&c, 16, tag);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  return -1;
}

static int
smb_aes_gcm_raw (int decrypt, const uint8_t *key, size_t klen, const uint8_t *nonce,
                 const void *aad, size_t aadlen, const uint8_t *in, size_t len, uint8_t *out,
                 uint8_t tag[16])
{
  if (klen == 16)
    {
      struct gcm_aes128_ctx c;
      gcm_aes128_set_key (&c, key);
      gcm_aes128_set_iv (&c, GCM_IV_SIZE, nonce);
      if (aadlen)
        gcm_aes128_update (&c, aadlen, aad);
      if (decrypt)
        gcm_aes128_decrypt (&c, len, out, in);
      else
        gcm_aes128_encrypt (&c, len, out, in);
      gcm_aes128_digest (&c, 16, tag);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  if (klen == 32)
    {
      struct gcm_aes256_ctx c;
      gcm_aes256_set_key (&c, key);
      gcm_aes256_set_iv (&c, GCM_IV_SIZE, nonce);
      if (aadlen)
        gcm_aes256_update (&c, aadlen, aad);
      if (decrypt)
        gcm_aes256_decrypt (&c, len, out, in);
      else
        gcm_aes256_encrypt (&c, len, out, in);
      gcm_aes256_digest (&c, 16, tag);
      smb_wipe (&c, sizeof c);
      return 0;
    }
  return -1;
}

static int
smb_aead (int decrypt, int cipher, const uint8_t *key, const uint8_t *nonce, const void *aad,
          size_t aadlen, const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
  size_t klen = smb_cipher_key_len (cipher);

  switch (cipher)
    {
    case SMB_CIPHER_AES128_CCM:
    case SMB_CIPHER_AES256_CCM:
      return smb_aes_ccm_raw (decrypt, key, klen, nonce, 11, aad, aadlen, in, len, out, tag);
    case SMB_CIPHER_AES128_GCM:
    case SMB_CIPHER_AES256_GCM:
      return smb_aes_gcm_raw (decrypt, key, klen, nonce, aad, aadlen, in, len, out, tag);
    default:
      return -1;
    }
}

int
smb_aead_encrypt (int cipher, const uint8_t *key, const uint8_t *nonce, const void *aad,
                  size_t aadlen, const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
  return smb_aead (0, cipher, key, nonce, aad, aadlen, in, len, out, tag);
}

int
smb_aead_decrypt (int cipher, const uint8_t *key, const uint8_t *nonce, const void *aad,
                  size_t aadlen, const uint8_t *in, size_t len, uint8_t *out,
                  const uint8_t tag[16])
{
  uint8_t computed[16];

  if (smb_aead (1, cipher, key, nonce, aad, aadlen, in, len, out, computed) != 0)
    return -1;
  if (!smb_mem_equal (computed, tag, 16))
    {
      smb_wipe (out, len);
      return -1;
    }
  return 0;
}

void
smb_random (void *p, size_t n)
{
  /* gnutls_rnd only fails when the library is in an error state; carrying on
  ** with predictable keys would be worse than stopping. */
  if (n && gnutls_rnd (GNUTLS_RND_RANDOM, p, n) != 0)
    abort ();
}

int
smb_mem_equal (const void *a, const void *b, size_t n)
{
  return memeql_sec (a, b, n) != 0;
}

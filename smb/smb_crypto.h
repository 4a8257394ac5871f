/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_crypto.h: the cryptographic primitives SMB and NTLM need, on nettle and gnutls (none written here). */
#ifndef SMB_CRYPTO_H
#define SMB_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* SMB 3.x cipher ids (MS-SMB2 2.2.3.1.2). */
#define SMB_CIPHER_AES128_CCM 1
#define SMB_CIPHER_AES128_GCM 2
#define SMB_CIPHER_AES256_CCM 3
#define SMB_CIPHER_AES256_GCM 4

void smb_md4 (const void *data, size_t len, uint8_t out[16]);
void smb_md5 (const void *data, size_t len, uint8_t out[16]);
/* HMAC-MD5 over the concatenation a || b (b may be NULL). */
void smb_hmac_md5 (const void *key, size_t klen, const void *a, size_t alen,
                   const void *b, size_t blen, uint8_t out[16]);
void smb_hmac_sha256 (const void *key, size_t klen, const void *data, size_t len,
                      uint8_t out[32]);
/* SHA-512 of a || b (the SMB 3.1.1 pre-authentication hash step). */
void smb_sha512_2 (const void *a, size_t alen, const void *b, size_t blen, uint8_t out[64]);
/* RC4 in place with a 1..256-byte key. */
void smb_rc4 (const void *key, size_t klen, uint8_t *data, size_t len);
/* DES encryption of one block with a 7-byte key spread over 8 bytes (the LM
** and NTLMv1 construction). */
void smb_des7 (const uint8_t key7[7], const uint8_t in[8], uint8_t out[8]);
/* AES-CMAC (RFC 4493) with a 16- or 32-byte key; -1 for another key size. */
int smb_aes_cmac (const uint8_t *key, size_t klen, const void *data, size_t len, uint8_t out[16]);
/* AES-GMAC: GCM tag over 'data' as additional data, no plaintext; key 16 or
** 32 bytes, any IV length >= 1; -1 otherwise. */
int smb_aes_gmac (const uint8_t *key, size_t klen, const uint8_t *iv, size_t ivlen,
                  const void *data, size_t len, uint8_t out[16]);
/* SP800-108 counter-mode KDF with HMAC-SHA256, one iteration, r = 32:
** HMAC(key, [1]_32 || label || 0x00 || context || [L]_32), first L/8 bytes.
** L is 128 or 256; -1 otherwise.  The SMB labels include their own NUL. */
int smb_kdf (const void *key, size_t klen, const void *label, size_t llen,
             const void *context, size_t clen, unsigned int lbits, uint8_t *out);

/* Nonce length of an SMB cipher (11 for CCM, 12 for GCM), key length (16 or
** 32), 0 for an unknown id. */
size_t smb_cipher_nonce_len (int cipher);
size_t smb_cipher_key_len (int cipher);
const char *smb_cipher_name (int cipher);
/* AEAD with a 16-byte tag.  Encrypt: always 0 for a known cipher.  Decrypt:
** 0 when the tag matches, -1 otherwise (out then holds no plaintext).  'out'
** may equal 'in'. */
int smb_aead_encrypt (int cipher, const uint8_t *key, const uint8_t *nonce,
                      const void *aad, size_t aadlen, const uint8_t *in, size_t len,
                      uint8_t *out, uint8_t tag[16]);
int smb_aead_decrypt (int cipher, const uint8_t *key, const uint8_t *nonce,
                      const void *aad, size_t aadlen, const uint8_t *in, size_t len,
                      uint8_t *out, const uint8_t tag[16]);
/* AES-CCM with any nonce length 7..13 and key 16 or 32 bytes, returning the
** computed tag (16 bytes) in both directions, as OpenVAS's
** aes*_ccm_{en,de}crypt_auth builtins do.  -1 for bad sizes. */
int smb_aes_ccm_raw (int decrypt, const uint8_t *key, size_t klen, const uint8_t *nonce,
                     size_t nlen, const void *aad, size_t aadlen, const uint8_t *in,
                     size_t len, uint8_t *out, uint8_t tag[16]);

/* Cryptographically random bytes (key material, client challenges). */
void smb_random (void *p, size_t n);
/* Constant-time comparison: 1 when equal. */
int smb_mem_equal (const void *a, const void *b, size_t n);

#endif /* SMB_CRYPTO_H */

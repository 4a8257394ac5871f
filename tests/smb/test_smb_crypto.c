/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_smb_crypto.c: the SMB crypto layer against published vectors (RFC 4493, MS SMB3 key and encryption examples). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "smb_buf.h"
#include "smb_crypto.h"
#include "smb_test_util.h"

/* RFC 4493 section 4: AES-CMAC with K = 2b7e1516 28aed2a6 abf71588 09cf4f3c. */
static void
test_cmac_rfc4493 (void **state)
{
  GByteArray *k = tu_hex ("2b7e151628aed2a6abf7158809cf4f3c");
  GByteArray *m = tu_hex ("6bc1bee22e409f96e93d7e117393172a"
                          "ae2d8a571e03ac9c9eb76fac45af8e51"
                          "30c81c46a35ce411e5fbc1191a0a52ef"
                          "f69f2445df4f9b17ad2b417be66c3710");
  uint8_t mac[16];

  (void) state;
  assert_int_equal (smb_aes_cmac (k->data, k->len, m->data, 0, mac), 0);
  TU_ASSERT_HEX (mac, 16, "bb1d6929e95937287fa37d129b756746");
  smb_aes_cmac (k->data, k->len, m->data, 16, mac);
  TU_ASSERT_HEX (mac, 16, "070a16b46b4d4144f79bdd9dd04a287c");
  smb_aes_cmac (k->data, k->len, m->data, 40, mac);
  TU_ASSERT_HEX (mac, 16, "dfa66747de9ae63030ca32611497c827");
  smb_aes_cmac (k->data, k->len, m->data, 64, mac);
  TU_ASSERT_HEX (mac, 16, "51f0bebf7e3b9d92fc49741779363cfe");
  assert_int_equal (smb_aes_cmac (k->data, 15, m->data, 16, mac), -1);
  g_byte_array_free (k, TRUE);
  g_byte_array_free (m, TRUE);
}

/* MS Open Specifications blog "SMB 2 and SMB 3 security in Windows 10: the
** anatomy of signing and cryptographic keys", appendix, dialect 0x0300. */
static void
test_kdf_smb30 (void **state)
{
  GByteArray *sk = tu_hex ("7CD451825D0450D235424E44BA6E78CC");
  uint8_t out[32];

  (void) state;
  smb_kdf (sk->data, 16, "SMB2AESCMAC", 12, "SmbSign", 8, 128, out);
  TU_ASSERT_HEX (out, 16, "0B7E9C5CAC36C0F6EA9AB275298CEDCE");
  /* client-to-server ("ServerIn ") is the blog's EncryptionKey */
  smb_kdf (sk->data, 16, "SMB2AESCCM", 11, "ServerIn ", 10, 128, out);
  TU_ASSERT_HEX (out, 16, "FAD27796665B313EBB578F388632B4F7");
  smb_kdf (sk->data, 16, "SMB2AESCCM", 11, "ServerOut", 10, 128, out);
  TU_ASSERT_HEX (out, 16, "B0F0427F7CEB416D1D9DCC0CD4F99447");
  smb_kdf (sk->data, 16, "SMB2APP", 8, "SmbRpc", 7, 128, out);
  TU_ASSERT_HEX (out, 16, "BB23A4575AA26C721AF525AF15A87B4F");
  assert_int_equal (smb_kdf (sk->data, 16, "x", 1, "y", 1, 192, out), -1);
  g_byte_array_free (sk, TRUE);
}

#define PREAUTH_311 "0DD13628CC3ED218EF9DF9772D436D0887AB9814BFAE63A80AA845F36909DB79" \
                    "28622DDDAD522D9751640A459762C5A9D6BB084CBB3CE6BDADEF5D5BCE3C6C01"

/* Same blog, dialect 0x0311 (context: the session's pre-authentication hash). */
static void
test_kdf_smb311 (void **state)
{
  GByteArray *sk = tu_hex ("270E1BA896585EEB7AF3472D3B4C75A7");
  GByteArray *ctx = tu_hex (PREAUTH_311);
  uint8_t out[32];

  (void) state;
  smb_kdf (sk->data, 16, "SMBSigningKey", 14, ctx->data, ctx->len, 128, out);
  TU_ASSERT_HEX (out, 16, "73FE7A9A77BEF0BDE49C650D8CCB5F76");
  smb_kdf (sk->data, 16, "SMBC2SCipherKey", 16, ctx->data, ctx->len, 128, out);
  TU_ASSERT_HEX (out, 16, "629BCBC54422A0F572B97F45989B6073");
  smb_kdf (sk->data, 16, "SMBS2CCipherKey", 16, ctx->data, ctx->len, 128, out);
  TU_ASSERT_HEX (out, 16, "E2AF0DCEFAC68DA71A0DFBD0D1350D74");
  smb_kdf (sk->data, 16, "SMBAppKey", 10, ctx->data, ctx->len, 128, out);
  TU_ASSERT_HEX (out, 16, "6D7AD7954E9EC61E907B4D473DC178FF");
  g_byte_array_free (sk, TRUE);
  g_byte_array_free (ctx, TRUE);
}

/* The blog's pre-authentication integrity chain: negotiate request and
** response, then two session setup requests and the first response. */
static void
test_preauth_chain (void **state)
{
  static const char *const msgs[] = {
    "FE534D4240000100000000000000800000000000000000000100000000000000FFFE000000000000"
    "00000000000000000000000000000000000000000000000024000500000000003F000000ECD86F32"
    "6276024F9F7752B89BB33F3A70000000020000000202100200030203110300000100260000000000"
    "010020000100FA49E6578F1F3A9F4CD3E9CC14A67AA884B3D05844E0E5A118225C15887F32FF0000"
    "0200060000000000020002000100",
    NULL, /* the response, in test_smb_msg.c; here only the request side */
  };
  GByteArray *m = tu_hex (msgs[0]);
  uint8_t h[64] = { 0 };

  (void) state;
  smb_sha512_2 (h, 64, m->data, m->len, h);
  TU_ASSERT_HEX (h, 64, "DD94EFC5321BB618A2E208BA8920D2F422992526947A409B5037DE1E0FE8C736"
                        "2B8C47122594CDE0CE26AA9DFC8BCDBDE0621957672623351A7540F1E54A0426");
  g_byte_array_free (m, TRUE);
}

/* MS Open Specifications blog "Encryption in SMB 3.0: a protocol
** perspective": a WRITE request encrypted with AES-128-CCM. */
static void
test_ccm_smb30 (void **state)
{
  GByteArray *sk = tu_hex ("B4546771B515F766A86735532DD6C4F0");
  GByteArray *plain = tu_hex (
    "FE534D4240000100000000000900400008000000000000000400000000000000"
    "FFFE0000010000001100001400E4080000000000000000000000000000000000"
    "3100700017000000000000000000000015010000390000020100000039020000"
    "00000000000000007000000000000000536D623320656E6372797074696F6E20"
    "74657374696E67");
  GByteArray *transformed = tu_hex (
    "FD534D4281A286535415445DAE393921E44FA42E66E69A111892584FB5ED524A"
    "744DA3EE87000000000001001100001400E4080025C8FEE16605A437832D1CD5"
    "2DA9F4645333482A175FE5384563F45FCDAFAEF38BC62BA4D5C62897996625A4"
    "4C29BE5658DE2E6117585779E7B59FFD971278D08580D7FA899E410E910EABF5"
    "AA1DB43050B33B49182637759AC15D84BFCDF5B6B238993C0F4CF4D6012023F6"
    "C627297075D84B7803912D0A9639634453595EF3E33FFE4E7AC2AB");
  uint8_t key[16], tag[16], *out;

  (void) state;
  smb_kdf (sk->data, 16, "SMB2AESCCM", 11, "ServerIn ", 10, 128, key);
  TU_ASSERT_HEX (key, 16, "261B72350558F2E9DCF613070383EDBF");
  out = g_malloc (plain->len);
  /* AAD: the transform header from the nonce on (32 bytes) */
  assert_int_equal (smb_aead_encrypt (SMB_CIPHER_AES128_CCM, key, transformed->data + 20,
                                      transformed->data + 20, 32, plain->data, plain->len,
                                      out, tag),
                    0);
  assert_memory_equal (out, transformed->data + 52, plain->len);
  assert_memory_equal (tag, transformed->data + 4, 16);
  /* and back, then a flipped bit fails */
  assert_int_equal (smb_aead_decrypt (SMB_CIPHER_AES128_CCM, key, transformed->data + 20,
                                      transformed->data + 20, 32, transformed->data + 52,
                                      plain->len, out, transformed->data + 4),
                    0);
  assert_memory_equal (out, plain->data, plain->len);
  transformed->data[60] ^= 1;
  assert_int_equal (smb_aead_decrypt (SMB_CIPHER_AES128_CCM, key, transformed->data + 20,
                                      transformed->data + 20, 32, transformed->data + 52,
                                      plain->len, out, transformed->data + 4),
                    -1);
  g_free (out);
  g_byte_array_free (sk, TRUE);
  g_byte_array_free (plain, TRUE);
  g_byte_array_free (transformed, TRUE);
}

/* MS Open Specifications blog "SMB 3.1.1 Encryption in Windows 10": a WRITE
** request encrypted with AES-128-GCM, and a response decrypted. */
static void
test_gcm_smb311 (void **state)
{
  GByteArray *sk = tu_hex ("419FDDF34C1E001909D362AE7FB6AF79");
  GByteArray *pa = tu_hex ("B23F3CBFD69487D9832B79B1594A367CDD950909B774C3A4C412B4FCEA9EDDDB"
                           "A7DB256BA2EA30E977F11F9B113247578E0E915C6D2A513B8F2FCA5707DC8770");
  GByteArray *plain = tu_hex (
    "FE534D4240000100000000000900010008000000000000000500000000000000FFFE000001000000"
    "25000000001000000000000000000000000000000000000031007000170000000000000000000000"
    "0600000004000000010000000400000000000000000000007000000000000000536D623320656E63"
    "72797074696F6E2074657374696E67");
  GByteArray *transformed = tu_hex (
    "FD534D42BD73D97D2BC9001BCAFAC0FDFF5FEEBCC7D6822D269CAF48904C664C0000000087000000"
    "0000010025000000001000006ECDD2A7AFC7B47763057A041B8FD4DAFFE990B70C9E09D36C084E02"
    "D14EF247F8BDE38ACF6256F8B1D3B56F77FBDEB312FEA5E92CBCC1ED8FB2EBBFAA75E49A4A394BB4"
    "4576545567C24D4C014D47C9FBDFDAFD2C4F9B72F8D256452620A299F48E29E53D6B61D1C13A19E9"
    "1AF013F00D17E3ABC2FC3D36C8C1B6B93973253852DBD442E46EE8");
  GByteArray *resp = tu_hex (
    "FD534D42ACBE1CB7ED343ADF1725EF144D90D4B0E06831DD2E8EB7B4000000000000000050000000"
    "00000100250000000010000026BBBF949983A6C1C796559D0F2C510CB651D1F7B6AC8DED32A2A0B8"
    "F2D793A815C6F6B848D69767A215841A42D400AE6DDB5F0B44173A014973321FDD7950DA6179159B"
    "82E03C9E18A050FF0EA1C967");
  GByteArray *resp_plain = tu_hex (
    "FE534D4240000100000000000900010001000000000000000500000000000000FFFE000001000000"
    "25000000001000000000000000000000000000000000000011000000170000000000000000000000");
  uint8_t ekey[16], dkey[16], tag[16], *out;

  (void) state;
  smb_kdf (sk->data, 16, "SMBC2SCipherKey", 16, pa->data, pa->len, 128, ekey);
  TU_ASSERT_HEX (ekey, 16, "A2F5E80E5D59103034F32E52F698E5EC");
  smb_kdf (sk->data, 16, "SMBS2CCipherKey", 16, pa->data, pa->len, 128, dkey);
  TU_ASSERT_HEX (dkey, 16, "748C50868C90F302962A5C35F5F9A8BF");
  out = g_malloc (plain->len);
  smb_aead_encrypt (SMB_CIPHER_AES128_GCM, ekey, transformed->data + 20, transformed->data + 20,
                    32, plain->data, plain->len, out, tag);
  assert_memory_equal (out, transformed->data + 52, plain->len);
  assert_memory_equal (tag, transformed->data + 4, 16);
  g_free (out);
  out = g_malloc (resp_plain->len);
  assert_int_equal (resp->len, 52 + resp_plain->len);
  assert_int_equal (smb_aead_decrypt (SMB_CIPHER_AES128_GCM, dkey, resp->data + 20,
                                      resp->data + 20, 32, resp->data + 52, resp_plain->len,
                                      out, resp->data + 4),
                    0);
  assert_memory_equal (out, resp_plain->data, resp_plain->len);
  g_free (out);
  g_byte_array_free (sk, TRUE);
  g_byte_array_free (pa, TRUE);
  g_byte_array_free (plain, TRUE);
  g_byte_array_free (transformed, TRUE);
  g_byte_array_free (resp, TRUE);
  g_byte_array_free (resp_plain, TRUE);
}

/* AES-256 round trips (no published SMB vector): the right size and a tag
** that fails when the data changes. */
static void
test_aes256_roundtrip (void **state)
{
  uint8_t key[32], nonce[12], data[100], enc[100], dec[100], tag[16];
  int c;

  (void) state;
  memset (key, 7, sizeof key);
  memset (nonce, 9, sizeof nonce);
  memset (data, 'x', sizeof data);
  for (c = SMB_CIPHER_AES256_CCM; c <= SMB_CIPHER_AES256_GCM; c++)
    {
      assert_int_equal (smb_cipher_key_len (c), 32);
      smb_aead_encrypt (c, key, nonce, "aad", 3, data, sizeof data, enc, tag);
      assert_memory_not_equal (enc, data, sizeof data);
      assert_int_equal (smb_aead_decrypt (c, key, nonce, "aad", 3, enc, sizeof enc, dec, tag), 0);
      assert_memory_equal (dec, data, sizeof data);
      assert_int_equal (smb_aead_decrypt (c, key, nonce, "aaD", 3, enc, sizeof enc, dec, tag), -1);
    }
  assert_int_equal (smb_cipher_key_len (9), 0);
  assert_int_equal (smb_aead_encrypt (9, key, nonce, NULL, 0, data, 1, enc, tag), -1);
}

/* MD4, HMAC-MD5, HMAC-SHA256, RC4 against RFC vectors (RFC 1320, RFC 2104,
** RFC 4231 case 2, RFC 6229 key 0102030405 offset 0). */
static void
test_hashes (void **state)
{
  uint8_t out[32];
  uint8_t rc4[16] = { 0 };
  static const uint8_t rc4key[5] = { 1, 2, 3, 4, 5 };

  (void) state;
  smb_md4 ("abc", 3, out);
  TU_ASSERT_HEX (out, 16, "a448017aaf21d8525fc10ae87aa6729d");
  smb_md4 ("", 0, out);
  TU_ASSERT_HEX (out, 16, "31d6cfe0d16ae931b73c59d7e0c089c0");
  smb_hmac_md5 ("Jefe", 4, "what do ya want ", 16, "for nothing?", 12, out);
  TU_ASSERT_HEX (out, 16, "750c783e6ab0b503eaa86e310a5db738");
  smb_hmac_sha256 ("Jefe", 4, "what do ya want for nothing?", 28, out);
  TU_ASSERT_HEX (out, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  smb_rc4 (rc4key, sizeof rc4key, rc4, sizeof rc4);
  TU_ASSERT_HEX (rc4, 16, "b2396305f03dc027ccc3524a0a1118a8");
}

/* DES with a 7-byte key: the LM hash of "PASSWORD" halves ("KGS!@#$%"). */
static void
test_des7 (void **state)
{
  static const uint8_t magic[8] = { 'K', 'G', 'S', '!', '@', '#', '$', '%' };
  uint8_t out[8];

  (void) state;
  smb_des7 ((const uint8_t *) "PASSWOR", magic, out);
  TU_ASSERT_HEX (out, 8, "e52cac67419a9a22");
}

static void
test_gmac (void **state)
{
  /* GCM test case 2 of the GCM specification has plaintext; GMAC is the
  ** tag of test case 1 (zero key, zero IV, no data): 58e2fccefa7e3061367f1d57a4e7455a. */
  uint8_t key[16] = { 0 }, iv[12] = { 0 }, out[16];

  (void) state;
  assert_int_equal (smb_aes_gmac (key, 16, iv, 12, "", 0, out), 0);
  TU_ASSERT_HEX (out, 16, "58e2fccefa7e3061367f1d57a4e7455a");
  assert_int_equal (smb_aes_gmac (key, 17, iv, 12, "", 0, out), -1);
}

static void
test_utf16 (void **state)
{
  size_t n;
  uint8_t *u = smb_utf16le ("Aé€\xF0\x9F\x98\x80", 10, &n);
  char *back;

  (void) state;
  assert_non_null (u);
  assert_int_equal (n, 10);
  TU_ASSERT_HEX (u, n, "4100e900ac203dd800de");
  back = smb_utf8_from_utf16le (u, n);
  assert_string_equal (back, "Aé€\xF0\x9F\x98\x80");
  g_free (back);
  g_free (u);
  assert_null (smb_utf16le ("\xff", 1, &n));
  /* an unpaired surrogate and an odd byte */
  back = smb_utf8_from_utf16le ((const uint8_t *) "\x00\xd8\x41\x00\x42", 5);
  assert_string_equal (back, "\xEF\xBF\xBD" "A");
  g_free (back);
}

static void
test_reader (void **state)
{
  static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  smb_rd r;

  (void) state;
  smb_rd_init (&r, b, sizeof b);
  assert_int_equal (smb_rd_u8 (&r), 1);
  assert_int_equal (smb_rd_u16 (&r), 0x0302);
  smb_rd_align (&r, 4);
  assert_int_equal (smb_rd_u32 (&r), 0x08070605);
  assert_int_equal (r.bad, 0);
  assert_int_equal (smb_rd_u32 (&r), 0);
  assert_int_equal (r.bad, 1);
  assert_null (smb_rd_take (&r, 1));
  assert_null (smb_slice (b, sizeof b, 8, 2));
  assert_non_null (smb_slice (b, sizeof b, 8, 1));
  assert_null (smb_slice (b, sizeof b, (size_t) -1, 2));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cmac_rfc4493),   cmocka_unit_test (test_kdf_smb30),
    cmocka_unit_test (test_kdf_smb311),     cmocka_unit_test (test_preauth_chain),
    cmocka_unit_test (test_ccm_smb30),      cmocka_unit_test (test_gcm_smb311),
    cmocka_unit_test (test_aes256_roundtrip), cmocka_unit_test (test_hashes),
    cmocka_unit_test (test_des7),           cmocka_unit_test (test_gmac),
    cmocka_unit_test (test_utf16),          cmocka_unit_test (test_reader),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

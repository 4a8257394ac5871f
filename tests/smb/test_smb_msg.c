/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_smb_msg.c: SMB2 message builders and parsers, pre-authentication and signing against a Windows 3.1.1 exchange; hostile replies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "smb2_conn.h"
#include "smb2_msg.h"
#include "smb_buf.h"
#include "smb_crypto.h"
#include "smb_test_util.h"

/* The MS Open Specifications blog "SMB 2 and SMB 3 security in Windows 10:
** the anatomy of signing and cryptographic keys", SMB 3.1.1 example. */
#define BLOG_NEG_REQ                                                                       \
  "FE534D4240000100000000000000800000000000000000000100000000000000FFFE000000000000"       \
  "00000000000000000000000000000000000000000000000024000500000000003F000000ECD86F32"       \
  "6276024F9F7752B89BB33F3A70000000020000000202100200030203110300000100260000000000"       \
  "010020000100FA49E6578F1F3A9F4CD3E9CC14A67AA884B3D05844E0E5A118225C15887F32FF0000"       \
  "0200060000000000020002000100"
#define BLOG_NEG_RESP                                                                      \
  "FE534D4240000100000000000000010001000000000000000100000000000000FFFE000000000000"       \
  "000000000000000000000000000000000000000000000000410001001103020039CBCAF329714942"       \
  "BDCE5D60F09AB3FB2F000000000080000000800000008000D8DAE5ADCBAED00109094AB095AED001"       \
  "80004001C00100006082013C06062B0601050502A08201303082012CA01A3018060A2B0601040182"       \
  "3702021E060A2B06010401823702020AA282010C048201084E45474F455854530100000000000000"       \
  "60000000700000007C7CC0FD06D6362D02DDE1CF343BFE292900F49750B4AA97934D9C4296B26E51"       \
  "FD370471B235E15A50DAE15BD5489C87000000000000000060000000010000000000000000000000"       \
  "5C33530DEAF90D4DB2EC4AE3786EC3084E45474F4558545303000000010000004000000098000000"       \
  "7C7CC0FD06D6362D02DDE1CF343BFE295C33530DEAF90D4DB2EC4AE3786EC3084000000058000000"       \
  "3056A05430523027802530233121301F06035504031318546F6B656E205369676E696E6720507562"       \
  "6C6963204B65793027802530233121301F06035504031318546F6B656E205369676E696E67205075"       \
  "626C6963204B6579010026000000000001002000010060A3C3B95C3C7CCD51EC536648D9B3AC74C4"       \
  "83CA5B65385A251117BEB30712E50000020004000000000001000200"
#define BLOG_SS_REQ1                                                                       \
  "FE534D4240000100000000000100800000000000000000000200000000000000FFFE000000000000"       \
  "00000000000000000000000000000000000000000000000019000001010000000000000058004A00"       \
  "0000000000000000604806062B0601050502A03E303CA00E300C060A2B06010401823702020AA22A"       \
  "04284E544C4D5353500001000000978208E200000000000000000000000000000000060380250000"       \
  "000F"
#define BLOG_SS_RESP1                                                                      \
  "FE534D4240000100160000C00100010001000000000000000200000000000000FFFE000000000000"       \
  "190000000010000000000000000000000000000000000000090000004800B300A181B03081ADA003"       \
  "0A0101A10C060A2B06010401823702020AA281970481944E544C4D53535000020000000C000C0038"       \
  "00000015828AE20D1D8BA31179D008000000000000000050005000440000000A0092270000000F53"       \
  "005500540033003100310002000C0053005500540033003100310001000C00530055005400330031"       \
  "00310004000C0053005500540033003100310003000C0053005500540033003100310007000800A1"       \
  "A1F5ADCBAED00100000000"
#define BLOG_SS_REQ2                                                                       \
  "FE534D4240000100000000000100800000000000000000000300000000000000FFFE000000000000"       \
  "1900000000100000000000000000000000000000000000001900000101000000000000005800CF01"       \
  "0000000000000000A18201CB308201C7A0030A0101A28201AA048201A64E544C4D53535000030000"       \
  "001800180090000000EE00EE00A80000000C000C00580000001A001A0064000000120012007E0000"       \
  "001000100096010000158288E2060380250000000FECAC77A5F385A8BF9C38C706EEEDDCD3530055"       \
  "005400330031003100610064006D0069006E006900730074007200610074006F0072004400520049"       \
  "0056004500520033003100310000000000000000000000000000000000000000000000000063078E"       \
  "B639FE03E20A231C3AE3BF23080101000000000000A1A1F5ADCBAED001BC4AD05F223CC90F000000"       \
  "0002000C0053005500540033003100310001000C0053005500540033003100310004000C00530055"       \
  "00540033003100310003000C0053005500540033003100310007000800A1A1F5ADCBAED001060004"       \
  "00020000000800300030000000000000000000000000300000B61FEFCAA857EA57BF1EDCEBF8974B"       \
  "8E0EBA5A6DFD9D07A31D11B548F8C9D0CC0A00100000000000000000000000000000000000090016"       \
  "0063006900660073002F005300550054003300310031000000000000000000000000003B9BDFF38F"       \
  "5EE8F9663F11A0F4C03A78A31204100100000063775A9A5FD97F0600000000"
#define BLOG_SS_RESP2                                                                      \
  "FE534D4240000100000000000100800009000000000000000300000000000000FFFE000000000000"       \
  "1900000000100000EBE146DA120BA25FC3376A49DFE31BC10900000048001D00A11B3019A0030A01"       \
  "00A3120410010000003B453CDC3524164200000000"

static void
test_negotiate_request_body (void **state)
{
  static const uint16_t dialects[] = { 0x0202, 0x0210, 0x0300, 0x0302, 0x0311 };
  static const uint16_t ciphers[] = { 2, 1 };
  GByteArray *want = tu_hex (BLOG_NEG_REQ), *salt = tu_hex (
    "FA49E6578F1F3A9F4CD3E9CC14A67AA884B3D05844E0E5A118225C15887F32FF");
  GByteArray *guid = tu_hex ("ECD86F326276024F9F7752B89BB33F3A");
  GByteArray *w = g_byte_array_new ();
  smb2_negotiate_req r;

  (void) state;
  memset (&r, 0, sizeof r);
  r.dialects = dialects;
  r.ndialects = 5;
  r.security_mode = 0;
  r.capabilities = 0x3F;
  memcpy (r.client_guid, guid->data, 16);
  memcpy (r.salt, salt->data, 32);
  r.ciphers = ciphers;
  r.nciphers = 2;
  g_byte_array_set_size (w, SMB2_HDR_SIZE);
  smb2_negotiate_req_body (w, &r);
  assert_int_equal (w->len, want->len);
  assert_memory_equal (w->data + SMB2_HDR_SIZE, want->data + SMB2_HDR_SIZE,
                       want->len - SMB2_HDR_SIZE);
  g_byte_array_free (w, TRUE);
  g_byte_array_free (want, TRUE);
  g_byte_array_free (salt, TRUE);
  g_byte_array_free (guid, TRUE);
}

static void
test_negotiate_response_parse (void **state)
{
  GByteArray *m = tu_hex (BLOG_NEG_RESP);
  smb2_negotiate_resp r;
  smb2_hdr h;
  char why[128];

  (void) state;
  assert_int_equal (smb2_hdr_parse (m->data, m->len, &h), 0);
  assert_int_equal (h.command, SMB2_NEGOTIATE);
  assert_int_equal (h.credits, 1);
  assert_int_equal (h.flags, SMB2_FLAGS_SERVER_TO_REDIR);
  assert_int_equal (smb2_negotiate_resp_parse (m->data, m->len, &r, why, sizeof why), 0);
  assert_int_equal (r.dialect, SMB2_DIALECT_311);
  assert_int_equal (r.security_mode, 1);
  assert_int_equal (r.capabilities, 0x2F);
  assert_int_equal (r.max_read, 0x800000);
  assert_int_equal (r.preauth_hash, SMB2_PREAUTH_SHA512);
  assert_int_equal (r.cipher, SMB_CIPHER_AES128_GCM);
  assert_int_equal (r.security_len, 0x140);
  assert_int_equal (r.security[0], 0x60);
  /* cut anywhere, it fails cleanly */
  for (size_t n = 0; n < m->len; n++)
    assert_int_equal (smb2_negotiate_resp_parse (m->data, n, &r, why, sizeof why), -1);
  /* a context count that runs off the end */
  m->data[SMB2_HDR_SIZE + 6] = 40;
  assert_int_equal (smb2_negotiate_resp_parse (m->data, m->len, &r, why, sizeof why), -1);
  assert_string_equal (why, "NEGOTIATE response has malformed negotiate contexts");
  g_byte_array_free (m, TRUE);
}

/* The whole pre-authentication chain, the keys, and the signature Windows
** put on its final SESSION_SETUP response. */
static void
test_preauth_keys_and_signature (void **state)
{
  static const char *const chain[] = { BLOG_NEG_REQ, BLOG_NEG_RESP, BLOG_SS_REQ1, BLOG_SS_RESP1,
                                       BLOG_SS_REQ2 };
  GByteArray *sk = tu_hex ("270E1BA896585EEB7AF3472D3B4C75A7");
  GByteArray *fin = tu_hex (BLOG_SS_RESP2);
  uint8_t h[64] = { 0 };
  smb2_conn c;
  size_t i;

  (void) state;
  for (i = 0; i < G_N_ELEMENTS (chain); i++)
    {
      GByteArray *m = tu_hex (chain[i]);
      smb_sha512_2 (h, 64, m->data, m->len, h);
      if (i == 1)
        TU_ASSERT_HEX (h, 64, "324BFA92A4F3A190E466EBEA08D9C110DC88BFED758D9846ECC6F541CC1D02AE"
                              "3C94A79F36011E997E13F841B91B50957AD07B19C8E2539C0B23FDAE09D2C513");
      g_byte_array_free (m, TRUE);
    }
  TU_ASSERT_HEX (h, 64, "0DD13628CC3ED218EF9DF9772D436D0887AB9814BFAE63A80AA845F36909DB79"
                        "28622DDDAD522D9751640A459762C5A9D6BB084CBB3CE6BDADEF5D5BCE3C6C01");
  memset (&c, 0, sizeof c);
  c.dialect = SMB2_DIALECT_311;
  smb_kdf (sk->data, 16, "SMBSigningKey", 14, h, 64, 128, c.signing_key);
  assert_true (smb2_verify_message (&c, fin->data, fin->len));
  fin->data[fin->len - 1] ^= 1;
  assert_false (smb2_verify_message (&c, fin->data, fin->len));
  /* signing it again gives Windows' signature */
  fin->data[fin->len - 1] ^= 1;
  smb2_sign_message (&c, fin->data, fin->len);
  TU_ASSERT_HEX (fin->data + 48, 16, "EBE146DA120BA25FC3376A49DFE31BC1");
  g_byte_array_free (sk, TRUE);
  g_byte_array_free (fin, TRUE);
}

static void
test_session_setup_parse (void **state)
{
  GByteArray *m = tu_hex (BLOG_SS_RESP1);
  smb2_session_setup_resp r;
  smb2_hdr h;
  char why[128];

  (void) state;
  assert_int_equal (smb2_hdr_parse (m->data, m->len, &h), 0);
  assert_int_equal (h.status, SMB_STATUS_MORE_PROCESSING_REQUIRED);
  assert_true (h.session_id == 0x100000000019ull);
  assert_int_equal (smb2_session_setup_resp_parse (m->data, m->len, &r, why, sizeof why), 0);
  assert_int_equal (r.security_len, 0xB3);
  /* a security buffer pointing past the end */
  smb_put_u16 (m->data + SMB2_HDR_SIZE + 6, 0xB4);
  assert_int_equal (smb2_session_setup_resp_parse (m->data, m->len, &r, why, sizeof why), -1);
  /* a buffer offset inside the header */
  smb_put_u16 (m->data + SMB2_HDR_SIZE + 6, 0xB3);
  smb_put_u16 (m->data + SMB2_HDR_SIZE + 4, 8);
  assert_int_equal (smb2_session_setup_resp_parse (m->data, m->len, &r, why, sizeof why), -1);
  g_byte_array_free (m, TRUE);
}

/* A READ response, built by hand, and its malformed variants. */
static void
test_read_response (void **state)
{
  GByteArray *m = g_byte_array_new ();
  smb2_data_resp r;
  smb2_hdr h;
  char why[128];

  (void) state;
  memset (&h, 0, sizeof h);
  h.command = SMB2_READ;
  h.flags = SMB2_FLAGS_SERVER_TO_REDIR;
  smb2_hdr_write (m, &h);
  smb_wr_u16 (m, 17);
  smb_wr_u8 (m, 0x50);
  smb_wr_u8 (m, 0);
  smb_wr_u32 (m, 5);
  smb_wr_u32 (m, 0);
  smb_wr_u32 (m, 0);
  smb_wr_bytes (m, "hello", 5);
  assert_int_equal (smb2_read_resp_parse (m->data, m->len, &r, why, sizeof why), 0);
  assert_int_equal (r.len, 5);
  assert_memory_equal (r.data, "hello", 5);
  smb_put_u32 (m->data + SMB2_HDR_SIZE + 4, 6);
  assert_int_equal (smb2_read_resp_parse (m->data, m->len, &r, why, sizeof why), -1);
  assert_string_equal (why, "READ response data is outside the message");
  smb_put_u32 (m->data + SMB2_HDR_SIZE + 4, 0xFFFFFFFFu);
  assert_int_equal (smb2_read_resp_parse (m->data, m->len, &r, why, sizeof why), -1);
  smb_put_u16 (m->data + SMB2_HDR_SIZE, 9);
  assert_int_equal (smb2_read_resp_parse (m->data, m->len, &r, why, sizeof why), -1);
  assert_string_equal (why, "READ response has a wrong structure size");
  g_byte_array_free (m, TRUE);
}

static void
test_chain_and_transform (void **state)
{
  uint8_t frame[64 * 3];
  size_t next = 1, len;
  smb2_transform t, back;
  GByteArray *w = g_byte_array_new ();

  (void) state;
  memset (frame, 0, sizeof frame);
  smb_put_u32 (frame + 20, 64);
  smb_put_u32 (frame + 64 + 20, 0);
  len = smb2_chain_next (frame, 128, 0, &next);
  assert_int_equal (len, 64);
  assert_int_equal (next, 64);
  len = smb2_chain_next (frame, 128, 64, &next);
  assert_int_equal (len, 64);
  assert_int_equal (next, 0);
  /* unaligned, too small, or past the end */
  smb_put_u32 (frame + 20, 68);
  assert_int_equal (smb2_chain_next (frame, 192, 0, &next), 0);
  smb_put_u32 (frame + 20, 8);
  assert_int_equal (smb2_chain_next (frame, 192, 0, &next), 0);
  smb_put_u32 (frame + 20, 192);
  assert_int_equal (smb2_chain_next (frame, 192, 0, &next), 0);
  assert_int_equal (smb2_chain_next (frame, 63, 0, &next), 0);

  memset (&t, 0, sizeof t);
  memset (t.signature, 1, 16);
  memset (t.nonce, 2, 11);
  t.original_size = 99;
  t.flags = 1;
  t.session_id = 0x1122334455667788ull;
  smb2_transform_write (w, &t);
  assert_int_equal (w->len, SMB2_TRANSFORM_SIZE);
  memset (&back, 0, sizeof back);
  assert_int_equal (smb2_transform_parse (w->data, w->len, &back), 0);
  assert_memory_equal (back.signature, t.signature, 16);
  assert_memory_equal (back.nonce, t.nonce, 16);
  assert_int_equal (back.original_size, 99);
  assert_int_equal (back.flags, 1);
  assert_true (back.session_id == t.session_id);
  assert_int_equal (smb2_transform_parse (w->data, w->len - 1, &back), -1);
  w->data[0] = 0xFE;
  assert_int_equal (smb2_transform_parse (w->data, w->len, &back), -1);
  g_byte_array_free (w, TRUE);
}

static void
test_request_bodies (void **state)
{
  GByteArray *w = g_byte_array_new ();
  smb2_fid f;
  smb2_create_req cr;
  size_t n;
  uint8_t *name = smb2_path16 ("/Temp/x.txt", &n);

  (void) state;
  memset (f.b, 0xAB, 16);
  smb2_read_req_body (w, &f, 65536, 7);
  assert_int_equal (w->len, 49);
  assert_int_equal (smb_get_u32 (w->data + 4), 65536);
  g_byte_array_set_size (w, 0);
  smb2_write_req_body (w, &f, 0, (const uint8_t *) "abc", 3);
  assert_int_equal (w->len, 48 + 3);
  assert_int_equal (smb_get_u16 (w->data + 2), 0x70);
  g_byte_array_set_size (w, 0);
  TU_ASSERT_HEX (name, n, "540065006d0070005c0078002e00740078007400");
  memset (&cr, 0, sizeof cr);
  cr.name = name;
  cr.name_len = n;
  smb2_create_req_body (w, &cr);
  assert_int_equal (w->len, 56 + n);
  assert_int_equal (smb_get_u16 (w->data + 44), 0x78);
  assert_int_equal (smb_get_u16 (w->data + 46), n);
  g_byte_array_set_size (w, 0);
  cr.name_len = 0;
  smb2_create_req_body (w, &cr);
  assert_int_equal (w->len, 57);
  g_free (name);
  name = smb2_path16 ("\\\\host\\IPC$", &n);
  TU_ASSERT_HEX (name, n, "5c005c0068006f00730074005c004900500043002400");
  g_free (name);
  g_byte_array_free (w, TRUE);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_negotiate_request_body),
    cmocka_unit_test (test_negotiate_response_parse),
    cmocka_unit_test (test_preauth_keys_and_signature),
    cmocka_unit_test (test_session_setup_parse),
    cmocka_unit_test (test_read_response),
    cmocka_unit_test (test_chain_and_transform),
    cmocka_unit_test (test_request_bodies),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

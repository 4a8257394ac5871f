/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_smb_ntlm.c: NTLM one-way functions, responses and messages against MS-NLMP section 4.2; SPNEGO against a Windows exchange. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ntlm.h"
#include "smb_buf.h"
#include "smb_crypto.h"
#include "spnego.h"
#include "smb_test_util.h"

/* MS-NLMP 4.2.1 common values. */
static const uint8_t server_chal[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
static const uint8_t client_chal[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };

/* MS-NLMP 4.2.4.3: the NTLMv2 CHALLENGE_MESSAGE. */
#define MS_CHALLENGE                                                            \
  "4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef"           \
  "00000000000000002400240044000000060070170000000f5300650072007600"           \
  "6500720002000c0044006f006d00610069006e0001000c005300650072007600"           \
  "6500720000000000"

/* MS-NLMP 4.2.4.3: the AUTHENTICATE_MESSAGE answering it. */
#define MS_AUTHENTICATE                                                         \
  "4e544c4d5353500003000000180018006c00000054005400840000000c000c00"           \
  "480000000800080054000000100010005c00000010001000d8000000358288e2"           \
  "0501280a0000000f44006f006d00610069006e00550073006500720043004f00"           \
  "4d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaa"           \
  "aaaaaaaa68cd0ab851e51c96aabc927bebef6a1c010100000000000000000000"           \
  "00000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e00"           \
  "01000c005300650072007600650072000000000000000000c5dad2544fc97990"           \
  "94ce1ce90bc9d03e"

static void
test_v1 (void **state)
{
  uint8_t nt[16], lm[16], resp[24], md5[16];

  (void) state;
  ntlm_nt_owf ("Password", 8, nt);
  TU_ASSERT_HEX (nt, 16, "a4f49c406510bdcab6824ee7c30fd852");
  ntlm_lm_owf ("Password", 8, lm);
  TU_ASSERT_HEX (lm, 16, "e52cac67419a9a224a3b108f3fa6cb6d");
  /* 4.2.2.2: NTLMv1 responses */
  ntlm_desl (nt, server_chal, resp);
  TU_ASSERT_HEX (resp, 24, "67c43011f30298a2ad35ece64f16331c44bdbed927841f94");
  ntlm_desl (lm, server_chal, resp);
  TU_ASSERT_HEX (resp, 24, "98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13");
  /* 4.2.2.1.3: session base key MD4(NTOWFv1) */
  smb_md4 (nt, 16, md5);
  TU_ASSERT_HEX (md5, 16, "d87262b0cde4b1cb7499becccdf10784");
  /* 4.2.3.2.2: NTLMv1 with extended session security */
  {
    uint8_t both[16];
    memcpy (both, server_chal, 8);
    memcpy (both + 8, client_chal, 8);
    smb_md5 (both, 16, md5);
  }
  ntlm_desl (nt, md5, resp);
  TU_ASSERT_HEX (resp, 24, "7537f803ae367128ca458204bde7caf81e97ed2683267232");
  /* the LM hash only sees the first 14 bytes, up to a NUL, ASCII upper-cased */
  ntlm_lm_owf ("password\0xyz", 12, lm);
  TU_ASSERT_HEX (lm, 16, "e52cac67419a9a224a3b108f3fa6cb6d");
}

static void
test_v2_parts (void **state)
{
  uint8_t nt[16], v2[16], lm[24], key[16];
  GByteArray *ti = tu_hex ("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");
  GByteArray *resp = g_byte_array_new ();

  (void) state;
  ntlm_nt_owf ("Password", 8, nt);
  ntlm_ntowf_v2 (nt, "User", "Domain", v2);
  TU_ASSERT_HEX (v2, 16, "0c868a403bfd7a93a3001ef22ef02e3f");
  /* the user name is case-insensitive, the domain is not */
  ntlm_ntowf_v2 (nt, "uSeR", "Domain", key);
  assert_memory_equal (key, v2, 16);
  ntlm_ntowf_v2 (nt, "User", "DOMAIN", key);
  assert_memory_not_equal (key, v2, 16);
  ntlm_lmv2_response (v2, server_chal, client_chal, lm);
  TU_ASSERT_HEX (lm, 24, "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
  ntlm_v2_response (v2, server_chal, client_chal, 0, ti->data, ti->len, resp, key);
  TU_ASSERT_HEX (resp->data, 16, "68cd0ab851e51c96aabc927bebef6a1c");
  TU_ASSERT_HEX (key, 16, "8de40ccadbc14a82f15cb0ad0de95ca3");
  assert_int_equal (resp->len, 16 + 28 + ti->len + 4);
  g_byte_array_free (ti, TRUE);
  g_byte_array_free (resp, TRUE);
}

static void
test_authenticate_message (void **state)
{
  GByteArray *chal = tu_hex (MS_CHALLENGE), *want = tu_hex (MS_AUTHENTICATE), *got;
  static const uint8_t version[8] = { 0x05, 0x01, 0x28, 0x0a, 0, 0, 0, 0x0f };
  ntlm_auth_params p;
  ntlm_challenge c;
  uint8_t exported[16];
  char why[128];

  (void) state;
  assert_int_equal (ntlm_parse_challenge (chal->data, chal->len, &c, why, sizeof why), 0);
  assert_int_equal (c.flags, 0xe28a8233);
  assert_memory_equal (c.server_challenge, server_chal, 8);
  assert_int_equal (c.target_info_len, 36);
  assert_int_equal (c.has_timestamp, 0);
  assert_string_equal (c.nb_computer, "Server");
  assert_string_equal (c.nb_domain, "Domain");

  memset (&p, 0, sizeof p);
  p.user = "User";
  p.domain = "Domain";
  p.workstation = "COMPUTER";
  ntlm_nt_owf ("Password", 8, p.nt_owf);
  p.flags = 0xe2888235;
  memcpy (p.client_challenge, client_chal, 8);
  memset (p.random_session_key, 0x55, 16);
  p.timestamp = 0;
  memcpy (p.version, version, 8);
  got = ntlm_authenticate_message (&p, &c, exported, why, sizeof why);
  assert_non_null (got);
  TU_ASSERT_HEX (got->data, got->len, MS_AUTHENTICATE);
  assert_memory_equal (exported, p.random_session_key, 16);

  /* Without key exchange the exported key is the session base key. */
  g_byte_array_free (got, TRUE);
  p.flags = 0xe2888235 & ~NTLM_NEGOTIATE_KEY_EXCH;
  got = ntlm_authenticate_message (&p, &c, exported, why, sizeof why);
  TU_ASSERT_HEX (exported, 16, "8de40ccadbc14a82f15cb0ad0de95ca3");
  assert_int_equal (smb_get_u16 (got->data + 52), 0);

  g_byte_array_free (got, TRUE);
  ntlm_challenge_clear (&c);
  g_byte_array_free (chal, TRUE);
  g_byte_array_free (want, TRUE);
}

/* The target name is added and the LM response is zero with a timestamp. */
static void
test_authenticate_with_timestamp (void **state)
{
  GByteArray *chal = tu_hex (
    "4e544c4d53535000020000000000000030000000358289e20123456789abcdef"
    "00000000000000001600160030000000"
    "07000800010203040506070801000200410000000000");
  ntlm_auth_params p;
  ntlm_challenge c;
  uint8_t exported[16];
  char why[128];
  GByteArray *got;
  smb_rd r;
  uint16_t lm_len, nt_len;
  uint32_t lm_off, nt_off;
  const uint8_t *ntr;

  (void) state;
  assert_int_equal (ntlm_parse_challenge (chal->data, chal->len, &c, why, sizeof why), 0);
  assert_int_equal (c.has_timestamp, 1);
  assert_true (c.timestamp == 0x0807060504030201ull);
  assert_string_equal (c.nb_computer, "A");
  memset (&p, 0, sizeof p);
  p.user = "u";
  p.domain = "";
  p.workstation = "";
  p.target_spn = "cifs/h";
  p.timestamp = 42;
  got = ntlm_authenticate_message (&p, &c, exported, why, sizeof why);
  assert_non_null (got);
  assert_int_equal (smb_get_u32 (got->data + 60), ntlm_auth_flags (0xe2898235));
  smb_rd_init (&r, got->data + 12, 16);
  lm_len = smb_rd_u16 (&r);
  smb_rd_skip (&r, 2);
  lm_off = smb_rd_u32 (&r);
  nt_len = smb_rd_u16 (&r);
  smb_rd_skip (&r, 2);
  nt_off = smb_rd_u32 (&r);
  assert_int_equal (lm_len, 24);
  assert_non_null (smb_slice (got->data, got->len, lm_off, 24));
  {
    static const uint8_t zero[24];
    assert_memory_equal (got->data + lm_off, zero, 24);
  }
  ntr = smb_slice (got->data, got->len, nt_off, nt_len);
  assert_non_null (ntr);
  /* temp: timestamp from the server, then the AV pairs with the target name */
  assert_true (smb_get_u64 (ntr + 16 + 8) == 0x0807060504030201ull);
  TU_ASSERT_HEX (ntr + 16 + 28, nt_len - 16 - 28,
                 "070008000102030405060708" "010002004100"
                 "09000c00" "63006900660073002f006800" "00000000" "00000000");
  g_byte_array_free (got, TRUE);
  ntlm_challenge_clear (&c);
  g_byte_array_free (chal, TRUE);
}

static void
test_challenge_rejects (void **state)
{
  ntlm_challenge c;
  char why[128];
  GByteArray *ok = tu_hex (MS_CHALLENGE);
  GByteArray *m;

  (void) state;
  /* every truncation of a good message fails cleanly or parses a prefix */
  for (size_t n = 0; n < 32; n++)
    assert_int_equal (ntlm_parse_challenge (ok->data, n, &c, why, sizeof why), -1);
  /* target info pointing past the end */
  m = tu_hex (MS_CHALLENGE);
  smb_put_u32 (m->data + 44, 0xfffffff0u);
  assert_int_equal (ntlm_parse_challenge (m->data, m->len, &c, why, sizeof why), -1);
  assert_string_equal (why, "NTLM challenge: target information outside the message");
  g_byte_array_free (m, TRUE);
  /* AV pairs without MsvAvEOL */
  m = tu_hex (MS_CHALLENGE);
  g_byte_array_set_size (m, m->len - 4);
  smb_put_u16 (m->data + 40, 32);
  assert_int_equal (ntlm_parse_challenge (m->data, m->len, &c, why, sizeof why), -1);
  assert_string_equal (why, "NTLM challenge: target information is truncated");
  g_byte_array_free (m, TRUE);
  /* no Unicode */
  m = tu_hex (MS_CHALLENGE);
  m->data[20] &= (uint8_t) ~1;
  assert_int_equal (ntlm_parse_challenge (m->data, m->len, &c, why, sizeof why), -1);
  assert_string_equal (why, "the server does not accept Unicode NTLM messages");
  g_byte_array_free (m, TRUE);
  /* wrong message type */
  m = tu_hex (MS_CHALLENGE);
  m->data[8] = 3;
  assert_int_equal (ntlm_parse_challenge (m->data, m->len, &c, why, sizeof why), -1);
  g_byte_array_free (m, TRUE);
  g_byte_array_free (ok, TRUE);
}

static void
test_split_login (void **state)
{
  char *u, *d;

  (void) state;
  ntlm_split_login ("CORP\\alice", "X", &u, &d);
  assert_string_equal (u, "alice");
  assert_string_equal (d, "CORP");
  g_free (u), g_free (d);
  ntlm_split_login ("CORP/alice", NULL, &u, &d);
  assert_string_equal (u, "alice");
  assert_string_equal (d, "CORP");
  g_free (u), g_free (d);
  ntlm_split_login ("alice@corp.example", "X", &u, &d);
  assert_string_equal (u, "alice@corp.example");
  assert_string_equal (d, "");
  g_free (u), g_free (d);
  ntlm_split_login ("alice@CORP", "X", &u, &d);
  assert_string_equal (u, "alice");
  assert_string_equal (d, "CORP");
  g_free (u), g_free (d);
  ntlm_split_login ("@CORP", "X", &u, &d);
  assert_string_equal (u, "@CORP");
  assert_string_equal (d, "");
  g_free (u), g_free (d);
  ntlm_split_login ("alice", "WG", &u, &d);
  assert_string_equal (u, "alice");
  assert_string_equal (d, "WG");
  g_free (u), g_free (d);
  ntlm_split_login ("alice", NULL, &u, &d);
  assert_string_equal (d, "");
  g_free (u), g_free (d);
}

/* MS blog (anatomy of signing and keys), SMB 3.1.1 session setup: Windows'
** NegTokenInit around its NEGOTIATE_MESSAGE has exactly our layout. */
static void
test_spnego_init (void **state)
{
  GByteArray *ntlm = tu_hex ("4E544C4D5353500001000000978208E2000000000000000000000000000000000603"
                             "80250000000F");
  GByteArray *tok = spnego_init_token (ntlm->data, ntlm->len);

  (void) state;
  TU_ASSERT_HEX (tok->data, tok->len,
                 "604806062B0601050502A03E303CA00E300C060A2B06010401823702020AA22A"
                 "04284E544C4D5353500001000000978208E20000000000000000000000000000"
                 "0000060380250000000F");
  g_byte_array_free (tok, TRUE);
  tok = spnego_resp_token (ntlm->data, 2);
  TU_ASSERT_HEX (tok->data, tok->len, "a108" "3006" "a204" "0402" "4e54");
  g_byte_array_free (tok, TRUE);
  g_byte_array_free (ntlm, TRUE);
}

/* The same exchange: Windows' NegTokenResp with its CHALLENGE_MESSAGE. */
static void
test_spnego_reply (void **state)
{
  GByteArray *b = tu_hex (
    "A181B03081ADA0030A0101A10C060A2B06010401823702020AA281970481944E544C4D53535000020000000C000C0038"
    "00000015828AE20D1D8BA31179D008000000000000000050005000440000000A0092270000000F53"
    "005500540033003100310002000C0053005500540033003100310001000C00530055005400330031"
    "00310004000C0053005500540033003100310003000C0053005500540033003100310007000800A1"
    "A1F5ADCBAED00100000000");
  spnego_reply rep;
  ntlm_challenge c;
  char why[128];

  (void) state;
  assert_int_equal (spnego_parse_reply (b->data, b->len, &rep, why, sizeof why), 0);
  assert_int_equal (rep.neg_state, SPNEGO_ACCEPT_INCOMPLETE);
  assert_int_equal (rep.mech_ntlm, 1);
  assert_int_equal (rep.token_len, 0x94);
  assert_int_equal (ntlm_parse_challenge (rep.token, rep.token_len, &c, why, sizeof why), 0);
  assert_int_equal (c.flags, 0xe28a8215);
  assert_string_equal (c.nb_computer, "SUT311");
  assert_int_equal (c.has_timestamp, 1);
  ntlm_challenge_clear (&c);
  /* the final reply: accept-completed, no token */
  g_byte_array_free (b, TRUE);
  b = tu_hex ("A11B3019A0030A0100A3120410010000003B453CDC3524164200000000");
  assert_int_equal (spnego_parse_reply (b->data, b->len, &rep, why, sizeof why), 0);
  assert_int_equal (rep.neg_state, SPNEGO_ACCEPT_COMPLETED);
  assert_null (rep.token);
  /* truncations and a wrong outer tag fail */
  for (size_t n = 0; n < b->len; n++)
    assert_int_equal (spnego_parse_reply (b->data, n, &rep, why, sizeof why), -1);
  b->data[0] = 0xa0;
  assert_int_equal (spnego_parse_reply (b->data, b->len, &rep, why, sizeof why), -1);
  /* indefinite length */
  g_byte_array_free (b, TRUE);
  b = tu_hex ("a180300000");
  assert_int_equal (spnego_parse_reply (b->data, b->len, &rep, why, sizeof why), -1);
  g_byte_array_free (b, TRUE);
  /* a bare NTLMSSP token is its own response token */
  b = tu_hex ("4e544c4d5353500002000000");
  assert_int_equal (spnego_parse_reply (b->data, b->len, &rep, why, sizeof why), 0);
  assert_ptr_equal (rep.token, b->data);
  g_byte_array_free (b, TRUE);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_v1),
    cmocka_unit_test (test_v2_parts),
    cmocka_unit_test (test_authenticate_message),
    cmocka_unit_test (test_authenticate_with_timestamp),
    cmocka_unit_test (test_challenge_rejects),
    cmocka_unit_test (test_split_login),
    cmocka_unit_test (test_spnego_init),
    cmocka_unit_test (test_spnego_reply),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

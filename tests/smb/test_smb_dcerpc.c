/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_smb_dcerpc.c: DCE/RPC PDUs, NDR strings and the svcctl stubs, byte by byte; hostile replies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dcerpc.h"
#include "smb_buf.h"
#include "svcctl.h"
#include "smb_test_util.h"

static void
test_bind_pdu (void **state)
{
  GByteArray *b = dcerpc_bind_pdu (1, &dcerpc_svcctl);

  (void) state;
  TU_ASSERT_HEX (b->data, b->len,
                 "05000b03" "10000000" "4800" "0000" "01000000"  /* header, call 1 */
                 "b810" "b810" "00000000" "01000000"             /* frags, group, 1 context */
                 "0000" "01" "00"                                /* context 0, 1 syntax */
                 "81bb7a364498f135ad3298f03800100302000000"
                 "045d888aeb1cc9119fe808002b10486002000000");
  g_byte_array_free (b, TRUE);
}

/* A BIND_ACK as Windows sends it for \pipe\svcctl. */
static GByteArray *
bind_ack (uint16_t result, uint32_t call_id)
{
  GByteArray *w = g_byte_array_new ();

  smb_wr_bytes (w, "\x05\x00\x0c\x03\x10\x00\x00\x00", 8);
  smb_wr_u16 (w, 0);
  smb_wr_u16 (w, 0);
  smb_wr_u32 (w, call_id);
  smb_wr_u16 (w, 4280);
  smb_wr_u16 (w, 4280);
  smb_wr_u32 (w, 0x12345);
  smb_wr_u16 (w, 13);
  smb_wr_bytes (w, "\\PIPE\\svcctl", 13);
  smb_wr_align (w, 0, 4);
  smb_wr_u8 (w, 1);
  smb_wr_zeros (w, 3);
  smb_wr_u16 (w, result);
  smb_wr_u16 (w, 0);
  smb_wr_bytes (w, dcerpc_ndr20.uuid, 16);
  smb_wr_u32 (w, 2);
  smb_put_u16 (w->data + 8, (uint16_t) w->len);
  return w;
}

static void
test_bind_ack (void **state)
{
  GByteArray *a = bind_ack (0, 1);
  uint16_t xmit = 0, recv = 0;
  dcerpc_pdu pdu;
  char why[128];

  (void) state;
  assert_int_equal (dcerpc_pdu_parse (a->data, a->len, &pdu, why, sizeof why), 1);
  assert_int_equal (dcerpc_bind_ack_parse (&pdu, 1, &xmit, &recv, why, sizeof why), 0);
  assert_int_equal (xmit, 4280);
  assert_int_equal (recv, 4280);
  assert_int_equal (dcerpc_bind_ack_parse (&pdu, 2, &xmit, &recv, why, sizeof why), -1);
  /* every truncation is "more needed" or malformed, never a read past the end */
  for (size_t n = 0; n < a->len; n++)
    assert_true (dcerpc_pdu_parse (a->data, n, &pdu, why, sizeof why) <= 0);
  g_byte_array_free (a, TRUE);
  a = bind_ack (2, 1);
  dcerpc_pdu_parse (a->data, a->len, &pdu, why, sizeof why);
  assert_int_equal (dcerpc_bind_ack_parse (&pdu, 1, &xmit, &recv, why, sizeof why), -1);
  assert_string_equal (why, "DCE/RPC: the server rejected the interface (result 2, reason 0)");
  /* a BIND_ACK whose frag_length claims less than it needs */
  g_byte_array_free (a, TRUE);
  a = bind_ack (0, 1);
  smb_put_u16 (a->data + 8, 40);
  assert_int_equal (dcerpc_pdu_parse (a->data, a->len, &pdu, why, sizeof why), 1);
  assert_int_equal (dcerpc_bind_ack_parse (&pdu, 1, &xmit, &recv, why, sizeof why), -1);
  /* big-endian data representation is refused */
  a->data[4] = 0x00;
  assert_int_equal (dcerpc_pdu_parse (a->data, a->len, &pdu, why, sizeof why), -1);
  g_byte_array_free (a, TRUE);
}

static void
test_request_fragments (void **state)
{
  uint8_t stub[10000];
  GPtrArray *p;
  size_t i, total = 0;

  (void) state;
  for (i = 0; i < sizeof stub; i++)
    stub[i] = (uint8_t) i;
  p = dcerpc_request_pdus (7, 12, stub, sizeof stub, 4280);
  assert_int_equal (p->len, 3);
  for (i = 0; i < p->len; i++)
    {
      const GByteArray *f = g_ptr_array_index (p, i);
      assert_true (f->len <= 4280);
      assert_int_equal (f->data[2], DCERPC_REQUEST);
      assert_int_equal (f->data[3], (i == 0 ? 1 : 0) | (i == 2 ? 2 : 0));
      assert_int_equal (smb_get_u16 (f->data + 8), f->len);
      assert_int_equal (smb_get_u32 (f->data + 12), 7);
      assert_int_equal (smb_get_u32 (f->data + 16), sizeof stub - total);
      assert_int_equal (smb_get_u16 (f->data + 22), 12);
      assert_memory_equal (f->data + 24, stub + total, f->len - 24);
      total += f->len - 24;
    }
  assert_int_equal (total, sizeof stub);
  g_ptr_array_free (p, TRUE);
  p = dcerpc_request_pdus (8, 0, stub, 0, 4280);
  assert_int_equal (p->len, 1);
  assert_int_equal (((GByteArray *) g_ptr_array_index (p, 0))->len, 24);
  g_ptr_array_free (p, TRUE);
}

static void
response_frag (GByteArray *w, uint8_t type, uint8_t flags, uint32_t call_id, const char *stub,
               size_t n)
{
  size_t start = w->len;

  smb_wr_bytes (w, "\x05\x00", 2);
  smb_wr_u8 (w, type);
  smb_wr_u8 (w, flags);
  smb_wr_u32 (w, 0x10);
  smb_wr_u16 (w, 0);
  smb_wr_u16 (w, 0);
  smb_wr_u32 (w, call_id);
  smb_wr_u32 (w, (uint32_t) n);
  smb_wr_u16 (w, 0);
  smb_wr_u8 (w, 0);
  smb_wr_u8 (w, 0);
  smb_wr_bytes (w, stub, n);
  smb_put_u16 (w->data + start + 8, (uint16_t) (w->len - start));
}

static void
test_response_collect (void **state)
{
  GByteArray *w = g_byte_array_new (), *stub = g_byte_array_new ();
  uint32_t fault = 0;
  char why[128];

  (void) state;
  response_frag (w, DCERPC_RESPONSE, 1, 5, "abc", 3);
  assert_int_equal (dcerpc_response_collect (w->data, w->len, 5, stub, &fault, why, sizeof why), 0);
  assert_int_equal (stub->len, 0);
  response_frag (w, DCERPC_RESPONSE, 2, 5, "defg", 4);
  assert_int_equal (dcerpc_response_collect (w->data, w->len - 1, 5, stub, &fault, why,
                                             sizeof why), 0);
  assert_int_equal (dcerpc_response_collect (w->data, w->len, 5, stub, &fault, why, sizeof why), 1);
  assert_int_equal (stub->len, 7);
  assert_memory_equal (stub->data, "abcdefg", 7);
  g_byte_array_set_size (stub, 0);
  assert_int_equal (dcerpc_response_collect (w->data, w->len, 6, stub, &fault, why, sizeof why), -1);
  assert_string_equal (why, "DCE/RPC: a PDU for another call");
  /* a fault: its status comes back */
  g_byte_array_set_size (w, 0);
  response_frag (w, DCERPC_FAULT, 3, 9, "\x05\x00\x00\x00\x00\x00\x00\x00", 8);
  assert_int_equal (dcerpc_response_collect (w->data, w->len, 9, stub, &fault, why, sizeof why), -2);
  assert_int_equal (fault, 5);
  /* trailing bytes after the last fragment */
  g_byte_array_set_size (w, 0);
  response_frag (w, DCERPC_RESPONSE, 3, 9, "x", 1);
  smb_wr_u8 (w, 0);
  assert_int_equal (dcerpc_response_collect (w->data, w->len, 9, stub, &fault, why, sizeof why), -1);
  /* a fragment length shorter than the header */
  w->data[8] = 8;
  w->data[9] = 0;
  assert_int_equal (dcerpc_response_collect (w->data, w->len, 9, stub, &fault, why, sizeof why), -1);
  g_byte_array_free (w, TRUE);
  g_byte_array_free (stub, TRUE);
}

static void
test_svcctl_requests (void **state)
{
  svcctl_handle h;
  GByteArray *b;

  (void) state;
  memset (h.b, 0x11, 20);
  b = svcctl_enc_open_scm (3);
  TU_ASSERT_HEX (b->data, b->len, "000000000000000003000000");
  g_byte_array_free (b, TRUE);
  b = svcctl_enc_create_service (&h, "svc", "Disp", 0x10034, "cmd");
  assert_int_equal (b->len, 132);
  assert_memory_equal (b->data, h.b, 20);
  /* name: max 4, offset 0, actual 4, "svc" and the NUL in UTF-16 */
  TU_ASSERT_HEX (b->data + 20, 20, "040000000000000004000000730076006300" "0000");
  /* display name behind a unique pointer */
  TU_ASSERT_HEX (b->data + 40, 4, "00000200");
  TU_ASSERT_HEX (b->data + 44, 22, "05000000000000000500000044006900730070000000");
  /* aligned: access, type, start, error control */
  TU_ASSERT_HEX (b->data + 68, 16, "34000100" "10000000" "03000000" "00000000");
  TU_ASSERT_HEX (b->data + 84, 20, "0400000000000000040000006300" "6d0064000000");
  /* six NULL pointers and sizes */
  TU_ASSERT_HEX (b->data + 104, 28, "00000000000000000000000000000000000000000000000000000000");
  g_byte_array_free (b, TRUE);
  b = svcctl_enc_start (&h);
  assert_int_equal (b->len, 28);
  g_byte_array_free (b, TRUE);
  b = svcctl_enc_open_service (&h, "svc", 0x10000);
  assert_int_equal (b->len, 44);
  TU_ASSERT_HEX (b->data + 40, 4, "00000100");
  g_byte_array_free (b, TRUE);
  /* strings that cannot go */
  assert_null (svcctl_enc_create_service (&h, "bad\xff", NULL, 0, "x"));
  {
    char *long_name = g_strnfill (300, 'n');
    assert_null (svcctl_enc_create_service (&h, long_name, NULL, 0, "x"));
    g_free (long_name);
  }
}

static void
test_svcctl_replies (void **state)
{
  GByteArray *b = tu_hex ("00000000" "2222222222222222222222222222222222222222" "00000000");
  svcctl_handle h;
  svcctl_status st;
  uint32_t w32 = 9;

  (void) state;
  assert_int_equal (svcctl_dec_create (b->data, b->len, &h, &w32), 0);
  assert_int_equal (w32, 0);
  assert_int_equal (h.b[0], 0x22);
  g_byte_array_free (b, TRUE);
  /* the tag id came back */
  b = tu_hex ("00000200" "07000000" "2222222222222222222222222222222222222222" "05000000");
  assert_int_equal (svcctl_dec_create (b->data, b->len, &h, &w32), 0);
  assert_int_equal (w32, 5);
  /* one byte too many, or too few */
  g_byte_array_append (b, (const guint8 *) "", 1);
  assert_int_equal (svcctl_dec_create (b->data, b->len, &h, &w32), -1);
  assert_int_equal (svcctl_dec_create (b->data, b->len - 5, &h, &w32), -1);
  g_byte_array_free (b, TRUE);
  b = tu_hex ("10000000" "04000000" "00000000" "00000000" "00000000" "00000000" "00000000"
              "00000000");
  assert_int_equal (svcctl_dec_query (b->data, b->len, &st, &w32), 0);
  assert_int_equal (st.current_state, SVCCTL_SERVICE_RUNNING);
  assert_int_equal (svcctl_dec_query (b->data, b->len - 1, &st, &w32), -1);
  g_byte_array_free (b, TRUE);
  b = tu_hex ("1d040000");
  assert_int_equal (svcctl_dec_result (b->data, b->len, &w32), 0);
  assert_int_equal (w32, 1053);
  assert_int_equal (svcctl_dec_result (b->data, 3, &w32), -1);
  assert_int_equal (svcctl_dec_handle (b->data, b->len, &h, &w32), -1);
  g_byte_array_free (b, TRUE);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_bind_pdu),
    cmocka_unit_test (test_bind_ack),
    cmocka_unit_test (test_request_fragments),
    cmocka_unit_test (test_response_collect),
    cmocka_unit_test (test_svcctl_requests),
    cmocka_unit_test (test_svcctl_replies),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

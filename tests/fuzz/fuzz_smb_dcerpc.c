/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_smb_dcerpc.c: libFuzzer harness for DCE/RPC PDUs (bind ack, response reassembly, faults) and the svcctl reply stubs. */
/* FUZZ-SOURCES: smb/[!s]*.c smb/smb2_*.c smb/smb_buf.c smb/smb_crypto.c smb/smb_error.c smb/smb_exec.c smb/spnego.c smb/svcctl.c */
/* FUZZ-PKGS: glib-2.0 nettle gnutls */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../smb/dcerpc.h"
#include "../../smb/svcctl.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GByteArray *stub = g_byte_array_new ();
  svcctl_handle h;
  svcctl_status st;
  dcerpc_pdu pdu;
  uint16_t xmit, recv;
  uint32_t fault = 0, w32, call_id = size ? data[size - 1] : 0;
  char why[160];
  int rc;

  if (dcerpc_pdu_parse (data, size, &pdu, why, sizeof why) == 1)
    {
      if (pdu.body + pdu.body_len > data + size)
        __builtin_trap ();
      (void) dcerpc_bind_ack_parse (&pdu, pdu.call_id, &xmit, &recv, why, sizeof why);
    }
  rc = dcerpc_response_collect (data, size, call_id, stub, &fault, why, sizeof why);
  if (rc != 1 && stub->len != 0)
    __builtin_trap ();
  if (stub->len > DCERPC_MAX_STUB)
    __builtin_trap ();
  /* the reassembled stub (or the raw input) through every reply decoder */
  {
    const uint8_t *s = rc == 1 ? stub->data : data;
    size_t n = rc == 1 ? stub->len : size;

    (void) svcctl_dec_handle (s, n, &h, &w32);
    (void) svcctl_dec_create (s, n, &h, &w32);
    (void) svcctl_dec_result (s, n, &w32);
    (void) svcctl_dec_query (s, n, &st, &w32);
  }
  g_byte_array_free (stub, TRUE);
  return 0;
}

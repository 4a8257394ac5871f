/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_smb_msg.c: libFuzzer harness for the SMB2 response parsers (header, bodies, contexts, transform, chains). */
/* FUZZ-SOURCES: smb/smb2_msg.c smb/smb_buf.c */
/* FUZZ-PKGS: glib-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../smb/smb2_msg.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Every parser on the input as one message, then the input as a chain of
** messages: whatever they return must lie inside the input. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *end = data + size;
  smb2_negotiate_resp neg;
  smb2_session_setup_resp ss;
  smb2_tree_connect_resp tc;
  smb2_create_resp cr;
  smb2_data_resp dr;
  smb2_transform t;
  smb2_hdr h;
  uint32_t count;
  char why[128];
  size_t off = 0, next, n, guard = 0;

  (void) smb2_hdr_parse (data, size, &h);
  if (smb2_negotiate_resp_parse (data, size, &neg, why, sizeof why) == 0 && neg.security
      && (neg.security < data || neg.security + neg.security_len > end))
    __builtin_trap ();
  if (smb2_session_setup_resp_parse (data, size, &ss, why, sizeof why) == 0 && ss.security
      && (ss.security < data || ss.security + ss.security_len > end))
    __builtin_trap ();
  (void) smb2_tree_connect_resp_parse (data, size, &tc, why, sizeof why);
  (void) smb2_create_resp_parse (data, size, &cr, why, sizeof why);
  if (smb2_read_resp_parse (data, size, &dr, why, sizeof why) == 0 && dr.data
      && (dr.data < data || dr.data + dr.len > end))
    __builtin_trap ();
  if (smb2_ioctl_resp_parse (data, size, &dr, why, sizeof why) == 0 && dr.data
      && (dr.data < data || dr.data + dr.len > end))
    __builtin_trap ();
  (void) smb2_write_resp_parse (data, size, &count, why, sizeof why);
  (void) smb2_transform_parse (data, size, &t);
  do
    {
      n = smb2_chain_next (data, size, off, &next);
      if (n == 0)
        break;
      if (off + n > size || (next && next <= off))
        __builtin_trap ();
      (void) smb2_hdr_parse (data + off, n, &h);
      off = next;
    }
  while (off && ++guard < 100000);
  return 0;
}

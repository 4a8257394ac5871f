/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_smb_ntlm.c: libFuzzer harness for the SPNEGO reply and NTLM CHALLENGE parsers, and the AUTHENTICATE built on them. */
/* FUZZ-SOURCES: smb/ntlm.c smb/spnego.c smb/smb_buf.c smb/smb_crypto.c */
/* FUZZ-PKGS: glib-2.0 nettle gnutls */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../smb/ntlm.h"
#include "../../smb/spnego.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a server's SESSION_SETUP security blob: unwrap it, parse the
** challenge, and answer it (which walks the target information again). */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  spnego_reply rep;
  ntlm_challenge c;
  ntlm_auth_params p;
  uint8_t key[16];
  char why[160];
  GByteArray *auth;

  if (spnego_parse_reply (data, size, &rep, why, sizeof why) != 0)
    {
      /* also try the input as a bare challenge */
      rep.token = data;
      rep.token_len = size;
    }
  if (rep.token && (rep.token < data || rep.token + rep.token_len > data + size))
    __builtin_trap ();
  if (!rep.token || ntlm_parse_challenge (rep.token, rep.token_len, &c, why, sizeof why) != 0)
    return 0;
  if (c.target_info && (c.target_info < rep.token
                        || c.target_info + c.target_info_len > rep.token + rep.token_len))
    __builtin_trap ();
  memset (&p, 0, sizeof p);
  p.user = "user";
  p.domain = "DOMAIN";
  p.workstation = "";
  p.target_spn = "cifs/host";
  auth = ntlm_authenticate_message (&p, &c, key, why, sizeof why);
  if (!auth)
    __builtin_trap ();
  g_byte_array_free (auth, TRUE);
  ntlm_challenge_clear (&c);
  return 0;
}

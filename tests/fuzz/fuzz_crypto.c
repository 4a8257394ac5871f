/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_crypto.c: libFuzzer harness feeding arbitrary bytes to the crypto, number, isotime and compression builtins. */
/* FUZZ-SOURCES: nasl/[!m]*.c nasl/m[!a]*.c smb/[!s]*.c smb/smb2_*.c smb/smb_buf.c smb/smb_crypto.c smb/smb_error.c smb/smb_exec.c smb/spnego.c smb/svcctl.c */
/* FUZZ-PKGS: glib-2.0 gnutls libssh libpcre2-8 nettle hogweed gmp zlib */
/*
** The input is cut in two at its first byte's value; a fixed script hands
** both parts (fuzz_a(), fuzz_b()) to the builtins that parse or compute on
** what they are given: isotime_*, gunzip, pem_to_*, rsa_*, dh_*, bn_cmp,
** dsa_do_verify, the AES modes, DES, Blowfish, RC4.  Only side-effect-free
** families are registered (no files, no network).
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nasl.h"
#include "state.h"
#include "libs.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const uint8_t *in_a, *in_b;
static size_t len_a, len_b;

static nasl_value
bi_fuzz_a (nasl_call *call)
{
  (void) call;
  return nasl_value_data ((const char *) in_a, len_a);
}

static nasl_value
bi_fuzz_b (nasl_call *call)
{
  (void) call;
  return nasl_value_data ((const char *) in_b, len_b);
}

static const nasl_builtin fuzz_builtins[] = {
  { "fuzz_a", bi_fuzz_a, 0, 0, "" },
  { "fuzz_b", bi_fuzz_b, 0, 0, "" },
  NASL_BUILTIN_END
};

static const char script[] =
  "a = fuzz_a(); b = fuzz_b(); s = string(a);\n"
  "isotime_is_valid(s); isotime_scan(s); isotime_print(s); isotime_add(s, days:strlen(b), seconds:ord(b));\n"
  "isotime_is_valid(a); isotime_print(a);\n"
  "gunzip(data:a); gzip(data:a);\n"
  "pem_to_rsa(priv:a, passphrase:b); pem_to_dsa(priv:a); rsa_sign(priv:a, data:SHA1(b));\n"
  "bn_cmp(key1:a, key2:b);\n"
  "rsa_public_decrypt(sig:a, e:raw_string(3), n:b); rsa_private_decrypt(data:a, e:raw_string(3), n:b, d:a, pad:TRUE);\n"
  "rsa_public_encrypt(data:a, e:raw_string(3), n:b, pad:TRUE);\n"
  "dh_generate_key(p:b, g:raw_string(2), priv:substr(a, 0, 31));\n"
  "dsa_do_verify(p:b, g:a, q:substr(b, 0, 19), pub:a, r:a, s:b, data:a);\n"
  "k = substr(b + '0123456789abcdef0123456789abcdef', 0, 15);\n"
  "aes128_cbc_encrypt(key:k, iv:a, data:a); aes128_ctr_encrypt(key:k, data:a);\n"
  "aes128_gcm_decrypt_auth(key:k, iv:b, data:a, aad:b, len:strlen(a));\n"
  "aes128_ccm_decrypt_auth(key:k, iv:substr(b, 0, 12), data:a, aad:b, len:strlen(a));\n"
  "aes_mac_cbc(key:k, data:a); aes_mac_gcm(key:k, data:a, iv:b);\n"
  "DES(a, substr(b, 0, 7)); des_ede_cbc_encrypt(key:k + substr(k, 0, 7), data:a);\n"
  "bf_cbc_decrypt(key:k, iv:b, data:a); rc4_encrypt(key:b, data:a);\n"
  "tls1_prf(secret:a, seed:b, label:'x', outlen:64);\n";

static nasl_state *
fuzz_state (void)
{
  static const nasl_builtin *const safe[] = {
    lib_base_builtins, lib_string_builtins, lib_array_builtins, lib_crypto_builtins,
    lib_bn_builtins, lib_cipher_builtins, lib_isotime_builtins, lib_compress_builtins, NULL
  };
  nasl_state *st = nasl_state_new ();

  state_remove_builtins (st, "core");
  for (size_t i = 0; safe[i] != NULL; i++)
    if (state_add_builtins (st, safe[i], "core", NULL, NULL) != 0)
      abort ();
  if (nasl_register_builtins (st, fuzz_builtins, NULL) != 0)
    abort ();
  return st;
}

static void
quiet (void *ud, const char *text)
{
  (void) ud;
  (void) text;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static nasl_state *st;
  size_t cut;

  if (st == NULL)
    {
      st = fuzz_state ();
      nasl_set_diag (st, quiet, NULL);
    }
  cut = size > 0 ? MIN ((size_t) data[0], size - 1) : 0;
  in_a = size > 0 ? data + 1 : data;
  len_a = cut;
  in_b = in_a + cut;
  len_b = size > 0 ? size - 1 - cut : 0;
  nasl_run_buffer (st, "fuzz.nasl", script, sizeof script - 1, 0);
  return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_eval.c: libFuzzer harness running arbitrary NASL source with small limits. */
/* FUZZ-SOURCES: nasl/[!m]*.c nasl/m[!a]*.c smb/[!s]*.c smb/smb2_*.c smb/smb_buf.c smb/smb_crypto.c smb/smb_error.c smb/smb_exec.c smb/spnego.c smb/svcctl.c */
/* FUZZ-PKGS: glib-2.0 gnutls libssh libpcre2-8 nettle hogweed gmp zlib */
/*
** Only the side-effect-free families are registered (base, string, regex,
** array): a fuzzed script must not read or write files, sleep, or touch
** the network.  A step budget bounds loops (every turn counts, also of an
** empty body), a time limit backs it, and the string, depth and regex
** limits are lowered so every input finishes quickly.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "nasl.h"
#include "state.h"
#include "libs.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
drop_output (void *ud, const char *bytes, size_t len)
{
  size_t *sum = ud;
  size_t i;

  for (i = 0; i < len; i++)
    *sum += (unsigned char) bytes[i];
}

static void
drop_diag (void *ud, const char *text)
{
  size_t *sum = ud;

  while (*text)
    *sum += (unsigned char) *text++;
}

static nasl_state *
fuzz_state (size_t *sum)
{
  static const nasl_builtin *const safe[] = {
    lib_base_builtins, lib_string_builtins, lib_regex_builtins, lib_array_builtins, NULL
  };
  nasl_state *st = nasl_state_new ();
  size_t i;

  state_remove_builtins (st, "core");
  for (i = 0; safe[i] != NULL; i++)
    if (state_add_builtins (st, safe[i], "core", NULL, NULL) != 0)
      abort ();
  nasl_set_output (st, drop_output, sum);
  nasl_set_diag (st, drop_diag, sum);
  st->step_budget = 5000; /* statements, calls and every loop turn */
  st->max_string = 64 * 1024;
  st->max_call_depth = 200;
  st->max_regex_ms = 500;
  st->max_regex_mem = 64u << 20;
  nasl_set_timeout (st, 5);
  return st;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static size_t sum;
  static nasl_state *st;

  if (st == NULL)
    st = fuzz_state (&sum);
  nasl_run_buffer (st, "fuzz.nasl", (const char *) data, size, 0);
  return 0;
}

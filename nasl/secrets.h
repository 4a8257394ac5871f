/* SPDX-License-Identifier: GPL-2.0-or-later */
/* secrets.h: keeps secrets (passwords, keys, KB Secret/ values) out of traces and diagnostics. */
#ifndef NASL_SECRETS_H
#define NASL_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

#include "nasl.h"

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/* What a secret is replaced with. */
#define SECRET_MASK "***"
/* Shorter values are not searched for in text (they would mask ordinary
** characters, line numbers included); as secret-named arguments they are
** still masked in traces. */
#define SECRET_MIN_LEN 3
/* Longer values are masked only where they are a secret-named argument. */
#define SECRET_MAX_LEN 65536
/* Distinct secrets a state remembers. */
#define SECRET_MAX_COUNT 4096

typedef struct secret_store secret_store;

NASL_INTERNAL void secret_store_free (secret_store *s);

/*
** 1 when a named argument called 'name' carries a secret: its name,
** ignoring case, contains "pass" (password, passwd, passphrase, pass, ...),
** "secret", "priv" (privatekey, priv, priv_key, ...), "token" or
** "community", or is "key" or ends in "_key".  'name' is an interned name;
** the answer is cached per state.
*/
NASL_INTERNAL bool secret_arg_name (nasl_state *st, const char *name);

/* Remembers 'bytes' as a secret of the state: from now on it is masked
** wherever it appears in a trace or a diagnostic. */
NASL_INTERNAL void secret_note (nasl_state *st, const char *bytes, size_t len);

/*
** 'text' with every occurrence of a known secret replaced by SECRET_MASK:
** the noted ones and every string value of the KB under Secret/.  Returns
** NULL when nothing had to be masked, else a g_malloc'ed text (*out_len
** bytes, NUL-terminated).
*/
NASL_INTERNAL char *secret_mask (nasl_state *st, const char *text, size_t len, size_t *out_len);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kb.h: the in-memory knowledge base (internal interface behind nasl_kb_*). */
#ifndef NASL_KB_H
#define NASL_KB_H

#include <stddef.h>
#include "nasl.h"

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/* Limits: total values held, and total bytes of names plus string values. */
#define KB_DEFAULT_MAX_VALUES 1000000u
#define KB_DEFAULT_MAX_BYTES  (256u * 1024u * 1024u)
/* Longest accepted key name. */
#define KB_MAX_NAME 4096u

/* One stored value: an int or a counted byte string. */
typedef struct kb_value {
  int is_int;
  long i;
  char *s;      /* NUL-terminated, counted by len */
  size_t len;
  /* When set, 's' is the bytes of this interpreter string: the KB keeps a
  ** reference to it instead of a copy (a listing stored by a plugin and
  ** read back is held once). */
  nasl_str *str;
} kb_value;

typedef enum kb_result {
  KB_OK = 0,
  KB_FULL,      /* a limit would be exceeded; nothing changed */
  KB_BAD_NAME   /* empty or over-long name */
} kb_result;

/* Visitor for kb_foreach: name and value are lent for the call. */
typedef int (*kb_visit_fn) (void *ud, const char *name, const kb_value *val);

NASL_INTERNAL nasl_kb *kb_new (size_t max_values, size_t max_bytes);
NASL_INTERNAL void kb_free (void *kb);

NASL_INTERNAL kb_result kb_add (nasl_kb *kb, const char *name, const kb_value *v);
NASL_INTERNAL kb_result kb_replace (nasl_kb *kb, const char *name, const kb_value *v);
NASL_INTERNAL void kb_remove (nasl_kb *kb, const char *name);
/* Removes only the values of 'name' equal to 'v'. */
NASL_INTERNAL void kb_remove_value (nasl_kb *kb, const char *name, const kb_value *v);

/* Values of one exact name, in insertion order; *n gets the count (0: absent). */
NASL_INTERNAL const kb_value *kb_get (nasl_kb *kb, const char *name, size_t *n);
/* The first value of exactly 'name' as new C text (an int in decimal; a
** string ends at its first NUL byte), or NULL when there is none; g_free it
** (it may be a secret). */
NASL_INTERNAL char *kb_first_text (nasl_kb *kb, const char *name);
/* Every value of every name matching the glob 'pattern' (Redis KEYS syntax:
** '*', '?', '[set]', '[^set]', '[a-z]', '\\x'), names in byte order. */
NASL_INTERNAL int kb_foreach (nasl_kb *kb, const char *pattern, kb_visit_fn fn, void *ud);

/* Names under this prefix hold secrets (OpenVAS: Secret/SSH/password ...). */
#define KB_SECRET_PREFIX "Secret/"
/* Every value of every name under KB_SECRET_PREFIX, in no particular order;
** cheap however large the KB. */
NASL_INTERNAL int kb_foreach_secret (nasl_kb *kb, kb_visit_fn fn, void *ud);

NASL_INTERNAL size_t kb_value_count (const nasl_kb *kb);
NASL_INTERNAL size_t kb_max_values (const nasl_kb *kb);
/* Human message for a result, naming the limit. */
NASL_INTERNAL const char *kb_result_text (const nasl_kb *kb, kb_result r);

/* Glob matching on counted strings (exposed for tests). */
NASL_INTERNAL int kb_glob_match (const char *pat, size_t plen, const char *str, size_t slen);

/* Fork support for multi-valued get_kb_item: in a forked child every change
** is also written as a record to 'fd' so the parent can replay it. */
NASL_INTERNAL void kb_set_journal_fd (nasl_kb *kb, int fd);
/* Parent side: reads records from 'fd' until EOF and applies them. */
NASL_INTERNAL void kb_replay_journal (nasl_kb *kb, int fd);

#endif /* NASL_KB_H */

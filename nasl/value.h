/* SPDX-License-Identifier: GPL-2.0-or-later */
/* value.h: runtime values of the interpreter core (strings, conversions, comparison). */
#ifndef NASL_VALUE_H
#define NASL_VALUE_H

/*
** THE ownership rule (the public statement is at the top of nasl_module.h):
**   a 'nasl_value' holding a string or an array owns ONE reference to it.
**   Functions taking 'nasl_value' by value consume it; functions taking
**   'const nasl_value *' borrow it; functions returning 'nasl_value' return
**   an owned reference.  'value_ref' adds a reference (a cheap share: the
**   refcount makes mutations copy first, see array.h), 'nasl_value_free'
**   drops one.
**
** Strings are immutable once shared: only a uniquely owned 'nasl_str'
** (refcnt == 1) may be changed in place.  Every string is NUL-terminated
** after its 'len' bytes, but 'len' is the truth (data may contain NULs).
*/

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "nasl_module.h"
#include "conf.h"

struct nasl_str {
  uint32_t refcnt;
  size_t len;
  size_t cap;   /* bytes available before the NUL slot (>= len) */
  char bytes[]; /* len bytes + NUL */
};

/* --- strings ------------------------------------------------------------- */
/* A new string of 'len' bytes, contents uninitialised except the final NUL. */
NASL_INTERNAL nasl_str *str_alloc (size_t len);
NASL_INTERNAL nasl_str *str_new (const char *bytes, size_t len);
static inline nasl_str *
str_ref (nasl_str *s)
{
  s->refcnt++;
  return s;
}
NASL_INTERNAL void str_unref (nasl_str *s);
/* Appends to a uniquely owned string, growing it geometrically. */
NASL_INTERNAL nasl_str *str_append (nasl_str *s, const char *bytes, size_t len);

/* A string/data value that takes over 's'. */
static inline nasl_value
value_from_str (nasl_type t, nasl_str *s)
{
  nasl_value v;
  v.type = t;
  v.as.s = s;
  return v;
}

static inline bool
value_is_text (const nasl_value *v)
{
  return v->type == NASL_TYPE_STRING || v->type == NASL_TYPE_DATA;
}

/* nasl_value_free without the call for ints and NULL (hot paths). */
static inline void
value_drop (nasl_value *v)
{
  if (v->type >= NASL_TYPE_STRING)
    nasl_value_free (v);
  else
    v->type = NASL_TYPE_NULL;
}

/* A shared reference: for an array, the body is shared (copy on write). */
NASL_INTERNAL nasl_value value_ref (const nasl_value *v);

/* strtol(s, NULL, 0) of a string, the int itself, 0 for NULL/array: the
** conversion of arithmetic and bitwise operators (OpenVAS cell2int). */
NASL_INTERNAL long value_to_int_arith (const nasl_value *v);

/* Text of a value for concatenation and comparison: ints in decimal, arrays
** printed (in stored order when 'copy_order' is false, see array.h).
** Returns a borrowed pointer into 'v' or into 'buf'/'*owned'; '*owned' must
** be freed with nasl_value_free by the caller. */
NASL_INTERNAL const char *value_text (const nasl_value *v, char buf[32], nasl_value *owned,
                                      bool copy_order, size_t *len);

/* cell_cmp.  '*msg' (g_malloc'ed, may be NULL) receives the message OpenVAS
** logs for meaningless comparisons (arrays). */
NASL_INTERNAL int value_compare (const nasl_value *a, const nasl_value *b, char **msg);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* array.h: NASL arrays: dense integer part + OpenVAS-ordered 17-bucket string part. */
#ifndef NASL_ARRAY_H
#define NASL_ARRAY_H

/*
** Structure (chosen so that iteration order is byte-identical to OpenVAS).
**
**   Integer part: a vector of slots 0..nint-1; an undefined slot has type
**   NASL_TYPE_NULL and is skipped by every visitor.
**
**   String part: 17 buckets; a key goes to bucket h % 17 where
**   h = h * 8 + byte over the key's bytes as unsigned long (OpenVAS hash_str2).
**   Each bucket is a CHAIN in OpenVAS: a new key is prepended, and every copy
**   of the array reverses every chain.  Here a chain is a ring buffer of
**   entries read in one direction or the other: 'rev' says which end is the
**   chain head, so "prepend" is O(1) either way and the reversal done by a
**   copy is one flag flip.  Keys are cut at their first NUL, as OpenVAS keeps
**   them in C strings.  Entries are never removed (assigning NULL leaves an
**   undefined entry that keeps its place, as in OpenVAS).
**
**   Two orders exist:
**     stored order - the chains as this array holds them (what OpenVAS shows
**                    when it walks an array in place: "x" + a);
**     copy order   - the chains of a copy, i.e. reversed (what OpenVAS shows
**                    to foreach, and to builtins, which get copies).
**   nasl_array_foreach() and nasl_value_to_text() use copy order.
**
**   Big arrays get a side index (open addressing on a 64-bit hash) so key
**   lookups stay O(1); it maps a key to the first entry in chain order.
**
** Sharing.  Bodies are refcounted: value_ref() shares, and every mutation
** goes through array_unique() which clones a shared body first (copy on
** write).  array_logical_copy() is the NASL "copy" (assignment, argument
** passing, return): it reverses chains like OpenVAS's copy_array.
*/

#include "value.h"

typedef struct array_entry {
  nasl_value val;
  nasl_str *key;   /* shared between clones; visitors lend it as a string value */
  uint64_t hash;   /* index hash */
  unsigned bucket;
} array_entry;

typedef struct array_ring {
  array_entry **e;
  uint32_t start;
  uint32_t count;
  uint32_t cap;    /* power of two, or 0 */
} array_ring;

struct nasl_array {
  uint32_t refcnt;
  bool rev;          /* chain head at the physical start (true) or end (false) */
  bool has_dups;     /* some key appears twice (array_add_key) */
  size_t nint, intcap;
  nasl_value *ints;
  array_ring *rings; /* NULL or NASL_ARRAY_BUCKETS rings */
  size_t nkeys;      /* entries in the rings, undefined ones included */
  size_t nested;     /* elements (both parts) that are arrays */
  uint32_t depth;    /* 0: no nested array; else 1 + deepest nested (never lowered) */
  array_entry **index;
  size_t index_cap;  /* 0: no index */
};

NASL_INTERNAL nasl_array *array_new (void);
NASL_INTERNAL void array_unref (nasl_array *a);
/* Makes '*pa' uniquely owned (clones in stored order when shared). */
NASL_INTERNAL nasl_array *array_unique (nasl_array **pa);
/* NASL copy semantics: the result's chains are reversed, nested arrays are
** copied the same way.  Consumes 'a' (reuses it in place when unique). */
NASL_INTERNAL nasl_array *array_logical_copy (nasl_array *a);

/* Slot of integer index 'i' (0 <= i <= NASL_MAX_ARRAY_INDEX), created
** undefined when 'create'; NULL when absent and !create.  'a' must be unique
** when 'create' is set, and the pointer is valid until the next change. */
NASL_INTERNAL nasl_value *array_int_slot (nasl_array *a, long i, bool create);
/* Same for a key (cut at its first NUL): the first entry in chain order,
** or a new undefined entry prepended to its chain. */
NASL_INTERNAL nasl_value *array_key_slot (nasl_array *a, const char *key, size_t len,
                                          bool create);
/* Stores 'v' (consumed) at index/key; 'a' must be unique. */
NASL_INTERNAL void array_set_int (nasl_array *a, long i, nasl_value v);
NASL_INTERNAL void array_set_key (nasl_array *a, const char *key, size_t len, nasl_value v);
/* Prepends a new entry even when the key exists (OpenVAS add_var_to_array:
** get_kb_list with a multi-valued key, array literals). */
NASL_INTERNAL void array_add_key (nasl_array *a, const char *key, size_t len, nasl_value v);
/* Must be called after the value stored in a slot changed type to or from
** array through a raw slot pointer (keeps the 'nested' count right). */
NASL_INTERNAL void array_note_slot_change (nasl_array *a, nasl_type before, const nasl_value *after);
/* False when storing 'v' into 'a' would nest arrays deeper than NASL_MAX_ARRAY_DEPTH. */
NASL_INTERNAL bool array_can_hold (const nasl_array *a, const nasl_value *v);

NASL_INTERNAL long array_max_index (const nasl_array *a);
NASL_INTERNAL size_t array_count (const nasl_array *a);

/* Visit defined elements; 'copy_order' picks the order (see above). */
NASL_INTERNAL int array_visit (const nasl_array *a, bool copy_order, nasl_array_visit_fn fn,
                               void *ud);
/* OpenVAS array2str: "[ 0: 1, 1: 'abc', key: 'val' ]". */
NASL_INTERNAL nasl_value array_to_text (const nasl_array *a, bool copy_order);

/* Step-by-step visiting (foreach): defined elements only.  The array must
** not change while iterated (hold a reference: writers then copy). */
typedef struct array_iter {
  const nasl_array *a;
  bool dir;       /* chain direction to read */
  size_t i;       /* next integer index */
  unsigned b;     /* current bucket */
  uint32_t j;     /* next entry in the bucket */
} array_iter;
NASL_INTERNAL void array_iter_init (array_iter *it, const nasl_array *a, bool copy_order);
/* Next element or NULL; '*key' (may be NULL) gets the key, lent like the value. */
NASL_INTERNAL const nasl_value *array_iter_next (array_iter *it, nasl_value *key);

/* The OpenVAS bucket of a key (exposed for tests). */
NASL_INTERNAL unsigned array_bucket_of (const char *key, size_t len);

#endif

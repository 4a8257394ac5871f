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
**   of the array reverses every chain.  Here the entries of all chains live
**   in ONE vector, in insertion order, each with its bucket and a position
**   'pos' in its chain's physical layout: 'rev' says which physical end is
**   the chain head, and entry number n (from 0) takes the position -(n+1),
**   below every other, when the head is the low end, and n+1, above every
**   other, otherwise.  So "prepend" is O(1) either way and the reversal done
**   by a copy is one flag flip.  Keys are cut at their first NUL, as OpenVAS
**   keeps them in C strings.  Entries are never removed (assigning NULL
**   leaves an undefined entry that keeps its place, as in OpenVAS).
**
**   Two orders exist:
**     stored order - the chains as this array holds them (what OpenVAS shows
**                    when it walks an array in place: "x" + a);
**     copy order   - the chains of a copy, i.e. reversed (what OpenVAS shows
**                    to foreach, and to builtins, which get copies).
**   nasl_array_foreach() and nasl_value_to_text() use copy order.
**
**   Small arrays (up to ARRAY_SMALL_KEYS keys, the common record) are
**   searched and ordered by scanning the vector.  Big arrays get a side
**   structure: a lookup index (open addressing, each key to its first entry
**   in chain order) and the entries sorted by (bucket, pos), both built on
**   demand.  Key strings are shared: a key given as a string value is
**   referenced, not copied, so records built from the same keys share them.
**
** Sharing.  Bodies are refcounted: value_ref() shares, and every mutation
** goes through array_unique() which clones a shared body first (copy on
** write).  array_logical_copy() is the NASL "copy" (assignment, argument
** passing, return): it reverses chains like OpenVAS's copy_array.
*/

#include "value.h"

/* Arrays with more keys than this get the side structure. */
#define ARRAY_SMALL_KEYS 16

typedef struct array_entry {
  nasl_value val;
  nasl_str *key;   /* shared between clones; visitors lend it as a string value */
  int32_t pos;     /* physical place in its chain (lower: nearer the low end) */
  uint32_t bucket;
} array_entry;

typedef struct array_side array_side;

struct nasl_array {
  uint32_t refcnt;
  bool rev;          /* chain head at the low end (true) or the high end (false) */
  bool has_dups;     /* some key appears twice (array_add_key) */
  uint16_t depth;    /* 0: no nested array; else 1 + deepest nested (never lowered) */
  uint32_t nint, intcap;
  uint32_t nkeys;    /* entries, undefined ones included */
  uint32_t keycap;
  nasl_value *ints;
  array_entry *keys; /* insertion order */
  uint32_t nested;   /* elements (both parts) that are arrays */
  array_side *side;  /* NULL, or the index and order of a big array */
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
/* array_key_slot and array_set_key with the key as a string, shared by the
** new entry (rather than copied) when it holds no NUL. */
NASL_INTERNAL nasl_value *array_key_slot_str (nasl_array *a, nasl_str *key, bool create);
NASL_INTERNAL void array_set_key_str (nasl_array *a, nasl_str *key, nasl_value v);
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
  bool dir;       /* chain direction to read: true = low end first */
  bool big;       /* order from the array's side structure, not 'small' */
  uint32_t i;     /* next integer index */
  uint32_t b;     /* current bucket */
  uint32_t j;     /* entries of bucket 'b' already read */
  const uint32_t *order, *end; /* big arrays: entries by (bucket, pos) */
  uint32_t small[ARRAY_SMALL_KEYS];
  uint32_t small_end[NASL_ARRAY_BUCKETS];
} array_iter;
NASL_INTERNAL void array_iter_init (array_iter *it, const nasl_array *a, bool copy_order);
/* Next element or NULL; '*key' (may be NULL) gets the key, lent like the value. */
NASL_INTERNAL const nasl_value *array_iter_next (array_iter *it, nasl_value *key);

/* The OpenVAS bucket of a key (exposed for tests). */
NASL_INTERNAL unsigned array_bucket_of (const char *key, size_t len);

#endif

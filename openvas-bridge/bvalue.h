/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bvalue.h: the bridge's own result values, built from the parsers before OpenVAS sees them. */
#ifndef BVALUE_H
#define BVALUE_H

/*
** The builtins build a bvalue tree with no knowledge of OpenVAS; ov_emit.c
** then turns the finished tree into OpenVAS cells in one pass.  Keeping the
** two apart means the only code that touches OpenVAS memory is ov_emit.c,
** and that a key set twice (a node's own field over a body key of the same
** name) is resolved here: OpenVAS's add_var_to_array would keep both.
**
** Ownership: a container owns its children; bv_free frees a whole tree.
** Strings are copied in (counted, may hold any byte).
*/

#include <glib.h>
#include <stddef.h>

#define BV_INTERNAL __attribute__((visibility ("hidden")))

typedef enum
{
  BV_INT,
  BV_DATA,
  BV_LIST, /* elements 0..n-1 */
  BV_MAP,  /* string keys, in first-set order; setting a key again replaces its value */
} bv_kind;

typedef struct bvalue bvalue;

struct bvalue
{
  bv_kind kind;
  long int_val;
  char *bytes; /* BV_DATA: len bytes plus a NUL */
  size_t len;
  GPtrArray *items; /* BV_LIST: bvalue*; BV_MAP: bv_entry* */
  GHashTable *index; /* BV_MAP: key -> bv_entry*, built once the map is large */
};

typedef struct
{
  char *key;
  bvalue *value;
} bv_entry;

BV_INTERNAL bvalue *bv_int (long v);
BV_INTERNAL bvalue *bv_data (const char *s, size_t len);
BV_INTERNAL bvalue *bv_list (void);
BV_INTERNAL bvalue *bv_map (void);
BV_INTERNAL void bv_free (bvalue *v);

/* Appends to a list (takes 'item'). */
BV_INTERNAL void bv_push (bvalue *list, bvalue *item);

/* Sets a map key (takes 'value'); NULL 'value' does nothing. */
BV_INTERNAL void bv_set (bvalue *map, const char *key, bvalue *value);

/* Shorthands: a string key (skipped when s is NULL), an int key. */
BV_INTERNAL void bv_set_cstr (bvalue *map, const char *key, const char *s);
BV_INTERNAL void bv_set_str (bvalue *map, const char *key, const char *s, size_t len);
BV_INTERNAL void bv_set_int (bvalue *map, const char *key, long v);

#endif /* BVALUE_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* array.c: NASL arrays with OpenVAS's exact iteration order (see array.h). */
#include <glib.h>
#include <stdio.h>

#include "array.h"

/* Arrays with at least this many keys get a lookup index. */
#define INDEX_MIN_KEYS 16

/* ======================================================================
** Hashes
** ====================================================================== */

/* OpenVAS hash_str2: h = h*8 + byte over unsigned long, mod 17. */
unsigned
array_bucket_of (const char *key, size_t len)
{
  unsigned long h = 0;
  size_t i;

  for (i = 0; i < len && key[i] != '\0'; i++)
    h = (h << 3) + (unsigned char) key[i];
  return (unsigned) (h % NASL_ARRAY_BUCKETS);
}

/* FNV-1a, for the side index. */
static uint64_t
index_hash (const char *key, size_t len)
{
  uint64_t h = 14695981039346656037ULL;
  size_t i;

  for (i = 0; i < len; i++)
    {
      h ^= (unsigned char) key[i];
      h *= 1099511628211ULL;
    }
  return h;
}

/* Keys are cut at their first NUL, as OpenVAS stores them in C strings. */
static size_t
key_length (const char *key, size_t len)
{
  const char *nul = memchr (key, '\0', len);

  return nul != NULL ? (size_t) (nul - key) : len;
}

/* ======================================================================
** Rings (one chain per bucket)
** ====================================================================== */

static array_entry *
ring_at (const array_ring *r, uint32_t phys)
{
  return r->e[(r->start + phys) & (r->cap - 1)];
}

/* Entry number 'i' in chain order (0 = head). */
static array_entry *
ring_logical (const array_ring *r, bool rev, uint32_t i)
{
  return ring_at (r, rev ? i : r->count - 1 - i);
}

static void
ring_grow (array_ring *r)
{
  uint32_t ncap = r->cap ? r->cap * 2 : 4, i;
  array_entry **ne = g_new (array_entry *, ncap);

  for (i = 0; i < r->count; i++)
    ne[i] = ring_at (r, i);
  g_free (r->e);
  r->e = ne;
  r->start = 0;
  r->cap = ncap;
}

/* Makes 'e' the new chain head. */
static void
ring_prepend (array_ring *r, bool rev, array_entry *e)
{
  if (r->count == r->cap)
    ring_grow (r);
  if (rev)
    {
      r->start = (r->start - 1) & (r->cap - 1);
      r->e[r->start] = e;
    }
  else
    r->e[(r->start + r->count) & (r->cap - 1)] = e;
  r->count++;
}

/* ======================================================================
** Bodies
** ====================================================================== */

nasl_array *
array_new (void)
{
  nasl_array *a = g_new0 (nasl_array, 1);

  a->refcnt = 1;
  return a;
}

static void
entry_free (array_entry *e)
{
  nasl_value_free (&e->val);
  str_unref (e->key);
  g_free (e);
}

static void
array_destroy (nasl_array *a)
{
  size_t i;
  uint32_t j;

  for (i = 0; i < a->nint; i++)
    nasl_value_free (&a->ints[i]);
  g_free (a->ints);
  if (a->rings != NULL)
    {
      for (i = 0; i < NASL_ARRAY_BUCKETS; i++)
        {
          array_ring *r = &a->rings[i];
          for (j = 0; j < r->count; j++)
            entry_free (ring_at (r, j));
          g_free (r->e);
        }
      g_free (a->rings);
    }
  g_free (a->index);
  g_free (a);
}

void
array_unref (nasl_array *a)
{
  if (a != NULL && --a->refcnt == 0)
    array_destroy (a);
}

static void
note_type (nasl_array *a, nasl_type before, nasl_type after)
{
  if (before == NASL_TYPE_ARRAY)
    a->nested--;
  if (after == NASL_TYPE_ARRAY)
    a->nested++;
}

/* Keeps the 'nested' count and the nesting depth right for a new value. */
static void
note_value (nasl_array *a, nasl_type before, const nasl_value *v)
{
  note_type (a, before, v->type);
  if (v->type == NASL_TYPE_ARRAY && v->as.a->depth + 1 > a->depth)
    a->depth = v->as.a->depth + 1;
}

void
array_note_slot_change (nasl_array *a, nasl_type before, const nasl_value *after)
{
  note_value (a, before, after);
}

bool
array_can_hold (const nasl_array *a, const nasl_value *v)
{
  (void) a;
  return v->type != NASL_TYPE_ARRAY || v->as.a->depth < NASL_MAX_ARRAY_DEPTH;
}

/*
** A physical copy of 'src': same ring layout, every value shared (or, when
** 'logical', copied with NASL semantics), chains read in the direction
** 'rev'.  The index is not copied; it is rebuilt on demand.
*/
static nasl_array *
array_clone (const nasl_array *src, bool rev, bool logical)
{
  nasl_array *a = array_new ();
  size_t i;
  uint32_t j;

  a->rev = rev;
  a->has_dups = src->has_dups;
  a->nested = src->nested;
  a->depth = src->depth;
  a->nkeys = src->nkeys;
  if (src->nint > 0)
    {
      a->nint = a->intcap = src->nint;
      a->ints = g_new (nasl_value, src->nint);
      for (i = 0; i < src->nint; i++)
        {
          a->ints[i] = value_ref (&src->ints[i]);
          if (logical && a->ints[i].type == NASL_TYPE_ARRAY)
            a->ints[i].as.a = array_logical_copy (a->ints[i].as.a);
        }
    }
  if (src->rings != NULL)
    {
      a->rings = g_new0 (array_ring, NASL_ARRAY_BUCKETS);
      for (i = 0; i < NASL_ARRAY_BUCKETS; i++)
        {
          const array_ring *sr = &src->rings[i];
          array_ring *r = &a->rings[i];
          if (sr->count == 0)
            continue;
          r->cap = sr->cap;
          r->count = sr->count;
          r->e = g_new (array_entry *, r->cap);
          for (j = 0; j < sr->count; j++)
            {
              const array_entry *se = ring_at (sr, j);
              array_entry *e = g_new (array_entry, 1);
              e->val = value_ref (&se->val);
              if (logical && e->val.type == NASL_TYPE_ARRAY)
                e->val.as.a = array_logical_copy (e->val.as.a);
              e->key = str_ref (se->key);
              e->hash = se->hash;
              e->bucket = se->bucket;
              r->e[j] = e;
            }
        }
    }
  return a;
}

nasl_array *
array_unique (nasl_array **pa)
{
  nasl_array *a = *pa;

  if (a->refcnt == 1)
    return a;
  *pa = array_clone (a, a->rev, false);
  a->refcnt--;
  return *pa;
}

nasl_array *
array_logical_copy (nasl_array *a)
{
  nasl_array *c;
  size_t i;
  uint32_t j;

  /* Nothing whose order a copy would change: sharing is a perfect copy. */
  if (a->nkeys == 0 && a->nested == 0)
    return a;
  if (a->refcnt > 1)
    {
      c = array_clone (a, !a->rev, true);
      a->refcnt--;
      return c;
    }
  a->rev = !a->rev;
  if (a->has_dups && a->index != NULL)
    {
      g_free (a->index);
      a->index = NULL;
      a->index_cap = 0;
    }
  if (a->nested == 0)
    return a;
  for (i = 0; i < a->nint; i++)
    if (a->ints[i].type == NASL_TYPE_ARRAY)
      a->ints[i].as.a = array_logical_copy (a->ints[i].as.a);
  if (a->rings != NULL)
    for (i = 0; i < NASL_ARRAY_BUCKETS; i++)
      for (j = 0; j < a->rings[i].count; j++)
        {
          array_entry *e = ring_at (&a->rings[i], j);
          if (e->val.type == NASL_TYPE_ARRAY)
            e->val.as.a = array_logical_copy (e->val.as.a);
        }
  return a;
}

/* ======================================================================
** Integer part
** ====================================================================== */

nasl_value *
array_int_slot (nasl_array *a, long i, bool create)
{
  if (i < 0 || i > NASL_MAX_ARRAY_INDEX)
    return NULL;
  if ((size_t) i < a->nint)
    return &a->ints[i];
  if (!create)
    return NULL;
  if ((size_t) i >= a->intcap)
    {
      size_t ncap = a->intcap ? a->intcap * 2 : 8;
      if (ncap <= (size_t) i)
        ncap = (size_t) i + 1;
      a->ints = g_renew (nasl_value, a->ints, ncap);
      a->intcap = ncap;
    }
  while (a->nint <= (size_t) i)
    a->ints[a->nint++] = NASL_NULL;
  return &a->ints[i];
}

void
array_set_int (nasl_array *a, long i, nasl_value v)
{
  nasl_value *slot = array_int_slot (a, i, true);

  if (slot == NULL || !array_can_hold (a, &v))
    {
      nasl_value_free (&v);
      return;
    }
  note_value (a, slot->type, &v);
  nasl_value_free (slot);
  *slot = v;
}

long
array_max_index (const nasl_array *a)
{
  size_t i = a->nint;

  while (i > 0 && a->ints[i - 1].type == NASL_TYPE_NULL)
    i--;
  return (long) i;
}

/* ======================================================================
** String part
** ====================================================================== */

static void
index_insert (nasl_array *a, array_entry *e, bool replace)
{
  size_t mask = a->index_cap - 1, i = (size_t) e->hash & mask;

  while (a->index[i] != NULL)
    {
      array_entry *o = a->index[i];
      if (o->hash == e->hash && o->key->len == e->key->len
          && memcmp (o->key->bytes, e->key->bytes, e->key->len) == 0)
        {
          if (replace)
            a->index[i] = e;
          return;
        }
      i = (i + 1) & mask;
    }
  a->index[i] = e;
}

/* (Re)builds the index so that each key maps to its first entry in chain order. */
static void
index_build (nasl_array *a)
{
  size_t cap = 32, b;
  uint32_t j;

  while (cap < a->nkeys * 2 + 2)
    cap *= 2;
  g_free (a->index);
  a->index = g_new0 (array_entry *, cap);
  a->index_cap = cap;
  for (b = 0; b < NASL_ARRAY_BUCKETS; b++)
    for (j = 0; j < a->rings[b].count; j++)
      index_insert (a, ring_logical (&a->rings[b], a->rev, j), false);
}

static array_entry *
find_entry (nasl_array *a, const char *key, size_t len, uint64_t h, unsigned bucket)
{
  array_ring *r;
  uint32_t j;

  if (a->rings == NULL)
    return NULL;
  if (a->index == NULL && a->nkeys >= INDEX_MIN_KEYS)
    index_build (a);
  if (a->index != NULL)
    {
      size_t mask = a->index_cap - 1, i = (size_t) h & mask;
      while (a->index[i] != NULL)
        {
          array_entry *o = a->index[i];
          if (o->hash == h && o->key->len == len && memcmp (o->key->bytes, key, len) == 0)
            return o;
          i = (i + 1) & mask;
        }
      return NULL;
    }
  r = &a->rings[bucket];
  for (j = 0; j < r->count; j++)
    {
      array_entry *o = ring_logical (r, a->rev, j);
      if (o->key->len == len && memcmp (o->key->bytes, key, len) == 0)
        return o;
    }
  return NULL;
}

/* Prepends a new entry to its chain and keeps the index in step. */
static array_entry *
add_entry (nasl_array *a, const char *key, size_t len, uint64_t h, unsigned bucket,
           bool dup)
{
  array_entry *e;

  if (a->nkeys >= NASL_MAX_ARRAY_KEYS)
    return NULL;
  if (a->rings == NULL)
    a->rings = g_new0 (array_ring, NASL_ARRAY_BUCKETS);
  e = g_new (array_entry, 1);
  e->val = NASL_NULL;
  e->key = str_new (key, len);
  e->hash = h;
  e->bucket = bucket;
  ring_prepend (&a->rings[bucket], a->rev, e);
  a->nkeys++;
  if (dup)
    a->has_dups = true;
  if (a->index != NULL)
    {
      if (a->nkeys * 2 + 2 > a->index_cap)
        index_build (a);
      else
        index_insert (a, e, true);
    }
  return e;
}

nasl_value *
array_key_slot (nasl_array *a, const char *key, size_t len, bool create)
{
  uint64_t h;
  unsigned bucket;
  array_entry *e;

  len = key_length (key, len);
  h = index_hash (key, len);
  bucket = array_bucket_of (key, len);
  e = find_entry (a, key, len, h, bucket);
  if (e == NULL && create)
    e = add_entry (a, key, len, h, bucket, false);
  return e != NULL ? &e->val : NULL;
}

void
array_set_key (nasl_array *a, const char *key, size_t len, nasl_value v)
{
  nasl_value *slot;

  if (!array_can_hold (a, &v) || (slot = array_key_slot (a, key, len, true)) == NULL)
    {
      nasl_value_free (&v);
      return;
    }
  note_value (a, slot->type, &v);
  nasl_value_free (slot);
  *slot = v;
}

void
array_add_key (nasl_array *a, const char *key, size_t len, nasl_value v)
{
  uint64_t h;
  unsigned bucket;
  array_entry *e;
  bool dup;

  if (!array_can_hold (a, &v))
    {
      nasl_value_free (&v);
      return;
    }
  len = key_length (key, len);
  h = index_hash (key, len);
  bucket = array_bucket_of (key, len);
  dup = find_entry (a, key, len, h, bucket) != NULL;
  e = add_entry (a, key, len, h, bucket, dup);
  if (e == NULL)
    {
      nasl_value_free (&v);
      return;
    }
  note_value (a, NASL_TYPE_NULL, &v);
  e->val = v;
}

size_t
array_count (const nasl_array *a)
{
  size_t n = 0, i;
  uint32_t j;

  for (i = 0; i < a->nint; i++)
    n += a->ints[i].type != NASL_TYPE_NULL;
  if (a->rings != NULL)
    for (i = 0; i < NASL_ARRAY_BUCKETS; i++)
      for (j = 0; j < a->rings[i].count; j++)
        n += ring_at (&a->rings[i], j)->val.type != NASL_TYPE_NULL;
  return n;
}

/* ======================================================================
** Visiting and printing
** ====================================================================== */

int
array_visit (const nasl_array *a, bool copy_order, nasl_array_visit_fn fn, void *ud)
{
  bool dir = copy_order ? !a->rev : a->rev;
  size_t i;
  uint32_t j;
  int r;

  for (i = 0; i < a->nint; i++)
    if (a->ints[i].type != NASL_TYPE_NULL)
      {
        nasl_value k = nasl_value_int ((long) i);
        if ((r = fn (ud, &k, &a->ints[i])) != 0)
          return r;
      }
  if (a->rings == NULL)
    return 0;
  for (i = 0; i < NASL_ARRAY_BUCKETS; i++)
    for (j = 0; j < a->rings[i].count; j++)
      {
        const array_entry *e = ring_logical (&a->rings[i], dir, j);
        nasl_value k;
        if (e->val.type == NASL_TYPE_NULL)
          continue;
        k.type = NASL_TYPE_STRING;
        k.as.s = e->key;
        if ((r = fn (ud, &k, &e->val)) != 0)
          return r;
      }
  return 0;
}

typedef struct text_ctx {
  GString *out;
  int n;
} text_ctx;

static int
append_element (void *ud, const nasl_value *key, const nasl_value *val)
{
  text_ctx *t = ud;

  if (t->n++ > 0)
    g_string_append (t->out, ", ");
  if (key->type == NASL_TYPE_INT)
    g_string_append_printf (t->out, "%d", (int) key->as.i);
  else
    g_string_append (t->out, key->as.s->bytes);
  switch (val->type)
    {
    case NASL_TYPE_INT:
      g_string_append_printf (t->out, ": %ld", val->as.i);
      break;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      /* '%s' in OpenVAS: the text stops at the first NUL */
      g_string_append (t->out, ": '");
      g_string_append (t->out, val->as.s->bytes);
      g_string_append (t->out, val->as.s->len < 64 ? "'" : "'...");
      break;
    default:
      g_string_append (t->out, ": ????");
      break;
    }
  return 0;
}

nasl_value
array_to_text (const nasl_array *a, bool copy_order)
{
  text_ctx t;
  nasl_value v;

  t.out = g_string_new ("[ ");
  t.n = 0;
  array_visit (a, copy_order, append_element, &t);
  g_string_append (t.out, " ]");
  v = nasl_value_data (t.out->str, t.out->len);
  g_string_free (t.out, TRUE);
  return v;
}

/* ======================================================================
** Public array API (nasl_module.h)
** ====================================================================== */

int
nasl_array_set_index (nasl_value *arr, long index, nasl_value v)
{
  if (arr == NULL || arr->type != NASL_TYPE_ARRAY || index < 0
      || index > NASL_MAX_ARRAY_INDEX || !array_can_hold (arr->as.a, &v))
    {
      nasl_value_free (&v);
      return -1;
    }
  array_set_int (array_unique (&arr->as.a), index, v);
  return 0;
}

int
nasl_array_set_key (nasl_value *arr, const char *key, size_t keylen, nasl_value v)
{
  nasl_array *a;

  if (arr == NULL || arr->type != NASL_TYPE_ARRAY || key == NULL
      || !array_can_hold (arr->as.a, &v))
    {
      nasl_value_free (&v);
      return -1;
    }
  a = array_unique (&arr->as.a);
  if (a->nkeys >= NASL_MAX_ARRAY_KEYS)
    {
      nasl_value_free (&v);
      return -1;
    }
  array_set_key (a, key, keylen, v);
  return 0;
}

int
nasl_array_push (nasl_value *arr, nasl_value v)
{
  if (arr == NULL || arr->type != NASL_TYPE_ARRAY)
    {
      nasl_value_free (&v);
      return -1;
    }
  return nasl_array_set_index (arr, array_max_index (arr->as.a), v);
}

const nasl_value *
nasl_array_get_index (const nasl_value *arr, long index)
{
  const nasl_value *v;

  if (arr == NULL || arr->type != NASL_TYPE_ARRAY)
    return NULL;
  v = array_int_slot (arr->as.a, index, false);
  return v != NULL && v->type != NASL_TYPE_NULL ? v : NULL;
}

const nasl_value *
nasl_array_get_key (const nasl_value *arr, const char *key, size_t keylen)
{
  const nasl_value *v;

  if (arr == NULL || arr->type != NASL_TYPE_ARRAY || key == NULL)
    return NULL;
  /* A lookup may build the index: that does not change the array's meaning. */
  v = array_key_slot ((nasl_array *) arr->as.a, key, keylen, false);
  return v != NULL && v->type != NASL_TYPE_NULL ? v : NULL;
}

long
nasl_array_max_index (const nasl_value *arr)
{
  if (arr == NULL || arr->type != NASL_TYPE_ARRAY)
    return 0;
  return array_max_index (arr->as.a);
}

size_t
nasl_array_count (const nasl_value *arr)
{
  if (arr == NULL || arr->type != NASL_TYPE_ARRAY)
    return 0;
  return array_count (arr->as.a);
}

int
nasl_array_foreach (const nasl_value *arr, nasl_array_visit_fn fn, void *ud)
{
  if (arr == NULL || arr->type != NASL_TYPE_ARRAY || fn == NULL)
    return 0;
  return array_visit (arr->as.a, true, fn, ud);
}

/* ======================================================================
** Iterator
** ====================================================================== */

void
array_iter_init (array_iter *it, const nasl_array *a, bool copy_order)
{
  it->a = a;
  it->dir = copy_order ? !a->rev : a->rev;
  it->i = 0;
  it->b = 0;
  it->j = 0;
}

const nasl_value *
array_iter_next (array_iter *it, nasl_value *key)
{
  const nasl_array *a = it->a;

  while (it->i < a->nint)
    {
      const nasl_value *v = &a->ints[it->i++];
      if (v->type != NASL_TYPE_NULL)
        {
          if (key != NULL)
            *key = nasl_value_int ((long) it->i - 1);
          return v;
        }
    }
  if (a->rings == NULL)
    return NULL;
  while (it->b < NASL_ARRAY_BUCKETS)
    {
      const array_ring *r = &a->rings[it->b];
      while (it->j < r->count)
        {
          const array_entry *e = ring_logical (r, it->dir, it->j++);
          if (e->val.type == NASL_TYPE_NULL)
            continue;
          if (key != NULL)
            {
              key->type = NASL_TYPE_STRING;
              key->as.s = e->key;
            }
          return &e->val;
        }
      it->b++;
      it->j = 0;
    }
  return NULL;
}

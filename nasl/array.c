/* SPDX-License-Identifier: GPL-2.0-or-later */
/* array.c: NASL arrays with OpenVAS's exact iteration order (see array.h). */
#include <glib.h>
#include <stdio.h>

#include "array.h"

/* Entry positions are +-(entry number + 1) in an int32_t. */
G_STATIC_ASSERT (NASL_MAX_ARRAY_KEYS < INT32_MAX);

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
** The side structure of big arrays
** ====================================================================== */

struct array_side {
  uint32_t *index;     /* entry number + 1, 0: free slot */
  size_t index_cap;    /* power of two, or 0: no index */
  uint32_t *order;     /* entry numbers by (bucket, pos); NULL: to be built */
  uint32_t bucket_end[NASL_ARRAY_BUCKETS]; /* end of each bucket in 'order' */
};

static void
side_free (nasl_array *a)
{
  if (a->side == NULL)
    return;
  g_free (a->side->index);
  g_free (a->side->order);
  g_free (a->side);
  a->side = NULL;
}

static array_side *
side_of (nasl_array *a)
{
  if (a->side == NULL)
    a->side = g_new0 (array_side, 1);
  return a->side;
}

static void
index_drop (nasl_array *a)
{
  if (a->side != NULL)
    {
      g_free (a->side->index);
      a->side->index = NULL;
      a->side->index_cap = 0;
    }
}

/* True when entry 'x' comes before entry 'y' (same key) in chain order. */
static bool
chain_first (const nasl_array *a, const array_entry *x, const array_entry *y)
{
  return a->rev ? x->pos < y->pos : x->pos > y->pos;
}

/* Puts entry number 'n' in the index; an entry already there for the same
** key stays unless 'n' comes first in chain order. */
static void
index_insert (nasl_array *a, uint32_t n)
{
  array_side *sd = a->side;
  const array_entry *e = &a->keys[n];
  size_t mask = sd->index_cap - 1;
  size_t i = (size_t) index_hash (e->key->bytes, e->key->len) & mask;

  while (sd->index[i] != 0)
    {
      const array_entry *o = &a->keys[sd->index[i] - 1];
      if (o->key->len == e->key->len && memcmp (o->key->bytes, e->key->bytes, e->key->len) == 0)
        {
          if (chain_first (a, e, o))
            sd->index[i] = n + 1;
          return;
        }
      i = (i + 1) & mask;
    }
  sd->index[i] = n + 1;
}

static void
index_build (nasl_array *a)
{
  array_side *sd = side_of (a);
  size_t cap = 32;
  uint32_t n;

  while (cap < (size_t) a->nkeys * 2 + 2)
    cap *= 2;
  g_free (sd->index);
  sd->index = g_new0 (uint32_t, cap);
  sd->index_cap = cap;
  for (n = 0; n < a->nkeys; n++)
    index_insert (a, n);
}

static int
compare_pos (gconstpointer x, gconstpointer y, gpointer ud)
{
  const array_entry *keys = ud;
  int32_t px = keys[*(const uint32_t *) x].pos, py = keys[*(const uint32_t *) y].pos;

  return px < py ? -1 : px > py;
}

/* Fills 'order' with the entry numbers of 'a' sorted by (bucket, pos) and
** 'end' with the end of each bucket in it. */
static void
order_fill (const nasl_array *a, uint32_t *order, uint32_t end[NASL_ARRAY_BUCKETS])
{
  uint32_t start[NASL_ARRAY_BUCKETS], n, b, at = 0;

  memset (end, 0, sizeof (uint32_t) * NASL_ARRAY_BUCKETS);
  for (n = 0; n < a->nkeys; n++)
    end[a->keys[n].bucket]++;
  for (b = 0; b < NASL_ARRAY_BUCKETS; b++)
    {
      start[b] = at;
      at += end[b];
      end[b] = start[b];
    }
  for (n = 0; n < a->nkeys; n++)
    order[end[a->keys[n].bucket]++] = n;
  for (b = 0; b < NASL_ARRAY_BUCKETS; b++)
    if (end[b] - start[b] > 1)
      g_qsort_with_data (order + start[b], (gint) (end[b] - start[b]), sizeof (uint32_t),
                         compare_pos, a->keys);
}

/* The order of a big array, built on demand (not a change of meaning). */
static const uint32_t *
order_of (const nasl_array *ca, const uint32_t **end)
{
  nasl_array *a = (nasl_array *) ca;
  array_side *sd = side_of (a);

  if (sd->order == NULL)
    {
      sd->order = g_new (uint32_t, a->nkeys);
      order_fill (a, sd->order, sd->bucket_end);
    }
  *end = sd->bucket_end;
  return sd->order;
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
array_destroy (nasl_array *a)
{
  uint32_t i;

  for (i = 0; i < a->nint; i++)
    nasl_value_free (&a->ints[i]);
  g_free (a->ints);
  for (i = 0; i < a->nkeys; i++)
    {
      nasl_value_free (&a->keys[i].val);
      str_unref (a->keys[i].key);
    }
  g_free (a->keys);
  side_free (a);
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
    a->depth = (uint16_t) (v->as.a->depth + 1);
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
** A physical copy of 'src': same entries, every value shared (or, when
** 'logical', copied with NASL semantics), chains read in the direction
** 'rev'.  The side structure is not copied; it is rebuilt on demand.
*/
static nasl_array *
array_clone (const nasl_array *src, bool rev, bool logical)
{
  nasl_array *a = array_new ();
  uint32_t i;

  a->rev = rev;
  a->has_dups = src->has_dups;
  a->nested = src->nested;
  a->depth = src->depth;
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
  if (src->nkeys > 0)
    {
      a->nkeys = a->keycap = src->nkeys;
      a->keys = g_new (array_entry, src->nkeys);
      for (i = 0; i < src->nkeys; i++)
        {
          array_entry *e = &a->keys[i];
          *e = src->keys[i];
          e->val = value_ref (&src->keys[i].val);
          if (logical && e->val.type == NASL_TYPE_ARRAY)
            e->val.as.a = array_logical_copy (e->val.as.a);
          str_ref (e->key);
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
  uint32_t i;

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
  /* the first entry of a duplicated key in chain order changed */
  if (a->has_dups)
    index_drop (a);
  if (a->nested == 0)
    return a;
  for (i = 0; i < a->nint; i++)
    if (a->ints[i].type == NASL_TYPE_ARRAY)
      a->ints[i].as.a = array_logical_copy (a->ints[i].as.a);
  for (i = 0; i < a->nkeys; i++)
    if (a->keys[i].val.type == NASL_TYPE_ARRAY)
      a->keys[i].val.as.a = array_logical_copy (a->keys[i].val.as.a);
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
      /* small lists (a pair, a record) stay small; long ones double */
      size_t ncap = a->intcap < 2 ? a->intcap + 1 : (size_t) a->intcap * 2;
      if (ncap <= (size_t) i)
        ncap = (size_t) i + 1;
      a->ints = g_renew (nasl_value, a->ints, ncap);
      a->intcap = (uint32_t) ncap;
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

static array_entry *
find_entry (nasl_array *a, const char *key, size_t len)
{
  array_entry *best = NULL;
  uint32_t n;

  if (a->nkeys > ARRAY_SMALL_KEYS)
    {
      array_side *sd;
      size_t mask, i;
      if (a->side == NULL || a->side->index == NULL)
        index_build (a);
      sd = a->side;
      mask = sd->index_cap - 1;
      i = (size_t) index_hash (key, len) & mask;
      while (sd->index[i] != 0)
        {
          array_entry *o = &a->keys[sd->index[i] - 1];
          if (o->key->len == len && memcmp (o->key->bytes, key, len) == 0)
            return o;
          i = (i + 1) & mask;
        }
      return NULL;
    }
  for (n = 0; n < a->nkeys; n++)
    {
      array_entry *o = &a->keys[n];
      if (o->key->len == len && memcmp (o->key->bytes, key, len) == 0)
        {
          if (!a->has_dups)
            return o;
          if (best == NULL || chain_first (a, o, best))
            best = o;
        }
    }
  return best;
}

/* Prepends a new entry to its chain and keeps the side structure in step.
** 'shared' (may be NULL) is a string holding exactly the key. */
static array_entry *
add_entry (nasl_array *a, const char *key, size_t len, nasl_str *shared, bool dup)
{
  array_entry *e;

  if (a->nkeys >= NASL_MAX_ARRAY_KEYS)
    return NULL;
  if (a->nkeys == a->keycap)
    {
      /* records of a few fields waste little; big arrays grow by half */
      uint32_t ncap = a->keycap < 16 ? a->keycap + 4 : a->keycap + a->keycap / 2;
      a->keys = g_renew (array_entry, a->keys, ncap);
      a->keycap = ncap;
    }
  e = &a->keys[a->nkeys];
  e->val = NASL_NULL;
  e->key = shared != NULL ? str_ref (shared) : str_new (key, len);
  e->bucket = array_bucket_of (key, len);
  e->pos = a->rev ? -(int32_t) a->nkeys - 1 : (int32_t) a->nkeys + 1;
  a->nkeys++;
  if (dup)
    a->has_dups = true;
  if (a->side != NULL)
    {
      g_free (a->side->order);
      a->side->order = NULL;
      if (a->side->index != NULL)
        {
          if ((size_t) a->nkeys * 2 + 2 > a->side->index_cap)
            index_build (a);
          else
            index_insert (a, a->nkeys - 1);
        }
    }
  return e;
}

static nasl_value *
key_slot (nasl_array *a, const char *key, size_t len, nasl_str *shared, bool create)
{
  array_entry *e;
  size_t klen = key_length (key, len);

  if (klen != len)
    shared = NULL;
  e = find_entry (a, key, klen);
  if (e == NULL && create)
    e = add_entry (a, key, klen, shared, false);
  return e != NULL ? &e->val : NULL;
}

nasl_value *
array_key_slot (nasl_array *a, const char *key, size_t len, bool create)
{
  return key_slot (a, key, len, NULL, create);
}

nasl_value *
array_key_slot_str (nasl_array *a, nasl_str *key, bool create)
{
  return key_slot (a, key->bytes, key->len, key, create);
}

static void
set_key (nasl_array *a, const char *key, size_t len, nasl_str *shared, nasl_value v)
{
  nasl_value *slot;

  if (!array_can_hold (a, &v) || (slot = key_slot (a, key, len, shared, true)) == NULL)
    {
      nasl_value_free (&v);
      return;
    }
  note_value (a, slot->type, &v);
  nasl_value_free (slot);
  *slot = v;
}

void
array_set_key (nasl_array *a, const char *key, size_t len, nasl_value v)
{
  set_key (a, key, len, NULL, v);
}

void
array_set_key_str (nasl_array *a, nasl_str *key, nasl_value v)
{
  set_key (a, key->bytes, key->len, key, v);
}

void
array_add_key (nasl_array *a, const char *key, size_t len, nasl_value v)
{
  array_entry *e;
  bool dup;

  if (!array_can_hold (a, &v))
    {
      nasl_value_free (&v);
      return;
    }
  len = key_length (key, len);
  dup = find_entry (a, key, len) != NULL;
  e = add_entry (a, key, len, NULL, dup);
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
  size_t n = 0;
  uint32_t i;

  for (i = 0; i < a->nint; i++)
    n += a->ints[i].type != NASL_TYPE_NULL;
  for (i = 0; i < a->nkeys; i++)
    n += a->keys[i].val.type != NASL_TYPE_NULL;
  return n;
}

/* ======================================================================
** Visiting and printing
** ====================================================================== */

/* The entries of 'a' by (bucket, pos) and the end of each bucket in that
** order: in 'buf'/'buf_end' for a small array, in its side structure for
** a big one. */
static void
order_get (const nasl_array *a, uint32_t buf[ARRAY_SMALL_KEYS],
           uint32_t buf_end[NASL_ARRAY_BUCKETS], const uint32_t **order, const uint32_t **end)
{
  if (a->nkeys > ARRAY_SMALL_KEYS)
    {
      *order = order_of (a, end);
      return;
    }
  order_fill (a, buf, buf_end);
  *order = buf;
  *end = buf_end;
}

/* Entry number 'j' of bucket 'b' in direction 'dir'. */
static const array_entry *
bucket_entry (const nasl_array *a, const uint32_t *order, const uint32_t *end, unsigned b,
              bool dir, uint32_t j)
{
  uint32_t start = b > 0 ? end[b - 1] : 0;

  return &a->keys[order[dir ? start + j : end[b] - 1 - j]];
}

int
array_visit (const nasl_array *a, bool copy_order, nasl_array_visit_fn fn, void *ud)
{
  bool dir = copy_order ? !a->rev : a->rev;
  uint32_t buf[ARRAY_SMALL_KEYS], buf_end[NASL_ARRAY_BUCKETS], i, j;
  const uint32_t *order, *end;
  unsigned b;
  int r;

  for (i = 0; i < a->nint; i++)
    if (a->ints[i].type != NASL_TYPE_NULL)
      {
        nasl_value k = nasl_value_int ((long) i);
        if ((r = fn (ud, &k, &a->ints[i])) != 0)
          return r;
      }
  if (a->nkeys == 0)
    return 0;
  order_get (a, buf, buf_end, &order, &end);
  for (b = 0; b < NASL_ARRAY_BUCKETS; b++)
    for (j = 0; j < end[b] - (b > 0 ? end[b - 1] : 0); j++)
      {
        const array_entry *e = bucket_entry (a, order, end, b, dir, j);
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

/* The uniquely owned array of 'arr' that may take 'v' under a key
** ('key_ok': the caller's key is usable), or NULL after freeing 'v'. */
static nasl_array *
array_for_key_store (nasl_value *arr, bool key_ok, nasl_value *v)
{
  nasl_array *a;

  if (arr == NULL || arr->type != NASL_TYPE_ARRAY || !key_ok || !array_can_hold (arr->as.a, v))
    {
      nasl_value_free (v);
      return NULL;
    }
  a = array_unique (&arr->as.a);
  if (a->nkeys >= NASL_MAX_ARRAY_KEYS)
    {
      nasl_value_free (v);
      return NULL;
    }
  return a;
}

int
nasl_array_set_key (nasl_value *arr, const char *key, size_t keylen, nasl_value v)
{
  nasl_array *a = array_for_key_store (arr, key != NULL, &v);

  if (a == NULL)
    return -1;
  array_set_key (a, key, keylen, v);
  return 0;
}

int
nasl_array_set_key_value (nasl_value *arr, const nasl_value *key, nasl_value v)
{
  nasl_array *a = array_for_key_store (arr, key != NULL && value_is_text (key), &v);

  if (a == NULL)
    return -1;
  array_set_key_str (a, key->as.s, v);
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
  it->big = false;
  it->i = 0;
  it->b = 0;
  it->j = 0;
  it->order = it->end = NULL;
}

const nasl_value *
array_iter_next (array_iter *it, nasl_value *key)
{
  const nasl_array *a = it->a;
  const uint32_t *order, *end;

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
  if (a->nkeys == 0)
    return NULL;
  if (it->order == NULL && !it->big)
    {
      order_get (a, it->small, it->small_end, &it->order, &it->end);
      it->big = it->order != it->small;
    }
  /* the small order lives in the iterator, which may have been moved */
  order = it->big ? it->order : it->small;
  end = it->big ? it->end : it->small_end;
  while (it->b < NASL_ARRAY_BUCKETS)
    {
      uint32_t count = end[it->b] - (it->b > 0 ? end[it->b - 1] : 0);
      while (it->j < count)
        {
          const array_entry *e = bucket_entry (a, order, end, it->b, it->dir, it->j++);
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

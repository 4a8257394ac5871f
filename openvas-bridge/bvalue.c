/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bvalue.c: the bridge's own result values (lists, maps, ints, data). */
#include "config.h"

#include <string.h>

#include "bvalue.h"

static bvalue *
bv_new (bv_kind kind)
{
  bvalue *v = g_new0 (bvalue, 1);
  v->kind = kind;
  return v;
}

bvalue *
bv_int (long v)
{
  bvalue *b = bv_new (BV_INT);
  b->int_val = v;
  return b;
}

bvalue *
bv_data (const char *s, size_t len)
{
  bvalue *b = bv_new (BV_DATA);
  b->bytes = g_malloc (len + 1);
  if (len > 0)
    memcpy (b->bytes, s, len);
  b->bytes[len] = '\0';
  b->len = len;
  return b;
}

bvalue *
bv_list (void)
{
  bvalue *b = bv_new (BV_LIST);
  b->items = g_ptr_array_new ();
  return b;
}

static void
entry_free (gpointer p)
{
  bv_entry *e = p;
  g_free (e->key);
  bv_free (e->value);
  g_free (e);
}

bvalue *
bv_map (void)
{
  bvalue *b = bv_new (BV_MAP);
  b->items = g_ptr_array_new_with_free_func (entry_free);
  return b;
}

void
bv_free (bvalue *v)
{
  if (v == NULL)
    return;
  switch (v->kind)
    {
    case BV_DATA:
      g_free (v->bytes);
      break;
    case BV_LIST:
      for (guint i = 0; i < v->items->len; i++)
        bv_free (g_ptr_array_index (v->items, i));
      g_ptr_array_free (v->items, TRUE);
      break;
    case BV_MAP:
      if (v->index != NULL)
        g_hash_table_destroy (v->index);
      g_ptr_array_free (v->items, TRUE);
      break;
    case BV_INT:
      break;
    }
  g_free (v);
}

/* A small map (a node, a row) is searched in order; a large one (a
** tasklist keyed by PID) gets a hash index once it passes this size. */
#define MAP_INDEX_FROM 32

static bv_entry *
find_entry (bvalue *map, const char *key)
{
  if (map->index == NULL && map->items->len >= MAP_INDEX_FROM)
    {
      map->index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < map->items->len; i++)
        {
          bv_entry *e = g_ptr_array_index (map->items, i);
          g_hash_table_insert (map->index, e->key, e);
        }
    }
  if (map->index != NULL)
    return g_hash_table_lookup (map->index, key);
  for (guint i = 0; i < map->items->len; i++)
    {
      bv_entry *e = g_ptr_array_index (map->items, i);
      if (strcmp (e->key, key) == 0)
        return e;
    }
  return NULL;
}

void
bv_push (bvalue *list, bvalue *item)
{
  g_ptr_array_add (list->items, item);
}

void
bv_set (bvalue *map, const char *key, bvalue *value)
{
  bv_entry *e;

  if (value == NULL)
    return;
  e = find_entry (map, key);
  if (e != NULL)
    {
      bv_free (e->value);
      e->value = value;
      return;
    }
  e = g_new (bv_entry, 1);
  e->key = g_strdup (key);
  e->value = value;
  g_ptr_array_add (map->items, e);
  if (map->index != NULL)
    g_hash_table_insert (map->index, e->key, e);
}

void
bv_set_str (bvalue *map, const char *key, const char *s, size_t len)
{
  bv_set (map, key, bv_data (s, len));
}

void
bv_set_cstr (bvalue *map, const char *key, const char *s)
{
  if (s != NULL)
    bv_set_str (map, key, s, strlen (s));
}

void
bv_set_int (bvalue *map, const char *key, long v)
{
  bv_set (map, key, bv_int (v));
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_array.c: builtin family 'array' -- make_list, make_array, keys, max_index, sort. */
#include "config.h"

#include "libs.h"

#include <stdlib.h>
#include <glib.h>

/* Appends a copy of each visited value to the array in 'ud'. */
static int
append_visited_value (void *ud, const nasl_value *key, const nasl_value *val)
{
  nasl_array_push (ud, nasl_value_copy (val));
  return 0;
}

/* Appends a copy of each visited key (int index or string key) to 'ud'. */
static int
append_visited_key (void *ud, const nasl_value *key, const nasl_value *val)
{
  nasl_value k;
  if (key->type == NASL_TYPE_INT)
    k = nasl_value_int (key->as.i);
  else
    {
      size_t len = 0;
      const char *b = nasl_value_bytes (key, &len);
      k = nasl_value_string (b != NULL ? b : "", len);
    }
  nasl_array_push (ud, k);
  return 0;
}

/*
** The list of all positional arguments, arrays flattened one level (their
** integer part, then their string-keyed values in iteration order).
** Undefined arguments are skipped.
*/
static nasl_value
flatten_arguments (nasl_call *call)
{
  nasl_value list = nasl_value_array ();
  size_t n = nasl_arg_count (call);
  for (size_t i = 0; i < n; i++)
    {
      const nasl_value *v = nasl_arg_pos (call, i);
      if (v == NULL || v->type == NASL_TYPE_NULL)
        continue;
      if (v->type == NASL_TYPE_ARRAY)
        nasl_array_foreach (v, append_visited_value, &list);
      else
        nasl_array_push (&list, nasl_value_copy (v));
    }
  return list;
}

/* make_list(...): see flatten_arguments(). */
static nasl_value
bi_make_list (nasl_call *call)
{
  return flatten_arguments (call);
}

/*
** make_array(k1, v1, k2, v2, ...): an int key is an index, a string key a
** hash key.  Values must be int, string or data; other pairs are dropped
** with a message, and so is a trailing key without a value.
*/
static nasl_value
bi_make_array (nasl_call *call)
{
  nasl_value arr = nasl_value_array ();
  size_t n = nasl_arg_count (call);
  for (size_t i = 0; i < n; i += 2)
    {
      const nasl_value *k = nasl_arg_pos (call, i);
      if (i + 1 >= n)
        {
          nasl_call_error (call, "odd number (%zu) of arguments", n);
          break;
        }
      const nasl_value *v = nasl_arg_pos (call, i + 1);
      if (v == NULL
          || (v->type != NASL_TYPE_INT && v->type != NASL_TYPE_STRING && v->type != NASL_TYPE_DATA))
        {
          nasl_call_error (call, "bad value type %s for arg #%zu",
                           nasl_type_name (v != NULL ? v->type : NASL_TYPE_NULL), i + 2);
          continue;
        }
      if (k != NULL && k->type == NASL_TYPE_INT)
        {
          if (nasl_array_set_index (&arr, k->as.i, nasl_value_copy (v)) != 0)
            nasl_call_error (call, "negative index %ld for arg #%zu", k->as.i, i + 1);
        }
      else if (k != NULL && (k->type == NASL_TYPE_STRING || k->type == NASL_TYPE_DATA))
        {
          size_t klen = 0;
          const char *kb = nasl_value_bytes (k, &klen);
          nasl_array_set_key (&arr, kb, klen, nasl_value_copy (v));
        }
    }
  return arr;
}

/* keys(a, ...): integer indexes (ints) then string keys (strings), for each
** array argument; an undefined argument (a missing KB list, say) is skipped
** quietly, anything else that is not an array with a message. */
static nasl_value
bi_keys (nasl_call *call)
{
  nasl_value out = nasl_value_array ();
  size_t n = nasl_arg_count (call);
  for (size_t i = 0; i < n; i++)
    {
      const nasl_value *v = nasl_arg_pos (call, i);
      if (v != NULL && v->type == NASL_TYPE_ARRAY)
        nasl_array_foreach (v, append_visited_key, &out);
      else if (v != NULL && v->type != NASL_TYPE_NULL)
        nasl_call_error (call, "bad variable #%zu skipped", i);
    }
  return out;
}

/* max_index(a): one more than the highest defined integer index; NULL for a non-array. */
static nasl_value
bi_max_index (nasl_call *call)
{
  const nasl_value *v = nasl_arg_pos (call, 0);
  if (v == NULL || v->type != NASL_TYPE_ARRAY)
    return NASL_NULL;
  return nasl_value_int (nasl_array_max_index (v));
}

/* qsort comparator over borrowed element pointers. */
static int
compare_value_ptrs (const void *a, const void *b)
{
  const nasl_value *const *x = a;
  const nasl_value *const *y = b;
  return nasl_value_compare (*x, *y);
}

/* Collects borrowed pointers to the elements of a list in index order. */
static int
collect_value_ptr (void *ud, const nasl_value *key, const nasl_value *val)
{
  g_ptr_array_add (ud, (gpointer) val);
  return 0;
}

/* sort(...): make_list() of the arguments, ordered with NASL's comparison. */
static nasl_value
bi_sort (nasl_call *call)
{
  nasl_value list = flatten_arguments (call);
  GPtrArray *items = g_ptr_array_new ();
  nasl_array_foreach (&list, collect_value_ptr, items);
  if (items->len > 1)
    qsort (items->pdata, items->len, sizeof (gpointer), compare_value_ptrs);
  nasl_value sorted = nasl_value_array ();
  for (guint i = 0; i < items->len; i++)
    nasl_array_push (&sorted, nasl_value_copy (items->pdata[i]));
  g_ptr_array_free (items, TRUE);
  nasl_value_free (&list);
  return sorted;
}

/* ORDER: alphabetical within the family. */
const nasl_builtin lib_array_builtins[] = {
  { "keys", bi_keys, 0, -1, "" },
  { "make_array", bi_make_array, 0, -1, "" },
  { "make_list", bi_make_list, 0, -1, "" },
  { "max_index", bi_max_index, 0, 1, "" },
  { "sort", bi_sort, 0, -1, "" },
  NASL_BUILTIN_END
};

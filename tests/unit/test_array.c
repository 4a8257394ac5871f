/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_array.c: NASL arrays: OpenVAS iteration order, copies, index, printing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <stdio.h>

#include "array.h"

/* Expected orders were computed independently from OpenVAS's algorithm
** (17 chains, prepend on insert, reversal on copy) for keys k0..k19. */
static const char *const stored_k20[] = {
  "k15", "k16", "k17", "k18", "k0", "k19", "k1", "k2", "k3", "k4",
  "k5", "k6", "k7", "k8", "k10", "k9", "k11", "k12", "k13", "k14",
};
static const char *const copy_k20[] = {
  "k15", "k16", "k17", "k0", "k18", "k1", "k19", "k2", "k3", "k4",
  "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13", "k14",
};

static int
collect_keys (void *ud, const nasl_value *key, const nasl_value *val)
{
  GString *s = ud;

  (void) val;
  if (s->len > 0)
    g_string_append_c (s, ' ');
  if (key->type == NASL_TYPE_INT)
    g_string_append_printf (s, "%ld", key->as.i);
  else
    g_string_append (s, key->as.s->bytes);
  return 0;
}

static char *
keys_of (const nasl_array *a, bool copy_order)
{
  GString *s = g_string_new (NULL);

  array_visit (a, copy_order, collect_keys, s);
  return g_string_free (s, FALSE);
}

static char *
join (const char *const *v, size_t n)
{
  GString *s = g_string_new (NULL);
  size_t i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", v[i]);
  return g_string_free (s, FALSE);
}

static nasl_array *
make_k20 (void)
{
  nasl_array *a = array_new ();
  char key[8];
  int i;

  for (i = 0; i < 20; i++)
    {
      snprintf (key, sizeof key, "k%d", i);
      array_set_key (a, key, strlen (key), nasl_value_int (i));
    }
  return a;
}

static void
test_bucket_hash (void **state)
{
  (void) state;
  assert_int_equal (array_bucket_of ("a", 1), 12);
  assert_int_equal (array_bucket_of ("abc", 3), 2);
  assert_int_equal (array_bucket_of ("key", 3), 8);
  assert_int_equal (array_bucket_of ("ba", 2), 14);
  assert_int_equal (array_bucket_of ("c", 1), 14);
  assert_int_equal (array_bucket_of ("k0", 2), 3);
  /* the hash stops at a NUL like OpenVAS's C strings */
  assert_int_equal (array_bucket_of ("a\0zz", 4), 12);
}

static void
test_stored_and_copy_order (void **state)
{
  nasl_array *a = make_k20 ();
  char *got, *want;

  (void) state;
  got = keys_of (a, false);
  want = join (stored_k20, G_N_ELEMENTS (stored_k20));
  assert_string_equal (got, want);
  g_free (got);
  g_free (want);
  got = keys_of (a, true);
  want = join (copy_k20, G_N_ELEMENTS (copy_k20));
  assert_string_equal (got, want);
  g_free (got);
  g_free (want);
  array_unref (a);
}

static void
test_logical_copy_reverses_chains (void **state)
{
  nasl_array *a = make_k20 (), *c;
  char *got, *want;

  (void) state;
  a->refcnt++; /* keep the original: the copy must not touch it */
  c = array_logical_copy (a);
  assert_ptr_not_equal (c, a);
  got = keys_of (c, false);
  want = join (copy_k20, G_N_ELEMENTS (copy_k20));
  assert_string_equal (got, want);
  g_free (got);
  got = keys_of (a, false);
  g_free (want);
  want = join (stored_k20, G_N_ELEMENTS (stored_k20));
  assert_string_equal (got, want);
  g_free (got);
  /* copying twice gives the original order back; unique bodies flip in place */
  c = array_logical_copy (c);
  got = keys_of (c, false);
  assert_string_equal (got, want);
  g_free (got);
  g_free (want);
  array_unref (c);
  array_unref (a);
}

static void
test_insert_after_copy_prepends (void **state)
{
  nasl_array *a = array_new ();

  (void) state;
  /* "c" and "ba" share bucket 14 */
  array_set_key (a, "c", 1, nasl_value_int (1));
  array_set_key (a, "ba", 2, nasl_value_int (2));
  {
    char *got = keys_of (a, false);
    assert_string_equal (got, "ba c");
    g_free (got);
  }
  a = array_logical_copy (a);
  array_set_key (a, "a", 1, nasl_value_int (3));    /* bucket 12 */
  array_set_key (a, "x", 1, nasl_value_int (4));    /* 120 % 17 = 1 */
  array_set_key (a, "cc", 2, nasl_value_int (5));   /* (99*8+99) % 17 = 7 */
  array_set_key (a, "bb", 2, nasl_value_int (6));   /* (98*8+98) % 17 = 15 */
  array_set_key (a, "\x0e", 1, nasl_value_int (7)); /* 14: new chain head */
  {
    char *got = keys_of (a, false);
    assert_string_equal (got, "x cc a \x0e c ba bb");
    g_free (got);
  }
  array_unref (a);
}

static void
test_duplicate_keys (void **state)
{
  nasl_value arr = nasl_value_array ();
  const nasl_value *v;

  (void) state;
  array_add_key (arr.as.a, "x", 1, nasl_value_int (1));
  array_add_key (arr.as.a, "x", 1, nasl_value_int (2));
  assert_int_equal (nasl_array_count (&arr), 2);
  v = nasl_array_get_key (&arr, "x", 1);
  assert_non_null (v);
  assert_int_equal (v->as.i, 2);
  arr.as.a = array_logical_copy (arr.as.a);
  v = nasl_array_get_key (&arr, "x", 1);
  assert_int_equal (v->as.i, 1);
  nasl_value_free (&arr);
}

static void
test_index_for_many_keys (void **state)
{
  nasl_value arr = nasl_value_array ();
  char key[16];
  int i;

  (void) state;
  for (i = 0; i < 2000; i++)
    {
      snprintf (key, sizeof key, "key%d", i);
      assert_int_equal (nasl_array_set_key (&arr, key, strlen (key), nasl_value_int (i)), 0);
    }
  for (i = 0; i < 2000; i++)
    {
      const nasl_value *v;
      snprintf (key, sizeof key, "key%d", i);
      v = nasl_array_get_key (&arr, key, strlen (key));
      assert_non_null (v);
      assert_int_equal (v->as.i, i);
    }
  assert_null (nasl_array_get_key (&arr, "nope", 4));
  /* overwriting keeps the count */
  nasl_array_set_key (&arr, "key7", 4, nasl_value_int (-7));
  assert_int_equal (nasl_array_count (&arr), 2000);
  assert_int_equal (nasl_array_get_key (&arr, "key7", 4)->as.i, -7);
  nasl_value_free (&arr);
}

static void
test_int_part (void **state)
{
  nasl_value arr = nasl_value_array ();
  char *got;

  (void) state;
  assert_int_equal (nasl_array_set_index (&arr, 3, nasl_value_int (30)), 0);
  assert_int_equal (nasl_array_set_index (&arr, 1, nasl_value_data ("b", 1)), 0);
  assert_int_equal (nasl_array_set_index (&arr, -1, nasl_value_int (1)), -1);
  assert_int_equal (nasl_array_max_index (&arr), 4);
  assert_int_equal (nasl_array_count (&arr), 2);
  assert_null (nasl_array_get_index (&arr, 0));
  assert_null (nasl_array_get_index (&arr, 99));
  assert_int_equal (nasl_array_get_index (&arr, 3)->as.i, 30);
  nasl_array_push (&arr, nasl_value_int (40));
  assert_int_equal (nasl_array_get_index (&arr, 4)->as.i, 40);
  nasl_array_set_key (&arr, "k", 1, nasl_value_int (1));
  got = keys_of (arr.as.a, true);
  assert_string_equal (got, "1 3 4 k");
  g_free (got);
  /* an undefined slot at the end does not count for max_index */
  nasl_array_set_index (&arr, 9, NASL_NULL);
  assert_int_equal (nasl_array_max_index (&arr), 5);
  nasl_value_free (&arr);
}

static void
test_copy_on_write (void **state)
{
  nasl_value a = nasl_value_array (), b;

  (void) state;
  nasl_array_set_index (&a, 0, nasl_value_int (1));
  b = nasl_value_copy (&a);
  nasl_array_set_index (&b, 0, nasl_value_int (2));
  nasl_array_set_key (&b, "k", 1, nasl_value_int (3));
  assert_int_equal (nasl_array_get_index (&a, 0)->as.i, 1);
  assert_null (nasl_array_get_key (&a, "k", 1));
  assert_int_equal (nasl_array_get_index (&b, 0)->as.i, 2);
  nasl_value_free (&a);
  nasl_value_free (&b);
}

static void
test_to_text (void **state)
{
  nasl_value a = nasl_value_array (), t, nested = nasl_value_array ();
  char long_str[70];

  (void) state;
  t = nasl_value_to_text (&a);
  assert_string_equal (t.as.s->bytes, "[  ]");
  nasl_value_free (&t);
  nasl_array_set_index (&a, 0, nasl_value_int (1));
  nasl_array_set_index (&a, 1, nasl_value_string ("abc", 3));
  nasl_array_set_key (&a, "key", 3, nasl_value_data ("val", 3));
  t = nasl_value_to_text (&a);
  assert_string_equal (t.as.s->bytes, "[ 0: 1, 1: 'abc', key: 'val' ]");
  assert_int_equal (t.type, NASL_TYPE_DATA);
  nasl_value_free (&t);
  memset (long_str, 'x', 64);
  nasl_array_set_index (&a, 2, nasl_value_data (long_str, 64));
  nasl_array_set_index (&a, 3, nested);
  nasl_array_set_index (&a, 4, nasl_value_data ("a\0b", 3));
  t = nasl_value_to_text (&a);
  long_str[64] = '\0';
  {
    char *want = g_strdup_printf ("[ 0: 1, 1: 'abc', 2: '%s'..., 3: ????, 4: 'a', key: 'val' ]",
                                  long_str);
    assert_string_equal (t.as.s->bytes, want);
    g_free (want);
  }
  nasl_value_free (&t);
  nasl_value_free (&a);
}

static void
test_nul_in_key (void **state)
{
  nasl_value a = nasl_value_array ();

  (void) state;
  nasl_array_set_key (&a, "ab\0cd", 5, nasl_value_int (1));
  assert_int_equal (nasl_array_get_key (&a, "ab", 2)->as.i, 1);
  assert_int_equal (nasl_array_count (&a), 1);
  nasl_value_free (&a);
}

static int
stop_at_second (void *ud, const nasl_value *key, const nasl_value *val)
{
  int *n = ud;

  (void) key;
  (void) val;
  return ++*n == 2 ? 42 : 0;
}

static void
test_foreach_stops (void **state)
{
  nasl_value a = nasl_value_array ();
  int n = 0;

  (void) state;
  nasl_array_push (&a, nasl_value_int (1));
  nasl_array_push (&a, nasl_value_int (2));
  nasl_array_push (&a, nasl_value_int (3));
  assert_int_equal (nasl_array_foreach (&a, stop_at_second, &n), 42);
  assert_int_equal (n, 2);
  nasl_value_free (&a);
}

/* {=====================================================================
** A model of OpenVAS's chains (17 lists, prepend on insert, every copy
** reverses every list), run side by side with the array through random
** inserts, duplicate adds, updates, copies of unique and shared bodies and
** lookups, on small and big arrays (the two layouts of array.c).
** ====================================================================== */

typedef struct model_entry {
  char key[8];
  long val;
} model_entry;

typedef struct model {
  GArray *chain[NASL_ARRAY_BUCKETS]; /* model_entry, head first */
} model;

static void
model_init (model *m)
{
  for (int b = 0; b < NASL_ARRAY_BUCKETS; b++)
    m->chain[b] = g_array_new (FALSE, FALSE, sizeof (model_entry));
}

static void
model_clear (model *m)
{
  for (int b = 0; b < NASL_ARRAY_BUCKETS; b++)
    g_array_free (m->chain[b], TRUE);
}

static model_entry *
model_find (model *m, const char *key)
{
  GArray *c = m->chain[array_bucket_of (key, strlen (key))];
  for (guint i = 0; i < c->len; i++)
    if (strcmp (g_array_index (c, model_entry, i).key, key) == 0)
      return &g_array_index (c, model_entry, i);
  return NULL;
}

static void
model_prepend (model *m, const char *key, long val)
{
  model_entry e;
  g_strlcpy (e.key, key, sizeof e.key);
  e.val = val;
  g_array_prepend_val (m->chain[array_bucket_of (key, strlen (key))], e);
}

static void
model_reverse (model *m)
{
  for (int b = 0; b < NASL_ARRAY_BUCKETS; b++)
    {
      GArray *c = m->chain[b];
      for (guint i = 0; i < c->len / 2; i++)
        {
          model_entry t = g_array_index (c, model_entry, i);
          g_array_index (c, model_entry, i) = g_array_index (c, model_entry, c->len - 1 - i);
          g_array_index (c, model_entry, c->len - 1 - i) = t;
        }
    }
}

/* "key=val ..." in stored order ('copy_order' false) or copy order. */
static char *
model_text (const model *m, bool copy_order)
{
  GString *s = g_string_new (NULL);
  for (int b = 0; b < NASL_ARRAY_BUCKETS; b++)
    {
      GArray *c = m->chain[b];
      for (guint i = 0; i < c->len; i++)
        {
          const model_entry *e = &g_array_index (c, model_entry, copy_order ? c->len - 1 - i : i);
          g_string_append_printf (s, "%s%s=%ld", s->len ? " " : "", e->key, e->val);
        }
    }
  return g_string_free (s, FALSE);
}

static int
collect_pairs (void *ud, const nasl_value *key, const nasl_value *val)
{
  GString *s = ud;
  g_string_append_printf (s, "%s%s=%ld", s->len ? " " : "", key->as.s->bytes, val->as.i);
  return 0;
}

static char *
array_text (const nasl_array *a, bool copy_order)
{
  GString *s = g_string_new (NULL);
  array_visit (a, copy_order, collect_pairs, s);
  return g_string_free (s, FALSE);
}

/* The same text through the step-by-step iterator. */
static char *
iter_text (const nasl_array *a, bool copy_order)
{
  GString *s = g_string_new (NULL);
  array_iter it;
  const nasl_value *v;
  nasl_value k;
  array_iter_init (&it, a, copy_order);
  while ((v = array_iter_next (&it, &k)) != NULL)
    g_string_append_printf (s, "%s%s=%ld", s->len ? " " : "", k.as.s->bytes, v->as.i);
  return g_string_free (s, FALSE);
}

static void
assert_same_orders (const nasl_array *a, const model *m)
{
  for (int copy_order = 0; copy_order <= 1; copy_order++)
    {
      char *want = model_text (m, copy_order), *got = array_text (a, copy_order);
      char *stepped = iter_text (a, copy_order);
      assert_string_equal (got, want);
      assert_string_equal (stepped, want);
      g_free (want);
      g_free (got);
      g_free (stepped);
    }
}

static void
run_model (unsigned seed, int steps, int nkeys)
{
  GRand *r = g_rand_new_with_seed (seed);
  nasl_array *a = array_new ();
  model m;
  char key[8];

  model_init (&m);
  for (int step = 0; step < steps; step++)
    {
      int op = g_rand_int_range (r, 0, 100);
      long val = step;
      snprintf (key, sizeof key, "k%d", g_rand_int_range (r, 0, nkeys));
      if (op < 55)
        {
          /* a["k"] = val: updates the first entry in chain order */
          model_entry *e = model_find (&m, key);
          if (e != NULL)
            e->val = val;
          else
            model_prepend (&m, key, val);
          array_set_key (a, key, strlen (key), nasl_value_int (val));
        }
      else if (op < 65)
        {
          model_prepend (&m, key, val);
          array_add_key (a, key, strlen (key), nasl_value_int (val));
        }
      else if (op < 75)
        {
          model_reverse (&m);
          a = array_logical_copy (a);
        }
      else if (op < 80)
        {
          /* a copy of a shared body, then the original dropped */
          nasl_array *other = a;
          a->refcnt++;
          a = array_logical_copy (a);
          array_unref (other);
          model_reverse (&m);
        }
      else
        {
          const nasl_value *got = array_key_slot (a, key, strlen (key), false);
          model_entry *e = model_find (&m, key);
          if (e == NULL)
            assert_null (got);
          else
            {
              assert_non_null (got);
              assert_int_equal (got->as.i, e->val);
            }
        }
      if (step % 97 == 0 || step == steps - 1)
        assert_same_orders (a, &m);
    }
  array_unref (a);
  model_clear (&m);
  g_rand_free (r);
}

static void
test_model_small (void **state)
{
  (void) state;
  for (unsigned seed = 1; seed <= 40; seed++)
    run_model (seed, 60, 10);
}

static void
test_model_big (void **state)
{
  (void) state;
  for (unsigned seed = 1; seed <= 4; seed++)
    run_model (seed, 3000, 400);
}

/* }===================================================================== */

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_bucket_hash),
    cmocka_unit_test (test_stored_and_copy_order),
    cmocka_unit_test (test_logical_copy_reverses_chains),
    cmocka_unit_test (test_insert_after_copy_prepends),
    cmocka_unit_test (test_duplicate_keys),
    cmocka_unit_test (test_index_for_many_keys),
    cmocka_unit_test (test_int_part),
    cmocka_unit_test (test_copy_on_write),
    cmocka_unit_test (test_to_text),
    cmocka_unit_test (test_nul_in_key),
    cmocka_unit_test (test_foreach_stops),
    cmocka_unit_test (test_model_small),
    cmocka_unit_test (test_model_big),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

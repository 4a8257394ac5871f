/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_value.c: runtime values: constructors, truth, conversions, cell_cmp. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <limits.h>

#include "value.h"
#include "array.h"

static void
test_constructors (void **state)
{
  nasl_value v = nasl_value_data ("a\0b", 3);
  size_t len;
  const char *p;

  (void) state;
  assert_int_equal (v.type, NASL_TYPE_DATA);
  p = nasl_value_bytes (&v, &len);
  assert_int_equal (len, 3);
  assert_memory_equal (p, "a\0b", 3);
  assert_int_equal (p[3], '\0');
  nasl_value_free (&v);
  assert_int_equal (v.type, NASL_TYPE_NULL);

  v = nasl_value_string ("xy", 2);
  assert_int_equal (v.type, NASL_TYPE_STRING);
  nasl_value_free (&v);

  v = nasl_value_data_take (g_strdup ("taken"), 5);
  assert_string_equal (nasl_value_bytes (&v, NULL), "taken");
  nasl_value_free (&v);

  v = nasl_value_data_cstr (NULL);
  assert_int_equal (v.as.s->len, 0);
  nasl_value_free (&v);

  v = nasl_value_int (5);
  assert_null (nasl_value_bytes (&v, &len));
  assert_int_equal (len, 0);
}

static void
test_type_names (void **state)
{
  (void) state;
  assert_string_equal (nasl_type_name (NASL_TYPE_NULL), "undef");
  assert_string_equal (nasl_type_name (NASL_TYPE_INT), "int");
  assert_string_equal (nasl_type_name (NASL_TYPE_STRING), "string");
  assert_string_equal (nasl_type_name (NASL_TYPE_DATA), "data");
  assert_string_equal (nasl_type_name (NASL_TYPE_ARRAY), "array");
}

static void
test_truth (void **state)
{
  nasl_value v;

  (void) state;
  assert_false (nasl_value_truth (NULL));
  v = NASL_NULL;
  assert_false (nasl_value_truth (&v));
  v = nasl_value_int (0);
  assert_false (nasl_value_truth (&v));
  v = nasl_value_int (-3);
  assert_true (nasl_value_truth (&v));
  v = nasl_value_string ("0", 1); /* "0" is true */
  assert_true (nasl_value_truth (&v));
  nasl_value_free (&v);
  v = nasl_value_data ("", 0);
  assert_false (nasl_value_truth (&v));
  nasl_value_free (&v);
  v = nasl_value_array (); /* even empty */
  assert_true (nasl_value_truth (&v));
  nasl_value_free (&v);
}

static void
test_int_conversions (void **state)
{
  nasl_value v;

  (void) state;
  v = nasl_value_string ("0x1f", 4);
  assert_int_equal (nasl_value_to_int (&v), 0);     /* atol */
  assert_int_equal (value_to_int_arith (&v), 31);   /* strtol base 0 */
  nasl_value_free (&v);
  v = nasl_value_data ("010", 3);
  assert_int_equal (nasl_value_to_int (&v), 10);
  assert_int_equal (value_to_int_arith (&v), 8);
  nasl_value_free (&v);
  v = nasl_value_data (" 12abc", 6);
  assert_int_equal (nasl_value_to_int (&v), 12);
  assert_int_equal (value_to_int_arith (&v), 12);
  nasl_value_free (&v);
  v = NASL_NULL;
  assert_int_equal (nasl_value_to_int (&v), 0);
  v = nasl_value_array ();
  assert_int_equal (nasl_value_to_int (&v), 0);
  nasl_value_free (&v);
}

static void
test_to_text (void **state)
{
  nasl_value v = nasl_value_int (-42), t;

  (void) state;
  t = nasl_value_to_text (&v);
  assert_int_equal (t.type, NASL_TYPE_DATA);
  assert_string_equal (t.as.s->bytes, "-42");
  nasl_value_free (&t);
  v = NASL_NULL;
  t = nasl_value_to_text (&v);
  assert_int_equal (t.as.s->len, 0);
  nasl_value_free (&t);
  v = nasl_value_string ("s", 1);
  t = nasl_value_to_text (&v);
  assert_string_equal (t.as.s->bytes, "s");
  nasl_value_free (&t);
  nasl_value_free (&v);
}

static int
cmp_sv (const char *s, long i)
{
  nasl_value a = nasl_value_string (s, strlen (s)), b = nasl_value_int (i);
  int r = nasl_value_compare (&a, &b);

  nasl_value_free (&a);
  return r;
}

static void
test_compare (void **state)
{
  nasl_value n = NASL_NULL, z = nasl_value_int (0), e = nasl_value_data ("", 0);
  nasl_value s0 = nasl_value_data ("0", 1), arr = nasl_value_array (), arr2 = nasl_value_array ();
  nasl_value five = nasl_value_int (5);
  char *msg;

  (void) state;
  assert_int_equal (cmp_sv ("1", 1), 0);
  assert_true (cmp_sv ("01", 1) != 0);
  assert_true (cmp_sv (" 1", 1) != 0);
  assert_true (cmp_sv ("9", 10) > 0);  /* 10 < "9" */
  assert_true (cmp_sv ("49", 5) < 0);  /* 5 <= "49" is false */
  assert_int_equal (nasl_value_compare (&n, &z), 0);
  assert_int_equal (nasl_value_compare (&n, &e), 0);
  assert_true (nasl_value_compare (&n, &s0) != 0);
  assert_true (nasl_value_compare (&z, &e) != 0); /* 0 == "" is false */
  assert_int_equal (nasl_value_compare (&n, &n), 0);
  assert_int_equal (nasl_value_compare (&n, &arr), -1);
  assert_int_equal (nasl_value_compare (&arr, &n), 1);
  assert_int_equal (value_compare (&arr, &arr2, &msg), 0);
  assert_string_equal (msg, "cell_cmp: cannot compare arrays yet");
  g_free (msg);
  assert_int_equal (value_compare (&arr, &five, &msg), 0);
  assert_non_null (msg);
  g_free (msg);
  /* int comparison goes through a (wrapping) difference, like OpenVAS */
  {
    nasl_value lo = nasl_value_int (LONG_MIN), one = nasl_value_int (1);
    assert_true (nasl_value_compare (&lo, &one) > 0);
  }
  /* string and data compare by bytes, then by length */
  {
    nasl_value a = nasl_value_string ("ab", 2), b = nasl_value_data ("abc", 3);
    assert_true (nasl_value_compare (&a, &b) < 0);
    assert_true (nasl_value_compare (&b, &a) > 0);
    nasl_value_free (&a);
    nasl_value_free (&b);
  }
  nasl_value_free (&e);
  nasl_value_free (&s0);
  nasl_value_free (&arr);
  nasl_value_free (&arr2);
}

static void
test_str_append (void **state)
{
  nasl_str *s = str_new ("ab", 2);
  int i;

  (void) state;
  for (i = 0; i < 1000; i++)
    s = str_append (s, "xyz", 3);
  assert_int_equal (s->len, 3002);
  assert_int_equal (s->bytes[3002], '\0');
  assert_memory_equal (s->bytes + 2999, "xyz", 3);
  str_unref (s);
}

static void
test_copy_shares (void **state)
{
  nasl_value s = nasl_value_data ("abc", 3), c;

  (void) state;
  c = nasl_value_copy (&s);
  assert_ptr_equal (c.as.s, s.as.s);
  assert_int_equal (s.as.s->refcnt, 2);
  nasl_value_free (&c);
  assert_int_equal (s.as.s->refcnt, 1);
  nasl_value_free (&s);
  c = nasl_value_copy (NULL);
  assert_int_equal (c.type, NASL_TYPE_NULL);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_constructors),
    cmocka_unit_test (test_type_names),
    cmocka_unit_test (test_truth),
    cmocka_unit_test (test_int_conversions),
    cmocka_unit_test (test_to_text),
    cmocka_unit_test (test_compare),
    cmocka_unit_test (test_str_append),
    cmocka_unit_test (test_copy_shares),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

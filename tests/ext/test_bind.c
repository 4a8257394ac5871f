/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_bind.c: audit_parse's NASL value (nasl-ext/bind.c) against the interpreter's array limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "audit.h"
#include "bind.h"
#include "conf.h"

/* The element KEY of array V (NULL when absent). */
static const nasl_value *
get (const nasl_value *v, const char *key)
{
  return nasl_array_get_key (v, key, strlen (key));
}

static const nasl_value *
at (const nasl_value *v, long i)
{
  return nasl_array_get_index (v, i);
}

static const char *
str (const nasl_value *v)
{
  size_t len;
  assert_non_null (v);
  return nasl_value_bytes (v, &len);
}

/* N nested <if> ... <then>, an item at the bottom. */
static char *
nested_ifs (int n)
{
  GString *t = g_string_new ("<check_type:\"Windows\">\n");
  int i;

  for (i = 0; i < n; i++)
    g_string_append (t, "<if>\n<condition type:\"or\">\n</condition>\n<then>\n");
  g_string_append (t, "<item>\n type : X\n</item>\n");
  for (i = 0; i < n; i++)
    g_string_append (t, "</then>\n</if>\n");
  g_string_append (t, "</check_type>\n");
  return g_string_free (t, FALSE);
}

/* The deepest document the parser accepts fits, with the promised room
** left for the script's own arrays. */
static void
test_deepest_document_fits (void **state)
{
  char *text = nested_ifs (AUDIT_MAX_IF_DEPTH);
  GError *err = NULL;
  audit_doc *doc = audit_parse_string (text, strlen (text), "d.audit", NULL, &err);
  nasl_value v, wrap;
  const nasl_value *n;
  int depth = 0;

  assert_non_null (doc);
  v = audit_bind_doc_value (doc, "d.audit");
  audit_doc_free (doc);
  assert_null (get (&v, "error"));
  n = at (get (at (get (&v, "blocks"), 0), "items"), 0);
  while (n != NULL && strcmp (str (get (n, "kind")), "if") == 0)
    {
      depth++;
      n = at (get (n, "then"), 0);
    }
  assert_int_equal (depth, AUDIT_MAX_IF_DEPTH);
  assert_string_equal (str (get (n, "type")), "X");
  /* eight more levels of arrays around it */
  wrap = v;
  for (int i = 0; i < 8; i++)
    {
      nasl_value outer = nasl_value_array ();
      assert_int_equal (nasl_array_set_index (&outer, 0, wrap), 0);
      wrap = outer;
    }
  {
    nasl_value outer = nasl_value_array ();
    assert_int_equal (nasl_array_set_index (&outer, 0, nasl_value_copy (&wrap)), -1);
    nasl_value_free (&outer);
  }
  nasl_value_free (&wrap);
  g_free (text);
  (void) state;
}

/* A document the interpreter cannot hold (built by hand: the parser
** refuses it) gives only an error naming the node, never a partial array. */
static void
test_too_deep_is_an_error (void **state)
{
  enum { N = 40 };
  audit_node ifs[N], item;
  audit_node *ptrs[N + 1];
  audit_kv kv = { (char *) "type", (char *) "X", 1, 1, 500 };
  audit_block block;
  audit_doc doc;
  char *groups[] = { NULL };
  nasl_value v;
  size_t len;

  memset (ifs, 0, sizeof ifs);
  memset (&item, 0, sizeof item);
  item.kind = AUDIT_NODE_ITEM;
  item.line = 500;
  item.kvs = &kv;
  item.n_kvs = 1;
  ptrs[N] = &item;
  for (int i = N - 1; i >= 0; i--)
    {
      ifs[i].kind = AUDIT_NODE_IF;
      ifs[i].line = 100 + (unsigned) i;
      ifs[i].condition_type = (char *) "or";
      ifs[i].then_list.nodes = &ptrs[i + 1];
      ifs[i].then_list.len = 1;
      ifs[i].has_then = true;
      ptrs[i] = &ifs[i];
    }
  memset (&block, 0, sizeof block);
  block.check_type = (char *) "Windows";
  block.line = 1;
  block.items.nodes = &ptrs[0];
  block.items.len = 1;
  memset (&doc, 0, sizeof doc);
  doc.check_type = block.check_type;
  doc.root = block.items;
  doc.blocks = &block;
  doc.n_blocks = 1;
  doc.groups = groups;

  v = audit_bind_doc_value (&doc, "x.audit");
  /* if i holds 2 * (N - i) levels: the one at i = 8 (64 levels) cannot go
  ** into the list of if 7 */
  assert_int_equal (NASL_MAX_ARRAY_DEPTH, 64);
  assert_int_equal (nasl_array_count (&v), 1);
  assert_string_equal (nasl_value_bytes (get (&v, "error"), &len),
                       "x.audit:108: the parsed policy does not fit in NASL arrays (interpreter limits)");
  nasl_value_free (&v);
  v = audit_bind_doc_value (&doc, NULL);
  assert_string_equal (nasl_value_bytes (get (&v, "error"), &len),
                       "<string>:108: the parsed policy does not fit in NASL arrays (interpreter limits)");
  nasl_value_free (&v);
  (void) state;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_deepest_document_fits),
    cmocka_unit_test (test_too_deep_is_an_error),
  };
  return cmocka_run_group_tests_name ("bind", tests, NULL, NULL);
}

/* test_kb.c: unit tests of the in-memory knowledge base (kb.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb.h"

static kb_value
str_val (const char *s)
{
  return (kb_value){ .is_int = 0, .s = (char *) s, .len = strlen (s) };
}

static kb_value
int_val (long i)
{
  return (kb_value){ .is_int = 1, .i = i };
}

/* Collects "name=value" lines. */
static int
collect (void *ud, const char *name, const kb_value *v)
{
  GString *out = ud;
  if (v->is_int)
    g_string_append_printf (out, "%s=%ld;", name, v->i);
  else
    g_string_append_printf (out, "%s='%.*s';", name, (int) v->len, v->s);
  return 0;
}

static char *
dump (nasl_kb *kb, const char *pattern)
{
  GString *out = g_string_new ("");
  kb_foreach (kb, pattern, collect, out);
  return g_string_free (out, FALSE);
}

static void
test_add_get_order_and_dedup (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value a = str_val ("a"), b = str_val ("b"), one = int_val (1);
  assert_int_equal (kb_add (kb, "k", &b), KB_OK);
  assert_int_equal (kb_add (kb, "k", &a), KB_OK);
  assert_int_equal (kb_add (kb, "k", &b), KB_OK); /* duplicate: not added */
  assert_int_equal (kb_add (kb, "k", &one), KB_OK);
  size_t n;
  const kb_value *v = kb_get (kb, "k", &n);
  assert_int_equal (n, 3);
  assert_string_equal (v[0].s, "b");
  assert_string_equal (v[1].s, "a");
  assert_true (v[2].is_int);
  assert_int_equal (v[2].i, 1);
  assert_int_equal (kb_value_count (kb), 3);
  assert_null (kb_get (kb, "absent", &n));
  assert_int_equal (n, 0);
  kb_free (kb);
}

static void
test_int_and_string_differ (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value s1 = str_val ("1"), i1 = int_val (1);
  kb_add (kb, "x", &s1);
  kb_add (kb, "x", &i1);
  size_t n;
  kb_get (kb, "x", &n);
  assert_int_equal (n, 2);
  kb_free (kb);
}

static void
test_binary_values (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value v = { .is_int = 0, .s = (char *) "a\0b", .len = 3 };
  kb_add (kb, "bin", &v);
  size_t n;
  const kb_value *got = kb_get (kb, "bin", &n);
  assert_int_equal (n, 1);
  assert_int_equal (got[0].len, 3);
  assert_memory_equal (got[0].s, "a\0b", 3);
  kb_free (kb);
}

static void
test_replace_and_remove (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value a = str_val ("a"), b = str_val ("b"), c = str_val ("c");
  kb_add (kb, "k", &a);
  kb_add (kb, "k", &b);
  assert_int_equal (kb_replace (kb, "k", &c), KB_OK);
  char *d = dump (kb, "k");
  assert_string_equal (d, "k='c';");
  g_free (d);
  assert_int_equal (kb_value_count (kb), 1);
  kb_add (kb, "k", &a);
  kb_remove_value (kb, "k", &c);
  d = dump (kb, "*");
  assert_string_equal (d, "k='a';");
  g_free (d);
  kb_remove (kb, "k");
  assert_int_equal (kb_value_count (kb), 0);
  d = dump (kb, "*");
  assert_string_equal (d, "");
  g_free (d);
  kb_remove (kb, "never");
  kb_free (kb);
}

static void
test_foreach_sorted_glob (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value one = int_val (1);
  kb_add (kb, "Ports/tcp/80", &one);
  kb_add (kb, "Ports/tcp/22", &one);
  kb_add (kb, "Ports/udp/53", &one);
  kb_add (kb, "Host/scanned", &one);
  char *d = dump (kb, "Ports/tcp/*");
  assert_string_equal (d, "Ports/tcp/22=1;Ports/tcp/80=1;");
  g_free (d);
  d = dump (kb, "Ports/*/[5-9]?");
  assert_string_equal (d, "Ports/tcp/80=1;Ports/udp/53=1;");
  g_free (d);
  d = dump (kb, "Ports/tcp/22");
  assert_string_equal (d, "Ports/tcp/22=1;");
  g_free (d);
  d = dump (kb, "*");
  assert_string_equal (d, "Host/scanned=1;Ports/tcp/22=1;Ports/tcp/80=1;Ports/udp/53=1;");
  g_free (d);
  kb_free (kb);
}

static void
test_glob (void **state)
{
  (void) state;
#define M(p, s) kb_glob_match (p, strlen (p), s, strlen (s))
  assert_true (M ("*", ""));
  assert_true (M ("a*c", "abbbc"));
  assert_false (M ("a*c", "abbbd"));
  assert_true (M ("a?c", "abc"));
  assert_false (M ("a?c", "ac"));
  assert_true (M ("[abc]x", "bx"));
  assert_false (M ("[^abc]x", "bx"));
  assert_true (M ("[!a]x", "bx"));
  assert_true (M ("[a-c]", "b"));
  assert_true (M ("a\\*", "a*"));
  assert_false (M ("a\\*", "ab"));
  assert_true (M ("*/*/*", "a/b/c"));
  assert_true (M ("**a", "a"));
  assert_false (M ("[ab", "c"));
  /* pathological pattern stays fast */
  assert_false (M ("*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
#undef M
}

static void
test_limits (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (3, 0);
  kb_value a = str_val ("a"), b = str_val ("b"), c = str_val ("c"), d = str_val ("d");
  assert_int_equal (kb_add (kb, "k", &a), KB_OK);
  assert_int_equal (kb_add (kb, "k", &b), KB_OK);
  assert_int_equal (kb_add (kb, "j", &c), KB_OK);
  assert_int_equal (kb_add (kb, "k", &d), KB_FULL);
  assert_int_equal (kb_add (kb, "k", &a), KB_OK); /* duplicate: no room needed */
  assert_string_equal (kb_result_text (kb, KB_FULL),
                       "knowledge base full (limit 3 values, 268435456 bytes)");
  /* replacing two values with one frees room */
  assert_int_equal (kb_replace (kb, "k", &d), KB_OK);
  assert_int_equal (kb_add (kb, "j", &d), KB_OK);
  assert_int_equal (kb_value_count (kb), 3);
  kb_free (kb);

  kb = kb_new (0, 10);
  kb_value big = str_val ("0123456789");
  assert_int_equal (kb_add (kb, "n", &big), KB_FULL);
  assert_int_equal (kb_value_count (kb), 0);
  kb_free (kb);
}

static void
test_bad_names (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value a = str_val ("a");
  assert_int_equal (kb_add (kb, "", &a), KB_BAD_NAME);
  char *longname = g_strnfill (KB_MAX_NAME + 1, 'x');
  assert_int_equal (kb_add (kb, longname, &a), KB_BAD_NAME);
  g_free (longname);
  kb_free (kb);
}

/* A forked child's changes come back through the journal. */
static void
test_journal_replay (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value keep = str_val ("keep"), gone = str_val ("gone");
  kb_add (kb, "old", &gone);
  int fds[2];
  assert_int_equal (pipe (fds), 0);
  pid_t pid = fork ();
  assert_true (pid >= 0);
  if (pid == 0)
    {
      close (fds[0]);
      kb_set_journal_fd (kb, fds[1]);
      kb_value seven = int_val (7), bin = { .is_int = 0, .s = (char *) "x\0y", .len = 3 };
      kb_add (kb, "child/int", &seven);
      kb_add (kb, "child/bin", &bin);
      kb_replace (kb, "child/int", &seven);
      kb_remove (kb, "old");
      kb_add (kb, "child/str", &keep);
      _exit (0);
    }
  close (fds[1]);
  kb_replay_journal (kb, fds[0]);
  close (fds[0]);
  waitpid (pid, NULL, 0);
  char *d = dump (kb, "*");
  assert_string_equal (d, "child/bin='x';child/int=7;child/str='keep';");
  g_free (d);
  size_t n;
  const kb_value *v = kb_get (kb, "child/bin", &n);
  assert_int_equal (v[0].len, 3);
  kb_free (kb);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_add_get_order_and_dedup),
    cmocka_unit_test (test_int_and_string_differ),
    cmocka_unit_test (test_binary_values),
    cmocka_unit_test (test_replace_and_remove),
    cmocka_unit_test (test_foreach_sorted_glob),
    cmocka_unit_test (test_glob),
    cmocka_unit_test (test_limits),
    cmocka_unit_test (test_bad_names),
    cmocka_unit_test (test_journal_replay),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_kb.c: unit tests of the in-memory knowledge base (kb.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kb.h"
#include "nasl.h"
#include "script_meta.h"

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

/* kb_first_text: the first value of the exact name, an int in decimal, a
** string as C text (it ends at a NUL byte), NULL when absent. */
static void
test_first_text (void **state)
{
  (void) state;
  nasl_kb *kb = kb_new (0, 0);
  kb_value a = str_val ("first"), b = str_val ("second"), n = int_val (-42);
  kb_value bin = { .is_int = 0, .s = (char *) "a\0b", .len = 3 };
  char *t;

  kb_add (kb, "s", &a);
  kb_add (kb, "s", &b);
  kb_add (kb, "i", &n);
  kb_add (kb, "bin", &bin);
  kb_add (kb, "s*", &b);
  t = kb_first_text (kb, "s");
  assert_string_equal (t, "first");
  g_free (t);
  t = kb_first_text (kb, "i");
  assert_string_equal (t, "-42");
  g_free (t);
  t = kb_first_text (kb, "bin");
  assert_string_equal (t, "a");
  g_free (t);
  t = kb_first_text (kb, "s*"); /* a name, not a pattern */
  assert_string_equal (t, "second");
  g_free (t);
  assert_null (kb_first_text (kb, "absent"));
  assert_null (kb_first_text (NULL, "s"));
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

/* ------------------------------------------------------------------------
** Through a state: the public KB API, the kb/report/script builtins
** ------------------------------------------------------------------------ */

typedef struct env_fixture {
  nasl_state *st;
  GString *out;
  GString *diag;
  GString *reports;
} env_fixture;

static void
env_out (void *ud, const char *bytes, size_t len)
{
  g_string_append_len (ud, bytes, (gssize) len);
}

static void
env_diag (void *ud, const char *text)
{
  g_string_append_printf (ud, "%s\n", text);
}

/* Records every field of a report. */
static void
env_report (void *ud, const nasl_report *r)
{
  g_string_append_printf (ud, "kind=%d oid=%s script=%s port=%d proto=%s uri=%s len=%zu data=",
                          (int) r->kind, r->oid, r->script, r->port, r->proto,
                          r->uri ? r->uri : "(null)", r->data_len);
  if (r->data)
    g_string_append_len (ud, r->data, (gssize) r->data_len);
  else
    g_string_append (ud, "(null)");
  g_string_append_c (ud, '\n');
}

static int
env_setup (void **state)
{
  env_fixture *f = g_new0 (env_fixture, 1);
  f->st = nasl_state_new ();
  f->out = g_string_new ("");
  f->diag = g_string_new ("");
  f->reports = g_string_new ("");
  nasl_set_output (f->st, env_out, f->out);
  nasl_set_diag (f->st, env_diag, f->diag);
  nasl_set_report (f->st, env_report, f->reports);
  *state = f;
  return 0;
}

static int
env_teardown (void **state)
{
  env_fixture *f = *state;
  nasl_state_free (f->st);
  g_string_free (f->out, TRUE);
  g_string_free (f->diag, TRUE);
  g_string_free (f->reports, TRUE);
  g_free (f);
  return 0;
}

static nasl_status
env_run (env_fixture *f, const char *name, const char *src, int mode)
{
  return nasl_run_buffer (f->st, name, src, strlen (src), mode);
}

static int
public_collect (void *ud, const char *name, const nasl_value *v)
{
  GString *out = ud;
  size_t len;
  const char *b = nasl_value_bytes (v, &len);
  if (v->type == NASL_TYPE_INT)
    g_string_append_printf (out, "%s=%ld;", name, v->as.i);
  else
    g_string_append_printf (out, "%s='%.*s'(%s);", name, (int) len, b, nasl_type_name (v->type));
  return 0;
}

static void
test_public_kb_api (void **state)
{
  env_fixture *f = *state;
  nasl_kb *kb = nasl_state_kb (f->st);
  assert_ptr_equal (kb, nasl_state_kb (f->st));
  nasl_kb_add_str (kb, "s", "v1", 2);
  nasl_kb_add_str (kb, "s", "v2", 2);
  nasl_kb_add_int (kb, "i", 5);
  nasl_kb_set_int (kb, "i", 6);
  nasl_kb_set_str (kb, "t", "x", 1);
  nasl_kb_delete (kb, "t");
  GString *out = g_string_new ("");
  nasl_kb_foreach (kb, "*", public_collect, out);
  assert_string_equal (out->str, "i=6;s='v1'(data);s='v2'(data);");
  g_string_free (out, TRUE);

  /* the builtins see the same KB */
  assert_int_equal (env_run (f, "k.nasl",
                             "display(get_kb_item('i'), ' ', typeof(get_kb_item('i')));"
                             "set_kb_item(name:'from/script', value:'yes');", 0), NASL_OK);
  assert_string_equal (f->out->str, "6 int");
  size_t n;
  const kb_value *v = kb_get (kb, "from/script", &n);
  assert_int_equal (n, 1);
  assert_string_equal (v[0].s, "yes");
}

static void
test_kb_builtin_errors (void **state)
{
  env_fixture *f = *state;
  assert_int_equal (env_run (f, "e.nasl",
                             "set_kb_item(name:'n', value:-1);\n"
                             "set_kb_item(name:'n');\n"
                             "replace_kb_item(name:'n', value:make_list(1));\n"
                             "display(typeof(get_kb_item('n')));\n", 0), NASL_OK);
  assert_string_equal (f->out->str, "undef");
  assert_string_equal (f->diag->str,
                       "e.nasl:1: set_kb_item: refusing value -1 for name 'n'\n"
                       "e.nasl:2: set_kb_item: missing argument 'value'\n"
                       "e.nasl:3: replace_kb_item: null value for name 'n'\n");
}

static void
test_get_kb_list (void **state)
{
  env_fixture *f = *state;
  assert_int_equal (env_run (f, "l.nasl",
                             "set_kb_item(name:'p/a', value:1);"
                             "set_kb_item(name:'p/a', value:2);"
                             "set_kb_item(name:'p/b', value:'x');"
                             "set_kb_item(name:'q/c', value:3);"
                             "l = get_kb_list('p/*');"
                             "display(l['p/a'], l['p/b'], ' ', typeof(l['q/c']), ' ');"
                             "e = get_kb_list('p/b');"
                             "display(e['p/b'], ' ', typeof(get_kb_list('none*')));"
                             "n = 0; foreach v (l) n += v == 1 || v == 2;"
                             "display(' ', n);", 0),
                    NASL_OK);
  /* Every value of a multi-valued name is an entry (foreach sees both 1
  ** and 2); l['p/a'] is the first of its chain after the assignment copy,
  ** which reverses chains as OpenVAS's copy_array does. */
  assert_string_equal (f->out->str, "1x undef x undef 2");
}

static void
test_reports (void **state)
{
  env_fixture *f = *state;
  assert_int_equal (env_run (f, "r.nasl",
                             "if (description) { script_oid('1.2.3'); exit(0); }\n"
                             "log_message(data:'a\\0b', port:22, proto:'udp', uri:'/x');\n"
                             "security_message(80);\n"
                             "error_message(data:'e', protocol:'tcp', proto:'udp', port:-5);\n",
                             NASL_RUN_DESCRIPTION), NASL_OK);
  assert_string_equal (f->reports->str, "");
  assert_int_equal (env_run (f, "r.nasl",
                             "if (description) { script_oid('1.2.3'); exit(0); }\n"
                             "log_message(data:'a\\0b', port:22, proto:'udp', uri:'/x');\n"
                             "security_message(80);\n"
                             "error_message(data:'e', protocol:'tcp', proto:'udp', port:-5);\n",
                             0), NASL_OK);
  assert_string_equal (f->reports->str,
                       "kind=0 oid=1.2.3 script=r.nasl port=22 proto=udp uri=/x len=3 data=a b\n"
                       "kind=1 oid=1.2.3 script=r.nasl port=80 proto=tcp uri=(null) len=0 data=(null)\n"
                       "kind=2 oid=1.2.3 script=r.nasl port=0 proto=tcp uri=(null) len=1 data=e\n");
}

static void
test_script_metadata (void **state)
{
  env_fixture *f = *state;
  const char *src =
    "if (description) {\n"
    "  script_oid('1.3.6.1.4.1.25623.1.0.1');\n"
    "  script_name('Meta');\n"
    "  script_family('Fam');\n"
    "  script_category(ACT_ATTACK);\n"
    "  script_timeout(30);\n"
    "  script_cve_id('CVE-1', 'CVE-2');\n"
    "  script_xref(name:'URL', csv:'u1, u2');\n"
    "  script_require_udp_ports(161);\n"
    "  script_exclude_keys('x/y');\n"
    "  script_require_keys('k1', 'k2');\n"
    "  script_add_preference(name:'P', type:'checkbox', value:'no');\n"
    "  script_add_preference(name:'Q', type:'entry', value:'007', id:1);\n"
    "  exit(0);\n"
    "}\n"
    "display(script_get_preference('P'), ' ', script_get_preference(id:1), ' ',"
    " typeof(script_get_preference('Q')), ' ', get_script_oid());\n";
  assert_null (nasl_script_meta_get (f->st, "m.nasl"));
  assert_int_equal (env_run (f, "m.nasl", src, 0), NASL_OK);
  assert_null (nasl_script_meta_get (f->st, "m.nasl")); /* no-ops outside description mode */
  assert_int_equal (env_run (f, "m.nasl", src, NASL_RUN_DESCRIPTION), NASL_OK);
  assert_string_equal (f->diag->str,
                       "m.nasl:13: script_add_preference: preference id 1 already exists\n");
  const nasl_script_meta *m = nasl_script_meta_get (f->st, "m.nasl");
  assert_non_null (m);
  assert_string_equal (m->oid, "1.3.6.1.4.1.25623.1.0.1");
  assert_string_equal (m->name, "Meta");
  assert_string_equal (m->family, "Fam");
  assert_int_equal (m->category, 4);
  assert_string_equal (nasl_script_category_name (m->category), "ACT_ATTACK");
  assert_int_equal (m->timeout, 30);
  assert_string_equal (m->cves[1], "CVE-2");
  assert_null (m->cves[2]);
  assert_int_equal (m->nxrefs, 2);
  assert_string_equal (m->xrefs[1].value, "u2");
  assert_string_equal (m->required_udp_ports[0], "161");
  assert_string_equal (m->excluded_keys[0], "x/y");
  assert_string_equal (m->required_keys[1], "k2");
  assert_int_equal (m->nprefs, 1);
  assert_int_equal (m->prefs[0].id, 1);

  g_string_truncate (f->out, 0);
  assert_int_equal (env_run (f, "m.nasl", src, 0), NASL_OK);
  assert_string_equal (f->out->str, "no no undef 1.3.6.1.4.1.25623.1.0.1");

  /* operator values win; all-digit values that round-trip become ints */
  nasl_set_script_preference (f->st, "P", "17");
  g_string_truncate (f->out, 0);
  assert_int_equal (env_run (f, "m.nasl",
                             "p = script_get_preference('P');"
                             "display(p, ' ', typeof(p));", 0), NASL_OK);
  assert_string_equal (f->out->str, "17 int");
  nasl_set_script_preference (f->st, "P", "017");
  g_string_truncate (f->out, 0);
  assert_int_equal (env_run (f, "m.nasl",
                             "p = script_get_preference('P');"
                             "display(p, ' ', typeof(p));", 0), NASL_OK);
  assert_string_equal (f->out->str, "017 data");

  char *text = nasl_script_meta_text (f->st, "m.nasl");
  assert_true (g_str_has_prefix (text, "file: m.nasl\noid: 1.3.6.1.4.1.25623.1.0.1\n"));
  g_free (text);
  nasl_script_meta_reset (f->st, "m.nasl");
  assert_null (nasl_script_meta_get (f->st, "m.nasl"));
}

static void
test_preference_file_content (void **state)
{
  env_fixture *f = *state;
  char *dir = g_dir_make_tmp ("nasl-kb-XXXXXX", NULL);
  char *path = g_build_filename (dir, "pref.txt", NULL);
  assert_true (g_file_set_contents (path, "line1\nline2\n", -1, NULL));
  nasl_set_script_preference (f->st, "Upload", path);
  assert_int_equal (env_run (f, "f.nasl",
                             "c = script_get_preference_file_content('Upload');"
                             "display(strlen(c), ' ', typeof(c), ' ',"
                             " typeof(script_get_preference_file_content('Nothing')));", 0),
                    NASL_OK);
  assert_string_equal (f->out->str, "12 data undef");
  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_add_get_order_and_dedup),
    cmocka_unit_test (test_int_and_string_differ),
    cmocka_unit_test (test_binary_values),
    cmocka_unit_test (test_first_text),
    cmocka_unit_test (test_replace_and_remove),
    cmocka_unit_test (test_foreach_sorted_glob),
    cmocka_unit_test (test_glob),
    cmocka_unit_test (test_limits),
    cmocka_unit_test (test_bad_names),
    cmocka_unit_test (test_journal_replay),
    cmocka_unit_test_setup_teardown (test_public_kb_api, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown (test_kb_builtin_errors, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown (test_get_kb_list, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown (test_reports, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown (test_script_metadata, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown (test_preference_file_content, env_setup, env_teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_eval.c: the evaluator end to end: snippets through nasl_run_buffer, exact output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>

#include "nasl.h"
#include "state.h"
#include "eval.h"
#include "secrets.h"

typedef struct capture {
  GString *out;
  GString *diag;
} capture;

static void
cap_out (void *ud, const char *bytes, size_t len)
{
  g_string_append_len (((capture *) ud)->out, bytes, (gssize) len);
}

static void
cap_diag (void *ud, const char *text)
{
  g_string_append (((capture *) ud)->diag, text);
  g_string_append_c (((capture *) ud)->diag, '\n');
}

/* p(...): prints its arguments' text (data as is), no escapes: independent
** of the string family. */
static nasl_value
test_p (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  size_t i, n = nasl_arg_count (call), len;

  for (i = 0; i < n; i++)
    {
      const char *s = nasl_arg_pos_str (call, i, &len);
      if (s != NULL)
        state_output (st, s, len);
    }
  return NASL_NULL;
}

/* need(a:, b:?) returns a. */
static nasl_value
test_need (nasl_call *call)
{
  return nasl_value_copy (nasl_arg (call, "a"));
}

static const nasl_builtin test_builtins[] = {
  { "p", test_p, 0, -1, "" },
  { "need", test_need, 0, 0, "a:x b:i?" },
  NASL_BUILTIN_END
};

typedef struct fixture {
  nasl_state *st;
  capture cap;
} fixture;

static int
setup (void **state)
{
  fixture *f = g_new0 (fixture, 1);
  char *err = NULL;

  f->st = nasl_state_new ();
  f->cap.out = g_string_new (NULL);
  f->cap.diag = g_string_new (NULL);
  nasl_set_output (f->st, cap_out, &f->cap);
  nasl_set_diag (f->st, cap_diag, &f->cap);
  assert_int_equal (nasl_register_builtins (f->st, test_builtins, &err), 0);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  fixture *f = *state;

  nasl_state_free (f->st);
  g_string_free (f->cap.out, TRUE);
  g_string_free (f->cap.diag, TRUE);
  g_free (f);
  return 0;
}

static nasl_status
run (fixture *f, const char *src)
{
  g_string_truncate (f->cap.out, 0);
  g_string_truncate (f->cap.diag, 0);
  return nasl_run_buffer (f->st, "t.nasl", src, strlen (src), 0);
}

#define ASSERT_OUT(f, src, want)                                                      \
  do                                                                                  \
    {                                                                                 \
      nasl_status rc_ = run ((f), (src));                                            \
      if (strcmp ((f)->cap.out->str, (want)) != 0)                                    \
        print_error ("diagnostics:\n%s", (f)->cap.diag->str);                         \
      assert_int_equal (rc_, NASL_OK);                                                \
      assert_string_equal ((f)->cap.out->str, (want));                                \
    }                                                                                 \
  while (0)

static void
test_arith_quirks (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f, "p(1+2*3, ' ', 7/0, ' ', 7%0, ' ', 2**10, ' ', 2**64, ' ', 2**-1);", "7 0 0 1024 0 0");
  ASSERT_OUT (f, "p(-1 >>> 0, ' ', 0xFFFFFFFF >>> 1, ' ', -5 >>> 2);", "-1 2147483647 1073741822");
  ASSERT_OUT (f, "p(\"017\" + 0, ' ', \"017\" * 1, ' ', \"0x1f\" * 1, ' ', \"42\" - 2, ' ', -\"0x10\", ' ', ~NULL);",
              "0170 15 31 4 -16 -1");
  ASSERT_OUT (f, "a[0] = \"5\"; a[0] += 1; p(a[0]);", "51");
  ASSERT_OUT (f, "x = 4294967296; x++; p(x, ' '); y = 2147483647; y += 1; p(y);", "1 2147483648");
  ASSERT_OUT (f, "s = \"41\"; s++; t = \"abc\"; t++; p(s, ' ', t);", "42 1");
  ASSERT_OUT (f, "p(NULL + 5, ' ', \"x\" + NULL, ' ', typeof(NULL + NULL), ' ', NULL - 3);", "5 x undef -3");
  ASSERT_OUT (f, "p(\"abcabc\" - \"b\", ' ', typeof(\"x\" + 'y'), ' ', typeof(1 + \"a\"), ' ', 1 + \"a\");",
              "acabc data string 1a");
  ASSERT_OUT (f, "i = 5; p(i++, ' ', i, ' ', ++i, ' ', i--, ' ', --i);", "5 6 7 7 5");
  ASSERT_OUT (f, "p((1 << 40) >> 1, ' ', 1 << 40);", "0 1099511627776");
}

static void
test_compare_and_match (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f, "p(5 <= \"49\", 100 > \"99\", 0 == \"\", NULL == \"0\", \"1\" == 1, 10 < \"9\");", "000011");
  ASSERT_OUT (f, "p(\"\" >!< \"\", NULL >< \"x\", \"1\" >< 123, \"b\" >< \"abc\", \"z\" >!< \"abc\");", "01111");
  ASSERT_OUT (f, "p(\"ABC\" =~ \"^abc$\", ' ', 'a\\0b' =~ \"b\", ' ', NULL =~ \"^$\", ' ', \"x\" !~ \"y\");",
              "1 0 1 1");
  ASSERT_OUT (f, "a = make_list(1); p(a == 5, NULL == a);", "10");
  assert_non_null (strstr (f->cap.diag->str, "does not make sense"));
  ASSERT_OUT (f, "p(0 && x(), 1 || x(), !0, !\"0\", 2 && \"a\");", "01101");
}

static void
test_scoping (void **state)
{
  fixture *f = *state;

  /* dynamic scoping: a callee sees and changes its caller's locals */
  ASSERT_OUT (f,
              "function g() { x = x + 1; }\n"
              "function f() { local_var x; x = 10; g(); return x; }\n"
              "x = 1; p(f(), ' ', x);",
              "11 1");
  /* omitted declared parameter falls through to the caller's variable */
  ASSERT_OUT (f, "function f(a) { return a; } a = 'outer'; p(f(), ' ', f(a:'in'));", "outer in");
  /* named argument with NULL shadows */
  ASSERT_OUT (f, "function f(a) { return typeof(a); } a = 1; p(f(a:NULL));", "undef");
  /* positional arguments only through _FCT_ANON_ARGS */
  ASSERT_OUT (f,
              "function f(a) { return _FCT_ANON_ARGS[1] + typeof(a) + max; }\n"
              "max = '!'; p(f(1, 'two'), typeof(_FCT_ANON_ARGS), typeof(_FCT_ANON_ARGS[0]));",
              "twoundef!arrayundef");
  /* global_var and blocks are not scopes */
  ASSERT_OUT (f, "function f() { global_var g; g = 5; } f(); if (1) { local_var b; b = 2; } p(g, b);", "52");
  /* predefined names exist in every context */
  ASSERT_OUT (f, "function f() { TRUE = 7; return TRUE; } p(f(), TRUE, FALSE, ACT_DENIAL, typeof(NULL));",
              "7107undef");
}

static void
test_functions (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f, "x = f(); function f() { return 1; } p(typeof(x), f());", "undef1");
  assert_non_null (strstr (f->cap.diag->str, "t.nasl:1: Undefined function 'f'"));
  ASSERT_OUT (f, "function f() { return 1; } function f() { return 2; } p(f());", "1");
  assert_non_null (strstr (f->cap.diag->str, "already defined"));
  ASSERT_OUT (f, "function strlen() { return 2; } p(defined_func('strlen'), defined_func('nope'));", "10");
  ASSERT_OUT (f, "function fact(n) { if (n <= 1) return 1; return n * fact(n: n - 1); } p(fact(n:10));",
              "3628800");
  ASSERT_OUT (f, "function f() { p('a'); return; p('b'); } x = f(); p(typeof(x));", "aundef");
  ASSERT_OUT (f, "function f() { p('x'); } f() x 3; f() x 0;", "xxx");
  ASSERT_OUT (f, "function f() { break; p('no'); } for (i = 0; i < 2; i++) { f(); p(i); }", "01");
  ASSERT_OUT (f, "function f(a) { return a; } p(f(a:1, a:2));", "");
  assert_non_null (strstr (f->cap.diag->str, "Cannot add existing variable a"));
}

static void
test_control (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f, "for (i = 0; i < 5; i++) { if (i == 1) continue; if (i == 3) break; p(i); }", "02");
  ASSERT_OUT (f, "i = 0; repeat { p(i); i++; } until (i >= 3);", "012");
  ASSERT_OUT (f, "i = 0; while (i < 3) p(i++);", "012");
  ASSERT_OUT (f, "for (i = 0; u; i++) p('x'); p('done');", "done");
  ASSERT_OUT (f, "foreach v (5) p(v); foreach v (NULL) p(v); p('ok');", "ok");
  ASSERT_OUT (f, "p('a'); return; p('b');", "a");
  ASSERT_OUT (f, "p('a'); break; p('b');", "a");
}

static void
test_exit_and_on_exit (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f,
              "function on_exit() { p('bye'); }\n"
              "function deep(n) { if (n == 0) exit(3); deep(n: n - 1); p('never'); }\n"
              "p('start '); deep(n:5); p('never');",
              "start bye");
  ASSERT_OUT (f, "p(exit(0)); p('x');", "");
  ASSERT_OUT (f, "if (description) p('d'); p(COMMAND_LINE, SCRIPT_NAME, typeof(SCRIPT_NAME));", "1t.nasldata");
  g_string_truncate (f->cap.out, 0);
  {
    const char *src = "if (description) { p('D'); exit(0); } p('R');";
    assert_int_equal (nasl_run_buffer (f->st, "dir/x.nasl", src, strlen (src), NASL_RUN_DESCRIPTION),
                      NASL_OK);
  }
  assert_string_equal (f->cap.out->str, "D");
}

static void
test_arrays (void **state)
{
  fixture *f = *state;

  /* assignment copies; foreach walks values in OpenVAS order */
  ASSERT_OUT (f, "a = make_list(1, 2); b = a; b[0] = 9; p(a[0], b[0]);", "19");
  ASSERT_OUT (f, "a['c'] = 1; a['ba'] = 2; foreach v (a) p(v); b = a; foreach v (b) p(v);", "1221");
  ASSERT_OUT (f, "x = v[3]; p(typeof(v), typeof(x));", "arrayundef");
  ASSERT_OUT (f, "a[1] = 'i'; a['1'] = 's'; p(a[1], a['1']);", "is");
  ASSERT_OUT (f, "s = 'abc'; p(s[1], typeof(s[1]), '[', s[5], ']');", "bdata[]");
  ASSERT_OUT (f, "a[-1] = 5; p(typeof(a[-1]));", "undef");
  assert_non_null (strstr (f->cap.diag->str, "Negative integer index"));
  ASSERT_OUT (f, "a = ['k' => 1, 2, 'j' => 'v']; p(a['k'], a[0], a['j']);", "12v");
  ASSERT_OUT (f, "a = make_list(1, 'x'); a['k'] = 'v'; p('' + a);", "[ 0: 1, 1: 'x', k: 'v' ]");
  ASSERT_OUT (f, "function f() { local_var l; l['a'] = 1; return l; } r = f(); p(r['a']);", "1");
  ASSERT_OUT (f, "s = 'xyz'; p(s[u]);", "x");
  ASSERT_OUT (f, "a = make_list(1); b[0] = a; c = b; c[0] = 5; p(typeof(b[0]), c[0]);", "array5");
}

static void
test_nesting_limit (void **state)
{
  fixture *f = *state;

  assert_int_equal (run (f, "a = make_list(); for (i = 0; i < 100000; i++) { b = NULL; b[0] = a; a = b; }"),
                    NASL_ERR_RUN);
  assert_non_null (strstr (f->cap.diag->str, "arrays nested too deep"));
  ASSERT_OUT (f, "a = make_list(); for (i = 0; i < 50; i++) { b = NULL; b[0] = a; a = b; } p(typeof(a[0]));",
              "array");
}

static void
test_builtin_params (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f, "x = need(b:1); p(typeof(x));", "undef");
  assert_string_equal (f->cap.diag->str, "t.nasl:1: need: missing argument 'a'\n");
  ASSERT_OUT (f, "p(need(a:'ok', unknown:1));", "ok");
  assert_string_equal (f->cap.diag->str, "");
}

static void
test_status_codes (void **state)
{
  fixture *f = *state;

  assert_int_equal (run (f, "x = ;"), NASL_ERR_SYNTAX);
  assert_int_equal (run (f, "include('does-not-exist.inc');"), NASL_ERR_LOAD);
  assert_int_equal (nasl_run_file (f->st, "/nonexistent/x.nasl", 0), NASL_ERR_LOAD);
  assert_int_equal (nasl_run_buffer (f->st, "t", "p('x');", 7, NASL_RUN_PARSE_ONLY), NASL_OK);
  assert_int_equal (nasl_run_buffer (f->st, "t", "nope();", 7, NASL_RUN_LINT), NASL_ERR_RUN);
  /* a depth limit well below what the C stack allows, so that the call
  ** depth and not the stack guard stops it (sanitizer builds have bigger
  ** frames: at the default 2000 the stack guard may come first) */
  unsigned saved_depth = f->st->max_call_depth;
  f->st->max_call_depth = 200;
  assert_int_equal (run (f, "function r() { r(); } r();"), NASL_ERR_RUN);
  assert_non_null (strstr (f->cap.diag->str, "maximum call depth (200)"));
  f->st->max_call_depth = saved_depth;
  /* a hard error stops the script without running on_exit */
  assert_int_equal (run (f, "function on_exit() { p('x'); } function r() { r(); } r(); p('y');"),
                    NASL_ERR_RUN);
  assert_string_equal (f->cap.out->str, "");
  f->st->step_budget = 1000;
  assert_int_equal (run (f, "while (1) ;"), NASL_ERR_RUN);
  assert_non_null (strstr (f->cap.diag->str, "step budget"));
  f->st->step_budget = 0;
  f->st->max_string = 1000;
  assert_int_equal (run (f, "s = 'x'; while (1) s += s;"), NASL_ERR_RUN);
  assert_non_null (strstr (f->cap.diag->str, "string too long"));
  f->st->max_string = NASL_MAX_STRING;
  /* the state is reusable after errors; variables start fresh */
  ASSERT_OUT (f, "p(typeof(s));", "undef");
}

/* The step budget counts every loop turn, even of an empty body. */
static void
test_step_budget_counts_empty_loops (void **state)
{
  fixture *f = *state;
  static const char *const loops[] = {
    "while (1) {}", "for (;1;) {}", "repeat {} until (0);",
    "l = make_list(1); while (1) foreach i (l) {}", "while (1) { {} }",
  };

  f->st->step_budget = 1000;
  for (size_t i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      assert_int_equal (run (f, loops[i]), NASL_ERR_RUN);
      assert_string_equal (f->cap.diag->str, "t.nasl:1: step budget of 1000 exhausted\n");
      assert_int_equal (nasl_timed_out (f->st), 0);
    }
  f->st->step_budget = 0;
}

/* nasl_set_timeout / nasl_timed_out: the embedding API of the time limit. */
static void
test_time_limit (void **state)
{
  fixture *f = *state;
  const char *descr = "if (description) { script_oid('1.2.3'); script_timeout(1); exit(0); }\n"
                      "while (1) {}";

  nasl_set_timeout (f->st, 1);
  assert_int_equal (run (f, "p('a');\nwhile (1) {}\np('b');"), NASL_ERR_RUN);
  assert_string_equal (f->cap.out->str, "a");
  assert_string_equal (f->cap.diag->str, "t.nasl:2: script timed out after 1 s\n");
  assert_int_equal (nasl_timed_out (f->st), 1);
  /* the next run starts with a fresh limit and a cleared flag */
  ASSERT_OUT (f, "p('c');", "c");
  assert_int_equal (nasl_timed_out (f->st), 0);
  /* other hard errors are not timeouts */
  assert_int_equal (run (f, "function r() { r(); } r();"), NASL_ERR_RUN);
  assert_int_equal (nasl_timed_out (f->st), 0);

  /* script_timeout() recorded by the description pass beats the default */
  nasl_set_timeout (f->st, 0);
  assert_int_equal (nasl_run_buffer (f->st, "d.nasl", descr, strlen (descr), NASL_RUN_DESCRIPTION),
                    NASL_OK);
  g_string_truncate (f->cap.diag, 0);
  assert_int_equal (nasl_run_buffer (f->st, "d.nasl", descr, strlen (descr), 0), NASL_ERR_RUN);
  assert_string_equal (f->cap.diag->str, "d.nasl:2: script timed out after 1 s\n");
  assert_int_equal (nasl_timed_out (f->st), 1);
  nasl_set_timeout (f->st, NASL_DEFAULT_TIMEOUT);
}

static bool
under_valgrind (void)
{
  const char *preload = getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "vgpreload") != NULL;
}

/* Matches that may be costly run in a limited child: the limits stop them
** with a diagnostic and NULL instead of hanging or eating memory. */
static void
test_regex_limits (void **state)
{
  fixture *f = *state;
  const char *slow = "r = ereg(string:crap(data:'a', length:40) + 'b', pattern:\"((a*)*\\2)*\\1\");"
                     "p(typeof(r));";
  const char *big = "r = ereg(string:crap(data:'a', length:3000) + 'b', pattern:\"(a*)*\\1\");"
                    "p(typeof(r));";

  f->st->max_regex_ms = 60000;
  ASSERT_OUT (f, "if ('xx' =~ \"((x*)*\\2)*\\1\") p('y'); else p('n');", "y");
  f->st->max_regex_ms = 300;
  ASSERT_OUT (f, slow, "undef");
  assert_string_equal (f->cap.diag->str, "t.nasl:1: ereg: match stopped: it took longer than 0.3 s\n");
  ASSERT_OUT (f, "p(typeof(crap(data:'a', length:40) + 'b' =~ \"((a*)*\\2)*\\1\"));", "undef");
  assert_string_equal (f->cap.diag->str,
                       "t.nasl:1: =~ \"((a*)*\\2)*\\1\": match stopped: it took longer than 0.3 s\n");

  f->st->max_regex_ms = 60000;
  f->st->max_regex_mem = 16 << 20;
  /* Under valgrind the child's failing allocations run into glibc's own
  ** error paths (a double free in regexec, a stack that cannot grow), which
  ** valgrind reports from the child: the answer is the same, the log not. */
  if (!under_valgrind ())
    {
      ASSERT_OUT (f, big, "undef");
      assert_non_null (strstr (f->cap.diag->str,
                               "t.nasl:1: ereg: match stopped: it needed more than 16 MiB of memory"));
    }
  /* back-references that stay within the limits give the same answers */
  ASSERT_OUT (f, "m = eregmatch(string:'xabcabcy', pattern:\"(abc)\\1\"); p(m[0], ' ', m[1], ' ',"
                 "ereg(string:'xyzxy', pattern:\"(xy).*\\1\"), ' ',"
                 "ereg_replace(string:'aa bb cd', pattern:\"(.)\\1\", replace:\"<\\1>\"));",
              "abcabc abc 1 <a> <b> cd");
  assert_string_equal (f->cap.diag->str, "");
  f->st->max_regex_ms = 0;
  f->st->max_regex_mem = 0;
}

/* Which limit a run gets (OpenVAS's plugin_timeout order). */
static void
test_timeout_resolution (void **state)
{
  fixture *f = *state;
  const char *gather = "script_oid('1.2.3'); script_category(ACT_GATHER_INFO); script_timeout(7);";
  const char *scanner = "script_oid('1.2.4'); script_category(ACT_SCANNER);";
  const char *plain = "script_oid('1.2.5'); script_category(ACT_GATHER_INFO);";

  assert_int_equal (state_script_timeout (f->st, "unknown.nasl"), NASL_DEFAULT_TIMEOUT);
  assert_int_equal (nasl_run_buffer (f->st, "g.nasl", gather, strlen (gather), NASL_RUN_DESCRIPTION),
                    NASL_OK);
  assert_int_equal (nasl_run_buffer (f->st, "s.nasl", scanner, strlen (scanner), NASL_RUN_DESCRIPTION),
                    NASL_OK);
  assert_int_equal (nasl_run_buffer (f->st, "p.nasl", plain, strlen (plain), NASL_RUN_DESCRIPTION),
                    NASL_OK);
  assert_int_equal (state_script_timeout (f->st, "g.nasl"), 7);
  assert_int_equal (state_script_timeout (f->st, "s.nasl"), NASL_SCANNER_TIMEOUT);
  assert_int_equal (state_script_timeout (f->st, "p.nasl"), NASL_DEFAULT_TIMEOUT);

  nasl_set_preference (f->st, "plugins_timeout", "30");
  nasl_set_preference (f->st, "scanner_plugins_timeout", "60");
  assert_int_equal (state_script_timeout (f->st, "g.nasl"), 7);
  assert_int_equal (state_script_timeout (f->st, "s.nasl"), 60);
  assert_int_equal (state_script_timeout (f->st, "p.nasl"), 30);

  nasl_set_script_preference (f->st, "0", "5");  /* the plugin preference 'timeout' */
  assert_int_equal (state_script_timeout (f->st, "g.nasl"), 5);
  assert_int_equal (state_script_timeout (f->st, "s.nasl"), 5);
  nasl_set_script_preference (f->st, "0", "-1"); /* negative: never stopped */
  assert_int_equal (state_script_timeout (f->st, "g.nasl"), 0);
  nasl_set_script_preference (f->st, "0", NULL);

  nasl_set_preference (f->st, "plugins_timeout", NULL);
  nasl_set_preference (f->st, "scanner_plugins_timeout", NULL);
  nasl_set_timeout (f->st, 0);
  assert_int_equal (state_script_timeout (f->st, "p.nasl"), 0);
  assert_int_equal (state_script_timeout (f->st, "s.nasl"), 0);
  assert_int_equal (state_script_timeout (f->st, "g.nasl"), 7);
  nasl_set_timeout (f->st, -5);
  assert_int_equal (state_script_timeout (f->st, "p.nasl"), 0);
  nasl_set_timeout (f->st, NASL_DEFAULT_TIMEOUT);
}

/* nasl_set_memory_limit: a run that keeps making memory stops. */
static void
test_memory_limit (void **state)
{
  fixture *f = *state;

  nasl_set_memory_limit (f->st, 64 << 20);
  assert_int_equal (run (f, "for (i = 0; i < 100; i++) a[i] = crap(length:10000000, data:'x');"
                            "p('never');"),
                    NASL_ERR_RUN);
  assert_string_equal (f->cap.out->str, "");
  assert_true (g_str_has_prefix (f->cap.diag->str, "t.nasl:1: memory limit of 64 MiB exceeded"));
  assert_int_equal (run (f, "for (i = 0; i < 100; i++) { c = make_list(); c[4000000] = i; a[i] = c; }"),
                    NASL_ERR_RUN);
  assert_true (g_str_has_prefix (f->cap.diag->str, "t.nasl:1: memory limit of 64 MiB exceeded"));
  assert_int_equal (run (f, "s = 'x'; for (i = 0; i < 40; i++) { s += s; t[i] = s + 'y'; }"),
                    NASL_ERR_RUN);
  assert_true (g_str_has_prefix (f->cap.diag->str, "t.nasl:1: memory limit of 64 MiB exceeded"));
  /* the memory a run freed is not held against the next one */
  ASSERT_OUT (f, "a = crap(length:20000000, data:'x'); p(strlen(a));", "20000000");
  nasl_set_memory_limit (f->st, NASL_MAX_MEMORY);
}

/* Which argument names carry secrets (the documented rule of secrets.h). */
static void
test_secret_names (void **state)
{
  fixture *f = *state;
  static const char *const secret[] = {
    "password", "passwd", "pass", "passphrase", "PASSWORD", "privatekey", "priv", "priv_key",
    "private_key", "key", "aes_key", "secret", "client_secret", "api_token", "community",
    "priv_pass", "authpass",
  };
  static const char *const plain[] = {
    "string", "pattern", "name", "keys", "keyword", "monkey", "data", "port", "user",
    "login", "value", "host", "cmd", "file", "type",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (secret); i++)
    if (!secret_arg_name (f->st, state_intern (f->st, secret[i])))
      fail_msg ("'%s' should be a secret name", secret[i]);
  for (size_t i = 0; i < G_N_ELEMENTS (plain); i++)
    if (secret_arg_name (f->st, state_intern (f->st, plain[i])))
      fail_msg ("'%s' should not be a secret name", plain[i]);
}

static void
test_string_building (void **state)
{
  fixture *f = *state;

  ASSERT_OUT (f, "s = ''; for (i = 0; i < 5; i++) s += i; t = s; s = s + 'x'; p(s, ' ', t, ' ', typeof(s));",
              "01234x 01234 data");
  ASSERT_OUT (f, "s = \"a\"; s += 'b'; p(typeof(s)); s = s + 1; p(s);", "dataab1");
}

static int destroy_order[4];
static int destroy_count;

static void
record_destroy (void *p)
{
  destroy_order[destroy_count++] = GPOINTER_TO_INT (p);
}

static void
test_state_data_and_registry (void **state)
{
  nasl_state *st = nasl_state_new ();
  char *err = NULL;
  static const nasl_builtin clash[] = {
    { "fresh_one", test_p, 0, -1, "" },
    { "typeof", test_p, 0, -1, "" },
    NASL_BUILTIN_END
  };
  static const nasl_builtin own[] = { { "mod_fn", test_p, 0, -1, "" }, NASL_BUILTIN_END };

  (void) state;
  nasl_state_set_data (st, "a", GINT_TO_POINTER (1), record_destroy);
  nasl_state_set_data (st, "b", GINT_TO_POINTER (2), record_destroy);
  nasl_state_set_data (st, "a", GINT_TO_POINTER (3), record_destroy); /* destroys 1 */
  assert_int_equal (GPOINTER_TO_INT (nasl_state_get_data (st, "a")), 3);
  assert_null (nasl_state_get_data (st, "zz"));

  assert_int_equal (state_add_builtins (st, clash, "mymod", NULL, &err), -1);
  assert_string_equal (err, "builtin 'typeof' of module 'mymod' is already defined by 'core'");
  g_free (err);
  assert_null (state_find_builtin (st, state_intern (st, "fresh_one"))); /* all or nothing */
  assert_int_equal (state_add_builtins (st, own, "mymod", NULL, &err), 0);
  assert_non_null (state_find_builtin (st, state_intern (st, "mod_fn")));
  state_remove_builtins (st, "mymod");
  assert_null (state_find_builtin (st, state_intern (st, "mod_fn")));

  nasl_state_free (st);
  assert_int_equal (destroy_count, 3);
  assert_int_equal (destroy_order[0], 1);
  assert_int_equal (destroy_order[1], 2); /* reverse order of first set: b, then a */
  assert_int_equal (destroy_order[2], 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_arith_quirks, setup, teardown),
    cmocka_unit_test_setup_teardown (test_compare_and_match, setup, teardown),
    cmocka_unit_test_setup_teardown (test_scoping, setup, teardown),
    cmocka_unit_test_setup_teardown (test_functions, setup, teardown),
    cmocka_unit_test_setup_teardown (test_control, setup, teardown),
    cmocka_unit_test_setup_teardown (test_exit_and_on_exit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_arrays, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nesting_limit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_builtin_params, setup, teardown),
    cmocka_unit_test_setup_teardown (test_status_codes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_step_budget_counts_empty_loops, setup, teardown),
    cmocka_unit_test_setup_teardown (test_time_limit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_regex_limits, setup, teardown),
    cmocka_unit_test_setup_teardown (test_secret_names, setup, teardown),
    cmocka_unit_test_setup_teardown (test_memory_limit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_timeout_resolution, setup, teardown),
    cmocka_unit_test_setup_teardown (test_string_building, setup, teardown),
    cmocka_unit_test (test_state_data_and_registry),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

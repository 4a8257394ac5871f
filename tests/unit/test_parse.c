/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_parse.c: unit tests of the NASL parser, AST dump and include resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "parse.h"
#include "readfile.h"

#include <sys/stat.h>
#include <unistd.h>

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

/* A parse environment plus the diagnostics it produced. */
typedef struct fixture {
  GStringChunk *names;
  parse_env env;
  GPtrArray *msgs;      /* "E text" / "W text" */
  inc_cache *cache;
  char *incdir;         /* tests/unit/inc */
  char *dirs[2];
} fixture;

static void
collect (void *ud, parse_severity sev, const ast_loc *loc, const char *text)
{
  fixture *f = ud;

  assert_non_null (loc);
  g_ptr_array_add (f->msgs, g_strdup_printf ("%c %s", sev == PARSE_ERROR ? 'E' : 'W', text));
}

static const char *
srcdir (void)
{
  const char *d = g_getenv ("top_srcdir");

  return d && *d ? d : TEST_SRCDIR;
}

static int
setup (void **state)
{
  fixture *f = g_new0 (fixture, 1);

  f->names = g_string_chunk_new (1024);
  parse_env_init (&f->env, f->names);
  f->env.diag = collect;
  f->env.diag_ud = f;
  f->msgs = g_ptr_array_new_with_free_func (g_free);
  f->incdir = g_build_filename (srcdir (), "tests", "unit", "inc", NULL);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  fixture *f = *state;

  parse_env_clear (&f->env);
  inc_cache_free (f->cache);
  g_string_chunk_free (f->names);
  g_ptr_array_free (f->msgs, TRUE);
  g_free (f->incdir);
  g_free (f->dirs[0]);
  g_free (f->dirs[1]);
  g_free (f);
  return 0;
}

/* Sets up include search: main dir inc/main, -i inc/dir1 inc/dir2, shared cache. */
static void
use_includes (fixture *f)
{
  inc_cache_free (f->cache);
  f->cache = inc_cache_new ();
  f->env.includes = f->cache;
  f->env.main_dir = NULL;
  g_free (f->dirs[0]);
  g_free (f->dirs[1]);
  f->dirs[0] = g_build_filename (f->incdir, "dir1", NULL);
  f->dirs[1] = g_build_filename (f->incdir, "dir2", NULL);
  f->env.include_dirs = (const char *const *) f->dirs;
  f->env.n_include_dirs = 2;
}

static char *
program_dump (const ast_program *p)
{
  GString *out = g_string_new (NULL);

  for (size_t i = 0; i < p->body->u.block.n; i++)
    {
      if (i)
        g_string_append_c (out, '\n');
      ast_dump (out, p->body->u.block.stmts[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
all_msgs (const fixture *f)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < f->msgs->len; i++)
    g_string_append_printf (out, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (f->msgs, i));
  return g_string_free (out, FALSE);
}

/* Parses 'src' that must be accepted, checks its dump. */
static void
assert_parses_to (fixture *f, const char *src, const char *want)
{
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  char *got;

  if (!p)
    {
      char *m = all_msgs (f);
      fail_msg ("'%s' rejected: %s", src, m);
    }
  assert_int_equal (f->env.errors, 0);
  assert_int_equal (f->env.status, PARSE_OK);
  got = program_dump (p);
  if (strcmp (got, want) != 0)
    fail_msg ("'%s'\n  got:  %s\n  want: %s", src, got, want);
  g_free (got);
  ast_program_free (p);
}

/* The dump of expression 'e' (parsed as 'z = e;'). */
static void
assert_expr (fixture *f, const char *e, const char *want)
{
  char *src = g_strdup_printf ("z = %s;", e);
  char *full = g_strdup_printf ("(= z %s)", want);

  assert_parses_to (f, src, full);
  g_free (src);
  g_free (full);
}

/* 'src' must be rejected; returns the diagnostics (g_free). */
static char *
rejected (fixture *f, const char *src, size_t len)
{
  ast_program *p;

  g_ptr_array_set_size (f->msgs, 0);
  p = parse_buffer (&f->env, "t.nasl", src, len);
  if (p)
    {
      char *d = program_dump (p);
      fail_msg ("'%s' accepted as %s", src, d);
    }
  assert_true (f->env.errors > 0);
  assert_int_not_equal (f->env.status, PARSE_OK);
  return all_msgs (f);
}

static void
assert_rejected (fixture *f, const char *src)
{
  g_free (rejected (f, src, strlen (src)));
  if (!strstr (src, "include"))  /* include() also fails to load its file */
    assert_int_equal (f->env.status, PARSE_ERR_SYNTAX);
}

/* The first diagnostic of a rejected source must be exactly 'want'. */
static void
assert_error (fixture *f, const char *src, const char *want)
{
  char *m = rejected (f, src, strlen (src));

  assert_true (f->msgs->len > 0);
  if (strcmp (g_ptr_array_index (f->msgs, 0), want) != 0)
    fail_msg ("'%s'\n  got:  %s\n  want: %s", src, (char *) g_ptr_array_index (f->msgs, 0), want);
  g_free (m);
}

/* ------------------------------------------------------------------ */

static void
test_literals (void **state)
{
  fixture *f = *state;

  assert_expr (f, "42", "42");
  assert_expr (f, "017", "15");
  assert_expr (f, "0178", "178");
  assert_expr (f, "0xFFFFFFFFFFFFFFFF", "-1");
  assert_expr (f, "\"a\\n\"", "\"a\\\\n\"");   /* impure: backslash kept */
  assert_expr (f, "'a\\n'", "'a\\n'");        /* pure: real newline */
  assert_expr (f, "'a\\0b'", "'a\\x00b'");
  assert_expr (f, "1.2.3.4", "\"1.2.3.4\"");
  assert_expr (f, "010.0x10.3.4", "\"8.16.3.4\"");
  assert_expr (f, "1 . 2 . 3 . 4", "\"1.2.3.4\"");
  assert_expr (f, "[1, \"a\", 'b']", "[1, \"a\", 'b']");
  assert_expr (f, "[\"k\" => 1, 'j' => 'v', 3]", "[\"k\" => 1, 'j' => 'v', 3]");
  assert_expr (f, "[0x10]", "[16]");
}

static void
test_ipaddr_is_string (void **state)
{
  fixture *f = *state;
  const char *src = "z = 192.168.0.1;";
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  const ast_node *v;

  assert_non_null (p);
  v = p->body->u.block.stmts[0]->u.assign.value;
  assert_int_equal (v->kind, AST_STRING);
  assert_int_equal (v->u.str.len, 11);
  assert_string_equal (v->u.str.bytes, "192.168.0.1");
  ast_program_free (p);
}

static void
test_data_with_nul (void **state)
{
  fixture *f = *state;
  const char *src = "z = 'a\\0b\\x00';";
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  const ast_node *v;

  assert_non_null (p);
  v = p->body->u.block.stmts[0]->u.assign.value;
  assert_int_equal (v->kind, AST_DATA);
  assert_int_equal (v->u.str.len, 4);
  assert_memory_equal (v->u.str.bytes, "a\0b\0", 5);
  ast_program_free (p);
}

/* One test per precedence level of table 2.1, lowest to highest. */
static void
test_c_string_contexts (void **state)
{
  fixture *f = *state;
  const char *src = "z = ['k\\0j' => 'v\\0w'];";
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  const ast_elem *e;

  /* OpenVAS keeps array keys as C strings (cut at a NUL), values counted */
  assert_non_null (p);
  e = &p->body->u.block.stmts[0]->u.assign.value->u.array.elems[0];
  assert_int_equal (e->key->kind, AST_DATA);
  assert_int_equal (e->key->u.str.len, 1);
  assert_string_equal (e->key->u.str.bytes, "k");
  assert_int_equal (e->value->u.str.len, 3);
  ast_program_free (p);

  /* regex patterns too */
  assert_expr (f, "a =~ 'x\\0y'", "(=~ a \"x\")");
}

static void
test_precedence_levels (void **state)
{
  fixture *f = *state;

  /* 1: assignment, right-assoc, lowest; an assignment is an operand */
  assert_expr (f, "a = b = 1", "(= a (= b 1))");
  assert_expr (f, "a += b -= c *= d", "(+= a (-= b (*= c d)))");
  assert_expr (f, "1 + b = 2 + 3", "(+ 1 (= b (+ 2 3)))");
  assert_expr (f, "a = b || c", "(= a (|| b c))");
  assert_expr (f, "a /= b %= 2", "(/= a (%= b 2))");
  assert_expr (f, "a <<= b >>= c >>>= 1", "(<<= a (>>= b (>>>= c 1)))");
}

static void
test_precedence_binary (void **state)
{
  fixture *f = *state;

  /* 2 || < 3 && */
  assert_expr (f, "a || b && c", "(|| a (&& b c))");
  assert_expr (f, "a && b || c", "(|| (&& a b) c)");
  assert_expr (f, "a || b || c", "(|| (|| a b) c)");
  /* 3 && < 4 comparisons */
  assert_expr (f, "a && b == c", "(&& a (== b c))");
  assert_expr (f, "a < b && c >< d", "(&& (< a b) (>< c d))");
  /* 4 comparisons < 5 | : bitwise binds tighter than comparisons */
  assert_expr (f, "a == b | c", "(== a (| b c))");
  assert_expr (f, "a & 1 == 1", "(== (& a 1) 1)");
  assert_expr (f, "a >!< b ^ c", "(>!< a (^ b c))");
  /* 5 | < 6 ^ < 7 & */
  assert_expr (f, "a | b ^ c & d", "(| a (^ b (& c d)))");
  assert_expr (f, "a & b ^ c | d", "(| (^ (& a b) c) d)");
  /* 7 & < 8 shifts */
  assert_expr (f, "a & b << c", "(& a (<< b c))");
  assert_expr (f, "a >>> b | c", "(| (>>> a b) c)");
  /* 8 shifts < 9 + - */
  assert_expr (f, "a << b + c", "(<< a (+ b c))");
  assert_expr (f, "a - b >> c", "(>> (- a b) c)");
  /* 9 + - < 10 * / %, left-assoc */
  assert_expr (f, "a - b - c", "(- (- a b) c)");
  assert_expr (f, "a + b * c", "(+ a (* b c))");
  assert_expr (f, "a / b % c * d", "(* (% (/ a b) c) d)");
  assert_expr (f, "4-2", "(- 4 2)");
}

static void
test_precedence_unary (void **state)
{
  fixture *f = *state;

  /* 10 * < 11 ! : !a * b is (!a) * b, !a == b is (!a) == b */
  assert_expr (f, "!a * b", "(* (! a) b)");
  assert_expr (f, "!a == b", "(== (! a) b)");
  assert_expr (f, "a * !b + c", "(+ (* a (! b)) c)");
  assert_expr (f, "a + !b * c", "(+ a (* (! b) c))");
  /* 11 ! < 12 unary - ~ */
  assert_expr (f, "!-a", "(! (- a))");
  assert_expr (f, "-!a", "(- (! a))");
  assert_expr (f, "-a * b", "(* (- a) b)");
  assert_expr (f, "~a + 1", "(+ (~ a) 1)");
  assert_expr (f, "- -a", "(- (- a))");
  /* 12 unary - < 13 ** (right-assoc) */
  assert_expr (f, "-2 ** 2", "(- (** 2 2))");
  assert_expr (f, "2 ** 3 ** 2", "(** 2 (** 3 2))");
  assert_expr (f, "~a ** 2", "(~ (** a 2))");
  assert_expr (f, "!a ** b", "(! (** a b))");
  assert_expr (f, "a ** -b ** c", "(** a (- (** b c)))");
  assert_expr (f, "a * b ** c", "(* a (** b c))");
  /* 14 ++ -- */
  assert_expr (f, "-a++", "(- (post++ a))");
  assert_expr (f, "a++ ** 2", "(** (post++ a) 2)");
  assert_expr (f, "++a[i] + a--", "(+ (pre++ a[i]) (post-- a))");
  assert_expr (f, "a---b", "(- (post-- a) b)");
  assert_expr (f, "(a + b) * c", "(* (+ a b) c)");
}

static void
test_regex_match (void **state)
{
  fixture *f = *state;
  const char *src = "z = a =~ \"^ab.*C$\";";
  ast_program *p;
  const ast_node *m;

  assert_expr (f, "a =~ \"x\"", "(=~ a \"x\")");
  assert_expr (f, "a !~ 'x\\\\.'", "(!~ a \"x\\\\.\")");
  assert_expr (f, "a + b =~ \"x\" && c", "(&& (=~ (+ a b) \"x\") c)");
  p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  assert_non_null (p);
  m = p->body->u.block.stmts[0]->u.assign.value;
  assert_int_equal (m->kind, AST_REMATCH);
  assert_non_null (m->u.rematch.re);
  assert_false (m->u.rematch.negate);
  /* compiled case-insensitive, extended */
  assert_int_equal (regexec (m->u.rematch.re, "ABxxc", 0, NULL, 0), 0);
  assert_int_not_equal (regexec (m->u.rematch.re, "xab", 0, NULL, 0), 0);
  ast_program_free (p);
}

static void
test_statements (void **state)
{
  fixture *f = *state;

  assert_parses_to (f, ";", "(empty)");
  assert_parses_to (f, "{}", "(block)");
  assert_parses_to (f, "f();", "(call f)");
  assert_parses_to (f, "f(1, a:2, x:b);", "(call f 1 a:2 x:b)");
  assert_parses_to (f, "f(g(h()));", "(call f (call g (call h)))");
  assert_parses_to (f, "a[i+1] = 1;", "(= a[(+ i 1)] 1)");
  assert_parses_to (f, "a >>>= 2;", "(>>>= a 2)");
  assert_parses_to (f, "a++; --b[0];", "(post++ a)\n(pre-- b[0])");
  assert_parses_to (f, "send() x 200;", "(repeat-call (call send) 200)");
  assert_parses_to (f, "f(a) x n + 1;", "(repeat-call (call f a) (+ n 1))");
  assert_parses_to (f, "if (a) b(); else c();", "(if a (call b) (call c))");
  assert_parses_to (f, "if (a) if (b) c(); else d();", "(if a (if b (call c) (call d)))");
  assert_parses_to (f, "for (i = 0; i < 3; i++) f(i);",
                    "(for (= i 0) (< i 3) (post++ i) (call f i))");
  assert_parses_to (f, "for (; i; ) ;", "(for _ i _ (empty))");
  assert_parses_to (f, "for (f(); i; ++i) {}", "(for (call f) i (pre++ i) (block))");
  assert_parses_to (f, "while (i++ < 3) {}", "(while (< (post++ i) 3) (block))");
  assert_parses_to (f, "repeat i++; until i > 3;", "(repeat (post++ i) (> i 3))");
  assert_parses_to (f, "foreach k (keys(a)) { break; continue; }",
                    "(foreach k (call keys a) (block (break) (continue)))");
  assert_parses_to (f, "function f(a, b) { local_var c, d; global_var e; return a; }",
                    "(function f (a b) (block (local c d) (global e) (return a)))");
  assert_parses_to (f, "function g() { return; }", "(function g () (block (return)))");
  assert_parses_to (f, "function h() {}", "(function h () (block))");
  assert_parses_to (f, "local_var; global_var;", "(local)\n(global)");
  assert_parses_to (f, "if ((r = recv())) exit(0);", "(if (= r (call recv)) (call exit 0))");
  assert_parses_to (f, "a = b = 1;", "(= a (= b 1))");
}

static void
test_x_is_an_identifier (void **state)
{
  fixture *f = *state;

  assert_parses_to (f, "x = 5;", "(= x 5)");
  assert_parses_to (f, "function f(x) { return x * 2; }",
                    "(function f (x) (block (return (* x 2))))");
  assert_parses_to (f, "foreach x (l) f(x:x);", "(foreach x l (call f x:x))");
  assert_parses_to (f, "x[1] = x++;", "(= x[1] (post++ x))");
  assert_parses_to (f, "x(1) x x;", "(repeat-call (call x 1) x)");
}

static void
test_names_interned (void **state)
{
  fixture *f = *state;
  const char *src = "abc = 1; function g(abc) { return abc; } abc++;";
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  ast_node **s;

  assert_non_null (p);
  s = p->body->u.block.stmts;
  assert_ptr_equal (s[0]->u.assign.target->u.var.name, s[1]->u.func.params[0]);
  assert_ptr_equal (s[0]->u.assign.target->u.var.name,
                    s[1]->u.func.body->u.block.stmts[0]->u.ret.value->u.var.name);
  assert_ptr_equal (s[0]->u.assign.target->u.var.name, s[2]->u.incdec.target->u.var.name);
  assert_ptr_equal (s[0]->u.assign.target->u.var.name,
                    g_string_chunk_insert_const (f->names, "abc"));
  ast_program_free (p);
}

static void
test_locations (void **state)
{
  fixture *f = *state;
  const char *src = "a = 1;\n  if (b)\n    c = d + e;";
  ast_program *p = parse_buffer (&f->env, "dir/t.nasl", src, strlen (src));
  const ast_node *ifn, *add;

  assert_non_null (p);
  ifn = p->body->u.block.stmts[1];
  assert_string_equal (ifn->loc.file, "dir/t.nasl");
  assert_int_equal (ifn->loc.line, 2);
  assert_int_equal (ifn->loc.col, 3);
  add = ifn->u.if_.then_branch->u.assign.value;
  assert_int_equal (add->loc.line, 3);
  assert_int_equal (add->loc.col, 11);  /* the operator */
  assert_int_equal (add->u.binary.lhs->loc.col, 9);
  assert_int_equal (add->height, 2);
  ast_program_free (p);
}

static void
test_rejected_forms (void **state)
{
  fixture *f = *state;
  static const char *const bad[] = {
    /* 1: function only at top level, body is a block */
    "{ function f() {} }", "if (1) function f() {}", "while (1) function f() {}",
    "function f() return 1;", "function f(a b) {}", "function (a) {}",
    /* 2: for needs a condition */
    "for (;;) f();", "for (i = 0; ; i++) f();", "for (i + 1; i; ) ;",
    /* 3: local_var/global_var take bare names */
    "local_var a = 1;", "global_var a[1];", "local_var a, ;",
    /* 4: one-level subscripts on names */
    "a[1][2] = 1;", "z = a[1][2];", "f()[0];", "z = f()[0];", "z = (a)[0];",
    /* 5: array literal elements are literals, non-empty */
    "z = [];", "z = [a];", "z = [[1]];", "z = [-1];", "z = [\"k\" => a];", "z = [1,];",
    "z = [f()];", "z = [1 => 2];",
    /* 6: =~ needs a string literal that compiles */
    "z = a =~ b;", "z = a =~ \"[\";", "z = a !~ \"(\";", "z = a =~ 1;",
    /* 7: call targets are names */
    "z = (f)(1);", "z = a::b();", "z = a.b();",
    /* 8: no string repetition */
    "z = \"a\" x 3;", "f() x;",
    /* expression statements do not exist */
    "a + 1;", "1;", "\"s\";", "a;", "a[0];", "(a = 1);", "-a;",
    /* non-associative levels */
    "z = a < b < c;", "z = a == b != c;", "z = a << b >> c;", "z = a >< b =~ \"x\";",
    "z = a =~ \"x\" =~ \"y\";",
    /* increments need an lvalue */
    "z = 5--1;", "5++;", "++5;", "z = f()++;", "z = ++f();", "z = a++ ++;",
    /* stray operators and punctuation */
    "z = 1.5;", "z = 1.2.3;", "z = a ? b : c;", "z = @a;", "z = a => b;", "z = $;",
    "f(a:);", "f(,);", "f(a,);", "f(a b);", "z = ;", "{", "}", "{ z = 1; ", "if (a) ;else",
    "include(\"a.inc\")", "include(a);", "include();", "return return;", "z = 1",
    "if a f();", "z = 1; \xc3\xa9", "z = '\\d';", "z == 1;", "break", "x;",
    /* empty script */
    "", "  # only a comment\n",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_rejected (f, bad[i]);
}

static void
test_error_messages (void **state)
{
  fixture *f = *state;

  assert_error (f, "a = 1;\nb = ;\n", "E t.nasl:2:5: syntax error: unexpected ';', expected expression");
  assert_error (f, "z = 5--1;", "E t.nasl:1:6: syntax error: unexpected '--', expected ';'");
  assert_error (f, "for (;;) f();",
                "E t.nasl:1:7: syntax error: unexpected ';', expected expression");
  assert_error (f, "local_var a = 1;", "E t.nasl:1:13: syntax error: unexpected '=', expected ';'");
  assert_error (f, "if (1) {\n  function f() {}\n}",
                "E t.nasl:2:3: syntax error: function definitions are only allowed at top level");
  assert_error (f, "z = [];",
                "E t.nasl:1:6: syntax error: unexpected ']', expected integer or string literal");
  assert_error (f, "z = a =~ \"a[\";",
                "E t.nasl:1:10: bad regular expression \"a[\": Invalid regular expression");
  assert_error (f, "z = a < b < c;",
                "E t.nasl:1:11: syntax error: unexpected '<': comparison and shift operators "
                "do not chain (use parentheses)");
  assert_error (f, "z = 1 @ 2;", "E t.nasl:1:7: syntax error: unexpected character '@', expected ';'");
  assert_error (f, "z = 1;\xc3", "E t.nasl:1:7: syntax error: unexpected byte 0xc3, expected statement");
  assert_error (f, "z = 'a\\d';",
                "W t.nasl:1:7: warning: unknown escape sequence \\d ends the string");
  assert_error (f, "f(1", "E t.nasl:1:4: syntax error: unexpected end of input, expected ')'");
  assert_error (f, "\n\n", "E t.nasl:3:1: syntax error: empty script (at least one statement is needed)");
  assert_error (f, "x = foo bar;",
                "E t.nasl:1:9: syntax error: unexpected identifier 'bar', expected ';'");
}

static void
test_warnings (void **state)
{
  fixture *f = *state;
  const char *src = "z = 0x;\nw = a >!b;";
  ast_program *p;
  char *m;

  g_ptr_array_set_size (f->msgs, 0);
  p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  assert_non_null (p);  /* warnings do not stop the script */
  assert_int_equal (f->env.warnings, 2);
  assert_int_equal (f->env.errors, 0);
  m = all_msgs (f);
  assert_string_equal (m, "W t.nasl:1:5: warning: invalid token 0x parsed as 0\n"
                          "W t.nasl:2:7: warning: invalid token >!b parsed as >!<");
  g_free (m);
  m = program_dump (p);
  assert_string_equal (m, "(= z 0)\n(= w (>!< a b))");
  g_free (m);
  ast_program_free (p);
}

static void
test_errors_are_counted (void **state)
{
  fixture *f = *state;
  char *m = rejected (f, "a = ;\nb = 1;\nc = );\n{ d = ; }\ne();", 37);

  assert_int_equal (f->env.errors, 3);
  assert_int_equal (f->msgs->len, 3);
  assert_string_equal (g_ptr_array_index (f->msgs, 2),
                       "E t.nasl:4:7: syntax error: unexpected ';', expected expression");
  g_free (m);

  /* the count stops at PARSE_MAX_ERRORS */
  {
    GString *s = g_string_new (NULL);

    for (int i = 0; i < 500; i++)
      g_string_append (s, "a = ;\n");
    m = rejected (f, s->str, s->len);
    assert_int_equal (f->env.errors, PARSE_MAX_ERRORS + 1);
    g_free (m);
    g_string_free (s, TRUE);
  }
}

static void
test_nul_byte_ends_input (void **state)
{
  fixture *f = *state;
  static const char src[] = "a = 1;\0 garbage ( [";
  static const char in_string[] = "a = \"xy\0;\nb = 2;";
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, sizeof src - 1);
  char *d;

  assert_non_null (p);
  d = program_dump (p);
  assert_string_equal (d, "(= a 1)");
  g_free (d);
  ast_program_free (p);

  /* inside a token it only ends the token (openvas-nasl does the same) */
  p = parse_buffer (&f->env, "t.nasl", in_string, sizeof in_string - 1);
  assert_non_null (p);
  d = program_dump (p);
  assert_string_equal (d, "(= a \"xy\")\n(= b 2)");
  g_free (d);
  ast_program_free (p);
}

static GString *
repeated (const char *head, const char *unit, size_t n, const char *mid, const char *tail_unit,
          const char *tail)
{
  GString *s = g_string_new (head);

  for (size_t i = 0; i < n; i++)
    g_string_append (s, unit);
  g_string_append (s, mid);
  for (size_t i = 0; tail_unit && i < n; i++)
    g_string_append (s, tail_unit);
  g_string_append (s, tail);
  return s;
}

static void
assert_too_deep (fixture *f, GString *s)
{
  char *m = rejected (f, s->str, s->len);

  if (!strstr (m, "too deep"))
    fail_msg ("no depth error in: %.200s", m);
  assert_int_equal (f->env.status, PARSE_ERR_SYNTAX);
  g_free (m);
  g_string_free (s, TRUE);
}

static void
test_deep_nesting (void **state)
{
  fixture *f = *state;
  GString *s;
  ast_program *p;

  /* within the limit */
  s = repeated ("z = ", "(", 900, "1", ")", ";");
  p = parse_buffer (&f->env, "t.nasl", s->str, s->len);
  assert_non_null (p);
  ast_program_free (p);
  g_string_free (s, TRUE);

  /* past it: a clean error, never a stack overflow */
  assert_too_deep (f, repeated ("z = ", "(", 200000, "1", ")", ";"));
  assert_too_deep (f, repeated ("z = ", "- ", 200000, "1", NULL, ";"));
  assert_too_deep (f, repeated ("z = ", "! ~", 200000, "1", NULL, ";"));
  assert_too_deep (f, repeated ("z = ", "a = ", 200000, "1", NULL, ";"));
  assert_too_deep (f, repeated ("z = 2", " ** 2", 200000, "", NULL, ";"));
  assert_too_deep (f, repeated ("", "{", 200000, "", "}", ""));
  assert_too_deep (f, repeated ("", "if (1) ", 200000, ";", NULL, ""));
  assert_too_deep (f, repeated ("", "while (1) for (;1;) ", 200000, ";", NULL, ""));
  assert_too_deep (f, repeated ("z = 1", " + 1", 200000, "", NULL, ";"));  /* tree height */
  assert_too_deep (f, repeated ("z = f(", "f(", 200000, "", ")", ");"));
  assert_too_deep (f, repeated ("z = a[", "a[", 200000, "1", "]", "];"));
  assert_too_deep (f, repeated ("", "if (1) {} else ", 200000, ";", NULL, ""));

  /* a lower configured limit */
  f->env.max_depth = 10;
  assert_too_deep (f, repeated ("z = ", "(", 20, "1", ")", ";"));
  f->env.max_depth = 0;
}

static void
test_huge_input (void **state)
{
  fixture *f = *state;
  size_t n = 1024 * 1024;
  GString *s = g_string_sized_new (n + 64);
  ast_program *p;
  const ast_node *v;

  /* one 1 MB line: a string literal */
  g_string_append (s, "z = \"");
  for (size_t i = 0; i < n; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  g_string_append (s, "\";");
  p = parse_buffer (&f->env, "t.nasl", s->str, s->len);
  assert_non_null (p);
  v = p->body->u.block.stmts[0]->u.assign.value;
  assert_int_equal (v->u.str.len, n);
  ast_program_free (p);

  /* one 1 MB line of statements */
  g_string_truncate (s, 0);
  while (s->len < n)
    g_string_append (s, "a=b+1;");
  p = parse_buffer (&f->env, "t.nasl", s->str, s->len);
  assert_non_null (p);
  assert_int_equal (p->body->u.block.n, s->len / 6);
  ast_program_free (p);

  /* and a 1 MB line with an error at its end */
  g_string_append (s, "?");
  g_free (rejected (f, s->str, s->len));
  assert_string_equal (g_ptr_array_index (f->msgs, 0),
                       "E t.nasl:1:1048579: syntax error: unexpected character '?', expected "
                       "statement");
  g_string_free (s, TRUE);
}

/* ------------------------------ include ------------------------------ */

static const ast_program *
included (const ast_program *p, size_t i)
{
  const ast_node *n = p->body->u.block.stmts[i];

  assert_int_equal (n->kind, AST_INCLUDE);
  assert_non_null (n->u.include.program);
  return n->u.include.program;
}

static ast_program *
parse_ok (fixture *f, const char *name, const char *src)
{
  ast_program *p;

  g_ptr_array_set_size (f->msgs, 0);
  p = parse_buffer (&f->env, name, src, strlen (src));
  if (!p)
    {
      char *m = all_msgs (f);
      fail_msg ("'%s' rejected: %s", src, m);
    }
  return p;
}

static void
assert_include_body (const ast_program *inc, const char *want)
{
  char *d = program_dump (inc);

  assert_string_equal (d, want);
  g_free (d);
}

static void
test_include_search_order (void **state)
{
  fixture *f = *state;
  char *main_dir, *script;
  ast_program *p;

  use_includes (f);
  main_dir = g_build_filename (f->incdir, "main", NULL);
  script = g_build_filename (main_dir, "script.nasl", NULL);
  f->env.main_dir = main_dir;
  p = parse_ok (f, script,
                "include(\"both.inc\");\ninclude('only1.inc');\ninclude(\"only2.inc\");");
  /* the main script's directory first */
  assert_include_body (included (p, 0), "(= both_from \"main\")");
  /* then the -i directories in order */
  assert_include_body (included (p, 1), "(= only1_from \"dir1\")");
  assert_include_body (included (p, 2), "(= only2_from \"dir2\")");
  assert_true (g_str_has_suffix (p->body->u.block.stmts[2]->u.include.path, "/dir2/only2.inc"));
  assert_string_equal (p->body->u.block.stmts[1]->u.include.name, "only1.inc");
  {
    char *d = program_dump (p);

    assert_string_equal (d, "(include \"both.inc\")\n(include \"only1.inc\")\n"
                            "(include \"only2.inc\")");
    g_free (d);
  }
  ast_program_free (p);
  g_free (script);
  g_free (main_dir);
}

static void
test_include_relative_to_includer (void **state)
{
  fixture *f = *state;
  ast_program *p;
  const ast_program *nested;

  use_includes (f);
  f->env.main_dir = f->incdir;
  p = parse_ok (f, "script.nasl", "include(\"sub/nested.inc\");");
  nested = included (p, 0);
  /* sibling.inc is neither in main_dir nor in -i dirs: found next to nested.inc */
  assert_include_body (included (nested, 0), "(= sibling 1)");
  assert_true (g_str_has_suffix (nested->file, "/sub/nested.inc"));
  ast_program_free (p);
}

static void
test_include_absolute (void **state)
{
  fixture *f = *state;
  char *path = g_build_filename (f->incdir, "main", "funcs.inc", NULL);
  char *abs = inc_canonical (path);
  char *src = g_strdup_printf ("include(\"%s\");", abs);
  ast_program *p;

  use_includes (f);
  p = parse_ok (f, "t.nasl", src);
  assert_string_equal (p->body->u.block.stmts[0]->u.include.path, abs);
  ast_program_free (p);
  g_free (src);
  g_free (abs);
  g_free (path);
}

static void
test_include_cache (void **state)
{
  fixture *f = *state;
  char *main_dir = g_build_filename (f->incdir, "main", NULL);
  ast_program *p, *q;
  const ast_program *funcs;

  use_includes (f);
  f->env.main_dir = main_dir;
  p = parse_ok (f, "t.nasl",
                "include(\"funcs.inc\"); include(\"twice.inc\"); include('funcs.inc');");
  funcs = included (p, 0);
  /* parsed once: every include of funcs.inc shares one tree */
  assert_ptr_equal (included (p, 2), funcs);
  assert_ptr_equal (included (included (p, 1), 0), funcs);
  assert_int_equal (inc_cache_size (f->cache), 2);
  assert_ptr_equal (inc_cache_lookup (f->cache, funcs->file), funcs);
  assert_include_body (funcs,
                       "(function inc_f (a) (block (return (+ a 1))))");
  /* names in included files are interned in the same chunk */
  assert_ptr_equal (funcs->body->u.block.stmts[0]->u.func.name,
                    g_string_chunk_insert_const (f->names, "inc_f"));
  /* a second script with the same cache reuses the trees */
  q = parse_ok (f, "u.nasl", "include(\"funcs.inc\");");
  assert_ptr_equal (included (q, 0), funcs);
  assert_int_equal (inc_cache_size (f->cache), 2);
  ast_program_free (q);
  ast_program_free (p);
  g_free (main_dir);
}

static void
test_include_private_cache (void **state)
{
  fixture *f = *state;
  char *main_dir = g_build_filename (f->incdir, "main", NULL);
  ast_program *p;

  /* no cache in the env: the program owns one, freed with it */
  f->env.main_dir = main_dir;
  p = parse_ok (f, "t.nasl", "include(\"twice.inc\"); include(\"funcs.inc\");");
  assert_ptr_equal (included (included (p, 0), 0), included (p, 1));
  assert_non_null (p->own_includes);
  assert_int_equal (inc_cache_size (p->own_includes), 2);
  assert_null (f->env.includes);
  ast_program_free (p);
  g_free (main_dir);
}

static void
test_include_failures (void **state)
{
  fixture *f = *state;
  char *main_dir = g_build_filename (f->incdir, "main", NULL);
  char *m;

  use_includes (f);
  f->env.main_dir = main_dir;

  /* missing: a load failure, distinct from a syntax error */
  m = rejected (f, "a = 1;\ninclude(\"nope.inc\");", 28);
  assert_int_equal (f->env.status, PARSE_ERR_LOAD);
  assert_true (g_str_has_prefix (g_ptr_array_index (f->msgs, 0),
                                 "E t.nasl:2:9: include file 'nope.inc' not found"));
  g_free (m);

  /* syntax error inside the included file: reported at its own position */
  m = rejected (f, "include(\"bad.inc\");", 19);
  assert_int_equal (f->env.status, PARSE_ERR_SYNTAX);
  assert_true (g_str_has_suffix (g_ptr_array_index (f->msgs, 0),
                                 "/main/bad.inc:2:5: syntax error: unexpected ';', expected "
                                 "expression"));
  g_free (m);
  /* a failed include is not cached as good: the next parse reports it again */
  m = rejected (f, "include(\"bad.inc\");", 19);
  assert_int_equal (f->env.status, PARSE_ERR_SYNTAX);
  assert_true (g_str_has_suffix (g_ptr_array_index (f->msgs, 0),
                                 "/main/bad.inc:2:5: syntax error: unexpected ';', expected "
                                 "expression"));
  g_free (m);
  /* within one parse it is reported once, then only counted */
  m = rejected (f, "include(\"bad.inc\");\ninclude(\"bad.inc\");", 39);
  assert_int_equal (f->env.errors, 2);
  assert_true (g_str_has_prefix (g_ptr_array_index (f->msgs, 1), "E t.nasl:2:9: include file '"));
  assert_true (g_str_has_suffix (g_ptr_array_index (f->msgs, 1),
                                 "/bad.inc' has errors (reported above)"));
  g_free (m);

  /* cycles */
  m = rejected (f, "include(\"cycle_a.inc\");", 23);
  assert_int_equal (f->env.status, PARSE_ERR_LOAD);
  assert_non_null (strstr (m, "include cycle: "));
  assert_non_null (strstr (m, "cycle_a.inc -> "));
  g_free (m);
  m = rejected (f, "include(\"self.inc\");", 20);
  assert_int_equal (f->env.status, PARSE_ERR_LOAD);
  assert_non_null (strstr (m, "self.inc -> "));
  g_free (m);

  /* a script including itself */
  {
    char *self = g_build_filename (main_dir, "self.inc", NULL);

    g_ptr_array_set_size (f->msgs, 0);
    assert_null (parse_file (&f->env, self));
    assert_int_equal (f->env.status, PARSE_ERR_LOAD);
    g_free (self);
  }

  /* missing script file */
  g_ptr_array_set_size (f->msgs, 0);
  assert_null (parse_file (&f->env, "/nonexistent/x.nasl"));
  assert_int_equal (f->env.status, PARSE_ERR_LOAD);
  assert_int_equal (f->env.errors, 1);
  assert_true (g_str_has_prefix (g_ptr_array_index (f->msgs, 0),
                                 "E /nonexistent/x.nasl:0:0: cannot read script: "));

  /* the name is a C string: a data literal is cut at its first NUL */
  {
    ast_program *p;

    p = parse_ok (f, "t.nasl", "include('funcs.inc\\0junk');");
    assert_string_equal (p->body->u.block.stmts[0]->u.include.name, "funcs.inc");
    ast_program_free (p);
  }

  /* include is resolved even inside a branch that never runs */
  m = rejected (f, "if (0) { include(\"nope.inc\"); }", 31);
  assert_int_equal (f->env.status, PARSE_ERR_LOAD);
  g_free (m);
  g_free (main_dir);
}

static void
test_include_depth_limit (void **state)
{
  fixture *f = *state;
  GError *err = NULL;
  char *dir = g_dir_make_tmp ("nasl-inc-XXXXXX", &err);
  int n = PARSE_MAX_INCLUDE_DEPTH + 5;
  char *m;
  ast_program *p;

  assert_non_null (dir);
  for (int i = 0; i < n; i++)
    {
      char *name = g_strdup_printf ("%s/d%d.inc", dir, i);
      char *body = i + 1 < n ? g_strdup_printf ("include(\"d%d.inc\");\n", i + 1)
                             : g_strdup ("last = 1;\n");

      assert_true (g_file_set_contents (name, body, -1, NULL));
      g_free (name);
      g_free (body);
    }
  use_includes (f);
  f->env.main_dir = dir;
  m = rejected (f, "include(\"d0.inc\");", 18);
  assert_int_equal (f->env.status, PARSE_ERR_LOAD);
  assert_non_null (strstr (m, "includes nested too deeply"));
  g_free (m);

  /* a chain within the limit is fine */
  use_includes (f);
  f->env.main_dir = dir;
  p = parse_ok (f, "t.nasl", "include(\"d10.inc\");");
  ast_program_free (p);

  for (int i = 0; i < n; i++)
    {
      char *name = g_strdup_printf ("%s/d%d.inc", dir, i);

      g_unlink (name);
      g_free (name);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_parse_file (void **state)
{
  fixture *f = *state;
  char *path = g_build_filename (f->incdir, "main", "twice.inc", NULL);
  ast_program *p;

  use_includes (f);
  /* funcs.inc is found next to the including file */
  p = parse_file (&f->env, path);
  assert_non_null (p);
  assert_string_equal (p->file, path);
  assert_int_equal (p->body->u.block.n, 2);
  assert_int_equal (p->body->u.block.stmts[1]->loc.line, 2);
  ast_program_free (p);
  g_free (path);
}

static void
test_dump_helpers (void **state)
{
  fixture *f = *state;
  const char *src = "z = [\"a\\\", '\\x01\\t'];";
  ast_program *p = parse_buffer (&f->env, "t.nasl", src, strlen (src));
  char *d;
  FILE *fp;
  char buf[256] = "";

  assert_non_null (p);
  d = ast_dump_string (p->body->u.block.stmts[0]);
  assert_string_equal (d, "(= z [\"a\\\\\", '\\x01\\t'])");
  g_free (d);
  d = ast_dump_string (NULL);
  assert_string_equal (d, "_");
  g_free (d);
  fp = tmpfile ();
  assert_non_null (fp);
  ast_dump_program (fp, p);
  rewind (fp);
  assert_non_null (fgets (buf, sizeof buf, fp));
  fclose (fp);
  assert_string_equal (buf, "(= z [\"a\\\\\", '\\x01\\t'])\n");
  assert_string_equal (ast_kind_name (AST_REPEAT_CALL), "repeat-call");
  assert_string_equal (ast_binop_text (AST_OP_NOMATCH), ">!<");
  assert_string_equal (ast_assign_op_text (AST_ASSIGN_USHR), ">>>=");
  assert_string_equal (ast_unop_text (AST_UOP_BNOT), "~");
  ast_program_free (p);
}

/* readfile_regular: regular files only, never more than max bytes. */
static void
test_readfile_bounds (void **state)
{
  char *dir = g_dir_make_tmp ("readfile-XXXXXX", NULL);
  char *file = g_build_filename (dir, "ten", NULL);
  char *fifo = g_build_filename (dir, "fifo", NULL);
  char *why = NULL, *text;
  size_t len = 99;

  (void) state;
  assert_non_null (dir);
  assert_true (g_file_set_contents (file, "0123456789", 10, NULL));
  text = readfile_regular (file, 10, &len, &why);
  assert_non_null (text);
  assert_int_equal (len, 10);
  assert_string_equal (text, "0123456789");
  g_free (text);

  assert_null (readfile_regular (file, 9, &len, &why));
  assert_string_equal (why, "larger than 9 bytes");
  g_free (why);
  assert_null (readfile_regular (dir, 100, &len, &why));
  assert_string_equal (why, "not a regular file");
  g_free (why);
  assert_null (readfile_regular ("/dev/zero", 100, &len, &why));
  assert_string_equal (why, "not a regular file");
  g_free (why);
  /* a FIFO without a writer: refused at once, never opened */
  assert_int_equal (mkfifo (fifo, 0600), 0);
  assert_null (readfile_regular (fifo, 100, &len, &why));
  assert_string_equal (why, "not a regular file");
  g_free (why);
  assert_null (readfile_regular ("/nonexistent/x", 100, &len, &why));
  assert_string_equal (why, "No such file or directory");
  g_free (why);
  /* /proc files claim size 0: the bound holds while reading, too */
  assert_null (readfile_regular ("/proc/self/status", 16, &len, &why));
  assert_string_equal (why, "larger than 16 bytes");
  g_free (why);
  assert_int_equal (len, 0);

  g_unlink (fifo);
  g_unlink (file);
  g_rmdir (dir);
  g_free (fifo);
  g_free (file);
  g_free (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_literals, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ipaddr_is_string, setup, teardown),
    cmocka_unit_test_setup_teardown (test_data_with_nul, setup, teardown),
    cmocka_unit_test_setup_teardown (test_c_string_contexts, setup, teardown),
    cmocka_unit_test_setup_teardown (test_precedence_levels, setup, teardown),
    cmocka_unit_test_setup_teardown (test_precedence_binary, setup, teardown),
    cmocka_unit_test_setup_teardown (test_precedence_unary, setup, teardown),
    cmocka_unit_test_setup_teardown (test_regex_match, setup, teardown),
    cmocka_unit_test_setup_teardown (test_statements, setup, teardown),
    cmocka_unit_test_setup_teardown (test_x_is_an_identifier, setup, teardown),
    cmocka_unit_test_setup_teardown (test_names_interned, setup, teardown),
    cmocka_unit_test_setup_teardown (test_locations, setup, teardown),
    cmocka_unit_test_setup_teardown (test_rejected_forms, setup, teardown),
    cmocka_unit_test_setup_teardown (test_error_messages, setup, teardown),
    cmocka_unit_test_setup_teardown (test_warnings, setup, teardown),
    cmocka_unit_test_setup_teardown (test_errors_are_counted, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nul_byte_ends_input, setup, teardown),
    cmocka_unit_test_setup_teardown (test_deep_nesting, setup, teardown),
    cmocka_unit_test_setup_teardown (test_huge_input, setup, teardown),
    cmocka_unit_test (test_readfile_bounds),
    cmocka_unit_test_setup_teardown (test_include_search_order, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_relative_to_includer, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_absolute, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_cache, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_private_cache, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_failures, setup, teardown),
    cmocka_unit_test_setup_teardown (test_include_depth_limit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_parse_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_dump_helpers, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}

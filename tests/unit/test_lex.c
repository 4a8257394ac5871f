/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_lex.c: unit tests of the NASL tokenizer: every token kind and every OpenVAS quirk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>
#include <string.h>

#include "lex.h"

/* Tokens of a source, plus the warnings the lexer emitted. */
typedef struct lexed {
  GArray *toks;     /* lex_token, text copied */
  GPtrArray *texts; /* owned copies of token texts */
  GPtrArray *warnings;
} lexed;

static void
collect_warning (void *ud, uint32_t line, uint32_t col, const char *msg)
{
  lexed *l = ud;

  g_ptr_array_add (l->warnings, g_strdup_printf ("%u:%u: %s", line, col, msg));
}

static lexed *
lex_all_len (const char *src, size_t len)
{
  lexed *l = g_new0 (lexed, 1);
  lexer lx;
  lex_token t;

  l->toks = g_array_new (FALSE, TRUE, sizeof (lex_token));
  l->texts = g_ptr_array_new_with_free_func (g_free);
  l->warnings = g_ptr_array_new_with_free_func (g_free);
  lex_init (&lx, src, len, collect_warning, l);
  do
    {
      char *copy;

      lex_next (&lx, &t);
      copy = g_malloc (t.len + 1);
      memcpy (copy, t.text, t.len + 1);
      g_ptr_array_add (l->texts, copy);
      t.text = copy;
      g_array_append_val (l->toks, t);
    }
  while (t.kind != TK_EOF);
  lex_free (&lx);
  return l;
}

static lexed *
lex_all (const char *src)
{
  return lex_all_len (src, strlen (src));
}

static void
lexed_free (lexed *l)
{
  g_array_free (l->toks, TRUE);
  g_ptr_array_free (l->texts, TRUE);
  g_ptr_array_free (l->warnings, TRUE);
  g_free (l);
}

static const lex_token *
tok (const lexed *l, guint i)
{
  assert_true (i < l->toks->len);
  return &g_array_index (l->toks, lex_token, i);
}

/* Checks the kinds of all tokens (TK_EOF included at the end). */
static void
assert_kinds (const char *src, const lex_tok *kinds, size_t n)
{
  lexed *l = lex_all (src);

  assert_int_equal (l->toks->len, n);
  for (size_t i = 0; i < n; i++)
    {
      if (tok (l, (guint) i)->kind != kinds[i])
        fail_msg ("'%s' token %zu: got %s, want %s", src, i,
                  lex_tok_name (tok (l, (guint) i)->kind), lex_tok_name (kinds[i]));
    }
  lexed_free (l);
}

#define KINDS(src, ...)                                                        \
  do                                                                           \
    {                                                                          \
      static const lex_tok k_[] = { __VA_ARGS__, TK_EOF };                     \
      assert_kinds (src, k_, G_N_ELEMENTS (k_));                               \
    }                                                                          \
  while (0)

static long
int_value (const char *src)
{
  lexed *l = lex_all (src);
  long v;

  assert_int_equal (tok (l, 0)->kind, TK_INT);
  v = tok (l, 0)->ival;
  lexed_free (l);
  return v;
}

/* ---------------------------------------------------------------- */

static void
test_operators (void **state)
{
  KINDS ("+ ++ += - -- -= * ** *= / /= % %=", TK_PLUS, TK_PLUSPLUS, TK_PLUSEQ, TK_MINUS,
         TK_MINUSMINUS, TK_MINUSEQ, TK_STAR, TK_POW, TK_STAREQ, TK_SLASH, TK_SLASHEQ,
         TK_PERCENT, TK_PERCENTEQ);
  KINDS ("= == =~ => ! != !~", TK_ASSIGN, TK_EQ, TK_REMATCH, TK_ARROW, TK_NOT, TK_NE,
         TK_RENOMATCH);
  KINDS ("< <= << <<= > >= >< >!< >> >>= >>> >>>=", TK_LT, TK_LE, TK_SHL, TK_SHLEQ, TK_GT,
         TK_GE, TK_MATCH, TK_NOMATCH, TK_SHR, TK_SHREQ, TK_USHR, TK_USHREQ);
  KINDS ("& && | || ^ ~ ( ) [ ] { } , ; : .", TK_AMP, TK_AND, TK_PIPE, TK_OR, TK_CARET,
         TK_TILDE, TK_LPAREN, TK_RPAREN, TK_LBRACKET, TK_RBRACKET, TK_LBRACE, TK_RBRACE,
         TK_COMMA, TK_SEMI, TK_COLON, TK_DOT);
}

static void
test_maximal_munch (void **state)
{
  KINDS (">>>=>>=<<=", TK_USHREQ, TK_SHREQ, TK_SHLEQ);
  KINDS ("<>", TK_LT, TK_GT);
  KINDS ("a---b", TK_IDENT, TK_MINUSMINUS, TK_MINUS, TK_IDENT);
  KINDS ("5--1", TK_INT, TK_MINUSMINUS, TK_INT);
  KINDS ("4-2", TK_INT, TK_MINUS, TK_INT);
  KINDS ("***", TK_POW, TK_STAR);
  KINDS ("&&&", TK_AND, TK_AMP);
  KINDS ("|||", TK_OR, TK_PIPE);
  KINDS ("!!=", TK_NOT, TK_NE);
  KINDS ("===", TK_EQ, TK_ASSIGN);
  KINDS ("=>>", TK_ARROW, TK_GT);
}

static void
test_keywords (void **state)
{
  KINDS ("if else for while repeat until foreach function return x include break "
         "continue local_var global_var",
         TK_IF, TK_ELSE, TK_FOR, TK_WHILE, TK_REPEAT, TK_UNTIL, TK_FOREACH, TK_FUNCTION,
         TK_RETURN, TK_X, TK_INCLUDE, TK_BREAK, TK_CONTINUE, TK_LOCAL, TK_GLOBAL);
  /* not keywords */
  KINDS ("exit TRUE FALSE NULL description If X xx _x x1", TK_IDENT, TK_IDENT, TK_IDENT,
         TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT);
  /* a keyword's prefix or extension, same length with another first letter */
  KINDS ("i iff els elsex fo form local_vars global_va _if fi xif rf", TK_IDENT, TK_IDENT,
         TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT, TK_IDENT,
         TK_IDENT, TK_IDENT);
}

static void
test_identifiers (void **state)
{
  lexed *l = lex_all ("_a1 B_2c 12abc");

  assert_int_equal (tok (l, 0)->kind, TK_IDENT);
  assert_string_equal (tok (l, 0)->text, "_a1");
  assert_int_equal (tok (l, 1)->len, 4);
  assert_string_equal (tok (l, 1)->text, "B_2c");
  assert_int_equal (tok (l, 2)->kind, TK_INT);
  assert_int_equal (tok (l, 2)->ival, 12);
  assert_int_equal (tok (l, 3)->kind, TK_IDENT);
  assert_string_equal (tok (l, 3)->text, "abc");
  lexed_free (l);
}

static void
test_integers (void **state)
{
  assert_int_equal (int_value ("0"), 0);
  assert_int_equal (int_value ("7"), 7);
  assert_int_equal (int_value ("1234567"), 1234567);
  assert_int_equal (int_value ("017"), 15);
  assert_int_equal (int_value ("0012"), 10);
  assert_int_equal (int_value ("00"), 0);
  /* an 8 or 9 turns octal into decimal, dropping the leading 0 */
  assert_int_equal (int_value ("09"), 9);
  assert_int_equal (int_value ("0178"), 178);
  assert_int_equal (int_value ("0981"), 981);
  assert_int_equal (int_value ("0x1F"), 31);
  assert_int_equal (int_value ("0XfF"), 255);
  assert_int_equal (int_value ("0x0"), 0);
  /* strtoul into long: wraps, saturates */
  assert_int_equal (int_value ("0xFFFFFFFFFFFFFFFF"), -1);
  assert_int_equal (int_value ("0x8000000000000000"), LONG_MIN);
  assert_int_equal (int_value ("9223372036854775807"), LONG_MAX);
  assert_int_equal (int_value ("9223372036854775808"), LONG_MIN);
  assert_int_equal (int_value ("18446744073709551615"), -1);
  assert_int_equal (int_value ("99999999999999999999999"), -1);
  assert_int_equal (int_value ("0x1FFFFFFFFFFFFFFFFF"), -1);
  assert_int_equal (int_value ("07777777777777777777777777"), -1);
  /* no float literals, no negative literals */
  KINDS ("1.5", TK_INT, TK_DOT, TK_INT);
  KINDS ("-5", TK_MINUS, TK_INT);
}

static void
test_hex_without_digits (void **state)
{
  lexed *l = lex_all ("0x;");

  assert_int_equal (tok (l, 0)->kind, TK_INT);
  assert_int_equal (tok (l, 0)->ival, 0);
  assert_int_equal (tok (l, 1)->kind, TK_SEMI);
  assert_int_equal (l->warnings->len, 1);
  assert_string_equal (g_ptr_array_index (l->warnings, 0), "1:1: invalid token 0x parsed as 0");
  lexed_free (l);

  l = lex_all ("0xg");  /* the byte after 'x' is lexed again */
  assert_int_equal (tok (l, 0)->ival, 0);
  assert_int_equal (tok (l, 1)->kind, TK_IDENT);
  assert_string_equal (tok (l, 1)->text, "g");
  lexed_free (l);

  l = lex_all ("0x");  /* at end of input */
  assert_int_equal (tok (l, 0)->kind, TK_INT);
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 1);
  lexed_free (l);
}

static void
test_string_impure (void **state)
{
  lexed *l = lex_all ("\"a\\nb\" \"\" \"x\ny\" \"it's\"");

  assert_int_equal (tok (l, 0)->kind, TK_STRING);
  assert_int_equal (tok (l, 0)->len, 4);  /* the backslash is kept */
  assert_memory_equal (tok (l, 0)->text, "a\\nb", 4);
  assert_int_equal (tok (l, 1)->kind, TK_STRING);
  assert_int_equal (tok (l, 1)->len, 0);
  assert_string_equal (tok (l, 2)->text, "x\ny");  /* spans lines */
  assert_string_equal (tok (l, 3)->text, "it's");
  assert_int_equal (tok (l, 4)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 0);
  lexed_free (l);

  /* "\." reaches the regex engine unchanged; '\"' does not escape */
  l = lex_all ("\"\\.\\\" x");
  assert_string_equal (tok (l, 0)->text, "\\.\\");
  assert_int_equal (tok (l, 1)->kind, TK_X);
  lexed_free (l);
}

static void
test_unterminated_strings (void **state)
{
  lexed *l = lex_all ("\"abc\ndef");

  assert_int_equal (tok (l, 0)->kind, TK_STRING);
  assert_string_equal (tok (l, 0)->text, "abc\ndef");
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 0);
  lexed_free (l);

  l = lex_all ("'abc");
  assert_int_equal (tok (l, 0)->kind, TK_DATA);
  assert_string_equal (tok (l, 0)->text, "abc");
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  lexed_free (l);

  l = lex_all ("'ab\\");  /* backslash at the very end */
  assert_int_equal (tok (l, 0)->kind, TK_DATA);
  assert_string_equal (tok (l, 0)->text, "ab");
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 1);
  lexed_free (l);
}

static void
test_data_escapes (void **state)
{
  lexed *l = lex_all ("'\\n\\t\\r\\f\\v\\\\\\\"\\'' '\\x41\\x7e\\xff\\x0A' 'a\\0b'");

  assert_int_equal (tok (l, 0)->kind, TK_DATA);
  assert_int_equal (tok (l, 0)->len, 8);
  assert_memory_equal (tok (l, 0)->text, "\n\t\r\f\v\\\"'", 8);
  assert_int_equal (tok (l, 1)->len, 4);
  assert_memory_equal (tok (l, 1)->text, "A~\xff\n", 4);
  /* \0 is a real NUL and counts */
  assert_int_equal (tok (l, 2)->len, 3);
  assert_memory_equal (tok (l, 2)->text, "a\0b", 3);
  assert_int_equal (l->warnings->len, 0);
  lexed_free (l);
}

static void
test_data_hex_escape_quirks (void **state)
{
  lexed *l = lex_all ("'\\x4g' '\\xg' '\\x123'");

  /* at most 2 hex digits; a non-hex byte ends the escape with a warning */
  assert_int_equal (tok (l, 0)->len, 2);
  assert_memory_equal (tok (l, 0)->text, "\x04g", 2);
  assert_int_equal (tok (l, 1)->len, 2);
  assert_memory_equal (tok (l, 1)->text, "\0g", 2);
  assert_int_equal (tok (l, 2)->len, 2);
  assert_memory_equal (tok (l, 2)->text, "\x12" "3", 2);
  assert_int_equal (l->warnings->len, 2);
  lexed_free (l);

  l = lex_all ("'\\x4");  /* EOF inside \x: the partial value is dropped */
  assert_int_equal (tok (l, 0)->kind, TK_DATA);
  assert_int_equal (tok (l, 0)->len, 0);
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  lexed_free (l);
}

static void
test_data_continuation (void **state)
{
  lexed *l = lex_all ("'ab\\\ncd' z");

  assert_string_equal (tok (l, 0)->text, "abcd");
  assert_int_equal (tok (l, 1)->line, 2);
  assert_int_equal (tok (l, 1)->col, 5);
  lexed_free (l);
}

static void
test_data_unknown_escape (void **state)
{
  /* '\d' ends the token; the byte after the backslash is lexed as code */
  lexed *l = lex_all ("'a\\d.' ;");

  assert_int_equal (tok (l, 0)->kind, TK_DATA);
  assert_string_equal (tok (l, 0)->text, "a");
  assert_int_equal (tok (l, 1)->kind, TK_IDENT);
  assert_string_equal (tok (l, 1)->text, "d");
  assert_int_equal (tok (l, 2)->kind, TK_DOT);
  assert_int_equal (tok (l, 3)->kind, TK_DATA);  /* the closing quote opens a string */
  assert_string_equal (tok (l, 3)->text, " ;");
  assert_int_equal (tok (l, 4)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 1);
  assert_string_equal (g_ptr_array_index (l->warnings, 0),
                       "1:3: unknown escape sequence \\d ends the string");
  lexed_free (l);
}

static void
test_comments (void **state)
{
  KINDS ("a # comment ; b\nc", TK_IDENT, TK_IDENT);
  {
    /* positions after a comment and after names */
    lexed *l = lex_all ("abc # x y\n  de_f1 g #\n#\nh");

    assert_int_equal (tok (l, 1)->line, 2);
    assert_int_equal (tok (l, 1)->col, 3);
    assert_int_equal (tok (l, 2)->line, 2);
    assert_int_equal (tok (l, 2)->col, 9);
    assert_int_equal (tok (l, 3)->line, 4);
    assert_int_equal (tok (l, 3)->col, 1);
    assert_int_equal (tok (l, 4)->kind, TK_EOF);
    assert_int_equal (tok (l, 4)->col, 2);
    lexed_free (l);
  }
  assert_kinds ("# only a comment", (const lex_tok[]){ TK_EOF }, 1);
  /* no C comments: '/' is division */
  KINDS ("a // b", TK_IDENT, TK_SLASH, TK_SLASH, TK_IDENT);
  KINDS ("/* x */", TK_SLASH, TK_STAR, TK_X, TK_STAR, TK_SLASH);
  /* '#' inside strings is text */
  KINDS ("\"#\" '#'", TK_STRING, TK_DATA);
}

static void
test_nomatch_quirk (void **state)
{
  lexed *l = lex_all ("a >!b");

  assert_int_equal (tok (l, 1)->kind, TK_NOMATCH);
  assert_int_equal (tok (l, 2)->kind, TK_IDENT);  /* 'b' is lexed again */
  assert_string_equal (tok (l, 2)->text, "b");
  assert_int_equal (l->warnings->len, 1);
  assert_string_equal (g_ptr_array_index (l->warnings, 0),
                       "1:3: invalid token >!b parsed as >!<");
  lexed_free (l);

  l = lex_all (">!");
  assert_int_equal (tok (l, 0)->kind, TK_NOMATCH);
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 1);
  lexed_free (l);

  l = lex_all (">!<");
  assert_int_equal (tok (l, 0)->kind, TK_NOMATCH);
  assert_int_equal (l->warnings->len, 0);
  lexed_free (l);
}

/* NUL bytes as OpenVAS's lexer reads them (checked against openvas-nasl
** 23.50.20): between tokens or in a comment a NUL ends the input; inside a
** name, number or string it ends that token and lexing goes on after it. */
static void
test_nul_bytes (void **state)
{
  static const char between[] = "a \0b c";
  lexed *l = lex_all_len (between, sizeof between - 1);

  (void) state;
  assert_int_equal (l->toks->len, 2);
  assert_string_equal (tok (l, 0)->text, "a");
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  lexed_free (l);

  static const char comment[] = "a # x\0\nb";
  l = lex_all_len (comment, sizeof comment - 1);
  assert_int_equal (l->toks->len, 2);
  assert_int_equal (tok (l, 1)->kind, TK_EOF);
  lexed_free (l);

  static const char ident[] = "ab\0cd 12\0003";
  l = lex_all_len (ident, sizeof ident - 1);
  assert_int_equal (l->toks->len, 5);
  assert_string_equal (tok (l, 0)->text, "ab");
  assert_string_equal (tok (l, 1)->text, "cd");
  assert_int_equal (tok (l, 2)->ival, 12);
  assert_int_equal (tok (l, 3)->ival, 3);
  assert_int_equal (tok (l, 4)->kind, TK_EOF);
  lexed_free (l);

  /* a string ends at the NUL as if closed; the rest is code again */
  static const char str[] = "\"ab\0;'cd\0x";
  l = lex_all_len (str, sizeof str - 1);
  assert_int_equal (l->toks->len, 5);
  assert_int_equal (tok (l, 0)->kind, TK_STRING);
  assert_string_equal (tok (l, 0)->text, "ab");
  assert_int_equal (tok (l, 1)->kind, TK_SEMI);
  assert_int_equal (tok (l, 2)->kind, TK_DATA);
  assert_int_equal (tok (l, 2)->len, 2);
  assert_string_equal (tok (l, 3)->text, "x");
  assert_int_equal (tok (l, 4)->kind, TK_EOF);
  assert_int_equal (l->warnings->len, 0);
  lexed_free (l);

  /* a NUL after a backslash or in \x: the data ends, with a warning */
  static const char esc[] = "'a\\\0;'b\\x4\0;";
  l = lex_all_len (esc, sizeof esc - 1);
  assert_int_equal (tok (l, 0)->kind, TK_DATA);
  assert_int_equal (tok (l, 0)->len, 1);
  assert_int_equal (tok (l, 1)->kind, TK_SEMI);
  assert_int_equal (tok (l, 2)->kind, TK_DATA);
  assert_int_equal (tok (l, 2)->len, 1); /* the unfinished \x4 is dropped */
  assert_string_equal (tok (l, 2)->text, "b");
  assert_int_equal (tok (l, 3)->kind, TK_SEMI);
  assert_int_equal (l->warnings->len, 2);
  lexed_free (l);
}

static void
test_other_bytes (void **state)
{
  lexed *l = lex_all ("? @ $ \\ \x01 \xc3\xa9");

  for (guint i = 0; i < 5; i++)
    assert_int_equal (tok (l, i)->kind, TK_OTHER);
  assert_int_equal (tok (l, 0)->byte, '?');
  assert_int_equal (tok (l, 1)->byte, '@');
  assert_int_equal (tok (l, 3)->byte, '\\');
  assert_int_equal (tok (l, 4)->byte, 1);
  assert_int_equal (tok (l, 5)->kind, TK_ERROR);
  assert_int_equal (tok (l, 5)->byte, 0xc3);
  assert_int_equal (tok (l, 6)->kind, TK_ERROR);
  assert_int_equal (tok (l, 7)->kind, TK_EOF);
  lexed_free (l);
}

static void
test_positions (void **state)
{
  lexed *l = lex_all ("a = 1;\n  if (b)\n\t\"x\ny\" z\r\n#c\n  w");

  assert_int_equal (tok (l, 0)->line, 1);
  assert_int_equal (tok (l, 0)->col, 1);
  assert_int_equal (tok (l, 2)->col, 5);
  assert_int_equal (tok (l, 4)->line, 2);  /* if */
  assert_int_equal (tok (l, 4)->col, 3);
  assert_int_equal (tok (l, 6)->col, 7);   /* b */
  assert_int_equal (tok (l, 8)->line, 3);  /* "x\ny" */
  assert_int_equal (tok (l, 8)->col, 2);
  assert_int_equal (tok (l, 9)->line, 4);  /* z after the string */
  assert_int_equal (tok (l, 9)->col, 4);
  assert_int_equal (tok (l, 10)->line, 6); /* w */
  assert_int_equal (tok (l, 10)->col, 3);
  assert_int_equal (tok (l, 11)->kind, TK_EOF);
  lexed_free (l);
}

static void
test_whitespace_kinds (void **state)
{
  KINDS ("a\t\v\f\r\n b", TK_IDENT, TK_IDENT);
  assert_kinds ("", (const lex_tok[]){ TK_EOF }, 1);
  assert_kinds (" \n\t ", (const lex_tok[]){ TK_EOF }, 1);
}

static void
test_eof_is_sticky (void **state)
{
  lexer lx;
  lex_token t;

  lex_init (&lx, "a", 1, NULL, NULL);
  lex_next (&lx, &t);
  assert_int_equal (t.kind, TK_IDENT);
  for (int i = 0; i < 3; i++)
    {
      lex_next (&lx, &t);
      assert_int_equal (t.kind, TK_EOF);
    }
  lex_free (&lx);
}

static void
test_huge_line (void **state)
{
  size_t n = 1024 * 1024;
  GString *s = g_string_sized_new (n + 16);
  lexed *l;

  g_string_append_c (s, '"');
  for (size_t i = 0; i < n; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  g_string_append (s, "\" ");
  for (size_t i = 0; i < 100000; i++)
    g_string_append (s, "a+1;");
  l = lex_all_len (s->str, s->len);
  assert_int_equal (tok (l, 0)->kind, TK_STRING);
  assert_int_equal (tok (l, 0)->len, n);
  assert_int_equal (l->toks->len, 1 + 400000 + 1);
  assert_int_equal (tok (l, 400000)->col, n + 4 + 399999);
  lexed_free (l);
  g_string_free (s, TRUE);
}

static void
test_token_names (void **state)
{
  assert_string_equal (lex_tok_name (TK_EOF), "end of input");
  assert_string_equal (lex_tok_name (TK_USHREQ), "'>>>='");
  assert_string_equal (lex_tok_name (TK_DOT), "'.'");
  assert_string_equal (lex_tok_name (TK_GLOBAL), "'global_var'");
  assert_string_equal (lex_tok_name (TK_OTHER), "character");
  assert_string_equal (lex_tok_name (TK_COUNT), "?");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_operators),
    cmocka_unit_test (test_maximal_munch),
    cmocka_unit_test (test_keywords),
    cmocka_unit_test (test_identifiers),
    cmocka_unit_test (test_integers),
    cmocka_unit_test (test_hex_without_digits),
    cmocka_unit_test (test_string_impure),
    cmocka_unit_test (test_unterminated_strings),
    cmocka_unit_test (test_data_escapes),
    cmocka_unit_test (test_data_hex_escape_quirks),
    cmocka_unit_test (test_data_continuation),
    cmocka_unit_test (test_data_unknown_escape),
    cmocka_unit_test (test_comments),
    cmocka_unit_test (test_nomatch_quirk),
    cmocka_unit_test (test_nul_bytes),
    cmocka_unit_test (test_other_bytes),
    cmocka_unit_test (test_positions),
    cmocka_unit_test (test_whitespace_kinds),
    cmocka_unit_test (test_eof_is_sticky),
    cmocka_unit_test (test_huge_line),
    cmocka_unit_test (test_token_names),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_match.c: unit tests of the audit module's port and check_type matchers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "match.h"
#include "policy_dir.h"

/* {=====================================================================
** Helpers
** ====================================================================== */

static audit_match
ports (const char *spec, long port)
{
  char *err = NULL;
  audit_match m = audit_ports_match (spec, strlen (spec), port, &err);
  if (m == AUDIT_MATCH_ERROR)
    print_message ("unexpected error: %s\n", err ? err : "(none)");
  g_free (err);
  return m;
}

/* The error message of a spec that must fail to compile (with a time limit
** no machine reaches: results must not depend on speed, valgrind or load). */
static char *
ports_error (const char *spec)
{
  char *err = NULL;
  audit_portspec *ps = audit_portspec_new_limited (spec, strlen (spec), 600000, &err);
  assert_null (ps);
  assert_non_null (err);
  return err;
}

static audit_match
check (const char *op, const char *policy, const char *value)
{
  char *err = NULL;
  audit_match m = audit_check_match (op, strlen (op), policy, strlen (policy), value,
                                     strlen (value), &err);
  if (m == AUDIT_MATCH_ERROR)
    print_message ("unexpected error: %s\n", err ? err : "(none)");
  else
    assert_null (err);
  g_free (err);
  return m;
}

/* The message of a check that must fail to compile. */
static char *
check_compile_error (const char *op, const char *policy)
{
  char *err = NULL;
  audit_check *c = audit_check_new (op, strlen (op), policy, strlen (policy), &err);
  assert_null (c);
  assert_non_null (err);
  return err;
}

#define YES AUDIT_MATCH_YES
#define NO AUDIT_MATCH_NO

/* }===================================================================== */

/* {=====================================================================
** Port specs
** ====================================================================== */

static void
test_ports_numbers (void **state)
{
  assert_int_equal (ports ("80,443", 80), YES);
  assert_int_equal (ports ("80,443", 443), YES);
  assert_int_equal (ports ("80,443", 8080), NO);
  assert_int_equal (ports (" 80 ,\t443 ", 443), YES);
  assert_int_equal (ports ("0", 0), YES);
  assert_int_equal (ports ("00080", 80), YES);
  assert_int_equal (ports ("65535", 65535), YES);
  assert_int_equal (ports ("\"80\", '443'", 443), YES);
  assert_int_equal (ports ("80,,443,", 443), YES);
}

static void
test_ports_ranges (void **state)
{
  assert_int_equal (ports ("1024-1030", 1023), NO);
  assert_int_equal (ports ("1024-1030", 1024), YES);
  assert_int_equal (ports ("1024-1030", 1030), YES);
  assert_int_equal (ports ("1024-1030", 1031), NO);
  assert_int_equal (ports ("22, 10 - 20", 15), YES);
  assert_int_equal (ports ("5-5", 5), YES);
  assert_int_equal (ports ("0-65535", 65535), YES);
}

static void
test_ports_regex_anchored (void **state)
{
  assert_int_equal (ports ("800[0-9]+", 8001), YES);
  assert_int_equal (ports ("800[0-9]+", 8009), YES);
  assert_int_equal (ports ("800[0-9]+", 18001), NO);
  assert_int_equal (ports ("800[0-9]+", 800), NO);
  assert_int_equal (ports ("8[0-9]+", 80), YES);
  assert_int_equal (ports ("80,135,8[0-9]+,18208", 18208), YES);
  assert_int_equal (ports ("80,135,8[0-9]+", 38311), NO);
  /* alternation must match the whole port too */
  assert_int_equal (ports ("80|443", 443), YES);
  assert_int_equal (ports ("80|443", 8443), NO);
  assert_int_equal (ports ("80|443", 4430), NO);
  /* a comma inside {} belongs to the regex */
  assert_int_equal (ports ("8[0-9]{1,3}, 22", 8080), YES);
  assert_int_equal (ports ("8[0-9]{1,3}, 22", 80808), NO);
  assert_int_equal (ports ("8[0-9]{1,3}, 22", 22), YES);
  assert_int_equal (ports ("808[0-9]", 8089), YES);
  assert_int_equal (ports (".*", 1), YES);
}

static void
test_ports_empty_and_out_of_range (void **state)
{
  char *err = NULL;
  audit_portspec *ps = audit_portspec_new ("", 0, &err);
  assert_non_null (ps);
  assert_int_equal (audit_portspec_count (ps), 0);
  assert_int_equal (audit_portspec_match (ps, 80, &err), NO);
  audit_portspec_free (ps);
  ps = audit_portspec_new (" , ,", 4, &err);
  assert_int_equal (audit_portspec_count (ps), 0);
  assert_int_equal (audit_portspec_match (ps, 0, &err), NO);
  audit_portspec_free (ps);
  assert_null (err);

  assert_int_equal (ports (".*", -1), NO);
  assert_int_equal (ports (".*", 65536), NO);
  assert_int_equal (ports ("0-65535", 70000), NO);
}

/* The message for spec SPEC, "port list element 'E'" + REST. */
static void
expect_element_error (const char *spec, const char *element, const char *rest)
{
  char *err = ports_error (spec);
  char *want = g_strdup_printf ("port list element '%s'%s", element, rest);
  assert_string_equal (err, want);
  g_free (want);
  g_free (err);
  /* the one-shot forms say the same */
  want = audit_ports_validate (spec, strlen (spec));
  assert_non_null (want);
  err = NULL;
  assert_int_equal (audit_ports_match (spec, strlen (spec), 80, &err), AUDIT_MATCH_ERROR);
  assert_string_equal (err, want);
  g_free (want);
  g_free (err);
}

#define NOT_AN_ELEMENT " is not a port number, a range a-b or a port regex: "

static void
test_ports_errors (void **state)
{
  expect_element_error ("80, 8[0-9", "8[0-9",
                        NOT_AN_ELEMENT "invalid regex: missing terminating ] for character "
                                       "class at offset 5");
  expect_element_error ("70000", "70000", ": port number out of range 0-65535");
  expect_element_error ("0000000000000000000080,99999999999999999999", "99999999999999999999",
                        ": port number out of range 0-65535");
  expect_element_error ("20-10", "20-10", ": range start greater than range end");
  expect_element_error ("1-99999", "1-99999", ": range bound out of range 0-65535");
  expect_element_error ("70000 - 1", "70000 - 1", ": range bound out of range 0-65535");
  expect_element_error ("*", "*",
                        NOT_AN_ELEMENT "invalid regex: quantifier does not follow a repeatable "
                                       "item at offset 0");
  expect_element_error ("(", "(", NOT_AN_ELEMENT "invalid regex: missing closing parenthesis at offset 1");
  /* err may be NULL */
  assert_int_equal (audit_ports_match ("(", 1, 80, NULL), AUDIT_MATCH_ERROR);
  assert_null (audit_portspec_new ("(", 1, NULL));
}

/* Typos that used to become regexes matching nothing (issue 7 §1.4). */
static void
test_ports_typos (void **state)
{
  expect_element_error ("23 25", "23 25", NOT_AN_ELEMENT "' ' is not allowed");
  expect_element_error ("21;23", "21;23", NOT_AN_ELEMENT "';' is not allowed");
  expect_element_error ("22, -1", "-1", NOT_AN_ELEMENT "the regex matches no port 0-65535");
  expect_element_error ("0x17", "0x17", NOT_AN_ELEMENT "'x' is not allowed");
  expect_element_error ("@TELNET_PORTS@", "@TELNET_PORTS@", NOT_AN_ELEMENT "'@' is not allowed");
  expect_element_error ("ssh", "ssh", NOT_AN_ELEMENT "'s' is not allowed");
  expect_element_error ("7{9}", "7{9}", NOT_AN_ELEMENT "the regex matches no port 0-65535");
  expect_element_error ("23\t25", "23\\x0925", NOT_AN_ELEMENT "'\\x09' is not allowed");
  expect_element_error ("80-", "80-", NOT_AN_ELEMENT "the regex matches no port 0-65535");
  expect_element_error ("1-2-3", "1-2-3", NOT_AN_ELEMENT "the regex matches no port 0-65535");
  expect_element_error ("\"23", "\"23", NOT_AN_ELEMENT "'\"' is not allowed");
  expect_element_error ("80:443", "80:443", NOT_AN_ELEMENT "':' is not allowed");
  {
    /* every port text is a prefix of a match: the whole tree is searched */
    char *err = ports_error ("[0-9]{6}");
    assert_string_equal (err, "port list element '[0-9]{6}'" NOT_AN_ELEMENT
                              "the regex matches no port 0-65535");
    g_free (err);
  }
  expect_element_error ("6553[6-9]", "6553[6-9]", NOT_AN_ELEMENT "the regex matches no port 0-65535");
  /* leading zeros: a regex sees the port's own decimal text */
  expect_element_error ("0[0-9]+", "0[0-9]+", NOT_AN_ELEMENT "the regex matches no port 0-65535");
  /* escapes: only \d */
  expect_element_error ("\\w+", "\\w+", NOT_AN_ELEMENT "'\\w' is not allowed");
  expect_element_error ("8\\", "8\\", NOT_AN_ELEMENT "'\\' is not allowed");
  expect_element_error ("\\D", "\\D", NOT_AN_ELEMENT "'\\D' is not allowed");
  /* no special groups, no possessive quantifiers (outside a class) */
  expect_element_error ("(?0)", "(?0)", NOT_AN_ELEMENT "'(?' is not allowed");
  expect_element_error ("(?|8|9)0", "(?|8|9)0", NOT_AN_ELEMENT "'(?' is not allowed");
  expect_element_error ("8++", "8++", NOT_AN_ELEMENT "'++' is not allowed");
  expect_element_error ("8*+0", "8*+0", NOT_AN_ELEMENT "'*+' is not allowed");
  expect_element_error ("80?+", "80?+", NOT_AN_ELEMENT "'?+' is not allowed");
  expect_element_error ("8{2}+", "8{2}+", NOT_AN_ELEMENT "'}+' is not allowed");
  /* non-ASCII bytes are quoted as \xHH; long elements are cut after 60 bytes */
  expect_element_error ("80,\xc3\xa9", "\\xc3\\xa9", NOT_AN_ELEMENT "'\\xc3' is not allowed");
  {
    GString *big = g_string_new ("1");
    char *want;
    for (int i = 0; i < 70; i++)
      g_string_append (big, "0");
    g_string_append (big, "x");
    want = g_strdup_printf ("%.60s...", big->str);
    expect_element_error (big->str, want, NOT_AN_ELEMENT "'x' is not allowed");
    g_free (want);
    g_string_free (big, TRUE);
  }
}

/* Regexes that are allowed: plain regular expressions over the port digits. */
static void
test_ports_regex_allowed (void **state)
{
  assert_int_equal (ports ("800[0-9]+", 8009), YES);
  assert_int_equal (ports ("\\d{2}", 22), YES);
  assert_int_equal (ports ("\\d{2}", 222), NO);
  assert_int_equal (ports ("[\\d]3", 23), YES);
  assert_int_equal (ports ("^(80|443)$", 443), YES);
  assert_int_equal (ports ("8+?0", 880), YES);
  assert_int_equal (ports ("8??0", 80), YES);
  assert_int_equal (ports ("(1|12)+2", 122), YES);
  assert_int_equal (ports ("[^1-9]", 0), YES);
  assert_int_equal (ports ("[^1-9]", 1), NO);
  /* inside a class, '+' and '?' are literal: allowed, they just never match */
  assert_int_equal (ports ("[0-9+*]+", 99), YES);
  assert_int_equal (ports ("[]0-9]", 7), YES);
  assert_int_equal (ports ("6553[0-5]", 65535), YES);
  assert_int_equal (ports ("6553[0-5]", 65536), NO);
  assert_int_equal (ports ("(0|[1-9]\\d*)", 65535), YES);
  /* time exponential for backtracking, linear for the search used here */
  assert_int_equal (ports ("(\\d?" "?){12}\\d{5}", 12345), YES);
  assert_null (audit_ports_validate ("80, 8[0-9]+, 1024-2048", 22));
  assert_null (audit_ports_validate ("", 0));
}

/* Does PAT (anchored both ends, as pcre2 backtracking runs it) match the
** text of some port?  The plain, exhaustive answer. */
static bool
brute_force_matches_some_port (const char *pat)
{
  int ecode;
  PCRE2_SIZE eoff;
  pcre2_code *code = pcre2_compile ((PCRE2_SPTR) pat, strlen (pat),
                                    PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &ecode, &eoff, NULL);
  pcre2_match_data *md = pcre2_match_data_create (1, NULL);
  bool found = false;

  assert_non_null (code);
  for (long p = 0; p <= 65535 && !found; p++)
    {
      char buf[8];
      int n = g_snprintf (buf, sizeof buf, "%ld", p);
      found = pcre2_match (code, (PCRE2_SPTR) buf, (size_t) n, 0, 0, md, NULL) >= 0;
    }
  pcre2_match_data_free (md);
  pcre2_code_free (code);
  return found;
}

/* The search for a port an element matches agrees with trying every port. */
static void
test_ports_search_exact (void **state)
{
  static const char *const pats[] = {
    "6553[5-9]", "6553[6-9]", "(1|22|333|4444|55555)6", "[1-9]0{4}", "[7-9]\\d{4}",
    "(0|00)+", "0\\d", "(\\d?" "?){12}\\d{5}", "((6|5)5){2}3[0-5]", "[^0-5]{5}",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (pats); i++)
    {
      char *err = NULL;
      audit_portspec *ps = audit_portspec_new_limited (pats[i], strlen (pats[i]), 600000, &err);
      bool expect = brute_force_matches_some_port (pats[i]);

      if ((ps != NULL) != expect)
        fail_msg ("'%s': search says %s, every port says %s", pats[i], ps ? "valid" : err,
                  expect ? "valid" : "no port");
      if (!expect)
        assert_non_null (strstr (err, "the regex matches no port 0-65535"));
      audit_portspec_free (ps);
      g_free (err);
    }
}

/* A search for a matching port that runs out of time is an error. */
static void
test_ports_search_time_limit (void **state)
{
  char *err = NULL;
  audit_portspec *ps = audit_portspec_new_limited ("80, 8[0-9]+", 11, 0, &err);

  assert_null (ps);
  assert_string_equal (err, "port list element '8[0-9]+'" NOT_AN_ELEMENT
                            "finding a port it matches took more than 0 ms");
  g_free (err);
  err = NULL;
  /* numbers and ranges need no search */
  ps = audit_portspec_new_limited ("80, 1-5", 7, 0, &err);
  assert_non_null (ps);
  assert_null (err);
  audit_portspec_free (ps);
}

static void
test_ports_reuse_and_limits (void **state)
{
  char *err = NULL;
  const char *spec = "80, 443, 1024-2048, 8[0-9]+, 5[0-9]{3}";
  audit_portspec *ps = audit_portspec_new (spec, strlen (spec), &err);
  long hits = 0;
  assert_non_null (ps);
  assert_int_equal (audit_portspec_count (ps), 5);
  for (long p = 0; p <= 65535; p++)
    hits += audit_portspec_match (ps, p, &err) == YES;
  /* 80 and 443; 1024-2048; 80-89, 800-899, 8000-8999 (80 counted once); 5000-5999 */
  assert_int_equal (hits, 2 + 1025 + (10 + 100 + 1000 - 1) + 1000);
  audit_portspec_free (ps);
  assert_null (err);

  {
    GString *big = g_string_new (NULL);
    for (unsigned i = 0; i <= AUDIT_MATCH_MAX_ELEMENTS; i++)
      g_string_append (big, "1,");
    ps = audit_portspec_new (big->str, big->len, &err);
    assert_null (ps);
    assert_string_equal (err, "port list has more than 4096 elements");
    g_free (err);
    err = NULL;
    g_string_set_size (big, AUDIT_MATCH_MAX_SPEC + 1);
    memset (big->str, ' ', big->len);
    ps = audit_portspec_new (big->str, big->len, &err);
    assert_null (ps);
    assert_string_equal (err, "port list too long (65537 bytes, limit 65536)");
    g_free (err);
    g_string_free (big, TRUE);
  }
}

/* }===================================================================== */

/* {=====================================================================
** check_type: operators
** ====================================================================== */

static void
test_op_names (void **state)
{
  audit_check_op op = AUDIT_CHECK_SUPERSET;
  assert_int_equal (audit_check_op_parse ("", 0, &op), 0);
  assert_int_equal (op, AUDIT_CHECK_EQUAL);
  assert_int_equal (audit_check_op_parse (NULL, 0, &op), 0);
  assert_int_equal (op, AUDIT_CHECK_EQUAL);
  assert_int_equal (audit_check_op_parse (" check_regex ", 13, &op), 0);
  assert_int_equal (op, AUDIT_CHECK_REGEX);
  assert_int_equal (audit_check_op_parse ("CHECK_LESS_THAN_OR_EQUAL", 24, &op), 0);
  assert_int_equal (op, AUDIT_CHECK_LESS_THAN_OR_EQUAL);
  assert_int_equal (audit_check_op_parse ("CHECK_LESS_THAN", 15, &op), 0);
  assert_int_equal (op, AUDIT_CHECK_LESS_THAN);
  assert_int_equal (audit_check_op_parse ("CHECK_FOO", 9, &op), -1);
  assert_int_equal (audit_check_op_parse ("CHECK_EQUALX", 12, &op), -1);
  for (int i = 0; i < AUDIT_CHECK_N_OPS; i++)
    {
      const char *name = audit_check_op_name ((audit_check_op) i);
      assert_non_null (name);
      assert_int_equal (audit_check_op_parse (name, strlen (name), &op), 0);
      assert_int_equal (op, i);
    }
  assert_null (audit_check_op_name (AUDIT_CHECK_N_OPS));

  {
    char *err = check_compile_error ("CHECK_FOO", "x");
    assert_string_equal (err, "unknown check_type 'CHECK_FOO'");
    g_free (err);
  }
}

static void
test_equal_text (void **state)
{
  assert_int_equal (check ("CHECK_EQUAL", "System", "system"), YES);
  assert_int_equal (check ("", "System", "SYSTEM \r\n"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "System", "Systemx"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "\"System\" || \"foo.exe\"", "FOO.EXE"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "\"System\" || \"foo.exe\"", "bar.exe"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "'a b' || 'c'", "A B"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "\"say \\\"hi\\\"\" || \"x\"", "say \"hi\""), YES);
  assert_int_equal (check ("CHECK_EQUAL", "\"C:\\\\Windows\" || \"x\"", "c:\\windows"), YES);
  /* a quote that does not close an operand is text */
  assert_int_equal (check ("CHECK_EQUAL", "\"hi\" there", "\"HI\" there"), YES);
  /* Unicode case folding for valid UTF-8 */
  assert_int_equal (check ("CHECK_EQUAL", "\xc3\x84" "BC", "\xc3\xa4" "bc"), YES);
  /* empty policy equals an empty value only */
  assert_int_equal (check ("CHECK_EQUAL", "", ""), YES);
  assert_int_equal (check ("CHECK_EQUAL", "  ", "x"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "\"\" || \"x\"", ""), YES);
}

static void
test_equal_numbers_and_ranges (void **state)
{
  assert_int_equal (check ("CHECK_EQUAL", "0 || 1 || 2", "2"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "0 || 1 || 2", "3"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "0 || 1 || 2", "0x2"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "16", "+0x10"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "0x800010AB", "2147487915"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "-0x10", "-16"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "007", "7"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[22..MAX] || 20", "20"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[22..MAX] || 20", "21"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "[22..MAX] || 20", "22"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[22..MAX] || 20", "9999999999"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[MIN..+10]", "-5"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[MIN..+10]", "11"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "[11..9841]", "9841"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[ 11 .. 0x20 ]", "32"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[11..9841]", "abc"), NO);
  assert_int_equal (check ("CHECK_EQUAL", "[min..max]", "0"), YES);
  /* not a range: compared as text */
  assert_int_equal (check ("CHECK_EQUAL", "[a..b]", "[A..B]"), YES);
  /* a value out of the 64-bit range is text */
  assert_int_equal (check ("CHECK_EQUAL", "99999999999999999999", "99999999999999999999"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "[0..MAX]", "99999999999999999999"), NO);
  {
    char *err = check_compile_error ("CHECK_EQUAL", "1 || [10..5]");
    assert_string_equal (err, "empty range '[10..5]' in policy value");
    g_free (err);
  }
}

static void
test_and_or (void **state)
{
  assert_int_equal (check ("CHECK_EQUAL", "\"a\" && \"a\"", "a"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "\"a\" && \"b\"", "a"), NO);
  /* && binds tighter: (a && b) || c */
  assert_int_equal (check ("CHECK_EQUAL", "\"a\" && \"b\" || \"c\"", "c"), YES);
  assert_int_equal (check ("CHECK_EQUAL", "\"a\" && \"b\" || \"c\"", "a"), NO);
  /* a || (b && c): value a holds */
  assert_int_equal (check ("CHECK_EQUAL", "a || b && c", "a"), YES);
  assert_int_equal (check ("CHECK_REGEX", "\"^a\" && \"b$\"", "axb"), YES);
  assert_int_equal (check ("CHECK_REGEX", "\"^a\" && \"b$\"", "axc"), NO);
  assert_int_equal (check ("CHECK_GREATER_THAN", "1 && 5", "3"), NO);
  assert_int_equal (check ("CHECK_GREATER_THAN", "1 && 2", "3"), YES);
}

static void
test_policy_syntax_errors (void **state)
{
  char *err = check_compile_error ("CHECK_EQUAL", "\"a\" ||");
  assert_string_equal (err, "policy value ends after '||'");
  g_free (err);
  err = check_compile_error ("CHECK_EQUAL", "\"a\" &&  ");
  assert_string_equal (err, "policy value ends after '&&'");
  g_free (err);
  err = check_compile_error ("CHECK_EQUAL", "|| \"a\"");
  assert_string_equal (err, "empty operand before '||' in policy value");
  g_free (err);
  err = check_compile_error ("CHECK_EQUAL", "\"a\" || && \"b\"");
  assert_string_equal (err, "empty operand after '||' in policy value");
  g_free (err);
}

static void
test_not_equal (void **state)
{
  assert_int_equal (check ("CHECK_NOT_EQUAL", "Administrator", "administrator"), NO);
  assert_int_equal (check ("CHECK_NOT_EQUAL", "Administrator", "guest"), YES);
  /* true when the value equals none of the alternatives */
  assert_int_equal (check ("CHECK_NOT_EQUAL", "\"a\" || \"b\"", "c"), YES);
  assert_int_equal (check ("CHECK_NOT_EQUAL", "\"a\" || \"b\"", "b"), NO);
  assert_int_equal (check ("CHECK_NOT_EQUAL", "[1..5]", "3"), NO);
  assert_int_equal (check ("CHECK_NOT_EQUAL", "[1..5]", "6"), YES);
}

static void
test_regex (void **state)
{
  assert_int_equal (check ("CHECK_REGEX", "\"foo.exe\" || \"vss.+\"", "VSSVC.exe"), YES);
  assert_int_equal (check ("CHECK_REGEX", "\"foo.exe\" || \"vss.+\"", "bar.exe"), NO);
  assert_int_equal (check ("CHECK_REGEX", "vss", "xvssx"), YES);
  assert_int_equal (check ("CHECK_REGEX", "^vss", "xvss"), NO);
  assert_int_equal (check ("CHECK_REGEX", "^svchost\\.exe$", "svchost.exe\r\n"), YES);
  assert_int_equal (check ("CHECK_REGEX", "\xc3\xa9+", "\xc3\x89\xc3\x89"), YES);
  /* a value that is not valid UTF-8 is still searched */
  assert_int_equal (check ("CHECK_REGEX", "a.c", "a\xff" "c"), YES);
  /* a pattern that is not valid UTF-8 runs in byte mode */
  assert_int_equal (check ("CHECK_REGEX", "\xff", "x\xffy"), YES);
  assert_int_equal (check ("CHECK_REGEX", "\xff", "xy"), NO);
  assert_int_equal (check ("CHECK_NOT_REGEX", "\"foo.exe\" || \"vss.+\"", "bar.exe"), YES);
  assert_int_equal (check ("CHECK_NOT_REGEX", "\"foo.exe\" || \"vss.+\"", "vss.exe"), NO);
  {
    char *err = check_compile_error ("CHECK_REGEX", "\"ok\" || \"vss(\"");
    assert_string_equal (err, "invalid regex 'vss(': missing closing parenthesis at offset 4");
    g_free (err);
    err = check_compile_error ("CHECK_NOT_REGEX", "a{2,1}");
    assert_string_equal (err,
                         "invalid regex 'a{2,1}': numbers out of order in {} quantifier at "
                         "offset 5");
    g_free (err);
  }
  /* in other operators, a regex-looking operand is just text */
  assert_int_equal (check ("CHECK_EQUAL", "vss(", "VSS("), YES);
}

static void
test_regex_limit (void **state)
{
  const char *value = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
  const char *ops[] = { "CHECK_REGEX", "CHECK_NOT_REGEX" };
  for (int i = 0; i < 2; i++)
    {
      char *err = NULL;
      gint64 t0 = g_get_monotonic_time ();
      audit_match m = audit_check_match (ops[i], strlen (ops[i]), "(a+)+$", 6, value,
                                         strlen (value), &err);
      gint64 elapsed = g_get_monotonic_time () - t0;
      assert_int_equal (m, AUDIT_MATCH_ERROR);
      assert_string_equal (err, "regex '(a+)+$': match limit exceeded");
      assert_true (elapsed < 2 * G_USEC_PER_SEC);
      g_free (err);
    }
  /* an error in an evaluated alternative is the result */
  {
    char *err = NULL;
    const char *pol = "\"nomatch\" || \"(a+)+$\" || \"a\"";
    assert_int_equal (audit_check_match ("CHECK_REGEX", 11, pol, strlen (pol), value,
                                         strlen (value), &err),
                      AUDIT_MATCH_ERROR);
    assert_non_null (err);
    g_free (err);
  }
  /* thousands of expensive alternatives stop at the wall-clock bound */
  {
    char *err = NULL;
    GString *pol = g_string_new ("\"(a+)+$\"");
    const char *v16 = "aaaaaaaaaaaaaaaa!";
    gint64 t0;
    audit_match m;
    for (unsigned i = 1; i < AUDIT_MATCH_MAX_ELEMENTS; i++)
      g_string_append (pol, " || \"(a+)+$\"");
    t0 = g_get_monotonic_time ();
    m = audit_check_match ("CHECK_REGEX", 11, pol->str, pol->len, v16, strlen (v16), &err);
    assert_true (g_get_monotonic_time () - t0 < (AUDIT_CHECK_TIME_LIMIT_MS + 2000) * 1000LL);
    if (m == AUDIT_MATCH_ERROR)
      assert_string_equal (err, "policy evaluation exceeded 2000 ms");
    else
      assert_int_equal (m, NO); /* a machine fast enough to finish in time */
    g_free (err);
    g_string_free (pol, TRUE);
  }
  /* deep nesting on a long value hits a limit, not the stack */
  {
    char *err = NULL;
    GString *v = g_string_new (NULL);
    for (int i = 0; i < 200000; i++)
      g_string_append_c (v, 'a');
    g_string_append_c (v, '!');
    assert_int_equal (audit_check_match ("CHECK_REGEX", 11, "^(a|b)*$", 8, v->str, v->len, &err),
                      AUDIT_MATCH_ERROR);
    assert_non_null (err);
    g_free (err);
    g_string_free (v, TRUE);
  }
}

static void
test_numeric_compare (void **state)
{
  assert_int_equal (check ("CHECK_GREATER_THAN", "10", "11"), YES);
  assert_int_equal (check ("CHECK_GREATER_THAN", "10", "10"), NO);
  assert_int_equal (check ("CHECK_GREATER_THAN_OR_EQUAL", "10", "10"), YES);
  assert_int_equal (check ("CHECK_GREATER_THAN_OR_EQUAL", "10", "9"), NO);
  assert_int_equal (check ("CHECK_LESS_THAN", "10", "9"), YES);
  assert_int_equal (check ("CHECK_LESS_THAN", "10", "10"), NO);
  assert_int_equal (check ("CHECK_LESS_THAN_OR_EQUAL", "10", "10"), YES);
  assert_int_equal (check ("CHECK_LESS_THAN_OR_EQUAL", "10", "11"), NO);
  assert_int_equal (check ("CHECK_GREATER_THAN", "0x10", "17"), YES);
  assert_int_equal (check ("CHECK_GREATER_THAN", "-1", "0"), YES);
  assert_int_equal (check ("CHECK_LESS_THAN", "5 || 100", "50"), YES);
  /* a remote value that is not a number never compares */
  assert_int_equal (check ("CHECK_GREATER_THAN", "1", "abc"), NO);
  assert_int_equal (check ("CHECK_LESS_THAN", "1", ""), NO);
  {
    char *err = check_compile_error ("CHECK_GREATER_THAN", "abc");
    assert_string_equal (err, "CHECK_GREATER_THAN needs a number, got 'abc'");
    g_free (err);
    err = check_compile_error ("CHECK_LESS_THAN", "[1..5]");
    assert_string_equal (err, "CHECK_LESS_THAN needs a number, got '[1..5]'");
    g_free (err);
  }
}

static void
test_list_operators (void **state)
{
  const char *both = "\"Administrators\" && \"Backup Operators\"";
  const char *either = "\"Administrators\" || \"Backup Operators\"";
  assert_int_equal (check ("CHECK_EQUAL_ANY", both, "administrators\nBackup Operators\nUsers"),
                    YES);
  assert_int_equal (check ("CHECK_EQUAL_ANY", both, "Administrators"), NO);
  assert_int_equal (check ("CHECK_EQUAL_ANY", either, "Users, Administrators"), YES);
  assert_int_equal (check ("CHECK_EQUAL_ANY", either, "Users"), NO);
  assert_int_equal (check ("CHECK_EQUAL_ANY", "[1..3]", "7,2"), YES);
  assert_int_equal (check ("CHECK_EQUAL_ANY", "[1..3]", "7,9"), NO);
  assert_int_equal (check ("CHECK_NOT_EQUAL_ANY", either, "Users"), YES);
  assert_int_equal (check ("CHECK_NOT_EQUAL_ANY", either, "Users\r\nadministrators\r\n"), NO);

  assert_int_equal (check ("CHECK_SUBSET", "\"a\" || \"b\" || \"c\"", "a,b"), YES);
  assert_int_equal (check ("CHECK_SUBSET", "\"a\" || \"b\" || \"c\"", "a,d"), NO);
  assert_int_equal (check ("CHECK_SUBSET", "\"a\" || \"b\" || \"c\"", ""), YES);
  assert_int_equal (check ("CHECK_SUBSET", "[1..5] || 10", "2,3,0xA"), YES);
  assert_int_equal (check ("CHECK_SUBSET", "[1..5] || 10", "2,6"), NO);

  assert_int_equal (check ("CHECK_SUPERSET", "\"a\" && \"b\"", "a\nb\nc"), YES);
  assert_int_equal (check ("CHECK_SUPERSET", "\"a\" && \"b\"", "A"), NO);
  /* operands count whatever joins them */
  assert_int_equal (check ("CHECK_SUPERSET", "\"a\" || \"b\"", "a"), NO);
  assert_int_equal (check ("CHECK_SUPERSET", "\"a\" || \"b\"", "b,a"), YES);

  {
    char *err = NULL;
    GString *v = g_string_new (NULL);
    for (unsigned i = 0; i <= AUDIT_MATCH_MAX_REMOTE_ITEMS; i++)
      g_string_append (v, "x,");
    assert_int_equal (audit_check_match ("CHECK_SUBSET", 12, "x", 1, v->str, v->len, &err),
                      AUDIT_MATCH_ERROR);
    assert_string_equal (err, "remote value has more than 65536 list elements");
    g_free (err);
    g_string_free (v, TRUE);
  }
}

static void
test_compiled_reuse (void **state)
{
  char *err = NULL;
  const char *pol = "\"svchost.exe\" || \"lsass.exe\" || 4";
  audit_check *c = audit_check_new ("CHECK_EQUAL", 11, pol, strlen (pol), &err);
  assert_non_null (c);
  assert_int_equal (audit_check_get_op (c), AUDIT_CHECK_EQUAL);
  assert_int_equal (audit_check_count (c), 3);
  assert_int_equal (audit_check_eval (c, "LSASS.EXE", 9, &err), YES);
  assert_int_equal (audit_check_eval (c, "4", 1, &err), YES);
  assert_int_equal (audit_check_eval (c, "x", 1, &err), NO);
  assert_int_equal (audit_check_eval (c, NULL, 0, &err), NO);
  /* embedded NUL bytes are data */
  assert_int_equal (audit_check_eval (c, "lsass.exe\0x", 11, &err), NO);
  assert_null (err);
  audit_check_free (c);
  audit_check_free (NULL);
  audit_portspec_free (NULL);

  {
    GString *big = g_string_new ("1");
    for (unsigned i = 0; i < AUDIT_MATCH_MAX_ELEMENTS; i++)
      g_string_append (big, "||1");
    c = audit_check_new ("", 0, big->str, big->len, &err);
    assert_null (c);
    assert_string_equal (err, "policy value has more than 4096 operands");
    g_free (err);
    g_string_free (big, TRUE);
  }
}

/* }===================================================================== */

/* {=====================================================================
** Policy directories
** ====================================================================== */

static void
touch (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  assert_true (g_file_set_contents (path, "x", 1, NULL));
  g_free (path);
}

static void
test_policy_dir (void **state)
{
  char *dir = g_dir_make_tmp ("test_match_XXXXXX", NULL);
  char *sub, *err = NULL;
  GPtrArray *list;

  assert_non_null (dir);
  touch (dir, "b.audit");
  touch (dir, "a.audit");
  touch (dir, "X.AUDIT");
  touch (dir, ".hidden.audit");
  touch (dir, "notes.txt");
  touch (dir, "audit");
  sub = g_build_filename (dir, "dir.audit", NULL);
  assert_int_equal (g_mkdir (sub, 0700), 0);

  list = audit_policy_dir_list (dir, &err);
  assert_non_null (list);
  assert_null (err);
  assert_int_equal (list->len, 3);
  {
    char *x = g_build_filename (dir, "X.AUDIT", NULL), *a = g_build_filename (dir, "a.audit", NULL),
         *b = g_build_filename (dir, "b.audit", NULL);
    assert_string_equal (g_ptr_array_index (list, 0), x);
    assert_string_equal (g_ptr_array_index (list, 1), a);
    assert_string_equal (g_ptr_array_index (list, 2), b);
    g_free (x), g_free (a), g_free (b);
  }
  g_ptr_array_free (list, TRUE);

  /* a trailing slash does not double */
  {
    char *withslash = g_strconcat (dir, "/", NULL), *a = g_build_filename (dir, "a.audit", NULL);
    list = audit_policy_dir_list (withslash, &err);
    assert_string_equal (g_ptr_array_index (list, 1), a);
    g_ptr_array_free (list, TRUE);
    g_free (withslash), g_free (a);
  }

  /* empty directory: empty list */
  list = audit_policy_dir_list (sub, &err);
  assert_non_null (list);
  assert_int_equal (list->len, 0);
  g_ptr_array_free (list, TRUE);

  list = audit_policy_dir_list ("/nonexistent-dir-for-test", &err);
  assert_null (list);
  assert_string_equal (err,
                       "cannot open policy directory '/nonexistent-dir-for-test': No such file "
                       "or directory");
  g_free (err);
  err = NULL;
  list = audit_policy_dir_list ("", &err);
  assert_null (list);
  assert_string_equal (err, "no policy directory given");
  g_free (err);

  /* cleanup */
  {
    const char *names[] = { "b.audit", "a.audit", "X.AUDIT", ".hidden.audit", "notes.txt", "audit" };
    for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
      {
        char *p = g_build_filename (dir, names[i], NULL);
        g_unlink (p);
        g_free (p);
      }
    g_rmdir (sub);
    g_rmdir (dir);
  }
  g_free (sub);
  g_free (dir);
}

/* }===================================================================== */

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_ports_numbers),
    cmocka_unit_test (test_ports_ranges),
    cmocka_unit_test (test_ports_regex_anchored),
    cmocka_unit_test (test_ports_empty_and_out_of_range),
    cmocka_unit_test (test_ports_errors),
    cmocka_unit_test (test_ports_typos),
    cmocka_unit_test (test_ports_regex_allowed),
    cmocka_unit_test (test_ports_search_exact),
    cmocka_unit_test (test_ports_search_time_limit),
    cmocka_unit_test (test_ports_reuse_and_limits),
    cmocka_unit_test (test_op_names),
    cmocka_unit_test (test_equal_text),
    cmocka_unit_test (test_equal_numbers_and_ranges),
    cmocka_unit_test (test_and_or),
    cmocka_unit_test (test_policy_syntax_errors),
    cmocka_unit_test (test_not_equal),
    cmocka_unit_test (test_regex),
    cmocka_unit_test (test_regex_limit),
    cmocka_unit_test (test_numeric_compare),
    cmocka_unit_test (test_list_operators),
    cmocka_unit_test (test_compiled_reuse),
    cmocka_unit_test (test_policy_dir),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_match.c: libFuzzer harness for the port-list and check_type matchers. */
/* FUZZ-SOURCES: nasl-ext/match.c */
/* FUZZ-PKGS: glib-2.0 libpcre2-8 */
/*
** Input: byte 0 picks the target.
**   even: a port spec (the rest), matched against a few fixed ports and
**         one port read from the spec's first two bytes; audit_ports_validate
**         must agree with audit_portspec_new, messages are printable ASCII
**         naming the list, a valid non-empty list matches some port, and
**         an element said to match no port matches none (every port tried);
**   odd:  byte 1 picks the operator, the rest is "POLICY\0VALUE".  The
**         operator and its NOT_ twin must give opposite answers unless one
**         is an error.
** Any inconsistency (an error without a message, a non-negated twin)
** aborts.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <glib.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A message is printable ASCII that names the port list or an element. */
static void
check_message (const char *err)
{
  if (strncmp (err, "port list ", 10) != 0)
    abort ();
  for (const char *c = err; *c; c++)
    if ((unsigned char) *c < 0x20 || (unsigned char) *c > 0x7e)
      abort ();
}

/* Every element of a valid list matches some port: so does the list. */
static void
check_matches_some_port (audit_portspec *ps)
{
  char *err = NULL;

  for (long p = 0; p <= 65535; p++)
    {
      audit_match m = audit_portspec_match (ps, p, &err);
      if (m == AUDIT_MATCH_YES || m == AUDIT_MATCH_ERROR)
        {
          g_free (err);
          return;
        }
    }
  abort ();
}

static int
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* An element found to match no port really matches none: every port is
** tried with plain backtracking (the oracle of the DFA-based search).
** Only for inputs that are one unquoted element. */
static void
check_no_port_claim (const char *s, size_t n, const char *err)
{
  const char *b = s, *e = s + n;
  gint64 give_up = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  pcre2_code *code;
  pcre2_match_data *md;
  pcre2_match_context *mctx;
  int ecode;
  PCRE2_SIZE eoff;

  if (!g_str_has_suffix (err, ": the regex matches no port 0-65535") || memchr (s, ',', n) != NULL
      || memchr (s, '"', n) != NULL || memchr (s, '\'', n) != NULL)
    return;
  while (b < e && is_blank (*b))
    b++;
  while (e > b && is_blank (e[-1]))
    e--;
  code = pcre2_compile ((PCRE2_SPTR) b, (size_t) (e - b), PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                        &ecode, &eoff, NULL);
  if (code == NULL)
    abort ();
  md = pcre2_match_data_create (1, NULL);
  mctx = pcre2_match_context_create (NULL);
  pcre2_set_match_limit (mctx, AUDIT_REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit (mctx, AUDIT_REGEX_DEPTH_LIMIT);
  /* a limit hit or a slow oracle (backtracking) is inconclusive: stop */
  for (long p = 0; p <= 65535 && g_get_monotonic_time () < give_up; p++)
    {
      char buf[8];
      int len = g_snprintf (buf, sizeof buf, "%ld", p);
      int r = pcre2_match (code, (PCRE2_SPTR) buf, (size_t) len, 0, 0, md, mctx);
      if (r >= 0)
        abort ();
      if (r != PCRE2_ERROR_NOMATCH)
        break;
    }
  pcre2_match_context_free (mctx);
  pcre2_match_data_free (md);
  pcre2_code_free (code);
}

static void
fuzz_ports (const char *s, size_t n)
{
  static const long fixed[] = { -1, 0, 1, 22, 80, 443, 8080, 65535, 65536 };
  char *err = NULL;
  char *verdict = audit_ports_validate (s, n);
  audit_portspec *ps = audit_portspec_new (s, n, &err);
  if (ps == NULL)
    {
      if (err == NULL)
        abort ();
      check_message (err);
      /* the validation entry point agrees (unless the time limit struck once) */
      if (verdict == NULL && strstr (err, " ms") == NULL)
        abort ();
      if (n % 8 == 0)
        check_no_port_claim (s, n, err);
      g_free (verdict);
      g_free (err);
      return;
    }
  if (verdict != NULL && strstr (verdict, " ms") == NULL)
    abort ();
  g_free (verdict);
  /* costly (up to 65536 matches): on a sample of the inputs */
  if (audit_portspec_count (ps) > 0 && n % 8 == 0)
    check_matches_some_port (ps);
  for (size_t i = 0; i <= G_N_ELEMENTS (fixed); i++)
    {
      long port = i < G_N_ELEMENTS (fixed) ? fixed[i]
                                           : (n >= 2 ? ((unsigned char) s[0] << 8 | (unsigned char) s[1]) : 7);
      audit_match m = audit_portspec_match (ps, port, &err);
      if (m == AUDIT_MATCH_ERROR && err == NULL)
        abort ();
      if ((port < 0 || port > 65535) && m != AUDIT_MATCH_NO)
        abort ();
      g_free (err);
      err = NULL;
    }
  audit_portspec_free (ps);
}

/* The NOT_ twin of an operator, or -1. */
static int
twin (audit_check_op op)
{
  switch (op)
    {
    case AUDIT_CHECK_EQUAL: return AUDIT_CHECK_NOT_EQUAL;
    case AUDIT_CHECK_REGEX: return AUDIT_CHECK_NOT_REGEX;
    case AUDIT_CHECK_EQUAL_ANY: return AUDIT_CHECK_NOT_EQUAL_ANY;
    default: return -1;
    }
}

static audit_match
run_check (audit_check_op op, const char *pol, size_t plen, const char *val, size_t vlen)
{
  const char *name = audit_check_op_name (op);
  char *err = NULL;
  audit_check *c = audit_check_new (name, strlen (name), pol, plen, &err);
  audit_match m;
  if (c == NULL)
    {
      if (err == NULL)
        abort ();
      g_free (err);
      return AUDIT_MATCH_ERROR;
    }
  m = audit_check_eval (c, val, vlen, &err);
  if ((m == AUDIT_MATCH_ERROR) != (err != NULL))
    abort ();
  g_free (err);
  audit_check_free (c);
  return m;
}

static void
fuzz_check (const char *s, size_t n)
{
  audit_check_op op;
  const char *nul, *val;
  size_t plen, vlen;
  int t;
  audit_match a, b;

  if (n < 1)
    return;
  op = (audit_check_op) ((unsigned char) s[0] % AUDIT_CHECK_N_OPS);
  s++, n--;
  nul = memchr (s, '\0', n);
  plen = nul ? (size_t) (nul - s) : n;
  val = nul ? nul + 1 : "";
  vlen = nul ? n - plen - 1 : 0;
  a = run_check (op, s, plen, val, vlen);
  t = twin (op);
  if (t < 0)
    return;
  b = run_check ((audit_check_op) t, s, plen, val, vlen);
  if (a != AUDIT_MATCH_ERROR && b != AUDIT_MATCH_ERROR && a == b)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  if (data[0] % 2 == 0)
    fuzz_ports ((const char *) data + 1, size - 1);
  else
    fuzz_check ((const char *) data + 1, size - 1);
  return 0;
}

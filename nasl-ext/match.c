/* SPDX-License-Identifier: GPL-2.0-or-later */
/* match.c: port-list and check_type matchers of the audit module. */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <glib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "match.h"

/* The longest piece of a policy quoted back in an error message. */
#define QUOTE_MAX 60

/* {=====================================================================
** Small text helpers
** ====================================================================== */

static int
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Narrows [*s, *s + *len) to drop leading and trailing blanks. */
static void
trim (const char **s, size_t *len)
{
  const char *p = *s;
  size_t n = *len;
  while (n > 0 && is_blank (p[0]))
    p++, n--;
  while (n > 0 && is_blank (p[n - 1]))
    n--;
  *s = p;
  *len = n;
}

/* A printable, length-bounded rendering of policy text for messages. */
static char *
quote_text (const char *s, size_t len)
{
  GString *out = g_string_new (NULL);
  size_t n = len > QUOTE_MAX ? QUOTE_MAX : len;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\x%02x", c);
    }
  if (n < len)
    g_string_append (out, "...");
  return g_string_free (out, FALSE);
}

static void
set_error (char **err, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
set_error (char **err, const char *fmt, ...)
{
  va_list ap;
  if (err == NULL)
    return;
  g_free (*err);
  va_start (ap, fmt);
  *err = g_strdup_vprintf (fmt, ap);
  va_end (ap);
}

/*
** Parses a whole (already trimmed) string as a signed 64-bit integer:
** optional '+' or '-', then decimal digits or 0x/0X and hex digits.
** Returns 1 and sets *out, or 0 when the text is not such a number or
** does not fit.
*/
static int
parse_int64 (const char *s, size_t len, gint64 *out)
{
  size_t i = 0;
  int neg = 0;
  guint64 acc = 0, limit;
  unsigned base = 10;

  if (i < len && (s[i] == '+' || s[i] == '-'))
    neg = s[i++] == '-';
  if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
    base = 16, i += 2;
  if (i == len)
    return 0;
  limit = neg ? (guint64) G_MAXINT64 + 1u : (guint64) G_MAXINT64;
  for (; i < len; i++)
    {
      int d = g_ascii_xdigit_value (s[i]);
      if (d < 0 || (unsigned) d >= base)
        return 0;
      if (acc > (limit - (unsigned) d) / base)
        return 0;
      acc = acc * base + (unsigned) d;
    }
  *out = neg ? (gint64) (0 - acc) : (gint64) acc;
  return 1;
}

/* }===================================================================== */

/* {=====================================================================
** Regular expressions under limits
** ====================================================================== */

typedef struct match_regex {
  pcre2_code *code;
  pcre2_match_context *mctx;
  pcre2_match_data *md;
  char *shown; /* the pattern as quoted in messages */
} match_regex;

static void
regex_free (match_regex *re)
{
  if (re == NULL)
    return;
  pcre2_code_free (re->code);
  pcre2_match_context_free (re->mctx);
  pcre2_match_data_free (re->md);
  g_free (re->shown);
  g_free (re);
}

static void
regex_free_cb (gpointer p)
{
  regex_free (p);
}

static int
is_utf_error (int code)
{
  return code <= PCRE2_ERROR_UTF8_ERR1 && code >= PCRE2_ERROR_UTF8_ERR21;
}

/*
** Compiles a policy regex.  UTF mode when the pattern is valid UTF-8,
** otherwise byte mode (where "(*UTF)" is refused).  Every match made with
** the result runs under the AUDIT_REGEX_* limits.  On failure *WHY (when
** WHY is not NULL) receives pcre2's reason: "MESSAGE at offset N".
*/
static match_regex *
regex_compile (const char *pat, size_t len, uint32_t options, char **why)
{
  int ecode = 0;
  PCRE2_SIZE eoff = 0;
  const uint32_t common = options | PCRE2_NEVER_BACKSLASH_C;
  pcre2_code *code;
  match_regex *re;

  code = pcre2_compile ((PCRE2_SPTR) (pat ? pat : ""), len, common | PCRE2_UTF, &ecode, &eoff,
                        NULL);
  if (code == NULL && is_utf_error (ecode))
    code = pcre2_compile ((PCRE2_SPTR) (pat ? pat : ""), len, common | PCRE2_NEVER_UTF, &ecode,
                          &eoff, NULL);
  if (code == NULL)
    {
      PCRE2_UCHAR msg[256];
      if (pcre2_get_error_message (ecode, msg, sizeof msg) < 0)
        g_strlcpy ((char *) msg, "unknown error", sizeof msg);
      set_error (why, "%s at offset %lu", (const char *) msg, (unsigned long) eoff);
      return NULL;
    }

  re = g_new0 (match_regex, 1);
  re->code = code;
  re->mctx = pcre2_match_context_create (NULL);
  pcre2_set_match_limit (re->mctx, AUDIT_REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit (re->mctx, AUDIT_REGEX_DEPTH_LIMIT);
  pcre2_set_heap_limit (re->mctx, AUDIT_REGEX_HEAP_LIMIT_KIB);
  re->md = pcre2_match_data_create (1, NULL);
  re->shown = quote_text (pat, len);
  return re;
}

/* Reports a failed pcre2_match as an error naming the pattern. */
static audit_match
regex_fail (const match_regex *re, int rc, char **err)
{
  PCRE2_UCHAR msg[256];
  if (pcre2_get_error_message (rc, msg, sizeof msg) < 0)
    g_strlcpy ((char *) msg, "unknown error", sizeof msg);
  set_error (err, "regex '%s': %s", re->shown, (const char *) msg);
  return AUDIT_MATCH_ERROR;
}

/*
** Unanchored search (unless the pattern was compiled anchored).  A subject
** that is not valid UTF-8 for a UTF pattern is searched once more after
** replacing its invalid sequences with U+FFFD.  Any limit hit is an error.
*/
static audit_match
regex_search (match_regex *re, const char *subj, size_t len, char **err)
{
  int rc = pcre2_match (re->code, (PCRE2_SPTR) (subj ? subj : ""), len, 0, 0, re->md, re->mctx);

  if (is_utf_error (rc))
    {
      char *valid = g_utf8_make_valid (subj, (gssize) len);
      rc = pcre2_match (re->code, (PCRE2_SPTR) valid, strlen (valid), 0, 0, re->md, re->mctx);
      g_free (valid);
    }
  if (rc >= 0)
    return AUDIT_MATCH_YES;
  if (rc == PCRE2_ERROR_NOMATCH)
    return AUDIT_MATCH_NO;
  return regex_fail (re, rc, err);
}

/* }===================================================================== */

/* {=====================================================================
** Port specs
** ====================================================================== */

#define PORT_MAX 65535

struct audit_portspec {
  guint8 bits[(PORT_MAX + 1) / 8]; /* numbers and ranges */
  GPtrArray *regexes;              /* match_regex*, in spec order */
  size_t count;
};

static void
bits_set_range (audit_portspec *ps, long lo, long hi)
{
  for (long p = lo; p <= hi; p++)
    ps->bits[p >> 3] |= (guint8) (1u << (p & 7));
}

static int
bits_test (const audit_portspec *ps, long p)
{
  return (ps->bits[p >> 3] >> (p & 7)) & 1;
}

/*
** End of the element that starts at 'p': the next comma that is not
** inside (), [] or {} and not escaped, so that "8[0-9]{1,3}" stays whole.
*/
static const char *
element_end (const char *p, const char *end)
{
  int depth = 0;
  for (; p < end; p++)
    {
      char c = *p;
      if (c == '\\' && p + 1 < end)
        p++;
      else if (c == '(' || c == '[' || c == '{')
        depth++;
      else if ((c == ')' || c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c == ',' && depth == 0)
        return p;
    }
  return end;
}

static int
all_digits (const char *s, size_t len)
{
  if (len == 0)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return 0;
  return 1;
}

/* A port number of at most 5 digits, 0..65535; -1 otherwise. */
static long
port_number (const char *s, size_t len)
{
  long v = 0;
  if (!all_digits (s, len))
    return -1;
  while (len > 1 && *s == '0')
    s++, len--;
  if (len > 5)
    return -1;
  for (size_t i = 0; i < len; i++)
    v = v * 10 + (s[i] - '0');
  return v <= PORT_MAX ? v : -1;
}

/* "A-B" with digits on both sides (blanks allowed around '-')? */
static int
split_range (const char *s, size_t len, const char **a, size_t *alen, const char **b,
             size_t *blen)
{
  const char *dash = memchr (s, '-', len);
  if (dash == NULL)
    return 0;
  *a = s;
  *alen = (size_t) (dash - s);
  *b = dash + 1;
  *blen = len - *alen - 1;
  trim (a, alen);
  trim (b, blen);
  return all_digits (*a, *alen) && all_digits (*b, *blen);
}

/* Sets *err to "port list element 'E'" followed by the formatted reason. */
static void element_error (char **err, const char *s, size_t len, const char *fmt, ...)
    G_GNUC_PRINTF (4, 5);

static void
element_error (char **err, const char *s, size_t len, const char *fmt, ...)
{
  va_list ap;
  char *shown, *why;

  if (err == NULL)
    return;
  va_start (ap, fmt);
  why = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  shown = quote_text (s, len);
  set_error (err, "port list element '%s'%s", shown, why);
  g_free (shown);
  g_free (why);
}

/* What follows the element in the message of an element that is neither a
** number nor a range and is no valid port regex. */
#define NOT_AN_ELEMENT " is not a port number, a range a-b or a port regex: "

/*
** Offset of the first piece of a would-be port regex that is not allowed,
** or LEN; *SHOWN_LEN is the length of the piece.  Allowed: the digits, the
** characters [ ] ( ) | ? * + { } , . ^ $ - and the escape \d; outside a
** character class, no "(?" (special groups) and no '+' right after '?',
** '*', '+' or '}' (possessive quantifiers).  What remains is a plain
** regular expression: which texts it matches does not depend on how it is
** matched.
*/
static size_t
regex_bad_piece (const char *s, size_t len, size_t *shown_len)
{
  bool in_class = false;
  size_t class_body = 0; /* first byte of the class body: a ']' there is literal */

  for (size_t i = 0; i < len; i++)
    {
      char c = s[i];

      *shown_len = 1;
      if (c == '\\')
        {
          if (i + 1 < len && s[i + 1] == 'd')
            {
              i++;
              continue;
            }
          *shown_len = i + 1 < len ? 2 : 1;
          return i;
        }
      if (!g_ascii_isdigit (c) && strchr ("[]()|?*+{},.^$-", c) == NULL)
        return i;
      if (in_class)
        {
          if (c == ']' && i > class_body)
            in_class = false;
          continue;
        }
      if (c == '[')
        {
          in_class = true;
          class_body = i + 1 < len && s[i + 1] == '^' ? i + 2 : i + 1;
        }
      else if ((c == '(' && i + 1 < len && s[i + 1] == '?')
               || (c == '+' && i > 0 && strchr ("?*+}", s[i - 1]) != NULL))
        {
          *shown_len = 2;
          return c == '(' ? i : i - 1;
        }
    }
  return len;
}

/* Result of looking for a port a regex matches. */
typedef enum port_search {
  PORT_SEARCH_ERROR = -1, /* a match failed or time ran out: see port_finder */
  PORT_SEARCH_NONE = 0,
  PORT_SEARCH_FOUND = 1,
} port_search;

/* Work space of the DFA matcher, in ints (PCRE2_ERROR_DFA_WSSIZE past it). */
#define PORT_DFA_WORKSPACE 20000

/*
** A search for a port a regex element matches.
**
** Backtracking can take time exponential in the length of the subject even
** on 5 digits ("(\d??){12}\d{6}"), so the search uses pcre2's DFA matcher,
** a breadth-first simulation of the expression: DFA is the element written
** "(?:E)\z", anchored at the start (pcre2 refuses partial matching with an
** end anchor), without auto-possessification.  Two facts make the search
** exact for the plain regular expressions regex_bad_piece lets through (no
** backreferences, lookarounds, atomic or possessive parts, recursion or
** conditions):
**  - both matchers accept the same texts;
**  - a partial DFA match (PCRE2_PARTIAL_SOFT) is NOMATCH only when no
**    longer text can match: at the end of the subject, every active state
**    that would read one more character makes the result partial
**    (pcre2_dfa_match.c, 'could_continue').
** Even so, a port is only reported after the element's own regex (RE, as
** audit_portspec_match runs it) matched it; if the two ever disagree, or
** the DFA matcher fails (work space, limits), every port is tried in order
** with RE instead.
*/
typedef struct port_finder {
  match_regex *re;
  pcre2_code *dfa;
  int *ws;
  bool give_up_dfa; /* the DFA matcher failed or disagreed with RE */
  gint64 deadline;  /* monotonic time; the search fails after it */
  long port;        /* the port found, or the one whose match failed */
  int rc;           /* the failed match's pcre2 code, 0 when time ran out */
} port_finder;

static port_search
port_fail (port_finder *f, long value, int rc)
{
  f->port = value;
  f->rc = rc;
  return PORT_SEARCH_ERROR;
}

/* Matches BUF with RE: FOUND, NONE, or ERROR (a limit). */
static port_search
port_confirm (port_finder *f, const char *buf, size_t len, long value)
{
  int r = pcre2_match (f->re->code, (PCRE2_SPTR) buf, len, 0, 0, f->re->md, f->re->mctx);

  if (r == PCRE2_ERROR_NOMATCH)
    return PORT_SEARCH_NONE;
  f->port = value;
  f->rc = r;
  return r >= 0 ? PORT_SEARCH_FOUND : PORT_SEARCH_ERROR;
}

/*
** Depth-first search over the decimal port texts starting with BUF (LEN
** digits, value VALUE; never a leading zero, never above 65535): one
** partial DFA match says whether the text matches, whether a longer one
** could, or neither; a subtree no text of which can match is skipped.
** Returns NONE with F->give_up_dfa set when the DFA cannot be relied on.
*/
static port_search
port_search_from (port_finder *f, char *buf, size_t len, long value)
{
  bool has_children = value != 0 && len < 5 && value * 10 <= PORT_MAX;
  int r = pcre2_dfa_match (f->dfa, (PCRE2_SPTR) buf, len, 0, PCRE2_PARTIAL_SOFT, f->re->md,
                           f->re->mctx, f->ws, PORT_DFA_WORKSPACE);

  if (g_get_monotonic_time () >= f->deadline)
    return port_fail (f, value, 0);
  if (r >= 0)
    {
      port_search s = port_confirm (f, buf, len, value);
      if (s == PORT_SEARCH_NONE)
        f->give_up_dfa = true;
      return s;
    }
  if (r == PCRE2_ERROR_NOMATCH)
    return PORT_SEARCH_NONE;
  if (r != PCRE2_ERROR_PARTIAL)
    {
      f->give_up_dfa = true;
      return PORT_SEARCH_NONE;
    }
  for (long d = 0; has_children && d <= 9 && value * 10 + d <= PORT_MAX; d++)
    {
      port_search s;
      buf[len] = (char) ('0' + d);
      s = port_search_from (f, buf, len + 1, value * 10 + d);
      if (s != PORT_SEARCH_NONE || f->give_up_dfa)
        return s;
    }
  return PORT_SEARCH_NONE;
}

/* Every port in order, with RE (the search when the DFA cannot be used). */
static port_search
port_search_all (port_finder *f)
{
  char buf[8];

  for (long p = 0; p <= PORT_MAX; p++)
    {
      int n = g_snprintf (buf, sizeof buf, "%ld", p);
      port_search s = port_confirm (f, buf, (size_t) n, p);

      if (s != PORT_SEARCH_NONE)
        return s;
      if (g_get_monotonic_time () >= f->deadline)
        return port_fail (f, p, 0);
    }
  return PORT_SEARCH_NONE;
}

/* Does the element (PAT, compiled as F->re) match the decimal text (no
** leading zeros) of at least one port 0..65535? */
static port_search
port_regex_search (port_finder *f, const char *pat, size_t len)
{
  GString *wrapped = g_string_new ("(?:");
  int ecode;
  PCRE2_SIZE eoff;
  port_search s = PORT_SEARCH_NONE;
  char buf[8];

  g_string_append_len (wrapped, pat, (gssize) len);
  g_string_append (wrapped, ")\\z");
  f->dfa = pcre2_compile ((PCRE2_SPTR) wrapped->str, wrapped->len,
                          PCRE2_ANCHORED | PCRE2_NO_AUTO_POSSESS | PCRE2_NEVER_BACKSLASH_C
                              | PCRE2_NEVER_UTF,
                          &ecode, &eoff, NULL);
  g_string_free (wrapped, TRUE);
  f->give_up_dfa = f->dfa == NULL;
  f->ws = g_new (int, PORT_DFA_WORKSPACE);
  for (long first = 0; first <= 9 && s == PORT_SEARCH_NONE && !f->give_up_dfa; first++)
    {
      buf[0] = (char) ('0' + first);
      s = port_search_from (f, buf, 1, first);
    }
  if (s == PORT_SEARCH_NONE && f->give_up_dfa)
    s = port_search_all (f);
  g_free (f->ws);
  pcre2_code_free (f->dfa);
  return s;
}

/* Compiles a port regex element and checks that it is one (see
** doc/audit-module.md); NULL and *err otherwise.  DEADLINE (LIMIT_MS after
** the list's compilation started) bounds the search for a port it matches. */
static match_regex *
port_regex_new (const char *s, size_t len, gint64 deadline, unsigned limit_ms, char **err)
{
  size_t shown_len = 0, bad = regex_bad_piece (s, len, &shown_len);
  char *why = NULL;
  match_regex *re;
  port_finder finder = { NULL, NULL, NULL, false, deadline, -1, 0 };
  port_search search;

  if (bad < len)
    {
      char *c = quote_text (s + bad, shown_len);
      element_error (err, s, len, NOT_AN_ELEMENT "'%s' is not allowed", c);
      g_free (c);
      return NULL;
    }
  re = regex_compile (s, len, PCRE2_ANCHORED | PCRE2_ENDANCHORED, &why);
  if (re == NULL)
    {
      element_error (err, s, len, NOT_AN_ELEMENT "invalid regex: %s", why);
      g_free (why);
      return NULL;
    }
  finder.re = re;
  search = port_regex_search (&finder, s, len);
  if (search == PORT_SEARCH_FOUND)
    return re;
  if (search == PORT_SEARCH_NONE)
    element_error (err, s, len, NOT_AN_ELEMENT "the regex matches no port 0-65535");
  else if (finder.rc == 0)
    element_error (err, s, len, NOT_AN_ELEMENT "finding a port it matches took more than %u ms",
                   limit_ms);
  else
    {
      PCRE2_UCHAR msg[256];
      if (pcre2_get_error_message (finder.rc, msg, sizeof msg) < 0)
        g_strlcpy ((char *) msg, "unknown error", sizeof msg);
      element_error (err, s, len, NOT_AN_ELEMENT "matching port %ld: %s", finder.port,
                     (const char *) msg);
    }
  regex_free (re);
  return NULL;
}

/* Adds one trimmed, non-empty element to the spec; 0 or -1 with *err. */
static int
portspec_add (audit_portspec *ps, const char *s, size_t len, gint64 deadline, unsigned limit_ms,
              char **err)
{
  const char *a, *b;
  size_t alen, blen;
  match_regex *re;

  if (all_digits (s, len))
    {
      long p = port_number (s, len);
      if (p < 0)
        {
          element_error (err, s, len, ": port number out of range 0-65535");
          return -1;
        }
      bits_set_range (ps, p, p);
      return 0;
    }
  if (split_range (s, len, &a, &alen, &b, &blen))
    {
      long lo = port_number (a, alen), hi = port_number (b, blen);
      if (lo < 0 || hi < 0)
        element_error (err, s, len, ": range bound out of range 0-65535");
      else if (lo > hi)
        element_error (err, s, len, ": range start greater than range end");
      else
        {
          bits_set_range (ps, lo, hi);
          return 0;
        }
      return -1;
    }
  re = port_regex_new (s, len, deadline, limit_ms, err);
  if (re == NULL)
    return -1;
  g_ptr_array_add (ps->regexes, re);
  return 0;
}

audit_portspec *
audit_portspec_new (const char *spec, size_t len, char **err)
{
  return audit_portspec_new_limited (spec, len, AUDIT_PORTS_CHECK_TIME_LIMIT_MS, err);
}

audit_portspec *
audit_portspec_new_limited (const char *spec, size_t len, unsigned time_limit_ms, char **err)
{
  audit_portspec *ps;
  const char *p = spec ? spec : "", *end;
  gint64 deadline;

  if (len > AUDIT_MATCH_MAX_SPEC)
    {
      set_error (err, "port list too long (%lu bytes, limit %u)", (unsigned long) len,
                 AUDIT_MATCH_MAX_SPEC);
      return NULL;
    }
  end = p + len;
  deadline = g_get_monotonic_time () + (gint64) time_limit_ms * 1000;
  ps = g_new0 (audit_portspec, 1);
  ps->regexes = g_ptr_array_new_with_free_func (regex_free_cb);
  while (p < end)
    {
      const char *stop = element_end (p, end), *s = p;
      size_t n = (size_t) (stop - p);
      trim (&s, &n);
      if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
        {
          s++, n -= 2;
          trim (&s, &n);
        }
      if (n > 0)
        {
          if (ps->count == AUDIT_MATCH_MAX_ELEMENTS)
            {
              set_error (err, "port list has more than %u elements", AUDIT_MATCH_MAX_ELEMENTS);
              audit_portspec_free (ps);
              return NULL;
            }
          if (portspec_add (ps, s, n, deadline, time_limit_ms, err) < 0)
            {
              audit_portspec_free (ps);
              return NULL;
            }
          ps->count++;
        }
      p = stop < end ? stop + 1 : end;
    }
  return ps;
}

audit_match
audit_portspec_match (audit_portspec *ps, long port, char **err)
{
  char buf[8];
  int n;

  if (port < 0 || port > PORT_MAX)
    return AUDIT_MATCH_NO;
  if (bits_test (ps, port))
    return AUDIT_MATCH_YES;
  n = g_snprintf (buf, sizeof buf, "%ld", port);
  for (guint i = 0; i < ps->regexes->len; i++)
    {
      audit_match m = regex_search (g_ptr_array_index (ps->regexes, i), buf, (size_t) n, err);
      if (m != AUDIT_MATCH_NO)
        return m;
    }
  return AUDIT_MATCH_NO;
}

size_t
audit_portspec_count (const audit_portspec *ps)
{
  return ps->count;
}

void
audit_portspec_free (audit_portspec *ps)
{
  if (ps == NULL)
    return;
  g_ptr_array_free (ps->regexes, TRUE);
  g_free (ps);
}

char *
audit_ports_validate (const char *spec, size_t len)
{
  char *err = NULL;
  audit_portspec *ps = audit_portspec_new (spec, len, &err);

  audit_portspec_free (ps);
  return err;
}

audit_match
audit_ports_match (const char *spec, size_t len, long port, char **err)
{
  audit_portspec *ps = audit_portspec_new (spec, len, err);
  audit_match m;
  if (ps == NULL)
    return AUDIT_MATCH_ERROR;
  m = audit_portspec_match (ps, port, err);
  audit_portspec_free (ps);
  return m;
}

/* }===================================================================== */

/* {=====================================================================
** check_type: operators and policy operands
** ====================================================================== */

/* ORDER AUDIT_CHECK */
static const char *const check_names[AUDIT_CHECK_N_OPS] = {
  "CHECK_EQUAL",
  "CHECK_NOT_EQUAL",
  "CHECK_REGEX",
  "CHECK_NOT_REGEX",
  "CHECK_EQUAL_ANY",
  "CHECK_NOT_EQUAL_ANY",
  "CHECK_GREATER_THAN",
  "CHECK_GREATER_THAN_OR_EQUAL",
  "CHECK_LESS_THAN",
  "CHECK_LESS_THAN_OR_EQUAL",
  "CHECK_SUBSET",
  "CHECK_SUPERSET",
};

const char *
audit_check_op_name (audit_check_op op)
{
  return (unsigned) op < AUDIT_CHECK_N_OPS ? check_names[op] : NULL;
}

int
audit_check_op_parse (const char *name, size_t len, audit_check_op *op)
{
  const char *s = name ? name : "";
  size_t n = name ? len : 0;
  trim (&s, &n);
  if (n == 0)
    {
      *op = AUDIT_CHECK_EQUAL;
      return 0;
    }
  for (int i = 0; i < AUDIT_CHECK_N_OPS; i++)
    if (strlen (check_names[i]) == n && g_ascii_strncasecmp (check_names[i], s, n) == 0)
      {
        *op = (audit_check_op) i;
        return 0;
      }
  return -1;
}

typedef enum operand_kind { OPERAND_TEXT, OPERAND_NUMBER, OPERAND_RANGE } operand_kind;

typedef struct operand {
  char *text; /* unquoted, unescaped operand */
  size_t len;
  gboolean and_with_prev; /* joined to the previous operand by && */
  operand_kind kind;
  gint64 num;     /* OPERAND_NUMBER */
  gint64 lo, hi;  /* OPERAND_RANGE */
  GBytes *key;    /* comparison key of a non-range operand */
  match_regex *re; /* CHECK_REGEX, CHECK_NOT_REGEX */
} operand;

struct audit_check {
  audit_check_op op;
  GArray *ops;         /* operand */
  GHashTable *keyset;  /* CHECK_SUBSET: keys of the non-range operands */
};

/*
** The key two values are compared by: blanks trimmed, then "n" + decimal
** for a number (so 0x10, +16 and 16 are equal), else "t" + the Unicode
** case fold for valid UTF-8, else "b" + the ASCII-lowered bytes.
*/
static GBytes *
value_key (const char *s, size_t len)
{
  gint64 num;
  GString *k;

  trim (&s, &len);
  if (parse_int64 (s, len, &num))
    {
      char *t = g_strdup_printf ("n%" G_GINT64_FORMAT, num);
      return g_bytes_new_take (t, strlen (t));
    }
  k = g_string_sized_new (len + 1);
  if (g_utf8_validate (s, (gssize) len, NULL))
    {
      char *fold = g_utf8_casefold (s, (gssize) len);
      g_string_append_c (k, 't');
      g_string_append (k, fold);
      g_free (fold);
    }
  else
    {
      g_string_append_c (k, 'b');
      for (size_t i = 0; i < len; i++)
        g_string_append_c (k, g_ascii_tolower (s[i]));
    }
  {
    gsize klen = k->len;
    return g_bytes_new_take (g_string_free (k, FALSE), klen);
  }
}

/* A bound of "[X..Y]": a number, or MIN/MAX (case-insensitive). */
static int
parse_bound (const char *s, size_t len, const char *word, gint64 word_value, gint64 *out)
{
  trim (&s, &len);
  if (len == 3 && g_ascii_strncasecmp (s, word, 3) == 0)
    {
      *out = word_value;
      return 1;
    }
  return parse_int64 (s, len, out);
}

/*
** Recognises a Nessus range "[X..Y]".  Returns 1 and the bounds, 0 when the
** text is not a range (it is then compared as text), -1 for an empty range.
*/
static int
parse_range (const char *s, size_t len, gint64 *lo, gint64 *hi)
{
  const char *dots;
  trim (&s, &len);
  if (len < 5 || s[0] != '[' || s[len - 1] != ']')
    return 0;
  s++, len -= 2;
  dots = g_strstr_len (s, (gssize) len, "..");
  if (dots == NULL)
    return 0;
  if (!parse_bound (s, (size_t) (dots - s), "MIN", G_MININT64, lo)
      || !parse_bound (dots + 2, len - (size_t) (dots - s) - 2, "MAX", G_MAXINT64, hi))
    return 0;
  return *lo <= *hi ? 1 : -1;
}

static void
operand_clear (operand *o)
{
  g_free (o->text);
  if (o->key)
    g_bytes_unref (o->key);
  regex_free (o->re);
}

static void
check_free_operands (GArray *ops)
{
  for (guint i = 0; i < ops->len; i++)
    operand_clear (&g_array_index (ops, operand, i));
  g_array_free (ops, TRUE);
}

/* Unescapes \\, \" and \' inside a quoted operand; other backslashes stay. */
static char *
unescape_quoted (const char *s, size_t len, size_t *outlen)
{
  char *out = g_malloc (len + 1);
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    {
      if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '\\' || s[i + 1] == '"' || s[i + 1] == '\''))
        i++;
      out[n++] = s[i];
    }
  out[n] = '\0';
  *outlen = n;
  return out;
}

static int
is_join (const char *p, size_t pos, size_t len)
{
  return pos + 1 < len && ((p[pos] == '|' && p[pos + 1] == '|') || (p[pos] == '&' && p[pos + 1] == '&'));
}

/*
** Scans one operand starting at *pos (blanks already skipped).  A quoted
** operand ("..." or '...', backslash escapes) counts as quoted only when
** its closing quote is followed by blanks and then '||', '&&' or the end;
** anything else is bare text up to the next '||'/'&&', trimmed.
** Returns the operand (g_malloc'ed) or NULL for an empty bare operand.
*/
static char *
scan_operand (const char *p, size_t len, size_t *pos, size_t *outlen)
{
  size_t start = *pos, k;

  if (p[start] == '"' || p[start] == '\'')
    {
      char q = p[start];
      for (k = start + 1; k < len && p[k] != q; k++)
        if (p[k] == '\\' && k + 1 < len)
          k++;
      if (k < len)
        {
          size_t after = k + 1;
          while (after < len && is_blank (p[after]))
            after++;
          if (after == len || is_join (p, after, len))
            {
              *pos = after;
              return unescape_quoted (p + start + 1, k - start - 1, outlen);
            }
        }
    }
  for (k = start; k < len && !is_join (p, k, len); k++)
    ;
  *pos = k;
  {
    const char *s = p + start;
    size_t n = k - start;
    trim (&s, &n);
    if (n == 0)
      return NULL;
    *outlen = n;
    return g_strndup (s, n);
  }
}

/*
** Splits a policy into operands joined by '||' and '&&'.  An empty (or
** all-blank) policy is one empty operand.  Returns 0, or -1 with *err.
*/
static int
policy_split (const char *p, size_t len, GArray *ops, char **err)
{
  size_t pos = 0;
  gboolean and_next = FALSE;
  const char *join = NULL;

  for (;;)
    {
      operand o = { 0 };
      while (pos < len && is_blank (p[pos]))
        pos++;
      if (pos == len)
        {
          if (join == NULL && ops->len == 0)
            {
              o.text = g_strdup ("");
              g_array_append_val (ops, o);
              return 0;
            }
          set_error (err, "policy value ends after '%s'", join ? join : "");
          return -1;
        }
      if (ops->len == AUDIT_MATCH_MAX_ELEMENTS)
        {
          set_error (err, "policy value has more than %u operands", AUDIT_MATCH_MAX_ELEMENTS);
          return -1;
        }
      o.text = scan_operand (p, len, &pos, &o.len);
      if (o.text == NULL)
        {
          set_error (err, "empty operand %s '%s' in policy value", join ? "after" : "before",
                     join ? join : (p[pos] == '|' ? "||" : "&&"));
          return -1;
        }
      o.and_with_prev = and_next;
      g_array_append_val (ops, o);
      if (pos >= len)
        return 0;
      /* scan_operand stops only at the end or at a join */
      and_next = p[pos] == '&';
      join = and_next ? "&&" : "||";
      pos += 2;
    }
}

static int
op_is_numeric (audit_check_op op)
{
  return op >= AUDIT_CHECK_GREATER_THAN && op <= AUDIT_CHECK_LESS_THAN_OR_EQUAL;
}

static int
op_is_regex (audit_check_op op)
{
  return op == AUDIT_CHECK_REGEX || op == AUDIT_CHECK_NOT_REGEX;
}

/* Prepares one operand for the operator; 0, or -1 with *err. */
static int
operand_prepare (audit_check_op op, operand *o, char **err)
{
  const char *s = o->text;
  size_t n = o->len;

  if (op_is_regex (op))
    {
      char *why = NULL;
      o->re = regex_compile (o->text, o->len, PCRE2_CASELESS, &why);
      if (o->re == NULL)
        {
          char *shown = quote_text (o->text, o->len);
          set_error (err, "invalid regex '%s': %s", shown, why);
          g_free (shown);
          g_free (why);
          return -1;
        }
      return 0;
    }
  trim (&s, &n);
  if (op_is_numeric (op))
    {
      if (parse_int64 (s, n, &o->num))
        {
          o->kind = OPERAND_NUMBER;
          return 0;
        }
      {
        char *shown = quote_text (o->text, o->len);
        set_error (err, "%s needs a number, got '%s'", audit_check_op_name (op), shown);
        g_free (shown);
      }
      return -1;
    }
  switch (parse_range (s, n, &o->lo, &o->hi))
    {
    case 1:
      o->kind = OPERAND_RANGE;
      return 0;
    case -1:
      {
        char *shown = quote_text (o->text, o->len);
        set_error (err, "empty range '%s' in policy value", shown);
        g_free (shown);
      }
      return -1;
    default:
      break;
    }
  o->kind = parse_int64 (s, n, &o->num) ? OPERAND_NUMBER : OPERAND_TEXT;
  o->key = value_key (o->text, o->len);
  return 0;
}

audit_check *
audit_check_new (const char *check_type, size_t ctlen, const char *policy, size_t plen,
                 char **err)
{
  audit_check_op op;
  audit_check *c;

  if (audit_check_op_parse (check_type, ctlen, &op) < 0)
    {
      char *shown = quote_text (check_type, ctlen);
      set_error (err, "unknown check_type '%s'", shown);
      g_free (shown);
      return NULL;
    }
  if (plen > AUDIT_MATCH_MAX_SPEC)
    {
      set_error (err, "policy value too long (%lu bytes, limit %u)", (unsigned long) plen,
                 AUDIT_MATCH_MAX_SPEC);
      return NULL;
    }
  c = g_new0 (audit_check, 1);
  c->op = op;
  c->ops = g_array_new (FALSE, TRUE, sizeof (operand));
  if (policy_split (policy ? policy : "", policy ? plen : 0, c->ops, err) < 0)
    {
      audit_check_free (c);
      return NULL;
    }
  for (guint i = 0; i < c->ops->len; i++)
    if (operand_prepare (op, &g_array_index (c->ops, operand, i), err) < 0)
      {
        audit_check_free (c);
        return NULL;
      }
  if (op == AUDIT_CHECK_SUBSET)
    {
      c->keyset = g_hash_table_new (g_bytes_hash, g_bytes_equal);
      for (guint i = 0; i < c->ops->len; i++)
        {
          operand *o = &g_array_index (c->ops, operand, i);
          if (o->key)
            g_hash_table_add (c->keyset, o->key);
        }
    }
  return c;
}

audit_check_op
audit_check_get_op (const audit_check *c)
{
  return c->op;
}

size_t
audit_check_count (const audit_check *c)
{
  return c->ops->len;
}

void
audit_check_free (audit_check *c)
{
  if (c == NULL)
    return;
  if (c->keyset)
    g_hash_table_destroy (c->keyset);
  check_free_operands (c->ops);
  g_free (c);
}

/* }===================================================================== */

/* {=====================================================================
** check_type: evaluation
** ====================================================================== */

/* The remote value as the evaluators see it. */
typedef struct remote {
  const char *raw; /* trimmed */
  size_t len;
  GBytes *key;     /* value_key of the whole value (lazily) */
  gboolean is_num;
  gint64 num;
  /* list operators only */
  GHashTable *keys; /* GBytes* set of the elements */
  GArray *nums;     /* gint64 of the numeric elements */
  GPtrArray *items; /* GBytes* keys in order, owning */
  gint64 deadline;  /* monotonic time after which no further regex runs */
} remote;

typedef audit_match (*atom_fn) (audit_check *c, operand *o, remote *r, char **err);

static int
range_holds (const operand *o, gint64 v)
{
  return o->lo <= v && v <= o->hi;
}

/* CHECK_EQUAL: the value equals the operand (number, range or text). */
static audit_match
atom_equal (audit_check *c, operand *o, remote *r, char **err)
{
  if (o->kind == OPERAND_RANGE)
    return r->is_num && range_holds (o, r->num) ? AUDIT_MATCH_YES : AUDIT_MATCH_NO;
  if (r->key == NULL)
    r->key = value_key (r->raw, r->len);
  return g_bytes_equal (r->key, o->key) ? AUDIT_MATCH_YES : AUDIT_MATCH_NO;
}

/* Each regex is bounded by the pcre2 limits; the deadline bounds a policy
** made of thousands of expensive alternatives. */
static audit_match
atom_regex (audit_check *c, operand *o, remote *r, char **err)
{
  if (g_get_monotonic_time () > r->deadline)
    {
      set_error (err, "policy evaluation exceeded %u ms", AUDIT_CHECK_TIME_LIMIT_MS);
      return AUDIT_MATCH_ERROR;
    }
  return regex_search (o->re, r->raw, r->len, err);
}

static audit_match
atom_compare (audit_check *c, operand *o, remote *r, char **err)
{
  int ok;
  if (!r->is_num)
    return AUDIT_MATCH_NO;
  switch (c->op)
    {
    case AUDIT_CHECK_GREATER_THAN: ok = r->num > o->num; break;
    case AUDIT_CHECK_GREATER_THAN_OR_EQUAL: ok = r->num >= o->num; break;
    case AUDIT_CHECK_LESS_THAN: ok = r->num < o->num; break;
    default: ok = r->num <= o->num; break;
    }
  return ok ? AUDIT_MATCH_YES : AUDIT_MATCH_NO;
}

/* CHECK_EQUAL_ANY: the operand equals at least one element of the list. */
static audit_match
atom_in_list (audit_check *c, operand *o, remote *r, char **err)
{
  if (o->kind == OPERAND_RANGE)
    {
      for (guint i = 0; i < r->nums->len; i++)
        if (range_holds (o, g_array_index (r->nums, gint64, i)))
          return AUDIT_MATCH_YES;
      return AUDIT_MATCH_NO;
    }
  return g_hash_table_contains (r->keys, o->key) ? AUDIT_MATCH_YES : AUDIT_MATCH_NO;
}

/*
** Alternatives joined by '||' of groups joined by '&&' ('&&' binds
** tighter): true when every operand of some group holds.  Stops at the
** first group that holds; an error in an evaluated operand is the result.
*/
static audit_match
eval_groups (audit_check *c, remote *r, atom_fn atom, char **err)
{
  guint i = 0, n = c->ops->len;
  while (i < n)
    {
      gboolean group_holds = TRUE;
      guint j = i;
      do
        {
          operand *o = &g_array_index (c->ops, operand, j);
          if (group_holds)
            {
              audit_match m = atom (c, o, r, err);
              if (m == AUDIT_MATCH_ERROR)
                return m;
              group_holds = m == AUDIT_MATCH_YES;
            }
          j++;
        }
      while (j < n && g_array_index (c->ops, operand, j).and_with_prev);
      if (group_holds)
        return AUDIT_MATCH_YES;
      i = j;
    }
  return AUDIT_MATCH_NO;
}

/* CHECK_SUPERSET: every operand, whatever joins it, is in the list. */
static audit_match
eval_superset (audit_check *c, remote *r, char **err)
{
  for (guint i = 0; i < c->ops->len; i++)
    if (atom_in_list (c, &g_array_index (c->ops, operand, i), r, err) != AUDIT_MATCH_YES)
      return AUDIT_MATCH_NO;
  return AUDIT_MATCH_YES;
}

/* CHECK_SUBSET: every element of the list equals some operand. */
static audit_match
eval_subset (audit_check *c, remote *r, char **err)
{
  for (guint i = 0; i < r->items->len; i++)
    {
      GBytes *k = g_ptr_array_index (r->items, i);
      gboolean found = g_hash_table_contains (c->keyset, k);
      gsize klen;
      const char *kd = g_bytes_get_data (k, &klen);
      gint64 v;
      if (!found && klen > 1 && kd[0] == 'n' && parse_int64 (kd + 1, klen - 1, &v))
        for (guint j = 0; j < c->ops->len && !found; j++)
          {
            operand *o = &g_array_index (c->ops, operand, j);
            found = o->kind == OPERAND_RANGE && range_holds (o, v);
          }
      if (!found)
        return AUDIT_MATCH_NO;
    }
  return AUDIT_MATCH_YES;
}

/*
** Splits the remote value into its list: elements separated by newlines or
** commas, each trimmed, empty ones dropped.  -1 with *err when too long.
*/
static int
remote_split (remote *r, char **err)
{
  const char *p = r->raw, *end = r->raw + r->len;
  r->keys = g_hash_table_new (g_bytes_hash, g_bytes_equal);
  r->nums = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  while (p < end)
    {
      const char *q = p, *s;
      size_t n;
      gint64 v;
      while (q < end && *q != '\n' && *q != ',')
        q++;
      s = p;
      n = (size_t) (q - p);
      trim (&s, &n);
      p = q < end ? q + 1 : end;
      if (n == 0)
        continue;
      if (r->items->len == AUDIT_MATCH_MAX_REMOTE_ITEMS)
        {
          set_error (err, "remote value has more than %u list elements",
                     AUDIT_MATCH_MAX_REMOTE_ITEMS);
          return -1;
        }
      {
        GBytes *k = value_key (s, n);
        g_ptr_array_add (r->items, k);
        g_hash_table_add (r->keys, k);
      }
      if (parse_int64 (s, n, &v))
        g_array_append_val (r->nums, v);
    }
  return 0;
}

static void
remote_clear (remote *r)
{
  if (r->key)
    g_bytes_unref (r->key);
  if (r->keys)
    g_hash_table_destroy (r->keys);
  if (r->nums)
    g_array_free (r->nums, TRUE);
  if (r->items)
    g_ptr_array_free (r->items, TRUE);
}

static audit_match
negate (audit_match m)
{
  return m == AUDIT_MATCH_ERROR ? m : m == AUDIT_MATCH_YES ? AUDIT_MATCH_NO : AUDIT_MATCH_YES;
}

audit_match
audit_check_eval (audit_check *c, const char *value, size_t vlen, char **err)
{
  remote r = { 0 };
  audit_match m;

  r.raw = value ? value : "";
  r.len = value ? vlen : 0;
  trim (&r.raw, &r.len);
  r.is_num = parse_int64 (r.raw, r.len, &r.num);
  r.deadline = g_get_monotonic_time () + (gint64) AUDIT_CHECK_TIME_LIMIT_MS * 1000;

  switch (c->op)
    {
    case AUDIT_CHECK_EQUAL:
      m = eval_groups (c, &r, atom_equal, err);
      break;
    case AUDIT_CHECK_NOT_EQUAL:
      m = negate (eval_groups (c, &r, atom_equal, err));
      break;
    case AUDIT_CHECK_REGEX:
      m = eval_groups (c, &r, atom_regex, err);
      break;
    case AUDIT_CHECK_NOT_REGEX:
      m = negate (eval_groups (c, &r, atom_regex, err));
      break;
    case AUDIT_CHECK_GREATER_THAN:
    case AUDIT_CHECK_GREATER_THAN_OR_EQUAL:
    case AUDIT_CHECK_LESS_THAN:
    case AUDIT_CHECK_LESS_THAN_OR_EQUAL:
      m = eval_groups (c, &r, atom_compare, err);
      break;
    default: /* the list operators */
      if (remote_split (&r, err) < 0)
        m = AUDIT_MATCH_ERROR;
      else if (c->op == AUDIT_CHECK_EQUAL_ANY)
        m = eval_groups (c, &r, atom_in_list, err);
      else if (c->op == AUDIT_CHECK_NOT_EQUAL_ANY)
        m = negate (eval_groups (c, &r, atom_in_list, err));
      else if (c->op == AUDIT_CHECK_SUBSET)
        m = eval_subset (c, &r, err);
      else
        m = eval_superset (c, &r, err);
      break;
    }
  remote_clear (&r);
  return m;
}

audit_match
audit_check_match (const char *check_type, size_t ctlen, const char *policy, size_t plen,
                   const char *value, size_t vlen, char **err)
{
  audit_check *c = audit_check_new (check_type, ctlen, policy, plen, err);
  audit_match m;
  if (c == NULL)
    return AUDIT_MATCH_ERROR;
  m = audit_check_eval (c, value, vlen, err);
  audit_check_free (c);
  return m;
}

/* }===================================================================== */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_string.c: builtin family 'string' -- string(), substr(), split(), crap() ... */
#include "config.h"

#include "libs.h"
#include "state.h" /* state_output() for display() */
#include "text_arg.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>
#include <glib.h>

/* raw_string()'s total cap, as in OpenVAS. */
#define RAW_STRING_MAX 32768


/* ------------------------------------------------------------------------
** Argument text
** ------------------------------------------------------------------------ */

/*
** Reads a value the way OpenVAS's get_str_var_by_num/get_var_size_by_num
** pair does: 'bytes' is the text (an int as decimal, an array in printed
** form), 'size' is the OpenVAS "size", which is the byte count of string and
** data values only and 0 for everything else.  Returns 0 when the value is
** missing or undefined.
*/
int
text_arg_read (const nasl_value *v, text_arg *out)
{
  memset (out, 0, sizeof *out);
  out->owned = NASL_NULL;
  if (v == NULL || v->type == NASL_TYPE_NULL)
    return 0;
  out->type = v->type;
  switch (v->type)
    {
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      out->bytes = nasl_value_bytes (v, &out->len);
      out->size = out->len;
      break;
    case NASL_TYPE_INT:
      out->len = (size_t) g_snprintf (out->num, sizeof out->num, "%ld", v->as.i);
      out->bytes = out->num;
      break;
    case NASL_TYPE_ARRAY:
      out->owned = nasl_value_to_text (v);
      out->bytes = nasl_value_bytes (&out->owned, &out->len);
      if (out->bytes == NULL)
        {
          out->bytes = "";
          out->len = 0;
        }
      break;
    default:
      return 0;
    }
  return 1;
}

void
text_arg_clear (text_arg *t)
{
  nasl_value_free (&t->owned);
}

/* Positional argument i as text. */
static int
pos_text (nasl_call *call, size_t i, text_arg *out)
{
  return text_arg_read (nasl_arg_pos (call, i), out);
}

/* Named argument as text. */
static int
named_text (nasl_call *call, const char *name, text_arg *out)
{
  return text_arg_read (nasl_arg (call, name), out);
}

/* ------------------------------------------------------------------------
** Escapes of string-typed arguments
** ------------------------------------------------------------------------ */

static int
hex_digit_value (unsigned char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  return 10 + (g_ascii_tolower (c) - 'a');
}

/*
** Appends 'src' to 'out' interpreting \n \t \r \\ and \xHH, as string() and
** display() do for string-typed arguments.  An unknown escape drops the
** backslash and the character after it, with a warning; a \x not followed by
** two hex digits drops only "\x", with a warning.  A lone trailing
** backslash is kept.
*/
static void
append_unescaped (nasl_call *call, GString *out, const char *src, size_t len)
{
  size_t i = 0;
  while (i < len)
    {
      unsigned char c = (unsigned char) src[i];
      if (c != '\\' || i + 1 >= len)
        {
          g_string_append_c (out, (char) c);
          i++;
          continue;
        }
      unsigned char e = (unsigned char) src[i + 1];
      switch (e)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case 'x':
          if (i + 3 < len && g_ascii_isxdigit (src[i + 2])
              && g_ascii_isxdigit (src[i + 3]))
            {
              g_string_append_c (out,
                                 (char) (hex_digit_value ((unsigned char) src[i + 2]) * 16
                                         + hex_digit_value ((unsigned char) src[i + 3])));
              i += 2;
            }
          else
            nasl_call_error (call, "buggy hex value '\\x%c%c' skipped",
                             i + 2 < len && g_ascii_isprint (src[i + 2]) ? src[i + 2] : '.',
                             i + 3 < len && g_ascii_isprint (src[i + 3]) ? src[i + 3] : '.');
          break;
        default:
          nasl_call_error (call, "unknown escape sequence '\\%c'",
                           g_ascii_isprint (e) ? e : '.');
          break;
        }
      i += 2;
    }
}

/*
** The common body of string() and display(): every positional argument,
** undefined ones skipped, string-typed ones unescaped.
*/
static GString *
build_string_result (nasl_call *call)
{
  GString *out = g_string_new (NULL);
  size_t n = nasl_arg_count (call);
  for (size_t i = 0; i < n; i++)
    {
      text_arg t;
      if (!pos_text (call, i, &t))
        continue;
      if (t.type == NASL_TYPE_STRING)
        append_unescaped (call, out, t.bytes, t.len);
      else
        g_string_append_len (out, t.bytes, (gssize) t.len);
      text_arg_clear (&t);
    }
  return out;
}

static nasl_value
gstring_to_data (GString *s)
{
  size_t len = s->len;
  return nasl_value_data_take (g_string_free (s, FALSE), len);
}

/* string(...): concatenation into data, with escapes of string arguments. */
static nasl_value
bi_string (nasl_call *call)
{
  return gstring_to_data (build_string_result (call));
}

/* display(...): like string(), non-printable bytes shown as '.', written to
** the state's output; returns the byte count. */
static nasl_value
bi_display (nasl_call *call)
{
  GString *s = build_string_result (call);
  for (size_t i = 0; i < s->len; i++)
    {
      unsigned char c = (unsigned char) s->str[i];
      if (!isprint (c) && !isspace (c))
        s->str[i] = '.';
    }
  if (s->len > 0)
    state_output (nasl_call_state (call), s->str, s->len);
  long n = (long) s->len;
  g_string_free (s, TRUE);
  return nasl_value_int (n);
}

/*
** raw_string()'s escape pass: \n \t \r \\ \xHH; any other backslash pair is
** dropped silently (OpenVAS does not warn here).
*/
static void
append_raw_unescaped (GString *out, const char *src, size_t len)
{
  size_t i = 0;
  while (i < len)
    {
      if (src[i] != '\\')
        {
          g_string_append_c (out, src[i++]);
          continue;
        }
      char e = i + 1 < len ? src[i + 1] : '\0';
      if (e == 'n')
        g_string_append_c (out, '\n');
      else if (e == 't')
        g_string_append_c (out, '\t');
      else if (e == 'r')
        g_string_append_c (out, '\r');
      else if (e == '\\')
        g_string_append_c (out, '\\');
      else if (e == 'x' && i + 3 < len && g_ascii_isxdigit (src[i + 2])
               && g_ascii_isxdigit (src[i + 3]))
        {
          g_string_append_c (out,
                             (char) (hex_digit_value ((unsigned char) src[i + 2]) * 16
                                     + hex_digit_value ((unsigned char) src[i + 3])));
          i += 2;
        }
      i += 2;
    }
}

/* raw_string(...): ints become one byte each; capped at 32768 bytes. */
static nasl_value
bi_raw_string (nasl_call *call)
{
  GString *out = g_string_new (NULL);
  size_t n = nasl_arg_count (call);
  for (size_t i = 0; i < n && out->len < RAW_STRING_MAX - 1; i++)
    {
      const nasl_value *v = nasl_arg_pos (call, i);
      if (v == NULL || v->type == NASL_TYPE_NULL)
        continue;
      if (v->type == NASL_TYPE_INT)
        {
          g_string_append_c (out, (char) (v->as.i & 0xff));
          continue;
        }
      text_arg t;
      text_arg_read (v, &t);
      if (t.len >= RAW_STRING_MAX)
        {
          text_arg_clear (&t);
          nasl_call_error (call, "too long argument");
          break;
        }
      GString *piece = g_string_new (NULL);
      if (t.type == NASL_TYPE_STRING)
        append_raw_unescaped (piece, t.bytes, t.len);
      else
        g_string_append_len (piece, t.bytes, (gssize) t.len);
      text_arg_clear (&t);
      int too_long = out->len + piece->len > RAW_STRING_MAX;
      if (!too_long)
        g_string_append_len (out, piece->str, (gssize) piece->len);
      g_string_free (piece, TRUE);
      if (too_long)
        {
          nasl_call_error (call, "too long argument");
          break;
        }
    }
  return gstring_to_data (out);
}

/* strcat(...): plain concatenation, no escapes. */
static nasl_value
bi_strcat (nasl_call *call)
{
  GString *out = g_string_new (NULL);
  size_t n = nasl_arg_count (call);
  for (size_t i = 0; i < n; i++)
    {
      text_arg t;
      if (!pos_text (call, i, &t))
        continue;
      g_string_append_len (out, t.bytes, (gssize) t.len);
      text_arg_clear (&t);
    }
  return gstring_to_data (out);
}

/* ------------------------------------------------------------------------
** Measuring and slicing
** ------------------------------------------------------------------------ */

/* strlen(s): byte length of a string or data value; 0 for anything else. */
static nasl_value
bi_strlen (nasl_call *call)
{
  text_arg t;
  long n = 0;
  if (pos_text (call, 0, &t))
    {
      n = (long) t.size;
      text_arg_clear (&t);
    }
  return nasl_value_int (n);
}

/* substr(s, start [, end]): 'end' inclusive and clamped; data. */
static nasl_value
bi_substr (nasl_call *call)
{
  text_arg t;
  if (!pos_text (call, 0, &t))
    {
      nasl_call_error (call, "the given string is NULL");
      return NASL_NULL;
    }
  long start = nasl_arg_pos_int (call, 1, -1);
  long end = nasl_arg_pos_int (call, 2, LONG_MAX);
  long size = (long) t.size;
  if (end >= size)
    end = size - 1;
  nasl_value r;
  if (start < 0)
    {
      nasl_call_error (call, "missing or negative start index");
      r = NASL_NULL;
    }
  else if (start > end)
    r = nasl_value_data ("", 0);
  else
    r = nasl_value_data (t.bytes + start, (size_t) (end - start + 1));
  text_arg_clear (&t);
  return r;
}

/* strstr(s, t): the suffix of s starting at the first t, or NULL. */
static nasl_value
bi_strstr (nasl_call *call)
{
  text_arg a, b;
  nasl_value r = NASL_NULL;
  int ha = pos_text (call, 0, &a), hb = pos_text (call, 1, &b);
  if (ha && hb && b.size <= a.size)
    {
      const char *c = memmem (a.bytes, a.size, b.bytes, b.size);
      if (c != NULL)
        r = nasl_value_data (c, a.size - (size_t) (c - a.bytes));
    }
  if (ha)
    text_arg_clear (&a);
  if (hb)
    text_arg_clear (&b);
  return r;
}

/* stridx(s, t [, start]): index of t in s at or after start, else -1. */
static nasl_value
bi_stridx (nasl_call *call)
{
  text_arg a, b;
  long idx = -1;
  int ha = pos_text (call, 0, &a), hb = pos_text (call, 1, &b);
  long start = nasl_arg_pos_int (call, 2, 0);
  if (!ha || !hb)
    nasl_call_error (call, "usage: stridx(string, substring [, start])");
  else if (start < 0 || (size_t) start > a.size)
    nasl_call_error (call, "start index %ld out of range", start);
  else if ((size_t) start < a.size)
    {
      const char *c = memmem (a.bytes + start, a.size - (size_t) start, b.bytes, b.size);
      if (c != NULL)
        idx = (long) (c - a.bytes);
    }
  if (ha)
    text_arg_clear (&a);
  if (hb)
    text_arg_clear (&b);
  return nasl_value_int (idx);
}

/*
** str_replace(string:, find:, replace:, count:): binary-safe replacement of
** the first 'count' occurrences (0: all).  An empty 'find' is an error.
*/
static nasl_value
bi_str_replace (nasl_call *call)
{
  text_arg a, f, rep;
  int ha = named_text (call, "string", &a);
  int hf = named_text (call, "find", &f);
  int hr = named_text (call, "replace", &rep);
  long count = nasl_arg_int (call, "count", 0);
  nasl_value r = NASL_NULL;

  if (!ha || !hf)
    nasl_call_error (call, "usage: str_replace(string: s, find: f, replace: r [, count: c])");
  else if (f.size == 0)
    nasl_call_error (call, "illegal 'find' argument value");
  else
    {
      const char *rb = hr ? rep.bytes : "";
      size_t rl = hr ? rep.size : 0;
      GString *out = g_string_new (NULL);
      size_t pos = 0;
      long done = 0;
      int over = 0;
      while (pos + f.size <= a.size)
        {
          const char *c = memmem (a.bytes + pos, a.size - pos, f.bytes, f.size);
          if (c == NULL)
            break;
          size_t skip = (size_t) (c - (a.bytes + pos));
          if (out->len + skip + rl > TEXT_RESULT_MAX)
            {
              over = 1;
              break;
            }
          g_string_append_len (out, a.bytes + pos, (gssize) skip);
          g_string_append_len (out, rb, (gssize) rl);
          pos += skip + f.size;
          done++;
          if (count > 0 && done >= count)
            break;
        }
      if (over)
        {
          g_string_free (out, TRUE);
          nasl_call_error (call, "result exceeds %d bytes", TEXT_RESULT_MAX);
        }
      else
        {
          g_string_append_len (out, a.bytes + pos, (gssize) (a.size - pos));
          r = gstring_to_data (out);
        }
    }
  if (ha)
    text_arg_clear (&a);
  if (hf)
    text_arg_clear (&f);
  if (hr)
    text_arg_clear (&rep);
  return r;
}

/*
** insstr(s, t, i [, j]): replaces s[i..j] (inclusive; j defaults to the end)
** with t.  OpenVAS sizes its result as len(s) + i - j - 1 + len(t), or
** len(t) when i > j; the result here has that same size, without OpenVAS's
** buffer overrun in the second case.
*/
static nasl_value
bi_insstr (nasl_call *call)
{
  text_arg s, t;
  int hs = pos_text (call, 0, &s), ht = pos_text (call, 1, &t);
  long i1 = nasl_arg_pos_int (call, 2, -1);
  long i2 = nasl_arg_pos_int (call, 3, -1);
  long sz1 = hs ? (long) s.size : 0;
  nasl_value r = NASL_NULL;

  if (i2 > sz1 || i2 == -1)
    i2 = sz1 - 1;
  if (!hs || !ht || i1 < 0 || i2 < 0)
    nasl_call_error (call, "usage: insstr(str1, str2, idx_start [, idx_end])");
  else if (i1 >= sz1)
    nasl_call_error (call, "cannot insert string2 after end of string1");
  else
    {
      GString *out = g_string_new (NULL);
      long want;
      g_string_append_len (out, s.bytes, i1);
      g_string_append_len (out, t.bytes, (gssize) t.size);
      if (i2 < sz1 - 1)
        g_string_append_len (out, s.bytes + i2 + 1, sz1 - 1 - i2);
      if (i1 > i2)
        {
          nasl_call_error (call, "warning: 1st index %ld greater than 2nd index %ld", i1, i2);
          want = (long) t.size;
        }
      else
        want = sz1 + i1 - i2 - 1 + (long) t.size;
      if (want < (long) out->len)
        g_string_truncate (out, (gsize) want);
      r = gstring_to_data (out);
    }
  if (hs)
    text_arg_clear (&s);
  if (ht)
    text_arg_clear (&t);
  return r;
}

/* ------------------------------------------------------------------------
** Case, whitespace, padding
** ------------------------------------------------------------------------ */

/* The shared body of tolower()/toupper(): ASCII only, data result. */
static nasl_value
map_case (nasl_call *call, int upper)
{
  text_arg t;
  if (!pos_text (call, 0, &t))
    return NASL_NULL;
  char *buf = g_malloc (t.size + 1);
  for (size_t i = 0; i < t.size; i++)
    buf[i] = upper ? g_ascii_toupper (t.bytes[i]) : g_ascii_tolower (t.bytes[i]);
  buf[t.size] = '\0';
  size_t n = t.size;
  text_arg_clear (&t);
  return nasl_value_data_take (buf, n);
}

static nasl_value
bi_tolower (nasl_call *call)
{
  return map_case (call, 0);
}

static nasl_value
bi_toupper (nasl_call *call)
{
  return map_case (call, 1);
}

/* chomp(s): drops all trailing whitespace. */
static nasl_value
bi_chomp (nasl_call *call)
{
  text_arg t;
  if (!pos_text (call, 0, &t))
    return NASL_NULL;
  size_t n = t.size;
  while (n > 0 && isspace ((unsigned char) t.bytes[n - 1]))
    n--;
  nasl_value r = nasl_value_data (t.bytes, n);
  text_arg_clear (&t);
  return r;
}

/*
** crap(length [, data:]): 'length' bytes of 'X', or of 'data' repeated and
** cut at exactly 'length'.  Length given both ways, or neither, is an error;
** 0 gives NULL.
*/
static nasl_value
bi_crap (nasl_call *call)
{
  long named = nasl_arg_int (call, "length", -1);
  long pos = nasl_arg_pos_int (call, 0, -1);
  if (named < 0 && pos < 0)
    {
      nasl_call_error (call, "invalid or missing 'length' argument");
      return NASL_NULL;
    }
  if (named >= 0 && pos >= 0)
    {
      nasl_call_error (call, "cannot set both unnamed and named 'length'");
      return NASL_NULL;
    }
  long len = named >= 0 ? named : pos;
  if (len == 0)
    return NASL_NULL;
  if (len > TEXT_RESULT_MAX)
    {
      nasl_call_error (call, "length %ld exceeds %d bytes", len, TEXT_RESULT_MAX);
      return NASL_NULL;
    }
  text_arg d;
  int hd = named_text (call, "data", &d);
  if (hd && d.size == 0)
    {
      text_arg_clear (&d);
      nasl_call_error (call, "invalid null 'data' parameter");
      return NASL_NULL;
    }
  char *buf = g_malloc ((size_t) len + 1);
  if (!hd)
    memset (buf, 'X', (size_t) len);
  else
    for (long i = 0; i < len; i++)
      buf[i] = d.bytes[(size_t) i % d.size];
  buf[len] = '\0';
  if (hd)
    text_arg_clear (&d);
  return nasl_value_data_take (buf, (size_t) len);
}

/* ------------------------------------------------------------------------
** Conversions
** ------------------------------------------------------------------------ */

/* hex(i): "0x%02x" of the low byte; -1 (OpenVAS's "missing") gives NULL. */
static nasl_value
bi_hex (nasl_call *call)
{
  int v = (int) nasl_arg_pos_int (call, 0, -1);
  if (v == -1)
    return NASL_NULL;
  char buf[8];
  int n = g_snprintf (buf, sizeof buf, "0x%02x", (unsigned) (unsigned char) v);
  return nasl_value_string (buf, (size_t) n);
}

/* hexstr(s): lowercase hex of the bytes, as a string value. */
static nasl_value
bi_hexstr (nasl_call *call)
{
  static const char digits[] = "0123456789abcdef";
  text_arg t;
  if (!pos_text (call, 0, &t))
    return NASL_NULL;
  if (t.size > TEXT_RESULT_MAX / 2)
    {
      text_arg_clear (&t);
      nasl_call_error (call, "argument too long");
      return NASL_NULL;
    }
  GString *out = g_string_sized_new (t.size * 2 + 1);
  for (size_t i = 0; i < t.size; i++)
    {
      unsigned char c = (unsigned char) t.bytes[i];
      g_string_append_c (out, digits[c >> 4]);
      g_string_append_c (out, digits[c & 15]);
    }
  text_arg_clear (&t);
  nasl_value r = nasl_value_string (out->str, out->len);
  g_string_free (out, TRUE);
  return r;
}

/* ord(s): the first byte; an int is read as its decimal text. */
static nasl_value
bi_ord (nasl_call *call)
{
  text_arg t;
  if (!pos_text (call, 0, &t))
    {
      nasl_call_error (call, "usage: ord(char); the given char or string is NULL");
      return NASL_NULL;
    }
  long v = t.len > 0 ? (unsigned char) t.bytes[0] : 0;
  text_arg_clear (&t);
  return nasl_value_int (v);
}

/* int(x): atol() of a string, the int itself, 0 otherwise. */
static nasl_value
bi_int (nasl_call *call)
{
  return nasl_value_int (nasl_arg_pos_int (call, 0, 0));
}

/* ------------------------------------------------------------------------
** split() and match()
** ------------------------------------------------------------------------ */

static void
push_piece (nasl_value *arr, const char *p, size_t n)
{
  nasl_array_push (arr, nasl_value_data (p, n));
}

/* split() on an explicit separator. */
static void
split_on_sep (nasl_value *arr, const char *s, size_t len, const char *sep,
              size_t sep_len, int keep)
{
  size_t i = 0;
  for (;;)
    {
      const char *p = memmem (s + i, len - i, sep, sep_len);
      if (p == NULL)
        {
          push_piece (arr, s + i, len - i);
          return;
        }
      size_t piece = (size_t) (p - (s + i));
      push_piece (arr, s + i, keep ? piece + sep_len : piece);
      i = (size_t) (p - s) + sep_len;
      if (i >= len)
        return;
    }
}

/* split() into lines: "\r\n" and "\n" end a line. */
static void
split_lines (nasl_value *arr, const char *s, size_t len, int keep)
{
  size_t start = 0, i;
  for (i = 0; i < len; i++)
    {
      if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
        {
          i++;
          push_piece (arr, s + start, keep ? i - start + 1 : i - start - 1);
          start = i + 1;
        }
      else if (s[i] == '\n')
        {
          push_piece (arr, s + start, keep ? i - start + 1 : i - start);
          start = i + 1;
        }
    }
  if (i > start)
    push_piece (arr, s + start, i - start);
}

/* split(s, sep:, keep:TRUE): an array of data pieces; empty input gives NULL. */
static nasl_value
bi_split (nasl_call *call)
{
  text_arg s, sep;
  if (!pos_text (call, 0, &s))
    return NASL_NULL;
  size_t len = s.size > 0 ? s.size : strlen (s.bytes);
  if (len == 0)
    {
      text_arg_clear (&s);
      return NASL_NULL;
    }
  int has_sep = named_text (call, "sep", &sep);
  size_t sep_len = 0;
  if (has_sep)
    {
      sep_len = sep.size > 0 ? sep.size : strlen (sep.bytes);
      if (sep_len == 0)
        {
          text_arg_clear (&s);
          text_arg_clear (&sep);
          nasl_call_error (call, "invalid 'sep' parameter");
          return NASL_NULL;
        }
    }
  int keep = (int) nasl_arg_int (call, "keep", 1);
  nasl_value arr = nasl_value_array ();
  if (has_sep)
    split_on_sep (&arr, s.bytes, len, sep.bytes, sep_len, keep);
  else
    split_lines (&arr, s.bytes, len, keep);
  text_arg_clear (&s);
  if (has_sep)
    text_arg_clear (&sep);
  return arr;
}

/*
** Glob matching with '*' and '?' (no escapes, no classes), byte-wise.
** Iterative with one backtrack point, so the work is O(len(s) * len(p)).
*/
static int
glob_match (const char *s, size_t sl, const char *p, size_t pl, int icase)
{
  size_t si = 0, pi = 0, star_p = SIZE_MAX, star_s = 0;
  while (si < sl)
    {
      if (pi < pl && p[pi] == '*')
        {
          star_p = pi++;
          star_s = si;
          continue;
        }
      if (pi < pl
          && (p[pi] == '?'
              || (icase ? g_ascii_tolower (p[pi]) == g_ascii_tolower (s[si])
                        : p[pi] == s[si])))
        {
          pi++;
          si++;
          continue;
        }
      if (star_p == SIZE_MAX)
        return 0;
      pi = star_p + 1;
      si = ++star_s;
    }
  while (pi < pl && p[pi] == '*')
    pi++;
  return pi == pl;
}

/* match(string:, pattern:, icase:): 1 when the glob matches the whole string. */
static nasl_value
bi_match (nasl_call *call)
{
  text_arg s, p;
  if (!named_text (call, "pattern", &p))
    {
      nasl_call_error (call, "parameter 'pattern' missing");
      return NASL_NULL;
    }
  if (!named_text (call, "string", &s))
    {
      text_arg_clear (&p);
      nasl_call_error (call, "parameter 'string' missing");
      return NASL_NULL;
    }
  int icase = nasl_arg_int (call, "icase", 0) != 0;
  /* OpenVAS matches the NUL-terminated texts. */
  int m = glob_match (s.bytes, strlen (s.bytes), p.bytes, strlen (p.bytes), icase);
  text_arg_clear (&s);
  text_arg_clear (&p);
  return nasl_value_int (m);
}

/* ORDER: alphabetical within the family. */
const nasl_builtin lib_string_builtins[] = {
  { "chomp", bi_chomp, 0, 1, "" },
  { "crap", bi_crap, 0, 1, "length:i? data:s?" },
  { "display", bi_display, 0, -1, "" },
  { "hex", bi_hex, 0, 1, "" },
  { "hexstr", bi_hexstr, 0, 1, "" },
  { "insstr", bi_insstr, 0, 4, "" },
  { "int", bi_int, 0, 1, "" },
  { "match", bi_match, 0, 0, "string:s? pattern:s? icase:i?" },
  { "ord", bi_ord, 0, 1, "" },
  { "raw_string", bi_raw_string, 0, -1, "" },
  { "split", bi_split, 0, 1, "sep:s? keep:i?" },
  { "str_replace", bi_str_replace, 0, 0, "string:s? find:s? replace:s? count:i?" },
  { "strcat", bi_strcat, 0, -1, "" },
  { "string", bi_string, 0, -1, "" },
  { "stridx", bi_stridx, 0, 3, "" },
  { "strlen", bi_strlen, 0, 1, "" },
  { "strstr", bi_strstr, 0, 2, "" },
  { "substr", bi_substr, 0, 3, "" },
  { "tolower", bi_tolower, 0, 1, "" },
  { "toupper", bi_toupper, 0, 1, "" },
  NASL_BUILTIN_END
};

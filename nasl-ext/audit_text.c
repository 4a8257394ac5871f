/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit_text.c: .audit text helpers: decoding, unescaping, the metadata header (variables, name, version). */

#include "audit_int.h"

#include <string.h>

/* {====================================================================
** Decoding
** ===================================================================== */

/* Read the UTF-16 code unit at P (2 bytes) in the given byte order. */
static unsigned
utf16_unit (const unsigned char *p, bool big_endian)
{
  return big_endian ? ((unsigned) p[0] << 8) | p[1]
                    : ((unsigned) p[1] << 8) | p[0];
}

/* Decode the code point starting at unit index I of N units; store it in
** *CP and return how many units it took.  Unpaired surrogates give U+FFFD. */
static size_t
utf16_next (const unsigned char *src, size_t i, size_t n, bool be,
            unsigned *cp)
{
  unsigned u = utf16_unit (src + 2 * i, be);

  if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n)
    {
      unsigned lo = utf16_unit (src + 2 * (i + 1), be);
      if (lo >= 0xDC00 && lo <= 0xDFFF)
        {
          *cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          return 2;
        }
    }
  *cp = (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u;
  return 1;
}

static size_t
utf8_width (unsigned cp)
{
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static char *
utf8_put (char *out, unsigned cp)
{
  if (cp < 0x80)
    *out++ = (char) cp;
  else if (cp < 0x800)
    {
      *out++ = (char) (0xC0 | (cp >> 6));
      *out++ = (char) (0x80 | (cp & 0x3F));
    }
  else if (cp < 0x10000)
    {
      *out++ = (char) (0xE0 | (cp >> 12));
      *out++ = (char) (0x80 | ((cp >> 6) & 0x3F));
      *out++ = (char) (0x80 | (cp & 0x3F));
    }
  else
    {
      *out++ = (char) (0xF0 | (cp >> 18));
      *out++ = (char) (0x80 | ((cp >> 12) & 0x3F));
      *out++ = (char) (0x80 | ((cp >> 6) & 0x3F));
      *out++ = (char) (0x80 | (cp & 0x3F));
    }
  return out;
}

/*
** Convert UTF-16 (without its BOM) to UTF-8.  Two passes: the first sizes
** the output so the limit is checked before anything is allocated.  A
** dangling odd byte at the end is dropped.
*/
static bool
utf16_to_utf8 (const unsigned char *src, size_t nbytes, bool be, char **out,
               size_t *out_len)
{
  size_t n = nbytes / 2, i, need = 0;
  unsigned cp;
  char *buf, *w;

  for (i = 0; i < n;)
    {
      i += utf16_next (src, i, n, be, &cp);
      need += utf8_width (cp);
      if (need > AUDIT_MAX_INPUT)
        return false;
    }
  buf = w = g_malloc (need + 1);
  for (i = 0; i < n;)
    {
      i += utf16_next (src, i, n, be, &cp);
      w = utf8_put (w, cp);
    }
  *w = '\0';
  *out = buf;
  *out_len = need;
  return true;
}

/* Windows-1252 bytes 0x80-0x9F as Unicode code points.  The five bytes
** the code page leaves undefined (81, 8D, 8F, 90, 9D) map to the C1 control
** of the same value, as in the WHATWG Encoding Standard; 0xA0-0xFF are
** Latin-1 and map to themselves. */
static const unsigned short cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static unsigned
cp1252_code_point (unsigned char b)
{
  return b >= 0x80 && b < 0xA0 ? cp1252_high[b - 0x80] : b;
}

/* Convert Windows-1252 to UTF-8; false (nothing allocated) when the result
** would exceed AUDIT_MAX_INPUT bytes. */
static bool
cp1252_to_utf8 (const unsigned char *src, size_t n, char **out, size_t *out_len)
{
  size_t i, need = 0;
  char *buf, *w;

  for (i = 0; i < n; i++)
    need += utf8_width (cp1252_code_point (src[i]));
  if (need > AUDIT_MAX_INPUT)
    return false;
  buf = w = g_malloc (need + 1);
  for (i = 0; i < n; i++)
    w = utf8_put (w, cp1252_code_point (src[i]));
  *w = '\0';
  *out = buf;
  *out_len = need;
  return true;
}

/* Offset of the first byte of DATA that does not start a valid UTF-8
** sequence (RFC 3629: no overlong forms, no surrogates, nothing above
** U+10FFFF; NUL counts as valid here), or LEN when all of it is valid. */
static size_t
utf8_invalid_offset (const char *data, size_t len)
{
  const char *end = NULL;
  size_t done = 0;

  /* g_utf8_validate_len stops at a NUL byte: step over each one */
  while (!g_utf8_validate_len (data + done, len - done, &end))
    {
      done = (size_t) (end - data);
      if (data[done] != '\0')
        return done;
      done++;
    }
  return len;
}

audit_decode_status
audit_text_decode (const char *data, size_t len, const char **text,
                   size_t *text_len, char **owned, size_t *bad_offset)
{
  const unsigned char *u = (const unsigned char *) data;
  bool bom = false;

  *owned = NULL;
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      if (!utf16_to_utf8 (u + 2, len - 2, u[0] == 0xFE, owned, text_len))
        return AUDIT_DECODE_TOO_BIG;
      *text = *owned;
      return AUDIT_DECODE_OK;
    }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      data += 3;
      len -= 3;
      bom = true;
    }
  if (len > AUDIT_MAX_INPUT)
    return AUDIT_DECODE_TOO_BIG;
  *text = data;
  *text_len = len;
  *bad_offset = utf8_invalid_offset (data, len);
  if (*bad_offset == len)
    return AUDIT_DECODE_OK;
  if (bom)
    return AUDIT_DECODE_BAD_UTF8;
  if (!cp1252_to_utf8 ((const unsigned char *) data, len, owned, text_len))
    return AUDIT_DECODE_TOO_BIG;
  *text = *owned;
  return AUDIT_DECODE_OK;
}

char *
audit_text_to_utf8 (const char *s)
{
  size_t len = strlen (s), out_len;
  char *out;

  if (utf8_invalid_offset (s, len) == len
      || !cp1252_to_utf8 ((const unsigned char *) s, len, &out, &out_len))
    return g_strdup (s);
  return out;
}

/* }==================================================================== */

/* {====================================================================
** Values
** ===================================================================== */

size_t
audit_text_unescape_into (const char *raw, size_t len, char quote, char *out)
{
  char *w = out;
  size_t i;

  if (!memchr (raw, '\\', len) && !memchr (raw, '\r', len))
    {
      memcpy (out, raw, len); /* the common case: nothing to rewrite */
      out[len] = '\0';
      return len;
    }
  for (i = 0; i < len; i++)
    {
      char c = raw[i];

      if (c == '\\' && quote && i + 1 < len && (raw[i + 1] == '\\' || raw[i + 1] == quote))
        *w++ = raw[++i];
      else if (c == '\r')
        {
          *w++ = '\n';
          if (i + 1 < len && raw[i + 1] == '\n')
            i++;
        }
      else
        *w++ = c;
    }
  *w = '\0';
  return (size_t) (w - out);
}

/* }==================================================================== */

/* {====================================================================
** Header variables
** ===================================================================== */

/* If LINE (without its end) is a comment, return what follows the '#'
** and the blanks after it; else return FALSE. */
static bool
comment_body (const char *line, size_t len, audit_span *body)
{
  size_t i = 0;

  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  if (i == len || line[i] != '#')
    return false;
  i++;
  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  body->ptr = line + i;
  body->len = len - i;
  return true;
}

static bool
span_starts (audit_span s, const char *prefix)
{
  size_t n = strlen (prefix);
  return s.len >= n && memcmp (s.ptr, prefix, n) == 0;
}

/* If BODY is "<TAG>text</TAG>...", store "text" in *INNER. */
static bool
element_text (audit_span body, const char *tag, audit_span *inner)
{
  char open[32], close[32];
  size_t on, cn, i;

  on = (size_t) g_snprintf (open, sizeof open, "<%s>", tag);
  cn = (size_t) g_snprintf (close, sizeof close, "</%s>", tag);
  if (body.len < on || memcmp (body.ptr, open, on) != 0)
    return false;
  for (i = on; i + cn <= body.len; i++)
    if (memcmp (body.ptr + i, close, cn) == 0)
      {
        inner->ptr = body.ptr + on;
        inner->len = i - on;
        return true;
      }
  return false;
}

/*
** Tenable's layout: a comment line "#<variable>" opens a block that a
** comment line "#</variable>" closes; inside, a comment line
** "#<name>N</name>" and one "#<default>V</default>" give the variable.
** A non-comment line inside a block abandons it.  Single linear pass.
*/
void
audit_text_collect_vars (const char *text, size_t len, GHashTable *vars,
                         GPtrArray *order)
{
  size_t pos = 0;
  bool in_var = false;
  audit_span name = { NULL, 0 }, dflt = { NULL, 0 };

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      size_t end = nl ? (size_t) (nl - text) : len;
      audit_span body, inner;

      if (!comment_body (text + pos, end - pos, &body))
        in_var = false;
      else if (span_starts (body, "<variable>"))
        {
          in_var = true;
          name.ptr = dflt.ptr = NULL;
        }
      else if (in_var && span_starts (body, "</variable>"))
        {
          in_var = false;
          if (name.ptr)
            {
              char *key = g_strstrip (g_strndup (name.ptr, name.len));
              if (*key && !g_hash_table_contains (vars, key))
                {
                  g_hash_table_insert (vars, key,
                                       g_strndup (dflt.ptr ? dflt.ptr : "", dflt.len));
                  g_ptr_array_add (order, key);
                }
              else
                g_free (key);
            }
        }
      else if (in_var && element_text (body, "name", &inner))
        name = inner;
      else if (in_var && element_text (body, "default", &inner))
        dflt = inner;
      pos = nl ? end + 1 : len;
    }
}

/* BODY's text between <TAG> and </TAG>, without the blanks around it
** (g_strstrip's: space, tab, LF, VT, FF, CR); FALSE when BODY is no such
** element or the text is blank. */
static bool
meta_text (audit_span body, const char *tag, audit_span *out)
{
  audit_span inner;

  if (!element_text (body, tag, &inner))
    return false;
  while (inner.len > 0 && g_ascii_isspace (inner.ptr[0]))
    {
      inner.ptr++;
      inner.len--;
    }
  while (inner.len > 0 && g_ascii_isspace (inner.ptr[inner.len - 1]))
    inner.len--;
  if (inner.len == 0)
    return false;
  *out = inner;
  return true;
}

/*
** The header is opened by a comment line "#<ui_metadata>" and closed by
** "#</ui_metadata>" or by any line that is not a comment (as a variable
** block is abandoned); inside, "#<spec>" ... "#</spec>" holds the name and
** version.  Every header of the file is read; the first text found for
** each field wins.  Single linear pass.
*/
void
audit_text_collect_meta (const char *text, size_t len, audit_header_meta *meta)
{
  size_t pos = 0;
  bool in_header = false, in_spec = false;

  memset (meta, 0, sizeof *meta);
  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      size_t end = nl ? (size_t) (nl - text) : len;
      audit_span body;

      if (!comment_body (text + pos, end - pos, &body))
        in_header = in_spec = false;
      else if (!in_header)
        in_header = span_starts (body, "<ui_metadata>");
      else if (span_starts (body, "</ui_metadata>"))
        in_header = in_spec = false;
      else if (span_starts (body, "<spec>"))
        in_spec = true;
      else if (span_starts (body, "</spec>"))
        in_spec = false;
      else if (!meta->display_name.ptr && meta_text (body, "display_name", &meta->display_name))
        ;
      else if (in_spec && !meta->spec_name.ptr && meta_text (body, "name", &meta->spec_name))
        ;
      else if (in_spec && !meta->spec_version.ptr)
        meta_text (body, "version", &meta->spec_version);
      pos = nl ? end + 1 : len;
    }
}

static bool
is_var_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

bool
audit_text_is_var_name (const char *name)
{
  if (*name == '\0')
    return false;
  for (; *name != '\0'; name++)
    if (!is_var_char (*name))
      return false;
  return true;
}

int
audit_text_subst (const char *raw, size_t len, GHashTable *vars,
                  size_t *budget, char **out, size_t *out_len)
{
  GString *res = NULL;
  size_t i = 0, copied = 0;

  if (!vars || g_hash_table_size (vars) == 0 || !memchr (raw, '@', len))
    return 0;
  while (i < len)
    {
      const char *at = memchr (raw + i, '@', len - i);
      size_t s, e;
      char *name;
      const char *val;

      if (!at)
        break;
      s = (size_t) (at - raw);
      for (e = s + 1; e < len && is_var_char (raw[e]); e++)
        ;
      if (e >= len || raw[e] != '@' || e == s + 1)
        {
          i = e > s + 1 ? e : s + 1; /* the closing '@' may open the next */
          continue;
        }
      name = g_strndup (raw + s + 1, e - s - 1);
      val = g_hash_table_lookup (vars, name);
      g_free (name);
      if (!val)
        {
          i = e;
          continue;
        }
      if (!res)
        res = g_string_sized_new (len + 16);
      g_string_append_len (res, raw + copied, (gssize) (s - copied));
      g_string_append (res, val);
      copied = i = e + 1;
      if (res->len > *budget)
        {
          g_string_free (res, TRUE);
          return -1;
        }
    }
  if (!res)
    return 0;
  g_string_append_len (res, raw + copied, (gssize) (len - copied));
  if (res->len > *budget)
    {
      g_string_free (res, TRUE);
      return -1;
    }
  *budget -= res->len;
  *out_len = res->len;
  *out = g_string_free (res, FALSE);
  return 1;
}

/* }==================================================================== */

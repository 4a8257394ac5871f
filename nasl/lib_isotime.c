/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_isotime.c: builtin family 'isotime': ISO 8601 basic timestamps "yyyymmddThhmmss" (UTC). */
#include "libs.h"
#include <stdbool.h>
#include "text_arg.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/*
** The formats and limits are openvas-nasl's:
**   - an isotime is 15 bytes "yyyymmddThhmmss"; isotime_scan() also takes the
**     human form "yyyy-mm-dd[ hh[:mm[:ss]]]";
**   - arithmetic works on the Gregorian calendar from 1582-10-15 on, adds
**     only non-negative amounts, and keeps the date unchanged when the
**     result's Julian day number falls outside [1721425, 2843085] (the
**     range openvas-nasl's day converter accepts);
**   - the date fields are not range-checked before arithmetic: only digits
**     and the 'T' are.
** A data (pure string) argument counts by its first 15 bytes.
*/

#define ISOTIME_LEN 15
#define JDN_MIN 1721425L
#define JDN_MAX 2843085L

static bool
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static int
num2 (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

static int
num4 (const char *p)
{
  return num2 (p) * 100 + num2 (p + 2);
}

/* Eight digits, 'T', six digits (the terminator is not looked at). */
static bool
isotime_shape (const char *s)
{
  for (int i = 0; i < ISOTIME_LEN; i++)
    if (i == 8 ? s[i] != 'T' : !is_digit (s[i]))
      return false;
  return true;
}

/* An isotime followed by the end, white space, ':' or ','. */
static bool
isotime_basic (const char *s)
{
  char end;

  if (!isotime_shape (s))
    return false;
  end = s[ISOTIME_LEN];
  return end == '\0' || end == ':' || end == ',' || g_ascii_isspace (end);
}

/* Two digits at 'p' within [lo, hi]. */
static bool
field_in (const char *p, int lo, int hi)
{
  return is_digit (p[0]) && is_digit (p[1]) && num2 (p) >= lo && num2 (p) <= hi;
}

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* "yyyy-mm-dd[ hh[:mm[:ss]]]" (also ended by ','; a second blank ends it). */
static bool
isotime_human (const char *s)
{
  for (int i = 0; i < 4; i++)
    if (!is_digit (s[i]))
      return false;
  if (s[4] != '-' || !field_in (s + 5, 1, 12) || s[7] != '-' || !field_in (s + 8, 1, 31))
    return false;
  s += 10;
  if (!*s || *s == ',')
    return true;
  if (!is_blank (*s++))
    return false;
  if (is_blank (*s))
    return true;
  static const int limit[] = { 23, 59, 60 };
  for (int f = 0; f < 3; f++)
    {
      if (!field_in (s, 0, limit[f]))
        return false;
      s += 2;
      if (!*s || *s == ',' || (f == 2 && is_blank (*s)))
        return true;
      if (f == 2 || *s++ != ':')
        return false;
    }
  return false;
}

/* Converts either form to "yyyymmddThhmmss" in out[16]; false when neither. */
static bool
isotime_parse (const char *s, char out[ISOTIME_LEN + 1])
{
  memset (out, 0, ISOTIME_LEN + 1);
  if (isotime_basic (s))
    {
      memcpy (out, s, ISOTIME_LEN);
      return true;
    }
  if (!isotime_human (s))
    return false;
  memcpy (out, s, 4);
  memcpy (out + 4, s + 5, 2);
  memcpy (out + 6, s + 8, 2);
  out[8] = 'T';
  memcpy (out + 9, "000000", 6);
  if (!is_blank (s[10]) || is_blank (s[11]))
    {
      out[9] = '\0'; /* date only: what openvas-nasl returns then */
      return true;
    }
  memcpy (out + 9, s + 11, 2);
  if (s[13] == ':')
    {
      memcpy (out + 11, s + 14, 2);
      if (s[16] == ':')
        memcpy (out + 13, s + 17, 2);
    }
  return true;
}

/* --- calendar arithmetic -------------------------------------------------------- */

/* Julian day number of a Gregorian date (Fliegel & Van Flandern, 1968);
** month and day may lie outside their usual ranges and then carry over. */
static long
jdn_of (long y, long m, long d)
{
  long a = (m - 14) / 12;

  return (1461 * (y + 4800 + a)) / 4 + (367 * (m - 2 - 12 * a)) / 12
         - (3 * ((y + 4900 + a) / 100)) / 4 + d - 32075;
}

/* The Gregorian date of a Julian day number (the inverse algorithm). */
static void
date_of (long jdn, int *y, int *m, int *d)
{
  long l = jdn + 68569, n = 4 * l / 146097;
  long i, j;

  l -= (146097 * n + 3) / 4;
  i = 4000 * (l + 1) / 1461001;
  l = l - 1461 * i / 4 + 31;
  j = 80 * l / 2447;
  *d = (int) (l - 2447 * j / 80);
  l = j / 11;
  *m = (int) (j + 2 - 12 * l);
  *y = (int) (100 * (n - 49) + i + l);
}

typedef struct isotime_fields {
  int year, month, day, hour, minute, second;
} isotime_fields;

static void
fields_of (const char *t, isotime_fields *f)
{
  f->year = num4 (t);
  f->month = num2 (t + 4);
  f->day = num2 (t + 6);
  f->hour = num2 (t + 9);
  f->minute = num2 (t + 11);
  f->second = num2 (t + 13);
}

static bool
before_gregorian (const isotime_fields *f)
{
  return f->year < 1582 || (f->year == 1582 && f->month < 10)
         || (f->year == 1582 && f->month == 10 && f->day < 15);
}

/* Moves the date to Julian day 'jdn' (left alone outside the supported
** range) and writes the result; false when the date is out of bounds. */
static bool
store_date (char t[ISOTIME_LEN + 1], isotime_fields *f, long jdn)
{
  if (jdn >= JDN_MIN && jdn <= JDN_MAX)
    date_of (jdn, &f->year, &f->month, &f->day);
  if (f->year > 9999 || f->month > 12 || f->day > 31 || f->year < 0 || f->month < 1 || f->day < 1)
    return false;
  g_snprintf (t, ISOTIME_LEN + 1, "%04d%02d%02dT%02d%02d%02d", f->year, f->month, f->day,
              f->hour, f->minute, f->second);
  return true;
}

static bool
add_years (char t[ISOTIME_LEN + 1], long n)
{
  isotime_fields f;

  fields_of (t, &f);
  if (n < 0 || n >= 9999 || before_gregorian (&f))
    return false;
  return store_date (t, &f, jdn_of (f.year + n, f.month, f.day));
}

static bool
add_days (char t[ISOTIME_LEN + 1], long n)
{
  isotime_fields f;

  fields_of (t, &f);
  if (n < 0 || n >= 9999L * 366 || before_gregorian (&f))
    return false;
  return store_date (t, &f, jdn_of (f.year, f.month, f.day) + n);
}

static bool
add_seconds (char t[ISOTIME_LEN + 1], long n)
{
  isotime_fields f;
  long sec, min, hour;

  fields_of (t, &f);
  if (n < 0 || n >= 0x7fffffffL - 61 || before_gregorian (&f))
    return false;
  sec = f.second + n;
  min = f.minute + sec / 60;
  hour = f.hour + min / 60;
  f.second = (int) (sec % 60);
  f.minute = (int) (min % 60);
  f.hour = (int) (hour % 24);
  return store_date (t, &f, jdn_of (f.year, f.month, f.day) + hour / 24);
}

/* --- builtins ------------------------------------------------------------------- */

/* The first positional argument as a C string to parse: a string as is, data
** by its first 15 bytes (shorter data does not count); false otherwise. */
static bool
isotime_arg (nasl_call *call, char buf[ISOTIME_LEN + 1], const char **s)
{
  const nasl_value *v = nasl_arg_pos (call, 0);
  size_t len;
  const char *bytes = nasl_value_bytes (v, &len);

  if (bytes == NULL)
    return false;
  if (v->type == NASL_TYPE_DATA)
    {
      if (len < ISOTIME_LEN)
        return false;
      memcpy (buf, bytes, ISOTIME_LEN);
      buf[ISOTIME_LEN] = '\0';
      *s = buf;
    }
  else
    *s = bytes;
  return true;
}

static nasl_value
text_value (const char *s)
{
  return nasl_value_string (s, strlen (s));
}

/* isotime_now(): the current UTC time. */
static nasl_value
bi_isotime_now (nasl_call *call)
{
  time_t now = time (NULL);
  struct tm tm;
  char buf[32];

  (void) call;
  gmtime_r (&now, &tm);
  g_snprintf (buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
              tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return text_value (buf);
}

/* isotime_is_valid(t): 1 when t is in either form. */
static nasl_value
bi_isotime_is_valid (nasl_call *call)
{
  char buf[ISOTIME_LEN + 1];
  const char *s;

  if (!isotime_arg (call, buf, &s))
    return nasl_value_int (0);
  return nasl_value_int (isotime_basic (s) || isotime_human (s));
}

/* isotime_scan(t): t in the basic form, or NULL.  A data argument always
** gives NULL: openvas-nasl parses it from the buffer it has just cleared. */
static nasl_value
bi_isotime_scan (nasl_call *call)
{
  char buf[ISOTIME_LEN + 1], out[ISOTIME_LEN + 1];
  const char *s;
  const nasl_value *v = nasl_arg_pos (call, 0);

  if (v != NULL && v->type == NASL_TYPE_DATA)
    return NASL_NULL;
  if (!isotime_arg (call, buf, &s) || !isotime_parse (s, out))
    return NASL_NULL;
  return text_value (out);
}

/* isotime_print(t): "yyyy-mm-dd hh:mm:ss", or "[none]". */
static nasl_value
bi_isotime_print (nasl_call *call)
{
  text_arg t;
  char out[32] = "[none]";

  if (text_arg_read (nasl_arg_pos (call, 0), &t))
    {
      if (t.size >= ISOTIME_LEN && isotime_shape (t.bytes))
        g_snprintf (out, sizeof out, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", t.bytes, t.bytes + 4,
                    t.bytes + 6, t.bytes + 9, t.bytes + 11, t.bytes + 13);
      text_arg_clear (&t);
    }
  return text_value (out);
}

/* isotime_add(t, years:, days:, seconds:): t moved forward, or NULL. */
static nasl_value
bi_isotime_add (nasl_call *call)
{
  text_arg t;
  char buf[ISOTIME_LEN + 1];
  long years = nasl_arg_int (call, "years", 0);
  long days = nasl_arg_int (call, "days", 0);
  long seconds = nasl_arg_int (call, "seconds", 0);
  bool ok;

  if (!text_arg_read (nasl_arg_pos (call, 0), &t))
    return NASL_NULL;
  ok = t.size >= ISOTIME_LEN && isotime_shape (t.bytes);
  if (ok)
    memcpy (buf, t.bytes, ISOTIME_LEN);
  buf[ISOTIME_LEN] = '\0';
  text_arg_clear (&t);
  if (!ok)
    return NASL_NULL;
  /* OpenVAS reads these as C ints. */
  years = (int) years;
  days = (int) days;
  seconds = (int) seconds;
  if ((years && !add_years (buf, years)) || (days && !add_days (buf, days))
      || (seconds && !add_seconds (buf, seconds))
      || (!years && !days && !seconds && !add_years (buf, 0)))
    return NASL_NULL;
  return text_value (buf);
}

const nasl_builtin lib_isotime_builtins[] = {
  { "isotime_now", bi_isotime_now, 0, 0, "" },
  { "isotime_is_valid", bi_isotime_is_valid, 0, 1, "" },
  { "isotime_scan", bi_isotime_scan, 0, 1, "" },
  { "isotime_print", bi_isotime_print, 0, 1, "" },
  { "isotime_add", bi_isotime_add, 0, 1, "years:i? days:i? seconds:i?" },
  NASL_BUILTIN_END
};

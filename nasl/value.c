/* SPDX-License-Identifier: GPL-2.0-or-later */
/* value.c: runtime values: constructors, ownership, conversions, cell_cmp. */
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "value.h"
#include "array.h"

/* ORDER NASL_TYPE */
static const char *const type_names[] = { "undef", "int", "string", "data", "array" };

/* ======================================================================
** Strings
** ====================================================================== */

nasl_str *
str_alloc (size_t len)
{
  nasl_str *s;

  if (len > SIZE_MAX - sizeof (nasl_str) - 1)
    g_error ("string size overflow");
  s = g_malloc (sizeof (nasl_str) + len + 1);
  s->refcnt = 1;
  s->len = len;
  s->cap = len;
  s->bytes[len] = '\0';
  return s;
}

nasl_str *
str_append (nasl_str *s, const char *bytes, size_t len)
{
  if (len == 0)
    return s;
  if (len > SIZE_MAX - sizeof (nasl_str) - 1 - s->len)
    g_error ("string size overflow");
  if (s->len + len > s->cap)
    {
      size_t ncap = s->cap < 16 ? 32 : s->cap * 2;
      if (ncap < s->len + len)
        ncap = s->len + len;
      s = g_realloc (s, sizeof (nasl_str) + ncap + 1);
      s->cap = ncap;
    }
  memcpy (s->bytes + s->len, bytes, len);
  s->len += len;
  s->bytes[s->len] = '\0';
  return s;
}

nasl_str *
str_new (const char *bytes, size_t len)
{
  nasl_str *s = str_alloc (len);

  if (len > 0)
    memcpy (s->bytes, bytes, len);
  return s;
}

void
str_unref (nasl_str *s)
{
  if (s != NULL && --s->refcnt == 0)
    g_free (s);
}

/* ======================================================================
** Public constructors and ownership
** ====================================================================== */

nasl_value
nasl_value_int (long i)
{
  nasl_value v;

  v.type = NASL_TYPE_INT;
  v.as.i = i;
  return v;
}

nasl_value
nasl_value_string (const char *bytes, size_t len)
{
  return value_from_str (NASL_TYPE_STRING, str_new (bytes, len));
}

nasl_value
nasl_value_data (const char *bytes, size_t len)
{
  return value_from_str (NASL_TYPE_DATA, str_new (bytes, len));
}

nasl_value
nasl_value_data_cstr (const char *cstr)
{
  if (cstr == NULL)
    cstr = "";
  return nasl_value_data (cstr, strlen (cstr));
}

/* The buffer cannot become the string itself (the header sits in front of
** the bytes), so this copies once and frees the caller's buffer. */
nasl_value
nasl_value_data_take (char *bytes, size_t len)
{
  nasl_value v = nasl_value_data (bytes, len);

  g_free (bytes);
  return v;
}

nasl_value
nasl_value_array (void)
{
  nasl_value v;

  v.type = NASL_TYPE_ARRAY;
  v.as.a = array_new ();
  return v;
}

nasl_value
value_ref (const nasl_value *v)
{
  nasl_value r = *v;

  if (v->type == NASL_TYPE_STRING || v->type == NASL_TYPE_DATA)
    str_ref (v->as.s);
  else if (v->type == NASL_TYPE_ARRAY)
    v->as.a->refcnt++;
  return r;
}

/* Arrays are shared, not duplicated: the body is cloned on the first write
** through either owner (array_unique), so the copy never sees later changes. */
nasl_value
nasl_value_copy (const nasl_value *v)
{
  if (v == NULL)
    return NASL_NULL;
  return value_ref (v);
}

void
nasl_value_free (nasl_value *v)
{
  if (v == NULL)
    return;
  if (v->type == NASL_TYPE_STRING || v->type == NASL_TYPE_DATA)
    str_unref (v->as.s);
  else if (v->type == NASL_TYPE_ARRAY)
    array_unref (v->as.a);
  *v = NASL_NULL;
}

const char *
nasl_type_name (nasl_type t)
{
  if ((unsigned) t >= G_N_ELEMENTS (type_names))
    return "unknown";
  return type_names[t];
}

/* ======================================================================
** Conversions
** ====================================================================== */

const char *
nasl_value_bytes (const nasl_value *v, size_t *len)
{
  if (v == NULL || !value_is_text (v))
    {
      if (len != NULL)
        *len = 0;
      return NULL;
    }
  if (len != NULL)
    *len = v->as.s->len;
  return v->as.s->bytes;
}

int
nasl_value_truth (const nasl_value *v)
{
  if (v == NULL)
    return 0;
  switch (v->type)
    {
    case NASL_TYPE_INT:
      return v->as.i != 0;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      return v->as.s->len != 0;
    case NASL_TYPE_ARRAY:
      return 1;
    default:
      return 0;
    }
}

long
nasl_value_to_int (const nasl_value *v)
{
  if (v == NULL)
    return 0;
  switch (v->type)
    {
    case NASL_TYPE_INT:
      return v->as.i;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      return atol (v->as.s->bytes);
    default:
      return 0;
    }
}

long
value_to_int_arith (const nasl_value *v)
{
  if (v == NULL)
    return 0;
  switch (v->type)
    {
    case NASL_TYPE_INT:
      return v->as.i;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      return strtol (v->as.s->bytes, NULL, 0);
    default:
      return 0;
    }
}

const char *
value_text (const nasl_value *v, char buf[32], nasl_value *owned, bool copy_order,
            size_t *len)
{
  *owned = NASL_NULL;
  switch (v->type)
    {
    case NASL_TYPE_INT:
      *len = (size_t) snprintf (buf, 32, "%ld", v->as.i);
      return buf;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      *len = v->as.s->len;
      return v->as.s->bytes;
    case NASL_TYPE_ARRAY:
      *owned = array_to_text (v->as.a, copy_order);
      *len = owned->as.s->len;
      return owned->as.s->bytes;
    default:
      buf[0] = '\0';
      *len = 0;
      return buf;
    }
}

nasl_value
nasl_value_to_text (const nasl_value *v)
{
  char buf[32];
  nasl_value owned;
  const char *p;
  size_t len;

  if (v == NULL || v->type == NASL_TYPE_NULL)
    return nasl_value_data ("", 0);
  if (v->type == NASL_TYPE_DATA)
    return value_ref (v);
  p = value_text (v, buf, &owned, true, &len);
  if (owned.type != NASL_TYPE_NULL)
    return owned;
  return nasl_value_data (p, len);
}

/* ======================================================================
** Comparison (OpenVAS cell_cmp)
** ====================================================================== */

static int
sign_of_long (long d)
{
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/* memcmp on the shorter length, then the length difference. */
static int
compare_bytes (const char *s1, size_t l1, const char *s2, size_t l2)
{
  size_t lmin = l1 < l2 ? l1 : l2;
  int flag = 0;

  if (lmin > 0)
    flag = memcmp (s1, s2, lmin);
  if (flag == 0)
    return l1 < l2 ? -1 : l1 > l2 ? 1 : 0;
  return flag < 0 ? -1 : 1;
}

static char *
describe_for_message (const nasl_value *v)
{
  char buf[32];
  nasl_value owned;
  size_t len;
  const char *p = value_text (v, buf, &owned, false, &len);
  char *r = g_strndup (p, len);

  nasl_value_free (&owned);
  return r;
}

int
value_compare (const nasl_value *a, const nasl_value *b, char **msg)
{
  nasl_type ta = a->type, tb = b->type;
  char ba[32], bb[32];
  nasl_value oa, ob;
  const char *sa, *sb;
  size_t la, lb;
  int r;

  if (msg != NULL)
    *msg = NULL;
  if (ta == NASL_TYPE_NULL && tb == NASL_TYPE_NULL)
    return 0;
  if (ta == NASL_TYPE_INT && tb == NASL_TYPE_INT)
    return sign_of_long ((long) ((unsigned long) a->as.i - (unsigned long) b->as.i));
  if (ta == NASL_TYPE_ARRAY || tb == NASL_TYPE_ARRAY)
    {
      if (ta == NASL_TYPE_NULL)
        return -1;
      if (tb == NASL_TYPE_NULL)
        return 1;
      if (msg != NULL)
        {
          if (ta == tb)
            *msg = g_strdup ("cell_cmp: cannot compare arrays yet");
          else
            {
              char *n1 = describe_for_message (a), *n2 = describe_for_message (b);
              *msg = g_strdup_printf ("cell_cmp: comparing '%s' of type %s and '%s' of "
                                      "type %s does not make sense",
                                      n1, nasl_type_name (ta), n2, nasl_type_name (tb));
              g_free (n1);
              g_free (n2);
            }
        }
      return 0;
    }
  /* NULL against an int counts as 0 */
  if (ta == NASL_TYPE_NULL && tb == NASL_TYPE_INT)
    return sign_of_long ((long) (0UL - (unsigned long) b->as.i));
  if (tb == NASL_TYPE_NULL && ta == NASL_TYPE_INT)
    return sign_of_long (a->as.i);
  /* everything else compares as text; NULL counts as "" */
  sa = value_text (a, ba, &oa, false, &la);
  sb = value_text (b, bb, &ob, false, &lb);
  r = compare_bytes (sa, la, sb, lb);
  nasl_value_free (&oa);
  nasl_value_free (&ob);
  return r;
}

int
nasl_value_compare (const nasl_value *a, const nasl_value *b)
{
  nasl_value n = NASL_NULL;

  return value_compare (a != NULL ? a : &n, b != NULL ? b : &n, NULL);
}

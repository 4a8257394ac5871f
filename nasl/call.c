/* SPDX-License-Identifier: GPL-2.0-or-later */
/* call.c: builtin call dispatch and the argument readers of nasl_module.h. */
#include <stdio.h>
#include <stdlib.h>

#include "call.h"
#include "array.h"

/* ======================================================================
** Parameter specs
** ====================================================================== */

const char **
call_parse_params (nasl_state *st, const char *spec, char **err)
{
  GPtrArray *mand = g_ptr_array_new ();
  gchar **words;
  size_t i;

  if (spec == NULL)
    spec = "";
  words = g_strsplit_set (spec, " \t", -1);
  for (i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i], *colon;
      size_t wl = strlen (w);
      char *name;
      if (wl == 0)
        continue;
      colon = strchr (w, ':');
      if (colon == NULL || colon == w || colon[1] == '\0'
          || strchr ("isax", colon[1]) == NULL
          || (colon[2] != '\0' && !(colon[2] == '?' && colon[3] == '\0')))
        {
          if (err != NULL)
            *err = g_strdup_printf ("bad parameter spec '%s'", w);
          g_strfreev (words);
          g_ptr_array_free (mand, TRUE);
          return NULL;
        }
      if (colon[2] == '?')
        continue;
      name = g_strndup (w, (size_t) (colon - w));
      g_ptr_array_add (mand, (gpointer) state_intern (st, name));
      g_free (name);
    }
  g_strfreev (words);
  g_ptr_array_add (mand, NULL);
  return (const char **) g_ptr_array_free (mand, FALSE);
}

/* ======================================================================
** Dispatch
** ====================================================================== */

static const nasl_value *
find_named (nasl_call *call, const char *name)
{
  size_t i;

  if (call == NULL || name == NULL)
    return NULL;
  /* Names from the evaluator are interned: try the pointer first. */
  for (i = 0; i < call->nnamed; i++)
    if (call->named[i].name == name)
      return &call->named[i].val;
  for (i = 0; i < call->nnamed; i++)
    if (strcmp (call->named[i].name, name) == 0)
      return &call->named[i].val;
  return NULL;
}

static void
free_temp (gpointer p)
{
  nasl_value *v = p;

  nasl_value_free (v);
  g_free (v);
}

nasl_value
call_builtin (nasl_call *call)
{
  const builtin_desc *d = call->fn;
  nasl_value ret;
  size_t i;

  if (d->mandatory != NULL)
    for (i = 0; d->mandatory[i] != NULL; i++)
      {
        const nasl_value *v = find_named (call, d->mandatory[i]);
        if (v == NULL || v->type == NASL_TYPE_NULL)
          {
            nasl_call_bad_arg (call, d->mandatory[i], NULL);
            return NASL_NULL;
          }
      }
  if (d->b->min_pos > 0 && call->npos < (size_t) d->b->min_pos)
    {
      nasl_call_error (call, "too few arguments (%d expected, got %zu)", d->b->min_pos,
                       call->npos);
      return NASL_NULL;
    }
  if (d->b->max_pos >= 0 && call->npos > (size_t) d->b->max_pos)
    call->npos = (size_t) d->b->max_pos; /* extra positionals are ignored */
  call->temps = NULL;
  ret = d->b->fn (call);
  if (call->temps != NULL)
    {
      g_ptr_array_free (call->temps, TRUE);
      call->temps = NULL;
    }
  return ret;
}

/* ======================================================================
** What a builtin sees
** ====================================================================== */

const nasl_value *
nasl_arg (nasl_call *call, const char *name)
{
  return find_named (call, name);
}

const nasl_value *
nasl_arg_pos (nasl_call *call, size_t i)
{
  if (call == NULL || i >= call->npos)
    return NULL;
  return &call->pos[i];
}

size_t
nasl_arg_count (nasl_call *call)
{
  return call != NULL ? call->npos : 0;
}

static long
value_int_or (const nasl_value *v, long dflt)
{
  if (v == NULL)
    return dflt;
  switch (v->type)
    {
    case NASL_TYPE_INT:
      return v->as.i;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      return atol (v->as.s->bytes);
    default:
      return dflt;
    }
}

long
nasl_arg_int (nasl_call *call, const char *name, long dflt)
{
  return value_int_or (nasl_arg (call, name), dflt);
}

long
nasl_arg_pos_int (nasl_call *call, size_t i, long dflt)
{
  return value_int_or (nasl_arg_pos (call, i), dflt);
}

/* Text of a value kept alive until the builtin returns. */
static const char *
value_str (nasl_call *call, const nasl_value *v, size_t *len)
{
  nasl_value *t;

  if (v == NULL || v->type == NASL_TYPE_NULL)
    {
      if (len != NULL)
        *len = 0;
      return NULL;
    }
  if (value_is_text (v))
    {
      if (len != NULL)
        *len = v->as.s->len;
      return v->as.s->bytes;
    }
  t = g_new (nasl_value, 1);
  *t = nasl_value_to_text (v);
  if (call->temps == NULL)
    call->temps = g_ptr_array_new_with_free_func (free_temp);
  g_ptr_array_add (call->temps, t);
  if (len != NULL)
    *len = t->as.s->len;
  return t->as.s->bytes;
}

const char *
nasl_arg_str (nasl_call *call, const char *name, size_t *len)
{
  return value_str (call, nasl_arg (call, name), len);
}

const char *
nasl_arg_pos_str (nasl_call *call, size_t i, size_t *len)
{
  return value_str (call, nasl_arg_pos (call, i), len);
}

const nasl_value *
nasl_arg_either (nasl_call *call, const char *name, size_t i)
{
  const nasl_value *v = nasl_arg (call, name);

  return v != NULL ? v : nasl_arg_pos (call, i);
}

const char *
nasl_call_name (nasl_call *call)
{
  return call != NULL && call->fn != NULL ? call->fn->name : "?";
}

nasl_state *
nasl_call_state (nasl_call *call)
{
  return call != NULL ? call->st : NULL;
}

void *
nasl_call_module_data (nasl_call *call)
{
  return call != NULL && call->fn != NULL ? call->fn->module_data : NULL;
}

void
nasl_call_error (nasl_call *call, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (call == NULL)
    return;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  state_error (call->st, "%s: %s", nasl_call_name (call), msg);
  g_free (msg);
}

void
nasl_call_bad_arg (nasl_call *call, const char *arg, const char *expected)
{
  const nasl_value *v;

  if (call == NULL)
    return;
  v = arg != NULL ? nasl_arg (call, arg) : NULL;
  if (v == NULL || v->type == NASL_TYPE_NULL || expected == NULL)
    nasl_call_error (call, "missing argument '%s'", arg != NULL ? arg : "?");
  else
    nasl_call_error (call, "bad argument '%s' (%s expected, got %s)", arg, expected,
                     nasl_type_name (v->type));
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ov_call.c: reads a builtin's arguments from OpenVAS and hands results back as OpenVAS cells. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "ov_call.h"

/* {=====================================================================
** Arguments, KB, diagnostics
** ====================================================================== */

gboolean
ov_arg_given (ov_call *c, const char *name)
{
  return c->abi->f.get_var_type_by_name (c->lexic, name) != OV_VAR_UNDEF;
}

static long
var_size (ov_call *c, const char *name)
{
  if (c->abi->layout == OV_LAYOUT_INT_SIZE)
    return c->abi->f.get_var_size_by_name_i (c->lexic, name);
  return c->abi->f.get_var_size_by_name_l (c->lexic, name);
}

const char *
ov_arg_str (ov_call *c, const char *name, size_t *len)
{
  int type = c->abi->f.get_var_type_by_name (c->lexic, name);
  const char *s;
  long n;

  *len = 0;
  if (type == OV_VAR_UNDEF)
    return NULL;
  s = c->abi->f.get_str_var_by_name (c->lexic, name);
  if (s == NULL)
    return NULL;
  /* OpenVAS keeps a NUL after the bytes; only data and strings may hold
  ** NULs, and only they have a size. */
  n = (type == OV_VAR_DATA || type == OV_VAR_STRING) ? var_size (c, name) : -1;
  *len = n >= 0 ? (size_t) n : strlen (s);
  return s;
}

long
ov_arg_int (ov_call *c, const char *name, int dflt)
{
  return c->abi->f.get_int_var_by_name (c->lexic, name, dflt);
}

/* The value of the variable VAR (an ov_var_i or ov_var_l by the layout)
** into E. */
static void
element_value (const ov_abi *abi, const void *var, ov_element *e)
{
  e->int_val = 0;
  e->bytes = NULL;
  e->len = 0;
  if (abi->layout == OV_LAYOUT_INT_SIZE)
    {
      const ov_var_i *v = var;
      e->type = v->var_type;
      if (v->var_type == OV_VAR_INT)
        e->int_val = v->v.int_val;
      else if ((v->var_type == OV_VAR_STRING || v->var_type == OV_VAR_DATA) && v->v.str.bytes != NULL
               && v->v.str.len > 0)
        e->bytes = (const char *) v->v.str.bytes, e->len = (size_t) v->v.str.len;
    }
  else
    {
      const ov_var_l *v = var;
      e->type = v->var_type;
      if (v->var_type == OV_VAR_INT)
        e->int_val = v->v.int_val;
      else if ((v->var_type == OV_VAR_STRING || v->var_type == OV_VAR_DATA) && v->v.str.bytes != NULL
               && v->v.str.len > 0)
        e->bytes = (const char *) v->v.str.bytes, e->len = (size_t) v->v.str.len;
    }
  if ((e->type == OV_VAR_STRING || e->type == OV_VAR_DATA) && e->bytes == NULL)
    e->bytes = "";
}

/* The array a variable holds (its type must be OV_VAR_ARRAY). */
static const ov_array *
var_array (const ov_abi *abi, const void *var)
{
  if (abi->layout == OV_LAYOUT_INT_SIZE)
    return &((const ov_var_i *) var)->v.arr;
  return &((const ov_var_l *) var)->v.arr;
}

/* The name and the next entry of a named variable of a hash bucket (its
** variable is its first member). */
static const char *
named_name (const ov_abi *abi, const void *n)
{
  return abi->layout == OV_LAYOUT_INT_SIZE ? ((const ov_named_i *) n)->var_name
                                           : ((const ov_named_l *) n)->var_name;
}

static const void *
named_next (const ov_abi *abi, const void *n)
{
  return abi->layout == OV_LAYOUT_INT_SIZE ? (const void *) ((const ov_named_i *) n)->next_var
                                           : (const void *) ((const ov_named_l *) n)->next_var;
}

/* The named variable NAME of array A, or NULL (every bucket is searched:
** the bridge does not depend on OpenVAS's hash function). */
static const void *
array_find (const ov_abi *abi, const ov_array *a, const char *name)
{
  for (int h = 0; a->hash_elt != NULL && h < OV_HASH_SIZE; h++)
    for (const void *n = a->hash_elt[h]; n != NULL; n = named_next (abi, n))
      if (named_name (abi, n) != NULL && strcmp (named_name (abi, n), name) == 0)
        return n;
  return NULL;
}

gboolean
ov_arg_foreach (ov_call *c, const char *name, ov_element_fn fn, void *ud)
{
  const ov_lex_head *head = c->lexic;
  const void *arg;
  const ov_array *a;
  ov_element e;

  if (c->abi->f.get_var_type_by_name (c->lexic, name) != OV_VAR_ARRAY)
    return FALSE;
  arg = array_find (c->abi, &head->ctx_vars, name);
  if (arg == NULL)
    return FALSE;
  a = var_array (c->abi, arg);
  for (int i = 0; a->num_elt != NULL && i < a->max_idx; i++)
    if (a->num_elt[i] != NULL)
      {
        element_value (c->abi, a->num_elt[i], &e);
        if (e.type == OV_VAR_UNDEF)
          continue;
        e.key = NULL;
        e.index = i;
        fn (ud, &e);
      }
  for (int h = 0; a->hash_elt != NULL && h < OV_HASH_SIZE; h++)
    for (const void *n = a->hash_elt[h]; n != NULL; n = named_next (c->abi, n))
      {
        element_value (c->abi, n, &e);
        if (e.type == OV_VAR_UNDEF || named_name (c->abi, n) == NULL)
          continue;
        e.key = named_name (c->abi, n);
        e.index = 0;
        fn (ud, &e);
      }
  return TRUE;
}

char *
ov_kb_first (ov_call *c, const char *name)
{
  const ov_lex_head *head = c->lexic;
  void *infos = head->script_infos, *val;
  int type = 0;
  size_t len = 0;
  char *out;

  if (infos == NULL || c->abi->f.plug_get_kb (infos) == NULL)
    return NULL;
  /* single = 1: one value, never the fork-per-value of a list. */
  val = c->abi->f.plug_get_key (infos, (char *) name, &type, &len, 1);
  if (val == NULL)
    return NULL;
  if (type == OV_KB_TYPE_INT)
    {
      int v;
      memcpy (&v, val, sizeof v);
      out = g_strdup_printf ("%d", v);
    }
  else
    out = g_strndup (val, len);
  g_free (val);
  return out;
}

void
ov_error (ov_call *c, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  c->abi->f.nasl_perror (c->lexic, (char *) "%s: %s\n", c->fname, msg);
  g_free (msg);
}

/* }===================================================================== */

/* {=====================================================================
** Results
** ====================================================================== */

typedef union
{
  ov_var_i i;
  ov_var_l l;
} ov_var;

static gboolean fill_array (ov_call *c, ov_array *a, const bvalue *v);

/*
** The variable for one element.  An array element is built in a temporary
** array (*inner) first: OpenVAS copies it when it is added, and the caller
** then frees the temporary with OpenVAS's own free_array.
*/
static gboolean
make_var (ov_call *c, const bvalue *v, ov_var *var, ov_array **inner)
{
  gboolean int_layout = c->abi->layout == OV_LAYOUT_INT_SIZE;

  memset (var, 0, sizeof *var);
  *inner = NULL;
  switch (v->kind)
    {
    case BV_INT:
      if (int_layout)
        var->i.var_type = OV_VAR_INT, var->i.v.int_val = v->int_val;
      else
        var->l.var_type = OV_VAR_INT, var->l.v.int_val = v->int_val;
      return TRUE;
    case BV_DATA:
      if (int_layout)
        {
          if (v->len > INT_MAX)
            return FALSE;
          var->i.var_type = OV_VAR_DATA;
          var->i.v.str.bytes = (unsigned char *) v->bytes;
          var->i.v.str.len = (int) v->len;
        }
      else
        {
          if (v->len > LONG_MAX)
            return FALSE;
          var->l.var_type = OV_VAR_DATA;
          var->l.v.str.bytes = (unsigned char *) v->bytes;
          var->l.v.str.len = (long) v->len;
        }
      return TRUE;
    case BV_LIST:
    case BV_MAP:
      *inner = g_new0 (ov_array, 1);
      if (!fill_array (c, *inner, v))
        return FALSE;
      if (int_layout)
        var->i.var_type = OV_VAR_ARRAY, var->i.v.arr = **inner;
      else
        var->l.var_type = OV_VAR_ARRAY, var->l.v.arr = **inner;
      return TRUE;
    }
  return FALSE;
}

/* Adds one element under 'key', or at index 'idx' when key is NULL. */
static gboolean
add_element (ov_call *c, ov_array *a, const char *key, int idx, const bvalue *v)
{
  ov_var var;
  ov_array *inner;
  gboolean ok = make_var (c, v, &var, &inner);

  if (ok)
    {
      if (key != NULL)
        ok = c->abi->f.add_var_to_array (a, (char *) key, &var) >= 0;
      else
        ok = c->abi->f.add_var_to_list (a, idx, &var) > 0;
    }
  if (inner != NULL)
    {
      c->abi->f.free_array (inner);
      g_free (inner);
    }
  return ok;
}

static gboolean
fill_array (ov_call *c, ov_array *a, const bvalue *v)
{
  if (v->kind == BV_LIST)
    {
      if (v->items->len > INT_MAX)
        return FALSE;
      for (guint i = 0; i < v->items->len; i++)
        if (!add_element (c, a, NULL, (int) i, g_ptr_array_index (v->items, i)))
          return FALSE;
      return TRUE;
    }
  for (guint i = 0; i < v->items->len; i++)
    {
      const bv_entry *e = g_ptr_array_index (v->items, i);
      if (!add_element (c, a, e->key, 0, e->value))
        return FALSE;
    }
  return TRUE;
}

/* Stores the value (and a string's size) in a cell OpenVAS just made. */
static void
cell_store (ov_call *c, void *cell, ov_cell_value x, size_t size)
{
  if (c->abi->layout == OV_LAYOUT_INT_SIZE)
    {
      ov_cell_i *ci = cell;
      ci->x = x;
      ci->size = (int) size;
    }
  else
    {
      ov_cell_l *cl = cell;
      cl->x = x;
      cl->size = (long) size;
    }
}

void *
ov_emit (ov_call *c, const bvalue *v)
{
  ov_cell_value x;
  void *cell;
  ov_array *a;

  if (v == NULL)
    return NULL;
  memset (&x, 0, sizeof x);
  switch (v->kind)
    {
    case BV_INT:
      cell = c->abi->f.alloc_typed_cell (OV_CELL_CONST_INT);
      if (cell == NULL)
        return NULL;
      x.int_val = v->int_val;
      cell_store (c, cell, x, 0);
      return cell;
    case BV_DATA:
      if (c->abi->layout == OV_LAYOUT_INT_SIZE && v->len > INT_MAX)
        break;
      cell = c->abi->f.alloc_typed_cell (OV_CELL_CONST_DATA);
      if (cell == NULL)
        return NULL;
      x.str_val = g_malloc (v->len + 1);
      memcpy (x.str_val, v->bytes, v->len + 1);
      cell_store (c, cell, x, v->len);
      return cell;
    case BV_LIST:
    case BV_MAP:
      a = g_new0 (ov_array, 1);
      if (!fill_array (c, a, v))
        {
          c->abi->f.free_array (a);
          g_free (a);
          break;
        }
      cell = c->abi->f.alloc_typed_cell (OV_CELL_DYN_ARRAY);
      if (cell == NULL)
        {
          c->abi->f.free_array (a);
          g_free (a);
          return NULL;
        }
      x.ref_val = a;
      cell_store (c, cell, x, 0);
      return cell;
    }
  ov_error (c, "the result is too large for this OpenVAS");
  return NULL;
}

/* }===================================================================== */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* standin.c: stand-in for OpenVAS's NASL library (both layouts), for the bridge's tests. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "standin.h"

#ifndef STANDIN_VERSION
#error "define STANDIN_VERSION"
#endif

/* {=====================================================================
** Variables and arrays
** ====================================================================== */

static unsigned
name_hash (const char *s)
{
  unsigned h = 5381;
  for (; *s != '\0'; s++)
    h = h * 33 + (unsigned char) *s;
  return h % ST_HASH_SIZE;
}

static void var_copy (st_var *to, const st_var *from);
static void array_copy (st_array *to, const st_array *from);

/* Releases what a variable holds (not the variable itself). */
static void
var_clear (st_var *v)
{
  switch (v->var_type)
    {
    case ST_VAR_STRING:
    case ST_VAR_DATA:
      g_free (v->v.s.s_val);
      break;
    case ST_VAR_ARRAY:
      free_array (&v->v.a);
      break;
    default:
      break;
    }
  g_free (v->string_form);
  memset (v, 0, sizeof *v);
}

static void
var_copy (st_var *to, const st_var *from)
{
  memset (to, 0, sizeof *to);
  to->var_type = from->var_type;
  switch (from->var_type)
    {
    case ST_VAR_INT:
      to->v.i = from->v.i;
      break;
    case ST_VAR_STRING:
    case ST_VAR_DATA:
      if (from->v.s.s_siz < 0)
        abort (); /* a negative length from the bridge is a bug */
      to->v.s.s_val = g_malloc ((size_t) from->v.s.s_siz + 1);
      if (from->v.s.s_siz > 0)
        memcpy (to->v.s.s_val, from->v.s.s_val, (size_t) from->v.s.s_siz);
      to->v.s.s_val[from->v.s.s_siz] = '\0';
      to->v.s.s_siz = from->v.s.s_siz;
      break;
    case ST_VAR_ARRAY:
      array_copy (&to->v.a, &from->v.a);
      break;
    case ST_VAR_UNDEF:
      break;
    default:
      abort (); /* an unknown variable type from the bridge is a bug */
    }
}

static void
array_copy (st_array *to, const st_array *from)
{
  memset (to, 0, sizeof *to);
  if (from->num_elt != NULL && from->max_idx > 0)
    {
      to->max_idx = from->max_idx;
      to->num_elt = g_new0 (st_var *, from->max_idx);
      for (int i = 0; i < from->max_idx; i++)
        if (from->num_elt[i] != NULL)
          {
            to->num_elt[i] = g_new0 (st_var, 1);
            var_copy (to->num_elt[i], from->num_elt[i]);
          }
    }
  if (from->hash_elt != NULL)
    {
      to->hash_elt = g_new0 (st_named *, ST_HASH_SIZE);
      for (int h = 0; h < ST_HASH_SIZE; h++)
        for (const st_named *n = from->hash_elt[h]; n != NULL; n = n->next_var)
          {
            st_named *c = g_new0 (st_named, 1);
            var_copy (&c->u, &n->u);
            c->var_name = g_strdup (n->var_name);
            c->next_var = to->hash_elt[h];
            to->hash_elt[h] = c;
          }
    }
}

void
free_array (st_array *a)
{
  if (a == NULL)
    return;
  for (int i = 0; a->num_elt != NULL && i < a->max_idx; i++)
    if (a->num_elt[i] != NULL)
      {
        var_clear (a->num_elt[i]);
        g_free (a->num_elt[i]);
      }
  g_free (a->num_elt);
  if (a->hash_elt != NULL)
    for (int h = 0; h < ST_HASH_SIZE; h++)
      {
        st_named *n = a->hash_elt[h];
        while (n != NULL)
          {
            st_named *next = n->next_var;
            var_clear (&n->u);
            g_free (n->var_name);
            g_free (n);
            n = next;
          }
      }
  g_free (a->hash_elt);
  memset (a, 0, sizeof *a);
}

int
add_var_to_list (st_array *a, int i, const st_var *v)
{
  if (i < 0)
    return -1;
  if (i >= a->max_idx)
    {
      a->num_elt = g_renew (st_var *, a->num_elt, i + 1);
      memset (a->num_elt + a->max_idx, 0, sizeof (st_var *) * (size_t) (i + 1 - a->max_idx));
      a->max_idx = i + 1;
    }
  if (a->num_elt[i] != NULL)
    {
      var_clear (a->num_elt[i]);
      g_free (a->num_elt[i]);
    }
  a->num_elt[i] = g_new0 (st_var, 1);
  var_copy (a->num_elt[i], v);
  return 1;
}

/* Like OpenVAS: always prepends a new entry, even for a name already there. */
int
add_var_to_array (st_array *a, char *name, const st_var *v)
{
  st_named *n = g_new0 (st_named, 1);
  unsigned h = name_hash (name);

  if (a->hash_elt == NULL)
    a->hash_elt = g_new0 (st_named *, ST_HASH_SIZE);
  var_copy (&n->u, v);
  n->var_name = g_strdup (name);
  n->next_var = a->hash_elt[h];
  a->hash_elt[h] = n;
  return 0;
}

/* }===================================================================== */

/* {=====================================================================
** Cells
** ====================================================================== */

st_cell *
alloc_typed_cell (int type)
{
  st_cell *c = g_malloc0 (sizeof (st_cell));
  c->type = (short) type;
  return c;
}

void
deref_cell (st_cell *c)
{
  if (c == NULL || c == (void *) 1)
    return;
  if (--c->ref_count >= 0)
    return;
  for (int i = 0; i < 4; i++)
    deref_cell (c->link[i]);
  switch (c->type)
    {
    case ST_CONST_STR:
    case ST_CONST_DATA:
      g_free (c->x.str_val);
      break;
    case ST_DYN_ARRAY:
      if (c->x.ref_val != NULL)
        {
          free_array (c->x.ref_val);
          g_free (c->x.ref_val);
        }
      break;
    default:
      break;
    }
  g_free (c);
}

/* }===================================================================== */

/* {=====================================================================
** Contexts and named arguments
** ====================================================================== */

static st_named *
find_named (st_lex *lexic, const char *name)
{
  if (lexic->ctx_vars.hash_elt == NULL)
    return NULL;
  for (st_named *n = lexic->ctx_vars.hash_elt[name_hash (name)]; n != NULL; n = n->next_var)
    if (strcmp (n->var_name, name) == 0)
      return n;
  return NULL;
}

/* The text form of a variable, kept in the variable as OpenVAS does. */
static const char *
var_text (st_var *v)
{
  if (v->string_form != NULL)
    return v->string_form;
  switch (v->var_type)
    {
    case ST_VAR_INT:
      v->string_form = g_strdup_printf ("%ld", v->v.i);
      break;
    case ST_VAR_STRING:
    case ST_VAR_DATA:
      v->string_form = g_malloc ((size_t) v->v.s.s_siz + 1);
      memcpy (v->string_form, v->v.s.s_val, (size_t) v->v.s.s_siz + 1);
      break;
    case ST_VAR_ARRAY:
      v->string_form = g_strdup ("[ array ]");
      break;
    default:
      return NULL;
    }
  return v->string_form;
}

char *
get_str_var_by_name (st_lex *lexic, const char *name)
{
  st_named *n = find_named (lexic, name);
  return n != NULL ? (char *) var_text (&n->u) : NULL;
}

st_len
get_var_size_by_name (st_lex *lexic, const char *name)
{
  st_named *n = find_named (lexic, name);
  if (n == NULL || (n->u.var_type != ST_VAR_DATA && n->u.var_type != ST_VAR_STRING))
    return 0;
  return n->u.v.s.s_siz;
}

int
get_var_type_by_name (st_lex *lexic, const char *name)
{
  st_named *n = find_named (lexic, name);
  return n != NULL ? n->u.var_type : ST_VAR_UNDEF;
}

long
get_int_var_by_name (st_lex *lexic, const char *name, int dflt)
{
  st_named *n = find_named (lexic, name);
  if (n == NULL)
    return dflt;
  switch (n->u.var_type)
    {
    case ST_VAR_INT:
      return n->u.v.i;
    case ST_VAR_STRING:
    case ST_VAR_DATA:
      return atol ((const char *) n->u.v.s.s_val);
    default:
      return dflt;
    }
}

st_lex *
standin_script_new (const char *script_name, gboolean with_kb)
{
  st_lex *s = g_new0 (st_lex, 1);
  s->script_infos = g_new0 (st_script_infos, 1);
  s->script_infos->name = g_strdup (script_name);
  if (with_kb)
    s->script_infos->kb = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_bytes_unref);
  s->functions = g_hash_table_new (g_str_hash, g_str_equal);
  return s;
}

void
standin_script_free (st_lex *script)
{
  if (script->script_infos->kb != NULL)
    g_hash_table_destroy (script->script_infos->kb);
  g_free (script->script_infos->name);
  g_free (script->script_infos);
  g_hash_table_destroy (script->functions);
  free_array (&script->ctx_vars);
  g_free (script);
}

void
standin_kb_set_str (st_lex *script, const char *name, const char *val, size_t len)
{
  if (script->script_infos->kb != NULL)
    g_hash_table_replace (script->script_infos->kb, g_strdup (name), g_bytes_new (val, len));
}

st_lex *
standin_call_new (st_lex *script)
{
  st_lex *c = g_new0 (st_lex, 1);
  c->up_ctxt = script;
  c->script_infos = script->script_infos;
  c->fct_ctxt = 1;
  c->functions = g_hash_table_new (g_str_hash, g_str_equal);
  return c;
}

void
standin_call_free (st_lex *call)
{
  free_array (&call->ctx_vars);
  g_hash_table_destroy (call->functions);
  g_free (call);
}

void
standin_arg_data (st_lex *call, const char *name, const char *s, size_t len)
{
  st_var v;
  memset (&v, 0, sizeof v);
  v.var_type = ST_VAR_DATA;
  v.v.s.s_val = (unsigned char *) s;
  v.v.s.s_siz = (st_len) len;
  add_var_to_array (&call->ctx_vars, (char *) name, &v);
}

void
standin_arg_int (st_lex *call, const char *name, long i)
{
  st_var v;
  memset (&v, 0, sizeof v);
  v.var_type = ST_VAR_INT;
  v.v.i = i;
  add_var_to_array (&call->ctx_vars, (char *) name, &v);
}

void
standin_arg_var (st_lex *call, const char *name, const st_var *v)
{
  add_var_to_array (&call->ctx_vars, (char *) name, v);
}

/* }===================================================================== */

/* {=====================================================================
** Builtins, lookup, call path
** ====================================================================== */

/* standin_echo(value:) returns its argument as data: a builtin the bridge
** must pass through untouched. */
static st_cell *
standin_echo (st_lex *lexic)
{
  size_t len = (size_t) get_var_size_by_name (lexic, "value");
  const char *s = get_str_var_by_name (lexic, "value");
  st_cell *c;

  if (s == NULL)
    return NULL;
  c = alloc_typed_cell (ST_CONST_DATA);
  c->x.str_val = g_malloc (len + 1);
  memcpy (c->x.str_val, s, len + 1);
  c->size = (st_len) len;
  return c;
}

static const st_func own_builtins[] = {
  { (char *) "standin_echo", (void *) standin_echo },
};

const st_func *
func_is_internal (const char *name)
{
  if (name == NULL)
    return NULL;
  for (size_t i = 0; i < G_N_ELEMENTS (own_builtins); i++)
    if (strcmp (name, own_builtins[i].func_name) == 0)
      return &own_builtins[i];
  return NULL;
}

gboolean
standin_is_own_builtin (const st_func *f)
{
  return f >= own_builtins && f < own_builtins + G_N_ELEMENTS (own_builtins);
}

char *
nasl_version (void)
{
  static char version[32];
  const char *forced = getenv ("STANDIN_VERSION");
  g_strlcpy (version, forced != NULL ? forced : STANDIN_VERSION, sizeof version);
  return version;
}

/* The calls below go through the PLT (this file is built with
** -fsemantic-interposition), as libopenvas_nasl's own calls do. */
const st_func *
standin_lookup (st_lex *script, const char *name)
{
  for (st_lex *c = script; c != NULL; c = c->up_ctxt)
    {
      const st_func *f = g_hash_table_lookup (c->functions, name);
      if (f != NULL)
        return f;
    }
  return func_is_internal (name);
}

st_cell *
standin_run (st_lex *call, const st_func *f)
{
  st_cell *(*fn) (st_lex *);

  if (func_is_internal (f->func_name) == NULL)
    return NULL; /* script functions are not part of the stand-in */
  memcpy (&fn, &f->block, sizeof fn);
  return fn (call);
}

/* }===================================================================== */

/* {=====================================================================
** Diagnostics and KB
** ====================================================================== */

/* "error: MESSAGE" on stderr (OpenVAS logs "[pid](script:line) MESSAGE").
** The "missing symbol" build leaves it out. */
#ifndef STANDIN_WITHOUT_NASL_PERROR
void
nasl_perror (st_lex *lexic, char *fmt, ...)
{
  va_list ap;
  char *msg;
  size_t n;

  if (lexic == NULL || lexic->script_infos == NULL)
    abort (); /* the bridge always has a context */
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  n = strlen (msg);
  while (n > 0 && msg[n - 1] == '\n')
    msg[--n] = '\0';
  fprintf (stderr, "error: %s\n", msg);
  g_free (msg);
}
#endif

void *
plug_get_kb (st_script_infos *infos)
{
  return infos->kb;
}

void *
plug_get_key (st_script_infos *infos, char *name, int *type, size_t *len, int single)
{
  GBytes *b;
  gsize n;
  const char *p;
  char *out;

  if (type != NULL && *type != 1)
    *type = -1;
  if (infos->kb == NULL || !single)
    return NULL; /* the bridge only ever asks for a single value */
  b = g_hash_table_lookup (infos->kb, name);
  if (b == NULL)
    return NULL;
  p = g_bytes_get_data (b, &n);
  out = g_malloc (n + 1);
  if (n > 0)
    memcpy (out, p, n);
  out[n] = '\0';
  if (type != NULL)
    *type = 2;
  if (len != NULL)
    *len = n;
  return out;
}

/* }===================================================================== */

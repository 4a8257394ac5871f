/* SPDX-License-Identifier: GPL-2.0-or-later */
/* driver.c: calls builtins through the stand-in's lookup, as OpenVAS's exec does, and prints results canonically. */
/*
** Usage: driver [--no-kb] [--quiet] CALLS-FILE
**
** CALLS-FILE has one request per line, fields separated by tabs:
**   call FUNC [NAME=VALUE ...]   VALUE is f:PATH (file contents, as data),
**                                x:HEX (data), i:N (int), or an array
**                                a:KEY>ELEM,... (KEY x:HEX named, i:N
**                                numbered; ELEM x:HEX, i:N, or l: for the
**                                array [1])
**   kb NAME x:HEX                sets a KB item (string)
**   defined NAME                 prints what defined_func() would say
** Every request is tagged with its line number (4 digits).  A result prints
** one line per value, with its full path, so that sorting the lines keeps
** them comparable:
**   TAG $ NULL | TAG PATH int N | TAG PATH data HEX | TAG PATH array COUNT
** with [N] for numbered elements and {KEY} for named ones.  The NASL side
** (tests/bridge/dump.inc) prints the same form.  Diagnostics go to stderr.
** --quiet runs the calls and frees the results without printing them (for
** tests/bridge/bench.sh).
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "standin.h"

static void dump_var (const char *tag, GString *path, const st_var *v);

/* --quiet: results are not printed. */
static gboolean quiet;

static void
print_hex (const unsigned char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    printf ("%02x", s[i]);
}

static void
dump_array (const char *tag, GString *path, const st_array *a)
{
  size_t count = 0, len = path->len;

  for (int i = 0; a->num_elt != NULL && i < a->max_idx; i++)
    if (a->num_elt[i] != NULL && a->num_elt[i]->var_type != ST_VAR_UNDEF)
      count++;
  for (int h = 0; a->hash_elt != NULL && h < ST_HASH_SIZE; h++)
    for (const st_named *n = a->hash_elt[h]; n != NULL; n = n->next_var)
      if (n->u.var_type != ST_VAR_UNDEF)
        count++;
  printf ("%s %s array %zu\n", tag, path->str, count);
  for (int i = 0; a->num_elt != NULL && i < a->max_idx; i++)
    if (a->num_elt[i] != NULL)
      {
        g_string_append_printf (path, "[%d]", i);
        dump_var (tag, path, a->num_elt[i]);
        g_string_truncate (path, len);
      }
  for (int h = 0; a->hash_elt != NULL && h < ST_HASH_SIZE; h++)
    for (const st_named *n = a->hash_elt[h]; n != NULL; n = n->next_var)
      {
        g_string_append_printf (path, "{%s}", n->var_name);
        dump_var (tag, path, &n->u);
        g_string_truncate (path, len);
      }
}

static void
dump_var (const char *tag, GString *path, const st_var *v)
{
  switch (v->var_type)
    {
    case ST_VAR_INT:
      printf ("%s %s int %ld\n", tag, path->str, v->v.i);
      break;
    case ST_VAR_STRING:
    case ST_VAR_DATA:
      printf ("%s %s %s ", tag, path->str, v->var_type == ST_VAR_DATA ? "data" : "string");
      print_hex (v->v.s.s_val, (size_t) v->v.s.s_siz);
      printf ("\n");
      break;
    case ST_VAR_ARRAY:
      dump_array (tag, path, &v->v.a);
      break;
    default:
      break; /* undefined elements are not listed, as keys() does not */
    }
}

static void
dump_cell (const char *tag, const st_cell *c)
{
  GString *path = g_string_new ("$");

  if (c == NULL)
    printf ("%s $ NULL\n", tag);
  else if (c->ref_count != 0)
    printf ("%s $ bad-ref-count %d\n", tag, c->ref_count);
  else
    switch (c->type)
      {
      case ST_CONST_INT:
        printf ("%s $ int %ld\n", tag, c->x.i_val);
        break;
      case ST_CONST_DATA:
      case ST_CONST_STR:
        printf ("%s $ %s ", tag, c->type == ST_CONST_DATA ? "data" : "string");
        print_hex ((const unsigned char *) c->x.str_val, (size_t) c->size);
        printf ("\n");
        break;
      case ST_DYN_ARRAY:
        dump_array (tag, path, c->x.ref_val);
        break;
      default:
        printf ("%s $ bad-cell-type %d\n", tag, c->type);
        break;
      }
  g_string_free (path, TRUE);
}

/* Decodes "x:HEX" (or "f:PATH") into bytes; FALSE when malformed. */
static gboolean
decode_bytes (const char *v, char **out, size_t *len)
{
  if (strncmp (v, "f:", 2) == 0)
    {
      gsize n = 0;
      if (!g_file_get_contents (v + 2, out, &n, NULL))
        return FALSE;
      *len = n;
      return TRUE;
    }
  if (strncmp (v, "x:", 2) == 0)
    {
      size_t hl = strlen (v + 2);
      if (hl % 2 != 0)
        return FALSE;
      *out = g_malloc (hl / 2 + 1);
      for (size_t i = 0; i < hl / 2; i++)
        {
          int hi = g_ascii_xdigit_value (v[2 + 2 * i]), lo = g_ascii_xdigit_value (v[3 + 2 * i]);
          if (hi < 0 || lo < 0)
            {
              g_free (*out);
              return FALSE;
            }
          (*out)[i] = (char) (hi * 16 + lo);
        }
      (*out)[hl / 2] = '\0';
      *len = hl / 2;
      return TRUE;
    }
  return FALSE;
}

/* One element "KEY>ELEM" of an array argument, added to A. */
static gboolean
add_element (st_array *a, const char *spec)
{
  const char *gt = strchr (spec, '>');
  char *key = NULL, *bytes = NULL;
  size_t len = 0;
  st_var v, one;
  gboolean ok = TRUE;

  if (gt == NULL)
    return FALSE;
  memset (&v, 0, sizeof v);
  if (strcmp (gt + 1, "l:") == 0)
    {
      memset (&one, 0, sizeof one);
      one.var_type = ST_VAR_INT;
      one.v.i = 1;
      v.var_type = ST_VAR_ARRAY;
      add_var_to_list (&v.v.a, 0, &one);
    }
  else if (strncmp (gt + 1, "i:", 2) == 0)
    v.var_type = ST_VAR_INT, v.v.i = atol (gt + 3);
  else if (decode_bytes (gt + 1, &bytes, &len))
    {
      v.var_type = ST_VAR_DATA;
      v.v.s.s_val = (unsigned char *) bytes;
      v.v.s.s_siz = (st_len) len;
    }
  else
    return FALSE;
  if (strncmp (spec, "i:", 2) == 0)
    add_var_to_list (a, (int) atol (spec + 2), &v);
  else if (strncmp (spec, "x:", 2) == 0)
    {
      char *k = g_strndup (spec, (gsize) (gt - spec));
      ok = decode_bytes (k, &key, &len);
      if (ok)
        add_var_to_array (a, key, &v); /* a C string: a NUL ends the name, as in OpenVAS */
      g_free (k);
    }
  else
    ok = FALSE;
  if (v.var_type == ST_VAR_ARRAY)
    free_array (&v.v.a);
  g_free (bytes);
  g_free (key);
  return ok;
}

static gboolean
add_arg (st_lex *call, const char *spec)
{
  const char *eq = strchr (spec, '=');
  char *name, *bytes = NULL;
  size_t len = 0;
  gboolean ok = TRUE;

  if (eq == NULL)
    return FALSE;
  name = g_strndup (spec, (gsize) (eq - spec));
  if (strncmp (eq + 1, "i:", 2) == 0)
    standin_arg_int (call, name, atol (eq + 3));
  else if (strncmp (eq + 1, "a:", 2) == 0)
    {
      st_var v;
      char **elems = g_strsplit (eq + 3, ",", -1);

      memset (&v, 0, sizeof v);
      v.var_type = ST_VAR_ARRAY;
      for (int i = 0; ok && elems[i] != NULL; i++)
        if (elems[i][0] != '\0')
          ok = add_element (&v.v.a, elems[i]);
      g_strfreev (elems);
      if (ok)
        standin_arg_var (call, name, &v);
      free_array (&v.v.a);
    }
  else if (decode_bytes (eq + 1, &bytes, &len))
    standin_arg_data (call, name, bytes, len);
  else
    ok = FALSE;
  g_free (bytes);
  g_free (name);
  return ok;
}

static int
run_call (st_lex *script, const char *tag, char **fields)
{
  const st_func *f = standin_lookup (script, fields[1]);
  st_lex *call;
  st_cell *c;

  if (f == NULL)
    {
      printf ("%s $ undefined-function\n", tag);
      return 0;
    }
  call = standin_call_new (script);
  for (int i = 2; fields[i] != NULL; i++)
    if (!add_arg (call, fields[i]))
      {
        fprintf (stderr, "driver: bad argument '%s'\n", fields[i]);
        standin_call_free (call);
        return 1;
      }
  c = standin_run (call, f);
  if (!quiet)
    dump_cell (tag, c);
  deref_cell (c);
  standin_call_free (call);
  return 0;
}

static int
run_line (st_lex *script, unsigned lineno, char **fields)
{
  char tag[16];

  g_snprintf (tag, sizeof tag, "%04u", lineno);
  if (strcmp (fields[0], "call") == 0 && fields[1] != NULL)
    return run_call (script, tag, fields);
  if (strcmp (fields[0], "defined") == 0 && fields[1] != NULL)
    {
      const st_func *f = standin_lookup (script, fields[1]);
      printf ("%s defined %s %d%s\n", tag, fields[1], f != NULL,
              f != NULL && standin_is_own_builtin (f) ? " (stand-in's own)" : "");
      return 0;
    }
  if (strcmp (fields[0], "kb") == 0 && fields[1] != NULL && fields[2] != NULL)
    {
      char *bytes = NULL;
      size_t len = 0;
      if (!decode_bytes (fields[2], &bytes, &len))
        return 1;
      standin_kb_set_str (script, fields[1], bytes, len);
      g_free (bytes);
      return 0;
    }
  fprintf (stderr, "driver: bad request on line %u\n", lineno);
  return 1;
}

int
main (int argc, char **argv)
{
  gboolean with_kb = TRUE;
  char *text = NULL, **lines;
  st_lex *script;
  int argi = 1, status = 0;

  for (; argi < argc && argv[argi][0] == '-'; argi++)
    if (strcmp (argv[argi], "--no-kb") == 0)
      with_kb = FALSE;
    else if (strcmp (argv[argi], "--quiet") == 0)
      quiet = TRUE;
    else
      break;
  if (argi + 1 != argc)
    {
      fprintf (stderr, "usage: driver [--no-kb] [--quiet] CALLS-FILE\n");
      return 2;
    }
  if (!g_file_get_contents (argv[argi], &text, NULL, NULL))
    {
      fprintf (stderr, "driver: cannot read %s\n", argv[argi]);
      return 2;
    }
  script = standin_script_new ("bridge-driver.nasl", with_kb);
  lines = g_strsplit (text, "\n", -1);
  for (unsigned i = 0; lines[i] != NULL && status == 0; i++)
    {
      char **fields;
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      status = run_line (script, i + 1, fields);
      g_strfreev (fields);
    }
  g_strfreev (lines);
  g_free (text);
  standin_script_free (script);
  fflush (stdout);
  return status;
}

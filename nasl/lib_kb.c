/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_kb.c: builtin family 'kb': get_kb_item get_kb_list set_kb_item ... */
#include "libs.h"
#include "array.h"
#include "kb.h"
#include "state.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static nasl_value
kb_value_to_nasl (const kb_value *v)
{
  if (v->is_int)
    return nasl_value_int (v->i);
  if (v->str != NULL)
    return value_from_str (NASL_TYPE_DATA, str_ref (v->str));
  return nasl_value_data (v->s, v->len);
}

/* The KB item name from the first positional (or 'name:') argument. */
static const char *
kb_arg_name (nasl_call *call)
{
  size_t len;
  const char *name = nasl_arg_pos_str (call, 0, &len);
  if (!name)
    name = nasl_arg_str (call, "name", &len);
  if (name && strlen (name) != len)
    return NULL; /* a NUL inside a name can never match anything */
  return name;
}

/*
** Multi-valued get_kb_item: like OpenVAS, fork one child per value; each
** child continues the script with that one value, the parent waits for each
** in turn and then continues with NULL.  A child's KB changes travel back to
** the parent through a pipe (the KB journal), so later code in the parent and
** later scripts see them, as with OpenVAS's shared Redis KB.
** Embedders must end a child when its run returns: compare getpid() with the
** pid they started with (the nasl CLI does) -- a child never runs on.
*/
static nasl_value
kb_fork_per_value (nasl_call *call, nasl_kb *kb, const kb_value *vals, size_t n)
{
  kb_value *copy = g_new0 (kb_value, n);
  for (size_t k = 0; k < n; k++)
    {
      copy[k] = vals[k];
      copy[k].str = NULL;
      copy[k].s = vals[k].is_int ? NULL : g_strndup (vals[k].s, vals[k].len);
      if (copy[k].s)
        memcpy (copy[k].s, vals[k].s, vals[k].len); /* keeps inner NULs */
    }
  nasl_value result = NASL_NULL;
  int in_child = 0;
  for (size_t k = 0; k < n && !in_child; k++)
    {
      int fds[2];
      /* past the script's time limit no child is started: the script stops */
      if (state_time_left_ms (nasl_call_state (call)) == 0)
        break;
      fflush (NULL);
      if (pipe (fds) != 0)
        {
          nasl_call_error (call, "cannot fork for value %zu: %s", k + 1, g_strerror (errno));
          break;
        }
      pid_t pid = fork ();
      if (pid < 0)
        {
          nasl_call_error (call, "cannot fork for value %zu: %s", k + 1, g_strerror (errno));
          close (fds[0]);
          close (fds[1]);
          break;
        }
      if (pid == 0)
        {
          close (fds[0]);
          kb_set_journal_fd (kb, fds[1]);
          state_set_fork_child (nasl_call_state (call), 1);
          result = kb_value_to_nasl (&copy[k]);
          in_child = 1;
          break;
        }
      close (fds[1]);
      kb_replay_journal (kb, fds[0]);
      close (fds[0]);
      while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
        ;
    }
  for (size_t k = 0; k < n; k++)
    g_free (copy[k].s);
  g_free (copy);
  return result;
}

/* get_kb_item(name[, single]): int or data; NULL when absent; forks when multi-valued. */
static nasl_value
bi_get_kb_item (nasl_call *call)
{
  const char *name = kb_arg_name (call);
  if (!name)
    return NASL_NULL;
  nasl_kb *kb = nasl_state_kb (nasl_call_state (call));
  size_t n;
  const kb_value *vals = kb_get (kb, name, &n);
  if (n == 0)
    return NASL_NULL;
  /* a true second argument ("single") asks for the first value, no fork */
  if (n == 1 || nasl_arg_pos_int (call, 1, 0))
    return kb_value_to_nasl (&vals[0]);
  return kb_fork_per_value (call, kb, vals, n);
}

typedef struct kb_list_walk {
  nasl_value arr;
  size_t count;
} kb_list_walk;

static int
kb_list_add (void *ud, const char *name, const kb_value *val)
{
  kb_list_walk *w = ud;
  /* Like OpenVAS's add_var_to_array: one entry per VALUE, prepended, so a
  ** multi-valued name appears once per value in foreach/keys(), and
  ** a["name"] yields whichever sits first in its chain after the copies
  ** NASL makes (assignment reverses chains, as in OpenVAS). */
  array_add_key (w->arr.as.a, name, strlen (name), kb_value_to_nasl (val));
  w->count++;
  return 0;
}

/* get_kb_list(pattern): array name -> value; a glob only when it has '*'. */
static nasl_value
bi_get_kb_list (nasl_call *call)
{
  const char *pattern = kb_arg_name (call);
  if (!pattern)
    {
      nasl_call_error (call, "usage: get_kb_list(<NameOfItem>)");
      return NASL_NULL;
    }
  nasl_kb *kb = nasl_state_kb (nasl_call_state (call));
  kb_list_walk w = { nasl_value_array (), 0 };
  if (strchr (pattern, '*'))
    kb_foreach (kb, pattern, kb_list_add, &w);
  else
    {
      size_t n;
      const kb_value *vals = kb_get (kb, pattern, &n);
      for (size_t k = 0; k < n; k++)
        kb_list_add (&w, pattern, &vals[k]);
    }
  if (w.count == 0)
    nasl_value_free (&w.arr);
  return w.arr;
}

/* Shared by set_kb_item and replace_kb_item. */
static nasl_value
kb_store (nasl_call *call, int replace)
{
  size_t nlen, vlen;
  const char *name = nasl_arg_str (call, "name", &nlen);
  const nasl_value *value = nasl_arg (call, "value");
  if (!name)
    {
      nasl_call_bad_arg (call, "name", "string");
      return NASL_NULL;
    }
  if (strlen (name) != nlen)
    {
      nasl_call_error (call, "item name contains a NUL byte");
      return NASL_NULL;
    }
  kb_value v = { 0 };
  if (value && value->type == NASL_TYPE_INT)
    {
      /* OpenVAS reads the value as a C int: truncated, and -1 is refused. */
      int iv = (int) value->as.i;
      if (iv == -1)
        {
          nasl_call_error (call, "refusing value -1 for name '%s'", name);
          return NASL_NULL;
        }
      v.is_int = 1;
      v.i = iv;
    }
  else
    {
      const char *bytes = (value && value->type != NASL_TYPE_ARRAY)
                            ? nasl_value_bytes (value, &vlen) : NULL;
      if (!bytes)
        {
          nasl_call_error (call, "null value for name '%s'", name);
          return NASL_NULL;
        }
      v.s = (char *) bytes;
      v.len = vlen;
      v.str = value->as.s; /* shared by the KB, not copied */
    }
  nasl_kb *kb = nasl_state_kb (nasl_call_state (call));
  kb_result r = replace ? kb_replace (kb, name, &v) : kb_add (kb, name, &v);
  if (r != KB_OK)
    nasl_call_error (call, "%s: %s", name, kb_result_text (kb, r));
  return NASL_NULL;
}

/* set_kb_item(name:, value:, expire:): appends; 'expire' is accepted and ignored. */
static nasl_value
bi_set_kb_item (nasl_call *call)
{
  return kb_store (call, 0);
}

/* replace_kb_item(name:, value:): replaces every value. */
static nasl_value
bi_replace_kb_item (nasl_call *call)
{
  return kb_store (call, 1);
}

/* rm_kb_item(name, value:): removes the item, or only the given value. */
static nasl_value
bi_rm_kb_item (nasl_call *call)
{
  const char *name = kb_arg_name (call);
  if (!name)
    {
      nasl_call_bad_arg (call, "name", "string");
      return NASL_NULL;
    }
  nasl_kb *kb = nasl_state_kb (nasl_call_state (call));
  const nasl_value *value = nasl_arg (call, "value");
  if (!value || value->type == NASL_TYPE_NULL)
    {
      kb_remove (kb, name);
      return NASL_NULL;
    }
  kb_value v = { 0 };
  size_t vlen;
  if (value->type == NASL_TYPE_INT)
    {
      v.is_int = 1;
      v.i = value->as.i;
    }
  else if ((v.s = (char *) nasl_value_bytes (value, &vlen)) != NULL)
    v.len = vlen;
  else
    return NASL_NULL;
  kb_remove_value (kb, name, &v);
  return NASL_NULL;
}

/* scanner_add_port(port:, proto:): records an open port ("Ports/PROTO/PORT" = 1). */
static nasl_value
bi_scanner_add_port (nasl_call *call)
{
  long port = nasl_arg_int (call, "port", -1);
  const char *proto = nasl_arg_str (call, "proto", NULL);
  if (port < 0 || port > 65535)
    return NASL_NULL;
  char key[80];
  g_snprintf (key, sizeof key, "Ports/%s/%ld", proto && strlen (proto) < 16 ? proto : "tcp", port);
  kb_value one = { .is_int = 1, .i = 1 };
  nasl_kb *kb = nasl_state_kb (nasl_call_state (call));
  kb_result r = kb_add (kb, key, &one);
  if (r != KB_OK)
    nasl_call_error (call, "%s: %s", key, kb_result_text (kb, r));
  return NASL_NULL;
}

/* scanner_status(): kept for compatibility, does nothing. */
static nasl_value
bi_scanner_status (nasl_call *call)
{
  (void) call;
  return NASL_NULL;
}

const nasl_builtin lib_kb_builtins[] = {
  { "get_kb_item", bi_get_kb_item, 0, 2, "" },
  { "get_kb_list", bi_get_kb_list, 0, 1, "" },
  { "set_kb_item", bi_set_kb_item, 0, 0, "name:s value:x expire:i?" },
  { "replace_kb_item", bi_replace_kb_item, 0, 0, "name:s value:x" },
  { "rm_kb_item", bi_rm_kb_item, 0, 1, "value:x?" },
  { "scanner_add_port", bi_scanner_add_port, 0, 0, "port:i proto:s?" },
  { "scanner_status", bi_scanner_status, 0, -1, "" },
  NASL_BUILTIN_END
};

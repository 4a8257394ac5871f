/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit_vars.c: header variable overrides collected from a caller's NAME -> VALUE table. */

#include "audit_int.h"

#include <string.h>

/* Why a table cannot be used, most important first (the first one found
** in this order is reported, whatever the order of the elements). */
typedef enum overrides_problem {
  PROBLEM_NONE,
  PROBLEM_NOT_A_TABLE,
  PROBLEM_UNNAMED,
  PROBLEM_BAD_VALUE,
  PROBLEM_NUL,
} overrides_problem;

static const char *const problem_text[] = {
  [PROBLEM_NONE] = NULL,
  [PROBLEM_NOT_A_TABLE] = "vars: not an array",
  [PROBLEM_UNNAMED] = "vars: an element has no name (an integer index)",
  [PROBLEM_BAD_VALUE] = "vars: a value is neither a string nor an int",
  [PROBLEM_NUL] = "vars: a name or a value holds a NUL byte",
};

struct audit_overrides {
  GArray *entries;   /* audit_var_override; the strings are owned */
  overrides_problem problem;
  audit_parse_opts opts;
};

audit_overrides *
audit_overrides_new (void)
{
  audit_overrides *o = g_new0 (audit_overrides, 1);
  o->entries = g_array_new (FALSE, TRUE, sizeof (audit_var_override));
  return o;
}

/* Keep the most important problem seen so far. */
static void
note_problem (audit_overrides *o, overrides_problem problem)
{
  if (o->problem == PROBLEM_NONE || problem < o->problem)
    o->problem = problem;
}

void
audit_overrides_add (audit_overrides *o, const char *name, size_t name_len,
                     const char *value, size_t value_len)
{
  audit_var_override e;

  if (memchr (name, '\0', name_len) || memchr (value, '\0', value_len))
    {
      note_problem (o, PROBLEM_NUL);
      return;
    }
  e.name = g_strndup (name, name_len);
  e.value = g_strndup (value, value_len);
  g_array_append_val (o->entries, e);
}

void
audit_overrides_add_unnamed (audit_overrides *o)
{
  note_problem (o, PROBLEM_UNNAMED);
}

void
audit_overrides_add_bad_value (audit_overrides *o)
{
  note_problem (o, PROBLEM_BAD_VALUE);
}

void
audit_overrides_not_a_table (audit_overrides *o)
{
  note_problem (o, PROBLEM_NOT_A_TABLE);
}

const char *
audit_overrides_error (const audit_overrides *o)
{
  return problem_text[o->problem];
}

const audit_parse_opts *
audit_overrides_opts (audit_overrides *o)
{
  o->opts.overrides = (const audit_var_override *) (void *) o->entries->data;
  o->opts.n_overrides = o->entries->len;
  o->opts.override_undeclared = true;
  return &o->opts;
}

void
audit_overrides_free (audit_overrides *o)
{
  if (o == NULL)
    return;
  for (guint i = 0; i < o->entries->len; i++)
    {
      audit_var_override *e = &g_array_index (o->entries, audit_var_override, i);
      g_free ((char *) e->name);
      g_free ((char *) e->value);
    }
  g_array_free (o->entries, TRUE);
  g_free (o);
}

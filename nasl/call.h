/* SPDX-License-Identifier: GPL-2.0-or-later */
/* call.h: builtin call dispatch: what a builtin sees through 'nasl_call'. */
#ifndef NASL_CALL_H
#define NASL_CALL_H

#include "state.h"

typedef struct call_named {
  const char *name;   /* interned */
  nasl_value val;     /* owned by the call */
} call_named;

struct nasl_call {
  nasl_state *st;
  const builtin_desc *fn;
  nasl_value *pos;    /* positional arguments, owned by the call */
  size_t npos;
  call_named *named;
  size_t nnamed;
  GPtrArray *temps;   /* text made by nasl_arg_str & co, freed after the call */
};

/*
** Calls builtin 'fn' with the arguments in 'call' (pos/named filled by the
** evaluator): checks the declared parameters first (a missing mandatory
** named argument or too few positionals gives the uniform diagnostic and
** NULL without calling), runs it, frees the temporaries.  The arguments
** stay owned by the caller.  Returns the builtin's owned result.
*/
NASL_INTERNAL nasl_value call_builtin (nasl_call *call);

/* Parses a params spec ("a:s b:i? c:x") into the interned names of the
** mandatory parameters (NULL-terminated, g_malloc'ed); NULL + *err on a bad spec. */
NASL_INTERNAL const char **call_parse_params (nasl_state *st, const char *spec, char **err);

#endif

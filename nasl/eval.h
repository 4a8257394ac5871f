/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eval.h: the tree-walking evaluator: contexts (dynamic scoping), statements, expressions. */
#ifndef NASL_EVAL_H
#define NASL_EVAL_H

#include "state.h"
#include "array.h"
#include "ast.h"
#include "parse.h"

/* A variable: allocated once, so its address is stable while its context lives. */
typedef struct nasl_var {
  const char *name;  /* interned */
  nasl_value val;
} nasl_var;

/* One entry of a context's variable table: the name is kept next to the
** pointer so a probe does not touch the variable itself. */
typedef struct var_slot {
  const char *name;  /* interned; NULL: empty */
  nasl_var *var;
} var_slot;

/*
** A context: the top level, or one user-function call.  Its parent is the
** CALLER's context (dynamic scoping); blocks are not contexts.
*/
struct nasl_ctx {
  nasl_ctx *up;
  bool fn;                  /* a function call's context */
  const char *fname;        /* function name (interned) or NULL */
  var_slot *vars;           /* open addressing on the name pointer */
  uint32_t vcap, vcount;
  nasl_value *anon;         /* positional arguments (_FCT_ANON_ARGS) */
  size_t nanon;
  GHashTable *funcs;        /* interned name -> user_func*, or NULL */
};

/* Per-run data, hung off the state while nasl_run_* runs. */
struct run_state {
  const char *script_path;
  char *script_name;
  int mode;
  nasl_ctx *top;
  nasl_ctx *cur;
  unwind_kind unwind;
  long exit_code;
  nasl_value retval;        /* set by 'return' */
  unsigned depth;
  const char *stack_base;
  size_t stack_limit;
  const char *file;         /* current position */
  int line;
  unsigned long steps;       /* statements, calls and loop turns so far */
  gint64 deadline;           /* g_get_monotonic_time () to stop at; 0: none */
  long timeout;              /* the limit in seconds, for the message */
  bool timed_out;
  size_t rss_start;          /* resident memory when the run began; 0: unknown */
  size_t made_since_check;   /* bytes counted by state_note_alloc since the last look */
  GHashTable *predef;       /* interned name -> GINT_TO_POINTER (index+1) */
};

/* Runs 'prog' in a fresh run (variables and functions start empty). */
NASL_INTERNAL nasl_status eval_run_program (nasl_state *st, const ast_program *prog,
                                            const char *path, int mode);
/* Lint pass over a parsed program: undefined functions; returns problems found. */
NASL_INTERNAL unsigned eval_lint_program (nasl_state *st, const ast_program *prog);

/* For lib_base: function lookup (user functions up the call chain, then builtins). */
NASL_INTERNAL bool eval_function_defined (nasl_state *st, const char *name);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.h: the interpreter state: callbacks, builtin registry, per-run data, limits. */
#ifndef NASL_STATE_H
#define NASL_STATE_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

#include "nasl.h"
#include "value.h"
#include "ast.h"

/* One registered builtin (registry value; key is the interned name). */
typedef struct builtin_desc {
  const nasl_builtin *b;
  const char *name;        /* interned */
  char *owner;             /* "core", a module name, or "host" */
  void *module_data;
  const char **mandatory;  /* interned names of mandatory named params, NULL-ended */
} builtin_desc;

/* A user function (key: interned name). */
typedef struct user_func {
  const char *name;        /* interned */
  const ast_node *def;     /* AST_FUNCDEF */
} user_func;

/* How a run is unwinding. */
typedef enum unwind_kind {
  UNWIND_NONE = 0,
  UNWIND_EXIT,             /* exit() */
  UNWIND_ERROR             /* hard error: the run returns NASL_ERR_RUN */
} unwind_kind;

typedef struct nasl_ctx nasl_ctx;
typedef struct run_state run_state;

/* Slot set with nasl_state_set_data. */
typedef struct data_slot {
  char *key;
  void *data;
  void (*destroy) (void *);
  bool per_run;             /* destroyed at the end of every run */
} data_slot;

struct nasl_state {
  nasl_output_fn out;
  void *out_ud;
  nasl_diag_fn diag;
  void *diag_ud;
  nasl_report_fn report;
  void *report_ud;

  GPtrArray *include_dirs;  /* char* */
  int debug;
  int safe_checks;
  FILE *trace;              /* NULL: off */
  bool trace_owned;

  char *target_ip;
  char *target_name;
  GHashTable *script_prefs; /* char* -> char* */
  GHashTable *prefs;

  GStringChunk *names;      /* interned identifiers (shared with the parser) */
  struct inc_cache *includes; /* parsed include files, kept for the state's life */
  GHashTable *builtins;     /* interned name -> builtin_desc* */
  const char *n_anon_args;  /* interned "_FCT_ANON_ARGS" */
  GPtrArray *data_slots;    /* data_slot*, in order of first set */
  GHashTable *data_index;   /* key -> data_slot* */

  run_state *run;           /* the run in progress, or NULL */
  struct secret_store *secrets; /* secrets masked in traces and diagnostics */

  /* limits (tests and the fuzzer lower them) */
  unsigned max_call_depth;
  size_t max_string;
  long max_regex_ms;        /* limits of a match run in a child (regex_exec.h); */
  size_t max_regex_mem;     /* 0: REGEX_EXEC_MAX_MS, REGEX_EXEC_MAX_MEM */
  unsigned long step_budget; /* 0: unlimited; else statements+calls per run */
  long default_timeout;     /* seconds (nasl_set_timeout); <= 0: no limit */
  size_t max_memory;        /* bytes of resident memory a run may add; 0: no limit */
  int last_timed_out;       /* the last run stopped on its time limit */
  int in_fork_child;        /* set by a builtin that forked (get_kb_item) */
};

/* --- names -------------------------------------------------------------- */
NASL_INTERNAL const char *state_intern (nasl_state *st, const char *name);
/* A setting of the builtins: the scanner preference 'name' when set and not
** empty, else the first KB value of 'name' (kb_first_text); g_free it. */
NASL_INTERNAL char *state_setting_text (nasl_state *st, const char *name);

/* --- builtins (for the module loader) ------------------------------------ */
/* Registers every entry of 'table' under 'owner', or none: a name already
** taken is refused with "builtin 'x' of module 'a' is already defined by 'b'"
** in *err (g_malloc'ed). */
NASL_INTERNAL int state_add_builtins (nasl_state *st, const nasl_builtin *table,
                                      const char *owner, void *module_data, char **err);
/* Removes every builtin registered by 'owner'. */
NASL_INTERNAL void state_remove_builtins (nasl_state *st, const char *owner);
NASL_INTERNAL const builtin_desc *state_find_builtin (nasl_state *st, const char *interned);

/* --- per-run data ------------------------------------------------------- */
/* Like nasl_state_set_data, but the slot is emptied (its destructor runs) when
** the run that set it ends: sockets and cipher handles never outlive their script. */
NASL_INTERNAL void state_set_run_data (nasl_state *st, const char *key, void *data,
                                       void (*destroy) (void *));

/* --- output for builtins ------------------------------------------------ */
/* Script output (display): through the output callback, stdout by default. */
NASL_INTERNAL void state_output (nasl_state *st, const char *bytes, size_t len);
/* A report (log_message & co): through the report callback; by default the
** data (or "Success") and a newline go to the output, like openvas-nasl. */
NASL_INTERNAL void state_emit_report (nasl_state *st, const nasl_report *r);
/* A complete diagnostic line (no newline) to the diag callback (stderr by default). */
NASL_INTERNAL void state_diag_text (nasl_state *st, const char *text);
/* "FILE:LINE: message" at the current statement. */
NASL_INTERNAL void state_error (nasl_state *st, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/* Same, then stops the run with NASL_ERR_RUN. */
NASL_INTERNAL void state_hard_error (nasl_state *st, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/* -T trace line (no-op when tracing is off). */
NASL_INTERNAL void state_trace (nasl_state *st, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* --- the run ------------------------------------------------------------ */
/* exit(code): unwinds everything, the script ends (on_exit still runs). */
NASL_INTERNAL void state_request_exit (nasl_state *st, long code);
/* True while the run is unwinding (exit or hard error). */
NASL_INTERNAL bool state_unwinding (const nasl_state *st);
/* Fork support for get_kb_item: a builtin that forked calls this in the child;
** 'state_in_fork_child' lets other builtins know. */
NASL_INTERNAL void state_set_fork_child (nasl_state *st, int on);
NASL_INTERNAL int state_in_fork_child (const nasl_state *st);
/* --- the time limit ------------------------------------------------------ */
/* The limit in seconds of a run of 'path' (see nasl_set_timeout); 0: none. */
NASL_INTERNAL long state_script_timeout (nasl_state *st, const char *path);
/* Milliseconds left before the running script's deadline; -1 when the run
** has no limit (or outside a run).  Builtins that wait cap their wait with it. */
NASL_INTERNAL long state_time_left_ms (const nasl_state *st);
/* Checks the deadline now: past it, stops the run (hard error "script timed
** out after N s") and returns false. */
NASL_INTERNAL bool state_check_deadline (nasl_state *st);

/* --- the memory limit ---------------------------------------------------- */
/* The process's resident memory in bytes, 0 when it cannot be known. */
NASL_INTERNAL size_t state_resident_bytes (void);
/* Counts 'bytes' just made (strings, array slots); now and then compares the
** resident memory with the limit: past it, stops the run (hard error) and
** returns false. */
NASL_INTERNAL bool state_note_alloc (nasl_state *st, size_t bytes);
/* The same comparison, now. */
NASL_INTERNAL bool state_check_memory (nasl_state *st);

/* Name of the script being run (SCRIPT_NAME's source); "" outside a run. */
NASL_INTERNAL const char *state_script_name (const nasl_state *st);
/* The script's file name given to nasl_run_*; "" outside a run. */
NASL_INTERNAL const char *state_script_path (const nasl_state *st);

#endif

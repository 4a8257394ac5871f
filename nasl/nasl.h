/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nasl.h: the public embedding API of libnasl (state, run, callbacks, KB). */
#ifndef NASL_H
#define NASL_H

#include "nasl_module.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Status of a run.  ORDER NASL_STATUS */
typedef enum nasl_status {
  NASL_OK = 0,        /* ran to the end, or exit() */
  NASL_ERR_SYNTAX,    /* parse error: nothing ran */
  NASL_ERR_LOAD,      /* script or include missing or unreadable */
  NASL_ERR_RUN,       /* hard run-time error (limit exceeded, ...) */
  NASL_ERR_USAGE      /* bad call of this API */
} nasl_status;

/* Run modes, or'ed. */
#define NASL_RUN_DESCRIPTION 0x01 /* 'description' is TRUE (openvas-nasl -D) */
#define NASL_RUN_PARSE_ONLY  0x02 /* parse, do not run (-p) */
#define NASL_RUN_LINT        0x04 /* parse and lint (-L) */

/* --- callbacks: the core never decides where text goes ------------------ */
/* display() output and other script stdout. */
typedef void (*nasl_output_fn) (void *ud, const char *bytes, size_t len);
/* A diagnostic; 'text' is complete, e.g. "x.nasl:3: strlen: missing argument 'string'". */
typedef void (*nasl_diag_fn) (void *ud, const char *text);

typedef enum nasl_report_kind {
  NASL_REPORT_LOG = 0,   /* log_message */
  NASL_REPORT_ALARM,     /* security_message */
  NASL_REPORT_ERROR      /* error_message */
} nasl_report_kind;

typedef struct nasl_report {
  uint32_t struct_size;
  nasl_report_kind kind;
  const char *oid;       /* script_oid() of the reporting script, or "" */
  const char *script;    /* script file name */
  int port;              /* 0 when general */
  const char *proto;     /* "tcp", "udp", ... */
  const char *data;      /* may be NULL */
  size_t data_len;
  const char *uri;       /* may be NULL */
} nasl_report;
typedef void (*nasl_report_fn) (void *ud, const nasl_report *r);

/* --- the state ---------------------------------------------------------- */
NASL_API nasl_state *nasl_state_new (void);
NASL_API void nasl_state_free (nasl_state *st);

NASL_API void nasl_set_output (nasl_state *st, nasl_output_fn fn, void *ud);
NASL_API void nasl_set_diag (nasl_state *st, nasl_diag_fn fn, void *ud);
NASL_API void nasl_set_report (nasl_state *st, nasl_report_fn fn, void *ud);

/* Include directories, searched after the main script's own directory. */
NASL_API void nasl_add_include_dir (nasl_state *st, const char *dir);
/* -d: debug diagnostics; -s: safe checks; -T: trace file (NULL: off, "-": stderr). */
NASL_API void nasl_set_debug (nasl_state *st, int on);
NASL_API void nasl_set_safe_checks (nasl_state *st, int on);
NASL_API int nasl_trace_open (nasl_state *st, const char *path);

/* The target host every script runs against. */
NASL_API void nasl_set_target (nasl_state *st, const char *ip, const char *hostname);
NASL_API const char *nasl_get_target_ip (nasl_state *st);
NASL_API const char *nasl_get_target_name (nasl_state *st);

/* Script preferences (script_get_preference) and scanner preferences (get_preference). */
NASL_API void nasl_set_script_preference (nasl_state *st, const char *name, const char *value);
NASL_API const char *nasl_get_script_preference (nasl_state *st, const char *name);
NASL_API void nasl_set_preference (nasl_state *st, const char *name, const char *value);
NASL_API const char *nasl_get_preference (nasl_state *st, const char *name);

/* Load a module: a path to a .so or .la, or a name searched in
** NASL_MODULE_PATH then the installed module directory.  On failure returns
** non-zero and sets *err (g_malloc'ed) to a message naming both sides. */
NASL_API int nasl_load_module (nasl_state *st, const char *spec, char **err);

/* Run a script.  Variables and functions start fresh for each run; the KB,
** modules, preferences and target persist across runs on the same state. */
NASL_API nasl_status nasl_run_file (nasl_state *st, const char *path, int mode);
NASL_API nasl_status nasl_run_buffer (nasl_state *st, const char *name,
                                      const char *src, size_t len, int mode);
/* Description mode flag of the running script, for builtins. */
NASL_API int nasl_in_description_mode (nasl_state *st);
/* Name and 1-based line of the statement running now (for messages). */
NASL_API const char *nasl_current_file (nasl_state *st);
NASL_API int nasl_current_line (nasl_state *st);

/* --- per-script time limit (OpenVAS's per-plugin timeout) ------------- */
/* The scanner default: 320 s, as OpenVAS's plugins_timeout. */
#define NASL_DEFAULT_TIMEOUT 320
/*
** Sets the time limit, in seconds, of every script run on 'st' that does not
** choose its own (the role of OpenVAS's plugins_timeout); 0 or less: no
** limit.  A run's limit is, as in OpenVAS: the script preference of id 0
** ("timeout", set with nasl_set_script_preference (st, "0", "N")), else the
** script_timeout() its description pass recorded on this state, else, for an
** ACT_SCANNER script, the scanner preference scanner_plugins_timeout (when
** unset: 36000 s, or no limit when this default is 0), else the scanner
** preference plugins_timeout, else this default.  A negative limit from any of these means no limit.  A run that
** reaches its limit stops with "FILE:LINE: script timed out after N s" and
** NASL_ERR_RUN; nasl_timed_out() then returns 1.
*/
NASL_API void nasl_set_timeout (nasl_state *st, long seconds);
/* 1 when the last run on 'st' was stopped by its time limit, else 0. */
NASL_API int nasl_timed_out (nasl_state *st);

/* The memory a run may take: the growth of the process's resident memory
** since the run began, 2 GiB by default; 0: no limit.  Past it the run
** stops with "FILE:LINE: memory limit of N MiB exceeded" and NASL_ERR_RUN. */
NASL_API void nasl_set_memory_limit (nasl_state *st, size_t bytes);

/* Register a table of builtins owned by the host program (not a module). */
NASL_API int nasl_register_builtins (nasl_state *st, const nasl_builtin *table, char **err);

/* --- knowledge base (in memory; shared by all runs on a state) ---------- */
typedef struct nasl_kb nasl_kb;
NASL_API nasl_kb *nasl_state_kb (nasl_state *st);
/* Append a value (duplicates of the same value are not added twice). */
NASL_API void nasl_kb_add_str (nasl_kb *kb, const char *name, const char *val, size_t len);
NASL_API void nasl_kb_add_int (nasl_kb *kb, const char *name, long val);
/* Replace every value of 'name'. */
NASL_API void nasl_kb_set_str (nasl_kb *kb, const char *name, const char *val, size_t len);
NASL_API void nasl_kb_set_int (nasl_kb *kb, const char *name, long val);
NASL_API void nasl_kb_delete (nasl_kb *kb, const char *name);
/* Visit every (name, value) whose name matches the glob 'pattern' ("*" for all),
** names in sorted order, values in insertion order.  'val' is an int or data value. */
typedef int (*nasl_kb_visit_fn) (void *ud, const char *name, const nasl_value *val);
NASL_API int nasl_kb_foreach (nasl_kb *kb, const char *pattern, nasl_kb_visit_fn fn, void *ud);

NASL_API const char *nasl_version (void);

#ifdef __cplusplus
}
#endif
#endif /* NASL_H */

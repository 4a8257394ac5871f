/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parse.h: NASL parser entry points: source text -> ast_program, include() at parse time. */
#ifndef NASL_PARSE_H
#define NASL_PARSE_H

#include "ast.h"
#include "include.h"

/* Default bound on nesting (statements + expressions + tree height), and on
** include nesting.  Past them the parser reports an error, never recursing
** further. */
#define PARSE_MAX_DEPTH 1000
#define PARSE_MAX_INCLUDE_DEPTH 32
/* After this many errors in one file the parser gives up on that file. */
#define PARSE_MAX_ERRORS 100

/*
** Grammar and quirks: those of OpenVAS's nasl_grammar.y (see
** docs NASL-LANGUAGE.md sections 1 and 2), including: a script needs at
** least one statement (an empty file or one with only comments is a syntax
** error); functions are defined at top level only; '=~'/'!~' patterns are
** compiled here and a bad one is a syntax error.  Deliberate differences,
** where OpenVAS misbehaves: a byte >= 0x80 outside strings and comments is
** a syntax error (OpenVAS silently treats it as the end of the script);
** '5--1', '>' or '>!' at the end of input and deep nesting give errors
** (OpenVAS crashes or aborts); include cycles are errors (OpenVAS recurses).
*/

typedef enum parse_status {
  PARSE_OK = 0,
  PARSE_ERR_SYNTAX,   /* one or more syntax errors (NASL_ERR_SYNTAX) */
  PARSE_ERR_LOAD      /* script or include missing/unreadable, include cycle,
                         include nesting too deep (NASL_ERR_LOAD) */
} parse_status;

typedef enum parse_severity {
  PARSE_WARNING,
  PARSE_ERROR
} parse_severity;

/* Diagnostic callback: 'text' is the full message "FILE:LINE:COL: message"
** (no trailing newline); 'loc' gives the same position separately. */
typedef void (*parse_diag_fn) (void *ud, parse_severity sev, const ast_loc *loc,
                               const char *text);

/*
** Everything the parser needs from its caller.  Fill it with
** 'parse_env_init' then set the fields you need; nothing in it is owned by
** the parser.  One env may parse many files in turn.
**
**   names        REQUIRED: interning pool for identifiers (see ast.h); must
**                outlive the programs parsed with it.
**   includes     include cache; when NULL, each program gets a private
**                cache that it owns (freed with it).
**   main_dir     directory of the main script: first place include() looks;
**                NULL means the current directory.
**   include_dirs, n_include_dirs
**                the -i directories, searched next, in order.
**   diag, diag_ud  diagnostics sink; NULL drops messages (still counted).
**   max_depth    0 means PARSE_MAX_DEPTH.
**
** Out (reset by every parse_buffer/parse_file call):
**   errors, warnings   counts for the last call, included files counted in.
**   status             PARSE_OK or why the call returned NULL.
*/
typedef struct parse_env {
  GStringChunk *names;
  inc_cache *includes;
  const char *main_dir;
  const char *const *include_dirs;
  size_t n_include_dirs;
  parse_diag_fn diag;
  void *diag_ud;
  unsigned max_depth;
  /* out */
  unsigned errors;
  unsigned warnings;
  parse_status status;
  /* private: include nesting of the call in progress */
  GPtrArray *active;   /* resolved paths being parsed, outermost first */
} parse_env;

NASL_INTERNAL void parse_env_init (parse_env *env, GStringChunk *names);
NASL_INTERNAL void parse_env_clear (parse_env *env);  /* frees private parts */

/*
** Parse 'len' bytes of 'src' (a NUL byte ends the input earlier) under the
** name 'name' (used in locations and to find the including file's directory
** for include()).  Returns the tree, or NULL when there was any error
** (env->status says which kind, env->errors how many).  Free the result
** with 'ast_program_free'.
*/
NASL_INTERNAL ast_program *parse_buffer (parse_env *env, const char *name,
                                         const char *src, size_t len);

/* Reads 'path' and parses it; an unreadable file gives NULL with
** env->status == PARSE_ERR_LOAD. */
NASL_INTERNAL ast_program *parse_file (parse_env *env, const char *path);

/* For include.c: parse an included file with the env of the parse in
** progress (counters and status accumulate; nothing is reset).  Returns
** NULL if that file had errors. */
NASL_INTERNAL ast_program *parse_included (parse_env *env, const char *path,
                                           const char *src, size_t len);

/* Internal: report a diagnostic at 'loc' (counts it in env). */
NASL_INTERNAL void parse_report (parse_env *env, parse_severity sev, const ast_loc *loc,
                                 const char *fmt, ...) G_GNUC_PRINTF (4, 5);

#endif

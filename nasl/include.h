/* SPDX-License-Identifier: GPL-2.0-or-later */
/* include.h: include() resolution: search path, parse-once cache, cycle and depth checks. */
#ifndef NASL_INCLUDE_H
#define NASL_INCLUDE_H

#include "ast.h"

struct parse_env;

/*
** The cache maps a resolved path to the program parsed from it.  It owns
** those programs; create one per interpreter state and free it after every
** program that includes something from it.  Including the same file twice
** (even from different scripts) returns the same tree.
*/
typedef struct inc_cache inc_cache;

NASL_INTERNAL inc_cache *inc_cache_new (void);
NASL_INTERNAL void inc_cache_free (inc_cache *c);  /* NULL is fine */
NASL_INTERNAL const ast_program *inc_cache_lookup (const inc_cache *c, const char *path);
NASL_INTERNAL size_t inc_cache_size (const inc_cache *c);
/* Files that failed to parse are remembered during one parse_buffer /
** parse_file call (each later include of them just counts an error); the
** parser forgets them when the next call starts, so they are tried again. */
NASL_INTERNAL void inc_cache_forget_failures (inc_cache *c);

/* Key under which a file is cached and checked for cycles: realpath() when
** the file exists, else the absolute form of 'path' (g_malloc'd). */
NASL_INTERNAL char *inc_canonical (const char *path);

/*
** Find 'name' for an include() written in a file living in 'including_dir'.
** Absolute names are used as they are.  Otherwise the search order is:
** env->main_dir (or the current directory), then env->include_dirs in order,
** then 'including_dir'.  Returns a g_malloc'd path of an existing regular
** file, or NULL.
*/
NASL_INTERNAL char *inc_resolve (const struct parse_env *env, const char *including_dir,
                                 const char *name);

/*
** Resolve, then return the cached tree, parsing the file on first use.
** Errors (reported through env at 'loc', and reflected in env->status):
** not found / unreadable / include cycle / nesting too deep -> PARSE_ERR_LOAD;
** syntax error in the included file -> PARSE_ERR_SYNTAX.  Returns NULL on
** error.  '*path_out' receives the resolved path (interned in env->names)
** when found.  'cache' is where the tree is stored (env->includes or the
** includer's private cache).
*/
NASL_INTERNAL const ast_program *inc_load (struct parse_env *env, inc_cache *cache,
                                           const ast_loc *loc, const char *including_file,
                                           const char *name, const char **path_out);

#endif

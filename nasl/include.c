/* SPDX-License-Identifier: GPL-2.0-or-later */
/* include.c: include() resolution: search path, parse-once cache, cycle and depth checks. */
#include "include.h"
#include "parse.h"
#include "readfile.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct inc_cache {
  GHashTable *programs;  /* canonical path (owned) -> ast_program* (owned) */
  GHashTable *failed;    /* canonical paths that did not parse */
};

char *
inc_canonical (const char *path)
{
  char *real = realpath (path, NULL);
  char *out, *cwd;

  if (real)
    {
      out = g_strdup (real);
      free (real);
      return out;
    }
  if (g_path_is_absolute (path))
    return g_strdup (path);
  cwd = g_get_current_dir ();
  out = g_build_filename (cwd, path, NULL);
  g_free (cwd);
  return out;
}

inc_cache *
inc_cache_new (void)
{
  inc_cache *c = g_new0 (inc_cache, 1);

  c->programs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) ast_program_free);
  c->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return c;
}

void
inc_cache_free (inc_cache *c)
{
  if (!c)
    return;
  g_hash_table_destroy (c->programs);
  g_hash_table_destroy (c->failed);
  g_free (c);
}

void
inc_cache_forget_failures (inc_cache *c)
{
  if (c)
    g_hash_table_remove_all (c->failed);
}

const ast_program *
inc_cache_lookup (const inc_cache *c, const char *path)
{
  char *canon;
  const ast_program *p;

  if (!c || !path)
    return NULL;
  canon = inc_canonical (path);
  p = g_hash_table_lookup (c->programs, canon);
  g_free (canon);
  return p;
}

size_t
inc_cache_size (const inc_cache *c)
{
  return c ? g_hash_table_size (c->programs) : 0;
}

/* 'dir'/'name' if that is a regular file (g_malloc'd), else NULL. */
static char *
try_dir (const char *dir, const char *name)
{
  char *path = g_build_filename (dir && *dir ? dir : ".", name, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free (path);
  return NULL;
}

char *
inc_resolve (const parse_env *env, const char *including_dir, const char *name)
{
  char *path;

  if (!name || !*name)
    return NULL;
  if (g_path_is_absolute (name))
    return g_file_test (name, G_FILE_TEST_IS_REGULAR) ? g_strdup (name) : NULL;
  if ((path = try_dir (env->main_dir, name)))
    return path;
  for (size_t i = 0; i < env->n_include_dirs; i++)
    if (env->include_dirs[i] && (path = try_dir (env->include_dirs[i], name)))
      return path;
  if (including_dir && (path = try_dir (including_dir, name)))
    return path;
  return NULL;
}

/* Reports 'what' at 'loc' as a load failure. */
static void
load_error (parse_env *env, const ast_loc *loc, const char *fmt, const char *a, const char *b)
{
  parse_report (env, PARSE_ERROR, loc, fmt, a, b);
  if (env->status != PARSE_ERR_LOAD)
    env->status = PARSE_ERR_LOAD;
}

/* "a.inc -> b.inc -> a.inc" for the cycle message. */
static char *
cycle_text (const parse_env *env, const char *again)
{
  GString *s = g_string_new (NULL);
  bool started = false;

  for (guint i = 0; i < env->active->len; i++)
    {
      const char *path = g_ptr_array_index (env->active, i);

      if (!started && strcmp (path, again) != 0)
        continue;
      started = true;
      g_string_append_printf (s, "%s -> ", path);
    }
  g_string_append (s, again);
  return g_string_free (s, FALSE);
}

/* Reads and parses 'canon' with the include stack pushed. */
static ast_program *
load_and_parse (parse_env *env, const ast_loc *loc, const char *canon)
{
  char *src, *why = NULL;
  size_t len = 0;
  ast_program *prog;

  src = readfile_regular (canon, READFILE_MAX_SCRIPT, &len, &why);
  if (src == NULL)
    {
      load_error (env, loc, "cannot read include file '%s': %s", canon, why);
      g_free (why);
      return NULL;
    }
  g_ptr_array_add (env->active, g_strdup (canon));
  prog = parse_included (env, canon, src, len);
  g_ptr_array_set_size (env->active, env->active->len - 1);
  g_free (src);
  return prog;
}

const ast_program *
inc_load (parse_env *env, inc_cache *cache, const ast_loc *loc, const char *including_file,
          const char *name, const char **path_out)
{
  char *dir = g_path_get_dirname (including_file ? including_file : ".");
  char *path = inc_resolve (env, dir, name);
  char *canon;
  ast_program *prog;

  g_free (dir);
  *path_out = NULL;
  if (!path)
    {
      load_error (env, loc, "include file '%s' not found%s", name,
                  " (searched the script's directory, the include directories and the "
                  "including file's directory)");
      return NULL;
    }
  canon = inc_canonical (path);
  g_free (path);
  *path_out = g_string_chunk_insert_const (env->names, canon);

  if ((prog = g_hash_table_lookup (cache->programs, canon)))
    {
      g_free (canon);
      return prog;
    }
  if (!env->active)
    env->active = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < env->active->len; i++)
    if (strcmp (g_ptr_array_index (env->active, i), canon) == 0)
      {
        char *cycle = cycle_text (env, canon);

        load_error (env, loc, "include cycle: %s%s", cycle, "");
        g_free (cycle);
        g_free (canon);
        return NULL;
      }
  if (env->active->len > PARSE_MAX_INCLUDE_DEPTH)
    {
      char limit[16];

      g_snprintf (limit, sizeof limit, "%d", PARSE_MAX_INCLUDE_DEPTH);
      load_error (env, loc, "includes nested too deeply at '%s' (limit is %s)", canon, limit);
      g_free (canon);
      return NULL;
    }
  if (g_hash_table_contains (cache->failed, canon))
    {
      parse_report (env, PARSE_ERROR, loc, "include file '%s' has errors (reported above)",
                    canon);
      if (env->status == PARSE_OK)
        env->status = PARSE_ERR_SYNTAX;
      g_free (canon);
      return NULL;
    }
  prog = load_and_parse (env, loc, canon);
  if (!prog)
    {
      g_hash_table_add (cache->failed, canon);
      return NULL;
    }
  g_hash_table_insert (cache->programs, canon, prog);
  return prog;
}

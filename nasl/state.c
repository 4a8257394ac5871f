/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.c: nasl_state: creation, callbacks, settings, builtin registry, runs, data slots. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state.h"
#include "kb.h"
#include "call.h"
#include "eval.h"
#include "libs.h"
#include "parse.h"
#include "include.h"
#include "script_meta.h"
#include "secrets.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0"
#endif

/* ======================================================================
** Default sinks
** ====================================================================== */

static void
default_output (void *ud, const char *bytes, size_t len)
{
  (void) ud;
  fwrite (bytes, 1, len, stdout);
}

static void
default_diag (void *ud, const char *text)
{
  (void) ud;
  fflush (stdout);
  fprintf (stderr, "%s\n", text);
}

/* ======================================================================
** Creation and destruction
** ====================================================================== */

const char *
state_intern (nasl_state *st, const char *name)
{
  return g_string_chunk_insert_const (st->names, name);
}

static void
builtin_desc_free (gpointer p)
{
  builtin_desc *d = p;

  g_free (d->owner);
  g_free ((gpointer) d->mandatory);
  g_free (d);
}

nasl_state *
nasl_state_new (void)
{
  nasl_state *st = g_new0 (nasl_state, 1);
  size_t i;

  st->out = default_output;
  st->diag = default_diag;
  st->include_dirs = g_ptr_array_new_with_free_func (g_free);
  st->script_prefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  st->prefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  st->names = g_string_chunk_new (4096);
  st->n_anon_args = state_intern (st, "_FCT_ANON_ARGS");
  st->includes = inc_cache_new ();
  st->builtins = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        builtin_desc_free);
  st->data_slots = g_ptr_array_new ();
  st->data_index = g_hash_table_new (g_str_hash, g_str_equal);
  st->max_call_depth = NASL_MAX_CALL_DEPTH;
  st->max_string = NASL_MAX_STRING;
  st->default_timeout = NASL_DEFAULT_TIMEOUT;
  st->max_memory = NASL_MAX_MEMORY;
  st->target_ip = g_strdup ("127.0.0.1");
  for (i = 0; lib_families[i] != NULL; i++)
    {
      char *err = NULL;
      if (state_add_builtins (st, lib_families[i], "core", NULL, &err) != 0)
        {
          /* A clash between the interpreter's own families is a bug: say it loudly. */
          state_diag_text (st, err);
          g_free (err);
        }
    }
  return st;
}

static void
destroy_data_slots (nasl_state *st)
{
  guint i;

  for (i = st->data_slots->len; i > 0; i--)
    {
      data_slot *s = g_ptr_array_index (st->data_slots, i - 1);
      if (s->destroy != NULL && s->data != NULL)
        s->destroy (s->data);
      g_free (s->key);
      g_free (s);
    }
  g_ptr_array_set_size (st->data_slots, 0);
}

void
nasl_state_free (nasl_state *st)
{
  if (st == NULL)
    return;
  inc_cache_free (st->includes);
  st->includes = NULL;
  /* Every script value is gone by now; modules may be unloaded by a slot. */
  destroy_data_slots (st);
  g_ptr_array_free (st->data_slots, TRUE);
  g_hash_table_destroy (st->data_index);
  g_hash_table_destroy (st->builtins);
  g_ptr_array_free (st->include_dirs, TRUE);
  g_hash_table_destroy (st->script_prefs);
  g_hash_table_destroy (st->prefs);
  secret_store_free (st->secrets);
  if (st->trace != NULL && st->trace_owned)
    fclose (st->trace);
  g_free (st->target_ip);
  g_free (st->target_name);
  g_string_chunk_free (st->names);
  g_free (st);
}

/* ======================================================================
** Settings
** ====================================================================== */

void
nasl_set_output (nasl_state *st, nasl_output_fn fn, void *ud)
{
  st->out = fn != NULL ? fn : default_output;
  st->out_ud = ud;
}

void
nasl_set_diag (nasl_state *st, nasl_diag_fn fn, void *ud)
{
  st->diag = fn != NULL ? fn : default_diag;
  st->diag_ud = ud;
}

void
nasl_set_report (nasl_state *st, nasl_report_fn fn, void *ud)
{
  st->report = fn;
  st->report_ud = ud;
}

void
nasl_add_include_dir (nasl_state *st, const char *dir)
{
  if (st != NULL && dir != NULL)
    g_ptr_array_add (st->include_dirs, g_strdup (dir));
}

void
nasl_set_debug (nasl_state *st, int on)
{
  st->debug = on != 0;
}

void
nasl_set_safe_checks (nasl_state *st, int on)
{
  st->safe_checks = on != 0;
}

int
nasl_trace_open (nasl_state *st, const char *path)
{
  FILE *fp = NULL;

  if (st->trace != NULL && st->trace_owned)
    fclose (st->trace);
  st->trace = NULL;
  st->trace_owned = false;
  if (path == NULL)
    return 0;
  if (strcmp (path, "-") == 0)
    {
      st->trace = stderr;
      return 0;
    }
  fp = fopen (path, "w");
  if (fp == NULL)
    return -1;
  st->trace = fp;
  st->trace_owned = true;
  return 0;
}

void
nasl_set_target (nasl_state *st, const char *ip, const char *hostname)
{
  g_free (st->target_ip);
  g_free (st->target_name);
  st->target_ip = g_strdup (ip != NULL ? ip : "127.0.0.1");
  st->target_name = g_strdup (hostname);
}

const char *
nasl_get_target_ip (nasl_state *st)
{
  return st->target_ip;
}

const char *
nasl_get_target_name (nasl_state *st)
{
  return st->target_name != NULL ? st->target_name : st->target_ip;
}

void
nasl_set_script_preference (nasl_state *st, const char *name, const char *value)
{
  if (name == NULL)
    return;
  if (value == NULL)
    g_hash_table_remove (st->script_prefs, name);
  else
    g_hash_table_replace (st->script_prefs, g_strdup (name), g_strdup (value));
}

const char *
nasl_get_script_preference (nasl_state *st, const char *name)
{
  return name != NULL ? g_hash_table_lookup (st->script_prefs, name) : NULL;
}

void
nasl_set_preference (nasl_state *st, const char *name, const char *value)
{
  if (name == NULL)
    return;
  if (value == NULL)
    g_hash_table_remove (st->prefs, name);
  else
    g_hash_table_replace (st->prefs, g_strdup (name), g_strdup (value));
}

const char *
nasl_get_preference (nasl_state *st, const char *name)
{
  return name != NULL ? g_hash_table_lookup (st->prefs, name) : NULL;
}

char *
state_setting_text (nasl_state *st, const char *name)
{
  const char *pref = nasl_get_preference (st, name);

  if (pref && *pref)
    return g_strdup (pref);
  return kb_first_text (nasl_state_kb (st), name);
}

void
nasl_set_timeout (nasl_state *st, long seconds)
{
  if (st != NULL)
    st->default_timeout = seconds > 0 ? seconds : 0;
}

void
nasl_set_memory_limit (nasl_state *st, size_t bytes)
{
  if (st != NULL)
    st->max_memory = bytes;
}

int
nasl_timed_out (nasl_state *st)
{
  return st != NULL && st->last_timed_out;
}

const char *
nasl_version (void)
{
  return PACKAGE_VERSION;
}

/* ======================================================================
** Builtin registry
** ====================================================================== */

int
state_add_builtins (nasl_state *st, const nasl_builtin *table, const char *owner,
                    void *module_data, char **err)
{
  GHashTable *seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  GPtrArray *descs = g_ptr_array_new ();
  const nasl_builtin *b;
  guint i;

  if (owner == NULL)
    owner = "host";
  for (b = table; b != NULL && b->name != NULL; b++)
    {
      const char *name = state_intern (st, b->name);
      const builtin_desc *old = g_hash_table_lookup (st->builtins, name);
      builtin_desc *d;
      char *perr = NULL;
      const char **mand;
      if (b->fn == NULL || old != NULL || g_hash_table_contains (seen, name))
        {
          if (err != NULL)
            *err = b->fn == NULL
                     ? g_strdup_printf ("builtin '%s' of module '%s' has no function",
                                        b->name, owner)
                     : g_strdup_printf ("builtin '%s' of module '%s' is already defined by '%s'",
                                        b->name, owner, old != NULL ? old->owner : owner);
          goto fail;
        }
      mand = call_parse_params (st, b->params, &perr);
      if (mand == NULL)
        {
          if (err != NULL)
            *err = g_strdup_printf ("builtin '%s' of module '%s': %s", b->name, owner, perr);
          g_free (perr);
          goto fail;
        }
      d = g_new0 (builtin_desc, 1);
      d->b = b;
      d->name = name;
      d->owner = g_strdup (owner);
      d->module_data = module_data;
      d->mandatory = mand;
      g_ptr_array_add (descs, d);
      g_hash_table_add (seen, (gpointer) name);
    }
  for (i = 0; i < descs->len; i++)
    {
      builtin_desc *d = g_ptr_array_index (descs, i);
      g_hash_table_insert (st->builtins, (gpointer) d->name, d);
    }
  g_ptr_array_free (descs, TRUE);
  g_hash_table_destroy (seen);
  return 0;

fail:
  for (i = 0; i < descs->len; i++)
    builtin_desc_free (g_ptr_array_index (descs, i));
  g_ptr_array_free (descs, TRUE);
  g_hash_table_destroy (seen);
  return -1;
}

static gboolean
owned_by (gpointer key, gpointer value, gpointer ud)
{
  const builtin_desc *d = value;

  (void) key;
  return strcmp (d->owner, (const char *) ud) == 0;
}

void
state_remove_builtins (nasl_state *st, const char *owner)
{
  if (owner != NULL)
    g_hash_table_foreach_remove (st->builtins, owned_by, (gpointer) owner);
}

const builtin_desc *
state_find_builtin (nasl_state *st, const char *interned)
{
  return g_hash_table_lookup (st->builtins, interned);
}

int
nasl_register_builtins (nasl_state *st, const nasl_builtin *table, char **err)
{
  return state_add_builtins (st, table, "host", NULL, err);
}

/* ======================================================================
** Per-state data slots
** ====================================================================== */

void *
nasl_state_get_data (nasl_state *st, const char *key)
{
  data_slot *s;

  if (st == NULL || key == NULL)
    return NULL;
  s = g_hash_table_lookup (st->data_index, key);
  return s != NULL ? s->data : NULL;
}

void
nasl_state_set_data (nasl_state *st, const char *key, void *data, void (*destroy) (void *))
{
  data_slot *s;

  if (st == NULL || key == NULL)
    return;
  s = g_hash_table_lookup (st->data_index, key);
  if (s == NULL)
    {
      s = g_new0 (data_slot, 1);
      s->key = g_strdup (key);
      g_ptr_array_add (st->data_slots, s);
      g_hash_table_insert (st->data_index, s->key, s);
    }
  else if (s->destroy != NULL && s->data != NULL && s->data != data)
    s->destroy (s->data);
  s->data = data;
  s->destroy = destroy;
  s->per_run = false;
}

void
state_set_run_data (nasl_state *st, const char *key, void *data, void (*destroy) (void *))
{
  data_slot *s;

  nasl_state_set_data (st, key, data, destroy);
  s = g_hash_table_lookup (st->data_index, key);
  if (s != NULL)
    s->per_run = true;
}

/* Empties the per-run slots, newest first (the slots themselves stay). */
static void
end_run_data (nasl_state *st)
{
  guint i;

  for (i = st->data_slots->len; i > 0; i--)
    {
      data_slot *s = g_ptr_array_index (st->data_slots, i - 1);
      if (!s->per_run)
        continue;
      if (s->destroy != NULL && s->data != NULL)
        s->destroy (s->data);
      s->data = NULL;
      s->per_run = false;
    }
}

/* ======================================================================
** Output and diagnostics
** ====================================================================== */

void
state_output (nasl_state *st, const char *bytes, size_t len)
{
  st->out (st->out_ud, bytes, len);
}

void
state_emit_report (nasl_state *st, const nasl_report *r)
{
  if (st->report != NULL)
    {
      st->report (st->report_ud, r);
      return;
    }
  if (r->data != NULL)
    state_output (st, r->data, r->data_len);
  else
    state_output (st, "Success", 7);
  state_output (st, "\n", 1);
}

/* Every diagnostic passes here: secrets are masked (secrets.h). */
void
state_diag_text (nasl_state *st, const char *text)
{
  size_t len;
  char *masked = secret_mask (st, text, strlen (text), &len);

  st->diag (st->diag_ud, masked != NULL ? masked : text);
  g_free (masked);
}

static void
diag_at (nasl_state *st, const char *file, int line, const char *msg)
{
  char *text;

  if (file != NULL && line > 0)
    text = g_strdup_printf ("%s:%d: %s", file, line, msg);
  else if (file != NULL)
    text = g_strdup_printf ("%s: %s", file, msg);
  else
    text = g_strdup (msg);
  state_diag_text (st, text);
  g_free (text);
}

void
nasl_state_diag (nasl_state *st, const char *file, int line, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (st == NULL)
    return;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  diag_at (st, file, line, msg);
  g_free (msg);
}

void
state_error (nasl_state *st, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  diag_at (st, nasl_current_file (st)[0] ? nasl_current_file (st) : NULL,
           nasl_current_line (st), msg);
  g_free (msg);
}

void
state_hard_error (nasl_state *st, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (st->run != NULL && st->run->unwind == UNWIND_ERROR)
    return; /* one hard error per run is enough */
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  diag_at (st, nasl_current_file (st)[0] ? nasl_current_file (st) : NULL,
           nasl_current_line (st), msg);
  g_free (msg);
  if (st->run != NULL)
    st->run->unwind = UNWIND_ERROR;
}

void
state_trace (nasl_state *st, const char *fmt, ...)
{
  va_list ap;
  char *line, *masked;
  size_t len;

  if (st->trace == NULL)
    return;
  va_start (ap, fmt);
  line = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  masked = secret_mask (st, line, strlen (line), &len);
  fputs (masked != NULL ? masked : line, st->trace);
  fflush (st->trace);
  g_free (masked);
  g_free (line);
}

/* ======================================================================
** The run
** ====================================================================== */

void
state_request_exit (nasl_state *st, long code)
{
  if (st->run == NULL || st->run->unwind != UNWIND_NONE)
    return;
  st->run->unwind = UNWIND_EXIT;
  st->run->exit_code = code;
}

bool
state_unwinding (const nasl_state *st)
{
  return st->run != NULL && st->run->unwind != UNWIND_NONE;
}

void
state_set_fork_child (nasl_state *st, int on)
{
  st->in_fork_child = on;
}

int
state_in_fork_child (const nasl_state *st)
{
  return st->in_fork_child;
}

/* ======================================================================
** The time limit
** ====================================================================== */

/* OpenVAS's category ACT_SCANNER (port scanners get a longer default). */
#define CATEGORY_ACT_SCANNER 1

/* atol() of a scanner preference, 0 when it is unset (OpenVAS: atoi). */
static long
preference_seconds (nasl_state *st, const char *name)
{
  const char *v = nasl_get_preference (st, name);
  return v != NULL ? atol (v) : 0;
}

/*
** OpenVAS (pluginlaunch.c plugin_timeout): the plugin preference of id 0,
** whose default is what script_timeout() declared; when that is 0, the
** scanner's scanner_plugins_timeout (ACT_SCANNER) or plugins_timeout, or
** the built-in default.  A negative value never stops the plugin.
*/
long
state_script_timeout (nasl_state *st, const char *path)
{
  const nasl_script_meta *m = nasl_script_meta_get (st, path);
  const char *pref = nasl_get_script_preference (st, "0");
  long t = pref != NULL ? atol (pref) : 0;

  if (t == 0 && m != NULL)
    t = m->timeout;
  if (t == 0 && m != NULL && m->category == CATEGORY_ACT_SCANNER)
    {
      t = preference_seconds (st, "scanner_plugins_timeout");
      if (t == 0)
        t = st->default_timeout > 0 ? NASL_SCANNER_TIMEOUT : 0;
      return t > 0 ? t : 0;
    }
  if (t == 0)
    t = preference_seconds (st, "plugins_timeout");
  if (t == 0)
    t = st->default_timeout;
  return t > 0 ? t : 0;
}

long
state_time_left_ms (const nasl_state *st)
{
  gint64 left;

  if (st->run == NULL || st->run->deadline == 0)
    return -1;
  left = st->run->deadline - g_get_monotonic_time ();
  return left > 0 ? (long) (left / 1000) : 0;
}

bool
state_check_deadline (nasl_state *st)
{
  run_state *run = st->run;

  if (run == NULL || run->deadline == 0 || g_get_monotonic_time () < run->deadline)
    return true;
  if (!run->timed_out && run->unwind != UNWIND_ERROR)
    {
      state_hard_error (st, "script timed out after %ld s", run->timeout);
      run->timed_out = true;
    }
  return false;
}

/* ======================================================================
** The memory limit
** ====================================================================== */

size_t
state_resident_bytes (void)
{
  unsigned long size = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "re");

  if (f == NULL)
    return 0;
  if (fscanf (f, "%lu %lu", &size, &resident) != 2)
    resident = 0;
  fclose (f);
  return (size_t) resident * (size_t) sysconf (_SC_PAGESIZE);
}

bool
state_check_memory (nasl_state *st)
{
  run_state *run = st->run;
  size_t now;

  if (run == NULL || st->max_memory == 0 || run->rss_start == 0)
    return true;
  run->made_since_check = 0;
  now = state_resident_bytes ();
  if (now <= run->rss_start || now - run->rss_start <= st->max_memory)
    return true;
  state_hard_error (st, "memory limit of %zu MiB exceeded (the run took %zu MiB)",
                    st->max_memory >> 20, (now - run->rss_start) >> 20);
  return false;
}

bool
state_note_alloc (nasl_state *st, size_t bytes)
{
  run_state *run = st->run;

  if (run == NULL || st->max_memory == 0)
    return true;
  run->made_since_check += bytes;
  if (run->made_since_check < NASL_MEMORY_CHECK_BYTES)
    return true;
  return state_check_memory (st);
}

const char *
state_script_name (const nasl_state *st)
{
  return st->run != NULL && st->run->script_name != NULL ? st->run->script_name : "";
}

const char *
state_script_path (const nasl_state *st)
{
  return st->run != NULL && st->run->script_path != NULL ? st->run->script_path : "";
}

int
nasl_in_description_mode (nasl_state *st)
{
  return st != NULL && st->run != NULL && (st->run->mode & NASL_RUN_DESCRIPTION) != 0;
}

const char *
nasl_current_file (nasl_state *st)
{
  if (st == NULL || st->run == NULL)
    return "";
  return st->run->file != NULL ? st->run->file : st->run->script_path;
}

int
nasl_current_line (nasl_state *st)
{
  return st != NULL && st->run != NULL ? st->run->line : 0;
}

static void
parse_diag_to_state (void *ud, parse_severity sev, const ast_loc *loc, const char *text)
{
  (void) sev;
  (void) loc;
  state_diag_text (ud, text);
}

/*
** Parses (src != NULL: the buffer, else the file 'name') and runs the result
** in 'mode'.  The include cache lives in the state; the main program is freed
** at the end of the run.
*/
static nasl_status
parse_and_run (nasl_state *st, const char *name, const char *src, size_t len, int mode)
{
  parse_env env;
  ast_program *prog;
  nasl_status status = NASL_OK;
  char *dir;

  if (st == NULL || name == NULL)
    return NASL_ERR_USAGE;
  if (st->run != NULL)
    {
      nasl_state_diag (st, name, 0, "a script is already running on this state");
      return NASL_ERR_USAGE;
    }
  dir = g_path_get_dirname (name);
  parse_env_init (&env, st->names);
  env.includes = st->includes;
  env.main_dir = dir;
  env.include_dirs = (const char *const *) st->include_dirs->pdata;
  env.n_include_dirs = st->include_dirs->len;
  env.diag = parse_diag_to_state;
  env.diag_ud = st;
  prog = src != NULL ? parse_buffer (&env, name, src, len) : parse_file (&env, name);
  if (prog == NULL)
    status = env.status == PARSE_ERR_LOAD ? NASL_ERR_LOAD : NASL_ERR_SYNTAX;
  else if (mode & NASL_RUN_LINT)
    status = eval_lint_program (st, prog) > 0 ? NASL_ERR_RUN : NASL_OK;
  else if (!(mode & NASL_RUN_PARSE_ONLY))
    {
      status = eval_run_program (st, prog, name, mode);
      end_run_data (st);
    }
  if (prog != NULL)
    ast_program_free (prog);
  parse_env_clear (&env);
  g_free (dir);
  return status;
}

nasl_status
nasl_run_file (nasl_state *st, const char *path, int mode)
{
  return parse_and_run (st, path, NULL, 0, mode);
}

nasl_status
nasl_run_buffer (nasl_state *st, const char *name, const char *src, size_t len, int mode)
{
  if (src == NULL)
    return NASL_ERR_USAGE;
  return parse_and_run (st, name != NULL ? name : "<buffer>", src, len, mode);
}

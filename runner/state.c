/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.c: --state-dir: each target's last listeners and verdicts, and what changed since. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "output.h"
#include "runner.h"

/* One file per target, in GVariant text form (readable, and read back strictly):
**   (version, time, [(proto, address, port, port_text, process, exposed)],
**    [(check_id, check_name, audit_file, result)])  */
#define STATE_VERSION 1
#define STATE_TYPE "(xxa(ayayxayayx)a(ayayayay))"
#define STATE_MAX_BYTES ((gsize) 512 * 1024 * 1024)

static char *
state_path (const runner_config *cfg, const char *target)
{
  GString *name = g_string_new (NULL);
  for (const unsigned char *c = (const unsigned char *) target; *c; c++)
    if (g_ascii_isalnum (*c) || strchr ("._-@", *c))
      g_string_append_c (name, (char) *c);
    else
      g_string_append_printf (name, "%%%02X", *c);
  g_string_append (name, ".state");
  char *path = g_build_filename (cfg->state_dir, name->str, NULL);
  g_string_free (name, TRUE);
  return path;
}

static char *
listener_key (const char *proto, const char *address, const char *port_text)
{
  return g_strdup_printf ("%s\n%s\n%s", proto, address, port_text);
}

static GVariant *
snapshot (const target_result *tr)
{
  GVariantBuilder lb, rb;
  g_variant_builder_init (&lb, G_VARIANT_TYPE ("a(ayayxayayx)"));
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      const listener *l = &g_array_index (tr->listeners, listener, i);
      g_variant_builder_add (&lb, "(^ay^ayx^ay^ayx)", l->proto, l->address, (gint64) l->port,
                             l->port_text, l->process, (gint64) l->exposed);
    }
  g_variant_builder_init (&rb, G_VARIANT_TYPE ("a(ayayayay)"));
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      g_variant_builder_add (&rb, "(^ay^ay^ay^ay)", r->check_id, r->check_name, r->audit_file,
                             r->result);
    }
  return g_variant_new ("(xx@a(ayayxayayx)@a(ayayayay))", (gint64) STATE_VERSION, tr->ended,
                        g_variant_builder_end (&lb), g_variant_builder_end (&rb));
}

/* The previous snapshot, NULL when there is none (*problem set when it is unreadable). */
static GVariant *
load (const char *path, char **problem)
{
  char *text = NULL;
  gsize len = 0;
  GError *err = NULL;
  struct stat st;
  if (stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        *problem = g_strdup_printf ("cannot read the last run's state %s: %s", path, g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || (gsize) st.st_size > STATE_MAX_BYTES)
    {
      *problem = g_strdup_printf ("the last run's state %s is not a regular file of a sane size", path);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &len, &err))
    {
      *problem = g_strdup_printf ("cannot read the last run's state: %s", err->message);
      g_error_free (err);
      return NULL;
    }
  GVariant *v = g_variant_parse (G_VARIANT_TYPE (STATE_TYPE), text, text + len, NULL, &err);
  g_free (text);
  if (!v)
    {
      *problem = g_strdup_printf ("the last run's state %s is damaged (%s); a new baseline starts now",
                                  path, err->message);
      g_error_free (err);
      return NULL;
    }
  g_variant_ref_sink (v);
  gint64 version;
  g_variant_get_child (v, 0, "x", &version);
  if (version != STATE_VERSION)
    {
      *problem = g_strdup_printf ("the last run's state %s has version %" G_GINT64_FORMAT
                                  "; a new baseline starts now",
                                  path, version);
      g_variant_unref (v);
      return NULL;
    }
  return v;
}

static void
compare (target_result *tr, GVariant *prev)
{
  target_drift *d = &tr->drift;
  GVariant *ls = g_variant_get_child_value (prev, 2), *rs = g_variant_get_child_value (prev, 3);
  GHashTable *before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GVariantIter it;
  const char *proto, *addr, *port_text, *process, *id, *name, *file, *result;
  gint64 port, exposed;

  g_variant_get_child (prev, 1, "x", &d->previous_run);
  d->have_baseline = TRUE;
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      const listener *l = &g_array_index (tr->listeners, listener, i);
      g_hash_table_add (now, listener_key (l->proto, l->address, l->port_text));
    }
  g_variant_iter_init (&it, ls);
  while (g_variant_iter_next (&it, "(^&ay^&ayx^&ay^&ayx)", &proto, &addr, &port, &port_text,
                              &process, &exposed))
    {
      char *key = listener_key (proto, addr, port_text);
      if (!g_hash_table_contains (now, key))
        {
          listener l = { 0 };
          l.proto = target_result_keep (tr, proto);
          l.address = target_result_keep (tr, addr);
          l.port = (long) port;
          l.port_text = target_result_keep (tr, port_text);
          l.process = target_result_keep (tr, process);
          l.services = l.reachable = "";
          l.pid = -1;
          l.exposed = (long) exposed;
          g_array_append_val (d->closed_listeners, l);
        }
      g_hash_table_add (before, key);
    }
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      const listener *l = &g_array_index (tr->listeners, listener, i);
      char *key = listener_key (l->proto, l->address, l->port_text);
      if (!g_hash_table_contains (before, key))
        {
          g_array_append_val (d->new_listeners, *l);
          g_hash_table_add (before, key); /* a duplicate row is new once */
        }
      else
        g_free (key);
    }

  GHashTable *verdicts = g_hash_table_new (g_str_hash, g_str_equal);
  g_variant_iter_init (&it, rs);
  while (g_variant_iter_next (&it, "(^&ay^&ay^&ay^&ay)", &id, &name, &file, &result))
    g_hash_table_insert (verdicts, (gpointer) id, (gpointer) result);
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      const char *was = g_hash_table_lookup (verdicts, r->check_id);
      if (was && strcmp (was, r->result) != 0)
        {
          drift_change c = { r->check_id, r->check_name, r->audit_file,
                             target_result_keep (tr, was), r->result };
          g_array_append_val (d->changed, c);
        }
    }
  g_hash_table_unref (verdicts);
  g_hash_table_unref (before);
  g_hash_table_unref (now);
  g_variant_unref (ls);
  g_variant_unref (rs);
}

void
state_apply (const runner_config *cfg, target_result *tr)
{
  if (!cfg->state_dir)
    return;
  target_drift *d = &tr->drift;
  d->new_listeners = g_array_new (FALSE, TRUE, sizeof (listener));
  d->closed_listeners = g_array_new (FALSE, TRUE, sizeof (listener));
  d->changed = g_array_new (FALSE, TRUE, sizeof (drift_change));
  char *path = state_path (cfg, tr->target), *problem = NULL;
  GVariant *prev = load (path, &problem);
  if (prev)
    {
      compare (tr, prev);
      g_variant_unref (prev);
    }
  /* a target that could not be audited keeps its last good baseline */
  if (target_result_state (tr) != TARGET_NOT_AUDITED)
    {
      GVariant *snap = g_variant_ref_sink (snapshot (tr));
      char *text = g_variant_print (snap, TRUE);
      GError *err = NULL;
      if (g_mkdir_with_parents (cfg->state_dir, 0700) != 0
          || !g_file_set_contents (path, text, -1, &err))
        {
          char *more = g_strdup_printf ("%s%scannot save this run's state in %s: %s",
                                        problem ? problem : "", problem ? "; " : "",
                                        cfg->state_dir, err ? err->message : g_strerror (errno));
          g_free (problem);
          problem = more;
          if (err)
            g_error_free (err);
        }
      g_free (text);
      g_variant_unref (snap);
    }
  if (problem)
    {
      d->problem = target_result_keep (tr, problem);
      g_free (problem);
    }
  g_free (path);
}

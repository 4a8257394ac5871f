/* result.c: the per-target result model, its counts, and its GVariant serialisation. */
#include "config.h"

#include <string.h>

#include "result.h"

#define LISTENER_TYPE "(sisixsb)"
#define RESULT_TYPE "(sissssssssssss)"
#define TARGET_TYPE "(ssss" "a" LISTENER_TYPE "as" "a" RESULT_TYPE "asasasas)"
/* The same type, with the arrays passed as ready-made values. */
#define TARGET_BUILD "(ssss" "@a" LISTENER_TYPE "@as" "@a" RESULT_TYPE "@as@as@as@as)"

static void
listener_free (gpointer p)
{
  listener *l = p;
  g_free (l->proto);
  g_free (l->address);
  g_free (l->process);
  g_free (l);
}

static void
check_result_free (gpointer p)
{
  check_result *r = p;
  g_free (r->audit_file);
  g_free (r->type);
  g_free (r->check_name);
  g_free (r->check_type);
  g_free (r->result);
  g_free (r->compliant);
  g_free (r->actual_value);
  g_free (r->policy_value);
  g_free (r->info);
  g_free (r->solution);
  g_free (r->reference);
  g_free (r->see_also);
  g_free (r->evidence);
  g_free (r);
}

target_result *
target_result_new (const char *target)
{
  target_result *tr = g_new0 (target_result, 1);
  tr->target = g_strdup (target);
  tr->transport = g_strdup ("");
  tr->os = g_strdup ("unknown");
  tr->listener_source = g_strdup ("");
  tr->listeners = g_ptr_array_new_with_free_func (listener_free);
  tr->tags = g_ptr_array_new_with_free_func (g_free);
  tr->results = g_ptr_array_new_with_free_func (check_result_free);
  tr->errors = g_ptr_array_new_with_free_func (g_free);
  tr->notes = g_ptr_array_new_with_free_func (g_free);
  tr->gather_log = g_ptr_array_new_with_free_func (g_free);
  tr->diagnostics = g_ptr_array_new_with_free_func (g_free);
  return tr;
}

void
target_result_free (target_result *tr)
{
  if (!tr)
    return;
  g_free (tr->target);
  g_free (tr->transport);
  g_free (tr->os);
  g_free (tr->listener_source);
  g_ptr_array_unref (tr->listeners);
  g_ptr_array_unref (tr->tags);
  g_ptr_array_unref (tr->results);
  g_ptr_array_unref (tr->errors);
  g_ptr_array_unref (tr->notes);
  g_ptr_array_unref (tr->gather_log);
  g_ptr_array_unref (tr->diagnostics);
  g_free (tr);
}

void
target_result_count (const target_result *tr, result_counts *c)
{
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      if (strcmp (r->result, "PASSED") == 0)
        c->passed++;
      else if (strcmp (r->result, "FAILED") == 0)
        c->failed++;
      else if (strcmp (r->result, "WARNING") == 0)
        c->warning++;
      else if (strcmp (r->result, "ERROR") == 0)
        c->error++;
      else
        c->other++;
    }
}

/* ---- serialisation ---------------------------------------------------- */

static const char *
nz (const char *s)
{
  return s ? s : "";
}

static GVariant *
strings_to_variant (GPtrArray *a)
{
  GVariantBuilder b;
  g_variant_builder_init (&b, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < a->len; i++)
    g_variant_builder_add (&b, "s", nz (g_ptr_array_index (a, i)));
  return g_variant_builder_end (&b);
}

static void
strings_from_variant (GVariant *v, GPtrArray *into)
{
  GVariantIter it;
  const char *s;
  g_variant_iter_init (&it, v);
  while (g_variant_iter_next (&it, "&s", &s))
    g_ptr_array_add (into, g_strdup (s));
}

GBytes *
target_result_serialize (const target_result *tr)
{
  GVariantBuilder lb, rb;
  g_variant_builder_init (&lb, G_VARIANT_TYPE ("a" LISTENER_TYPE));
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      const listener *l = g_ptr_array_index (tr->listeners, i);
      g_variant_builder_add (&lb, LISTENER_TYPE, nz (l->proto), l->family, nz (l->address),
                             l->port, (gint64) l->pid, nz (l->process), l->exposed);
    }
  g_variant_builder_init (&rb, G_VARIANT_TYPE ("a" RESULT_TYPE));
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      g_variant_builder_add (&rb, RESULT_TYPE, nz (r->audit_file), r->line, nz (r->type),
                             nz (r->check_name), nz (r->check_type), nz (r->result),
                             nz (r->compliant), nz (r->actual_value), nz (r->policy_value),
                             nz (r->info), nz (r->solution), nz (r->reference),
                             nz (r->see_also), nz (r->evidence));
    }
  GVariant *v = g_variant_new (TARGET_BUILD, nz (tr->target), nz (tr->transport), nz (tr->os),
                               nz (tr->listener_source), g_variant_builder_end (&lb),
                               strings_to_variant (tr->tags), g_variant_builder_end (&rb),
                               strings_to_variant (tr->errors),
                               strings_to_variant (tr->notes),
                               strings_to_variant (tr->gather_log),
                               strings_to_variant (tr->diagnostics));
  g_variant_ref_sink (v);
  GBytes *bytes = g_variant_get_data_as_bytes (v);
  g_variant_unref (v);
  return bytes;
}

static void
listeners_from_variant (GVariant *v, GPtrArray *into)
{
  GVariantIter it;
  const char *proto, *addr, *proc;
  int family, port;
  gint64 pid;
  gboolean exposed;
  g_variant_iter_init (&it, v);
  while (g_variant_iter_next (&it, LISTENER_TYPE, &proto, &family, &addr, &port, &pid, &proc,
                              &exposed))
    {
      listener *l = g_new0 (listener, 1);
      l->proto = (char *) proto;
      l->family = family;
      l->address = (char *) addr;
      l->port = port;
      l->pid = (long) pid;
      l->process = (char *) proc;
      l->exposed = exposed;
      g_ptr_array_add (into, l);
    }
}

static void
results_from_variant (GVariant *v, GPtrArray *into)
{
  GVariantIter it;
  check_result tmp;
  g_variant_iter_init (&it, v);
  while (g_variant_iter_next (&it, RESULT_TYPE, &tmp.audit_file, &tmp.line, &tmp.type,
                              &tmp.check_name, &tmp.check_type, &tmp.result, &tmp.compliant,
                              &tmp.actual_value, &tmp.policy_value, &tmp.info, &tmp.solution,
                              &tmp.reference, &tmp.see_also, &tmp.evidence))
    g_ptr_array_add (into, g_memdup2 (&tmp, sizeof tmp));
}

target_result *
target_result_deserialize (GBytes *bytes)
{
  GVariant *v = g_variant_new_from_bytes (G_VARIANT_TYPE (TARGET_TYPE), bytes, FALSE);
  g_variant_ref_sink (v);
  if (!g_variant_is_normal_form (v))
    {
      /* A worker that died mid-write leaves bytes that are not a whole document. */
      g_variant_unref (v);
      return NULL;
    }
  const char *target, *transport, *os, *source;
  GVariant *ls, *tags, *rs, *errs, *notes, *glog, *diags;
  g_variant_get (v, TARGET_BUILD, &target, &transport, &os, &source, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL);
  target_result *tr = target_result_new (target);
  g_free (tr->transport);
  g_free (tr->os);
  g_free (tr->listener_source);
  tr->transport = g_strdup (transport);
  tr->os = g_strdup (os);
  tr->listener_source = g_strdup (source);
  ls = g_variant_get_child_value (v, 4);
  tags = g_variant_get_child_value (v, 5);
  rs = g_variant_get_child_value (v, 6);
  errs = g_variant_get_child_value (v, 7);
  notes = g_variant_get_child_value (v, 8);
  glog = g_variant_get_child_value (v, 9);
  diags = g_variant_get_child_value (v, 10);
  listeners_from_variant (ls, tr->listeners);
  strings_from_variant (tags, tr->tags);
  results_from_variant (rs, tr->results);
  strings_from_variant (errs, tr->errors);
  strings_from_variant (notes, tr->notes);
  strings_from_variant (glog, tr->gather_log);
  strings_from_variant (diags, tr->diagnostics);
  GVariant *parts[] = { ls, tags, rs, errs, notes, glog, diags };
  for (size_t i = 0; i < G_N_ELEMENTS (parts); i++)
    g_variant_unref (parts[i]);
  g_free ((char *) target);
  g_free ((char *) transport);
  g_free ((char *) os);
  g_free ((char *) source);
  g_variant_unref (v);
  return tr;
}

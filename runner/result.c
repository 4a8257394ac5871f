/* SPDX-License-Identifier: GPL-2.0-or-later */
/* result.c: the per-target result model: construction, the runner's verdict on a target, counts. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "result.h"

static void
policy_free (gpointer p)
{
  policy_info *pi = p;
  if (pi->skipped)
    g_array_unref (pi->skipped);
  g_free (pi);
}

target_result *
target_result_new (const char *target, const char *host, const char *transport)
{
  target_result *tr = g_new0 (target_result, 1);
  tr->strings = g_string_chunk_new (4096);
  tr->target = target_result_keep (tr, target);
  tr->host = target_result_keep (tr, host);
  tr->address = "";
  tr->hostname = "";
  tr->planned_transport = target_result_keep (tr, transport);
  tr->listeners = g_array_new (FALSE, TRUE, sizeof (listener));
  tr->policies = g_ptr_array_new_with_free_func (policy_free);
  tr->results = g_ptr_array_new_with_free_func (g_free);
  tr->gather_log = g_array_new (FALSE, TRUE, sizeof (gather_line));
  tr->problems = g_ptr_array_new ();
  tr->diagnostics = g_ptr_array_new ();
  return tr;
}

void
target_result_free (target_result *tr)
{
  if (!tr)
    return;
  g_array_unref (tr->listeners);
  g_ptr_array_unref (tr->policies);
  g_ptr_array_unref (tr->results);
  g_array_unref (tr->gather_log);
  g_ptr_array_unref (tr->problems);
  g_ptr_array_unref (tr->diagnostics);
  if (tr->drift.new_listeners)
    g_array_unref (tr->drift.new_listeners);
  if (tr->drift.closed_listeners)
    g_array_unref (tr->drift.closed_listeners);
  if (tr->drift.changed)
    g_array_unref (tr->drift.changed);
  g_string_chunk_free (tr->strings);
  g_free (tr);
}

const char *
target_result_keep (target_result *tr, const char *s)
{
  return g_string_chunk_insert_const (tr->strings, s ? s : "");
}

void
target_result_problem (target_result *tr, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* bounded: a plugin calling wrongly in a loop must not grow the report forever */
  if (tr->problems->len < 1000)
    g_ptr_array_add (tr->problems, (gpointer) target_result_keep (tr, text));
  else if (tr->problems->len == 1000)
    g_ptr_array_add (tr->problems, (gpointer) target_result_keep (tr, "(further problems not shown)"));
  g_free (text);
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

static gboolean
info_not_audited (const target_result *tr)
{
  return tr->have_info && strcmp (tr->info.status, "not_audited") == 0;
}

static gboolean
policy_failed (const target_result *tr)
{
  for (guint i = 0; i < tr->policies->len; i++)
    {
      const policy_info *p = g_ptr_array_index (tr->policies, i);
      if (strcmp (p->status, "error") == 0)
        return TRUE;
    }
  return FALSE;
}

const policy_info *
target_result_policy (const target_result *tr, const char *file)
{
  for (guint i = 0; i < tr->policies->len; i++)
    {
      const policy_info *p = g_ptr_array_index (tr->policies, i);
      if (strcmp (p->file, file) == 0)
        return p;
    }
  return NULL;
}

target_state
target_result_state (const target_result *tr)
{
  if (tr->abort_reason || !tr->have_info || info_not_audited (tr))
    return TARGET_NOT_AUDITED;
  result_counts c = { 0 };
  target_result_count (tr, &c);
  if (tr->problems->len || c.error || c.warning || c.other || tr->results->len == 0
      || policy_failed (tr) || *tr->info.reason)
    return TARGET_INCOMPLETE;
  return TARGET_AUDITED;
}

const char *
target_result_reason (const target_result *tr)
{
  if (tr->abort_reason)
    return tr->abort_reason;
  if (!tr->have_info)
    return tr->finished ? "the plugins sent no target record (are the installed plugins older "
                          "than this nasl-audit?)"
                        : "the audit of this target ended before it reported anything";
  if (*tr->info.reason)
    return tr->info.reason;
  if (info_not_audited (tr))
    return "not audited (the plugins gave no reason)";
  if (tr->problems->len)
    return g_ptr_array_index (tr->problems, 0);
  return NULL;
}

const char *
target_result_reason_code (const target_result *tr)
{
  if (tr->abort_reason)
    return tr->abort_code ? tr->abort_code : "internal";
  if (tr->have_info && *tr->info.reason_code)
    return tr->info.reason_code;
  return "internal";
}

const char *
target_result_transport (const target_result *tr)
{
  return tr->have_info && *tr->info.transport ? tr->info.transport : tr->planned_transport;
}

const char *
target_result_os (const target_result *tr)
{
  return tr->have_info && *tr->info.os ? tr->info.os : "unknown";
}

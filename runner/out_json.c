/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_json.c: the report as one JSON document (schema in doc/nasl-audit.1 and doc/design.md). */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "output.h"

/* A JSON string of escaped text (esc(): no raw control bytes, valid UTF-8). */
static void
json_string (FILE *out, const char *s, unsigned flags)
{
  char *safe = esc (s, flags);
  fputc ('"', out);
  for (const char *p = safe; *p; p++)
    switch (*p)
      {
      case '"': fputs ("\\\"", out); break;
      case '\\': fputs ("\\\\", out); break;
      case '\n': fputs ("\\n", out); break;
      case '\t': fputs ("\\t", out); break;
      default: fputc (*p, out);
      }
  fputc ('"', out);
  g_free (safe);
}

static void
key_str (FILE *out, const char *key, const char *value, unsigned flags, gboolean comma)
{
  fprintf (out, "%s\"%s\":", comma ? "," : "", key);
  json_string (out, value, flags);
}

static void
key_long (FILE *out, const char *key, long value)
{
  fprintf (out, ",\"%s\":%ld", key, value);
}

/* -1 (unknown) as null */
static void
key_opt_long (FILE *out, const char *key, long value)
{
  if (value < 0)
    fprintf (out, ",\"%s\":null", key);
  else
    key_long (out, key, value);
}

static void
key_bool (FILE *out, const char *key, long value)
{
  fprintf (out, ",\"%s\":%s", key, value ? "true" : "false");
}

static void
key_time (FILE *out, const char *key, gint64 usec)
{
  if (!usec)
    {
      fprintf (out, ",\"%s\":null", key);
      return;
    }
  char *t = iso_time (usec);
  key_str (out, key, t, 0, TRUE);
  g_free (t);
}

static void
json_list (FILE *out, const char *s)
{
  /* "a,b,c" -> ["a","b","c"]; "" -> [] */
  fputc ('[', out);
  if (*s)
    {
      char **parts = g_strsplit (s, ",", -1);
      for (char **p = parts; *p; p++)
        {
          if (p != parts)
            fputc (',', out);
          json_string (out, g_strstrip (*p), 0);
        }
      g_strfreev (parts);
    }
  fputc (']', out);
}

static void
json_listener (FILE *out, const listener *l)
{
  key_str (out, "proto", l->proto, 0, FALSE);
  fprintf (out, ",\"family\":%ld", l->family);
  key_str (out, "address", l->address, 0, TRUE);
  if (l->port >= 0)
    key_long (out, "port", l->port);
  else
    fputs (",\"port\":null", out);
  key_str (out, "port_text", l->port_text, 0, TRUE);
  key_opt_long (out, "pid", l->pid);
  if (*l->process)
    key_str (out, "process", l->process, 0, TRUE);
  else
    fputs (",\"process\":null", out);
  fputs (",\"services\":", out);
  json_list (out, l->services);
  key_bool (out, "exposed", l->exposed);
  key_bool (out, "counted", l->counted);
  key_str (out, "reachable", l->reachable, 0, TRUE);
}

static void
json_listeners (FILE *out, const char *key, GArray *ls)
{
  fprintf (out, ",\"%s\":[", key);
  for (guint i = 0; i < ls->len; i++)
    {
      fputs (i ? ",{" : "{", out);
      json_listener (out, &g_array_index (ls, listener, i));
      fputc ('}', out);
    }
  fputc (']', out);
}

static void
json_counts (FILE *out, GArray *counts)
{
  fputc ('{', out);
  for (guint i = 0; counts && i < counts->len; i++)
    {
      const named_count *nc = &g_array_index (counts, named_count, i);
      if (i)
        fputc (',', out);
      json_string (out, nc->name, 0);
      fprintf (out, ":%ld", nc->count);
    }
  fputc ('}', out);
}

static void
json_policy (FILE *out, const runner_config *cfg, const policy_info *p)
{
  key_str (out, "file", p->file, 0, FALSE);
  key_str (out, "path", policies_original_path (cfg, p->path), 0, TRUE);
  key_str (out, "name", p->name, 0, TRUE);
  key_str (out, "version", p->version, 0, TRUE);
  key_str (out, "check_type", p->check_type, 0, TRUE);
  key_str (out, "status", p->status, 0, TRUE);
  key_str (out, "reason", p->reason, ESC_MULTILINE, TRUE);
  key_long (out, "items", p->items);
  fputs (",\"skipped\":", out);
  json_counts (out, p->skipped);
}

static void
json_result (FILE *out, const check_result *r)
{
  key_str (out, "check_id", r->check_id, 0, FALSE);
  key_str (out, "audit_file", r->audit_file, 0, TRUE);
  key_long (out, "line", r->line);
  key_str (out, "group", r->group, 0, TRUE);
  key_str (out, "type", r->type, 0, TRUE);
  key_str (out, "check_name", r->check_name, 0, TRUE);
  key_str (out, "check_type", r->check_type, 0, TRUE);
  key_str (out, "result", r->result, 0, TRUE);
  key_str (out, "compliant", r->compliant, 0, TRUE);
  key_str (out, "actual_value", r->actual_value, ESC_MULTILINE, TRUE);
  key_str (out, "policy_value", r->policy_value, ESC_MULTILINE, TRUE);
  key_str (out, "info", r->info, ESC_MULTILINE, TRUE);
  key_str (out, "solution", r->solution, ESC_MULTILINE, TRUE);
  key_str (out, "reference", r->reference, ESC_MULTILINE, TRUE);
  key_str (out, "see_also", r->see_also, ESC_MULTILINE, TRUE);
  key_str (out, "severity", r->severity, 0, TRUE);
  fputs (",\"ports\":", out);
  json_list (out, r->ports);
  key_str (out, "evidence", r->evidence, ESC_MULTILINE, TRUE);
  key_str (out, "note", r->note, ESC_MULTILINE, TRUE);
}

static void
json_strings (FILE *out, const char *key, GPtrArray *a)
{
  fprintf (out, ",\"%s\":[", key);
  for (guint i = 0; a && i < a->len; i++)
    {
      if (i)
        fputc (',', out);
      json_string (out, g_ptr_array_index (a, i), ESC_MULTILINE);
    }
  fputc (']', out);
}

static void
json_drift (FILE *out, const target_drift *d)
{
  fputs (",\"drift\":{\"version\":1", out);
  key_time (out, "previous_run", d->previous_run);
  if (d->problem)
    key_str (out, "problem", d->problem, ESC_MULTILINE, TRUE);
  if (d->have_baseline)
    {
      json_listeners (out, "new_listeners", d->new_listeners);
      json_listeners (out, "closed_listeners", d->closed_listeners);
      fputs (",\"changed_results\":[", out);
      for (guint i = 0; i < d->changed->len; i++)
        {
          const drift_change *c = &g_array_index (d->changed, drift_change, i);
          fputs (i ? ",{" : "{", out);
          key_str (out, "check_id", c->check_id, 0, FALSE);
          key_str (out, "check_name", c->check_name, 0, TRUE);
          key_str (out, "audit_file", c->audit_file, 0, TRUE);
          key_str (out, "was", c->was, 0, TRUE);
          key_str (out, "now", c->now, 0, TRUE);
          fputc ('}', out);
        }
      fputc (']', out);
    }
  fputc ('}', out);
}

static void
json_target (FILE *out, const runner_config *cfg, const target_result *tr)
{
  const target_info *ti = &tr->info;
  gboolean info = tr->have_info;
  target_state st = target_result_state (tr);
  fputc ('{', out);
  key_str (out, "target", tr->target, 0, FALSE);
  key_str (out, "host", tr->host, 0, TRUE);
  key_str (out, "address", tr->address, 0, TRUE);
  key_str (out, "hostname", tr->hostname, 0, TRUE);
  key_str (out, "transport", target_result_transport (tr), 0, TRUE);
  key_str (out, "login", info ? ti->login : "", 0, TRUE);
  if (info && ti->privileged >= 0)
    key_bool (out, "privileged", ti->privileged);
  else
    fputs (",\"privileged\":null", out);
  key_str (out, "os", target_result_os (tr), 0, TRUE);
  key_str (out, "os_detail", info ? ti->os_detail : "", 0, TRUE);
  key_str (out, "api", info ? ti->api : "", 0, TRUE);
  key_str (out, "status", target_state_name (st), 0, TRUE);
  const char *reason = target_result_reason (tr);
  if (!reason && st == TARGET_INCOMPLETE)
    reason = tr->results->len ? "some results could not be evaluated (ERROR or WARNING)"
                              : "nothing was evaluated on this target";
  if (reason)
    key_str (out, "reason", reason, ESC_MULTILINE, TRUE);
  else
    fputs (",\"reason\":null", out);
  if (st == TARGET_NOT_AUDITED)
    key_str (out, "reason_code", target_result_reason_code (tr), 0, TRUE);
  else
    fputs (",\"reason_code\":null", out);
  key_time (out, "started", tr->started);
  key_time (out, "ended", tr->ended);
  fprintf (out, ",\"duration\":%.3f", tr->duration);
  key_str (out, "listener_source", info ? ti->listener_source : "", 0, TRUE);
  key_str (out, "process_source", info ? ti->process_source : "", 0, TRUE);
  json_listeners (out, "listeners", tr->listeners);
  fputs (",\"policies\":[", out);
  for (guint i = 0; i < tr->policies->len; i++)
    {
      fputs (i ? ",{" : "{", out);
      json_policy (out, cfg, g_ptr_array_index (tr->policies, i));
      fputc ('}', out);
    }
  fputs ("],\"results\":[", out);
  for (guint i = 0; i < tr->results->len; i++)
    {
      fputs (i ? ",{" : "{", out);
      json_result (out, g_ptr_array_index (tr->results, i));
      fputc ('}', out);
    }
  fputc (']', out);
  result_counts c = { 0 };
  target_result_count (tr, &c);
  fprintf (out, ",\"counts\":{\"passed\":%u,\"failed\":%u,\"warning\":%u,\"error\":%u}", c.passed,
           c.failed, c.warning, c.error + c.other);
  json_strings (out, "problems", tr->problems);
  fputs (",\"gather_log\":[", out);
  for (guint i = 0; i < tr->gather_log->len; i++)
    {
      if (i)
        fputc (',', out);
      json_string (out, g_array_index (tr->gather_log, gather_line, i).line, 0);
    }
  fputc (']', out);
  if (cfg->verbose)
    json_strings (out, "diagnostics", tr->diagnostics);
  if (cfg->state_dir)
    json_drift (out, &tr->drift);
  fprintf (out, ",\"peak_rss_kb\":%ld", tr->peak_rss_kb);
  fputc ('}', out);
}

static void
json_hosts (FILE *out, const char *key, GPtrArray *hosts)
{
  fprintf (out, ",\"%s\":[", key);
  for (guint i = 0; i < hosts->len; i++)
    {
      if (i)
        fputc (',', out);
      json_string (out, g_ptr_array_index (hosts, i), 0);
    }
  fputc (']', out);
}

static void
json_summary (FILE *out, const runner_config *cfg, target_result **results, size_t n)
{
  result_counts c = { 0 };
  size_t states[3] = { 0 };
  for (size_t i = 0; i < n; i++)
    {
      target_result_count (results[i], &c);
      states[target_result_state (results[i])]++;
    }
  fprintf (out, ",\"summary\":{\"targets\":%zu,\"audited\":%zu,\"incomplete\":%zu,"
                "\"not_audited\":%zu,\"passed\":%u,\"failed\":%u,\"warning\":%u,\"error\":%u",
           n, states[TARGET_AUDITED], states[TARGET_INCOMPLETE], states[TARGET_NOT_AUDITED],
           c.passed, c.failed, c.warning, c.error + c.other);
  fprintf (out, ",\"exit_status\":%d", runner_exit_status (cfg, results, n));
  fputs (",\"skipped\":", out);
  GArray *skipped = skipped_by_type (results, n);
  json_counts (out, skipped);
  g_array_unref (skipped);
  fputs (",\"open_ports\":[", out);
  GPtrArray *ports = fleet_ports (results, n);
  for (guint i = 0; i < ports->len; i++)
    {
      const fleet_port *fp = g_ptr_array_index (ports, i);
      fputs (i ? ",{" : "{", out);
      char *port = fp->port >= 0 ? g_strdup_printf ("%ld/%s", fp->port, fp->proto)
                                 : g_strdup_printf ("%s/%s", fp->port_text, fp->proto);
      key_str (out, "port", port, 0, FALSE);
      g_free (port);
      fprintf (out, ",\"targets\":%u", fp->exposed->len);
      json_hosts (out, "exposed_on", fp->exposed);
      json_hosts (out, "loopback_on", fp->loopback);
      fputc ('}', out);
    }
  g_ptr_array_unref (ports);
  fputs ("]}", out);
}

int
output_json (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
             size_t n)
{
  fputs ("{\"tool\":{\"name\":\"nasl-audit\",\"version\":\"" PACKAGE_VERSION "\"}", out);
  key_time (out, "started", run->started);
  key_time (out, "ended", run->ended);
  fprintf (out, ",\"duration\":%.3f", run->duration);
  fputs (",\"policies\":[", out);
  for (guint i = 0; cfg->policies && i < cfg->policies->len; i++)
    {
      const policy_input *pi = g_ptr_array_index (cfg->policies, i);
      fputs (i ? ",{" : "{", out);
      key_str (out, "file", pi->display, 0, FALSE);
      key_str (out, "path", pi->path, 0, TRUE);
      fputc ('}', out);
    }
  fputc (']', out);
  json_strings (out, "policy_problems", cfg->policy_problems);
  fputs (",\"targets\":[", out);
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        fputc (',', out);
      json_target (out, cfg, results[i]);
    }
  fputc (']', out);
  json_summary (out, cfg, results, n);
  /* the runner's own peak memory, beside each worker's peak_rss_kb */
  struct rusage ru = { 0 };
  getrusage (RUSAGE_SELF, &ru);
  fprintf (out, ",\"peak_rss_kb\":%ld}\n", ru.ru_maxrss);
  return 0;
}

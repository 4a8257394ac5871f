/* output.c: the runner's reports: text for people, one JSON document for programs, and the exit status. */
#include "config.h"

#include <string.h>

#include "runner.h"

int
runner_exit_status (target_result **results, size_t n)
{
  result_counts c = { 0 };
  size_t errors = 0;
  for (size_t i = 0; i < n; i++)
    {
      target_result_count (results[i], &c);
      errors += results[i]->errors->len;
    }
  if (c.failed > 0)
    return RUNNER_EXIT_FAILED;
  if (c.error > 0 || c.warning > 0 || c.other > 0 || errors > 0)
    return RUNNER_EXIT_INCOMPLETE;
  return RUNNER_EXIT_PASSED;
}

/* ---- fleet summary: open ports ranked by how many targets have them ---- */

typedef struct port_count {
  char *port; /* "22/tcp" */
  unsigned targets;
} port_count;

static gint
by_count_then_port (gconstpointer a, gconstpointer b)
{
  const port_count *x = *(port_count *const *) a, *y = *(port_count *const *) b;
  if (x->targets != y->targets)
    return x->targets > y->targets ? -1 : 1;
  return g_strcmp0 (x->port, y->port);
}

static void
port_count_free (gpointer p)
{
  port_count *pc = p;
  g_free (pc->port);
  g_free (pc);
}

/* Exposed ports per target, counted once per target. */
static GPtrArray *
rank_ports (target_result **results, size_t n)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ranked = g_ptr_array_new_with_free_func (port_count_free);
  for (size_t i = 0; i < n; i++)
    {
      GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint j = 0; j < results[i]->listeners->len; j++)
        {
          const listener *l = g_ptr_array_index (results[i]->listeners, j);
          if (!l->exposed)
            continue;
          char *key = l->port >= 0 ? g_strdup_printf ("%d/%s", l->port, l->proto)
                                   : g_strdup_printf ("?/%s", l->proto);
          if (!g_hash_table_add (seen, key))
            continue;
          port_count *pc = g_hash_table_lookup (counts, key);
          if (!pc)
            {
              pc = g_new0 (port_count, 1);
              pc->port = g_strdup (key);
              g_hash_table_insert (counts, pc->port, pc);
              g_ptr_array_add (ranked, pc);
            }
          pc->targets++;
        }
      g_hash_table_unref (seen);
    }
  g_hash_table_unref (counts);
  g_ptr_array_sort (ranked, by_count_then_port);
  return ranked;
}

/* ---- text --------------------------------------------------------------- */

static void
print_indented (FILE *out, const char *text, const char *indent)
{
  char **lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    if (**l)
      fprintf (out, "%s%s\n", indent, *l);
  g_strfreev (lines);
}

static void
text_listeners (FILE *out, const target_result *tr)
{
  for (int exposed = 1; exposed >= 0; exposed--)
    {
      GString *line = g_string_new (NULL);
      for (guint i = 0; i < tr->listeners->len; i++)
        {
          const listener *l = g_ptr_array_index (tr->listeners, i);
          if (l->exposed != exposed)
            continue;
          g_string_append_printf (line, "%s%d/%s", line->len ? ", " : "", l->port, l->proto);
          if (*l->process)
            g_string_append_printf (line, " (%s)", l->process);
        }
      fprintf (out, "  %s: %s\n", exposed ? "Exposed listeners" : "Loopback-only listeners",
               line->len ? line->str : "none");
      g_string_free (line, TRUE);
    }
}

static void
text_target (FILE *out, const runner_config *cfg, const target_result *tr)
{
  fprintf (out, "== %s (%s, %s)\n", tr->target, tr->transport, tr->os);
  if (*tr->listener_source)
    fprintf (out, "  Listeners from: %s\n", tr->listener_source);
  text_listeners (out, tr);
  fprintf (out, "  Tags: Open Ports:");
  for (guint i = 0; i < tr->tags->len; i++)
    fprintf (out, "%s %s", i ? "," : "", (char *) g_ptr_array_index (tr->tags, i));
  fprintf (out, "%s\n", tr->tags->len ? "" : " none");

  const char *file = NULL;
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      if (!file || strcmp (file, r->audit_file) != 0)
        {
          file = r->audit_file;
          fprintf (out, "\n  %s\n", file);
        }
      fprintf (out, "    %-7s line %-4d %s\n", r->result, r->line, r->check_name);
      if (*r->actual_value)
        print_indented (out, r->actual_value, "                   ");
      if (cfg->verbose && *r->evidence)
        print_indented (out, r->evidence, "                   | ");
    }
  for (guint i = 0; i < tr->notes->len; i++)
    {
      fprintf (out, "\n  note: ");
      print_indented (out, g_ptr_array_index (tr->notes, i), i ? "  " : "");
    }
  for (guint i = 0; i < tr->errors->len; i++)
    fprintf (out, "\n  ERROR: %s\n", (char *) g_ptr_array_index (tr->errors, i));
  if (cfg->verbose)
    {
      for (guint i = 0; i < tr->gather_log->len; i++)
        fprintf (out, "  gather: %s\n", (char *) g_ptr_array_index (tr->gather_log, i));
      for (guint i = 0; i < tr->diagnostics->len; i++)
        fprintf (out, "  diagnostic: %s\n", (char *) g_ptr_array_index (tr->diagnostics, i));
    }
  fputc ('\n', out);
}

void
output_text (FILE *out, const runner_config *cfg, target_result **results, size_t n)
{
  result_counts c = { 0 };
  size_t with_errors = 0;
  for (size_t i = 0; i < n; i++)
    {
      text_target (out, cfg, results[i]);
      target_result_count (results[i], &c);
      with_errors += results[i]->errors->len > 0;
    }
  fprintf (out, "== Summary\n");
  fprintf (out, "  Targets: %zu (%zu could not be fully audited)\n", n, with_errors);
  fprintf (out, "  Results: %u PASSED, %u FAILED, %u WARNING, %u ERROR\n", c.passed, c.failed,
           c.warning, c.error + c.other);
  GPtrArray *ranked = rank_ports (results, n);
  fprintf (out, "  Exposed ports by number of targets:%s\n", ranked->len ? "" : " none");
  for (guint i = 0; i < ranked->len; i++)
    {
      const port_count *pc = g_ptr_array_index (ranked, i);
      fprintf (out, "    %-12s %u\n", pc->port, pc->targets);
    }
  g_ptr_array_unref (ranked);
}

/* ---- JSON --------------------------------------------------------------- */

static void
json_string (FILE *out, const char *s)
{
  fputc ('"', out);
  for (const unsigned char *p = (const unsigned char *) s; p && *p; p++)
    {
      switch (*p)
        {
        case '"': fputs ("\\\"", out); break;
        case '\\': fputs ("\\\\", out); break;
        case '\n': fputs ("\\n", out); break;
        case '\r': fputs ("\\r", out); break;
        case '\t': fputs ("\\t", out); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            fprintf (out, "\\u%04x", *p);
          else
            fputc (*p, out);
        }
    }
  fputc ('"', out);
}

/* Invalid UTF-8 from a remote host must not make the document invalid. */
static void
json_text (FILE *out, const char *s)
{
  if (!s || g_utf8_validate (s, -1, NULL))
    {
      json_string (out, s ? s : "");
      return;
    }
  char *fixed = g_utf8_make_valid (s, -1);
  json_string (out, fixed);
  g_free (fixed);
}

static void
json_key (FILE *out, const char *key, const char *value, int comma)
{
  fprintf (out, "%s\"%s\":", comma ? "," : "", key);
  json_text (out, value);
}

static void
json_strings (FILE *out, const char *key, GPtrArray *a)
{
  fprintf (out, ",\"%s\":[", key);
  for (guint i = 0; i < a->len; i++)
    {
      if (i)
        fputc (',', out);
      json_text (out, g_ptr_array_index (a, i));
    }
  fputc (']', out);
}

static void
json_listener (FILE *out, const listener *l)
{
  fputc ('{', out);
  json_key (out, "proto", l->proto, 0);
  fprintf (out, ",\"family\":%d", l->family);
  json_key (out, "address", l->address, 1);
  if (l->port >= 0)
    fprintf (out, ",\"port\":%d", l->port);
  else
    fputs (",\"port\":null", out);
  if (l->pid >= 0)
    fprintf (out, ",\"pid\":%ld", l->pid);
  else
    fputs (",\"pid\":null", out);
  if (*l->process)
    json_key (out, "process", l->process, 1);
  else
    fputs (",\"process\":null", out);
  fprintf (out, ",\"exposed\":%s}", l->exposed ? "true" : "false");
}

static void
json_result (FILE *out, const check_result *r)
{
  fputc ('{', out);
  json_key (out, "audit_file", r->audit_file, 0);
  fprintf (out, ",\"line\":%d", r->line);
  json_key (out, "type", r->type, 1);
  json_key (out, "check_name", r->check_name, 1);
  json_key (out, "check_type", r->check_type, 1);
  json_key (out, "result", r->result, 1);
  json_key (out, "compliant", r->compliant, 1);
  json_key (out, "actual_value", r->actual_value, 1);
  json_key (out, "policy_value", r->policy_value, 1);
  json_key (out, "info", r->info, 1);
  json_key (out, "solution", r->solution, 1);
  json_key (out, "reference", r->reference, 1);
  json_key (out, "see_also", r->see_also, 1);
  json_key (out, "evidence", r->evidence, 1);
  fputc ('}', out);
}

static void
json_target (FILE *out, const target_result *tr)
{
  fputc ('{', out);
  json_key (out, "target", tr->target, 0);
  json_key (out, "transport", tr->transport, 1);
  json_key (out, "os", tr->os, 1);
  json_key (out, "listener_source", tr->listener_source, 1);
  fputs (",\"open_ports\":[", out);
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      if (i)
        fputc (',', out);
      json_listener (out, g_ptr_array_index (tr->listeners, i));
    }
  fputc (']', out);
  json_strings (out, "tags", tr->tags);
  fputs (",\"results\":[", out);
  for (guint i = 0; i < tr->results->len; i++)
    {
      if (i)
        fputc (',', out);
      json_result (out, g_ptr_array_index (tr->results, i));
    }
  fputc (']', out);
  json_strings (out, "errors", tr->errors);
  json_strings (out, "notes", tr->notes);
  json_strings (out, "gather_log", tr->gather_log);
  fputc ('}', out);
}

void
output_json (FILE *out, const runner_config *cfg, target_result **results, size_t n)
{
  (void) cfg;
  result_counts c = { 0 };
  fputs ("{\"targets\":[", out);
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        fputc (',', out);
      json_target (out, results[i]);
      target_result_count (results[i], &c);
    }
  fprintf (out, "],\"summary\":{\"targets\":%zu,\"passed\":%u,\"failed\":%u,\"warning\":%u,"
                "\"error\":%u,\"exit_status\":%d,\"open_ports\":[",
           n, c.passed, c.failed, c.warning, c.error + c.other, runner_exit_status (results, n));
  GPtrArray *ranked = rank_ports (results, n);
  for (guint i = 0; i < ranked->len; i++)
    {
      const port_count *pc = g_ptr_array_index (ranked, i);
      fprintf (out, "%s{\"port\":", i ? "," : "");
      json_string (out, pc->port);
      fprintf (out, ",\"targets\":%u}", pc->targets);
    }
  g_ptr_array_unref (ranked);
  fputs ("]}}\n", out);
}

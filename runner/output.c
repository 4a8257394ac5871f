/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output.c: the exit status, what every report shares (fleet ports, skipped counts), and the text report. */
#include "config.h"

#include <string.h>

#include "output.h"

/* ---- verdict ----------------------------------------------------------------- */

int
runner_exit_status (const runner_config *cfg, target_result **results, size_t n)
{
  result_counts c = { 0 };
  gboolean incomplete = cfg->policy_problems && cfg->policy_problems->len > 0;
  for (size_t i = 0; i < n; i++)
    {
      target_result_count (results[i], &c);
      if (target_result_state (results[i]) != TARGET_AUDITED)
        incomplete = TRUE;
    }
  if (c.failed > 0)
    return RUNNER_EXIT_FAILED;
  if (incomplete || n == 0)
    return RUNNER_EXIT_INCOMPLETE;
  return RUNNER_EXIT_PASSED;
}

const char *
target_state_name (target_state s)
{
  switch (s)
    {
    case TARGET_AUDITED: return "audited";
    case TARGET_INCOMPLETE: return "incomplete";
    default: return "not_audited";
    }
}

char *
iso_time (gint64 usec)
{
  GDateTime *dt = g_date_time_new_from_unix_utc (usec / 1000000);
  char *s = dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
  if (dt)
    g_date_time_unref (dt);
  return s;
}

char *
listener_port (const listener *l)
{
  if (l->port >= 0)
    return g_strdup_printf ("%ld/%s", l->port, l->proto);
  return g_strdup_printf ("%s/%s", *l->port_text ? l->port_text : "?", l->proto);
}

/* ---- fleet ports ------------------------------------------------------------- */

static void
fleet_port_free (gpointer p)
{
  fleet_port *fp = p;
  g_ptr_array_unref (fp->exposed);
  g_ptr_array_unref (fp->loopback);
  g_free (fp);
}

static gint
by_port (gconstpointer a, gconstpointer b)
{
  const fleet_port *x = *(fleet_port *const *) a, *y = *(fleet_port *const *) b;
  if ((x->port < 0) != (y->port < 0))
    return x->port < 0 ? 1 : -1;
  if (x->port != y->port)
    return x->port < y->port ? -1 : 1;
  int c = strcmp (x->port_text, y->port_text);
  return c ? c : strcmp (x->proto, y->proto);
}

static void
add_host (GPtrArray *hosts, const char *name)
{
  if (hosts->len == 0 || g_ptr_array_index (hosts, hosts->len - 1) != name)
    g_ptr_array_add (hosts, (gpointer) name);
}

GPtrArray *
fleet_ports (target_result **results, size_t n)
{
  GHashTable *by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *ports = g_ptr_array_new_with_free_func (fleet_port_free);
  for (size_t i = 0; i < n; i++)
    {
      const target_result *tr = results[i];
      for (guint j = 0; j < tr->listeners->len; j++)
        {
          const listener *l = &g_array_index (tr->listeners, listener, j);
          char *key = listener_port (l);
          fleet_port *fp = g_hash_table_lookup (by_key, key);
          if (!fp)
            {
              fp = g_new0 (fleet_port, 1);
              fp->port = l->port;
              fp->port_text = l->port_text;
              fp->proto = l->proto;
              fp->exposed = g_ptr_array_new ();
              fp->loopback = g_ptr_array_new ();
              g_hash_table_insert (by_key, key, fp);
              g_ptr_array_add (ports, fp);
            }
          else
            g_free (key);
          add_host (l->exposed ? fp->exposed : fp->loopback, tr->target);
        }
    }
  /* a target with the port both exposed and on loopback counts as exposed */
  for (guint i = 0; i < ports->len; i++)
    {
      fleet_port *fp = g_ptr_array_index (ports, i);
      for (guint j = 0; j < fp->loopback->len;)
        if (g_ptr_array_find (fp->exposed, g_ptr_array_index (fp->loopback, j), NULL))
          g_ptr_array_remove_index (fp->loopback, j);
        else
          j++;
    }
  g_hash_table_unref (by_key);
  g_ptr_array_sort (ports, by_port);
  return ports;
}

/* ---- skipped items ----------------------------------------------------------- */

static gint
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (((const named_count *) a)->name, ((const named_count *) b)->name);
}

GArray *
skipped_by_type (target_result **results, size_t n)
{
  /* a policy file run on many targets skips the same items on each: count it once */
  GHashTable *per_file_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *totals = g_hash_table_new (g_str_hash, g_str_equal);
  for (size_t i = 0; i < n; i++)
    for (guint j = 0; j < results[i]->policies->len; j++)
      {
        const policy_info *p = g_ptr_array_index (results[i]->policies, j);
        for (guint k = 0; p->skipped && k < p->skipped->len; k++)
          {
            const named_count *nc = &g_array_index (p->skipped, named_count, k);
            char *key = g_strdup_printf ("%s\n%s", p->file, nc->name);
            long seen = GPOINTER_TO_SIZE (g_hash_table_lookup (per_file_type, key));
            if (nc->count > seen)
              {
                long total = GPOINTER_TO_SIZE (g_hash_table_lookup (totals, nc->name));
                g_hash_table_insert (totals, (gpointer) nc->name,
                                     GSIZE_TO_POINTER ((gsize) (total + nc->count - seen)));
                g_hash_table_insert (per_file_type, key, GSIZE_TO_POINTER ((gsize) nc->count));
              }
            else
              g_free (key);
          }
      }
  GArray *out = g_array_new (FALSE, TRUE, sizeof (named_count));
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, totals);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      named_count nc = { k, (long) GPOINTER_TO_SIZE (v) };
      g_array_append_val (out, nc);
    }
  g_array_sort (out, by_name);
  g_hash_table_unref (per_file_type);
  g_hash_table_unref (totals);
  return out;
}

/* ---- text ------------------------------------------------------------------- */

#define TEXT_WIDTH 100
#define TEXT_FIELD_MAX 2000

/* Prints 'text' (escaped) as lines of at most TEXT_WIDTH columns: the first
** after 'label', the others under it; at most TEXT_FIELD_MAX characters. */
static void
text_field (FILE *out, const char *indent, const char *label, const char *text, unsigned flags)
{
  char *safe = esc (text, flags);
  glong chars = g_utf8_strlen (safe, -1);
  GString *shown = g_string_new (NULL);
  if (chars > TEXT_FIELD_MAX)
    {
      const char *cut = g_utf8_offset_to_pointer (safe, TEXT_FIELD_MAX);
      g_string_append_len (shown, safe, cut - safe);
      g_string_append_printf (shown, " ... (%ld more characters; see --format json)",
                              chars - TEXT_FIELD_MAX);
    }
  else
    g_string_append (shown, safe);
  g_free (safe);

  size_t pad = strlen (indent) + strlen (label);
  size_t width = TEXT_WIDTH > pad + 20 ? TEXT_WIDTH - pad : 20;
  gboolean first = TRUE;
  char **lines = g_strsplit (shown->str, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      const char *p = *l;
      if (!*p && !first)
        continue;
      do
        {
          /* take up to 'width' characters, breaking at the last space if any */
          const char *end = p;
          const char *space = NULL;
          size_t n = 0;
          while (*end && n < width)
            {
              if (*end == ' ')
                space = end;
              end = g_utf8_next_char (end);
              n++;
            }
          if (*end && space && space > p)
            end = space;
          fprintf (out, "%s%*s%.*s\n", indent, (int) strlen (label),
                   first ? label : "", (int) (end - p), p);
          first = FALSE;
          p = end;
          while (*p == ' ')
            p++;
        }
      while (*p);
    }
  g_strfreev (lines);
  g_string_free (shown, TRUE);
}

/* "22/tcp sshd, 80/tcp nginx, ..." for exposed or loopback-only listeners. */
static void
text_listeners (FILE *out, const target_result *tr, gboolean exposed, const char *label)
{
  GString *line = g_string_new (NULL);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      const listener *l = &g_array_index (tr->listeners, listener, i);
      if ((l->exposed != 0) != exposed)
        continue;
      char *port = listener_port (l);
      char *item = *l->process ? g_strdup_printf ("%s %s", port, l->process) : g_strdup (port);
      g_free (port);
      if (g_hash_table_add (seen, item))
        g_string_append_printf (line, "%s%s", line->len ? ", " : "", item);
    }
  text_field (out, "   ", label, line->len ? line->str : "none", 0);
  g_hash_table_unref (seen);
  g_string_free (line, TRUE);
}

static void
text_drift (FILE *out, const target_result *tr)
{
  const target_drift *d = &tr->drift;
  if (d->problem)
    text_field (out, "   ", "Changes: ", d->problem, ESC_MULTILINE);
  if (!d->have_baseline)
    return;
  char *when = iso_time (d->previous_run);
  GString *s = g_string_new (NULL);
  for (int closed = 0; closed <= 1; closed++)
    {
      GArray *a = closed ? d->closed_listeners : d->new_listeners;
      g_string_append (s, closed ? "; closed: " : "new: ");
      for (guint i = 0; i < a->len; i++)
        {
          const listener *l = &g_array_index (a, listener, i);
          char *port = listener_port (l);
          g_string_append_printf (s, "%s%s on %s%s%s", i ? ", " : "", port, l->address,
                                  *l->process ? " " : "", l->process);
          g_free (port);
        }
      if (!a->len)
        g_string_append (s, "none");
    }
  g_string_append (s, "; verdicts changed: ");
  for (guint i = 0; i < d->changed->len; i++)
    {
      const drift_change *c = &g_array_index (d->changed, drift_change, i);
      g_string_append_printf (s, "%s\"%s\" %s -> %s", i ? ", " : "", c->check_name, c->was, c->now);
    }
  if (!d->changed->len)
    g_string_append (s, "none");
  char *label = g_strdup_printf ("Since %s: ", when);
  text_field (out, "   ", label, s->str, 0);
  g_free (label);
  g_free (when);
  g_string_free (s, TRUE);
}

static void
text_results (FILE *out, const runner_config *cfg, const target_result *tr)
{
  const char *file = NULL, *group = NULL;
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      if (!file || strcmp (file, r->audit_file) != 0)
        {
          file = r->audit_file;
          group = NULL;
          GString *head = g_string_new (file);
          const policy_info *p = target_result_policy (tr, file);
          if (p && *p->name)
            g_string_append_printf (head, " (%s%s%s)", p->name, *p->version ? " " : "", p->version);
          text_field (out, "   ", "Policy file: ", head->str, 0);
          g_string_free (head, TRUE);
        }
      if (*r->group && (!group || strcmp (group, r->group) != 0))
        {
          group = r->group;
          text_field (out, "     ", "group: ", group, 0);
        }
      char *lead = g_strdup_printf ("%-7s line %-5ld ", r->result, r->line);
      text_field (out, "     ", lead, r->check_name, 0);
      g_free (lead);
      gboolean passed = strcmp (r->result, "PASSED") == 0;
      if (*r->actual_value)
        text_field (out, "             ", "actual:   ", r->actual_value, ESC_MULTILINE);
      if (!passed && *r->policy_value)
        text_field (out, "             ", "policy:   ", r->policy_value, ESC_MULTILINE);
      if (strcmp (r->result, "FAILED") == 0 && *r->solution)
        text_field (out, "             ", "solution: ", r->solution, ESC_MULTILINE);
      if (*r->note)
        text_field (out, "             ", "note:     ", r->note, ESC_MULTILINE);
      if (cfg->verbose && *r->evidence)
        text_field (out, "             ", "evidence: ", r->evidence, ESC_MULTILINE);
    }
}

static void
text_policies (FILE *out, const target_result *tr)
{
  for (guint i = 0; i < tr->policies->len; i++)
    {
      const policy_info *p = g_ptr_array_index (tr->policies, i);
      GString *s = g_string_new (NULL);
      if (strcmp (p->status, "not_applicable") == 0)
        g_string_printf (s, "%s: not applicable (check_type %s; this target is %s)%s%s", p->file,
                         *p->check_type ? p->check_type : "?", target_result_os (tr),
                         *p->reason ? ": " : "", p->reason);
      else if (strcmp (p->status, "error") == 0)
        g_string_printf (s, "%s: ERROR: %s", p->file, *p->reason ? p->reason : "(no reason given)");
      else if (p->items == 0)
        g_string_printf (s, "%s: no item evaluated%s%s", p->file, *p->reason ? ": " : "", p->reason);
      else if (*p->reason) /* ran, and says what it did not run (blocks for another OS) */
        g_string_printf (s, "%s: %s", p->file, p->reason);
      for (guint k = 0; p->skipped && k < p->skipped->len; k++)
        {
          const named_count *nc = &g_array_index (p->skipped, named_count, k);
          if (!s->len)
            g_string_printf (s, "%s: items skipped (types this engine does not implement):", p->file);
          else if (k == 0)
            g_string_append (s, "; items skipped (types this engine does not implement):");
          g_string_append_printf (s, "%s %s %ld", k ? "," : "", nc->name, nc->count);
        }
      if (s->len)
        text_field (out, "   ", "Policy: ", s->str, ESC_MULTILINE);
      g_string_free (s, TRUE);
    }
}

static void
text_target (FILE *out, const runner_config *cfg, const target_result *tr)
{
  target_state st = target_result_state (tr);
  GString *head = g_string_new (NULL);
  g_string_append_printf (head, "%s (", tr->target);
  if (*tr->address && strcmp (tr->address, tr->host) != 0)
    g_string_append_printf (head, "%s, ", tr->address);
  g_string_append (head, target_result_transport (tr));
  if (tr->have_info && *tr->info.login)
    g_string_append_printf (head, " as %s", tr->info.login);
  g_string_append_printf (head, ", %s", target_result_os (tr));
  if (tr->have_info && *tr->info.os_detail)
    g_string_append_printf (head, ": %s", tr->info.os_detail);
  g_string_append (head, ")");
  fputc ('\n', out);
  text_field (out, "", "== ", head->str, 0);
  g_string_free (head, TRUE);

  if (st == TARGET_NOT_AUDITED)
    {
      char *why = g_strdup_printf ("%s (%s)", target_result_reason (tr), target_result_reason_code (tr));
      text_field (out, "   ", "NOT AUDITED: ", why, ESC_MULTILINE);
      g_free (why);
    }
  if (tr->have_info && *tr->info.listener_source)
    {
      char *src = g_strdup_printf ("%s%s%s", tr->info.listener_source,
                                   *tr->info.process_source ? "; processes from: " : "",
                                   tr->info.process_source);
      text_field (out, "   ", "Listeners from: ", src, 0);
      g_free (src);
    }
  if (tr->have_info && tr->info.privileged == 0)
    text_field (out, "   ", "Note: ", "the login is not privileged: process owners may be unknown", 0);
  if (st != TARGET_NOT_AUDITED || tr->listeners->len)
    {
      text_listeners (out, tr, TRUE, "Open ports: ");
      text_listeners (out, tr, FALSE, "Loopback only: ");
    }
  text_drift (out, tr);
  text_results (out, cfg, tr);
  text_policies (out, tr);
  if (st == TARGET_INCOMPLETE)
    {
      result_counts c = { 0 };
      target_result_count (tr, &c);
      const char *why = tr->info.reason;
      char *owned = NULL;
      if (!*why && tr->results->len == 0)
        why = "nothing was evaluated on this target";
      else if (!*why && c.error + c.warning + c.other)
        why = owned = g_strdup_printf ("%u result(s) could not be evaluated (ERROR or WARNING)",
                                       c.error + c.warning + c.other);
      else if (!*why)
        why = "see the problems below";
      text_field (out, "   ", "NOT FULLY AUDITED: ", why, ESC_MULTILINE);
      g_free (owned);
    }
  for (guint i = 0; i < tr->problems->len; i++)
    text_field (out, "   ", "PROBLEM: ", g_ptr_array_index (tr->problems, i), ESC_MULTILINE);
  if (cfg->verbose)
    {
      for (guint i = 0; i < tr->gather_log->len; i++)
        text_field (out, "   ", "gather: ", g_array_index (tr->gather_log, gather_line, i).line, 0);
      for (guint i = 0; i < tr->diagnostics->len; i++)
        text_field (out, "   ", "diagnostic: ", g_ptr_array_index (tr->diagnostics, i), ESC_MULTILINE);
    }
}

static void
text_hosts (GString *s, GPtrArray *hosts)
{
  for (guint i = 0; i < hosts->len && i < 10; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (hosts, i));
  if (hosts->len > 10)
    g_string_append_printf (s, " and %u more", hosts->len - 10);
}

static void
text_summary (FILE *out, const runner_config *cfg, target_result **results, size_t n)
{
  result_counts c = { 0 };
  size_t states[3] = { 0 };
  for (size_t i = 0; i < n; i++)
    {
      target_result_count (results[i], &c);
      states[target_result_state (results[i])]++;
    }
  fprintf (out, "\n== Summary\n");
  fprintf (out, "  Targets: %zu: %zu audited, %zu could not be fully audited, %zu not audited\n", n,
           states[TARGET_AUDITED], states[TARGET_INCOMPLETE], states[TARGET_NOT_AUDITED]);
  fprintf (out, "  Results: %u PASSED, %u FAILED, %u WARNING, %u ERROR\n", c.passed, c.failed,
           c.warning, c.error + c.other);
  GArray *skipped = skipped_by_type (results, n);
  if (skipped->len)
    {
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < skipped->len; i++)
        {
          const named_count *nc = &g_array_index (skipped, named_count, i);
          g_string_append_printf (s, "%s%s %ld", i ? ", " : "", nc->name, nc->count);
        }
      text_field (out, "  ", "Skipped items (not implemented): ", s->str, 0);
      g_string_free (s, TRUE);
    }
  g_array_unref (skipped);
  for (size_t i = 0; i < n; i++)
    if (target_result_state (results[i]) == TARGET_NOT_AUDITED)
      {
        char *label = g_strdup_printf ("Not audited: %s: ", results[i]->target);
        char *why = g_strdup_printf ("%s (%s)", target_result_reason (results[i]),
                                     target_result_reason_code (results[i]));
        text_field (out, "  ", label, why, 0);
        g_free (why);
        g_free (label);
      }
  for (guint i = 0; cfg->policy_problems && i < cfg->policy_problems->len; i++)
    text_field (out, "  ", "Policy not run: ", g_ptr_array_index (cfg->policy_problems, i), 0);
  GPtrArray *ports = fleet_ports (results, n);
  guint shown = 0;
  fprintf (out, "  Open ports (exposed) and the targets that have them:\n");
  for (guint i = 0; i < ports->len; i++)
    {
      const fleet_port *fp = g_ptr_array_index (ports, i);
      if (!fp->exposed->len)
        continue;
      GString *s = g_string_new (NULL);
      g_string_append_printf (s, "%u: ", fp->exposed->len);
      text_hosts (s, fp->exposed);
      char *port = fp->port >= 0 ? g_strdup_printf ("%ld/%s", fp->port, fp->proto)
                                 : g_strdup_printf ("%s/%s", fp->port_text, fp->proto);
      char *label = g_strdup_printf ("%-12s ", port);
      text_field (out, "    ", label, s->str, 0);
      g_free (label);
      g_free (port);
      g_string_free (s, TRUE);
      shown++;
    }
  if (!shown)
    fprintf (out, "    none\n");
  g_ptr_array_unref (ports);
}

int
output_text (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
             size_t n)
{
  (void) run;
  for (size_t i = 0; i < n; i++)
    text_target (out, cfg, results[i]);
  text_summary (out, cfg, results, n);
  return 0;
}

/* ---- XML text (nessus, junit, html) ---------------------------------------- */

void
xml_text (FILE *out, const char *s, unsigned flags)
{
  char *safe = esc (s, flags);
  for (const char *p = safe; *p; p++)
    switch (*p)
      {
      case '&': fputs ("&amp;", out); break;
      case '<': fputs ("&lt;", out); break;
      case '>': fputs ("&gt;", out); break;
      case '"': fputs ("&quot;", out); break;
      case '\'': fputs ("&#39;", out); break;
      default: fputc (*p, out);
      }
  g_free (safe);
}

/* ---- dispatch ----------------------------------------------------------------- */

static gint
by_listener (gconstpointer a, gconstpointer b)
{
  const listener *x = a, *y = b;
  int c = strcmp (x->proto, y->proto);
  if (c)
    return c;
  if ((x->port < 0) != (y->port < 0))
    return x->port < 0 ? 1 : -1;
  if (x->port != y->port)
    return x->port < y->port ? -1 : 1;
  c = strcmp (x->port_text, y->port_text);
  return c ? c : strcmp (x->address, y->address);
}

int
output_report (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
               size_t n)
{
  for (size_t i = 0; i < n; i++)
    g_array_sort (results[i]->listeners, by_listener);
  int rc;
  switch (cfg->format)
    {
    case FORMAT_JSON: rc = output_json (out, cfg, run, results, n); break;
    case FORMAT_CSV: rc = output_csv (out, cfg, run, results, n); break;
    case FORMAT_JUNIT: rc = output_junit (out, cfg, run, results, n); break;
    case FORMAT_NESSUS: rc = output_nessus (out, cfg, run, results, n); break;
    case FORMAT_HTML: rc = output_html (out, cfg, run, results, n); break;
    default: rc = output_text (out, cfg, run, results, n); break;
    }
  if (fflush (out) != 0 || ferror (out))
    return -1;
  return rc;
}

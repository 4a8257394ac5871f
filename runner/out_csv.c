/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_csv.c: one CSV row per result (RFC 4180), plus one row per target that was not audited. */
#include "config.h"

#include <string.h>

#include "output.h"

/* A field: escaped text, quoted when it holds a comma, quote or line break;
** a leading = + - @ (a formula to spreadsheets) is neutralised with a '. */
static void
csv_field (FILE *out, const char *s, gboolean last)
{
  char *safe = esc (s, ESC_MULTILINE);
  gboolean formula = (safe[0] == '=' || safe[0] == '+' || safe[0] == '@'
                      || (safe[0] == '-' && !g_ascii_isdigit (safe[1])));
  gboolean quote = formula || strpbrk (safe, ",\"\n\t") != NULL;
  if (quote)
    fputc ('"', out);
  if (formula)
    fputc ('\'', out);
  for (const char *p = safe; *p; p++)
    {
      if (*p == '"')
        fputc ('"', out);
      if (*p == '\n')
        fputs ("\r\n", out);
      else
        fputc (*p, out);
    }
  if (quote)
    fputc ('"', out);
  fputs (last ? "\r\n" : ",", out);
  g_free (safe);
}

static const char *const columns[] = {
  "target", "address", "os", "transport", "target_status", "audit_file", "check_id", "line", "group", "type",
  "check_name", "result", "compliant", "actual_value", "policy_value", "severity", "ports",
  "info", "solution", "reference", "see_also", "evidence", "note",
};

static void
csv_row (FILE *out, const target_result *tr, const check_result *r, const char *status,
         const char *reason)
{
  char line[24];
  g_snprintf (line, sizeof line, "%ld", r ? r->line : 0L);
  const char *cells[] = {
    tr->target, tr->address, target_result_os (tr), target_result_transport (tr), status,
    r ? r->audit_file : "", r ? r->check_id : "", r ? line : "", r ? r->group : "",
    r ? r->type : "", r ? r->check_name : "", r ? r->result : "", r ? r->compliant : "",
    r ? r->actual_value : reason, r ? r->policy_value : "", r ? r->severity : "",
    r ? r->ports : "", r ? r->info : "", r ? r->solution : "", r ? r->reference : "",
    r ? r->see_also : "", r ? r->evidence : "", r ? r->note : "",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns));
  for (size_t i = 0; i < G_N_ELEMENTS (cells); i++)
    csv_field (out, cells[i], i + 1 == G_N_ELEMENTS (cells));
}

int
output_csv (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
            size_t n)
{
  (void) cfg;
  (void) run;
  for (size_t i = 0; i < G_N_ELEMENTS (columns); i++)
    fprintf (out, "%s%s", columns[i], i + 1 == G_N_ELEMENTS (columns) ? "\r\n" : ",");
  for (size_t i = 0; i < n; i++)
    {
      const target_result *tr = results[i];
      target_state st = target_result_state (tr);
      const char *status = target_state_name (st);
      if (st == TARGET_NOT_AUDITED || tr->results->len == 0)
        {
          const char *why = target_result_reason (tr);
          char *text = g_strdup_printf ("%s%s%s%s", why ? why : "nothing was evaluated",
                                        st == TARGET_NOT_AUDITED ? " (" : "",
                                        st == TARGET_NOT_AUDITED ? target_result_reason_code (tr) : "",
                                        st == TARGET_NOT_AUDITED ? ")" : "");
          csv_row (out, tr, NULL, status, text);
          g_free (text);
        }
      for (guint j = 0; j < tr->results->len; j++)
        csv_row (out, tr, g_ptr_array_index (tr->results, j), status, "");
    }
  return 0;
}

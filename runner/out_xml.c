/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_xml.c: JUnit XML (one test case per check, for CI) and .nessus v2 (compliance items for Tenable-aware tools). */
#include "config.h"

#include <string.h>

#include "output.h"

static void
attr (FILE *out, const char *name, const char *value)
{
  fprintf (out, " %s=\"", name);
  xml_text (out, value, 0);
  fputc ('"', out);
}

static void
element (FILE *out, const char *indent, const char *name, const char *value, unsigned flags)
{
  fprintf (out, "%s<%s>", indent, name);
  xml_text (out, value, flags);
  fprintf (out, "</%s>\n", name);
}

/* ---- JUnit ------------------------------------------------------------------- */

static void
junit_case (FILE *out, const target_result *tr, const check_result *r)
{
  char *classname = g_strdup_printf ("%s.%s", tr->target, r->audit_file);
  char *name = g_strdup_printf ("%s (line %ld)", r->check_name, r->line);
  fputs ("    <testcase", out);
  attr (out, "classname", classname);
  attr (out, "name", name);
  attr (out, "file", r->audit_file);
  fprintf (out, " line=\"%ld\" time=\"0\"", r->line);
  g_free (classname);
  g_free (name);
  const char *tag = strcmp (r->result, "FAILED") == 0 ? "failure"
                    : strcmp (r->result, "PASSED") == 0 ? NULL
                                                        : "error";
  if (!tag)
    {
      fputs ("/>\n", out);
      return;
    }
  fprintf (out, ">\n      <%s", tag);
  attr (out, "type", r->result);
  attr (out, "message", *r->actual_value ? r->actual_value : r->result);
  fputc ('>', out);
  GString *body = g_string_new (NULL);
  g_string_append_printf (body, "Result: %s\nActual value: %s\nPolicy value: %s\n", r->result,
                          r->actual_value, r->policy_value);
  if (*r->solution)
    g_string_append_printf (body, "Solution: %s\n", r->solution);
  if (*r->evidence)
    g_string_append_printf (body, "Evidence:\n%s\n", r->evidence);
  xml_text (out, body->str, ESC_MULTILINE);
  g_string_free (body, TRUE);
  fprintf (out, "</%s>\n    </testcase>\n", tag);
}

int
output_junit (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
              size_t n)
{
  (void) cfg;
  result_counts all = { 0 };
  size_t cases = 0, not_audited = 0;
  for (size_t i = 0; i < n; i++)
    {
      target_result_count (results[i], &all);
      cases += results[i]->results->len;
      if (target_result_state (results[i]) == TARGET_NOT_AUDITED || results[i]->results->len == 0)
        not_audited++;
    }
  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
  fprintf (out, "<testsuites name=\"nasl-audit\" tests=\"%zu\" failures=\"%u\" errors=\"%zu\" time=\"%.3f\">\n",
           cases + not_audited, all.failed, (size_t) (all.error + all.warning + all.other) + not_audited,
           run->duration);
  for (size_t i = 0; i < n; i++)
    {
      const target_result *tr = results[i];
      result_counts c = { 0 };
      target_result_count (tr, &c);
      target_state st = target_result_state (tr);
      gboolean whole = st == TARGET_NOT_AUDITED || tr->results->len == 0;
      char *stamp = iso_time (tr->started);
      fputs ("  <testsuite", out);
      attr (out, "name", tr->target);
      fprintf (out, " tests=\"%u\" failures=\"%u\" errors=\"%u\" skipped=\"0\" time=\"%.3f\"",
               tr->results->len + (whole ? 1 : 0), c.failed,
               c.error + c.warning + c.other + (whole ? 1 : 0), tr->duration);
      attr (out, "timestamp", stamp);
      attr (out, "hostname", *tr->hostname ? tr->hostname : tr->host);
      fputs (">\n    <properties>\n      <property name=\"transport\"", out);
      attr (out, "value", target_result_transport (tr));
      fputs ("/>\n    </properties>\n", out);
      g_free (stamp);
      if (whole)
        {
          const char *why = target_result_reason (tr);
          fputs ("    <testcase", out);
          attr (out, "classname", tr->target);
          attr (out, "name", "target audited");
          fputs (" time=\"0\">\n      <error", out);
          attr (out, "type", st == TARGET_NOT_AUDITED ? target_result_reason_code (tr) : "nothing_evaluated");
          attr (out, "message", why ? why : "nothing was evaluated on this target");
          fputs ("/>\n    </testcase>\n", out);
        }
      for (guint j = 0; j < tr->results->len; j++)
        junit_case (out, tr, g_ptr_array_index (tr->results, j));
      fputs ("  </testsuite>\n", out);
    }
  fputs ("</testsuites>\n", out);
  return 0;
}

/* ---- .nessus v2 -------------------------------------------------------------- */

/*
** Compliance results in the shape Tenable's scanner writes them: one
** ReportItem per result, pluginFamily "Policy Compliance", <compliance>true,
** and the cm:compliance-* elements (namespace http://www.nessus.org/cm).
** Importers file items by the plugin ids Tenable uses for its Unix and
** Windows compliance checks (21157, 21156); <fname> names nasl-audit.
*/

static int
nessus_severity (const check_result *r)
{
  if (strcmp (r->result, "PASSED") == 0)
    return 0;
  if (strcmp (r->result, "FAILED") == 0)
    {
      if (g_ascii_strcasecmp (r->severity, "low") == 0)
        return 1;
      if (g_ascii_strcasecmp (r->severity, "medium") == 0)
        return 2;
      return 3;
    }
  return 2; /* WARNING and ERROR need a look */
}

/* "Thu Nov 23 10:00:00 2026", as HOST_START is written. */
static char *
nessus_time (gint64 usec)
{
  GDateTime *dt = g_date_time_new_from_unix_utc (usec / 1000000);
  char *s = dt ? g_date_time_format (dt, "%a %b %_d %H:%M:%S %Y") : g_strdup ("");
  if (dt)
    g_date_time_unref (dt);
  return s;
}

static void
host_tag (FILE *out, const char *name, const char *value)
{
  if (!value || !*value)
    return;
  fputs ("      <tag", out);
  attr (out, "name", name);
  fputc ('>', out);
  xml_text (out, value, 0);
  fputs ("</tag>\n", out);
}

/* One compliance result; the policy's name and version from its header (as
** Tenable writes a benchmark's) when it has them. */
static void
nessus_item (FILE *out, const target_result *tr, const check_result *r)
{
  gboolean windows = strcmp (target_result_os (tr), "windows") == 0;
  const policy_info *policy = *r->audit_file ? target_result_policy (tr, r->audit_file) : NULL;
  const char *indent = "      ";
  char *description = g_strdup_printf ("\"%s\": [%s]\n\n%s%s%s", r->check_name, r->result,
                                       r->info, *r->info ? "\n\n" : "", r->actual_value);
  fprintf (out, "    <ReportItem port=\"0\" svc_name=\"general\" protocol=\"tcp\" severity=\"%d\" "
                "pluginID=\"%s\" pluginName=\"%s\" pluginFamily=\"Policy Compliance\">\n",
           nessus_severity (r), windows ? "21156" : "21157",
           windows ? "Windows Compliance Checks" : "Unix Compliance Checks");
  element (out, indent, "compliance", "true", 0);
  element (out, indent, "fname", "nasl-audit", 0);
  element (out, indent, "plugin_name", windows ? "Windows Compliance Checks" : "Unix Compliance Checks", 0);
  element (out, indent, "plugin_type", "local", 0);
  element (out, indent, "risk_factor", "None", 0);
  element (out, indent, "description", description, ESC_MULTILINE);
  element (out, indent, "cm:compliance-check-name", r->check_name, 0);
  element (out, indent, "cm:compliance-check-id", r->check_id, 0);
  element (out, indent, "cm:compliance-result", r->result, 0);
  element (out, indent, "cm:compliance-actual-value", r->actual_value, ESC_MULTILINE);
  element (out, indent, "cm:compliance-policy-value", r->policy_value, ESC_MULTILINE);
  element (out, indent, "cm:compliance-audit-file", r->audit_file, 0);
  if (policy && *policy->name)
    element (out, indent, "cm:compliance-benchmark-name", policy->name, 0);
  if (policy && *policy->version)
    element (out, indent, "cm:compliance-benchmark-version", policy->version, 0);
  element (out, indent, "cm:compliance-source", "nasl-audit", 0);
  if (*r->info)
    element (out, indent, "cm:compliance-info", r->info, ESC_MULTILINE);
  if (*r->solution)
    element (out, indent, "cm:compliance-solution", r->solution, ESC_MULTILINE);
  if (*r->reference)
    element (out, indent, "cm:compliance-reference", r->reference, 0);
  if (*r->see_also)
    element (out, indent, "cm:compliance-see-also", r->see_also, ESC_MULTILINE);
  if (*r->evidence)
    element (out, indent, "cm:compliance-output", r->evidence, ESC_MULTILINE);
  fputs ("    </ReportItem>\n", out);
  g_free (description);
}

/* A target that could not be audited: one ERROR item saying why. */
static void
nessus_not_audited (FILE *out, const target_result *tr)
{
  check_result r = { 0 };
  const char *why = target_result_reason (tr);
  char *actual = g_strdup_printf ("%s (%s)", why ? why : "nothing was evaluated",
                                  target_result_reason_code (tr));
  r.check_id = "nasl-audit:target";
  r.audit_file = "";
  r.group = r.type = r.check_type = r.policy_value = r.info = r.solution = "";
  r.reference = r.see_also = r.severity = r.ports = r.evidence = r.note = "";
  r.check_name = "nasl-audit: the target could not be audited";
  r.result = "ERROR";
  r.compliant = "INCOMPLETE";
  r.actual_value = actual;
  nessus_item (out, tr, &r);
  g_free (actual);
}

int
output_nessus (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
               size_t n)
{
  (void) run;
  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NessusClientData_v2>\n", out);
  fputs ("  <Policy>\n    <policyName>nasl-audit</policyName>\n    <Preferences>\n"
         "      <ServerPreferences>\n", out);
  GString *targets = g_string_new (NULL);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf (targets, "%s%s", i ? "," : "", results[i]->host);
  fputs ("        <preference><name>TARGET</name><value>", out);
  xml_text (out, targets->str, 0);
  fputs ("</value></preference>\n", out);
  g_string_free (targets, TRUE);
  fputs ("      </ServerPreferences>\n      <PluginsPreferences>\n", out);
  for (guint i = 0; cfg->policies && i < cfg->policies->len; i++)
    {
      const policy_input *pi = g_ptr_array_index (cfg->policies, i);
      fputs ("        <item><pluginName>Unix Compliance Checks</pluginName><pluginId>21157</pluginId>"
             "<fullName>Unix Compliance Checks[file]:Policy file #1 :</fullName>"
             "<preferenceName>Policy file</preferenceName><preferenceType>file</preferenceType>"
             "<preferenceValues>", out);
      xml_text (out, pi->display, 0);
      fputs ("</preferenceValues><selectedValue>", out);
      xml_text (out, pi->display, 0);
      fputs ("</selectedValue></item>\n", out);
    }
  fputs ("      </PluginsPreferences>\n    </Preferences>\n  </Policy>\n", out);
  fputs ("  <Report name=\"nasl-audit\" xmlns:cm=\"http://www.nessus.org/cm\">\n", out);
  for (size_t i = 0; i < n; i++)
    {
      const target_result *tr = results[i];
      char *start = nessus_time (tr->started), *end = nessus_time (tr->ended);
      char *start_ts = g_strdup_printf ("%" G_GINT64_FORMAT, tr->started / 1000000);
      char *end_ts = g_strdup_printf ("%" G_GINT64_FORMAT, tr->ended / 1000000);
      fputs ("  <ReportHost", out);
      attr (out, "name", tr->host);
      fputs (">\n    <HostProperties>\n", out);
      host_tag (out, "HOST_START", start);
      host_tag (out, "HOST_START_TIMESTAMP", start_ts);
      host_tag (out, "host-ip", tr->address);
      if (*tr->hostname)
        {
          host_tag (out, "host-fqdn", tr->hostname);
          host_tag (out, "hostname", tr->hostname);
        }
      host_tag (out, "operating-system", tr->have_info && *tr->info.os_detail ? tr->info.os_detail
                                                                             : target_result_os (tr));
      host_tag (out, "Credentialed_Scan", target_result_state (tr) != TARGET_NOT_AUDITED ? "true" : "false");
      host_tag (out, "local-checks-proto", target_result_transport (tr));
      host_tag (out, "HOST_END", end);
      host_tag (out, "HOST_END_TIMESTAMP", end_ts);
      fputs ("    </HostProperties>\n", out);
      if (target_result_state (tr) == TARGET_NOT_AUDITED || tr->results->len == 0)
        nessus_not_audited (out, tr);
      for (guint j = 0; j < tr->results->len; j++)
        nessus_item (out, tr, g_ptr_array_index (tr->results, j));
      fputs ("  </ReportHost>\n", out);
      g_free (start);
      g_free (end);
      g_free (start_ts);
      g_free (end_ts);
    }
  fputs ("  </Report>\n</NessusClientData_v2>\n", out);
  return 0;
}

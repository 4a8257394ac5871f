/* SPDX-License-Identifier: GPL-2.0-or-later */
/* out_html.c: one self-contained HTML page: fleet view of open ports, then each target's listeners and results (sortable tables). */
#include "config.h"

#include <string.h>

#include "output.h"

static const char page_style[] =
  "body{font:14px/1.4 system-ui,sans-serif;margin:0 2em 3em;color:#1d2329;background:#fff}"
  "h1{font-size:1.6em;margin:.8em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .4em;"
  "border-bottom:1px solid #d0d7de;padding-bottom:.2em}h3{font-size:1.05em;margin:1.2em 0 .3em}"
  ".meta{color:#57606a;margin:.2em 0}"
  ".cards{display:flex;gap:.8em;flex-wrap:wrap;margin:1em 0}"
  ".card{border:1px solid #d0d7de;border-radius:6px;padding:.5em 1em;min-width:7em}"
  ".card b{display:block;font-size:1.5em}"
  "table{border-collapse:collapse;margin:.4em 0 1em;width:100%}"
  "th,td{border:1px solid #d0d7de;padding:.25em .5em;text-align:left;vertical-align:top}"
  "th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap}"
  "th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}"
  "td.num{text-align:right;font-variant-numeric:tabular-nums}"
  "td pre,.pre{white-space:pre-wrap;word-break:break-word;margin:0;font:12px/1.35 ui-monospace,monospace}"
  ".r-PASSED{color:#1a7f37;font-weight:600}.r-FAILED{color:#cf222e;font-weight:700}"
  ".r-WARNING{color:#9a6700;font-weight:600}.r-ERROR{color:#8250df;font-weight:600}"
  "tr.row-FAILED{background:#ffebe9}tr.row-ERROR{background:#fbefff}tr.row-WARNING{background:#fff8c5}"
  ".badge{display:inline-block;border-radius:1em;padding:0 .6em;margin:.1em;font-size:.9em}"
  ".exposed{background:#ffebe9;border:1px solid #ff8182}.loopback{background:#ddf4ff;border:1px solid #54aeff}"
  ".s-audited{background:#dafbe1}.s-incomplete{background:#fff8c5}.s-not_audited{background:#ffebe9}"
  ".alert{border-left:4px solid #cf222e;background:#fff5f5;padding:.4em .8em;margin:.5em 0}"
  ".warn{border-left:4px solid #d4a72c;background:#fffbea;padding:.4em .8em;margin:.5em 0}"
  "nav a{margin-right:1em}";

static const char page_script[] =
  "(function(){\n"
  "function key(td){var s=td.getAttribute('data-sort');return s!==null?s:td.textContent;}\n"
  "function sortBy(t,i,th){\n"
  " var asc=th.getAttribute('aria-sort')!=='ascending';\n"
  " Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});\n"
  " th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
  " var num=th.getAttribute('data-type')==='num',body=t.tBodies[0];\n"
  " var rows=Array.prototype.slice.call(body.rows);\n"
  " rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]),c;\n"
  "  if(num){x=parseFloat(x);y=parseFloat(y);if(isNaN(x))x=Infinity;if(isNaN(y))y=Infinity;"
  "c=x<y?-1:x>y?1:0;}else c=x.localeCompare(y);\n"
  "  return asc?c:-c;});\n"
  " rows.forEach(function(r){body.appendChild(r);});\n"
  "}\n"
  "Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(t){\n"
  " Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){\n"
  "  th.title='sort';th.addEventListener('click',function(){sortBy(t,i,th);});});});\n"
  "})();\n";

static void
h (FILE *out, const char *s)
{
  xml_text (out, s, 0);
}

static void
pre (FILE *out, const char *s)
{
  if (!*s)
    return;
  fputs ("<pre>", out);
  xml_text (out, s, ESC_MULTILINE);
  fputs ("</pre>", out);
}

static void
html_summary (FILE *out, const runner_config *cfg, target_result **results, size_t n)
{
  result_counts c = { 0 };
  size_t states[3] = { 0 };
  for (size_t i = 0; i < n; i++)
    {
      target_result_count (results[i], &c);
      states[target_result_state (results[i])]++;
    }
  fputs ("<div class=\"cards\" id=\"summary\">", out);
  fprintf (out, "<div class=\"card\"><b>%zu</b>targets</div>", n);
  fprintf (out, "<div class=\"card s-audited\"><b>%zu</b>audited</div>", states[TARGET_AUDITED]);
  fprintf (out, "<div class=\"card s-incomplete\"><b>%zu</b>not fully audited</div>",
           states[TARGET_INCOMPLETE]);
  fprintf (out, "<div class=\"card s-not_audited\"><b>%zu</b>not audited</div>",
           states[TARGET_NOT_AUDITED]);
  fprintf (out, "<div class=\"card\"><b class=\"r-PASSED\">%u</b>PASSED</div>", c.passed);
  fprintf (out, "<div class=\"card\"><b class=\"r-FAILED\">%u</b>FAILED</div>", c.failed);
  fprintf (out, "<div class=\"card\"><b class=\"r-WARNING\">%u</b>WARNING</div>", c.warning);
  fprintf (out, "<div class=\"card\"><b class=\"r-ERROR\">%u</b>ERROR</div>", c.error + c.other);
  fputs ("</div>\n", out);
  for (guint i = 0; cfg->policy_problems && i < cfg->policy_problems->len; i++)
    {
      fputs ("<div class=\"alert\">Policy not run: ", out);
      h (out, g_ptr_array_index (cfg->policy_problems, i));
      fputs ("</div>\n", out);
    }
  GArray *skipped = skipped_by_type (results, n);
  if (skipped->len)
    {
      fputs ("<p class=\"warn\">Items skipped (types this engine does not implement): ", out);
      for (guint i = 0; i < skipped->len; i++)
        {
          const named_count *nc = &g_array_index (skipped, named_count, i);
          fputs (i ? ", " : "", out);
          h (out, nc->name);
          fprintf (out, " %ld", nc->count);
        }
      fputs ("</p>\n", out);
    }
  g_array_unref (skipped);
}

static void
html_fleet (FILE *out, target_result **results, size_t n)
{
  GPtrArray *ports = fleet_ports (results, n);
  fputs ("<h2 id=\"fleet\">Open ports across the fleet</h2>\n", out);
  fputs ("<p class=\"meta\"><span class=\"badge exposed\">exposed</span> bound to a non-loopback "
         "address; <span class=\"badge loopback\">loopback</span> reachable from the host itself "
         "only. Click a column to sort.</p>\n",
         out);
  fputs ("<table class=\"sortable\" id=\"fleet-ports\"><thead><tr><th data-type=\"num\">Port</th>"
         "<th>Proto</th><th data-type=\"num\">Exposed on</th><th data-type=\"num\">Loopback only on</th>"
         "<th>Targets</th></tr></thead><tbody>\n",
         out);
  for (guint i = 0; i < ports->len; i++)
    {
      const fleet_port *fp = g_ptr_array_index (ports, i);
      fprintf (out, "<tr><td class=\"num\" data-sort=\"%ld\">", fp->port >= 0 ? fp->port : 99999L);
      if (fp->port >= 0)
        fprintf (out, "%ld", fp->port);
      else
        h (out, fp->port_text);
      fputs ("</td><td>", out);
      h (out, fp->proto);
      fprintf (out, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td><td>", fp->exposed->len,
               fp->loopback->len);
      for (int pass = 0; pass < 2; pass++)
        {
          GPtrArray *hosts = pass ? fp->loopback : fp->exposed;
          for (guint j = 0; j < hosts->len; j++)
            {
              fprintf (out, "<span class=\"badge %s\">", pass ? "loopback" : "exposed");
              h (out, g_ptr_array_index (hosts, j));
              fputs ("</span>", out);
            }
        }
      fputs ("</td></tr>\n", out);
    }
  fputs ("</tbody></table>\n", out);
  if (!ports->len)
    fputs ("<p>No listening ports were seen.</p>\n", out);
  g_ptr_array_unref (ports);
}

static void
html_listeners (FILE *out, const target_result *tr, size_t idx)
{
  if (!tr->listeners->len)
    return;
  fprintf (out, "<h3>Listeners</h3>\n<table class=\"sortable listeners\" id=\"listeners-%zu\">"
                "<thead><tr><th data-type=\"num\">Port</th><th>Proto</th><th>Address</th>"
                "<th>Binding</th><th>Process</th><th data-type=\"num\">PID</th><th>Services</th>"
                "<th>Counted</th></tr></thead><tbody>\n",
           idx);
  for (guint i = 0; i < tr->listeners->len; i++)
    {
      const listener *l = &g_array_index (tr->listeners, listener, i);
      fprintf (out, "<tr><td class=\"num\" data-sort=\"%ld\">", l->port >= 0 ? l->port : 99999L);
      h (out, l->port_text);
      fputs ("</td><td>", out);
      h (out, l->proto);
      fputs ("</td><td>", out);
      h (out, l->address);
      fprintf (out, "</td><td><span class=\"badge %s\">%s</span></td><td>",
               l->exposed ? "exposed" : "loopback", l->exposed ? "exposed" : "loopback");
      h (out, l->process);
      fputs ("</td><td class=\"num\">", out);
      if (l->pid >= 0)
        fprintf (out, "%ld", l->pid);
      fputs ("</td><td>", out);
      h (out, l->services);
      fprintf (out, "</td><td>%s</td></tr>\n", l->counted ? "yes" : "no");
    }
  fputs ("</tbody></table>\n", out);
}

/* The policy's name and version from its header, under its file name. */
static void
html_policy_label (FILE *out, const policy_info *p)
{
  if (!p || !*p->name)
    return;
  fputs ("<br><small class=\"policy\">", out);
  h (out, p->name);
  if (*p->version)
    {
      fputc (' ', out);
      h (out, p->version);
    }
  fputs ("</small>", out);
}

static void
html_results (FILE *out, const target_result *tr, size_t idx)
{
  if (!tr->results->len)
    return;
  fprintf (out, "<h3>Results</h3>\n<table class=\"sortable results\" id=\"results-%zu\"><thead><tr>"
                "<th>Result</th><th>Check</th><th>Policy file</th><th data-type=\"num\">Line</th>"
                "<th>Actual value</th><th>Policy value</th><th>Solution</th></tr></thead><tbody>\n",
           idx);
  for (guint i = 0; i < tr->results->len; i++)
    {
      const check_result *r = g_ptr_array_index (tr->results, i);
      fprintf (out, "<tr class=\"row-%s\"><td class=\"r-%s\">%s</td><td>", r->result, r->result, r->result);
      h (out, r->check_name);
      if (*r->group)
        {
          fputs ("<br><small>", out);
          h (out, r->group);
          fputs ("</small>", out);
        }
      fputs ("</td><td>", out);
      h (out, r->audit_file);
      html_policy_label (out, target_result_policy (tr, r->audit_file));
      fprintf (out, "</td><td class=\"num\">%ld</td><td>", r->line);
      pre (out, r->actual_value);
      if (*r->note)
        pre (out, r->note);
      fputs ("</td><td>", out);
      pre (out, r->policy_value);
      fputs ("</td><td>", out);
      if (strcmp (r->result, "PASSED") != 0)
        pre (out, r->solution);
      fputs ("</td></tr>\n", out);
    }
  fputs ("</tbody></table>\n", out);
}

static void
html_drift (FILE *out, const target_result *tr)
{
  const target_drift *d = &tr->drift;
  if (d->problem)
    {
      fputs ("<p class=\"warn\">", out);
      h (out, d->problem);
      fputs ("</p>\n", out);
    }
  if (!d->have_baseline)
    return;
  char *when = iso_time (d->previous_run);
  fprintf (out, "<h3>Changes since %s</h3>\n<ul class=\"drift\">", when);
  g_free (when);
  for (int closed = 0; closed <= 1; closed++)
    {
      GArray *a = closed ? d->closed_listeners : d->new_listeners;
      for (guint i = 0; i < a->len; i++)
        {
          const listener *l = &g_array_index (a, listener, i);
          char *port = listener_port (l);
          fprintf (out, "<li>%s listener ", closed ? "closed" : "new");
          h (out, port);
          fputs (" on ", out);
          h (out, l->address);
          fputs (" ", out);
          h (out, l->process);
          fputs ("</li>", out);
          g_free (port);
        }
    }
  for (guint i = 0; i < d->changed->len; i++)
    {
      const drift_change *c = &g_array_index (d->changed, drift_change, i);
      fputs ("<li>", out);
      h (out, c->check_name);
      fprintf (out, ": <span class=\"r-%s\">%s</span> &rarr; <span class=\"r-%s\">%s</span></li>",
               c->was, c->was, c->now, c->now);
    }
  if (!d->new_listeners->len && !d->closed_listeners->len && !d->changed->len)
    fputs ("<li>no change</li>", out);
  fputs ("</ul>\n", out);
}

static void
html_target (FILE *out, const target_result *tr, size_t idx)
{
  target_state st = target_result_state (tr);
  fprintf (out, "<section class=\"target\" id=\"target-%zu\">\n<h2>", idx);
  h (out, tr->target);
  fprintf (out, " <span class=\"badge s-%s\">%s</span></h2>\n", target_state_name (st),
           st == TARGET_AUDITED ? "audited" : st == TARGET_INCOMPLETE ? "not fully audited" : "not audited");
  fputs ("<p class=\"meta\">", out);
  if (*tr->address)
    {
      h (out, tr->address);
      fputs (" &middot; ", out);
    }
  if (*tr->hostname)
    {
      h (out, tr->hostname);
      fputs (" &middot; ", out);
    }
  h (out, target_result_transport (tr));
  if (tr->have_info && *tr->info.login)
    {
      fputs (" as ", out);
      h (out, tr->info.login);
    }
  fputs (" &middot; ", out);
  h (out, target_result_os (tr));
  if (tr->have_info && *tr->info.os_detail)
    {
      fputs (" (", out);
      h (out, tr->info.os_detail);
      fputs (")", out);
    }
  fprintf (out, " &middot; %.1f s", tr->duration);
  if (tr->have_info && *tr->info.listener_source)
    {
      fputs (" &middot; listeners from <code>", out);
      h (out, tr->info.listener_source);
      fputs ("</code>", out);
    }
  fputs ("</p>\n", out);
  const char *why = target_result_reason (tr);
  if (st == TARGET_NOT_AUDITED)
    {
      fputs ("<div class=\"alert\">Not audited: ", out);
      h (out, why);
      fputs (" (", out);
      h (out, target_result_reason_code (tr));
      fputs (")</div>\n", out);
    }
  else if (st == TARGET_INCOMPLETE)
    {
      fputs ("<div class=\"warn\">Not fully audited: ", out);
      h (out, why ? why : tr->results->len ? "some results could not be evaluated"
                                            : "nothing was evaluated on this target");
      fputs ("</div>\n", out);
    }
  for (guint i = 0; i < tr->problems->len && i < 20; i++)
    {
      fputs ("<div class=\"warn\">", out);
      h (out, g_ptr_array_index (tr->problems, i));
      fputs ("</div>\n", out);
    }
  html_drift (out, tr);
  html_listeners (out, tr, idx);
  html_results (out, tr, idx);
  for (guint i = 0; i < tr->policies->len; i++)
    {
      const policy_info *p = g_ptr_array_index (tr->policies, i);
      if (strcmp (p->status, "ran") == 0 && (!p->skipped || !p->skipped->len) && !*p->reason)
        continue;
      fputs ("<p class=\"meta\">", out);
      h (out, p->file);
      fputs (": ", out);
      h (out, strcmp (p->status, "not_applicable") == 0 ? "not applicable to this target" : p->status);
      if (*p->reason)
        {
          fputs (" &mdash; ", out);
          h (out, p->reason);
        }
      for (guint k = 0; p->skipped && k < p->skipped->len; k++)
        {
          const named_count *nc = &g_array_index (p->skipped, named_count, k);
          fputs (k ? ", " : "; skipped: ", out);
          h (out, nc->name);
          fprintf (out, " %ld", nc->count);
        }
      fputs ("</p>\n", out);
    }
  fputs ("</section>\n", out);
}

int
output_html (FILE *out, const runner_config *cfg, const run_info *run, target_result **results,
             size_t n)
{
  char *when = iso_time (run->started);
  fputs ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>nasl-audit report</title>\n<style>",
         out);
  fputs (page_style, out);
  fputs ("</style></head><body>\n<h1>nasl-audit report</h1>\n", out);
  fprintf (out, "<p class=\"meta\">nasl-audit %s &middot; started %s &middot; %.1f s &middot; exit status %d</p>\n",
           PACKAGE_VERSION, when, run->duration, runner_exit_status (cfg, results, n));
  g_free (when);
  fputs ("<nav><a href=\"#fleet\">Open ports</a>", out);
  for (size_t i = 0; i < n && i < 200; i++)
    {
      fprintf (out, "<a href=\"#target-%zu\">", i);
      h (out, results[i]->target);
      fputs ("</a>", out);
    }
  fputs ("</nav>\n", out);
  html_summary (out, cfg, results, n);
  html_fleet (out, results, n);
  for (size_t i = 0; i < n; i++)
    html_target (out, results[i], i);
  fprintf (out, "<script>%s</script>\n</body></html>\n", page_script);
  return 0;
}

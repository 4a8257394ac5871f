/* target.c: audits one target by running the plugins in a fresh NASL state and reading the KB back. */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nasl.h"
#include "runner.h"

#define GATHER_PLUGIN "nasl_audit_gather.nasl"
#define CHECKS_PLUGIN "nasl_audit_ports.nasl"

static void
collect_diag (void *ud, const char *text)
{
  target_result *tr = ud;
  if (tr->diagnostics->len < 1000)
    g_ptr_array_add (tr->diagnostics, g_strdup (text));
}

static void
ignore_output (void *ud, const char *bytes, size_t len)
{
  (void) ud;
  (void) bytes;
  (void) len;
}

static void
ignore_report (void *ud, const nasl_report *r)
{
  (void) ud;
  (void) r;
}

/* The address the plugins see as the target (get_host_ip()). */
static char *
resolve_host (const char *host, char **err)
{
  struct addrinfo hints = { 0 }, *res = NULL;
  char buf[NI_MAXHOST];
  hints.ai_socktype = SOCK_STREAM;
  int rc = getaddrinfo (host, NULL, &hints, &res);
  if (rc != 0)
    {
      *err = g_strdup_printf ("cannot resolve '%s': %s", host, gai_strerror (rc));
      return NULL;
    }
  rc = getnameinfo (res->ai_addr, res->ai_addrlen, buf, sizeof buf, NULL, 0, NI_NUMERICHOST);
  freeaddrinfo (res);
  if (rc != 0)
    {
      *err = g_strdup_printf ("cannot resolve '%s': %s", host, gai_strerror (rc));
      return NULL;
    }
  return g_strdup (buf);
}

/* ---- reading the KB back ------------------------------------------------ */

typedef struct kb_pick {
  const char *prefix;
  GHashTable *rows; /* index string -> GHashTable(field -> value) */
} kb_pick;

static char *
value_text (const nasl_value *v)
{
  if (v->type == NASL_TYPE_INT)
    return g_strdup_printf ("%ld", v->as.i);
  size_t len = 0;
  const char *b = nasl_value_bytes (v, &len);
  return b ? g_strndup (b, len) : g_strdup ("");
}

/* "nasl-audit/result/00012/actual_value" -> rows["00012"]["actual_value"]. */
static int
pick_result_field (void *ud, const char *name, const nasl_value *val)
{
  kb_pick *p = ud;
  const char *rest = name + strlen (p->prefix);
  const char *slash = strchr (rest, '/');
  if (!slash)
    return 0;
  char *idx = g_strndup (rest, (size_t) (slash - rest));
  GHashTable *row = g_hash_table_lookup (p->rows, idx);
  if (!row)
    {
      row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (p->rows, idx, row);
    }
  else
    g_free (idx);
  g_hash_table_replace (row, g_strdup (slash + 1), value_text (val));
  return 0;
}

static char *
field (GHashTable *row, const char *key)
{
  const char *v = g_hash_table_lookup (row, key);
  return g_strdup (v ? v : "");
}

static void
read_results (nasl_kb *kb, target_result *tr)
{
  kb_pick p = { "nasl-audit/result/", NULL };
  p.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_hash_table_unref);
  nasl_kb_foreach (kb, "nasl-audit/result/*", pick_result_field, &p);
  GList *idx = g_list_sort (g_hash_table_get_keys (p.rows), (GCompareFunc) strcmp);
  for (GList *l = idx; l; l = l->next)
    {
      GHashTable *row = g_hash_table_lookup (p.rows, l->data);
      check_result *r = g_new0 (check_result, 1);
      r->audit_file = field (row, "audit_file");
      const char *line = g_hash_table_lookup (row, "line");
      r->line = line ? atoi (line) : 0;
      r->type = field (row, "type");
      r->check_name = field (row, "check_name");
      r->check_type = field (row, "check_type");
      r->result = field (row, "result");
      r->compliant = field (row, "compliant");
      r->actual_value = field (row, "actual_value");
      r->policy_value = field (row, "policy_value");
      r->info = field (row, "info");
      r->solution = field (row, "solution");
      r->reference = field (row, "reference");
      r->see_also = field (row, "see_also");
      r->evidence = field (row, "evidence");
      g_ptr_array_add (tr->results, r);
    }
  g_list_free (idx);
  g_hash_table_unref (p.rows);
}

/* "proto|family|address|port|pid|process|exposed" */
static int
pick_listener (void *ud, const char *name, const nasl_value *val)
{
  target_result *tr = ud;
  (void) name;
  char *text = value_text (val);
  char **f = g_strsplit (text, "|", 7);
  if (g_strv_length (f) == 7)
    {
      listener *l = g_new0 (listener, 1);
      char *end;
      l->proto = g_strdup (f[0]);
      l->family = atoi (f[1]);
      l->address = g_strdup (f[2]);
      long port = strtol (f[3], &end, 10);
      l->port = (*f[3] && !*end) ? (int) port : -1;
      l->pid = *f[4] ? strtol (f[4], NULL, 10) : -1;
      l->process = g_strdup (f[5]);
      l->exposed = strcmp (f[6], "exposed") == 0;
      g_ptr_array_add (tr->listeners, l);
    }
  g_strfreev (f);
  g_free (text);
  return 0;
}

static int
pick_string (void *ud, const char *name, const nasl_value *val)
{
  (void) name;
  g_ptr_array_add (ud, value_text (val));
  return 0;
}

static char *
kb_first (nasl_kb *kb, const char *name)
{
  GPtrArray *vals = g_ptr_array_new_with_free_func (g_free);
  nasl_kb_foreach (kb, name, pick_string, vals);
  char *out = vals->len ? g_strdup (g_ptr_array_index (vals, 0)) : NULL;
  g_ptr_array_unref (vals);
  return out;
}

static void
read_kb (nasl_kb *kb, target_result *tr)
{
  char *os = kb_first (kb, "nasl-audit/os");
  if (os)
    {
      g_free (tr->os);
      tr->os = os;
    }
  char *src = kb_first (kb, "nasl-audit/listeners/source");
  if (src)
    {
      g_free (tr->listener_source);
      tr->listener_source = src;
    }
  char *err = kb_first (kb, "nasl-audit/listeners/error");
  if (err)
    g_ptr_array_add (tr->errors, g_strdup_printf ("listening ports not collected: %s", err));
  g_free (err);
  nasl_kb_foreach (kb, "nasl-audit/port/*", pick_listener, tr);
  nasl_kb_foreach (kb, "nasl-audit/tag/Open Ports", pick_string, tr->tags);
  nasl_kb_foreach (kb, "nasl-audit/gather/log", pick_string, tr->gather_log);

  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);
  nasl_kb_foreach (kb, "nasl-audit/skipped", pick_string, notes);
  for (guint i = 0; i < notes->len; i++)
    {
      char **f = g_strsplit (g_ptr_array_index (notes, i), "|", 3);
      if (g_strv_length (f) == 3)
        g_ptr_array_add (tr->notes, g_strdup_printf ("%s: %s item(s) of unimplemented types skipped:\n%s",
                                                     f[0], f[1], f[2]));
      g_strfreev (f);
    }
  g_ptr_array_set_size (notes, 0);
  nasl_kb_foreach (kb, "nasl-audit/not_applicable", pick_string, notes);
  for (guint i = 0; i < notes->len; i++)
    {
      char **f = g_strsplit (g_ptr_array_index (notes, i), "|", 2);
      if (g_strv_length (f) == 2)
        g_ptr_array_add (tr->notes, g_strdup_printf ("%s: check_type %s does not apply to this target (OS %s)",
                                                     f[0], f[1], tr->os));
      g_strfreev (f);
    }
  g_ptr_array_unref (notes);
}

/* ---- running ------------------------------------------------------------ */

static void
kb_secret (nasl_kb *kb, const char *name, const char *value)
{
  if (value && *value)
    nasl_kb_set_str (kb, name, value, strlen (value));
}

/* Prepares the KB and preferences the plugins read for this target. */
static int
prepare_state (nasl_state *st, const runner_config *cfg, const runner_target *t, char **err)
{
  nasl_kb *kb = nasl_state_kb (st);
  nasl_kb_set_str (kb, "nasl-audit/transport", t->local ? "local" : "ssh",
                   t->local ? 5 : 3);
  nasl_kb_set_str (kb, "nasl-audit/policy_dir", cfg->policy_dir, strlen (cfg->policy_dir));
  if (cfg->force_os)
    nasl_kb_set_str (kb, "nasl-audit/os/forced", cfg->force_os, strlen (cfg->force_os));
  if (!t->local)
    {
      nasl_kb_set_int (kb, "nasl-audit/ssh/port", t->port);
      kb_secret (kb, "Secret/SSH/login", t->user);
      kb_secret (kb, "Secret/SSH/password", cfg->password);
      kb_secret (kb, "Secret/SSH/privatekey", cfg->private_key);
      kb_secret (kb, "Secret/SSH/passphrase", cfg->passphrase);
      if (cfg->known_hosts)
        nasl_kb_set_str (kb, "nasl-audit/ssh_known_hosts", cfg->known_hosts,
                         strlen (cfg->known_hosts));
    }
  nasl_set_script_preference (st, "Include loopback-only listeners",
                              cfg->include_loopback ? "yes" : "no");
  nasl_set_script_preference (st, "Confirm open ports with the port scan", "no");
  nasl_set_script_preference (st, "Run the policy folder", cfg->policy_dir[0] ? "yes" : "no");
  if (cfg->policy_file)
    nasl_set_script_preference (st, "Policy file (.audit)", cfg->policy_file);
  nasl_add_include_dir (st, cfg->plugins_dir);
  if (nasl_load_module (st, cfg->module, err) != 0)
    return -1;
  return 0;
}

static void
run_plugin (nasl_state *st, const runner_config *cfg, const char *name, target_result *tr)
{
  char *path = g_build_filename (cfg->plugins_dir, name, NULL);
  /* As in a scan: the description pass records the OID and the preference
  ** defaults, then the plugin runs. */
  pid_t me = getpid ();
  nasl_status rc = nasl_run_file (st, path, NASL_RUN_DESCRIPTION);
  if (rc == NASL_OK)
    rc = nasl_run_file (st, path, 0);
  /* A multi-valued get_kb_item() forks one child per value (as OpenVAS
  ** does); its KB writes already went back to us, and it must not go on. */
  if (getpid () != me)
    _exit (0);
  if (rc != NASL_OK)
    g_ptr_array_add (tr->errors, g_strdup_printf ("plugin %s did not run (status %d)", name, rc));
  g_free (path);
}

target_result *
runner_audit_target (const runner_config *cfg, const runner_target *t)
{
  target_result *tr = target_result_new (t->name);
  char *err = NULL;
  g_free (tr->transport);
  tr->transport = g_strdup (t->local ? "local" : "ssh");

  char *ip = resolve_host (t->host, &err);
  if (!ip)
    {
      g_ptr_array_add (tr->errors, err);
      return tr;
    }
  nasl_state *st = nasl_state_new ();
  nasl_set_diag (st, collect_diag, tr);
  nasl_set_output (st, ignore_output, NULL);
  nasl_set_report (st, ignore_report, NULL);
  nasl_set_target (st, ip, t->host);
  if (prepare_state (st, cfg, t, &err) != 0)
    {
      g_ptr_array_add (tr->errors, g_strdup_printf ("cannot load the audit module: %s", err));
      g_free (err);
    }
  else
    {
      run_plugin (st, cfg, GATHER_PLUGIN, tr);
      run_plugin (st, cfg, CHECKS_PLUGIN, tr);
      read_kb (nasl_state_kb (st), tr);
      read_results (nasl_state_kb (st), tr);
    }
  nasl_state_free (st);
  g_free (ip);
  return tr;
}

/* bind.c: the NASL builtins of the audit module over the pure C parsers and matchers. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "nasl.h"

#include "audit.h"
#include "bind.h"
#include "match.h"
#include "netstat.h"
#include "policy_dir.h"
#include "tasklist.h"

#ifndef NASL_POLICYDIR
#define NASL_POLICYDIR ""
#endif

/* KB item and environment variable naming the policy folder. */
#define POLICY_DIR_KB "nasl-audit/policy_dir"
#define POLICY_DIR_ENV "NASL_AUDIT_POLICY_DIR"

/* Compiled objects kept per state; the whole cache is dropped when full. */
#define BIND_CACHE_MAX 512

/* {=====================================================================
** Value helpers
** ====================================================================== */

static void
set_str (nasl_value *arr, const char *key, const char *s, size_t len)
{
  nasl_array_set_key (arr, key, strlen (key), nasl_value_data (s, len));
}

static void
set_cstr (nasl_value *arr, const char *key, const char *s)
{
  if (s != NULL)
    set_str (arr, key, s, strlen (s));
}

static void
set_int (nasl_value *arr, const char *key, long v)
{
  nasl_array_set_key (arr, key, strlen (key), nasl_value_int (v));
}

static void
set_val (nasl_value *arr, const char *key, nasl_value v)
{
  nasl_array_set_key (arr, key, strlen (key), v);
}

static nasl_value
bool_value (int b)
{
  return nasl_value_int (b ? 1 : 0);
}

/* }===================================================================== */

/* {=====================================================================
** Per-state caches of compiled port specs and checks
** ====================================================================== */

typedef struct bind_data {
  GHashTable *ports;  /* GBytes spec -> audit_portspec* */
  GHashTable *checks; /* GBytes op byte + policy -> audit_check* */
} bind_data;

static void
portspec_destroy (gpointer p)
{
  audit_portspec_free (p);
}

static void
check_destroy (gpointer p)
{
  audit_check_free (p);
}

void *
audit_bind_data_new (void)
{
  bind_data *d = g_new0 (bind_data, 1);
  d->ports = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                    portspec_destroy);
  d->checks = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                     check_destroy);
  return d;
}

void
audit_bind_data_free (void *data)
{
  bind_data *d = data;
  if (d == NULL)
    return;
  g_hash_table_destroy (d->ports);
  g_hash_table_destroy (d->checks);
  g_free (d);
}

/* Stores 'obj' under 'key' (consumed), emptying a full cache first. */
static void
cache_put (GHashTable *cache, GBytes *key, gpointer obj)
{
  if (g_hash_table_size (cache) >= BIND_CACHE_MAX)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, key, obj);
}

/* }===================================================================== */

/* {=====================================================================
** audit_parse(data:, name:)
** ====================================================================== */

static nasl_value node_value (const audit_node *node);

static nasl_value
list_value (const audit_list *list)
{
  nasl_value out = nasl_value_array ();
  for (size_t i = 0; i < list->len; i++)
    nasl_array_push (&out, node_value (list->nodes[i]));
  return out;
}

/*
** One node as an array.  Item and report keys are stored lower-cased (the
** parser compares them case-insensitively); the node's own fields ("kind",
** "line", "group", a report's "type", an if's lists) are set last and win
** over a body key of the same name.
*/
static nasl_value
node_value (const audit_node *node)
{
  nasl_value arr = nasl_value_array ();

  for (size_t i = 0; i < node->n_kvs; i++)
    {
      const audit_kv *kv = &node->kvs[i];
      char *key = g_ascii_strdown (kv->key, -1);
      set_str (&arr, key, kv->value, kv->value_len);
      g_free (key);
    }
  set_cstr (&arr, "kind", audit_node_kind_name (node->kind));
  set_int (&arr, "line", (long) node->line);
  set_cstr (&arr, "group", node->group);
  switch (node->kind)
    {
    case AUDIT_NODE_REPORT:
      set_cstr (&arr, "type", node->report_type);
      break;
    case AUDIT_NODE_IF:
      set_cstr (&arr, "condition_type", node->condition_type);
      set_cstr (&arr, "auto", node->auto_result);
      set_int (&arr, "condition_line", (long) node->condition_line);
      set_val (&arr, "condition", list_value (&node->condition));
      set_val (&arr, "then", list_value (&node->then_list));
      set_val (&arr, "else", list_value (&node->else_list));
      break;
    default:
      break;
    }
  return arr;
}

nasl_value
audit_bind_parse (nasl_call *call)
{
  size_t len = 0, nlen = 0;
  const char *data = nasl_arg_str (call, "data", &len);
  const char *name_arg = nasl_arg_str (call, "name", &nlen);
  char *name = name_arg ? g_strndup (name_arg, nlen) : NULL;
  GError *error = NULL;
  audit_doc *doc;
  nasl_value out;

  if (data == NULL)
    {
      g_free (name);
      nasl_call_bad_arg (call, "data", "string");
      return NASL_NULL;
    }
  doc = audit_parse_string (data, len, name, NULL, &error);
  g_free (name);
  out = nasl_value_array ();
  if (doc == NULL)
    {
      set_cstr (&out, "error", error ? error->message : "cannot parse the audit data");
      g_clear_error (&error);
      return out;
    }
  set_cstr (&out, "check_type", doc->check_type);
  set_cstr (&out, "version", doc->version);
  set_val (&out, "items", list_value (&doc->root));
  {
    nasl_value groups = nasl_value_array ();
    for (size_t i = 0; i < doc->n_groups; i++)
      nasl_array_push (&groups, nasl_value_data_cstr (doc->groups[i]));
    set_val (&out, "groups", groups);
  }
  audit_doc_free (doc);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** netstat_parse(data:)
** ====================================================================== */

/* A port as NASL sees it: int, the service name when one was printed, or
** nothing for "*". */
static void
set_port (nasl_value *arr, const char *key, int port, const char *service)
{
  if (port >= 0)
    set_int (arr, key, port);
  else if (service != NULL)
    set_cstr (arr, key, service);
}

static nasl_value
netstat_row_value (const netstat_row *row)
{
  nasl_value arr = nasl_value_array ();

  set_cstr (&arr, "proto", row->proto);
  if (row->family == 4 || row->family == 6)
    set_int (&arr, "family", row->family);
  set_cstr (&arr, "local_addr", row->local_addr);
  set_port (&arr, "local_port", row->local_port, row->local_service);
  set_cstr (&arr, "remote_addr", row->remote_addr);
  set_port (&arr, "remote_port", row->remote_port, row->remote_service);
  set_cstr (&arr, "state", row->state);
  if (row->pid >= 0)
    set_int (&arr, "pid", (long) row->pid);
  set_cstr (&arr, "process", row->process);
  if (row->n_processes > 0)
    {
      nasl_value list = nasl_value_array ();
      for (size_t i = 0; i < row->n_processes; i++)
        {
          nasl_value pair = nasl_value_array ();
          nasl_array_set_index (&pair, 0, nasl_value_data_cstr (row->processes[i].name));
          if (row->processes[i].pid >= 0)
            nasl_array_set_index (&pair, 1, nasl_value_int ((long) row->processes[i].pid));
          nasl_array_push (&list, pair);
        }
      set_val (&arr, "processes", list);
    }
  set_cstr (&arr, "service", row->service);
  set_int (&arr, "line", (long) row->line_no);
  return arr;
}

nasl_value
audit_bind_netstat_parse (nasl_call *call)
{
  size_t len = 0;
  const char *data = nasl_arg_str (call, "data", &len);
  nasl_value out = nasl_value_array ();
  netstat_result *res;

  if (data == NULL)
    return out;
  res = netstat_parse (data, len, NULL);
  for (size_t i = 0; i < res->n_rows; i++)
    nasl_array_push (&out, netstat_row_value (&res->rows[i]));
  netstat_result_free (res);
  return out;
}

/*
** netstat_parse_info(data:) -> what the parser made of the whole listing:
** ["format"] ("windows", "linux-netstat", "ss", "lsof", "mixed", "unknown"),
** ["rows"], ["lines"], ["unparsed"] (lines that are neither rows nor
** headers), ["first_unparsed_line"] (0 when none), ["has_pids"] and
** ["truncated"] (row limit hit).  Plugins use it to refuse a PASSED verdict
** on a listing they did not fully understand.
*/
nasl_value
audit_bind_netstat_parse_info (nasl_call *call)
{
  size_t len = 0;
  const char *data = nasl_arg_str (call, "data", &len);
  nasl_value out = nasl_value_array ();
  netstat_result *res = netstat_parse (data ? data : "", data ? len : 0, NULL);

  set_cstr (&out, "format", netstat_format_name (res->format));
  set_int (&out, "rows", (long) res->n_rows);
  set_int (&out, "lines", (long) res->n_lines);
  set_int (&out, "unparsed", (long) res->n_unparsed);
  set_int (&out, "first_unparsed_line", (long) res->first_unparsed_line);
  set_int (&out, "has_pids", res->has_pids ? 1 : 0);
  set_int (&out, "truncated", res->truncated ? 1 : 0);
  netstat_result_free (res);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** tasklist_parse(data:)
** ====================================================================== */

nasl_value
audit_bind_tasklist_parse (nasl_call *call)
{
  size_t len = 0;
  const char *data = nasl_arg_str (call, "data", &len);
  nasl_value out = nasl_value_array ();
  tasklist_result *res;

  if (data == NULL)
    return out;
  res = tasklist_parse (data, len, NULL);
  for (size_t i = 0; i < res->n_rows; i++)
    {
      const tasklist_row *row = &res->rows[i];
      nasl_value arr = nasl_value_array (), services = nasl_value_array ();
      char key[24];
      int klen = g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, (gint64) row->pid);

      set_cstr (&arr, "image", row->image);
      set_int (&arr, "pid", (long) row->pid);
      for (size_t s = 0; s < row->n_services; s++)
        nasl_array_push (&services, nasl_value_data_cstr (row->services[s]));
      set_val (&arr, "services", services);
      nasl_array_set_key (&out, key, (size_t) klen, arr);
    }
  tasklist_result_free (res);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** audit_ports_match(spec:, port:) and audit_check(check_type:, policy:, value:)
** ====================================================================== */

nasl_value
audit_bind_ports_match (nasl_call *call)
{
  bind_data *d = nasl_call_module_data (call);
  size_t len = 0;
  const char *spec = nasl_arg_str (call, "spec", &len);
  long port = nasl_arg_int (call, "port", -1);
  audit_portspec *ps = NULL;
  GBytes *key = NULL;
  char *err = NULL;
  audit_match m;

  if (spec == NULL)
    {
      nasl_call_bad_arg (call, "spec", "string");
      return NASL_NULL;
    }
  if (d != NULL)
    {
      key = g_bytes_new (spec, len);
      ps = g_hash_table_lookup (d->ports, key);
    }
  if (ps == NULL)
    {
      ps = audit_portspec_new (spec, len, &err);
      if (ps == NULL)
        {
          nasl_call_error (call, "%s", err);
          g_free (err);
          if (key)
            g_bytes_unref (key);
          return NASL_NULL;
        }
      if (d != NULL)
        cache_put (d->ports, g_bytes_ref (key), ps);
    }
  m = audit_portspec_match (ps, port, &err);
  if (d == NULL)
    audit_portspec_free (ps);
  if (key)
    g_bytes_unref (key);
  if (m == AUDIT_MATCH_ERROR)
    {
      nasl_call_error (call, "%s", err);
      g_free (err);
      return NASL_NULL;
    }
  return bool_value (m == AUDIT_MATCH_YES);
}

/* The cache key of a check: the operator's number, then the policy bytes. */
static GBytes *
check_key (audit_check_op op, const char *policy, size_t plen)
{
  guint8 *buf = g_malloc (plen + 1);
  buf[0] = (guint8) op;
  memcpy (buf + 1, policy, plen);
  return g_bytes_new_take (buf, plen + 1);
}

nasl_value
audit_bind_check (nasl_call *call)
{
  bind_data *d = nasl_call_module_data (call);
  size_t ctlen = 0, plen = 0, vlen = 0;
  const char *ctype = nasl_arg_str (call, "check_type", &ctlen);
  const char *policy = nasl_arg_str (call, "policy", &plen);
  const char *value = nasl_arg_str (call, "value", &vlen);
  audit_check *c = NULL;
  audit_check_op op;
  GBytes *key = NULL;
  char *err = NULL;
  audit_match m;

  if (policy == NULL || value == NULL)
    {
      nasl_call_bad_arg (call, policy == NULL ? "policy" : "value", "string");
      return NASL_NULL;
    }
  if (d != NULL && audit_check_op_parse (ctype, ctlen, &op) == 0)
    {
      key = check_key (op, policy, plen);
      c = g_hash_table_lookup (d->checks, key);
    }
  if (c == NULL)
    {
      c = audit_check_new (ctype, ctlen, policy, plen, &err);
      if (c == NULL)
        {
          nasl_call_error (call, "%s", err);
          g_free (err);
          if (key)
            g_bytes_unref (key);
          return NASL_NULL;
        }
      if (key != NULL)
        cache_put (d->checks, g_bytes_ref (key), c);
    }
  m = audit_check_eval (c, value, vlen, &err);
  if (key == NULL)
    audit_check_free (c);
  else
    g_bytes_unref (key);
  if (m == AUDIT_MATCH_ERROR)
    {
      nasl_call_error (call, "%s", err);
      g_free (err);
      return NASL_NULL;
    }
  return bool_value (m == AUDIT_MATCH_YES);
}

/* }===================================================================== */

/* {=====================================================================
** audit_policy_files([dir:])
** ====================================================================== */

static int
first_kb_value (void *ud, const char *name, const nasl_value *val)
{
  char **out = ud;
  size_t len = 0;
  const char *s = nasl_value_bytes (val, &len);
  if (val->type == NASL_TYPE_INT)
    *out = g_strdup_printf ("%ld", val->as.i);
  else if (s != NULL)
    *out = g_strndup (s, len);
  return 1;
}

/* The folder to list: dir:, else the KB item, else the environment, else
** the installed folder.  Returns a g_malloc'ed path. */
static char *
policy_dir_for (nasl_call *call)
{
  size_t len = 0;
  const char *dir = nasl_arg_str (call, "dir", &len);
  const char *env;
  char *kb = NULL;

  if (dir != NULL)
    return g_strndup (dir, len);
  nasl_kb_foreach (nasl_state_kb (nasl_call_state (call)), POLICY_DIR_KB, first_kb_value, &kb);
  if (kb != NULL && *kb != '\0')
    return kb;
  g_free (kb);
  env = getenv (POLICY_DIR_ENV);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_strdup (NASL_POLICYDIR);
}

nasl_value
audit_bind_policy_files (nasl_call *call)
{
  char *dir = policy_dir_for (call), *err = NULL;
  GPtrArray *files = audit_policy_dir_list (dir, &err);
  nasl_value out;

  g_free (dir);
  if (files == NULL)
    {
      nasl_call_error (call, "%s", err);
      g_free (err);
      return NASL_NULL;
    }
  out = nasl_value_array ();
  for (guint i = 0; i < files->len; i++)
    nasl_array_push (&out, nasl_value_data_cstr (g_ptr_array_index (files, i)));
  g_ptr_array_free (files, TRUE);
  return out;
}

/* }===================================================================== */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* builtins.c: audit_parse, netstat_parse, tasklist_parse, the matchers and the policy folder, for OpenVAS. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "builtins.h"
#include "match.h"
#include "ext_arena.h"
#include "netstat.h"
#include "policy_dir.h"
#include "tasklist.h"

#ifndef NASL_POLICYDIR
#define NASL_POLICYDIR ""
#endif

/* KB item and environment variable naming the policy folder (as the module). */
#define POLICY_DIR_KB "nasl-audit/policy_dir"
#define POLICY_DIR_ENV "NASL_AUDIT_POLICY_DIR"

/* Compiled objects kept; a full cache is emptied (as the module). */
#define CACHE_MAX 512

/* {=====================================================================
** Caches
** ====================================================================== */

struct bb_caches
{
  GMutex lock;        /* compiled objects are not thread-safe */
  GHashTable *ports;  /* GBytes spec -> audit_portspec* */
  GHashTable *checks; /* GBytes op byte + policy -> audit_check* */
};

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

bb_caches *
bb_caches_new (void)
{
  bb_caches *k = g_new0 (bb_caches, 1);
  g_mutex_init (&k->lock);
  k->ports = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                    portspec_destroy);
  k->checks = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                     check_destroy);
  return k;
}

static void
cache_put (GHashTable *cache, GBytes *key, gpointer obj)
{
  if (g_hash_table_size (cache) >= CACHE_MAX)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, key, obj);
}

/* }===================================================================== */

/* {=====================================================================
** audit_parse(data:, name:, vars:)
** ====================================================================== */

static bvalue *node_value (const audit_node *node);

static bvalue *
list_value (const audit_list *list)
{
  bvalue *out = bv_list ();
  for (size_t i = 0; i < list->len; i++)
    bv_push (out, node_value (list->nodes[i]));
  return out;
}

/* Body keys lower-cased first; the node's own fields are set last and win. */
static bvalue *
node_value (const audit_node *node)
{
  bvalue *m = bv_map ();

  for (size_t i = 0; i < node->n_kvs; i++)
    {
      const audit_kv *kv = &node->kvs[i];
      char *key = g_ascii_strdown (kv->key, -1);
      bv_set_str (m, key, kv->value, kv->value_len);
      g_free (key);
    }
  bv_set_cstr (m, "kind", audit_node_kind_name (node->kind));
  bv_set_int (m, "line", (long) node->line);
  bv_set_cstr (m, "group", node->group);
  switch (node->kind)
    {
    case AUDIT_NODE_REPORT:
      bv_set_cstr (m, "type", node->report_type);
      break;
    case AUDIT_NODE_IF:
      bv_set_cstr (m, "condition_type", node->condition_type);
      bv_set_cstr (m, "auto", node->auto_result);
      bv_set_int (m, "condition_line", (long) node->condition_line);
      bv_set (m, "condition", list_value (&node->condition));
      bv_set (m, "then", list_value (&node->then_list));
      bv_set (m, "else", list_value (&node->else_list));
      break;
    default:
      break;
    }
  return m;
}

/* One map per <check_type> block (the module's "blocks"; its nodes are
** built again for "items": a bvalue tree owns its children). */
static bvalue *
blocks_value (const audit_doc *doc)
{
  bvalue *out = bv_list ();

  for (size_t i = 0; i < doc->n_blocks; i++)
    {
      const audit_block *b = &doc->blocks[i];
      bvalue *m = bv_map ();

      bv_set_cstr (m, "check_type", b->check_type);
      bv_set_cstr (m, "version", b->version);
      bv_set_int (m, "line", (long) b->line);
      bv_set (m, "items", list_value (&b->items));
      bv_push (out, m);
    }
  return out;
}

/* One element of vars: NAME -> VALUE (text, or an int as its decimal text). */
static void
add_override (void *ud, const ov_element *e)
{
  audit_overrides *o = ud;
  char num[32];

  if (e->key == NULL)
    audit_overrides_add_unnamed (o);
  else if (e->type == OV_VAR_INT)
    {
      g_snprintf (num, sizeof num, "%ld", e->int_val);
      audit_overrides_add (o, e->key, strlen (e->key), num, strlen (num));
    }
  else if (e->type == OV_VAR_STRING || e->type == OV_VAR_DATA)
    audit_overrides_add (o, e->key, strlen (e->key), e->bytes, e->len);
  else
    audit_overrides_add_bad_value (o);
}

/* The overrides of the vars: argument, or NULL when it is not given (as
** the module). */
static audit_overrides *
overrides_arg (ov_call *c)
{
  audit_overrides *o;

  if (!ov_arg_given (c, "vars"))
    return NULL;
  o = audit_overrides_new ();
  if (!ov_arg_foreach (c, "vars", add_override, o))
    audit_overrides_not_a_table (o);
  return o;
}

static bvalue *
bb_audit_parse (ov_call *c, bb_caches *caches)
{
  size_t len = 0, nlen = 0;
  const char *data = ov_arg_str (c, "data", &len);
  const char *name_arg = ov_arg_str (c, "name", &nlen);
  char *name;
  GError *error = NULL;
  audit_overrides *overrides;
  audit_doc *doc;
  bvalue *out, *groups;

  if (data == NULL)
    {
      ov_error (c, "missing argument 'data'");
      return NULL;
    }
  overrides = overrides_arg (c);
  if (overrides != NULL && audit_overrides_error (overrides) != NULL)
    {
      ov_error (c, "%s", audit_overrides_error (overrides));
      audit_overrides_free (overrides);
      return NULL;
    }
  name = name_arg != NULL ? g_strndup (name_arg, nlen) : NULL;
  doc = audit_parse_string (data, len, name, overrides != NULL ? audit_overrides_opts (overrides) : NULL,
                            &error);
  audit_overrides_free (overrides);
  g_free (name);
  out = bv_map ();
  if (doc == NULL)
    {
      bv_set_cstr (out, "error", error != NULL ? error->message : "cannot parse the audit data");
      g_clear_error (&error);
      return out;
    }
  bv_set_cstr (out, "check_type", doc->check_type);
  bv_set_cstr (out, "version", doc->version);
  bv_set_cstr (out, "policy_name", doc->policy_name);
  bv_set_cstr (out, "policy_version", doc->policy_version);
  bv_set (out, "blocks", blocks_value (doc));
  bv_set (out, "items", list_value (&doc->root));
  groups = bv_list ();
  for (size_t i = 0; i < doc->n_groups; i++)
    bv_push (groups, bv_data (doc->groups[i], strlen (doc->groups[i])));
  bv_set (out, "groups", groups);
  audit_doc_free (doc);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** netstat_parse(data:), netstat_parse_info(data:)
** ====================================================================== */

/* A port: int, the printed service name, or nothing for "*". */
static void
set_port (bvalue *m, const char *key, int port, const char *service)
{
  if (port >= 0)
    bv_set_int (m, key, port);
  else
    bv_set_cstr (m, key, service);
}

static bvalue *
netstat_row_value (const netstat_row *row)
{
  bvalue *m = bv_map ();

  bv_set_cstr (m, "proto", row->proto);
  if (row->family == 4 || row->family == 6)
    bv_set_int (m, "family", row->family);
  bv_set_cstr (m, "local_addr", row->local_addr);
  set_port (m, "local_port", row->local_port, row->local_service);
  bv_set_cstr (m, "remote_addr", row->remote_addr);
  set_port (m, "remote_port", row->remote_port, row->remote_service);
  bv_set_cstr (m, "state", row->state);
  if (row->pid >= 0)
    bv_set_int (m, "pid", (long) row->pid);
  bv_set_cstr (m, "process", row->process);
  if (row->n_processes > 0)
    {
      bvalue *list = bv_list ();
      for (size_t i = 0; i < row->n_processes; i++)
        {
          const netstat_process *p = &row->processes[i];
          bvalue *pair = bv_list ();
          bv_push (pair, bv_data (p->name, strlen (p->name)));
          if (p->pid >= 0)
            bv_push (pair, bv_int ((long) p->pid));
          bv_push (list, pair);
        }
      bv_set (m, "processes", list);
    }
  bv_set_cstr (m, "service", row->service);
  bv_set_int (m, "line", (long) row->line_no);
  return m;
}

typedef struct rows_out {
  bvalue *list;
  GString *packed; /* NULL: rows as maps */
} rows_out;

static void
push_row (const netstat_row *row, void *ud)
{
  rows_out *o = ud;
  if (o->packed == NULL)
    {
      bv_push (o->list, netstat_row_value (row));
      return;
    }
  g_string_truncate (o->packed, 0);
  netstat_row_pack (row, o->packed);
  bv_push (o->list, bv_data (o->packed->str, o->packed->len));
}

/* As the module: rows made as the parser completes them, packed on request. */
static bvalue *
bb_netstat_parse (ov_call *c, bb_caches *caches)
{
  size_t len = 0;
  const char *data = ov_arg_str (c, "data", &len);
  rows_out o = { bv_list (), NULL };
  netstat_options opts = { .on_row = push_row, .on_row_ud = &o };

  if (data == NULL)
    return o.list;
  if (ov_arg_int (c, "packed", 0))
    o.packed = g_string_new (NULL);
  netstat_result_free (netstat_parse (data, len, &opts));
  if (o.packed != NULL)
    g_string_free (o.packed, TRUE);
  return o.list;
}

/* netstat_row(packed:): one packed row back as the map. */
static bvalue *
bb_netstat_row (ov_call *c, bb_caches *caches)
{
  size_t len = 0;
  const char *packed = ov_arg_str (c, "packed", &len);
  ext_arena ar = { 0 };
  netstat_row row;
  bvalue *out = NULL;

  if (packed != NULL && netstat_row_unpack (packed, len, &row, &ar))
    out = netstat_row_value (&row);
  else
    ov_error (c, "not a row of netstat_parse(packed:TRUE)");
  ext_arena_free (&ar);
  return out;
}

static bvalue *
bb_netstat_parse_info (ov_call *c, bb_caches *caches)
{
  size_t len = 0;
  const char *data = ov_arg_str (c, "data", &len);
  bvalue *out = bv_map ();
  netstat_result *res = netstat_parse_summary (data != NULL ? data : "", data != NULL ? len : 0);

  bv_set_cstr (out, "format", netstat_format_name (res->format));
  bv_set_int (out, "rows", (long) res->n_rows);
  bv_set_int (out, "lines", (long) res->n_lines);
  bv_set_int (out, "unparsed", (long) res->n_unparsed);
  bv_set_int (out, "first_unparsed_line", (long) res->first_unparsed_line);
  bv_set_int (out, "has_pids", res->has_pids ? 1 : 0);
  bv_set_int (out, "truncated", res->truncated ? 1 : 0);
  netstat_result_free (res);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** tasklist_parse(data:)
** ====================================================================== */

static bvalue *
bb_tasklist_parse (ov_call *c, bb_caches *caches)
{
  size_t len = 0;
  const char *data = ov_arg_str (c, "data", &len);
  bvalue *out = bv_map ();
  tasklist_result *res;

  if (data == NULL)
    return out;
  res = tasklist_parse (data, len, NULL);
  for (size_t i = 0; i < res->n_rows; i++)
    {
      const tasklist_row *row = &res->rows[i];
      bvalue *m = bv_map (), *services = bv_list ();
      char key[24];

      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, (gint64) row->pid);
      bv_set_cstr (m, "image", row->image);
      bv_set_int (m, "pid", (long) row->pid);
      for (size_t s = 0; s < row->n_services; s++)
        bv_push (services, bv_data (row->services[s], strlen (row->services[s])));
      bv_set (m, "services", services);
      bv_set (out, key, m);
    }
  tasklist_result_free (res);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** audit_ports_match(spec:, port:), audit_check(check_type:, policy:, value:)
** ====================================================================== */

/* Reports a matcher's error message (consumed). */
static bvalue *
match_error (ov_call *c, char *err)
{
  ov_error (c, "%s", err != NULL ? err : "internal error");
  g_free (err);
  return NULL;
}

static bvalue *
ports_match_locked (ov_call *c, bb_caches *k, const char *spec, size_t len, long port)
{
  GBytes *key = g_bytes_new (spec, len);
  audit_portspec *ps = g_hash_table_lookup (k->ports, key);
  char *err = NULL;
  audit_match m;

  if (ps == NULL)
    {
      ps = audit_portspec_new (spec, len, &err);
      if (ps == NULL)
        {
          g_bytes_unref (key);
          return match_error (c, err);
        }
      cache_put (k->ports, g_bytes_ref (key), ps);
    }
  g_bytes_unref (key);
  m = audit_portspec_match (ps, port, &err);
  if (m == AUDIT_MATCH_ERROR)
    return match_error (c, err);
  return bv_int (m == AUDIT_MATCH_YES ? 1 : 0);
}

static bvalue *
bb_ports_match (ov_call *c, bb_caches *k)
{
  size_t len = 0;
  const char *spec = ov_arg_str (c, "spec", &len);
  long port = ov_arg_int (c, "port", -1);
  bvalue *out;

  if (spec == NULL)
    {
      ov_error (c, "missing argument 'spec'");
      return NULL;
    }
  g_mutex_lock (&k->lock);
  out = ports_match_locked (c, k, spec, len, port);
  g_mutex_unlock (&k->lock);
  return out;
}

/* audit_ports_validate(spec:): NULL when valid, else the message as data;
** a missing spec is an error, never NULL. */
static bvalue *
bb_ports_validate (ov_call *c, bb_caches *k)
{
  size_t len = 0;
  const char *spec = ov_arg_str (c, "spec", &len);
  GBytes *key;
  audit_portspec *ps;
  char *err = NULL;
  bvalue *out = NULL;

  if (spec == NULL)
    {
      ov_error (c, "missing argument 'spec'");
      return bv_data ("missing argument 'spec'", strlen ("missing argument 'spec'"));
    }
  key = g_bytes_new (spec, len);
  g_mutex_lock (&k->lock);
  if (g_hash_table_lookup (k->ports, key) == NULL)
    {
      ps = audit_portspec_new (spec, len, &err);
      if (ps != NULL)
        cache_put (k->ports, g_bytes_ref (key), ps);
      else
        out = bv_data (err, strlen (err));
    }
  g_mutex_unlock (&k->lock);
  g_bytes_unref (key);
  g_free (err);
  return out;
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

static bvalue *
check_locked (ov_call *c, bb_caches *k, const char *ctype, size_t ctlen, const char *policy,
              size_t plen, const char *value, size_t vlen)
{
  audit_check *chk = NULL;
  audit_check_op op;
  GBytes *key = NULL;
  char *err = NULL;
  audit_match m;

  if (audit_check_op_parse (ctype, ctlen, &op) == 0)
    {
      key = check_key (op, policy, plen);
      chk = g_hash_table_lookup (k->checks, key);
    }
  if (chk == NULL)
    {
      chk = audit_check_new (ctype, ctlen, policy, plen, &err);
      if (chk == NULL)
        {
          if (key != NULL)
            g_bytes_unref (key);
          return match_error (c, err);
        }
      if (key != NULL)
        cache_put (k->checks, g_bytes_ref (key), chk);
    }
  m = audit_check_eval (chk, value, vlen, &err);
  if (key == NULL)
    audit_check_free (chk);
  else
    g_bytes_unref (key);
  if (m == AUDIT_MATCH_ERROR)
    return match_error (c, err);
  return bv_int (m == AUDIT_MATCH_YES ? 1 : 0);
}

static bvalue *
bb_check (ov_call *c, bb_caches *k)
{
  size_t ctlen = 0, plen = 0, vlen = 0;
  const char *ctype = ov_arg_str (c, "check_type", &ctlen);
  const char *policy = ov_arg_str (c, "policy", &plen);
  const char *value = ov_arg_str (c, "value", &vlen);
  bvalue *out;

  if (policy == NULL || value == NULL)
    {
      ov_error (c, "missing argument '%s'", policy == NULL ? "policy" : "value");
      return NULL;
    }
  g_mutex_lock (&k->lock);
  out = check_locked (c, k, ctype, ctlen, policy, plen, value, vlen);
  g_mutex_unlock (&k->lock);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** audit_policy_files([dir:])
** ====================================================================== */

/* dir:, else the KB item, else the environment, else the installed folder. */
static char *
policy_dir_for (ov_call *c)
{
  size_t len = 0;
  const char *dir = ov_arg_str (c, "dir", &len);
  const char *env;
  char *kb;

  if (dir != NULL)
    return g_strndup (dir, len);
  kb = ov_kb_first (c, POLICY_DIR_KB);
  if (kb != NULL && *kb != '\0')
    return kb;
  g_free (kb);
  env = getenv (POLICY_DIR_ENV);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_strdup (NASL_POLICYDIR);
}

static bvalue *
bb_policy_files (ov_call *c, bb_caches *caches)
{
  char *dir = policy_dir_for (c), *err = NULL;
  GPtrArray *files = audit_policy_dir_list (dir, &err);
  bvalue *out;

  g_free (dir);
  if (files == NULL)
    return match_error (c, err);
  out = bv_list ();
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      bv_push (out, bv_data (path, strlen (path)));
    }
  g_ptr_array_free (files, TRUE);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** The table (names and mandatory arguments as in nasl-ext/module.c)
** ====================================================================== */

static const char *const need_data[] = { "data", NULL };
static const char *const need_packed[] = { "packed", NULL };
static const char *const need_spec_port[] = { "spec", "port", NULL };
static const char *const need_policy_value[] = { "policy", "value", NULL };
static const char *const need_nothing[] = { NULL };

static const bb_builtin builtins[] = {
  { "audit_parse", bb_audit_parse, need_data },
  { "netstat_parse", bb_netstat_parse, need_data },
  { "netstat_parse_info", bb_netstat_parse_info, need_data },
  { "netstat_row", bb_netstat_row, need_packed },
  { "tasklist_parse", bb_tasklist_parse, need_data },
  { "audit_ports_match", bb_ports_match, need_spec_port },
  { "audit_ports_validate", bb_ports_validate, need_nothing },
  { "audit_check", bb_check, need_policy_value },
  { "audit_policy_files", bb_policy_files, need_nothing },
};

const bb_builtin *
bb_builtins (size_t *n)
{
  *n = G_N_ELEMENTS (builtins);
  return builtins;
}

/* }===================================================================== */

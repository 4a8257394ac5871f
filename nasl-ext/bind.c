/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bind.c: the NASL builtins of the audit module over the pure C parsers and matchers. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "nasl.h"
/* NASL_MAX_ARRAY_DEPTH, for the compile-time check of the document depth. */
#include "conf.h"

#include "audit.h"
#include "bind.h"
#include "match.h"
#include "ext_arena.h"
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
**
** Every store into a NASL array is checked: the interpreter refuses one
** past its limits (nesting depth, number of keys, highest index).  A
** builder remembers the first refusal; the builtin then returns an error
** and drops what it built, never a partial array.
** ====================================================================== */

typedef struct builder {
  bool failed;
} builder;

static void
put_val (builder *b, nasl_value *arr, const char *key, nasl_value v)
{
  if (nasl_array_set_key (arr, key, strlen (key), v) != 0)
    b->failed = true;
}

static void
put_str (builder *b, nasl_value *arr, const char *key, const char *s, size_t len)
{
  put_val (b, arr, key, nasl_value_data (s, len));
}

/* Nothing is stored for a NULL string: the key stays undefined. */
static void
put_cstr (builder *b, nasl_value *arr, const char *key, const char *s)
{
  if (s != NULL)
    put_str (b, arr, key, s, strlen (s));
}

static void
put_int (builder *b, nasl_value *arr, const char *key, long v)
{
  put_val (b, arr, key, nasl_value_int (v));
}

static void
push_val (builder *b, nasl_value *arr, nasl_value v)
{
  if (nasl_array_push (arr, v) != 0)
    b->failed = true;
}

static void
put_index (builder *b, nasl_value *arr, long index, nasl_value v)
{
  if (nasl_array_set_index (arr, index, v) != 0)
    b->failed = true;
}

/* The result of a builtin whose builder failed: NULL and a diagnostic. */
static nasl_value
build_failed (nasl_call *call, nasl_value *out)
{
  nasl_value_free (out);
  nasl_call_error (call, "the result does not fit in a NASL array (interpreter limits)");
  return NASL_NULL;
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
** audit_parse(data:, name:, vars:)
** ====================================================================== */

/*
** Array nesting of a parsed document: an <if> level costs two (the node and
** its condition/then/else list), the result around the outermost list
** costs four (result -> "blocks" -> block -> "items"), and the script keeps
** BIND_CALLER_DEPTH levels for arrays of its own.  The parser's <if> limit
** is derived from this sum (audit.h), so the interpreter can always hold
** the result.
*/
#define BIND_DOC_DEPTH 4
#define BIND_CALLER_DEPTH 8
G_STATIC_ASSERT (2 * AUDIT_MAX_IF_DEPTH + BIND_DOC_DEPTH + BIND_CALLER_DEPTH
                 <= NASL_MAX_ARRAY_DEPTH);

/* Building a document; 'line' is the line of the node being stored, and
** stays that of the first refused store, for the error message. */
typedef struct doc_builder {
  builder b;
  unsigned line;
} doc_builder;

static void
at_line (doc_builder *db, unsigned line)
{
  if (!db->b.failed)
    db->line = line;
}

static nasl_value node_value (doc_builder *db, const audit_node *node);

static nasl_value
list_value (doc_builder *db, const audit_list *list)
{
  nasl_value out = nasl_value_array ();
  for (size_t i = 0; i < list->len && !db->b.failed; i++)
    {
      nasl_value v = node_value (db, list->nodes[i]);
      if (!db->b.failed)
        {
          at_line (db, list->nodes[i]->line);
          push_val (&db->b, &out, v);
        }
      else
        nasl_value_free (&v);
    }
  return out;
}

/*
** One node as an array.  Item and report keys are stored lower-cased (the
** parser compares them case-insensitively); the node's own fields ("kind",
** "line", "group", a report's "type", an if's lists) are set last and win
** over a body key of the same name.
*/
static nasl_value
node_value (doc_builder *db, const audit_node *node)
{
  nasl_value arr = nasl_value_array ();
  builder *b = &db->b;

  at_line (db, node->line);
  for (size_t i = 0; i < node->n_kvs; i++)
    {
      const audit_kv *kv = &node->kvs[i];
      char *key = g_ascii_strdown (kv->key, -1);
      put_str (b, &arr, key, kv->value, kv->value_len);
      g_free (key);
    }
  put_cstr (b, &arr, "kind", audit_node_kind_name (node->kind));
  put_int (b, &arr, "line", (long) node->line);
  put_cstr (b, &arr, "group", node->group);
  switch (node->kind)
    {
    case AUDIT_NODE_REPORT:
      put_cstr (b, &arr, "type", node->report_type);
      break;
    case AUDIT_NODE_IF:
      put_cstr (b, &arr, "condition_type", node->condition_type);
      put_cstr (b, &arr, "auto", node->auto_result);
      put_int (b, &arr, "condition_line", (long) node->condition_line);
      put_val (b, &arr, "condition", list_value (db, &node->condition));
      put_val (b, &arr, "then", list_value (db, &node->then_list));
      put_val (b, &arr, "else", list_value (db, &node->else_list));
      at_line (db, node->line);
      break;
    default:
      break;
    }
  return arr;
}

/* The "blocks" list; BLOCK_ITEMS receives each block's "items" list (owned
** references, for "items"). */
static nasl_value
blocks_value (doc_builder *db, const audit_doc *doc, nasl_value *block_items)
{
  nasl_value out = nasl_value_array ();

  for (size_t i = 0; i < doc->n_blocks && !db->b.failed; i++)
    {
      const audit_block *blk = &doc->blocks[i];
      nasl_value arr = nasl_value_array ();

      block_items[i] = list_value (db, &blk->items);
      at_line (db, blk->line);
      put_cstr (&db->b, &arr, "check_type", blk->check_type);
      put_cstr (&db->b, &arr, "version", blk->version);
      put_int (&db->b, &arr, "line", (long) blk->line);
      put_val (&db->b, &arr, "items", nasl_value_copy (&block_items[i]));
      push_val (&db->b, &out, arr);
    }
  return out;
}

/* "items": every block's top-level nodes in file order (shared with the
** blocks' lists, not copied). */
static nasl_value
all_items_value (doc_builder *db, const audit_doc *doc, nasl_value *block_items)
{
  nasl_value out;

  if (doc->n_blocks == 1)
    return nasl_value_copy (&block_items[0]);
  out = nasl_value_array ();
  for (size_t i = 0; i < doc->n_blocks && !db->b.failed; i++)
    for (long j = 0; j < nasl_array_max_index (&block_items[i]) && !db->b.failed; j++)
      push_val (&db->b, &out, nasl_value_copy (nasl_array_get_index (&block_items[i], j)));
  return out;
}

/* The whole result array of a parsed document (db->b.failed on failure). */
static nasl_value
doc_value (doc_builder *db, const audit_doc *doc)
{
  nasl_value out = nasl_value_array (), groups;
  nasl_value *block_items = g_new0 (nasl_value, doc->n_blocks);

  put_cstr (&db->b, &out, "check_type", doc->check_type);
  put_cstr (&db->b, &out, "version", doc->version);
  put_cstr (&db->b, &out, "policy_name", doc->policy_name);
  put_cstr (&db->b, &out, "policy_version", doc->policy_version);
  put_val (&db->b, &out, "blocks", blocks_value (db, doc, block_items));
  if (!db->b.failed)
    put_val (&db->b, &out, "items", all_items_value (db, doc, block_items));
  for (size_t i = 0; i < doc->n_blocks; i++)
    nasl_value_free (&block_items[i]);
  g_free (block_items);
  groups = nasl_value_array ();
  at_line (db, 1);
  for (size_t i = 0; i < doc->n_groups && !db->b.failed; i++)
    push_val (&db->b, &groups, nasl_value_data_cstr (doc->groups[i]));
  put_val (&db->b, &out, "groups", groups);
  return out;
}

/* { "error": TEXT } */
static nasl_value
error_value (const char *text)
{
  builder b = { false };
  nasl_value out = nasl_value_array ();

  put_cstr (&b, &out, "error", text);
  if (b.failed)
    nasl_value_free (&out); /* cannot happen: one key in a new array */
  return out;
}

nasl_value
audit_bind_doc_value (const audit_doc *doc, const char *name)
{
  doc_builder db = { { false }, 1 };
  nasl_value out = doc_value (&db, doc);
  char *msg;

  if (!db.b.failed)
    return out;
  nasl_value_free (&out);
  msg = g_strdup_printf ("%s:%u: the parsed policy does not fit in NASL arrays (interpreter limits)",
                         name ? name : "<string>", db.line);
  out = error_value (msg);
  g_free (msg);
  return out;
}

/* One element of vars: NAME -> VALUE (text, or an int as its decimal text). */
static int
add_override (void *ud, const nasl_value *key, const nasl_value *val)
{
  audit_overrides *o = ud;
  size_t nlen = 0, vlen = 0;
  const char *name = nasl_value_bytes (key, &nlen), *value;
  char num[32];

  if (name == NULL)
    audit_overrides_add_unnamed (o);
  else if (val->type == NASL_TYPE_INT)
    {
      g_snprintf (num, sizeof num, "%ld", val->as.i);
      audit_overrides_add (o, name, nlen, num, strlen (num));
    }
  else if ((value = nasl_value_bytes (val, &vlen)) != NULL)
    audit_overrides_add (o, name, nlen, value, vlen);
  else
    audit_overrides_add_bad_value (o);
  return 0;
}

/* The overrides of the vars: argument, or NULL when it is not given. */
static audit_overrides *
overrides_arg (nasl_call *call)
{
  const nasl_value *vars = nasl_arg (call, "vars");
  audit_overrides *o;

  if (vars == NULL || vars->type == NASL_TYPE_NULL)
    return NULL;
  o = audit_overrides_new ();
  if (vars->type == NASL_TYPE_ARRAY)
    nasl_array_foreach (vars, add_override, o);
  else
    audit_overrides_not_a_table (o);
  return o;
}

nasl_value
audit_bind_parse (nasl_call *call)
{
  size_t len = 0, nlen = 0;
  const char *data = nasl_arg_str (call, "data", &len);
  const char *name_arg = nasl_arg_str (call, "name", &nlen);
  char *name;
  GError *error = NULL;
  audit_overrides *overrides;
  audit_doc *doc;
  nasl_value out;

  if (data == NULL)
    {
      nasl_call_bad_arg (call, "data", "string");
      return NASL_NULL;
    }
  overrides = overrides_arg (call);
  if (overrides != NULL && audit_overrides_error (overrides) != NULL)
    {
      nasl_call_error (call, "%s", audit_overrides_error (overrides));
      audit_overrides_free (overrides);
      return NASL_NULL;
    }
  name = name_arg ? g_strndup (name_arg, nlen) : NULL;
  doc = audit_parse_string (data, len, name, overrides ? audit_overrides_opts (overrides) : NULL,
                            &error);
  audit_overrides_free (overrides);
  if (doc == NULL)
    out = error_value (error ? error->message : "cannot parse the audit data");
  else
    out = audit_bind_doc_value (doc, name);
  g_clear_error (&error);
  audit_doc_free (doc);
  g_free (name);
  return out;
}

/* }===================================================================== */

/* {=====================================================================
** netstat_parse(data:)
** ====================================================================== */

/*
** A listing of 100,000 rows becomes 100,000 small arrays: their keys are
** made once per call and shared by every row, and the short texts that
** repeat (protocols, states, addresses, process names) are shared too.
** The pool remembers at most TEXT_POOL_MAX distinct texts: a listing of
** unique addresses costs no more than one without the pool.  A row's
** "processes" list (a list of [name, pid] pairs, two arrays and more for one
** process) is shared the same way by the rows of the same processes: most
** of a big listing is a few programs holding many sockets.
*/
#define TEXT_POOL_MAX 1024
#define PROCS_POOL_MAX 4096

enum row_key {
  RK_PROTO, RK_FAMILY, RK_LOCAL_ADDR, RK_LOCAL_PORT, RK_REMOTE_ADDR, RK_REMOTE_PORT,
  RK_STATE, RK_PID, RK_PROCESS, RK_PROCESSES, RK_SERVICE, RK_LINE, RK_COUNT
};

static const char *const row_key_names[RK_COUNT] = {
  "proto", "family", "local_addr", "local_port", "remote_addr", "remote_port",
  "state", "pid", "process", "processes", "service", "line",
};

typedef struct row_builder {
  builder b;
  nasl_value keys[RK_COUNT];
  GHashTable *pool; /* text -> nasl_value* (the key points into the value) */
  nasl_value last;  /* the last text made outside the full pool */
  GHashTable *procs; /* processes_signature() -> nasl_value* (a processes list) */
  GString *sig;      /* scratch for processes_signature() */
} row_builder;

static void
pooled_free (gpointer p)
{
  nasl_value_free (p);
  g_free (p);
}

/* 'pooled': for many rows (netstat_parse); else for one (netstat_row),
** where pools would cost more than they save. */
static void
row_builder_init (row_builder *rb, bool pooled)
{
  rb->b.failed = false;
  for (int k = 0; k < RK_COUNT; k++)
    rb->keys[k] = nasl_value_string (row_key_names[k], strlen (row_key_names[k]));
  rb->last = NASL_NULL;
  rb->pool = rb->procs = NULL;
  rb->sig = NULL;
  if (!pooled)
    return;
  rb->pool = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pooled_free);
  rb->procs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pooled_free);
  rb->sig = g_string_new (NULL);
}

static void
row_builder_clear (row_builder *rb)
{
  for (int k = 0; k < RK_COUNT; k++)
    nasl_value_free (&rb->keys[k]);
  nasl_value_free (&rb->last);
  if (rb->pool == NULL)
    return;
  g_hash_table_destroy (rb->pool);
  g_hash_table_destroy (rb->procs);
  g_string_free (rb->sig, TRUE);
}

/* A data value of 's' (no NUL inside), shared with earlier equal ones. */
static nasl_value
pooled_text (row_builder *rb, const char *s)
{
  if (rb->pool == NULL)
    return nasl_value_data_cstr (s);
  nasl_value *v = g_hash_table_lookup (rb->pool, s);
  if (v != NULL)
    return nasl_value_copy (v);
  const char *last = nasl_value_bytes (&rb->last, NULL);
  if (last != NULL && strcmp (last, s) == 0)
    return nasl_value_copy (&rb->last);
  nasl_value fresh = nasl_value_data_cstr (s);
  if (g_hash_table_size (rb->pool) >= TEXT_POOL_MAX)
    {
      /* a row's process name comes again in its "processes" */
      nasl_value_free (&rb->last);
      rb->last = nasl_value_copy (&fresh);
      return fresh;
    }
  v = g_new (nasl_value, 1);
  *v = nasl_value_copy (&fresh);
  g_hash_table_insert (rb->pool, (gpointer) nasl_value_bytes (v, NULL), v);
  return fresh;
}

static void
row_put (row_builder *rb, nasl_value *arr, enum row_key k, nasl_value v)
{
  if (nasl_array_set_key_value (arr, &rb->keys[k], v) != 0)
    rb->b.failed = true;
}

/* Nothing is stored for a NULL text: the key stays undefined. */
static void
row_put_text (row_builder *rb, nasl_value *arr, enum row_key k, const char *s)
{
  if (s != NULL)
    row_put (rb, arr, k, pooled_text (rb, s));
}

/* A port as NASL sees it: int, the service name when one was printed, or
** nothing for "*". */
static void
row_put_port (row_builder *rb, nasl_value *arr, enum row_key k, int port, const char *service)
{
  if (port >= 0)
    row_put (rb, arr, k, nasl_value_int (port));
  else
    row_put_text (rb, arr, k, service);
}

/* The row's [name, pid] pairs as a new list. */
static nasl_value
processes_list (row_builder *rb, const netstat_row *row)
{
  nasl_value list = nasl_value_array ();
  for (size_t i = 0; i < row->n_processes; i++)
    {
      const netstat_process *p = &row->processes[i];
      nasl_value pair = nasl_value_array ();
      put_index (&rb->b, &pair, 0, pooled_text (rb, p->name ? p->name : ""));
      if (p->pid >= 0)
        put_index (&rb->b, &pair, 1, nasl_value_int ((long) p->pid));
      push_val (&rb->b, &list, pair);
    }
  return list;
}

/* A text that tells the row's processes apart: every name with its length
** (names hold any byte but NUL) and every pid, in order. */
static const char *
processes_signature (row_builder *rb, const netstat_row *row)
{
  g_string_truncate (rb->sig, 0);
  for (size_t i = 0; i < row->n_processes; i++)
    {
      const char *name = row->processes[i].name ? row->processes[i].name : "";
      g_string_append_printf (rb->sig, "%zu:%s:%" PRId64 ";", strlen (name), name,
                              (int64_t) row->processes[i].pid);
    }
  return rb->sig->str;
}

/* The row's processes list, shared with earlier rows of the same processes
** while the pool has room (a shared list is copied on write, as any NASL
** value). */
static nasl_value
pooled_processes (row_builder *rb, const netstat_row *row)
{
  if (rb->procs == NULL)
    return processes_list (rb, row);
  const char *sig = processes_signature (rb, row);
  nasl_value *v = g_hash_table_lookup (rb->procs, sig);
  if (v != NULL)
    return nasl_value_copy (v);
  nasl_value fresh = processes_list (rb, row);
  if (g_hash_table_size (rb->procs) < PROCS_POOL_MAX)
    {
      v = g_new (nasl_value, 1);
      *v = nasl_value_copy (&fresh);
      g_hash_table_insert (rb->procs, g_strdup (sig), v);
    }
  return fresh;
}

static nasl_value
netstat_row_value (row_builder *rb, const netstat_row *row)
{
  nasl_value arr = nasl_value_array ();

  row_put_text (rb, &arr, RK_PROTO, row->proto);
  if (row->family == 4 || row->family == 6)
    row_put (rb, &arr, RK_FAMILY, nasl_value_int (row->family));
  row_put_text (rb, &arr, RK_LOCAL_ADDR, row->local_addr);
  row_put_port (rb, &arr, RK_LOCAL_PORT, row->local_port, row->local_service);
  row_put_text (rb, &arr, RK_REMOTE_ADDR, row->remote_addr);
  row_put_port (rb, &arr, RK_REMOTE_PORT, row->remote_port, row->remote_service);
  row_put_text (rb, &arr, RK_STATE, row->state);
  if (row->pid >= 0)
    row_put (rb, &arr, RK_PID, nasl_value_int ((long) row->pid));
  row_put_text (rb, &arr, RK_PROCESS, row->process);
  if (row->n_processes > 0)
    row_put (rb, &arr, RK_PROCESSES, pooled_processes (rb, row));
  row_put_text (rb, &arr, RK_SERVICE, row->service);
  row_put (rb, &arr, RK_LINE, nasl_value_int ((long) row->line_no));
  return arr;
}

typedef struct rows_out {
  row_builder rb;
  nasl_value list;
  GString *packed; /* NULL: rows as arrays */
} rows_out;

static void
push_row (const netstat_row *row, void *ud)
{
  rows_out *o = ud;
  if (o->rb.b.failed)
    return;
  if (o->packed == NULL)
    {
      push_val (&o->rb.b, &o->list, netstat_row_value (&o->rb, row));
      return;
    }
  g_string_truncate (o->packed, 0);
  netstat_row_pack (row, o->packed);
  push_val (&o->rb.b, &o->list, nasl_value_data (o->packed->str, o->packed->len));
}

/* The rows are made as the parser completes them (netstat_options.on_row):
** the parser's own table of a big listing never exists beside the NASL one.
** With packed:TRUE each row is a data string (netstat_pack.c) that
** netstat_row() turns back into the array: about 100 bytes a row instead
** of about a kilobyte, for plugins that keep every row of a big listing. */
nasl_value
audit_bind_netstat_parse (nasl_call *call)
{
  size_t len = 0;
  const char *data = nasl_arg_str (call, "data", &len);
  rows_out o = { .list = nasl_value_array () };
  netstat_options opts = { .on_row = push_row, .on_row_ud = &o };

  if (data == NULL)
    return o.list;
  row_builder_init (&o.rb, true);
  if (nasl_arg_int (call, "packed", 0))
    o.packed = g_string_new (NULL);
  netstat_result_free (netstat_parse (data, len, &opts));
  row_builder_clear (&o.rb);
  if (o.packed != NULL)
    g_string_free (o.packed, TRUE);
  return o.rb.b.failed ? build_failed (call, &o.list) : o.list;
}

/*
** netstat_row(packed:) -> the row array netstat_parse(data:) gives, from
** one element of netstat_parse(data:, packed:TRUE); NULL and a diagnostic
** for anything else.
*/
nasl_value
audit_bind_netstat_row (nasl_call *call)
{
  size_t len = 0;
  const char *packed = nasl_arg_str (call, "packed", &len);
  ext_arena ar = { 0 };
  netstat_row row;
  row_builder rb;
  nasl_value out = NASL_NULL;

  if (packed == NULL || !netstat_row_unpack (packed, len, &row, &ar))
    {
      ext_arena_free (&ar);
      nasl_call_error (call, "not a row of netstat_parse(packed:TRUE)");
      return NASL_NULL;
    }
  row_builder_init (&rb, false);
  out = netstat_row_value (&rb, &row);
  row_builder_clear (&rb);
  ext_arena_free (&ar);
  return rb.b.failed ? build_failed (call, &out) : out;
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
  builder b = { false };
  netstat_result *res = netstat_parse_summary (data ? data : "", data ? len : 0);

  put_cstr (&b, &out, "format", netstat_format_name (res->format));
  put_int (&b, &out, "rows", (long) res->n_rows);
  put_int (&b, &out, "lines", (long) res->n_lines);
  put_int (&b, &out, "unparsed", (long) res->n_unparsed);
  put_int (&b, &out, "first_unparsed_line", (long) res->first_unparsed_line);
  put_int (&b, &out, "has_pids", res->has_pids ? 1 : 0);
  put_int (&b, &out, "truncated", res->truncated ? 1 : 0);
  netstat_result_free (res);
  return b.failed ? build_failed (call, &out) : out;
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
  builder b = { false };
  tasklist_result *res;

  if (data == NULL)
    return out;
  res = tasklist_parse (data, len, NULL);
  for (size_t i = 0; i < res->n_rows && !b.failed; i++)
    {
      const tasklist_row *row = &res->rows[i];
      nasl_value arr = nasl_value_array (), services = nasl_value_array ();
      char key[24];

      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, (gint64) row->pid);
      put_cstr (&b, &arr, "image", row->image);
      put_int (&b, &arr, "pid", (long) row->pid);
      for (size_t s = 0; s < row->n_services; s++)
        push_val (&b, &services, nasl_value_data_cstr (row->services[s]));
      put_val (&b, &arr, "services", services);
      put_val (&b, &out, key, arr);
    }
  tasklist_result_free (res);
  return b.failed ? build_failed (call, &out) : out;
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

/*
** audit_ports_validate(spec:) -> NULL when SPEC is a valid port list, else
** the message audit_ports_match would give (as data, no diagnostic).  A
** valid list is compiled once and cached for audit_ports_match.  A missing
** or undefined spec is an error too (never NULL): the parameter is declared
** optional in the table only so that this function sees the call.
*/
nasl_value
audit_bind_ports_validate (nasl_call *call)
{
  bind_data *d = nasl_call_module_data (call);
  size_t len = 0;
  const char *spec = nasl_arg_str (call, "spec", &len);
  audit_portspec *ps;
  GBytes *key;
  char *err = NULL;
  nasl_value out;

  if (spec == NULL)
    {
      nasl_call_bad_arg (call, "spec", "string");
      return nasl_value_data_cstr ("missing argument 'spec'");
    }
  key = g_bytes_new (spec, len);
  if (d != NULL && g_hash_table_lookup (d->ports, key) != NULL)
    {
      g_bytes_unref (key);
      return NASL_NULL;
    }
  ps = audit_portspec_new (spec, len, &err);
  if (ps == NULL)
    {
      g_bytes_unref (key);
      out = nasl_value_data_cstr (err);
      g_free (err);
      return out;
    }
  if (d != NULL)
    cache_put (d->ports, key, ps);
  else
    {
      audit_portspec_free (ps);
      g_bytes_unref (key);
    }
  return NASL_NULL;
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
  builder b = { false };
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
    push_val (&b, &out, nasl_value_data_cstr (g_ptr_array_index (files, i)));
  g_ptr_array_free (files, TRUE);
  return b.failed ? build_failed (call, &out) : out;
}

/* }===================================================================== */

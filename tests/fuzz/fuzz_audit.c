/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_audit.c: libFuzzer harness for the .audit parser (audit_parse_string). */
/* FUZZ-SOURCES: nasl-ext/audit_parse.c nasl-ext/audit_text.c nasl-ext/audit_vars.c */
/* FUZZ-PKGS: glib-2.0 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "audit.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Every string of a document is valid UTF-8 (NULL is fine). */
static void
check_utf8 (const char *s)
{
  if (s && !g_utf8_validate (s, -1, NULL))
    __builtin_trap ();
}

/* Touch every field so the sanitizers see any bad pointer or length, and
** check the invariants: UTF-8 strings, no key twice but "info", <if>
** nesting within AUDIT_MAX_IF_DEPTH. */
static bool
touch_node (const audit_node *n, unsigned depth, void *user)
{
  size_t *sum = user;
  size_t i;

  if (depth > AUDIT_MAX_IF_DEPTH || (n->kind == AUDIT_NODE_IF && depth >= AUDIT_MAX_IF_DEPTH))
    __builtin_trap ();
  check_utf8 (n->group);
  *sum += n->line + depth + (n->group ? strlen (n->group) : 0);
  for (i = 0; i < n->n_kvs; i++)
    {
      const audit_kv *kv = &n->kvs[i];
      if (strlen (kv->value) != kv->value_len || kv->count == 0
          || audit_node_find (n, kv->key) != kv
          || (kv->count > 1 && g_ascii_strcasecmp (kv->key, AUDIT_REPEATABLE_KEY) != 0))
        __builtin_trap ();
      check_utf8 (kv->key);
      check_utf8 (kv->value);
      *sum += kv->value_len + strlen (kv->key) + kv->line;
    }
  for (i = 0; i + 1 < n->n_kvs; i++)
    for (size_t j = i + 1; j < n->n_kvs && n->n_kvs < 64; j++)
      if (g_ascii_strcasecmp (n->kvs[i].key, n->kvs[j].key) == 0)
        __builtin_trap ();
  if (n->report_type)
    *sum += strlen (n->report_type);
  check_utf8 (n->report_type);
  check_utf8 (n->auto_result);
  if (n->kind == AUDIT_NODE_IF && n->condition_type == NULL)
    __builtin_trap ();
  return true;
}

/* The blocks partition the root list, in order; each has a non-blank name. */
static void
check_blocks (const audit_doc *doc)
{
  size_t i, k = 0;

  if (doc->n_blocks == 0 || doc->check_type != doc->blocks[0].check_type
      || doc->version != doc->blocks[0].version)
    __builtin_trap ();
  for (i = 0; i < doc->n_blocks; i++)
    {
      const audit_block *b = &doc->blocks[i];
      const char *c = b->check_type;

      check_utf8 (b->check_type);
      check_utf8 (b->version);
      while (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\v' || *c == '\f')
        c++;
      if (*c == '\0' || b->line == 0 || (i > 0 && b->line < doc->blocks[i - 1].line))
        __builtin_trap ();
      for (size_t j = 0; j < b->items.len; j++, k++)
        if (k >= doc->root.len || doc->root.nodes[k] != b->items.nodes[j])
          __builtin_trap ();
    }
  if (k != doc->root.len)
    __builtin_trap ();
}

/* The header's name and version: valid UTF-8, non-blank, trimmed, one line. */
static void
check_meta (const char *s)
{
  size_t n;

  if (s == NULL)
    return;
  check_utf8 (s);
  n = strlen (s);
  if (n == 0 || g_ascii_isspace (s[0]) || g_ascii_isspace (s[n - 1]) || strchr (s, '\n'))
    __builtin_trap ();
}

/*
** The overrides: fixed ones, or (every third input) a vars: table whose
** one entry is cut from the input's first bytes (any bytes: NUL, names
** @NAME@ cannot spell, invalid UTF-8).  A table is refused exactly when it
** holds a NUL byte.
*/
static audit_overrides *
input_overrides (const uint8_t *data, size_t size)
{
  audit_overrides *o;
  size_t nlen, vlen;

  if (size % 3 != 0 || size < 2)
    return NULL;
  nlen = data[0] % 8;
  vlen = data[1] % 16;
  if (2 + nlen + vlen > size)
    return NULL;
  o = audit_overrides_new ();
  audit_overrides_add (o, (const char *) data + 2, nlen, (const char *) data + 2 + nlen, vlen);
  if ((audit_overrides_error (o) != NULL)
      != (memchr (data + 2, '\0', nlen + vlen) != NULL))
    __builtin_trap ();
  return o;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const audit_var_override ov[] = {
    { "A", "@A@\\\"x" }, { "PORTS", "1,2" }, { "L1", "caf\xe9 \x80" },
  };
  audit_parse_opts fixed = { ov, 3, (size & 1) != 0 };
  const audit_parse_opts *opts = &fixed;
  audit_overrides *table = input_overrides (data, size);
  GError *err = NULL;
  audit_doc *doc;
  size_t sum = 0, i;

  if (table != NULL && audit_overrides_error (table) == NULL)
    opts = audit_overrides_opts (table);
  doc = audit_parse_string ((const char *) data, size, "fuzz", opts, &err);
  audit_overrides_free (table);
  if (!doc)
    {
      if (!err || strncmp (err->message, "fuzz:", 5) != 0)
        __builtin_trap ();
      check_utf8 (err->message);
      g_error_free (err);
      return 0;
    }
  audit_doc_visit (doc, touch_node, &sum);
  check_blocks (doc);
  check_meta (doc->policy_name);
  check_meta (doc->policy_version);
  for (i = 0; i < doc->n_vars; i++)
    {
      check_utf8 (doc->vars[i].name);
      check_utf8 (doc->vars[i].value);
      sum += strlen (doc->vars[i].name) + strlen (doc->vars[i].value);
    }
  for (i = 0; i < doc->n_groups; i++)
    {
      check_utf8 (doc->groups[i]);
      sum += strlen (doc->groups[i]);
    }
  sum += audit_doc_count (doc, AUDIT_NODE_IF) + strlen (doc->check_type);
  audit_doc_free (doc);
  return (int) (sum & 0);
}

/* fuzz_audit.c: libFuzzer harness for the .audit parser (audit_parse_string). */
/* FUZZ-SOURCES: nasl-ext/audit_parse.c nasl-ext/audit_text.c */
/* FUZZ-PKGS: glib-2.0 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "audit.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Touch every field so the sanitizers see any bad pointer or length. */
static bool
touch_node (const audit_node *n, unsigned depth, void *user)
{
  size_t *sum = user;
  size_t i;

  *sum += n->line + depth + (n->group ? strlen (n->group) : 0);
  for (i = 0; i < n->n_kvs; i++)
    {
      const audit_kv *kv = &n->kvs[i];
      if (strlen (kv->value) != kv->value_len || kv->count == 0
          || audit_node_find (n, kv->key) == NULL)
        __builtin_trap ();
      *sum += kv->value_len + strlen (kv->key) + kv->line;
    }
  if (n->report_type)
    *sum += strlen (n->report_type);
  if (n->kind == AUDIT_NODE_IF && n->condition_type == NULL)
    __builtin_trap ();
  return true;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const audit_var_override ov[] = { { "A", "@A@\\\"x" }, { "PORTS", "1,2" } };
  audit_parse_opts opts = { ov, 2, (size & 1) != 0 };
  GError *err = NULL;
  audit_doc *doc;
  size_t sum = 0, i;

  doc = audit_parse_string ((const char *) data, size, "fuzz", &opts, &err);
  if (!doc)
    {
      if (!err || strncmp (err->message, "fuzz:", 5) != 0)
        __builtin_trap ();
      g_error_free (err);
      return 0;
    }
  audit_doc_visit (doc, touch_node, &sum);
  for (i = 0; i < doc->n_vars; i++)
    sum += strlen (doc->vars[i].name) + strlen (doc->vars[i].value);
  for (i = 0; i < doc->n_groups; i++)
    sum += strlen (doc->groups[i]);
  sum += audit_doc_count (doc, AUDIT_NODE_IF) + strlen (doc->check_type);
  audit_doc_free (doc);
  return (int) (sum & 0);
}

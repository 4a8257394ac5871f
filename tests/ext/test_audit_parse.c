/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_audit_parse.c: unit tests of the .audit parser (nasl-ext/audit.h). */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/mman.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "audit.h"

/* {====================================================================
** Helpers
** ===================================================================== */

/* A textual picture of a subtree, to compare trees and check shapes:
** C = custom_item, I = item, R:TYPE = report, IF(type){cond}{then}{else}. */
static void
shape_list (GString *out, const audit_list *list)
{
  size_t i;

  for (i = 0; i < list->len; i++)
    {
      const audit_node *n = list->nodes[i];

      if (i)
        g_string_append_c (out, ',');
      switch (n->kind)
        {
        case AUDIT_NODE_CUSTOM_ITEM:
          g_string_append_c (out, 'C');
          break;
        case AUDIT_NODE_ITEM:
          g_string_append_c (out, 'I');
          break;
        case AUDIT_NODE_REPORT:
          g_string_append_printf (out, "R:%s", n->report_type);
          break;
        case AUDIT_NODE_IF:
          g_string_append_printf (out, "IF(%s%s%s){", n->condition_type,
                                  n->auto_result ? "," : "",
                                  n->auto_result ? n->auto_result : "");
          shape_list (out, &n->condition);
          g_string_append (out, "}{");
          shape_list (out, &n->then_list);
          g_string_append (out, "}");
          if (n->has_else)
            {
              g_string_append (out, "{");
              shape_list (out, &n->else_list);
              g_string_append (out, "}");
            }
          break;
        }
    }
}

static char *
shape (const audit_doc *doc)
{
  GString *out = g_string_new (NULL);
  shape_list (out, &doc->root);
  return g_string_free (out, FALSE);
}

/* A full dump (every field) used to check that both entry points agree. */
static bool
dump_node (const audit_node *n, unsigned depth, void *user)
{
  GString *out = user;
  size_t i;

  g_string_append_printf (out, "%u %s L%u g=%s t=%s c=%s a=%s cl=%u %d%d\n", depth,
                          audit_node_kind_name (n->kind), n->line,
                          n->group ? n->group : "-", n->report_type ? n->report_type : "-",
                          n->condition_type ? n->condition_type : "-",
                          n->auto_result ? n->auto_result : "-", n->condition_line,
                          n->has_then, n->has_else);
  for (i = 0; i < n->n_kvs; i++)
    g_string_append_printf (out, "  %s x%u L%u %zu [%s]\n", n->kvs[i].key, n->kvs[i].count,
                            n->kvs[i].line, n->kvs[i].value_len, n->kvs[i].value);
  return true;
}

static char *
dump (const audit_doc *doc)
{
  GString *out = g_string_new (NULL);
  size_t i;

  g_string_append_printf (out, "%s/%s\n", doc->check_type,
                          doc->version ? doc->version : "-");
  for (i = 0; i < doc->n_blocks; i++)
    g_string_append_printf (out, "block %s/%s L%u n=%zu\n", doc->blocks[i].check_type,
                            doc->blocks[i].version ? doc->blocks[i].version : "-",
                            doc->blocks[i].line, doc->blocks[i].items.len);
  for (i = 0; i < doc->n_groups; i++)
    g_string_append_printf (out, "group %s\n", doc->groups[i]);
  for (i = 0; i < doc->n_vars; i++)
    g_string_append_printf (out, "var %s=%s\n", doc->vars[i].name, doc->vars[i].value);
  g_string_append_printf (out, "policy %s/%s\n", doc->policy_name ? doc->policy_name : "-",
                          doc->policy_version ? doc->policy_version : "-");
  audit_doc_visit (doc, dump_node, out);
  return g_string_free (out, FALSE);
}

/* Per-test scratch directory for the file entry point. */
typedef struct fixture {
  char *dir;
} fixture;

static int
setup (void **state)
{
  fixture *f = g_new0 (fixture, 1);
  f->dir = g_dir_make_tmp ("audit-test-XXXXXX", NULL);
  assert_non_null (f->dir);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  fixture *f = *state;
  GDir *d = g_dir_open (f->dir, 0, NULL);
  const char *e;

  while (d && (e = g_dir_read_name (d)))
    {
      char *p = g_build_filename (f->dir, e, NULL);
      g_unlink (p);
      g_free (p);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static char *
write_tmp (void **state, const char *name, const char *data, size_t len)
{
  fixture *f = *state;
  char *path = g_build_filename (f->dir, name, NULL);
  assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

/*
** Parse DATA with both entry points (string named "t.audit", and a file
** t.audit in the scratch dir), check they agree, and return the string
** result.
*/
static audit_doc *
parse_both_opts (void **state, const char *data, size_t len, const audit_parse_opts *opts)
{
  GError *err = NULL;
  audit_doc *doc = audit_parse_string (data, len, "t.audit", opts, &err);
  char *path = write_tmp (state, "t.audit", data, len);
  audit_doc *fdoc;
  char *a, *b;

  if (!doc)
    fail_msg ("unexpected error: %s", err->message);
  fdoc = audit_parse_file (path, opts, &err);
  if (!fdoc)
    fail_msg ("unexpected file error: %s", err->message);
  a = dump (doc);
  b = dump (fdoc);
  assert_string_equal (a, b);
  g_free (a);
  g_free (b);
  audit_doc_free (fdoc);
  g_free (path);
  return doc;
}

static audit_doc *
parse_both (void **state, const char *text)
{
  return parse_both_opts (state, text, strlen (text), NULL);
}

/* Check that DATA fails with "NAME:EXPECTED" through both entry points
** (NAME is "t.audit" for the string and the path for the file). */
static void
expect_error_len (void **state, const char *data, size_t len, int code, const char *expected)
{
  GError *err = NULL;
  audit_doc *doc = audit_parse_string (data, len, "t.audit", NULL, &err);
  char *path = write_tmp (state, "t.audit", data, len);
  char *want;

  assert_null (doc);
  assert_non_null (err);
  want = g_strdup_printf ("t.audit:%s", expected);
  assert_string_equal (err->message, want);
  assert_int_equal (err->code, code);
  assert_true (err->domain == AUDIT_ERROR);
  g_free (want);
  g_clear_error (&err);

  doc = audit_parse_file (path, NULL, &err);
  assert_null (doc);
  assert_non_null (err);
  want = g_strdup_printf ("%s:%s", path, expected);
  assert_string_equal (err->message, want);
  assert_int_equal (err->code, code);
  g_free (want);
  g_clear_error (&err);
  g_free (path);
}

static void
expect_error (void **state, const char *text, const char *expected)
{
  expect_error_len (state, text, strlen (text), AUDIT_ERROR_SYNTAX, expected);
}

static const audit_node *
root_node (const audit_doc *doc, size_t i)
{
  assert_true (i < doc->root.len);
  return doc->root.nodes[i];
}

static char *
path_in (const char *envvar, const char *sub, const char *file)
{
  const char *base = g_getenv (envvar);
  if (!base)
    return NULL;
  return g_build_filename (base, sub, file, NULL);
}

/* Parse a shipped sample (tests/samples/audits/NAME) through both entry
** points; skips when SAMPLES_DIR is not set. */
static audit_doc *
load_sample (void **state, const char *name)
{
  char *path = path_in ("SAMPLES_DIR", "audits", name);
  char *data;
  gsize len;
  audit_doc *doc;

  if (!path)
    {
      print_message ("SAMPLES_DIR not set: run through 'make check'\n");
      skip ();
    }
  assert_true (g_file_get_contents (path, &data, &len, NULL));
  doc = parse_both_opts (state, data, len, NULL);
  g_free (data);
  g_free (path);
  return doc;
}

static const char *WIN_HEAD = "<check_type:\"Windows\" version:\"2\">\n";

/* WIN_HEAD + BODY + closing tag. */
static char *
win (const char *body)
{
  return g_strconcat (WIN_HEAD, body, "</check_type>\n", NULL);
}

/* }==================================================================== */

/* {====================================================================
** Real samples
** ===================================================================== */

static void
test_sample_windows_firewall (void **state)
{
  audit_doc *doc = load_sample (state, "nsa_shb_WindowsFirewall.audit");
  const audit_node *n, *item;
  const audit_kv *kv;

  assert_string_equal (doc->check_type, "Windows");
  assert_string_equal (doc->version, "2");
  assert_int_equal (doc->n_groups, 1);
  assert_string_equal (doc->groups[0], "Windows Firewall");
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM), 52);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_REPORT), 49);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 25);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_ITEM), 0);

  n = root_node (doc, 0);
  assert_int_equal (n->kind, AUDIT_NODE_IF);
  assert_int_equal (n->line, 12);
  assert_int_equal (n->condition_line, 13);
  assert_string_equal (n->condition_type, "and");
  assert_null (n->auto_result);
  assert_int_equal (n->condition.len, 2);
  assert_int_equal (n->then_list.len, 8);
  assert_int_equal (n->else_list.len, 1);
  assert_string_equal (n->group, "Windows Firewall");

  item = n->condition.nodes[0];
  assert_int_equal (item->line, 15);
  assert_int_equal (item->n_kvs, 5);
  assert_string_equal (audit_node_get (item, "type"), "AUDIT_POWERSHELL");
  assert_string_equal (audit_node_get (item, "powershell_args"),
                       "Get-WmiObject -Class 'Win32_ComputerSystem' | Select-Object -ExpandProperty PartOfDomain");

  /* then[0] is <if> (or) whose first item repeats "info" and has a
  ** registry key ending in a backslash right before the quote */
  n = n->then_list.nodes[0];
  assert_int_equal (n->kind, AUDIT_NODE_IF);
  assert_int_equal (n->line, 38);
  assert_string_equal (n->condition_type, "or");
  item = n->condition.nodes[0];
  assert_int_equal (item->line, 40);
  kv = audit_node_find (item, "info");
  assert_non_null (kv);
  assert_int_equal (kv->count, 2);
  assert_int_equal (kv->line, 43);
  assert_string_equal (kv->value,
                       "Severity: CAT II\n"
                       "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile\\EnableFirewall (DWORD:1)");
  assert_string_equal (audit_node_get (item, "reg_key"),
                       "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\DomainProfile\\");
  assert_string_equal (audit_node_get (item, "value_data"), "1");
  assert_string_equal (audit_node_get (item, "severity"), "MEDIUM");
  assert_int_equal (audit_node_find (item, "severity")->line, 49);
  assert_int_equal (n->then_list.len, 1);
  assert_string_equal (n->then_list.nodes[0]->report_type, "PASSED");
  assert_int_equal (n->then_list.nodes[0]->line, 64);
  assert_string_equal (n->else_list.nodes[0]->report_type, "FAILED");
  audit_doc_free (doc);
}

static void
test_sample_os_and_role (void **state)
{
  audit_doc *doc = load_sample (state, "v9y_Check_Windows_OS_and_Role.audit");
  char *s = shape (doc);
  const audit_node *n, *item;

  /* commented-out items and blocks are gone; 7 levels of nesting */
  assert_string_equal (s,
                       "IF(and){C}{C,IF(and){C}{C}{IF(and){C}{C}{C}}}{C},"
                       "IF(and){C}{C,IF(and){C}{R:PASSED}{IF(and){C}{R:PASSED}{IF(and){C}{R:PASSED}"
                       "{IF(and){C}{R:PASSED}{IF(and){C}{R:PASSED}{IF(and){C}{R:PASSED}{C}}}}}}}{C}");
  g_free (s);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM), 18);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_REPORT), 6);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 10);
  assert_int_equal (doc->n_groups, 1);
  assert_string_equal (doc->groups[0], "CIS Microsoft Windows Server any Benchmark");

  n = root_node (doc, 0);
  assert_int_equal (n->line, 35);
  item = n->condition.nodes[0];
  assert_int_equal (item->line, 37);
  assert_string_equal (audit_node_get (item, "value_data"), "0 || 1 || 2 || 3 || 4 || 5");

  /* multi-line info: kept with its line breaks and indentation */
  item = n->then_list.nodes[0];
  assert_int_equal (item->line, 49);
  assert_string_equal (audit_node_get (item, "info"),
                       "The DomainRole value corresponds to the type of system role the machine has in a domain. Below are the possible values:\n"
                       "                       0: Standalone Workstation\n"
                       "                       1: Member Workstation\n"
                       "                       2: Standalone Server\n"
                       "                       3: Member Server\n"
                       "                       4: Backup Domain Controller (BDC)\n"
                       "                       5: Primary Domain Controller (PDC)");
  assert_int_equal (audit_node_find (item, "info")->line, 52);
  assert_int_equal (audit_node_find (item, "value_type")->line, 59);

  /* the item that survives inside the commented-out <if> */
  n = n->then_list.nodes[1]->else_list.nodes[0];
  item = n->else_list.nodes[0];
  assert_int_equal (item->line, 149);
  assert_string_equal (audit_node_get (item, "description"), "Not a DC Server / MS Server");
  assert_string_equal (audit_node_get (item, "value_data"), "2 || 3 || 4 || 5");
  assert_int_equal (audit_node_find (item, "wmi_key")->line, 164);

  /* regex escapes other than \\ and \" stay as written */
  n = root_node (doc, 1);
  assert_int_equal (n->line, 187);
  item = n->then_list.nodes[1]->condition.nodes[0];
  assert_string_equal (audit_node_get (item, "value_data"),
                       "^[a-zA-Z0-9\\(\\)\\s]*2022[\\s]*[a-zA-Z0-9\\(\\)\\s:]*$");
  assert_string_equal (audit_node_get (item, "reg_key"),
                       "HKLM\\Software\\Microsoft\\Windows Nt\\Currentversion");
  item = n->then_list.nodes[1]->then_list.nodes[0];
  assert_int_equal (item->kind, AUDIT_NODE_REPORT);
  assert_string_equal (audit_node_get (item, "description"), "Windows Server 2022 found");
  audit_doc_free (doc);
}

static void
test_sample_ssh_status (void **state)
{
  audit_doc *doc = load_sample (state, "v9y_check_ssh_status.audit");
  const audit_node *n;

  assert_string_equal (doc->check_type, "Unix");
  assert_null (doc->version);
  assert_int_equal (doc->n_groups, 0);
  assert_int_equal (doc->root.len, 5);
  n = root_node (doc, 4);
  assert_int_equal (n->line, 39);
  assert_null (n->group);
  assert_int_equal (n->n_kvs, 5);
  assert_string_equal (n->kvs[0].key, "system");
  assert_string_equal (audit_node_get (n, "cmd"),
                       "sudo -n true 2>/dev/null && echo \"Sudo privileges present\" || echo \"Don't have sudo privileges\"");
  n = root_node (doc, 2);
  assert_string_equal (audit_node_get (n, "regex"),
                       "^User[[:space:]]+\\S+[[:space:]]+may[[:space:]]+run[[:space:]]+the[[:space:]]+following[[:space:]]+commands[[:space:]]+on[[:space:]]+this[[:space:]]+host:");
  audit_doc_free (doc);
}

static void
test_sample_chrome (void **state)
{
  audit_doc *doc = load_sample (state, "nsa_shb_GoogleChrome.audit");
  const audit_node *n;
  size_t i, ifs = 0;

  assert_string_equal (doc->groups[0], "Google Chrome Web Broswer");
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM), 43);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_REPORT), 8);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 5);
  for (i = 0; i < doc->root.len; i++)
    if (doc->root.nodes[i]->kind == AUDIT_NODE_IF)
      {
        n = doc->root.nodes[i];
        assert_string_equal (n->condition_type, "or");
        ifs++;
      }
  assert_true (ifs >= 1);
  audit_doc_free (doc);
}

static void
test_sample_others (void **state)
{
  audit_doc *doc = load_sample (state, "nsa_shb_InternetExplorer11.audit");
  const audit_node *n;

  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM), 134);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_REPORT), 1);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 1);
  assert_string_equal (doc->groups[0], "Internet Explorer (IE) 11 Audit Policy");
  audit_doc_free (doc);

  doc = load_sample (state, "nsa_shb_AdobeReaderDC.audit");
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM), 35);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_REPORT), 1);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 1);
  audit_doc_free (doc);

  doc = load_sample (state, "v9y_Check_WMI_RemoteRegistry_access.audit");
  assert_int_equal (doc->root.len, 2);
  n = root_node (doc, 1);
  assert_int_equal (n->line, 14);
  assert_string_equal (audit_node_get (n, "wmi_request"),
                       "select DomainRole from Win32_ComputerSystem");
  assert_int_equal (audit_node_find (n, "value_type")->line, 24);
  audit_doc_free (doc);
}

/* }==================================================================== */

/* {====================================================================
** Hand-written fixtures
** ===================================================================== */

static void
check_edge_cases (const audit_doc *doc)
{
  const audit_node *n, *r;
  char *s = shape (doc);

  assert_string_equal (s, "C,IF(or,FAILED){I}{R:WARNING},C");
  g_free (s);
  assert_string_equal (doc->check_type, "Windows");
  assert_string_equal (doc->version, "2");
  assert_int_equal (doc->n_groups, 2);
  assert_string_equal (doc->groups[0], "Outer");
  assert_string_equal (doc->groups[1], "Inner");
  assert_int_equal (doc->n_vars, 2);
  assert_string_equal (doc->vars[0].name, "ALLOWED_TCP");
  assert_string_equal (doc->vars[0].value, "80,443");
  assert_string_equal (doc->vars[1].name, "PROC");

  n = root_node (doc, 0);
  assert_int_equal (n->line, 18);
  assert_string_equal (n->group, "Outer");
  assert_string_equal (audit_node_get (n, "description"), "Allowed \"TCP\" ports");
  assert_string_equal (audit_node_get (n, "value_data"), "80,443,8[0-9]+");

  n = root_node (doc, 1);
  assert_int_equal (n->line, 26);
  assert_int_equal (n->condition_line, 27);
  assert_string_equal (n->group, "Inner");
  assert_int_equal (n->condition.nodes[0]->kind, AUDIT_NODE_ITEM);
  assert_string_equal (audit_node_get (n->condition.nodes[0], "value"), "[1..MAX]");
  r = n->then_list.nodes[0];
  assert_int_equal (r->line, 34);
  assert_string_equal (audit_node_get (r, "description"),
                       "multi\nline # not a comment\n  </report> not a tag either");
  assert_string_equal (audit_node_get (r, "info"), "first\nsecond");
  assert_int_equal (audit_node_find (r, "INFO")->count, 2);
  assert_int_equal (audit_node_find (r, "info")->line, 38);

  n = root_node (doc, 2);
  assert_int_equal (n->line, 47);
  assert_string_equal (n->group, "Outer");
  assert_string_equal (audit_node_get (n, "value_data"), "\"svchost.exe\" || \"vss.exe\"");
  assert_string_equal (audit_node_get (n, "reg_key"), "HKLM\\Software\\Policies\\");
  assert_string_equal (audit_node_get (n, "port_no"), "5900");
  assert_string_equal (audit_node_get (n, "x_unknown"), "kept <as> is");
  assert_int_equal (audit_node_find (n, "x_unknown")->line, 53);
}

static void
test_fixture_edge_cases (void **state)
{
  static const char *const files[] = {
    "edge_cases.audit", "edge_cases_utf16le.audit", "edge_cases_utf16be_crlf.audit",
  };
  char *base = NULL;
  size_t i;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      char *path = path_in ("top_srcdir", "tests/ext/fixtures/audit", files[i]);
      char *data;
      gsize len;
      audit_doc *doc;
      char *d;

      if (!path)
        {
          print_message ("top_srcdir not set: run through 'make check'\n");
          skip ();
        }
      assert_true (g_file_get_contents (path, &data, &len, NULL));
      doc = parse_both_opts (state, data, len, NULL);
      check_edge_cases (doc);
      d = dump (doc);
      if (!base)
        base = d;
      else
        {
          assert_string_equal (d, base);
          g_free (d);
        }
      audit_doc_free (doc);
      g_free (data);
      g_free (path);
    }
  g_free (base);
}

/* }==================================================================== */

/* {====================================================================
** Containers and tags
** ===================================================================== */

static void
test_check_type_forms (void **state)
{
  audit_doc *doc;
  const char *t1 = "<check_type : \"Windows\" version : \"2\">\n<custom_item>\n type: X\n</custom_item>\n</check_type>\n";
  const char *t2 = "<check_type\t:\t\"Windows\"\tversion\t:\t\"2\"  >\n</check_type>\n";
  const char *t3 = "<check_type:\"Unix\">\n  <custom_item>\n    type : CMD_EXEC\n  </custom_item>\n</check_type>";
  const char *t4 = "<check_type:'Windows' version:'2'>\n</check_type>\n";

  doc = parse_both (state, t1);
  assert_string_equal (doc->check_type, "Windows");
  assert_string_equal (doc->version, "2");
  assert_int_equal (doc->root.len, 1);
  assert_int_equal (root_node (doc, 0)->line, 2);
  audit_doc_free (doc);

  doc = parse_both (state, t2);
  assert_string_equal (doc->check_type, "Windows");
  assert_string_equal (doc->version, "2");
  assert_int_equal (doc->root.len, 0);
  audit_doc_free (doc);

  doc = parse_both (state, t3);
  assert_string_equal (doc->check_type, "Unix");
  assert_null (doc->version);
  assert_string_equal (audit_node_get (root_node (doc, 0), "type"), "CMD_EXEC");
  audit_doc_free (doc);

  doc = parse_both (state, t4);
  assert_string_equal (doc->check_type, "Windows");
  assert_string_equal (doc->version, "2");
  audit_doc_free (doc);
}

static void
test_group_policy_nesting (void **state)
{
  const char *text = "<check_type:\"Windows\" version:\"2\">\n"
                     "<custom_item>\n type: A\n</custom_item>\n"
                     "<group_policy:\"G1\">\n"
                     "  <custom_item>\n type: B\n  </custom_item>\n"
                     "  <group_policy : \"G2\">\n"
                     "    <if>\n"
                     "      <condition type:\"and\">\n"
                     "        <custom_item>\n type: C\n        </custom_item>\n"
                     "      </condition>\n"
                     "      <then>\n"
                     "        <group_policy:\"G3\">\n"
                     "          <report type:\"PASSED\">\n description: \"d\"\n          </report>\n"
                     "        </group_policy>\n"
                     "      </then>\n"
                     "    </if>\n"
                     "  </group_policy>\n"
                     "  <item>\n name: \"D\"\n  </item>\n"
                     "</group_policy>\n"
                     "</check_type>\n";
  audit_doc *doc = parse_both (state, text);
  const audit_node *n;
  char *s = shape (doc);

  assert_string_equal (s, "C,C,IF(and){C}{R:PASSED},I");
  g_free (s);
  assert_int_equal (doc->n_groups, 3);
  assert_string_equal (doc->groups[0], "G1");
  assert_string_equal (doc->groups[1], "G2");
  assert_string_equal (doc->groups[2], "G3");
  assert_null (doc->groups[3]);
  assert_null (root_node (doc, 0)->group);
  assert_string_equal (root_node (doc, 1)->group, "G1");
  n = root_node (doc, 2);
  assert_string_equal (n->group, "G2");
  assert_int_equal (n->line, 10);
  assert_string_equal (n->condition.nodes[0]->group, "G2");
  assert_string_equal (n->then_list.nodes[0]->group, "G3");
  assert_int_equal (n->then_list.nodes[0]->line, 18);
  assert_string_equal (root_node (doc, 3)->group, "G1");
  assert_int_equal (root_node (doc, 3)->kind, AUDIT_NODE_ITEM);
  audit_doc_free (doc);
}

static void
test_if_forms (void **state)
{
  char *text = win ("<if>\n"
                    "  <condition type:\"AND\" auto:\"failed\">\n"
                    "    <item>\n name: \"x\"\n    </item>\n"
                    "  </condition>\n"
                    "  <then>\n"
                    "    <if>\n"
                    "      <condition type : 'Or'>\n"
                    "        <custom_item>\n type: A\n        </custom_item>\n"
                    "      </condition>\n"
                    "      <then>\n      </then>\n"
                    "      <else>\n"
                    "        <report type:\"warning\">\n description: \"w\"\n        </report>\n"
                    "        <custom_item>\n type: B\n        </custom_item>\n"
                    "      </else>\n"
                    "    </if>\n"
                    "  </then>\n"
                    "</if>\n"
                    "<if><condition type: \"or\"></condition></if>\n"
                    "<if>\n<condition type:\"and\" auto:\"WARNING\">\n</condition>\n<else>\n</else>\n</if>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n;
  char *s = shape (doc);

  assert_string_equal (s, "IF(and,FAILED){I}{IF(or){C}{}{R:WARNING,C}},IF(or){}{},IF(and,WARNING){}{}{}");
  g_free (s);
  n = root_node (doc, 0);
  assert_true (n->has_then);
  assert_false (n->has_else);
  assert_int_equal (n->else_list.len, 0);
  assert_null (n->else_list.nodes);
  assert_int_equal (n->condition_line, 3);
  n = n->then_list.nodes[0];
  assert_int_equal (n->line, 9);
  assert_true (n->has_then);
  assert_true (n->has_else);
  assert_int_equal (n->then_list.len, 0);
  n = root_node (doc, 1);
  assert_false (n->has_then);
  assert_int_equal (n->line, 28);
  assert_int_equal (n->condition_line, 28);
  n = root_node (doc, 2);
  assert_false (n->has_then);
  assert_true (n->has_else);
  audit_doc_free (doc);
  g_free (text);
}

static void
test_items_reports_unknown (void **state)
{
  char *text = win ("<custom_item>\n"
                    "  type        : SOME_FUTURE_CHECK\n"
                    "  my-odd.key  : value with spaces   \n"
                    "  empty       :\n"
                    "  empty2      : \"\"\n"
                    "</custom_item>\n"
                    "<item>\n  name : \"Password history\"\n  value : \"24\"\n</item>\n"
                    "<report type:\"PASSED\">\n  description : \"p\"\n</report>\n"
                    "<report type:\"FAILED\">\n</report>\n"
                    "<report type : 'Warning'>\n  output : \"o\"\n</report>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_int_equal (n->kind, AUDIT_NODE_CUSTOM_ITEM);
  assert_int_equal (n->n_kvs, 4);
  assert_string_equal (audit_node_get (n, "type"), "SOME_FUTURE_CHECK");
  assert_string_equal (audit_node_get (n, "my-odd.key"), "value with spaces");
  assert_string_equal (audit_node_get (n, "empty"), "");
  assert_int_equal (audit_node_find (n, "empty")->value_len, 0);
  assert_string_equal (audit_node_get (n, "empty2"), "");
  assert_null (audit_node_get (n, "missing"));
  assert_null (audit_node_find (n, NULL));
  assert_null (audit_node_get (NULL, "type"));
  assert_null (n->report_type);
  n = root_node (doc, 1);
  assert_int_equal (n->kind, AUDIT_NODE_ITEM);
  assert_string_equal (audit_node_get (n, "name"), "Password history");
  n = root_node (doc, 2);
  assert_string_equal (n->report_type, "PASSED");
  n = root_node (doc, 3);
  assert_string_equal (n->report_type, "FAILED");
  assert_int_equal (n->n_kvs, 0);
  n = root_node (doc, 4);
  assert_string_equal (n->report_type, "WARNING");
  assert_string_equal (audit_node_get (n, "output"), "o");
  assert_string_equal (audit_node_kind_name (AUDIT_NODE_CUSTOM_ITEM), "custom_item");
  assert_string_equal (audit_node_kind_name (AUDIT_NODE_ITEM), "item");
  assert_string_equal (audit_node_kind_name (AUDIT_NODE_REPORT), "report");
  assert_string_equal (audit_node_kind_name (AUDIT_NODE_IF), "if");
  audit_doc_free (doc);
  g_free (text);
}

static void
test_comments_and_debug (void **state)
{
  char *text = g_strconcat ("# leading comment\n"
                            "   # indented comment\n",
                            WIN_HEAD,
                            "#<custom_item>\n"
                            "#  type : GONE\n"
                            "#</custom_item>\n"
                            "<debug /> <debug></debug> <DEBUG/>\n"
                            "<if> # comment after a tag\n"
                            "  # between tags\n"
                            "  <condition type:\"or\">\n"
                            "    <custom_item>\n"
                            "      # inside an item\n"
                            "\t#\ttab comment\n"
                            "      type : A\n"
                            "      <debug/>\n"
                            "      description : \"has # inside\"\n"
                            "    </custom_item>\n"
                            "  </condition>\n"
                            "#  <then>\n"
                            "#    <report type:\"PASSED\">\n"
                            "#    </report>\n"
                            "#  </then>\n"
                            "</if>\n"
                            "</check_type>\n"
                            "# trailing comment\n", NULL);
  audit_doc *doc = parse_both (state, text);
  const audit_node *n;
  char *s = shape (doc);

  assert_string_equal (s, "IF(or){C}{}");
  g_free (s);
  n = root_node (doc, 0);
  assert_int_equal (n->line, 8);
  n = n->condition.nodes[0];
  assert_int_equal (n->line, 11);
  assert_int_equal (n->n_kvs, 2);
  assert_string_equal (audit_node_get (n, "description"), "has # inside");
  assert_int_equal (audit_node_find (n, "description")->line, 16);
  audit_doc_free (doc);
  g_free (text);
}

static void
test_several_tags_per_line (void **state)
{
  char *text = win ("<if><condition type:\"and\"><custom_item>\n"
                    " type: A\n"
                    "</custom_item></condition><then><report type:\"PASSED\">\n"
                    "</report></then><else><report type:\"FAILED\"></report></else></if>\n");
  audit_doc *doc = parse_both (state, text);
  char *s = shape (doc);

  assert_string_equal (s, "IF(and){C}{R:PASSED}{R:FAILED}");
  assert_int_equal (root_node (doc, 0)->else_list.nodes[0]->line, 5);
  g_free (s);
  audit_doc_free (doc);
  g_free (text);
}

static void
test_several_check_type_blocks (void **state)
{
  const char *text = "<check_type:\"Windows\" version:\"2\">\n<custom_item>\n type: A\n</custom_item>\n</check_type>\n"
                     "<check_type:\"Unix\">\n<custom_item>\n type: B\n</custom_item>\n</check_type>\n";
  audit_doc *doc = parse_both (state, text);

  /* the first block, and every node, as before */
  assert_string_equal (doc->check_type, "Windows");
  assert_string_equal (doc->version, "2");
  assert_int_equal (doc->root.len, 2);
  assert_string_equal (audit_node_get (root_node (doc, 1), "type"), "B");
  assert_int_equal (root_node (doc, 1)->line, 7);
  /* each block with its own OS and nodes */
  assert_int_equal (doc->n_blocks, 2);
  assert_string_equal (doc->blocks[0].check_type, "Windows");
  assert_string_equal (doc->blocks[0].version, "2");
  assert_int_equal (doc->blocks[0].line, 1);
  assert_int_equal (doc->blocks[0].items.len, 1);
  assert_ptr_equal (doc->blocks[0].items.nodes[0], root_node (doc, 0));
  assert_string_equal (doc->blocks[1].check_type, "Unix");
  assert_null (doc->blocks[1].version);
  assert_int_equal (doc->blocks[1].line, 6);
  assert_int_equal (doc->blocks[1].items.len, 1);
  assert_ptr_equal (doc->blocks[1].items.nodes[0], root_node (doc, 1));
  audit_doc_free (doc);

  /* groups and ifs stay in their block; an empty block has no nodes; names
  ** are kept as written */
  doc = parse_both (state, "<check_type:\"Unix\">\n<group_policy:\"g\">\n<if>\n<condition type:\"or\">\n"
                           "</condition>\n</if>\n</group_policy>\n</check_type>\n"
                           "<check_type:\"windows \" version:\"2\"></check_type>\n"
                           "<check_type:\"Unix\">\n<item>\n</item>\n<report type:\"PASSED\">\n</report>\n"
                           "</check_type>\n");
  assert_int_equal (doc->n_blocks, 3);
  assert_int_equal (doc->blocks[0].items.len, 1);
  assert_int_equal (doc->blocks[0].items.nodes[0]->kind, AUDIT_NODE_IF);
  assert_string_equal (doc->blocks[1].check_type, "windows ");
  assert_int_equal (doc->blocks[1].line, 9);
  assert_int_equal (doc->blocks[1].items.len, 0);
  assert_null (doc->blocks[1].items.nodes);
  assert_int_equal (doc->blocks[2].items.len, 2);
  assert_int_equal (doc->blocks[2].line, 10);
  assert_int_equal (doc->root.len, 3);
  audit_doc_free (doc);

  /* what is unclear is an error */
  expect_error (state, "<check_type:\"Windows\">\n<check_type:\"Unix\">\n",
                "2: <check_type> inside <check_type> (opened at line 1)");
  expect_error (state, "<check_type:\"Windows\">\n</check_type>\n<item>\n</item>\n",
                "3: <item> outside <check_type>");
  expect_error (state, "<check_type:\"Windows\">\n</check_type>\n<check_type:\"\">\n</check_type>\n",
                "3: <check_type> with an empty name");
  expect_error (state, "<check_type:\" \t\">\n</check_type>\n", "1: <check_type> with an empty name");
}

/* }==================================================================== */

/* {====================================================================
** Keyword lines and values
** ===================================================================== */

static void
test_keyword_whitespace (void **state)
{
  char *text = win ("<custom_item>\n"
                    "type:A\n"
                    "\t\tdescription\t\t:\t\"tabs\"\t\n"
                    "   value_type   :   POLICY_DWORD   \n"
                    "value_data :1\n"
                    "reg_key: \"k\"\n"
                    "</custom_item>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_int_equal (n->n_kvs, 5);
  assert_string_equal (n->kvs[0].key, "type");
  assert_string_equal (n->kvs[0].value, "A");
  assert_string_equal (n->kvs[1].key, "description");
  assert_string_equal (n->kvs[1].value, "tabs");
  assert_string_equal (n->kvs[2].value, "POLICY_DWORD");
  assert_string_equal (n->kvs[3].value, "1");
  assert_string_equal (n->kvs[4].value, "k");
  assert_int_equal (n->kvs[4].line, 7);
  audit_doc_free (doc);
  g_free (text);
}

static void
test_quoting (void **state)
{
  char *text = win ("<custom_item>\n"
                    "  a : \"say \\\"hi\\\" now\"\n"           /* "say \"hi\" now" */
                    "  b : \"back\\\\slash \\\\\\\\ two\"\n"   /* "back\\slash \\\\ two" */
                    "  c : \"regex \\s+\\(x\\) \\. \\' kept\"\n"
                    "  d : 'single \"dq\" and \\' and \\\\'\n"
                    "  e : \"HKLM\\Software\\Policies\\\"\n"  /* trailing \ before quote */
                    "  f : \"ends in escaped quote \\\"\"\n"
                    "  g : \"\"\n"
                    "  h : ''\n"
                    "  i : \"x\\\\\"\n"                        /* "x\\" */
                    "  j : \"unicode é ✓\"\n"
                    "</custom_item>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_string_equal (audit_node_get (n, "a"), "say \"hi\" now");
  assert_string_equal (audit_node_get (n, "b"), "back\\slash \\\\ two");
  assert_string_equal (audit_node_get (n, "c"), "regex \\s+\\(x\\) \\. \\' kept");
  assert_string_equal (audit_node_get (n, "d"), "single \"dq\" and ' and \\");
  assert_string_equal (audit_node_get (n, "e"), "HKLM\\Software\\Policies\\");
  assert_string_equal (audit_node_get (n, "f"), "ends in escaped quote \"");
  assert_string_equal (audit_node_get (n, "g"), "");
  assert_string_equal (audit_node_get (n, "h"), "");
  assert_string_equal (audit_node_get (n, "i"), "x\\");
  assert_string_equal (audit_node_get (n, "j"), "unicode é ✓");
  assert_int_equal (audit_node_find (n, "j")->line, 12);
  audit_doc_free (doc);
  g_free (text);
}

/* Blanks inside quotes are data: "UDP " stays "UDP " (the plugins trim and
** validate port_type and port_no themselves); bare values are trimmed. */
static void
test_values_blanks_kept (void **state)
{
  char *text = win ("<custom_item>\n"
                    "  port_type : \"UDP \"\n"
                    "  port_no   : ' 23\t'\n"
                    "  port_option : CAN_BE_CLOSED  \t\n"
                    "  value_data : \"  \"\n"
                    "  check_type : \" CHECK_REGEX\"   \n"
                    "</custom_item>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_string_equal (audit_node_get (n, "port_type"), "UDP ");
  assert_string_equal (audit_node_get (n, "port_no"), " 23\t");
  assert_string_equal (audit_node_get (n, "port_option"), "CAN_BE_CLOSED");
  assert_string_equal (audit_node_get (n, "value_data"), "  ");
  assert_string_equal (audit_node_get (n, "check_type"), " CHECK_REGEX");
  audit_doc_free (doc);
  g_free (text);
}

static void
test_multiline_values (void **state)
{
  char *text = win ("<custom_item>\n"
                    "  info : \"line one\n"
                    "# not a comment\n"
                    "  <custom_item> not a tag\n"
                    "with \\\"escaped\\\" quote\\\"\n"
                    "last\"\n"
                    "  solution : 'single\r\n"
                    "quoted'\n"
                    "  type : AFTER\n"
                    "</custom_item>\n"
                    "<custom_item>\n"
                    "  x : 1\n"
                    "</custom_item>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_string_equal (audit_node_get (n, "info"),
                       "line one\n# not a comment\n  <custom_item> not a tag\n"
                       "with \"escaped\" quote\"\nlast");
  assert_int_equal (audit_node_find (n, "info")->line, 3);
  assert_string_equal (audit_node_get (n, "solution"), "single\nquoted");
  assert_int_equal (audit_node_find (n, "solution")->line, 8);
  assert_int_equal (audit_node_find (n, "type")->line, 10);
  assert_int_equal (root_node (doc, 1)->line, 12);
  assert_int_equal (audit_node_find (root_node (doc, 1), "x")->line, 13);
  audit_doc_free (doc);
  g_free (text);
}

/* Shapes seen in Tenable CIS policies: a signature comment, multi-line
** info/solution with blank lines and '#' shell prompts, nested quotes. */
static void
test_cis_like (void **state)
{
  const char *text =
    "#TRUSTED 0123abcd\n"
    "#\n"
    "<check_type:\"Unix\">\n"
    "<group_policy:\"CIS Distribution Independent Linux\">\n"
    "<if>\n"
    "  <condition type:\"AND\">\n"
    "    <custom_item>\n"
    "      type        : CMD_EXEC\n"
    "      description : \"Linux is installed\"\n"
    "      cmd         : \"/bin/uname -s\"\n"
    "      expect      : \"^Linux$\"\n"
    "    </custom_item>\n"
    "  </condition>\n"
    "\n"
    "  <then>\n"
    "    <custom_item>\n"
    "      system      : \"Linux\"\n"
    "      type        : CMD_EXEC\n"
    "      description : \"1.1.1.1 Ensure mounting of 'cramfs' is disabled\"\n"
    "      info        : \"The cramfs filesystem type is a compressed read-only filesystem.\n"
    "\n"
    "Rationale:\n"
    "\n"
    "Removing support reduces the attack surface.\"\n"
    "      solution    : \"Run the following command:\n"
    "\n"
    "# rmmod cramfs\"\n"
    "      reference   : \"800-53|CM-7,CSCv7|5.1,LEVEL|1S\"\n"
    "      cmd         : \"/sbin/modprobe -n -v cramfs | /usr/bin/awk '{print} END {if (NR == 0) print \\\"fail\\\"}'\"\n"
    "      expect      : \"^[\\\\s]*install[\\\\s]+/bin/true[\\\\s]*$\"\n"
    "      dont_echo_cmd : YES\n"
    "    </custom_item>\n"
    "  </then>\n"
    "\n"
    "  <else>\n"
    "    <report type:\"WARNING\">\n"
    "      description : \"CIS audit for Linux\"\n"
    "      info        : \"NOTE: Nessus has not identified that the chosen audit applies to the target device.\"\n"
    "    </report>\n"
    "  </else>\n"
    "</if>\n"
    "\n"
    "</group_policy>\n"
    "</check_type>\n"
    "#TRUST-RSA-SHA256 ffff\n";
  audit_doc *doc = parse_both (state, text);
  const audit_node *n;
  char *sh = shape (doc);

  assert_string_equal (sh, "IF(and){C}{C}{R:WARNING}");
  g_free (sh);
  n = root_node (doc, 0)->then_list.nodes[0];
  assert_int_equal (n->line, 16);
  assert_string_equal (audit_node_get (n, "description"), "1.1.1.1 Ensure mounting of 'cramfs' is disabled");
  assert_string_equal (audit_node_get (n, "info"),
                       "The cramfs filesystem type is a compressed read-only filesystem.\n\n"
                       "Rationale:\n\nRemoving support reduces the attack surface.");
  assert_string_equal (audit_node_get (n, "solution"), "Run the following command:\n\n# rmmod cramfs");
  assert_int_equal (audit_node_find (n, "solution")->line, 25);
  assert_string_equal (audit_node_get (n, "cmd"),
                       "/sbin/modprobe -n -v cramfs | /usr/bin/awk '{print} END {if (NR == 0) print \"fail\"}'");
  assert_string_equal (audit_node_get (n, "expect"), "^[\\s]*install[\\s]+/bin/true[\\s]*$");
  assert_string_equal (audit_node_get (n, "dont_echo_cmd"), "YES");
  assert_int_equal (audit_node_find (n, "dont_echo_cmd")->line, 31);
  assert_int_equal (root_node (doc, 0)->else_list.nodes[0]->line, 36);
  audit_doc_free (doc);
}

static void
test_repeated_keys (void **state)
{
  char *text = win ("<custom_item>\n"
                    "  Info : \"first\"\n"
                    "  type : X\n"
                    "  info : second\n"
                    "  INFO : \"third\n"
                    "line\"\n"
                    "  reference : \"PCI|2.2.3,SANS-CSC|1\"\n"
                    "</custom_item>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);
  const audit_kv *kv;

  assert_int_equal (n->n_kvs, 3);
  assert_string_equal (n->kvs[0].key, "Info");
  kv = audit_node_find (n, "info");
  assert_ptr_equal (kv, &n->kvs[0]);
  assert_int_equal (kv->count, 3);
  assert_int_equal (kv->line, 3);
  assert_string_equal (kv->value, "first\nsecond\nthird\nline");
  assert_int_equal (kv->value_len, strlen (kv->value));
  assert_string_equal (n->kvs[1].key, "type");
  assert_string_equal (audit_node_get (n, "TYPE"), "X");
  assert_string_equal (audit_node_get (n, "Reference"), "PCI|2.2.3,SANS-CSC|1");
  assert_int_equal (audit_node_find (n, "reference")->count, 1);
  audit_doc_free (doc);
  g_free (text);
}

/* A key other than "info" given twice in one item is an error naming both
** lines: merging two port lists or two values into one pattern that never
** matches gave a false PASSED (issue 7 §1.3). */
static void
test_duplicate_keys (void **state)
{
  expect_error (state,
                "<check_type:\"Unix\">\n<custom_item>\n type : AUDIT_DENIED_OPEN_PORTS\n"
                " ports : \"23\"\n ports : \"25\"\n</custom_item>\n</check_type>\n",
                "5: key 'ports' given twice (first at line 4)");
  expect_error (state,
                "<check_type:\"Windows\">\n<custom_item>\n value_data : \"a\n"
                "b\"\n type : X\n Value_Data : 1\n</custom_item>\n</check_type>\n",
                "6: key 'Value_Data' given twice (first at line 3)");
  expect_error (state,
                "<check_type:\"Windows\">\n<item>\n PORT_NO : 23\n port_no : 23\n</item>\n</check_type>\n",
                "4: key 'port_no' given twice (first at line 3)");
  expect_error (state,
                "<check_type:\"Windows\">\n<report type:\"FAILED\">\n description : a\n"
                " description : b\n</report>\n</check_type>\n",
                "4: key 'description' given twice (first at line 3)");
  /* the same key in a compound value, deep in an if */
  expect_error (state,
                "<check_type:\"Windows\">\n<if>\n<condition type:\"and\">\n<custom_item>\n"
                " value_data : \"a\" || \"b\"\n type : T\n value_data : \"c\" ||\n \"d\"\n",
                "7: key 'value_data' given twice (first at line 5)");
  /* keys named like the node's own fields are no exception */
  expect_error (state,
                "<check_type:\"Windows\">\n<custom_item>\n type : A\n type : A\n</custom_item>\n</check_type>\n",
                "4: key 'type' given twice (first at line 3)");
  /* a long key is quoted up to 64 characters */
  {
    GString *t = g_string_new ("<check_type:\"Windows\">\n<item>\n");
    GString *want = g_string_new ("4: key '");
    for (int i = 0; i < 100; i++)
      g_string_append_c (t, 'k');
    g_string_append (t, " : 1\n");
    for (int i = 0; i < 100; i++)
      g_string_append_c (t, 'K');
    g_string_append (t, " : 2\n");
    for (int i = 0; i < 64; i++)
      g_string_append_c (want, 'K');
    g_string_append (want, "' given twice (first at line 3)");
    expect_error (state, t->str, want->str);
    g_string_free (t, TRUE);
    g_string_free (want, TRUE);
  }

  /* the same key in different items is fine */
  {
    audit_doc *doc = parse_both (state, "<check_type:\"Unix\">\n<custom_item>\n ports : \"23\"\n"
                                        "</custom_item>\n<custom_item>\n ports : \"25\"\n"
                                        "</custom_item>\n</check_type>\n");
    assert_string_equal (audit_node_get (root_node (doc, 0), "ports"), "23");
    assert_string_equal (audit_node_get (root_node (doc, 1), "ports"), "25");
    audit_doc_free (doc);
  }
}

static void
test_compound_values (void **state)
{
  char *text = win ("<custom_item>\n"
                    "  a : \"System\" || \"foo.exe\"\n"
                    "  b : \"vssrvc.exe\" || \"vss.+\"  \n"
                    "  c : \"Administrators\" && \"Backup Operators\"\n"
                    "  d : 0 || 1 || 2\n"
                    "  e : \"a\\\"b\" || 'c'\n"
                    "  f : \"x\" || y && \"z\"\n"
                    "  g : \"one\" ||\n"
                    "      \"two\"\n"
                    "  h : \"quoted\" trailing text\n"
                    "  i : \"@V@\" || \"@V@x\"\n"
                    "  j : \"p\" ||   \n"
                    "  k : next\n"
                    "</custom_item>\n");
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_string_equal (audit_node_get (n, "a"), "\"System\" || \"foo.exe\"");
  assert_string_equal (audit_node_get (n, "b"), "\"vssrvc.exe\" || \"vss.+\"");
  assert_string_equal (audit_node_get (n, "c"), "\"Administrators\" && \"Backup Operators\"");
  assert_string_equal (audit_node_get (n, "d"), "0 || 1 || 2");
  assert_string_equal (audit_node_get (n, "e"), "\"a\\\"b\" || 'c'");
  assert_string_equal (audit_node_get (n, "f"), "\"x\" || y && \"z\"");
  assert_string_equal (audit_node_get (n, "g"), "\"one\" ||\n      \"two\"");
  assert_string_equal (audit_node_get (n, "h"), "\"quoted\" trailing text");
  assert_string_equal (audit_node_get (n, "i"), "\"@V@\" || \"@V@x\"");
  assert_string_equal (audit_node_get (n, "j"), "\"p\" ||");
  assert_string_equal (audit_node_get (n, "k"), "next");
  assert_int_equal (audit_node_find (n, "h")->line, 11);
  assert_int_equal (audit_node_find (n, "k")->line, 14);
  audit_doc_free (doc);
  g_free (text);
}

/* }==================================================================== */

/* {====================================================================
** Variables
** ===================================================================== */

static const char *VAR_TEXT =
  "#<ui_metadata>\n"
  "#<variables>\n"
  "#  <variable>\n"
  "#    <name>PORTS</name>\n"
  "#    <default>80,443</default>\n"
  "#    <description>Allowed ports</description>\n"
  "#  </variable>\n"
  "  #  <variable>\n"
  "  #    <name>RE</name>\n"
  "  #    <default>^[\\\\s]*x</default>\n"
  "  #  </variable>\n"
  "#  <variable>\n"
  "#    <name>GRP</name>\n"
  "#    <default>Grp</default>\n"
  "#  </variable>\n"
  "#  <variable>\n"
  "#    <name>PORTS</name>\n"
  "#    <default>duplicate ignored</default>\n"
  "#  </variable>\n"
  "#</variables>\n"
  "#</ui_metadata>\n"
  "<check_type:\"Windows\" version:\"2\">\n"
  "<group_policy:\"@GRP@ policy\">\n"
  "<custom_item>\n"
  "  value_data : \"@PORTS@,8080\"\n"
  "  regex : \"@RE@\"\n"
  "  bare : [@PORTS@..MAX]\n"
  "  undeclared : \"@NOPE@ and user@example.com and @@ and @PORTS\"\n"
  "  twice : @PORTS@@PORTS@\n"
  "  compound : \"@PORTS@\" || \"x\"\n"
  "</custom_item>\n"
  "</group_policy>\n"
  "</check_type>\n";

static void
test_variables_defaults (void **state)
{
  audit_doc *doc = parse_both (state, VAR_TEXT);
  const audit_node *n = root_node (doc, 0);

  assert_int_equal (doc->n_vars, 3);
  assert_string_equal (doc->vars[0].name, "PORTS");
  assert_string_equal (doc->vars[0].value, "80,443");
  assert_string_equal (doc->vars[1].name, "RE");
  assert_string_equal (doc->vars[1].value, "^[\\\\s]*x");
  assert_string_equal (doc->vars[2].name, "GRP");
  assert_string_equal (doc->groups[0], "Grp policy");
  assert_string_equal (n->group, "Grp policy");
  assert_string_equal (audit_node_get (n, "value_data"), "80,443,8080");
  /* substituted in the raw text, then unescaped: \\ -> \ */
  assert_string_equal (audit_node_get (n, "regex"), "^[\\s]*x");
  assert_string_equal (audit_node_get (n, "bare"), "[80,443..MAX]");
  assert_string_equal (audit_node_get (n, "undeclared"),
                       "@NOPE@ and user@example.com and @@ and @PORTS");
  assert_string_equal (audit_node_get (n, "twice"), "80,44380,443");
  assert_string_equal (audit_node_get (n, "compound"), "\"80,443\" || \"x\"");
  audit_doc_free (doc);
}

static void
test_variables_overrides (void **state)
{
  static const audit_var_override ov[] = {
    { "PORTS", "22" },
    { "NOPE", "yes" },
    { NULL, "ignored" },
  };
  audit_parse_opts opts = { ov, G_N_ELEMENTS (ov), false };
  audit_doc *doc = parse_both_opts (state, VAR_TEXT, strlen (VAR_TEXT), &opts);
  const audit_node *n = root_node (doc, 0);

  assert_int_equal (doc->n_vars, 3);
  assert_string_equal (doc->vars[0].value, "22");
  assert_string_equal (audit_node_get (n, "value_data"), "22,8080");
  assert_string_equal (audit_node_get (n, "undeclared"),
                       "@NOPE@ and user@example.com and @@ and @PORTS");
  audit_doc_free (doc);

  opts.override_undeclared = true;
  doc = parse_both_opts (state, VAR_TEXT, strlen (VAR_TEXT), &opts);
  n = root_node (doc, 0);
  assert_int_equal (doc->n_vars, 4);
  assert_string_equal (doc->vars[3].name, "NOPE");
  assert_string_equal (doc->vars[3].value, "yes");
  assert_string_equal (audit_node_get (n, "undeclared"),
                       "yes and user@example.com and @@ and @PORTS");
  audit_doc_free (doc);
}

/* An undeclared override applies only under a name @NAME@ can spell; the
** others are not listed in doc->vars (their names need not be UTF-8). */
static void
test_variables_undeclared_names (void **state)
{
  static const audit_var_override ov[] = {
    { "A B", "x" }, { "", "y" }, { "caf\xe9", "z" }, { "a.b-c_9", "w" }, { "GRP", "Override" },
  };
  audit_parse_opts opts = { ov, G_N_ELEMENTS (ov), true };
  audit_doc *doc = parse_both_opts (state, VAR_TEXT, strlen (VAR_TEXT), &opts);

  assert_int_equal (doc->n_vars, 4);
  assert_string_equal (doc->vars[2].name, "GRP");
  assert_string_equal (doc->vars[2].value, "Override");
  assert_string_equal (doc->vars[3].name, "a.b-c_9");
  assert_string_equal (doc->groups[0], "Override policy");
  audit_doc_free (doc);
}

/* The overrides table of the vars: argument (audit_vars.c). */
static void
test_overrides_table (void **state)
{
  audit_overrides *o = audit_overrides_new ();
  const audit_parse_opts *opts;
  audit_doc *doc;

  audit_overrides_add (o, "PORTS", 5, "22", 2);
  audit_overrides_add (o, "NOPE", 4, "caf\xe9", 4); /* not UTF-8: read as Windows-1252 */
  assert_null (audit_overrides_error (o));
  opts = audit_overrides_opts (o);
  assert_int_equal (opts->n_overrides, 2);
  assert_true (opts->override_undeclared);
  assert_string_equal (opts->overrides[0].name, "PORTS");
  assert_string_equal (opts->overrides[1].value, "caf\xe9");
  doc = parse_both_opts (state, VAR_TEXT, strlen (VAR_TEXT), opts);
  assert_string_equal (audit_node_get (root_node (doc, 0), "value_data"), "22,8080");
  assert_string_equal (audit_node_get (root_node (doc, 0), "undeclared"),
                       "caf\xc3\xa9 and user@example.com and @@ and @PORTS");
  audit_doc_free (doc);

  /* problems: the most important one is reported, whatever the order */
  audit_overrides_add (o, "N", 1, "a\0b", 3);
  assert_string_equal (audit_overrides_error (o), "vars: a name or a value holds a NUL byte");
  audit_overrides_add (o, "N\0", 2, "a", 1);
  assert_int_equal (audit_overrides_opts (o)->n_overrides, 2);
  audit_overrides_add_bad_value (o);
  assert_string_equal (audit_overrides_error (o), "vars: a value is neither a string nor an int");
  audit_overrides_add_unnamed (o);
  audit_overrides_add_bad_value (o);
  assert_string_equal (audit_overrides_error (o), "vars: an element has no name (an integer index)");
  audit_overrides_not_a_table (o);
  audit_overrides_add_unnamed (o);
  assert_string_equal (audit_overrides_error (o), "vars: not an array");
  audit_overrides_free (o);
  audit_overrides_free (NULL);

  /* an empty table: no overrides, no problem */
  o = audit_overrides_new ();
  assert_null (audit_overrides_error (o));
  assert_int_equal (audit_overrides_opts (o)->n_overrides, 0);
  audit_overrides_free (o);
  (void) state;
}

static void
test_variables_blowup_limited (void **state)
{
  /* a 1 MB default used 300 times would make 300 MB: refused */
  GString *t = g_string_new ("#<variable>\n#<name>BIG</name>\n#<default>");
  GError *err = NULL;
  audit_doc *doc;
  int i;

  for (i = 0; i < (1 << 20); i++)
    g_string_append_c (t, 'x');
  g_string_append (t, "</default>\n#</variable>\n<check_type:\"Unix\">\n<custom_item>\n v : \"");
  for (i = 0; i < 300; i++)
    g_string_append (t, "@BIG@");
  g_string_append (t, "\"\n</custom_item>\n</check_type>\n");
  doc = audit_parse_string (t->str, t->len, "big", NULL, &err);
  assert_null (doc);
  assert_int_equal (err->code, AUDIT_ERROR_LIMIT);
  assert_string_equal (err->message,
                       "big:7: variable substitution makes values larger than 268435456 bytes");
  g_error_free (err);
  g_string_free (t, TRUE);
  (void) state;
}

/* }==================================================================== */

/* {====================================================================
** The metadata header: policy name and version
** ===================================================================== */

#define META_BODY "<check_type:\"Unix\">\n</check_type>\n"

/* The policy name and version of TEXT, as "NAME|VERSION" ("-" for NULL). */
static char *
meta_of (void **state, const char *text)
{
  audit_doc *doc = parse_both (state, text);
  char *s = g_strdup_printf ("%s|%s", doc->policy_name ? doc->policy_name : "-",
                             doc->policy_version ? doc->policy_version : "-");
  audit_doc_free (doc);
  return s;
}

static void
expect_meta (void **state, const char *text, const char *expected)
{
  char *got = meta_of (state, text);
  assert_string_equal (got, expected);
  g_free (got);
}

static void
test_policy_meta (void **state)
{
  /* the shipped layout: display name, then the spec's version */
  expect_meta (state,
               "#<ui_metadata>\n#<display_name>CIS Linux L1</display_name>\n#<spec>\n"
               "#  <type>CIS</type>\n#  <name>CIS Spec</name>\n#  <profile>L1</profile>\n"
               "#  <version>2.0.0</version>\n#  <link>https://x.invalid/</link>\n#</spec>\n"
               "#<labels>a,b</labels>\n#<variables>\n#  <variable>\n#    <name>V</name>\n"
               "#    <default>1</default>\n#  </variable>\n#</variables>\n#</ui_metadata>\n" META_BODY,
               "CIS Linux L1|2.0.0");
  /* no display name (or a blank one): the spec's name; no version */
  expect_meta (state,
               "#<ui_metadata>\n#<display_name> \t </display_name>\n#<spec>\n#  <name>Spec only</name>\n"
               "#</spec>\n#</ui_metadata>\n" META_BODY,
               "Spec only|-");
  /* no header, or an empty one */
  expect_meta (state, META_BODY, "-|-");
  expect_meta (state, "#<ui_metadata>\n#</ui_metadata>\n" META_BODY, "-|-");
  /* blanks around the text trimmed (tabs, CR LF line ends), nothing else
  ** changed: XML entities and @NAME@ stay as written */
  expect_meta (state,
               "#<ui_metadata>\r\n#\t<display_name>\t A &amp; B @V@ <x> \t</display_name>\r\n"
               "#<spec>\r\n#  <version> 1.0 &lt;beta&gt; </version> trailing\r\n#</spec>\r\n"
               "#<variables>\r\n#  <variable>\r\n#    <name>V</name>\r\n#    <default>1</default>\r\n"
               "#  </variable>\r\n#</variables>\r\n#</ui_metadata>\r\n" META_BODY,
               "A &amp; B @V@ <x>|1.0 &lt;beta&gt;");
  /* the first text of each field wins, in any header of the file (here
  ** one inside the block, as some files have it) */
  expect_meta (state,
               "<check_type:\"Unix\">\n#<ui_metadata>\n#<display_name>First</display_name>\n"
               "#<display_name>Second</display_name>\n#<spec>\n#<version>1</version>\n#<version>2</version>\n"
               "#</spec>\n#</ui_metadata>\n#<ui_metadata>\n#<display_name>Third</display_name>\n"
               "#<spec>\n#<name>N</name>\n#</spec>\n#</ui_metadata>\n</check_type>\n",
               "First|1");
  /* a <name> or <version> outside <spec> (a variable's) is not the policy's */
  expect_meta (state,
               "#<ui_metadata>\n#<variables>\n#  <variable>\n#    <name>VAR</name>\n"
               "#    <version>9</version>\n#  </variable>\n#</variables>\n#<name>N</name>\n"
               "#</ui_metadata>\n" META_BODY,
               "-|-");
  /* outside a header nothing counts; a line that is not a comment (a blank
  ** one too) ends the header, as it abandons a variable block */
  expect_meta (state, "#<display_name>Loose</display_name>\n#<spec>\n#<version>3</version>\n" META_BODY,
               "-|-");
  expect_meta (state,
               "#<ui_metadata>\n#<display_name>Kept</display_name>\n\n#<spec>\n#<version>3</version>\n"
               "#</spec>\n#</ui_metadata>\n" META_BODY,
               "Kept|-");
  expect_meta (state,
               "#<ui_metadata>\n#<spec>\n#<name>Kept</name>\n#</spec>\n#<version>4</version>\n"
               "#</ui_metadata>\n" META_BODY,
               "Kept|-");
  /* malformed: never an error, the element is just not read */
  expect_meta (state,
               "#<ui_metadata>\n#<display_name>no end\n#<display_name>\n#</display_name>\n"
               "# <spec> \n#<version>5</version\n#<ui_metadata>\n#</spec\n#<version>6</version>\n"
               META_BODY,
               "-|6");
  /* a header line ending the file, without a line end */
  expect_meta (state, META_BODY "#<ui_metadata>\n#<display_name>End</display_name>", "End|-");
}

/* The name is text of the file: decoded like the rest of it. */
static void
test_policy_meta_encodings (void **state)
{
  static const char latin1[] = "#<ui_metadata>\n#<display_name>Caf\xe9 \x80</display_name>\n"
                               "#</ui_metadata>\n" META_BODY;
  static const char utf16le[] = "\xff\xfe#\0<\0u\0i\0_\0m\0e\0t\0a\0d\0a\0t\0a\0>\0\n\0"
                                "#\0<\0s\0p\0e\0c\0>\0\n\0#\0<\0n\0a\0m\0e\0>\0\xe9\0<\0/\0n\0a\0m\0e\0>\0\n\0"
                                "<\0c\0h\0e\0c\0k\0_\0t\0y\0p\0e\0:\0\"\0U\0\"\0>\0\n\0"
                                "<\0/\0c\0h\0e\0c\0k\0_\0t\0y\0p\0e\0>\0";
  audit_doc *doc = parse_both_opts (state, latin1, sizeof latin1 - 1, NULL);

  assert_string_equal (doc->policy_name, "Caf\xc3\xa9 \xe2\x82\xac");
  assert_null (doc->policy_version);
  audit_doc_free (doc);
  /* the header is a comment: a line that is not one ends it (here the
  ** check_type line), so the spec's name is read */
  doc = parse_both_opts (state, utf16le, sizeof utf16le - 1, NULL);
  assert_string_equal (doc->policy_name, "\xc3\xa9");
  audit_doc_free (doc);
}

/* }==================================================================== */

/* {====================================================================
** Encodings and line ends
** ===================================================================== */

static void
test_crlf_mixed (void **state)
{
  const char *text = "<check_type:\"Windows\" version:\"2\">\r\n"
                     "<custom_item>\n"
                     "  type : A\r\n"
                     "  info : \"x\r\n"
                     "y\"\r\n"
                     "  bare : b   \r\n"
                     "</custom_item>\r\n"
                     "</check_type>";
  audit_doc *doc = parse_both (state, text);
  const audit_node *n = root_node (doc, 0);

  assert_string_equal (audit_node_get (n, "type"), "A");
  assert_string_equal (audit_node_get (n, "info"), "x\ny");
  assert_string_equal (audit_node_get (n, "bare"), "b");
  assert_int_equal (audit_node_find (n, "bare")->line, 6);
  audit_doc_free (doc);
}

static void
test_utf8_bom_and_invalid_utf8 (void **state)
{
  /* valid UTF-8, with or without a BOM, is used as it is */
  const char bom[] = "\xEF\xBB\xBF<check_type:\"Unix\">\n<custom_item>\n v : \"caf\xc3\xa9 \xe2\x9c\x93\"\n"
                     "</custom_item>\n</check_type>\n";
  audit_doc *doc = parse_both_opts (state, bom, sizeof bom - 1, NULL);

  assert_string_equal (doc->check_type, "Unix");
  assert_string_equal (audit_node_get (root_node (doc, 0), "v"), "caf\xc3\xa9 \xe2\x9c\x93");
  audit_doc_free (doc);
  doc = parse_both_opts (state, bom + 3, sizeof bom - 4, NULL);
  assert_string_equal (audit_node_get (root_node (doc, 0), "v"), "caf\xc3\xa9 \xe2\x9c\x93");
  audit_doc_free (doc);

  /* after a UTF-8 BOM, invalid UTF-8 is an error naming its line */
  {
    const char bad[] = "\xEF\xBB\xBF<check_type:\"Unix\">\n<custom_item>\n v : \"\xff\xfe\xc3(\"\n"
                       "</custom_item>\n</check_type>\n";
    expect_error_len (state, bad, sizeof bad - 1, AUDIT_ERROR_ENCODING,
                      "3: invalid UTF-8 (the file starts with a UTF-8 byte order mark)");
  }
}

/* Without a BOM, text that is not valid UTF-8 is Windows-1252 (a superset
** of Latin-1), converted to UTF-8 as a whole (issue 7 §1.13). */
static void
test_windows_1252 (void **state)
{
  /* 0xE9 is é in Latin-1: in a description and in a value_data */
  const char latin1[] = "# Politique de s\xe9" "curit\xe9\n<check_type:\"Windows\" version:\"2\">\n"
                        "<custom_item>\n  type : AUDIT_PROCESS_ON_PORT\n"
                        "  description : \"Processus autoris\xe9 sur le port 23\"\n"
                        "  value_data : \"t\xe9l\xe9net.exe\" || \"caf\xe9.exe\"\n"
                        "  info : caf\xe9\n"
                        "</custom_item>\n</check_type>\n";
  audit_doc *doc = parse_both_opts (state, latin1, sizeof latin1 - 1, NULL);
  const audit_node *n = root_node (doc, 0);

  assert_string_equal (audit_node_get (n, "description"), "Processus autoris\xc3\xa9 sur le port 23");
  assert_string_equal (audit_node_get (n, "value_data"),
                       "\"t\xc3\xa9l\xc3\xa9net.exe\" || \"caf\xc3\xa9.exe\"");
  assert_string_equal (audit_node_get (n, "info"), "caf\xc3\xa9");
  assert_int_equal (n->line, 3);
  audit_doc_free (doc);

  /* 0x80-0x9F are the Windows-1252 characters; its five undefined bytes
  ** become the C1 controls of the same value; one invalid byte makes the
  ** whole file Windows-1252, so UTF-8 sequences in it become two letters */
  {
    const char cp[] = "<check_type:\"Unix\">\n<item>\n v : \"\x80\x81\x8d\x8f\x90\x9d\x9f\x85\x91\x92\xa0\xff\"\n"
                      " w : \"\xc3\xa9\"\n</item>\n</check_type>\n";
    doc = parse_both_opts (state, cp, sizeof cp - 1, NULL);
    n = root_node (doc, 0);
    assert_string_equal (audit_node_get (n, "v"),
                         "\xe2\x82\xac\xc2\x81\xc2\x8d\xc2\x8f\xc2\x90\xc2\x9d\xc5\xb8"
                         "\xe2\x80\xa6\xe2\x80\x98\xe2\x80\x99\xc2\xa0\xc3\xbf");
    assert_string_equal (audit_node_get (n, "w"), "\xc3\x83\xc2\xa9");
    assert_true (g_utf8_validate (audit_node_get (n, "v"), -1, NULL));
    audit_doc_free (doc);
  }

  /* overlong forms and encoded surrogates are not valid UTF-8 */
  {
    const char ov[] = "<check_type:\"Unix\">\n<item>\n v : \"\xc0\xaf\xed\xa0\x80\"\n</item>\n</check_type>\n";
    doc = parse_both_opts (state, ov, sizeof ov - 1, NULL);
    assert_string_equal (audit_node_get (root_node (doc, 0), "v"),
                         "\xc3\x80\xc2\xaf\xc3\xad\xc2\xa0\xe2\x82\xac");
    audit_doc_free (doc);
  }

  /* a NUL byte is still an error, with the UTF-16 hint when it comes early */
  {
    static const char nul[] = "\xe9<\0c\0h\0";
    expect_error_len (state, nul, sizeof nul - 1, AUDIT_ERROR_ENCODING,
                      "1: NUL byte in input");
    expect_error_len (state, nul + 1, sizeof nul - 2, AUDIT_ERROR_ENCODING,
                      "1: NUL byte in input (UTF-16 without a byte order mark?)");
  }

  /* caller overrides reach values: they follow the same rule */
  {
    static const audit_var_override ov2[] = { { "P", "caf\xe9" }, { "Q", "\xc3\xa9" } };
    audit_parse_opts opts = { ov2, 2, true };
    const char t[] = "<check_type:\"Unix\">\n<item>\n v : \"@P@ @Q@\"\n</item>\n</check_type>\n";
    doc = parse_both_opts (state, t, sizeof t - 1, &opts);
    assert_string_equal (audit_node_get (root_node (doc, 0), "v"), "caf\xc3\xa9 \xc3\xa9");
    assert_string_equal (doc->vars[0].value, "caf\xc3\xa9");
    audit_doc_free (doc);
  }
}

/* Encode UTF-8 TEXT as UTF-16 (with BOM) in the given byte order. */
static char *
to_utf16 (const char *text, bool big_endian, size_t *len)
{
  gsize n = 0;
  char *conv = g_convert (text, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &n, NULL);
  char *out = g_malloc (n + 2);

  assert_non_null (conv);
  out[0] = big_endian ? '\xFE' : '\xFF';
  out[1] = big_endian ? '\xFF' : '\xFE';
  memcpy (out + 2, conv, n);
  *len = n + 2;
  g_free (conv);
  return out;
}

static void
test_utf16 (void **state)
{
  const char *text = "# Überschrift\r\n<check_type:\"Windows\" version:\"2\">\r\n"
                     "<custom_item>\r\n  description : \"Größe 😀 ✓\"\r\n</custom_item>\r\n</check_type>\r\n";
  int be;

  for (be = 0; be < 2; be++)
    {
      size_t len;
      char *data = to_utf16 (text, be, &len);
      audit_doc *doc = parse_both_opts (state, data, len, NULL);
      const audit_node *n = root_node (doc, 0);

      assert_string_equal (audit_node_get (n, "description"), "Größe 😀 ✓");
      assert_int_equal (n->line, 3);
      audit_doc_free (doc);
      g_free (data);
    }

  /* unpaired surrogates become U+FFFD, a dangling odd byte is dropped */
  {
    static const char le[] = "\xFF\xFE"
                             "<\0c\0h\0e\0c\0k\0_\0t\0y\0p\0e\0:\0\"\0U\0n\0i\0x\0\"\0>\0\n\0"
                             "<\0i\0t\0e\0m\0>\0\n\0v\0:\0\x00\xD8!\0\n\0<\0/\0i\0t\0e\0m\0>\0\n\0"
                             "<\0/\0c\0h\0e\0c\0k\0_\0t\0y\0p\0e\0>\0X";
    audit_doc *doc = parse_both_opts (state, le, sizeof le - 1, NULL);
    assert_string_equal (audit_node_get (root_node (doc, 0), "v"), "\xEF\xBF\xBD!");
    audit_doc_free (doc);
  }
}

/* }==================================================================== */

/* {====================================================================
** Errors
** ===================================================================== */

static void
test_errors_structure (void **state)
{
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n type: A\n",
                "2: unclosed <custom_item>");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"and\">\n</condition>\n",
                "2: unclosed <if>");
  expect_error (state, "<check_type:\"Windows\">\n<group_policy:\"g\">\n", "2: unclosed <group_policy>");
  expect_error (state, "<check_type:\"Windows\">\n", "1: unclosed <check_type>");
  expect_error (state, "<check_type:\"Windows\">\n</custom_item>\n</check_type>\n",
                "2: stray </custom_item>");
  expect_error (state, "<check_type:\"Windows\">\n</check_type>\n</check_type>\n",
                "3: stray </check_type>");
  expect_error (state, "<check_type:\"Windows\">\n<group_policy:\"g\">\n<if>\n</group_policy>\n",
                "4: mismatched </group_policy>: <if> opened at line 3 is not closed");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n type: A\n</item>\n",
                "4: stray </item>");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n type: A\n<custom_item>\n",
                "4: <custom_item> inside <custom_item>: <custom_item> opened at line 2 is not closed");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n type: A\n</check_type>\n",
                "4: mismatched </check_type>: <custom_item> opened at line 2 is not closed");
  expect_error (state, "<check_type:\"Windows\">\n<foo>\n</foo>\n</check_type>\n",
                "2: unknown tag <foo>");
  expect_error (state, "<check_type:\"Windows\">\n<then>\n", "2: <then> outside <if>");
  expect_error (state, "<check_type:\"Windows\">\n<check_type:\"Unix\">\n",
                "2: <check_type> inside <check_type> (opened at line 1)");
  expect_error (state, "<custom_item>\n type: A\n</custom_item>\n",
                "1: <custom_item> outside <check_type>");
  expect_error (state, "</check_type>\n", "1: stray </check_type>");
  expect_error (state, "<check_type>\n</check_type>\n", "1: <check_type> without a name");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item/>\n",
                "2: <custom_item/> cannot be empty");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item\n",
                "2: malformed <custom_item> tag: missing '>'");
  expect_error (state, "<check_type:\"Windows\">\n< custom_item>\n", "2: malformed tag");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item> type: A\n",
                "2: unexpected text after <custom_item> tag");
  expect_error (state, "<check_type:\"Windows\" version:\"2>\n", "1: unterminated quote in <check_type> tag");
  expect_error (state, "<check_type:\"Windows\" version>\n", "1: malformed attribute in <check_type> tag");
  expect_error (state,
                "<check_type:\"W\" a:1 b:2 c:3 d:4 e:5 f:6 g:7 h:8>\n",
                "1: too many attributes in <check_type> tag");
  expect_error (state, "", "1: no <check_type> block");
  expect_error (state, "# only a comment\n\n", "1: no <check_type> block");
}

static void
test_errors_text_and_if (void **state)
{
  expect_error (state, "hello\n<check_type:\"Windows\">\n</check_type>\n", "1: text outside <check_type>");
  expect_error (state, "<check_type:\"Windows\">\n</check_type>\nafter: x\n", "3: text outside <check_type>");
  expect_error (state, "<check_type:\"Windows\">\n type : A\n</check_type>\n",
                "2: unexpected text in <check_type> (opened at line 1): expected a tag");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n type A\n</custom_item>\n</check_type>\n",
                "3: expected 'keyword : value' in <custom_item> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<report type:\"PASSED\">\n \"just text\"\n",
                "3: expected 'keyword : value' in <report> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<item>\n : value\n",
                "3: expected 'keyword : value' in <item> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n a : 1\n info : \"never closed\n b : 2\n</custom_item>\n",
                "4: unterminated quoted value");
  expect_error (state, "<check_type:\"Windows\">\n<custom_item>\n a : \"x\" || \"never\n",
                "3: unterminated quoted value");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<custom_item>\n",
                "3: <custom_item> directly inside <if> (opened at line 2): expected <condition>, <then> or <else>");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<then>\n",
                "3: <then> before <condition> in <if> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n</if>\n", "3: <if> opened at line 2 has no <condition>");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"xor\">\n",
                "3: bad condition type \"xor\" (expected and or or)");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition>\n", "3: <condition> without a type");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"or\"></condition>\n<condition type:\"or\">\n",
                "4: second <condition> in <if> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"or\"></condition>\n<else></else>\n<then>\n",
                "5: <then> after <else> in <if> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"or\"></condition>\n<then></then><then>\n",
                "4: second <then> in <if> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"or\"></condition>\n<else></else><else>\n",
                "4: second <else> in <if> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<if>\n<condition type:\"or\"></condition>\n<then></then><condition type:\"or\">\n",
                "4: second <condition> in <if> (opened at line 2)");
  expect_error (state, "<check_type:\"Windows\">\n<report type:\"MAYBE\">\n",
                "2: bad report type \"MAYBE\" (expected PASSED, FAILED or WARNING)");
  expect_error (state, "<check_type:\"Windows\">\n<report>\n", "2: <report> without a type");
  /* quoted text is cut after 64 bytes, never inside a UTF-8 character */
  {
    GString *t = g_string_new ("<check_type:\"Windows\">\n<report type:\"X");
    GString *want = g_string_new ("2: bad report type \"X");
    for (int i = 0; i < 40; i++)
      g_string_append (t, "\xc3\xa9");
    g_string_append (t, "\">\n");
    /* upper-casing is ASCII only: the bytes stay as written; 1 + 31 * 2 = 63 bytes */
    for (int i = 0; i < 31; i++)
      g_string_append (want, "\xc3\xa9");
    g_string_append (want, "\" (expected PASSED, FAILED or WARNING)");
    expect_error (state, t->str, want->str);
    g_string_truncate (t, 0);
    g_string_append (t, "<check_type:\"Windows\">\n<if>\n<condition type:\"");
    for (int i = 0; i < 40; i++)
      g_string_append (t, "\xe2\x9c\x93");
    g_string_append (t, "\">\n");
    g_string_assign (want, "3: bad condition type \"");
    for (int i = 0; i < 21; i++)
      g_string_append (want, "\xe2\x9c\x93");
    g_string_append (want, "\" (expected and or or)");
    expect_error (state, t->str, want->str);
    g_string_free (t, TRUE);
    g_string_free (want, TRUE);
  }
}

static void
test_errors_bytes (void **state)
{
  static const char nul[] = "<check_type:\"Unix\">\n<item>\n v : \"a\0b\"\n</item>\n</check_type>\n";

  static const char utf16_no_bom[] = "<\0c\0h\0";
  GError *err = NULL;
  void *big;

  expect_error_len (state, nul, sizeof nul - 1, AUDIT_ERROR_ENCODING, "3: NUL byte in input");
  expect_error_len (state, utf16_no_bom, sizeof utf16_no_bom - 1, AUDIT_ERROR_ENCODING,
                    "1: NUL byte in input (UTF-16 without a byte order mark?)");

  /* over the size limit: refused before the text is read (the pages of
  ** this mapping are never touched past the first) */
  big = mmap (NULL, AUDIT_MAX_INPUT + 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  assert_true (big != MAP_FAILED);
  assert_null (audit_parse_string (big, AUDIT_MAX_INPUT + 1, "b", NULL, &err));
  assert_int_equal (err->code, AUDIT_ERROR_LIMIT);
  assert_string_equal (err->message, "b:1: input larger than 268435456 bytes");
  g_clear_error (&err);
  munmap (big, AUDIT_MAX_INPUT + 1);
}

static void
test_errors_io (void **state)
{
  fixture *f = *state;
  GError *err = NULL;
  char *path = g_build_filename (f->dir, "missing.audit", NULL);
  char *msg;

  assert_null (audit_parse_file (path, NULL, &err));
  assert_int_equal (err->code, AUDIT_ERROR_IO);
  msg = g_strdup_printf ("%s: cannot open: %s", path, g_strerror (ENOENT));
  assert_string_equal (err->message, msg);
  g_free (msg);
  g_clear_error (&err);
  assert_null (audit_parse_file (f->dir, NULL, &err));
  assert_int_equal (err->code, AUDIT_ERROR_IO);
  g_clear_error (&err);
  /* errors are optional */
  assert_null (audit_parse_file (path, NULL, NULL));
  assert_null (audit_parse_string ("x", 1, NULL, NULL, NULL));
  assert_null (audit_parse_string ("x", 1, NULL, NULL, &err));
  assert_string_equal (err->message, "<string>:1: text outside <check_type>");
  g_clear_error (&err);
  audit_doc_free (NULL);
  g_free (path);
}

/* }==================================================================== */

/* {====================================================================
** Hostile input
** ===================================================================== */

/* Generous on purpose: the point is to catch quadratic behaviour, which
** would take hours on these inputs, also under valgrind or sanitizers on a
** loaded machine. */
#define TIME_LIMIT 60.0

static double
now (void)
{
  return (double) g_get_monotonic_time () / 1e6;
}

static void
test_depth_limit (void **state)
{
  GString *t = g_string_new ("<check_type:\"Unix\">\n");
  GError *err = NULL;
  audit_doc *doc;
  int i;

  /* 255 nested groups + check_type = 256 frames: fine */
  for (i = 0; i < AUDIT_MAX_DEPTH - 1; i++)
    g_string_append (t, "<group_policy:\"g\">\n");
  for (i = 0; i < AUDIT_MAX_DEPTH - 1; i++)
    g_string_append (t, "</group_policy>\n");
  g_string_append (t, "</check_type>\n");
  doc = audit_parse_string (t->str, t->len, "d", NULL, &err);
  assert_non_null (doc);
  assert_int_equal (doc->n_groups, AUDIT_MAX_DEPTH - 1);
  audit_doc_free (doc);

  /* one more level fails, naming the line */
  g_string_assign (t, "<check_type:\"Unix\">\n");
  for (i = 0; i < AUDIT_MAX_DEPTH; i++)
    g_string_append (t, "<group_policy:\"g\">\n");
  doc = audit_parse_string (t->str, t->len, "d", NULL, &err);
  assert_null (doc);
  assert_int_equal (err->code, AUDIT_ERROR_LIMIT);
  assert_string_equal (err->message, "d:257: tags nested deeper than 256");
  g_clear_error (&err);
  g_string_free (t, TRUE);
  (void) state;
}

/* N nested <if> blocks, the innermost holding an item; WHERE picks the
** list each level is nested in (c, t or e, cycling). */
static char *
nested_ifs (int n, const char *where)
{
  GString *t = g_string_new ("<check_type:\"Windows\">\n");
  int i;

  for (i = 0; i < n; i++)
    {
      char w = where[i % strlen (where)];
      g_string_append (t, "<if>\n<condition type:\"or\">\n");
      if (w != 'c')
        g_string_append (t, w == 't' ? "</condition>\n<then>\n" : "</condition>\n<else>\n");
    }
  g_string_append (t, "<item>\n type : X\n</item>\n");
  for (i = n; i-- > 0;)
    {
      char w = where[i % strlen (where)];
      g_string_append (t, w == 'c' ? "</condition>\n</if>\n" : w == 't' ? "</then>\n</if>\n" : "</else>\n</if>\n");
    }
  g_string_append (t, "</check_type>\n");
  return g_string_free (t, FALSE);
}

/* <if> blocks nest at most AUDIT_MAX_IF_DEPTH deep: deeper ones used to be
** dropped by the binding (issue 7 §1.5). */
static void
test_if_depth_limit (void **state)
{
  static const char *const wheres[] = { "t", "e", "c", "tec" };
  size_t w;

  assert_int_equal (AUDIT_MAX_IF_DEPTH, 26);
  for (w = 0; w < G_N_ELEMENTS (wheres); w++)
    {
      char *ok = nested_ifs (AUDIT_MAX_IF_DEPTH, wheres[w]);
      char *deep = nested_ifs (AUDIT_MAX_IF_DEPTH + 1, wheres[w]);
      audit_doc *doc = parse_both (state, ok);
      const audit_node *n = root_node (doc, 0);
      int depth = 1;

      for (;;)
        {
          const audit_list *l = n->condition.len ? &n->condition
                                : n->then_list.len ? &n->then_list : &n->else_list;
          if (l->nodes[0]->kind != AUDIT_NODE_IF)
            {
              assert_string_equal (audit_node_get (l->nodes[0], "type"), "X");
              break;
            }
          n = l->nodes[0];
          depth++;
        }
      assert_int_equal (depth, AUDIT_MAX_IF_DEPTH);
      assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), AUDIT_MAX_IF_DEPTH);
      audit_doc_free (doc);
      {
        GError *err = NULL;
        const char *nl;
        unsigned line = 1;
        assert_null (audit_parse_string (deep, strlen (deep), "d", NULL, &err));
        assert_int_equal (err->code, AUDIT_ERROR_LIMIT);
        /* the line of the 27th "<if>" */
        nl = deep;
        for (int k = 0; k <= AUDIT_MAX_IF_DEPTH; k++)
          {
            const char *at = strstr (nl, "<if>");
            for (const char *c = nl; c < at; c++)
              line += *c == '\n';
            nl = at + 1;
          }
        {
          char *want = g_strdup_printf ("d:%u: <if> nested deeper than 26 levels", line);
          assert_string_equal (err->message, want);
          g_free (want);
        }
        g_clear_error (&err);
      }
      g_free (ok);
      g_free (deep);
    }

  /* siblings do not add up: 26 levels twice, one after the other */
  {
    char *one = nested_ifs (AUDIT_MAX_IF_DEPTH, "t");
    char *body = g_strndup (one + strlen ("<check_type:\"Windows\">\n"),
                            strlen (one) - strlen ("<check_type:\"Windows\">\n") - strlen ("</check_type>\n"));
    char *two = g_strconcat ("<check_type:\"Windows\">\n", body, body, "</check_type>\n", NULL);
    audit_doc *doc = parse_both (state, two);
    assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 2 * AUDIT_MAX_IF_DEPTH);
    audit_doc_free (doc);
    g_free (one);
    g_free (body);
    g_free (two);
  }
}

static void
test_million_nested_tags (void **state)
{
  GString *t = g_string_new ("<check_type:\"Unix\">");
  GError *err = NULL;
  double t0;
  int i;

  for (i = 0; i < 1000000; i++)
    g_string_append (t, "<if>");
  t0 = now ();
  assert_null (audit_parse_string (t->str, t->len, "n", NULL, &err));
  assert_true (now () - t0 < TIME_LIMIT);
  assert_string_equal (err->message, "n:1: <if> directly inside <if> (opened at line 1): expected <condition>, <then> or <else>");
  g_clear_error (&err);

  g_string_assign (t, "<check_type:\"Unix\">\n");
  for (i = 0; i < 1000000; i++)
    g_string_append (t, "<group_policy:\"x\">\n");
  t0 = now ();
  assert_null (audit_parse_string (t->str, t->len, "n", NULL, &err));
  assert_true (now () - t0 < TIME_LIMIT);
  assert_int_equal (err->code, AUDIT_ERROR_LIMIT);
  assert_string_equal (err->message, "n:257: tags nested deeper than 256");
  g_clear_error (&err);
  g_string_free (t, TRUE);
  (void) state;
}

/* valgrind preloads its helpers; inputs are scaled down under it. */
static bool
under_valgrind (void)
{
  const char *pre = g_getenv ("LD_PRELOAD");
  return pre && strstr (pre, "vgpreload") != NULL;
}

static void
test_huge_lines (void **state)
{
  size_t big = (under_valgrind () ? 10u : 100u) << 20;
  char *buf = g_malloc (big + 256);
  GError *err = NULL;
  audit_doc *doc;
  size_t n;
  double t0;

  /* a 100 MB line outside check_type (10 MB under valgrind) */
  memset (buf, 'A', big);
  t0 = now ();
  assert_null (audit_parse_string (buf, big, "h", NULL, &err));
  assert_true (now () - t0 < TIME_LIMIT);
  assert_string_equal (err->message, "h:1: text outside <check_type>");
  g_clear_error (&err);

  /* a 100 MB quoted value that never ends */
  n = (size_t) g_snprintf (buf, 256, "<check_type:\"Unix\">\n<item>\nv : \"");
  memset (buf + n, 'x', big - n);
  t0 = now ();
  assert_null (audit_parse_string (buf, big, "h", NULL, &err));
  assert_true (now () - t0 < TIME_LIMIT);
  assert_string_equal (err->message, "h:3: unterminated quoted value");
  g_clear_error (&err);

  /* a 100 MB value with many escaped quotes that does end */
  for (size_t i = n; i + 1 < big - 64; i += 2)
    {
      buf[i] = '\\';
      buf[i + 1] = '"';
    }
  memcpy (buf + big - 64, "\"\n</item>\n</check_type>\n", 24);
  t0 = now ();
  doc = audit_parse_string (buf, big - 64 + 24, "h", NULL, &err);
  assert_non_null (doc);
  assert_true (now () - t0 < TIME_LIMIT);
  assert_int_equal (audit_node_find (root_node (doc, 0), "v")->value_len, (big - 64 - n) / 2);
  audit_doc_free (doc);
  g_free (buf);
  (void) state;
}

static void
test_many_keys_and_items (void **state)
{
  GString *t = g_string_new ("<check_type:\"Unix\">\n<custom_item>\n");
  audit_doc *doc;
  double t0;
  int i;

  for (i = 0; i < 200000; i++)
    g_string_append_printf (t, "k%d : v\n", i);
  for (i = 0; i < 200000; i++)
    g_string_append (t, "info : \"x\"\n");
  g_string_append (t, "</custom_item>\n");
  for (i = 0; i < 100000; i++)
    g_string_append (t, "<item>\n</item>\n");
  g_string_append (t, "</check_type>\n");
  t0 = now ();
  doc = audit_parse_string (t->str, t->len, "k", NULL, NULL);
  assert_non_null (doc);
  assert_true (now () - t0 < TIME_LIMIT);
  assert_int_equal (root_node (doc, 0)->n_kvs, 200001);
  assert_int_equal (audit_node_find (root_node (doc, 0), "info")->count, 200000);
  assert_string_equal (audit_node_get (root_node (doc, 0), "k199999"), "v");
  assert_int_equal (doc->root.len, 100001);
  assert_int_equal (root_node (doc, 100000)->line, 400004 + 2 * 99999);
  audit_doc_free (doc);
  g_string_free (t, TRUE);
  (void) state;
}

static void
test_node_limit (void **state)
{
  GString *t = g_string_new ("<check_type:\"Unix\">\n");
  GError *err = NULL;
  int i;

  for (i = 0; i < AUDIT_MAX_NODES + 1; i++)
    g_string_append (t, "<item></item>\n");
  assert_null (audit_parse_string (t->str, t->len, "m", NULL, &err));
  assert_int_equal (err->code, AUDIT_ERROR_LIMIT);
  assert_string_equal (err->message, "m:1000002: more than 1000000 items");
  g_clear_error (&err);
  g_string_free (t, TRUE);
  (void) state;
}

/* }==================================================================== */

/* {====================================================================
** Queries
** ===================================================================== */

typedef struct visit_log {
  GString *s;
  int stop_after;
} visit_log;

static bool
log_visit (const audit_node *n, unsigned depth, void *user)
{
  visit_log *log = user;

  g_string_append_printf (log->s, "%s@%u:%u ", audit_node_kind_name (n->kind), n->line, depth);
  return --log->stop_after != 0;
}

static void
test_visit_and_count (void **state)
{
  char *text = win ("<custom_item>\n</custom_item>\n"
                    "<if>\n<condition type:\"and\">\n<item>\n</item>\n</condition>\n"
                    "<then>\n<report type:\"PASSED\">\n</report>\n</then>\n"
                    "<else>\n<custom_item>\n</custom_item>\n</else>\n</if>\n"
                    "<item>\n</item>\n");
  audit_doc *doc = parse_both (state, text);
  visit_log log = { g_string_new (NULL), -1 };

  assert_true (audit_doc_visit (doc, log_visit, &log));
  assert_string_equal (log.s->str,
                       "custom_item@2:0 if@4:0 item@6:1 report@10:1 custom_item@14:1 item@18:0 ");
  g_string_truncate (log.s, 0);
  log.stop_after = 3;
  assert_false (audit_doc_visit (doc, log_visit, &log));
  assert_string_equal (log.s->str, "custom_item@2:0 if@4:0 item@6:1 ");
  assert_true (audit_doc_visit (NULL, log_visit, &log));
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_CUSTOM_ITEM), 2);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_ITEM), 2);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_REPORT), 1);
  assert_int_equal (audit_doc_count (doc, AUDIT_NODE_IF), 1);
  assert_int_equal (audit_doc_count (NULL, AUDIT_NODE_IF), 0);
  g_string_free (log.s, TRUE);
  audit_doc_free (doc);
  g_free (text);
}

/* }==================================================================== */

int
main (void)
{
  const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown (f, setup, teardown)
    T (test_sample_windows_firewall),
    T (test_sample_os_and_role),
    T (test_sample_ssh_status),
    T (test_sample_chrome),
    T (test_sample_others),
    T (test_fixture_edge_cases),
    T (test_check_type_forms),
    T (test_group_policy_nesting),
    T (test_if_forms),
    T (test_items_reports_unknown),
    T (test_comments_and_debug),
    T (test_several_tags_per_line),
    T (test_several_check_type_blocks),
    T (test_duplicate_keys),
    T (test_values_blanks_kept),
    T (test_keyword_whitespace),
    T (test_quoting),
    T (test_multiline_values),
    T (test_cis_like),
    T (test_repeated_keys),
    T (test_compound_values),
    T (test_variables_defaults),
    T (test_variables_overrides),
    T (test_variables_undeclared_names),
    T (test_overrides_table),
    T (test_variables_blowup_limited),
    T (test_policy_meta),
    T (test_policy_meta_encodings),
    T (test_crlf_mixed),
    T (test_utf8_bom_and_invalid_utf8),
    T (test_windows_1252),
    T (test_utf16),
    T (test_errors_structure),
    T (test_errors_text_and_if),
    T (test_errors_bytes),
    T (test_errors_io),
    T (test_depth_limit),
    T (test_if_depth_limit),
    T (test_million_nested_tags),
    T (test_huge_lines),
    T (test_many_keys_and_items),
    T (test_node_limit),
    T (test_visit_and_count),
#undef T
  };

  return cmocka_run_group_tests_name ("audit_parse", tests, NULL, NULL);
}

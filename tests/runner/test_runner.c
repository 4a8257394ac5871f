/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_runner.c: unit tests of the runner's pure parts: escaping, target expansion, the record contract and its frames. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "escape.h"
#include "nasl.h"
#include "record.h"
#include "runner.h"

/* ---- escaping -------------------------------------------------------------- */

static void
check_esc (const char *in, unsigned flags, const char *want)
{
  char *got = esc (in, flags);
  assert_string_equal (got, want);
  assert_true (g_utf8_validate (got, -1, NULL));
  g_free (got);
}

static void
test_esc_plain_and_utf8 (void **state)
{
  (void) state;
  check_esc ("sshd", 0, "sshd");
  check_esc ("", 0, "");
  check_esc ("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92", 0, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92");
  check_esc ("C:\\Windows\\svchost.exe", 0, "C:\\Windows\\svchost.exe");
}

static void
test_esc_controls (void **state)
{
  (void) state;
  check_esc ("\x1b[2K\rPASSED", 0, "\\x1b[2K\\x0dPASSED");
  check_esc ("a\nb\tc", 0, "a\\x0ab\\x09c");
  check_esc ("a\nb\tc\r", ESC_MULTILINE, "a\nb\tc\\x0d");
  check_esc ("\x7f\x01", 0, "\\x7f\\x01");
}

static void
test_esc_invalid_utf8 (void **state)
{
  (void) state;
  check_esc ("\xff\xfe", 0, "\\xff\\xfe");
  check_esc ("\xc3(", 0, "\\xc3(");                /* bad continuation */
  check_esc ("\xe2\x82", 0, "\\xe2\\x82");         /* truncated at the end */
  check_esc ("\xc0\xaf", 0, "\\xc0\\xaf");         /* overlong '/' */
  check_esc ("\xed\xa0\x80", 0, "\\xed\\xa0\\x80"); /* a UTF-16 surrogate */
  check_esc ("\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80"); /* above U+10FFFF */
}

static void
test_esc_hidden_formatting (void **state)
{
  (void) state;
  check_esc ("\xc2\x9b" "31m", 0, "\\u{009b}31m");       /* C1 CSI */
  check_esc ("abc\xe2\x80\xae" "cba", 0, "abc\\u{202e}cba"); /* right-to-left override */
  check_esc ("\xe2\x81\xa6x\xe2\x81\xa9", 0, "\\u{2066}x\\u{2069}");
  check_esc ("\xef\xbb\xbfx", 0, "\\u{feff}x");
}

/* ---- targets --------------------------------------------------------------- */

static GPtrArray *
expand (const char *spec, char **err)
{
  runner_config cfg = { 0 };
  cfg.port = 22;
  cfg.user = (char *) "auditor";
  GPtrArray *out = g_ptr_array_new_with_free_func (runner_target_free);
  *err = NULL;
  if (!targets_add_spec (out, spec, &cfg, err))
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

static const runner_target *
nth (GPtrArray *a, guint i)
{
  return g_ptr_array_index (a, i);
}

/* ---- SMB targets --------------------------------------------------------------- */

/* 'spec' with --smb (smb), -u (user, may be NULL) and --smb-domain (domain). */
static GPtrArray *
expand_smb (const char *spec, int smb, const char *user, const char *domain, char **err)
{
  runner_config cfg = { 0 };
  cfg.port = 22;
  cfg.smb = smb;
  cfg.smb_port = 445;
  cfg.user = (char *) user;
  cfg.smb_domain = (char *) domain;
  GPtrArray *out = g_ptr_array_new_with_free_func (runner_target_free);
  *err = NULL;
  if (!targets_add_spec (out, spec, &cfg, err))
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

/* One SMB target: name, host, account, domain (NULL: none) and port. */
static void
check_smb (const char *spec, int smb, const char *user, const char *domain, const char *name,
           const char *host, const char *login, const char *login_domain, int port)
{
  char *err;
  GPtrArray *a = expand_smb (spec, smb, user, domain, &err);
  if (!a)
    fail_msg ("%s: %s", spec, err);
  assert_int_equal (a->len, 1);
  assert_int_equal (nth (a, 0)->transport, TRANSPORT_SMB);
  assert_string_equal (nth (a, 0)->name, name);
  assert_string_equal (nth (a, 0)->host, host);
  assert_string_equal (nth (a, 0)->user, login);
  if (login_domain)
    assert_string_equal (nth (a, 0)->domain, login_domain);
  else
    assert_null (nth (a, 0)->domain);
  assert_int_equal (nth (a, 0)->port, port);
  g_ptr_array_unref (a);
}

static void
test_targets_smb (void **state)
{
  (void) state;
  check_smb ("smb://admin@win1", 0, NULL, NULL, "smb://admin@win1", "win1", "admin", NULL, 445);
  check_smb ("smb://CORP;admin@win1:4455", 0, NULL, NULL, "smb://CORP;admin@win1:4455", "win1",
             "admin", "CORP", 4455);
  check_smb ("smb://CORP\\admin@10.0.0.5/", 0, NULL, NULL, "smb://CORP\\admin@10.0.0.5/",
             "10.0.0.5", "admin", "CORP", 445);
  check_smb ("SMB://CORP%3Badmin@[fe80::1]:445", 0, NULL, NULL, "SMB://CORP%3Badmin@[fe80::1]:445",
             "fe80::1", "admin", "CORP", 445);
  check_smb ("smb://CORP%5Cad%20min@h", 0, NULL, NULL, "smb://CORP%5Cad%20min@h", "h", "ad min",
             "CORP", 445);
  /* a UPN stays whole and takes no --smb-domain */
  check_smb ("smb://admin@corp.example@h", 0, NULL, "OTHER", "smb://admin@corp.example@h", "h",
             "admin@corp.example", NULL, 445);
  check_smb ("smb://admin%40corp.example@h", 0, NULL, "OTHER", "smb://admin%40corp.example@h", "h",
             "admin@corp.example", NULL, 445);
  /* --smb-domain for accounts that name none; a named domain wins */
  check_smb ("smb://admin@h", 0, NULL, "CORP", "smb://admin@h", "h", "admin", "CORP", 445);
  check_smb ("smb://LAB;admin@h", 0, NULL, "CORP", "smb://LAB;admin@h", "h", "admin", "LAB", 445);
  /* -u for a URL without an account */
  check_smb ("smb://h", 0, "CORP\\op", NULL, "smb://h", "h", "op", "CORP", 445);
  /* --smb: every form, localhost included, is SMB */
  check_smb ("localhost", 1, "op", NULL, "localhost", "localhost", "op", NULL, 445);
  check_smb ("CORP\\admin@127.0.0.1:4455", 1, NULL, NULL, "CORP\\admin@127.0.0.1:4455",
             "127.0.0.1", "admin", "CORP", 4455);
  check_smb ("admin@h", 1, "ignored", "CORP", "admin@h", "h", "admin", "CORP", 445);

  /* blocks and ranges: one target each, named with the scheme */
  char *err;
  GPtrArray *a = expand_smb ("smb://CORP;admin@10.1.0.0/30", 0, NULL, NULL, &err);
  assert_non_null (a);
  assert_int_equal (a->len, 2);
  assert_string_equal (nth (a, 0)->name, "smb://CORP;admin@10.1.0.1");
  assert_string_equal (nth (a, 1)->host, "10.1.0.2");
  assert_string_equal (nth (a, 1)->domain, "CORP");
  assert_int_equal (nth (a, 1)->transport, TRANSPORT_SMB);
  g_ptr_array_unref (a);
  a = expand_smb ("admin@10.1.0.7-8", 1, NULL, NULL, &err);
  assert_non_null (a);
  assert_int_equal (a->len, 2);
  assert_string_equal (nth (a, 1)->name, "admin@10.1.0.8");
  assert_int_equal (nth (a, 1)->transport, TRANSPORT_SMB);
  g_ptr_array_unref (a);
  /* without --smb, plain targets stay SSH */
  a = expand_smb ("admin@h", 0, NULL, "CORP", &err);
  assert_int_equal (nth (a, 0)->transport, TRANSPORT_SSH);
  assert_null (nth (a, 0)->domain);
  g_ptr_array_unref (a);
}

static void
test_targets_smb_refused (void **state)
{
  (void) state;
  static const struct {
    const char *spec;
    int smb;
    const char *user;
    const char *why;
  } bad[] = {
    { "smb://admin:Secret1@h", 0, NULL, "a target holds USER:PASSWORD, and passwords are never "
      "taken from the command line (use --smb-password-env VAR or --ask-password)" },
    { "admin:Secret1@h", 1, NULL, "a target holds USER:PASSWORD, and passwords are never "
      "taken from the command line (use --smb-password-env VAR or --ask-password)" },
    { "smb://admin%3ASecret1@h", 0, NULL, "a target holds USER:PASSWORD, and passwords are never "
      "taken from the command line (use --smb-password-env VAR or --ask-password)" },
    { "smb://h", 0, NULL, "SMB target 'smb://h' names no account (expected "
      "smb://[DOMAIN;]USER@HOST, or give -u USER)" },
    { "h", 1, NULL, "SMB target 'h' names no account (expected smb://[DOMAIN;]USER@HOST, or give -u USER)" },
    { "smb://admin@h/C$", 0, NULL, "SMB target 'smb://admin@h/C$' names a share or path; give the "
      "host only (smb://[DOMAIN;]USER@HOST[:PORT])" },
    { "smb://admin@h:0", 0, NULL, "malformed SMB target 'smb://admin@h:0' (expected "
      "smb://[DOMAIN;]USER@HOST[:PORT])" },
    { "smb://@h", 0, NULL, "malformed SMB target 'smb://@h' (expected smb://[DOMAIN;]USER@HOST[:PORT])" },
    { "smb://", 0, NULL, "malformed SMB target 'smb://' (expected smb://[DOMAIN;]USER@HOST[:PORT])" },
    { "smb://admin@", 0, NULL, "malformed SMB target 'smb://admin@' (expected smb://[DOMAIN;]USER@HOST[:PORT])" },
    { "smb://ad%zzmin@h", 0, NULL, "malformed SMB target 'smb://ad%zzmin@h' (a bad %-escape in the account)" },
    { "smb://ad%00min@h", 0, NULL, "malformed SMB target 'smb://ad%00min@h' (a bad %-escape in the account)" },
    { "smb://CORP;@h", 0, NULL, "malformed SMB account in 'smb://CORP;@h' (expected USER, "
      "DOMAIN\\USER, DOMAIN;USER or USER@DOMAIN)" },
    { "smb://;admin@h", 0, NULL, "malformed SMB account in 'smb://;admin@h' (expected USER, "
      "DOMAIN\\USER, DOMAIN;USER or USER@DOMAIN)" },
    { "smb://A;B;admin@h", 0, NULL, "malformed SMB account in 'smb://A;B;admin@h' (expected USER, "
      "DOMAIN\\USER, DOMAIN;USER or USER@DOMAIN)" },
    { "smb://ad%0Amin@h", 0, NULL, "malformed SMB account in 'smb://ad%0Amin@h' (expected USER, "
      "DOMAIN\\USER, DOMAIN;USER or USER@DOMAIN)" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *err;
      GPtrArray *a = expand_smb (bad[i].spec, bad[i].smb, bad[i].user, NULL, &err);
      if (a)
        fail_msg ("%s was accepted", bad[i].spec);
      assert_string_equal (err, bad[i].why);
      assert_null (strstr (err, "Secret1"));
      g_free (err);
    }
}

static void
test_targets_plain (void **state)
{
  (void) state;
  char *err;
  GPtrArray *a = expand ("admin@[fe80::1]:2222", &err);
  assert_non_null (a);
  assert_int_equal (a->len, 1);
  assert_string_equal (nth (a, 0)->host, "fe80::1");
  assert_string_equal (nth (a, 0)->user, "admin");
  assert_int_equal (nth (a, 0)->port, 2222);
  assert_int_equal (nth (a, 0)->transport, TRANSPORT_SSH);
  g_ptr_array_unref (a);

  const char *here[] = { "localhost", "LocalHost", "127.0.0.1", "::1", "[::1]" };
  for (size_t i = 0; i < G_N_ELEMENTS (here); i++)
    {
      a = expand (here[i], &err);
      assert_non_null (a);
      assert_int_equal (nth (a, 0)->transport, TRANSPORT_LOCAL);
      assert_string_equal (nth (a, 0)->user, "auditor");
      g_ptr_array_unref (a);
    }
  a = expand ("root@localhost", &err);
  assert_int_equal (nth (a, 0)->transport, TRANSPORT_SSH);
  g_ptr_array_unref (a);
  a = expand ("127.0.0.1:22", &err);
  assert_int_equal (nth (a, 0)->transport, TRANSPORT_SSH);
  g_ptr_array_unref (a);
}

static void
test_targets_blocks (void **state)
{
  (void) state;
  char *err;
  GPtrArray *a = expand ("u@192.0.2.0/29:2200", &err);
  assert_non_null (a);
  assert_int_equal (a->len, 6); /* .1 to .6: network and broadcast left out */
  assert_string_equal (nth (a, 0)->name, "u@192.0.2.1:2200");
  assert_string_equal (nth (a, 5)->host, "192.0.2.6");
  assert_int_equal (nth (a, 5)->port, 2200);
  g_ptr_array_unref (a);

  a = expand ("192.0.2.254/31", &err);
  assert_int_equal (a->len, 2);
  assert_string_equal (nth (a, 1)->host, "192.0.2.255");
  g_ptr_array_unref (a);

  a = expand ("10.0.0.255-10.0.1.1", &err); /* across an octet */
  assert_int_equal (a->len, 3);
  assert_string_equal (nth (a, 1)->host, "10.0.1.0");
  g_ptr_array_unref (a);

  a = expand ("10.0.0.7-9", &err);
  assert_int_equal (a->len, 3);
  assert_string_equal (nth (a, 2)->host, "10.0.0.9");
  g_ptr_array_unref (a);

  a = expand ("fd00::fe/127", &err);
  assert_int_equal (a->len, 2);
  assert_string_equal (nth (a, 1)->host, "fd00::ff");
  g_ptr_array_unref (a);
}

static void
test_targets_refused (void **state)
{
  (void) state;
  const char *bad[] = { "10.0.0.0/8", "::/0", "10.0.0.0/33", "10.0.0.9-1", "10.0.0.1-256",
                        "user@", "@host", "host:0", "host:65536", "[::1", "[::1]x", "a b",
                        "10.0.0.1/", "10.0.0.1/x" };
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *err = NULL;
      GPtrArray *a = expand (bad[i], &err);
      if (a)
        fail_msg ("'%s' was accepted", bad[i]);
      assert_non_null (err);
      g_free (err);
    }
}

/* ---- records ------------------------------------------------------------------ */

typedef struct rec_fixture {
  int fds[2];
  nasl_state *st;
  GString *diags;
} rec_fixture;

static void
collect_diag (void *ud, const char *text)
{
  g_string_append_printf (ud, "%s\n", text);
}

static int
rec_setup (void **state)
{
  rec_fixture *f = g_new0 (rec_fixture, 1);
  char *err = NULL;
  assert_int_equal (pipe (f->fds), 0);
  f->st = nasl_state_new ();
  f->diags = g_string_new (NULL);
  nasl_set_diag (f->st, collect_diag, f->diags);
  assert_int_equal (record_register (f->st, f->fds[1], &err), 0);
  *state = f;
  return 0;
}

static int
rec_teardown (void **state)
{
  rec_fixture *f = *state;
  nasl_state_free (f->st);
  close (f->fds[0]);
  close (f->fds[1]);
  g_string_free (f->diags, TRUE);
  g_free (f);
  return 0;
}

/* Runs NASL, then reads back every frame it wrote into a fresh target result. */
static target_result *
run_records (rec_fixture *f, const char *src)
{
  assert_int_equal (nasl_run_buffer (f->st, "t.nasl", src, strlen (src), 0), NASL_OK);
  frame_write (f->fds[1], FRAME_DONE, g_variant_new_bytestring (""));
  target_result *tr = target_result_new ("t", "t", "local");
  for (;;)
    {
      guint32 len;
      guint8 kind;
      assert_int_equal (read (f->fds[0], &len, 4), 4);
      assert_int_equal (read (f->fds[0], &kind, 1), 1);
      guint8 *buf = g_malloc (len);
      size_t got = 0;
      while (got < len - 1)
        {
          ssize_t n = read (f->fds[0], buf + got, len - 1 - got);
          assert_true (n > 0);
          got += (size_t) n;
        }
      char *err = NULL;
      assert_true (frame_apply (tr, (frame_kind) kind, buf, len - 1, &err));
      g_free (buf);
      if (kind == FRAME_DONE)
        break;
    }
  return tr;
}

static void
test_record_kinds (void **state)
{
  rec_fixture *f = *state;
  target_result *tr = run_records (f,
    "x = nasl_audit_record(kind:'target', data:make_array('os', 'linux', 'transport', 'ssh',"
    "  'status', 'not_audited', 'reason', 'no route', 'reason_code', 'unreachable', 'privileged', 0));\n"
    "nasl_audit_record(kind:'listener', data:make_array('proto', 'udp', 'family', 6, 'address', '::',"
    "  'port', 123, 'process', 'a|b', 'exposed', 1, 'counted', 0));\n"
    "p = make_array('file', 'f.audit', 'status', 'ran', 'items', 3);\n"
    "p['skipped'] = make_array('FILE_CHECK', 2);\n"
    "nasl_audit_record(kind:'policy', data:p);\n"
    "nasl_audit_record(kind:'result', data:make_array('check_id', 'c1', 'audit_file', 'f.audit',"
    "  'line', 7, 'check_name', 'n', 'result', 'FAILED', 'compliant', 'NO', 'actual_value', 'x' + raw_string(0) + 'y'));\n"
    "nasl_audit_record(kind:'gather', data:make_array('line', 'ran ss'));\n"
    "if (x != 1) exit(1);\n");
  assert_string_equal (f->diags->str, "");
  assert_true (tr->have_info);
  assert_string_equal (tr->info.status, "not_audited");
  assert_string_equal (tr->info.reason_code, "unreachable");
  assert_int_equal (tr->info.privileged, 0);
  assert_string_equal (tr->info.api, "");
  assert_int_equal (tr->listeners->len, 1);
  const listener *l = &g_array_index (tr->listeners, listener, 0);
  assert_string_equal (l->process, "a|b");
  assert_int_equal (l->family, 6);
  assert_int_equal (l->pid, -1);
  assert_string_equal (l->port_text, "123");
  assert_string_equal (l->reachable, "untested");
  const policy_info *p = g_ptr_array_index (tr->policies, 0);
  assert_int_equal (p->items, 3);
  assert_int_equal (p->skipped->len, 1);
  assert_string_equal (g_array_index (p->skipped, named_count, 0).name, "FILE_CHECK");
  const check_result *r = g_ptr_array_index (tr->results, 0);
  assert_int_equal (r->line, 7);
  assert_string_equal (r->actual_value, "x\\x00y");
  assert_string_equal (g_array_index (tr->gather_log, gather_line, 0).line, "ran ss");
  assert_true (tr->finished);
  assert_int_equal (tr->problems->len, 0);
  target_result_free (tr);
}

static void
test_record_wrong_calls (void **state)
{
  rec_fixture *f = *state;
  target_result *tr = run_records (f,
    "if (nasl_audit_record(kind:'nope', data:make_array()) != 0) exit(1);\n"
    "nasl_audit_record(kind:'gather', data:make_list('x'));\n"
    "nasl_audit_record(kind:'gather');\n"
    "nasl_audit_record(kind:'listener', data:make_array('proto', 'sctp', 'address', 'a', 'port', 1,"
    "  'exposed', 1, 'counted', 1));\n"
    "nasl_audit_record(kind:'listener', data:make_array('proto', 'tcp', 'address', 'a', 'port', 1,"
    "  'exposed', 2, 'counted', 1));\n"
    "t = make_array('transport', 'local', 'status', 'audited'); t['os'] = make_list(1); nasl_audit_record(kind:'target', data:t);\n"
    "p = make_array('file', 'f', 'status', 'ran');\n"
    "p['skipped'] = make_array('FILE_CHECK', 'two');\n"
    "nasl_audit_record(kind:'policy', data:p);\n");
  const char *want[] = {
    "t.nasl line 1: nasl_audit_record: unknown kind 'nope'",
    "t.nasl line 2: nasl_audit_record: data has an integer index (0); keys are names",
    "t.nasl line 3: nasl_audit_record: 'data' must be an array, got nothing",
    "t.nasl line 4: nasl_audit_record: 'proto' cannot be 'sctp'",
    "t.nasl line 5: nasl_audit_record: 'exposed' cannot be 2",
    "t.nasl line 6: nasl_audit_record: 'os' must be a string, got array",
    "t.nasl line 9: nasl_audit_record: 'skipped' values must be int counts, got data",
  };
  assert_int_equal (tr->problems->len, G_N_ELEMENTS (want));
  for (size_t i = 0; i < G_N_ELEMENTS (want); i++)
    if (!g_str_has_prefix (g_ptr_array_index (tr->problems, i), want[i]))
      fail_msg ("problem %zu: '%s', wanted '%s...'", i, (char *) g_ptr_array_index (tr->problems, i), want[i]);
  assert_int_equal (tr->listeners->len, 0);
  assert_int_equal (tr->policies->len, 0);
  assert_false (tr->have_info);
  assert_non_null (strstr (f->diags->str, "unknown kind 'nope'"));
  target_result_free (tr);
}

static void
test_frame_malformed (void **state)
{
  (void) state;
  target_result *tr = target_result_new ("t", "t", "ssh");
  char *err = NULL;
  const guint8 junk[] = { 1, 2, 3 };
  assert_false (frame_apply (tr, FRAME_RESULT, junk, sizeof junk, &err));
  assert_non_null (err);
  g_free (err);
  err = NULL;
  assert_false (frame_apply (tr, (frame_kind) 99, junk, sizeof junk, &err));
  g_free (err);
  target_result_free (tr);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_esc_plain_and_utf8),
    cmocka_unit_test (test_esc_controls),
    cmocka_unit_test (test_esc_invalid_utf8),
    cmocka_unit_test (test_esc_hidden_formatting),
    cmocka_unit_test (test_targets_plain),
    cmocka_unit_test (test_targets_blocks),
    cmocka_unit_test (test_targets_refused),
    cmocka_unit_test (test_targets_smb),
    cmocka_unit_test (test_targets_smb_refused),
    cmocka_unit_test_setup_teardown (test_record_kinds, rec_setup, rec_teardown),
    cmocka_unit_test_setup_teardown (test_record_wrong_calls, rec_setup, rec_teardown),
    cmocka_unit_test (test_frame_malformed),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

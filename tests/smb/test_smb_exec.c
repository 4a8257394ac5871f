/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_smb_exec.c: remote commands against the emulated Windows host: outputs, sessions, logon forms, every fault, cleanup. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "smb.h"
#include "smb_fixture.h"

/* One emulator for most tests (English outputs, the UPN account too): its
** fault is switched per test, and cleanup is checked on the counts' changes. */
static smb_fx *shared;

static smb_exec_opts
opts_for (const smb_fx *fx)
{
  smb_exec_opts o;

  memset (&o, 0, sizeof o);
  o.host = "127.0.0.1";
  o.port = (unsigned int) fx->port;
  o.user = fx->user;
  o.password = fx->password;
  o.connect_timeout_ms = 5000;
  o.request_timeout_ms = 5000;
  o.command_timeout_ms = 10000;
  return o;
}

static smb_fx *
emu (const char *fault, const char *locale, const char *upn)
{
  smb_fx *fx = NULL;
  char *why = NULL;

  SMB_FX_START_OR_SKIP (smb_fx_emu (&fx, fault, locale, upn, &why), why);
  g_free (why);
  return fx;
}

typedef struct counts {
  int created, deleted;
} counts;

static counts
counts_now (smb_fx *fx)
{
  counts c = { smb_fx_emu_count (fx, "created"), smb_fx_emu_count (fx, "deleted") };
  return c;
}

/* 'created' services were made since 'before', all deleted, nothing left. */
static void
assert_clean_since (smb_fx *fx, counts before, int created)
{
  assert_int_equal (smb_fx_emu_count (fx, "created") - before.created, created);
  assert_int_equal (smb_fx_emu_count (fx, "deleted") - before.deleted, created);
  assert_int_equal (smb_fx_emu_count (fx, "leftover_services"), 0);
  assert_int_equal (smb_fx_emu_count (fx, "leftover_files"), 0);
}

static void
assert_clean (smb_fx *fx, int created)
{
  counts zero = { 0, 0 };
  assert_clean_since (fx, zero, created);
}

static void
assert_output (smb_session *s, const char *command, const char *fixture)
{
  GByteArray *out = g_byte_array_new (), *want = smb_fx_fixture (fixture);
  smb_error err;

  smb_error_clear (&err);
  if (smb_session_run (s, command, 0, out, &err) != 0)
    fail_msg ("%s: %s", command, err.text);
  assert_true (want->len > 0);
  assert_int_equal (out->len, want->len);
  assert_memory_equal (out->data, want->data, want->len);
  assert_null (smb_session_warning (s));
  g_byte_array_free (out, TRUE);
  g_byte_array_free (want, TRUE);
}

static void
test_commands_en (void **state)
{
  smb_fx *fx = shared;
  counts before = counts_now (fx);
  smb_exec_opts o = opts_for (fx);
  smb_session_info info;
  smb_session *s;
  smb_error err;
  char *line;

  (void) state;
  smb_error_clear (&err);
  s = smb_session_open (&o, &err);
  if (!s)
    fail_msg ("open: %s", err.text);
  assert_output (s, "cmd /c ver", "fixtures/en-ver.txt");
  assert_output (s, "netstat -ano", "fixtures/en-netstat-ano.txt");
  smb_session_get_info (s, &info);
  /* CreateServiceW, StartServiceW, CREATE+READ+CLOSE, DeleteService+delete, CloseServiceHandle */
  assert_int_equal (info.last_round_trips, 5);
  assert_int_equal (info.dialect, 0x0202);   /* all impacket speaks */
  assert_true (info.signing);
  assert_false (info.encryption);
  assert_output (s, "netstat -an", "fixtures/en-netstat-an.txt");
  assert_output (s, "tasklist /svc", "fixtures/en-tasklist-svc.txt");
  smb_session_get_info (s, &info);
  assert_int_equal (info.commands, 4);
  assert_int_equal (info.reconnects, 0);
  smb_session_close (s);
  assert_clean_since (fx, before, 4);
  line = smb_fx_emu_line (fx, "command");
  assert_string_equal (line, "cmd /c ver");
  g_free (line);
}

static void
test_commands_other_locales (void **state)
{
  smb_fx *fx = emu (NULL, "fr", NULL);
  smb_exec_opts o = opts_for (fx);
  smb_session *s;
  smb_error err;

  (void) state;
  smb_error_clear (&err);
  s = smb_session_open (&o, &err);
  assert_non_null (s);
  assert_output (s, "netstat -ano", "fixtures/fr-netstat-ano.txt");
  assert_output (s, "tasklist /svc", "fixtures/srv2016-tasklist-svc.txt");
  smb_session_close (s);
  assert_clean (fx, 2);
  smb_fx_stop (fx);
  fx = emu (NULL, "es", NULL);
  o = opts_for (fx);
  s = smb_session_open (&o, &err);
  assert_non_null (s);
  assert_output (s, "netstat -an", "fixtures/es-netstat-an.txt");
  assert_output (s, "netstat -nabo", "fixtures/es-netstat-nabo.txt");
  smb_session_close (s);
  assert_clean (fx, 2);
  smb_fx_stop (fx);
}

/* What the host prints for a command it does not know, a long output read in
** several READs (impacket: 64 KiB each), UTF-8 in the command, and one-shot use. */
static void
test_outputs_and_one_shot (void **state)
{
  smb_fx *fx = shared;
  counts before = counts_now (fx);
  smb_exec_opts o = opts_for (fx);
  GByteArray *out = g_byte_array_new ();
  smb_session *s;
  smb_error err;
  size_t i;

  (void) state;
  smb_error_clear (&err);
  assert_int_equal (smb_exec (&o, "no-such-tool /x", out, &err), 0);
  assert_string_equal ((char *) g_byte_array_append (out, (const guint8 *) "", 1)->data,
                       "'no-such-tool' is not recognized as an internal or external command,\r\n"
                       "operable program or batch file.\r\n");
  g_byte_array_set_size (out, 0);
  s = smb_session_open (&o, &err);
  assert_non_null (s);
  assert_int_equal (smb_session_run (s, "winemu-bytes 300000", 0, out, &err), 0);
  assert_int_equal (out->len, 300000);
  for (i = 0; i < out->len; i += 65)
    assert_int_equal (out->data[i], '0');
  g_byte_array_set_size (out, 0);
  assert_int_equal (smb_session_run (s, "echo h\xc3\xa9llo & \"quoted\"", 0, out, &err), 0);
  assert_int_equal (out->len, strlen ("h\xc3\xa9llo & \"quoted\"\r\n"));
  assert_memory_equal (out->data, "h\xc3\xa9llo & \"quoted\"\r\n", out->len);
  /* refused before anything is sent */
  assert_int_equal (smb_session_run (s, "", 0, out, &err), -1);
  assert_int_equal (err.code, SMB_E_ARG);
  smb_error_clear (&err);
  assert_int_equal (smb_session_run (s, "a\r\nb", 0, out, &err), -1);
  assert_int_equal (err.code, SMB_E_ARG);
  smb_error_clear (&err);
  /* the output limit */
  smb_session_close (s);
  o.max_output = 1000;
  g_byte_array_set_size (out, 0);
  s = smb_session_open (&o, &err);
  assert_int_equal (smb_session_run (s, "winemu-bytes 5000", 0, out, &err), -1);
  assert_int_equal (err.code, SMB_E_TOO_LARGE);
  assert_int_equal (out->len, 0);
  smb_session_close (s);
  assert_clean_since (fx, before, 4);
  g_byte_array_free (out, TRUE);
}

static void
test_logon_forms (void **state)
{
  smb_fx *fx = shared;
  counts before = counts_now (fx);
  smb_exec_opts o = opts_for (fx);
  const char *forms[] = { "WINHOST\\winadmin", "WINHOST/winadmin", "winadmin@WINHOST",
                          "winadmin@corp.example" };
  GByteArray *out = g_byte_array_new ();
  smb_error err;
  size_t i;

  (void) state;
  for (i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      o.user = forms[i];
      smb_error_clear (&err);
      g_byte_array_set_size (out, 0);
      if (smb_exec (&o, "echo ok", out, &err) != 0)
        fail_msg ("%s: %s", forms[i], err.text);
      assert_int_equal (out->len, 4);
    }
  /* a domain given apart */
  o.user = "winadmin";
  o.domain = "WINHOST";
  assert_int_equal (smb_exec (&o, "echo ok", out, &err), 0);
  assert_clean_since (fx, before, 5);
  g_byte_array_free (out, TRUE);
}

static void
test_wrong_password (void **state)
{
  smb_fx *fx = shared;
  counts before = counts_now (fx);
  smb_exec_opts o = opts_for (fx);
  GByteArray *out = g_byte_array_new ();
  smb_error err;

  (void) state;
  o.password = "not-the-password";
  smb_error_clear (&err);
  assert_int_equal (smb_exec (&o, "netstat -ano", out, &err), -1);
  assert_int_equal (err.code, SMB_E_LOGON);
  assert_non_null (strstr (err.text, "wrong user name or password"));
  assert_null (strstr (err.text, "not-the-password"));
  assert_null (strstr (err.text, fx->password));
  assert_int_equal (out->len, 0);
  assert_clean_since (fx, before, 0);
  g_byte_array_free (out, TRUE);
}

/* One fault: the error kind, a piece of its text, what was created. */
static void
fault (const char *name, smb_errcode want, const char *text, int created, long timeout_ms)
{
  smb_fx *fx = shared;
  counts before = counts_now (fx);
  smb_exec_opts o = opts_for (fx);
  GByteArray *out = g_byte_array_new ();
  smb_error err;
  gint64 t0 = g_get_monotonic_time ();

  if (timeout_ms)
    o.command_timeout_ms = timeout_ms;
  smb_fx_emu_set_fault (fx, name);
  smb_error_clear (&err);
  assert_int_equal (smb_exec (&o, "netstat -ano", out, &err), -1);
  if (err.code != want || !strstr (err.text, text))
    fail_msg ("%s: got [%s] %s", name, smb_errcode_name (err.code), err.text);
  assert_null (strstr (err.text, fx->password));
  assert_int_equal (out->len, 0);
  /* bounded: the command deadline plus a little */
  assert_true (g_get_monotonic_time () - t0 < (gint64) (o.command_timeout_ms + 5000) * 1000);
  smb_fx_emu_set_fault (fx, "none");
  assert_clean_since (fx, before, created);
  g_byte_array_free (out, TRUE);
}

static void
test_fault_scm_denied (void **s)
{
  (void) s;
  fault ("scm-denied", SMB_E_ACCESS, "access denied by the service manager", 0, 0);
}

static void
test_fault_admin_denied (void **s)
{
  (void) s;
  fault ("admin-denied", SMB_E_ACCESS, "ADMIN$ for winadmin (STATUS_ACCESS_DENIED)", 0, 0);
}

static void
test_fault_create_denied (void **s)
{
  (void) s;
  fault ("create-denied", SMB_E_ACCESS, "service creation refused", 0, 0);
}

static void
test_fault_start_fails (void **s)
{
  (void) s;
  fault ("start-fails", SMB_E_RPC, "did not start", 1, 0);
}

static void
test_fault_no_output (void **s)
{
  (void) s;
  fault ("no-output", SMB_E_NO_OUTPUT, "without leaving its output file", 1, 0);
}

static void
test_fault_never_finishes (void **s)
{
  (void) s;
  fault ("never-finishes", SMB_E_CMD_TIMEOUT, "did not finish on 127.0.0.1 within 1500 ms", 1,
         1500);
}

static void
test_fault_drop_after_session_setup (void **s)
{
  (void) s;
  fault ("drop-after-session-setup", SMB_E_CONN_LOST, "closed the connection", 0, 0);
}

/* The connection breaks while the command runs: the error says so, and a new
** connection removes the service and the file. */
static void
test_fault_drop_during_command (void **state)
{
  (void) state;
  fault ("drop-during-command", SMB_E_CONN_LOST, "closed the connection", 1, 0);
}

/* A slow command: polled until done, within the deadline. */
static void
test_slow_command (void **state)
{
  smb_fx *fx = shared;
  counts before = counts_now (fx);
  smb_exec_opts o = opts_for (fx);
  GByteArray *out = g_byte_array_new ();
  smb_error err;

  (void) state;
  smb_fx_emu_set_fault (fx, "slow");
  smb_error_clear (&err);
  assert_int_equal (smb_exec (&o, "netstat -ano", out, &err), 0);
  assert_true (out->len > 1000);
  smb_fx_emu_set_fault (fx, "none");
  assert_clean_since (fx, before, 1);
  g_byte_array_free (out, TRUE);
}

static void
test_unreachable (void **state)
{
  smb_exec_opts o;
  smb_error err;
  GByteArray *out = g_byte_array_new ();

  (void) state;
  memset (&o, 0, sizeof o);
  o.host = "127.0.0.1";
  o.port = (unsigned int) smb_fx_closed_port ();
  o.user = "x";
  o.password = "y";
  smb_error_clear (&err);
  assert_int_equal (smb_exec (&o, "netstat -ano", out, &err), -1);
  assert_int_equal (err.code, SMB_E_UNREACHABLE);
  smb_error_clear (&err);
  o.user = NULL;
  assert_null (smb_session_open (&o, &err));
  assert_int_equal (err.code, SMB_E_ARG);
  g_byte_array_free (out, TRUE);
}

static int
setup (void **state)
{
  (void) state;
  shared = emu (NULL, NULL, "winadmin@corp.example");
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  smb_fx_stop (shared);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_commands_en),
    cmocka_unit_test (test_commands_other_locales),
    cmocka_unit_test (test_outputs_and_one_shot),
    cmocka_unit_test (test_logon_forms),
    cmocka_unit_test (test_wrong_password),
    cmocka_unit_test (test_fault_scm_denied),
    cmocka_unit_test (test_fault_admin_denied),
    cmocka_unit_test (test_fault_create_denied),
    cmocka_unit_test (test_fault_start_fails),
    cmocka_unit_test (test_fault_no_output),
    cmocka_unit_test (test_fault_never_finishes),
    cmocka_unit_test (test_fault_drop_after_session_setup),
    cmocka_unit_test (test_fault_drop_during_command),
    cmocka_unit_test (test_slow_command),
    cmocka_unit_test (test_unreachable),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_ssh.c: the NASL SSH builtins against a real sshd on 127.0.0.1 (cmocka). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <glib.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nasl.h"
#include "sshd_fixture.h"

/*
** One sshd for the whole file (group setup); every test gets a fresh NASL
** state.  Snippets hand values back through two test builtins:
**   t_set(NAME, VALUE)  records a copy of VALUE under NAME
**   t_arg(NAME)         fixture values: "port", "user", "key", "wrong_key",
**                       "closed_port", "sock" (a connected socket), ...
*/

typedef struct test_ctx {
  sshd_fixture *fx;
  nasl_state *st;
  GHashTable *vals;   /* name -> nasl_value* */
  GString *diag;      /* every diagnostic, one per line */
  GString *out;       /* display() and other output */
  int sock;           /* for the socket: test, or -1 */
  /* Undone by the teardown, also when an assertion fails: */
  GPtrArray *tmpdirs;  /* removed (rm -rf) */
  GArray *envs;        /* saved_env: environment put back */
  GPid agent;          /* ssh-agent to stop, or 0 */
  sshd_fixture *fx2;   /* a second sshd to stop, or NULL */
} test_ctx;

#define CTX_SLOT "test.ssh.ctx"

/* --- test builtins ------------------------------------------------------- */

static void
value_free (gpointer p)
{
  nasl_value *v = p;

  nasl_value_free (v);
  g_free (v);
}

static nasl_value
t_set (nasl_call *call)
{
  test_ctx *ctx = nasl_state_get_data (nasl_call_state (call), CTX_SLOT);
  const char *name = nasl_arg_pos_str (call, 0, NULL);
  const nasl_value *v = nasl_arg_pos (call, 1);
  nasl_value *copy = g_new0 (nasl_value, 1);

  *copy = v ? nasl_value_copy (v) : NASL_NULL;
  g_hash_table_replace (ctx->vals, g_strdup (name ? name : "?"), copy);
  return NASL_NULL;
}

static nasl_value
t_arg (nasl_call *call)
{
  test_ctx *ctx = nasl_state_get_data (nasl_call_state (call), CTX_SLOT);
  const char *name = nasl_arg_pos_str (call, 0, NULL);
  sshd_fixture *fx = ctx->fx;

  if (!name)
    return NASL_NULL;
  if (!strcmp (name, "port"))
    return nasl_value_int (fx->port);
  if (!strcmp (name, "closed_port"))
    return nasl_value_int (sshd_fixture_closed_port ());
  if (!strcmp (name, "sock"))
    return nasl_value_int (ctx->sock);
  if (!strcmp (name, "user"))
    return nasl_value_data_cstr (fx->user);
  if (!strcmp (name, "key"))
    return nasl_value_data_cstr (fx->key);
  if (!strcmp (name, "wrong_key"))
    return nasl_value_data_cstr (fx->wrong_key);
  return NASL_NULL;
}

static const nasl_builtin test_builtins[] = {
  { "t_set", t_set, 2, 2, "" },
  { "t_arg", t_arg, 1, 1, "" },
  NASL_BUILTIN_END
};

static void
on_diag (void *ud, const char *text)
{
  test_ctx *ctx = ud;

  g_string_append (ctx->diag, text);
  g_string_append_c (ctx->diag, '\n');
}

static void
on_output (void *ud, const char *bytes, size_t len)
{
  test_ctx *ctx = ud;

  g_string_append_len (ctx->out, bytes, (gssize) len);
}

/* --- fixtures ------------------------------------------------------------ */

static int
group_setup (void **state)
{
  sshd_fixture *fx = NULL;
  char *why = NULL;
  int rc = sshd_fixture_start (&fx, &why);

  if (rc == 77)
    {
      print_message ("SKIP: %s\n", why);
      g_free (why);
      exit (77);
    }
  if (rc != 0)
    {
      print_error ("sshd fixture failed: %s\n", why);
      g_free (why);
      return -1;
    }
  *state = fx;
  return 0;
}

static int
group_teardown (void **state)
{
  sshd_fixture_stop (*state);
  return 0;
}

/* Sets an environment variable for one test; the teardown puts it back. */
typedef struct saved_env {
  char *name;
  char *value;   /* NULL: was unset */
} saved_env;

static void
env_set (test_ctx *ctx, const char *name, const char *value)
{
  saved_env s = { g_strdup (name), g_strdup (g_getenv (name)) };

  g_array_append_val (ctx->envs, s);
  if (value)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

static void
stop_agent (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

/* Removes a directory tree (rm -rf) and frees the path. */
static void
rm_rf (char *dir)
{
  char *argv[] = { (char *) "rm", (char *) "-rf", dir, NULL };

  g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (dir);
}

/* What a test set up beyond its NASL state, undone in reverse order. */
static void
test_ctx_undo (test_ctx *ctx)
{
  for (guint i = ctx->envs->len; i > 0; i--)
    {
      saved_env *e = &g_array_index (ctx->envs, saved_env, i - 1);

      if (e->value)
        g_setenv (e->name, e->value, TRUE);
      else
        g_unsetenv (e->name);
      g_free (e->name);
      g_free (e->value);
    }
  g_array_free (ctx->envs, TRUE);
  if (ctx->agent)
    stop_agent (ctx->agent);
  if (ctx->fx2)
    sshd_fixture_stop (ctx->fx2);
  for (guint i = 0; i < ctx->tmpdirs->len; i++)
    rm_rf (g_ptr_array_index (ctx->tmpdirs, i));
  g_ptr_array_free (ctx->tmpdirs, TRUE);
}

/* A fresh NASL state for the test (target 127.0.0.1, named "localhost"). */
static int
test_ctx_new_state (test_ctx *ctx)
{
  char *err = NULL;

  ctx->st = nasl_state_new ();
  assert_non_null (ctx->st);
  nasl_set_diag (ctx->st, on_diag, ctx);
  nasl_set_output (ctx->st, on_output, ctx);
  nasl_set_target (ctx->st, "127.0.0.1", "localhost");
  nasl_state_set_data (ctx->st, CTX_SLOT, ctx, NULL);
  if (nasl_register_builtins (ctx->st, test_builtins, &err) != 0)
    {
      print_error ("cannot register test builtins: %s\n", err ? err : "?");
      g_free (err);
      return -1;
    }
  return 0;
}

static int
test_setup (void **state)
{
  test_ctx *ctx = g_new0 (test_ctx, 1);

  ctx->fx = *state;
  ctx->sock = -1;
  ctx->vals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  ctx->diag = g_string_new (NULL);
  ctx->out = g_string_new (NULL);
  ctx->tmpdirs = g_ptr_array_new ();
  ctx->envs = g_array_new (FALSE, TRUE, sizeof (saved_env));
  if (test_ctx_new_state (ctx))
    return -1;
  *state = ctx;
  return 0;
}

static int
test_teardown (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;

  nasl_state_free (ctx->st);
  if (ctx->sock >= 0)
    close (ctx->sock);
  test_ctx_undo (ctx);
  g_hash_table_destroy (ctx->vals);
  g_string_free (ctx->diag, TRUE);
  g_string_free (ctx->out, TRUE);
  g_free (ctx);
  *state = fx;
  return 0;
}

/* --- helpers ------------------------------------------------------------- */

/* Runs a snippet; fails the test (printing the diagnostics) unless it ran. */
static void
run_ok (test_ctx *ctx, const char *src)
{
  nasl_status rc = nasl_run_buffer (ctx->st, "t.nasl", src, strlen (src), 0);

  if (rc != NASL_OK)
    print_error ("snippet failed (%d); diagnostics:\n%s\n", (int) rc, ctx->diag->str);
  assert_int_equal (rc, NASL_OK);
}

static const nasl_value *
got (test_ctx *ctx, const char *name)
{
  const nasl_value *v = g_hash_table_lookup (ctx->vals, name);

  if (!v)
    print_error ("t_set('%s') was not called; diagnostics:\n%s\n", name, ctx->diag->str);
  assert_non_null (v);
  return v;
}

static long
got_int (test_ctx *ctx, const char *name)
{
  const nasl_value *v = got (ctx, name);

  if (v->type != NASL_TYPE_INT)
    print_error ("'%s' is %s, not int; diagnostics:\n%s\n", name, nasl_type_name (v->type),
                 ctx->diag->str);
  assert_int_equal (v->type, NASL_TYPE_INT);
  return v->as.i;
}

static void
assert_got_null (test_ctx *ctx, const char *name)
{
  assert_int_equal (got (ctx, name)->type, NASL_TYPE_NULL);
}

/* Asserts a data value with exactly these bytes. */
static void
assert_got_data (test_ctx *ctx, const char *name, const char *bytes, size_t len)
{
  const nasl_value *v = got (ctx, name);
  size_t n = 0;
  const char *b;

  if (v->type != NASL_TYPE_DATA)
    print_error ("'%s' is %s, not data; diagnostics:\n%s\n", name, nasl_type_name (v->type),
                 ctx->diag->str);
  assert_int_equal (v->type, NASL_TYPE_DATA);
  b = nasl_value_bytes (v, &n);
  assert_int_equal (n, len);
  assert_memory_equal (b, bytes, len);
}

static void
assert_diag_has (test_ctx *ctx, const char *needle)
{
  if (!strstr (ctx->diag->str, needle))
    print_error ("diagnostics lack '%s':\n%s\n", needle, ctx->diag->str);
  assert_non_null (strstr (ctx->diag->str, needle));
}

/* The first KB value of 'name' as text (g_free), or NULL. */
static int
kb_first_cb (void *ud, const char *name, const nasl_value *val)
{
  char **out = ud;
  size_t n = 0;
  const char *b = nasl_value_bytes (val, &n);

  (void) name;
  *out = b ? g_strndup (b, n) : g_strdup_printf ("%ld", val->as.i);
  return 1;
}

static char *
kb_get (test_ctx *ctx, const char *name)
{
  char *v = NULL;

  nasl_kb_foreach (nasl_state_kb (ctx->st), name, kb_first_cb, &v);
  return v;
}

/* Asserts that KB item 'name' is exactly 'want'. */
static void
assert_kb_text (test_ctx *ctx, const char *name, const char *want)
{
  char *v = kb_get (ctx, name);

  if (!v || strcmp (v, want))
    print_error ("KB %s is '%s', want '%s'; diagnostics:\n%s\n", name, v ? v : "(unset)",
                 want, ctx->diag->str);
  assert_non_null (v);
  assert_string_equal (v, want);
  g_free (v);
}

/* Number of open descriptors of this process. */
static int
count_fds (void)
{
  DIR *d = opendir ("/proc/self/fd");
  struct dirent *e;
  int n = 0;

  if (!d)
    return -1;
  while ((e = readdir (d)))
    if (e->d_name[0] != '.')
      n++;
  closedir (d);
  return n;
}

/* Connect + key login, leaving the session id in variable 'id'. */
#define LOGIN                                                                  \
  "id = ssh_connect(port:t_arg('port'));\n"                                    \
  "t_set('id', id);\n"                                                         \
  "t_set('auth', ssh_userauth(id, login:t_arg('user'), privatekey:t_arg('key')));\n"

/* --- tests --------------------------------------------------------------- */

static void
test_exec_echo (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN
          "t_set('out', ssh_request_exec(id, cmd:'echo hello'));\n"
          "ssh_disconnect(id);\n");
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_int_equal (got_int (ctx, "auth"), 0);
  assert_got_data (ctx, "out", "hello\n", 6);
  assert_string_equal (ctx->diag->str, "");
}

static void
test_kb_credentials (void **state)
{
  test_ctx *ctx = *state;
  nasl_kb *kb = nasl_state_kb (ctx->st);
  char *expect = g_strdup_printf ("%s\n", ctx->fx->user);

  nasl_kb_set_str (kb, "Secret/SSH/login", ctx->fx->user, strlen (ctx->fx->user));
  nasl_kb_set_str (kb, "Secret/SSH/privatekey", ctx->fx->key, strlen (ctx->fx->key));
  run_ok (ctx, "id = ssh_connect(port:t_arg('port'));\n"
               "t_set('auth', ssh_userauth(id));\n"
               "t_set('out', ssh_request_exec(id, cmd:'id -un'));\n");
  assert_int_equal (got_int (ctx, "auth"), 0);
  assert_got_data (ctx, "out", expect, strlen (expect));
  g_free (expect);
}

/* The port comes from KB Services/ssh when port: is absent. */
static void
test_port_from_kb (void **state)
{
  test_ctx *ctx = *state;

  nasl_kb_set_int (nasl_state_kb (ctx->st), "Services/ssh", ctx->fx->port);
  run_ok (ctx, "t_set('id', ssh_connect());\n");
  assert_int_equal (got_int (ctx, "id"), 9001);
}

/* A key line that must never show up in diagnostics. */
static void
assert_no_key_material (test_ctx *ctx, const char *key)
{
  char **lines = g_strsplit (key, "\n", -1);

  for (char **l = lines; *l; l++)
    if (strlen (*l) >= 16 && !g_str_has_prefix (*l, "-----"))
      {
        if (strstr (ctx->diag->str, *l))
          print_error ("key material in diagnostics:\n%s\n", ctx->diag->str);
        assert_null (strstr (ctx->diag->str, *l));
      }
  g_strfreev (lines);
  assert_null (strstr (ctx->diag->str, "PRIVATE KEY"));
}

static void
test_wrong_key (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, "id = ssh_connect(port:t_arg('port'));\n"
               "t_set('auth', ssh_userauth(id, login:t_arg('user'), "
               "privatekey:t_arg('wrong_key')));\n"
               "t_set('bad', ssh_userauth(id, privatekey:'not a key', passphrase:'s3cr3t-pass'));\n");
  assert_int_equal (got_int (ctx, "auth"), -1);
  assert_int_equal (got_int (ctx, "bad"), -1);
  assert_diag_has (ctx, "authentication as '");
  assert_diag_has (ctx, "publickey: refused by the server");
  assert_diag_has (ctx, "the private key cannot be read");
  assert_no_key_material (ctx, ctx->fx->wrong_key);
  assert_no_key_material (ctx, ctx->fx->key);
  assert_null (strstr (ctx->diag->str, "s3cr3t-pass"));
  assert_null (strstr (ctx->out->str, "s3cr3t-pass"));
}

/* A password for a server that only takes keys: refused without trying,
** and the password is not in the diagnostic. */
static void
test_password_not_offered (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, "id = ssh_connect(port:t_arg('port'));\n"
               "t_set('auth', ssh_userauth(id, login:t_arg('user'), password:'hunter2-xyz'));\n"
               "t_set('methods', ssh_get_auth_methods(id));\n");
  assert_int_equal (got_int (ctx, "auth"), -1);
  assert_got_data (ctx, "methods", "publickey", 9);
  assert_diag_has (ctx, "the server offers only 'publickey'");
  assert_null (strstr (ctx->diag->str, "hunter2-xyz"));
}

static void
test_no_credentials (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, "id = ssh_connect(port:t_arg('port'));\n"
               "t_set('auth', ssh_userauth(id, login:t_arg('user')));\n");
  assert_int_equal (got_int (ctx, "auth"), -1);
  assert_diag_has (ctx, "no password or private key");
}

static void
test_connection_refused (void **state)
{
  test_ctx *ctx = *state;
  gint64 t0 = g_get_monotonic_time ();

  int port = sshd_fixture_closed_port ();
  char *src = g_strdup_printf ("t_set('id', ssh_connect(port:%d, timeout:30));\n", port);
  char *want = g_strdup_printf ("cannot connect to 127.0.0.1 port %d: Connection refused",
                                port);

  run_ok (ctx, src);
  assert_true (g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "refused");
  g_free (want);
  g_free (src);
}

static void
test_missing_command (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN
          "t_set('out', ssh_request_exec(id, cmd:'nonexistent-cmd'));\n"
          "t_set('err', ssh_request_exec(id, cmd:'nonexistent-cmd', stderr:1));\n");
  assert_got_data (ctx, "out", "", 0);
  {
    const nasl_value *v = got (ctx, "err");
    size_t n = 0;
    const char *b = nasl_value_bytes (v, &n);

    assert_int_equal (v->type, NASL_TYPE_DATA);
    assert_non_null (strstr (b, "nonexistent-cmd"));
    assert_non_null (strstr (b, "not found"));
  }
  assert_string_equal (ctx->diag->str, "");
}

/* pty:1 asks for a terminal first, as OpenVAS always does: CR LF endings. */
static void
test_pty (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN
          "t_set('out', ssh_request_exec(id, cmd:'echo hi; test -t 0 && echo tty', pty:1));\n");
  assert_got_data (ctx, "out", "hi\r\ntty\r\n", 9);
}

/* OpenVAS's four stream modes. */
static void
test_stream_flags (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN
          "c = 'echo E1 >&2; sleep 0.2; echo O1; sleep 0.2; echo E2 >&2';\n"
          "t_set('dflt', ssh_request_exec(id, cmd:c));\n"
          "t_set('out', ssh_request_exec(id, cmd:c, stdout:1));\n"
          "t_set('err', ssh_request_exec(id, cmd:c, stderr:1));\n"
          "t_set('both', ssh_request_exec(id, cmd:c, stdout:1, stderr:1));\n"
          "t_set('compat', ssh_request_exec(id, cmd:c, stdout:0, stderr:0));\n"
          "t_set('none', ssh_request_exec(id, cmd:c, stdout:0));\n");
  assert_got_data (ctx, "dflt", "O1\n", 3);
  assert_got_data (ctx, "out", "O1\n", 3);
  assert_got_data (ctx, "err", "E1\nE2\n", 6);
  assert_got_data (ctx, "both", "E1\nO1\nE2\n", 9);
  assert_got_data (ctx, "compat", "O1\nE1\nE2\n", 9);
  assert_got_data (ctx, "none", "", 0);
}

static void
test_bad_calls (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN
          "t_set('nocmd', ssh_request_exec(id));\n"
          "t_set('badid', ssh_request_exec(4242, cmd:'true'));\n"
          "t_set('zero', ssh_userauth(0));\n"
          "t_set('sock', ssh_get_sock(4242));\n");
  assert_got_null (ctx, "nocmd");
  assert_got_null (ctx, "badid");
  assert_got_null (ctx, "zero");
  assert_int_equal (got_int (ctx, "sock"), -1);
  assert_diag_has (ctx, "ssh_request_exec: no command passed");
  assert_diag_has (ctx, "bad SSH session id 4242");
  assert_diag_has (ctx, "invalid SSH session id 0");
}

static void
test_command_timeout (void **state)
{
  test_ctx *ctx = *state;
  gint64 t0;

  run_ok (ctx, LOGIN);
  t0 = g_get_monotonic_time ();
  run_ok (ctx, "t_set('out', ssh_request_exec(9001, cmd:'sleep 10', timeout:1));\n");
  assert_true (g_get_monotonic_time () - t0 < 6 * G_USEC_PER_SEC);
  run_ok (ctx, "t_set('after', ssh_request_exec(9001, cmd:'echo still'));\n");
  assert_got_null (ctx, "out");
  assert_diag_has (ctx, "command did not finish within 1 s");
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", "command did not finish within 1 s");
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "timeout");
  assert_got_data (ctx, "after", "still\n", 6);
}

static void
test_command_timeout_preference (void **state)
{
  test_ctx *ctx = *state;
  gint64 t0;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_command_timeout", "1");
  run_ok (ctx, LOGIN);
  t0 = g_get_monotonic_time ();
  run_ok (ctx, "t_set('out', ssh_request_exec(9001, cmd:'sleep 10'));\n");
  assert_true (g_get_monotonic_time () - t0 < 6 * G_USEC_PER_SEC);
  assert_got_null (ctx, "out");
}

static void
test_output_cap (void **state)
{
  test_ctx *ctx = *state;
  const nasl_value *v;
  size_t n = 0;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_max_output", "100000");
  run_ok (ctx, LOGIN
          "t_set('big', ssh_request_exec(id, cmd:'head -c 100001 /dev/zero'));\n"
          "t_set('fits', ssh_request_exec(id, cmd:'head -c 100000 /dev/zero'));\n");
  assert_got_null (ctx, "big");
  assert_diag_has (ctx, "command output exceeds 100000 bytes");
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", "command output exceeds 100000 bytes");
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "output_cap");
  v = got (ctx, "fits");
  assert_int_equal (v->type, NASL_TYPE_DATA);
  nasl_value_bytes (v, &n);
  assert_int_equal (n, 100000);
}

/* A larger output than one channel window, with binary bytes. */
static void
test_large_output (void **state)
{
  test_ctx *ctx = *state;
  const nasl_value *v;
  const char *b;
  size_t n = 0;

  run_ok (ctx, LOGIN
          "t_set('out', ssh_request_exec(id, cmd:'head -c 3000000 /dev/zero | tr \"\\\\000\" x'));\n");
  v = got (ctx, "out");
  assert_int_equal (v->type, NASL_TYPE_DATA);
  b = nasl_value_bytes (v, &n);
  assert_int_equal (n, 3000000);
  assert_int_equal (b[0], 'x');
  assert_int_equal (b[n - 1], 'x');
}

/* --- host keys ----------------------------------------------------------- */

/* stdout of a command line run without a shell (g_free), or NULL; its
** stderr is dropped. */
static char *
cmd_output (const char *cmdline, int *status)
{
  char *out = NULL, *err = NULL;
  int st = -1;

  if (!g_spawn_command_line_sync (cmdline, &out, &err, &st, NULL))
    return NULL;
  g_free (err);
  if (status)
    *status = g_spawn_check_wait_status (st, NULL) ? 0 : 1;
  return out;
}

/* Field 'n' (0-based, space separated) of the first line of 'text' (g_free). */
static char *
field_of (const char *text, int n)
{
  char **f = g_strsplit_set (text ? text : "", " \n", -1);
  char *v = (int) g_strv_length (f) > n ? g_strdup (f[n]) : NULL;

  g_strfreev (f);
  return v;
}

/* "SHA256:..." of a public key file, as OpenSSH's ssh-keygen prints it. */
static char *
keygen_fingerprint (const char *pub)
{
  char *cmd = g_strdup_printf ("ssh-keygen -l -E sha256 -f %s", pub);
  char *out = cmd_output (cmd, NULL);
  char *fp = field_of (out, 1);

  assert_non_null (fp);
  assert_true (g_str_has_prefix (fp, "SHA256:"));
  g_free (out);
  g_free (cmd);
  return fp;
}

/* The base64 part of a public key file. */
static char *
pub_base64 (const char *pub)
{
  char *text = NULL;
  char *b64;

  assert_true (g_file_get_contents (pub, &text, NULL, NULL));
  b64 = field_of (text, 1);
  g_free (text);
  return b64;
}

/* The current size of sshd's log: a mark for log_since. */
static size_t
log_mark (sshd_fixture *fx)
{
  struct stat st;

  return stat (fx->log, &st) == 0 ? (size_t) st.st_size : 0;
}

/* sshd's log after 'mark', once it holds 'needle' (waiting at most 5 s). */
static char *
log_wait (sshd_fixture *fx, size_t mark, const char *needle)
{
  for (int i = 0; i < 100; i++)
    {
      char *text = NULL;
      gsize len = 0;

      if (g_file_get_contents (fx->log, &text, &len, NULL) && len >= mark
          && strstr (text + mark, needle))
        {
          char *tail = g_strdup (text + mark);

          g_free (text);
          return tail;
        }
      g_free (text);
      g_usleep (50000);
    }
  print_error ("sshd log lacks '%s' after offset %zu\n", needle, mark);
  fail ();
  return NULL;
}

/* A temporary directory, removed by the teardown (the test must not free it). */
static const char *
make_tmp (test_ctx *ctx)
{
  char *d = g_dir_make_tmp ("nasl-ssh-test-XXXXXX", NULL);

  assert_non_null (d);
  g_ptr_array_add (ctx->tmpdirs, d);
  return d;
}

/* Writes 'text' to DIR/NAME and returns the path (g_free). */
static char *
write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The unknown-host advice, for an exact comparison. */
static char *
unknown_host_text (const char *file, const char *fields, const char *name, int port,
                   const char *fp, const char *listed)
{
  return g_strdup_printf (
    "host key for [%s]:%d is not known: known-hosts file '%s' %s %s (the server offers "
    "ssh-ed25519 key %s); refusing to connect, no credential was sent. To trust it, "
    "compare the fingerprint with the host's own (ssh-keygen -lf "
    "/etc/ssh/ssh_host_*_key.pub on it), then add the key with `ssh-keyscan -p %d -t "
    "ssh-ed25519 %s >> %s` or `ssh -o UserKnownHostsFile=%s -o "
    "StrictHostKeyChecking=accept-new -p %d %s true`, or run nasl-audit with --accept-new",
    name, port, file, listed, fields, fp, port, name, file, file, port, name);
}

/* A changed key is refused with its own loud message, also under
** accept-new, and the file stays as it was. */
static void
test_known_hosts_changed (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  char *other_pub = g_build_filename (fx->dir, "other_host_ed25519.pub", NULL);
  char *fp = keygen_fingerprint (fx->host_key_pub);
  char *other_fp = keygen_fingerprint (other_pub);
  char *before = NULL, *after = NULL;
  char *want = g_strdup_printf (
    "host key for [127.0.0.1]:%d has changed: known-hosts file '%s' line 1 lists "
    "ssh-ed25519 key %s, the server now offers ssh-ed25519 key %s. Someone may be "
    "intercepting the connection, or the host got a new key; refusing to connect, no "
    "credential was sent. If the change is expected, remove the old key with "
    "`ssh-keygen -f %s -R '[127.0.0.1]:%d'`",
    fx->port, fx->bad_known_hosts, other_fp, fp, fx->bad_known_hosts, fx->port);

  assert_true (g_file_get_contents (fx->bad_known_hosts, &before, NULL, NULL));
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", fx->bad_known_hosts);
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_changed");

  nasl_set_preference (ctx->st, "nasl-audit/ssh_strict_host_key", "accept-new");
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_true (g_file_get_contents (fx->bad_known_hosts, &after, NULL, NULL));
  assert_string_equal (after, before);

  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", fx->known_hosts);
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_int_equal (got_int (ctx, "auth"), 0);
  g_free (before);
  g_free (after);
  g_free (want);
  g_free (fp);
  g_free (other_fp);
  g_free (other_pub);
}

/* An unlisted host: refused with its fingerprint, and sshd saw the key
** exchange but no authentication request of any method. */
static void
test_unknown_host_no_credential (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  nasl_kb *kb = nasl_state_kb (ctx->st);
  const char *dir = make_tmp (ctx);
  char *empty = write_file (dir, "known_hosts", "");
  char *missing = g_build_filename (dir, "none", "known_hosts", NULL);
  char *fp = keygen_fingerprint (fx->host_key_pub);
  char *fields = g_strdup_printf ("[localhost]:%d or [127.0.0.1]:%d", fx->port, fx->port);
  char *want = unknown_host_text (empty, fields, "localhost", fx->port, fp, "does not list");
  char *want_missing = unknown_host_text (missing, fields, "localhost", fx->port, fp,
                                          "does not exist, so it does not list");
  size_t mark = log_mark (fx);
  char *log;

  nasl_kb_set_str (kb, "Secret/SSH/login", fx->user, strlen (fx->user));
  nasl_kb_set_str (kb, "Secret/SSH/password", "not-a-password", 14);
  nasl_kb_set_str (kb, "Secret/SSH/privatekey", fx->key, strlen (fx->key));
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", empty);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_default_keys", "yes");
  run_ok (ctx, "id = ssh_connect(port:t_arg('port'));\n"
               "t_set('id', id);\n"
               "if (id) ssh_userauth(id);\n");
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_unknown");
  log = log_wait (fx, mark, "Connection closed by 127.0.0.1");
  assert_non_null (strstr (log, "KEX done"));
  assert_null (strstr (log, "userauth-request"));
  assert_null (strstr (log, "method publickey"));
  assert_null (strstr (log, "method password"));
  g_free (log);

  /* A file that does not exist lists nothing either. */
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", missing);
  run_ok (ctx, "t_set('id', ssh_connect(port:t_arg('port')));\n");
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want_missing);
  assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_free (want);
  g_free (want_missing);
  g_free (fields);
  g_free (fp);
  g_free (missing);
  g_free (empty);
}

/* /dev/null lists no host; a directory is refused before connecting. */
static void
test_known_hosts_devnull_and_directory (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *fp = keygen_fingerprint (fx->host_key_pub);
  char *fields = g_strdup_printf ("[localhost]:%d or [127.0.0.1]:%d", fx->port, fx->port);
  char *want = unknown_host_text ("/dev/null", fields, "localhost", fx->port, fp,
                                  "does not list");
  char *want_dir = g_strdup_printf ("cannot check the host key of 127.0.0.1: known-hosts "
                                    "file '%s' is a directory; refusing to connect, no "
                                    "credential was sent", dir);
  char *want_null_new = g_strdup_printf (
    "host key for [localhost]:%d (%s) is not known and cannot be recorded: cannot record "
    "the host key in '/dev/null': not a regular file; refusing to connect, no credential "
    "was sent", fx->port, fp);
  size_t mark;
  char *log;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", "/dev/null");
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_unknown");

  nasl_set_preference (ctx->st, "nasl-audit/ssh_strict_host_key", "accept-new");
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want_null_new);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_unknown");

  /* Not even a TCP connection for a directory. */
  mark = log_mark (fx);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", dir);
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want_dir);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_unknown");
  g_usleep (200000);
  log = log_wait (fx, mark, "");
  assert_null (strstr (log, "Connection from"));
  g_free (log);
  g_free (want);
  g_free (want_dir);
  g_free (want_null_new);
  g_free (fields);
  g_free (fp);
}

/* accept-new records the key in OpenSSH's format (the real ssh and
** ssh-keygen find it) and the next run connects without it. */
static void
test_accept_new (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *file = g_build_filename (dir, "dot-ssh", "known_hosts", NULL);
  char *b64 = pub_base64 (fx->host_key_pub);
  char *fp = keygen_fingerprint (fx->host_key_pub);
  char *want_file = g_strdup_printf ("[localhost]:%d ssh-ed25519 %s\n", fx->port, b64);
  char *want_note = g_strdup_printf ("Permanently added '[localhost]:%d' (ssh-ed25519 key "
                                     "%s) to known-hosts file '%s'", fx->port, fp, file);
  char *keyfile = g_build_filename (fx->dir, "id_ed25519", NULL);
  char *cmd, *text = NULL, *out, *note;
  int status = -1;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", file);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_strict_host_key", "accept-new");
  run_ok (ctx, LOGIN "t_set('out', ssh_request_exec(id, cmd:'echo ok'));\n");
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_int_equal (got_int (ctx, "auth"), 0);
  assert_got_data (ctx, "out", "ok\n", 3);
  assert_kb_text (ctx, "nasl-audit/ssh/hostkey_added", want_note);
  assert_true (g_file_get_contents (file, &text, NULL, NULL));
  assert_string_equal (text, want_file);
  g_free (text);

  /* OpenSSH's own tools accept the entry. */
  cmd = g_strdup_printf ("ssh-keygen -F [localhost]:%d -f %s", fx->port, file);
  out = cmd_output (cmd, &status);
  assert_int_equal (status, 0);
  assert_non_null (strstr (out, b64));
  g_free (out);
  g_free (cmd);
  cmd = g_strdup_printf ("ssh -q -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes "
                         "-o UserKnownHostsFile=%s -o GlobalKnownHostsFile=/dev/null "
                         "-i %s -p %d %s@localhost echo real-ssh", file, keyfile, fx->port,
                         fx->user);
  out = cmd_output (cmd, &status);
  assert_int_equal (status, 0);
  assert_string_equal (out, "real-ssh\n");
  g_free (out);
  g_free (cmd);

  /* A fresh state, strict again: the recorded key is trusted, nothing added. */
  nasl_state_free (ctx->st);
  test_ctx_new_state (ctx);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", file);
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_int_equal (got_int (ctx, "auth"), 0);
  note = kb_get (ctx, "nasl-audit/ssh/hostkey_added");
  assert_null (note);
  assert_true (g_file_get_contents (file, &text, NULL, NULL));
  assert_string_equal (text, want_file);
  g_free (text);
  g_free (keyfile);
  g_free (want_file);
  g_free (want_note);
  g_free (fp);
  g_free (b64);
  g_free (file);
}

/* nasl-audit/ssh_host_name, not the target's (maybe reverse-resolved)
** name, is what known_hosts gets. */
static void
test_accept_new_host_name (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *file = g_build_filename (dir, "known_hosts", NULL);
  char *b64 = pub_base64 (fx->host_key_pub);
  char *want = g_strdup_printf ("[typed.example]:%d ssh-ed25519 %s\n", fx->port, b64);
  char *text = NULL;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_host_name", "Typed.Example");
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", file);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_strict_host_key", "accept-new");
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_true (g_file_get_contents (file, &text, NULL, NULL));
  assert_string_equal (text, want);
  g_free (text);
  g_free (want);
  g_free (b64);
  g_free (file);
}

/* A file hashed by ssh-keygen -H gets a hashed entry, which OpenSSH finds. */
static void
test_accept_new_hashed (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *other_b64 = g_build_filename (fx->dir, "other_host_ed25519.pub", NULL);
  char *ob64 = pub_base64 (other_b64);
  char *line = g_strdup_printf ("elsewhere.example ssh-ed25519 %s\n", ob64);
  char *file = write_file (dir, "known_hosts", line);
  char *b64 = pub_base64 (fx->host_key_pub);
  char *cmd = g_strdup_printf ("ssh-keygen -H -f %s", file);
  char *out, *text = NULL;
  char **lines;
  int status = -1;

  g_free (cmd_output (cmd, &status));
  assert_int_equal (status, 0);
  g_free (cmd);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", file);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_strict_host_key", "accept-new");
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_true (g_file_get_contents (file, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  assert_int_equal (g_strv_length (lines), 3);
  assert_true (g_str_has_prefix (lines[0], "|1|"));
  assert_true (g_str_has_prefix (lines[1], "|1|"));
  assert_true (g_str_has_suffix (lines[1], b64));
  assert_null (strstr (text, "localhost"));
  cmd = g_strdup_printf ("ssh-keygen -F [localhost]:%d -f %s", fx->port, file);
  out = cmd_output (cmd, &status);
  assert_int_equal (status, 0);
  assert_non_null (strstr (out, b64));
  g_free (out);
  g_free (cmd);
  g_strfreev (lines);
  g_free (text);
  g_free (b64);
  g_free (file);
  g_free (line);
  g_free (ob64);
  g_free (other_b64);
}

/* @revoked and a key of another type are refused as hostkey_changed. */
static void
test_known_hosts_revoked_and_other_type (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *b64 = pub_base64 (fx->host_key_pub);
  char *fp = keygen_fingerprint (fx->host_key_pub);
  char *text = g_strdup_printf ("@revoked [127.0.0.1]:%d ssh-ed25519 %s\n"
                                "[127.0.0.1]:%d ssh-ed25519 %s\n", fx->port, b64, fx->port,
                                b64);
  char *revoked = write_file (dir, "revoked", text);
  char *want = g_strdup_printf ("host key for [127.0.0.1]:%d is revoked: known-hosts file "
                                "'%s' line 1 marks ssh-ed25519 key %s @revoked; refusing "
                                "to connect, no credential was sent", fx->port, revoked, fp);
  char *cmd = g_strdup_printf ("ssh-keygen -q -t ecdsa -N '' -C '' -f %s/ecdsa", dir);
  char *ec_pub = g_build_filename (dir, "ecdsa.pub", NULL);
  char *ec_b64, *ec_fp, *other, *want_other;
  int status = -1;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", revoked);
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_changed");

  g_free (cmd_output (cmd, &status));
  assert_int_equal (status, 0);
  ec_b64 = pub_base64 (ec_pub);
  ec_fp = keygen_fingerprint (ec_pub);
  g_free (text);
  text = g_strdup_printf ("[127.0.0.1]:%d ecdsa-sha2-nistp256 %s\n", fx->port, ec_b64);
  other = write_file (dir, "other", text);
  want_other = g_strdup_printf (
    "host key for [127.0.0.1]:%d has changed: known-hosts file '%s' line 1 lists "
    "ecdsa-sha2-nistp256 key %s, the server now offers ssh-ed25519 key %s. Someone may be "
    "intercepting the connection, or the host got a new key; refusing to connect, no "
    "credential was sent. If the change is expected, remove the old key with "
    "`ssh-keygen -f %s -R '[127.0.0.1]:%d'`", fx->port, other, ec_fp, fp, other, fx->port);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", other);
  run_ok (ctx, LOGIN);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want_other);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_changed");
  g_free (want_other);
  g_free (other);
  g_free (ec_fp);
  g_free (ec_b64);
  g_free (ec_pub);
  g_free (cmd);
  g_free (want);
  g_free (revoked);
  g_free (text);
  g_free (fp);
  g_free (b64);
}

/* Values other than yes and accept-new do not relax the check. */
static void
test_strict_host_key_no_is_ignored (void **state)
{
  test_ctx *ctx = *state;
  const char *dir = make_tmp (ctx);
  char *empty = write_file (dir, "known_hosts", "");

  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", empty);
  nasl_kb_set_str (nasl_state_kb (ctx->st), "nasl-audit/ssh_strict_host_key", "no", 2);
  run_ok (ctx, "t_set('id', ssh_connect(port:t_arg('port')));\n");
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "hostkey_unknown");
  assert_diag_has (ctx, "ssh: ignoring setting nasl-audit/ssh_strict_host_key='no': hosts "
                        "the known-hosts file does not list are refused (the values are "
                        "'yes' and 'accept-new')");
  g_free (empty);
}

/* --- the user's own keys, ssh_config, MaxStartups ------------------------ */

/* A program from PATH or the system directories, or NULL. */
static char *
find_prog (const char *name)
{
  char *p = g_find_program_in_path (name);

  if (!p)
    for (const char *const *d = (const char *const[]) { "/usr/bin", "/usr/sbin", NULL }; *d; d++)
      {
        char *c = g_build_filename (*d, name, NULL);

        if (g_file_test (c, G_FILE_TEST_IS_EXECUTABLE))
          return c;
        g_free (c);
      }
  return p;
}

/* A real ssh-agent on DIR/agent.sock holding the fixture's key. */
static GPid
start_agent (sshd_fixture *fx, const char *dir, char **sock)
{
  char *agent = find_prog ("ssh-agent");
  char *add = find_prog ("ssh-add");
  char *key = g_build_filename (fx->dir, "id_ed25519", NULL);
  char **envp;
  GPid pid = 0;
  int status = -1;

  if (!agent || !add)
    {
      g_free (agent);
      g_free (add);
      g_free (key);
      skip ();
    }
  *sock = g_build_filename (dir, "agent.sock", NULL);
  {
    char *argv[] = { agent, (char *) "-D", (char *) "-a", *sock, NULL };

    assert_true (g_spawn_async (NULL, argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                  | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL));
  }
  for (int i = 0; i < 100 && !g_file_test (*sock, G_FILE_TEST_EXISTS); i++)
    g_usleep (50000);
  assert_true (g_file_test (*sock, G_FILE_TEST_EXISTS));
  envp = g_environ_setenv (g_get_environ (), "SSH_AUTH_SOCK", *sock, TRUE);
  {
    char *argv[] = { add, key, NULL };

    assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL
                                                  | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  }
  assert_true (g_spawn_check_wait_status (status, NULL));
  g_strfreev (envp);
  g_free (key);
  g_free (agent);
  g_free (add);
  return pid;
}

/* Login from KB Secret/SSH/login only: no key, no password given. */
#define USER_KEYS_LOGIN                                                        \
  "id = ssh_connect(port:t_arg('port'));\n"                                    \
  "t_set('id', id);\n"                                                         \
  "auth = ssh_userauth(id);\n"                                                 \
  "t_set('auth', auth);\n"                                                     \
  "if (id && auth == 0) t_set('out', ssh_request_exec(id, cmd:'echo logged-in'));\n"

/* ssh-agent's key logs in when the setting asks for the user's keys, and
** only then. */
static void
test_agent (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *home = g_build_filename (dir, "home", NULL);
  char *sock = NULL;
  char *want = g_strdup_printf ("Accepted publickey for %s from 127.0.0.1", fx->user);
  size_t mark = log_mark (fx);
  char *log;

  ctx->agent = start_agent (fx, dir, &sock);
  env_set (ctx, "SSH_AUTH_SOCK", sock);
  env_set (ctx, "HOME", home);
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/login", fx->user, strlen (fx->user));
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_int_equal (got_int (ctx, "auth"), -1);
  assert_diag_has (ctx, "no password or private key to log in as");

  nasl_set_preference (ctx->st, "nasl-audit/ssh_default_keys", "yes");
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_int_equal (got_int (ctx, "auth"), 0);
  assert_got_data (ctx, "out", "logged-in\n", 10);
  assert_kb_text (ctx, "nasl-audit/ssh/auth_method", "publickey (ssh-agent)");
  log = log_wait (fx, mark, want);
  g_free (log);
  g_free (want);
  g_free (sock);
  g_free (home);
}

/* An agent that never answers costs the timeout, not the run. */
static void
test_agent_silent (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *home = g_build_filename (dir, "home", NULL);
  char *sock = g_build_filename (dir, "silent.sock", NULL);
  struct sockaddr_un sa;
  int lfd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  char *want = g_strdup_printf (
    "authentication as '%s' failed: ssh-agent: the agent did not answer within 2 s; no key "
    "file (%s/.ssh/id_ed25519, %s/.ssh/id_ecdsa, %s/.ssh/id_rsa)", fx->user, home, home, home);
  gint64 t0;

  env_set (ctx, "SSH_AUTH_SOCK", sock);
  env_set (ctx, "HOME", home);
  memset (&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  g_strlcpy (sa.sun_path, sock, sizeof sa.sun_path);
  assert_int_equal (bind (lfd, (struct sockaddr *) &sa, sizeof sa), 0);
  assert_int_equal (listen (lfd, 4), 0);
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/login", fx->user, strlen (fx->user));
  nasl_set_preference (ctx->st, "nasl-audit/ssh_default_keys", "yes");
  nasl_set_preference (ctx->st, "nasl-audit/ssh_connect_timeout", "2");
  t0 = g_get_monotonic_time ();
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_true (g_get_monotonic_time () - t0 < 8 * G_USEC_PER_SEC);
  assert_int_equal (got_int (ctx, "auth"), -1);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "auth");
  close (lfd);
  g_free (want);
  g_free (sock);
  g_free (home);
}

/* Copies the fixture key 'from' to HOME/.ssh/NAME, mode 0600. */
static void
install_key (const char *home, const char *text, const char *name)
{
  char *ssh = g_build_filename (home, ".ssh", NULL);
  char *path = g_build_filename (ssh, name, NULL);

  assert_int_equal (g_mkdir_with_parents (ssh, 0700), 0);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  assert_int_equal (chmod (path, 0600), 0);
  g_free (path);
  g_free (ssh);
}

/* The default key files of $HOME, in OpenSSH's order, without an agent. */
static void
test_default_key_files (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *home = g_build_filename (dir, "home", NULL);
  char *want_fail = g_strdup_printf (
    "authentication as '%s' failed: ssh-agent: SSH_AUTH_SOCK is not set; publickey "
    "(%s/.ssh/id_ed25519): refused by the server", fx->user, home);
  char *want_used = g_strdup_printf ("publickey (%s/.ssh/id_ecdsa)", home);

  env_set (ctx, "SSH_AUTH_SOCK", NULL);
  env_set (ctx, "HOME", home);
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/login", fx->user, strlen (fx->user));
  nasl_set_preference (ctx->st, "nasl-audit/ssh_default_keys", "yes");
  install_key (home, fx->wrong_key, "id_ed25519");
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_int_equal (got_int (ctx, "auth"), -1);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want_fail);

  /* The first file is refused, the second one is the authorized key. */
  install_key (home, fx->key, "id_ecdsa");
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_int_equal (got_int (ctx, "auth"), 0);
  assert_got_data (ctx, "out", "logged-in\n", 10);
  assert_kb_text (ctx, "nasl-audit/ssh/auth_method", want_used);
  g_free (want_fail);
  g_free (want_used);
  g_free (home);
}

/* An encrypted PEM key without its passphrase fails at once (libssh never
** gets a NULL passphrase, so OpenSSL never prompts on a terminal). */
static void
test_encrypted_key_without_passphrase (void **state)
{
  test_ctx *ctx = *state;
  const char *dir = make_tmp (ctx);
  char *cmd = g_strdup_printf ("ssh-keygen -q -t ecdsa -m PEM -N secret-pass -C '' -f %s/enc",
                               dir);
  char *path = g_build_filename (dir, "enc", NULL);
  char *text = NULL;
  char *want;
  int status = -1;

  g_free (cmd_output (cmd, &status));
  assert_int_equal (status, 0);
  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  assert_non_null (strstr (text, "ENCRYPTED"));
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/privatekey", text, strlen (text));
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/login", ctx->fx->user,
                   strlen (ctx->fx->user));
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_int_equal (got_int (ctx, "auth"), -1);
  want = g_strdup_printf ("authentication as '%s' failed: publickey: the private key cannot "
                          "be read (bad format or wrong passphrase)", ctx->fx->user);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  g_free (want);
  /* With its passphrase it reads (and sshd refuses it: not authorized). */
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/passphrase", "secret-pass", 11);
  run_ok (ctx, USER_KEYS_LOGIN);
  assert_int_equal (got_int (ctx, "auth"), -1);
  want = g_strdup_printf ("authentication as '%s' failed: publickey: refused by the server",
                          ctx->fx->user);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  g_free (want);
  g_free (text);
  g_free (path);
  g_free (cmd);
}

/* An ssh_config Host alias: HostName, User, Port and IdentityFile, only
** with nasl-audit/ssh_config; what it set is in the KB. */
static void
test_ssh_config_alias (void **state)
{
  test_ctx *ctx = *state;
  sshd_fixture *fx = ctx->fx;
  const char *dir = make_tmp (ctx);
  char *home = g_build_filename (dir, "home", NULL);
  char *key = g_build_filename (fx->dir, "id_ed25519", NULL);
  char *text = g_strdup_printf ("Host other\n  Port 1\n  User nobody-else\n"
                                "Host myalias\n  HostName 127.0.0.1\n  User %s\n"
                                "  Port %d\n  IdentityFile %s\n", fx->user, fx->port, key);
  char *config = write_file (dir, "config", text);
  char *closed = g_strdup_printf ("%d", sshd_fixture_closed_port ());
  char *want_note = g_strdup_printf ("%s, Host myalias: HostName 127.0.0.1, User %s, "
                                     "Port %d, IdentityFile %s", config, fx->user,
                                     fx->port, key);
  char *want_used = g_strdup_printf ("publickey (%s)", key);
  char *want_user = g_strdup_printf ("%s\n", fx->user);
  const char *src = "id = ssh_connect();\n"
                    "t_set('id', id);\n"
                    "if (id) t_set('auth', ssh_userauth(id));\n"
                    "if (id) t_set('out', ssh_request_exec(id, cmd:'id -un'));\n";

  env_set (ctx, "SSH_AUTH_SOCK", NULL);
  env_set (ctx, "HOME", home);
  nasl_set_target (ctx->st, "127.0.0.1", "myalias");
  nasl_set_preference (ctx->st, "auth_port_ssh", closed);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_default_keys", "yes");
  nasl_set_preference (ctx->st, "nasl-audit/ssh_known_hosts", fx->known_hosts);
  /* Without the setting the config is not read: the scan's port is used. */
  run_ok (ctx, src);
  assert_int_equal (got_int (ctx, "id"), 0);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "refused");

  nasl_set_preference (ctx->st, "nasl-audit/ssh_config", config);
  run_ok (ctx, src);
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_int_equal (got_int (ctx, "auth"), 0);
  assert_got_data (ctx, "out", want_user, strlen (want_user));
  assert_kb_text (ctx, "nasl-audit/ssh/config", want_note);
  assert_kb_text (ctx, "nasl-audit/ssh/auth_method", want_used);
  g_free (want_note);
  g_free (want_used);
  g_free (want_user);
  g_free (closed);
  g_free (config);
  g_free (text);
  g_free (key);
  g_free (home);
}

/* A config file that cannot be read is an error, not silence. */
static void
test_ssh_config_missing (void **state)
{
  test_ctx *ctx = *state;

  nasl_set_preference (ctx->st, "nasl-audit/ssh_config", "/nonexistent/ssh_config");
  run_ok (ctx, "t_set('id', ssh_connect(port:t_arg('port')));\n");
  assert_got_null (ctx, "id");
  assert_diag_has (ctx, "cannot read SSH config file '/nonexistent/ssh_config': No such "
                        "file or directory");
}

/* A plain TCP connection to 'port' that has read sshd's banner (so sshd
** counts it as an unauthenticated startup), or -1 when sshd dropped it. */
static int
hold_connection_once (int port)
{
  struct sockaddr_in sa;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  char buf[8];
  struct pollfd p;

  memset (&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons ((uint16_t) port);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  assert_int_equal (connect (fd, (struct sockaddr *) &sa, sizeof sa), 0);
  p.fd = fd;
  p.events = POLLIN;
  p.revents = 0;
  assert_int_equal (poll (&p, 1, 5000), 1);
  assert_int_equal (read (fd, buf, 4), 4);
  if (memcmp (buf, "SSH-", 4))
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* sshd counts a connection that just logged in as a startup for a moment
** longer: try until it lets one in (at most 5 s). */
static int
hold_connection (int port)
{
  for (int i = 0; i < 50; i++)
    {
      int fd = hold_connection_once (port);

      if (fd >= 0)
        return fd;
      g_usleep (100000);
    }
  fail_msg ("sshd on port %d kept dropping the connection to hold", port);
  return -1;
}

static gpointer
release_later (gpointer data)
{
  g_usleep (800 * 1000);
  close (GPOINTER_TO_INT (data));
  return NULL;
}

/* sshd with MaxStartups 1:100:1 drops connections while another one is
** unauthenticated: ssh_connect retries with backoff and gets in once the
** other one is gone, or reports the drop after its retries. */
static void
test_max_startups_retry (void **state)
{
  test_ctx *ctx = *state;
  const char *env[] = { "SSHD_MAX_STARTUPS=1:100:1", NULL };
  sshd_fixture *fx2 = NULL;
  char *why = NULL, *src, *log, *want;
  GThread *releaser;
  size_t mark;
  int held;
  gint64 t0;

  if (sshd_fixture_start_env (&ctx->fx2, env, &why) != 0)
    {
      print_error ("second sshd failed: %s\n", why);
      g_free (why);
      fail ();
    }
  fx2 = ctx->fx2;
  /* The key of the second sshd, from its own directory. */
  nasl_kb_set_str (nasl_state_kb (ctx->st), "Secret/SSH/privatekey", fx2->key,
                   strlen (fx2->key));
  src = g_strdup_printf ("id = ssh_connect(port:%d);\n"
                         "t_set('id', id);\n"
                         "if (id) t_set('auth', ssh_userauth(id, login:t_arg('user')));\n",
                         fx2->port);

  mark = log_mark (fx2);
  held = hold_connection (fx2->port);
  releaser = g_thread_new ("release", release_later, GINT_TO_POINTER (held));
  run_ok (ctx, src);
  g_thread_join (releaser);
  assert_int_equal (got_int (ctx, "id"), 9001);
  assert_int_equal (got_int (ctx, "auth"), 0);
  log = log_wait (fx2, mark, "past MaxStartups");
  g_free (log);

  /* Held for good: two attempts (one retry), then the reason. */
  run_ok (ctx, "ssh_disconnect(9001);\n");
  held = hold_connection (fx2->port);
  nasl_set_preference (ctx->st, "nasl-audit/ssh_connect_retries", "1");
  t0 = g_get_monotonic_time ();
  run_ok (ctx, src);
  assert_true (g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC);
  assert_int_equal (got_int (ctx, "id"), 0);
  want = g_strdup_printf ("127.0.0.1 port %d: server dropped the connection before its "
                          "SSH banner (MaxStartups?) (2 attempts)", fx2->port);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "refused");
  close (held);
  g_free (want);
  g_free (src);
}

static void
test_banners_and_host_key (void **state)
{
  test_ctx *ctx = *state;
  char *pub = NULL, *kbname, *kbval, *fp;
  char **fields;
  guchar *blob;
  gsize bloblen = 0;
  const nasl_value *v;
  size_t n = 0;
  const char *b;
  char *pubpath = g_build_filename (ctx->fx->dir, "host_ed25519.pub", NULL);

  run_ok (ctx, LOGIN
          "t_set('server', ssh_get_server_banner(id));\n"
          "t_set('issue', ssh_get_issue_banner(id));\n"
          "t_set('methods', ssh_get_auth_methods(id));\n"
          "t_set('key', ssh_get_host_key(id));\n");
  v = got (ctx, "server");
  assert_int_equal (v->type, NASL_TYPE_DATA);
  assert_true (g_str_has_prefix (nasl_value_bytes (v, NULL), "SSH-2.0-OpenSSH_"));
  assert_got_data (ctx, "issue", "nasl-audit test banner\n", 23);
  assert_got_data (ctx, "methods", "publickey", 9);

  assert_true (g_file_get_contents (pubpath, &pub, NULL, NULL));
  fields = g_strsplit (pub, " ", 3);
  blob = g_base64_decode (fields[1], &bloblen);
  v = got (ctx, "key");
  assert_int_equal (v->type, NASL_TYPE_DATA);
  b = nasl_value_bytes (v, &n);
  assert_int_equal (n, bloblen);
  assert_memory_equal (b, blob, bloblen);

  kbname = g_strdup_printf ("SSH/127.0.0.1/%d/hostkey", ctx->fx->port);
  kbval = kb_get (ctx, kbname);
  assert_non_null (kbval);
  {
    char *expect = g_strdup_printf ("%s %s", fields[0], fields[1]);

    assert_string_equal (kbval, expect);
    g_free (expect);
  }
  g_free (kbname);
  kbname = g_strdup_printf ("SSH/127.0.0.1/%d/hostkey_sha256", ctx->fx->port);
  fp = kb_get (ctx, kbname);
  assert_non_null (fp);
  assert_true (g_str_has_prefix (fp, "SHA256:"));
  g_free (fp);
  g_free (kbname);
  g_free (kbval);
  g_free (blob);
  g_strfreev (fields);
  g_free (pub);
  g_free (pubpath);
}

static void
test_several_sessions (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx,
          "a = ssh_connect(port:t_arg('port'));\n"
          "b = ssh_connect(port:t_arg('port'));\n"
          "c = ssh_connect(port:t_arg('port'));\n"
          "t_set('a', a); t_set('b', b); t_set('c', c);\n"
          "ssh_userauth(a, login:t_arg('user'), privatekey:t_arg('key'));\n"
          "ssh_userauth(b, login:t_arg('user'), privatekey:t_arg('key'));\n"
          "ssh_userauth(c, login:t_arg('user'), privatekey:t_arg('key'));\n"
          "t_set('oa', ssh_request_exec(a, cmd:'echo A'));\n"
          "t_set('oc', ssh_request_exec(c, cmd:'echo C'));\n"
          "ssh_disconnect(b);\n"
          "t_set('ob', ssh_request_exec(b, cmd:'echo B'));\n"
          "ssh_disconnect(b);\n"
          "ssh_disconnect(0);\n"
          "t_set('d', ssh_connect(port:t_arg('port')));\n"
          "t_set('oa2', ssh_request_exec(a, cmd:'echo A2'));\n");
  assert_int_equal (got_int (ctx, "a"), 9001);
  assert_int_equal (got_int (ctx, "b"), 9002);
  assert_int_equal (got_int (ctx, "c"), 9003);
  assert_int_equal (got_int (ctx, "d"), 9004);
  assert_got_data (ctx, "oa", "A\n", 2);
  assert_got_data (ctx, "oc", "C\n", 2);
  assert_got_null (ctx, "ob");
  assert_diag_has (ctx, "bad SSH session id 9002");
  assert_got_data (ctx, "oa2", "A2\n", 3);
}

/* Sessions stay open across runs on one state (the KB keeps their ids). */
static void
test_session_survives_runs (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN);
  run_ok (ctx, "t_set('out', ssh_request_exec(9001, cmd:'echo again'));\n");
  assert_got_data (ctx, "out", "again\n", 6);
}

static void
test_socket_functions (void **state)
{
  test_ctx *ctx = *state;
  struct sockaddr_in sa;
  long sock;

  run_ok (ctx, LOGIN
          "s = ssh_get_sock(id);\n"
          "t_set('sock', s);\n"
          "t_set('back', ssh_session_id_from_sock(s));\n"
          "t_set('none', ssh_session_id_from_sock(99999));\n");
  sock = got_int (ctx, "sock");
  assert_true (sock > 2);
  assert_int_equal (got_int (ctx, "back"), 9001);
  assert_int_equal (got_int (ctx, "none"), 0);

  /* socket: a connected socket the script already has. */
  ctx->sock = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  memset (&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons ((uint16_t) ctx->fx->port);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  assert_int_equal (connect (ctx->sock, (struct sockaddr *) &sa, sizeof sa), 0);
  run_ok (ctx, "s = t_arg('sock');\n"
               "x = ssh_connect(socket:s);\n"
               "t_set('x', x);\n"
               "t_set('xs', ssh_get_sock(x));\n"
               "t_set('xid', ssh_session_id_from_sock(s));\n"
               "ssh_userauth(x, login:t_arg('user'), privatekey:t_arg('key'));\n"
               "t_set('out', ssh_request_exec(x, cmd:'echo viasock'));\n");
  assert_int_equal (got_int (ctx, "x"), 9002);
  assert_int_equal (got_int (ctx, "xs"), ctx->sock);
  assert_int_equal (got_int (ctx, "xid"), 9002);
  assert_got_data (ctx, "out", "viasock\n", 8);
}

static void
test_fake_netstat (void **state)
{
  test_ctx *ctx = *state;
  static const char table[] =
    "Active Connections\r\n\r\n  Proto  Local Address          Foreign Address        "
    "State           PID\r\n  TCP    0.0.0.0:135            0.0.0.0:0              "
    "LISTENING       912\r\n";
  char *args = NULL;
  char *argsfile = g_build_filename (ctx->fx->fake_dir, "netstat.args", NULL);

  assert_int_equal (sshd_fixture_fake (ctx->fx, "netstat", table, sizeof table - 1,
                                       "warning\n", 0), 0);
  run_ok (ctx, LOGIN
          "t_set('out', ssh_request_exec(id, cmd:'netstat -ano'));\n"
          "t_set('err', ssh_request_exec(id, cmd:'netstat -ano', stderr:1));\n");
  assert_got_data (ctx, "out", table, sizeof table - 1);
  assert_got_data (ctx, "err", "warning\n", 8);
  assert_true (g_file_get_contents (argsfile, &args, NULL, NULL));
  assert_string_equal (args, "-ano\n-ano\n");
  sshd_fixture_unfake (ctx->fx, "netstat");
  g_free (args);
  g_free (argsfile);
}

/* A fake for a name the fixture does not ship (Windows' "cmd /c ver"). */
static void
test_fake_any_command (void **state)
{
  test_ctx *ctx = *state;
  static const char ver[] = "\r\nMicrosoft Windows [Version 10.0.17763.5458]\r\n";

  assert_int_equal (sshd_fixture_fake (ctx->fx, "cmd", ver, sizeof ver - 1, NULL, 3), 0);
  run_ok (ctx, LOGIN
          "t_set('out', ssh_request_exec(id, cmd:'cmd /c ver'));\n"
          "t_set('rc', ssh_request_exec(id, cmd:'cmd /c ver >/dev/null; echo $?'));\n");
  assert_got_data (ctx, "out", ver, sizeof ver - 1);
  assert_got_data (ctx, "rc", "3\n", 2);
  sshd_fixture_unfake (ctx->fx, "cmd");
}

static void
test_shell (void **state)
{
  test_ctx *ctx = *state;

  run_ok (ctx, LOGIN
          "t_set('open', ssh_shell_open(id, pty:0));\n"
          "t_set('w', ssh_shell_write(id, cmd:'echo shell-$((6*7))\n'));\n"
          "r = '';\n"
          "for (i = 0; i < 20 && strlen(r) < 9; i++) r += ssh_shell_read(id, timeout:250);\n"
          "t_set('r', r);\n"
          "ssh_shell_close(id);\n"
          "t_set('closed', ssh_shell_read(id));\n"
          "t_set('w2', ssh_shell_write(id, cmd:'x'));\n");
  assert_int_equal (got_int (ctx, "open"), 9001);
  assert_int_equal (got_int (ctx, "w"), 0);
  assert_got_data (ctx, "r", "shell-42\n", 9);
  assert_got_null (ctx, "closed");
  assert_int_equal (got_int (ctx, "w2"), -1);
}

/* Freeing the state closes every session it left open. */
static void
test_state_free_closes (void **state)
{
  test_ctx *ctx = *state;
  int before = count_fds ();

  run_ok (ctx, LOGIN
          "b = ssh_connect(port:t_arg('port'));\n"
          "ssh_userauth(b, login:t_arg('user'), privatekey:t_arg('key'));\n"
          "ssh_request_exec(b, cmd:'true');\n");
  assert_true (count_fds () >= before + 2);
  nasl_state_free (ctx->st);
  ctx->st = nasl_state_new ();
  if (count_fds () != before) system ("ls -l /proc/$PPID/fd >&2");
  assert_int_equal (count_fds (), before);
}

/* A server that accepts TCP but never speaks: ssh_connect gives up after
** its timeout instead of hanging. */
static void
test_silent_server (void **state)
{
  test_ctx *ctx = *state;
  struct sockaddr_in sa;
  socklen_t len = sizeof sa;
  gint64 t0;
  char *src, *want;

  ctx->sock = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  memset (&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  assert_int_equal (bind (ctx->sock, (struct sockaddr *) &sa, sizeof sa), 0);
  assert_int_equal (listen (ctx->sock, 4), 0);
  assert_int_equal (getsockname (ctx->sock, (struct sockaddr *) &sa, &len), 0);
  src = g_strdup_printf ("t_set('id', ssh_connect(port:%d, timeout:1));\n",
                         ntohs (sa.sin_port));
  t0 = g_get_monotonic_time ();
  run_ok (ctx, src);
  assert_true (g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC);
  assert_int_equal (got_int (ctx, "id"), 0);
  want = g_strdup_printf ("127.0.0.1 port %d sent no SSH banner within 1 s",
                          ntohs (sa.sin_port));
  assert_kb_text (ctx, "nasl-audit/ssh/last_error", want);
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "timeout");
  g_free (want);
  g_free (src);
}

/* sshd dies while a command runs, and between commands: NULL, no hang. */
static void
test_sshd_killed (void **state)
{
  test_ctx *ctx = *state;
  char *why = NULL;
  gint64 t0;

  run_ok (ctx, LOGIN);
  t0 = g_get_monotonic_time ();
  run_ok (ctx, "t_set('mid', ssh_request_exec(9001, cmd:'kill -9 $PPID; sleep 10'));\n");
  assert_true (g_get_monotonic_time () - t0 < 6 * G_USEC_PER_SEC);
  assert_got_null (ctx, "mid");
  assert_diag_has (ctx, "connection lost");
  assert_kb_text (ctx, "nasl-audit/ssh/last_error_code", "unreadable");

  run_ok (ctx, "id = ssh_connect(port:t_arg('port'));\n"
               "ssh_userauth(id, login:t_arg('user'), privatekey:t_arg('key'));\n"
               "t_set('id2', id);\n");
  sshd_fixture_kill (ctx->fx);
  t0 = g_get_monotonic_time ();
  run_ok (ctx, "t_set('after', ssh_request_exec(9002, cmd:'echo x'));\n"
               "t_set('again', ssh_connect(port:t_arg('port')));\n");
  assert_true (g_get_monotonic_time () - t0 < 8 * G_USEC_PER_SEC);
  assert_int_equal (got_int (ctx, "id2"), 9002);
  assert_got_null (ctx, "after");
  assert_int_equal (got_int (ctx, "again"), 0);

  /* Bring sshd back for whatever runs next. */
  if (sshd_fixture_restart (ctx->fx, &why) != 0)
    {
      print_error ("sshd restart failed: %s\n", why);
      g_free (why);
      fail ();
    }
}

#define T(f) cmocka_unit_test_setup_teardown (f, test_setup, test_teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_exec_echo),
    T (test_kb_credentials),
    T (test_port_from_kb),
    T (test_wrong_key),
    T (test_password_not_offered),
    T (test_no_credentials),
    T (test_connection_refused),
    T (test_missing_command),
    T (test_stream_flags),
    T (test_pty),
    T (test_bad_calls),
    T (test_command_timeout),
    T (test_command_timeout_preference),
    T (test_output_cap),
    T (test_large_output),
    T (test_known_hosts_changed),
    T (test_unknown_host_no_credential),
    T (test_known_hosts_devnull_and_directory),
    T (test_accept_new),
    T (test_accept_new_host_name),
    T (test_accept_new_hashed),
    T (test_known_hosts_revoked_and_other_type),
    T (test_strict_host_key_no_is_ignored),
    T (test_agent),
    T (test_agent_silent),
    T (test_default_key_files),
    T (test_encrypted_key_without_passphrase),
    T (test_ssh_config_alias),
    T (test_ssh_config_missing),
    T (test_max_startups_retry),
    T (test_banners_and_host_key),
    T (test_several_sessions),
    T (test_session_survives_runs),
    T (test_socket_functions),
    T (test_fake_netstat),
    T (test_fake_any_command),
    T (test_shell),
    T (test_state_free_closes),
    T (test_silent_server),
    T (test_sshd_killed),
  };

  return cmocka_run_group_tests_name ("ssh", tests, group_setup, group_teardown);
}

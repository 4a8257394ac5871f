/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_smb_samba.c: the SMB2/3 client against a real Samba smbd: dialects, logons, signing, encryption, files, faults. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "smb.h"
#include "smb2_conn.h"
#include "smb_crypto.h"
#include "smb_fixture.h"

/* The default server: SMB 2.0.2 to 3.1.1, signing and encryption optional. */
static smb_fx *server;

static smb2_conn *
connect_to (const smb_fx *fx, uint16_t min, uint16_t max, smb_error *err)
{
  smb2_conn_opts o;

  memset (&o, 0, sizeof o);
  o.host = "127.0.0.1";
  o.port = (unsigned int) fx->port;
  o.connect_timeout_ms = 5000;
  o.request_timeout_ms = 5000;
  o.min_dialect = min;
  o.max_dialect = max;
  smb_error_clear (err);
  return smb2_connect (&o, err);
}

static smb2_conn *
logon (const smb_fx *fx, uint16_t min, uint16_t max, const char *user)
{
  smb_error err;
  smb2_conn *c = connect_to (fx, min, max, &err);

  if (!c)
    fail_msg ("connect: %s", err.text);
  if (smb2_session_setup (c, user ? user : fx->user, NULL, fx->password, &err) != 0)
    fail_msg ("logon: %s", err.text);
  return c;
}

/* Write, read back, delete, and see it gone. */
static void
round_trip (smb2_conn *c, const char *name, size_t size)
{
  GByteArray *data = g_byte_array_sized_new ((guint) size), *back = g_byte_array_new ();
  smb_error err;
  uint32_t tree;
  size_t i;

  for (i = 0; i < size; i++)
    g_byte_array_append (data, (const guint8 *) &"0123456789abcdefghijklmnopqrstuvwxyz\r\n"[i % 38],
                         1);
  smb_error_clear (&err);
  assert_int_equal (smb2_tree_connect (c, "data", &tree, &err), 0);
  assert_int_equal (smb2_put_file (c, tree, name, data->data, data->len, &err), 0);
  assert_int_equal (smb2_get_file (c, tree, name, 0, back, &err), 0);
  assert_int_equal (back->len, data->len);
  assert_memory_equal (back->data, data->data, data->len);
  assert_int_equal (smb2_delete_file (c, tree, name, &err), 0);
  g_byte_array_set_size (back, 0);
  assert_int_equal (smb2_get_file (c, tree, name, 0, back, &err), -1);
  assert_int_equal (err.code, SMB_E_NOT_FOUND);
  assert_int_equal (err.status, SMB_STATUS_OBJECT_NAME_NOT_FOUND);
  smb2_tree_disconnect (c, tree);
  g_byte_array_free (data, TRUE);
  g_byte_array_free (back, TRUE);
}

/* --- dialects ---------------------------------------------------------------- */

static void
one_dialect (const char *samba_name, uint16_t dialect)
{
  char *min = g_strdup_printf ("SMB_MIN_PROTOCOL=%s", samba_name);
  char *max = g_strdup_printf ("SMB_MAX_PROTOCOL=%s", samba_name);
  const char *settings[] = { min, max, NULL };
  smb_fx *fx = NULL;
  char *why = NULL;
  smb2_conn *c;

  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, settings, &why), why);
  c = logon (fx, 0, 0, NULL);
  assert_int_equal (c->dialect, dialect);
  assert_true (c->signing);
  assert_false (c->encrypt);
  round_trip (c, "dialect.txt", 1000);
  smb2_logoff (c);
  smb2_conn_free (c);
  smb_fx_stop (fx);
  g_free (min);
  g_free (max);
  g_free (why);
}

static void test_dialect_202 (void **s) { (void) s; one_dialect ("SMB2_02", SMB2_DIALECT_202); }
static void test_dialect_210 (void **s) { (void) s; one_dialect ("SMB2_10", SMB2_DIALECT_210); }
static void test_dialect_300 (void **s) { (void) s; one_dialect ("SMB3_00", SMB2_DIALECT_300); }
static void test_dialect_302 (void **s) { (void) s; one_dialect ("SMB3_02", SMB2_DIALECT_302); }
static void test_dialect_311 (void **s) { (void) s; one_dialect ("SMB3_11", SMB2_DIALECT_311); }

/* The client's own limits: a server offering everything gives what we ask. */
static void
test_client_dialect_limits (void **state)
{
  smb_error err;
  smb2_conn *c;

  (void) state;
  c = logon (server, SMB2_DIALECT_210, SMB2_DIALECT_302, NULL);
  assert_int_equal (c->dialect, SMB2_DIALECT_302);
  round_trip (c, "limits.txt", 10);
  assert_true (c->validated);  /* FSCTL_VALIDATE_NEGOTIATE_INFO ran on the first tree */
  smb2_conn_free (c);
  /* pre-authentication integrity is SHA-512 for 3.1.1 */
  c = logon (server, 0, 0, NULL);
  assert_int_equal (c->dialect, SMB2_DIALECT_311);
  smb2_conn_free (c);
  /* a range with no dialect */
  c = connect_to (server, SMB2_DIALECT_311, SMB2_DIALECT_300, &err);
  assert_null (c);
  assert_int_equal (err.code, SMB_E_ARG);
}

static void
test_smb1_only (void **state)
{
  const char *settings[] = { "SMB_MIN_PROTOCOL=NT1", "SMB_MAX_PROTOCOL=NT1", NULL };
  smb_fx *fx = NULL;
  char *why = NULL;
  smb_error err;

  (void) state;
  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, settings, &why), why);
  assert_null (connect_to (fx, 0, 0, &err));
  assert_int_equal (err.code, SMB_E_SMB1_ONLY);
  assert_non_null (strstr (err.text, "speaks only SMB1"));
  smb_fx_stop (fx);
}

/* --- logons -------------------------------------------------------------------- */

static void
test_logon_forms (void **state)
{
  const char *forms[] = { "%s", "TESTDOM\\%s", "TESTDOM/%s", "%s@TESTDOM", "SMBTEST\\%s",
                          ".\\%s" };
  size_t i;

  (void) state;
  for (i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      char *login = g_strdup_printf (forms[i], server->user);
      smb2_conn *c = logon (server, 0, 0, login);

      round_trip (c, "form.txt", 3);
      smb2_conn_free (c);
      g_free (login);
    }
}

static void
test_logon_failures (void **state)
{
  smb_error err;
  smb2_conn *c;

  (void) state;
  c = connect_to (server, 0, 0, &err);
  assert_non_null (c);
  assert_int_equal (smb2_session_setup (c, server->user, NULL, "Wr0ng-passw0rd", &err), -1);
  assert_int_equal (err.code, SMB_E_LOGON);
  assert_int_equal (err.status, SMB_STATUS_LOGON_FAILURE);
  assert_non_null (strstr (err.text, "wrong user name or password"));
  assert_null (strstr (err.text, "Wr0ng-passw0rd"));
  assert_false (c->signing);
  smb2_conn_free (c);
  c = connect_to (server, 0, 0, &err);
  assert_int_equal (smb2_session_setup (c, "nobody-here", NULL, server->password, &err), -1);
  assert_int_equal (err.code, SMB_E_LOGON);
  assert_null (strstr (err.text, server->password));
  smb2_conn_free (c);
  /* a UPN (dotted suffix) is sent whole: a standalone Samba does not know it */
  c = connect_to (server, 0, 0, &err);
  {
    char *upn = g_strdup_printf ("%s@corp.example", server->user);
    assert_int_equal (smb2_session_setup (c, upn, NULL, server->password, &err), -1);
    assert_int_equal (err.code, SMB_E_LOGON);
    g_free (upn);
  }
  smb2_conn_free (c);
}

static void
test_account_locked_disabled (void **state)
{
  smb_error err;
  smb2_conn *c;

  (void) state;
  assert_int_equal (smb_fx_samba_ctl (server, "lock"), 0);
  c = connect_to (server, 0, 0, &err);
  assert_int_equal (smb2_session_setup (c, server->user, NULL, server->password, &err), -1);
  assert_int_equal (err.code, SMB_E_ACCOUNT);
  assert_int_equal (err.status, SMB_STATUS_ACCOUNT_LOCKED_OUT);
  assert_non_null (strstr (err.text, "is locked out"));
  smb2_conn_free (c);
  assert_int_equal (smb_fx_samba_ctl (server, "disable"), 0);
  c = connect_to (server, 0, 0, &err);
  assert_int_equal (smb2_session_setup (c, server->user, NULL, server->password, &err), -1);
  assert_int_equal (err.code, SMB_E_ACCOUNT);
  assert_int_equal (err.status, SMB_STATUS_ACCOUNT_DISABLED);
  smb2_conn_free (c);
  assert_int_equal (smb_fx_samba_ctl (server, "unlock"), 0);
  c = logon (server, 0, 0, NULL);
  smb2_conn_free (c);
}

/* --- trees and files ---------------------------------------------------------------- */

static void
test_trees (void **state)
{
  smb2_conn *c = logon (server, 0, 0, NULL);
  const char *both[] = { "IPC$", "ADMIN$" };
  uint32_t trees[2], t;
  smb_error err;

  (void) state;
  smb_error_clear (&err);
  assert_int_equal (smb2_tree_connect_many (c, both, trees, 2, &err), 0);
  assert_true (trees[0] != 0 && trees[1] != 0 && trees[0] != trees[1]);
  assert_int_equal (smb2_tree_connect (c, "no-such-share", &t, &err), -1);
  assert_int_equal (err.code, SMB_E_NO_SHARE);
  assert_int_equal (err.status, SMB_STATUS_BAD_NETWORK_NAME);
  smb_error_clear (&err);
  assert_int_equal (smb2_tree_connect (c, "locked", &t, &err), -1);
  assert_int_equal (err.code, SMB_E_ACCESS);
  assert_non_null (strstr (err.text, "\\locked for"));
  /* the connection is still good */
  round_trip (c, "after-errors.txt", 5);
  smb2_conn_free (c);
}

/* Larger than one READ (1 MiB, multi-credit) and than one WRITE. */
static void
test_large_file (void **state)
{
  smb2_conn *c = logon (server, 0, 0, NULL);

  (void) state;
  assert_true (smb2_io_size (c, 0) == 1024 * 1024);
  round_trip (c, "large.bin", 5 * 1024 * 1024 + 17);
  assert_true (c->credits >= 16);
  smb2_conn_free (c);
  /* 2.0.2: 64 KiB per READ, one credit each */
  c = logon (server, SMB2_DIALECT_202, SMB2_DIALECT_202, NULL);
  assert_int_equal (smb2_io_size (c, 0), 65536);
  round_trip (c, "large202.bin", 300 * 1024 + 3);
  smb2_conn_free (c);
}

/* --- signing and encryption ---------------------------------------------------------- */

static void
test_signing_required (void **state)
{
  const char *settings[] = { "SMB_SIGNING=mandatory", "SMB_MIN_PROTOCOL=SMB2_10", NULL };
  static const uint16_t dialects[] = { SMB2_DIALECT_210, SMB2_DIALECT_300, SMB2_DIALECT_302,
                                       SMB2_DIALECT_311 };
  smb_fx *fx = NULL;
  char *why = NULL;
  size_t i;

  (void) state;
  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, settings, &why), why);
  for (i = 0; i < G_N_ELEMENTS (dialects); i++)
    {
      smb2_conn *c = logon (fx, dialects[i], dialects[i], NULL);

      assert_true (c->server_security_mode & SMB2_SIGNING_REQUIRED);
      assert_true (c->signing);
      round_trip (c, "signed.txt", 4000);
      smb2_conn_free (c);
    }
  smb_fx_stop (fx);
}

static void
encryption_with (const char *algorithms, int want_cipher)
{
  char *extra = algorithms ? g_strdup_printf ("SMB_EXTRA_CONF=server smb3 encryption "
                                              "algorithms = %s", algorithms)
                           : g_strdup ("SMB_EXTRA_CONF=");
  const char *settings[] = { "SMB_ENCRYPT=required", "SMB_SIGNING=mandatory", extra, NULL };
  smb_fx *fx = NULL;
  char *why = NULL;
  smb2_conn *c;

  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, settings, &why), why);
  c = logon (fx, 0, 0, NULL);
  assert_int_equal (c->dialect, SMB2_DIALECT_311);
  assert_true (c->encrypt);
  assert_int_equal (c->cipher, want_cipher);
  round_trip (c, "secret.txt", 200000);
  smb2_conn_free (c);
  if (!algorithms)
    {
      smb_error err;

      /* 3.0 encrypts with AES-128-CCM */
      c = logon (fx, SMB2_DIALECT_300, SMB2_DIALECT_300, NULL);
      assert_true (c->encrypt);
      assert_int_equal (c->cipher, SMB_CIPHER_AES128_CCM);
      round_trip (c, "secret30.txt", 1000);
      smb2_conn_free (c);
      /* 2.1 cannot encrypt: refused, and said why */
      c = connect_to (fx, SMB2_DIALECT_210, SMB2_DIALECT_210, &err);
      assert_int_equal (smb2_session_setup (c, fx->user, NULL, fx->password, &err), -1);
      assert_int_equal (err.code, SMB_E_ACCESS);
      assert_non_null (strstr (err.text, "may require SMB3 encryption"));
      smb2_conn_free (c);
    }
  smb_fx_stop (fx);
  g_free (extra);
}

static void test_encryption_gcm128 (void **s) { (void) s; encryption_with (NULL, SMB_CIPHER_AES128_GCM); }
static void test_encryption_ccm128 (void **s) { (void) s; encryption_with ("aes-128-ccm", SMB_CIPHER_AES128_CCM); }
static void test_encryption_gcm256 (void **s) { (void) s; encryption_with ("aes-256-gcm", SMB_CIPHER_AES256_GCM); }
static void test_encryption_ccm256 (void **s) { (void) s; encryption_with ("aes-256-ccm", SMB_CIPHER_AES256_CCM); }

/* We require encryption, the server has none to give. */
static void
test_encryption_refused (void **state)
{
  smb2_conn_opts o;
  smb_error err;

  (void) state;
  memset (&o, 0, sizeof o);
  o.host = "127.0.0.1";
  o.port = (unsigned int) server->port;
  o.max_dialect = SMB2_DIALECT_210;
  o.require_encryption = 1;
  smb_error_clear (&err);
  assert_null (smb2_connect (&o, &err));
  assert_int_equal (err.code, SMB_E_ENCRYPTION);
  assert_non_null (strstr (err.text, "encryption refused"));
}

/* A man in the middle flips one bit of the server's Nth frame. */
typedef struct mitm {
  int lfd, port, target, flip_frame;
} mitm;

static gpointer
mitm_main (gpointer p)
{
  mitm *m = p;
  struct sockaddr_in a;
  int cfd = accept (m->lfd, NULL, NULL), sfd = socket (AF_INET, SOCK_STREAM, 0), frame = 0;
  GByteArray *sbuf = g_byte_array_new ();

  memset (&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons ((uint16_t) m->target);
  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (cfd < 0 || connect (sfd, (struct sockaddr *) &a, sizeof a) != 0)
    goto out;
  for (;;)
    {
      struct pollfd pf[2] = { { cfd, POLLIN, 0 }, { sfd, POLLIN, 0 } };
      uint8_t buf[65536];
      ssize_t n;

      if (poll (pf, 2, 10000) <= 0)
        break;
      if (pf[0].revents)
        {
          n = read (cfd, buf, sizeof buf);
          if (n <= 0 || write (sfd, buf, (size_t) n) != n)
            break;
        }
      if (pf[1].revents)
        {
          n = read (sfd, buf, sizeof buf);
          if (n <= 0)
            break;
          g_byte_array_append (sbuf, buf, (guint) n);
          /* forward whole frames, the chosen one with its last byte flipped */
          while (sbuf->len >= 4)
            {
              size_t len = 4 + (((size_t) sbuf->data[1] << 16) | ((size_t) sbuf->data[2] << 8)
                                | sbuf->data[3]);
              if (sbuf->len < len)
                break;
              if (++frame == m->flip_frame)
                sbuf->data[len - 1] ^= 0x01;
              if (write (cfd, sbuf->data, len) != (ssize_t) len)
                goto out;
              g_byte_array_remove_range (sbuf, 0, (guint) len);
            }
        }
    }
out:
  if (cfd >= 0)
    close (cfd);
  close (sfd);
  g_byte_array_free (sbuf, TRUE);
  return NULL;
}

static void
tampered (const smb_fx *fx, int flip_frame, smb_errcode want)
{
  mitm m = { -1, 0, fx->port, flip_frame };
  smb_fx relay = *fx;
  GThread *t;
  smb2_conn *c;
  GByteArray *out = g_byte_array_new ();
  uint32_t tree;
  smb_error err;

  m.lfd = smb_fx_silent_listener (&m.port);
  assert_true (m.lfd >= 0);
  t = g_thread_new ("mitm", mitm_main, &m);
  relay.port = m.port;
  c = logon (&relay, SMB2_DIALECT_311, SMB2_DIALECT_311, NULL);
  smb_error_clear (&err);
  assert_int_equal (smb2_tree_connect (c, "data", &tree, &err), 0);      /* frame 4 */
  assert_int_equal (smb2_get_file (c, tree, "tamper.txt", 0, out, &err), -1); /* frame 5 */
  assert_int_equal (err.code, want);
  assert_true (c->broken);
  smb2_conn_free (c);
  g_thread_join (t);
  close (m.lfd);
  g_byte_array_free (out, TRUE);
}

static void
test_tampering_detected (void **state)
{
  const char *settings[] = { "SMB_ENCRYPT=required", NULL };
  smb_fx *fx = NULL;
  char *why = NULL;
  smb2_conn *c;
  smb_error err;
  uint32_t tree;

  (void) state;
  c = logon (server, 0, 0, NULL);
  smb_error_clear (&err);
  assert_int_equal (smb2_tree_connect (c, "data", &tree, &err), 0);
  assert_int_equal (smb2_put_file (c, tree, "tamper.txt", (const uint8_t *) "abc", 3, &err), 0);
  smb2_conn_free (c);
  tampered (server, 5, SMB_E_SIGNING);
  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, settings, &why), why);
  c = logon (fx, 0, 0, NULL);
  assert_int_equal (smb2_tree_connect (c, "data", &tree, &err), 0);
  assert_int_equal (smb2_put_file (c, tree, "tamper.txt", (const uint8_t *) "abc", 3, &err), 0);
  smb2_conn_free (c);
  tampered (fx, 5, SMB_E_ENCRYPTION);
  smb_fx_stop (fx);
}

/* --- faults ----------------------------------------------------------------------------- */

static void
test_unreachable_and_silent (void **state)
{
  smb_fx fake = { NULL, 0, NULL, NULL, 0, 0 };
  smb_error err;
  gint64 t0;
  int lfd;

  (void) state;
  fake.port = smb_fx_closed_port ();
  assert_null (connect_to (&fake, 0, 0, &err));
  assert_int_equal (err.code, SMB_E_UNREACHABLE);
  assert_non_null (strstr (err.text, "refused the connection"));
  /* accepts, never answers: the connect deadline ends the NEGOTIATE */
  lfd = smb_fx_silent_listener (&fake.port);
  assert_true (lfd >= 0);
  {
    smb2_conn_opts o;
    memset (&o, 0, sizeof o);
    o.host = "127.0.0.1";
    o.port = (unsigned int) fake.port;
    o.connect_timeout_ms = 700;
    smb_error_clear (&err);
    t0 = g_get_monotonic_time ();
    assert_null (smb2_connect (&o, &err));
    assert_true (g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC);
    assert_int_equal (err.code, SMB_E_TIMEOUT);
  }
  close (lfd);
  /* a name that does not resolve */
  {
    smb2_conn_opts o;
    memset (&o, 0, sizeof o);
    o.host = "no-such-host.invalid";
    smb_error_clear (&err);
    assert_null (smb2_connect (&o, &err));
    assert_int_equal (err.code, SMB_E_UNREACHABLE);
  }
}

/* smbd dies in the middle of a large read; then one that stops answering. */
static void
test_server_killed_mid_read (void **state)
{
  smb_fx *fx = NULL;
  char *why = NULL;
  smb2_conn *c;
  smb2_create_req cr = { SMB2_FILE_READ_DATA | SMB2_SYNCHRONIZE, 0, SMB2_FILE_SHARE_READ,
                         SMB2_FILE_OPEN, SMB2_FILE_NON_DIRECTORY_FILE, NULL, 0 };
  GByteArray *big = g_byte_array_new (), *out = g_byte_array_new ();
  smb2_file f;
  smb_error err;
  uint32_t tree;
  int eof = 0;
  gint64 t0;

  (void) state;
  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, NULL, &why), why);
  g_byte_array_set_size (big, 4 * 1024 * 1024);
  memset (big->data, 'k', big->len);
  c = logon (fx, 0, 0, NULL);
  smb_error_clear (&err);
  assert_int_equal (smb2_tree_connect (c, "data", &tree, &err), 0);
  assert_int_equal (smb2_put_file (c, tree, "big.bin", big->data, big->len, &err), 0);
  assert_int_equal (smb2_create (c, tree, "big.bin", &cr, &f, &err), 0);
  assert_int_equal (smb2_read (c, tree, &f.fid, 0, 1024 * 1024, out, &eof, &err), 0);
  assert_int_equal (out->len, 1024 * 1024);
  smb_fx_samba_kill (fx);
  t0 = g_get_monotonic_time ();
  assert_int_equal (smb2_read (c, tree, &f.fid, out->len, 1024 * 1024, out, &eof, &err), -1);
  assert_true (err.code == SMB_E_CONN_LOST || err.code == SMB_E_TIMEOUT);
  assert_true (g_get_monotonic_time () - t0 < 6 * G_USEC_PER_SEC);
  assert_true (c->broken);
  /* and then every call fails at once */
  smb_error_clear (&err);
  assert_int_equal (smb2_read (c, tree, &f.fid, 0, 10, out, &eof, &err), -1);
  assert_int_equal (err.code, SMB_E_CONN_LOST);
  smb2_conn_free (c);
  smb_fx_stop (fx);

  /* a server that stops answering: the request deadline ends the read */
  fx = NULL;
  SMB_FX_START_OR_SKIP (smb_fx_samba (&fx, NULL, &why), why);
  {
    smb2_conn_opts o;
    memset (&o, 0, sizeof o);
    o.host = "127.0.0.1";
    o.port = (unsigned int) fx->port;
    o.request_timeout_ms = 800;
    smb_error_clear (&err);
    c = smb2_connect (&o, &err);
    assert_non_null (c);
    assert_int_equal (smb2_session_setup (c, fx->user, NULL, fx->password, &err), 0);
    assert_int_equal (smb2_tree_connect (c, "data", &tree, &err), 0);
    assert_int_equal (smb2_put_file (c, tree, "big.bin", big->data, 1024, &err), 0);
    smb_fx_samba_pause (fx, 1);
    t0 = g_get_monotonic_time ();
    g_byte_array_set_size (out, 0);
    assert_int_equal (smb2_get_file (c, tree, "big.bin", 0, out, &err), -1);
    assert_int_equal (err.code, SMB_E_TIMEOUT);
    assert_true (g_get_monotonic_time () - t0 < 4 * G_USEC_PER_SEC);
    smb_fx_samba_pause (fx, 0);
    smb2_conn_free (c);
  }
  smb_fx_stop (fx);
  g_byte_array_free (big, TRUE);
  g_byte_array_free (out, TRUE);
  g_free (why);
}

/* The service manager of a real server: Samba's svcctl takes the bind and
** OpenSCManagerW (our NDR against Samba's strict parser) but creates no
** services, which must be a clear error with nothing left behind. */
static void
test_exec_against_samba (void **state)
{
  smb_exec_opts o;
  smb_session *s;
  smb_error err;
  GByteArray *out = g_byte_array_new ();
  char *temp;
  GDir *d;

  (void) state;
  memset (&o, 0, sizeof o);
  o.host = "127.0.0.1";
  o.port = (unsigned int) server->port;
  o.user = server->user;
  o.password = server->password;
  smb_error_clear (&err);
  s = smb_session_open (&o, &err);
  if (!s)
    fail_msg ("open: %s", err.text);
  assert_int_equal (smb_session_run (s, "cmd /c ver", 5000, out, &err), -1);
  assert_true (err.code == SMB_E_ACCESS || err.code == SMB_E_RPC);
  assert_non_null (strstr (err.text, "service creation refused"));
  assert_int_equal (out->len, 0);
  smb_session_close (s);
  temp = g_build_filename (server->dir, "admin", "Temp", NULL);
  d = g_dir_open (temp, 0, NULL);
  assert_non_null (d);
  assert_null (g_dir_read_name (d));
  g_dir_close (d);
  g_free (temp);
  g_byte_array_free (out, TRUE);
}

static int
setup (void **state)
{
  char *why = NULL;

  (void) state;
  SMB_FX_START_OR_SKIP (smb_fx_samba (&server, NULL, &why), why);
  g_free (why);
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  smb_fx_stop (server);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_dialect_202),
    cmocka_unit_test (test_dialect_210),
    cmocka_unit_test (test_dialect_300),
    cmocka_unit_test (test_dialect_302),
    cmocka_unit_test (test_dialect_311),
    cmocka_unit_test (test_client_dialect_limits),
    cmocka_unit_test (test_smb1_only),
    cmocka_unit_test (test_logon_forms),
    cmocka_unit_test (test_logon_failures),
    cmocka_unit_test (test_account_locked_disabled),
    cmocka_unit_test (test_trees),
    cmocka_unit_test (test_large_file),
    cmocka_unit_test (test_signing_required),
    cmocka_unit_test (test_encryption_gcm128),
    cmocka_unit_test (test_encryption_ccm128),
    cmocka_unit_test (test_encryption_gcm256),
    cmocka_unit_test (test_encryption_ccm256),
    cmocka_unit_test (test_encryption_refused),
    cmocka_unit_test (test_tampering_detected),
    cmocka_unit_test (test_unreachable_and_silent),
    cmocka_unit_test (test_server_killed_mid_read),
    cmocka_unit_test (test_exec_against_samba),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}

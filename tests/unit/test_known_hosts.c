/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_known_hosts.c: known_hosts lookup, fingerprints and locked append (cmocka). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ssh_known_hosts.h"

/*
** Keys and fingerprints made with OpenSSH's ssh-keygen (-l -E sha256), and
** a line hashed by "ssh-keygen -H" for "[h.example]:2222": the expected
** values do not come from the code under test.
*/
#define ED_B64 "AAAAC3NzaC1lZDI1NTE5AAAAICdvy9r5mnRQ7U6wytrFTBnsmDiPD8cgx3mLJmGLI4YA"
#define ED_FP "SHA256:AqHcj7ZIdB1G4hruR2/cQTiWbnv+d8IV+odwj19pSLs"
#define ED2_B64 "AAAAC3NzaC1lZDI1NTE5AAAAIFnOyfxUYoijtzvvNJdFsPuHj6w7Gc/kVQ5TiIMYx8Nr"
#define ED2_FP "SHA256:wHzgvmBh1CpdKYGHlmoZe4PWa5R8xjLEETE7cAzcfHg"
#define EC_B64                                                                     \
  "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAWBe9ET5PaQbz9H4H2fZMZ7X29" \
  "Vg3GCQkZQ9O1nZkt3X4zOeVa9UMtdT0wvvaRYepCnYbiJY5u4eGAxvb/1lJ8="
#define EC_FP "SHA256:NhO/RWFK6Ne4SzjNVAMoU+z3mDL51oq1JgC00scb00k"
#define HASHED_H_EXAMPLE_2222 "|1|exTr+LZ5uNoApOWbniizI0y94R8=|vy9g4/XgWhdnb/gMyYFUOKVyKbg="

typedef struct key {
  guchar *blob;
  gsize len;
} key;

static key
key_of (const char *b64)
{
  key k;

  k.blob = g_base64_decode (b64, &k.len);
  return k;
}

/* Checks 'text' for the names at 'port' with key 'b64'; m filled. */
static void
check (const char *text, const char *const *names, unsigned int port, const char *b64,
       sshkh_match *m)
{
  key k = key_of (b64);

  sshkh_check (text, strlen (text), names, port, k.blob, k.len, m);
  g_free (k.blob);
}

static const char *const ip_only[] = { "192.0.2.7", NULL };
static const char *const name_and_ip[] = { "web1.example", "192.0.2.7", NULL };

static void
test_fingerprint_and_type (void **state)
{
  key k = key_of (ED_B64);
  key e = key_of (EC_B64);
  char *fp = sshkh_fingerprint (k.blob, k.len);
  char *t = sshkh_blob_type (k.blob, k.len);
  char *fp2 = sshkh_fingerprint (e.blob, e.len);
  char *t2 = sshkh_blob_type (e.blob, e.len);

  (void) state;
  assert_string_equal (fp, ED_FP);
  assert_string_equal (t, "ssh-ed25519");
  assert_string_equal (fp2, EC_FP);
  assert_string_equal (t2, "ecdsa-sha2-nistp256");
  assert_null (sshkh_blob_type ((const guchar *) "\0\0\0\x09ssh", 7));
  assert_null (sshkh_blob_type ((const guchar *) "\0\0\0\0", 4));
  g_free (fp);
  g_free (t);
  g_free (fp2);
  g_free (t2);
  g_free (k.blob);
  g_free (e.blob);
}

static void
test_host_field (void **state)
{
  char *a = sshkh_host_field ("h", 22);
  char *b = sshkh_host_field ("h", 2222);
  char *c = sshkh_host_field ("::1", 2222);

  (void) state;
  assert_string_equal (a, "h");
  assert_string_equal (b, "[h]:2222");
  assert_string_equal (c, "[::1]:2222");
  g_free (a);
  g_free (b);
  g_free (c);
}

static void
test_listed_plain_and_port (void **state)
{
  sshkh_match m;

  (void) state;
  check ("# comment\n\n192.0.2.7 ssh-ed25519 " ED_B64 " root@h\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (m.line, 3);
  sshkh_match_clear (&m);
  /* Port 22 entries do not vouch for another port, nor the reverse. */
  check ("192.0.2.7 ssh-ed25519 " ED_B64 "\n", ip_only, 2222, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  assert_int_equal (m.line, 0);
  check ("[192.0.2.7]:2222 ssh-ed25519 " ED_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  check ("[192.0.2.7]:2222 ssh-ed25519 " ED_B64 "\r\n", ip_only, 2222, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (m.line, 1);
  /* The name as well as the address; names are case-insensitive. */
  check ("WEB1.Example ssh-ed25519 " ED_B64, name_and_ip, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (m.line, 1);
  sshkh_match_clear (&m);
}

static void
test_patterns (void **state)
{
  sshkh_match m;

  (void) state;
  check ("other,192.0.2.* ssh-ed25519 " ED_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  check ("192.0.2.? ssh-ed25519 " ED_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  check ("192.0.2.?? ssh-ed25519 " ED_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  check ("[192.0.2.*]:2222 ssh-ed25519 " ED_B64 "\n", ip_only, 2222, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  /* A negated pattern that matches excludes the whole line. */
  check ("*,!192.0.2.7 ssh-ed25519 " ED_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  check ("*,!192.0.2.8 ssh-ed25519 " ED_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  /* Many stars stay fast (no exponential backtracking). */
  check ("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b ssh-ed25519 " ED_B64 "\n",
         (const char *const[]) { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL },
         22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  sshkh_match_clear (&m);
}

/* A line hashed by OpenSSH's ssh-keygen -H. */
static void
test_hashed (void **state)
{
  const char *const names[] = { "h.example", NULL };
  const char *const upper[] = { "H.EXAMPLE", NULL };
  sshkh_match m;

  (void) state;
  check (HASHED_H_EXAMPLE_2222 " ssh-ed25519 " ED_B64 "\n", names, 2222, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  check (HASHED_H_EXAMPLE_2222 " ssh-ed25519 " ED_B64 "\n", upper, 2222, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  check (HASHED_H_EXAMPLE_2222 " ssh-ed25519 " ED_B64 "\n", names, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  check (HASHED_H_EXAMPLE_2222 " ssh-ed25519 " ED_B64 "\n", names, 2222, ED2_B64, &m);
  assert_int_equal (m.verdict, SSHKH_CHANGED);
  assert_string_equal (m.listed_fp, ED_FP);
  assert_string_equal (m.listed_as, "[h.example]:2222");
  sshkh_match_clear (&m);
  /* Broken hashes never match. */
  check ("|1|exTr+LZ5uNoApOWbniizI0y94R8= ssh-ed25519 " ED_B64 "\n", names, 2222, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
  check ("|1|AAAA|vy9g4/XgWhdnb/gMyYFUOKVyKbg= ssh-ed25519 " ED_B64 "\n", names, 2222,
         ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
}

static void
test_changed_other_revoked (void **state)
{
  sshkh_match m;

  (void) state;
  /* Same type, other key: changed, naming the line and the old key. */
  check ("x ssh-ed25519 " ED_B64 "\n192.0.2.7 ssh-ed25519 " ED2_B64 "\n", ip_only, 22,
         ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_CHANGED);
  assert_int_equal (m.line, 2);
  assert_string_equal (m.listed_type, "ssh-ed25519");
  assert_string_equal (m.listed_fp, ED2_FP);
  assert_string_equal (m.listed_as, "192.0.2.7");
  sshkh_match_clear (&m);
  /* A line with the key wins over a line with another key. */
  check ("192.0.2.7 ssh-ed25519 " ED2_B64 "\n192.0.2.7 ssh-ed25519 " ED_B64 "\n", ip_only,
         22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (m.line, 2);
  /* Only keys of another type: refused as a change too. */
  check ("192.0.2.7 ecdsa-sha2-nistp256 " EC_B64 "\n", ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_OTHER_TYPE);
  assert_int_equal (m.line, 1);
  assert_string_equal (m.listed_type, "ecdsa-sha2-nistp256");
  assert_string_equal (m.listed_fp, EC_FP);
  sshkh_match_clear (&m);
  /* @revoked beats a line that lists the key. */
  check ("192.0.2.7 ssh-ed25519 " ED_B64 "\n@revoked * ssh-ed25519 " ED_B64 "\n", ip_only,
         22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_REVOKED);
  assert_int_equal (m.line, 2);
  assert_string_equal (m.listed_fp, ED_FP);
  sshkh_match_clear (&m);
  /* @revoked for another key does not list this one; @cert-authority is
  ** skipped. */
  check ("@revoked * ssh-ed25519 " ED2_B64 "\n@cert-authority * ssh-ed25519 " ED_B64 "\n",
         ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_UNLISTED);
}

/* Lines OpenSSH would skip are skipped; nothing crashes. */
static void
test_bad_lines (void **state)
{
  static const char *const bad[] = {
    "192.0.2.7\n",
    "192.0.2.7 ssh-ed25519\n",
    "192.0.2.7 ssh-ed25519 !!!notbase64!!!\n",
    "192.0.2.7 ssh-rsa " ED_B64 "\n",           /* type and blob disagree */
    "192.0.2.7 ssh-ed25519 AAAA\n",
    "@revoked\n",
    "@bogus 192.0.2.7 ssh-ed25519 " ED_B64 "\n",
    "   # indented comment 192.0.2.7 ssh-ed25519 " ED_B64 "\n",
    "\0\0\0",
    "",
  };
  sshkh_match m;

  (void) state;
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      check (bad[i], ip_only, 22, ED_B64, &m);
      assert_int_equal (m.verdict, SSHKH_UNLISTED);
    }
  /* Tabs separate fields as spaces do; a line without a final newline counts. */
  check ("192.0.2.7\tssh-ed25519\t" ED_B64, ip_only, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
}

static void
test_listed_types (void **state)
{
  const char *text = "192.0.2.7 ecdsa-sha2-nistp256 " EC_B64 "\n"
                     "other ssh-ed25519 " ED_B64 "\n"
                     "@revoked 192.0.2.7 ssh-ed25519 " ED2_B64 "\n"
                     "192.0.2.* ssh-ed25519 " ED_B64 "\n"
                     "192.0.2.7 ecdsa-sha2-nistp256 " EC_B64 "\n";
  char **t = sshkh_listed_types (text, strlen (text), ip_only, 22);

  (void) state;
  assert_int_equal (g_strv_length (t), 2);
  assert_string_equal (t[0], "ecdsa-sha2-nistp256");
  assert_string_equal (t[1], "ssh-ed25519");
  g_strfreev (t);
  t = sshkh_listed_types (text, strlen (text), ip_only, 2222);
  assert_int_equal (g_strv_length (t), 0);
  g_strfreev (t);
}

/* --- files --------------------------------------------------------------- */

static char *
slurp (const char *path)
{
  char *text = NULL;

  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_load (void **state)
{
  char *dir = g_dir_make_tmp ("nasl-kh-XXXXXX", NULL);
  char *missing = g_build_filename (dir, "nope", NULL);
  char *file = g_build_filename (dir, "kh", NULL);
  GString *err = g_string_new (NULL);
  char *text = NULL;
  size_t len = 0;
  int miss = -1;

  (void) state;
  assert_int_equal (sshkh_load (missing, &text, &len, &miss, err), 0);
  assert_int_equal (miss, 1);
  assert_int_equal (len, 0);
  assert_string_equal (text, "");
  g_free (text);
  assert_int_equal (sshkh_load ("/dev/null", &text, &len, &miss, err), 0);
  assert_int_equal (miss, 0);
  assert_int_equal (len, 0);
  g_free (text);
  assert_int_equal (sshkh_load (dir, &text, &len, &miss, err), -1);
  assert_null (text);
  {
    char *want = g_strdup_printf ("known-hosts file '%s' is a directory", dir);

    assert_string_equal (err->str, want);
    g_free (want);
  }
  g_string_truncate (err, 0);
  assert_true (g_file_set_contents (file, "a ssh-ed25519 " ED_B64 "\n", -1, NULL));
  assert_int_equal (sshkh_load (file, &text, &len, &miss, err), 0);
  assert_string_equal (text, "a ssh-ed25519 " ED_B64 "\n");
  assert_int_equal (len, strlen (text));
  g_free (text);
  if (geteuid () != 0)
    {
      char *want = g_strdup_printf ("cannot read known-hosts file '%s': Permission denied",
                                    file);

      chmod (file, 0);
      assert_int_equal (sshkh_load (file, &text, &len, &miss, err), -1);
      assert_string_equal (err->str, want);
      g_free (want);
    }
  g_unlink (file);
  g_rmdir (dir);
  g_string_free (err, TRUE);
  g_free (file);
  g_free (missing);
  g_free (dir);
}

static void
test_add_creates_and_appends (void **state)
{
  char *dir = g_dir_make_tmp ("nasl-kh-XXXXXX", NULL);
  char *sub = g_build_filename (dir, "ssh", NULL);
  char *file = g_build_filename (sub, "known_hosts", NULL);
  const char *const names[] = { "Web1.Example", "192.0.2.7", NULL };
  GString *err = g_string_new (NULL);
  key k = key_of (ED_B64);
  key k2 = key_of (ED2_B64);
  struct stat st;
  sshkh_match m;
  char *text;

  (void) state;
  /* The file and its missing directory are created. */
  assert_int_equal (sshkh_add (file, names, 2222, k.blob, k.len, 1000, &m, err), 0);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (stat (sub, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0700);
  text = slurp (file);
  assert_string_equal (text, "[web1.example]:2222 ssh-ed25519 " ED_B64 "\n");
  g_free (text);
  /* Listed by now: nothing is written again. */
  assert_int_equal (sshkh_add (file, names, 2222, k.blob, k.len, 1000, &m, err), 0);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (m.line, 1);
  /* Someone listed another key meanwhile: that verdict, nothing written. */
  assert_int_equal (sshkh_add (file, names, 2222, k2.blob, k2.len, 1000, &m, err), 0);
  assert_int_equal (m.verdict, SSHKH_CHANGED);
  assert_string_equal (m.listed_fp, ED_FP);
  sshkh_match_clear (&m);
  /* A file without its final newline gets one before the new line. */
  assert_true (g_file_set_contents (file, "other ssh-ed25519 " ED2_B64, -1, NULL));
  assert_int_equal (sshkh_add (file, names, 22, k.blob, k.len, 1000, &m, err), 0);
  text = slurp (file);
  assert_string_equal (text, "other ssh-ed25519 " ED2_B64 "\nweb1.example ssh-ed25519 " ED_B64
                             "\n");
  g_free (text);
  assert_string_equal (err->str, "");
  g_unlink (file);
  g_rmdir (sub);
  g_rmdir (dir);
  g_string_free (err, TRUE);
  g_free (k.blob);
  g_free (k2.blob);
  g_free (file);
  g_free (sub);
  g_free (dir);
}

/* A file whose entries are hashed gets a hashed entry that finds the host. */
static void
test_add_hashed (void **state)
{
  char *dir = g_dir_make_tmp ("nasl-kh-XXXXXX", NULL);
  char *file = g_build_filename (dir, "known_hosts", NULL);
  const char *const names[] = { "192.0.2.7", NULL };
  GString *err = g_string_new (NULL);
  key k = key_of (ED_B64);
  sshkh_match m;
  char *text, **lines, **f;

  (void) state;
  assert_true (g_file_set_contents (file, "# hashed\n" HASHED_H_EXAMPLE_2222 " ssh-ed25519 "
                                    ED2_B64 "\n", -1, NULL));
  assert_int_equal (sshkh_add (file, names, 22, k.blob, k.len, 1000, &m, err), 0);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  text = slurp (file);
  lines = g_strsplit (text, "\n", -1);
  assert_int_equal (g_strv_length (lines), 4);
  assert_string_equal (lines[3], "");
  f = g_strsplit (lines[2], " ", -1);
  assert_int_equal (g_strv_length (f), 3);
  assert_true (g_str_has_prefix (f[0], "|1|"));
  assert_int_equal (strlen (f[0]), 3 + 28 + 1 + 28);
  assert_string_equal (f[1], "ssh-ed25519");
  assert_string_equal (f[2], ED_B64);
  check (text, names, 22, ED_B64, &m);
  assert_int_equal (m.verdict, SSHKH_LISTED);
  assert_int_equal (m.line, 3);
  g_strfreev (f);
  g_strfreev (lines);
  g_free (text);
  g_unlink (file);
  g_rmdir (dir);
  g_string_free (err, TRUE);
  g_free (k.blob);
  g_free (file);
  g_free (dir);
}

static void
test_add_refusals (void **state)
{
  char *dir = g_dir_make_tmp ("nasl-kh-XXXXXX", NULL);
  char *file = g_build_filename (dir, "known_hosts", NULL);
  const char *const names[] = { "192.0.2.7", NULL };
  GString *err = g_string_new (NULL);
  key k = key_of (ED_B64);
  sshkh_match m;
  char *want;
  int fd;

  (void) state;
  assert_int_equal (sshkh_add ("/dev/null", names, 22, k.blob, k.len, 1000, &m, err), -1);
  assert_string_equal (err->str, "cannot record the host key in '/dev/null': not a regular file");
  g_string_truncate (err, 0);
  assert_int_equal (sshkh_add (dir, names, 22, k.blob, k.len, 1000, &m, err), -1);
  want = g_strdup_printf ("cannot record the host key in '%s': it is a directory", dir);
  assert_string_equal (err->str, want);
  g_free (want);
  g_string_truncate (err, 0);
  /* Another process holds the lock: we wait, then give up. */
  fd = open (file, O_RDWR | O_CREAT, 0644);
  assert_true (fd >= 0);
  assert_int_equal (flock (fd, LOCK_EX), 0);
  assert_int_equal (sshkh_add (file, names, 22, k.blob, k.len, 200, &m, err), -1);
  want = g_strdup_printf ("known-hosts file '%s' stayed locked by another process for 200 ms",
                          file);
  assert_string_equal (err->str, want);
  g_free (want);
  close (fd);
  g_unlink (file);
  g_rmdir (dir);
  g_string_free (err, TRUE);
  g_free (k.blob);
  g_free (file);
  g_free (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fingerprint_and_type),
    cmocka_unit_test (test_host_field),
    cmocka_unit_test (test_listed_plain_and_port),
    cmocka_unit_test (test_patterns),
    cmocka_unit_test (test_hashed),
    cmocka_unit_test (test_changed_other_revoked),
    cmocka_unit_test (test_bad_lines),
    cmocka_unit_test (test_listed_types),
    cmocka_unit_test (test_load),
    cmocka_unit_test (test_add_creates_and_appends),
    cmocka_unit_test (test_add_hashed),
    cmocka_unit_test (test_add_refusals),
  };

  return cmocka_run_group_tests_name ("known_hosts", tests, NULL, NULL);
}

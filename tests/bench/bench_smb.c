/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_smb.c: round trips and time of the SMB client against the emulated Windows and a real smbd (make bench). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smb.h"
#include "smb2_conn.h"
#include "smb_crypto.h"
#include "smb_fixture.h"

#define COMMANDS 50
#define OPENS 10
#define BIG (32u * 1024 * 1024)

static int
cmp_gint64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Median and 95th percentile of n samples (us), printed in ms. */
static void
print_ms (const char *what, gint64 *us, int n, unsigned int rt)
{
  char rts[16];

  qsort (us, (size_t) n, sizeof *us, cmp_gint64);
  if (rt)
    snprintf (rts, sizeof rts, "%3u", rt);
  else
    g_strlcpy (rts, "  -", sizeof rts);
  printf ("  %-44s %s round trips  median %7.2f ms  p95 %7.2f ms  (n=%d)\n", what, rts,
          us[n / 2] / 1000.0, us[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1] / 1000.0, n);
}

static smb_exec_opts
opts_for (const smb_fx *fx)
{
  smb_exec_opts o;

  memset (&o, 0, sizeof o);
  o.host = "127.0.0.1";
  o.port = (unsigned int) fx->port;
  o.user = fx->user;
  o.password = fx->password;
  return o;
}

/* Session opens and commands on one host. */
static void
bench_exec (const smb_fx *fx, const char *command, int commands_work, uint16_t dialect)
{
  smb_exec_opts o = opts_for (fx);
  gint64 us[COMMANDS];
  smb_session_info info;
  unsigned int rt = 0;
  smb_session *s;
  smb_error err;
  int i;

  o.min_dialect = o.max_dialect = dialect;
  /* A first open wakes the server's RPC daemons up (Samba starts them on demand). */
  smb_error_clear (&err);
  s = smb_session_open (&o, &err);
  smb_session_close (s);
  for (i = 0; i < OPENS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      smb_error_clear (&err);
      s = smb_session_open (&o, &err);
      us[i] = g_get_monotonic_time () - t0;
      if (!s)
        {
          printf ("  session open failed: %s\n", err.text);
          return;
        }
      smb_session_get_info (s, &info);
      rt = info.round_trips;
      smb_session_close (s);
    }
  printf ("  dialect %s, signing %s, encryption %s\n",
          info.dialect == 0x0311 ? "3.1.1" : info.dialect == 0x0202 ? "2.0.2"
          : info.dialect == 0x0210 ? "2.1" : "3.0.x",
          info.signing ? "on" : "off", info.encryption ? smb_cipher_name (info.cipher) : "off");
  print_ms ("session open (connect .. OpenSCManagerW)", us, OPENS, rt);
  s = smb_session_open (&o, &err);
  for (i = 0; s && i < COMMANDS; i++)
    {
      GByteArray *out = g_byte_array_new ();

      smb_error_clear (&err);
      if (smb_session_run (s, command, 0, out, &err) != 0 && commands_work)
        {
          printf ("  command failed: %s\n", err.text);
          g_byte_array_free (out, TRUE);
          break;
        }
      smb_session_get_info (s, &info);
      us[i] = info.last_usec;
      rt = info.last_round_trips;
      g_byte_array_free (out, TRUE);
    }
  if (i == COMMANDS)
    {
      char what[80];
      snprintf (what, sizeof what, commands_work ? "command '%s', session kept"
                                                 : "command '%s' (refused: no services)",
                command);
      print_ms (what, us, COMMANDS, rt);
    }
  smb_session_close (s);
  if (commands_work)
    {
      for (i = 0; i < OPENS; i++)
        {
          GByteArray *out = g_byte_array_new ();
          gint64 t0 = g_get_monotonic_time ();

          smb_error_clear (&err);
          (void) smb_exec (&o, command, out, &err);
          us[i] = g_get_monotonic_time () - t0;
          g_byte_array_free (out, TRUE);
        }
      print_ms ("one-shot smb_exec (open, command, close)", us, OPENS, 0);
    }
}

/* Small-file and large-file transfers on a share. */
static void
bench_files (const smb_fx *fx, uint16_t dialect)
{
  smb2_conn_opts co;
  smb2_conn *c;
  smb_error err;
  uint32_t tree;
  GByteArray *big = g_byte_array_new (), *back = g_byte_array_new ();
  gint64 us[COMMANDS], t0;
  unsigned int rt0;
  int i;

  memset (&co, 0, sizeof co);
  co.host = "127.0.0.1";
  co.port = (unsigned int) fx->port;
  co.max_dialect = dialect;
  co.min_dialect = dialect;
  smb_error_clear (&err);
  c = smb2_connect (&co, &err);
  if (!c || smb2_session_setup (c, fx->user, NULL, fx->password, &err) != 0
      || smb2_tree_connect (c, "data", &tree, &err) != 0)
    {
      printf ("  files: %s\n", err.text);
      smb2_conn_free (c);
      return;
    }
  g_byte_array_set_size (big, BIG);
  memset (big->data, 'x', BIG);
  smb2_put_file (c, tree, "small.txt", big->data, 1024, &err);
  for (i = 0; i < COMMANDS; i++)
    {
      g_byte_array_set_size (back, 0);
      rt0 = c->stats.round_trips;
      t0 = g_get_monotonic_time ();
      smb2_get_file (c, tree, "small.txt", 0, back, &err);
      us[i] = g_get_monotonic_time () - t0;
    }
  print_ms ("1 KiB file read (CREATE+READ+CLOSE)", us, COMMANDS, c->stats.round_trips - rt0);
  t0 = g_get_monotonic_time ();
  rt0 = c->stats.round_trips;
  smb2_put_file (c, tree, "big.bin", big->data, big->len, &err);
  printf ("  32 MiB write: %4u round trips, %7.1f MB/s\n", c->stats.round_trips - rt0,
          BIG / 1e6 / ((g_get_monotonic_time () - t0) / 1e6));
  g_byte_array_set_size (back, 0);
  t0 = g_get_monotonic_time ();
  rt0 = c->stats.round_trips;
  smb2_get_file (c, tree, "big.bin", 0, back, &err);
  printf ("  32 MiB read:  %4u round trips, %7.1f MB/s%s\n", c->stats.round_trips - rt0,
          BIG / 1e6 / ((g_get_monotonic_time () - t0) / 1e6),
          back->len == BIG ? "" : " (SHORT!)");
  smb2_delete_file (c, tree, "big.bin", &err);
  smb2_conn_free (c);
  g_byte_array_free (big, TRUE);
  g_byte_array_free (back, TRUE);
}

static void
bench_samba (const char *title, const char *const *settings, uint16_t dialect)
{
  smb_fx *fx = NULL;
  char *why = NULL;

  printf ("%s\n", title);
  if (smb_fx_samba (&fx, settings, &why) != 0)
    {
      printf ("  skipped: %s\n", why ? why : "smbd did not start");
      g_free (why);
      return;
    }
  bench_exec (fx, "cmd /c ver", 0, dialect);
  bench_files (fx, dialect);
  smb_fx_stop (fx);
}

int
main (void)
{
  static const char *const enc[] = { "SMB_ENCRYPT=required", NULL };
  static const char *const signed21[] = { "SMB_SIGNING=mandatory", NULL };
  smb_fx *fx = NULL;
  char *why = NULL;

  printf ("SMB client (loopback; a round trip is one request frame and its answer)\n");
  printf ("emulated Windows (impacket 0.10 + our svcctl; SMB 2.0.2)\n");
  if (smb_fx_emu (&fx, NULL, NULL, NULL, &why) == 0)
    {
      bench_exec (fx, "netstat -ano", 1, 0);
      smb_fx_stop (fx);
    }
  else
    printf ("  skipped: %s\n", why ? why : "?");
  bench_samba ("Samba smbd, SMB 3.1.1, signed", NULL, 0);
  bench_samba ("Samba smbd, SMB 3.1.1, encrypted", enc, 0);
  bench_samba ("Samba smbd, SMB 2.1, signing required", signed21, 0x0210);
  g_free (why);
  return 0;
}

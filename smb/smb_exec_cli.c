/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_exec_cli.c: nasl-smb-exec, a small CLI over the SMB client: run a command on a Windows host (tests, operators, bench). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smb.h"
#include "smb_buf.h"
#include "smb_crypto.h"

static void
usage (FILE *f)
{
  fputs ("usage: nasl-smb-exec [options] HOST COMMAND...\n"
         "Runs COMMAND on the Windows host HOST over SMB (TCP 445) through a temporary\n"
         "service, prints its output, and removes the service and the output file.\n"
         "\n"
         "  -u, --user USER             DOMAIN\\user, DOMAIN/user, user@dns.domain or user\n"
         "  -d, --domain DOMAIN         the domain when USER names none\n"
         "      --password-env VAR      read the password from $VAR (default NASL_SMB_PASSWORD)\n"
         "      --password-file FILE    read it from the first line of FILE\n"
         "  -p, --port PORT             default 445\n"
         "  -t, --timeout SEC           command timeout (default 120)\n"
         "      --connect-timeout SEC   default 10\n"
         "      --request-timeout SEC   default 30\n"
         "      --min-dialect D         2.0.2, 2.1, 3.0, 3.0.2 or 3.1.1\n"
         "      --max-dialect D\n"
         "      --require-signing       ask the server to require signing\n"
         "      --require-encryption    refuse a session that cannot be encrypted\n"
         "  -n, --repeat N              run the command N times on one session\n"
         "  -v, --verbose               session facts and costs on stderr\n"
         "  -h, --help\n"
         "The password is never taken from the command line.  Exit status: 0 done,\n"
         "1 failed (the reason on stderr), 2 bad usage.\n",
         f);
}

static uint16_t
parse_dialect (const char *s)
{
  static const struct { const char *name; uint16_t d; } t[] = {
    { "2.0.2", 0x0202 }, { "2.1", 0x0210 }, { "3.0", 0x0300 }, { "3.0.2", 0x0302 },
    { "3.1.1", 0x0311 },
  };
  size_t i;

  for (i = 0; i < G_N_ELEMENTS (t); i++)
    if (!strcmp (s, t[i].name))
      return t[i].d;
  return 0;
}

static char *
read_password (const char *env, const char *file)
{
  if (file)
    {
      char *text = NULL;
      if (!g_file_get_contents (file, &text, NULL, NULL))
        return NULL;
      text[strcspn (text, "\r\n")] = '\0';
      return text;
    }
  return g_strdup (g_getenv (env ? env : "NASL_SMB_PASSWORD"));
}

int
main (int argc, char **argv)
{
  static const struct option longs[] = {
    { "user", required_argument, NULL, 'u' },
    { "domain", required_argument, NULL, 'd' },
    { "password-env", required_argument, NULL, 'E' },
    { "password-file", required_argument, NULL, 'F' },
    { "port", required_argument, NULL, 'p' },
    { "timeout", required_argument, NULL, 't' },
    { "connect-timeout", required_argument, NULL, 'C' },
    { "request-timeout", required_argument, NULL, 'R' },
    { "min-dialect", required_argument, NULL, 'm' },
    { "max-dialect", required_argument, NULL, 'M' },
    { "require-signing", no_argument, NULL, 'S' },
    { "require-encryption", no_argument, NULL, 'X' },
    { "repeat", required_argument, NULL, 'n' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
  };
  const char *pw_env = NULL, *pw_file = NULL;
  smb_exec_opts o;
  smb_session_info info;
  smb_session *s;
  smb_error err;
  char *password, *command;
  long repeat = 1, i;
  int verbose = 0, c, rc = 0;
  gint64 t0;

  memset (&o, 0, sizeof o);
  while ((c = getopt_long (argc, argv, "u:d:p:t:n:vh", longs, NULL)) != -1)
    switch (c)
      {
      case 'u': o.user = optarg; break;
      case 'd': o.domain = optarg; break;
      case 'E': pw_env = optarg; break;
      case 'F': pw_file = optarg; break;
      case 'p': o.port = (unsigned int) atoi (optarg); break;
      case 't': o.command_timeout_ms = atol (optarg) * 1000; break;
      case 'C': o.connect_timeout_ms = atol (optarg) * 1000; break;
      case 'R': o.request_timeout_ms = atol (optarg) * 1000; break;
      case 'm': o.min_dialect = parse_dialect (optarg); if (!o.min_dialect) goto bad; break;
      case 'M': o.max_dialect = parse_dialect (optarg); if (!o.max_dialect) goto bad; break;
      case 'S': o.require_signing = 1; break;
      case 'X': o.require_encryption = 1; break;
      case 'n': repeat = atol (optarg); if (repeat < 1) goto bad; break;
      case 'v': verbose = 1; break;
      case 'h': usage (stdout); return 0;
      default: goto bad;
      }
  if (argc - optind < 2 || !o.user)
    goto bad;
  o.host = argv[optind];
  command = g_strjoinv (" ", argv + optind + 1);
  password = read_password (pw_env, pw_file);
  if (!password)
    {
      fprintf (stderr, "nasl-smb-exec: no password (set $%s or use --password-file)\n",
               pw_env ? pw_env : "NASL_SMB_PASSWORD");
      g_free (command);
      return 2;
    }
  o.password = password;
  smb_error_clear (&err);
  t0 = g_get_monotonic_time ();
  s = smb_session_open (&o, &err);
  smb_free_secret (password);
  o.password = NULL;
  if (!s)
    {
      fprintf (stderr, "nasl-smb-exec: %s: %s\n", smb_errcode_name (err.code), err.text);
      g_free (command);
      return 1;
    }
  smb_session_get_info (s, &info);
  if (verbose)
    fprintf (stderr, "session: dialect %x signing %d encryption %s round_trips %u time_ms %.1f\n",
             info.dialect, info.signing, info.encryption ? smb_cipher_name (info.cipher) : "no",
             info.round_trips, (g_get_monotonic_time () - t0) / 1000.0);
  for (i = 0; i < repeat && rc == 0; i++)
    {
      GByteArray *out = g_byte_array_new ();

      smb_error_clear (&err);
      if (smb_session_run (s, command, 0, out, &err) != 0)
        {
          fprintf (stderr, "nasl-smb-exec: %s: %s\n", smb_errcode_name (err.code), err.text);
          rc = 1;
        }
      else if (i + 1 == repeat)
        fwrite (out->data, 1, out->len, stdout);
      if (smb_session_warning (s))
        fprintf (stderr, "nasl-smb-exec: warning: %s\n", smb_session_warning (s));
      smb_session_get_info (s, &info);
      if (verbose)
        fprintf (stderr, "command %ld: round_trips %u time_ms %.1f bytes %u\n", i + 1,
                 info.last_round_trips, info.last_usec / 1000.0, out->len);
      g_byte_array_free (out, TRUE);
    }
  smb_session_close (s);
  g_free (command);
  return rc;

bad:
  usage (stderr);
  return 2;
}

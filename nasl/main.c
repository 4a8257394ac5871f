/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c: the `nasl` command line (openvas-nasl's options), a thin client of nasl.h. */
#include "nasl.h"
#include "script_meta.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <sys/socket.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_FAILED 1 /* a script failed to load/parse/run, or a module failed */
#define EXIT_USAGE  2
#define EXIT_OUTPUT 3 /* standard output could not be written */

/* ACT_DESTRUCTIVE_ATTACK: -s refuses this category and the ones after it. */
#define CATEGORY_FIRST_UNSAFE 6

typedef enum report_style {
  REPORT_BLOCK = 0, /* "[LOG] general/tcp:" then the data */
  REPORT_OPENVAS    /* the data (or "Success") and a newline, like openvas-nasl */
} report_style;

/* Everything the command line sets. */
typedef struct cli_opts {
  int debug, description, both, parse_only, lint, safe, meta;
  long timeout;            /* --timeout: seconds, 0 no limit; -1 not given */
  report_style reports;
  const char *trace;
  const char *port_range;
  GPtrArray *targets;      /* char* */
  GPtrArray *include_dirs; /* const char* (argv) */
  GPtrArray *kb_items;     /* const char* "key=value" (argv) */
  GPtrArray *modules;      /* const char* (argv) */
  GPtrArray *prefs;        /* const char* "name=value" (argv) */
  GPtrArray *scanner_prefs; /* const char* "name=value" (argv) */
  char **scripts;
  int nscripts;
  int out_errno;           /* first error writing stdout, 0 while all is well */
} cli_opts;

/* ------------------------------------------------------------------------
** Callbacks: display() output, diagnostics, reports
** ------------------------------------------------------------------------ */

/* Remembers the first error writing stdout (a full disk, a closed pipe). */
static void
note_stdout_error (cli_opts *o)
{
  if (o->out_errno == 0 && ferror (stdout))
    o->out_errno = errno != 0 ? errno : EIO;
}

static void
cli_output (void *ud, const char *bytes, size_t len)
{
  cli_opts *o = ud;
  if (fwrite (bytes, 1, len, stdout) != len)
    note_stdout_error (o);
}

static void
cli_diag (void *ud, const char *text)
{
  (void) ud;
  fflush (stdout); /* keep stdout and stderr in order on a terminal */
  fprintf (stderr, "%s\n", text);
  fflush (stderr);
}

static const char *
report_kind_tag (nasl_report_kind k)
{
  switch (k)
    {
    case NASL_REPORT_LOG: return "LOG";
    case NASL_REPORT_ALARM: return "ALARM";
    case NASL_REPORT_ERROR: return "ERROR";
    }
  return "?";
}

/* Report blocks (see doc/cli.md): a header line, the data, a newline. */
static void
cli_report (void *ud, const nasl_report *r)
{
  cli_opts *o = ud;
  if (o->reports == REPORT_BLOCK)
    {
      const char *proto = r->proto && *r->proto ? r->proto : "tcp";
      if (r->port > 0)
        printf ("[%s] port %d/%s", report_kind_tag (r->kind), r->port, proto);
      else
        printf ("[%s] general/%s", report_kind_tag (r->kind), proto);
      if (r->uri && *r->uri)
        printf (" uri %s", r->uri);
      fputs (":\n", stdout);
    }
  if (r->data)
    fwrite (r->data, 1, r->data_len, stdout);
  else
    fputs ("Success", stdout);
  fputc ('\n', stdout);
  note_stdout_error (o);
}

/* Flushes stdout; on the first failure says so on stderr.  Returns 0 when
** everything written so far reached stdout. */
static int
check_stdout (cli_opts *o)
{
  errno = 0;
  if (fflush (stdout) != 0 || ferror (stdout))
    note_stdout_error (o);
  if (o->out_errno == 0)
    return 0;
  if (o->out_errno > 0)
    {
      fprintf (stderr, "nasl: error writing standard output: %s\n", g_strerror (o->out_errno));
      o->out_errno = -1; /* said once */
    }
  return -1;
}

/* ------------------------------------------------------------------------
** Command line
** ------------------------------------------------------------------------ */

static void
usage (FILE *f)
{
  fputs ("Usage: nasl [OPTION]... SCRIPT...\n"
         "Run NASL scripts (openvas-nasl compatible options).\n\n"
         "  -V, --version              print the version and exit\n"
         "  -h, --help                 print this help and exit\n"
         "  -d, --debug                debug diagnostics\n"
         "  -D, --description          run the description part only\n"
         "  -B, --both                 description part, then the normal run\n"
         "  -p, --parse                parse only, do not run\n"
         "  -L, --lint                 parse and lint\n"
         "  -t, --target HOST          target host (repeatable, or a comma list;\n"
         "                             default 127.0.0.1); each script runs per host\n"
         "  -T, --trace FILE|-         trace execution to FILE or stderr\n"
         "  -s, --safe                 safe checks; refuse unsafe categories\n"
         "  -X, --disable-signing      accepted (scripts are never signature-checked)\n"
         "  -i, --include-dir DIR      extra include directory (repeatable)\n"
         "  -k, --kb KEY=VALUE         preload a KB string (repeatable)\n"
         "  -r, --port-range RANGE     the port_range scanner preference\n"
         "  -m, --module MODULE        load a NASL module (repeatable)\n"
         "      --pref NAME=VALUE      set a script preference (repeatable)\n"
         "      --scanner-pref NAME=VALUE  set a scanner preference (get_preference)\n"
         "      --timeout SECONDS      time limit of a script that sets none\n"
         "                             (default 320; 0: no limit)\n"
         "      --meta                 with -D or -B: print the collected metadata\n"
         "      --openvas-reports      print reports like openvas-nasl (data only)\n"
         "  -c, --config-file FILE     accepted and ignored\n"
         "  -e, --source-iface IFACE   accepted and ignored\n"
         "      --debug-tls LEVEL      accepted and ignored\n",
         f);
}

static int
usage_error (const char *fmt, const char *arg)
{
  fputs ("nasl: ", stderr);
  fprintf (stderr, fmt, arg);
  fputs ("\nTry 'nasl --help' for more information.\n", stderr);
  return EXIT_USAGE;
}

enum { OPT_PREF = 256, OPT_SCANNER_PREF, OPT_META, OPT_OPENVAS_REPORTS, OPT_DEBUG_TLS,
       OPT_TIMEOUT };

static const struct option long_opts[] = {
  { "version", no_argument, NULL, 'V' },
  { "help", no_argument, NULL, 'h' },
  { "debug", no_argument, NULL, 'd' },
  { "description", no_argument, NULL, 'D' },
  { "both", no_argument, NULL, 'B' },
  { "parse", no_argument, NULL, 'p' },
  { "lint", no_argument, NULL, 'L' },
  { "target", required_argument, NULL, 't' },
  { "trace", required_argument, NULL, 'T' },
  { "config-file", required_argument, NULL, 'c' },
  { "source-iface", required_argument, NULL, 'e' },
  { "safe", no_argument, NULL, 's' },
  { "disable-signing", no_argument, NULL, 'X' },
  { "include-dir", required_argument, NULL, 'i' },
  { "kb", required_argument, NULL, 'k' },
  { "port-range", required_argument, NULL, 'r' },
  { "module", required_argument, NULL, 'm' },
  { "pref", required_argument, NULL, OPT_PREF },
  { "scanner-pref", required_argument, NULL, OPT_SCANNER_PREF },
  { "meta", no_argument, NULL, OPT_META },
  { "openvas-reports", no_argument, NULL, OPT_OPENVAS_REPORTS },
  { "debug-tls", required_argument, NULL, OPT_DEBUG_TLS },
  { "timeout", required_argument, NULL, OPT_TIMEOUT },
  { NULL, 0, NULL, 0 }
};

static void
add_targets (cli_opts *o, const char *spec)
{
  char **parts = g_strsplit (spec, ",", -1);
  for (char **p = parts; *p; p++)
    {
      char *t = g_strstrip (*p);
      if (*t)
        g_ptr_array_add (o->targets, g_strdup (t));
    }
  g_strfreev (parts);
}

/* A number of seconds: decimal digits only, at most ten years. */
static int
parse_seconds (const char *text, long *out)
{
  char *end;
  if (!g_ascii_isdigit (text[0]))
    return -1;
  errno = 0;
  unsigned long v = strtoul (text, &end, 10);
  if (*end || errno || v > 10UL * 366 * 24 * 3600)
    return -1;
  *out = (long) v;
  return 0;
}

/* Parses argv into 'o'; returns -1 to go on, else an exit status. */
static int
parse_args (int argc, char **argv, cli_opts *o)
{
  int c;
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":VhdDBpLt:T:c:e:sXi:k:r:m:", long_opts, NULL)) != -1)
    switch (c)
      {
      case 'V':
        printf ("nasl %s\n", nasl_version ());
        puts ("NASL interpreter with openvas-nasl compatible options.");
        return EXIT_SUCCESS;
      case 'h': usage (stdout); return EXIT_SUCCESS;
      case 'd': o->debug = 1; break;
      case 'D': o->description = 1; break;
      case 'B': o->both = 1; break;
      case 'p': o->parse_only = 1; break;
      case 'L': o->lint = 1; break;
      case 't': add_targets (o, optarg); break;
      case 'T': o->trace = optarg; break;
      case 'c':
        fprintf (stderr, "nasl: note: -c/--config-file is ignored (no openvas.conf)\n");
        break;
      case 'e':
        fprintf (stderr, "nasl: note: -e/--source-iface is ignored\n");
        break;
      case OPT_DEBUG_TLS: break;
      case 's': o->safe = 1; break;
      case 'X': break;
      case 'i': g_ptr_array_add (o->include_dirs, optarg); break;
      case 'k':
        if (!strchr (optarg, '=') || optarg[0] == '=')
          return usage_error ("-k needs KEY=VALUE, got '%s'", optarg);
        g_ptr_array_add (o->kb_items, optarg);
        break;
      case 'r': o->port_range = optarg; break;
      case 'm': g_ptr_array_add (o->modules, optarg); break;
      case OPT_PREF:
        if (!strchr (optarg, '=') || optarg[0] == '=')
          return usage_error ("--pref needs NAME=VALUE, got '%s'", optarg);
        g_ptr_array_add (o->prefs, optarg);
        break;
      case OPT_SCANNER_PREF:
        if (!strchr (optarg, '=') || optarg[0] == '=')
          return usage_error ("--scanner-pref needs NAME=VALUE, got '%s'", optarg);
        g_ptr_array_add (o->scanner_prefs, optarg);
        break;
      case OPT_TIMEOUT:
        if (parse_seconds (optarg, &o->timeout) != 0)
          return usage_error ("--timeout needs a number of seconds, got '%s'", optarg);
        break;
      case OPT_META: o->meta = 1; break;
      case OPT_OPENVAS_REPORTS: o->reports = REPORT_OPENVAS; break;
      case ':':
        return usage_error ("option '%s' needs an argument", argv[optind - 1]);
      default:
        return usage_error ("unknown option '%s'", argv[optind - 1]);
      }
  if (optind >= argc)
    return usage_error ("%s", "no script given");
  if (o->description + o->both + o->parse_only + o->lint > 1)
    return usage_error ("%s", "-D, -B, -p and -L exclude each other");
  o->scripts = argv + optind;
  o->nscripts = argc - optind;
  if (o->targets->len == 0)
    g_ptr_array_add (o->targets, g_strdup ("127.0.0.1"));
  return -1;
}

/* ------------------------------------------------------------------------
** Running
** ------------------------------------------------------------------------ */

/* The address of a target given as an address or a host name (g_malloc'ed),
** or NULL when the name does not resolve. */
static char *
resolve_target (const char *target)
{
  unsigned char buf[sizeof (struct in6_addr)];
  if (inet_pton (AF_INET, target, buf) == 1 || inet_pton (AF_INET6, target, buf) == 1)
    return g_strdup (target);
  struct addrinfo hints, *res = NULL;
  memset (&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo (target, NULL, &hints, &res) != 0 || !res)
    return NULL;
  char host[NI_MAXHOST];
  char *ip = NULL;
  if (getnameinfo (res->ai_addr, res->ai_addrlen, host, sizeof host, NULL, 0,
                   NI_NUMERICHOST) == 0)
    ip = g_strdup (host);
  freeaddrinfo (res);
  return ip;
}

/* A fresh state for one target: callbacks, options, modules, KB, prefs. */
static nasl_state *
make_state (cli_opts *o, const char *target, int *failed)
{
  nasl_state *st = nasl_state_new ();
  nasl_set_output (st, cli_output, o);
  nasl_set_diag (st, cli_diag, NULL);
  nasl_set_report (st, cli_report, o);
  nasl_set_debug (st, o->debug);
  nasl_set_safe_checks (st, o->safe);
  if (o->timeout >= 0)
    nasl_set_timeout (st, o->timeout);
  for (guint i = 0; i < o->scanner_prefs->len; i++)
    {
      const char *item = g_ptr_array_index (o->scanner_prefs, i);
      const char *eq = strchr (item, '=');
      char *name = g_strndup (item, (gsize) (eq - item));
      nasl_set_preference (st, name, eq + 1);
      g_free (name);
    }
  if (o->safe)
    nasl_set_preference (st, "safe_checks", "yes");
  if (o->port_range)
    nasl_set_preference (st, "port_range", o->port_range);
  char *ip = resolve_target (target);
  if (!ip)
    {
      fprintf (stderr, "nasl: cannot resolve target '%s'\n", target);
      *failed = 1;
    }
  nasl_set_target (st, ip ? ip : target, target);
  g_free (ip);
  for (guint i = 0; i < o->include_dirs->len; i++)
    nasl_add_include_dir (st, g_ptr_array_index (o->include_dirs, i));
  if (o->trace && nasl_trace_open (st, o->trace) != 0)
    {
      fprintf (stderr, "nasl: cannot open trace file '%s'\n", o->trace);
      *failed = 1;
    }
  for (guint i = 0; i < o->modules->len; i++)
    {
      char *err = NULL;
      if (nasl_load_module (st, g_ptr_array_index (o->modules, i), &err) != 0)
        {
          fprintf (stderr, "nasl: %s\n", err ? err : "cannot load module");
          *failed = 1;
        }
      g_free (err);
    }
  nasl_kb *kb = nasl_state_kb (st);
  for (guint i = 0; i < o->kb_items->len; i++)
    {
      const char *item = g_ptr_array_index (o->kb_items, i);
      const char *eq = strchr (item, '=');
      char *key = g_strndup (item, (gsize) (eq - item));
      nasl_kb_add_str (kb, key, eq + 1, strlen (eq + 1));
      g_free (key);
    }
  for (guint i = 0; i < o->prefs->len; i++)
    {
      const char *item = g_ptr_array_index (o->prefs, i);
      const char *eq = strchr (item, '=');
      char *name = g_strndup (item, (gsize) (eq - item));
      nasl_set_script_preference (st, name, eq + 1);
      g_free (name);
    }
  return st;
}

/* A forked child (multi-valued get_kb_item) never goes on to other scripts. */
static void
end_if_fork_child (pid_t main_pid)
{
  if (getpid () != main_pid)
    {
      fflush (stdout);
      fflush (stderr);
      _exit (0);
    }
}

/* Description pass of one script; prints the metadata under --meta. */
static nasl_status
run_description (nasl_state *st, cli_opts *o, const char *script, pid_t main_pid)
{
  nasl_script_meta_reset (st, script);
  nasl_status s = nasl_run_file (st, script, NASL_RUN_DESCRIPTION);
  end_if_fork_child (main_pid);
  if (s == NASL_OK && o->meta)
    {
      char *text = nasl_script_meta_text (st, script);
      fputs (text, stdout);
      g_free (text);
    }
  return s;
}

/* -s: is the script's category one openvas-nasl refuses? */
static int
script_is_unsafe (nasl_state *st, const char *script)
{
  const nasl_script_meta *m = nasl_script_meta_get (st, script);
  return m && m->category >= CATEGORY_FIRST_UNSAFE;
}

/* Runs one script against the state's target; returns 0 when it went well. */
static int
run_script (nasl_state *st, cli_opts *o, const char *script, pid_t main_pid)
{
  nasl_status s;
  if (o->parse_only || o->lint)
    {
      s = nasl_run_file (st, script, o->parse_only ? NASL_RUN_PARSE_ONLY : NASL_RUN_LINT);
      return s == NASL_OK ? 0 : 1;
    }
  if (o->description || o->both || o->safe)
    {
      s = run_description (st, o, script, main_pid);
      if (s != NASL_OK || o->description)
        return s == NASL_OK ? 0 : 1;
      if (o->safe && script_is_unsafe (st, script))
        {
          fprintf (stderr, "%s: not run: category %s is not safe (-s)\n", script,
                   nasl_script_category_name (nasl_script_meta_get (st, script)->category));
          return 0;
        }
    }
  s = nasl_run_file (st, script, 0);
  end_if_fork_child (main_pid);
  return s == NASL_OK ? 0 : 1;
}

int
main (int argc, char **argv)
{
  cli_opts o;
  memset (&o, 0, sizeof o);
  o.timeout = -1;
  o.targets = g_ptr_array_new_with_free_func (g_free);
  o.include_dirs = g_ptr_array_new ();
  o.kb_items = g_ptr_array_new ();
  o.modules = g_ptr_array_new ();
  o.prefs = g_ptr_array_new ();
  o.scanner_prefs = g_ptr_array_new ();
  int status = parse_args (argc, argv, &o);
  if (status < 0)
    {
      pid_t main_pid = getpid ();
      int failed = 0, fatal = 0;
      /* Every script runs even when an earlier one failed (as openvas-nasl
      ** does); a module or trace file that cannot be set up stops everything. */
      for (guint t = 0; t < o.targets->len && !fatal; t++)
        {
          nasl_state *st = make_state (&o, g_ptr_array_index (o.targets, t), &fatal);
          for (int i = 0; i < o.nscripts && !fatal; i++)
            {
              if (run_script (st, &o, o.scripts[i], main_pid) != 0)
                failed = 1;
              if (check_stdout (&o) != 0)
                fatal = 1; /* no point in running more: nothing can be seen */
            }
          nasl_state_free (st);
        }
      status = failed || fatal ? EXIT_FAILED : EXIT_SUCCESS;
    }
  /* -V, -h, --meta and the scripts' output: all of it must have been written */
  if (check_stdout (&o) != 0)
    status = EXIT_OUTPUT;
  g_ptr_array_free (o.targets, TRUE);
  g_ptr_array_free (o.include_dirs, TRUE);
  g_ptr_array_free (o.kb_items, TRUE);
  g_ptr_array_free (o.modules, TRUE);
  g_ptr_array_free (o.prefs, TRUE);
  g_ptr_array_free (o.scanner_prefs, TRUE);
  return status;
}

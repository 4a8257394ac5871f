/* main.c: nasl-audit, audit hosts' open ports against the .audit policy folder (CLI and workers). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "nasl.h"
#include "runner.h"

static const char usage_text[] =
  "Usage: nasl-audit [OPTION]... [TARGET]...\n"
  "Audit the open ports of each TARGET against every .audit file of the policy folder\n"
  "(AUDIT_ALLOWED_OPEN_PORTS, AUDIT_DENIED_OPEN_PORTS, AUDIT_PROCESS_ON_PORT).\n"
  "\n"
  "TARGET is [USER@]HOST[:PORT] (IPv6: [USER@][ADDR]:PORT).  Without a TARGET, this\n"
  "machine is audited locally.  'localhost' with no credentials also runs locally;\n"
  "every other target is reached over SSH.\n"
  "\n"
  "Policies:\n"
  "  -P, --policy-dir DIR     run every *.audit file in DIR (default: the shipped folder)\n"
  "  -f, --policy FILE        also run FILE (given to the plugin as its file preference)\n"
  "      --include-loopback   count listeners bound only to loopback as open\n"
  "      --os linux|windows   do not detect the target OS, use this one\n"
  "SSH:\n"
  "  -u, --user NAME          login name (default: the current user)\n"
  "  -i, --identity FILE      private key file\n"
  "  -p, --port N             SSH port (default 22)\n"
  "      --password-env VAR   take the password from environment variable VAR\n"
  "      --passphrase-env VAR take the key passphrase from environment variable VAR\n"
  "      --ask-password       prompt for the password on the terminal\n"
  "      --known-hosts FILE   refuse hosts whose key does not match FILE\n"
  "Output and execution:\n"
  "      --format text|json   report for people (default) or one JSON document\n"
  "  -j, --jobs N             audit N targets at once (default 1)\n"
  "      --timeout SECONDS    give up on a target after SECONDS (default 600)\n"
  "  -v, --verbose            show evidence, commands tried and diagnostics\n"
  "  -h, --help               this text\n"
  "  -V, --version            version\n"
  "\n"
  "Passwords are never taken from the command line.\n"
  "\n"
  "Exit status:\n"
  "  0  every result PASSED\n"
  "  1  at least one result FAILED\n"
  "  2  nothing FAILED, but something could not be audited (ERROR, WARNING,\n"
  "     unreachable target, missing data)\n"
  "  3  usage or runtime error\n";

typedef struct cli {
  runner_config cfg;
  GPtrArray *targets; /* runner_target* */
  int timeout;
  int ask_password;
} cli;

static void
target_free (gpointer p)
{
  runner_target *t = p;
  g_free (t->name);
  g_free (t->host);
  g_free (t->user);
  g_free (t);
}

static gboolean
is_loopback_name (const char *h)
{
  return strcmp (h, "localhost") == 0 || strcmp (h, "127.0.0.1") == 0 || strcmp (h, "::1") == 0
         || strcmp (h, "local") == 0;
}

/* [USER@]HOST[:PORT], [USER@][V6]:PORT; NULL with *err on a malformed spec. */
static runner_target *
parse_target (const char *spec, const cli *c, char **err)
{
  runner_target *t = g_new0 (runner_target, 1);
  const char *at = strrchr (spec, '@');
  const char *hostpart = at ? at + 1 : spec;
  const char *portpart = NULL;
  t->name = g_strdup (spec);
  t->user = at ? g_strndup (spec, (size_t) (at - spec)) : g_strdup (c->cfg.user);
  if (*hostpart == '[')
    {
      const char *close = strchr (hostpart, ']');
      if (!close)
        goto bad;
      t->host = g_strndup (hostpart + 1, (size_t) (close - hostpart - 1));
      if (close[1] == ':')
        portpart = close + 2;
      else if (close[1])
        goto bad;
    }
  else
    {
      const char *colon = strchr (hostpart, ':');
      if (colon && strchr (colon + 1, ':'))
        colon = NULL; /* a bare IPv6 address */
      t->host = colon ? g_strndup (hostpart, (size_t) (colon - hostpart)) : g_strdup (hostpart);
      portpart = colon ? colon + 1 : NULL;
    }
  t->port = c->cfg.port;
  if (portpart)
    {
      char *end;
      long p = strtol (portpart, &end, 10);
      if (*end || p < 1 || p > 65535)
        goto bad;
      t->port = (int) p;
    }
  if (!*t->host)
    goto bad;
  gboolean creds = at || c->cfg.private_key || c->cfg.password || portpart
                   || c->cfg.user != NULL;
  t->local = is_loopback_name (t->host) && !creds;
  if (strcmp (t->host, "local") == 0)
    {
      g_free (t->host);
      t->host = g_strdup ("localhost");
    }
  if (!t->user)
    t->user = g_strdup (g_get_user_name ());
  return t;
bad:
  *err = g_strdup_printf ("malformed target '%s' (expected [USER@]HOST[:PORT])", spec);
  target_free (t);
  return NULL;
}

static char *
read_env_secret (const char *var, char **err)
{
  const char *v = g_getenv (var);
  if (!v)
    {
      *err = g_strdup_printf ("environment variable %s is not set", var);
      return NULL;
    }
  return g_strdup (v);
}

/* Reads a line from the terminal with echo off. */
static char *
prompt_secret (const char *prompt)
{
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct termios old, quiet;
  gboolean restore = tcgetattr (fd, &old) == 0;
  if (restore)
    {
      quiet = old;
      quiet.c_lflag &= (tcflag_t) ~ECHO;
      tcsetattr (fd, TCSAFLUSH, &quiet);
    }
  if (write (fd, prompt, strlen (prompt)) < 0)
    {
      /* the prompt is a courtesy; reading still works */
    }
  GString *line = g_string_new (NULL);
  char ch;
  while (read (fd, &ch, 1) == 1 && ch != '\n' && line->len < 4096)
    g_string_append_c (line, ch);
  if (restore)
    tcsetattr (fd, TCSAFLUSH, &old);
  if (write (fd, "\n", 1) < 0)
    {
      /* ignored as above */
    }
  close (fd);
  return g_string_free (line, FALSE);
}

static void
burn_free (char *s)
{
  if (!s)
    return;
  volatile char *p = s;
  while (*p)
    *p++ = 0;
  g_free (s);
}

enum {
  OPT_PASSWORD_ENV = 256, OPT_PASSPHRASE_ENV, OPT_ASK_PASSWORD, OPT_KNOWN_HOSTS, OPT_FORMAT,
  OPT_INCLUDE_LOOPBACK, OPT_OS, OPT_TIMEOUT
};

static const struct option long_options[] = {
  { "policy-dir", required_argument, NULL, 'P' },
  { "policy", required_argument, NULL, 'f' },
  { "user", required_argument, NULL, 'u' },
  { "identity", required_argument, NULL, 'i' },
  { "port", required_argument, NULL, 'p' },
  { "password-env", required_argument, NULL, OPT_PASSWORD_ENV },
  { "passphrase-env", required_argument, NULL, OPT_PASSPHRASE_ENV },
  { "ask-password", no_argument, NULL, OPT_ASK_PASSWORD },
  { "known-hosts", required_argument, NULL, OPT_KNOWN_HOSTS },
  { "format", required_argument, NULL, OPT_FORMAT },
  { "include-loopback", no_argument, NULL, OPT_INCLUDE_LOOPBACK },
  { "os", required_argument, NULL, OPT_OS },
  { "jobs", required_argument, NULL, 'j' },
  { "timeout", required_argument, NULL, OPT_TIMEOUT },
  { "verbose", no_argument, NULL, 'v' },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { NULL, 0, NULL, 0 }
};

static int
parse_int_option (const char *arg, int lo, int hi, int *out)
{
  char *end;
  long v = strtol (arg, &end, 10);
  if (!*arg || *end || v < lo || v > hi)
    return -1;
  *out = (int) v;
  return 0;
}

/* Fills 'c' from argv; returns -1 (message printed) on a usage error, 1 after --help/--version. */
static int
parse_options (int argc, char **argv, cli *c)
{
  int opt;
  char *err = NULL;
  c->cfg.port = 22;
  c->cfg.jobs = 1;
  c->timeout = 600;
  while ((opt = getopt_long (argc, argv, "P:f:u:i:p:j:vhV", long_options, NULL)) != -1)
    {
      switch (opt)
        {
        case 'P': g_free (c->cfg.policy_dir); c->cfg.policy_dir = g_strdup (optarg); break;
        case 'f': g_free (c->cfg.policy_file); c->cfg.policy_file = g_strdup (optarg); break;
        case 'u': g_free (c->cfg.user); c->cfg.user = g_strdup (optarg); break;
        case 'i':
          {
            GError *gerr = NULL;
            burn_free (c->cfg.private_key);
            c->cfg.private_key = NULL;
            if (!g_file_get_contents (optarg, &c->cfg.private_key, NULL, &gerr))
              {
                fprintf (stderr, "nasl-audit: cannot read key file: %s\n", gerr->message);
                g_error_free (gerr);
                return -1;
              }
            break;
          }
        case 'p':
          if (parse_int_option (optarg, 1, 65535, &c->cfg.port) != 0)
            goto bad_value;
          break;
        case 'j':
          if (parse_int_option (optarg, 1, 256, &c->cfg.jobs) != 0)
            goto bad_value;
          break;
        case OPT_TIMEOUT:
          if (parse_int_option (optarg, 1, 86400, &c->timeout) != 0)
            goto bad_value;
          break;
        case OPT_PASSWORD_ENV:
          burn_free (c->cfg.password);
          if (!(c->cfg.password = read_env_secret (optarg, &err)))
            goto env_error;
          break;
        case OPT_PASSPHRASE_ENV:
          burn_free (c->cfg.passphrase);
          if (!(c->cfg.passphrase = read_env_secret (optarg, &err)))
            goto env_error;
          break;
        case OPT_ASK_PASSWORD: c->ask_password = 1; break;
        case OPT_KNOWN_HOSTS: g_free (c->cfg.known_hosts); c->cfg.known_hosts = g_strdup (optarg); break;
        case OPT_INCLUDE_LOOPBACK: c->cfg.include_loopback = 1; break;
        case OPT_OS:
          if (strcmp (optarg, "linux") != 0 && strcmp (optarg, "windows") != 0)
            goto bad_value;
          g_free (c->cfg.force_os);
          c->cfg.force_os = g_strdup (optarg);
          break;
        case OPT_FORMAT:
          if (strcmp (optarg, "text") == 0)
            c->cfg.format = FORMAT_TEXT;
          else if (strcmp (optarg, "json") == 0)
            c->cfg.format = FORMAT_JSON;
          else
            goto bad_value;
          break;
        case 'v': c->cfg.verbose = 1; break;
        case 'h': fputs (usage_text, stdout); return 1;
        case 'V': printf ("nasl-audit %s (libnasl %s)\n", PACKAGE_VERSION, nasl_version ()); return 1;
        default:
          fprintf (stderr, "Try 'nasl-audit --help'.\n");
          return -1;
        }
    }
  return 0;
bad_value:
  fprintf (stderr, "nasl-audit: invalid value '%s' for option %s\nTry 'nasl-audit --help'.\n",
           optarg, argv[optind - 1]);
  return -1;
env_error:
  fprintf (stderr, "nasl-audit: %s\n", err);
  g_free (err);
  return -1;
}

/* ---- workers: one process per target ----------------------------------- */

typedef struct worker {
  pid_t pid;
  int fd;
  size_t index;
  GByteArray *buf;
  time_t started;
} worker;

static void
start_worker (const cli *c, size_t index, worker *w)
{
  int fds[2];
  if (pipe (fds) != 0)
    {
      perror ("nasl-audit: pipe");
      exit (RUNNER_EXIT_USAGE);
    }
  fflush (NULL);
  pid_t pid = fork ();
  if (pid < 0)
    {
      perror ("nasl-audit: fork");
      exit (RUNNER_EXIT_USAGE);
    }
  if (pid == 0)
    {
      close (fds[0]);
      setpgid (0, 0); /* so a timeout can stop the commands it started too */
      target_result *tr = runner_audit_target (&c->cfg, g_ptr_array_index (c->targets, index));
      GBytes *bytes = target_result_serialize (tr);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      while (len > 0)
        {
          ssize_t n = write (fds[1], data, len);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            _exit (1);
          data += n;
          len -= (size_t) n;
        }
      _exit (0);
    }
  close (fds[1]);
  w->pid = pid;
  w->fd = fds[0];
  w->index = index;
  w->buf = g_byte_array_new ();
  w->started = time (NULL);
}

/* Turns a finished worker into its target's result (an error result when it died). */
static target_result *
finish_worker (const cli *c, worker *w, gboolean timed_out)
{
  int status = 0;
  const runner_target *t = g_ptr_array_index (c->targets, w->index);
  if (timed_out)
    {
      kill (-w->pid, SIGKILL);
      kill (w->pid, SIGKILL);
    }
  while (waitpid (w->pid, &status, 0) < 0 && errno == EINTR)
    ;
  close (w->fd);
  target_result *tr = NULL;
  if (!timed_out && WIFEXITED (status) && WEXITSTATUS (status) == 0)
    {
      GBytes *bytes = g_byte_array_free_to_bytes (w->buf);
      tr = target_result_deserialize (bytes);
      g_bytes_unref (bytes);
    }
  else
    g_byte_array_unref (w->buf);
  w->buf = NULL;
  if (!tr)
    {
      tr = target_result_new (t->name);
      if (timed_out)
        g_ptr_array_add (tr->errors, g_strdup_printf ("gave up after %d seconds", c->timeout));
      else if (WIFSIGNALED (status))
        g_ptr_array_add (tr->errors, g_strdup_printf ("the audit of this target crashed (signal %d)",
                                                      WTERMSIG (status)));
      else
        g_ptr_array_add (tr->errors, g_strdup ("the audit of this target returned no result"));
    }
  return tr;
}

static void
progress (size_t done, size_t total, const char *what)
{
  fprintf (stderr, "\r\033[K[%zu/%zu] %s", done, total, what);
  if (done == total)
    fputs ("\r\033[K", stderr);
  fflush (stderr);
}

static target_result **
audit_all (const cli *c)
{
  size_t n = c->targets->len, next = 0, done = 0;
  target_result **results = g_new0 (target_result *, n);
  worker *ws = g_new0 (worker, (size_t) c->cfg.jobs);
  size_t active = 0;
  gboolean show = isatty (STDERR_FILENO) && n > 1;
  while (done < n)
    {
      while (active < (size_t) c->cfg.jobs && next < n)
        start_worker (c, next++, &ws[active++]);
      struct pollfd pfd[256];
      for (size_t i = 0; i < active; i++)
        pfd[i] = (struct pollfd){ .fd = ws[i].fd, .events = POLLIN };
      int rc = poll (pfd, (nfds_t) active, 1000);
      if (rc < 0 && errno != EINTR)
        break;
      for (size_t i = 0; i < active; i++)
        {
          gboolean finished = FALSE, timed_out = FALSE;
          if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
            {
              guint8 chunk[65536];
              ssize_t got = read (ws[i].fd, chunk, sizeof chunk);
              if (got > 0)
                g_byte_array_append (ws[i].buf, chunk, (guint) got);
              else if (got == 0 || errno != EINTR)
                finished = TRUE;
            }
          if (!finished && time (NULL) - ws[i].started > c->timeout)
            finished = timed_out = TRUE;
          if (!finished)
            continue;
          results[ws[i].index] = finish_worker (c, &ws[i], timed_out);
          done++;
          if (show)
            progress (done, n, results[ws[i].index]->target);
          ws[i] = ws[--active];
          pfd[i] = pfd[active];
          i--;
        }
    }
  g_free (ws);
  return results;
}

static void
cli_clear (cli *c)
{
  g_free (c->cfg.policy_dir);
  g_free (c->cfg.policy_file);
  g_free (c->cfg.plugins_dir);
  g_free (c->cfg.module);
  g_free (c->cfg.user);
  burn_free (c->cfg.password);
  burn_free (c->cfg.private_key);
  burn_free (c->cfg.passphrase);
  g_free (c->cfg.known_hosts);
  g_free (c->cfg.force_os);
  if (c->targets)
    g_ptr_array_unref (c->targets);
}

int
main (int argc, char **argv)
{
  cli c = { 0 };
  int status = RUNNER_EXIT_USAGE;
  signal (SIGPIPE, SIG_IGN);
  int rc = parse_options (argc, argv, &c);
  if (rc != 0)
    {
      cli_clear (&c);
      return rc > 0 ? 0 : RUNNER_EXIT_USAGE;
    }
  if (c.ask_password && !c.cfg.password)
    c.cfg.password = prompt_secret ("SSH password: ");
  if (!c.cfg.policy_dir)
    c.cfg.policy_dir = paths_default_policy_dir ();
  c.cfg.plugins_dir = paths_default_plugins_dir ();
  c.cfg.module = paths_default_module ();
  if (c.cfg.policy_dir[0] && !g_file_test (c.cfg.policy_dir, G_FILE_TEST_IS_DIR))
    {
      fprintf (stderr, "nasl-audit: policy folder '%s' is not a directory\n", c.cfg.policy_dir);
      goto out;
    }
  if (c.cfg.policy_file && !g_file_test (c.cfg.policy_file, G_FILE_TEST_IS_REGULAR))
    {
      fprintf (stderr, "nasl-audit: policy file '%s' not found\n", c.cfg.policy_file);
      goto out;
    }
  c.targets = g_ptr_array_new_with_free_func (target_free);
  for (int i = optind; i < argc; i++)
    {
      char *err = NULL;
      runner_target *t = parse_target (argv[i], &c, &err);
      if (!t)
        {
          fprintf (stderr, "nasl-audit: %s\n", err);
          g_free (err);
          goto out;
        }
      g_ptr_array_add (c.targets, t);
    }
  if (c.targets->len == 0)
    {
      char *err = NULL;
      g_ptr_array_add (c.targets, parse_target ("localhost", &c, &err));
    }
  target_result **results = audit_all (&c);
  if (c.cfg.format == FORMAT_JSON)
    output_json (stdout, &c.cfg, results, c.targets->len);
  else
    output_text (stdout, &c.cfg, results, c.targets->len);
  status = runner_exit_status (results, c.targets->len);
  for (size_t i = 0; i < c.targets->len; i++)
    target_result_free (results[i]);
  g_free (results);
out:
  cli_clear (&c);
  return status;
}

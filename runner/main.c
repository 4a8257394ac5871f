/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c: nasl-audit, audit hosts' open ports against .audit policies (options, secrets, signals, the run). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include "nasl.h"
#include "runner.h"

static const char usage_text[] =
  "Usage: nasl-audit [OPTION]... [TARGET]...\n"
  "Audit the open ports of each TARGET against .audit policies\n"
  "(AUDIT_ALLOWED_OPEN_PORTS, AUDIT_DENIED_OPEN_PORTS, AUDIT_PROCESS_ON_PORT).\n"
  "\n"
  "TARGET is [USER@]HOST[:PORT] (IPv6: [USER@][ADDR]:PORT), an address block\n"
  "(10.0.0.0/24: network and broadcast addresses left out) or a range (10.0.0.1-20,\n"
  "10.0.0.1-10.0.0.20).  localhost, 127.0.0.1 and ::1 without USER@ or :PORT are\n"
  "this machine, audited locally without SSH; so is no TARGET at all.  Every other\n"
  "target is reached over SSH, except every target of --smb and\n"
  "smb://[DOMAIN;]USER@HOST[:PORT] (DOMAIN\\USER and USER@DOMAIN work too): a\n"
  "Windows host reached over SMB.\n"
  "\n"
  "Policies:\n"
  "  -P, --policy-dir DIR     run every *.audit file in DIR (default: the installed\n"
  "                           policy folder, unless -f is given)\n"
  "  -f, --policy FILE        run FILE (may be repeated); without -P, only the -f files run\n"
  "      --var NAME=VALUE     set the policy variable @NAME@ (may be repeated)\n"
  "      --include-loopback   count listeners bound only to loopback as open\n"
  "      --reachability       test from here whether each exposed listener answers\n"
  "      --reachable-only     ... and count only those that do (the filtered ones not)\n"
  "      --os linux|windows   do not detect the target OS, use this one\n"
  "Targets and SSH:\n"
  "      --targets-file FILE  read targets from FILE, one per line, # comments (- : stdin)\n"
  "  -u, --user NAME          login name (SSH default: the current user; SMB: the\n"
  "                           account of targets that name none)\n"
  "  -i, --identity FILE      private key file; without -i: ssh-agent's keys, then\n"
  "                           ~/.ssh/id_ed25519, id_ecdsa, id_rsa (or IdentityFile)\n"
  "  -p, --port N             SSH port (default 22)\n"
  "      --password-env VAR   take the password from environment variable VAR\n"
  "      --passphrase-env VAR take the key passphrase from environment variable VAR\n"
  "      --ask-password       prompt for the password(s) on the terminal (SSH, SMB)\n"
  "      --known-hosts FILE   known-hosts file (default ~/.ssh/known_hosts): a host it\n"
  "                           does not list, or lists with another key, is refused\n"
  "                           before any credential is sent\n"
  "      --accept-new         record the key of a host the known-hosts file does not\n"
  "                           list (trust on first use); a changed key is still refused\n"
  "      --ssh-config FILE    ssh_config to honour (Host, HostName, User, Port,\n"
  "                           IdentityFile ...; default ~/.ssh/config), none: no file\n"
  "      --sudo               run the listing with sudo -n (sudo without a password)\n"
  "      --sudo-password-env VAR  run the collection through sudo with the password in\n"
  "                           environment variable VAR (removed before anything runs)\n"
  "Windows over SMB (netstat and tasklist through a temporary service):\n"
  "      --smb                reach every target over SMB (HOST, USER@HOST,\n"
  "                           DOMAIN\\USER@HOST)\n"
  "      --smb-password-env VAR  take the SMB password from environment variable VAR\n"
  "                           (removed before anything runs; or --ask-password)\n"
  "      --smb-domain DOMAIN  the domain of SMB accounts that name none (default: the\n"
  "                           host's own accounts)\n"
  "      --smb-port N         SMB port (default 445)\n"
  "Reports and execution:\n"
  "      --format FORMAT      text (default), json, csv, junit, nessus or html\n"
  "  -o, --output FILE        write the report to FILE instead of standard output\n"
  "      --state-dir DIR      remember each target's listeners and verdicts in DIR and\n"
  "                           report what changed since the last run\n"
  "  -j, --jobs N             audit N targets at once (default 1, at most 256)\n"
  "      --timeout SECONDS    give up on a target after SECONDS (default 600)\n"
  "  -v, --verbose            show evidence, commands tried and diagnostics\n"
  "  -h, --help               this text\n"
  "  -V, --version            version, copyright and licence\n"
  "\n"
  "Passwords are never taken from the command line.\n"
  "\n"
  "Exit status:\n"
  "  0  every result PASSED\n"
  "  1  at least one result FAILED\n"
  "  2  nothing FAILED, but something could not be audited or nothing was evaluated\n"
  "     (ERROR or WARNING results, a target not audited, a policy not run)\n"
  "  3  usage or runtime error (bad option, missing plugins or module, write error)\n";

static const char version_text[] =
  "nasl-audit " PACKAGE_VERSION " (libnasl %s)\n"
  "Copyright (C) 2026 the nasl-audit authors.\n"
  "License GPLv2+: GNU GPL version 2 or later <https://gnu.org/licenses/gpl.html>.\n"
  "This is free software: you are free to change and redistribute it.\n"
  "There is NO WARRANTY, to the extent permitted by law.\n";

typedef struct cli {
  runner_config cfg;
  GPtrArray *targets;       /* runner_target* */
  GPtrArray *target_specs;  /* char*: TARGET arguments */
  GPtrArray *target_files;  /* char*: --targets-file */
  char *output;             /* -o */
  int ask_password;
  int policy_dir_given;
  int ssh_only_option;      /* the first SSH-only option given (getopt value), 0: none */
  int smb_only_option;      /* the first SMB-only option given (getopt value), 0: none */
} cli;

/* ---- secrets ------------------------------------------------------------- */

static void
burn_free (char *s)
{
  if (!s)
    return;
  explicit_bzero (s, strlen (s));
  g_free (s);
}

/* Takes a secret from the environment and removes it there, including the
** bytes /proc/PID/environ shows, so no command started later inherits it. */
static char *
take_env_secret (const char *var, char **err)
{
  const char *v = g_getenv (var);
  if (!v)
    {
      *err = g_strdup_printf ("environment variable %s is not set", var);
      return NULL;
    }
  char *secret = g_strdup (v);
  size_t n = strlen (var);
  GPtrArray *entries = g_ptr_array_new ();
  for (char **e = environ; *e; e++)
    if (strncmp (*e, var, n) == 0 && (*e)[n] == '=')
      g_ptr_array_add (entries, *e);
  g_unsetenv (var);
  for (guint i = 0; i < entries->len; i++)
    {
      char *entry = g_ptr_array_index (entries, i);
      explicit_bzero (entry, strlen (entry));
    }
  g_ptr_array_free (entries, TRUE);
  return secret;
}

/* Reads a line from the terminal with echo off; the terminal is restored
** whatever happens, a signal included (*signo set, NULL returned). */
static char *
prompt_secret (const char *prompt, const char *instead, int sigfd, int *signo, char **err)
{
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    {
      *err = g_strdup_printf ("--ask-password needs a terminal, and none is attached "
                              "(use %s VAR)", instead);
      return NULL;
    }
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
  GString *line = g_string_sized_new (4097); /* never reallocated: no stray copies */
  gboolean done = FALSE;
  *signo = 0;
  while (!done && !*signo)
    {
      struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = sigfd, .events = POLLIN } };
      if (poll (p, 2, -1) < 0 && errno != EINTR)
        break;
      if (p[1].revents & POLLIN)
        {
          struct signalfd_siginfo si;
          if (read (sigfd, &si, sizeof si) == (ssize_t) sizeof si)
            *signo = (int) si.ssi_signo;
          continue;
        }
      char ch;
      ssize_t got = p[0].revents ? read (fd, &ch, 1) : 0;
      if (got == 1 && ch != '\n' && line->len < 4096)
        g_string_append_c (line, ch);
      else if (got == 1 && ch != '\n')
        continue;
      else if (got == 1 || got == 0 || errno != EINTR)
        done = TRUE;
    }
  if (restore)
    tcsetattr (fd, TCSAFLUSH, &old);
  if (write (fd, "\n", 1) < 0)
    {
      /* ignored as above */
    }
  close (fd);
  if (*signo)
    {
      explicit_bzero (line->str, line->len);
      g_string_free (line, TRUE);
      return NULL;
    }
  return g_string_free (line, FALSE);
}

/* ---- options --------------------------------------------------------------- */

enum {
  OPT_PASSWORD_ENV = 256, OPT_PASSPHRASE_ENV, OPT_ASK_PASSWORD, OPT_FORMAT,
  OPT_INCLUDE_LOOPBACK, OPT_REACHABILITY, OPT_REACHABLE_ONLY, OPT_OS, OPT_TIMEOUT, OPT_TARGETS_FILE, OPT_VAR, OPT_STATE_DIR,
  OPT_SMB, OPT_SMB_PASSWORD_ENV, OPT_SMB_DOMAIN, OPT_SMB_PORT
};

static const struct option long_options[] = {
  { "policy-dir", required_argument, NULL, 'P' },
  { "policy", required_argument, NULL, 'f' },
  { "var", required_argument, NULL, OPT_VAR },
  { "user", required_argument, NULL, 'u' },
  { "identity", required_argument, NULL, 'i' },
  { "port", required_argument, NULL, 'p' },
  { "password-env", required_argument, NULL, OPT_PASSWORD_ENV },
  { "passphrase-env", required_argument, NULL, OPT_PASSPHRASE_ENV },
  { "ask-password", no_argument, NULL, OPT_ASK_PASSWORD },
  { "known-hosts", required_argument, NULL, SSH_OPT_KNOWN_HOSTS },
  { "accept-new", no_argument, NULL, SSH_OPT_ACCEPT_NEW },
  { "ssh-config", required_argument, NULL, SSH_OPT_SSH_CONFIG },
  { "sudo", no_argument, NULL, SSH_OPT_SUDO },
  { "sudo-password-env", required_argument, NULL, SSH_OPT_SUDO_PASSWORD_ENV },
  { "smb", no_argument, NULL, OPT_SMB },
  { "smb-password-env", required_argument, NULL, OPT_SMB_PASSWORD_ENV },
  { "smb-domain", required_argument, NULL, OPT_SMB_DOMAIN },
  { "smb-port", required_argument, NULL, OPT_SMB_PORT },
  { "targets-file", required_argument, NULL, OPT_TARGETS_FILE },
  { "format", required_argument, NULL, OPT_FORMAT },
  { "output", required_argument, NULL, 'o' },
  { "state-dir", required_argument, NULL, OPT_STATE_DIR },
  { "include-loopback", no_argument, NULL, OPT_INCLUDE_LOOPBACK },
  { "reachability", no_argument, NULL, OPT_REACHABILITY },
  { "reachable-only", no_argument, NULL, OPT_REACHABLE_ONLY },
  { "os", required_argument, NULL, OPT_OS },
  { "jobs", required_argument, NULL, 'j' },
  { "timeout", required_argument, NULL, OPT_TIMEOUT },
  { "verbose", no_argument, NULL, 'v' },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { NULL, 0, NULL, 0 }
};

/* "--jobs" for 'j' or OPT_xxx, into buf. */
static const char *
option_name (int opt, char *buf, size_t size)
{
  for (const struct option *o = long_options; o->name; o++)
    if (o->val == opt)
      {
        g_snprintf (buf, size, "--%s", o->name);
        return buf;
      }
  g_snprintf (buf, size, "-%c", opt);
  return buf;
}

static int
parse_int_option (const char *arg, int lo, int hi, int *out)
{
  char *end;
  errno = 0;
  long v = strtol (arg, &end, 10);
  if (!*arg || *end || errno || v < lo || v > hi)
    return -1;
  *out = (int) v;
  return 0;
}

static gboolean
valid_var (const char *nv)
{
  const char *eq = strchr (nv, '=');
  if (!eq || eq == nv)
    return FALSE;
  for (const char *c = nv; c < eq; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

static const struct {
  const char *name;
  output_format format;
} formats[] = {
  { "text", FORMAT_TEXT }, { "json", FORMAT_JSON }, { "csv", FORMAT_CSV },
  { "junit", FORMAT_JUNIT }, { "nessus", FORMAT_NESSUS }, { "html", FORMAT_HTML },
};

static void
usage_error (const char *fmt, const char *a, const char *b)
{
  fputs ("nasl-audit: ", stderr);
  fprintf (stderr, fmt, a, b);
  fputs ("\nTry 'nasl-audit --help'.\n", stderr);
}

/* Options that only SSH targets use (--smb leaves none). */
static gboolean
is_ssh_only_option (int opt)
{
  switch (opt)
    {
    case 'i': case 'p': case OPT_PASSWORD_ENV: case OPT_PASSPHRASE_ENV:
    case SSH_OPT_KNOWN_HOSTS: case SSH_OPT_ACCEPT_NEW: case SSH_OPT_SSH_CONFIG: case SSH_OPT_SUDO:
    case SSH_OPT_SUDO_PASSWORD_ENV:
      return TRUE;
    default:
      return FALSE;
    }
}

/* --smb with an option only SSH uses: a usage error naming it (the
** operator meant something else). */
static gboolean
check_smb_conflict (const cli *c)
{
  char name[64];

  if (!c->cfg.smb || !c->ssh_only_option)
    return TRUE;
  option_name (c->ssh_only_option, name, sizeof name);
  if (c->ssh_only_option == 'i' || c->ssh_only_option == OPT_PASSWORD_ENV
      || c->ssh_only_option == OPT_PASSPHRASE_ENV)
    usage_error ("option %s is for SSH targets, and --smb reaches every target over SMB, "
                 "which logs in with a password (--smb-password-env VAR or --ask-password)%s",
                 name, "");
  else if (c->ssh_only_option == 'p')
    usage_error ("option %s is the SSH port, and --smb reaches every target over SMB "
                 "(its port: --smb-port N or HOST:PORT)%s", name, "");
  else
    usage_error ("option %s is for SSH targets, and --smb reaches every target over SMB%s",
                 name, "");
  return FALSE;
}

/* Fills 'c' from argv; returns -1 (message printed) on a usage error, 1 after --help/--version. */
static int
parse_options (int argc, char **argv, cli *c)
{
  int opt;
  char *err = NULL, name[64];
  const char *why = NULL;
  c->cfg.port = 22;
  c->cfg.smb_port = 445;
  c->cfg.jobs = 1;
  c->cfg.timeout = 600;
  c->cfg.policy_files = g_ptr_array_new_with_free_func (g_free);
  c->cfg.vars = g_ptr_array_new_with_free_func (g_free);
  c->target_specs = g_ptr_array_new ();
  c->target_files = g_ptr_array_new ();
  opterr = 0;
  while ((opt = getopt_long (argc, argv, ":P:f:u:i:p:j:o:vhV", long_options, NULL)) != -1)
    {
      if (is_ssh_only_option (opt) && !c->ssh_only_option)
        c->ssh_only_option = opt;
      if ((opt == OPT_SMB_PASSWORD_ENV || opt == OPT_SMB_DOMAIN || opt == OPT_SMB_PORT)
          && !c->smb_only_option)
        c->smb_only_option = opt;
      switch (opt)
        {
        case 'P':
          g_free (c->cfg.policy_dir);
          c->cfg.policy_dir = *optarg ? g_strdup (optarg) : NULL;
          c->policy_dir_given = 1;
          break;
        case 'f': g_ptr_array_add (c->cfg.policy_files, g_strdup (optarg)); break;
        case OPT_VAR:
          if (!valid_var (optarg))
            {
              why = "expected NAME=VALUE, NAME of letters, digits and _";
              goto bad_value;
            }
          g_ptr_array_add (c->cfg.vars, g_strdup (optarg));
          break;
        case 'u': g_free (c->cfg.user); c->cfg.user = g_strdup (optarg); break;
        case 'i':
          {
            GError *gerr = NULL;
            burn_free (c->cfg.private_key);
            c->cfg.private_key = NULL;
            if (!g_file_get_contents (optarg, &c->cfg.private_key, NULL, &gerr))
              {
                fprintf (stderr, "nasl-audit: cannot read the key file for --identity: %s\n",
                         gerr->message);
                g_error_free (gerr);
                return -1;
              }
            break;
          }
        case 'p':
          if (parse_int_option (optarg, 1, 65535, &c->cfg.port) != 0)
            {
              why = "a port number from 1 to 65535";
              goto bad_value;
            }
          c->cfg.port_given = 1;
          break;
        case 'j':
          if (parse_int_option (optarg, 1, 256, &c->cfg.jobs) != 0)
            {
              why = "a number from 1 to 256";
              goto bad_value;
            }
          break;
        case OPT_TIMEOUT:
          if (parse_int_option (optarg, 1, 86400, &c->cfg.timeout) != 0)
            {
              why = "seconds, from 1 to 86400";
              goto bad_value;
            }
          break;
        case OPT_PASSWORD_ENV:
          burn_free (c->cfg.password);
          if (!(c->cfg.password = take_env_secret (optarg, &err)))
            goto env_error;
          break;
        case OPT_PASSPHRASE_ENV:
          burn_free (c->cfg.passphrase);
          if (!(c->cfg.passphrase = take_env_secret (optarg, &err)))
            goto env_error;
          break;
        case OPT_ASK_PASSWORD: c->ask_password = 1; break;
        case OPT_SMB: c->cfg.smb = 1; break;
        case OPT_SMB_PASSWORD_ENV:
          burn_free (c->cfg.smb_password);
          if (!(c->cfg.smb_password = take_env_secret (optarg, &err)))
            goto env_error;
          break;
        case OPT_SMB_DOMAIN:
          if (!*optarg || strpbrk (optarg, "\\/;:@\"") || !g_utf8_validate (optarg, -1, NULL))
            {
              why = "a domain name without \\ / ; : @ or \"";
              goto bad_value;
            }
          g_free (c->cfg.smb_domain);
          c->cfg.smb_domain = g_strdup (optarg);
          break;
        case OPT_SMB_PORT:
          if (parse_int_option (optarg, 1, 65535, &c->cfg.smb_port) != 0)
            {
              why = "a port number from 1 to 65535";
              goto bad_value;
            }
          break;
        case SSH_OPT_KNOWN_HOSTS:
        case SSH_OPT_ACCEPT_NEW:
        case SSH_OPT_SSH_CONFIG:
        case SSH_OPT_SUDO:
          if (ssh_opts_option (&c->cfg.ssh, opt, optarg, &err) != 0)
            goto option_error;
          break;
        case SSH_OPT_SUDO_PASSWORD_ENV:
          ssh_opts_clear_sudo_password (&c->cfg.ssh);
          if (!(c->cfg.ssh.sudo_password = take_env_secret (optarg, &err)))
            goto env_error;
          break;
        case OPT_TARGETS_FILE: g_ptr_array_add (c->target_files, optarg); break;
        case OPT_STATE_DIR: g_free (c->cfg.state_dir); c->cfg.state_dir = g_strdup (optarg); break;
        case OPT_INCLUDE_LOOPBACK: c->cfg.include_loopback = 1; break;
        case OPT_REACHABILITY: c->cfg.reachability = 1; break;
        case OPT_REACHABLE_ONLY: c->cfg.reachability = c->cfg.reachable_only = 1; break;
        case OPT_OS:
          if (strcmp (optarg, "linux") != 0 && strcmp (optarg, "windows") != 0)
            {
              why = "linux or windows";
              goto bad_value;
            }
          g_free (c->cfg.force_os);
          c->cfg.force_os = g_strdup (optarg);
          break;
        case OPT_FORMAT:
          {
            size_t k;
            for (k = 0; k < G_N_ELEMENTS (formats); k++)
              if (strcmp (optarg, formats[k].name) == 0)
                break;
            if (k == G_N_ELEMENTS (formats))
              {
                why = "text, json, csv, junit, nessus or html";
                goto bad_value;
              }
            c->cfg.format = formats[k].format;
            break;
          }
        case 'o': g_free (c->output); c->output = g_strdup (optarg); break;
        case 'v': c->cfg.verbose = 1; break;
        case 'h': fputs (usage_text, stdout); return 1;
        case 'V': printf (version_text, nasl_version ()); return 1;
        case ':':
          usage_error ("option %s needs a value%s",
                       optopt ? option_name (optopt, name, sizeof name) : argv[optind - 1], "");
          return -1;
        default:
          usage_error ("unknown option '%s'%s", argv[optind - 1], "");
          return -1;
        }
    }
  for (int i = optind; i < argc; i++)
    g_ptr_array_add (c->target_specs, argv[i]);
  if (!check_smb_conflict (c))
    return -1;
  if (!ssh_opts_finish (&c->cfg.ssh, c->cfg.private_key != NULL, &err))
    goto option_error;
  return 0;
option_error:
  usage_error ("%s%s", err, "");
  g_free (err);
  return -1;
bad_value:
  fprintf (stderr, "nasl-audit: invalid value '%s' for option %s (expected %s)\n"
                   "Try 'nasl-audit --help'.\n",
           optarg, option_name (opt, name, sizeof name), why);
  return -1;
env_error:
  fprintf (stderr, "nasl-audit: %s (option %s)\n", err, option_name (opt, name, sizeof name));
  g_free (err);
  return -1;
}

/* ---- the run ------------------------------------------------------------------ */

static void
cli_clear (cli *c)
{
  g_free (c->cfg.policy_dir);
  if (c->cfg.policy_files)
    g_ptr_array_unref (c->cfg.policy_files);
  if (c->cfg.policies)
    g_ptr_array_unref (c->cfg.policies);
  if (c->cfg.policy_problems)
    g_ptr_array_unref (c->cfg.policy_problems);
  g_free (c->cfg.plugins_dir);
  g_free (c->cfg.module);
  g_free (c->cfg.user);
  burn_free (c->cfg.password);
  burn_free (c->cfg.private_key);
  burn_free (c->cfg.passphrase);
  burn_free (c->cfg.smb_password);
  g_free (c->cfg.smb_domain);
  ssh_opts_clear (&c->cfg.ssh);
  g_free (c->cfg.force_os);
  g_free (c->cfg.state_dir);
  if (c->cfg.vars)
    g_ptr_array_unref (c->cfg.vars);
  if (c->targets)
    g_ptr_array_unref (c->targets);
  if (c->target_specs)
    g_ptr_array_unref (c->target_specs);
  if (c->target_files)
    g_ptr_array_unref (c->target_files);
  g_free (c->output);
}

/* The plugins and module must be there: otherwise nothing could be audited (exit 3). */
static gboolean
check_installation (const runner_config *cfg)
{
  const char *plugins[] = { "nasl_audit_gather.nasl", "nasl_audit_ports.nasl" };
  for (size_t i = 0; i < G_N_ELEMENTS (plugins); i++)
    {
      char *p = g_build_filename (cfg->plugins_dir, plugins[i], NULL);
      gboolean ok = g_file_test (p, G_FILE_TEST_IS_REGULAR);
      if (!ok)
        fprintf (stderr, "nasl-audit: plugin %s not found (set NASL_AUDIT_PLUGINS_DIR, or reinstall)\n", p);
      g_free (p);
      if (!ok)
        return FALSE;
    }
  if (!g_file_test (cfg->module, G_FILE_TEST_IS_REGULAR))
    {
      fprintf (stderr, "nasl-audit: audit module %s not found (set NASL_AUDIT_MODULE, or reinstall)\n",
               cfg->module);
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_targets (cli *c)
{
  char *err = NULL;
  c->targets = g_ptr_array_new_with_free_func (runner_target_free);
  for (guint i = 0; i < c->target_specs->len; i++)
    if (!targets_add_spec (c->targets, g_ptr_array_index (c->target_specs, i), &c->cfg, &err))
      goto bad;
  for (guint i = 0; i < c->target_files->len; i++)
    if (!targets_add_file (c->targets, g_ptr_array_index (c->target_files, i), &c->cfg, &err))
      goto bad;
  if (c->targets->len == 0 && c->target_files->len == 0)
    targets_add_spec (c->targets, "localhost", &c->cfg, &err);
  if (c->targets->len == 0)
    {
      fprintf (stderr, "nasl-audit: the targets files name no target\n");
      return FALSE;
    }
  return TRUE;
bad:
  fprintf (stderr, "nasl-audit: %s\n", err);
  g_free (err);
  return FALSE;
}

/* One password from the terminal into *slot; FALSE (said, or *signo set)
** when there is none. */
static gboolean
ask_secret (const char *prompt, const char *instead, char **slot, int sigfd, int *signo)
{
  char *err = NULL;

  *slot = prompt_secret (prompt, instead, sigfd, signo, &err);
  if (*slot || *signo)
    return *slot != NULL;
  fprintf (stderr, "nasl-audit: %s\n", err);
  g_free (err);
  return FALSE;
}

/* The passwords the targets need.  --ask-password prompts for the SSH
** password unless every target is reached over SMB (with no target but this
** machine too, as it always did), and for the SMB password when a target is
** reached over SMB; an SMB target without a password is a usage error. */
static gboolean
obtain_passwords (cli *c, int sigfd, int *signo)
{
  gboolean ssh = FALSE, smb = FALSE;

  *signo = 0;
  for (guint i = 0; i < c->targets->len; i++)
    {
      const runner_target *t = g_ptr_array_index (c->targets, i);
      ssh = ssh || t->transport == TRANSPORT_SSH;
      smb = smb || t->transport == TRANSPORT_SMB;
    }
  if (!smb && c->smb_only_option)
    {
      /* An SMB option with no SMB target: the operator meant --smb or an
      ** smb:// target, and would otherwise get an SSH or local audit. */
      char name[64];
      option_name (c->smb_only_option, name, sizeof name);
      usage_error ("option %s is for SMB targets, and no target is reached over SMB "
                   "(give --smb, or targets as smb://USER@HOST)%s", name, "");
      return FALSE;
    }
  if (c->ask_password && !c->cfg.password && (ssh || !smb)
      && !ask_secret ("SSH password: ", "--password-env", &c->cfg.password, sigfd, signo))
    return FALSE;
  if (!smb || (c->cfg.smb_password && *c->cfg.smb_password))
    return TRUE;
  if (c->cfg.smb_password)
    fputs ("nasl-audit: the SMB password (--smb-password-env) is empty\n", stderr);
  else if (!c->ask_password)
    fputs ("nasl-audit: SMB targets need a password: give --smb-password-env VAR or "
           "--ask-password\nTry 'nasl-audit --help'.\n", stderr);
  else if (ask_secret ("SMB password: ", "--smb-password-env", &c->cfg.smb_password, sigfd, signo))
    {
      if (*c->cfg.smb_password)
        return TRUE;
      fputs ("nasl-audit: the SMB password is empty\n", stderr);
    }
  return FALSE;
}

/* Ends the process as the signal would have, after cleaning up. */
static void
die_of_signal (int signo)
{
  sigset_t set;
  signal (signo, SIG_DFL);
  sigemptyset (&set);
  sigaddset (&set, signo);
  sigprocmask (SIG_UNBLOCK, &set, NULL);
  raise (signo);
  _exit (128 + signo);
}

int
main (int argc, char **argv)
{
  cli c = { 0 };
  int status = RUNNER_EXIT_USAGE, signo = 0;
  FILE *out = stdout;

  /* Nothing of this process (secrets included) ends in a core file or is
  ** readable through /proc by others; the workers inherit this. */
  struct rlimit no_core = { 0, 0 };
  setrlimit (RLIMIT_CORE, &no_core);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  signal (SIGPIPE, SIG_IGN);

  int rc = parse_options (argc, argv, &c);
  if (rc != 0)
    {
      cli_clear (&c);
      return rc > 0 ? (fflush (stdout) == 0 && !ferror (stdout) ? 0 : RUNNER_EXIT_USAGE)
                    : RUNNER_EXIT_USAGE;
    }

  /* Ctrl-C, SIGTERM and SIGHUP are read from a descriptor: the runner then
  ** stops the workers, removes its private files and restores the terminal. */
  sigset_t stop;
  sigemptyset (&stop);
  sigaddset (&stop, SIGINT);
  sigaddset (&stop, SIGTERM);
  sigaddset (&stop, SIGHUP);
  sigprocmask (SIG_BLOCK, &stop, NULL);
  int sigfd = signalfd (-1, &stop, SFD_CLOEXEC);

  if (!c.policy_dir_given && c.cfg.policy_files->len == 0)
    c.cfg.policy_dir = paths_default_policy_dir ();
  c.cfg.plugins_dir = paths_default_plugins_dir ();
  c.cfg.module = paths_default_module ();
  if (!check_installation (&c.cfg) || !collect_targets (&c))
    goto out;
  if (!obtain_passwords (&c, sigfd, &signo))
    {
      if (signo)
        {
          cli_clear (&c);
          die_of_signal (signo);
        }
      goto out;
    }
  char *err = NULL;
  if (!policies_prepare (&c.cfg, &err))
    {
      fprintf (stderr, "nasl-audit: %s\n", err);
      g_free (err);
      goto out;
    }
  if (c.output && !(out = fopen (c.output, "w")))
    {
      fprintf (stderr, "nasl-audit: cannot write %s: %s\n", c.output, g_strerror (errno));
      out = stdout;
      goto out;
    }

  run_info run = { g_get_real_time (), 0, 0 };
  gint64 mono = g_get_monotonic_time ();
  target_result **results = pool_run (&c.cfg, c.targets, sigfd, &signo);
  if (!results)
    {
      policies_cleanup (&c.cfg);
      if (c.output)
        unlink (c.output);
      fprintf (stderr, "nasl-audit: interrupted (%s); the workers were stopped, no report written\n",
               sigabbrev_np (signo) ? sigabbrev_np (signo) : "signal");
      cli_clear (&c);
      die_of_signal (signo);
    }
  run.ended = g_get_real_time ();
  run.duration = (double) (g_get_monotonic_time () - mono) / 1e6;
  policies_cleanup (&c.cfg);
  for (size_t i = 0; i < c.targets->len; i++)
    state_apply (&c.cfg, results[i]);

  status = runner_exit_status (&c.cfg, results, c.targets->len);
  if (output_report (out, &c.cfg, &run, results, c.targets->len) != 0
      || (out != stdout && fclose (out) != 0))
    {
      fprintf (stderr, "nasl-audit: cannot write the report%s%s: %s\n", c.output ? " to " : "",
               c.output ? c.output : "", g_strerror (errno));
      status = RUNNER_EXIT_USAGE;
    }
  out = stdout;
  for (size_t i = 0; i < c.targets->len; i++)
    target_result_free (results[i]);
  g_free (results);
out:
  policies_cleanup (&c.cfg);
  if (out != stdout)
    fclose (out);
  cli_clear (&c);
  if (sigfd >= 0)
    close (sigfd);
  /* a write error on stdout shows only when it is flushed */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      if (status != RUNNER_EXIT_USAGE)
        fprintf (stderr, "nasl-audit: cannot write the report: %s\n", g_strerror (errno));
      status = RUNNER_EXIT_USAGE;
    }
  return status;
}

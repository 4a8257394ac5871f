/* SPDX-License-Identifier: GPL-2.0-or-later */
/* worker.c: audits one target in a worker process: the plugins run in a fresh NASL state and stream their records to the runner. */
#include "config.h"

#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nasl.h"
#include "record.h"
#include "probe.h"
#include "runner.h"

#define GATHER_PLUGIN "nasl_audit_gather.nasl"
#define CHECKS_PLUGIN "nasl_audit_ports.nasl"
#define DIAG_MAX 1000

typedef struct worker_ctx {
  int fd;
  int diags;
} worker_ctx;

static void
send_diag (void *ud, const char *text)
{
  worker_ctx *w = ud;
  if (w->diags++ < DIAG_MAX)
    frame_write_text (w->fd, FRAME_DIAG, text);
}

static void
ignore_output (void *ud, const char *bytes, size_t len)
{
  (void) ud;
  (void) bytes;
  (void) len;
}

static void
ignore_report (void *ud, const nasl_report *r)
{
  (void) ud;
  (void) r;
}

static void
send_abort (int fd, const char *code, const char *reason)
{
  frame_write (fd, FRAME_ABORT, g_variant_new ("(^ay^ay)", code, reason));
}

/* A reverse lookup, given at most REVERSE_WAIT_US: an unreachable DNS server
** must not cost each target seconds (the thread is left behind; the worker
** ends soon). */
#define REVERSE_WAIT_US (2 * G_USEC_PER_SEC)

typedef struct reverse_lookup {
  GMutex lock;
  GCond done_cond;
  gboolean done, abandoned;
  struct sockaddr_storage addr;
  socklen_t len;
  char name[NI_MAXHOST];
} reverse_lookup;

static gpointer
reverse_thread (gpointer p)
{
  reverse_lookup *rl = p;
  char name[NI_MAXHOST];
  int rc = getnameinfo ((struct sockaddr *) &rl->addr, rl->len, name, sizeof name, NULL, 0,
                        NI_NAMEREQD);
  g_mutex_lock (&rl->lock);
  if (rc == 0)
    g_strlcpy (rl->name, name, sizeof rl->name);
  rl->done = TRUE;
  g_cond_signal (&rl->done_cond);
  gboolean abandoned = rl->abandoned;
  g_mutex_unlock (&rl->lock);
  if (abandoned)
    g_free (rl);
  return NULL;
}

static char *
reverse_name (const struct sockaddr *addr, socklen_t len)
{
  reverse_lookup *rl = g_new0 (reverse_lookup, 1);
  g_mutex_init (&rl->lock);
  g_cond_init (&rl->done_cond);
  memcpy (&rl->addr, addr, MIN ((size_t) len, sizeof rl->addr));
  rl->len = len;
  GThread *t = g_thread_try_new ("reverse-dns", reverse_thread, rl, NULL);
  if (!t)
    {
      g_free (rl);
      return g_strdup ("");
    }
  gint64 until = g_get_monotonic_time () + REVERSE_WAIT_US;
  g_mutex_lock (&rl->lock);
  while (!rl->done)
    if (!g_cond_wait_until (&rl->done_cond, &rl->lock, until))
      break;
  char *name = g_strdup (rl->done ? rl->name : "");
  gboolean finished = rl->done;
  rl->abandoned = !finished;
  g_mutex_unlock (&rl->lock);
  if (finished)
    {
      g_thread_join (t);
      g_free (rl);
    }
  else
    g_thread_unref (t);
  return name;
}

/* The address the plugins see as the target (get_host_ip()) and a host name:
** the canonical name of a name, the reverse-resolved name of an address. */
static char *
resolve_host (const char *host, char **name, char **err)
{
  struct addrinfo hints = { 0 }, *res = NULL;
  char buf[NI_MAXHOST];
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_CANONNAME;
  int rc = getaddrinfo (host, NULL, &hints, &res);
  if (rc != 0)
    {
      *err = g_strdup_printf ("cannot resolve '%s': %s", host, gai_strerror (rc));
      return NULL;
    }
  rc = getnameinfo (res->ai_addr, res->ai_addrlen, buf, sizeof buf, NULL, 0, NI_NUMERICHOST);
  if (rc != 0)
    {
      *err = g_strdup_printf ("cannot resolve '%s': %s", host, gai_strerror (rc));
      freeaddrinfo (res);
      return NULL;
    }
  if (strcmp (buf, host) != 0)
    *name = g_strdup (res->ai_canonname ? res->ai_canonname : host);
  else
    *name = reverse_name (res->ai_addr, res->ai_addrlen);
  freeaddrinfo (res);
  return g_strdup (buf);
}

static void
kb_secret (nasl_kb *kb, const char *name, const char *value)
{
  if (value && *value)
    nasl_kb_set_str (kb, name, value, strlen (value));
}

static void
kb_text (nasl_kb *kb, const char *name, const char *value)
{
  nasl_kb_set_str (kb, name, value, strlen (value));
}

/* Overwrites a secret this process holds a copy of. */
static void
burn (char *s)
{
  if (s)
    explicit_bzero (s, strlen (s));
}

/* The SMB credential as OpenVAS's SMB login plugin leaves it (SMB/login,
** SMB/password, SMB/domain, SMB/transport: the port), and the port
** win_cmd_exec uses (nasl-audit/smb_port). */
static void
prepare_smb (nasl_kb *kb, const runner_config *cfg, const runner_target *t)
{
  kb_secret (kb, "SMB/login", t->user);
  kb_secret (kb, "SMB/password", cfg->smb_password);
  if (t->domain)
    kb_secret (kb, "SMB/domain", t->domain);
  nasl_kb_set_int (kb, "SMB/transport", t->port);
  nasl_kb_set_int (kb, "nasl-audit/smb_port", t->port);
}

/* Prepares the KB and preferences the plugins read for this target. */
static int
prepare_state (nasl_state *st, const runner_config *cfg, const runner_target *t, char **err)
{
  nasl_kb *kb = nasl_state_kb (st);
  kb_text (kb, "nasl-audit/transport", runner_transport_name (t->transport));
  kb_text (kb, "nasl-audit/policy_dir", cfg->staging_dir);
  if (cfg->force_os)
    kb_text (kb, "nasl-audit/os/forced", cfg->force_os);
  for (guint i = 0; cfg->vars && i < cfg->vars->len; i++)
    {
      const char *nv = g_ptr_array_index (cfg->vars, i);
      const char *eq = strchr (nv, '=');
      char *name = g_strdup_printf ("nasl-audit/var/%.*s", (int) (eq - nv), nv);
      kb_text (kb, name, eq + 1);
      g_free (name);
    }
  if (t->transport == TRANSPORT_SSH)
    {
      nasl_kb_set_int (kb, "nasl-audit/ssh/port", t->port);
      kb_secret (kb, "Secret/SSH/login", t->user);
      kb_secret (kb, "Secret/SSH/password", cfg->password);
      kb_secret (kb, "Secret/SSH/privatekey", cfg->private_key);
      kb_secret (kb, "Secret/SSH/passphrase", cfg->passphrase);
      ssh_opts_prepare_kb (kb, &cfg->ssh, t->host);
    }
  else if (t->transport == TRANSPORT_SMB)
    prepare_smb (kb, cfg, t);
  /* this process's copies are no longer needed: the KB has them */
  burn (cfg->password);
  burn (cfg->private_key);
  burn (cfg->passphrase);
  burn (cfg->smb_password);
  nasl_set_script_preference (st, "Include loopback-only listeners",
                              cfg->include_loopback ? "yes" : "no");
  nasl_set_script_preference (st, "Confirm open ports with the port scan", "no");
  nasl_set_script_preference (st, "Test whether exposed listeners are reachable from the scanner",
                              cfg->reachability ? "yes" : "no");
  nasl_set_script_preference (st, "Count only listeners reachable from the scanner",
                              cfg->reachable_only ? "yes" : "no");
  nasl_set_script_preference (st, "Run the policy folder", "yes");
  nasl_add_include_dir (st, cfg->plugins_dir);
  if (nasl_load_module (st, cfg->module, err) != 0)
    return -1;
  return 0;
}

static int
first_text_cb (void *ud, const char *name, const nasl_value *val)
{
  char **out = ud;
  size_t len = 0;
  const char *bytes;

  (void) name;
  if (val->type == NASL_TYPE_INT)
    {
      *out = g_strdup_printf ("%ld", val->as.i);
      return 1;
    }
  bytes = nasl_value_bytes (val, &len);
  if (bytes)
    *out = g_strndup (bytes, len);
  return *out != NULL;
}

/* The first value of KB item 'name' as text (g_free), or NULL. */
static char *
kb_first_text (nasl_kb *kb, const char *name)
{
  char *v = NULL;

  nasl_kb_foreach (kb, name, first_text_cb, &v);
  return v;
}

/* For -v: the SMB session win_cmd_exec used (never a secret). */
static void
send_smb_notes (int fd, nasl_kb *kb)
{
  char *dialect = kb_first_text (kb, "nasl-audit/smb/dialect");
  char *signing = kb_first_text (kb, "nasl-audit/smb/signing");
  char *encryption = kb_first_text (kb, "nasl-audit/smb/encryption");

  if (dialect && *dialect)
    {
      char *note = g_strdup_printf ("smb: dialect %s, %s, encryption %s", dialect,
                                    signing && strcmp (signing, "1") == 0 ? "signed" : "not signed",
                                    encryption && *encryption ? encryption : "none");
      frame_write_text (fd, FRAME_DIAG, note);
      g_free (note);
    }
  g_free (dialect);
  g_free (signing);
  g_free (encryption);
}

/* Runs one plugin as a scan does: the description pass, then the plugin. */
static void
run_plugin (nasl_state *st, const runner_config *cfg, const char *name, int fd)
{
  char *path = g_build_filename (cfg->plugins_dir, name, NULL);
  pid_t me = getpid ();
  nasl_status rc = nasl_run_file (st, path, NASL_RUN_DESCRIPTION);
  if (rc == NASL_OK)
    rc = nasl_run_file (st, path, 0);
  /* A multi-valued get_kb_item() forks one child per value (as OpenVAS
  ** does); its records and KB writes already went to the runner and to us,
  ** and it must not go on. */
  if (getpid () != me)
    _exit (0);
  if (rc != NASL_OK)
    {
      char *msg = g_strdup_printf ("plugin %s did not run to its end (%s)", name,
                                   rc == NASL_ERR_SYNTAX ? "syntax error"
                                   : rc == NASL_ERR_LOAD ? "missing or unreadable"
                                   : rc == NASL_ERR_RUN  ? "run-time error"
                                                         : "usage error");
      frame_write_text (fd, FRAME_PROBLEM, msg);
      g_free (msg);
    }
  g_free (path);
}

void
worker_run (const runner_config *cfg, const runner_target *t, int fd)
{
  struct rlimit no_core = { 0, 0 };
  setrlimit (RLIMIT_CORE, &no_core);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);

  char *err = NULL, *name = NULL;
  /* ssh_config may give the address (HostName), the login and the port;
  ** the target keeps the name it was given (the config's Host). */
  runner_target rt = *t;
  ssh_target_config sc = { 0 };
  if (t->transport == TRANSPORT_SSH)
    {
      if (!ssh_opts_target_config (&cfg->ssh, t->host, t->user_given, t->port_given, &sc, &err))
        {
          send_abort (fd, "internal", err);
          g_free (err);
          frame_write (fd, FRAME_DONE, g_variant_new_bytestring (""));
          return;
        }
      if (sc.user)
        rt.user = sc.user;
      if (sc.port)
        rt.port = sc.port;
      if (sc.note)
        frame_write_text (fd, FRAME_DIAG, sc.note);
    }
  char *ip = resolve_host (sc.hostname ? sc.hostname : t->host, &name, &err);
  if (!ip)
    {
      send_abort (fd, "unreachable", err);
      g_free (err);
      ssh_target_config_clear (&sc);
      frame_write (fd, FRAME_DONE, g_variant_new_bytestring (""));
      return;
    }
  frame_write (fd, FRAME_HOST, g_variant_new ("(^ay^ay)", ip, name));

  worker_ctx w = { fd, 0 };
  nasl_state *st = nasl_state_new ();
  nasl_set_diag (st, send_diag, &w);
  nasl_set_output (st, ignore_output, NULL);
  nasl_set_report (st, ignore_report, NULL);
  nasl_set_target (st, ip, t->host);
  if (record_register (st, fd, &err) != 0 || probe_register (st, &err) != 0)
    {
      send_abort (fd, "internal", err);
      g_free (err);
    }
  else if (prepare_state (st, cfg, &rt, &err) != 0)
    {
      char *msg = g_strdup_printf ("cannot load the audit module: %s", err);
      send_abort (fd, "internal", msg);
      g_free (msg);
      g_free (err);
    }
  else
    {
      /* as in a scan, the checks run even when gathering failed: they then
      ** report that the data is missing */
      run_plugin (st, cfg, GATHER_PLUGIN, fd);
      run_plugin (st, cfg, CHECKS_PLUGIN, fd);
      if (t->transport == TRANSPORT_SMB)
        send_smb_notes (fd, nasl_state_kb (st));
      else if (t->transport == TRANSPORT_SSH)
        {
          char **notes = ssh_opts_notes (nasl_state_kb (st));
          for (char **n = notes; *n; n++)
            frame_write_text (fd, FRAME_DIAG, *n);
          g_strfreev (notes);
        }
    }
  nasl_state_free (st);
  ssh_target_config_clear (&sc);
  g_free (ip);
  g_free (name);
  frame_write (fd, FRAME_DONE, g_variant_new_bytestring (""));
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* runner.h: the nasl-audit runner's configuration, targets and entry points. */
#ifndef RUNNER_H
#define RUNNER_H

#include <stdio.h>

#include "result.h"
#include "ssh_opts.h"

/* Exit statuses, as documented in nasl-audit --help and nasl-audit(1). */
enum {
  RUNNER_EXIT_PASSED = 0,     /* every result PASSED */
  RUNNER_EXIT_FAILED = 1,     /* at least one FAILED */
  RUNNER_EXIT_INCOMPLETE = 2, /* nothing failed, something could not be audited or nothing was evaluated */
  RUNNER_EXIT_USAGE = 3       /* usage or runtime error */
};

typedef enum {
  FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV, FORMAT_JUNIT, FORMAT_NESSUS, FORMAT_HTML
} output_format;

/* One policy file the run uses, read and checked by the runner (policies.c). */
typedef struct policy_input {
  char *display;   /* the name reports use: the file's own name */
  char *path;      /* as the operator gave it (folder + name, or -f) */
  char *staged;    /* the private copy the plugins read */
} policy_input;

typedef struct runner_config {
  char *policy_dir;    /* --policy-dir, or the default folder; NULL: no folder */
  GPtrArray *policy_files; /* char*: -f FILE, in order */
  GPtrArray *policies; /* policy_input*: what the plugins run */
  GPtrArray *policy_problems; /* char*: inputs refused (named, with the reason) */
  char *staging_dir;   /* the private folder holding the policies' copies */
  char *plugins_dir;
  char *module;        /* path of the audit module */
  char *user;          /* -u: SSH login (and SMB login when a target names none) */
  char *password;      /* SSH: from the environment or a prompt, never argv */
  int smb;             /* --smb: every target is reached over SMB */
  char *smb_password;  /* --smb-password-env or the prompt, never argv */
  char *smb_domain;    /* --smb-domain: for SMB logins that name no domain */
  int smb_port;        /* --smb-port, default 445 */
  char *private_key;   /* key text read from --identity */
  char *passphrase;
  runner_ssh ssh;      /* host keys, the user's own keys, ssh_config, sudo (ssh_opts.c) */
  char *force_os;      /* --os */
  GPtrArray *vars;     /* char*: "NAME=VALUE" from --var */
  char *state_dir;     /* --state-dir */
  int port;            /* default SSH port */
  int port_given;      /* -p was given */
  int jobs;
  int timeout;
  int include_loopback;
  int reachability;      /* --reachability: probe exposed listeners from here */
  int reachable_only;    /* --reachable-only: count only those that answered */
  int verbose;
  output_format format;
} runner_config;

/* How a target's commands run. */
typedef enum {
  TRANSPORT_LOCAL,  /* on this machine, no credentials */
  TRANSPORT_SSH,
  TRANSPORT_SMB     /* a Windows host: win_cmd_exec over SMB2/3 */
} runner_transport;

typedef struct runner_target {
  char *name;  /* as shown in reports */
  char *host;
  char *user;  /* SSH login; SMB: the account, without its domain */
  char *domain; /* SMB: the account's domain, NULL when none was given */
  int port;
  int user_given;  /* USER@ or -u: ssh_config's User does not apply */
  int port_given;  /* :PORT or -p: ssh_config's Port does not apply */
  runner_transport transport;
} runner_target;

/* targets.c: TARGET arguments, --targets-file, CIDR blocks and ranges. */
#define TARGETS_MAX 65536
void runner_target_free (gpointer p);
/* "local", "ssh" or "smb", as reports and the plugins name it. */
const char *runner_transport_name (runner_transport t);
/* Adds the target(s) SPEC stands for to 'out'; FALSE with *err on a bad spec. */
gboolean targets_add_spec (GPtrArray *out, const char *spec, const runner_config *cfg, char **err);
/* Adds every target of FILE ("-": standard input); FALSE with *err naming file and line. */
gboolean targets_add_file (GPtrArray *out, const char *file, const runner_config *cfg, char **err);

/* policies.c: reads and checks the policy inputs and stages private copies. */
#define POLICY_MAX_BYTES ((gsize) 64 * 1024 * 1024)
/* FALSE with *err on a usage error (folder missing, -f FILE missing). */
gboolean policies_prepare (runner_config *cfg, char **err);
void policies_cleanup (runner_config *cfg);
/* The name the operator knows for a path the plugins reported. */
const char *policies_original_path (const runner_config *cfg, const char *path);

/* worker.c: one target, in a worker process; records go to 'fd'. */
void worker_run (const runner_config *cfg, const runner_target *t, int fd);

/* pool.c: runs every target in workers, 'jobs' at a time; returns one result per target,
** or NULL when interrupted by a signal (then *signo is set and workers are gone). */
target_result **pool_run (const runner_config *cfg, GPtrArray *targets, int sigfd, int *signo);

/* state.c: --state-dir: compare with the last run, then remember this one. */
void state_apply (const runner_config *cfg, target_result *tr);

/* output.c and out_*.c: the reports.  Each returns 0, or -1 on a write error. */
typedef struct run_info {
  gint64 started, ended;  /* microseconds since the epoch */
  double duration;
} run_info;
int runner_exit_status (const runner_config *cfg, target_result **results, size_t n);
int output_report (FILE *out, const runner_config *cfg, const run_info *run,
                   target_result **results, size_t n);

/* paths.c: where the plugins, module and policy folder are (build tree or installed). */
char *paths_default_plugins_dir (void);
char *paths_default_module (void);
char *paths_default_policy_dir (void);

#endif

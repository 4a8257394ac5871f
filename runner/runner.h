/* runner.h: the nasl-audit runner's configuration, targets and entry points. */
#ifndef RUNNER_H
#define RUNNER_H

#include <stdio.h>

#include "result.h"

/* Exit statuses, as documented in nasl-audit --help and nasl-audit(1). */
enum {
  RUNNER_EXIT_PASSED = 0,     /* every result PASSED */
  RUNNER_EXIT_FAILED = 1,     /* at least one FAILED */
  RUNNER_EXIT_INCOMPLETE = 2, /* nothing failed, something could not be audited */
  RUNNER_EXIT_USAGE = 3       /* usage or runtime error */
};

typedef enum { FORMAT_TEXT, FORMAT_JSON } output_format;

typedef struct runner_config {
  char *policy_dir;    /* "" to run no folder */
  char *policy_file;   /* extra .audit file (the plugin's file preference), or NULL */
  char *plugins_dir;
  char *module;        /* path of the audit module */
  char *user;          /* SSH login */
  char *password;      /* from the environment or a prompt, never argv */
  char *private_key;   /* key text read from --identity */
  char *passphrase;
  char *known_hosts;
  char *force_os;      /* --os */
  int port;            /* default SSH port */
  int jobs;
  int include_loopback;
  int verbose;
  output_format format;
} runner_config;

typedef struct runner_target {
  char *name;  /* as given on the command line */
  char *host;
  char *user;
  int port;
  int local;   /* run commands locally (this machine, no credentials) */
} runner_target;

/* target.c */
target_result *runner_audit_target (const runner_config *cfg, const runner_target *t);

/* output.c */
void output_text (FILE *out, const runner_config *cfg, target_result **results, size_t n);
void output_json (FILE *out, const runner_config *cfg, target_result **results, size_t n);
int runner_exit_status (target_result **results, size_t n);

/* paths.c: where the plugins, module and policy folder are (build tree or installed). */
char *paths_default_plugins_dir (void);
char *paths_default_module (void);
char *paths_default_policy_dir (void);

#endif

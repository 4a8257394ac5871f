/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_opts.h: nasl-audit's SSH options: host keys, the user's own keys, ssh_config, sudo. */
#ifndef RUNNER_SSH_OPTS_H
#define RUNNER_SSH_OPTS_H

#include <glib.h>

#include "nasl.h"

/* getopt values of the options below (main.c lists them in long_options). */
enum {
  SSH_OPT_KNOWN_HOSTS = 512,   /* --known-hosts FILE */
  SSH_OPT_ACCEPT_NEW,          /* --accept-new */
  SSH_OPT_SSH_CONFIG,          /* --ssh-config FILE|none */
  SSH_OPT_SUDO,                /* --sudo */
  SSH_OPT_SUDO_PASSWORD_ENV    /* --sudo-password-env VAR (main.c takes the secret) */
};

typedef struct runner_ssh {
  char *known_hosts;     /* --known-hosts FILE, else $HOME/.ssh/known_hosts */
  int accept_new;        /* --accept-new: record unknown hosts (trust on first use) */
  char *config;          /* --ssh-config FILE, else $HOME/.ssh/config when it exists;
                         ** NULL: none (--ssh-config none) */
  int config_given;
  int user_keys;         /* no -i: ssh-agent and the default key files */
  int sudo;              /* --sudo: the listing runs under sudo -n */
  char *sudo_password;   /* --sudo-password-env: sudo with this password */
} runner_ssh;

/* One option of the enum above (not the password): 0, or -1 with *err. */
int ssh_opts_option (runner_ssh *s, int opt, const char *arg, char **err);
/* After all options: checks the files and fills in the defaults.  FALSE
** with *err (a usage error naming the option). */
gboolean ssh_opts_finish (runner_ssh *s, gboolean have_identity, char **err);
/* Frees and burns. */
void ssh_opts_clear (runner_ssh *s);
/* Burns and forgets the sudo password (before a new --sudo-password-env). */
void ssh_opts_clear_sudo_password (runner_ssh *s);

/* What the ssh_config file says for one target, as ssh(1) reads it: the
** host to connect to, and the login and port unless the command line gave
** them. */
typedef struct ssh_target_config {
  char *hostname;  /* HostName, else NULL */
  char *user;      /* User (only when the command line gave none), else NULL */
  int port;        /* Port (only when the command line gave none), else 0 */
  char *note;      /* "FILE, Host NAME: HostName ..., User ..." for -v, or NULL */
} ssh_target_config;

/* Reads s->config for Host 'name'.  Returns FALSE with *err when the file
** cannot be parsed. */
gboolean ssh_opts_target_config (const runner_ssh *s, const char *name, gboolean user_given,
                                 gboolean port_given, ssh_target_config *out, char **err);
void ssh_target_config_clear (ssh_target_config *c);

/* The settings lib_ssh reads (nasl-audit/ssh_*), sudo (nasl-audit/sudo,
** Secret/nasl-audit/sudo_password) for an SSH target named 'host_name' on
** the command line; burns this process's copy of the sudo password. */
void ssh_opts_prepare_kb (nasl_kb *kb, const runner_ssh *s, const char *host_name);
/* After the plugins: what lib_ssh noted (a key recorded under --accept-new,
** the ssh_config lines applied, the method that logged in), as "ssh: ..."
** lines for -v (g_strfreev). */
char **ssh_opts_notes (nasl_kb *kb);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sshd_fixture.h: a real sshd on 127.0.0.1 for cmocka tests (wraps sshd-fixture.sh). */
#ifndef SSHD_FIXTURE_H
#define SSHD_FIXTURE_H

#include <stddef.h>

/*
** Usage in a cmocka group setup:
**
**   static int group_setup (void **state) {
**     sshd_fixture *fx = NULL;
**     char *why = NULL;
**     int rc = sshd_fixture_start (&fx, &why);  // 0 ok; 77 skip; -1 failure
**     if (rc == 77) { print_message ("SKIP: %s\n", why); exit (77); }
**     ...
**   }
**
** The script is found through $top_srcdir (exported by the test harness),
** falling back to the SSHD_FIXTURE_SCRIPT path compiled in.  The fixture
** directory is removed by sshd_fixture_stop() unless the test failed
** (sshd_fixture_keep) or SSHD_KEEP is set in the environment.
*/
typedef struct sshd_fixture {
  char *dir;             /* the fixture directory (see sshd-fixture.sh) */
  int port;              /* sshd's port on 127.0.0.1 */
  char *user;            /* the login the authorized key is for */
  char *key;             /* authorized private key, OpenSSH text */
  char *wrong_key;       /* a private key sshd does not accept */
  char *known_hosts;     /* path: known-hosts file matching the host key */
  char *bad_known_hosts; /* path: known-hosts file with another key */
  char *fake_dir;        /* path: where the fake commands read their output */
  char *host_key_pub;    /* path: sshd's host public key (host_ed25519.pub) */
  char *log;             /* path: sshd's DEBUG3 log */
  char **env;            /* extra environment of sshd-fixture.sh, or NULL */
  int keep;              /* set to keep the directory at stop */
} sshd_fixture;

/* Starts sshd in a fresh temporary directory: 0, 77 (no sshd) or -1; on
** 77 or -1, *why (g_free) says why. */
int sshd_fixture_start (sshd_fixture **out, char **why);
/* The same with extra environment for sshd-fixture.sh, "NAME=VALUE" strings
** (NULL-terminated), e.g. "SSHD_MAX_STARTUPS=1:100:1". */
int sshd_fixture_start_env (sshd_fixture **out, const char *const *env, char **why);
/* Kills sshd and its session processes, removes the directory, frees. */
void sshd_fixture_stop (sshd_fixture *fx);
/* Kills sshd (and its sessions) but keeps the directory: for "server died" tests. */
void sshd_fixture_kill (sshd_fixture *fx);
/* Starts sshd again in a new directory (new port and keys): 0 or -1. */
int sshd_fixture_restart (sshd_fixture *fx, char **why);
/* 1 when a TCP connection to sshd's port succeeds. */
int sshd_fixture_alive (const sshd_fixture *fx);
/* Makes the fake CMD (netstat, ss, tasklist, or any other name, installed
** on demand) print 'out' (and 'err' on stderr, NULL for none) and exit with
** 'rc'.  Each call of the fake appends its arguments to fake/CMD.args.  0 or -1. */
int sshd_fixture_fake (sshd_fixture *fx, const char *cmd, const char *out, size_t out_len,
                       const char *err, int rc);
/* Back to the real command. */
void sshd_fixture_unfake (sshd_fixture *fx, const char *cmd);
/* A port on 127.0.0.1 that nothing listens on (bound then closed), or 0. */
int sshd_fixture_closed_port (void);

#endif /* SSHD_FIXTURE_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_fixture.h: real SMB servers for the tests: Samba's smbd and the impacket-based Windows emulator. */
#ifndef SMB_FIXTURE_H
#define SMB_FIXTURE_H

#include <glib.h>

/*
** Both servers run on 127.0.0.1 in a fresh temporary directory with a fresh
** account and a random password.  The scripts are found through $top_srcdir
** (the test harness exports it), else SMB_FIXTURE_SRC compiled in.  Starting
** returns 0, 77 (a program is missing: the test skips with the reason) or -1.
** The directory is removed at stop unless SMB_FX_KEEP is set.
*/
typedef struct smb_fx {
  char *dir;
  int port;
  char *user;
  char *password;
  GPid pid;                /* the emulator's; 0 for Samba */
  int samba;
} smb_fx;

/* Samba with settings given as NAME=VALUE (SMB_MIN_PROTOCOL, SMB_MAX_PROTOCOL,
** SMB_SIGNING, SMB_ENCRYPT, SMB_EXTRA_CONF; see samba-fixture.sh); 'settings'
** is NULL-terminated or NULL. */
int smb_fx_samba (smb_fx **out, const char *const *settings, char **why);
/* lock / unlock / disable the Samba account. */
int smb_fx_samba_ctl (smb_fx *fx, const char *action);
/* Kills smbd and its children (the directory stays). */
void smb_fx_samba_kill (smb_fx *fx);
/* Stops (SIGSTOP) or resumes (SIGCONT) smbd and its children. */
void smb_fx_samba_pause (smb_fx *fx, int pause);

/* The emulator: fault NULL/"none", locale NULL/"en", upn NULL or
** "name@dns.domain" (an extra account name with the same password). */
int smb_fx_emu (smb_fx **out, const char *fault, const char *locale, const char *upn,
                char **why);
/* Switches the emulator's fault ("none" for none) without a restart. */
void smb_fx_emu_set_fault (smb_fx *fx, const char *fault);
/* From the emulator's state.txt: the count on the line 'key' (-1 when absent)
** and the rest of the line (g_free). */
int smb_fx_emu_count (smb_fx *fx, const char *key);
char *smb_fx_emu_line (smb_fx *fx, const char *key);
/* A fixture's bytes as the emulator plays them (source line stripped). */
GByteArray *smb_fx_fixture (const char *name);

void smb_fx_stop (smb_fx *fx);

/* A TCP port on 127.0.0.1 nothing listens on, or 0. */
int smb_fx_closed_port (void);
/* A listening socket that never answers (its fd; *port set), or -1. */
int smb_fx_silent_listener (int *port);

/* Skips the test program (exit 77) with the reason, or fails on -1. */
#define SMB_FX_START_OR_SKIP(call, why)                                        \
  do                                                                           \
    {                                                                          \
      int smb_fx_rc_ = (call);                                                 \
      if (smb_fx_rc_ == 77)                                                    \
        {                                                                      \
          print_message ("SKIP: %s\n", (why) ? (why) : "?");                   \
          exit (77);                                                           \
        }                                                                      \
      if (smb_fx_rc_ != 0)                                                     \
        fail_msg ("fixture: %s", (why) ? (why) : "?");                         \
    }                                                                          \
  while (0)

#endif /* SMB_FIXTURE_H */

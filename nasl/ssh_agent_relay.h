/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_agent_relay.h: a go-between for libssh and ssh-agent that bounds every wait. */
#ifndef NASL_SSH_AGENT_RELAY_H
#define NASL_SSH_AGENT_RELAY_H

#include <glib.h>

#include "libs.h"

/*
** libssh talks to ssh-agent with blocking reads and no timeout: an agent
** that stops answering would hang the interpreter.  The relay hands libssh
** one end of a socket pair (ssh_set_agent_socket) and copies bytes between
** the other end and the agent's socket on a thread of its own.  When a
** request gets no answer within the timeout, the relay closes libssh's
** side: libssh reads end-of-file and gives up on the agent.  The thread
** lives only between start and stop (one authentication attempt).
*/
typedef struct sshrelay sshrelay;

/* Connects to the agent at 'path' (a Unix socket) and starts the relay.
** *lib_fd is libssh's end (libssh closes it).  NULL with the reason in err
** when the agent cannot be reached. */
NASL_INTERNAL sshrelay *sshrelay_start (const char *path, long timeout_ms, int *lib_fd,
                                        GString *err);
/* Stops and joins the thread, closes the relay's descriptors.  Returns 1
** when the agent failed to answer in time, 0 otherwise.  NULL is a no-op. */
NASL_INTERNAL int sshrelay_stop (sshrelay *r);

#endif /* NASL_SSH_AGENT_RELAY_H */

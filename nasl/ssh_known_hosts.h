/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ssh_known_hosts.h: OpenSSH known_hosts files: lookup, fingerprints, locked append. */
#ifndef NASL_SSH_KNOWN_HOSTS_H
#define NASL_SSH_KNOWN_HOSTS_H

#include <stddef.h>
#include <glib.h>

#include "libs.h"

/*
** The format is OpenSSH's (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): one key
** per line, "[@marker] PATTERNS KEYTYPE BASE64 [COMMENT]".  PATTERNS is a
** comma-separated list of host names or addresses with '*' and '?'
** wildcards and '!' negation, "[host]:port" for ports other than 22, or one
** hashed name "|1|SALT|HMAC-SHA1".  "@revoked" marks a key that must never
** be accepted; "@cert-authority" lines are skipped (host certificates are
** not checked).  Lines that cannot be parsed are skipped, as OpenSSH does.
**
** Keys are compared as SSH wire blobs; the key type is the blob's own type
** name (so "ssh-rsa" covers the rsa-sha2-* signature algorithms).
*/

/* What the file says about a host and the key it offers. */
typedef enum sshkh_verdict {
  SSHKH_LISTED,     /* a line lists this very key for the host */
  SSHKH_UNLISTED,   /* no line names the host */
  SSHKH_CHANGED,    /* the host is listed with another key of this type */
  SSHKH_OTHER_TYPE, /* the host is listed, only with keys of other types */
  SSHKH_REVOKED     /* an @revoked line lists this key */
} sshkh_verdict;

typedef struct sshkh_match {
  sshkh_verdict verdict;
  unsigned int line;   /* the deciding line (1-based), 0 for SSHKH_UNLISTED */
  char *listed_type;   /* key type on that line (g_free), or NULL */
  char *listed_fp;     /* "SHA256:..." of that line's key (g_free), or NULL */
  char *listed_as;     /* the name it matched: "host" or "[host]:port" (g_free), or NULL */
} sshkh_match;

/* Frees the strings of 'm' (not 'm'). */
NASL_INTERNAL void sshkh_match_clear (sshkh_match *m);

/* "name" for port 22, "[name]:port" otherwise: how known_hosts names a host. */
NASL_INTERNAL char *sshkh_host_field (const char *name, unsigned int port);

/* "SHA256:..." (unpadded base64, as ssh-keygen -l prints it). */
NASL_INTERNAL char *sshkh_fingerprint (const guchar *blob, size_t len);

/* The key type named inside an SSH public key blob ("ssh-ed25519"), or NULL. */
NASL_INTERNAL char *sshkh_blob_type (const guchar *blob, size_t len);

/*
** Reads a known-hosts file for checking.  A file that does not exist reads
** as empty (*missing = 1); a directory, a file that cannot be read or one
** larger than the limit is an error (-1, reason in err).  *text is
** NUL-terminated (g_free).
*/
NASL_INTERNAL int sshkh_load (const char *path, char **text, size_t *len, int *missing,
                              GString *err);

/*
** Looks the host up under each of 'names' (a NULL-terminated list, e.g. the
** host name and the address) at 'port', comparing against 'blob'.  The
** first line that decides wins: @revoked with this key, then a line with
** this key, then a line with another key of the same type, then any line.
*/
NASL_INTERNAL void sshkh_check (const char *text, size_t len, const char *const *names,
                                unsigned int port, const guchar *blob, size_t bloblen,
                                sshkh_match *m);

/* Key types the file lists for the host (not revoked), in file order, no
** duplicates; NULL-terminated (g_strfreev), maybe empty. */
NASL_INTERNAL char **sshkh_listed_types (const char *text, size_t len,
                                         const char *const *names, unsigned int port);

/*
** Records 'blob' for names[0] at 'port' (trust on first use).  The file is
** created when missing (and its directory, mode 0700, when that is missing
** too), locked (flock, waiting at most wait_ms), read again and checked
** under all 'names': when another writer listed the host meanwhile,
** nothing is written and m->verdict is that fresh verdict.  Otherwise one
** line "HOST KEYTYPE BASE64" is appended (HOST hashed when the file's
** entries are hashed) and m->verdict is SSHKH_LISTED.  Returns 0, or -1
** with the reason in err (not a regular file, cannot lock or write).
*/
NASL_INTERNAL int sshkh_add (const char *path, const char *const *names, unsigned int port,
                             const guchar *blob, size_t bloblen, long wait_ms,
                             sshkh_match *m, GString *err);

#endif /* NASL_SSH_KNOWN_HOSTS_H */

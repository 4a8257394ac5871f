/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_known_hosts.c: libFuzzer harness for the known_hosts parser. */
/* FUZZ-SOURCES: nasl/ssh_known_hosts.c */
/* FUZZ-PKGS: glib-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ssh_known_hosts.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* An ed25519 key blob to look up (any key does: the file is the input). */
static const char key_b64[] =
  "AAAAC3NzaC1lZDI1NTE5AAAAICdvy9r5mnRQ7U6wytrFTBnsmDiPD8cgx3mLJmGLI4YA";

/*
** The input is a known_hosts file.  It is checked for a host name and an
** address on port 22 and on another port; the verdict must be one of the
** five and must name a line inside the file whenever it names one.
*/
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const names[] = { "web1.example", "192.0.2.7", NULL };
  static const unsigned int ports[] = { 22, 2222 };
  char *text = g_strndup ((const char *) data, size);
  size_t len = strlen (text);
  gsize bloblen = 0;
  guchar *blob = g_base64_decode (key_b64, &bloblen);
  size_t lines = 1;

  for (size_t i = 0; i < len; i++)
    lines += text[i] == '\n';
  for (size_t p = 0; p < G_N_ELEMENTS (ports); p++)
    {
      sshkh_match m;
      char **types;

      sshkh_check (text, len, names, ports[p], blob, bloblen, &m);
      if (m.verdict > SSHKH_REVOKED || m.line > lines
          || (m.verdict == SSHKH_UNLISTED) != (m.line == 0))
        __builtin_trap ();
      if ((m.verdict == SSHKH_CHANGED || m.verdict == SSHKH_OTHER_TYPE)
          && (!m.listed_type || !m.listed_fp || !m.listed_as))
        __builtin_trap ();
      sshkh_match_clear (&m);
      types = sshkh_listed_types (text, len, names, ports[p]);
      for (size_t i = 0; types[i]; i++)
        if (!*types[i])
          __builtin_trap ();
      g_strfreev (types);
    }
  g_free (blob);
  g_free (text);
  return 0;
}

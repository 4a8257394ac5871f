/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_smb_client.c: libFuzzer harness for the whole client receive path: the input is what a hostile server sends. */
/* FUZZ-SOURCES: smb/[!s]*.c smb/smb2_*.c smb/smb_buf.c smb/smb_crypto.c smb/smb_error.c smb/smb_exec.c smb/spnego.c smb/svcctl.c */
/* FUZZ-PKGS: glib-2.0 nettle gnutls */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../smb/smb2_conn.h"
#include "../../smb/svcctl.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input, split at 0xFF 0xEE 0xDD markers, is a series of messages; each
** goes out as one direct-TCP frame (so the fuzzer need not learn the frame
** header).  The client negotiates, logs on, connects a tree, reads a file and
** opens the service manager over a socket pair whose far end holds all of
** that and then closes: every reply is consumed, nothing ever waits. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  int sv[2];
  size_t start = 0, i;
  smb2_conn_opts o;
  smb2_conn *c;
  smb_error err;
  GByteArray *wire = g_byte_array_new ();

  if (socketpair (AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 0;
  for (i = 0; i <= size; i++)
    if (i == size || (i + 2 < size && data[i] == 0xFF && data[i + 1] == 0xEE
                      && data[i + 2] == 0xDD))
      {
        size_t n = i - start;
        uint8_t h[4] = { 0, (uint8_t) (n >> 16), (uint8_t) (n >> 8), (uint8_t) n };

        g_byte_array_append (wire, h, 4);
        g_byte_array_append (wire, data + start, (guint) n);
        start = i + 3;
        i += 2;
      }
  /* The socket buffer must hold it all: keep inputs small. */
  if (wire->len > 100000)
    {
      g_byte_array_free (wire, TRUE);
      close (sv[0]);
      close (sv[1]);
      return 0;
    }
  {
    int sz = 1 << 20;
    setsockopt (sv[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    setsockopt (sv[0], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
  }
  if (write (sv[1], wire->data, wire->len) != (ssize_t) wire->len)
    {
      g_byte_array_free (wire, TRUE);
      close (sv[0]);
      close (sv[1]);
      return 0;
    }
  shutdown (sv[1], SHUT_WR);
  g_byte_array_free (wire, TRUE);

  memset (&o, 0, sizeof o);
  o.host = "fuzz";
  o.connect_timeout_ms = 2000;
  o.request_timeout_ms = 2000;
  smb_error_clear (&err);
  c = smb2_adopt (sv[0], &o, &err);
  if (c)
    {
      uint32_t tree = 0;
      GByteArray *out = g_byte_array_new ();
      svcctl svc;

      if (smb2_session_setup (c, "DOM\\user", NULL, "pw", &err) == 0)
        {
          /* as if signing were off: the fuzzer cannot forge signatures */
          c->signing = 0;
          c->encrypt = 0;
        }
      else
        {
          c->broken = 0;
          c->signing = 0;
          c->encrypt = 0;
        }
      smb_error_clear (&err);
      if (smb2_tree_connect (c, "IPC$", &tree, &err) == 0 || !c->broken)
        {
          smb_error_clear (&err);
          (void) smb2_get_file (c, tree, "x.txt", 1 << 20, out, &err);
          smb_error_clear (&err);
          if (svcctl_open (&svc, c, tree, &err) == 0)
            {
              svcctl_handle h;
              smb_error_clear (&err);
              (void) svcctl_open_scm (&svc, 3, &h, &err);
              svcctl_close (&svc);
            }
        }
      g_byte_array_free (out, TRUE);
      smb2_conn_free (c);
    }
  close (sv[1]);
  return 0;
}

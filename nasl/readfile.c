/* SPDX-License-Identifier: GPL-2.0-or-later */
/* readfile.c: reading a whole file by name, only when it is a regular file and not too large. */
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
readfile_fail (char **why, char *text)
{
  *why = text;
  return NULL;
}

/* Reads until EOF or until more than 'max' bytes came; -1 on a read error
** (errno set), -2 when the file holds more than 'max' bytes. */
static int
readfile_slurp (int fd, size_t max, GByteArray *buf)
{
  guint8 chunk[65536];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        return 0;
      if ((size_t) n > max - buf->len)
        return -2;
      g_byte_array_append (buf, chunk, (guint) n);
    }
}

char *
readfile_regular (const char *path, size_t max, size_t *len, char **why)
{
  struct stat sb;
  int fd, rc, saved;

  *len = 0;
  /* Look before opening: opening a FIFO or a device may block or act. */
  if (stat (path, &sb) != 0)
    return readfile_fail (why, g_strdup (g_strerror (errno)));
  if (!S_ISREG (sb.st_mode))
    return readfile_fail (why, g_strdup ("not a regular file"));
  if ((guint64) sb.st_size > max)
    return readfile_fail (why, g_strdup_printf ("larger than %zu bytes", max));
  /* O_NONBLOCK: should the name have been replaced by a FIFO meanwhile,
  ** neither the open nor a read waits; fstat then refuses it. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return readfile_fail (why, g_strdup (g_strerror (errno)));
  if (fstat (fd, &sb) != 0 || !S_ISREG (sb.st_mode))
    {
      close (fd);
      return readfile_fail (why, g_strdup ("not a regular file"));
    }
  GByteArray *buf = g_byte_array_sized_new ((guint) MIN ((size_t) sb.st_size, max) + 1);
  rc = readfile_slurp (fd, max, buf);
  saved = errno;
  close (fd);
  if (rc != 0)
    {
      g_byte_array_free (buf, TRUE);
      return readfile_fail (why, rc == -2 ? g_strdup_printf ("larger than %zu bytes", max)
                                          : g_strdup (g_strerror (saved)));
    }
  *len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (buf, FALSE);
}

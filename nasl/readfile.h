/* SPDX-License-Identifier: GPL-2.0-or-later */
/* readfile.h: reading a whole file by name, only when it is a regular file and not too large. */
#ifndef NASL_READFILE_H
#define NASL_READFILE_H

#include <stddef.h>

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/* Largest script or include file the parser reads. */
#define READFILE_MAX_SCRIPT ((size_t) 32 * 1024 * 1024)
/* Largest file fread() and script_get_preference_file_content() return. */
#define READFILE_MAX_DATA ((size_t) 64 * 1024 * 1024)

/*
** Reads the file 'path' whole when it is a regular file (after symbolic
** links) of at most 'max' bytes.  It never blocks on a FIFO or a device and
** never reads more than max + 1 bytes, even from a file that grows or lies
** about its size.  Returns a g_malloc'ed buffer with a NUL after its *len
** bytes, or NULL with *why (g_malloc'ed) saying why: the system's error
** text ("No such file or directory"), "not a regular file" or "larger than
** N bytes".
*/
NASL_INTERNAL char *readfile_regular (const char *path, size_t max, size_t *len, char **why);

#endif

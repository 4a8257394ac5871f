/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ext_arena.c: the block arena the socket and process parsers keep their strings in. */
#include "ext_arena.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define EXT_ARENA_FIRST ((size_t) 16 * 1024)
#define EXT_ARENA_MAX ((size_t) 4 * 1024 * 1024)
#define EXT_HUGE_ALIGN ((size_t) 2 * 1024 * 1024)

struct ext_arena_block {
  ext_arena_block *next;
  size_t used;
  size_t cap;
  char data[];
};

void *
ext_big_alloc (size_t n)
{
  void *p = NULL;
  if (n >= EXT_HUGE_MIN)
    {
      if (posix_memalign (&p, EXT_HUGE_ALIGN, n) != 0)
        g_error ("parser: out of memory (%zu bytes)", n);
#ifdef MADV_HUGEPAGE
      madvise (p, n, MADV_HUGEPAGE);
#endif
      return p;
    }
  p = malloc (n ? n : 1);
  if (p == NULL)
    g_error ("parser: out of memory (%zu bytes)", n);
  return p;
}

void *
ext_arena_alloc (ext_arena *ar, size_t n)
{
  size_t need = (n + 7) & ~(size_t) 7;
  ext_arena_block *b = ar->head;
  if (b == NULL || b->cap - b->used < need)
    {
      size_t cap = ar->next_cap ? ar->next_cap : EXT_ARENA_FIRST;
      if (cap < EXT_ARENA_MAX)
        ar->next_cap = cap * 2;
      if (cap < need)
        cap = need;
      b = ext_big_alloc (sizeof (ext_arena_block) + cap);
      b->cap = cap;
      b->used = 0;
      b->next = ar->head;
      ar->head = b;
    }
  void *p = b->data + b->used;
  b->used += need;
  return p;
}

const char *
ext_arena_str (ext_arena *ar, const char *s, size_t n)
{
  char *d = ext_arena_alloc (ar, n + 1);
  memcpy (d, s, n);
  d[n] = '\0';
  for (char *z = memchr (d, '\0', n); z != NULL; z = memchr (z, '\0', (size_t) (d + n - z)))
    *z = '?';
  return d;
}

void
ext_arena_free (ext_arena *ar)
{
  ext_arena_block *b = ar->head;
  while (b != NULL)
    {
      ext_arena_block *next = b->next;
      free (b);
      b = next;
    }
  ar->head = NULL;
}

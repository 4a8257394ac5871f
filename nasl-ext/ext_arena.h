/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ext_arena.h: the block arena the socket and process parsers keep their strings in. */
#ifndef EXT_ARENA_H
#define EXT_ARENA_H

#include <stddef.h>

/*
** A result's strings and small arrays live in a few blocks that double in
** size (16 KiB up to 4 MiB each), so a million rows cost a handful of
** allocations and one free.  A zeroed ext_arena is ready to use.  Memory is
** plain malloc memory; running out of it aborts, like g_malloc.
*/
typedef struct ext_arena_block ext_arena_block;
typedef struct ext_arena {
  ext_arena_block *head;
  size_t next_cap;
} ext_arena;

/* Blocks from this size on are huge-page backed by ext_big_alloc(). */
#define EXT_HUGE_MIN ((size_t) 4 * 1024 * 1024)

/* malloc of n bytes, asking for transparent huge pages when it is large:
** first-touch page faults otherwise dominate parsing big listings. */
__attribute__((visibility("hidden"))) void *ext_big_alloc (size_t n);
/* n bytes aligned to 8. */
__attribute__((visibility("hidden"))) void *ext_arena_alloc (ext_arena *ar, size_t n);
/* A NUL-terminated copy of n bytes; NUL bytes inside become '?'. */
__attribute__((visibility("hidden"))) const char *ext_arena_str (ext_arena *ar, const char *s,
                                                                 size_t n);
__attribute__((visibility("hidden"))) void ext_arena_free (ext_arena *ar);

#endif

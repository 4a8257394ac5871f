/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smb_buf.h: bounds-checked little-endian reader, growable writer and UTF-16 helpers for SMB wire data. */
#ifndef SMB_BUF_H
#define SMB_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

/*
** Every reply of the server is untrusted.  Parsers read it through an
** smb_rd: each read checks the bounds, and a read past the end returns 0 (or
** NULL) and sets the sticky 'bad' flag, so a parser can do all its reads and
** test 'bad' once at the end.
**
** Writers append to a GByteArray (glib: running out of memory aborts).
*/

typedef struct smb_rd {
  const uint8_t *base;
  size_t len;
  size_t pos;
  int bad;
} smb_rd;

void smb_rd_init (smb_rd *r, const void *p, size_t len);
uint8_t smb_rd_u8 (smb_rd *r);
uint16_t smb_rd_u16 (smb_rd *r);
uint32_t smb_rd_u32 (smb_rd *r);
uint64_t smb_rd_u64 (smb_rd *r);
/* n bytes at the current position (advanced past them), NULL when short. */
const uint8_t *smb_rd_take (smb_rd *r, size_t n);
void smb_rd_skip (smb_rd *r, size_t n);
/* Moves to an absolute position; past the end sets 'bad'. */
void smb_rd_seek (smb_rd *r, size_t pos);
/* Skips to the next multiple of 'n' from the start of the buffer. */
void smb_rd_align (smb_rd *r, size_t n);
size_t smb_rd_left (const smb_rd *r);

/* [off, off + n) inside a buffer of 'len' bytes, or NULL when it is not. */
const uint8_t *smb_slice (const void *base, size_t len, size_t off, size_t n);

/* Little-endian loads and stores on memory the caller has checked. */
uint16_t smb_get_u16 (const uint8_t *p);
uint32_t smb_get_u32 (const uint8_t *p);
uint64_t smb_get_u64 (const uint8_t *p);
void smb_put_u16 (uint8_t *p, uint16_t v);
void smb_put_u32 (uint8_t *p, uint32_t v);
void smb_put_u64 (uint8_t *p, uint64_t v);

void smb_wr_u8 (GByteArray *w, uint8_t v);
void smb_wr_u16 (GByteArray *w, uint16_t v);
void smb_wr_u32 (GByteArray *w, uint32_t v);
void smb_wr_u64 (GByteArray *w, uint64_t v);
void smb_wr_bytes (GByteArray *w, const void *p, size_t n);
void smb_wr_zeros (GByteArray *w, size_t n);
/* Zero bytes until the length is a multiple of 'n' (counted from 'from'). */
void smb_wr_align (GByteArray *w, size_t from, size_t n);

/* UTF-8 (counted) to UTF-16LE bytes, no terminator; NULL on invalid UTF-8.
** *out_len is the byte count.  The result is g_malloc'ed. */
uint8_t *smb_utf16le (const char *s, size_t len, size_t *out_len);
/* UTF-16LE bytes to a NUL-terminated UTF-8 string (g_free); an odd trailing
** byte is dropped and unpaired surrogates become U+FFFD, so it never fails. */
char *smb_utf8_from_utf16le (const uint8_t *p, size_t bytes);

/* Overwrites memory that held a secret (never optimised away). */
void smb_wipe (void *p, size_t n);
/* Wipes and frees a NUL-terminated secret (g_free); NULL is a no-op. */
void smb_free_secret (char *s);
/* Wipes and frees a GByteArray that held secrets; NULL is a no-op. */
void smb_free_secret_bytes (GByteArray *b);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void smb_hex (const uint8_t *p, size_t n, char *out);

#endif /* SMB_BUF_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kb.c: the in-memory knowledge base: names map to ordered value lists. */
#include "kb.h"
#include "value.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* All values of one name, in insertion order. */
typedef struct kb_entry {
  GArray *values; /* of kb_value */
} kb_entry;

struct nasl_kb {
  GTree *names;       /* char* (owned) -> kb_entry* (owned), byte order */
  GHashTable *secret_names; /* the names under KB_SECRET_PREFIX (keys lent by 'names') */
  size_t nvalues;     /* values held, all names */
  size_t nbytes;      /* bytes of names and string values */
  size_t max_values;
  size_t max_bytes;
  int journal_fd;     /* -1, or the pipe to the parent in a forked child */
  char msg[160];      /* last limit message */
};

/* ------------------------------------------------------------------------
** Values and entries
** ------------------------------------------------------------------------ */

static void
kb_value_clear (kb_value *v)
{
  if (v->str != NULL)
    str_unref (v->str);
  else
    g_free (v->s);
  v->s = NULL;
  v->str = NULL;
}

static kb_value
kb_value_dup (const kb_value *v)
{
  kb_value c = *v;
  if (!v->is_int && v->str != NULL)
    c.s = str_ref (v->str)->bytes;
  else if (!v->is_int)
    {
      c.s = g_malloc (v->len + 1);
      if (v->len)
        memcpy (c.s, v->s, v->len);
      c.s[v->len] = '\0';
    }
  else
    c.s = NULL;
  return c;
}

static int
kb_value_equal (const kb_value *a, const kb_value *b)
{
  if (a->is_int != b->is_int)
    return 0;
  if (a->is_int)
    return a->i == b->i;
  return a->len == b->len && (a->len == 0 || memcmp (a->s, b->s, a->len) == 0);
}

static size_t
kb_value_bytes (const kb_value *v)
{
  return v->is_int ? sizeof (long) : v->len;
}

static void
kb_entry_free (gpointer p)
{
  kb_entry *e = p;
  for (guint i = 0; i < e->values->len; i++)
    kb_value_clear (&g_array_index (e->values, kb_value, i));
  g_array_free (e->values, TRUE);
  g_free (e);
}

static int
kb_name_cmp (gconstpointer a, gconstpointer b, gpointer ud)
{
  (void) ud;
  return strcmp (a, b);
}

nasl_kb *
kb_new (size_t max_values, size_t max_bytes)
{
  nasl_kb *kb = g_new0 (nasl_kb, 1);
  kb->names = g_tree_new_full (kb_name_cmp, NULL, g_free, kb_entry_free);
  kb->secret_names = g_hash_table_new (g_str_hash, g_str_equal);
  kb->max_values = max_values ? max_values : KB_DEFAULT_MAX_VALUES;
  kb->max_bytes = max_bytes ? max_bytes : KB_DEFAULT_MAX_BYTES;
  kb->journal_fd = -1;
  return kb;
}

void
kb_free (void *p)
{
  nasl_kb *kb = p;
  if (!kb)
    return;
  g_hash_table_destroy (kb->secret_names);
  g_tree_destroy (kb->names);
  g_free (kb);
}

/* ------------------------------------------------------------------------
** Journal (forked children report their changes to the parent)
** Record: op(1) namelen(u32) name isint(1) i(i64) vlen(u64) bytes
** ------------------------------------------------------------------------ */

enum { KB_OP_ADD = 'A', KB_OP_REPLACE = 'R', KB_OP_DELETE = 'D', KB_OP_DELVAL = 'V' };

static void
kb_write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return; /* parent gone: nothing more to tell */
      p += n;
      len -= (size_t) n;
    }
}

static void
kb_journal (nasl_kb *kb, char op, const char *name, const kb_value *v)
{
  if (kb->journal_fd < 0)
    return;
  GByteArray *rec = g_byte_array_new ();
  uint32_t nlen = (uint32_t) strlen (name);
  uint8_t isint = v ? (uint8_t) v->is_int : 1;
  int64_t i = v ? (int64_t) v->i : 0;
  uint64_t vlen = (v && !v->is_int) ? v->len : 0;
  g_byte_array_append (rec, (const guint8 *) &op, 1);
  g_byte_array_append (rec, (const guint8 *) &nlen, sizeof nlen);
  g_byte_array_append (rec, (const guint8 *) name, nlen);
  g_byte_array_append (rec, &isint, 1);
  g_byte_array_append (rec, (const guint8 *) &i, sizeof i);
  g_byte_array_append (rec, (const guint8 *) &vlen, sizeof vlen);
  if (vlen)
    g_byte_array_append (rec, (const guint8 *) v->s, (guint) vlen);
  kb_write_all (kb->journal_fd, rec->data, rec->len);
  g_byte_array_free (rec, TRUE);
}

void
kb_set_journal_fd (nasl_kb *kb, int fd)
{
  kb->journal_fd = fd;
}

/* Parses and applies complete records at the start of 'buf'; returns the
** number of bytes consumed, or (size_t)-1 on a malformed record. */
static size_t
kb_apply_records (nasl_kb *kb, const guint8 *buf, size_t len)
{
  size_t off = 0;
  for (;;)
    {
      const size_t head = 1 + sizeof (uint32_t);
      uint32_t nlen;
      uint64_t vlen;
      int64_t i;
      if (len - off < head)
        return off;
      memcpy (&nlen, buf + off + 1, sizeof nlen);
      if (nlen == 0 || nlen > KB_MAX_NAME)
        return (size_t) -1;
      size_t fixed = head + nlen + 1 + sizeof i + sizeof vlen;
      if (len - off < fixed)
        return off;
      memcpy (&i, buf + off + head + nlen + 1, sizeof i);
      memcpy (&vlen, buf + off + head + nlen + 1 + sizeof i, sizeof vlen);
      if (vlen > KB_DEFAULT_MAX_BYTES * 4ull)
        return (size_t) -1;
      if (len - off - fixed < vlen)
        return off;
      char *name = g_strndup ((const char *) buf + off + head, nlen);
      kb_value v = { .is_int = buf[off + head + nlen] != 0, .i = (long) i,
                     .s = (char *) buf + off + fixed, .len = (size_t) vlen };
      switch (buf[off])
        {
        case KB_OP_ADD: kb_add (kb, name, &v); break;
        case KB_OP_REPLACE: kb_replace (kb, name, &v); break;
        case KB_OP_DELETE: kb_remove (kb, name); break;
        case KB_OP_DELVAL: kb_remove_value (kb, name, &v); break;
        default: g_free (name); return (size_t) -1;
        }
      g_free (name);
      off += fixed + vlen;
    }
}

void
kb_replay_journal (nasl_kb *kb, int fd)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  int broken = 0;
  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (broken)
        continue; /* drain so the child is never blocked */
      g_byte_array_append (buf, chunk, (guint) n);
      size_t used = kb_apply_records (kb, buf->data, buf->len);
      if (used == (size_t) -1)
        broken = 1;
      else if (used > 0)
        g_byte_array_remove_range (buf, 0, (guint) used);
    }
  g_byte_array_free (buf, TRUE);
}

/* ------------------------------------------------------------------------
** Changes
** ------------------------------------------------------------------------ */

static kb_result
kb_check_name (const char *name)
{
  if (!name || !*name || strlen (name) > KB_MAX_NAME)
    return KB_BAD_NAME;
  return KB_OK;
}

/* Would adding 'extra_values' values of 'extra_bytes' bytes exceed a limit? */
static kb_result
kb_check_room (nasl_kb *kb, size_t extra_values, size_t extra_bytes)
{
  if (kb->nvalues + extra_values > kb->max_values
      || kb->nbytes + extra_bytes > kb->max_bytes)
    return KB_FULL;
  return KB_OK;
}

static kb_entry *
kb_entry_get_or_add (nasl_kb *kb, const char *name)
{
  kb_entry *e = g_tree_lookup (kb->names, name);
  if (!e)
    {
      char *key = g_strdup (name);
      e = g_new0 (kb_entry, 1);
      e->values = g_array_new (FALSE, FALSE, sizeof (kb_value));
      g_tree_insert (kb->names, key, e);
      if (g_str_has_prefix (key, KB_SECRET_PREFIX))
        g_hash_table_add (kb->secret_names, key);
      kb->nbytes += strlen (name);
    }
  return e;
}

static void
kb_entry_append (nasl_kb *kb, kb_entry *e, const kb_value *v)
{
  kb_value c = kb_value_dup (v);
  g_array_append_val (e->values, c);
  kb->nvalues++;
  kb->nbytes += kb_value_bytes (v);
}

kb_result
kb_add (nasl_kb *kb, const char *name, const kb_value *v)
{
  size_t n;
  const kb_value *vals;
  kb_result r = kb_check_name (name);
  if (r != KB_OK)
    return r;
  vals = kb_get (kb, name, &n);
  for (size_t k = 0; k < n; k++)
    if (kb_value_equal (&vals[k], v))
      return KB_OK; /* duplicates are not added twice */
  r = kb_check_room (kb, 1, kb_value_bytes (v) + (n ? 0 : strlen (name)));
  if (r != KB_OK)
    return r;
  kb_entry_append (kb, kb_entry_get_or_add (kb, name), v);
  kb_journal (kb, KB_OP_ADD, name, v);
  return KB_OK;
}

/* Frees every value of 'e' and updates the totals. */
static void
kb_entry_clear (nasl_kb *kb, kb_entry *e)
{
  for (guint k = 0; k < e->values->len; k++)
    {
      kb_value *old = &g_array_index (e->values, kb_value, k);
      kb->nvalues--;
      kb->nbytes -= kb_value_bytes (old);
      kb_value_clear (old);
    }
  g_array_set_size (e->values, 0);
}

kb_result
kb_replace (nasl_kb *kb, const char *name, const kb_value *v)
{
  kb_result r = kb_check_name (name);
  if (r != KB_OK)
    return r;
  kb_entry *e = g_tree_lookup (kb->names, name);
  size_t old_values = 0, old_bytes = 0;
  if (e)
    for (guint k = 0; k < e->values->len; k++)
      {
        old_values++;
        old_bytes += kb_value_bytes (&g_array_index (e->values, kb_value, k));
      }
  if (kb->nvalues - old_values + 1 > kb->max_values
      || kb->nbytes - old_bytes + kb_value_bytes (v) + (e ? 0 : strlen (name))
           > kb->max_bytes)
    return KB_FULL;
  e = kb_entry_get_or_add (kb, name);
  kb_entry_clear (kb, e);
  kb_entry_append (kb, e, v);
  kb_journal (kb, KB_OP_REPLACE, name, v);
  return KB_OK;
}

void
kb_remove (nasl_kb *kb, const char *name)
{
  kb_entry *e;
  if (!name || !(e = g_tree_lookup (kb->names, name)))
    return;
  kb_entry_clear (kb, e);
  kb->nbytes -= strlen (name);
  g_hash_table_remove (kb->secret_names, name);
  g_tree_remove (kb->names, name);
  kb_journal (kb, KB_OP_DELETE, name, NULL);
}

void
kb_remove_value (nasl_kb *kb, const char *name, const kb_value *v)
{
  kb_entry *e;
  if (!name || !(e = g_tree_lookup (kb->names, name)))
    return;
  for (guint k = 0; k < e->values->len;)
    {
      kb_value *cur = &g_array_index (e->values, kb_value, k);
      if (kb_value_equal (cur, v))
        {
          kb->nvalues--;
          kb->nbytes -= kb_value_bytes (cur);
          kb_value_clear (cur);
          g_array_remove_index (e->values, k);
        }
      else
        k++;
    }
  kb_journal (kb, KB_OP_DELVAL, name, v);
  if (e->values->len == 0)
    {
      kb->nbytes -= strlen (name);
      g_hash_table_remove (kb->secret_names, name);
      g_tree_remove (kb->names, name);
    }
}

/* ------------------------------------------------------------------------
** Queries
** ------------------------------------------------------------------------ */

const kb_value *
kb_get (nasl_kb *kb, const char *name, size_t *n)
{
  kb_entry *e = name ? g_tree_lookup (kb->names, name) : NULL;
  *n = e ? e->values->len : 0;
  return e && e->values->len ? (const kb_value *) e->values->data : NULL;
}

char *
kb_first_text (nasl_kb *kb, const char *name)
{
  size_t n = 0;
  const kb_value *v = kb ? kb_get (kb, name, &n) : NULL;

  if (!v)
    return NULL;
  if (v->is_int)
    return g_strdup_printf ("%ld", v->i);
  return g_strndup (v->s, v->len);
}

/* Matches one bracket set at pat[*pi] (just after '['); advances *pi past ']'. */
static int
kb_glob_set (const char *pat, size_t plen, size_t *pi, unsigned char c)
{
  size_t i = *pi;
  int negate = 0, hit = 0;
  if (i < plen && (pat[i] == '^' || pat[i] == '!'))
    {
      negate = 1;
      i++;
    }
  int first = 1;
  while (i < plen && (pat[i] != ']' || first))
    {
      unsigned char lo = (unsigned char) pat[i];
      if (lo == '\\' && i + 1 < plen)
        lo = (unsigned char) pat[++i];
      if (i + 2 < plen && pat[i + 1] == '-' && pat[i + 2] != ']')
        {
          unsigned char hi = (unsigned char) pat[i + 2];
          if (lo > hi)
            {
              unsigned char t = lo;
              lo = hi;
              hi = t;
            }
          if (c >= lo && c <= hi)
            hit = 1;
          i += 3;
        }
      else
        {
          if (c == lo)
            hit = 1;
          i++;
        }
      first = 0;
    }
  *pi = i < plen ? i + 1 : i; /* an unclosed set runs to the end */
  return negate ? !hit : hit;
}

/* Iterative glob with single-star backtracking: linear in practice and never
** recursive, so a hostile pattern cannot exhaust the stack. */
int
kb_glob_match (const char *pat, size_t plen, const char *str, size_t slen)
{
  size_t p = 0, s = 0, star_p = (size_t) -1, star_s = 0;
  while (s < slen)
    {
      if (p < plen && pat[p] == '*')
        {
          while (p < plen && pat[p] == '*')
            p++;
          if (p == plen)
            return 1;
          star_p = p;
          star_s = s;
          continue;
        }
      if (p < plen)
        {
          size_t np = p + 1;
          int ok;
          if (pat[p] == '?')
            ok = 1;
          else if (pat[p] == '[')
            ok = kb_glob_set (pat, plen, &np, (unsigned char) str[s]);
          else if (pat[p] == '\\' && p + 1 < plen)
            {
              ok = pat[p + 1] == str[s];
              np = p + 2;
            }
          else
            ok = pat[p] == str[s];
          if (ok)
            {
              p = np;
              s++;
              continue;
            }
        }
      if (star_p == (size_t) -1)
        return 0;
      p = star_p;
      s = ++star_s;
    }
  while (p < plen && pat[p] == '*')
    p++;
  return p == plen;
}

static int
kb_has_glob_chars (const char *pattern)
{
  return strpbrk (pattern, "*?[\\") != NULL;
}

typedef struct kb_walk {
  const char *pattern;
  size_t plen;
  kb_visit_fn fn;
  void *ud;
  int ret;
} kb_walk;

static int
kb_visit_values (const char *name, kb_entry *e, kb_walk *w)
{
  for (guint k = 0; k < e->values->len; k++)
    {
      int r = w->fn (w->ud, name, &g_array_index (e->values, kb_value, k));
      if (r)
        return r;
    }
  return 0;
}

static gboolean
kb_walk_one (gpointer key, gpointer value, gpointer data)
{
  kb_walk *w = data;
  const char *name = key;
  if (!kb_glob_match (w->pattern, w->plen, name, strlen (name)))
    return FALSE;
  w->ret = kb_visit_values (name, value, w);
  return w->ret != 0;
}

/* The visitor must not change the KB. */
int
kb_foreach (nasl_kb *kb, const char *pattern, kb_visit_fn fn, void *ud)
{
  if (!pattern)
    return 0;
  if (!kb_has_glob_chars (pattern))
    {
      kb_entry *e = g_tree_lookup (kb->names, pattern);
      kb_walk w = { pattern, strlen (pattern), fn, ud, 0 };
      return e ? kb_visit_values (pattern, e, &w) : 0;
    }
  kb_walk w = { pattern, strlen (pattern), fn, ud, 0 };
  g_tree_foreach (kb->names, kb_walk_one, &w);
  return w.ret;
}

int
kb_foreach_secret (nasl_kb *kb, kb_visit_fn fn, void *ud)
{
  GHashTableIter it;
  gpointer name;
  g_hash_table_iter_init (&it, kb->secret_names);
  while (g_hash_table_iter_next (&it, &name, NULL))
    {
      kb_entry *e = g_tree_lookup (kb->names, name);
      kb_walk w = { name, strlen (name), fn, ud, 0 };
      int r = e ? kb_visit_values (name, e, &w) : 0;
      if (r)
        return r;
    }
  return 0;
}

size_t
kb_value_count (const nasl_kb *kb)
{
  return kb->nvalues;
}

size_t
kb_max_values (const nasl_kb *kb)
{
  return kb->max_values;
}

const char *
kb_result_text (const nasl_kb *kb, kb_result r)
{
  nasl_kb *m = (nasl_kb *) kb;
  switch (r)
    {
    case KB_OK:
      return "ok";
    case KB_BAD_NAME:
      return "invalid knowledge base item name (empty or longer than 4096 bytes)";
    case KB_FULL:
      g_snprintf (m->msg, sizeof m->msg,
                  "knowledge base full (limit %zu values, %zu bytes)",
                  kb->max_values, kb->max_bytes);
      return m->msg;
    }
  return "?";
}

/* ------------------------------------------------------------------------
** Public API (nasl.h)
** ------------------------------------------------------------------------ */

#define KB_STATE_SLOT "nasl.kb"

nasl_kb *
nasl_state_kb (nasl_state *st)
{
  nasl_kb *kb = nasl_state_get_data (st, KB_STATE_SLOT);
  if (!kb)
    {
      kb = kb_new (0, 0);
      nasl_state_set_data (st, KB_STATE_SLOT, kb, kb_free);
    }
  return kb;
}

void
nasl_kb_add_str (nasl_kb *kb, const char *name, const char *val, size_t len)
{
  kb_value v = { .is_int = 0, .s = (char *) (val ? val : ""), .len = val ? len : 0 };
  kb_add (kb, name, &v);
}

void
nasl_kb_add_int (nasl_kb *kb, const char *name, long val)
{
  kb_value v = { .is_int = 1, .i = val };
  kb_add (kb, name, &v);
}

void
nasl_kb_set_str (nasl_kb *kb, const char *name, const char *val, size_t len)
{
  kb_value v = { .is_int = 0, .s = (char *) (val ? val : ""), .len = val ? len : 0 };
  kb_replace (kb, name, &v);
}

void
nasl_kb_set_int (nasl_kb *kb, const char *name, long val)
{
  kb_value v = { .is_int = 1, .i = val };
  kb_replace (kb, name, &v);
}

void
nasl_kb_delete (nasl_kb *kb, const char *name)
{
  kb_remove (kb, name);
}

typedef struct kb_public_walk {
  nasl_kb_visit_fn fn;
  void *ud;
} kb_public_walk;

static int
kb_public_visit (void *ud, const char *name, const kb_value *val)
{
  kb_public_walk *w = ud;
  nasl_value v = val->is_int ? nasl_value_int (val->i) : nasl_value_data (val->s, val->len);
  int r = w->fn (w->ud, name, &v);
  nasl_value_free (&v);
  return r;
}

int
nasl_kb_foreach (nasl_kb *kb, const char *pattern, nasl_kb_visit_fn fn, void *ud)
{
  kb_public_walk w = { fn, ud };
  return kb_foreach (kb, pattern, kb_public_visit, &w);
}

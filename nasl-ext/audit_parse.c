/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit_parse.c: .audit policy parser: tags, item bodies, tree, public API. */

#include "audit_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (audit-error-quark, audit_error)

#define TAG_MAX_ATTRS 8

/* {====================================================================
** Parser state
** ===================================================================== */

typedef enum {
  TAG_UNKNOWN,
  TAG_CHECK_TYPE,
  TAG_GROUP_POLICY,
  TAG_IF,
  TAG_CONDITION,
  TAG_THEN,
  TAG_ELSE,
  TAG_CUSTOM_ITEM,
  TAG_ITEM,
  TAG_REPORT,
  TAG_DEBUG,
} tag_id;

static const char *const tag_names[] = {
  [TAG_UNKNOWN] = "?",
  [TAG_CHECK_TYPE] = "check_type",
  [TAG_GROUP_POLICY] = "group_policy",
  [TAG_IF] = "if",
  [TAG_CONDITION] = "condition",
  [TAG_THEN] = "then",
  [TAG_ELSE] = "else",
  [TAG_CUSTOM_ITEM] = "custom_item",
  [TAG_ITEM] = "item",
  [TAG_REPORT] = "report",
  [TAG_DEBUG] = "debug",
};

/* One open tag.  'list' receives the children: for group_policy it is the
** enclosing list (groups are flattened); check_type, condition, then and
** else have a list of their own (owns_list), moved into the block or the
** <if> node when the tag closes. */
typedef struct frame {
  tag_id id;
  unsigned line;
  GPtrArray *list;
  bool owns_list;
  const char *group;
  audit_node *node; /* the <if> node, or the item/report being read */
} frame;

typedef struct arena {
  GPtrArray *blocks; /* g_malloc'd blocks */
  char *cur;         /* free space in the last block */
  size_t left;
} arena;

/* One key of the item being read.  'value' is in the arena until the key
** repeats; then it moves to a growing heap buffer ('heap', 'cap' bytes). */
typedef struct kv_build {
  char *key;
  char *value;
  size_t len;
  size_t cap;
  bool heap;
  unsigned count;
  unsigned line;
} kv_build;

/* Items with more keys than this get a hash index instead of a scan. */
#define KV_SCAN_MAX 16

/* A tag attribute: name:"value" (quote is '"', '\'' or 0 for bare). */
typedef struct tag_attr {
  audit_span name;
  audit_span value;
  char quote;
} tag_attr;

/* A parsed tag.  attrs[0] is the tag's own value when written <name:"v">
** (its name is then the tag name). */
typedef struct tag {
  audit_span name;
  tag_id id;
  bool closing;
  bool self_closing;
  bool has_value;
  tag_attr attrs[TAG_MAX_ATTRS];
  unsigned n_attrs;
} tag;

typedef struct parser {
  const char *name; /* for messages */
  const char *text;
  size_t len;
  size_t pos;    /* start of the current line */
  unsigned line; /* its 1-based number */
  GError **error;

  frame *stack;
  unsigned depth;

  arena arena;          /* owns the document being built */
  GPtrArray *root;
  size_t n_nodes;
  GPtrArray *groups;    /* group names (in the arena) */

  GHashTable *vars;     /* name -> value */
  GPtrArray *var_order; /* declared names in file order (owned by vars) */
  size_t subst_budget;

  GArray *kvs;          /* kv_build of the item being read */
  GHashTable *kv_index; /* key (case-insensitive) -> index + 1, or NULL */

  GArray *blocks;       /* audit_block of every <check_type>, items set on close */
  unsigned if_depth;    /* open <if> tags */
} parser;

/* Record an error "NAME:LINE: message" and return false. */
G_GNUC_PRINTF (4, 5) static bool
fail (parser *p, audit_error_code code, unsigned line, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (p->error, AUDIT_ERROR, code, "%s:%u: %s", p->name, line, msg);
  g_free (msg);
  return false;
}

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static const char *
skip_blanks (const char *s, const char *e)
{
  while (s < e && is_blank (*s))
    s++;
  return s;
}

static const char *
trim_end (const char *s, const char *e)
{
  while (e > s && is_blank (e[-1]))
    e--;
  return e;
}

/* Length of the longest prefix of S (NUL-terminated, valid UTF-8) of at
** most MAX bytes that does not split a character: what messages quote. */
static int
utf8_cut (const char *s, size_t max)
{
  size_t n = strlen (s);

  if (n <= max)
    return (int) n;
  n = max;
  while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
    n--;
  return (int) n;
}

static bool
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* S equals the lower-case WORD, ignoring ASCII case. */
static bool
span_eq_ci (audit_span s, const char *word)
{
  size_t i;

  for (i = 0; i < s.len; i++)
    if (word[i] == '\0' || lower (s.ptr[i]) != word[i])
      return false;
  return word[i] == '\0';
}

static bool
str_eq_ci (const char *a, const char *b)
{
  for (; *a && lower (*a) == lower (*b); a++, b++)
    ;
  return lower (*a) == lower (*b);
}

/* End offset of the line holding offset I (position of its '\n' or len). */
static size_t
line_end_at (const parser *p, size_t i)
{
  const char *nl = memchr (p->text + i, '\n', p->len - i);
  return nl ? (size_t) (nl - p->text) : p->len;
}

/* Move to the line after the one ending at END (a '\n' or the text end). */
static void
next_line_after (parser *p, size_t end)
{
  p->pos = end < p->len ? end + 1 : p->len;
  p->line++;
}

/* Count the line breaks in [FROM, TO) (for values spanning lines). */
static unsigned
count_newlines (const parser *p, size_t from, size_t to)
{
  unsigned n = 0;
  const char *s = p->text + from, *e = p->text + to;

  while (s < e && (s = memchr (s, '\n', (size_t) (e - s))))
    {
      n++;
      s++;
    }
  return n;
}

/* }==================================================================== */

/* {====================================================================
** Arena: every string, node and array of a document lives in a few large
** blocks, so building is a pointer bump and freeing is a handful of frees.
** ===================================================================== */

#define ARENA_BLOCK ((size_t) 64 * 1024)

static void
arena_init (arena *a)
{
  a->blocks = g_ptr_array_new_with_free_func (g_free);
  a->cur = NULL;
  a->left = 0;
}

/* N bytes aligned for any field of the public structs. */
static void *
arena_alloc (arena *a, size_t n)
{
  void *r;

  n = (n + 7) & ~(size_t) 7;
  if (n > a->left)
    {
      if (n > ARENA_BLOCK / 4)
        {
          r = g_malloc (n); /* big values get a block of their own */
          g_ptr_array_add (a->blocks, r);
          return r;
        }
      a->cur = g_malloc (ARENA_BLOCK);
      a->left = ARENA_BLOCK;
      g_ptr_array_add (a->blocks, a->cur);
    }
  r = a->cur;
  a->cur += n;
  a->left -= n;
  return r;
}

static void *
arena_alloc0 (arena *a, size_t n)
{
  return memset (arena_alloc (a, n), 0, n);
}

static char *
arena_strndup (arena *a, const char *s, size_t n)
{
  char *r = arena_alloc (a, n + 1);

  memcpy (r, s, n);
  r[n] = '\0';
  return r;
}

/* }==================================================================== */

/* {====================================================================
** Nodes and documents
** ===================================================================== */

/* Copy the pointers of SRC into the arena and free SRC. */
static void
list_take (parser *p, audit_list *dst, GPtrArray *src)
{
  dst->len = src->len;
  dst->nodes = NULL;
  if (src->len)
    {
      dst->nodes = arena_alloc (&p->arena, src->len * sizeof (audit_node *));
      memcpy (dst->nodes, src->pdata, src->len * sizeof (audit_node *));
    }
  g_ptr_array_free (src, TRUE);
}

/* A document and the arena blocks holding everything it points to. */
typedef struct doc_impl {
  audit_doc doc;
  GPtrArray *blocks;
} doc_impl;

void
audit_doc_free (audit_doc *doc)
{
  doc_impl *impl = (doc_impl *) doc;

  if (!doc)
    return;
  g_ptr_array_free (impl->blocks, TRUE);
  g_free (impl);
}

/* A new node of KIND opened at the current line, appended to the list of
** the innermost frame; NULL (error set) past AUDIT_MAX_NODES. */
static audit_node *
node_new (parser *p, audit_node_kind kind)
{
  frame *top = &p->stack[p->depth - 1];
  audit_node *node;

  if (p->n_nodes >= AUDIT_MAX_NODES)
    {
      fail (p, AUDIT_ERROR_LIMIT, p->line, "more than %d items", AUDIT_MAX_NODES);
      return NULL;
    }
  node = arena_alloc0 (&p->arena, sizeof *node);
  node->kind = kind;
  node->line = p->line;
  node->group = top->group;
  g_ptr_array_add (top->list, node);
  p->n_nodes++;
  return node;
}

/* }==================================================================== */

/* {====================================================================
** Values
** ===================================================================== */

/* Make the final value of the raw text RAW: variables replaced, then
** unescaped for QUOTE ('"' or '\'') or copied with CR LF -> LF (QUOTE 0). */
static bool
make_value (parser *p, const char *raw, size_t len, char quote, char **out,
            size_t *out_len)
{
  char *subst = NULL;
  size_t subst_len = 0;
  int r = audit_text_subst (raw, len, p->vars, &p->subst_budget, &subst, &subst_len);

  if (r < 0)
    return fail (p, AUDIT_ERROR_LIMIT, p->line,
                 "variable substitution makes values larger than %zu bytes",
                 (size_t) AUDIT_MAX_INPUT);
  if (r > 0)
    {
      raw = subst;
      len = subst_len;
    }
  *out = arena_alloc (&p->arena, len + 1);
  *out_len = audit_text_unescape_into (raw, len, quote, *out);
  g_free (subst);
  return true;
}

/* True when only blanks follow offset I up to the end of its line. */
static bool
rest_of_line_blank (const parser *p, size_t i)
{
  while (i < p->len && is_blank (p->text[i]))
    i++;
  return i >= p->len || p->text[i] == '\n';
}

/*
** Find the quote closing the quoted text opened at offset Q.  Backslash
** escapes any character (the pair is skipped), except that a backslash
** followed by the quote and then the end of the line, on the line where
** the value opened, is a literal backslash before the closing quote:
** Windows registry paths are written "HKLM\Software\Policies\".  Returns
** false when the text ends first.
*/
static bool
find_closing_quote (const parser *p, size_t q, size_t *close)
{
  const char *t = p->text;
  char quote = t[q];
  bool same_line = true;
  size_t i = q + 1;

  /* line by line; inside a line, memchr for the quote (searched again
  ** only when an escape consumed it) and for a backslash before it, so
  ** every byte is looked at a bounded number of times */
  while (i < p->len)
    {
      size_t eol = line_end_at (p, i), qpos = i, hit;
      bool have_q = false;

      while (i < eol)
        {
          const char *f;

          if (!have_q || qpos < i)
            {
              f = memchr (t + i, quote, eol - i);
              qpos = f ? (size_t) (f - t) : eol;
              have_q = true;
            }
          f = memchr (t + i, '\\', qpos - i);
          if (!f)
            {
              if (qpos == eol)
                break;
              *close = qpos;
              return true;
            }
          hit = (size_t) (f - t);
          if (hit + 1 < eol && t[hit + 1] == quote && same_line
              && rest_of_line_blank (p, hit + 2))
            {
              *close = hit + 1; /* "...\" ending the opening line */
              return true;
            }
          i = hit + 2; /* skip the escaped character */
        }
      if (eol >= p->len)
        break;
      /* a backslash right before the newline escapes it: already skipped */
      i = MAX (i, eol + 1);
      same_line = false;
    }
  return false;
}

static bool
is_operator_at (const parser *p, size_t i)
{
  return i + 1 < p->len
         && ((p->text[i] == '|' && p->text[i + 1] == '|')
             || (p->text[i] == '&' && p->text[i + 1] == '&'));
}

static size_t
skip_blanks_at (const parser *p, size_t i)
{
  while (i < p->len && is_blank (p->text[i]))
    i++;
  return i;
}

/*
** After a first quoted part ending at offset I, read the rest of a
** compound value: more parts (quoted, possibly on the next line after a
** trailing operator, or bare words) joined by || or &&, or any trailing
** text up to the end of the line.  Returns the end offset of the value
** text, or false on an unterminated quote (error set).
*/
static bool
scan_compound_tail (parser *p, size_t i, unsigned open_line, size_t *end)
{
  for (;;)
    {
      size_t close;

      i = skip_blanks_at (p, i);
      if (i >= p->len || p->text[i] == '\n')
        break;
      if (!is_operator_at (p, i))
        {
          i = line_end_at (p, i); /* other trailing text: kept verbatim */
          break;
        }
      i = skip_blanks_at (p, i + 2);
      if (i < p->len && p->text[i] == '\n')
        {
          /* "a" ||  <newline>  "b": continue only onto a quoted part */
          size_t nxt = skip_blanks_at (p, i + 1);
          if (nxt >= p->len || (p->text[nxt] != '"' && p->text[nxt] != '\''))
            break;
          i = nxt;
        }
      if (i >= p->len)
        break;
      if (p->text[i] == '"' || p->text[i] == '\'')
        {
          if (!find_closing_quote (p, i, &close))
            return fail (p, AUDIT_ERROR_SYNTAX, open_line,
                         "unterminated quoted value");
          i = close + 1;
        }
      else
        while (i < p->len && !is_blank (p->text[i]) && p->text[i] != '\n')
          i++;
    }
  /* drop blanks before the end */
  while (i > 0 && i <= p->len && is_blank (p->text[i - 1]))
    i--;
  *end = i;
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Item bodies
** ===================================================================== */

static guint
ascii_case_hash (gconstpointer key)
{
  const unsigned char *k = key;
  guint h = 5381;

  while (*k)
    h = h * 33 + (guint) (unsigned char) lower ((char) *k++);
  return h;
}

static gboolean
ascii_case_equal (gconstpointer a, gconstpointer b)
{
  return str_eq_ci (a, b);
}

static void
kvs_reset (parser *p)
{
  guint i;

  for (i = 0; i < p->kvs->len; i++)
    {
      kv_build *kb = &g_array_index (p->kvs, kv_build, i);
      if (kb->heap)
        g_free (kb->value);
    }
  g_array_set_size (p->kvs, 0);
  if (p->kv_index)
    g_hash_table_destroy (p->kv_index);
  p->kv_index = NULL;
}

/* Index (0-based) of KEY among the keys read so far, or -1.  Small items
** are scanned; past KV_SCAN_MAX keys a hash index keeps this O(1). */
static gssize
kvs_lookup (parser *p, const char *key)
{
  guint i;

  if (p->kv_index)
    return (gssize) GPOINTER_TO_UINT (g_hash_table_lookup (p->kv_index, key)) - 1;
  for (i = 0; i < p->kvs->len; i++)
    {
      const char *k = g_array_index (p->kvs, kv_build, i).key;
      if (str_eq_ci (k, key))
        return (gssize) i;
    }
  return -1;
}

static void
kvs_index_add (parser *p, guint idx)
{
  guint i;

  if (!p->kv_index && p->kvs->len > KV_SCAN_MAX)
    {
      p->kv_index = g_hash_table_new (ascii_case_hash, ascii_case_equal);
      for (i = 0; i < idx; i++)
        g_hash_table_insert (p->kv_index, g_array_index (p->kvs, kv_build, i).key,
                             GUINT_TO_POINTER (i + 1));
    }
  if (p->kv_index)
    g_hash_table_insert (p->kv_index, g_array_index (p->kvs, kv_build, idx).key,
                         GUINT_TO_POINTER (idx + 1));
}

/* Longest piece of a key quoted in a message (keys are ASCII). */
#define KEY_QUOTE_MAX 64

/* Add KEY = VALUE (in the arena) to the item being read.  Keys are compared
** case-insensitively; only AUDIT_REPEATABLE_KEY may come again: the new
** value is appended after a newline, in a heap buffer that doubles as
** needed.  Any other repeated key is an error naming both lines. */
static bool
kvs_add (parser *p, audit_span key, char *value, size_t value_len, unsigned line)
{
  char *name = arena_strndup (&p->arena, key.ptr, key.len);
  gssize idx = kvs_lookup (p, name);
  kv_build *kb;

  if (idx >= 0)
    {
      size_t need;

      kb = &g_array_index (p->kvs, kv_build, idx);
      if (!str_eq_ci (name, AUDIT_REPEATABLE_KEY))
        return fail (p, AUDIT_ERROR_SYNTAX, line, "key '%.*s' given twice (first at line %u)",
                     (int) MIN (key.len, KEY_QUOTE_MAX), key.ptr, kb->line);
      need = kb->len + 1 + value_len + 1;
      if (!kb->heap || need > kb->cap)
        {
          size_t cap = MAX (need, 2 * kb->cap);
          char *grown = g_malloc (cap);

          memcpy (grown, kb->value, kb->len);
          if (kb->heap)
            g_free (kb->value);
          kb->value = grown;
          kb->cap = cap;
          kb->heap = true;
        }
      kb->value[kb->len] = '\n';
      memcpy (kb->value + kb->len + 1, value, value_len + 1);
      kb->len += 1 + value_len;
      kb->count++;
      return true;
    }
  g_array_set_size (p->kvs, p->kvs->len + 1);
  kb = &g_array_index (p->kvs, kv_build, p->kvs->len - 1);
  kb->key = name;
  kb->value = value;
  kb->len = value_len;
  kb->cap = value_len + 1;
  kb->heap = false;
  kb->count = 1;
  kb->line = line;
  kvs_index_add (p, p->kvs->len - 1);
  return true;
}

/* Move the keys read so far into NODE. */
static void
kvs_finish (parser *p, audit_node *node)
{
  guint i;

  node->n_kvs = p->kvs->len;
  node->kvs = p->kvs->len ? arena_alloc (&p->arena, p->kvs->len * sizeof (audit_kv)) : NULL;
  for (i = 0; i < p->kvs->len; i++)
    {
      kv_build *kb = &g_array_index (p->kvs, kv_build, i);
      audit_kv *kv = &node->kvs[i];

      kv->key = kb->key;
      kv->value = kb->heap ? arena_strndup (&p->arena, kb->value, kb->len) : kb->value;
      kv->value_len = kb->len;
      kv->count = kb->count;
      kv->line = kb->line;
    }
  kvs_reset (p);
}

/*
** A "keyword : value" line of an item body; S..E is the trimmed line.
** Reads a quoted value across lines when needed and leaves p->pos/p->line
** on the line after the value.
*/
static bool
parse_body_line (parser *p, const char *s, const char *e)
{
  const frame *top = &p->stack[p->depth - 1];
  unsigned line = p->line;
  const char *k = s, *v;
  audit_span key;
  char *value;
  size_t value_len, end = 0;

  while (k < e && is_ident_char (*k))
    k++;
  key.ptr = s;
  key.len = (size_t) (k - s);
  v = skip_blanks (k, e);
  if (key.len == 0 || v == e || *v != ':')
    return fail (p, AUDIT_ERROR_SYNTAX, line,
                 "expected 'keyword : value' in <%s> (opened at line %u)",
                 tag_names[top->id], top->line);
  v = skip_blanks (v + 1, e);

  if (v < e && (*v == '"' || *v == '\''))
    {
      size_t q = (size_t) (v - p->text), close;

      if (!find_closing_quote (p, q, &close))
        return fail (p, AUDIT_ERROR_SYNTAX, line, "unterminated quoted value");
      if (rest_of_line_blank (p, close + 1))
        {
          if (!make_value (p, p->text + q + 1, close - q - 1, p->text[q],
                           &value, &value_len))
            return false;
          end = close + 1;
        }
      else
        {
          if (!scan_compound_tail (p, close + 1, line, &end)
              || !make_value (p, p->text + q, end - q, '\0', &value, &value_len))
            return false;
        }
      p->line += count_newlines (p, p->pos, end);
      if (!kvs_add (p, key, value, value_len, line))
        return false;
      next_line_after (p, line_end_at (p, end));
      return true;
    }

  if (!make_value (p, v, (size_t) (e - v), '\0', &value, &value_len))
    return false;
  if (!kvs_add (p, key, value, value_len, line))
    return false;
  next_line_after (p, line_end_at (p, p->pos));
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Tags
** ===================================================================== */

/* Upper- (UPPER) or lower-case S in place; returns S. */
static char *
ascii_case_in_place (char *s, bool upper)
{
  char *c;

  for (c = s; *c; c++)
    *c = upper ? g_ascii_toupper (*c) : g_ascii_tolower (*c);
  return s;
}

static tag_id
tag_lookup (audit_span name)
{
  size_t i;

  if (name.len < 2 || name.len > 12)
    return TAG_UNKNOWN;
  for (i = 1; i < G_N_ELEMENTS (tag_names); i++)
    if (lower (name.ptr[0]) == tag_names[i][0] && span_eq_ci (name, tag_names[i]))
      return (tag_id) i;
  return TAG_UNKNOWN;
}

/* Read an attribute value at *S: "quoted", 'quoted' or a bare word. */
static bool
read_attr_value (parser *p, const char **s, const char *e, const tag *t,
                 tag_attr *attr)
{
  const char *c = *s;

  if (c < e && (*c == '"' || *c == '\''))
    {
      char quote = *c++;
      const char *start = c;

      while (c < e && *c != quote)
        c += (*c == '\\' && c + 1 < e) ? 2 : 1;
      if (c >= e)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                     "unterminated quote in <%.*s> tag", (int) MIN (t->name.len, 64),
                     t->name.ptr);
      attr->value.ptr = start;
      attr->value.len = (size_t) (c - start);
      attr->quote = quote;
      *s = c + 1;
      return true;
    }
  while (c < e && !is_blank (*c) && *c != '>')
    c++;
  attr->value.ptr = *s;
  attr->value.len = (size_t) (c - *s);
  attr->quote = 0;
  *s = c;
  return true;
}

/*
** Parse one tag at *S (which points at '<') up to E: <name>, </name>,
** <name/>, <name:"v" attr:"v" ...>, blanks allowed around ':' and before
** '>'.  *S is left after the '>'.
*/
static bool
read_tag (parser *p, const char **s, const char *e, tag *t)
{
  const char *c = *s + 1;

  memset (t, 0, sizeof *t);
  if (c < e && *c == '/')
    {
      t->closing = true;
      c++;
    }
  t->name.ptr = c;
  while (c < e && is_ident_char (*c))
    c++;
  t->name.len = (size_t) (c - t->name.ptr);
  if (t->name.len == 0)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "malformed tag");
  t->id = tag_lookup (t->name);
  c = skip_blanks (c, e);
  if (!t->closing && c < e && *c == ':')
    {
      tag_attr *a = &t->attrs[t->n_attrs++];
      a->name = t->name;
      c = skip_blanks (c + 1, e);
      if (!read_attr_value (p, &c, e, t, a))
        return false;
      t->has_value = true;
      c = skip_blanks (c, e);
    }
  while (!t->closing && c < e && *c != '>' && *c != '/')
    {
      tag_attr *a;

      if (t->n_attrs >= TAG_MAX_ATTRS)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "too many attributes in <%.*s> tag",
                     (int) MIN (t->name.len, 64), t->name.ptr);
      a = &t->attrs[t->n_attrs++];
      a->name.ptr = c;
      while (c < e && is_ident_char (*c))
        c++;
      a->name.len = (size_t) (c - a->name.ptr);
      c = skip_blanks (c, e);
      if (a->name.len == 0 || c >= e || *c != ':')
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "malformed attribute in <%.*s> tag",
                     (int) MIN (t->name.len, 64), t->name.ptr);
      c = skip_blanks (c + 1, e);
      if (!read_attr_value (p, &c, e, t, a))
        return false;
      c = skip_blanks (c, e);
    }
  if (!t->closing && c < e && *c == '/')
    {
      t->self_closing = true;
      c = skip_blanks (c + 1, e);
    }
  if (c >= e || *c != '>')
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "malformed <%s%.*s> tag: missing '>'",
                 t->closing ? "/" : "", (int) MIN (t->name.len, 64), t->name.ptr);
  *s = c + 1;
  return true;
}

/* The decoded value of attribute NAME of T (NULL if absent; *OUT set). */
static bool
tag_attr_value (parser *p, const tag *t, const char *name, bool main_value,
                char **out)
{
  unsigned i;

  *out = NULL;
  for (i = 0; i < t->n_attrs; i++)
    {
      const tag_attr *a = &t->attrs[i];
      size_t len;

      if (main_value ? !(i == 0 && t->has_value)
                     : ((i == 0 && t->has_value) || !span_eq_ci (a->name, name)))
        continue;
      return make_value (p, a->value.ptr, a->value.len, a->quote ? a->quote : '\0',
                         out, &len);
    }
  return true;
}

static bool
push_frame (parser *p, tag_id id, GPtrArray *list, bool owns_list,
            const char *group, audit_node *node)
{
  frame *f;

  if (p->depth >= AUDIT_MAX_DEPTH)
    {
      if (owns_list)
        g_ptr_array_free (list, TRUE);
      return fail (p, AUDIT_ERROR_LIMIT, p->line, "tags nested deeper than %d",
                   AUDIT_MAX_DEPTH);
    }
  f = &p->stack[p->depth++];
  f->id = id;
  f->line = p->line;
  f->list = list;
  f->owns_list = owns_list;
  f->group = group;
  f->node = node;
  return true;
}

/* <check_type:"NAME" [version:"V"]>: a new block, whose top-level nodes
** collect in a list of its own until the block closes. */
static bool
open_check_type (parser *p, const tag *t)
{
  char *name, *version;
  audit_block *b;
  const char *c;

  if (!tag_attr_value (p, t, NULL, true, &name))
    return false;
  if (!name)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<check_type> without a name");
  for (c = name; *c && is_blank (*c); c++)
    ;
  if (!*c)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<check_type> with an empty name");
  if (!tag_attr_value (p, t, "version", false, &version))
    return false;
  g_array_set_size (p->blocks, p->blocks->len + 1);
  b = &g_array_index (p->blocks, audit_block, p->blocks->len - 1);
  b->check_type = name;
  b->version = version;
  b->line = p->line;
  return push_frame (p, TAG_CHECK_TYPE, g_ptr_array_new (), true, NULL, NULL);
}

/* </check_type>: the block's nodes go to the block and to the root list. */
static void
close_check_type (parser *p, GPtrArray *list)
{
  audit_block *b = &g_array_index (p->blocks, audit_block, p->blocks->len - 1);
  guint i;

  for (i = 0; i < list->len; i++)
    g_ptr_array_add (p->root, g_ptr_array_index (list, i));
  list_take (p, &b->items, list);
}

static bool
open_group (parser *p, const tag *t)
{
  frame *top = &p->stack[p->depth - 1];
  char *name;

  if (!tag_attr_value (p, t, NULL, true, &name))
    return false;
  if (!name)
    name = arena_strndup (&p->arena, "", 0);
  g_ptr_array_add (p->groups, name);
  return push_frame (p, TAG_GROUP_POLICY, top->list, false, name, NULL);
}

static bool
open_body (parser *p, const tag *t)
{
  static const audit_node_kind kinds[] = {
    [TAG_CUSTOM_ITEM] = AUDIT_NODE_CUSTOM_ITEM,
    [TAG_ITEM] = AUDIT_NODE_ITEM,
    [TAG_REPORT] = AUDIT_NODE_REPORT,
  };
  frame *top = &p->stack[p->depth - 1];
  audit_node *node = node_new (p, kinds[t->id]);

  if (!node)
    return false;
  if (t->id == TAG_REPORT)
    {
      if (!tag_attr_value (p, t, "type", false, &node->report_type))
        return false;
      if (!node->report_type)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<report> without a type");
      g_strstrip (node->report_type);
      ascii_case_in_place (node->report_type, true);
      if (g_ascii_strcasecmp (node->report_type, "PASSED")
          && g_ascii_strcasecmp (node->report_type, "FAILED")
          && g_ascii_strcasecmp (node->report_type, "WARNING")
          && g_ascii_strcasecmp (node->report_type, "ERROR"))
        return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                     "bad report type \"%.*s\" (expected PASSED, FAILED or WARNING)",
                     utf8_cut (node->report_type, 64), node->report_type);
    }
  return push_frame (p, t->id, top->list, false, top->group, node);
}

static bool
open_if (parser *p)
{
  frame *top = &p->stack[p->depth - 1];
  audit_node *node;

  if (p->if_depth >= AUDIT_MAX_IF_DEPTH)
    return fail (p, AUDIT_ERROR_LIMIT, p->line, "<if> nested deeper than %d levels",
                 AUDIT_MAX_IF_DEPTH);
  node = node_new (p, AUDIT_NODE_IF);
  if (!node || !push_frame (p, TAG_IF, top->list, false, top->group, node))
    return false;
  p->if_depth++;
  return true;
}

/* <condition type:"and|or" [auto:"RESULT"]>, <then>, <else> inside <if>. */
static bool
open_if_part (parser *p, const tag *t)
{
  frame *top = &p->stack[p->depth - 1];
  audit_node *node = top->node;

  if (t->id == TAG_CONDITION)
    {
      char *type;

      if (node->condition_type)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "second <condition> in <if> (opened at line %u)",
                     top->line);
      if (!tag_attr_value (p, t, "type", false, &type))
        return false;
      if (!type)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<condition> without a type");
      g_strstrip (type);
      if (g_ascii_strcasecmp (type, "and") && g_ascii_strcasecmp (type, "or"))
        return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                     "bad condition type \"%.*s\" (expected and or or)",
                     utf8_cut (type, 64), type);
      node->condition_type = ascii_case_in_place (type, false);
      if (!tag_attr_value (p, t, "auto", false, &node->auto_result))
        return false;
      if (node->auto_result)
        ascii_case_in_place (g_strstrip (node->auto_result), true);
      node->condition_line = p->line;
    }
  else if (!node->condition_type)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<%s> before <condition> in <if> (opened at line %u)",
                 tag_names[t->id], top->line);
  else if (t->id == TAG_THEN)
    {
      if (node->has_then)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "second <then> in <if> (opened at line %u)",
                     top->line);
      if (node->has_else)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<then> after <else> in <if> (opened at line %u)",
                     top->line);
      node->has_then = true;
    }
  else
    {
      if (node->has_else)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "second <else> in <if> (opened at line %u)",
                     top->line);
      node->has_else = true;
    }
  return push_frame (p, t->id, g_ptr_array_new (), true, top->group, node);
}

static bool
open_tag (parser *p, const tag *t)
{
  frame *top = p->depth ? &p->stack[p->depth - 1] : NULL;
  const char *name = tag_names[t->id];

  if (t->id == TAG_DEBUG)
    return true;
  if (t->id == TAG_UNKNOWN)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "unknown tag <%.*s>",
                 (int) MIN (t->name.len, 64), t->name.ptr);
  if (t->self_closing)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<%s/> cannot be empty", name);
  if (!top)
    return t->id == TAG_CHECK_TYPE
             ? open_check_type (p, t)
             : fail (p, AUDIT_ERROR_SYNTAX, p->line, "<%s> outside <check_type>", name);
  switch (top->id)
    {
    case TAG_CUSTOM_ITEM:
    case TAG_ITEM:
    case TAG_REPORT:
      return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                   "<%s> inside <%s>: <%s> opened at line %u is not closed", name,
                   tag_names[top->id], tag_names[top->id], top->line);
    case TAG_IF:
      if (t->id == TAG_CONDITION || t->id == TAG_THEN || t->id == TAG_ELSE)
        return open_if_part (p, t);
      return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                   "<%s> directly inside <if> (opened at line %u): expected <condition>, <then> or <else>",
                   name, top->line);
    default:
      break;
    }
  switch (t->id)
    {
    case TAG_CHECK_TYPE:
      return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<check_type> inside <%s> (opened at line %u)",
                   tag_names[top->id], top->line);
    case TAG_CONDITION:
    case TAG_THEN:
    case TAG_ELSE:
      return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<%s> outside <if>", name);
    case TAG_GROUP_POLICY:
      return open_group (p, t);
    case TAG_IF:
      return open_if (p);
    default:
      return open_body (p, t);
    }
}

/* Close the innermost frame (its tag matched). */
static bool
pop_frame (parser *p)
{
  frame *f = &p->stack[p->depth - 1];

  switch (f->id)
    {
    case TAG_CUSTOM_ITEM:
    case TAG_ITEM:
    case TAG_REPORT:
      kvs_finish (p, f->node);
      break;
    case TAG_IF:
      if (!f->node->condition_type)
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "<if> opened at line %u has no <condition>",
                     f->line);
      p->if_depth--;
      break;
    case TAG_CHECK_TYPE:
      close_check_type (p, f->list);
      break;
    case TAG_CONDITION:
      list_take (p, &f->node->condition, f->list);
      break;
    case TAG_THEN:
      list_take (p, &f->node->then_list, f->list);
      break;
    case TAG_ELSE:
      list_take (p, &f->node->else_list, f->list);
      break;
    default:
      break;
    }
  f->owns_list = false;
  p->depth--;
  return true;
}

static bool
close_tag (parser *p, const tag *t)
{
  unsigned i;

  if (t->id == TAG_DEBUG)
    return true;
  if (p->depth > 0 && p->stack[p->depth - 1].id == t->id && t->id != TAG_UNKNOWN)
    return pop_frame (p);
  for (i = p->depth; i-- > 0;)
    if (p->stack[i].id == t->id && t->id != TAG_UNKNOWN)
      {
        const frame *top = &p->stack[p->depth - 1];
        return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                     "mismatched </%s>: <%s> opened at line %u is not closed",
                     tag_names[t->id], tag_names[top->id], top->line);
      }
  return fail (p, AUDIT_ERROR_SYNTAX, p->line, "stray </%.*s>",
               (int) MIN (t->name.len, 64), t->name.ptr);
}

/* A line starting with '<' (S..E trimmed): one or more tags, optionally
** followed by a '#' comment. */
static bool
parse_tag_line (parser *p, const char *s, const char *e)
{
  while (s < e)
    {
      tag t;

      if (!read_tag (p, &s, e, &t))
        return false;
      if (!(t.closing ? close_tag (p, &t) : open_tag (p, &t)))
        return false;
      s = skip_blanks (s, e);
      if (s < e && *s == '#')
        break;
      if (s < e && *s != '<')
        return fail (p, AUDIT_ERROR_SYNTAX, p->line, "unexpected text after <%s%.*s> tag",
                     t.closing ? "/" : "", (int) MIN (t.name.len, 64), t.name.ptr);
    }
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Driver
** ===================================================================== */

static bool
parse_line (parser *p)
{
  size_t end = line_end_at (p, p->pos);
  const char *s = skip_blanks (p->text + p->pos, p->text + end);
  const char *e = trim_end (s, p->text + end);
  const frame *top = p->depth ? &p->stack[p->depth - 1] : NULL;

  if (s == e || *s == '#')
    ;
  else if (*s == '<')
    {
      if (!parse_tag_line (p, s, e))
        return false;
    }
  else if (top && (top->id == TAG_CUSTOM_ITEM || top->id == TAG_ITEM || top->id == TAG_REPORT))
    return parse_body_line (p, s, e);
  else if (!top)
    return fail (p, AUDIT_ERROR_SYNTAX, p->line, "text outside <check_type>");
  else
    return fail (p, AUDIT_ERROR_SYNTAX, p->line,
                 "unexpected text in <%s> (opened at line %u): expected a tag",
                 tag_names[top->id], top->line);
  next_line_after (p, end);
  return true;
}

static bool
parse_all (parser *p)
{
  while (p->pos < p->len)
    if (!parse_line (p))
      return false;
  if (p->depth > 0)
    {
      const frame *top = &p->stack[p->depth - 1];
      return fail (p, AUDIT_ERROR_SYNTAX, top->line, "unclosed <%s>", tag_names[top->id]);
    }
  if (p->blocks->len == 0)
    return fail (p, AUDIT_ERROR_SYNTAX, 1, "no <check_type> block");
  return true;
}

/* Report the line of the first NUL byte, if any. */
static bool
check_no_nul (parser *p)
{
  const char *nul = memchr (p->text, '\0', p->len);

  if (!nul)
    return true;
  return fail (p, AUDIT_ERROR_ENCODING, 1 + count_newlines (p, 0, (size_t) (nul - p->text)),
               "NUL byte in input%s",
               nul - p->text < 2 ? " (UTF-16 without a byte order mark?)" : "");
}

/* Load declared variables, then apply the caller's overrides. */
static void
setup_vars (parser *p, const audit_parse_opts *opts)
{
  size_t i;

  audit_text_collect_vars (p->text, p->len, p->vars, p->var_order);
  for (i = 0; opts && i < opts->n_overrides; i++)
    {
      const audit_var_override *o = &opts->overrides[i];

      if (!o->name || !o->value)
        continue;
      /* values reach the document: bring them to UTF-8 like the text */
      if (g_hash_table_contains (p->vars, o->name))
        g_hash_table_insert (p->vars, g_strdup (o->name), audit_text_to_utf8 (o->value)); /* keeps the old key */
      else if (opts->override_undeclared && audit_text_is_var_name (o->name))
        {
          char *key = g_strdup (o->name);
          g_hash_table_insert (p->vars, key, audit_text_to_utf8 (o->value));
          g_ptr_array_add (p->var_order, key);
        }
    }
}

static void
parser_init (parser *p, const char *text, size_t len, const char *name, GError **error)
{
  memset (p, 0, sizeof *p);
  p->name = name ? name : "<string>";
  p->text = text;
  p->len = len;
  p->line = 1;
  p->error = error;
  p->stack = g_new0 (frame, AUDIT_MAX_DEPTH);
  arena_init (&p->arena);
  p->root = g_ptr_array_new ();
  p->groups = g_ptr_array_new ();
  p->vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->var_order = g_ptr_array_new ();
  p->subst_budget = AUDIT_MAX_INPUT;
  p->kvs = g_array_new (FALSE, TRUE, sizeof (kv_build));
  p->blocks = g_array_new (FALSE, TRUE, sizeof (audit_block));
}

/* Free the parser; on failure also the document built so far (on success
** doc_build took the arena, the root list and the groups). */
static void
parser_clear (parser *p, bool failed)
{
  unsigned i;

  for (i = 0; i < p->depth; i++)
    if (p->stack[i].owns_list)
      g_ptr_array_free (p->stack[i].list, TRUE);
  g_free (p->stack);
  kvs_reset (p);
  g_array_free (p->kvs, TRUE);
  if (p->kv_index)
    g_hash_table_destroy (p->kv_index);
  if (failed)
    {
      g_ptr_array_free (p->root, TRUE);
      g_ptr_array_free (p->groups, TRUE);
      g_ptr_array_free (p->arena.blocks, TRUE);
    }
  g_ptr_array_free (p->var_order, TRUE);
  g_hash_table_destroy (p->vars);
  g_array_free (p->blocks, TRUE);
}

/* A header text (a span of the input) in the arena, or NULL. */
static char *
meta_string (parser *p, audit_span s)
{
  return s.ptr ? arena_strndup (&p->arena, s.ptr, s.len) : NULL;
}

/* Move the parse result into a new document. */
static audit_doc *
doc_build (parser *p)
{
  doc_impl *impl = g_new0 (doc_impl, 1);
  audit_doc *doc = &impl->doc;
  audit_header_meta meta;
  guint i;

  doc->n_blocks = p->blocks->len;
  doc->blocks = arena_alloc (&p->arena, p->blocks->len * sizeof (audit_block));
  memcpy (doc->blocks, p->blocks->data, p->blocks->len * sizeof (audit_block));
  doc->check_type = doc->blocks[0].check_type;
  doc->version = doc->blocks[0].version;
  list_take (p, &doc->root, p->root);
  doc->n_groups = p->groups->len;
  doc->groups = arena_alloc (&p->arena, (p->groups->len + 1) * sizeof (char *));
  if (p->groups->len)
    memcpy (doc->groups, p->groups->pdata, p->groups->len * sizeof (char *));
  doc->groups[p->groups->len] = NULL;
  g_ptr_array_free (p->groups, TRUE);
  doc->n_vars = p->var_order->len;
  doc->vars = doc->n_vars ? arena_alloc (&p->arena, doc->n_vars * sizeof (audit_var)) : NULL;
  for (i = 0; i < p->var_order->len; i++)
    {
      const char *name = g_ptr_array_index (p->var_order, i);
      const char *value = g_hash_table_lookup (p->vars, name);

      doc->vars[i].name = arena_strndup (&p->arena, name, strlen (name));
      doc->vars[i].value = arena_strndup (&p->arena, value, strlen (value));
    }
  audit_text_collect_meta (p->text, p->len, &meta);
  doc->policy_name = meta_string (p, meta.display_name.ptr ? meta.display_name : meta.spec_name);
  doc->policy_version = meta_string (p, meta.spec_version);
  impl->blocks = p->arena.blocks;
  return doc;
}

audit_doc *
audit_parse_string (const char *data, size_t len, const char *name,
                    const audit_parse_opts *opts, GError **error)
{
  const char *text;
  size_t text_len, bad = 0;
  char *owned;
  parser p;
  audit_doc *doc = NULL;
  audit_decode_status status;
  bool ok;

  g_return_val_if_fail (data || len == 0, NULL);
  if (!data)
    data = "";
  status = audit_text_decode (data, len, &text, &text_len, &owned, &bad);
  if (status == AUDIT_DECODE_TOO_BIG)
    {
      g_set_error (error, AUDIT_ERROR, AUDIT_ERROR_LIMIT, "%s:1: input larger than %zu bytes",
                   name ? name : "<string>", (size_t) AUDIT_MAX_INPUT);
      return NULL;
    }
  parser_init (&p, text, text_len, name, error);
  if (status == AUDIT_DECODE_BAD_UTF8)
    ok = fail (&p, AUDIT_ERROR_ENCODING, 1 + count_newlines (&p, 0, bad),
               "invalid UTF-8 (the file starts with a UTF-8 byte order mark)");
  else
    ok = check_no_nul (&p);
  if (ok)
    {
      setup_vars (&p, opts);
      ok = parse_all (&p);
    }
  if (ok)
    doc = doc_build (&p);
  parser_clear (&p, !ok);
  g_free (owned);
  return doc;
}

/* Read the whole file at PATH, refusing more than AUDIT_MAX_INPUT bytes
** (the check is made while reading, so pipes and growing files are safe). */
static bool
read_file_capped (const char *path, char **out, size_t *out_len, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  GByteArray *buf;
  struct stat st;

  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, AUDIT_ERROR, AUDIT_ERROR_IO, "%s: cannot open: %s", path,
                   g_strerror (err));
      return false;
    }
  if (fstat (fd, &st) != 0)
    memset (&st, 0, sizeof st);
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, AUDIT_ERROR, AUDIT_ERROR_IO, "%s: is a directory", path);
      return false;
    }
  buf = g_byte_array_sized_new (S_ISREG (st.st_mode) && st.st_size > 0
                                    && (size_t) st.st_size <= AUDIT_MAX_INPUT
                                  ? (guint) st.st_size + 1 : 65536);
  for (;;)
    {
      guint8 chunk[65536];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;
          g_set_error (error, AUDIT_ERROR, AUDIT_ERROR_IO, "%s: read error: %s", path,
                       g_strerror (err));
          break;
        }
      if (n == 0)
        {
          close (fd);
          *out_len = buf->len;
          *out = (char *) g_byte_array_free (buf, FALSE);
          return true;
        }
      /* UTF-16 may be up to twice the decoded limit */
      if (buf->len + (size_t) n > 2 * AUDIT_MAX_INPUT)
        {
          g_set_error (error, AUDIT_ERROR, AUDIT_ERROR_LIMIT, "%s:1: input larger than %zu bytes",
                       path, (size_t) AUDIT_MAX_INPUT);
          break;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  close (fd);
  g_byte_array_free (buf, TRUE);
  return false;
}

audit_doc *
audit_parse_file (const char *path, const audit_parse_opts *opts, GError **error)
{
  char *data;
  size_t len;
  audit_doc *doc;

  g_return_val_if_fail (path != NULL, NULL);
  if (!read_file_capped (path, &data, &len, error))
    return NULL;
  doc = audit_parse_string (data, len, path, opts, error);
  g_free (data);
  return doc;
}

/* }==================================================================== */

/* {====================================================================
** Queries
** ===================================================================== */

const audit_kv *
audit_node_find (const audit_node *node, const char *key)
{
  size_t i;

  if (!node || !key)
    return NULL;
  for (i = 0; i < node->n_kvs; i++)
    if (g_ascii_strcasecmp (node->kvs[i].key, key) == 0)
      return &node->kvs[i];
  return NULL;
}

const char *
audit_node_get (const audit_node *node, const char *key)
{
  const audit_kv *kv = audit_node_find (node, key);

  return kv ? kv->value : NULL;
}

const char *
audit_node_kind_name (audit_node_kind kind)
{
  switch (kind)
    {
    case AUDIT_NODE_CUSTOM_ITEM:
      return "custom_item";
    case AUDIT_NODE_ITEM:
      return "item";
    case AUDIT_NODE_REPORT:
      return "report";
    case AUDIT_NODE_IF:
      return "if";
    }
  return "?";
}

static bool
visit_list (const audit_list *list, unsigned depth, audit_visit_fn fn, void *user)
{
  size_t i;

  for (i = 0; i < list->len; i++)
    {
      const audit_node *n = list->nodes[i];

      if (!fn (n, depth, user))
        return false;
      if (n->kind == AUDIT_NODE_IF
          && (!visit_list (&n->condition, depth + 1, fn, user)
              || !visit_list (&n->then_list, depth + 1, fn, user)
              || !visit_list (&n->else_list, depth + 1, fn, user)))
        return false;
    }
  return true;
}

bool
audit_doc_visit (const audit_doc *doc, audit_visit_fn fn, void *user)
{
  return doc && fn ? visit_list (&doc->root, 0, fn, user) : true;
}

typedef struct count_ctx {
  audit_node_kind kind;
  size_t n;
} count_ctx;

static bool
count_one (const audit_node *node, unsigned depth, void *user)
{
  count_ctx *c = user;

  (void) depth;
  if (node->kind == c->kind)
    c->n++;
  return true;
}

size_t
audit_doc_count (const audit_doc *doc, audit_node_kind kind)
{
  count_ctx c = { kind, 0 };

  audit_doc_visit (doc, count_one, &c);
  return c.n;
}

/* }==================================================================== */

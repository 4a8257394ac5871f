/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tasklist_parse.c: shape-based parser for Windows tasklist output (table, /svc, CSV). */
#include "tasklist.h"
#include "ext_arena.h"

#include <string.h>

/* ------------------------------------------------------------------------
 * Lexical helpers.
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *p;
  size_t n;
} tl_span;

static inline gboolean
tl_is_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static inline gboolean
tl_is_digit (unsigned char c)
{
  return c >= '0' && c <= '9';
}

static tl_span
tl_trim (tl_span s)
{
  while (s.n > 0 && tl_is_space ((unsigned char) s.p[0]))
    s.p++, s.n--;
  while (s.n > 0 && tl_is_space ((unsigned char) s.p[s.n - 1]))
    s.n--;
  return s;
}

static gboolean
tl_all_digits (tl_span s)
{
  if (s.n == 0 || s.n > 18)
    return FALSE;
  for (size_t i = 0; i < s.n; i++)
    if (!tl_is_digit ((unsigned char) s.p[i]))
      return FALSE;
  return TRUE;
}

static int64_t
tl_uint (tl_span s)
{
  int64_t v = 0;
  for (size_t i = 0; i < s.n; i++)
    v = v * 10 + (s.p[i] - '0');
  return v;
}

/* Memory text such as "12,345 K", "12.345 K", "12 345 Ko": the digits
 * before the unit, separators dropped; -1 when there are none. */
static int64_t
tl_mem_kb (tl_span s)
{
  int64_t v = 0;
  size_t digits = 0;
  for (size_t i = 0; i < s.n; i++)
    {
      unsigned char c = (unsigned char) s.p[i];
      if (tl_is_digit (c))
        {
          if (digits >= 18)
            return -1;
          v = v * 10 + (c - '0');
          digits++;
        }
      else if (g_ascii_isalpha (c))
        break;
    }
  return digits ? v : -1;
}

static gboolean
tl_is_text (const char *line, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) line[i];
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
        return FALSE;
    }
  return TRUE;
}

/* "N/A" and its translations: the services column holds no service. */
static gboolean
tl_is_not_applicable (tl_span s)
{
  static const char *const words[]
    = { "N/A", "N/D", "S/O", "N/V", "n. v.", "n.v.", "Nicht zutreffend",
        "Non applicabile", "Sans objet", "No aplicable", "Não aplicável" };
  for (size_t i = 0; i < G_N_ELEMENTS (words); i++)
    {
      size_t wl = strlen (words[i]);
      if (s.n == wl && g_ascii_strncasecmp (s.p, words[i], wl) == 0)
        return TRUE;
    }
  /* any "X/Y" of two letters */
  return s.n == 3 && s.p[1] == '/' && g_ascii_isalpha ((unsigned char) s.p[0])
         && g_ascii_isalpha ((unsigned char) s.p[2]);
}

/* ------------------------------------------------------------------------
 * Parser context.
 * --------------------------------------------------------------------- */

#define TL_MAX_COLS 16
#define TL_MAX_HEADER_LINES 4
#define TL_MAX_SERVICES 4096

typedef struct
{
  ext_arena arena;
  tasklist_result *res;
  size_t rows_cap;
  size_t max_rows;
  GHashTable *by_pid; /* int64 pid -> row index + 1 */
  /* fixed-width columns from the "=====" line */
  size_t ncols;
  size_t col_start[TL_MAX_COLS];
  size_t col_end[TL_MAX_COLS];
  /* services of the last row, still growing through continuation lines */
  GPtrArray *svc;
  size_t svc_row;     /* index of that row, or (size_t) -1 */
  gboolean svc_open;  /* continuation lines may follow */
  size_t pending;
  size_t pending_first_line;
  size_t line_no;
} tl_ctx;

static void
tl_note_unparsed (tl_ctx *cx, size_t line_no, size_t count)
{
  if (count == 0)
    return;
  if (cx->res->first_unparsed_line == 0)
    cx->res->first_unparsed_line = line_no;
  cx->res->n_unparsed += count;
}

static void
tl_flush_pending (tl_ctx *cx, gboolean ok)
{
  if (cx->pending == 0)
    return;
  if (ok && cx->pending <= TL_MAX_HEADER_LINES)
    cx->res->n_skipped += cx->pending;
  else
    tl_note_unparsed (cx, cx->pending_first_line, cx->pending);
  cx->pending = 0;
}

/* Move the growing service list into the arena and attach it to its row. */
static void
tl_close_services (tl_ctx *cx)
{
  if (cx->svc_row != (size_t) -1 && cx->svc->len > 0)
    {
      const char **arr = ext_arena_alloc (&cx->arena, (cx->svc->len + 1) * sizeof *arr);
      for (guint i = 0; i < cx->svc->len; i++)
        arr[i] = g_ptr_array_index (cx->svc, i);
      arr[cx->svc->len] = NULL;
      tasklist_row *row = &cx->res->rows[cx->svc_row];
      row->services = arr;
      row->n_services = cx->svc->len;
    }
  g_ptr_array_set_size (cx->svc, 0);
  cx->svc_row = (size_t) -1;
  cx->svc_open = FALSE;
}

/* Append the comma-separated services in s to the open list. */
static void
tl_add_services (tl_ctx *cx, tl_span s)
{
  s = tl_trim (s);
  if (s.n == 0 || tl_is_not_applicable (s))
    return;
  size_t i = 0;
  while (i < s.n)
    {
      size_t start = i;
      while (i < s.n && s.p[i] != ',')
        i++;
      tl_span one = tl_trim ((tl_span){ s.p + start, i - start });
      if (one.n > 0 && cx->svc_row != (size_t) -1 && cx->svc->len < TL_MAX_SERVICES)
        g_ptr_array_add (cx->svc, (gpointer) ext_arena_str (&cx->arena, one.p, one.n));
      i++;
    }
}

/* Start a row; NULL when the PID is a duplicate or the cap is reached. */
static tasklist_row *
tl_new_row (tl_ctx *cx, tl_span image, int64_t pid)
{
  tasklist_result *res = cx->res;
  tl_close_services (cx);
  if (g_hash_table_contains (cx->by_pid, &pid))
    {
      res->n_duplicates++;
      return NULL;
    }
  if (res->n_rows >= cx->max_rows)
    {
      res->truncated = TRUE;
      return NULL;
    }
  if (res->n_rows == cx->rows_cap)
    {
      size_t cap = cx->rows_cap ? cx->rows_cap * 2 : 64;
      if (cap > cx->max_rows)
        cap = cx->max_rows;
      res->rows = g_renew (tasklist_row, res->rows, cap);
      cx->rows_cap = cap;
    }
  size_t idx = res->n_rows++;
  tasklist_row *row = &res->rows[idx];
  memset (row, 0, sizeof *row);
  row->image = ext_arena_str (&cx->arena, image.p, image.n);
  row->pid = pid;
  row->session = -1;
  row->mem_kb = -1;
  row->line_no = cx->line_no;
  int64_t *key = ext_arena_alloc (&cx->arena, sizeof *key);
  *key = pid;
  g_hash_table_insert (cx->by_pid, key, GSIZE_TO_POINTER (idx + 1));
  cx->svc_row = idx;
  return row;
}

static void
tl_set_format (tl_ctx *cx, tasklist_format fmt)
{
  if (cx->res->format == TASKLIST_FMT_UNKNOWN)
    cx->res->format = fmt;
  if (fmt == TASKLIST_FMT_SVC_TABLE || fmt == TASKLIST_FMT_SVC_CSV)
    cx->res->has_services = TRUE;
}

/* ------------------------------------------------------------------------
 * CSV: "image","pid","services" or "image","pid","session","#","mem"[,...]
 * --------------------------------------------------------------------- */

#define TL_MAX_CSV_FIELDS 16

/* Split a CSV line; quotes may hold commas, "" is a quote.  Fields are
 * copied unquoted into buf (len bytes at most).  Returns the field count or
 * 0 when the line is not well-formed CSV. */
static size_t
tl_split_csv (const char *line, size_t len, char *buf, tl_span *f, size_t max)
{
  size_t nf = 0, i = 0, o = 0;
  while (i < len && tl_is_space ((unsigned char) line[i]))
    i++;
  while (i < len || nf == 0)
    {
      if (nf >= max)
        return 0;
      f[nf].p = buf + o;
      size_t start = o;
      if (i < len && line[i] == '"')
        {
          i++;
          for (;;)
            {
              if (i >= len)
                return 0;
              if (line[i] == '"')
                {
                  if (i + 1 < len && line[i + 1] == '"')
                    {
                      buf[o++] = '"';
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              buf[o++] = line[i++];
            }
          while (i < len && tl_is_space ((unsigned char) line[i]))
            i++;
        }
      else
        {
          while (i < len && line[i] != ',')
            buf[o++] = line[i++];
        }
      f[nf].n = o - start;
      nf++;
      if (i >= len)
        break;
      if (line[i] != ',')
        return 0;
      i++;
      if (i >= len)
        {
          f[nf].p = buf + o;
          f[nf].n = 0;
          nf++;
          break;
        }
    }
  return nf;
}

static gboolean
tl_try_csv (tl_ctx *cx, const char *line, size_t len)
{
  size_t i = 0;
  while (i < len && tl_is_space ((unsigned char) line[i]))
    i++;
  if (i >= len || line[i] != '"')
    return FALSE;
  char *buf = g_malloc (len + 1);
  tl_span f[TL_MAX_CSV_FIELDS + 1];
  size_t nf = tl_split_csv (line, len, buf, f, TL_MAX_CSV_FIELDS);
  gboolean handled = TRUE;
  if (nf < 2)
    {
      tl_flush_pending (cx, FALSE);
      tl_note_unparsed (cx, cx->line_no, 1);
    }
  else if (!tl_all_digits (tl_trim (f[1])))
    {
      /* header: "Image Name","PID",... in any language */
      tl_close_services (cx);
      if (cx->pending == 0)
        cx->pending_first_line = cx->line_no;
      cx->pending++;
    }
  else
    {
      tl_flush_pending (cx, TRUE);
      tl_span image = tl_trim (f[0]);
      tasklist_row *row = image.n ? tl_new_row (cx, image, tl_uint (tl_trim (f[1]))) : NULL;
      if (image.n == 0)
        tl_note_unparsed (cx, cx->line_no, 1);
      if (nf == 3)
        {
          tl_set_format (cx, TASKLIST_FMT_SVC_CSV);
          if (row != NULL)
            tl_add_services (cx, f[2]);
        }
      else
        {
          tl_set_format (cx, TASKLIST_FMT_CSV);
          if (row != NULL && nf >= 5)
            {
              tl_span sn = tl_trim (f[2]);
              row->session_name = ext_arena_str (&cx->arena, sn.p, sn.n);
              tl_span sess = tl_trim (f[3]);
              row->session = tl_all_digits (sess) ? tl_uint (sess) : -1;
              row->mem_kb = tl_mem_kb (f[4]);
            }
        }
      tl_close_services (cx);
    }
  g_free (buf);
  return handled;
}

/* ------------------------------------------------------------------------
 * Tables.
 * --------------------------------------------------------------------- */

/* "=====  ====  ====": record the column spans; FALSE if not such a line. */
static gboolean
tl_try_separator (tl_ctx *cx, const char *line, size_t len)
{
  size_t starts[TL_MAX_COLS], ends[TL_MAX_COLS], n = 0, i = 0;
  while (i < len)
    {
      if (tl_is_space ((unsigned char) line[i]))
        {
          i++;
          continue;
        }
      if (line[i] != '=')
        return FALSE;
      if (n >= TL_MAX_COLS)
        return FALSE;
      starts[n] = i;
      while (i < len && line[i] == '=')
        i++;
      ends[n] = i;
      n++;
    }
  if (n < 2)
    return FALSE;
  cx->ncols = n;
  for (size_t c = 0; c < n; c++)
    {
      cx->col_start[c] = starts[c];
      /* a column runs up to the next column's start (last: end of line) */
      cx->col_end[c] = c + 1 < n ? starts[c + 1] : (size_t) -1;
    }
  (void) ends;
  return TRUE;
}

static tl_span
tl_column (tl_ctx *cx, const char *line, size_t len, size_t c)
{
  size_t s = cx->col_start[c], e = cx->col_end[c];
  if (s > len)
    s = len;
  if (e > len)
    e = len;
  return tl_trim ((tl_span){ line + s, e - s });
}

/* Fill the session/mem fields of a plain-table row from the extra columns. */
static void
tl_fill_session (tl_ctx *cx, tasklist_row *row, tl_span name, tl_span num, tl_span mem)
{
  row->session_name = ext_arena_str (&cx->arena, name.p, name.n);
  row->session = tl_all_digits (num) ? tl_uint (num) : -1;
  row->mem_kb = tl_mem_kb (mem);
}

/* Row by the separator's column widths; FALSE when it does not fit. */
static gboolean
tl_try_fixed (tl_ctx *cx, const char *line, size_t len)
{
  if (cx->ncols < 3)
    return FALSE;
  tl_span image = tl_column (cx, line, len, 0);
  tl_span pid = tl_column (cx, line, len, 1);
  /* the image column must not spill into the PID column */
  if (cx->col_start[1] > 0 && cx->col_start[1] - 1 < len
      && !tl_is_space ((unsigned char) line[cx->col_start[1] - 1]))
    return FALSE;
  if (image.n == 0 && pid.n == 0)
    {
      if (cx->ncols != 3 || !cx->svc_open)
        return FALSE;
      tl_add_services (cx, tl_column (cx, line, len, 2));
      cx->res->n_skipped++;
      return TRUE;
    }
  if (image.n == 0 || !tl_all_digits (pid))
    return FALSE;
  tl_flush_pending (cx, TRUE);
  tasklist_row *row = tl_new_row (cx, image, tl_uint (pid));
  if (cx->ncols == 3)
    {
      tl_set_format (cx, TASKLIST_FMT_SVC_TABLE);
      if (row != NULL)
        {
          tl_add_services (cx, tl_column (cx, line, len, 2));
          cx->svc_open = TRUE;
        }
    }
  else
    {
      tl_set_format (cx, TASKLIST_FMT_TABLE);
      if (row != NULL && cx->ncols >= 5)
        tl_fill_session (cx, row, tl_column (cx, line, len, 2),
                         tl_column (cx, line, len, 3), tl_column (cx, line, len, 4));
    }
  return TRUE;
}

/* Services text without table widths must look like a name list. */
static gboolean
tl_plausible_services (tl_span s)
{
  for (size_t i = 0; i < s.n; i++)
    if (strchr ("\"()<>|:;=[]{}", s.p[i]) != NULL)
      return FALSE;
  return TRUE;
}

/* Row without usable widths: "<image> <pid> <rest>", the image being the
 * text before the first all-digit word that is not the first word. */
static gboolean
tl_try_shape (tl_ctx *cx, const char *line, size_t len)
{
  size_t i = 0;
  while (i < len && tl_is_space ((unsigned char) line[i]))
    i++;
  size_t img_start = i, word = 0;
  tl_span pid = { NULL, 0 };
  while (i < len)
    {
      size_t ws = i;
      while (i < len && !tl_is_space ((unsigned char) line[i]))
        i++;
      tl_span w = { line + ws, i - ws };
      if (word > 0 && tl_all_digits (w))
        {
          pid = w;
          break;
        }
      word++;
      while (i < len && tl_is_space ((unsigned char) line[i]))
        i++;
    }
  if (pid.p == NULL)
    return FALSE;
  tl_span image = tl_trim ((tl_span){ line + img_start, (size_t) (pid.p - line) - img_start });
  tl_span rest = tl_trim ((tl_span){ pid.p + pid.n, (size_t) (line + len - pid.p - pid.n) });
  /* plain listing: "<session name> <session#> <mem...> K" */
  tl_span tok[4];
  size_t nt = 0, j = 0;
  while (j < rest.n && nt < 4)
    {
      size_t ws = j;
      while (j < rest.n && !tl_is_space ((unsigned char) rest.p[j]))
        j++;
      tok[nt++] = (tl_span){ rest.p + ws, j - ws };
      while (j < rest.n && tl_is_space ((unsigned char) rest.p[j]))
        j++;
    }
  gboolean plain = nt >= 3 && tl_all_digits (tok[1]) && tl_is_digit ((unsigned char) tok[2].p[0])
                   && !tl_is_digit ((unsigned char) tok[0].p[0]);
  gboolean svc = !plain && rest.n > 0 && tl_plausible_services (rest)
                 && image.p[0] != '#';
  if (!plain && !svc)
    return FALSE;
  tl_flush_pending (cx, TRUE);
  tasklist_row *row = tl_new_row (cx, image, tl_uint (pid));
  if (plain)
    {
      tl_set_format (cx, TASKLIST_FMT_TABLE);
      if (row != NULL)
        {
          tl_span mem = { tok[2].p, (size_t) (rest.p + rest.n - tok[2].p) };
          tl_fill_session (cx, row, tok[0], tok[1], mem);
        }
    }
  else
    {
      tl_set_format (cx, TASKLIST_FMT_SVC_TABLE);
      if (row != NULL)
        {
          tl_add_services (cx, rest);
          cx->svc_open = TRUE;
        }
    }
  return TRUE;
}

/* Continuation without widths: indented service names after a /svc row. */
static gboolean
tl_try_continuation (tl_ctx *cx, const char *line, size_t len)
{
  if (!cx->svc_open || len == 0 || !tl_is_space ((unsigned char) line[0]))
    return FALSE;
  tl_span s = tl_trim ((tl_span){ line, len });
  for (size_t i = 0; i < s.n; i++)
    if (tl_is_digit ((unsigned char) s.p[i]) && (i == 0 || tl_is_space ((unsigned char) s.p[i - 1])))
      {
        size_t k = i;
        while (k < s.n && tl_is_digit ((unsigned char) s.p[k]))
          k++;
        if (k == s.n || tl_is_space ((unsigned char) s.p[k]))
          return FALSE; /* a bare number: not a service list */
      }
  tl_add_services (cx, s);
  cx->res->n_skipped++;
  return TRUE;
}

static void
tl_line (tl_ctx *cx, const char *line, size_t len)
{
  tasklist_result *res = cx->res;
  if (len > TASKLIST_MAX_LINE || !tl_is_text (line, len))
    {
      tl_close_services (cx);
      tl_flush_pending (cx, FALSE);
      tl_note_unparsed (cx, cx->line_no, 1);
      return;
    }
  tl_span all = tl_trim ((tl_span){ line, len });
  if (all.n == 0)
    {
      res->n_skipped++;
      tl_close_services (cx);
      return;
    }
  if (tl_try_csv (cx, line, len))
    return;
  if (tl_try_separator (cx, line, len))
    {
      tl_close_services (cx);
      tl_flush_pending (cx, TRUE);
      res->n_skipped++;
      return;
    }
  if (tl_try_fixed (cx, line, len))
    return;
  if (tl_try_continuation (cx, line, len))
    return;
  if (tl_try_shape (cx, line, len))
    return;
  tl_close_services (cx);
  if (cx->pending == 0)
    cx->pending_first_line = cx->line_no;
  cx->pending++;
}

/* Layout of tasklist_result.priv. */
typedef struct
{
  ext_arena *arena;
  GHashTable *by_pid; /* keys live in the arena */
} tl_priv;

tasklist_result *
tasklist_parse (const char *data, size_t len, const tasklist_options *opts)
{
  tasklist_result *res = g_new0 (tasklist_result, 1);
  tl_ctx cx;
  memset (&cx, 0, sizeof cx);
  cx.res = res;
  cx.max_rows = opts && opts->max_rows ? opts->max_rows : TASKLIST_DEFAULT_MAX_ROWS;
  cx.by_pid = g_hash_table_new (g_int64_hash, g_int64_equal);
  cx.svc = g_ptr_array_new ();
  cx.svc_row = (size_t) -1;
  if (data == NULL)
    len = 0;
  size_t pos = 0;
  while (pos < len)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      size_t end = nl ? (size_t) (nl - data) : len;
      cx.line_no++;
      tl_line (&cx, data + pos, end - pos);
      pos = nl ? end + 1 : len;
    }
  tl_close_services (&cx);
  tl_flush_pending (&cx, FALSE);
  res->n_lines = cx.line_no;
  g_ptr_array_free (cx.svc, TRUE);
  ext_arena *keep = g_new (ext_arena, 1);
  *keep = cx.arena;
  tl_priv *priv = g_new (tl_priv, 1);
  priv->arena = keep;
  priv->by_pid = cx.by_pid;
  res->priv = priv;
  return res;
}

const tasklist_row *
tasklist_find_pid (const tasklist_result *res, int64_t pid)
{
  if (res == NULL || res->priv == NULL)
    return NULL;
  const tl_priv *priv = res->priv;
  gsize v = GPOINTER_TO_SIZE (g_hash_table_lookup (priv->by_pid, &pid));
  return v ? &res->rows[v - 1] : NULL;
}

tasklist_result *
tasklist_parse_file (const char *path, const tasklist_options *opts, GError **error)
{
  gchar *buf = NULL;
  gsize n = 0;
  if (!g_file_get_contents (path, &buf, &n, error))
    return NULL;
  tasklist_result *res = tasklist_parse (buf, n, opts);
  g_free (buf);
  return res;
}

void
tasklist_result_free (tasklist_result *res)
{
  if (res == NULL)
    return;
  tl_priv *priv = res->priv;
  if (priv != NULL)
    {
      ext_arena_free (priv->arena);
      g_free (priv->arena);
      g_hash_table_destroy (priv->by_pid);
      g_free (priv);
    }
  g_free (res->rows);
  g_free (res);
}

const char *
tasklist_format_name (tasklist_format fmt)
{
  switch (fmt)
    {
    case TASKLIST_FMT_SVC_TABLE:
      return "svc-table";
    case TASKLIST_FMT_SVC_CSV:
      return "svc-csv";
    case TASKLIST_FMT_TABLE:
      return "table";
    case TASKLIST_FMT_CSV:
      return "csv";
    case TASKLIST_FMT_UNKNOWN:
    default:
      return "unknown";
    }
}

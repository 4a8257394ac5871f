/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netstat_parse.c: shape-based parser for netstat/ss/lsof socket listings. */
#include "netstat.h"
#include "ext_arena.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Memory: strings and process arrays live in an ext_arena (ext_arena.h);
 * the row array is an ext_big_alloc() block.
 * --------------------------------------------------------------------- */

/* ------------------------------------------------------------------------
 * Small lexical helpers (ASCII only, locale independent).
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *p;
  size_t n;
} ns_tok;

#define NS_MAX_TOKENS 40

static inline gboolean
ns_is_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static inline gboolean
ns_is_digit (unsigned char c)
{
  return c >= '0' && c <= '9';
}

/* Split a line into whitespace-separated tokens; returns the count (at
 * most max, the rest of the line is ignored). */
static size_t
ns_tokenize (const char *line, size_t len, ns_tok *toks, size_t max)
{
  size_t n = 0, i = 0;
  while (i < len && n < max)
    {
      while (i < len && ns_is_space ((unsigned char) line[i]))
        i++;
      if (i >= len)
        break;
      size_t start = i;
      while (i < len && !ns_is_space ((unsigned char) line[i]))
        i++;
      toks[n].p = line + start;
      toks[n].n = i - start;
      n++;
    }
  return n;
}

/* First occurrence of needle (nn >= 1 bytes) in hay, or NULL. */
static const char *
ns_memmem (const char *hay, size_t hn, const char *needle, size_t nn)
{
  if (nn == 0 || hn < nn)
    return NULL;
  const char *end = hay + hn - nn + 1;
  const char *p = hay;
  while (p < end)
    {
      const char *c = memchr (p, needle[0], (size_t) (end - p));
      if (c == NULL)
        return NULL;
      if (memcmp (c, needle, nn) == 0)
        return c;
      p = c + 1;
    }
  return NULL;
}

static gboolean
ns_tok_is_uint (ns_tok t)
{
  if (t.n == 0 || t.n > 18)
    return FALSE;
  for (size_t i = 0; i < t.n; i++)
    if (!ns_is_digit ((unsigned char) t.p[i]))
      return FALSE;
  return TRUE;
}

/* Value of an all-digit token of at most 18 digits. */
static int64_t
ns_tok_uint (ns_tok t)
{
  int64_t v = 0;
  for (size_t i = 0; i < t.n; i++)
    v = v * 10 + (t.p[i] - '0');
  return v;
}

static gboolean
ns_tok_ieq (ns_tok t, const char *word)
{
  size_t wl = strlen (word);
  return t.n == wl && g_ascii_strncasecmp (t.p, word, wl) == 0;
}

static gboolean
ns_tok_eq (ns_tok t, const char *word)
{
  size_t wl = strlen (word);
  return t.n == wl && memcmp (t.p, word, wl) == 0;
}

/* Text-like line: no control bytes other than tab/CR, no NUL. */
static gboolean
ns_is_text (const char *line, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) line[i];
      if (c < 0x20 && c != '\t' && c != '\r')
        return FALSE;
      if (c == 0x7f)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Endpoints: "addr:port", "[v6]:port", "[v6%zone]:port", "[v6]%if:port",
 * "a.b.c.d%if:port", ":::22", "*:*", "host:service".
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *addr;
  size_t addr_n;
  const char *scope; /* "%if" after a closing bracket (ss), else NULL */
  size_t scope_n;
  int port;          /* -1 for "*" or a service name */
  const char *svc;   /* service name, else NULL */
  size_t svc_n;
  int family;        /* 4, 6 or 0 */
} ns_endpoint;

/* Address text is checked by structure, not alphabet (host names, IDN,
 * redactions): any visible byte is accepted. */
static gboolean
ns_addr_char_ok (unsigned char c)
{
  return c > 0x20 && c != 0x7f;
}

/* Family of an address text (zone id ignored). */
static int
ns_addr_family (const char *a, size_t n)
{
  size_t dots = 0, colons = 0;
  gboolean digits_only = TRUE;
  for (size_t i = 0; i < n && a[i] != '%'; i++)
    {
      if (a[i] == ':')
        colons++;
      else if (a[i] == '.')
        dots++;
      else if (!ns_is_digit ((unsigned char) a[i]))
        digits_only = FALSE;
    }
  if (colons >= 2)
    return 6;
  if (colons == 0 && dots == 3 && digits_only)
    return 4;
  return 0;
}

/* Port part: digits (<= 65535), "*", or a service name. */
static gboolean
ns_parse_port (const char *p, size_t n, ns_endpoint *ep)
{
  ep->port = -1;
  ep->svc = NULL;
  ep->svc_n = 0;
  if (n == 0 || n > 64)
    return FALSE;
  if (n == 1 && p[0] == '*')
    return TRUE;
  gboolean all_digits = TRUE;
  for (size_t i = 0; i < n; i++)
    if (!ns_is_digit ((unsigned char) p[i]))
      all_digits = FALSE;
  if (all_digits)
    {
      if (n > 5)
        return FALSE;
      int v = 0;
      for (size_t i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
      if (v > 65535)
        return FALSE;
      ep->port = v;
      return TRUE;
    }
  if (!g_ascii_isalpha ((unsigned char) p[0]))
    return FALSE;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) p[i];
      if (!g_ascii_isalnum (c) && c != '-' && c != '_' && c != '.' && c != '+'
          && c != '/')
        return FALSE;
    }
  ep->svc = p;
  ep->svc_n = n;
  return TRUE;
}

static gboolean
ns_parse_endpoint (ns_tok t, ns_endpoint *ep)
{
  memset (ep, 0, sizeof *ep);
  if (t.n < 3 || t.n > 200)
    return FALSE;
  const char *p = t.p;
  size_t n = t.n;
  size_t port_at;
  if (p[0] == '[')
    {
      const char *close = memchr (p, ']', n);
      if (close == NULL)
        return FALSE;
      size_t cl = (size_t) (close - p);
      ep->addr = p + 1;
      ep->addr_n = cl - 1;
      size_t i = cl + 1;
      if (i < n && p[i] == '%')
        {
          size_t s = i;
          while (i < n && p[i] != ':')
            i++;
          ep->scope = p + s;
          ep->scope_n = i - s;
        }
      if (i >= n || p[i] != ':')
        return FALSE;
      port_at = i + 1;
    }
  else
    {
      const char *colon = NULL;
      for (size_t i = n; i > 0; i--)
        if (p[i - 1] == ':')
          {
            colon = p + i - 1;
            break;
          }
      if (colon == NULL)
        return FALSE;
      ep->addr = p;
      ep->addr_n = (size_t) (colon - p);
      port_at = (size_t) (colon - p) + 1;
    }
  if (ep->addr_n == 0)
    return FALSE;
  for (size_t i = 0; i < ep->addr_n; i++)
    if (!ns_addr_char_ok ((unsigned char) ep->addr[i]))
      return FALSE;
  for (size_t i = 0; i < ep->scope_n; i++)
    if (!ns_addr_char_ok ((unsigned char) ep->scope[i]))
      return FALSE;
  if (!ns_parse_port (p + port_at, n - port_at, ep))
    return FALSE;
  ep->family = ns_addr_family (ep->addr, ep->addr_n);
  return TRUE;
}

/* Peer that means "any": 0.0.0.0:0, [::]:0, *:*, 0.0.0.0:*, ... */
static gboolean
ns_endpoint_is_wildcard (const ns_endpoint *ep)
{
  if (ep->port > 0 || ep->svc != NULL)
    return FALSE;
  if (ep->addr_n == 1 && ep->addr[0] == '*')
    return TRUE;
  for (size_t i = 0; i < ep->addr_n; i++)
    if (ep->addr[i] != '0' && ep->addr[i] != '.' && ep->addr[i] != ':')
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------
 * State words.  A word (several tokens joined by '_') is reduced to a
 * skeleton: ASCII letters upper-cased, '-' and ' ' become '_', and every run
 * of non-ASCII bytes (UTF-8, Latin-1, CP850/CP437, mojibake) or '?' becomes
 * one '?'.  So "ABHÖREN" in any encoding is "ABH?REN".
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *skeleton;
  const char *state;
} ns_state_word;

static const ns_state_word ns_state_words[] = {
  /* English: Windows, net-tools, ss, lsof */
  { "LISTEN", "LISTEN" }, { "LISTENING", "LISTEN" },
  { "ESTABLISHED", "ESTABLISHED" }, { "ESTAB", "ESTABLISHED" },
  { "SYN_SENT", "SYN_SENT" }, { "SYN_RECV", "SYN_RECV" },
  { "SYN_RECEIVED", "SYN_RECV" }, { "SYN_RCVD", "SYN_RECV" },
  { "FIN_WAIT1", "FIN_WAIT1" }, { "FIN_WAIT_1", "FIN_WAIT1" },
  { "FIN_WAIT2", "FIN_WAIT2" }, { "FIN_WAIT_2", "FIN_WAIT2" },
  { "TIME_WAIT", "TIME_WAIT" }, { "CLOSE_WAIT", "CLOSE_WAIT" },
  { "LAST_ACK", "LAST_ACK" }, { "CLOSING", "CLOSING" },
  { "CLOSED", "CLOSED" }, { "CLOSE", "CLOSED" },
  { "DELETE_TCB", "DELETE_TCB" }, { "BOUND", "BOUND" },
  { "UNCONN", "" }, { "IDLE", "" }, { "UNKNOWN", "UNKNOWN" },
  /* German (Windows and net-tools) */
  { "ABH?REN", "LISTEN" }, { "ABHOEREN", "LISTEN" }, { "ABHOREN", "LISTEN" },
  { "H?REN", "LISTEN" }, { "HOEREN", "LISTEN" },
  { "HERGESTELLT", "ESTABLISHED" }, { "VERBUNDEN", "ESTABLISHED" },
  { "WARTEND", "TIME_WAIT" }, { "ZEIT_WARTEN", "TIME_WAIT" },
  { "SCHLIESSEN_WARTEN", "CLOSE_WAIT" }, { "SCHLIE?EN_WARTEN", "CLOSE_WAIT" },
  { "SCHLIESSEN", "CLOSING" }, { "SCHLIE?EN", "CLOSING" },
  { "GESCHLOSSEN", "CLOSED" }, { "SYN_GESENDET", "SYN_SENT" },
  { "SYN_EMPFANGEN", "SYN_RECV" }, { "FIN_WARTEN_1", "FIN_WAIT1" },
  { "FIN_WARTEN_2", "FIN_WAIT2" }, { "LETZTE_BEST", "LAST_ACK" },
  { "LETZTES_ACK", "LAST_ACK" },
  /* Spanish */
  { "ESCUCHANDO", "LISTEN" }, { "ESTABLECIDO", "ESTABLISHED" },
  { "ESTABLECIDA", "ESTABLISHED" }, { "TIEMPO_ESPERA", "TIME_WAIT" },
  { "CIERRE_ESPERA", "CLOSE_WAIT" }, { "ESPERA_CIERRE", "CLOSE_WAIT" },
  { "SYN_ENVIADO", "SYN_SENT" }, { "SYN_RECIBIDO", "SYN_RECV" },
  { "FIN_ESPERA_1", "FIN_WAIT1" }, { "FIN_ESPERA_2", "FIN_WAIT2" },
  { "?LTIMO_ACK", "LAST_ACK" }, { "ULTIMO_ACK", "LAST_ACK" },
  { "CERRANDO", "CLOSING" }, { "CERRADO", "CLOSED" },
  /* French */
  { "?COUTE", "LISTEN" }, { "ECOUTE", "LISTEN" }, { "EN_?COUTE", "LISTEN" },
  { "EN_ECOUTE", "LISTEN" }, { "?TABLIE", "ESTABLISHED" },
  { "ETABLIE", "ESTABLISHED" }, { "?TABLI", "ESTABLISHED" },
  { "ETABLI", "ESTABLISHED" }, { "ATTENTE_FERMETURE", "CLOSE_WAIT" },
  { "FERM?", "CLOSED" }, { "FERME", "CLOSED" },
  /* Italian */
  { "IN_ASCOLTO", "LISTEN" }, { "ASCOLTO", "LISTEN" },
  { "STABILITA", "ESTABLISHED" }, { "STABILITO", "ESTABLISHED" },
  { "CHIUSO", "CLOSED" },
  /* Portuguese */
  { "ESCUTANDO", "LISTEN" }, { "OUVINDO", "LISTEN" },
  { "ESTABELECIDA", "ESTABLISHED" }, { "ESTABELECIDO", "ESTABLISHED" },
  { "AGUARDANDO_FECHAMENTO", "CLOSE_WAIT" }, { "FECHANDO", "CLOSING" },
  { "FECHADO", "CLOSED" },
  /* Dutch, Swedish, Polish */
  { "LUISTEREN", "LISTEN" }, { "TOT_STAND_GEBRACHT", "ESTABLISHED" },
  { "LYSSNAR", "LISTEN" }, { "ETABLERAD", "ESTABLISHED" },
  { "NAS?UCHIWANIE", "LISTEN" }, { "NASLUCHIWANIE", "LISTEN" },
  { "USTANOWIONO", "ESTABLISHED" }, { "USTANOWIONE", "ESTABLISHED" },
};

#define NS_SKELETON_MAX 48

/* Build the skeleton of the bytes p[0..n); FALSE if too long. */
static gboolean
ns_skeleton (const char *p, size_t n, char *out, size_t *out_n)
{
  size_t o = 0;
  gboolean in_high = FALSE;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) p[i];
      char w;
      if (c >= 0x80 || c == '?')
        {
          if (in_high)
            continue;
          in_high = TRUE;
          w = '?';
        }
      else
        {
          in_high = FALSE;
          if (c == '-' || c == ' ')
            w = '_';
          else
            w = g_ascii_toupper ((char) c);
        }
      if (o >= NS_SKELETON_MAX)
        return FALSE;
      out[o++] = w;
    }
  out[o] = '\0';
  *out_n = o;
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Parser context.
 * --------------------------------------------------------------------- */

typedef enum
{
  NS_LINE_ROW,
  NS_LINE_OTHER,   /* socket of another kind, skipped on purpose */
  NS_LINE_BAD,     /* row-like but malformed */
  NS_LINE_NONE     /* not a row of any shape */
} ns_line_kind;

#define NS_MAX_HEADER_LINES 6
#define NS_MAX_ATTACH_LINES 6
#define NS_MAX_PROCS_PER_ROW 256

typedef struct
{
  ext_arena arena;
  netstat_result *res;
  size_t rows_cap;
  size_t max_rows;
  const char *ss_default_proto;
  /* streaming (netstat_options.on_row): rows[0] is the row being built */
  void (*on_row) (const netstat_row *row, void *ud);
  void *on_row_ud;
  GHashTable *states; /* skeleton -> normalised state */
  /* header/title lines waiting for the next row */
  size_t pending;
  size_t pending_first_line;
  gboolean pending_known_header;
  /* Windows -b: row that attachment lines belong to, or (size_t)-1 */
  size_t attach_row;
  size_t attach_count;
  gboolean attach_ok; /* attachments allowed after the current row */
  unsigned formats_seen;
  size_t line_no;
} ns_ctx;

/* A row under construction, with pointers into the input line. */
typedef struct
{
  const char *proto;
  int family;
  ns_endpoint local;
  ns_endpoint remote;
  gboolean has_remote;
  const char *state_p; /* state text as printed */
  size_t state_n;
  int64_t pid;
  const char *proc_p;
  size_t proc_n;
  netstat_format format;
  /* ss users:(...) region to parse */
  const char *users_p;
  size_t users_n;
} ns_draft;

static void
ns_note_unparsed (ns_ctx *cx, size_t line_no, size_t count)
{
  if (count == 0)
    return;
  if (cx->res->first_unparsed_line == 0)
    cx->res->first_unparsed_line = line_no;
  cx->res->n_unparsed += count;
}

/* Settle the pending header lines: skipped when rows follow, else unparsed. */
static void
ns_flush_pending (ns_ctx *cx, gboolean rows_follow)
{
  if (cx->pending == 0)
    return;
  if (rows_follow && cx->pending <= NS_MAX_HEADER_LINES)
    cx->res->n_skipped += cx->pending;
  else
    ns_note_unparsed (cx, cx->pending_first_line, cx->pending);
  cx->pending = 0;
  cx->pending_first_line = 0;
  cx->pending_known_header = FALSE;
}

/* Normalise a printed state; sets *known. */
static const char *
ns_normalise_state (ns_ctx *cx, const char *p, size_t n, gboolean *known)
{
  char sk[NS_SKELETON_MAX + 1];
  size_t skn;
  *known = FALSE;
  if (n == 0)
    {
      *known = TRUE;
      return "";
    }
  if (!ns_skeleton (p, n, sk, &skn))
    return "UNKNOWN";
  const char *st = g_hash_table_lookup (cx->states, sk);
  if (st == NULL)
    return "UNKNOWN";
  *known = TRUE;
  return st;
}

/* Row array of cap rows keeping the first used ones. */
static netstat_row *
ns_rows_grow (netstat_row *old, size_t used, size_t cap)
{
  size_t bytes = cap * sizeof (netstat_row);
  if (bytes < EXT_HUGE_MIN)
    {
      netstat_row *p = realloc (old, bytes);
      if (p == NULL)
        g_error ("netstat parser: out of memory (%zu bytes)", bytes);
      return p;
    }
  netstat_row *p = ext_big_alloc (bytes);
  if (used > 0)
    memcpy (p, old, used * sizeof (netstat_row));
  free (old);
  return p;
}

/* Streaming: hands the row being built, if any, to the caller. */
static void
ns_deliver (ns_ctx *cx)
{
  if (cx->on_row != NULL && cx->res->n_rows > 0)
    cx->on_row (&cx->res->rows[0], cx->on_row_ud);
}

/* Row number 'i' (streaming keeps only the last one, in rows[0]). */
static netstat_row *
ns_row_at (ns_ctx *cx, size_t i)
{
  return &cx->res->rows[cx->on_row != NULL ? 0 : i];
}

static netstat_row *
ns_new_row (ns_ctx *cx)
{
  netstat_result *res = cx->res;
  if (res->n_rows >= cx->max_rows)
    {
      res->truncated = TRUE;
      return NULL;
    }
  if (cx->on_row != NULL)
    {
      /* the previous row is complete: a new one starts */
      ns_deliver (cx);
      if (res->rows == NULL)
        res->rows = ns_rows_grow (NULL, 0, 1);
      memset (res->rows, 0, sizeof *res->rows);
      res->n_rows++;
      return res->rows;
    }
  if (res->n_rows == cx->rows_cap)
    {
      size_t cap = cx->rows_cap ? cx->rows_cap * 2 : 64;
      if (cap > cx->max_rows)
        cap = cx->max_rows;
      res->rows = ns_rows_grow (res->rows, res->n_rows, cap);
      cx->rows_cap = cap;
    }
  netstat_row *row = &res->rows[res->n_rows++];
  memset (row, 0, sizeof *row);
  return row;
}

/* Address string with the ss-style scope appended. */
static const char *
ns_endpoint_addr (ns_ctx *cx, const ns_endpoint *ep)
{
  if (ep->scope_n == 0)
    return ext_arena_str (&cx->arena, ep->addr, ep->addr_n);
  char *d = ext_arena_alloc (&cx->arena, ep->addr_n + ep->scope_n + 1);
  memcpy (d, ep->addr, ep->addr_n);
  memcpy (d + ep->addr_n, ep->scope, ep->scope_n);
  d[ep->addr_n + ep->scope_n] = '\0';
  return d;
}

/*
 * Parse ss "users:(("name",pid=1,fd=3),("b",pid=2,fd=4))" into an arena
 * array.  Names are quoted and may contain spaces or commas; a name ends at
 * a '"' followed by ',' or ')'.  Malformed tails stop the scan quietly.
 */
static size_t
ns_parse_ss_users (ns_ctx *cx, const char *p, size_t n, netstat_process **out)
{
  netstat_process tmp[NS_MAX_PROCS_PER_ROW];
  size_t count = 0, i = 0;
  *out = NULL;
  if (n < 7 || memcmp (p, "users:(", 7) != 0)
    return 0;
  i = 7;
  while (i < n && p[i] == '(' && count < NS_MAX_PROCS_PER_ROW)
    {
      i++;
      if (i >= n || p[i] != '"')
        break;
      size_t ns = ++i;
      while (i < n && !(p[i] == '"' && i + 1 < n && (p[i + 1] == ',' || p[i + 1] == ')')))
        i++;
      if (i >= n)
        break;
      size_t nn = i - ns;
      i++;
      int64_t pid = -1;
      while (i < n && p[i] == ',')
        {
          i++;
          size_t ks = i;
          while (i < n && p[i] != '=' && p[i] != ',' && p[i] != ')')
            i++;
          if (i < n && p[i] == '=')
            {
              gboolean is_pid = (i - ks == 3 && memcmp (p + ks, "pid", 3) == 0);
              i++;
              size_t vs = i;
              while (i < n && ns_is_digit ((unsigned char) p[i]) && i - vs < 18)
                i++;
              if (is_pid && i > vs)
                {
                  ns_tok t = { p + vs, i - vs };
                  pid = ns_tok_uint (t);
                }
              while (i < n && p[i] != ',' && p[i] != ')')
                i++;
            }
        }
      tmp[count].name = ext_arena_str (&cx->arena, p + ns, nn);
      tmp[count].pid = pid;
      count++;
      if (i >= n || p[i] != ')')
        break;
      i++;
      if (i < n && p[i] == ',')
        i++;
    }
  if (count > 0)
    {
      netstat_process *arr = ext_arena_alloc (&cx->arena, count * sizeof *arr);
      memcpy (arr, tmp, count * sizeof *arr);
      *out = arr;
    }
  return count;
}

/* Store a finished draft as a result row. */
static void
ns_emit (ns_ctx *cx, const ns_draft *d)
{
  netstat_result *res = cx->res;
  cx->formats_seen |= 1u << d->format;
  netstat_row *row = ns_new_row (cx);
  cx->attach_row = (size_t) -1;
  cx->attach_count = 0;
  cx->attach_ok = FALSE;
  if (row == NULL)
    return;
  row->format = d->format;
  row->line_no = cx->line_no;
  row->proto = d->proto;
  row->family = d->family;
  if (row->family == 0)
    row->family = d->local.family ? d->local.family : d->remote.family;
  row->local_addr = ns_endpoint_addr (cx, &d->local);
  row->local_port = d->local.port;
  row->local_service
    = d->local.svc ? ext_arena_str (&cx->arena, d->local.svc, d->local.svc_n) : NULL;
  if (d->has_remote)
    {
      row->remote_addr = ns_endpoint_addr (cx, &d->remote);
      row->remote_port = d->remote.port;
      row->remote_service
        = d->remote.svc ? ext_arena_str (&cx->arena, d->remote.svc, d->remote.svc_n) : NULL;
    }
  else
    {
      row->remote_addr = "";
      row->remote_port = -1;
    }
  gboolean known;
  row->state = ns_normalise_state (cx, d->state_p, d->state_n, &known);
  row->state_raw = d->state_n ? ext_arena_str (&cx->arena, d->state_p, d->state_n) : NULL;
  if (!known && strcmp (d->proto, "tcp") == 0 && d->has_remote
      && ns_endpoint_is_wildcard (&d->remote))
    {
      row->state = "LISTEN";
      row->state_inferred = TRUE;
    }
  row->pid = d->pid;
  if (d->users_p != NULL)
    {
      netstat_process *procs;
      row->n_processes = ns_parse_ss_users (cx, d->users_p, d->users_n, &procs);
      row->processes = procs;
      if (row->n_processes > 0)
        {
          row->process = procs[0].name;
          row->pid = procs[0].pid;
        }
    }
  else if (d->proc_n > 0)
    {
      netstat_process *one = ext_arena_alloc (&cx->arena, sizeof *one);
      one->name = ext_arena_str (&cx->arena, d->proc_p, d->proc_n);
      one->pid = d->pid;
      row->process = one->name;
      row->processes = one;
      row->n_processes = 1;
    }
  if (row->process != NULL)
    res->has_process_names = TRUE;
  if (d->format == NETSTAT_FMT_WINDOWS)
    {
      cx->attach_row = res->n_rows - 1;
      cx->attach_ok = TRUE;
    }
}

/* ------------------------------------------------------------------------
 * Shapes.
 * --------------------------------------------------------------------- */

/* Windows: PROTO local foreign [state words...] [pid] */
static ns_line_kind
ns_try_windows (ns_ctx *cx, const char *line, size_t len, ns_tok *t, size_t nt,
                ns_draft *d)
{
  int fam = 0;
  if (ns_tok_ieq (t[0], "TCP"))
    d->proto = "tcp";
  else if (ns_tok_ieq (t[0], "UDP"))
    d->proto = "udp";
  else if (ns_tok_ieq (t[0], "TCPv6"))
    d->proto = "tcp", fam = 6;
  else if (ns_tok_ieq (t[0], "UDPv6"))
    d->proto = "udp", fam = 6;
  else
    return NS_LINE_NONE;
  if (nt < 3 || ns_tok_is_uint (t[1]))
    return NS_LINE_NONE; /* net-tools shape, tried elsewhere */
  if (!ns_parse_endpoint (t[1], &d->local) || !ns_parse_endpoint (t[2], &d->remote))
    return NS_LINE_NONE;
  d->has_remote = TRUE;
  d->family = fam;
  d->format = NETSTAT_FMT_WINDOWS;
  d->pid = -1;
  size_t end = nt;
  if (nt > 3 && ns_tok_is_uint (t[nt - 1]))
    {
      d->pid = ns_tok_uint (t[nt - 1]);
      cx->res->has_pids = TRUE;
      end = nt - 1;
    }
  if (end > 3)
    {
      if (end - 3 > 4)
        return NS_LINE_BAD;
      d->state_p = t[3].p;
      d->state_n = (size_t) (t[end - 1].p + t[end - 1].n - t[3].p);
    }
  (void) line;
  (void) len;
  return NS_LINE_ROW;
}

/* Strip a trailing net-tools timer ("off (0.00/0/0)") from a process name. */
static size_t
ns_strip_timer (const char *p, size_t n)
{
  static const char *const words[] = { " off (", " on (", " keepalive (",
                                       " timewait (", " probe (", " unkn-" };
  if (n == 0 || p[n - 1] != ')')
    return n;
  for (size_t w = 0; w < G_N_ELEMENTS (words); w++)
    {
      size_t wl = strlen (words[w]);
      for (size_t i = n; i >= wl; i--)
        if (memcmp (p + i - wl, words[w], wl) == 0)
          {
            size_t k = i - wl;
            while (k > 0 && ns_is_space ((unsigned char) p[k - 1]))
              k--;
            return k;
          }
    }
  return n;
}

static gboolean
ns_is_pid_prog (ns_tok t)
{
  if (ns_tok_eq (t, "-"))
    return TRUE;
  size_t i = 0;
  while (i < t.n && ns_is_digit ((unsigned char) t.p[i]))
    i++;
  return i > 0 && i < t.n && t.p[i] == '/' && i <= 18;
}

/* net-tools: proto recvq sendq local foreign [state] [user inode] [pid/prog] */
static ns_line_kind
ns_try_linux (ns_ctx *cx, const char *line, size_t len, ns_tok *t, size_t nt,
              ns_draft *d)
{
  int fam = 4;
  gboolean other = FALSE;
  if (ns_tok_ieq (t[0], "tcp"))
    d->proto = "tcp";
  else if (ns_tok_ieq (t[0], "tcp6"))
    d->proto = "tcp", fam = 6;
  else if (ns_tok_ieq (t[0], "udp"))
    d->proto = "udp";
  else if (ns_tok_ieq (t[0], "udp6"))
    d->proto = "udp", fam = 6;
  else if (ns_tok_ieq (t[0], "raw") || ns_tok_ieq (t[0], "raw6")
           || ns_tok_ieq (t[0], "udpl") || ns_tok_ieq (t[0], "udpl6"))
    other = TRUE;
  else
    return NS_LINE_NONE;
  if (nt < 3 || !ns_tok_is_uint (t[1]) || !ns_tok_is_uint (t[2]))
    return NS_LINE_NONE;
  if (other)
    return NS_LINE_OTHER;
  if (nt < 5 || !ns_parse_endpoint (t[3], &d->local)
      || !ns_parse_endpoint (t[4], &d->remote))
    return NS_LINE_BAD;
  d->has_remote = TRUE;
  d->family = fam;
  d->format = NETSTAT_FMT_LINUX;
  d->pid = -1;
  size_t i = 5;
  if (i < nt && !ns_is_pid_prog (t[i]) && !ns_tok_is_uint (t[i]))
    {
      char sk[NS_SKELETON_MAX + 1];
      size_t skn;
      gboolean known_word = ns_skeleton (t[i].p, t[i].n, sk, &skn)
                            && g_hash_table_contains (cx->states, sk);
      /* udp with -e and no state: "user inode"; the user is not a state */
      gboolean looks_user = !known_word && strcmp (d->proto, "udp") == 0
                            && i + 1 < nt && ns_tok_is_uint (t[i + 1]);
      if (!looks_user)
        {
          d->state_p = t[i].p;
          d->state_n = t[i].n;
          i++;
        }
    }
  for (; i < nt; i++)
    if (ns_is_pid_prog (t[i]))
      {
        cx->res->has_pids = TRUE;
        if (t[i].n == 1)
          break;
        size_t k = 0;
        while (ns_is_digit ((unsigned char) t[i].p[k]))
          k++;
        ns_tok num = { t[i].p, k };
        d->pid = ns_tok_uint (num);
        const char *pp = t[i].p + k + 1;
        size_t pn = (size_t) (line + len - pp);
        while (pn > 0 && ns_is_space ((unsigned char) pp[pn - 1]))
          pn--;
        pn = ns_strip_timer (pp, pn);
        d->proc_p = pp;
        d->proc_n = pn;
        break;
      }
  return NS_LINE_ROW;
}

static gboolean
ns_is_ss_state (ns_tok t)
{
  static const char *const words[]
    = { "LISTEN", "ESTAB", "UNCONN", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1",
        "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT", "LAST-ACK", "CLOSING",
        "CLOSED", "UNKNOWN", "CLOSE", "NEW-SYN-RECV", "BOUND" };
  for (size_t i = 0; i < G_N_ELEMENTS (words); i++)
    if (ns_tok_ieq (t, words[i]))
      return TRUE;
  return FALSE;
}

/* ss: [netid] state recvq sendq local peer [users:((...))] [extras] */
static ns_line_kind
ns_try_ss (ns_ctx *cx, const char *line, size_t len, ns_tok *t, size_t nt,
           ns_draft *d)
{
  size_t s; /* index of the state token */
  if (nt >= 4 && !ns_tok_is_uint (t[1]) && ns_tok_is_uint (t[2])
      && ns_tok_is_uint (t[3]) && !ns_tok_is_uint (t[0]))
    {
      s = 1;
      if (ns_tok_ieq (t[0], "tcp"))
        d->proto = "tcp";
      else if (ns_tok_ieq (t[0], "udp"))
        d->proto = "udp";
      else
        {
          static const char *const others[]
            = { "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw", "p_dgr",
                "mptcp", "sctp", "tipc", "v_str", "v_dgr", "xdp", "dccp",
                "icmp6", "u_seqpacket", "udplite", "icmp" };
          for (size_t i = 0; i < G_N_ELEMENTS (others); i++)
            if (ns_tok_ieq (t[0], others[i]))
              return NS_LINE_OTHER;
          if (!ns_is_ss_state (t[0]))
            return NS_LINE_NONE;
          /* no Netid column and this line's state is the first token */
          goto no_netid;
        }
      if (nt < 6)
        return NS_LINE_BAD;
      goto have_state;
    }
  if (nt < 3 || !ns_is_ss_state (t[0]))
    return NS_LINE_NONE;
no_netid:
  if (nt < 5 || !ns_tok_is_uint (t[1]) || !ns_tok_is_uint (t[2]))
    return NS_LINE_NONE;
  s = 0;
  if (cx->ss_default_proto != NULL)
    d->proto = strcmp (cx->ss_default_proto, "udp") == 0 ? "udp" : "tcp";
  else
    d->proto = ns_tok_ieq (t[0], "UNCONN") ? "udp" : "tcp";
have_state:
  if (!ns_parse_endpoint (t[s + 3], &d->local) || !ns_parse_endpoint (t[s + 4], &d->remote))
    return NS_LINE_BAD;
  d->has_remote = TRUE;
  d->format = NETSTAT_FMT_SS;
  d->pid = -1;
  d->state_p = t[s].p;
  d->state_n = t[s].n;
  if (nt > s + 5)
    {
      const char *rest = t[s + 5].p;
      size_t rn = (size_t) (line + len - rest);
      const char *u = rn >= 7 ? ns_memmem (rest, rn, "users:(", 7) : NULL;
      if (u != NULL)
        {
          cx->res->has_pids = TRUE;
          d->users_p = u;
          d->users_n = (size_t) (line + len - u);
        }
    }
  return NS_LINE_ROW;
}

/* lsof -i: COMMAND PID [TID TASKCMD] USER FD TYPE DEVICE SIZE/OFF NODE NAME [(STATE)] */
static ns_line_kind
ns_try_lsof (ns_ctx *cx, const char *line, size_t len, ns_tok *t, size_t nt,
             ns_draft *d)
{
  if (nt < 7 || !ns_tok_is_uint (t[1]))
    return NS_LINE_NONE;
  size_t ty = 0;
  for (size_t i = 3; i < nt && i <= 6; i++)
    if (ns_tok_eq (t[i], "IPv4") || ns_tok_eq (t[i], "IPv6"))
      {
        ty = i;
        break;
      }
  if (ty == 0)
    return NS_LINE_NONE;
  size_t node = 0;
  for (size_t i = ty + 1; i < nt && i <= ty + 4; i++)
    if (ns_tok_eq (t[i], "TCP") || ns_tok_eq (t[i], "UDP"))
      {
        node = i;
        break;
      }
  if (node == 0)
    return NS_LINE_OTHER;
  if (node + 1 >= nt)
    return NS_LINE_BAD;
  d->proto = t[node].p[0] == 'T' ? "tcp" : "udp";
  d->family = t[ty].p[3] == '6' ? 6 : 4;
  d->format = NETSTAT_FMT_LSOF;
  ns_tok name = t[node + 1];
  const char *arrow = name.n >= 2 ? ns_memmem (name.p, name.n, "->", 2) : NULL;
  ns_tok loc = name;
  if (arrow != NULL)
    {
      loc.n = (size_t) (arrow - name.p);
      ns_tok rem = { arrow + 2, (size_t) (name.p + name.n - arrow - 2) };
      if (!ns_parse_endpoint (rem, &d->remote))
        return NS_LINE_BAD;
      d->has_remote = TRUE;
    }
  if (!ns_parse_endpoint (loc, &d->local))
    return NS_LINE_BAD;
  if (node + 2 < nt && t[node + 2].n >= 2 && t[node + 2].p[0] == '('
      && t[node + 2].p[t[node + 2].n - 1] == ')')
    {
      d->state_p = t[node + 2].p + 1;
      d->state_n = t[node + 2].n - 2;
    }
  d->pid = ns_tok_uint (t[1]);
  d->proc_p = t[0].p;
  d->proc_n = t[0].n;
  cx->res->has_pids = TRUE;
  (void) line;
  (void) len;
  return NS_LINE_ROW;
}

/* A line that starts like a row (proto word or address-looking token) but
 * matched no shape is malformed rather than a header. */
static gboolean
ns_looks_row_like (ns_tok *t, size_t nt)
{
  static const char *const protos[]
    = { "tcp", "udp", "tcp6", "udp6", "tcpv6", "udpv6" };
  for (size_t i = 0; i < G_N_ELEMENTS (protos); i++)
    if (ns_tok_ieq (t[0], protos[i]))
      return TRUE;
  for (size_t i = 0; i < nt && i < 6; i++)
    {
      ns_endpoint ep;
      if (ns_parse_endpoint (t[i], &ep) && ep.port >= 0
          && (ep.family != 0 || (ep.addr_n == 1 && ep.addr[0] == '*')))
        return TRUE;
    }
  return FALSE;
}

/* Known header shapes, used only to accept an EMPTY listing as complete. */
static gboolean
ns_known_header (ns_tok *t, size_t nt)
{
  gboolean local = FALSE, addr = FALSE;
  for (size_t i = 0; i < nt; i++)
    {
      if (ns_tok_eq (t[i], "Local"))
        local = TRUE;
      if (ns_tok_eq (t[i], "Address:Port") || ns_tok_eq (t[i], "Address"))
        addr = TRUE;
    }
  if (local && addr)
    return TRUE;
  if (nt >= 2 && ns_tok_eq (t[0], "COMMAND") && ns_tok_eq (t[1], "PID"))
    return TRUE;
  if (nt >= 2 && ns_tok_eq (t[0], "Active")
      && (ns_tok_eq (t[1], "Internet") || ns_tok_eq (t[1], "Connections")))
    return TRUE;
  return FALSE;
}

/* Windows -b line after a row: "[image.exe]", " Service", or a message. */
static gboolean
ns_try_attach (ns_ctx *cx, const char *line, size_t len, ns_tok *t, size_t nt)
{
  if (!cx->attach_ok || cx->attach_count >= NS_MAX_ATTACH_LINES
      || len > 1024 || !ns_is_text (line, len))
    return FALSE;
  if (ns_looks_row_like (t, nt))
    return FALSE;
  cx->attach_count++;
  if (cx->attach_row == (size_t) -1)
    return TRUE; /* row dropped by the cap */
  netstat_row *row = ns_row_at (cx, cx->attach_row);
  const char *first = t[0].p;
  const char *last_end = t[nt - 1].p + t[nt - 1].n;
  size_t span = (size_t) (last_end - first);
  if (first[0] == '[' && last_end[-1] == ']' && span > 2)
    {
      if (row->process == NULL)
        {
          netstat_process *one = ext_arena_alloc (&cx->arena, sizeof *one);
          one->name = ext_arena_str (&cx->arena, first + 1, span - 2);
          one->pid = row->pid;
          row->process = one->name;
          row->processes = one;
          row->n_processes = 1;
          cx->res->has_process_names = TRUE;
        }
      /* the image line closes the block */
      cx->attach_ok = FALSE;
    }
  else if (nt == 1)
    {
      if (row->service == NULL)
        row->service = ext_arena_str (&cx->arena, first, span);
    }
  else
    row->owner_unavailable = TRUE;
  return TRUE;
}

/* Classify and handle one line (without its line terminator). */
static void
ns_line (ns_ctx *cx, const char *line, size_t len)
{
  netstat_result *res = cx->res;
  if (len > NETSTAT_MAX_LINE)
    {
      ns_flush_pending (cx, FALSE);
      ns_note_unparsed (cx, cx->line_no, 1);
      cx->attach_ok = FALSE;
      return;
    }
  ns_tok t[NS_MAX_TOKENS];
  size_t nt = ns_tokenize (line, len, t, NS_MAX_TOKENS);
  if (nt == 0)
    {
      res->n_skipped++;
      return;
    }
  ns_draft d;
  memset (&d, 0, sizeof d);
  ns_line_kind k = ns_try_windows (cx, line, len, t, nt, &d);
  if (k == NS_LINE_NONE)
    k = ns_try_linux (cx, line, len, t, nt, &d);
  if (k == NS_LINE_NONE)
    {
      memset (&d, 0, sizeof d);
      k = ns_try_ss (cx, line, len, t, nt, &d);
    }
  if (k == NS_LINE_NONE)
    {
      memset (&d, 0, sizeof d);
      k = ns_try_lsof (cx, line, len, t, nt, &d);
    }
  if (k == NS_LINE_NONE && ns_tok_eq (t[0], "unix"))
    k = NS_LINE_OTHER;
  switch (k)
    {
    case NS_LINE_ROW:
      ns_flush_pending (cx, TRUE);
      ns_emit (cx, &d);
      return;
    case NS_LINE_OTHER:
      ns_flush_pending (cx, TRUE);
      res->n_other++;
      cx->attach_ok = FALSE;
      return;
    case NS_LINE_BAD:
      ns_flush_pending (cx, FALSE);
      ns_note_unparsed (cx, cx->line_no, 1);
      cx->attach_ok = FALSE;
      return;
    case NS_LINE_NONE:
      break;
    }
  if (ns_try_attach (cx, line, len, t, nt))
    {
      res->n_skipped++;
      return;
    }
  cx->attach_ok = FALSE;
  if (ns_looks_row_like (t, nt) || !ns_is_text (line, len) || len > 1024)
    {
      ns_flush_pending (cx, FALSE);
      ns_note_unparsed (cx, cx->line_no, 1);
      return;
    }
  /* header or title candidate: settled by what follows */
  if (cx->pending == 0)
    cx->pending_first_line = cx->line_no;
  cx->pending++;
  if (ns_known_header (t, nt))
    cx->pending_known_header = TRUE;
  /* net-tools prints a "PID/Program name" column only with -p */
  if (nt >= 2 && ns_tok_eq (t[nt - 2], "PID/Program"))
    res->has_pids = TRUE;
}

static void
ns_ctx_init (ns_ctx *cx, netstat_result *res, const netstat_options *opts)
{
  memset (cx, 0, sizeof *cx);
  cx->res = res;
  cx->max_rows = opts && opts->max_rows ? opts->max_rows : NETSTAT_DEFAULT_MAX_ROWS;
  cx->ss_default_proto = opts ? opts->ss_default_proto : NULL;
  cx->on_row = opts ? opts->on_row : NULL;
  cx->on_row_ud = opts ? opts->on_row_ud : NULL;
  cx->attach_row = (size_t) -1;
  cx->states = g_hash_table_new (g_str_hash, g_str_equal);
  for (size_t i = 0; i < G_N_ELEMENTS (ns_state_words); i++)
    g_hash_table_insert (cx->states, (gpointer) ns_state_words[i].skeleton,
                         (gpointer) ns_state_words[i].state);
}

/* Overall format from the set of row formats seen. */
static netstat_format
ns_overall_format (unsigned seen)
{
  netstat_format found = NETSTAT_FMT_UNKNOWN;
  for (int f = NETSTAT_FMT_WINDOWS; f <= NETSTAT_FMT_LSOF; f++)
    if (seen & (1u << f))
      {
        if (found != NETSTAT_FMT_UNKNOWN)
          return NETSTAT_FMT_MIXED;
        found = (netstat_format) f;
      }
  return found;
}

netstat_result *
netstat_parse (const char *data, size_t len, const netstat_options *opts)
{
  netstat_result *res = g_new0 (netstat_result, 1);
  ns_ctx cx;
  ns_ctx_init (&cx, res, opts);
  if (data == NULL)
    len = 0;
  size_t pos = 0;
  while (pos < len)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      size_t end = nl ? (size_t) (nl - data) : len;
      size_t ll = end - pos;
      cx.line_no++;
      ns_line (&cx, data + pos, ll);
      pos = nl ? end + 1 : len;
    }
  res->n_lines = cx.line_no;
  /* trailing header lines: fine only for an empty listing with a known header */
  if (cx.pending > 0)
    ns_flush_pending (&cx, res->n_rows == 0 && res->n_other == 0 && cx.pending_known_header
                             && !res->truncated);
  res->format = ns_overall_format (cx.formats_seen);
  if (cx.on_row != NULL)
    {
      ns_deliver (&cx);
      free (res->rows);
      res->rows = NULL;
    }
  g_hash_table_destroy (cx.states);
  ext_arena *keep = g_new (ext_arena, 1);
  *keep = cx.arena;
  res->priv = keep;
  return res;
}

static void
ns_drop_row (const netstat_row *row, void *ud)
{
  (void) row;
  (void) ud;
}

netstat_result *
netstat_parse_summary (const char *data, size_t len)
{
  netstat_options opts = { .on_row = ns_drop_row };
  return netstat_parse (data, len, &opts);
}

netstat_result *
netstat_parse_file (const char *path, const netstat_options *opts, GError **error)
{
  gchar *buf = NULL;
  gsize n = 0;
  if (!g_file_get_contents (path, &buf, &n, error))
    return NULL;
  netstat_result *res = netstat_parse (buf, n, opts);
  g_free (buf);
  return res;
}

void
netstat_result_free (netstat_result *res)
{
  if (res == NULL)
    return;
  if (res->priv != NULL)
    {
      ext_arena_free (res->priv);
      g_free (res->priv);
    }
  free (res->rows);
  g_free (res);
}

const char *
netstat_format_name (netstat_format fmt)
{
  switch (fmt)
    {
    case NETSTAT_FMT_WINDOWS:
      return "windows";
    case NETSTAT_FMT_LINUX:
      return "linux-netstat";
    case NETSTAT_FMT_SS:
      return "ss";
    case NETSTAT_FMT_LSOF:
      return "lsof";
    case NETSTAT_FMT_MIXED:
      return "mixed";
    case NETSTAT_FMT_UNKNOWN:
    default:
      return "unknown";
    }
}

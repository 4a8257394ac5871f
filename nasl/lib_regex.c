/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_regex.c: builtin family 'regex' -- ereg, egrep, eregmatch, ereg_replace (POSIX ERE). */
#include "config.h"

#include "libs.h"
#include "text_arg.h"
#include "regex_exec.h"

#include <math.h>
#include <regex.h>
#include <string.h>
#include <glib.h>

/* Groups reported by eregmatch() and usable by ereg_replace(), as in OpenVAS. */
#define REGEX_GROUPS 16
/* Compiled patterns kept per state; the cache is emptied when it is full. */
#define REGEX_CACHE_MAX 128
#define REGEX_CACHE_SLOT "lib_regex.cache"

/* ------------------------------------------------------------------------
** Per-state cache of compiled patterns
** ------------------------------------------------------------------------ */

/* A compiled pattern and what its matching costs. */
typedef struct regex_entry {
  regex_t re;
  regex_shape shape;
} regex_entry;

static void
regex_entry_free (gpointer p)
{
  regex_entry *e = p;
  regfree (&e->re);
  g_free (e);
}

static void
regex_cache_destroy (void *p)
{
  g_hash_table_destroy (p);
}

static GHashTable *
regex_cache (nasl_state *st)
{
  GHashTable *cache = nasl_state_get_data (st, REGEX_CACHE_SLOT);
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, regex_entry_free);
      nasl_state_set_data (st, REGEX_CACHE_SLOT, cache, regex_cache_destroy);
    }
  return cache;
}

/*
** The compiled form of 'pattern' with 'cflags', from the state's cache or
** freshly compiled.  Returns NULL when the guard or regcomp() refuses the
** pattern.  The pointer stays valid until the next call of this function
** (which may empty the cache), i.e. for the rest of the current builtin.
*/
static const regex_entry *
regex_get (nasl_call *call, const char *pattern, int cflags)
{
  GHashTable *cache = regex_cache (nasl_call_state (call));
  char *key = g_strdup_printf ("%d/%s", cflags, pattern);
  regex_entry *e = g_hash_table_lookup (cache, key);
  if (e != NULL)
    {
      g_free (key);
      return e;
    }
  const char *why = NULL;
  regex_shape shape;
  if (regex_guard_scan (pattern, &shape, &why) != 0)
    {
      nasl_call_error (call, "pattern refused: %s", why);
      g_free (key);
      return NULL;
    }
  e = g_new0 (regex_entry, 1);
  e->shape = shape;
  if (regcomp (&e->re, pattern, cflags) != 0)
    {
      g_free (e);
      g_free (key);
      return NULL;
    }
  if (g_hash_table_size (cache) >= REGEX_CACHE_MAX)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, key, e);
  return e;
}

/* ------------------------------------------------------------------------
** Arguments
** ------------------------------------------------------------------------ */

/*
** The subject of a match as a g_malloc'ed C string.  With 'rnul' (the
** default) the NUL bytes of a string or data value are first rewritten as
** the four characters \x00 (g_regex_escape_nul, exactly as OpenVAS does);
** otherwise the text ends at its first NUL.  Returns NULL when missing.
*/
static char *
regex_subject (nasl_call *call, int rnul)
{
  text_arg t;
  if (!text_arg_read (nasl_arg (call, "string"), &t))
    return NULL;
  char *s = rnul ? g_regex_escape_nul (t.bytes, (gint) t.size) : g_strdup (t.bytes);
  text_arg_clear (&t);
  if (s == NULL)
    s = g_strdup ("");
  return s;
}

/* The named argument 'name' as a g_malloc'ed C string, or NULL. */
static char *
regex_named_cstr (nasl_call *call, const char *name)
{
  text_arg t;
  if (!text_arg_read (nasl_arg (call, name), &t))
    return NULL;
  char *s = g_strdup (t.bytes);
  text_arg_clear (&t);
  return s;
}

static int
regex_icase_flag (nasl_call *call)
{
  return nasl_arg_int (call, "icase", 0) != 0 ? REG_ICASE : 0;
}

/*
** regexec() on the first 'len' bytes of 's' (REG_STARTEND), so that scanning
** a long subject match after match does not pay a strlen() per call.  's'
** counts as the start of the string: '^' matches there unless REG_NOTBOL.
*/
static int
regexec_range (const regex_t *re, const char *s, size_t len, regmatch_t *m, int eflags)
{
  m[0].rm_so = 0;
  m[0].rm_eo = (regoff_t) len;
  return regexec (re, s, REGEX_GROUPS, m, eflags | REG_STARTEND);
}

/* ------------------------------------------------------------------------
** Match jobs.  A builtin's whole matching work is one job: it runs in the
** interpreter's process or, when it may be costly, in a limited child
** (regex_exec.c), so its result travels as bytes in both cases.
** ------------------------------------------------------------------------ */

typedef enum job_kind {
  JOB_EREG,          /* one byte: 1 when it matches */
  JOB_EGREP,         /* the matching lines */
  JOB_EREGMATCH,     /* nothing, or REGEX_GROUPS (start, end) int32 pairs */
  JOB_EREGMATCH_ALL, /* (start, end) int32 pairs, every match's groups in turn */
  JOB_REPLACE        /* the replaced text */
} job_kind;

/* Codes a job returns besides 0 and regexec()'s own (REG_ESPACE ...). */
#define JOB_TOO_LARGE (-1)

typedef struct match_job {
  job_kind kind;
  const regex_t *re;
  char *subject;         /* C string owned by the builtin; jobs may cut it */
  size_t len;            /* strlen (subject) */
  const char *replace;   /* JOB_REPLACE */
} match_job;

static void
job_put_pair (GByteArray *out, regoff_t so, regoff_t eo)
{
  int32_t pair[2] = { (int32_t) so, (int32_t) eo };
  g_byte_array_append (out, (const guint8 *) pair, sizeof pair);
}

static int
job_ereg (const match_job *j, GByteArray *out)
{
  int rc = regexec (j->re, j->subject, 0, NULL, 0);
  guint8 hit = rc == 0;
  g_byte_array_append (out, &hit, 1);
  return rc == REG_ESPACE ? rc : 0;
}

/* Every non-empty line that matches, each followed by "\n". */
static int
job_egrep (const match_job *j, GByteArray *out)
{
  char *line = j->subject;
  for (;;)
    {
      while (*line == '\n')
        line++;
      if (*line == '\0')
        break;
      char *nl = strchr (line, '\n');
      if (nl != NULL)
        *nl = '\0';
      int rc = regexec (j->re, line, 0, NULL, 0);
      if (rc == REG_ESPACE)
        return rc;
      if (rc == 0)
        {
          g_byte_array_append (out, (const guint8 *) line, (guint) strlen (line));
          g_byte_array_append (out, (const guint8 *) "\n", 1);
          if (out->len > TEXT_RESULT_MAX)
            return JOB_TOO_LARGE;
        }
      if (nl == NULL)
        break;
      line = nl + 1;
    }
  return 0;
}

static int
job_eregmatch (const match_job *j, GByteArray *out)
{
  regmatch_t m[REGEX_GROUPS];
  int rc = regexec (j->re, j->subject, REGEX_GROUPS, m, 0);
  if (rc == REG_NOMATCH)
    return 0;
  if (rc != 0)
    return rc;
  for (int g = 0; g < REGEX_GROUPS; g++)
    job_put_pair (out, m[g].rm_so, m[g].rm_eo);
  return 0;
}

/* Each match's groups up to its first non-participating one; after an
** empty match the scan moves on one byte. */
static int
job_eregmatch_all (const match_job *j, GByteArray *out)
{
  regmatch_t m[REGEX_GROUPS];
  size_t pos = 0, entries = 0;
  int rc;
  while ((rc = regexec_range (j->re, j->subject + pos, j->len - pos, m, 0)) == 0)
    {
      for (int g = 0; g < REGEX_GROUPS && m[g].rm_so != -1; g++)
        {
          if (++entries > (size_t) NASL_MAX_ARRAY_INDEX)
            return JOB_TOO_LARGE;
          job_put_pair (out, (regoff_t) pos + m[g].rm_so, (regoff_t) pos + m[g].rm_eo);
        }
      if (m[0].rm_eo > 0)
        pos += (size_t) m[0].rm_eo;
      else if (pos < j->len)
        pos++;
      else
        break;
    }
  return rc == REG_NOMATCH ? 0 : rc;
}

/* The group that "\\d" at 'w' refers to, or NULL when 'w' is no such reference
** or the group did not participate (the text is then copied as is). */
static const regmatch_t *
backref_at (const char *w, const regmatch_t *m)
{
  if (w[0] != '\\' || w[1] < '0' || w[1] > '9')
    return NULL;
  const regmatch_t *g = &m[w[1] - '0'];
  return g->rm_so > -1 && g->rm_eo > -1 ? g : NULL;
}

/*
** Appends 'replace' to 'out' with \0-\9 replaced by the groups of match 'm'
** in 'base'.  The expansion is measured first: returns -1 (appending
** nothing) when it would take 'out' past TEXT_RESULT_MAX.
*/
static int
append_replacement (GByteArray *out, const char *replace, const char *base, const regmatch_t *m)
{
  size_t need = 0;
  for (const char *w = replace; *w != '\0';)
    {
      const regmatch_t *g = backref_at (w, m);
      need += g != NULL ? (size_t) (g->rm_eo - g->rm_so) : 1;
      w += g != NULL ? 2 : 1;
      if (out->len + need > TEXT_RESULT_MAX)
        return -1;
    }
  for (const char *w = replace; *w != '\0';)
    {
      const regmatch_t *g = backref_at (w, m);
      if (g != NULL)
        {
          g_byte_array_append (out, (const guint8 *) base + g->rm_so, (guint) (g->rm_eo - g->rm_so));
          w += 2;
        }
      else
        g_byte_array_append (out, (const guint8 *) w++, 1);
    }
  return 0;
}

/*
** Replaces every non-overlapping match in the subject.  After an empty
** match one character is copied and the scan moves on.
*/
static int
job_replace (const match_job *j, GByteArray *out)
{
  const char *subject = j->subject;
  size_t len = j->len, pos = 0;
  regmatch_t m[REGEX_GROUPS];
  for (;;)
    {
      int rc = regexec_range (j->re, subject + pos, len - pos, m, pos > 0 ? REG_NOTBOL : 0);
      if (rc == REG_NOMATCH)
        {
          g_byte_array_append (out, (const guint8 *) subject + pos, (guint) (len - pos));
          return out->len > TEXT_RESULT_MAX ? JOB_TOO_LARGE : 0;
        }
      if (rc != 0)
        return rc;
      g_byte_array_append (out, (const guint8 *) subject + pos, (guint) m[0].rm_so);
      if (append_replacement (out, j->replace, subject + pos, m) != 0)
        return JOB_TOO_LARGE;
      if (m[0].rm_so == m[0].rm_eo)
        {
          if (pos + (size_t) m[0].rm_so >= len)
            return 0;
          g_byte_array_append (out, (const guint8 *) subject + pos + m[0].rm_eo, 1);
          pos += (size_t) m[0].rm_eo + 1;
        }
      else
        pos += (size_t) m[0].rm_eo;
    }
}

static int
job_run (void *ud, GByteArray *out)
{
  const match_job *j = ud;
  switch (j->kind)
    {
    case JOB_EREG: return job_ereg (j, out);
    case JOB_EGREP: return job_egrep (j, out);
    case JOB_EREGMATCH: return job_eregmatch (j, out);
    case JOB_EREGMATCH_ALL: return job_eregmatch_all (j, out);
    case JOB_REPLACE: return job_replace (j, out);
    }
  return 0;
}

/*
** Runs the job under bounds, as costly as a match on 'cost_len' bytes.
** Returns the result bytes (owned, never NULL) and the job's code in *rc, or
** NULL after a diagnostic when the match was stopped.
*/
static GByteArray *
job_exec (nasl_call *call, const regex_entry *e, match_job *j, size_t cost_len, int *rc)
{
  GByteArray *out = g_byte_array_new ();
  char *why = NULL;
  j->re = &e->re;
  if (regex_exec_bounded (nasl_call_state (call), &e->shape, cost_len, job_run, j, rc, out, &why)
      != 0)
    {
      nasl_call_error (call, "%s", why);
      g_free (why);
      g_byte_array_free (out, TRUE);
      return NULL;
    }
  return out;
}

/* The result bytes as a data value (consumes 'out'). */
static nasl_value
job_data (GByteArray *out)
{
  size_t n = out->len;
  g_byte_array_append (out, (const guint8 *) "", 1);
  return nasl_value_data_take ((char *) g_byte_array_free (out, FALSE), n);
}

/* ------------------------------------------------------------------------
** Builtins
** ------------------------------------------------------------------------ */

/*
** ereg(string:, pattern:, icase:, multiline:, rnul:): 1 when the pattern
** matches.  Unless 'multiline', only the text before the first newline is
** examined (a subject that starts with a newline never matches).
*/
static nasl_value
bi_ereg (nasl_call *call)
{
  char *pattern = regex_named_cstr (call, "pattern");
  char *subject = regex_subject (call, nasl_arg_int (call, "rnul", 1) != 0);
  nasl_value r = NASL_NULL;
  if (pattern != NULL && subject != NULL)
    {
      const regex_entry *e = regex_get (call, pattern, REG_EXTENDED | REG_NOSUB | regex_icase_flag (call));
      if (e == NULL)
        nasl_call_error (call, "regcomp() failed for pattern '%s'", pattern);
      else
        {
          char *nl = nasl_arg_int (call, "multiline", 0) ? NULL : strchr (subject, '\n');
          if (nl == subject)
            r = nasl_value_int (0);
          else
            {
              if (nl != NULL)
                *nl = '\0';
              match_job j = { JOB_EREG, NULL, subject, strlen (subject), NULL };
              int rc;
              GByteArray *out = job_exec (call, e, &j, j.len, &rc);
              if (out != NULL)
                {
                  r = nasl_value_int (out->len == 1 && out->data[0] == 1);
                  g_byte_array_free (out, TRUE);
                }
            }
        }
    }
  g_free (pattern);
  g_free (subject);
  return r;
}

/* egrep matches line by line: its cost is that of one subject whose
** squared length is the sum of the lines' squared lengths. */
static size_t
egrep_cost_length (const char *subject)
{
  double sum = 0;
  for (const char *line = subject; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      double n = (double) (nl != NULL ? (size_t) (nl - line) : strlen (line)) + 1;
      sum += n * n;
      if (nl == NULL)
        break;
      line = nl + 1;
    }
  return (size_t) sqrt (sum);
}

/*
** egrep(string:, pattern:, icase:, rnul:): every non-empty line that
** matches, each followed by "\n"; "" when none does.
*/
static nasl_value
bi_egrep (nasl_call *call)
{
  char *pattern = regex_named_cstr (call, "pattern");
  char *subject = regex_subject (call, nasl_arg_int (call, "rnul", 1) != 0);
  nasl_value r = NASL_NULL;
  if (pattern != NULL && subject != NULL)
    {
      const regex_entry *e = regex_get (call, pattern, REG_EXTENDED | regex_icase_flag (call));
      if (e == NULL)
        nasl_call_error (call, "regcomp() failed for pattern '%s'", pattern);
      else
        {
          match_job j = { JOB_EGREP, NULL, subject, strlen (subject), NULL };
          int rc;
          GByteArray *out = job_exec (call, e, &j, egrep_cost_length (subject), &rc);
          if (out != NULL && rc != 0)
            {
              nasl_call_error (call, "result too large");
              g_byte_array_free (out, TRUE);
            }
          else if (out != NULL)
            r = job_data (out);
        }
    }
  g_free (pattern);
  g_free (subject);
  return r;
}

/* The (start, end) pair number 'i' of a job's result. */
static void
job_pair (const GByteArray *out, size_t i, int32_t *so, int32_t *eo)
{
  int32_t pair[2];
  memcpy (pair, out->data + i * sizeof pair, sizeof pair);
  *so = pair[0];
  *eo = pair[1];
}

/*
** eregmatch(string:, pattern:, icase:, find_all:, rnul:).  Without find_all:
** [0] the whole match, [1..] the groups (non-participating groups stay
** undefined), NULL when nothing matches.  With find_all: every match's
** groups appended into one flat list, each match's list ending at its first
** non-participating group; an empty array when nothing matches.  (OpenVAS
** loops forever on an empty match there; here the scan moves on one byte.)
*/
static nasl_value
bi_eregmatch (nasl_call *call)
{
  char *pattern = regex_named_cstr (call, "pattern");
  char *subject = regex_subject (call, nasl_arg_int (call, "rnul", 1) != 0);
  nasl_value r = NASL_NULL;
  if (pattern == NULL || subject == NULL)
    goto out;
  const regex_entry *e = regex_get (call, pattern, REG_EXTENDED | regex_icase_flag (call));
  if (e == NULL)
    {
      nasl_call_error (call, "regcomp() failed for pattern '%s'", pattern);
      goto out;
    }
  int all = nasl_arg_int (call, "find_all", 0) != 0, rc;
  match_job j = { all ? JOB_EREGMATCH_ALL : JOB_EREGMATCH, NULL, subject, strlen (subject), NULL };
  GByteArray *res = job_exec (call, e, &j, j.len, &rc);
  if (res == NULL)
    goto out;
  if (rc != 0)
    nasl_call_error (call, rc == JOB_TOO_LARGE ? "too many matches" : "regexec() failed");
  else if (all || res->len > 0)
    {
      r = nasl_value_array ();
      long next = 0;
      for (size_t i = 0; i < res->len / (2 * sizeof (int32_t)); i++)
        {
          int32_t so, eo;
          job_pair (res, i, &so, &eo);
          if (so == -1)
            continue; /* a group that did not participate stays undefined */
          nasl_array_set_index (&r, all ? next++ : (long) i,
                                nasl_value_data (subject + so, (size_t) (eo - so)));
        }
    }
  g_byte_array_free (res, TRUE);
out:
  g_free (pattern);
  g_free (subject);
  return r;
}

/*
** ereg_replace(string:, pattern:, replace:, icase:, rnul:): every match
** replaced, with \0-\9 backreferences.  A pattern that does not compile gives
** NULL without a message, as in OpenVAS.
*/
static nasl_value
bi_ereg_replace (nasl_call *call)
{
  char *pattern = regex_named_cstr (call, "pattern");
  char *replace = regex_named_cstr (call, "replace");
  char *subject = NULL;
  nasl_value r = NASL_NULL;
  if (pattern == NULL || replace == NULL)
    {
      nasl_call_error (call, "usage: ereg_replace(string:<string>, pattern:<pat>, "
                             "replace:<replace>, icase:<TRUE|FALSE>)");
      goto out;
    }
  subject = regex_subject (call, nasl_arg_int (call, "rnul", 1) != 0);
  if (subject == NULL)
    goto out;
  const regex_entry *e = regex_get (call, pattern, REG_EXTENDED | regex_icase_flag (call));
  if (e == NULL)
    goto out;
  match_job j = { JOB_REPLACE, NULL, subject, strlen (subject), replace };
  int rc;
  GByteArray *res = job_exec (call, e, &j, j.len, &rc);
  if (res == NULL)
    goto out;
  if (rc != 0)
    {
      nasl_call_error (call, "replacement failed or result too large");
      g_byte_array_free (res, TRUE);
      goto out;
    }
  r = job_data (res);
out:
  g_free (pattern);
  g_free (replace);
  g_free (subject);
  return r;
}

/* ORDER: alphabetical within the family. */
const nasl_builtin lib_regex_builtins[] = {
  { "egrep", bi_egrep, 0, 0, "string:s? pattern:s? icase:i? rnul:i?" },
  { "ereg", bi_ereg, 0, 0, "string:s? pattern:s? icase:i? multiline:i? rnul:i?" },
  { "ereg_replace", bi_ereg_replace, 0, 0, "string:s? pattern:s? replace:s? icase:i? rnul:i?" },
  { "eregmatch", bi_eregmatch, 0, 0, "string:s? pattern:s? icase:i? find_all:i? rnul:i?" },
  NASL_BUILTIN_END
};

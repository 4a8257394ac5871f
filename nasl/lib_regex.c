/* lib_regex.c: builtin family 'regex' -- ereg, egrep, eregmatch, ereg_replace (POSIX ERE). */
#include "config.h"

#include "libs.h"
#include "text_arg.h"
#include "regex_guard.h"

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

static void
regex_entry_free (gpointer p)
{
  regex_t *re = p;
  regfree (re);
  g_free (re);
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
** freshly compiled.  Returns NULL when regcomp() refuses the pattern.  The
** pointer stays valid until the next call of this function (which may
** empty the cache), i.e. for the rest of the current builtin.
*/
static const regex_t *
regex_get (nasl_call *call, const char *pattern, int cflags)
{
  GHashTable *cache = regex_cache (nasl_call_state (call));
  char *key = g_strdup_printf ("%d/%s", cflags, pattern);
  regex_t *re = g_hash_table_lookup (cache, key);
  if (re != NULL)
    {
      g_free (key);
      return re;
    }
  const char *why = NULL;
  if (regex_guard_check (pattern, &why) != 0)
    {
      nasl_call_error (call, "pattern refused: %s", why);
      g_free (key);
      return NULL;
    }
  re = g_new0 (regex_t, 1);
  if (regcomp (re, pattern, cflags) != 0)
    {
      g_free (re);
      g_free (key);
      return NULL;
    }
  if (g_hash_table_size (cache) >= REGEX_CACHE_MAX)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, key, re);
  return re;
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
      const regex_t *re = regex_get (call, pattern, REG_EXTENDED | REG_NOSUB | regex_icase_flag (call));
      if (re == NULL)
        nasl_call_error (call, "regcomp() failed for pattern '%s'", pattern);
      else
        {
          char *nl = nasl_arg_int (call, "multiline", 0) ? NULL : strchr (subject, '\n');
          if (nl != NULL)
            *nl = '\0';
          int hit = nl != subject && regexec (re, subject, 0, NULL, 0) == 0;
          r = nasl_value_int (hit);
        }
    }
  g_free (pattern);
  g_free (subject);
  return r;
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
      const regex_t *re = regex_get (call, pattern, REG_EXTENDED | regex_icase_flag (call));
      if (re == NULL)
        nasl_call_error (call, "regcomp() failed for pattern '%s'", pattern);
      else
        {
          GString *out = g_string_new (NULL);
          char *line = subject;
          for (;;)
            {
              while (*line == '\n')
                line++;
              if (*line == '\0')
                break;
              char *nl = strchr (line, '\n');
              if (nl != NULL)
                *nl = '\0';
              if (regexec (re, line, 0, NULL, 0) == 0)
                {
                  g_string_append (out, line);
                  g_string_append_c (out, '\n');
                }
              if (nl == NULL)
                break;
              line = nl + 1;
            }
          size_t n = out->len;
          r = nasl_value_data_take (g_string_free (out, FALSE), n);
        }
    }
  g_free (pattern);
  g_free (subject);
  return r;
}

/* Stores the participating groups of one match into 'arr' from index *next
** on; stops at the first group that did not participate (find_all form). */
static void
push_groups_until_gap (nasl_value *arr, long *next, const char *base, const regmatch_t *m)
{
  for (int g = 0; g < REGEX_GROUPS && m[g].rm_so != -1; g++)
    nasl_array_set_index (arr, (*next)++,
                          nasl_value_data (base + m[g].rm_so, (size_t) (m[g].rm_eo - m[g].rm_so)));
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
  const regex_t *re = regex_get (call, pattern, REG_EXTENDED | regex_icase_flag (call));
  if (re == NULL)
    {
      nasl_call_error (call, "regcomp() failed for pattern '%s'", pattern);
      goto out;
    }
  regmatch_t m[REGEX_GROUPS];
  if (!nasl_arg_int (call, "find_all", 0))
    {
      if (regexec (re, subject, REGEX_GROUPS, m, 0) != 0)
        goto out;
      r = nasl_value_array ();
      for (int g = 0; g < REGEX_GROUPS; g++)
        if (m[g].rm_so != -1)
          nasl_array_set_index (&r, g,
                                nasl_value_data (subject + m[g].rm_so,
                                                 (size_t) (m[g].rm_eo - m[g].rm_so)));
      goto out;
    }
  r = nasl_value_array ();
  long next = 0;
  size_t len = strlen (subject), pos = 0;
  while (regexec_range (re, subject + pos, len - pos, m, 0) == 0)
    {
      push_groups_until_gap (&r, &next, subject + pos, m);
      if (m[0].rm_eo > 0)
        pos += (size_t) m[0].rm_eo;
      else if (pos < len)
        pos++;
      else
        break;
    }
out:
  g_free (pattern);
  g_free (subject);
  return r;
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
append_replacement (GString *out, const char *replace, const char *base, const regmatch_t *m)
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
          g_string_append_len (out, base + g->rm_so, g->rm_eo - g->rm_so);
          w += 2;
        }
      else
        g_string_append_c (out, *w++);
    }
  return 0;
}

/*
** Replaces every non-overlapping match of 're' in the C string 'subject'.
** After an empty match one character is copied and the scan moves on.
** Returns NULL on a regexec() failure or when the result would exceed
** TEXT_RESULT_MAX.
*/
static GString *
regex_replace_all (const regex_t *re, const char *subject, const char *replace)
{
  size_t len = strlen (subject), pos = 0;
  GString *out = g_string_new (NULL);
  regmatch_t m[REGEX_GROUPS];
  for (;;)
    {
      int rc = regexec_range (re, subject + pos, len - pos, m, pos > 0 ? REG_NOTBOL : 0);
      if (rc == REG_NOMATCH)
        {
          g_string_append_len (out, subject + pos, (gssize) (len - pos));
          break;
        }
      if (rc != 0)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_len (out, subject + pos, m[0].rm_so);
      if (append_replacement (out, replace, subject + pos, m) != 0)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (m[0].rm_so == m[0].rm_eo)
        {
          if (pos + (size_t) m[0].rm_so >= len)
            break;
          g_string_append_c (out, subject[pos + (size_t) m[0].rm_eo]);
          pos += (size_t) m[0].rm_eo + 1;
        }
      else
        pos += (size_t) m[0].rm_eo;
    }
  return out;
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
  const regex_t *re = regex_get (call, pattern, REG_EXTENDED | regex_icase_flag (call));
  if (re == NULL)
    goto out;
  GString *res = regex_replace_all (re, subject, replace);
  if (res == NULL)
    {
      nasl_call_error (call, "replacement failed or result too large");
      goto out;
    }
  size_t n = res->len;
  r = nasl_value_data_take (g_string_free (res, FALSE), n);
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

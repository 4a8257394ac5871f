/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib_script.c: builtin family 'script': script_* metadata and preferences. */
#include "libs.h"
#include "nasl.h"
#include "script_meta.h"
#include "state.h"
#include "readfile.h"
#include "secrets.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define META_STATE_SLOT "nasl.script_meta"
#define META_LAST_SLOT "nasl.script_meta.last"
/* Bound on the entries of one metadata list (a script is trusted, but finite). */
#define META_LIST_MAX 10000u

/* ------------------------------------------------------------------------
** The per-file records (state slot: GHashTable file -> nasl_script_meta*)
** ------------------------------------------------------------------------ */

static void
meta_free (gpointer p)
{
  nasl_script_meta *m = p;
  g_free (m->file);
  g_free (m->oid);
  g_free (m->name);
  g_free (m->family);
  g_strfreev (m->dependencies);
  g_strfreev (m->required_keys);
  g_strfreev (m->mandatory_keys);
  g_strfreev (m->excluded_keys);
  g_strfreev (m->required_ports);
  g_strfreev (m->required_udp_ports);
  g_strfreev (m->cves);
  for (size_t i = 0; i < m->ntags; i++)
    {
      g_free (m->tags[i].name);
      g_free (m->tags[i].value);
    }
  g_free (m->tags);
  for (size_t i = 0; i < m->nxrefs; i++)
    {
      g_free (m->xrefs[i].name);
      g_free (m->xrefs[i].value);
    }
  g_free (m->xrefs);
  for (size_t i = 0; i < m->nprefs; i++)
    {
      g_free (m->prefs[i].name);
      g_free (m->prefs[i].type);
      g_free (m->prefs[i].value);
    }
  g_free (m->prefs);
  g_free (m);
}

static void
meta_table_free (void *p)
{
  g_hash_table_destroy (p);
}

static GHashTable *
meta_table (nasl_state *st, int create)
{
  GHashTable *t = nasl_state_get_data (st, META_STATE_SLOT);
  if (!t && create)
    {
      t = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, meta_free);
      nasl_state_set_data (st, META_STATE_SLOT, t, meta_table_free);
    }
  return t;
}

static char **
strv_new (void)
{
  return g_new0 (char *, 1);
}

static nasl_script_meta *
meta_new (const char *file)
{
  nasl_script_meta *m = g_new0 (nasl_script_meta, 1);
  m->file = g_strdup (file);
  m->category = -1;
  m->dependencies = strv_new ();
  m->required_keys = strv_new ();
  m->mandatory_keys = strv_new ();
  m->excluded_keys = strv_new ();
  m->required_ports = strv_new ();
  m->required_udp_ports = strv_new ();
  m->cves = strv_new ();
  return m;
}

/* The main script of the run (include files share its record). */
static const char *
current_file (nasl_state *st)
{
  const char *f = state_script_path (st);
  return f ? f : "";
}

/* The record being filled by the running description pass. */
static nasl_script_meta *
meta_current (nasl_state *st)
{
  GHashTable *t = meta_table (st, 1);
  const char *file = current_file (st);
  nasl_script_meta *m = g_hash_table_lookup (t, file);
  if (!m)
    {
      m = meta_new (file);
      g_hash_table_insert (t, m->file, m);
      nasl_state_set_data (st, META_LAST_SLOT, g_strdup (file), g_free);
    }
  return m;
}

/* The record for code running now: the current file's, else (code in an
** include file) the record of the script whose description ran last. */
static const nasl_script_meta *
meta_running (nasl_state *st)
{
  const nasl_script_meta *m = nasl_script_meta_get (st, current_file (st));
  if (!m)
    m = nasl_script_meta_get (st, nasl_state_get_data (st, META_LAST_SLOT));
  return m;
}

const nasl_script_meta *
nasl_script_meta_get (nasl_state *st, const char *file)
{
  GHashTable *t = st && file ? meta_table (st, 0) : NULL;
  return t ? g_hash_table_lookup (t, file) : NULL;
}

void
nasl_script_meta_reset (nasl_state *st, const char *file)
{
  GHashTable *t = st && file ? meta_table (st, 0) : NULL;
  if (t)
    g_hash_table_remove (t, file);
}

static void
strv_push (char ***v, const char *s, size_t len)
{
  guint n = g_strv_length (*v);
  if (n >= META_LIST_MAX)
    return;
  *v = g_renew (char *, *v, n + 2);
  (*v)[n] = g_strndup (s, len);
  (*v)[n + 1] = NULL;
}

static void
pair_push (nasl_script_pair **arr, size_t *n, const char *name, const char *value)
{
  if (*n >= META_LIST_MAX)
    return;
  *arr = g_renew (nasl_script_pair, *arr, *n + 1);
  (*arr)[*n].name = g_strdup (name);
  (*arr)[*n].value = g_strdup (value);
  (*n)++;
}

/* OID of the script running now, for reports ("" when unknown). */
const char *
script_meta_running_oid (nasl_state *st)
{
  const nasl_script_meta *m = meta_running (st);
  return m && m->oid ? m->oid : "";
}

/* ------------------------------------------------------------------------
** Listing
** ------------------------------------------------------------------------ */

const char *
nasl_script_category_name (long category)
{
  static const char *const names[] = {
    "ACT_INIT", "ACT_SCANNER", "ACT_SETTINGS", "ACT_GATHER_INFO", "ACT_ATTACK",
    "ACT_MIXED_ATTACK", "ACT_DESTRUCTIVE_ATTACK", "ACT_DENIAL", "ACT_KILL_HOST",
    "ACT_FLOOD", "ACT_END"
  };
  if (category < 0 || category >= (long) G_N_ELEMENTS (names))
    return "unknown";
  return names[category];
}

static void
text_list (GString *out, const char *label, char **v)
{
  if (!v || !*v)
    return;
  g_string_append_printf (out, "%s:", label);
  for (; *v; v++)
    g_string_append_printf (out, " %s", *v);
  g_string_append_c (out, '\n');
}

char *
nasl_script_meta_text (nasl_state *st, const char *file)
{
  const nasl_script_meta *m = nasl_script_meta_get (st, file);
  GString *out = g_string_new ("");
  if (!m)
    return g_string_free (out, FALSE);
  g_string_append_printf (out, "file: %s\n", m->file);
  g_string_append_printf (out, "oid: %s\n", m->oid ? m->oid : "");
  g_string_append_printf (out, "name: %s\n", m->name ? m->name : "");
  g_string_append_printf (out, "family: %s\n", m->family ? m->family : "");
  if (m->category >= 0)
    g_string_append_printf (out, "category: %s\n", nasl_script_category_name (m->category));
  if (m->timeout)
    g_string_append_printf (out, "timeout: %ld\n", m->timeout);
  text_list (out, "dependencies", m->dependencies);
  text_list (out, "required_keys", m->required_keys);
  text_list (out, "mandatory_keys", m->mandatory_keys);
  text_list (out, "excluded_keys", m->excluded_keys);
  text_list (out, "required_ports", m->required_ports);
  text_list (out, "required_udp_ports", m->required_udp_ports);
  text_list (out, "cve", m->cves);
  for (size_t i = 0; i < m->nxrefs; i++)
    g_string_append_printf (out, "xref: %s:%s\n", m->xrefs[i].name, m->xrefs[i].value);
  for (size_t i = 0; i < m->ntags; i++)
    g_string_append_printf (out, "tag: %s=%s\n", m->tags[i].name, m->tags[i].value);
  for (size_t i = 0; i < m->nprefs; i++)
    g_string_append_printf (out, "preference: %d:%s:%s=%s\n", m->prefs[i].id,
                            m->prefs[i].type, m->prefs[i].name, m->prefs[i].value);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
** Metadata builtins: no-ops outside description mode (OpenVAS has no nvti then)
** ------------------------------------------------------------------------ */

/* The record to fill, or NULL when not in description mode. */
static nasl_script_meta *
meta_for_call (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  return nasl_in_description_mode (st) ? meta_current (st) : NULL;
}

static void
meta_set_str (char **field, nasl_call *call)
{
  const char *s = nasl_arg_pos_str (call, 0, NULL);
  if (s)
    {
      g_free (*field);
      *field = g_strdup (s);
    }
}

/* script_oid(oid): also starts the record afresh (a new description pass). */
static nasl_value
bi_script_oid (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  if (!nasl_in_description_mode (st))
    return NASL_NULL;
  nasl_script_meta *m = meta_current (st);
  if (m->oid)
    {
      nasl_script_meta_reset (st, current_file (st));
      m = meta_current (st);
    }
  meta_set_str (&m->oid, call);
  return NASL_NULL;
}

static nasl_value
bi_script_name (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (m)
    meta_set_str (&m->name, call);
  return NASL_NULL;
}

static nasl_value
bi_script_family (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (m)
    meta_set_str (&m->family, call);
  return NASL_NULL;
}

/* script_version() and script_copyright() are ignored, as in OpenVAS. */
static nasl_value
bi_script_ignored (nasl_call *call)
{
  (void) call;
  return NASL_NULL;
}

static nasl_value
bi_script_category (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  long cat = nasl_arg_pos_int (call, 0, -1);
  if (cat < 0)
    {
      nasl_call_error (call, "usage: script_category(<category>)");
      return NASL_NULL;
    }
  m->category = cat;
  return NASL_NULL;
}

static nasl_value
bi_script_timeout (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  long to = nasl_arg_pos_int (call, 0, -65535);
  if (to != -65535)
    m->timeout = to;
  return NASL_NULL;
}

/* Appends every positional string argument to 'v'; returns how many. */
static size_t
push_positionals (nasl_call *call, char ***v)
{
  size_t i = 0;
  for (;; i++)
    {
      size_t len;
      const char *s = nasl_arg_pos_str (call, i, &len);
      if (!s)
        break;
      strv_push (v, s, len);
    }
  return i;
}

/* script_dependencies / require_keys / exclude_keys: at least one name. */
static nasl_value
meta_list_required (nasl_call *call, size_t field_offset, const char *what)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  char ***v = (char ***) ((char *) m + field_offset);
  if (push_positionals (call, v) == 0)
    nasl_call_error (call, "usage: %s(<%s>...)", nasl_call_name (call), what);
  return NASL_NULL;
}

static nasl_value
bi_script_dependencies (nasl_call *call)
{
  return meta_list_required (call, offsetof (nasl_script_meta, dependencies), "script name");
}

static nasl_value
bi_script_require_keys (nasl_call *call)
{
  return meta_list_required (call, offsetof (nasl_script_meta, required_keys), "key");
}

static nasl_value
bi_script_exclude_keys (nasl_call *call)
{
  return meta_list_required (call, offsetof (nasl_script_meta, excluded_keys), "key");
}

/* Appends the positional arguments to a list field; none is no error. */
static nasl_value
meta_list_optional (nasl_call *call, size_t field_offset)
{
  nasl_script_meta *m = meta_for_call (call);
  if (m)
    push_positionals (call, (char ***) ((char *) m + field_offset));
  return NASL_NULL;
}

static nasl_value
bi_script_require_ports (nasl_call *call)
{
  return meta_list_optional (call, offsetof (nasl_script_meta, required_ports));
}

static nasl_value
bi_script_require_udp_ports (nasl_call *call)
{
  return meta_list_optional (call, offsetof (nasl_script_meta, required_udp_ports));
}

static nasl_value
bi_script_cve_id (nasl_call *call)
{
  return meta_list_optional (call, offsetof (nasl_script_meta, cves));
}

/* script_mandatory_keys(k..., re:"key=regex"): the key named in re: is
** stored as "key=regex" in its place (or appended when not listed). */
static nasl_value
bi_script_mandatory_keys (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  const char *re = nasl_arg_str (call, "re", NULL);
  if (!nasl_arg_pos_str (call, 0, NULL))
    {
      nasl_call_error (call, "usage: script_mandatory_keys(<name>... [, re: '<name>=<regex>'])");
      return NASL_NULL;
    }
  char **split = NULL;
  if (re)
    {
      split = g_strsplit (re, "=", 0);
      if (!split[0] || !split[1] || !*split[1] || split[2])
        {
          nasl_call_error (call, "erroneous re argument");
          g_strfreev (split);
          return NASL_NULL;
        }
    }
  for (size_t i = 0;; i++)
    {
      size_t len;
      const char *k = nasl_arg_pos_str (call, i, &len);
      if (!k)
        break;
      if (re && split && strcmp (k, split[0]) == 0)
        {
          strv_push (&m->mandatory_keys, re, strlen (re));
          re = NULL;
        }
      else
        strv_push (&m->mandatory_keys, k, len);
    }
  if (re)
    strv_push (&m->mandatory_keys, re, strlen (re));
  g_strfreev (split);
  return NASL_NULL;
}

/* script_xref(name:, value:) or (name:, csv:"a,b"). */
static nasl_value
bi_script_xref (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  const char *name = nasl_arg_str (call, "name", NULL);
  const char *value = nasl_arg_str (call, "value", NULL);
  const char *csv = nasl_arg_str (call, "csv", NULL);
  if (!name || (!value && !csv))
    {
      nasl_call_error (call, "syntax error - should be script_xref(name:<name>, "
                             "value:<value>) or script_xref(name:<name>, csv:<CSVs>)");
      return NASL_NULL;
    }
  if (csv)
    {
      char **parts = g_strsplit (csv, ",", -1);
      for (char **p = parts; *p; p++)
        {
          char *t = g_strstrip (*p);
          if (*t)
            pair_push (&m->xrefs, &m->nxrefs, name, t);
        }
      g_strfreev (parts);
    }
  if (value)
    pair_push (&m->xrefs, &m->nxrefs, name, value);
  return NASL_NULL;
}

/* script_tag(name:, value:): a value containing '|' is rejected. */
static nasl_value
bi_script_tag (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  const char *name = nasl_arg_str (call, "name", NULL);
  const char *value = nasl_arg_str (call, "value", NULL);
  if (!name || !value)
    {
      nasl_call_error (call, "syntax error - should be script_tag(name:<name>, value:<value>)");
      return NASL_NULL;
    }
  if (strchr (value, '|'))
    {
      nasl_call_error (call, "%s tag contains | separator", name);
      return NASL_NULL;
    }
  pair_push (&m->tags, &m->ntags, name, value);
  return NASL_NULL;
}

/* script_add_preference(name:, type:, value:, id:): id defaults to count+1. */
static nasl_value
bi_script_add_preference (nasl_call *call)
{
  nasl_script_meta *m = meta_for_call (call);
  if (!m)
    return NASL_NULL;
  long id = nasl_arg_int (call, "id", -1);
  const char *name = nasl_arg_str (call, "name", NULL);
  const char *type = nasl_arg_str (call, "type", NULL);
  const char *value = nasl_arg_str (call, "value", NULL);
  if (id < 0)
    id = (long) m->nprefs + 1;
  if (id == 0 || id > G_MAXINT)
    {
      nasl_call_error (call, "invalid or not allowed id value %ld", id);
      return NASL_NULL;
    }
  if (!name || !type || !value)
    {
      nasl_call_error (call, "argument error: name:, type: and value: are needed");
      return NASL_NULL;
    }
  for (size_t i = 0; i < m->nprefs; i++)
    {
      if (strcmp (m->prefs[i].name, name) == 0)
        {
          nasl_call_error (call, "preference '%s' already exists", name);
          return NASL_NULL;
        }
      if (m->prefs[i].id == id)
        {
          nasl_call_error (call, "preference id %ld already exists", id);
          return NASL_NULL;
        }
    }
  if (m->nprefs >= META_LIST_MAX)
    return NASL_NULL;
  m->prefs = g_renew (nasl_script_pref, m->prefs, m->nprefs + 1);
  m->prefs[m->nprefs] = (nasl_script_pref){ (int) id, g_strdup (name), g_strdup (type),
                                            g_strdup (value) };
  m->nprefs++;
  return NASL_NULL;
}

/* ------------------------------------------------------------------------
** Preferences at run time
** ------------------------------------------------------------------------ */

static const nasl_script_pref *
pref_declared (const nasl_script_meta *m, const char *name, long id)
{
  if (!m)
    return NULL;
  for (size_t i = 0; i < m->nprefs; i++)
    if ((id > 0 && m->prefs[i].id == id) || (id <= 0 && name && strcmp (m->prefs[i].name, name) == 0))
      return &m->prefs[i];
  return NULL;
}

/*
** The value of a script preference: what the operator set (by name, or by
** the decimal id), else the default declared by script_add_preference in
** this file's description pass (OpenVAS falls back to the NVT's default).
*/
static const char *
pref_lookup (nasl_state *st, const char *name, long id)
{
  const nasl_script_meta *m = meta_running (st);
  const nasl_script_pref *decl = pref_declared (m, name, id);
  const char *v = NULL;
  if (id > 0)
    {
      char idtext[32];
      g_snprintf (idtext, sizeof idtext, "%ld", id);
      v = nasl_get_script_preference (st, idtext);
    }
  if (!v && name)
    v = nasl_get_script_preference (st, name);
  if (!v && decl)
    v = nasl_get_script_preference (st, decl->name);
  if (!v && decl)
    v = decl->value;
  return v;
}

/* OpenVAS's isalldigit: only digits, and the atoi round-trip gives the same text. */
static int
pref_is_all_digits (const char *s)
{
  if (!*s)
    return 0;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p))
      return 0;
  char buf[32];
  g_snprintf (buf, sizeof buf, "%d", atoi (s));
  return strcmp (buf, s) == 0;
}

/* script_get_preference(name, id:): int when all digits, else data; NULL unset. */
static nasl_value
bi_script_get_preference (nasl_call *call)
{
  long id = nasl_arg_int (call, "id", -1);
  const char *name = nasl_arg_pos_str (call, 0, NULL);
  if (!name && id == -1)
    {
      nasl_call_error (call, "usage: pref = script_get_preference(<name>, id:<id>)");
      return NASL_NULL;
    }
  nasl_state *st = nasl_call_state (call);
  const char *v = pref_lookup (st, name, id);
  if (!v)
    return NASL_NULL;
  /* the value of a "password" preference is a secret (secrets.h) */
  const nasl_script_pref *decl = pref_declared (meta_running (st), name, id);
  if (decl && decl->type && strcmp (decl->type, "password") == 0)
    secret_note (st, v, strlen (v));
  if (pref_is_all_digits (v))
    return nasl_value_int (atoi (v));
  return nasl_value_data_cstr (v);
}

/* script_get_preference_file_content(name): the operator gives a path. */
static nasl_value
bi_script_get_preference_file_content (nasl_call *call)
{
  const char *name = nasl_arg_pos_str (call, 0, NULL);
  if (!name)
    {
      nasl_call_error (call, "usage: pref = script_get_preference_file_content(<name>)");
      return NASL_NULL;
    }
  nasl_state *st = nasl_call_state (call);
  const char *path = nasl_get_script_preference (st, name);
  if (!path || !*path)
    return NASL_NULL;
  size_t len = 0;
  char *why = NULL;
  char *bytes = readfile_regular (path, READFILE_MAX_DATA, &len, &why);
  if (!bytes)
    {
      nasl_call_error (call, "preference '%s': %s: %s", name, path, why);
      g_free (why);
      return NASL_NULL;
    }
  if (len == 0)
    {
      /* OpenVAS: an empty file is an error, too */
      nasl_call_error (call, "could not get size of file from preference %s", name);
      g_free (bytes);
      return NASL_NULL;
    }
  return nasl_value_data_take (bytes, len);
}

/* script_get_preference_file_location(name): the path the operator gave. */
static nasl_value
bi_script_get_preference_file_location (nasl_call *call)
{
  const char *name = nasl_arg_pos_str (call, 0, NULL);
  if (!name)
    {
      nasl_call_error (call, "no preference name");
      return NASL_NULL;
    }
  const char *path = nasl_get_script_preference (nasl_call_state (call), name);
  if (!path)
    {
      nasl_call_error (call, "could not get preference %s", name);
      return NASL_NULL;
    }
  return nasl_value_data_cstr (path);
}

/* get_preference(name): a scanner preference as data, NULL when unset. */
static nasl_value
bi_get_preference (nasl_call *call)
{
  const char *name = nasl_arg_pos_str (call, 0, NULL);
  if (!name)
    {
      nasl_call_error (call, "no name");
      return NASL_NULL;
    }
  const char *v = nasl_get_preference (nasl_call_state (call), name);
  return v ? nasl_value_data_cstr (v) : NASL_NULL;
}

/* safe_checks(): the "safe_checks" scanner preference as 1/0 (nasl -s sets it). */
static nasl_value
bi_safe_checks (nasl_call *call)
{
  const char *v = nasl_get_preference (nasl_call_state (call), "safe_checks");
  return nasl_value_int (v && strcmp (v, "yes") == 0);
}

/* get_script_oid(): the OID from this file's description pass, else NULL. */
static nasl_value
bi_get_script_oid (nasl_call *call)
{
  const nasl_script_meta *m = meta_running (nasl_call_state (call));
  return m && m->oid ? nasl_value_data_cstr (m->oid) : NASL_NULL;
}

const nasl_builtin lib_script_builtins[] = {
  { "script_oid", bi_script_oid, 0, 1, "" },
  { "script_version", bi_script_ignored, 0, 1, "" },
  { "script_copyright", bi_script_ignored, 0, 1, "" },
  { "script_name", bi_script_name, 0, 1, "" },
  { "script_family", bi_script_family, 0, 1, "" },
  { "script_category", bi_script_category, 0, 1, "" },
  { "script_timeout", bi_script_timeout, 0, 1, "" },
  { "script_dependencies", bi_script_dependencies, 0, -1, "" },
  { "script_require_keys", bi_script_require_keys, 0, -1, "" },
  { "script_mandatory_keys", bi_script_mandatory_keys, 0, -1, "re:s?" },
  { "script_exclude_keys", bi_script_exclude_keys, 0, -1, "" },
  { "script_require_ports", bi_script_require_ports, 0, -1, "" },
  { "script_require_udp_ports", bi_script_require_udp_ports, 0, -1, "" },
  { "script_cve_id", bi_script_cve_id, 0, -1, "" },
  { "script_xref", bi_script_xref, 0, 0, "name:s value:x? csv:s?" },
  { "script_tag", bi_script_tag, 0, 0, "name:s value:x" },
  { "script_add_preference", bi_script_add_preference, 0, 0, "name:s type:s value:x id:i?" },
  { "script_get_preference", bi_script_get_preference, 0, 1, "id:i?" },
  { "script_get_preference_file_content", bi_script_get_preference_file_content, 0, 1, "" },
  { "script_get_preference_file_location", bi_script_get_preference_file_location, 0, 1, "" },
  { "get_preference", bi_get_preference, 0, 1, "" },
  { "safe_checks", bi_safe_checks, 0, 0, "" },
  { "get_script_oid", bi_get_script_oid, 0, 0, "" },
  NASL_BUILTIN_END
};

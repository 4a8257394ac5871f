/* SPDX-License-Identifier: GPL-2.0-or-later */
/* secrets.c: keeps secrets (passwords, keys, KB Secret/ values) out of traces and diagnostics. */
#include "config.h"

#include <string.h>

#include "secrets.h"
#include "kb.h"
#include "state.h"

struct secret_store {
  GHashTable *values;    /* GBytes* set: the noted secrets */
  GHashTable *names;     /* interned argument name -> 1 secret, 2 not */
};

static secret_store *
secret_store_get (nasl_state *st)
{
  if (st->secrets == NULL)
    {
      st->secrets = g_new0 (secret_store, 1);
      st->secrets->values = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                   (GDestroyNotify) g_bytes_unref, NULL);
      st->secrets->names = g_hash_table_new (g_direct_hash, g_direct_equal);
    }
  return st->secrets;
}

void
secret_store_free (secret_store *s)
{
  if (s == NULL)
    return;
  g_hash_table_destroy (s->values);
  g_hash_table_destroy (s->names);
  g_free (s);
}

/* The naming rule (see secrets.h). */
static bool
secret_name_rule (const char *name)
{
  static const char *const parts[] = { "pass", "secret", "priv", "token", "community" };
  char *low = g_ascii_strdown (name, -1);
  size_t n = strlen (low);
  bool hit = strcmp (low, "key") == 0 || (n > 4 && strcmp (low + n - 4, "_key") == 0);

  for (size_t i = 0; !hit && i < G_N_ELEMENTS (parts); i++)
    hit = strstr (low, parts[i]) != NULL;
  g_free (low);
  return hit;
}

bool
secret_arg_name (nasl_state *st, const char *name)
{
  secret_store *s = secret_store_get (st);
  gpointer known = g_hash_table_lookup (s->names, name);

  if (known == NULL)
    {
      known = GINT_TO_POINTER (secret_name_rule (name) ? 1 : 2);
      g_hash_table_insert (s->names, (gpointer) name, known);
    }
  return GPOINTER_TO_INT (known) == 1;
}

void
secret_note (nasl_state *st, const char *bytes, size_t len)
{
  secret_store *s;

  if (len < SECRET_MIN_LEN || len > SECRET_MAX_LEN)
    return;
  s = secret_store_get (st);
  if (g_hash_table_size (s->values) >= SECRET_MAX_COUNT)
    return;
  g_hash_table_add (s->values, g_bytes_new (bytes, len));
}

/* ------------------------------------------------------------------------
** Masking
** ------------------------------------------------------------------------ */

typedef struct mask_job {
  const char *text;
  size_t len;
  guint8 *hide;          /* one flag per byte of text, NULL until needed */
} mask_job;

/* Flags every occurrence of 'secret' in the text (overlaps included). */
static void
mask_mark (mask_job *j, const char *secret, size_t slen)
{
  const char *p = j->text, *end = j->text + j->len, *q;

  if (slen < SECRET_MIN_LEN || slen > j->len)
    return;
  while ((q = memmem (p, (size_t) (end - p), secret, slen)) != NULL)
    {
      if (j->hide == NULL)
        j->hide = g_malloc0 (j->len);
      memset (j->hide + (q - j->text), 1, slen);
      p = q + 1;
    }
}

static int
mask_kb_value (void *ud, const char *name, const kb_value *v)
{
  (void) name;
  if (!v->is_int)
    mask_mark (ud, v->s, v->len);
  return 0;
}

char *
secret_mask (nasl_state *st, const char *text, size_t len, size_t *out_len)
{
  mask_job j = { text, len, NULL };
  GHashTableIter it;
  gpointer key;
  GString *out;
  size_t i = 0;

  if (len < SECRET_MIN_LEN)
    return NULL;
  if (st->secrets != NULL)
    {
      g_hash_table_iter_init (&it, st->secrets->values);
      while (g_hash_table_iter_next (&it, &key, NULL))
        {
          gsize slen;
          const char *sb = g_bytes_get_data (key, &slen);
          mask_mark (&j, sb, slen);
        }
    }
  kb_foreach_secret (nasl_state_kb (st), mask_kb_value, &j);
  if (j.hide == NULL)
    return NULL;
  out = g_string_sized_new (len);
  while (i < len)
    {
      if (!j.hide[i])
        {
          g_string_append_c (out, text[i++]);
          continue;
        }
      g_string_append (out, SECRET_MASK);
      while (i < len && j.hide[i])
        i++;
    }
  g_free (j.hide);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.c: nasl_audit_record(kind, data): validates a plugin's record against its kind's keys and streams it to the runner. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "record.h"

/*
** Each kind is a table of keys.  The worker checks a call against it and
** sends the values in table order as one GVariant tuple (strings as
** bytestrings: target data need not be UTF-8); the runner reads the tuple
** back into the kind's struct through the same table.
*/

typedef enum { F_STR, F_INT, F_COUNTS } field_kind;

#define F_REQUIRED 1u

typedef struct field_spec {
  const char *name;
  field_kind kind;
  size_t offset;
  unsigned flags;
  const char *allowed; /* "|a|b|" (strings) or "|-1|0|1|" (ints); NULL: anything */
  long dflt;           /* F_INT default */
} field_spec;

typedef struct record_spec {
  const char *kind;
  frame_kind frame;
  const field_spec *fields;
  size_t n_fields;
  size_t size;
} record_spec;

#define S(st, f, fl, allowed) { #f, F_STR, offsetof (st, f), fl, allowed, 0 }
#define I(st, f, fl, allowed, d) { #f, F_INT, offsetof (st, f), fl, allowed, d }

static const field_spec target_fields[] = {
  S (target_info, os, F_REQUIRED, NULL),
  S (target_info, os_detail, 0, NULL),
  S (target_info, transport, F_REQUIRED, "|local|ssh|smb|"),
  S (target_info, login, 0, NULL),
  I (target_info, privileged, 0, "|-1|0|1|", -1),
  S (target_info, listener_source, 0, NULL),
  S (target_info, process_source, 0, NULL),
  S (target_info, api, 0, "||module|pure-nasl|"),
  S (target_info, status, F_REQUIRED, "|audited|not_audited|"),
  S (target_info, reason, 0, NULL),
  S (target_info, reason_code, 0,
     "||refused|unreachable|auth|hostkey_unknown|hostkey_changed|timeout|command_missing"
     "|output_cap|exit_status|unreadable|privileges|internal|"),
};

static const field_spec listener_fields[] = {
  S (listener, proto, F_REQUIRED, "|tcp|udp|"),
  I (listener, family, 0, "|0|4|6|", 0),
  S (listener, address, F_REQUIRED, NULL),
  I (listener, port, F_REQUIRED, NULL, -1),
  S (listener, port_text, 0, NULL),
  I (listener, pid, 0, NULL, -1),
  S (listener, process, 0, NULL),
  S (listener, services, 0, NULL),
  I (listener, exposed, F_REQUIRED, "|0|1|", 0),
  I (listener, counted, F_REQUIRED, "|0|1|", 0),
  S (listener, reachable, 0, "|yes|no|untested|"),
};

static const field_spec policy_fields[] = {
  S (policy_info, file, F_REQUIRED, NULL),
  S (policy_info, path, 0, NULL),
  S (policy_info, name, 0, NULL),
  S (policy_info, version, 0, NULL),
  S (policy_info, check_type, 0, NULL),
  S (policy_info, status, F_REQUIRED, "|ran|not_applicable|error|"),
  S (policy_info, reason, 0, NULL),
  I (policy_info, items, 0, NULL, 0),
  { "skipped", F_COUNTS, offsetof (policy_info, skipped), 0, NULL, 0 },
};

static const field_spec result_fields[] = {
  S (check_result, check_id, F_REQUIRED, NULL),
  S (check_result, audit_file, F_REQUIRED, NULL),
  I (check_result, line, 0, NULL, 0),
  S (check_result, group, 0, NULL),
  S (check_result, type, 0, NULL),
  S (check_result, check_name, F_REQUIRED, NULL),
  S (check_result, check_type, 0, NULL),
  S (check_result, result, F_REQUIRED, "|PASSED|FAILED|WARNING|ERROR|"),
  S (check_result, compliant, F_REQUIRED, "|YES|NO|INCOMPLETE|"),
  S (check_result, actual_value, 0, NULL),
  S (check_result, policy_value, 0, NULL),
  S (check_result, info, 0, NULL),
  S (check_result, solution, 0, NULL),
  S (check_result, reference, 0, NULL),
  S (check_result, see_also, 0, NULL),
  S (check_result, severity, 0, NULL),
  S (check_result, ports, 0, NULL),
  S (check_result, evidence, 0, NULL),
  S (check_result, note, 0, NULL),
};

static const field_spec gather_fields[] = {
  S (gather_line, line, F_REQUIRED, NULL),
};

#undef S
#undef I

static const record_spec record_specs[] = {
  { "target", FRAME_TARGET, target_fields, G_N_ELEMENTS (target_fields), sizeof (target_info) },
  { "listener", FRAME_LISTENER, listener_fields, G_N_ELEMENTS (listener_fields), sizeof (listener) },
  { "policy", FRAME_POLICY, policy_fields, G_N_ELEMENTS (policy_fields), sizeof (policy_info) },
  { "result", FRAME_RESULT, result_fields, G_N_ELEMENTS (result_fields), sizeof (check_result) },
  { "gather", FRAME_GATHER, gather_fields, G_N_ELEMENTS (gather_fields), sizeof (gather_line) },
};

static const record_spec *
spec_by_kind (const char *kind)
{
  for (size_t i = 0; i < G_N_ELEMENTS (record_specs); i++)
    if (strcmp (record_specs[i].kind, kind) == 0)
      return &record_specs[i];
  return NULL;
}

static const record_spec *
spec_by_frame (frame_kind frame)
{
  for (size_t i = 0; i < G_N_ELEMENTS (record_specs); i++)
    if (record_specs[i].frame == frame)
      return &record_specs[i];
  return NULL;
}

/* The GVariant type of a kind's tuple, e.g. "(ayxay...)". */
static char *
spec_type (const record_spec *spec)
{
  GString *t = g_string_new ("(");
  for (size_t i = 0; i < spec->n_fields; i++)
    g_string_append (t, spec->fields[i].kind == F_STR   ? "ay"
                        : spec->fields[i].kind == F_INT ? "x"
                                                        : "a(ayx)");
  g_string_append_c (t, ')');
  return g_string_free (t, FALSE);
}

static gboolean
allowed_value (const char *allowed, const char *value)
{
  if (!allowed)
    return TRUE;
  char *needle = g_strdup_printf ("|%s|", value);
  gboolean ok = strstr (allowed, needle) != NULL;
  g_free (needle);
  return ok;
}

char *
record_text (const char *bytes, size_t len)
{
  if (!memchr (bytes, '\0', len))
    return g_strndup (bytes, len);
  GString *s = g_string_sized_new (len + 16);
  for (size_t i = 0; i < len; i++)
    if (bytes[i])
      g_string_append_c (s, bytes[i]);
    else
      g_string_append (s, "\\x00");
  return g_string_free (s, FALSE);
}

/* ---- frames -------------------------------------------------------------- */

static void
write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3); /* the runner is gone: nobody would read our results */
      p += n;
      len -= (size_t) n;
    }
}

void
frame_write (int fd, frame_kind kind, GVariant *payload)
{
  g_variant_ref_sink (payload);
  gsize size = g_variant_get_size (payload);
  guint8 *buf = g_malloc (size + 5);
  guint32 len = (guint32) size + 1;
  memcpy (buf, &len, 4);
  buf[4] = (guint8) kind;
  /* serialised in place (aligned), then copied after the header */
  memcpy (buf + 5, g_variant_get_data (payload), size);
  write_all (fd, buf, size + 5);
  g_free (buf);
  g_variant_unref (payload);
}

void
frame_write_text (int fd, frame_kind kind, const char *text)
{
  frame_write (fd, kind, g_variant_new_bytestring (text ? text : ""));
}

/* ---- the builtin (worker side) ----------------------------------------- */

typedef struct record_sink {
  int fd;
  long records;
} record_sink;

#define SINK_KEY "nasl-audit/record-sink"

typedef struct call_check {
  const record_spec *spec;
  const nasl_value **values; /* by field index, borrowed */
  GString *error;
} call_check;

static int
pick_field (void *ud, const nasl_value *key, const nasl_value *val)
{
  call_check *cc = ud;
  size_t klen = 0;
  const char *k = nasl_value_bytes (key, &klen);
  if (key->type == NASL_TYPE_INT || !k)
    {
      g_string_printf (cc->error, "data has an integer index (%ld); keys are names",
                       key->type == NASL_TYPE_INT ? key->as.i : 0L);
      return 1;
    }
  for (size_t i = 0; i < cc->spec->n_fields; i++)
    if (strlen (cc->spec->fields[i].name) == klen && memcmp (cc->spec->fields[i].name, k, klen) == 0)
      {
        cc->values[i] = val;
        return 0;
      }
  char *shown = record_text (k, klen);
  g_string_printf (cc->error, "unknown key '%s' for kind '%s'", shown, cc->spec->kind);
  g_free (shown);
  return 1;
}

typedef struct counts_build {
  GVariantBuilder *b;
  GString *error;
  const char *field;
} counts_build;

static int
add_count (void *ud, const nasl_value *key, const nasl_value *val)
{
  counts_build *cb = ud;
  size_t klen = 0;
  const char *k = nasl_value_bytes (key, &klen);
  if (key->type == NASL_TYPE_INT || !k)
    {
      g_string_printf (cb->error, "'%s' must be keyed by item type, not by integer", cb->field);
      return 1;
    }
  if (val->type != NASL_TYPE_INT)
    {
      g_string_printf (cb->error, "'%s' values must be int counts, got %s", cb->field,
                       nasl_type_name (val->type));
      return 1;
    }
  char *name = record_text (k, klen);
  g_variant_builder_add (cb->b, "(^ayx)", name, (gint64) val->as.i);
  g_free (name);
  return 0;
}

/* A string field's text (ints as their decimal text); NULL with cc->error on a wrong type. */
static char *
string_value (call_check *cc, const field_spec *f, const nasl_value *v)
{
  if (v->type == NASL_TYPE_INT)
    return g_strdup_printf ("%ld", v->as.i);
  size_t len = 0;
  const char *b = nasl_value_bytes (v, &len);
  if (!b || (v->type != NASL_TYPE_STRING && v->type != NASL_TYPE_DATA))
    {
      g_string_printf (cc->error, "'%s' must be a string, got %s", f->name, nasl_type_name (v->type));
      return NULL;
    }
  if (len > RECORD_MAX_FIELD)
    {
      char *cut = record_text (b, RECORD_MAX_FIELD);
      char *out = g_strdup_printf ("%s ... [%zu bytes cut]", cut, len - RECORD_MAX_FIELD);
      g_free (cut);
      return out;
    }
  return record_text (b, len);
}

/* Checks the call and builds the tuple; NULL with cc->error set on a wrong call. */
static GVariant *
build_record (call_check *cc)
{
  const record_spec *spec = cc->spec;
  GVariantBuilder b;
  g_variant_builder_init (&b, G_VARIANT_TYPE_TUPLE);
  for (size_t i = 0; i < spec->n_fields; i++)
    {
      const field_spec *f = &spec->fields[i];
      const nasl_value *v = cc->values[i];
      if (!v && (f->flags & F_REQUIRED))
        {
          g_string_printf (cc->error, "kind '%s' needs the key '%s'", spec->kind, f->name);
          break;
        }
      if (f->kind == F_STR)
        {
          char *s = v ? string_value (cc, f, v) : g_strdup ("");
          if (!s)
            break;
          if (v && !allowed_value (f->allowed, s))
            {
              g_string_printf (cc->error, "'%s' cannot be '%s' (one of %s)", f->name, s, f->allowed);
              g_free (s);
              break;
            }
          g_variant_builder_add (&b, "^ay", s);
          g_free (s);
        }
      else if (f->kind == F_INT)
        {
          if (v && v->type != NASL_TYPE_INT)
            {
              g_string_printf (cc->error, "'%s' must be an int, got %s", f->name,
                               nasl_type_name (v->type));
              break;
            }
          long n = v ? v->as.i : f->dflt;
          char *text = g_strdup_printf ("%ld", n);
          gboolean ok = allowed_value (f->allowed, text);
          g_free (text);
          if (!ok)
            {
              g_string_printf (cc->error, "'%s' cannot be %ld (one of %s)", f->name, n, f->allowed);
              break;
            }
          g_variant_builder_add (&b, "x", (gint64) n);
        }
      else
        {
          GVariantBuilder cb;
          g_variant_builder_init (&cb, G_VARIANT_TYPE ("a(ayx)"));
          if (v && v->type != NASL_TYPE_ARRAY)
            g_string_printf (cc->error, "'%s' must be an array, got %s", f->name,
                             nasl_type_name (v->type));
          else if (v)
            {
              counts_build cbd = { &cb, cc->error, f->name };
              nasl_array_foreach (v, add_count, &cbd);
            }
          GVariant *counts = g_variant_builder_end (&cb);
          if (cc->error->len)
            {
              g_variant_unref (g_variant_ref_sink (counts));
              break;
            }
          g_variant_builder_add_value (&b, counts);
        }
    }
  if (cc->error->len)
    {
      g_variant_builder_clear (&b);
      return NULL;
    }
  return g_variant_builder_end (&b);
}

static nasl_value
bi_nasl_audit_record (nasl_call *call)
{
  nasl_state *st = nasl_call_state (call);
  record_sink *sink = nasl_state_get_data (st, SINK_KEY);
  const nasl_value *kind_v = nasl_arg_either (call, "kind", 0);
  const nasl_value *data = nasl_arg_either (call, "data", 1);
  size_t klen = 0;
  const char *kind = kind_v ? nasl_value_bytes (kind_v, &klen) : NULL;
  GString *error = g_string_new (NULL);
  const record_spec *spec = NULL;
  GVariant *rec = NULL;

  if (!kind || kind_v->type == NASL_TYPE_INT)
    g_string_printf (error, "'kind' must be a string");
  else if (strlen (kind) != klen || !(spec = spec_by_kind (kind)))
    {
      char *shown = record_text (kind, klen);
      g_string_printf (error, "unknown kind '%s' (target, listener, policy, result, gather)", shown);
      g_free (shown);
    }
  else if (!data || data->type != NASL_TYPE_ARRAY)
    g_string_printf (error, "'data' must be an array, got %s",
                     data ? nasl_type_name (data->type) : "nothing");
  else if (sink->records >= RECORD_MAX_PER_TARGET)
    g_string_printf (error, "more than %ld records for one target: refused", RECORD_MAX_PER_TARGET);
  else
    {
      call_check cc = { spec, g_new0 (const nasl_value *, spec->n_fields), error };
      if (nasl_array_foreach (data, pick_field, &cc) == 0)
        rec = build_record (&cc);
      g_free (cc.values);
    }

  if (!rec)
    {
      char *file = g_path_get_basename (nasl_current_file (st) ? nasl_current_file (st) : "?");
      char *where = g_strdup_printf ("%s line %d", file, nasl_current_line (st));
      g_free (file);
      char *msg = g_strdup_printf ("%s: nasl_audit_record: %s", where, error->str);
      nasl_call_error (call, "%s", error->str);
      frame_write_text (sink->fd, FRAME_PROBLEM, msg);
      g_free (msg);
      g_free (where);
      g_string_free (error, TRUE);
      return nasl_value_int (0);
    }
  g_string_free (error, TRUE);
  sink->records++;
  frame_write (sink->fd, spec->frame, rec);
  return nasl_value_int (1);
}

static const nasl_builtin record_builtins[] = {
  { "nasl_audit_record", bi_nasl_audit_record, 0, 2, "kind:s? data:a?" },
  NASL_BUILTIN_END
};

int
record_register (nasl_state *st, int fd, char **err)
{
  record_sink *sink = g_new0 (record_sink, 1);
  sink->fd = fd;
  nasl_state_set_data (st, SINK_KEY, sink, g_free);
  return nasl_register_builtins (st, record_builtins, err);
}

/* ---- reading frames back (runner side) ----------------------------------- */

static void
fill_from_tuple (target_result *tr, const record_spec *spec, GVariant *tuple, void *out)
{
  for (size_t i = 0; i < spec->n_fields; i++)
    {
      const field_spec *f = &spec->fields[i];
      GVariant *child = g_variant_get_child_value (tuple, i);
      char *slot = (char *) out + f->offset;
      if (f->kind == F_STR)
        *(const char **) slot = target_result_keep (tr, g_variant_get_bytestring (child));
      else if (f->kind == F_INT)
        *(long *) slot = (long) g_variant_get_int64 (child);
      else
        {
          GArray *counts = g_array_new (FALSE, TRUE, sizeof (named_count));
          GVariantIter it;
          const char *name;
          gint64 n;
          g_variant_iter_init (&it, child);
          while (g_variant_iter_next (&it, "(^&ayx)", &name, &n))
            {
              named_count nc = { target_result_keep (tr, name), (long) n };
              g_array_append_val (counts, nc);
            }
          *(GArray **) slot = counts;
        }
      g_variant_unref (child);
    }
}

static gboolean
apply_record (target_result *tr, const record_spec *spec, GVariant *tuple)
{
  switch (spec->frame)
    {
    case FRAME_TARGET:
      fill_from_tuple (tr, spec, tuple, &tr->info);
      tr->have_info = TRUE;
      break;
    case FRAME_LISTENER:
      {
        listener l;
        fill_from_tuple (tr, spec, tuple, &l);
        if (!*l.reachable)
          l.reachable = "untested";
        if (!*l.port_text && l.port >= 0)
          {
            char buf[24];
            g_snprintf (buf, sizeof buf, "%ld", l.port);
            l.port_text = target_result_keep (tr, buf);
          }
        g_array_append_val (tr->listeners, l);
        break;
      }
    case FRAME_POLICY:
      {
        policy_info *p = g_new0 (policy_info, 1);
        fill_from_tuple (tr, spec, tuple, p);
        g_ptr_array_add (tr->policies, p);
        break;
      }
    case FRAME_RESULT:
      {
        check_result *r = g_new0 (check_result, 1);
        fill_from_tuple (tr, spec, tuple, r);
        g_ptr_array_add (tr->results, r);
        break;
      }
    case FRAME_GATHER:
      {
        gather_line g;
        fill_from_tuple (tr, spec, tuple, &g);
        if (tr->gather_log->len < 10000)
          g_array_append_val (tr->gather_log, g);
        else if (tr->gather_log->len == 10000)
          {
            g.line = "(further gather lines not kept)";
            g_array_append_val (tr->gather_log, g);
          }
        break;
      }
    default:
      return FALSE;
    }
  return TRUE;
}

gboolean
frame_apply (target_result *tr, frame_kind kind, const guint8 *data, gsize len, char **err)
{
  const record_spec *spec = spec_by_frame (kind);
  const char *type;
  char *owned_type = NULL;
  switch (kind)
    {
    case FRAME_HOST:
    case FRAME_ABORT: type = "(ayay)"; break;
    case FRAME_PROBLEM:
    case FRAME_DIAG: type = "ay"; break;
    case FRAME_DONE: tr->finished = TRUE; return TRUE;
    default:
      if (!spec)
        {
          *err = g_strdup_printf ("unknown frame kind %d from the worker", (int) kind);
          return FALSE;
        }
      type = owned_type = spec_type (spec);
    }
  GBytes *bytes = g_bytes_new (data, len);
  GVariant *v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (type), bytes, FALSE));
  g_bytes_unref (bytes);
  g_free (owned_type);
  if (!g_variant_is_normal_form (v))
    {
      g_variant_unref (v);
      *err = g_strdup ("a malformed record from the worker");
      return FALSE;
    }
  if (kind == FRAME_HOST)
    {
      const char *addr, *name;
      g_variant_get (v, "(^&ay^&ay)", &addr, &name);
      tr->address = target_result_keep (tr, addr);
      tr->hostname = target_result_keep (tr, name);
    }
  else if (kind == FRAME_ABORT)
    {
      const char *code, *reason;
      g_variant_get (v, "(^&ay^&ay)", &code, &reason);
      tr->abort_code = target_result_keep (tr, code);
      tr->abort_reason = target_result_keep (tr, reason);
    }
  else if (kind == FRAME_PROBLEM)
    target_result_problem (tr, "%s", g_variant_get_bytestring (v));
  else if (kind == FRAME_DIAG)
    {
      if (tr->diagnostics->len < 1000)
        g_ptr_array_add (tr->diagnostics,
                         (gpointer) target_result_keep (tr, g_variant_get_bytestring (v)));
    }
  else
    apply_record (tr, spec, v);
  g_variant_unref (v);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loadlib.c: loading NASL modules: resolve, dlopen, ABI checks, registration. */
#include "loadlib.h"
#include "libs.h"
#include "state.h"
#include "readfile.h"

#include <dlfcn.h>
#include <glib.h>
#include <stddef.h>
#include <string.h>

#ifndef NASL_MODULEDIR
#define NASL_MODULEDIR "/usr/local/lib/nasl-audit/modules"
#endif


#define LOADLIB_STATE_SLOT "nasl.modules"
/* Largest libtool archive (.la) read; they are a few hundred bytes. */
#define LOADLIB_MAX_LA ((size_t) 1024 * 1024)

/* The bytes of nasl_module_info / nasl_builtin that ABI 1.0 defines: a
** module must cover at least these; later fields are read only if covered. */
#define INFO_MIN_SIZE (offsetof (nasl_module_info, builtins) + sizeof (void *))
#define INFO_ABI_SIZE (offsetof (nasl_module_info, abi_minor) + sizeof (uint16_t))
#define BUILTIN_MIN_SIZE (offsetof (nasl_builtin, params) + sizeof (void *))

/* One loaded module, owned by the state's module list. */
typedef struct loaded_module {
  char *name;
  char *version;
  char *path;
  void *handle;
  nasl_builtin *table;  /* host copy, normalised to this host's stride */
  void (*fini) (void *);
  void *data;
} loaded_module;

typedef struct module_list {
  GPtrArray *mods; /* of loaded_module*, load order */
} module_list;

/* What the entry point hands back through nasl_module_register(). */
struct nasl_module_ctx {
  const char *path;
  int calls;             /* times nasl_module_register was called */
  int accepted;
  nasl_module_info info; /* host-sized copy, zero beyond what the module knew */
  nasl_builtin *table;   /* host copy of the module's table */
  char *err;
};

/* ------------------------------------------------------------------------
** Module list (state slot)
** ------------------------------------------------------------------------ */

static void
loaded_module_free (loaded_module *m)
{
  g_free (m->name);
  g_free (m->version);
  g_free (m->path);
  g_free (m->table);
  g_free (m);
}

/* Teardown: fini then dlclose, newest module first. */
static void
module_list_destroy (void *p)
{
  module_list *l = p;
  for (guint i = l->mods->len; i > 0; i--)
    {
      loaded_module *m = g_ptr_array_index (l->mods, i - 1);
      if (m->fini)
        m->fini (m->data);
      if (m->handle)
        dlclose (m->handle);
      loaded_module_free (m);
    }
  g_ptr_array_free (l->mods, TRUE);
  g_free (l);
}

static module_list *
module_list_get (nasl_state *st)
{
  module_list *l = nasl_state_get_data (st, LOADLIB_STATE_SLOT);
  if (!l)
    {
      l = g_new0 (module_list, 1);
      l->mods = g_ptr_array_new ();
      nasl_state_set_data (st, LOADLIB_STATE_SLOT, l, module_list_destroy);
    }
  return l;
}

static loaded_module *
module_list_find (module_list *l, const char *name)
{
  for (guint i = 0; i < l->mods->len; i++)
    {
      loaded_module *m = g_ptr_array_index (l->mods, i);
      if (strcmp (m->name, name) == 0)
        return m;
    }
  return NULL;
}

const char **
loadlib_module_names (nasl_state *st)
{
  module_list *l = nasl_state_get_data (st, LOADLIB_STATE_SLOT);
  guint n = l ? l->mods->len : 0;
  const char **names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = ((loaded_module *) g_ptr_array_index (l->mods, i))->name;
  return names;
}

/* ------------------------------------------------------------------------
** Resolving a spec to a file
** ------------------------------------------------------------------------ */

char *
loadlib_la_dlname (const char *la_path, char **err)
{
  size_t len;
  char *why = NULL;
  char *text = readfile_regular (la_path, LOADLIB_MAX_LA, &len, &why);
  if (!text)
    {
      *err = g_strdup_printf ("cannot read libtool archive '%s': %s", la_path, why);
      g_free (why);
      return NULL;
    }
  char *result = NULL;
  char **lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l && !result; l++)
    {
      const char *s = *l;
      if (strncmp (s, "dlname='", 8) != 0)
        continue;
      const char *end = strchr (s + 8, '\'');
      if (end && end > s + 8)
        result = g_strndup (s + 8, (gsize) (end - (s + 8)));
    }
  g_strfreev (lines);
  g_free (text);
  if (!result || strchr (result, '/'))
    {
      *err = g_strdup_printf ("libtool archive '%s' names no loadable module "
                              "(no dlname; was it built with -module?)", la_path);
      g_free (result);
      return NULL;
    }
  return result;
}

/* A .la: the shared object is .libs/DLNAME in the build tree, DLNAME once installed. */
static char *
resolve_la (const char *la_path, char **err)
{
  char *dlname = loadlib_la_dlname (la_path, err);
  if (!dlname)
    return NULL;
  char *dir = g_path_get_dirname (la_path);
  char *cands[2] = { g_build_filename (dir, ".libs", dlname, NULL),
                     g_build_filename (dir, dlname, NULL) };
  char *found = NULL;
  for (int i = 0; i < 2; i++)
    if (!found && g_file_test (cands[i], G_FILE_TEST_IS_REGULAR))
      found = g_strdup (cands[i]);
  if (!found)
    *err = g_strdup_printf ("libtool archive '%s' names '%s', which is in neither "
                            "'%s' nor '%s'", la_path, dlname, cands[0], cands[1]);
  g_free (cands[0]);
  g_free (cands[1]);
  g_free (dir);
  g_free (dlname);
  return found;
}

/* Looks for NAME.so then NAME.la in one directory. */
static char *
resolve_in_dir (const char *dir, const char *name, char **err)
{
  char *so = g_strconcat (dir, "/", name, ".so", NULL);
  if (g_file_test (so, G_FILE_TEST_IS_REGULAR))
    return so;
  g_free (so);
  char *la = g_strconcat (dir, "/", name, ".la", NULL);
  char *found = NULL;
  if (g_file_test (la, G_FILE_TEST_IS_REGULAR))
    found = resolve_la (la, err);
  g_free (la);
  return found;
}

static int
spec_is_path (const char *spec)
{
  return strchr (spec, '/') || g_str_has_suffix (spec, ".so")
         || g_str_has_suffix (spec, ".la");
}

char *
loadlib_resolve (const char *spec, const char *installed_dir, char **err)
{
  *err = NULL;
  if (!spec || !*spec)
    {
      *err = g_strdup ("empty module name");
      return NULL;
    }
  if (spec_is_path (spec))
    {
      if (g_str_has_suffix (spec, ".la"))
        return resolve_la (spec, err);
      if (!g_file_test (spec, G_FILE_TEST_IS_REGULAR))
        {
          *err = g_strdup_printf ("module file '%s' not found", spec);
          return NULL;
        }
      return g_strdup (spec);
    }
  const char *env = g_getenv (LOADLIB_PATH_ENV);
  char **dirs = g_strsplit (env ? env : "", ":", -1);
  char *found = NULL;
  for (char **d = dirs; *d && !found && !*err; d++)
    if (**d)
      found = resolve_in_dir (*d, spec, err);
  g_strfreev (dirs);
  if (!found && !*err && installed_dir)
    found = resolve_in_dir (installed_dir, spec, err);
  if (!found && !*err)
    *err = g_strdup_printf ("module '%s' not found in $" LOADLIB_PATH_ENV
                            " or '%s'", spec, installed_dir ? installed_dir : "");
  return found;
}

/* ------------------------------------------------------------------------
** Registration (called by the module's entry point)
** ------------------------------------------------------------------------ */

static int
module_name_ok (const char *name)
{
  if (!name || !*name || strlen (name) > 64)
    return 0;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return 0;
  return 1;
}

static int
ctx_refuse (nasl_module_ctx *ctx, char *msg)
{
  g_free (ctx->err);
  ctx->err = msg;
  return -1;
}

/* Copies the module's builtin table with its own stride into host layout. */
static int
copy_builtins (nasl_module_ctx *ctx, const nasl_module_info *info, uint32_t stride)
{
  const char *mod = ctx->info.name;
  const unsigned char *base = (const unsigned char *) info->builtins;
  size_t n = 0;
  size_t take = stride < sizeof (nasl_builtin) ? stride : sizeof (nasl_builtin);
  for (;; n++)
    {
      nasl_builtin b;
      if (n > LOADLIB_MAX_BUILTINS)
        return ctx_refuse (ctx, g_strdup_printf ("module '%s' declares more than %d builtins",
                                                 mod, LOADLIB_MAX_BUILTINS));
      memset (&b, 0, sizeof b);
      memcpy (&b, base + n * stride, take);
      if (!b.name)
        break;
      if (!b.fn || !*b.name)
        return ctx_refuse (ctx, g_strdup_printf ("module '%s': builtin #%zu has no %s",
                                                 mod, n + 1, b.fn ? "name" : "function"));
    }
  ctx->table = g_new0 (nasl_builtin, n + 1);
  for (size_t i = 0; i < n; i++)
    memcpy (&ctx->table[i], base + i * stride, take);
  return 0;
}

int
nasl_module_register (nasl_module_ctx *ctx, const nasl_module_info *info)
{
  if (!ctx)
    return -1;
  if (++ctx->calls > 1)
    return ctx_refuse (ctx, g_strdup_printf ("module '%s' called nasl_module_register more than once",
                                             ctx->path));
  if (!info || info->struct_size < INFO_ABI_SIZE)
    return ctx_refuse (ctx, g_strdup_printf ("module '%s' passed no valid module info", ctx->path));

  /* Read no more than the module's struct holds. */
  size_t take = info->struct_size < sizeof (nasl_module_info) ? info->struct_size
                                                              : sizeof (nasl_module_info);
  memset (&ctx->info, 0, sizeof ctx->info);
  memcpy (&ctx->info, info, take);
  const char *name = (take >= offsetof (nasl_module_info, name) + sizeof (char *)
                      && ctx->info.name) ? ctx->info.name : ctx->path;

  if (info->abi_major != NASL_MODULE_ABI_MAJOR || info->abi_minor > NASL_MODULE_ABI_MINOR)
    return ctx_refuse (ctx, g_strdup_printf (
      "module '%s' needs NASL module ABI %u.%u, interpreter provides %d.%d", name,
      (unsigned) info->abi_major, (unsigned) info->abi_minor,
      NASL_MODULE_ABI_MAJOR, NASL_MODULE_ABI_MINOR));
  if (info->struct_size < INFO_MIN_SIZE)
    return ctx_refuse (ctx, g_strdup_printf (
      "module '%s' module info is %u bytes, ABI %d.%d needs at least %zu", name,
      (unsigned) info->struct_size, NASL_MODULE_ABI_MAJOR, NASL_MODULE_ABI_MINOR,
      (size_t) INFO_MIN_SIZE));
  if (info->builtin_size < BUILTIN_MIN_SIZE)
    return ctx_refuse (ctx, g_strdup_printf (
      "module '%s' builtin entries are %u bytes, ABI %d.%d needs at least %zu", name,
      (unsigned) info->builtin_size, NASL_MODULE_ABI_MAJOR, NASL_MODULE_ABI_MINOR,
      (size_t) BUILTIN_MIN_SIZE));
  if (!module_name_ok (ctx->info.name) || strcmp (ctx->info.name, "core") == 0
      || strcmp (ctx->info.name, "host") == 0)
    return ctx_refuse (ctx, g_strdup_printf (
      "module '%s' has an invalid name (1-64 of A-Z a-z 0-9 _ - ., not 'core' or 'host')", ctx->path));
  if (!ctx->info.builtins)
    return ctx_refuse (ctx, g_strdup_printf ("module '%s' has no builtin table", name));
  if (copy_builtins (ctx, info, info->builtin_size) != 0)
    return -1;
  ctx->accepted = 1;
  return 0;
}

/* ------------------------------------------------------------------------
** Loading
** ------------------------------------------------------------------------ */

/* Runs the entry point; on success ctx holds the accepted info. */
static int
run_entry (nasl_module_ctx *ctx, void *handle, char **err)
{
  int (*entry) (nasl_module_ctx *);
  void *sym = dlsym (handle, NASL_MODULE_ENTRY_SYMBOL);
  if (!sym)
    {
      *err = g_strdup_printf ("module '%s' has no entry point '%s' (not a NASL module?)",
                              ctx->path, NASL_MODULE_ENTRY_SYMBOL);
      return -1;
    }
  memcpy (&entry, &sym, sizeof entry);
  int rc = entry (ctx);
  if (ctx->err)
    {
      *err = g_strdup (ctx->err);
      return -1;
    }
  if (rc != 0 || !ctx->accepted)
    {
      *err = g_strdup_printf ("module '%s': entry point %s (nasl_module_register %s)",
                              ctx->path, rc ? "failed" : "returned without registering",
                              ctx->calls ? "was called" : "was not called");
      return -1;
    }
  return 0;
}

/* Init, then builtins; undoes init when the builtins are refused. */
static loaded_module *
activate (nasl_state *st, nasl_module_ctx *ctx, void *handle, char **err)
{
  const nasl_module_info *info = &ctx->info;
  void *data = NULL;
  char *ierr = NULL;
  if (info->init && info->init (st, &data, &ierr) != 0)
    {
      *err = g_strdup_printf ("module '%s' failed to initialise: %s", info->name,
                              ierr ? ierr : "(no reason given)");
      g_free (ierr);
      return NULL;
    }
  g_free (ierr);
  char *berr = NULL;
  if (state_add_builtins (st, ctx->table, info->name, data, &berr) != 0)
    {
      *err = berr ? g_strdup (berr)
                  : g_strdup_printf ("module '%s': its builtins could not be registered",
                                     info->name);
      g_free (berr);
      if (info->fini)
        info->fini (data);
      return NULL;
    }
  loaded_module *m = g_new0 (loaded_module, 1);
  m->name = g_strdup (info->name);
  m->version = g_strdup (info->version ? info->version : "");
  m->path = g_strdup (ctx->path);
  m->handle = handle;
  m->table = ctx->table;
  ctx->table = NULL;
  m->fini = info->fini;
  m->data = data;
  return m;
}

int
nasl_load_module (nasl_state *st, const char *spec, char **err)
{
  char *dummy = NULL;
  if (!err)
    err = &dummy;
  *err = NULL;
  if (!st)
    {
      *err = g_strdup ("no interpreter state");
      return -1;
    }
  char *path = loadlib_resolve (spec, NASL_MODULEDIR, err);
  if (!path)
    goto fail;
  void *handle = dlopen (path, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    {
      const char *why = dlerror ();
      *err = g_strdup_printf ("cannot load module '%s': %s", path, why ? why : "dlopen failed");
      g_free (path);
      goto fail;
    }
  nasl_module_ctx ctx;
  memset (&ctx, 0, sizeof ctx);
  ctx.path = path;
  module_list *l = module_list_get (st);
  loaded_module *m = NULL;
  if (run_entry (&ctx, handle, err) == 0)
    {
      loaded_module *prev = module_list_find (l, ctx.info.name);
      if (prev)
        *err = g_strdup_printf ("module '%s' is already loaded (from '%s')",
                                ctx.info.name, prev->path);
      else
        m = activate (st, &ctx, handle, err);
    }
  g_free (ctx.err);
  g_free (ctx.table);
  if (!m)
    {
      dlclose (handle);
      g_free (path);
      goto fail;
    }
  g_ptr_array_add (l->mods, m);
  g_free (path);
  return 0;
fail:
  g_free (dummy);
  return -1;
}

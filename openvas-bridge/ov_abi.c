/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ov_abi.c: finds OpenVAS's NASL functions, reads its version and picks the struct layout. */
#include "config.h"

#include <dlfcn.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "ov_abi.h"

/* {=====================================================================
** Known versions
** ====================================================================== */

typedef struct
{
  unsigned lo[3], hi[3]; /* inclusive MAJOR.MINOR.PATCH bounds */
  ov_layout layout;
} version_range;

/*
** Every tag in each range was checked (doc/openvas-bridge.md): the cell,
** variable, array, function-record and context layouts, the cell type
** numbers and the prototypes used are the same throughout a range.  A
** version outside every range is refused, even a newer patch release: the
** long-size change itself came in a patch release (23.38.4).
*/
static const version_range known_versions[] = {
  { { 22, 4, 0 }, { 22, 7, 9 }, OV_LAYOUT_INT_SIZE },
  { { 23, 0, 0 }, { 23, 38, 3 }, OV_LAYOUT_INT_SIZE },
  { { 23, 38, 4 }, { 23, 50, 20 }, OV_LAYOUT_LONG_SIZE },
};

const char *
ov_known_versions (void)
{
  return "22.4.0-22.7.9, 23.0.0-23.50.20";
}

const char *
ov_layout_name (ov_layout layout)
{
  switch (layout)
    {
    case OV_LAYOUT_INT_SIZE:
      return "int-size";
    case OV_LAYOUT_LONG_SIZE:
      return "long-size";
    default:
      return "none";
    }
}

/* Parses exactly "N.N.N" (decimal, at most 5 digits each). */
static gboolean
parse_version (const char *s, unsigned v[3])
{
  for (int part = 0; part < 3; part++)
    {
      unsigned n = 0;
      int digits = 0;
      while (*s >= '0' && *s <= '9' && digits < 6)
        {
          n = n * 10 + (unsigned) (*s - '0');
          s++;
          digits++;
        }
      if (digits == 0 || digits > 5)
        return FALSE;
      v[part] = n;
      if (part < 2)
        {
          if (*s != '.')
            return FALSE;
          s++;
        }
    }
  return *s == '\0';
}

static int
compare_version (const unsigned a[3], const unsigned b[3])
{
  for (int i = 0; i < 3; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

ov_layout
ov_layout_for_version (const char *version)
{
  unsigned v[3];

  if (version == NULL || !parse_version (version, v))
    return OV_LAYOUT_NONE;
  for (size_t i = 0; i < G_N_ELEMENTS (known_versions); i++)
    if (compare_version (v, known_versions[i].lo) >= 0
        && compare_version (v, known_versions[i].hi) <= 0)
      return known_versions[i].layout;
  return OV_LAYOUT_NONE;
}

/* }===================================================================== */

/* {=====================================================================
** Symbol resolution
** ====================================================================== */

/* Looks 'name' up through 'handle' (the library and its dependencies).
** When 'same_base' is not NULL the symbol must live in that object. */
static void *
lookup (void *handle, const char *name, const void *same_base, char **why)
{
  void *p;
  Dl_info info;

  dlerror ();
  p = dlsym (handle, name);
  if (p == NULL)
    {
      *why = g_strdup_printf ("symbol '%s' not found", name);
      return NULL;
    }
  if (same_base != NULL && (dladdr (p, &info) == 0 || info.dli_fbase != same_base))
    {
      *why = g_strdup_printf ("symbol '%s' is not defined by the library that defines "
                              "func_is_internal",
                              name);
      return NULL;
    }
  return p;
}

/* Function pointers from data pointers (POSIX guarantees dlsym's results
** can be converted this way). */
#define RESOLVE(field, name, base)                                                   \
  do                                                                                 \
    {                                                                                \
      void *p_ = lookup (handle, name, base, why);                                   \
      if (p_ == NULL)                                                                \
        goto fail;                                                                   \
      memcpy (&abi->f.field, &p_, sizeof p_);                                        \
    }                                                                                \
  while (0)

static gboolean
resolve_functions (ov_abi *abi, void *handle, const void *base, char **why)
{
  RESOLVE (nasl_version, "nasl_version", base);
  RESOLVE (get_str_var_by_name, "get_str_var_by_name", base);
  if (abi->layout == OV_LAYOUT_INT_SIZE)
    RESOLVE (get_var_size_by_name_i, "get_var_size_by_name", base);
  else
    RESOLVE (get_var_size_by_name_l, "get_var_size_by_name", base);
  RESOLVE (get_var_type_by_name, "get_var_type_by_name", base);
  RESOLVE (get_int_var_by_name, "get_int_var_by_name", base);
  RESOLVE (alloc_typed_cell, "alloc_typed_cell", base);
  RESOLVE (deref_cell, "deref_cell", base);
  RESOLVE (add_var_to_list, "add_var_to_list", base);
  RESOLVE (add_var_to_array, "add_var_to_array", base);
  RESOLVE (free_array, "free_array", base);
  RESOLVE (nasl_perror, "nasl_perror", base);
  /* The KB functions live in a dependency (libopenvas_misc). */
  RESOLVE (plug_get_kb, "plug_get_kb", NULL);
  RESOLVE (plug_get_key, "plug_get_key", NULL);
  return TRUE;
fail:
  return FALSE;
}

#undef RESOLVE

gboolean
ov_abi_resolve (ov_abi *abi, void *real_fii, char **why)
{
  Dl_info info;
  void *handle, *vp;
  const char *version;
  gboolean ok = FALSE;

  memset (abi, 0, sizeof *abi);
  if (real_fii == NULL)
    {
      *why = g_strdup ("no func_is_internal in this process");
      return FALSE;
    }
  memcpy (&abi->f.func_is_internal, &real_fii, sizeof real_fii);
  if (dladdr (real_fii, &info) == 0 || info.dli_fname == NULL)
    {
      *why = g_strdup ("cannot tell which library defines func_is_internal");
      return FALSE;
    }
  g_strlcpy (abi->library, info.dli_fname, sizeof abi->library);
  /* Already loaded (it defines the function we were handed): no loading,
  ** no constructors run; the handle only gives scoped lookups. */
  handle = dlopen (info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (handle == NULL)
    {
      *why = g_strdup_printf ("cannot open %s for lookups", info.dli_fname);
      return FALSE;
    }

  vp = lookup (handle, "nasl_version", info.dli_fbase, why);
  if (vp == NULL)
    goto out;
  memcpy (&abi->f.nasl_version, &vp, sizeof vp);
  version = abi->f.nasl_version ();
  if (version == NULL || strnlen (version, sizeof abi->version) == sizeof abi->version)
    {
      *why = g_strdup ("nasl_version() gave no usable version string");
      goto out;
    }
  g_strlcpy (abi->version, version, sizeof abi->version);
  abi->layout = ov_layout_for_version (abi->version);
  if (abi->layout == OV_LAYOUT_NONE)
    {
      *why = g_strdup_printf ("unknown OpenVAS version '%s' (known: %s)", abi->version,
                              ov_known_versions ());
      goto out;
    }
  if (!resolve_functions (abi, handle, info.dli_fbase, why))
    goto out;
  ok = TRUE;
out:
  /* The library stays loaded (it is the process's own); drop our reference. */
  dlclose (handle);
  if (!ok)
    abi->layout = OV_LAYOUT_NONE;
  return ok;
}

/* }===================================================================== */

/* {=====================================================================
** Allocation size probe
** ====================================================================== */

/* The usable size glibc's malloc reports for a request of n bytes. */
static size_t
glibc_usable (size_t n)
{
  size_t word = sizeof (size_t), align = 2 * sizeof (size_t);
  size_t chunk = (n + word + align - 1) & ~(align - 1);
  if (chunk < 4 * word)
    chunk = 4 * word;
  return chunk - word;
}

static gboolean
size_fits (size_t usable, size_t cell_size)
{
  return usable == cell_size || usable == glibc_usable (cell_size);
}

/*
** A cell is one allocation of the cell's size.  With glibc's allocator (or
** a sanitizer's, which reports the exact request) the usable size tells the
** two layouts apart; it catches a build whose version string and struct
** disagree (a distribution backporting the long-size change).  An allocator
** that reports neither size says nothing either way.
*/
gboolean
ov_abi_probe_cell (const ov_abi *abi, char **why)
{
  size_t mine, other, usable;
  void *cell;

  if (abi->layout == OV_LAYOUT_INT_SIZE)
    mine = sizeof (ov_cell_i), other = sizeof (ov_cell_l);
  else
    mine = sizeof (ov_cell_l), other = sizeof (ov_cell_i);
  cell = abi->f.alloc_typed_cell (OV_CELL_CONST_INT);
  if (cell == NULL)
    {
      *why = g_strdup ("alloc_typed_cell() returned NULL");
      return FALSE;
    }
  usable = malloc_usable_size (cell);
  abi->f.deref_cell (cell);
  if (size_fits (usable, other) && !size_fits (usable, mine))
    {
      *why = g_strdup_printf ("OpenVAS %s should have %zu-byte cells (%s layout) but "
                              "allocates %zu usable bytes",
                              abi->version, mine, ov_layout_name (abi->layout), usable);
      return FALSE;
    }
  return TRUE;
}

/* }===================================================================== */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* policy_dir.c: listing the .audit policy files of a directory. */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "policy_dir.h"

#define AUDIT_SUFFIX ".audit"

static gboolean
is_policy_name (const char *name)
{
  size_t n = strlen (name), s = sizeof AUDIT_SUFFIX - 1;
  return name[0] != '.' && n > s && g_ascii_strcasecmp (name + n - s, AUDIT_SUFFIX) == 0;
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
audit_policy_dir_list (const char *dir, char **err)
{
  DIR *d;
  struct dirent *e;
  GPtrArray *out;
  gboolean slash;

  if (dir == NULL || *dir == '\0')
    {
      if (err)
        *err = g_strdup ("no policy directory given");
      return NULL;
    }
  d = opendir (dir);
  if (d == NULL)
    {
      if (err)
        *err = g_strdup_printf ("cannot open policy directory '%s': %s", dir, g_strerror (errno));
      return NULL;
    }
  slash = g_str_has_suffix (dir, "/");
  out = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      struct stat st;
      char *path;
      errno = 0;
      e = readdir (d);
      if (e == NULL)
        break;
      if (!is_policy_name (e->d_name))
        continue;
      path = g_strconcat (dir, slash ? "" : "/", e->d_name, NULL);
      if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
        g_ptr_array_add (out, path);
      else
        g_free (path);
    }
  if (errno != 0)
    {
      int saved = errno;
      if (err)
        *err = g_strdup_printf ("cannot read policy directory '%s': %s", dir, g_strerror (saved));
      g_ptr_array_free (out, TRUE);
      closedir (d);
      return NULL;
    }
  closedir (d);
  /* sorting full paths with a common prefix sorts by name */
  g_ptr_array_sort (out, compare_paths);
  return out;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* paths.c: finds the plugins, the audit module and the policy folder, in the build tree or installed. */
#include "config.h"

#include <glib.h>
#include <unistd.h>

#include "runner.h"

/* The build tree this program runs from, or NULL when it is installed.  A
** libtool-built program runs as BUILD/.libs/lt-nasl-audit or BUILD/nasl-audit;
** the build tree is recognised by the audit module built beside it. */
static char *
build_tree (void)
{
  char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (!exe)
    return NULL;
  char *dir = g_path_get_dirname (exe);
  g_free (exe);
  for (int up = 0; up < 2; up++)
    {
      char *probe = g_build_filename (dir, "nasl-ext", "audit.la", NULL);
      gboolean found = g_file_test (probe, G_FILE_TEST_EXISTS);
      g_free (probe);
      if (found)
        return dir;
      char *parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  g_free (dir);
  return NULL;
}

char *
paths_default_plugins_dir (void)
{
  const char *env = g_getenv ("NASL_AUDIT_PLUGINS_DIR");
  if (env && *env)
    return g_strdup (env);
  char *bt = build_tree ();
  if (bt)
    {
      g_free (bt);
      return g_strdup (NASL_SRC_PLUGINDIR);
    }
  return g_strdup (NASL_PLUGINDIR);
}

char *
paths_default_module (void)
{
  const char *env = g_getenv ("NASL_AUDIT_MODULE");
  if (env && *env)
    return g_strdup (env);
  char *bt = build_tree ();
  if (bt)
    {
      char *m = g_build_filename (bt, "nasl-ext", "audit.la", NULL);
      g_free (bt);
      return m;
    }
  return g_build_filename (NASL_MODULEDIR, "audit.so", NULL);
}

char *
paths_default_policy_dir (void)
{
  const char *env = g_getenv ("NASL_AUDIT_POLICY_DIR");
  if (env && *env)
    return g_strdup (env);
  char *bt = build_tree ();
  if (bt)
    {
      g_free (bt);
      return g_strdup (NASL_SRC_POLICYDIR);
    }
  return g_strdup (NASL_POLICYDIR);
}

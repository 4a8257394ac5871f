/* SPDX-License-Identifier: GPL-2.0-or-later */
/* policies.c: reads the policy folder and -f files (regular files only, size-capped) into a private folder for the plugins. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

static void
policy_input_free (gpointer p)
{
  policy_input *pi = p;
  g_free (pi->display);
  g_free (pi->path);
  g_free (pi->staged);
  g_free (pi);
}

static gboolean
is_policy_name (const char *name)
{
  size_t n = strlen (name), s = strlen (".audit");
  return name[0] != '.' && n > s && g_ascii_strcasecmp (name + n - s, ".audit") == 0;
}

static const char *
file_kind (mode_t m)
{
  if (S_ISDIR (m))
    return "a directory";
  if (S_ISFIFO (m))
    return "a FIFO";
  if (S_ISCHR (m))
    return "a character device";
  if (S_ISBLK (m))
    return "a block device";
  if (S_ISSOCK (m))
    return "a socket";
  return "not a regular file";
}

/* Reads a policy file: a regular file, not empty, at most POLICY_MAX_BYTES.
** Never blocks (O_NONBLOCK: a FIFO is refused after fstat, unread).
** Returns the contents, or NULL with *why. */
static char *
read_policy (const char *path, gsize *len, char **why)
{
  struct stat st;
  if (stat (path, &st) != 0)
    {
      struct stat lst;
      if (errno == ENOENT && lstat (path, &lst) == 0 && S_ISLNK (lst.st_mode))
        *why = g_strdup ("a symbolic link to nothing (dangling)");
      else
        *why = g_strdup (g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      *why = g_strdup_printf ("%s, not a policy file", file_kind (st.st_mode));
      return NULL;
    }
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      *why = g_strdup (g_strerror (errno));
      return NULL;
    }
  /* the file may have been swapped since stat(): judge the one we opened */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      *why = g_strdup_printf ("%s, not a policy file", file_kind (st.st_mode));
      close (fd);
      return NULL;
    }
  if ((guint64) st.st_size > POLICY_MAX_BYTES)
    {
      *why = g_strdup_printf ("too large (%lld bytes; the limit is %zu)", (long long) st.st_size,
                              (size_t) POLICY_MAX_BYTES);
      close (fd);
      return NULL;
    }
  GString *buf = g_string_sized_new ((gsize) st.st_size + 1);
  char chunk[65536];
  ssize_t n;
  while ((n = read (fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))
    {
      if (n < 0)
        continue;
      if (buf->len + (gsize) n > POLICY_MAX_BYTES)
        {
          *why = g_strdup_printf ("too large (more than %zu bytes)", (size_t) POLICY_MAX_BYTES);
          g_string_free (buf, TRUE);
          close (fd);
          return NULL;
        }
      g_string_append_len (buf, chunk, n);
    }
  int saved = errno;
  close (fd);
  if (n < 0)
    {
      *why = g_strdup_printf ("cannot read: %s", g_strerror (saved));
      g_string_free (buf, TRUE);
      return NULL;
    }
  if (buf->len == 0)
    {
      *why = g_strdup ("empty");
      g_string_free (buf, TRUE);
      return NULL;
    }
  *len = buf->len;
  return g_string_free (buf, FALSE);
}

/* A staged name not used yet: NAME, else NAME-2.audit, NAME-3.audit... */
static char *
staged_name (runner_config *cfg, const char *display)
{
  char *path = g_build_filename (cfg->staging_dir, display, NULL);
  for (int i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (path);
      size_t stem = strlen (display) - strlen (".audit");
      char *alt = g_strdup_printf ("%.*s-%d.audit", (int) stem, display, i);
      path = g_build_filename (cfg->staging_dir, alt, NULL);
      g_free (alt);
    }
  return path;
}

static void
stage_one (runner_config *cfg, const char *path, const char *display)
{
  gsize len = 0;
  char *why = NULL;
  char *text = read_policy (path, &len, &why);
  if (!text)
    {
      g_ptr_array_add (cfg->policy_problems, g_strdup_printf ("%s: %s", path, why));
      g_free (why);
      return;
    }
  policy_input *pi = g_new0 (policy_input, 1);
  pi->path = g_strdup (path);
  pi->staged = staged_name (cfg, display);
  pi->display = g_path_get_basename (pi->staged);
  GError *gerr = NULL;
  if (!g_file_set_contents (pi->staged, text, (gssize) len, &gerr))
    {
      g_ptr_array_add (cfg->policy_problems,
                       g_strdup_printf ("%s: cannot stage a copy: %s", path, gerr->message));
      g_error_free (gerr);
      policy_input_free (pi);
    }
  else
    g_ptr_array_add (cfg->policies, pi);
  g_free (text);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every *.audit entry of the folder, whatever it is: what is not a usable
** policy is a problem named in the report. */
static gboolean
stage_folder (runner_config *cfg, char **err)
{
  DIR *d = opendir (cfg->policy_dir);
  if (!d)
    {
      *err = g_strdup_printf ("cannot open the policy folder '%s': %s", cfg->policy_dir,
                              g_strerror (errno));
      return FALSE;
    }
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *e;
  while ((e = readdir (d)))
    if (is_policy_name (e->d_name))
      g_ptr_array_add (names, g_strdup (e->d_name));
  closedir (d);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *path = g_build_filename (cfg->policy_dir, name, NULL);
      stage_one (cfg, path, name);
      g_free (path);
    }
  if (names->len == 0)
    g_ptr_array_add (cfg->policy_problems,
                     g_strdup_printf ("the policy folder '%s' has no .audit file", cfg->policy_dir));
  g_ptr_array_unref (names);
  return TRUE;
}

gboolean
policies_prepare (runner_config *cfg, char **err)
{
  cfg->policies = g_ptr_array_new_with_free_func (policy_input_free);
  cfg->policy_problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; cfg->policy_files && i < cfg->policy_files->len; i++)
    {
      const char *f = g_ptr_array_index (cfg->policy_files, i);
      struct stat st;
      if (stat (f, &st) != 0 && lstat (f, &st) != 0)
        {
          *err = g_strdup_printf ("policy file '%s': %s", f, g_strerror (errno));
          return FALSE;
        }
    }
  if (cfg->policy_dir && !g_file_test (cfg->policy_dir, G_FILE_TEST_IS_DIR))
    {
      *err = g_strdup_printf ("policy folder '%s' is not a directory", cfg->policy_dir);
      return FALSE;
    }
  const char *tmp = g_get_tmp_dir ();
  char *templ = g_build_filename (tmp, "nasl-audit-XXXXXX", NULL);
  cfg->staging_dir = g_mkdtemp_full (templ, 0700);
  if (!cfg->staging_dir)
    {
      *err = g_strdup_printf ("cannot create a private folder in %s: %s", tmp, g_strerror (errno));
      g_free (templ);
      return FALSE;
    }
  if (cfg->policy_dir && !stage_folder (cfg, err))
    return FALSE;
  for (guint i = 0; cfg->policy_files && i < cfg->policy_files->len; i++)
    {
      const char *f = g_ptr_array_index (cfg->policy_files, i);
      char *base = g_path_get_basename (f);
      /* staged under a policy name, so the plugins' folder listing sees it */
      char *display = is_policy_name (base) ? g_strdup (base) : g_strconcat (base, ".audit", NULL);
      stage_one (cfg, f, display);
      g_free (display);
      g_free (base);
    }
  if (!cfg->policy_dir && (!cfg->policy_files || cfg->policy_files->len == 0))
    g_ptr_array_add (cfg->policy_problems,
                     g_strdup ("no policy to run (the policy folder is disabled with -P \"\" and "
                               "no -f FILE was given)"));
  return TRUE;
}

void
policies_cleanup (runner_config *cfg)
{
  if (!cfg->staging_dir)
    return;
  for (guint i = 0; cfg->policies && i < cfg->policies->len; i++)
    {
      policy_input *pi = g_ptr_array_index (cfg->policies, i);
      unlink (pi->staged);
    }
  rmdir (cfg->staging_dir);
  g_free (cfg->staging_dir);
  cfg->staging_dir = NULL;
}

const char *
policies_original_path (const runner_config *cfg, const char *path)
{
  for (guint i = 0; cfg->policies && i < cfg->policies->len; i++)
    {
      const policy_input *pi = g_ptr_array_index (cfg->policies, i);
      if (strcmp (pi->staged, path) == 0)
        return pi->path;
    }
  return path;
}

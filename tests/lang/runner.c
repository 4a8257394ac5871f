/* SPDX-License-Identifier: GPL-2.0-or-later */
/* runner.c: runs data-driven NASL language tests (*.test files); see doc/language-tests.md. */
#include "config.h"

#include "nasl.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

/* Seconds a single test may run before it is killed (NASL_TEST_TIMEOUT overrides). */
#define TEST_TIMEOUT 60

/* ------------------------------------------------------------------------
** Test description
** ------------------------------------------------------------------------ */

typedef struct extra_file {
  char *name;
  GString *body;
} extra_file;

typedef struct lang_test {
  char *name;
  int line;                /* line of the %%TEST directive */
  GString *program;
  GString *out;            /* NULL: stdout not checked */
  GString *err;            /* NULL: diagnostics not checked */
  int err_substring;       /* %%ERR~: each line is a substring, in order */
  GString *fail;           /* NULL: the program must parse */
  int exit_status;         /* -1: default (OK, or SYNTAX with %%FAIL) */
  int description;
  char *skip;              /* reason, or NULL */
  GPtrArray *kb;           /* "name=value" strings, int values prefixed by "#" */
  GPtrArray *prefs;        /* "name=value" script preferences */
  GPtrArray *scanner_prefs; /* "name=value" scanner preferences */
  long timeout;            /* %%TIMEOUT seconds, or -1 (the default limit) */
  GPtrArray *modules;      /* module specs */
  GPtrArray *include_dirs; /* directories relative to the test's temp dir */
  GPtrArray *files;        /* extra_file* */
} lang_test;

static void
extra_file_free (gpointer p)
{
  extra_file *f = p;
  g_free (f->name);
  g_string_free (f->body, TRUE);
  g_free (f);
}

static lang_test *
lang_test_new (const char *name, int line)
{
  lang_test *t = g_new0 (lang_test, 1);
  t->name = g_strdup (name);
  t->line = line;
  t->program = g_string_new (NULL);
  t->exit_status = -1;
  t->kb = g_ptr_array_new_with_free_func (g_free);
  t->prefs = g_ptr_array_new_with_free_func (g_free);
  t->scanner_prefs = g_ptr_array_new_with_free_func (g_free);
  t->timeout = -1;
  t->modules = g_ptr_array_new_with_free_func (g_free);
  t->include_dirs = g_ptr_array_new_with_free_func (g_free);
  t->files = g_ptr_array_new_with_free_func (extra_file_free);
  return t;
}

static void
gstring_free_opt (GString *s)
{
  if (s != NULL)
    g_string_free (s, TRUE);
}

static void
lang_test_free (gpointer p)
{
  lang_test *t = p;
  g_free (t->name);
  g_string_free (t->program, TRUE);
  gstring_free_opt (t->out);
  gstring_free_opt (t->err);
  gstring_free_opt (t->fail);
  g_free (t->skip);
  g_ptr_array_free (t->kb, TRUE);
  g_ptr_array_free (t->prefs, TRUE);
  g_ptr_array_free (t->modules, TRUE);
  g_ptr_array_free (t->scanner_prefs, TRUE);
  g_ptr_array_free (t->include_dirs, TRUE);
  g_ptr_array_free (t->files, TRUE);
  g_free (t);
}

/* ------------------------------------------------------------------------
** Parsing a .test file
** ------------------------------------------------------------------------ */

static int
is_blank_or_comment (const char *line)
{
  const char *p = line;
  while (*p == ' ' || *p == '\t' || *p == '\r')
    p++;
  return *p == '\0' || *p == '#';
}

/* Removes trailing lines that are blank or '#' comments: they separate tests. */
static void
trim_separator_lines (GString *s)
{
  for (;;)
    {
      if (s->len == 0)
        return;
      gsize end = s->len;
      if (s->str[end - 1] == '\n')
        end--;
      gsize start = end;
      while (start > 0 && s->str[start - 1] != '\n')
        start--;
      char *line = g_strndup (s->str + start, end - start);
      int drop = is_blank_or_comment (line);
      g_free (line);
      if (!drop)
        return;
      g_string_truncate (s, start);
    }
}

/* Removes trailing blank lines only (program text and extra files). */
static void
trim_blank_lines (GString *s)
{
  while (s->len > 0 && (s->str[s->len - 1] == '\n' || s->str[s->len - 1] == ' '
                        || s->str[s->len - 1] == '\t'))
    g_string_truncate (s, s->len - 1);
  if (s->len > 0)
    g_string_append_c (s, '\n');
}

/* The section of the test that content lines go to right now. */
typedef struct parse_cursor {
  lang_test *test;
  GString *section;
  int section_is_text; /* OUT/ERR/FAIL: trailing comments separate tests */
} parse_cursor;

static void
finish_test (GPtrArray *tests, parse_cursor *c)
{
  if (c->test == NULL)
    return;
  lang_test *t = c->test;
  if (c->section != NULL && c->section_is_text)
    trim_separator_lines (c->section);
  trim_blank_lines (t->program);
  for (guint i = 0; i < t->files->len; i++)
    trim_blank_lines (((extra_file *) t->files->pdata[i])->body);
  g_ptr_array_add (tests, t);
  c->test = NULL;
  c->section = NULL;
}

static char *
directive_arg (const char *line, size_t skip)
{
  return g_strstrip (g_strdup (line + skip));
}

/*
** Handles one "%%..." line.  Returns 0, or -1 with *err set for an unknown
** directive or one outside a test.
*/
static int
parse_directive (GPtrArray *tests, parse_cursor *c, const char *line, int lineno, char **err)
{
  if (g_str_has_prefix (line, "%%TEST"))
    {
      finish_test (tests, c);
      char *name = directive_arg (line, 6);
      c->test = lang_test_new (name, lineno);
      g_free (name);
      c->section = c->test->program;
      c->section_is_text = 0;
      return 0;
    }
  if (c->test == NULL)
    {
      *err = g_strdup_printf ("%d: directive before %%%%TEST: %s", lineno, line);
      return -1;
    }
  lang_test *t = c->test;
  if (c->section != NULL && c->section_is_text)
    trim_separator_lines (c->section);
  c->section_is_text = 0;
  if (strcmp (line, "%%OUT") == 0)
    {
      gstring_free_opt (t->out);
      c->section = t->out = g_string_new (NULL);
      c->section_is_text = 1;
    }
  else if (strcmp (line, "%%ERR") == 0 || strcmp (line, "%%ERR~") == 0)
    {
      gstring_free_opt (t->err);
      c->section = t->err = g_string_new (NULL);
      t->err_substring = line[5] == '~';
      c->section_is_text = 1;
    }
  else if (strcmp (line, "%%FAIL") == 0)
    {
      gstring_free_opt (t->fail);
      c->section = t->fail = g_string_new (NULL);
      c->section_is_text = 1;
    }
  else if (g_str_has_prefix (line, "%%FILE "))
    {
      extra_file *f = g_new0 (extra_file, 1);
      f->name = directive_arg (line, 7);
      f->body = g_string_new (NULL);
      g_ptr_array_add (t->files, f);
      c->section = f->body;
    }
  else if (strcmp (line, "%%PROGRAM") == 0)
    c->section = t->program;
  else if (g_str_has_prefix (line, "%%EXIT "))
    {
      char *v = directive_arg (line, 7);
      static const char *const names[] = { "OK", "SYNTAX", "LOAD", "RUN", "USAGE" };
      t->exit_status = -2;
      for (int i = 0; i < 5; i++)
        if (strcmp (v, names[i]) == 0)
          t->exit_status = i;
      if (t->exit_status == -2)
        t->exit_status = atoi (v);
      g_free (v);
    }
  else if (g_str_has_prefix (line, "%%KB "))
    g_ptr_array_add (t->kb, directive_arg (line, 5));
  else if (g_str_has_prefix (line, "%%KB-INT "))
    {
      char *v = directive_arg (line, 9);
      g_ptr_array_add (t->kb, g_strconcat ("#", v, NULL));
      g_free (v);
    }
  else if (g_str_has_prefix (line, "%%PREF "))
    g_ptr_array_add (t->prefs, directive_arg (line, 7));
  else if (g_str_has_prefix (line, "%%SCANNER-PREF "))
    g_ptr_array_add (t->scanner_prefs, directive_arg (line, 15));
  else if (g_str_has_prefix (line, "%%TIMEOUT "))
    {
      char *v = directive_arg (line, 10);
      t->timeout = atol (v);
      g_free (v);
    }
  else if (g_str_has_prefix (line, "%%MODULE "))
    g_ptr_array_add (t->modules, directive_arg (line, 9));
  else if (g_str_has_prefix (line, "%%INCLUDE-DIR "))
    g_ptr_array_add (t->include_dirs, directive_arg (line, 14));
  else if (strcmp (line, "%%DESCRIPTION") == 0)
    t->description = 1;
  else if (g_str_has_prefix (line, "%%SKIP"))
    {
      g_free (t->skip);
      t->skip = directive_arg (line, 6);
      if (*t->skip == '\0')
        {
          g_free (t->skip);
          t->skip = g_strdup ("skipped");
        }
    }
  else
    {
      *err = g_strdup_printf ("%d: unknown directive: %s", lineno, line);
      return -1;
    }
  return 0;
}

/* Parses a whole .test file into a list of lang_test. */
static GPtrArray *
parse_test_file (const char *contents, size_t len, char **err)
{
  GPtrArray *tests = g_ptr_array_new_with_free_func (lang_test_free);
  parse_cursor c = { NULL, NULL, 0 };
  char *copy = g_strndup (contents, len);
  char **lines = g_strsplit (copy, "\n", -1);
  g_free (copy);
  guint n = g_strv_length (lines);
  /* A final "\n" leaves one empty string behind. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      const char *line = lines[i];
      if (g_str_has_prefix (line, "%%") && !g_str_has_prefix (line, "%%%"))
        {
          if (parse_directive (tests, &c, line, (int) i + 1, err) != 0)
            {
              g_strfreev (lines);
              if (c.test != NULL)
                lang_test_free (c.test);
              g_ptr_array_free (tests, TRUE);
              return NULL;
            }
          continue;
        }
      if (c.test == NULL)
        {
          if (!is_blank_or_comment (line))
            {
              *err = g_strdup_printf ("%u: text outside a test: %s", i + 1, line);
              g_strfreev (lines);
              g_ptr_array_free (tests, TRUE);
              return NULL;
            }
          continue;
        }
      /* "%%%" at the start of a content line stands for a literal "%%". */
      const char *text = g_str_has_prefix (line, "%%%") ? line + 1 : line;
      g_string_append (c.section, text);
      g_string_append_c (c.section, '\n');
    }
  finish_test (tests, &c);
  g_strfreev (lines);
  return tests;
}

/* ------------------------------------------------------------------------
** Running one test (in a child process, so a crash or a hang is contained)
** ------------------------------------------------------------------------ */

typedef struct run_result {
  int status;        /* nasl_status, or -1 when the child died */
  int signal;        /* the signal that killed the child, or 0 */
  char *setup_error; /* a problem before the script ran, or NULL */
  GString *out;
  GString *diags;    /* one diagnostic per line */
} run_result;

typedef struct capture {
  GString *out;
  GString *diags;
  const char *tmpdir; /* removed from diagnostics so they name 'test.nasl' */
} capture;

static void
capture_output (void *ud, const char *bytes, size_t len)
{
  capture *c = ud;
  g_string_append_len (c->out, bytes, (gssize) len);
}

static void
capture_diag (void *ud, const char *text)
{
  capture *c = ud;
  GString *line = g_string_new (text);
  char *prefix = g_strconcat (c->tmpdir, G_DIR_SEPARATOR_S, NULL);
  g_string_replace (line, prefix, "", 0);
  g_free (prefix);
  while (line->len > 0 && line->str[line->len - 1] == '\n')
    g_string_truncate (line, line->len - 1);
  g_string_append (c->diags, line->str);
  g_string_append_c (c->diags, '\n');
  g_string_free (line, TRUE);
}

/* openvas-nasl prints each report's data (or "Success") and a newline. */
static void
capture_report (void *ud, const nasl_report *r)
{
  capture *c = ud;
  if (r->data != NULL)
    {
      for (size_t i = 0; i < r->data_len; i++)
        g_string_append_c (c->out, r->data[i] == '\0' ? ' ' : r->data[i]);
    }
  else
    g_string_append (c->out, "Success");
  g_string_append_c (c->out, '\n');
}

static int
write_file (const char *dir, const char *name, const GString *body, char **err)
{
  char *path = g_build_filename (dir, name, NULL);
  char *parent = g_path_get_dirname (path);
  GError *gerr = NULL;
  int rc = 0;
  g_mkdir_with_parents (parent, 0700);
  if (!g_file_set_contents (path, body->str, (gssize) body->len, &gerr))
    {
      *err = g_strdup_printf ("cannot write %s: %s", name, gerr->message);
      g_error_free (gerr);
      rc = -1;
    }
  g_free (parent);
  g_free (path);
  return rc;
}

/* Applies a test's KB, preference, module and include-dir directives. */
static int
prepare_state (nasl_state *st, const lang_test *t, const char *tmpdir, char **err)
{
  for (guint i = 0; i < t->kb->len; i++)
    {
      const char *spec = t->kb->pdata[i];
      int is_int = spec[0] == '#';
      const char *kv = is_int ? spec + 1 : spec;
      const char *eq = strchr (kv, '=');
      if (eq == NULL)
        {
          *err = g_strdup_printf ("bad %%%%KB line: %s", kv);
          return -1;
        }
      char *name = g_strndup (kv, (gsize) (eq - kv));
      if (is_int)
        nasl_kb_add_int (nasl_state_kb (st), name, strtol (eq + 1, NULL, 10));
      else
        nasl_kb_add_str (nasl_state_kb (st), name, eq + 1, strlen (eq + 1));
      g_free (name);
    }
  for (guint i = 0; i < t->prefs->len; i++)
    {
      const char *kv = t->prefs->pdata[i];
      const char *eq = strchr (kv, '=');
      char *name = g_strndup (kv, eq != NULL ? (gsize) (eq - kv) : strlen (kv));
      nasl_set_script_preference (st, name, eq != NULL ? eq + 1 : "");
      g_free (name);
    }
  for (guint i = 0; i < t->scanner_prefs->len; i++)
    {
      const char *kv = t->scanner_prefs->pdata[i];
      const char *eq = strchr (kv, '=');
      char *name = g_strndup (kv, eq != NULL ? (gsize) (eq - kv) : strlen (kv));
      nasl_set_preference (st, name, eq != NULL ? eq + 1 : "");
      g_free (name);
    }
  if (t->timeout >= 0)
    nasl_set_timeout (st, t->timeout);
  for (guint i = 0; i < t->modules->len; i++)
    {
      char *merr = NULL;
      if (nasl_load_module (st, t->modules->pdata[i], &merr) != 0)
        {
          *err = g_strdup_printf ("cannot load module %s: %s", (char *) t->modules->pdata[i],
                                  merr != NULL ? merr : "?");
          g_free (merr);
          return -1;
        }
    }
  for (guint i = 0; i < t->include_dirs->len; i++)
    {
      char *dir = g_build_filename (tmpdir, t->include_dirs->pdata[i], NULL);
      g_mkdir_with_parents (dir, 0700);
      nasl_add_include_dir (st, dir);
      g_free (dir);
    }
  return 0;
}

/* The child's side: runs the script and fills 'cap'; returns the status or -1. */
static int
run_in_child (const lang_test *t, const char *tmpdir, capture *cap, char **err)
{
  if (write_file (tmpdir, "test.nasl", t->program, err) != 0)
    return -1;
  for (guint i = 0; i < t->files->len; i++)
    {
      const extra_file *f = t->files->pdata[i];
      if (write_file (tmpdir, f->name, f->body, err) != 0)
        return -1;
    }
  nasl_state *st = nasl_state_new ();
  nasl_set_output (st, capture_output, cap);
  nasl_set_diag (st, capture_diag, cap);
  nasl_set_report (st, capture_report, cap);
  if (prepare_state (st, t, tmpdir, err) != 0)
    {
      nasl_state_free (st);
      return -1;
    }
  /* relative names in the script (fread("x")) are the test's own files;
  ** %%MODULE paths were resolved from where the runner started */
  if (chdir (tmpdir) != 0)
    {
      *err = g_strdup_printf ("cannot enter %s: %s", tmpdir, g_strerror (errno));
      nasl_state_free (st);
      return -1;
    }
  char *path = g_build_filename (tmpdir, "test.nasl", NULL);
  nasl_status status = nasl_run_file (st, path, t->description ? NASL_RUN_DESCRIPTION : 0);
  g_free (path);
  nasl_state_free (st);
  return (int) status;
}

static int
write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return -1;
      p += n;
      len -= (size_t) n;
    }
  return 0;
}

/* Child -> parent record: int status, then three length-prefixed blobs. */
static void
send_blob (int fd, const char *p, size_t len)
{
  uint64_t n = len;
  write_all (fd, &n, sizeof n);
  write_all (fd, p, len);
}

static int
take_blob (const GByteArray *buf, size_t *off, GString **out)
{
  uint64_t n;
  if (*off + sizeof n > buf->len)
    return -1;
  memcpy (&n, buf->data + *off, sizeof n);
  *off += sizeof n;
  if (n > buf->len - *off)
    return -1;
  *out = g_string_new_len ((const char *) buf->data + *off, (gssize) n);
  *off += n;
  return 0;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *d = g_dir_open (path, 0, NULL);
      const char *name;
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          char *sub = g_build_filename (path, name, NULL);
          remove_tree (sub);
          g_free (sub);
        }
      if (d != NULL)
        g_dir_close (d);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Runs 't' in a forked child with a timeout and collects what it produced. */
static void
run_test (const lang_test *t, run_result *res)
{
  memset (res, 0, sizeof *res);
  res->status = -1;
  GError *gerr = NULL;
  char *tmpdir = g_dir_make_tmp ("nasl-lang-XXXXXX", &gerr);
  if (tmpdir == NULL)
    {
      res->setup_error = g_strdup_printf ("cannot make a temp dir: %s", gerr->message);
      g_error_free (gerr);
      return;
    }
  int fds[2];
  if (pipe (fds) != 0)
    {
      res->setup_error = g_strdup_printf ("pipe: %s", g_strerror (errno));
      remove_tree (tmpdir);
      g_free (tmpdir);
      return;
    }
  fflush (stdout);
  fflush (stderr);
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      const char *limit = getenv ("NASL_TEST_TIMEOUT");
      alarm (limit != NULL && atoi (limit) > 0 ? (unsigned) atoi (limit) : TEST_TIMEOUT);
      capture cap = { g_string_new (NULL), g_string_new (NULL), tmpdir };
      char *err = NULL;
      int status = run_in_child (t, tmpdir, &cap, &err);
      int32_t st32 = status;
      write_all (fds[1], &st32, sizeof st32);
      send_blob (fds[1], err != NULL ? err : "", err != NULL ? strlen (err) : 0);
      send_blob (fds[1], cap.out->str, cap.out->len);
      send_blob (fds[1], cap.diags->str, cap.diags->len);
      close (fds[1]);
      g_string_free (cap.out, TRUE);
      g_string_free (cap.diags, TRUE);
      g_free (err);
      /* exit(), not _exit(): leak checkers (LSan, valgrind) report here. */
      exit (0);
    }
  close (fds[1]);
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  for (;;)
    {
      ssize_t n = read (fds[0], chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_byte_array_append (buf, chunk, (guint) n);
    }
  close (fds[0]);
  int wstatus = 0;
  if (pid > 0)
    waitpid (pid, &wstatus, 0);
  if (pid < 0)
    res->setup_error = g_strdup_printf ("fork: %s", g_strerror (errno));
  else if (WIFSIGNALED (wstatus))
    res->signal = WTERMSIG (wstatus);
  else if (WIFEXITED (wstatus) && WEXITSTATUS (wstatus) != 0)
    res->setup_error = g_strdup_printf ("test process exited with status %d "
                                        "(sanitizer or leak report on stderr?)",
                                        WEXITSTATUS (wstatus));
  else
    {
      int32_t st32;
      size_t off = sizeof st32;
      GString *err = NULL;
      if (buf->len >= sizeof st32)
        {
          memcpy (&st32, buf->data, sizeof st32);
          res->status = st32;
        }
      if (buf->len < sizeof st32 || take_blob (buf, &off, &err) != 0
          || take_blob (buf, &off, &res->out) != 0 || take_blob (buf, &off, &res->diags) != 0)
        res->setup_error = g_strdup ("truncated result from the test process");
      else if (err->len > 0)
        res->setup_error = g_strdup (err->str);
      gstring_free_opt (err);
    }
  g_byte_array_free (buf, TRUE);
  remove_tree (tmpdir);
  g_free (tmpdir);
  if (res->out == NULL)
    res->out = g_string_new (NULL);
  if (res->diags == NULL)
    res->diags = g_string_new (NULL);
}

static void
run_result_clear (run_result *r)
{
  g_free (r->setup_error);
  gstring_free_opt (r->out);
  gstring_free_opt (r->diags);
}

/* ------------------------------------------------------------------------
** Checking
** ------------------------------------------------------------------------ */

/* Equality up to trailing newlines (a section cannot express them). */
static int
text_equal (const GString *want, const GString *got)
{
  gsize a = want->len, b = got->len;
  while (a > 0 && want->str[a - 1] == '\n')
    a--;
  while (b > 0 && got->str[b - 1] == '\n')
    b--;
  return a == b && memcmp (want->str, got->str, a) == 0;
}

/* Each non-empty line of 'want' must occur, in order, in successive lines of 'got'. */
static int
lines_contained (const GString *want, const GString *got)
{
  char **w = g_strsplit (want->str, "\n", -1);
  char **g = g_strsplit (got->str, "\n", -1);
  int ok = 1;
  guint gi = 0;
  for (guint wi = 0; w[wi] != NULL && ok; wi++)
    {
      if (w[wi][0] == '\0')
        continue;
      while (g[gi] != NULL && strstr (g[gi], w[wi]) == NULL)
        gi++;
      if (g[gi] == NULL)
        ok = 0;
      else
        gi++;
    }
  g_strfreev (w);
  g_strfreev (g);
  return ok;
}

static void
print_block (const char *label, const GString *s)
{
  printf ("  %s:\n", label);
  if (s == NULL || s->len == 0)
    {
      printf ("    (empty)\n");
      return;
    }
  char **lines = g_strsplit (s->str, "\n", -1);
  guint n = g_strv_length (lines);
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    printf ("    |%s\n", lines[i]);
  g_strfreev (lines);
}

/*
** Compares what ran against what the test expects.  Prints the FAIL block
** and returns 0 on a mismatch, 1 when everything matched.
*/
static int
check_test (const char *file, const lang_test *t, const run_result *r)
{
  GString *why = g_string_new (NULL);
  int want_status = t->exit_status >= 0 ? t->exit_status
                    : (t->fail != NULL ? NASL_ERR_SYNTAX : NASL_OK);
  if (r->setup_error != NULL)
    g_string_append_printf (why, "setup: %s; ", r->setup_error);
  if (r->signal != 0)
    g_string_append_printf (why, "interpreter killed by signal %d (%s); ", r->signal,
                            r->signal == SIGALRM ? "timeout" : g_strsignal (r->signal));
  else if (r->setup_error == NULL && r->status != want_status)
    g_string_append_printf (why, "status %d, expected %d; ", r->status, want_status);
  int out_bad = t->out != NULL && !text_equal (t->out, r->out);
  int err_bad = t->err != NULL
                && !(t->err_substring ? lines_contained (t->err, r->diags)
                                      : text_equal (t->err, r->diags));
  int fail_bad = t->fail != NULL && !lines_contained (t->fail, r->diags);
  if (out_bad)
    g_string_append (why, "stdout differs; ");
  if (err_bad)
    g_string_append (why, "diagnostics differ; ");
  if (fail_bad)
    g_string_append (why, "parse error message differs; ");
  if (why->len == 0)
    {
      g_string_free (why, TRUE);
      return 1;
    }
  printf ("FAIL %s:%d '%s': %s\n", file, t->line, t->name, why->str);
  if (t->out != NULL)
    {
      print_block ("expected stdout", t->out);
      print_block ("actual stdout", r->out);
    }
  if (t->err != NULL || t->fail != NULL)
    print_block ("expected diagnostics", t->err != NULL ? t->err : t->fail);
  print_block ("actual diagnostics", r->diags);
  g_string_free (why, TRUE);
  return 0;
}

/* ------------------------------------------------------------------------
** Main
** ------------------------------------------------------------------------ */

typedef struct totals {
  int passed, failed, skipped;
} totals;

static int
run_file (const char *path, const char *filter, int verbose, totals *tot)
{
  char *contents = NULL;
  gsize len = 0;
  GError *gerr = NULL;
  if (!g_file_get_contents (path, &contents, &len, &gerr))
    {
      printf ("ERROR %s: %s\n", path, gerr->message);
      g_error_free (gerr);
      return -1;
    }
  char *err = NULL;
  GPtrArray *tests = parse_test_file (contents, len, &err);
  g_free (contents);
  if (tests == NULL)
    {
      printf ("ERROR %s:%s\n", path, err);
      g_free (err);
      return -1;
    }
  for (guint i = 0; i < tests->len; i++)
    {
      const lang_test *t = tests->pdata[i];
      if (filter != NULL && strstr (t->name, filter) == NULL)
        continue;
      if (t->skip != NULL)
        {
          tot->skipped++;
          printf ("SKIP %s:%d '%s': %s\n", path, t->line, t->name, t->skip);
          continue;
        }
      run_result r;
      run_test (t, &r);
      if (check_test (path, t, &r))
        {
          tot->passed++;
          if (verbose)
            printf ("PASS %s:%d '%s'\n", path, t->line, t->name);
        }
      else
        tot->failed++;
      run_result_clear (&r);
    }
  g_ptr_array_free (tests, TRUE);
  return 0;
}

static void
usage (FILE *to)
{
  fprintf (to, "usage: run-lang-tests [--filter NAME] [-v] FILE.test...\n");
}

int
main (int argc, char **argv)
{
  const char *filter = NULL;
  int verbose = 0, errors = 0;
  totals tot = { 0, 0, 0 };
  GPtrArray *files = g_ptr_array_new ();
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--filter") == 0 && i + 1 < argc)
        filter = argv[++i];
      else if (g_str_has_prefix (argv[i], "--filter="))
        filter = argv[i] + 9;
      else if (strcmp (argv[i], "-v") == 0 || strcmp (argv[i], "--verbose") == 0)
        verbose = 1;
      else if (strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "--help") == 0)
        {
          usage (stdout);
          g_ptr_array_free (files, TRUE);
          return 0;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          usage (stderr);
          g_ptr_array_free (files, TRUE);
          return 2;
        }
      else
        g_ptr_array_add (files, argv[i]);
    }
  if (files->len == 0)
    {
      usage (stderr);
      g_ptr_array_free (files, TRUE);
      return 2;
    }
  for (guint i = 0; i < files->len; i++)
    if (run_file (files->pdata[i], filter, verbose, &tot) != 0)
      errors++;
  g_ptr_array_free (files, TRUE);
  printf ("%d passed, %d failed", tot.passed, tot.failed);
  if (tot.skipped > 0)
    printf (", %d skipped", tot.skipped);
  printf ("\n");
  if (errors > 0 || tot.failed > 0)
    return 1;
  if (tot.passed == 0 && tot.skipped > 0)
    return 77;
  return 0;
}

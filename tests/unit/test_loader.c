/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_loader.c: unit tests of the module loader (loadlib.c) with real test modules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "loadlib.h"
#include "nasl.h"

#ifndef TEST_MODULE_DIR
#error "TEST_MODULE_DIR must name the build directory of tests/modules"
#endif

/* A state whose display() output and diagnostics are captured. */
typedef struct fixture {
  nasl_state *st;
  GString *out;
  GString *diag;
} fixture;

static void
capture_out (void *ud, const char *bytes, size_t len)
{
  g_string_append_len (ud, bytes, (gssize) len);
}

static void
capture_diag (void *ud, const char *text)
{
  g_string_append (ud, text);
  g_string_append_c (ud, '\n');
}

static int
setup (void **state)
{
  fixture *f = g_new0 (fixture, 1);
  f->st = nasl_state_new ();
  f->out = g_string_new ("");
  f->diag = g_string_new ("");
  nasl_set_output (f->st, capture_out, f->out);
  nasl_set_diag (f->st, capture_diag, f->diag);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  fixture *f = *state;
  nasl_state_free (f->st);
  g_string_free (f->out, TRUE);
  g_string_free (f->diag, TRUE);
  g_free (f);
  return 0;
}

static char *
module_la (const char *name)
{
  return g_strdup_printf ("%s/%s.la", TEST_MODULE_DIR, name);
}

static char *
module_so (const char *name)
{
  return g_strdup_printf ("%s/.libs/%s.so", TEST_MODULE_DIR, name);
}

/* Loads tests/modules/NAME.la; returns the error (g_malloc'ed) or NULL. */
static char *
load (fixture *f, const char *name)
{
  char *path = module_la (name);
  char *err = NULL;
  int rc = nasl_load_module (f->st, path, &err);
  g_free (path);
  if (rc == 0)
    assert_null (err);
  else
    assert_non_null (err);
  return err;
}

/* Runs NASL source and returns what it displayed. */
static const char *
run (fixture *f, const char *src)
{
  g_string_truncate (f->out, 0);
  assert_int_equal (nasl_run_buffer (f->st, "t.nasl", src, strlen (src), 0), NASL_OK);
  return f->out->str;
}

static void
test_good_module_works (void **state)
{
  fixture *f = *state;
  assert_null (load (f, "good"));
  assert_string_equal (run (f, "display(good_hello(), '\\n');"), "hello from good\n");
  assert_string_equal (run (f, "display(good_add(a:2, b:40));"), "42");
  assert_string_equal (run (f, "display(good_calls());"), "2");
  const char **names = loadlib_module_names (f->st);
  assert_string_equal (names[0], "good");
  assert_null (names[1]);
  g_free (names);
}

static void
test_good_module_by_so_path (void **state)
{
  fixture *f = *state;
  char *so = module_so ("good");
  char *err = NULL;
  assert_int_equal (nasl_load_module (f->st, so, &err), 0);
  assert_null (err);
  g_free (so);
  assert_string_equal (run (f, "display(good_add(a:1, b:1));"), "2");
}

static void
test_same_module_twice (void **state)
{
  fixture *f = *state;
  assert_null (load (f, "good"));
  char *so = module_so ("good");
  char *want = g_strdup_printf ("module 'good' is already loaded (from '%s')", so);
  char *err = load (f, "good");
  assert_string_equal (err, want);
  g_free (err);
  /* another file declaring the same module name */
  err = load (f, "good_twin");
  assert_string_equal (err, want);
  g_free (err);
  g_free (want);
  g_free (so);
  assert_string_equal (run (f, "display(defined_func('good_twin_fn'));"), "0");
  assert_string_equal (run (f, "display(good_hello());"), "hello from good");
}

static void
test_abi_major_refused (void **state)
{
  fixture *f = *state;
  char *err = load (f, "abi_major");
  assert_string_equal (err, "module 'abi_major' needs NASL module ABI 2.0, "
                            "interpreter provides 1.1");
  g_free (err);
  assert_string_equal (run (f, "display(defined_func('abi_major_fn'));"), "0");
}

static void
test_abi_minor_newer_refused (void **state)
{
  fixture *f = *state;
  char *err = load (f, "abi_minor_newer");
  assert_string_equal (err, "module 'abi_minor_newer' needs NASL module ABI 1.2, "
                            "interpreter provides 1.1");
  g_free (err);
}

static void
test_no_entry_refused (void **state)
{
  fixture *f = *state;
  char *so = module_so ("no_entry");
  char *want = g_strdup_printf ("module '%s' has no entry point 'nasl_module_init' "
                                "(not a NASL module?)", so);
  char *err = load (f, "no_entry");
  assert_string_equal (err, want);
  g_free (err);
  g_free (want);
  g_free (so);
}

static void
test_init_failure_leaves_nothing (void **state)
{
  fixture *f = *state;
  char *err = load (f, "init_fails");
  assert_string_equal (err, "module 'init_fails' failed to initialise: no licence file");
  g_free (err);
  assert_string_equal (run (f, "display(defined_func('init_fails_fn'));"), "0");
  const char **names = loadlib_module_names (f->st);
  assert_null (names[0]);
  g_free (names);
}

static void
test_builtin_clash_all_or_nothing (void **state)
{
  fixture *f = *state;
  assert_null (load (f, "good"));
  char *err = load (f, "dup_builtin");
  assert_string_equal (err, "builtin 'good_hello' of module 'dup_builtin' is already "
                            "defined by 'good'");
  g_free (err);
  assert_string_equal (run (f, "display(defined_func('dup_fresh'));"), "0");
  assert_string_equal (run (f, "display(good_hello());"), "hello from good");
}

static void
test_core_clash_refused (void **state)
{
  fixture *f = *state;
  char *err = load (f, "core_clash");
  assert_string_equal (err, "builtin 'get_kb_item' of module 'core_clash' is already "
                            "defined by 'core'");
  g_free (err);
}

static void
test_search_path (void **state)
{
  fixture *f = *state;
  g_setenv (LOADLIB_PATH_ENV, "/nonexistent-dir:" TEST_MODULE_DIR, TRUE);
  char *err = NULL;
  assert_int_equal (nasl_load_module (f->st, "good", &err), 0);
  assert_null (err);
  assert_int_equal (nasl_load_module (f->st, "no_such_module", &err), -1);
  assert_string_equal (err, "module 'no_such_module' not found in $NASL_MODULE_PATH or '"
                            NASL_MODULEDIR "'");
  g_free (err);
  g_unsetenv (LOADLIB_PATH_ENV);
}

static void
test_resolve_errors (void **state)
{
  (void) state;
  char *err = NULL;
  assert_null (loadlib_resolve ("/nonexistent/x.so", NULL, &err));
  assert_string_equal (err, "module file '/nonexistent/x.so' not found");
  g_free (err);
  assert_null (loadlib_resolve ("", NULL, &err));
  assert_string_equal (err, "empty module name");
  g_free (err);

  char *dir = g_dir_make_tmp ("nasl-loader-XXXXXX", NULL);
  assert_non_null (dir);
  char *la = g_build_filename (dir, "broken.la", NULL);
  assert_true (g_file_set_contents (la, "# libtool archive\nlibdir='/x'\n", -1, NULL));
  assert_null (loadlib_resolve (la, NULL, &err));
  char *want = g_strdup_printf ("libtool archive '%s' names no loadable module "
                                "(no dlname; was it built with -module?)", la);
  assert_string_equal (err, want);
  g_free (err);
  g_free (want);
  assert_true (g_file_set_contents (la, "dlname='gone.so'\n", -1, NULL));
  assert_null (loadlib_resolve (la, NULL, &err));
  want = g_strdup_printf ("libtool archive '%s' names 'gone.so', which is in neither "
                          "'%s/.libs/gone.so' nor '%s/gone.so'", la, dir, dir);
  assert_string_equal (err, want);
  g_free (err);
  g_free (want);
  g_unlink (la);
  g_rmdir (dir);
  g_free (la);
  g_free (dir);
}

static void
test_not_a_shared_object (void **state)
{
  fixture *f = *state;
  char *dir = g_dir_make_tmp ("nasl-loader-XXXXXX", NULL);
  char *so = g_build_filename (dir, "junk.so", NULL);
  assert_true (g_file_set_contents (so, "not an ELF file", -1, NULL));
  char *err = NULL;
  assert_int_equal (nasl_load_module (f->st, so, &err), -1);
  char *prefix = g_strdup_printf ("cannot load module '%s': ", so);
  assert_true (g_str_has_prefix (err, prefix));
  g_free (prefix);
  g_free (err);
  g_unlink (so);
  g_rmdir (dir);
  g_free (so);
  g_free (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_good_module_works, setup, teardown),
    cmocka_unit_test_setup_teardown (test_good_module_by_so_path, setup, teardown),
    cmocka_unit_test_setup_teardown (test_same_module_twice, setup, teardown),
    cmocka_unit_test_setup_teardown (test_abi_major_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_abi_minor_newer_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_entry_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_init_failure_leaves_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_builtin_clash_all_or_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_core_clash_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_search_path, setup, teardown),
    cmocka_unit_test (test_resolve_errors),
    cmocka_unit_test_setup_teardown (test_not_a_shared_object, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_parse.c: libFuzzer harness for the NASL lexer, parser and AST dump. */
/* FUZZ-SOURCES: nasl/lex.c nasl/parse.c nasl/ast.c nasl/include.c nasl/regex_guard.c nasl/readfile.c */
/* FUZZ-PKGS: glib-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
drop_diag (void *ud, parse_severity sev, const ast_loc *loc, const char *text)
{
  (void) ud;
  (void) sev;
  (void) text;
  if (loc->file == NULL)
    __builtin_trap ();
}

/*
** Parses the input as a script (include() points at a directory that does
** not exist, so includes fail cleanly), and dumps the tree when it parses,
** which walks every node.
*/
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GStringChunk *names = g_string_chunk_new (256);
  parse_env env;
  ast_program *p;

  parse_env_init (&env, names);
  env.diag = drop_diag;
  env.main_dir = "/nonexistent-fuzz-dir";
  p = parse_buffer (&env, "fuzz.nasl", (const char *) data, size);
  if (p)
    {
      char *d = ast_dump_string (p->body);

      g_free (d);
      if (env.errors != 0)
        __builtin_trap ();
      ast_program_free (p);
    }
  else if (env.errors == 0)
    __builtin_trap ();  /* a rejected script always has a counted error */
  parse_env_clear (&env);
  g_string_chunk_free (names);
  return 0;
}

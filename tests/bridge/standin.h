/* SPDX-License-Identifier: GPL-2.0-or-later */
/* standin.h: a stand-in for OpenVAS's NASL library, written from the documented ABI, for testing the bridge. */
#ifndef STANDIN_H
#define STANDIN_H

/*
** Built twice (and once more without one symbol): STANDIN_LONG_SIZE 0 gives
** the 22.4 .. 23.38.3 layout (int lengths), 1 the 23.38.4 .. layout (long
** lengths).  The shapes follow doc/openvas-bridge.md; they are declared
** here independently of openvas-bridge/ov_abi.h, so that a mistake in one
** does not hide in the other.  Only what the bridge and the driver use is
** implemented, with OpenVAS's ownership rules: a returned cell belongs to
** the caller and is released with deref_cell; add_var_to_list and
** add_var_to_array copy their argument deeply; free_array frees an array's
** contents but not the array itself.
*/

#include <glib.h>
#include <stddef.h>

#ifndef STANDIN_LONG_SIZE
#error "define STANDIN_LONG_SIZE to 0 or 1"
#endif

#define STANDIN_API __attribute__ ((visibility ("default")))

#if STANDIN_LONG_SIZE
typedef long st_len;
#else
typedef int st_len;
#endif

/* Cell types and variable types (OpenVAS's numbering). */
enum
{
  ST_CONST_INT = 57,
  ST_CONST_STR = 58,
  ST_CONST_DATA = 59,
  ST_DYN_ARRAY = 64,
};
enum
{
  ST_VAR_UNDEF = 0,
  ST_VAR_INT,
  ST_VAR_STRING,
  ST_VAR_DATA,
  ST_VAR_ARRAY,
};

#define ST_HASH_SIZE 17

struct st_var;
struct st_named;

typedef struct
{
  int max_idx;
  struct st_var **num_elt;
  struct st_named **hash_elt;
} st_array;

typedef struct st_var
{
  int var_type;
  union
  {
    struct
    {
      unsigned char *s_val;
      st_len s_siz;
    } s;
    long i;
    st_array a;
  } v;
  char *string_form;
} st_var;

typedef struct st_named
{
  st_var u;
  char *var_name;
  struct st_named *next_var;
} st_named;

typedef struct st_cell
{
  short type;
  short line_nb;
  char *name;
  short ref_count;
  st_len size;
  int include_order;
  union
  {
    char *str_val;
    long i_val;
    void *ref_val;
  } x;
  struct st_cell *link[4];
} st_cell;

typedef struct
{
  char *func_name;
  void *block;
} st_func;

typedef struct st_script_infos
{
  GHashTable *kb; /* name -> st_kb_value*, NULL for "no KB" */
  char *name;     /* the script's name, for diagnostics */
} st_script_infos;

typedef struct st_lex
{
  struct st_lex *up_ctxt;
  st_cell *ret_val;
  unsigned fct_ctxt : 1;
  unsigned break_flag : 1;
  unsigned cont_flag : 1;
  unsigned always_signed : 1;
  st_script_infos *script_infos;
  const char *oid;
  int recv_timeout;
  int line_nb;
  st_array ctx_vars; /* the call's named arguments */
  GHashTable *functions;
} st_lex;

/* ---- the OpenVAS functions the bridge resolves ---- */
STANDIN_API const st_func *func_is_internal (const char *name);
STANDIN_API char *nasl_version (void);
STANDIN_API char *get_str_var_by_name (st_lex *lexic, const char *name);
STANDIN_API st_len get_var_size_by_name (st_lex *lexic, const char *name);
STANDIN_API int get_var_type_by_name (st_lex *lexic, const char *name);
STANDIN_API long get_int_var_by_name (st_lex *lexic, const char *name, int dflt);
STANDIN_API st_cell *alloc_typed_cell (int type);
STANDIN_API void deref_cell (st_cell *c);
STANDIN_API int add_var_to_list (st_array *a, int i, const st_var *v);
STANDIN_API int add_var_to_array (st_array *a, char *name, const st_var *v);
STANDIN_API void free_array (st_array *a);
STANDIN_API void nasl_perror (st_lex *lexic, char *fmt, ...);
STANDIN_API void *plug_get_kb (st_script_infos *infos);
STANDIN_API void *plug_get_key (st_script_infos *infos, char *name, int *type, size_t *len,
                                int single);

/* ---- what the test driver uses (like exec.c and nasl_func.c) ---- */
/* A script context with a KB (or none) and a script name. */
STANDIN_API st_lex *standin_script_new (const char *script_name, gboolean with_kb);
STANDIN_API void standin_script_free (st_lex *script);
STANDIN_API void standin_kb_set_str (st_lex *script, const char *name, const char *val,
                                     size_t len);
/* A call's context below 'script', and its named arguments. */
STANDIN_API st_lex *standin_call_new (st_lex *script);
STANDIN_API void standin_call_free (st_lex *call);
STANDIN_API void standin_arg_data (st_lex *call, const char *name, const char *s, size_t len);
STANDIN_API void standin_arg_int (st_lex *call, const char *name, long v);
/* Any variable (an array: built with add_var_to_list/add_var_to_array), copied. */
STANDIN_API void standin_arg_var (st_lex *call, const char *name, const st_var *v);
/* Resolves a name the way OpenVAS's exec does (script functions first,
** then func_is_internal through the PLT). */
STANDIN_API const st_func *standin_lookup (st_lex *script, const char *name);
/* Runs a resolved builtin the way OpenVAS's call path does: it asks
** func_is_internal again whether the name is a builtin, then calls it. */
STANDIN_API st_cell *standin_run (st_lex *call, const st_func *f);
/* The stand-in's own builtins, to show that other names pass through. */
STANDIN_API gboolean standin_is_own_builtin (const st_func *f);

#endif /* STANDIN_H */

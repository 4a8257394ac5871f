/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ov_abi.h: the parts of OpenVAS's NASL library ABI that the bridge uses, in both layouts. */
#ifndef OV_ABI_H
#define OV_ABI_H

/*
** Everything here describes memory and functions that belong to OpenVAS's
** libopenvas_nasl (and libopenvas_misc).  The facts, and the releases they
** were checked against, are in doc/openvas-bridge.md ("What the bridge relies
** on").  The bridge never includes an OpenVAS header: the shapes below are
** our own declarations of the same memory layout.
**
** Two layouts exist between 22.4.0 and 23.50.20.  They differ in the width of
** two length fields: the cell's 'size' and a string variable's length were
** int up to 23.38.3 and are long from 23.38.4 on (and get_var_size_by_name
** returns that type).  Everything else the bridge touches is the same in
** every release of that range.
**
** Who owns what: a cell handed back to OpenVAS belongs to OpenVAS (it frees
** strings with g_free, and an array cell's nasl_array with free_array then
** g_free).  add_var_to_list/add_var_to_array copy the variable they are given
** (deeply, for arrays), so the caller keeps ownership of its argument.
*/

#include <glib.h>
#include <stddef.h>

#define OV_INTERNAL __attribute__((visibility ("hidden")))

typedef enum
{
  OV_LAYOUT_NONE = 0,
  OV_LAYOUT_INT_SIZE,  /* 22.4.0 .. 23.38.3: int lengths */
  OV_LAYOUT_LONG_SIZE, /* 23.38.4 .. 23.50.20: long lengths */
} ov_layout;

/* Cell types (positions in OpenVAS's node_type enumeration). */
#define OV_CELL_CONST_INT 57
#define OV_CELL_CONST_DATA 59
#define OV_CELL_DYN_ARRAY 64

/* Variable types. */
#define OV_VAR_UNDEF 0
#define OV_VAR_INT 1
#define OV_VAR_STRING 2
#define OV_VAR_DATA 3
#define OV_VAR_ARRAY 4

/* KB item type returned by plug_get_key. */
#define OV_KB_TYPE_INT 1

/* An array: numbered elements and a hash of named ones. */
typedef struct
{
  int max_idx;
  void **num_elt;
  void **hash_elt;
} ov_array;

/* A variable, with int lengths (OV_LAYOUT_INT_SIZE). */
typedef struct
{
  int var_type;
  union
  {
    struct
    {
      unsigned char *bytes;
      int len;
    } str;
    long int_val;
    ov_array arr;
  } v;
  char *string_form;
} ov_var_i;

/* A variable, with long lengths (OV_LAYOUT_LONG_SIZE). */
typedef struct
{
  int var_type;
  union
  {
    struct
    {
      unsigned char *bytes;
      long len;
    } str;
    long int_val;
    ov_array arr;
  } v;
  char *string_form;
} ov_var_l;

typedef union
{
  char *str_val;
  long int_val;
  void *ref_val;
} ov_cell_value;

/* A cell (tree node and return value), int size (OV_LAYOUT_INT_SIZE). */
typedef struct
{
  short type;
  short line_nb;
  char *name;
  short ref_count;
  int size;
  int include_order;
  ov_cell_value x;
  void *link[4];
} ov_cell_i;

/* A cell, long size (OV_LAYOUT_LONG_SIZE). */
typedef struct
{
  short type;
  short line_nb;
  char *name;
  short ref_count;
  long size;
  int include_order;
  ov_cell_value x;
  void *link[4];
} ov_cell_l;

/* A named variable (an element of an array's hash, a named argument), with
** int lengths (OV_LAYOUT_INT_SIZE). */
typedef struct ov_named_i
{
  ov_var_i u;
  char *var_name;
  struct ov_named_i *next_var;
} ov_named_i;

/* A named variable, with long lengths (OV_LAYOUT_LONG_SIZE). */
typedef struct ov_named_l
{
  ov_var_l u;
  char *var_name;
  struct ov_named_l *next_var;
} ov_named_l;

/* Buckets of an array's hash of named elements (VAR_NAME_HASH). */
#define OV_HASH_SIZE 17

/* The leading fields of the interpreter context a builtin receives; the
** bridge reads script_infos (for the KB) and ctx_vars (the call's named
** arguments, for an array argument). */
typedef struct
{
  void *up_ctxt;
  void *ret_val;
  unsigned fct_ctxt : 1;
  unsigned break_flag : 1;
  unsigned cont_flag : 1;
  unsigned always_signed : 1;
  void *script_infos;
  const char *oid;
  int recv_timeout;
  int line_nb;
  ov_array ctx_vars;
} ov_lex_head;

/* What func_is_internal returns: a name and the C function (the record
** OpenVAS's call path reads; it never frees a builtin's record). */
typedef struct
{
  const char *name;
  void *(*fn) (void *lexic);
} ov_func_record;

/* The OpenVAS functions the bridge calls, resolved at load. */
typedef struct
{
  const ov_func_record *(*func_is_internal) (const char *name);
  const char *(*nasl_version) (void);
  char *(*get_str_var_by_name) (void *lexic, const char *name);
  int (*get_var_size_by_name_i) (void *lexic, const char *name);  /* int layout */
  long (*get_var_size_by_name_l) (void *lexic, const char *name); /* long layout */
  int (*get_var_type_by_name) (void *lexic, const char *name);
  long (*get_int_var_by_name) (void *lexic, const char *name, int dflt);
  void *(*alloc_typed_cell) (int type);
  void (*deref_cell) (void *cell);
  int (*add_var_to_list) (ov_array *a, int i, const void *var);
  int (*add_var_to_array) (ov_array *a, char *name, const void *var);
  void (*free_array) (ov_array *a);
  void (*nasl_perror) (void *lexic, char *fmt, ...);
  void *(*plug_get_kb) (void *script_infos);
  void *(*plug_get_key) (void *script_infos, char *name, int *type, size_t *len, int single);
} ov_funcs;

typedef struct
{
  ov_layout layout;
  char version[32]; /* as nasl_version() gave it */
  char library[256]; /* file name of the library holding func_is_internal */
  ov_funcs f;
} ov_abi;

/*
** Resolves every needed function from the library that holds 'real_fii'
** (the next definition of func_is_internal), reads the version and picks
** the layout.  Returns TRUE with 'abi' filled in, or FALSE with a one-line
** reason in *why (g_malloc'ed).
*/
OV_INTERNAL gboolean ov_abi_resolve (ov_abi *abi, void *real_fii, char **why);

/* The layout of an exact "MAJOR.MINOR.PATCH" version, OV_LAYOUT_NONE when
** the version is not one the bridge knows. */
OV_INTERNAL ov_layout ov_layout_for_version (const char *version);

/* The known versions, for messages ("22.4.0-22.7.9, 23.0.0-23.50.20"). */
OV_INTERNAL const char *ov_known_versions (void);

/* A name for the layout ("int-size", "long-size"). */
OV_INTERNAL const char *ov_layout_name (ov_layout layout);

/* Checks the layout against the allocation size of a cell made by
** alloc_typed_cell; FALSE (and *why) when the size contradicts it. */
OV_INTERNAL gboolean ov_abi_probe_cell (const ov_abi *abi, char **why);

#endif /* OV_ABI_H */

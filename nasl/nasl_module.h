/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nasl_module.h: the builtin and loadable-module contract (values, calls, tables). */
#ifndef NASL_MODULE_H
#define NASL_MODULE_H

/*
** This header is the whole contract between the interpreter and code that
** adds builtins to it: the interpreter's own builtin families (lib_*.c) are
** written against it exactly like an out-of-tree module.
**
** ABI rules
**   NASL_MODULE_ABI_MAJOR changes when the meaning or layout of anything
**   here changes; a module built for another major is refused.
**   NASL_MODULE_ABI_MINOR grows when something is only added; a module built
**   against a newer minor than the interpreter's is refused, an older one is
**   accepted.  Structs that cross the boundary carry their size, and fields
**   are only ever appended, so the host reads no more than the module knew.
**
** Ownership rule (stated once, here)
**   A 'nasl_value' that holds a string or an array owns one reference to it.
**   - Constructors (nasl_value_int, nasl_value_data, ...) return an owned value.
**   - Functions that take a 'nasl_value' by value CONSUME it (the array
**     setters, a builtin's return value).
**   - Functions that return 'const nasl_value *' lend it: valid until the
**     builtin returns, or until the array it came from is changed.
**   - nasl_value_copy() makes a new owned value with NASL copy semantics
**     (arrays are values: a copy never shares later mutations).
**   - nasl_value_free() drops an owned value and sets it to NULL.
**   A builtin returns exactly one owned value; NASL_NULL is "nothing".
*/

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NASL_API __attribute__((visibility("default")))
#define NASL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NASL_API
#define NASL_PRINTF(f, a)
#endif

#define NASL_MODULE_ABI_MAJOR 1
#define NASL_MODULE_ABI_MINOR 1

/* The symbol every module exports; see NASL_MODULE_DEFINE below. */
#define NASL_MODULE_ENTRY_SYMBOL "nasl_module_init"

typedef struct nasl_state nasl_state;
typedef struct nasl_call nasl_call;
typedef struct nasl_str nasl_str;
typedef struct nasl_array nasl_array;

/* ========================================================================
** Values
** ======================================================================== */

/* ORDER NASL_TYPE: keep in step with nasl_type_name(). */
typedef enum nasl_type {
  NASL_TYPE_NULL = 0, /* undefined; typeof() says "undef" */
  NASL_TYPE_INT,      /* C long */
  NASL_TYPE_STRING,   /* impure "..." string */
  NASL_TYPE_DATA,     /* pure '...' byte string */
  NASL_TYPE_ARRAY     /* int-indexed part + string-keyed part */
} nasl_type;

typedef struct nasl_value {
  nasl_type type;
  union {
    long i;
    nasl_str *s;
    nasl_array *a;
  } as;
} nasl_value;

#define NASL_NULL ((nasl_value){ .type = NASL_TYPE_NULL, .as = { .i = 0 } })

NASL_API nasl_value nasl_value_int (long i);
/* Copies 'len' bytes; the result is NUL-terminated internally but counted. */
NASL_API nasl_value nasl_value_string (const char *bytes, size_t len);
NASL_API nasl_value nasl_value_data (const char *bytes, size_t len);
NASL_API nasl_value nasl_value_data_cstr (const char *cstr);
/* Takes ownership of a g_malloc'ed buffer of len+1 bytes (bytes[len] may be anything). */
NASL_API nasl_value nasl_value_data_take (char *bytes, size_t len);
NASL_API nasl_value nasl_value_array (void);

NASL_API nasl_value nasl_value_copy (const nasl_value *v);
NASL_API void nasl_value_free (nasl_value *v);

/* "int", "string", "data", "array", "undef". */
NASL_API const char *nasl_type_name (nasl_type t);

/* Bytes of a string or data value (NUL-terminated, length in *len); NULL otherwise. */
NASL_API const char *nasl_value_bytes (const nasl_value *v, size_t *len);
/* NASL truthiness: NULL false, int != 0, string/data non-empty, array true. */
NASL_API int nasl_value_truth (const nasl_value *v);
/* int(): atol() of strings, 0 for NULL/array. */
NASL_API long nasl_value_to_int (const nasl_value *v);
/* The text NASL prints for a value: int as %ld, string as is, array in
** OpenVAS's "[ 0: 1, key: 'v' ]" form, NULL as "".  Returns owned data. */
NASL_API nasl_value nasl_value_to_text (const nasl_value *v);
/* OpenVAS's cell_cmp ordering (used by ==, <, sort()): <0, 0, >0. */
NASL_API int nasl_value_compare (const nasl_value *a, const nasl_value *b);

/* --- arrays ------------------------------------------------------------- */
/* Setters consume 'v'.  'arr' must hold an array. Negative indexes are refused (returns -1). */
NASL_API int nasl_array_set_index (nasl_value *arr, long index, nasl_value v);
NASL_API int nasl_array_set_key (nasl_value *arr, const char *key, size_t keylen, nasl_value v);
/* The same with the key as a string value (borrowed): the array shares its
** bytes instead of copying them, so records built with the same key values
** keep one copy of each key.  A key that is not a string is refused.
** (ABI 1.1) */
NASL_API int nasl_array_set_key_value (nasl_value *arr, const nasl_value *key, nasl_value v);
/* Appends at max_index(arr). */
NASL_API int nasl_array_push (nasl_value *arr, nasl_value v);
/* Borrowed element, or NULL when absent or undefined. */
NASL_API const nasl_value *nasl_array_get_index (const nasl_value *arr, long index);
NASL_API const nasl_value *nasl_array_get_key (const nasl_value *arr, const char *key, size_t keylen);
/* One more than the highest defined integer index (max_index()). */
NASL_API long nasl_array_max_index (const nasl_value *arr);
/* Number of defined elements, both parts. */
NASL_API size_t nasl_array_count (const nasl_value *arr);
/* Visits every defined element in NASL iteration order: the integer part in
** ascending order (key is an int value), then the string keys in OpenVAS's
** bucket order (key is a string value).  Stops early when 'fn' returns
** non-zero, and returns that value. */
typedef int (*nasl_array_visit_fn) (void *ud, const nasl_value *key, const nasl_value *val);
NASL_API int nasl_array_foreach (const nasl_value *arr, nasl_array_visit_fn fn, void *ud);

/* ========================================================================
** Calls: what a builtin sees
** ======================================================================== */

/* Named argument, or NULL when the caller did not pass it. */
NASL_API const nasl_value *nasl_arg (nasl_call *call, const char *name);
/* Positional argument i (0-based), or NULL. */
NASL_API const nasl_value *nasl_arg_pos (nasl_call *call, size_t i);
NASL_API size_t nasl_arg_count (nasl_call *call);

/* OpenVAS-style typed readers.  Named or positional:
**   nasl_arg_int: int as is, string/data through atol(), default for NULL,
**                 missing or array.
**   nasl_arg_str: string/data bytes; an int as its decimal text; an array in
**                 its printed form; NULL when missing or undefined.  The
**                 returned bytes live until the builtin returns.
*/
NASL_API long nasl_arg_int (nasl_call *call, const char *name, long dflt);
NASL_API long nasl_arg_pos_int (nasl_call *call, size_t i, long dflt);
NASL_API const char *nasl_arg_str (nasl_call *call, const char *name, size_t *len);
NASL_API const char *nasl_arg_pos_str (nasl_call *call, size_t i, size_t *len);
/* Named argument 'name' if given, else positional 'i'. */
NASL_API const nasl_value *nasl_arg_either (nasl_call *call, const char *name, size_t i);

/* The builtin's own name, for messages. */
NASL_API const char *nasl_call_name (nasl_call *call);
NASL_API nasl_state *nasl_call_state (nasl_call *call);
/* The pointer a module's init stored; NULL for the interpreter's own families. */
NASL_API void *nasl_call_module_data (nasl_call *call);

/* Soft error: reported as "FILE:LINE: NAME: message" through the state's
** diagnostic callback; the script goes on.  Builtins then return NASL_NULL. */
NASL_API void nasl_call_error (nasl_call *call, const char *fmt, ...) NASL_PRINTF (2, 3);
/* The uniform wrong-argument diagnostic:
**   "NAME: bad argument 'ARG' (EXPECTED expected, got TYPE)"
**   "NAME: missing argument 'ARG'" when the argument is absent. */
NASL_API void nasl_call_bad_arg (nasl_call *call, const char *arg, const char *expected);

/* ========================================================================
** Builtin tables
** ======================================================================== */

typedef nasl_value (*nasl_builtin_fn) (nasl_call *call);

/*
** One builtin.  'params' declares the named parameters, space-separated, each
** "name:k" where k is i (int), s (string or data), a (array), x (any), with a
** trailing '?' when optional, e.g. "string:s pattern:s icase:i?".  Unknown
** named arguments are ignored at run time (as OpenVAS does); the linter uses
** the same table.  A missing mandatory argument gives the uniform diagnostic
** and NULL without calling 'fn'.  min_pos/max_pos bound the positional
** arguments (max_pos -1: unbounded); extra positionals are ignored.
*/
typedef struct nasl_builtin {
  const char *name;
  nasl_builtin_fn fn;
  int min_pos;
  int max_pos;
  const char *params;
} nasl_builtin;

#define NASL_BUILTIN_END { NULL, NULL, 0, 0, NULL }

/* ========================================================================
** Loadable modules
** ======================================================================== */

typedef struct nasl_module_ctx nasl_module_ctx;

typedef struct nasl_module_info {
  uint32_t struct_size;      /* sizeof (nasl_module_info) the module saw */
  uint32_t builtin_size;     /* sizeof (nasl_builtin) the module saw */
  uint16_t abi_major;
  uint16_t abi_minor;
  const char *name;          /* unique; a second load of the same name is refused */
  const char *version;
  const nasl_builtin *builtins; /* terminated by NASL_BUILTIN_END */
  /* Optional.  Return 0 on success; on failure set *err (g_malloc'ed) and
  ** return non-zero: the module is then unloaded and nothing it registered stays. */
  int (*init) (nasl_state *st, void **module_data, char **err);
  /* Optional; called at state teardown, before dlclose(). */
  void (*fini) (void *module_data);
} nasl_module_info;

/* Called by the module's entry point; returns 0 when accepted. */
NASL_API int nasl_module_register (nasl_module_ctx *ctx, const nasl_module_info *info);

/* Builds a nasl_module_info carrying the ABI this module is compiled against. */
#define NASL_MODULE_INFO(NAME, VERSION, BUILTINS, INIT, FINI)                   \
  { sizeof (nasl_module_info), sizeof (nasl_builtin), NASL_MODULE_ABI_MAJOR,    \
    NASL_MODULE_ABI_MINOR, (NAME), (VERSION), (BUILTINS), (INIT), (FINI) }

/* Defines the module's one exported entry point. */
#define NASL_MODULE_DEFINE(INFO)                                                \
  NASL_API int nasl_module_init (nasl_module_ctx *ctx);                         \
  NASL_API int nasl_module_init (nasl_module_ctx *ctx)                          \
  {                                                                             \
    return nasl_module_register (ctx, &(INFO));                                 \
  }

/* ========================================================================
** Host services a builtin may use
** ======================================================================== */

/* Per-state storage for a builtin family or module: a named slot with a
** destructor run at nasl_state_free().  Setting a slot again destroys the old value. */
NASL_API void *nasl_state_get_data (nasl_state *st, const char *key);
NASL_API void nasl_state_set_data (nasl_state *st, const char *key, void *data,
                                   void (*destroy) (void *));

/* Diagnostics outside a call (file/line may be NULL/0). */
NASL_API void nasl_state_diag (nasl_state *st, const char *file, int line,
                               const char *fmt, ...) NASL_PRINTF (4, 5);

#ifdef __cplusplus
}
#endif
#endif /* NASL_MODULE_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ast.h: NASL syntax tree: node kinds with named fields, per-file arena, debug dump. */
#ifndef NASL_AST_H
#define NASL_AST_H

/*
** The syntax tree is kept totally apart from runtime values: literals hold
** raw bytes and C longs, never 'nasl_value'.
**
** Ownership.  Every node, string and name array of one parsed file lives in
** the arena of its 'ast_program' and is freed at once by
** 'ast_program_free'.  Compiled regexes ('AST_REMATCH') are owned by the
** program too.  An 'AST_INCLUDE' node points at the included file's
** program, which is owned by the include cache ('inc_cache', include.h),
** never by the includer; the cache must outlive every program that refers
** to it.
**
** Names.  Identifiers ('var.name', 'call.name', parameters, 'foreach'
** variables, 'local_var'/'global_var' names, named-argument names) are
** interned in the 'GStringChunk' given to the parser ('parse_env.names'),
** so two equal names are the SAME pointer, across files parsed with the
** same chunk.  The evaluator may compare names with '=='.  The chunk is
** owned by the caller and must outlive the programs.
**
** Statements vs expressions.  A statement is any statement kind below, or
** one of the expression kinds allowed at statement level: 'AST_CALL',
** 'AST_ASSIGN', 'AST_INCDEC'.  Their value is discarded.
*/

#include <glib.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

typedef struct ast_node ast_node;
typedef struct ast_program ast_program;
struct inc_cache;

/* Source position: 'file' is the program's file name (lives as long as the
** program), 'line' and 'col' are 1-based; 'col' counts bytes. */
typedef struct ast_loc {
  const char *file;
  uint32_t line;
  uint32_t col;
} ast_loc;

/* ORDER AST_KIND (see ast_kind_names[] in ast.c) */
typedef enum ast_kind {
  /* expressions */
  AST_INT,          /* integer literal */
  AST_STRING,       /* "..." literal (impure string), also the a.b.c.d ipaddr */
  AST_DATA,         /* '...' literal (pure data) */
  AST_ARRAY,        /* [ elem, ... ] literal */
  AST_VAR,          /* name */
  AST_INDEX,        /* name [ expr ] */
  AST_CALL,         /* name ( args ) */
  AST_ASSIGN,       /* lvalue op= expr */
  AST_INCDEC,       /* ++x  x++  --x  x-- */
  AST_UNARY,        /* ! - ~ */
  AST_BINARY,       /* every binary operator, && and || included */
  AST_REMATCH,      /* expr =~ "re"  /  expr !~ "re" */
  /* statements */
  AST_BLOCK,        /* { stmts } ; also the top level of a file */
  AST_IF,
  AST_FOR,
  AST_WHILE,
  AST_REPEAT,       /* repeat stmt until expr ; */
  AST_FOREACH,
  AST_REPEAT_CALL,  /* call x expr ; */
  AST_RETURN,
  AST_BREAK,
  AST_CONTINUE,
  AST_LOCAL,        /* local_var a, b ; */
  AST_GLOBAL,       /* global_var a, b ; */
  AST_FUNCDEF,      /* function name ( params ) block  (top level only) */
  AST_INCLUDE,      /* include ( "file" ) ; resolved at parse time */
  AST_EMPTY,        /* ; */
  AST_KIND_COUNT
} ast_kind;

/* ORDER AST_BINOP (see binop names in ast.c and the priority table in parse.c) */
typedef enum ast_binop {
  AST_OP_OR,        /* || */
  AST_OP_AND,       /* && */
  AST_OP_EQ,        /* == */
  AST_OP_NE,        /* != */
  AST_OP_LT,        /* < */
  AST_OP_GT,        /* > */
  AST_OP_LE,        /* <= */
  AST_OP_GE,        /* >= */
  AST_OP_MATCH,     /* ><  (substring) */
  AST_OP_NOMATCH,   /* >!< */
  AST_OP_BOR,       /* | */
  AST_OP_BXOR,      /* ^ */
  AST_OP_BAND,      /* & */
  AST_OP_SHL,       /* << */
  AST_OP_SHR,       /* >> */
  AST_OP_USHR,      /* >>> */
  AST_OP_ADD,       /* + */
  AST_OP_SUB,       /* - */
  AST_OP_MUL,       /* * */
  AST_OP_DIV,       /* / */
  AST_OP_MOD,       /* % */
  AST_OP_POW,       /* ** */
  AST_BINOP_COUNT
} ast_binop;

/* ORDER AST_UNOP */
typedef enum ast_unop {
  AST_UOP_NOT,      /* ! */
  AST_UOP_NEG,      /* - */
  AST_UOP_BNOT,     /* ~ */
  AST_UNOP_COUNT
} ast_unop;

/* ORDER AST_ASSIGNOP */
typedef enum ast_assign_op {
  AST_ASSIGN_SET,   /* = */
  AST_ASSIGN_ADD,   /* += */
  AST_ASSIGN_SUB,   /* -= */
  AST_ASSIGN_MUL,   /* *= */
  AST_ASSIGN_DIV,   /* /= */
  AST_ASSIGN_MOD,   /* %= */
  AST_ASSIGN_SHL,   /* <<= */
  AST_ASSIGN_SHR,   /* >>= */
  AST_ASSIGN_USHR,  /* >>>= */
  AST_ASSIGNOP_COUNT
} ast_assign_op;

/* One element of an array literal: 'key' is NULL (next integer index) or
** an 'AST_STRING'/'AST_DATA' node; 'value' is an 'AST_INT', 'AST_STRING'
** or 'AST_DATA' node. */
typedef struct ast_elem {
  ast_node *key;
  ast_node *value;
} ast_elem;

/* One call argument: 'name' is NULL for an anonymous argument, else the
** interned parameter name ('name: expr'). */
typedef struct ast_arg {
  const char *name;
  ast_node *value;
  ast_loc loc;
} ast_arg;

struct ast_node {
  ast_kind kind;
  uint32_t height;  /* 1 + tallest child (expressions); bounded by the parser */
  ast_loc loc;      /* where the node starts (operator position for binaries) */
  union {
    /* AST_INT */
    struct { long value; } integer;
    /* AST_STRING, AST_DATA: 'len' bytes, may contain NULs ('\0' in '...');
    ** a NUL follows bytes[len] for convenience. */
    struct { const char *bytes; size_t len; } str;
    /* AST_ARRAY: n >= 1 */
    struct { ast_elem *elems; size_t n; } array;
    /* AST_VAR */
    struct { const char *name; } var;
    /* AST_INDEX: one level, on a name only */
    struct { const char *name; ast_node *index; } index;
    /* AST_CALL */
    struct { const char *name; ast_arg *args; size_t nargs; } call;
    /* AST_ASSIGN: 'target' is an AST_VAR or AST_INDEX node */
    struct { ast_assign_op op; ast_node *target; ast_node *value; } assign;
    /* AST_INCDEC: 'target' is an AST_VAR or AST_INDEX node */
    struct { ast_node *target; bool increment; bool prefix; } incdec;
    /* AST_UNARY */
    struct { ast_unop op; ast_node *operand; } unary;
    /* AST_BINARY */
    struct { ast_binop op; ast_node *lhs; ast_node *rhs; } binary;
    /* AST_REMATCH: 'pattern' (len bytes, NUL-terminated) compiled once with
    ** regcomp(REG_EXTENDED|REG_ICASE|REG_NOSUB); run it with regexec() on
    ** the subject's bytes up to the first NUL.  'negate' is true for !~. */
    struct {
      ast_node *subject;
      bool negate;
      const char *pattern;
      size_t len;
      regex_t *re;
      long weight;     /* regex_guard_scan's estimate of the automaton */
      bool backrefs;   /* the pattern has back-references */
    } rematch;
    /* AST_BLOCK */
    struct { ast_node **stmts; size_t n; } block;
    /* AST_IF: 'else_branch' may be NULL */
    struct { ast_node *cond; ast_node *then_branch; ast_node *else_branch; } if_;
    /* AST_FOR: 'init' and 'step' may be NULL (call/assign/incdec nodes) */
    struct { ast_node *init; ast_node *cond; ast_node *step; ast_node *body; } for_;
    /* AST_WHILE */
    struct { ast_node *cond; ast_node *body; } while_;
    /* AST_REPEAT: runs 'body' until 'until' is true */
    struct { ast_node *body; ast_node *until; } repeat;
    /* AST_FOREACH */
    struct { const char *var; ast_node *list; ast_node *body; } foreach;
    /* AST_REPEAT_CALL: 'call' is an AST_CALL node */
    struct { ast_node *call; ast_node *count; } repeat_call;
    /* AST_RETURN: 'value' may be NULL */
    struct { ast_node *value; } ret;
    /* AST_LOCAL, AST_GLOBAL: n may be 0 */
    struct { const char **names; size_t n; } decl;
    /* AST_FUNCDEF: 'body' is an AST_BLOCK */
    struct {
      const char *name;
      const char **params;
      size_t nparams;
      ast_node *body;
    } func;
    /* AST_INCLUDE: 'name' as written, 'path' the resolved file (interned),
    ** 'program' the cached tree (owned by the include cache). */
    struct { const char *name; const char *path; const ast_program *program; } include;
  } u;
};

typedef struct ast_arena ast_arena;

/* One parsed file. */
struct ast_program {
  const char *file;    /* name given to the parser (arena copy) */
  ast_node *body;      /* AST_BLOCK of the top-level statements */
  /* private */
  ast_arena *arena;
  GPtrArray *regexes;  /* regex_t* to regfree + g_free */
  struct inc_cache *own_includes;  /* private cache when the env had none */
};

/* Creation (used by the parser). */
NASL_INTERNAL ast_program *ast_program_new (const char *file);
NASL_INTERNAL void ast_program_free (ast_program *p);
NASL_INTERNAL void *ast_alloc (ast_program *p, size_t size);  /* zeroed, aligned */
NASL_INTERNAL ast_node *ast_node_new (ast_program *p, ast_kind kind, ast_loc loc);
NASL_INTERNAL const char *ast_memdup (ast_program *p, const char *bytes, size_t len);
NASL_INTERNAL void ast_program_own_regex (ast_program *p, regex_t *re);

/* Names for messages and dumps. */
NASL_INTERNAL const char *ast_kind_name (ast_kind k);
NASL_INTERNAL const char *ast_binop_text (ast_binop op);          /* "+", ">!<" ... */
NASL_INTERNAL const char *ast_unop_text (ast_unop op);            /* "!", "-", "~" */
NASL_INTERNAL const char *ast_assign_op_text (ast_assign_op op);  /* "=", "+=" ... */
NASL_INTERNAL bool ast_is_lvalue (const ast_node *n);             /* AST_VAR or AST_INDEX */

/*
** Debug dump as one S-expression per node, e.g.
**   (binary + (int 1) (binary * (int 2) (int 3)))
** Strings are quoted with C escapes for non-printable bytes:
**   (string "a\\n") (data "a\n")
** A block dumps as (block stmt...), an include as (include "name").
** 'ast_dump' appends to 'out'; 'ast_dump_string' returns a g_malloc'd string.
*/
NASL_INTERNAL void ast_dump (GString *out, const ast_node *n);
NASL_INTERNAL char *ast_dump_string (const ast_node *n);
NASL_INTERNAL void ast_dump_program (FILE *fp, const ast_program *p);

#endif

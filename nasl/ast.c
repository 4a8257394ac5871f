/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ast.c: syntax tree allocation (one arena per parsed file), names and debug dump. */
#include "ast.h"
#include "include.h"

#include <string.h>

/*
** Bump allocator: nodes and literal bytes of one file come from big chunks
** freed all at once.  Requests larger than a quarter chunk get their own
** chunk so a huge literal wastes nothing.
*/
#define ARENA_CHUNK 16384
#define ARENA_ALIGN 16

struct ast_arena {
  GPtrArray *chunks;  /* g_free'd blocks */
  char *cur;          /* free space in the last small chunk */
  size_t left;
};

static ast_arena *
arena_new (void)
{
  ast_arena *a = g_new0 (ast_arena, 1);

  a->chunks = g_ptr_array_new_with_free_func (g_free);
  return a;
}

static void
arena_free (ast_arena *a)
{
  if (!a)
    return;
  g_ptr_array_free (a->chunks, TRUE);
  g_free (a);
}

static void *
arena_alloc (ast_arena *a, size_t size)
{
  void *p;

  size = (size + ARENA_ALIGN - 1) & ~(size_t) (ARENA_ALIGN - 1);
  if (size == 0)
    size = ARENA_ALIGN;
  if (size > ARENA_CHUNK / 4)
    {
      p = g_malloc0 (size);
      g_ptr_array_add (a->chunks, p);
      return p;
    }
  if (size > a->left)
    {
      a->cur = g_malloc0 (ARENA_CHUNK);
      a->left = ARENA_CHUNK;
      g_ptr_array_add (a->chunks, a->cur);
    }
  p = a->cur;
  a->cur += size;
  a->left -= size;
  return p;
}

ast_program *
ast_program_new (const char *file)
{
  ast_program *p = g_new0 (ast_program, 1);

  p->arena = arena_new ();
  p->regexes = g_ptr_array_new ();
  p->file = ast_memdup (p, file, strlen (file));
  return p;
}

static void
free_regex (gpointer re)
{
  regfree (re);
  g_free (re);
}

void
ast_program_free (ast_program *p)
{
  if (!p)
    return;
  for (guint i = 0; i < p->regexes->len; i++)
    free_regex (g_ptr_array_index (p->regexes, i));
  g_ptr_array_free (p->regexes, TRUE);
  inc_cache_free (p->own_includes);
  arena_free (p->arena);
  g_free (p);
}

void *
ast_alloc (ast_program *p, size_t size)
{
  return arena_alloc (p->arena, size);
}

ast_node *
ast_node_new (ast_program *p, ast_kind kind, ast_loc loc)
{
  ast_node *n = arena_alloc (p->arena, sizeof *n);

  n->kind = kind;
  n->loc = loc;
  n->height = 1;
  return n;
}

const char *
ast_memdup (ast_program *p, const char *bytes, size_t len)
{
  char *s = arena_alloc (p->arena, len + 1);

  if (len)
    memcpy (s, bytes, len);
  s[len] = '\0';
  return s;
}

void
ast_program_own_regex (ast_program *p, regex_t *re)
{
  g_ptr_array_add (p->regexes, re);
}

/* ORDER AST_KIND */
static const char *const kind_names[AST_KIND_COUNT] = {
  "int", "string", "data", "array", "var", "index", "call", "assign", "incdec",
  "unary", "binary", "rematch",
  "block", "if", "for", "while", "repeat", "foreach", "repeat-call", "return",
  "break", "continue", "local", "global", "function", "include", "empty",
};

/* ORDER AST_BINOP */
static const char *const binop_texts[AST_BINOP_COUNT] = {
  "||", "&&", "==", "!=", "<", ">", "<=", ">=", "><", ">!<",
  "|", "^", "&", "<<", ">>", ">>>", "+", "-", "*", "/", "%", "**",
};

/* ORDER AST_UNOP */
static const char *const unop_texts[AST_UNOP_COUNT] = { "!", "-", "~" };

/* ORDER AST_ASSIGNOP */
static const char *const assign_texts[AST_ASSIGNOP_COUNT] = {
  "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", ">>>=",
};

const char *
ast_kind_name (ast_kind k)
{
  return (unsigned) k < AST_KIND_COUNT ? kind_names[k] : "?";
}

const char *
ast_binop_text (ast_binop op)
{
  return (unsigned) op < AST_BINOP_COUNT ? binop_texts[op] : "?";
}

const char *
ast_unop_text (ast_unop op)
{
  return (unsigned) op < AST_UNOP_COUNT ? unop_texts[op] : "?";
}

const char *
ast_assign_op_text (ast_assign_op op)
{
  return (unsigned) op < AST_ASSIGNOP_COUNT ? assign_texts[op] : "?";
}

bool
ast_is_lvalue (const ast_node *n)
{
  return n && (n->kind == AST_VAR || n->kind == AST_INDEX);
}

/* {===================== dump ===================== */

/* Appends bytes quoted with 'q', escaping the quote, backslash and every
** non-printable byte. */
static void
dump_quoted (GString *out, char q, const char *s, size_t len)
{
  g_string_append_c (out, q);
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];

      if (c == (unsigned char) q || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, q);
}

static void dump_node (GString *out, const ast_node *n);

/* A child preceded by a space; NULL children print as '_'. */
static void
dump_child (GString *out, const ast_node *n)
{
  g_string_append_c (out, ' ');
  if (n)
    dump_node (out, n);
  else
    g_string_append_c (out, '_');
}

static void
dump_names (GString *out, const char *const *names, size_t n)
{
  for (size_t i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", names[i]);
}

static void
dump_expr (GString *out, const ast_node *n)
{
  switch (n->kind)
    {
    case AST_INT:
      g_string_append_printf (out, "%ld", n->u.integer.value);
      break;
    case AST_STRING:
      dump_quoted (out, '"', n->u.str.bytes, n->u.str.len);
      break;
    case AST_DATA:
      dump_quoted (out, '\'', n->u.str.bytes, n->u.str.len);
      break;
    case AST_ARRAY:
      g_string_append (out, "[");
      for (size_t i = 0; i < n->u.array.n; i++)
        {
          if (i)
            g_string_append (out, ", ");
          if (n->u.array.elems[i].key)
            {
              dump_node (out, n->u.array.elems[i].key);
              g_string_append (out, " => ");
            }
          dump_node (out, n->u.array.elems[i].value);
        }
      g_string_append (out, "]");
      break;
    case AST_VAR:
      g_string_append (out, n->u.var.name);
      break;
    case AST_INDEX:
      g_string_append_printf (out, "%s[", n->u.index.name);
      dump_node (out, n->u.index.index);
      g_string_append_c (out, ']');
      break;
    case AST_CALL:
      g_string_append_printf (out, "(call %s", n->u.call.name);
      for (size_t i = 0; i < n->u.call.nargs; i++)
        {
          g_string_append_c (out, ' ');
          if (n->u.call.args[i].name)
            g_string_append_printf (out, "%s:", n->u.call.args[i].name);
          dump_node (out, n->u.call.args[i].value);
        }
      g_string_append_c (out, ')');
      break;
    case AST_ASSIGN:
      g_string_append_printf (out, "(%s", ast_assign_op_text (n->u.assign.op));
      dump_child (out, n->u.assign.target);
      dump_child (out, n->u.assign.value);
      g_string_append_c (out, ')');
      break;
    case AST_INCDEC:
      g_string_append_printf (out, "(%s%s", n->u.incdec.prefix ? "pre" : "post",
                              n->u.incdec.increment ? "++" : "--");
      dump_child (out, n->u.incdec.target);
      g_string_append_c (out, ')');
      break;
    case AST_UNARY:
      g_string_append_printf (out, "(%s", ast_unop_text (n->u.unary.op));
      dump_child (out, n->u.unary.operand);
      g_string_append_c (out, ')');
      break;
    case AST_BINARY:
      g_string_append_printf (out, "(%s", ast_binop_text (n->u.binary.op));
      dump_child (out, n->u.binary.lhs);
      dump_child (out, n->u.binary.rhs);
      g_string_append_c (out, ')');
      break;
    case AST_REMATCH:
      g_string_append_printf (out, "(%s", n->u.rematch.negate ? "!~" : "=~");
      dump_child (out, n->u.rematch.subject);
      g_string_append_c (out, ' ');
      dump_quoted (out, '"', n->u.rematch.pattern, n->u.rematch.len);
      g_string_append_c (out, ')');
      break;
    default:
      break;
    }
}

static void
dump_stmt (GString *out, const ast_node *n)
{
  g_string_append_printf (out, "(%s", ast_kind_name (n->kind));
  switch (n->kind)
    {
    case AST_BLOCK:
      for (size_t i = 0; i < n->u.block.n; i++)
        dump_child (out, n->u.block.stmts[i]);
      break;
    case AST_IF:
      dump_child (out, n->u.if_.cond);
      dump_child (out, n->u.if_.then_branch);
      if (n->u.if_.else_branch)
        dump_child (out, n->u.if_.else_branch);
      break;
    case AST_FOR:
      dump_child (out, n->u.for_.init);
      dump_child (out, n->u.for_.cond);
      dump_child (out, n->u.for_.step);
      dump_child (out, n->u.for_.body);
      break;
    case AST_WHILE:
      dump_child (out, n->u.while_.cond);
      dump_child (out, n->u.while_.body);
      break;
    case AST_REPEAT:
      dump_child (out, n->u.repeat.body);
      dump_child (out, n->u.repeat.until);
      break;
    case AST_FOREACH:
      g_string_append_printf (out, " %s", n->u.foreach.var);
      dump_child (out, n->u.foreach.list);
      dump_child (out, n->u.foreach.body);
      break;
    case AST_REPEAT_CALL:
      dump_child (out, n->u.repeat_call.call);
      dump_child (out, n->u.repeat_call.count);
      break;
    case AST_RETURN:
      if (n->u.ret.value)
        dump_child (out, n->u.ret.value);
      break;
    case AST_LOCAL:
    case AST_GLOBAL:
      if (n->u.decl.n)
        g_string_append_c (out, ' ');
      dump_names (out, n->u.decl.names, n->u.decl.n);
      break;
    case AST_FUNCDEF:
      g_string_append_printf (out, " %s (", n->u.func.name);
      dump_names (out, n->u.func.params, n->u.func.nparams);
      g_string_append_c (out, ')');
      dump_child (out, n->u.func.body);
      break;
    case AST_INCLUDE:
      g_string_append_c (out, ' ');
      dump_quoted (out, '"', n->u.include.name, strlen (n->u.include.name));
      break;
    default:
      break;
    }
  g_string_append_c (out, ')');
}

static void
dump_node (GString *out, const ast_node *n)
{
  if (n->kind <= AST_REMATCH)
    dump_expr (out, n);
  else
    dump_stmt (out, n);
}

void
ast_dump (GString *out, const ast_node *n)
{
  if (n)
    dump_node (out, n);
  else
    g_string_append_c (out, '_');
}

char *
ast_dump_string (const ast_node *n)
{
  GString *out = g_string_new (NULL);

  ast_dump (out, n);
  return g_string_free (out, FALSE);
}

/* One top-level statement per line. */
void
ast_dump_program (FILE *fp, const ast_program *p)
{
  GString *out = g_string_new (NULL);

  for (size_t i = 0; p->body && i < p->body->u.block.n; i++)
    {
      g_string_truncate (out, 0);
      ast_dump (out, p->body->u.block.stmts[i]);
      fprintf (fp, "%s\n", out->str);
    }
  g_string_free (out, TRUE);
}

/* }================================================= */

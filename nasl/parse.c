/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parse.c: recursive-descent NASL parser (OpenVAS nasl_grammar.y rules and quirks). */
#include "parse.h"
#include "regex_guard.h"
#include "readfile.h"
#include "lex.h"

#include <stdarg.h>
#include <string.h>

/*
** Error handling.  The first error inside a statement is reported and puts
** the parser in "panic": every production then returns at once (with a
** placeholder node) until the statement loop skips to the next ';' (or
** to the '}' closing the block) and clears it.  So errors keep being counted,
** as OpenVAS does, without cascades.  Hitting the nesting limit or
** PARSE_MAX_ERRORS is "fatal": the rest of the file is ignored.
*/
typedef struct parser {
  parse_env *env;
  ast_program *prog;
  lexer lx;
  lex_token tok;        /* current token */
  GString *peek_scratch;
  unsigned depth;       /* recursion depth of the productions */
  unsigned max_depth;
  unsigned errors;      /* errors in this file */
  bool panic;
  bool fatal;
} parser;

static ast_node *parse_subexpr (parser *p, unsigned limit);
static ast_node *parse_statement (parser *p, bool top_level);

/* {===================== diagnostics ===================== */

void
parse_report (parse_env *env, parse_severity sev, const ast_loc *loc, const char *fmt, ...)
{
  va_list ap;
  char *msg, *text;

  if (sev == PARSE_ERROR)
    env->errors++;
  else
    env->warnings++;
  if (!env->diag)
    return;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  text = g_strdup_printf ("%s:%u:%u: %s%s", loc->file ? loc->file : "?", loc->line, loc->col,
                          sev == PARSE_WARNING ? "warning: " : "", msg);
  env->diag (env->diag_ud, sev, loc, text);
  g_free (text);
  g_free (msg);
}

static ast_loc
loc_of (const parser *p, const lex_token *t)
{
  return (ast_loc){ p->prog->file, t->line, t->col };
}

static ast_loc
here (const parser *p)
{
  return loc_of (p, &p->tok);
}

/* Reports an error at 'loc' unless one is already being recovered from;
** does not enter panic (for errors that do not disturb the parse). */
static void
report_error (parser *p, const ast_loc *loc, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
report_error (parser *p, const ast_loc *loc, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (p->panic || p->fatal)
    return;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  parse_report (p->env, PARSE_ERROR, loc, "%s", msg);
  g_free (msg);
  if (++p->errors >= PARSE_MAX_ERRORS)
    {
      parse_report (p->env, PARSE_ERROR, loc, "too many errors, giving up on this file");
      p->fatal = true;
    }
}

/* Syntax error: report, then recover at the statement level. */
static void
syntax_error (parser *p, const ast_loc *loc, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
syntax_error (parser *p, const ast_loc *loc, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  if (p->panic || p->fatal)
    return;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  report_error (p, loc, "%s", msg);
  g_free (msg);
  p->panic = true;
}

/* The current token in words, for "unexpected ..." messages. */
static char *
describe_token (const lex_token *t)
{
  switch (t->kind)
    {
    case TK_IDENT:
      return g_strdup_printf ("identifier '%s'", t->text);
    case TK_INT:
      return g_strdup_printf ("integer %ld", t->ival);
    case TK_OTHER:
      if (t->byte >= 0x20 && t->byte < 0x7f)
        return g_strdup_printf ("character '%c'", t->byte);
      return g_strdup_printf ("byte 0x%02x", t->byte);
    case TK_ERROR:
      return g_strdup_printf ("byte 0x%02x", t->byte);
    default:
      return g_strdup (lex_tok_name (t->kind));
    }
}

/* "unexpected X, expected WHAT" at the current token. */
static void
unexpected (parser *p, const char *what)
{
  char *d;
  ast_loc loc;

  if (p->panic || p->fatal)
    return;
  d = describe_token (&p->tok);
  loc = here (p);
  syntax_error (p, &loc, "syntax error: unexpected %s, expected %s", d, what);
  g_free (d);
}

static void
lex_warning (void *ud, uint32_t line, uint32_t col, const char *msg)
{
  parser *p = ud;
  ast_loc loc = { p->prog->file, line, col };

  parse_report (p->env, PARSE_WARNING, &loc, "%s", msg);
}

/* }========================================================= */

/* {===================== tokens ===================== */

static void
next (parser *p)
{
  if (p->fatal)
    {
      memset (&p->tok, 0, sizeof p->tok);
      p->tok.kind = TK_EOF;
      p->tok.text = "";
      return;
    }
  lex_next (&p->lx, &p->tok);
}

/* Kind of the token after the current one, without consuming anything
** (warnings are not repeated). */
static lex_tok
peek_kind (parser *p)
{
  lexer saved = p->lx;
  lex_token t;

  p->lx.scratch = p->peek_scratch;
  p->lx.warn = NULL;
  lex_next (&p->lx, &t);
  p->lx = saved;
  return t.kind;
}

static bool
check (const parser *p, lex_tok k)
{
  return p->tok.kind == k;
}

static bool
accept (parser *p, lex_tok k)
{
  if (!check (p, k))
    return false;
  next (p);
  return true;
}

static bool
expect (parser *p, lex_tok k)
{
  if (accept (p, k))
    return true;
  unexpected (p, lex_tok_name (k));
  return false;
}

static bool
is_name_token (const parser *p)
{
  return check (p, TK_IDENT) || check (p, TK_X);
}

/* Interned name of the current IDENT or 'x' token (see ast.h). */
static const char *
intern_current (parser *p)
{
  const char *s = check (p, TK_X) ? "x" : p->tok.text;

  return g_string_chunk_insert_const (p->env->names, s);
}

/* identifier := IDENT | "x" ; consumes it, NULL (and error) otherwise. */
static const char *
expect_name (parser *p)
{
  const char *name;

  if (!is_name_token (p))
    {
      unexpected (p, "identifier");
      return NULL;
    }
  name = intern_current (p);
  next (p);
  return name;
}

/* Depth guard around every recursive production. */
static bool
enter (parser *p)
{
  if (++p->depth <= p->max_depth)
    return true;
  if (!p->fatal)
    {
      ast_loc loc = here (p);

      p->panic = false;
      report_error (p, &loc, "nesting too deep (limit is %u)", p->max_depth);
      p->fatal = true;
    }
  return false;
}

static void
leave (parser *p)
{
  p->depth--;
}

/* }========================================================= */

/* {===================== node helpers ===================== */

static ast_node *
new_node (parser *p, ast_kind kind, ast_loc loc)
{
  return ast_node_new (p->prog, kind, loc);
}

/* Placeholder returned by a production that failed (the tree of a file
** with errors is never run). */
static ast_node *
error_node (parser *p)
{
  ast_node *n = new_node (p, AST_INT, here (p));

  n->u.integer.value = 0;
  return n;
}

/* Sets n->height to one more than its tallest child ('child_height') and
** checks it against the limit, which also bounds the evaluator's recursion
** on left-leaning operator chains the parser builds without recursing. */
static ast_node *
set_height (parser *p, ast_node *n, uint32_t child_height)
{
  n->height = child_height + 1;
  if (n->height > p->max_depth && !p->fatal)
    {
      p->panic = false;
      report_error (p, &n->loc, "expression nested too deeply (limit is %u)", p->max_depth);
      p->fatal = true;
    }
  return n;
}

/* set_height for a node with up to two children (either may be NULL). */
static ast_node *
grown (parser *p, ast_node *n, const ast_node *a, const ast_node *b)
{
  uint32_t h = 0;

  if (a && a->height > h)
    h = a->height;
  if (b && b->height > h)
    h = b->height;
  return set_height (p, n, h);
}

static ast_node *
literal_node (parser *p, ast_kind kind, const lex_token *t)
{
  ast_node *n = new_node (p, kind, loc_of (p, t));

  if (kind == AST_INT)
    n->u.integer.value = t->ival;
  else
    {
      n->u.str.bytes = ast_memdup (p->prog, t->text, t->len);
      n->u.str.len = t->len;
    }
  return n;
}

/* Copies a growable list of pointers into the arena. */
static void *
freeze_list (parser *p, GPtrArray *list, size_t *count)
{
  void **out = NULL;

  *count = list->len;
  if (list->len)
    {
      out = ast_alloc (p->prog, list->len * sizeof *out);
      memcpy (out, list->pdata, list->len * sizeof *out);
    }
  g_ptr_array_free (list, TRUE);
  return out;
}

/* }========================================================= */

/* {===================== expressions ===================== */

/* ORDER AST_BINOP: {left, right} priorities; left > right is right-assoc.
** Levels follow nasl_grammar.y's precedence declarations. */
static const struct {
  uint8_t left, right;
  bool nonassoc;
} priority[AST_BINOP_COUNT] = {
  { 2, 2, false },                                    /* || */
  { 3, 3, false },                                    /* && */
  { 4, 4, true }, { 4, 4, true }, { 4, 4, true },     /* == != < */
  { 4, 4, true }, { 4, 4, true }, { 4, 4, true },     /* > <= >= */
  { 4, 4, true }, { 4, 4, true },                     /* >< >!< */
  { 5, 5, false },                                    /* | */
  { 6, 6, false },                                    /* ^ */
  { 7, 7, false },                                    /* & */
  { 8, 8, true }, { 8, 8, true }, { 8, 8, true },     /* << >> >>> */
  { 9, 9, false }, { 9, 9, false },                   /* + - */
  { 10, 10, false }, { 10, 10, false }, { 10, 10, false }, /* * / % */
  { 14, 13, false },                                  /* ** (right) */
};
#define PRIO_COMPARE 4      /* =~ and !~ share the comparison level */
#define PRIO_NOT 11         /* operand of '!' */
#define PRIO_UNARY 12       /* operand of unary '-' and '~' */

/* Binary operator of a token, or -1.  '=~'/'!~' are handled apart. */
static int
token_binop (lex_tok k)
{
  switch (k)
    {
    case TK_OR: return AST_OP_OR;
    case TK_AND: return AST_OP_AND;
    case TK_EQ: return AST_OP_EQ;
    case TK_NE: return AST_OP_NE;
    case TK_LT: return AST_OP_LT;
    case TK_GT: return AST_OP_GT;
    case TK_LE: return AST_OP_LE;
    case TK_GE: return AST_OP_GE;
    case TK_MATCH: return AST_OP_MATCH;
    case TK_NOMATCH: return AST_OP_NOMATCH;
    case TK_PIPE: return AST_OP_BOR;
    case TK_CARET: return AST_OP_BXOR;
    case TK_AMP: return AST_OP_BAND;
    case TK_SHL: return AST_OP_SHL;
    case TK_SHR: return AST_OP_SHR;
    case TK_USHR: return AST_OP_USHR;
    case TK_PLUS: return AST_OP_ADD;
    case TK_MINUS: return AST_OP_SUB;
    case TK_STAR: return AST_OP_MUL;
    case TK_SLASH: return AST_OP_DIV;
    case TK_PERCENT: return AST_OP_MOD;
    case TK_POW: return AST_OP_POW;
    default: return -1;
    }
}

static int
token_assign_op (lex_tok k)
{
  switch (k)
    {
    case TK_ASSIGN: return AST_ASSIGN_SET;
    case TK_PLUSEQ: return AST_ASSIGN_ADD;
    case TK_MINUSEQ: return AST_ASSIGN_SUB;
    case TK_STAREQ: return AST_ASSIGN_MUL;
    case TK_SLASHEQ: return AST_ASSIGN_DIV;
    case TK_PERCENTEQ: return AST_ASSIGN_MOD;
    case TK_SHLEQ: return AST_ASSIGN_SHL;
    case TK_SHREQ: return AST_ASSIGN_SHR;
    case TK_USHREQ: return AST_ASSIGN_USHR;
    default: return -1;
    }
}

/* expr := subexpr(0) */
static ast_node *
parse_expr (parser *p)
{
  return parse_subexpr (p, 0);
}

/* lvalue := identifier | identifier "[" expr "]"   (name already read) */
static ast_node *
parse_lvalue_rest (parser *p, const char *name, ast_loc loc)
{
  ast_node *n;

  if (!accept (p, TK_LBRACKET))
    {
      n = new_node (p, AST_VAR, loc);
      n->u.var.name = name;
      return n;
    }
  n = new_node (p, AST_INDEX, loc);
  n->u.index.name = name;
  n->u.index.index = parse_expr (p);
  expect (p, TK_RBRACKET);
  return grown (p, n, n->u.index.index, NULL);
}

/* call := identifier "(" [ arg { "," arg } ] ")"     (name and '(' read)
** arg  := expr | identifier ":" expr */
static ast_node *
parse_call_rest (parser *p, const char *name, ast_loc loc)
{
  ast_node *n = new_node (p, AST_CALL, loc);
  GArray *args = g_array_new (FALSE, TRUE, sizeof (ast_arg));
  uint32_t h = 0;

  n->u.call.name = name;
  if (!check (p, TK_RPAREN))
    do
      {
        ast_arg a = { NULL, NULL, here (p) };

        if (is_name_token (p) && peek_kind (p) == TK_COLON)
          {
            a.name = intern_current (p);
            next (p);
            next (p);
          }
        a.value = parse_expr (p);
        if (a.value->height > h)
          h = a.value->height;
        g_array_append_val (args, a);
      }
    while (!p->panic && accept (p, TK_COMMA));
  expect (p, TK_RPAREN);
  n->u.call.nargs = args->len;
  if (args->len)
    {
      n->u.call.args = ast_alloc (p->prog, args->len * sizeof (ast_arg));
      memcpy (n->u.call.args, args->data, args->len * sizeof (ast_arg));
    }
  g_array_free (args, TRUE);
  return set_height (p, n, h);
}

/* assign := lvalue assign_op expr      (lvalue read, operator current) */
static ast_node *
parse_assign_rest (parser *p, ast_node *target, int op)
{
  ast_node *n = new_node (p, AST_ASSIGN, here (p));

  next (p);
  n->u.assign.op = (ast_assign_op) op;
  n->u.assign.target = target;
  n->u.assign.value = parse_expr (p);
  return grown (p, n, target, n->u.assign.value);
}

static ast_node *
make_incdec (parser *p, ast_loc loc, ast_node *target, bool increment, bool prefix)
{
  ast_node *n = new_node (p, AST_INCDEC, loc);

  n->u.incdec.target = target;
  n->u.incdec.increment = increment;
  n->u.incdec.prefix = prefix;
  return grown (p, n, target, NULL);
}

/*
** Everything that starts with a name:
**   call | lvalue | lvalue assign_op expr | lvalue ("++"|"--")
** The current token is the name.
*/
static ast_node *
parse_named (parser *p)
{
  ast_loc loc = here (p);
  const char *name = intern_current (p);
  ast_node *lv;
  int op;

  next (p);
  if (accept (p, TK_LPAREN))
    return parse_call_rest (p, name, loc);
  lv = parse_lvalue_rest (p, name, loc);
  if ((op = token_assign_op (p->tok.kind)) >= 0)
    return parse_assign_rest (p, lv, op);
  if (check (p, TK_PLUSPLUS) || check (p, TK_MINUSMINUS))
    {
      bool inc = check (p, TK_PLUSPLUS);
      ast_loc oploc = here (p);

      next (p);
      return make_incdec (p, oploc, lv, inc, false);
    }
  return lv;
}

/* incdec := ("++"|"--") lvalue      (operator current) */
static ast_node *
parse_prefix_incdec (parser *p)
{
  ast_loc loc = here (p);
  bool inc = check (p, TK_PLUSPLUS);
  ast_loc nloc;
  const char *name;

  next (p);
  nloc = here (p);
  name = expect_name (p);
  if (!name)
    return error_node (p);
  return make_incdec (p, loc, parse_lvalue_rest (p, name, nloc), inc, true);
}

/* ipaddr := INT "." INT "." INT "." INT   (first INT read, '.' current);
** the value is the string "%ld.%ld.%ld.%ld" of the four integers. */
static ast_node *
parse_ipaddr_rest (parser *p, const lex_token *first)
{
  long part[4];
  ast_node *n = new_node (p, AST_STRING, loc_of (p, first));
  char *s;

  part[0] = first->ival;
  for (int i = 1; i < 4; i++)
    {
      if (!expect (p, TK_DOT))
        return error_node (p);
      if (!check (p, TK_INT))
        {
          unexpected (p, "integer");
          return error_node (p);
        }
      part[i] = p->tok.ival;
      next (p);
    }
  s = g_strdup_printf ("%ld.%ld.%ld.%ld", part[0], part[1], part[2], part[3]);
  n->u.str.len = strlen (s);
  n->u.str.bytes = ast_memdup (p->prog, s, n->u.str.len);
  g_free (s);
  return n;
}

/* atom := INT | STRING | DATA ; NULL if the current token is none */
static ast_node *
parse_atom (parser *p)
{
  ast_node *n;

  switch (p->tok.kind)
    {
    case TK_INT: n = literal_node (p, AST_INT, &p->tok); break;
    case TK_STRING: n = literal_node (p, AST_STRING, &p->tok); break;
    case TK_DATA: n = literal_node (p, AST_DATA, &p->tok); break;
    default:
      unexpected (p, "integer or string literal");
      return NULL;
    }
  next (p);
  return n;
}

/* Key of "key" => value: the string up to its first NUL (OpenVAS keeps a C
** string). */
static ast_node *
key_node (parser *p, const lex_token *t)
{
  ast_node *n = literal_node (p, t->kind == TK_STRING ? AST_STRING : AST_DATA, t);

  n->u.str.len = strlen (n->u.str.bytes);
  return n;
}

/*
** array_lit := "[" elem { "," elem } "]"
** elem      := atom | string "=>" atom
** ('[' current)
*/
static ast_node *
parse_array (parser *p)
{
  ast_node *n = new_node (p, AST_ARRAY, here (p));
  GArray *elems = g_array_new (FALSE, TRUE, sizeof (ast_elem));

  next (p);
  do
    {
      ast_elem e = { NULL, NULL };

      if ((check (p, TK_STRING) || check (p, TK_DATA)) && peek_kind (p) == TK_ARROW)
        {
          e.key = key_node (p, &p->tok);
          next (p);
          next (p);
        }
      e.value = parse_atom (p);
      if (!e.value)
        break;
      g_array_append_val (elems, e);
    }
  while (accept (p, TK_COMMA));
  expect (p, TK_RBRACKET);
  n->u.array.n = elems->len;
  if (elems->len)
    {
      n->u.array.elems = ast_alloc (p->prog, elems->len * sizeof (ast_elem));
      memcpy (n->u.array.elems, elems->data, elems->len * sizeof (ast_elem));
    }
  g_array_free (elems, TRUE);
  if (!n->u.array.n)
    return error_node (p);
  return n;
}

/*
** primary := "(" expr ")" | INT | ipaddr | STRING | DATA | array_lit
**          | named | incdec
*/
static ast_node *
parse_primary (parser *p)
{
  ast_node *n;
  lex_token first;

  switch (p->tok.kind)
    {
    case TK_LPAREN:
      next (p);
      n = parse_expr (p);
      expect (p, TK_RPAREN);
      return n;
    case TK_INT:
      first = p->tok;
      next (p);
      if (check (p, TK_DOT))
        return parse_ipaddr_rest (p, &first);
      return literal_node (p, AST_INT, &first);
    case TK_STRING:
    case TK_DATA:
      return parse_atom (p);
    case TK_LBRACKET:
      return parse_array (p);
    case TK_IDENT:
    case TK_X:
      return parse_named (p);
    case TK_PLUSPLUS:
    case TK_MINUSMINUS:
      return parse_prefix_incdec (p);
    default:
      unexpected (p, "expression");
      return error_node (p);
    }
}

/* Compiles the pattern of '=~' / '!~' like OpenVAS (alloc_RE_cell): POSIX
** extended, case-insensitive, no sub-matches; the pattern is a C string. */
static ast_node *
make_rematch (parser *p, ast_loc loc, ast_node *subject, bool negate)
{
  ast_node *n = new_node (p, AST_REMATCH, loc);
  regex_t *re;
  int rc;

  n->u.rematch.subject = subject;
  n->u.rematch.negate = negate;
  if (!check (p, TK_STRING) && !check (p, TK_DATA))
    {
      unexpected (p, "string literal after =~ or !~");
      return error_node (p);
    }
  n->u.rematch.len = strlen (p->tok.text);
  n->u.rematch.pattern = ast_memdup (p->prog, p->tok.text, n->u.rematch.len);
  const char *why = NULL;
  regex_shape shape;
  if (regex_guard_scan (n->u.rematch.pattern, &shape, &why) != 0)
    {
      ast_loc rloc = here (p);
      report_error (p, &rloc, "bad regular expression \"%s\": %s", n->u.rematch.pattern, why);
      next (p);
      return grown (p, n, subject, NULL);
    }
  n->u.rematch.weight = shape.weight;
  n->u.rematch.backrefs = shape.backrefs != 0;
  re = g_new0 (regex_t, 1);
  rc = regcomp (re, n->u.rematch.pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
  if (rc != 0)
    {
      char buf[256];
      ast_loc rloc = here (p);

      regerror (rc, re, buf, sizeof buf);
      g_free (re);
      report_error (p, &rloc, "bad regular expression \"%s\": %s", n->u.rematch.pattern, buf);
    }
  else
    {
      n->u.rematch.re = re;
      ast_program_own_regex (p->prog, re);
    }
  next (p);
  return grown (p, n, subject, NULL);
}

static ast_node *
make_unary (parser *p, ast_loc loc, ast_unop op, ast_node *operand)
{
  ast_node *n = new_node (p, AST_UNARY, loc);

  n->u.unary.op = op;
  n->u.unary.operand = operand;
  return grown (p, n, operand, NULL);
}

/*
** subexpr := (unop subexpr | primary) { binop subexpr }
** where only binary operators whose left priority is above 'limit' are
** taken (lparser.c style).  Non-associative levels (comparisons, shifts)
** refuse a second operator of the same level: 'a < b < c' is an error.
*/
static ast_node *
parse_subexpr (parser *p, unsigned limit)
{
  ast_node *e;
  unsigned last_level = 0;

  if (!enter (p))
    {
      leave (p);
      return error_node (p);
    }
  if (check (p, TK_NOT) || check (p, TK_MINUS) || check (p, TK_TILDE))
    {
      ast_loc loc = here (p);
      lex_tok k = p->tok.kind;

      next (p);
      if (k == TK_NOT)
        e = make_unary (p, loc, AST_UOP_NOT, parse_subexpr (p, PRIO_NOT));
      else
        e = make_unary (p, loc, k == TK_MINUS ? AST_UOP_NEG : AST_UOP_BNOT,
                        parse_subexpr (p, PRIO_UNARY));
    }
  else
    e = parse_primary (p);

  while (!p->panic && !p->fatal)
    {
      int op = token_binop (p->tok.kind);
      bool rematch = check (p, TK_REMATCH) || check (p, TK_RENOMATCH);
      unsigned left = rematch ? PRIO_COMPARE : op >= 0 ? priority[op].left : 0;
      bool nonassoc = rematch || (op >= 0 && priority[op].nonassoc);
      ast_loc loc = here (p);

      if (left == 0 || left <= limit)
        break;
      if (nonassoc && last_level == left)
        {
          syntax_error (p, &loc,
                        "syntax error: unexpected %s: comparison and shift operators do not "
                        "chain (use parentheses)",
                        lex_tok_name (p->tok.kind));
          break;
        }
      last_level = left;
      if (rematch)
        {
          bool negate = check (p, TK_RENOMATCH);

          next (p);
          e = make_rematch (p, loc, e, negate);
        }
      else
        {
          ast_node *b = new_node (p, AST_BINARY, loc);

          next (p);
          b->u.binary.op = (ast_binop) op;
          b->u.binary.lhs = e;
          b->u.binary.rhs = parse_subexpr (p, priority[op].right);
          e = grown (p, b, e, b->u.binary.rhs);
        }
    }
  leave (p);
  return e;
}

/* }========================================================= */

/* {===================== statements ===================== */

/* Skips to the end of the broken statement: past the next ';', or up to
** the '}' that closes the current block. */
static void
resync (parser *p, bool in_block)
{
  p->panic = false;
  while (!check (p, TK_EOF))
    {
      if (accept (p, TK_SEMI))
        return;
      if (in_block && check (p, TK_RBRACE))
        return;
      next (p);
    }
}

/*
** Statements in a block or at the top level, up to 'end' (TK_RBRACE or
** TK_EOF), with error recovery.
*/
static ast_node *
parse_statements (parser *p, ast_loc loc, lex_tok end, bool top_level)
{
  ast_node *blk = new_node (p, AST_BLOCK, loc);
  GPtrArray *stmts = g_ptr_array_new ();

  while (!check (p, end) && !check (p, TK_EOF) && !p->fatal)
    {
      size_t before = p->lx.pos;
      ast_node *s = parse_statement (p, top_level);

      if (p->panic)
        {
          resync (p, !top_level);
          if (p->lx.pos == before && !check (p, TK_EOF) && !check (p, end))
            next (p);  /* always make progress */
        }
      else if (s)
        g_ptr_array_add (stmts, s);
    }
  blk->u.block.stmts = freeze_list (p, stmts, &blk->u.block.n);
  return blk;
}

/* block := "{" { instr } "}" */
static ast_node *
parse_block (parser *p)
{
  ast_loc loc = here (p);
  ast_node *blk;

  if (!expect (p, TK_LBRACE))
    return error_node (p);
  blk = parse_statements (p, loc, TK_RBRACE, false);
  expect (p, TK_RBRACE);
  return blk;
}

/* Names list of function parameters and local_var/global_var:
** [ identifier { "," identifier } ] ; stops before 'end'. */
static const char **
parse_name_list (parser *p, lex_tok end, size_t *count)
{
  GPtrArray *names = g_ptr_array_new ();

  if (!check (p, end))
    do
      {
        const char *name = expect_name (p);

        if (!name)
          break;
        g_ptr_array_add (names, (gpointer) name);
      }
    while (accept (p, TK_COMMA));
  return freeze_list (p, names, count);
}

/* if := "if" "(" expr ")" instr [ "else" instr ]   (dangling else: nearest if) */
static ast_node *
parse_if (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_IF, loc);

  expect (p, TK_LPAREN);
  n->u.if_.cond = parse_expr (p);
  expect (p, TK_RPAREN);
  n->u.if_.then_branch = parse_statement (p, false);
  if (!p->panic && accept (p, TK_ELSE))
    n->u.if_.else_branch = parse_statement (p, false);
  return n;
}

/* for_part := assign | incdec | call | <empty>  ; NULL when empty */
static ast_node *
parse_for_part (parser *p, lex_tok end)
{
  ast_node *n;

  if (check (p, end))
    return NULL;
  if (check (p, TK_PLUSPLUS) || check (p, TK_MINUSMINUS))
    return parse_prefix_incdec (p);
  if (!is_name_token (p))
    {
      unexpected (p, "assignment, increment or call");
      return NULL;
    }
  n = parse_named (p);
  if (n->kind != AST_ASSIGN && n->kind != AST_INCDEC && n->kind != AST_CALL)
    unexpected (p, "assignment, '++', '--' or '('");
  return n;
}

/* for := "for" "(" [for_part] ";" expr ";" [for_part] ")" instr
** (the condition is mandatory) */
static ast_node *
parse_for (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_FOR, loc);

  expect (p, TK_LPAREN);
  n->u.for_.init = parse_for_part (p, TK_SEMI);
  expect (p, TK_SEMI);
  n->u.for_.cond = parse_expr (p);
  expect (p, TK_SEMI);
  n->u.for_.step = parse_for_part (p, TK_RPAREN);
  expect (p, TK_RPAREN);
  n->u.for_.body = parse_statement (p, false);
  return n;
}

/* while := "while" "(" expr ")" instr */
static ast_node *
parse_while (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_WHILE, loc);

  expect (p, TK_LPAREN);
  n->u.while_.cond = parse_expr (p);
  expect (p, TK_RPAREN);
  n->u.while_.body = parse_statement (p, false);
  return n;
}

/* repeat := "repeat" instr "until" expr ";" */
static ast_node *
parse_repeat (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_REPEAT, loc);

  n->u.repeat.body = parse_statement (p, false);
  expect (p, TK_UNTIL);
  n->u.repeat.until = parse_expr (p);
  expect (p, TK_SEMI);
  return n;
}

/* foreach := "foreach" identifier "(" expr ")" instr */
static ast_node *
parse_foreach (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_FOREACH, loc);

  n->u.foreach.var = expect_name (p);
  expect (p, TK_LPAREN);
  n->u.foreach.list = parse_expr (p);
  expect (p, TK_RPAREN);
  n->u.foreach.body = parse_statement (p, false);
  return n;
}

/* func_decl := "function" identifier "(" [ identifier { "," identifier } ] ")" block
** Allowed only at the top level: elsewhere it is parsed (to keep in step)
** but reported. */
static ast_node *
parse_function (parser *p, ast_loc loc, bool top_level)
{
  ast_node *n = new_node (p, AST_FUNCDEF, loc);

  if (!top_level)
    report_error (p, &loc, "syntax error: function definitions are only allowed at top level");
  n->u.func.name = expect_name (p);
  expect (p, TK_LPAREN);
  n->u.func.params = parse_name_list (p, TK_RPAREN, &n->u.func.nparams);
  expect (p, TK_RPAREN);
  if (!check (p, TK_LBRACE))
    {
      unexpected (p, "'{' (a function body is a block)");
      return n;
    }
  n->u.func.body = parse_block (p);
  return n;
}

/* include := "include" "(" STRING ")"  -- resolved and parsed right now. */
static ast_node *
parse_include (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_INCLUDE, loc);
  ast_loc nloc;
  char *name;

  expect (p, TK_LPAREN);
  if (!check (p, TK_STRING) && !check (p, TK_DATA))
    {
      unexpected (p, "string literal (file name)");
      return n;
    }
  nloc = here (p);
  name = g_strdup (p->tok.text);  /* a C string: stops at a NUL */
  next (p);
  if (!expect (p, TK_RPAREN))
    {
      g_free (name);
      return n;
    }
  n->u.include.name = ast_memdup (p->prog, name, strlen (name));
  n->u.include.program = inc_load (p->env, p->env->includes, &nloc, p->prog->file, name,
                                   &n->u.include.path);
  g_free (name);
  return n;
}

/* return := "return" [ expr ] */
static ast_node *
parse_return (parser *p, ast_loc loc)
{
  ast_node *n = new_node (p, AST_RETURN, loc);

  if (!check (p, TK_SEMI))
    n->u.ret.value = parse_expr (p);
  return n;
}

/*
** simple := assign | incdec | call [ "x" expr ] | return | include
**         | local | global | "break" | "continue" | <empty>
** followed by ";"
*/
static ast_node *
parse_simple (parser *p, ast_loc loc)
{
  ast_node *n;
  lex_tok k = p->tok.kind;

  switch (k)
    {
    case TK_SEMI:
      n = new_node (p, AST_EMPTY, loc);
      break;
    case TK_BREAK:
    case TK_CONTINUE:
      next (p);
      n = new_node (p, k == TK_BREAK ? AST_BREAK : AST_CONTINUE, loc);
      break;
    case TK_RETURN:
      next (p);
      n = parse_return (p, loc);
      break;
    case TK_LOCAL:
    case TK_GLOBAL:
      next (p);
      n = new_node (p, k == TK_LOCAL ? AST_LOCAL : AST_GLOBAL, loc);
      n->u.decl.names = parse_name_list (p, TK_SEMI, &n->u.decl.n);
      break;
    case TK_INCLUDE:
      next (p);
      n = parse_include (p, loc);
      break;
    case TK_PLUSPLUS:
    case TK_MINUSMINUS:
      n = parse_prefix_incdec (p);
      break;
    case TK_IDENT:
    case TK_X:
      n = parse_named (p);
      if (n->kind == AST_CALL && check (p, TK_X))
        {
          ast_node *r = new_node (p, AST_REPEAT_CALL, loc);

          next (p);
          r->u.repeat_call.call = n;
          r->u.repeat_call.count = parse_expr (p);
          n = r;
        }
      else if (n->kind != AST_CALL && n->kind != AST_ASSIGN && n->kind != AST_INCDEC)
        {
          unexpected (p, "'=', '(', '++' or '--'");
          return n;
        }
      break;
    default:
      unexpected (p, "statement");
      return error_node (p);
    }
  expect (p, TK_SEMI);
  return n;
}

/*
** instr := simple ";" | block | if | for | while | repeat | foreach
** top-level adds func_decl.
*/
static ast_node *
parse_statement (parser *p, bool top_level)
{
  ast_loc loc = here (p);
  ast_node *n;

  if (!enter (p))
    {
      leave (p);
      return error_node (p);
    }
  switch (p->tok.kind)
    {
    case TK_LBRACE:
      n = parse_block (p);
      break;
    case TK_IF:
      next (p);
      n = parse_if (p, loc);
      break;
    case TK_FOR:
      next (p);
      n = parse_for (p, loc);
      break;
    case TK_WHILE:
      next (p);
      n = parse_while (p, loc);
      break;
    case TK_REPEAT:
      next (p);
      n = parse_repeat (p, loc);
      break;
    case TK_FOREACH:
      next (p);
      n = parse_foreach (p, loc);
      break;
    case TK_FUNCTION:
      next (p);
      n = parse_function (p, loc, top_level);
      break;
    default:
      n = parse_simple (p, loc);
      break;
    }
  leave (p);
  return n;
}

/* }========================================================= */

/* {===================== entry points ===================== */

void
parse_env_init (parse_env *env, GStringChunk *names)
{
  memset (env, 0, sizeof *env);
  env->names = names;
}

void
parse_env_clear (parse_env *env)
{
  if (env->active)
    g_ptr_array_free (env->active, TRUE);
  env->active = NULL;
}

static void
set_status (parse_env *env, parse_status st)
{
  if (st == PARSE_ERR_LOAD || env->status == PARSE_OK)
    env->status = st;
}

/* program := { instr | func_decl }+   -- one file, counters accumulate. */
static ast_program *
parse_unit (parse_env *env, const char *name, const char *src, size_t len)
{
  parser p;
  unsigned errors_before = env->errors;
  ast_loc loc;

  memset (&p, 0, sizeof p);
  p.env = env;
  p.prog = ast_program_new (name);
  p.max_depth = env->max_depth ? env->max_depth : PARSE_MAX_DEPTH;
  p.peek_scratch = g_string_new (NULL);
  lex_init (&p.lx, src, len, lex_warning, &p);
  next (&p);
  loc = here (&p);
  p.prog->body = parse_statements (&p, loc, TK_EOF, true);
  if (p.prog->body->u.block.n == 0 && env->errors == errors_before)
    {
      loc = here (&p);
      report_error (&p, &loc, "syntax error: empty script (at least one statement is needed)");
    }
  lex_free (&p.lx);
  g_string_free (p.peek_scratch, TRUE);
  if (env->errors != errors_before)
    {
      set_status (env, PARSE_ERR_SYNTAX);
      ast_program_free (p.prog);
      return NULL;
    }
  return p.prog;
}

ast_program *
parse_included (parse_env *env, const char *path, const char *src, size_t len)
{
  return parse_unit (env, path, src, len);
}

/* Resets the counters, sets up the include machinery, parses one file. */
static ast_program *
parse_top (parse_env *env, const char *name, const char *src, size_t len)
{
  inc_cache *own = NULL;
  ast_program *prog;

  env->errors = 0;
  env->warnings = 0;
  env->status = PARSE_OK;
  if (!env->active)
    env->active = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (env->active, 0);
  g_ptr_array_add (env->active, inc_canonical (name));
  if (!env->includes)
    env->includes = own = inc_cache_new ();
  inc_cache_forget_failures (env->includes);
  prog = parse_unit (env, name, src, len);
  if (own)
    {
      env->includes = NULL;
      if (prog && inc_cache_size (own))
        prog->own_includes = own;
      else
        inc_cache_free (own);
    }
  g_ptr_array_set_size (env->active, 0);
  if (env->status != PARSE_OK && prog)
    {
      ast_program_free (prog);
      prog = NULL;
    }
  return prog;
}

ast_program *
parse_buffer (parse_env *env, const char *name, const char *src, size_t len)
{
  return parse_top (env, name ? name : "<buffer>", src ? src : "", src ? len : 0);
}

ast_program *
parse_file (parse_env *env, const char *path)
{
  char *src, *why = NULL;
  size_t len = 0;
  ast_program *prog;

  src = readfile_regular (path, READFILE_MAX_SCRIPT, &len, &why);
  if (src == NULL)
    {
      ast_loc loc = { path, 0, 0 };

      env->errors = 0;
      env->warnings = 0;
      env->status = PARSE_OK;
      parse_report (env, PARSE_ERROR, &loc, "cannot read script: %s", why);
      set_status (env, PARSE_ERR_LOAD);
      g_free (why);
      return NULL;
    }
  prog = parse_top (env, path, src, len);
  g_free (src);
  return prog;
}

/* }========================================================= */

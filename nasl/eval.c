/* SPDX-License-Identifier: GPL-2.0-or-later */
/* eval.c: the tree-walking evaluator: scoping, statements, expressions, calls. */
#define _GNU_SOURCE
#include <limits.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "eval.h"
#include "regex_exec.h"
#include "secrets.h"
#include "call.h"

/* How a statement ended. */
typedef enum flow {
  FLOW_NORMAL = 0,
  FLOW_BREAK,
  FLOW_CONTINUE,
  FLOW_RETURN,
  FLOW_UNWIND     /* exit() or hard error: st->run->unwind says which */
} flow;

static nasl_value eval_expr (nasl_state *st, const ast_node *n);
static flow exec_stmt (nasl_state *st, const ast_node *n);

#define RUN(st) ((st)->run)

/* ======================================================================
** Predefined variables (OpenVAS nasl_init.c libivars/libsvars)
** ====================================================================== */

typedef struct predef_int {
  const char *name;
  long value;
} predef_int;

static const predef_int predef_ints[] = {
  { "TRUE", 1 }, { "FALSE", 0 },
  { "IPPROTO_TCP", IPPROTO_TCP }, { "IPPROTO_UDP", IPPROTO_UDP },
  { "IPPROTO_ICMP", IPPROTO_ICMP }, { "IPPROTO_ICMPV6", IPPROTO_ICMPV6 },
  { "IPPROTO_IP", IPPROTO_IP }, { "IPPROTO_IGMP", IPPROTO_IGMP },
  /* openvas_encaps_t (misc/network.h) */
  { "ENCAPS_AUTO", 0 }, { "ENCAPS_IP", 1 }, { "ENCAPS_SSLv23", 2 },
  { "ENCAPS_SSLv2", 3 }, { "ENCAPS_SSLv3", 4 }, { "ENCAPS_TLSv1", 5 },
  { "ENCAPS_TLSv11", 6 }, { "ENCAPS_TLSv12", 7 }, { "ENCAPS_TLSv13", 8 },
  { "ENCAPS_TLScustom", 9 }, { "ENCAPS_MAX", 10 },
  { "TH_FIN", 0x01 }, { "TH_SYN", 0x02 }, { "TH_RST", 0x04 },
  { "TH_PUSH", 0x08 }, { "TH_ACK", 0x10 }, { "TH_URG", 0x20 },
  { "IP_RF", 0x8000 }, { "IP_DF", 0x4000 }, { "IP_MF", 0x2000 }, { "IP_OFFMASK", 0x1fff },
  { "TCPOPT_MAXSEG", 2 }, { "TCPOPT_WINDOW", 3 }, { "TCPOPT_SACK_PERMITTED", 4 },
  { "TCPOPT_TIMESTAMP", 8 },
  /* nvt_category (misc/nvt_categories.h) */
  { "ACT_INIT", 0 }, { "ACT_SCANNER", 1 }, { "ACT_SETTINGS", 2 },
  { "ACT_GATHER_INFO", 3 }, { "ACT_ATTACK", 4 }, { "ACT_MIXED_ATTACK", 5 },
  { "ACT_DESTRUCTIVE_ATTACK", 6 }, { "ACT_DENIAL", 7 }, { "ACT_KILL_HOST", 8 },
  { "ACT_FLOOD", 9 }, { "ACT_END", 10 },
  { "MSG_OOB", MSG_OOB },
  /* NASL_ERR_* (nasl.h of openvas) */
  { "NOERR", 0 }, { "ETIMEDOUT", 1 }, { "ECONNRESET", 2 }, { "EUNREACH", 3 },
  { "EUNKNOWN", 99 },
};

/* Index space: 1..N ints, N+1 OPENVAS_VERSION, N+2 NULL. */
#define PREDEF_VERSION ((int) G_N_ELEMENTS (predef_ints) + 1)
#define PREDEF_NULL ((int) G_N_ELEMENTS (predef_ints) + 2)

static GHashTable *
predef_table (nasl_state *st)
{
  GHashTable *t = g_hash_table_new (g_direct_hash, g_direct_equal);
  size_t i;

  for (i = 0; i < G_N_ELEMENTS (predef_ints); i++)
    g_hash_table_insert (t, (gpointer) state_intern (st, predef_ints[i].name),
                         GINT_TO_POINTER ((int) i + 1));
  g_hash_table_insert (t, (gpointer) state_intern (st, "OPENVAS_VERSION"),
                       GINT_TO_POINTER (PREDEF_VERSION));
  g_hash_table_insert (t, (gpointer) state_intern (st, "NULL"), GINT_TO_POINTER (PREDEF_NULL));
  return t;
}

static nasl_value
predef_value (int idx)
{
  if (idx >= 1 && idx <= (int) G_N_ELEMENTS (predef_ints))
    return nasl_value_int (predef_ints[idx - 1].value);
  if (idx == PREDEF_VERSION)
    return nasl_value_data_cstr (NASL_OPENVAS_VERSION);
  return NASL_NULL;
}

/* ======================================================================
** Contexts and variables
** ====================================================================== */

static inline uint32_t
name_hash (const char *name)
{
  uint64_t x = (uint64_t) (uintptr_t) name;

  x ^= x >> 29;
  return (uint32_t) ((x * 0x9E3779B97F4A7C15ULL) >> 32);
}

static nasl_ctx *
ctx_new (nasl_ctx *up, bool fn, const char *fname)
{
  nasl_ctx *c = g_new0 (nasl_ctx, 1);

  c->up = up;
  c->fn = fn;
  c->fname = fname;
  return c;
}

static void
ctx_free (nasl_ctx *c)
{
  uint32_t i;
  size_t k;

  for (i = 0; i < c->vcap; i++)
    if (c->vars[i].name != NULL)
      {
        value_drop (&c->vars[i].var->val);
        g_free (c->vars[i].var);
      }
  g_free (c->vars);
  for (k = 0; k < c->nanon; k++)
    value_drop (&c->anon[k]);
  g_free (c->anon);
  if (c->funcs != NULL)
    g_hash_table_destroy (c->funcs);
  g_free (c);
}

static nasl_var *
ctx_find (const nasl_ctx *c, const char *name)
{
  uint32_t mask, i;

  if (c->vcount == 0)
    return NULL;
  mask = c->vcap - 1;
  for (i = name_hash (name) & mask; c->vars[i].name != NULL; i = (i + 1) & mask)
    if (c->vars[i].name == name)
      return c->vars[i].var;
  return NULL;
}

static void
ctx_place (nasl_ctx *c, nasl_var *v)
{
  uint32_t mask = c->vcap - 1, i;

  for (i = name_hash (v->name) & mask; c->vars[i].name != NULL; i = (i + 1) & mask)
    ;
  c->vars[i].name = v->name;
  c->vars[i].var = v;
}

/* Adds an undefined variable 'name' (absent from 'c'). */
static nasl_var *
ctx_add (nasl_ctx *c, const char *name)
{
  nasl_var *v;

  if ((c->vcount + 1) * 2 > c->vcap)
    {
      var_slot *old = c->vars;
      uint32_t ocap = c->vcap, i;
      c->vcap = ocap ? ocap * 2 : 8;
      c->vars = g_new0 (var_slot, c->vcap);
      for (i = 0; i < ocap; i++)
        if (old[i].name != NULL)
          ctx_place (c, old[i].var);
      g_free (old);
    }
  v = g_new (nasl_var, 1);
  v->name = name;
  v->val = NASL_NULL;
  ctx_place (c, v);
  c->vcount++;
  return v;
}

static int
predef_index (const run_state *run, const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (run->predef, name));
}

/*
** OpenVAS's variable rule: the current context, then the caller's, and so on
** up to the top level; when the name is nowhere, it is created (undefined)
** in the current context.  Predefined names exist in every context.
*/
static nasl_var *
lookup_var (nasl_state *st, const char *name)
{
  run_state *run = RUN (st);
  nasl_ctx *c = run->cur;
  nasl_var *v = ctx_find (c, name);
  int idx;

  if (v != NULL)
    return v;
  if (c->up != NULL)
    {
      if ((idx = predef_index (run, name)) != 0)
        {
          v = ctx_add (c, name);
          v->val = predef_value (idx);
          return v;
        }
      for (c = c->up; c != NULL; c = c->up)
        if ((v = ctx_find (c, name)) != NULL)
          return v;
    }
  return ctx_add (run->cur, name);
}

static nasl_ctx *
top_ctx (const run_state *run)
{
  return run->top;
}

/* ======================================================================
** Errors, limits, positions
** ====================================================================== */

static void
set_pos (nasl_state *st, const ast_node *n)
{
  if (n->loc.line != 0)
    {
      RUN (st)->line = (int) n->loc.line;
      RUN (st)->file = n->loc.file;
    }
}

static bool
unwinding (const nasl_state *st)
{
  return RUN (st)->unwind != UNWIND_NONE;
}

/* C stack in use since the run started (the stack grows down on our targets,
** but measure both ways). */
static bool
stack_exhausted (const nasl_state *st)
{
  char probe;
  const char *base = RUN (st)->stack_base;
  size_t used = base > &probe ? (size_t) (base - &probe) : (size_t) (&probe - base);

  return used > RUN (st)->stack_limit;
}

/* The checks made every NASL_DEADLINE_CHECK_STEPS steps: the clock and,
** less often, the memory. */
static bool
periodic_checks (nasl_state *st)
{
  run_state *run = RUN (st);

  if (run->deadline != 0 && !state_check_deadline (st))
    return false;
  if (run->steps % NASL_MEMORY_CHECK_STEPS == 0 && !state_check_memory (st))
    return false;
  return true;
}

/* Counts a step (a statement, a call or a loop turn) against the step
** budget; now and then looks at the time and memory limits. */
static inline bool
count_step (nasl_state *st)
{
  run_state *run = RUN (st);

  run->steps++;
  if (G_UNLIKELY (st->step_budget != 0 && run->steps > st->step_budget))
    {
      state_hard_error (st, "step budget of %lu exhausted", st->step_budget);
      return false;
    }
  if (G_UNLIKELY (run->steps % NASL_DEADLINE_CHECK_STEPS == 0))
    return periodic_checks (st);
  return true;
}

/* count_step, and the C stack (statements and calls may nest). */
static bool
check_limits (nasl_state *st)
{
  if (!count_step (st))
    return false;
  if (stack_exhausted (st))
    {
      state_hard_error (st, "nesting too deep: C stack limit reached");
      return false;
    }
  return true;
}

static void
init_stack_guard (run_state *run)
{
  pthread_attr_t attr;
  char here;
  size_t limit = NASL_MAX_C_STACK;

  run->stack_base = &here;
  if (pthread_getattr_np (pthread_self (), &attr) == 0)
    {
      void *addr = NULL;
      size_t size = 0;
      if (pthread_attr_getstack (&attr, &addr, &size) == 0 && addr != NULL
          && (char *) addr < &here)
        {
          size_t avail = (size_t) (&here - (char *) addr);
          avail = avail > NASL_C_STACK_MARGIN ? avail - NASL_C_STACK_MARGIN : avail / 2;
          if (avail < limit)
            limit = avail;
        }
      pthread_attr_destroy (&attr);
    }
  else
    limit = NASL_MAX_C_STACK / 4;
  run->stack_limit = limit;
}

/* A string result of 'len' bytes is allowed? (hard error otherwise)  The
** bytes count against the memory limit. */
static bool
string_size_ok (nasl_state *st, size_t len)
{
  if (len <= st->max_string)
    return state_note_alloc (st, len);
  state_hard_error (st, "string too long (%zu bytes, limit %zu)", len, st->max_string);
  return false;
}

/* ======================================================================
** Operators
** ====================================================================== */

static nasl_type
concat_type (const nasl_value *a, const nasl_value *b)
{
  if (a->type == NASL_TYPE_DATA || b->type == NASL_TYPE_DATA)
    return NASL_TYPE_DATA;
  if (a->type == NASL_TYPE_STRING || b->type == NASL_TYPE_STRING)
    return NASL_TYPE_STRING;
  if (a->type == NASL_TYPE_INT || b->type == NASL_TYPE_INT)
    return NASL_TYPE_INT;
  return NASL_TYPE_NULL;
}

static long
int_of_operand (const nasl_value *v)
{
  return v->type == NASL_TYPE_INT ? v->as.i : value_to_int_arith (v);
}

/* a + b (OpenVAS EXPR_PLUS): NULL keeps the other side; data wins over
** string wins over int; text sides concatenate. */
static nasl_value
op_add (nasl_state *st, const nasl_value *a, const nasl_value *b)
{
  nasl_type t;
  char ba[32], bb[32];
  nasl_value oa, ob, r;
  const char *pa, *pb;
  size_t la, lb;
  nasl_str *s;

  if (a->type == NASL_TYPE_NULL)
    return value_ref (b);
  if (b->type == NASL_TYPE_NULL)
    return value_ref (a);
  t = concat_type (a, b);
  if (t == NASL_TYPE_INT)
    return nasl_value_int ((long) ((unsigned long) int_of_operand (a)
                                   + (unsigned long) int_of_operand (b)));
  if (t == NASL_TYPE_NULL)
    return NASL_NULL;
  pa = value_text (a, ba, &oa, false, &la);
  pb = value_text (b, bb, &ob, false, &lb);
  if (string_size_ok (st, la + lb))
    {
      s = str_alloc (la + lb);
      memcpy (s->bytes, pa, la);
      memcpy (s->bytes + la, pb, lb);
      r = value_from_str (t, s);
    }
  else
    r = NASL_NULL;
  value_drop (&oa);
  value_drop (&ob);
  return r;
}

/* a - b (OpenVAS EXPR_MINUS): on text, removes the first occurrence of b. */
static nasl_value
op_sub (const nasl_value *a, const nasl_value *b)
{
  nasl_type t;
  char ba[32], bb[32];
  nasl_value oa, ob, r;
  const char *pa, *pb, *p;
  size_t la, lb;
  nasl_str *s;

  if (b->type == NASL_TYPE_NULL)
    return value_ref (a);
  if (a->type == NASL_TYPE_NULL)
    {
      if (b->type == NASL_TYPE_INT)
        return nasl_value_int ((long) (0UL - (unsigned long) b->as.i));
      return NASL_NULL;
    }
  t = concat_type (a, b);
  if (t == NASL_TYPE_INT)
    return nasl_value_int ((long) ((unsigned long) int_of_operand (a)
                                   - (unsigned long) int_of_operand (b)));
  if (t == NASL_TYPE_NULL)
    return NASL_NULL;
  pa = value_text (a, ba, &oa, false, &la);
  pb = value_text (b, bb, &ob, false, &lb);
  if (lb == 0 || la < lb || (p = memmem (pa, la, pb, lb)) == NULL)
    r = value_from_str (t, str_new (pa, la));
  else
    {
      size_t before = (size_t) (p - pa);
      s = str_alloc (la - lb);
      memcpy (s->bytes, pa, before);
      memcpy (s->bytes + before, p + lb, la - lb - before);
      r = value_from_str (t, s);
    }
  value_drop (&oa);
  value_drop (&ob);
  return r;
}

/* OpenVAS 'expo': repeated squaring on a wrapping long. */
static long
int_pow (long x, long y)
{
  unsigned long z;

  if (y == 0)
    return 1;
  if (y < 0)
    return x == 1 ? 1 : 0;
  if (y == 1)
    return x;
  z = (unsigned long) int_pow (x, y / 2);
  if (y % 2 == 0)
    return (long) (z * z);
  return (long) ((unsigned long) x * z * z);
}

static nasl_value
op_arith (ast_binop op, long x, long y)
{
  unsigned long ux = (unsigned long) x, uy = (unsigned long) y;

  switch (op)
    {
    case AST_OP_MUL:
      return nasl_value_int ((long) (ux * uy));
    case AST_OP_DIV:
      if (y == 0)
        return nasl_value_int (0);
      if (y == -1)
        return nasl_value_int ((long) (0UL - ux)); /* LONG_MIN / -1 wraps */
      return nasl_value_int (x / y);
    case AST_OP_MOD:
      if (y == 0 || y == -1)
        return nasl_value_int (0);
      return nasl_value_int (x % y);
    case AST_OP_POW:
      return nasl_value_int (int_pow (x, y));
    case AST_OP_BAND:
      return nasl_value_int (x & y);
    case AST_OP_BOR:
      return nasl_value_int (x | y);
    case AST_OP_BXOR:
      return nasl_value_int (x ^ y);
    case AST_OP_SHL:
      /* x86-64 masks the count; OpenVAS shifts a long */
      return nasl_value_int ((long) (ux << (uy & 63)));
    case AST_OP_SHR:
      /* the result goes through an 'int' in OpenVAS */
      return nasl_value_int ((long) (int32_t) (x >> (uy & 63)));
    case AST_OP_USHR:
      return nasl_value_int ((long) (int32_t) ((uint32_t) ux >> ((uint32_t) uy & 31)));
    default:
      return NASL_NULL;
    }
}

/* a >< b: a occurs in b; NULL counts as "". */
static bool
op_contains (const nasl_value *a, const nasl_value *b)
{
  char ba[32], bb[32];
  nasl_value oa, ob;
  const char *pa, *pb;
  size_t la, lb;
  bool r;

  pa = value_text (a, ba, &oa, false, &la);
  pb = value_text (b, bb, &ob, false, &lb);
  r = la <= lb && memmem (pb, lb, pa, la) != NULL;
  value_drop (&oa);
  value_drop (&ob);
  return r;
}

static int
compare_logged (nasl_state *st, const nasl_value *a, const nasl_value *b)
{
  char *msg = NULL;
  int r = value_compare (a, b, &msg);

  if (msg != NULL)
    {
      state_error (st, "%s", msg);
      g_free (msg);
    }
  return r;
}

/* Every binary operator except && and || (borrowed operands). */
static nasl_value
binop (nasl_state *st, ast_binop op, const nasl_value *a, const nasl_value *b)
{
  switch (op)
    {
    case AST_OP_ADD:
      return op_add (st, a, b);
    case AST_OP_SUB:
      return op_sub (a, b);
    case AST_OP_EQ:
      return nasl_value_int (compare_logged (st, a, b) == 0);
    case AST_OP_NE:
      return nasl_value_int (compare_logged (st, a, b) != 0);
    case AST_OP_LT:
      return nasl_value_int (compare_logged (st, a, b) < 0);
    case AST_OP_GT:
      return nasl_value_int (compare_logged (st, a, b) > 0);
    case AST_OP_LE:
      return nasl_value_int (compare_logged (st, a, b) <= 0);
    case AST_OP_GE:
      return nasl_value_int (compare_logged (st, a, b) >= 0);
    case AST_OP_MATCH:
      return nasl_value_int (op_contains (a, b));
    case AST_OP_NOMATCH:
      return nasl_value_int (!op_contains (a, b));
    default:
      return op_arith (op, value_to_int_arith (a), value_to_int_arith (b));
    }
}

static ast_binop
assign_binop (ast_assign_op op)
{
  switch (op)
    {
    case AST_ASSIGN_ADD: return AST_OP_ADD;
    case AST_ASSIGN_SUB: return AST_OP_SUB;
    case AST_ASSIGN_MUL: return AST_OP_MUL;
    case AST_ASSIGN_DIV: return AST_OP_DIV;
    case AST_ASSIGN_MOD: return AST_OP_MOD;
    case AST_ASSIGN_SHL: return AST_OP_SHL;
    case AST_ASSIGN_SHR: return AST_OP_SHR;
    default: return AST_OP_USHR;
    }
}

/* ======================================================================
** Array elements
** ====================================================================== */

static nasl_ctx *
function_ctx (const run_state *run)
{
  nasl_ctx *c;

  for (c = run->cur; c != NULL && !c->fn; c = c->up)
    ;
  return c;
}

static nasl_value
anon_args_array (const nasl_ctx *c)
{
  nasl_value arr = nasl_value_array ();
  size_t i;

  for (i = 0; i < c->nanon; i++)
    {
      nasl_value v = value_ref (&c->anon[i]);
      if (v.type == NASL_TYPE_ARRAY)
        v.as.a = array_logical_copy (v.as.a);
      if (v.type != NASL_TYPE_NULL)
        array_set_int (arr.as.a, (long) i, v);
    }
  return arr;
}

/* An integer used as an array index: OpenVAS passes it as a C int, so it
** wraps to 32 bits (a[4294967296] is a[0], a[2147483648] a negative index). */
static long
array_index_of (long v)
{
  return (long) (int32_t) (uint32_t) (unsigned long) v;
}

/* _FCT_ANON_ARGS[idx]: the positional arguments of the nearest function call. */
static nasl_value
read_anon_arg (nasl_state *st, const nasl_value *idx)
{
  nasl_ctx *c = function_ctx (RUN (st));
  long i;

  if (c == NULL)
    return NASL_NULL;
  if (idx->type != NASL_TYPE_INT && idx->type != NASL_TYPE_NULL)
    return NASL_NULL;
  i = idx->type == NASL_TYPE_INT ? array_index_of (idx->as.i) : 0;
  if (i < 0)
    {
      state_error (st, "Negative integer index %ld are not supported yet!", i);
      return NASL_NULL;
    }
  if ((size_t) i >= c->nanon)
    return NASL_NULL;
  return value_ref (&c->anon[i]);
}

/*
** The slot 'var[idx]' for reading (create == false: a missing integer slot
** is not created, a missing key is, as OpenVAS does) or writing.  'var'
** must hold an array (it is made unique when something is created or when
** 'for_write').  Reports bad indexes and returns NULL.
*/
static nasl_value *
element_slot (nasl_state *st, nasl_var *var, const nasl_value *idx, bool for_write)
{
  nasl_array *a = var->val.as.a;
  nasl_value *slot;

  switch (idx->type)
    {
    case NASL_TYPE_NULL:
    case NASL_TYPE_INT:
      {
        long i = idx->type == NASL_TYPE_INT ? array_index_of (idx->as.i) : 0;
        if (i < 0)
          {
            state_error (st, "Negative integer index %ld are not supported yet!", i);
            return NULL;
          }
        if (!for_write)
          return array_int_slot (a, i, false);
        if (i > NASL_MAX_ARRAY_INDEX)
          {
            state_hard_error (st, "array index %ld too large (limit %ld)", i,
                              (long) NASL_MAX_ARRAY_INDEX);
            return NULL;
          }
        /* a new high slot may grow the array by up to i slots */
        if (i >= 4096 && array_int_slot (a, i, false) == NULL
            && !state_note_alloc (st, (size_t) i * sizeof (nasl_value)))
          return NULL;
        return array_int_slot (array_unique (&var->val.as.a), i, true);
      }
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      slot = array_key_slot_str (a, idx->as.s, false);
      if (slot != NULL && !for_write)
        return slot;
      a = array_unique (&var->val.as.a);
      if (slot != NULL)
        return array_key_slot_str (a, idx->as.s, false);
      if (a->nkeys >= NASL_MAX_ARRAY_KEYS)
        {
          state_hard_error (st, "too many keys in array '%s'", var->name);
          return NULL;
        }
      return array_key_slot_str (a, idx->as.s, true);
    default:
      state_error (st, "get_array_elem: unhandled index type %s for variable %s",
                   nasl_type_name (idx->type), var->name);
      return NULL;
    }
}

/* Reads 'name[idx]' (OpenVAS get_array_elem). */
static nasl_value
read_element (nasl_state *st, const char *name, const nasl_value *idx)
{
  nasl_var *var = lookup_var (st, name);
  const nasl_value *slot;
  nasl_value zero = nasl_value_int (0);

  if (idx->type == NASL_TYPE_NULL)
    idx = &zero; /* OpenVAS treats a NULL index as 0 */

  switch (var->val.type)
    {
    case NASL_TYPE_NULL:
      var->val = nasl_value_array (); /* auto-vivification */
      /* fall through */
    case NASL_TYPE_ARRAY:
      slot = element_slot (st, var, idx, false);
      return slot != NULL ? value_ref (slot) : NASL_NULL;
    case NASL_TYPE_INT:
      state_error (st, "get_array_elem: variable %s is an integer", name);
      return NASL_NULL;
    default:
      if (idx->type != NASL_TYPE_INT)
        {
          state_error (st, "get_array_elem: Cannot use a non integer index (type %s) in "
                       "string. Variable: %s", nasl_type_name (idx->type), name);
          return NASL_NULL;
        }
      /* OpenVAS compares the whole long but prints it with %d (32 bits) */
      if ((size_t) idx->as.i >= var->val.as.s->len && idx->as.i >= 0)
        {
          state_error (st, "get_array_elem: requesting character after end of string "
                       "%s (%ld >= %zu)", name, array_index_of (idx->as.i),
                       var->val.as.s->len);
          return nasl_value_data ("", 0);
        }
      if (idx->as.i < 0)
        {
          state_error (st, "get_array_elem: Negative index (%ld) passed to \"%s\"!",
                       array_index_of (idx->as.i), name);
          return NASL_NULL;
        }
      return nasl_value_data (var->val.as.s->bytes + idx->as.i, 1);
    }
}

/* Where an assignment to 'target' stores: a variable, or an element slot. */
typedef struct lref {
  nasl_var *var;
  nasl_value *slot;     /* the value to replace (var->val or an element) */
  nasl_array *arr;      /* the array holding 'slot', NULL for a variable */
} lref;

/* Resolves an lvalue whose index (if any) is already evaluated. */
static bool
resolve_lvalue (nasl_state *st, const ast_node *target, const nasl_value *idx, lref *r)
{
  if (target->kind == AST_VAR)
    {
      r->var = lookup_var (st, target->u.var.name);
      r->slot = &r->var->val;
      r->arr = NULL;
      return true;
    }
  r->var = lookup_var (st, target->u.index.name);
  switch (r->var->val.type)
    {
    case NASL_TYPE_NULL:
      r->var->val = nasl_value_array ();
      /* fall through */
    case NASL_TYPE_ARRAY:
      r->slot = element_slot (st, r->var, idx, true);
      r->arr = r->var->val.as.a;
      return r->slot != NULL;
    case NASL_TYPE_INT:
      state_error (st, "get_array_elem: variable %s is an integer", r->var->name);
      state_error (st, "nasl_affect: invalid lvalue");
      return false;
    default:
      state_error (st, "nasl_affect: cannot affect to non variable %s", r->var->name);
      return false;
    }
}

/* Stores 'v' (consumed) through 'r'. */
static void
lref_store (nasl_state *st, lref *r, nasl_value v)
{
  nasl_type before = r->slot->type;
  nasl_value old = *r->slot;

  if (r->arr != NULL && !array_can_hold (r->arr, &v))
    {
      state_hard_error (st, "arrays nested too deep in '%s' (limit %d)", r->var->name,
                        NASL_MAX_ARRAY_DEPTH);
      value_drop (&v);
      return;
    }
  *r->slot = v;
  if (r->arr != NULL)
    array_note_slot_change (r->arr, before, &v);
  value_drop (&old);
}

/* NASL copy semantics for a value being stored (arrays are values). */
static nasl_value
copy_for_store (nasl_value v)
{
  if (v.type == NASL_TYPE_ARRAY)
    v.as.a = array_logical_copy (v.as.a);
  return v;
}

/* ======================================================================
** Expressions
** ====================================================================== */

static nasl_value eval_call (nasl_state *st, const ast_node *n);

static nasl_value
eval_var (nasl_state *st, const ast_node *n)
{
  const char *name = n->u.var.name;

  if (name == st->n_anon_args)
    return anon_args_array (RUN (st)->cur);
  return value_ref (&lookup_var (st, name)->val);
}

static nasl_value
eval_index (nasl_state *st, const ast_node *n)
{
  nasl_value idx = eval_expr (st, n->u.index.index), r;

  if (n->u.index.name == st->n_anon_args)
    r = read_anon_arg (st, &idx);
  else
    r = read_element (st, n->u.index.name, &idx);
  value_drop (&idx);
  return r;
}

static nasl_value
eval_array_literal (nasl_state *st, const ast_node *n)
{
  nasl_value arr = nasl_value_array ();
  long next = 0;
  size_t i;

  for (i = 0; i < n->u.array.n; i++)
    {
      const ast_elem *e = &n->u.array.elems[i];
      nasl_value v = eval_expr (st, e->value);
      if (e->key == NULL)
        array_set_int (arr.as.a, next++, v);
      else
        array_add_key (arr.as.a, e->key->u.str.bytes, e->key->u.str.len, v);
    }
  return arr;
}

/* ++x, x++, --x, x--: the old value is read as a 32-bit int (atoi for text). */
static nasl_value
eval_incdec (nasl_state *st, const ast_node *n)
{
  const ast_node *target = n->u.incdec.target;
  nasl_value idx = NASL_NULL;
  lref r;
  int old, nv;

  if (target->kind == AST_INDEX)
    {
      idx = eval_expr (st, target->u.index.index);
      if (unwinding (st))
        {
          value_drop (&idx);
          return NASL_NULL;
        }
    }
  if (!resolve_lvalue (st, target, &idx, &r))
    {
      value_drop (&idx);
      return NASL_NULL;
    }
  value_drop (&idx);
  switch (r.slot->type)
    {
    case NASL_TYPE_INT:
      old = (int) r.slot->as.i;
      break;
    case NASL_TYPE_STRING:
    case NASL_TYPE_DATA:
      old = atoi (r.slot->as.s->bytes);
      break;
    case NASL_TYPE_NULL:
      old = 0;
      break;
    default:
      state_error (st, "nasl_incr_variable: variable %s has bad type %s", r.var->name,
                   nasl_type_name (r.slot->type));
      return NASL_NULL;
    }
  nv = (int) ((unsigned) old + (n->u.incdec.increment ? 1u : (unsigned) -1));
  lref_store (st, &r, nasl_value_int (nv));
  return nasl_value_int (n->u.incdec.prefix ? nv : old);
}

/* True when evaluating 'n' cannot change any script variable (no user
** function call, no assignment): then 'x = x + e' may append in place. */
static bool
pure_expr (nasl_state *st, const ast_node *n, int depth)
{
  size_t i;

  if (depth > 8)
    return false;
  switch (n->kind)
    {
    case AST_INT:
    case AST_STRING:
    case AST_DATA:
    case AST_VAR:
      return true;
    case AST_INDEX:
      return pure_expr (st, n->u.index.index, depth + 1);
    case AST_UNARY:
      return pure_expr (st, n->u.unary.operand, depth + 1);
    case AST_BINARY:
      return pure_expr (st, n->u.binary.lhs, depth + 1)
             && pure_expr (st, n->u.binary.rhs, depth + 1);
    case AST_CALL:
      if (state_find_builtin (st, n->u.call.name) == NULL)
        return false;
      for (i = 0; i < n->u.call.nargs; i++)
        if (!pure_expr (st, n->u.call.args[i].value, depth + 1))
          return false;
      return true;
    default:
      return false;
    }
}

/*
** Fast path for 'x += e' and 'x = x + e' on a text variable: append to the
** variable's own buffer (amortised O(1)) instead of building a new string.
** Returns false (nothing done) when the fast path does not apply.
*/
static bool
append_in_place (nasl_state *st, nasl_var *var, const ast_node *rhs, bool want,
                 nasl_value *result)
{
  nasl_value e, oe;
  char buf[32];
  const char *p;
  size_t len;
  nasl_type t;

  if (!value_is_text (&var->val) || var->val.as.s->refcnt != 1 || !pure_expr (st, rhs, 0))
    return false;
  e = eval_expr (st, rhs);
  /* the right side could not change 'var' (pure), but re-check the buffer */
  if (!value_is_text (&var->val) || var->val.as.s->refcnt != 1)
    {
      nasl_value cur = value_ref (&var->val), r = op_add (st, &cur, &e);
      value_drop (&cur);
      value_drop (&e);
      value_drop (&var->val);
      var->val = r;
      *result = want ? value_ref (&var->val) : NASL_NULL;
      return true;
    }
  t = concat_type (&var->val, &e);
  if (e.type != NASL_TYPE_NULL)
    {
      p = value_text (&e, buf, &oe, false, &len);
      size_t total = var->val.as.s->len + len;
      /* only the appended bytes are new memory */
      if (total > st->max_string ? string_size_ok (st, total) : state_note_alloc (st, len))
        {
          var->val.as.s = str_append (var->val.as.s, p, len);
          var->val.type = t;
        }
      value_drop (&oe);
    }
  value_drop (&e);
  *result = want ? value_ref (&var->val) : NASL_NULL;
  return true;
}

/* Assignments of every kind.  'want' says whether the value is used. */
static nasl_value
eval_assign (nasl_state *st, const ast_node *n, bool want)
{
  const ast_node *target = n->u.assign.target, *rhs = n->u.assign.value;
  ast_assign_op op = n->u.assign.op;
  nasl_value idx = NASL_NULL, v, result = NASL_NULL;
  lref r;

  if (target->kind == AST_VAR)
    {
      const ast_node *tail = NULL;
      if (op == AST_ASSIGN_ADD)
        tail = rhs;
      else if (op == AST_ASSIGN_SET && rhs->kind == AST_BINARY
               && rhs->u.binary.op == AST_OP_ADD && rhs->u.binary.lhs->kind == AST_VAR
               && rhs->u.binary.lhs->u.var.name == target->u.var.name)
        tail = rhs->u.binary.rhs;
      if (tail != NULL
          && append_in_place (st, lookup_var (st, target->u.var.name), tail, want, &result))
        return result;
    }
  else
    idx = eval_expr (st, target->u.index.index);
  v = eval_expr (st, rhs);
  if (unwinding (st) || !resolve_lvalue (st, target, &idx, &r))
    {
      value_drop (&idx);
      value_drop (&v);
      return NASL_NULL;
    }
  value_drop (&idx);
  if (op != AST_ASSIGN_SET)
    {
      nasl_value cur = value_ref (r.slot), nv;
      nv = binop (st, assign_binop (op), &cur, &v);
      value_drop (&cur);
      value_drop (&v);
      v = nv;  /* binop runs no script code: 'r' is still valid */
    }
  if (v.type == NASL_TYPE_ARRAY && r.slot->type == NASL_TYPE_ARRAY
      && r.slot->as.a == v.as.a)
    return want ? v : (value_drop (&v), NASL_NULL); /* x = x: nothing to do */
  if (want)
    result = value_ref (&v);
  lref_store (st, &r, copy_for_store (v));
  return result;
}

/* The match of '=~': one byte, 1 when it matches (see regex_exec.h). */
typedef struct rematch_job {
  const regex_t *re;
  const char *subject;
} rematch_job;

static int
rematch_run (void *ud, GByteArray *out)
{
  const rematch_job *j = ud;
  int rc = regexec (j->re, j->subject, 0, NULL, 0);
  guint8 hit = rc != REG_NOMATCH;

  g_byte_array_append (out, &hit, 1);
  return rc == REG_ESPACE ? rc : 0;
}

/* subject =~ "pattern" / !~: on the subject's text up to its first NUL.  A
** match stopped by its limits is NULL (neither true nor false). */
static nasl_value
eval_rematch (nasl_state *st, const ast_node *n)
{
  nasl_value subj = eval_expr (st, n->u.rematch.subject), owned, r = NASL_NULL;
  regex_shape shape = { n->u.rematch.weight, n->u.rematch.backrefs };
  GByteArray *out;
  rematch_job job;
  char buf[32], *why = NULL;
  size_t len;
  int rc;

  if (n->u.rematch.re == NULL)
    {
      value_drop (&subj);
      state_error (st, "nasl_exec: bad regex at or near line %u", n->loc.line);
      return NASL_NULL;
    }
  job.re = n->u.rematch.re;
  job.subject = value_text (&subj, buf, &owned, false, &len);
  out = g_byte_array_new ();
  if (regex_exec_bounded (st, &shape, strlen (job.subject), rematch_run, &job, &rc, out, &why)
      == 0)
    {
      bool hit = out->len == 1 && out->data[0] == 1;
      r = nasl_value_int (n->u.rematch.negate ? !hit : hit);
    }
  else
    {
      state_error (st, "%s \"%s\": %s", n->u.rematch.negate ? "!~" : "=~",
                   n->u.rematch.pattern, why);
      g_free (why);
    }
  g_byte_array_free (out, TRUE);
  value_drop (&owned);
  value_drop (&subj);
  return r;
}

static nasl_value
eval_unary (nasl_state *st, const ast_node *n)
{
  nasl_value v = eval_expr (st, n->u.unary.operand);
  long x;

  if (n->u.unary.op == AST_UOP_NOT)
    {
      x = !nasl_value_truth (&v);
      value_drop (&v);
      return nasl_value_int (x);
    }
  x = value_to_int_arith (&v);
  value_drop (&v);
  if (n->u.unary.op == AST_UOP_NEG)
    return nasl_value_int ((long) (0UL - (unsigned long) x));
  return nasl_value_int (~x);
}

static nasl_value
eval_binary (nasl_state *st, const ast_node *n)
{
  ast_binop op = n->u.binary.op;
  nasl_value a, b, r;

  if (op == AST_OP_AND || op == AST_OP_OR)
    {
      int x;
      a = eval_expr (st, n->u.binary.lhs);
      x = nasl_value_truth (&a);
      value_drop (&a);
      if ((op == AST_OP_AND && !x) || (op == AST_OP_OR && x))
        return nasl_value_int (x);
      b = eval_expr (st, n->u.binary.rhs);
      x = nasl_value_truth (&b);
      value_drop (&b);
      return nasl_value_int (x);
    }
  a = eval_expr (st, n->u.binary.lhs);
  b = eval_expr (st, n->u.binary.rhs);
  if (a.type == NASL_TYPE_INT && b.type == NASL_TYPE_INT)
    {
      /* the common case, without the generic machinery */
      long x = a.as.i, y = b.as.i;
      switch (op)
        {
        case AST_OP_ADD:
          return nasl_value_int ((long) ((unsigned long) x + (unsigned long) y));
        case AST_OP_SUB:
          return nasl_value_int ((long) ((unsigned long) x - (unsigned long) y));
        case AST_OP_LT:
          return nasl_value_int ((long) ((unsigned long) x - (unsigned long) y) < 0);
        case AST_OP_GT:
          return nasl_value_int ((long) ((unsigned long) x - (unsigned long) y) > 0);
        case AST_OP_LE:
          return nasl_value_int ((long) ((unsigned long) x - (unsigned long) y) <= 0);
        case AST_OP_GE:
          return nasl_value_int ((long) ((unsigned long) x - (unsigned long) y) >= 0);
        case AST_OP_EQ:
          return nasl_value_int (x == y);
        case AST_OP_NE:
          return nasl_value_int (x != y);
        default:
          break;
        }
    }
  r = binop (st, op, &a, &b);
  value_drop (&a);
  value_drop (&b);
  return r;
}

static nasl_value
eval_expr (nasl_state *st, const ast_node *n)
{
  if (unwinding (st))
    return NASL_NULL;
  switch (n->kind)
    {
    case AST_INT:
      return nasl_value_int (n->u.integer.value);
    case AST_STRING:
      return nasl_value_string (n->u.str.bytes, n->u.str.len);
    case AST_DATA:
      return nasl_value_data (n->u.str.bytes, n->u.str.len);
    case AST_ARRAY:
      return eval_array_literal (st, n);
    case AST_VAR:
      return eval_var (st, n);
    case AST_INDEX:
      return eval_index (st, n);
    case AST_CALL:
      return eval_call (st, n);
    case AST_ASSIGN:
      return eval_assign (st, n, true);
    case AST_INCDEC:
      return eval_incdec (st, n);
    case AST_UNARY:
      return eval_unary (st, n);
    case AST_BINARY:
      if (stack_exhausted (st))
        {
          state_hard_error (st, "nesting too deep: C stack limit reached");
          return NASL_NULL;
        }
      return eval_binary (st, n);
    case AST_REMATCH:
      return eval_rematch (st, n);
    default:
      state_error (st, "unexpected %s in an expression", ast_kind_name (n->kind));
      return NASL_NULL;
    }
}

/* ======================================================================
** Calls
** ====================================================================== */

static user_func *
find_user_func (const run_state *run, const char *name)
{
  const nasl_ctx *c;

  for (c = run->cur; c != NULL; c = c->up)
    if (c->funcs != NULL)
      {
        user_func *f = g_hash_table_lookup (c->funcs, name);
        if (f != NULL)
          return f;
      }
  return NULL;
}

bool
eval_function_defined (nasl_state *st, const char *name)
{
  const char *in;

  if (name == NULL)
    return false;
  in = state_intern (st, name);
  if (st->run != NULL && find_user_func (st->run, in) != NULL)
    return true;
  return state_find_builtin (st, in) != NULL;
}

#define ARGS_ON_STACK 8

typedef struct arg_buf {
  nasl_value pos_local[ARGS_ON_STACK];
  call_named named_local[ARGS_ON_STACK];
  nasl_value *pos;
  call_named *named;
  size_t npos, nnamed;
} arg_buf;

/* Evaluates the arguments, left to right, in the caller's context. */
static void
eval_args (nasl_state *st, const ast_node *n, arg_buf *ab)
{
  size_t nargs = n->u.call.nargs, i;

  ab->pos = nargs <= ARGS_ON_STACK ? ab->pos_local : g_new (nasl_value, nargs);
  ab->named = nargs <= ARGS_ON_STACK ? ab->named_local : g_new (call_named, nargs);
  ab->npos = ab->nnamed = 0;
  for (i = 0; i < nargs; i++)
    {
      const ast_arg *a = &n->u.call.args[i];
      nasl_value v = eval_expr (st, a->value);
      if (a->name == NULL)
        ab->pos[ab->npos++] = v;
      else
        {
          ab->named[ab->nnamed].name = a->name;
          ab->named[ab->nnamed++].val = v;
        }
    }
}

static void
free_args (arg_buf *ab)
{
  size_t i;

  for (i = 0; i < ab->npos; i++)
    value_drop (&ab->pos[i]);
  for (i = 0; i < ab->nnamed; i++)
    value_drop (&ab->named[i].val);
  if (ab->pos != ab->pos_local)
    g_free (ab->pos);
  if (ab->named != ab->named_local)
    g_free (ab->named);
}

/* The named arguments called like secrets (secrets.h) become secrets of the
** state: masked in every later trace and diagnostic. */
static void
note_secret_args (nasl_state *st, const arg_buf *ab)
{
  size_t i;

  for (i = 0; i < ab->nnamed; i++)
    if (value_is_text (&ab->named[i].val) && secret_arg_name (st, ab->named[i].name))
      secret_note (st, ab->named[i].val.as.s->bytes, ab->named[i].val.as.s->len);
}

/* Appends at most 64 bytes of a value's text, masked before it is cut so no
** part of a secret shows. */
static void
trace_value (nasl_state *st, GString *s, const nasl_value *v)
{
  nasl_value t = nasl_value_to_text (v);
  size_t len;
  char *masked = secret_mask (st, t.as.s->bytes, t.as.s->len, &len);

  if (masked != NULL)
    g_string_append_len (s, masked, (gssize) MIN (len, 64));
  else
    g_string_append_len (s, t.as.s->bytes, (gssize) MIN (t.as.s->len, 64));
  g_free (masked);
  value_drop (&t);
}

static void
trace_call (nasl_state *st, const char *name, const arg_buf *ab)
{
  GString *s = g_string_new (NULL);
  size_t i;

  for (i = 0; i < ab->npos + ab->nnamed; i++)
    {
      const char *aname = i < ab->npos ? NULL : ab->named[i - ab->npos].name;
      if (i > 0)
        g_string_append (s, ", ");
      if (aname == NULL)
        g_string_append_printf (s, "%zu: ", i + 1);
      else
        g_string_append_printf (s, "%s: ", aname);
      if (aname != NULL && secret_arg_name (st, aname))
        g_string_append (s, SECRET_MASK);
      else
        trace_value (st, s, i < ab->npos ? &ab->pos[i] : &ab->named[i - ab->npos].val);
    }
  state_trace (st, "NASL> Call %s(%s)\n", name, s->str);
  g_string_free (s, TRUE);
}

/*
** A user-function call: a new context whose parent is the caller's; named
** arguments become its variables, positional ones _FCT_ANON_ARGS; every
** argument is copied with NASL semantics.  The arguments are consumed.
*/
static nasl_value
call_user (nasl_state *st, const user_func *f, arg_buf *ab)
{
  run_state *run = RUN (st);
  nasl_ctx *c, *saved = run->cur;
  const char *saved_file = run->file;
  int saved_line = run->line;
  nasl_value ret = NASL_NULL;
  size_t i;
  flow fl;

  if (run->depth >= st->max_call_depth)
    {
      state_hard_error (st, "maximum call depth (%u) exceeded in '%s'", st->max_call_depth,
                        f->name);
      free_args (ab);
      return NASL_NULL;
    }
  c = ctx_new (saved, true, f->name);
  for (i = 0; i < ab->nnamed; i++)
    {
      if (ctx_find (c, ab->named[i].name) != NULL)
        {
          state_error (st, "Cannot add existing variable %s", ab->named[i].name);
          ctx_free (c);
          free_args (ab);
          return NASL_NULL;
        }
      ctx_add (c, ab->named[i].name)->val = copy_for_store (ab->named[i].val);
      ab->named[i].val = NASL_NULL;
    }
  if (ab->npos > 0)
    {
      c->anon = g_new (nasl_value, ab->npos);
      c->nanon = ab->npos;
      for (i = 0; i < ab->npos; i++)
        {
          c->anon[i] = copy_for_store (ab->pos[i]);
          ab->pos[i] = NASL_NULL;
        }
    }
  free_args (ab);
  run->cur = c;
  run->depth++;
  fl = exec_stmt (st, f->def->u.func.body);
  run->depth--;
  run->cur = saved;
  if (fl == FLOW_RETURN)
    {
      ret = run->retval;
      run->retval = NASL_NULL;
    }
  ctx_free (c);
  run->file = saved_file;
  run->line = saved_line;
  if (st->trace != NULL)
    state_trace (st, "NASL> Return %s: %s\n", f->name, nasl_type_name (ret.type));
  return ret;
}

static nasl_value
eval_call (nasl_state *st, const ast_node *n)
{
  run_state *run = RUN (st);
  const char *name = n->u.call.name;
  const user_func *uf = find_user_func (run, name);
  const builtin_desc *bd = NULL;
  arg_buf ab;
  nasl_value r;
  nasl_call call;

  if (uf == NULL && (bd = state_find_builtin (st, name)) == NULL)
    {
      state_error (st, "Undefined function '%s'", name);
      return NASL_NULL;
    }
  if (!check_limits (st))
    return NASL_NULL;
  eval_args (st, n, &ab);
  set_pos (st, n);
  if (unwinding (st))
    {
      free_args (&ab);
      return NASL_NULL;
    }
  if (ab.nnamed > 0)
    note_secret_args (st, &ab);
  if (st->trace != NULL)
    trace_call (st, name, &ab);
  if (uf != NULL)
    return call_user (st, uf, &ab);
  call.st = st;
  call.fn = bd;
  call.pos = ab.pos;
  call.npos = ab.npos;
  call.named = ab.named;
  call.nnamed = ab.nnamed;
  call.temps = NULL;
  r = call_builtin (&call);
  free_args (&ab);
  if (run->deadline != 0)
    state_check_deadline (st); /* a builtin may have taken long */
  if (value_is_text (&r) && !string_size_ok (st, r.as.s->len))
    value_drop (&r); /* the string limit holds for builtins' results too */
  if (unwinding (st) && RUN (st)->unwind == UNWIND_ERROR)
    value_drop (&r);
  return r;
}

/* ======================================================================
** Statements
** ====================================================================== */

static flow
exec_block (nasl_state *st, const ast_node *n)
{
  size_t i;
  flow f;

  for (i = 0; i < n->u.block.n; i++)
    if ((f = exec_stmt (st, n->u.block.stmts[i])) != FLOW_NORMAL)
      return f;
  return FLOW_NORMAL;
}

/* Condition of for/while: NULL ends the loop (OpenVAS returns at once). */
static int
loop_condition (nasl_state *st, const ast_node *cond)
{
  nasl_value v = eval_expr (st, cond);
  int r = v.type == NASL_TYPE_NULL ? 0 : nasl_value_truth (&v);

  value_drop (&v);
  return r;
}

/* Runs a loop body: returns true when the loop must stop, with '*out' the
** flow to propagate (NORMAL after a break). */
static bool
loop_body (nasl_state *st, const ast_node *body, flow *out)
{
  flow f;

  *out = FLOW_NORMAL;
  /* every turn counts, even of a loop with an empty body */
  if (!count_step (st))
    {
      *out = FLOW_UNWIND;
      return true;
    }
  f = exec_stmt (st, body);
  if (f == FLOW_BREAK)
    return true;
  if (f == FLOW_RETURN || f == FLOW_UNWIND)
    {
      *out = f;
      return true;
    }
  return unwinding (st) ? (*out = FLOW_UNWIND, true) : false;
}

static void
discard (nasl_state *st, const ast_node *n)
{
  nasl_value v;

  if (n == NULL)
    return;
  if (n->kind == AST_ASSIGN)
    v = eval_assign (st, n, false);
  else
    v = eval_expr (st, n);
  value_drop (&v);
}

static flow
exec_for (nasl_state *st, const ast_node *n)
{
  flow out;

  discard (st, n->u.for_.init);
  for (;;)
    {
      if (unwinding (st))
        return FLOW_UNWIND;
      if (!loop_condition (st, n->u.for_.cond))
        break;
      if (loop_body (st, n->u.for_.body, &out))
        return out;
      discard (st, n->u.for_.step);
    }
  return unwinding (st) ? FLOW_UNWIND : FLOW_NORMAL;
}

static flow
exec_while (nasl_state *st, const ast_node *n)
{
  flow out;

  for (;;)
    {
      if (unwinding (st))
        return FLOW_UNWIND;
      if (!loop_condition (st, n->u.while_.cond))
        break;
      if (loop_body (st, n->u.while_.body, &out))
        return out;
    }
  return unwinding (st) ? FLOW_UNWIND : FLOW_NORMAL;
}

static flow
exec_repeat (nasl_state *st, const ast_node *n)
{
  flow out;
  nasl_value v;
  int stop;

  for (;;)
    {
      if (loop_body (st, n->u.repeat.body, &out))
        return out;
      v = eval_expr (st, n->u.repeat.until);
      stop = nasl_value_truth (&v);
      value_drop (&v);
      if (unwinding (st))
        return FLOW_UNWIND;
      if (stop)
        return FLOW_NORMAL;
    }
}

/* foreach: each VALUE of a snapshot of the array, in copy order. */
static flow
exec_foreach (nasl_state *st, const ast_node *n)
{
  nasl_var *var = lookup_var (st, n->u.foreach.var);
  nasl_value list = eval_expr (st, n->u.foreach.list);
  const nasl_value *elem;
  array_iter it;
  flow out = FLOW_NORMAL;

  if (list.type != NASL_TYPE_ARRAY)
    {
      if (list.type != NASL_TYPE_NULL)
        state_error (st, "nasl_array_iterator: unhandled type %s",
                     nasl_type_name (list.type));
      value_drop (&list);
      return unwinding (st) ? FLOW_UNWIND : FLOW_NORMAL;
    }
  array_iter_init (&it, list.as.a, true);
  while ((elem = array_iter_next (&it, NULL)) != NULL)
    {
      nasl_value old = var->val;
      var->val = copy_for_store (value_ref (elem));
      value_drop (&old);
      if (loop_body (st, n->u.foreach.body, &out))
        break;
    }
  value_drop (&list);
  return out;
}

static flow
exec_repeat_call (nasl_state *st, const ast_node *n)
{
  nasl_value cnt = eval_expr (st, n->u.repeat_call.count);
  long times = value_to_int_arith (&cnt), i;

  value_drop (&cnt);
  for (i = 0; i < times && !unwinding (st); i++)
    discard (st, n->u.repeat_call.call);
  return unwinding (st) ? FLOW_UNWIND : FLOW_NORMAL;
}

static flow
exec_return (nasl_state *st, const ast_node *n)
{
  run_state *run = RUN (st);
  nasl_value v = NASL_NULL;

  if (n->u.ret.value != NULL)
    {
      v = eval_expr (st, n->u.ret.value);
      /* a variable's array is copied (copy_ref_array); a temporary is not */
      if (v.type == NASL_TYPE_ARRAY
          && (n->u.ret.value->kind == AST_VAR || n->u.ret.value->kind == AST_INDEX))
        v.as.a = array_logical_copy (v.as.a);
    }
  if (unwinding (st))
    {
      value_drop (&v);
      return FLOW_UNWIND;
    }
  value_drop (&run->retval);
  run->retval = v;
  return FLOW_RETURN;
}

static void
exec_decl (nasl_state *st, const ast_node *n, bool global)
{
  run_state *run = RUN (st);
  nasl_ctx *c = global ? top_ctx (run) : run->cur;
  size_t i;

  for (i = 0; i < n->u.decl.n; i++)
    if (ctx_find (c, n->u.decl.names[i]) == NULL)
      ctx_add (c, n->u.decl.names[i]);
}

static void
exec_funcdef (nasl_state *st, const ast_node *n)
{
  run_state *run = RUN (st);
  const char *name = n->u.func.name;
  user_func *f;

  if (find_user_func (run, name) != NULL || state_find_builtin (st, name) != NULL)
    {
      state_error (st, "insert_nasl_func: function '%s' is already defined", name);
      return;
    }
  if (run->cur->funcs == NULL)
    run->cur->funcs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  f = g_new (user_func, 1);
  f->name = name;
  f->def = n;
  g_hash_table_insert (run->cur->funcs, (gpointer) name, f);
}

static void
trace_stmt (nasl_state *st, const ast_node *n)
{
  switch (n->kind)
    {
    case AST_CALL:
      state_trace (st, "NASL:%04u> %s(...)\n", n->loc.line, n->u.call.name);
      break;
    case AST_BLOCK:
    case AST_EMPTY:
    case AST_FUNCDEF:
      break;
    default:
      state_trace (st, "NASL:%04u> %s\n", n->loc.line, ast_kind_name (n->kind));
      break;
    }
}

static flow
exec_stmt (nasl_state *st, const ast_node *n)
{
  nasl_value v;
  flow f = FLOW_NORMAL;

  if (unwinding (st))
    return FLOW_UNWIND;
  if (n->kind != AST_BLOCK)
    {
      set_pos (st, n);
      if (!check_limits (st))
        return FLOW_UNWIND;
      if (st->trace != NULL)
        trace_stmt (st, n);
    }
  switch (n->kind)
    {
    case AST_BLOCK:
      f = exec_block (st, n);
      break;
    case AST_IF:
      v = eval_expr (st, n->u.if_.cond);
      if (nasl_value_truth (&v))
        f = exec_stmt (st, n->u.if_.then_branch);
      else if (n->u.if_.else_branch != NULL)
        f = exec_stmt (st, n->u.if_.else_branch);
      value_drop (&v);
      break;
    case AST_FOR:
      f = exec_for (st, n);
      break;
    case AST_WHILE:
      f = exec_while (st, n);
      break;
    case AST_REPEAT:
      f = exec_repeat (st, n);
      break;
    case AST_FOREACH:
      f = exec_foreach (st, n);
      break;
    case AST_REPEAT_CALL:
      f = exec_repeat_call (st, n);
      break;
    case AST_RETURN:
      return exec_return (st, n);
    case AST_BREAK:
      return FLOW_BREAK;
    case AST_CONTINUE:
      return FLOW_CONTINUE;
    case AST_LOCAL:
      exec_decl (st, n, false);
      break;
    case AST_GLOBAL:
      exec_decl (st, n, true);
      break;
    case AST_FUNCDEF:
      exec_funcdef (st, n);
      break;
    case AST_INCLUDE:
      if (n->u.include.program != NULL)
        f = exec_stmt (st, n->u.include.program->body);
      break;
    case AST_EMPTY:
      break;
    default:
      discard (st, n);
      break;
    }
  if (f == FLOW_NORMAL && unwinding (st))
    return FLOW_UNWIND;
  return f;
}

/* ======================================================================
** Runs
** ====================================================================== */

static void
define_top (nasl_state *st, nasl_ctx *top, const char *name, nasl_value v)
{
  nasl_var *var = ctx_add (top, state_intern (st, name));

  var->val = v;
}

static void
run_on_exit (nasl_state *st)
{
  run_state *run = RUN (st);
  const user_func *f;
  arg_buf ab;
  nasl_value v;

  run->cur = run->top;
  f = find_user_func (run, state_intern (st, "on_exit"));
  if (f == NULL)
    return;
  run->unwind = UNWIND_NONE;
  memset (&ab, 0, sizeof ab);
  ab.pos = ab.pos_local;
  ab.named = ab.named_local;
  v = call_user (st, f, &ab);
  value_drop (&v);
}

nasl_status
eval_run_program (nasl_state *st, const ast_program *prog, const char *path, int mode)
{
  run_state run;
  const char *base;
  nasl_status status;

  memset (&run, 0, sizeof run);
  run.script_path = path;
  base = strrchr (path, '/');
  run.script_name = g_strdup (base != NULL ? base + 1 : path);
  run.mode = mode;
  run.predef = predef_table (st);
  run.file = prog->file;
  init_stack_guard (&run);
  run.rss_start = st->max_memory != 0 ? state_resident_bytes () : 0;
  run.timeout = state_script_timeout (st, path);
  if (run.timeout > 0)
    run.deadline = g_get_monotonic_time () + (gint64) run.timeout * G_USEC_PER_SEC;
  st->last_timed_out = 0;
  st->run = &run;

  run.top = run.cur = ctx_new (NULL, false, NULL);
  {
    GHashTableIter it;
    gpointer k, idx;
    g_hash_table_iter_init (&it, run.predef);
    while (g_hash_table_iter_next (&it, &k, &idx))
      ctx_add (run.top, k)->val = predef_value (GPOINTER_TO_INT (idx));
  }
  define_top (st, run.top, "COMMAND_LINE", nasl_value_int (1));
  define_top (st, run.top, "description", nasl_value_int ((mode & NASL_RUN_DESCRIPTION) != 0));
  define_top (st, run.top, "SCRIPT_NAME", nasl_value_data_cstr (run.script_name));

  exec_stmt (st, prog->body);
  value_drop (&run.retval);
  if (run.unwind != UNWIND_ERROR)
    run_on_exit (st);
  value_drop (&run.retval);
  status = run.unwind == UNWIND_ERROR ? NASL_ERR_RUN : NASL_OK;
  st->last_timed_out = run.timed_out;

  ctx_free (run.top);
  g_hash_table_destroy (run.predef);
  g_free (run.script_name);
  st->run = NULL;
  return status;
}

/* ======================================================================
** Lint: calls to functions defined nowhere
** ====================================================================== */

typedef struct lint_ctx {
  nasl_state *st;
  GHashTable *defined;    /* interned names of user functions */
  GHashTable *seen_progs;
  unsigned problems;
  bool collect;           /* pass 1: collect definitions; pass 2: check calls */
} lint_ctx;

static void lint_node (lint_ctx *lc, const ast_node *n);

static void
lint_children (lint_ctx *lc, const ast_node *n)
{
  size_t i;

  switch (n->kind)
    {
    case AST_ARRAY:
      for (i = 0; i < n->u.array.n; i++)
        lint_node (lc, n->u.array.elems[i].value);
      break;
    case AST_INDEX:
      lint_node (lc, n->u.index.index);
      break;
    case AST_CALL:
      for (i = 0; i < n->u.call.nargs; i++)
        lint_node (lc, n->u.call.args[i].value);
      break;
    case AST_ASSIGN:
      lint_node (lc, n->u.assign.target);
      lint_node (lc, n->u.assign.value);
      break;
    case AST_INCDEC:
      lint_node (lc, n->u.incdec.target);
      break;
    case AST_UNARY:
      lint_node (lc, n->u.unary.operand);
      break;
    case AST_BINARY:
      lint_node (lc, n->u.binary.lhs);
      lint_node (lc, n->u.binary.rhs);
      break;
    case AST_REMATCH:
      lint_node (lc, n->u.rematch.subject);
      break;
    case AST_BLOCK:
      for (i = 0; i < n->u.block.n; i++)
        lint_node (lc, n->u.block.stmts[i]);
      break;
    case AST_IF:
      lint_node (lc, n->u.if_.cond);
      lint_node (lc, n->u.if_.then_branch);
      lint_node (lc, n->u.if_.else_branch);
      break;
    case AST_FOR:
      lint_node (lc, n->u.for_.init);
      lint_node (lc, n->u.for_.cond);
      lint_node (lc, n->u.for_.step);
      lint_node (lc, n->u.for_.body);
      break;
    case AST_WHILE:
      lint_node (lc, n->u.while_.cond);
      lint_node (lc, n->u.while_.body);
      break;
    case AST_REPEAT:
      lint_node (lc, n->u.repeat.body);
      lint_node (lc, n->u.repeat.until);
      break;
    case AST_FOREACH:
      lint_node (lc, n->u.foreach.list);
      lint_node (lc, n->u.foreach.body);
      break;
    case AST_REPEAT_CALL:
      lint_node (lc, n->u.repeat_call.call);
      lint_node (lc, n->u.repeat_call.count);
      break;
    case AST_RETURN:
      lint_node (lc, n->u.ret.value);
      break;
    case AST_FUNCDEF:
      lint_node (lc, n->u.func.body);
      break;
    case AST_INCLUDE:
      if (n->u.include.program != NULL
          && !g_hash_table_contains (lc->seen_progs, n->u.include.program))
        {
          g_hash_table_add (lc->seen_progs, (gpointer) n->u.include.program);
          lint_node (lc, n->u.include.program->body);
        }
      break;
    default:
      break;
    }
}

static void
lint_node (lint_ctx *lc, const ast_node *n)
{
  if (n == NULL)
    return;
  if (lc->collect && n->kind == AST_FUNCDEF)
    g_hash_table_add (lc->defined, (gpointer) n->u.func.name);
  if (!lc->collect && n->kind == AST_CALL
      && !g_hash_table_contains (lc->defined, n->u.call.name)
      && state_find_builtin (lc->st, n->u.call.name) == NULL)
    {
      nasl_state_diag (lc->st, n->loc.file, (int) n->loc.line, "undefined function '%s'",
                       n->u.call.name);
      lc->problems++;
    }
  lint_children (lc, n);
}

unsigned
eval_lint_program (nasl_state *st, const ast_program *prog)
{
  lint_ctx lc;

  lc.st = st;
  lc.defined = g_hash_table_new (g_direct_hash, g_direct_equal);
  lc.seen_progs = g_hash_table_new (g_direct_hash, g_direct_equal);
  lc.problems = 0;
  lc.collect = true;
  lint_node (&lc, prog->body);
  g_hash_table_remove_all (lc.seen_progs);
  lc.collect = false;
  lint_node (&lc, prog->body);
  g_hash_table_destroy (lc.defined);
  g_hash_table_destroy (lc.seen_progs);
  return lc.problems;
}

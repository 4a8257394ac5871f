/* SPDX-License-Identifier: GPL-2.0-or-later */
/* regex_guard.c: refuses POSIX patterns whose compiled form glibc would blow up. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "regex_guard.h"

/*
** glibc's regcomp() builds its automaton by copying the tree of a repeated
** atom once per repetition: 'a{100}' holds 100 copies, '(a{100}){100}'
** 10,000, and every further '+' in 'a++++...' doubles the tree again (each
** '+' is rewritten as "x x*").  A hostile script or policy can thereby make
** regcomp() allocate gigabytes.  We estimate the size of that tree (the
** "weight": one per atom, multiplied by each repetition around it) in one
** pass and refuse what is beyond REGEX_GUARD_MAX_WEIGHT, before regcomp()
** ever sees it.  Ordinary patterns weigh tens or hundreds.
*/

#define GUARD_MAX_NESTING 256
#define GUARD_SATURATE 1000000000L

typedef struct guard_frame {
  long sum;    /* weight of everything so far in this group */
  long last;   /* weight of the last atom (what a quantifier repeats) */
  int stacked; /* quantifiers applied to that atom so far */
} guard_frame;

/* glibc's epsilon closures grow with the square of a run of optional
** copies: "x{1,9000}" takes seconds to compile, and so do a dozen stacked
** quantifiers ("b++++++*+++++++"), though their weight is modest.  No
** sensible pattern needs more than a few quantifiers on one atom or
** thousands of optional copies of it. */
#define GUARD_MAX_STACKED 3
#define GUARD_MAX_OPTIONAL 3000L

static long
guard_mul (long a, long b)
{
  if (a > GUARD_SATURATE / (b ? b : 1))
    return GUARD_SATURATE;
  return a * b;
}

/* Applies a quantifier that makes 'factor' copies of the last atom. */
static void
guard_repeat (guard_frame *f, long factor)
{
  long grown = guard_mul (f->last, factor);
  f->sum += grown - f->last;
  if (f->sum > GUARD_SATURATE)
    f->sum = GUARD_SATURATE;
  f->last = grown;
}

static void
guard_atom (guard_frame *f, long weight)
{
  f->stacked = 0;
  f->last = weight;
  f->sum += weight;
  if (f->sum > GUARD_SATURATE)
    f->sum = GUARD_SATURATE;
}

/* Skips a bracket expression starting at '[': returns the index after ']'. */
static size_t
guard_skip_bracket (const char *p, size_t i)
{
  i++;
  if (p[i] == '^')
    i++;
  if (p[i] == ']')
    i++;
  while (p[i] && p[i] != ']')
    {
      if (p[i] == '[' && (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '='))
        {
          char kind = p[i + 1];
          i += 2;
          while (p[i] && !(p[i] == kind && p[i + 1] == ']'))
            i++;
          if (p[i])
            i += 2;
          continue;
        }
      i++;
    }
  return p[i] ? i + 1 : i;
}

/* Reads "{n}", "{n,}" or "{n,m}" at p[i]; returns the index after '}', the
** number of copies glibc makes and how many of them are optional, or i (no
** interval) when it is not one. */
static size_t
guard_interval (const char *p, size_t i, long *copies, long *optional)
{
  char *end;
  long n = strtol (p + i + 1, &end, 10), m = n;
  if (end == p + i + 1)
    return i;
  /* strtol saturates at LONG_MAX: keep every count far from overflowing */
  n = n > GUARD_SATURATE ? GUARD_SATURATE : n;
  m = n;
  if (*end == ',')
    {
      char *mend;
      m = strtol (end + 1, &mend, 10);
      if (mend == end + 1)
        m = n + 1; /* "{n,}": n copies and a star */
      end = mend;
    }
  if (*end != '}')
    return i;
  if (n < 0 || m < 0)
    return i;
  m = m > GUARD_SATURATE ? GUARD_SATURATE : m;
  *copies = (m > n ? m : n) + 1;
  *optional = m > n ? m - n : 0;
  return (size_t) (end - p) + 1;
}

/* A quantifier that makes 'optional' optional copies of the last atom is
** acceptable (see GUARD_MAX_STACKED, GUARD_MAX_OPTIONAL)? */
static bool
guard_quantifier_ok (guard_frame *f, long optional, const char **why)
{
  if (++f->stacked > GUARD_MAX_STACKED)
    {
      *why = "too many quantifiers on one atom (its automaton would take too long to build)";
      return false;
    }
  if (guard_mul (f->last, optional) > GUARD_MAX_OPTIONAL)
    {
      *why = "too many optional repetitions (its automaton would take too long to build)";
      return false;
    }
  return true;
}

int
regex_guard_scan (const char *pattern, regex_shape *shape, const char **why)
{
  guard_frame stack[GUARD_MAX_NESTING + 1] = { { 0, 0, 0 } };
  int depth = 0, backrefs = 0;
  const char *p = pattern;
  size_t i = 0;

  while (p[i])
    {
      guard_frame *f = &stack[depth];
      long copies = 0, optional = 0;
      size_t after;
      switch (p[i])
        {
        case '\\':
          if (p[i + 1] >= '1' && p[i + 1] <= '9')
            backrefs = 1;
          guard_atom (f, 1);
          i += p[i + 1] ? 2 : 1;
          continue;
        case '[':
          guard_atom (f, 1);
          i = guard_skip_bracket (p, i);
          continue;
        case '(':
          if (depth == GUARD_MAX_NESTING)
            {
              *why = "too many nested groups";
              return -1;
            }
          stack[++depth] = (guard_frame){ 0, 0, 0 };
          i++;
          continue;
        case ')':
          if (depth > 0)
            {
              long inner = stack[depth].sum + 1;
              depth--;
              guard_atom (&stack[depth], inner);
            }
          else
            guard_atom (f, 1);
          i++;
          continue;
        case '*':
        case '+':
        case '?':
          if (!guard_quantifier_ok (f, 1, why))
            return -1;
          guard_repeat (f, 2);
          i++;
          break;
        case '{':
          after = guard_interval (p, i, &copies, &optional);
          if (after == i)
            {
              guard_atom (f, 1);
              i++;
              continue;
            }
          if (!guard_quantifier_ok (f, optional, why))
            return -1;
          guard_repeat (f, copies);
          i = after;
          break;
        default:
          guard_atom (f, 1);
          i++;
          continue;
        }
      if (f->sum > REGEX_GUARD_MAX_WEIGHT)
        {
          *why = "the pattern repeats too much (its automaton would be too large)";
          return -1;
        }
    }
  long total = 0;
  for (int d = depth; d >= 0; d--)
    total += stack[d].sum;
  if (total > REGEX_GUARD_MAX_WEIGHT)
    {
      *why = "the pattern repeats too much (its automaton would be too large)";
      return -1;
    }
  if (shape != NULL)
    {
      shape->weight = total > 0 ? total : 1;
      shape->backrefs = backrefs;
    }
  return 0;
}

int
regex_guard_check (const char *pattern, const char **why)
{
  return regex_guard_scan (pattern, NULL, why);
}

int
regex_guard_in_process (const regex_shape *shape, size_t len)
{
  double n = (double) len + 1;

  if (shape->backrefs)
    return 0;
  return n * n * (double) shape->weight <= REGEX_GUARD_IN_PROCESS_COST;
}

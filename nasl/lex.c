/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lex.c: NASL tokenizer reproducing OpenVAS's hand-written lexer byte for byte. */
#include "lex.h"

#include <limits.h>
#include <string.h>

/* ORDER TOKEN */
static const char *const tok_names[TK_COUNT] = {
  "end of input", "invalid byte", "identifier", "integer", "string", "data",
  "'if'", "'else'", "'for'", "'while'", "'repeat'", "'until'", "'foreach'",
  "'function'", "'return'", "'x'", "'include'", "'break'", "'continue'",
  "'local_var'", "'global_var'",
  "'+'", "'++'", "'+='",
  "'-'", "'--'", "'-='",
  "'*'", "'**'", "'*='",
  "'/'", "'/='",
  "'%'", "'%='",
  "'='", "'=='", "'=~'", "'=>'",
  "'!'", "'!='", "'!~'",
  "'<'", "'<='", "'<<'", "'<<='",
  "'>'", "'>='", "'><'", "'>!<'",
  "'>>'", "'>>='", "'>>>'", "'>>>='",
  "'&'", "'&&'", "'|'", "'||'",
  "'^'", "'~'",
  "'('", "')'", "'['", "']'", "'{'", "'}'",
  "','", "';'", "':'", "'.'",
  "character",
};

/* Reserved words (OpenVAS mylex, ST_IDENT); 'x' is the repeat keyword. */
#define KW(w, t) { w, sizeof w - 1, t }
static const struct {
  const char *word;
  size_t len;
  lex_tok tok;
} keywords[] = {
  KW ("if", TK_IF),           KW ("else", TK_ELSE),       KW ("for", TK_FOR),
  KW ("while", TK_WHILE),     KW ("repeat", TK_REPEAT),   KW ("until", TK_UNTIL),
  KW ("foreach", TK_FOREACH), KW ("function", TK_FUNCTION), KW ("return", TK_RETURN),
  KW ("x", TK_X),             KW ("include", TK_INCLUDE), KW ("break", TK_BREAK),
  KW ("continue", TK_CONTINUE), KW ("local_var", TK_LOCAL), KW ("global_var", TK_GLOBAL),
};
#undef KW

const char *
lex_tok_name (lex_tok k)
{
  return (unsigned) k < TK_COUNT ? tok_names[k] : "?";
}

/* C-locale character classes, independent of the process locale. */
static bool
is_space (int c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

static bool
is_alpha (int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

void
lex_init (lexer *lx, const char *src, size_t len, lex_warn_fn warn, void *warn_ud)
{
  memset (lx, 0, sizeof *lx);
  lx->src = src;
  lx->len = len;
  lx->line = 1;
  lx->col = 1;
  lx->scratch = g_string_sized_new (64);
  lx->warn = warn;
  lx->warn_ud = warn_ud;
}

void
lex_free (lexer *lx)
{
  if (lx->scratch)
    g_string_free (lx->scratch, TRUE);
  lx->scratch = NULL;
}

/* Next byte without consuming it, or -1 at the end. */
static int
peek (const lexer *lx)
{
  return lx->pos < lx->len ? (unsigned char) lx->src[lx->pos] : -1;
}

/* Consumes one byte, keeping line and column up to date. */
static int
advance (lexer *lx)
{
  int c = peek (lx);

  if (c < 0)
    return c;
  lx->pos++;
  if (c == '\n')
    {
      lx->line++;
      lx->col = 1;
    }
  else
    lx->col++;
  return c;
}

/* Consumes 'c' if it is next. */
static bool
accept (lexer *lx, int c)
{
  if (peek (lx) != c)
    return false;
  advance (lx);
  return true;
}

static void
warn_at (lexer *lx, uint32_t line, uint32_t col, const char *msg)
{
  if (lx->warn)
    lx->warn (lx->warn_ud, line, col, msg);
}

/*
** NUL bytes, as OpenVAS's lexer reads them: a NUL where a token would start
** (between tokens, in a comment) ends the input; a NUL inside a name, a
** number or a string ends that token, is consumed, and lexing goes on
** after it ("abc<NUL>; x" is the string "abc", then ';' and 'x').
*/
static void
end_token_at_nul (lexer *lx)
{
  if (peek (lx) == 0)
    advance (lx);
}

/* Skips whitespace and '#' comments (a comment ends at a NUL too). */
static void
skip_blanks (lexer *lx)
{
  for (;;)
    {
      int c = peek (lx);

      if (c > 0 && is_space (c))
        advance (lx);
      else if (c == '#')
        {
          /* to the line break or a NUL: no line break inside, so only
          ** the column moves */
          size_t end = lx->pos;

          while (end < lx->len && lx->src[end] != '\n' && lx->src[end] != '\0')
            end++;
          lx->col += (uint32_t) (end - lx->pos);
          lx->pos = end;
        }
      else
        return;
    }
}

/* Accumulates one digit like strtoul: past ULONG_MAX the value saturates. */
static unsigned long
add_digit (unsigned long acc, unsigned base, unsigned digit)
{
  if (acc > (ULONG_MAX - digit) / base)
    return ULONG_MAX;
  return acc * base + digit;
}

/*
** Integer literal starting at the current byte (a digit).  OpenVAS rules:
** [1-9][0-9]* is decimal; 0 followed by digits is octal unless an 8 or 9
** shows up, then the digits after the leading 0 are read as decimal;
** 0x/0X + hex digits is hex; "0x" alone is 0 with a warning (the byte after
** 'x' is lexed again).  The unsigned value is stored into a long (wraps).
*/
static void
lex_number (lexer *lx, lex_token *tok)
{
  unsigned long acc = 0;
  int c = advance (lx);

  tok->kind = TK_INT;
  if (c != '0')
    {
      acc = (unsigned) (c - '0');
      while (is_digit (peek (lx)))
        acc = add_digit (acc, 10, (unsigned) (advance (lx) - '0'));
    }
  else if (peek (lx) == 'x' || peek (lx) == 'X')
    {
      advance (lx);
      if (hex_value (peek (lx)) < 0)
        warn_at (lx, tok->line, tok->col, "invalid token 0x parsed as 0");
      while (hex_value (peek (lx)) >= 0)
        acc = add_digit (acc, 16, (unsigned) hex_value (advance (lx)));
    }
  else if (is_digit (peek (lx)))
    {
      /* Octal, unless an 8 or 9 turns it into decimal: remember the
      ** digits' span and convert at the end. */
      size_t start = lx->pos;
      unsigned base = 8;

      while (is_digit (peek (lx)))
        {
          if (advance (lx) >= '8')
            base = 10;
        }
      for (size_t i = start; i < lx->pos; i++)
        acc = add_digit (acc, base, (unsigned) (lx->src[i] - '0'));
    }
  tok->ival = (long) acc;
  end_token_at_nul (lx);
}

/* "..." : every byte up to the next '"' (or NUL) is kept; an unterminated
** string runs to the end of the input. */
static void
lex_string (lexer *lx, lex_token *tok)
{
  size_t start;

  advance (lx);  /* the opening quote */
  start = lx->pos;
  while (peek (lx) > 0 && peek (lx) != '"')
    advance (lx);
  g_string_append_len (lx->scratch, lx->src + start, (gssize) (lx->pos - start));
  if (!accept (lx, '"'))
    end_token_at_nul (lx);
  tok->kind = TK_STRING;
}

/*
** Handles one escape in '...' after the backslash (at 'line':'col').  Returns false when the
** escape ends the token: at the end of input, or for an unknown escape
** (OpenVAS then lexes the byte after the backslash again as code).
*/
static bool
lex_escape (lexer *lx, uint32_t line, uint32_t col)
{
  int c = peek (lx);
  char out;

  switch (c)
    {
    case 0:
      advance (lx);
      /* fall through */
    case -1:
      warn_at (lx, line, col, "unfinished string");
      return false;
    case '\n':
      advance (lx);  /* line continuation */
      return true;
    case '\\': out = '\\'; break;
    case 'n': out = '\n'; break;
    case 'f': out = '\f'; break;
    case 't': out = '\t'; break;
    case 'r': out = '\r'; break;
    case 'v': out = '\v'; break;
    case '"': out = '"'; break;
    case '\'': out = '\''; break;
    case '0': out = '\0'; break;
    case 'x':
      {
        unsigned x = 0;

        advance (lx);
        for (int i = 0; i < 2; i++)
          {
            int h = peek (lx);

            if (h <= 0)
              {
                if (h == 0)
                  advance (lx);
                warn_at (lx, line, col, "unfinished \\x escape sequence (EOF)");
                return false;
              }
            if (hex_value (h) < 0)
              {
                warn_at (lx, line, col, "unfinished \\x escape sequence");
                break;
              }
            x = x * 16 + (unsigned) hex_value (advance (lx));
          }
        g_string_append_c (lx->scratch, (char) x);
        return true;
      }
    default:
      {
        char msg[64];

        g_snprintf (msg, sizeof msg, "unknown escape sequence \\%c ends the string",
                    c >= 0x20 && c < 0x7f ? c : '.');
        warn_at (lx, line, col, msg);
        return false;
      }
    }
  advance (lx);
  g_string_append_c (lx->scratch, out);
  return true;
}

/* '...' with escapes; see lex_escape for how an escape can end it early. */
static void
lex_data (lexer *lx, lex_token *tok)
{
  int c;

  advance (lx);  /* the opening quote */
  tok->kind = TK_DATA;
  while ((c = peek (lx)) >= 0)
    {
      uint32_t line = lx->line, col = lx->col;  /* of a backslash, for warnings */

      advance (lx);
      if (c == '\'' || c == 0)
        return;
      if (c != '\\')
        g_string_append_c (lx->scratch, (char) c);
      else if (!lex_escape (lx, line, col))
        return;
    }
}

static void
lex_word (lexer *lx, lex_token *tok)
{
  size_t start = lx->pos, len;
  int c;

  /* a name holds no line break: only the column moves */
  while ((c = peek (lx)) >= 0 && (is_alpha (c) || is_digit (c) || c == '_'))
    lx->pos++;
  len = lx->pos - start;
  lx->col += (uint32_t) len;
  g_string_append_len (lx->scratch, lx->src + start, (gssize) len);
  end_token_at_nul (lx);
  tok->kind = TK_IDENT;
  for (size_t i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (keywords[i].len == len && keywords[i].word[0] == lx->scratch->str[0]
        && memcmp (lx->scratch->str, keywords[i].word, len) == 0)
      {
        tok->kind = keywords[i].tok;
        break;
      }
}

/* '>' and everything that starts with it: >= >< >!< >> >>= >>> >>>= */
static lex_tok
lex_greater (lexer *lx, const lex_token *tok)
{
  if (accept (lx, '='))
    return TK_GE;
  if (accept (lx, '<'))
    return TK_MATCH;
  if (accept (lx, '!'))
    {
      int c = peek (lx);
      char msg[64];

      if (accept (lx, '<'))
        return TK_NOMATCH;
      /* OpenVAS: any other byte still makes '>!<', and is lexed again. */
      g_snprintf (msg, sizeof msg, "invalid token >!%c parsed as >!<",
                  c >= 0x20 && c < 0x7f ? c : '.');
      warn_at (lx, tok->line, tok->col, msg);
      return TK_NOMATCH;
    }
  if (accept (lx, '>'))
    {
      if (accept (lx, '='))
        return TK_SHREQ;
      if (accept (lx, '>'))
        return accept (lx, '=') ? TK_USHREQ : TK_USHR;
      return TK_SHR;
    }
  return TK_GT;
}

/* Operators and punctuation, maximal munch. */
static lex_tok
lex_operator (lexer *lx, const lex_token *tok, int c)
{
  switch (c)
    {
    case '+':
      return accept (lx, '+') ? TK_PLUSPLUS : accept (lx, '=') ? TK_PLUSEQ : TK_PLUS;
    case '-':
      return accept (lx, '-') ? TK_MINUSMINUS : accept (lx, '=') ? TK_MINUSEQ : TK_MINUS;
    case '*':
      return accept (lx, '=') ? TK_STAREQ : accept (lx, '*') ? TK_POW : TK_STAR;
    case '/':
      return accept (lx, '=') ? TK_SLASHEQ : TK_SLASH;
    case '%':
      return accept (lx, '=') ? TK_PERCENTEQ : TK_PERCENT;
    case '=':
      return accept (lx, '=')   ? TK_EQ
             : accept (lx, '~') ? TK_REMATCH
             : accept (lx, '>') ? TK_ARROW
                                : TK_ASSIGN;
    case '!':
      return accept (lx, '=') ? TK_NE : accept (lx, '~') ? TK_RENOMATCH : TK_NOT;
    case '<':
      if (accept (lx, '='))
        return TK_LE;
      if (accept (lx, '<'))
        return accept (lx, '=') ? TK_SHLEQ : TK_SHL;
      return TK_LT;
    case '>':
      return lex_greater (lx, tok);
    case '&':
      return accept (lx, '&') ? TK_AND : TK_AMP;
    case '|':
      return accept (lx, '|') ? TK_OR : TK_PIPE;
    case '^': return TK_CARET;
    case '~': return TK_TILDE;
    case '(': return TK_LPAREN;
    case ')': return TK_RPAREN;
    case '[': return TK_LBRACKET;
    case ']': return TK_RBRACKET;
    case '{': return TK_LBRACE;
    case '}': return TK_RBRACE;
    case ',': return TK_COMMA;
    case ';': return TK_SEMI;
    case ':': return TK_COLON;
    case '.': return TK_DOT;
    default:
      return c < 0x80 ? TK_OTHER : TK_ERROR;
    }
}

void
lex_next (lexer *lx, lex_token *tok)
{
  int c;

  skip_blanks (lx);
  memset (tok, 0, sizeof *tok);
  g_string_truncate (lx->scratch, 0);
  tok->line = lx->line;
  tok->col = lx->col;
  c = peek (lx);
  if (c <= 0)
    {
      tok->kind = TK_EOF;
      lx->pos = lx->len; /* a NUL here ends the input for good */
    }
  else if (is_alpha (c) || c == '_')
    lex_word (lx, tok);
  else if (is_digit (c))
    lex_number (lx, tok);
  else if (c == '"')
    lex_string (lx, tok);
  else if (c == '\'')
    lex_data (lx, tok);
  else
    {
      advance (lx);
      tok->byte = (unsigned char) c;
      tok->kind = lex_operator (lx, tok, c);
    }
  tok->text = lx->scratch->str;
  tok->len = lx->scratch->len;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lex.h: NASL tokenizer (OpenVAS 'mylex' rules): tokens, literals, positions. */
#ifndef NASL_LEX_H
#define NASL_LEX_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef NASL_INTERNAL
#define NASL_INTERNAL __attribute__((visibility("hidden")))
#endif

/* ORDER TOKEN (see token names in lex.c) */
typedef enum lex_tok {
  TK_EOF = 0,
  TK_ERROR,        /* a byte that starts no token (>= 0x80, control bytes) */
  TK_IDENT,
  TK_INT,
  TK_STRING,       /* "..." */
  TK_DATA,         /* '...' */
  /* reserved words */
  TK_IF, TK_ELSE, TK_FOR, TK_WHILE, TK_REPEAT, TK_UNTIL, TK_FOREACH,
  TK_FUNCTION, TK_RETURN, TK_X, TK_INCLUDE, TK_BREAK, TK_CONTINUE,
  TK_LOCAL, TK_GLOBAL,
  /* operators */
  TK_PLUS, TK_PLUSPLUS, TK_PLUSEQ,        /* + ++ += */
  TK_MINUS, TK_MINUSMINUS, TK_MINUSEQ,    /* - -- -= */
  TK_STAR, TK_POW, TK_STAREQ,             /* * ** *= */
  TK_SLASH, TK_SLASHEQ,                   /* / /= */
  TK_PERCENT, TK_PERCENTEQ,               /* % %= */
  TK_ASSIGN, TK_EQ, TK_REMATCH, TK_ARROW, /* = == =~ => */
  TK_NOT, TK_NE, TK_RENOMATCH,            /* ! != !~ */
  TK_LT, TK_LE, TK_SHL, TK_SHLEQ,         /* < <= << <<= */
  TK_GT, TK_GE, TK_MATCH, TK_NOMATCH,     /* > >= >< >!< */
  TK_SHR, TK_SHREQ, TK_USHR, TK_USHREQ,   /* >> >>= >>> >>>= */
  TK_AMP, TK_AND, TK_PIPE, TK_OR,         /* & && | || */
  TK_CARET, TK_TILDE,                     /* ^ ~ */
  TK_LPAREN, TK_RPAREN, TK_LBRACKET, TK_RBRACKET, TK_LBRACE, TK_RBRACE,
  TK_COMMA, TK_SEMI, TK_COLON, TK_DOT,
  TK_OTHER,        /* any other printable byte ('?', '@', '$', '`', '\\') */
  TK_COUNT
} lex_tok;

/*
** One token.  For TK_IDENT, TK_STRING and TK_DATA, 'text'/'len' hold the
** bytes (escapes already applied for TK_DATA; may contain NULs) followed
** by a NUL; they point into the lexer's scratch buffer and stay valid only
** until the next 'lex_next'.  For TK_OTHER and TK_ERROR, 'byte' is the
** offending byte.  'line'/'col' (1-based, col in bytes) locate the first
** byte of the token.
*/
typedef struct lex_token {
  lex_tok kind;
  uint32_t line;
  uint32_t col;
  long ival;            /* TK_INT */
  const char *text;
  size_t len;
  unsigned char byte;
} lex_token;

/* Lexer warnings ("0x" without digits, ">!" not followed by "<", bad \x
** escape, unknown escape ...) go through this callback with the position. */
typedef void (*lex_warn_fn) (void *ud, uint32_t line, uint32_t col, const char *msg);

typedef struct lexer {
  const char *src;
  size_t len;           /* NUL bytes included (see end_token_at_nul in lex.c) */
  size_t pos;
  uint32_t line;
  uint32_t col;
  GString *scratch;
  lex_warn_fn warn;
  void *warn_ud;
} lexer;

NASL_INTERNAL void lex_init (lexer *lx, const char *src, size_t len, lex_warn_fn warn,
                             void *warn_ud);
NASL_INTERNAL void lex_free (lexer *lx);
/* Reads the next token into 'tok'; at the end of input returns TK_EOF forever. */
NASL_INTERNAL void lex_next (lexer *lx, lex_token *tok);
/* Printable name of a token kind: "identifier", "'+='", "'if'" ... */
NASL_INTERNAL const char *lex_tok_name (lex_tok k);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* text_arg.h: OpenVAS-style text view of builtin arguments (lib_string.c, lib_regex.c). */
#ifndef NASL_TEXT_ARG_H
#define NASL_TEXT_ARG_H

#include "libs.h"

/* Upper bound on what a text builtin builds (crap, str_replace, ereg_replace ...). */
#define TEXT_RESULT_MAX (64 * 1024 * 1024)

/*
** A value seen as text.  'bytes' is NUL-terminated and 'len' long: a string
** or data value as is, an int in decimal, an array in its printed form.
** 'size' is what OpenVAS calls the variable's size: the byte count of string
** and data values, and 0 for ints and arrays (so strlen(123) is 0).
*/
typedef struct text_arg {
  nasl_type type;
  const char *bytes;
  size_t len;
  size_t size;
  nasl_value owned; /* the printed form of an array */
  char num[24];
} text_arg;

/* Fills 'out' from 'v'; returns 0 (and nothing to clear) when v is missing or undefined. */
NASL_INTERNAL int text_arg_read (const nasl_value *v, text_arg *out);
/* Releases what text_arg_read() allocated. */
NASL_INTERNAL void text_arg_clear (text_arg *t);

#endif

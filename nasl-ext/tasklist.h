/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tasklist.h: parse Windows tasklist output (table, /svc, /fo csv) into rows keyed by PID. */
#ifndef NASL_EXT_TASKLIST_H
#define NASL_EXT_TASKLIST_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Pure C parser, no NASL types.  Recognised by shape, not header words:
 *  - fixed-width tables ("tasklist", "tasklist /svc", "/v", "/nh"): the
 *    "==== ====" separator line gives the column widths when present;
 *    otherwise (or when a row does not fit the widths) a row is
 *    "<image, may contain spaces> <pid> <rest>";
 *  - CSV ("/fo csv", with or without header): "image","pid",...
 * A table with 3 columns is taken as /svc (third column = services, "N/A"
 * = none; continuation lines with blank image and PID columns append to the
 * previous row's services).  A table with 5 or more columns is the plain
 * listing (session name, session#, memory usage, then /v extras ignored).
 *
 * All strings are owned by the result, NUL-terminated, never contain NUL.
 */

typedef enum
{
  TASKLIST_FMT_UNKNOWN = 0,
  TASKLIST_FMT_SVC_TABLE, /* tasklist /svc */
  TASKLIST_FMT_SVC_CSV,   /* tasklist /svc /fo csv */
  TASKLIST_FMT_TABLE,     /* tasklist (plain or /v) */
  TASKLIST_FMT_CSV        /* tasklist /fo csv (plain or /v) */
} tasklist_format;

/*
 * One process.
 * image        image name as printed (may be truncated by tasklist, e.g.
 *              "FileZilla Server Interfac"; may contain spaces).
 * pid          PID (>= 0).
 * services     n_services service names, in printed order; 0 for "N/A"
 *              and for listings without a services column.
 * session_name plain listing only ("Services", "Console", "RDP-Tcp#0"),
 *              else NULL.
 * session      session number, -1 when not printed.
 * mem_kb       memory usage in K (thousand separators of any locale
 *              removed: "12,345 K", "12.345 K", "12 345 Ko"), -1 when not
 *              printed or not numeric.
 * line_no      1-based line of the row.
 */
typedef struct
{
  const char *image;
  int64_t pid;
  const char *const *services;
  size_t n_services;
  const char *session_name;
  int64_t session;
  int64_t mem_kb;
  size_t line_no;
} tasklist_row;

typedef struct
{
  size_t max_rows; /* 0 = TASKLIST_DEFAULT_MAX_ROWS */
} tasklist_options;

#define TASKLIST_DEFAULT_MAX_ROWS ((size_t) 10000000)
#define TASKLIST_MAX_LINE ((size_t) 65536)

/*
 * rows          in input order; PIDs are unique (a later duplicate PID is
 *               dropped and counted in n_duplicates).
 * has_services  the listing has a services column (/svc).
 * n_skipped     recognised non-row lines (blank, header, separator, and
 *               /svc continuation lines).
 * Unless truncated: n_rows + n_duplicates + n_skipped + n_unparsed == n_lines.
 * n_unparsed    lines not understood (callers flag INCOMPLETE if non-zero).
 */
typedef struct
{
  tasklist_row *rows;
  size_t n_rows;
  tasklist_format format;
  gboolean has_services;
  size_t n_lines;
  size_t n_skipped;
  size_t n_unparsed;
  size_t first_unparsed_line;
  size_t n_duplicates;
  gboolean truncated;
  void *priv; /* internal: arena and PID index */
} tasklist_result;

/* Parse len bytes (need not be NUL-terminated).  Never returns NULL. */
tasklist_result *tasklist_parse (const char *data, size_t len,
                                 const tasklist_options *opts);

/* Read and parse a file; NULL and error set if it cannot be read. */
tasklist_result *tasklist_parse_file (const char *path,
                                      const tasklist_options *opts,
                                      GError **error);

/* Row with this PID, or NULL.  O(1). */
const tasklist_row *tasklist_find_pid (const tasklist_result *res,
                                       int64_t pid);

void tasklist_result_free (tasklist_result *res);

/* "unknown", "svc-table", "svc-csv", "table", "csv". */
const char *tasklist_format_name (tasklist_format fmt);

#endif /* NASL_EXT_TASKLIST_H */

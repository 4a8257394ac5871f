/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netstat.h: parse socket listings (Windows netstat, Linux netstat, ss, lsof) into rows. */
#ifndef NASL_EXT_NETSTAT_H
#define NASL_EXT_NETSTAT_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Pure C parser, no NASL types.  Rows are recognised by their SHAPE (token
 * patterns such as "proto addr:port addr:port [state...] [pid]"), never by
 * header words, so localised headers, OEM code-page mojibake and missing
 * headers do not matter.
 *
 * Windows -b/-anob: the lines after a row up to the next row belong to it
 * (at most 6): "[image.exe]" sets process (and ends the block), a
 * one-word line sets service, a several-word line (the localised "Can not
 * obtain ownership information") sets owner_unavailable.  Text lines up to
 * 6 right before rows (titles, headers, shell prompts, net-tools' "(Not all
 * processes could be identified...)") are counted in n_skipped; text lines
 * elsewhere, binary lines and malformed rows in n_unparsed.
 *
 * Not handled (counted as not understood): BSD/macOS "netstat -an" with
 * "addr.port" endpoints.
 *
 * Ownership: every string reachable from a netstat_result is owned by the
 * result and freed by netstat_result_free().  Strings are NUL-terminated
 * and never contain an embedded NUL (NUL bytes in free-text fields such as
 * process names are replaced by '?').
 */

/* Which tool printed a row (also the detected format of a whole listing). */
typedef enum
{
  NETSTAT_FMT_UNKNOWN = 0, /* no row recognised */
  NETSTAT_FMT_WINDOWS,     /* Windows netstat -an/-ano/-anb/-anob (any locale) */
  NETSTAT_FMT_LINUX,       /* net-tools netstat -tulpn/-anp/... */
  NETSTAT_FMT_SS,          /* iproute2 ss (with or without Netid, -H, -p) */
  NETSTAT_FMT_LSOF,        /* lsof -i (Linux, macOS) */
  NETSTAT_FMT_MIXED        /* result only: rows of several formats */
} netstat_format;

/* One (name, pid) pair of a row; ss users:((...)) can list several. */
typedef struct
{
  const char *name; /* process name as printed, never NULL */
  int64_t pid;      /* -1 when not printed */
} netstat_process;

/*
 * One socket row.
 *
 * proto      "tcp" or "udp" (static string).  tcp6/udp6/TCPv6 fold to these;
 *            the IP version is in family.
 * family     4 or 6; 0 when it cannot be told (ss/lsof "*" wildcard with no
 *            other clue, or a host name printed instead of an address).
 * local_addr address without brackets; "0.0.0.0", "::", "*" kept as printed
 *            (brackets removed).  Scope/zone ids are KEPT in the string:
 *            Windows "[fe80::1%11]:1900" -> "fe80::1%11"; ss
 *            "127.0.0.53%lo:53" -> "127.0.0.53%lo"; ss "[fe80::1]%eth0:546"
 *            -> "fe80::1%eth0".  Host names (netstat without -n) are kept.
 *            Never NULL.
 * local_port numeric port, or -1 when "*" or a service name was printed.
 * local_service  service name when the port was printed as a name
 *            ("*:http-alt", "host:https"), else NULL.
 * remote_*   same for the foreign/peer address.  remote_addr is "" (and
 *            remote_port -1) when the tool prints no peer (lsof listeners).
 *            "*:*" gives remote_addr "*" and remote_port -1.
 * state      normalised, static string, never NULL: "LISTEN", "ESTABLISHED",
 *            "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
 *            "CLOSE_WAIT", "LAST_ACK", "CLOSING", "CLOSED", "DELETE_TCB",
 *            "BOUND", "UNKNOWN" (a state word was printed but not
 *            recognised, see state_raw), or "" (no state: unconnected UDP,
 *            including ss "UNCONN").  Localised Windows/net-tools words
 *            (ABHÖREN, ESCUCHANDO, ÉCOUTE, ...) in UTF-8, Latin-1 or OEM
 *            code-page bytes are mapped.  An unrecognised TCP state word with
 *            a wildcard peer ("0.0.0.0:0", "[::]:0", "*:*") is taken as
 *            "LISTEN" and state_inferred is set.
 * state_raw  state text exactly as printed (several words joined by one
 *            space, e.g. Italian "IN ASCOLTO"), or NULL when none.
 * pid        owning PID, -1 when unknown for this row (see
 *            netstat_result.has_pids for "no PID column at all").  When
 *            several processes are listed it is the first one's PID.
 * process    owning process/image name ("svchost.exe", "sshd"), or NULL.
 *            Windows -b "[svchost.exe]" lines give "svchost.exe".
 * processes  all (name, pid) pairs, n_processes of them (0 when none);
 *            ss users:(("a",pid=1,fd=3),("b",pid=2,fd=4)) gives 2; a single
 *            owner from any format gives 1.
 * service    Windows -b component/service line attached to the row
 *            ("Dnscache"), else NULL.
 * owner_unavailable  Windows -b printed an "ownership information cannot
 *            be obtained" message (any language) for this row.
 * format     which tool printed the row.
 * line_no    1-based line number of the row in the input.
 */
typedef struct
{
  /* (fields ordered for packing: 128 bytes per row on LP64) */
  const char *proto;
  const char *local_addr;
  const char *local_service;
  const char *remote_addr;
  const char *remote_service;
  const char *state;
  const char *state_raw;
  const char *process;
  const netstat_process *processes;
  const char *service;
  int64_t pid;
  size_t n_processes;
  size_t line_no;
  int family;
  int local_port;
  int remote_port;
  netstat_format format;
  gboolean owner_unavailable;
  gboolean state_inferred;
} netstat_row;

/* Parser options; pass NULL for the defaults. */
typedef struct
{
  /* Row cap; 0 means NETSTAT_DEFAULT_MAX_ROWS.  Rows past it are dropped
   * and netstat_result.truncated is set. */
  size_t max_rows;
  /* Protocol for ss rows printed without a Netid column ("ss -t", "ss -l"):
   * "tcp", "udp" or NULL to guess (UNCONN -> udp, anything else -> tcp). */
  const char *ss_default_proto;
  /* When set, each row is handed to on_row(row, on_row_ud) once it is
   * complete (a Windows -b row takes the lines after it), in input order,
   * and not kept: the result then has rows == NULL and n_rows counts the
   * rows handed over.  The row is valid during the call, its strings until
   * netstat_result_free().  A caller that turns rows into something else
   * needs no memory for the whole table at once. */
  void (*on_row) (const netstat_row *row, void *ud);
  void *on_row_ud;
} netstat_options;

#define NETSTAT_DEFAULT_MAX_ROWS ((size_t) 10000000)
/* Lines longer than this are counted as not understood without parsing. */
#define NETSTAT_MAX_LINE ((size_t) 65536)

/*
 * Result of a parse.
 *
 * format        NETSTAT_FMT_* of the rows; MIXED if several; UNKNOWN if none.
 * has_pids      TRUE when the listing carries a PID/owner column at all
 *               (Windows -o, Linux netstat -p, ss -p, lsof), even if some
 *               rows print no PID.  FALSE for "netstat -an", "-anb" (names
 *               but no PIDs), ss without -p.  Lets callers tell "PID column
 *               absent" from "PID unknown for this row" (row.pid == -1).
 * has_process_names  TRUE when some row carries a process name.
 * n_lines       lines in the input.
 * n_other       rows of other socket kinds skipped on purpose (unix, raw,
 *               netlink, sctp, ...).
 * n_skipped     recognised non-row lines: blank lines, headers and titles
 *               next to rows, Windows -b attachment lines.
 * n_unparsed    lines NOT understood.  Callers should flag the result
 *               INCOMPLETE when this is non-zero (or when truncated).
 *               Garbage input yields no rows and n_unparsed > 0.
 * first_unparsed_line  1-based line number of the first such line, 0 if none.
 * truncated     the row cap was reached.
 * Unless truncated: n_rows + n_other + n_skipped + n_unparsed == n_lines.
 */
typedef struct
{
  netstat_row *rows;
  size_t n_rows;
  netstat_format format;
  gboolean has_pids;
  gboolean has_process_names;
  size_t n_lines;
  size_t n_other;
  size_t n_skipped;
  size_t n_unparsed;
  size_t first_unparsed_line;
  gboolean truncated;
  void *priv; /* internal: string arena */
} netstat_result;

/* Parse len bytes of data (need not be NUL-terminated; may contain NUL and
 * any bytes).  Never returns NULL.  Linear in len. */
netstat_result *netstat_parse (const char *data, size_t len,
                               const netstat_options *opts);

/* netstat_parse() for the counts and flags only: the rows are counted and
 * not kept (rows == NULL), so a big listing costs no table. */
netstat_result *netstat_parse_summary (const char *data, size_t len);

/* Read and parse a file.  Returns NULL and sets error if it cannot be read. */
netstat_result *netstat_parse_file (const char *path,
                                    const netstat_options *opts,
                                    GError **error);

/* Free a result (NULL is fine). */
void netstat_result_free (netstat_result *res);

/* A row as one compact byte string (nasl-ext/netstat_pack.c): every field
 * but state_raw, about the size of the row's line of text.  Appends to
 * out. */
void netstat_row_pack (const netstat_row *row, GString *out);

/* The row packed in the n bytes at p, its texts and processes made in ar
 * (ext_arena.h; they live as long as it does).  FALSE, with *row cleared
 * or partly filled, when the bytes are not a packed row of this version;
 * never reads outside them. */
struct ext_arena;
gboolean netstat_row_unpack (const char *p, size_t n, netstat_row *row, struct ext_arena *ar);

/* "unknown", "windows", "linux-netstat", "ss", "lsof", "mixed". */
const char *netstat_format_name (netstat_format fmt);

#endif /* NASL_EXT_NETSTAT_H */

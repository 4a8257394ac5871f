/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit.h: parser for Nessus .audit policy files (pure C core, glib only). */
#ifndef NASL_EXT_AUDIT_H
#define NASL_EXT_AUDIT_H

/*
** What this parses
** ----------------
** A .audit file is one or more <check_type:"NAME" [version:"V"]> blocks, one
** after the other (never nested), that hold <group_policy:"name"> blocks
** (nestable), <custom_item>, <item>, <report type:"PASSED|FAILED|WARNING">,
** and <if> blocks made of one <condition type:"and|or" [auto:"RESULT"]>, an
** optional <then> and an optional <else>, nested at most AUDIT_MAX_IF_DEPTH
** deep.  A line whose first non-blank character is '#' is a comment (outside
** a quoted value).  <debug /> is ignored.  Item and report bodies are
** "keyword : value" lines.
**
** Result model
** ------------
** Each <check_type> block is one audit_block (its NAME, version, line and
** top-level nodes), in file order; doc->root is every block's top-level
** nodes, concatenated in file order.  The tree keeps if/condition/then/else
** structure; group_policy blocks are flattened away: every node records the
** name of the innermost group it sits in ('group', NULL outside any group).
** Every node records the 1-based line of its opening tag.
**
** Keys keep the spelling of their first occurrence; all lookups
** (audit_node_get, audit_node_find) compare keys case-insensitively (ASCII),
** and keys differing only in case are the same key.
**
** Values:
**  - "double" or 'single' quoted: the quotes are removed and the value is
**    unescaped tolerantly: \\ -> \, \" -> " (\' -> ' in single quotes), any
**    other backslash pair is kept as written (regexes stay intact).  A quoted
**    value may span several lines; its line breaks become "\n".  A backslash
**    right before a closing quote that ends the line on which the value
**    started is kept literally (Windows registry keys such as
**    "HKLM\Software\Policies\" are written that way).  Nothing inside the
**    quotes is trimmed: "UDP " stays "UDP ".
**  - several quoted/bare parts joined by || or && ("a" || "b"): the whole
**    text is kept VERBATIM, quotes and escapes included (a part may go on
**    the next line after a trailing || or &&).  Any other text after a
**    closing quote ("a" b) also makes the value verbatim up to the end of
**    the line.
**  - bare values (POLICY_DWORD, [1..MAX], 0 || 1 || 2): kept as written
**    (no unescaping), surrounding blanks trimmed.
**  - a key may appear once per item, except "info" (AUDIT_REPEATABLE_KEY,
**    any case): its lines become ONE entry whose value is all the values in
**    file order joined with "\n"; 'count' says how many lines there were.
**    Any other key given twice is an error:
**    "NAME:LINE: key 'KEY' given twice (first at line N)".
**  - @NAME@ is replaced by the variable NAME declared in the commented
**    metadata header (#<variable> #<name>NAME</name> #<default>V</default>
**    #</variable>) or by a caller override; the substitution is done on the
**    raw value text (before unescaping), in values and in tag attributes.
**    Undeclared @NAME@ stays as written.
**
** Header: the commented metadata block "#<ui_metadata>" ... "#</ui_metadata>"
** gives the policy's name and version (audit_text_collect_meta): the text
** of "#<display_name>N</display_name>" (else of "<name>N</name>" inside
** "#<spec>" ... "#</spec>") and of "<version>V</version>" inside the spec,
** each written on one comment line, as written (no XML entities decoded,
** no @NAME@ replaced), blanks around it trimmed; a blank text counts as
** absent; the first one found wins.  The header ends at "#</ui_metadata>"
** or at the first line that is not a comment.  It is a comment: nothing in
** it, or missing from it, is an error.
**
** Input: UTF-16LE/BE with a BOM is converted to UTF-8; after a UTF-8 BOM the
** text must be valid UTF-8 (else an AUDIT_ERROR_ENCODING error); without a
** BOM, text that is valid UTF-8 is used as it is and anything else is read
** as Windows-1252 (a superset of Latin-1) and converted to UTF-8.  Every
** string of a document is therefore valid UTF-8 (control characters other
** than NUL are kept as data).  CRLF and LF may be mixed.  A NUL byte in the
** (decoded) input is an error.
**
** Errors are reported through GError (domain AUDIT_ERROR) with a message of
** the form "NAME:LINE: message", NAME being the name the caller gave (the
** path for audit_parse_file; "<string>" when NULL), LINE the 1-based line
** of the fault (for an unclosed tag or an unterminated quote: the line
** where it was opened).  I/O errors read "PATH: cannot open: reason".  On
** error no document is returned and nothing leaks.  doc/audit-module.md
** lists every message.
**
** Structure rules enforced: every node sits inside <check_type>; a
** <check_type> has a non-empty name and is never inside another tag; an <if>
** holds exactly one <condition> first, then at most one <then> and one
** <else>, and nothing else directly; items and reports hold only keyword
** lines, comments and <debug />; unknown tags are errors.  Several tags may
** share a line and a tag may be followed by a '#' comment.
**
** Limits (exceeding one is an AUDIT_ERROR_LIMIT error): input size
** AUDIT_MAX_INPUT bytes, nesting depth of tags AUDIT_MAX_DEPTH, nesting of
** <if> blocks AUDIT_MAX_IF_DEPTH, number of nodes AUDIT_MAX_NODES.  Parsing
** is linear in the input size.
**
** Ownership: everything reachable from an audit_doc belongs to it (it is
** allocated in a few large blocks) and is released by audit_doc_free() only;
** never free or realloc a single string or array.  The document is
** immutable after parsing and may be read from several threads.  Empty
** arrays are NULL with a zero count (kvs, list nodes, vars); groups is
** NULL-terminated and never NULL.
*/

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#define AUDIT_MAX_INPUT ((size_t) 256 * 1024 * 1024) /* bytes, after decoding */
#define AUDIT_MAX_DEPTH 256                          /* nested tags */
#define AUDIT_MAX_NODES 1000000                      /* items + reports + ifs */

/*
** Deepest nesting of <if> blocks (a top-level <if> is level 1).  The limit
** keeps every document within the NASL interpreter's array nesting limit
** (NASL_MAX_ARRAY_DEPTH, 64) once the binding has turned it into arrays:
** each <if> level costs two levels of arrays (the if node, then its
** condition/then/else list), the document around the outermost list four
** (result -> blocks -> block -> items), and 8 levels are left for the
** script to store the result in arrays of its own:
** (64 - 4 - 8) / 2 = 26.  bind.c checks this arithmetic at compile time.
*/
#define AUDIT_MAX_IF_DEPTH 26
/* The one key that may be repeated inside an item (its lines are joined). */
#define AUDIT_REPEATABLE_KEY "info"

/* GError domain and codes. */
#define AUDIT_ERROR (audit_error_quark ())
typedef enum {
  AUDIT_ERROR_SYNTAX,   /* malformed file: message names the line */
  AUDIT_ERROR_LIMIT,    /* a limit above was exceeded */
  AUDIT_ERROR_ENCODING, /* bad UTF-16, NUL byte */
  AUDIT_ERROR_IO,       /* audit_parse_file could not read the file */
} audit_error_code;
GQuark audit_error_quark (void);

typedef enum {
  AUDIT_NODE_CUSTOM_ITEM, /* <custom_item> */
  AUDIT_NODE_ITEM,        /* <item> */
  AUDIT_NODE_REPORT,      /* <report type:"..."> */
  AUDIT_NODE_IF,          /* <if> */
} audit_node_kind;

/* One key of an item or report. */
typedef struct audit_kv {
  char *key;        /* as first written, NUL-terminated */
  char *value;      /* decoded value (see above), NUL-terminated */
  size_t value_len; /* strlen (value) */
  unsigned count;   /* number of lines with this key (>= 1) */
  unsigned line;    /* 1-based line of the first occurrence */
} audit_kv;

typedef struct audit_node audit_node;

/* An ordered list of nodes. */
typedef struct audit_list {
  audit_node **nodes;
  size_t len;
} audit_list;

struct audit_node {
  audit_node_kind kind;
  unsigned line;     /* 1-based line of the opening tag */
  const char *group; /* innermost <group_policy> name or NULL; owned by doc */

  /* CUSTOM_ITEM, ITEM, REPORT: the body, keys in order of first occurrence. */
  audit_kv *kvs;
  size_t n_kvs;

  /* REPORT: the type attribute, upper-cased: "PASSED", "FAILED", "WARNING"
  ** (or "ERROR").  NULL for other kinds. */
  char *report_type;

  /* IF: condition type lower-cased ("and" or "or"), the auto attribute of
  ** <condition> upper-cased or NULL, and the three child lists.  has_then /
  ** has_else say whether the block was written (it may be written empty). */
  char *condition_type;
  char *auto_result;
  unsigned condition_line; /* line of the <condition> tag */
  audit_list condition;
  audit_list then_list;
  audit_list else_list;
  bool has_then;
  bool has_else;
};

/* A variable declared in the metadata header. */
typedef struct audit_var {
  char *name;
  char *value; /* the default as written, or the caller's override */
} audit_var;

/* One <check_type:"NAME" [version:"V"]> block. */
typedef struct audit_block {
  char *check_type; /* NAME as written (e.g. "Windows"), never empty */
  char *version;    /* the version attribute, or NULL */
  unsigned line;    /* 1-based line of the opening tag */
  audit_list items; /* its top-level nodes */
} audit_block;

typedef struct audit_doc {
  char *check_type;     /* of the first block (e.g. "Windows") */
  char *version;        /* of the first block, or NULL */
  audit_list root;      /* top-level nodes of all blocks, in file order */
  audit_block *blocks;  /* every block, in file order (at least one) */
  size_t n_blocks;
  audit_var *vars;  /* declared variables, in file order */
  size_t n_vars;
  char **groups;    /* every group_policy name, in file order */
  size_t n_groups;
  char *policy_name;    /* header <display_name>, else <spec><name>, or NULL */
  char *policy_version; /* header <spec><version>, or NULL */
} audit_doc;

/* A caller override for a header variable (value used as written). */
typedef struct audit_var_override {
  const char *name;
  const char *value;
} audit_var_override;

/* Options; pass NULL for the defaults. */
typedef struct audit_parse_opts {
  const audit_var_override *overrides; /* may be NULL */
  size_t n_overrides;
  /* Overrides for variables the header does not declare are applied too
  ** when this is true (by default only declared variables are replaced).
  ** An undeclared override whose name cannot be written as @NAME@ (empty,
  ** or a character other than ASCII letters, digits, '_', '-', '.') has
  ** no effect and is not listed in doc->vars. */
  bool override_undeclared;
} audit_parse_opts;

/*
** Overrides from a caller's table NAME -> VALUE (the vars: argument of the
** NASL builtin audit_parse; audit_vars.c).  The caller adds the elements
** one by one; each must have a name (not an integer index) and a text
** value (an int is given as its decimal text), neither holding a NUL byte.
** audit_overrides_error() then says why the table cannot be used (the
** first problem in this order: not a table, an element without a name, a
** value that is not text, a NUL byte), or NULL; audit_overrides_opts()
** gives the parse options: these overrides, override_undeclared true (an
** override is meant to apply whether or not the policy declares it).
** Values are used as written (converted to UTF-8 like the file text).
*/
typedef struct audit_overrides audit_overrides;
audit_overrides *audit_overrides_new (void);
void audit_overrides_add (audit_overrides *o, const char *name, size_t name_len,
                          const char *value, size_t value_len);
void audit_overrides_add_unnamed (audit_overrides *o);   /* an integer index */
void audit_overrides_add_bad_value (audit_overrides *o); /* neither text nor int */
void audit_overrides_not_a_table (audit_overrides *o);   /* the argument itself */
const char *audit_overrides_error (const audit_overrides *o);
const audit_parse_opts *audit_overrides_opts (audit_overrides *o);
void audit_overrides_free (audit_overrides *o);

/* Parse LEN bytes at DATA (need not be NUL-terminated).  NAME is used in
** error messages ("NAME:LINE: ...").  Returns a new document, or NULL with
** *ERROR set. */
audit_doc *audit_parse_string (const char *data, size_t len, const char *name,
                               const audit_parse_opts *opts, GError **error);

/* Read and parse the file at PATH (errors are named after PATH). */
audit_doc *audit_parse_file (const char *path, const audit_parse_opts *opts,
                             GError **error);

/* Release a document (NULL is fine). */
void audit_doc_free (audit_doc *doc);

/* The entry for KEY (case-insensitive) of an item/report, or NULL. */
const audit_kv *audit_node_find (const audit_node *node, const char *key);

/* The value of KEY (case-insensitive) of an item/report, or NULL. */
const char *audit_node_get (const audit_node *node, const char *key);

/* "custom_item", "item", "report" or "if". */
const char *audit_node_kind_name (audit_node_kind kind);

/* Depth-first, pre-order walk over every node of DOC: each node, then for
** an IF its condition, then and else lists in that order.  DEPTH is 0 for
** top-level nodes and grows by one inside an IF.  The walk stops early, and
** audit_doc_visit returns false, when FN returns false. */
typedef bool (*audit_visit_fn) (const audit_node *node, unsigned depth,
                                void *user);
bool audit_doc_visit (const audit_doc *doc, audit_visit_fn fn, void *user);

/* Number of nodes of KIND anywhere in DOC (inside ifs too). */
size_t audit_doc_count (const audit_doc *doc, audit_node_kind kind);

#endif

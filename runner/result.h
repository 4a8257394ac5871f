/* result.h: what auditing one target yields, and how it crosses the process boundary. */
#ifndef RUNNER_RESULT_H
#define RUNNER_RESULT_H

#include <glib.h>

/* One listening socket seen on the target. */
typedef struct listener {
  char *proto;      /* "tcp" | "udp" */
  int family;       /* 4 | 6 */
  char *address;
  int port;         /* -1 when the source printed a service name */
  long pid;         /* -1 when unknown */
  char *process;    /* "" when unknown */
  gboolean exposed; /* FALSE: bound to loopback only */
} listener;

/* One reported check result (fields as in the JSON document). */
typedef struct check_result {
  char *audit_file;
  int line;
  char *type;
  char *check_name;
  char *check_type;
  char *result;     /* PASSED | FAILED | WARNING | ERROR */
  char *compliant;  /* YES | NO | INCOMPLETE */
  char *actual_value;
  char *policy_value;
  char *info;
  char *solution;
  char *reference;
  char *see_also;
  char *evidence;
} check_result;

typedef struct target_result {
  char *target;
  char *transport;  /* "local" | "ssh" */
  char *os;
  char *listener_source;
  GPtrArray *listeners;     /* listener* */
  GPtrArray *tags;          /* char*: "Port: 80/tcp" */
  GPtrArray *results;       /* check_result* */
  GPtrArray *errors;        /* char*: why something could not be audited */
  GPtrArray *notes;         /* char*: skipped items, policies not applicable */
  GPtrArray *gather_log;    /* char*: commands tried */
  GPtrArray *diagnostics;   /* char*: interpreter diagnostics */
} target_result;

target_result *target_result_new (const char *target);
void target_result_free (target_result *tr);

/* Results by state, for the exit status and the summary. */
typedef struct result_counts {
  unsigned passed, failed, warning, error, other;
} result_counts;
void target_result_count (const target_result *tr, result_counts *c);

/* Serialises for the pipe from a worker process; NULL on malformed bytes. */
GBytes *target_result_serialize (const target_result *tr);
target_result *target_result_deserialize (GBytes *bytes);

#endif

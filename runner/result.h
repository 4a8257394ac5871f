/* SPDX-License-Identifier: GPL-2.0-or-later */
/* result.h: what auditing one target yields: the target, its listeners, policies and results. */
#ifndef RUNNER_RESULT_H
#define RUNNER_RESULT_H

#include <glib.h>

/*
** The records below arrive from the plugins through nasl_audit_record() (see
** record.c for their keys).  Their strings live in the owning target's
** string chunk ('strings'): never freed one by one, never NULL.
*/

/* "target": who the target is and whether it could be audited. */
typedef struct target_info {
  const char *os;              /* linux | windows | other uname -s | unknown */
  const char *os_detail;
  const char *transport;       /* local | ssh | smb */
  const char *login;
  long privileged;             /* 1, 0, -1 unknown */
  const char *listener_source;
  const char *process_source;
  const char *api;             /* module | pure-nasl */
  const char *status;          /* audited | not_audited */
  const char *reason;
  const char *reason_code;
} target_info;

/* "listener": one listening socket seen on the target. */
typedef struct listener {
  const char *proto;
  long family;                 /* 4, 6, 0 unknown */
  const char *address;
  long port;                   /* -1: the tool printed a service name */
  const char *port_text;
  long pid;                    /* -1 unknown */
  const char *process;         /* "" unknown */
  const char *services;
  long exposed;                /* bound to a non-loopback address */
  long counted;                /* counts as open under the preferences */
  const char *reachable;       /* yes | no | untested */
} listener;

/* One entry of a policy's 'skipped' map: item type -> count. */
typedef struct named_count {
  const char *name;
  long count;
} named_count;

/* "policy": one policy file and what became of it on this target. */
typedef struct policy_info {
  const char *file;
  const char *path;
  const char *name;
  const char *version;
  const char *check_type;
  const char *status;          /* ran | not_applicable | error */
  const char *reason;
  long items;
  GArray *skipped;             /* named_count */
} policy_info;

/* "result": one check result. */
typedef struct check_result {
  const char *check_id;
  const char *audit_file;
  long line;
  const char *group;
  const char *type;
  const char *check_name;
  const char *check_type;
  const char *result;          /* PASSED | FAILED | WARNING | ERROR */
  const char *compliant;       /* YES | NO | INCOMPLETE */
  const char *actual_value;
  const char *policy_value;
  const char *info;
  const char *solution;
  const char *reference;
  const char *see_also;
  const char *severity;
  const char *ports;
  const char *evidence;
  const char *note;
} check_result;

/* "gather": one log line of what the gather plugin tried. */
typedef struct gather_line {
  const char *line;
} gather_line;

/* Changes since the last run (--state-dir). */
typedef struct drift_change {
  const char *check_id;
  const char *check_name;
  const char *audit_file;
  const char *was;
  const char *now;
} drift_change;

typedef struct target_drift {
  gboolean have_baseline;
  gint64 previous_run;         /* microseconds since the epoch, 0 when none */
  GArray *new_listeners;       /* listener */
  GArray *closed_listeners;    /* listener */
  GArray *changed;             /* drift_change */
  const char *problem;         /* the state file could not be read or written, or NULL */
} target_drift;

typedef struct target_result {
  GStringChunk *strings;
  const char *target;          /* as given */
  const char *host;            /* the host part of it */
  const char *address;         /* resolved address, "" when unknown */
  const char *hostname;        /* host name (given or reverse-resolved), "" when unknown */
  const char *planned_transport; /* local | ssh | smb: what the runner chose */
  gboolean have_info;          /* a target record arrived */
  target_info info;
  GArray *listeners;           /* listener */
  GPtrArray *policies;         /* policy_info* */
  GPtrArray *results;          /* check_result* */
  GArray *gather_log;          /* gather_line */
  GPtrArray *problems;         /* const char*: what went wrong in the runner's view */
  GPtrArray *diagnostics;      /* const char*: interpreter diagnostics */
  gboolean finished;           /* the worker ended normally */
  const char *abort_reason;    /* worker died or timed out: why; NULL otherwise */
  const char *abort_code;      /* reason_code for abort_reason */
  gint64 started, ended;       /* wall clock, microseconds since the epoch */
  double duration;             /* seconds */
  long peak_rss_kb;            /* of the worker and what it ran; 0 unknown */
  target_drift drift;
} target_result;

target_result *target_result_new (const char *target, const char *host, const char *transport);
void target_result_free (target_result *tr);
/* A string kept as long as the target result (NULL becomes ""). */
const char *target_result_keep (target_result *tr, const char *s);
void target_result_problem (target_result *tr, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* The runner's view of one target. */
typedef enum {
  TARGET_AUDITED,       /* audited, every result could be evaluated */
  TARGET_INCOMPLETE,    /* audited, but something could not be evaluated */
  TARGET_NOT_AUDITED    /* could not be audited at all */
} target_state;
target_state target_result_state (const target_result *tr);
/* Why the target was not (fully) audited, in words; NULL when it was. */
const char *target_result_reason (const target_result *tr);
/* reason_code of a not audited target ("internal" when none was given). */
const char *target_result_reason_code (const target_result *tr);
/* The policy record of the audit file FILE (as results name it), or NULL. */
const policy_info *target_result_policy (const target_result *tr, const char *file);
/* Transport and OS to show, whatever arrived. */
const char *target_result_transport (const target_result *tr);
const char *target_result_os (const target_result *tr);

/* Results by state, for the exit status and the summary. */
typedef struct result_counts {
  unsigned passed, failed, warning, error, other;
} result_counts;
void target_result_count (const target_result *tr, result_counts *c);

#endif

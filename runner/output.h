/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output.h: what the report formats share: fleet port view, counts, time stamps. */
#ifndef RUNNER_OUTPUT_H
#define RUNNER_OUTPUT_H

#include <stdio.h>

#include "escape.h"
#include "runner.h"

/* One port across the fleet: which targets have it open, exposed or on loopback only. */
typedef struct fleet_port {
  long port;              /* -1: a service name the target printed (see port_text) */
  const char *port_text;
  const char *proto;
  GPtrArray *exposed;     /* const char*: target names, in target order */
  GPtrArray *loopback;    /* const char*: targets where it listens on loopback only */
} fleet_port;

/* Every listening port of the fleet, in numeric port order. */
GPtrArray *fleet_ports (target_result **results, size_t n);

/* Skipped item counts by type over the distinct policy files of 'results'. */
GArray *skipped_by_type (target_result **results, size_t n);

const char *target_state_name (target_state s);
/* "2026-11-23T10:00:00Z"; g_free it. */
char *iso_time (gint64 usec);
/* "22/tcp", or the printed name "ssh/tcp"; g_free it. */
char *listener_port (const listener *l);
/* What a FAILED, ERROR or WARNING result is about, in a few words (the actual value, else the note). */

/* The formats. */
int output_text (FILE *out, const runner_config *cfg, const run_info *run, target_result **r, size_t n);
int output_json (FILE *out, const runner_config *cfg, const run_info *run, target_result **r, size_t n);
int output_csv (FILE *out, const runner_config *cfg, const run_info *run, target_result **r, size_t n);
int output_junit (FILE *out, const runner_config *cfg, const run_info *run, target_result **r, size_t n);
int output_nessus (FILE *out, const runner_config *cfg, const run_info *run, target_result **r, size_t n);
int output_html (FILE *out, const runner_config *cfg, const run_info *run, target_result **r, size_t n);

/* XML/HTML text: escaped (esc()), then &<>"' as entities. */
void xml_text (FILE *out, const char *s, unsigned flags);

#endif

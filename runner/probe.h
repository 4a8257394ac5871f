/* SPDX-License-Identifier: GPL-2.0-or-later */
/* probe.h: the reachability prober the runner offers the plugins (nasl_audit_probe). */
#ifndef RUNNER_PROBE_H
#define RUNNER_PROBE_H

#include "nasl.h"

/* Registers nasl_audit_probe() in a worker's state; 0 or -1 with *err. */
int probe_register (nasl_state *st, char **err);

#endif

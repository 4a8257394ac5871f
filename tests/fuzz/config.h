/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.h: stand-in for the configure-generated header when tests/fuzz/run.sh builds harnesses. */
#ifndef NASL_FUZZ_CONFIG_H
#define NASL_FUZZ_CONFIG_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#define PACKAGE "nasl-audit"
#define PACKAGE_NAME "nasl-audit"
#define PACKAGE_VERSION "fuzz"
#define PACKAGE_STRING "nasl-audit fuzz"
#endif

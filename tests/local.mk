## SPDX-License-Identifier: GPL-2.0-or-later
## tests/local.mk: end-to-end tests (real listeners, real sshd) and the shipped policies.

TESTS += tests/openvas-install.sh tests/e2e/local.sh tests/e2e/ssh-linux.sh tests/e2e/ssh-windows.sh tests/e2e/faults.sh \
	tests/e2e/collect.sh tests/e2e/privesc.sh tests/e2e/policy-rules.sh \
	tests/e2e/reachability.sh tests/e2e/pure-plugins.sh tests/e2e/ssh-options.sh \
	tests/e2e/check-types.sh tests/e2e/limits.sh
EXTRA_DIST += tests/openvas-install.sh tests/e2e/lib.sh tests/e2e/listen.py tests/e2e/local.sh tests/e2e/ssh-linux.sh \
	tests/e2e/ssh-windows.sh tests/e2e/faults.sh tests/e2e/collect.sh tests/e2e/privesc.sh tests/e2e/policy-rules.sh tests/e2e/reachability.sh tests/e2e/pure-plugins.sh \
	tests/e2e/ssh-options.sh tests/e2e/check-types.sh tests/e2e/limits.sh tests/e2e/fixtures

# make bench: what testing reachability from the scanner costs, and what
# auditing one host over SSH costs next to a bare ssh command.
BENCH_SHELL += tests/bench/reachability.sh tests/bench/ssh-roundtrip.sh
EXTRA_DIST += tests/bench/reachability.sh tests/bench/ssh-roundtrip.sh

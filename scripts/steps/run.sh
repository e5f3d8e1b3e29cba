#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job: base, apply, configure, build, boot, test, summarise, on
# the machine arm64-virt-smmuv3 (MACHINE= another guest machine) with every
# patch (scripts/steps/guest-run.sh). Every step is also a script of its own
# (see 'make help').
DRY_RUN_AWARE=1
. "$(dirname "$0")/../lib.sh"
step_init "$@"

stamp=$(date +%Y%m%d-%H%M%S)
export RESULTS=${RUN_RESULTS:-$TOP/results/$stamp-run}
mkdir -p "$RESULTS"
dry || link_latest "$RESULTS"
echo "results: $RESULTS"

S=$TOP/scripts
"$S/steps/deps.sh"
"$S/steps/source.sh"
code=0
"$S/steps/guest-run.sh" "$MACHINE" series || code=$?
step "done in $(elapsed) (exit $code); logs in $RESULTS"
exit $code

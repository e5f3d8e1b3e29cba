#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job: base, apply, configure, build, boot, test, summarise.
# Every step is also a script of its own (see 'make help').
. "$(dirname "$0")/lib.sh"

stamp=$(date +%Y%m%d-%H%M%S)
export RESULTS=${RUN_RESULTS:-$TOP/results/$stamp-run}
mkdir -p "$RESULTS"
ln -sfn "$RESULTS" "$TOP/results/latest"
echo "results: $RESULTS"

S=$TOP/scripts
"$S/deps.sh"
"$S/base.sh"
"$S/tree.sh"
"$S/kconfig.sh"
"$S/build-kernel.sh"
"$S/build-guest.sh"
"$S/boot.sh"
code=0
"$S/summarize.sh" || code=$?
step "done in $(elapsed) (exit $code); logs in $RESULTS"
exit $code

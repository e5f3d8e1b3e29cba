#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Proof that the KUnit suite tests the architecture: in a scratch tree (a
# git worktree of build/tree at its HEAD, build/tree-mutant), take out
# arm64's notification in flush_tlb_page() -- a one-statement
# revert of the arm64 patch -- and run the suite on arm64 with kunit.py
# (the machine arm64-virt-kunit).
# The cases that go through flush_tlb_page() must fail (flush_tlb_page,
# migrate_page, permission_upgrade); every other case must still pass.
# Prints "kunit-mutation: PASS|FAIL ...".
. "$(dirname "$0")/lib.sh"

scratch=$BUILD/tree-mutant
must_fail="stlb_flush_tlb_page stlb_migrate_page stlb_permission_upgrade"
head=$(git -C "$TREE" rev-parse HEAD) || die $EXIT_USAGE "no $TREE: run make tree first"
step "kunit-mutation: arm64 without the call in flush_tlb_page()"
if [ -e "$scratch/.git" ]; then
	run git -C "$scratch" checkout -q --force --detach "$head"
else
	rm -rf "$scratch"
	run git -C "$TREE" worktree add -q --force --detach "$scratch" "$head"
fi

# Delete the one statement that notifies in flush_tlb_page().
"$PYTHON" "$TOP/scripts/mutate.py" delete-call "$scratch/arch/arm64/include/asm/tlbflush.h" \
	flush_tlb_page mmu_notifier_arch_invalidate_secondary_tlbs ||
	die $EXIT_PATCH "the mutation does not apply to $head"
mkdir -p "$RESULTS/kunit-mutation"
git -C "$scratch" diff >"$RESULTS/kunit-mutation/mutation.diff"
sed 's/^/    /' "$RESULTS/kunit-mutation/mutation.diff"

set +e
KUNIT_MACHINES=arm64-virt-kunit KUNIT_TREE=$scratch KUNIT_EXPECT_FAIL=$must_fail \
	KUNIT_OUT=$RESULTS/kunit-mutation "$TOP/scripts/kunit-arches.sh" |
	sed 's/^kunit-arches: /kunit-mutation: /'
rc=${PIPESTATUS[0]}
git -C "$scratch" checkout -q -- arch/arm64/include/asm/tlbflush.h
exit "$rc"

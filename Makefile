# SPDX-License-Identifier: GPL-2.0
# The secondary-TLB series and its test harness. 'make help' lists targets.
# make check, check-full and the evidence runs are ./stlb.py (./stlb.py
# --help); the steps of make run are scripts under scripts/ that also run
# on their own.

.DEFAULT_GOAL := help
# GNU make exits 2 whenever a recipe fails: say which code the script
# itself returned (README: exit codes; scripts/<step>.sh returns it).
CODE = || { rc=$$?; echo "make: $@: exit code $$rc (README.md, Exit codes)" >&2; exit $$rc; }
.PHONY: help run check check-full deps source tree config kernel guest boot shell \
	summary checkpatch bisect bisect-files warnings reproducer kvm-x86 kvm-vmx kunit-arches kunit-drivers mainline \
	mutants harness-selftest unit-tests export baseline machines clean bench stress check-debug debian-versions mutants-edu

help:
	@echo 'Main jobs:'
	@echo '  make run        apply patches/series to the base, build the arm64 kernel'
	@echo '                  and guest, boot QEMU virt with an SMMUv3, run KUnit and'
	@echo '                  the vm kselftests, print the summary'
	@echo '  make check      what CI checks (45 min on a fresh 2-core machine;'
	@echo '                  ./stlb.py check, plans/check.toml):'
	@echo '                  checkpatch, make run, the reproducer on the base and the'
	@echo '                  series, KUnit on x86_64 and powerpc64le, the files each'
	@echo '                  patch can break compiled after it, harness self-tests'
	@echo '  make check-full all the evidence: make check, with a whole kernel after'
	@echo '                  every patch instead of the files, W=1/sparse, make'
	@echo '                  kunit-drivers, make mutants and mutants-edu, make kvm-x86 and'
	@echo '                  kvm-vmx, make bench, make stress on the series and make'
	@echo '                  check-debug'
	@echo 'Steps (each runs alone, in this order):'
	@echo '  make deps       install (as root) or list the Debian packages needed'
	@echo '  make source     the kernel source the series applies to, as a cached git commit'
	@echo '  make tree       build/tree: the base plus one commit per patch (editable)'
	@echo '  make config     build/tree/out-<arch>/.config from config/*.config'
	@echo '  make kernel     build the kernel (incremental, ccache)'
	@echo '  make guest      build guest-init, busybox and the kselftests into an initramfs'
	@echo '  make boot       boot the guest and run the tests (console in results/latest)'
	@echo '  make summary    judge results/latest and print the summary'
	@echo 'Other:'
	@echo '  make shell      boot the same guest to an interactive shell'
	@echo '  make export     regenerate patches/ from build/tree'
	@echo '  make checkpatch checkpatch.pl --strict on every patch'
	@echo '  make bisect     a whole kernel after each patch on three architectures'
	@echo '  make bisect-files after each patch, the C files it can break, on three'
	@echo '                  architectures (touched files and users of changed symbols)'
	@echo '  make warnings   W=1 and sparse warnings the series adds to the files it touches'
	@echo '  make reproducer the edu SVA reproducer on the base tree plus the test-only'
	@echo '                  patches and on the full series, -cpu max and cortex-a57'
	@echo '                  (KERNELS="base series", MACHINES=...)'
	@echo '  make kvm-x86    x86_64 guest under TCG (-cpu max: SVM, NPT) running kvm_amd'
	@echo '                  and KVM selftests, on the base and on the series'
	@echo '                  (KERNELS="base series")'
	@echo '  make kvm-vmx    x86_64 guest under Bochs (VMX with EPT and flexpriority)'
	@echo '                  running kvm_intel and guest/kvm-vmx.plan on the base, the'
	@echo '                  series and the mutants of tests/mutants-vmx.txt'
	@echo '  make bench      SMMU commands and guest time per workload (fork, upgrade,'
	@echo '                  munmap, THP, migration, reclaim...) on the base, the series'
	@echo '                  and Linux 6.12 (KERNELS=...; ./stlb.py bench --help)'
	@echo '  make check-debug the series on debug kernels (lockdep, KASAN, KFENCE,'
	@echo '                  kmemleak, DEBUG_VM...; any new report fails): make run, the'
	@echo '                  reproducer, the stress test, KUnit on x86_64 and powerpc64le'
	@echo '  make stress     the edu SVA stress test for 10 minutes (--seconds) on'
	@echo '                  the series (must pass) and the base (reported)'
	@echo '  make debian-versions the series on every linux-source-6.1 version of Debian'"'"'s'
	@echo '                  archive: applies, builds arm64, the reproducer on the'
	@echo '                  newest and oldest (./stlb.py debian-versions --versions)'
	@echo '  make kunit-arches the secondary_tlb KUnit suite with kunit.py on arm64, x86_64'
	@echo '                  and powerpc64le POWER9 radix guests (MACHINES=...)'
	@echo '  make kunit-drivers the same, each with a test-only driver suite beside it:'
	@echo '                  SMMUv3 SVA (arm64), VT-d SVM (x86_64), OCXL (powerpc64le)'
	@echo '  make mainline   the mainline series (patches/mainline/) on Debian'"'"'s 6.12:'
	@echo '                  git am, checkpatch of 6.12, its KUnit suite on arm64'
	@echo '                  (--kernels "base series": also 6.12 unmodified; --machines)'
	@echo '  make mutants    the mutation matrix (tests/mutants.txt): each mutant of a'
	@echo '                  call site in a scratch tree; its KUnit cases must fail'
	@echo '  make mutants-edu mutants of the test-only edu driver (tests/mutants-edu.txt)'
	@echo '                  that edu_sva_hostile must kill'
	@echo '  make harness-selftest the harness self-tests: the summary on saved'
	@echo '                  console logs, the machine files, exit codes, the dry run'
	@echo '  make unit-tests the harness'"'"'s unit tests (tests/unit/): seconds, nothing built'
	@echo '  make baseline   record results/latest as the expected pass/skip set'
	@echo '  make machines   the machines of config/machines/ (MACHINE=<name> selects one)'
	@echo '  make clean      remove build/ and results/ (the cache stays)'
	@echo 'Variables (docs/harness.md, Options): MACHINE, TIMEOUT=<s>, APPEND=<args>;'
	@echo '  for an evidence run alone KERNELS, MACHINES, FLAVOUR (its other options:'
	@echo '  ./stlb.py NAME --help); KSRC=/path/to/linux KSRC_REF=<ref> or DEBIAN_VERSION=<v>'
	@echo '  (another base), CACHE=<dir>, FORCE=1, DRY_RUN=1 (print the commands'
	@echo '  that build, boot, apply or install; run none of them)'
	@echo 'make exits 2 when a step fails; scripts/<step>.sh exits with the code'
	@echo 'of README.md, Exit codes (make prints it).'

run:
	./stlb.py run $(CODE)

check:
	./stlb.py check $(CODE)

check-full:
	./stlb.py check-full $(CODE)

deps:
	./stlb.py deps $(CODE)

source:
	./stlb.py source $(CODE)

tree:
	./stlb.py tree $(CODE)

config:
	./stlb.py config $(CODE)

kernel:
	./stlb.py kernel $(CODE)

guest:
	./stlb.py guest $(CODE)

boot:
	./stlb.py boot $(CODE)

shell:
	./stlb.py shell $(CODE)

machines:
	@./stlb.py machines

summary:
	./stlb.py summary $(CODE)

# The evidence runs: stages of ./stlb.py (harness/stages/), each run
# alone after the stages it needs, with its record.
STAGES := checkpatch bisect bisect-files warnings reproducer kvm-x86 kvm-vmx \
	bench stress check-debug debian-versions kunit-arches kunit-drivers mainline mutants mutants-edu

$(STAGES):
	./stlb.py $@ $(CODE)

# Each run applies and builds in build/: one at a time.
.NOTPARALLEL:

harness-selftest:
	./stlb.py harness-selftest $(CODE)

unit-tests:
	/usr/bin/python3 -B -m harness.unit $(CODE)

export:
	./stlb.py export $(CODE)

baseline:
	./stlb.py baseline $(CODE)

clean:
	./stlb.py clean $(CODE)

// SPDX-License-Identifier: GPL-2.0
/*
 * secondary_tlb_bench: common mm operations timed in the guest and marked
 * for QEMU's SMMUv3 trace, with nothing bound and with this process bound
 * on SSID 0 of the edu device (CONFIG_EDU_SVA_TEST, /dev/edu-sva).
 *
 * The harness (scripts/evidence/bench.sh) boots it under -icount shift=0, so guest
 * time is executed instructions, and counts on the host what the SMMU
 * received between the markers this program writes (EDU_SVA_IOC_MARK:
 * FNV-1a of "bench.<phase>.<workload>[.timed]", "bench.idle" around the
 * set-up and tear-down of each run).
 *
 * Phases:
 *   unbound  each workload once to warm up (rep=0), then -r times,
 *            nothing bound: the cost of the hook when no secondary TLB
 *            listens
 *   bound    bind and unbind; then, bound, each workload once with the
 *            kprobes of -k counting the calls of the kernel's
 *            secondary-TLB hook (the CPU TLB flushes that reach the
 *            device's notifier) between two trace markers inside the
 *            SMMU's window, then -r times timed without kprobes;
 *            then a child that binds, maps and exits without unbinding
 *
 * Output, one line per run, read by scripts/evidence/bench_table.py:
 *   bench: <phase> <workload> rep=<n> ns=<guest ns>
 *   bench: bound <workload> count ns=<guest ns> calls=<n>
 *   bench: bound <workload> call start=<hex> end=<hex>   (the first 8)
 *   bench: <phase> <workload> skipped: <why>
 * and "bench: done" last. Exit 0 when every workload ran and its checks
 * held (the page really reused, the THP really huge, the pages really
 * moved or discarded), 1 otherwise.
 *
 *   secondary_tlb_bench [-r REPS] [-p unbound|bound|both] [-w WORKLOAD]...
 *                       [-x PHASE.WORKLOAD]... [-k SYMBOL]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <misc/edu_sva_test.h>

#ifndef MADV_COLD
#define MADV_COLD	20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif
#define MPOL_MF_MOVE	(1 << 1)

#define DEV		"/dev/edu-sva"
#define TRACEFS		"/sys/kernel/tracing"
#define SMALL		64	/* pages: fork, upgrades, migration */
#define LARGE		256	/* pages: unmap, protect, aging, reclaim */
#define FORKS		10
#define HPAGE		(2UL << 20)
#define MAX_LIST	16
#define MAX_SAMPLES	8

static long page;
static int dev = -1;
static int failed;
static const char *kprobe_sym;
/* The count run's bounds in the trace buffer (TRACEFS/trace_marker). */
static const char trace_begin[] = "stlb_bench: begin\n";
static const char trace_end[] = "stlb_bench: end\n";
static int trace_marker = -1;

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("bench: error: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	failed = 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The marker scripts/evidence/smmu_trace.py attributes the SMMU's work by. */
static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static uint32_t mark_key(const char *phase, const char *workload, const char *suffix)
{
	char name[128];

	if (workload)
		snprintf(name, sizeof(name), "bench.%s.%s%s", phase, workload, suffix);
	else
		snprintf(name, sizeof(name), "bench.idle");
	return fnv1a(name);
}

static void mark_send(uint32_t m)
{
	if (ioctl(dev, EDU_SVA_IOC_MARK, &m))
		fail("mark %08x: %s", m, strerror(errno));
}

static void mark(const char *phase, const char *workload, const char *suffix)
{
	mark_send(mark_key(phase, workload, suffix));
}

static char *map_touch(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t i;

	if (p == MAP_FAILED) {
		fail("mmap %zu bytes: %s", len, strerror(errno));
		return NULL;
	}
	for (i = 0; i < len; i += page)
		p[i] = 1;
	return p;
}

/* The PFN mapping addr, 0 if none (/proc/self/pagemap, needs root). */
static uint64_t pfn_of(const void *addr)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &e, sizeof(e), (uintptr_t)addr / page * sizeof(e)) != sizeof(e))
		e = 0;
	close(fd);
	return (e >> 63) & 1 ? e & ((1ULL << 55) - 1) : 0;
}

static int fork_exit_child(void)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid)
		_exit(0);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	return 0;
}

/* One workload: set-up and tear-down untimed, run() timed. */
struct run {
	char *buf;
	size_t len;
	uint64_t pfn[SMALL];
	int node;
};

/* Write TEXT to the file PATH, opened with O_WRONLY | FLAGS. */
static int write_file(const char *path, const char *text, int flags)
{
	int fd = open(path, O_WRONLY | flags), ret;

	if (fd < 0)
		return -1;
	ret = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return ret;
}

struct workload {
	const char *name;
	int bound_only;
	int (*setup)(struct run *r);	/* > 0: skip (skip_why) */
	int (*run)(struct run *r);
	int (*check)(struct run *r);	/* after run(), before tear-down */
};

static int setup_pages(struct run *r, size_t n)
{
	r->len = n * page;
	r->buf = map_touch(r->len);
	return r->buf ? 0 : -1;
}

static int setup_small(struct run *r) { return setup_pages(r, SMALL); }
static int setup_large(struct run *r) { return setup_pages(r, LARGE); }

static int run_fork_exit(struct run *r)
{
	int i;

	(void)r;

	for (i = 0; i < FORKS; i++)
		if (fork_exit_child())
			return -1;
	return 0;
}

static int setup_cow(struct run *r)
{
	int i;

	if (setup_small(r))
		return -1;
	for (i = 0; i < SMALL; i++)
		r->pfn[i] = pfn_of(r->buf + i * page);
	return 0;
}

/* Fork, the child exits, the parent writes: in-place upgrades. */
static int run_cow_upgrade(struct run *r)
{
	size_t i;

	if (fork_exit_child())
		return -1;
	for (i = 0; i < r->len; i += page)
		r->buf[i] = 2;
	return 0;
}

static int check_reused(struct run *r)
{
	int i, n = 0;

	for (i = 0; i < (int)(r->len / page); i++)
		n += r->pfn[i] && pfn_of(r->buf + i * page) == r->pfn[i];
	if (n != (int)(r->len / page)) {
		fail("%d of %zu pages reused in place after the child exited",
		     n, r->len / page);
		return -1;
	}
	return 0;
}

static int run_munmap(struct run *r)
{
	int ret = munmap(r->buf, r->len);

	r->buf = NULL;
	return ret;
}

static int run_dontneed(struct run *r)
{
	return madvise(r->buf, r->len, MADV_DONTNEED);
}

static int run_mprotect(struct run *r)
{
	return mprotect(r->buf, r->len, PROT_READ) ||
	       mprotect(r->buf, r->len, PROT_READ | PROT_WRITE);
}

/* A 2 MiB THP, written after a fork whose child exited. */
static int setup_thp(struct run *r)
{
	char *p = mmap(NULL, 2 * HPAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *h;

	if (p == MAP_FAILED) {
		fail("mmap: %s", strerror(errno));
		return -1;
	}
	h = (char *)(((uintptr_t)p + HPAGE - 1) & ~(HPAGE - 1));
	/* Keep only the aligned 2 MiB, so tear-down is one munmap. */
	if (h > p)
		munmap(p, h - p);
	if (h + HPAGE < p + 2 * HPAGE)
		munmap(h + HPAGE, p + 2 * HPAGE - (h + HPAGE));
	r->buf = h;
	r->len = HPAGE;
	if (madvise(h, HPAGE, MADV_HUGEPAGE)) {
		fail("MADV_HUGEPAGE: %s", strerror(errno));
		return -1;
	}
	h[0] = 1;
	r->pfn[0] = pfn_of(h);
	r->pfn[1] = pfn_of(h + HPAGE - page);
	if (!r->pfn[0] || r->pfn[0] % (HPAGE / page) ||
	    r->pfn[1] != r->pfn[0] + HPAGE / page - 1) {
		fail("no THP at %p (pfn %#" PRIx64 ", last %#" PRIx64 ")",
		     h, r->pfn[0], r->pfn[1]);
		return -1;
	}
	return 0;
}

static int run_thp_upgrade(struct run *r)
{
	if (fork_exit_child())
		return -1;
	r->buf[0] = 2;
	return 0;
}

static int check_thp_reused(struct run *r)
{
	if (pfn_of(r->buf) != r->pfn[0] ||
	    pfn_of(r->buf + HPAGE - page) != r->pfn[1]) {
		fail("the THP was not reused in place after the child exited");
		return -1;
	}
	return 0;
}

static int move_pages_to(struct run *r, const int *nodes, int *status)
{
	void *pages[SMALL];
	int i;

	for (i = 0; i < SMALL; i++)
		pages[i] = r->buf + i * page;
	return syscall(__NR_move_pages, 0, SMALL, pages, nodes, status,
		       nodes ? MPOL_MF_MOVE : 0);
}

static int setup_migrate(struct run *r)
{
	int status[SMALL];

	if (setup_small(r))
		return -1;
	if (move_pages_to(r, NULL, status) || status[0] < 0) {
		fail("move_pages (query): %s", strerror(errno));
		return -1;
	}
	r->node = status[0];
	return 0;
}

static int run_migrate(struct run *r)
{
	int nodes[SMALL], status[SMALL], i;

	for (i = 0; i < SMALL; i++)
		nodes[i] = !r->node;
	return move_pages_to(r, nodes, status);
}

static int check_migrated(struct run *r)
{
	int status[SMALL], i, n = 0;

	if (move_pages_to(r, NULL, status))
		return -1;
	for (i = 0; i < SMALL; i++)
		n += status[i] == !r->node;
	if (n != SMALL) {
		fail("%d of %d pages moved to node %d", n, SMALL, !r->node);
		return -1;
	}
	return 0;
}

static int run_cold(struct run *r)
{
	return madvise(r->buf, r->len, MADV_COLD);
}

/*
 * Reclaim without swap: lazily freed pages (MADV_FREE, not written
 * since) are unmapped and discarded by MADV_PAGEOUT's shrink_folio_list().
 */
static int setup_reclaim(struct run *r)
{
	if (setup_large(r))
		return -1;
	if (madvise(r->buf, r->len, MADV_FREE)) {
		fail("MADV_FREE: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int run_reclaim(struct run *r)
{
	return madvise(r->buf, r->len, MADV_PAGEOUT);
}

static int check_discarded(struct run *r)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->len; i += page)
		n += !pfn_of(r->buf + i);
	if (n != (int)(r->len / page)) {
		fail("%d of %zu pages discarded by MADV_PAGEOUT", n, r->len / page);
		return -1;
	}
	return 0;
}

/*
 * Reclaim that checks references (MADV_PAGEOUT does not): lazily freed
 * pages that were read again, so clean and young, charged to a memory
 * cgroup of their own, and reclaimed by writing their size to its
 * memory.reclaim. Reclaim looks at each page with folio_referenced()
 * (page aging: ptep_clear_flush_young()), keeps it the first time, as it
 * is young, and discards it the next, once it finds it old. This process
 * stays in the cgroup until the check: cgroup reclaim looks at the
 * references of a mapping only when the mm belongs to the cgroup
 * reclaimed (invalid_folio_referenced_vma()).
 */
#define CGROOT		"/sys/fs/cgroup"
#define CGBENCH		CGROOT "/stlb_bench"
static char skip_why[128];

/* Move this process into the cgroup DIR (its cgroup.procs). */
static int cgroup_move(const char *dir)
{
	char path[128], pid[32];

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	snprintf(pid, sizeof(pid), "%d", getpid());
	return write_file(path, pid, 0);
}

/* 1 (skip, why in skip_why) when the kernel has no memory cgroup. */
static int setup_reclaim_refs(struct run *r)
{
	size_t i;

	if (access(CGROOT "/cgroup.controllers", F_OK) &&
	    mount("cgroup2", CGROOT, "cgroup2", 0, NULL) && errno != EBUSY) {
		snprintf(skip_why, sizeof(skip_why), "no cgroup2 at %s: %s",
			 CGROOT, strerror(errno));
		return 1;
	}
	if (write_file(CGROOT "/cgroup.subtree_control", "+memory", 0)) {
		snprintf(skip_why, sizeof(skip_why),
			 "no memory controller (CONFIG_MEMCG): %s", strerror(errno));
		return 1;
	}
	if (mkdir(CGBENCH, 0755) && errno != EEXIST) {
		fail("mkdir %s: %s", CGBENCH, strerror(errno));
		return -1;
	}
	if (cgroup_move(CGBENCH)) {
		fail("joining %s: %s", CGBENCH, strerror(errno));
		return -1;
	}
	/* Charged to CGBENCH, where they stay after this process leaves. */
	if (setup_large(r) || madvise(r->buf, r->len, MADV_FREE)) {
		fail("%zu lazily freed pages: %s", r->len / page, strerror(errno));
		cgroup_move(CGROOT);
		return -1;
	}
	for (i = 0; i < r->len; i += page)
		(void)*(volatile char *)(r->buf + i);
	return 0;
}

static int run_reclaim_refs(struct run *r)
{
	char len[32];

	/*
	 * Twice the pages' size: reclaimed slab counts too, and must not
	 * end the reclaim before the pages are gone. EAGAIN: less than
	 * that was reclaimed, as expected; check_discarded() says whether
	 * the pages went.
	 */
	snprintf(len, sizeof(len), "%zu", 2 * r->len);
	if (write_file(CGBENCH "/memory.reclaim", len, 0) && errno != EAGAIN) {
		cgroup_move(CGROOT);
		return -1;
	}
	return 0;
}

static int check_reclaim_refs(struct run *r)
{
	int ret = check_discarded(r);

	if (cgroup_move(CGROOT)) {
		fail("back to %s: %s", CGROOT, strerror(errno));
		return -1;
	}
	return ret;
}

static int run_clear_refs(struct run *r)
{
	(void)r;
	return write_file("/proc/self/clear_refs", "4", 0);
}

static int run_bind(struct run *r)
{
	(void)r;
	if (ioctl(dev, EDU_SVA_IOC_BIND))
		return -1;
	return ioctl(dev, EDU_SVA_IOC_UNBIND);
}

/* A child binds, maps and touches pages, and exits still bound. */
static int run_exit_bound(struct run *r)
{
	int st;
	pid_t pid;

	(void)r;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open(DEV, O_RDWR);

		if (fd < 0 || ioctl(fd, EDU_SVA_IOC_BIND) || !map_touch(SMALL * page))
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	return 0;
}

static const struct workload workloads[] = {
	{ "bind", 1, NULL, run_bind, NULL },
	{ "fork_exit", 0, setup_small, run_fork_exit, NULL },
	{ "cow_upgrade", 0, setup_cow, run_cow_upgrade, check_reused },
	{ "munmap", 0, setup_large, run_munmap, NULL },
	{ "dontneed", 0, setup_large, run_dontneed, NULL },
	{ "mprotect", 0, setup_large, run_mprotect, NULL },
	{ "thp_upgrade", 0, setup_thp, run_thp_upgrade, check_thp_reused },
	{ "migrate", 0, setup_migrate, run_migrate, check_migrated },
	{ "cold", 0, setup_large, run_cold, NULL },
	{ "reclaim", 0, setup_reclaim, run_reclaim, check_discarded },
	{ "reclaim_refs", 0, setup_reclaim_refs, run_reclaim_refs, check_reclaim_refs },
	{ "clear_refs", 0, setup_large, run_clear_refs, NULL },
	{ "exit_bound", 1, NULL, run_exit_bound, NULL },
};

#define NR_WORKLOADS	(sizeof(workloads) / sizeof(workloads[0]))

static const char *only[MAX_LIST], *excluded[MAX_LIST];
static int nr_only, nr_excluded;

static int listed(const char **list, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

/* kprobe events: write a tracefs file. */
static int tracefs_write(const char *file, const char *text, int append)
{
	char path[256];

	snprintf(path, sizeof(path), TRACEFS "/%s", file);
	return write_file(path, text, append ? O_APPEND : O_TRUNC);
}

static int kprobe_setup(void)
{
	char def[256];

	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) && errno != EBUSY) {
		fail("mount tracefs: %s", strerror(errno));
		return -1;
	}
	/* arm64: x0 is the mm, x1 and x2 the range of the hook. */
	snprintf(def, sizeof(def), "p:stlb_bench/call %s start=%%x1:x64 end=%%x2:x64\n",
		 kprobe_sym);
	if (tracefs_write("kprobe_events", def, 1)) {
		fail("kprobe on %s: %s", kprobe_sym, strerror(errno));
		return -1;
	}
	trace_marker = open(TRACEFS "/trace_marker", O_WRONLY);
	if (trace_marker < 0) {
		fail("open %s/trace_marker: %s", TRACEFS, strerror(errno));
		return -1;
	}
	return 0;
}

static int kprobe_enable(int on)
{
	if (on && tracefs_write("trace", "", 0))
		return -1;
	return tracefs_write("events/stlb_bench/call/enable", on ? "1\n" : "0\n", 0);
}

/*
 * The calls of the hook between the trace markers "stlb_bench: begin" and
 * "stlb_bench: end", from the trace buffer, the first MAX_SAMPLES ranges
 * kept in samples[]. -1 if either marker is missing (e.g. the buffer
 * wrapped).
 */
static char samples[MAX_SAMPLES][128];

static long kprobe_count(void)
{
	char line[512], *p;
	long calls = 0;
	int in = 0, done = 0;
	FILE *f = fopen(TRACEFS "/trace", "r");

	if (!f)
		return -1;
	while (!done && fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		if (strstr(line, "tracing_mark_write: stlb_bench: begin")) {
			in = 1;
			continue;
		}
		if (strstr(line, "tracing_mark_write: stlb_bench: end")) {
			done = in;
			break;
		}
		p = strstr(line, "start=");
		if (!in || !p || !strstr(line, " call: "))
			continue;
		if (calls < MAX_SAMPLES)
			snprintf(samples[calls], sizeof(samples[calls]), "%s", p);
		calls++;
	}
	fclose(f);
	return done ? calls : -1;
}

/*
 * One run of a workload. QEMU attributes the SMMU's work to the marker
 * sent last; the count run brackets the workload with trace markers
 * inside the SMMU's window, with nothing between them that writes memory
 * of its own (both marker values and strings are ready beforehand), so
 * that the hook calls counted are those of the commands counted: a write
 * of this program after a fork of the workload, to a page the fork made
 * read-only, is a hook call of its own (an in-place upgrade).
 */
static void run_one(const char *phase, const struct workload *w, int rep, int count)
{
	struct run r = { 0 };
	uint32_t m_run, m_idle;
	uint64_t t0, t1;
	int traced = count && kprobe_sym, ret;

	mark(phase, NULL, "");
	ret = w->setup ? w->setup(&r) : 0;
	if (ret > 0)	/* the kernel cannot run it */
		printf("bench: %s %s skipped: %s\n", phase, w->name, skip_why);
	if (ret)
		goto out;
	if (traced && kprobe_enable(1)) {
		fail("kprobe: %s", strerror(errno));
		goto out;
	}
	m_run = mark_key(phase, w->name, count || !strcmp(phase, "unbound") ? "" : ".timed");
	m_idle = mark_key(phase, NULL, "");
	mark_send(m_run);
	if (traced && write(trace_marker, trace_begin, sizeof(trace_begin) - 1) < 0)
		fail("trace_marker: %s", strerror(errno));
	t0 = now_ns();
	if (w->run(&r)) {
		fail("%s %s: %s", phase, w->name, strerror(errno));
		goto out;
	}
	t1 = now_ns();
	if (traced && write(trace_marker, trace_end, sizeof(trace_end) - 1) < 0)
		fail("trace_marker: %s", strerror(errno));
	mark_send(m_idle);
	if (traced)
		kprobe_enable(0);
	if (w->check && w->check(&r))
		goto out;
	if (count) {
		long calls = traced ? kprobe_count() : 0, i;

		if (calls < 0) {
			fail("%s %s: no trace markers around the calls in %s/trace",
			     phase, w->name, TRACEFS);
			goto out;
		}
		printf("bench: %s %s count ns=%" PRIu64, phase, w->name, t1 - t0);
		if (traced)
			printf(" calls=%ld", calls);
		printf("\n");
		for (i = 0; i < calls && i < MAX_SAMPLES; i++)
			printf("bench: %s %s call %s", phase, w->name, samples[i]);
	} else {
		printf("bench: %s %s rep=%d ns=%" PRIu64 "\n", phase, w->name, rep, t1 - t0);
	}
out:
	fflush(stdout);
	if (r.buf)
		munmap(r.buf, r.len);
}

static void run_workload(const char *phase, const struct workload *w, int reps)
{
	char key[128];
	int i;

	if (nr_only && !listed(only, nr_only, w->name))
		return;
	snprintf(key, sizeof(key), "%s.%s", phase, w->name);
	if (listed(excluded, nr_excluded, key)) {
		printf("bench: %s %s skipped: excluded by the harness (-x)\n", phase, w->name);
		return;
	}
	/*
	 * First a run whose time is not counted: bound, it is the one the
	 * kprobe counts; unbound, a warm-up (rep=0, which the tables skip).
	 */
	run_one(phase, w, 0, !strcmp(phase, "bound"));
	for (i = 1; i <= reps; i++)
		run_one(phase, w, i, 0);
}

/* The binding is live: a page goes to the device and back to another. */
static int dma_check(void)
{
	struct edu_sva_dma d = { 0 };
	char *p = map_touch(2 * page);
	int ok;

	if (!p)
		return -1;
	memset(p, 0x5a, 256);
	d.addr = (uintptr_t)p;
	d.len = 256;
	ok = !ioctl(dev, EDU_SVA_IOC_DMA, &d) && d.result == EDU_SVA_OK;
	memset(&d, 0, sizeof(d));
	d.addr = (uintptr_t)(p + page);
	d.len = 256;
	d.flags = EDU_SVA_DMA_FROM_DEVICE;
	ok = ok && !ioctl(dev, EDU_SVA_IOC_DMA, &d) && d.result == EDU_SVA_OK &&
	     !memcmp(p, p + page, 256);
	munmap(p, 2 * page);
	if (!ok)
		fail("DMA through the binding: result %u, faults %u", d.result, d.faults);
	return ok ? 0 : -1;
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-r REPS] [-p unbound|bound|both] [-w WORKLOAD]... "
		"[-x PHASE.WORKLOAD]... [-k SYMBOL]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *phases = "both";
	struct edu_sva_info info = { 0 };
	int reps = 5, opt;
	size_t i;

	while ((opt = getopt(argc, argv, "r:p:w:x:k:")) != -1) {
		switch (opt) {
		case 'r':
			reps = atoi(optarg);
			break;
		case 'p':
			phases = optarg;
			break;
		case 'w':
			if (nr_only == MAX_LIST)
				usage(argv[0]);
			only[nr_only++] = optarg;
			break;
		case 'x':
			if (nr_excluded == MAX_LIST)
				usage(argv[0]);
			excluded[nr_excluded++] = optarg;
			break;
		case 'k':
			kprobe_sym = optarg;
			break;
		default:
			usage(argv[0]);
		}
	}
	if (optind != argc || reps < 0 || (strcmp(phases, "both") &&
	    strcmp(phases, "bound") && strcmp(phases, "unbound")))
		usage(argv[0]);
	for (i = 0; i < (size_t)nr_only; i++) {
		size_t j;

		for (j = 0; j < NR_WORKLOADS && strcmp(workloads[j].name, only[i]); j++)
			;
		if (j == NR_WORKLOADS) {
			fprintf(stderr, "unknown workload %s\n", only[i]);
			usage(argv[0]);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	page = sysconf(_SC_PAGESIZE);
	dev = open(DEV, O_RDWR);
	if (dev < 0) {
		printf("bench: error: open %s: %s\n", DEV, strerror(errno));
		return 1;
	}
	ioctl(dev, EDU_SVA_IOC_INFO, &info);
	printf("bench: info page_size=%ld reps=%d hw_dirty=%d kprobe=%s\n", page, reps,
	       !!(info.flags & EDU_SVA_INFO_HW_DIRTY), kprobe_sym ? kprobe_sym : "none");
	if (kprobe_sym && kprobe_setup())
		return 1;

	if (strcmp(phases, "bound"))
		for (i = 0; i < NR_WORKLOADS; i++)
			if (!workloads[i].bound_only)
				run_workload("unbound", &workloads[i], reps);
	if (strcmp(phases, "unbound")) {
		run_workload("bound", &workloads[0], reps);
		if (ioctl(dev, EDU_SVA_IOC_BIND)) {
			printf("bench: error: bind: %s\n", strerror(errno));
			return 1;
		}
		if (!dma_check())
			for (i = 1; i < NR_WORKLOADS; i++)
				if (!workloads[i].bound_only)
					run_workload("bound", &workloads[i], reps);
		if (ioctl(dev, EDU_SVA_IOC_UNBIND))
			fail("unbind: %s", strerror(errno));
		for (i = 1; i < NR_WORKLOADS; i++)
			if (workloads[i].bound_only)
				run_workload("bound", &workloads[i], reps);
	}
	mark("idle", NULL, "");
	printf("bench: %s\n", failed ? "failed" : "done");
	return failed;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * guest-init: PID 1 of the test guest.
 *
 * Mounts the pseudo filesystems, then either starts an interactive shell
 * (kernel command line "guest.mode=shell") or runs every test listed in a
 * plan file ("guest.plan=/kselftest/vm/tests.plan" by default) and prints the
 * results as one KTAP document on the console:
 *
 *	guest-init: tests begin
 *	KTAP version 1
 *	1..N
 *	    <the test's own output: TAP indented as a subtest, or, when the
 *	     program does not print TAP, every line as a "# " diagnostic>
 *	ok 1 name			(exit 0)
 *	ok 2 name # SKIP		(exit 4, the kselftest skip code)
 *	not ok 3 name			(any other exit, a signal, or a timeout)
 *	guest-init: tests end
 *
 * and then powers the machine off. A test that outlives its timeout has
 * its whole process group killed and "guest-init: TIMEOUT name" printed.
 *
 * Plan file: one test a line, "name timeout-seconds program [args...]",
 * run with the working directory of the plan file; '#' starts a comment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS	32
#define KSFT_SKIP	4

static char cmdline[4096];

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static void try_mount(const char *src, const char *dst, const char *type,
		      const char *opts)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, 0, opts) && errno != EBUSY)
		say("guest-init: mount %s on %s: %s\n", type, dst, strerror(errno));
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		say("guest-init: write %s to %s: %s\n", val, path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* Value of "key=value" on the kernel command line, or def. */
static const char *param(const char *key, const char *def)
{
	static char val[256];
	size_t klen = strlen(key);
	char *p = cmdline;

	while ((p = strstr(p, key))) {
		if ((p == cmdline || p[-1] == ' ') && p[klen] == '=') {
			size_t n = strcspn(p + klen + 1, " \n");

			if (n >= sizeof(val))
				n = sizeof(val) - 1;
			memcpy(val, p + klen + 1, n);
			val[n] = '\0';
			return val;
		}
		p += klen;
	}
	return def;
}

static void setup(void)
{
	int fd;

	try_mount("proc", "/proc", "proc", NULL);
	try_mount("sysfs", "/sys", "sysfs", NULL);
	try_mount("devtmpfs", "/dev", "devtmpfs", NULL);
	try_mount("debugfs", "/sys/kernel/debug", "debugfs", NULL);
	try_mount("tmpfs", "/tmp", "tmpfs", NULL);
	try_mount("none", "/huge", "hugetlbfs", NULL);

	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, cmdline, sizeof(cmdline) - 1);

		cmdline[n > 0 ? n : 0] = '\0';
		close(fd);
	}
}

static void power_off(void)
{
	/* Let the serial port send what is queued (slow under Bochs). */
	tcdrain(STDOUT_FILENO);
	sync();
	reboot(RB_POWER_OFF);
	say("guest-init: power off failed: %s\n", strerror(errno));
	for (;;)
		pause();
}

static void shell(void)
{
	char *const argv[] = { "/bin/sh", NULL };
	pid_t pid;

	say("guest-init: interactive shell; 'poweroff -f' or Ctrl-a x to leave\n");
	pid = fork();
	if (pid == 0) {
		setsid();
		ioctl(0, TIOCSCTTY, 1);
		if (system("/bin/busybox --install -s /bin") != 0)
			say("guest-init: busybox --install failed\n");
		execv(argv[0], argv);
		say("guest-init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	power_off();
}

/*
 * Print the child's output, line by line, in KTAP form. Until the child
 * prints a TAP version line or a plan, its lines are diagnostics ("# ").
 * Some tests (mremap_test) print their plan without a version line: one
 * is supplied, so the kernel's KTAP parser sees a proper nested test.
 */
struct relay {
	char buf[4096];
	size_t len;
	int is_tap;
};

static int is_plan(const char *line)
{
	const char *p = line;

	if (strncmp(p, "1..", 3))
		return 0;
	for (p += 3; *p >= '0' && *p <= '9'; p++)
		;
	return p > line + 3 && *p == '\0';
}

static void relay_line(struct relay *r, const char *line)
{
	if (!r->is_tap) {
		if (!strncmp(line, "TAP version", 11) ||
		    !strncmp(line, "KTAP version", 12)) {
			r->is_tap = 1;
		} else if (is_plan(line)) {
			say("    TAP version 13\n");
			r->is_tap = 1;
		}
	}
	say(r->is_tap ? "    %s\n" : "    # %s\n", line);
}

static void relay_data(struct relay *r, const char *data, size_t n, int flush)
{
	char *nl;

	while (n) {
		size_t take = sizeof(r->buf) - 1 - r->len;

		if (take > n)
			take = n;
		memcpy(r->buf + r->len, data, take);
		r->len += take;
		data += take;
		n -= take;
		r->buf[r->len] = '\0';
		while ((nl = strchr(r->buf, '\n'))) {
			*nl = '\0';
			relay_line(r, r->buf);
			r->len -= nl + 1 - r->buf;
			memmove(r->buf, nl + 1, r->len + 1);
		}
		if (r->len == sizeof(r->buf) - 1) {
			relay_line(r, r->buf);
			r->len = 0;
		}
	}
	if (flush && r->len) {
		r->buf[r->len] = '\0';
		relay_line(r, r->buf);
		r->len = 0;
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run one test; print its result line; return 0 if it passed or skipped. */
static int run_test(int num, const char *name, int timeout, char **argv)
{
	struct relay r = { .is_tap = 0 };
	int pipefd[2], status = 0, timed_out = 0, exited = 0;
	double start = now();
	pid_t pid;

	if (pipe(pipefd)) {
		say("not ok %d %s # pipe: %s\n", num, name, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		close(pipefd[1]);
		/* Leading NAME=value words: the test's environment. */
		while (argv[0] && argv[0][0] != '.' && argv[0][0] != '/' &&
		       strchr(argv[0], '='))
			putenv(*argv++);
		if (!argv[0]) {
			printf("guest-init: %s: no program after the variables\n", name);
			_exit(127);
		}
		execv(argv[0], argv);
		printf("guest-init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		say("not ok %d %s # fork: %s\n", num, name, strerror(errno));
		return -1;
	}
	setpgid(pid, pid);

	/*
	 * Relay output until the test exits (not until EOF: a test that
	 * leaves children behind keeps the pipe open) or times out.
	 */
	for (;;) {
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		double left = start + timeout - now();
		char data[1024];
		ssize_t n;

		if (!exited && waitpid(pid, &status, WNOHANG) == pid)
			exited = 1;
		if (left <= 0 && !exited) {
			timed_out = 1;
			break;
		}
		/* After the exit, only drain what is already in the pipe. */
		if (poll(&pfd, 1, exited ? 0 : 100) < 0 && errno != EINTR)
			break;
		if (!(pfd.revents & (POLLIN | POLLHUP))) {
			if (exited)
				break;
			continue;
		}
		n = read(pipefd[0], data, sizeof(data));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (exited)
				break;
			/* EOF before the exit: just wait for the exit. */
			pfd.fd = -1;
			while (!exited && now() < start + timeout) {
				if (waitpid(pid, &status, WNOHANG) == pid)
					exited = 1;
				else
					usleep(100000);
			}
			if (!exited)
				timed_out = 1;
			break;
		}
		relay_data(&r, data, n, 0);
	}
	if (timed_out) {
		kill(-pid, SIGKILL);
		say("guest-init: TIMEOUT %s after %d s\n", name, timeout);
	}
	relay_data(&r, "", 0, 1);
	close(pipefd[0]);
	/* Kill and reap anything the test left behind in its group. */
	kill(-pid, SIGKILL);
	while (!exited && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;

	say("# guest-init: %s took %.1f s\n", name, now() - start);
	if (timed_out) {
		say("not ok %d %s # TIMEOUT\n", num, name);
		return -1;
	}
	if (WIFSIGNALED(status)) {
		say("not ok %d %s # killed by signal %d\n", num, name,
		    WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) == 0) {
		say("ok %d %s\n", num, name);
		return 0;
	}
	if (WEXITSTATUS(status) == KSFT_SKIP) {
		say("ok %d %s # SKIP\n", num, name);
		return 0;
	}
	say("not ok %d %s # exit status %d\n", num, name, WEXITSTATUS(status));
	return -1;
}

static int split(char *line, char **argv)
{
	int argc = 0;
	char *tok, *save;

	for (tok = strtok_r(line, " \t\n", &save); tok && argc < MAX_ARGS;
	     tok = strtok_r(NULL, " \t\n", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

static int plan_lines(const char *path, char lines[][512], int max)
{
	FILE *f = fopen(path, "r");
	char buf[512];
	int n = 0;

	if (!f)
		return -1;
	while (n < max && fgets(buf, sizeof(buf), f)) {
		char *p = buf + strspn(buf, " \t");

		if (*p == '#' || *p == '\n' || *p == '\0')
			continue;
		snprintf(lines[n++], sizeof(lines[0]), "%s", p);
	}
	fclose(f);
	return n;
}

static void run_plan(const char *plan)
{
	static char lines[256][512];
	char dir[512], *slash;
	int n, i, failed = 0;

	n = plan_lines(plan, lines, 256);
	say("guest-init: tests begin\n");
	if (n < 0) {
		say("guest-init: cannot read plan %s: %s\n", plan, strerror(errno));
		return;
	}
	snprintf(dir, sizeof(dir), "%s", plan);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (chdir(dir))
			say("guest-init: chdir %s: %s\n", dir, strerror(errno));
	}

	say("KTAP version 1\n1..%d\n", n);
	for (i = 0; i < n; i++) {
		char *argv[MAX_ARGS + 1];
		char *name, *end;
		int argc = split(lines[i], argv);
		long timeout;

		if (argc < 3) {
			say("not ok %d plan-line-%d # malformed plan line\n",
			    i + 1, i + 1);
			failed++;
			continue;
		}
		name = argv[0];
		timeout = strtol(argv[1], &end, 10);
		if (*end || timeout <= 0) {
			say("not ok %d %s # bad timeout '%s'\n", i + 1, name,
			    argv[1]);
			failed++;
			continue;
		}
		if (run_test(i + 1, name, (int)timeout, argv + 2))
			failed++;
	}
	say("# guest-init: %d of %d tests failed\n", failed, n);
	say("guest-init: tests end\n");
}

int main(void)
{
	setup();
	say("guest-init: start\n");

	if (!strcmp(param("guest.mode", "test"), "shell"))
		shell();

	/* Keep informational printk off the console while tests print. */
	write_file("/proc/sys/kernel/printk", param("guest.loglevel", "4"));
	write_file("/proc/sys/vm/nr_hugepages", param("guest.hugepages", "128"));
	run_plan(param("guest.plan", "/kselftest/vm/tests.plan"));
	power_off();
	return 0;
}

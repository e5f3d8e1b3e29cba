// SPDX-License-Identifier: GPL-2.0
/*
 * kmemleak_check: the last test of a debug kernel's plan (make
 * check-debug). Asks kmemleak (CONFIG_DEBUG_KMEMLEAK) to scan memory,
 * twice with a pause, as Documentation/dev-tools/kmemleak.rst advises
 * against transient false positives, then prints every unreferenced
 * object it reports.
 *
 * A leak whose backtrace names a function of known_leaks[] is the
 * base's, listed with its reason and not counted.
 *
 * Exit 0: no leak; 1: leaks (listed); 4 (skip): no kmemleak in this kernel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define KMEMLEAK	"/sys/kernel/debug/kmemleak"
#define KSFT_SKIP	4
#define MAX_OBJECT	8192

/* Leaks of the base kernel, by a function in their backtrace. */
static const struct {
	const char *function, *reason;
} known_leaks[] = {
	{ "filter_suites_test",
	  "6.1's KUnit executor test does not free the suites kunit_filter_suites() copies" },
};

/* Each line of text, after "kmemleak: " and what. */
static void print_lines(const char *what, const char *text)
{
	const char *end;

	for (; *text; text = *end ? end + 1 : end) {
		end = strchrnul(text, '\n');
		printf("kmemleak: %s%.*s\n", what, (int)(end - text), text);
	}
}

/* One object's report: counted, or named as known. */
static int report(const char *object)
{
	char what[160];
	size_t i;

	if (!*object)
		return 0;
	for (i = 0; i < sizeof(known_leaks) / sizeof(known_leaks[0]); i++) {
		if (strstr(object, known_leaks[i].function)) {
			snprintf(what, sizeof(what), "known (%s): ", known_leaks[i].reason);
			print_lines(what, object);
			return 0;
		}
	}
	print_lines("", object);
	return 1;
}

static int command(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd) ? 0 : -1;
	close(fd);
	return ret;
}

int main(void)
{
	static char object[MAX_OBJECT];
	char line[512];
	int leaks = 0;
	FILE *f;

	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) && errno != EBUSY) {
		printf("kmemleak: cannot mount debugfs: %s\n", strerror(errno));
		return 1;
	}
	if (access(KMEMLEAK, F_OK)) {
		printf("kmemleak: no %s: not a kmemleak kernel\n", KMEMLEAK);
		return KSFT_SKIP;
	}
	if (command("scan") || (sleep(5), command("scan"))) {
		printf("kmemleak: scan: %s (disabled after an error? see the console)\n",
		       strerror(errno));
		return 1;
	}
	f = fopen(KMEMLEAK, "r");
	if (!f) {
		printf("kmemleak: %s: %s\n", KMEMLEAK, strerror(errno));
		return 1;
	}
	/* An object's report: its "unreferenced object" line and what follows. */
	object[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "unreferenced object", 19)) {
			leaks += report(object);
			object[0] = '\0';
		}
		if (strlen(object) + strlen(line) < sizeof(object))
			strcat(object, line);
	}
	leaks += report(object);
	fclose(f);
	printf("kmemleak: %d unreferenced object(s) not known\n", leaks);
	return leaks ? 1 : 0;
}

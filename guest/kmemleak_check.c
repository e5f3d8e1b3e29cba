// SPDX-License-Identifier: GPL-2.0
/*
 * kmemleak_check: the last test of a debug kernel's plan (make
 * check-debug). Asks kmemleak (CONFIG_DEBUG_KMEMLEAK) to scan memory,
 * twice with a pause, as Documentation/dev-tools/kmemleak.rst advises
 * against transient false positives, then prints every unreferenced
 * object it reports.
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
	while (fgets(line, sizeof(line), f)) {
		leaks += !strncmp(line, "unreferenced object", 19);
		printf("kmemleak: %s", line);
	}
	fclose(f);
	printf("kmemleak: %d unreferenced object(s)\n", leaks);
	return leaks ? 1 : 0;
}

/* speed-target.c - the program bench/speed-bench.c debugs (built -g -O0).

   Usage: speed-target attach STATUSFILE [-b MIB] [-t LIFETIME_S]
	  speed-target gdb NEXT_ITERATIONS COND_CALLS

   attach: fills a malloc'd buffer of MIB MiB (default 64) with a known
   pattern (every page touched, so all of it is resident: the memory
   rows read real pages), writes
     speed-target ready=1 pid=P hit=ADDR buf=ADDR len=BYTES
   (decimal) to STATUSFILE (write + rename), then calls hit() in an
   endless loop on its only thread: the benchmark attaches to it, single
   steps it, puts its breakpoint on hit() and reads the buffer.  It exits
   after LIFETIME_S seconds (default 600), in case the benchmark dies.
   Word J of the buffer is J * 0x9e3779b97f4a7c15 (little endian).

   gdb: for GDB's rows.  next_loop() runs a loop of NEXT_ITERATIONS
   iterations written on one source line (GDB's `next` steps over it),
   then main calls f(i) COND_CALLS times (`break f if i == -1` is never
   true), and the program exits.  */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile long sink;

/* The breakpoint and single-step target of the attach mode.  */
static long __attribute__((noinline)) hit(long c)
{
	return c + 1;
}

/* The conditional breakpoint's function.  */
static int __attribute__((noinline)) f(int i)
{
	return i & 1;
}

/* One statement on one line, so that one `next` runs the whole loop.  */
static long __attribute__((noinline)) next_loop(long n, long sum)
{
	/* clang-format off */
	for (long i = 0; i < n; i++) sum += i ^ (sum >> 3);
	/* clang-format on */
	return sum; /* after-next */
}

static int attach_mode(const char *status, size_t mib, unsigned lifetime)
{
	size_t len = mib << 20, words = len / 8;
	uint64_t *buf = malloc(len);
	char tmp[4200];
	FILE *fp;
	long c = 0;

	if (!buf) {
		perror("malloc");
		return 1;
	}
	for (size_t j = 0; j < words; j++)
		buf[j] = (uint64_t)j * 0x9e3779b97f4a7c15ULL;
	snprintf(tmp, sizeof(tmp), "%s.tmp", status);
	fp = fopen(tmp, "w");
	if (!fp) {
		perror(tmp);
		return 1;
	}
	fprintf(fp, "speed-target ready=1 pid=%d hit=%lu buf=%lu len=%zu\n",
		(int)getpid(), (unsigned long)(uintptr_t)hit,
		(unsigned long)(uintptr_t)buf, len);
	fclose(fp);
	if (rename(tmp, status) < 0) {
		perror("rename");
		return 1;
	}
	alarm(lifetime);
	for (;;)
		c = hit(c);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "attach") == 0) {
		size_t mib = 64;
		unsigned lifetime = 600;

		for (int i = 3; i + 1 < argc; i += 2) {
			if (strcmp(argv[i], "-b") == 0)
				mib = strtoul(argv[i + 1], NULL, 10);
			else if (strcmp(argv[i], "-t") == 0)
				lifetime = (unsigned)atoi(argv[i + 1]);
		}
		return attach_mode(argv[2], mib ? mib : 1, lifetime);
	}
	if (argc == 4 && strcmp(argv[1], "gdb") == 0) {
		long calls = atol(argv[3]), acc = next_loop(atol(argv[2]), 0);

		for (long i = 0; i < calls; i++)
			acc += f((int)i);
		sink = acc;
		return 0;
	}
	fprintf(stderr,
		"usage: %s attach STATUSFILE [-b MIB] [-t LIFETIME_S]\n"
		"       %s gdb NEXT_ITERATIONS COND_CALLS\n",
		argv[0], argv[0]);
	return 2;
}

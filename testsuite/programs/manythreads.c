/* manythreads.c - COUNT threads that are all blocked or all spinning, for
   the scale tests and the benchmark.

   Usage: manythreads COUNT blocked|spin STATUSFILE [-t LIFETIME_S]
			[-x exit|exec|exec-seized]

   blocked: each thread loops in nanosleep(1 s); spin: each thread loops
   incrementing its counter.  The main thread rewrites STATUSFILE every
   200 ms (write + rename):
     threads=N ready=0|1 min=M total=T pid=P
   where min is the smallest per-thread progress count (a thread that
   stopped making progress keeps it from rising) and ready=1 once every
   thread has started and counted once (so min=0 later means a thread
   that stopped, not one still waiting for its first turn).  It exits after LIFETIME_S (default 300).

   -x exit|exec: a watcher thread, started last (the highest tid), polls
   the main thread's TracerPid every 100 us and, as soon as a tracer
   shows up (that is, while a stub is still attaching to the other
   threads, in /proc/PID/task order: main thread first), calls
   exit_group(0), or execs this program as "manythreads --execed
   STATUSFILE", which then writes "execed=1 pid=P count=N" every 200 ms
   and sleeps.  exec-seized: the same exec, but only once the watcher
   thread itself is traced (the exec is then a ptrace event).  */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int count;
static int spin;
static unsigned long *progress;
static int started;
static int go; /* a futex: every worker waits on it, released at once */
static const char *status_path;
static const char *on_attach;

static void *worker(void *arg)
{
	unsigned long *mine = &progress[(long)arg];
	struct timespec ts = { 1, 0 };

	/* Wait until all are created: spinners would starve the creator.
	   Not a condition variable: its mutex would let the workers out
	   one scheduling turn at a time, which with thousands of spinners
	   takes minutes for the last ones.  */
	__atomic_add_fetch(&started, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &go, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	if (spin) {
		for (;;)
			__atomic_store_n(mine, *mine + 1, __ATOMIC_RELAXED);
	}
	for (;;) {
		__atomic_store_n(mine, *mine + 1, __ATOMIC_RELAXED);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static int traced(pid_t pid, pid_t tid)
{
	char path[64], buf[2048], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid,
		 (int)tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strstr(buf, "TracerPid:");
	return p && atoi(p + 10) != 0;
}

static char *self_path;

static void *watcher(void *arg)
{
	pid_t pid = getpid();
	pid_t watched = strcmp(on_attach, "exec-seized") == 0 ? gettid() : pid;

	(void)arg;
	while (!traced(pid, watched))
		usleep(100);
	if (strncmp(on_attach, "exec", 4) == 0) {
		char *args[] = { self_path, "--execed", (char *)status_path,
				 NULL };

		execv("/proc/self/exe", args);
		perror("execv");
	}
	syscall(SYS_exit_group, 0);
	return NULL;
}

static void write_file(const char *text)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", status_path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fputs(text, f);
	if (fclose(f) == 0)
		rename(tmp, status_path);
}

static int execed(void)
{
	char line[256];
	unsigned long n = 0;

	for (;;) {
		snprintf(line, sizeof(line), "execed=1 pid=%d count=%lu\n",
			 (int)getpid(), n++);
		write_file(line);
		usleep(200000);
		if (n > 5 * 300)
			return 0;
	}
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t th;
	struct timespec now;
	time_t end;
	int lifetime = 300, opt;

	self_path = argv[0];
	if (argc == 3 && strcmp(argv[1], "--execed") == 0) {
		status_path = argv[2];
		return execed();
	}
	while ((opt = getopt(argc, argv, "t:x:")) != -1) {
		if (opt == 't')
			lifetime = atoi(optarg);
		else if (opt == 'x')
			on_attach = optarg;
		else
			goto usage;
	}
	if (argc - optind != 3)
		goto usage;
	count = atoi(argv[optind]);
	spin = strcmp(argv[optind + 1], "spin") == 0;
	status_path = argv[optind + 2];
	if (count < 0 || (!spin && strcmp(argv[optind + 1], "blocked")))
		goto usage;
	progress = calloc((size_t)count + 1, sizeof(*progress));
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (long i = 0; i < count; i++) {
		if (pthread_create(&th, &attr, worker, (void *)i) != 0) {
			perror("pthread_create");
			return 2;
		}
	}
	/* The watcher last: the highest tid, so a stub that attaches in
	   /proc/PID/task order traces it last and it acts mid-attach.  */
	if (on_attach && pthread_create(&th, &attr, watcher, NULL) != 0) {
		perror("pthread_create");
		return 2;
	}
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < count)
		usleep(1000);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &go, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
	/* The monotonic clock: the wall clock may jump.  */
	clock_gettime(CLOCK_MONOTONIC, &now);
	end = now.tv_sec + lifetime;
	while (clock_gettime(CLOCK_MONOTONIC, &now) == 0 && now.tv_sec < end) {
		char line[256];
		unsigned long min = ~0UL, total = 0;
		int ready;

		for (int i = 0; i < count; i++) {
			unsigned long v =
				__atomic_load_n(&progress[i], __ATOMIC_RELAXED);

			total += v;
			if (v < min)
				min = v;
		}
		if (!count)
			min = 0;
		ready = __atomic_load_n(&started, __ATOMIC_ACQUIRE) == count &&
			(min > 0 || !count);
		snprintf(line, sizeof(line),
			 "threads=%d ready=%d min=%lu total=%lu pid=%d\n",
			 count, ready, min, total, (int)getpid());
		write_file(line);
		usleep(200000);
	}
	return 0;
usage:
	fprintf(stderr,
		"usage: %s COUNT blocked|spin STATUSFILE [-t LIFETIME_S] "
		"[-x exit|exec|exec-seized]\n",
		argv[0]);
	return 2;
}

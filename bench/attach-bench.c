/* attach-bench.c - quietstub's non-perturbation and scale benchmark: runs
   each stub given on the command line (quietstub and gdbserver) against
   the same programs in the same run and prints two tables side by side.

   1. Perturbation: testsuite/programs/perturb (one thread per blocking
      call, a parent watching it, a sleeping child and a signal witness in
      its process group): attach (vAttach), 20 x (continue, interrupt),
      detach, in all-stop (0x03) and non-stop mode (vCont;t).  Early
      returns per call, the signals the stub sent (it runs under a small
      ptrace syscall counter that counts its kill/tkill/tgkill/
      rt_*sigqueueinfo calls by signal), what the parent and the process
      group saw, the sleeping child, the state after the detach.
   2. Scale: testsuite/programs/manythreads with 1, 100, 1000 and 4000
      threads, all blocked and all spinning: attach (all-stop: until the
      stop reply; non-stop: until OK), qfThreadInfo/qsThreadInfo round
      trips, interrupt-all (all-stop: 0x03 until the stop reply; non-stop:
      vCont;t until every thread's stop has been received with vStopped)
      and detach (D until OK), medians of RUNS runs, with the ratio to the
      raw floor: a C loop that only PTRACE_SEIZEs every thread (rescanning
      /proc/PID/task), PTRACE_INTERRUPTs them all and waits for the stops,
      and PTRACE_DETACHes them.

   The RSP client, the stub and program handling are in rsp-client-lib.c,
   shared with speed-bench.c.  Every wait is bounded; every process
   started is killed by pid.  Not a timed test.

   Usage: attach-bench [-r RUNS] [-n LIST] [-m MODES] [-s] [-p] [-v]
			-d PROGDIR NAME=STUB [NAME=STUB ...]
     -r RUNS    runs per scale figure (median), default 3
     -n LIST    thread counts, default 1,100,1000,4000
     -m MODES   blocked,spin (default both)
     -s / -p    only the scale / only the perturbation part
     -d PROGDIR where perturb and manythreads were built
     NAME=STUB  a column name and the stub to run ("gdbserver=
		/usr/bin/gdbserver"); each is started as
		"STUB --once --multi 127.0.0.1:0".  */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rsp-client-lib.h"

#define MAX_STUBS 4
#define MAX_THREADS 8192

static const char *progdir;

/* ---------------------------------------------------------------- util */

/* Threads of PID that are traced, stopped (State t/T), in all.  */
static void task_states(pid_t pid, int *traced, int *stopped, int *all)
{
	char path[320], buf[4096];
	struct dirent *de;
	DIR *d;

	*traced = *stopped = *all = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *p;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/status",
			 (int)pid, de->d_name);
		if (read_file(path, buf, sizeof(buf)) < 0)
			continue;
		(*all)++;
		p = strstr(buf, "\nState:");
		if (p && (p[8] == 't' || p[8] == 'T'))
			(*stopped)++;
		p = strstr(buf, "\nTracerPid:");
		if (p && atoi(p + 11) != 0)
			(*traced)++;
	}
	closedir(d);
}

/* ---------------------------------------------------------------- stubs */

/* Is TARGET, a kill()-family target, the program PROG, its process
   group or one of its threads?  */
static int targets_prog(long nr, long target, pid_t prog)
{
	char path[64];

	if (nr == SYS_kill || nr == SYS_rt_sigqueueinfo)
		return target == prog || target == -prog;
	if (nr == SYS_tgkill || nr == SYS_rt_tgsigqueueinfo)
		return target == prog;
	snprintf(path, sizeof(path), "/proc/%d/task/%ld", (int)prog, target);
	return access(path, F_OK) == 0;
}

/* The syscall counter: runs ARGV as its tracee and counts the signals it
   sends to the program PROG (its process group, its threads) with
   kill/tkill/tgkill/rt_sigqueueinfo/rt_tgsigqueueinfo.  Writes the
   tracee's pid, then at its end the 65 counts, to FD.  */
static void counter_main(char **argv, int fd, int outfd, pid_t prog)
{
	static long sigs[65];
	static struct {
		pid_t tid;
		int in;
	} tids[64];
	int ntids = 0, st;
	pid_t stub, t;

	stub = fork();
	if (stub < 0)
		_exit(2);
	if (stub == 0) {
		dup2(outfd, 1);
		dup2(outfd, 2);
		setsid();
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		execv(argv[0], argv);
		_exit(127);
	}
	if (write(fd, &stub, sizeof(stub)) != sizeof(stub))
		_exit(2);
	if (waitpid(stub, &st, 0) != stub || !WIFSTOPPED(st))
		_exit(2);
	/* Not its children: gdbserver checks ptrace with a forked child
	   that calls PTRACE_TRACEME.  (Both stubs are single-threaded.)  */
	ptrace(PTRACE_SETOPTIONS, stub, 0,
	       PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	ptrace(PTRACE_SYSCALL, stub, 0, 0);
	while ((t = waitpid(-1, &st, __WALL)) > 0) {
		int sig = 0, i;

		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (t == stub)
				break;
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		for (i = 0; i < ntids && tids[i].tid != t; i++)
			;
		if (i == ntids && ntids < 64) {
			tids[ntids].tid = t;
			tids[ntids++].in = 0;
			if (t != stub && WSTOPSIG(st) == SIGSTOP) {
				/* A new child's first stop.  */
				ptrace(PTRACE_SYSCALL, t, 0, 0);
				continue;
			}
		}
		if (WSTOPSIG(st) == (SIGTRAP | 0x80) && i < 64) {
			struct user_regs_struct regs;

			tids[i].in = !tids[i].in;
			if (tids[i].in &&
			    ptrace(PTRACE_GETREGS, t, 0, &regs) == 0) {
				long nr = (long)regs.orig_rax, s = -1;
				/* pid_t arguments: the low 32 bits.  */
				long target = (int)regs.rdi;

				if (nr == SYS_kill || nr == SYS_tkill ||
				    nr == SYS_rt_sigqueueinfo)
					s = (int)regs.rsi;
				else if (nr == SYS_tgkill ||
					 nr == SYS_rt_tgsigqueueinfo)
					s = (int)regs.rdx;
				if (s > 0 && s < 65 &&
				    targets_prog(nr, target, prog))
					sigs[s]++;
			}
		} else if (st >> 16) {
			/* fork/clone events: nothing to do.  */
		} else if (WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st);
		}
		ptrace(PTRACE_SYSCALL, t, 0, (void *)(long)sig);
	}
	if (write(fd, sigs, sizeof(sigs)) != sizeof(sigs))
		_exit(2);
	_exit(0);
}

/* A stub run under the syscall counter, counting the signals it sends
   to the program PROG.  */
struct counted {
	pid_t prog;
	int fd; /* the counter's pipe: the stub's pid, then the counts */
	long sigs[65];
};

/* stub_start's launcher for a counted run: the counter forks the stub.  */
static pid_t counted_launch(char **argv, int outfd, struct stub_run *sr,
			    void *arg)
{
	struct counted *c = arg;
	int pfd[2];
	pid_t pid;

	memset(c->sigs, 0, sizeof(c->sigs));
	if (pipe2(pfd, O_CLOEXEC) < 0)
		die("pipe");
	sr->helper = fork();
	if (sr->helper < 0)
		die("fork");
	if (sr->helper == 0) {
		close(pfd[0]);
		counter_main(argv, pfd[1], outfd, c->prog);
	}
	close(pfd[1]);
	c->fd = pfd[0];
	if (read(pfd[0], &pid, sizeof(pid)) != sizeof(pid))
		return -1;
	return pid;
}

/* End a counted run and collect its signal counts.  */
static void counted_stop(struct stub_run *sr, struct counted *c)
{
	stub_end(sr);
	if (c->fd >= 0) {
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN };

		if (poll(&pfd, 1, 5000) > 0 &&
		    read(c->fd, c->sigs, sizeof(c->sigs)) != sizeof(c->sigs))
			memset(c->sigs, 0, sizeof(c->sigs));
		close(c->fd);
		c->fd = -1;
	}
	stub_stop(sr);
}

/* ------------------------------------------------------------ the floor */

struct floor_res {
	double seize, attach, interrupt, detach; /* ms */
};

static int floor_seize_all(pid_t pid, pid_t *tids, int *n)
{
	char path[64];
	int added;

	*n = 0;
	do {
		struct dirent *de;
		DIR *d;

		added = 0;
		snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
		d = opendir(path);
		if (!d)
			return -1;
		while ((de = readdir(d))) {
			pid_t t = (pid_t)atoi(de->d_name);
			int i;

			if (t <= 0)
				continue;
			for (i = 0; i < *n && tids[i] != t; i++)
				;
			if (i < *n || *n >= MAX_THREADS)
				continue;
			if (ptrace(PTRACE_SEIZE, t, 0,
				   (void *)(long)PTRACE_O_TRACECLONE) == 0) {
				tids[(*n)++] = t;
				added++;
			}
		}
		closedir(d);
	} while (added);
	return 0;
}

static int floor_stop_all(pid_t *tids, int n)
{
	int stopped = 0, st;

	for (int i = 0; i < n; i++)
		ptrace(PTRACE_INTERRUPT, tids[i], 0, 0);
	while (stopped < n) {
		pid_t t = waitpid(-1, &st, __WALL);

		if (t < 0)
			return -1;
		if (WIFSTOPPED(st))
			stopped++;
	}
	return 0;
}

/* The raw floor for PID, RUNS times, in a child process (the tracer);
   results in RES[RUNS].  */
static int run_floor(pid_t pid, int runs, struct floor_res *res)
{
	int pfd[2];
	pid_t f;

	if (pipe(pfd) < 0)
		die("pipe");
	f = fork();
	if (f < 0)
		die("fork");
	if (f == 0) {
		static pid_t tids[MAX_THREADS];
		struct floor_res r;
		int n;

		close(pfd[0]);
		for (int i = 0; i < runs; i++) {
			double t0 = now_ms();

			memset(&r, 0xff, sizeof(r));
			if (floor_seize_all(pid, tids, &n) == 0) {
				r.seize = now_ms() - t0;
				if (floor_stop_all(tids, n) == 0)
					r.attach = now_ms() - t0;
				for (int j = 0; j < n; j++)
					ptrace(PTRACE_CONT, tids[j], 0, 0);
				msleep(200);
				t0 = now_ms();
				if (floor_stop_all(tids, n) == 0)
					r.interrupt = now_ms() - t0;
				t0 = now_ms();
				for (int j = 0; j < n; j++)
					ptrace(PTRACE_DETACH, tids[j], 0, 0);
				r.detach = now_ms() - t0;
			} else {
				r.seize = r.attach = r.interrupt = r.detach =
					-1;
			}
			if (write(pfd[1], &r, sizeof(r)) != sizeof(r))
				_exit(2);
			msleep(200);
		}
		_exit(0);
	}
	close(pfd[1]);
	for (int i = 0; i < runs; i++) {
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };

		if (poll(&p, 1, 120000) <= 0 ||
		    read(pfd[0], &res[i], sizeof(res[i])) != sizeof(res[i])) {
			res[i].seize = res[i].attach = res[i].interrupt =
				res[i].detach = -1;
		}
	}
	close(pfd[0]);
	kill_reap(f);
	return 0;
}

/* --------------------------------------------------------- one session */

struct session_res {
	double attach, interrupt, detach; /* ms, -1 on failure */
	int packets, ids, stops, clean;
};

/* Attach to PID, list the threads, interrupt every thread, detach.
   NTHREADS: how many threads the program has.  */
static void session(const struct stub *s, pid_t pid, int nthreads, int nonstop,
		    struct session_res *res)
{
	struct stub_run sr;
	struct rsp r;
	char cmd[64];
	double t0;
	int traced, stopped, all;

	memset(res, 0, sizeof(*res));
	res->attach = res->interrupt = res->detach = -1;
	if (stub_start(s, NULL, &sr, NULL, NULL) < 0)
		goto out_stub;
	if (rsp_connect(&r, sr.port) < 0)
		goto out_stub;
	if (rsp_open(&r, nonstop) < 0)
		goto out;
	snprintf(cmd, sizeof(cmd), "vAttach;%x", (unsigned)pid);
	t0 = now_ms();
	if (rsp_cmd(&r, cmd, RSP_TMO) < 0)
		goto out;
	if (nonstop ? strcmp(r.pkt, "OK") != 0 : !is_stop(r.pkt))
		goto out;
	res->attach = now_ms() - t0;
	if (nonstop) {
		/* gdbserver reports the threads its attach stopped.  */
		if (!r.notif_seen)
			rsp_recv(&r, 300);
		ns_drain(&r, 0, RSP_TMO);
		if (rsp_cmd(&r, "vCont;c", RSP_TMO) < 0)
			goto out;
	}
	res->packets = thread_list(&r, &res->ids);
	if (nonstop) {
		msleep(200);
		t0 = now_ms();
		if (rsp_cmd(&r, "vCont;t", RSP_TMO) < 0 || strcmp(r.pkt, "OK"))
			goto out;
		res->stops = ns_drain(&r, nthreads, RSP_TMO);
		if (res->stops >= nthreads)
			res->interrupt = now_ms() - t0;
		if (rsp_cmd(&r, "vCont;c", RSP_TMO) < 0)
			goto out;
	} else {
		if (rsp_send(&r, "vCont;c") < 0)
			goto out;
		msleep(200);
		t0 = now_ms();
		if (rsp_write(&r, "\003", 1) < 0 ||
		    rsp_reply(&r, RSP_TMO) < 0 || !is_stop(r.pkt))
			goto out;
		res->interrupt = now_ms() - t0;
		res->stops = 1;
	}
	snprintf(cmd, sizeof(cmd), "D;%x", (unsigned)pid);
	t0 = now_ms();
	if (rsp_cmd(&r, cmd, RSP_TMO) == 0 && strcmp(r.pkt, "OK") == 0)
		res->detach = now_ms() - t0;
out:
	rsp_close(&r);
out_stub:
	stub_stop(&sr);
	/* Detached means untraced and running again.  */
	for (int i = 0; i < 100; i++) {
		task_states(pid, &traced, &stopped, &all);
		if (all && !traced && !stopped)
			break;
		msleep(50);
	}
	res->clean = all && !traced && !stopped;
	if (!res->clean)
		vlog("after detach: %d of %d threads traced, %d stopped",
		     traced, all, stopped);
}

/* --------------------------------------------------------- perturbation */

static const char *const calls[] = {
	"epoll_wait",
	"epoll_wait_long",
	"epoll_wait_timed",
	"epoll_pwait",
	"poll",
	"ppoll",
	"select",
	"read",
	"nanosleep",
	"clock_nanosleep",
	"pthread_cond_wait",
	"sem_wait",
	"accept",
	"recv",
	"waitpid",
	"sigtimedwait",
	"semop",
	"pause",
};
#define NCALLS (int)(sizeof(calls) / sizeof(calls[0]))

struct perturb_res {
	int ok;
	long unexpected[NCALLS], total;
	long sigs[65];
	long parent_stops, parent_conts, group_int, group_other, prog_int;
	int sleeper_alive, traced, stopped, progress;
	int interrupts;
};

static void perturb_read(const char *path, struct perturb_res *res)
{
	char buf[16384], prefix[64];

	if (read_file(path, buf, sizeof(buf)) <= 0)
		return;
	res->total = 0;
	for (int i = 0; i < NCALLS; i++) {
		snprintf(prefix, sizeof(prefix), "call.%s", calls[i]);
		res->unexpected[i] = field(buf, prefix, "unexpected");
		if (res->unexpected[i] > 0)
			res->total += res->unexpected[i];
	}
	res->parent_stops = field(buf, "parent", "stops");
	res->parent_conts = field(buf, "parent", "continues");
	res->group_int = field(buf, "signals", "group_int");
	res->group_other = field(buf, "signals", "group_quit") +
			   field(buf, "signals", "group_tstp") +
			   field(buf, "signals", "group_other");
	res->prog_int = field(buf, "signals", "program_int");
	res->sleeper_alive = (int)field(buf, "process", "sleeper_alive");
}

static long progress_sum(const char *path)
{
	char buf[16384], prefix[64];
	long sum = 0, v;
	int stuck = 0;

	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	for (int i = 0; i < NCALLS; i++) {
		snprintf(prefix, sizeof(prefix), "call.%s", calls[i]);
		v = field(buf, prefix, "progress");
		sum += v;
		stuck += v <= 0;
	}
	return stuck ? -1 : sum;
}

static void perturb_run(const struct stub *s, int nonstop, int count,
			struct perturb_res *res)
{
	char exe[4096];
	char *argv[] = { exe, NULL, "-t", "600", NULL };
	struct stub_run sr;
	struct prog pg;
	struct rsp r = { .fd = -1 };
	struct counted cnt = { .fd = -1 };
	char cmd[64], buf[16384];
	int all;

	memset(res, 0, sizeof(*res));
	snprintf(exe, sizeof(exe), "%s/perturb", progdir);
	prog_start(&pg, argv, 1);
	if (prog_ready(&pg, 15000, "process") < 0) {
		fprintf(stderr, "perturb did not start\n");
		prog_stop(&pg);
		return;
	}
	cnt.prog = pg.pid;
	if (stub_start(s, NULL, &sr, counted_launch, &cnt) < 0) {
		counted_stop(&sr, &cnt);
		goto out_prog;
	}
	if (rsp_connect(&r, sr.port) < 0 || rsp_open(&r, nonstop) < 0)
		goto out;
	snprintf(cmd, sizeof(cmd), "vAttach;%x", (unsigned)pg.pid);
	if (rsp_cmd(&r, cmd, RSP_TMO) < 0)
		goto out;
	if (nonstop) {
		if (!r.notif_seen)
			rsp_recv(&r, 300);
		ns_drain(&r, 0, RSP_TMO);
		rsp_cmd(&r, "vCont;c", RSP_TMO);
		for (int i = 0; i < count; i++) {
			msleep(100);
			if (rsp_cmd(&r, "vCont;t", RSP_TMO) < 0)
				goto out;
			if (ns_drain(&r, 1, RSP_TMO) > 0)
				res->interrupts++;
			if (!r.notif_seen)
				rsp_recv(&r, 100);
			ns_drain(&r, 0, RSP_TMO);
			if (rsp_cmd(&r, "vCont;c", RSP_TMO) < 0)
				goto out;
		}
		msleep(100);
	} else {
		for (int i = 0; i < count; i++) {
			if (rsp_send(&r, "vCont;c") < 0)
				goto out;
			msleep(100);
			if (rsp_write(&r, "\003", 1) < 0 ||
			    rsp_reply(&r, RSP_TMO) < 0)
				goto out;
			if (is_stop(r.pkt))
				res->interrupts++;
		}
	}
	snprintf(cmd, sizeof(cmd), "D;%x", (unsigned)pg.pid);
	if (rsp_cmd(&r, cmd, RSP_TMO) == 0 && strcmp(r.pkt, "OK") == 0)
		res->ok = 1;
out:
	rsp_close(&r);
	counted_stop(&sr, &cnt);
	memcpy(res->sigs, cnt.sigs, sizeof(res->sigs));
	for (int i = 0; i < 100; i++) {
		task_states(pg.pid, &res->traced, &res->stopped, &all);
		if (!res->traced && !res->stopped)
			break;
		msleep(50);
	}
	{
		long p0 = progress_sum(pg.status), p1 = -1;

		for (int i = 0; i < 50 && p0 >= 0; i++) {
			msleep(100);
			p1 = progress_sum(pg.status);
			if (p1 > p0 + NCALLS)
				break;
		}
		/* Roughly: at least every call once more.  */
		res->progress = p0 >= 0 && p1 > p0 + NCALLS;
	}
	msleep(200);
	perturb_read(pg.status, res);
	if (bench_verbose && read_file(pg.status, buf, sizeof(buf)) > 0)
		fprintf(stderr, "%s", buf);
out_prog:
	prog_stop(&pg);
}

static const char *signame(int s)
{
	static char b[16];

	switch (s) {
	case SIGINT:
		return "SIGINT";
	case SIGSTOP:
		return "SIGSTOP";
	case SIGTRAP:
		return "SIGTRAP";
	case SIGCONT:
		return "SIGCONT";
	case SIGKILL:
		return "SIGKILL";
	case SIGUSR2:
		return "SIGUSR2";
	case SIGALRM:
		return "SIGALRM";
	}
	snprintf(b, sizeof(b), "signal %d", s);
	return b;
}

static void perturbation_table(struct stub *stubs, int nstubs, int count)
{
	struct perturb_res res[MAX_STUBS * 2];
	int ncol = nstubs * 2;
	int used[65] = { 0 };

	printf("\n1. Perturbation: perturb (one thread per blocking call), "
	       "vAttach + %d x (continue, interrupt) + detach\n"
	       "   all-stop: 0x03; non-stop: vCont;t.  Early returns "
	       "(EINTR, early timeout, spurious wake-up, error) per call.\n\n",
	       count);
	for (int i = 0; i < ncol; i++) {
		vlog("perturbation: %s %s", stubs[i / 2].name,
		     i % 2 ? "non-stop" : "all-stop");
		perturb_run(&stubs[i / 2], i % 2, count, &res[i]);
		for (int sg = 1; sg < 65; sg++)
			if (res[i].sigs[sg])
				used[sg] = 1;
	}
	printf("%-34s", "");
	for (int i = 0; i < ncol; i++)
		printf(" %12.12s", stubs[i / 2].name);
	printf("\n%-34s", "");
	for (int i = 0; i < ncol; i++)
		printf(" %12s", i % 2 ? "non-stop" : "all-stop");
	printf("\n");
#define ROW(label, fmt, expr)                     \
	do {                                      \
		printf("%-34s", label);           \
		for (int i = 0; i < ncol; i++)    \
			printf(" %12" fmt, expr); \
		printf("\n");                     \
	} while (0)
	for (int c = 0; c < NCALLS; c++) {
		char label[64];

		snprintf(label, sizeof(label), "  %s", calls[c]);
		ROW(label, "ld", res[i].unexpected[c]);
	}
	ROW("early returns, all calls", "ld", res[i].total);
	ROW("interrupts that stopped", "d", res[i].interrupts);
	printf("signals sent by the stub\n");
	for (int sg = 1; sg < 65; sg++) {
		char label[64];

		if (!used[sg] && sg != SIGSTOP && sg != SIGINT)
			continue;
		snprintf(label, sizeof(label), "  %s", signame(sg));
		ROW(label, "ld", res[i].sigs[sg]);
	}
	ROW("SIGINTs to the process group", "ld", res[i].group_int);
	ROW("other signals to the group", "ld", res[i].group_other);
	ROW("program's SIGINT handler ran", "ld", res[i].prog_int);
	ROW("stops seen by the parent", "ld", res[i].parent_stops);
	ROW("continues seen by the parent", "ld", res[i].parent_conts);
	ROW("sleeping child alive", "s",
	    res[i].sleeper_alive == 1 ? "yes" : "NO");
	ROW("detach OK", "s", res[i].ok ? "yes" : "NO");
	ROW("traced threads after detach", "d", res[i].traced);
	ROW("stopped threads after detach", "d", res[i].stopped);
	ROW("all threads progress after", "s", res[i].progress ? "yes" : "NO");
#undef ROW
}

/* ----------------------------------------------------------------- scale */

static void fmt_ms(char *out, size_t cap, double v, double floor)
{
	if (v < 0)
		snprintf(out, cap, "failed");
	else if (floor > 0)
		snprintf(out, cap, "%.2f (%.1fx)", v, v / floor);
	else
		snprintf(out, cap, "%.2f", v);
}

static void scale_table(struct stub *stubs, int nstubs, const int *counts,
			int ncounts, int modes, int runs)
{
	char exe[4096], nbuf[16], cell[64];
	int ncol = nstubs * 2;

	printf("\n2. Scale: median of %d runs, ms (ratio to the raw floor); "
	       "floor = PTRACE_SEIZE every thread\n"
	       "   (+ PTRACE_INTERRUPT all and wait for the stops), "
	       "PTRACE_INTERRUPT all + wait, PTRACE_DETACH all.\n"
	       "   all-stop attach: vAttach until the stop reply; non-stop "
	       "attach: vAttach until OK (floor: seize only);\n"
	       "   interrupt: 0x03 until the stop reply / vCont;t until every "
	       "stop is received; list: qfThreadInfo+qsThreadInfo round "
	       "trips.\n\n",
	       runs);
	printf("%-8s %-8s %-10s %-10s", "threads", "mode", "what", "floor");
	for (int i = 0; i < ncol; i++) {
		char h[64];

		snprintf(h, sizeof(h), "%s %s", stubs[i / 2].name,
			 i % 2 ? "non-stop" : "all-stop");
		printf(" %-20.20s", h);
	}
	printf("\n");
	fflush(stdout);
	for (int ci = 0; ci < ncounts; ci++) {
		for (int mode = 0; mode < 2; mode++) {
			char *argv[] = { exe,  nbuf, mode ? "spin" : "blocked",
					 NULL, "-t", "3600",
					 NULL };
			struct floor_res fl[64];
			struct session_res sres[64];
			double a[MAX_STUBS * 2][64], in[MAX_STUBS * 2][64],
				de[MAX_STUBS * 2][64], f[4][64];
			int packets[MAX_STUBS * 2], clean[MAX_STUBS * 2];
			struct prog pg;
			double fs, fa, fi, fd;

			if (!(modes & (1 << mode)))
				continue;
			snprintf(exe, sizeof(exe), "%s/manythreads", progdir);
			snprintf(nbuf, sizeof(nbuf), "%d", counts[ci]);
			prog_start(&pg, argv, 3);
			if (prog_ready(&pg, 60000, NULL) < 0) {
				fprintf(stderr, "manythreads did not start\n");
				prog_stop(&pg);
				continue;
			}
			vlog("scale: %d %s pid %d", counts[ci],
			     mode ? "spin" : "blocked", (int)pg.pid);
			run_floor(pg.pid, runs, fl);
			for (int r = 0; r < runs; r++) {
				f[0][r] = fl[r].seize;
				f[1][r] = fl[r].attach;
				f[2][r] = fl[r].interrupt;
				f[3][r] = fl[r].detach;
			}
			fs = median(f[0], runs);
			fa = median(f[1], runs);
			fi = median(f[2], runs);
			fd = median(f[3], runs);
			for (int i = 0; i < ncol; i++) {
				packets[i] = 0;
				clean[i] = 1;
				for (int r = 0; r < runs; r++) {
					vlog("%s %s run %d", stubs[i / 2].name,
					     i % 2 ? "non-stop" : "all-stop",
					     r);
					session(&stubs[i / 2], pg.pid,
						counts[ci] + 1, i % 2,
						&sres[r]);
					a[i][r] = sres[r].attach;
					in[i][r] = sres[r].interrupt;
					de[i][r] = sres[r].detach;
					if (sres[r].packets > packets[i])
						packets[i] = sres[r].packets;
					if (sres[r].ids != counts[ci] + 1)
						packets[i] = -1;
					clean[i] &= sres[r].clean;
					msleep(100);
				}
			}
			for (int row = 0; row < 5; row++) {
				static const char *what[] = { "attach", "list",
							      "interrupt",
							      "detach",
							      "clean" };
				char fcell[32] = "";

				if (row == 0)
					printf("%-8d %-8s ", counts[ci],
					       mode ? "spin" : "blocked");
				else
					printf("%-8s %-8s ", "", "");
				if (row == 0)
					snprintf(fcell, sizeof(fcell),
						 "%.2f/%.2f", fa, fs);
				else if (row == 2)
					fmt_ms(fcell, sizeof(fcell), fi, 0);
				else if (row == 3)
					fmt_ms(fcell, sizeof(fcell), fd, 0);
				printf("%-10s %-10s", what[row], fcell);
				for (int i = 0; i < ncol; i++) {
					if (row == 0)
						fmt_ms(cell, sizeof(cell),
						       median(a[i], runs),
						       i % 2 ? fs : fa);
					else if (row == 1)
						snprintf(cell, sizeof(cell),
							 packets[i] < 0 ?
								 "wrong list" :
								 "%d packets",
							 packets[i]);
					else if (row == 2)
						fmt_ms(cell, sizeof(cell),
						       median(in[i], runs), fi);
					else if (row == 3)
						fmt_ms(cell, sizeof(cell),
						       median(de[i], runs), fd);
					else
						snprintf(cell, sizeof(cell),
							 "%s",
							 clean[i] ? "yes" :
								    "NO");
					printf(" %-20s", cell);
				}
				printf("\n");
			}
			fflush(stdout);
			prog_stop(&pg);
		}
	}
	printf("\n(floor attach column: seize+stop/seize only.  clean: after "
	       "every detach, no thread traced or stopped.)\n");
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
	struct stub stubs[MAX_STUBS];
	int nstubs = 0, runs = 3, counts[16], ncounts = 0, modes = 3;
	int scale = 1, pert = 1, opt;
	char *list = NULL;

	while ((opt = getopt(argc, argv, "r:n:m:spvd:")) != -1) {
		switch (opt) {
		case 'r':
			runs = atoi(optarg);
			break;
		case 'n':
			list = optarg;
			break;
		case 'm':
			modes = (strstr(optarg, "blocked") ? 1 : 0) |
				(strstr(optarg, "spin") ? 2 : 0);
			break;
		case 's':
			pert = 0;
			break;
		case 'p':
			scale = 0;
			break;
		case 'v':
			bench_verbose = 1;
			break;
		case 'd':
			progdir = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (runs < 1 || runs > 64 || !progdir || optind >= argc || !modes)
		goto usage;
	nstubs = parse_stubs(argv + optind, argc - optind, stubs, MAX_STUBS);
	if (nstubs < 0)
		goto usage;
	if (list) {
		for (char *tok = strtok(list, ","); tok && ncounts < 16;
		     tok = strtok(NULL, ","))
			counts[ncounts++] = atoi(tok);
	} else {
		static const int def[] = { 1, 100, 1000, 4000 };

		for (ncounts = 0; ncounts < 4; ncounts++)
			counts[ncounts] = def[ncounts];
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	print_header("attach-bench", stubs, nstubs);
	if (pert)
		perturbation_table(stubs, nstubs, 20);
	if (scale)
		scale_table(stubs, nstubs, counts, ncounts, modes, runs);
	return 0;
usage:
	fprintf(stderr,
		"usage: %s [-r RUNS] [-n 1,100,1000,4000] [-m blocked,spin] "
		"[-s|-p] [-v] -d PROGDIR NAME=STUB...\n",
		argv[0]);
	return 2;
}

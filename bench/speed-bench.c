/* speed-bench.c - quietstub's speed benchmark: runs two stubs (quietstub
   and gdbserver) on the same programs in the same run and prints one
   table with, per row, each stub's figure, the raw limit where there is
   one (measured in the same run) and the ratios.  Medians of RUNS runs.
   A benchmark, not a test: nothing passes or fails.

    0. loopback TCP ping-pong round trips/s (the network limit of rows 1,
       2 and 5; a row of its own)
    1. single steps/s: vCont;s:TID round trips on a running program's
       thread (limit: a PTRACE_SINGLESTEP + waitpid loop)
    2. breakpoint hits/s: vCont;c:pPID.-1 to a Z0 breakpoint, z0,
       vCont;s, Z0, as GDB does (limit: the same in raw ptrace: trap, fix
       rip, restore the byte, PTRACE_SINGLESTEP, re-insert, PTRACE_CONT);
       and the bare int3 loop (trap, fix rip, PTRACE_CONT, waitpid) as a
       row of its own
    3. conditional breakpoint hits/s through GDB (`break f if i == -1`,
       never true; from `continue` to the exit; limit: the raw
       breakpoint hits of row 2, the same trap, step and continue)
    4. GDB's `next` over a loop of NEXT iterations on one line, ms
    5. g packets/s (limit: TCP ping-pong)
    6. memory read MB/s with m and x, PacketSize/2 bytes a packet (limit:
       process_vm_readv of the same buffer)
    7. GDB: `target remote` + `break main` + `continue` until stopped at
       main, ms
    8. the stub's peak RSS (VmHWM) with a THREADS-thread program attached,
       its binary size (st_size) and the part of it that is loaded
       (PT_LOAD segments: without symbols and debug information)

   Programs: bench/programs/speed-target.c (attach and gdb modes) and
   testsuite/programs/manythreads.c, in PROGDIR.  The RSP client and the
   stub handling are in rsp-client-lib.c (shared with attach-bench.c).
   Loopback only; every wait is bounded; every process started is killed
   by pid.

   Usage: speed-bench [-r RUNS] [-t SECONDS] [-b MIB] [-c COND_CALLS]
		      [-N NEXT_ITERATIONS] [-n THREADS] [-g GDB] [-T TIMEOUT]
		      [-v] -d PROGDIR NAME=STUB NAME=STUB
     -r RUNS    runs (median), default 3
     -t SECONDS how long each rate is measured, default 1
     -b MIB     speed-target's buffer for the memory rows, default 64
     -c CALLS   calls of f for the conditional breakpoint, default 100000
     -N ITERS   iterations of the loop `next` steps over, default 100000
     -n THREADS manythreads' threads for the RSS row, default 4000
     -g GDB     default /usr/bin/gdb
     -T TIMEOUT seconds one GDB session may take, default 600
     -v         log every packet and GDB's output to stderr
     NAME=STUB  the two columns: a name and the stub to run, each started
		as "STUB --once --multi 127.0.0.1:0" (RSP rows) or "STUB
		--once 127.0.0.1:0 speed-target gdb ..." (GDB rows).  */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rsp-client-lib.h"

#define MAX_RUNS 64
#define NA -2.0 /* not applicable: the stub has no such packet */
#define PVR_CHUNK 0x20000 /* process_vm_readv: the largest PacketSize */

static const char *progdir;
static const char *gdb_path = "/usr/bin/gdb";
static double secs = 1.0; /* per rate measurement */
static size_t buf_mib = 64;
static long cond_calls = 100000, next_iters = 100000;
static int nthreads = 4000;
static int gdb_tmo = 600; /* s, one GDB session */

/* The rows' figures: one column per stub, then the raw limit.  */
enum {
	M_TCP,
	M_STEP,
	M_BP,
	M_TRAP,
	M_COND,
	M_NEXT,
	M_G,
	M_MEM_M,
	M_MEM_X,
	M_MAIN,
	M_RSS,
	M_SIZE,
	M_LOAD,
	NM
};
enum { C_A, C_B, C_LIMIT, NC };
static double val[NC][NM][MAX_RUNS];
static long packet_size[2], chunk[2];

/* ---------------------------------------------------------------- util */

static double elapsed_s(double t0)
{
	return (now_ms() - t0) / 1e3;
}

/* Byte OFF of speed-target's buffer.  */
static unsigned char pattern(uint64_t off)
{
	uint64_t w = (off / 8) * 0x9e3779b97f4a7c15ULL;

	return (unsigned char)(w >> (8 * (off % 8)));
}

static int pattern_ok(const unsigned char *p, size_t n, uint64_t off)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pattern(off + i))
			return 0;
	return 1;
}

/* Kill PID if it is still the child of PARENT (a program a stub started;
   checked so that a recycled pid is never hit).  */
static void kill_child_of(pid_t pid, pid_t parent)
{
	char path[64], buf[512], *p;

	if (pid <= 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return;
	p = strrchr(buf, ')');
	if (p && atoi(p + 4) == parent)
		kill(pid, SIGKILL);
}

/* ----------------------------------------------------- the speed-target */

struct target {
	struct prog pg;
	unsigned long hit, buf, len;
};

static int target_start(struct target *t)
{
	char exe[4096], mib[32], text[512];
	char *argv[] = { exe, "attach", NULL, "-b", mib, "-t", "600", NULL };

	snprintf(exe, sizeof(exe), "%s/speed-target", progdir);
	snprintf(mib, sizeof(mib), "%zu", buf_mib);
	prog_start(&t->pg, argv, 2);
	if (prog_ready(&t->pg, 60000, "speed-target") < 0 ||
	    read_file(t->pg.status, text, sizeof(text)) <= 0) {
		fprintf(stderr, "speed-target did not start\n");
		prog_stop(&t->pg);
		return -1;
	}
	t->hit = (unsigned long)field(text, "speed-target", "hit");
	t->buf = (unsigned long)field(text, "speed-target", "buf");
	t->len = (unsigned long)field(text, "speed-target", "len");
	return 0;
}

/* ------------------------------------------------------------ raw limits */

/* Loopback TCP ping-pong of 16-byte messages, round trips/s: an echo
   child, both ends blocking with TCP_NODELAY.  */
static double tcp_pingpong(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);
	char msg[16] = "$g#67 ping-pong";
	int ls, fd, one = 1;
	double t0, rate = -1;
	long n = 0;
	pid_t echo;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(ls, 1) < 0 || getsockname(ls, (struct sockaddr *)&sa, &sl))
		die("listen");
	echo = fork();
	if (echo < 0)
		die("fork");
	if (echo == 0) {
		char b[16];
		ssize_t k;

		alarm(120); /* bounded, whatever the parent does */
		fd = accept(ls, NULL, NULL);
		if (fd < 0)
			_exit(1);
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		while ((k = recv(fd, b, sizeof(b), MSG_WAITALL)) == sizeof(b))
			if (write(fd, b, sizeof(b)) != sizeof(b))
				break;
		_exit(0);
	}
	close(ls);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("connect");
		goto out;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	t0 = now_ms();
	do {
		if (write(fd, msg, sizeof(msg)) != sizeof(msg) ||
		    recv(fd, msg, sizeof(msg), MSG_WAITALL) != sizeof(msg))
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	rate = n / elapsed_s(t0);
out:
	if (fd >= 0)
		close(fd);
	kill_reap(echo);
	return rate;
}

static int wait_trap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st))
		return -1;
	return WSTOPSIG(st) == SIGTRAP ? 0 : -1;
}

static long poke(pid_t pid, unsigned long addr, long word)
{
	return ptrace(PTRACE_POKETEXT, pid, (void *)addr, (void *)word);
}

/* Continue PID until it traps on the int3 at HIT, and put rip back on
   HIT, as a stub does for a software breakpoint.  0 on success.  */
static int trap_at(pid_t pid, unsigned long hit)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_CONT, pid, 0, 0) < 0 || wait_trap(pid) < 0 ||
	    ptrace(PTRACE_GETREGS, pid, 0, &regs) < 0 || regs.rip != hit + 1)
		return -1;
	regs.rip = hit;
	return ptrace(PTRACE_SETREGS, pid, 0, &regs) < 0 ? -1 : 0;
}

/* The ptrace limits, in a child (the tracer) of ours, on T's program:
   single steps/s, breakpoint hits/s (the full sequence) and bare int3
   traps/s, written to FD.  */
static void tracer_main(const struct target *t, int fd)
{
	double res[3] = { -1, -1, -1 }, t0;
	pid_t pid = t->pg.pid;
	long orig, trap, n;
	int st;

	if (ptrace(PTRACE_SEIZE, pid, 0, 0) < 0 ||
	    ptrace(PTRACE_INTERRUPT, pid, 0, 0) < 0 ||
	    waitpid(pid, &st, __WALL) != pid)
		goto out;
	n = 0;
	t0 = now_ms();
	do {
		if (ptrace(PTRACE_SINGLESTEP, pid, 0, 0) < 0 ||
		    wait_trap(pid) < 0)
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	res[0] = n / elapsed_s(t0);

	/* What a stub does for c, z0, vCont;s, Z0.  */
	errno = 0;
	orig = ptrace(PTRACE_PEEKTEXT, pid, (void *)t->hit, 0);
	if (errno)
		goto out;
	trap = (orig & ~0xffL) | 0xcc;
	if (poke(pid, t->hit, trap) < 0)
		goto out;
	n = 0;
	t0 = now_ms();
	do {
		if (trap_at(pid, t->hit) < 0 || poke(pid, t->hit, orig) < 0 ||
		    ptrace(PTRACE_SINGLESTEP, pid, 0, 0) < 0 ||
		    wait_trap(pid) < 0 || poke(pid, t->hit, trap) < 0)
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	res[1] = n / elapsed_s(t0);

	/* The bare trap: rip back onto the int3, which traps again.  */
	n = 0;
	t0 = now_ms();
	do {
		if (trap_at(pid, t->hit) < 0)
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	res[2] = n / elapsed_s(t0);
	poke(pid, t->hit, orig);
	ptrace(PTRACE_DETACH, pid, 0, 0);
out:
	if (write(fd, res, sizeof(res)) != sizeof(res))
		_exit(2);
	_exit(0);
}

/* process_vm_readv of T's buffer, PVR_CHUNK bytes a call, MB/s.  */
static double pvr_rate(const struct target *t)
{
	static unsigned char local[PVR_CHUNK];
	double t0 = now_ms();
	uint64_t bytes = 0;

	do {
		for (unsigned long off = 0; off < t->len; off += PVR_CHUNK) {
			size_t n = t->len - off < PVR_CHUNK ? t->len - off :
							      PVR_CHUNK;
			struct iovec l = { local, n };
			struct iovec r = { (void *)(t->buf + off), n };

			if (process_vm_readv(t->pg.pid, &l, 1, &r, 1, 0) !=
				    (ssize_t)n ||
			    !pattern_ok(local, 8, off))
				return -1;
			bytes += n;
		}
	} while (elapsed_s(t0) < secs);
	return bytes / elapsed_s(t0) / 1e6;
}

static void raw_limits(int run)
{
	struct target t;
	double res[3] = { -1, -1, -1 };
	int pfd[2];
	pid_t tr;

	val[C_LIMIT][M_TCP][run] = tcp_pingpong();
	val[C_LIMIT][M_G][run] = val[C_LIMIT][M_TCP][run];
	val[C_LIMIT][M_STEP][run] = val[C_LIMIT][M_BP][run] =
		val[C_LIMIT][M_COND][run] = val[C_LIMIT][M_TRAP][run] =
			val[C_LIMIT][M_MEM_M][run] =
				val[C_LIMIT][M_MEM_X][run] = -1;
	if (target_start(&t) < 0)
		return;
	if (pipe2(pfd, O_CLOEXEC) < 0)
		die("pipe");
	tr = fork();
	if (tr < 0)
		die("fork");
	if (tr == 0) {
		close(pfd[0]);
		tracer_main(&t, pfd[1]);
	}
	close(pfd[1]);
	{
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };

		if (poll(&p, 1, (int)(secs * 3e3) + RSP_TMO) <= 0 ||
		    read(pfd[0], res, sizeof(res)) != sizeof(res))
			res[0] = res[1] = res[2] = -1;
	}
	close(pfd[0]);
	kill_reap(tr);
	val[C_LIMIT][M_STEP][run] = res[0];
	val[C_LIMIT][M_BP][run] = res[1];
	/* A false condition costs a stub what a raw hit costs: the trap,
	   the step over the breakpoint and the continue.  */
	val[C_LIMIT][M_COND][run] = res[1];
	val[C_LIMIT][M_TRAP][run] = res[2];
	val[C_LIMIT][M_MEM_M][run] = pvr_rate(&t);
	val[C_LIMIT][M_MEM_X][run] = val[C_LIMIT][M_MEM_M][run];
	prog_stop(&t.pg);
}

/* ---------------------------------------------------------- RSP session */

/* One command, its reply checked by OK (NULL: any reply).  */
static int cmd_ok(struct rsp *r, const char *cmd, int (*ok)(const char *))
{
	if (rsp_cmd(r, cmd, RSP_TMO) < 0) {
		fprintf(stderr, "%s: no reply\n", cmd);
		return -1;
	}
	if (ok && !ok(r->pkt)) {
		fprintf(stderr, "%s: unexpected reply %.80s\n", cmd, r->pkt);
		return -1;
	}
	return 0;
}

static int is_ok(const char *p)
{
	return strcmp(p, "OK") == 0;
}

static int is_trap(const char *p)
{
	return strncmp(p, "T05", 3) == 0 || strncmp(p, "S05", 3) == 0;
}

static int is_regs(const char *p)
{
	return strlen(p) >= 16 * 16 && p[0] != 'E';
}

/* Read T's whole buffer with m or x packets of CHUNK bytes, passes
   until SECS have passed: MB/s, NA if the stub has no such packet.  */
static double mem_rate(struct rsp *r, const struct target *t, char kind,
		       long chunk)
{
	double t0 = now_ms();
	uint64_t bytes = 0;
	char cmd[64];

	do {
		unsigned long off = 0;

		while (off < t->len) {
			unsigned long n = t->len - off < (unsigned long)chunk ?
						  t->len - off :
						  (unsigned long)chunk;
			unsigned char head[8];
			size_t got, m;

			snprintf(cmd, sizeof(cmd), "%c%lx,%lx", kind,
				 t->buf + off, n);
			if (rsp_cmd(r, cmd, RSP_TMO) < 0)
				return -1;
			if (r->pkt_len == 0)
				return NA;
			if (kind == 'x') {
				if (r->pkt[0] != 'b')
					return -1;
				got = r->pkt_len - 1;
				m = got < 8 ? got : 8;
				memcpy(head, r->pkt + 1, m);
			} else {
				if (r->pkt[0] == 'E')
					return -1;
				got = r->pkt_len / 2;
				m = got < 8 ? got : 8;
				for (size_t i = 0; i < m; i++)
					head[i] =
						(unsigned char)(rsp_hexval(
									r->pkt[2 *
									       i])
									<< 4 |
								rsp_hexval(
									r->pkt[2 * i +
									       1]));
			}
			/* A stub may send less than asked: go on from there.  */
			if (got == 0 || got > n || !pattern_ok(head, m, off)) {
				fprintf(stderr, "%s: wrong data\n", cmd);
				return -1;
			}
			off += got;
			bytes += got;
		}
	} while (elapsed_s(t0) < secs);
	return bytes / elapsed_s(t0) / 1e6;
}

/* Rows 1, 2, 5, 6 for stub COL on a fresh speed-target: vAttach, steps,
   breakpoint hits, g, m, x, detach.  */
static void rsp_session(const struct stub *s, int col, int run)
{
	struct target t;
	struct stub_run sr;
	struct rsp r = { .fd = -1 };
	char cmd[128], step[64], cont[64], *p;
	unsigned pid, tid;
	double t0;
	long n;

	for (int m = M_STEP; m <= M_MEM_X; m++)
		val[col][m][run] = -1;
	if (target_start(&t) < 0)
		return;
	if (stub_start(s, NULL, &sr, NULL, NULL) < 0)
		goto out_stub;
	if (rsp_connect(&r, sr.port) < 0 || rsp_open(&r, 0) < 0)
		goto out;
	packet_size[col] = r.packet_size;
	snprintf(cmd, sizeof(cmd), "vAttach;%x", (unsigned)t.pg.pid);
	if (cmd_ok(&r, cmd, is_stop) < 0)
		goto out;
	pid = tid = (unsigned)t.pg.pid;
	p = strstr(r.pkt, "thread:p");
	if (p)
		sscanf(p + 8, "%x.%x", &pid, &tid);
	/* The packets GDB sends to step a thread and to continue.  */
	snprintf(step, sizeof(step), "vCont;s:p%x.%x", pid, tid);
	snprintf(cont, sizeof(cont), "vCont;c:p%x.-1", pid);

	/* 1. single steps */
	n = 0;
	t0 = now_ms();
	do {
		if (cmd_ok(&r, step, is_trap) < 0)
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	val[col][M_STEP][run] = n / elapsed_s(t0);

	/* 2. breakpoint hits, as GDB steps over its breakpoint */
	snprintf(cmd, sizeof(cmd), "Z0,%lx,1", t.hit);
	if (cmd_ok(&r, cmd, is_ok) < 0)
		goto out;
	n = 0;
	t0 = now_ms();
	do {
		if (cmd_ok(&r, cont, is_trap) < 0)
			goto out;
		if (n == 0 && !strstr(r.pkt, "swbreak"))
			vlog("%s: no swbreak in %s", s->name, r.pkt);
		cmd[0] = 'z';
		if (cmd_ok(&r, cmd, is_ok) < 0 || cmd_ok(&r, step, is_trap) < 0)
			goto out;
		cmd[0] = 'Z';
		if (cmd_ok(&r, cmd, is_ok) < 0)
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	val[col][M_BP][run] = n / elapsed_s(t0);
	cmd[0] = 'z';
	if (cmd_ok(&r, cmd, is_ok) < 0)
		goto out;

	/* 5. g packets */
	n = 0;
	t0 = now_ms();
	do {
		if (cmd_ok(&r, "g", is_regs) < 0)
			goto out;
		n++;
	} while (elapsed_s(t0) < secs);
	val[col][M_G][run] = n / elapsed_s(t0);

	/* 6. memory: the largest reply PacketSize allows, hex halving it */
	chunk[col] = r.packet_size > 0 ? r.packet_size / 2 : 4096;
	val[col][M_MEM_M][run] = mem_rate(&r, &t, 'm', chunk[col]);
	val[col][M_MEM_X][run] = mem_rate(&r, &t, 'x', chunk[col]);

	snprintf(cmd, sizeof(cmd), "D;%x", (unsigned)t.pg.pid);
	cmd_ok(&r, cmd, is_ok);
out:
	rsp_close(&r);
out_stub:
	stub_stop(&sr);
	prog_stop(&t.pg);
}

/* ---------------------------------------------------------- GDB session */

/* The seconds GDB printed after "@@TAG ", or -1.  */
static double gdb_time(const char *log, const char *tag)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof(pat), "@@%s ", tag);
	p = strstr(log, pat);
	return p ? atof(p + strlen(pat)) : -1;
}

/* Rows 3, 4, 7 for stub COL: the stub starts "speed-target gdb NEXT
   COND" and waits; GDB (batch) connects, runs to main (row 7), to
   next_loop, times one `next` (row 4), then `break f if i == -1` and
   `continue` to the exit (row 3).  Python in GDB takes the times, so
   GDB's own start-up is not counted.  */
static void gdb_session(const struct stub *s, int col, int run)
{
	char exe[4096], nn[32], nc[32], target[64], out[64] = "";
	char *pargv[] = { exe, "gdb", nn, nc, NULL };
	static char log[1 << 20];
	struct stub_run sr;
	pid_t gdb = 0, prog = 0;
	double deadline;
	int fd, st, ok = 0;
	char *p;

	val[col][M_MAIN][run] = val[col][M_NEXT][run] = val[col][M_COND][run] =
		-1;
	snprintf(exe, sizeof(exe), "%s/speed-target", progdir);
	snprintf(nn, sizeof(nn), "%ld", next_iters);
	snprintf(nc, sizeof(nc), "%ld", cond_calls);
	if (stub_start(s, pargv, &sr, NULL, NULL) < 0)
		goto out;
	if (read_file(sr.out, log, sizeof(log)) > 0 &&
	    (p = strstr(log, "pid = ")))
		prog = atoi(p + 6);
	snprintf(target, sizeof(target), "target remote 127.0.0.1:%d", sr.port);
	snprintf(out, sizeof(out), "/tmp/bench-gdb-XXXXXX");
	fd = mkstemp(out);
	if (fd < 0)
		die("mkstemp");
	gdb = fork();
	if (gdb < 0)
		die("fork");
	if (gdb == 0) {
		/* Settings before the program is loaded, then the session.  */
		const char *const iex[] = { "set debuginfod enabled off",
					    "set style enabled off",
					    "set pagination off",
					    "set confirm off", "set width 0" };
#define PRINT_TIME(tag) "python print('@@" tag " %.6f' % (T() - t0))"
		const char *const ex[] = { "python import time; "
					   "T = time.monotonic",
					   "python t0 = T()",
					   target,
					   "break main",
					   "continue",
					   PRINT_TIME("main"),
					   "tbreak next_loop",
					   "continue",
					   "python t0 = T()",
					   "next",
					   PRINT_TIME("next"),
					   "break f if i == -1",
					   "python t0 = T()",
					   "continue",
					   PRINT_TIME("cond") };
#undef PRINT_TIME
		char *argv[64];
		int argc = 0;

		argv[argc++] = (char *)gdb_path;
		argv[argc++] = "-nx";
		argv[argc++] = "-batch";
		argv[argc++] = "-q";
		for (size_t i = 0; i < sizeof(iex) / sizeof(iex[0]); i++) {
			argv[argc++] = "-iex";
			argv[argc++] = (char *)iex[i];
		}
		argv[argc++] = exe;
		for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
			argv[argc++] = "-ex";
			argv[argc++] = (char *)ex[i];
		}
		argv[argc] = NULL;
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		setsid();
		unsetenv("DEBUGINFOD_URLS");
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd);
	deadline = now_ms() + gdb_tmo * 1e3;
	while (waitpid(gdb, &st, WNOHANG) == 0) {
		if (now_ms() > deadline) {
			fprintf(stderr, "%s: GDB session timed out\n", s->name);
			kill_reap(gdb);
			break;
		}
		msleep(20);
	}
	if (read_file(out, log, sizeof(log)) < 0)
		goto out;
	val[col][M_MAIN][run] = gdb_time(log, "main") * 1e3;
	/* `next` must have stopped on the line after the loop.  */
	p = strstr(log, "@@next");
	if (p && (p - log) > 0 &&
	    memmem(log, (size_t)(p - log), "after-next", 10))
		val[col][M_NEXT][run] = gdb_time(log, "next") * 1e3;
	/* The condition is never true: no stop in f, the program exits.  */
	p = strstr(log, "@@next");
	if (p && strstr(p, "exited") && !strstr(p, "Breakpoint 3, ") &&
	    gdb_time(log, "cond") > 0)
		val[col][M_COND][run] = cond_calls / gdb_time(log, "cond");
	ok = val[col][M_MAIN][run] >= 0 && val[col][M_NEXT][run] >= 0 &&
	     val[col][M_COND][run] >= 0;
	if (!ok)
		fprintf(stderr, "%s: GDB session incomplete, see %s\n", s->name,
			out);
	else
		vlog("%s: GDB log:\n%s", s->name, log);
out:
	kill_child_of(prog, sr.pid);
	stub_stop(&sr);
	if (ok && out[0])
		unlink(out);
}

/* -------------------------------------------------------------- RSS */

static long vm_hwm(pid_t pid)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	p = strstr(buf, "\nVmHWM:");
	return p ? strtol(p + 7, NULL, 10) : -1;
}

static int traced(pid_t pid)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strstr(buf, "\nTracerPid:");
	return p && atoi(p + 11) != 0;
}

/* Row 8: vAttach (all-stop) to the many-thread program, list the
   threads, read the registers, detach; VmHWM before the stub ends.  */
static void rss_session(const struct stub *s, int col, int run, pid_t pid)
{
	struct stub_run sr;
	struct rsp r = { .fd = -1 };
	char cmd[64];
	int ids;

	val[col][M_RSS][run] = -1;
	if (stub_start(s, NULL, &sr, NULL, NULL) < 0)
		goto out;
	if (rsp_connect(&r, sr.port) < 0 || rsp_open(&r, 0) < 0)
		goto out;
	snprintf(cmd, sizeof(cmd), "vAttach;%x", (unsigned)pid);
	if (cmd_ok(&r, cmd, is_stop) < 0 || thread_list(&r, &ids) < 0 ||
	    cmd_ok(&r, "g", is_regs) < 0)
		goto out;
	if (ids != nthreads + 1)
		fprintf(stderr, "%s: %d threads listed, not %d\n", s->name, ids,
			nthreads + 1);
	snprintf(cmd, sizeof(cmd), "D;%x", (unsigned)pid);
	if (cmd_ok(&r, cmd, is_ok) == 0)
		val[col][M_RSS][run] = (double)vm_hwm(sr.pid);
out:
	rsp_close(&r);
	stub_stop(&sr);
	/* The next attach needs the program untraced.  */
	for (int i = 0; i < 200 && traced(pid); i++)
		msleep(50);
	msleep(100);
}

/* The bytes of PATH's loadable segments (PT_LOAD p_filesz): the binary
   without its symbols and debug information, which st_size counts (a
   build tree's quietstub has them; Debian's gdbserver is stripped).  */
static double loaded_size(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	double sum = -1;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	if (fd < 0)
		return -1;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64)
		goto out;
	sum = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph),
			  (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) !=
		    sizeof(ph)) {
			sum = -1;
			break;
		}
		if (ph.p_type == PT_LOAD)
			sum += (double)ph.p_filesz;
	}
out:
	close(fd);
	return sum;
}

/* ---------------------------------------------------------------- table */

static void fmt_val(char *out, size_t cap, double v)
{
	if (v == NA)
		snprintf(out, cap, "n/a");
	else if (v < 0)
		snprintf(out, cap, "failed");
	else if (v >= 1000)
		snprintf(out, cap, "%.0f", v);
	else if (v >= 10)
		snprintf(out, cap, "%.1f", v);
	else
		snprintf(out, cap, "%.2f", v);
}

static void fmt_ratio(char *out, size_t cap, double a, double b)
{
	if (a < 0 || b <= 0)
		snprintf(out, cap, "-");
	else if (a / b >= 0.1)
		snprintf(out, cap, "%.2f", a / b);
	else
		snprintf(out, cap, "%.3f", a / b);
}

/* Median of a column's runs; NA if every run was NA.  */
static double med(int col, int m, int runs)
{
	if (val[col][m][0] == NA)
		return NA;
	return median(val[col][m], runs);
}

static void print_row(const char *label, const char *unit, int m, int runs,
		      int has_a, int has_limit)
{
	char a[32] = "-", b[32] = "-", l[32] = "-", al[16] = "", bl[16] = "",
	     ab[16] = "";
	double va = med(C_A, m, runs), vb = med(C_B, m, runs),
	       vl = med(C_LIMIT, m, runs);

	if (has_a) {
		fmt_val(a, sizeof(a), va);
		fmt_val(b, sizeof(b), vb);
		fmt_ratio(ab, sizeof(ab), va, vb);
	}
	if (has_limit) {
		fmt_val(l, sizeof(l), vl);
		if (has_a) {
			fmt_ratio(al, sizeof(al), va, vl);
			fmt_ratio(bl, sizeof(bl), vb, vl);
		}
	}
	printf("%-46s %-9s %11s %11s %11s %10s %10s %10s\n", label, unit, a, b,
	       l, al, bl, ab);
}

static void print_table(const struct stub *stubs, int runs)
{
	char h[32], label[96];

	printf("\nMedians of %d runs; every rate measured for %g s.  "
	       "Rates: higher is better; ms, KiB, bytes: lower is better.\n"
	       "PacketSize: %s 0x%lx, %s 0x%lx; m/x read %ld / %ld bytes a "
	       "packet; process_vm_readv %d bytes a call.\n\n",
	       runs, secs, stubs[0].name, packet_size[0], stubs[1].name,
	       packet_size[1], chunk[0], chunk[1], PVR_CHUNK);
	printf("%-46s %-9s %11.11s %11.11s %11s %10.10s %10.10s %10.10s\n", "",
	       "", stubs[0].name, stubs[1].name, "limit", stubs[0].name,
	       stubs[1].name, stubs[0].name);
	snprintf(h, sizeof(h), "/%.9s", stubs[1].name);
	printf("%-46s %-9s %11s %11s %11s %10s %10s %10s\n", "", "", "", "", "",
	       "/limit", "/limit", h);
	print_row("0. loopback TCP ping-pong (network limit)", "trips/s", M_TCP,
		  runs, 0, 1);
	print_row("1. single steps (vCont;s:TID)", "steps/s", M_STEP, runs, 1,
		  1);
	print_row("2. breakpoint hits (c, z0, vCont;s, Z0)", "hits/s", M_BP,
		  runs, 1, 1);
	print_row("   raw int3 loop (trap, fix rip, PTRACE_CONT)", "traps/s",
		  M_TRAP, runs, 0, 1);
	snprintf(label, sizeof(label), "3. GDB: break f if i == -1, %ld calls",
		 cond_calls);
	print_row(label, "hits/s", M_COND, runs, 1, 1);
	snprintf(label, sizeof(label), "4. GDB: next over %ld iterations",
		 next_iters);
	print_row(label, "ms", M_NEXT, runs, 1, 0);
	print_row("5. g packets (limit: TCP ping-pong)", "packets/s", M_G, runs,
		  1, 1);
	print_row("6. memory read, m (limit: process_vm_readv)", "MB/s",
		  M_MEM_M, runs, 1, 1);
	print_row("   memory read, x (binary)", "MB/s", M_MEM_X, runs, 1, 1);
	print_row("7. GDB: target remote to stopped at main", "ms", M_MAIN,
		  runs, 1, 0);
	snprintf(label, sizeof(label), "8. peak RSS (VmHWM), %d threads",
		 nthreads);
	print_row(label, "KiB", M_RSS, runs, 1, 0);
	print_row("   binary size (st_size)", "bytes", M_SIZE, runs, 1, 0);
	print_row("   loaded part (PT_LOAD p_filesz)", "bytes", M_LOAD, runs, 1,
		  0);
}

/* ------------------------------------------------------------------ main */

static void progress(const char *what, int run, int runs)
{
	fprintf(stderr, "speed-bench: run %d/%d: %s\n", run + 1, runs, what);
}

int main(int argc, char **argv)
{
	struct stub stubs[2], gdb;
	int nstubs = 0, runs = 3, opt;
	char v[256];

	while ((opt = getopt(argc, argv, "r:t:b:c:N:n:g:T:vd:")) != -1) {
		switch (opt) {
		case 'r':
			runs = atoi(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		case 'b':
			buf_mib = strtoul(optarg, NULL, 10);
			break;
		case 'c':
			cond_calls = atol(optarg);
			break;
		case 'N':
			next_iters = atol(optarg);
			break;
		case 'n':
			nthreads = atoi(optarg);
			break;
		case 'g':
			gdb_path = optarg;
			break;
		case 'T':
			gdb_tmo = atoi(optarg);
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
	if (runs < 1 || runs > MAX_RUNS || secs <= 0 || !buf_mib ||
	    cond_calls < 1 || next_iters < 1 || nthreads < 0 || gdb_tmo < 1 ||
	    !progdir || argc - optind != 2)
		goto usage;
	nstubs = parse_stubs(argv + optind, argc - optind, stubs, 2);
	if (nstubs != 2)
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	print_header("speed-bench", stubs, nstubs);
	gdb.name = "gdb";
	gdb.path = gdb_path;
	stub_version(&gdb, v, sizeof(v));
	printf("  %-10s %s (%s)\n", gdb.name, gdb.path, v);
	printf("  -r %d -t %g -b %zu -c %ld -N %ld -n %d\n", runs, secs,
	       buf_mib, cond_calls, next_iters, nthreads);

	for (int run = 0; run < runs; run++) {
		progress("raw limits", run, runs);
		raw_limits(run);
		for (int c = 0; c < 2; c++) {
			struct stat sb;

			val[c][M_SIZE][run] = stat(stubs[c].path, &sb) == 0 ?
						      (double)sb.st_size :
						      -1;
			val[c][M_LOAD][run] = loaded_size(stubs[c].path);
			progress(stubs[c].name, run, runs);
			rsp_session(&stubs[c], c, run);
			progress("GDB", run, runs);
			gdb_session(&stubs[c], c, run);
		}
	}
	/* Row 8 last: the program's sleeping threads wake 4000 times a
	   second, which would disturb the rates.  */
	{
		char exe[4096], nbuf[16];
		char *pargv[] = {
			exe, nbuf, "blocked", NULL, "-t", "3600", NULL
		};
		struct prog pg;

		snprintf(exe, sizeof(exe), "%s/manythreads", progdir);
		snprintf(nbuf, sizeof(nbuf), "%d", nthreads);
		prog_start(&pg, pargv, 3);
		if (prog_ready(&pg, 120000, NULL) < 0) {
			fprintf(stderr, "manythreads did not start\n");
			for (int run = 0; run < runs; run++)
				val[C_A][M_RSS][run] = val[C_B][M_RSS][run] =
					-1;
		} else {
			for (int run = 0; run < runs; run++) {
				progress("peak RSS", run, runs);
				for (int c = 0; c < 2; c++)
					rss_session(&stubs[c], c, run, pg.pid);
			}
		}
		prog_stop(&pg);
	}
	print_table(stubs, runs);
	return 0;
usage:
	fprintf(stderr,
		"usage: %s [-r RUNS] [-t SECONDS] [-b MIB] [-c COND_CALLS] "
		"[-N NEXT_ITERATIONS] [-n THREADS] [-g GDB] [-T TIMEOUT] "
		"[-v] -d PROGDIR NAME=STUB NAME=STUB\n",
		argv[0]);
	return 2;
}

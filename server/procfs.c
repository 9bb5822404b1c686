/* procfs.c - reading /proc for thread names, tgids, exe and auxv.  */
#include "config.h"
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libiberty/libiberty.h>
#include "procfs.h"

char *procfs_read_file(pid_t pid, const char *file, size_t *len)
{
	char path[64];
	size_t cap = 4096, n = 0;
	char *buf;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			close(fd);
			free(buf);
			errno = saved;
			return NULL;
		}
		if (r == 0)
			break;
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

pid_t procfs_tgid(pid_t tid)
{
	size_t len;
	char *s = procfs_read_file(tid, "status", &len);
	char *p;
	pid_t tgid = -1;

	if (!s)
		return -1;
	p = strstr(s, "\nTgid:");
	if (p)
		tgid = (pid_t)strtol(p + 6, NULL, 10);
	free(s);
	return tgid;
}

void procfs_thread_name(pid_t pid, pid_t tid, char *buf, size_t size)
{
	char path[64];
	int fd;
	ssize_t r;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid,
		 (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	r = read(fd, buf, size - 1);
	close(fd);
	if (r <= 0)
		return;
	buf[r] = '\0';
	if (buf[r - 1] == '\n')
		buf[r - 1] = '\0';
}

int elf_kind(const char *path, unsigned int *elf_class, unsigned int *machine)
{
	unsigned char h[20]; /* e_ident, e_type, e_machine */
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = pread(fd, h, sizeof(h), 0);
	close(fd);
	if (r != (ssize_t)sizeof(h) || memcmp(h, ELFMAG, SELFMAG) != 0)
		return -1;
	*elf_class = h[EI_CLASS];
	/* e_machine in the file's byte order.  */
	*machine = h[EI_DATA] == ELFDATA2MSB ? (unsigned)h[18] << 8 | h[19] :
					       (unsigned)h[19] << 8 | h[18];
	return 0;
}

int procfs_elf_kind(pid_t pid, unsigned int *elf_class, unsigned int *machine)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	return elf_kind(path, elf_class, machine);
}

char *procfs_exe(pid_t pid)
{
	char path[64], target[4096];
	ssize_t r;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	r = readlink(path, target, sizeof(target) - 1);
	if (r < 0)
		return NULL;
	target[r] = '\0';
	return xstrdup(target);
}

char procfs_thread_state(pid_t pid, pid_t tid)
{
	char file[64];
	size_t len;
	char *s, *p;
	char state = 0;

	snprintf(file, sizeof(file), "task/%d/stat", (int)tid);
	s = procfs_read_file(pid, file, &len);
	if (!s)
		return 0;
	p = strrchr(s, ')');
	if (p && p[1] == ' ')
		state = p[2];
	free(s);
	return state;
}

/* The hex value of FIELD ("SigPnd:") in a status text, or 0.  */
static unsigned long long status_hex(const char *status, const char *field)
{
	const char *p = strstr(status, field);

	return p ? strtoull(p + strlen(field), NULL, 16) : 0;
}

static char *task_status(pid_t pid, pid_t tid)
{
	char file[64];
	size_t len;

	snprintf(file, sizeof(file), "task/%d/status", (int)tid);
	return procfs_read_file(pid, file, &len);
}

uint64_t procfs_deliverable_signals(pid_t pid, pid_t tid, uint64_t *shared)
{
	char *s = task_status(pid, tid);
	uint64_t r, blocked;

	if (shared)
		*shared = 0;
	if (!s)
		return 0;
	/* A blocked one would not stop the thread when it runs.  */
	blocked = status_hex(s, "\nSigBlk:");
	r = status_hex(s, "\nSigPnd:") & ~blocked;
	if (shared)
		*shared = status_hex(s, "\nShdPnd:") & ~blocked;
	free(s);
	return r;
}

bool procfs_sigtrap_pending(pid_t pid, pid_t tid)
{
	return procfs_deliverable_signals(pid, tid, NULL) &
	       (1ULL << (SIGTRAP - 1));
}

bool procfs_signal_pending(pid_t pid, pid_t tid)
{
	uint64_t shared, own = procfs_deliverable_signals(pid, tid, &shared);

	return (own | shared) != 0;
}

pid_t procfs_tracer(pid_t pid, pid_t tid)
{
	char *s = task_status(pid, tid);
	const char *p;
	pid_t r = -1;

	if (!s)
		return -1;
	p = strstr(s, "\nTracerPid:");
	if (p)
		r = (pid_t)strtol(p + 11, NULL, 10);
	free(s);
	return r;
}

bool procfs_traced_by_me(pid_t pid, pid_t tid)
{
	return procfs_tracer(pid, tid) == getpid();
}

/* The stat file of the thread asked about last, kept open: every stop
   reply asks for one, and a thread being stepped asks for its own again
   and again (a pread a stop instead of open, read, read, close).  A
   thread that ended leaves a file that reads nothing, and is opened
   anew.  The server is single-threaded.  */
static struct {
	int fd;
	pid_t tid;
} stat_cache = { -1, 0 };

static ssize_t read_thread_stat(pid_t pid, pid_t tid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	if (stat_cache.fd >= 0 && stat_cache.tid == tid) {
		n = pread(stat_cache.fd, buf, size, 0);
		if (n > 0)
			return n;
	}
	if (stat_cache.fd >= 0)
		close(stat_cache.fd);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid,
		 (int)tid);
	stat_cache.fd = open(path, O_RDONLY | O_CLOEXEC);
	stat_cache.tid = tid;
	if (stat_cache.fd < 0)
		return -1;
	return pread(stat_cache.fd, buf, size, 0);
}

int procfs_thread_core(pid_t pid, pid_t tid)
{
	/* 52 numbers and a 16-byte name fit with room to spare.  */
	char s[1536], *p;
	ssize_t len = read_thread_stat(pid, tid, s, sizeof(s) - 1);
	int field = 0;

	if (len <= 0)
		return -1;
	s[len] = '\0';
	/* The command name may hold spaces: count fields after the ')'. */
	p = strrchr(s, ')');
	if (!p)
		return -1;
	for (p++; *p && field < 37; p++)
		if (*p == ' ')
			field++;
	return field == 37 ? atoi(p) : -1;
}

int procfs_task_exists(pid_t pid, pid_t tid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)pid, (int)tid);
	return access(path, F_OK) == 0;
}

void procfs_thread_syscall(pid_t pid, pid_t tid, struct arch_syscall_state *out)
{
	char path[64], buf[512];
	unsigned long long args[6], sp, pc;
	long nr;
	ssize_t r;
	int fd;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid,
		 (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return;
	buf[r] = '\0';
	/* "NR ARG1 ... ARG6 SP PC", "-1 SP PC" outside a call, or
	   "running".  */
	if (sscanf(buf, "%ld %llx %llx %llx %llx %llx %llx %llx %llx", &nr,
		   &args[0], &args[1], &args[2], &args[3], &args[4], &args[5],
		   &sp, &pc) != 9 ||
	    nr < 0)
		return;
	out->valid = true;
	out->nr = nr;
	out->arg0 = args[0];
	out->pc = pc;
}

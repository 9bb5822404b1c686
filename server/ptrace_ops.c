/* ptrace_ops.c - thin wrappers over ptrace() and waitpid(); the one file
   of quietstub that calls them, so everything else can be tested and
   reasoned about without a live tracee.  */
#include "config.h"
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libiberty/libiberty.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#if defined(__i386__)
#include <asm/ldt.h> /* struct user_desc */
#endif
#include "arch.h"
#include "ptrace_ops.h"

static int ret(long r)
{
	return r < 0 ? -errno : 0;
}

int pt_seize(pid_t tid, unsigned long options)
{
	return ret(ptrace(PTRACE_SEIZE, tid, 0L, options));
}

int pt_set_options(pid_t tid, unsigned long options)
{
	return ret(ptrace(PTRACE_SETOPTIONS, tid, 0L, options));
}

int pt_interrupt(pid_t tid)
{
	return ret(ptrace(PTRACE_INTERRUPT, tid, 0L, 0L));
}

int pt_cont(pid_t tid, int sig)
{
	return ret(ptrace(PTRACE_CONT, tid, 0L, (long)sig));
}

int pt_step(pid_t tid, int sig)
{
	return ret(ptrace(PTRACE_SINGLESTEP, tid, 0L, (long)sig));
}

int pt_syscall(pid_t tid, int sig)
{
	return ret(ptrace(PTRACE_SYSCALL, tid, 0L, (long)sig));
}

int pt_syscall_op(pid_t tid)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info) < 0)
		return -errno;
	return info.op;
}

int pt_listen(pid_t tid)
{
	return ret(ptrace(PTRACE_LISTEN, tid, 0L, 0L));
}

int pt_detach(pid_t tid, int sig)
{
	return ret(ptrace(PTRACE_DETACH, tid, 0L, (long)sig));
}

int pt_peek_user(pid_t tid, unsigned long offset, uint64_t *value)
{
	long v;

	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, tid, offset, 0L);
	if (errno)
		return -errno;
	*value = (uint64_t)v;
	return 0;
}

int pt_poke_user(pid_t tid, unsigned long offset, uint64_t value)
{
	return ret(ptrace(PTRACE_POKEUSER, tid, offset, (long)value));
}

int pt_set_hbpreg(pid_t tid, long num, uint32_t value)
{
#if defined(__arm__)
	return ret(ptrace(PTRACE_SETHBPREGS, tid, num, &value));
#else
	(void)tid;
	(void)num;
	(void)value;
	return -EIO;
#endif
}

int pt_get_thread_area(pid_t tid, int entry, uint64_t *base)
{
#if defined(__i386__)
	struct user_desc desc;
	int r = ret(ptrace(PTRACE_GET_THREAD_AREA, tid, (long)entry, &desc));

	if (r == 0)
		*base = desc.base_addr;
	return r;
#else
	(void)tid;
	(void)entry;
	(void)base;
	return -EIO;
#endif
}

int pt_get_regset(pid_t tid, unsigned int note, void *buf, size_t *len)
{
	struct iovec iov = { .iov_base = buf, .iov_len = *len };
	int r;

	if (note == ARCH_NOTE_ARM_THREAD_AREA) {
#if defined(__arm__)
		if (*len < 4)
			return -EINVAL;
		*len = 4;
		return ret(ptrace(PTRACE_GET_THREAD_AREA, tid, 0L, buf));
#else
		return -EIO;
#endif
	}
	r = ret(ptrace(PTRACE_GETREGSET, tid, (long)note, &iov));

	if (r == 0)
		*len = iov.iov_len;
	return r;
}

int pt_set_regset(pid_t tid, unsigned int note, const void *buf, size_t len)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

	if (note == ARCH_NOTE_ARM_THREAD_AREA)
		return -EIO;

	return ret(ptrace(PTRACE_SETREGSET, tid, (long)note, &iov));
}

int pt_get_siginfo(pid_t tid, siginfo_t *si)
{
	return ret(ptrace(PTRACE_GETSIGINFO, tid, 0L, si));
}

int pt_set_siginfo(pid_t tid, const siginfo_t *si)
{
	return ret(ptrace(PTRACE_SETSIGINFO, tid, 0L, si));
}

int pt_get_event_msg(pid_t tid, unsigned long *msg)
{
	return ret(ptrace(PTRACE_GETEVENTMSG, tid, 0L, msg));
}

pid_t pt_wait_any(int *status)
{
	pid_t r = waitpid(-1, status, __WALL | WNOHANG);

	return r < 0 ? -errno : r;
}

bool pt_exit_pending(pid_t tid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)tid, &si,
		   WEXITED | WNOHANG | WNOWAIT | __WALL) < 0)
		return false;
	return si.si_pid == tid;
}

pid_t pt_wait_pid_nohang(pid_t pid, int *status)
{
	pid_t r = waitpid(pid, status, __WALL | WNOHANG);

	return r < 0 ? -errno : r;
}

struct pt_reaper {
	pthread_t thread;
	atomic_bool stop;
	pthread_mutex_t lock;
	size_t len, cap;
	struct {
		pid_t tid;
		int status;
	} * statuses;
};

static void *reaper_main(void *arg)
{
	struct pt_reaper *r = arg;
	const struct timespec nap = { 0, 200000 }; /* 0.2 ms */

	while (!atomic_load(&r->stop)) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL | WNOHANG);

		if (tid <= 0) {
			nanosleep(&nap, NULL);
			continue;
		}
		pthread_mutex_lock(&r->lock);
		if (r->len == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 64;
			r->statuses = xrealloc(r->statuses,
					       r->cap * sizeof(*r->statuses));
		}
		r->statuses[r->len].tid = tid;
		r->statuses[r->len].status = status;
		r->len++;
		pthread_mutex_unlock(&r->lock);
	}
	return NULL;
}

struct pt_reaper *pt_reaper_start(void)
{
	struct pt_reaper *r = xcalloc(1, sizeof(*r));

	pthread_mutex_init(&r->lock, NULL);
	atomic_init(&r->stop, false);
	if (pthread_create(&r->thread, NULL, reaper_main, r) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

void pt_reaper_stop(struct pt_reaper *r,
		    void (*deliver)(void *ctx, pid_t tid, int status),
		    void *ctx)
{
	if (!r)
		return;
	atomic_store(&r->stop, true);
	pthread_join(r->thread, NULL);
	for (size_t i = 0; i < r->len; i++)
		deliver(ctx, r->statuses[i].tid, r->statuses[i].status);
	pthread_mutex_destroy(&r->lock);
	free(r->statuses);
	free(r);
}

/* ptrace_ops.h - the only door to ptrace() and waitpid().  Every call
   returns 0 or a negative errno; ESRCH means the tracee is gone, which
   callers treat as a normal event, never as a bug.  */
#ifndef QS_PTRACE_OPS_H
#define QS_PTRACE_OPS_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>

int pt_seize(pid_t tid, unsigned long options);
int pt_set_options(pid_t tid, unsigned long options);
int pt_interrupt(pid_t tid);
int pt_cont(pid_t tid, int sig);
int pt_step(pid_t tid, int sig);
/* Continue to the next system call entry or exit (PTRACE_SYSCALL).  */
int pt_syscall(pid_t tid, int sig);
/* At a system call stop: PTRACE_SYSCALL_INFO_ENTRY or _EXIT, or a
   negative errno (kernels before 5.3).  */
int pt_syscall_op(pid_t tid);
int pt_listen(pid_t tid);
int pt_detach(pid_t tid, int sig);
/* A word of the user area (x86: the debug registers).  */
int pt_peek_user(pid_t tid, unsigned long offset, uint64_t *value);
int pt_poke_user(pid_t tid, unsigned long offset, uint64_t value);
/* PTRACE_SETHBPREGS: 32-bit ARM debug register NUM (negative for
   watchpoints) of TID gets VALUE; -EIO on other machines.  */
int pt_set_hbpreg(pid_t tid, long num, uint32_t value);
/* PTRACE_GET_THREAD_AREA on i386: the base address of TID's TLS
   descriptor ENTRY (a GDT index); -EIO on other machines.  */
int pt_get_thread_area(pid_t tid, int entry, uint64_t *base);
int pt_get_regset(pid_t tid, unsigned int note, void *buf, size_t *len);
int pt_set_regset(pid_t tid, unsigned int note, const void *buf, size_t len);
int pt_get_siginfo(pid_t tid, siginfo_t *si);
int pt_set_siginfo(pid_t tid, const siginfo_t *si);
int pt_get_event_msg(pid_t tid, unsigned long *msg);
/* waitpid(-1, __WALL | WNOHANG): the tid, 0 when nothing is ready, or a
   negative errno (-ECHILD when there are no children).  */
pid_t pt_wait_any(int *status);
/* A thread that reaps wait statuses while the main thread may block in
   PTRACE_SEIZE: an exec in the target waits for its traced threads to be
   reaped while holding the lock PTRACE_SEIZE needs.  The statuses are
   handed back, in order, by pt_reaper_stop.  */
struct pt_reaper;
struct pt_reaper *pt_reaper_start(void);
/* Stop the thread; call DELIVER for each status it collected.  */
void pt_reaper_stop(struct pt_reaper *r,
		    void (*deliver)(void *ctx, pid_t tid, int status),
		    void *ctx);

/* Reap a child known to have exited (used for launch failures).  */
pid_t pt_wait_pid_nohang(pid_t pid, int *status);
/* Has TID exited with its status not yet collected (peeked at, left
   for the next wait)?  */
bool pt_exit_pending(pid_t tid);

#endif

/* engine.h - the thread and process engine.  Always non-stop inside:
   each thread runs or stops on its own, and carries at most one event
   for the client.  The session decides what to report and when (the
   all-stop policy lives there, not here).  */
#ifndef QS_ENGINE_H
#define QS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "target.h"

struct engine {
	struct process *procs;
	struct htab *threads; /* struct thread * by tid */
	struct htab *orphans; /* wait statuses of tids not yet known */
	const struct arch_ops *arch;
	unsigned long event_seq;
	/* Host signals passed to the program without a report.  */
	bool pass_signal[65];
	/* Host signals the client lets the program see (QProgramSignals);
	   a detach delivers them if they were the last stop.  */
	bool program_signals_known;
	bool program_signal[65];
	/* Rewind calls our interrupts made fail with EINTR (DESIGN.md,
	   contract item 3), and how many were rewound.  */
	bool quiet_restart;
	unsigned long restarts_repaired;
	/* Report new threads as events (the client's QThreadEvents), and
	   forks and vforks (fork-events+, vfork-events+).  */
	bool thread_events;
	bool fork_events;
	bool vfork_events;
	/* The machines whose descriptions the client reads (its qSupported
	   "xmlRegisters=" list); NULL: every machine's.  */
	char *xml_registers;
	/* Called after a batch of wait statuses changed something, and
	   before a thread that exited is forgotten.  */
	void (*on_change)(void *ctx);
	/* step_over.c: the thread stepping over a breakpoint, and whether
	   its single-step is under way */
	struct thread *step_over;
	bool step_over_started;
	/* regs_pending.c: when register writes kept for running threads
	   are made (CLOCK_MONOTONIC ms), 0 if none are kept */
	long long regs_settle_due;
	/* engine_reap stopped at its batch: call it again without waiting
	   for SIGCHLD */
	bool statuses_left;
	void (*on_thread_exit)(void *ctx, struct thread *t, int code);
	void *ctx;
};

/* Forks are always traced, so that a child never runs into the
   breakpoints it inherited; children the client does not want are
   cleaned and detached.  */
#define ENGINE_ATTACH_OPTIONS                                               \
	(PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD | \
	 PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE)
#define ENGINE_LAUNCH_OPTIONS (ENGINE_ATTACH_OPTIONS | PTRACE_O_EXITKILL)

void engine_init(struct engine *e, const struct arch_ops *arch);
void engine_free(struct engine *e);

/* Decode the wait statuses ready, at most ENGINE_REAP_BATCH (more may
   be left: statuses_left), then call on_change once.  */
#define ENGINE_REAP_BATCH 256
void engine_reap(struct engine *e);
/* Decode one wait status of TID (engine_reap's work, also for those an
   attach collected meanwhile).  */
void engine_handle_status(struct engine *e, pid_t tid, int status);

struct process *engine_add_process(struct engine *e, pid_t pid, bool attached);
/* Seize every thread of PID (PTRACE_SEIZE, with /proc/PID/task rescanned
   until no new thread appears), and interrupt each once, to find the
   threads that escape the seizing (seize.c): those the caller does not
   ask to stop run on.  NULL with a negative errno in *ERR on failure.  */
struct process *engine_attach(struct engine *e, pid_t pid, int *err);
struct thread *engine_add_thread(struct engine *e, struct process *p,
				 pid_t tid);
void engine_remove_thread(struct engine *e, struct thread *t);
/* T's siginfo buffer (made at its first use).  */
siginfo_t *thread_siginfo(struct thread *t);
void engine_remove_process(struct engine *e, struct process *p);
struct process *engine_find_process(struct engine *e, pid_t pid);
struct thread *engine_find_thread(struct engine *e, pid_t tid);

/* Resume T (stopped, no pending event) with KIND and host signal SIG. */
int engine_resume(struct engine *e, struct thread *t, enum resume_kind kind,
		  int sig);
/* The client resumed T with host signal SIG, but T does not run now
   (another thread's event is reported first): deliver SIG at T's next
   resume, as gdbserver does.  */
void engine_defer_signal(struct thread *t, int sig);
/* T stopped by our interrupt (an attach, a stop the client asked for):
   if a signal it does not block is pending for it (or for its process,
   with SHARED), let it take that signal, as it would at once when it
   runs, and return true: its next stop is the signal-delivery-stop,
   the stop an interrupt by SIGSTOP reports.  Not for a signal that would
   stop the program.  */
bool engine_take_pending_signal(struct engine *e, struct thread *t,
				bool shared);
/* PTRACE_INTERRUPT T, which runs; T->interrupting until its stop.  The
   system call it is in is noted first for the quiet restart.  */
void engine_interrupt(struct engine *e, struct thread *t);
/* The passed signals changed: a signal stop not yet reported whose
   signal is passed now is not reported; the signal goes with the
   thread's next resume (at once if the client wants it running), as
   gdbserver decides when it reports.  */
void engine_pass_pending_signals(struct engine *e);
/* Ask T to stop if it runs; the stop arrives through engine_reap.  */
void engine_request_stop(struct engine *e, struct thread *t);
/* Interrupt T for a moment if it runs, so that it takes what waits for
   a ptrace-stop (debug registers, registers the client wrote): the
   handling of the stop resumes it.  */
void engine_interrupt_briefly(struct engine *e, struct thread *t);
/* Are all threads of P (or of every process, P NULL) stopped?  */
bool engine_all_stopped(struct engine *e, struct process *p);
/* Forget threads that vanished without a report (another thread
   exec'd), seize again a process whose untraced thread exec'd, and the
   threads that escaped an attach.  Run while waiting for stops that may
   never come.  */
void engine_reconcile(struct engine *e);
/* Only the middle part of engine_reconcile: one /proc read a process,
   cheap enough to run now and then while everything runs.  */
void engine_reconcile_leaders(struct engine *e);
/* Mark leaders that exited before their threads (they never stop).  */
void engine_check_zombie_leaders(struct engine *e);

/* Registers: make sure regset I of T is in its cache.  */
int engine_fetch_regset(struct engine *e, struct thread *t, int i);
int engine_fetch_all_regs(struct engine *e, struct thread *t);
/* The description of P (probed from a stopped thread the first time). */
/* The backend for P's program, from its ELF header; the build's own
   when that cannot be read or no backend serves it (or P is NULL).  */
const struct arch_ops *engine_arch(struct engine *e, struct process *p);
/* Can this build debug the ELF program PATH?  A file that is not ELF (a
   script) is given the benefit of the doubt.  If not, *WHY says why
   (valid until the next call).  */
bool engine_can_debug(const char *path, const char **why);
const struct arch_tdesc *engine_tdesc(struct engine *e, struct process *p);
/* A new client announced the machines whose descriptions it reads
   (XML_REGISTERS: its "xmlRegisters=" list, "" when it has none, NULL
   for every machine): the descriptions are chosen again.  */
void engine_set_xml_registers(struct engine *e, const char *xml_registers);
uint64_t engine_get_pc(struct engine *e, struct thread *t);
void engine_set_pc(struct engine *e, struct thread *t, uint64_t pc);
/* Write dirty register sets back to the kernel.  */
int engine_flush_regs(struct engine *e, struct thread *t);
/* Forget T's cached registers (it is about to run).  */
void engine_invalidate_regs(struct thread *t);

/* QCatchSyscalls: stop P's threads at the system calls in LIST (COUNT
   of them, every one when 0), or at none when ENABLE is false.  Takes
   effect at each thread's next resume.  */
void engine_catch_syscalls(struct process *p, bool enable, size_t count,
			   const long *list);

/* Kill P (SIGKILL, only when the client asked); its exit is reaped
   through engine_reap.  */
void engine_kill(struct engine *e, struct process *p);
/* Detach every thread of P, which must all be stopped.  */
void engine_detach(struct engine *e, struct process *p);
/* Let go of fork child P (the client never heard of its fork): now,
   or at its first stop if that is still to come.  */
void engine_release_fork_child(struct engine *e, struct process *p);

#endif

/* target.h - the traced processes and threads as the engine sees them:
   for each thread, what the kernel has (running or in a ptrace-stop) and
   at most one event not yet reported to the client.  */
#ifndef QS_TARGET_H
#define QS_TARGET_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>
#include "arch.h"

struct process;
struct htab;

/* What a thread reports to the client, decoded from a wait status.  */
enum stop_kind {
	STOP_NONE = 0,
	STOP_SIGNAL, /* signal-delivery-stop: sig */
	STOP_BREAKPOINT, /* software breakpoint hit; pc already rewound */
	STOP_HW_BREAKPOINT, /* hardware breakpoint hit: pc */
	STOP_WATCHPOINT, /* watchpoint of type code (Z2-Z4) hit at pc */
	STOP_STEP, /* single-step finished */
	STOP_INTERRUPT, /* stopped at the client's request */
	STOP_EXEC, /* the process exec'd */
	STOP_EXITED, /* the process exited: code */
	STOP_KILLED, /* the process was killed by signal sig */
	STOP_CREATED, /* a new thread (thread events on) */
	STOP_THREAD_EXITED, /* a thread exited: code (thread events on) */
	STOP_FORK, /* fork: child */
	STOP_VFORK, /* vfork: child */
	STOP_VFORK_DONE, /* the vfork child exec'd or exited */
	STOP_NO_RESUMED, /* no thread the client resumed is left */
	STOP_SYSCALL_ENTRY, /* system call code entered (QCatchSyscalls) */
	STOP_SYSCALL_RETURN, /* system call code returns */
};

struct stop_event {
	enum stop_kind kind;
	int sig; /* host signal for STOP_SIGNAL / STOP_KILLED */
	int code; /* exit code, watch type, or system call number */
	pid_t child; /* STOP_FORK / STOP_VFORK: the new process */
	uint64_t pc; /* breakpoint address, or watched data address */
	unsigned long seq; /* order in which events happened */
};

/* The resume a client asked for, kept until the thread runs.  */
enum resume_kind { RESUME_NONE = 0, RESUME_CONTINUE, RESUME_STEP };

/* One for each thread of the program (thousands at times): the flags
   are kept together, after the wider fields, so that none leaves a
   hole.  */
struct thread {
	pid_t tid;
	int stop_sig; /* signal of the current signal-delivery-stop */
	struct process *proc;
	struct thread *next; /* in proc->threads, in order of creation */
	/* Its system call when we last interrupted it, for backends that
	   want it (arch_ops.want_syscall_state).  */
	struct arch_syscall_state syscall_before;
	/* of the current signal-delivery-stop (has_siginfo): allocated at
	   the thread's first, as most threads never have one */
	siginfo_t *siginfo;
	/* register cache: made at the first read of a stop, gone when
	   the thread runs */
	struct arch_regcache *regs;

	struct stop_event event; /* pending for the client (kind != NONE) */
	struct stop_event last_report; /* what the client last saw */
	enum resume_kind last_resume;
	int deferred_sig; /* a passed signal held while stopping */
	int inject_sig; /* queued with tgkill for the client */
	int reported_sig; /* signal of the stop the client last saw */
	/* vCont;r: the steps go on while the pc stays in [start, end) */
	uint64_t range_start, range_end;
	/* step_over.c: the breakpoint a step over is wanted for
	   (step_over_wanted), and the resume held while another thread
	   steps over one (held) */
	uint64_t step_over_addr;
	enum resume_kind held_kind;
	int held_sig;
	/* the process's hw_gen last written into its debug registers */
	unsigned long hw_gen;
	/* libthread_db's handle on it (th_unique), 0 until first looked up:
	   a running thread's cannot be found from its registers */
	uint64_t thread_db_handle;
	/* registers the client wrote while it ran (regs_pending.c) */
	struct regs_pending *regs_pending;

	bool stopped; /* in a ptrace-stop (kernel state) */
	bool interrupting; /* PTRACE_INTERRUPT sent, no stop seen yet */
	bool new_thread; /* seized clone child: first stop not seen */
	/* seized by an attach, no stop seen since: a clone it was in
	   may have made a thread that is not traced */
	bool seized_unsettled;
	bool listening; /* in a group-stop kept with PTRACE_LISTEN */
	bool group_stop; /* stopped in a group-stop (resume = LISTEN) */
	bool in_syscall; /* its last system call stop was an entry */
	bool in_vfork; /* its vfork child still shares the memory */
	bool zombie; /* exited leader waiting for its threads */
	bool has_siginfo;
	bool want_running; /* the client resumed it and wants it to run */
	bool client_resumed; /* resumed since the client last saw it stop */
	bool stop_requested; /* the client asked it to stop (vCont;t) */
	bool report_queued; /* a stop reply for it waits in the queue */
	bool step_over_wanted;
	bool held;
};

/* How many removed breakpoint addresses a process remembers.  */
#define BP_REMOVED_KEPT 16

struct process {
	pid_t pid;
	struct process *next;
	struct thread *threads;
	int nthreads;
	bool attached; /* attached (vs launched by quietstub) */
	bool stop_reported; /* a client has seen a stop of one of its threads */
	bool exited; /* exit seen; the struct lingers until reported */
	/* seize.c: threads seized_unsettled; all settled since /proc was
	   last read for threads that escaped */
	int unsettled;
	bool rescan_due;
	/* Its leader was stopped for the client when it died: non-stop
	   reports the exit once the client resumes it, as gdbserver.  */
	bool exit_held;
	struct stop_event exit_event;
	int mem_fd; /* /proc/PID/mem, -1 if not open */
	/* The backend for its program and its description; NULL until
	   first asked for, and again after an exec.  */
	const struct arch_ops *arch;
	const struct arch_tdesc *tdesc;
	struct htab *breakpoints; /* struct sw_breakpoint by address */
	struct thread_db *thread_db; /* libthread_db's view, or NULL */
	bool breakpoints_used; /* one was ever inserted */
	/* the last breakpoints removed: a thread can still trap on one */
	uint64_t removed_bps[BP_REMOVED_KEPT];
	unsigned removed_bps_next;

	/* Hardware breakpoints and watchpoints: the debug register slots
	   every thread gets before it runs, how many Z packets use each,
	   and a generation bumped at each change (0: never used).  */
	struct arch_hw_slot hw[ARCH_MAX_HW_SLOTS];
	unsigned hw_refs[ARCH_MAX_HW_SLOTS];
	unsigned long hw_gen;
	/* The Z packets behind them: a second identical one only updates
	   (GDB sends one again when it changes a condition).  */
	struct hw_request {
		int type;
		uint64_t addr, len;
	} hw_requests[4 * ARCH_MAX_HW_SLOTS];
	int hw_nrequests;

	/* QCatchSyscalls: stop at the system calls in CATCH_LIST (every
	   one when CATCH_COUNT is 0).  */
	bool catch_syscalls;
	size_t catch_count;
	long *catch_list;

	bool detach_on_stop; /* a fork child nobody asked for */
	/* a fork child whose fork no client has seen yet: left out of
	   thread lists, or the client would take it for a new process */
	bool fork_unreported;
	bool fork_child; /* made by a fork quietstub traced */
	/* vfork children that still share the memory (breakpoints are
	   lifted meanwhile when no client sees vforks) */
	int vforks_running;

	/* launch bookkeeping */
	int execs_expected; /* exec events still to come before ready */
	bool starting;
};

#endif

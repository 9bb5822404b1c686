/* step_over.c - stepping a thread over a breakpoint inside quietstub,
   for a hit the client need not hear of (every condition it gave for
   the breakpoint was false).  As gdbserver does: the other threads of
   the process stop, the breakpoint's original bytes go back for one
   single-step of that thread, the breakpoint returns and everyone runs
   on.  A thread the engine or the client resumes meanwhile is held
   until then.  One step-over at a time; others wait their turn.  */
#include "config.h"
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include "breakpoints.h"
#include "engine.h"
#include "hw_points.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "ptrace_ops.h"
#include "step_over.h"

bool step_over_holds(const struct engine *e, const struct thread *t)
{
	return e->step_over && t != e->step_over &&
	       t->proc == e->step_over->proc;
}

void step_over_hold(struct thread *t, enum resume_kind kind, int sig)
{
	t->held = true;
	t->held_kind = kind;
	t->held_sig = sig;
	t->want_running = true;
}

static void put_breakpoint_back(struct engine *e)
{
	struct thread *t = e->step_over;
	struct sw_breakpoint *bp = bp_find(t->proc, t->step_over_addr);

	if (bp)
		mem_write_raw(t->proc, bp->addr, bp->insn, bp->len);
}

/* The step-over is over: the held threads go on.  */
static void finish(struct engine *e)
{
	struct process *p = e->step_over->proc;

	e->step_over = NULL;
	e->step_over_started = false;
	for (struct thread *q = p->threads; q; q = q->next) {
		if (!q->held)
			continue;
		q->held = false;
		if (q->want_running)
			engine_resume(e, q, q->held_kind, q->held_sig);
		else if (q->held_sig)
			q->deferred_sig = q->held_sig;
	}
}

static void start_next(struct engine *e)
{
	struct thread *t = NULL;

	if (e->step_over)
		return;
	for (struct process *p = e->procs; p && !t; p = p->next)
		for (struct thread *q = p->threads; q && !t; q = q->next)
			if (q->step_over_wanted && q->stopped && !q->zombie)
				t = q;
	if (!t)
		return;
	t->step_over_wanted = false;
	e->step_over = t;
	e->step_over_started = false;
	for (struct thread *q = t->proc->threads; q; q = q->next) {
		if (q == t || q->stopped || q->zombie || q->new_thread ||
		    q->interrupting)
			continue;
		engine_interrupt(e, q);
	}
	step_over_progress(e);
}

void step_over_request(struct engine *e, struct thread *t, uint64_t addr)
{
	t->step_over_addr = addr;
	t->step_over_wanted = true;
	start_next(e);
}

void step_over_progress(struct engine *e)
{
	struct thread *t = e->step_over;
	struct sw_breakpoint *bp;

	if (!t) {
		start_next(e);
		return;
	}
	if (e->step_over_started)
		return;
	for (struct thread *q = t->proc->threads; q; q = q->next)
		if (q != t && !q->stopped && !q->zombie && !q->new_thread)
			return;
	bp = bp_find(t->proc, t->step_over_addr);
	/* Stopped by the client meanwhile, or the breakpoint went: the
	   thread simply runs on when it is resumed.  */
	if (!t->want_running || !bp || !t->stopped) {
		finish(e);
		if (t->want_running)
			engine_resume(e, t, t->last_resume, 0);
		start_next(e);
		return;
	}
	engine_flush_regs(e, t);
	engine_invalidate_regs(t);
	hw_apply(e, t);
	mem_write_raw(t->proc, bp->addr, bp->saved, bp->len);
	if (pt_step(t->tid, 0) < 0) {
		put_breakpoint_back(e);
		finish(e);
		start_next(e);
		return;
	}
	t->stopped = false;
	t->stop_sig = 0;
	t->has_siginfo = false;
	e->step_over_started = true;
}

enum step_over_result step_over_stopped(struct engine *e, struct thread *t,
					int status, bool requested)
{
	int event = (unsigned)status >> 16;
	bool exec = WIFSTOPPED(status) && event == PTRACE_EVENT_EXEC;

	if (t != e->step_over || !e->step_over_started)
		return STEP_OVER_NOT_MINE;
	/* An interrupt stop can come before the single-step trap, which
	   is then still pending: let the thread take it.  */
	if (WIFSTOPPED(status) && event == PTRACE_EVENT_STOP &&
	    procfs_sigtrap_pending(t->proc->pid, t->tid) &&
	    pt_cont(t->tid, 0) == 0) {
		t->stopped = false;
		t->interrupting = requested;
		return STEP_OVER_CONTINUES;
	}
	/* After an exec the breakpoint's address belongs to a new image
	   (whose table the exec empties).  */
	if (!exec)
		put_breakpoint_back(e);
	finish(e);
	start_next(e);
	if (WIFSTOPPED(status) && event == 0 && WSTOPSIG(status) == SIGTRAP &&
	    pt_get_siginfo(t->tid, thread_siginfo(t)) == 0 &&
	    t->siginfo->si_code == TRAP_TRACE) {
		t->has_siginfo = true;
		t->stop_sig = SIGTRAP;
		return STEP_OVER_DONE;
	}
	return STEP_OVER_ENDED;
}

void step_over_forget(struct engine *e, struct thread *t)
{
	t->step_over_wanted = false;
	if (t != e->step_over)
		return;
	if (t->proc && !t->proc->exited)
		put_breakpoint_back(e);
	finish(e);
}

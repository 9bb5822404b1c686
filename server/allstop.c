/* allstop.c - the all-stop reporting policy on top of the non-stop
   engine: when the first event arrives every other thread is stopped,
   one event is reported, and the others stay pending for the next
   resume (reported then without running anything).  */
#include "config.h"
#include <limits.h>
#include <string.h>
#include "breakpoints.h"
#include "engine.h"
#include "gdb_signals.h"
#include "hw_points.h"
#include "log.h"
#include "server.h"
#include "session.h"

bool event_still_valid(struct engine *e, struct thread *t)
{
	/* A pending breakpoint event is stale once the client removed the
	   breakpoint or moved the pc (jump, call): the thread simply runs
	   on from where it is.  */
	if (t->event.kind == STOP_BREAKPOINT &&
	    (!bp_find(t->proc, t->event.pc) ||
	     engine_get_pc(e, t) != t->event.pc))
		memset(&t->event, 0, sizeof(t->event));
	if (t->event.kind == STOP_HW_BREAKPOINT &&
	    (!hw_has_breakpoint(t->proc, t->event.pc) ||
	     engine_get_pc(e, t) != t->event.pc))
		memset(&t->event, 0, sizeof(t->event));
	return t->event.kind != STOP_NONE;
}

struct choice {
	struct thread *thread;
	struct process *exited;
	unsigned long seq;
};

/* The oldest event the client may see: of a thread it resumed, or an
   exit.  */
static struct choice choose_event(struct engine *e)
{
	struct choice c = { .seq = ULONG_MAX };

	for (struct process *p = e->procs; p; p = p->next) {
		if (p->exited && p->exit_event.seq < c.seq) {
			c.exited = p;
			c.thread = NULL;
			c.seq = p->exit_event.seq;
		}
		for (struct thread *t = p->threads; t; t = t->next) {
			if (t->client_resumed && event_still_valid(e, t) &&
			    t->event.seq < c.seq) {
				c.thread = t;
				c.exited = NULL;
				c.seq = t->event.seq;
			}
		}
	}
	return c;
}

static bool any_resumed(struct engine *e)
{
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			if (t->client_resumed && !t->zombie)
				return true;
	return false;
}

void report_exit(struct session *s, struct process *p, struct rsp_buf *b)
{
	struct stop_event ev = p->exit_event;
	pid_t pid = p->pid;

	/* Over stdio this text lands in the client's own terminal, in the
	   middle of its output, which already says how the process ended.  */
	if (s->srv->transport.kind != TRANSPORT_STDIO) {
		if (ev.kind == STOP_EXITED)
			log_message("\nChild exited with status %d", ev.code);
		else
			log_message(
				"\nChild terminated with signal = 0x%x (%s)",
				ev.sig, strsignal(ev.sig));
	}
	engine_remove_process(&s->srv->engine, p);
	if (b == &s->reply) {
		session_report_stop(s, &ev, pid, pid);
	} else {
		stop_reply_build(s, b, pid, pid, &ev);
	}
	/* Without extended-remote the session ends with the last process;
	   in non-stop once the client has drained the stop queue.  */
	if (!s->extended && !s->non_stop && !server_has_processes(s->srv))
		s->exit_after_reply = true;
}

static void stop_everything(struct engine *e)
{
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			engine_request_stop(e, t);
	engine_check_zombie_leaders(e);
}

/* The thread a ^C stops.  gdbserver's SIGINT goes to the process
   started or attached last and one of its running threads takes it,
   its main thread when it can: the same here, among the threads the
   client resumed (a step over a breakpoint resumes one thread only,
   and the client wants its stop from that one).  */
static struct thread *interrupted_thread(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct process *signalled = engine_find_process(e, s->srv->signal_pid);
	struct thread *t = session_general_thread(s);

	for (struct thread *q = signalled ? signalled->threads : NULL; q;
	     q = q->next)
		if (q->client_resumed && !q->zombie)
			return q;
	if (t && t->client_resumed)
		return t;
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *q = p->threads; q; q = q->next)
			if (q->client_resumed && !q->zombie)
				return q;
	if (!t)
		t = session_find_thread(s, (struct rsp_ptid){ 0, RSP_ID_ANY });
	return t;
}

void allstop_finish(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct choice c = choose_event(e);
	struct thread *target;
	bool interrupted;
	bool none_left = !c.thread && !c.exited && !any_resumed(e) &&
			 server_has_processes(s->srv);

	if (!c.thread && !c.exited && !s->interrupt_requested && !none_left)
		return;
	stop_everything(e);
	if (!engine_all_stopped(e, NULL))
		return;
	c = choose_event(e);
	/* A ^C wins over a breakpoint hit, which stays pending: under a
	   breakpoint whose condition the client finds false, hits come
	   all the time and the interrupt would never be seen.  */
	if (s->interrupt_requested && c.thread &&
	    (c.thread->event.kind == STOP_BREAKPOINT ||
	     c.thread->event.kind == STOP_HW_BREAKPOINT))
		c.thread = NULL;
	s->deferred = DEFER_NONE;
	interrupted = s->interrupt_requested;
	s->interrupt_requested = false;
	target = c.thread || c.exited ? NULL : interrupted_thread(s);
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			t->client_resumed = false;
	if (c.exited) {
		report_exit(s, c.exited, &s->reply);
	} else if (c.thread) {
		struct stop_event ev = c.thread->event;

		/* Another event came with the ^C (a step ended, a signal):
		   the next continue is interrupted.  */
		s->interrupt_pending |= interrupted;
		memset(&c.thread->event, 0, sizeof(c.thread->event));
		session_report_stop(s, &ev, c.thread->proc->pid, c.thread->tid);
	} else {
		/* An interrupt (reported as SIGINT, as gdbserver does), or
		   every thread the client resumed has exited.  */
		struct thread *t = target;
		struct stop_event ev = { .kind = STOP_INTERRUPT,
					 .sig = SIGINT };

		if (none_left && s->no_resumed) {
			ev.kind = STOP_NO_RESUMED;
			rsp_buf_reset(&s->reply);
			stop_reply_build(s, &s->reply, 0, 0, &ev);
		} else if (t) {
			session_report_stop(s, &ev, t->proc->pid, t->tid);
		} else {
			rsp_buf_puts(&s->reply, "W00");
		}
	}
	session_send_reply(s);
}

/* The thread whose stop a client saw last (a new connection knows
   nothing yet), else the first thread.  */
static struct thread *last_reported(struct engine *e)
{
	struct thread *best = NULL;

	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			if (!best || t->last_report.seq > best->last_report.seq)
				best = t;
	return best;
}

void allstop_query(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct thread *t = NULL;

	if (s->last_tid && s->last_event.kind != STOP_EXITED &&
	    s->last_event.kind != STOP_KILLED)
		t = engine_find_thread(e, s->last_tid);
	if (t) {
		session_report_stop(s, &s->last_event, t->proc->pid, t->tid);
		return;
	}
	for (struct process *p = e->procs; p; p = p->next) {
		if (p->exited) {
			report_exit(s, p, &s->reply);
			return;
		}
	}
	t = last_reported(e);
	if (t) {
		struct stop_event ev = t->last_report;

		if (ev.kind == STOP_NONE)
			ev.kind = STOP_INTERRUPT;
		if (t->event.kind != STOP_NONE) {
			ev = t->event;
			memset(&t->event, 0, sizeof(t->event));
		} else if (ev.kind != STOP_SIGNAL &&
			   ev.kind != STOP_INTERRUPT) {
			/* A fork, exec or other event the client (an earlier
			   connection) has handled: only where it stands.  */
			ev.kind = STOP_SIGNAL;
			ev.sig = SIGTRAP;
		}
		session_report_stop(s, &ev, t->proc->pid, t->tid);
		return;
	}
	/* No process: as gdbserver, an exit with status 0.  */
	rsp_buf_puts(&s->reply, "W00");
}

void allstop_resume(struct session *s, const struct rsp_request *req)
{
	struct engine *e = &s->srv->engine;
	bool pending = false, any = false, continues = false;

	if (s->deferred != DEFER_NONE) {
		rsp_buf_puts(&s->reply, "E.already running");
		return;
	}
	for (struct process *p = e->procs; p; p = p->next) {
		if (p->exited)
			pending = true;
		for (struct thread *t = p->threads; t; t = t->next) {
			const struct rsp_vcont_action *a =
				vcont_action_for(s, req, t);

			if (!a || a->kind == RSP_VCONT_STOP)
				continue;
			any = true;
			/* A range step may run for long (a busy loop on
			   one line): ^C must reach it.  */
			if (a->kind == RSP_VCONT_CONTINUE ||
			    a->kind == RSP_VCONT_RANGE)
				continues = true;
			/* A step that ended while the thread was being
			   stopped for another's event belongs to a resume
			   the client has replaced: continued now, the
			   thread runs on (as gdbserver drops that trap).  */
			if (a->kind == RSP_VCONT_CONTINUE &&
			    t->event.kind == STOP_STEP)
				memset(&t->event, 0, sizeof(t->event));
			if (event_still_valid(e, t)) {
				t->client_resumed = true;
				pending = true;
			}
		}
	}
	if (!any && !pending) {
		rsp_buf_puts(&s->reply, "E.no thread to resume");
		return;
	}
	/* With an event already waiting, nothing runs: it is reported, and
	   a signal the client passed a thread waits for its next resume.  */
	for (struct process *p = e->procs; p; p = p->next) {
		for (struct thread *t = p->threads; t; t = t->next) {
			const struct rsp_vcont_action *a =
				vcont_action_for(s, req, t);

			if (!a || a->kind == RSP_VCONT_STOP)
				continue;
			if (pending)
				engine_defer_signal(t,
						    gdb_signal_to_host(a->sig));
			else
				vcont_resume_thread(e, t, a);
		}
	}
	s->deferred = DEFER_STOP;
	s->continuing = continues;
	if (s->interrupt_pending && continues) {
		s->interrupt_pending = false;
		s->interrupt_requested = true;
	}
}

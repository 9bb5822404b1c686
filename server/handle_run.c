/* handle_run.c - run control and the all-stop reporting policy: '?',
   vCont, interrupts, and the stop reply of the event that ends a
   resume.  The engine runs each thread on its own; here one event is
   chosen and every other thread is stopped before it is reported.  */
#include "config.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "breakpoints.h"
#include "engine.h"
#include "gdb_signals.h"
#include "log.h"
#include "procfs.h"
#include "server.h"
#include "session.h"

static int gdb_sig_of(const struct stop_event *ev)
{
	switch (ev->kind) {
	case STOP_BREAKPOINT:
	case STOP_STEP:
	case STOP_EXEC:
		return GDB_SIGNAL_TRAP;
	case STOP_INTERRUPT:
		return ev->sig ? gdb_signal_from_host(ev->sig) : GDB_SIGNAL_0;
	default:
		return gdb_signal_from_host(ev->sig);
	}
}

/* Expedite the registers GDB reads after every stop.  */
static void put_expedited(struct session *s, struct thread *t)
{
	struct engine *e = &s->srv->engine;
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	int regs[3];
	uint8_t val[64];

	if (!td || engine_fetch_all_regs(e, t) < 0)
		return;
	regs[0] = td->sp_regnum;
	regs[1] = td->fp_regnum;
	regs[2] = td->pc_regnum;
	for (int i = 0; i < 3; i++) {
		int n = regs[i];

		if (n < 0 || n >= td->nregs || td->regs[n].bitsize / 8 > 64)
			continue;
		size_t len = e->arch->reg_read(td, &t->regs, n, val);

		rsp_buf_printf(&s->reply, "%02x:", n);
		rsp_buf_hex(&s->reply, val, len);
		rsp_buf_putc(&s->reply, ';');
	}
}

void session_report_stop(struct session *s, const struct stop_event *ev,
			 pid_t pid, pid_t tid)
{
	struct thread *t = engine_find_thread(&s->srv->engine, tid);

	rsp_buf_reset(&s->reply);
	switch (ev->kind) {
	case STOP_EXITED:
		rsp_buf_printf(&s->reply, "W%02x", ev->code & 0xff);
		break;
	case STOP_KILLED:
		rsp_buf_printf(&s->reply, "X%02x",
			       gdb_signal_from_host(ev->sig) & 0xff);
		break;
	default:
		rsp_buf_printf(&s->reply, "T%02x", gdb_sig_of(ev) & 0xff);
		if (t) {
			put_expedited(s, t);
			t->reported_sig = ev->kind == STOP_SIGNAL ? ev->sig : 0;
		}
		if (ev->kind == STOP_EXEC && s->exec_events) {
			char *exe = procfs_exe(pid);

			rsp_buf_puts(&s->reply, "exec:");
			rsp_buf_hex_str(&s->reply, exe ? exe : "");
			rsp_buf_putc(&s->reply, ';');
			free(exe);
		}
		rsp_buf_puts(&s->reply, "thread:");
		session_put_ptid(s, &s->reply, pid, tid);
		rsp_buf_putc(&s->reply, ';');
		if (ev->kind == STOP_BREAKPOINT && s->swbreak)
			rsp_buf_puts(&s->reply, "swbreak:;");
		{
			int core = procfs_thread_core(pid, tid);

			if (core >= 0)
				rsp_buf_printf(&s->reply, "core:%x;", core);
		}
		break;
	}
	if ((ev->kind == STOP_EXITED || ev->kind == STOP_KILLED) &&
	    s->multiprocess)
		rsp_buf_printf(&s->reply, ";process:%x", (unsigned)pid);
	s->last_pid = pid;
	s->last_tid = tid;
	s->last_event = *ev;
	if (ev->kind != STOP_EXITED && ev->kind != STOP_KILLED) {
		s->general.pid = pid;
		s->general.tid = tid;
	}
}

/* A pending breakpoint event whose breakpoint the client removed since
   is stale: the thread simply runs on from the rewound pc.  */
static bool event_still_valid(struct engine *e, struct thread *t)
{
	/* The client may also have moved the pc (jump, call) since.  */
	if (t->event.kind == STOP_BREAKPOINT &&
	    (!bp_find(t->proc, t->event.pc) ||
	     engine_get_pc(e, t) != t->event.pc))
		memset(&t->event, 0, sizeof(t->event));
	return t->event.kind != STOP_NONE;
}

struct choice {
	struct thread *thread;
	struct process *exited;
	unsigned long seq;
};

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

static void print_exit(const struct process *p)
{
	if (p->exit_event.kind == STOP_EXITED)
		log_message("\nChild exited with status %d",
			    p->exit_event.code);
	else
		log_message("\nChild terminated with signal = 0x%x (%s)",
			    p->exit_event.sig, strsignal(p->exit_event.sig));
}

static void report_exit(struct session *s, struct process *p)
{
	struct stop_event ev = p->exit_event;
	pid_t pid = p->pid;

	print_exit(p);
	engine_remove_process(&s->srv->engine, p);
	session_report_stop(s, &ev, pid, pid);
	if (!s->extended && !server_has_processes(s->srv))
		s->exit_after_reply = true;
}

static void all_stop_finish(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct choice c = choose_event(e);

	if (!c.thread && !c.exited && !s->interrupt_requested)
		return;
	/* All-stop: bring every thread to a stop before reporting.  */
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			engine_request_stop(e, t);
	engine_check_zombie_leaders(e);
	if (!engine_all_stopped(e, NULL))
		return;
	c = choose_event(e);
	s->deferred = DEFER_NONE;
	s->interrupt_requested = false;
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			t->client_resumed = false;
	if (c.exited) {
		report_exit(s, c.exited);
		session_send_reply(s);
	} else if (c.thread) {
		struct stop_event ev = c.thread->event;

		memset(&c.thread->event, 0, sizeof(c.thread->event));
		session_report_stop(s, &ev, c.thread->proc->pid, c.thread->tid);
		session_send_reply(s);
	} else {
		struct thread *t = session_general_thread(s);
		struct stop_event ev = { .kind = STOP_INTERRUPT,
					 .sig = SIGINT };

		if (!t)
			t = session_find_thread(
				s, (struct rsp_ptid){ 0, RSP_ID_ANY });
		if (t) {
			session_report_stop(s, &ev, t->proc->pid, t->tid);
			session_send_reply(s);
		} else {
			s->deferred = DEFER_STOP; /* nothing to stop yet */
		}
	}
}

void session_interrupt(struct session *s)
{
	if (s->deferred != DEFER_STOP)
		return;
	s->interrupt_requested = true;
	all_stop_finish(s);
}

static void query_stop(struct session *s)
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
			report_exit(s, p);
			return;
		}
		if (p->threads) {
			/* A launched program waits at its first instruction
			   (SIGTRAP); an attached one was merely stopped.  */
			struct stop_event ev = { .kind = STOP_SIGNAL,
						 .sig = SIGTRAP };

			if (p->attached) {
				ev.kind = STOP_INTERRUPT;
				ev.sig = 0;
			}

			t = p->threads;
			if (t->event.kind != STOP_NONE) {
				ev = t->event;
				memset(&t->event, 0, sizeof(t->event));
			}
			session_report_stop(s, &ev, p->pid, t->tid);
			return;
		}
	}
	/* No process: as gdbserver, an exit with status 0.  */
	rsp_buf_puts(&s->reply, "W00");
}

/* The action of the leftmost vCont entry that names T.  */
static const struct rsp_vcont_action *action_for(const struct rsp_request *req,
						 struct thread *t)
{
	for (size_t i = 0; i < req->u.vcont.count; i++) {
		const struct rsp_vcont_action *a = &req->u.vcont.actions[i];

		if (!a->has_ptid)
			return a;
		if (a->ptid.pid > 0 && a->ptid.pid != t->proc->pid)
			continue;
		if (a->ptid.tid == RSP_ID_ALL || a->ptid.tid == RSP_ID_ANY ||
		    a->ptid.tid == t->tid)
			return a;
	}
	return NULL;
}

static void vcont(struct session *s, const struct rsp_request *req)
{
	struct engine *e = &s->srv->engine;
	bool pending = false, any = false;

	if (s->deferred != DEFER_NONE) {
		rsp_buf_puts(&s->reply, "E.already running");
		return;
	}
	for (struct process *p = e->procs; p; p = p->next) {
		if (p->exited)
			pending = true;
		for (struct thread *t = p->threads; t; t = t->next) {
			const struct rsp_vcont_action *a = action_for(req, t);

			if (!a || a->kind == RSP_VCONT_STOP)
				continue;
			any = true;
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
	/* All-stop: with an event already waiting, nothing runs.  */
	for (struct process *p = e->procs; p && !pending; p = p->next) {
		for (struct thread *t = p->threads; t; t = t->next) {
			const struct rsp_vcont_action *a = action_for(req, t);

			if (!a || a->kind == RSP_VCONT_STOP)
				continue;
			t->client_resumed = true;
			engine_resume(e, t,
				      a->kind == RSP_VCONT_STEP ?
					      RESUME_STEP :
					      RESUME_CONTINUE,
				      gdb_signal_to_host(a->sig));
		}
	}
	s->deferred = DEFER_STOP;
}

void handle_run_control(struct session *s, struct rsp_request *req)
{
	switch (req->cmd) {
	case RSP_CMD_QUERY_STOP:
		query_stop(s);
		break;
	case RSP_CMD_VCONT_QUERY:
		rsp_buf_puts(&s->reply, "vCont;c;C;s;S;t");
		break;
	case RSP_CMD_VCONT:
		vcont(s, req);
		break;
	case RSP_CMD_VCTRLC:
		rsp_buf_puts(&s->reply, "OK");
		if (s->deferred == DEFER_STOP)
			s->interrupt_requested = true;
		break;
	default:
		break;
	}
}

void session_check_deferred(struct session *s)
{
	switch (s->deferred) {
	case DEFER_STOP:
		all_stop_finish(s);
		break;
	case DEFER_DETACH:
	case DEFER_KILL:
	case DEFER_RUN:
	case DEFER_ATTACH:
		session_check_process_op(s);
		break;
	default:
		break;
	}
}

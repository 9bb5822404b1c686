/* nonstop.c - the non-stop reporting policy: threads stop and run on
   their own; each stop goes to the client as a %Stop notification, one
   at a time, the rest queued in order and handed out by vStopped.  The
   head of the queue stays until vStopped acknowledges it.  */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "gdb_signals.h"
#include "log.h"
#include "server.h"
#include "session.h"

static void queue_push(struct session *s, pid_t pid, pid_t tid,
		       const struct stop_event *ev)
{
	struct thread *t = engine_find_thread(&s->srv->engine, tid);

	if (s->queue_len == s->queue_cap) {
		s->queue_cap = s->queue_cap ? 2 * s->queue_cap : 16;
		s->queue = xrealloc(s->queue, s->queue_cap * sizeof(*s->queue));
	}
	s->queue[s->queue_len].pid = pid;
	s->queue[s->queue_len].tid = tid;
	s->queue[s->queue_len].ev = *ev;
	s->queue_len++;
	if (t && ev->kind != STOP_THREAD_EXITED)
		t->report_queued = true;
}

/* The client acknowledged the head (vStopped): only now may a resume
   move its thread, as gdbserver does.  */
static void queue_pop(struct session *s)
{
	struct thread *t = engine_find_thread(&s->srv->engine, s->queue[0].tid);

	if (t && s->queue[0].ev.kind != STOP_THREAD_EXITED)
		t->report_queued = false;
	memmove(s->queue, s->queue + 1, (s->queue_len - 1) * sizeof(*s->queue));
	s->queue_len--;
}

/* Write the head of the queue into B; the thread is then stopped in
   the client's eyes (and stays so at least until vStopped).  */
static void put_head(struct session *s, struct rsp_buf *b)
{
	struct stop_report *r = &s->queue[0];
	struct thread *t = engine_find_thread(&s->srv->engine, r->tid);

	if (b == &s->reply) {
		session_report_stop(s, &r->ev, r->pid, r->tid);
	} else {
		stop_reply_build(s, b, r->pid, r->tid, &r->ev);
		if (t)
			thread_reported(t, &r->ev);
	}
}

/* Send a %Stop notification unless one is already being drained.  */
static void notify(struct session *s)
{
	struct rsp_buf b;

	if (s->notif_pending || !s->queue_len)
		return;
	rsp_buf_init(&b);
	rsp_buf_puts(&b, "Stop:");
	put_head(s, &b);
	rsp_buf_putc(&b, '\0');
	session_send_notification(s, b.data);
	rsp_buf_free(&b);
	s->notif_pending = true;
}

/* A fork is reported once its child's first stop is in: the client
   reads the child's registers as soon as it hears of it.  (All-stop
   waits for every thread to stop before it reports anything.)  */
static bool fork_child_ready(struct engine *e, const struct stop_event *ev)
{
	struct process *cp;

	if (ev->kind != STOP_FORK && ev->kind != STOP_VFORK)
		return true;
	cp = engine_find_process(e, ev->child);
	return !cp || cp->exited || !cp->threads || !cp->threads->new_thread;
}

void nonstop_collect(struct session *s)
{
	struct engine *e = &s->srv->engine;

	for (struct process *p = e->procs, *next; p; p = next) {
		next = p->next;
		if (p->exited) {
			struct rsp_buf b;

			if (p->exit_held)
				continue;
			/* The exit goes into the queue, not into a reply.  */
			rsp_buf_init(&b);
			queue_push(s, p->pid, p->pid, &p->exit_event);
			report_exit(s, p, &b);
			rsp_buf_free(&b);
			continue;
		}
		for (struct thread *t = p->threads; t; t = t->next) {
			struct stop_event ev = t->event;

			if (t->report_queued ||
			    (!t->client_resumed && !t->stop_requested))
				continue;
			if (ev.kind == STOP_NONE) {
				/* A vCont;t or vCtrlC stop, once it is real. */
				if (!t->stop_requested || !t->stopped)
					continue;
				ev.kind = STOP_INTERRUPT;
				ev.sig = t->tid == s->ctrl_c_tid ? SIGINT : 0;
			} else if (!event_still_valid(e, t)) {
				/* Its breakpoint went before the client heard
				   of the hit: the thread simply runs on.  */
				if (t->client_resumed && !t->stop_requested)
					engine_resume(e, t, t->last_resume, 0);
				continue;
			}
			if (!fork_child_ready(e, &ev))
				continue;
			if (t->tid == s->ctrl_c_tid)
				s->ctrl_c_tid = 0;
			memset(&t->event, 0, sizeof(t->event));
			t->client_resumed = false;
			t->stop_requested = false;
			t->want_running = false;
			queue_push(s, p->pid, t->tid, &ev);
		}
	}
	notify(s);
}

void nonstop_thread_exit(struct session *s, struct thread *t, int code)
{
	struct stop_event ev = { .kind = STOP_THREAD_EXITED, .code = code };

	/* Only a client that asked for thread events hears of exits of
	   threads it thinks are running (it may be waiting for them).  */
	if (!s->thread_events || t->tid == t->proc->pid ||
	    (!t->client_resumed && !t->stop_requested))
		return;
	queue_push(s, t->proc->pid, t->tid, &ev);
}

void nonstop_query(struct session *s)
{
	struct engine *e = &s->srv->engine;

	/* Every stopped thread is reported again, the first in the reply
	   and the rest through vStopped.  A process no client has seen stop
	   yet (just attached to) shows one thread stopped, as gdbserver
	   does; its other threads, stopped by the attach alone, run on, as
	   the client then believes.  GDB 13 takes a single initial stop
	   before it turns asynchronous: more trip an assertion in it.  */
	for (size_t i = 0; i < s->queue_len; i++) {
		struct thread *t = engine_find_thread(e, s->queue[i].tid);

		if (t)
			t->report_queued = false;
	}
	s->queue_len = 0;
	for (struct process *p = e->procs; p; p = p->next) {
		bool first = true;

		for (struct thread *t = p->threads; t; t = t->next) {
			struct stop_event ev = t->last_report;

			if (t->client_resumed || !t->stopped)
				continue;
			if (!p->stop_reported && !first &&
			    (ev.kind == STOP_NONE ||
			     ev.kind == STOP_INTERRUPT) &&
			    t->event.kind == STOP_NONE) {
				t->client_resumed = true;
				engine_resume(e, t, RESUME_CONTINUE, 0);
				continue;
			}
			first = false;
			if (ev.kind == STOP_NONE)
				ev.kind = STOP_INTERRUPT;
			queue_push(s, p->pid, t->tid, &ev);
		}
	}
	if (!s->queue_len) {
		rsp_buf_puts(&s->reply, "OK");
		s->notif_pending = false;
		return;
	}
	put_head(s, &s->reply);
	s->notif_pending = true;
}

void nonstop_stopped(struct session *s)
{
	if (s->queue_len)
		queue_pop(s);
	if (!s->queue_len) {
		rsp_buf_puts(&s->reply, "OK");
		s->notif_pending = false;
		if (!s->extended && !server_has_processes(s->srv))
			s->exit_after_reply = true;
		return;
	}
	put_head(s, &s->reply);
}

static void cancel_stop(struct engine *e, struct thread *t,
			const struct rsp_vcont_action *a)
{
	t->stop_requested = false;
	if (t->stopped && t->event.kind == STOP_NONE)
		vcont_resume_thread(e, t, a);
	else
		t->want_running = true; /* the stop, when it comes, is undone */
}

/* A process that died while the client had its leader stopped is
   reported as exited when the client resumes one of its threads.  */
static void release_held_exits(struct session *s, const struct rsp_request *req)
{
	for (struct process *p = s->srv->engine.procs; p; p = p->next) {
		if (!p->exited || !p->exit_held)
			continue;
		for (size_t i = 0; i < req->u.vcont.count; i++) {
			const struct rsp_vcont_action *a =
				&req->u.vcont.actions[i];

			if (a->kind != RSP_VCONT_STOP &&
			    vcont_names_process(a, p->pid)) {
				p->exit_held = false;
				s->collect_after_reply = true;
				break;
			}
		}
	}
}

void nonstop_resume(struct session *s, const struct rsp_request *req)
{
	struct engine *e = &s->srv->engine;

	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next) {
			const struct rsp_vcont_action *a =
				vcont_action_for(s, req, t);

			if (!a)
				continue;
			if (a->kind == RSP_VCONT_STOP) {
				/* A thread the client knows stopped gets no
				   second report.  */
				if (t->client_resumed && !t->stop_requested) {
					t->stop_requested = true;
					engine_request_stop(e, t);
				}
				continue;
			}
			/* A thread with a report on its way is not resumed:
			   the client has not seen it stop yet.  */
			if (t->report_queued)
				continue;
			if (t->client_resumed) {
				/* Resuming cancels a stop still on its way. */
				if (t->stop_requested)
					cancel_stop(e, t, a);
				continue;
			}
			vcont_resume_thread(e, t, a);
		}
	release_held_exits(s, req);
	rsp_buf_puts(&s->reply, "OK");
}

void nonstop_ctrl_c(struct session *s)
{
	struct thread *t = session_general_thread(s);

	/* Stop one running thread, reported as SIGINT; the client stops
	   the others itself if it wants.  */
	if (!t || !t->client_resumed || t->stop_requested) {
		t = NULL;
		for (struct process *p = s->srv->engine.procs; p && !t;
		     p = p->next)
			for (struct thread *u = p->threads; u && !t;
			     u = u->next)
				if (u->client_resumed && !u->stop_requested)
					t = u;
	}
	if (!t)
		return;
	s->ctrl_c_tid = t->tid;
	t->stop_requested = true;
	engine_request_stop(&s->srv->engine, t);
}

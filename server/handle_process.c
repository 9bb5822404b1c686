/* handle_process.c - whole-process requests: k, vKill, R, D, vRun.  Each
   changes state asynchronously and answers from
   session_check_process_op once the engine reports the result.  */
#include "config.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "breakpoints.h"
#include "engine.h"
#include "launch.h"
#include "log.h"
#include "server.h"
#include "session.h"

/* The child of T's fork when no client has seen that fork yet: the
   client cannot detach or kill what it does not know.  */
static struct process *unreported_child(struct engine *e, struct thread *t)
{
	struct process *child;

	if (t->event.kind != STOP_FORK && t->event.kind != STOP_VFORK)
		return NULL;
	child = engine_find_process(e, t->event.child);
	return child && child->fork_unreported ? child : NULL;
}

static void start_kill(struct session *s, pid_t pid, bool silent)
{
	struct engine *e = &s->srv->engine;

	for (struct process *p = e->procs; p; p = p->next) {
		if (pid != -1 && p->pid != pid)
			continue;
		for (struct thread *t = p->threads; t; t = t->next) {
			struct process *child = unreported_child(e, t);

			if (child) {
				engine_kill(e, child);
				engine_remove_process(e, child);
			}
		}
	}
	for (struct process *p = e->procs; p; p = p->next)
		if (pid == -1 || p->pid == pid)
			engine_kill(e, p);
	s->deferred = DEFER_KILL;
	s->interrupt_pending = false;
	s->deferred_pid = pid;
	s->deferred_silent = silent;
}

static void start_detach(struct session *s, struct process *p)
{
	for (struct thread *t = p->threads; t; t = t->next)
		engine_request_stop(&s->srv->engine, t);
	s->deferred = DEFER_DETACH;
	s->interrupt_pending = false;
	s->deferred_pid = p->pid;
}

/* Launch ARGV; the stop at its first instruction answers (unless
   SILENT) from finish_run.  */
static void launch(struct session *s, char **argv, bool silent)
{
	struct server *srv = s->srv;
	struct process *p = launch_program(&srv->engine, &srv->launch, argv);

	if (!p) {
		if (!silent)
			rsp_buf_puts(&s->reply, "E.cannot start the program");
		return;
	}
	s->deferred = DEFER_RUN;
	s->deferred_pid = p->pid;
	s->deferred_silent = silent;
}

static void start_run(struct session *s, struct rsp_request *req)
{
	struct server *srv = s->srv;
	char **argv = dupargv(req->u.run.argv);

	/* An empty program name means "the one run last".  */
	if (*argv[0]) {
		free(srv->program);
		srv->program = xstrdup(argv[0]);
	} else if (srv->program) {
		free(argv[0]);
		argv[0] = xstrdup(srv->program);
	}
	launch_resolve_program(&argv[0]);
	server_remember_program(srv, argv);
	launch(s, argv, false);
	freeargv(argv);
}

/* R (extended mode, when vRun is off): kill everything and run the last
   program again, with its arguments.  R has no reply: the client asks
   for the stop with '?'.  */
static void start_restart(struct session *s)
{
	if (!s->extended)
		return; /* empty reply: not supported */
	log_message("quietstub restarting");
	start_kill(s, -1, true);
	s->deferred = DEFER_RESTART;
	s->hold_input = true;
}

static void start_attach(struct session *s, pid_t pid)
{
	struct engine *e = &s->srv->engine;
	struct process *p;
	int err = 0;

	p = engine_attach(e, pid, &err);
	if (!p) {
		rsp_buf_printf(&s->reply, "E.cannot attach to process %d: %s",
			       (int)pid, strerror(-err));
		return;
	}
	log_message("Attached; pid = %d", (int)pid);
	if (s->non_stop) {
		/* Non-stop: nothing is stopped; the threads run on.  A
		   signal a thread was about to take may have stopped it
		   during the attach already.  */
		rsp_buf_puts(&s->reply, "OK");
		s->collect_after_reply = true;
		return;
	}
	/* All-stop: the client expects the process stopped.  */
	for (struct thread *t = p->threads; t; t = t->next)
		engine_request_stop(e, t);
	s->deferred = DEFER_ATTACH;
	s->deferred_pid = pid;
	s->attach_signals_taken = false;
}

void handle_process(struct session *s, struct rsp_request *req)
{
	struct engine *e = &s->srv->engine;
	struct process *p;

	switch (req->cmd) {
	case RSP_CMD_KILL:
		start_kill(s, -1, true);
		break;
	case RSP_CMD_VKILL:
		if (!engine_find_process(e, req->u.pid.pid)) {
			rsp_buf_puts(&s->reply, "E.no such process");
			break;
		}
		start_kill(s, req->u.pid.pid, false);
		break;
	case RSP_CMD_DETACH:
		p = req->u.pid.pid ? engine_find_process(e, req->u.pid.pid) :
				     session_general_process(s);
		if (!p) {
			rsp_buf_puts(&s->reply, "E.no such process");
			break;
		}
		start_detach(s, p);
		break;
	case RSP_CMD_VRUN:
		start_run(s, req);
		break;
	case RSP_CMD_RESTART:
		start_restart(s);
		break;
	case RSP_CMD_VATTACH:
		start_attach(s, req->u.pid.pid);
		break;
	default:
		break;
	}
}

static bool all_killed(struct session *s)
{
	struct engine *e = &s->srv->engine;

	for (struct process *p = e->procs; p; p = p->next)
		if ((s->deferred_pid == -1 || p->pid == s->deferred_pid) &&
		    !p->exited)
			return false;
	return true;
}

/* Are the processes killed by k, vKill or R all gone?  Forget them.  */
static bool reap_killed(struct session *s)
{
	struct engine *e = &s->srv->engine;

	if (!all_killed(s))
		return false;
	for (struct process *p = e->procs, *next; p; p = next) {
		next = p->next;
		if (s->deferred_pid == -1 || p->pid == s->deferred_pid)
			engine_remove_process(e, p);
	}
	s->deferred = DEFER_NONE;
	return true;
}

static void finish_restart(struct session *s)
{
	if (!reap_killed(s))
		return;
	if (s->srv->program_argv)
		launch(s, s->srv->program_argv, true);
	if (s->deferred == DEFER_NONE)
		session_release_input(s);
}

static void finish_kill(struct session *s)
{
	if (!reap_killed(s))
		return;
	if (!s->deferred_silent) {
		rsp_buf_puts(&s->reply, "OK");
		session_send_reply(s);
	}
	if (!s->extended && !server_has_processes(s->srv))
		s->exit_after_reply = true;
}

static void finish_detach(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct process *p = engine_find_process(e, s->deferred_pid);

	engine_check_zombie_leaders(e);
	if (p && !p->exited && !engine_all_stopped(e, p))
		return;
	if (p) {
		log_message("Detaching from process %d", (int)p->pid);
		if (!p->exited) {
			for (struct thread *t = p->threads; t; t = t->next) {
				struct process *child = unreported_child(e, t);

				if (child)
					engine_release_fork_child(e, child);
			}
			engine_detach(e, p);
		}
		engine_remove_process(e, p);
	}
	s->deferred = DEFER_NONE;
	rsp_buf_puts(&s->reply, "OK");
	session_send_reply(s);
	if (!s->extended && !server_has_processes(s->srv))
		s->exit_after_reply = true;
}

static void finish_run(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct process *p = engine_find_process(e, s->deferred_pid);

	if (p && p->starting && !p->exited)
		return;
	s->deferred = DEFER_NONE;
	/* The new program's thread is the current one (in non-stop too,
	   where a stop reply does not change it): the client's H of a
	   killed process names nothing any more.  */
	if (p && !p->exited) {
		s->general.pid = p->pid;
		s->general.tid = p->pid;
		launch_take_terminal(p->pid, &s->srv->saved_fg_pgrp);
		s->srv->signal_pid = p->pid;
	}
	if (s->deferred_silent) {
		/* R: the stop is only recorded, for '?'.  */
		struct stop_event ev = { .kind = STOP_SIGNAL, .sig = SIGTRAP };

		if (p && !p->exited)
			session_report_stop(s, &ev, p->pid, p->pid);
		else if (p)
			engine_remove_process(e, p);
		rsp_buf_reset(&s->reply);
		session_release_input(s);
		return;
	}
	if (!p || p->exited) {
		if (p) {
			log_message(
				"During startup program exited with code %d.",
				p->exit_event.code);
			engine_remove_process(e, p);
		}
		rsp_buf_puts(&s->reply, "E.the program exited during startup");
		session_send_reply(s);
		return;
	}
	log_message("Process %s created; pid = %d", s->srv->program,
		    (int)p->pid);
	{
		struct stop_event ev = { .kind = STOP_SIGNAL, .sig = SIGTRAP };

		session_report_stop(s, &ev, p->pid, p->pid);
		session_send_reply(s);
	}
}

static void finish_attach(struct session *s)
{
	struct engine *e = &s->srv->engine;
	struct process *p = engine_find_process(e, s->deferred_pid);
	struct stop_event ev = { .kind = STOP_INTERRUPT };
	struct thread *t;

	engine_check_zombie_leaders(e);
	if (p && !p->exited && !engine_all_stopped(e, p))
		return;
	/* A leader that looks stopped may have died in an exec by a
	   thread not seized yet (see engine_reconcile).  */
	engine_reconcile(e);
	if (p && !p->exited && !engine_all_stopped(e, p))
		return;
	if (!p || p->exited) {
		/* The process is gone: its exit is the answer.  */
		s->deferred = DEFER_NONE;
		if (p)
			report_exit(s, p, &s->reply);
		else
			rsp_buf_puts(&s->reply,
				     "E.the process exited during attach");
		session_send_reply(s);
		return;
	}
	for (t = p->threads; t && t->zombie; t = t->next)
		;
	if (!s->attach_signals_taken) {
		/* As an attach by SIGSTOP would: the signals the threads
		   were about to take are taken first, and the reported
		   thread's is the attach's stop.  One thread takes a signal
		   of the whole process.  */
		bool waiting = false;

		s->attach_signals_taken = true;
		for (struct thread *o = p->threads; o; o = o->next)
			waiting |= engine_take_pending_signal(e, o, o == t);
		if (waiting)
			return;
	}
	s->deferred = DEFER_NONE;
	s->srv->signal_pid = p->pid;
	for (struct thread *o = p->threads; o; o = o->next)
		o->client_resumed = false;
	if (t && t->event.kind == STOP_SIGNAL) {
		ev = t->event;
		memset(&t->event, 0, sizeof(t->event));
	}
	session_report_stop(s, &ev, p->pid, t ? t->tid : p->pid);
	session_send_reply(s);
}

void session_check_process_op(struct session *s)
{
	switch (s->deferred) {
	case DEFER_ATTACH:
		finish_attach(s);
		break;
	case DEFER_KILL:
		finish_kill(s);
		break;
	case DEFER_DETACH:
		finish_detach(s);
		break;
	case DEFER_RUN:
		finish_run(s);
		break;
	case DEFER_RESTART:
		finish_restart(s);
		break;
	default:
		break;
	}
}

/* handle_run.c - run control requests ('?', vCont, vCont?, 0x03,
   vCtrlC, vStopped), handed to the all-stop or the non-stop policy, and
   the delivery of replies that wait for the engine.  */
#include "config.h"
#include "engine.h"
#include "gdb_signals.h"
#include "server.h"
#include "session.h"

/* A fork child stays stopped until the client knows it: its fork is
   still to be reported or, in non-stop, not yet acknowledged.  */
static bool unknown_fork_child(struct session *s, const struct process *p)
{
	if (p->fork_unreported)
		return true;
	/* Only a fork child can be named by a queued fork (this runs for
	   every thread at every vCont).  */
	if (!p->fork_child)
		return false;
	for (size_t i = 0; i < s->queue_len; i++) {
		const struct stop_event *ev = &s->queue[i].ev;

		if ((ev->kind == STOP_FORK || ev->kind == STOP_VFORK) &&
		    ev->child == p->pid)
			return true;
	}
	return false;
}

bool vcont_names_process(const struct rsp_vcont_action *a, pid_t pid)
{
	return !a->has_ptid || a->ptid.pid <= 0 || a->ptid.pid == pid;
}

const struct rsp_vcont_action *vcont_action_for(struct session *s,
						const struct rsp_request *req,
						struct thread *t)
{
	if (unknown_fork_child(s, t->proc))
		return NULL;
	/* The leftmost action that names the thread applies.  */
	for (size_t i = 0; i < req->u.vcont.count; i++) {
		const struct rsp_vcont_action *a = &req->u.vcont.actions[i];

		if (!vcont_names_process(a, t->proc->pid))
			continue;
		if (!a->has_ptid || a->ptid.tid == RSP_ID_ALL ||
		    a->ptid.tid == RSP_ID_ANY || a->ptid.tid == t->tid)
			return a;
	}
	return NULL;
}

void vcont_resume_thread(struct engine *e, struct thread *t,
			 const struct rsp_vcont_action *a)
{
	bool step = a->kind == RSP_VCONT_STEP || a->kind == RSP_VCONT_RANGE;

	t->client_resumed = true;
	t->range_start = a->kind == RSP_VCONT_RANGE ? a->range_start : 0;
	t->range_end = a->kind == RSP_VCONT_RANGE ? a->range_end : 0;
	engine_resume(e, t, step ? RESUME_STEP : RESUME_CONTINUE,
		      gdb_signal_to_host(a->sig));
}

/* Does REQ step a thread (s, S or r)?  */
static bool vcont_steps(const struct rsp_request *req)
{
	for (size_t i = 0; i < req->u.vcont.count; i++)
		if (req->u.vcont.actions[i].kind == RSP_VCONT_STEP ||
		    req->u.vcont.actions[i].kind == RSP_VCONT_RANGE)
			return true;
	return false;
}

void session_interrupt(struct session *s)
{
	if (s->non_stop) {
		nonstop_ctrl_c(s);
		return;
	}
	/* Nothing runs (the ^C crossed a stop reply), or only a step
	   (GDB stepping a thread over a breakpoint): the next continue is
	   interrupted instead.  */
	if ((s->deferred == DEFER_NONE && server_has_processes(s->srv)) ||
	    (s->deferred == DEFER_STOP && !s->continuing)) {
		s->interrupt_pending = true;
		return;
	}
	if (s->deferred != DEFER_STOP)
		return;
	s->interrupt_requested = true;
	allstop_finish(s);
}

void handle_run_control(struct session *s, struct rsp_request *req)
{
	switch (req->cmd) {
	case RSP_CMD_QUERY_STOP:
		if (s->non_stop)
			nonstop_query(s);
		else
			allstop_query(s);
		break;
	case RSP_CMD_VCONT_QUERY:
		rsp_buf_puts(&s->reply, arch_native()->has_single_step ?
						"vCont;c;C;s;S;t;r" :
						"vCont;c;C;t");
		break;
	case RSP_CMD_VCONT:
		if (!arch_native()->has_single_step && vcont_steps(req))
			rsp_buf_puts(&s->reply,
				     "E.this machine cannot single-step");
		else if (s->non_stop)
			nonstop_resume(s, req);
		else
			allstop_resume(s, req);
		break;
	case RSP_CMD_VCTRLC:
		rsp_buf_puts(&s->reply, "OK");
		if (s->non_stop)
			nonstop_ctrl_c(s);
		else if (s->deferred == DEFER_STOP)
			s->interrupt_requested = true;
		break;
	case RSP_CMD_VSTOPPED:
		if (s->non_stop)
			nonstop_stopped(s);
		else
			rsp_buf_puts(&s->reply, "OK");
		break;
	default:
		break;
	}
}

void session_check_deferred(struct session *s)
{
	switch (s->deferred) {
	case DEFER_STOP:
		allstop_finish(s);
		break;
	case DEFER_DETACH:
	case DEFER_KILL:
	case DEFER_RUN:
	case DEFER_ATTACH:
	case DEFER_RESTART:
		session_check_process_op(s);
		break;
	default:
		break;
	}
	if (s->non_stop && s->deferred == DEFER_NONE)
		nonstop_collect(s);
}

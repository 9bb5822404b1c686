/* handle_threads.c - H, T, qC, qfThreadInfo/qsThreadInfo.  */
#include "config.h"
#include <stdlib.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "server.h"
#include "session.h"

/* Thread ids per qfThreadInfo/qsThreadInfo reply: "pXXXXXXXX.XXXXXXXX,"
   is at most 20 bytes, so a reply stays far below the packet size.  */
#define IDS_PER_PACKET 2048

bool session_lists_thread(const struct thread *t)
{
	/* A fork child before its fork is reported would look like a new
	   process; a leader gone before its threads (a zombie) is no
	   thread any more (gdbserver drops it too).  */
	return !t->proc->fork_unreported && !t->zombie;
}

bool session_lists_dead_leader(const struct process *p)
{
	/* Its exit waits for the client to resume the leader, which it
	   had stopped when the process died: gdbserver lists the leader
	   until then, so GDB keeps the thread it has selected and hears
	   of the exit by resuming it.  */
	return p->exited && p->exit_held;
}

static void snapshot_threads(struct session *s)
{
	struct engine *e = &s->srv->engine;
	size_t n = 0;

	engine_check_zombie_leaders(e);
	for (struct process *p = e->procs; p; p = p->next)
		n += p->nthreads + 1; /* and maybe a dead leader */
	free(s->thread_list);
	s->thread_list = xcalloc(n ? 2 * n : 1, sizeof(pid_t));
	n = 0;
	for (struct process *p = e->procs; p; p = p->next) {
		if (session_lists_dead_leader(p)) {
			s->thread_list[2 * n] = p->pid;
			s->thread_list[2 * n + 1] = p->pid;
			n++;
		}
		for (struct thread *t = p->threads; t; t = t->next) {
			if (!session_lists_thread(t))
				continue;
			s->thread_list[2 * n] = p->pid;
			s->thread_list[2 * n + 1] = t->tid;
			n++;
		}
	}
	s->thread_list_len = n;
	s->thread_list_pos = 0;
}

static void next_threads(struct session *s)
{
	size_t end = s->thread_list_pos + IDS_PER_PACKET;

	if (s->thread_list_pos >= s->thread_list_len) {
		rsp_buf_putc(&s->reply, 'l');
		return;
	}
	if (end > s->thread_list_len)
		end = s->thread_list_len;
	rsp_buf_putc(&s->reply, 'm');
	for (size_t i = s->thread_list_pos; i < end; i++) {
		if (i > s->thread_list_pos)
			rsp_buf_putc(&s->reply, ',');
		session_put_ptid(s, &s->reply, s->thread_list[2 * i],
				 s->thread_list[2 * i + 1]);
	}
	s->thread_list_pos = end;
}

static bool specific(struct rsp_ptid id)
{
	return id.tid != RSP_ID_ALL && id.tid != RSP_ID_ANY;
}

void handle_threads(struct session *s, struct rsp_request *req)
{
	struct thread *t;

	switch (req->cmd) {
	case RSP_CMD_SET_THREAD:
		if (specific(req->u.set_thread.ptid) &&
		    !session_find_thread(s, req->u.set_thread.ptid)) {
			rsp_buf_puts(&s->reply, "E.no such thread");
			break;
		}
		if (req->u.set_thread.op == 'g')
			s->general = req->u.set_thread.ptid;
		else
			s->cont = req->u.set_thread.ptid;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_THREAD_ALIVE:
		t = specific(req->u.ptid) ?
			    session_find_thread(s, req->u.ptid) :
			    NULL;
		rsp_buf_puts(&s->reply, t ? "OK" : "E.thread is gone");
		break;
	case RSP_CMD_CURRENT_THREAD:
		t = session_general_thread(s);
		if (t) {
			rsp_buf_puts(&s->reply, "QC");
			session_put_ptid(s, &s->reply, t->proc->pid, t->tid);
		}
		break;
	case RSP_CMD_THREAD_INFO_FIRST:
		snapshot_threads(s);
		next_threads(s);
		break;
	case RSP_CMD_THREAD_INFO_NEXT:
		next_threads(s);
		break;
	default:
		break;
	}
}

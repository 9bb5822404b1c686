/* stop_reply.c - the text of stop replies: T (signal, thread, stop
   reason, expedited registers), W/X (process exit), w (thread exit) and
   N (nothing left running), as gdbserver writes them.  */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "gdb_signals.h"
#include "procfs.h"
#include "regs_pending.h"
#include "server.h"
#include "session.h"

static int gdb_sig_of(const struct stop_event *ev)
{
	switch (ev->kind) {
	case STOP_SIGNAL:
	case STOP_KILLED:
		return gdb_signal_from_host(ev->sig);
	case STOP_INTERRUPT:
		return ev->sig ? gdb_signal_from_host(ev->sig) : GDB_SIGNAL_0;
	default:
		return GDB_SIGNAL_TRAP;
	}
}

/* Expedite the registers GDB reads after every stop.  */
static void put_expedited(struct session *s, struct rsp_buf *b,
			  struct thread *t)
{
	struct engine *e = &s->srv->engine;
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	uint8_t val[64];

	if (!td || !t->stopped || engine_fetch_regset(e, t, 0) < 0)
		return;
	int regs[] = { td->sp_regnum, td->fp_regnum, td->pc_regnum };

	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		int n = regs[i];
		size_t len;

		/* Only registers of the general set, which is fetched.  */
		if (n < 0 || n >= td->nregs || td->regs[n].regset != 0 ||
		    td->regs[n].bitsize / 8 > (int)sizeof(val))
			continue;
		len = engine_arch(e, t->proc)->reg_read(td, t->regs, n, val);
		rsp_buf_printf(b, "%02x:", n);
		rsp_buf_hex(b, val, len);
		rsp_buf_putc(b, ';');
	}
}

/* "threads:" and "thread-pcs:" (QListThreadsInStopReply).  */
static void put_thread_list(struct session *s, struct rsp_buf *b,
			    struct process *p)
{
	struct engine *e = &s->srv->engine;
	bool first = true;

	rsp_buf_puts(b, "threads:");
	for (struct thread *t = p->threads; t; t = t->next) {
		if (!session_lists_thread(t))
			continue;
		if (!first)
			rsp_buf_putc(b, ',');
		first = false;
		session_put_ptid(s, b, p->pid, t->tid);
	}
	rsp_buf_puts(b, ";thread-pcs:");
	first = true;
	for (struct thread *t = p->threads; t; t = t->next) {
		uint64_t pc = 0;

		if (!session_lists_thread(t))
			continue;
		if (t->stopped && engine_fetch_regset(e, t, 0) == 0)
			pc = engine_arch(e, t->proc)->get_pc(t->regs);
		if (!first)
			rsp_buf_putc(b, ',');
		first = false;
		rsp_buf_printf(b, "%llx", (unsigned long long)pc);
	}
	rsp_buf_putc(b, ';');
}

static void put_reason(struct session *s, struct rsp_buf *b, pid_t pid,
		       const struct stop_event *ev)
{
	char *exe;

	switch (ev->kind) {
	case STOP_EXEC:
		if (!s->exec_events)
			break;
		exe = procfs_exe(pid);
		rsp_buf_puts(b, "exec:");
		rsp_buf_hex_str(b, exe ? exe : "");
		rsp_buf_putc(b, ';');
		free(exe);
		break;
	case STOP_FORK:
	case STOP_VFORK:
		rsp_buf_puts(b, ev->kind == STOP_FORK ? "fork:" : "vfork:");
		session_put_ptid(s, b, ev->child, ev->child);
		rsp_buf_putc(b, ';');
		break;
	case STOP_VFORK_DONE:
		rsp_buf_puts(b, "vforkdone:;");
		break;
	case STOP_CREATED:
		rsp_buf_puts(b, "create:;");
		break;
	case STOP_SYSCALL_ENTRY:
	case STOP_SYSCALL_RETURN:
		rsp_buf_printf(b, "%s:%x;",
			       ev->kind == STOP_SYSCALL_ENTRY ?
				       "syscall_entry" :
				       "syscall_return",
			       (unsigned)ev->code);
		break;
	case STOP_BREAKPOINT:
		if (s->swbreak)
			rsp_buf_puts(b, "swbreak:;");
		break;
	case STOP_HW_BREAKPOINT:
		if (s->hwbreak)
			rsp_buf_puts(b, "hwbreak:;");
		break;
	case STOP_WATCHPOINT:
		rsp_buf_printf(b, "%swatch:%llx;",
			       ev->code == ARCH_HW_READ	  ? "r" :
			       ev->code == ARCH_HW_ACCESS ? "a" :
							    "",
			       (unsigned long long)ev->pc);
		break;
	default:
		break;
	}
}

void stop_reply_build(struct session *s, struct rsp_buf *b, pid_t pid,
		      pid_t tid, const struct stop_event *ev)
{
	struct engine *e = &s->srv->engine;
	struct thread *t = engine_find_thread(e, tid);
	int core;

	switch (ev->kind) {
	case STOP_EXITED:
	case STOP_KILLED:
		rsp_buf_printf(b, ev->kind == STOP_EXITED ? "W%02x" : "X%02x",
			       ev->kind == STOP_EXITED ? ev->code & 0xff :
							 gdb_sig_of(ev) & 0xff);
		if (s->multiprocess)
			rsp_buf_printf(b, ";process:%x", (unsigned)pid);
		return;
	case STOP_THREAD_EXITED:
		rsp_buf_printf(b, "w%x;", ev->code & 0xff);
		session_put_ptid(s, b, pid, tid);
		return;
	case STOP_NO_RESUMED:
		rsp_buf_putc(b, 'N');
		return;
	default:
		break;
	}
	if (ev->kind == STOP_FORK || ev->kind == STOP_VFORK) {
		struct process *child = engine_find_process(e, ev->child);

		if (child)
			child->fork_unreported = false;
	}
	/* The reason first: after "exec:" GDB skips the registers, which
	   are the new program's and may be of another architecture.  */
	rsp_buf_printf(b, "T%02x", gdb_sig_of(ev) & 0xff);
	put_reason(s, b, pid, ev);
	if (t) {
		/* The client sees T stopped from here on: the writes it made
		   while T ran are T's registers now, expedited or read.  */
		regs_pending_apply(e, t);
		put_expedited(s, b, t);
		t->proc->stop_reported = true;
	}
	rsp_buf_puts(b, "thread:");
	session_put_ptid(s, b, pid, tid);
	rsp_buf_putc(b, ';');
	if (s->list_threads && t)
		put_thread_list(s, b, t->proc);
	core = procfs_thread_core(pid, tid);
	if (core >= 0)
		rsp_buf_printf(b, "core:%x;", core);
}

void thread_reported(struct thread *t, const struct stop_event *ev)
{
	t->reported_sig = ev->kind == STOP_SIGNAL ? ev->sig : 0;
	t->last_report = *ev;
}

void session_report_stop(struct session *s, const struct stop_event *ev,
			 pid_t pid, pid_t tid)
{
	struct thread *t = engine_find_thread(&s->srv->engine, tid);

	rsp_buf_reset(&s->reply);
	stop_reply_build(s, &s->reply, pid, tid, ev);
	if (t)
		thread_reported(t, ev);
	s->last_pid = pid;
	s->last_tid = tid;
	s->last_event = *ev;
	/* In all-stop the client takes the reported thread as current; in
	   non-stop it keeps the thread it selected with Hg.  */
	if (t && !s->non_stop) {
		s->general.pid = pid;
		s->general.tid = tid;
	}
}

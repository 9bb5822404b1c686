/* regs_pending.c - register writes to a thread that runs.  In non-stop
   mode GDB writes the registers of a thread it resumed when it abandons
   a function call that another thread's signal interrupted: it puts
   back the calling thread's context, one register at a time.  Registers
   can only be written in a ptrace-stop, so the writes are kept until
   the client has made them all (a half-restored context would run:
   a system call's return value written, its pc not yet), then the
   thread is interrupted for a moment and they go into its register
   cache when it resumes from that stop, or when the client is told of
   a stop of it or reads its registers first: the stop itself is
   decoded with the registers it had.  */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "event_loop.h"
#include "log.h"
#include "regs_pending.h"
#include "regs_write.h"

/* One 'G' (regno -1) or 'P', as the client sent it; replayed in order.  */
struct regs_write_req {
	struct regs_write_req *next;
	int regno;
	size_t len;
	uint8_t data[];
};

struct regs_pending {
	struct regs_write_req *first;
	bool settled; /* the client wrote all; the thread is interrupted */
};

static void free_pending(struct regs_pending *rp)
{
	struct regs_write_req *w = rp->first;

	while (w) {
		struct regs_write_req *next = w->next;

		free(w);
		w = next;
	}
	free(rp);
}

/* Whether a write of REGNO (LEN bytes) makes the earlier write W moot:
   a 'P' to the same register, or a 'G' that reaches as far, so that a
   client that keeps writing a thread which does not stop keeps one 'G'
   and one 'P' per register.  Not a 'P' before a 'G': a 'P' to the pc
   also stops a system call restart, which a 'G' does not undo.  */
static bool supersedes(int regno, size_t len, const struct regs_write_req *w)
{
	return w->regno == regno && (regno >= 0 || w->len <= len);
}

int regs_pending_write(struct engine *e, struct thread *t, int regno,
		       const uint8_t *data, size_t len)
{
	struct regs_pending *rp = t->regs_pending;
	struct regs_write_req **link, *w;

	if (!engine_tdesc(e, t->proc))
		return -EIO;
	if (!rp)
		rp = t->regs_pending = xcalloc(1, sizeof(*rp));
	link = &rp->first;
	while (*link) {
		w = *link;
		if (supersedes(regno, len, w)) {
			*link = w->next;
			free(w);
		} else {
			link = &w->next;
		}
	}
	w = xmalloc(sizeof(*w) + len);
	w->next = NULL;
	w->regno = regno;
	w->len = len;
	memcpy(w->data, data, len);
	*link = w;
	rp->settled = false;
	e->regs_settle_due = loop_now_ms() + REGS_SETTLE_MS;
	return 0;
}

void regs_pending_settle(struct engine *e)
{
	if (!e->regs_settle_due)
		return;
	e->regs_settle_due = 0;
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			if (t->regs_pending && !t->regs_pending->settled) {
				t->regs_pending->settled = true;
				engine_interrupt_briefly(e, t);
			}
}

int regs_pending_check(struct engine *e)
{
	long long left;

	if (!e->regs_settle_due)
		return -1;
	left = e->regs_settle_due - loop_now_ms();
	if (left > 0)
		return (int)left;
	regs_pending_settle(e);
	return -1;
}

bool regs_pending_ready(const struct thread *t)
{
	return t->regs_pending && t->regs_pending->settled;
}

void regs_pending_apply(struct engine *e, struct thread *t)
{
	struct regs_pending *rp = t->regs_pending;
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	const struct arch_ops *arch = engine_arch(e, t->proc);

	if (!rp || !t->stopped)
		return;
	t->regs_pending = NULL;
	if (!td || engine_fetch_all_regs(e, t) < 0) {
		log_debug("thread %d: registers written while it ran are lost",
			  (int)t->tid);
		free_pending(rp);
		return;
	}
	for (const struct regs_write_req *w = rp->first; w; w = w->next)
		regs_write(arch, td, t->regs, w->regno, w->data, w->len);
	free_pending(rp);
}

void regs_pending_free(struct thread *t)
{
	if (!t->regs_pending)
		return;
	free_pending(t->regs_pending);
	t->regs_pending = NULL;
}

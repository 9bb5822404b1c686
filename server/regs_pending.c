/* regs_pending.c - register writes to a thread that runs.  In non-stop
   mode GDB writes the registers of a thread it resumed when it abandons
   a function call that another thread's signal interrupted: it puts
   back the calling thread's context.  Registers can only be written in
   a ptrace-stop, so the values are kept, the thread is interrupted for
   a moment, and they go into its register cache when it resumes from
   that stop, or when the client reads its registers first (it stopped
   for something else meanwhile): the stop itself is decoded with the
   registers it had.  */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "log.h"
#include "regs_pending.h"
#include "regs_write.h"

/* One 'G' (regno -1) or 'P', as the client sent it; replayed in order.  */
struct regs_pending {
	struct regs_pending *next;
	int regno;
	size_t len;
	uint8_t data[];
};

static void free_pending(struct regs_pending *rp)
{
	while (rp) {
		struct regs_pending *next = rp->next;

		free(rp);
		rp = next;
	}
}

/* Whether a write of REGNO (LEN bytes) makes the earlier write RP moot:
   a 'P' to the same register, or a 'G' that reaches as far, so that a
   client that keeps writing a thread which does not stop keeps one 'G'
   and one 'P' per register.  Not a 'P' before a 'G': a 'P' to the pc
   also stops a system call restart, which a 'G' does not undo.  */
static bool supersedes(int regno, size_t len, const struct regs_pending *rp)
{
	return rp->regno == regno && (regno >= 0 || rp->len <= len);
}

int regs_pending_write(struct engine *e, struct thread *t, int regno,
		       const uint8_t *data, size_t len)
{
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	struct regs_pending **link = &t->regs_pending, *rp;

	if (!td)
		return -EIO;
	while (*link) {
		rp = *link;
		if (supersedes(regno, len, rp)) {
			*link = rp->next;
			free(rp);
		} else {
			link = &rp->next;
		}
	}
	rp = xmalloc(sizeof(*rp) + len);
	rp->next = NULL;
	rp->regno = regno;
	rp->len = len;
	memcpy(rp->data, data, len);
	*link = rp;
	engine_interrupt_briefly(e, t);
	return 0;
}

void regs_pending_apply(struct engine *e, struct thread *t)
{
	struct regs_pending *first = t->regs_pending;
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	const struct arch_ops *arch = engine_arch(e, t->proc);

	if (!first || !t->stopped)
		return;
	t->regs_pending = NULL;
	if (!td || engine_fetch_all_regs(e, t) < 0) {
		log_debug("thread %d: registers written while it ran are lost",
			  (int)t->tid);
		free_pending(first);
		return;
	}
	for (const struct regs_pending *rp = first; rp; rp = rp->next)
		regs_write(arch, td, t->regs, rp->regno, rp->data, rp->len);
	free_pending(first);
}

void regs_pending_free(struct thread *t)
{
	if (!t->regs_pending)
		return;
	free_pending(t->regs_pending);
	t->regs_pending = NULL;
}

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

struct regs_pending {
	uint8_t *image; /* every register, in the order and sizes of 'g' */
	bool *written; /* by register number */
	bool pc_moved; /* the pc was written alone (P), as the client moves
			  it: no system call restarts */
};

static size_t offset_of(const struct arch_tdesc *td, int regno)
{
	size_t off = 0;

	for (int n = 0; n < regno; n++)
		off += (size_t)td->regs[n].bitsize / 8;
	return off;
}

static void free_pending(struct regs_pending *rp)
{
	free(rp->image);
	free(rp->written);
	free(rp);
}

int regs_pending_write(struct engine *e, struct thread *t, int regno,
		       const uint8_t *data, size_t len)
{
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	struct regs_pending *rp = t->regs_pending;
	int from = regno < 0 ? 0 : regno, to = regno < 0 ? 0 : regno + 1;
	size_t at, off = 0;

	if (!td)
		return -EIO;
	if (regno < 0)
		to = td->nregs;
	if (!rp) {
		rp = t->regs_pending = xcalloc(1, sizeof(*rp));
		rp->image = xcalloc(1, offset_of(td, td->nregs));
		rp->written = xcalloc((size_t)td->nregs, sizeof(bool));
	}
	at = offset_of(td, from);
	for (int n = from; n < to; n++) {
		size_t size = (size_t)td->regs[n].bitsize / 8;

		if (off + size > len)
			break; /* a short G leaves the rest alone */
		memcpy(rp->image + at, data + off, size);
		rp->written[n] = size != 0;
		at += size;
		off += size;
	}
	if (regno >= 0 && regno == td->pc_regnum)
		rp->pc_moved = true;
	engine_interrupt_briefly(e, t);
	return 0;
}

void regs_pending_apply(struct engine *e, struct thread *t)
{
	struct regs_pending *rp = t->regs_pending;
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	const struct arch_ops *arch = engine_arch(e, t->proc);
	size_t at = 0;

	if (!rp || !t->stopped)
		return;
	t->regs_pending = NULL;
	if (!td || engine_fetch_all_regs(e, t) < 0) {
		log_debug("thread %d: registers written while it ran are lost",
			  (int)t->tid);
		free_pending(rp);
		return;
	}
	for (int n = 0; n < td->nregs; n++) {
		if (rp->written[n])
			arch->reg_write(td, t->regs, n, rp->image + at);
		at += (size_t)td->regs[n].bitsize / 8;
	}
	if (rp->pc_moved && arch->cancel_syscall_restart)
		arch->cancel_syscall_restart(t->regs);
	free_pending(rp);
}

void regs_pending_free(struct thread *t)
{
	if (!t->regs_pending)
		return;
	free_pending(t->regs_pending);
	t->regs_pending = NULL;
}

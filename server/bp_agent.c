/* bp_agent.c - breakpoint conditions and commands evaluated in
   quietstub, as gdbserver does: a hit whose conditions are all false
   costs the client no round trip (the thread steps over the breakpoint
   and runs on, step_over.c), and a dprintf with target-side commands
   prints from here, on quietstub's standard error (standard output may
   be the connection: "quietstub - PROG").  */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "agent_expr.h"
#include "bp_agent.h"
#include "breakpoints.h"
#include "engine.h"
#include "log.h"
#include "memory.h"

void bp_agent_free(struct sw_breakpoint *bp)
{
	if (!bp->agent)
		return;
	ax_point_extra_free(bp->agent);
	free(bp->agent);
	bp->agent = NULL;
}

void bp_agent_set(struct sw_breakpoint *bp, struct ax_point_extra *pe)
{
	bp_agent_free(bp);
	if (pe && !pe->nconds && !pe->ncmds) {
		ax_point_extra_free(pe);
		free(pe);
		pe = NULL;
	}
	bp->agent = pe;
}

static struct ax_expr *copy_list(const struct ax_expr *from, size_t n)
{
	struct ax_expr *to = n ? xcalloc(n, sizeof(*to)) : NULL;

	for (size_t i = 0; i < n; i++) {
		to[i].len = from[i].len;
		to[i].code = xmalloc(from[i].len ? from[i].len : 1);
		memcpy(to[i].code, from[i].code, from[i].len);
	}
	return to;
}

void bp_agent_copy(struct sw_breakpoint *to, const struct sw_breakpoint *from)
{
	const struct ax_point_extra *f = from->agent;

	to->agent = NULL;
	if (!f)
		return;
	to->agent = xcalloc(1, sizeof(*to->agent));
	to->agent->conds = copy_list(f->conds, f->nconds);
	to->agent->nconds = f->nconds;
	to->agent->cmds = copy_list(f->cmds, f->ncmds);
	to->agent->ncmds = f->ncmds;
	to->agent->persist = f->persist;
}

struct eval_ctx {
	struct engine *e;
	struct thread *t;
};

static int read_reg(void *ctx, int regnum, uint8_t *buf, size_t size)
{
	struct eval_ctx *c = ctx;
	const struct arch_tdesc *td = engine_tdesc(c->e, c->t->proc);
	uint8_t val[256];
	size_t n;

	if (!td || regnum < 0 || regnum >= td->nregs ||
	    engine_fetch_regset(c->e, c->t, td->regs[regnum].regset) < 0)
		return -1;
	n = engine_arch(c->e, c->t->proc)
		    ->reg_read(td, c->t->regs, regnum, val);
	if (n > size)
		n = size;
	memcpy(buf, val, n);
	return (int)n;
}

static int read_mem(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct eval_ctx *c = ctx;

	return mem_read(c->t->proc, addr, buf, len) == (ssize_t)len ? 0 : -1;
}

static void output(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	/* Standard error: with "quietstub - PROG" standard output is the
	   connection to GDB.  */
	fwrite(text, 1, len, stderr);
	fflush(stderr);
}

bool bp_agent_says_stop(struct engine *e, struct thread *t, uint64_t addr)
{
	struct sw_breakpoint *bp = bp_find(t->proc, addr);
	struct eval_ctx c = { e, t };
	const struct ax_ops ops = { &c, read_reg, read_mem, output };
	const struct ax_point_extra *pe;
	bool stop;

	if (!bp || !bp->agent)
		return true;
	pe = bp->agent;
	stop = pe->nconds == 0;
	for (size_t i = 0; i < pe->nconds && !stop; i++) {
		uint64_t v = 0;
		enum ax_status st = ax_eval(&pe->conds[i], &ops, &v);

		if (st != AX_OK)
			log_debug("breakpoint %#llx: condition %zu: %s",
				  (unsigned long long)addr, i,
				  ax_status_str(st));
		stop = st != AX_OK || v != 0;
	}
	if (!stop || !pe->ncmds)
		return stop;
	for (size_t i = 0; i < pe->ncmds; i++) {
		enum ax_status st = ax_eval(&pe->cmds[i], &ops, NULL);

		if (st != AX_OK)
			log_debug("breakpoint %#llx: command %zu: %s",
				  (unsigned long long)addr, i,
				  ax_status_str(st));
	}
	return false;
}

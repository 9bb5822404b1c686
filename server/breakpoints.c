/* breakpoints.c - software breakpoint table and memory shadowing.  */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include <libiberty/hashtab.h>
#include "bp_agent.h"
#include "breakpoints.h"
#include "memory.h"
#include "target.h"

static hashval_t bp_hash(const void *p)
{
	uint64_t a = ((const struct sw_breakpoint *)p)->addr;

	return (hashval_t)(a ^ (a >> 32));
}

static int bp_eq(const void *a, const void *b)
{
	return ((const struct sw_breakpoint *)a)->addr ==
	       ((const struct sw_breakpoint *)b)->addr;
}

static void bp_free(void *p)
{
	bp_agent_free(p);
	free(p);
}

void bp_table_init(struct process *p)
{
	p->breakpoints =
		htab_create_alloc(16, bp_hash, bp_eq, bp_free, xcalloc, free);
}

void bp_table_free(struct process *p)
{
	if (p->breakpoints)
		htab_delete(p->breakpoints);
	p->breakpoints = NULL;
}

struct sw_breakpoint *bp_find(struct process *p, uint64_t addr)
{
	struct sw_breakpoint key = { .addr = addr };

	if (!p->breakpoints)
		return NULL;
	return htab_find(p->breakpoints, &key);
}

bool bp_recently_removed(const struct process *p, uint64_t addr)
{
	for (unsigned i = 0; i < BP_REMOVED_KEPT; i++)
		if (p->removed_bps[i] == addr && addr)
			return true;
	return false;
}

int bp_insert(struct process *p, uint64_t addr, const uint8_t *insn, size_t len)
{
	struct sw_breakpoint *bp;
	void **slot;
	ssize_t r;
	int w;

	if (len > BP_MAX_LEN)
		return -EINVAL;
	bp = bp_find(p, addr);
	if (bp) {
		/* Inserting again re-arms it: a vfork child sharing this
		   memory may have taken it out.  */
		return mem_write_raw(p, addr, bp->insn, bp->len);
	}
	bp = xcalloc(1, sizeof(*bp));
	bp->addr = addr;
	bp->len = len;
	memcpy(bp->insn, insn, len);
	r = mem_read(p, addr, bp->saved, len);
	if (r != (ssize_t)len) {
		free(bp);
		return r < 0 ? (int)r : -EIO;
	}
	w = mem_write_raw(p, addr, insn, len);
	if (w < 0) {
		free(bp);
		return w;
	}
	slot = htab_find_slot(p->breakpoints, bp, INSERT);
	*slot = bp;
	p->breakpoints_used = true;
	return 0;
}

int bp_remove(struct process *p, uint64_t addr)
{
	struct sw_breakpoint key = { .addr = addr };
	void **slot;
	struct sw_breakpoint *bp;
	int r;

	if (!p->breakpoints)
		return -ENOENT;
	slot = htab_find_slot(p->breakpoints, &key, NO_INSERT);
	if (!slot)
		return -ENOENT;
	bp = *slot;
	r = mem_write_raw(p, bp->addr, bp->saved, bp->len);
	p->removed_bps[p->removed_bps_next++ % BP_REMOVED_KEPT] = bp->addr;
	htab_clear_slot(p->breakpoints, slot);
	return r;
}

void bp_remove_all(struct process *p)
{
	if (!p->breakpoints)
		return;
	bp_lift_all(p);
	htab_empty(p->breakpoints);
}

static int copy_one(void **slot, void *to)
{
	struct sw_breakpoint *bp = xmalloc(sizeof(*bp));

	*bp = *(struct sw_breakpoint *)*slot;
	bp_agent_copy(bp, *slot);
	*htab_find_slot(((struct process *)to)->breakpoints, bp, INSERT) = bp;
	return 1;
}

void bp_copy_table(struct process *to, const struct process *from)
{
	if (from->breakpoints)
		htab_traverse_noresize(from->breakpoints, copy_one, to);
	to->breakpoints_used = from->breakpoints_used;
}

static int lift_one(void **slot, void *proc)
{
	struct sw_breakpoint *bp = *slot;

	mem_write_raw(proc, bp->addr, bp->saved, bp->len);
	return 1;
}

static int reinsert_one(void **slot, void *proc)
{
	struct sw_breakpoint *bp = *slot;

	mem_write_raw(proc, bp->addr, bp->insn, bp->len);
	return 1;
}

void bp_lift_all(struct process *p)
{
	if (p->breakpoints)
		htab_traverse_noresize(p->breakpoints, lift_one, p);
}

void bp_reinsert_all(struct process *p)
{
	if (p->breakpoints)
		htab_traverse_noresize(p->breakpoints, reinsert_one, p);
}

void bp_forget_all(struct process *p)
{
	if (p->breakpoints)
		htab_empty(p->breakpoints);
	memset(p->removed_bps, 0, sizeof(p->removed_bps));
}

struct shadow_ctx {
	uint64_t addr;
	size_t len;
	uint8_t *rbuf; /* read: overlay saved bytes here */
	const uint8_t *wbuf; /* write: update saved bytes from here */
	uint8_t *out; /* write: what goes to memory */
};

/* Apply one breakpoint to the byte range [addr, addr+len).  */
static int shadow_one(void **slot, void *data)
{
	struct sw_breakpoint *bp = *slot;
	struct shadow_ctx *c = data;

	for (size_t i = 0; i < bp->len; i++) {
		uint64_t a = bp->addr + i;

		if (a < c->addr || a - c->addr >= c->len)
			continue;
		if (c->rbuf) {
			c->rbuf[a - c->addr] = bp->saved[i];
		} else {
			bp->saved[i] = c->wbuf[a - c->addr];
			c->out[a - c->addr] = bp->insn[i];
		}
	}
	return 1;
}

void bp_shadow_read(struct process *p, uint64_t addr, uint8_t *buf, size_t len)
{
	struct shadow_ctx c = { .addr = addr, .len = len, .rbuf = buf };

	if (p->breakpoints && htab_elements(p->breakpoints))
		htab_traverse_noresize(p->breakpoints, shadow_one, &c);
}

int bp_shadow_write(struct process *p, uint64_t addr, const uint8_t *buf,
		    size_t len)
{
	struct shadow_ctx c = { .addr = addr, .len = len, .wbuf = buf };
	int r;

	if (!p->breakpoints || !htab_elements(p->breakpoints))
		return mem_write_raw(p, addr, buf, len);
	c.out = xmalloc(len ? len : 1);
	memcpy(c.out, buf, len);
	htab_traverse_noresize(p->breakpoints, shadow_one, &c);
	r = mem_write_raw(p, addr, c.out, len);
	free(c.out);
	return r;
}

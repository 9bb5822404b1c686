/* hw_points.c - hardware breakpoints and watchpoints.  Debug registers
   belong to each thread and only a thread in a ptrace-stop can have them
   written, so the process keeps the table and a generation; a thread
   takes the table when it is resumed and its generation is older.  A
   thread that runs when the table changes is interrupted and resumed at
   once to take it (non-stop).  */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include "engine.h"
#include "hw_points.h"
#include "log.h"
#include "ptrace_ops.h"

static bool same_slot(const struct arch_hw_slot *a,
		      const struct arch_hw_slot *b)
{
	return a->type == b->type && a->addr == b->addr && a->len == b->len;
}

/* Cut [ADDR, ADDR + LEN) into the pieces one slot each can watch.
   Returns how many (at most MAX), -EOPNOTSUPP or -ENOSPC.  */
static int split(const struct arch_ops *a, enum arch_hw_type type,
		 uint64_t addr, uint64_t len, struct arch_hw_slot *out, int max)
{
	int n = 0;

	if (!a->hw_slots || len == 0 || !a->hw_piece(type, addr, len))
		return -EOPNOTSUPP;
	while (len) {
		uint64_t piece = a->hw_piece(type, addr, len);

		if (!piece)
			return -EOPNOTSUPP;
		if (n == max)
			return -ENOSPC;
		out[n++] = (struct arch_hw_slot){
			type, addr, type == ARCH_HW_EXEC ? 1 : piece
		};
		addr += piece;
		len -= piece;
	}
	return n;
}

static int find(const struct arch_hw_slot *slots, int nslots,
		const struct arch_hw_slot *want)
{
	for (int i = 0; i < nslots; i++)
		if (slots[i].type != ARCH_HW_NONE && same_slot(&slots[i], want))
			return i;
	return -1;
}

/* The table changed: threads that run take it at an interrupt stop
   (whose handling resumes them), the others when resumed.  */
static void changed(struct engine *e, struct process *p)
{
	p->hw_gen++;
	for (struct thread *t = p->threads; t; t = t->next)
		engine_interrupt_briefly(e, t);
}

static int find_request(const struct process *p, enum arch_hw_type type,
			uint64_t addr, uint64_t len)
{
	for (int i = 0; i < p->hw_nrequests; i++)
		if (p->hw_requests[i].type == (int)type &&
		    p->hw_requests[i].addr == addr &&
		    p->hw_requests[i].len == len)
			return i;
	return -1;
}

int hw_insert(struct engine *e, struct process *p, enum arch_hw_type type,
	      uint64_t addr, uint64_t len)
{
	const struct arch_ops *a = engine_arch(e, p);
	struct arch_hw_slot pieces[ARCH_MAX_HW_SLOTS], slots[ARCH_MAX_HW_SLOTS];
	unsigned refs[ARCH_MAX_HW_SLOTS];
	int n = split(a, type, addr, len, pieces, a->hw_slots);

	if (n < 0)
		return n;
	if (find_request(p, type, addr, len) >= 0)
		return 0;
	if (p->hw_nrequests ==
	    (int)(sizeof(p->hw_requests) / sizeof(p->hw_requests[0])))
		return -ENOSPC;
	/* All pieces or none: work on a copy.  */
	memcpy(slots, p->hw, sizeof(slots));
	memcpy(refs, p->hw_refs, sizeof(refs));
	for (int i = 0; i < n; i++) {
		int k = find(slots, a->hw_slots, &pieces[i]);

		for (int j = 0; k < 0 && j < a->hw_slots; j++)
			if (slots[j].type == ARCH_HW_NONE &&
			    (!a->hw_slot_takes || a->hw_slot_takes(j, type)))
				k = j;
		if (k < 0)
			return -ENOSPC;
		slots[k] = pieces[i];
		refs[k]++;
	}
	memcpy(p->hw, slots, sizeof(slots));
	memcpy(p->hw_refs, refs, sizeof(refs));
	p->hw_requests[p->hw_nrequests++] =
		(struct hw_request){ (int)type, addr, len };
	changed(e, p);
	return 0;
}

int hw_remove(struct engine *e, struct process *p, enum arch_hw_type type,
	      uint64_t addr, uint64_t len)
{
	const struct arch_ops *a = engine_arch(e, p);
	struct arch_hw_slot pieces[ARCH_MAX_HW_SLOTS];
	int idx[ARCH_MAX_HW_SLOTS];
	int n = split(a, type, addr, len, pieces, a->hw_slots);
	int req = find_request(p, type, addr, len);

	if (n < 0)
		return n == -ENOSPC ? -ENOENT : n;
	if (req < 0)
		return -ENOENT;
	for (int i = 0; i < n; i++) {
		idx[i] = find(p->hw, a->hw_slots, &pieces[i]);
		if (idx[i] < 0)
			return -ENOENT;
	}
	for (int i = 0; i < n; i++)
		if (--p->hw_refs[idx[i]] == 0)
			memset(&p->hw[idx[i]], 0, sizeof(p->hw[0]));
	p->hw_requests[req] = p->hw_requests[--p->hw_nrequests];
	changed(e, p);
	return 0;
}

void hw_forget_all(struct process *p)
{
	for (int i = 0; i < ARCH_MAX_HW_SLOTS; i++) {
		if (p->hw[i].type == ARCH_HW_NONE)
			continue;
		memset(&p->hw[i], 0, sizeof(p->hw[i]));
		p->hw_refs[i] = 0;
		p->hw_gen++;
	}
	p->hw_nrequests = 0;
}

bool hw_has_breakpoint(const struct process *p, uint64_t addr)
{
	struct arch_hw_slot want = { ARCH_HW_EXEC, addr, 1 };

	return find(p->hw, ARCH_MAX_HW_SLOTS, &want) >= 0;
}

static void apply_regsets(const struct arch_ops *a, struct thread *t)
{
	struct arch_hw_regset sets[2];
	size_t n = a->hw_program_regsets(t->proc->hw, sets);

	for (size_t i = 0; i < n; i++) {
		int r = pt_set_regset(t->tid, sets[i].note, sets[i].buf,
				      sets[i].len);

		if (r < 0) {
			log_debug("thread %d: debug register set %#x write "
				  "failed: %s",
				  (int)t->tid, sets[i].note, strerror(-r));
			return;
		}
	}
	t->hw_gen = t->proc->hw_gen;
}

void hw_apply(struct engine *e, struct thread *t)
{
	const struct arch_ops *a = engine_arch(e, t->proc);
	struct arch_user_word words[ARCH_MAX_HW_WORDS];
	struct process *p = t->proc;
	size_t n;

	if (t->hw_gen == p->hw_gen || !a->hw_slots)
		return;
	if (a->hw_program_regsets) {
		apply_regsets(a, t);
		return;
	}
	n = a->hw_program(p->hw, words);
	for (size_t i = 0; i < n; i++) {
		int r = a->hw_words_hbpregs ?
				pt_set_hbpreg(t->tid, (long)words[i].offset,
					      (uint32_t)words[i].value) :
				pt_poke_user(t->tid, words[i].offset,
					     words[i].value);

		if (r < 0) {
			log_debug("thread %d: debug register write failed: %s",
				  (int)t->tid, strerror(-r));
			return;
		}
	}
	t->hw_gen = p->hw_gen;
}

bool hw_stop_slot(struct engine *e, struct thread *t, struct arch_hw_slot *slot)
{
	const struct arch_ops *a = engine_arch(e, t->proc);
	uint64_t status;
	int i;

	if (!a->hw_slots || !t->proc->hw_gen)
		return false;
	if (a->hw_triggered_addr) {
		/* No status register: the kernel says where in siginfo.  */
		if (!t->has_siginfo || t->siginfo->si_code != TRAP_HWBKPT)
			return false;
		i = a->hw_triggered_addr(
			t->proc->hw, (uint64_t)(uintptr_t)t->siginfo->si_addr);
	} else {
		if (pt_peek_user(t->tid, a->hw_status_offset, &status) < 0)
			return false;
		i = a->hw_triggered(status);
		if (status)
			pt_poke_user(t->tid, a->hw_status_offset, 0);
	}
	if (i < 0 || i >= a->hw_slots || t->proc->hw[i].type == ARCH_HW_NONE)
		return false;
	*slot = t->proc->hw[i];
	return true;
}

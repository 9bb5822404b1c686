/* breakpoints.h - software breakpoints per process, kept in a libiberty
   hash table by address, and the shadowing of their bytes in memory
   accesses.  */
#ifndef QS_BREAKPOINTS_H
#define QS_BREAKPOINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ax_point_extra;
struct process;

#define BP_MAX_LEN 8

struct sw_breakpoint {
	uint64_t addr;
	size_t len;
	uint8_t saved[BP_MAX_LEN]; /* original bytes */
	uint8_t insn[BP_MAX_LEN]; /* breakpoint instruction */
	/* the client's conditions and commands, or NULL (bp_agent.c) */
	struct ax_point_extra *agent;
};

void bp_table_init(struct process *p);
void bp_table_free(struct process *p);
/* Insert/remove a software breakpoint; 0 or a negative errno.
   Inserting twice at one address is harmless.  */
int bp_insert(struct process *p, uint64_t addr, const uint8_t *insn,
	      size_t len);
int bp_remove(struct process *p, uint64_t addr);
struct sw_breakpoint *bp_find(struct process *p, uint64_t addr);
/* Was a breakpoint at ADDR among the last ones removed from P?  */
bool bp_recently_removed(const struct process *p, uint64_t addr);
/* Remove every breakpoint from memory (detach) and forget them.  */
void bp_remove_all(struct process *p);
/* Forget them without touching memory (exec: the old image is gone).  */
void bp_forget_all(struct process *p);
/* Give the child of a fork copies of its parent's breakpoints (its
   memory holds them too).  */
void bp_copy_table(struct process *to, const struct process *from);
/* Take every breakpoint out of memory but remember them, and put them
   back (a vfork child shares its parent's memory meanwhile).  */
void bp_lift_all(struct process *p);
void bp_reinsert_all(struct process *p);
/* Overlay original bytes on a buffer read at ADDR.  */
void bp_shadow_read(struct process *p, uint64_t addr, uint8_t *buf, size_t len);
/* Write BUF at ADDR keeping inserted breakpoints in place.  */
int bp_shadow_write(struct process *p, uint64_t addr, const uint8_t *buf,
		    size_t len);

#endif

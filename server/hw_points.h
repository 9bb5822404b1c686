/* hw_points.h - hardware breakpoints and watchpoints (Z1-Z4): one table
   of debug register slots per process, written into each thread before
   it next runs, threads created later included.  */
#ifndef QS_HW_POINTS_H
#define QS_HW_POINTS_H

#include <stdbool.h>
#include <stdint.h>
#include "arch.h"

struct engine;
struct process;
struct thread;

/* Watch LEN bytes at ADDR (a range the hardware cannot take in one slot
   takes several).  0, -EOPNOTSUPP when the machine has no such kind, or
   -ENOSPC when the slots are used up.  Running threads are interrupted
   for a moment to take the new slots.  */
int hw_insert(struct engine *e, struct process *p, enum arch_hw_type type,
	      uint64_t addr, uint64_t len);
/* 0, or -ENOENT when nothing was inserted there.  */
int hw_remove(struct engine *e, struct process *p, enum arch_hw_type type,
	      uint64_t addr, uint64_t len);
/* Forget every slot (exec, detach); threads are cleared as they run.  */
void hw_forget_all(struct process *p);
/* Is a hardware breakpoint at ADDR in P's table?  */
bool hw_has_breakpoint(const struct process *p, uint64_t addr);
/* Write P's slots into stopped thread T if they changed since.  */
void hw_apply(struct engine *e, struct thread *t);
/* The slot whose hit stopped T (the status is cleared), copied to
   *SLOT; false if none did.  */
bool hw_stop_slot(struct engine *e, struct thread *t,
		  struct arch_hw_slot *slot);

#endif

/* regs_pending.h - register writes to a running thread, made after its
   next ptrace-stop (it is interrupted for one).  */
#ifndef QS_REGS_PENDING_H
#define QS_REGS_PENDING_H

#include <stddef.h>
#include <stdint.h>

struct engine;
struct thread;

/* Keep register REGNO, or all of them in 'g' order (REGNO -1, a G),
   from DATA for running thread T, and interrupt it.  0 or -EIO.  */
int regs_pending_write(struct engine *e, struct thread *t, int regno,
		       const uint8_t *data, size_t len);
/* Write what T keeps into its register cache, if T is stopped: before
   it resumes, and before the client reads its registers.  */
void regs_pending_apply(struct engine *e, struct thread *t);
void regs_pending_free(struct thread *t);

#endif

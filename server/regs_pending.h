/* regs_pending.h - register writes to a running thread, made at a
   ptrace-stop it is interrupted for once the client has written all it
   writes.  */
#ifndef QS_REGS_PENDING_H
#define QS_REGS_PENDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct engine;
struct thread;

/* How long after the last register write to a running thread, with no
   other packet between, the client is taken to have written all: GDB
   puts back a whole context one 'P' at a time, each waiting for its
   reply.  */
#define REGS_SETTLE_MS 500

/* Keep register REGNO, or all of them in 'g' order (REGNO -1, a G),
   from DATA for running thread T.  0 or -EIO.  */
int regs_pending_write(struct engine *e, struct thread *t, int regno,
		       const uint8_t *data, size_t len);
/* The client sent something other than a register write: interrupt the
   threads that have writes kept, so that they take them.  */
void regs_pending_settle(struct engine *e);
/* Settle when the last write is REGS_SETTLE_MS old.  Returns the
   milliseconds until then, or -1 when nothing is kept.  */
int regs_pending_check(struct engine *e);
/* Whether T has writes kept that are ready to be made (settled).  */
bool regs_pending_ready(const struct thread *t);
/* Write what T keeps into its register cache, if T is stopped: at the
   resume after its settling interrupt, when a stop of it is reported
   (for that interrupt or another reason) or the client reads its
   registers, and at a detach.  */
void regs_pending_apply(struct engine *e, struct thread *t);
void regs_pending_free(struct thread *t);

#endif

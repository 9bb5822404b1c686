/* step_over.h - stepping a thread over a breakpoint inside quietstub
   (see step_over.c).  */
#ifndef QS_STEP_OVER_H
#define QS_STEP_OVER_H

#include <stdbool.h>
#include <stdint.h>
#include "target.h"

struct engine;

/* T, stopped at the breakpoint at ADDR (pc already there), steps over
   it once every other thread of its process has stopped.  */
void step_over_request(struct engine *e, struct thread *t, uint64_t addr);
/* After a batch of wait statuses: start the step when everyone stands
   still, or the next one waiting.  */
void step_over_progress(struct engine *e);
/* Must a resume of T wait for the step-over in its process?  Then
   step_over_hold keeps the resume for later.  */
bool step_over_holds(const struct engine *e, const struct thread *t);
void step_over_hold(struct thread *t, enum resume_kind kind, int sig);

enum step_over_result {
	STEP_OVER_NOT_MINE, /* not the stepping thread: handle as usual */
	STEP_OVER_CONTINUES, /* the stop was swallowed; the step goes on */
	STEP_OVER_DONE, /* the single-step trap: the thread is past it */
	STEP_OVER_ENDED, /* another stop ended it: handle it as usual */
};
/* The stepping thread T stopped with wait STATUS (REQUESTED: an
   interrupt was pending).  */
enum step_over_result step_over_stopped(struct engine *e, struct thread *t,
					int status, bool requested);
/* T goes away (exit, detach): end its step-over or its wait.  */
void step_over_forget(struct engine *e, struct thread *t);

#endif

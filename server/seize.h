/* seize.h - what the engine tells seize.c about seized threads (the
   attach itself is engine_attach, in engine.h).  */
#ifndef QS_SEIZE_H
#define QS_SEIZE_H

struct engine;
struct thread;

/* T, seized by an attach, stopped or exited for the first time since.  */
void seize_settled(struct thread *t);
/* Seize the threads that escaped an attach, in the processes whose
   seized threads have all stopped once.  */
void seize_escaped(struct engine *e);

#endif

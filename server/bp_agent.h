/* bp_agent.h - the conditions and commands the client gives a software
   breakpoint (ConditionalBreakpoints+, BreakpointCommands+), kept with
   it and run by quietstub at each hit (see bp_agent.c).  */
#ifndef QS_BP_AGENT_H
#define QS_BP_AGENT_H

#include <stdbool.h>
#include <stdint.h>

struct ax_point_extra;
struct engine;
struct sw_breakpoint;
struct thread;

/* Give BP the agent expressions of PE (taken over; NULL or empty: none,
   every hit is reported), replacing what it had.  */
void bp_agent_set(struct sw_breakpoint *bp, struct ax_point_extra *pe);
/* A copy of FROM's for TO (a fork child's copy of the breakpoint).  */
void bp_agent_copy(struct sw_breakpoint *to, const struct sw_breakpoint *from);
void bp_agent_free(struct sw_breakpoint *bp);

/* T hit the breakpoint at ADDR (pc already moved back to it): run its
   conditions and commands.  Should the client hear of the hit?  Yes
   without conditions, when one is true or fails to evaluate (the client
   then decides), and no when commands ran instead (dprintf).  */
bool bp_agent_says_stop(struct engine *e, struct thread *t, uint64_t addr);

#endif

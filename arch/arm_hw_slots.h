/* arm_hw_slots.h - what the debug register slots of the two ARM
   backends have in common: watchpoints in the first slots and
   breakpoints in the rest, and hits reported by address (the kernel
   gives the accessed address in siginfo, not a status register).  */
#ifndef QS_ARCH_ARM_HW_SLOTS_H
#define QS_ARCH_ARM_HW_SLOTS_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"

/* Does SLOT take TYPE when the first NWATCH slots are watchpoints?  */
bool arm_hw_slot_takes_type(int slot, enum arch_hw_type type, int nwatch);

/* The first of the N SLOTS that ADDR hits: a breakpoint at ADDR, or a
   watchpoint whose bytes lie in the UNIT-byte aligned block (a power
   of two) that holds ADDR, as a wide access reports the block's start.
   -1: none.  */
int arm_hw_slot_hit(const struct arch_hw_slot *slots, int n, uint64_t addr,
		    uint64_t unit);

#endif

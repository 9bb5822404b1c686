/* arm_dregs.h - 32-bit ARM hardware breakpoints and watchpoints
   (arm_dregs.c), for the ARM backend and its unit test.  */
#ifndef QS_ARCH_ARM_DREGS_H
#define QS_ARCH_ARM_DREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

#define ARM_HW_WATCH_SLOTS 4 /* slots 0-3 */
#define ARM_HW_BREAK_SLOTS 4 /* slots 4-7 */

bool arm_hw_slot_takes(int slot, enum arch_hw_type type);
uint64_t arm_hw_piece(enum arch_hw_type type, uint64_t addr, uint64_t len);
/* The PTRACE_SETHBPREGS writes that give a thread SLOTS: in each
   word, OFFSET is the register's number (negative for watchpoints)
   and VALUE what it gets.  Returns how many.  */
size_t arm_hw_program(const struct arch_hw_slot *slots,
		      struct arch_user_word *out);
int arm_hw_triggered_addr(const struct arch_hw_slot *slots, uint64_t addr);

#endif

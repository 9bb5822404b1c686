/* x86_dregs.h - x86 debug register encoding for hardware breakpoints
   and watchpoints (arch_ops.hw_*), shared by the x86 backends.  */
#ifndef QS_X86_DREGS_H
#define QS_X86_DREGS_H

#include <stddef.h>
#include "arch.h"

#define X86_DR_SLOTS 4
/* Debug register I in the user area as the tracer sees it: a 64-bit
   quietstub's struct user (for 64-bit and 32-bit tracees alike), or a
   32-bit one's.  Other hosts have no x86 tracees; the backends still
   build there, for their unit tests.  */
#if defined(__i386__)
#define X86_USER_DEBUGREG 252
#define X86_USER_WORD 4
#else
#define X86_USER_DEBUGREG 848
#define X86_USER_WORD 8
#endif
#define X86_DR_OFFSET(i) (X86_USER_DEBUGREG + (i)*X86_USER_WORD)
#define X86_DR_STATUS 6
#define X86_DR_CONTROL 7

uint64_t x86_hw_piece(enum arch_hw_type type, uint64_t addr, uint64_t len);
/* DR7 for SLOTS (X86_DR_SLOTS of them).  */
uint64_t x86_dr7(const struct arch_hw_slot *slots);
size_t x86_hw_program(const struct arch_hw_slot *slots,
		      struct arch_user_word *out);
int x86_hw_triggered(uint64_t dr6);

#endif

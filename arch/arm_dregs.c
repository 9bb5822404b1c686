/* arm_dregs.c - 32-bit ARM hardware breakpoints and watchpoints, set
   one register at a time with PTRACE_SETHBPREGS: breakpoint I has
   numbers 2I+1 (address) and 2I+2 (control), watchpoint I the same
   negated.  Slots 0-3 are watchpoints, 4-7 breakpoints (ARMv7 cores
   have at least four of each but the Cortex-A8, with two watchpoints).
   The kernel takes the address as it is and a byte count code (1, 2,
   4 bytes) that it shifts to the address's place in its word itself:
   a watchpoint is one byte anywhere, two bytes not crossing a word, or
   an aligned word.  A hit is reported with the accessed address (a
   breakpoint's own) in siginfo.  */
#include "config.h"
#include <string.h>
#include "arm_dregs.h"
#include "arm_hw_slots.h"

#define CTRL_ENABLE 1u
#define CTRL_USER (2u << 1) /* privilege: user mode only */
#define CTRL_LEN(code) ((uint32_t)(code) << 5)
#define LEN_1 0x1
#define LEN_2 0x3
#define LEN_4 0xf
#define TYPE_LOAD 1u
#define TYPE_STORE 2u

bool arm_hw_slot_takes(int slot, enum arch_hw_type type)
{
	return arm_hw_slot_takes_type(slot, type, ARM_HW_WATCH_SLOTS);
}

uint64_t arm_hw_piece(enum arch_hw_type type, uint64_t addr, uint64_t len)
{
	if (len == 0)
		return 0;
	if (type == ARCH_HW_EXEC) /* GDB's kinds: 2, 3 Thumb; 4 ARM */
		return len <= 4 && addr % (len == 4 ? 4 : 2) == 0 ? len : 0;
	if (addr % 4 == 0 && len >= 4)
		return 4;
	return addr % 4 <= 2 && len >= 2 ? 2 : 1;
}

static uint32_t ctrl(const struct arch_hw_slot *s)
{
	uint32_t type = s->type == ARCH_HW_READ	  ? TYPE_LOAD :
			s->type == ARCH_HW_WRITE  ? TYPE_STORE :
			s->type == ARCH_HW_ACCESS ? TYPE_LOAD | TYPE_STORE :
						    0;
	uint32_t len = s->type == ARCH_HW_EXEC ? (s->len == 4 ? LEN_4 : LEN_2) :
		       s->len == 4	       ? LEN_4 :
		       s->len == 2	       ? LEN_2 :
						 LEN_1;

	return CTRL_LEN(len) | type << 3 | CTRL_USER | CTRL_ENABLE;
}

size_t arm_hw_program(const struct arch_hw_slot *slots,
		      struct arch_user_word *out)
{
	size_t n = 0;

	for (int i = 0; i < ARM_HW_WATCH_SLOTS + ARM_HW_BREAK_SLOTS; i++) {
		const struct arch_hw_slot *s = &slots[i];
		bool watch = i < ARM_HW_WATCH_SLOTS;
		long idx = watch ? i : i - ARM_HW_WATCH_SLOTS;
		long addr_num = 2 * idx + 1, ctrl_num = 2 * idx + 2;

		if (watch) {
			addr_num = -addr_num;
			ctrl_num = -ctrl_num;
		}
		/* Disabled first.  The kernel refuses a control word without
		   a byte count, and checks the count against the address it
		   has: one byte suits any address (two bytes any
		   breakpoint's, at least halfword-aligned).  */
		out[n++] = (struct arch_user_word){
			(unsigned long)ctrl_num,
			watch ? CTRL_LEN(LEN_1) | TYPE_STORE << 3 | CTRL_USER :
				CTRL_LEN(LEN_2) | CTRL_USER
		};
		if (s->type == ARCH_HW_NONE)
			continue;
		out[n++] = (struct arch_user_word){ (unsigned long)addr_num,
						    s->addr };
		out[n++] = (struct arch_user_word){ (unsigned long)ctrl_num,
						    ctrl(s) };
	}
	return n;
}

int arm_hw_triggered_addr(const struct arch_hw_slot *slots, uint64_t addr)
{
	return arm_hw_slot_hit(slots, ARM_HW_WATCH_SLOTS + ARM_HW_BREAK_SLOTS,
			       addr, 4);
}

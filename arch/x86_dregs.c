/* x86_dregs.c - the x86 debug registers: four address registers DR0-3,
   the control register DR7 that gives each one a type and a length, and
   the status register DR6 that says which one triggered.  The kernel
   reaches them through the user area (struct user, u_debugreg).  */
#include "config.h"
#include "x86_dregs.h"

#if defined(__x86_64__) || defined(__i386__)
#include <sys/user.h>
_Static_assert(offsetof(struct user, u_debugreg) == X86_USER_DEBUGREG,
	       "u_debugreg");
_Static_assert(sizeof(long) == X86_USER_WORD, "user area word");
#endif

#define DR_LOCAL_SLOWDOWN 0x100 /* LE: exact data breakpoints */

/* A data watch covers 1, 2, 4 or 8 naturally aligned bytes.  */
uint64_t x86_hw_piece(enum arch_hw_type type, uint64_t addr, uint64_t len)
{
	static const uint64_t sizes[] = { 8, 4, 2, 1 };

	if (len == 0)
		return 0;
	switch (type) {
	case ARCH_HW_EXEC:
		return len; /* one instruction, whatever its length */
	case ARCH_HW_WRITE:
	case ARCH_HW_ACCESS:
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			if (sizes[i] <= len && addr % sizes[i] == 0)
				return sizes[i];
		return 1;
	default:
		/* No read-only watch in x86 hardware.  */
		return 0;
	}
}

static uint64_t rw_bits(enum arch_hw_type type)
{
	return type == ARCH_HW_WRITE ? 1 : type == ARCH_HW_ACCESS ? 3 : 0;
}

static uint64_t len_bits(enum arch_hw_type type, uint64_t len)
{
	if (type == ARCH_HW_EXEC)
		return 0;
	switch (len) {
	case 2:
		return 1;
	case 4:
		return 3;
	case 8:
		return 2;
	default:
		return 0;
	}
}

uint64_t x86_dr7(const struct arch_hw_slot *slots)
{
	uint64_t dr7 = 0;

	for (int i = 0; i < X86_DR_SLOTS; i++) {
		if (slots[i].type == ARCH_HW_NONE)
			continue;
		dr7 |= 1ULL << (2 * i);
		dr7 |= (rw_bits(slots[i].type) |
			len_bits(slots[i].type, slots[i].len) << 2)
		       << (16 + 4 * i);
	}
	return dr7 ? dr7 | DR_LOCAL_SLOWDOWN : 0;
}

/* DR7 first goes to 0: the kernel checks each enabled slot's address
   and length when DR7 is written, so the addresses must be in place
   before the slots are enabled.  */
size_t x86_hw_program(const struct arch_hw_slot *slots,
		      struct arch_user_word *out)
{
	size_t n = 0;

	out[n++] = (struct arch_user_word){ X86_DR_OFFSET(X86_DR_CONTROL), 0 };
	for (int i = 0; i < X86_DR_SLOTS; i++)
		if (slots[i].type != ARCH_HW_NONE)
			out[n++] = (struct arch_user_word){ X86_DR_OFFSET(i),
							    slots[i].addr };
	out[n] = (struct arch_user_word){ X86_DR_OFFSET(X86_DR_CONTROL),
					  x86_dr7(slots) };
	if (out[n].value)
		n++;
	return n;
}

int x86_hw_triggered(uint64_t dr6)
{
	for (int i = 0; i < X86_DR_SLOTS; i++)
		if (dr6 & (1ULL << i))
			return i;
	return -1;
}

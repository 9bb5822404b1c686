/* arm_hw_slots.c - see arm_hw_slots.h.  */
#include "arm_hw_slots.h"

bool arm_hw_slot_takes_type(int slot, enum arch_hw_type type, int nwatch)
{
	return type == ARCH_HW_EXEC ? slot >= nwatch : slot < nwatch;
}

int arm_hw_slot_hit(const struct arch_hw_slot *slots, int n, uint64_t addr,
		    uint64_t unit)
{
	for (int i = 0; i < n; i++) {
		const struct arch_hw_slot *s = &slots[i];

		if (s->type == ARCH_HW_NONE)
			continue;
		if (s->type == ARCH_HW_EXEC ? addr == s->addr :
					      addr >= (s->addr & ~(unit - 1)) &&
						      addr < s->addr + s->len)
			return i;
	}
	return -1;
}

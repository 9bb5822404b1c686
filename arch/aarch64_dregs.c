/* aarch64_dregs.c - AArch64 hardware breakpoints and watchpoints,
   written through the NT_ARM_HW_WATCH and NT_ARM_HW_BREAK register sets
   (struct user_hwdebug_state: dbg_info, then address and control word
   pairs).  Slots 0-3 are watchpoints, 4-7 breakpoints: every ARMv8 CPU
   has at least two of each, the usual cores four watchpoints and six
   breakpoints.  A watchpoint watches up to 8 bytes of one aligned
   doubleword (the byte address select mask); the kernel reports a hit
   with the address of the access in siginfo, which for a wide access
   can lie below the watched bytes, within their doubleword.

   The same sets serve AArch32 programs (arm.c): for such a tracee the
   kernel turns an address and byte mask into its 32-bit rules (a
   byte, two bytes within a word, an aligned word; 2-byte Thumb
   breakpoints on halfwords), so the pieces are arm_dregs.c's and a
   breakpoint watches the halfword an instruction starts in (Thumb or
   ARM alike, as on a 32-bit kernel).  */
#include "config.h"
#include <elf.h>
#include <string.h>
#include "aarch64_dregs.h"
#include "arm_hw_slots.h"

#define CTRL_ENABLE 1u
#define CTRL_EL0 (2u << 1) /* privilege: user mode only */
#define CTRL_BAS(mask) ((uint32_t)(mask) << 5)
#define LSC_LOAD 1u
#define LSC_STORE 2u

bool a64_hw_slot_takes(int slot, enum arch_hw_type type)
{
	return arm_hw_slot_takes_type(slot, type, A64_HW_WATCH_SLOTS);
}

uint64_t a64_hw_piece(enum arch_hw_type type, uint64_t addr, uint64_t len)
{
	uint64_t end = (addr & ~7ULL) + 8;

	if (len == 0)
		return 0;
	if (type == ARCH_HW_EXEC)
		return addr % 4 ? 0 : len; /* one A64 instruction */
	return addr + len < end ? len : end - addr;
}

static uint32_t watch_ctrl(const struct arch_hw_slot *s)
{
	uint32_t lsc = s->type == ARCH_HW_READ	? LSC_LOAD :
		       s->type == ARCH_HW_WRITE ? LSC_STORE :
						  LSC_LOAD | LSC_STORE;
	uint32_t mask = (uint32_t)((1u << s->len) - 1) << (s->addr & 7);

	return CTRL_BAS(mask) | lsc << 3 | CTRL_EL0 | CTRL_ENABLE;
}

/* Slot I of SET (user_hwdebug_state) gets ADDR and CTRL.  */
static void put_slot(struct arch_hw_regset *set, int i, uint64_t addr,
		     uint32_t ctrl)
{
	memcpy(set->buf + 8 + 16 * i, &addr, 8);
	memcpy(set->buf + 8 + 16 * i + 8, &ctrl, 4);
}

/* The sets for SLOTS, breakpoints watching the BP_MASK bytes from
   their address.  */
static size_t program_regsets(const struct arch_hw_slot *slots,
			      struct arch_hw_regset *out, uint32_t bp_mask)
{
	memset(out, 0, 2 * sizeof(*out));
	out[0].note = NT_ARM_HW_WATCH;
	out[0].len = 8 + 16 * A64_HW_WATCH_SLOTS;
	out[1].note = NT_ARM_HW_BREAK;
	out[1].len = 8 + 16 * A64_HW_BREAK_SLOTS;
	for (int i = 0; i < A64_HW_WATCH_SLOTS; i++) {
		const struct arch_hw_slot *s = &slots[i];

		if (s->type != ARCH_HW_NONE)
			put_slot(&out[0], i, s->addr & ~7ULL, watch_ctrl(s));
	}
	for (int i = 0; i < A64_HW_BREAK_SLOTS; i++) {
		const struct arch_hw_slot *s = &slots[A64_HW_WATCH_SLOTS + i];

		if (s->type != ARCH_HW_NONE)
			put_slot(&out[1], i, s->addr & ~3ULL,
				 CTRL_BAS(bp_mask << (s->addr & 3)) | CTRL_EL0 |
					 CTRL_ENABLE);
	}
	return 2;
}

size_t a64_hw_program_regsets(const struct arch_hw_slot *slots,
			      struct arch_hw_regset *out)
{
	return program_regsets(slots, out, 0xf);
}

size_t a64_hw_program_regsets_aarch32(const struct arch_hw_slot *slots,
				      struct arch_hw_regset *out)
{
	return program_regsets(slots, out, 0x3);
}

int a64_hw_triggered_addr(const struct arch_hw_slot *slots, uint64_t addr)
{
	return arm_hw_slot_hit(slots, A64_HW_WATCH_SLOTS + A64_HW_BREAK_SLOTS,
			       addr, 8);
}

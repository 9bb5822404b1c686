/* test-arch-arm.c - unit tests of the 32-bit ARM backend on any host:
   GDB's ARM GNU/Linux register numbers with and without VFP (cpsr at
   25, 16-24 unused), target.xml, register reads and writes on canned
   NT_PRSTATUS / NT_ARM_VFP / thread pointer buffers, the PC and
   system call number, the three breakpoint kinds, and the quiet
   restart in ARM and Thumb state.  */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "arch_unit.h"
#include "arm.h"
#include "arm_dregs.h"
#include "unit.h"

static void test_feature_files(void)
{
	static const char *const files[] = {
		"arm-core.xml",
		"arm-vfpv3.xml",
		"arm-neon.xml",
		"arm-tls.xml",
	};

	check_feature_files(files, sizeof(files) / sizeof(files[0]),
			    arch_arm_check_feature);
}

static void test_numbering(void)
{
	static const struct want_regnum want[] = {
		{ ARCH_ARM_VFP, "r0", 0 },     { ARCH_ARM_VFP, "r12", 12 },
		{ ARCH_ARM_VFP, "sp", 13 },    { ARCH_ARM_VFP, "lr", 14 },
		{ ARCH_ARM_VFP, "pc", 15 },    { ARCH_ARM_VFP, "cpsr", 25 },
		{ ARCH_ARM_VFP, "d0", 26 },    { ARCH_ARM_VFP, "d31", 57 },
		{ ARCH_ARM_VFP, "fpscr", 58 }, { ARCH_ARM_VFP, "tpidruro", 59 },
		{ 0, "tpidruro", 26 },
	};
	static const struct {
		uint64_t features;
		int nregs, nregsets;
		size_t g_size;
	} sizes[] = {
		{ ARCH_ARM_VFP, 60, 3, 17 * 4 + 32 * 8 + 4 + 4 },
		{ 0, 27, 2, 17 * 4 + 4 },
	};

	check_regnums(want, sizeof(want) / sizeof(want[0]), 72);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		const struct arch_tdesc *td = check_tdesc_shape(
			sizes[i].features, 72, sizes[i].nregs,
			sizes[i].nregsets, sizes[i].g_size, "arm");

		if (!td)
			continue;
		CHECK(td->pc_regnum == 15 && td->sp_regnum == 13 &&
			      td->fp_regnum == 11 && !td->regs[16].name &&
			      !td->regs[24].bitsize,
		      "arm %#llx: pc 15, sp 13, fp r11; 16-24 are gaps",
		      (unsigned long long)sizes[i].features);
	}
	CHECK(arch_arm_features(260) == ARCH_ARM_VFP &&
		      arch_arm_features(0) == 0,
	      "VFP from the NT_ARM_VFP size");
}

static void test_registers(void)
{
	uint8_t gpr[18 * 4], tls[4], vfp[260];
	struct arch_regcache rc = { .buf = { gpr, tls, vfp },
				    .valid = { true, true, true } };
	const char *err = NULL;
	const struct arch_tdesc *td = ops->tdesc_for(ARCH_ARM_VFP, 72, &err);
	uint8_t out[8];

	if (!td)
		return;
	CHECK(td->regsets[0].note == NT_PRSTATUS && td->regsets[0].size == 72 &&
		      td->regsets[2].note == 0x400 &&
		      td->regsets[2].size == 260 && td->regsets[1].size == 4,
	      "regsets: NT_PRSTATUS 72, the thread pointer, NT_ARM_VFP 260");
	memset(gpr, 0xa5, sizeof(gpr));
	memset(vfp, 0, sizeof(vfp));
	put(gpr + 0, 4, 0x11223344);
	put(gpr + 7 * 4, 4, 3); /* r7: read(2) */
	put(gpr + 13 * 4, 4, 0xbefff6e0); /* sp */
	put(gpr + 15 * 4, 4, 0x4005a4); /* pc */
	put(gpr + 16 * 4, 4, 0x600f0010); /* cpsr */
	put(tls, 4, 0xb6ffe4c0);
	put(vfp + 3 * 8, 8, 0x400921fb54442d18ULL);
	put(vfp + 256, 4, 0x03000000);

	CHECK(rd(td, &rc, "r0") == 0x11223344, "r0 read");
	CHECK(rd(td, &rc, "pc") == 0x4005a4 && ops->get_pc(&rc) == 0x4005a4,
	      "pc read, get_pc");
	CHECK(rd(td, &rc, "cpsr") == 0x600f0010, "cpsr read");
	CHECK(ops->reg_read(td, &rc, 26 + 3, out) == 8 &&
		      le(out, 8) == 0x400921fb54442d18ULL,
	      "d3 read");
	CHECK(rd(td, &rc, "fpscr") == 0x03000000, "fpscr read");
	CHECK(rd(td, &rc, "tpidruro") == 0xb6ffe4c0, "tpidruro read");
	CHECK(ops->syscall_nr(&rc) == 3, "syscall_nr is r7");
	CHECK(ops->reg_read(td, &rc, 20, out) == 0, "gap 20 reads nothing");

	rc.dirty[1] = false;
	wr(td, &rc, "tpidruro", 1);
	CHECK(le(tls, 4) == 0xb6ffe4c0 && !rc.dirty[1],
	      "the thread pointer is not written");
	wr(td, &rc, "r1", 0x55667788);
	CHECK(le(gpr + 4, 4) == 0x55667788 && rc.dirty[0], "r1 written");
	ops->set_pc(&rc, 0x4005a8);
	CHECK(le(gpr + 15 * 4, 4) == 0x4005a8, "set_pc");
	CHECK(le(gpr + 14 * 4, 4) == 0xa5a5a5a5, "lr untouched");
}

static void test_breakpoints(void)
{
	size_t len = 0;
	const uint8_t *insn;

	insn = ops->sw_breakpoint(2, &len);
	CHECK(insn && len == 2 && le(insn, 2) == 0xde01, "kind 2: Thumb");
	insn = ops->sw_breakpoint(3, &len);
	CHECK(insn && len == 4 && le(insn, 2) == 0xf7f0 &&
		      le(insn + 2, 2) == 0xa000,
	      "kind 3: Thumb-2, two halfwords");
	insn = ops->sw_breakpoint(4, &len);
	CHECK(insn && len == 4 && le(insn, 4) == 0xe7f001f0, "kind 4: ARM");
	CHECK(!ops->sw_breakpoint(1, &len), "kind 1 is refused");
	CHECK(ops->decr_pc_after_break == 0 && !ops->has_single_step,
	      "the PC stays on the breakpoint; no single-step");
}

static void test_restart(void)
{
	uint8_t gpr[18 * 4];
	struct arch_regcache rc = { .buf = { gpr }, .valid = { true } };
	const struct arch_syscall_state before = { true, 3, 0x4, 0x4005a4 };

	CHECK(ops->want_syscall_state, "restart: wants the system call state");
	memset(gpr, 0, sizeof(gpr));
	put(gpr, 4, (uint32_t)-4); /* r0: -EINTR */
	put(gpr + 7 * 4, 4, 3);
	put(gpr + 15 * 4, 4, 0x4005a4);
	put(gpr + 16 * 4, 4, 0x10); /* ARM state */
	CHECK(ops->restart_eintr_syscall(&rc, &before) && le(gpr, 4) == 4 &&
		      le(gpr + 15 * 4, 4) == 0x4005a0,
	      "restart: ARM: r0 = the first argument, PC back 4");
	put(gpr, 4, (uint32_t)-4);
	put(gpr + 15 * 4, 4, 0x4005a4);
	put(gpr + 16 * 4, 4, 0x30); /* Thumb state */
	CHECK(ops->restart_eintr_syscall(&rc, &before) &&
		      le(gpr + 15 * 4, 4) == 0x4005a2,
	      "restart: Thumb: PC back 2");
	put(gpr, 4, (uint32_t)-512);
	rc.dirty[0] = false;
	CHECK(!ops->restart_eintr_syscall(&rc, &before) && !rc.dirty[0],
	      "restart: the kernel's own restarts are left alone");
}

/* The debug registers, called directly: the backend offers them on a
   32-bit ARM build only.  */
static void test_debug_registers(void)
{
	struct arch_hw_slot slots[ARCH_MAX_HW_SLOTS] = { 0 };
	struct arch_user_word w[ARCH_MAX_HW_WORDS];
	size_t n;

	CHECK(arm_hw_slot_takes(0, ARCH_HW_WRITE) &&
		      !arm_hw_slot_takes(0, ARCH_HW_EXEC) &&
		      arm_hw_slot_takes(4, ARCH_HW_EXEC) &&
		      !arm_hw_slot_takes(7, ARCH_HW_READ),
	      "slots 0-3 watch, 4-7 break");
	CHECK(arm_hw_piece(ARCH_HW_WRITE, 0x1000, 8) == 4 &&
		      arm_hw_piece(ARCH_HW_WRITE, 0x1001, 4) == 2 &&
		      arm_hw_piece(ARCH_HW_WRITE, 0x1003, 4) == 1 &&
		      arm_hw_piece(ARCH_HW_READ, 0x1002, 2) == 2,
	      "watch pieces: an aligned word, two bytes within a word, a byte");
	CHECK(arm_hw_piece(ARCH_HW_EXEC, 0x1002, 2) == 2 &&
		      arm_hw_piece(ARCH_HW_EXEC, 0x1002, 4) == 0 &&
		      arm_hw_piece(ARCH_HW_EXEC, 0x1001, 2) == 0,
	      "break: Thumb on halfwords, ARM on words");

	slots[1] = (struct arch_hw_slot){ ARCH_HW_WRITE, 0x21014, 4 };
	slots[5] = (struct arch_hw_slot){ ARCH_HW_EXEC, 0x104a2, 2 };
	n = arm_hw_program(slots, w);
	CHECK(n == 8 + 2 * 2, "one word per free slot, three per used (%zu)",
	      n);
	/* Watchpoint 1: numbers -3 (address) and -4 (control).  */
	CHECK((long)w[0].offset == -2 &&
		      w[0].value == (0x1u << 5 | 2u << 3 | 2u << 1) &&
		      (long)w[n - 1].offset == 8 &&
		      w[n - 1].value == (0x3u << 5 | 2u << 1),
	      "free slots: disabled, with a byte count the kernel takes");
	CHECK((long)w[1].offset == -4 && (w[1].value & 1) == 0 &&
		      (long)w[2].offset == -3 && w[2].value == 0x21014 &&
		      (long)w[3].offset == -4 &&
		      w[3].value == (0xfu << 5 | 2u << 3 | 2u << 1 | 1),
	      "watch 1: disabled, address, store of 4 bytes for user mode");
	/* Breakpoint 1 (slot 5): numbers 3 and 4, Thumb: 2 bytes; then
	   the two free slots.  */
	CHECK((long)w[n - 4].offset == 3 && w[n - 4].value == 0x104a2 &&
		      (long)w[n - 3].offset == 4 &&
		      w[n - 3].value == (0x3u << 5 | 2u << 1 | 1),
	      "break 1: address, 2 bytes, execute, user mode");
	CHECK(arm_hw_triggered_addr(slots, 0x21014) == 1 &&
		      arm_hw_triggered_addr(slots, 0x21016) == 1 &&
		      arm_hw_triggered_addr(slots, 0x104a2) == 5 &&
		      arm_hw_triggered_addr(slots, 0x21018) == -1,
	      "the slot of a hit from the siginfo address");
}

int main(void)
{
	ops = &arch_arm_ops;
	test_feature_files();
	test_numbering();
	test_registers();
	test_breakpoints();
	test_restart();
	test_debug_registers();
	return UNIT_DONE();
}

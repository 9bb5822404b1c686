/* test-arch-aarch64.c - unit tests of the AArch64 backend on any host:
   GDB's AArch64 GNU/Linux register numbers with and without pointer
   authentication and tpidr2, target.xml, register reads and writes on
   canned NT_PRSTATUS / NT_FPREGSET / NT_ARM_TLS / NT_ARM_PAC_MASK
   buffers, the PC and system call number, brk, and the hardware
   breakpoint and watchpoint encoding.  */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "aarch64.h"
#include "aarch64_dregs.h"
#include "aarch64_sve.h"
#include "arch.h"
#include "arch_unit.h"
#include "unit.h"

static void test_feature_files(void)
{
	static const char *const files[] = {
		"aarch64-core.xml", "aarch64-fpu.xml",	"aarch64-pauth.xml",
		"aarch64-tls.xml",  "aarch64-tls2.xml",
	};

	check_feature_files(files, sizeof(files) / sizeof(files[0]),
			    arch_aarch64_check_feature);
}

static void test_numbering(void)
{
	static const struct want_regnum want[] = {
		{ 0, "x0", 0 },
		{ 0, "x30", 30 },
		{ 0, "sp", 31 },
		{ 0, "pc", 32 },
		{ 0, "cpsr", 33 },
		{ 0, "v0", 34 },
		{ 0, "v31", 65 },
		{ 0, "fpsr", 66 },
		{ 0, "fpcr", 67 },
		{ 0, "tpidr", 68 },
		{ ARCH_AARCH64_TPIDR2, "tpidr2", 69 },
		{ ARCH_AARCH64_PAUTH, "pauth_dmask", 68 },
		{ ARCH_AARCH64_PAUTH, "pauth_cmask", 69 },
		{ ARCH_AARCH64_PAUTH, "tpidr", 70 },
	};
	static const struct {
		uint64_t features;
		int nregs, nregsets;
		size_t g_size;
	} sizes[] = {
		{ 0, 69, 3, 33 * 8 + 4 + 32 * 16 + 8 + 8 },
		{ ARCH_AARCH64_TPIDR2, 70, 3, 33 * 8 + 4 + 32 * 16 + 8 + 16 },
		{ ARCH_AARCH64_PAUTH, 71, 4, 33 * 8 + 4 + 32 * 16 + 8 + 24 },
	};

	check_regnums(want, sizeof(want) / sizeof(want[0]), 8);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		const struct arch_tdesc *td = check_tdesc_shape(
			sizes[i].features, 8, sizes[i].nregs, sizes[i].nregsets,
			sizes[i].g_size, "aarch64");

		if (td)
			CHECK(td->pc_regnum == 32 && td->sp_regnum == 31 &&
				      td->fp_regnum == 29,
			      "aarch64 %#llx: pc 32, sp 31, fp x29",
			      (unsigned long long)sizes[i].features);
	}
	CHECK(arch_aarch64_features(16, true, 0) ==
			      (ARCH_AARCH64_TPIDR2 | ARCH_AARCH64_PAUTH) &&
		      arch_aarch64_features(8, false, 0) == 0,
	      "features from the probed NT_ARM_TLS size and NT_ARM_PAC_MASK");
}

static void test_registers(void)
{
	uint8_t gpr[34 * 8], fp[528], tls[16], pac[16];
	struct arch_regcache rc = { .buf = { gpr, fp, tls, pac },
				    .valid = { true, true, true, true } };
	const char *err = NULL;
	const struct arch_tdesc *td = ops->tdesc_for(
		ARCH_AARCH64_PAUTH | ARCH_AARCH64_TPIDR2, 16, &err);
	uint8_t out[16];

	if (!td)
		return;
	CHECK(td->regsets[0].note == NT_PRSTATUS &&
		      td->regsets[0].size == 272 &&
		      td->regsets[1].note == NT_FPREGSET &&
		      td->regsets[1].size == 528 &&
		      td->regsets[2].note == NT_ARM_TLS &&
		      td->regsets[2].size == 16 &&
		      td->regsets[3].note == NT_ARM_PAC_MASK,
	      "regsets: NT_PRSTATUS 272, NT_FPREGSET 528, NT_ARM_TLS 16, "
	      "NT_ARM_PAC_MASK");
	memset(gpr, 0xa5, sizeof(gpr));
	memset(fp, 0, sizeof(fp));
	put(gpr + 0, 8, 0x11223344);
	put(gpr + 8 * 8, 8, 63); /* x8: read(2) */
	put(gpr + 31 * 8, 8, 0xfffffffffc30ULL); /* sp */
	put(gpr + 32 * 8, 8, 0xaaaaaaaa0860ULL); /* pc */
	put(gpr + 33 * 8, 8, 0x80000000); /* pstate */
	put(fp + 16 * 3, 8, 0x0123456789abcdefULL);
	put(fp + 16 * 3 + 8, 8, 0xfedcba9876543210ULL);
	put(fp + 512, 4, 0x8000010); /* fpsr */
	put(tls, 8, 0xfffff7ff8600ULL);
	put(tls + 8, 8, 0x1234);
	put(pac, 8, 0x7f000000000000ULL);

	CHECK(rd(td, &rc, "x0") == 0x11223344, "x0 read");
	CHECK(rd(td, &rc, "sp") == 0xfffffffffc30ULL, "sp read");
	CHECK(ops->reg_read(td, &rc, 33, out) == 4 && le(out, 4) == 0x80000000,
	      "cpsr is the low 4 bytes of pstate");
	CHECK(ops->reg_read(td, &rc, 34 + 3, out) == 16 &&
		      le(out, 8) == 0x0123456789abcdefULL &&
		      le(out + 8, 8) == 0xfedcba9876543210ULL,
	      "v3 read, 16 bytes");
	CHECK(rd(td, &rc, "fpsr") == 0x8000010, "fpsr read");
	CHECK(rd(td, &rc, "tpidr") == 0xfffff7ff8600ULL &&
		      rd(td, &rc, "tpidr2") == 0x1234,
	      "tpidr and tpidr2 read");
	CHECK(rd(td, &rc, "pauth_dmask") == 0x7f000000000000ULL,
	      "pauth_dmask read");
	CHECK(ops->get_pc(&rc) == 0xaaaaaaaa0860ULL, "get_pc");
	CHECK(ops->syscall_nr(&rc) == 63, "syscall_nr is x8");

	wr(td, &rc, "cpsr", 0x20000000);
	CHECK(le(gpr + 33 * 8, 8) == 0x20000000 && rc.dirty[0],
	      "cpsr write zero-extends pstate");
	wr(td, &rc, "tpidr", 0x42);
	CHECK(le(tls, 8) == 0x42 && rc.dirty[2], "tpidr written");
	rc.dirty[3] = false;
	wr(td, &rc, "pauth_cmask", 1);
	CHECK(le(pac + 8, 8) == 0 && !rc.dirty[3],
	      "the PAC masks are not written");
	ops->set_pc(&rc, 0xaaaaaaaa0864ULL);
	CHECK(le(gpr + 32 * 8, 8) == 0xaaaaaaaa0864ULL, "set_pc");
	CHECK(le(gpr + 30 * 8, 8) == 0xa5a5a5a5a5a5a5a5ULL,
	      "neighbours untouched");
}

static void test_breakpoints(void)
{
	size_t len = 0;
	const uint8_t *insn = ops->sw_breakpoint(4, &len);

	CHECK(insn && len == 4 && le(insn, 4) == 0xd4200000,
	      "kind 4 is brk #0");
	CHECK(!ops->sw_breakpoint(2, &len), "kind 2 is refused");
	CHECK(ops->decr_pc_after_break == 0, "the PC stays on brk");
}

static void test_debug_registers(void)
{
	struct arch_hw_slot slots[ARCH_MAX_HW_SLOTS] = { 0 };
	struct arch_hw_regset sets[2];
	uint64_t addr;
	uint32_t ctrl;

	CHECK(ops->hw_slots == 8 && ops->hw_slot_takes(0, ARCH_HW_WRITE) &&
		      !ops->hw_slot_takes(0, ARCH_HW_EXEC) &&
		      ops->hw_slot_takes(4, ARCH_HW_EXEC) &&
		      !ops->hw_slot_takes(4, ARCH_HW_READ),
	      "slots 0-3 watch, 4-7 break");
	CHECK(ops->hw_piece(ARCH_HW_WRITE, 0x1004, 8) == 4 &&
		      ops->hw_piece(ARCH_HW_WRITE, 0x1000, 16) == 8 &&
		      ops->hw_piece(ARCH_HW_READ, 0x1003, 2) == 2,
	      "a watch stays within one doubleword");
	CHECK(ops->hw_piece(ARCH_HW_EXEC, 0x1002, 4) == 0,
	      "a breakpoint must be 4-byte aligned");

	slots[1] = (struct arch_hw_slot){ ARCH_HW_WRITE, 0x11012, 2 };
	slots[4] = (struct arch_hw_slot){ ARCH_HW_EXEC, 0x400860, 1 };
	CHECK(ops->hw_program_regsets(slots, sets) == 2 &&
		      sets[0].note == NT_ARM_HW_WATCH &&
		      sets[1].note == NT_ARM_HW_BREAK &&
		      sets[0].len == 8 + 16 * 4,
	      "two register sets: watch and break");
	memcpy(&addr, sets[0].buf + 8 + 16, 8);
	memcpy(&ctrl, sets[0].buf + 8 + 16 + 8, 4);
	/* BAS 0b1100 << 2 (bytes 2-3), store, EL0, enabled.  */
	CHECK(addr == 0x11010 && ctrl == ((0x3u << 2) << 5 | 2 << 3 | 4 | 1),
	      "watch: aligned address %#llx, control %#x",
	      (unsigned long long)addr, ctrl);
	memcpy(&ctrl, sets[0].buf + 8 + 8, 4);
	CHECK(ctrl == 0, "unused watch slots are disabled");
	memcpy(&addr, sets[1].buf + 8, 8);
	memcpy(&ctrl, sets[1].buf + 8 + 8, 4);
	CHECK(addr == 0x400860 && ctrl == (0xfu << 5 | 4 | 1),
	      "break: address and control %#x", ctrl);
	/* The sets for an AArch32 program: a breakpoint (of any kind:
	   slots keep none) watches the halfword it starts in.  */
	slots[5] = (struct arch_hw_slot){ ARCH_HW_EXEC, 0x104a2, 1 };
	a64_hw_program_regsets_aarch32(slots, sets);
	memcpy(&addr, sets[1].buf + 8 + 16, 8);
	memcpy(&ctrl, sets[1].buf + 8 + 16 + 8, 4);
	CHECK(addr == 0x104a0 && ctrl == ((0x3u << 2) << 5 | 4 | 1),
	      "AArch32 break at 0x104a2: word %#llx, control %#x",
	      (unsigned long long)addr, ctrl);
	memcpy(&addr, sets[1].buf + 8, 8);
	memcpy(&ctrl, sets[1].buf + 8 + 8, 4);
	CHECK(addr == 0x400860 && ctrl == (0x3u << 5 | 4 | 1),
	      "AArch32 break at 0x400860: control %#x", ctrl);
	slots[5].type = ARCH_HW_NONE;
	CHECK(ops->hw_triggered_addr(slots, 0x11012) == 1 &&
		      ops->hw_triggered_addr(slots, 0x11010) == 1 &&
		      ops->hw_triggered_addr(slots, 0x400860) == 4 &&
		      ops->hw_triggered_addr(slots, 0x11020) == -1,
	      "the slot of a hit from the siginfo address");
}

static void test_restart(void)
{
	uint8_t gpr[34 * 8];
	struct arch_regcache rc = { .buf = { gpr }, .valid = { true } };
	const struct arch_syscall_state before = { true, 22, 0x5, 0x400884 };
	struct arch_syscall_state other = before;
	bool r;

	CHECK(ops->want_syscall_state, "restart: wants the system call state");
	memset(gpr, 0, sizeof(gpr));
	put(gpr, 8, (uint64_t)-4); /* x0: -EINTR */
	put(gpr + 8 * 8, 8, 22); /* x8: epoll_pwait */
	put(gpr + 32 * 8, 8, 0x400884);
	r = ops->restart_eintr_syscall(&rc, &before);
	CHECK(r && rc.dirty[0] && le(gpr, 8) == 0x5 &&
		      le(gpr + 32 * 8, 8) == 0x400880,
	      "restart: EINTR: x0 = the first argument, PC back on the svc");

	put(gpr, 8, (uint64_t)-4);
	put(gpr + 32 * 8, 8, 0x400884);
	rc.dirty[0] = false;
	other.pc = 0x500000;
	CHECK(!ops->restart_eintr_syscall(&rc, &other) && !rc.dirty[0],
	      "restart: another call's state is not used");
	other = before;
	other.valid = false;
	CHECK(!ops->restart_eintr_syscall(&rc, &other) &&
		      !ops->restart_eintr_syscall(&rc, NULL),
	      "restart: nothing without the state");
	put(gpr, 8, (uint64_t)-512); /* -ERESTARTSYS: the kernel's */
	CHECK(!ops->restart_eintr_syscall(&rc, &before) && !rc.dirty[0],
	      "restart: the kernel's own restarts are left alone");
}

/* SVE with a vector length of 2 quadwords (256 bits): GDB's numbering
   and sizes, the set in its FP/SIMD form and in its SVE form, and a
   write that turns the one into the other.  */
static void test_sve(void)
{
	enum { VQ = 2 };
	uint64_t features = arch_aarch64_features(8, false, VQ);
	/* Header 16, z 32 x 32, p 16 x 4, ffr 4 (to 1108), fpsr and fpcr
	   at 1120, rounded to 16: 1136, as the kernel's SVE_PT_SIZE.  */
	size_t size = a64_sve_regset_size(VQ);
	uint8_t gpr[34 * 8] = { 0 }, sve[1136], tls[8] = { 0 }, out[64], in[32];
	struct arch_regcache rc = { .buf = { gpr, sve, tls },
				    .valid = { true, true, true } };
	const struct arch_tdesc *td = check_tdesc_shape(
		features, 8, 86 + 1, 3,
		33 * 8 + 4 + 32 * 32 + 4 + 4 + 17 * 4 + 8 + 8, "aarch64");
	uint8_t hdr[16] = { 0 };

	CHECK(size == sizeof(sve), "NT_ARM_SVE for 2 quadwords: %zu bytes",
	      size);
	put(hdr + 8, 2, 32);
	CHECK(a64_sve_vq_from_header(hdr, 16) == 2 &&
		      a64_sve_vq_from_header(hdr, 8) == 0,
	      "the vector length from the set's header");
	CHECK(arch_aarch64_features(8, false, VQ) >> ARCH_AARCH64_VQ_SHIFT ==
		      VQ,
	      "features carry the vector length");
	if (!td)
		return;
	CHECK(regnum_of(td, "z0") == 34 && regnum_of(td, "fpsr") == 66 &&
		      regnum_of(td, "p0") == 68 && regnum_of(td, "ffr") == 84 &&
		      regnum_of(td, "vg") == 85 &&
		      regnum_of(td, "tpidr") == 86 &&
		      td->regs[34].bitsize == 256 && td->regs[68].bitsize == 32,
	      "sve: GDB's numbers and sizes");
	CHECK(td->regsets[1].note == NT_ARM_SVE && td->regsets[1].size == size,
	      "sve: the set is NT_ARM_SVE");
	put(gpr + 29 * 8, 8, 0xfffffffff0c0ULL);
	put(gpr + 32 * 8, 8, 0xaaaaaaaa0860ULL);
	rc.buf[1] = NULL; /* the set not fetched: the others still read */
	CHECK(rd(td, &rc, "x29") == 0xfffffffff0c0ULL &&
		      rd(td, &rc, "pc") == 0xaaaaaaaa0860ULL,
	      "sve: x29 and pc read without the SVE set");
	rc.buf[1] = sve;

	/* The FP/SIMD form: header, then struct user_fpsimd_state.  */
	memset(sve, 0, sizeof(sve));
	put(sve, 4, 16 + 528);
	put(sve + 8, 2, 32); /* vl */
	put(sve + 16 + 16 * 3, 8, 0x1122334455667788ULL); /* v3 */
	put(sve + 16 + 512, 4, 0x10); /* fpsr */
	CHECK(ops->reg_read(td, &rc, 34 + 3, out) == 32 &&
		      le(out, 8) == 0x1122334455667788ULL &&
		      le(out + 16, 8) == 0,
	      "sve: FP/SIMD form: z3 is v3, zero above");
	CHECK(rd(td, &rc, "fpsr") == 0x10 && rd(td, &rc, "p1") == 0 &&
		      rd(td, &rc, "vg") == 4,
	      "sve: FP/SIMD form: fpsr, p1 zero, vg 4");

	memset(in, 0xab, sizeof(in));
	ops->reg_write(td, &rc, 34 + 5, in);
	CHECK(rc.dirty[1] && (le(sve + 12, 2) & 1) && le(sve, 4) == size,
	      "sve: a write turns the set into its SVE form");
	CHECK(le(sve + 16 + 32 * 3, 8) == 0x1122334455667788ULL &&
		      le(sve + 16 + 32 * 5 + 24, 8) == 0xababababababababULL &&
		      le(sve + 1120, 4) == 0x10,
	      "sve: z3 and fpsr kept, z5 written in the SVE form");
	wr(td, &rc, "p2", 0x0f0f);
	CHECK(le(sve + 16 + 32 * 32 + 2 * 4, 4) == 0x0f0f &&
		      rd(td, &rc, "p2") == 0x0f0f,
	      "sve: SVE form: p2 written and read");
	put(sve + 8, 2, 48); /* the thread changed its length */
	CHECK(rd(td, &rc, "p2") == 0, "sve: another length reads as zero");
}

int main(void)
{
	ops = &arch_aarch64_ops;
	test_feature_files();
	test_numbering();
	test_registers();
	test_breakpoints();
	test_debug_registers();
	test_restart();
	test_sve();
	return UNIT_DONE();
}

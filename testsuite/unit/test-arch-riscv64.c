/* test-arch-riscv64.c - unit tests of the RISC-V 64-bit backend on any
   host: GDB's RISC-V GNU/Linux register numbers with D, F and no
   floating point (fcsr at 68, 65-67 unused), target.xml, register
   reads and writes on canned NT_PRSTATUS / NT_PRFPREG buffers (pc in
   the slot of x0, which reads as zero), the system call number,
   ebreak and c.ebreak, no single-step, and the quiet restart.  */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "arch_unit.h"
#include "riscv64.h"
#include "unit.h"

static void test_feature_files(void)
{
	static const char *const files[] = {
		"riscv-64bit-cpu.xml",
		"riscv-64bit-fpu.xml",
		"riscv-32bit-fpu.xml",
	};

	check_feature_files(files, sizeof(files) / sizeof(files[0]),
			    arch_riscv64_check_feature);
}

static void test_numbering(void)
{
	static const struct want_regnum want[] = {
		{ 8, "zero", 0 },  { 8, "ra", 1 },    { 8, "sp", 2 },
		{ 8, "fp", 8 },	   { 8, "a0", 10 },   { 8, "a7", 17 },
		{ 8, "t6", 31 },   { 8, "pc", 32 },   { 8, "ft0", 33 },
		{ 8, "fa0", 43 },  { 8, "ft11", 64 }, { 8, "fcsr", 68 },
		{ 4, "ft11", 64 }, { 4, "fcsr", 68 }, { 0, "pc", 32 },
	};
	static const struct {
		uint64_t flen;
		int nregs, nregsets;
		size_t g_size;
		const char *arch;
	} sizes[] = {
		{ 8, 69, 2, 33 * 8 + 32 * 8 + 4, "riscv:rv64id" },
		{ 4, 69, 2, 33 * 8 + 32 * 4 + 4, "riscv:rv64if" },
		{ 0, 33, 1, 33 * 8, "riscv:rv64i" },
	};

	check_regnums(want, sizeof(want) / sizeof(want[0]), 0);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		const struct arch_tdesc *td = check_tdesc_shape(
			sizes[i].flen, 0, sizes[i].nregs, sizes[i].nregsets,
			sizes[i].g_size, sizes[i].arch);

		if (!td)
			continue;
		CHECK(td->pc_regnum == 32 && td->sp_regnum == 2 &&
			      td->fp_regnum == 8,
		      "flen %d: pc 32, sp 2, fp 8", (int)sizes[i].flen);
		if (sizes[i].flen)
			CHECK(!td->regs[65].name && !td->regs[67].bitsize,
			      "flen %d: 65-67 are gaps", (int)sizes[i].flen);
	}
	CHECK(arch_riscv64_features(264) == 8 &&
		      arch_riscv64_features(132) == 4 &&
		      arch_riscv64_features(0) == 0,
	      "FLEN from the probed NT_PRFPREG size");
}

static void test_registers(void)
{
	uint8_t gpr[32 * 8], fp[33 * 8];
	struct arch_regcache rc = { .buf = { gpr, fp },
				    .valid = { true, true } };
	const char *err = NULL;
	const struct arch_tdesc *td = ops->tdesc_for(8, 264, &err);
	uint8_t out[16];

	if (!td)
		return;
	CHECK(td->regsets[0].note == NT_PRSTATUS &&
		      td->regsets[0].size == 256 &&
		      td->regsets[1].note == NT_FPREGSET &&
		      td->regsets[1].size == 264,
	      "regsets: NT_PRSTATUS 256, NT_PRFPREG 264");
	memset(gpr, 0xa5, sizeof(gpr));
	memset(fp, 0, sizeof(fp));
	put(gpr, 8, 0x2aaaaaa6b4ULL); /* pc */
	put(gpr + 2 * 8, 8, 0x3fffffe9f0ULL); /* sp */
	put(gpr + 10 * 8, 8, 0x11223344); /* a0 */
	put(gpr + 17 * 8, 8, 63); /* a7: read(2) */
	put(fp + 10 * 8, 8, 0x400921fb54442d18ULL); /* fa0: pi */
	put(fp + 32 * 8, 4, 0xe1); /* fcsr */

	CHECK(rd(td, &rc, "zero") == 0, "zero reads as 0, not the pc");
	CHECK(rd(td, &rc, "pc") == 0x2aaaaaa6b4ULL, "pc read from slot 0");
	CHECK(rd(td, &rc, "sp") == 0x3fffffe9f0ULL, "sp read");
	CHECK(rd(td, &rc, "a0") == 0x11223344, "a0 read");
	CHECK(rd(td, &rc, "fa0") == 0x400921fb54442d18ULL, "fa0 read");
	CHECK(rd(td, &rc, "fcsr") == 0xe1, "fcsr read");
	CHECK(ops->reg_read(td, &rc, 66, out) == 0, "gap 66 reads nothing");
	CHECK(ops->get_pc(&rc) == 0x2aaaaaa6b4ULL, "get_pc");
	CHECK(ops->syscall_nr(&rc) == 63, "syscall_nr is a7");

	wr(td, &rc, "zero", 0x1234);
	CHECK(le(gpr, 8) == 0x2aaaaaa6b4ULL,
	      "writing zero leaves the pc alone");
	wr(td, &rc, "fcsr", 0x20);
	CHECK(le(fp + 32 * 8, 4) == 0x20 && rc.dirty[1], "fcsr written");
	ops->set_pc(&rc, 0x2aaaaaa6b8ULL);
	CHECK(le(gpr, 8) == 0x2aaaaaa6b8ULL && rc.dirty[0], "set_pc");
	CHECK(le(gpr + 8, 8) == 0xa5a5a5a5a5a5a5a5ULL, "ra untouched");
}

static void test_breakpoints(void)
{
	size_t len = 0;
	const uint8_t *insn = ops->sw_breakpoint(4, &len);

	CHECK(insn && len == 4 && le(insn, 4) == 0x00100073,
	      "kind 4 is ebreak");
	insn = ops->sw_breakpoint(2, &len);
	CHECK(insn && len == 2 && le(insn, 2) == 0x9002, "kind 2 is c.ebreak");
	CHECK(!ops->sw_breakpoint(1, &len), "kind 1 is refused");
	CHECK(ops->decr_pc_after_break == 0, "the PC stays on ebreak");
	CHECK(!ops->has_single_step && ops->hw_slots == 0,
	      "no single-step, no hardware points");
}

static void test_restart(void)
{
	uint8_t gpr[32 * 8];
	struct arch_regcache rc = { .buf = { gpr }, .valid = { true } };
	const struct arch_syscall_state before = { true, 63, 0x3, 0x2aaaa9c2 };
	bool r;

	CHECK(ops->want_syscall_state, "restart: wants the system call state");
	memset(gpr, 0, sizeof(gpr));
	put(gpr + 10 * 8, 8, (uint64_t)-4); /* a0: -EINTR */
	put(gpr + 17 * 8, 8, 63); /* a7: read */
	put(gpr, 8, 0x2aaaa9c2);
	r = ops->restart_eintr_syscall(&rc, &before);
	CHECK(r && rc.dirty[0] && le(gpr + 10 * 8, 8) == 0x3 &&
		      le(gpr, 8) == 0x2aaaa9be,
	      "restart: EINTR: a0 = the first argument, PC back on ecall");
	put(gpr + 10 * 8, 8, (uint64_t)-512); /* -ERESTARTSYS */
	rc.dirty[0] = false;
	CHECK(!ops->restart_eintr_syscall(&rc, &before) && !rc.dirty[0],
	      "restart: the kernel's own restarts are left alone");
}

int main(void)
{
	ops = &arch_riscv64_ops;
	test_feature_files();
	test_numbering();
	test_registers();
	test_breakpoints();
	test_restart();
	return UNIT_DONE();
}

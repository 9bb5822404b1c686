/* test-arch-i386.c - unit tests of the i386 backend: GDB's i386
   GNU/Linux register numbers, the choice of feature files from XCR0
   (no segment bases), target.xml, register reads and writes on canned
   68-byte NT_PRSTATUS and NT_X86_XSTATE buffers, 32-bit PC and system
   call state, the quiet restart's eax, and the backend chosen from an
   ELF header.  */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "arch_unit.h"
#include "unit.h"
#include "x86.h"

#ifndef NT_PRXFPREG
#define NT_PRXFPREG 0x46e62b7f
#endif

static const uint32_t intel_layout[ARCH_X86_XSAVE_NCOMP] = { 0 };

#define XSTATE_LEN 2696 /* Intel layout up to PKRU */
#define GPR_LEN 68

static void test_numbering(void)
{
	static const struct {
		const char *name;
		int regnum;
	} want[] = {
		{ "eax", 0 },	 { "ecx", 1 },	     { "edx", 2 },
		{ "ebx", 3 },	 { "esp", 4 },	     { "ebp", 5 },
		{ "esi", 6 },	 { "edi", 7 },	     { "eip", 8 },
		{ "eflags", 9 }, { "cs", 10 },	     { "gs", 15 },
		{ "st0", 16 },	 { "st7", 23 },	     { "fctrl", 24 },
		{ "fop", 31 },	 { "xmm0", 32 },     { "xmm7", 39 },
		{ "mxcsr", 40 }, { "orig_eax", 41 }, { "ymm0h", 42 },
		{ "ymm7h", 49 }, { "k0", 50 },	     { "k7", 57 },
		{ "zmm0h", 58 }, { "zmm7h", 65 },    { "pkru", 66 },
	};
	const struct arch_tdesc *td;
	const char *err = NULL;

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x2e7, XSTATE_LEN, &err);
	CHECK(td != NULL, "tdesc 0x2e7: made (%s)", err ? err : "ok");
	if (!td)
		return;
	CHECK(ops->ptr_size == 4 && arch_x86_64_ops.ptr_size == 8,
	      "pointers: 4 bytes for i386 programs, 8 for x86-64 ones");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(regnum_of(td, want[i].name) == want[i].regnum,
		      "numbering: %s is %d (got %d)", want[i].name,
		      want[i].regnum, regnum_of(td, want[i].name));
	CHECK(td->pc_regnum == 8 && td->sp_regnum == 4 && td->fp_regnum == 5,
	      "numbering: pc 8, sp 4, fp 5");
	CHECK(regnum_of(td, "fs_base") < 0 && regnum_of(td, "rax") < 0 &&
		      regnum_of(td, "xmm8") < 0,
	      "numbering: no segment bases, x86-64 or upper registers");
	check_all_placed(td, "tdesc 0x2e7");

	/* A processor with MPX (an i386 kernel under qemu -cpu max):
	   gdbserver's numbers.  */
	td = ops->tdesc_for(0x21f, XSTATE_LEN, &err);
	CHECK(td && regnum_of(td, "ymm7h") == 49 &&
		      regnum_of(td, "bnd0raw") == 50 &&
		      regnum_of(td, "bndcfgu") == 54 &&
		      regnum_of(td, "bndstatus") == 55 &&
		      regnum_of(td, "pkru") == 56,
	      "numbering with MPX: bnd0raw 50, bndstatus 55, pkru 56");
}

static void test_selection(void)
{
	static const struct {
		uint64_t xcr0;
		const char *last; /* last feature file */
		int nannexes;
		size_t g_size;
	} want[] = {
		{ 0x3, "32bit-linux.xml", 4, 312 },
		{ 0x7, "32bit-avx.xml", 5, 440 },
		{ 0x207, "pkeys.xml", 6, 444 },
		{ 0xe7, "32bit-avx512.xml", 6, 760 },
		{ 0x2e7, "pkeys.xml", 7, 764 },
		{ 0x21f, "pkeys.xml", 7, 524 },
		{ 0x2ff, "pkeys.xml", 8, 844 },
	};
	const struct arch_tdesc *td, *td64;
	const char *err = NULL;

	arch_x86_set_xsave_offsets(intel_layout);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char what[32];

		snprintf(what, sizeof(what), "i386 tdesc %#llx",
			 (unsigned long long)want[i].xcr0);
		err = NULL;
		td = ops->tdesc_for(want[i].xcr0, XSTATE_LEN, &err);
		CHECK(td != NULL, "%s: made (%s)", what, err ? err : "ok");
		if (!td)
			continue;
		CHECK(strcmp(td->arch_name, "i386") == 0,
		      "%s: architecture i386", what);
		CHECK(td->nannexes == want[i].nannexes &&
			      strcmp(td->annex_names[td->nannexes - 1],
				     want[i].last) == 0,
		      "%s: %d annexes, the last %s", what, want[i].nannexes,
		      want[i].last);
		CHECK(td->g_size == want[i].g_size, "%s: g_size %zu (want %zu)",
		      what, td->g_size, want[i].g_size);
		CHECK(td->nregsets == 2 && td->regsets[0].note == NT_PRSTATUS &&
			      td->regsets[0].size == GPR_LEN &&
			      td->regsets[1].note == NT_X86_XSTATE &&
			      td->regsets[1].size == XSTATE_LEN,
		      "%s: regsets NT_PRSTATUS 68, NT_X86_XSTATE %d", what,
		      XSTATE_LEN);
		check_target_xml(td, what, "i386");
		CHECK(ops->tdesc_for(want[i].xcr0, XSTATE_LEN, &err) == td,
		      "%s: cached", what);
		td64 = arch_x86_64_ops.tdesc_for(want[i].xcr0, XSTATE_LEN,
						 &err);
		CHECK(td64 && td64 != td, "%s: not x86-64's", what);
	}

	/* No XSAVE: the FXSAVE format is NT_PRXFPREG for i386.  */
	td = ops->tdesc_for(0x3, 0, &err);
	CHECK(td && td->regsets[1].note == NT_PRXFPREG &&
		      td->regsets[1].size == 512 && td->nannexes == 4 &&
		      td->regs[40].xstate_bit == -1,
	      "i386 tdesc without XSAVE: NT_PRXFPREG, no XSTATE_BV");
}

static void test_gpr(void)
{
	uint8_t gpr[GPR_LEN], fp[XSTATE_LEN];
	struct arch_regcache rc = { .buf = { gpr, fp },
				    .valid = { true, true } };
	const struct arch_tdesc *td;
	const char *err = NULL;

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x2e7, XSTATE_LEN, &err);
	if (!td)
		return;
	memset(gpr, 0xa5, sizeof(gpr));
	memset(fp, 0, sizeof(fp));
	/* ebx ecx edx esi edi ebp eax xds xes xfs xgs orig_eax eip xcs
	   eflags esp xss */
	put(gpr + 0, 4, 0xb0b0b0b0); /* ebx */
	put(gpr + 4, 4, 0xc0c0c0c0); /* ecx */
	put(gpr + 24, 4, 0x11223344); /* eax */
	put(gpr + 40, 4, 0x63); /* xgs */
	put(gpr + 44, 4, 0xaf); /* orig_eax */
	put(gpr + 48, 4, 0x8049000); /* eip */
	put(gpr + 56, 4, 0x246); /* eflags */
	put(gpr + 60, 4, 0xffffd6f0); /* esp */

	CHECK(rd(td, &rc, "eax") == 0x11223344, "gpr: eax read");
	CHECK(rd(td, &rc, "ebx") == 0xb0b0b0b0, "gpr: ebx read");
	CHECK(rd(td, &rc, "ecx") == 0xc0c0c0c0, "gpr: ecx read");
	CHECK(rd(td, &rc, "esp") == 0xffffd6f0, "gpr: esp read");
	CHECK(rd(td, &rc, "eip") == 0x8049000, "gpr: eip read");
	CHECK(rd(td, &rc, "eflags") == 0x246, "gpr: eflags read");
	CHECK(rd(td, &rc, "gs") == 0x63, "gpr: gs read");
	CHECK(rd(td, &rc, "orig_eax") == 0xaf, "gpr: orig_eax read");
	CHECK(ops->get_pc(&rc) == 0x8049000, "gpr: get_pc");
	CHECK(ops->syscall_nr(&rc) == 0xaf, "gpr: syscall_nr");

	wr(td, &rc, "eax", 0x88776655);
	CHECK(le(gpr + 24, 4) == 0x88776655 && rc.dirty[0] && !rc.dirty[1],
	      "gpr: eax written, NT_PRSTATUS dirty");
	CHECK(le(gpr + 20, 4) == 0xa5a5a5a5 && le(gpr + 28, 4) == 0xa5a5a5a5,
	      "gpr: neighbours untouched");
	ops->set_pc(&rc, 0x8049123);
	CHECK(le(gpr + 48, 4) == 0x8049123 && le(gpr + 52, 4) == 0xa5a5a5a5,
	      "gpr: set_pc writes 4 bytes");
	ops->cancel_syscall_restart(&rc);
	CHECK(le(gpr + 44, 4) == 0xffffffff && ops->syscall_nr(&rc) == -1,
	      "gpr: orig_eax = -1, syscall_nr -1");

	/* xmm7 in the legacy region, ymm7h in component 2.  */
	put(fp + 512, 8, 0x7); /* XSTATE_BV: x87, SSE, AVX */
	put(fp + 160 + 7 * 16, 4, 0x77777777);
	put(fp + 576 + 7 * 16, 4, 0x70707070);
	CHECK(rd(td, &rc, "xmm7") == 0x77777777, "xstate: xmm7 read");
	CHECK(rd(td, &rc, "ymm7h") == 0x70707070, "xstate: ymm7h read");
	put(fp + 512, 8, 0x3);
	CHECK(rd(td, &rc, "ymm7h") == 0, "xstate: ymm7h in init state is 0");
	CHECK(rd(td, &rc, "k0") == 0, "xstate: k0 in init state is 0");
}

static void test_rewind(void)
{
	uint8_t gpr[GPR_LEN];
	struct arch_regcache rc = { .buf = { gpr }, .valid = { true } };
	struct {
		const char *name;
		uint32_t eax, orig_eax;
		bool restarted;
	} cases[] = {
		{ "EINTR from epoll_wait", (uint32_t)-4, 256, true },
		{ "not in a system call", (uint32_t)-4, (uint32_t)-1, false },
		{ "a normal return", 4, 256, false },
		{ "-ERESTARTSYS is the kernel's", (uint32_t)-512, 256, false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(gpr, 0, sizeof(gpr));
		put(gpr + 24, 4, cases[i].eax);
		put(gpr + 44, 4, cases[i].orig_eax);
		rc.dirty[0] = false;
		bool r = ops->restart_eintr_syscall(&rc, NULL);

		if (cases[i].restarted)
			CHECK(r && rc.dirty[0] &&
				      le(gpr + 24, 4) == (uint32_t)-514 &&
				      le(gpr + 44, 4) == cases[i].orig_eax,
			      "restart: %s: eax = -ERESTARTNOHAND",
			      cases[i].name);
		else
			CHECK(!r && !rc.dirty[0] &&
				      le(gpr + 24, 4) == cases[i].eax,
			      "restart: %s: left alone", cases[i].name);
	}
}

static void test_choice(void)
{
	CHECK(arch_for_elf(ELFCLASS32, EM_386) == &arch_i386_ops,
	      "choice: ELFCLASS32 EM_386 is i386");
#if defined(__x86_64__)
	CHECK(arch_for_elf(ELFCLASS64, EM_X86_64) == &arch_x86_64_ops,
	      "choice: ELFCLASS64 EM_X86_64 is x86-64");
#else
	CHECK(arch_for_elf(ELFCLASS64, EM_X86_64) == NULL,
	      "choice: a 32-bit quietstub has no 64-bit backend");
#endif
	CHECK(arch_for_elf(ELFCLASS32, EM_X86_64) == NULL,
	      "choice: x32 has no backend");
	CHECK(arch_for_elf(ELFCLASS64, EM_AARCH64) == NULL,
	      "choice: aarch64 is not served by an x86 build");
	CHECK(ops->sw_breakpoint(1, &(size_t){ 0 }) != NULL &&
		      ops->decr_pc_after_break == 1 && ops->hw_slots == 4,
	      "choice: int3, PC after it, four debug registers");
}

int main(void)
{
	ops = &arch_i386_ops;
	test_numbering();
	test_selection();
	arch_x86_set_xsave_offsets(intel_layout);
	check_without_xml("i386", 0x2ff, XSTATE_LEN, 312);
	test_gpr();
	test_rewind();
	test_choice();
	return UNIT_DONE();
}

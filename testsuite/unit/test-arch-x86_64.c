/* test-arch-x86_64.c - unit tests of the x86-64 backend and of the
   feature XML reader: the feature files parse and every register has a
   place, GDB's amd64 GNU/Linux register numbers, target.xml, register
   reads and writes on canned NT_PRSTATUS / NT_X86_XSTATE buffers (x87
   tag and opcode conversions, XSAVE init states), the choice of
   description from XCR0, and a check against this CPU's own XSAVE
   area.  */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "feature_files.h"
#include "regs_write.h"
#include "tdesc.h"
#include "arch_unit.h"
#include "unit.h"
#include "x86.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

static const uint32_t intel_layout[ARCH_X86_XSAVE_NCOMP] = { 0 };

#define XSTATE_LEN 2696 /* Intel layout up to PKRU */

static void test_feature_files(void)
{
	/* Both x86 backends' files: each must be placeable by the
	   backends that use it (mpx.xml and pkeys.xml by both).  */
	static const struct {
		const char *file, *feature;
		int nregs;
		bool for_x86_64, for_i386;
	} want[] = {
		{ "64bit-core.xml", "org.gnu.gdb.i386.core", 40, true, false },
		{ "64bit-sse.xml", "org.gnu.gdb.i386.sse", 17, true, false },
		{ "64bit-linux.xml", "org.gnu.gdb.i386.linux", 1, true, false },
		{ "64bit-segments.xml", "org.gnu.gdb.i386.segments", 2, true,
		  false },
		{ "64bit-avx.xml", "org.gnu.gdb.i386.avx", 16, true, false },
		{ "64bit-avx512.xml", "org.gnu.gdb.i386.avx512", 72, true,
		  false },
		{ "mpx.xml", "org.gnu.gdb.i386.mpx", 6, true, true },
		{ "pkeys.xml", "org.gnu.gdb.i386.pkeys", 1, true, true },
		{ "32bit-core.xml", "org.gnu.gdb.i386.core", 32, false, true },
		{ "32bit-sse.xml", "org.gnu.gdb.i386.sse", 9, false, true },
		{ "32bit-linux.xml", "org.gnu.gdb.i386.linux", 1, false, true },
		{ "32bit-avx.xml", "org.gnu.gdb.i386.avx", 8, false, true },
		{ "32bit-avx512.xml", "org.gnu.gdb.i386.avx512", 16, false,
		  true },
	};

	CHECK(arch_feature_file_count >= sizeof(want) / sizeof(want[0]),
	      "feature files: %zu built in", arch_feature_file_count);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *text = arch_feature_file(want[i].file);
		struct tdesc_feature f;
		char *err = NULL;
		int next = 0;

		CHECK(text != NULL, "feature %s: built in", want[i].file);
		if (!text)
			continue;
		CHECK(tdesc_parse_feature(want[i].file, text, &next, &f,
					  &err) == 0,
		      "feature %s: parses (%s)", want[i].file,
		      err ? err : "ok");
		free(err);
		err = NULL;
		CHECK(f.name && strcmp(f.name, want[i].feature) == 0,
		      "feature %s: named %s", want[i].file, want[i].feature);
		CHECK(f.nregs == want[i].nregs, "feature %s: %d registers",
		      want[i].file, want[i].nregs);
		tdesc_feature_free(&f);
		if (want[i].for_x86_64) {
			CHECK(arch_x86_64_check_feature(want[i].file, text,
							&err) == 0,
			      "feature %s: every register placed for x86-64 "
			      "(%s)",
			      want[i].file, err ? err : "ok");
			free(err);
			err = NULL;
		}
		if (want[i].for_i386) {
			CHECK(arch_i386_check_feature(want[i].file, text,
						      &err) == 0,
			      "feature %s: every register placed for i386 (%s)",
			      want[i].file, err ? err : "ok");
			free(err);
		}
	}
}

static void test_bad_features(void)
{
	static const struct {
		const char *what, *xml, *msg;
		bool parse_ok; /* parses, but cannot be placed */
	} bad[] = {
		{ "unplaceable register",
		  "<feature name=\"x\"><reg name=\"rax2\" bitsize=\"64\"/>"
		  "</feature>",
		  "rax2", true },
		{ "wrong size",
		  "<feature name=\"x\"><reg name=\"rip\" bitsize=\"32\"/>"
		  "</feature>",
		  "32 bits", true },
		{ "index out of range",
		  "<feature name=\"x\"><reg name=\"xmm32\" bitsize=\"128\"/>"
		  "</feature>",
		  "xmm32", true },
		{ "leading zero",
		  "<feature name=\"x\"><reg name=\"st01\" bitsize=\"80\"/>"
		  "</feature>",
		  "st01", true },
		{ "malformed XML",
		  "<feature name=\"x\">\n<reg name=\"rax\" bitsize=\"64\">"
		  "</feature>",
		  "bad.xml:2:", false },
		{ "unknown type",
		  "<feature name=\"x\"><reg name=\"rax\" bitsize=\"64\" "
		  "type=\"vec999\"/></feature>",
		  "unknown type", false },
		{ "unknown element",
		  "<feature name=\"x\"><register name=\"rax\"/></feature>",
		  "<register>", false },
		{ "bad bitsize",
		  "<feature name=\"x\"><reg name=\"rax\" bitsize=\"6x4\"/>"
		  "</feature>",
		  "6x4", false },
		{ "missing bitsize",
		  "<feature name=\"x\"><reg name=\"rax\"/></feature>",
		  "bitsize", false },
		{ "wrong root", "<target/>", "<target>", false },
		{ "duplicate register",
		  "<feature name=\"x\"><reg name=\"rax\" bitsize=\"64\"/>"
		  "<reg name=\"rax\" bitsize=\"64\"/></feature>",
		  "twice", false },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tdesc_feature f;
		char *err = NULL;
		int next = 0, r;

		r = tdesc_parse_feature("bad.xml", bad[i].xml, &next, &f, &err);
		CHECK((r == 0) == bad[i].parse_ok, "bad feature (%s): parse %s",
		      bad[i].what, bad[i].parse_ok ? "succeeds" : "fails");
		if (r == 0)
			tdesc_feature_free(&f);
		free(err);
		err = NULL;
		r = arch_x86_64_check_feature("bad.xml", bad[i].xml, &err);
		CHECK(r != 0 && err && strstr(err, bad[i].msg),
		      "bad feature (%s): rejected with \"%s\"", bad[i].what,
		      err ? err : "(no message)");
		free(err);
	}
}

static void test_numbering(void)
{
	static const struct {
		const char *name;
		int regnum;
	} want[] = {
		{ "rax", 0 },	   { "rsp", 7 },      { "r15", 15 },
		{ "rip", 16 },	   { "eflags", 17 },  { "gs", 23 },
		{ "st0", 24 },	   { "st7", 31 },     { "fctrl", 32 },
		{ "ftag", 34 },	   { "fop", 39 },     { "xmm0", 40 },
		{ "xmm15", 55 },   { "mxcsr", 56 },   { "orig_rax", 57 },
		{ "fs_base", 58 }, { "gs_base", 59 }, { "ymm0h", 60 },
		{ "ymm15h", 75 },  { "xmm16", 76 },   { "ymm16h", 92 },
		{ "k0", 108 },	   { "zmm0h", 116 },  { "zmm31h", 147 },
		{ "pkru", 148 },
	};
	const struct arch_tdesc *td;
	const char *err = NULL;

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x2e7, XSTATE_LEN, &err);
	CHECK(td != NULL, "tdesc 0x2e7: made (%s)", err ? err : "ok");
	if (!td)
		return;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(regnum_of(td, want[i].name) == want[i].regnum,
		      "numbering: %s is %d (got %d)", want[i].name,
		      want[i].regnum, regnum_of(td, want[i].name));
	CHECK(td->pc_regnum == 16 && td->sp_regnum == 7 && td->fp_regnum == 6,
	      "numbering: pc 16, sp 7, fp 6");

	check_all_placed(td, "tdesc 0x2e7");
}

static void test_selection(void)
{
	static const struct {
		uint64_t xcr0;
		const char *last; /* last feature file */
		int nannexes;
		size_t g_size;
	} want[] = {
		{ 0x7, "64bit-avx.xml", 6, 816 },
		{ 0x207, "pkeys.xml", 7, 820 },
		{ 0xe7, "64bit-avx512.xml", 7, 2416 },
		{ 0x2e7, "pkeys.xml", 8, 2420 },
		{ 0x3, "64bit-segments.xml", 5, 560 },
		/* MPX (bits 3 and 4) between AVX and AVX-512.  */
		{ 0x21f, "pkeys.xml", 8, 900 },
		{ 0x2ff, "pkeys.xml", 9, 2500 },
		/* AVX-512 without AVX is nothing GDB would accept.  */
		{ 0x2e3, "pkeys.xml", 6, 564 },
	};
	const struct arch_tdesc *td, *again;
	const char *err = NULL;

	arch_x86_set_xsave_offsets(intel_layout);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char what[32];
		size_t sum = 0;

		snprintf(what, sizeof(what), "tdesc %#llx",
			 (unsigned long long)want[i].xcr0);
		err = NULL;
		td = ops->tdesc_for(want[i].xcr0, XSTATE_LEN, &err);
		CHECK(td != NULL, "%s: made (%s)", what, err ? err : "ok");
		if (!td)
			continue;
		CHECK(td->nannexes == want[i].nannexes &&
			      strcmp(td->annex_names[td->nannexes - 1],
				     want[i].last) == 0,
		      "%s: %d annexes, the last %s", what, want[i].nannexes,
		      want[i].last);
		for (int r = 0; r < td->nregs; r++)
			sum += td->regs[r].bitsize / 8;
		CHECK(td->g_size == sum && sum == want[i].g_size,
		      "%s: g_size %zu (sum %zu, want %zu)", what, td->g_size,
		      sum, want[i].g_size);
		CHECK(td->nregsets == 2 && td->regsets[0].note == NT_PRSTATUS &&
			      td->regsets[0].size == 216 &&
			      td->regsets[1].note == NT_X86_XSTATE &&
			      td->regsets[1].size == XSTATE_LEN,
		      "%s: regsets NT_PRSTATUS 216, NT_X86_XSTATE %d", what,
		      XSTATE_LEN);
		check_target_xml(td, what, "i386:x86-64");
		again = ops->tdesc_for(want[i].xcr0, XSTATE_LEN, &err);
		CHECK(again == td, "%s: cached", what);
	}

	/* No XSAVE at all: the FXSAVE regset.  */
	td = ops->tdesc_for(0x3, 0, &err);
	CHECK(td && td->regsets[1].note == NT_PRFPREG &&
		      td->regsets[1].size == 512 && td->nannexes == 5 &&
		      regnum_of(td, "mxcsr") == 56 &&
		      td->regs[56].xstate_bit == -1,
	      "tdesc without XSAVE: NT_PRFPREG, no XSTATE_BV");

	/* The XSAVE buffer must hold every component described.  */
	err = NULL;
	td = ops->tdesc_for(0x207, 2440, &err);
	CHECK(!td && err && strstr(err, "component 9"),
	      "tdesc 0x207 in 2440 bytes with PKRU at 2688: refused (%s)",
	      err ? err : "no message");
	err = NULL;
	CHECK(!ops->tdesc_for(0x207, 2440, &err) && err,
	      "tdesc refusal: cached with its message");
	{
		uint32_t amd[ARCH_X86_XSAVE_NCOMP] = { [9] = 2432 };

		arch_x86_set_xsave_offsets(amd);
		err = NULL;
		td = ops->tdesc_for(0x207, 2440, &err);
		CHECK(td && td->regs[regnum_of(td, "pkru")].offset == 2432,
		      "tdesc 0x207, PKRU at 2432 (AMD Zen 3): pkru at 2432");
		arch_x86_set_xsave_offsets(intel_layout);
	}
}

static void test_gpr(void)
{
	uint8_t gpr[216], fp[XSTATE_LEN];
	struct arch_regcache rc = { .buf = { gpr, fp },
				    .valid = { true, true } };
	const struct arch_tdesc *td;
	const char *err = NULL;
	uint8_t out[16];

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x2e7, XSTATE_LEN, &err);
	if (!td)
		return;
	memset(gpr, 0xa5, sizeof(gpr));
	memset(fp, 0, sizeof(fp));
	put(gpr + 80, 8, 0x1122334455667788ULL); /* rax */
	put(gpr + 0, 8, 0x0f0f0f0f0f0f0f0fULL); /* r15 */
	put(gpr + 128, 8, 0x401000); /* rip */
	put(gpr + 144, 8, 0xdeadbeef00000246ULL); /* eflags */
	put(gpr + 136, 8, 0x33); /* cs */
	put(gpr + 120, 8, 0xe7); /* orig_rax */
	put(gpr + 168, 8, 0x7ffff7d8a740ULL); /* fs_base */

	CHECK(rd(td, &rc, "rax") == 0x1122334455667788ULL, "gpr: rax read");
	CHECK(rd(td, &rc, "r15") == 0x0f0f0f0f0f0f0f0fULL, "gpr: r15 read");
	CHECK(rd(td, &rc, "rip") == 0x401000, "gpr: rip read");
	CHECK(ops->reg_read(td, &rc, 17, out) == 4 && le(out, 4) == 0x246,
	      "gpr: eflags is 4 bytes, 0x246");
	CHECK(rd(td, &rc, "cs") == 0x33, "gpr: cs read");
	CHECK(rd(td, &rc, "orig_rax") == 0xe7, "gpr: orig_rax read");
	CHECK(rd(td, &rc, "fs_base") == 0x7ffff7d8a740ULL, "gpr: fs_base");
	CHECK(ops->get_pc(&rc) == 0x401000, "gpr: get_pc");

	wr(td, &rc, "rax", 0x8877665544332211ULL);
	CHECK(le(gpr + 80, 8) == 0x8877665544332211ULL && rc.dirty[0] &&
		      !rc.dirty[1],
	      "gpr: rax written, NT_PRSTATUS dirty");
	wr(td, &rc, "eflags", 0x202);
	CHECK(le(gpr + 144, 8) == 0x202, "gpr: eflags write zero-extends");
	wr(td, &rc, "gs", 0xffff002b);
	CHECK(le(gpr + 208, 8) == 0xffff002b, "gpr: gs write zero-extends");
	CHECK(le(gpr + 152, 8) == 0xa5a5a5a5a5a5a5a5ULL,
	      "gpr: neighbours untouched");

	ops->set_pc(&rc, 0x401234);
	CHECK(le(gpr + 128, 8) == 0x401234 && rd(td, &rc, "rip") == 0x401234,
	      "gpr: set_pc");
	ops->cancel_syscall_restart(&rc);
	CHECK(le(gpr + 120, 8) == UINT64_MAX, "gpr: orig_rax = -1");

	rc.valid[0] = false;
	CHECK(ops->reg_read(td, &rc, 0, out) == 0,
	      "gpr: invalid regset reads nothing");
	CHECK(ops->reg_read(td, &rc, td->nregs, out) == 0,
	      "gpr: bad register number reads nothing");
}

/* A 'G' or 'P' packet's bytes into the cache (regs_write.c).  */
static void test_packet_writes(void)
{
	uint8_t gpr[216], fp[XSTATE_LEN], g[4096];
	struct arch_regcache rc = { .buf = { gpr, fp },
				    .valid = { true, true } };
	const struct arch_tdesc *td;
	const char *err = NULL;
	uint8_t rip[8];
	int rbx;

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x2e7, XSTATE_LEN, &err);
	CHECK(td && td->g_size <= sizeof(g), "G: description of %zu bytes",
	      td ? td->g_size : 0);
	if (!td || td->g_size > sizeof(g))
		return;
	rbx = regnum_of(td, "rbx");
	memset(gpr, 0xa5, sizeof(gpr));
	memset(fp, 0, sizeof(fp));
	put(gpr + 120, 8, 0xe7); /* orig_rax */
	memset(g, 0, sizeof(g));
	put(g, 8, 0x1111);
	put(g + 8, 8, 0x2222);
	/* A 'G' that stops inside rbx writes rax alone.  */
	regs_write(ops, td, &rc, -1, g, 12);
	CHECK(rd(td, &rc, "rax") == 0x1111 &&
		      le(gpr + 40, 8) == 0xa5a5a5a5a5a5a5a5ULL,
	      "G: a short G writes the registers it covers, no more");
	CHECK(rd(td, &rc, "orig_rax") == 0xe7,
	      "G: leaves the system call restart alone");
	regs_write(ops, td, &rc, -1, g, td->g_size);
	CHECK(rd(td, &rc, "rbx") == 0x2222 && rd(td, &rc, "rcx") == 0,
	      "G: a whole G writes every register");
	put(rip, 8, 0x401000);
	CHECK(regs_write_valid(td, (unsigned long)td->pc_regnum, 8) &&
		      !regs_write_valid(td, (unsigned long)td->pc_regnum, 4) &&
		      !regs_write_valid(td, (unsigned long)td->nregs, 8),
	      "P: valid for a register at its size only");
	put(gpr + 120, 8, 0xe7);
	regs_write(ops, td, &rc, rbx, g, 8);
	CHECK(rd(td, &rc, "rbx") == 0x1111 && rd(td, &rc, "orig_rax") == 0xe7,
	      "P: writes one register");
	regs_write(ops, td, &rc, td->pc_regnum, rip, 8);
	CHECK(rd(td, &rc, "rip") == 0x401000 && le(gpr + 120, 8) == UINT64_MAX,
	      "P: the pc moved, no system call restart");
}

/* 80-bit values: significand (with the integer bit), sign+exponent.  */
static void put_st(uint8_t *fp, int i, uint64_t mant, unsigned int sexp)
{
	put(fp + 32 + 16 * i, 8, mant);
	put(fp + 32 + 16 * i + 8, 2, sexp);
}

static void test_xstate(void)
{
	uint8_t gpr[216] = { 0 }, fp[XSTATE_LEN], out[64], in[64];
	struct arch_regcache rc = { .buf = { gpr, fp },
				    .valid = { true, true } };
	const struct arch_tdesc *td;
	const char *err = NULL;
	bool ok;

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x2e7, XSTATE_LEN, &err);
	if (!td)
		return;
	memset(fp, 0, sizeof(fp));
	put(fp + 464, 8, 0x2e7);
	put(fp + 512, 8, 0x2e7);
	CHECK(ops->features_from_probe(fp, sizeof(fp), NULL) == 0x2e7,
	      "xstate: XCR0 from byte 464");
	CHECK(ops->features_from_probe(fp, 100, NULL) == 0x3,
	      "xstate: short probe means x87+SSE");

	/* x87: top = 6, so st0 is physical 6, st1 7, st2 0, st3 1.  */
	put(fp + 0, 2, 0x037f); /* fcw */
	put(fp + 2, 2, 6 << 11 | 0x20); /* fsw */
	fp[4] = 0xc3; /* phys 0, 1, 6, 7 in use */
	put(fp + 6, 2, 0xf9d5); /* fop with junk high bits */
	put(fp + 8, 4, 0x401000); /* fip */
	put(fp + 12, 2, 0x33); /* fcs */
	put(fp + 16, 4, 0x7fffe000); /* fdp */
	put(fp + 20, 2, 0x2b); /* fds */
	put(fp + 24, 4, 0x1fa0); /* mxcsr */
	put_st(fp, 0, 0x8000000000000000ULL, 0x3fff); /* 1.0: valid */
	put_st(fp, 1, 0xa000000000000000ULL, 0xc000); /* -2.5: valid */
	put_st(fp, 2, 0, 0); /* +0: zero */
	put_st(fp, 3, 0x8000000000000000ULL, 0x7fff); /* inf: special */
	put_st(fp, 4, 0x1234, 0); /* denormal, empty */

	CHECK(ops->reg_read(td, &rc, 24, out) == 10 &&
		      le(out, 8) == 0x8000000000000000ULL &&
		      le(out + 8, 2) == 0x3fff,
	      "x87: st0 = 1.0 (80 bits)");
	CHECK(rd(td, &rc, "fctrl") == 0x037f, "x87: fctrl");
	CHECK(rd(td, &rc, "fstat") == 0x3020, "x87: fstat");
	CHECK(rd(td, &rc, "ftag") == 0x0ff9,
	      "x87: ftag 0x0ff9 from abridged 0xc3 (got %#llx)",
	      (unsigned long long)rd(td, &rc, "ftag"));
	CHECK(rd(td, &rc, "fop") == 0x1d5, "x87: fop is 11 bits");
	CHECK(rd(td, &rc, "fioff") == 0x401000 && rd(td, &rc, "fiseg") == 0x33,
	      "x87: fioff/fiseg");
	CHECK(rd(td, &rc, "fooff") == 0x7fffe000 &&
		      rd(td, &rc, "foseg") == 0x2b,
	      "x87: fooff/foseg");
	CHECK(rd(td, &rc, "mxcsr") == 0x1fa0, "sse: mxcsr");

	/* Denormal and unnormal are special; pseudo-zero too.  */
	fp[4] = 0xff;
	put_st(fp, 4, 0x8000000000000000ULL, 0x0001); /* smallest normal */
	put_st(fp, 5, 0x4000000000000000ULL, 0x3fff); /* unnormal */
	put_st(fp, 6, 0x8000000000000000ULL, 0x0000); /* pseudo-denormal */
	put_st(fp, 7, 0xc000000000000000ULL, 0xffff); /* -NaN */
	/* phys 2..5 hold st4..st7: valid, special, special, special.  */
	CHECK(rd(td, &rc, "ftag") == (1 | 2 << 2 | 0 << 4 | 2 << 6 | 2 << 8 |
				      2 << 10 | 0 << 12 | 0 << 14),
	      "x87: ftag classifies zero/valid/special (got %#llx)",
	      (unsigned long long)rd(td, &rc, "ftag"));

	wr(td, &rc, "ftag", 0xffff);
	CHECK(fp[4] == 0, "x87: ftag 0xffff writes abridged 0");
	wr(td, &rc, "ftag", 0x0ff9);
	CHECK(fp[4] == 0xc3, "x87: ftag 0x0ff9 writes abridged 0xc3");
	wr(td, &rc, "ftag", 0x3fff);
	CHECK(fp[4] == 0x80, "x87: ftag with only physical 7 in use");
	wr(td, &rc, "fop", 0x123);
	CHECK(le(fp + 6, 2) == 0xf923, "x87: fop write keeps the upper 5 bits");
	wr(td, &rc, "fctrl", 0x1234037f);
	CHECK(le(fp, 2) == 0x037f && le(fp + 2, 2) == 0x3020,
	      "x87: fctrl write truncates to 16 bits");
	put_st(fp, 0, 0, 0);
	memset(in, 0, sizeof(in));
	put(in, 8, 0xc90fdaa22168c235ULL);
	put(in + 8, 2, 0x4000); /* pi */
	ops->reg_write(td, &rc, 24, in);
	CHECK(le(fp + 32, 8) == 0xc90fdaa22168c235ULL &&
		      le(fp + 40, 2) == 0x4000 && le(fp + 42, 6) == 0,
	      "x87: st0 write (10 bytes)");

	/* Vector registers, Intel layout.  */
	for (int i = 0; i < 16; i++) {
		fp[160 + 16 * 3 + i] = 0x30 + i; /* xmm3 */
		fp[576 + 16 * 3 + i] = 0x60 + i; /* ymm3h */
		fp[1664 + 64 * 2 + i] = 0x90 + i; /* xmm18 */
		fp[1680 + 64 * 2 + i] = 0xa0 + i; /* ymm18h */
	}
	for (int i = 0; i < 32; i++) {
		fp[1152 + 32 * 5 + i] = i; /* zmm5h */
		fp[1696 + 64 * 2 + i] = 0xc0 + i; /* zmm18h */
	}
	put(fp + 1088 + 8 * 4, 8, 0xffff0000ffffULL); /* k4 */
	put(fp + 2688, 8, 0xdead55555554ULL); /* pkru */
	ok = ops->reg_read(td, &rc, regnum_of(td, "xmm3"), out) == 16;
	for (int i = 0; i < 16; i++)
		ok &= out[i] == 0x30 + i;
	CHECK(ok, "sse: xmm3 read");
	ok = ops->reg_read(td, &rc, regnum_of(td, "ymm3h"), out) == 16;
	for (int i = 0; i < 16; i++)
		ok &= out[i] == 0x60 + i;
	CHECK(ok, "avx: ymm3h read from offset 576");
	ok = ops->reg_read(td, &rc, regnum_of(td, "xmm18"), out) == 16;
	for (int i = 0; i < 16; i++)
		ok &= out[i] == 0x90 + i;
	ok &= ops->reg_read(td, &rc, regnum_of(td, "ymm18h"), out) == 16;
	for (int i = 0; i < 16; i++)
		ok &= out[i] == 0xa0 + i;
	ok &= ops->reg_read(td, &rc, regnum_of(td, "zmm18h"), out) == 32;
	for (int i = 0; i < 32; i++)
		ok &= out[i] == 0xc0 + i;
	CHECK(ok, "avx512: xmm18, ymm18h, zmm18h from Hi16_ZMM");
	ok = ops->reg_read(td, &rc, regnum_of(td, "zmm5h"), out) == 32;
	for (int i = 0; i < 32; i++)
		ok &= out[i] == i;
	CHECK(ok, "avx512: zmm5h from ZMM_Hi256");
	CHECK(rd(td, &rc, "k4") == 0xffff0000ffffULL, "avx512: k4");
	CHECK(ops->reg_read(td, &rc, regnum_of(td, "pkru"), out) == 4 &&
		      le(out, 4) == 0x55555554,
	      "pkeys: pkru is the low 4 bytes at 2688");

	memset(in, 0x77, 32);
	ops->reg_write(td, &rc, regnum_of(td, "ymm15h"), in);
	CHECK(fp[576 + 16 * 15] == 0x77 && fp[576 + 16 * 15 + 15] == 0x77 &&
		      fp[576 + 16 * 16] == 0,
	      "avx: ymm15h write");
	ops->reg_write(td, &rc, regnum_of(td, "zmm31h"), in);
	CHECK(fp[1664 + 64 * 15 + 32] == 0x77 &&
		      fp[1664 + 64 * 15 + 63] == 0x77 &&
		      fp[1664 + 64 * 15 + 31] == 0,
	      "avx512: zmm31h write");
	CHECK(rc.dirty[1] && !rc.dirty[0], "xstate: NT_X86_XSTATE dirty");

	/* Components in their init state.  */
	put(fp + 512, 8, 0);
	CHECK(ops->reg_read(td, &rc, 24, out) == 10 && le(out, 8) == 0 &&
		      le(out + 8, 2) == 0,
	      "init: st0 reads 0 with XSTATE_BV clear");
	CHECK(rd(td, &rc, "fctrl") == 0x037f && rd(td, &rc, "fstat") == 0 &&
		      rd(td, &rc, "ftag") == 0xffff &&
		      rd(td, &rc, "fop") == 0 && rd(td, &rc, "fioff") == 0,
	      "init: fctrl 0x037f, fstat 0, ftag 0xffff, fop 0, fioff 0");
	CHECK(rd(td, &rc, "mxcsr") == 0x1f80, "init: mxcsr 0x1f80");
	CHECK(rd(td, &rc, "xmm3") == 0 && rd(td, &rc, "ymm3h") == 0 &&
		      rd(td, &rc, "xmm18") == 0 && rd(td, &rc, "zmm5h") == 0 &&
		      rd(td, &rc, "k4") == 0 && rd(td, &rc, "pkru") == 0,
	      "init: vector, opmask and pkru registers read 0");
	put(fp + 512, 8, ARCH_X86_XSTATE_AVX);
	CHECK(rd(td, &rc, "mxcsr") == 0x1fa0 && rd(td, &rc, "xmm3") == 0,
	      "init: mxcsr live with AVX alone, xmm still init");

	/* Writing a register of a component in its init state first puts
	   the component's init state in the buffer, then sets the bit.  */
	put(fp + 512, 8, 0);
	memset(in, 0x11, 16);
	ops->reg_write(td, &rc, regnum_of(td, "xmm1"), in);
	CHECK(le(fp + 512, 8) == ARCH_X86_XSTATE_SSE,
	      "init write: xmm1 sets the SSE bit");
	CHECK(fp[160 + 16 * 3] == 0 && fp[160 + 16] == 0x11 &&
		      le(fp + 24, 4) == 0x1f80,
	      "init write: other xmm zeroed, mxcsr 0x1f80 in the buffer");
	CHECK(rd(td, &rc, "xmm3") == 0 && rd(td, &rc, "mxcsr") == 0x1f80,
	      "init write: xmm3 and mxcsr read their init values");
	wr(td, &rc, "fctrl", 0x027f);
	CHECK(le(fp + 512, 8) == (ARCH_X86_XSTATE_SSE | ARCH_X86_XSTATE_X87) &&
		      le(fp, 2) == 0x027f && fp[4] == 0 &&
		      le(fp + 40, 2) == 0 && le(fp + 6, 2) == 0,
	      "init write: fctrl sets the x87 bit, x87 state reset");
	CHECK(rd(td, &rc, "ftag") == 0xffff && rd(td, &rc, "fctrl") == 0x027f,
	      "init write: ftag all empty, fctrl as written");
	wr(td, &rc, "pkru", 0x55555550);
	CHECK(le(fp + 512, 8) & ARCH_X86_XSTATE_PKRU &&
		      le(fp + 2688, 8) == 0x55555550,
	      "init write: pkru sets bit 9, upper half zeroed");
	put(fp + 512, 8, 0);
	wr(td, &rc, "mxcsr", 0x1f00);
	CHECK(le(fp + 512, 8) == ARCH_X86_XSTATE_SSE &&
		      le(fp + 24, 4) == 0x1f00,
	      "init write: mxcsr sets the SSE bit");
	put(fp + 512, 8, 0);
	wr(td, &rc, "k1", 5);
	CHECK(le(fp + 512, 8) == ARCH_X86_XSTATE_K && rd(td, &rc, "k4") == 0 &&
		      rd(td, &rc, "k1") == 5,
	      "init write: k1 sets the opmask bit, k4 zeroed");
}

/* MPX: bnd0-3 in component 3, BNDCFGU and BNDSTATUS in component 4,
   numbered after AVX and before PKRU as GDB numbers them.  */
static void test_mpx(void)
{
	uint8_t gpr[216] = { 0 }, fp[XSTATE_LEN], out[16], in[16];
	struct arch_regcache rc = { .buf = { gpr, fp },
				    .valid = { true, true } };
	const struct arch_tdesc *td;
	const char *err = NULL;

	arch_x86_set_xsave_offsets(intel_layout);
	td = ops->tdesc_for(0x21f, XSTATE_LEN, &err);
	CHECK(td != NULL, "mpx: tdesc 0x21f made (%s)", err ? err : "ok");
	if (!td)
		return;
	CHECK(regnum_of(td, "bnd0raw") == 76 &&
		      regnum_of(td, "bndstatus") == 81 &&
		      regnum_of(td, "pkru") == 82,
	      "mpx: bnd0raw 76, bndstatus 81, pkru 82");
	memset(fp, 0, sizeof(fp));
	put(fp + 464, 8, 0x21f);
	put(fp + 512, 8, 0x21f);
	put(fp + 960 + 16, 8, 0x1000); /* bnd1 lower bound */
	put(fp + 960 + 24, 8, ~0x1fffULL); /* bnd1 upper bound, complemented */
	put(fp + 1024, 8, 0x7ffff000 | 1); /* BNDCFGU: enabled */
	put(fp + 1032, 8, 0x7fff0002); /* BNDSTATUS */
	CHECK(ops->reg_read(td, &rc, regnum_of(td, "bnd1raw"), out) == 16 &&
		      le(out, 8) == 0x1000 && le(out + 8, 8) == ~0x1fffULL,
	      "mpx: bnd1raw is 16 bytes at 976");
	CHECK(rd(td, &rc, "bndcfgu") == (0x7ffff000 | 1) &&
		      rd(td, &rc, "bndstatus") == 0x7fff0002,
	      "mpx: bndcfgu at 1024, bndstatus at 1032");
	put(fp + 512, 8, 0x207);
	CHECK(rd(td, &rc, "bndcfgu") == 0 &&
		      ops->reg_read(td, &rc, regnum_of(td, "bnd1raw"), out) ==
			      16 &&
		      le(out, 8) == 0,
	      "mpx: components in their init state read 0");
	memset(in, 0, sizeof(in));
	put(in, 8, 0x2000);
	ops->reg_write(td, &rc, regnum_of(td, "bnd3raw"), in);
	CHECK((le(fp + 512, 8) & ARCH_X86_XSTATE_MPX) ==
			      ARCH_X86_XSTATE_BNDREGS &&
		      le(fp + 960 + 48, 8) == 0x2000 && le(fp + 976, 8) == 0,
	      "mpx: writing bnd3raw sets bit 3 and zeroes bnd1");
}

static void test_breakpoints(void)
{
	size_t len = 0;
	const uint8_t *bp = ops->sw_breakpoint(1, &len);

	CHECK(bp && len == 1 && bp[0] == 0xcc, "breakpoint: kind 1 is int3");
	CHECK(ops->sw_breakpoint(2, &len) == NULL, "breakpoint: kind 2 bad");
	CHECK(ops->decr_pc_after_break == 1 && ops->has_single_step,
	      "breakpoint: pc after int3 is 1 past, single-step available");
	CHECK(ops->probe_note == NT_X86_XSTATE, "probe: NT_X86_XSTATE");
#if defined(__x86_64__)
	CHECK(arch_native() == &arch_x86_64_ops, "native: x86-64");
#endif
}

/* Debug registers: how a range is cut into slots, DR7's enable, type
   and length fields, the order of the user-area writes, DR6.  */
static void test_debug_registers(void)
{
	struct arch_hw_slot slots[ARCH_MAX_HW_SLOTS] = { 0 };
	struct arch_user_word w[ARCH_MAX_HW_WORDS];
	size_t n;

	CHECK(ops->hw_slots == 4, "dregs: four slots");
	CHECK(ops->hw_piece(ARCH_HW_WRITE, 0x1000, 21) == 8 &&
		      ops->hw_piece(ARCH_HW_WRITE, 0x1010, 5) == 4 &&
		      ops->hw_piece(ARCH_HW_WRITE, 0x1014, 1) == 1,
	      "dregs: 21 aligned bytes are 8 + 8 + 4 + 1");
	CHECK(ops->hw_piece(ARCH_HW_ACCESS, 0x1003, 8) == 1 &&
		      ops->hw_piece(ARCH_HW_ACCESS, 0x1006, 8) == 2,
	      "dregs: an unaligned start takes what its alignment allows");
	CHECK(ops->hw_piece(ARCH_HW_READ, 0x1000, 4) == 0,
	      "dregs: no read-only watch on x86");
	CHECK(ops->hw_piece(ARCH_HW_EXEC, 0x1003, 1) == 1,
	      "dregs: an instruction breakpoint at any address");
	CHECK(ops->hw_piece(ARCH_HW_WRITE, 0x1000, 0) == 0,
	      "dregs: nothing to watch in 0 bytes");

	n = ops->hw_program(slots, w);
	CHECK(n == 1 && w[0].value == 0, "dregs: no slot, DR7 cleared");
	slots[0] = (struct arch_hw_slot){ ARCH_HW_EXEC, 0x401000, 1 };
	slots[2] = (struct arch_hw_slot){ ARCH_HW_WRITE, 0x601008, 8 };
	slots[3] = (struct arch_hw_slot){ ARCH_HW_ACCESS, 0x601002, 2 };
	n = ops->hw_program(slots, w);
	CHECK(n == 5, "dregs: DR7, three addresses, DR7");
	CHECK(w[0].offset == w[4].offset && w[0].value == 0,
	      "dregs: DR7 off before the addresses");
	CHECK(w[1].value == 0x401000 && w[2].value == 0x601008 &&
		      w[3].value == 0x601002 &&
		      w[2].offset - w[1].offset == 2 * sizeof(long),
	      "dregs: addresses in DR0 and DR2, DR3");
	/* L0, L2, L3 and LE; slot 0 RW=00 LEN=00; slot 2 RW=01 LEN=10 (8
	   bytes); slot 3 RW=11 LEN=01 (2 bytes).  */
	CHECK(w[4].value == (0x1 | 0x10 | 0x40 | 0x100 | (0x9ULL << 24) |
			     (0x7ULL << 28)),
	      "dregs: DR7 = %#llx", (unsigned long long)w[4].value);
	/* The user area is the tracer's: 8-byte words in a 64-bit
	   quietstub, 4-byte ones in a 32-bit one.  */
	CHECK(ops->hw_status_offset == w[0].offset - sizeof(long),
	      "dregs: DR6 just before DR7");
	CHECK(ops->hw_triggered(0x4) == 2 && ops->hw_triggered(0x4000) == -1 &&
		      ops->hw_triggered(0) == -1,
	      "dregs: DR6 B2 is slot 2; BS alone is no slot");
}

/* Quiet restart: only a system call that returned -EINTR becomes
   -ERESTARTNOHAND, for the kernel to restart.  */
static void test_rewind(void)
{
	uint8_t gpr[216];
	struct arch_regcache rc = { .buf = { gpr }, .valid = { true } };
	struct {
		const char *name;
		uint64_t rax, orig_rax;
		bool restarted;
	} cases[] = {
		{ "EINTR from epoll_wait", (uint64_t)-4, 232, true },
		{ "not in a system call", (uint64_t)-4, (uint64_t)-1, false },
		{ "a normal return", 1, 232, false },
		{ "-ERESTARTSYS is the kernel's", (uint64_t)-512, 232, false },
	};

	CHECK(ops->restart_eintr_syscall != NULL, "restart: available");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(gpr, 0, sizeof(gpr));
		memcpy(gpr + 80, &cases[i].rax, 8); /* rax */
		memcpy(gpr + 120, &cases[i].orig_rax, 8); /* orig_rax */
		ops->set_pc(&rc, 0x401002);
		rc.dirty[0] = false;
		bool r = ops->restart_eintr_syscall(&rc, NULL);
		uint64_t rax, orig_rax;

		memcpy(&rax, gpr + 80, 8);
		memcpy(&orig_rax, gpr + 120, 8);
		if (cases[i].restarted)
			CHECK(r && rc.dirty[0] &&
				      ops->get_pc(&rc) == 0x401002 &&
				      rax == (uint64_t)-514 &&
				      orig_rax == cases[i].orig_rax,
			      "restart: %s: rax = -ERESTARTNOHAND, pc kept",
			      cases[i].name);
		else
			CHECK(!r && !rc.dirty[0] &&
				      ops->get_pc(&rc) == 0x401002 &&
				      rax == cases[i].rax,
			      "restart: %s: left alone", cases[i].name);
	}
}

#if defined(__x86_64__)
/* This CPU: the XSAVE layout from CPUID, and a real XSAVE of this
   thread read through the backend.  */
static void test_this_cpu(void)
{
	static uint8_t area[16384] __attribute__((aligned(64)));
	static const uint8_t pattern[32] = {
		1,  2,	3,  4,	5,  6,	7,  8,	9,  10, 11, 12, 13, 14, 15, 16,
		17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
	};
	unsigned int a, b, c, d, lo, hi;
	struct arch_regcache rc = { 0 };
	const struct arch_tdesc *td;
	const char *err = NULL;
	uint8_t gpr[216] = { 0 }, out[64];
	uint64_t xcr0;
	size_t len;

	arch_x86_set_xsave_offsets(NULL);
	if (__get_cpuid_max(0, NULL) >= 0xd) {
		__cpuid_count(0xd, 9, a, b, c, d);
		CHECK(arch_x86_xsave_offset(9) == (a == 8 ? b : 2688),
		      "cpu: PKRU offset %u from CPUID",
		      arch_x86_xsave_offset(9));
		__cpuid_count(0xd, 2, a, b, c, d);
		CHECK(arch_x86_xsave_offset(2) == (a == 256 ? b : 576),
		      "cpu: AVX offset %u from CPUID",
		      arch_x86_xsave_offset(2));
	}
	__cpuid(1, a, b, c, d);
	if (!(c & bit_OSXSAVE)) {
		printf("NOTE: cpu: no OSXSAVE, real check skipped\n");
		return;
	}
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	xcr0 = (uint64_t)hi << 32 | lo;
	__cpuid_count(0xd, 0, a, b, c, d);
	len = b;
	td = ops->tdesc_for(xcr0, len, &err);
	CHECK(td != NULL, "cpu: tdesc for XCR0 %#llx, %zu bytes (%s)",
	      (unsigned long long)xcr0, len, err ? err : "ok");
	if (!td || len > sizeof(area))
		return;
	printf("NOTE: cpu: XCR0 %#llx, XSAVE %zu bytes, %d registers, "
	       "g packet %zu bytes, last %s = %d\n",
	       (unsigned long long)xcr0, len, td->nregs, td->g_size,
	       td->regs[td->nregs - 1].name, td->nregs - 1);

	/* XSAVE (standard format) with xmm7 (and ymm7) loaded.  */
	memset(area, 0, sizeof(area));
	if (xcr0 & ARCH_X86_XSTATE_AVX)
		__asm__ volatile("vmovdqu %[p], %%ymm7\n\txsave %[a]"
				 : [a] "=m"(area)
				 : [p] "m"(pattern), "a"(lo), "d"(hi)
				 : "xmm7", "memory");
	else
		__asm__ volatile("movdqu %[p], %%xmm7\n\txsave %[a]"
				 : [a] "=m"(area)
				 : [p] "m"(pattern), "a"(lo), "d"(hi)
				 : "xmm7", "memory");
	put(area + 464, 8, xcr0); /* what Linux puts there */
	CHECK(ops->features_from_probe(area, len, NULL) == xcr0,
	      "cpu: features_from_probe of own XSAVE");
	rc.buf[0] = gpr;
	rc.buf[1] = area;
	rc.valid[0] = rc.valid[1] = true;
	CHECK(ops->reg_read(td, &rc, regnum_of(td, "xmm7"), out) == 16 &&
		      memcmp(out, pattern, 16) == 0,
	      "cpu: xmm7 through the backend");
	if (xcr0 & ARCH_X86_XSTATE_AVX)
		CHECK(ops->reg_read(td, &rc, regnum_of(td, "ymm7h"), out) ==
				      16 &&
			      memcmp(out, pattern + 16, 16) == 0,
		      "cpu: ymm7h through the backend (offset %u)",
		      arch_x86_xsave_offset(2));
	__cpuid_count(7, 0, a, b, c, d);
	if ((xcr0 & ARCH_X86_XSTATE_PKRU) && (c & (1u << 4))) {
		unsigned int pkru, edx;

		__asm__ volatile("rdpkru" : "=a"(pkru), "=d"(edx) : "c"(0));
		CHECK(rd(td, &rc, "pkru") == pkru,
		      "cpu: pkru %#x through the backend (offset %u)", pkru,
		      arch_x86_xsave_offset(9));
	}
}
#endif

int main(void)
{
	ops = &arch_x86_64_ops;
	test_feature_files();
	test_bad_features();
	test_numbering();
	test_selection();
	arch_x86_set_xsave_offsets(intel_layout);
	check_without_xml("i386", 0x2ff, XSTATE_LEN, 560);
	test_gpr();
	test_packet_writes();
	test_xstate();
	test_mpx();
	test_breakpoints();
	test_debug_registers();
	test_rewind();
#if defined(__x86_64__)
	test_this_cpu();
#endif
	return UNIT_DONE();
}

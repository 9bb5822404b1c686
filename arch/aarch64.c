/* aarch64.c - the AArch64 GNU/Linux backend: general registers
   (NT_PRSTATUS, struct user_pt_regs), FP/SIMD (NT_FPREGSET, struct
   user_fpsimd_state) or, when the CPU has SVE, the SVE registers
   instead (NT_ARM_SVE: aarch64_sve.c; one vector length per process,
   the one the first stopped thread had), the thread pointers
   (NT_ARM_TLS: tpidr, and tpidr2 where the kernel has SME) and the
   pointer authentication masks (NT_ARM_PAC_MASK, read-only) when the
   CPU has them; "brk #0" breakpoints that leave the PC on the
   instruction.  Hardware points: aarch64_dregs.c.

   Writing the PC needs no system call restart cancelling here: the
   kernel has done the restart rewind (and forgotten the call) before a
   stop in signal delivery, and leaves a changed PC alone.  */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#if defined(__aarch64__)
#include <sys/auxv.h>
#include <sys/prctl.h>
#endif

#include "aarch64.h"
#include "aarch64_dregs.h"
#include "aarch64_sve.h"
#include "arch.h"
#include "eintr_rewind.h"
#include "le_bytes.h"
#include "le_gpr.h"
#include "tdesc.h"

enum { RS_GPR, RS_FP, RS_TLS, RS_PAC };

#define GPR_SIZE (34 * 8) /* x0-x30, sp, pc, pstate */
#define FP_SIZE (32 * 16 + 16) /* v0-v31, fpsr, fpcr, reserved */
#define PC_OFFSET (32 * 8)
#define X8_OFFSET (8 * 8)

/* Every description made, by feature bits.  */
static struct tdesc_cache_entry *cache;

static int place(const void *ctx, const struct tdesc_reg *r,
		 struct arch_reg *out, char **err)
{
	static const struct tdesc_indexed_reg indexed[] = {
		{ 'x', 31, RS_GPR, 64 },
		{ 'v', 32, RS_FP, 128 },
	};
	static const struct tdesc_fixed_reg fixed[] = {
		{ "sp", RS_GPR, 64, 31 * 8, 8 },
		{ "pc", RS_GPR, 64, PC_OFFSET, 8 },
		{ "cpsr", RS_GPR, 32, 33 * 8, 8 },
		{ "fpsr", RS_FP, 32, 512, 4 },
		{ "fpcr", RS_FP, 32, 516, 4 },
		{ "tpidr", RS_TLS, 64, 0, 8 },
		{ "tpidr2", RS_TLS, 64, 8, 8 },
		{ "pauth_dmask", RS_PAC, 64, 0, 8 },
		{ "pauth_cmask", RS_PAC, 64, 8, 8 },
	};
	unsigned vq = ctx ? *(const unsigned *)ctx : 0;
	int bits;

	/* With SVE, the SVE set holds fpsr and fpcr too.  */
	if (vq && (bits = a64_sve_place(vq, r, out))) {
		out->regset = RS_FP;
		return tdesc_placed("aarch64", r, bits, err);
	}
	return tdesc_place_from("aarch64", indexed,
				sizeof(indexed) / sizeof(indexed[0]), fixed,
				sizeof(fixed) / sizeof(fixed[0]), r, out, err);
}

int arch_aarch64_check_feature(const char *file, const char *text, char **err)
{
	return tdesc_check_feature(file, text, place, NULL, err);
}

static int build(struct arch_tdesc *td, uint64_t features, char **err)
{
	static const char *const names[3] = { "pc", "sp", "x29" };
	unsigned vq =
		(features & ARCH_AARCH64_VQ_MASK) >> ARCH_AARCH64_VQ_SHIFT;
	const char *files[4];
	int n = 0;

	files[n++] = "aarch64-core.xml";
	td->regsets[RS_GPR] =
		(struct arch_regset){ .note = NT_PRSTATUS, .size = GPR_SIZE };
	if (vq) {
		/* With SVE, GDB makes v0-v31 of z0-z31.  */
		files[n++] = a64_sve_feature(vq);
		td->regsets[RS_FP] =
			(struct arch_regset){ .note = NT_ARM_SVE,
					      .size = a64_sve_regset_size(vq) };
	} else {
		files[n++] = "aarch64-fpu.xml";
		td->regsets[RS_FP] = (struct arch_regset){ .note = NT_FPREGSET,
							   .size = FP_SIZE };
	}
	/* GDB's order: core, fpu or sve, pauth, tls.  */
	if (features & ARCH_AARCH64_PAUTH)
		files[n++] = "aarch64-pauth.xml";
	/* The kernel refuses writes to the PAC masks.  */
	td->regsets[RS_PAC] = (struct arch_regset){ .note = NT_ARM_PAC_MASK,
						    .size = 16,
						    .read_only = true };
	files[n++] = features & ARCH_AARCH64_TPIDR2 ? "aarch64-tls2.xml" :
						      "aarch64-tls.xml";
	td->regsets[RS_TLS] = (struct arch_regset){
		.note = NT_ARM_TLS,
		.size = features & ARCH_AARCH64_TPIDR2 ? 16 : 8
	};
	/* The last regset, fetched only when the CPU has it.  */
	td->nregsets = features & ARCH_AARCH64_PAUTH ? 4 : 3;
	return tdesc_build(td, "aarch64", "aarch64", files, n, place, &vq,
			   names, err);
}

static const struct arch_tdesc *tdesc_for(uint64_t features, size_t probe_len,
					  const char **err)
{
	(void)probe_len;
	if (((features & ARCH_AARCH64_VQ_MASK) >> ARCH_AARCH64_VQ_SHIFT) >
	    A64_SVE_VQ_MAX)
		features &= ~ARCH_AARCH64_VQ_MASK;
	return tdesc_cached(&cache,
			    features &
				    (ARCH_AARCH64_PAUTH | ARCH_AARCH64_TPIDR2 |
				     ARCH_AARCH64_VQ_MASK),
			    build, err);
}

uint64_t arch_aarch64_features(size_t tls_len, bool pac_mask, unsigned sve_vq)
{
	return (tls_len >= 16 ? ARCH_AARCH64_TPIDR2 : 0) |
	       (pac_mask ? ARCH_AARCH64_PAUTH : 0) |
	       ((uint64_t)(sve_vq & 0xff) << ARCH_AARCH64_VQ_SHIFT);
}

/* The extra probes: NT_ARM_PAC_MASK, and NT_ARM_SVE for its header.  */
static uint64_t features_from_probe(const uint8_t *buf, size_t len,
				    const struct arch_probe_extra *extra)
{
	(void)buf;
	return arch_aarch64_features(
		len, extra->len[0] >= 16,
		a64_sve_vq_from_header(extra->buf[1], extra->len[1]));
}

static size_t reg_read(const struct arch_tdesc *td,
		       const struct arch_regcache *rc, int regnum, uint8_t *out)
{
	const struct arch_reg *r = tdesc_reg_in(td, rc, regnum);

	if (r && r->conv == ARCH_CONV_SVE)
		return a64_sve_read(td->regsets[RS_FP].size, r, rc->buf[RS_FP],
				    out);
	return tdesc_copy_read(td, rc, regnum, out);
}

static void reg_write(const struct arch_tdesc *td, struct arch_regcache *rc,
		      int regnum, const uint8_t *in)
{
	const struct arch_reg *r = tdesc_reg_in(td, rc, regnum);

	if (!r || r->conv != ARCH_CONV_SVE)
		tdesc_copy_write(td, rc, regnum, in);
	else if (a64_sve_write(td->regsets[RS_FP].size, r, rc->buf[RS_FP], in))
		rc->dirty[RS_FP] = true;
}

/* The system call number is in x8, at entry and at exit.  */
LE_GPR_FUNCTIONS(8, PC_OFFSET, X8_OFFSET)

/* The quiet restart: eintr_rewind.c; svc is 4 bytes.  */
static bool restart_eintr_syscall(struct arch_regcache *rc,
				  const struct arch_syscall_state *before)
{
	static const struct eintr_rewind_regs at = { .ret = 0,
						     .pc = PC_OFFSET,
						     .nr = X8_OFFSET,
						     .reg_size = 8,
						     .insn_len = 4 };

	return eintr_rewind(&at, rc, before);
}

/* brk #0, little-endian; GDB asks for kind 4.  */
static const uint8_t brk0[] = { 0x00, 0x00, 0x20, 0xd4 };

static const uint8_t *sw_breakpoint(uint64_t kind, size_t *len)
{
	if (kind != 4)
		return NULL;
	*len = sizeof(brk0);
	return brk0;
}

/* From the hardware capabilities the kernel gives every process.  */
static bool host_features(uint64_t *features, size_t *probe_len)
{
#if defined(__aarch64__)
	unsigned long hwcap = getauxval(AT_HWCAP);
	unsigned long hwcap2 = getauxval(AT_HWCAP2);

	/* HWCAP_SVE: the length this process has, which its children
	   inherit unless they change it.  */
	int vl = hwcap & (1UL << 22) ? prctl(PR_SVE_GET_VL) : 0;

	*probe_len = hwcap2 & (1UL << 23) ? 16 : 8; /* HWCAP2_SME */
	*features = arch_aarch64_features(*probe_len,
					  hwcap & (1UL << 30), /* HWCAP_PACA */
					  vl > 0 ? (vl & 0xffff) / 16 : 0);
	return true;
#else
	(void)features;
	(void)probe_len;
	return false;
#endif
}

const struct arch_ops arch_aarch64_ops = {
	.name = "aarch64",
	.ptr_size = 8,
	.probe_note = NT_ARM_TLS,
	.probe_extra_notes = { NT_ARM_PAC_MASK, NT_ARM_SVE },
	.features_from_probe = features_from_probe,
	.host_features = host_features,
	.tdesc_for = tdesc_for,
	.reg_read = reg_read,
	.reg_write = reg_write,
	.get_pc = get_pc,
	.set_pc = set_pc,
	.syscall_nr = syscall_nr,
	.restart_eintr_syscall = restart_eintr_syscall,
	.want_syscall_state = true,
	.sw_breakpoint = sw_breakpoint,
	.decr_pc_after_break = 0,
	.has_single_step = true,
	.hw_slots = A64_HW_WATCH_SLOTS + A64_HW_BREAK_SLOTS,
	.hw_piece = a64_hw_piece,
	.hw_program_regsets = a64_hw_program_regsets,
	.hw_triggered_addr = a64_hw_triggered_addr,
	.hw_slot_takes = a64_hw_slot_takes,
};

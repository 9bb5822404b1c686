/* riscv64.c - the RISC-V 64-bit GNU/Linux backend: the integer
   registers and pc (NT_PRSTATUS, struct user_regs_struct: pc in the
   slot of x0, which reads as zero) and the F or D floating-point
   registers with fcsr (NT_PRFPREG, 33 slots of FLEN bytes) when the
   probe finds them; ebreak and c.ebreak breakpoints that leave the PC
   on the instruction.

   The kernel has no hardware single-step and no debug registers for
   ptrace: has_single_step is false (the server then offers neither
   vCont s/S/r nor target-side conditions, and GDB steps with
   breakpoints), and there are no hardware points.  Writing the PC
   needs no restart cancelling: the kernel has forgotten the call
   before any stop in signal delivery.  */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#if defined(__riscv)
#include <sys/auxv.h>
#endif

#include "arch.h"
#include "eintr_rewind.h"
#include "le_bytes.h"
#include "le_gpr.h"
#include "riscv64.h"
#include "tdesc.h"

enum { RS_GPR, RS_FP };

#define GPR_SIZE (32 * 8)
#define PC_OFFSET 0 /* where x0 would be */
#define A0_OFFSET (10 * 8)
#define A7_OFFSET (17 * 8)
#define FP_SLOTS 33 /* f0-f31, fcsr */

/* GDB's names of x0-x31 and f0-f31, in register order.  */
static const char *const xnames[32] = {
	"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "fp", "s1", "a0",
	"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
	"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const char *const fnames[32] = {
	"ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
	"fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
	"fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
	"fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* Every description made, by FLEN.  */
static struct tdesc_cache_entry *cache;

static int name_index(const char *const names[32], const char *name)
{
	for (int i = 0; i < 32; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/* CTX: the FLEN of the description (NULL: any, from the file).  */
static int place(const void *ctx, const struct tdesc_reg *r,
		 struct arch_reg *out, char **err)
{
	int i, bits = 0;
	size_t flen = ctx ? *(const uint64_t *)ctx : (r->bitsize == 32 ? 4 : 8);

	out->conv = ARCH_CONV_COPY;
	if ((i = name_index(xnames, r->name)) >= 0 ||
	    strcmp(r->name, "pc") == 0) {
		/* The slot of x0 holds the pc; x0 itself is always 0.  */
		out->regset = RS_GPR;
		out->offset = i > 0 ? (size_t)i * 8 : PC_OFFSET;
		out->field_size = i == 0 ? 0 : 8;
		bits = 64;
	} else if ((i = name_index(fnames, r->name)) >= 0) {
		out->regset = RS_FP;
		out->offset = (size_t)i * flen;
		out->field_size = flen;
		bits = (int)flen * 8;
	} else if (strcmp(r->name, "fcsr") == 0) {
		out->regset = RS_FP;
		out->offset = 32 * flen;
		out->field_size = 4;
		bits = 32;
	}
	return tdesc_placed("riscv64", r, bits, err);
}

int arch_riscv64_check_feature(const char *file, const char *text, char **err)
{
	return tdesc_check_feature(file, text, place, NULL, err);
}

static int build(struct arch_tdesc *td, uint64_t flen, char **err)
{
	static const char *const names[3] = { "pc", "sp", "fp" };
	const char *files[2] = { "riscv-64bit-cpu.xml" };
	const char *arch_name = "riscv:rv64i";
	int n = 1;

	td->regsets[RS_GPR] =
		(struct arch_regset){ .note = NT_PRSTATUS, .size = GPR_SIZE };
	td->nregsets = 1;
	if (flen) {
		/* GDB's names: the single letter of the FP extension.  */
		arch_name = flen == 8 ? "riscv:rv64id" : "riscv:rv64if";
		files[n++] = flen == 8 ? "riscv-64bit-fpu.xml" :
					 "riscv-32bit-fpu.xml";
		td->regsets[RS_FP] =
			(struct arch_regset){ .note = NT_FPREGSET,
					      .size = FP_SLOTS * flen };
		td->nregsets = 2;
	}
	return tdesc_build(td, "riscv64", arch_name, files, n, place, &flen,
			   names, err);
}

static const struct arch_tdesc *tdesc_for(uint64_t features, size_t probe_len,
					  const char **err)
{
	(void)probe_len;
	return tdesc_cached(&cache,
			    features == 4 || features == 8 ? features : 0,
			    build, err);
}

uint64_t arch_riscv64_features(size_t fpregset_len)
{
	if (fpregset_len >= FP_SLOTS * 8)
		return 8;
	return fpregset_len >= FP_SLOTS * 4 ? 4 : 0;
}

static uint64_t features_from_probe(const uint8_t *buf, size_t len,
				    const struct arch_probe_extra *extra)
{
	(void)buf;
	(void)extra;
	return arch_riscv64_features(len);
}

/* From the extension letters the kernel gives every process.  */
static bool host_features(uint64_t *features, size_t *probe_len)
{
#if defined(__riscv)
	unsigned long hwcap = getauxval(AT_HWCAP);
	uint64_t flen = hwcap & (1UL << ('D' - 'A')) ? 8 :
			hwcap & (1UL << ('F' - 'A')) ? 4 :
						       0;

	*probe_len = FP_SLOTS * flen;
	*features = flen;
	return true;
#else
	(void)features;
	(void)probe_len;
	return false;
#endif
}

/* The system call number is in a7, at entry and at exit.  */
LE_GPR_FUNCTIONS(8, PC_OFFSET, A7_OFFSET)

/* The quiet restart: eintr_rewind.c; ecall is 4 bytes.  */
static bool restart_eintr_syscall(struct arch_regcache *rc,
				  const struct arch_syscall_state *before)
{
	static const struct eintr_rewind_regs at = { .ret = A0_OFFSET,
						     .pc = PC_OFFSET,
						     .nr = A7_OFFSET,
						     .reg_size = 8,
						     .insn_len = 4 };

	return eintr_rewind(&at, rc, before);
}

/* GDB asks for kind 4 (ebreak) or 2 (c.ebreak, where the instruction
   it replaces is compressed); little-endian.  */
static const uint8_t ebreak[] = { 0x73, 0x00, 0x10, 0x00 };
static const uint8_t c_ebreak[] = { 0x02, 0x90 };

static const uint8_t *sw_breakpoint(uint64_t kind, size_t *len)
{
	if (kind == sizeof(ebreak)) {
		*len = sizeof(ebreak);
		return ebreak;
	}
	if (kind == sizeof(c_ebreak)) {
		*len = sizeof(c_ebreak);
		return c_ebreak;
	}
	return NULL;
}

const struct arch_ops arch_riscv64_ops = {
	.name = "riscv64",
	.ptr_size = 8,
	.probe_note = NT_FPREGSET,
	.features_from_probe = features_from_probe,
	.host_features = host_features,
	.tdesc_for = tdesc_for,
	.reg_read = tdesc_copy_read,
	.reg_write = tdesc_copy_write,
	.get_pc = get_pc,
	.set_pc = set_pc,
	.syscall_nr = syscall_nr,
	.restart_eintr_syscall = restart_eintr_syscall,
	.want_syscall_state = true,
	.sw_breakpoint = sw_breakpoint,
	.decr_pc_after_break = 0,
	.has_single_step = false,
};

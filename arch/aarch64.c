/* aarch64.c - the AArch64 GNU/Linux backend: general registers
   (NT_PRSTATUS, struct user_pt_regs), FP/SIMD (NT_FPREGSET, struct
   user_fpsimd_state), the thread pointers (NT_ARM_TLS: tpidr, and
   tpidr2 where the kernel has SME) and the pointer authentication masks
   (NT_ARM_PAC_MASK, read-only) when the CPU has them; "brk #0"
   breakpoints that leave the PC on the instruction.

   Not yet: SVE registers (GDB reads v0-v31 through the FP/SIMD view,
   which the kernel keeps in step).  Hardware points: aarch64_dregs.c.

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
#endif

#include "aarch64.h"
#include "aarch64_dregs.h"
#include "arch.h"
#include "le_bytes.h"
#include "tdesc.h"

#ifndef NT_ARM_TLS
#define NT_ARM_TLS 0x401
#endif
#ifndef NT_ARM_PAC_MASK
#define NT_ARM_PAC_MASK 0x406
#endif

enum { RS_GPR, RS_FP, RS_TLS, RS_PAC };

#define GPR_SIZE (34 * 8) /* x0-x30, sp, pc, pstate */
#define FP_SIZE (32 * 16 + 16) /* v0-v31, fpsr, fpcr, reserved */
#define PC_OFFSET (32 * 8)
#define X8_OFFSET (8 * 8)

/* A description and the features it was made for.  */
struct a64_tdesc {
	struct arch_tdesc td; /* first: the ops get &td */
	uint64_t features;
	const char *err; /* when this entry records a failure */
	struct a64_tdesc *next;
};

/* Every description made, kept for the life of the program (the server
   holds the pointers).  Single-threaded.  */
static struct a64_tdesc *cache;

/* NAME is PREFIX followed by a decimal index below COUNT?  */
static bool indexed(const char *name, char prefix, int count, int *index)
{
	char *end;
	long n;

	if (name[0] != prefix || name[1] < '0' || name[1] > '9' ||
	    (name[1] == '0' && name[2]))
		return false;
	n = strtol(name + 1, &end, 10);
	if (*end || n >= count)
		return false;
	*index = (int)n;
	return true;
}

static int place(const void *ctx, const struct tdesc_reg *r,
		 struct arch_reg *out, char **err)
{
	static const struct {
		const char *name;
		int regset, bitsize;
		size_t offset, field_size;
	} fixed[] = {
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
	int i, bits = 0;

	(void)ctx;
	out->conv = ARCH_CONV_COPY;
	if (indexed(r->name, 'x', 31, &i)) {
		out->regset = RS_GPR;
		out->offset = (size_t)i * 8;
		out->field_size = 8;
		bits = 64;
	} else if (indexed(r->name, 'v', 32, &i)) {
		out->regset = RS_FP;
		out->offset = (size_t)i * 16;
		out->field_size = 16;
		bits = 128;
	} else {
		for (size_t k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++) {
			if (strcmp(r->name, fixed[k].name) != 0)
				continue;
			out->regset = fixed[k].regset;
			out->offset = fixed[k].offset;
			out->field_size = fixed[k].field_size;
			bits = fixed[k].bitsize;
		}
	}
	if (!bits) {
		*err = xasprintf("aarch64: register %s (feature %s) has no "
				 "place in the register sets",
				 r->name, r->feature);
		return -1;
	}
	if (r->bitsize != bits) {
		*err = xasprintf("aarch64: register %s is %d bits in feature "
				 "%s, the backend expects %d",
				 r->name, r->bitsize, r->feature, bits);
		return -1;
	}
	return 0;
}

int arch_aarch64_check_feature(const char *file, const char *text, char **err)
{
	return tdesc_check_feature(file, text, place, NULL, err);
}

static struct a64_tdesc *build(uint64_t features, char **err)
{
	static const char *const names[3] = { "pc", "sp", "x29" };
	struct a64_tdesc *a = xcalloc(1, sizeof(*a));
	struct arch_tdesc *td = &a->td;
	const char *files[4];
	int n = 0;

	a->features = features;
	files[n++] = "aarch64-core.xml";
	files[n++] = "aarch64-fpu.xml";
	td->regsets[RS_GPR] = (struct arch_regset){ NT_PRSTATUS, GPR_SIZE };
	td->regsets[RS_FP] = (struct arch_regset){ NT_FPREGSET, FP_SIZE };
	/* GDB's order: core, fpu, pauth, tls.  */
	if (features & ARCH_AARCH64_PAUTH)
		files[n++] = "aarch64-pauth.xml";
	td->regsets[RS_PAC] = (struct arch_regset){ NT_ARM_PAC_MASK, 16 };
	files[n++] = features & ARCH_AARCH64_TPIDR2 ? "aarch64-tls2.xml" :
						      "aarch64-tls.xml";
	td->regsets[RS_TLS] =
		(struct arch_regset){ NT_ARM_TLS,
				      features & ARCH_AARCH64_TPIDR2 ? 16 : 8 };
	/* The last regset, fetched only when the CPU has it.  */
	td->nregsets = features & ARCH_AARCH64_PAUTH ? 4 : 3;
	if (tdesc_build(td, "aarch64", "aarch64", files, n, place, NULL, names,
			err)) {
		free(a);
		return NULL;
	}
	return a;
}

static const struct arch_tdesc *tdesc_for(uint64_t features, size_t probe_len,
					  const char **err)
{
	struct a64_tdesc *a;
	char *msg;

	(void)probe_len;
	features &= ARCH_AARCH64_PAUTH | ARCH_AARCH64_TPIDR2;
	for (a = cache; a; a = a->next) {
		if (a->features == features) {
			if (a->err)
				*err = a->err;
			return a->err ? NULL : &a->td;
		}
	}
	a = build(features, &msg);
	if (!a) {
		a = xcalloc(1, sizeof(*a));
		a->features = features;
		a->err = msg;
	}
	a->next = cache;
	cache = a;
	if (a->err)
		*err = a->err;
	return a->err ? NULL : &a->td;
}

uint64_t arch_aarch64_features(size_t tls_len, bool pac_mask)
{
	return (tls_len >= 16 ? ARCH_AARCH64_TPIDR2 : 0) |
	       (pac_mask ? ARCH_AARCH64_PAUTH : 0);
}

static uint64_t features_from_probe(const uint8_t *buf, size_t len,
				    const size_t *extra_len)
{
	(void)buf;
	return arch_aarch64_features(len, extra_len[0] >= 16);
}

static size_t reg_read(const struct arch_tdesc *td,
		       const struct arch_regcache *rc, int regnum, uint8_t *out)
{
	const struct arch_reg *r;
	size_t size;

	r = tdesc_reg_in(td, rc, regnum);
	if (!r)
		return 0;
	size = r->bitsize / 8;
	memset(out, 0, size);
	memcpy(out, rc->buf[r->regset] + r->offset,
	       r->field_size < size ? r->field_size : size);
	return size;
}

static void reg_write(const struct arch_tdesc *td, struct arch_regcache *rc,
		      int regnum, const uint8_t *in)
{
	const struct arch_reg *r;
	size_t size;

	r = tdesc_reg_in(td, rc, regnum);
	/* The kernel refuses writes to the PAC masks.  */
	if (!r || r->regset == RS_PAC)
		return;
	size = r->bitsize / 8;
	memset(rc->buf[r->regset] + r->offset, 0, r->field_size);
	memcpy(rc->buf[r->regset] + r->offset, in,
	       r->field_size < size ? r->field_size : size);
	rc->dirty[r->regset] = true;
}

static uint64_t get_pc(const struct arch_regcache *rc)
{
	return rc->buf[RS_GPR] ? get_le(rc->buf[RS_GPR] + PC_OFFSET, 8) : 0;
}

static void set_pc(struct arch_regcache *rc, uint64_t pc)
{
	if (!rc->buf[RS_GPR])
		return;
	put_le(rc->buf[RS_GPR] + PC_OFFSET, 8, pc);
	rc->dirty[RS_GPR] = true;
}

/* The system call number is in x8, at entry and at exit.  */
static long syscall_nr(const struct arch_regcache *rc)
{
	return (long)get_le(rc->buf[RS_GPR] + X8_OFFSET, 8);
}

#define EINTR_RETURN ((uint64_t)-4)

/* The quiet restart.  Before a stop in signal delivery the kernel has
   already rewound a call it restarts itself (x0 back to the first
   argument, the PC back on the svc); a call that returned -EINTR is
   left with x0 = -EINTR, the PC past the svc and the first argument
   gone.  Rewind it the same way, with the first argument from before
   the interrupt: the call runs again.  Unlike x86's -ERESTARTNOHAND,
   the kernel would not turn this back into EINTR for a signal with a
   handler delivered at the same stop: the server leaves a thread with
   a pending signal alone.  */
static bool restart_eintr_syscall(struct arch_regcache *rc,
				  const struct arch_syscall_state *before)
{
	uint8_t *gpr = rc->buf[RS_GPR];

	if (!gpr || !rc->valid[RS_GPR] || !before || !before->valid ||
	    get_le(gpr, 8) != EINTR_RETURN ||
	    get_le(gpr + PC_OFFSET, 8) != before->pc ||
	    get_le(gpr + X8_OFFSET, 8) != (uint64_t)before->nr)
		return false;
	put_le(gpr, 8, before->arg0);
	put_le(gpr + PC_OFFSET, 8, before->pc - 4);
	rc->dirty[RS_GPR] = true;
	return true;
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
static uint64_t host_features(size_t *probe_len)
{
#if defined(__aarch64__)
	unsigned long hwcap = getauxval(AT_HWCAP);
	unsigned long hwcap2 = getauxval(AT_HWCAP2);

	*probe_len = hwcap2 & (1UL << 23) ? 16 : 8; /* HWCAP2_SME */
	return arch_aarch64_features(*probe_len,
				     hwcap & (1UL << 30)); /* HWCAP_PACA */
#else
	(void)probe_len;
	return 0;
#endif
}

const struct arch_ops arch_aarch64_ops = {
	.name = "aarch64",
	.probe_note = NT_ARM_TLS,
	.probe_extra_notes = { NT_ARM_PAC_MASK },
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

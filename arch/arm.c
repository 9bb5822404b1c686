/* arm.c - the 32-bit ARM GNU/Linux backend, for armhf programs under a
   32-bit ARM quietstub and AArch32 programs under an AArch64 one (whose
   kernel shows such a tracee the 32-bit register sets): the core
   registers (NT_PRSTATUS, 18 words: r0-r15, cpsr, orig_r0), VFPv3 with
   the NEON view (NT_ARM_VFP: d0-d31 and fpscr) when the probe finds it,
   and the thread pointer tpidruro (NT_ARM_TLS on AArch64;
   PTRACE_GET_THREAD_AREA on a 32-bit kernel).  The description is
   GDB's for such a process: "arm" with core, vfp, neon and tls.

   Breakpoints are the undefined instructions the kernels trap for
   ptrace, in the three kinds GDB asks for: 16-bit Thumb, 32-bit
   Thumb-2 and ARM; the PC stays on them.  A 32-bit ARM kernel has no
   single-step (GDB steps with breakpoints).  Hardware points:
   arm_dregs.c on a 32-bit ARM build; under AArch64, the AArch64 debug
   register sets (aarch64_dregs.c), which the kernel reads with the
   32-bit rules for such a program.  */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#if defined(__arm__)
#include <sys/auxv.h>
#endif

#include "arch.h"
#include "aarch64_dregs.h"
#include "arm.h"
#include "arm_dregs.h"
#include "eintr_rewind.h"
#include "le_bytes.h"
#include "le_gpr.h"
#include "tdesc.h"

#ifndef NT_ARM_VFP
#define NT_ARM_VFP 0x400
#endif
#ifndef NT_ARM_TLS
#define NT_ARM_TLS 0x401
#endif

/* Where this build's kernel gives the thread pointer of a 32-bit
   program.  */
#if defined(__aarch64__)
#define TLS_NOTE NT_ARM_TLS
#else
#define TLS_NOTE ARCH_NOTE_ARM_THREAD_AREA
#endif

enum { RS_GPR, RS_TLS, RS_VFP };

#define GPR_SIZE (18 * 4)
#define VFP_SIZE (32 * 8 + 4)
#define R0_OFFSET 0
#define R7_OFFSET (7 * 4)
#define PC_OFFSET (15 * 4)
#define CPSR_OFFSET (16 * 4)
#define CPSR_T 0x20 /* Thumb state */

/* Every description made, by feature bits.  */
static struct tdesc_cache_entry *cache;

static int place(const void *ctx, const struct tdesc_reg *r,
		 struct arch_reg *out, char **err)
{
	static const struct tdesc_indexed_reg indexed[] = {
		{ 'r', 13, RS_GPR, 32 },
		{ 'd', 32, RS_VFP, 64 },
	};
	static const struct tdesc_fixed_reg fixed[] = {
		{ "sp", RS_GPR, 32, 13 * 4, 4 },
		{ "lr", RS_GPR, 32, 14 * 4, 4 },
		{ "pc", RS_GPR, 32, PC_OFFSET, 4 },
		{ "cpsr", RS_GPR, 32, CPSR_OFFSET, 4 },
		{ "fpscr", RS_VFP, 32, 32 * 8, 4 },
		{ "tpidruro", RS_TLS, 32, 0, 4 },
	};

	(void)ctx;
	return tdesc_place_from("arm", indexed,
				sizeof(indexed) / sizeof(indexed[0]), fixed,
				sizeof(fixed) / sizeof(fixed[0]), r, out, err);
}

int arch_arm_check_feature(const char *file, const char *text, char **err)
{
	return tdesc_check_feature(file, text, place, NULL, err);
}

static int build(struct arch_tdesc *td, uint64_t features, char **err)
{
	static const char *const names[3] = { "pc", "sp", "r11" };
	const char *files[4];
	int n = 0;

	files[n++] = "arm-core.xml";
	td->regsets[RS_GPR] =
		(struct arch_regset){ .note = NT_PRSTATUS, .size = GPR_SIZE };
	/* The thread pointer is read-only to ptrace.  */
	td->regsets[RS_TLS] = (struct arch_regset){ .note = TLS_NOTE,
						    .size = 4,
						    .read_only = true };
	td->nregsets = 2;
	if (features & ARCH_ARM_VFP) {
		files[n++] = "arm-vfpv3.xml";
		files[n++] = "arm-neon.xml";
		td->regsets[RS_VFP] = (struct arch_regset){ .note = NT_ARM_VFP,
							    .size = VFP_SIZE };
		td->nregsets = 3;
	}
	files[n++] = "arm-tls.xml";
	return tdesc_build(td, "arm", "arm", files, n, place, NULL, names, err);
}

static const struct arch_tdesc *tdesc_for(uint64_t features, size_t probe_len,
					  const char **err)
{
	(void)probe_len;
	return tdesc_cached(&cache, features & ARCH_ARM_VFP, build, err);
}

uint64_t arch_arm_features(size_t vfp_len)
{
	return vfp_len >= VFP_SIZE ? ARCH_ARM_VFP : 0;
}

/* The probe is the core register set, always there; the VFP set is the
   extra one.  */
static uint64_t features_from_probe(const uint8_t *buf, size_t len,
				    const struct arch_probe_extra *extra)
{
	(void)buf;
	(void)len;
	return arch_arm_features(extra->len[0]);
}

/* Without a stopped thread to probe: every AArch64 machine runs
   AArch32 code with VFPv3 and NEON; a 32-bit kernel says.  */
static bool host_features(uint64_t *features, size_t *probe_len)
{
	*probe_len = GPR_SIZE;
#if defined(__arm__)
	*features = getauxval(AT_HWCAP) & (1UL << 13) ? /* HWCAP_VFPv3 */
			    ARCH_ARM_VFP :
			    0;
#else
	*features = ARCH_ARM_VFP;
#endif
	return true;
}

/* EABI: the system call number is in r7.  */
LE_GPR_FUNCTIONS(4, PC_OFFSET, R7_OFFSET)

/* The quiet restart: eintr_rewind.c; svc is 2 bytes in Thumb state, 4
   in ARM state.  */
static bool restart_eintr_syscall(struct arch_regcache *rc,
				  const struct arch_syscall_state *before)
{
	struct eintr_rewind_regs at = { .ret = R0_OFFSET,
					.pc = PC_OFFSET,
					.nr = R7_OFFSET,
					.reg_size = 4,
					.insn_len = 4 };

	if (!rc->buf[RS_GPR] || !rc->valid[RS_GPR])
		return false;
	if (get_le(rc->buf[RS_GPR] + CPSR_OFFSET, 4) & CPSR_T)
		at.insn_len = 2;
	return eintr_rewind(&at, rc, before);
}

/* The kinds GDB asks for, as the little-endian bytes of the undefined
   instructions Linux treats as breakpoints.  */
static const uint8_t thumb_bkpt[] = { 0x01, 0xde }; /* 0xde01 */
static const uint8_t thumb2_bkpt[] = { 0xf0, 0xf7, 0x00, 0xa0 };
static const uint8_t arm_bkpt[] = { 0xf0, 0x01, 0xf0, 0xe7 }; /* 0xe7f001f0 */

static const uint8_t *sw_breakpoint(uint64_t kind, size_t *len)
{
	switch (kind) {
	case 2:
		*len = sizeof(thumb_bkpt);
		return thumb_bkpt;
	case 3:
		*len = sizeof(thumb2_bkpt);
		return thumb2_bkpt;
	case 4:
		*len = sizeof(arm_bkpt);
		return arm_bkpt;
	default:
		return NULL;
	}
}

const struct arch_ops arch_arm_ops = {
	.name = "arm",
	.ptr_size = 4,
	.probe_note = NT_PRSTATUS,
	.probe_extra_notes = { NT_ARM_VFP },
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
#if defined(__arm__)
	.hw_slots = ARM_HW_WATCH_SLOTS + ARM_HW_BREAK_SLOTS,
	.hw_piece = arm_hw_piece,
	.hw_program = arm_hw_program,
	.hw_words_hbpregs = true,
	.hw_triggered_addr = arm_hw_triggered_addr,
	.hw_slot_takes = arm_hw_slot_takes,
#elif defined(__aarch64__)
	.hw_slots = A64_HW_WATCH_SLOTS + A64_HW_BREAK_SLOTS,
	.hw_piece = arm_hw_piece,
	.hw_program_regsets = a64_hw_program_regsets_aarch32,
	.hw_triggered_addr = a64_hw_triggered_addr,
	.hw_slot_takes = a64_hw_slot_takes,
#endif
};

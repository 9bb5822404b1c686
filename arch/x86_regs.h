/* x86_regs.h - what the x86-64 and i386 backends share: the register
   place tables' format, the x87/SSE/AVX places (the XSAVE area is laid
   out alike for both), target descriptions made from feature files,
   and register access.  A flavour says what differs: the general
   register set, the feature files and the architecture name.  */
#ifndef QS_ARCH_X86_REGS_H
#define QS_ARCH_X86_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "x86_dregs.h"

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

enum { X86_RS_GPR = 0, X86_RS_FP = 1 };

/* Where a register (or a family such as xmm16-xmm31) lives.  */
struct x86_place {
	const char *prefix; /* the name, or what precedes the index */
	const char *suffix; /* what follows the index ("h") */
	int first, count; /* index range; count 0: PREFIX is the name */
	int bitsize; /* what the feature file must say */
	int regset;
	int comp; /* XSAVE component, or -1 */
	/* Offset of FIRST; for components 2 and up, from the component's
	   start.  */
	size_t offset;
	size_t stride;
	size_t field_size;
	enum arch_reg_conv conv;
	uint64_t init_value;
};

/* A general register: SIZE bytes at OFF in NT_PRSTATUS.  */
#define X86_GPR(n, bits, off, size)                                 \
	{                                                           \
		.prefix = n, .bitsize = bits, .regset = X86_RS_GPR, \
		.comp = -1, .offset = off, .field_size = size,      \
		.conv = ARCH_CONV_COPY                              \
	}

struct x86_flavour {
	const char *name; /* in messages: "x86-64" */
	const char *arch_name; /* <architecture>: "i386:x86-64" */
	const struct x86_place *gprs; /* NT_PRSTATUS places */
	size_t ngprs;
	size_t gpr_size; /* bytes of NT_PRSTATUS */
	/* The FXSAVE-format register set when there is no XSAVE.  */
	unsigned int fxsave_note;
	const char *pc, *sp, *fp; /* register names */
	/* The feature files for XCR0 in target.xml (register number)
	   order; XSAVE false: only what FXSAVE holds.  */
	int (*choose_files)(uint64_t xcr0, bool xsave, const char **files);
};

#define X86_MAX_FILES 8

const struct arch_tdesc *x86_tdesc_for(const struct x86_flavour *f,
				       uint64_t xcr0, size_t probe_len,
				       const char **err);
int x86_check_feature(const struct x86_flavour *f, const char *file,
		      const char *text, char **err);

uint64_t x86_features_from_probe(const uint8_t *buf, size_t len,
				 const struct arch_probe_extra *extra);
bool x86_host_features(uint64_t *features, size_t *probe_len);
size_t x86_reg_read(const struct arch_tdesc *td, const struct arch_regcache *rc,
		    int regnum, uint8_t *out);
void x86_reg_write(const struct arch_tdesc *td, struct arch_regcache *rc,
		   int regnum, const uint8_t *in);
const uint8_t *x86_sw_breakpoint(uint64_t kind, size_t *len);

/* A general register of SIZE bytes at OFFSET, sign-extended.  */
int64_t x86_gpr_get(const struct arch_regcache *rc, size_t offset, size_t size);
void x86_gpr_set(struct arch_regcache *rc, size_t offset, size_t size,
		 uint64_t value);
/* arch_ops.restart_eintr_syscall for a layout whose system call number
   (orig_rax, orig_eax) and return value registers are SIZE bytes.  */
bool x86_restart_eintr(struct arch_regcache *rc, size_t orig_offset,
		       size_t ax_offset, size_t size);

/* The arch_ops functions of a general register set whose PC, system
   call number (orig_rax, orig_eax) and return value registers are SIZE
   bytes at PC_OFF, ORIG_OFF and AX_OFF.  */
#define X86_GPR_FUNCTIONS(pc_off, orig_off, ax_off, size)             \
	static uint64_t get_pc(const struct arch_regcache *rc)        \
	{                                                             \
		return (uint64_t)x86_gpr_get(rc, pc_off, size) &      \
		       (UINT64_MAX >> (64 - 8 * (size)));             \
	}                                                             \
	static void set_pc(struct arch_regcache *rc, uint64_t pc)     \
	{                                                             \
		x86_gpr_set(rc, pc_off, size, pc);                    \
	}                                                             \
	static void cancel_syscall_restart(struct arch_regcache *rc)  \
	{                                                             \
		x86_gpr_set(rc, orig_off, size, UINT64_MAX);          \
	}                                                             \
	static long syscall_nr(const struct arch_regcache *rc)        \
	{                                                             \
		return (long)x86_gpr_get(rc, orig_off, size);         \
	}                                                             \
	static bool restart_eintr_syscall(                            \
		struct arch_regcache *rc,                             \
		const struct arch_syscall_state *before)              \
	{                                                             \
		(void)before;                                         \
		return x86_restart_eintr(rc, orig_off, ax_off, size); \
	}

/* The arch_ops members both flavours share.  */
#define X86_SHARED_OPS                                                        \
	.probe_note = NT_X86_XSTATE,                                          \
	.features_from_probe = x86_features_from_probe,                       \
	.xml_registers_name = "i386",                                         \
	.features_without_xml = ARCH_X86_XSTATE_X87 | ARCH_X86_XSTATE_SSE,    \
	.host_features = x86_host_features, .reg_read = x86_reg_read,         \
	.reg_write = x86_reg_write, .sw_breakpoint = x86_sw_breakpoint,       \
	.decr_pc_after_break = 1, .has_single_step = true,                    \
	.hw_slots = X86_DR_SLOTS, .hw_piece = x86_hw_piece,                   \
	.hw_program = x86_hw_program,                                         \
	.hw_status_offset = X86_DR_OFFSET(X86_DR_STATUS),                     \
	.hw_triggered = x86_hw_triggered, .get_pc = get_pc, .set_pc = set_pc, \
	.cancel_syscall_restart = cancel_syscall_restart,                     \
	.syscall_nr = syscall_nr,                                             \
	.restart_eintr_syscall = restart_eintr_syscall

#endif

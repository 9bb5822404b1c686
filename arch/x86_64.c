/* x86_64.c - the x86-64 GNU/Linux backend: where each general register
   of the feature files lives in NT_PRSTATUS (struct user_regs_struct),
   which feature files XCR0 calls for, and the system call state.  The
   rest is shared with i386 (x86_regs.c).  */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "x86.h"
#include "x86_regs.h"

#if defined(__x86_64__)
#include <stddef.h>
#include <sys/user.h>
#endif

#define USER_REGS_SIZE (27 * 8) /* sizeof(struct user_regs_struct) */
#define RIP_OFFSET 128
#define ORIG_RAX_OFFSET 120
#define RAX_OFFSET 80

#if defined(__x86_64__)
/* The place table hard-codes the kernel's layout so that the backend
   works on any host; an x86-64 host checks it.  */
_Static_assert(sizeof(struct user_regs_struct) == USER_REGS_SIZE, "regs");
_Static_assert(offsetof(struct user_regs_struct, rip) == RIP_OFFSET, "rip");
_Static_assert(offsetof(struct user_regs_struct, orig_rax) == ORIG_RAX_OFFSET,
	       "orig_rax");
_Static_assert(offsetof(struct user_regs_struct, rax) == RAX_OFFSET, "rax");
_Static_assert(offsetof(struct user_regs_struct, eflags) == 144, "eflags");
_Static_assert(offsetof(struct user_regs_struct, fs_base) == 168, "fs_base");
_Static_assert(offsetof(struct user_regs_struct, gs) == 208, "gs");
#endif

#define GPR(n, bits, off) X86_GPR(n, bits, off, 8)

/* struct user_regs_struct: r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax
   rcx rdx rsi rdi orig_rax rip cs eflags rsp ss fs_base gs_base ds es
   fs gs, 8 bytes each.  GDB's eflags and segment registers are 32 bits:
   zero-extended when written.  */
static const struct x86_place gprs[] = {
	GPR("rax", 64, RAX_OFFSET),
	GPR("rbx", 64, 40),
	GPR("rcx", 64, 88),
	GPR("rdx", 64, 96),
	GPR("rsi", 64, 104),
	GPR("rdi", 64, 112),
	GPR("rbp", 64, 32),
	GPR("rsp", 64, 152),
	GPR("r8", 64, 72),
	GPR("r9", 64, 64),
	GPR("r10", 64, 56),
	GPR("r11", 64, 48),
	GPR("r12", 64, 24),
	GPR("r13", 64, 16),
	GPR("r14", 64, 8),
	GPR("r15", 64, 0),
	GPR("rip", 64, RIP_OFFSET),
	GPR("eflags", 32, 144),
	GPR("cs", 32, 136),
	GPR("ss", 32, 160),
	GPR("ds", 32, 184),
	GPR("es", 32, 192),
	GPR("fs", 32, 200),
	GPR("gs", 32, 208),
	GPR("orig_rax", 64, ORIG_RAX_OFFSET),
	GPR("fs_base", 64, 168),
	GPR("gs_base", 64, 176),
};

/* GDB's amd64 GNU/Linux order.  */
static int choose_files(uint64_t xcr0, bool xsave, const char **files)
{
	int n = 0;

	files[n++] = "64bit-core.xml";
	files[n++] = "64bit-sse.xml";
	files[n++] = "64bit-linux.xml";
	files[n++] = "64bit-segments.xml";
	if (!xsave)
		return n;
	if (xcr0 & ARCH_X86_XSTATE_AVX)
		files[n++] = "64bit-avx.xml";
	/* GDB numbers MPX after AVX and before AVX-512.  */
	if (xcr0 & ARCH_X86_XSTATE_MPX)
		files[n++] = "mpx.xml";
	/* GDB accepts AVX-512 only on top of AVX.  */
	if ((xcr0 & ARCH_X86_XSTATE_AVX) &&
	    (xcr0 & ARCH_X86_XSTATE_AVX512) == ARCH_X86_XSTATE_AVX512)
		files[n++] = "64bit-avx512.xml";
	if (xcr0 & ARCH_X86_XSTATE_PKRU)
		files[n++] = "pkeys.xml";
	return n;
}

static const struct x86_flavour flavour = {
	.name = "x86-64",
	.arch_name = "i386:x86-64",
	.gprs = gprs,
	.ngprs = sizeof(gprs) / sizeof(gprs[0]),
	.gpr_size = USER_REGS_SIZE,
	.fxsave_note = NT_PRFPREG,
	.pc = "rip",
	.sp = "rsp",
	.fp = "rbp",
	.choose_files = choose_files,
};

int arch_x86_64_check_feature(const char *file, const char *text, char **err)
{
	return x86_check_feature(&flavour, file, text, err);
}

static const struct arch_tdesc *tdesc_for(uint64_t xcr0, size_t probe_len,
					  const char **err)
{
	return x86_tdesc_for(&flavour, xcr0, probe_len, err);
}

X86_GPR_FUNCTIONS(RIP_OFFSET, ORIG_RAX_OFFSET, RAX_OFFSET, 8)

const struct arch_ops arch_x86_64_ops = {
	.name = "x86-64",
	.ptr_size = 8,
	.tdesc_for = tdesc_for,
	X86_SHARED_OPS,
};

/* i386.c - the i386 GNU/Linux backend, for 32-bit x86 programs: under a
   64-bit quietstub the register sets ptrace gives follow the tracee
   (NT_PRSTATUS is the 68-byte i386 struct user_regs_struct), and under
   a 32-bit one they are the native ones, so one table serves both.
   The x87/SSE/AVX registers come from the XSAVE area as on x86-64
   (x86_regs.c); without XSAVE from NT_PRXFPREG, the FXSAVE format
   (NT_PRFPREG is the older FSAVE one here).

   Written through this 32-bit view, eax and orig_eax are zero-extended
   into the kernel's 64-bit registers, but a 64-bit kernel then reads
   them as 32-bit values (sign-extended: TS_I386_REGS_POKED), so a
   system call restart (orig_eax -1, eax -ERESTART*) works as
   written.  */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "x86.h"
#include "x86_regs.h"

#if defined(__i386__)
#include <stddef.h>
#include <sys/user.h>
#endif

#ifndef NT_PRXFPREG
#define NT_PRXFPREG 0x46e62b7f
#endif

#define USER_REGS_SIZE (17 * 4) /* i386 struct user_regs_struct */
#define EAX_OFFSET 24
#define ORIG_EAX_OFFSET 44
#define EIP_OFFSET 48

#if defined(__i386__)
_Static_assert(sizeof(struct user_regs_struct) == USER_REGS_SIZE, "regs");
_Static_assert(offsetof(struct user_regs_struct, eip) == EIP_OFFSET, "eip");
_Static_assert(offsetof(struct user_regs_struct, orig_eax) == ORIG_EAX_OFFSET,
	       "orig_eax");
_Static_assert(offsetof(struct user_regs_struct, eax) == EAX_OFFSET, "eax");
#endif

#define GPR(n, off) X86_GPR(n, 32, off, 4)

/* struct user_regs_struct: ebx ecx edx esi edi ebp eax xds xes xfs xgs
   orig_eax eip xcs eflags esp xss, 4 bytes each.  */
static const struct x86_place gprs[] = {
	GPR("eax", EAX_OFFSET),
	GPR("ecx", 4),
	GPR("edx", 8),
	GPR("ebx", 0),
	GPR("esp", 60),
	GPR("ebp", 20),
	GPR("esi", 12),
	GPR("edi", 16),
	GPR("eip", EIP_OFFSET),
	GPR("eflags", 56),
	GPR("cs", 52),
	GPR("ss", 64),
	GPR("ds", 28),
	GPR("es", 32),
	GPR("fs", 36),
	GPR("gs", 40),
	GPR("orig_eax", ORIG_EAX_OFFSET),
};

/* GDB's i386 GNU/Linux order; no segment bases (those are x86-64's).  */
static int choose_files(uint64_t xcr0, bool xsave, const char **files)
{
	int n = 0;

	files[n++] = "32bit-core.xml";
	files[n++] = "32bit-sse.xml";
	files[n++] = "32bit-linux.xml";
	if (!xsave)
		return n;
	if (xcr0 & ARCH_X86_XSTATE_AVX)
		files[n++] = "32bit-avx.xml";
	/* GDB numbers MPX after AVX and before AVX-512.  */
	if (xcr0 & ARCH_X86_XSTATE_MPX)
		files[n++] = "mpx.xml";
	/* GDB accepts AVX-512 only on top of AVX.  */
	if ((xcr0 & ARCH_X86_XSTATE_AVX) &&
	    (xcr0 & ARCH_X86_XSTATE_AVX512) == ARCH_X86_XSTATE_AVX512)
		files[n++] = "32bit-avx512.xml";
	if (xcr0 & ARCH_X86_XSTATE_PKRU)
		files[n++] = "pkeys.xml";
	return n;
}

static const struct x86_flavour flavour = {
	.name = "i386",
	.arch_name = "i386",
	.gprs = gprs,
	.ngprs = sizeof(gprs) / sizeof(gprs[0]),
	.gpr_size = USER_REGS_SIZE,
	.fxsave_note = NT_PRXFPREG,
	.pc = "eip",
	.sp = "esp",
	.fp = "ebp",
	.choose_files = choose_files,
};

int arch_i386_check_feature(const char *file, const char *text, char **err)
{
	return x86_check_feature(&flavour, file, text, err);
}

static const struct arch_tdesc *tdesc_for(uint64_t xcr0, size_t probe_len,
					  const char **err)
{
	return x86_tdesc_for(&flavour, xcr0, probe_len, err);
}

X86_GPR_FUNCTIONS(EIP_OFFSET, ORIG_EAX_OFFSET, EAX_OFFSET, 4)

const struct arch_ops arch_i386_ops = {
	.name = "i386",
	.ptr_size = 4,
	.tdesc_for = tdesc_for,
	X86_SHARED_OPS,
};

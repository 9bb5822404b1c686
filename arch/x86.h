/* x86.h - what the x86 backends offer beyond arch_x86_64_ops and
   arch_i386_ops: control over the XSAVE layout they assume (for unit
   tests and for register dumps from another machine) and a check of
   one feature file against the register places each knows.  */
#ifndef QS_ARCH_X86_H
#define QS_ARCH_X86_H

#include <stdint.h>

/* XSAVE state components 0..9 (x87 .. PKRU).  */
#define ARCH_X86_XSAVE_NCOMP 10

#define ARCH_X86_XSTATE_X87 (1ULL << 0)
#define ARCH_X86_XSTATE_SSE (1ULL << 1)
#define ARCH_X86_XSTATE_AVX (1ULL << 2)
#define ARCH_X86_XSTATE_BNDREGS (1ULL << 3)
#define ARCH_X86_XSTATE_BNDCSR (1ULL << 4)
#define ARCH_X86_XSTATE_MPX (ARCH_X86_XSTATE_BNDREGS | ARCH_X86_XSTATE_BNDCSR)
#define ARCH_X86_XSTATE_K (1ULL << 5)
#define ARCH_X86_XSTATE_ZMM_H (1ULL << 6)
#define ARCH_X86_XSTATE_ZMM (1ULL << 7)
#define ARCH_X86_XSTATE_AVX512 \
	(ARCH_X86_XSTATE_K | ARCH_X86_XSTATE_ZMM_H | ARCH_X86_XSTATE_ZMM)
#define ARCH_X86_XSTATE_PKRU (1ULL << 9)

/* Fixed places in the NT_X86_XSTATE buffer.  */
#define ARCH_X86_XSAVE_XCR0_OFFSET 464 /* OS-enabled XCR0 (Linux) */
#define ARCH_X86_XSAVE_XSTATE_BV_OFFSET 512 /* XSAVE header */
#define ARCH_X86_XSAVE_EXTENDED_OFFSET 576 /* first extended component */

/* Use OFFSETS[c] as the byte offset of XSAVE component c (2..9) in
   NT_X86_XSTATE buffers; a zero entry means the standard (Intel SDM)
   offset.  NULL goes back to the default: CPUID leaf 0xD on x86 hosts,
   the standard table elsewhere.  Descriptions made before keep their
   layout.  */
void arch_x86_set_xsave_offsets(const uint32_t *offsets);

/* The offset of component COMP (2..9) descriptions are made with now;
   0 for components that have none.  */
uint32_t arch_x86_xsave_offset(int comp);

/* Parse the feature file FILE (TEXT) and check that the backend can
   place every register it names, with the right size.  Returns 0, or
   -1 with *ERR an xmalloc'd message.  */
int arch_x86_64_check_feature(const char *file, const char *text, char **err);
int arch_i386_check_feature(const char *file, const char *text, char **err);

#endif

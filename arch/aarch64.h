/* aarch64.h - what the AArch64 backend offers beyond arch_aarch64_ops:
   its feature bits, the note types older C library headers lack, and a
   check of one feature file against the register places it knows.  */
#ifndef QS_ARCH_AARCH64_H
#define QS_ARCH_AARCH64_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef NT_ARM_TLS
#define NT_ARM_TLS 0x401
#endif
#ifndef NT_ARM_PAC_MASK
#define NT_ARM_PAC_MASK 0x406
#endif

#define ARCH_AARCH64_PAUTH (1ULL << 0) /* NT_ARM_PAC_MASK readable */
#define ARCH_AARCH64_TPIDR2 (1ULL << 1) /* NT_ARM_TLS holds tpidr2 */
/* Bits 8-15: the SVE vector length in quadwords (0: no SVE).  */
#define ARCH_AARCH64_VQ_SHIFT 8
#define ARCH_AARCH64_VQ_MASK (0xffULL << ARCH_AARCH64_VQ_SHIFT)

/* The features of a thread whose NT_ARM_TLS is TLS_LEN bytes, whose
   NT_ARM_PAC_MASK could (PAC_MASK) or could not be read, and whose SVE
   vector length is SVE_VQ quadwords (0: no SVE).  */
uint64_t arch_aarch64_features(size_t tls_len, bool pac_mask, unsigned sve_vq);

/* Parse the feature file FILE (TEXT) and check that the backend can
   place every register it names, with the right size.  Returns 0, or
   -1 with *ERR an xmalloc'd message.  */
int arch_aarch64_check_feature(const char *file, const char *text, char **err);

#endif

/* riscv64.h - what the RISC-V 64-bit backend offers beyond
   arch_riscv64_ops: its features and a check of one feature file
   against the register places it knows.  */
#ifndef QS_ARCH_RISCV64_H
#define QS_ARCH_RISCV64_H

#include <stddef.h>
#include <stdint.h>

/* The features of a process are the bytes of one floating-point
   register (FLEN): 0 (no FP registers), 4 (F) or 8 (D), from the size
   of the NT_PRFPREG set, 33 slots of FLEN bytes (f0-f31 and fcsr).  */
uint64_t arch_riscv64_features(size_t fpregset_len);

/* Parse the feature file FILE (TEXT) and check that the backend can
   place every register it names, with the right size.  Returns 0, or
   -1 with *ERR an xmalloc'd message.  */
int arch_riscv64_check_feature(const char *file, const char *text, char **err);

#endif

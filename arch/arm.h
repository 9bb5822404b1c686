/* arm.h - what the 32-bit ARM backend offers beyond arch_arm_ops: its
   feature bits and a check of one feature file against the register
   places it knows.  */
#ifndef QS_ARCH_ARM_H
#define QS_ARCH_ARM_H

#include <stddef.h>
#include <stdint.h>

#define ARCH_ARM_VFP (1ULL << 0) /* NT_ARM_VFP readable: VFPv3 and NEON */

/* The features of a thread whose NT_ARM_VFP set is VFP_LEN bytes (0:
   not readable).  */
uint64_t arch_arm_features(size_t vfp_len);

/* Parse the feature file FILE (TEXT) and check that the backend can
   place every register it names, with the right size.  Returns 0, or
   -1 with *ERR an xmalloc'd message.  */
int arch_arm_check_feature(const char *file, const char *text, char **err);

#endif

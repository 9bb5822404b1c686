/* aarch64_sve.h - the AArch64 SVE registers (aarch64_sve.c), for the
   AArch64 backend and its unit test.  */
#ifndef QS_ARCH_AARCH64_SVE_H
#define QS_ARCH_AARCH64_SVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "tdesc.h"

#ifndef NT_ARM_SVE
#define NT_ARM_SVE 0x405
#endif

#define A64_SVE_VQ_MAX 16 /* 2048-bit vectors */

/* Bytes of the NT_ARM_SVE set in its SVE form for VQ quadwords.  */
size_t a64_sve_regset_size(unsigned vq);
/* The vector length in quadwords that the set's header HDR (LEN bytes
   read) gives; 0 if none.  */
unsigned a64_sve_vq_from_header(const uint8_t *hdr, size_t len);
/* The name of the SVE feature file for VQ quadwords, made and added to
   the feature files the first time; NULL for a VQ out of range.  */
const char *a64_sve_feature(unsigned vq);
/* Place register R of the SVE feature for VQ in the set: its size in
   bits, or 0 if it is not one of the SVE feature's.  */
int a64_sve_place(unsigned vq, const struct tdesc_reg *r, struct arch_reg *out);
/* Read register R from the set SET (either form; SET_SIZE bytes, the
   size of its SVE form for the description's vector length) into OUT;
   returns its size.  A thread whose vector length changed since reads
   as zeros.  */
size_t a64_sve_read(size_t set_size, const struct arch_reg *r,
		    const uint8_t *set, uint8_t *out);
/* Write register R of the set SET from IN, turning the set into its SVE
   form; false if it cannot be written (vg, or a changed length).  */
bool a64_sve_write(size_t set_size, const struct arch_reg *r, uint8_t *set,
		   const uint8_t *in);

#endif

/* eintr_rewind.h - the quiet restart of machines whose system call
   return value overwrites the first argument (AArch64, RISC-V, 32-bit ARM).  */
#ifndef QS_ARCH_EINTR_REWIND_H
#define QS_ARCH_EINTR_REWIND_H

#include <stdbool.h>
#include <stddef.h>

#include "arch.h"

/* Where a machine keeps what the rewind touches: byte offsets of
   REG_SIZE-byte registers in register set 0.  */
struct eintr_rewind_regs {
	size_t ret; /* return value, and first argument at entry */
	size_t pc;
	size_t nr; /* system call number */
	unsigned int reg_size;
	unsigned int insn_len; /* of the system call instruction */
};

/* If RC shows the call BEFORE described returning -EINTR, rewind it as
   the kernel rewinds the calls it restarts: the first argument back,
   the PC back on the system call instruction.  Returns whether it did.  */
bool eintr_rewind(const struct eintr_rewind_regs *at, struct arch_regcache *rc,
		  const struct arch_syscall_state *before);

#endif

/* regs_write.c - a 'G' or 'P' packet's bytes into a register cache.  */
#include "regs_write.h"

bool regs_write_valid(const struct arch_tdesc *td, unsigned long regno,
		      size_t len)
{
	return regno < (unsigned long)td->nregs && td->regs[regno].bitsize &&
	       len == (size_t)td->regs[regno].bitsize / 8;
}

void regs_write(const struct arch_ops *arch, const struct arch_tdesc *td,
		struct arch_regcache *rc, int regno, const uint8_t *data,
		size_t len)
{
	size_t off = 0;

	if (regno >= 0) {
		arch->reg_write(td, rc, regno, data);
		if (regno == td->pc_regnum && arch->cancel_syscall_restart)
			arch->cancel_syscall_restart(rc);
		return;
	}
	for (int n = 0; n < td->nregs; n++) {
		size_t size = (size_t)td->regs[n].bitsize / 8;

		if (off + size > len)
			break;
		if (size)
			arch->reg_write(td, rc, n, data + off);
		off += size;
	}
}

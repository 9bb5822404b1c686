/* eintr_rewind.c - see eintr_rewind.h.  Before a stop in signal
   delivery these kernels have already rewound a call they restart
   themselves (first argument back, PC back on the instruction); a call
   that returned -EINTR is left with the return value where the first
   argument was and the PC past the instruction.  The first argument
   comes from /proc/TID/syscall, read before the interrupt.  Unlike
   x86's -ERESTARTNOHAND, the kernel would not turn this back into
   EINTR for a signal with a handler delivered at the same stop: the
   server leaves a thread with a pending signal alone.  */
#include "eintr_rewind.h"
#include "le_bytes.h"

bool eintr_rewind(const struct eintr_rewind_regs *at, struct arch_regcache *rc,
		  const struct arch_syscall_state *before)
{
	uint8_t *gpr = rc->buf[0];
	size_t n = at->reg_size;
	uint64_t mask = n < 8 ? (1ULL << (8 * n)) - 1 : ~0ULL;

	if (!gpr || !rc->valid[0] || !before || !before->valid ||
	    get_le(gpr + at->ret, n) != ((uint64_t)-4 & mask) /* -EINTR */ ||
	    get_le(gpr + at->pc, n) != (before->pc & mask) ||
	    get_le(gpr + at->nr, n) != ((uint64_t)before->nr & mask))
		return false;
	put_le(gpr + at->ret, n, before->arg0);
	put_le(gpr + at->pc, n, before->pc - at->insn_len);
	rc->dirty[0] = true;
	return true;
}

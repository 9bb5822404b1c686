/* regs_write.h - a 'G' or 'P' packet's bytes into a register cache, the
   same whether the thread is stopped now or the write waits for its
   next stop.  */
#ifndef QS_ARCH_REGS_WRITE_H
#define QS_ARCH_REGS_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* Whether REGNO names a register of TD that is LEN bytes long (a 'P').  */
bool regs_write_valid(const struct arch_tdesc *td, unsigned long regno,
		      size_t len);

/* Write register REGNO (valid, LEN its size) or, REGNO -1, every
   register in 'g' order from DATA into RC.  A short 'G' leaves the
   registers it does not reach alone; a 'P' to the pc stops the kernel
   from restarting the system call the thread may be stopped in, as the
   client moves the thread elsewhere.  */
void regs_write(const struct arch_ops *arch, const struct arch_tdesc *td,
		struct arch_regcache *rc, int regno, const uint8_t *data,
		size_t len);

#endif

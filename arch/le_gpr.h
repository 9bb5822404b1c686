/* le_gpr.h - the get_pc, set_pc and syscall_nr of a backend whose PC
   and system call number are SIZE-byte little-endian registers at byte
   offsets PC_OFF and NR_OFF of register set 0 (the number as the
   kernel leaves it at system call entry and exit).  Include after
   le_bytes.h and arch.h; expand once, at file scope.  */
#ifndef QS_ARCH_LE_GPR_H
#define QS_ARCH_LE_GPR_H

#define LE_GPR_FUNCTIONS(size, pc_off, nr_off)                               \
	static uint64_t get_pc(const struct arch_regcache *rc)               \
	{                                                                    \
		return rc->buf[0] ? get_le(rc->buf[0] + (pc_off), size) : 0; \
	}                                                                    \
	static void set_pc(struct arch_regcache *rc, uint64_t pc)            \
	{                                                                    \
		if (!rc->buf[0])                                             \
			return;                                              \
		put_le(rc->buf[0] + (pc_off), size, pc);                     \
		rc->dirty[0] = true;                                         \
	}                                                                    \
	static long syscall_nr(const struct arch_regcache *rc)               \
	{                                                                    \
		return (long)get_le(rc->buf[0] + (nr_off), size);            \
	}

#endif

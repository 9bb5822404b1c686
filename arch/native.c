/* native.c - which backend debugs which programs on the host quietstub
   was built for: its own kind, and the 32-bit programs the kernel also
   runs (x86 programs on x86-64, AArch32 programs on AArch64).  */
#include <elf.h>
#include <stddef.h>

#include "arch.h"

const struct arch_ops *arch_native(void)
{
#if defined(__x86_64__)
	return &arch_x86_64_ops;
#elif defined(__i386__)
	return &arch_i386_ops;
#elif defined(__aarch64__)
	return &arch_aarch64_ops;
#elif defined(__riscv) && __riscv_xlen == 64
	return &arch_riscv64_ops;
#elif defined(__arm__)
	return &arch_arm_ops;
#else
	return NULL;
#endif
}

const struct arch_ops *arch_for_elf(unsigned int elf_class,
				    unsigned int machine)
{
#if defined(__x86_64__) || defined(__i386__)
	if (elf_class == ELFCLASS32 && machine == EM_386)
		return &arch_i386_ops;
#endif
#if defined(__x86_64__)
	if (elf_class == ELFCLASS64 && machine == EM_X86_64)
		return &arch_x86_64_ops;
#endif
#if defined(__aarch64__)
	if (elf_class == ELFCLASS64 && machine == EM_AARCH64)
		return &arch_aarch64_ops;
#endif
#if defined(__aarch64__) || defined(__arm__)
	if (elf_class == ELFCLASS32 && machine == EM_ARM)
		return &arch_arm_ops;
#endif
#if defined(__riscv) && __riscv_xlen == 64
	if (elf_class == ELFCLASS64 && machine == EM_RISCV)
		return &arch_riscv64_ops;
#endif
	(void)elf_class;
	(void)machine;
	return NULL;
}

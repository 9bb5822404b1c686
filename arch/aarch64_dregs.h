/* aarch64_dregs.h - AArch64 debug register encoding for hardware
   breakpoints and watchpoints (arch_ops.hw_*).  */
#ifndef QS_AARCH64_DREGS_H
#define QS_AARCH64_DREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arch.h"

/* The debug register sets, for C libraries that predate them.  */
#ifndef NT_ARM_HW_BREAK
#define NT_ARM_HW_BREAK 0x402
#endif
#ifndef NT_ARM_HW_WATCH
#define NT_ARM_HW_WATCH 0x403
#endif

#define A64_HW_WATCH_SLOTS 4 /* slots 0-3 */
#define A64_HW_BREAK_SLOTS 4 /* slots 4-7 */

bool a64_hw_slot_takes(int slot, enum arch_hw_type type);
uint64_t a64_hw_piece(enum arch_hw_type type, uint64_t addr, uint64_t len);
size_t a64_hw_program_regsets(const struct arch_hw_slot *slots,
			      struct arch_hw_regset *out);
/* The same for an AArch32 program (pieces from arm_hw_piece).  */
size_t a64_hw_program_regsets_aarch32(const struct arch_hw_slot *slots,
				      struct arch_hw_regset *out);
int a64_hw_triggered_addr(const struct arch_hw_slot *slots, uint64_t addr);

#endif

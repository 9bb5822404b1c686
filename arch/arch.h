/* arch.h - the interface every architecture backend implements.  A
   backend never calls ptrace: the server fetches the register sets it
   names (by NT_* note type) into buffers and hands them over.  */
#ifndef QS_ARCH_H
#define QS_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define ARCH_MAX_REGSETS 6

/* Hardware breakpoints and watchpoints, numbered as in Z1-Z4.  */
enum arch_hw_type {
	ARCH_HW_NONE = 0, /* a free slot */
	ARCH_HW_EXEC = 1,
	ARCH_HW_WRITE = 2,
	ARCH_HW_READ = 3,
	ARCH_HW_ACCESS = 4,
};

#define ARCH_MAX_HW_SLOTS 8
#define ARCH_MAX_HW_WORDS 24

/* What one debug register slot watches.  */
struct arch_hw_slot {
	enum arch_hw_type type;
	uint64_t addr;
	uint64_t len;
};

/* One word the server writes into a thread's user area
   (PTRACE_POKEUSER), in the order given.  */
struct arch_user_word {
	unsigned long offset;
	uint64_t value;
};

/* One register set a backend's debug registers are written through
   (PTRACE_SETREGSET), for backends without user-area words.  */
struct arch_hw_regset {
	unsigned int note;
	size_t len;
	uint8_t buf[8 + 16 * 16];
};

/* A thread blocked in a system call, as /proc/TID/syscall showed it
   just before an interrupt: what some machines' registers no longer
   hold afterwards.  */
struct arch_syscall_state {
	bool valid; /* read, and the thread was in a system call */
	long nr;
	uint64_t arg0; /* the first argument */
	uint64_t pc; /* the user PC, just after the system call */
};

/* Not a note type: the 32-bit ARM kernel gives the thread pointer
   through PTRACE_GET_THREAD_AREA instead of a register set, and the
   server reads it that way (4 bytes, read-only) for a backend that
   names this "note".  */
#define ARCH_NOTE_ARM_THREAD_AREA 0x7f000001u

/* What the extra probes read: each one's length (0: none, or not
   readable) and its first bytes (at most ARCH_PROBE_EXTRA_MAX).  */
#define ARCH_PROBE_EXTRA_MAX 4096
struct arch_probe_extra {
	size_t len[2];
	const uint8_t *buf[2];
};

/* One register set as PTRACE_GETREGSET reads it.  */
struct arch_regset {
	unsigned int note; /* NT_PRSTATUS, NT_PRFPREG, NT_X86_XSTATE, ... */
	size_t size; /* bytes; for XSTATE the probed size */
	bool read_only; /* the kernel refuses writes (tdesc_copy_write) */
};

/* How a GDB register's bytes relate to the bytes in its register set.  */
enum arch_reg_conv {
	ARCH_CONV_COPY =
		0, /* copy min(size, regset field) bytes, zero-extend */
	ARCH_CONV_X87_FTAG, /* full tag word <-> FXSAVE abridged tag */
	ARCH_CONV_X87_FOP, /* 11-bit opcode */
	ARCH_CONV_XSTATE_COMPONENT, /* zero when the XSTATE_BV bit is clear */
	ARCH_CONV_MXCSR, /* x86 MXCSR: saved with the SSE or the AVX
				component, init value when both are clear */
	ARCH_CONV_SVE, /* AArch64 NT_ARM_SVE in either of its forms
			  (aarch64_sve.c) */
};

struct arch_reg {
	const char *name; /* GDB register name from the feature XML */
	int regnum; /* GDB register number (order in 'g') */
	int bitsize;
	int regset; /* index into the description's regsets */
	size_t offset; /* byte offset inside that regset */
	size_t field_size; /* bytes stored in the regset (<= bitsize/8) */
	enum arch_reg_conv conv;
	/* XSAVE component holding the register, or -1.  While its
	   XSTATE_BV bit is clear the register reads as INIT_VALUE
	   (zero-extended, e.g. fctrl 0x037f); writing it sets the bit.  */
	int xstate_bit;
	uint64_t init_value;
	/* From the feature XML, for qRegisterInfo-style clients.  */
	const char *type; /* "int64", "vec128", ... */
	const char *group; /* "float", "vector" or NULL */
	const char *feature; /* "org.gnu.gdb.i386.core", ... */
};

/* A target description of one process: what target.xml says, the
   register layout, and the files it serves through qXfer:features.
   Register set 0 always holds the general registers (pc, system call
   state).  */
struct arch_tdesc {
	const char *arch_name; /* "i386:x86-64" */
	int nregsets;
	struct arch_regset regsets[ARCH_MAX_REGSETS];
	int nregs;
	/* Indexed by GDB regnum; a number the feature files skip has no
	   name and no bits.  */
	struct arch_reg *regs;
	size_t g_size; /* bytes of all registers in 'g' order */
	int pc_regnum, sp_regnum, fp_regnum;
	/* qXfer:features:read annexes: "target.xml" and the feature files */
	int nannexes;
	const char **annex_names;
	const char **annex_texts;
};

/* The per-thread register cache a backend reads and writes.  The server
   fills buf[i] with regset i (valid[i]) before calling the backend;
   backends set dirty[i] when they change it.  */
struct arch_regcache {
	uint8_t *buf[ARCH_MAX_REGSETS];
	bool valid[ARCH_MAX_REGSETS];
	bool dirty[ARCH_MAX_REGSETS];
};

struct arch_ops {
	const char *name;
	/* The programs it serves have pointers of this many bytes (their
	   link maps and auxiliary vector too).  */
	unsigned int ptr_size;
	/* The server reads register set PROBE_NOTE (with a buffer of up to
	   64 KiB) from a stopped thread and passes what it got here, with
	   what it read of the PROBE_EXTRA_NOTES (NULL in unit tests that
	   need none); the result (x86: XCR0) selects the description.  */
	unsigned int probe_note;
	unsigned int probe_extra_notes[2];
	uint64_t (*features_from_probe)(const uint8_t *buf, size_t len,
					const struct arch_probe_extra *extra);
	/* A client that reads no description (its qSupported has no
	   "xmlRegisters=" list naming XML_REGISTERS_NAME) assumes GDB's
	   built-in registers, which the description of the
	   FEATURES_WITHOUT_XML part of the probed features matches (x86:
	   x87 and SSE).  NULL: the client always reads a description.  */
	const char *xml_registers_name;
	uint64_t features_without_xml;
	/* Without a stopped thread to probe (attach in non-stop mode), the
	   features and probe size a process of this machine has; false if
	   unknown.  */
	bool (*host_features)(uint64_t *features, size_t *probe_len);
	/* Description for a process with FEATURES whose probe register set
	   was PROBE_LEN bytes.  Cached by the backend; lives as long as the
	   program.  NULL with *ERR set if the feature files cannot be
	   loaded.  */
	const struct arch_tdesc *(*tdesc_for)(uint64_t features,
					      size_t probe_len,
					      const char **err);
	/* Read GDB register REGNUM into OUT (bitsize/8 bytes, target order).
	   The regset it lives in must be valid.  Returns bytes written.  */
	size_t (*reg_read)(const struct arch_tdesc *td,
			   const struct arch_regcache *rc, int regnum,
			   uint8_t *out);
	/* Write GDB register REGNUM from IN; marks the regset dirty.  */
	void (*reg_write)(const struct arch_tdesc *td, struct arch_regcache *rc,
			  int regnum, const uint8_t *in);
	/* The PC, in register set 0.  */
	uint64_t (*get_pc)(const struct arch_regcache *rc);
	void (*set_pc)(struct arch_regcache *rc, uint64_t pc);
	/* Writing the PC of a thread stopped inside a system call must stop
	   the kernel from restarting it (x86: orig_rax = -1).  */
	void (*cancel_syscall_restart)(struct arch_regcache *rc);
	/* The number of the system call a thread is in, at its system call
	   entry or exit stop (x86: orig_rax).  */
	long (*syscall_nr)(const struct arch_regcache *rc);

	/* Software breakpoint instruction for Z0 kind KIND; NULL if KIND is
	   not valid.  */
	const uint8_t *(*sw_breakpoint)(uint64_t kind, size_t *len);
	/* How far the PC has moved past a software breakpoint when it traps
	   (x86: 1; aarch64: 0).  */
	size_t decr_pc_after_break;
	bool has_single_step;

	/* Quiet restart.  A system call that a PTRACE_INTERRUPT woke and
	   that returned -EINTR (instead of an -ERESTART* code the kernel
	   restarts itself) would leak EINTR to the program.  If the
	   registers show such a return, put the kernel's -ERESTARTNOHAND
	   in its place and return true: resumed from the interrupt stop
	   (still inside the kernel's signal handling), the thread makes
	   the call again, unless a signal with a handler is delivered
	   first, which turns it into the EINTR the program would have
	   seen without us.  Machines whose registers lose the first
	   argument (AArch64, RISC-V: the return value overwrites it) set
	   WANT_SYSCALL_STATE and get the call as it was before the
	   interrupt in BEFORE; the others get NULL.  */
	bool (*restart_eintr_syscall)(struct arch_regcache *rc,
				      const struct arch_syscall_state *before);
	bool want_syscall_state;

	/* Hardware breakpoints and watchpoints: HW_SLOTS debug register
	   slots (0: none), shared by every thread of a process.  */
	int hw_slots;
	/* How many bytes from ADDR (at most LEN) one slot can watch for
	   TYPE; a longer range takes several slots.  0 if TYPE is not
	   supported.  */
	uint64_t (*hw_piece)(enum arch_hw_type type, uint64_t addr,
			     uint64_t len);
	/* The writes that give a thread SLOTS (hw_slots of them), in
	   order; returns how many were put in OUT (ARCH_MAX_HW_WORDS).
	   Each is a user-area word (PTRACE_POKEUSER), or with
	   HW_WORDS_HBPREGS a debug register number, negative for
	   watchpoints (PTRACE_SETHBPREGS, 32-bit ARM).  */
	size_t (*hw_program)(const struct arch_hw_slot *slots,
			     struct arch_user_word *out);
	bool hw_words_hbpregs;
	/* The user-area word saying which slot triggered (x86: DR6), and
	   that slot from its value (-1: none).  Cleared by writing 0.  */
	unsigned long hw_status_offset;
	int (*hw_triggered)(uint64_t status);
	/* Backends whose debug registers are register sets (AArch64)
	   instead: the sets that give a thread SLOTS (at most 2 in OUT).
	   Backends without a status word (the ARMs): the slot whose hit
	   stopped a thread from the address in its siginfo (-1: none).
	   Which slots take which type (NULL: any slot any type).  */
	size_t (*hw_program_regsets)(const struct arch_hw_slot *slots,
				     struct arch_hw_regset *out);
	int (*hw_triggered_addr)(const struct arch_hw_slot *slots,
				 uint64_t addr);
	bool (*hw_slot_takes)(int slot, enum arch_hw_type type);
};

/* Backends.  */
extern const struct arch_ops arch_x86_64_ops;
extern const struct arch_ops arch_i386_ops;
extern const struct arch_ops arch_aarch64_ops;
extern const struct arch_ops arch_riscv64_ops;
extern const struct arch_ops arch_arm_ops;

/* The backend for programs of this host build's own kind.  */
const struct arch_ops *arch_native(void);

/* The backend for a program whose ELF header says ELF_CLASS
   (ELFCLASS32, ELFCLASS64) and MACHINE (EM_*), when this build can
   debug such programs; NULL otherwise.  */
const struct arch_ops *arch_for_elf(unsigned int elf_class,
				    unsigned int machine);

#endif

/* agent_expr.h - GDB agent expressions (the "Agent Expressions" appendix
   of the GDB manual): parsing the condition and command lists that GDB
   appends to Z0/Z1 packets, and a bounded evaluator for the bytecode.
   Pure: target access goes through the callbacks of struct ax_ops.  */
#ifndef QS_AGENT_EXPR_H
#define QS_AGENT_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits.  An expression longer than AX_MAX_LEN bytes is refused by the
   parser; the evaluator keeps at most AX_STACK_MAX values, executes at
   most AX_STEP_MAX operations, and formats at most AX_PRINTF_MAX bytes
   of text per printf (the rest is cut off).  */
#define AX_MAX_LEN 65536
#define AX_STACK_MAX 1024
#define AX_STEP_MAX 100000
#define AX_PRINTF_MAX 4096
#define AX_REG_MAX 64 /* bytes of the read_reg buffer */

/* Opcodes, as numbered by the manual.  */
enum ax_op {
	AX_OP_FLOAT = 0x01,
	AX_OP_ADD = 0x02,
	AX_OP_SUB = 0x03,
	AX_OP_MUL = 0x04,
	AX_OP_DIV_SIGNED = 0x05,
	AX_OP_DIV_UNSIGNED = 0x06,
	AX_OP_REM_SIGNED = 0x07,
	AX_OP_REM_UNSIGNED = 0x08,
	AX_OP_LSH = 0x09,
	AX_OP_RSH_SIGNED = 0x0a,
	AX_OP_RSH_UNSIGNED = 0x0b,
	AX_OP_TRACE = 0x0c,
	AX_OP_TRACE_QUICK = 0x0d,
	AX_OP_LOG_NOT = 0x0e,
	AX_OP_BIT_AND = 0x0f,
	AX_OP_BIT_OR = 0x10,
	AX_OP_BIT_XOR = 0x11,
	AX_OP_BIT_NOT = 0x12,
	AX_OP_EQUAL = 0x13,
	AX_OP_LESS_SIGNED = 0x14,
	AX_OP_LESS_UNSIGNED = 0x15,
	AX_OP_EXT = 0x16,
	AX_OP_REF8 = 0x17,
	AX_OP_REF16 = 0x18,
	AX_OP_REF32 = 0x19,
	AX_OP_REF64 = 0x1a,
	AX_OP_REF_FLOAT = 0x1b,
	AX_OP_REF_DOUBLE = 0x1c,
	AX_OP_REF_LONG_DOUBLE = 0x1d,
	AX_OP_L_TO_D = 0x1e,
	AX_OP_D_TO_L = 0x1f,
	AX_OP_IF_GOTO = 0x20,
	AX_OP_GOTO = 0x21,
	AX_OP_CONST8 = 0x22,
	AX_OP_CONST16 = 0x23,
	AX_OP_CONST32 = 0x24,
	AX_OP_CONST64 = 0x25,
	AX_OP_REG = 0x26,
	AX_OP_END = 0x27,
	AX_OP_DUP = 0x28,
	AX_OP_POP = 0x29,
	AX_OP_ZERO_EXT = 0x2a,
	AX_OP_SWAP = 0x2b,
	AX_OP_GETV = 0x2c,
	AX_OP_SETV = 0x2d,
	AX_OP_TRACEV = 0x2e,
	AX_OP_TRACENZ = 0x2f,
	AX_OP_TRACE16 = 0x30,
	AX_OP_INVALID2 = 0x31,
	AX_OP_PICK = 0x32,
	AX_OP_ROT = 0x33,
	AX_OP_PRINTF = 0x34,
};

struct ax_expr {
	uint8_t *code;
	size_t len;
};

/* What follows "Z0,addr,kind" (or Z1): conditions (the breakpoint
   stops if any is non-zero) and target-side commands (dprintf).  */
struct ax_point_extra {
	struct ax_expr *conds;
	size_t nconds;
	struct ax_expr *cmds;
	size_t ncmds;
	bool persist; /* run the commands even after GDB disconnects */
};

/* Parse EXTRA: "" or NULL (no conditions), or ";" followed by
   "Xlen,hex" conditions and a "cmds:persist,Xlen,hex..." command list.
   Expressions of one list may be concatenated (as GDB sends them) or
   separated by ';'; a ';' ends a command list.  Returns 0, or -1 with
   *ERR (if ERR is not NULL) set to a short static reason and *OUT
   empty.  Free a successful result with ax_point_extra_free.  */
int ax_parse_point_extra(const char *extra, struct ax_point_extra *out,
			 const char **err);
void ax_point_extra_free(struct ax_point_extra *pe);

struct ax_ops {
	void *ctx;
	/* Raw register REGNUM (GDB's numbering for the target description)
	   as little-endian bytes into BUF (SIZE is AX_REG_MAX); returns the
	   number of bytes, or -1.  */
	int (*read_reg)(void *ctx, int regnum, uint8_t *buf, size_t size);
	/* 0 on success, -1 on failure.  */
	int (*read_mem)(void *ctx, uint64_t addr, void *buf, size_t len);
	/* Optional: the text formatted by a printf op (dprintf with
	   target-side commands), not NUL-terminated.  */
	void (*output)(void *ctx, const char *text, size_t len);
};

enum ax_status {
	AX_OK = 0,
	AX_ERR_BAD_OPCODE, /* unknown opcode */
	AX_ERR_STACK, /* stack underflow or overflow */
	AX_ERR_MEMORY, /* read_mem failed */
	AX_ERR_REGISTER, /* read_reg failed */
	AX_ERR_DIV_ZERO,
	AX_ERR_PC_RANGE, /* jump outside the code, or ran off its end */
	AX_ERR_TOO_LONG, /* more than AX_STEP_MAX operations */
	AX_ERR_UNSUPPORTED, /* valid, but not implemented here */
	AX_ERR_BAD_FORMAT, /* printf format or argument count is wrong */
};

/* Run X from its first byte.  On AX_OK, *TOP (if TOP is not NULL) is
   the top of the stack at "end", or 0 if the stack was empty; on an
   error it is 0.  OPS (or any callback) may be NULL: the operations
   needing it then fail.  */
enum ax_status ax_eval(const struct ax_expr *x, const struct ax_ops *ops,
		       uint64_t *top);
const char *ax_status_str(enum ax_status st);

#endif

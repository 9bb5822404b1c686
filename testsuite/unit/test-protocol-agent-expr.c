/* test-protocol-agent-expr.c - unit tests of the agent expression
   parser and evaluator (agent_expr.c): every opcode, the extension and
   shift edge cases, the limits (stack, jumps, step budget), printf, and
   conditions and a dprintf command captured from GDB 13 talking to
   gdbserver, evaluated against a fake target.  */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "agent_expr.h"

/* ---- a fake target ---- */

#define NREGS 300

struct region {
	uint64_t addr;
	uint8_t *data;
	size_t len;
};

static struct {
	uint64_t regs[NREGS];
	int regsize[NREGS]; /* 0: read_reg fails */
	struct region mem[16];
	int nmem;
	char out[16384];
	size_t outlen;
	int outcalls;
	int reads; /* read_mem calls */
} fake;

static int fake_read_reg(void *ctx, int regnum, uint8_t *buf, size_t size)
{
	int i;

	(void)ctx;
	if (regnum < 0 || regnum >= NREGS || !fake.regsize[regnum] ||
	    (size_t)fake.regsize[regnum] > size)
		return -1;
	for (i = 0; i < fake.regsize[regnum]; i++)
		buf[i] = i < 8 ? (uint8_t)(fake.regs[regnum] >> (8 * i)) : 0xee;
	return fake.regsize[regnum];
}

static int fake_read_mem(void *ctx, uint64_t addr, void *buf, size_t len)
{
	int i;

	(void)ctx;
	fake.reads++;
	for (i = 0; i < fake.nmem; i++) {
		struct region *r = &fake.mem[i];

		if (addr >= r->addr && len <= r->len &&
		    addr - r->addr <= r->len - len) {
			memcpy(buf, r->data + (addr - r->addr), len);
			return 0;
		}
	}
	return -1;
}

static void fake_output(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	if (len > sizeof(fake.out) - fake.outlen)
		len = sizeof(fake.out) - fake.outlen;
	memcpy(fake.out + fake.outlen, text, len);
	fake.outlen += len;
	fake.outcalls++;
}

static const struct ax_ops ops = {
	.ctx = &fake,
	.read_reg = fake_read_reg,
	.read_mem = fake_read_mem,
	.output = fake_output,
};

static void add_region(uint64_t addr, uint8_t *data, size_t len)
{
	fake.mem[fake.nmem].addr = addr;
	fake.mem[fake.nmem].data = data;
	fake.mem[fake.nmem].len = len;
	fake.nmem++;
}

static void out_reset(void)
{
	fake.outlen = 0;
	fake.outcalls = 0;
}

/* ---- running code ---- */

static enum ax_status run_ops(const struct ax_ops *o, const uint8_t *code,
			      size_t len, uint64_t *top)
{
	struct ax_expr x = { (uint8_t *)code, len };

	return ax_eval(&x, o, top);
}

#define CODE(...) ((const uint8_t[]){ __VA_ARGS__ })
#define RUN(top, ...) \
	run_ops(&ops, CODE(__VA_ARGS__), sizeof(CODE(__VA_ARGS__)), (top))

/* Run the bytes, expect AX_OK and WANT on top.  */
#define VAL(name, want, ...)                                                   \
	do {                                                                   \
		uint64_t v_ = 0xdeadbeef;                                      \
		enum ax_status s_ = RUN(&v_, __VA_ARGS__);                     \
		CHECK(s_ == AX_OK && v_ == (uint64_t)(want),                   \
		      "%s: %s, 0x%llx (want 0x%llx)", name, ax_status_str(s_), \
		      (unsigned long long)v_, (unsigned long long)(want));     \
	} while (0)

/* Run the bytes, expect status WANT (and 0 in *top).  */
#define ERR(name, want, ...)                                             \
	do {                                                             \
		uint64_t v_ = 0xdeadbeef;                                \
		enum ax_status s_ = RUN(&v_, __VA_ARGS__);               \
		CHECK(s_ == (want) && v_ == 0, "%s: %s (want %s)", name, \
		      ax_status_str(s_), ax_status_str(want));           \
	} while (0)

/* Big-endian operands, as the bytecode has them.  */
#define B(x, n) (uint8_t)((uint64_t)(x) >> (8 * (n)))
#define C8(x) AX_OP_CONST8, B(x, 0)
#define C16(x) AX_OP_CONST16, B(x, 1), B(x, 0)
#define C32(x) AX_OP_CONST32, B(x, 3), B(x, 2), B(x, 1), B(x, 0)
#define C64(x)                                                               \
	AX_OP_CONST64, B(x, 7), B(x, 6), B(x, 5), B(x, 4), B(x, 3), B(x, 2), \
		B(x, 1), B(x, 0)
#define END AX_OP_END
#define M1 0xffffffffffffffffULL
#define MIN64 0x8000000000000000ULL

static void test_arith(void)
{
	VAL("add", 5, C8(2), C8(3), AX_OP_ADD, END);
	VAL("add wraps", 0, C64(M1), C8(1), AX_OP_ADD, END);
	VAL("sub is a-b", (uint64_t)-2, C8(3), C8(5), AX_OP_SUB, END);
	VAL("sub", 2, C8(5), C8(3), AX_OP_SUB, END);
	VAL("mul", 0x12340, C16(0x1234), C8(0x10), AX_OP_MUL, END);
	VAL("mul wraps", 0, C64(MIN64), C8(2), AX_OP_MUL, END);
	VAL("mul signed", (uint64_t)-6, C64(M1 - 2), C8(2), AX_OP_MUL, END);

	/* -7 is pushed as GDB does: const8 0xf9, ext 8.  */
	VAL("div_signed -7/2", (uint64_t)-3, C8(0xf9), AX_OP_EXT, 8, C8(2),
	    AX_OP_DIV_SIGNED, END);
	VAL("div_signed 7/-2", (uint64_t)-3, C8(7), C8(0xfe), AX_OP_EXT, 8,
	    AX_OP_DIV_SIGNED, END);
	VAL("div_signed -8/-2", 4, C8(0xf8), AX_OP_EXT, 8, C8(0xfe), AX_OP_EXT,
	    8, AX_OP_DIV_SIGNED, END);
	VAL("div_signed INT64_MIN/-1 wraps", MIN64, C64(MIN64), C64(M1),
	    AX_OP_DIV_SIGNED, END);
	VAL("div_unsigned -7/2", 0x7ffffffffffffffcULL, C8(0xf9), AX_OP_EXT, 8,
	    C8(2), AX_OP_DIV_UNSIGNED, END);
	VAL("div_unsigned", 33, C8(100), C8(3), AX_OP_DIV_UNSIGNED, END);
	VAL("rem_signed -7%2", M1, C8(0xf9), AX_OP_EXT, 8, C8(2),
	    AX_OP_REM_SIGNED, END);
	VAL("rem_signed 7%-2", 1, C8(7), C8(0xfe), AX_OP_EXT, 8,
	    AX_OP_REM_SIGNED, END);
	VAL("rem_signed INT64_MIN%-1", 0, C64(MIN64), C64(M1), AX_OP_REM_SIGNED,
	    END);
	VAL("rem_unsigned", 2, C8(17), C8(5), AX_OP_REM_UNSIGNED, END);
	VAL("rem_unsigned -1%10", 5, C64(M1), C8(10), AX_OP_REM_UNSIGNED, END);

	ERR("div_signed by 0", AX_ERR_DIV_ZERO, C8(1), C8(0), AX_OP_DIV_SIGNED,
	    END);
	ERR("div_unsigned by 0", AX_ERR_DIV_ZERO, C8(1), C8(0),
	    AX_OP_DIV_UNSIGNED, END);
	ERR("rem_signed by 0", AX_ERR_DIV_ZERO, C8(1), C8(0), AX_OP_REM_SIGNED,
	    END);
	ERR("rem_unsigned by 0", AX_ERR_DIV_ZERO, C8(1), C8(0),
	    AX_OP_REM_UNSIGNED, END);

	VAL("lsh", 16, C8(1), C8(4), AX_OP_LSH, END);
	VAL("lsh 63", MIN64, C8(1), C8(63), AX_OP_LSH, END);
	VAL("lsh 64", 0, C8(1), C8(64), AX_OP_LSH, END);
	VAL("lsh huge", 0, C8(1), C64(M1), AX_OP_LSH, END);
	VAL("rsh_signed neg", (uint64_t)-4, C8(0xf0), AX_OP_EXT, 8, C8(2),
	    AX_OP_RSH_SIGNED, END);
	VAL("rsh_signed pos", 0x0123456789abcdefULL, C64(0x123456789abcdef0ULL),
	    C8(4), AX_OP_RSH_SIGNED, END);
	VAL("rsh_signed 0", 0xf0, C8(0xf0), C8(0), AX_OP_RSH_SIGNED, END);
	VAL("rsh_signed 63", M1, C64(MIN64), C8(63), AX_OP_RSH_SIGNED, END);
	VAL("rsh_signed 64 neg", M1, C64(MIN64), C8(64), AX_OP_RSH_SIGNED, END);
	VAL("rsh_signed 200 pos", 0, C64(0x7fffffffffffffffULL), C8(200),
	    AX_OP_RSH_SIGNED, END);
	VAL("rsh_unsigned", 0xf, C8(0xf0), AX_OP_EXT, 8, C8(60),
	    AX_OP_RSH_UNSIGNED, END);
	VAL("rsh_unsigned 64", 0, C64(M1), C8(64), AX_OP_RSH_UNSIGNED, END);
}

static void test_logic(void)
{
	VAL("log_not 0", 1, C8(0), AX_OP_LOG_NOT, END);
	VAL("log_not 5", 0, C8(5), AX_OP_LOG_NOT, END);
	VAL("log_not high bit", 0, C64(MIN64), AX_OP_LOG_NOT, END);
	VAL("bit_and", 0x0c, C8(0x0f), C8(0x3c), AX_OP_BIT_AND, END);
	VAL("bit_or", 0x3f, C8(0x0f), C8(0x3c), AX_OP_BIT_OR, END);
	VAL("bit_xor", 0x33, C8(0x0f), C8(0x3c), AX_OP_BIT_XOR, END);
	VAL("bit_not", ~(uint64_t)0x0f, C8(0x0f), AX_OP_BIT_NOT, END);
	VAL("equal", 1, C8(5), C8(5), AX_OP_EQUAL, END);
	VAL("not equal", 0, C8(5), C8(6), AX_OP_EQUAL, END);
	VAL("equal 64-bit", 0, C64(0x100000005ULL), C8(5), AX_OP_EQUAL, END);
	VAL("less_signed -1<0", 1, C64(M1), C8(0), AX_OP_LESS_SIGNED, END);
	VAL("less_signed 0<-1", 0, C8(0), C64(M1), AX_OP_LESS_SIGNED, END);
	VAL("less_signed equal", 0, C8(3), C8(3), AX_OP_LESS_SIGNED, END);
	VAL("less_signed min<max", 1, C64(MIN64), C64(0x7fffffffffffffffULL),
	    AX_OP_LESS_SIGNED, END);
	VAL("less_unsigned -1<0", 0, C64(M1), C8(0), AX_OP_LESS_UNSIGNED, END);
	VAL("less_unsigned 0<-1", 1, C8(0), C64(M1), AX_OP_LESS_UNSIGNED, END);
	VAL("less_unsigned equal", 0, C8(3), C8(3), AX_OP_LESS_UNSIGNED, END);
}

static void test_ext(void)
{
	VAL("ext 8 neg", 0xffffffffffffff80ULL, C8(0x80), AX_OP_EXT, 8, END);
	VAL("ext 8 pos", 0x7f, C8(0x7f), AX_OP_EXT, 8, END);
	VAL("ext 8 drops high bits", 0x7f, C16(0x017f), AX_OP_EXT, 8, END);
	VAL("ext 16", 0xffffffffffff8000ULL, C16(0x8000), AX_OP_EXT, 16, END);
	VAL("ext 32 neg", 0xffffffff80000000ULL, C32(0x80000000), AX_OP_EXT, 32,
	    END);
	VAL("ext 32 pos", 0x7fffffff, C64(0x17fffffffULL), AX_OP_EXT, 32, END);
	VAL("ext 1 of 1", M1, C8(0xff), AX_OP_EXT, 1, END);
	VAL("ext 1 of 0", 0, C8(0xfe), AX_OP_EXT, 1, END);
	VAL("ext 63", 0xc000000000000000ULL, C64(0x4000000000000000ULL),
	    AX_OP_EXT, 63, END);
	VAL("ext 64 no effect", 0x8000000000000001ULL,
	    C64(0x8000000000000001ULL), AX_OP_EXT, 64, END);
	VAL("ext 200 no effect", 0x1234, C16(0x1234), AX_OP_EXT, 200, END);
	VAL("ext 0", 0, C8(0xff), AX_OP_EXT, 0, END);

	VAL("zero_ext 8", 0xff, C64(M1), AX_OP_ZERO_EXT, 8, END);
	VAL("zero_ext 32", 0xffffffff, C64(M1), AX_OP_ZERO_EXT, 32, END);
	VAL("zero_ext 1", 1, C64(M1), AX_OP_ZERO_EXT, 1, END);
	VAL("zero_ext 63", 0x7fffffffffffffffULL, C64(M1), AX_OP_ZERO_EXT, 63,
	    END);
	VAL("zero_ext 64 no effect", M1, C64(M1), AX_OP_ZERO_EXT, 64, END);
	VAL("zero_ext 255 no effect", M1, C64(M1), AX_OP_ZERO_EXT, 255, END);
	VAL("zero_ext 0", 0, C64(M1), AX_OP_ZERO_EXT, 0, END);
	VAL("ext then zero_ext", 0xff80, C8(0x80), AX_OP_EXT, 8, AX_OP_ZERO_EXT,
	    16, END);
}

static void test_const(void)
{
	VAL("const8 not sign-extended", 0xff, C8(0xff), END);
	VAL("const16 big-endian", 0x1234, AX_OP_CONST16, 0x12, 0x34, END);
	VAL("const32 big-endian", 0x12345678, AX_OP_CONST32, 0x12, 0x34, 0x56,
	    0x78, END);
	VAL("const64 big-endian", 0x0123456789abcdefULL, AX_OP_CONST64, 0x01,
	    0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, END);
	VAL("const64 -1", M1, C64(M1), END);
	ERR("const8 truncated", AX_ERR_PC_RANGE, AX_OP_CONST8);
	ERR("const16 truncated", AX_ERR_PC_RANGE, AX_OP_CONST16, 1);
	ERR("const32 truncated", AX_ERR_PC_RANGE, AX_OP_CONST32, 1, 2, 3);
	ERR("const64 truncated", AX_ERR_PC_RANGE, AX_OP_CONST64, 1, 2, 3, 4, 5,
	    6, 7);
	ERR("ext truncated", AX_ERR_PC_RANGE, C8(1), AX_OP_EXT);
	ERR("zero_ext truncated", AX_ERR_PC_RANGE, C8(1), AX_OP_ZERO_EXT);
	ERR("pick truncated", AX_ERR_PC_RANGE, C8(1), AX_OP_PICK);
}

static uint8_t mem1000[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
			       0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7 };

static void test_ref(void)
{
	struct ax_ops noread = ops;
	uint64_t v = 1;

	VAL("ref8", 0x01, C16(0x1000), AX_OP_REF8, END);
	VAL("ref8 not sign-extended", 0xf0, C16(0x1008), AX_OP_REF8, END);
	VAL("ref16 little-endian", 0x0201, C16(0x1000), AX_OP_REF16, END);
	VAL("ref32 little-endian", 0x04030201, C16(0x1000), AX_OP_REF32, END);
	VAL("ref64 little-endian", 0x0807060504030201ULL, C16(0x1000),
	    AX_OP_REF64, END);
	VAL("ref32 not sign-extended", 0xf3f2f1f0, C16(0x1008), AX_OP_REF32,
	    END);
	VAL("ref32 + ext 32", 0xfffffffff3f2f1f0ULL, C16(0x1008), AX_OP_REF32,
	    AX_OP_EXT, 32, END);
	VAL("ref64 last bytes", 0xf7f6f5f4f3f2f1f0ULL, C16(0x1008), AX_OP_REF64,
	    END);
	VAL("ref8 unaligned", 0x05, C16(0x1004), AX_OP_REF8, END);
	ERR("ref8 unmapped", AX_ERR_MEMORY, C16(0x2000), AX_OP_REF8, END);
	ERR("ref64 past the end", AX_ERR_MEMORY, C16(0x1009), AX_OP_REF64, END);
	ERR("ref16 at -1", AX_ERR_MEMORY, C64(M1), AX_OP_REF16, END);
	ERR("ref8 empty stack", AX_ERR_STACK, AX_OP_REF8, END);

	noread.read_mem = NULL;
	CHECK(run_ops(&noread, CODE(C16(0x1000), AX_OP_REF8, END), 5, &v) ==
			      AX_ERR_MEMORY &&
		      v == 0,
	      "ref8 without read_mem");
	CHECK(run_ops(NULL, CODE(C16(0x1000), AX_OP_REF8, END), 5, NULL) ==
		      AX_ERR_MEMORY,
	      "ref8 without ops");
	CHECK(run_ops(NULL, CODE(C8(3), END), 3, &v) == AX_OK && v == 3,
	      "constants need no ops");

	ERR("ref_float", AX_ERR_UNSUPPORTED, C16(0x1000), AX_OP_REF_FLOAT, END);
	ERR("ref_double", AX_ERR_UNSUPPORTED, C16(0x1000), AX_OP_REF_DOUBLE,
	    END);
	ERR("ref_long_double", AX_ERR_UNSUPPORTED, C16(0x1000),
	    AX_OP_REF_LONG_DOUBLE, END);
	ERR("l_to_d", AX_ERR_UNSUPPORTED, C8(1), AX_OP_L_TO_D, END);
	ERR("d_to_l", AX_ERR_UNSUPPORTED, C8(1), AX_OP_D_TO_L, END);
	ERR("float prefix", AX_ERR_UNSUPPORTED, AX_OP_FLOAT, C8(1), END);
}

static void test_reg(void)
{
	struct ax_ops noreg = ops;

	VAL("reg 8 bytes", 0x7fffffffe680ULL, AX_OP_REG, 0, 6, END);
	VAL("reg 4 bytes zero-extended", 0x80000246, AX_OP_REG, 0, 49, END);
	VAL("reg 2 bytes", 0xbeef, AX_OP_REG, 0, 50, END);
	VAL("reg 1 byte", 0x80, AX_OP_REG, 0, 51, END);
	VAL("reg number big-endian", 0x1234, AX_OP_REG, 0x01, 0x02, END);
	ERR("reg 16 bytes", AX_ERR_UNSUPPORTED, AX_OP_REG, 0, 70, END);
	ERR("reg unknown", AX_ERR_REGISTER, AX_OP_REG, 0, 99, END);
	ERR("reg out of the fake's range", AX_ERR_REGISTER, AX_OP_REG, 0xff,
	    0xff, END);
	ERR("reg truncated", AX_ERR_PC_RANGE, AX_OP_REG, 0);
	noreg.read_reg = NULL;
	CHECK(run_ops(&noreg, CODE(AX_OP_REG, 0, 6, END), 4, NULL) ==
		      AX_ERR_REGISTER,
	      "reg without read_reg");
}

static void test_stack_ops(void)
{
	VAL("dup", 14, C8(7), AX_OP_DUP, AX_OP_ADD, END);
	VAL("pop", 1, C8(1), C8(2), AX_OP_POP, END);
	VAL("swap", 2, C8(1), C8(3), AX_OP_SWAP, AX_OP_SUB, END);
	VAL("swap keeps the second", 1, C8(1), C8(2), AX_OP_SWAP, END);
	VAL("pick 0 is dup", 9, C8(9), AX_OP_PICK, 0, END);
	VAL("pick 0 pushes", 18, C8(9), AX_OP_PICK, 0, AX_OP_ADD, END);
	VAL("pick 2", 1, C8(1), C8(2), C8(3), AX_OP_PICK, 2, END);
	VAL("pick 2 leaves the rest", 3, C8(1), C8(2), C8(3), AX_OP_PICK, 2,
	    AX_OP_POP, END);
	/* a b c => c a b: top is b, then a, then c.  */
	VAL("rot top", 2, C8(1), C8(2), C8(3), AX_OP_ROT, END);
	VAL("rot second", 1, C8(1), C8(2), C8(3), AX_OP_ROT, AX_OP_POP, END);
	VAL("rot third", 3, C8(1), C8(2), C8(3), AX_OP_ROT, AX_OP_POP,
	    AX_OP_POP, END);
	VAL("rot leaves the fourth", 9, C8(9), C8(1), C8(2), C8(3), AX_OP_ROT,
	    AX_OP_POP, AX_OP_POP, AX_OP_POP, END);

	ERR("add underflow", AX_ERR_STACK, C8(1), AX_OP_ADD, END);
	ERR("sub on empty", AX_ERR_STACK, AX_OP_SUB, END);
	ERR("less_signed underflow", AX_ERR_STACK, C8(1), AX_OP_LESS_SIGNED,
	    END);
	ERR("log_not on empty", AX_ERR_STACK, AX_OP_LOG_NOT, END);
	ERR("bit_not on empty", AX_ERR_STACK, AX_OP_BIT_NOT, END);
	ERR("ext on empty", AX_ERR_STACK, AX_OP_EXT, 8, END);
	ERR("zero_ext on empty", AX_ERR_STACK, AX_OP_ZERO_EXT, 8, END);
	ERR("dup on empty", AX_ERR_STACK, AX_OP_DUP, END);
	ERR("pop on empty", AX_ERR_STACK, AX_OP_POP, END);
	ERR("pop twice", AX_ERR_STACK, C8(1), AX_OP_POP, AX_OP_POP, END);
	ERR("swap underflow", AX_ERR_STACK, C8(1), AX_OP_SWAP, END);
	ERR("rot underflow", AX_ERR_STACK, C8(1), C8(2), AX_OP_ROT, END);
	ERR("pick past the bottom", AX_ERR_STACK, C8(1), C8(2), AX_OP_PICK, 2,
	    END);
	ERR("pick 255", AX_ERR_STACK, C8(1), AX_OP_PICK, 255, END);
	ERR("if_goto on empty", AX_ERR_STACK, AX_OP_IF_GOTO, 0, 0, END);
}

static void test_stack_limit(void)
{
	static uint8_t code[AX_STACK_MAX + 8];
	size_t n = 0, i;
	uint64_t v = 0;
	enum ax_status st;

	/* const8 7, then dups up to a full stack.  */
	code[n++] = AX_OP_CONST8;
	code[n++] = 7;
	for (i = 1; i < AX_STACK_MAX; i++)
		code[n++] = AX_OP_DUP;
	code[n] = AX_OP_END;
	st = run_ops(&ops, code, n + 1, &v);
	CHECK(st == AX_OK && v == 7, "%d values fit: %s", AX_STACK_MAX,
	      ax_status_str(st));
	code[n] = AX_OP_DUP;
	code[n + 1] = AX_OP_END;
	st = run_ops(&ops, code, n + 2, &v);
	CHECK(st == AX_ERR_STACK && v == 0, "dup overflows: %s",
	      ax_status_str(st));
	code[n] = AX_OP_CONST8;
	code[n + 1] = 1;
	code[n + 2] = AX_OP_END;
	st = run_ops(&ops, code, n + 3, &v);
	CHECK(st == AX_ERR_STACK, "const8 overflows: %s", ax_status_str(st));
	code[n] = AX_OP_PICK;
	code[n + 1] = 0;
	st = run_ops(&ops, code, n + 3, &v);
	CHECK(st == AX_ERR_STACK, "pick overflows: %s", ax_status_str(st));
	code[n] = AX_OP_REG;
	code[n + 1] = 0;
	code[n + 2] = 6;
	code[n + 3] = AX_OP_END;
	st = run_ops(&ops, code, n + 4, &v);
	CHECK(st == AX_ERR_STACK, "reg overflows: %s", ax_status_str(st));
	/* A full stack still computes.  */
	code[n] = AX_OP_ADD;
	code[n + 1] = AX_OP_END;
	st = run_ops(&ops, code, n + 2, &v);
	CHECK(st == AX_OK && v == 14, "add on a full stack: %s",
	      ax_status_str(st));

	/* A loop pushing forever stops at the stack limit.  */
	ERR("push loop", AX_ERR_STACK, C8(1), AX_OP_GOTO, 0, 0);
}

static void test_flow(void)
{
	/* 0: const8 C; 2: if_goto 8; 5: const8 0xaa; 7: end;
	   8: const8 0xbb; 10: end */
	VAL("if_goto taken", 0xbb, C8(1), AX_OP_IF_GOTO, 0, 8, C8(0xaa), END,
	    C8(0xbb), END);
	VAL("if_goto not taken", 0xaa, C8(0), AX_OP_IF_GOTO, 0, 8, C8(0xaa),
	    END, C8(0xbb), END);
	VAL("if_goto on any non-zero bit", 0xbb, C64(MIN64), AX_OP_IF_GOTO, 0,
	    15, C8(0xaa), END, C8(0xbb), END);
	VAL("if_goto pops", 7, C8(7), C8(1), AX_OP_IF_GOTO, 0, 7, END);
	VAL("goto", 2, AX_OP_GOTO, 0, 5, C8(1), C8(2), END);
	VAL("goto to the end op", 0, C8(1), AX_OP_POP, AX_OP_GOTO, 0, 6, END);

	/* Sum 1..100 with a backward if_goto:
	   0: const8 0 (acc); 2: const8 100 (n)
	   4: dup; 5: rot; 6: add; 7: swap; 8: const8 1; 10: sub
	   11: dup; 12: if_goto 4; 15: pop; 16: end */
	VAL("loop sum 1..100", 5050, C8(0), C8(100), AX_OP_DUP, AX_OP_ROT,
	    AX_OP_ADD, AX_OP_SWAP, C8(1), AX_OP_SUB, AX_OP_DUP, AX_OP_IF_GOTO,
	    0, 4, AX_OP_POP, END);

	ERR("goto past the end", AX_ERR_PC_RANGE, AX_OP_GOTO, 0, 0x10, END);
	ERR("goto to len", AX_ERR_PC_RANGE, AX_OP_GOTO, 0, 4, END);
	ERR("goto 0xffff", AX_ERR_PC_RANGE, AX_OP_GOTO, 0xff, 0xff, END);
	ERR("if_goto taken past the end", AX_ERR_PC_RANGE, C8(1), AX_OP_IF_GOTO,
	    0x01, 0x00, END);
	VAL("if_goto not taken is not checked", 0, C8(0), AX_OP_IF_GOTO, 0x01,
	    0x00, END);
	ERR("goto truncated", AX_ERR_PC_RANGE, AX_OP_GOTO, 0);
	ERR("if_goto truncated", AX_ERR_PC_RANGE, C8(1), AX_OP_IF_GOTO);
	ERR("no end", AX_ERR_PC_RANGE, C8(1));
	ERR("no end after a jump", AX_ERR_PC_RANGE, AX_OP_GOTO, 0, 3, C8(1));

	ERR("goto self", AX_ERR_TOO_LONG, AX_OP_GOTO, 0, 0);
	ERR("dup/pop loop", AX_ERR_TOO_LONG, C8(1), AX_OP_DUP, AX_OP_POP,
	    AX_OP_GOTO, 0, 2);
	ERR("if_goto loop", AX_ERR_TOO_LONG, C8(1), AX_OP_DUP, AX_OP_IF_GOTO, 0,
	    2, END);
}

/* 0: const32 N; 5: const8 0; 7: pop; 8: const8 1; 10: sub; 11: dup;
   12: if_goto 8; 15 (EXTRA): dup; end.  1 + 2 + 4N (+ 1) + 1 ops.  */
static enum ax_status run_countdown(uint32_t n, bool extra, uint64_t *v)
{
	uint8_t code[] = { C32(n),	  C8(0),     AX_OP_POP,
			   C8(1),	  AX_OP_SUB, AX_OP_DUP,
			   AX_OP_IF_GOTO, 0,	     8,
			   AX_OP_DUP,	  END };

	if (!extra) {
		code[15] = END;
		return run_ops(&ops, code, sizeof(code) - 1, v);
	}
	return run_ops(&ops, code, sizeof(code), v);
}

static void test_budget(void)
{
	uint64_t v = 1;
	enum ax_status st;

	st = run_countdown(10, false, &v);
	CHECK(st == AX_OK && v == 0, "countdown 10: %s", ax_status_str(st));
	/* 4 * 24999 + 4 = 100000 operations: exactly the budget.  */
	st = run_countdown(24999, false, &v);
	CHECK(st == AX_OK && v == 0, "%d operations: %s", AX_STEP_MAX,
	      ax_status_str(st));
	st = run_countdown(24999, true, &v);
	CHECK(st == AX_ERR_TOO_LONG && v == 0, "%d operations: %s",
	      AX_STEP_MAX + 1, ax_status_str(st));
	st = run_countdown(0xffffffff, false, &v);
	CHECK(st == AX_ERR_TOO_LONG, "countdown 2^32: %s", ax_status_str(st));
}

static void test_misc_ops(void)
{
	struct ax_expr x = { NULL, 0 };
	uint8_t one = AX_OP_END;
	uint64_t v = 5;

	VAL("end returns the top", 3, C8(1), C8(2), C8(3), END);
	VAL("end on an empty stack", 0, END);
	VAL("end stops", 1, C8(1), END, 0xff);
	CHECK(RUN(NULL, C8(1), END) == AX_OK, "NULL top");
	CHECK(ax_eval(&x, &ops, &v) == AX_ERR_PC_RANGE && v == 0, "no code");
	x.code = &one;
	CHECK(ax_eval(&x, &ops, &v) == AX_ERR_PC_RANGE, "empty code");
	CHECK(ax_eval(NULL, &ops, &v) == AX_ERR_PC_RANGE, "NULL expression");

	/* No trace buffer: the trace ops only have their stack effect.  */
	VAL("trace pops 2", 9, C8(9), C16(0x1000), C8(4), AX_OP_TRACE, END);
	VAL("trace_quick keeps addr", 0x1000, C16(0x1000), AX_OP_TRACE_QUICK, 4,
	    END);
	VAL("trace16 keeps addr", 0x1000, C16(0x1000), AX_OP_TRACE16, 1, 0,
	    END);
	VAL("tracenz pops 2", 9, C8(9), C16(0x1000), C8(4), AX_OP_TRACENZ, END);
	ERR("trace underflow", AX_ERR_STACK, C8(4), AX_OP_TRACE, END);
	ERR("tracenz underflow", AX_ERR_STACK, C8(4), AX_OP_TRACENZ, END);
	ERR("trace_quick on empty", AX_ERR_STACK, AX_OP_TRACE_QUICK, 4, END);
	ERR("trace16 on empty", AX_ERR_STACK, AX_OP_TRACE16, 0, 4, END);
	ERR("trace16 truncated", AX_ERR_PC_RANGE, C8(1), AX_OP_TRACE16, 0);

	ERR("getv", AX_ERR_UNSUPPORTED, AX_OP_GETV, 0, 1, END);
	ERR("setv", AX_ERR_UNSUPPORTED, C8(1), AX_OP_SETV, 0, 1, END);
	ERR("tracev", AX_ERR_UNSUPPORTED, AX_OP_TRACEV, 0, 1, END);

	ERR("opcode 0x00", AX_ERR_BAD_OPCODE, 0x00, END);
	ERR("opcode invalid2", AX_ERR_BAD_OPCODE, AX_OP_INVALID2, END);
	ERR("opcode 0x35", AX_ERR_BAD_OPCODE, 0x35, END);
	ERR("opcode 0xff", AX_ERR_BAD_OPCODE, 0xff, END);
	ERR("bad opcode after good ones", AX_ERR_BAD_OPCODE, C8(1), C8(2),
	    AX_OP_ADD, 0x80, END);
}

/* ---- printf ---- */

/* Assemble: the args (last first), channel 0, function 0, printf NARGS
   with FMT (and its NUL), end; returns the length.  */
static size_t asm_printf(uint8_t *code, const uint64_t *args, int nargs,
			 int nvals, const char *fmt)
{
	size_t n = 0, slen = strlen(fmt) + 1;
	int i, b;

	code[n++] = AX_OP_CONST8;
	code[n++] = 0x77; /* a value printf must leave alone */
	for (i = nvals - 1; i >= 0; i--) {
		code[n++] = AX_OP_CONST64;
		for (b = 7; b >= 0; b--)
			code[n++] = B(args[i], b);
	}
	code[n++] = AX_OP_CONST8;
	code[n++] = 0; /* channel */
	code[n++] = AX_OP_CONST8;
	code[n++] = 0; /* function */
	code[n++] = AX_OP_PRINTF;
	code[n++] = (uint8_t)nargs;
	code[n++] = (uint8_t)(slen >> 8);
	code[n++] = (uint8_t)slen;
	memcpy(code + n, fmt, slen);
	n += slen;
	code[n++] = AX_OP_END;
	return n;
}

static uint64_t printf_top;

/* Run a printf of FMT with NVALS values pushed and NARGS in the op;
   printf_top is what "end" found (0x77 when the op popped right).  */
static enum ax_status run_printf2(const char *fmt, int nargs, int nvals,
				  const uint64_t *args)
{
	static uint8_t code[AX_MAX_LEN];
	size_t n;

	out_reset();
	n = asm_printf(code, args, nargs, nvals, fmt);
	return run_ops(&ops, code, n, &printf_top);
}

/* ARGS() may be empty: a dummy first element keeps the array legal.  */
#define ARGS(...) ((const uint64_t[]){ 0, ##__VA_ARGS__ } + 1)
#define NARGS(...) (int)(sizeof((const uint64_t[]){ 0, ##__VA_ARGS__ }) / 8 - 1)

#define PRINTF_OK(want, fmt, ...)                                           \
	do {                                                                \
		enum ax_status s_ =                                         \
			run_printf2(fmt, NARGS(__VA_ARGS__),                \
				    NARGS(__VA_ARGS__), ARGS(__VA_ARGS__)); \
		CHECK(s_ == AX_OK && printf_top == 0x77 &&                  \
			      fake.outlen == strlen(want) &&                \
			      memcmp(fake.out, want, fake.outlen) == 0,     \
		      "printf \"%s\": %s, \"%.*s\" (want \"%s\")", fmt,     \
		      ax_status_str(s_), (int)fake.outlen, fake.out, want); \
	} while (0)

#define PRINTF_ERR(want, fmt, ...)                                           \
	do {                                                                 \
		enum ax_status s_ =                                          \
			run_printf2(fmt, NARGS(__VA_ARGS__),                 \
				    NARGS(__VA_ARGS__), ARGS(__VA_ARGS__));  \
		CHECK(s_ == (want) && fake.outcalls == 0,                    \
		      "printf \"%s\": %s (want %s)", fmt, ax_status_str(s_), \
		      ax_status_str(want));                                  \
	} while (0)

static uint8_t strmem[128];
static uint8_t bigstr[8192];

static void test_printf(void)
{
	static uint8_t code[AX_MAX_LEN];
	char host_max[32];
	struct ax_ops noout = ops;
	const uint64_t strarg = 0x3000;
	uint64_t v;
	size_t n, i;
	enum ax_status st;

	/* "hello" at 0x3000; a string filling the rest of the 128-byte
	   region, its NUL the region's last byte, at 0x3010.  */
	memcpy(strmem, "hello", 6);
	memset(strmem + 0x10, 'x', sizeof(strmem) - 0x10 - 1);
	add_region(0x3000, strmem, sizeof(strmem));
	memset(bigstr, 'a', sizeof(bigstr));
	bigstr[6000] = '\0';
	add_region(0x10000, bigstr, sizeof(bigstr));

	PRINTF_OK("plain text\n", "plain text\\n");
	PRINTF_OK("d=-5", "d=%d", (uint64_t)-5);
	PRINTF_OK("5", "%d", 0x100000005ULL); /* int, as gdbserver */
	PRINTF_OK("42", "%i", 42);
	PRINTF_OK("4294967295", "%u", M1);
	PRINTF_OK("-1", "%ld", M1);
	/* long and size_t are the host's, as in gdbserver.  */
	snprintf(host_max, sizeof(host_max), "%lu", ULONG_MAX);
	PRINTF_OK(host_max, "%lu", M1);
	PRINTF_OK("-9223372036854775808", "%lld", MIN64);
	PRINTF_OK("18446744073709551615", "%llu", M1);
	snprintf(host_max, sizeof(host_max), "%lx", ULONG_MAX);
	PRINTF_OK(host_max, "%lx", M1);
	PRINTF_OK("123456789abcdef", "%llx", 0x123456789abcdefULL);
	PRINTF_OK("deadbeef", "%x", 0xdeadbeefULL);
	PRINTF_OK("DEADBEEF", "%X", 0xdeadbeefULL);
	PRINTF_OK("0xdeadbeef", "%#x", 0xdeadbeefULL);
	PRINTF_OK("17", "%o", 15);
	PRINTF_OK("A", "%c", 0x41);
	PRINTF_OK("[   42|42   |00042|+42| 42]", "[%5d|%-5d|%05d|%+d|% d]", 42,
		  42, 42, 42, 42);
	PRINTF_OK("4464", "%hd", 70000);
	snprintf(host_max, sizeof(host_max), "%zu", SIZE_MAX);
	PRINTF_OK(host_max, "%zu", M1);
	PRINTF_OK("-1", "%zd", M1);
	PRINTF_OK("100%", "%d%%", 100);
	PRINTF_OK("%d", "%%d");
	PRINTF_OK("0x1234", "%p", 0x1234);
	PRINTF_OK("(nil)", "%p", 0);
	PRINTF_OK("[    0x1234]", "[%10p]", 0x1234);
	PRINTF_OK("[0x1234    ]", "[%-10p]", 0x1234);
	PRINTF_OK("[     (nil)]", "[%10p]", 0);

	PRINTF_OK("s=hello!", "s=%s!", 0x3000);
	PRINTF_OK("he", "%.2s", 0x3000);
	PRINTF_OK("[  hello]", "[%7s]", 0x3000);
	PRINTF_OK("[hello  ]", "[%-7s]", 0x3000);
	PRINTF_OK("llo", "%s", 0x3002);
	PRINTF_OK("", "%s", 0x3005);
	PRINTF_OK("(null)", "%s", 0);
	PRINTF_ERR(AX_ERR_MEMORY, "%s", 0x5000);
	/* Up to an unmapped byte, and no further than its NUL.  */
	PRINTF_ERR(AX_ERR_MEMORY, "%s", 0x1000);
	st = run_printf2("%s", 1, 1, ARGS(0x3010));
	CHECK(st == AX_OK && fake.outlen == sizeof(strmem) - 0x10 - 1 &&
		      fake.out[0] == 'x' && fake.out[fake.outlen - 1] == 'x',
	      "%%s ending at the end of mapped memory: %s, %zu bytes",
	      ax_status_str(st), fake.outlen);
	fake.reads = 0;
	st = run_printf2("%s", 1, 1, ARGS(0x10000 + 5000));
	CHECK(st == AX_OK && fake.outlen == 1000, "%%s of 1000 bytes: %zu",
	      fake.outlen);
	CHECK(fake.reads <= 17, "%%s of 1000 bytes in 64-byte reads: %d",
	      fake.reads);
	/* A region smaller than a block: read byte by byte.  */
	add_region(0x4005, (uint8_t *)"tiny", 5);
	PRINTF_OK("<tiny>", "<%s>", 0x4005);
	add_region(0x4105, (uint8_t *)"tin", 3);
	PRINTF_ERR(AX_ERR_MEMORY, "<%s>", 0x4105);
	st = run_printf2("%s", 1, 1, ARGS(0x10000));
	CHECK(st == AX_OK && fake.outlen == AX_PRINTF_MAX,
	      "%%s cut at %d bytes: %s, %zu", AX_PRINTF_MAX, ax_status_str(st),
	      fake.outlen);
	st = run_printf2("ab%s", 1, 1, ARGS(0x10000));
	CHECK(st == AX_OK && fake.outlen == AX_PRINTF_MAX &&
		      memcmp(fake.out, "aba", 3) == 0,
	      "text then %%s cut at %d bytes: %zu", AX_PRINTF_MAX, fake.outlen);
	st = run_printf2("%4096d|", 1, 1, ARGS(7));
	CHECK(st == AX_OK && fake.outlen == AX_PRINTF_MAX &&
		      fake.out[AX_PRINTF_MAX - 1] == '7',
	      "width 4096: %s, %zu", ax_status_str(st), fake.outlen);

	PRINTF_OK("a\tb\n\\\"\a\b\033\f\r\v",
		  "a\\tb\\n\\\\\\\"\\a\\b\\e\\f\\r\\v");
	PRINTF_OK("x=1 y=2 z=3", "x=%d y=%d z=%d", 1, 2, 3);

	PRINTF_ERR(AX_ERR_BAD_FORMAT, "\\q");
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "trailing \\");
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%d %d", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%d", 1, 2);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "no directive", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%n", 0x3000);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%*d", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%.*d", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "ends in %", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%#u", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%+x", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "% o", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%05s", 0x3000);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%.3c", 65);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%lp", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%#p", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%.5p", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%hhd", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%hs", 0x3000);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%lls", 0x3000);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%q", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%4097d", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%.99999d", 1);
	PRINTF_ERR(AX_ERR_BAD_FORMAT, "%--------------------------------d", 1);
	PRINTF_ERR(AX_ERR_UNSUPPORTED, "%f", 1);
	PRINTF_ERR(AX_ERR_UNSUPPORTED, "%g", 1);
	PRINTF_ERR(AX_ERR_UNSUPPORTED, "%Lf", 1);
	PRINTF_ERR(AX_ERR_UNSUPPORTED, "%ls", 0x3000);
	PRINTF_ERR(AX_ERR_UNSUPPORTED, "%lc", 65);
	/* Nothing is printed when a later directive is bad.  */
	PRINTF_ERR(AX_ERR_MEMORY, "a=%d s=%s", 1, 0x5000);

	/* Fewer values on the stack than the op wants.  */
	st = run_printf2("%d %d %d", 3, 1, ARGS(1));
	CHECK(st == AX_ERR_STACK && fake.outcalls == 0,
	      "printf stack underflow: %s", ax_status_str(st));
	st = run_printf2("%d", 1, 0, ARGS());
	CHECK(st == AX_OK && printf_top == 0 && fake.outlen == 3 &&
		      memcmp(fake.out, "119", 3) == 0,
	      "printf takes what is below channel and function: %.*s",
	      (int)fake.outlen, fake.out);
	st = run_printf2("", 0, 0, ARGS());
	CHECK(st == AX_OK && fake.outcalls == 0, "empty format prints nothing");

	/* Malformed printf ops.  */
	n = asm_printf(code, NULL, 0, 0, "hi");
	code[n - 2] = 'x'; /* the NUL */
	st = run_ops(&ops, code, n, &v);
	CHECK(st == AX_ERR_BAD_FORMAT, "unterminated format: %s",
	      ax_status_str(st));
	n = asm_printf(code, NULL, 0, 0, "hi");
	st = run_ops(&ops, code, n - 2, &v);
	CHECK(st == AX_ERR_PC_RANGE, "format past the end: %s",
	      ax_status_str(st));
	code[8] = 0;
	code[9] = 0;
	st = run_ops(&ops, code, n, &v);
	CHECK(st == AX_ERR_PC_RANGE, "format length 0: %s", ax_status_str(st));
	st = run_ops(&ops, code, 9, &v);
	CHECK(st == AX_ERR_PC_RANGE, "printf truncated: %s", ax_status_str(st));
	/* Embedded NUL: the format stops there.  */
	n = asm_printf(code, NULL, 0, 0, "ab\ncd");
	code[n - 5] = '\0';
	out_reset();
	st = run_ops(&ops, code, n, &v);
	CHECK(st == AX_OK && fake.outlen == 2, "format with a NUL inside");

	/* No output callback: still evaluated.  */
	n = asm_printf(code, &strarg, 1, 1, "%s");
	noout.output = NULL;
	st = run_ops(&noout, code, n, &v);
	CHECK(st == AX_OK && v == 0x77, "printf without output: %s",
	      ax_status_str(st));

	/* Every byte of the format walked, up to the 64 KiB limit.  */
	memset(code, 0, sizeof(code));
	n = 0;
	code[n++] = AX_OP_CONST8;
	code[n++] = 0;
	code[n++] = AX_OP_CONST8;
	code[n++] = 0;
	code[n++] = AX_OP_PRINTF;
	code[n++] = 0;
	code[n++] = 0xff;
	code[n++] = 0xf0;
	for (i = 0; i < 0xfff0 - 1; i++)
		code[n++] = 'z';
	code[n++] = '\0';
	code[n++] = AX_OP_END;
	out_reset();
	st = run_ops(&ops, code, n, &v);
	CHECK(st == AX_OK && fake.outlen == AX_PRINTF_MAX,
	      "65519-byte format cut: %s, %zu", ax_status_str(st), fake.outlen);
}

/* ---- what GDB 13 sent to gdbserver ---- */

/* Frame of main in a small test program: rbp (GDB's register 6 on
   x86-64) 0x7fffffffe680; int i at rbp-4, long l at rbp-16, unsigned
   char c at rbp-17, const char *s at rbp-32; int g at 0x555555558020;
   s points to "one" at 0x555555556009.  */
#define RBP 0x7fffffffe680ULL
static uint8_t frame[0x40];
static uint8_t gmem[4];
static uint8_t rodata[32];

static void put_le(uint8_t *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void set_frame(uint32_t i, int64_t l, uint8_t c, uint64_t s, uint32_t g)
{
	uint8_t *rbp = frame + 0x30; /* frame starts at rbp - 0x30 */

	put_le(rbp - 4, i, 4);
	put_le(rbp - 16, (uint64_t)l, 8);
	rbp[-17] = c;
	put_le(rbp - 32, s, 8);
	put_le(gmem, g, 4);
}

static enum ax_status eval_cond(const struct ax_expr *x, uint64_t *v)
{
	*v = 0xdeadbeef;
	return ax_eval(x, &ops, v);
}

static void test_gdb(void)
{
	struct ax_point_extra pe;
	const char *err = NULL;
	uint64_t v;
	enum ax_status st;
	int rc;

	add_region(RBP - 0x30, frame, sizeof(frame));
	add_region(0x555555558020ULL, gmem, sizeof(gmem));
	memcpy(rodata + 9, "one", 4);
	add_region(0x555555556000ULL, rodata, sizeof(rodata));
	set_frame(5, -3, 200, 0x555555556009ULL, 7);

	/* "break 11 if i == 5" with condition-evaluation target:
	   reg 6; const8 16; add; const8 236; ext 8; add; ref32; ext 32;
	   const8 5; equal; end */
	rc = ax_parse_point_extra(";X12,26000622100222ec16080219162022051327",
				  &pe, &err);
	CHECK(rc == 0 && pe.nconds == 1 && pe.ncmds == 0 &&
		      pe.conds[0].len == 18 && pe.conds[0].code[0] == 0x26 &&
		      pe.conds[0].code[17] == 0x27,
	      "GDB's Z0 condition parses");
	if (rc == 0 && pe.nconds == 1) {
		st = eval_cond(&pe.conds[0], &v);
		CHECK(st == AX_OK && v == 1, "i == 5, i is 5: %s %llu",
		      ax_status_str(st), (unsigned long long)v);
		set_frame(6, -3, 200, 0x555555556009ULL, 7);
		st = eval_cond(&pe.conds[0], &v);
		CHECK(st == AX_OK && v == 0, "i == 5, i is 6: %s %llu",
		      ax_status_str(st), (unsigned long long)v);
		set_frame(5, -3, 200, 0x555555556009ULL, 7);
		fake.regsize[6] = 0;
		st = eval_cond(&pe.conds[0], &v);
		CHECK(st == AX_ERR_REGISTER, "i == 5 without rbp: %s",
		      ax_status_str(st));
		fake.regsize[6] = 8;
	}
	ax_point_extra_free(&pe);

	/* maint agent-eval l < -2 */
	VAL("gdb: l < -2", 1, AX_OP_REG, 0, 6, C8(16), AX_OP_ADD, C8(224),
	    AX_OP_EXT, 8, AX_OP_ADD, AX_OP_REF64, AX_OP_EXT, 64, C8(254),
	    AX_OP_EXT, 8, AX_OP_LESS_SIGNED, END);
	/* maint agent-eval c + 1 */
	VAL("gdb: c + 1", 201, AX_OP_REG, 0, 6, C8(16), AX_OP_ADD, C8(223),
	    AX_OP_EXT, 8, AX_OP_ADD, AX_OP_REF8, C8(1), AX_OP_ADD, AX_OP_EXT,
	    32, END);
	/* maint agent-eval g == 7 && s[0] == 111 */
#define G_AND_S                                                                \
	C64(0x555555558020ULL), AX_OP_REF32, AX_OP_EXT, 32, C8(7),             \
		AX_OP_EQUAL, AX_OP_IF_GOTO, 0, 21, AX_OP_GOTO, 0, 55,          \
		AX_OP_REG, 0, 6, C8(16), AX_OP_ADD, C8(208), AX_OP_EXT, 8,     \
		AX_OP_ADD, AX_OP_REF64, C8(0), AX_OP_ADD, AX_OP_ZERO_EXT, 64,  \
		AX_OP_REF8, AX_OP_EXT, 8, C8(111), AX_OP_EQUAL, AX_OP_IF_GOTO, \
		0, 50, AX_OP_GOTO, 0, 55, C8(1), AX_OP_GOTO, 0, 57, C8(0), END
	VAL("gdb: g == 7 && s[0] == 111", 1, G_AND_S);
	set_frame(5, -3, 200, 0x555555556009ULL, 8);
	VAL("gdb: g == 7 && s[0] == 111, g is 8", 0, G_AND_S);
	set_frame(5, -3, 200, 0x55555555600aULL, 7);
	VAL("gdb: g == 7 && s[0] == 111, s[0] is 'n'", 0, G_AND_S);
	set_frame(5, -3, 200, 0x1000, 7);
	VAL("gdb: g == 7 && s[0] == 111, s is elsewhere", 0, G_AND_S);
	set_frame(5, -3, 200, 0x9999, 7);
	ERR("gdb: g == 7 && s[0] == 111, s is bad", AX_ERR_MEMORY, G_AND_S);
	set_frame(5, -3, 200, 0x555555556009ULL, 7);

	/* dprintf 11,"i=%d s=%s\n", i, s with dprintf-style agent.  */
	rc = ax_parse_point_extra(
		";cmds:1,X2f,26000622100222d01608021a26000622100222ec16080219"
		"1620220022003402000c693d256420733d25735c6e0027",
		&pe, &err);
	CHECK(rc == 0 && pe.nconds == 0 && pe.ncmds == 1 && pe.persist &&
		      pe.cmds[0].len == 0x2f,
	      "GDB's Z0 dprintf command parses");
	if (rc == 0 && pe.ncmds == 1) {
		out_reset();
		st = ax_eval(&pe.cmds[0], &ops, NULL);
		CHECK(st == AX_OK && fake.outlen == 10 &&
			      memcmp(fake.out, "i=5 s=one\n", 10) == 0,
		      "dprintf prints \"%.*s\" (%s)", (int)fake.outlen,
		      fake.out, ax_status_str(st));
	}
	ax_point_extra_free(&pe);
}

/* ---- parsing ---- */

static void test_parse(void)
{
	static char big[2 * AX_MAX_LEN + 32];
	struct ax_point_extra pe;
	const char *err;
	size_t i;
	int rc;

	memset(&pe, 0xa5, sizeof(pe));
	CHECK(ax_parse_point_extra(NULL, &pe, NULL) == 0 && pe.nconds == 0 &&
		      pe.ncmds == 0 && !pe.conds && !pe.cmds && !pe.persist,
	      "NULL: no conditions");
	CHECK(ax_parse_point_extra("", &pe, NULL) == 0 && pe.nconds == 0 &&
		      pe.ncmds == 0,
	      "empty: no conditions");
	CHECK(ax_parse_point_extra(";", &pe, NULL) == 0 && pe.nconds == 0 &&
		      pe.ncmds == 0,
	      "lone ';': no conditions");

	rc = ax_parse_point_extra(";X3,220127", &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 1 && pe.conds[0].len == 3 &&
		      memcmp(pe.conds[0].code, "\x22\x01\x27", 3) == 0,
	      "one condition");
	ax_point_extra_free(&pe);
	CHECK(pe.nconds == 0 && !pe.conds, "free empties");

	rc = ax_parse_point_extra(";X3,220127;X5,2201220227", &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 2 && pe.ncmds == 0 &&
		      pe.conds[1].len == 5 && pe.conds[1].code[4] == 0x27,
	      "two conditions, ';'-separated");
	ax_point_extra_free(&pe);

	rc = ax_parse_point_extra(";X3,220127X5,2201220227X1,27", &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 3 && pe.conds[2].len == 1 &&
		      pe.conds[2].code[0] == 0x27,
	      "three conditions, concatenated as GDB sends them");
	ax_point_extra_free(&pe);

	rc = ax_parse_point_extra(";XA,22012202030405060727", &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 1 && pe.conds[0].len == 10, "hex length");
	ax_point_extra_free(&pe);

	rc = ax_parse_point_extra(";X3,22AB27", &pe, NULL);
	CHECK(rc == 0 && pe.conds[0].code[1] == 0xab, "upper-case hex");
	ax_point_extra_free(&pe);

	rc = ax_parse_point_extra(";X3,220127;cmds:1,X5,2201220227", &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 1 && pe.ncmds == 1 && pe.persist &&
		      pe.cmds[0].len == 5,
	      "condition and command");
	ax_point_extra_free(&pe);

	rc = ax_parse_point_extra(";X3,220127X1,27;cmds:0,X3,220127X3,220227",
				  &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 2 && pe.ncmds == 2 && !pe.persist &&
		      pe.cmds[1].code[1] == 0x02,
	      "two conditions, two commands, not persistent");
	ax_point_extra_free(&pe);

	rc = ax_parse_point_extra(";cmds:1,X3,220127;X3,220227", &pe, NULL);
	CHECK(rc == 0 && pe.nconds == 1 && pe.ncmds == 1 &&
		      pe.conds[0].code[1] == 0x02,
	      "';' ends the command list");
	ax_point_extra_free(&pe);

	/* 17 conditions: the arrays grow.  */
	big[0] = '\0';
	for (i = 0; i < 17; i++)
		strcat(big, i % 2 ? "X2,2227" : ";X2,2227");
	rc = ax_parse_point_extra(big, &pe, &err);
	CHECK(rc == 0 && pe.nconds == 17 && pe.conds[16].len == 2,
	      "17 conditions");
	ax_point_extra_free(&pe);

	/* The 64 KiB limit.  */
	memcpy(big, ";X10000,", 8);
	for (i = 0; i < 2 * AX_MAX_LEN; i++)
		big[8 + i] = i % 2 ? '7' : '2';
	big[8 + 2 * AX_MAX_LEN] = '\0';
	rc = ax_parse_point_extra(big, &pe, &err);
	CHECK(rc == 0 && pe.nconds == 1 && pe.conds[0].len == AX_MAX_LEN,
	      "64 KiB expression");
	ax_point_extra_free(&pe);

#define BAD(text)                                                          \
	do {                                                               \
		err = NULL;                                                \
		memset(&pe, 0xa5, sizeof(pe));                             \
		rc = ax_parse_point_extra(text, &pe, &err);                \
		CHECK(rc == -1 && err && *err && pe.nconds == 0 &&         \
			      pe.ncmds == 0 && !pe.conds && !pe.cmds,      \
		      "reject \"%.40s\": %s", text, err ? err : "(none)"); \
	} while (0)

	BAD("X3,220127");
	BAD(";;");
	BAD(";X");
	BAD(";X3");
	BAD(";X3,");
	BAD(";X3,2201");
	BAD(";X3,22012");
	BAD(";X3,22012g");
	BAD(";X3,22 127");
	BAD(";X2,220127");
	BAD(";X0,");
	BAD(";X10001,22");
	BAD(";Xffffffffffffffffff,22");
	BAD(";X-3,220127");
	BAD(";X,220127");
	BAD(";x3,220127");
	BAD(";Y3,220127");
	BAD(";X3,220127;");
	BAD(";X3,220127;;X3,220127");
	BAD(";X3,220127 ");
	BAD(";X3,220127,");
	BAD(";X3,220127;Q");
	BAD(";cmds:");
	BAD(";cmds:1");
	BAD(";cmds:1,");
	BAD(";cmds:2,X3,220127");
	BAD(";cmds:1X3,220127");
	BAD(";cmds:1,X3,2201");
	BAD(";cmd:1,X3,220127");
	BAD(";X3,220127;cmds:1,X3,220127 ");
	BAD(";X1,27;X3,2201");
	memcpy(big, ";X10000,", 8);
	big[6] = '1'; /* ";X10001," with 2 * 64 KiB digits */
	BAD(big);
	rc = ax_parse_point_extra(";X1,27;X", &pe, NULL);
	CHECK(rc == -1 && pe.nconds == 0 && !pe.conds,
	      "failure after a good condition frees it");
	rc = ax_parse_point_extra("garbage", &pe, NULL);
	CHECK(rc == -1, "NULL err is allowed");
}

static void test_status_str(void)
{
	enum ax_status s, t;
	bool distinct = true;

	for (s = AX_OK; s <= AX_ERR_BAD_FORMAT; s++)
		for (t = s + 1; t <= AX_ERR_BAD_FORMAT; t++)
			if (strcmp(ax_status_str(s), ax_status_str(t)) == 0)
				distinct = false;
	CHECK(distinct, "status strings are distinct");
	CHECK(strcmp(ax_status_str(AX_OK), "ok") == 0, "AX_OK is \"ok\"");
	CHECK(ax_status_str((enum ax_status)99) != NULL, "unknown status");
}

int main(void)
{
	add_region(0x1000, mem1000, sizeof(mem1000));
	fake.regs[6] = 0x7fffffffe680ULL;
	fake.regsize[6] = 8;
	fake.regs[49] = 0x80000246;
	fake.regsize[49] = 4;
	fake.regs[50] = 0xbeef;
	fake.regsize[50] = 2;
	fake.regs[51] = 0x80;
	fake.regsize[51] = 1;
	fake.regs[258] = 0x1234;
	fake.regsize[258] = 8;
	fake.regs[70] = 0x1111;
	fake.regsize[70] = 16;

	test_arith();
	test_logic();
	test_ext();
	test_const();
	test_ref();
	test_reg();
	test_stack_ops();
	test_stack_limit();
	test_flow();
	test_budget();
	test_misc_ops();
	test_printf();
	test_gdb();
	test_parse();
	test_status_str();
	return UNIT_DONE();
}

/* agent_expr.c - GDB agent expressions: the "Xlen,hex" condition and
   "cmds:" command lists of Z0/Z1 packets, and an evaluator for the
   bytecode.  The evaluator is written from the manual's description of
   each opcode; everything it does is bounded (stack depth, jump
   targets, operation count, printf output) so that a bad or hostile
   expression can only fail, never hang or crash the stub.  It touches
   the target only through struct ax_ops.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <libiberty/libiberty.h>

#include "agent_expr.h"
#include "rsp_hex.h"

/* ---- parsing ---- */

static void push_expr(struct ax_expr **v, size_t *n, struct ax_expr e)
{
	/* Grow at powers of two: N itself tells the capacity.  */
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? *n * 2 : 1) * sizeof(**v));
	(*v)[(*n)++] = e;
}

/* "Xlen,hex" at *P; advance *P past it.  */
static const char *parse_one(const char **p, const char *end, struct ax_expr *e)
{
	const char *s = *p + 1; /* past the 'X' */
	uint64_t len;

	if (!rsp_parse_hex(&s, end, &len))
		return "bad expression length";
	if (len == 0)
		return "empty expression";
	if (len > AX_MAX_LEN)
		return "expression too long";
	if (s >= end || *s != ',')
		return "missing ',' after expression length";
	s++;
	if ((size_t)(end - s) / 2 < len)
		return "expression shorter than its length";
	e->code = xmalloc(len);
	e->len = len;
	if (!rsp_hex_decode(s, 2 * len, e->code, len)) {
		free(e->code);
		return "bad hex digit in expression";
	}
	*p = s + 2 * len;
	return NULL;
}

int ax_parse_point_extra(const char *extra, struct ax_point_extra *out,
			 const char **err)
{
	const char *p = extra, *end, *why = NULL;
	bool in_cmds = false;
	struct ax_expr e;

	memset(out, 0, sizeof(*out));
	if (!extra || !*extra)
		return 0;
	end = p + strlen(p);
	if (*p++ != ';') {
		why = "expected ';'";
		goto fail;
	}
	/* A lone ';' carries nothing (gdbserver accepts it too).  */
	while (p < end) {
		if (*p == 'X') {
			why = parse_one(&p, end, &e);
			if (why)
				goto fail;
			if (in_cmds)
				push_expr(&out->cmds, &out->ncmds, e);
			else
				push_expr(&out->conds, &out->nconds, e);
		} else if (strncmp(p, "cmds:", 5) == 0) {
			p += 5;
			if (*p != '0' && *p != '1') {
				why = "bad persist flag";
				goto fail;
			}
			out->persist |= *p++ == '1';
			if (*p++ != ',' || *p != 'X') {
				why = "bad command list";
				goto fail;
			}
			in_cmds = true;
			continue;
		} else {
			why = "unknown token";
			goto fail;
		}
		/* GDB concatenates the expressions of a list; ';' starts a
		   new token and so ends a command list.  */
		if (p < end && *p == ';') {
			if (++p == end) {
				why = "trailing ';'";
				goto fail;
			}
			in_cmds = false;
		} else if (p < end && *p != 'X') {
			why = "garbage after expression";
			goto fail;
		}
	}
	return 0;

fail:
	ax_point_extra_free(out);
	if (err)
		*err = why;
	return -1;
}

void ax_point_extra_free(struct ax_point_extra *pe)
{
	size_t i;

	for (i = 0; i < pe->nconds; i++)
		free(pe->conds[i].code);
	for (i = 0; i < pe->ncmds; i++)
		free(pe->cmds[i].code);
	free(pe->conds);
	free(pe->cmds);
	memset(pe, 0, sizeof(*pe));
}

/* ---- evaluation ---- */

struct ax_vm {
	const uint8_t *code;
	size_t len;
	size_t pc;
	size_t sp; /* number of values on the stack */
	const struct ax_ops *ops;
	uint64_t stack[AX_STACK_MAX];
};

/* Operands in the bytecode are big-endian whatever the target.  */
static enum ax_status fetch(struct ax_vm *vm, size_t n, uint64_t *v)
{
	size_t i;

	if (vm->len - vm->pc < n)
		return AX_ERR_PC_RANGE;
	*v = 0;
	for (i = 0; i < n; i++)
		*v = *v << 8 | vm->code[vm->pc++];
	return AX_OK;
}

static enum ax_status need(const struct ax_vm *vm, size_t n)
{
	return vm->sp < n ? AX_ERR_STACK : AX_OK;
}

static enum ax_status push(struct ax_vm *vm, uint64_t v)
{
	if (vm->sp >= AX_STACK_MAX)
		return AX_ERR_STACK;
	vm->stack[vm->sp++] = v;
	return AX_OK;
}

static enum ax_status read_mem(const struct ax_vm *vm, uint64_t addr, void *buf,
			       size_t len)
{
	if (!vm->ops || !vm->ops->read_mem ||
	    vm->ops->read_mem(vm->ops->ctx, addr, buf, len) != 0)
		return AX_ERR_MEMORY;
	return AX_OK;
}

/* Load N bytes at the address on top of the stack.  Target memory is
   in the target's byte order; every target quietstub supports is
   little-endian, so the bytes are assembled little-endian here.  */
static enum ax_status op_ref(struct ax_vm *vm, size_t n)
{
	uint8_t buf[8];
	uint64_t v = 0;
	enum ax_status st;

	if ((st = need(vm, 1)) != AX_OK)
		return st;
	if ((st = read_mem(vm, vm->stack[vm->sp - 1], buf, n)) != AX_OK)
		return st;
	while (n--)
		v = v << 8 | buf[n];
	vm->stack[vm->sp - 1] = v;
	return AX_OK;
}

static enum ax_status op_reg(struct ax_vm *vm)
{
	uint8_t buf[AX_REG_MAX];
	uint64_t regnum, v = 0;
	enum ax_status st;
	int n;

	if ((st = fetch(vm, 2, &regnum)) != AX_OK)
		return st;
	if (!vm->ops || !vm->ops->read_reg)
		return AX_ERR_REGISTER;
	n = vm->ops->read_reg(vm->ops->ctx, (int)regnum, buf, sizeof(buf));
	if (n <= 0 || n > AX_REG_MAX)
		return AX_ERR_REGISTER;
	/* Wider registers (vector, x87) do not fit a stack value.  */
	if (n > 8)
		return AX_ERR_UNSUPPORTED;
	while (n--)
		v = v << 8 | buf[n];
	return push(vm, v);
}

/* ext N: bit N-1 is the sign.  N of 64 or more leaves the value alone
   (the manual says so); N of 0 leaves no bits, hence 0.  */
static uint64_t sign_extend(uint64_t v, uint64_t n)
{
	uint64_t sign;

	if (n >= 64)
		return v;
	if (n == 0)
		return 0;
	sign = (uint64_t)1 << (n - 1);
	v &= (sign << 1) - 1;
	return (v ^ sign) - sign;
}

static uint64_t zero_extend(uint64_t v, uint64_t n)
{
	return n >= 64 ? v : v & (((uint64_t)1 << n) - 1);
}

/* Two's complement reinterpretation, without relying on the
   implementation-defined unsigned to signed conversion.  */
static int64_t as_signed(uint64_t v)
{
	int64_t s;

	memcpy(&s, &v, sizeof(s));
	return s;
}

/* A B => A op B.  */
static enum ax_status op_binary(struct ax_vm *vm, uint8_t op)
{
	uint64_t a, b, r;
	enum ax_status st;

	if ((st = need(vm, 2)) != AX_OK)
		return st;
	a = vm->stack[vm->sp - 2];
	b = vm->stack[vm->sp - 1];
	switch (op) {
	case AX_OP_ADD:
		r = a + b;
		break;
	case AX_OP_SUB:
		r = a - b;
		break;
	case AX_OP_MUL:
		r = a * b;
		break;
	case AX_OP_DIV_SIGNED:
	case AX_OP_REM_SIGNED:
		if (b == 0)
			return AX_ERR_DIV_ZERO;
		/* INT64_MIN / -1 traps on x86; the wrapped result is
		   INT64_MIN, remainder 0.  */
		if (b == UINT64_MAX)
			r = op == AX_OP_DIV_SIGNED ? -a : 0;
		else if (op == AX_OP_DIV_SIGNED)
			r = (uint64_t)(as_signed(a) / as_signed(b));
		else
			r = (uint64_t)(as_signed(a) % as_signed(b));
		break;
	case AX_OP_DIV_UNSIGNED:
		if (b == 0)
			return AX_ERR_DIV_ZERO;
		r = a / b;
		break;
	case AX_OP_REM_UNSIGNED:
		if (b == 0)
			return AX_ERR_DIV_ZERO;
		r = a % b;
		break;
	/* The manual leaves shifts by 64 or more open; C makes them
	   undefined.  Give what an infinitely wide shifter would.  */
	case AX_OP_LSH:
		r = b >= 64 ? 0 : a << b;
		break;
	case AX_OP_RSH_UNSIGNED:
		r = b >= 64 ? 0 : a >> b;
		break;
	case AX_OP_RSH_SIGNED:
		if (b >= 64)
			b = 63;
		r = a >> b;
		if (b && (a >> 63))
			r |= ~(UINT64_MAX >> b);
		break;
	case AX_OP_BIT_AND:
		r = a & b;
		break;
	case AX_OP_BIT_OR:
		r = a | b;
		break;
	case AX_OP_BIT_XOR:
		r = a ^ b;
		break;
	case AX_OP_EQUAL:
		r = a == b;
		break;
	case AX_OP_LESS_SIGNED:
		r = as_signed(a) < as_signed(b);
		break;
	case AX_OP_LESS_UNSIGNED:
		r = a < b;
		break;
	default:
		return AX_ERR_BAD_OPCODE;
	}
	vm->sp--;
	vm->stack[vm->sp - 1] = r;
	return AX_OK;
}

/* ---- printf ---- */

/* The text one printf op produces, cut at AX_PRINTF_MAX bytes.  */
struct ax_text {
	size_t len;
	char buf[AX_PRINTF_MAX + 1]; /* + snprintf's NUL */
};

static size_t text_room(const struct ax_text *t)
{
	return AX_PRINTF_MAX - t->len;
}

static void text_putc(struct ax_text *t, char c)
{
	if (t->len < AX_PRINTF_MAX)
		t->buf[t->len++] = c;
}

#pragma GCC diagnostic push
/* SPEC is built from a validated directive (see parse_directive).  */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void text_advance(struct ax_text *t, int n)
{
	/* snprintf says how much it would have written.  */
	if (n > 0)
		t->len += (size_t)n < text_room(t) ? (size_t)n : text_room(t);
}

#define TEXT_PRINTF(t, spec, val)                                         \
	text_advance((t), snprintf((t)->buf + (t)->len, text_room(t) + 1, \
				   (spec), (val)))

/* One %-directive, checked the way GDB's own format parser checks it
   (C89 flags and conversions, plus ll and z).  */
struct ax_directive {
	char spec[32]; /* the directive, NUL-terminated */
	char conv;
	int lcount; /* 0, 1 (l) or 2 (ll) */
	bool h, z, minus, prec;
	unsigned long precision, width;
};

static bool digits(const char **f, unsigned long *v)
{
	*v = 0;
	while (**f >= '0' && **f <= '9') {
		*v = *v * 10 + (unsigned long)(*(*f)++ - '0');
		/* Any more would only pad past the end of the output.  */
		if (*v > AX_PRINTF_MAX)
			return false;
	}
	return true;
}

/* *F points after the '%'; advance it past the directive.  */
static enum ax_status parse_directive(const char **f, const char *pct,
				      struct ax_directive *d)
{
	bool hash = false, zero = false, space = false, plus = false;
	size_t n;

	memset(d, 0, sizeof(*d));
	for (;; (*f)++) {
		if (**f == '#')
			hash = true;
		else if (**f == '0')
			zero = true;
		else if (**f == ' ')
			space = true;
		else if (**f == '+')
			plus = true;
		else if (**f == '-')
			d->minus = true;
		else
			break;
	}
	if (!digits(f, &d->width))
		return AX_ERR_BAD_FORMAT;
	if (**f == '.') {
		(*f)++;
		d->prec = true;
		if (!digits(f, &d->precision))
			return AX_ERR_BAD_FORMAT;
	}
	if (**f == 'h') {
		d->h = true;
		(*f)++;
	} else if (**f == 'l') {
		d->lcount = (*f)[1] == 'l' ? 2 : 1;
		*f += d->lcount;
	} else if (**f == 'z') {
		d->z = true;
		(*f)++;
	} else if (**f && strchr("LHD", **f)) {
		return AX_ERR_UNSUPPORTED; /* long double, decimal float */
	}
	d->conv = **f;
	switch (d->conv) {
	case 'u':
		if (hash)
			return AX_ERR_BAD_FORMAT;
		/* fall through */
	case 'o':
	case 'x':
	case 'X':
		if (space || plus)
			return AX_ERR_BAD_FORMAT;
		/* fall through */
	case 'd':
	case 'i':
		break;
	case 'c':
	case 's':
		if (d->lcount == 1)
			return AX_ERR_UNSUPPORTED; /* wide characters */
		if (d->lcount || d->h || d->z || zero || space || plus)
			return AX_ERR_BAD_FORMAT;
		if (d->conv == 'c' && d->prec)
			return AX_ERR_BAD_FORMAT;
		break;
	case 'p':
		if (d->lcount || d->h || d->z || d->prec || hash || zero ||
		    space || plus)
			return AX_ERR_BAD_FORMAT;
		break;
	case 'e':
	case 'f':
	case 'g':
	case 'E':
	case 'G':
		return AX_ERR_UNSUPPORTED;
	default: /* %n, '*', a missing conversion, ... */
		return AX_ERR_BAD_FORMAT;
	}
	(*f)++;
	n = (size_t)(*f - pct);
	if (n >= sizeof(d->spec))
		return AX_ERR_BAD_FORMAT;
	memcpy(d->spec, pct, n);
	d->spec[n] = '\0';
	return AX_OK;
}

/* Read the NUL-terminated string at ADDR, at most MAX bytes of it, into
   BUF (MAX + 1 bytes).  Reads stay inside aligned 64-byte blocks, so
   none runs past the string into another page; should read_mem refuse
   a block anyway, the string is read a byte at a time from there.  */
static enum ax_status read_string(const struct ax_vm *vm, uint64_t addr,
				  char *buf, size_t max)
{
	size_t got = 0, chunk;
	bool bytewise = false;
	enum ax_status st;

	while (got < max) {
		chunk = bytewise ? 1 : 64 - (size_t)((addr + got) & 63);
		if (chunk > max - got)
			chunk = max - got;
		st = read_mem(vm, addr + got, buf + got, chunk);
		if (st != AX_OK) {
			if (chunk == 1)
				return st;
			bytewise = true;
			continue;
		}
		if (memchr(buf + got, 0, chunk))
			return AX_OK;
		got += chunk;
	}
	buf[got] = '\0';
	return AX_OK;
}

static enum ax_status format_arg(const struct ax_vm *vm, struct ax_text *t,
				 const struct ax_directive *d, uint64_t v)
{
	char str[AX_PRINTF_MAX + 1];
	char spec[32];
	size_t max, n;
	enum ax_status st;

	switch (d->conv) {
	case 's':
		if (v == 0) {
			TEXT_PRINTF(t, d->spec, "(null)");
			break;
		}
		/* No more than fits, or than the precision shows.  */
		max = text_room(t);
		if (d->prec && d->precision < max)
			max = d->precision;
		st = read_string(vm, v, str, max);
		if (st != AX_OK)
			return st;
		TEXT_PRINTF(t, d->spec, str);
		break;
	case 'p':
		/* As GDB prints %p: "(nil)" or %#lx, keeping '-' and the
		   width only.  */
		n = (size_t)snprintf(spec, sizeof(spec), "%%%s%s",
				     d->minus ? "-" : "", v ? "#" : "");
		if (d->width)
			n += (size_t)snprintf(spec + n, sizeof(spec) - n, "%lu",
					      d->width);
		snprintf(spec + n, sizeof(spec) - n, "%s", v ? "llx" : "s");
		if (v)
			TEXT_PRINTF(t, spec, (unsigned long long)v);
		else
			TEXT_PRINTF(t, spec, "(nil)");
		break;
	case 'd':
	case 'i':
	case 'c':
		if (d->z)
			TEXT_PRINTF(t, d->spec, (ssize_t)v);
		else if (d->lcount == 2)
			TEXT_PRINTF(t, d->spec, (long long)v);
		else if (d->lcount == 1)
			TEXT_PRINTF(t, d->spec, (long)v);
		else /* like C's default promotions, %hd included */
			TEXT_PRINTF(t, d->spec, (int)v);
		break;
	default: /* u o x X */
		if (d->z)
			TEXT_PRINTF(t, d->spec, (size_t)v);
		else if (d->lcount == 2)
			TEXT_PRINTF(t, d->spec, (unsigned long long)v);
		else if (d->lcount == 1)
			TEXT_PRINTF(t, d->spec, (unsigned long)v);
		else
			TEXT_PRINTF(t, d->spec, (unsigned int)v);
		break;
	}
	return AX_OK;
}
#pragma GCC diagnostic pop

/* The escapes GDB's format parser understands; the format string comes
   as the user typed it, so "\n" is two characters.  */
static int unescape(char c)
{
	switch (c) {
	case '\\':
		return '\\';
	case '"':
		return '"';
	case 'a':
		return '\a';
	case 'b':
		return '\b';
	case 'e':
		return 033;
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	case 'v':
		return '\v';
	default:
		return -1;
	}
}

/* Format FMT with the NARGS values at ARGS; GDB pushes them last one
   first, so the first argument is ARGS[NARGS - 1].  */
static enum ax_status format_text(const struct ax_vm *vm, struct ax_text *t,
				  const char *fmt, size_t nargs,
				  const uint64_t *args)
{
	struct ax_directive d;
	const char *f = fmt, *pct;
	size_t used = 0;
	enum ax_status st;
	int c;

	while (*f) {
		if (*f == '\\') {
			if ((c = unescape(f[1])) < 0)
				return AX_ERR_BAD_FORMAT;
			text_putc(t, (char)c);
			f += 2;
			continue;
		}
		if (*f != '%') {
			text_putc(t, *f++);
			continue;
		}
		pct = f++;
		if (*f == '%') {
			text_putc(t, '%');
			f++;
			continue;
		}
		st = parse_directive(&f, pct, &d);
		if (st != AX_OK)
			return st;
		if (used == nargs)
			return AX_ERR_BAD_FORMAT;
		st = format_arg(vm, t, &d, args[nargs - 1 - used]);
		if (st != AX_OK)
			return st;
		used++;
	}
	return used == nargs ? AX_OK : AX_ERR_BAD_FORMAT;
}

/* printf NARGS(1) LEN(2) FORMAT(LEN, NUL included):
   args... channel function => (the function and channel, which ask for
   a particular print routine, are ignored: the text goes to output).  */
static enum ax_status op_printf(struct ax_vm *vm)
{
	struct ax_text text;
	uint64_t nargs, slen;
	const char *fmt;
	enum ax_status st;

	if ((st = fetch(vm, 1, &nargs)) != AX_OK ||
	    (st = fetch(vm, 2, &slen)) != AX_OK)
		return st;
	if (slen == 0 || vm->len - vm->pc < slen)
		return AX_ERR_PC_RANGE;
	fmt = (const char *)vm->code + vm->pc;
	vm->pc += slen;
	if (fmt[slen - 1] != '\0')
		return AX_ERR_BAD_FORMAT;
	if ((st = need(vm, nargs + 2)) != AX_OK)
		return st;
	text.len = 0;
	st = format_text(vm, &text, fmt, nargs, &vm->stack[vm->sp - 2 - nargs]);
	if (st != AX_OK)
		return st;
	vm->sp -= nargs + 2;
	if (text.len && vm->ops && vm->ops->output)
		vm->ops->output(vm->ops->ctx, text.buf, text.len);
	return AX_OK;
}

/* Execute one operation at vm->pc.  Sets *DONE at "end".  */
static enum ax_status step(struct ax_vm *vm, bool *done)
{
	uint64_t arg, v;
	enum ax_status st;
	uint8_t op = vm->code[vm->pc++];

	switch (op) {
	case AX_OP_ADD:
	case AX_OP_SUB:
	case AX_OP_MUL:
	case AX_OP_DIV_SIGNED:
	case AX_OP_DIV_UNSIGNED:
	case AX_OP_REM_SIGNED:
	case AX_OP_REM_UNSIGNED:
	case AX_OP_LSH:
	case AX_OP_RSH_SIGNED:
	case AX_OP_RSH_UNSIGNED:
	case AX_OP_BIT_AND:
	case AX_OP_BIT_OR:
	case AX_OP_BIT_XOR:
	case AX_OP_EQUAL:
	case AX_OP_LESS_SIGNED:
	case AX_OP_LESS_UNSIGNED:
		return op_binary(vm, op);

	case AX_OP_LOG_NOT:
	case AX_OP_BIT_NOT:
		if ((st = need(vm, 1)) != AX_OK)
			return st;
		v = vm->stack[vm->sp - 1];
		vm->stack[vm->sp - 1] = op == AX_OP_LOG_NOT ? !v : ~v;
		return AX_OK;

	case AX_OP_EXT:
	case AX_OP_ZERO_EXT:
		if ((st = fetch(vm, 1, &arg)) != AX_OK ||
		    (st = need(vm, 1)) != AX_OK)
			return st;
		v = vm->stack[vm->sp - 1];
		vm->stack[vm->sp - 1] = op == AX_OP_EXT ? sign_extend(v, arg) :
							  zero_extend(v, arg);
		return AX_OK;

	case AX_OP_REF8:
		return op_ref(vm, 1);
	case AX_OP_REF16:
		return op_ref(vm, 2);
	case AX_OP_REF32:
		return op_ref(vm, 4);
	case AX_OP_REF64:
		return op_ref(vm, 8);

	case AX_OP_IF_GOTO:
	case AX_OP_GOTO:
		if ((st = fetch(vm, 2, &arg)) != AX_OK)
			return st;
		v = 1;
		if (op == AX_OP_IF_GOTO) {
			if ((st = need(vm, 1)) != AX_OK)
				return st;
			v = vm->stack[--vm->sp];
		}
		if (v) {
			if (arg >= vm->len)
				return AX_ERR_PC_RANGE;
			vm->pc = arg;
		}
		return AX_OK;

	case AX_OP_CONST8:
	case AX_OP_CONST16:
	case AX_OP_CONST32:
	case AX_OP_CONST64:
		/* Not sign-extended: GDB follows with ext when needed.  */
		if ((st = fetch(vm, (size_t)1 << (op - AX_OP_CONST8), &v)) !=
		    AX_OK)
			return st;
		return push(vm, v);

	case AX_OP_REG:
		return op_reg(vm);

	case AX_OP_END:
		*done = true;
		return AX_OK;

	case AX_OP_DUP:
		if ((st = need(vm, 1)) != AX_OK)
			return st;
		return push(vm, vm->stack[vm->sp - 1]);

	case AX_OP_PICK: /* a_n ... a_0 => a_n ... a_0 a_n */
		if ((st = fetch(vm, 1, &arg)) != AX_OK ||
		    (st = need(vm, arg + 1)) != AX_OK)
			return st;
		return push(vm, vm->stack[vm->sp - 1 - arg]);

	case AX_OP_POP:
		if ((st = need(vm, 1)) != AX_OK)
			return st;
		vm->sp--;
		return AX_OK;

	case AX_OP_SWAP: /* a b => b a */
		if ((st = need(vm, 2)) != AX_OK)
			return st;
		v = vm->stack[vm->sp - 1];
		vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2];
		vm->stack[vm->sp - 2] = v;
		return AX_OK;

	case AX_OP_ROT: /* a b c => c a b */
		if ((st = need(vm, 3)) != AX_OK)
			return st;
		v = vm->stack[vm->sp - 1];
		vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2];
		vm->stack[vm->sp - 2] = vm->stack[vm->sp - 3];
		vm->stack[vm->sp - 3] = v;
		return AX_OK;

	/* No trace buffer here: the trace ops only do their stack
	   effects.  */
	case AX_OP_TRACE: /* addr size => */
	case AX_OP_TRACENZ:
		if ((st = need(vm, 2)) != AX_OK)
			return st;
		vm->sp -= 2;
		return AX_OK;
	case AX_OP_TRACE_QUICK: /* addr => addr */
	case AX_OP_TRACE16:
		if ((st = fetch(vm, op == AX_OP_TRACE16 ? 2 : 1, &arg)) !=
		    AX_OK)
			return st;
		return need(vm, 1);

	case AX_OP_PRINTF:
		return op_printf(vm);

	/* No floating point, and no trace state variables.  */
	case AX_OP_FLOAT:
	case AX_OP_REF_FLOAT:
	case AX_OP_REF_DOUBLE:
	case AX_OP_REF_LONG_DOUBLE:
	case AX_OP_L_TO_D:
	case AX_OP_D_TO_L:
	case AX_OP_GETV:
	case AX_OP_SETV:
	case AX_OP_TRACEV:
		return AX_ERR_UNSUPPORTED;

	default:
		return AX_ERR_BAD_OPCODE;
	}
}

enum ax_status ax_eval(const struct ax_expr *x, const struct ax_ops *ops,
		       uint64_t *top)
{
	struct ax_vm vm;
	enum ax_status st = AX_OK;
	bool done = false;
	unsigned long steps;

	if (top)
		*top = 0;
	if (!x || !x->code)
		return AX_ERR_PC_RANGE;
	vm.code = x->code;
	vm.len = x->len;
	vm.pc = 0;
	vm.sp = 0;
	vm.ops = ops;
	for (steps = 0; !done; steps++) {
		if (steps == AX_STEP_MAX)
			return AX_ERR_TOO_LONG;
		/* Running off the end without "end".  */
		if (vm.pc >= vm.len)
			return AX_ERR_PC_RANGE;
		st = step(&vm, &done);
		if (st != AX_OK)
			return st;
	}
	/* gdbserver reports an empty stack at "end" as an error when a
	   result is wanted; a 0 result is as good for a condition.  */
	if (top && vm.sp)
		*top = vm.stack[vm.sp - 1];
	return AX_OK;
}

const char *ax_status_str(enum ax_status st)
{
	switch (st) {
	case AX_OK:
		return "ok";
	case AX_ERR_BAD_OPCODE:
		return "unknown opcode";
	case AX_ERR_STACK:
		return "stack underflow or overflow";
	case AX_ERR_MEMORY:
		return "cannot read memory";
	case AX_ERR_REGISTER:
		return "cannot read register";
	case AX_ERR_DIV_ZERO:
		return "division by zero";
	case AX_ERR_PC_RANGE:
		return "jump or operand outside the expression";
	case AX_ERR_TOO_LONG:
		return "too many operations";
	case AX_ERR_UNSUPPORTED:
		return "unsupported operation";
	case AX_ERR_BAD_FORMAT:
		return "bad printf format or arguments";
	}
	return "unknown error";
}

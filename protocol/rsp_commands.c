/* rsp_commands.c - the command table and the argument parsers: turns a
   framed packet payload into a typed struct rsp_request, and derives the
   qSupported feature list from the table.  Unknown packets become
   RSP_CMD_UNKNOWN, malformed arguments RSP_CMD_BAD with a short reason.
   Every parser is bounded by the payload length; binary payloads (X,
   qXfer write, qSearch) are unescaped in place.  Owns the const table
   only.

   multiprocess+ is carried by the "vAttach;" entry.  */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "rsp_request.h"
#include "rsp_buf.h"
#include "rsp_frame.h"
#include "rsp_hex.h"

/* Parsing context: the text after the prefix.  */
struct args {
	const char *p;
	const char *end;
};

static bool fail(struct rsp_request *req, const char *why)
{
	req->error = why;
	return false;
}

static void *own(struct rsp_request *req, void *p)
{
	size_t i;

	for (i = 0; i < sizeof(req->owned) / sizeof(req->owned[0]); i++) {
		if (!req->owned[i]) {
			req->owned[i] = p;
			return p;
		}
	}
	abort(); /* a parser needs more slots: programming error */
}

static char *own_strndup(struct rsp_request *req, const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return own(req, d);
}

static bool at_end(const struct args *a)
{
	return a->p == a->end;
}

static bool eat(struct args *a, char c)
{
	if (a->p < a->end && *a->p == c) {
		a->p++;
		return true;
	}
	return false;
}

static bool hex(struct args *a, uint64_t *v)
{
	return rsp_parse_hex(&a->p, a->end, v);
}

/* A hex number that fits a non-negative long.  */
static bool hex_long(struct args *a, long *v)
{
	uint64_t u;

	if (!hex(a, &u) || u > (uint64_t)LONG_MAX)
		return false;
	*v = (long)u;
	return true;
}

/* A thread-id component: "-1" or a hex number.  */
static bool id_part(struct args *a, long *v)
{
	if (eat(a, '-')) {
		if (a->end - a->p >= 1 && *a->p == '1' &&
		    (a->p + 1 == a->end ||
		     rsp_hexval((unsigned char)a->p[1]) < 0)) {
			a->p++;
			*v = RSP_ID_ALL;
			return true;
		}
		return false;
	}
	return hex_long(a, v);
}

/* "pPID.TID", "pPID" (= pPID.-1), "-1", "0" or "TID".  */
static bool ptid(struct args *a, struct rsp_ptid *out)
{
	out->pid = 0;
	if (eat(a, 'p')) {
		if (!id_part(a, &out->pid))
			return false;
		if (!eat(a, '.')) {
			out->tid = RSP_ID_ALL;
			return true;
		}
	}
	return id_part(a, &out->tid);
}

/* ADDR,LEN that does not wrap past the top of the address space.  */
static bool addr_len(struct args *a, uint64_t *addr, uint64_t *len,
		     struct rsp_request *req)
{
	if (!hex(a, addr))
		return fail(req, "bad address");
	if (!eat(a, ','))
		return fail(req, "missing length");
	if (!hex(a, len))
		return fail(req, "bad length");
	if (*len && *len - 1 > UINT64_MAX - *addr)
		return fail(req, "range wraps");
	return true;
}

/* Decode the hex rest of A into an owned buffer.  */
static bool hex_rest(struct args *a, struct rsp_request *req,
		     const uint8_t **data, size_t *n)
{
	size_t slen = (size_t)(a->end - a->p);
	uint8_t *buf;

	if (slen % 2)
		return fail(req, "odd hex length");
	buf = own(req, xmalloc(slen / 2 + 1));
	if (!rsp_hex_decode(a->p, slen, buf, slen / 2))
		return fail(req, "bad hex");
	a->p = a->end;
	*data = buf;
	*n = slen / 2;
	return true;
}

/* Decode the hex rest of A into an owned C string.  */
static bool hex_str_rest(struct args *a, struct rsp_request *req,
			 const char **out)
{
	char *s = rsp_hex_to_str(a->p, (size_t)(a->end - a->p));

	if (!s)
		return fail(req, "bad hex string");
	own(req, s);
	a->p = a->end;
	*out = s;
	return true;
}

/* Unescape the binary rest of A in place.  The parser arguments are
   const because most parsers only read; entries flagged RSP_F_BINARY are
   always called on the caller's mutable payload.  */
static bool binary_rest(struct args *a, struct rsp_request *req,
			const uint8_t **data, size_t *n)
{
	char *w = (char *)a->p;
	long r = rsp_unescape(w, (size_t)(a->end - a->p));

	if (r < 0)
		return fail(req, "bad escape");
	a->p = a->end;
	*data = (const uint8_t *)w;
	*n = (size_t)r;
	return true;
}

#define ARGS(s, n)                         \
	{                                  \
		.p = (s), .end = (s) + (n) \
	}

/* ---- registers and memory ---- */

static bool parse_G(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (n == 0)
		return fail(req, "no register data");
	return hex_rest(&a, req, &req->u.reg.data, &req->u.reg.len);
}

static bool parse_p(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	uint64_t r;

	if (!hex(&a, &r) || r > ULONG_MAX || !at_end(&a))
		return fail(req, "bad register number");
	req->u.reg.regno = (unsigned long)r;
	return true;
}

static bool parse_P(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	uint64_t r;

	if (!hex(&a, &r) || r > ULONG_MAX)
		return fail(req, "bad register number");
	req->u.reg.regno = (unsigned long)r;
	if (!eat(&a, '='))
		return fail(req, "missing '='");
	if (at_end(&a))
		return fail(req, "no register data");
	return hex_rest(&a, req, &req->u.reg.data, &req->u.reg.len);
}

static bool parse_m(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (!addr_len(&a, &req->u.mem.addr, &req->u.mem.len, req))
		return false;
	if (!at_end(&a))
		return fail(req, "trailing characters");
	return true;
}

static bool parse_M(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	size_t got;

	if (!addr_len(&a, &req->u.mem.addr, &req->u.mem.len, req))
		return false;
	if (!eat(&a, ':'))
		return fail(req, "missing ':'");
	if (req->u.mem.len > (uint64_t)(a.end - a.p) / 2 ||
	    req->u.mem.len * 2 != (uint64_t)(a.end - a.p))
		return fail(req, "length mismatch");
	return hex_rest(&a, req, &req->u.mem.data, &got);
}

static bool parse_X(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	size_t got;

	if (!addr_len(&a, &req->u.mem.addr, &req->u.mem.len, req))
		return false;
	if (!eat(&a, ':'))
		return fail(req, "missing ':'");
	if (!binary_rest(&a, req, &req->u.mem.data, &got))
		return false;
	if (got != req->u.mem.len)
		return fail(req, "length mismatch");
	return true;
}

static bool parse_crc(const char *s, size_t n, struct rsp_request *req)
{
	return parse_m(s, n, req);
}

/* ---- breakpoints ---- */

static bool parse_Zz(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	uint64_t type;

	if (!hex(&a, &type))
		return fail(req, "bad breakpoint type");
	if (type > 4) {
		/* Unknown kinds are "unsupported", not errors.  */
		req->cmd = RSP_CMD_UNKNOWN;
		return true;
	}
	req->u.bp.type = (int)type;
	if (!eat(&a, ',') || !hex(&a, &req->u.bp.addr))
		return fail(req, "bad address");
	if (!eat(&a, ',') || !hex(&a, &req->u.bp.kind))
		return fail(req, "bad kind");
	if (!at_end(&a) && *a.p != ';')
		return fail(req, "trailing characters");
	req->u.bp.extra = own_strndup(req, a.p, (size_t)(a.end - a.p));
	return true;
}

/* ---- resumption ---- */

static struct rsp_vcont_action *one_action(struct rsp_request *req, char kind,
					   int sig)
{
	struct rsp_vcont_action *act = own(req, xcalloc(1, sizeof(*act)));

	act->kind = kind;
	act->sig = sig;
	req->u.vcont.actions = act;
	req->u.vcont.count = 1;
	return act;
}

static bool signal_num(struct args *a, int *sig)
{
	uint64_t v;

	if (!hex(a, &v) || v >= RSP_MAX_GDB_SIGNAL)
		return false;
	*sig = (int)v;
	return true;
}

static bool parse_cs(const char *s, size_t n, struct rsp_request *req,
		     char kind)
{
	(void)s;
	if (n)
		return fail(req, "resume address unsupported");
	one_action(req, kind, 0);
	return true;
}

static bool parse_CS(const char *s, size_t n, struct rsp_request *req,
		     char kind)
{
	struct args a = ARGS(s, n);
	int sig;

	if (!signal_num(&a, &sig))
		return fail(req, "bad signal");
	if (!at_end(&a))
		return fail(req, "resume address unsupported");
	one_action(req, kind, sig);
	return true;
}

static bool parse_c(const char *s, size_t n, struct rsp_request *req)
{
	return parse_cs(s, n, req, RSP_VCONT_CONTINUE);
}

static bool parse_s(const char *s, size_t n, struct rsp_request *req)
{
	return parse_cs(s, n, req, RSP_VCONT_STEP);
}

static bool parse_C(const char *s, size_t n, struct rsp_request *req)
{
	return parse_CS(s, n, req, RSP_VCONT_CONTINUE);
}

static bool parse_S(const char *s, size_t n, struct rsp_request *req)
{
	return parse_CS(s, n, req, RSP_VCONT_STEP);
}

/* S is the text after "vCont;": action[:ptid](;action[:ptid])*.  */
static bool parse_vcont(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	struct rsp_vcont_action *acts;
	size_t count = 1, i;

	for (i = 0; i < n; i++)
		count += s[i] == ';';
	acts = own(req, xcalloc(count, sizeof(*acts)));
	req->u.vcont.actions = acts;
	for (i = 0; i < count; i++) {
		struct rsp_vcont_action *act = &acts[i];
		char k;

		if (i && !eat(&a, ';'))
			return fail(req, "bad action separator");
		if (at_end(&a))
			return fail(req, "empty action");
		k = *a.p++;
		switch (k) {
		case 'c':
		case 's':
		case 't':
			act->kind = k;
			break;
		case 'C':
		case 'S':
			act->kind =
				k == 'C' ? RSP_VCONT_CONTINUE : RSP_VCONT_STEP;
			if (!signal_num(&a, &act->sig))
				return fail(req, "bad signal");
			break;
		case 'r':
			act->kind = RSP_VCONT_RANGE;
			if (!hex(&a, &act->range_start) || !eat(&a, ',') ||
			    !hex(&a, &act->range_end))
				return fail(req, "bad range");
			break;
		default:
			return fail(req, "unknown action");
		}
		if (eat(&a, ':')) {
			act->has_ptid = true;
			if (!ptid(&a, &act->ptid))
				return fail(req, "bad thread id");
		}
		if (!at_end(&a) && *a.p != ';')
			return fail(req, "trailing characters");
	}
	req->u.vcont.count = count;
	return true;
}

/* ---- threads ---- */

static bool parse_H(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (n == 0)
		return fail(req, "missing operation");
	req->u.set_thread.op = *a.p++;
	if (!ptid(&a, &req->u.set_thread.ptid) || !at_end(&a))
		return fail(req, "bad thread id");
	return true;
}

static bool parse_T(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (!ptid(&a, &req->u.ptid) || !at_end(&a))
		return fail(req, "bad thread id");
	return true;
}

static bool parse_tls(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (!ptid(&a, &req->u.tls.ptid))
		return fail(req, "bad thread id");
	if (!eat(&a, ',') || !hex(&a, &req->u.tls.offset))
		return fail(req, "bad offset");
	if (!eat(&a, ',') || !hex(&a, &req->u.tls.lm) || !at_end(&a))
		return fail(req, "bad load module");
	return true;
}

/* ---- queries ---- */

static bool parse_supported(const char *s, size_t n, struct rsp_request *req)
{
	if (n == 0) {
		req->u.supported.features = "";
		return true;
	}
	if (s[0] != ':') {
		req->cmd = RSP_CMD_UNKNOWN; /* some other qSupported... */
		return true;
	}
	req->u.supported.features = own_strndup(req, s + 1, n - 1);
	return true;
}

/* "ANNEX:OFFSET,LENGTH"; the annex is everything up to the last ':'.  */
static bool parse_xfer_read(const char *object, const char *s, size_t n,
			    struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	const char *colon = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ':')
			colon = s + i;
	if (!colon)
		return fail(req, "missing offset");
	req->u.xfer.object = own_strndup(req, object, strlen(object));
	req->u.xfer.annex = own_strndup(req, s, (size_t)(colon - s));
	a.p = colon + 1;
	if (!hex(&a, &req->u.xfer.offset))
		return fail(req, "bad offset");
	if (!eat(&a, ',') || !hex(&a, &req->u.xfer.length) || !at_end(&a))
		return fail(req, "bad length");
	return true;
}

/* "ANNEX:OFFSET:DATA" with escaped binary data.  */
static bool parse_xfer_write(const char *object, const char *s, size_t n,
			     struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	const char *colon = memchr(s, ':', n);
	size_t got;

	if (!colon)
		return fail(req, "missing offset");
	req->u.xfer.object = own_strndup(req, object, strlen(object));
	req->u.xfer.annex = own_strndup(req, s, (size_t)(colon - s));
	a.p = colon + 1;
	if (!hex(&a, &req->u.xfer.offset))
		return fail(req, "bad offset");
	if (!eat(&a, ':'))
		return fail(req, "missing data");
	if (!binary_rest(&a, req, &req->u.xfer.data, &got))
		return false;
	req->u.xfer.length = got;
	return true;
}

#define XFER_PARSER(name, object, op)                          \
	static bool parse_xfer_##name(const char *s, size_t n, \
				      struct rsp_request *req) \
	{                                                      \
		return parse_xfer_##op(object, s, n, req);     \
	}
XFER_PARSER(features, "features", read)
XFER_PARSER(threads, "threads", read)
XFER_PARSER(auxv, "auxv", read)
XFER_PARSER(exec_file, "exec-file", read)
XFER_PARSER(libraries_svr4, "libraries-svr4", read)
XFER_PARSER(siginfo_read, "siginfo", read)
XFER_PARSER(siginfo_write, "siginfo", write)
XFER_PARSER(osdata, "osdata", read)

static bool parse_vfile(const char *s, size_t n, struct rsp_request *req)
{
	const char *colon = memchr(s, ':', n);

	if (!colon || colon == s)
		return fail(req, "bad vFile operation");
	req->u.vfile.op = own_strndup(req, s, (size_t)(colon - s));
	req->u.vfile.args = colon + 1;
	req->u.vfile.args_len = n - (size_t)(colon + 1 - s);
	return true;
}

static bool parse_attached(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (n == 0)
		return true;
	if (!eat(&a, ':')) {
		req->cmd = RSP_CMD_UNKNOWN;
		return true;
	}
	if (!hex_long(&a, &req->u.pid.pid) || !at_end(&a))
		return fail(req, "bad pid");
	return true;
}

static bool parse_signals(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	while (!at_end(&a)) {
		int sig;

		if (!signal_num(&a, &sig))
			return fail(req, "bad signal");
		req->u.signals.set[sig / 8] |= (uint8_t)(1u << (sig % 8));
		/* GDB ends the list with a ';' too.  */
		if (!at_end(&a) && !eat(&a, ';'))
			return fail(req, "bad signal list");
	}
	return true;
}

static bool parse_search(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (!hex(&a, &req->u.search.addr))
		return fail(req, "bad address");
	if (!eat(&a, ';') || !hex(&a, &req->u.search.len))
		return fail(req, "bad length");
	if (!eat(&a, ';'))
		return fail(req, "missing pattern");
	if (!binary_rest(&a, req, &req->u.search.pattern,
			 &req->u.search.pattern_len))
		return false;
	if (req->u.search.pattern_len == 0)
		return fail(req, "empty pattern");
	return true;
}

/* "qSymbol::" offers look-ups (no name); "qSymbol:VALUE:HEXNAME" and
   "qSymbol::HEXNAME" answer for a name, found or not.  */
static bool parse_symbol(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (n == 1 && s[0] == ':')
		return true;
	if (!eat(&a, ':')) {
		if (!hex(&a, &req->u.symbol.value) || !eat(&a, ':'))
			return fail(req, "bad symbol value");
		req->u.symbol.found = true;
	}
	if (at_end(&a))
		return fail(req, "missing symbol name");
	return hex_str_rest(&a, req, &req->u.symbol.name);
}

static bool parse_rcmd(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	return hex_str_rest(&a, req, &req->u.monitor.command);
}

/* ---- processes ---- */

static bool parse_pid(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (!hex_long(&a, &req->u.pid.pid) || !at_end(&a) ||
	    req->u.pid.pid == 0)
		return fail(req, "bad pid");
	return true;
}

static bool parse_D(const char *s, size_t n, struct rsp_request *req)
{
	if (n == 0)
		return true;
	if (s[0] != ';')
		return fail(req, "bad detach");
	return parse_pid(s + 1, n - 1, req);
}

/* "hexprog;hexarg;..." (the text after "vRun;"), decoded into one block:
   the argv array followed by the strings.  */
static bool parse_vrun(const char *s, size_t n, struct rsp_request *req)
{
	size_t argc = 1, i, bytes;
	const char *p = s, *end = s + n;
	char **argv, *str;

	for (i = 0; i < n; i++)
		argc += s[i] == ';';
	if (argc > (size_t)INT32_MAX)
		return fail(req, "too many arguments");
	/* Each argument decodes to at most half its text, plus a NUL.  */
	bytes = (argc + 1) * sizeof(char *) + n / 2 + argc;
	argv = own(req, xmalloc(bytes));
	str = (char *)(argv + argc + 1);
	for (i = 0; i < argc; i++) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		size_t len = (size_t)((semi ? semi : end) - p);

		if (len % 2 || !rsp_hex_decode(p, len, (uint8_t *)str, len / 2))
			return fail(req, "bad hex argument");
		if (memchr(str, '\0', len / 2))
			return fail(req, "NUL in argument");
		argv[i] = str;
		str[len / 2] = '\0';
		str += len / 2 + 1;
		p = semi ? semi + 1 : end;
	}
	argv[argc] = NULL;
	req->u.run.argc = (int)argc;
	req->u.run.argv = argv;
	return true;
}

/* ---- settings ---- */

static bool parse_flag(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	uint64_t v;

	if (!hex(&a, &v) || !at_end(&a) || v > 1)
		return fail(req, "expected 0 or 1");
	req->u.flag.value = (long)v;
	return true;
}

static bool parse_list_threads(const char *s, size_t n, struct rsp_request *req)
{
	(void)s;
	(void)n;
	req->u.flag.value = 1;
	return true;
}

static bool parse_env_set(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	const char *eq;

	if (!hex_str_rest(&a, req, &req->u.str.text))
		return false;
	eq = strchr(req->u.str.text, '=');
	if (!eq || eq == req->u.str.text)
		return fail(req, "expected NAME=VALUE");
	return true;
}

static bool parse_env_unset(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	if (!hex_str_rest(&a, req, &req->u.str.text))
		return false;
	if (!req->u.str.text[0])
		return fail(req, "empty variable name");
	return true;
}

static bool parse_hex_text(const char *s, size_t n, struct rsp_request *req)
{
	struct args a = ARGS(s, n);

	return hex_str_rest(&a, req, &req->u.str.text);
}

static bool parse_catch_syscalls(const char *s, size_t n,
				 struct rsp_request *req)
{
	struct args a = ARGS(s, n);
	size_t count = 0, i;
	long *nums;

	if (eat(&a, '0')) {
		if (!at_end(&a))
			return fail(req, "bad QCatchSyscalls");
		return true;
	}
	if (!eat(&a, '1'))
		return fail(req, "bad QCatchSyscalls");
	req->u.syscalls.enable = true;
	for (i = 0; i < n; i++)
		count += s[i] == ';';
	if (!count) {
		if (!at_end(&a))
			return fail(req, "bad QCatchSyscalls");
		return true;
	}
	nums = own(req, xcalloc(count, sizeof(*nums)));
	req->u.syscalls.numbers = nums;
	for (i = 0; i < count; i++) {
		if (!eat(&a, ';') || !hex_long(&a, &nums[i]))
			return fail(req, "bad syscall number");
	}
	if (!at_end(&a))
		return fail(req, "bad syscall number");
	req->u.syscalls.count = count;
	return true;
}

/* ---- the table ---- */

#define STOP RSP_F_STOP_REPLY
#define BIN RSP_F_BINARY

/* First match wins: a longer prefix comes before any prefix of it.  */
static const struct rsp_command commands[] = {
	/* single letters */
	{ "?", true, RSP_CMD_QUERY_STOP, STOP, NULL, NULL },
	{ "!", true, RSP_CMD_EXTENDED_MODE, 0, NULL, NULL },
	{ "g", true, RSP_CMD_READ_REGS, 0, NULL, NULL },
	{ "G", false, RSP_CMD_WRITE_REGS, 0, NULL, parse_G },
	{ "p", false, RSP_CMD_READ_REG, 0, NULL, parse_p },
	{ "P", false, RSP_CMD_WRITE_REG, 0, NULL, parse_P },
	{ "m", false, RSP_CMD_READ_MEM, 0, NULL, parse_m },
	{ "x", false, RSP_CMD_READ_MEM_BIN, 0, "binary-upload+", parse_m },
	{ "M", false, RSP_CMD_WRITE_MEM, 0, NULL, parse_M },
	{ "X", false, RSP_CMD_WRITE_MEM, BIN, NULL, parse_X },
	{ "Z", false, RSP_CMD_INSERT_BP, 0, "swbreak+;hwbreak+", parse_Zz },
	{ "z", false, RSP_CMD_REMOVE_BP, 0, NULL, parse_Zz },
	{ "c", false, RSP_CMD_VCONT, STOP, NULL, parse_c },
	{ "C", false, RSP_CMD_VCONT, STOP, NULL, parse_C },
	{ "s", false, RSP_CMD_VCONT, STOP, NULL, parse_s },
	{ "S", false, RSP_CMD_VCONT, STOP, NULL, parse_S },
	{ "H", false, RSP_CMD_SET_THREAD, 0, NULL, parse_H },
	{ "T", false, RSP_CMD_THREAD_ALIVE, 0, NULL, parse_T },
	{ "k", true, RSP_CMD_KILL, 0, NULL, NULL },
	{ "R", false, RSP_CMD_RESTART, 0, NULL, NULL },
	{ "D", false, RSP_CMD_DETACH, 0, NULL, parse_D },

	/* v packets */
	{ "vCont?", true, RSP_CMD_VCONT_QUERY, 0, NULL, NULL },
	{ "vCont;", false, RSP_CMD_VCONT, STOP, "vContSupported+",
	  parse_vcont },
	{ "vCtrlC", true, RSP_CMD_VCTRLC, 0, NULL, NULL },
	{ "vStopped", true, RSP_CMD_VSTOPPED, STOP, NULL, NULL },
	{ "vFile:", false, RSP_CMD_VFILE, BIN, NULL, parse_vfile },
	{ "vAttach;", false, RSP_CMD_VATTACH, STOP, "multiprocess+",
	  parse_pid },
	{ "vKill;", false, RSP_CMD_VKILL, 0, NULL, parse_pid },
	{ "vRun;", false, RSP_CMD_VRUN, STOP, NULL, parse_vrun },

	/* q packets */
	{ "qC", true, RSP_CMD_CURRENT_THREAD, 0, NULL, NULL },
	{ "qCRC:", false, RSP_CMD_CRC, 0, NULL, parse_crc },
	{ "qfThreadInfo", true, RSP_CMD_THREAD_INFO_FIRST, 0, NULL, NULL },
	{ "qsThreadInfo", true, RSP_CMD_THREAD_INFO_NEXT, 0, NULL, NULL },
	{ "qSupported", false, RSP_CMD_SUPPORTED, 0, NULL, parse_supported },
	{ "qXfer:features:read:", false, RSP_CMD_XFER_READ, 0,
	  "qXfer:features:read+", parse_xfer_features },
	{ "qXfer:threads:read:", false, RSP_CMD_XFER_READ, 0,
	  "qXfer:threads:read+", parse_xfer_threads },
	{ "qXfer:auxv:read:", false, RSP_CMD_XFER_READ, 0, "qXfer:auxv:read+",
	  parse_xfer_auxv },
	{ "qXfer:exec-file:read:", false, RSP_CMD_XFER_READ, 0,
	  "qXfer:exec-file:read+", parse_xfer_exec_file },
	{ "qXfer:libraries-svr4:read:", false, RSP_CMD_XFER_READ, 0,
	  "qXfer:libraries-svr4:read+", parse_xfer_libraries_svr4 },
	{ "qXfer:siginfo:read:", false, RSP_CMD_XFER_READ, 0,
	  "qXfer:siginfo:read+", parse_xfer_siginfo_read },
	{ "qXfer:siginfo:write:", false, RSP_CMD_XFER_WRITE, BIN,
	  "qXfer:siginfo:write+", parse_xfer_siginfo_write },
	{ "qXfer:osdata:read:", false, RSP_CMD_XFER_READ, 0,
	  "qXfer:osdata:read+", parse_xfer_osdata },
	{ "qAttached", false, RSP_CMD_ATTACHED, 0, NULL, parse_attached },
	{ "qSearch:memory:", false, RSP_CMD_SEARCH_MEM, BIN, NULL,
	  parse_search },
	{ "qSymbol:", false, RSP_CMD_SYMBOL, 0, NULL, parse_symbol },
	{ "qRcmd,", false, RSP_CMD_MONITOR, 0, NULL, parse_rcmd },
	{ "qTStatus", true, RSP_CMD_TSTATUS, 0, NULL, NULL },
	{ "qOffsets", true, RSP_CMD_OFFSETS, 0, NULL, NULL },
	{ "qGetTLSAddr:", false, RSP_CMD_GET_TLS_ADDR, 0, NULL, parse_tls },

	/* Q packets */
	{ "QStartNoAckMode", true, RSP_CMD_NO_ACK, 0, "QStartNoAckMode+",
	  NULL },
	{ "QPassSignals:", false, RSP_CMD_PASS_SIGNALS, 0, "QPassSignals+",
	  parse_signals },
	{ "QProgramSignals:", false, RSP_CMD_PROGRAM_SIGNALS, 0,
	  "QProgramSignals+", parse_signals },
	{ "QNonStop:", false, RSP_CMD_NON_STOP, 0, "QNonStop+", parse_flag },
	{ "QThreadEvents:", false, RSP_CMD_THREAD_EVENTS, 0, "QThreadEvents+",
	  parse_flag },
	{ "QStartupWithShell:", false, RSP_CMD_STARTUP_WITH_SHELL, 0,
	  "QStartupWithShell+", parse_flag },
	{ "QDisableRandomization:", false, RSP_CMD_DISABLE_RANDOMIZATION, 0,
	  "QDisableRandomization+", parse_flag },
	{ "QListThreadsInStopReply", true, RSP_CMD_LIST_THREADS_IN_STOP_REPLY,
	  0, NULL, parse_list_threads },
	{ "QEnvironmentHexEncoded:", false, RSP_CMD_ENV_HEX, 0,
	  "QEnvironmentHexEncoded+", parse_env_set },
	{ "QEnvironmentUnset:", false, RSP_CMD_ENV_UNSET, 0,
	  "QEnvironmentUnset+", parse_env_unset },
	{ "QEnvironmentReset", true, RSP_CMD_ENV_RESET, 0, "QEnvironmentReset+",
	  NULL },
	{ "QSetWorkingDir:", false, RSP_CMD_SET_WORKING_DIR, 0,
	  "QSetWorkingDir+", parse_hex_text },
	{ "QCatchSyscalls:", false, RSP_CMD_CATCH_SYSCALLS, 0,
	  "QCatchSyscalls+", parse_catch_syscalls },
};

const struct rsp_command *rsp_command_table(size_t *count)
{
	*count = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

static const struct rsp_command *lookup(const char *payload, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct rsp_command *c = &commands[i];
		size_t plen = strlen(c->prefix);

		if (c->exact ? len != plen : len < plen)
			continue;
		if (memcmp(payload, c->prefix, plen) == 0)
			return c;
	}
	return NULL;
}

void rsp_request_free(struct rsp_request *req)
{
	size_t i;

	for (i = 0; i < sizeof(req->owned) / sizeof(req->owned[0]); i++)
		free(req->owned[i]);
	memset(req, 0, sizeof(*req));
}

void rsp_parse_request(char *payload, size_t len, struct rsp_request *req)
{
	const struct rsp_command *c;
	size_t plen;

	memset(req, 0, sizeof(*req));
	c = lookup(payload, len);
	if (!c)
		return; /* RSP_CMD_UNKNOWN */
	req->cmd = c->cmd;
	if (!c->parse)
		return;
	plen = strlen(c->prefix);
	if (!c->parse(payload + plen, len - plen, req)) {
		const char *why = req->error ? req->error : "bad arguments";

		rsp_request_free(req);
		req->cmd = RSP_CMD_BAD;
		req->error = why;
	} else if (req->cmd == RSP_CMD_UNKNOWN) {
		rsp_request_free(req);
	}
}

/* Features of stop replies rather than of a packet.  */
static const char *const stop_reply_features[] = {
	"exec-events+", /* T05exec:PATH; after an exec */
	"no-resumed+", /* N when no resumed thread is left */
	"fork-events+", /* T05fork:pC.C; */
	"vfork-events+", /* T05vfork:pC.C; and T05vforkdone:; */
};

/* Breakpoint conditions and commands evaluated by the stub: a hit it
   need not report is stepped over, which takes a single-step.  */
static const char *const stepping_features[] = {
	"ConditionalBreakpoints+",
	"BreakpointCommands+",
};

void rsp_supported_features(struct rsp_buf *out, bool can_step)
{
	size_t i, j;

	rsp_buf_printf(out, "PacketSize=%x", RSP_MAX_PACKET);
	for (i = 0; i < sizeof(stop_reply_features) / sizeof(char *); i++) {
		rsp_buf_putc(out, ';');
		rsp_buf_puts(out, stop_reply_features[i]);
	}
	for (i = 0; can_step && i < sizeof(stepping_features) / sizeof(char *);
	     i++) {
		rsp_buf_putc(out, ';');
		rsp_buf_puts(out, stepping_features[i]);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *f = commands[i].feature;
		bool dup = false;

		if (!f)
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = commands[j].feature &&
			      strcmp(commands[j].feature, f) == 0;
		if (dup)
			continue;
		rsp_buf_putc(out, ';');
		rsp_buf_puts(out, f);
	}
}

/* The item of the client's ';'-separated FEATURES that is "NAME+"
   (MARK '+') or starts with "NAME=" (MARK '='), with its length in *LEN;
   NULL if none is.  */
static const char *find_feature(const char *features, const char *name,
				char mark, size_t *len)
{
	size_t nlen = strlen(name);
	const char *p = features;

	while (p && *p) {
		const char *semi = strchr(p, ';');

		*len = semi ? (size_t)(semi - p) : strlen(p);
		if (*len > nlen && memcmp(p, name, nlen) == 0 &&
		    p[nlen] == mark && (mark == '=' || *len == nlen + 1))
			return p;
		p = semi ? semi + 1 : NULL;
	}
	return NULL;
}

char *rsp_client_feature_value(const char *features, const char *name)
{
	size_t nlen = strlen(name), len;
	const char *p = find_feature(features, name, '=', &len);

	return p ? xstrndup(p + nlen + 1, len - nlen - 1) : NULL;
}

bool rsp_list_has(const char *list, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");

		if (len == nlen && memcmp(p, name, nlen) == 0)
			return true;
		if (!p[len])
			return false;
		p += len + 1;
	}
}

bool rsp_client_has_feature(const char *features, const char *name)
{
	size_t len;

	return find_feature(features, name, '+', &len) != NULL;
}

/* selftest.c - "quietstub --selftest": checks of the pure layers run
   inside the installed binary (framing, parsing, escaping, signals, the
   native register backend), so a deployed stub can vouch for itself.
   The full unit suites live in testsuite/unit.  */
#include "config.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "arch.h"
#include "gdb_signals.h"
#include "rsp_buf.h"
#include "rsp_frame.h"
#include "rsp_hex.h"
#include "rsp_request.h"
#include "rsp_xfer.h"
#include "selftest.h"

/* Feed DATA to a framer SPLIT bytes at a time; the first packet's
   payload, or NULL.  */
static const char *frame_in_pieces(struct rsp_framer *f, const char *data,
				   size_t split)
{
	size_t len = strlen(data), off = 0;

	rsp_framer_init(f);
	while (off < len) {
		enum rsp_frame_event ev;
		size_t n = len - off < split ? len - off : split;
		size_t used =
			rsp_framer_feed(f, (const uint8_t *)data + off, n, &ev);

		off += used;
		if (ev == RSP_EV_PACKET)
			return f->buf;
		if (!used && ev == RSP_EV_NONE)
			break;
	}
	return NULL;
}

static bool test_framing_split(struct rsp_framer *f)
{
	for (size_t split = 1; split < 16; split++) {
		const char *p = frame_in_pieces(f, "+$qSupported#37", split);

		if (!p || strcmp(p, "qSupported") != 0)
			return false;
	}
	return true;
}

static bool test_bad_checksum(struct rsp_framer *f)
{
	enum rsp_frame_event ev;
	const char *bad = "$g#00";

	rsp_framer_init(f);
	rsp_framer_feed(f, (const uint8_t *)bad, strlen(bad), &ev);
	return ev == RSP_EV_BAD_CHECKSUM;
}

static bool test_run_length(struct rsp_framer *f)
{
	/* "0* " is '0' and three more copies.  */
	const char *p = frame_in_pieces(f, "$0* #7a", 64);

	return p && strcmp(p, "0000") == 0;
}

static bool test_parse_vcont(struct rsp_framer *f)
{
	char pkt[] = "vCont;s:p1a.1b;c";
	struct rsp_request req;
	bool ok;

	(void)f;
	rsp_parse_request(pkt, strlen(pkt), &req);
	ok = req.cmd == RSP_CMD_VCONT && req.u.vcont.count == 2 &&
	     req.u.vcont.actions[0].kind == 's' &&
	     req.u.vcont.actions[0].ptid.pid == 0x1a &&
	     req.u.vcont.actions[0].ptid.tid == 0x1b &&
	     !req.u.vcont.actions[1].has_ptid;
	rsp_request_free(&req);
	return ok;
}

static bool test_parse_bad(struct rsp_framer *f)
{
	char pkt[] = "m12345678,zz";
	struct rsp_request req;
	bool ok;

	(void)f;
	rsp_parse_request(pkt, strlen(pkt), &req);
	ok = req.cmd == RSP_CMD_BAD;
	rsp_request_free(&req);
	return ok;
}

static bool test_binary_escape(struct rsp_framer *f)
{
	const char data[] = { '#', '$', '}', '*', 'a', 0 };
	struct rsp_buf b;
	long n;
	bool ok;

	(void)f;
	rsp_buf_init(&b);
	rsp_buf_binary(&b, data, sizeof(data), 0);
	n = rsp_unescape(b.data, b.len);
	ok = n == (long)sizeof(data) && memcmp(b.data, data, n) == 0;
	rsp_buf_free(&b);
	return ok;
}

static bool test_xfer_window(struct rsp_framer *f)
{
	struct rsp_buf b;
	bool ok;

	(void)f;
	rsp_buf_init(&b);
	rsp_xfer_window(&b, "abcdef", 6, 2, 2);
	ok = b.len == 3 && memcmp(b.data, "mcd", 3) == 0;
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, "abcdef", 6, 4, 10);
	ok = ok && b.len == 3 && memcmp(b.data, "lef", 3) == 0;
	rsp_buf_free(&b);
	return ok;
}

static bool test_signals(struct rsp_framer *f)
{
	(void)f;
	for (int sig = 1; sig < 32; sig++) {
		int g = gdb_signal_from_host(sig);

		if (g != GDB_SIGNAL_UNKNOWN && gdb_signal_to_host(g) != sig)
			return false;
	}
	return gdb_signal_from_host(SIGTRAP) == GDB_SIGNAL_TRAP;
}

static bool test_native_tdesc(struct rsp_framer *f)
{
	const struct arch_ops *a = arch_native();
	const char *err = NULL;
	const struct arch_tdesc *td;

	(void)f;
	if (!a)
		return false;
	/* The smallest description: every feature file must load.  */
	td = a->tdesc_for(a->probe_note ? 0x3 : 0, 4096, &err);
	return td && td->nregs > 0 && td->g_size > 0 && td->pc_regnum >= 0;
}

static bool test_native_pc_roundtrip(struct rsp_framer *f)
{
	const struct arch_ops *a = arch_native();
	const struct arch_tdesc *td;
	struct arch_regcache rc = { 0 };
	const char *err = NULL;
	uint8_t buf[65536] = { 0 };
	bool ok;

	(void)f;
	td = a ? a->tdesc_for(0x3, 4096, &err) : NULL;
	if (!td)
		return false;
	rc.buf[0] = buf;
	rc.valid[0] = true;
	/* A PC every backend's PC holds (i386's is 32 bits).  */
	a->set_pc(&rc, 0x12345678);
	ok = a->get_pc(&rc) == 0x12345678 && rc.dirty[0];
	return ok;
}

struct selftest {
	const char *name;
	bool (*run)(struct rsp_framer *f);
};

static const struct selftest tests[] = {
	{ "framing split at every byte", test_framing_split },
	{ "bad checksum", test_bad_checksum },
	{ "run-length decoding", test_run_length },
	{ "vCont parsing", test_parse_vcont },
	{ "malformed packet", test_parse_bad },
	{ "binary escaping", test_binary_escape },
	{ "qXfer windowing", test_xfer_window },
	{ "signal numbers", test_signals },
	{ "native target description", test_native_tdesc },
	{ "native pc round trip", test_native_pc_roundtrip },
};

int selftest_run(void)
{
	struct rsp_framer *f = xmalloc(sizeof(*f));
	int failed = 0, n = sizeof(tests) / sizeof(tests[0]);

	for (int i = 0; i < n; i++) {
		bool ok = tests[i].run(f);

		if (!ok) {
			failed++;
			printf("Self test failed: %s\n", tests[i].name);
		}
	}
	free(f);
	printf("Ran %d unit tests, %d failed\n", n, failed);
	return failed ? 1 : 0;
}

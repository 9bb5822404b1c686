/* test-protocol-random.c - robustness test of protocol/: 200k
   pseudo-random bytes (fixed seed) through the framer, with every packet
   it yields handed to the parser, and 200k bytes of random arguments
   after every command table prefix straight into the parser, and as
   many bytes of mutated well-formed packets.  Checks the framer's
   invariants; meant to be run under -fsanitize=address,undefined too.  */
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "unit.h"
#include "rsp_frame.h"
#include "rsp_request.h"
#include "rsp_buf.h"
#include "rsp_xfer.h"

#define RANDOM_BYTES 200000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

/* Bytes biased towards the framing and argument syntax.  */
static uint8_t rnd_byte(void)
{
	static const char syntax[] = "$#*}+-:;,.=p0123456789abcdefABCDEF-1";
	uint32_t r = rnd() % 100;

	if (r < 2)
		return '$';
	if (r < 4)
		return '#';
	if (r < 5)
		return 0x03;
	if (r < 60)
		return (uint8_t)syntax[rnd() % (sizeof(syntax) - 1)];
	if (r < 80)
		return (uint8_t)(' ' + rnd() % 95);
	return (uint8_t)rnd();
}

static void parse_copy(const char *p, size_t n)
{
	struct rsp_request req;
	char *copy = xmalloc(n ? n : 1);

	memcpy(copy, p, n);
	rsp_parse_request(copy, n, &req);
	if (req.cmd == RSP_CMD_BAD && (!req.error || !req.error[0]))
		printf("FAIL: BAD without a reason\n");
	rsp_request_free(&req);
	free(copy);
}

static void test_framer(void)
{
	struct rsp_framer *f = xmalloc(sizeof(*f));
	uint8_t *data = xmalloc(RANDOM_BYTES);
	size_t i, pos = 0, events[RSP_EV_BAD_RLE + 1] = { 0 };
	bool ok = true;

	for (i = 0; i < RANDOM_BYTES; i++)
		data[i] = rnd_byte();
	/* Some well-formed packets in between.  */
	for (i = 0; i + 64 < RANDOM_BYTES; i += 997) {
		size_t n = 1 + rnd() % 40, k;
		uint8_t cs = 0;

		data[i] = '$';
		for (k = 1; k <= n; k++) {
			if (data[i + k] == '$' || data[i + k] == '#')
				data[i + k] = 'x';
			cs += data[i + k];
		}
		data[i + n + 1] = '#';
		data[i + n + 2] = "0123456789abcdef"[cs >> 4];
		data[i + n + 3] = "0123456789abcdef"[cs & 15];
	}

	rsp_framer_init(f);
	while (pos < RANDOM_BYTES) {
		size_t chunk = 1 + rnd() % 64;
		enum rsp_frame_event ev;
		size_t used;

		if (chunk > RANDOM_BYTES - pos)
			chunk = RANDOM_BYTES - pos;
		used = rsp_framer_feed(f, data + pos, chunk, &ev);
		if (used > chunk || (used == 0 && ev == RSP_EV_NONE) ||
		    f->len > RSP_MAX_PACKET) {
			ok = false;
			break;
		}
		pos += used;
		events[ev]++;
		if (ev == RSP_EV_PACKET) {
			if (f->buf[f->len] != '\0')
				ok = false;
			parse_copy(f->buf, f->len);
		}
	}
	CHECK(ok, "random stream: framer invariants hold");
	CHECK(events[RSP_EV_PACKET] > 100, "random stream: %zu packets",
	      events[RSP_EV_PACKET]);
	printf("note: events packet %zu ack %zu nack %zu int %zu badcs %zu "
	       "big %zu rle %zu\n",
	       events[RSP_EV_PACKET], events[RSP_EV_ACK], events[RSP_EV_NACK],
	       events[RSP_EV_INTERRUPT], events[RSP_EV_BAD_CHECKSUM],
	       events[RSP_EV_OVERSIZE], events[RSP_EV_BAD_RLE]);
	free(data);
	free(f);
}

/* Well-formed packets to mutate.  */
static const char *const samples[] = {
	"m7fff0000,100",
	"M1000,3:0a0b0c",
	"X2000,3:a}\x03b",
	"x10,20",
	"P1f=0011aaff",
	"G00ff10",
	"p10",
	"Z0,401000,1;X3,220101",
	"z1,401000,4",
	"C0b",
	"S05",
	"vCont;C1e:p3e8.3e9;S05:3ea;t:-1;c",
	"vCont;r1000,2000:p1.-1",
	"Hgp1a2b.1a2c",
	"Hc-1",
	"Tp3e8.3e9",
	"qGetTLSAddr:p1.2,10,7ffff7fc1000",
	"qSupported:multiprocess+;swbreak+",
	"qXfer:features:read:target.xml:0,3fff",
	"qXfer:libraries-svr4:read:start=1;prev=0:0,fff",
	"qXfer:siginfo:write::10:a}\x03:b",
	"vFile:pwrite:5,10:}\x03",
	"qAttached:3e8",
	"vAttach;3e8",
	"vKill;3e8",
	"D;3e8",
	"vRun;2f62696e2f6c73;2d6c;;6120622063",
	"qRcmd,68656c70",
	"qSymbol:7ffff7dd1000:6d61696e",
	"QPassSignals:e;14;1e;ff",
	"QProgramSignals:0;5",
	"QNonStop:1",
	"QEnvironmentHexEncoded:464f4f3d62",
	"QEnvironmentUnset:464f4f",
	"QSetWorkingDir:2f746d70",
	"QCatchSyscalls:1;0;3c;e7",
	"qSearch:memory:1000;2000;ab}\x03",
	"qCRC:1000,200",
};

static void test_mutations(void)
{
	size_t total = 0, good = 0, bad = 0;
	char buf[128];

	while (total < RANDOM_BYTES) {
		const char *s =
			samples[rnd() % (sizeof(samples) / sizeof(samples[0]))];
		size_t len = strlen(s), k, flips = 1 + rnd() % 3;
		struct rsp_request req;
		char *copy;

		memcpy(buf, s, len);
		for (k = 0; k < flips; k++) {
			size_t at = rnd() % len;

			switch (rnd() % 3) {
			case 0: /* replace */
				buf[at] = (char)rnd_byte();
				break;
			case 1: /* cut */
				len = at + 1;
				break;
			default: /* insert */
				if (len < sizeof(buf)) {
					memmove(buf + at + 1, buf + at,
						len - at);
					buf[at] = (char)rnd_byte();
					len++;
				}
			}
		}
		copy = xmalloc(len);
		memcpy(copy, buf, len);
		rsp_parse_request(copy, len, &req);
		good += req.cmd != RSP_CMD_BAD && req.cmd != RSP_CMD_UNKNOWN;
		bad += req.cmd == RSP_CMD_BAD;
		rsp_request_free(&req);
		free(copy);
		total += len;
	}
	CHECK(good > 0 && bad > 0, "mutated packets: %zu bad, %zu parsed", bad,
	      good);
}

static void test_parser(void)
{
	size_t n, total = 0, counts[RSP_CMD__COUNT] = { 0 };
	const struct rsp_command *t = rsp_command_table(&n);
	char buf[256];
	struct rsp_request req;
	size_t good = 0;

	while (total < RANDOM_BYTES) {
		const struct rsp_command *c = &t[rnd() % n];
		size_t plen = strlen(c->prefix), len, k;
		char *copy;

		memcpy(buf, c->prefix, plen);
		len = plen + rnd() % 48;
		for (k = plen; k < len; k++)
			buf[k] = (char)rnd_byte();
		/* Sometimes cut into the prefix.  */
		if (rnd() % 8 == 0)
			len = rnd() % (len + 1);
		copy = xmalloc(len ? len : 1);
		memcpy(copy, buf, len);
		rsp_parse_request(copy, len, &req);
		counts[req.cmd]++;
		good += req.cmd != RSP_CMD_BAD && req.cmd != RSP_CMD_UNKNOWN;
		rsp_request_free(&req);
		free(copy);
		total += len;
	}
	CHECK(counts[RSP_CMD_BAD] > 0 && good > 0,
	      "random arguments: %zu bad, %zu unknown, %zu parsed",
	      counts[RSP_CMD_BAD], counts[RSP_CMD_UNKNOWN], good);
}

static void test_xfer(void)
{
	uint8_t doc[512];
	struct rsp_buf b;
	size_t i;
	bool ok = true;

	for (i = 0; i < sizeof(doc); i++)
		doc[i] = rnd_byte();
	rsp_buf_init(&b);
	for (i = 0; i < 20000; i++) {
		uint64_t off = rnd() % 600, len = rnd() % 64;

		rsp_buf_reset(&b);
		rsp_xfer_window(&b, doc, sizeof(doc), off, len);
		ok &= b.len >= 1 &&
		      (b.len - 1 <= len || (len == 0 && b.len == 1));
	}
	CHECK(ok, "random qXfer windows stay within their length");
	rsp_buf_free(&b);
}

int main(void)
{
	test_framer();
	test_parser();
	test_mutations();
	test_xfer();
	return UNIT_DONE();
}

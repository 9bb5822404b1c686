/* test-protocol-frame.c - unit tests of the RSP framer (rsp_frame.c):
   every vector is fed whole, byte by byte, and split at every byte
   position, and must give the same events each time.  */
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "unit.h"
#include "rsp_frame.h"
#include "rsp_buf.h"

/* Events as text: P(payload) + - ^C !cs !big !rle; payload bytes outside
   printable ASCII as \xNN, long payloads as P[len:first..last].  */
static void describe(struct rsp_buf *out, const struct rsp_framer *f,
		     enum rsp_frame_event ev)
{
	size_t i;

	switch (ev) {
	case RSP_EV_NONE:
		break;
	case RSP_EV_PACKET:
		if (f->len > 64) {
			rsp_buf_printf(out, "P[%zu:%c..%c]", f->len, f->buf[0],
				       f->buf[f->len - 1]);
			break;
		}
		rsp_buf_puts(out, "P(");
		for (i = 0; i < f->len; i++) {
			unsigned char c = (unsigned char)f->buf[i];

			if (c < 0x20 || c > 0x7e)
				rsp_buf_printf(out, "\\x%02x", c);
			else
				rsp_buf_putc(out, (char)c);
		}
		rsp_buf_putc(out, ')');
		break;
	case RSP_EV_ACK:
		rsp_buf_puts(out, "+");
		break;
	case RSP_EV_NACK:
		rsp_buf_puts(out, "-");
		break;
	case RSP_EV_INTERRUPT:
		rsp_buf_puts(out, "^C");
		break;
	case RSP_EV_BAD_CHECKSUM:
		rsp_buf_puts(out, "!cs");
		break;
	case RSP_EV_OVERSIZE:
		rsp_buf_puts(out, "!big");
		break;
	case RSP_EV_BAD_RLE:
		rsp_buf_puts(out, "!rle");
		break;
	}
}

/* Feed DATA[0..LEN) in pieces cut at the positions in CUTS (ascending,
   NCUTS of them); append the events to OUT.  */
static void feed(struct rsp_framer *f, struct rsp_buf *out, const uint8_t *data,
		 size_t len, const size_t *cuts, size_t ncuts)
{
	size_t start = 0, k;

	rsp_framer_init(f);
	for (k = 0; k <= ncuts; k++) {
		size_t stop = k < ncuts ? cuts[k] : len;

		while (start < stop) {
			enum rsp_frame_event ev;
			size_t used = rsp_framer_feed(f, data + start,
						      stop - start, &ev);

			if (used > stop - start ||
			    (used == 0 && ev == RSP_EV_NONE)) {
				rsp_buf_puts(out, "<STUCK>");
				return;
			}
			start += used;
			describe(out, f, ev);
		}
	}
}

static struct rsp_framer *F;

/* Check VEC gives EXPECT whole, byte by byte and split anywhere.  */
static void vec(const char *name, const void *data, size_t len,
		const char *expect)
{
	struct rsp_buf out, alt;
	size_t k, *cuts;
	bool split_ok = true;

	rsp_buf_init(&out);
	rsp_buf_init(&alt);
	feed(F, &out, data, len, NULL, 0);
	CHECK(strcmp(out.data ? out.data : "", expect) == 0,
	      "frame %s: whole: got \"%s\"", name, out.data ? out.data : "");

	cuts = xmalloc((len + 1) * sizeof(*cuts));
	for (k = 0; k < len; k++)
		cuts[k] = k + 1;
	rsp_buf_reset(&alt);
	feed(F, &alt, data, len, cuts, len);
	CHECK(strcmp(alt.data ? alt.data : "", expect) == 0,
	      "frame %s: byte by byte: got \"%s\"", name,
	      alt.data ? alt.data : "");

	/* Every split point, for vectors short enough.  */
	if (len <= 4096) {
		for (k = 0; k <= len && split_ok; k++) {
			rsp_buf_reset(&alt);
			feed(F, &alt, data, len, &k, 1);
			split_ok =
				strcmp(alt.data ? alt.data : "", expect) == 0;
		}
		CHECK(split_ok, "frame %s: split at every byte (first bad %zu)",
		      name, k - 1);
	}
	free(cuts);
	rsp_buf_free(&out);
	rsp_buf_free(&alt);
}

static void vecs(const char *name, const char *data, const char *expect)
{
	vec(name, data, strlen(data), expect);
}

/* "$PAYLOAD#cs" with a correct checksum.  */
static char *pkt(const char *payload, size_t len)
{
	struct rsp_buf b;

	rsp_buf_init(&b);
	rsp_frame_payload(&b, '$', payload, len);
	return b.data;
}

static void test_basic(void)
{
	vecs("g", "$g#67", "P(g)");
	vecs("empty packet", "$#00", "P()");
	vecs("acks", "+-+", "+-+");
	vecs("interrupt", "\x03", "^C");
	vecs("bad checksum", "$g#68", "!cs");
	vecs("wrong checksum, uppercase digits", "$m0,1#FB", "!cs");
	vecs("mixed-case checksum", "$m0,1#fA", "P(m0,1)");
	vecs("checksum uppercase ok", "$m0,4#FD", "P(m0,4)");
	vecs("checksum lowercase ok", "$m0,4#fd", "P(m0,4)");
	vecs("garbage between", "xyz$g#67 \r\n\x01+$?#3f%foo", "P(g)+P(?)");
	vecs("interrupt between", "$g#67\x03$?#3f", "P(g)^CP(?)");
	vecs("interrupt first", "\x03\x03+", "^C^C+");
	vecs("acks around", "+$g#67-", "+P(g)-");
	vecs("dollar restarts", "$abc$g#67", "P(g)");
	vecs("dollar restarts twice", "$$$g#67", "P(g)");
	vecs("dollar in checksum", "$g#6$g#67", "!csP(g)");
	vecs("non-hex checksum", "$g#6x+", "!cs+");
	vecs("non-hex first checksum digit", "$g#x7$g#67", "!csP(g)");
	vecs("hash outside ignored", "#67$g#67", "P(g)");
	vecs("plus inside packet is data", "$+-#58", "P(+-)");
	vecs("escape kept", "$}]#da", "P(}])");
	vecs("trailing escape kept", "$a}#de", "P(a})");
}

static void test_binary_bytes(void)
{
	static const uint8_t nul[] = "$a\0b#c3";
	static const uint8_t ctl[] = "$\x03\xff#02";

	vec("NUL in payload", nul, sizeof(nul) - 1, "P(a\\x00b)");
	vec("0x03 and 0xff inside a packet", ctl, sizeof(ctl) - 1,
	    "P(\\x03\\xff)");
}

static void test_rle(void)
{
	char *p;

	p = pkt("0* ", 3);
	vecs("rle space = 3 more", p, "P(0000)");
	free(p);
	p = pkt("0*!", 3);
	vecs("rle ! = 4 more", p, "P(00000)");
	free(p);
	p = pkt("0*\"", 3);
	vecs("rle \" = 5 more", p, "P(000000)");
	free(p);
	p = pkt("x0*%y", 5);
	vecs("rle % = 8 more", p, "P(x000000000y)");
	free(p);
	p = pkt("a*~", 3);
	vecs("rle ~ = 97 more", p, "P[98:a..a]");
	free(p);
	p = pkt("a**", 3);
	vecs("rle * as count = 13 more", p, "P(aaaaaaaaaaaaaa)");
	free(p);
	p = pkt("a* * ", 5);
	vecs("rle of a run", p, "P(aaaaaaa)");
	free(p);
	p = pkt("ab* c", 5);
	vecs("rle repeats the last char", p, "P(abbbbc)");
	free(p);
	p = pkt("*  ", 3);
	vecs("rle with nothing to repeat", p, "!rle");
	free(p);
	p = pkt("a*\x1f", 3);
	vecs("rle count 2 (0x1f) is not printable", p, "!rle");
	free(p);
	p = pkt("a*\x1d", 3);
	vecs("rle count 0 (0x1d) is invalid", p, "!rle");
	free(p);
	p = pkt("a*\x7f", 3);
	vecs("rle count 0x7f is invalid", p, "!rle");
	free(p);
	p = pkt("a*\x80", 3);
	vecs("rle count 0x80 is invalid", p, "!rle");
	free(p);
	vecs("rle count missing", "$a*#8b", "!rle");
	vecs("rle count missing, bad csum", "$a*#00", "!cs");
	vecs("rle then dollar restarts", "$a*$g#67", "P(g)");
	p = pkt("a*", 2);
	/* After a bad packet the framer recovers.  */
	{
		char buf[64];

		snprintf(buf, sizeof(buf), "%s$g#67", p);
		vecs("recovers after bad rle", buf, "!rleP(g)");
	}
	free(p);
	/* Raw checksum: "0* " sums '0' '*' ' ', not "0000".  */
	vecs("rle checksum over raw bytes", "$0* #7a", "P(0000)");
	vecs("rle checksum not over expansion", "$0* #c0", "!cs");
}

static void test_oversize(void)
{
	size_t n = RSP_MAX_PACKET;
	char *payload = xmalloc(n + 16);
	char *p, *both, want[32];
	size_t plen;

	memset(payload, 'a', n + 1);

	p = pkt(payload, n);
	snprintf(want, sizeof(want), "P[%zu:a..a]", n);
	vecs("exactly RSP_MAX_PACKET", p, want);
	free(p);

	p = pkt(payload, n + 1);
	plen = strlen(p);
	both = xmalloc(plen + 8);
	memcpy(both, p, plen);
	memcpy(both + plen, "$g#67", 6);
	vecs("RSP_MAX_PACKET + 1 then recovery", both, "!bigP(g)");
	free(both);
	p[plen - 1] ^= 1;
	vecs("oversize with bad checksum", p, "!cs");
	free(p);

	/* Reaching the limit through run-length encoding.  */
	memset(payload, 'b', n - 98);
	memcpy(payload + n - 98, "a*~", 3);
	p = pkt(payload, n - 98 + 3);
	snprintf(want, sizeof(want), "P[%zu:b..a]", n);
	vecs("rle up to exactly the limit", p, want);
	free(p);
	memset(payload, 'b', n - 97);
	memcpy(payload + n - 97, "a*~", 3);
	p = pkt(payload, n - 97 + 3);
	vecs("rle one past the limit", p, "!big");
	free(p);

	/* Far past the limit: the framer keeps counting and recovers.  */
	{
		size_t big = 3 * n;
		char *huge = xmalloc(big + 16);

		memset(huge, 'z', big);
		p = pkt(huge, big);
		free(huge);
		plen = strlen(p);
		both = xmalloc(plen + 8);
		memcpy(both, p, plen);
		memcpy(both + plen, "+$?#3f", 7);
		vecs("three times the limit", both, "!big+P(?)");
		free(both);
		free(p);
	}
	free(payload);
}

static void test_feed_contract(void)
{
	enum rsp_frame_event ev;
	static const uint8_t s[] = "+$g#67+";
	size_t used;

	rsp_framer_init(F);
	used = rsp_framer_feed(F, s, 7, &ev);
	CHECK(used == 1 && ev == RSP_EV_ACK, "feed stops after one event (%zu)",
	      used);
	used = rsp_framer_feed(F, s + 1, 6, &ev);
	CHECK(used == 5 && ev == RSP_EV_PACKET && F->len == 1 &&
		      F->buf[1] == '\0',
	      "feed returns the packet, NUL-terminated (%zu)", used);
	used = rsp_framer_feed(F, s + 6, 1, &ev);
	CHECK(used == 1 && ev == RSP_EV_ACK, "then the ack");
	used = rsp_framer_feed(F, s, 0, &ev);
	CHECK(used == 0 && ev == RSP_EV_NONE, "empty input gives nothing");
	used = rsp_framer_feed(F, (const uint8_t *)"$ab", 3, &ev);
	CHECK(used == 3 && ev == RSP_EV_NONE, "partial packet needs more");
	used = rsp_framer_feed(F, (const uint8_t *)"#c3", 3, &ev);
	CHECK(used == 3 && ev == RSP_EV_PACKET && strcmp(F->buf, "ab") == 0,
	      "partial packet completes");
	used = rsp_framer_feed(F, (const uint8_t *)"$g#0$", 5, &ev);
	CHECK(used == 4 && ev == RSP_EV_BAD_CHECKSUM,
	      "a '$' in the checksum is left for the next packet (%zu)", used);
}

int main(void)
{
	F = xmalloc(sizeof(*F));
	test_basic();
	test_binary_bytes();
	test_rle();
	test_oversize();
	test_feed_contract();
	free(F);
	return UNIT_DONE();
}

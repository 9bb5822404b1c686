/* test-protocol-buf.c - unit tests of the reply side of protocol/:
   rsp_buf (hex, binary escaping, framing), rsp_hex helpers, the XML
   writer, qXfer windowing at escape boundaries, and the GDB <-> Linux
   signal mapping.  */
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "unit.h"
#include "rsp_buf.h"
#include "rsp_hex.h"
#include "rsp_frame.h"
#include "rsp_xfer.h"
#include "xml_writer.h"
#include "gdb_signals.h"

static bool eq(const struct rsp_buf *b, const void *s, size_t n)
{
	return b->len == n && (n == 0 || memcmp(b->data, s, n) == 0) &&
	       b->data[n] == '\0';
}

#define EQS(b, s) eq(b, s, strlen(s))

static void test_buf(void)
{
	struct rsp_buf b;
	size_t i;

	rsp_buf_init(&b);
	CHECK(b.len == 0 && b.data == NULL, "init is empty");
	rsp_buf_puts(&b, "OK");
	CHECK(EQS(&b, "OK"), "puts");
	rsp_buf_putc(&b, ';');
	rsp_buf_printf(&b, "T%02x", 5);
	CHECK(EQS(&b, "OK;T05"), "putc and printf");
	rsp_buf_printf(&b, "%s", "");
	CHECK(EQS(&b, "OK;T05"), "empty printf");
	rsp_buf_reset(&b);
	CHECK(EQS(&b, ""), "reset");
	rsp_buf_hex(&b, "\x00\x7f\x80\xff\x1a", 5);
	CHECK(EQS(&b, "007f80ff1a"), "hex is lowercase");
	rsp_buf_reset(&b);
	rsp_buf_hex_str(&b, "help");
	CHECK(EQS(&b, "68656c70"), "hex_str");
	rsp_buf_reset(&b);
	for (i = 0; i < 10000; i++)
		rsp_buf_printf(&b, "%05zu", i);
	CHECK(b.len == 50000 && memcmp(b.data + 49995, "09999", 5) == 0,
	      "grows to 50000 bytes");
	rsp_buf_reset(&b);
	rsp_buf_put(&b, "a\0b", 3);
	CHECK(eq(&b, "a\0b", 3), "put keeps NUL bytes");
	rsp_buf_free(&b);
	CHECK(b.data == NULL && b.len == 0, "free");
	rsp_buf_free(&b);
}

static void test_binary(void)
{
	struct rsp_buf b;
	size_t used;

	rsp_buf_init(&b);
	used = rsp_buf_binary(&b, "a#$}*b\0", 7, 0);
	CHECK(used == 7 && eq(&b,
			      "a}\x03}\x04}]}\x0a"
			      "b\0",
			      11),
	      "binary escapes # $ } *");
	rsp_buf_reset(&b);
	used = rsp_buf_binary(&b, "ab#", 3, 3);
	CHECK(used == 2 && EQS(&b, "ab"), "limit stops before a split escape");
	rsp_buf_reset(&b);
	used = rsp_buf_binary(&b, "ab#", 3, 4);
	CHECK(used == 3 && EQS(&b, "ab}\x03"), "limit exactly fits an escape");
	rsp_buf_reset(&b);
	used = rsp_buf_binary(&b, "#", 1, 1);
	CHECK(used == 0 && EQS(&b, ""), "an escape never fits limit 1");
	rsp_buf_reset(&b);
	used = rsp_buf_binary(&b, "abc", 3, 2);
	CHECK(used == 2 && EQS(&b, "ab"), "limit on plain bytes");
	rsp_buf_puts(&b, "X");
	used = rsp_buf_binary(&b, "}}", 2, 2);
	CHECK(used == 1 && EQS(&b, "abX}]"),
	      "limit counts this call's output only");
	rsp_buf_reset(&b);
	used = rsp_buf_binary(&b, "", 0, 5);
	CHECK(used == 0 && EQS(&b, ""), "empty binary");
	rsp_buf_free(&b);
}

static void test_frame_payload(void)
{
	struct rsp_buf b;

	rsp_buf_init(&b);
	rsp_frame_payload(&b, '$', "OK", 2);
	CHECK(EQS(&b, "$OK#9a"), "frame OK");
	rsp_buf_reset(&b);
	rsp_frame_payload(&b, '$', "", 0);
	CHECK(EQS(&b, "$#00"), "frame empty");
	rsp_buf_reset(&b);
	rsp_frame_payload(&b, '%', "Stop:T0506:0*,;07:0*,;thread:p1.1;", 34);
	CHECK(b.data[0] == '%' && b.len == 38, "frame notification");
	rsp_buf_puts(&b, "+");
	CHECK(b.data[b.len - 1] == '+', "frame appends");

	/* Round trip through the framer.  */
	{
		struct rsp_framer *f = xmalloc(sizeof(*f));
		static const char bin[] = "X0,4:\x01\xfe}\x03\0";
		enum rsp_frame_event ev;
		size_t used;

		rsp_buf_reset(&b);
		rsp_frame_payload(&b, '$', bin, sizeof(bin) - 1);
		rsp_framer_init(f);
		used = rsp_framer_feed(f, (const uint8_t *)b.data, b.len, &ev);
		CHECK(used == b.len && ev == RSP_EV_PACKET &&
			      f->len == sizeof(bin) - 1 &&
			      memcmp(f->buf, bin, f->len) == 0,
		      "frame_payload round-trips through the framer");
		free(f);
	}
	rsp_buf_free(&b);
}

static void test_hex(void)
{
	const char *p, *s;
	uint64_t v;
	uint8_t out[4];
	char *str;
	char data[16];
	long n;

	CHECK(rsp_hexval('0') == 0 && rsp_hexval('9') == 9 &&
		      rsp_hexval('a') == 10 && rsp_hexval('F') == 15 &&
		      rsp_hexval('g') == -1 && rsp_hexval(0) == -1 &&
		      rsp_hexval(0xff) == -1 && rsp_hexval(-1) == -1,
	      "hexval");
	s = "1aF,";
	p = s;
	CHECK(rsp_parse_hex(&p, s + 4, &v) && v == 0x1af && p == s + 3,
	      "parse_hex stops at a non-digit");
	p = s;
	CHECK(rsp_parse_hex(&p, s + 2, &v) && v == 0x1a && p == s + 2,
	      "parse_hex stops at end");
	p = s;
	CHECK(!rsp_parse_hex(&p, s, &v) && p == s, "parse_hex empty");
	s = ",1";
	p = s;
	CHECK(!rsp_parse_hex(&p, s + 2, &v) && p == s, "parse_hex no digit");
	s = "ffffffffffffffff";
	p = s;
	CHECK(rsp_parse_hex(&p, s + 16, &v) && v == UINT64_MAX,
	      "parse_hex UINT64_MAX");
	s = "10000000000000000";
	p = s;
	CHECK(!rsp_parse_hex(&p, s + 17, &v), "parse_hex overflow");
	s = "00000000000000000000000000000001";
	p = s;
	CHECK(rsp_parse_hex(&p, s + strlen(s), &v) && v == 1,
	      "parse_hex leading zeros");

	CHECK(rsp_hex_decode("00ff7A", 6, out, 3) &&
		      memcmp(out, "\x00\xff\x7a", 3) == 0,
	      "hex_decode");
	CHECK(!rsp_hex_decode("00ff7", 5, out, 3), "hex_decode short");
	CHECK(!rsp_hex_decode("00fg", 4, out, 2), "hex_decode bad digit");
	CHECK(rsp_hex_decode("", 0, out, 0), "hex_decode nothing");

	str = rsp_hex_to_str("2f746d70", 8);
	CHECK(str && strcmp(str, "/tmp") == 0, "hex_to_str");
	free(str);
	str = rsp_hex_to_str("", 0);
	CHECK(str && !str[0], "hex_to_str empty");
	free(str);
	CHECK(rsp_hex_to_str("2f7", 3) == NULL, "hex_to_str odd");
	CHECK(rsp_hex_to_str("2x", 2) == NULL, "hex_to_str bad digit");
	CHECK(rsp_hex_to_str("6100", 4) == NULL, "hex_to_str embedded NUL");

	memcpy(data, "a}\x03}]b", 6);
	n = rsp_unescape(data, 6);
	CHECK(n == 4 && memcmp(data, "a#}b", 4) == 0, "unescape");
	memcpy(data, "ab}", 3);
	CHECK(rsp_unescape(data, 3) == -1, "unescape trailing }");
	memcpy(data, "}}}]", 4);
	n = rsp_unescape(data, 4);
	CHECK(n == 2 && data[0] == ']' && data[1] == '}', "unescape }}");
	CHECK(rsp_unescape(data, 0) == 0, "unescape empty");
}

static void test_xml(void)
{
	struct rsp_buf b;

	rsp_buf_init(&b);
	xml_text(&b, "a<b>&\"c'd");
	CHECK(EQS(&b, "a&lt;b&gt;&amp;&quot;c&apos;d"), "xml_text escapes");
	rsp_buf_reset(&b);
	xml_text(&b, "");
	CHECK(b.len == 0, "xml_text empty");
	xml_text(&b, "/lib/x86_64-linux-gnu/libc.so.6");
	CHECK(EQS(&b, "/lib/x86_64-linux-gnu/libc.so.6"), "plain text");
	rsp_buf_reset(&b);
	rsp_buf_puts(&b, "<thread");
	xml_attr(&b, "name", "a\"<b>");
	xml_attr_fmt(&b, "id", "p%x.%x", 0x3e8, 0x3e9);
	xml_attr_fmt(&b, "core", "%s&%d", "x", 1);
	rsp_buf_puts(&b, "/>");
	CHECK(EQS(&b, "<thread name=\"a&quot;&lt;b&gt;\" id=\"p3e8.3e9\" "
		      "core=\"x&amp;1\"/>"),
	      "xml_attr and xml_attr_fmt (%s)", b.data);
	rsp_buf_free(&b);
}

/* Reassemble a document through rsp_xfer_window with LENGTH-sized
   requests, as GDB does; check each reply's size and the result.  */
static bool xfer_roundtrip(const uint8_t *doc, size_t n, uint64_t length)
{
	struct rsp_buf b, got;
	uint64_t off = 0;
	bool ok = true;
	int guard = 0;

	rsp_buf_init(&b);
	rsp_buf_init(&got);
	for (;;) {
		long m;

		rsp_buf_reset(&b);
		rsp_xfer_window(&b, doc, n, off, length);
		if (b.len - 1 > length ||
		    (b.data[0] != 'm' && b.data[0] != 'l'))
			ok = false;
		m = rsp_unescape(b.data + 1, b.len - 1);
		if (m < 0) {
			ok = false;
			break;
		}
		rsp_buf_put(&got, b.data + 1, (size_t)m);
		off += (uint64_t)m;
		if (b.data[0] == 'l')
			break;
		if (m == 0 || ++guard > 100000) {
			ok = false;
			break;
		}
	}
	ok = ok && got.len == n && memcmp(got.data, doc, n) == 0;
	rsp_buf_free(&b);
	rsp_buf_free(&got);
	return ok;
}

static void test_xfer(void)
{
	struct rsp_buf b;
	static const char doc[] = "ab#cd";
	uint8_t big[1000];
	size_t i;
	bool ok;

	rsp_buf_init(&b);
	rsp_xfer_window(&b, doc, 5, 0, 100);
	CHECK(EQS(&b, "lab}\x03"
		      "cd"),
	      "whole document in one 'l' reply");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 0, 6);
	CHECK(EQS(&b, "lab}\x03"
		      "cd"),
	      "escaped document exactly fits");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 0, 5);
	CHECK(EQS(&b, "mab}\x03"
		      "c"),
	      "one short: 'm'");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 0, 3);
	CHECK(EQS(&b, "mab"), "escape not split at the window edge");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 0, 2);
	CHECK(EQS(&b, "mab"), "window of 2");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 2, 2);
	CHECK(EQS(&b, "m}\x03"), "window starting at the escaped byte");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 3, 2);
	CHECK(EQS(&b, "lcd"), "last window");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 4, 1);
	CHECK(EQS(&b, "ld"), "last byte");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 5, 10);
	CHECK(EQS(&b, "l"), "offset at end");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, UINT64_MAX, 10);
	CHECK(EQS(&b, "l"), "offset far past end");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 0, 0, 10);
	CHECK(EQS(&b, "l"), "empty document");
	rsp_buf_reset(&b);
	rsp_xfer_window(&b, doc, 5, 0, 0);
	CHECK(EQS(&b, "m"), "zero length");
	rsp_buf_reset(&b);
	rsp_buf_puts(&b, "pre");
	rsp_xfer_window(&b, doc, 5, 3, UINT64_MAX);
	CHECK(EQS(&b, "prelcd"), "appends; huge length");

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 % 256);
	ok = true;
	for (i = 2; i < 40; i++)
		ok &= xfer_roundtrip(big, sizeof(big), i);
	ok &= xfer_roundtrip(big, sizeof(big), 999);
	ok &= xfer_roundtrip(big, sizeof(big), 1000);
	ok &= xfer_roundtrip(big, sizeof(big), 4096);
	CHECK(ok, "binary document reassembles at every window size");
	memset(big, '}', sizeof(big));
	ok = true;
	for (i = 2; i < 10; i++)
		ok &= xfer_roundtrip(big, sizeof(big), i);
	CHECK(ok, "all-escaped document reassembles");

	/* A length beyond a packet is cut to fit one.  */
	{
		size_t n = 2 * RSP_MAX_PACKET;
		uint8_t *huge = xcalloc(n, 1);

		rsp_buf_reset(&b);
		rsp_xfer_window(&b, huge, n, 0, n);
		CHECK(b.len == RSP_MAX_PACKET && b.data[0] == 'm',
		      "reply capped at RSP_MAX_PACKET (%zu)", b.len);
		free(huge);
	}
	rsp_buf_free(&b);
}

static void test_signals(void)
{
	static const struct {
		int host, gdb;
	} known[] = {
		{ 0, 0 },   { 1, 1 },	{ 2, 2 },   { 3, 3 },	{ 4, 4 },
		{ 5, 5 },   { 6, 6 },	{ 7, 10 },  { 8, 8 },	{ 9, 9 },
		{ 10, 30 }, { 11, 11 }, { 12, 31 }, { 13, 13 }, { 14, 14 },
		{ 15, 15 }, { 17, 20 }, { 18, 19 }, { 19, 17 }, { 20, 18 },
		{ 21, 21 }, { 22, 22 }, { 23, 16 }, { 24, 24 }, { 25, 25 },
		{ 26, 26 }, { 27, 27 }, { 28, 28 }, { 29, 23 }, { 30, 32 },
		{ 31, 12 }, { 32, 77 }, { 33, 45 }, { 34, 46 }, { 40, 52 },
		{ 63, 75 }, { 64, 78 },
	};
	size_t i;
	int s;
	bool ok = true;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		CHECK(gdb_signal_from_host(known[i].host) == known[i].gdb,
		      "Linux signal %d -> GDB %d (got %d)", known[i].host,
		      known[i].gdb, gdb_signal_from_host(known[i].host));
		CHECK(gdb_signal_to_host(known[i].gdb) == known[i].host,
		      "GDB signal %d -> Linux %d (got %d)", known[i].gdb,
		      known[i].host, gdb_signal_to_host(known[i].gdb));
	}
	CHECK(gdb_signal_from_host(16) == GDB_SIGNAL_UNKNOWN,
	      "SIGSTKFLT has no GDB number");
	CHECK(gdb_signal_from_host(65) == GDB_SIGNAL_UNKNOWN &&
		      gdb_signal_from_host(-1) == GDB_SIGNAL_UNKNOWN &&
		      gdb_signal_from_host(1000) == GDB_SIGNAL_UNKNOWN,
	      "out of range host signals are unknown");
	CHECK(gdb_signal_to_host(GDB_SIGNAL_UNKNOWN) == 0 &&
		      gdb_signal_to_host(7) == 0 && /* EMT */
		      gdb_signal_to_host(29) == 0 && /* LOST */
		      gdb_signal_to_host(76) == 0 && /* CANCEL */
		      gdb_signal_to_host(79) == 0 && /* REALTIME_65 */
		      gdb_signal_to_host(141) == 0 && /* REALTIME_127 */
		      gdb_signal_to_host(142) == 0 && /* INFO */
		      gdb_signal_to_host(-1) == 0 &&
		      gdb_signal_to_host(1000) == 0,
	      "GDB signals without a Linux equivalent map to 0");
	CHECK(gdb_signal_to_host(33) == 29, "GDB POLL is SIGIO");
	CHECK(GDB_SIGNAL_INT == gdb_signal_from_host(2) &&
		      GDB_SIGNAL_TRAP == gdb_signal_from_host(5) &&
		      GDB_SIGNAL_KILL == gdb_signal_from_host(9) &&
		      GDB_SIGNAL_STOP == gdb_signal_from_host(19),
	      "header constants");
	for (s = 1; s <= 64; s++) {
		int g = gdb_signal_from_host(s);

		if (s == 16)
			continue;
		ok &= g != GDB_SIGNAL_UNKNOWN && gdb_signal_to_host(g) == s;
	}
	CHECK(ok, "every Linux signal 1..64 but SIGSTKFLT round-trips");
	ok = true;
	for (s = 1; s < 152; s++) {
		int h = gdb_signal_to_host(s);

		if (h && s != 33)
			ok &= gdb_signal_from_host(h) == s;
	}
	CHECK(ok, "every mappable GDB signal round-trips");
}

/* The word-at-a-time paths (hex pairs, escaping, checksums) against
   byte-at-a-time references, on lengths and alignments around the
   word size and on data from few to many bytes that need escaping.  */
static void test_fast_paths(void)
{
	static const char digits[] = "0123456789abcdef";
	uint8_t data[300], want[600];
	struct rsp_buf b;
	unsigned seed = 12345;
	bool hex_ok = true, bin_ok = true, sum_ok = true;

	rsp_buf_init(&b);
	for (int round = 0; round < 2000; round++) {
		size_t off = (size_t)round % 8, n = (size_t)round % 257, k = 0;
		/* From no special bytes to one in two.  */
		unsigned every = 1u << (round % 9);
		size_t limit = round % 3 ? 0 : (size_t)round % 300;
		uint8_t sum = 0;
		size_t used;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			data[off + i] = (uint8_t)(seed >> 16);
			if ((seed >> 8) % every == 0)
				data[off + i] =
					(uint8_t) "#$}*"[(seed >> 4) % 4];
		}
		rsp_buf_reset(&b);
		rsp_buf_hex(&b, data + off, n);
		for (size_t i = 0; i < n; i++) {
			want[2 * i] = (uint8_t)digits[data[off + i] >> 4];
			want[2 * i + 1] = (uint8_t)digits[data[off + i] & 0xf];
		}
		hex_ok &= eq(&b, want, 2 * n);

		rsp_buf_reset(&b);
		used = rsp_buf_binary(&b, data + off, n, limit);
		for (size_t i = 0; i < n; i++) {
			uint8_t c = data[off + i];
			bool esc = c == '#' || c == '$' || c == '}' || c == '*';

			if (limit && k + (esc ? 2 : 1) > limit) {
				n = i;
				break;
			}
			if (esc) {
				want[k++] = '}';
				want[k++] = c ^ 0x20;
			} else {
				want[k++] = c;
			}
		}
		bin_ok &= used == n && eq(&b, want, k);

		for (size_t i = 0; i < n; i++)
			sum += data[off + i];
		sum_ok &= rsp_checksum(data + off, n) == sum;
	}
	memset(data, 0xff, sizeof(data));
	sum_ok &= rsp_checksum(data, sizeof(data)) == (uint8_t)(300 * 0xff);
	CHECK(hex_ok, "hex pairs match the digit-by-digit encoding");
	CHECK(bin_ok, "word-at-a-time escaping matches the byte loop, limits "
		      "included");
	CHECK(sum_ok, "the word-at-a-time checksum matches the byte sum");
	{
		/* Long enough for the checksum's lanes to be folded.  */
		size_t n = 1 << 20;
		uint8_t *big = xmalloc(n), sum = 0;

		for (size_t i = 0; i < n; i++)
			sum += big[i] = (uint8_t)(0xf0 + i % 16);
		CHECK(rsp_checksum(big, n) == sum,
		      "the checksum of 1 MiB of high bytes");
		free(big);
	}
	rsp_buf_free(&b);
}

int main(void)
{
	test_buf();
	test_binary();
	test_frame_payload();
	test_fast_paths();
	test_hex();
	test_xml();
	test_xfer();
	test_signals();
	return UNIT_DONE();
}

/* rsp_buf.c - the growable byte buffer behind every reply: raw, hex and
   '}'-escaped binary appends, printf, and "$...#cs" / "%...#cs" framing.
   The data is kept NUL-terminated after every append (not counted in
   len) so a text reply can be used as a C string.  */
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rsp_buf.h"

/* Every byte's two hex digits, for the bytes the wider paths below
   leave over.  */
#define DIGIT(x) ((x) < 10 ? '0' + (x) : 'a' - 10 + (x))
#define PAIR(h, l)                 \
	{                          \
		DIGIT(h), DIGIT(l) \
	}
#define ROW(h)                                                              \
	PAIR(h, 0), PAIR(h, 1), PAIR(h, 2), PAIR(h, 3), PAIR(h, 4),         \
		PAIR(h, 5), PAIR(h, 6), PAIR(h, 7), PAIR(h, 8), PAIR(h, 9), \
		PAIR(h, 10), PAIR(h, 11), PAIR(h, 12), PAIR(h, 13),         \
		PAIR(h, 14), PAIR(h, 15)
static const char hexpairs[256][2] = {
	ROW(0), ROW(1), ROW(2),	 ROW(3),  ROW(4),  ROW(5),  ROW(6),  ROW(7),
	ROW(8), ROW(9), ROW(10), ROW(11), ROW(12), ROW(13), ROW(14), ROW(15),
};

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define PAIRS 0x00ff00ff00ff00ffULL
#define NIBBLES 0x000f000f000f000fULL

#if defined(__SSE2__)
/* Sixteen bytes at a time: their nibbles interleaved, high first, then
   '0' + n, plus 'a' - '0' - 10 where n > 9.  Returns how many bytes of S
   it encoded into D.  */
static size_t hex_sse2(const uint8_t *s, size_t n, char *d)
{
	const __m128i low = _mm_set1_epi8(0x0f), zero = _mm_set1_epi8('0'),
		      nine = _mm_set1_epi8(9),
		      gap = _mm_set1_epi8('a' - '0' - 10);
	size_t i;

	for (i = 0; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i hi = _mm_and_si128(_mm_srli_epi16(x, 4), low);
		__m128i lo = _mm_and_si128(x, low);
		__m128i a = _mm_unpacklo_epi8(hi, lo);
		__m128i b = _mm_unpackhi_epi8(hi, lo);

		a = _mm_add_epi8(_mm_add_epi8(a, zero),
				 _mm_and_si128(_mm_cmpgt_epi8(a, nine), gap));
		b = _mm_add_epi8(_mm_add_epi8(b, zero),
				 _mm_and_si128(_mm_cmpgt_epi8(b, nine), gap));
		_mm_storeu_si128((__m128i *)(d + 2 * i), a);
		_mm_storeu_si128((__m128i *)(d + 2 * i + 16), b);
	}
	return i;
}
#else
static size_t hex_sse2(const uint8_t *s, size_t n, char *d)
{
	(void)s;
	(void)n;
	(void)d;
	return 0;
}
#endif

/* The eight hex digits of the four bytes of IN (in memory order), as
   the eight bytes of the result in memory order: a few operations for
   four bytes instead of a table load a byte.  Little-endian hosts; the
   others take the table.  */
static uint64_t hex_word(uint32_t in)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t t = in, n;

	/* One input byte a 16-bit lane.  */
	t = (t | t << 16) & 0x0000ffff0000ffffULL;
	t = (t | t << 8) & PAIRS;
	/* The high nibble in the lane's first byte, the low in its
	   second.  */
	n = (t >> 4 & NIBBLES) | (t & NIBBLES) << 8;
	/* '0' + n, and 'a' - 10 + n where n > 9 (n + 6 carries into bit
	   4).  */
	return n + 0x30 * ONES + ((n + 0x06 * ONES) >> 4 & ONES) * 0x27;
#else
	uint8_t b[4];
	uint64_t out;

	memcpy(b, &in, 4);
	for (int k = 0; k < 4; k++)
		memcpy((char *)&out + 2 * k, hexpairs[b[k]], 2);
	return out;
#endif
}

void rsp_buf_init(struct rsp_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void rsp_buf_free(struct rsp_buf *b)
{
	free(b->data);
	rsp_buf_init(b);
}

void rsp_buf_reset(struct rsp_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* Make room for N more bytes plus the terminating NUL.  */
static void reserve(struct rsp_buf *b, size_t n)
{
	size_t need = b->len + n + 1;
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void rsp_buf_put(struct rsp_buf *b, const void *p, size_t n)
{
	reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void rsp_buf_putc(struct rsp_buf *b, char c)
{
	rsp_buf_put(b, &c, 1);
}

void rsp_buf_puts(struct rsp_buf *b, const char *s)
{
	rsp_buf_put(b, s, strlen(s));
}

void rsp_buf_printf(struct rsp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0) {
		reserve(b, 0);
		b->data[b->len] = '\0';
		return;
	}
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void rsp_buf_hex(struct rsp_buf *b, const void *p, size_t n)
{
	const uint8_t *s = p;
	char *d;
	size_t i;

	reserve(b, 2 * n);
	d = b->data + b->len;
	i = hex_sse2(s, n, d);
	for (; i + 4 <= n; i += 4) {
		uint32_t in;
		uint64_t out;

		memcpy(&in, s + i, 4);
		out = hex_word(in);
		memcpy(d + 2 * i, &out, 8);
	}
	for (; i < n; i++)
		memcpy(d + 2 * i, hexpairs[s[i]], 2);
	b->len += 2 * n;
	b->data[b->len] = '\0';
}

void rsp_buf_hex_str(struct rsp_buf *b, const char *s)
{
	rsp_buf_hex(b, s, strlen(s));
}

static bool needs_escape(uint8_t c)
{
	return c == '#' || c == '$' || c == '}' || c == '*';
}

/* Nonzero if one of the eight bytes of W is C.  */
static uint64_t has_byte(uint64_t w, uint8_t c)
{
	uint64_t x = w ^ (ONES * c);

	return (x - ONES) & ~x & HIGHS;
}

static bool word_needs_escape(uint64_t w)
{
	return has_byte(w, '#') | has_byte(w, '$') | has_byte(w, '}') |
	       has_byte(w, '*');
}

size_t rsp_buf_binary(struct rsp_buf *b, const void *p, size_t n, size_t limit)
{
	const uint8_t *s = p;
	size_t out = 0, i = 0;
	uint64_t w;
	char *d;

	/* At most 2 output bytes per input byte.  */
	reserve(b, limit && limit < 2 * n ? limit : 2 * n);
	d = b->data + b->len;
	while (i < n) {
		size_t stop;

		/* Eight bytes at a time while none needs escaping.  */
		while (n - i >= 8 && (!limit || out + 8 <= limit)) {
			memcpy(&w, s + i, 8);
			if (word_needs_escape(w))
				break;
			memcpy(d + out, &w, 8);
			out += 8;
			i += 8;
		}
		/* Then the word that does (or the tail), byte by byte.  */
		stop = n - i >= 8 ? i + 8 : n;
		for (; i < stop; i++) {
			size_t len = needs_escape(s[i]) ? 2 : 1;

			if (limit && out + len > limit)
				goto full;
			if (len == 2) {
				d[out++] = '}';
				d[out++] = (char)(s[i] ^ 0x20);
			} else {
				d[out++] = (char)s[i];
			}
		}
	}
full:
	b->len += out;
	b->data[b->len] = '\0';
	return i;
}

uint8_t rsp_checksum(const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t lanes, w;
	uint32_t sum = 0;
	size_t i = 0;

#if defined(__SSE2__)
	{
		/* Sixteen bytes at a time: each psadbw sums eight bytes
		   into a 64-bit lane, which cannot overflow.  */
		__m128i acc = _mm_setzero_si128();
		uint64_t part[2];

		for (; n - i >= 16; i += 16)
			acc = _mm_add_epi64(
				acc,
				_mm_sad_epu8(_mm_loadu_si128(
						     (const __m128i *)(s + i)),
					     _mm_setzero_si128()));
		_mm_storeu_si128((__m128i *)part, acc);
		sum = (uint32_t)(part[0] + part[1]);
	}
#endif
	/* Eight bytes at a time into four 16-bit lanes of byte pairs: a
	   word adds at most 2 * 255 to a lane, so the lanes are folded
	   every 128 words, before one can overflow.  */
	while (n - i >= 8) {
		size_t words = (n - i) / 8 < 128 ? (n - i) / 8 : 128;

		lanes = 0;
		for (size_t k = 0; k < words; k++, i += 8) {
			memcpy(&w, s + i, 8);
			lanes += (w & PAIRS) + (w >> 8 & PAIRS);
		}
		sum += (uint32_t)(lanes & 0xffff) +
		       (uint32_t)(lanes >> 16 & 0xffff) +
		       (uint32_t)(lanes >> 32 & 0xffff) +
		       (uint32_t)(lanes >> 48);
	}
	for (; i < n; i++)
		sum += s[i];
	return (uint8_t)sum;
}

void rsp_frame_tail(const char *payload, size_t len, char tail[3])
{
	uint8_t csum = rsp_checksum(payload, len);

	tail[0] = '#';
	memcpy(tail + 1, hexpairs[csum], 2);
}

void rsp_frame_payload(struct rsp_buf *out, char kind, const char *payload,
		       size_t len)
{
	char tail[3];

	rsp_frame_tail(payload, len, tail);
	reserve(out, len + 4);
	rsp_buf_putc(out, kind);
	rsp_buf_put(out, payload, len);
	rsp_buf_put(out, tail, 3);
}

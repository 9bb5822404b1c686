/* rsp_buf.c - the growable byte buffer behind every reply: raw, hex and
   '}'-escaped binary appends, printf, and "$...#cs" / "%...#cs" framing.
   The data is kept NUL-terminated after every append (not counted in
   len) so a text reply can be used as a C string.  */
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "rsp_buf.h"

static const char hexdigits[] = "0123456789abcdef";

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
	for (i = 0; i < n; i++) {
		*d++ = hexdigits[s[i] >> 4];
		*d++ = hexdigits[s[i] & 0xf];
	}
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

size_t rsp_buf_binary(struct rsp_buf *b, const void *p, size_t n, size_t limit)
{
	const uint8_t *s = p;
	size_t out = 0, i;
	char *d;

	/* At most 2 output bytes per input byte.  */
	reserve(b, limit && limit < 2 * n ? limit : 2 * n);
	d = b->data + b->len;
	for (i = 0; i < n; i++) {
		size_t w = needs_escape(s[i]) ? 2 : 1;

		if (limit && out + w > limit)
			break;
		if (w == 2) {
			d[out++] = '}';
			d[out++] = (char)(s[i] ^ 0x20);
		} else {
			d[out++] = (char)s[i];
		}
	}
	b->len += out;
	b->data[b->len] = '\0';
	return i;
}

void rsp_frame_payload(struct rsp_buf *out, char kind, const char *payload,
		       size_t len)
{
	uint8_t csum = 0;
	char tail[3];
	size_t i;

	for (i = 0; i < len; i++)
		csum += (uint8_t)payload[i];
	reserve(out, len + 4);
	rsp_buf_putc(out, kind);
	rsp_buf_put(out, payload, len);
	tail[0] = '#';
	tail[1] = hexdigits[csum >> 4];
	tail[2] = hexdigits[csum & 0xf];
	rsp_buf_put(out, tail, 3);
}

/* rsp_hex.c - hex digits, hex numbers, hex-encoded strings and '}'
   unescaping for RSP packet arguments.  Owns nothing but these helpers;
   every function is bounded by an explicit end or length.  */
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "rsp_hex.h"

int rsp_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool rsp_parse_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int d;

	if (s >= end || rsp_hexval((unsigned char)*s) < 0)
		return false;
	while (s < end && (d = rsp_hexval((unsigned char)*s)) >= 0) {
		if (v > (UINT64_MAX >> 4))
			return false;
		v = (v << 4) | (uint64_t)d;
		s++;
	}
	*p = s;
	*out = v;
	return true;
}

bool rsp_hex_decode(const char *s, size_t slen, uint8_t *out, size_t n)
{
	size_t i;

	if (slen / 2 < n)
		return false;
	for (i = 0; i < n; i++) {
		int hi = rsp_hexval((unsigned char)s[2 * i]);
		int lo = rsp_hexval((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

char *rsp_hex_to_str(const char *s, size_t slen)
{
	size_t n = slen / 2;
	char *str;

	if (slen % 2)
		return NULL;
	str = xmalloc(n + 1);
	if (!rsp_hex_decode(s, slen, (uint8_t *)str, n) ||
	    memchr(str, '\0', n)) {
		free(str);
		return NULL;
	}
	str[n] = '\0';
	return str;
}

long rsp_unescape(char *data, size_t len)
{
	size_t r, w = 0;

	for (r = 0; r < len; r++) {
		if (data[r] == '}') {
			if (++r == len)
				return -1;
			data[w++] = (char)(data[r] ^ 0x20);
		} else {
			data[w++] = data[r];
		}
	}
	return (long)w;
}

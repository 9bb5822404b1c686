/* rsp_hex.h - hex and number parsing helpers for RSP arguments.  */
#ifndef QS_RSP_HEX_H
#define QS_RSP_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

int rsp_hexval(int c); /* -1 if not a hex digit */
/* Parse a hex number at *P, advance *P past it.  False if no digit or
   it overflows 64 bits.  */
bool rsp_parse_hex(const char **p, const char *end, uint64_t *out);
/* Decode 2*N hex digits into OUT.  False on a bad digit or short input. */
bool rsp_hex_decode(const char *s, size_t slen, uint8_t *out, size_t n);
/* Decode a hex string into a NUL-terminated xmalloc'd string, or NULL
   (bad digit, odd length, or an encoded NUL byte). */
char *rsp_hex_to_str(const char *s, size_t slen);
/* Undo '}' escapes in place; returns the new length or -1 if a '}' ends
   the data.  */
long rsp_unescape(char *data, size_t len);

#endif

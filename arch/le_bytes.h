/* le_bytes.h - little-endian values in register set buffers, as the
   backends of little-endian machines store them.  */
#ifndef QS_ARCH_LE_BYTES_H
#define QS_ARCH_LE_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* The N-byte (at most 8) little-endian value at P.  */
static inline uint64_t get_le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* Store V in N bytes at P (bytes past the eighth are zero).  */
static inline void put_le(uint8_t *p, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++, v >>= 8)
		p[i] = i < 8 ? (uint8_t)v : 0;
}

#endif

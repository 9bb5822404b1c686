/* memsearch.c - qCRC and qSearch:memory helpers over a memory-read
   callback.  Owns the chunking: CRC-32 (libiberty's xcrc32, initial value
   0xffffffff, the CRC GDB's "compare-sections" computes) over reads of at
   most MEMSEARCH_CHUNK bytes, and the search of GDB's
   simple_search_memory (chunks overlapping by the pattern length - 1).  */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "memsearch.h"

#define MEMSEARCH_CHUNK 0x4000

int mem_crc32(qs_read_mem_fn read_mem, void *ctx, uint64_t addr, uint64_t len,
	      uint32_t *crc)
{
	unsigned int c = 0xffffffff;
	unsigned char *buf;
	size_t n;
	int ret = -1;

	buf = xmalloc(MEMSEARCH_CHUNK);
	while (len > 0) {
		n = len < MEMSEARCH_CHUNK ? (size_t)len : MEMSEARCH_CHUNK;
		if (read_mem(ctx, addr, buf, n) != 0)
			goto out;
		c = xcrc32(buf, (int)n, c);
		addr += n;
		len -= n;
	}
	*crc = c;
	ret = 0;
out:
	free(buf);
	return ret;
}

int mem_search(qs_read_mem_fn read_mem, void *ctx, uint64_t addr, uint64_t len,
	       const uint8_t *pattern, size_t plen, uint64_t *found)
{
	size_t keep = plen ? plen - 1 : 0;
	size_t bufsize = MEMSEARCH_CHUNK + keep, n;
	uint8_t *buf, *hit;
	int ret = -1;

	if (len < bufsize)
		bufsize = (size_t)len;
	buf = xmalloc(bufsize ? bufsize : 1);
	if (bufsize && read_mem(ctx, addr, buf, bufsize) != 0)
		goto out;

	ret = 0;
	while (len >= plen) {
		n = len < bufsize ? (size_t)len : bufsize;
		hit = memmem(buf, n, pattern, plen);
		if (hit) {
			*found = addr + (uint64_t)(hit - buf);
			ret = 1;
			goto out;
		}
		len = len >= MEMSEARCH_CHUNK ? len - MEMSEARCH_CHUNK : 0;
		if (len < plen)
			break;
		/* Here bufsize == MEMSEARCH_CHUNK + keep: slide the window,
		   keeping the last KEEP bytes, which may start a match.  */
		memmove(buf, buf + MEMSEARCH_CHUNK, keep);
		n = len - keep < MEMSEARCH_CHUNK ? (size_t)(len - keep) :
						   MEMSEARCH_CHUNK;
		if (read_mem(ctx, addr + MEMSEARCH_CHUNK + keep, buf + keep,
			     n) != 0) {
			ret = -1;
			goto out;
		}
		addr += MEMSEARCH_CHUNK;
	}
out:
	free(buf);
	return ret;
}

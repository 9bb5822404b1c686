/* test-server-memsearch.c - unit tests of server/memsearch.c (qCRC and
   qSearch:memory helpers) over a buffer posing as tracee memory.  Links
   server/memsearch.o and -liberty.  */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "memsearch.h"
#include "unit.h"

#define BASE 0x400000u
#define SIZE 0x12345u

struct mem {
	uint8_t *buf;
	uint64_t hole; /* unreadable from here on (0 = none) */
	unsigned reads;
	size_t max_read;
};

static int mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct mem *m = ctx;

	m->reads++;
	if (len > m->max_read)
		m->max_read = len;
	if (addr < BASE || addr + len > BASE + SIZE)
		return -1;
	if (m->hole && addr + len > m->hole)
		return -1;
	memcpy(buf, m->buf + (addr - BASE), len);
	return 0;
}

static void test_crc(struct mem *m)
{
	uint32_t crc = 0;
	int ret;

	ret = mem_crc32(mem_read, m, BASE, SIZE, &crc);
	CHECK(ret == 0 && crc == xcrc32(m->buf, SIZE, 0xffffffff),
	      "memsearch: crc of the whole buffer equals xcrc32");
	CHECK(m->max_read < SIZE, "memsearch: crc reads in chunks");
	ret = mem_crc32(mem_read, m, BASE + 7, 1000, &crc);
	CHECK(ret == 0 && crc == xcrc32(m->buf + 7, 1000, 0xffffffff),
	      "memsearch: crc of a slice");
	ret = mem_crc32(mem_read, m, BASE, 0, &crc);
	CHECK(ret == 0 && crc == 0xffffffff, "memsearch: crc of nothing");
	/* "123456789" is the CRC-32 check string; GDB's variant (MSB-first,
	   no final xor) gives 0x0376e6e7.  */
	memcpy(m->buf + 100, "123456789", 9);
	ret = mem_crc32(mem_read, m, BASE + 100, 9, &crc);
	CHECK(ret == 0 && crc == 0x0376e6e7, "memsearch: crc check value");
	CHECK(mem_crc32(mem_read, m, BASE + SIZE - 10, 11, &crc) == -1,
	      "memsearch: crc over unreadable memory -> -1");
}

static void test_search(struct mem *m)
{
	static const uint8_t pat[] = "NEEDLE-in-a-haystack";
	size_t plen = sizeof(pat) - 1;
	uint64_t found = 0, off;
	int ret;

	/* Across every offset around the chunk boundaries.  */
	for (off = 0x3ff0; off < 0x4010; off++) {
		memcpy(m->buf + off, pat, plen);
		ret = mem_search(mem_read, m, BASE, SIZE, pat, plen, &found);
		if (ret != 1 || found != BASE + off)
			break;
		memset(m->buf + off, 0, plen);
	}
	CHECK(off == 0x4010, "memsearch: found across a chunk boundary (%#lx)",
	      (unsigned long)off);
	for (off = 0x7ff0; off < 0x8010; off++) {
		memcpy(m->buf + off, pat, plen);
		ret = mem_search(mem_read, m, BASE + 0x10, SIZE - 0x10, pat,
				 plen, &found);
		if (ret != 1 || found != BASE + off)
			break;
		memset(m->buf + off, 0, plen);
	}
	CHECK(off == 0x8010, "memsearch: found across the second boundary");

	/* First match wins; none when absent; none when cut by LEN.  */
	memcpy(m->buf + 0x9000, pat, plen);
	memcpy(m->buf + 0x11000, pat, plen);
	ret = mem_search(mem_read, m, BASE, SIZE, pat, plen, &found);
	CHECK(ret == 1 && found == BASE + 0x9000, "memsearch: first match");
	ret = mem_search(mem_read, m, BASE + 0x9001, SIZE - 0x9001, pat, plen,
			 &found);
	CHECK(ret == 1 && found == BASE + 0x11000, "memsearch: next match");
	ret = mem_search(mem_read, m, BASE, 0x9000 + plen - 1, pat, plen,
			 &found);
	CHECK(ret == 0, "memsearch: match cut by the length");
	ret = mem_search(mem_read, m, BASE, 0x9000 + plen, pat, plen, &found);
	CHECK(ret == 1 && found == BASE + 0x9000,
	      "memsearch: match ending at the end");
	ret = mem_search(mem_read, m, BASE, SIZE, (const uint8_t *)"nothere", 7,
			 &found);
	CHECK(ret == 0, "memsearch: absent pattern");
	ret = mem_search(mem_read, m, BASE + SIZE - 5, 5,
			 (const uint8_t *)"longer", 6, &found);
	CHECK(ret == 0, "memsearch: pattern longer than the range");
	ret = mem_search(mem_read, m, BASE + 0x9000, 1, pat, 1, &found);
	CHECK(ret == 1 && found == BASE + 0x9000, "memsearch: one byte");

	/* Read errors: at the start, and later on (as GDB 13's
	   simple_search_memory: -1 either way).  */
	ret = mem_search(mem_read, m, BASE - 0x100, 0x1000, pat, plen, &found);
	CHECK(ret == -1, "memsearch: unreadable start -> -1");
	m->hole = BASE + 0xd000;
	ret = mem_search(mem_read, m, BASE, SIZE, pat, plen, &found);
	CHECK(ret == 1 && found == BASE + 0x9000,
	      "memsearch: match before a hole");
	memset(m->buf + 0x9000, 0, plen);
	ret = mem_search(mem_read, m, BASE, SIZE, pat, plen, &found);
	CHECK(ret == -1, "memsearch: hole after the start -> -1");
	m->hole = 0;
}

int main(void)
{
	struct mem m = { 0 };
	size_t i;

	m.buf = calloc(1, SIZE);
	for (i = 0; i < SIZE; i += 7)
		m.buf[i] = (uint8_t)(i * 31);
	test_crc(&m);
	memset(m.buf, 0, SIZE);
	test_search(&m);
	free(m.buf);
	return UNIT_DONE();
}

/* memsearch.h - qCRC and qSearch:memory over a memory-read callback:
   chunked CRC-32 (libiberty's xcrc32, as GDB computes it) and chunked
   pattern search.  No ptrace.  */
#ifndef QS_MEMSEARCH_H
#define QS_MEMSEARCH_H

#include <stddef.h>
#include <stdint.h>

/* Read LEN bytes of the tracee at ADDR into BUF: 0 when all of them were
   read, non-zero otherwise.  (Same type as in svr4.h.)  */
typedef int (*qs_read_mem_fn)(void *ctx, uint64_t addr, void *buf, size_t len);

/* CRC of LEN bytes at ADDR, xcrc32 with initial value 0xffffffff (the
   value qCRC replies "C<crc>" with).  0, or -1 if any byte is
   unreadable (qCRC then replies E01).  */
int mem_crc32(qs_read_mem_fn read_mem, void *ctx, uint64_t addr, uint64_t len,
	      uint32_t *crc);

/* First occurrence of PATTERN (PLEN bytes) in [ADDR, ADDR + LEN): 1 with
   *FOUND set, 0 if absent, -1 on a read error (qSearch:memory replies
   "1,addr", "0" and E01).  Like GDB's simple_search_memory, which
   gdbserver uses: memory is read in chunks overlapping by PLEN - 1 bytes,
   and a read error at any chunk, first or later, is -1.  */
int mem_search(qs_read_mem_fn read_mem, void *ctx, uint64_t addr, uint64_t len,
	       const uint8_t *pattern, size_t plen, uint64_t *found);

#endif

/* svr4.h - the qXfer:libraries-svr4:read document: finds the dynamic
   linker's r_debug through the auxv program headers and PT_DYNAMIC's
   DT_DEBUG, walks the link_map lists (each namespace reachable through
   r_debug_extended.r_next) and writes <library-list-svr4>.  Memory comes
   through a callback; no ptrace.  */
#ifndef QS_SVR4_H
#define QS_SVR4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rsp_buf.h"

/* Read LEN bytes of the tracee at ADDR into BUF: 0 when all of them were
   read, non-zero otherwise.  (Same type as in memsearch.h.)  */
typedef int (*qs_read_mem_fn)(void *ctx, uint64_t addr, void *buf, size_t len);

/* Append the whole document to OUT_XML.  AUXV is the tracee's
   /proc/PID/auxv; IS_64BIT selects Elf64 / LP64 layouts, else Elf32 / ILP32
   (the tracee's endianness is the host's).  Returns 0 with the document
   (an empty list, `<library-list-svr4 version="1.0"/>', while ld.so has
   not yet filled r_debug); -1 when the program has no DT_DEBUG or its
   headers cannot be read (gdbserver replies E01 then; nothing is
   appended).  */
int svr4_library_list(qs_read_mem_fn read_mem, void *ctx, const uint8_t *auxv,
		      size_t auxv_len, bool is_64bit, struct rsp_buf *out_xml);

/* The same with the qXfer annex GDB sends once "augmented-libraries-svr4-
   read" is supported: "start=ADDR;prev=ADDR;lmid=ADDR" (hex; unknown keys
   ignored; ANNEX may be NULL or "").  With a non-zero start only that part
   of namespace LMID is listed, without main-lm, and AUXV is not used.  */
int svr4_library_list_annex(qs_read_mem_fn read_mem, void *ctx,
			    const uint8_t *auxv, size_t auxv_len, bool is_64bit,
			    const char *annex, struct rsp_buf *out_xml);

#endif

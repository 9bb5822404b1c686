/* rsp_xfer.h - qXfer read windowing: "m"/"l" + escaped slice of a
   document.  */
#ifndef QS_RSP_XFER_H
#define QS_RSP_XFER_H

#include <stdint.h>
#include <stddef.h>
#include "rsp_buf.h"

/* Append to OUT the reply payload for reading LENGTH bytes at OFFSET of
   DOC: 'm' + data when more follows, 'l' + data at the end (an offset at
   or past the end gives "l").  The escaped data never exceeds LENGTH
   output bytes.  */
void rsp_xfer_window(struct rsp_buf *out, const void *doc, size_t doc_len,
		     uint64_t offset, uint64_t length);

#endif

/* rsp_xfer.c - qXfer:OBJECT:read windowing: the "m"/"l" reply carrying
   the '}'-escaped slice [OFFSET, OFFSET+LENGTH) of a document, cut so
   that the escaped data never exceeds LENGTH bytes (nor a packet).  */
#include "rsp_xfer.h"
#include "rsp_frame.h"

void rsp_xfer_window(struct rsp_buf *out, const void *doc, size_t doc_len,
		     uint64_t offset, uint64_t length)
{
	size_t mark, used, avail;

	if (offset >= doc_len) {
		rsp_buf_putc(out, 'l');
		return;
	}
	/* The reply, 'm'/'l' included, must fit in one packet.  */
	if (length > RSP_MAX_PACKET - 1)
		length = RSP_MAX_PACKET - 1;
	mark = out->len;
	rsp_buf_putc(out, 'm');
	if (length == 0)
		return;
	avail = doc_len - (size_t)offset;
	used = rsp_buf_binary(out, (const char *)doc + offset, avail,
			      (size_t)length);
	if (used == avail)
		out->data[mark] = 'l';
}

/* rsp_buf.h - growable byte buffer and the reply builder: hex, binary
   escaping and "$...#cs" / "%...#cs" framing with a running checksum.  */
#ifndef QS_RSP_BUF_H
#define QS_RSP_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

/* Once anything was appended, data[len] is always '\0'.  */
struct rsp_buf {
	char *data;
	size_t len;
	size_t cap;
};

void rsp_buf_init(struct rsp_buf *b);
void rsp_buf_free(struct rsp_buf *b);
void rsp_buf_reset(struct rsp_buf *b); /* len = 0, keeps memory */
void rsp_buf_put(struct rsp_buf *b, const void *p, size_t n);
void rsp_buf_putc(struct rsp_buf *b, char c);
void rsp_buf_puts(struct rsp_buf *b, const char *s);
void rsp_buf_printf(struct rsp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rsp_buf_hex(struct rsp_buf *b, const void *p, size_t n); /* lowercase */
void rsp_buf_hex_str(struct rsp_buf *b, const char *s);
/* Binary data with '#', '$', '}' and '*' escaped as '}' c^0x20.
   Returns how many input bytes were written; stops before exceeding
   LIMIT output bytes (LIMIT 0 = no limit).  */
size_t rsp_buf_binary(struct rsp_buf *b, const void *p, size_t n, size_t limit);

/* The modulo-256 sum of N bytes, the packet checksum.  */
uint8_t rsp_checksum(const void *p, size_t n);
/* "#cs" for PAYLOAD, the end of its frame, into TAIL.  */
void rsp_frame_tail(const char *payload, size_t len, char tail[3]);
/* Frame a complete payload: appends "$" payload "#cs" to OUT.
   KIND is '$' for packets or '%' for notifications.  PAYLOAD must not
   point into OUT.  */
void rsp_frame_payload(struct rsp_buf *out, char kind, const char *payload,
		       size_t len);

#endif

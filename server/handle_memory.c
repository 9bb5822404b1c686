/* handle_memory.c - m, x, M, X, qCRC, qSearch:memory on the general
   thread's process.  */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <libiberty/libiberty.h>
#include "memory.h"
#include "memsearch.h"
#include "server.h"
#include "session.h"

/* Largest read one reply carries: hex doubles it.  */
#define MAX_READ (RSP_MAX_PACKET / 2)

static void read_memory(struct session *s, struct process *p,
			struct rsp_request *req, bool binary)
{
	uint64_t len = req->u.mem.len;
	uint8_t *buf;
	ssize_t r;

	if (len > MAX_READ)
		len = MAX_READ;
	if (binary)
		rsp_buf_putc(&s->reply, 'b');
	if (len == 0)
		return;
	buf = xmalloc(len);
	r = mem_read(p, req->u.mem.addr, buf, len);
	if (r <= 0) {
		rsp_buf_reset(&s->reply);
		session_reply_error(s, r < 0 ? (int)-r : EIO);
	} else if (binary) {
		rsp_buf_binary(&s->reply, buf, r, 0);
	} else {
		rsp_buf_hex(&s->reply, buf, r);
	}
	free(buf);
}

void handle_memory(struct session *s, struct rsp_request *req)
{
	struct process *p = session_general_process(s);
	uint32_t crc;
	uint64_t found;
	int r;

	/* GDB reads only "Enn" as a failed m, X or M (a memory error);
	   "E.text" would be taken for data.  */
	if (!p || p->exited) {
		session_reply_error(s, ESRCH);
		return;
	}
	switch (req->cmd) {
	case RSP_CMD_READ_MEM:
		read_memory(s, p, req, false);
		break;
	case RSP_CMD_READ_MEM_BIN:
		read_memory(s, p, req, true);
		break;
	case RSP_CMD_WRITE_MEM:
		if (req->u.mem.len == 0) {
			rsp_buf_puts(&s->reply, "OK");
			break;
		}
		r = mem_write(p, req->u.mem.addr, req->u.mem.data,
			      req->u.mem.len);
		if (r < 0)
			session_reply_error(s, r);
		else
			rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_CRC:
		if (mem_crc32(mem_read_cb, p, req->u.mem.addr, req->u.mem.len,
			      &crc) < 0)
			session_reply_error(s, EIO);
		else
			rsp_buf_printf(&s->reply, "C%08x", crc);
		break;
	case RSP_CMD_SEARCH_MEM:
		r = mem_search(mem_read_cb, p, req->u.search.addr,
			       req->u.search.len, req->u.search.pattern,
			       req->u.search.pattern_len, &found);
		if (r < 0)
			session_reply_error(s, EIO);
		else if (r == 0)
			rsp_buf_puts(&s->reply, "0");
		else
			rsp_buf_printf(&s->reply, "1,%llx",
				       (unsigned long long)found);
		break;
	default:
		break;
	}
}

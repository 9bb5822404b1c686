/* handle_breakpoint.c - Z0/z0 software breakpoints.  Other kinds get the
   empty reply, which tells GDB they are not supported.  */
#include "config.h"
#include <errno.h>
#include "breakpoints.h"
#include "server.h"
#include "session.h"

void handle_breakpoint(struct session *s, struct rsp_request *req)
{
	const struct arch_ops *arch = s->srv->engine.arch;
	struct process *p = session_general_process(s);
	const uint8_t *insn;
	size_t len;
	int r;

	if (req->u.bp.type != 0)
		return;
	if (!p || p->exited) {
		rsp_buf_puts(&s->reply, "E.no process");
		return;
	}
	if (req->cmd == RSP_CMD_REMOVE_BP) {
		r = bp_remove(p, req->u.bp.addr);
		if (r < 0 && r != -ENOENT)
			session_reply_error(s, r);
		else
			rsp_buf_puts(&s->reply, "OK");
		return;
	}
	insn = arch->sw_breakpoint(req->u.bp.kind, &len);
	if (!insn) {
		rsp_buf_puts(&s->reply, "E.bad breakpoint kind");
		return;
	}
	r = bp_insert(p, req->u.bp.addr, insn, len);
	if (r < 0)
		session_reply_error(s, r);
	else
		rsp_buf_puts(&s->reply, "OK");
}

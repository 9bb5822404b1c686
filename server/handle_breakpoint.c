/* handle_breakpoint.c - Z0/z0 software breakpoints (with the conditions
   and commands GDB may append), Z1/z1 hardware breakpoints and Z2-Z4
   watchpoints.  A kind the machine lacks gets the empty reply, which
   tells GDB it is not supported.  Conditions on a Z1 are ignored: GDB
   evaluates them again at every stop anyway.  */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <libiberty/libiberty.h>
#include "agent_expr.h"
#include "bp_agent.h"
#include "breakpoints.h"
#include "hw_points.h"
#include "server.h"
#include "session.h"

static void hw_point(struct session *s, struct rsp_request *req,
		     struct process *p)
{
	struct engine *e = &s->srv->engine;
	enum arch_hw_type type = (enum arch_hw_type)req->u.bp.type;
	int r;

	if (req->cmd == RSP_CMD_REMOVE_BP)
		r = hw_remove(e, p, type, req->u.bp.addr, req->u.bp.kind);
	else
		r = hw_insert(e, p, type, req->u.bp.addr, req->u.bp.kind);
	if (r == -EOPNOTSUPP)
		return;
	if (r == -ENOSPC)
		rsp_buf_puts(&s->reply, "E.no debug register left");
	else if (r == -ENOENT)
		rsp_buf_puts(&s->reply, "E.no such hardware breakpoint or "
					"watchpoint");
	else if (r < 0)
		session_reply_error(s, r);
	else
		rsp_buf_puts(&s->reply, "OK");
}

void handle_breakpoint(struct session *s, struct rsp_request *req)
{
	struct process *p = session_general_process(s);
	const struct arch_ops *arch = engine_arch(&s->srv->engine, p);
	const uint8_t *insn;
	struct ax_point_extra *agent;
	const char *err = NULL;
	size_t len;
	int r;

	if (req->u.bp.type != 0 && !arch->hw_slots)
		return;
	if (!p || p->exited) {
		rsp_buf_puts(&s->reply, "E.no process");
		return;
	}
	if (req->u.bp.type != 0) {
		hw_point(s, req, p);
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
	agent = xcalloc(1, sizeof(*agent));
	if (ax_parse_point_extra(req->u.bp.extra, agent, &err) < 0) {
		free(agent);
		rsp_buf_printf(&s->reply, "E.bad condition or command: %s",
			       err ? err : "malformed");
		return;
	}
	r = bp_insert(p, req->u.bp.addr, insn, len);
	if (r < 0) {
		ax_point_extra_free(agent);
		free(agent);
		session_reply_error(s, r);
		return;
	}
	/* Inserting again (GDB does when conditions change) replaces them:
	   none means every hit is reported again.  */
	bp_agent_set(bp_find(p, req->u.bp.addr), agent);
	rsp_buf_puts(&s->reply, "OK");
}

/* handle_regs.c - g, G, p, P: registers of the general thread, through
   the architecture backend and the per-thread register cache.  */
#include "config.h"
#include <errno.h>
#include <string.h>
#include "engine.h"
#include "regs_write.h"
#include "regs_pending.h"
#include "server.h"
#include "session.h"

static struct thread *stopped_general(struct session *s,
				      const struct arch_tdesc **td)
{
	struct thread *t = session_general_thread(s);

	if (!t || !t->stopped)
		return NULL;
	*td = engine_tdesc(&s->srv->engine, t->proc);
	if (!*td || engine_fetch_all_regs(&s->srv->engine, t) < 0)
		return NULL;
	regs_pending_apply(&s->srv->engine, t);
	return t;
}

/* The general thread runs, as the client resumed it (non-stop): as
   gdbserver, its registers read as unavailable ("xx"), so that a client
   that reads every thread's (gcore) goes on, and a write is kept and
   made at a stop the thread is interrupted for (regs_pending.c).  Not
   for a thread the client did not resume (a new fork child whose first
   stop is on its way): that stays an error.  False when that is no
   answer.  */
static bool running_regs(struct session *s, const struct rsp_request *req)
{
	struct thread *t = session_general_thread(s);
	const struct arch_tdesc *td;
	bool one =
		req->cmd == RSP_CMD_READ_REG || req->cmd == RSP_CMD_WRITE_REG;
	int from = 0, to;

	if (!t || t->stopped || t->new_thread || !t->client_resumed)
		return false;
	td = engine_tdesc(&s->srv->engine, t->proc);
	if (!td)
		return false;
	to = td->nregs;
	if (one) {
		if (req->u.reg.regno >= (unsigned long)td->nregs ||
		    !td->regs[req->u.reg.regno].bitsize)
			return false;
		from = (int)req->u.reg.regno;
		to = from + 1;
	}
	if (req->cmd == RSP_CMD_WRITE_REGS || req->cmd == RSP_CMD_WRITE_REG) {
		if (one &&
		    !regs_write_valid(td, req->u.reg.regno, req->u.reg.len))
			return false;
		if (regs_pending_write(&s->srv->engine, t, one ? from : -1,
				       req->u.reg.data, req->u.reg.len) < 0)
			return false;
		rsp_buf_puts(&s->reply, "OK");
		return true;
	}
	for (int n = from; n < to; n++)
		for (int i = 0; i < td->regs[n].bitsize / 4; i++)
			rsp_buf_putc(&s->reply, 'x');
	return true;
}

void handle_regs(struct session *s, struct rsp_request *req)
{
	const struct arch_tdesc *td = NULL;
	struct thread *t = stopped_general(s, &td);
	const struct arch_ops *arch;
	uint8_t val[256];

	if (!t) {
		if (running_regs(s, req))
			return;
		rsp_buf_puts(&s->reply, "E.no stopped thread selected");
		return;
	}
	arch = engine_arch(&s->srv->engine, t->proc);
	switch (req->cmd) {
	case RSP_CMD_READ_REGS:
		for (int n = 0; n < td->nregs; n++) {
			size_t len = arch->reg_read(td, t->regs, n, val);

			rsp_buf_hex(&s->reply, val, len);
		}
		break;
	case RSP_CMD_WRITE_REGS:
		regs_write(arch, td, t->regs, -1, req->u.reg.data,
			   req->u.reg.len);
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_READ_REG:
		if (req->u.reg.regno >= (unsigned long)td->nregs ||
		    !td->regs[req->u.reg.regno].bitsize) {
			rsp_buf_puts(&s->reply, "E.no such register");
			break;
		}
		rsp_buf_hex(&s->reply, val,
			    arch->reg_read(td, t->regs, req->u.reg.regno, val));
		break;
	case RSP_CMD_WRITE_REG:
		if (!regs_write_valid(td, req->u.reg.regno, req->u.reg.len)) {
			rsp_buf_puts(&s->reply, "E.bad register or size");
			break;
		}
		regs_write(arch, td, t->regs, (int)req->u.reg.regno,
			   req->u.reg.data, req->u.reg.len);
		rsp_buf_puts(&s->reply, "OK");
		break;
	default:
		break;
	}
}

/* handle_query.c - general queries and settings: qSupported, no-ack
   mode, extended mode, qAttached, signal sets, qSymbol, and the
   environment of programs started by vRun.  */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "gdb_signals.h"
#include "launch.h"
#include "libthread_db.h"
#include "server.h"
#include "session.h"

static bool sig_in_set(const uint8_t *set, int gdbsig)
{
	return set[gdbsig / 8] & (1u << (gdbsig % 8));
}

/* Turn a set of GDB signal numbers into a table of host signals.  */
/* By the GDB name of each host signal, as gdbserver looks them up:
   host 29 is GDB's SIGIO, whatever the client says of SIGPOLL (also 29
   on Linux).  */
static void host_signal_table(const uint8_t *set, bool table[65])
{
	memset(table, 0, 65 * sizeof(bool));
	for (int host = 1; host < 65; host++) {
		int g = gdb_signal_from_host(host);

		table[host] =
			g > 0 && g < RSP_MAX_GDB_SIGNAL && sig_in_set(set, g);
	}
}

static void supported(struct session *s, const char *features)
{
	char *xml;

	s->multiprocess = rsp_client_has_feature(features, "multiprocess");
	s->swbreak = rsp_client_has_feature(features, "swbreak");
	s->hwbreak = rsp_client_has_feature(features, "hwbreak");
	s->exec_events = rsp_client_has_feature(features, "exec-events");
	s->fork_events = rsp_client_has_feature(features, "fork-events");
	s->vfork_events = rsp_client_has_feature(features, "vfork-events");
	s->no_resumed = rsp_client_has_feature(features, "no-resumed");
	s->srv->engine.fork_events = s->fork_events;
	s->srv->engine.vfork_events = s->vfork_events;
	xml = rsp_client_feature_value(features, "xmlRegisters");
	engine_set_xml_registers(&s->srv->engine, xml ? xml : "");
	free(xml);
	rsp_supported_features(&s->reply, arch_native()->has_single_step);
}

static void attached(struct session *s, long pid)
{
	struct process *p = pid ? engine_find_process(&s->srv->engine, pid) :
				  session_general_process(s);

	if (!p)
		rsp_buf_puts(&s->reply, "E.no such process");
	else
		rsp_buf_puts(&s->reply, p->attached ? "1" : "0");
}

/* qSymbol: the reply asks GDB for the next name libthread_db needs,
   or is OK.  */
static void symbol(struct session *s, struct rsp_request *req)
{
	struct process *p = session_general_process(s);
	const char *next;

	if (!p || p->exited) {
		rsp_buf_puts(&s->reply, "OK");
		return;
	}
	next = thread_db_symbol(p, req->u.symbol.name, req->u.symbol.found,
				req->u.symbol.value);
	if (!next) {
		rsp_buf_puts(&s->reply, "OK");
		return;
	}
	rsp_buf_puts(&s->reply, "qSymbol:");
	rsp_buf_hex_str(&s->reply, next);
}

static void tls_address(struct session *s, struct rsp_request *req)
{
	struct thread *t = session_find_thread(s, req->u.tls.ptid);
	uint64_t addr;

	if (!t) {
		rsp_buf_puts(&s->reply, "E.no such thread");
		return;
	}
	/* Any failure is an error reply: GDB then says the remote target
	   failed to process qGetTLSAddr, as with gdbserver.  */
	if (thread_db_tls_address(t, req->u.tls.offset, req->u.tls.lm, &addr) <
	    0) {
		rsp_buf_puts(&s->reply, "E01");
		return;
	}
	rsp_buf_printf(&s->reply, "%llx", (unsigned long long)addr);
}

void handle_query(struct session *s, struct rsp_request *req)
{
	struct launch_settings *ls = &s->srv->launch;

	switch (req->cmd) {
	case RSP_CMD_SUPPORTED:
		supported(s, req->u.supported.features);
		break;
	case RSP_CMD_NO_ACK:
		/* The OK still travels with acks; no-ack starts after it. */
		rsp_buf_puts(&s->reply, "OK");
		s->noack_after_reply = true;
		break;
	case RSP_CMD_NON_STOP:
		s->non_stop = req->u.flag.value != 0;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_THREAD_EVENTS:
		s->thread_events = req->u.flag.value != 0;
		s->srv->engine.thread_events = s->thread_events;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_LIST_THREADS_IN_STOP_REPLY:
		s->list_threads = true;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_EXTENDED_MODE:
		s->extended = true;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_ATTACHED:
		attached(s, req->u.pid.pid);
		break;
	case RSP_CMD_PASS_SIGNALS:
		host_signal_table(req->u.signals.set,
				  s->srv->engine.pass_signal);
		engine_pass_pending_signals(&s->srv->engine);
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_PROGRAM_SIGNALS:
		host_signal_table(req->u.signals.set,
				  s->srv->engine.program_signal);
		s->srv->engine.program_signals_known = true;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_CATCH_SYSCALLS: {
		struct process *p = session_general_process(s);

		if (!p || p->exited) {
			rsp_buf_puts(&s->reply, "E.no process");
			break;
		}
		engine_catch_syscalls(p, req->u.syscalls.enable,
				      req->u.syscalls.count,
				      req->u.syscalls.numbers);
		rsp_buf_puts(&s->reply, "OK");
		break;
	}
	case RSP_CMD_SYMBOL:
		symbol(s, req);
		break;
	case RSP_CMD_GET_TLS_ADDR:
		tls_address(s, req);
		break;
	case RSP_CMD_STARTUP_WITH_SHELL:
		ls->startup_with_shell = req->u.flag.value != 0;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_DISABLE_RANDOMIZATION:
		ls->disable_randomization = req->u.flag.value != 0;
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_ENV_HEX:
		launch_settings_set_env(ls, req->u.str.text);
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_ENV_UNSET:
		launch_settings_unset_env(ls, req->u.str.text);
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_ENV_RESET:
		launch_settings_reset_env(ls);
		rsp_buf_puts(&s->reply, "OK");
		break;
	case RSP_CMD_SET_WORKING_DIR:
		free(ls->working_dir);
		ls->working_dir =
			*req->u.str.text ? xstrdup(req->u.str.text) : NULL;
		rsp_buf_puts(&s->reply, "OK");
		break;
	default:
		/* qOffsets, qTStatus and the packets of features not
		   advertised: the empty reply.  */
		break;
	}
}

/* session.h - one client connection: packet I/O with acks, the
   dispatch of requests to their handlers, and the reporting policy
   (all-stop: one event reported, every thread stopped).  */
#ifndef QS_SESSION_H
#define QS_SESSION_H

#include <stdbool.h>
#include <sys/types.h>
#include "rsp_buf.h"
#include "rsp_frame.h"
#include "rsp_request.h"
#include "target.h"
#include "vfile.h"

struct server;
struct engine;

struct stop_report {
	pid_t pid, tid;
	struct stop_event ev;
};

enum deferred_op {
	DEFER_NONE = 0,
	DEFER_STOP, /* vCont: reply when an event is reported */
	DEFER_DETACH, /* D: reply OK when all threads stopped and detached */
	DEFER_KILL, /* k / vKill: reply when the process is reaped */
	DEFER_RUN, /* vRun: reply when the program is loaded */
	DEFER_ATTACH, /* vAttach (all-stop): reply when every thread stopped */
	DEFER_RESTART, /* R: run the last program once every one is reaped */
};

struct session {
	struct server *srv;
	int in_fd, out_fd;
	bool closed;
	bool out_polled; /* EPOLLOUT asked for on in_fd (== out_fd) */
	/* On a serial line, which never hangs up, a qSupported after the
	   first starts a new client's session on the same line.  */
	bool serial;
	bool supported_seen;

	struct rsp_framer *framer;
	struct rsp_buf out; /* bytes not yet written */
	struct rsp_buf last; /* last framed packet, resent on '-' */
	struct rsp_buf reply; /* payload being built */
	/* R has no reply, so the client's next packets can come while the
	   program restarts: they wait here until it is loaded.  */
	bool hold_input;
	struct rsp_buf held;
	bool noack;
	bool noack_after_reply; /* QStartNoAckMode answered with acks */
	bool extended; /* '!' seen */

	/* features the client announced in qSupported */
	bool multiprocess;
	bool swbreak;
	bool hwbreak;
	bool exec_events;
	bool fork_events;
	bool vfork_events;
	bool no_resumed;
	bool list_threads; /* QListThreadsInStopReply */
	bool thread_events; /* QThreadEvents:1 */
	bool non_stop; /* QNonStop:1 */

	/* non-stop: stop replies not yet delivered; the head went out in a
	   %Stop notification (or a '?' reply) and stays until vStopped */
	struct stop_report *queue;
	size_t queue_len, queue_cap;
	bool notif_pending;
	pid_t ctrl_c_tid; /* vCtrlC: reported as SIGINT */

	struct rsp_ptid general; /* Hg */
	struct rsp_ptid cont; /* Hc */
	/* the last stop reported, for '?' */
	pid_t last_pid, last_tid;
	struct stop_event last_event;

	enum deferred_op deferred;
	pid_t deferred_pid; /* -1: every process */
	bool deferred_silent; /* 'k' has no reply */
	/* DEFER_ATTACH: the threads have taken their pending signals */
	bool attach_signals_taken;
	/* non-stop: stops or exits already in, with no wait status to
	   come (a stop taken by the attach itself, an exit held until
	   the client resumed the process), are reported once the reply
	   is out */
	bool collect_after_reply;
	bool interrupt_requested;
	/* all-stop: a ^C that came while nothing ran (it crossed a stop
	   reply); the next continue is interrupted, as gdbserver's SIGINT
	   would be */
	bool interrupt_pending;
	bool continuing; /* all-stop: the last resume continued a thread */
	bool exit_after_reply; /* non-extended session ended its process */

	/* qfThreadInfo/qsThreadInfo iteration: tids still to send */
	pid_t *thread_list;
	size_t thread_list_len, thread_list_pos;
	/* qXfer documents generated at offset 0 and windowed after */
	struct rsp_buf xfer_doc;
	char xfer_key[128];

	struct vfile_state vfile;
};

struct session *session_new(struct server *srv, int in_fd, int out_fd);
void session_free(struct session *s);
/* The input fd is readable / writable.  */
void session_on_input(struct session *s);
/* Handle the input held while the program restarted (R).  */
void session_release_input(struct session *s);
void session_on_output(struct session *s);
/* The engine changed: deliver deferred replies.  */
void session_on_engine_change(struct session *s);

/* Send REPLY's payload as one packet and reset it.  */
void session_send_reply(struct session *s);
void session_send_notification(struct session *s, const char *payload);

/* Helpers for handlers.  */
void session_put_ptid(struct session *s, struct rsp_buf *b, pid_t pid,
		      pid_t tid);
/* The thread a ptid names (first match), or NULL.  */
struct thread *session_find_thread(struct session *s, struct rsp_ptid id);
/* The thread for register and memory access (Hg), or NULL.  */
struct thread *session_general_thread(struct session *s);
struct process *session_general_process(struct session *s);
void session_reply_error(struct session *s, int err);

/* Handlers, by family (handle_*.c).  Each writes s->reply or defers. */
void handle_regs(struct session *s, struct rsp_request *req);
void handle_memory(struct session *s, struct rsp_request *req);
void handle_breakpoint(struct session *s, struct rsp_request *req);
void handle_threads(struct session *s, struct rsp_request *req);
void handle_xfer(struct session *s, struct rsp_request *req);
void handle_query(struct session *s, struct rsp_request *req);
void handle_monitor(struct session *s, struct rsp_request *req);
void handle_run_control(struct session *s, struct rsp_request *req);
void handle_process(struct session *s, struct rsp_request *req);

/* stop_reply.c: build a stop reply into B; session_report_stop builds
   it into s->reply (the caller sends it) and notes it as the last stop */
void stop_reply_build(struct session *s, struct rsp_buf *b, pid_t pid,
		      pid_t tid, const struct stop_event *ev);
void session_report_stop(struct session *s, const struct stop_event *ev,
			 pid_t pid, pid_t tid);
/* T's stop EV has gone to the client (in a reply or a notification):
   what it saw last, and the signal a detach passes on.  */
void thread_reported(struct thread *t, const struct stop_event *ev);

/* allstop.c */
void allstop_finish(struct session *s);
void allstop_query(struct session *s);
void allstop_resume(struct session *s, const struct rsp_request *req);
bool event_still_valid(struct engine *e, struct thread *t);
/* Report P's exit into B (s->reply or another buffer) and forget P.  */
void report_exit(struct session *s, struct process *p, struct rsp_buf *b);

/* nonstop.c */
void nonstop_collect(struct session *s);
void nonstop_query(struct session *s);
void nonstop_stopped(struct session *s);
void nonstop_resume(struct session *s, const struct rsp_request *req);
void nonstop_ctrl_c(struct session *s);
void nonstop_thread_exit(struct session *s, struct thread *t, int code);

/* handle_threads.c: does the client see T in thread lists?  */
bool session_lists_thread(const struct thread *t);
/* Does the client see the leader of P, which is dead, in them?  */
bool session_lists_dead_leader(const struct process *p);

/* handle_run.c */
/* Does vCont action A apply to (some thread of) process PID?  */
bool vcont_names_process(const struct rsp_vcont_action *a, pid_t pid);
/* The action of REQ for T: the leftmost that names it, or NULL (also
   for a fork child the client does not know yet).  */
const struct rsp_vcont_action *vcont_action_for(struct session *s,
						const struct rsp_request *req,
						struct thread *t);
/* Resume T as action A says; the client now sees it running.  */
void vcont_resume_thread(struct engine *e, struct thread *t,
			 const struct rsp_vcont_action *a);
void session_check_deferred(struct session *s);
void session_interrupt(struct session *s);

/* process operations (handle_process.c): detach, kill, run, attach */
void session_check_process_op(struct session *s);

#endif

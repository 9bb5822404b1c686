/* session.c - one client connection: bytes in and out, acks, and the
   dispatch of each request to its handler family.  */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/uio.h>
#include <unistd.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "log.h"
#include "server.h"
#include "regs_pending.h"
#include "session.h"

static void session_init(struct session *s, struct server *srv, int in_fd,
			 int out_fd)
{
	s->srv = srv;
	s->in_fd = in_fd;
	s->out_fd = out_fd;
	rsp_buf_init(&s->last);
	rsp_buf_init(&s->reply);
	rsp_buf_init(&s->xfer_doc);
	s->general.pid = 0;
	s->general.tid = RSP_ID_ANY;
	s->cont = s->general;
	vfile_init(&s->vfile);
}

struct session *session_new(struct server *srv, int in_fd, int out_fd)
{
	struct session *s = xcalloc(1, sizeof(*s));

	session_init(s, srv, in_fd, out_fd);
	s->framer = xmalloc(sizeof(*s->framer));
	rsp_framer_init(s->framer);
	rsp_buf_init(&s->out);
	return s;
}

/* Free what session_init made, and the per-client state.  */
static void session_release(struct session *s)
{
	/* Stops no client took stay stopped, for the next client's '?'.  */
	for (size_t i = 0; i < s->queue_len; i++) {
		struct thread *t =
			engine_find_thread(&s->srv->engine, s->queue[i].tid);

		if (t)
			t->report_queued = false;
	}
	free(s->queue);
	vfile_free(&s->vfile);
	rsp_buf_free(&s->last);
	rsp_buf_free(&s->reply);
	rsp_buf_free(&s->held);
	rsp_buf_free(&s->xfer_doc);
	free(s->thread_list);
}

/* A new client on the same line: everything the last one set up goes,
   as with a new connection; the framer (holding the packet at hand) and
   the output not yet written stay.  */
static void session_restart(struct session *s)
{
	struct session keep = *s;

	log_message("Remote debugging restarted on the same line");
	session_release(s);
	memset(s, 0, sizeof(*s));
	session_init(s, keep.srv, keep.in_fd, keep.out_fd);
	s->framer = keep.framer;
	s->out = keep.out;
	s->out_polled = keep.out_polled;
	s->serial = true;
}

void session_free(struct session *s)
{
	session_release(s);
	rsp_buf_free(&s->out);
	free(s->framer);
	free(s);
}

static void on_output_ready(void *ctx, uint32_t events)
{
	(void)events;
	session_on_output(ctx);
}

static void flush_output(struct session *s)
{
	size_t done = 0;

	while (done < s->out.len) {
		ssize_t w =
			write(s->out_fd, s->out.data + done, s->out.len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN)
			break;
		if (w <= 0) {
			s->closed = true;
			break;
		}
		done += w;
	}
	memmove(s->out.data, s->out.data + done, s->out.len - done);
	s->out.len -= done;
	/* Wait for room only while something is left to write (told to
	   the loop only when that changes: a system call a packet).  */
	if (!s->closed && s->in_fd == s->out_fd) {
		if (s->out_polled != (s->out.len != 0)) {
			s->out_polled = s->out.len != 0;
			loop_modify(&s->srv->loop, s->in_fd,
				    EPOLLIN | (s->out_polled ? EPOLLOUT : 0));
		}
	} else if (!s->closed && s->out.len)
		loop_add(&s->srv->loop, s->out_fd, EPOLLOUT, on_output_ready,
			 s);
}

void session_on_output(struct session *s)
{
	if (s->in_fd != s->out_fd)
		loop_remove(&s->srv->loop, s->out_fd);
	flush_output(s);
}

/* Write the frame KIND, PAYLOAD, TAIL straight from where it lies when
   nothing is queued before it (a memory read's reply is not copied);
   queue what the descriptor did not take.  */
static void write_frame(struct session *s, char kind, const char *payload,
			size_t len, const char tail[3])
{
	struct iovec iov[3] = { { &kind, 1 },
				{ (void *)payload, len },
				{ (void *)tail, 3 } };
	size_t done = 0, skip;
	ssize_t w = 0;

	if (s->out.len == 0) {
		do
			w = writev(s->out_fd, iov, 3);
		while (w < 0 && errno == EINTR);
		if (w < 0 && errno != EAGAIN) {
			s->closed = true;
			return;
		}
		done = w > 0 ? (size_t)w : 0;
	}
	for (int i = 0; i < 3; i++) {
		skip = done < iov[i].iov_len ? done : iov[i].iov_len;
		done -= skip;
		rsp_buf_put(&s->out, (char *)iov[i].iov_base + skip,
			    iov[i].iov_len - skip);
	}
	flush_output(s);
}

static void send_framed(struct session *s, char kind, const char *payload,
			size_t len)
{
	char tail[3];

	log_packet(kind == '%' ? "notify ->" : "->", payload, len);
	rsp_frame_tail(payload, len, tail);
	/* Kept for a resend while the client acknowledges packets.  */
	rsp_buf_reset(&s->last);
	if (!s->noack) {
		rsp_buf_putc(&s->last, kind);
		rsp_buf_put(&s->last, payload, len);
		rsp_buf_put(&s->last, tail, 3);
	}
	write_frame(s, kind, payload, len, tail);
}

void session_send_reply(struct session *s)
{
	send_framed(s, '$', s->reply.data ? s->reply.data : "", s->reply.len);
	rsp_buf_reset(&s->reply);
}

void session_send_notification(struct session *s, const char *payload)
{
	send_framed(s, '%', payload, strlen(payload));
}

void session_reply_error(struct session *s, int err)
{
	rsp_buf_reset(&s->reply);
	rsp_buf_printf(&s->reply, "E%02x", (err < 0 ? -err : err) & 0xff);
}

void session_put_ptid(struct session *s, struct rsp_buf *b, pid_t pid,
		      pid_t tid)
{
	if (s->multiprocess)
		rsp_buf_printf(b, "p%x.%x", (unsigned)pid, (unsigned)tid);
	else
		rsp_buf_printf(b, "%x", (unsigned)tid);
}

static bool ptid_matches(struct rsp_ptid id, struct thread *t)
{
	if (id.pid > 0 && id.pid != t->proc->pid)
		return false;
	return id.tid == RSP_ID_ALL || id.tid == RSP_ID_ANY || id.tid == t->tid;
}

struct thread *session_find_thread(struct session *s, struct rsp_ptid id)
{
	for (struct process *p = s->srv->engine.procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			if (ptid_matches(id, t))
				return t;
	return NULL;
}

struct thread *session_general_thread(struct session *s)
{
	struct thread *t = NULL;

	if (s->general.tid != RSP_ID_ANY && s->general.tid != RSP_ID_ALL)
		return session_find_thread(s, s->general);
	/* "any": the last thread reported, else the first one.  */
	if (s->last_tid)
		t = engine_find_thread(&s->srv->engine, s->last_tid);
	return t ? t : session_find_thread(s, s->general);
}

struct process *session_general_process(struct session *s)
{
	struct thread *t = session_general_thread(s);

	if (t)
		return t->proc;
	if (s->general.pid > 0)
		return engine_find_process(&s->srv->engine, s->general.pid);
	return s->srv->engine.procs;
}

static void dispatch(struct session *s, struct rsp_request *req)
{
	switch (req->cmd) {
	case RSP_CMD_UNKNOWN:
		break;
	case RSP_CMD_BAD:
		rsp_buf_printf(&s->reply, "E.%s",
			       req->error ? req->error : "malformed packet");
		break;
	case RSP_CMD_READ_REGS:
	case RSP_CMD_WRITE_REGS:
	case RSP_CMD_READ_REG:
	case RSP_CMD_WRITE_REG:
		handle_regs(s, req);
		break;
	case RSP_CMD_READ_MEM:
	case RSP_CMD_READ_MEM_BIN:
	case RSP_CMD_WRITE_MEM:
	case RSP_CMD_CRC:
	case RSP_CMD_SEARCH_MEM:
		handle_memory(s, req);
		break;
	case RSP_CMD_INSERT_BP:
	case RSP_CMD_REMOVE_BP:
		handle_breakpoint(s, req);
		break;
	case RSP_CMD_SET_THREAD:
	case RSP_CMD_THREAD_ALIVE:
	case RSP_CMD_CURRENT_THREAD:
	case RSP_CMD_THREAD_INFO_FIRST:
	case RSP_CMD_THREAD_INFO_NEXT:
		handle_threads(s, req);
		break;
	case RSP_CMD_XFER_READ:
	case RSP_CMD_XFER_WRITE:
		handle_xfer(s, req);
		break;
	case RSP_CMD_MONITOR:
		handle_monitor(s, req);
		break;
	case RSP_CMD_QUERY_STOP:
	case RSP_CMD_VCONT_QUERY:
	case RSP_CMD_VCONT:
	case RSP_CMD_VCTRLC:
	case RSP_CMD_VSTOPPED:
		handle_run_control(s, req);
		break;
	case RSP_CMD_KILL:
	case RSP_CMD_VKILL:
	case RSP_CMD_RESTART:
	case RSP_CMD_DETACH:
	case RSP_CMD_VRUN:
	case RSP_CMD_VATTACH:
		handle_process(s, req);
		break;
	case RSP_CMD_VFILE:
		vfile_handle(&s->vfile, req->u.vfile.op, req->u.vfile.args,
			     req->u.vfile.args_len, &s->reply);
		break;
	default:
		handle_query(s, req);
		break;
	}
}

static void on_packet(struct session *s, char *payload, size_t len)
{
	struct rsp_request req;

	log_packet("<-", payload, len);
	if (s->closed)
		return;
	if (len >= 10 && memcmp(payload, "qSupported", 10) == 0) {
		if (s->serial && s->supported_seen)
			session_restart(s);
		s->supported_seen = true;
	}
	if (!s->noack) {
		rsp_buf_putc(&s->out, '+');
		flush_output(s);
	}
	enum deferred_op before = s->deferred;

	rsp_buf_reset(&s->reply);
	rsp_parse_request(payload, len, &req);
	if (req.cmd != RSP_CMD_WRITE_REGS && req.cmd != RSP_CMD_WRITE_REG)
		regs_pending_settle(&s->srv->engine);
	dispatch(s, &req);
	rsp_request_free(&req);
	/* A request that deferred its answer replies later, from
	   session_check_deferred; every other one replies now (an empty
	   reply included).  */
	if (s->deferred == before || s->reply.len)
		session_send_reply(s);
	if (s->noack_after_reply) {
		s->noack = true;
		s->noack_after_reply = false;
	}
	if (s->deferred != DEFER_NONE || s->collect_after_reply) {
		s->collect_after_reply = false;
		session_check_deferred(s);
	}
}

/* Frame and handle N bytes of input (or hold them, see hold_input).  */
static void feed_input(struct session *s, const uint8_t *buf, size_t n)
{
	size_t off = 0;

	while (off < n && !s->closed) {
		enum rsp_frame_event ev;

		if (s->hold_input) {
			rsp_buf_put(&s->held, buf + off, n - off);
			return;
		}

		off += rsp_framer_feed(s->framer, buf + off, n - off, &ev);
		switch (ev) {
		case RSP_EV_PACKET:
			on_packet(s, s->framer->buf, s->framer->len);
			break;
		case RSP_EV_NACK:
			if (s->last.len) {
				rsp_buf_put(&s->out, s->last.data, s->last.len);
				flush_output(s);
			}
			break;
		case RSP_EV_INTERRUPT:
			log_packet("<-", "\\x03", 4);
			session_interrupt(s);
			break;
		case RSP_EV_BAD_CHECKSUM:
		case RSP_EV_BAD_RLE:
			log_debug("bad packet (checksum or run-length)");
			if (!s->noack) {
				rsp_buf_putc(&s->out, '-');
				flush_output(s);
			}
			break;
		case RSP_EV_OVERSIZE:
			log_debug("packet larger than %d bytes dropped",
				  RSP_MAX_PACKET);
			if (!s->noack)
				rsp_buf_putc(&s->out, '+');
			rsp_buf_reset(&s->reply);
			rsp_buf_puts(&s->reply, "E.packet too long");
			session_send_reply(s);
			break;
		default:
			break;
		}
	}
}

void session_on_input(struct session *s)
{
	uint8_t buf[65536];
	ssize_t n = read(s->in_fd, buf, sizeof(buf));

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		s->closed = true;
		return;
	}
	feed_input(s, buf, (size_t)n);
}

void session_release_input(struct session *s)
{
	struct rsp_buf held = s->held;

	s->hold_input = false;
	memset(&s->held, 0, sizeof(s->held));
	feed_input(s, (const uint8_t *)held.data, held.len);
	rsp_buf_free(&held);
}

void session_on_engine_change(struct session *s)
{
	session_check_deferred(s);
}

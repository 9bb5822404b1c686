/* handle_xfer.c - qXfer objects: features, threads, auxv, exec-file,
   libraries-svr4, siginfo (read and write), osdata.  A document is
   built when read at offset 0 and windowed from that copy for the
   following reads, so a client sees one consistent snapshot; the copy
   goes once its end has been read.  */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "memory.h"
#include "osdata.h"
#include "procfs.h"
#include "ptrace_ops.h"
#include "rsp_xfer.h"
#include "server.h"
#include "session.h"
#include "svr4.h"
#include "xml_writer.h"

/* A dead thread's id may name another process's thread by now: it
   gets neither core nor name.  */
static void put_thread(struct session *s, struct rsp_buf *doc, pid_t pid,
		       pid_t tid, bool alive)
{
	struct rsp_buf id;
	char name[64] = "";
	int core = alive ? procfs_thread_core(pid, tid) : -1;

	rsp_buf_init(&id);
	session_put_ptid(s, &id, pid, tid);
	rsp_buf_putc(&id, '\0');
	rsp_buf_puts(doc, "<thread");
	xml_attr(doc, "id", id.data);
	if (core >= 0)
		xml_attr_fmt(doc, "core", "%d", core);
	if (alive)
		procfs_thread_name(pid, tid, name, sizeof(name));
	if (*name)
		xml_attr(doc, "name", name);
	rsp_buf_puts(doc, "/>\n");
	rsp_buf_free(&id);
}

static void threads_doc(struct session *s, struct rsp_buf *doc)
{
	engine_check_zombie_leaders(&s->srv->engine);
	rsp_buf_puts(doc, "<?xml version=\"1.0\"?>\n<threads>\n");
	for (struct process *p = s->srv->engine.procs; p; p = p->next) {
		if (session_lists_dead_leader(p))
			put_thread(s, doc, p->pid, p->pid, false);
		for (struct thread *t = p->threads; t; t = t->next)
			if (session_lists_thread(t))
				put_thread(s, doc, p->pid, t->tid, true);
	}
	rsp_buf_puts(doc, "</threads>\n");
}

static struct process *annex_process(struct session *s, const char *annex)
{
	if (annex && *annex)
		return engine_find_process(&s->srv->engine,
					   (pid_t)strtol(annex, NULL, 16));
	return session_general_process(s);
}

/* Build document OBJECT:ANNEX into DOC; 0 or a negative errno.  */
static int build_doc(struct session *s, const char *object, const char *annex,
		     struct rsp_buf *doc)
{
	struct process *p = annex_process(s, NULL);
	char *text;
	size_t len;

	if (strcmp(object, "threads") == 0) {
		threads_doc(s, doc);
		return 0;
	}
	if (strcmp(object, "osdata") == 0) {
		osdata_build(annex, doc);
		return 0;
	}
	if (strcmp(object, "exec-file") == 0) {
		p = annex_process(s, annex);
		text = p ? procfs_exe(p->pid) : NULL;
		if (!text)
			return -ESRCH;
		rsp_buf_puts(doc, text);
		free(text);
		return 0;
	}
	if (!p || p->exited)
		return -ESRCH;
	if (strcmp(object, "features") == 0) {
		const struct arch_tdesc *td = engine_tdesc(&s->srv->engine, p);

		if (!td)
			return -EIO;
		for (int i = 0; i < td->nannexes; i++)
			if (strcmp(td->annex_names[i], annex) == 0) {
				rsp_buf_puts(doc, td->annex_texts[i]);
				return 0;
			}
		return -ENOENT;
	}
	if (strcmp(object, "auxv") == 0 ||
	    strcmp(object, "libraries-svr4") == 0) {
		int r = 0;

		text = procfs_read_file(p->pid, "auxv", &len);
		if (!text)
			return -errno;
		if (object[0] == 'a')
			rsp_buf_put(doc, text, len);
		/* A program without DT_DEBUG (static) has no list: E01,
		   as from gdbserver, and GDB looks for no libraries.  */
		else if (svr4_library_list(
				 mem_read_cb, p, (uint8_t *)text, len,
				 engine_arch(&s->srv->engine, p)->ptr_size == 8,
				 doc) < 0)
			r = -EPERM;
		free(text);
		return r;
	}
	if (strcmp(object, "siginfo") == 0) {
		struct thread *t = session_general_thread(s);
		siginfo_t si;

		if (!t || !t->stopped)
			return -EINVAL;
		/* Not at a signal: what the kernel says of the stop (an
		   interrupt's SIGTRAP), as gdbserver shows its SIGSTOP.  */
		if (t->has_siginfo)
			si = *t->siginfo;
		else if (pt_get_siginfo(t->tid, &si) < 0)
			return -EINVAL;
		rsp_buf_put(doc, &si, sizeof(si));
		return 0;
	}
	return -ENOENT;
}

/* qXfer:siginfo:write: patch the siginfo of the current thread's
   signal stop; the signal it delivers on resume carries it.  */
static void siginfo_write(struct session *s, struct rsp_request *req)
{
	struct thread *t = session_general_thread(s);
	uint64_t off = req->u.xfer.offset, len = req->u.xfer.length;
	siginfo_t si;
	int r;

	if (strcmp(req->u.xfer.object, "siginfo") != 0)
		return;
	if (!t || !t->stopped || !t->has_siginfo) {
		rsp_buf_puts(&s->reply, "E.no signal stop");
		return;
	}
	if (off > sizeof(si)) {
		rsp_buf_puts(&s->reply, "E.offset past the siginfo");
		return;
	}
	if (len > sizeof(si) - off)
		len = sizeof(si) - off;
	si = *t->siginfo;
	memcpy((uint8_t *)&si + off, req->u.xfer.data, len);
	r = pt_set_siginfo(t->tid, &si);
	if (r < 0) {
		session_reply_error(s, r);
		return;
	}
	*t->siginfo = si;
	s->xfer_key[0] = '\0'; /* a later read sees the change */
	rsp_buf_printf(&s->reply, "%llx", (unsigned long long)len);
}

void handle_xfer(struct session *s, struct rsp_request *req)
{
	const char *object = req->u.xfer.object;
	const char *annex = req->u.xfer.annex ? req->u.xfer.annex : "";
	char key[sizeof(s->xfer_key)];
	size_t mark;
	int r;

	if (req->cmd == RSP_CMD_XFER_WRITE) {
		siginfo_write(s, req);
		return;
	}
	snprintf(key, sizeof(key), "%s:%s", object, annex);
	if (req->u.xfer.offset == 0 || strcmp(key, s->xfer_key) != 0) {
		rsp_buf_reset(&s->xfer_doc);
		s->xfer_key[0] = '\0';
		r = build_doc(s, object, annex, &s->xfer_doc);
		if (r < 0) {
			session_reply_error(s, r);
			return;
		}
		strcpy(s->xfer_key, key);
	}
	mark = s->reply.len;
	rsp_xfer_window(&s->reply, s->xfer_doc.data, s->xfer_doc.len,
			req->u.xfer.offset, req->u.xfer.length);
	/* Read to its end: the next read starts at 0 and builds it again,
	   so a large one (the thread list) is not kept between stops.  */
	if (s->reply.data[mark] == 'l') {
		rsp_buf_free(&s->xfer_doc);
		s->xfer_key[0] = '\0';
	}
}

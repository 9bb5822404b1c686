/* main.c - quietstub's entry point: the command line, the one struct
   server of the run, the main loop and the connection lifecycle.  The
   only mutable globals of the program are the two log switches.  */
#include "config.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <fcntl.h>
#include <libiberty/libiberty.h>
#include "arch.h"
#include "engine.h"
#include "launch.h"
#include "log.h"
#include "options.h"
#include "regs_pending.h"
#include "server.h"
#include "selftest.h"
#include "session.h"

bool qs_debug;
bool qs_remote_debug;

void server_remember_program(struct server *srv, char **argv)
{
	char **copy = dupargv(argv);

	freeargv(srv->program_argv);
	srv->program_argv = copy;
}

bool server_has_processes(struct server *srv)
{
	return srv->engine.procs != NULL;
}

/* Threads stopped (or zombie leaders that never stop); *ALL: every
   thread.  One pass, for the waits below.  */
static int count_stopped(struct engine *e, int *all)
{
	int n = 0;

	*all = 0;
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next) {
			n += t->stopped || t->zombie;
			++*all;
		}
	return n;
}

/* Wait for the stops requested of every thread, as long as they keep
   coming: thousands of spinning threads on a busy machine take many
   seconds, but a thread that cannot stop (uninterruptible sleep) must
   not hold us forever.  At most 5 s without a new stop, 2 min in all. */
static void wait_for_stops(struct engine *e)
{
	int last = -1, idle = 0;

	for (int i = 0; i < 12000 && idle < 500; i++) {
		int n, all;

		engine_check_zombie_leaders(e);
		engine_reap(e);
		n = count_stopped(e, &all);
		if (n == all)
			return;
		idle = n == last ? idle + 1 : 0;
		last = n;
		usleep(10000);
	}
	log_message("Some threads did not stop: detaching the others");
}

void server_release_all(struct server *srv)
{
	struct engine *e = &srv->engine;

	/* Attached processes are left as they were; launched ones die, as
	   with gdbserver.  */
	for (struct process *p = e->procs; p; p = p->next) {
		if (p->exited)
			continue;
		if (p->attached) {
			for (struct thread *t = p->threads; t; t = t->next)
				engine_request_stop(e, t);
		} else {
			engine_kill(e, p);
		}
	}
	wait_for_stops(e);
	for (struct process *p = e->procs; p; p = p->next)
		if (p->attached && !p->exited)
			engine_detach(e, p);
	while (e->procs)
		engine_remove_process(e, e->procs);
}

static void on_engine_change(void *ctx)
{
	struct server *srv = ctx;

	if (srv->session)
		session_on_engine_change(srv->session);
}

static void on_thread_exit(void *ctx, struct thread *t, int code)
{
	struct server *srv = ctx;

	if (srv->session && srv->session->non_stop)
		nonstop_thread_exit(srv->session, t, code);
}

static void on_sigchld(void *ctx, uint32_t events)
{
	struct server *srv = ctx;

	(void)events;
	loop_drain_signalfd(srv->sigchld_fd);
	engine_reap(&srv->engine);
}

/* One round of the event loop.  Wait statuses engine_reap left are
   taken first: their SIGCHLD came already.  */
static void run_loop_once(struct server *srv, int timeout_ms)
{
	if (srv->engine.statuses_left) {
		engine_reap(&srv->engine);
		timeout_ms = 0;
	}
	loop_run_once(&srv->loop, timeout_ms);
}

static void on_client(void *ctx, uint32_t events)
{
	struct session *s = ctx;

	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
		session_on_input(s);
	if (!s->closed && (events & EPOLLOUT))
		session_on_output(s);
}

static void start_session(struct server *srv, int in_fd, int out_fd)
{
	srv->session = session_new(srv, in_fd, out_fd);
	if (loop_add(&srv->loop, in_fd, EPOLLIN, on_client, srv->session) < 0)
		srv->session->closed = true;
}

static void on_accept(void *ctx, uint32_t events)
{
	struct server *srv = ctx;
	int fd;

	(void)events;
	if (srv->session)
		return;
	fd = transport_accept(&srv->transport);
	if (fd < 0)
		return;
	/* One client at a time: stop listening while it is served.  */
	loop_remove(&srv->loop, srv->transport.listen_fd);
	start_session(srv, fd, fd);
}

/* A serial line: the session is the line itself, for the whole run.  */
static void start_serial_session(struct server *srv)
{
	start_session(srv, srv->transport.serial_fd, srv->transport.serial_fd);
	srv->session->serial = true;
}

/* A serial line never hangs up, so the end of a session is the client's
   k or D: when the last program is gone (killed, detached or exited)
   and the reply has left, a stub without --multi is done, as it is
   over TCP when the client then closes the connection.  */
static void check_serial_end(struct server *srv)
{
	if (!srv->multi && !server_has_processes(srv) &&
	    !srv->session->out.len && !srv->session->deferred)
		srv->quit = true;
}

/* Leaving on the client's word (monitor exit): give it 100 ms to take
   the reply before the connection drops, as gdbserver's slower exit
   does; a client in non-stop mode otherwise reports the closed
   connection before its prompt.  What it sends meanwhile is read and
   dropped (closing on unread data would reset the connection); ends
   early if it hangs up.  */
static void linger(struct session *s)
{
	struct pollfd pfd = { .fd = s->in_fd, .events = POLLIN };
	char buf[512];

	for (int i = 0; i < 10; i++) {
		if (poll(&pfd, 1, 10) > 0 &&
		    read(s->in_fd, buf, sizeof(buf)) <= 0)
			return;
	}
}

static void end_session(struct server *srv)
{
	struct session *s = srv->session;
	bool stdio = srv->transport.kind == TRANSPORT_STDIO;
	bool serial = srv->transport.kind == TRANSPORT_SERIAL;

	loop_remove(&srv->loop, s->in_fd);
	if (s->out_fd != s->in_fd)
		loop_remove(&srv->loop, s->out_fd);
	if (!stdio && !serial)
		close(s->in_fd);
	if (s->exit_after_reply)
		srv->quit = true;
	session_free(s);
	srv->session = NULL;
	if (srv->once || stdio || (!srv->multi && !server_has_processes(srv)))
		srv->quit = true;
	if (!srv->quit && serial) {
		start_serial_session(srv);
	} else if (!srv->quit) {
		log_message("Remote side has terminated connection.  "
			    "quietstub will reopen the connection.");
		log_message("Listening on port %d", srv->transport.port);
		loop_add(&srv->loop, srv->transport.listen_fd, EPOLLIN,
			 on_accept, srv);
	}
}

/* Run the loop until the program launched at startup is loaded.  */
static int start_program(struct server *srv, char **argv)
{
	struct process *p;
	pid_t pid;

	launch_resolve_program(&argv[0]);
	p = launch_program(&srv->engine, &srv->launch, argv);
	if (!p)
		return -1;
	pid = p->pid;
	while (p->starting && !p->exited)
		run_loop_once(srv, -1);
	if (p->exited) {
		if (p->exit_event.kind == STOP_EXITED)
			log_message("During startup program exited with code "
				    "%d.",
				    p->exit_event.code);
		else
			log_message("During startup program terminated with "
				    "signal %s.",
				    strsignal(p->exit_event.sig));
		engine_remove_process(&srv->engine, p);
		return -1;
	}
	srv->program = xstrdup(argv[0]);
	server_remember_program(srv, argv);
	log_message("Process %s created; pid = %d", argv[0], (int)pid);
	launch_take_terminal(pid, &srv->saved_fg_pgrp);
	srv->signal_pid = pid;
	return 0;
}

/* Attach to PID and stop it (the client finds it stopped, as with
   gdbserver), without sending it any signal.  */
static int attach_program(struct server *srv, pid_t pid)
{
	int err = 0;
	struct process *p = engine_attach(&srv->engine, pid, &err);

	if (!p) {
		log_message("Cannot attach to process %d: %s", (int)pid,
			    strerror(-err));
		return -1;
	}
	for (;;) {
		for (struct thread *t = p->threads; t; t = t->next)
			engine_request_stop(&srv->engine, t);
		engine_check_zombie_leaders(&srv->engine);
		/* Also when all look stopped: see engine_reconcile.  */
		engine_reconcile(&srv->engine);
		if (p->exited || engine_all_stopped(&srv->engine, p))
			break;
		run_loop_once(srv, 100);
	}
	if (p->exited) {
		log_message("Process %d exited during attach", (int)pid);
		engine_remove_process(&srv->engine, p);
		return -1;
	}
	srv->signal_pid = pid;
	for (struct thread *t = p->threads; t; t = t->next)
		t->client_resumed = false;
	log_message("Attached; pid = %d", (int)pid);
	return 0;
}

#define CHECK_WAITING_MS 100
#define CHECK_IDLE_MS 1000

/* Now and then, look for what the kernel never reports: while a reply
   waits for threads to stop, threads that vanished or escaped us (see
   engine_reconcile) and main threads that left before the others;
   otherwise, more rarely, an exec that escaped us.  */
static void check_unreported(struct server *srv)
{
	struct session *s = srv->session;
	bool waiting = s && s->deferred;
	long long now = loop_now_ms();

	if (!srv->engine.procs ||
	    now - srv->last_check_ms <
		    (waiting ? CHECK_WAITING_MS : CHECK_IDLE_MS))
		return;
	srv->last_check_ms = now;
	if (!waiting) {
		engine_reconcile_leaders(&srv->engine);
		return;
	}
	engine_reconcile(&srv->engine);
	/* A main thread that left alone (pthread_exit) never reports: if
	   it was the one thread resumed, nothing runs any more.  */
	engine_check_zombie_leaders(&srv->engine);
	for (struct process *p = srv->engine.procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next)
			if (!t->want_running)
				engine_request_stop(&srv->engine, t);
	session_check_deferred(s);
}

static int serve(struct server *srv)
{
	if (srv->transport.kind == TRANSPORT_STDIO) {
		fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
		start_session(srv, 0, 1);
		log_message("Remote debugging using stdio");
	} else if (srv->transport.kind == TRANSPORT_SERIAL) {
		start_serial_session(srv);
	} else {
		loop_add(&srv->loop, srv->transport.listen_fd, EPOLLIN,
			 on_accept, srv);
	}
	while (!srv->quit) {
		bool waiting = srv->session && srv->session->deferred;
		int tmo = waiting	    ? CHECK_WAITING_MS :
			  srv->engine.procs ? CHECK_IDLE_MS :
					      -1;
		int settle = regs_pending_check(&srv->engine);

		if (settle >= 0 && (tmo < 0 || settle < tmo))
			tmo = settle;
		run_loop_once(srv, tmo);
		check_unreported(srv);
		if (srv->session && srv->session->exit_after_reply &&
		    !srv->session->out.len)
			srv->session->closed = true;
		if (srv->session && srv->transport.kind == TRANSPORT_SERIAL)
			check_serial_end(srv);
		if (srv->session && srv->quit && !srv->session->closed)
			linger(srv->session);
		if (srv->session && (srv->session->closed || srv->quit))
			end_session(srv);
	}
	return srv->exit_code;
}

int main(int argc, char **argv)
{
	struct options opts;
	struct server srv;
	int r;

	switch (options_parse(&opts, argc, argv)) {
	case OPTIONS_EXIT_OK:
		return 0;
	case OPTIONS_SELFTEST:
		return selftest_run();
	case OPTIONS_EXIT_ERROR:
		return 1;
	default:
		break;
	}
	if (opts.debug_file && !freopen(opts.debug_file, "a", stderr))
		fprintf(stdout, "quietstub: cannot open %s\n", opts.debug_file);
	qs_debug = opts.debug;
	qs_remote_debug = opts.remote_debug;
	signal(SIGPIPE, SIG_IGN);

	memset(&srv, 0, sizeof(srv));
	srv.comm = opts.comm;
	srv.multi = opts.multi;
	srv.once = opts.once;
	launch_settings_init(&srv.launch);
	srv.launch.startup_with_shell = opts.startup_with_shell;
	srv.launch.disable_randomization = opts.disable_randomization;
	srv.launch.wrapper = opts.wrapper;
	if (!transport_is_comm(opts.comm)) {
		fprintf(stderr,
			"quietstub: '%s' is not HOST:PORT, -, stdio or a "
			"device path\n",
			opts.comm);
		return 1;
	}
	srv.launch.stdio_redirect =
		strcmp(opts.comm, "-") == 0 || strcmp(opts.comm, "stdio") == 0;
	if (loop_init(&srv.loop) < 0) {
		perror("quietstub: epoll");
		return 1;
	}
	engine_init(&srv.engine, arch_native());
	srv.engine.on_change = on_engine_change;
	srv.engine.on_thread_exit = on_thread_exit;
	srv.engine.ctx = &srv;
	srv.sigchld_fd = loop_sigchld_fd();
	loop_add(&srv.loop, srv.sigchld_fd, EPOLLIN, on_sigchld, &srv);

	srv.engine.quiet_restart = !opts.no_quiet_restart;
	if (opts.attach_pid && attach_program(&srv, opts.attach_pid) < 0) {
		log_message("Exiting");
		return 1;
	}
	if (opts.program_argv && start_program(&srv, opts.program_argv) < 0) {
		log_message("Exiting");
		return 1;
	}
	if (transport_open(&srv.transport, opts.comm, opts.baud) < 0) {
		server_release_all(&srv);
		return 1;
	}
	r = serve(&srv);
	server_release_all(&srv);
	launch_restore_terminal(srv.saved_fg_pgrp);
	transport_close(&srv.transport);
	engine_free(&srv.engine);
	loop_free(&srv.loop);
	freeargv(opts.program_argv);
	free(srv.program);
	freeargv(srv.program_argv);
	return r;
}

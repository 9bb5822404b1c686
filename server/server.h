/* server.h - the state of one quietstub run: options, the event loop,
   the engine, the transport and the current client session.  */
#ifndef QS_SERVER_H
#define QS_SERVER_H

#include <stdbool.h>
#include <sys/types.h>
#include "engine.h"
#include "event_loop.h"
#include "launch.h"
#include "transport.h"

struct session;

struct server {
	const char *comm;
	bool multi; /* --multi: serve without a program, keep serving */
	bool once; /* --once: exit after the first connection */
	bool quit; /* leave the main loop */
	int exit_code;

	struct event_loop loop;
	struct engine engine;
	struct transport transport;
	int sigchld_fd;
	struct session *session;

	struct launch_settings launch; /* for vRun and the command line */
	char *program; /* the last program run */
	char **program_argv; /* and its arguments, for R */
	pid_t saved_fg_pgrp; /* terminal owner before launch */
	/* the process a ^C interrupts in all-stop mode: the one started or
	   attached last, as gdbserver's SIGINT goes to */
	pid_t signal_pid;
	long long last_check_ms; /* see check_unreported */
};

/* Keep a copy of ARGV, the program R runs again.  */
void server_remember_program(struct server *srv, char **argv);
/* Does any traced process remain?  */
bool server_has_processes(struct server *srv);
/* Kill launched processes and detach attached ones (connection lost
   with --once, or monitor exit).  */
void server_release_all(struct server *srv);

#endif

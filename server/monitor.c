/* monitor.c - "monitor" commands (qRcmd), with gdbserver's replies so
   that scripts and GDB's testsuite recognise them.  */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "libthread_db.h"
#include "log.h"
#include "server.h"
#include "session.h"

static const char help_text[] =
	"The following monitor commands are supported:\n"
	"  set debug <0|1>\n"
	"    Enable general debugging messages\n"
	"  set remote-debug <0|1>\n"
	"    Enable remote protocol debugging messages\n"
	"  set libthread-db-search-path [PATH]\n"
	"    Where to look for libthread_db (default $pdir:$sdir)\n"
	"  set debug-format option1[,option2,...]\n"
	"    Add additional information to debugging messages\n"
	"    Options: all, none\n"
	"  set quiet-restart <on|off>\n"
	"    Restart blocking calls that an interrupt woke with EINTR\n"
	"  show quiet-restart\n"
	"    Whether quiet restart is on, and how many calls it repaired\n"
	"  exit\n"
	"    Quit GDBserver (quietstub)\n";

/* Console output travels in "O" packets before the final reply.  */
static void output(struct session *s, const char *text)
{
	struct rsp_buf saved = s->reply;

	rsp_buf_init(&s->reply);
	rsp_buf_putc(&s->reply, 'O');
	rsp_buf_hex_str(&s->reply, text);
	session_send_reply(s);
	rsp_buf_free(&s->reply);
	s->reply = saved;
}

static void show_quiet_restart(struct session *s)
{
	const struct engine *e = &s->srv->engine;
	char text[128];

	snprintf(text, sizeof(text),
		 "quiet-restart is %s; %lu calls repaired.\n",
		 e->quiet_restart ? "on" : "off", e->restarts_repaired);
	output(s, text);
}

static bool set_switch(struct session *s, const char *arg, bool *flag,
		       const char *on, const char *off)
{
	if (strcmp(arg, "1") == 0 || strcmp(arg, "on") == 0) {
		*flag = true;
		output(s, on);
	} else if (strcmp(arg, "0") == 0 || strcmp(arg, "off") == 0) {
		*flag = false;
		output(s, off);
	} else {
		return false;
	}
	return true;
}

static void set_thread_db_path(struct session *s, const char *path)
{
	char *msg;

	path += strspn(path, " ");
	thread_db_set_search_path(&s->srv->engine, path);
	msg = concat("libthread-db-search-path set to `",
		     *path ? path : "$pdir:$sdir", "'\n", NULL);
	output(s, msg);
	free(msg);
}

void handle_monitor(struct session *s, struct rsp_request *req)
{
	const char *cmd = req->u.monitor.command;
	bool ok = true;

	if (strcmp(cmd, "help") == 0) {
		output(s, help_text);
	} else if (strcmp(cmd, "exit") == 0) {
		s->srv->quit = true;
	} else if (strncmp(cmd, "set debug ", 10) == 0) {
		ok = set_switch(s, cmd + 10, &qs_debug,
				"Debug output enabled.\n",
				"Debug output disabled.\n");
	} else if (strncmp(cmd, "set remote-debug ", 17) == 0) {
		ok = set_switch(s, cmd + 17, &qs_remote_debug,
				"Protocol debug output enabled.\n",
				"Protocol debug output disabled.\n");
	} else if (strncmp(cmd, "set quiet-restart ", 18) == 0) {
		ok = set_switch(s, cmd + 18, &s->srv->engine.quiet_restart,
				"Quiet restart enabled.\n",
				"Quiet restart disabled.\n");
	} else if (strcmp(cmd, "show quiet-restart") == 0) {
		show_quiet_restart(s);
	} else if (strncmp(cmd, "set libthread-db-search-path", 28) == 0 &&
		   (cmd[28] == '\0' || cmd[28] == ' ')) {
		set_thread_db_path(s, cmd + 28);
	} else if (strcmp(cmd, "set debug-format all") == 0) {
		output(s, "All extra debug format options enabled.\n");
	} else if (strcmp(cmd, "set debug-format none") == 0) {
		output(s, "All extra debug format options disabled.\n");
	} else {
		ok = false;
	}
	if (!ok) {
		output(s, "Unknown monitor command.\n\n");
		rsp_buf_puts(&s->reply, "E01");
		return;
	}
	rsp_buf_puts(&s->reply, "OK");
}

/* launch.c - fork, seize and exec a program.  */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <libiberty/libiberty.h>
#include <libiberty/safe-ctype.h>
#include "engine.h"
#include "launch.h"
#include "log.h"
#include "ptrace_ops.h"

extern char **environ;

void launch_settings_init(struct launch_settings *ls)
{
	memset(ls, 0, sizeof(*ls));
	ls->startup_with_shell = true;
	ls->env_set = xcalloc(1, sizeof(char *));
	ls->env_unset = xcalloc(1, sizeof(char *));
}

static void strv_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

static size_t strv_len(char **v)
{
	size_t n = 0;

	while (v[n])
		n++;
	return n;
}

/* Remove entries of V whose name (up to '=' or the end) is NAME.  */
static void strv_drop_name(char **v, const char *name, size_t nlen)
{
	size_t j = 0;

	for (size_t i = 0; v[i]; i++) {
		if (strncmp(v[i], name, nlen) == 0 &&
		    (v[i][nlen] == '=' || v[i][nlen] == '\0')) {
			free(v[i]);
			continue;
		}
		v[j++] = v[i];
	}
	v[j] = NULL;
}

static char **strv_append(char **v, const char *s)
{
	size_t n = strv_len(v);

	v = xrealloc(v, (n + 2) * sizeof(char *));
	v[n] = xstrdup(s);
	v[n + 1] = NULL;
	return v;
}

void launch_settings_reset_env(struct launch_settings *ls)
{
	strv_free(ls->env_set);
	strv_free(ls->env_unset);
	ls->env_set = xcalloc(1, sizeof(char *));
	ls->env_unset = xcalloc(1, sizeof(char *));
}

void launch_settings_set_env(struct launch_settings *ls, const char *assign)
{
	const char *eq = strchr(assign, '=');
	size_t nlen = eq ? (size_t)(eq - assign) : strlen(assign);

	strv_drop_name(ls->env_set, assign, nlen);
	strv_drop_name(ls->env_unset, assign, nlen);
	ls->env_set = strv_append(ls->env_set, assign);
}

void launch_settings_unset_env(struct launch_settings *ls, const char *name)
{
	strv_drop_name(ls->env_set, name, strlen(name));
	strv_drop_name(ls->env_unset, name, strlen(name));
	ls->env_unset = strv_append(ls->env_unset, name);
}

/* Quote S for a POSIX shell unless it is plain.  */
static void shell_quote(char **out, size_t *len, const char *s)
{
	bool plain = *s != '\0';

	for (const char *p = s; *p; p++)
		if (!(ISALNUM(*p) || strchr("-_./=+,:@%", *p)))
			plain = false;
	if (plain) {
		*out = reconcat(*out, *out, s, NULL);
	} else {
		char *q = xmalloc(strlen(s) * 4 + 3);
		char *w = q;

		*w++ = '\'';
		for (const char *p = s; *p; p++) {
			if (*p == '\'') {
				memcpy(w, "'\\''", 4);
				w += 4;
			} else {
				*w++ = *p;
			}
		}
		*w++ = '\'';
		*w = '\0';
		*out = reconcat(*out, *out, q, NULL);
		free(q);
	}
	*len = strlen(*out);
}

static char *shell_command(char **wrapper, char **argv)
{
	char *cmd = xstrdup("exec ");
	size_t len;

	for (char **p = wrapper; p && *p; p++) {
		shell_quote(&cmd, &len, *p);
		cmd = reconcat(cmd, cmd, " ", NULL);
	}
	for (char **p = argv; *p; p++) {
		if (p != argv)
			cmd = reconcat(cmd, cmd, " ", NULL);
		shell_quote(&cmd, &len, *p);
	}
	return cmd;
}

static void child_apply_env(const struct launch_settings *ls)
{
	for (char **p = ls->env_unset; *p; p++)
		unsetenv(*p);
	for (char **p = ls->env_set; *p; p++) {
		char *eq = strchr(*p, '=');

		if (!eq)
			continue;
		*eq = '\0';
		setenv(*p, eq + 1, 1);
		*eq = '=';
	}
}

/* In the child: wait until the parent has seized us, then exec.  */
static void __attribute__((noreturn))
child_exec(const struct launch_settings *ls, char **argv, int go_fd)
{
	char c;
	const char *shell;

	setpgid(0, 0);
	if (ls->stdio_redirect) {
		int devnull = open("/dev/null", O_RDONLY);

		if (devnull >= 0 && devnull != 0) {
			dup2(devnull, 0);
			close(devnull);
		}
		dup2(2, 1);
		(void)!write(2, "stdin/stdout redirected\n", 24);
	}
	signal(SIGTTOU, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	{
		/* quietstub blocks SIGCHLD for its signalfd; the program
		   must not inherit that.  */
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGCHLD);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	if (read(go_fd, &c, 1) != 1)
		_exit(127);
	close(go_fd);
	if (ls->working_dir && chdir(ls->working_dir) < 0) {
		fprintf(stderr, "quietstub: cannot chdir to %s: %s\n",
			ls->working_dir, strerror(errno));
		_exit(127);
	}
	if (ls->disable_randomization)
		personality(personality(0xffffffff) | ADDR_NO_RANDOMIZE);
	child_apply_env(ls);
	if (ls->startup_with_shell) {
		char *cmd = shell_command(ls->wrapper, argv);

		shell = getenv("SHELL");
		if (!shell || !*shell)
			shell = "/bin/sh";
		execl(shell, shell, "-c", cmd, (char *)NULL);
		fprintf(stderr, "quietstub: Cannot exec %s: %s\n", shell,
			strerror(errno));
		_exit(127);
	}
	if (ls->wrapper) {
		size_t nw = strv_len(ls->wrapper), na = strv_len(argv);
		char **full = xcalloc(nw + na + 1, sizeof(char *));

		memcpy(full, ls->wrapper, nw * sizeof(char *));
		memcpy(full + nw, argv, na * sizeof(char *));
		execvp(full[0], full);
		fprintf(stderr, "quietstub: Cannot exec %s\n", full[0]);
	} else {
		execvp(argv[0], argv);
		fprintf(stderr, "quietstub: Cannot exec %s\n", argv[0]);
	}
	fprintf(stderr, "quietstub: Error: %s\n", strerror(errno));
	_exit(127);
}

void launch_resolve_program(char **name)
{
	struct stat st;
	char *cwd;

	if (strchr(*name, '/') || stat(*name, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	cwd = getcwd(NULL, 0);
	if (!cwd)
		return;
	char *abs = concat(cwd, "/", *name, NULL);

	free(cwd);
	free(*name);
	*name = abs;
}

struct process *launch_program(struct engine *e,
			       const struct launch_settings *ls, char **argv)
{
	int go[2];
	pid_t pid;
	struct process *p;
	struct thread *t;
	int r;
	const char *why;

	if (!argv || !argv[0] || !*argv[0]) {
		log_message("quietstub: no program to run");
		return NULL;
	}
	if (!engine_can_debug(argv[0], &why)) {
		log_message("quietstub: %s is %s", argv[0], why);
		return NULL;
	}
	if (pipe2(go, O_CLOEXEC) < 0) {
		log_message("quietstub: pipe: %s", strerror(errno));
		return NULL;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		log_message("quietstub: fork: %s", strerror(errno));
		close(go[0]);
		close(go[1]);
		return NULL;
	}
	if (pid == 0) {
		close(go[1]);
		child_exec(ls, argv, go[0]);
	}
	close(go[0]);
	/* The parent sets the group too, so it holds before the child
	   runs (gdbserver's order).  */
	setpgid(pid, pid);
	r = pt_seize(pid, ENGINE_LAUNCH_OPTIONS);
	if (r < 0) {
		log_message("quietstub: cannot trace the new process: %s",
			    strerror(-r));
		kill(pid, SIGKILL);
		close(go[1]);
		waitpid(pid, NULL, 0);
		return NULL;
	}
	p = engine_add_process(e, pid, false);
	p->starting = true;
	p->execs_expected =
		1 + (ls->startup_with_shell ? 1 : 0) + (ls->wrapper ? 1 : 0);
	t = engine_add_thread(e, p, pid);
	t->want_running = true;
	t->last_resume = RESUME_CONTINUE;
	if (write(go[1], "g", 1) != 1)
		log_message("quietstub: cannot start the new process");
	close(go[1]);
	return p;
}

void launch_take_terminal(pid_t pgrp, pid_t *saved)
{
	pid_t before;

	if (!isatty(2))
		return;
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	before = tcgetpgrp(2);
	/* The group to give back is the one before the first program.  */
	if (before > 0 && tcsetpgrp(2, pgrp) == 0 && *saved <= 0)
		*saved = before;
}

void launch_restore_terminal(pid_t saved)
{
	if (saved > 0)
		tcsetpgrp(2, saved);
}

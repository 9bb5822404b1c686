/* launch.h - starting a program under quietstub: fork, PTRACE_SEIZE the
   child before it execs (the child never asks to be traced), through the
   user's shell, and count the exec events until the program itself is
   loaded.  */
#ifndef QS_LAUNCH_H
#define QS_LAUNCH_H

#include <stdbool.h>
#include <sys/types.h>

struct engine;
struct process;

struct launch_settings {
	bool startup_with_shell;
	bool disable_randomization;
	bool stdio_redirect; /* protocol on stdio: inferior stdin is
				   /dev/null, stdout goes to stderr */
	char *working_dir; /* NULL = quietstub's */
	char **env_set; /* "NAME=VALUE" to add, NULL-terminated */
	char **env_unset; /* "NAME" to remove, NULL-terminated */
	char **wrapper; /* --wrapper argv, or NULL */
};

void launch_settings_init(struct launch_settings *ls);
void launch_settings_reset_env(struct launch_settings *ls);
void launch_settings_set_env(struct launch_settings *ls, const char *assign);
void launch_settings_unset_env(struct launch_settings *ls, const char *name);

/* A program named without a directory that is a file in our working
   directory is run from there, as gdbserver does (else $PATH finds
   it): replace *NAME (malloc'd) by its absolute path.  */
void launch_resolve_program(char **name);

/* Fork and exec ARGV.  The process is returned "starting": the engine
   finishes the launch when the last expected exec event arrives (the
   process is then stopped at its first instruction), or the process
   exits.  NULL with an error message printed on failure.  */
struct process *launch_program(struct engine *e,
			       const struct launch_settings *ls, char **argv);

/* Give the terminal to the program's process group as gdbserver does;
   *SAVED keeps the foreground group from before the first one (0
   while there is none).  */
void launch_take_terminal(pid_t pgrp, pid_t *saved);
void launch_restore_terminal(pid_t saved);

#endif

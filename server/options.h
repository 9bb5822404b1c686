/* options.h - gdbserver-compatible command line.  */
#ifndef QS_OPTIONS_H
#define QS_OPTIONS_H

#include <stdbool.h>

struct options {
	const char *comm;
	char **program_argv; /* NULL-terminated, or NULL */
	long attach_pid; /* --attach PID, 0 if none */
	bool multi;
	bool once;
	bool debug;
	bool remote_debug;
	bool startup_with_shell;
	bool disable_randomization;
	bool no_quiet_restart;
	char **wrapper; /* --wrapper ARGS -- */
	const char *debug_file;
	int baud; /* --baud: a serial line's speed; 0: as it is */
};

enum options_result {
	OPTIONS_RUN,
	OPTIONS_SELFTEST,
	OPTIONS_EXIT_OK,
	OPTIONS_EXIT_ERROR
};

enum options_result options_parse(struct options *o, int argc, char **argv);

#endif

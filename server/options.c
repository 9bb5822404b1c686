/* options.c - parse quietstub's command line, which is gdbserver's:
     quietstub [OPTIONS] COMM PROG [ARGS...]
     quietstub [OPTIONS] --attach COMM PID   (or COMM --attach PID)
     quietstub [OPTIONS] --multi COMM  */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>
#include "options.h"
#include "serial.h"
#include "transport.h"

static void usage(FILE *f)
{
	fputs("Usage:\tquietstub [OPTIONS] COMM PROG [ARGS ...]\n"
	      "\tquietstub [OPTIONS] --attach COMM PID\n"
	      "\tquietstub [OPTIONS] --multi COMM\n"
	      "\n"
	      "COMM may either be a tty device (for serial debugging),\n"
	      "HOST:PORT to listen for a TCP connection (a bare :PORT\n"
	      "listens on loopback only), or '-' or stdio to use\n"
	      "stdin/stdout of quietstub.\n"
	      "PROG is the executable program.  ARGS are arguments passed "
	      "to inferior.\n"
	      "PID is the process ID to attach to, when --attach is "
	      "specified.\n"
	      "\n"
	      "Operating modes:\n"
	      "\n"
	      "  --attach              Attach to running process PID.\n"
	      "  --multi               Start server without a specific "
	      "program, and\n"
	      "                        only quit when explicitly commanded.\n"
	      "  --once                Exit after the first connection has "
	      "closed.\n"
	      "  --help                Print this message and then exit.\n"
	      "  --version             Display version information and "
	      "exit.\n"
	      "\n"
	      "Other options:\n"
	      "\n"
	      "  --wrapper WRAPPER --  Run WRAPPER to start new programs.\n"
	      "  --disable-randomization\n"
	      "                        Run PROG with address space "
	      "randomization disabled (default).\n"
	      "  --no-disable-randomization\n"
	      "                        Don't disable address space "
	      "randomization when\n"
	      "                        starting PROG.\n"
	      "  --startup-with-shell\n"
	      "                        Start PROG using a shell.  I.e., "
	      "execs a shell that\n"
	      "                        then execs PROG.  (default)\n"
	      "  --no-startup-with-shell\n"
	      "                        Exec PROG directly instead of using "
	      "a shell.\n"
	      "\n"
	      "  --baud RATE           Set a serial COMM to RATE bits per "
	      "second.\n"
	      "  --no-quiet-restart    Let blocking calls that an interrupt "
	      "woke return\n"
	      "                        EINTR instead of restarting them.\n"
	      "\n"
	      "Debug options:\n"
	      "\n"
	      "  --debug               Enable general debugging output.\n"
	      "  --remote-debug        Enable remote protocol debugging "
	      "output.\n"
	      "  --debug-file=FILE     Write debugging output to FILE.\n"
	      "\n"
	      "Report bugs to the quietstub project.\n",
	      f);
}

static void version(void)
{
	printf("quietstub %s\n"
	       "A gdbserver-compatible GDB remote stub for Linux.\n"
	       "This quietstub was configured as \"%s-linux\"\n",
	       PACKAGE_VERSION, QS_ARCH_NATIVE);
}

enum options_result options_parse(struct options *o, int argc, char **argv)
{
	int i = 1;
	bool attach = false;

	memset(o, 0, sizeof(*o));
	o->startup_with_shell = true;
	o->disable_randomization = true;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			return OPTIONS_EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			version();
			return OPTIONS_EXIT_OK;
		} else if (strcmp(a, "--selftest") == 0) {
			return OPTIONS_SELFTEST;
		} else if (strcmp(a, "--attach") == 0) {
			attach = true;
		} else if (strcmp(a, "--multi") == 0) {
			o->multi = true;
		} else if (strcmp(a, "--once") == 0) {
			o->once = true;
		} else if (strcmp(a, "--debug") == 0) {
			o->debug = true;
		} else if (strcmp(a, "--remote-debug") == 0) {
			o->remote_debug = true;
		} else if (strncmp(a, "--debug-file=", 13) == 0) {
			o->debug_file = a + 13;
		} else if (strncmp(a, "--debug-format=", 15) == 0 ||
			   strcmp(a, "--event-loop-debug") == 0 ||
			   strncmp(a, "--disable-packet", 16) == 0) {
			/* accepted for compatibility */
		} else if (strcmp(a, "--baud") == 0 ||
			   strncmp(a, "--baud=", 7) == 0) {
			const char *v = a[6] == '='  ? a + 7 :
					i + 1 < argc ? argv[++i] :
						       "";
			char *end;

			o->baud = (int)strtol(v, &end, 10);
			if (!*v || *end || !serial_rate_ok(o->baud)) {
				fprintf(stderr, "Bad baud rate: %s\n", v);
				return OPTIONS_EXIT_ERROR;
			}
		} else if (strcmp(a, "--no-quiet-restart") == 0) {
			o->no_quiet_restart = true;
		} else if (strcmp(a, "--quiet-restart") == 0) {
			o->no_quiet_restart = false;
		} else if (strcmp(a, "--startup-with-shell") == 0) {
			o->startup_with_shell = true;
		} else if (strcmp(a, "--no-startup-with-shell") == 0) {
			o->startup_with_shell = false;
		} else if (strcmp(a, "--disable-randomization") == 0) {
			o->disable_randomization = true;
		} else if (strcmp(a, "--no-disable-randomization") == 0) {
			o->disable_randomization = false;
		} else if (strcmp(a, "--wrapper") == 0) {
			int start = ++i;

			while (i < argc && strcmp(argv[i], "--") != 0)
				i++;
			if (i >= argc || i == start) {
				fprintf(stderr, "Missing argument to "
						"--wrapper\n");
				return OPTIONS_EXIT_ERROR;
			}
			argv[i] = NULL;
			o->wrapper = dupargv(argv + start);
			argv[i] = "--";
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "Unknown argument: %s\n", a);
			return OPTIONS_EXIT_ERROR;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "quietstub: missing COMM argument\n");
		usage(stderr);
		return OPTIONS_EXIT_ERROR;
	}
	o->comm = argv[i++];
	/* gdb's testsuite writes "COMM --attach PID".  */
	if (i < argc && strcmp(argv[i], "--attach") == 0) {
		attach = true;
		i++;
	}
	if (attach) {
		char *end;

		if (i >= argc || (o->attach_pid = strtol(argv[i], &end, 10),
				  *end || o->attach_pid <= 0)) {
			fprintf(stderr, "quietstub: bad or missing PID for "
					"--attach\n");
			return OPTIONS_EXIT_ERROR;
		}
		return OPTIONS_RUN;
	}
	if (i < argc)
		o->program_argv = dupargv(argv + i);
	else if (!o->multi) {
		fprintf(stderr, "quietstub: no program to run (use --multi "
				"to start without one)\n");
		usage(stderr);
		return OPTIONS_EXIT_ERROR;
	}
	return OPTIONS_RUN;
}

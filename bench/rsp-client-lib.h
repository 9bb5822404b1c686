/* rsp-client-lib.h - what the benchmarks in bench/ share: a raw GDB
   Remote Serial Protocol client in C (sockets to 127.0.0.1 with
   TCP_NODELAY, framing, checksums, run-length decoding, binary
   unescaping, no-ack mode, notifications), starting and stopping a stub
   ("STUB --once --multi 127.0.0.1:0" or "STUB --once 127.0.0.1:0 PROG"),
   starting the test programs that report through a status file, and
   small helpers (time, medians, /proc files, the header every benchmark
   prints).  Used by attach-bench.c and speed-bench.c.  */
#ifndef RSP_CLIENT_LIB_H
#define RSP_CLIENT_LIB_H

#include <stddef.h>
#include <sys/types.h>

#include "rsp_hex.h"

#define RSP_TMO 120000 /* ms: any single reply */

/* Set by the benchmark's -v: vlog() writes to stderr.  */
extern int bench_verbose;

/* ---------------------------------------------------------------- util */

double now_ms(void);
void msleep(int ms);
void vlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *what) __attribute__((noreturn));
/* Median of N (at most 64) values; a negative value (a failure) makes
   it -1.  */
double median(double *v, int n);
/* SIGKILL PID, one of our children, and reap it (bounded).  */
void kill_reap(pid_t pid);
/* Read a small file into BUF (NUL-terminated); its length or -1.  */
ssize_t read_file(const char *path, char *buf, size_t cap);
/* The value of " KEY=" in TEXT (on the line that starts with "PREFIX ",
   if PREFIX is given), or -1.  */
long field(const char *text, const char *prefix, const char *key);

/* ----------------------------------------------------------------- RSP */

struct rsp {
	int fd;
	int noack;
	unsigned char in[65536];
	size_t in_len, in_pos;
	char *pkt; /* last packet, decoded, NUL-terminated */
	size_t pkt_len, pkt_cap;
	int notif_seen; /* a %Stop arrived and is not drained yet */
	long packets; /* round trips */
	long packet_size; /* PacketSize from qSupported (rsp_open), or 0 */
};

enum { R_PACKET, R_NOTIF, R_TIMEOUT, R_EOF };

int rsp_connect(struct rsp *r, int port);
void rsp_close(struct rsp *r);
int rsp_write(struct rsp *r, const void *buf, size_t len);
int rsp_send(struct rsp *r, const char *payload);
/* The next packet or notification within TMO ms: R_PACKET, R_NOTIF,
   R_TIMEOUT or R_EOF.  Acks and "O" console packets are skipped.  */
int rsp_recv(struct rsp *r, int tmo);
/* The next packet (not a notification); 0 on success.  */
int rsp_reply(struct rsp *r, int tmo);
/* Send PAYLOAD and wait for its reply; 0 on success.  */
int rsp_cmd(struct rsp *r, const char *payload, int tmo);
int is_stop(const char *p);
/* Non-stop: collect stops until WANT were seen or TMO ms passed.  */
int ns_drain(struct rsp *r, int want, int tmo);
/* Open the session as GDB does: qSupported, no-ack mode, extended mode,
   QPassSignals, non-stop if asked.  0 on success.  */
int rsp_open(struct rsp *r, int nonstop);
/* qfThreadInfo/qsThreadInfo: the number of round trips, or -1; the
   number of threads listed in *IDS.  */
int thread_list(struct rsp *r, int *ids);

/* ---------------------------------------------------------------- stubs */

struct stub {
	const char *name, *path;
};

struct stub_run {
	pid_t pid; /* the stub */
	pid_t helper; /* the process that started it, if not us */
	char out[64]; /* its output file */
	int port;
	int ended;
};

/* Starts the stub's ARGV with its standard output and error on OUTFD and
   returns its pid (or -1); may set SR->helper.  */
typedef pid_t (*stub_launcher)(char **argv, int outfd, struct stub_run *sr,
			       void *arg);

/* Start "STUB --once --multi 127.0.0.1:0", or with PROG_ARGV "STUB --once
   127.0.0.1:0 PROG ARGS...", in its own session (through LAUNCH if
   given), and wait for "Listening on port N".  0 on success.  */
int stub_start(const struct stub *s, char *const *prog_argv,
	       struct stub_run *sr, stub_launcher launch, void *arg);
/* The connection is closed, so a --once stub exits: wait 3 s for it,
   then SIGKILL it.  Idempotent; leaves the helper alone.  */
void stub_end(struct stub_run *sr);
/* stub_end, then reap the helper and remove the output file.  */
void stub_stop(struct stub_run *sr);
/* NAME=STUB arguments ("gdbserver=/usr/bin/gdbserver": a column name
   and the stub to run) into STUBS, at most MAX (more are ignored): the
   count, or -1 if one has no '='.  The arguments are cut at the '='.  */
int parse_stubs(char **args, int n, struct stub *stubs, int max);
/* The first line of "STUB --version".  */
void stub_version(const struct stub *s, char *out, size_t cap);

/* ------------------------------------------------------------- programs */

struct prog {
	pid_t child; /* what we forked */
	pid_t pid; /* the process to debug (from the status file) */
	char status[64];
};

/* Fork ARGV in its own session (its own scheduler autogroup, like a
   separate job), with ARGV[STATUS_ARG] set to a fresh status file name.  */
int prog_start(struct prog *pg, char **argv, int status_arg);
/* Wait at most TMO ms until the status file says ready=1 (on the line
   that starts with "PREFIX ", if given) and take its pid=.  */
int prog_ready(struct prog *pg, int tmo, const char *prefix);
void prog_stop(struct prog *pg);

/* "NAME, DATE, Linux RELEASE MACHINE, N CPUs" and one line per stub.  */
void print_header(const char *name, const struct stub *stubs, int nstubs);

#endif

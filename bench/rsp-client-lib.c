/* rsp-client-lib.c - the raw RSP client, stub and program handling that
   attach-bench.c and speed-bench.c share (see rsp-client-lib.h).  Every
   wait is bounded; every process is killed by pid.  */
#define _GNU_SOURCE
#include "rsp-client-lib.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int bench_verbose;

/* ---------------------------------------------------------------- util */

double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

void vlog(const char *fmt, ...)
{
	va_list ap;

	if (!bench_verbose)
		return;
	va_start(ap, fmt);
	fputs("# ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void die(const char *what)
{
	perror(what);
	exit(2);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double median(double *v, int n)
{
	double tmp[64];

	if (n <= 0 || n > 64)
		return -1;
	for (int i = 0; i < n; i++) {
		if (v[i] < 0)
			return -1;
		tmp[i] = v[i];
	}
	qsort(tmp, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

void kill_reap(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	for (int i = 0; i < 500; i++) {
		if (waitpid(pid, NULL, WNOHANG) != 0)
			return;
		msleep(10);
	}
}

ssize_t read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < cap - 1 &&
	       (n = read(fd, buf + len, cap - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

long field(const char *text, const char *prefix, const char *key)
{
	char pat[128];
	const char *p = text;

	if (prefix) {
		size_t n = strlen(prefix);

		for (;;) {
			if (strncmp(p, prefix, n) == 0 && p[n] == ' ')
				break;
			p = strchr(p, '\n');
			if (!p)
				return -1;
			p++;
		}
	}
	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(prefix ? p : text, pat);
	if (!p)
		return -1;
	return strtol(p + strlen(pat), NULL, 10);
}

/* ----------------------------------------------------------------- RSP */

int rsp_connect(struct rsp *r, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int one = 1;

	memset(r, 0, sizeof(*r));
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (r->fd < 0 ||
	    connect(r->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("connect");
		if (r->fd >= 0)
			close(r->fd);
		r->fd = -1;
		return -1;
	}
	setsockopt(r->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

void rsp_close(struct rsp *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->pkt);
	r->pkt = NULL;
	r->pkt_cap = 0;
}

int rsp_write(struct rsp *r, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(r->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int rsp_send(struct rsp *r, const char *payload)
{
	size_t len = strlen(payload);
	char *frame = malloc(len + 5);
	unsigned char sum = 0;
	int ret;

	if (!frame)
		die("malloc");
	for (size_t i = 0; i < len; i++)
		sum += (unsigned char)payload[i];
	frame[0] = '$';
	memcpy(frame + 1, payload, len);
	snprintf(frame + 1 + len, 4, "#%02x", sum);
	ret = rsp_write(r, frame, len + 4);
	free(frame);
	vlog("-> %.200s", payload);
	return ret;
}

/* Read more input: 0, or -1 on timeout, -2 on EOF.  */
static int rsp_fill(struct rsp *r, double deadline)
{
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	ssize_t n;

	for (;;) {
		double left = deadline - now_ms();

		if (left < 0)
			left = 0;
		n = poll(&pfd, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		n = read(r->fd, r->in, sizeof(r->in));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -2;
		r->in_len = (size_t)n;
		r->in_pos = 0;
		return 0;
	}
}

/* Next byte, or -1 on timeout, -2 on EOF.  */
static int rsp_byte(struct rsp *r, double deadline)
{
	int f;

	if (r->in_pos == r->in_len && (f = rsp_fill(r, deadline)) < 0)
		return f;
	return r->in[r->in_pos++];
}

/* Room for EXTRA more bytes and the NUL.  */
static void pkt_reserve(struct rsp *r, size_t extra)
{
	if (r->pkt_len + extra + 1 <= r->pkt_cap)
		return;
	if (!r->pkt_cap)
		r->pkt_cap = 4096;
	while (r->pkt_len + extra + 1 > r->pkt_cap)
		r->pkt_cap *= 2;
	r->pkt = realloc(r->pkt, r->pkt_cap);
	if (!r->pkt)
		die("realloc");
}

/* The bytes rsp_payload has to look at.  */
static const unsigned char special[256] = { ['#'] = 1, ['}'] = 1, ['*'] = 1 };

#define ONES 0x0101010101010101ULL

/* Does the word W hold the byte C?  */
static int has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);

	return ((x - ONES) & ~x & (ONES << 7)) != 0;
}

static unsigned lane_sum(uint64_t lanes)
{
	return (unsigned)((lanes & 0xffff) + (lanes >> 16 & 0xffff) +
			  (lanes >> 32 & 0xffff) + (lanes >> 48));
}

/* Copy the bytes of IN[N] up to the first '#', '}' or '*' to OUT and
   add them to *SUM; returns how many.  Eight at a time while a word
   holds none of the three (the memory-read rows of speed-bench move
   64 MiB through here: a loop per byte made the client as slow as the
   stub), their sum in 16-bit lanes.  */
static size_t plain_span(const unsigned char *in, size_t n, char *out,
			 unsigned char *sum)
{
	uint64_t lanes = 0, w;
	unsigned s = *sum;
	size_t i = 0;
	int words = 0;

#if defined(__SSE2__)
	{
		/* Sixteen at a time: a compare per special byte, and psadbw
		   sums (which cannot overflow their 64-bit lanes).  */
		const __m128i hash = _mm_set1_epi8('#'),
			      brace = _mm_set1_epi8('}'),
			      star = _mm_set1_epi8('*');
		__m128i acc = _mm_setzero_si128();
		uint64_t part[2];

		for (; n - i >= 16; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(in + i));
			__m128i hit = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(x, hash),
					     _mm_cmpeq_epi8(x, brace)),
				_mm_cmpeq_epi8(x, star));

			if (_mm_movemask_epi8(hit))
				break;
			_mm_storeu_si128((__m128i *)(out + i), x);
			acc = _mm_add_epi64(
				acc, _mm_sad_epu8(x, _mm_setzero_si128()));
		}
		_mm_storeu_si128((__m128i *)part, acc);
		s += (unsigned)(part[0] + part[1]);
	}
#endif
	for (; n - i >= 8; i += 8) {
		memcpy(&w, in + i, 8);
		if (has_byte(w, '#') || has_byte(w, '}') || has_byte(w, '*'))
			break;
		memcpy(out + i, &w, 8);
		lanes += (w & 0x00ff00ff00ff00ffULL) +
			 (w >> 8 & 0x00ff00ff00ff00ffULL);
		/* A lane takes 510 a word: fold before it overflows.  */
		if (++words == 128) {
			s += lane_sum(lanes);
			lanes = 0;
			words = 0;
		}
	}
	s += lane_sum(lanes);
	for (; i < n && !special[in[i]]; i++) {
		out[i] = (char)in[i];
		s += in[i];
	}
	*sum = (unsigned char)s;
	return i;
}

/* The payload up to '#', decoded, into r->pkt; its checksum in *SUM.
   A whole input buffer is scanned in one loop: the memory-read rows of
   speed-bench move 64 MiB through here, and a call per byte would make
   the client the bottleneck.  */
static int rsp_payload(struct rsp *r, double deadline, unsigned char *sum)
{
	int prev = -1, esc = 0, rle = 0, f;

	r->pkt_len = 0;
	pkt_reserve(r, 0);
	for (;;) {
		if (r->in_pos == r->in_len && (f = rsp_fill(r, deadline)) < 0)
			return f;
		pkt_reserve(r, r->in_len - r->in_pos);
		while (r->in_pos < r->in_len) {
			int c;

			if (!rle && !esc) {
				const unsigned char *in = r->in + r->in_pos;
				size_t i = plain_span(in, r->in_len - r->in_pos,
						      r->pkt + r->pkt_len, sum);

				if (i) {
					prev = in[i - 1];
					r->pkt_len += i;
					r->in_pos += i;
				}
				if (r->in_pos == r->in_len)
					break;
			}
			c = r->in[r->in_pos++];

			if (rle) {
				/* "X*N": N - 29 more copies of X.  */
				int n = c - 29;

				*sum += (unsigned char)c;
				rle = 0;
				if (n > 0) {
					pkt_reserve(r, (size_t)n + r->in_len -
							       r->in_pos);
					memset(r->pkt + r->pkt_len, prev,
					       (size_t)n);
					r->pkt_len += (size_t)n;
				}
				prev = -1;
				continue;
			}
			if (c == '#') {
				r->pkt[r->pkt_len] = '\0';
				return 0;
			}
			*sum += (unsigned char)c;
			if (esc) {
				/* Binary data: "}X" is X ^ 0x20.  */
				esc = 0;
				c ^= 0x20;
			} else if (c == '}') {
				esc = 1;
				continue;
			} else if (c == '*' && prev >= 0) {
				rle = 1;
				continue;
			}
			r->pkt[r->pkt_len++] = (char)c;
			prev = c;
		}
	}
}

int rsp_recv(struct rsp *r, int tmo)
{
	double deadline = now_ms() + tmo;

	for (;;) {
		int c = rsp_byte(r, deadline), kind, h, l;
		unsigned char sum = 0;

		if (c < 0)
			return c == -1 ? R_TIMEOUT : R_EOF;
		if (c != '$' && c != '%')
			continue; /* acks, stray bytes */
		kind = c == '$' ? R_PACKET : R_NOTIF;
		c = rsp_payload(r, deadline, &sum);
		if (c < 0)
			return c == -1 ? R_TIMEOUT : R_EOF;
		h = rsp_byte(r, deadline);
		l = h < 0 ? h : rsp_byte(r, deadline);
		if (l < 0)
			return l == -1 ? R_TIMEOUT : R_EOF;
		if (rsp_hexval(h) < 0 || rsp_hexval(l) < 0 ||
		    (unsigned char)(rsp_hexval(h) << 4 | rsp_hexval(l)) !=
			    sum) {
			fprintf(stderr, "bad checksum\n");
			if (!r->noack)
				rsp_write(r, "-", 1);
			continue;
		}
		if (kind == R_PACKET && !r->noack)
			rsp_write(r, "+", 1);
		vlog("<- %s%.200s", kind == R_NOTIF ? "%" : "", r->pkt);
		if (kind == R_NOTIF) {
			r->notif_seen = 1;
			return R_NOTIF;
		}
		if (r->pkt[0] == 'O' && r->pkt[1] &&
		    isxdigit((unsigned char)r->pkt[1]))
			continue;
		return R_PACKET;
	}
}

int rsp_reply(struct rsp *r, int tmo)
{
	double deadline = now_ms() + tmo;

	for (;;) {
		int left = (int)(deadline - now_ms()), k;

		if (left < 0)
			return -1;
		k = rsp_recv(r, left);
		if (k == R_PACKET)
			return 0;
		if (k != R_NOTIF)
			return -1;
	}
}

int rsp_cmd(struct rsp *r, const char *payload, int tmo)
{
	if (rsp_send(r, payload) < 0)
		return -1;
	r->packets++;
	return rsp_reply(r, tmo);
}

int is_stop(const char *p)
{
	return p[0] == 'T' || p[0] == 'S';
}

/* The %Stop notification, then vStopped until OK.  */
int ns_drain(struct rsp *r, int want, int tmo)
{
	double deadline = now_ms() + tmo;
	int n = 0;

	while (n < want || r->notif_seen) {
		int left = (int)(deadline - now_ms());

		if (left <= 0)
			break;
		if (!r->notif_seen) {
			int k = rsp_recv(r, left);

			if (k == R_TIMEOUT || k == R_EOF)
				break;
			continue; /* a late reply: ignore */
		}
		if (is_stop(r->pkt))
			n++;
		r->notif_seen = 0;
		for (;;) {
			if (rsp_cmd(r, "vStopped", RSP_TMO) < 0)
				return n;
			if (!is_stop(r->pkt))
				break;
			n++;
		}
	}
	return n;
}

/* Passes the signals perturb uses (SIGALRM, SIGCHLD, SIGUSR2).  */
int rsp_open(struct rsp *r, int nonstop)
{
	char *ps;

	if (rsp_cmd(r,
		    "qSupported:multiprocess+;swbreak+;hwbreak+;"
		    "fork-events+;vfork-events+;exec-events+;"
		    "vContSupported+;QThreadEvents+;no-resumed+;"
		    "xmlRegisters=i386",
		    RSP_TMO) < 0)
		return -1;
	ps = strstr(r->pkt, "PacketSize=");
	r->packet_size = ps ? strtol(ps + 11, NULL, 16) : 0;
	if (strstr(r->pkt, "QStartNoAckMode+") &&
	    rsp_cmd(r, "QStartNoAckMode", RSP_TMO) == 0 &&
	    strcmp(r->pkt, "OK") == 0)
		r->noack = 1;
	if (rsp_cmd(r, "!", RSP_TMO) < 0 ||
	    rsp_cmd(r, "QPassSignals:e;11;13;1f", RSP_TMO) < 0)
		return -1;
	if (nonstop &&
	    (rsp_cmd(r, "QNonStop:1", RSP_TMO) < 0 || strcmp(r->pkt, "OK")))
		return -1;
	return 0;
}

int thread_list(struct rsp *r, int *ids)
{
	int packets = 0;

	*ids = 0;
	if (rsp_cmd(r, "qfThreadInfo", RSP_TMO) < 0)
		return -1;
	for (;;) {
		packets++;
		if (r->pkt[0] != 'm')
			break;
		(*ids)++;
		for (char *p = r->pkt; *p; p++)
			if (*p == ',')
				(*ids)++;
		/* More round trips than threads: the stub loops.  */
		if (packets > 65536 || rsp_cmd(r, "qsThreadInfo", RSP_TMO) < 0)
			return -1;
	}
	return packets;
}

/* ---------------------------------------------------------------- stubs */

static pid_t plain_launch(char **argv, int outfd, struct stub_run *sr,
			  void *arg)
{
	pid_t pid = fork();

	(void)sr;
	(void)arg;
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		dup2(outfd, 1);
		dup2(outfd, 2);
		setsid();
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

int stub_start(const struct stub *s, char *const *prog_argv,
	       struct stub_run *sr, stub_launcher launch, void *arg)
{
	char *argv[64] = { (char *)s->path, "--once" };
	char buf[4096], *p;
	int argc = 2, outfd;
	double deadline;

	if (!prog_argv)
		argv[argc++] = "--multi";
	argv[argc++] = "127.0.0.1:0";
	for (int i = 0; prog_argv && prog_argv[i] && argc < 63; i++)
		argv[argc++] = prog_argv[i];
	argv[argc] = NULL;
	memset(sr, 0, sizeof(*sr));
	snprintf(sr->out, sizeof(sr->out), "/tmp/bench-stub-XXXXXX");
	outfd = mkstemp(sr->out);
	if (outfd < 0)
		die("mkstemp");
	sr->pid = (launch ? launch : plain_launch)(argv, outfd, sr, arg);
	close(outfd);
	if (sr->pid <= 0) {
		sr->pid = 0;
		return -1;
	}
	deadline = now_ms() + 10000;
	while (now_ms() < deadline) {
		if (read_file(sr->out, buf, sizeof(buf)) > 0 &&
		    (p = strstr(buf, "Listening on port "))) {
			sr->port = atoi(p + 18);
			return 0;
		}
		msleep(5);
	}
	fprintf(stderr, "%s did not listen\n", s->path);
	return -1;
}

void stub_end(struct stub_run *sr)
{
	double deadline = now_ms() + 3000;

	if (sr->ended || sr->pid <= 0) {
		sr->ended = 1;
		return;
	}
	sr->ended = 1;
	if (sr->helper) {
		/* The stub is the helper's child: the helper reaps it.  */
		while (now_ms() < deadline && kill(sr->pid, 0) == 0) {
			char path[64], buf[512], *p;

			snprintf(path, sizeof(path), "/proc/%d/stat",
				 (int)sr->pid);
			if (read_file(path, buf, sizeof(buf)) > 0 &&
			    (p = strrchr(buf, ')')) && p[2] == 'Z')
				break;
			msleep(10);
		}
		kill(sr->pid, SIGKILL);
		return;
	}
	while (now_ms() < deadline) {
		pid_t w = waitpid(sr->pid, NULL, WNOHANG);

		if (w == sr->pid || w < 0)
			return; /* reaped: its pid is no longer ours */
		msleep(10);
	}
	kill_reap(sr->pid);
}

void stub_stop(struct stub_run *sr)
{
	stub_end(sr);
	kill_reap(sr->helper);
	sr->helper = 0;
	if (sr->out[0])
		unlink(sr->out);
	sr->out[0] = '\0';
}

int parse_stubs(char **args, int n, struct stub *stubs, int max)
{
	int count = 0;

	for (int i = 0; i < n && count < max; i++) {
		char *eq = strchr(args[i], '=');

		if (!eq)
			return -1;
		*eq = '\0';
		stubs[count].name = args[i];
		stubs[count++].path = eq + 1;
	}
	return count;
}

void stub_version(const struct stub *s, char *out, size_t cap)
{
	char cmd[4200];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "timeout 5 %s --version 2>&1", s->path);
	out[0] = '\0';
	p = popen(cmd, "r");
	if (!p)
		return;
	if (!fgets(out, (int)cap, p))
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	pclose(p);
}

/* ------------------------------------------------------------- programs */

int prog_start(struct prog *pg, char **argv, int status_arg)
{
	int fd;

	memset(pg, 0, sizeof(*pg));
	snprintf(pg->status, sizeof(pg->status), "/tmp/bench-st-XXXXXX");
	fd = mkstemp(pg->status);
	if (fd < 0)
		die("mkstemp");
	close(fd);
	unlink(pg->status);
	argv[status_arg] = pg->status;
	pg->child = fork();
	if (pg->child < 0)
		die("fork");
	if (pg->child == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		setsid();
		execv(argv[0], argv);
		_exit(127);
	}
	return 0;
}

void prog_stop(struct prog *pg)
{
	if (pg->pid > 0 && pg->pid != pg->child)
		kill(pg->pid, SIGKILL);
	kill_reap(pg->child);
	unlink(pg->status);
}

int prog_ready(struct prog *pg, int tmo, const char *prefix)
{
	char buf[8192];
	double deadline = now_ms() + tmo;

	while (now_ms() < deadline) {
		if (read_file(pg->status, buf, sizeof(buf)) > 0 &&
		    field(buf, prefix, "ready") == 1) {
			pg->pid = (pid_t)field(buf, prefix, "pid");
			return pg->pid > 0 ? 0 : -1;
		}
		msleep(50);
	}
	return -1;
}

void print_header(const char *name, const struct stub *stubs, int nstubs)
{
	struct utsname un;
	time_t t = time(NULL);

	uname(&un);
	printf("%s, %s, Linux %s %s, %ld CPUs\n", name, strtok(ctime(&t), "\n"),
	       un.release, un.machine, sysconf(_SC_NPROCESSORS_ONLN));
	for (int i = 0; i < nstubs; i++) {
		char v[256];

		stub_version(&stubs[i], v, sizeof(v));
		printf("  %-10s %s (%s)\n", stubs[i].name, stubs[i].path, v);
	}
}

/* rsp-client.c - a raw GDB Remote Serial Protocol client for the DejaGnu
   protocol tests.  Standalone: no project headers, so it can test any stub.

   Usage: rsp-client PORT              connect to 127.0.0.1:PORT
	  rsp-client --spawn CMD ARGS  run CMD with the RSP on its stdin/stdout

   Reads commands from stdin, one a line, and prints what it sees on stdout,
   one event a line, so that expect can drive it:
     send PAYLOAD   frame PAYLOAD ("\xNN" escapes allowed), wait for the ack
		    (resending on '-', at most 3 times) and for the reply
     post PAYLOAD   like send, but do not wait for a reply
     sendfill N PREFIX  send PREFIX padded with 'a' to N bytes
     raw HEXBYTES   write exactly these bytes, then report what arrives
		    within the settle time (acks, packets; silence is normal)
     read           wait for the next packet
     readany        wait for the next packet or notification
     noack          stop sending and expecting acks (after QStartNoAckMode)
     sleep MS | timeout SEC | settle MS | quit
   Events: "< PAYLOAD" (packet, run-length decoded, non-printables and '\'
   as \xNN), "% PAYLOAD" (notification), "ack +", "ack -", "badsum PAYLOAD",
   "junk \xNN...", "timeout", "eof".  Every command ends with a line "end".
   Every wait is bounded.  */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum ev_kind {
	EV_NONE,
	EV_ACK,
	EV_NAK,
	EV_PACKET,
	EV_NOTIF,
	EV_BADSUM,
	EV_JUNK,
	EV_TIMEOUT,
	EV_EOF
};

struct client {
	int fd;
	int noack;
	int eof;
	int timeout_ms;
	int settle_ms;
	pid_t child;
	unsigned char in[65536];
	size_t in_len, in_pos;
	char *pkt; /* last packet payload, decoded */
	size_t pkt_len, pkt_cap;
};

/* The spawned stub, for the signal handler: when expect hangs up on us,
   take the stub down with us instead of leaving it behind.  */
static volatile pid_t spawned_stub;

static void on_hangup(int sig)
{
	if (spawned_stub > 0)
		kill(spawned_stub, SIGKILL);
	_exit(128 + sig);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Next byte from the connection, or -1 on timeout, -2 on EOF.  */
static int get_byte(struct client *c, long deadline)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	ssize_t n;
	long left;

	if (c->in_pos < c->in_len)
		return c->in[c->in_pos++];
	if (c->eof)
		return -2;
	for (;;) {
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		n = poll(&pfd, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		n = read(c->fd, c->in, sizeof(c->in));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			c->eof = 1;
			return -2;
		}
		c->in_len = (size_t)n;
		c->in_pos = 1;
		return c->in[0];
	}
}

static void pkt_add(struct client *c, char ch)
{
	if (c->pkt_len + 1 >= c->pkt_cap) {
		c->pkt_cap = c->pkt_cap ? 2 * c->pkt_cap : 1024;
		c->pkt = realloc(c->pkt, c->pkt_cap);
		if (!c->pkt) {
			perror("realloc");
			exit(2);
		}
	}
	c->pkt[c->pkt_len++] = ch;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static int write_all(struct client *c, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(c->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			c->eof = 1;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read the rest of a packet after its '$' or '%'.  Run-length encoding
   ("X*N": N - 29 more copies of X) is expanded into c->pkt.  */
static enum ev_kind read_packet(struct client *c, long deadline)
{
	unsigned char sum = 0;
	int ch, hi, lo, prev = -1;

	c->pkt_len = 0;
	for (;;) {
		ch = get_byte(c, deadline);
		if (ch < 0)
			return ch == -1 ? EV_TIMEOUT : EV_EOF;
		if (ch == '#')
			break;
		sum += (unsigned char)ch;
		if (ch == '*' && prev >= 0) {
			int n = get_byte(c, deadline);

			if (n < 0)
				return n == -1 ? EV_TIMEOUT : EV_EOF;
			sum += (unsigned char)n;
			for (n -= 29; n > 0; n--)
				pkt_add(c, (char)prev);
			prev = -1;
			continue;
		}
		pkt_add(c, (char)ch);
		prev = ch;
	}
	hi = get_byte(c, deadline);
	lo = hi < 0 ? hi : get_byte(c, deadline);
	if (lo < 0)
		return lo == -1 ? EV_TIMEOUT : EV_EOF;
	if (hexval(hi) < 0 || hexval(lo) < 0 ||
	    (hexval(hi) << 4 | hexval(lo)) != sum)
		return EV_BADSUM;
	return EV_PACKET;
}

/* Wait for the next event until DEADLINE.  Junk bytes are collected into
   c->pkt as one event.  */
static enum ev_kind next_event(struct client *c, long deadline)
{
	enum ev_kind k;
	int ch;

	c->pkt_len = 0;
	for (;;) {
		ch = get_byte(c, c->pkt_len ? now_ms() + 50 : deadline);
		if (ch < 0 && c->pkt_len)
			return EV_JUNK;
		if (ch < 0)
			return ch == -1 ? EV_TIMEOUT : EV_EOF;
		if (c->pkt_len &&
		    (ch == '$' || ch == '%' || ch == '+' || ch == '-')) {
			c->in_pos--;
			return EV_JUNK;
		}
		switch (ch) {
		case '+':
			return EV_ACK;
		case '-':
			return EV_NAK;
		case '$':
		case '%':
			k = read_packet(c, deadline);
			if (k == EV_PACKET && ch == '%')
				k = EV_NOTIF;
			if (k == EV_BADSUM && !c->noack)
				write_all(c, "-", 1);
			else if (k == EV_PACKET && !c->noack)
				write_all(c, "+", 1);
			return k;
		default:
			pkt_add(c, (char)ch);
		}
	}
}

static void print_escaped(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (isprint(ch) && ch != '\\')
			putchar(ch);
		else
			printf("\\x%02x", ch);
	}
	putchar('\n');
}

/* Print an event; returns it for the caller's loop.  */
static enum ev_kind report(struct client *c, enum ev_kind k)
{
	switch (k) {
	case EV_ACK:
		puts("ack +");
		break;
	case EV_NAK:
		puts("ack -");
		break;
	case EV_PACKET:
	case EV_NOTIF:
	case EV_BADSUM:
	case EV_JUNK:
		fputs(k == EV_PACKET ? "< " :
		      k == EV_NOTIF  ? "% " :
		      k == EV_BADSUM ? "badsum " :
				       "junk ",
		      stdout);
		print_escaped(c->pkt, c->pkt_len);
		break;
	case EV_TIMEOUT:
		puts("timeout");
		break;
	case EV_EOF:
		puts("eof");
		break;
	case EV_NONE:
		break;
	}
	return k;
}

/* Wait for the next packet, printing everything on the way.  */
static void wait_packet(struct client *c)
{
	long deadline = now_ms() + c->timeout_ms;
	enum ev_kind k;

	do
		k = report(c, next_event(c, deadline));
	while (k != EV_PACKET && k != EV_TIMEOUT && k != EV_EOF);
}

/* Wait for the next packet or notification (a "%Stop" that arrives
   while no request is outstanding).  */
static void wait_any(struct client *c)
{
	long deadline = now_ms() + c->timeout_ms;
	enum ev_kind k;

	do
		k = report(c, next_event(c, deadline));
	while (k != EV_PACKET && k != EV_NOTIF && k != EV_TIMEOUT &&
	       k != EV_EOF);
}

/* Decode "\xNN" escapes of a command argument in place.  */
static size_t unescape(char *s)
{
	char *out = s;
	const char *p = s;

	while (*p) {
		if (p[0] == '\\' && p[1] == 'x' && hexval(p[2]) >= 0 &&
		    hexval(p[3]) >= 0) {
			*out++ = (char)(hexval(p[2]) << 4 | hexval(p[3]));
			p += 4;
		} else {
			*out++ = *p++;
		}
	}
	return (size_t)(out - s);
}

/* Frame and send PAYLOAD; in ack mode wait for '+', resending on '-'.
   Returns 0 once acknowledged (or sent, in no-ack mode).  */
static int send_packet(struct client *c, const char *payload, size_t len)
{
	char *frame = malloc(len + 5);
	unsigned char sum = 0;
	enum ev_kind k;
	int tries, ret = -1;
	size_t i;

	if (!frame)
		return -1;
	frame[0] = '$';
	for (i = 0; i < len; i++)
		sum += (unsigned char)payload[i];
	memcpy(frame + 1, payload, len);
	snprintf(frame + 1 + len, 4, "#%02x", sum);
	for (tries = 0; tries < 3; tries++) {
		long deadline = now_ms() + c->timeout_ms;

		if (write_all(c, frame, len + 4) < 0) {
			puts("eof");
			goto out;
		}
		if (c->noack) {
			ret = 0;
			goto out;
		}
		for (;;) {
			k = next_event(c, deadline);
			if (k == EV_ACK || k == EV_NAK || k == EV_TIMEOUT ||
			    k == EV_EOF)
				break;
			report(c, k); /* e.g. a stop reply racing the ack */
		}
		if (k == EV_ACK) {
			ret = 0;
			goto out;
		}
		report(c, k);
		if (k != EV_NAK)
			goto out;
	}
out:
	free(frame);
	return ret;
}

static void cmd_raw(struct client *c, const char *hex)
{
	unsigned char buf[8192];
	size_t n = 0;
	long deadline;
	enum ev_kind k;

	while (hex[0] && hex[1] && n < sizeof(buf)) {
		if (isspace((unsigned char)hex[0])) {
			hex++;
			continue;
		}
		if (hexval(hex[0]) < 0 || hexval(hex[1]) < 0) {
			puts("error bad hex");
			return;
		}
		buf[n++] =
			(unsigned char)(hexval(hex[0]) << 4 | hexval(hex[1]));
		hex += 2;
	}
	if (write_all(c, buf, n) < 0) {
		puts("eof");
		return;
	}
	/* Report what arrives until the line has been quiet long enough.  */
	deadline = now_ms() + c->settle_ms;
	for (;;) {
		k = next_event(c, deadline);
		if (k == EV_TIMEOUT)
			break;
		report(c, k);
		if (k == EV_EOF)
			break;
	}
}

/* "sendfill N PREFIX": send PREFIX padded with 'a' to N bytes (oversized
   packets without oversized command lines).  */
static void cmd_sendfill(struct client *c, char *arg)
{
	char *prefix = strchr(arg, ' ');
	size_t n = strtoul(arg, NULL, 0), len;
	char *buf;

	prefix = prefix ? prefix + 1 : arg + strlen(arg);
	len = unescape(prefix);
	if (n < len)
		n = len;
	buf = malloc(n + 1);
	if (!buf) {
		puts("error out of memory");
		return;
	}
	memcpy(buf, prefix, len);
	memset(buf + len, 'a', n - len);
	if (send_packet(c, buf, n) == 0)
		wait_packet(c);
	free(buf);
}

static int connect_port(const char *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd;

	sa.sin_port = htons((unsigned short)atoi(port));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;

	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("connect");
		exit(2);
	}
	/* An ack and the next packet go out at once, not 40 ms apart.  */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static int spawn_stub(char **argv, pid_t *child)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		perror("socketpair");
		exit(2);
	}
	*child = fork();
	if (*child < 0) {
		perror("fork");
		exit(2);
	}
	if (*child == 0) {
		/* A session of its own: a stub that hands the terminal to
		   its inferior (gdbserver does) must not take ours away.  */
		setsid();
		signal(SIGPIPE, SIG_DFL);
		dup2(sv[1], 0);
		dup2(sv[1], 1);
		close(sv[0]);
		close(sv[1]);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	close(sv[1]);
	printf("spawned %d\n", (int)*child);
	return sv[0];
}

/* Reap a spawned stub, waiting at most 2 s, then kill it.  */
static void reap_child(pid_t child)
{
	long deadline = now_ms() + 2000;

	while (waitpid(child, NULL, WNOHANG) == 0) {
		if (now_ms() > deadline) {
			kill(child, SIGKILL);
			waitpid(child, NULL, 0);
			return;
		}
		usleep(20000);
	}
}

static int run_command(struct client *c, char *line)
{
	char *arg = strchr(line, ' ');
	size_t len;

	if (arg)
		*arg++ = '\0';
	else
		arg = line + strlen(line);
	if (!strcmp(line, "send") || !strcmp(line, "post")) {
		len = unescape(arg);
		if (send_packet(c, arg, len) == 0 && line[0] == 's')
			wait_packet(c);
	} else if (!strcmp(line, "sendfill")) {
		cmd_sendfill(c, arg);
	} else if (!strcmp(line, "raw")) {
		cmd_raw(c, arg);
	} else if (!strcmp(line, "read")) {
		wait_packet(c);
	} else if (!strcmp(line, "readany")) {
		wait_any(c);
	} else if (!strcmp(line, "noack")) {
		c->noack = 1;
	} else if (!strcmp(line, "sleep")) {
		usleep((useconds_t)atoi(arg) * 1000);
	} else if (!strcmp(line, "timeout")) {
		c->timeout_ms = atoi(arg) * 1000;
	} else if (!strcmp(line, "settle")) {
		c->settle_ms = atoi(arg);
	} else if (!strcmp(line, "quit")) {
		return 1;
	} else if (line[0]) {
		printf("error unknown command %s\n", line);
	}
	puts("end");
	return 0;
}

int main(int argc, char **argv)
{
	static struct client c = { .timeout_ms = 5000, .settle_ms = 300 };
	struct termios tio;
	char line[65536];

	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, on_hangup);
	signal(SIGTERM, on_hangup);
	signal(SIGINT, on_hangup);
	if (argc == 2 && strcmp(argv[1], "--spawn")) {
		c.fd = connect_port(argv[1]);
	} else if (argc >= 3 && !strcmp(argv[1], "--spawn")) {
		c.fd = spawn_stub(argv + 2, &c.child);
	} else {
		fprintf(stderr, "usage: %s PORT | --spawn STUB ARGS...\n",
			argv[0]);
		return 2;
	}
	spawned_stub = c.child;
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* expect talks to us through a pty: do not echo its commands, and
	   lift the canonical mode's 4 KiB line limit.  */
	if (isatty(0) && tcgetattr(0, &tio) == 0) {
		tio.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
		tio.c_cc[VMIN] = 1;
		tio.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &tio);
	}
	puts("ready");
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (run_command(&c, line))
			break;
	}
	close(c.fd);
	if (c.child > 0)
		reap_child(c.child);
	puts("bye");
	return 0;
}

/* perturb.c - the non-perturbation test program: one thread per blocking
   call, each counting every return that is not the expected one, a
   spinning thread, and a parent that counts the stop and continue
   reports it gets from waitpid.

   Usage: perturb STATUSFILE [-w WAKE_MS] [-t LIFETIME_S] [-a ALARM_MS]

   Processes:
     launcher  (the process you start; its own process group) forks the
	       program, prints "perturb: pid = N" on stdout, watches it with
	       waitpid(WUNTRACED|WCONTINUED), and every 100 ms rewrites
	       STATUSFILE (write + rename) with all counters, which live on a
	       shared page.  It kills the program after LIFETIME_S (default
	       300) and exits when the program is gone.
     program   (the process to attach to) leads its own process group, as a
	       shell job does, so a stub's kill(-pid, SIGINT) reaches the
	       whole group.  Its threads:
		 one per blocking call (see calls[] below), each in a loop;
		 a waker that, every WAKE_MS (default 20), wakes each
		 untimed call the expected way (eventfd, pipe byte, condvar
		 signal, sem_post, connect, send, SIGSTOP/SIGCONT of the
		 sleeper, SIGUSR1 for sigtimedwait, semop +1, SIGUSR2 for
		 pause);
		 the main thread spins, counting its progress;
		 with -a, an epoll_wait thread with a SIGALRM handler and a
		 periodic ITIMER_REAL of ALARM_MS: its EINTRs are expected.
     sleeper   a child of the program that only sleeps, with default
	       signal dispositions (a SIGINT to the group kills it); the
	       waitpid thread waits for it.
     witness   a child of the program, in its process group, whose
	       handlers count the job-control and interrupt signals sent to
	       the group.

   STATUSFILE lines are "KEY FIELD=VALUE ...":
     process pid= sleeper= sleeper_alive= witness= ready= wake_ms=
     parent stops= continues= exited= status=
     signals program_int= program_usr2= program_alrm= program_other=
	     group_int= group_quit= group_tstp= group_other=
     spin progress=
     call.NAME progress= unexpected= eintr= early= spurious= error=
	       expected_eintr= tid=
   "unexpected" is eintr + early + spurious + error: EINTR with no signal
   handler run, a timed wait that returned before its time, a return
   without the wake-up (or a timeout) where POSIX allows none, any other
   failure.  ready=1 once every call has returned as expected at least
   once.  */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum call {
	C_EPOLL_WAIT,
	C_EPOLL_WAIT_LONG,
	C_EPOLL_WAIT_TIMED,
	C_EPOLL_PWAIT,
	C_POLL,
	C_PPOLL,
	C_SELECT,
	C_READ,
	C_NANOSLEEP,
	C_CLOCK_NANOSLEEP,
	C_COND_WAIT,
	C_SEM_WAIT,
	C_ACCEPT,
	C_RECV,
	C_WAITPID,
	C_SIGTIMEDWAIT,
	C_SEMOP,
	C_PAUSE,
	C_ALARM_EPOLL,
	NCALLS
};

static const char *const call_names[NCALLS] = {
	[C_EPOLL_WAIT] = "epoll_wait",
	[C_EPOLL_WAIT_LONG] = "epoll_wait_long",
	[C_EPOLL_WAIT_TIMED] = "epoll_wait_timed",
	[C_EPOLL_PWAIT] = "epoll_pwait",
	[C_POLL] = "poll",
	[C_PPOLL] = "ppoll",
	[C_SELECT] = "select",
	[C_READ] = "read",
	[C_NANOSLEEP] = "nanosleep",
	[C_CLOCK_NANOSLEEP] = "clock_nanosleep",
	[C_COND_WAIT] = "pthread_cond_wait",
	[C_SEM_WAIT] = "sem_wait",
	[C_ACCEPT] = "accept",
	[C_RECV] = "recv",
	[C_WAITPID] = "waitpid",
	[C_SIGTIMEDWAIT] = "sigtimedwait",
	[C_SEMOP] = "semop",
	[C_PAUSE] = "pause",
	[C_ALARM_EPOLL] = "alarm_epoll_wait",
};

struct call_stat {
	unsigned long progress, eintr, early, spurious, error, expected_eintr;
	pid_t tid;
	int started;
};

/* The page shared by the launcher and the program (and its children). */
struct shared {
	pid_t prog, sleeper, witness;
	int sleeper_dead;
	unsigned long parent_stops, parent_conts;
	int exited, status;
	unsigned long prog_sig[65];
	unsigned long group_sig[65];
	unsigned long spin;
	struct call_stat calls[NCALLS];
};

static struct shared *sh;
static int wake_ms = 20;
static int alarm_ms;

/* The program's wake-up channels.  */
static int efd[NCALLS]; /* eventfds, for the epoll calls */
static int epfd[NCALLS]; /* their epoll instances */
static int pipes[NCALLS][2];
static pthread_mutex_t cond_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static unsigned long cond_seq;
static sem_t sem;
static int listen_fd;
static struct sockaddr_in listen_addr;
static int sockpair[2];
static int semid = -1;
static volatile sig_atomic_t usr2_seen, alrm_seen;

#define ADD(field) __atomic_add_fetch(&(field), 1, __ATOMIC_RELAXED)
#define GET(field) __atomic_load_n(&(field), __ATOMIC_RELAXED)

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* Count a failed call: EINTR apart, since it is what a stop leaks.  */
static void count_error(struct call_stat *c, int err)
{
	if (err == EINTR)
		ADD(c->eintr);
	else
		ADD(c->error);
}

static void drain(int fd)
{
	char buf[256];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/* ---- the program's signal handlers ---- */

static void on_prog_signal(int sig)
{
	if (sig > 0 && sig < 65)
		ADD(sh->prog_sig[sig]);
	if (sig == SIGUSR2)
		usr2_seen++;
	if (sig == SIGALRM)
		alrm_seen++;
}

static void on_group_signal(int sig)
{
	if (sig > 0 && sig < 65)
		ADD(sh->group_sig[sig]);
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigfillset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) < 0)
		die("sigaction");
}

static void block_only(const int *sigs, int n)
{
	sigset_t set;

	sigemptyset(&set);
	for (int i = 0; i < n; i++)
		sigaddset(&set, sigs[i]);
	pthread_sigmask(SIG_SETMASK, &set, NULL);
}

/* Signals every thread blocks (each call thread unblocks its own).  */
static const int blocked_sigs[] = { SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM };

static void unblock(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* ---- one thread per blocking call ---- */

static void epoll_loop(struct call_stat *c, enum call k, int timeout)
{
	struct epoll_event ev;
	sigset_t mask;
	int n;

	pthread_sigmask(SIG_SETMASK, NULL, &mask);
	for (;;) {
		double t0 = now_mono();

		if (k == C_EPOLL_PWAIT)
			n = epoll_pwait(epfd[k], &ev, 1, timeout, &mask);
		else
			n = epoll_wait(epfd[k], &ev, 1, timeout);
		if (n < 0) {
			count_error(c, errno);
		} else if (k == C_EPOLL_WAIT_TIMED) {
			/* Nobody writes this one: only a full timeout is
			   right.  */
			if (n > 0)
				ADD(c->spurious);
			else if (now_mono() - t0 < timeout / 1000.0)
				ADD(c->early);
			else
				ADD(c->progress);
		} else if (n == 0) {
			/* -1 never times out; the long timeout cannot
			   expire while the waker runs.  */
			ADD(c->spurious);
		} else {
			drain(efd[k]);
			ADD(c->progress);
		}
	}
}

static void poll_loop(struct call_stat *c, enum call k)
{
	struct pollfd pfd = { .fd = pipes[k][0], .events = POLLIN };
	fd_set rd;
	int n;

	for (;;) {
		if (k == C_POLL) {
			n = poll(&pfd, 1, -1);
		} else if (k == C_PPOLL) {
			n = ppoll(&pfd, 1, NULL, NULL);
		} else {
			FD_ZERO(&rd);
			FD_SET(pipes[k][0], &rd);
			n = select(pipes[k][0] + 1, &rd, NULL, NULL, NULL);
		}
		if (n < 0) {
			count_error(c, errno);
		} else if (n == 0) {
			ADD(c->spurious); /* no timeout was given */
		} else {
			drain(pipes[k][0]);
			ADD(c->progress);
		}
	}
}

static void read_loop(struct call_stat *c)
{
	char buf[256];
	ssize_t n;

	for (;;) {
		n = read(pipes[C_READ][0], buf, sizeof(buf));
		if (n < 0)
			count_error(c, errno);
		else if (n == 0)
			ADD(c->error);
		else
			ADD(c->progress);
	}
}

static void nanosleep_loop(struct call_stat *c)
{
	struct timespec req = { 0, wake_ms * 1000000L };

	for (;;) {
		double t0 = now_mono();

		if (nanosleep(&req, NULL) < 0)
			count_error(c, errno);
		else if (now_mono() - t0 < wake_ms / 1000.0)
			ADD(c->early);
		else
			ADD(c->progress);
	}
}

static void clock_nanosleep_loop(struct call_stat *c)
{
	struct timespec t;
	int r;

	for (;;) {
		double target;

		clock_gettime(CLOCK_MONOTONIC, &t);
		t.tv_nsec += wake_ms * 1000000L;
		t.tv_sec += t.tv_nsec / 1000000000L;
		t.tv_nsec %= 1000000000L;
		target = t.tv_sec + t.tv_nsec / 1e9;
		r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
		if (r)
			count_error(c, r);
		else if (now_mono() < target)
			ADD(c->early);
		else
			ADD(c->progress);
	}
}

static void cond_loop(struct call_stat *c)
{
	pthread_mutex_lock(&cond_mutex);
	for (;;) {
		unsigned long seen = cond_seq;

		while (cond_seq == seen) {
			int r = pthread_cond_wait(&cond, &cond_mutex);

			if (r)
				count_error(c, r);
			else if (cond_seq == seen)
				ADD(c->spurious);
		}
		ADD(c->progress);
	}
}

static void sem_loop(struct call_stat *c)
{
	for (;;) {
		if (sem_wait(&sem) < 0)
			count_error(c, errno);
		else
			ADD(c->progress);
	}
}

static void accept_loop(struct call_stat *c)
{
	struct linger lg = { 1, 0 };
	int fd;

	for (;;) {
		fd = accept(listen_fd, NULL, NULL);
		if (fd < 0) {
			count_error(c, errno);
			continue;
		}
		/* Reset, so no TIME_WAIT piles up.  */
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(fd);
		ADD(c->progress);
	}
}

static void recv_loop(struct call_stat *c)
{
	struct timeval tv = { 60, 0 };
	char buf[256];
	ssize_t n;

	if (setsockopt(sockpair[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) <
	    0)
		die("SO_RCVTIMEO");
	for (;;) {
		n = recv(sockpair[0], buf, sizeof(buf), 0);
		if (n < 0)
			count_error(c, errno); /* EAGAIN: the waker stalled */
		else if (n == 0)
			ADD(c->error);
		else
			ADD(c->progress);
	}
}

static void waitpid_loop(struct call_stat *c)
{
	int st;
	pid_t r;

	for (;;) {
		r = waitpid(sh->sleeper, &st, WUNTRACED | WCONTINUED);
		if (r < 0) {
			count_error(c, errno);
			if (errno == ECHILD)
				break;
		} else if (WIFSTOPPED(st) || WIFCONTINUED(st)) {
			ADD(c->progress);
		} else {
			/* The sleeper died: killed by a signal meant for
			   someone else.  */
			ADD(c->error);
			__atomic_store_n(&sh->sleeper_dead, 1,
					 __ATOMIC_RELAXED);
			break;
		}
	}
	for (;;)
		pause();
}

static void sigtimedwait_loop(struct call_stat *c)
{
	struct timespec tmo = { 60, 0 };
	sigset_t set;
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	for (;;) {
		r = sigtimedwait(&set, NULL, &tmo);
		if (r < 0)
			count_error(c, errno); /* EAGAIN: the waker stalled */
		else if (r == SIGUSR1)
			ADD(c->progress);
		else
			ADD(c->error);
	}
}

static void semop_loop(struct call_stat *c)
{
	struct sembuf op = { 0, -1, 0 };

	for (;;) {
		if (semop(semid, &op, 1) < 0)
			count_error(c, errno);
		else
			ADD(c->progress);
	}
}

static void pause_loop(struct call_stat *c)
{
	sig_atomic_t seen = usr2_seen;

	unblock(SIGUSR2);
	for (;;) {
		pause();
		/* pause only returns when a handler ran: ours is expected,
		   any other is a signal someone sent the program.  */
		if (usr2_seen != seen)
			ADD(c->progress);
		else
			ADD(c->eintr);
		seen = usr2_seen;
	}
}

/* Interrupted by a real SIGALRM while attached: EINTR is right there. */
static void alarm_epoll_loop(struct call_stat *c)
{
	struct epoll_event ev;
	sig_atomic_t seen = alrm_seen;
	int n;

	unblock(SIGALRM);
	for (;;) {
		n = epoll_wait(epfd[C_ALARM_EPOLL], &ev, 1, -1);
		if (n < 0 && errno == EINTR && alrm_seen != seen) {
			ADD(c->expected_eintr);
			ADD(c->progress);
		} else if (n < 0) {
			count_error(c, errno);
		} else {
			ADD(c->spurious);
		}
		seen = alrm_seen;
	}
}

static void *call_thread(void *arg)
{
	enum call k = (enum call)(long)arg;
	struct call_stat *c = &sh->calls[k];
	char name[16];

	snprintf(name, sizeof(name), "%.15s", call_names[k]);
	pthread_setname_np(pthread_self(), name);
	c->tid = (pid_t)syscall(SYS_gettid);
	__atomic_store_n(&c->started, 1, __ATOMIC_RELEASE);
	switch (k) {
	case C_EPOLL_WAIT:
	case C_EPOLL_PWAIT:
		epoll_loop(c, k, -1);
		break;
	case C_EPOLL_WAIT_LONG:
		epoll_loop(c, k, 600000);
		break;
	case C_EPOLL_WAIT_TIMED:
		epoll_loop(c, k, 2 * wake_ms);
		break;
	case C_POLL:
	case C_PPOLL:
	case C_SELECT:
		poll_loop(c, k);
		break;
	case C_READ:
		read_loop(c);
		break;
	case C_NANOSLEEP:
		nanosleep_loop(c);
		break;
	case C_CLOCK_NANOSLEEP:
		clock_nanosleep_loop(c);
		break;
	case C_COND_WAIT:
		cond_loop(c);
		break;
	case C_SEM_WAIT:
		sem_loop(c);
		break;
	case C_ACCEPT:
		accept_loop(c);
		break;
	case C_RECV:
		recv_loop(c);
		break;
	case C_WAITPID:
		waitpid_loop(c);
		break;
	case C_SIGTIMEDWAIT:
		sigtimedwait_loop(c);
		break;
	case C_SEMOP:
		semop_loop(c);
		break;
	case C_PAUSE:
		pause_loop(c);
		break;
	case C_ALARM_EPOLL:
		alarm_epoll_loop(c);
		break;
	case NCALLS:
		break;
	}
	return NULL;
}

/* ---- the waker ---- */

static void ignore(ssize_t r)
{
	(void)r;
}

static void *waker(void *arg)
{
	struct sembuf op = { 0, 1, 0 };
	uint64_t one = 1;
	struct timespec t;
	int client = -1;
	unsigned long tick = 0;

	(void)arg;
	pthread_setname_np(pthread_self(), "waker");
	clock_gettime(CLOCK_MONOTONIC, &t);
	for (;;) {
		t.tv_nsec += wake_ms * 1000000L;
		t.tv_sec += t.tv_nsec / 1000000000L;
		t.tv_nsec %= 1000000000L;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t,
				       NULL))
			;
		tick++;
		/* A full pipe (the reader is stopped) is fine.  */
		ignore(write(efd[C_EPOLL_WAIT], &one, 8));
		ignore(write(efd[C_EPOLL_WAIT_LONG], &one, 8));
		ignore(write(efd[C_EPOLL_PWAIT], &one, 8));
		for (int k = C_POLL; k <= C_READ; k++)
			ignore(write(pipes[k][1], "x", 1));
		ignore(send(sockpair[1], "x", 1, MSG_DONTWAIT));
		pthread_mutex_lock(&cond_mutex);
		cond_seq++;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&cond_mutex);
		sem_post(&sem);
		if (client >= 0)
			close(client);
		client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (client >= 0 &&
		    connect(client, (struct sockaddr *)&listen_addr,
			    sizeof(listen_addr)) < 0) {
			close(client);
			client = -1;
		}
		if (!GET(sh->sleeper_dead))
			kill(sh->sleeper, tick & 1 ? SIGSTOP : SIGCONT);
		if (sh->calls[C_SIGTIMEDWAIT].tid)
			syscall(SYS_tgkill, sh->prog,
				sh->calls[C_SIGTIMEDWAIT].tid, SIGUSR1);
		semop(semid, &op, 1);
		if (sh->calls[C_PAUSE].tid)
			syscall(SYS_tgkill, sh->prog, sh->calls[C_PAUSE].tid,
				SIGUSR2);
	}
	return NULL;
}

/* ---- the program ---- */

static pid_t fork_child(void (*body)(void))
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != sh->prog)
			_exit(0);
		body();
		_exit(0);
	}
	return pid;
}

static void sleeper_body(void)
{
	sigset_t none;

	prctl(PR_SET_NAME, "perturb-sleeper");
	/* Default dispositions, even if whoever started us ignored some
	   (a shell's background job ignores SIGINT).  */
	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (;;)
		pause();
}

static void witness_body(void)
{
	static const int sigs[] = { SIGINT,  SIGQUIT, SIGTSTP, SIGTTIN,
				    SIGTTOU, SIGHUP,  SIGUSR1, SIGUSR2 };
	sigset_t none;

	prctl(PR_SET_NAME, "perturb-witness");
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		handle(sigs[i], on_group_signal, SA_RESTART);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (;;)
		pause();
}

static void setup_channels(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	socklen_t len = sizeof(listen_addr);

	for (int k = C_EPOLL_WAIT; k <= C_EPOLL_PWAIT; k++) {
		efd[k] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		epfd[k] = epoll_create1(EPOLL_CLOEXEC);
		if (efd[k] < 0 || epfd[k] < 0 ||
		    epoll_ctl(epfd[k], EPOLL_CTL_ADD, efd[k], &ev) < 0)
			die("epoll");
	}
	efd[C_ALARM_EPOLL] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	epfd[C_ALARM_EPOLL] = epoll_create1(EPOLL_CLOEXEC);
	if (efd[C_ALARM_EPOLL] < 0 || epfd[C_ALARM_EPOLL] < 0 ||
	    epoll_ctl(epfd[C_ALARM_EPOLL], EPOLL_CTL_ADD, efd[C_ALARM_EPOLL],
		      &ev) < 0)
		die("epoll");
	for (int k = C_POLL; k <= C_READ; k++) {
		/* Non-blocking, so a full pipe never blocks the waker and
		   drain() stops when it is empty; read_loop's end stays
		   blocking.  */
		if (pipe2(pipes[k], O_CLOEXEC) < 0)
			die("pipe");
		fcntl(pipes[k][1], F_SETFL, O_NONBLOCK);
		if (k != C_READ)
			fcntl(pipes[k][0], F_SETFL, O_NONBLOCK);
	}
	if (sem_init(&sem, 0, 0) < 0)
		die("sem_init");
	listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	listen_addr.sin_family = AF_INET;
	listen_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (listen_fd < 0 ||
	    bind(listen_fd, (struct sockaddr *)&listen_addr,
		 sizeof(listen_addr)) < 0 ||
	    listen(listen_fd, 64) < 0 ||
	    getsockname(listen_fd, (struct sockaddr *)&listen_addr, &len) < 0)
		die("listen");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockpair) < 0)
		die("socketpair");
}

static void program(void)
{
	pthread_attr_t attr;
	pthread_t th;
	unsigned long local = 0;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	sh->prog = getpid();
	/* Children first, from the main thread (their PDEATHSIG follows
	   it), before any signal is blocked.  */
	sh->sleeper = fork_child(sleeper_body);
	sh->witness = fork_child(witness_body);
	handle(SIGINT, on_prog_signal, SA_RESTART);
	handle(SIGQUIT, on_prog_signal, SA_RESTART);
	handle(SIGUSR2, on_prog_signal, 0);
	handle(SIGALRM, on_prog_signal, 0);
	block_only(blocked_sigs, sizeof(blocked_sigs) / sizeof(int));
	setup_channels();
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	for (long k = 0; k < NCALLS; k++) {
		if (k == C_ALARM_EPOLL && !alarm_ms)
			continue;
		if (pthread_create(&th, &attr, call_thread, (void *)k))
			die("pthread_create");
	}
	for (int k = 0; k < NCALLS; k++)
		while ((k != C_ALARM_EPOLL || alarm_ms) &&
		       !__atomic_load_n(&sh->calls[k].started,
					__ATOMIC_ACQUIRE))
			usleep(1000);
	if (pthread_create(&th, &attr, waker, NULL))
		die("pthread_create");
	if (alarm_ms) {
		struct itimerval it = {
			.it_interval = { alarm_ms / 1000,
					 alarm_ms % 1000 * 1000 },
			.it_value = { alarm_ms / 1000, alarm_ms % 1000 * 1000 },
		};

		setitimer(ITIMER_REAL, &it, NULL);
	}
	/* The main thread spins.  */
	for (;;) {
		if ((++local & 0xffff) == 0)
			__atomic_store_n(&sh->spin, local >> 16,
					 __ATOMIC_RELAXED);
	}
}

/* ---- the launcher ---- */

static int proc_alive(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

static int all_ready(void)
{
	for (int k = 0; k < NCALLS; k++)
		if ((k != C_ALARM_EPOLL || alarm_ms) &&
		    GET(sh->calls[k].progress) == 0)
			return 0;
	return GET(sh->spin) > 0;
}

static void write_status(const char *path)
{
	char tmp[4096];
	FILE *f;
	unsigned long other = 0, gother = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	for (int s = 1; s < 65; s++) {
		if (s != SIGINT && s != SIGUSR2 && s != SIGALRM)
			other += GET(sh->prog_sig[s]);
		if (s != SIGINT && s != SIGQUIT && s != SIGTSTP)
			gother += GET(sh->group_sig[s]);
	}
	fprintf(f,
		"process pid=%d sleeper=%d sleeper_alive=%d witness=%d "
		"ready=%d wake_ms=%d\n",
		(int)sh->prog, (int)sh->sleeper,
		sh->sleeper && !GET(sh->sleeper_dead) &&
			proc_alive(sh->sleeper),
		(int)sh->witness, all_ready(), wake_ms);
	fprintf(f, "parent stops=%lu continues=%lu exited=%d status=%d\n",
		GET(sh->parent_stops), GET(sh->parent_conts), GET(sh->exited),
		GET(sh->status));
	fprintf(f,
		"signals program_int=%lu program_usr2=%lu program_alrm=%lu "
		"program_other=%lu group_int=%lu group_quit=%lu "
		"group_tstp=%lu group_other=%lu\n",
		GET(sh->prog_sig[SIGINT]), GET(sh->prog_sig[SIGUSR2]),
		GET(sh->prog_sig[SIGALRM]), other, GET(sh->group_sig[SIGINT]),
		GET(sh->group_sig[SIGQUIT]), GET(sh->group_sig[SIGTSTP]),
		gother);
	fprintf(f, "spin progress=%lu\n", GET(sh->spin));
	for (int k = 0; k < NCALLS; k++) {
		struct call_stat *c = &sh->calls[k];
		unsigned long eintr = GET(c->eintr), early = GET(c->early),
			      spur = GET(c->spurious), err = GET(c->error);

		if (k == C_ALARM_EPOLL && !alarm_ms)
			continue;
		fprintf(f,
			"call.%s progress=%lu unexpected=%lu eintr=%lu "
			"early=%lu spurious=%lu error=%lu expected_eintr=%lu "
			"tid=%d\n",
			call_names[k], GET(c->progress),
			eintr + early + spur + err, eintr, early, spur, err,
			GET(c->expected_eintr), (int)c->tid);
	}
	if (fclose(f) == 0)
		rename(tmp, path);
}

struct writer_arg {
	const char *path;
	pid_t prog;
	int lifetime;
};

static void *writer(void *argp)
{
	struct writer_arg *a = argp;
	double end = now_mono() + a->lifetime;

	for (;;) {
		write_status(a->path);
		if (now_mono() > end)
			kill(a->prog, SIGKILL);
		usleep(100000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct writer_arg wa = { .lifetime = 300 };
	pthread_t th;
	pid_t pid;
	int opt, st;

	while ((opt = getopt(argc, argv, "w:t:a:")) != -1) {
		switch (opt) {
		case 'w':
			wake_ms = atoi(optarg);
			break;
		case 't':
			wa.lifetime = atoi(optarg);
			break;
		case 'a':
			alarm_ms = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || wake_ms < 1)
		goto usage;
	wa.path = argv[optind];
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		die("mmap");
	semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (semid < 0)
		die("semget");
	setvbuf(stdout, NULL, _IOLBF, 0);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (null >= 0) {
			dup2(null, 0);
			close(null);
		}
		program();
		_exit(0);
	}
	setpgid(pid, pid);
	wa.prog = pid;
	sh->prog = pid;
	printf("perturb: pid = %d\n", (int)pid);
	if (pthread_create(&th, NULL, writer, &wa))
		die("pthread_create");
	for (;;) {
		pid_t r = waitpid(pid, &st, WUNTRACED | WCONTINUED);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFSTOPPED(st)) {
			ADD(sh->parent_stops);
		} else if (WIFCONTINUED(st)) {
			ADD(sh->parent_conts);
		} else {
			__atomic_store_n(&sh->status, st, __ATOMIC_RELAXED);
			__atomic_store_n(&sh->exited, 1, __ATOMIC_RELAXED);
			break;
		}
	}
	write_status(wa.path);
	semctl(semid, 0, IPC_RMID);
	printf("perturb: exited, status %d\n", st);
	return 0;
usage:
	fprintf(stderr,
		"usage: %s STATUSFILE [-w WAKE_MS] [-t LIFETIME_S] "
		"[-a ALARM_MS]\n",
		argv[0]);
	return 2;
}

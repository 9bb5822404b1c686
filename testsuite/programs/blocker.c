/* blocker.c - the cross tests' program to attach to: a thread blocked
   in read() on a pipe nobody writes, a thread sleeping in nanosleep()
   in a loop, a thread in epoll_wait() without a timeout (a call the
   kernel does not restart after a stop: it returns EINTR unless the
   stub restarts it), and the main thread counting.  A call that returns early
   or with EINTR is counted; SIGUSR1 makes it print "blocker: loops=N
   early=N eintr=N" and exit, so a test can see that the program ran on
   unperturbed after a debugger left.  */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t done;
static volatile unsigned long loops, early, eintr;
static int pipefd[2];

static void on_usr1(int sig)
{
	(void)sig;
	done = 1;
}

static void *reader(void *arg)
{
	char c;

	(void)arg;
	for (;;) {
		ssize_t r = read(pipefd[0], &c, 1);

		if (r < 0 && errno == EINTR)
			eintr++;
		else
			early++;
	}
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;) {
		struct timespec ts = { 3600, 0 };

		if (nanosleep(&ts, NULL) < 0 && errno == EINTR)
			eintr++;
		else
			early++;
	}
	return NULL;
}

static void *poller(void *arg)
{
	struct epoll_event ev;
	int ep = epoll_create1(0);

	(void)arg;
	for (;;) {
		if (epoll_wait(ep, &ev, 1, -1) < 0 && errno == EINTR)
			eintr++;
		else
			early++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long seconds = argc > 1 ? atol(argv[1]) : 0;
	struct sigaction sa;
	sigset_t set;
	pthread_t t1, t2, t3;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	/* Started in the background by a script, SIGINT is ignored: take
	   it back, as a program started from a terminal has it, so that a
	   stub that interrupts with SIGINT (gdbserver) can.  */
	signal(SIGINT, SIG_DFL);
	if (pipe(pipefd) < 0)
		return 1;
	/* SIGUSR1 is the main thread's alone.  */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_create(&t1, NULL, reader, NULL);
	pthread_create(&t2, NULL, sleeper, NULL);
	pthread_create(&t3, NULL, poller, NULL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	printf("blocker: pid %d\n", (int)getpid());
	fflush(stdout);
	while (!done && (!seconds || (long)loops < seconds * 100)) {
		struct timespec ts = { 0, 10000000 };

		loops++;
		nanosleep(&ts, NULL);
	}
	printf("blocker: pid %d loops=%lu early=%lu eintr=%lu\n", (int)getpid(),
	       loops, early, eintr);
	return 0;
}

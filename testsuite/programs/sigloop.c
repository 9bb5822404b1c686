/* sigloop.c - a SIGALRM always on its way: the handler raises the next
   one, which waits (blocked) until the handler returns, so the thread
   is at every moment either handling the signal or about to take it.
   The chain never returns to the first raise(): if one SIGALRM is lost,
   the program aborts.

   Usage: sigloop [thread]
   Prints "sigloop: pid=P" as the chain starts (with "thread", in a
   second thread while the main thread waits in pthread_join).  */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile unsigned long handled;

static void on_alarm(int sig)
{
	(void)sig;
	handled++;
	raise(SIGALRM);
}

static void *chain(void *arg)
{
	struct sigaction sa;

	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	printf("sigloop: pid=%d\n", (int)getpid());
	fflush(stdout);
	raise(SIGALRM);
	abort(); /* a SIGALRM was lost */
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th;

	if (argc > 1 && strcmp(argv[1], "thread") == 0) {
		if (pthread_create(&th, NULL, chain, NULL) != 0)
			return 1;
		pthread_join(th, NULL);
		return 0;
	}
	chain(NULL);
	return 0;
}

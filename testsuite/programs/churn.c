/* churn.c - thread churn: CREATORS threads (default 2) create and join
   short-lived threads as fast as they can; each new thread calls
   churn_marker(seq) once, seq being its creation number, and exits.
   A debugger puts a breakpoint in churn_marker: the hit must be reported
   in a thread born after the attach, and the program must never die of
   the SIGTRAP.  Runs for LIFETIME_S (default 300), then exits 0.

   Usage: churn [CREATORS [LIFETIME_S]]  */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

volatile unsigned long created; /* threads created so far */
volatile unsigned long marker_calls; /* churn_marker calls so far */

void __attribute__((noinline)) churn_marker(unsigned long seq)
{
	__atomic_add_fetch(&marker_calls, 1, __ATOMIC_RELAXED);
	__asm__ volatile("" : : "r"(seq) : "memory");
}

static void *short_lived(void *arg)
{
	churn_marker((unsigned long)arg); /* LINE: marker-call */
	return NULL;
}

static void *creator(void *arg)
{
	pthread_attr_t attr;
	pthread_t th;

	(void)arg;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (;;) {
		unsigned long seq =
			__atomic_add_fetch(&created, 1, __ATOMIC_RELAXED);

		if (pthread_create(&th, &attr, short_lived, (void *)seq) == 0)
			pthread_join(th, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int creators = argc > 1 ? atoi(argv[1]) : 2;
	int lifetime = argc > 2 ? atoi(argv[2]) : 300;
	pthread_t th;

	for (int i = 0; i < creators; i++)
		if (pthread_create(&th, NULL, creator, NULL) != 0) {
			perror("pthread_create");
			return 2;
		}
	printf("churn: pid = %d\n", (int)getpid());
	fflush(stdout);
	sleep((unsigned)lifetime);
	return 0;
}

/* watch.c - writes and reads of globals for the hardware breakpoint and
   watchpoint tests: counter is written by the main thread and by a
   thread created after a watchpoint is set, wide takes every x86 debug
   register (21 bytes: 8 + 8 + 4 + 1), flag is written then read, and
   the main thread waits in pthread_join (running, in non-stop) while
   the worker sleeps.  */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

volatile long counter;
struct __attribute__((packed)) wide {
	long a, b;
	char c[5];
} wide __attribute__((aligned(8)));
volatile int flag;

static void touch(void)
{
	counter += 100; /* LINE: touch-body */
}

static void *worker(void *arg)
{
	(void)arg;
	usleep(200000); /* LINE: worker-sleep */
	counter++; /* LINE: worker-write */
	return NULL;
}

int main(void)
{
	pthread_t th;

	touch();
	counter = 5; /* LINE: main-write */
	if (pthread_create(&th, NULL, worker, NULL) != 0)
		return 2;
	pthread_join(th, NULL);
	wide.b = 7; /* LINE: wide-b */
	wide.c[4] = 1; /* LINE: wide-c */
	flag = (int)counter; /* LINE: flag-write */
	printf("%ld %d\n", counter, flag); /* LINE: flag-read */
	return 0;
}

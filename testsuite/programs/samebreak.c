/* samebreak.c - the main thread and one worker spin through the same
   loop, each on its own counter, so that a breakpoint on the loop's body
   is hit by one thread while GDB steps the other over it.  Each stops
   after LIMIT rounds (long enough for any test).  */
#include <pthread.h>

#define LIMIT 2000000000u

static volatile unsigned counters[2];

static void *spin(void *arg)
{
	volatile unsigned *c = arg;

	while (*c < LIMIT)
		(*c)++; /* LINE: spin-body */
	return NULL;
}

int main(void)
{
	pthread_t worker;

	if (pthread_create(&worker, NULL, spin, (void *)&counters[1]) != 0)
		return 2;
	spin((void *)&counters[0]);
	pthread_join(worker, NULL);
	return 0;
}

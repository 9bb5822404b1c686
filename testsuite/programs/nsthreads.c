/* nsthreads.c - the non-stop tests' program: NTHREADS named workers
   ("nsw-0" .. "nsw-3") each count in counters[id] and in the shared
   counter, about 1000 times a second.  Workers 0 and 1 meet at a
   barrier and call pair_marker(id) at the same moment once a debugger
   sets pair_request (the breakpoint hit in two threads at once).
   Every worker calls step_here(id) each round (a line to step over);
   the worker whose id a debugger puts in step_pause_id sleeps 50 ms
   on the step2 line, so the others run while GDB steps over it.
   Everything stops after 120 s, so the program cannot be left behind.
   With an argument "exit-thread", worker 3 exits after exit_after
   rounds (a thread that exits while the debugger interrupts it).  */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 4

volatile unsigned long counters[NTHREADS];
volatile unsigned long counter;
volatile int pair_request;
volatile int pair_calls;
volatile int stop_all;
volatile int exit_thread;
volatile int step_pause_id = -1;
static pthread_barrier_t started, pair;
static time_t deadline;

void pair_marker(int id)
{
	__atomic_fetch_add(&pair_calls, 1, __ATOMIC_SEQ_CST); /* LINE: pair */
	(void)id;
}

int step_pause(int id)
{
	if (id == step_pause_id)
		usleep(50000);
	return 0;
}

int step_here(int id)
{
	int x = id; /* LINE: step1 */
	x = x * 2 + step_pause(id); /* LINE: step2 */
	x = x + 1; /* LINE: step3 */
	return x;
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	int paired = 0;
	unsigned long rounds = 0;
	char name[16];

	snprintf(name, sizeof(name), "nsw-%d", id);
	pthread_setname_np(pthread_self(), name);
	pthread_barrier_wait(&started);
	while (!stop_all && time(NULL) < deadline) {
		counters[id]++;
		__atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
		step_here(id);
		if (id < 2 && pair_request && !paired) {
			pthread_barrier_wait(&pair);
			pair_marker(id);
			paired = 1;
		}
		if (id == 3 && exit_thread && ++rounds >= 50)
			break;
		usleep(1000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[NTHREADS];
	long i;

	deadline = time(NULL) + 120;
	exit_thread = argc > 1 && !strcmp(argv[1], "exit-thread");
	pthread_barrier_init(&started, NULL, NTHREADS + 1);
	pthread_barrier_init(&pair, NULL, 2);
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&started);
	printf("nsthreads: started pid=%d\n", (int)getpid());
	fflush(stdout); /* LINE: started */
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	printf("nsthreads: done pair_calls=%d\n", pair_calls);
	return 0;
}

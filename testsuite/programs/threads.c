/* threads.c - 8 named threads meet main at a barrier, main calls
   all_named() while they wait at a second one, then each worker calls
   thread_marker(id).  A third barrier keeps all of them alive until
   every worker has been there.  */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 8

static pthread_barrier_t named, go, done;
volatile int marker_calls;

void all_named(void)
{
}

void thread_marker(int id)
{
	__atomic_fetch_add(&marker_calls, 1, __ATOMIC_SEQ_CST);
	(void)id;
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	char name[16];

	snprintf(name, sizeof(name), "worker-%d", id);
	pthread_setname_np(pthread_self(), name);
	pthread_barrier_wait(&named);
	pthread_barrier_wait(&go);
	thread_marker(id);
	pthread_barrier_wait(&done);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	long i;

	pthread_barrier_init(&named, NULL, NTHREADS + 1);
	pthread_barrier_init(&go, NULL, NTHREADS + 1);
	pthread_barrier_init(&done, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&named);
	all_named();
	pthread_barrier_wait(&go);
	pthread_barrier_wait(&done);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	return marker_calls == NTHREADS ? 0 : 1;
}

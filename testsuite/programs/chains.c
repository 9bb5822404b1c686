/* chains.c - thread chains: CHAINS threads (default 40) each create
   their successor and exit, forever, so that some thread is always
   inside clone.  A thread created by an untraced parent is untraced
   too: a thread that escapes an attach starts a chain that runs on
   untraced, and dies of the SIGTRAP of the next breakpoint in
   chain_marker, which every thread calls once its successor exists.
   Joinable successors join their parent first (half the chains), the
   others are detached.  Runs for LIFETIME_S (default 300), then exits 0.

   Usage: chains [CHAINS [LIFETIME_S]]  */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

volatile unsigned long marker_calls; /* chain_marker calls so far */

static pthread_attr_t joinable_attr, detached_attr;

void __attribute__((noinline)) chain_marker(void)
{
	__atomic_add_fetch(&marker_calls, 1, __ATOMIC_RELAXED);
	__asm__ volatile("" : : : "memory");
}

static void create(pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	pthread_t th;

	while (pthread_create(&th, attr, fn, arg) != 0)
		usleep(1000);
}

/* ARG: the parent to join, NULL for the first of a chain.  */
static void *joinable(void *arg)
{
	pthread_t *parent = arg;

	if (parent) {
		pthread_join(*parent, NULL);
		free(parent);
	}
	parent = malloc(sizeof(*parent));
	*parent = pthread_self();
	create(&joinable_attr, joinable, parent);
	chain_marker();
	return NULL;
}

static void *detached(void *arg)
{
	(void)arg;
	create(&detached_attr, detached, NULL);
	chain_marker();
	return NULL;
}

int main(int argc, char **argv)
{
	int chains = argc > 1 ? atoi(argv[1]) : 40;
	int lifetime = argc > 2 ? atoi(argv[2]) : 300;

	pthread_attr_init(&joinable_attr);
	pthread_attr_setstacksize(&joinable_attr, 64 * 1024);
	pthread_attr_init(&detached_attr);
	pthread_attr_setstacksize(&detached_attr, 64 * 1024);
	pthread_attr_setdetachstate(&detached_attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < chains; i++)
		create(i % 2 ? &detached_attr : &joinable_attr,
		       i % 2 ? detached : joinable, NULL);
	printf("chains: pid = %d\n", (int)getpid());
	fflush(stdout);
	sleep((unsigned)lifetime);
	return 0;
}

/* tls.c - thread-local variables with a different value in each
   thread, for the qGetTLSAddr tests: the main thread sets tls_int to 5,
   the worker to 42 and tls_array[2] to 7, each then calls marker.  */
#include <pthread.h>

__thread int tls_int = 1;
__thread long tls_array[4];

void marker(void)
{
}

static void *worker(void *arg)
{
	(void)arg;
	tls_int = 42;
	tls_array[2] = 7;
	marker();
	return NULL;
}

int main(void)
{
	pthread_t th;

	tls_int = 5;
	if (pthread_create(&th, NULL, worker, NULL) != 0)
		return 2;
	pthread_join(th, NULL);
	marker();
	return 0;
}

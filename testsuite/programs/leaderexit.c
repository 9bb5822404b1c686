/* leaderexit.c - the main thread leaves with pthread_exit while a
   second thread runs on; that thread calls marker() and the program
   exits 0 when it returns.  */
#include <pthread.h>
#include <unistd.h>

void marker(void)
{
}

static void *worker(void *arg)
{
	(void)arg;
	usleep(300 * 1000); /* the main thread is gone by then */
	marker();
	return NULL;
}

int main(void)
{
	pthread_t th;

	pthread_create(&th, NULL, worker, NULL);
	pthread_exit(NULL); /* LINE: leave */
}

/* spinhits.c - three threads call hit() as fast as they can, for 60
   seconds: a breakpoint there whose condition is false keeps the
   debugger busy stepping over it.  */
#include <pthread.h>
#include <unistd.h>

volatile unsigned long hits;

void hit(void)
{
	hits++; /* LINE: hit */
}

static void *spin(void *arg)
{
	(void)arg;
	for (;;)
		hit();
	return NULL;
}

int main(void)
{
	pthread_t th[2];

	alarm(60);
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, spin, NULL);
	spin(NULL);
	return 0;
}

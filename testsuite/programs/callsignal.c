/* callsignal.c - a function for GDB to call (wait_for_signal) that
   signals another thread and waits for its handler: the signal stops
   the program in the middle of the call, while the calling thread
   runs.  main calls ready (a breakpoint's place) and returns.  */
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static pthread_t waiter;
static volatile sig_atomic_t got_signal;

static void on_usr1(int sig)
{
	(void)sig;
	got_signal = 1;
}

void wait_for_signal(void)
{
	const struct timespec ts = { 0, 10000000 };

	got_signal = 0;
	pthread_kill(waiter, SIGUSR1);
	while (!got_signal)
		nanosleep(&ts, NULL);
}

static void *wait_forever(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

void ready(void)
{
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	if (pthread_create(&waiter, NULL, wait_forever, NULL) != 0)
		return 2;
	ready();
	return 0;
}

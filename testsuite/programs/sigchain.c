/* sigchain.c - the main thread and one worker each keep a chain of
   SIGUSR1 going: the handler sends the next one to its own thread
   (blocked while the handler runs, delivered as it returns) until
   ROUNDS have run, all before the first tgkill returns.  A signal lost
   on the way ends a chain early: the program then exits 1.  */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROUNDS 100

static __thread int rounds;

static void send_self(void)
{
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
}

static void on_usr1(int sig)
{
	(void)sig;
	if (++rounds < ROUNDS)
		send_self();
}

static void *chain(void *arg)
{
	(void)arg;
	send_self();
	return (void *)(long)(rounds == ROUNDS);
}

int main(void)
{
	pthread_t worker;
	void *worker_ok;
	long main_ok;

	signal(SIGUSR1, on_usr1);
	if (pthread_create(&worker, NULL, chain, NULL) != 0)
		return 2;
	main_ok = (long)chain(NULL);
	pthread_join(worker, &worker_ok);
	return main_ok && worker_ok ? 0 : 1;
}

/* forkloop.c - threads that fork (or vfork) over and over while the main
   thread loops, for the tests of forks that race with other events.
   argv[1]: "fork" or "vfork"; argv[2] (optional): a file the first
   child creates before it exits (it shows that a detached child ran).
   Four threads fork, wait for the child (which _exits 11) and sleep
   40 ms; the main thread calls tick() every 50 ms, for 60 seconds.  */
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define FORKERS 4

static int use_vfork;
static const char *touch_file;
static volatile int forks_done;
volatile int ticks;

static void *forker(void *arg)
{
	(void)arg;
	for (;;) {
		pid_t pid = use_vfork ? vfork() : fork();
		int status;

		if (pid == 0) {
			if (touch_file)
				close(open(touch_file, O_CREAT | O_WRONLY,
					   0644));
			_exit(11);
		}
		assert(pid > 0);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		assert(WIFEXITED(status) && WEXITSTATUS(status) == 11);
		__atomic_add_fetch(&forks_done, 1, __ATOMIC_RELAXED);
		usleep(40 * 1000);
	}
	return NULL;
}

void tick(void)
{
	ticks++; /* LINE: tick */
}

int main(int argc, char **argv)
{
	pthread_t th[FORKERS];

	use_vfork = argc > 1 && strcmp(argv[1], "vfork") == 0;
	touch_file = argc > 2 ? argv[2] : NULL;
	alarm(60);
	for (int i = 0; i < FORKERS; i++)
		pthread_create(&th[i], NULL, forker, NULL);
	for (;;) {
		usleep(50 * 1000); /* LINE: loop */
		tick(); /* LINE: call */
	}
	return 0;
}

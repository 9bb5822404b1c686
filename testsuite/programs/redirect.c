/* redirect.c - a thread blocked in a system call whose registers the
   client writes while it runs.  Prints "redirect: pid=P tid=T
   leave=ADDR".  A client that moves the thread's pc to leave() makes
   the program exit with status 7; if the thread ever resumes with the
   return value register the client writes (REDIRECT_MAGIC) and its pc
   not yet moved, the call returns that value and the program exits
   with status 3.  */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define REDIRECT_MAGIC 0x5157

static volatile pid_t worker_tid;

/* Entered by a pc write, on whatever stack the thread had.  */
__attribute__((force_align_arg_pointer, noreturn)) void leave(void)
{
	_exit(7);
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = gettid();
	for (;;) {
		if (syscall(SYS_pause) == REDIRECT_MAGIC)
			_exit(3);
	}
	return NULL;
}

int main(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, worker, NULL) != 0)
		return 2;
	while (!worker_tid)
		usleep(1000);
	printf("redirect: pid=%d tid=%d leave=%p\n", (int)getpid(),
	       (int)worker_tid, (void *)leave);
	fflush(stdout);
	pthread_join(th, NULL);
	return 0;
}

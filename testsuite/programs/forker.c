/* forker.c - the fork, vfork and exec tests' program.  argv[1] picks:
     fork         fork; the child calls child_marker() and common(1)
		  and exits 7; the parent calls parent_marker() and
		  common(0), waits for the child and reports its status
     vfork        vfork; the child calls vchild_marker(), then execs
		  this program as "execd" (exit 9); the parent calls
		  parent_marker() once the child has exec'd
     vfork-exit   the same, but the child _exits 8 instead of exec
     thread-exec  a second thread execs this program as "execd" while
		  the main thread waits in pthread_join
     execd        (after an exec) print the pid and tid, call
		  execd_marker() and common(2), exit 9
   The parent prints "forker: child PID exited N" or "forker: child PID
   killed by signal N" (a detached child that still had a breakpoint
   would die of SIGTRAP, signal 5).  */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

volatile int common_calls;
static char *self;

void common(int who)
{
	common_calls += who + 1; /* LINE: common */
}

void child_marker(void)
{
}

void vchild_marker(void)
{
}

void parent_marker(void)
{
}

void execd_marker(void)
{
}

static void report(pid_t pid)
{
	int st = 0;

	if (waitpid(pid, &st, 0) != pid)
		printf("forker: waitpid failed\n");
	else if (WIFEXITED(st))
		printf("forker: child %d exited %d\n", (int)pid,
		       WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("forker: child %d killed by signal %d\n", (int)pid,
		       WTERMSIG(st));
	fflush(stdout);
}

static void *exec_thread(void *arg)
{
	(void)arg;
	printf("forker: exec from thread %ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	execl(self, self, "execd", (char *)NULL);
	perror("execl");
	_exit(126);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fork";
	pid_t pid;

	self = argv[0];
	printf("forker: %s pid=%d\n", mode, (int)getpid());
	fflush(stdout);
	if (!strcmp(mode, "fork")) {
		pid = fork();
		if (pid == 0) {
			child_marker();
			common(1);
			_exit(7);
		}
		parent_marker();
		common(0);
		report(pid);
	} else if (!strcmp(mode, "vfork") || !strcmp(mode, "vfork-exit")) {
		pid = vfork();
		if (pid == 0) {
			vchild_marker();
			if (!strcmp(mode, "vfork"))
				execl(self, self, "execd", (char *)NULL);
			_exit(8);
		}
		parent_marker();
		common(0);
		report(pid);
	} else if (!strcmp(mode, "thread-exec")) {
		pthread_t t;

		pthread_create(&t, NULL, exec_thread, NULL);
		pthread_join(t, NULL);
		return 1; /* not reached: the exec replaces the process */
	} else if (!strcmp(mode, "execd")) {
		printf("forker: execd pid=%d tid=%ld\n", (int)getpid(),
		       (long)syscall(SYS_gettid));
		fflush(stdout);
		execd_marker();
		common(2);
		return 9;
	}
	return 0;
}

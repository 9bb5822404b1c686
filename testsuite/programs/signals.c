/* signals.c - raises SIGUSR1 with a handler installed; exits 0 only if
   the handler ran exactly once (so a swallowed signal makes it exit 3).
   The handler keeps the si_errno it was given (a debugger may have
   rewritten the siginfo).  */
#include <signal.h>
#include <string.h>

volatile sig_atomic_t handled;
volatile int seen_errno = -1;

static void on_usr1(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)ctx;
	seen_errno = info->si_errno;
	handled++;
}

void after_signal(void)
{
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1); /* LINE: raise */
	after_signal();
	return handled == 1 ? 0 : 3;
}

/* signals.c - raises SIGUSR1 with a handler installed; exits 0 only if
   the handler ran exactly once (so a swallowed signal makes it exit 3).  */
#include <signal.h>

volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

void after_signal(void)
{
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1); /* LINE: raise */
	after_signal();
	return handled == 1 ? 0 : 3;
}

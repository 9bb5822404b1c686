/* envshow.c - prints what it was started with, one "envshow: " line
   each: its arguments in <>, the variables QS_WRAPPED, QS_VAR and
   QS_UNSET_ME ("(unset)" when absent), its working directory and the
   address of a stack variable (the randomization tests), then calls
   marker() and exits with code 3.  */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const names[] = { "QS_WRAPPED", "QS_VAR", "QS_UNSET_ME" };

void marker(void)
{
}

int main(int argc, char **argv)
{
	char here = 0;
	char cwd[4096];
	unsigned i;

	printf("envshow: argc=%d\n", argc);
	for (i = 1; i < (unsigned)argc; i++)
		printf("envshow: argv[%u]=<%s>\n", i, argv[i]);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = getenv(names[i]);

		printf("envshow: %s=%s%s%s\n", names[i], v ? "<" : "",
		       v ? v : "(unset)", v ? ">" : "");
	}
	printf("envshow: cwd=<%s>\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	printf("envshow: stack=%p\n", (void *)&here);
	printf("envshow: end\n");
	fflush(stdout);
	marker();
	return 3;
}

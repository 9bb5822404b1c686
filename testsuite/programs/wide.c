/* wide.c - the 32-bit x86 tests' program, built with -m32 (wide-32)
   and natively (wide).  combine() takes its two int arguments on the
   stack and returns a 64-bit value (edx:eax on i386); counter is
   written after it returns, for a watchpoint.  "wide exec PROG ARGS"
   execs PROG ARGS first, so that the program changes kind under the
   stub.  */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile int counter;

long long __attribute__((noinline)) combine(int hi, int lo)
{
	counter += 1; /* LINE: combine */
	return (long long)hi << 32 | (unsigned int)lo;
}

int main(int argc, char **argv)
{
	long long v;

	if (argc > 2 && strcmp(argv[1], "exec") == 0) {
		execv(argv[2], argv + 2);
		perror("execv");
		return 127;
	}
	v = combine(0x11223344, 0x55667788);
	counter = 7; /* LINE: counter */
	printf("wide: %d-bit, %llx\n", (int)sizeof(void *) * 8, v);
	return 0; /* LINE: end */
}

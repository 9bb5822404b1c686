/* spinline.c - a busy loop on one source line, for 60 seconds at most:
   "next" over it never leaves the line's range.  */
#include <unistd.h>

volatile int done;

int main(void)
{
	alarm(60);
	while (!done) /* LINE: spin */
		;
	return 0;
}

/* exitcode.c - exits with a known status for the exit-code tests.  */
#include <stdlib.h>

int main(void)
{
	exit(7);
}

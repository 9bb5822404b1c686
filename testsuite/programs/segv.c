/* segv.c - dies of SIGSEGV at a known line.  */
volatile int *bad_pointer;

int main(void)
{
	*bad_pointer = 1; /* LINE: fault */
	return 0;
}

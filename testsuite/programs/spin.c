/* spin.c - runs until a debugger sets stop_spinning (the interrupt
   tests), but never longer than 60 s, so it cannot be left behind.  */
#include <unistd.h>

volatile int stop_spinning;

int main(void)
{
	int i;

	for (i = 0; i < 6000 && !stop_spinning; i++)
		usleep(10000);
	return stop_spinning ? 0 : 1;
}

/* basic.c - functions, globals and locals with known values for the
   break/step/next/finish/until/bt/print tests.  The LINE: tags are looked
   up by the tests (qs_line), so lines can move freely.  */
#include <stdio.h>

int global_counter = 42;
long global_array[4] = { 10, 20, 30, 40 };
const char *global_name = "quietstub";
unsigned long global_magic = 0x1122334455667788UL;

int add(int a, int b)
{
	int sum = a + b; /* LINE: add-body */
	return sum;
}

int square(int x)
{
	return x * x; /* LINE: square-body */
}

int compute(int n)
{
	int total = 0;
	int i;

	for (i = 0; i < 3; i++) /* LINE: loop-head */
		total += add(i, n); /* LINE: loop-body */
	total += square(n); /* LINE: after-loop */
	return total; /* LINE: compute-return */
}

void marker(void)
{
}

int main(void)
{
	int local_x = 5; /* LINE: main-first */
	int local_y = 7;
	int result;

	result = compute(local_x); /* LINE: call-compute */
	global_counter += result; /* LINE: after-compute */
	marker();
	printf("result=%d counter=%d y=%d\n", result, global_counter, local_y);
	return 0;
}

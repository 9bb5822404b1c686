/* solib-lib.c - the shared library that solib.c dlopen()s.  */
int solib_value = 1234;

int solib_twice(int x)
{
	return 2 * x;
}

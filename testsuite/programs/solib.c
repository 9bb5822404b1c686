/* solib.c - dlopen()s the library named by argv[1], calls into it, then
   stops in after_dlopen() where the test lists the shared libraries.  */
#include <dlfcn.h>
#include <stdio.h>

int twice_result;

void after_dlopen(void)
{
}

int main(int argc, char **argv)
{
	void *h;
	int (*twice)(int);

	if (argc < 2)
		return 2;
	h = dlopen(argv[1], RTLD_NOW);
	if (!h) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return 1;
	}
	twice = (int (*)(int))dlsym(h, "solib_twice");
	twice_result = twice ? twice(21) : -1;
	after_dlopen();
	dlclose(h);
	return twice_result == 42 ? 0 : 1;
}

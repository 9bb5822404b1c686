/* native.c - which backend debugs programs of the host quietstub was
   built for.  */
#include <stddef.h>

#include "arch.h"

const struct arch_ops *arch_native(void)
{
#if defined(__x86_64__)
	return &arch_x86_64_ops;
#else
	return NULL;
#endif
}

/* unit.h - minimal harness for the C unit tests.  Each check prints
   "PASS: name" or "FAIL: name (file:line)"; testsuite/quietstub.unit
   turns those lines into DejaGnu results.  */
#ifndef QS_UNIT_H
#define QS_UNIT_H

#include <stdio.h>

static int unit_failures;
static int unit_checks;

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		unit_checks++;                                             \
		if (cond) {                                                \
			printf("PASS: ");                                  \
			printf(__VA_ARGS__);                               \
			printf("\n");                                      \
		} else {                                                   \
			unit_failures++;                                   \
			printf("FAIL: ");                                  \
			printf(__VA_ARGS__);                               \
			printf(" (%s:%d: %s)\n", __FILE__, __LINE__, #cond); \
		}                                                          \
	} while (0)

/* Return from main with this.  */
#define UNIT_DONE() (printf("checks: %d, failures: %d\n", unit_checks, \
			    unit_failures),                                \
		     unit_failures ? 1 : 0)

#endif

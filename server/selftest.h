/* selftest.h - "quietstub --selftest".  */
#ifndef QS_SELFTEST_H
#define QS_SELFTEST_H

/* Run the built-in checks, print "Ran N unit tests, M failed";
   returns the exit status.  */
int selftest_run(void);

#endif

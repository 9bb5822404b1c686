/* serial.h - opening a serial line for the protocol.  */
#ifndef QS_SERIAL_H
#define QS_SERIAL_H

#include <stdbool.h>

/* Is RATE (bits per second) a speed serial_open can set?  */
bool serial_rate_ok(int rate);
/* Open the device PATH in raw mode, at RATE bits per second (0: keep
   the line's speed).  Returns a non-blocking fd, or -errno.  */
int serial_open(const char *path, int rate);

#endif

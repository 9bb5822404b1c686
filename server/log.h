/* log.h - debug and protocol logging to stderr (--debug,
   --remote-debug, "monitor set debug").  The switches live in main.c. */
#ifndef QS_LOG_H
#define QS_LOG_H

#include <stdbool.h>
#include <stddef.h>

extern bool qs_debug; /* engine and ptrace events */
extern bool qs_remote_debug; /* every packet in and out */

void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_packet(const char *dir, const char *data, size_t len);
/* User-visible messages gdbserver prints (to stderr).  */
void log_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/* log.c - debug and protocol logging to stderr.  */
#include "config.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include "log.h"

void log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!qs_debug)
		return;
	va_start(ap, fmt);
	fputs("[quietstub] ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void log_packet(const char *dir, const char *data, size_t len)
{
	if (!qs_remote_debug)
		return;
	fprintf(stderr, "[remote] %s ", dir);
	for (size_t i = 0; i < len && i < 4096; i++) {
		unsigned char c = data[i];

		if (isprint(c))
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	if (len > 4096)
		fprintf(stderr, "...[%zu bytes]", len);
	fputc('\n', stderr);
}

void log_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
	va_end(ap);
}

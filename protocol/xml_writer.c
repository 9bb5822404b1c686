/* xml_writer.c - the small XML writer used for qXfer documents (thread
   lists, library lists, osdata): escaped character data and attributes
   appended to an rsp_buf.  Bytes other than the five XML specials are
   copied unchanged (as gdbserver does).  */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "xml_writer.h"

void xml_text(struct rsp_buf *b, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *ent;

		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&apos;";
			break;
		default:
			continue;
		}
		rsp_buf_put(b, run, (size_t)(s - run));
		rsp_buf_puts(b, ent);
		run = s + 1;
	}
	rsp_buf_put(b, run, (size_t)(s - run));
}

void xml_attr(struct rsp_buf *b, const char *name, const char *value)
{
	rsp_buf_putc(b, ' ');
	rsp_buf_puts(b, name);
	rsp_buf_puts(b, "=\"");
	xml_text(b, value);
	rsp_buf_putc(b, '"');
}

void xml_attr_fmt(struct rsp_buf *b, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *value;

	va_start(ap, fmt);
	value = xvasprintf(fmt, ap);
	va_end(ap);
	xml_attr(b, name, value);
	free(value);
}

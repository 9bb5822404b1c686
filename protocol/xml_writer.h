/* xml_writer.h - small escaped XML writer on top of rsp_buf.  */
#ifndef QS_XML_WRITER_H
#define QS_XML_WRITER_H

#include "rsp_buf.h"

/* Character data with &, <, >, ", ' escaped.  */
void xml_text(struct rsp_buf *b, const char *s);
/* ' NAME="VALUE"' with VALUE escaped.  */
void xml_attr(struct rsp_buf *b, const char *name, const char *value);
void xml_attr_fmt(struct rsp_buf *b, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

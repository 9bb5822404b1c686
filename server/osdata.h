/* osdata.h - the tables of GDB's "info os" (qXfer:osdata:read).  */
#ifndef QS_OSDATA_H
#define QS_OSDATA_H

#include "rsp_buf.h"

/* The table ANNEX names ("" or "types": the list of tables) into DOC;
   nothing for an unknown name.  */
void osdata_build(const char *annex, struct rsp_buf *doc);

#endif

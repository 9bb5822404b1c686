/* vfile.h - Host I/O: the "vFile:" packets (open, pread, pwrite, close,
   fstat, stat, lstat, readlink, unlink, setfs).  Owns the table of file
   descriptors opened on the client's behalf, the current setfs pid and the
   translation between host and GDB fileio flags, modes, errno values and
   struct stat.  No ptrace: a non-zero setfs pid is served through
   /proc/PID/root.  */
#ifndef QS_VFILE_H
#define QS_VFILE_H

#include <stddef.h>
#include <sys/types.h>

#include "rsp_buf.h"

/* Default cap on the data of one pread reply, before and after escaping.
   GDB asks for blocks of the packet size when it reads the program's
   libraries (its default "target:" sysroot) but uses scattered small
   pieces of them: 16 KiB, about what gdbserver's packet size allows,
   halves what it decodes at start-up (bench/speed-bench, row 7).  */
#define VFILE_MAX_IO 0x4000

struct vfile_state {
	int *fds; /* descriptors opened through vFile:open */
	size_t nfds;
	size_t cap;
	pid_t fs_pid; /* vFile:setfs; 0 = the stub's own filesystem */
	size_t max_data; /* cap on escaped pread/readlink data bytes */
};

void vfile_init(struct vfile_state *st);
/* Close every descriptor opened through vFile and reset setfs to 0 (for
   a new connection or when the stub exits).  Keeps ST usable.  */
void vfile_close_all(struct vfile_state *st);
/* vfile_close_all and free the table.  */
void vfile_free(struct vfile_state *st);

/* Handle "vFile:OP:ARGS".  OP is NUL-terminated ("open", "pread", ...);
   ARGS/ARGS_LEN are the raw bytes after "OP:" (pwrite data still
   '}'-escaped).  Appends the reply payload (no framing) to REPLY: "F..."
   or "F-1,errno" in hex as the protocol requires, or nothing for an
   unknown OP.  */
void vfile_handle(struct vfile_state *st, const char *op, const char *args,
		  size_t args_len, struct rsp_buf *reply);

/* Host errno -> GDB fileio errno (FILEIO_EUNKNOWN 9999 if no match).  */
int vfile_errno_to_fileio(int err);

#endif

/* memory.h - tracee memory through /proc/PID/mem, with software
   breakpoints shadowed: reads show the original bytes, writes over a
   breakpoint update what it will restore.  */
#ifndef QS_MEMORY_H
#define QS_MEMORY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct process;

int mem_open(struct process *p);
void mem_close(struct process *p);
/* Raw access.  Read returns how many bytes could be read from ADDR on
   (a prefix), or a negative errno when not even the first byte could.  */
ssize_t mem_read_raw(struct process *p, uint64_t addr, void *buf, size_t len);
int mem_write_raw(struct process *p, uint64_t addr, const void *buf,
		  size_t len);
/* What the client sees.  */
ssize_t mem_read(struct process *p, uint64_t addr, void *buf, size_t len);
int mem_write(struct process *p, uint64_t addr, const void *buf, size_t len);
/* A read_mem callback for svr4/memsearch: 0 on success of all LEN.  */
int mem_read_cb(void *proc, uint64_t addr, void *buf, size_t len);

#endif

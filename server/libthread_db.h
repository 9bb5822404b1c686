/* libthread_db.h - thread-local storage addresses through libthread_db
   (qSymbol, qGetTLSAddr, monitor set libthread-db-search-path).  */
#ifndef QS_LIBTHREAD_DB_H
#define QS_LIBTHREAD_DB_H

#include <stdbool.h>
#include <stdint.h>

struct engine;
struct process;
struct thread;

/* One step of the qSymbol exchange for P: NAME is the symbol GDB just
   answered for (FOUND at ADDR, or not known), NULL for "qSymbol::" (new
   objects loaded).  Returns the next name to ask GDB for, or NULL when
   there is none ("OK").  */
const char *thread_db_symbol(struct process *p, const char *name, bool found,
			     uint64_t addr);
/* The address of OFFSET in the TLS block of module LM (its link_map; 0
   for a static program) for thread T, stopped or running.  0, or a
   negative errno: -ENOSYS without libthread_db, -EBUSY if T runs and
   is not in libthread_db's thread list, -EIO if the block is not
   there.  */
int thread_db_tls_address(struct thread *t, uint64_t offset, uint64_t lm,
			  uint64_t *addr);
/* "$pdir:$sdir" by default; "" restores it.  libthread_db is loaded
   again from the new path at the next qSymbol exchange.  */
void thread_db_set_search_path(struct engine *e, const char *path);
void thread_db_free(struct process *p);

#endif

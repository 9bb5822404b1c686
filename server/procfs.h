/* procfs.h - what quietstub reads from /proc: thread lists, names,
   thread-group ids, the executable and the auxiliary vector.  */
#ifndef QS_PROCFS_H
#define QS_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "arch.h"

/* Tgid of TID, or -1.  */
pid_t procfs_tgid(pid_t tid);
/* Thread name (comm) into BUF; "" if unknown.  */
void procfs_thread_name(pid_t pid, pid_t tid, char *buf, size_t size);
/* Readlink of /proc/PID/exe into an xmalloc'd string, or NULL.  */
char *procfs_exe(pid_t pid);
/* The ELF class (ELFCLASS32, ELFCLASS64) and machine (EM_*) of the
   file PATH: 0, or -1 if it cannot be read or is not ELF.  */
int elf_kind(const char *path, unsigned int *elf_class, unsigned int *machine);
/* The same of PID's executable.  */
int procfs_elf_kind(pid_t pid, unsigned int *elf_class, unsigned int *machine);
/* Whole contents of /proc/PID/FILE, xmalloc'd, or NULL (errno set).  */
char *procfs_read_file(pid_t pid, const char *file, size_t *len);
/* The system call thread TID is blocked in (/proc/PID/task/TID/syscall):
   OUT->valid is false if it is in none, runs, or cannot be read.  */
void procfs_thread_syscall(pid_t pid, pid_t tid,
			   struct arch_syscall_state *out);
/* CPU a thread last ran on, or -1.  */
int procfs_thread_core(pid_t pid, pid_t tid);
/* State letter of a thread (R, S, D, T, t, Z, ...), or 0.  */
char procfs_thread_state(pid_t pid, pid_t tid);
/* Is SIGTRAP pending for the thread itself (SigPnd)?  */
bool procfs_sigtrap_pending(pid_t pid, pid_t tid);
/* Is TID traced by the calling process?  */
bool procfs_traced_by_me(pid_t pid, pid_t tid);
/* Is any signal the thread does not block pending for it or its
   process?  */
bool procfs_signal_pending(pid_t pid, pid_t tid);
/* The signals pending for TID that it does not block (bit SIG - 1 for
   signal SIG); in *SHARED, when not NULL, those pending for its process
   that it does not block.  */
uint64_t procfs_deliverable_signals(pid_t pid, pid_t tid, uint64_t *shared);
/* TracerPid of a thread, or -1 if its status cannot be read.  */
pid_t procfs_tracer(pid_t pid, pid_t tid);
/* Is TID a thread of PID that is not yet gone?  */
int procfs_task_exists(pid_t pid, pid_t tid);

#endif

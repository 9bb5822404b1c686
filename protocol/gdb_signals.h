/* gdb_signals.h - GDB's target-independent signal numbers (as used in
   stop replies and vCont;C) and their mapping to Linux signals.  */
#ifndef QS_GDB_SIGNALS_H
#define QS_GDB_SIGNALS_H

/* Linux signal -> GDB signal number; 143 (GDB_SIGNAL_UNKNOWN) if none. */
int gdb_signal_from_host(int hostsig);
/* GDB signal number -> Linux signal; 0 if it has no Linux equivalent. */
int gdb_signal_to_host(int gdbsig);

#define GDB_SIGNAL_0 0
#define GDB_SIGNAL_INT 2
#define GDB_SIGNAL_TRAP 5
#define GDB_SIGNAL_KILL 9
#define GDB_SIGNAL_STOP 17
#define GDB_SIGNAL_UNKNOWN 143

#endif

/* gdb_signals.c - mapping between GDB's target-independent signal
   numbers (the numbering of GDB's signals.def, used in stop replies,
   vCont;C/S and QPassSignals) and Linux signal numbers.  The Linux
   numbers are the kernel's generic ones (x86, arm64, riscv), written out
   here rather than taken from <signal.h> because glibc's SIGRTMIN is not
   the kernel's.  Owns only const tables.  */
#include <stddef.h>

#include "gdb_signals.h"

/* Kernel signal numbers (asm-generic and x86).  */
enum {
	L_SIGHUP = 1,
	L_SIGINT = 2,
	L_SIGQUIT = 3,
	L_SIGILL = 4,
	L_SIGTRAP = 5,
	L_SIGABRT = 6,
	L_SIGBUS = 7,
	L_SIGFPE = 8,
	L_SIGKILL = 9,
	L_SIGUSR1 = 10,
	L_SIGSEGV = 11,
	L_SIGUSR2 = 12,
	L_SIGPIPE = 13,
	L_SIGALRM = 14,
	L_SIGTERM = 15,
	L_SIGSTKFLT = 16, /* no GDB equivalent */
	L_SIGCHLD = 17,
	L_SIGCONT = 18,
	L_SIGSTOP = 19,
	L_SIGTSTP = 20,
	L_SIGTTIN = 21,
	L_SIGTTOU = 22,
	L_SIGURG = 23,
	L_SIGXCPU = 24,
	L_SIGXFSZ = 25,
	L_SIGVTALRM = 26,
	L_SIGPROF = 27,
	L_SIGWINCH = 28,
	L_SIGIO = 29, /* also SIGPOLL */
	L_SIGPWR = 30,
	L_SIGSYS = 31,
	L_SIGRT_FIRST = 32, /* kernel SIGRTMIN */
	L_SIGRT_LAST = 64, /* kernel SIGRTMAX */
};

/* GDB numbers of the non-realtime signals Linux has.  */
enum {
	G_HUP = 1,
	G_INT = 2,
	G_QUIT = 3,
	G_ILL = 4,
	G_TRAP = 5,
	G_ABRT = 6,
	G_FPE = 8,
	G_KILL = 9,
	G_BUS = 10,
	G_SEGV = 11,
	G_SYS = 12,
	G_PIPE = 13,
	G_ALRM = 14,
	G_TERM = 15,
	G_URG = 16,
	G_STOP = 17,
	G_TSTP = 18,
	G_CONT = 19,
	G_CHLD = 20,
	G_TTIN = 21,
	G_TTOU = 22,
	G_IO = 23,
	G_XCPU = 24,
	G_XFSZ = 25,
	G_VTALRM = 26,
	G_PROF = 27,
	G_WINCH = 28,
	G_USR1 = 30,
	G_USR2 = 31,
	G_PWR = 32,
	G_POLL = 33,
	/* GDB's realtime numbering is in three runs: 33..63 are 45..75,
	   32 is 77 (after CANCEL, 76), 64..127 are 78..141.  */
	G_REALTIME_33 = 45,
	G_REALTIME_63 = 75,
	G_REALTIME_32 = 77,
	G_REALTIME_64 = 78,
	G_REALTIME_127 = 141,
};

/* Indexed by Linux signal 1..31; 0 = no GDB equivalent.  */
static const unsigned char host_to_gdb[L_SIGRT_FIRST] = {
	[L_SIGHUP] = G_HUP,	  [L_SIGINT] = G_INT,	[L_SIGQUIT] = G_QUIT,
	[L_SIGILL] = G_ILL,	  [L_SIGTRAP] = G_TRAP, [L_SIGABRT] = G_ABRT,
	[L_SIGBUS] = G_BUS,	  [L_SIGFPE] = G_FPE,	[L_SIGKILL] = G_KILL,
	[L_SIGUSR1] = G_USR1,	  [L_SIGSEGV] = G_SEGV, [L_SIGUSR2] = G_USR2,
	[L_SIGPIPE] = G_PIPE,	  [L_SIGALRM] = G_ALRM, [L_SIGTERM] = G_TERM,
	[L_SIGCHLD] = G_CHLD,	  [L_SIGCONT] = G_CONT, [L_SIGSTOP] = G_STOP,
	[L_SIGTSTP] = G_TSTP,	  [L_SIGTTIN] = G_TTIN, [L_SIGTTOU] = G_TTOU,
	[L_SIGURG] = G_URG,	  [L_SIGXCPU] = G_XCPU, [L_SIGXFSZ] = G_XFSZ,
	[L_SIGVTALRM] = G_VTALRM, [L_SIGPROF] = G_PROF, [L_SIGWINCH] = G_WINCH,
	[L_SIGIO] = G_IO,	  [L_SIGPWR] = G_PWR,	[L_SIGSYS] = G_SYS,
};

/* Indexed by GDB signal up to G_POLL; 0 = no Linux equivalent (EMT,
   LOST and the like).  */
static const unsigned char gdb_to_host[G_POLL + 1] = {
	[G_HUP] = L_SIGHUP,	  [G_INT] = L_SIGINT,	[G_QUIT] = L_SIGQUIT,
	[G_ILL] = L_SIGILL,	  [G_TRAP] = L_SIGTRAP, [G_ABRT] = L_SIGABRT,
	[G_FPE] = L_SIGFPE,	  [G_KILL] = L_SIGKILL, [G_BUS] = L_SIGBUS,
	[G_SEGV] = L_SIGSEGV,	  [G_SYS] = L_SIGSYS,	[G_PIPE] = L_SIGPIPE,
	[G_ALRM] = L_SIGALRM,	  [G_TERM] = L_SIGTERM, [G_URG] = L_SIGURG,
	[G_STOP] = L_SIGSTOP,	  [G_TSTP] = L_SIGTSTP, [G_CONT] = L_SIGCONT,
	[G_CHLD] = L_SIGCHLD,	  [G_TTIN] = L_SIGTTIN, [G_TTOU] = L_SIGTTOU,
	[G_IO] = L_SIGIO,	  [G_XCPU] = L_SIGXCPU, [G_XFSZ] = L_SIGXFSZ,
	[G_VTALRM] = L_SIGVTALRM, [G_PROF] = L_SIGPROF, [G_WINCH] = L_SIGWINCH,
	[G_USR1] = L_SIGUSR1,	  [G_USR2] = L_SIGUSR2, [G_PWR] = L_SIGPWR,
	[G_POLL] = L_SIGIO,
};

int gdb_signal_from_host(int hostsig)
{
	if (hostsig == 0)
		return GDB_SIGNAL_0;
	if (hostsig > 0 && hostsig < L_SIGRT_FIRST)
		return host_to_gdb[hostsig] ? host_to_gdb[hostsig] :
					      GDB_SIGNAL_UNKNOWN;
	if (hostsig == L_SIGRT_FIRST)
		return G_REALTIME_32;
	if (hostsig > L_SIGRT_FIRST && hostsig < 64)
		return G_REALTIME_33 + (hostsig - 33);
	if (hostsig >= 64 && hostsig <= L_SIGRT_LAST)
		return G_REALTIME_64 + (hostsig - 64);
	return GDB_SIGNAL_UNKNOWN;
}

int gdb_signal_to_host(int gdbsig)
{
	if (gdbsig > 0 && gdbsig <= G_POLL)
		return gdb_to_host[gdbsig];
	if (gdbsig >= G_REALTIME_33 && gdbsig <= G_REALTIME_63)
		return 33 + (gdbsig - G_REALTIME_33);
	if (gdbsig == G_REALTIME_32)
		return L_SIGRT_FIRST;
	if (gdbsig >= G_REALTIME_64 && gdbsig <= G_REALTIME_127) {
		int host = 64 + (gdbsig - G_REALTIME_64);

		return host <= L_SIGRT_LAST ? host : 0;
	}
	return 0;
}

/* rsp_request.h - the typed form of a client packet, produced by the
   command table in rsp_commands.c.  Pointers in a request point into the
   packet buffer or into storage owned by the request (freed by
   rsp_request_free); they stay valid until the next packet.  */
#ifndef QS_RSP_REQUEST_H
#define QS_RSP_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* A thread id as GDB writes it: "pPID.TID", "PID"/"TID" alone, -1 = all,
   0 = any.  Without the "p" form, pid is 0 and tid holds the value.  */
#define RSP_ID_ALL (-1L)
#define RSP_ID_ANY 0L
struct rsp_ptid {
	long pid; /* 0 when the client sent no "p" form */
	long tid; /* RSP_ID_ALL / RSP_ID_ANY or a tid */
};

enum rsp_cmd {
	RSP_CMD_UNKNOWN = 0, /* answered with the empty reply */
	RSP_CMD_BAD, /* malformed arguments: answer "E.<why>" */
	RSP_CMD_QUERY_STOP, /* ? */
	RSP_CMD_READ_REGS, /* g */
	RSP_CMD_WRITE_REGS, /* G hex */
	RSP_CMD_READ_REG, /* p n */
	RSP_CMD_WRITE_REG, /* P n=hex */
	RSP_CMD_READ_MEM, /* m addr,len */
	RSP_CMD_READ_MEM_BIN, /* x addr,len */
	RSP_CMD_WRITE_MEM, /* M addr,len:hex and X addr,len:bin */
	RSP_CMD_INSERT_BP, /* Z type,addr,kind */
	RSP_CMD_REMOVE_BP, /* z type,addr,kind */
	RSP_CMD_VCONT_QUERY, /* vCont? */
	RSP_CMD_VCONT, /* vCont;..., and c/s/C/S translated to it */
	RSP_CMD_SET_THREAD, /* H op ptid */
	RSP_CMD_THREAD_ALIVE, /* T ptid */
	RSP_CMD_CURRENT_THREAD, /* qC */
	RSP_CMD_THREAD_INFO_FIRST, /* qfThreadInfo */
	RSP_CMD_THREAD_INFO_NEXT, /* qsThreadInfo */
	RSP_CMD_SUPPORTED, /* qSupported[:features] */
	RSP_CMD_NO_ACK, /* QStartNoAckMode */
	RSP_CMD_XFER_READ, /* qXfer:object:read:annex:off,len */
	RSP_CMD_XFER_WRITE, /* qXfer:object:write:annex:off:data */
	RSP_CMD_VFILE, /* vFile:op:args */
	RSP_CMD_ATTACHED, /* qAttached[:pid] */
	RSP_CMD_PASS_SIGNALS, /* QPassSignals:s;s... */
	RSP_CMD_PROGRAM_SIGNALS, /* QProgramSignals:s;s... */
	RSP_CMD_CRC, /* qCRC:addr,len */
	RSP_CMD_SEARCH_MEM, /* qSearch:memory:addr;len;pattern */
	RSP_CMD_SYMBOL, /* qSymbol... */
	RSP_CMD_MONITOR, /* qRcmd,hex */
	RSP_CMD_KILL, /* k */
	RSP_CMD_VKILL, /* vKill;pid */
	RSP_CMD_RESTART, /* R: extended mode, run the last program again */
	RSP_CMD_DETACH, /* D or D;pid */
	RSP_CMD_VRUN, /* vRun;hexprog;hexarg... */
	RSP_CMD_VATTACH, /* vAttach;pid */
	RSP_CMD_VCTRLC, /* vCtrlC */
	RSP_CMD_VSTOPPED, /* vStopped */
	RSP_CMD_NON_STOP, /* QNonStop:0|1 */
	RSP_CMD_THREAD_EVENTS, /* QThreadEvents:0|1 */
	RSP_CMD_STARTUP_WITH_SHELL, /* QStartupWithShell:0|1 */
	RSP_CMD_DISABLE_RANDOMIZATION, /* QDisableRandomization:0|1 */
	RSP_CMD_ENV_HEX, /* QEnvironmentHexEncoded:hex */
	RSP_CMD_ENV_UNSET, /* QEnvironmentUnset:hex */
	RSP_CMD_ENV_RESET, /* QEnvironmentReset */
	RSP_CMD_SET_WORKING_DIR, /* QSetWorkingDir:[hex] */
	RSP_CMD_TSTATUS, /* qTStatus: tracing is unsupported; empty */
	RSP_CMD_OFFSETS, /* qOffsets: empty */
	RSP_CMD_GET_TLS_ADDR, /* qGetTLSAddr */
	RSP_CMD_LIST_THREADS_IN_STOP_REPLY, /* QListThreadsInStopReply */
	RSP_CMD_CATCH_SYSCALLS, /* QCatchSyscalls:0|1[;n...] */
	RSP_CMD_EXTENDED_MODE, /* ! */
	RSP_CMD__COUNT
};

enum rsp_vcont_kind {
	RSP_VCONT_CONTINUE = 'c',
	RSP_VCONT_STEP = 's',
	RSP_VCONT_STOP = 't',
	RSP_VCONT_RANGE = 'r',
};

struct rsp_vcont_action {
	char kind; /* enum rsp_vcont_kind */
	int sig; /* GDB signal number for C/S, 0 otherwise */
	bool has_ptid; /* false = default action for all other threads */
	struct rsp_ptid ptid;
	uint64_t range_start, range_end; /* for 'r' */
};

enum rsp_signal_set_size { RSP_MAX_GDB_SIGNAL = 512 };

struct rsp_request {
	enum rsp_cmd cmd;
	const char *error; /* with RSP_CMD_BAD: short reason */
	union {
		struct { /* m, x, M, X, qCRC */
			uint64_t addr;
			uint64_t len;
			const uint8_t
				*data; /* M/X: decoded bytes, len of them */
		} mem;
		struct { /* p, P, G */
			unsigned long regno;
			const uint8_t *data; /* P/G: decoded bytes */
			size_t len;
		} reg;
		struct { /* Z, z */
			int type; /* 0 sw, 1 hw, 2 write, 3 read, 4 access */
			uint64_t addr;
			uint64_t kind;
			/* the rest of the packet after kind (";X..." conditions) */
			const char *extra;
		} bp;
		struct { /* vCont */
			size_t count;
			struct rsp_vcont_action *actions; /* owned */
		} vcont;
		struct { /* H */
			char op; /* 'g', 'c' (or other letters GDB may send) */
			struct rsp_ptid ptid;
		} set_thread;
		struct rsp_ptid ptid; /* T */
		struct { /* qSupported */
			const char *features; /* after the ':' or "" */
		} supported;
		struct { /* qXfer */
			const char *object; /* NUL-terminated, owned */
			const char *annex; /* NUL-terminated, owned */
			uint64_t offset;
			uint64_t length; /* read: length; write: data length */
			const uint8_t *data; /* write: unescaped bytes */
		} xfer;
		struct { /* vFile */
			const char *op; /* NUL-terminated, owned: "open" ... */
			const char *
				args; /* raw text after "op:" (may hold binary) */
			size_t args_len;
		} vfile;
		struct { /* qAttached, vKill, D, vAttach */
			long pid; /* 0 when absent */
		} pid;
		struct { /* QPassSignals, QProgramSignals */
			uint8_t set[RSP_MAX_GDB_SIGNAL /
				    8]; /* bit n = GDB signal n */
		} signals;
		struct { /* qSearch:memory */
			uint64_t addr;
			uint64_t len;
			const uint8_t *pattern;
			size_t pattern_len;
		} search;
		struct { /* qRcmd */
			const char
				*command; /* decoded, NUL-terminated, owned */
		} monitor;
		struct { /* qSymbol */
			/* NULL for "qSymbol::" (look-ups offered), else the
			   name GDB answers for: decoded, owned */
			const char *name;
			bool found; /* VALUE was given */
			uint64_t value;
		} symbol;
		struct { /* vRun */
			int argc;
			char **argv; /* decoded, NULL-terminated, owned; argv[0] may be "" */
		} run;
		struct { /* QNonStop, QThreadEvents, QStartupWithShell,
			    QDisableRandomization, QListThreadsInStopReply */
			long value;
		} flag;
		struct { /* QEnvironmentHexEncoded/Unset, QSetWorkingDir */
			const char *text; /* decoded, owned; "" when absent */
		} str;
		struct { /* qGetTLSAddr:thread-id,offset,lm */
			struct rsp_ptid ptid;
			uint64_t offset, lm;
		} tls;
		struct { /* QCatchSyscalls */
			bool enable;
			size_t count; /* 0 = all syscalls when enable */
			long *numbers; /* owned */
		} syscalls;
	} u;
	/* Owned storage the parsers allocated; freed by rsp_request_free. */
	void *owned[4];
};

/* Flags of a command table entry.  */
enum rsp_cmd_flags {
	RSP_F_STOP_REPLY = 1 << 0, /* may answer with a stop reply */
	RSP_F_BINARY = 1 << 1, /* payload carries '}'-escaped binary */
};

struct rsp_command {
	const char *prefix; /* matched against the packet start */
	bool exact; /* whole packet must equal prefix */
	enum rsp_cmd cmd;
	unsigned flags;
	const char *feature; /* qSupported feature it enables, or NULL */
	/* Parse the text after the prefix; fill REQ.  False = malformed,
	   with req->error set.  A parser may set req->cmd to
	   RSP_CMD_UNKNOWN (e.g. "qSupportedX", Z type 5).  Entries with
	   RSP_F_BINARY (except vFile) unescape ARGS in place: ARGS must
	   point into a writable payload.  */
	bool (*parse)(const char *args, size_t len, struct rsp_request *req);
};

/* Turn a packet payload (as framed, escapes still present) into a
   request.  Never fails: unknown packets give RSP_CMD_UNKNOWN, malformed
   ones RSP_CMD_BAD.  PAYLOAD is modified in place (binary unescaping). */
void rsp_parse_request(char *payload, size_t len, struct rsp_request *req);
void rsp_request_free(struct rsp_request *req);

/* The command table, for qSupported and tests.  */
const struct rsp_command *rsp_command_table(size_t *count);

/* Append the features of the table to OUT (";"-separated, with
   "PacketSize=..." first); those that need the stub to single-step a
   thread only if CAN_STEP.  */
struct rsp_buf;
void rsp_supported_features(struct rsp_buf *out, bool can_step);

/* Does the client's qSupported feature list contain NAME+ ?  */
bool rsp_client_has_feature(const char *features, const char *name);
/* The value of the client's NAME=VALUE feature, in a new string; NULL
   when the list has none.  */
char *rsp_client_feature_value(const char *features, const char *name);
/* Is NAME one of the items of the comma-separated LIST?  */
bool rsp_list_has(const char *list, const char *name);

#endif

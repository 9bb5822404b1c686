/* test-protocol-commands.c - unit tests of the command table and the
   argument parsers (rsp_commands.c): every packet family with valid and
   malformed arguments, thread-id forms, vCont lists, binary unescaping,
   qSupported contents.  Payloads are copied into buffers of exactly
   their length (no NUL after them) so a sanitizer build catches any read
   past the end.  */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <libiberty/libiberty.h>

#include "unit.h"
#include "rsp_request.h"
#include "rsp_buf.h"
#include "rsp_frame.h"

static struct rsp_request R;
static char *payload;

static const struct rsp_request *parse_n(const char *s, size_t n)
{
	rsp_request_free(&R);
	free(payload);
	payload = xmalloc(n ? n : 1);
	memcpy(payload, s, n);
	rsp_parse_request(payload, n, &R);
	return &R;
}

static const struct rsp_request *parse(const char *s)
{
	return parse_n(s, strlen(s));
}

/* PREFIX followed by a signal number in hex: one past the largest
   (TOO_BIG) or the largest valid one.  */
static const char *sig_packet(const char *prefix, bool too_big)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%s%x", prefix,
		 RSP_MAX_GDB_SIGNAL - (too_big ? 0 : 1));
	return buf;
}

static bool is(const char *s, enum rsp_cmd cmd)
{
	return parse(s)->cmd == cmd;
}

#define OK(s, c) CHECK(is(s, c), "parse \"%s\" -> " #c " (got %d)", s, R.cmd)
#define BAD(s)                                             \
	CHECK(is(s, RSP_CMD_BAD) && R.error && R.error[0], \
	      "parse \"%s\" -> BAD (got %d)", s, R.cmd)
#define UNKNOWN(s)                                                           \
	CHECK(is(s, RSP_CMD_UNKNOWN), "parse \"%s\" -> UNKNOWN (got %d)", s, \
	      R.cmd)

static void test_table(void)
{
	size_t n, i, j;
	const struct rsp_command *t = rsp_command_table(&n);
	bool shadow = false, prefixes = true;

	CHECK(n > 40, "table has %zu entries", n);
	for (i = 0; i < n; i++) {
		prefixes &= t[i].prefix && t[i].prefix[0];
		prefixes &= t[i].cmd > RSP_CMD_BAD && t[i].cmd < RSP_CMD__COUNT;
		for (j = i + 1; j < n; j++) {
			if (t[i].exact)
				continue;
			if (strncmp(t[j].prefix, t[i].prefix,
				    strlen(t[i].prefix)) == 0) {
				printf("note: %s shadows %s\n", t[i].prefix,
				       t[j].prefix);
				shadow = true;
			}
		}
	}
	CHECK(prefixes, "table entries have prefixes and commands");
	for (i = RSP_CMD_BAD + 1; i < RSP_CMD__COUNT; i++) {
		bool found = false;

		for (j = 0; j < n && !found; j++)
			found = t[j].cmd == (enum rsp_cmd)i;
		CHECK(found, "command %zu has a table entry", i);
	}
	CHECK(!shadow, "no entry is shadowed by an earlier prefix");
}

static void test_unknown(void)
{
	UNKNOWN("");
	UNKNOWN("vMustReplyEmpty");
	UNKNOWN("qThreadExtraInfo,1");
	UNKNOWN("gx");
	UNKNOWN("?x");
	UNKNOWN("!x");
	UNKNOWN("kk");
	UNKNOWN("vCont");
	UNKNOWN("vCont?x");
	UNKNOWN("vContx");
	UNKNOWN("vAttachName;61");
	UNKNOWN("qXfer:memory-map:read::0,100");
	UNKNOWN("qXfer:auxv:write::0:");
	UNKNOWN("qXfer:features:readx");
	UNKNOWN("qSupportedX");
	UNKNOWN("qAttachedX");
	UNKNOWN("qTfV");
	UNKNOWN("QTinit");
	UNKNOWN("qCx");
	UNKNOWN("i");
	UNKNOWN("A10,0,61");
	UNKNOWN("Z5,1000,1");
	UNKNOWN("z9,1000,1");
	UNKNOWN("qStartNoAckMode");
	UNKNOWN("QStartNoAckMode;");
	UNKNOWN("vStoppedx");
	UNKNOWN("vCtrlC;");
	UNKNOWN("qOffsets:");
	UNKNOWN("QListThreadsInStopReply:1");
	UNKNOWN("QEnvironmentResetx");
	UNKNOWN("\x80\xff");
}

static void test_simple(void)
{
	OK("?", RSP_CMD_QUERY_STOP);
	OK("!", RSP_CMD_EXTENDED_MODE);
	OK("g", RSP_CMD_READ_REGS);
	OK("k", RSP_CMD_KILL);
	OK("vCont?", RSP_CMD_VCONT_QUERY);
	OK("vStopped", RSP_CMD_VSTOPPED);
	OK("vCtrlC", RSP_CMD_VCTRLC);
	OK("qC", RSP_CMD_CURRENT_THREAD);
	OK("qfThreadInfo", RSP_CMD_THREAD_INFO_FIRST);
	OK("qsThreadInfo", RSP_CMD_THREAD_INFO_NEXT);
	OK("QStartNoAckMode", RSP_CMD_NO_ACK);
	OK("QEnvironmentReset", RSP_CMD_ENV_RESET);
	OK("qOffsets", RSP_CMD_OFFSETS);
	OK("qTStatus", RSP_CMD_TSTATUS);
	OK("QListThreadsInStopReply", RSP_CMD_LIST_THREADS_IN_STOP_REPLY);
	CHECK(R.u.flag.value == 1, "QListThreadsInStopReply value");
}

static void test_regs(void)
{
	char max[32];

	OK("p10", RSP_CMD_READ_REG);
	CHECK(R.u.reg.regno == 0x10, "p regno");
	snprintf(max, sizeof(max), "p%lx", ULONG_MAX);
	OK(max, RSP_CMD_READ_REG);
	CHECK(R.u.reg.regno == ULONG_MAX, "p max regno");
	BAD("p");
	BAD("p10x");
	BAD("p1,2");
	BAD("p10000000000000000");
	BAD("pg");

	OK("P1f=0011aaFF", RSP_CMD_WRITE_REG);
	CHECK(R.u.reg.regno == 0x1f && R.u.reg.len == 4 &&
		      memcmp(R.u.reg.data, "\x00\x11\xaa\xff", 4) == 0,
	      "P decodes the value");
	BAD("P");
	BAD("P1");
	BAD("P1=");
	BAD("P1=0");
	BAD("P1=0g");
	BAD("P=00");
	BAD("P10000000000000000=00");

	OK("G00ff10", RSP_CMD_WRITE_REGS);
	CHECK(R.u.reg.len == 3 && memcmp(R.u.reg.data, "\x00\xff\x10", 3) == 0,
	      "G decodes the registers");
	BAD("G");
	BAD("G0");
	BAD("G0x");
	BAD("Gzz");
}

static void test_mem(void)
{
	OK("m7fff0000,100", RSP_CMD_READ_MEM);
	CHECK(R.u.mem.addr == 0x7fff0000 && R.u.mem.len == 0x100, "m args");
	OK("mffffffffffffffff,1", RSP_CMD_READ_MEM);
	OK("mffffffffffffff00,100", RSP_CMD_READ_MEM);
	OK("m0,0", RSP_CMD_READ_MEM);
	OK("m0,ffffffffffffffff", RSP_CMD_READ_MEM);
	BAD("mffffffffffffff00,101");
	BAD("mffffffffffffffff,2");
	BAD("m");
	BAD("m1000");
	BAD("m1000,");
	BAD("m,10");
	BAD("m1000,10,");
	BAD("m1000,10:");
	BAD("m10000000000000000,1");
	BAD("m1,10000000000000000");
	BAD("m-1,1");

	OK("x1000,20", RSP_CMD_READ_MEM_BIN);
	CHECK(R.u.mem.addr == 0x1000 && R.u.mem.len == 0x20, "x args");
	OK("x0,0", RSP_CMD_READ_MEM_BIN);
	BAD("x1000");

	OK("M1000,3:0a0B0c", RSP_CMD_WRITE_MEM);
	CHECK(R.u.mem.addr == 0x1000 && R.u.mem.len == 3 &&
		      memcmp(R.u.mem.data, "\x0a\x0b\x0c", 3) == 0,
	      "M decodes the data");
	OK("M1000,0:", RSP_CMD_WRITE_MEM);
	CHECK(R.u.mem.len == 0, "M zero length");
	BAD("M1000,3:0a0b");
	BAD("M1000,3:0a0b0c0d");
	BAD("M1000,3:0a0b0");
	BAD("M1000,3:0a0b0x");
	BAD("M1000,3");
	BAD("M1000,3;0a0b0c");
	BAD("M1000,ffffffffffffffff:00");
	BAD("M1000,8000000000000000:00");

	/* X: binary, '}' escapes undone in place.  */
	{
		static const char x[] = "X2000,5:}\x03}\x04}]}\x0a\0";
		const struct rsp_request *r = parse_n(x, sizeof(x) - 1);

		CHECK(r->cmd == RSP_CMD_WRITE_MEM && r->u.mem.addr == 0x2000 &&
			      r->u.mem.len == 5 &&
			      memcmp(r->u.mem.data, "#$}*\0", 5) == 0,
		      "X unescapes # $ } * and keeps NUL");
	}
	OK("X2000,0:", RSP_CMD_WRITE_MEM);
	CHECK(R.u.mem.len == 0, "X zero-length probe");
	OK("X2000,2:ab", RSP_CMD_WRITE_MEM);
	BAD("X2000,2:}");
	BAD("X2000,2:a}");
	BAD("X2000,2:abc");
	BAD("X2000,2:}]");
	BAD("X2000,2");
	BAD("X2000");
	BAD("X,2:ab");

	OK("qCRC:1000,200", RSP_CMD_CRC);
	CHECK(R.u.mem.addr == 0x1000 && R.u.mem.len == 0x200, "qCRC args");
	BAD("qCRC:1000");
	BAD("qCRC:");
	BAD("qCRC:1000,200,");
	UNKNOWN("qCRC");

	{
		static const char s[] = "qSearch:memory:1000;2000;ab}\x03";
		const struct rsp_request *r = parse_n(s, sizeof(s) - 1);

		CHECK(r->cmd == RSP_CMD_SEARCH_MEM &&
			      r->u.search.addr == 0x1000 &&
			      r->u.search.len == 0x2000 &&
			      r->u.search.pattern_len == 3 &&
			      memcmp(r->u.search.pattern, "ab#", 3) == 0,
		      "qSearch:memory parses and unescapes");
	}
	OK("qSearch:memory:1000;2000;;", RSP_CMD_SEARCH_MEM);
	CHECK(R.u.search.pattern_len == 1 && R.u.search.pattern[0] == ';',
	      "qSearch pattern may hold ';'");
	BAD("qSearch:memory:1000;2000;");
	BAD("qSearch:memory:1000;2000");
	BAD("qSearch:memory:1000,2000;ab");
	BAD("qSearch:memory:;2000;ab");
	BAD("qSearch:memory:1000;2000;ab}");
}

static void test_bp(void)
{
	OK("Z0,401000,1", RSP_CMD_INSERT_BP);
	CHECK(R.u.bp.type == 0 && R.u.bp.addr == 0x401000 && R.u.bp.kind == 1 &&
		      R.u.bp.extra && strcmp(R.u.bp.extra, "") == 0,
	      "Z0 args");
	OK("z1,401000,4", RSP_CMD_REMOVE_BP);
	CHECK(R.u.bp.type == 1 && R.u.bp.kind == 4, "z1 args");
	OK("Z4,7fff0000,8", RSP_CMD_INSERT_BP);
	CHECK(R.u.bp.type == 4 && R.u.bp.kind == 8, "Z4 args");
	OK("Z0,401000,1;X3,220101;cmds:0,X2,2201", RSP_CMD_INSERT_BP);
	CHECK(strcmp(R.u.bp.extra, ";X3,220101;cmds:0,X2,2201") == 0,
	      "Z extra keeps the conditions");
	BAD("Z");
	BAD("Z0");
	BAD("Z0,");
	BAD("Z0,1000");
	BAD("Z0,1000,");
	BAD("Z0,1000,1x");
	BAD("Z0,10000000000000000,1");
	BAD("Zx,1000,1");
	BAD("z0;1000,1");
}

static void test_resume(void)
{
	OK("c", RSP_CMD_VCONT);
	CHECK(R.u.vcont.count == 1 && R.u.vcont.actions[0].kind == 'c' &&
		      !R.u.vcont.actions[0].has_ptid &&
		      R.u.vcont.actions[0].sig == 0,
	      "c is one default continue");
	OK("s", RSP_CMD_VCONT);
	CHECK(R.u.vcont.count == 1 && R.u.vcont.actions[0].kind == 's',
	      "s is one default step");
	OK("C0b", RSP_CMD_VCONT);
	CHECK(R.u.vcont.count == 1 && R.u.vcont.actions[0].kind == 'c' &&
		      R.u.vcont.actions[0].sig == 0xb,
	      "C0b continues with SIGSEGV");
	OK("S05", RSP_CMD_VCONT);
	CHECK(R.u.vcont.actions[0].kind == 's' && R.u.vcont.actions[0].sig == 5,
	      "S05 steps with SIGTRAP");
	BAD("c401000");
	CHECK(strstr(R.error, "address") != NULL, "c addr error text \"%s\"",
	      R.error);
	BAD("s401000");
	BAD("C05;401000");
	BAD("S05;401000");
	BAD("C");
	BAD("Cxx");
	BAD(sig_packet("C", true));
	BAD("S");

	OK("vCont;c", RSP_CMD_VCONT);
	CHECK(R.u.vcont.count == 1 && R.u.vcont.actions[0].kind == 'c' &&
		      !R.u.vcont.actions[0].has_ptid,
	      "vCont;c");
	OK("vCont;s:p1.2;c", RSP_CMD_VCONT);
	CHECK(R.u.vcont.count == 2 && R.u.vcont.actions[0].kind == 's' &&
		      R.u.vcont.actions[0].has_ptid &&
		      R.u.vcont.actions[0].ptid.pid == 1 &&
		      R.u.vcont.actions[0].ptid.tid == 2 &&
		      R.u.vcont.actions[1].kind == 'c' &&
		      !R.u.vcont.actions[1].has_ptid,
	      "vCont;s:p1.2;c");
	OK("vCont;C1e:p3e8.3e9;S05:3ea;t:-1;r1000,2000:p1.-1;c:0",
	   RSP_CMD_VCONT);
	{
		const struct rsp_vcont_action *a = R.u.vcont.actions;

		CHECK(R.u.vcont.count == 5, "vCont five actions");
		CHECK(a[0].kind == 'c' && a[0].sig == 0x1e &&
			      a[0].ptid.pid == 0x3e8 && a[0].ptid.tid == 0x3e9,
		      "vCont C1e:p3e8.3e9");
		CHECK(a[1].kind == 's' && a[1].sig == 5 && a[1].ptid.pid == 0 &&
			      a[1].ptid.tid == 0x3ea,
		      "vCont S05:3ea");
		CHECK(a[2].kind == 't' && a[2].has_ptid &&
			      a[2].ptid.tid == RSP_ID_ALL,
		      "vCont t:-1");
		CHECK(a[3].kind == 'r' && a[3].range_start == 0x1000 &&
			      a[3].range_end == 0x2000 && a[3].ptid.pid == 1 &&
			      a[3].ptid.tid == RSP_ID_ALL,
		      "vCont r1000,2000:p1.-1");
		CHECK(a[4].kind == 'c' && a[4].has_ptid &&
			      a[4].ptid.tid == RSP_ID_ANY,
		      "vCont c:0");
	}
	OK("vCont;t", RSP_CMD_VCONT);
	CHECK(R.u.vcont.actions[0].kind == 't', "vCont;t");
	BAD("vCont;");
	BAD("vCont;;c");
	BAD("vCont;c;");
	BAD("vCont;x");
	BAD("vCont;C");
	BAD(sig_packet("vCont;C", true));
	BAD("vCont;c:");
	BAD("vCont;c:p");
	BAD("vCont;c:p1.");
	BAD("vCont;c:px.1");
	BAD("vCont;c:1x");
	BAD("vCont;c:-2");
	BAD("vCont;c:-10");
	BAD("vCont;r1000");
	BAD("vCont;r1000,");
	BAD("vCont;r,2000");
	BAD("vCont;cc");
	BAD("vCont;c:1:2");
	BAD("vCont;c:8000000000000000");
}

static void test_threads(void)
{
	char max[32];

	OK("Hg0", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.op == 'g' && R.u.set_thread.ptid.pid == 0 &&
		      R.u.set_thread.ptid.tid == RSP_ID_ANY,
	      "Hg0");
	OK("Hc-1", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.op == 'c' && R.u.set_thread.ptid.tid == RSP_ID_ALL,
	      "Hc-1");
	OK("Hgp1a2b.1a2c", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.ptid.pid == 0x1a2b &&
		      R.u.set_thread.ptid.tid == 0x1a2c,
	      "Hgp1a2b.1a2c");
	OK("Hgp10", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.ptid.pid == 0x10 &&
		      R.u.set_thread.ptid.tid == RSP_ID_ALL,
	      "Hgp10 = all threads of 0x10");
	OK("Hgp10.-1", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.ptid.pid == 0x10 &&
		      R.u.set_thread.ptid.tid == RSP_ID_ALL,
	      "Hgp10.-1");
	OK("Hgp-1", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.ptid.pid == RSP_ID_ALL &&
		      R.u.set_thread.ptid.tid == RSP_ID_ALL,
	      "Hgp-1 = all processes");
	snprintf(max, sizeof(max), "Hg%lx", LONG_MAX);
	OK(max, RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.ptid.tid == LONG_MAX, "Hg LONG_MAX");
	OK("Hs1", RSP_CMD_SET_THREAD);
	CHECK(R.u.set_thread.op == 's', "other H ops kept");
	BAD("H");
	BAD("Hg");
	BAD("Hgx");
	BAD("Hg-");
	BAD("Hg-2");
	BAD("Hg1.2");
	BAD("Hgp");
	BAD("Hgp.1");
	BAD("Hgp1.");
	BAD("Hg8000000000000000");
	BAD("Hg10000000000000000");
	BAD("Hgp1.2x");

	OK("T3e9", RSP_CMD_THREAD_ALIVE);
	CHECK(R.u.ptid.tid == 0x3e9 && R.u.ptid.pid == 0, "T3e9");
	OK("Tp3e8.3e9", RSP_CMD_THREAD_ALIVE);
	CHECK(R.u.ptid.pid == 0x3e8 && R.u.ptid.tid == 0x3e9, "Tp3e8.3e9");
	BAD("T");
	BAD("Tx");
	BAD("T1;");

	OK("qGetTLSAddr:p1.2,10,7ffff7fc1000", RSP_CMD_GET_TLS_ADDR);
	CHECK(R.u.tls.ptid.pid == 1 && R.u.tls.ptid.tid == 2 &&
		      R.u.tls.offset == 0x10 && R.u.tls.lm == 0x7ffff7fc1000,
	      "qGetTLSAddr args");
	OK("qGetTLSAddr:3e9,0,0", RSP_CMD_GET_TLS_ADDR);
	BAD("qGetTLSAddr:");
	BAD("qGetTLSAddr:1,2");
	BAD("qGetTLSAddr:1,2,");
	BAD("qGetTLSAddr:1,2,3,");
	BAD("qGetTLSAddr:x,2,3");
}

static void test_supported(void)
{
	struct rsp_buf b;
	static const char *const want[] = {
		"exec-events+",
		"no-resumed+",
		"fork-events+",
		"vfork-events+",
		"QNonStop+",
		"QThreadEvents+",
		"QStartNoAckMode+",
		"binary-upload+",
		"qXfer:features:read+",
		"qXfer:threads:read+",
		"qXfer:auxv:read+",
		"qXfer:exec-file:read+",
		"qXfer:libraries-svr4:read+",
		"qXfer:siginfo:read+",
		"QPassSignals+",
		"QProgramSignals+",
		"vContSupported+",
		"multiprocess+",
		"swbreak+",
		"hwbreak+",
		"ConditionalBreakpoints+",
		"BreakpointCommands+",
		"qXfer:siginfo:write+",
		"qXfer:osdata:read+",
		"QCatchSyscalls+",
		"QStartupWithShell+",
		"QEnvironmentHexEncoded+",
		"QEnvironmentUnset+",
		"QEnvironmentReset+",
		"QSetWorkingDir+",
		"QDisableRandomization+",
	};
	size_t i, semis = 0;
	char want_ps[32];
	char *xml;

	OK("qSupported", RSP_CMD_SUPPORTED);
	CHECK(R.u.supported.features && !R.u.supported.features[0],
	      "qSupported without features");
	OK("qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;"
	   "fork-events+;vfork-events+;exec-events+;vContSupported+;"
	   "QThreadEvents+;no-resumed+;memory-tagging+;xmlRegisters=i386",
	   RSP_CMD_SUPPORTED);
	CHECK(rsp_client_has_feature(R.u.supported.features, "swbreak"),
	      "client has swbreak");
	CHECK(rsp_client_has_feature(R.u.supported.features, "multiprocess"),
	      "client has multiprocess (first)");
	CHECK(!rsp_client_has_feature(R.u.supported.features, "xmlRegisters"),
	      "xmlRegisters=... is not a + feature");
	CHECK(!rsp_client_has_feature(R.u.supported.features, "break"),
	      "no partial-name match");
	CHECK(!rsp_client_has_feature(R.u.supported.features, "swbreak+"),
	      "name is given without +");
	CHECK(!rsp_client_has_feature(R.u.supported.features, "memory"),
	      "no prefix match");
	CHECK(rsp_client_has_feature("a-;b+", "b") &&
		      !rsp_client_has_feature("a-;b+", "a") &&
		      !rsp_client_has_feature("a?", "a") &&
		      !rsp_client_has_feature("", "a") &&
		      !rsp_client_has_feature(NULL, "a") &&
		      rsp_client_has_feature("x+;", "x"),
	      "client feature list edge cases");
	xml = rsp_client_feature_value(R.u.supported.features, "xmlRegisters");
	CHECK(xml && strcmp(xml, "i386") == 0, "xmlRegisters value (%s)",
	      xml ? xml : "none");
	free(xml);
	xml = rsp_client_feature_value("xmlRegistersX=a;xmlRegisters=i386,arm",
				       "xmlRegisters");
	CHECK(xml && strcmp(xml, "i386,arm") == 0,
	      "the value of the whole name (%s)", xml ? xml : "none");
	free(xml);
	CHECK(!rsp_client_feature_value("swbreak+;xmlRegisters",
					"xmlRegisters") &&
		      !rsp_client_feature_value("", "xmlRegisters") &&
		      !rsp_client_feature_value(NULL, "xmlRegisters"),
	      "no value without '='");
	CHECK(rsp_list_has("i386,arm,mips", "i386") &&
		      rsp_list_has("arm,i386", "i386") &&
		      rsp_list_has("i386", "i386") &&
		      !rsp_list_has("i386x,arm", "i386") &&
		      !rsp_list_has("i38", "i386") && !rsp_list_has("", "i386"),
	      "comma-separated list items");

	rsp_buf_init(&b);
	rsp_supported_features(&b, true);
	printf("note: qSupported reply: %s\n", b.data);
	snprintf(want_ps, sizeof(want_ps), "PacketSize=%x;", RSP_MAX_PACKET);
	CHECK(strncmp(b.data, want_ps, strlen(want_ps)) == 0,
	      "PacketSize first (%s)", want_ps);
	for (i = 0; i < b.len; i++)
		semis += b.data[i] == ';';
	CHECK(semis == sizeof(want) / sizeof(want[0]),
	      "qSupported has %zu features", semis);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char *k = concat(";", want[i], ";", NULL);
		char *all = concat(b.data, ";", NULL);

		CHECK(strstr(all, k) != NULL, "qSupported advertises %s",
		      want[i]);
		free(k);
		free(all);
	}
	rsp_buf_free(&b);

	rsp_buf_init(&b);
	rsp_supported_features(&b, false);
	CHECK(!strstr(b.data, "ConditionalBreakpoints+") &&
		      !strstr(b.data, "BreakpointCommands+") &&
		      strstr(b.data, ";swbreak+;hwbreak+;"),
	      "qSupported without single-step: no target-side conditions "
	      "or commands");
	rsp_buf_free(&b);
}

static void test_xfer(void)
{
	static const struct {
		const char *object;
		enum rsp_cmd cmd;
	} objs[] = {
		{ "features", RSP_CMD_XFER_READ },
		{ "threads", RSP_CMD_XFER_READ },
		{ "auxv", RSP_CMD_XFER_READ },
		{ "exec-file", RSP_CMD_XFER_READ },
		{ "libraries-svr4", RSP_CMD_XFER_READ },
		{ "siginfo", RSP_CMD_XFER_READ },
		{ "osdata", RSP_CMD_XFER_READ },
	};
	size_t i;

	for (i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		char *s = concat("qXfer:", objs[i].object,
				 ":read:an:nex:1f,ffb", NULL);

		OK(s, objs[i].cmd);
		CHECK(strcmp(R.u.xfer.object, objs[i].object) == 0 &&
			      strcmp(R.u.xfer.annex, "an:nex") == 0 &&
			      R.u.xfer.offset == 0x1f &&
			      R.u.xfer.length == 0xffb,
		      "qXfer:%s:read args", objs[i].object);
		free(s);
	}
	OK("qXfer:features:read:target.xml:0,3fff", RSP_CMD_XFER_READ);
	CHECK(strcmp(R.u.xfer.annex, "target.xml") == 0 &&
		      R.u.xfer.offset == 0 && R.u.xfer.length == 0x3fff,
	      "qXfer:features:read:target.xml");
	OK("qXfer:auxv:read::0,1000", RSP_CMD_XFER_READ);
	CHECK(strcmp(R.u.xfer.annex, "") == 0, "empty annex");
	OK("qXfer:libraries-svr4:read:start=7ffff7fc1000;prev=0:0,fff",
	   RSP_CMD_XFER_READ);
	CHECK(strcmp(R.u.xfer.annex, "start=7ffff7fc1000;prev=0") == 0,
	      "libraries-svr4 annex");
	BAD("qXfer:features:read:");
	BAD("qXfer:features:read:target.xml");
	BAD("qXfer:features:read:target.xml:");
	BAD("qXfer:features:read:target.xml:0");
	BAD("qXfer:features:read:target.xml:0,");
	BAD("qXfer:features:read:target.xml:,10");
	BAD("qXfer:features:read:target.xml:0,10,");
	BAD("qXfer:features:read:target.xml:10000000000000000,10");

	{
		static const char w[] = "qXfer:siginfo:write::10:a}\x03:\0b";
		const struct rsp_request *r = parse_n(w, sizeof(w) - 1);

		CHECK(r->cmd == RSP_CMD_XFER_WRITE &&
			      strcmp(r->u.xfer.object, "siginfo") == 0 &&
			      strcmp(r->u.xfer.annex, "") == 0 &&
			      r->u.xfer.offset == 0x10 &&
			      r->u.xfer.length == 5 &&
			      memcmp(r->u.xfer.data, "a#:\0b", 5) == 0,
		      "qXfer:siginfo:write unescapes its data");
	}
	OK("qXfer:siginfo:write::0:", RSP_CMD_XFER_WRITE);
	CHECK(R.u.xfer.length == 0, "empty xfer write");
	BAD("qXfer:siginfo:write::0");
	BAD("qXfer:siginfo:write:");
	BAD("qXfer:siginfo:write::x:00");
	BAD("qXfer:siginfo:write::0:}");
}

static void test_vfile(void)
{
	static const char pw[] = "vFile:pwrite:5,10:}\x03\0";
	const struct rsp_request *r;

	OK("vFile:open:2f746d70,0,1a4", RSP_CMD_VFILE);
	CHECK(strcmp(R.u.vfile.op, "open") == 0 && R.u.vfile.args_len == 14 &&
		      memcmp(R.u.vfile.args, "2f746d70,0,1a4", 14) == 0,
	      "vFile:open");
	r = parse_n(pw, sizeof(pw) - 1);
	CHECK(r->cmd == RSP_CMD_VFILE && strcmp(r->u.vfile.op, "pwrite") == 0 &&
		      r->u.vfile.args_len == 8 &&
		      memcmp(r->u.vfile.args, "5,10:}\x03\0", 8) == 0,
	      "vFile:pwrite args stay raw (escapes kept)");
	OK("vFile:setfs:0", RSP_CMD_VFILE);
	OK("vFile:close:", RSP_CMD_VFILE);
	CHECK(R.u.vfile.args_len == 0, "vFile empty args");
	BAD("vFile:");
	BAD("vFile:open");
	BAD("vFile::1");
	UNKNOWN("vFile");
}

static void test_process(void)
{
	OK("qAttached", RSP_CMD_ATTACHED);
	CHECK(R.u.pid.pid == 0, "qAttached without pid");
	OK("qAttached:3e8", RSP_CMD_ATTACHED);
	CHECK(R.u.pid.pid == 0x3e8, "qAttached:pid");
	BAD("qAttached:");
	BAD("qAttached:x");
	BAD("qAttached:1;");

	OK("vAttach;3e8", RSP_CMD_VATTACH);
	CHECK(R.u.pid.pid == 0x3e8, "vAttach pid");
	BAD("vAttach;");
	BAD("vAttach;0");
	BAD("vAttach;-1");
	BAD("vAttach;1x");
	BAD("vAttach;8000000000000000");
	OK("vKill;3e8", RSP_CMD_VKILL);
	CHECK(R.u.pid.pid == 0x3e8, "vKill pid");
	BAD("vKill;");
	BAD("vKill;z");

	OK("D", RSP_CMD_DETACH);
	CHECK(R.u.pid.pid == 0, "D without pid");
	OK("D;3e8", RSP_CMD_DETACH);
	CHECK(R.u.pid.pid == 0x3e8, "D;pid");
	BAD("D;");
	BAD("D3e8");
	BAD("D;3e8;");

	OK("vRun;2f62696e2f6c73;2d6c;;6120622063", RSP_CMD_VRUN);
	CHECK(R.u.run.argc == 4 && strcmp(R.u.run.argv[0], "/bin/ls") == 0 &&
		      strcmp(R.u.run.argv[1], "-l") == 0 &&
		      strcmp(R.u.run.argv[2], "") == 0 &&
		      strcmp(R.u.run.argv[3], "a b c") == 0 &&
		      R.u.run.argv[4] == NULL,
	      "vRun argv");
	OK("vRun;", RSP_CMD_VRUN);
	CHECK(R.u.run.argc == 1 && strcmp(R.u.run.argv[0], "") == 0 &&
		      R.u.run.argv[1] == NULL,
	      "vRun with empty program");
	OK("vRun;;61", RSP_CMD_VRUN);
	CHECK(R.u.run.argc == 2 && !R.u.run.argv[0][0] &&
		      strcmp(R.u.run.argv[1], "a") == 0,
	      "vRun empty program with arguments");
	BAD("vRun;6");
	BAD("vRun;zz");
	BAD("vRun;61;6");
	BAD("vRun;6100");
	UNKNOWN("vRun");

	OK("qRcmd,68656c70", RSP_CMD_MONITOR);
	CHECK(strcmp(R.u.monitor.command, "help") == 0, "qRcmd decodes");
	OK("qRcmd,", RSP_CMD_MONITOR);
	CHECK(strcmp(R.u.monitor.command, "") == 0, "qRcmd empty");
	BAD("qRcmd,6");
	BAD("qRcmd,zz");
	UNKNOWN("qRcmd");

	OK("qSymbol::", RSP_CMD_SYMBOL);
	CHECK(R.u.symbol.name == NULL, "qSymbol:: offers look-ups");
	OK("qSymbol:7ffff7dd1000:6d61696e", RSP_CMD_SYMBOL);
	CHECK(R.u.symbol.name && strcmp(R.u.symbol.name, "main") == 0 &&
		      R.u.symbol.found && R.u.symbol.value == 0x7ffff7dd1000,
	      "qSymbol value:name");
	OK("qSymbol::6d61696e", RSP_CMD_SYMBOL);
	CHECK(R.u.symbol.name && strcmp(R.u.symbol.name, "main") == 0 &&
		      !R.u.symbol.found,
	      "qSymbol ::name: not found");
	BAD("qSymbol:12:");
	BAD("qSymbol:zz:6d61696e");
	BAD("qSymbol:12");
	BAD("qSymbol::6d6");
}

static bool sig_set(int sig)
{
	return R.u.signals.set[sig / 8] & (1u << (sig % 8));
}

static void test_settings(void)
{
	int i, count = 0;

	OK("QPassSignals:e;14;1e;ff", RSP_CMD_PASS_SIGNALS);
	for (i = 0; i < RSP_MAX_GDB_SIGNAL; i++)
		count += sig_set(i);
	CHECK(count == 4 && sig_set(0xe) && sig_set(0x14) && sig_set(0x1e) &&
		      sig_set(0xff),
	      "QPassSignals set");
	OK("QPassSignals:", RSP_CMD_PASS_SIGNALS);
	for (i = 0, count = 0; i < RSP_MAX_GDB_SIGNAL; i++)
		count += sig_set(i);
	CHECK(count == 0, "QPassSignals: empty set");
	OK("QProgramSignals:0;5", RSP_CMD_PROGRAM_SIGNALS);
	CHECK(sig_set(0) && sig_set(5), "QProgramSignals set");
	BAD(sig_packet("QPassSignals:", true));
	OK(sig_packet("QPassSignals:1;", false), RSP_CMD_PASS_SIGNALS);
	CHECK(sig_set(RSP_MAX_GDB_SIGNAL - 1), "largest signal in the set");
	/* GDB ends its lists with ';'.  */
	OK("QPassSignals:1;e;", RSP_CMD_PASS_SIGNALS);
	CHECK(sig_set(1) && sig_set(0xe), "QPassSignals with a trailing ';'");
	BAD("QPassSignals:;1");
	BAD("QPassSignals:1;;2");
	BAD("QPassSignals:1,2");
	BAD("QPassSignals:x");
	BAD("QProgramSignals:10000000000000000");
	UNKNOWN("QPassSignals");

	OK("QNonStop:1", RSP_CMD_NON_STOP);
	CHECK(R.u.flag.value == 1, "QNonStop:1");
	OK("QNonStop:0", RSP_CMD_NON_STOP);
	CHECK(R.u.flag.value == 0, "QNonStop:0");
	OK("QThreadEvents:1", RSP_CMD_THREAD_EVENTS);
	OK("QStartupWithShell:0", RSP_CMD_STARTUP_WITH_SHELL);
	OK("QDisableRandomization:1", RSP_CMD_DISABLE_RANDOMIZATION);
	CHECK(R.u.flag.value == 1, "QDisableRandomization:1");
	BAD("QNonStop:");
	BAD("QNonStop:2");
	BAD("QNonStop:1x");
	BAD("QStartupWithShell:ffffffffffffffffff");
	BAD("QDisableRandomization:-1");
	UNKNOWN("QNonStop");

	OK("QEnvironmentHexEncoded:464f4f3d626172", RSP_CMD_ENV_HEX);
	CHECK(strcmp(R.u.str.text, "FOO=bar") == 0, "QEnvironmentHexEncoded");
	OK("QEnvironmentHexEncoded:464f4f3d", RSP_CMD_ENV_HEX);
	CHECK(strcmp(R.u.str.text, "FOO=") == 0, "env with empty value");
	BAD("QEnvironmentHexEncoded:");
	BAD("QEnvironmentHexEncoded:464f4f");
	BAD("QEnvironmentHexEncoded:3d626172");
	BAD("QEnvironmentHexEncoded:464f4f3d6");
	BAD("QEnvironmentHexEncoded:464f4f3d00");
	OK("QEnvironmentUnset:464f4f", RSP_CMD_ENV_UNSET);
	CHECK(strcmp(R.u.str.text, "FOO") == 0, "QEnvironmentUnset");
	BAD("QEnvironmentUnset:");
	BAD("QEnvironmentUnset:4");
	OK("QSetWorkingDir:2f746d70", RSP_CMD_SET_WORKING_DIR);
	CHECK(strcmp(R.u.str.text, "/tmp") == 0, "QSetWorkingDir");
	OK("QSetWorkingDir:", RSP_CMD_SET_WORKING_DIR);
	CHECK(strcmp(R.u.str.text, "") == 0, "QSetWorkingDir empty");
	BAD("QSetWorkingDir:2f7");
	BAD("QSetWorkingDir:xx");

	OK("QCatchSyscalls:0", RSP_CMD_CATCH_SYSCALLS);
	CHECK(!R.u.syscalls.enable && R.u.syscalls.count == 0,
	      "QCatchSyscalls:0");
	OK("QCatchSyscalls:1", RSP_CMD_CATCH_SYSCALLS);
	CHECK(R.u.syscalls.enable && R.u.syscalls.count == 0,
	      "QCatchSyscalls:1 = all");
	OK("QCatchSyscalls:1;0;3c;e7", RSP_CMD_CATCH_SYSCALLS);
	CHECK(R.u.syscalls.enable && R.u.syscalls.count == 3 &&
		      R.u.syscalls.numbers[0] == 0 &&
		      R.u.syscalls.numbers[1] == 0x3c &&
		      R.u.syscalls.numbers[2] == 0xe7,
	      "QCatchSyscalls:1;list");
	BAD("QCatchSyscalls:");
	BAD("QCatchSyscalls:2");
	BAD("QCatchSyscalls:0;1");
	BAD("QCatchSyscalls:1;");
	BAD("QCatchSyscalls:1;;2");
	BAD("QCatchSyscalls:1;x");
	BAD("QCatchSyscalls:1x");
	BAD("QCatchSyscalls:11");
	BAD("QCatchSyscalls:1;8000000000000000");
}

/* Every table prefix followed by every short suffix from a small
   alphabet, and every prefix truncated: nothing may crash, and a BAD
   always carries a reason.  */
static void test_exhaustive_suffixes(void)
{
	static const char alpha[] = "0a:;,.-p}=";
	const struct rsp_command *t;
	size_t n, i, a, b, c;
	bool ok = true;
	char buf[96];

	t = rsp_command_table(&n);
	for (i = 0; i < n; i++) {
		size_t plen = strlen(t[i].prefix);

		for (a = 0; a <= plen; a++) {
			parse_n(t[i].prefix, a);
			ok &= R.cmd != RSP_CMD_BAD || (R.error && R.error[0]);
		}
		memcpy(buf, t[i].prefix, plen);
		for (a = 0; a < sizeof(alpha) - 1; a++)
			for (b = 0; b < sizeof(alpha) - 1; b++)
				for (c = 0; c < sizeof(alpha) - 1; c++) {
					buf[plen] = alpha[a];
					buf[plen + 1] = alpha[b];
					buf[plen + 2] = alpha[c];
					parse_n(buf, plen + 1);
					parse_n(buf, plen + 2);
					parse_n(buf, plen + 3);
					ok &= R.cmd != RSP_CMD_BAD ||
					      (R.error && R.error[0]);
				}
	}
	CHECK(ok, "all prefixes with short suffixes parse without crashing");
}

static void test_large(void)
{
	size_t n = RSP_MAX_PACKET, i;
	char *s = xmalloc(n + 1);

	/* A G packet filling the whole packet buffer.  */
	s[0] = 'G';
	for (i = 1; i < n; i++)
		s[i] = "0f"[i & 1];
	parse_n(s, n - 1);
	CHECK(R.cmd == RSP_CMD_WRITE_REGS && R.u.reg.len == (n - 2) / 2,
	      "G of %zu bytes", (n - 2) / 2);
	/* A vCont with thousands of actions.  */
	strcpy(s, "vCont");
	for (i = 5; i + 4 < n; i += 4)
		memcpy(s + i, ";s:1", 4);
	parse_n(s, i);
	CHECK(R.cmd == RSP_CMD_VCONT && R.u.vcont.count == (i - 5) / 4,
	      "vCont with %zu actions", (i - 5) / 4);
	/* vRun with thousands of empty arguments.  */
	memcpy(s, "vRun", 4);
	memset(s + 4, ';', n - 4);
	parse_n(s, n);
	CHECK(R.cmd == RSP_CMD_VRUN && R.u.run.argc == (int)(n - 4),
	      "vRun with %zu empty arguments", n - 4);
	/* A huge hex number.  */
	s[0] = 'm';
	memset(s + 1, '0', n - 4);
	memcpy(s + n - 3, "1,1", 3);
	parse_n(s, n);
	CHECK(R.cmd == RSP_CMD_READ_MEM && R.u.mem.addr == 1,
	      "leading zeros do not overflow");
	memset(s + 1, 'f', n - 4);
	parse_n(s, n);
	CHECK(R.cmd == RSP_CMD_BAD, "a huge number is BAD");
	free(s);
}

int main(void)
{
	test_table();
	test_unknown();
	test_simple();
	test_regs();
	test_mem();
	test_bp();
	test_resume();
	test_threads();
	test_supported();
	test_xfer();
	test_vfile();
	test_process();
	test_settings();
	test_exhaustive_suffixes();
	test_large();
	rsp_request_free(&R);
	rsp_request_free(&R);
	free(payload);
	return UNIT_DONE();
}

/* osdata.c - qXfer:osdata:read, GDB's "info os": tables of the system's
   processes, process groups, threads, open files, internet sockets,
   System V IPC objects, kernel modules and CPUs, read from /proc, with
   the column names GDB's own Linux support uses.  Each table is
   <osdata type="..."><item><column name="...">value</column>...  */
#include "config.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libiberty/libiberty.h>
#include "osdata.h"
#include "procfs.h"
#include "xml_writer.h"

static void column(struct rsp_buf *doc, const char *name, const char *value)
{
	rsp_buf_puts(doc, "<column");
	xml_attr(doc, "name", name);
	rsp_buf_putc(doc, '>');
	xml_text(doc, value);
	rsp_buf_puts(doc, "</column>");
}

static void column_fmt(struct rsp_buf *doc, const char *name, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));
static void column_fmt(struct rsp_buf *doc, const char *name, const char *fmt,
		       ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	column(doc, name, buf);
}

/* ---- /proc helpers ---- */

/* The numeric entries of directory PATH (processes, tasks, fds), in
   ascending order; *N of them.  */
static long *numeric_entries(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	long *v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char *end;
		long x = strtol(de->d_name, &end, 10);

		if (*de->d_name < '0' || *de->d_name > '9' || *end)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = x;
	}
	closedir(d);
	for (size_t i = 1; i < *n; i++) /* insertion sort: nearly sorted */
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			long t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v;
}

/* The name in /proc/PID/stat (without parentheses), or PID itself.  */
static void comm_of(long pid, char *buf, size_t size)
{
	procfs_thread_name((pid_t)pid, (pid_t)pid, buf, size);
	if (!*buf)
		snprintf(buf, size, "%ld", pid);
}

/* The command line with spaces between the arguments; "" if none.  */
static char *cmdline_of(long pid)
{
	size_t len = 0;
	char *s = procfs_read_file((pid_t)pid, "cmdline", &len);

	if (!s)
		return xstrdup("");
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0')
			s[i] = ' ';
	while (len && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	return s;
}

static void user_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
}

static void group_name(gid_t gid, char *buf, size_t size)
{
	struct group *gr = getgrgid(gid);

	if (gr)
		snprintf(buf, size, "%s", gr->gr_name);
	else
		snprintf(buf, size, "%u", (unsigned)gid);
}

static void time_text(long long secs, char *buf, size_t size)
{
	time_t t = (time_t)secs;
	struct tm tm;

	buf[0] = '\0';
	if (secs && localtime_r(&t, &tm))
		strftime(buf, size, "%a %b %e %H:%M:%S %Y", &tm);
}

/* ---- the tables ---- */

static void processes(struct rsp_buf *doc)
{
	size_t n, nt;
	long *pids = numeric_entries("/proc", &n);

	for (size_t i = 0; i < n; i++) {
		char path[64], user[64], cores[256] = "";
		struct stat st;
		char *cmd;
		long *tids;
		bool seen[1024] = { false };

		snprintf(path, sizeof(path), "/proc/%ld", pids[i]);
		if (stat(path, &st) < 0)
			continue;
		user_name(st.st_uid, user, sizeof(user));
		snprintf(path, sizeof(path), "/proc/%ld/task", pids[i]);
		tids = numeric_entries(path, &nt);
		for (size_t j = 0; j < nt; j++) {
			int c = procfs_thread_core((pid_t)pids[i],
						   (pid_t)tids[j]);

			if (c >= 0 && c < 1024)
				seen[c] = true;
		}
		free(tids);
		for (int c = 0; c < 1024; c++) {
			size_t l = strlen(cores);

			if (seen[c])
				snprintf(cores + l, sizeof(cores) - l, "%s%d",
					 l ? "," : "", c);
		}
		cmd = cmdline_of(pids[i]);
		rsp_buf_puts(doc, "<item>");
		column_fmt(doc, "pid", "%ld", pids[i]);
		column(doc, "user", user);
		column(doc, "command", cmd);
		column(doc, "cores", cores);
		rsp_buf_puts(doc, "</item>\n");
		free(cmd);
	}
	free(pids);
}

struct pgid_pid {
	long pgid, pid;
};

static int by_pgid(const void *a, const void *b)
{
	const struct pgid_pid *x = a, *y = b;

	if (x->pgid != y->pgid)
		return x->pgid < y->pgid ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static void procgroups(struct rsp_buf *doc)
{
	size_t n, m = 0;
	long *pids = numeric_entries("/proc", &n);
	struct pgid_pid *v = xcalloc(n ? n : 1, sizeof(*v));

	for (size_t i = 0; i < n; i++) {
		char path[64];
		FILE *f;
		long pgid;

		snprintf(path, sizeof(path), "/proc/%ld/stat", pids[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		/* pid (comm) state ppid pgrp: comm may hold spaces.  */
		if (fscanf(f, "%*d (%*[^)]) %*c %*d %ld", &pgid) == 1) {
			v[m].pgid = pgid;
			v[m++].pid = pids[i];
		}
		fclose(f);
	}
	qsort(v, m, sizeof(*v), by_pgid);
	for (size_t i = 0; i < m; i++) {
		char leader[64];
		char *cmd = cmdline_of(v[i].pid);

		comm_of(v[i].pgid, leader, sizeof(leader));
		rsp_buf_puts(doc, "<item>");
		column_fmt(doc, "pgid", "%ld", v[i].pgid);
		column(doc, "leader command", leader);
		column_fmt(doc, "pid", "%ld", v[i].pid);
		column(doc, "command line", cmd);
		rsp_buf_puts(doc, "</item>\n");
		free(cmd);
	}
	free(v);
	free(pids);
}

static void threads(struct rsp_buf *doc)
{
	size_t n, nt;
	long *pids = numeric_entries("/proc", &n);

	for (size_t i = 0; i < n; i++) {
		char path[64], comm[64];
		long *tids;

		snprintf(path, sizeof(path), "/proc/%ld/task", pids[i]);
		tids = numeric_entries(path, &nt);
		comm_of(pids[i], comm, sizeof(comm));
		for (size_t j = 0; j < nt; j++) {
			rsp_buf_puts(doc, "<item>");
			column_fmt(doc, "pid", "%ld", pids[i]);
			column(doc, "command", comm);
			column_fmt(doc, "tid", "%ld", tids[j]);
			column_fmt(doc, "core", "%d",
				   procfs_thread_core((pid_t)pids[i],
						      (pid_t)tids[j]));
			rsp_buf_puts(doc, "</item>\n");
		}
		free(tids);
	}
	free(pids);
}

static void files(struct rsp_buf *doc)
{
	size_t n, nf;
	long *pids = numeric_entries("/proc", &n);

	for (size_t i = 0; i < n; i++) {
		char path[64], comm[64], target[4096];
		long *fds;

		snprintf(path, sizeof(path), "/proc/%ld/fd", pids[i]);
		fds = numeric_entries(path, &nf);
		comm_of(pids[i], comm, sizeof(comm));
		for (size_t j = 0; j < nf; j++) {
			ssize_t l;

			snprintf(path, sizeof(path), "/proc/%ld/fd/%ld",
				 pids[i], fds[j]);
			l = readlink(path, target, sizeof(target) - 1);
			if (l < 0)
				continue;
			target[l] = '\0';
			rsp_buf_puts(doc, "<item>");
			column_fmt(doc, "pid", "%ld", pids[i]);
			column(doc, "command", comm);
			column_fmt(doc, "file descriptor", "%ld", fds[j]);
			column(doc, "name", target);
			rsp_buf_puts(doc, "</item>\n");
		}
		free(fds);
	}
	free(pids);
}

static const char *const tcp_states[] = {
	"",	      "ESTABLISHED", "SYN_SENT",  "SYN_RECV",
	"FIN_WAIT1",  "FIN_WAIT2",   "TIME_WAIT", "CLOSE",
	"CLOSE_WAIT", "LAST_ACK",    "LISTEN",	  "CLOSING",
};

/* "0100007F:1F90" (the address as the kernel's words print in hex) into
   text and a port.  */
static bool parse_endpoint(const char *s, bool v6, char *addr, size_t size,
			   unsigned *port)
{
	uint32_t w[4];
	int nw = v6 ? 4 : 1;

	for (int i = 0; i < nw; i++)
		if (sscanf(s + 8 * i, "%8x", &w[i]) != 1)
			return false;
	if (s[8 * nw] != ':' || sscanf(s + 8 * nw + 1, "%x", port) != 1)
		return false;
	/* Each word was printed as a host-order integer: its bytes in
	   memory are the address bytes.  */
	return inet_ntop(v6 ? AF_INET6 : AF_INET, w, addr, (socklen_t)size);
}

static void sockets_of(struct rsp_buf *doc, const char *file, bool v6, bool tcp)
{
	FILE *f = fopen(file, "r");
	char line[512];

	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) { /* the header */
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char local[80], remote[80], la[64], ra[64], user[64];
		unsigned lport, rport, state, uid;

		if (sscanf(line, "%*d: %79s %79s %x %*s %*s %*s %u", local,
			   remote, &state, &uid) != 4 ||
		    !parse_endpoint(local, v6, la, sizeof(la), &lport) ||
		    !parse_endpoint(remote, v6, ra, sizeof(ra), &rport))
			continue;
		user_name(uid, user, sizeof(user));
		rsp_buf_puts(doc, "<item>");
		column(doc, "local address", la);
		column_fmt(doc, "local port", "%u", lport);
		column(doc, "remote address", ra);
		column_fmt(doc, "remote port", "%u", rport);
		column(doc, "state",
		       tcp && state < sizeof(tcp_states) / sizeof(*tcp_states) ?
			       tcp_states[state] :
			       "");
		column(doc, "user", user);
		column(doc, "family", v6 ? "INET6" : "INET");
		column(doc, "protocol", tcp ? "STREAM" : "DGRAM");
		rsp_buf_puts(doc, "</item>\n");
	}
	fclose(f);
}

static void sockets(struct rsp_buf *doc)
{
	sockets_of(doc, "/proc/net/tcp", false, true);
	sockets_of(doc, "/proc/net/udp", false, false);
	sockets_of(doc, "/proc/net/tcp6", true, true);
	sockets_of(doc, "/proc/net/udp6", true, false);
}

/* The lines of /proc/sysvipc/NAME after its header, as fields.  */
static FILE *open_sysvipc(const char *name)
{
	char path[64], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", name);
	f = fopen(path, "r");
	if (f && !fgets(line, sizeof(line), f)) {
		fclose(f);
		return NULL;
	}
	return f;
}

/* The owner and creator columns every IPC table has.  */
static void ipc_owners(struct rsp_buf *doc, unsigned uid, unsigned gid,
		       unsigned cuid, unsigned cgid)
{
	char name[64];

	user_name(uid, name, sizeof(name));
	column(doc, "user", name);
	group_name(gid, name, sizeof(name));
	column(doc, "group", name);
	user_name(cuid, name, sizeof(name));
	column(doc, "creator user", name);
	group_name(cgid, name, sizeof(name));
	column(doc, "creator group", name);
}

static void time_column(struct rsp_buf *doc, const char *name, long long t)
{
	char buf[64];

	time_text(t, buf, sizeof(buf));
	column(doc, name, buf);
}

static void shm(struct rsp_buf *doc)
{
	FILE *f = open_sysvipc("shm");
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		int key, id, nattch;
		unsigned perms, uid, gid, cuid, cgid;
		unsigned long long size;
		long cpid, lpid;
		long long at, dt, ct;
		char cc[64], lc[64];

		if (sscanf(line,
			   "%d %d %o %llu %ld %ld %d %u %u %u %u %lld %lld %lld",
			   &key, &id, &perms, &size, &cpid, &lpid, &nattch,
			   &uid, &gid, &cuid, &cgid, &at, &dt, &ct) != 14)
			continue;
		comm_of(cpid, cc, sizeof(cc));
		comm_of(lpid, lc, sizeof(lc));
		rsp_buf_puts(doc, "<item>");
		column_fmt(doc, "key", "%d", key);
		column_fmt(doc, "shmid", "%d", id);
		column_fmt(doc, "permissions", "%o", perms & 0777);
		column_fmt(doc, "size", "%llu", size);
		column(doc, "creator command", cc);
		column(doc, "last op. command", lc);
		column_fmt(doc, "num attached", "%d", nattch);
		ipc_owners(doc, uid, gid, cuid, cgid);
		time_column(doc, "last shmat() time", at);
		time_column(doc, "last shmdt() time", dt);
		time_column(doc, "last shmctl() time", ct);
		rsp_buf_puts(doc, "</item>\n");
	}
	if (f)
		fclose(f);
}

static void semaphores(struct rsp_buf *doc)
{
	FILE *f = open_sysvipc("sem");
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		int key, id;
		unsigned perms, nsems, uid, gid, cuid, cgid;
		long long ot, ct;

		if (sscanf(line, "%d %d %o %u %u %u %u %u %lld %lld", &key, &id,
			   &perms, &nsems, &uid, &gid, &cuid, &cgid, &ot,
			   &ct) != 10)
			continue;
		rsp_buf_puts(doc, "<item>");
		column_fmt(doc, "key", "%d", key);
		column_fmt(doc, "semid", "%d", id);
		column_fmt(doc, "permissions", "%o", perms & 0777);
		column_fmt(doc, "num semaphores", "%u", nsems);
		ipc_owners(doc, uid, gid, cuid, cgid);
		time_column(doc, "last semop() time", ot);
		time_column(doc, "last semctl() time", ct);
		rsp_buf_puts(doc, "</item>\n");
	}
	if (f)
		fclose(f);
}

static void msg(struct rsp_buf *doc)
{
	FILE *f = open_sysvipc("msg");
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		int key, id;
		unsigned perms, cbytes, qnum, uid, gid, cuid, cgid;
		long lspid, lrpid;
		long long st, rt, ct;
		char sc[64], rc[64];

		if (sscanf(line,
			   "%d %d %o %u %u %ld %ld %u %u %u %u %lld %lld %lld",
			   &key, &id, &perms, &cbytes, &qnum, &lspid, &lrpid,
			   &uid, &gid, &cuid, &cgid, &st, &rt, &ct) != 14)
			continue;
		comm_of(lspid, sc, sizeof(sc));
		comm_of(lrpid, rc, sizeof(rc));
		rsp_buf_puts(doc, "<item>");
		column_fmt(doc, "key", "%d", key);
		column_fmt(doc, "msqid", "%d", id);
		column_fmt(doc, "permissions", "%o", perms & 0777);
		column_fmt(doc, "num used bytes", "%u", cbytes);
		column_fmt(doc, "num messages", "%u", qnum);
		column(doc, "last msgsnd() command", lspid ? sc : "");
		column(doc, "last msgrcv() command", lrpid ? rc : "");
		ipc_owners(doc, uid, gid, cuid, cgid);
		time_column(doc, "last msgsnd() time", st);
		time_column(doc, "last msgrcv() time", rt);
		time_column(doc, "last msgctl() time", ct);
		rsp_buf_puts(doc, "</item>\n");
	}
	if (f)
		fclose(f);
}

static void modules(struct rsp_buf *doc)
{
	FILE *f = fopen("/proc/modules", "r");
	char line[1024];

	while (f && fgets(line, sizeof(line), f)) {
		char name[256], deps[512], status[32];
		unsigned size;
		int uses;
		unsigned long long addr = 0;
		size_t l;

		if (sscanf(line, "%255s %u %d %511s %31s %llx", name, &size,
			   &uses, deps, status, &addr) < 5)
			continue;
		l = strlen(deps);
		if (strcmp(deps, "-") == 0)
			deps[0] = '\0';
		else if (l && deps[l - 1] == ',')
			deps[l - 1] = '\0';
		rsp_buf_puts(doc, "<item>");
		column(doc, "name", name);
		column_fmt(doc, "size", "%u", size);
		column_fmt(doc, "num uses", "%d", uses);
		column(doc, "dependencies", deps);
		column(doc, "status", status);
		column_fmt(doc, "address", "%llx", addr);
		rsp_buf_puts(doc, "</item>\n");
	}
	if (f)
		fclose(f);
}

/* One item a processor, one column a "key : value" line of cpuinfo.  */
static void cpus(struct rsp_buf *doc)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[4096];
	bool open = false;

	while (f && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *key = line, *val, *end;

		if (!colon) {
			if (open)
				rsp_buf_puts(doc, "</item>\n");
			open = false;
			continue;
		}
		*colon = '\0';
		for (end = colon;
		     end > key && (end[-1] == ' ' || end[-1] == '\t');)
			*--end = '\0';
		val = colon + 1;
		val += strspn(val, " \t");
		val[strcspn(val, "\n")] = '\0';
		if (!open)
			rsp_buf_puts(doc, "<item>");
		open = true;
		column(doc, key, val);
	}
	if (open)
		rsp_buf_puts(doc, "</item>\n");
	if (f)
		fclose(f);
}

static void types(struct rsp_buf *doc);

static const struct osdata_table {
	const char *type, *title, *description;
	void (*build)(struct rsp_buf *doc);
	const char *doc_type; /* the osdata element's type */
} tables[] = {
	{ "types", "Types", "Listing of info os types you can list", types,
	  "types" },
	{ "cpus", "CPUs", "Listing of all cpus/cores on the system", cpus,
	  "cpus" },
	{ "files", "File descriptors", "Listing of all file descriptors", files,
	  "files" },
	{ "modules", "Kernel modules", "Listing of all loaded kernel modules",
	  modules, "modules" },
	{ "msg", "Message queues", "Listing of all message queues", msg,
	  "message queues" },
	{ "processes", "Processes", "Listing of all processes", processes,
	  "processes" },
	{ "procgroups", "Process groups", "Listing of all process groups",
	  procgroups, "process groups" },
	{ "semaphores", "Semaphores", "Listing of all semaphores", semaphores,
	  "semaphores" },
	{ "shm", "Shared-memory regions",
	  "Listing of all shared-memory regions", shm, "shared memory" },
	{ "sockets", "Sockets", "Listing of all internet-domain sockets",
	  sockets, "I sockets" },
	{ "threads", "Threads", "Listing of all threads", threads, "threads" },
};

static void types(struct rsp_buf *doc)
{
	for (size_t i = 1; i < sizeof(tables) / sizeof(tables[0]); i++) {
		rsp_buf_puts(doc, "<item>");
		column(doc, "Type", tables[i].type);
		column(doc, "Description", tables[i].description);
		column(doc, "Title", tables[i].title);
		rsp_buf_puts(doc, "</item>\n");
	}
}

void osdata_build(const char *annex, struct rsp_buf *doc)
{
	const struct osdata_table *t = NULL;

	if (!annex || !*annex)
		annex = "types";
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (strcmp(annex, tables[i].type) == 0)
			t = &tables[i];
	if (!t)
		return; /* nothing: GDB says the type is wrong */
	rsp_buf_puts(doc, "<osdata");
	xml_attr(doc, "type", t->doc_type);
	rsp_buf_puts(doc, ">\n");
	t->build(doc);
	rsp_buf_puts(doc, "</osdata>\n");
}

/* libthread_db.c - thread-local storage addresses (qGetTLSAddr) through the
   C library's libthread_db, loaded with dlopen along the
   libthread-db-search-path as gdbserver does.  libthread_db finds the
   library's internals by symbol name (ps_pglobal_lookup); the symbols
   come from GDB through qSymbol.  Rather than asking GDB in the middle
   of a lookup, td_ta_new is run again after each answer: a name it
   needed and did not have becomes the next qSymbol request, until it
   succeeds or nothing new is needed.  Then every other name of
   td_symbol_list is asked for, as libthread_db looks them up later,
   when a TLS address is wanted.  The proc_service callbacks below are
   exported to libthread_db (libthread_db.list).  */
#include "config.h"
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <proc_service.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/reg.h>
#include <sys/user.h>
#include <thread_db.h>
#include <libiberty/libiberty.h>
#include "engine.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "ptrace_ops.h"
#include "libthread_db.h"

#define DEFAULT_SEARCH_PATH "$pdir:$sdir"
#define LIBTHREAD_DB "libthread_db.so.1"

struct symbol {
	char *name;
	uint64_t addr;
	bool found;
};

/* libthread_db's handle on a process (struct ps_prochandle is ours to
   define).  */
struct ps_prochandle {
	struct process *p;
};

/* The functions of libthread_db quietstub calls.  */
struct td_api {
	td_err_e (*init)(void);
	td_err_e (*ta_new)(struct ps_prochandle *, td_thragent_t **);
	td_err_e (*ta_delete)(td_thragent_t *);
	td_err_e (*map_lwp2thr)(const td_thragent_t *, lwpid_t,
				td_thrhandle_t *);
	td_err_e (*tls_get_addr)(const td_thrhandle_t *, psaddr_t, size_t,
				 psaddr_t *);
	td_err_e (*tlsbase)(const td_thrhandle_t *, unsigned long, psaddr_t *);
	const char **(*symbol_list)(void);
	td_err_e (*thr_iter)(const td_thragent_t *, td_thr_iter_f *, void *,
			     td_thr_state_e, int, sigset_t *, unsigned int);
	td_err_e (*thr_get_info)(const td_thrhandle_t *, td_thrinfo_t *);
};

struct thread_db {
	struct ps_prochandle ph;
	void *lib; /* dlopen handle, once its functions are found */
	struct td_api api; /* valid with lib */
	td_thragent_t *ta;
	struct symbol *syms;
	size_t nsyms;
	char *wanted; /* first unknown name the last td_ta_new asked for */
	/* td_symbol_list's names before this one were all asked for */
	size_t listed;
};

static char *search_path;

/* ---- proc_service: what libthread_db asks of the debugger ---- */

ps_err_e ps_pglobal_lookup(struct ps_prochandle *ph, const char *obj,
			   const char *name, psaddr_t *addr)
{
	struct thread_db *db = ph->p->thread_db;

	(void)obj;
	for (size_t i = 0; i < db->nsyms; i++) {
		if (strcmp(db->syms[i].name, name) != 0)
			continue;
		if (!db->syms[i].found)
			return PS_NOSYM;
		*addr = (psaddr_t)(uintptr_t)db->syms[i].addr;
		return PS_OK;
	}
	if (!db->wanted)
		db->wanted = xstrdup(name);
	return PS_NOSYM;
}

ps_err_e ps_pdread(struct ps_prochandle *ph, psaddr_t addr, void *buf,
		   size_t size)
{
	ssize_t n = mem_read(ph->p, (uint64_t)(uintptr_t)addr, buf, size);

	return n == (ssize_t)size ? PS_OK : PS_ERR;
}

ps_err_e ps_pdwrite(struct ps_prochandle *ph, psaddr_t addr, const void *buf,
		    size_t size)
{
	return mem_write(ph->p, (uint64_t)(uintptr_t)addr, buf, size) == 0 ?
		       PS_OK :
		       PS_ERR;
}

ps_err_e ps_lgetregs(struct ps_prochandle *ph, lwpid_t lwp, prgregset_t gregs)
{
	size_t len = sizeof(prgregset_t);

	(void)ph;
	return pt_get_regset(lwp, NT_PRSTATUS, gregs, &len) == 0 ? PS_OK :
								   PS_ERR;
}

ps_err_e ps_lgetfpregs(struct ps_prochandle *ph, lwpid_t lwp,
		       prfpregset_t *fpregs)
{
	size_t len = sizeof(*fpregs);

	(void)ph;
	return pt_get_regset(lwp, NT_PRFPREG, fpregs, &len) == 0 ? PS_OK :
								   PS_ERR;
}

/* libthread_db only writes registers for td_thr_set*regs, which
   quietstub never calls: the client writes registers itself.  */
ps_err_e ps_lsetregs(struct ps_prochandle *ph, lwpid_t lwp,
		     const prgregset_t gregs)
{
	(void)ph;
	(void)lwp;
	(void)gregs;
	return PS_ERR;
}

ps_err_e ps_lsetfpregs(struct ps_prochandle *ph, lwpid_t lwp,
		       const prfpregset_t *fpregs)
{
	(void)ph;
	(void)lwp;
	(void)fpregs;
	return PS_ERR;
}

/* The thread pointer: on x86-64 libthread_db names the fs or gs base
   by its index in the general registers (FS, GS of <sys/reg.h>), on
   i386 the descriptor of the gs selector; on AArch64 it is TPIDR_EL0,
   on 32-bit ARM TPIDRURO.  (RISC-V's is tp, which libthread_db reads
   through ps_lgetregs.)  */
ps_err_e ps_get_thread_area(struct ps_prochandle *ph, lwpid_t lwp, int idx,
			    void **base)
{
#if defined(__x86_64__)
	struct user_regs_struct regs;
	size_t len = sizeof(regs);

	(void)ph;
	if ((idx != FS && idx != GS) ||
	    pt_get_regset(lwp, NT_PRSTATUS, &regs, &len) < 0)
		return PS_ERR;
	*base = (void *)(uintptr_t)(idx == FS ? regs.fs_base : regs.gs_base);
	return PS_OK;
#elif defined(__i386__)
	/* IDX is the GDT entry of the gs selector (libthread_db shifts
	   it); its base is the thread pointer.  */
	uint64_t tp;

	(void)ph;
	if (pt_get_thread_area(lwp, idx, &tp) < 0)
		return PS_ERR;
	*base = (void *)(uintptr_t)tp;
	return PS_OK;
#elif defined(__aarch64__)
	/* TPIDR_EL0; libthread_db passes the offset of the thread
	   descriptor from it as IDX, to be taken off.  */
	uint64_t tls[2];
	size_t len = sizeof(tls);

	(void)ph;
	if (pt_get_regset(lwp, NT_ARM_TLS, tls, &len) < 0 || len < 8)
		return PS_ERR;
	*base = (void *)(uintptr_t)(tls[0] - (uint64_t)idx);
	return PS_OK;
#elif defined(__arm__)
	/* TPIDRURO, less IDX as on AArch64.  */
	uint32_t tp;
	size_t len = sizeof(tp);

	(void)ph;
	if (pt_get_regset(lwp, ARCH_NOTE_ARM_THREAD_AREA, &tp, &len) < 0)
		return PS_ERR;
	*base = (void *)(uintptr_t)(tp - (uint32_t)idx);
	return PS_OK;
#else
	(void)ph;
	(void)lwp;
	(void)idx;
	(void)base;
	return PS_ERR;
#endif
}

pid_t ps_getpid(struct ps_prochandle *ph)
{
	return ph->p->pid;
}

/* ---- loading ---- */

static bool load_api(void *lib, struct td_api *api)
{
	api->init = (td_err_e(*)(void))dlsym(lib, "td_init");
	api->ta_new = (td_err_e(*)(struct ps_prochandle *,
				   td_thragent_t **))dlsym(lib, "td_ta_new");
	api->ta_delete =
		(td_err_e(*)(td_thragent_t *))dlsym(lib, "td_ta_delete");
	api->map_lwp2thr =
		(td_err_e(*)(const td_thragent_t *, lwpid_t,
			     td_thrhandle_t *))dlsym(lib, "td_ta_map_lwp2thr");
	api->tls_get_addr =
		(td_err_e(*)(const td_thrhandle_t *, psaddr_t, size_t,
			     psaddr_t *))dlsym(lib, "td_thr_tls_get_addr");
	api->tlsbase = (td_err_e(*)(const td_thrhandle_t *, unsigned long,
				    psaddr_t *))dlsym(lib, "td_thr_tlsbase");
	api->symbol_list = (const char **(*)(void))dlsym(lib, "td_symbol_list");
	api->thr_iter = (td_err_e(*)(const td_thragent_t *, td_thr_iter_f *,
				     void *, td_thr_state_e, int, sigset_t *,
				     unsigned int))dlsym(lib, "td_ta_thr_iter");
	api->thr_get_info =
		(td_err_e(*)(const td_thrhandle_t *, td_thrinfo_t *))dlsym(
			lib, "td_thr_get_info");
	return api->init && api->ta_new && api->ta_delete && api->map_lwp2thr &&
	       api->tls_get_addr && api->symbol_list;
}

/* The directory of the program's C library ($pdir), from its maps.  */
static char *libc_dir(pid_t pid)
{
	size_t len;
	char *maps = procfs_read_file(pid, "maps", &len), *line, *save, *dir;

	if (!maps)
		return NULL;
	for (line = strtok_r(maps, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *path = strchr(line, '/'), *slash;

		if (!path || !strstr(path, "/libc.so"))
			continue;
		slash = strrchr(path, '/');
		dir = xstrndup(path, (size_t)(slash - path));
		free(maps);
		return dir;
	}
	free(maps);
	return NULL;
}

/* dlopen libthread_db from the first entry of the search path that has
   one: $sdir is the system's library path, $pdir the directory of the
   program's C library, anything else a directory.  */
static void *open_library(pid_t pid)
{
	char *path = xstrdup(search_path ? search_path : DEFAULT_SEARCH_PATH);
	char *entry, *save;
	void *lib = NULL;

	for (entry = strtok_r(path, ":", &save); entry && !lib;
	     entry = strtok_r(NULL, ":", &save)) {
		char *dir = NULL, *file;

		if (strcmp(entry, "$sdir") == 0) {
			lib = dlopen(LIBTHREAD_DB, RTLD_NOW);
			continue;
		}
		dir = strcmp(entry, "$pdir") == 0 ? libc_dir(pid) :
						    xstrdup(entry);
		if (!dir)
			continue;
		file = concat(dir, "/", LIBTHREAD_DB, NULL);
		lib = dlopen(file, RTLD_NOW);
		free(file);
		free(dir);
	}
	free(path);
	if (!lib)
		log_debug("no %s on the search path", LIBTHREAD_DB);
	return lib;
}

/* Open libthread_db and find its functions, once per agent.  */
static bool load(struct thread_db *db)
{
	void *lib = open_library(db->ph.p->pid);

	if (!lib)
		return false;
	if (!load_api(lib, &db->api) || db->api.init() != TD_OK) {
		dlclose(lib);
		return false;
	}
	db->lib = lib;
	return true;
}

static struct thread_db *db_of(struct process *p)
{
	if (!p->thread_db) {
		p->thread_db = xcalloc(1, sizeof(struct thread_db));
		p->thread_db->ph.p = p;
	}
	return p->thread_db;
}

static void drop_agent(struct thread_db *db)
{
	if (db->ta)
		db->api.ta_delete(db->ta);
	db->ta = NULL;
	if (db->lib)
		dlclose(db->lib);
	db->lib = NULL;
}

void thread_db_free(struct process *p)
{
	struct thread_db *db = p->thread_db;

	/* An exec's new image has other thread descriptors.  */
	for (struct thread *t = p->threads; t; t = t->next)
		t->thread_db_handle = 0;
	if (!db)
		return;
	drop_agent(db);
	for (size_t i = 0; i < db->nsyms; i++)
		free(db->syms[i].name);
	free(db->syms);
	free(db->wanted);
	free(db);
	p->thread_db = NULL;
}

void thread_db_set_search_path(struct engine *e, const char *path)
{
	free(search_path);
	search_path = *path ? xstrdup(path) : NULL;
	/* The next qSymbol exchange loads it again from the new path.  */
	for (struct process *p = e->procs; p; p = p->next)
		if (p->thread_db)
			drop_agent(p->thread_db);
}

static void remember(struct thread_db *db, const char *name, bool found,
		     uint64_t addr)
{
	for (size_t i = 0; i < db->nsyms; i++)
		if (strcmp(db->syms[i].name, name) == 0) {
			db->syms[i].found = found;
			db->syms[i].addr = addr;
			return;
		}
	db->syms = xrealloc(db->syms, (db->nsyms + 1) * sizeof(*db->syms));
	db->syms[db->nsyms++] = (struct symbol){ xstrdup(name), addr, found };
}

static bool asked(const struct thread_db *db, const char *name)
{
	for (size_t i = 0; i < db->nsyms; i++)
		if (strcmp(db->syms[i].name, name) == 0)
			return true;
	return false;
}

/* New objects were loaded: names GDB did not know may resolve now.  */
static void forget_unknown(struct thread_db *db)
{
	size_t k = 0;

	for (size_t i = 0; i < db->nsyms; i++) {
		if (db->syms[i].found)
			db->syms[k++] = db->syms[i];
		else
			free(db->syms[i].name);
	}
	db->nsyms = k;
	db->listed = 0;
}

const char *thread_db_symbol(struct process *p, const char *name, bool found,
			     uint64_t addr)
{
	struct thread_db *db = db_of(p);

	if (name)
		remember(db, name, found, addr);
	else
		forget_unknown(db);
	if (!db->lib && !load(db))
		return NULL;
	if (!db->ta) {
		free(db->wanted);
		db->wanted = NULL;
		if (db->api.ta_new(&db->ph, &db->ta) != TD_OK) {
			db->ta = NULL;
			return db->wanted;
		}
		log_debug("libthread_db ready for %d", (int)p->pid);
	}
	/* One look-up a reply, not one for every name of the list.  */
	for (const char **n = db->api.symbol_list(); n && n[db->listed];
	     db->listed++)
		if (!asked(db, n[db->listed]))
			return n[db->listed];
	return NULL;
}

struct thread_search {
	struct thread_db *db;
	lwpid_t tid;
	td_thrhandle_t found;
	bool seen;
};

static int match_lwp(const td_thrhandle_t *th, void *data)
{
	struct thread_search *search = data;
	td_thrinfo_t info;

	if (search->db->api.thr_get_info(th, &info) != TD_OK ||
	    info.ti_lid != search->tid)
		return 0;
	search->found = *th;
	search->seen = true;
	return 1;
}

/* A running thread's handle, from the thread list in the program's
   memory: its registers, where td_ta_map_lwp2thr looks, cannot be
   read without stopping it.  */
static bool find_running(struct thread_db *db, lwpid_t tid, td_thrhandle_t *th)
{
	struct thread_search search = { .db = db, .tid = tid };

	if (!db->api.thr_iter || !db->api.thr_get_info)
		return false;
	db->api.thr_iter(db->ta, match_lwp, &search, TD_THR_ANY_STATE,
			 TD_THR_LOWEST_PRIORITY, TD_SIGNO_MASK,
			 TD_THR_ANY_USER_FLAGS);
	*th = search.found;
	return search.seen;
}

/* libthread_db's handle on T, remembered: a thread keeps it for life.  */
static int thread_handle(struct thread_db *db, struct thread *t,
			 td_thrhandle_t *th)
{
	td_err_e err;

	if (t->thread_db_handle) {
		*th = (td_thrhandle_t){
			db->ta, (psaddr_t)(uintptr_t)t->thread_db_handle
		};
		return 0;
	}
	if (!t->stopped) {
		if (!find_running(db, t->tid, th))
			return -EBUSY;
	} else {
		err = db->api.map_lwp2thr(db->ta, t->tid, th);
		if (err != TD_OK) {
			log_debug("td_ta_map_lwp2thr %d: error %d", (int)t->tid,
				  err);
			return -ESRCH;
		}
	}
	t->thread_db_handle = (uint64_t)(uintptr_t)th->th_unique;
	return 0;
}

int thread_db_tls_address(struct thread *t, uint64_t offset, uint64_t lm,
			  uint64_t *addr)
{
	struct thread_db *db = t->proc->thread_db;
	td_thrhandle_t th;
	psaddr_t a = 0;
	td_err_e err;
	int rc;

	if (!db || !db->ta)
		return -ENOSYS;
	rc = thread_handle(db, t, &th);
	if (rc < 0)
		return rc;
	if (lm) {
		err = db->api.tls_get_addr(&th, (psaddr_t)(uintptr_t)lm, offset,
					   &a);
	} else {
		/* A static executable: its TLS is module 1.  */
		if (!db->api.tlsbase)
			return -ENOSYS;
		err = db->api.tlsbase(&th, 1, &a);
		a = (char *)a + offset;
	}
	if (err != TD_OK) {
		log_debug("TLS of %d: libthread_db error %d", (int)t->tid, err);
		return -EIO;
	}
	*addr = (uint64_t)(uintptr_t)a;
	return 0;
}

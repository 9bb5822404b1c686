/* engine.c - processes, threads and the decoding of their wait statuses
   into events.  Always non-stop inside: no function here stops or
   resumes a thread the caller did not name, except to hide stops that
   quietstub itself caused (clone events, a new thread's first stop, a
   late interrupt trap, a passed signal).  */
#include "config.h"
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libiberty/libiberty.h>
#include <libiberty/hashtab.h>
#include "bp_agent.h"
#include "breakpoints.h"
#include "engine.h"
#include "hw_points.h"
#include "libthread_db.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "ptrace_ops.h"
#include "regs_pending.h"
#include "rsp_request.h"
#include "seize.h"
#include "step_over.h"

struct orphan {
	pid_t tid;
	int status;
};

static hashval_t tid_hash(const void *p)
{
	return (hashval_t)(*(const pid_t *)p);
}

static int tid_eq(const void *a, const void *b)
{
	return *(const pid_t *)a == *(const pid_t *)b;
}

void engine_init(struct engine *e, const struct arch_ops *arch)
{
	memset(e, 0, sizeof(*e));
	e->arch = arch;
	e->quiet_restart = true;
	/* struct thread and struct orphan both start with their tid. */
	e->threads =
		htab_create_alloc(64, tid_hash, tid_eq, NULL, xcalloc, free);
	e->orphans =
		htab_create_alloc(16, tid_hash, tid_eq, free, xcalloc, free);
}

void engine_free(struct engine *e)
{
	while (e->procs)
		engine_remove_process(e, e->procs);
	htab_delete(e->threads);
	htab_delete(e->orphans);
}

struct process *engine_find_process(struct engine *e, pid_t pid)
{
	for (struct process *p = e->procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct thread *engine_find_thread(struct engine *e, pid_t tid)
{
	return htab_find(e->threads, &tid);
}

struct process *engine_add_process(struct engine *e, pid_t pid, bool attached)
{
	struct process *p = xcalloc(1, sizeof(*p));
	struct process **tail = &e->procs;

	p->pid = pid;
	p->attached = attached;
	p->mem_fd = -1;
	bp_table_init(p);
	while (*tail)
		tail = &(*tail)->next;
	*tail = p;
	return p;
}

struct thread *engine_add_thread(struct engine *e, struct process *p, pid_t tid)
{
	struct thread *t = xcalloc(1, sizeof(*t));
	struct thread **tail = &p->threads;
	void **slot;

	t->tid = tid;
	t->proc = p;
	while (*tail)
		tail = &(*tail)->next;
	*tail = t;
	p->nthreads++;
	slot = htab_find_slot(e->threads, t, INSERT);
	*slot = t;
	return t;
}

siginfo_t *thread_siginfo(struct thread *t)
{
	if (!t->siginfo)
		t->siginfo = xmalloc(sizeof(*t->siginfo));
	return t->siginfo;
}

void engine_remove_thread(struct engine *e, struct thread *t)
{
	struct thread **pp = &t->proc->threads;

	if (t->seized_unsettled)
		seize_settled(t);
	step_over_forget(e, t);
	while (*pp && *pp != t)
		pp = &(*pp)->next;
	if (*pp)
		*pp = t->next;
	t->proc->nthreads--;
	if (t->in_vfork && --t->proc->vforks_running == 0 && !e->vfork_events)
		bp_reinsert_all(t->proc);
	htab_remove_elt(e->threads, t);
	engine_invalidate_regs(t);
	regs_pending_free(t);
	free(t->siginfo);
	free(t);
}

void engine_remove_process(struct engine *e, struct process *p)
{
	struct process **pp = &e->procs;

	while (p->threads)
		engine_remove_thread(e, p->threads);
	while (*pp && *pp != p)
		pp = &(*pp)->next;
	if (*pp)
		*pp = p->next;
	mem_close(p);
	bp_table_free(p);
	thread_db_free(p);
	free(p->catch_list);
	free(p);
}

void engine_catch_syscalls(struct process *p, bool enable, size_t count,
			   const long *list)
{
	free(p->catch_list);
	p->catch_list = NULL;
	p->catch_syscalls = enable;
	p->catch_count = enable ? count : 0;
	if (p->catch_count)
		p->catch_list = xmemdup(list, count * sizeof(*list),
					count * sizeof(*list));
}

/* The buffers go too: kept only while a thread stays stopped, they
   cost nothing to the threads that run, and thousands of stopped
   threads hold only those the client read.  */
void engine_invalidate_regs(struct thread *t)
{
	if (!t->regs)
		return;
	for (int i = 0; i < ARCH_MAX_REGSETS; i++)
		free(t->regs->buf[i]);
	free(t->regs);
	t->regs = NULL;
}

static void set_event(struct engine *e, struct thread *t, enum stop_kind kind,
		      int sig)
{
	memset(&t->event, 0, sizeof(t->event));
	t->event.kind = kind;
	t->event.sig = sig;
	t->event.seq = ++e->event_seq;
}

/* Put a thread the client wants running back to work after a stop that
   quietstub caused or hides.  */
static void auto_resume(struct engine *e, struct thread *t, int sig)
{
	if (!t->want_running) {
		if (sig)
			t->deferred_sig = sig;
		return;
	}
	engine_resume(e, t, t->last_resume ? t->last_resume : RESUME_CONTINUE,
		      sig);
}

/* T's held signal goes back to the kernel's queue when another one, SIG,
   takes its place.  */
static void requeue_deferred(struct thread *t, int sig)
{
	if (t->deferred_sig && sig != t->deferred_sig)
		syscall(SYS_tgkill, t->proc->pid, t->tid, t->deferred_sig);
}

void engine_defer_signal(struct thread *t, int sig)
{
	if (!sig)
		return;
	requeue_deferred(t, sig);
	t->deferred_sig = sig;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* Resume T from an interrupt stop to take a signal it has pending: it
   stops again at once, in a signal-delivery-stop classified as usual.
   That stop answers the interrupt: interrupting again meanwhile would
   only bring the interrupt stop back, over and over, as the kernel
   takes interrupts before signals.  */
static bool take_signal_now(struct engine *e, struct thread *t)
{
	engine_flush_regs(e, t);
	engine_invalidate_regs(t);
	if (pt_cont(t->tid, 0) < 0)
		return false;
	t->stopped = false;
	t->interrupting = true;
	return true;
}

bool engine_take_pending_signal(struct engine *e, struct thread *t, bool shared)
{
	uint64_t sigs, of_process;
	int next;

	if (!t->stopped || t->zombie || t->new_thread || t->group_stop ||
	    t->has_siginfo || t->event.kind != STOP_NONE)
		return false;
	/* The thread's own signals go before its process's.  */
	sigs = procfs_deliverable_signals(t->proc->pid, t->tid, &of_process);
	if (!sigs && shared)
		sigs = of_process;
	if (!sigs)
		return false;
	/* The kernel takes the lowest-numbered one first (a fault's
	   before it, and no fault's signal stops the program).  */
	next = __builtin_ctzll(sigs) + 1;
	if (is_stop_signal(next) || next == SIGKILL)
		return false;
	return take_signal_now(e, t);
}

int engine_resume(struct engine *e, struct thread *t, enum resume_kind kind,
		  int sig)
{
	int r;

	if (!t->stopped || t->zombie)
		return 0;
	if (step_over_holds(e, t)) {
		step_over_hold(t, kind, sig);
		memset(&t->event, 0, sizeof(t->event));
		return 0;
	}
	/* Waiting to step over a breakpoint: it will simply hit it
	   again.  */
	t->step_over_wanted = false;
	/* Not writes the client is still making: half a context would run.  */
	if (regs_pending_ready(t))
		regs_pending_apply(e, t);
	engine_flush_regs(e, t);
	engine_invalidate_regs(t);
	hw_apply(e, t);
	if (t->deferred_sig) {
		/* A passed signal held while stopping goes out now, or is
		   queued again when the client delivers another one.  */
		if (!sig)
			sig = t->deferred_sig;
		else
			requeue_deferred(t, sig);
		t->deferred_sig = 0;
	}
	/* A signal can only be injected at a signal-delivery-stop; anywhere
	   else the client's signal is queued with tgkill, and its delivery
	   stop is recognised and passed without a report.  */
	if (sig && !t->stop_sig) {
		if (syscall(SYS_tgkill, t->proc->pid, t->tid, sig) == 0)
			t->inject_sig = sig;
		sig = 0;
	}
	t->last_resume = kind;
	t->want_running = true;
	t->reported_sig = 0;
	memset(&t->event, 0, sizeof(t->event));
	if (t->group_stop && kind == RESUME_CONTINUE && !sig) {
		/* Keep the job-control stop; we hear when SIGCONT ends it. */
		r = pt_listen(t->tid);
		t->listening = (r == 0);
	} else if (kind == RESUME_STEP) {
		r = pt_step(t->tid, sig);
	} else if (t->proc->catch_syscalls) {
		r = pt_syscall(t->tid, sig);
	} else {
		r = pt_cont(t->tid, sig);
	}
	if (r < 0 && r != -ESRCH) {
		log_debug("resume %d failed: %s", (int)t->tid, strerror(-r));
		return r;
	}
	t->stopped = false;
	t->stop_sig = 0;
	t->has_siginfo = false;
	if (!t->listening)
		t->group_stop = false;
	return 0;
}

void engine_interrupt(struct engine *e, struct thread *t)
{
	/* What a blocking call it wakes needs to run again quietly.  */
	if (e->quiet_restart && engine_arch(e, t->proc)->want_syscall_state)
		procfs_thread_syscall(t->proc->pid, t->tid, &t->syscall_before);
	if (pt_interrupt(t->tid) == 0)
		t->interrupting = true;
}

void engine_request_stop(struct engine *e, struct thread *t)
{
	t->want_running = false;
	if (t->stopped || t->interrupting || t->new_thread || t->zombie)
		return;
	engine_interrupt(e, t);
}

void engine_interrupt_briefly(struct engine *e, struct thread *t)
{
	if (t->stopped || t->interrupting || t->new_thread || t->zombie ||
	    t->listening)
		return;
	engine_interrupt(e, t);
}

bool engine_all_stopped(struct engine *e, struct process *p)
{
	for (struct process *q = p ? p : e->procs; q; q = p ? NULL : q->next)
		for (struct thread *t = q->threads; t; t = t->next)
			if (!t->stopped && !t->zombie)
				return false;
	return true;
}

void engine_check_zombie_leaders(struct engine *e)
{
	/* A leader that called pthread_exit while other threads run is a
	   zombie: it never traps again, and its exit is reported only
	   with the whole process's.  A zombie leader whose exit status is
	   already there is the whole process ending (exit_group): the
	   status is on its way, not a thread gone quiet.  */
	for (struct process *p = e->procs; p; p = p->next) {
		struct thread *t = engine_find_thread(e, p->pid);

		if (t && !t->stopped && !t->zombie && !t->new_thread &&
		    procfs_thread_state(p->pid, p->pid) == 'Z' &&
		    !pt_exit_pending(p->pid))
			t->zombie = true;
	}
}

void engine_kill(struct engine *e, struct process *p)
{
	(void)e;
	kill(p->pid, SIGKILL);
	/* A thread in a ptrace-stop dies without being resumed.  */
}

void engine_detach(struct engine *e, struct process *p)
{
	bp_remove_all(p);
	hw_forget_all(p);
	for (struct thread *t = p->threads; t; t = t->next) {
		int sig = t->deferred_sig;
		int r = t->reported_sig;

		/* A signal the program would have had is not lost: one not
		   yet reported, or the last one reported if the client
		   passes it.  */
		if (t->event.kind == STOP_SIGNAL)
			sig = t->event.sig;
		else if (!sig && r > 0 && r < 65 && r != SIGTRAP &&
			 r != SIGINT &&
			 (!e->program_signals_known || e->program_signal[r]))
			sig = r;
		regs_pending_apply(e, t);
		engine_flush_regs(e, t);
		hw_apply(e, t);
		pt_detach(t->tid, sig);
	}
}

/* ---- registers ---- */

const struct arch_ops *engine_arch(struct engine *e, struct process *p)
{
	unsigned int elf_class, machine;

	if (!p)
		return e->arch;
	if (p->arch)
		return p->arch;
	if (procfs_elf_kind(p->pid, &elf_class, &machine) == 0) {
		p->arch = arch_for_elf(elf_class, machine);
		if (!p->arch)
			log_message(
				"quietstub: process %d: no register backend "
				"for ELF class %u machine %u; using %s",
				(int)p->pid, elf_class, machine, e->arch->name);
	}
	if (!p->arch)
		p->arch = e->arch;
	return p->arch;
}

bool engine_can_debug(const char *path, const char **why)
{
	static char msg[160];
	unsigned int elf_class, machine;

	if (elf_kind(path, &elf_class, &machine) < 0 ||
	    arch_for_elf(elf_class, machine))
		return true;
	snprintf(msg, sizeof(msg),
		 "a %s-bit program for ELF machine %u, which quietstub built "
		 "for %s cannot debug",
		 elf_class == ELFCLASS64 ? "64" : "32", machine,
		 arch_native()->name);
	*why = msg;
	return false;
}

/* The *FEATURES of the process of stopped thread T from the probe
   register sets A names, and in *LEN the probe set's length; false if
   the probe cannot be read.  */
static bool probe_features(const struct arch_ops *a, const struct thread *t,
			   uint64_t *features, size_t *len)
{
	uint8_t extra_buf[2][ARCH_PROBE_EXTRA_MAX];
	struct arch_probe_extra extra;
	uint8_t *buf = xmalloc(*len);
	bool ok = pt_get_regset(t->tid, a->probe_note, buf, len) == 0;

	if (ok) {
		/* Their size and first bytes (AArch64's SVE header) are
		   enough.  */
		for (int i = 0; i < 2; i++) {
			extra.buf[i] = extra_buf[i];
			extra.len[i] = sizeof(extra_buf[i]);
			if (!a->probe_extra_notes[i] ||
			    pt_get_regset(t->tid, a->probe_extra_notes[i],
					  extra_buf[i], &extra.len[i]) < 0)
				extra.len[i] = 0;
		}
		*features = a->features_from_probe(buf, *len, &extra);
	}
	free(buf);
	return ok;
}

const struct arch_tdesc *engine_tdesc(struct engine *e, struct process *p)
{
	const struct arch_ops *a = engine_arch(e, p);
	struct thread *t;
	size_t len = 65536;
	const char *err = NULL;
	uint64_t features = 0;
	bool known;

	if (p->tdesc)
		return p->tdesc;
	for (t = p->threads; t && !t->stopped; t = t->next)
		;
	/* Every thread runs (non-stop attach): stopping one would perturb
	   the program, so ask the machine instead.  */
	if (!t)
		known = a->host_features && a->host_features(&features, &len);
	else
		known = probe_features(a, t, &features, &len);
	if (!known)
		return NULL;
	if (a->xml_registers_name && e->xml_registers &&
	    !rsp_list_has(e->xml_registers, a->xml_registers_name))
		features &= a->features_without_xml;
	p->tdesc = a->tdesc_for(features, len, &err);
	if (!p->tdesc && t)
		log_message("quietstub: no target description: %s",
			    err ? err : "unknown error");
	return p->tdesc;
}

void engine_set_xml_registers(struct engine *e, const char *xml_registers)
{
	if (!e->xml_registers == !xml_registers &&
	    (!xml_registers || strcmp(e->xml_registers, xml_registers) == 0))
		return;
	free(e->xml_registers);
	e->xml_registers = xml_registers ? xstrdup(xml_registers) : NULL;
	for (struct process *p = e->procs; p; p = p->next) {
		for (struct thread *t = p->threads; t; t = t->next) {
			engine_flush_regs(e, t);
			engine_invalidate_regs(t);
			regs_pending_free(t); /* in the former layout */
		}
		p->tdesc = NULL;
	}
}

int engine_fetch_regset(struct engine *e, struct thread *t, int i)
{
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	size_t len;
	int r;

	if (!td || i >= td->nregsets)
		return -EINVAL;
	if (!t->stopped)
		return -EBUSY;
	if (!t->regs)
		t->regs = xcalloc(1, sizeof(*t->regs));
	if (t->regs->valid[i])
		return 0;
	len = td->regsets[i].size;
	if (!t->regs->buf[i])
		t->regs->buf[i] = xcalloc(1, len);
	r = pt_get_regset(t->tid, td->regsets[i].note, t->regs->buf[i], &len);
	if (r < 0)
		return r;
	t->regs->valid[i] = true;
	return 0;
}

int engine_fetch_all_regs(struct engine *e, struct thread *t)
{
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);

	if (!td || td->nregsets == 0)
		return -EIO;
	for (int i = 0; i < td->nregsets; i++) {
		int r = engine_fetch_regset(e, t, i);

		if (r < 0)
			return r;
	}
	return 0;
}

int engine_flush_regs(struct engine *e, struct thread *t)
{
	const struct arch_tdesc *td = t->proc->tdesc;
	int ret = 0;

	(void)e;
	if (!td || !t->regs)
		return 0;
	for (int i = 0; i < td->nregsets; i++) {
		if (!t->regs->dirty[i])
			continue;
		int r = pt_set_regset(t->tid, td->regsets[i].note,
				      t->regs->buf[i], td->regsets[i].size);

		if (r < 0)
			ret = r;
		t->regs->dirty[i] = false;
	}
	return ret;
}

/* The PC is in register set 0: a breakpoint hit that a condition
   dismisses needs no other.  */
uint64_t engine_get_pc(struct engine *e, struct thread *t)
{
	if (engine_fetch_regset(e, t, 0) < 0)
		return 0;
	return engine_arch(e, t->proc)->get_pc(t->regs);
}

void engine_set_pc(struct engine *e, struct thread *t, uint64_t pc)
{
	if (engine_fetch_regset(e, t, 0) < 0)
		return;
	engine_arch(e, t->proc)->set_pc(t->regs, pc);
}

/* ---- wait status decoding ---- */

static void park_orphan(struct engine *e, pid_t tid, int status)
{
	struct orphan *o = xmalloc(sizeof(*o));
	void **slot;

	o->tid = tid;
	o->status = status;
	slot = htab_find_slot(e->orphans, o, INSERT);
	free(*slot);
	*slot = o;
}

static void adopt_orphan(struct engine *e, pid_t tid)
{
	void **slot = htab_find_slot(e->orphans, &tid, NO_INSERT);
	int status;

	if (!slot)
		return;
	status = ((struct orphan *)*slot)->status;
	htab_clear_slot(e->orphans, slot);
	engine_handle_status(e, tid, status);
}

static void handle_exit(struct engine *e, struct thread *t, int status)
{
	struct process *p = t->proc;

	if (t->tid != p->pid) {
		if (e->on_thread_exit)
			e->on_thread_exit(
				e->ctx, t,
				WIFEXITED(status) ? WEXITSTATUS(status) : 0);
		engine_remove_thread(e, t);
		return;
	}
	/* The leader's real exit: the whole process is gone.  */
	p->exited = true;
	p->exit_held = !t->client_resumed;
	memset(&p->exit_event, 0, sizeof(p->exit_event));
	if (WIFEXITED(status)) {
		p->exit_event.kind = STOP_EXITED;
		p->exit_event.code = WEXITSTATUS(status);
	} else {
		p->exit_event.kind = STOP_KILLED;
		p->exit_event.sig = WTERMSIG(status);
	}
	p->exit_event.seq = ++e->event_seq;
	while (p->threads)
		engine_remove_thread(e, p->threads);
	mem_close(p);
	bp_forget_all(p);
}

static void handle_clone(struct engine *e, struct thread *t)
{
	unsigned long msg = 0;
	struct thread *child;

	if (pt_get_event_msg(t->tid, &msg) == 0 && msg &&
	    !engine_find_thread(e, (pid_t)msg)) {
		child = engine_add_thread(e, t->proc, (pid_t)msg);
		child->new_thread = true;
		child->want_running = t->want_running;
		child->client_resumed = t->client_resumed;
		child->last_resume = RESUME_CONTINUE;
		log_debug("new thread %lu in %d", msg, (int)t->proc->pid);
	}
	/* (Also when a reading of /proc found the child first.)  */
	if (msg)
		adopt_orphan(e, (pid_t)msg);
	auto_resume(e, t, 0);
}

static void handle_exec(struct engine *e, struct thread *t)
{
	struct process *p = t->proc;
	unsigned long former = 0;
	struct thread *f;

	/* The event arrives on the process id; the thread that called exec
	   (maybe another one) lives on under it with its own resume state,
	   and every other thread is gone.  */
	pt_get_event_msg(t->tid, &former);
	f = former ? engine_find_thread(e, (pid_t)former) : NULL;
	if (f && f != t) {
		t->want_running = f->want_running;
		t->client_resumed = f->client_resumed;
		t->last_resume = f->last_resume;
	}
	t->listening = t->group_stop = false;
	t->deferred_sig = t->inject_sig = 0;
	t->zombie = false;
	for (struct thread *o = p->threads, *next; o; o = next) {
		next = o->next;
		if (o != t)
			engine_remove_thread(e, o);
	}
	bp_forget_all(p);
	hw_forget_all(p);
	thread_db_free(p); /* a new C library, maybe another one */
	regs_pending_free(t); /* another register layout maybe */
	mem_open(p);
	p->arch = NULL;
	p->tdesc = NULL;
	engine_invalidate_regs(t);
	if (p->starting) {
		if (--p->execs_expected > 0) {
			pt_cont(t->tid, 0);
			t->stopped = false;
			return;
		}
		p->starting = false;
		t->want_running = false;
		/* The client first sees it stopped at its first instruction.  */
		t->last_report.kind = STOP_SIGNAL;
		t->last_report.sig = SIGTRAP;
		return;
	}
	set_event(e, t, STOP_EXEC, SIGTRAP);
}

static void handle_fork(struct engine *e, struct thread *t, int event)
{
	struct process *parent = t->proc, *cp;
	bool vfork = event == PTRACE_EVENT_VFORK;
	unsigned long msg = 0;
	struct thread *ct;

	if (pt_get_event_msg(t->tid, &msg) < 0 || !msg ||
	    engine_find_process(e, (pid_t)msg)) {
		auto_resume(e, t, 0);
		return;
	}
	/* The child is traced already (its first stop is on the way) and
	   holds copies of the parent's breakpoints.  */
	cp = engine_add_process(e, (pid_t)msg, parent->attached);
	cp->fork_child = true;
	cp->arch = parent->arch;
	cp->tdesc = parent->tdesc;
	bp_copy_table(cp, parent);
	engine_catch_syscalls(cp, parent->catch_syscalls, parent->catch_count,
			      parent->catch_list);
	mem_open(cp);
	ct = engine_add_thread(e, cp, (pid_t)msg);
	ct->new_thread = true;
	ct->last_resume = RESUME_CONTINUE;
	if (vfork) {
		t->in_vfork = true;
		parent->vforks_running++;
	}
	if (vfork ? e->vfork_events : e->fork_events) {
		set_event(e, t, vfork ? STOP_VFORK : STOP_FORK, SIGTRAP);
		t->event.child = cp->pid;
		cp->fork_unreported = true;
	} else {
		/* Nobody wants the child: clean it and let it go at its
		   first stop.  A vfork child shares the parent's memory,
		   whose breakpoints come out until the vfork is done.  */
		cp->detach_on_stop = true;
		if (vfork)
			bp_lift_all(parent);
		auto_resume(e, t, 0);
	}
	adopt_orphan(e, ct->tid);
}

static void handle_vfork_done(struct engine *e, struct thread *t)
{
	struct process *p = t->proc;

	/* Each thread waits for its own vfork child: several threads can
	   vfork at once.  */
	if (!t->in_vfork) {
		auto_resume(e, t, 0);
		return;
	}
	t->in_vfork = false;
	p->vforks_running--;
	if (e->vfork_events) {
		set_event(e, t, STOP_VFORK_DONE, SIGTRAP);
		return;
	}
	if (p->vforks_running == 0)
		bp_reinsert_all(p);
	auto_resume(e, t, 0);
}

/* A fork child that nobody wants, at its first stop.  */
static void release_fork_child(struct engine *e, struct thread *t)
{
	struct process *p = t->proc;

	bp_remove_all(p);
	pt_detach(t->tid, 0);
	log_debug("fork child %d released", (int)p->pid);
	engine_remove_process(e, p);
}

void engine_release_fork_child(struct engine *e, struct process *p)
{
	if (p->threads && p->threads->new_thread) {
		p->detach_on_stop = true; /* at its first stop */
		return;
	}
	engine_detach(e, p);
	engine_remove_process(e, p);
}

/* At a stop our interrupt caused: a blocking call it woke with EINTR
   runs again when the thread resumes, unless a signal with a handler is
   delivered first (see arch_ops.restart_eintr_syscall).  The general
   registers are read into a buffer of the moment, not the thread's
   cache: an interrupt stops every thread, and few are looked at.  */
static void quiet_restart(struct engine *e, struct thread *t)
{
	const struct arch_ops *a = engine_arch(e, t->proc);
	const struct arch_tdesc *td = engine_tdesc(e, t->proc);
	uint64_t gpr[64]; /* larger than any machine's general set */
	struct arch_regcache rc = { .buf = { (uint8_t *)gpr },
				    .valid = { true } };
	size_t len = sizeof(gpr);

	/* Where the kernel cannot turn the restart back into EINTR for a
	   signal that arrived meanwhile (want_syscall_state), such a
	   signal keeps its EINTR.  */
	if (!e->quiet_restart || !a->restart_eintr_syscall || !td ||
	    td->regsets[0].size > sizeof(gpr) ||
	    (a->want_syscall_state &&
	     procfs_signal_pending(t->proc->pid, t->tid)) ||
	    pt_get_regset(t->tid, td->regsets[0].note, gpr, &len) < 0 ||
	    !a->restart_eintr_syscall(
		    &rc, a->want_syscall_state ? &t->syscall_before : NULL))
		return;
	/* Written at once: if quietstub dies now, the kernel still restarts
	   the call.  */
	engine_invalidate_regs(t);
	if (pt_set_regset(t->tid, td->regsets[0].note, gpr,
			  td->regsets[0].size) < 0)
		return;
	e->restarts_repaired++;
	log_debug("thread %d: interrupted system call restarted", (int)t->tid);
}

static void handle_event_stop(struct engine *e, struct thread *t, int sig,
			      bool requested)
{
	/* A job-control stop is kept only when asked for (the client's
	   stop, or an interrupt of ours) while the client wants the thread
	   stopped: an attach's interrupt of a thread the client wants
	   running must give it back to its group-stop.  */
	bool keep_group_stop = requested && !t->want_running;

	if (t->new_thread && t->proc->detach_on_stop) {
		release_fork_child(e, t);
		return;
	}
	if (t->new_thread) {
		t->new_thread = false;
		if (e->thread_events && t->client_resumed)
			set_event(e, t, STOP_CREATED, SIGTRAP);
		else
			auto_resume(e, t, 0);
		return;
	}
	if (is_stop_signal(sig)) {
		/* A group-stop: the program was job-control stopped (or an
		   interrupt re-trapped a thread kept in one).  */
		t->group_stop = true;
		t->listening = false;
		if (!keep_group_stop)
			auto_resume(e, t, 0);
		return;
	}
	if (t->listening) {
		/* SIGCONT (or our interrupt) ended the listen.  */
		t->listening = false;
		t->group_stop = false;
		if (!keep_group_stop)
			auto_resume(e, t, 0);
		return;
	}
	if (!requested) {
		/* A trap nobody asked for: hide it.  */
		auto_resume(e, t, 0);
		return;
	}
	/* The kernel takes an interrupt before dequeuing signals, so a
	   breakpoint or single-step trap can still be queued with the pc
	   past the int3 (only possible once breakpoints were used, or after
	   a step): the thread takes it now.  */
	if ((t->proc->breakpoints_used || t->proc->hw_gen ||
	     t->last_resume == RESUME_STEP) &&
	    procfs_sigtrap_pending(t->proc->pid, t->tid)) {
		take_signal_now(e, t);
		return;
	}
	quiet_restart(e, t);
	/* The client resumed it again before the stop arrived.  */
	if (t->want_running) {
		auto_resume(e, t, 0);
		return;
	}
	/* A stop the client asked for (non-stop): as a SIGSTOP would, it
	   comes after a signal sent to the thread that was about to be
	   delivered (one sent to the process may go to a thread that
	   runs).  */
	if (t->stop_requested)
		engine_take_pending_signal(e, t, false);
}

/* Is this stop the delivery of a signal that quietstub queued itself with
   tgkill for the client (vCont;C on a thread not at a signal stop)?  */
static bool is_injected(struct thread *t, int sig)
{
	return t->inject_sig == sig && t->has_siginfo &&
	       t->siginfo->si_code == SI_TKILL &&
	       t->siginfo->si_pid == getpid();
}

/* A trap of the debug registers: a hardware breakpoint or watchpoint
   reported, or a stale one (its slot changed since) hidden.  A step
   that also triggered a watchpoint reports the watchpoint.  */
static bool hw_stop(struct engine *e, struct thread *t, int code)
{
	struct arch_hw_slot slot;

	if (!hw_stop_slot(e, t, &slot)) {
		if (code != TRAP_HWBKPT || !t->proc->hw_gen)
			return false;
		auto_resume(e, t, 0);
		return true;
	}
	if (slot.type == ARCH_HW_EXEC) {
		set_event(e, t, STOP_HW_BREAKPOINT, SIGTRAP);
	} else {
		set_event(e, t, STOP_WATCHPOINT, SIGTRAP);
		t->event.code = slot.type;
	}
	t->event.pc = slot.addr;
	return true;
}

/* A step the client asked for is done; a range step (vCont;r) goes on
   while the pc stays in its range and meets no breakpoint.  */
static void step_done(struct engine *e, struct thread *t)
{
	uint64_t pc;

	if (t->range_end && t->want_running) {
		pc = engine_get_pc(e, t);
		if (pc >= t->range_start && pc < t->range_end &&
		    !bp_find(t->proc, pc) && !hw_has_breakpoint(t->proc, pc) &&
		    engine_resume(e, t, RESUME_STEP, 0) == 0)
			return;
	}
	set_event(e, t, STOP_STEP, SIGTRAP);
}

/* As gdbserver, a passed signal still stops a thread the client
   single-steps (it must see the handler coming, to step over it), and
   SIGILL and SIGSEGV, which a breakpoint of the client's (its inferior
   calls' return address, say) may have caused, are always reported.  */
static bool passed_silently(struct engine *e, struct thread *t, int sig)
{
	return sig > 0 && sig < 65 && e->pass_signal[sig] && sig != SIGTRAP &&
	       sig != SIGILL && sig != SIGSEGV && t->last_resume != RESUME_STEP;
}

static void handle_signal_stop(struct engine *e, struct thread *t, int sig)
{
	struct process *p = t->proc;

	t->stop_sig = sig;
	t->has_siginfo = pt_get_siginfo(t->tid, thread_siginfo(t)) == 0;
	if (p->starting) {
		/* The shell or wrapper is still on its way to the program. */
		pt_cont(t->tid, sig);
		t->stopped = false;
		return;
	}
	if (is_injected(t, sig)) {
		t->inject_sig = 0;
		auto_resume(e, t, sig);
		return;
	}
	if (sig == SIGTRAP && t->has_siginfo) {
		int code = t->siginfo->si_code;

		if ((code == TRAP_HWBKPT || code == TRAP_TRACE) &&
		    hw_stop(e, t, code))
			return;

		if (code == SI_KERNEL || code == TRAP_BRKPT) {
			uint64_t pc = engine_get_pc(e, t);
			uint64_t bp =
				pc - engine_arch(e, p)->decr_pc_after_break;

			if (bp_find(p, bp)) {
				if (bp != pc)
					engine_set_pc(e, t, bp);
				if (!bp_agent_says_stop(e, t, bp)) {
					step_over_request(e, t, bp);
					return;
				}
				set_event(e, t, STOP_BREAKPOINT, SIGTRAP);
				t->event.pc = bp;
				return;
			}
			if (bp != pc && bp_recently_removed(p, bp)) {
				/* A trap on a breakpoint removed since: the
				   thread runs the original instruction.  */
				engine_set_pc(e, t, bp);
				auto_resume(e, t, 0);
				return;
			}
		}
		if (code == TRAP_TRACE && t->last_resume == RESUME_STEP) {
			step_done(e, t);
			return;
		}
	}
	if (passed_silently(e, t, sig)) {
		auto_resume(e, t, sig);
		return;
	}
	set_event(e, t, STOP_SIGNAL, sig);
}

void engine_pass_pending_signals(struct engine *e)
{
	for (struct process *p = e->procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->next) {
			int sig = t->event.sig;

			if (!t->stopped || t->event.kind != STOP_SIGNAL ||
			    t->report_queued || !passed_silently(e, t, sig))
				continue;
			memset(&t->event, 0, sizeof(t->event));
			t->deferred_sig = sig;
			auto_resume(e, t, 0);
		}
}

static bool catches(const struct process *p, long nr)
{
	if (!p->catch_count)
		return true;
	for (size_t i = 0; i < p->catch_count; i++)
		if (p->catch_list[i] == nr)
			return true;
	return false;
}

/* A system call entry or exit stop (PTRACE_SYSCALL, QCatchSyscalls).  */
static void handle_syscall_stop(struct engine *e, struct thread *t)
{
	struct process *p = t->proc;
	int op = pt_syscall_op(t->tid);
	long nr;

	/* Without PTRACE_GET_SYSCALL_INFO, entries and exits alternate.  */
	t->in_syscall =
		op < 0 ? !t->in_syscall : op == PTRACE_SYSCALL_INFO_ENTRY;
	if (!p->catch_syscalls || !engine_arch(e, p)->syscall_nr ||
	    engine_fetch_regset(e, t, 0) < 0) {
		auto_resume(e, t, 0);
		return;
	}
	nr = engine_arch(e, p)->syscall_nr(t->regs);
	if (!catches(p, nr)) {
		auto_resume(e, t, 0);
		return;
	}
	set_event(e, t,
		  t->in_syscall ? STOP_SYSCALL_ENTRY : STOP_SYSCALL_RETURN,
		  SIGTRAP);
	t->event.code = (int)nr;
}

/* The single-step over a breakpoint whose hit nobody wanted is done. */
static void stepped_over(struct engine *e, struct thread *t)
{
	if (hw_stop(e, t, t->has_siginfo ? t->siginfo->si_code : 0))
		return;
	if (t->last_resume == RESUME_STEP)
		step_done(e, t);
	else
		auto_resume(e, t, 0);
}

void engine_handle_status(struct engine *e, pid_t tid, int status)
{
	struct thread *t = engine_find_thread(e, tid);
	bool requested;
	int sig, event;

	if (!t) {
		struct process *p = engine_find_process(e, tid);

		/* A clone child may report before its parent's clone event:
		   keep the status until the event names it.  */
		if (WIFSTOPPED(status)) {
			park_orphan(e, tid, status);
		} else if (p && !p->exited) {
			/* The leader's exit after its thread struct went.  */
			t = engine_add_thread(e, p, tid);
			handle_exit(e, t, status);
		}
		return;
	}
	if (t->seized_unsettled)
		seize_settled(t);
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		log_debug("thread %d exited (status 0x%x)", (int)tid, status);
		handle_exit(e, t, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	/* Any ptrace-stop satisfies a pending PTRACE_INTERRUPT.  */
	requested = t->interrupting;
	t->interrupting = false;
	t->stopped = true;
	engine_invalidate_regs(t);
	sig = WSTOPSIG(status);
	event = (unsigned)status >> 16;
	log_debug("thread %d stopped: sig %d event %d", (int)tid, sig, event);
	switch (step_over_stopped(e, t, status, requested)) {
	case STEP_OVER_CONTINUES:
		return;
	case STEP_OVER_DONE:
		stepped_over(e, t);
		return;
	default:
		break;
	}
	switch (event) {
	case PTRACE_EVENT_CLONE:
		handle_clone(e, t);
		return;
	case PTRACE_EVENT_EXEC:
		handle_exec(e, t);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		handle_fork(e, t, event);
		return;
	case PTRACE_EVENT_VFORK_DONE:
		handle_vfork_done(e, t);
		return;
	case PTRACE_EVENT_STOP:
		handle_event_stop(e, t, sig, requested);
		return;
	case 0:
		break;
	default:
		auto_resume(e, t, 0); /* events quietstub did not ask for */
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		handle_syscall_stop(e, t);
		return;
	}
	handle_signal_stop(e, t, sig);
}

void engine_reap(struct engine *e)
{
	int status;
	pid_t tid;
	int n = 0;

	/* Threads resumed here can stop again before the batch ends (a
	   program that clones without a pause): bounded, so that the
	   client's wishes (stop everything, detach) are acted upon.  */
	e->statuses_left = false;
	while ((tid = pt_wait_any(&status)) > 0) {
		engine_handle_status(e, tid, status);
		if (++n == ENGINE_REAP_BATCH) {
			e->statuses_left = true;
			break;
		}
	}
	if (n) {
		seize_escaped(e);
		step_over_progress(e);
	}
	if (n && e->on_change)
		e->on_change(e->ctx);
}

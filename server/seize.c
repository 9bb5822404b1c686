/* seize.c - attaching to running processes: their threads are seized
   without stopping any (PTRACE_SEIZE), and the threads that escape the
   seizing are found afterwards.  A thread seized while inside clone can
   still make an untraced child (the kernel decides whether to trace it
   when the clone starts), which shows in /proc only once that clone
   returns: so every seized thread is interrupted once, and when all of
   a process's have stopped since (their clones done), /proc is read
   again; threads found then are seized and interrupted the same way,
   until a reading finds none.  */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include "engine.h"
#include "breakpoints.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "ptrace_ops.h"
#include "seize.h"

/* Seize the threads of P not known yet, each in the state of LIKE; how
   many were new, or a negative errno if the scan failed.  LIKE NULL: an
   attach, the threads run and count as resumed by the client, and those
   born traced (of a thread seized already) are taken too.  */
static int seize_new_tasks(struct engine *e, struct process *p,
			   const struct thread *like)
{
	char path[64];
	DIR *d;
	struct dirent *de;
	int added = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)p->pid);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		pid_t tid = (pid_t)strtol(de->d_name, NULL, 10);
		struct thread *t;
		int r;

		if (tid <= 0 || engine_find_thread(e, tid))
			continue;
		r = pt_seize(tid, ENGINE_ATTACH_OPTIONS);
		if (r == -ESRCH)
			continue; /* it exited meanwhile */
		if (r == -EPERM && procfs_traced_by_me(p->pid, tid)) {
			/* Born from a seized thread: auto-attached, its
			   first stop is on the way (after an attach, its
			   parent's clone event names it).  */
			if (like)
				continue;
			t = engine_add_thread(e, p, tid);
			t->new_thread = true;
		} else if (r < 0) {
			if (tid == p->pid || !p->threads) {
				closedir(d);
				return r;
			}
			continue;
		} else {
			t = engine_add_thread(e, p, tid);
			t->seized_unsettled = true;
			p->unsettled++;
		}
		t->want_running = like ? like->want_running : true;
		t->client_resumed = like ? like->client_resumed : true;
		t->last_resume = RESUME_CONTINUE;
		t->last_report.kind = STOP_INTERRUPT;
		added++;
	}
	closedir(d);
	return added;
}

/* Interrupt the seized threads of P that have not stopped since: the
   handling of the stop resumes those the client wants running.  */
static void settle_seized(struct engine *e, struct process *p)
{
	for (struct thread *t = p->threads; t; t = t->next)
		if (t->seized_unsettled)
			engine_interrupt_briefly(e, t);
}

void seize_settled(struct thread *t)
{
	t->seized_unsettled = false;
	if (--t->proc->unsettled == 0)
		t->proc->rescan_due = true;
}

void seize_escaped(struct engine *e)
{
	for (struct process *p = e->procs; p; p = p->next) {
		const struct thread *like;
		int n;

		if (!p->rescan_due || p->exited)
			continue;
		p->rescan_due = false;
		/* The state the client gave the whole process (all-stop
		   stops or resumes them all).  */
		like = engine_find_thread(e, p->pid);
		if (!like)
			like = p->threads;
		n = seize_new_tasks(e, p, like);
		/* A thread exiting during the reading can hide another:
		   read twice before calling it none.  */
		if (n == 0)
			n = seize_new_tasks(e, p, like);
		if (n <= 0)
			continue;
		log_debug("process %d: %d threads escaped the attach",
			  (int)p->pid, n);
		settle_seized(e, p);
	}
}

static void deliver_status(void *ctx, pid_t tid, int status)
{
	engine_handle_status(ctx, tid, status);
}

/* A thread of P that was not seized yet exec'd: the new image runs
   untraced under the old leader's id.  Seize it again, and keep the
   state the client asked for (an all-stop attach waits for its stop).  */
static void retrace_process(struct engine *e, struct process *p)
{
	struct thread *leader = engine_find_thread(e, p->pid);
	bool run = leader->want_running;
	bool resumed = leader->client_resumed;

	log_debug("process %d exec'd untraced: seizing it again", (int)p->pid);
	while (p->threads)
		engine_remove_thread(e, p->threads);
	bp_forget_all(p);
	p->arch = NULL;
	p->tdesc = NULL;
	mem_open(p);
	for (int i = 0; i < 1000 && seize_new_tasks(e, p, NULL) > 0; i++)
		;
	for (struct thread *t = p->threads; t; t = t->next) {
		t->client_resumed = resumed;
		t->want_running = run;
	}
	settle_seized(e, p);
}

void engine_reconcile_leaders(struct engine *e)
{
	for (struct process *p = e->procs; p; p = p->next) {
		struct thread *leader;

		if (p->exited || p->starting)
			continue;
		/* A thread not yet seized exec'd and took the process id:
		   the old leader died without a report (even from a
		   ptrace-stop) and the new image runs untraced.  */
		leader = engine_find_thread(e, p->pid);
		if (leader && !leader->zombie && !leader->new_thread &&
		    procfs_tracer(p->pid, p->pid) == 0)
			retrace_process(e, p);
	}
}

void engine_reconcile(struct engine *e)
{
	for (struct process *p = e->procs; p; p = p->next) {
		if (p->exited || p->starting)
			continue;
		for (struct thread *t = p->threads, *next; t; t = next) {
			next = t->next;
			if (t->stopped || t->zombie || t->tid == p->pid)
				continue;
			/* Threads vanish without an exit report when another
			   thread execs.  */
			if (!procfs_task_exists(p->pid, t->tid))
				engine_remove_thread(e, t);
		}
	}
	engine_reconcile_leaders(e);
	seize_escaped(e);
}

struct process *engine_attach(struct engine *e, pid_t pid, int *err)
{
	struct process *p;
	struct pt_reaper *reaper;
	int r = 0;
	char exe[64];
	const char *why;

	if (engine_find_process(e, pid)) {
		*err = -EALREADY;
		return NULL;
	}
	snprintf(exe, sizeof(exe), "/proc/%d/exe", (int)pid);
	if (!engine_can_debug(exe, &why)) {
		log_message("quietstub: process %d is %s", (int)pid, why);
		*err = -ENOEXEC;
		return NULL;
	}
	p = engine_add_process(e, pid, true);
	/* Threads created by threads not yet seized escape one scan:
	   rescan until one finds nothing new.  Meanwhile a reaper thread
	   collects wait statuses, so that an exec in the program (which
	   waits for its traced threads to be reaped, holding the lock
	   PTRACE_SEIZE takes) cannot deadlock us.  */
	reaper = pt_reaper_start();
	for (int i = 0; i < 1000; i++) {
		r = seize_new_tasks(e, p, NULL);
		if (r <= 0)
			break;
	}
	/* Opening /proc/PID/mem waits for an exec under way: still with
	   the reaper running.  */
	if (r == 0 && p->threads)
		mem_open(p);
	pt_reaper_stop(reaper, deliver_status, e);
	if (p->exited)
		return p; /* it died meanwhile: the caller reports the exit */
	if (r < 0 || !p->threads) {
		for (struct thread *t = p->threads; t; t = t->next)
			if (!t->new_thread)
				pt_detach(t->tid, 0);
		engine_remove_process(e, p);
		*err = r < 0 ? r : -ESRCH;
		return NULL;
	}
	log_debug("attached to %d: %d threads", (int)pid, p->nthreads);
	settle_seized(e, p);
	return p;
}

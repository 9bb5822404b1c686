/* event_loop.c - epoll-based event loop.  */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include <libiberty/libiberty.h>
#include "event_loop.h"

int loop_init(struct event_loop *l)
{
	l->watches = NULL;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	return l->epfd < 0 ? -errno : 0;
}

void loop_free(struct event_loop *l)
{
	while (l->watches) {
		struct loop_watch *w = l->watches;

		l->watches = w->next;
		free(w);
	}
	if (l->epfd >= 0)
		close(l->epfd);
	l->epfd = -1;
}

int loop_add(struct event_loop *l, int fd, uint32_t events, loop_cb cb,
	     void *ctx)
{
	struct loop_watch *w = xcalloc(1, sizeof(*w));
	struct epoll_event ev = { .events = events, .data.ptr = w };

	w->fd = fd;
	w->cb = cb;
	w->ctx = ctx;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int r = -errno;

		free(w);
		return r;
	}
	w->next = l->watches;
	l->watches = w;
	return 0;
}

static struct loop_watch *find_watch(struct event_loop *l, int fd)
{
	for (struct loop_watch *w = l->watches; w; w = w->next)
		if (w->fd == fd)
			return w;
	return NULL;
}

int loop_modify(struct event_loop *l, int fd, uint32_t events)
{
	struct loop_watch *w = find_watch(l, fd);
	struct epoll_event ev = { .events = events, .data.ptr = w };

	if (!w)
		return -ENOENT;
	return epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev) < 0 ? -errno : 0;
}

void loop_remove(struct event_loop *l, int fd)
{
	struct loop_watch **pp = &l->watches;

	while (*pp && (*pp)->fd != fd)
		pp = &(*pp)->next;
	if (!*pp)
		return;
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
	struct loop_watch *w = *pp;

	/* loop_run_once finds watches by identity in the list, so a watch
	   removed during a round is never called.  */
	*pp = w->next;
	free(w);
}

int loop_run_once(struct event_loop *l, int timeout_ms)
{
	struct epoll_event evs[16];
	int n = epoll_wait(l->epfd, evs, 16, timeout_ms);

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (int i = 0; i < n; i++) {
		struct loop_watch *w = evs[i].data.ptr;

		/* A callback may have removed a later watch of this round;
		   look it up again by identity before calling it.  */
		struct loop_watch *x;

		for (x = l->watches; x && x != w; x = x->next)
			;
		if (x && x->cb)
			x->cb(x->ctx, evs[i].events);
	}
	return n;
}

int loop_sigchld_fd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

void loop_drain_signalfd(int fd)
{
	struct signalfd_siginfo si[8];

	/* One read takes every pending signal (SIGCHLD does not queue:
	   one at most); a second would only find none, a system call a
	   stop.  One arriving meanwhile wakes the loop again.  */
	ssize_t n = read(fd, si, sizeof(si));

	(void)n;
}

long long loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* event_loop.h - the epoll loop: file descriptors with callbacks, and
   SIGCHLD delivered through a signalfd.  */
#ifndef QS_EVENT_LOOP_H
#define QS_EVENT_LOOP_H

#include <stdbool.h>
#include <stdint.h>

typedef void (*loop_cb)(void *ctx, uint32_t events);

struct loop_watch {
	int fd;
	loop_cb cb;
	void *ctx;
	struct loop_watch *next;
};

struct event_loop {
	int epfd;
	struct loop_watch *watches;
};

int loop_init(struct event_loop *l);
void loop_free(struct event_loop *l);
int loop_add(struct event_loop *l, int fd, uint32_t events, loop_cb cb,
	     void *ctx);
int loop_modify(struct event_loop *l, int fd, uint32_t events);
void loop_remove(struct event_loop *l, int fd);
/* Wait up to TIMEOUT_MS (-1 = forever) and run the ready callbacks.  */
int loop_run_once(struct event_loop *l, int timeout_ms);

/* CLOCK_MONOTONIC in milliseconds, for the timeouts callers compute.  */
long long loop_now_ms(void);

/* Block SIGCHLD and return a signalfd for it.  */
int loop_sigchld_fd(void);
/* Empty the SIGCHLD signalfd after it became readable.  */
void loop_drain_signalfd(int fd);

#endif

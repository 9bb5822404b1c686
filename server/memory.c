/* memory.c - tracee memory access: reads through process_vm_readv,
   and /proc/PID/mem for what it cannot read and for writes (which must
   also reach read-only text).  */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>
#include "breakpoints.h"
#include "memory.h"
#include "target.h"

int mem_open(struct process *p)
{
	char path[64];

	mem_close(p);
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)p->pid);
	p->mem_fd = open(path, O_RDWR | O_CLOEXEC);
	return p->mem_fd < 0 ? -errno : 0;
}

void mem_close(struct process *p)
{
	if (p->mem_fd >= 0)
		close(p->mem_fd);
	p->mem_fd = -1;
}

static ssize_t pread_full(int fd, uint8_t *buf, size_t len, uint64_t addr)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r =
			pread(fd, buf + done, len - done, (off_t)(addr + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return done ? (ssize_t)done : (r < 0 ? -errno : -EIO);
		done += r;
	}
	return done;
}

ssize_t mem_read_raw(struct process *p, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t got, rest;

	if (addr > INT64_MAX || len > INT64_MAX - addr)
		return -EIO;
	/* process_vm_readv copies in one go, without the page-by-page walk
	   of /proc/PID/mem; it stops at the first unreadable page, where
	   the file takes over (it also reads what the process itself may
	   not, such as pages mapped without read permission).  */
	got = process_vm_readv(p->pid, &local, 1, &remote, 1, 0);
	if (got == (ssize_t)len)
		return got;
	if (got < 0)
		got = 0;
	if (p->mem_fd < 0 && mem_open(p) < 0)
		return got ? got : -EIO;
	/* /proc/PID/mem stops at the first unreadable page, so a read that
	   fails part-way yields the readable prefix.  */
	rest = pread_full(p->mem_fd, (uint8_t *)buf + got, len - (size_t)got,
			  addr + (uint64_t)got);
	if (rest < 0)
		return got ? got : rest;
	return got + rest;
}

int mem_write_raw(struct process *p, uint64_t addr, const void *buf, size_t len)
{
	const uint8_t *in = buf;
	size_t done = 0;

	if (p->mem_fd < 0 && mem_open(p) < 0)
		return -EIO;
	if (addr > INT64_MAX || len > INT64_MAX - addr)
		return -EIO;
	while (done < len) {
		ssize_t r = pwrite(p->mem_fd, in + done, len - done,
				   (off_t)(addr + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		done += r;
	}
	return 0;
}

ssize_t mem_read(struct process *p, uint64_t addr, void *buf, size_t len)
{
	ssize_t r = mem_read_raw(p, addr, buf, len);

	if (r > 0)
		bp_shadow_read(p, addr, buf, r);
	return r;
}

int mem_write(struct process *p, uint64_t addr, const void *buf, size_t len)
{
	return bp_shadow_write(p, addr, buf, len);
}

int mem_read_cb(void *proc, uint64_t addr, void *buf, size_t len)
{
	ssize_t r = mem_read(proc, addr, buf, len);

	return r == (ssize_t)len ? 0 : -1;
}

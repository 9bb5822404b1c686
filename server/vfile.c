/* vfile.c - Host I/O: the "vFile:" packets.  Owns the table of descriptors
   opened on the client's behalf, the setfs pid, and the host <-> GDB
   fileio translation of open flags, modes, errno values and struct stat
   (the 64-byte big-endian struct fio_stat).  Numbers in requests and
   replies are hex, as in GDB's remote.c.

   With "vFile:setfs:PID" (PID != 0) file names are resolved under
   /proc/PID/root with openat2(RESOLVE_IN_ROOT), so absolute symlinks and
   ".." stay inside the process's root and mount namespace; on kernels
   without openat2 the name is simply taken relative to /proc/PID/root.  */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include <libiberty/libiberty.h>

#include "rsp_hex.h"
#include "vfile.h"

/* GDB's fileio encoding (gdb manual, "Protocol-specific Representation of
   Datatypes").  */
#define FIO_O_RDONLY 0x0
#define FIO_O_WRONLY 0x1
#define FIO_O_RDWR 0x2
#define FIO_O_APPEND 0x8
#define FIO_O_CREAT 0x200
#define FIO_O_TRUNC 0x400
#define FIO_O_EXCL 0x800
#define FIO_O_SUPPORTED                                           \
	(FIO_O_WRONLY | FIO_O_RDWR | FIO_O_APPEND | FIO_O_CREAT | \
	 FIO_O_TRUNC | FIO_O_EXCL)

#define FIO_S_IFREG 0100000
#define FIO_S_IFDIR 040000
#define FIO_S_IFCHR 020000
#define FIO_S_PERM 0777
#define FIO_S_SUPPORTED (FIO_S_IFREG | FIO_S_IFDIR | FIO_S_PERM)

#define FIO_EINVAL 22
#define FIO_ENAMETOOLONG 91
#define FIO_EUNKNOWN 9999

#define FIO_STAT_SIZE 64

struct errmap {
	int host;
	int fio;
};

static const struct errmap errmap[] = {
	{ EPERM, 1 },	{ ENOENT, 2 },	 { EINTR, 4 },
	{ EIO, 5 },	{ EBADF, 9 },	 { EACCES, 13 },
	{ EFAULT, 14 }, { EBUSY, 16 },	 { EEXIST, 17 },
	{ ENODEV, 19 }, { ENOTDIR, 20 }, { EISDIR, 21 },
	{ EINVAL, 22 }, { ENFILE, 23 },	 { EMFILE, 24 },
	{ EFBIG, 27 },	{ ENOSPC, 28 },	 { ESPIPE, 29 },
	{ EROFS, 30 },	{ ENOSYS, 88 },	 { ENAMETOOLONG, FIO_ENAMETOOLONG },
};

int vfile_errno_to_fileio(int err)
{
	size_t i;

	for (i = 0; i < sizeof(errmap) / sizeof(errmap[0]); i++)
		if (errmap[i].host == err)
			return errmap[i].fio;
	return FIO_EUNKNOWN;
}

void vfile_init(struct vfile_state *st)
{
	memset(st, 0, sizeof(*st));
	st->max_data = VFILE_MAX_IO;
}

void vfile_close_all(struct vfile_state *st)
{
	size_t i;

	for (i = 0; i < st->nfds; i++)
		close(st->fds[i]);
	st->nfds = 0;
	st->fs_pid = 0;
}

void vfile_free(struct vfile_state *st)
{
	vfile_close_all(st);
	free(st->fds);
	st->fds = NULL;
	st->cap = 0;
}

static void fd_add(struct vfile_state *st, int fd)
{
	if (st->nfds == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->fds = xrealloc(st->fds, st->cap * sizeof(*st->fds));
	}
	st->fds[st->nfds++] = fd;
}

/* Index of FD in the table, or -1.  */
static long fd_find(const struct vfile_state *st, uint64_t fd)
{
	size_t i;

	for (i = 0; i < st->nfds; i++)
		if ((uint64_t)st->fds[i] == fd)
			return (long)i;
	return -1;
}

static void reply_errno(struct rsp_buf *reply, int err)
{
	rsp_buf_printf(reply, "F-1,%x", vfile_errno_to_fileio(err));
}

static void reply_einval(struct rsp_buf *reply)
{
	rsp_buf_printf(reply, "F-1,%x", FIO_EINVAL);
}

/* Reply "F<n>;" + escaped DATA, sending as many bytes of DATA as fit in
   LIMIT escaped bytes.  Returns how many were sent.  */
static size_t reply_data(struct rsp_buf *reply, const void *data, size_t n,
			 size_t limit)
{
	struct rsp_buf tmp;
	size_t sent;

	rsp_buf_init(&tmp);
	sent = rsp_buf_binary(&tmp, data, n, limit);
	rsp_buf_printf(reply, "F%zx;", sent);
	rsp_buf_put(reply, tmp.data, tmp.len);
	rsp_buf_free(&tmp);
	return sent;
}

/* Argument cursor over the raw packet bytes.  */
struct cursor {
	const char *p;
	const char *end;
};

static bool get_num(struct cursor *c, uint64_t *v)
{
	return rsp_parse_hex(&c->p, c->end, v);
}

static bool get_comma(struct cursor *c)
{
	if (c->p < c->end && *c->p == ',') {
		c->p++;
		return true;
	}
	return false;
}

static bool at_end(const struct cursor *c)
{
	return c->p == c->end;
}

/* A hex-encoded file name up to the next ',' or the end.  Returns an
   xmalloc'd string, or NULL if malformed (odd length, bad digit,
   embedded NUL).  */
static char *get_path(struct cursor *c)
{
	const char *q = c->p;
	char *path;
	size_t n;

	while (q < c->end && *q != ',')
		q++;
	n = (size_t)(q - c->p);
	path = rsp_hex_to_str(c->p, n);
	if (path == NULL)
		return NULL;
	if (strlen(path) != n / 2) {
		free(path);
		return NULL;
	}
	c->p = q;
	return path;
}

static bool fio_to_host_flags(uint64_t fio, int *flags)
{
	int f = 0;

	if (fio & ~(uint64_t)FIO_O_SUPPORTED)
		return false;
	switch (fio & (FIO_O_WRONLY | FIO_O_RDWR)) {
	case FIO_O_RDONLY:
		f = O_RDONLY;
		break;
	case FIO_O_WRONLY:
		f = O_WRONLY;
		break;
	case FIO_O_RDWR:
		f = O_RDWR;
		break;
	default:
		return false;
	}
	if (fio & FIO_O_APPEND)
		f |= O_APPEND;
	if (fio & FIO_O_CREAT)
		f |= O_CREAT;
	if (fio & FIO_O_TRUNC)
		f |= O_TRUNC;
	if (fio & FIO_O_EXCL)
		f |= O_EXCL;
	*flags = f;
	return true;
}

static bool fio_to_host_mode(uint64_t fio, mode_t *mode)
{
	mode_t m;

	if (fio & ~(uint64_t)FIO_S_SUPPORTED)
		return false;
	/* The permission bits have the same values in both encodings.  */
	m = (mode_t)(fio & FIO_S_PERM);
	if (fio & FIO_S_IFREG)
		m |= S_IFREG;
	if (fio & FIO_S_IFDIR)
		m |= S_IFDIR;
	*mode = m;
	return true;
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

/* struct fio_stat: dev, ino, mode, nlink, uid, gid, rdev (4 bytes each),
   size, blksize, blocks (8), atime, mtime, ctime (4); big-endian.  */
static void host_to_fio_stat(const struct stat *sb, uint8_t *out)
{
	uint32_t mode = sb->st_mode & FIO_S_PERM;

	if (S_ISREG(sb->st_mode))
		mode |= FIO_S_IFREG;
	else if (S_ISDIR(sb->st_mode))
		mode |= FIO_S_IFDIR;
	else if (S_ISCHR(sb->st_mode))
		mode |= FIO_S_IFCHR;

	put_be(out + 0, sb->st_dev, 4);
	put_be(out + 4, sb->st_ino, 4);
	put_be(out + 8, mode, 4);
	put_be(out + 12, sb->st_nlink, 4);
	put_be(out + 16, sb->st_uid, 4);
	put_be(out + 20, sb->st_gid, 4);
	put_be(out + 24, sb->st_rdev, 4);
	put_be(out + 28, (uint64_t)sb->st_size, 8);
	put_be(out + 36, (uint64_t)sb->st_blksize, 8);
	put_be(out + 44, (uint64_t)sb->st_blocks, 8);
	put_be(out + 52, (uint64_t)sb->st_atime, 4);
	put_be(out + 56, (uint64_t)sb->st_mtime, 4);
	put_be(out + 60, (uint64_t)sb->st_ctime, 4);
}

static void reply_stat(struct rsp_buf *reply, const struct stat *sb)
{
	uint8_t fst[FIO_STAT_SIZE];

	host_to_fio_stat(sb, fst);
	/* 64 bytes escape to at most 128: always fits.  */
	reply_data(reply, fst, sizeof(fst), 0);
}

/* Directory file names are resolved against: AT_FDCWD for the stub's own
   filesystem, else an O_PATH descriptor of /proc/PID/root (close it with
   root_put).  -1 with errno on failure.  */
static int root_get(const struct vfile_state *st)
{
	char proc[64];

	if (st->fs_pid == 0)
		return AT_FDCWD;
	snprintf(proc, sizeof(proc), "/proc/%ld/root", (long)st->fs_pid);
	return open(proc, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

static void root_put(int root)
{
	if (root >= 0)
		close(root);
}

/* open(2) of PATH in ROOT's filesystem, always O_CLOEXEC.  */
static int root_open(int root, const char *path, int flags, mode_t mode)
{
	struct open_how how;
	const char *rel;
	long fd;

	flags |= O_CLOEXEC;
	if (root == AT_FDCWD)
		return open(path, flags, mode);

	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)flags;
	how.mode = (flags & O_CREAT) ? mode : 0;
	how.resolve = RESOLVE_IN_ROOT;
	fd = syscall(SYS_openat2, root, path, &how, sizeof(how));
	if (fd >= 0 || errno != ENOSYS)
		return (int)fd;

	/* No openat2: resolve relative to /proc/PID/root.  */
	rel = path;
	while (*rel == '/')
		rel++;
	return openat(root, *rel ? rel : ".", flags, mode);
}

/* stat or lstat of PATH in ROOT's filesystem.  */
static int root_stat(int root, const char *path, bool follow, struct stat *sb)
{
	int fd, ret, saved;

	if (root == AT_FDCWD)
		return follow ? stat(path, sb) : lstat(path, sb);
	fd = root_open(root, path, O_PATH | (follow ? 0 : O_NOFOLLOW), 0);
	if (fd < 0)
		return -1;
	ret = fstatat(fd, "", sb, AT_EMPTY_PATH);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

static ssize_t root_readlink(int root, const char *path, char *buf, size_t size)
{
	struct stat sb;
	ssize_t ret = -1;
	int fd, saved;

	if (root == AT_FDCWD)
		return readlink(path, buf, size);
	fd = root_open(root, path, O_PATH | O_NOFOLLOW, 0);
	if (fd < 0)
		return -1;
	if (fstatat(fd, "", &sb, AT_EMPTY_PATH) < 0)
		goto out;
	if (!S_ISLNK(sb.st_mode)) {
		errno = EINVAL;
		goto out;
	}
	ret = readlinkat(fd, "", buf, size);
out:
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

static int root_unlink(int root, const char *path)
{
	struct stat sb;
	char *dir = NULL;
	const char *base;
	size_t len, slash;
	int dfd = -1, ret = -1, saved;

	if (root == AT_FDCWD)
		return unlink(path);

	len = strlen(path);
	if (len == 0) {
		errno = ENOENT;
		return -1;
	}
	if (path[len - 1] == '/') {
		/* unlink("x/") fails whatever x is; find out how.  */
		if (root_stat(root, path, true, &sb) < 0)
			return -1;
		errno = S_ISDIR(sb.st_mode) ? EISDIR : ENOTDIR;
		return -1;
	}
	slash = len;
	while (slash > 0 && path[slash - 1] != '/')
		slash--;
	base = path + slash;
	if (slash == 0)
		dir = xstrdup(".");
	else if (slash == 1)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, slash - 1);

	dfd = root_open(root, dir, O_PATH | O_DIRECTORY, 0);
	if (dfd < 0)
		goto out;
	ret = unlinkat(dfd, base, 0);
out:
	saved = errno;
	if (dfd >= 0)
		close(dfd);
	free(dir);
	errno = saved;
	return ret;
}

/* vFile:open:PATHNAME,FLAGS,MODE */
static void do_open(struct vfile_state *st, struct cursor *c,
		    struct rsp_buf *reply)
{
	uint64_t fflags, fmode;
	char *path;
	mode_t mode;
	int flags, root, fd;

	path = get_path(c);
	if (path == NULL || !get_comma(c) || !get_num(c, &fflags) ||
	    !get_comma(c) || !get_num(c, &fmode) || !at_end(c) ||
	    !fio_to_host_flags(fflags, &flags) ||
	    !fio_to_host_mode(fmode, &mode)) {
		reply_einval(reply);
		goto out;
	}
	root = root_get(st);
	if (root == -1) {
		reply_errno(reply, errno);
		goto out;
	}
	fd = root_open(root, path, flags, mode);
	if (fd < 0)
		reply_errno(reply, errno);
	root_put(root);
	if (fd < 0)
		goto out;
	fd_add(st, fd);
	rsp_buf_printf(reply, "F%x", fd);
out:
	free(path);
}

/* vFile:pread:FD,COUNT,OFFSET */
static void do_pread(struct vfile_state *st, struct cursor *c,
		     struct rsp_buf *reply)
{
	uint64_t fd, count, offset;
	size_t limit = st->max_data ? st->max_data : VFILE_MAX_IO;
	char *data;
	ssize_t n;

	if (!get_num(c, &fd) || !get_comma(c) || !get_num(c, &count) ||
	    !get_comma(c) || !get_num(c, &offset) || !at_end(c) ||
	    offset > INT64_MAX) {
		reply_einval(reply);
		return;
	}
	if (fd_find(st, fd) < 0) {
		reply_errno(reply, EBADF);
		return;
	}
	if (count > limit)
		count = limit;
	data = xmalloc(count ? count : 1);
	n = pread((int)fd, data, count, (off_t)offset);
	if (n < 0)
		reply_errno(reply, errno);
	else
		reply_data(reply, data, (size_t)n, limit);
	free(data);
}

/* vFile:pwrite:FD,OFFSET,DATA */
static void do_pwrite(struct vfile_state *st, struct cursor *c,
		      struct rsp_buf *reply)
{
	uint64_t fd, offset;
	char *data;
	long len;
	ssize_t n;

	if (!get_num(c, &fd) || !get_comma(c) || !get_num(c, &offset) ||
	    !get_comma(c) || offset > INT64_MAX) {
		reply_einval(reply);
		return;
	}
	len = (long)(c->end - c->p);
	data = xmalloc(len ? (size_t)len : 1);
	memcpy(data, c->p, (size_t)len);
	len = rsp_unescape(data, (size_t)len);
	if (len < 0) {
		reply_einval(reply);
		goto out;
	}
	if (fd_find(st, fd) < 0) {
		reply_errno(reply, EBADF);
		goto out;
	}
	n = pwrite((int)fd, data, (size_t)len, (off_t)offset);
	if (n < 0)
		reply_errno(reply, errno);
	else
		rsp_buf_printf(reply, "F%zx", (size_t)n);
out:
	free(data);
}

/* vFile:close:FD */
static void do_close(struct vfile_state *st, struct cursor *c,
		     struct rsp_buf *reply)
{
	uint64_t fd;
	long i;
	int ret;

	if (!get_num(c, &fd) || !at_end(c)) {
		reply_einval(reply);
		return;
	}
	i = fd_find(st, fd);
	if (i < 0) {
		reply_errno(reply, EBADF);
		return;
	}
	/* On Linux the descriptor is gone even when close fails.  */
	st->fds[i] = st->fds[--st->nfds];
	ret = close((int)fd);
	if (ret < 0)
		reply_errno(reply, errno);
	else
		rsp_buf_puts(reply, "F0");
}

/* vFile:fstat:FD */
static void do_fstat(struct vfile_state *st, struct cursor *c,
		     struct rsp_buf *reply)
{
	struct stat sb;
	uint64_t fd;

	if (!get_num(c, &fd) || !at_end(c)) {
		reply_einval(reply);
		return;
	}
	if (fd_find(st, fd) < 0) {
		reply_errno(reply, EBADF);
		return;
	}
	if (fstat((int)fd, &sb) < 0)
		reply_errno(reply, errno);
	else
		reply_stat(reply, &sb);
}

/* The operations that take one hex file name.  */
enum path_op { OP_STAT, OP_LSTAT, OP_READLINK, OP_UNLINK };

static void do_path_op(struct vfile_state *st, enum path_op op,
		       struct cursor *c, struct rsp_buf *reply)
{
	size_t limit = st->max_data ? st->max_data : VFILE_MAX_IO;
	char *path, *link = NULL;
	struct rsp_buf tmp;
	struct stat sb;
	ssize_t n;
	int root;

	path = get_path(c);
	if (path == NULL || !at_end(c)) {
		reply_einval(reply);
		goto out;
	}
	root = root_get(st);
	if (root == -1) {
		reply_errno(reply, errno);
		goto out;
	}
	switch (op) {
	case OP_STAT:
	case OP_LSTAT:
		if (root_stat(root, path, op == OP_STAT, &sb) < 0)
			reply_errno(reply, errno);
		else
			reply_stat(reply, &sb);
		break;
	case OP_READLINK:
		link = xmalloc(PATH_MAX + 1);
		n = root_readlink(root, path, link, PATH_MAX + 1);
		if (n < 0) {
			reply_errno(reply, errno);
		} else if (n > PATH_MAX) {
			reply_errno(reply, ENAMETOOLONG);
		} else {
			/* A partial link target is useless: fail instead.  */
			rsp_buf_init(&tmp);
			if (rsp_buf_binary(&tmp, link, (size_t)n, limit) <
			    (size_t)n) {
				reply_errno(reply, ENAMETOOLONG);
			} else {
				rsp_buf_printf(reply, "F%zx;", (size_t)n);
				rsp_buf_put(reply, tmp.data, tmp.len);
			}
			rsp_buf_free(&tmp);
		}
		break;
	case OP_UNLINK:
		if (root_unlink(root, path) < 0)
			reply_errno(reply, errno);
		else
			rsp_buf_puts(reply, "F0");
		break;
	}
	root_put(root);
out:
	free(link);
	free(path);
}

/* vFile:setfs:PID */
static void do_setfs(struct vfile_state *st, struct cursor *c,
		     struct rsp_buf *reply)
{
	uint64_t pid;

	if (!get_num(c, &pid) || !at_end(c) || pid > INT_MAX) {
		reply_einval(reply);
		return;
	}
	st->fs_pid = (pid_t)pid;
	rsp_buf_puts(reply, "F0");
}

void vfile_handle(struct vfile_state *st, const char *op, const char *args,
		  size_t args_len, struct rsp_buf *reply)
{
	struct cursor c = { args, args + args_len };

	if (strcmp(op, "open") == 0)
		do_open(st, &c, reply);
	else if (strcmp(op, "pread") == 0)
		do_pread(st, &c, reply);
	else if (strcmp(op, "pwrite") == 0)
		do_pwrite(st, &c, reply);
	else if (strcmp(op, "close") == 0)
		do_close(st, &c, reply);
	else if (strcmp(op, "fstat") == 0)
		do_fstat(st, &c, reply);
	else if (strcmp(op, "stat") == 0)
		do_path_op(st, OP_STAT, &c, reply);
	else if (strcmp(op, "lstat") == 0)
		do_path_op(st, OP_LSTAT, &c, reply);
	else if (strcmp(op, "readlink") == 0)
		do_path_op(st, OP_READLINK, &c, reply);
	else if (strcmp(op, "unlink") == 0)
		do_path_op(st, OP_UNLINK, &c, reply);
	else if (strcmp(op, "setfs") == 0)
		do_setfs(st, &c, reply);
}

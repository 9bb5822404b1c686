/* test-server-vfile.c - unit tests of server/vfile.c (vFile: Host I/O) on
   files in a temporary directory.  Links server/vfile.o.  */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rsp_buf.h"
#include "rsp_hex.h"
#include "unit.h"
#include "vfile.h"

static struct rsp_buf reply;

/* Run one request; ARGS may hold binary data of ARGS_LEN bytes.  */
static const char *reqn(struct vfile_state *st, const char *op,
			const char *args, size_t len)
{
	rsp_buf_reset(&reply);
	vfile_handle(st, op, args, len, &reply);
	rsp_buf_putc(&reply, '\0');
	reply.len--;
	return reply.data;
}

static const char *req(struct vfile_state *st, const char *op, const char *args)
{
	return reqn(st, op, args, strlen(args));
}

static void hexpath(char *out, const char *path)
{
	struct rsp_buf b;

	rsp_buf_init(&b);
	rsp_buf_hex_str(&b, path);
	memcpy(out, b.data, b.len);
	out[b.len] = '\0';
	rsp_buf_free(&b);
}

/* Attachment after "F<n>;", unescaped into OUT; returns its length or -1,
   and checks that <n> matches.  */
static long attachment(const char *r, size_t rlen, char *out)
{
	const char *semi = memchr(r, ';', rlen);
	unsigned long n;
	long len;

	if (r[0] != 'F' || semi == NULL)
		return -1;
	n = strtoul(r + 1, NULL, 16);
	len = (long)(rlen - (size_t)(semi + 1 - r));
	memcpy(out, semi + 1, (size_t)len);
	len = rsp_unescape(out, (size_t)len);
	return (unsigned long)len == n ? len : -1;
}

static uint64_t be(const uint8_t *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static int open_fd(struct vfile_state *st, const char *path, unsigned flags,
		   unsigned mode)
{
	char args[8192], hex[8000];
	const char *r;

	hexpath(hex, path);
	snprintf(args, sizeof(args), "%s,%x,%x", hex, flags, mode);
	r = req(st, "open", args);
	if (r[0] != 'F' || r[1] == '-')
		return -1;
	return (int)strtol(r + 1, NULL, 16);
}

static void test_basic(struct vfile_state *st, const char *dir)
{
	char path[4096], hex[8200], args[8300], data[256], got[512];
	static const char payload[] = "a#b$c}d*e\0f";
	const char *r;
	struct rsp_buf b;
	long len;
	int fd, fd2;

	snprintf(path, sizeof(path), "%s/file", dir);
	hexpath(hex, path);

	/* Errors.  */
	snprintf(args, sizeof(args), "%s,0,0", hex);
	CHECK(strcmp(req(st, "open", args), "F-1,2") == 0,
	      "vfile: open missing file -> ENOENT");
	CHECK(strcmp(req(st, "open", "6,0,0"), "F-1,16") == 0,
	      "vfile: odd hex name -> EINVAL");
	CHECK(strcmp(req(st, "open", "zz,0,0"), "F-1,16") == 0,
	      "vfile: bad hex name -> EINVAL");
	CHECK(strcmp(req(st, "open", "6100,0,0"), "F-1,16") == 0,
	      "vfile: embedded NUL in name -> EINVAL");
	snprintf(args, sizeof(args), "%s,10000,0", hex);
	CHECK(strcmp(req(st, "open", args), "F-1,16") == 0,
	      "vfile: unsupported open flag -> EINVAL");
	snprintf(args, sizeof(args), "%s,0,1000", hex);
	CHECK(strcmp(req(st, "open", args), "F-1,16") == 0,
	      "vfile: unsupported mode bit -> EINVAL");
	snprintf(args, sizeof(args), "%s,0", hex);
	CHECK(strcmp(req(st, "open", args), "F-1,16") == 0,
	      "vfile: open missing mode -> EINVAL");
	CHECK(strcmp(req(st, "frobnicate", "1"), "") == 0,
	      "vfile: unknown op -> empty reply");

	/* O_CREAT|O_RDWR, 0644.  */
	fd = open_fd(st, path, 0x202, 0644);
	CHECK(fd >= 0, "vfile: open O_CREAT|O_RDWR");
	CHECK(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
	      "vfile: opened with O_CLOEXEC");
	CHECK(open_fd(st, path, 0xa02, 0644) < 0 &&
		      strcmp(reply.data, "F-1,11") == 0,
	      "vfile: O_CREAT|O_EXCL on existing -> EEXIST (0x11)");

	/* pwrite with escaped binary data.  */
	rsp_buf_init(&b);
	rsp_buf_printf(&b, "%x,0,", fd);
	rsp_buf_binary(&b, payload, sizeof(payload) - 1, 0);
	r = reqn(st, "pwrite", b.data, b.len);
	CHECK(strtoul(r + 1, NULL, 16) == sizeof(payload) - 1 && r[0] == 'F',
	      "vfile: pwrite escaped data (%s)", r);
	rsp_buf_reset(&b);
	rsp_buf_printf(&b, "%x,0,ab}", fd);
	CHECK(strcmp(reqn(st, "pwrite", b.data, b.len), "F-1,16") == 0,
	      "vfile: pwrite with dangling escape -> EINVAL");
	rsp_buf_free(&b);

	/* pread back.  */
	snprintf(args, sizeof(args), "%x,100,0", fd);
	r = req(st, "pread", args);
	len = attachment(r, reply.len, got);
	CHECK(len == sizeof(payload) - 1 &&
		      memcmp(got, payload, sizeof(payload) - 1) == 0,
	      "vfile: pread returns the data, escaped");
	CHECK(strncmp(r, "Fb;a}\x03", 6) == 0 &&
		      memchr(r, '#', reply.len) == NULL &&
		      memchr(r, '$', reply.len) == NULL &&
		      memchr(r, '*', reply.len) == NULL,
	      "vfile: pread escapes # $ } *");
	snprintf(args, sizeof(args), "%x,4,2", fd);
	r = req(st, "pread", args);
	CHECK(reply.len == 9 && memcmp(r,
				       "F4;b}\x04"
				       "c}]",
				       9) == 0,
	      "vfile: pread count and offset");
	snprintf(args, sizeof(args), "%x,10,100", fd);
	CHECK(strcmp(req(st, "pread", args), "F0;") == 0,
	      "vfile: pread past EOF -> F0;");

	/* The escaped data never exceeds max_data.  */
	memset(data, '$', sizeof(data));
	fd2 = open(path, O_WRONLY);
	CHECK(pwrite(fd2, data, sizeof(data), 0) == sizeof(data),
	      "vfile: setup");
	close(fd2);
	st->max_data = 11;
	snprintf(args, sizeof(args), "%x,100,0", fd);
	r = req(st, "pread", args);
	CHECK(strncmp(r, "F5;", 3) == 0 && reply.len == 13,
	      "vfile: pread capped by max_data, escapes counted (%s)", r);
	st->max_data = VFILE_MAX_IO;
	snprintf(args, sizeof(args), "%x,ffffffff,0", fd);
	r = req(st, "pread", args);
	CHECK(strncmp(r, "F100;", 5) == 0, "vfile: pread huge count");

	/* fstat.  */
	snprintf(args, sizeof(args), "%x", fd);
	r = req(st, "fstat", args);
	len = attachment(r, reply.len, got);
	CHECK(strncmp(r, "F40;", 4) == 0 && len == 64, "vfile: fstat F40;");
	CHECK(be((uint8_t *)got + 8, 4) == (0100000 | 0644) &&
		      be((uint8_t *)got + 28, 8) == sizeof(data) &&
		      be((uint8_t *)got + 12, 4) == 1,
	      "vfile: fstat mode/size/nlink big-endian");

	/* stat, lstat, readlink on a symlink whose target needs escaping.  */
	{
		char lpath[4200], lhex[8500];
		static const char target[] = "fi#le$}*";

		snprintf(lpath, sizeof(lpath), "%s/link", dir);
		CHECK(symlink(target, lpath) == 0, "vfile: setup symlink");
		hexpath(lhex, lpath);
		r = req(st, "readlink", lhex);
		len = attachment(r, reply.len, got);
		CHECK(len == (long)strlen(target) &&
			      memcmp(got, target, (size_t)len) == 0,
		      "vfile: readlink escaped target");
		r = req(st, "lstat", lhex);
		len = attachment(r, reply.len, got);
		CHECK(len == 64 && be((uint8_t *)got + 28, 8) == strlen(target),
		      "vfile: lstat does not follow");
		r = req(st, "stat", lhex);
		CHECK(strcmp(r, "F-1,2") == 0,
		      "vfile: stat of dangling link -> ENOENT");
		unlink(lpath);
		CHECK(symlink("file", lpath) == 0, "vfile: setup symlink 2");
		r = req(st, "stat", lhex);
		len = attachment(r, reply.len, got);
		CHECK(len == 64 && be((uint8_t *)got + 28, 8) == sizeof(data),
		      "vfile: stat follows");
		CHECK(strcmp(req(st, "readlink", hex), "F-1,16") == 0,
		      "vfile: readlink of a regular file -> EINVAL");
		unlink(lpath);
	}

	/* Bad descriptors.  */
	CHECK(strcmp(req(st, "pread", "0,10,0"), "F-1,9") == 0,
	      "vfile: pread on stdin (not opened via vFile) -> EBADF");
	CHECK(strcmp(req(st, "fstat", "2"), "F-1,9") == 0,
	      "vfile: fstat on foreign fd -> EBADF");
	CHECK(strcmp(req(st, "pread", "x"), "F-1,16") == 0,
	      "vfile: malformed pread -> EINVAL");
	CHECK(strcmp(req(st, "close", "3,"), "F-1,16") == 0,
	      "vfile: trailing junk -> EINVAL");
	snprintf(args, sizeof(args), "%x", fd);
	CHECK(strcmp(req(st, "close", args), "F0") == 0, "vfile: close");
	CHECK(strcmp(req(st, "close", args), "F-1,9") == 0,
	      "vfile: double close -> EBADF");
	snprintf(args, sizeof(args), "%x,10,0", fd);
	CHECK(strcmp(req(st, "pread", args), "F-1,9") == 0,
	      "vfile: pread after close -> EBADF");

	/* Directory, unlink.  */
	hexpath(hex, dir);
	snprintf(args, sizeof(args), "%s,1,0", hex);
	CHECK(strcmp(req(st, "open", args), "F-1,15") == 0,
	      "vfile: open dir for writing -> EISDIR (0x15)");
	hexpath(hex, path);
	CHECK(strcmp(req(st, "unlink", hex), "F0") == 0, "vfile: unlink");
	CHECK(strcmp(req(st, "unlink", hex), "F-1,2") == 0,
	      "vfile: unlink again -> ENOENT");
}

static void test_errno(void)
{
	CHECK(vfile_errno_to_fileio(EPERM) == 1 &&
		      vfile_errno_to_fileio(EACCES) == 13 &&
		      vfile_errno_to_fileio(ENOSPC) == 28 &&
		      vfile_errno_to_fileio(EROFS) == 30 &&
		      vfile_errno_to_fileio(ENAMETOOLONG) == 91 &&
		      vfile_errno_to_fileio(ELOOP) == 9999 &&
		      vfile_errno_to_fileio(EAGAIN) == 9999,
	      "vfile: errno translation");
}

static void test_close_all(struct vfile_state *st, const char *dir)
{
	char path[4200];
	int fd1, fd2;

	snprintf(path, sizeof(path), "%s/ca", dir);
	fd1 = open_fd(st, path, 0x202, 0600);
	fd2 = open_fd(st, path, 0, 0);
	CHECK(fd1 >= 0 && fd2 >= 0 && fd1 != fd2, "vfile: two opens");
	CHECK(strcmp(req(st, "setfs", "1"), "F0") == 0, "vfile: setfs 1");
	vfile_close_all(st);
	CHECK(fcntl(fd1, F_GETFD) < 0 && fcntl(fd2, F_GETFD) < 0 &&
		      st->nfds == 0 && st->fs_pid == 0,
	      "vfile: close_all closes and resets setfs");
	unlink(path);
}

/* setfs: own pid via /proc/self-equivalent, a missing pid, and (as root)
   a chrooted child whose absolute symlinks must resolve in its root.  */
static void test_setfs(struct vfile_state *st, const char *dir)
{
	char path[4200], hex[8500], args[8600], got[256];
	const char *r;
	int fd, pfd[2];
	pid_t child;
	long len;

	snprintf(path, sizeof(path), "%s/fs", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0 && write(fd, "hello", 5) == 5, "vfile: setfs setup");
	close(fd);

	CHECK(strcmp(req(st, "setfs", "x"), "F-1,16") == 0,
	      "vfile: setfs malformed -> EINVAL");
	snprintf(args, sizeof(args), "%x", (unsigned)getpid());
	CHECK(strcmp(req(st, "setfs", args), "F0") == 0, "vfile: setfs pid");
	fd = open_fd(st, path, 0, 0);
	CHECK(fd >= 0, "vfile: open through /proc/PID/root");
	snprintf(args, sizeof(args), "%x,10,0", fd);
	CHECK(strcmp(req(st, "pread", args), "F5;hello") == 0,
	      "vfile: pread through /proc/PID/root");
	hexpath(hex, path);
	r = req(st, "stat", hex);
	CHECK(attachment(r, reply.len, got) == 64, "vfile: setfs stat");
	CHECK(strcmp(req(st, "unlink", hex), "F0") == 0 &&
		      access(path, F_OK) < 0,
	      "vfile: setfs unlink");
	CHECK(strcmp(req(st, "unlink", hex), "F-1,2") == 0,
	      "vfile: setfs unlink again -> ENOENT");
	snprintf(path, sizeof(path), "%s/", dir);
	hexpath(hex, path);
	CHECK(strcmp(req(st, "unlink", hex), "F-1,15") == 0,
	      "vfile: setfs unlink dir/ -> EISDIR");
	CHECK(strcmp(req(st, "setfs", "7ffffffe"), "F0") == 0,
	      "vfile: setfs missing pid");
	snprintf(args, sizeof(args), "%s,0,0", hex);
	CHECK(strcmp(req(st, "open", args), "F-1,2") == 0,
	      "vfile: open in missing pid's fs -> ENOENT");
	CHECK(strcmp(req(st, "setfs", "0"), "F0") == 0, "vfile: setfs 0");

	if (geteuid() != 0 || pipe(pfd) < 0)
		return;
	snprintf(path, sizeof(path), "%s/inroot", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	if (fd < 0 || write(fd, "rooted", 6) != 6)
		return;
	close(fd);
	snprintf(path, sizeof(path), "%s/abs", dir);
	if (symlink("/inroot", path) < 0)
		return;
	child = fork();
	if (child == 0) {
		char c = chroot(dir) == 0 ? 'y' : 'n';

		close(pfd[0]);
		if (write(pfd[1], &c, 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(pfd[1]);
	{
		char c = 'n';

		if (read(pfd[0], &c, 1) == 1 && c == 'y') {
			snprintf(args, sizeof(args), "%x", (unsigned)child);
			req(st, "setfs", args);
			fd = open_fd(st, "/abs", 0, 0);
			snprintf(args, sizeof(args), "%x,10,0", fd);
			CHECK(fd >= 0 && strcmp(req(st, "pread", args),
						"F6;rooted") == 0,
			      "vfile: setfs absolute symlink resolves in the "
			      "process's root");
			hexpath(hex, "/abs");
			r = req(st, "readlink", hex);
			len = attachment(r, reply.len, got);
			CHECK(len == 7 && memcmp(got, "/inroot", 7) == 0,
			      "vfile: setfs readlink");
			hexpath(hex, "/../../inroot");
			r = req(st, "lstat", hex);
			CHECK(attachment(r, reply.len, got) == 64,
			      "vfile: setfs '..' stays in the root");
			req(st, "setfs", "0");
		}
	}
	close(pfd[0]);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s/inroot", dir);
	unlink(path);
}

int main(void)
{
	char dir[] = "/tmp/qs-vfile-XXXXXX";
	struct vfile_state st;

	rsp_buf_init(&reply);
	vfile_init(&st);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_errno();
	test_basic(&st, dir);
	test_close_all(&st, dir);
	test_setfs(&st, dir);
	vfile_free(&st);
	rmdir(dir);
	rsp_buf_free(&reply);
	return UNIT_DONE();
}

/* test-server-svr4.c - unit tests of server/svr4.c: the library list of
   this very process (read with process_vm_readv on itself, auxv from
   /proc/self/auxv, libm dlopen'ed) and synthetic 32- and 64-bit images in
   a buffer.  Links server/svr4.o and -ldl.  */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "rsp_buf.h"
#include "svr4.h"
#include "unit.h"

/* Own memory, failing cleanly on unmapped addresses.  */
static int self_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };

	(void)ctx;
	return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) ==
			       (ssize_t)len ?
		       0 :
		       -1;
}

static int fail_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	(void)ctx;
	(void)addr;
	(void)buf;
	(void)len;
	return -1;
}

/* What ld.so put in our DT_DEBUG: the base namespace's r_debug, which is
   not necessarily &_r_debug here (copy relocations).  */
static uintptr_t dt_debug(void)
{
	ElfW(Dyn) * d;

	for (d = _DYNAMIC; d->d_tag != DT_NULL; d++)
		if (d->d_tag == DT_DEBUG)
			return (uintptr_t)d->d_un.d_val;
	return 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

static void test_self(void)
{
	uint8_t auxv[4096];
	struct link_map *lm = NULL, *l;
	struct rsp_buf x;
	char want[256], want2[64];
	size_t named = 0;
	ssize_t n;
	void *h, *h2;
	int fd, ret;

	h = dlopen("libm.so.6", RTLD_NOW);
	CHECK(h != NULL && dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0,
	      "svr4: dlopen libm");
	fd = open("/proc/self/auxv", O_RDONLY);
	n = fd >= 0 ? read(fd, auxv, sizeof(auxv)) : -1;
	if (fd >= 0)
		close(fd);
	CHECK(n > 0, "svr4: read /proc/self/auxv");
	if (n <= 0 || lm == NULL)
		return;

	rsp_buf_init(&x);
	ret = svr4_library_list(self_read, NULL, auxv, (size_t)n,
				sizeof(void *) == 8, &x);
	CHECK(ret == 0, "svr4: self list");
	printf("%s\n", x.data ? x.data : "");

	snprintf(want, sizeof(want),
		 "<library-list-svr4 version=\"1.0\" main-lm=\"0x%" PRIxPTR
		 "\">",
		 (uintptr_t)((struct r_debug *)dt_debug())->r_map);
	CHECK(x.data && strncmp(x.data, want, strlen(want)) == 0,
	      "svr4: main-lm is r_debug.r_map");
	CHECK(x.data && strstr(x.data, "libc.so.6\"") != NULL,
	      "svr4: lists libc");
	snprintf(want, sizeof(want),
		 "libm.so.6\" lm=\"0x%" PRIxPTR "\" l_addr=\"0x%" PRIxPTR
		 "\" l_ld=\"0x%" PRIxPTR "\" lmid=\"0x%" PRIxPTR "\"/>",
		 (uintptr_t)lm, (uintptr_t)lm->l_addr, (uintptr_t)lm->l_ld,
		 dt_debug());
	CHECK(x.data && strstr(x.data, want) != NULL,
	      "svr4: libm with its lm, l_addr, l_ld, lmid");
	for (l = ((struct r_debug *)dt_debug())->r_map->l_next; l;
	     l = l->l_next)
		if (l->l_name && l->l_name[0])
			named++;
	CHECK(x.data && count(x.data, "<library ") == named,
	      "svr4: one <library> per named link_map (%zu)", named);
	CHECK(x.data && strlen(x.data) > 20 &&
		      strcmp(x.data + x.len - 20, "</library-list-svr4>") == 0,
	      "svr4: document closed");

	/* A dlmopen namespace is listed with its own lmid (glibc >= 2.35
	   chains namespaces with r_debug_extended.r_next).  */
	h2 = dlmopen(LM_ID_NEWLM, "libm.so.6", RTLD_NOW);
	if (h2 && ((struct r_debug *)dt_debug())->r_version >= 2 &&
	    dlinfo(h2, RTLD_DI_LINKMAP, &lm) == 0) {
		rsp_buf_reset(&x);
		ret = svr4_library_list(self_read, NULL, auxv, (size_t)n,
					sizeof(void *) == 8, &x);
		snprintf(want, sizeof(want), "lm=\"0x%" PRIxPTR "\"",
			 (uintptr_t)lm);
		snprintf(want2, sizeof(want2), "lmid=\"0x%" PRIxPTR "\"",
			 dt_debug());
		CHECK(ret == 0 && x.data && strstr(x.data, want) &&
			      count(x.data, "libm.so.6") == 2 &&
			      count(x.data, want2) < count(x.data, "<library "),
		      "svr4: dlmopen namespace listed");
	}

	rsp_buf_reset(&x);
	CHECK(svr4_library_list(fail_read, NULL, auxv, (size_t)n,
				sizeof(void *) == 8, &x) == -1 &&
		      x.len == 0,
	      "svr4: unreadable memory -> -1, nothing written");
	CHECK(svr4_library_list(self_read, NULL, NULL, 0, sizeof(void *) == 8,
				&x) == -1,
	      "svr4: no auxv -> -1");
	rsp_buf_free(&x);
	if (h2)
		dlclose(h2);
	dlclose(h);
}

/* A synthetic process image: BASE..BASE+IMG_SIZE readable.  */
#define BASE 0x10000u
#define IMG_SIZE 0x3000u
#define O_PHDR 0x40u /* sizeof(Elf64_Ehdr); Elf32 uses 0x34 */
#define O_DYN 0x200u
#define O_RDEBUG 0x400u
#define O_RDEBUG2 0x440u
#define O_LM 0x500u /* link_maps every 0x40 bytes */
#define O_NAMES 0x800u

struct image {
	uint8_t mem[IMG_SIZE];
	unsigned ptr;
	uint8_t auxv[128];
	size_t auxv_len;
};

static int img_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct image *im = ctx;

	if (addr < BASE || addr + len > BASE + IMG_SIZE || addr + len < addr)
		return -1;
	memcpy(buf, im->mem + (addr - BASE), len);
	return 0;
}

static void put(struct image *im, uint32_t off, uint64_t v)
{
	uint32_t v32 = (uint32_t)v;

	if (im->ptr == 8)
		memcpy(im->mem + off, &v, 8);
	else
		memcpy(im->mem + off, &v32, 4);
}

static void put_lm(struct image *im, unsigned i, uint64_t l_addr,
		   uint32_t name_off, uint64_t l_ld, int next, int prev)
{
	uint32_t o = O_LM + i * 0x40;

	put(im, o, l_addr);
	put(im, o + im->ptr, BASE + name_off);
	put(im, o + 2 * im->ptr, l_ld);
	put(im, o + 3 * im->ptr, next < 0 ? 0 : BASE + O_LM + next * 0x40u);
	put(im, o + 4 * im->ptr, prev < 0 ? 0 : BASE + O_LM + prev * 0x40u);
}

static void put_phdr(struct image *im, unsigned i, uint32_t type,
		     uint64_t vaddr, uint64_t memsz)
{
	uint32_t phoff = im->ptr == 8 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);

	if (im->ptr == 8) {
		Elf64_Phdr p = { .p_type = type,
				 .p_vaddr = vaddr,
				 .p_memsz = memsz };

		memcpy(im->mem + phoff + i * sizeof(p), &p, sizeof(p));
	} else {
		Elf32_Phdr p = { .p_type = type,
				 .p_vaddr = (uint32_t)vaddr,
				 .p_memsz = (uint32_t)memsz };

		memcpy(im->mem + phoff + i * sizeof(p), &p, sizeof(p));
	}
}

static void put_auxv(struct image *im, uint64_t type, uint64_t val)
{
	uint32_t t32 = (uint32_t)type, v32 = (uint32_t)val;

	if (im->ptr == 8) {
		memcpy(im->auxv + im->auxv_len, &type, 8);
		memcpy(im->auxv + im->auxv_len + 8, &val, 8);
	} else {
		memcpy(im->auxv + im->auxv_len, &t32, 4);
		memcpy(im->auxv + im->auxv_len + 4, &v32, 4);
	}
	im->auxv_len += 2 * im->ptr;
}

/* PIE-like: link-time addresses start at 0, bias BASE.  */
static void build(struct image *im, unsigned ptr)
{
	uint32_t phoff = ptr == 8 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	uint32_t dsz = ptr == 8 ? sizeof(Elf64_Dyn) : sizeof(Elf32_Dyn);

	memset(im, 0, sizeof(*im));
	im->ptr = ptr;
	/* ELF header, for the AT_ENTRY fallback.  */
	if (ptr == 8) {
		Elf64_Ehdr e = { .e_entry = 0x100,
				 .e_phoff = phoff,
				 .e_phnum = 3 };

		memcpy(e.e_ident, ELFMAG, SELFMAG);
		e.e_ident[EI_CLASS] = ELFCLASS64;
		memcpy(im->mem, &e, sizeof(e));
	} else {
		Elf32_Ehdr e = { .e_entry = 0x100,
				 .e_phoff = phoff,
				 .e_phnum = 3 };

		memcpy(e.e_ident, ELFMAG, SELFMAG);
		e.e_ident[EI_CLASS] = ELFCLASS32;
		memcpy(im->mem, &e, sizeof(e));
	}
	put_phdr(im, 0, PT_PHDR, phoff, 0);
	put_phdr(im, 1, PT_LOAD, 0, IMG_SIZE);
	put_phdr(im, 2, PT_DYNAMIC, O_DYN, 4 * dsz);
	/* DT_NEEDED, DT_DEBUG, DT_NULL.  */
	put(im, O_DYN, DT_NEEDED);
	put(im, O_DYN + ptr, 1);
	put(im, O_DYN + dsz, DT_DEBUG);
	put(im, O_DYN + dsz + ptr, BASE + O_RDEBUG);
	put(im, O_DYN + 2 * dsz, DT_NULL);
	/* r_debug: version 1, r_map.  */
	im->mem[O_RDEBUG] = 1;
	put(im, O_RDEBUG + ptr, BASE + O_LM);
	/* Names.  */
	strcpy((char *)im->mem + O_NAMES + 0x10, "/lib/libc.so.6");
	strcpy((char *)im->mem + O_NAMES + 0x40, "/lib/a&b<\"c\">.so");
	strcpy((char *)im->mem + O_NAMES + 0x80, "/ns2/lib.so");
	memcpy(im->mem + IMG_SIZE - 3, "abc", 3); /* no NUL before the end */
	/* main, libc, vdso-like unnamed, a&b, ...  */
	put_lm(im, 0, BASE, O_NAMES, BASE + O_DYN, 1, -1);
	put_lm(im, 1, 0xf7000000, O_NAMES + 0x10, 0xf7001000, 2, 0);
	put_lm(im, 2, 0xf7100000, O_NAMES + 0x30, 0xf7101000, 3, 1);
	put_lm(im, 3, 0xf7200000, O_NAMES + 0x40, 0xf7201000, -1, 2);

	put_auxv(im, AT_PHDR, BASE + phoff);
	put_auxv(im, AT_PHENT,
		 ptr == 8 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr));
	put_auxv(im, AT_PHNUM, 3);
	put_auxv(im, AT_ENTRY, BASE + 0x100);
	put_auxv(im, AT_NULL, 0);
}

static const char expect[] =
	"<library-list-svr4 version=\"1.0\" main-lm=\"0x10500\">"
	"<library name=\"/lib/libc.so.6\" lm=\"0x10540\" l_addr=\"0xf7000000\""
	" l_ld=\"0xf7001000\" lmid=\"0x10400\"/>"
	"<library name=\"/lib/a&amp;b&lt;&quot;c&quot;&gt;.so\" lm=\"0x105c0\""
	" l_addr=\"0xf7200000\" l_ld=\"0xf7201000\" lmid=\"0x10400\"/>";

static const char *run(struct image *im, const char *annex, int *ret)
{
	static struct rsp_buf x;

	rsp_buf_free(&x);
	rsp_buf_init(&x);
	*ret = svr4_library_list_annex(img_read, im, im->auxv, im->auxv_len,
				       im->ptr == 8, annex, &x);
	rsp_buf_putc(&x, '\0');
	return x.data;
}

static void test_synthetic(unsigned ptr)
{
	static struct image im;
	uint32_t phoff = ptr == 8 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	uint32_t dsz = ptr == 8 ? sizeof(Elf64_Dyn) : sizeof(Elf32_Dyn);
	char want[1024];
	const char *r;
	int ret;

	build(&im, ptr);
	snprintf(want, sizeof(want), "%s</library-list-svr4>", expect);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 && strcmp(r, want) == 0, "svr4 %u: list (%s)", ptr * 8,
	      r);
	r = run(&im, "", &ret);
	CHECK(ret == 0 && strcmp(r, want) == 0, "svr4 %u: empty annex",
	      ptr * 8);

	/* No PT_PHDR: bias from AT_ENTRY - e_entry.  */
	put_phdr(&im, 0, PT_NULL, 0, 0);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 && strcmp(r, want) == 0, "svr4 %u: AT_ENTRY fallback",
	      ptr * 8);
	memset(im.mem, 0, 4); /* no ELF header: no bias */
	r = run(&im, NULL, &ret);
	CHECK(ret == -1, "svr4 %u: no PT_PHDR, no ELF header -> -1", ptr * 8);
	build(&im, ptr);

	/* The walk stops at a bad l_prev (also a cycle back to libc).  */
	put_lm(&im, 3, 0xf7200000, O_NAMES + 0x40, 0xf7201000, 1, 1);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 && strstr(r, "libc.so.6") && !strstr(r, "a&amp;b") &&
		      count(r, "<library ") == 1,
	      "svr4 %u: bad l_prev ends the walk", ptr * 8);
	put_lm(&im, 3, 0xf7200000, O_NAMES + 0x40, 0xf7201000, 1, 2);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 && count(r, "<library ") == 2 &&
		      count(r, "libc.so.6") == 1,
	      "svr4 %u: cycle stops", ptr * 8);
	build(&im, ptr);

	/* A name running into unreadable memory is cut there.  */
	put_lm(&im, 3, 0xf7200000, IMG_SIZE - 3, 0xf7201000, -1, 2);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 && strstr(r, "<library name=\"abc\" lm=\"0x105c0\""),
	      "svr4 %u: name at the end of memory", ptr * 8);
	build(&im, ptr);

	/* Second namespace through r_debug_extended.r_next.  */
	im.mem[O_RDEBUG] = 2;
	put(&im, O_RDEBUG + 5 * ptr, BASE + O_RDEBUG2);
	im.mem[O_RDEBUG2] = 2;
	put(&im, O_RDEBUG2 + ptr, BASE + O_LM + 4 * 0x40);
	put_lm(&im, 4, 0xf7300000, O_NAMES + 0x80, 0xf7301000, -1, -1);
	r = run(&im, NULL, &ret);
	snprintf(want, sizeof(want),
		 "%s<library name=\"/ns2/lib.so\" lm=\"0x10600\""
		 " l_addr=\"0xf7300000\" l_ld=\"0xf7301000\" lmid=\"0x10440\"/>"
		 "</library-list-svr4>",
		 expect);
	CHECK(ret == 0 && strcmp(r, want) == 0, "svr4 %u: namespaces (%s)",
	      ptr * 8, r);
	/* r_next pointing back: bounded.  */
	put(&im, O_RDEBUG2 + 5 * ptr, BASE + O_RDEBUG);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 && strcmp(r, want) == 0, "svr4 %u: r_next cycle stops",
	      ptr * 8);
	build(&im, ptr);

	/* Annex: one namespace from START, no main-lm.  */
	r = run(&im, "lmid=10400;start=105c0;prev=10580;foo=1", &ret);
	CHECK(ret == 0 &&
		      strcmp(r, "<library-list-svr4 version=\"1.0\">"
				"<library name=\"/lib/a&amp;b&lt;&quot;c&quot;"
				"&gt;.so\" lm=\"0x105c0\" l_addr=\"0xf7200000\""
				" l_ld=\"0xf7201000\" lmid=\"0x10400\"/>"
				"</library-list-svr4>") == 0,
	      "svr4 %u: annex start/prev/lmid (%s)", ptr * 8, r);

	/* Before ld.so ran.  */
	put(&im, O_RDEBUG + ptr, 0);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 &&
		      strcmp(r, "<library-list-svr4 version=\"1.0\"/>") == 0,
	      "svr4 %u: r_map 0 -> empty list", ptr * 8);
	put(&im, O_DYN + dsz + ptr, 0);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 &&
		      strcmp(r, "<library-list-svr4 version=\"1.0\"/>") == 0,
	      "svr4 %u: DT_DEBUG 0 -> empty list", ptr * 8);
	im.mem[O_RDEBUG] = 0;
	put(&im, O_DYN + dsz + ptr, BASE + O_RDEBUG);
	put(&im, O_RDEBUG + ptr, BASE + O_LM);
	r = run(&im, NULL, &ret);
	CHECK(ret == 0 &&
		      strcmp(r, "<library-list-svr4 version=\"1.0\"/>") == 0,
	      "svr4 %u: r_version 0 -> empty list", ptr * 8);
	/* No DT_DEBUG at all (static program): error, like gdbserver.  */
	put(&im, O_DYN + dsz, DT_NEEDED);
	r = run(&im, NULL, &ret);
	CHECK(ret == -1 && r[0] == '\0', "svr4 %u: no DT_DEBUG -> -1", ptr * 8);
	/* No PT_DYNAMIC.  */
	build(&im, ptr);
	put_phdr(&im, 2, PT_NOTE, O_DYN, 0);
	r = run(&im, NULL, &ret);
	CHECK(ret == -1, "svr4 %u: no PT_DYNAMIC -> -1", ptr * 8);
	/* Garbage auxv.  */
	build(&im, ptr);
	im.auxv_len = 3;
	r = run(&im, NULL, &ret);
	CHECK(ret == -1, "svr4 %u: short auxv -> -1", ptr * 8);
	(void)phoff;
}

int main(void)
{
	test_self();
	test_synthetic(4);
	test_synthetic(8);
	return UNIT_DONE();
}

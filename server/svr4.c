/* svr4.c - the qXfer:libraries-svr4:read document.  Owns the walk from the
   auxiliary vector to the program headers (load bias from PT_PHDR, or from
   AT_ENTRY and the ELF header), PT_DYNAMIC, DT_DEBUG, r_debug and the
   link_map lists, in the Elf64/LP64 or Elf32/ILP32 layout, and the XML
   that GDB's solib-svr4.c parses.  Like gdbserver's linux-low.cc: the
   first link_map of the base namespace is the main program (main-lm, not
   listed), entries with an empty name are skipped, lmid is the address of
   the namespace's r_debug, and a l_prev that does not point back ends the
   walk.  Every walk is bounded.  */
#include <elf.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "rsp_hex.h"
#include "svr4.h"
#include "xml_writer.h"

#define SVR4_MAX_ENTRIES 10000 /* link_map entries over all namespaces */
#define SVR4_MAX_NAMESPACES 1024
#define SVR4_MAX_PHNUM 0xffff
#define SVR4_MAX_DYN 0x10000 /* dynamic entries scanned */
#define SVR4_NAME_MAX PATH_MAX
#define SVR4_PAGE 4096 /* smallest page size: reads never cross */

struct layout {
	unsigned ptr; /* pointer size */
	uint64_t mask; /* address arithmetic wraps at this size */
	unsigned ehdr_size;
	unsigned phdr_size;
	unsigned dyn_size;
	unsigned r_map; /* offsetof(struct r_debug, r_map) */
	unsigned r_next; /* offsetof(struct r_debug_extended, r_next) */
};

/* struct link_map starts with l_addr, l_name, l_ld, l_next, l_prev, one
   pointer each.  */
enum { LM_ADDR, LM_NAME, LM_LD, LM_NEXT, LM_PREV, LM_NFIELDS };

static const struct layout layout64 = {
	.ptr = 8,
	.mask = UINT64_MAX,
	.ehdr_size = sizeof(Elf64_Ehdr),
	.phdr_size = sizeof(Elf64_Phdr),
	.dyn_size = sizeof(Elf64_Dyn),
	.r_map = 8,
	.r_next = 40,
};

static const struct layout layout32 = {
	.ptr = 4,
	.mask = UINT32_MAX,
	.ehdr_size = sizeof(Elf32_Ehdr),
	.phdr_size = sizeof(Elf32_Phdr),
	.dyn_size = sizeof(Elf32_Dyn),
	.r_map = 4,
	.r_next = 20,
};

struct walk {
	qs_read_mem_fn read_mem;
	void *ctx;
	const struct layout *l;
	struct rsp_buf *out;
	unsigned entries; /* link_map entries visited */
	char *name; /* SVR4_NAME_MAX + 1 bytes */
};

static int rd(struct walk *w, uint64_t addr, void *buf, size_t len)
{
	return w->read_mem(w->ctx, addr & w->l->mask, buf, len) ? -1 : 0;
}

/* A pointer-sized value from BUF in the tracee's layout.  */
static uint64_t get_ptr(const struct walk *w, const void *buf)
{
	uint32_t v32;
	uint64_t v64;

	if (w->l->ptr == 4) {
		memcpy(&v32, buf, 4);
		return v32;
	}
	memcpy(&v64, buf, 8);
	return v64;
}

static int read_ptr(struct walk *w, uint64_t addr, uint64_t *val)
{
	uint8_t buf[8];

	if (rd(w, addr, buf, w->l->ptr) < 0)
		return -1;
	*val = get_ptr(w, buf);
	return 0;
}

struct auxv_info {
	uint64_t phdr, phent, phnum, entry;
};

static void parse_auxv(const struct walk *w, const uint8_t *auxv,
		       size_t auxv_len, struct auxv_info *ai)
{
	size_t step = 2 * w->l->ptr, i;
	uint64_t type, val;

	memset(ai, 0, sizeof(*ai));
	for (i = 0; auxv && i + step <= auxv_len; i += step) {
		type = get_ptr(w, auxv + i);
		val = get_ptr(w, auxv + i + w->l->ptr);
		if (type == AT_NULL)
			break;
		if (type == AT_PHDR)
			ai->phdr = val;
		else if (type == AT_PHENT)
			ai->phent = val;
		else if (type == AT_PHNUM)
			ai->phnum = val;
		else if (type == AT_ENTRY)
			ai->entry = val;
	}
}

struct phdr {
	uint32_t type;
	uint64_t vaddr;
	uint64_t memsz;
};

static void get_phdr(const struct walk *w, const uint8_t *p, struct phdr *ph)
{
	Elf64_Phdr p64;
	Elf32_Phdr p32;

	if (w->l->ptr == 8) {
		memcpy(&p64, p, sizeof(p64));
		ph->type = p64.p_type;
		ph->vaddr = p64.p_vaddr;
		ph->memsz = p64.p_memsz;
	} else {
		memcpy(&p32, p, sizeof(p32));
		ph->type = p32.p_type;
		ph->vaddr = p32.p_vaddr;
		ph->memsz = p32.p_memsz;
	}
}

/* Load bias without PT_PHDR: the ELF header just before the program
   headers (e_phoff == sizeof(Ehdr), as every linker lays it out) gives
   e_entry, and AT_ENTRY is e_entry + bias.  */
static int bias_from_entry(struct walk *w, const struct auxv_info *ai,
			   uint64_t *bias)
{
	uint8_t buf[sizeof(Elf64_Ehdr)];
	uint64_t phoff, entry, phnum;
	Elf64_Ehdr e64;
	Elf32_Ehdr e32;

	if (ai->entry == 0 || ai->phdr < w->l->ehdr_size)
		return -1;
	if (rd(w, ai->phdr - w->l->ehdr_size, buf, w->l->ehdr_size) < 0)
		return -1;
	if (memcmp(buf, ELFMAG, SELFMAG) != 0 ||
	    buf[EI_CLASS] != (w->l->ptr == 8 ? ELFCLASS64 : ELFCLASS32))
		return -1;
	if (w->l->ptr == 8) {
		memcpy(&e64, buf, sizeof(e64));
		phoff = e64.e_phoff;
		entry = e64.e_entry;
		phnum = e64.e_phnum;
	} else {
		memcpy(&e32, buf, sizeof(e32));
		phoff = e32.e_phoff;
		entry = e32.e_entry;
		phnum = e32.e_phnum;
	}
	if (phoff != w->l->ehdr_size || phnum != ai->phnum)
		return -1;
	*bias = (ai->entry - entry) & w->l->mask;
	return 0;
}

/* The run-time address and size of PT_DYNAMIC: -1 if there is none
   (static program) or the headers cannot be read.  */
static int find_dynamic(struct walk *w, const uint8_t *auxv, size_t auxv_len,
			uint64_t *dyn, uint64_t *dyn_size)
{
	struct auxv_info ai;
	struct phdr ph;
	uint8_t *phdrs = NULL;
	uint64_t bias = 0, i;
	int ret = -1, have_bias = 0, have_dyn = 0;

	parse_auxv(w, auxv, auxv_len, &ai);
	if (ai.phdr == 0 || ai.phnum == 0 || ai.phnum > SVR4_MAX_PHNUM ||
	    ai.phent < w->l->phdr_size || ai.phent > 1024)
		goto out;
	phdrs = xmalloc(ai.phnum * ai.phent);
	if (rd(w, ai.phdr, phdrs, ai.phnum * ai.phent) < 0)
		goto out;

	for (i = 0; i < ai.phnum; i++) {
		get_phdr(w, phdrs + i * ai.phent, &ph);
		if (ph.type == PT_PHDR && !have_bias) {
			bias = (ai.phdr - ph.vaddr) & w->l->mask;
			have_bias = 1;
		}
	}
	if (!have_bias && bias_from_entry(w, &ai, &bias) < 0)
		goto out;

	for (i = 0; i < ai.phnum && !have_dyn; i++) {
		get_phdr(w, phdrs + i * ai.phent, &ph);
		if (ph.type == PT_DYNAMIC) {
			*dyn = (ph.vaddr + bias) & w->l->mask;
			*dyn_size = ph.memsz;
			have_dyn = 1;
		}
	}
	if (have_dyn)
		ret = 0;
out:
	free(phdrs);
	return ret;
}

/* &_r_debug from the first DT_DEBUG (0 until ld.so sets it), or -1 when
   the program has no DT_DEBUG.  */
static int find_r_debug(struct walk *w, const uint8_t *auxv, size_t auxv_len,
			uint64_t *r_debug)
{
	uint64_t dyn, dyn_size, n, i, tag, val;
	uint8_t buf[sizeof(Elf64_Dyn)];
	int64_t stag;

	if (find_dynamic(w, auxv, auxv_len, &dyn, &dyn_size) < 0)
		return -1;
	n = dyn_size / w->l->dyn_size;
	if (n == 0 || n > SVR4_MAX_DYN)
		n = SVR4_MAX_DYN;
	for (i = 0; i < n; i++) {
		if (rd(w, dyn + i * w->l->dyn_size, buf, w->l->dyn_size) < 0)
			return -1;
		/* d_tag and d_un are pointer-sized.  */
		tag = get_ptr(w, buf);
		val = get_ptr(w, buf + w->l->ptr);
		stag = w->l->ptr == 4 ? (int32_t)tag : (int64_t)tag;
		if (stag == DT_NULL)
			break;
		if (stag == DT_DEBUG) {
			*r_debug = val;
			return 0;
		}
	}
	return -1;
}

/* The NUL-terminated string at ADDR into w->name, reading no page that
   holds none of it; "" if unreadable.  */
static void read_name(struct walk *w, uint64_t addr)
{
	size_t len = 0, chunk;
	char *nul;

	w->name[0] = '\0';
	while (len < SVR4_NAME_MAX) {
		chunk = SVR4_PAGE - (size_t)((addr + len) % SVR4_PAGE);
		if (chunk > SVR4_NAME_MAX - len)
			chunk = SVR4_NAME_MAX - len;
		if (rd(w, addr + len, w->name + len, chunk) < 0)
			break;
		nul = memchr(w->name + len, '\0', chunk);
		len += chunk;
		if (nul)
			return;
	}
	w->name[len] = '\0';
}

static void open_list(struct walk *w, bool *opened, uint64_t main_lm)
{
	if (*opened)
		return;
	rsp_buf_puts(w->out, "<library-list-svr4 version=\"1.0\"");
	if (main_lm)
		xml_attr_fmt(w->out, "main-lm", "0x%" PRIx64, main_lm);
	rsp_buf_putc(w->out, '>');
	*opened = true;
}

/* List the link_map entries from LM on (PREV being the entry before it,
   0 for a namespace's head) as members of namespace LMID.  */
static void walk_link_map(struct walk *w, uint64_t lmid, uint64_t lm,
			  uint64_t prev)
{
	uint8_t buf[LM_NFIELDS * 8];
	uint64_t f[LM_NFIELDS];
	unsigned i;

	while (lm != 0 && w->entries < SVR4_MAX_ENTRIES) {
		w->entries++;
		if (rd(w, lm, buf, LM_NFIELDS * w->l->ptr) < 0)
			break;
		for (i = 0; i < LM_NFIELDS; i++)
			f[i] = get_ptr(w, buf + i * w->l->ptr);
		/* Corrupt list (or a cycle): stop.  */
		if (f[LM_PREV] != prev)
			break;
		read_name(w, f[LM_NAME]);
		if (w->name[0] != '\0') {
			rsp_buf_puts(w->out, "<library");
			xml_attr(w->out, "name", w->name);
			xml_attr_fmt(w->out, "lm", "0x%" PRIx64, lm);
			xml_attr_fmt(w->out, "l_addr", "0x%" PRIx64,
				     f[LM_ADDR]);
			xml_attr_fmt(w->out, "l_ld", "0x%" PRIx64, f[LM_LD]);
			xml_attr_fmt(w->out, "lmid", "0x%" PRIx64, lmid);
			rsp_buf_puts(w->out, "/>");
		}
		prev = lm;
		lm = f[LM_NEXT];
	}
}

/* Every namespace from R_DEBUG on; the first is the base namespace whose
   head is the main program.  */
static void walk_namespaces(struct walk *w, uint64_t r_debug, bool *opened)
{
	uint64_t lm, prev, main_lm, *seen;
	int32_t version;
	unsigned ns, i;

	seen = xmalloc(SVR4_MAX_NAMESPACES * sizeof(*seen));
	for (ns = 0; r_debug != 0 && ns < SVR4_MAX_NAMESPACES; ns++) {
		/* r_next leading back to a namespace already listed.  */
		for (i = 0; i < ns && seen[i] != r_debug; i++)
			;
		if (i < ns)
			break;
		seen[ns] = r_debug;
		if (rd(w, r_debug, &version, sizeof(version)) < 0 ||
		    version < 1)
			break;
		if (read_ptr(w, r_debug + w->l->r_map, &lm) < 0)
			break;
		prev = 0;
		if (ns == 0) {
			/* Before ld.so has run: the empty list.  */
			if (lm == 0)
				break;
			main_lm = lm;
			open_list(w, opened, main_lm);
			prev = main_lm;
			if (read_ptr(w, main_lm + LM_NEXT * w->l->ptr, &lm) < 0)
				break;
		}
		open_list(w, opened, 0);
		walk_link_map(w, r_debug, lm, prev);
		if (version < 2)
			break;
		if (read_ptr(w, r_debug + w->l->r_next, &r_debug) < 0)
			break;
	}
	free(seen);
}

struct annex {
	uint64_t lmid, start, prev;
};

static void parse_annex(const char *a, struct annex *an)
{
	const char *eq, *end;
	uint64_t *dst, v;
	size_t klen;

	memset(an, 0, sizeof(*an));
	while (a && *a) {
		eq = strchr(a, '=');
		if (eq == NULL)
			break;
		end = strchr(eq, ';');
		if (end == NULL)
			end = eq + strlen(eq);
		klen = (size_t)(eq - a);
		dst = NULL;
		if (klen == 4 && memcmp(a, "lmid", 4) == 0)
			dst = &an->lmid;
		else if (klen == 5 && memcmp(a, "start", 5) == 0)
			dst = &an->start;
		else if (klen == 4 && memcmp(a, "prev", 4) == 0)
			dst = &an->prev;
		if (dst) {
			const char *p = eq + 1;

			*dst = rsp_parse_hex(&p, end, &v) ? v : 0;
		}
		a = *end ? end + 1 : end;
	}
}

int svr4_library_list_annex(qs_read_mem_fn read_mem, void *ctx,
			    const uint8_t *auxv, size_t auxv_len, bool is_64bit,
			    const char *annex, struct rsp_buf *out_xml)
{
	struct walk w = {
		.read_mem = read_mem,
		.ctx = ctx,
		.l = is_64bit ? &layout64 : &layout32,
		.out = out_xml,
	};
	struct annex an;
	uint64_t r_debug = 0;
	bool opened = false;

	parse_annex(annex, &an);
	if (an.start == 0 && find_r_debug(&w, auxv, auxv_len, &r_debug) < 0)
		return -1;

	w.name = xmalloc(SVR4_NAME_MAX + 1);
	if (an.start != 0) {
		open_list(&w, &opened, 0);
		walk_link_map(&w, an.lmid, an.start, an.prev);
	} else {
		walk_namespaces(&w, r_debug, &opened);
	}
	if (opened)
		rsp_buf_puts(out_xml, "</library-list-svr4>");
	else
		rsp_buf_puts(out_xml, "<library-list-svr4 version=\"1.0\"/>");
	free(w.name);
	return 0;
}

int svr4_library_list(qs_read_mem_fn read_mem, void *ctx, const uint8_t *auxv,
		      size_t auxv_len, bool is_64bit, struct rsp_buf *out_xml)
{
	return svr4_library_list_annex(read_mem, ctx, auxv, auxv_len, is_64bit,
				       NULL, out_xml);
}

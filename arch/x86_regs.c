/* x86_regs.c - the x86 register machinery the x86-64 and i386 backends
   share: where the x87, SSE, AVX, MPX, AVX-512 and PKRU registers of the
   feature files live in NT_X86_XSTATE (the XSAVE area as ptrace returns
   it, alike for 64-bit and 32-bit programs), the x87 tag and opcode
   conversions, XSAVE init-state handling, descriptions built from
   feature files with XCR0, and register access.

   The register places are keyed by register name (the flavour's
   general register table and the table below) and attached to the
   registers parsed from arch/features, so the XML stays the one source
   of truth for names, order and numbers; a register the tables cannot
   place is an error.  */
#include <elf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "arch.h"
#include "le_bytes.h"
#include "feature_files.h"
#include "tdesc.h"
#include "x86.h"
#include "x86_regs.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/* The legacy (FXSAVE) region, the whole of NT_PRFPREG (x86-64) and
   NT_PRXFPREG (i386).  */
#define FXSAVE_SIZE 512
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4 /* abridged: one bit per physical register */
#define FX_FOP 6
#define FX_MXCSR 24
#define FX_ST 32
#define FX_XMM 160
#define FX_XMM_END 416

#define FCW_INIT 0x037f
#define FTAG_INIT 0xffff
#define MXCSR_INIT 0x1f80

#define FX(n, bits, off, size, cv, init)                                      \
	{                                                                     \
		.prefix = n, .bitsize = bits, .regset = X86_RS_FP, .comp = 0, \
		.offset = off, .field_size = size, .conv = cv,                \
		.init_value = init                                            \
	}
#define XS(n, sfx, from, cnt, bits, c, off, step, size)                  \
	{                                                                \
		.prefix = n, .suffix = sfx, .first = from, .count = cnt, \
		.bitsize = bits, .regset = X86_RS_FP, .comp = c,         \
		.offset = off, .stride = step, .field_size = size,       \
		.conv = ARCH_CONV_XSTATE_COMPONENT                       \
	}

/* The registers of the XSAVE area.  An i386 program's feature files
   name only the first eight of each family.  */
static const struct x86_place fp_places[] = {
	/* x87, read from the FXSAVE region as gdbserver does: FIP/FDP in
	   their 32-bit form (offset, then selector).  */
	XS("st", "", 0, 8, 80, 0, FX_ST, 16, 10),
	FX("fctrl", 32, FX_FCW, 2, ARCH_CONV_XSTATE_COMPONENT, FCW_INIT),
	FX("fstat", 32, FX_FSW, 2, ARCH_CONV_XSTATE_COMPONENT, 0),
	FX("ftag", 32, FX_FTW, 1, ARCH_CONV_X87_FTAG, FTAG_INIT),
	FX("fiseg", 32, 12, 2, ARCH_CONV_XSTATE_COMPONENT, 0),
	FX("fioff", 32, 8, 4, ARCH_CONV_XSTATE_COMPONENT, 0),
	FX("foseg", 32, 20, 2, ARCH_CONV_XSTATE_COMPONENT, 0),
	FX("fooff", 32, 16, 4, ARCH_CONV_XSTATE_COMPONENT, 0),
	FX("fop", 32, FX_FOP, 2, ARCH_CONV_X87_FOP, 0),
	/* SSE.  */
	XS("xmm", "", 0, 16, 128, 1, FX_XMM, 16, 16),
	{ .prefix = "mxcsr",
	  .bitsize = 32,
	  .regset = X86_RS_FP,
	  .comp = 1,
	  .offset = FX_MXCSR,
	  .field_size = 4,
	  .conv = ARCH_CONV_MXCSR,
	  .init_value = MXCSR_INIT },
	/* AVX: component 2, the upper halves of ymm0-15.  */
	XS("ymm", "h", 0, 16, 128, 2, 0, 16, 16),
	/* MPX: bnd0-3 (component 3, lower and upper bound each), BNDCFGU
	   and BNDSTATUS (component 4).  */
	XS("bnd", "raw", 0, 4, 128, 3, 0, 16, 16),
	XS("bndcfgu", "", 0, 0, 64, 4, 0, 0, 8),
	XS("bndstatus", "", 0, 0, 64, 4, 8, 0, 8),
	/* AVX-512: opmask (5), ZMM_Hi256 (6: bits 511:256 of zmm0-15),
	   Hi16_ZMM (7: all 512 bits of zmm16-31).  */
	XS("k", "", 0, 8, 64, 5, 0, 8, 8),
	XS("zmm", "h", 0, 16, 256, 6, 0, 32, 32),
	XS("xmm", "", 16, 16, 128, 7, 0, 64, 16),
	XS("ymm", "h", 16, 16, 128, 7, 16, 64, 16),
	XS("zmm", "h", 16, 16, 256, 7, 32, 64, 32),
	/* PKRU: component 9 is 8 bytes, of which RDPKRU uses 4.  */
	XS("pkru", "", 0, 0, 32, 9, 0, 0, 4),
};

/* The standard (Intel SDM, non-compacted) offsets and the sizes of
   components 2..9.  AMD processors without MPX and AVX-512 put PKRU
   elsewhere (2432 on Zen 3), hence CPUID.  */
static const uint32_t std_offset[ARCH_X86_XSAVE_NCOMP] = {
	[2] = 576,  [3] = 960,	[4] = 1024, [5] = 1088,
	[6] = 1152, [7] = 1664, [9] = 2688,
};
static const uint32_t comp_size[ARCH_X86_XSAVE_NCOMP] = {
	[2] = 256, [3] = 64, [4] = 64, [5] = 64, [6] = 512, [7] = 1024, [9] = 8,
};

struct xsave_layout {
	uint32_t offset[ARCH_X86_XSAVE_NCOMP];
};

/* A description plus what the backend needs to interpret buffers.  */
struct x86_tdesc {
	struct arch_tdesc td; /* first: the ops get &td */
	const struct x86_flavour *flavour;
	uint64_t xcr0;
	size_t probe_len;
	bool xsave; /* regset X86_RS_FP is NT_X86_XSTATE, not FXSAVE */
	struct xsave_layout layout;
	int nfeatures;
	struct tdesc_feature *features;
	const char *err; /* when this entry records a failure */
	struct x86_tdesc *next;
};

/* The backend's only mutable state, a cache: every description made
   (or the error making it gave) per (flavour, XCR0, probe length, XSAVE
   layout),
   kept for the life of the program because the server holds on to the
   pointers, and the XSAVE layout new descriptions use (from CPUID on
   first use, or set by arch_x86_set_xsave_offsets).  The server is
   single-threaded; nothing here is locked.  */
static struct {
	bool layout_known;
	struct xsave_layout layout;
	struct x86_tdesc *cache;
} backend;

/* The layout from CPUID leaf 0xD (subleaf c: EAX size, EBX offset in
   the standard format, ECX bit 0 supervisor), falling back to the
   standard table for components the CPU does not report.  */
static void layout_from_cpu(struct xsave_layout *l)
{
	memcpy(l->offset, std_offset, sizeof(l->offset));
#if defined(__x86_64__) || defined(__i386__)
	if (__get_cpuid_max(0, NULL) < 0xd)
		return;
	for (int c = 2; c < ARCH_X86_XSAVE_NCOMP; c++) {
		unsigned int a, b, cx, d;

		if (!comp_size[c] ||
		    !__get_cpuid_count(0xd, c, &a, &b, &cx, &d))
			continue;
		if (a == comp_size[c] && b >= ARCH_X86_XSAVE_EXTENDED_OFFSET &&
		    !(cx & 1))
			l->offset[c] = b;
	}
#endif
}

static const struct xsave_layout *current_layout(void)
{
	if (!backend.layout_known) {
		layout_from_cpu(&backend.layout);
		backend.layout_known = true;
	}
	return &backend.layout;
}

void arch_x86_set_xsave_offsets(const uint32_t *offsets)
{
	if (!offsets) {
		backend.layout_known = false;
		return;
	}
	for (int c = 0; c < ARCH_X86_XSAVE_NCOMP; c++)
		backend.layout.offset[c] =
			comp_size[c] && offsets[c] ? offsets[c] : std_offset[c];
	backend.layout_known = true;
}

uint32_t arch_x86_xsave_offset(int comp)
{
	if (comp < 2 || comp >= ARCH_X86_XSAVE_NCOMP)
		return 0;
	return current_layout()->offset[comp];
}

/* The place of register NAME in TABLE (N entries), and its index
   within a family.  */
static const struct x86_place *find_in(const struct x86_place *table, size_t n,
				       const char *name, int *index)
{
	for (size_t i = 0; i < n; i++) {
		const struct x86_place *p = &table[i];
		size_t plen = strlen(p->prefix);
		const char *s = name + plen;
		char *end;
		long k;

		if (strncmp(name, p->prefix, plen) != 0)
			continue;
		if (p->count == 0) {
			if (*s)
				continue;
			*index = 0;
			return p;
		}
		if (*s < '0' || *s > '9' ||
		    (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
			continue;
		k = strtol(s, &end, 10);
		if (strcmp(end, p->suffix) != 0 || k < p->first ||
		    k >= p->first + p->count)
			continue;
		*index = (int)k - p->first;
		return p;
	}
	return NULL;
}

static const struct x86_place *find_place(const struct x86_flavour *f,
					  const char *name, int *index)
{
	const struct x86_place *p = find_in(f->gprs, f->ngprs, name, index);

	return p ? p :
		   find_in(fp_places, sizeof(fp_places) / sizeof(fp_places[0]),
			   name, index);
}

/* Fill OUT, the backend part of parsed register R, for LAYOUT; XSAVE
   false means the FP registers come from the FXSAVE register set.  */
static int place_reg(const struct x86_flavour *f, const struct tdesc_reg *r,
		     const struct xsave_layout *l, bool xsave,
		     struct arch_reg *out, char **err)
{
	const struct x86_place *p;
	int idx;

	p = find_place(f, r->name, &idx);
	if (!p) {
		*err = xasprintf("%s: register %s (feature %s) has no "
				 "place in the register sets",
				 f->name, r->name, r->feature);
		return -1;
	}
	if (r->bitsize != p->bitsize) {
		*err = xasprintf("%s: register %s is %d bits in feature %s,"
				 " the backend expects %d",
				 f->name, r->name, r->bitsize, r->feature,
				 p->bitsize);
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->name = r->name;
	out->regnum = r->regnum;
	out->bitsize = r->bitsize;
	out->regset = p->regset;
	out->offset = p->offset + (size_t)idx * p->stride;
	if (p->comp >= 2)
		out->offset += l->offset[p->comp];
	out->field_size = p->field_size;
	out->conv = p->conv;
	out->xstate_bit = p->comp;
	out->init_value = p->init_value;
	out->type = r->type;
	out->group = r->group;
	out->feature = r->feature;
	if (!xsave) {
		/* FXSAVE has no XSTATE_BV: everything is live.  */
		out->xstate_bit = -1;
		if (out->conv == ARCH_CONV_XSTATE_COMPONENT ||
		    out->conv == ARCH_CONV_MXCSR)
			out->conv = ARCH_CONV_COPY;
	}
	return 0;
}

/* place_reg as a tdesc_place_fn: the flavour CTX, XSAVE.  */
static int place_xsave(const void *ctx, const struct tdesc_reg *r,
		       struct arch_reg *out, char **err)
{
	return place_reg(ctx, r, current_layout(), true, out, err);
}

int x86_check_feature(const struct x86_flavour *flavour, const char *file,
		      const char *text, char **err)
{
	return tdesc_check_feature(file, text, place_xsave, flavour, err);
}

static void free_tdesc(struct x86_tdesc *x)
{
	for (int i = 0; i < x->nfeatures; i++)
		tdesc_feature_free(&x->features[i]);
	free(x->features);
	free(x->td.regs);
	if (x->td.annex_texts)
		free((char *)x->td.annex_texts[0]);
	free(x->td.annex_names);
	free(x->td.annex_texts);
	free(x);
}

static int find_regnum(const struct arch_tdesc *td, const char *name)
{
	for (int i = 0; i < td->nregs; i++)
		if (td->regs[i].name && strcmp(td->regs[i].name, name) == 0)
			return i;
	return -1;
}

static struct x86_tdesc *build_tdesc(const struct x86_flavour *f, uint64_t xcr0,
				     size_t probe_len,
				     const struct xsave_layout *l, char **err)
{
	struct x86_tdesc *x = xcalloc(1, sizeof(*x));
	struct arch_tdesc *td = &x->td;
	const char *files[X86_MAX_FILES];
	int nfiles, next = 0, nregs = 0;
	uint64_t used = 0;

	*err = NULL;
	x->flavour = f;
	x->xcr0 = xcr0;
	x->probe_len = probe_len;
	x->xsave = probe_len >= ARCH_X86_XSAVE_EXTENDED_OFFSET;
	x->layout = *l;
	nfiles = f->choose_files(xcr0, x->xsave, files);

	td->arch_name = f->arch_name;
	td->nregsets = 2;
	td->regsets[X86_RS_GPR].note = NT_PRSTATUS;
	td->regsets[X86_RS_GPR].size = f->gpr_size;
	td->regsets[X86_RS_FP].note = x->xsave ? NT_X86_XSTATE : f->fxsave_note;
	td->regsets[X86_RS_FP].size = x->xsave ? probe_len : FXSAVE_SIZE;

	x->features = xcalloc(nfiles, sizeof(*x->features));
	for (int i = 0; i < nfiles; i++) {
		const char *text = arch_feature_file(files[i]);

		if (!text) {
			*err = xasprintf("%s: feature file %s is not built in",
					 f->name, files[i]);
			goto fail;
		}
		if (tdesc_parse_feature(files[i], text, &next, &x->features[i],
					err))
			goto fail;
		x->nfeatures++;
		for (int j = 0; j < x->features[i].nregs; j++)
			if (x->features[i].regs[j].regnum >= nregs)
				nregs = x->features[i].regs[j].regnum + 1;
	}

	td->nregs = nregs;
	td->regs = xcalloc(nregs ? nregs : 1, sizeof(*td->regs));
	for (int i = 0; i < x->nfeatures; i++) {
		for (int j = 0; j < x->features[i].nregs; j++) {
			const struct tdesc_reg *r = &x->features[i].regs[j];
			struct arch_reg *a = &td->regs[r->regnum];

			if (a->name) {
				*err = xasprintf("%s: registers %s and %s "
						 "both have number %d",
						 f->name, a->name, r->name,
						 r->regnum);
				goto fail;
			}
			if (find_regnum(td, r->name) >= 0) {
				*err = xasprintf("%s: register %s is "
						 "described twice",
						 f->name, r->name);
				goto fail;
			}
			if (place_reg(f, r, l, x->xsave, a, err))
				goto fail;
			if (a->xstate_bit >= 2)
				used |= 1ULL << a->xstate_bit;
		}
	}
	for (int i = 0; i < nregs; i++) {
		if (!td->regs[i].name) {
			*err = xasprintf("%s: no feature file describes "
					 "register number %d",
					 f->name, i);
			goto fail;
		}
		td->g_size += td->regs[i].bitsize / 8;
	}
	for (int c = 2; c < ARCH_X86_XSAVE_NCOMP; c++) {
		if (!(used & (1ULL << c)))
			continue;
		if (l->offset[c] < ARCH_X86_XSAVE_EXTENDED_OFFSET ||
		    l->offset[c] + comp_size[c] > probe_len) {
			*err = xasprintf("%s: XSAVE component %d (%u bytes "
					 "at %u) is outside the %zu-byte "
					 "NT_X86_XSTATE buffer",
					 f->name, c, comp_size[c], l->offset[c],
					 probe_len);
			goto fail;
		}
	}
	td->pc_regnum = find_regnum(td, f->pc);
	td->sp_regnum = find_regnum(td, f->sp);
	td->fp_regnum = find_regnum(td, f->fp);
	if (td->pc_regnum < 0 || td->sp_regnum < 0 || td->fp_regnum < 0) {
		*err = xasprintf("%s: the feature files lack %s, %s or %s",
				 f->name, f->pc, f->sp, f->fp);
		goto fail;
	}

	td->nannexes = nfiles + 1;
	td->annex_names = xcalloc(td->nannexes, sizeof(*td->annex_names));
	td->annex_texts = xcalloc(td->nannexes, sizeof(*td->annex_texts));
	td->annex_names[0] = "target.xml";
	td->annex_texts[0] =
		tdesc_target_xml(td->arch_name, "GNU/Linux", files, nfiles);
	for (int i = 0; i < nfiles; i++) {
		td->annex_names[i + 1] = files[i];
		td->annex_texts[i + 1] = arch_feature_file(files[i]);
	}
	return x;

fail:
	free_tdesc(x);
	return NULL;
}

const struct arch_tdesc *x86_tdesc_for(const struct x86_flavour *f,
				       uint64_t xcr0, size_t probe_len,
				       const char **err)
{
	const struct xsave_layout *l = current_layout();
	struct x86_tdesc *x;
	char *msg;

	for (x = backend.cache; x; x = x->next) {
		if (x->flavour == f && x->xcr0 == xcr0 &&
		    x->probe_len == probe_len &&
		    memcmp(&x->layout, l, sizeof(*l)) == 0) {
			if (x->err)
				*err = x->err;
			return x->err ? NULL : &x->td;
		}
	}
	x = build_tdesc(f, xcr0, probe_len, l, &msg);
	if (!x) {
		/* Remember the failure too, so the message lives on.  */
		x = xcalloc(1, sizeof(*x));
		x->flavour = f;
		x->xcr0 = xcr0;
		x->probe_len = probe_len;
		x->layout = *l;
		x->err = msg;
	}
	x->next = backend.cache;
	backend.cache = x;
	if (x->err)
		*err = x->err;
	return x->err ? NULL : &x->td;
}

uint64_t x86_features_from_probe(const uint8_t *buf, size_t len,
				 const struct arch_probe_extra *extra)
{
	uint64_t xcr0;

	(void)extra;
	if (len < ARCH_X86_XSAVE_EXTENDED_OFFSET)
		return ARCH_X86_XSTATE_X87 | ARCH_X86_XSTATE_SSE;
	xcr0 = get_le(buf + ARCH_X86_XSAVE_XCR0_OFFSET, 8);
	if (!(xcr0 & ARCH_X86_XSTATE_X87))
		return ARCH_X86_XSTATE_X87 | ARCH_X86_XSTATE_SSE;
	return xcr0;
}

/* XCR0 from xgetbv, and the XSAVE area size it needs from CPUID leaf
   0xD: what the kernel gives every process that did not ask for more
   (AMX).  */
bool x86_host_features(uint64_t *features, size_t *probe_len)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int a, b, c, d, lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) ||
	    __get_cpuid_max(0, NULL) < 0xd ||
	    !__get_cpuid_count(0xd, 0, &a, &b, &c, &d))
		return false;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	*probe_len = b;
	*features = (uint64_t)hi << 32 | lo;
	return true;
#else
	(void)features;
	(void)probe_len;
	return false;
#endif
}

static const struct x86_tdesc *x86_of(const struct arch_tdesc *td)
{
	return (const struct x86_tdesc *)td;
}

static uint64_t xstate_bv(const uint8_t *fp)
{
	return get_le(fp + ARCH_X86_XSAVE_XSTATE_BV_OFFSET, 8);
}

/* Is the component holding R out of its init state?  */
static bool reg_live(const struct arch_reg *r, const uint8_t *buf)
{
	if (r->xstate_bit < 0)
		return true;
	if (r->conv == ARCH_CONV_MXCSR)
		return xstate_bv(buf) &
		       (ARCH_X86_XSTATE_SSE | ARCH_X86_XSTATE_AVX);
	return xstate_bv(buf) & (1ULL << r->xstate_bit);
}

/* The x87 tag (0 valid, 1 zero, 2 special) of the 80-bit value ST.  */
static unsigned int x87_classify(const uint8_t *st)
{
	unsigned int exponent = (st[9] & 0x7f) << 8 | st[8];
	bool integer = st[7] & 0x80;
	bool fraction = (get_le(st, 8) & ~(1ULL << 63)) != 0;

	if (exponent == 0x7fff)
		return 2; /* infinity, NaN */
	if (exponent == 0)
		return !fraction && !integer ? 1 : 2; /* zero, denormal */
	return integer ? 0 : 2; /* unnormal */
}

/* GDB's full tag word from the FXSAVE abridged one: bit i of the
   abridged tag is physical register i, which is st((i - top) mod 8).  */
static unsigned int x87_full_tag(const uint8_t *fx)
{
	unsigned int top = (get_le(fx + FX_FSW, 2) >> 11) & 7;
	unsigned int full = 0;

	for (unsigned int i = 0; i < 8; i++) {
		unsigned int tag = 3; /* empty */

		if (fx[FX_FTW] & (1u << i))
			tag = x87_classify(fx + FX_ST +
					   16 * ((i + 8 - top) % 8));
		full |= tag << (2 * i);
	}
	return full;
}

static uint8_t x87_abridged_tag(unsigned int full)
{
	uint8_t abridged = 0;

	for (unsigned int i = 0; i < 8; i++)
		if (((full >> (2 * i)) & 3) != 3)
			abridged |= 1u << i;
	return abridged;
}

size_t x86_reg_read(const struct arch_tdesc *td, const struct arch_regcache *rc,
		    int regnum, uint8_t *out)
{
	const struct arch_reg *r;
	const uint8_t *buf;
	size_t size;

	r = tdesc_reg_in(td, rc, regnum);
	if (!r)
		return 0;
	buf = rc->buf[r->regset];
	size = r->bitsize / 8;
	memset(out, 0, size);
	if (!reg_live(r, buf)) {
		put_le(out, size, r->init_value);
		return size;
	}
	switch (r->conv) {
	case ARCH_CONV_X87_FTAG:
		put_le(out, size, x87_full_tag(buf));
		break;
	case ARCH_CONV_X87_FOP:
		put_le(out, size, get_le(buf + r->offset, 2) & 0x7ff);
		break;
	default:
		memcpy(out, buf + r->offset,
		       r->field_size < size ? r->field_size : size);
		break;
	}
	return size;
}

/* Put component COMP of the XSAVE area FP in its init state, before its
   XSTATE_BV bit is set and the bytes become live.  */
static void xstate_init_component(const struct x86_tdesc *x, uint8_t *fp,
				  int comp)
{
	uint64_t bv = xstate_bv(fp);

	switch (comp) {
	case 0:
		memset(fp, 0, FX_MXCSR);
		memset(fp + FX_ST, 0, FX_XMM - FX_ST);
		put_le(fp + FX_FCW, 2, FCW_INIT);
		return;
	case 1:
		memset(fp + FX_XMM, 0, FX_XMM_END - FX_XMM);
		break;
	default:
		memset(fp + x->layout.offset[comp], 0, comp_size[comp]);
		break;
	}
	/* MXCSR is saved with SSE or AVX; it goes live with either.  */
	if ((comp == 1 || comp == 2) &&
	    !(bv & (ARCH_X86_XSTATE_SSE | ARCH_X86_XSTATE_AVX)))
		put_le(fp + FX_MXCSR, 4, MXCSR_INIT);
}

void x86_reg_write(const struct arch_tdesc *td, struct arch_regcache *rc,
		   int regnum, const uint8_t *in)
{
	const struct arch_reg *r;
	uint8_t *buf;
	size_t size;

	r = tdesc_reg_in(td, rc, regnum);
	if (!r)
		return;
	buf = rc->buf[r->regset];
	size = r->bitsize / 8;
	if (!reg_live(r, buf)) {
		int comp = r->xstate_bit;

		xstate_init_component(x86_of(td), buf, comp);
		put_le(buf + ARCH_X86_XSAVE_XSTATE_BV_OFFSET, 8,
		       xstate_bv(buf) | 1ULL << comp);
	}
	switch (r->conv) {
	case ARCH_CONV_X87_FTAG:
		buf[r->offset] = x87_abridged_tag(get_le(in, size));
		break;
	case ARCH_CONV_X87_FOP:
		put_le(buf + r->offset, 2,
		       (get_le(in, size) & 0x7ff) |
			       (get_le(buf + r->offset, 2) & 0xf800));
		break;
	default:
		memset(buf + r->offset, 0, r->field_size);
		memcpy(buf + r->offset, in,
		       r->field_size < size ? r->field_size : size);
		break;
	}
	rc->dirty[r->regset] = true;
}

int64_t x86_gpr_get(const struct arch_regcache *rc, size_t offset, size_t size)
{
	uint64_t v;

	if (!rc->buf[X86_RS_GPR])
		return 0;
	v = get_le(rc->buf[X86_RS_GPR] + offset, size);
	if (size < 8 && (v >> (8 * size - 1)) & 1)
		v |= UINT64_MAX << (8 * size);
	return (int64_t)v;
}

void x86_gpr_set(struct arch_regcache *rc, size_t offset, size_t size,
		 uint64_t value)
{
	if (!rc->buf[X86_RS_GPR])
		return;
	put_le(rc->buf[X86_RS_GPR] + offset, size, value);
	rc->dirty[X86_RS_GPR] = true;
}

#define EINTR_RETURN (-4)
#define ERESTARTNOHAND_RETURN (-514)

bool x86_restart_eintr(struct arch_regcache *rc, size_t orig_offset,
		       size_t ax_offset, size_t size)
{
	/* The system call number is -1 outside a system call (interrupt
	   entry).  */
	if (!rc->buf[X86_RS_GPR] || !rc->valid[X86_RS_GPR] ||
	    x86_gpr_get(rc, orig_offset, size) < 0 ||
	    x86_gpr_get(rc, ax_offset, size) != EINTR_RETURN)
		return false;
	x86_gpr_set(rc, ax_offset, size, (uint64_t)ERESTARTNOHAND_RETURN);
	return true;
}

static const uint8_t int3[] = { 0xcc };

const uint8_t *x86_sw_breakpoint(uint64_t kind, size_t *len)
{
	if (kind != 1)
		return NULL;
	*len = sizeof(int3);
	return int3;
}

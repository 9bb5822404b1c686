/* aarch64_sve.c - the AArch64 SVE registers: the feature file GDB
   expects for a vector length of VQ quadwords (made at run time, as its
   register sizes and vector types depend on VQ), and z0-z31, p0-p15,
   ffr, fpsr, fpcr and vg in the NT_ARM_SVE register set.

   The set comes in two forms, told by its header: SVE (every register)
   and, while the thread has not used SVE, FP/SIMD (struct
   user_fpsimd_state after the header).  In the second form the low 128
   bits of each z register are its v register and the rest, the p
   registers and ffr read as zero; a write turns the buffer into the SVE
   form first, which the kernel accepts.  Offsets follow the kernel's
   SVE_PT_* layout.  */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "aarch64_sve.h"
#include "le_bytes.h"
#include "tdesc.h"

#define HEADER 16 /* struct user_sve_header, rounded to 16 */
#define FLAG_SVE 1 /* SVE_PT_REGS_SVE: the SVE form */
#define FPSIMD_FPSR (HEADER + 32 * 16)
#define ROUND16(x) (((x) + 15) / 16 * 16)

static size_t z_offset(unsigned vq, int n)
{
	return HEADER + (size_t)vq * 16 * n;
}

/* p0-p15, then ffr as the seventeenth.  */
static size_t p_offset(unsigned vq, int n)
{
	return z_offset(vq, 32) + (size_t)vq * 2 * n;
}

static size_t fpsr_offset(unsigned vq)
{
	return ROUND16(p_offset(vq, 17));
}

size_t a64_sve_regset_size(unsigned vq)
{
	return HEADER + ROUND16(fpsr_offset(vq) + 8 - HEADER);
}

unsigned a64_sve_vq_from_header(const uint8_t *hdr, size_t len)
{
	unsigned vl = len >= HEADER ? (unsigned)get_le(hdr + 8, 2) : 0;

	return vl && vl % 16 == 0 && vl <= 16 * A64_SVE_VQ_MAX ? vl / 16 : 0;
}

/* The vector types: name, element type, elements per quadword.  */
static const struct {
	const char *id, *type;
	unsigned per_vq;
} vectors[] = {
	{ "svevqu", "uint128", 1 },	{ "svevqs", "int128", 1 },
	{ "svevdf", "ieee_double", 2 }, { "svevdu", "uint64", 2 },
	{ "svevds", "int64", 2 },	{ "svevsf", "ieee_single", 4 },
	{ "svevsu", "uint32", 4 },	{ "svevss", "int32", 4 },
	{ "svevhf", "ieee_half", 8 },	{ "svevhu", "uint16", 8 },
	{ "svevhs", "int16", 8 },	{ "svevbu", "uint8", 16 },
	{ "svevbs", "int8", 16 },
};

/* Union name, then field name and type pairs.  */
static const char *const unions[][11] = {
	{ "svevnq", "u", "svevqu", "s", "svevqs" },
	{ "svevnd", "f", "svevdf", "u", "svevdu", "s", "svevds" },
	{ "svevns", "f", "svevsf", "u", "svevsu", "s", "svevss" },
	{ "svevnh", "f", "svevhf", "u", "svevhu", "s", "svevhs" },
	{ "svevnb", "u", "svevbu", "s", "svevbs" },
	{ "svev", "q", "svevnq", "d", "svevnd", "s", "svevns", "h", "svevnh",
	  "b", "svevnb" },
};

/* A flag or bit field: name, first and last bit.  */
struct flag_bits {
	const char *name;
	int start, end;
};

static const struct flag_bits fpsr_bits[] = {
	{ "IOC", 0, 0 }, { "DZC", 1, 1 }, { "OFC", 2, 2 },  { "UFC", 3, 3 },
	{ "IXC", 4, 4 }, { "IDC", 7, 7 }, { "QC", 27, 27 }, { "V", 28, 28 },
	{ "C", 29, 29 }, { "Z", 30, 30 }, { "N", 31, 31 },  { NULL, 0, 0 },
};
static const struct flag_bits fpcr_bits[] = {
	{ "FIZ", 0, 0 },      { "AH", 1, 1 },	   { "NEP", 2, 2 },
	{ "IOE", 8, 8 },      { "DZE", 9, 9 },	   { "OFE", 10, 10 },
	{ "UFE", 11, 11 },    { "IXE", 12, 12 },   { "EBF", 13, 13 },
	{ "IDE", 15, 15 },    { "Len", 16, 18 },   { "FZ16", 19, 19 },
	{ "Stride", 20, 21 }, { "RMode", 22, 23 }, { "FZ", 24, 24 },
	{ "DN", 25, 25 },     { "AHP", 26, 26 },   { NULL, 0, 0 },
};

/* Append to *XML what FMT and the rest say.  */
static void add(char **xml, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(char **xml, const char *fmt, ...)
{
	va_list ap;
	char *more, *old = *xml;

	va_start(ap, fmt);
	more = xvasprintf(fmt, ap);
	va_end(ap);
	*xml = concat(old, more, NULL);
	free(old);
	free(more);
}

static void add_flags(char **xml, const char *id, const struct flag_bits *bits)
{
	add(xml, "  <flags id=\"%s\" size=\"4\">\n", id);
	for (int i = 0; bits[i].name; i++)
		add(xml, "    <field name=\"%s\" start=\"%d\" end=\"%d\"/>\n",
		    bits[i].name, bits[i].start, bits[i].end);
	add(xml, "  </flags>\n");
}

const char *a64_sve_feature(unsigned vq)
{
	/* Made once per vector length, kept for the life of the program
	   (descriptions hold the name).  Single-threaded.  */
	static char *names[A64_SVE_VQ_MAX + 1];
	char *xml;

	if (!vq || vq > A64_SVE_VQ_MAX)
		return NULL;
	if (names[vq])
		return names[vq];
	xml = xasprintf("<?xml version=\"1.0\"?>\n"
			"<!-- quietstub: AArch64 SVE registers for a vector "
			"length of %u quadwords:\n"
			"     z0-z31, fpsr, fpcr, p0-p15, ffr and vg, with the "
			"types GDB gives them.  -->\n"
			"<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
			"<feature name=\"org.gnu.gdb.aarch64.sve\">\n",
			vq);
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++)
		add(&xml, "  <vector id=\"%s\" type=\"%s\" count=\"%u\"/>\n",
		    vectors[i].id, vectors[i].type, vq * vectors[i].per_vq);
	for (size_t i = 0; i < sizeof(unions) / sizeof(unions[0]); i++) {
		add(&xml, "  <union id=\"%s\">\n", unions[i][0]);
		for (int f = 1; f < 11 && unions[i][f]; f += 2)
			add(&xml, "    <field name=\"%s\" type=\"%s\"/>\n",
			    unions[i][f], unions[i][f + 1]);
		add(&xml, "  </union>\n");
	}
	add(&xml, "  <vector id=\"svep\" type=\"uint8\" count=\"%u\"/>\n",
	    2 * vq);
	add_flags(&xml, "fpsr_flags", fpsr_bits);
	add_flags(&xml, "fpcr_flags", fpcr_bits);
	for (int i = 0; i < 32; i++)
		add(&xml,
		    "  <reg name=\"z%d\" bitsize=\"%u\" type=\"svev\"/>\n", i,
		    128 * vq);
	add(&xml,
	    "  <reg name=\"fpsr\" bitsize=\"32\" type=\"fpsr_flags\"/>\n"
	    "  <reg name=\"fpcr\" bitsize=\"32\" type=\"fpcr_flags\"/>\n");
	for (int i = 0; i < 16; i++)
		add(&xml,
		    "  <reg name=\"p%d\" bitsize=\"%u\" type=\"svep\"/>\n", i,
		    16 * vq);
	add(&xml,
	    "  <reg name=\"ffr\" bitsize=\"%u\" type=\"svep\"/>\n"
	    "  <reg name=\"vg\" bitsize=\"64\" type=\"int\"/>\n"
	    "</feature>\n",
	    16 * vq);
	names[vq] = xasprintf("aarch64-sve-vq%u.xml", vq);
	tdesc_add_feature(names[vq], xml);
	return names[vq];
}

int a64_sve_place(unsigned vq, const struct tdesc_reg *r, struct arch_reg *out)
{
	int i;

	if (tdesc_indexed(r->name, 'z', 32, &i)) {
		out->offset = z_offset(vq, i);
		out->field_size = (size_t)vq * 16;
	} else if (tdesc_indexed(r->name, 'p', 16, &i) ||
		   strcmp(r->name, "ffr") == 0) {
		out->offset = p_offset(vq, r->name[0] == 'p' ? i : 16);
		out->field_size = (size_t)vq * 2;
	} else if (strcmp(r->name, "fpsr") == 0 ||
		   strcmp(r->name, "fpcr") == 0) {
		out->offset = fpsr_offset(vq) + (r->name[3] == 'c' ? 4 : 0);
		out->field_size = 4;
	} else if (strcmp(r->name, "vg") == 0) {
		out->offset = 0;
		out->field_size = 0; /* from the header */
	} else {
		return 0;
	}
	out->conv = ARCH_CONV_SVE;
	return out->field_size ? (int)out->field_size * 8 : 64;
}

/* Where register R is in the FP/SIMD form of the set, and how many of
   its bytes are there (0: none, it reads as zero).  */
static size_t fpsimd_place(unsigned vq, const struct arch_reg *r,
			   size_t *offset)
{
	size_t z0 = z_offset(vq, 0), p0 = p_offset(vq, 0);

	if (r->offset >= z0 && r->offset < p0 && r->field_size == vq * 16) {
		*offset = HEADER + (r->offset - z0) / vq;
		return 16;
	}
	if (r->field_size == 4) {
		*offset = FPSIMD_FPSR + (r->offset - fpsr_offset(vq));
		return 4;
	}
	return 0;
}

static bool sve_form(const uint8_t *set)
{
	return get_le(set + 12, 2) & FLAG_SVE;
}

/* The vector length of SET, SET_SIZE bytes, if it is still the one
   the description was made for; else 0.  */
static unsigned vq_of(const uint8_t *set, size_t set_size)
{
	unsigned vq = a64_sve_vq_from_header(set, HEADER);

	return vq && a64_sve_regset_size(vq) == set_size ? vq : 0;
}

size_t a64_sve_read(size_t set_size, const struct arch_reg *r,
		    const uint8_t *set, uint8_t *out)
{
	size_t size = (size_t)r->bitsize / 8, offset = r->offset, n;
	unsigned vq = vq_of(set, set_size);

	memset(out, 0, size);
	if (!vq)
		return size; /* the thread changed its vector length */
	if (!r->field_size) {
		put_le(out, 8, 2 * vq); /* vg: 64-bit granules */
		return size;
	}
	n = sve_form(set) ? r->field_size : fpsimd_place(vq, r, &offset);
	memcpy(out, set + offset, n);
	return size;
}

/* Turn the FP/SIMD form of the set into the SVE form.  */
static void to_sve_form(unsigned vq, uint8_t *set)
{
	uint8_t fpsimd[32 * 16 + 8];
	size_t size = a64_sve_regset_size(vq);

	memcpy(fpsimd, set + HEADER, sizeof(fpsimd));
	memset(set + HEADER, 0, size - HEADER);
	for (int i = 0; i < 32; i++)
		memcpy(set + z_offset(vq, i), fpsimd + 16 * i, 16);
	memcpy(set + fpsr_offset(vq), fpsimd + 32 * 16, 8);
	put_le(set, 4, size);
	put_le(set + 12, 2, get_le(set + 12, 2) | FLAG_SVE);
}

bool a64_sve_write(size_t set_size, const struct arch_reg *r, uint8_t *set,
		   const uint8_t *in)
{
	unsigned vq = vq_of(set, set_size);

	if (!r->field_size || !vq)
		return false; /* vg, or a vector length changed since */
	if (!sve_form(set))
		to_sve_form(vq, set);
	memcpy(set + r->offset, in, r->field_size);
	return true;
}

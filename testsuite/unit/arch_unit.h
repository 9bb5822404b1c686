/* arch_unit.h - helpers of the backend unit tests: register numbers by
   name, little-endian packing, and register reads and writes through
   the backend under test (OPS, set by main).  */
#ifndef QS_ARCH_UNIT_H
#define QS_ARCH_UNIT_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "feature_files.h"
#include "tdesc.h"
#include "unit.h"

static const struct arch_ops *ops;

static int regnum_of(const struct arch_tdesc *td, const char *name)
{
	for (int i = 0; i < td->nregs; i++)
		if (td->regs[i].name && strcmp(td->regs[i].name, name) == 0)
			return i;
	return -1;
}

static uint64_t le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void put(uint8_t *p, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++, v >>= 8)
		p[i] = i < 8 ? (uint8_t)v : 0;
}

/* Read register NAME as an integer (registers of up to 8 bytes).  */
static uint64_t rd(const struct arch_tdesc *td, const struct arch_regcache *rc,
		   const char *name)
{
	uint8_t out[64];
	int n = regnum_of(td, name);
	size_t len;

	if (n < 0)
		return 0xbadbadbad;
	len = ops->reg_read(td, rc, n, out);
	return le(out, len < 8 ? len : 8);
}

static void wr(const struct arch_tdesc *td, struct arch_regcache *rc,
	       const char *name, uint64_t v)
{
	uint8_t in[64] = { 0 };

	put(in, td->regs[regnum_of(td, name)].bitsize / 8, v);
	ops->reg_write(td, rc, regnum_of(td, name), in);
}

/* Every register of the feature files TD serves is in TD, at the number
   and size the file gives it, and there are no others: the numbers no
   file gives are gaps without a name or bits.  */
static void check_all_placed(const struct arch_tdesc *td, const char *what)
{
	int total = 0, named = 0, next = 0;

	for (int i = 1; i < td->nannexes; i++) {
		struct tdesc_feature f;
		char *perr = NULL;
		int placed = 0;

		if (tdesc_parse_feature(td->annex_names[i], td->annex_texts[i],
					&next, &f, &perr)) {
			CHECK(0, "%s: %s parses (%s)", what, td->annex_names[i],
			      perr);
			free(perr);
			continue;
		}
		for (int j = 0; j < f.nregs; j++) {
			int n = regnum_of(td, f.regs[j].name);

			if (n == f.regs[j].regnum &&
			    td->regs[n].bitsize == f.regs[j].bitsize &&
			    strcmp(td->regs[n].feature, f.name) == 0)
				placed++;
		}
		total += f.nregs;
		CHECK(placed == f.nregs, "%s: all %d registers of %s in place",
		      what, f.nregs, f.name);
		tdesc_feature_free(&f);
	}
	for (int i = 0; i < td->nregs; i++) {
		if (td->regs[i].regnum != i)
			CHECK(0, "%s: regs[%d] says %d", what, i,
			      td->regs[i].regnum);
		if (td->regs[i].name)
			named++;
		else if (td->regs[i].bitsize)
			CHECK(0, "%s: the gap %d has bits", what, i);
	}
	CHECK(total == named && next == td->nregs,
	      "%s: %d registers in all, numbered up to %d", what, total,
	      next - 1);
}

/* Each of the N feature files FILES is built in, and CHECK (the
   backend's arch_*_check_feature) places every register it names.
   (This and the next are inline: the x86 tests check their own way.)  */
static inline void check_feature_files(const char *const *files, size_t n,
				       int (*check)(const char *, const char *,
						    char **))
{
	for (size_t i = 0; i < n; i++) {
		const char *text = arch_feature_file(files[i]);
		char *err = NULL;

		CHECK(text && check(files[i], text, &err) == 0,
		      "feature %s: every register placed (%s)", files[i],
		      err ? err : "ok");
		free(err);
	}
}

/* A client whose qSupported does not list MACHINE in xmlRegisters= reads
   no description and assumes GDB's built-in registers: the backend's
   FEATURES_WITHOUT_XML part of FEATURES, G_SIZE bytes of 'g'.  */
static inline void check_without_xml(const char *machine, uint64_t features,
				     size_t probe_len, size_t g_size)
{
	const struct arch_tdesc *td;
	const char *err = NULL;

	CHECK(ops->xml_registers_name &&
		      strcmp(ops->xml_registers_name, machine) == 0,
	      "described to clients that list %s in xmlRegisters", machine);
	td = ops->tdesc_for(features & ops->features_without_xml, probe_len,
			    &err);
	CHECK(td && td->g_size == g_size,
	      "without a description: g_size %zu (want %zu)",
	      td ? td->g_size : 0, g_size);
}

static void check_target_xml(const struct arch_tdesc *td, const char *what,
			     const char *arch);

/* A register the description for FEATURES gives number REGNUM.  */
struct want_regnum {
	uint64_t features;
	const char *name;
	int regnum;
};

/* Each of the N registers of WANT has its number in the description
   the backend gives for its features (and PROBE_LEN).  */
static inline void check_regnums(const struct want_regnum *want, size_t n,
				 size_t probe_len)
{
	for (size_t i = 0; i < n; i++) {
		const char *err = NULL;
		const struct arch_tdesc *td =
			ops->tdesc_for(want[i].features, probe_len, &err);

		CHECK(td && regnum_of(td, want[i].name) == want[i].regnum,
		      "%s %#llx: %s is %d", ops->name,
		      (unsigned long long)want[i].features, want[i].name,
		      want[i].regnum);
	}
}

/* The description the backend gives for FEATURES (and PROBE_LEN) has
   NREGS register numbers, NREGSETS register sets and G_SIZE bytes in
   'g', comes from the backend's cache the second time, places every
   register of its files and has a target.xml naming ARCH.  Returns it,
   or NULL.  */
static inline const struct arch_tdesc *
check_tdesc_shape(uint64_t features, size_t probe_len, int nregs, int nregsets,
		  size_t g_size, const char *arch)
{
	const char *err = NULL;
	const struct arch_tdesc *td = ops->tdesc_for(features, probe_len, &err);
	char what[48];

	snprintf(what, sizeof(what), "%s tdesc %#llx", ops->name,
		 (unsigned long long)features);
	CHECK(td != NULL, "%s: made (%s)", what, err ? err : "ok");
	if (!td)
		return NULL;
	CHECK(td->nregs == nregs && td->nregsets == nregsets &&
		      td->g_size == g_size,
	      "%s: %d registers, %d regsets, g %zu (got %d, %d, %zu)", what,
	      nregs, nregsets, g_size, td->nregs, td->nregsets, td->g_size);
	CHECK(ops->tdesc_for(features, probe_len, &err) == td, "%s: cached",
	      what);
	check_all_placed(td, what);
	check_target_xml(td, what, arch);
	return td;
}

struct xml_check {
	int includes;
	char hrefs[16][64];
	const char *want_arch;
	bool target, arch, osabi;
	char text[64];
	bool in_text;
};

static void XMLCALL xc_start(void *data, const XML_Char *el,
			     const XML_Char **attrs)
{
	struct xml_check *xc = data;

	if (strcmp(el, "target") == 0)
		xc->target = true;
	if (strcmp(el, "xi:include") == 0 && xc->includes < 16) {
		for (int i = 0; attrs[i]; i += 2)
			if (strcmp(attrs[i], "href") == 0)
				snprintf(xc->hrefs[xc->includes],
					 sizeof(xc->hrefs[0]), "%s",
					 attrs[i + 1]);
		xc->includes++;
	}
	xc->in_text =
		strcmp(el, "architecture") == 0 || strcmp(el, "osabi") == 0;
	xc->text[0] = 0;
}

static void XMLCALL xc_text(void *data, const XML_Char *s, int len)
{
	struct xml_check *xc = data;
	size_t have = strlen(xc->text);

	if (xc->in_text && have + len < sizeof(xc->text)) {
		memcpy(xc->text + have, s, len);
		xc->text[have + len] = 0;
	}
}

static void XMLCALL xc_end(void *data, const XML_Char *el)
{
	struct xml_check *xc = data;

	if (strcmp(el, "architecture") == 0)
		xc->arch = strcmp(xc->text, xc->want_arch) == 0;
	if (strcmp(el, "osabi") == 0)
		xc->osabi = strcmp(xc->text, "GNU/Linux") == 0;
	xc->in_text = false;
}

/* TD's target.xml is well-formed, names ARCH and GNU/Linux and
   includes every feature file TD serves.  */
static void check_target_xml(const struct arch_tdesc *td, const char *what,
			     const char *arch)
{
	struct xml_check xc = { .want_arch = arch };
	XML_Parser p = XML_ParserCreate(NULL);
	const char *xml;
	bool ok;

	CHECK(td->nannexes >= 2 &&
		      strcmp(td->annex_names[0], "target.xml") == 0,
	      "%s: target.xml is the first annex", what);
	xml = td->annex_texts[0];
	XML_SetUserData(p, &xc);
	XML_SetElementHandler(p, xc_start, xc_end);
	XML_SetCharacterDataHandler(p, xc_text);
	ok = XML_Parse(p, xml, (int)strlen(xml), 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	CHECK(ok, "%s: target.xml is well-formed", what);
	CHECK(xc.target && xc.arch && xc.osabi,
	      "%s: target.xml names %s and GNU/Linux", what, arch);
	CHECK(strstr(xml, "xmlns:xi=\"http://www.w3.org/2001/XInclude\""),
	      "%s: target.xml declares the xi namespace", what);
	CHECK(xc.includes == td->nannexes - 1,
	      "%s: target.xml includes %d files", what, td->nannexes - 1);
	for (int i = 1; i < td->nannexes; i++) {
		bool found = false;

		for (int j = 0; j < xc.includes && j < 16; j++)
			found |= strcmp(xc.hrefs[j], td->annex_names[i]) == 0;
		CHECK(found && td->annex_texts[i] &&
			      td->annex_texts[i] ==
				      tdesc_feature_text(td->annex_names[i]),
		      "%s: target.xml includes %s, served as is", what,
		      td->annex_names[i]);
	}
}

#endif

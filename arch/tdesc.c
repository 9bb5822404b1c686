/* tdesc.c - the libexpat reader of feature XML files (GDB's target
   description format) and the writer of target.xml.  It owns the
   checks a feature file must pass: known elements in their places,
   required attributes, numbers that are numbers, types that exist.  */
#include <errno.h>
#include <expat.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Expat 2.9 deprecates the line and column functions for their 64-bit
   forms.  */
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 9)
#define xml_line XML_GetCurrentLineNumber64
#define xml_column XML_GetCurrentColumnNumber64
#else
#define xml_line XML_GetCurrentLineNumber
#define xml_column XML_GetCurrentColumnNumber
#endif

#include "feature_files.h"
#include "tdesc.h"

#define MAX_DEPTH 8

/* Types every target description may use without defining them (GDB's
   predefined types); a <reg> may also say "int" or "float".  */
static const char *const predefined_types[] = {
	"bool",	       "int8",	      "int16",	  "int32",     "int64",
	"int128",      "uint8",	      "uint16",	  "uint32",    "uint64",
	"uint128",     "code_ptr",    "data_ptr", "ieee_half", "ieee_single",
	"ieee_double", "arm_fpa_ext", "i387_ext", "bfloat16",
};

/* Where each element may appear: its parent (NULL: the root).  */
static const struct {
	const char *name;
	const char *parents[3];
} element_rules[] = {
	{ "feature", { NULL } },    { "vector", { "feature" } },
	{ "flags", { "feature" } }, { "struct", { "feature" } },
	{ "union", { "feature" } }, { "enum", { "feature" } },
	{ "reg", { "feature" } },   { "field", { "flags", "struct", "union" } },
	{ "evalue", { "enum" } },   { "description", { "reg" } },
};

struct parse_state {
	XML_Parser parser;
	const char *file;
	char *err;
	int depth;
	const char *stack[MAX_DEPTH];
	struct tdesc_feature *f;
	int cap_regs;
	int next_regnum;
	char **types; /* ids this feature defines */
	int ntypes;
};

static void ATTRIBUTE_PRINTF(2, 3)
	fail(struct parse_state *ps, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (ps->err)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	ps->err = xasprintf("%s:%lu: %s", ps->file,
			    (unsigned long)xml_line(ps->parser), msg);
	free(msg);
	XML_StopParser(ps->parser, XML_FALSE);
}

static const char *attr(const char **attrs, const char *name)
{
	for (int i = 0; attrs[i]; i += 2)
		if (strcmp(attrs[i], name) == 0)
			return attrs[i + 1];
	return NULL;
}

/* Attribute NAME of element ELEM, which must be there.  */
static const char *need_attr(struct parse_state *ps, const char *elem,
			     const char **attrs, const char *name)
{
	const char *v = attr(attrs, name);

	if (!v)
		fail(ps, "<%s> needs a %s attribute", elem, name);
	return v;
}

/* Parse V, a decimal number in [MIN, INT_MAX], into *OUT.  */
static bool number_attr(struct parse_state *ps, const char *elem,
			const char *name, const char *v, int min, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > INT_MAX) {
		fail(ps, "<%s %s=\"%s\">: expected a number of at least %d",
		     elem, name, v, min);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool type_known(const struct parse_state *ps, const char *type)
{
	for (size_t i = 0;
	     i < sizeof(predefined_types) / sizeof(predefined_types[0]); i++)
		if (strcmp(predefined_types[i], type) == 0)
			return true;
	for (int i = 0; i < ps->ntypes; i++)
		if (strcmp(ps->types[i], type) == 0)
			return true;
	return false;
}

static void define_type(struct parse_state *ps, const char *elem,
			const char *id)
{
	if (type_known(ps, id)) {
		fail(ps, "<%s id=\"%s\">: type already defined", elem, id);
		return;
	}
	ps->types = xrealloc(ps->types, (ps->ntypes + 1) * sizeof(*ps->types));
	ps->types[ps->ntypes++] = xstrdup(id);
}

static void start_reg(struct parse_state *ps, const char **attrs)
{
	static const char *const known[] = {
		"name", "bitsize", "regnum", "type", "group", "save-restore"
	};
	struct tdesc_feature *f = ps->f;
	const char *name, *bits, *type, *group, *num;
	struct tdesc_reg *r;
	int bitsize, regnum = ps->next_regnum;

	for (int i = 0; attrs[i]; i += 2) {
		size_t k = 0;

		while (k < sizeof(known) / sizeof(known[0]) &&
		       strcmp(known[k], attrs[i]) != 0)
			k++;
		if (k == sizeof(known) / sizeof(known[0])) {
			fail(ps, "<reg>: unknown attribute %s", attrs[i]);
			return;
		}
	}
	name = need_attr(ps, "reg", attrs, "name");
	bits = need_attr(ps, "reg", attrs, "bitsize");
	if (!name || !bits)
		return;
	if (!*name) {
		fail(ps, "<reg>: empty name");
		return;
	}
	if (!number_attr(ps, "reg", "bitsize", bits, 1, &bitsize))
		return;
	num = attr(attrs, "regnum");
	if (num && !number_attr(ps, "reg", "regnum", num, 0, &regnum))
		return;
	type = attr(attrs, "type");
	if (!type)
		type = "int";
	if (strcmp(type, "int") != 0 && strcmp(type, "float") != 0 &&
	    !type_known(ps, type)) {
		fail(ps, "register %s has unknown type \"%s\"", name, type);
		return;
	}
	for (int i = 0; i < f->nregs; i++)
		if (strcmp(f->regs[i].name, name) == 0) {
			fail(ps, "register %s defined twice", name);
			return;
		}
	if (regnum == INT_MAX) {
		fail(ps, "register %s: register number too large", name);
		return;
	}
	group = attr(attrs, "group");

	if (f->nregs == ps->cap_regs) {
		ps->cap_regs = ps->cap_regs ? 2 * ps->cap_regs : 32;
		f->regs = xrealloc(f->regs, ps->cap_regs * sizeof(*f->regs));
	}
	r = &f->regs[f->nregs++];
	r->name = xstrdup(name);
	r->type = xstrdup(type);
	r->group = group ? xstrdup(group) : NULL;
	r->regnum = regnum;
	r->bitsize = bitsize;
	r->feature = f->name;
	ps->next_regnum = regnum + 1;
}

static void start_element(struct parse_state *ps, const char *el,
			  const char **attrs)
{
	const char *parent = ps->depth ? ps->stack[ps->depth - 1] : NULL;
	const char *id, *type, *count;
	size_t i, n = sizeof(element_rules) / sizeof(element_rules[0]);
	bool placed = false;
	int num;

	for (i = 0; i < n; i++)
		if (strcmp(element_rules[i].name, el) == 0)
			break;
	if (i == n) {
		fail(ps, "unknown element <%s>", el);
		return;
	}
	for (int p = 0; p < 3; p++) {
		const char *want = element_rules[i].parents[p];

		if (want ? parent && strcmp(want, parent) == 0 : !parent && !p)
			placed = true;
	}
	if (!placed) {
		if (parent)
			fail(ps, "<%s> is not allowed inside <%s>", el, parent);
		else
			fail(ps, "the root element must be <feature>, not <%s>",
			     el);
		return;
	}
	if (ps->depth == MAX_DEPTH) {
		fail(ps, "elements nested too deeply");
		return;
	}
	ps->stack[ps->depth++] = element_rules[i].name;

	if (strcmp(el, "feature") == 0) {
		const char *name = need_attr(ps, el, attrs, "name");

		if (name)
			ps->f->name = xstrdup(name);
	} else if (strcmp(el, "reg") == 0) {
		start_reg(ps, attrs);
	} else if (strcmp(el, "vector") == 0) {
		id = need_attr(ps, el, attrs, "id");
		type = need_attr(ps, el, attrs, "type");
		count = need_attr(ps, el, attrs, "count");
		if (!id || !type || !count ||
		    !number_attr(ps, el, "count", count, 1, &num))
			return;
		if (!type_known(ps, type)) {
			fail(ps, "vector %s has unknown element type \"%s\"",
			     id, type);
			return;
		}
		define_type(ps, el, id);
	} else if (strcmp(el, "flags") == 0 || strcmp(el, "enum") == 0) {
		id = need_attr(ps, el, attrs, "id");
		count = need_attr(ps, el, attrs, "size");
		if (id && count && number_attr(ps, el, "size", count, 1, &num))
			define_type(ps, el, id);
	} else if (strcmp(el, "struct") == 0 || strcmp(el, "union") == 0) {
		id = need_attr(ps, el, attrs, "id");
		if (id)
			define_type(ps, el, id);
	} else if (strcmp(el, "field") == 0) {
		const char *start = attr(attrs, "start");
		const char *end = attr(attrs, "end");

		if (!need_attr(ps, el, attrs, "name"))
			return;
		type = attr(attrs, "type");
		if (type && !type_known(ps, type)) {
			fail(ps, "field has unknown type \"%s\"", type);
			return;
		}
		if (start && !number_attr(ps, el, "start", start, 0, &num))
			return;
		if (end && !number_attr(ps, el, "end", end, 0, &num))
			return;
	} else if (strcmp(el, "evalue") == 0) {
		if (!need_attr(ps, el, attrs, "name"))
			return;
		need_attr(ps, el, attrs, "value");
	}
}

static void XMLCALL on_start(void *data, const XML_Char *el,
			     const XML_Char **attrs)
{
	struct parse_state *ps = data;

	if (!ps->err)
		start_element(ps, el, attrs);
}

static void XMLCALL on_end(void *data, const XML_Char *el)
{
	struct parse_state *ps = data;

	(void)el;
	if (!ps->err && ps->depth > 0)
		ps->depth--;
}

int tdesc_parse_feature(const char *file, const char *text, int *next_regnum,
			struct tdesc_feature *out, char **err)
{
	struct parse_state ps = { .file = file, .f = out };
	int ret = -1;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	ps.next_regnum = *next_regnum;
	ps.parser = XML_ParserCreate(NULL);
	if (!ps.parser) {
		*err = xasprintf("%s: cannot create an XML parser", file);
		return -1;
	}
	XML_SetUserData(ps.parser, &ps);
	XML_SetElementHandler(ps.parser, on_start, on_end);

	if (XML_Parse(ps.parser, text, (int)strlen(text), XML_TRUE) ==
		    XML_STATUS_ERROR &&
	    !ps.err) {
		ps.err =
			xasprintf("%s:%lu:%lu: %s", file,
				  (unsigned long)xml_line(ps.parser),
				  (unsigned long)xml_column(ps.parser),
				  XML_ErrorString(XML_GetErrorCode(ps.parser)));
	}
	if (!ps.err && !out->name)
		ps.err = xasprintf("%s: no <feature> element", file);
	if (ps.err)
		goto out;
	*next_regnum = ps.next_regnum;
	ret = 0;
out:
	for (int i = 0; i < ps.ntypes; i++)
		free(ps.types[i]);
	free(ps.types);
	XML_ParserFree(ps.parser);
	if (ret) {
		tdesc_feature_free(out);
		*err = ps.err;
	}
	return ret;
}

void tdesc_feature_free(struct tdesc_feature *f)
{
	for (int i = 0; i < f->nregs; i++) {
		free(f->regs[i].name);
		free(f->regs[i].type);
		free(f->regs[i].group);
	}
	free(f->regs);
	free(f->name);
	memset(f, 0, sizeof(*f));
}

/* Append S to the xmalloc'd *BUF of length *LEN, escaped for XML
   character data and attribute values when ESCAPE.  */
static void append(char **buf, size_t *len, const char *s, bool escape)
{
	for (; *s; s++) {
		const char *piece = NULL;
		char one[2] = { *s, 0 };
		size_t n;

		if (escape) {
			switch (*s) {
			case '&':
				piece = "&amp;";
				break;
			case '<':
				piece = "&lt;";
				break;
			case '>':
				piece = "&gt;";
				break;
			case '"':
				piece = "&quot;";
				break;
			}
		}
		if (!piece)
			piece = one;
		n = strlen(piece);
		*buf = xrealloc(*buf, *len + n + 1);
		memcpy(*buf + *len, piece, n + 1);
		*len += n;
	}
}

char *tdesc_target_xml(const char *arch, const char *osabi,
		       const char *const *files, size_t nfiles)
{
	char *buf = xstrdup("");
	size_t len = 0;

	append(&buf, &len,
	       "<?xml version=\"1.0\"?>\n"
	       "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	       "<target version=\"1.0\" "
	       "xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n",
	       false);
	if (arch) {
		append(&buf, &len, "  <architecture>", false);
		append(&buf, &len, arch, true);
		append(&buf, &len, "</architecture>\n", false);
	}
	if (osabi) {
		append(&buf, &len, "  <osabi>", false);
		append(&buf, &len, osabi, true);
		append(&buf, &len, "</osabi>\n", false);
	}
	for (size_t i = 0; i < nfiles; i++) {
		append(&buf, &len, "  <xi:include href=\"", false);
		append(&buf, &len, files[i], true);
		append(&buf, &len, "\"/>\n", false);
	}
	append(&buf, &len, "</target>\n", false);
	return buf;
}

int tdesc_build(struct arch_tdesc *td, const char *who, const char *arch_name,
		const char *const *files, int nfiles, tdesc_place_fn place,
		const void *ctx, const char *const regnames[3], char **err)
{
	struct tdesc_feature *features = xcalloc(nfiles, sizeof(*features));
	int nparsed = 0, next = 0, nregs = 0, *want[3];
	int ret = -1;

	*err = NULL;
	td->arch_name = arch_name;
	for (int i = 0; i < nfiles; i++) {
		const char *text = tdesc_feature_text(files[i]);

		if (!text) {
			*err = xasprintf("%s: feature file %s is not built in",
					 who, files[i]);
			goto out;
		}
		if (tdesc_parse_feature(files[i], text, &next, &features[i],
					err))
			goto out;
		nparsed++;
		for (int j = 0; j < features[i].nregs; j++)
			if (features[i].regs[j].regnum >= nregs)
				nregs = features[i].regs[j].regnum + 1;
	}
	td->nregs = nregs;
	td->regs = xcalloc(nregs ? nregs : 1, sizeof(*td->regs));
	for (int i = 0; i < nfiles; i++) {
		for (int j = 0; j < features[i].nregs; j++) {
			const struct tdesc_reg *r = &features[i].regs[j];
			struct arch_reg *a = &td->regs[r->regnum];

			if (a->name) {
				*err = xasprintf("%s: registers %s and %s both "
						 "have number %d",
						 who, a->name, r->name,
						 r->regnum);
				goto out;
			}
			a->xstate_bit = -1;
			if (place(ctx, r, a, err))
				goto out;
			a->name = xstrdup(r->name);
			a->regnum = r->regnum;
			a->bitsize = r->bitsize;
			a->type = xstrdup(r->type);
			a->group = r->group ? xstrdup(r->group) : NULL;
			a->feature = xstrdup(features[i].name);
		}
	}
	want[0] = &td->pc_regnum;
	want[1] = &td->sp_regnum;
	want[2] = &td->fp_regnum;
	for (int k = 0; k < 3; k++) {
		*want[k] = -1;
		for (int i = 0; i < nregs; i++)
			if (td->regs[i].name &&
			    strcmp(td->regs[i].name, regnames[k]) == 0)
				*want[k] = i;
		if (*want[k] < 0) {
			*err = xasprintf("%s: the feature files lack %s", who,
					 regnames[k]);
			goto out;
		}
	}
	/* Numbers no file gives (RISC-V's 65-67) stay unnamed and take no
	   bytes in 'g', as in GDB.  */
	for (int i = 0; i < nregs; i++) {
		td->regs[i].regnum = i;
		td->g_size += td->regs[i].bitsize / 8;
	}
	td->nannexes = nfiles + 1;
	td->annex_names = xcalloc(td->nannexes, sizeof(*td->annex_names));
	td->annex_texts = xcalloc(td->nannexes, sizeof(*td->annex_texts));
	td->annex_names[0] = "target.xml";
	td->annex_texts[0] =
		tdesc_target_xml(arch_name, "GNU/Linux", files, nfiles);
	for (int i = 0; i < nfiles; i++) {
		td->annex_names[i + 1] = files[i];
		td->annex_texts[i + 1] = tdesc_feature_text(files[i]);
	}
	ret = 0;
out:
	for (int i = 0; i < nparsed; i++)
		tdesc_feature_free(&features[i]);
	free(features);
	if (ret)
		tdesc_build_free(td);
	return ret;
}

int tdesc_check_feature(const char *file, const char *text,
			tdesc_place_fn place, const void *ctx, char **err)
{
	struct tdesc_feature f;
	struct arch_reg reg;
	int next = 0, ret = 0;

	if (tdesc_parse_feature(file, text, &next, &f, err))
		return -1;
	for (int i = 0; i < f.nregs && !ret; i++)
		ret = place(ctx, &f.regs[i], &reg, err);
	tdesc_feature_free(&f);
	return ret;
}

const struct arch_reg *tdesc_reg_in(const struct arch_tdesc *td,
				    const struct arch_regcache *rc, int regnum)
{
	const struct arch_reg *r;

	if (regnum < 0 || regnum >= td->nregs)
		return NULL;
	r = &td->regs[regnum];
	return rc->valid[r->regset] && rc->buf[r->regset] ? r : NULL;
}

/* The feature files made at run time.  Single-threaded.  */
static struct added_feature {
	const char *name, *text;
	struct added_feature *next;
} * added;

void tdesc_add_feature(const char *name, const char *text)
{
	struct added_feature *f = xmalloc(sizeof(*f));

	f->name = name;
	f->text = text;
	f->next = added;
	added = f;
}

const char *tdesc_feature_text(const char *name)
{
	for (const struct added_feature *f = added; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return arch_feature_file(name);
}

bool tdesc_indexed(const char *name, char prefix, int count, int *index)
{
	char *end;
	long n;

	if (name[0] != prefix || name[1] < '0' || name[1] > '9' ||
	    (name[1] == '0' && name[2]))
		return false;
	n = strtol(name + 1, &end, 10);
	if (*end || n >= count)
		return false;
	*index = (int)n;
	return true;
}

static int place_fixed(const struct tdesc_fixed_reg *table, size_t n,
		       const struct tdesc_reg *r, struct arch_reg *out)
{
	for (size_t k = 0; k < n; k++) {
		if (strcmp(r->name, table[k].name) != 0)
			continue;
		out->regset = table[k].regset;
		out->offset = table[k].offset;
		out->field_size = table[k].field_size;
		return table[k].bitsize;
	}
	return 0;
}

static int place_indexed(const struct tdesc_indexed_reg *table, size_t n,
			 const struct tdesc_reg *r, struct arch_reg *out)
{
	int i;

	for (size_t k = 0; k < n; k++) {
		if (!tdesc_indexed(r->name, table[k].prefix, table[k].count,
				   &i))
			continue;
		out->regset = table[k].regset;
		out->field_size = (size_t)table[k].bitsize / 8;
		out->offset = (size_t)i * out->field_size;
		return table[k].bitsize;
	}
	return 0;
}

int tdesc_placed(const char *who, const struct tdesc_reg *r, int bits,
		 char **err)
{
	if (!bits) {
		*err = xasprintf("%s: register %s (feature %s) has no "
				 "place in the register sets",
				 who, r->name, r->feature);
		return -1;
	}
	if (r->bitsize != bits) {
		*err = xasprintf("%s: register %s is %d bits in feature "
				 "%s, the backend expects %d",
				 who, r->name, r->bitsize, r->feature, bits);
		return -1;
	}
	return 0;
}

int tdesc_place_from(const char *who, const struct tdesc_indexed_reg *indexed,
		     size_t ni, const struct tdesc_fixed_reg *fixed, size_t nf,
		     const struct tdesc_reg *r, struct arch_reg *out,
		     char **err)
{
	int bits = place_indexed(indexed, ni, r, out);

	out->conv = ARCH_CONV_COPY;
	if (!bits)
		bits = place_fixed(fixed, nf, r, out);
	return tdesc_placed(who, r, bits, err);
}

struct tdesc_cache_entry {
	struct arch_tdesc td;
	uint64_t features;
	char *err; /* when this entry records a failure */
	struct tdesc_cache_entry *next;
};

const struct arch_tdesc *tdesc_cached(struct tdesc_cache_entry **cache,
				      uint64_t features, tdesc_build_fn build,
				      const char **err)
{
	struct tdesc_cache_entry *c;

	for (c = *cache; c && c->features != features; c = c->next)
		;
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		c->features = features;
		if (build(&c->td, features, &c->err))
			memset(&c->td, 0, sizeof(c->td));
		c->next = *cache;
		*cache = c;
	}
	if (c->err)
		*err = c->err;
	return c->err ? NULL : &c->td;
}

size_t tdesc_copy_read(const struct arch_tdesc *td,
		       const struct arch_regcache *rc, int regnum, uint8_t *out)
{
	const struct arch_reg *r = tdesc_reg_in(td, rc, regnum);
	size_t size;

	if (!r)
		return 0;
	size = r->bitsize / 8;
	memset(out, 0, size);
	memcpy(out, rc->buf[r->regset] + r->offset,
	       r->field_size < size ? r->field_size : size);
	return size;
}

void tdesc_copy_write(const struct arch_tdesc *td, struct arch_regcache *rc,
		      int regnum, const uint8_t *in)
{
	const struct arch_reg *r = tdesc_reg_in(td, rc, regnum);
	size_t size;

	if (!r || !r->bitsize || td->regsets[r->regset].read_only)
		return;
	size = r->bitsize / 8;
	memset(rc->buf[r->regset] + r->offset, 0, r->field_size);
	memcpy(rc->buf[r->regset] + r->offset, in,
	       r->field_size < size ? r->field_size : size);
	rc->dirty[r->regset] = true;
}

void tdesc_build_free(struct arch_tdesc *td)
{
	for (int i = 0; td->regs && i < td->nregs; i++) {
		free((char *)td->regs[i].name);
		free((char *)td->regs[i].type);
		free((char *)td->regs[i].group);
		free((char *)td->regs[i].feature);
	}
	free(td->regs);
	if (td->annex_texts)
		free((char *)td->annex_texts[0]);
	free(td->annex_names);
	free(td->annex_texts);
	td->regs = NULL;
	td->annex_names = NULL;
	td->annex_texts = NULL;
}

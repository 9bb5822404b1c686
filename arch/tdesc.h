/* tdesc.h - reading feature XML files written in GDB's target
   description format (the files of arch/features) into register lists, and
   writing the target.xml that includes them.  Shared by every backend;
   knows nothing about any architecture.  */
#ifndef QS_TDESC_H
#define QS_TDESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* One <reg> of a feature file.  */
struct tdesc_reg {
	char *name;
	char *type; /* "int" when the file names none */
	char *group; /* NULL when the file names none */
	int regnum; /* explicit, or one after the previous register */
	int bitsize;
	const char *feature; /* the feature's name (owned by the feature) */
};

/* One parsed feature file.  */
struct tdesc_feature {
	char *name; /* "org.gnu.gdb.i386.core" */
	int nregs;
	struct tdesc_reg *regs;
};

/* Parse the feature file FILE whose XML text is TEXT into *OUT.  A
   register without a regnum attribute gets *NEXT_REGNUM, as GDB numbers
   the registers of the features a target.xml includes one after the
   other; *NEXT_REGNUM is left one past the last register.  Checks the
   elements, attributes and type names as GDB would.  Returns 0, or -1
   with *ERR an xmalloc'd message naming FILE and the line.  */
int tdesc_parse_feature(const char *file, const char *text, int *next_regnum,
			struct tdesc_feature *out, char **err);

/* Free what tdesc_parse_feature allocated in F.  */
void tdesc_feature_free(struct tdesc_feature *f);

/* An xmalloc'd target.xml naming ARCH and OSABI (NULL: none) that
   includes the NFILES feature files FILES with <xi:include>.  */
char *tdesc_target_xml(const char *arch, const char *osabi,
		       const char *const *files, size_t nfiles);

/* How a backend places register R of a feature file: set OUT's regset,
   offset, field_size and conv (and xstate_bit, -1 when unused); the
   rest is filled in by tdesc_build.  Returns 0, or -1 with *ERR an
   xmalloc'd message.  */
typedef int (*tdesc_place_fn)(const void *ctx, const struct tdesc_reg *r,
			      struct arch_reg *out, char **err);

/* Fill TD (whose regsets the caller set) from the NFILES feature files
   FILES, in target.xml order: registers numbered as the files say
   (a number none gives is a gap: no name, no bits), each placed by PLACE, g_size, the PC, SP and FP register numbers by
   name, target.xml naming ARCH_NAME and GNU/Linux, and the annexes.
   WHO names the backend in messages.  Returns 0, or -1 with *ERR.  */
int tdesc_build(struct arch_tdesc *td, const char *who, const char *arch_name,
		const char *const *files, int nfiles, tdesc_place_fn place,
		const void *ctx, const char *const regnames[3], char **err);
/* Parse the feature file FILE (TEXT) and place each of its registers
   with PLACE: 0, or -1 with *ERR an xmalloc'd message.  */
int tdesc_check_feature(const char *file, const char *text,
			tdesc_place_fn place, const void *ctx, char **err);
/* Register REGNUM of TD when its register set is in RC, else NULL.  */
const struct arch_reg *tdesc_reg_in(const struct arch_tdesc *td,
				    const struct arch_regcache *rc, int regnum);
/* Register access for backends whose registers are all
   ARCH_CONV_COPY: read REGNUM into OUT (bitsize/8 bytes, the bytes past
   its field zero; 0 if its set is not in RC), and write it from IN,
   marking its set dirty (not in a read-only set).  */
size_t tdesc_copy_read(const struct arch_tdesc *td,
		       const struct arch_regcache *rc, int regnum,
		       uint8_t *out);
void tdesc_copy_write(const struct arch_tdesc *td, struct arch_regcache *rc,
		      int regnum, const uint8_t *in);
/* Add the feature file NAME with TEXT, made at run time (both kept for
   the life of the program), to those tdesc_build and the annexes
   serve.  */
void tdesc_add_feature(const char *name, const char *text);
/* The text of feature file NAME, built in or added; NULL if none.  */
const char *tdesc_feature_text(const char *name);

/* For placing functions: NAME is PREFIX followed by a decimal index
   below COUNT ("x29")?  */
bool tdesc_indexed(const char *name, char prefix, int count, int *index);
/* For placing functions: a register found by name, with its register
   set, size in bits, and offset and bytes in the set.  */
struct tdesc_fixed_reg {
	const char *name;
	int regset, bitsize;
	size_t offset, field_size;
};
/* For placing functions: numbered registers PREFIX0 to PREFIX<COUNT-1>,
   each BITSIZE bits, one after the other from the start of REGSET.  */
struct tdesc_indexed_reg {
	char prefix;
	int count, regset, bitsize;
};
/* For placing functions of backend WHO: place R (ARCH_CONV_COPY) from
   the entry of INDEXED (NI entries) or FIXED (NF) that names it, as
   tdesc_placed says.  */
int tdesc_place_from(const char *who, const struct tdesc_indexed_reg *indexed,
		     size_t ni, const struct tdesc_fixed_reg *fixed, size_t nf,
		     const struct tdesc_reg *r, struct arch_reg *out,
		     char **err);
/* For placing functions: 0 if register R was placed (BITS, the size
   the backend expects, is not 0) with its size, else -1 with *ERR
   saying so, for backend WHO.  */
int tdesc_placed(const char *who, const struct tdesc_reg *r, int bits,
		 char **err);

/* The descriptions of a backend whose descriptions depend only on
   feature bits: each built once by BUILD (which sets the regsets and
   calls tdesc_build) and kept for the life of the program, as the
   server holds the pointers; a failure is kept too.  Single-threaded.
   Returns the description for FEATURES, or NULL with *ERR.  */
struct tdesc_cache_entry;
typedef int (*tdesc_build_fn)(struct arch_tdesc *td, uint64_t features,
			      char **err);
const struct arch_tdesc *tdesc_cached(struct tdesc_cache_entry **cache,
				      uint64_t features, tdesc_build_fn build,
				      const char **err);
/* Free what tdesc_build allocated in TD.  */
void tdesc_build_free(struct arch_tdesc *td);

#endif

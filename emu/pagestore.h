/*
 * The debugger's snapshots hold RAM here: a two-level table of
 * reference-counted page copies.  A table shares every page and every
 * leaf of LEAF_PAGES pages that did not change since the one before it,
 * so a snapshot costs the pages the guest wrote in between, not the RAM
 * size.  A NULL page is a zero page.
 */
#ifndef EMU_PAGESTORE_H
#define EMU_PAGESTORE_H

#include <stddef.h>
#include <stdint.h>

#define LEAF_PAGES	512u

struct machine;
struct ramtab;

struct pagestore {
	struct machine	*m;		/* whose RAM */
	uint32_t	 nleaves;
	size_t		 bytes;		/* of every table, leaf and page */
	/*
	 * RAM as the table base holds it, but for the pages written since
	 * (m->written, and m->dirty not yet hashed).
	 */
	struct ramtab	*base;
};

/* A store for m's RAM, holding nothing. */
void		 pagestore_init(struct pagestore *ps, struct machine *m);
/*
 * A table of RAM now: the base's, with the pages written since copied
 * (changed: bit per page; all, with no base).  The machine is hashed,
 * so m->nonzero is exact and zero pages are not copied.  New (one
 * reference), or NULL: out of memory.
 */
struct ramtab	*pagestore_take(struct pagestore *ps, const uint64_t *changed);
/* Drop a reference to t, and what only it held; accepts NULL. */
void		 pagestore_put(struct pagestore *ps, struct ramtab *t);
/* The table t becomes the base: RAM matches it from now on. */
void		 pagestore_base(struct pagestore *ps, struct ramtab *t);
/*
 * No base: RAM no longer matches a table (a keyframe of the log is
 * loaded next), and the next table copies every page.
 */
void		 pagestore_drop_base(struct pagestore *ps);
/*
 * Put RAM as table t has it: the pages where t and the base differ, and
 * those written since the base, are copied back and marked dirty.  With
 * no base (RAM came from a keyframe of the log), every page that is not
 * known to be zero on both sides.
 */
void		 pagestore_restore(struct pagestore *ps, const struct ramtab *t);

#endif /* EMU_PAGESTORE_H */

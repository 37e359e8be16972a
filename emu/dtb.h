/*
 * The device tree the machine boots with: built with libfdt from the
 * machine's own constants, placed where QEMU 7.2's virt places its tree
 * with -bios none -kernel, and handed to the hart in a1.
 */
#ifndef EMU_DTB_H
#define EMU_DTB_H

#include <stddef.h>
#include <stdint.h>

struct machine;

/*
 * Revisions of the tree (formats/rrlog.md, "Device tree revisions").  A
 * log's header pins its tree by hash, so a tree once recorded never
 * changes: a change is a new revision, new runs boot with the latest,
 * and a replay takes the revision whose hash its log names.
 *   1  the machine before S, U and Sv32: no mmu-type, the PLIC's
 *      context 0 only (and what logs without a tree hash replay with);
 *   2  mmu-type "riscv,sv32", the PLIC's contexts 0 (MEIP) and 1 (SEIP).
 */
#define DTB_REV_M	1u
#define DTB_REV_SU	2u
#define DTB_REV_LATEST	DTB_REV_SU

/* Room the tree needs; dtb_build fails if it ever outgrows it. */
#define DTB_MAX		4096u
/* QEMU aligns the tree's address down to 2 MiB ... */
#define DTB_ALIGN	(2u << 20)
/* ... below the end of RAM or 3 GiB, whichever is lower. */
#define DTB_LIMIT	0xc0000000u

/*
 * Build the tree of machine m into buf (cap bytes): its size, or 0 if
 * it does not fit.  A function of the machine's configuration only (RAM
 * size, tree revision m->dtb_rev), never of its state.
 */
size_t		 dtb_build(const struct machine *m, void *buf, size_t cap);
/*
 * Where a tree of len bytes goes: QEMU's place (the end of RAM, or 3 GiB,
 * less len, aligned down to 2 MiB) when that is clear of the image the
 * machine loaded (m->image_end); else the highest 8-byte aligned place
 * above the image, if the tree fits there.  0 if it does not fit.
 */
uint32_t	 dtb_place(const struct machine *m, size_t len);
/* XXH64 of the tree of m, for the log header (0 if it cannot be built). */
uint64_t	 dtb_hash(const struct machine *m);
/*
 * The revision whose tree, on a machine configured as m, has XXH64
 * hash: DTB_REV_M for 0 (a header that names no tree), 0 if no revision
 * has it.
 */
uint32_t	 dtb_rev_of(const struct machine *m, uint64_t hash);

#endif /* EMU_DTB_H */

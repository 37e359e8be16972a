/*
 * The device table: one row per memory-mapped device.  The bus routes
 * MMIO by it (bus.c), machine_reset resets by it, snapshots save one
 * section per row in row order and load each by its name (snapshot.c),
 * the state hash takes one part per row (hash.c), and the header's
 * device list is made from it.
 *
 * To add a device "foo":
 *   1. emu/foo.h and emu/foo.c: struct foo, FOO_BASE, FOO_SIZE,
 *      foo_read and foo_write (register access), foo_reset, foo_save and
 *      foo_load (its snapshot section), foo_hash (its checkpoint part);
 *   2. a struct foo member in struct machine (machine.h includes foo.h);
 *   3. a part id RR_PART_FOO in lib/rr.h and formats/rrlog.md, named in
 *      rr_part_name (the format owns part ids, not the emulator);
 *   4. in devices.c, a STATE_OPS(foo, member) line and a row at the end
 *      of the table: row order is snapshot section order, so existing
 *      rows keep their places;
 *   5. an interrupt: its PLIC source in .irq and foo_irq_line as
 *      .irq_level (and the source in the device tree, dtb.c); host
 *      input: RR_DEV_FOO and its RR_BH_* kinds in lib/rr.h (and in
 *      formats/rrlog.md), foo_bh as .bh, and .input_kind and
 *      .input_room for the device that takes the console's input.
 *      The run loop (machine.c) and the gate (gate.c) reach devices
 *      only through these: neither is edited for a new device.
 * Saving and hashing use the device kit (devkit.h), nothing of the
 * machine's own snapshot and hash code.
 * The header's device list changes with the table, so logs and
 * snapshots of the machine without the device are refused by it.
 */
#ifndef EMU_DEVICES_H
#define EMU_DEVICES_H

#include <stddef.h>
#include <stdint.h>

struct machine;
struct rr_snap;

/* Access widths a device takes (the values are the sizes in bytes). */
#define DEV_BYTE	1u
#define DEV_HALF	2u
#define DEV_WORD	4u
#define DEV_ALIGNED	8u	/* naturally aligned accesses only */

struct device {
	const char	*name;		/* its snapshot section */
	const char	*model;		/* in the device list */
	/*
	 * The window as QEMU 7.2's virt maps it (probed with a guest that
	 * loads past each end): an access beyond it is an access fault.
	 */
	uint32_t	 base;
	uint32_t	 size;
	uint32_t	 access;	/* DEV_* widths, DEV_ALIGNED */
	uint32_t	 part;		/* RR_PART_* checkpoint part id */

	/*
	 * Register access at offset off from base; 0, or -1 for an access
	 * fault.  Writes are masked to the access width.  read NULL: the
	 * device is write-only and reads as 0, with no effect.
	 */
	int		(*read)(struct machine *m, uint32_t off,
			    uint32_t *val);
	int		(*write)(struct machine *m, uint32_t off,
			    uint32_t val);
	/* Power-on state. */
	void		(*reset)(struct machine *m);
	/* Save into a section the caller has begun. */
	int		(*save)(const struct machine *m, struct rr_snap *s);
	/*
	 * Load from section sec into this device's state in m, and only
	 * there, only when all of it is good; err names the bad field.
	 */
	int		(*load)(struct machine *m, const struct rr_snap *s,
			    size_t sec, char *err, size_t errlen);
	/* Copy this device's state from a machine it was loaded into. */
	void		(*commit)(struct machine *m,
			    const struct machine *from);
	/* The checkpoint part's hash, seeded with part. */
	uint64_t	(*hash)(const struct machine *m);

	/*
	 * An interrupt: the PLIC source the device drives (0: none) and
	 * the level of its line now.  machine_update_irqs sets every line
	 * from these at each instruction boundary.
	 */
	uint32_t	 irq;
	int		(*irq_level)(const struct machine *m);
	/*
	 * Host input, which enters only as bottom halves through the gate:
	 * the device id they name (RR_DEV_* in lib/rr.h; 0: takes none) and
	 * delivery of one of kind (0; 1: not a kind it takes; -1 with
	 * m->err).  The row with an input_kind (RR_BH_*) gets the host's
	 * console input as bottom halves of that kind, at most input_room
	 * bytes at a time.
	 */
	uint32_t	 bh_dev;
	int		(*bh)(struct machine *m, uint32_t kind,
			    const uint8_t *data, size_t len);
	uint32_t	 input_kind;
	size_t		(*input_room)(const struct machine *m);
};

extern const struct device	devices[];
extern const size_t		ndevices;

/* The device whose window holds addr, or NULL. */
const struct device	*device_at(uint32_t addr);
/* The device whose bottom halves name device id dev (RR_DEV_*), or NULL. */
const struct device	*device_by_bh(uint32_t dev);
/* The device that takes the host's console input, or NULL. */
const struct device	*device_input(void);
/* Reset every device. */
void		 devices_reset(struct machine *m);
/*
 * The header's device list: "model@0xbase" by address, then the CSR
 * devices (MACHINE_CSR_DEVICES).
 */
void		 devices_describe(char *buf, size_t len);

#endif /* EMU_DEVICES_H */

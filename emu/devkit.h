/*
 * The device kit: what a device's snapshot section and checkpoint part
 * are made with.  Loading reads one section's fields, range-checked, with
 * errors that name the field; hashing serialises the device's state for
 * its part of the state hash.  Devices depend on this, not on the
 * machine-level snapshot and hash code (snapshot.c, hash.c).
 */
#ifndef EMU_DEVKIT_H
#define EMU_DEVKIT_H

#include <stddef.h>
#include <stdint.h>

/* ---- reading one snapshot section ---- */
struct rr_snap;

/*
 * A section being loaded.  Every error goes to err as "name: message",
 * so a loader names only the field.
 */
struct snap_in {
	const struct rr_snap	*s;
	size_t			 sec;		/* its index in s */
	const char		*name;		/* section name */
	char			*err;
	size_t			 errlen;
};

/* Format an error for the section into in->err. */
void		 snap_error(const struct snap_in *in, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* snap_error, as an expression that is -1: return SNAP_FAIL(...). */
#define SNAP_FAIL(in, ...)	(snap_error((in), __VA_ARGS__), -1)
/* Each returns 0, or -1 with in->err set; *v is set only on success. */
int		 snap_u64(const struct snap_in *in, const char *field,
		    uint64_t *v);
/* An optional field: absent, *v is 0. */
int		 snap_opt_u64(const struct snap_in *in, const char *field,
		    uint64_t *v);
/* Section sec of s has a field of this name. */
int		 snap_has(const struct rr_snap *s, size_t sec, const char *name);
/* Value at most max. */
int		 snap_u32(const struct snap_in *in, const char *field,
		    uint32_t *v, uint32_t max);
int		 snap_u8(const struct snap_in *in, const char *field,
		    uint8_t *v, uint8_t max);
/* No bits set outside mask. */
int		 snap_bits(const struct snap_in *in, const char *field,
		    uint32_t *v, uint32_t mask);

/* ---- one part of the state hash ---- */
/*
 * A part is rr_hash64, seeded with its part id, over a canonical
 * little-endian serialisation of exactly the state a snapshot restores,
 * so a loaded machine hashes as the saved one did.
 */
struct hash_buf {
	uint8_t		 b[512];
	size_t		 n;
};

void		 hash_put8(struct hash_buf *h, uint8_t v);
void		 hash_put32(struct hash_buf *h, uint32_t v);
void		 hash_put64(struct hash_buf *h, uint64_t v);
/* The part's hash: over the bytes put so far, seeded with id. */
uint64_t	 hash_done(const struct hash_buf *h, uint32_t id);

#endif /* EMU_DEVKIT_H */

/* librr: snapshot files (formats/rrsnap.md), public API. */
#ifndef RRSNAP_H
#define RRSNAP_H

#include "rr.h"

/*
 * Results are borrowed from the snapshot (valid until rr_snap_free)
 * unless a comment says new (caller frees).
 */

#define RR_SNAP_MAJOR		1
#define RR_SNAP_MINOR		0
#define RR_SNAP_SECTIONS_MAX	256u
#define RR_SNAP_FIELDS_MAX	1024u	/* per section */
#define RR_SNAP_NAME_MAX	63u	/* section and field names */
#define RR_SNAP_PAGE		4096u

/* Field types (formats/rrsnap.md, "Fields"). */
enum rr_snap_type {
	RR_SNAP_U64 = 1,	/* unsigned integer (u8..u64 all stored so) */
	RR_SNAP_I64 = 2,	/* signed integer */
	RR_SNAP_BYTES = 3,	/* opaque bytes */
	RR_SNAP_STRING = 4,	/* UTF-8 text */
	RR_SNAP_U32S = 5,	/* array of u32 (registers) */
	RR_SNAP_U64S = 6,	/* array of u64 */
	RR_SNAP_PAGES = 7	/* memory: zero pages elided, compressed */
};
const char	*rr_snap_type_name(int type);
/*
 * The name an element of an array field goes by, in every view: the
 * ABI name of an integer register (cpu.x[10] is "a0"), or NULL for an
 * element with none (shown as section.field[index]).  Static.
 */
const char	*rr_snap_element_name(const char *section, const char *field,
		    uint64_t index);

/* What a snapshot is of. */
struct rr_snap_meta {
	struct rr_header hdr;	/* machine configuration, recording id */
	uint64_t	 icount;
	uint64_t	 state_hash;
};

/* One field, borrowed from its snapshot. */
struct rr_snap_field {
	const char	*name;
	int		 type;
	uint64_t	 u;		/* U64; I64 as two's complement */
	const uint8_t	*data;		/* BYTES, STRING, U32S, U64S: the
					   little-endian encoded values;
					   PAGES: the compressed stream */
	size_t		 len;		/* bytes of data; U32S/U64S: bytes */
	uint64_t	 count;		/* elements (U32S/U64S); PAGES: size
					   of the memory in bytes */
	uint64_t	 offset;	/* in the file, for messages;
					   RR_NO_OFFSET when built */
	uint64_t	 npages;	/* PAGES: non-zero pages */
};

struct rr_snap;

/* ---- Building ---- */

/*
 * A new empty snapshot; caller frees with rr_snap_free.  m may be NULL
 * (rr_header_init defaults).  m->hdr.block_size 0 becomes the default;
 * a header the reader would refuse (block_size out of range, clock_shift
 * over 32) gives RR_FAILED.  hdr.major/minor are ignored: 1.0 is written.
 *
 * The builders below return RR_OK, RR_FAILED (bad name, duplicate name,
 * no section begun, over a limit: nothing added) or RR_FATAL (out of
 * memory); the message is in rr_snap_error(s).
 */
int		 rr_snap_new(struct rr_snap **sp, const struct rr_snap_meta *m);
/*
 * Start a section; the fields that follow belong to it.  Names are
 * 1..63 visible ASCII bytes, unique in the snapshot (fields: unique in
 * their section).
 */
int		 rr_snap_begin(struct rr_snap *s, const char *section);
int		 rr_snap_put_u64(struct rr_snap *s, const char *name,
		    uint64_t v);
int		 rr_snap_put_i64(struct rr_snap *s, const char *name,
		    int64_t v);
int		 rr_snap_put_bytes(struct rr_snap *s, const char *name,
		    const void *p, size_t n);
int		 rr_snap_put_string(struct rr_snap *s, const char *name,
		    const char *str);
int		 rr_snap_put_u32s(struct rr_snap *s, const char *name,
		    const uint32_t *v, size_t n);
int		 rr_snap_put_u64s(struct rr_snap *s, const char *name,
		    const uint64_t *v, size_t n);
/* Memory of size bytes (a multiple of RR_SNAP_PAGE, at most 4 GiB). */
int		 rr_snap_put_pages(struct rr_snap *s, const char *name,
		    const uint8_t *mem, size_t size);
/*
 * Copy a field as rr_snap_field returned it (from another snapshot)
 * into the current section; PAGES keep their compressed stream, so a
 * copied snapshot encodes to the same bytes.
 */
int		 rr_snap_put_field(struct rr_snap *s,
		    const struct rr_snap_field *f);
/*
 * The same, for a caller (emu/snapshot.c) that knows which
 * pages may hold data: a page whose bit in maybe (bit i % 64 of
 * maybe[i / 64]) is clear is taken as zero without being read.  The
 * encoding is the one rr_snap_put_pages gives when those pages are
 * indeed zero.
 */
int		 rr_snap_put_pages_map(struct rr_snap *s, const char *name,
		    const uint8_t *mem, size_t size, const uint64_t *maybe);
/* Serialise: *out is new (caller frees with free()). */
int		 rr_snap_encode(struct rr_snap *s, uint8_t **out, size_t *len);
/*
 * Write to path by rr_output_open's rule ("-": stdout; a file through a
 * temporary file and a rename; a device directly), never over one of
 * in[0..nin).
 */
int		 rr_snap_write(struct rr_snap *s, const char *path,
		    const struct rr_fileid *in, size_t nin, struct rr_error *err);

/* ---- Reading ---- */

/*
 * Parse and check a snapshot image (the buffer is copied).  RR_OK, or
 * RR_FATAL with *sp NULL and err filled: kind, byte offset, and a message
 * naming the section and field.  PAGES streams are checked against their
 * counts here but only decompressed by rr_snap_get_pages.  On reading,
 * meta.hdr.major/minor hold the snapshot's format version.
 */
int		 rr_snap_decode(struct rr_snap **sp, const uint8_t *buf,
		    size_t len, struct rr_error *err);
/*
 * The same without the copy: buf is borrowed and must stay unchanged
 * until *sp is freed (a keyframe in a reader's buffer, looked at once).
 */
int		 rr_snap_decode_borrowed(struct rr_snap **sp,
		    const uint8_t *buf, size_t len, struct rr_error *err);
/* Read a file ("-": stdin) and decode it. */
int		 rr_snap_read(struct rr_snap **sp, const char *path,
		    struct rr_error *err);
/*
 * Read the rest of fd to its end and decode it, the first plen bytes
 * being those in prefix (already read from fd, to probe it; plen may be
 * 0).  fd is not closed.
 */
int		 rr_snap_read_fd(struct rr_snap **sp, int fd,
		    const void *prefix, size_t plen, struct rr_error *err);
void		 rr_snap_free(struct rr_snap *s);	/* accepts NULL */
const struct rr_snap_meta *rr_snap_meta(const struct rr_snap *s);
/* The last builder/encoder error (borrowed). */
const struct rr_error *rr_snap_error(const struct rr_snap *s);
/* Fields of unknown type skipped while decoding a newer minor. */
uint64_t	 rr_snap_skipped(const struct rr_snap *s);

/* Sections in file order; index from 0. */
size_t		 rr_snap_nsections(const struct rr_snap *s);
const char	*rr_snap_section_name(const struct rr_snap *s, size_t i);
/* Index of a section by name, or -1. */
long		 rr_snap_find(const struct rr_snap *s, const char *section);
size_t		 rr_snap_nfields(const struct rr_snap *s, size_t sec);
int		 rr_snap_field(const struct rr_snap *s, size_t sec, size_t i,
		    struct rr_snap_field *f);

/*
 * Typed lookups in section sec.  RR_OK, or RR_FAILED with the message
 * in err when the field is missing or of another type or size.
 */
int		 rr_snap_get_u64(const struct rr_snap *s, size_t sec,
		    const char *name, uint64_t *v, struct rr_error *err);
int		 rr_snap_get_i64(const struct rr_snap *s, size_t sec,
		    const char *name, int64_t *v, struct rr_error *err);
/* Borrowed pointer; BYTES or STRING (not NUL-terminated). */
int		 rr_snap_get_bytes(const struct rr_snap *s, size_t sec,
		    const char *name, const uint8_t **p, size_t *n,
		    struct rr_error *err);
/* A STRING copied into buf with a NUL (RR_FAILED: no room). */
int		 rr_snap_get_string(const struct rr_snap *s, size_t sec,
		    const char *name, char *buf, size_t size,
		    struct rr_error *err);
/* Exactly n elements expected. */
int		 rr_snap_get_u32s(const struct rr_snap *s, size_t sec,
		    const char *name, uint32_t *v, size_t n,
		    struct rr_error *err);
int		 rr_snap_get_u64s(const struct rr_snap *s, size_t sec,
		    const char *name, uint64_t *v, size_t n,
		    struct rr_error *err);
/*
 * Decompress into mem of exactly size bytes (zero pages zeroed).  A bad
 * stream is RR_FAILED with kind RR_E_CORRUPT; mem is then undefined.
 */
int		 rr_snap_get_pages(const struct rr_snap *s, size_t sec,
		    const char *name, uint8_t *mem, size_t size,
		    struct rr_error *err);
/*
 * The same, for emu/snapshot.c, but only the stored (non-zero)
 * pages are written to mem; stored gets a bit per page (size /
 * RR_SNAP_PAGE bits, caller's array) set for those.  Pages whose bit is
 * clear are left as they were: the caller zeroes them where it cannot
 * tell they are zero already.
 */
int		 rr_snap_get_pages_map(const struct rr_snap *s, size_t sec,
		    const char *name, uint8_t *mem, size_t size,
		    uint64_t *stored, struct rr_error *err);

#endif /* RRSNAP_H */

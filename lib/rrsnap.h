/* librr: snapshot files (formats/rrsnap.md), public API. */
#ifndef RRSNAP_H
#define RRSNAP_H

#include "rr.h"

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
	uint64_t	 offset;	/* in the file, for messages */
};

struct rr_snap;

/* ---- Building ---- */

/* A new empty snapshot; caller frees with rr_snap_free. */
int		 rr_snap_new(struct rr_snap **sp, const struct rr_snap_meta *m);
/* Start a section; the fields that follow belong to it. */
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
/* Memory of size bytes (a multiple of RR_SNAP_PAGE). */
int		 rr_snap_put_pages(struct rr_snap *s, const char *name,
		    const uint8_t *mem, size_t size);
/* Serialise: *out is new (caller frees with free()). */
int		 rr_snap_encode(struct rr_snap *s, uint8_t **out, size_t *len);
/* Write to path through a temporary file and rename ("-": stdout). */
int		 rr_snap_write(struct rr_snap *s, const char *path,
		    struct rr_error *err);

/* ---- Reading ---- */

/* Parse and check a snapshot image (the buffer is copied). */
int		 rr_snap_decode(struct rr_snap **sp, const uint8_t *buf,
		    size_t len, struct rr_error *err);
/* Read a file ("-": stdin) and decode it. */
int		 rr_snap_read(struct rr_snap **sp, const char *path,
		    struct rr_error *err);
void		 rr_snap_free(struct rr_snap *s);	/* accepts NULL */
const struct rr_snap_meta *rr_snap_meta(const struct rr_snap *s);

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
/* Borrowed pointer. */
int		 rr_snap_get_bytes(const struct rr_snap *s, size_t sec,
		    const char *name, const uint8_t **p, size_t *n,
		    struct rr_error *err);
/* Exactly n elements expected. */
int		 rr_snap_get_u32s(const struct rr_snap *s, size_t sec,
		    const char *name, uint32_t *v, size_t n,
		    struct rr_error *err);
int		 rr_snap_get_u64s(const struct rr_snap *s, size_t sec,
		    const char *name, uint64_t *v, size_t n,
		    struct rr_error *err);
/* Decompress into mem of exactly size bytes (zero pages zeroed). */
int		 rr_snap_get_pages(const struct rr_snap *s, size_t sec,
		    const char *name, uint8_t *mem, size_t size,
		    struct rr_error *err);

struct json_t	*rr_snap_json(const struct rr_snap *s);

#endif /* RRSNAP_H */

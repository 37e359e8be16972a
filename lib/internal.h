/* librr internals shared between lib/ files; not installed. */
#ifndef RR_INTERNAL_H
#define RR_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rr.h"

static inline uint16_t
rr_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t
rr_le32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);	/* little-endian hosts; see put below */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

static inline uint64_t
rr_le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline void
rr_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void
rr_put32(uint8_t *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void
rr_put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* rr_varint_put, inline for the writer's hot paths. */
static inline size_t
rr_vput(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

/* rr_varint_get with the one-byte case inline, for the event decoders. */
static inline size_t
rr_vget(const uint8_t *p, size_t n, uint64_t *v)
{
	if (n > 0 && p[0] < 0x80) {
		*v = p[0];
		return 1;
	}
	return rr_varint_get(p, n, v);
}

/* A checkpoint part id this version defines. */
int	 rr_part_known(uint32_t id);

void	 rr_seterr(struct rr_error *e, int kind, uint64_t offset,
	    uint64_t event, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	 rr_clearerr(struct rr_error *e);
/* An I/O error from errno: "what: strerror(errno)"; returns RR_FATAL. */
int	 rr_seterr_io(struct rr_error *e, const char *what);

/* Header TLV encode/decode (header.c), shared by logs and snapshots. */
struct rr_buf {
	uint8_t		*p;
	size_t		 len, cap;
	int		 oom;
};
int	 rr_buf_reserve(struct rr_buf *b, size_t more);
void	 rr_buf_put(struct rr_buf *b, const void *p, size_t n);
void	 rr_buf_varint(struct rr_buf *b, uint64_t v);
void	 rr_buf_free(struct rr_buf *b);
/* Append the header fields as TLVs. */
void	 rr_header_fields_put(struct rr_buf *b, const struct rr_header *h);
/*
 * Parse TLV fields from p[0..n) into h (unknown tags counted in
 * h->unknown_fields).  base is the file offset of p, for messages.
 */
int	 rr_header_fields_get(struct rr_header *h, const uint8_t *p, size_t n,
	    uint64_t base, struct rr_error *err);

/* JSON strings for hashes ("0x" + 16 digits); new refs (bytes: rrjson.h). */
struct json_t;
struct json_t	*rr_json_hex64(uint64_t v);

/*
 * Go on reading at the block at pos, whose header names seq, its first
 * event and its first icount, dropping its lead bytes: past damage that
 * the index does not cover (rrcut --salvage, lib/cut.c).  The reader
 * must be on a file.
 */
int	 rr_reader_resume(struct rr_reader *r, uint64_t pos, uint64_t seq,
	    uint64_t event, uint64_t icount);
/*
 * Seek to the first event of the first block that starts one at icount
 * ic or later: where a keyframe at ic is, if it begins its block (as
 * librr's writer makes it), without decoding the block before.
 */
int	 rr_reader_seek_block_icount(struct rr_reader *r, uint64_t ic);

/*
 * CRC32C by one path: slicing by 8, or the CPU's instruction (the same
 * as _sw where the CPU has none).  rr_crc32c picks the fastest.
 */
/*
 * The fields of the block header at h (BLK_HDR bytes) into b, which is
 * cleared first; the checksum is not checked.  The reader and the
 * verifier read block headers with it.
 */
void	 rr_block_parse(struct rr_block *b, const uint8_t *h, uint64_t off);
uint32_t rr_crc32c_sw(uint32_t crc, const void *p, size_t n);
uint32_t rr_crc32c_hw(uint32_t crc, const void *p, size_t n);
int	 rr_crc32c_hw_available(void);

#endif /* RR_INTERNAL_H */

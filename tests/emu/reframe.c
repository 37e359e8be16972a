/*
 * reframe: damage a log's content and make its framing right again, so
 * that only the checks of content can find it: one byte of a block's
 * decompressed events changed (the block recompressed), or one counting
 * field of a block header moved, or one byte of the file header's
 * fields changed; then every checksum, block size and trailer, and the
 * footer index are recomputed.  For tests/emu/damageprops.sh.
 * usage: reframe IN OUT SEED   prints what it changed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "../../lib/rr.h"
#include "../../lib/format.h"

#define MAXB	100000

static uint64_t rng;

static uint64_t
rnd(uint64_t n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (rng >> 33) % n : 0;
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void
put32(uint8_t *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "reframe: %s: cannot read\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

int
main(int argc, char **argv)
{
	static uint64_t boff[MAXB];
	uint8_t *in, *out, *h, *raw, *frame;
	size_t len, hlen, o, nb = 0, i, rawlen, clen, k;
	uint64_t off, footer = 0, nev = 0, lastic = 0;
	int mode, have_footer = 0;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: reframe in out seed\n");
		return 2;
	}
	rng = strtoull(argv[3], NULL, 10) * 2654435761u + 1;
	in = slurp(argv[1], &len);
	hlen = le32(in + 12);
	/* The blocks, and the footer's totals. */
	for (off = hlen; off + BLK_HDR <= len && nb < MAXB;) {
		if (memcmp(in + off, IDX_MAGIC, 4) == 0) {
			have_footer = 1;
			footer = off;
			o = off + IDX_HDR + le64(in + off + 8) * IDX_ENTRY;
			if (o + 16 <= len) {
				nev = le64(in + o);
				lastic = le64(in + o + 8);
			}
			break;
		}
		if (memcmp(in + off, BLK_MAGIC, 4) != 0)
			break;
		boff[nb++] = off;
		off += BLK_HDR + le32(in + off + BH_COMP) + BLK_TRAILER;
	}
	if (nb == 0) {
		fprintf(stderr, "reframe: %s: no blocks\n", argv[1]);
		return 2;
	}
	if ((out = malloc(len * 2 + 65536)) == NULL)
		return 2;
	memcpy(out, in, hlen);
	o = hlen;
	mode = (int)rnd(10);
	if (mode == 9) {
		/* A byte of the header's fields, its checksum made right. */
		k = 16 + rnd(hlen - 20);
		out[k] ^= (uint8_t)(1 + rnd(255));
		put32(out + hlen - 4, rr_crc32c(0, out, hlen - 4));
		printf("header byte %zu\n", k);
	}
	{
		size_t pick = rnd(nb);

		for (i = 0; i < nb; i++) {
			h = in + boff[i];
			clen = le32(h + BH_COMP);
			rawlen = le32(h + BH_RAW);
			memcpy(out + o, h, BLK_HDR);
			if (i == pick && mode < 6 && rawlen > 0) {
				/* One byte of the events, recompressed. */
				raw = malloc(rawlen);
				frame = malloc(ZSTD_compressBound(rawlen));
				if (raw == NULL || frame == NULL ||
				    ZSTD_decompress(raw, rawlen, h + BLK_HDR,
				    clen) != rawlen) {
					fprintf(stderr, "reframe: block %zu: "
					    "cannot decompress\n", i);
					return 2;
				}
				k = rnd(rawlen);
				raw[k] ^= (uint8_t)(1 + rnd(255));
				clen = ZSTD_compress(frame,
				    ZSTD_compressBound(rawlen), raw, rawlen, 3);
				memcpy(out + o + BLK_HDR, frame, clen);
				put32(out + o + BH_COMP, (uint32_t)clen);
				put32(out + o + BH_PAYLOAD_CRC, rr_crc32c(0,
				    frame, clen));
				printf("block %zu at %llu: event byte %zu\n", i,
				    (unsigned long long)boff[i], k);
				free(raw);
				free(frame);
			} else {
				memcpy(out + o + BLK_HDR, h + BLK_HDR, clen);
				if (i == pick && mode >= 6 && mode < 9) {
					static const int fld[] = { BH_SEQ,
					    BH_FIRST_EVENT, BH_COUNT, BH_LEAD,
					    BH_ICOUNT_FIRST, BH_ICOUNT_LAST };
					int fi = (int)rnd(6);
					int64_t d = rnd(2) ? 1 : -1;

					if (fld[fi] == BH_COUNT ||
					    fld[fi] == BH_LEAD)
						put32(out + o + fld[fi],
						    le32(h + fld[fi]) +
						    (uint32_t)d);
					else
						put64(out + o + fld[fi],
						    le64(h + fld[fi]) +
						    (uint64_t)d);
					printf("block %zu at %llu: header "
					    "field at %d %+d\n", i,
					    (unsigned long long)boff[i],
					    fld[fi], (int)d);
				}
			}
			put32(out + o + BH_HEADER_CRC, rr_crc32c(0, out + o,
			    BH_HEADER_CRC));
			boff[i] = o;	/* where it is in the output */
			o += BLK_HDR + clen;
			put32(out + o, (uint32_t)(BLK_HDR + clen +
			    BLK_TRAILER));
			o += BLK_TRAILER;
		}
	}
	if (have_footer) {
		/* The index of the blocks as they are now. */
		uint64_t at = o;

		memcpy(out + o, IDX_MAGIC, 4);
		put32(out + o + 4, IDX_ENTRY);
		put64(out + o + 8, nb);
		o += IDX_HDR;
		for (i = 0; i < nb; i++, o += IDX_ENTRY) {
			h = out + boff[i];
			put64(out + o + IE_OFFSET, boff[i]);
			put64(out + o + IE_FIRST_EVENT, le64(h + BH_FIRST_EVENT));
			put64(out + o + IE_ICOUNT_FIRST,
			    le64(h + BH_ICOUNT_FIRST));
			put64(out + o + IE_ICOUNT_LAST, le64(h + BH_ICOUNT_LAST));
			put32(out + o + IE_COUNT, le32(h + BH_COUNT));
			put32(out + o + IE_SIZE, (uint32_t)(BLK_HDR +
			    le32(h + BH_COMP) + BLK_TRAILER));
		}
		put64(out + o, nev);
		put64(out + o + 8, lastic);
		put32(out + o + 16, rr_crc32c(0, out + at, o + 16 - at));
		o += IDX_TAIL;
		put64(out + o, at);
		memcpy(out + o + 8, TRAILER_MAGIC, 8);
		o += TRAILER_LEN;
	}
	(void)footer;
	if ((f = fopen(argv[2], "wb")) == NULL || fwrite(out, 1, o, f) != o ||
	    fclose(f) != 0) {
		fprintf(stderr, "reframe: %s: cannot write\n", argv[2]);
		return 2;
	}
	free(in);
	free(out);
	return 0;
}

/* librr: byte layout of the log format (formats/rrlog.md); snapshot magic. */
#ifndef RR_FORMAT_H
#define RR_FORMAT_H

#include <stdint.h>

/* File header: magic, major, minor, size, TLV fields, CRC32C. */
#define LOG_MAGIC		"\x89RRL\r\n\x1a\n"
#define LOG_MAGIC_LEN		8
#define LOG_HEAD_FIXED		16	/* magic + major + minor + size */
#define LOG_HEAD_MIN		20	/* fixed part + CRC */

/* A snapshot file starts with its own magic (formats/rrsnap.md). */
#define SNAP_MAGIC		"\x89RRS\r\n\x1a\n"
#define SNAP_MAGIC_LEN		8

/* Block: 64-byte header, payload (one zstd frame), 4-byte trailer. */
#define BLK_MAGIC		"RRBK"
#define BLK_HDR			64
#define BLK_TRAILER		4
#define BLK_TYPE_EVENTS		1
enum {
	BH_MAGIC = 0, BH_TYPE = 4, BH_FLAGS = 5, BH_HSIZE = 6, BH_SEQ = 8,
	BH_FIRST_EVENT = 16, BH_COUNT = 24, BH_LEAD = 28,
	BH_ICOUNT_FIRST = 32, BH_ICOUNT_LAST = 40, BH_RAW = 48, BH_COMP = 52,
	BH_PAYLOAD_CRC = 56, BH_HEADER_CRC = 60
};

/* Footer index and trailer. */
#define IDX_MAGIC		"RRIX"
#define IDX_HDR			16	/* magic, entry size, count */
#define IDX_ENTRY		40
#define IDX_TAIL		20	/* events u64, last icount u64, crc */
#define TRAILER_MAGIC		"\x89RRX\r\n\x1a\n"
#define TRAILER_LEN		16	/* footer offset u64 + magic */
enum {
	IE_OFFSET = 0, IE_FIRST_EVENT = 8, IE_ICOUNT_FIRST = 16,
	IE_ICOUNT_LAST = 24, IE_COUNT = 32, IE_SIZE = 36
};

/* Largest zstd frame a block may hold (bound of RR_BLOCK_MAX). */
#define BLK_COMP_MAX		(RR_BLOCK_MAX + (RR_BLOCK_MAX >> 7) + 4096)
/* Most bytes an event header takes: kind + two varints. */
#define EV_HDR_MAX		21

#endif /* RR_FORMAT_H */

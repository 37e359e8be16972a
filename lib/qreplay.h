/* librr: QEMU's replay log reader (-icount rr=record); not installed yet. */
#ifndef RR_QREPLAY_H
#define RR_QREPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "rr.h"

/* Versions read (formats/qemu-replay.md, "Versions"). */
#define RR_Q_V0C		0xe0200cu	/* QEMU 7.1 on; 7.2 confirmed */
#define RR_Q_V0D		0xe0200du	/* audio-in without wpos */
#define RR_Q_HEADER_LEN		12u		/* dword version, qword zero */
/* Limits a reader enforces ("What the tools check"). */
#define RR_Q_ARRAY_MAX		(64u << 20)	/* one array's bytes */
#define RR_Q_AUDIO_MAX		(RR_Q_ARRAY_MAX / 16)	/* audio-in samples */

/*
 * Event kinds: the kind byte.  Ranges (async, shutdown, checkpoint) have
 * a first and a last value; struct rr_qevent gives the base in kind and
 * the offset from it in sub.  Adding a kind: the table in lib/qreplay.c,
 * its payload there, formats/qemu-replay.md, the tests' description
 * words (tests/unit/check_qreplay.c).
 */
enum rr_qkind {
	RR_Q_INSTRUCTION = 0,	/* n: instructions run since the last one */
	RR_Q_INTERRUPT = 1,
	RR_Q_EXCEPTION = 2,
	RR_Q_ASYNC = 3,		/* sub: async kind (RR_QA_*) */
	RR_Q_ASYNC_LAST = 9,
	RR_Q_SHUTDOWN = 10,	/* sub: QEMU's ShutdownCause */
	RR_Q_SHUTDOWN_LAST = 21,
	RR_Q_CHAR_WRITE = 22,	/* result, arg = offset */
	RR_Q_CHAR_READ_ALL = 23,	/* data */
	RR_Q_CHAR_READ_ALL_ERROR = 24,	/* result */
	RR_Q_AUDIO_OUT = 25,	/* n: samples played */
	RR_Q_AUDIO_IN = 26,	/* n samples, wpos (0xe0200c), data: pairs */
	RR_Q_RANDOM = 27,	/* result, data */
	RR_Q_CLOCK = 28,	/* sub: 0 host, 1 virtual-rt; value: ns */
	RR_Q_CLOCK_LAST = 29,
	RR_Q_CHECKPOINT = 30,	/* sub: QEMU's ReplayCheckpoint */
	RR_Q_CHECKPOINT_LAST = 38,
	RR_Q_END = 39
};
#define RR_Q_KIND_COUNT	40

/* Async kinds (sub of RR_Q_ASYNC). */
enum rr_qasync {
	RR_QA_BH = 0,		/* id */
	RR_QA_BH_ONESHOT = 1,	/* id */
	RR_QA_INPUT = 2,	/* input_type, code, down / axis, value */
	RR_QA_INPUT_SYNC = 3,
	RR_QA_CHAR_READ = 4,	/* index: chardev, data */
	RR_QA_BLOCK = 5,	/* id: request */
	RR_QA_NET = 6		/* index: filter, flags, data: packet */
};

/*
 * One event.  Borrowed from the reader: valid until the next call on it.
 * Fields a kind does not use are zero.
 */
struct rr_qevent {
	uint64_t	 number;	/* event number, from 0 */
	uint64_t	 offset;	/* file offset of its kind byte */
	uint64_t	 size;		/* bytes, kind byte included */
	uint64_t	 icount;	/* the icount the stream implies: after n
					   for an instruction event */
	uint8_t		 raw;		/* the kind byte */
	int		 kind;		/* the base of raw's range (rr_qkind) */
	unsigned	 sub;		/* raw - kind */
	const char	*name;		/* "clock-host", "checkpoint", ... */
	const char	*subname;	/* cause or checkpoint name, or NULL */
	uint64_t	 checkpoint;	/* async: the checkpoint event it follows,
					   or RR_NO_EVENT */
	uint64_t	 n;		/* instruction, audio counts */
	uint64_t	 id;		/* bh and block ids */
	int64_t		 value;		/* clock ns; input number or axis value */
	int32_t		 result;	/* char write, read-all error, random */
	int32_t		 arg;		/* char write offset */
	uint32_t	 index;		/* chardev or net filter index */
	uint32_t	 flags;		/* net */
	uint64_t	 wpos;		/* audio-in, 0xe0200c */
	uint32_t	 input_type;	/* 0 key, 1 btn, 2 rel, 3 abs */
	uint32_t	 key_kind;	/* key: 0 number (in value), 1 qcode */
	uint32_t	 code;		/* qcode, button, axis */
	uint32_t	 down;		/* key, btn */
	const uint8_t	*data;		/* array payload */
	size_t		 len;
	const uint8_t	*bytes;		/* the whole event as stored: size */
};

/* What the reader knows of the file so far. */
struct rr_qinfo {
	uint32_t	 version;	/* the word read, or the one assumed */
	int		 header_missing;	/* zero header: QEMU was killed */
	int		 ended;		/* EVENT_END read, nothing after it */
	uint64_t	 events;	/* whole events read */
	uint64_t	 icount;	/* the icount after them */
	uint64_t	 good_end;	/* offset after the last whole event */
	uint64_t	 kinds[RR_Q_KIND_COUNT];	/* events per kind byte */
};

struct rr_qreader;

/*
 * Open a QEMU replay log.  The version is checked here: an unknown one is
 * RR_E_UNSUPPORTED with the version in the message; a zero header (QEMU
 * killed before it wrote it) opens, with info.header_missing set and the
 * layout of 0xe0200c assumed.  On failure *err is filled and *rp NULL.
 */
int		 rr_qreader_open(struct rr_qreader **rp, const char *path,
		    struct rr_error *err);
/*
 * Same on fd (a file or a pipe; not closed by rr_qreader_close), of which
 * the first plen bytes were already read into prefix (to probe it).
 */
int		 rr_qreader_open_fd(struct rr_qreader **rp, int fd,
		    const void *prefix, size_t plen, struct rr_error *err);
/*
 * The next event: RR_OK with *ev set (borrowed); RR_EOF after EVENT_END
 * and the end of the file.  RR_FATAL when the stream stops: the file ends
 * inside an event or without EVENT_END (RR_E_TRUNCATED), a kind or an
 * input type is unknown, bytes follow EVENT_END or a length is over the
 * limits (RR_E_CORRUPT), a read fails (RR_E_IO).  The error, with the
 * event's offset and number, is on the handle; info.good_end says where
 * the whole events end.
 */
int		 rr_qreader_next(struct rr_qreader *r,
		    const struct rr_qevent **ev);
const struct rr_error *rr_qreader_error(const struct rr_qreader *r);
void		 rr_qreader_info(const struct rr_qreader *r,
		    struct rr_qinfo *info);
void		 rr_qreader_close(struct rr_qreader *r);	/* NULL ok */
/*
 * The side index: read the whole log once, from its start (nothing read
 * yet), keeping where every 65536th event starts and the state before
 * it; then back to the start.  *events and *icount are the log's whole
 * events and the icount after them (damage ends the count where it
 * ends the read; the damage is met again when read).  The file must be
 * one that can be read twice: a pipe is refused (RR_E_UNSUPPORTED).
 * Memory: 32 bytes a mark.
 */
int		 rr_qreader_index(struct rr_qreader *r, uint64_t *events,
		    uint64_t *icount);
/*
 * With the index: read on from the last mark at or before event number
 * and below icount, so that the next events read include the first
 * with both at or past them.  The per-kind counts of rr_qreader_info
 * start again from there.
 */
int		 rr_qreader_seek(struct rr_qreader *r, uint64_t number,
		    uint64_t icount);

/* Names: "clock-host", "host-signal", "init"; NULL when out of range. */
const char	*rr_qkind_name(unsigned raw);
int		 rr_qkind_from_name(const char *name);	/* raw; -1 if none */
const char	*rr_qshutdown_name(unsigned cause);
const char	*rr_qcheckpoint_name(unsigned checkpoint);

/*
 * If the first len bytes of a file are those of a QEMU replay log, fill
 * *err with RR_E_UNSUPPORTED and "a QEMU replay log (version ...): what"
 * and return 1; else 0.  For tools that cannot apply to one.
 */
int		 rr_qreplay_refuse(const void *head, size_t len,
		    const char *what, struct rr_error *err);
/*
 * Same for the file at path, after an rr reader could not open it (so
 * its first bytes are read again; "-" is not).
 */
int		 rr_qreplay_refuse_path(const char *path, const char *what,
		    struct rr_error *err);

#endif /* RR_QREPLAY_H */

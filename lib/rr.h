/* librr: the replay-log and snapshot container library (public API). */
#ifndef RR_H
#define RR_H

#include <stddef.h>
#include <stdint.h>

#define RR_LIB_VERSION		"0.1.0"
#define RR_LOG_MAJOR		1
#define RR_LOG_MINOR		4	/* 1.1: provenance; 1.2: gap markers;
					   1.3: device tree, semihosting;
					   1.4: pinned host inputs */

/*
 * Status codes.  Every function that can fail returns one of these.  The
 * negative ones are graded: RR_WARN means "this record was odd or skipped,
 * the handle goes on"; RR_FAILED means "this call failed, the handle is
 * still usable"; RR_FATAL means "the handle is dead, only close it".
 */
enum rr_status {
	RR_OK = 0,
	RR_EOF = 1,
	RR_WARN = -20,
	RR_FAILED = -25,
	RR_FATAL = -30
};

/* What went wrong, for verdicts and messages. */
enum rr_errkind {
	RR_E_NONE = 0,
	RR_E_IO,		/* read/write/open failed; errno kept */
	RR_E_NOMEM,
	RR_E_TRUNCATED,		/* data ends early */
	RR_E_CORRUPT,		/* checksum or structure wrong */
	RR_E_UNSUPPORTED,	/* newer major version, unknown compression */
	RR_E_LIMIT,		/* a size or count over the spec's limits */
	RR_E_INVAL		/* caller misuse: bad argument, out of range */
};

#define RR_NO_OFFSET	UINT64_MAX
#define RR_NO_EVENT	UINT64_MAX

/* Filled by open functions before a handle exists, and kept on handles. */
struct rr_error {
	int		 kind;		/* enum rr_errkind */
	int		 sys_errno;	/* errno for RR_E_IO, else 0 */
	uint64_t	 offset;	/* byte offset, or RR_NO_OFFSET */
	uint64_t	 event;		/* event number, or RR_NO_EVENT */
	char		 msg[256];	/* no prog/file prefix, no newline */
};

const char	*rr_errkind_name(int kind);	/* "truncated", ... */

/* Limits a reader enforces (formats/rrlog.md, "Limits"). */
#define RR_HEADER_MAX		65536u		/* file header bytes */
#define RR_BLOCK_MIN		256u		/* block_size option range */
#define RR_BLOCK_MAX		(16u << 20)	/* raw (decompressed) block */
#define RR_BLOCK_DEFAULT	(256u << 10)
#define RR_EVENT_MAX		(1u << 30)	/* one event's payload */
#define RR_PARTS_MAX		64u		/* checkpoint parts */
#define RR_STRING_MAX		256u		/* header strings */

/*
 * Event kinds (formats/rrlog.md, "Events").
 *
 * To add an event kind "foo":
 *   1. formats/rrlog.md: its number, payload and the minor version
 *      that brings it (older readers skip it as unknown);
 *   2. here: RR_EV_FOO in enum rr_kind, RR_EV_KIND_MAX, and the
 *      struct rr_event fields its payload fills;
 *   3. lib/event.c: its name in kind_names; lib/event.h: its payload
 *      in rr_event_decode (the reader and the verifier both decode
 *      with it);
 *   4. lib/writer.c: rr_writer_foo, and the copy of its payload in
 *      rr_writer_event;
 *   5. lib/verify.c, check_payload: what the verifier checks of the
 *      decoded event beyond its decoding;
 *   6. lib/json.c (rr_event_json) and cmd/text.c, cmd/jsonl.c: how
 *      rrdump shows it;
 *   7. lib/diff.c: whether it is an input (a cause) or behaviour;
 *   8. emu/gate.c: where the machine records and replays it;
 *   9. tests/data: a good- and a bad- file of it (tests/data/README),
 *      and a fuzz corpus entry for the reader.
 */
enum rr_kind {
	RR_EV_CLOCK = 1,	/* host clock read: value = ns */
	RR_EV_ENTROPY = 2,	/* entropy read: value = seed CSR value */
	RR_EV_BH = 3,		/* bottom half: device, subkind, data */
	RR_EV_OUTPUT = 4,	/* guest output: device, data */
	RR_EV_CHECKPOINT = 5,	/* value = state hash, parts[] */
	RR_EV_KEYFRAME = 6,	/* data = snapshot image (rrsnap) */
	RR_EV_MARK = 7,		/* data = UTF-8 text */
	RR_EV_END = 8,		/* status, subkind = reason, data = text */
	RR_EV_GAP = 9,		/* 1.2: events missing; resume_*, subkind =
				   flags (RR_ORIGIN_*) */
	RR_EV_SEMIHOST = 10	/* 1.3: a semihosting call's host answer:
				   subkind = operation, status = result,
				   value = errno, data = bytes given */
};
#define RR_EV_KIND_MAX	10

const char	*rr_kind_name(uint32_t kind);	/* NULL if unknown */
int		 rr_kind_from_name(const char *name);	/* -1 if unknown */

/*
 * Devices that bottom halves and output events name, and the kinds of
 * bottom half each takes: the format owns them, not the emulator.
 */
#define RR_DEV_UART		1u
#define RR_DEV_SEMIHOST		2u	/* output: semihosting's console */
#define RR_BH_UART_RX		1u	/* payload: received bytes */

/* END reasons. */
enum rr_end_reason {
	RR_END_EXIT = 0,	/* guest wrote the test finisher */
	RR_END_LIMIT = 1,	/* instruction limit reached */
	RR_END_STOPPED = 2,	/* stopped on request */
	RR_END_ERROR = 3,	/* emulator error (text says what) */
	RR_END_CUT = 4		/* a piece cut out of a longer log */
};
const char	*rr_end_reason_name(uint32_t reason);

/* Checkpoint part ids: which part of the state a hash covers. */
#define RR_PART_CPU		1u
#define RR_PART_CLINT		2u
#define RR_PART_UART		3u
#define RR_PART_RTC		4u
#define RR_PART_FINISHER	5u
#define RR_PART_PLIC		6u
#define RR_PART_TIME		7u	/* virtual clock, queued bottom halves */
#define RR_PART_RAM0		256u	/* + region index */
#define RR_PART_RAM_REGIONS	16u	/* RAM parts: regions of RAM */

struct rr_part {
	uint32_t	 id;
	uint64_t	 hash;
};
/* "cpu", "ram3", ...: written into buf, which is returned. */
const char	*rr_part_name(uint32_t id, char *buf, size_t len);

/*
 * One event.  Pointers are borrowed from the reader and stay valid until
 * the next call on it.
 */
struct rr_event {
	uint64_t	 number;	/* event number, from 0 */
	uint64_t	 icount;	/* instruction count */
	uint64_t	 offset;	/* file offset of the block it starts in */
	uint32_t	 kind;		/* enum rr_kind, or an unknown value */
	uint32_t	 device;	/* BH, OUTPUT */
	uint32_t	 subkind;	/* BH kind; END reason; SEMIHOST op */
	uint64_t	 value;		/* CLOCK ns; ENTROPY value; CHECKPOINT
					   hash; SEMIHOST errno */
	int64_t		 status;	/* END exit status; SEMIHOST result */
	const uint8_t	*data;		/* payload bytes (see kinds); unknown
					   kinds: the raw payload */
	size_t		 len;
	uint32_t	 nparts;
	struct rr_part	 parts[RR_PARTS_MAX];
	uint64_t	 resume_event;	/* GAP: the recording resumes at this
					   event of the original, */
	uint64_t	 resume_icount;	/* at this icount, with a keyframe */
	const uint8_t	*raw;		/* the whole payload as stored, or
					   NULL (an event not from a reader) */
	size_t		 raw_len;
};

/* The run a log (or snapshot) describes. */
struct rr_header {
	uint16_t	 major, minor;
	uint8_t		 recording_id[16];
	char		 machine[RR_STRING_MAX];	/* "rr-virt32" */
	char		 isa[RR_STRING_MAX];
	char		 devices[RR_STRING_MAX];
	char		 tool_version[RR_STRING_MAX];
	uint64_t	 ram_base;
	uint64_t	 ram_size;
	uint32_t	 clock_shift;
	uint64_t	 image_hash;		/* hash of the guest image */
	int64_t		 created;		/* unix seconds; metadata */
	uint64_t	 checkpoint_interval;	/* instructions, 0 = none */
	uint64_t	 keyframe_interval;	/* instructions, 0 = first only */
	uint32_t	 block_size;
	uint32_t	 unknown_fields;	/* reader: fields it skipped */
	/*
	 * Provenance (format 1.1): set in a log cut out of another one
	 * (rrcut), whose first event is origin_event of the original
	 * recording, at origin_icount.  A writer given has_origin writes
	 * minor version 1, else 1.0.
	 */
	int		 has_origin;
	uint64_t	 origin_event;
	uint64_t	 origin_icount;
	uint32_t	 origin_flags;		/* RR_ORIGIN_* */
	/*
	 * Gap markers (format 1.2): the number of GAP events in the log.
	 * A writer given gaps > 0 writes minor version 2.
	 */
	uint64_t	 gaps;
	/*
	 * Format 1.3: XXH64 of the device tree the machine boots with
	 * (0: none said), and whether semihosting is on.  A writer given
	 * either writes minor version 3.
	 */
	uint64_t	 dtb_hash;
	uint32_t	 semihosting;
	/*
	 * Format 1.4: where the host inputs came from (rremu record
	 * --rtc-base, --entropy-seed, --host-from).  clock_vm: the RTC and
	 * semihosting's clocks ran on virtual time from clock_base (ns
	 * since the Unix epoch); entropy_seeded: the seed CSR's values came
	 * from the seeded generator with entropy_seed; has_host_from:
	 * values were taken first from the log whose recording id is
	 * host_from, then from the sources above.  0: the host's.  A
	 * writer given any of them writes minor version 4.
	 */
	uint32_t	 clock_vm;
	uint64_t	 clock_base;
	uint32_t	 entropy_seeded;
	uint64_t	 entropy_seed;
	uint32_t	 has_host_from;
	uint8_t		 host_from[16];
};
/* The header says where a host input came from (format 1.4). */
#define RR_HEADER_PINNED(h) \
	((h)->clock_vm || (h)->entropy_seeded || (h)->has_host_from)
/* The first event (a keyframe) was made by rrcut --exact, not copied. */
#define RR_ORIGIN_EXACT		1u

/* A block as found on disk. */
struct rr_block {
	uint64_t	 offset;	/* of the block header */
	uint64_t	 size;		/* whole block: header+payload+trailer */
	uint64_t	 seq;
	uint32_t	 type;
	uint32_t	 flags;
	uint64_t	 first_event;	/* first event starting in the block */
	uint32_t	 count;		/* events starting in the block */
	uint32_t	 lead;		/* bytes continuing an earlier event */
	uint64_t	 icount_first;
	uint64_t	 icount_last;
	uint32_t	 raw_size;
	uint32_t	 comp_size;
	int		 header_ok;	/* header CRC matched */
	int		 payload_ok;	/* payload CRC matched */
};

/* Facts about a log as a whole, known after open (some after a scan). */
struct rr_info {
	uint64_t	 file_size;	/* 0 when not seekable */
	int		 seekable;
	int		 has_index;	/* footer index read and valid */
	int		 closed;	/* END seen and footer valid */
	int		 footer_reached;	/* the blocks read so far
					   ended at a footer, not at the
					   end of the data */
	uint64_t	 nblocks;	/* from the index; 0 if unknown */
	uint64_t	 nevents;	/* from the index; 0 if unknown */
};

/* Hashing: 64-bit, fast, seeded (formats/rrlog.md, "Hash"). */
uint64_t	 rr_hash64(const void *p, size_t n, uint64_t seed);
uint32_t	 rr_crc32c(uint32_t crc, const void *p, size_t n);

/* Varints (LEB128, at most 10 bytes).  Return bytes used, 0 on error. */
size_t		 rr_varint_put(uint8_t *p, uint64_t v);
size_t		 rr_varint_get(const uint8_t *p, size_t n, uint64_t *v);
/*
 * Text: the length of the UTF-8 character at p[0..n) when it is a valid
 * one (no overlong form, surrogate or code point past U+10FFFF), else 0.
 */
size_t		 rr_utf8_len(const uint8_t *p, size_t n);

static inline uint64_t
rr_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}
static inline int64_t
rr_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/*
 * What a file is, from its first bytes: RR_PROBE_LOG, RR_PROBE_SNAP,
 * RR_PROBE_QEMU (QEMU's replay log: a version word 0x00e020XX, or eight
 * zero bytes, the header a killed QEMU never wrote; lib/qreplay.h),
 * RR_PROBE_UNKNOWN (none of these), or RR_PROBE_MORE when fewer bytes
 * than needed were given (the two magics agree on their first three).
 * RR_PROBE_LEN bytes always suffice; a file cut inside its magic is
 * named by what it has, and its reader then says it is truncated.
 */
#define RR_PROBE_LEN	8
enum rr_probe_kind {
	RR_PROBE_UNKNOWN = 0,
	RR_PROBE_LOG = 1,
	RR_PROBE_SNAP = 2,
	RR_PROBE_MORE = 3,
	RR_PROBE_QEMU = 4
};
int		 rr_probe(const void *buf, size_t len);

/*
 * Outputs: one rule for every file a tool writes (rr(7), "Outputs").
 *
 * A file's identity is its device and inode: two names of one file (a
 * link, "./", an absolute path) are the same file.  rr_fileid_path
 * takes "-" as standard input; both return -1 (errno set) when the file
 * cannot be looked at.
 */
struct rr_fileid {
	uint64_t	 dev, ino;
};
int		 rr_fileid_path(const char *path, struct rr_fileid *id);
int		 rr_fileid_fd(int fd, struct rr_fileid *id);

/*
 * An output being written.  rr_output_open decides by what path names:
 *  - "-": standard output, written directly (not closed here);
 *  - a regular file or a new name: a temporary file in the same folder
 *    (".rr-tmp.XXXXXX"), synced and renamed over path by
 *    rr_output_commit, removed by rr_output_abort; with RR_OUT_INPLACE
 *    (a recording's journal) path itself, truncated and written;
 *  - a character device or FIFO: opened as it is, a Unix stream socket:
 *    connected to; either written directly (no output of this library
 *    needs to seek);
 *  - anything else (a folder, a block device): refused.
 * A path that is the same file as one of in[0..nin) is refused, and so
 * is a folder in which no file can be made, before anything is written.
 * RR_OK, or RR_FATAL with err filled (RR_E_UNSUPPORTED for a refusal,
 * RR_E_IO with errno); o is then clear and needs no abort.
 * rr_output_check makes the same checks without opening (for an output
 * written later, such as a snapshot at the end of a run).
 * rr_output_commit closes (a temporary file: syncs, closes and renames);
 * on failure the temporary file is removed.  rr_output_abort closes and
 * removes the temporary file; it accepts a cleared or finished o.
 */
#define RR_OUT_INPLACE	0x1
struct rr_output {
	int		 fd;		/* write here */
	int		 direct;	/* written at path (or stdout) itself */
	int		 own_fd;	/* fd is closed by commit or abort */
	char		*path;
	char		*tmp;		/* the temporary file, or NULL */
};
int		 rr_output_open(struct rr_output *o, const char *path,
		    unsigned flags, const struct rr_fileid *in, size_t nin,
		    struct rr_error *err);
int		 rr_output_check(const char *path, const struct rr_fileid *in,
		    size_t nin, struct rr_error *err);
int		 rr_output_commit(struct rr_output *o, struct rr_error *err);
void		 rr_output_abort(struct rr_output *o);
/*
 * Remove every temporary file an output still has open: for a handler
 * of SIGINT, SIGTERM or SIGHUP (async-signal-safe; it only unlinks).
 */
void		 rr_output_cleanup(void);
/* An output's name in messages: "stdout" for "-" (borrowed). */
const char	*rr_output_name(const char *path);

/* Header helpers. */
void		 rr_header_init(struct rr_header *h);	/* defaults */

/* ---- Writer ---- */

struct rr_writer;

struct rr_writer_options {
	uint32_t	 block_size;	/* raw bytes per block; 0 = default */
	int		 level;		/* zstd level; 0 = default */
	int		 journal;	/* write in place (see below) */
	int		 background;	/* compress and write in a second
					   thread, overlapping the caller */
	int		 keyframes_inside; /* do not begin a block at each
					   keyframe (logs as older writers
					   made them, for test corpora) */
	const struct rr_fileid *inputs;	/* never written over (see
					   rr_output_open) */
	size_t		 ninputs;
};

/*
 * Open a log for writing, by rr_output_open's rule: path "-" writes to
 * stdout, a device or FIFO is written directly; otherwise the log goes
 * to a temporary file beside path and is renamed over path by
 * rr_writer_close; with journal set it is written at path directly, so a
 * killed writer leaves every complete block readable there.  The header
 * written is h with the version and the options' block size.  On failure
 * *wp is NULL and err is filled.
 */
int		 rr_writer_open(struct rr_writer **wp, const char *path,
		    const struct rr_header *h,
		    const struct rr_writer_options *o, struct rr_error *err);
/* Same, on an open descriptor the caller owns (never closed here). */
int		 rr_writer_open_fd(struct rr_writer **wp, int fd,
		    const struct rr_header *h,
		    const struct rr_writer_options *o, struct rr_error *err);

/* Append events; icount must not go down (RR_FAILED, nothing written). */
int		 rr_writer_clock(struct rr_writer *w, uint64_t icount,
		    uint64_t ns);
int		 rr_writer_entropy(struct rr_writer *w, uint64_t icount,
		    uint32_t value);
int		 rr_writer_bh(struct rr_writer *w, uint64_t icount,
		    uint32_t device, uint32_t kind, const void *data, size_t len);
int		 rr_writer_output(struct rr_writer *w, uint64_t icount,
		    uint32_t device, const void *data, size_t len);
int		 rr_writer_checkpoint(struct rr_writer *w, uint64_t icount,
		    uint64_t hash, const struct rr_part *parts, uint32_t nparts);
int		 rr_writer_keyframe(struct rr_writer *w, uint64_t icount,
		    const void *data, size_t len);
int		 rr_writer_mark(struct rr_writer *w, uint64_t icount,
		    const char *text);
/*
 * A gap (1.2): the events from here to resume_event of the original are
 * missing; the next event is a keyframe at resume_icount.  flags as the
 * header's origin_flags, for that keyframe.  The header must count it.
 */
int		 rr_writer_gap(struct rr_writer *w, uint64_t icount,
		    uint64_t resume_event, uint64_t resume_icount,
		    uint32_t flags);
/*
 * A semihosting call's host answer (1.3): operation op, its result and
 * errno, and the bytes the guest was given (len may be 0).  The header
 * should say semihosting.
 */
int		 rr_writer_semihost(struct rr_writer *w, uint64_t icount,
		    uint32_t op, int64_t result, uint32_t err, const void *data,
		    size_t len);
/*
 * Append any event as a reader returned it: its stored payload is
 * copied as it is (fields a newer minor version appended survive),
 * except a clock value, which is coded against this log's blocks.
 * Without raw, the payload is encoded from the fields.  An END event is
 * refused: use close.
 */
int		 rr_writer_event(struct rr_writer *w, const struct rr_event *ev);
/* End the current block now and wait until it is written. */
int		 rr_writer_flush(struct rr_writer *w);
uint64_t	 rr_writer_events(const struct rr_writer *w);	/* so far */
uint64_t	 rr_writer_bytes(const struct rr_writer *w);	/* so far */
/*
 * Write END (at icount, or the last event's icount if lower), the footer
 * index, flush, and commit (rename).  Frees w whatever the result.
 */
int		 rr_writer_close(struct rr_writer *w, uint64_t icount,
		    int64_t status, uint32_t reason, const char *text,
		    struct rr_error *err);
/*
 * Drop the log: the temporary file is removed (a journal keeps what was
 * written, without END: a log that was not closed).  Accepts NULL.
 */
void		 rr_writer_abort(struct rr_writer *w);
const struct rr_error *rr_writer_error(const struct rr_writer *w);

/*
 * Block copying, for tools that edit logs (rrcut, rrmerge): blocks go
 * to the output as they are, with only their sequence number and first
 * event number rewritten (formats/rrlog.md, "Blocks").
 *
 * rr_writer_copy_block: hdr is a source block's 64-byte header (checked
 * by the caller, payload CRC included), frame its comp_size payload
 * bytes.  The current block must be empty: after rr_writer_flush, a
 * copied block, or rr_writer_event_head.  A block with lead bytes must
 * follow rr_writer_event_head or a copied block whose last event runs
 * on; the caller keeps that promise, the writer checks the numbers.
 */
int		 rr_writer_copy_block(struct rr_writer *w, const uint8_t *hdr,
		    const uint8_t *frame);
/*
 * Write event ev as a reader returned it (raw set), but only its header
 * and the first n < raw_len payload bytes, and end the block there: the
 * other bytes are the lead of the block copied next.  RR_FAILED, with
 * nothing written, when the stored payload cannot go on unchanged (a
 * clock value coded against another block): write ev whole instead.
 */
int		 rr_writer_event_head(struct rr_writer *w,
		    const struct rr_event *ev, size_t n);
/*
 * After a copied block whose last event runs on: append the n bytes
 * that continue it (the source's next block's lead).  icount is that
 * event's.  more: the event goes on past these bytes too.
 */
int		 rr_writer_event_tail(struct rr_writer *w, uint64_t icount,
		    const void *p, size_t n, int more);

/* ---- Reader ---- */

struct rr_reader;

/*
 * Open a log; path "-" reads stdin (then there is no index and no seeking
 * backwards).  The header is read and checked here.  On failure *rp is
 * NULL and err is filled.
 */
int		 rr_reader_open(struct rr_reader **rp, const char *path,
		    struct rr_error *err);
/* Same, on a descriptor the caller owns (never closed here). */
int		 rr_reader_open_fd(struct rr_reader **rp, int fd,
		    const char *name, struct rr_error *err);
/*
 * Same, when the first plen bytes of a pipe were already read (to probe
 * it, say): the reader takes them from prefix (copied) before reading
 * fd.  A seekable fd is read from offset 0, and prefix is not used.
 */
int		 rr_reader_open_prefix(struct rr_reader **rp, int fd,
		    const void *prefix, size_t plen, const char *name,
		    struct rr_error *err);
void		 rr_reader_close(struct rr_reader *r);	/* accepts NULL */
/*
 * Give back the memory a big event (a keyframe of all RAM) needed; the
 * last event's data is then no longer valid.  Reading goes on as before.
 */
void		 rr_reader_trim(struct rr_reader *r);
const struct rr_header *rr_reader_header(const struct rr_reader *r);
/* Borrowed. */
const struct rr_error *rr_reader_error(const struct rr_reader *r);
void		 rr_reader_info(struct rr_reader *r, struct rr_info *info);
/*
 * After END was read: NULL when a valid footer index follows it (the
 * log was closed cleanly), else what is wrong at the log's end, at the
 * offset where END's block ends: RR_E_TRUNCATED when the file ends
 * there, RR_E_CORRUPT when a footer there does not check or other bytes
 * follow.  The tools report it as rrverify does (exit 1).  Borrowed.
 */
const struct rr_error *rr_reader_end_error(struct rr_reader *r);
/*
 * Progress: cb(arg, offset, size) after each block is read, with the
 * offset reached and the file size (0 when not known, on a pipe).  NULL
 * turns it off.  The library never prints; a tool can.
 */
void		 rr_reader_set_progress(struct rr_reader *r,
		    void (*cb)(void *arg, uint64_t offset, uint64_t size),
		    void *arg);

/*
 * Next event.  RR_OK with *ev filled (pointers borrowed until the next
 * call), RR_EOF after END, or an error whose text and offset are on the
 * handle: RR_FATAL for truncation (data that ends without END is
 * truncated) or corruption; everything before it was returned.  Unknown
 * kinds come back as RR_OK with their raw payload; rr_kind_name() says
 * NULL.
 */
int		 rr_reader_next(struct rr_reader *r, struct rr_event *ev);

/*
 * Walk the blocks from the first, with their CRC status, without
 * decoding events.  A block whose header is damaged ends the walk with
 * RR_FATAL (offset on the handle).  Blocks and events share one
 * position: use one walk or the other after a seek/rewind.
 */
int		 rr_reader_next_block(struct rr_reader *r, struct rr_block *b);

/* Back to the first block. */
int		 rr_reader_rewind(struct rr_reader *r);
/*
 * Position so that the next event is the first with number >= n (or with
 * icount >= ic).  Uses the footer index; without one the index is built
 * by scanning once.  RR_EOF if there is no such event.
 */
int		 rr_reader_seek_event(struct rr_reader *r, uint64_t n);
int		 rr_reader_seek_icount(struct rr_reader *r, uint64_t ic);
/*
 * Number of events and last event's icount, from the index (built by
 * scanning if needed).  Used to resolve ranges counted from the end.
 */
int		 rr_reader_extent(struct rr_reader *r, uint64_t *nevents,
		    uint64_t *last_icount);

/* Where a keyframe may be: icount in [ic_lo, ic_hi], number in
   [ev_lo, ev_hi]. */
struct rr_key_bounds {
	uint64_t	 ic_lo, ic_hi;
	uint64_t	 ev_lo, ev_hi;
};
/*
 * Keyframe candidates tried at multiples of the header's keyframe
 * interval before the bounds are scanned in full.
 */
#define RR_KEY_TRIES	3
/*
 * The last keyframe within b: the place a replay resumes from, or a cut
 * starts at.  The recorder writes one at every multiple of the header's
 * keyframe interval, so the first one at the last RR_KEY_TRIES multiples
 * in b is taken; a log that has none there is read through b.  RR_OK
 * with *ev the keyframe (data borrowed until the next call) and the
 * reader at the event after it; RR_EOF if b holds none; an error.
 */
int		 rr_reader_last_keyframe(struct rr_reader *r,
		    const struct rr_key_bounds *b, struct rr_event *ev);

#endif /* RR_H */

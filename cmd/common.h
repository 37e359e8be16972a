/* Front-end helpers shared by the rr tools: messages, names, ranges, output. */
#ifndef CMD_COMMON_H
#define CMD_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"

#define CMD_VERSION	RR_LIB_VERSION

/* Exit status (rr(7)): a status only ever goes up. */
#define CMD_EXIT_OK	0	/* success */
#define CMD_EXIT_DATA	1	/* the data said no: invalid, different,
				   damaged input skipped */
#define CMD_EXIT_FAIL	2	/* trouble: usage, I/O, unsupported */

/* Set once from main(); used as the prefix of every message. */
extern const char *cmd_prog;

/*
 * Call first in main(): sets the program name, restores the default
 * SIGPIPE action, so `tool | head` ends quietly whatever the parent set,
 * and makes exit() flush what the cmd_put* functions buffered.
 */
void		 cmd_init(const char *prog);

/* Raise the exit status to st (never lowers it); returns the new one. */
int		 cmd_status(int st);
/*
 * Flush buffered output and stdout, check the close of stdout, and return
 * the final exit status (2 if stdout could not be written).  Call as
 * `return cmd_exit();` at the end of main().
 */
int		 cmd_exit(void);

/* `prog --version`: tool, library and format versions, on stdout. */
void		 cmd_version(void);

/*
 * A file name fit for a message: "-" is shown as "(stdin)", control
 * bytes (and DEL) as '?'.  Returned in one of 4 rotating static buffers.
 */
const char	*cmd_name(const char *file);
/* Mask control bytes of s into buf (always terminated); returns buf. */
char		*cmd_mask(char *buf, size_t size, const char *s);

/*
 * Messages on stderr: `prog: file: offset N: event N: message`.  file may
 * be NULL, offset RR_NO_OFFSET and event RR_NO_EVENT to leave a part out.
 * Buffered stdout is flushed first, so data and messages keep their order.
 */
void		 cmd_msg(const char *file, uint64_t offset, uint64_t event,
		    const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
void		 cmd_vmsg(const char *file, uint64_t offset, uint64_t event,
		    const char *fmt, va_list ap);
/* `prog: file: message: strerror(errno)`. */
void		 cmd_syserr(const char *file, int errnum, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* A library error with its offset, event and errno. */
void		 cmd_rrerr(const char *file, const struct rr_error *e);
/*
 * The exit status a library error calls for: 1 for damaged data
 * (truncated, corrupt, over a limit), 2 for trouble (I/O, memory,
 * unsupported version, misuse).
 */
int		 cmd_errstatus(const struct rr_error *e);

/* ---- Parsing arguments ---- */

/*
 * After getopt_long returned '?' or ':' (optstring must start with ':'):
 * say which option was wrong, as `prog: unknown option -x`.
 */
void		 cmd_badopt(int ch, char *const argv[]);

/* Decimal or 0x-prefixed hex, the whole string; 0 ok, -1 bad. */
int		 cmd_number(const char *s, uint64_t *v);

/*
 * A range (rr(7), "Ranges"): A, A-B, A-, -B; either end may be ~N, N
 * counted from the end (~1 is the last).  Ends are inclusive.
 */
struct cmd_range {
	int		 set;		/* given on the command line */
	uint64_t	 lo, hi;	/* hi UINT64_MAX when open */
	int		 lo_end, hi_end;/* lo/hi are ~N */
};
/* 0 ok; -1 with a message printed (the caller shows usage, exits 2). */
int		 cmd_range_parse(struct cmd_range *r, const char *opt,
		    const char *s);
/* Does the range count from the end (needs the extent)? */
int		 cmd_range_from_end(const struct cmd_range *r);
/*
 * Resolve against last, the last value there is (last event number or
 * last icount): *lo, *hi inclusive.  Returns -1 if the range is empty.
 */
int		 cmd_range_resolve(const struct cmd_range *r, uint64_t last,
		    uint64_t *lo, uint64_t *hi);

/*
 * A set of event kinds (rr(7), "Kinds"): a comma list of names, numbers,
 * `unknown-K`, `unknown` (every kind this build does not know); `^` before
 * an item removes it.  A list with only removals starts from all kinds.
 */
struct cmd_kinds {
	uint8_t		 bits[32];	/* kinds 0..255 */
	int		 other;		/* kinds above 255 */
};
int		 cmd_kinds_parse(struct cmd_kinds *k, const char *opt,
		    const char *s);
void		 cmd_kinds_all(struct cmd_kinds *k);
static inline int
cmd_kinds_has(const struct cmd_kinds *k, uint32_t kind)
{
	if (kind > 255)
		return k->other;
	return (k->bits[kind >> 3] >> (kind & 7)) & 1;
}

/* ---- Buffered standard output, formatted by hand for speed ---- */

#define CMD_OUT_SIZE	(1u << 16)
struct cmd_out {
	size_t		 len;
	int		 err;		/* errno of a failed write, or 0 */
	char		 buf[CMD_OUT_SIZE];
};
extern struct cmd_out cmd_out;

/* Write the buffer to stdout (fwrite); -1 on error (message printed). */
int		 cmd_flush(void);
/* Make room for n bytes (n <= CMD_OUT_SIZE); returns the write point. */
static inline char *
cmd_room(size_t n)
{
	if (CMD_OUT_SIZE - cmd_out.len < n)
		cmd_flush();
	return cmd_out.buf + cmd_out.len;
}
void		 cmd_put(const void *p, size_t n);
static inline void
cmd_putc(int c)
{
	cmd_room(1)[0] = (char)c;
	cmd_out.len++;
}
static inline void
cmd_puts(const char *s)
{
	cmd_put(s, strlen(s));
}
void		 cmd_putu(uint64_t v);
void		 cmd_puti(int64_t v);
/* Hex, zero-padded to digits (at most 16), no prefix. */
void		 cmd_putx(uint64_t v, int digits);
/*
 * Bytes as a C-like string literal with its quotes: printable ASCII as
 * is, \" \\ \n \r \t, other bytes \xHH; at most max bytes, then "...".
 */
void		 cmd_putq(const uint8_t *p, size_t n, size_t max);
/* A name masked of control bytes. */
void		 cmd_putname(const char *s);
void		 cmd_printf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* A jansson value as one compact line (JSON Lines); consumes no reference. */
struct json_t;
int		 cmd_putjson(const struct json_t *j);

/* ---- Output files: temporary file beside the target, then rename ---- */

struct cmd_outfile {
	char		*path;		/* target; NULL for stdout */
	char		*tmp;		/* temporary, NULL for stdout */
	int		 fd;
	FILE		*fp;
};
/*
 * Open an output: "-" is stdout; otherwise a temporary file in the same
 * directory.  Refuses (message printed, -1) a path that names one of the
 * inputs (same device and inode), so an output never replaces an input.
 */
int		 cmd_outfile_open(struct cmd_outfile *o, const char *path,
		    char *const *inputs, int ninputs);
/* Flush, fsync, close, rename over the target.  -1 (message) on error. */
int		 cmd_outfile_commit(struct cmd_outfile *o);
/* Remove the temporary file.  Safe after commit and on a zeroed struct. */
void		 cmd_outfile_abort(struct cmd_outfile *o);
/* 1 if path and any of inputs are the same file, else 0. */
int		 cmd_same_file(const char *path, char *const *inputs,
		    int ninputs);


/* ---- Text views shared by the tools: `key = value` lines ---- */

void		 cmd_kv_u(const char *key, uint64_t v);
void		 cmd_kv_x(const char *key, uint64_t v, int digits);
void		 cmd_kv_s(const char *key, const char *s);
/* The header fields, each key prefixed with pre ("" or "header."). */
void		 cmd_header_text(const char *pre, const struct rr_header *h);
/*
 * One event as rrdump prints it (rr(7), "Text"): number, icount, kind,
 * details; payloads quoted and cut after 64 bytes.
 */
void		 cmd_event_text(const struct rr_event *ev);
/*
 * One event as a JSON Lines record (rr(7), "JSON Lines"), by hand:
 * the same bytes cmd_putjson gives for rr_event_json() with "type"
 * first, at a fraction of the cost.
 */
void		 cmd_event_json(const struct rr_event *ev);
/* One block as `rrdump -b` prints it: seq offset= size= events= ... crc=. */
void		 cmd_block_text(const struct rr_block *b);
struct rr_snap;
struct rr_snap_field;
/* One snapshot field as `section.field = value` (memory summarised). */
void		 cmd_snap_field_text(const char *sec,
		    const struct rr_snap_field *f);
/* A whole snapshot: header, then meta, then every field. */
void		 cmd_snap_text(const struct rr_snap *s);

/* ---- Inputs: a log or a snapshot, told apart by the magic ---- */

struct cmd_input {
	struct rr_reader *log;		/* a log, or */
	struct rr_snap	*snap;		/* a snapshot */
	int		 fd;		/* ours to close, or -1 */
	long		 pid;		/* child feeding a pipe, or -1 */
};
/*
 * Open file ("-": stdin; pipes work too).  0 with in->log or in->snap
 * set; -1 after a message, with the exit status raised (1 for damaged
 * data, 2 for trouble).  Close with cmd_input_close in either case.
 */
int		 cmd_input_open(struct cmd_input *in, const char *file);
void		 cmd_input_close(struct cmd_input *in);

#endif /* CMD_COMMON_H */

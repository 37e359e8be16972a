/* Front-end buffered standard output, formatted by hand for speed. */
#ifndef CMD_OUT_H
#define CMD_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CMD_OUT_SIZE	(1u << 16)
struct cmd_out {
	size_t		 len;
	int		 err;		/* errno of a failed write, or 0 */
	char		 buf[CMD_OUT_SIZE];
};
extern struct cmd_out cmd_out;

/* Write the buffer to stdout (or -o's file); -1 on error (message printed). */
int		 cmd_flush(void);
/*
 * -o: what the tool writes goes to path by rr_output_open's rule (a
 * temporary file renamed at the end; "-" stays standard output), never
 * over one of the files named in inputs[0..n).  0, or -1 after a message
 * (status 2).  cmd_exit commits it when the exit status is below 2, and
 * removes it otherwise: the output is complete or absent.
 */
int		 cmd_out_file(const char *path, char *const *inputs, int n);
/* For cmd_exit: commit (ok) or drop -o's file; -1 if the commit failed. */
int		 cmd_out_finish(int ok);
/* Make room for n bytes (n <= CMD_OUT_SIZE); returns the write point. */
static inline char *
cmd_room(size_t n)
{
	if (CMD_OUT_SIZE - cmd_out.len < n)
		cmd_flush();
	return cmd_out.buf + cmd_out.len;
}
void		 cmd_put_slow(const void *p, size_t n);
static inline void
cmd_put(const void *p, size_t n)
{
	if (CMD_OUT_SIZE - cmd_out.len >= n) {
		memcpy(cmd_out.buf + cmd_out.len, p, n);
		cmd_out.len += n;
	} else
		cmd_put_slow(p, n);
}
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
/*
 * cmd_putu for a number that moves in small steps (an event number, an
 * icount, a clock): the last one's digits are kept, so the same number
 * is a copy, one more a carry, and a change in the low eight digits
 * formats only those.  A cache starts zeroed.
 */
struct cmd_numcache {
	uint64_t	 v;
	size_t		 len;		/* 0: nothing cached yet */
	char		 s[20];
};
/* c's digits made v's (the slow half of cmd_putu_near). */
void		 cmd_numcache_set(struct cmd_numcache *c, uint64_t v);
/*
 * cmd_putu_near into d, which has room for 20 bytes (cmd_room): for a
 * line made in one piece.  Returns the end of the digits.
 */
static inline char *
cmd_numcache_put(struct cmd_numcache *c, uint64_t v, char *d)
{
	if (c->len == 0 || v != c->v) {
		/* One more without a carry stays inline. */
		if (c->len != 0 && v == c->v + 1 && c->s[c->len - 1] != '9') {
			c->s[c->len - 1]++;
			c->v = v;
		} else
			cmd_numcache_set(c, v);
	}
	/* All of s, a fixed size the compiler copies inline; len counts. */
	memcpy(d, c->s, sizeof(c->s));
	return d + c->len;
}
static inline void
cmd_putu_near(struct cmd_numcache *c, uint64_t v)
{
	char *d = cmd_room(sizeof(c->s));

	cmd_out.len = (size_t)(cmd_numcache_put(c, v, d) - cmd_out.buf);
}
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
/*
 * s as one shell word, quoted where it needs to be (control bytes
 * masked as cmd_putname does), in buf; returns buf.
 */
const char	*cmd_shellword(char *buf, size_t len, const char *s);
void		 cmd_printf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* A jansson value as one compact line (JSON Lines); consumes no reference. */
struct json_t;
int		 cmd_putjson(const struct json_t *j);

#endif /* CMD_OUT_H */

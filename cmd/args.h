/* Front-end argument parsing: bad options, numbers, ranges, kind lists. */
#ifndef CMD_ARGS_H
#define CMD_ARGS_H

#include <stdint.h>

/*
 * After getopt_long returned '?' or ':' (optstring must start with ':'):
 * say which option was wrong, as `prog: unknown option -x`.
 */
void		 cmd_badopt(int ch, char *const argv[]);

/*
 * A count (rr(7), "Numbers"): decimal, with '_' between digits
 * (40_000_000), or 0x-prefixed hex; or a decimal with an optional
 * fraction and a suffix K, M, G or T, powers of 1000 (40M, 1.5G), that
 * comes out whole.  The whole string; 0 ok, -1 bad.
 */
int		 cmd_number(const char *s, uint64_t *v);
/* The same for a size in bytes: K, M, G and T are powers of 1024. */
int		 cmd_size(const char *s, uint64_t *v);

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

#endif /* CMD_ARGS_H */

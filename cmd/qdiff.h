/* rrdiff of QEMU logs (cmd/qdiff.c): its state, and what qdiffshow.c says. */
#ifndef CMD_QDIFF_H
#define CMD_QDIFF_H

#include <stdint.h>

#include "qemu.h"

#define LINE_MAX_Q	512	/* an event line: payloads are cut at 64 bytes */
#define CONTEXT_MAX	64

struct line {
	char	 s[LINE_MAX_Q];
};

/*
 * An input or host value read on one side and not yet matched with the
 * other side's: kept as a hash of its payload (and the line, for inputs).
 */
struct pending {
	uint64_t	 hash;
	uint64_t	 icount, number;
	uint8_t		 raw;
	struct line	*line;		/* inputs only */
};

#define PENDING_MAX	65536	/* beyond: counted, not compared */

struct side {
	const char		*name;
	struct rr_qreader	*r;
	int			 fd;
	const struct rr_qevent	*e;	/* the guest event reached */
	int			 rc;
	struct pending		*q[2];	/* inputs, host values */
	size_t			 qn[2], qhead[2];
	/* -e, -i: the events of this log compared (inclusive). */
	uint64_t		 elo, ehi, ilo, ihi;
	uint64_t		 last;	/* the event it ends after */
	int			 past;	/* stopped past the range */
};

struct tally {
	const struct cmd_qdiff_opts *o;
	uint64_t	 ninput, nhost, nhost_first, unmatched;
	struct line	 cause_a, cause_b;
	const char	*cause_why;
	/*
	 * With all: the independent difference open (an input that
	 * differs, or the guest parting with none before it), what
	 * followed it, and the totals.
	 */
	int		 root, root_cause, effect, stop;
	uint64_t	 shifted, changed, unpaired;
	uint64_t	 differences, causes;
	const char	*part_why;	/* the first parting */
	uint64_t	 part_n;
};

/* An event as rrdump prints it, into a string (one formatter for both). */
void		 cmd_qdiff_render(const struct rr_qevent *e, struct line *l);
/* The guest's n-th pair compared, for the context of a later parting. */
void		 cmd_qdiff_keep(uint64_t n, const struct line *a,
		    const struct line *b, int same);
/* With all: an input that differs, or one side has alone (pa or pb NULL). */
void		 cmd_qdiff_cause(struct tally *t, const struct pending *pa,
		    const struct pending *pb, const char *why);
/* With all: what followed the open difference, before the next. */
void		 cmd_qdiff_close_root(struct tally *t);
/* Where the guest's events part: the n-th pair, for why, with context. */
void		 cmd_qdiff_part(const struct tally *t, uint64_t n,
		    const char *why, const struct side *a, const struct side *b,
		    const struct line *la, const struct line *lb);
/* The first finding in a line (t->o->first), for --junit. */
void		 cmd_qdiff_first(const struct tally *t, int st);
/* The end: the result record, or the findings left and the totals. */
void		 cmd_qdiff_report(const struct tally *t, uint64_t n,
		    const struct side *a, const struct side *b,
		    const struct line *la, const struct line *lb, int st);

#endif /* CMD_QDIFF_H */

/* Front-end views of QEMU's replay log: rrdump (qemu.c), rrverify. */
#ifndef CMD_QEMU_H
#define CMD_QEMU_H

#include "../lib/qreplay.h"
#include "select.h"

/* One event as rrdump prints it: number, icount, kind, details. */
void		 cmd_qevent_text(const struct rr_qevent *e);
/* The same as a JSON Lines record {"type":"event", ...}. */
void		 cmd_qevent_json(const struct rr_qevent *e);

/*
 * A kind list (rr(7), "Kinds") in QEMU's names: a kind ("clock-host";
 * "shutdown", "checkpoint" are their whole ranges), a member of a range
 * ("checkpoint-init", "shutdown-guest-panic") or a kind byte; `^`
 * removes.  0 ok, -1 when an item is not one (nothing printed).
 */
int		 cmd_qkinds_parse(struct cmd_kinds *k, const char *s);

/*
 * rrdump of a QEMU log: the events sel selects (a forward scan: ranges
 * counted from the end are refused), text or JSON; with stats, counts
 * per kind instead; with header, the version and what it says.  Damage
 * is reported after what could be read, the exit status raised.
 */
void		 cmd_qdump(struct rr_qreader *r, const char *file,
		    const struct cmd_select *sel, int json, int stats,
		    int header);

/*
 * rrverify of a QEMU log: read every event, then print the verdict
 * (valid, truncated, corrupt, unsupported) unless quiet; returns the
 * exit status it calls for.  r NULL: the open failed with *err.
 */
int		 cmd_qverify(struct rr_qreader *r, const struct rr_error *err,
		    const char *file, int json, int quiet);

/*
 * rrverify's front door for QEMU logs: if file (a path, or "-") is one,
 * verify it (or refuse --replay: replay, exit 2) and return its exit
 * status (0, 1, 2), raised; else -1, with nothing read, except from a
 * pipe: then the bytes read to probe it are in head (RR_PROBE_LEN bytes
 * of room), *hn of them, for the log's own verifier.
 */
int		 cmd_qverify_file(const char *file, int json, int quiet,
		    int replay, uint8_t *head, size_t *hn);

/*
 * rrdiff of two QEMU logs (qdiff.c): events in order; host values
 * (clocks, random) and inputs (char reads, input, net, audio in) that
 * differ are noted, the first differing input named as the candidate
 * cause; the first of the guest's own events that differs is where the
 * runs part, shown with context.  With all, every input that differs
 * is a cause of its own and what follows it is counted (rrdiff -a).
 * Returns -1 when neither file is a QEMU log (nothing read but its
 * first bytes), else the exit status.  A QEMU log of "-" is taken from
 * in->qemu.
 */
struct cmd_qdiff_opts {
	int		 json, quiet;
	int		 all;		/* -a */
	uint64_t	 max;		/* -c: at most this many; 0 no limit */
	uint32_t	 context;
	struct cmd_kinds kinds;		/* the kinds compared (-k, --ignore) */
	const struct cmd_select *sel;	/* -e, -i in each log, or NULL */
	const char	*refuse;	/* an option that does not apply, or NULL */
	/* Out: the first finding in a line (for --junit), if first. */
	char		*first;
	size_t		 first_size;
};
int		 cmd_qdiff(const char *a, const char *b, struct cmd_input *in,
		    const struct cmd_qdiff_opts *o);

#endif /* CMD_QEMU_H */

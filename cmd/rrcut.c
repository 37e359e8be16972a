/* rrcut: keep a range of a recording, split it into pieces, or salvage it. */
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rredit.h"
#include "../emu/emu.h"
#include "common.h"

#define MAX_PIECES	1000	/* OUT-000 .. OUT-999 */

static struct cmd_range opt_events, opt_icount;
static int	 opt_dry, opt_exact, opt_salvage, opt_split, opt_quiet, opt_tty;
static uint64_t	 opt_n, opt_every, opt_size;
static const char *opt_out;

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-hqV] [--dry-run] [--exact] [--tty] [-e range | "
	    "-i range] -o out file\n"
	    "       %s --split [-q] [--dry-run] [--exact] (-n count | --every "
	    "icount | --size bytes) -o out file\n"
	    "       %s --salvage [-q] [--dry-run] [--tty] -o out file\n",
	    cmd_prog, cmd_prog, cmd_prog);
}

static void
help(void)
{
	usage(stdout);
	fputs("Keep a range of a recording as a log that replays on its own.\n"
	    "  -e, --events RANGE  events by number (A, A-B, A-, -B; ~N from "
	    "the end)\n"
	    "  -i, --icount RANGE  events by instruction count\n"
	    "      --dry-run       print what would be written, write nothing\n"
	    "      --every ICOUNT  --split: a piece every ICOUNT instructions\n"
	    "      --exact         start exactly at the range (replays to it "
	    "for a keyframe)\n"
	    "  -h, --help          print this help and exit\n"
	    "  -n, --pieces N      --split: N pieces of about equal "
	    "instruction counts\n"
	    "  -o, --output OUT    the output (- for standard output); "
	    "--split: OUT-000.rr ...\n"
	    "  -q, --quiet         do not say where the cut starts and ends\n"
	    "      --salvage       keep what a damaged log holds: before the "
	    "damage, and\n"
	    "                      after a gap from the next readable "
	    "keyframe on\n"
	    "      --size BYTES    --split: pieces of about BYTES bytes\n"
	    "      --split         split into pieces at keyframes\n"
	    "      --tty           write to standard output when it is a "
	    "terminal\n"
	    "  -V, --version       print versions and exit\n"
	    "A cut starts at the last keyframe at or before the range.  See "
	    "rrcut(1).\n", stdout);
}

/* A failed library call: message and status from the source's error. */
/* An error of the cut: the output's (by name, "stdout") or the input's. */
static int
fail_out(const char *file, const char *out, struct rr_source *s)
{
	const struct rr_error *e = rr_source_error(s);

	cmd_rrerr(rr_source_error_output(s) ? rr_output_name(out) : file, e);
	cmd_status(e->kind == RR_E_INVAL || rr_source_error_output(s) ?
	    CMD_EXIT_FAIL : cmd_errstatus(e));
	return -1;
}

static int
fail(const char *file, struct rr_source *s)
{
	return fail_out(file, opt_out != NULL ? opt_out : "-", s);
}

static void
tell(FILE *f, const char *what, const struct rr_cut_plan *p)
{
	fprintf(f, "%s: %s: from the keyframe at event %llu (icount %llu) "
	    "to event %llu; END (%s) at icount %llu; %llu events, about "
	    "%llu bytes\n", cmd_prog, what, (unsigned long long)p->key_event,
	    (unsigned long long)p->key_icount,
	    (unsigned long long)p->last_event,
	    rr_end_reason_name(p->end_reason),
	    (unsigned long long)p->end_icount, (unsigned long long)p->events,
	    (unsigned long long)p->bytes);
}

/* The icount of event n (for --exact with -e). */
static uint64_t
start_icount(struct rr_source *s, uint64_t n)
{
	struct rr_reader *r = rr_source_reader(s);
	struct rr_event ev;

	if (rr_reader_seek_event(r, n) != RR_OK ||
	    rr_reader_next(r, &ev) != RR_OK)
		return 0;
	return ev.icount;
}

/* --exact's replay on a terminal: towards the last target of a split. */
static struct cmd_progress walk_pg;
static uint64_t walk_last;	/* --split: the last target, else 0 */

static void
walk_told(void *arg, uint64_t done, uint64_t total)
{
	(void)arg;
	cmd_progress_at(&walk_pg, done, walk_last > total ? walk_last :
	    total);
}

/*
 * --exact: a keyframe at icount at (not the plan's keyframe's), made by
 * replaying through the emulator: *w the replay, opened on first use
 * and walked forwards by each later call.  0, or -1 (said).
 */
static int
exact_key(const char *file, struct emu_walk **w,
    const struct rr_cut_plan *p, uint64_t at, uint8_t **kf, size_t *len,
    uint64_t *next)
{
	static const struct emu_progress told = { walk_told, NULL };
	struct rr_error err;
	int rc;

	if (*w == NULL)
		cmd_progress_begin(&walk_pg, file);
	rc = (*w == NULL && emu_walk_open(w, file, walk_pg.tty ? &told :
	    NULL, &err) != 0) ||
	    emu_walk_keyframe(*w, p->key_event, p->key_icount, at, kf, len,
	    next, &err) != 0;
	cmd_progress_clear(&walk_pg);
	if (rc) {
		cmd_rrerr(file, &err);
		cmd_status(err.kind == RR_E_CORRUPT ? CMD_EXIT_DATA :
		    CMD_EXIT_FAIL);
		return -1;
	}
	return 0;
}

/*
 * --exact: the plan's cut, or where at is not its keyframe's icount, the
 * keyframe kf made for at (exact_key) and then the events from next on.
 */
static int
write_exact(const char *file, struct rr_source *s, struct rr_cut_plan *p,
    uint64_t at, const uint8_t *kf, size_t len, uint64_t next,
    const char *out, const char *what)
{
	int rc;

	if (at == p->key_icount) {	/* a keyframe is already there */
		if (opt_dry) {
			tell(stdout, what, p);
			return 0;
		}
		if (!opt_quiet)
			tell(stderr, out, p);
		return rr_cut_write(s, p, out) == RR_OK ? 0 :
		    fail_out(file, out, s);
	}
	if (opt_dry || !opt_quiet)
		fprintf(opt_dry ? stdout : stderr, "%s: %s: replayed from the "
		    "keyframe at event %llu (icount %llu) to icount %llu: a "
		    "new keyframe, then events %llu to %llu; END (%s) at icount "
		    "%llu\n", cmd_prog, opt_dry ? what : cmd_name(out),
		    (unsigned long long)p->key_event,
		    (unsigned long long)p->key_icount, (unsigned long long)at,
		    (unsigned long long)next, (unsigned long long)p->last_event,
		    rr_end_reason_name(p->end_reason),
		    (unsigned long long)p->end_icount);
	rc = opt_dry ? RR_OK : rr_cut_write_keyed(s, p, kf, len, at, next,
	    out);
	return rc == RR_OK ? 0 : fail_out(file, out, s);
}

/* --exact cut starting at icount at. */
static int
cut_exact(const char *file, struct rr_source *s, struct rr_cut_plan *p,
    uint64_t at)
{
	struct emu_walk *w = NULL;
	uint8_t *kf = NULL;
	size_t len = 0;
	uint64_t next = 0;
	int rc;

	if (at != p->key_icount && exact_key(file, &w, p, at, &kf, &len,
	    &next) != 0)
		rc = -1;
	else
		rc = write_exact(file, s, p, at, kf, len, next, opt_out,
		    "cut");
	free(kf);
	emu_walk_close(w);
	return rc;
}

static int
do_cut(const char *file, struct rr_source *s)
{
	struct rr_cut_spec spec;
	struct rr_cut_plan p;
	struct cmd_range *r = opt_icount.set ? &opt_icount : &opt_events;
	uint64_t n, last_ic;

	memset(&spec, 0, sizeof(spec));
	spec.by_icount = opt_icount.set;
	spec.hi = UINT64_MAX;
	if (r->set) {
		if (rr_reader_extent(rr_source_reader(s), &n, &last_ic) !=
		    RR_OK) {
			cmd_rrerr(file, rr_reader_error(rr_source_reader(s)));
			cmd_status(cmd_errstatus(rr_reader_error(
			    rr_source_reader(s))));
			return -1;
		}
		if (cmd_range_resolve(r, spec.by_icount ? last_ic :
		    n > 0 ? n - 1 : 0, &spec.lo, &spec.hi) != 0) {
			cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "the range "
			    "is empty in this log");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
	}
	if (rr_cut_plan(s, &spec, &p) != RR_OK)
		return fail(file, s);
	if (opt_exact && r->set)
		return cut_exact(file, s, &p, spec.by_icount ? spec.lo :
		    start_icount(s, spec.lo));
	if (opt_dry) {
		tell(stdout, "cut", &p);
		return 0;
	}
	if (!opt_quiet)
		tell(stderr, "cut", &p);
	if (rr_cut_write(s, &p, opt_out) != RR_OK)
		return fail(file, s);
	return 0;
}

/* OUT-000.rr from OUT.rr (or OUT). */
/* Whether -o leaves a file name to number, once .rr is taken off. */
static int
piece_stem(const char *out)
{
	const char *base = strrchr(out, '/');
	size_t n;

	base = base != NULL ? base + 1 : out;
	n = strlen(base);
	if (n >= 3 && strcmp(base + n - 3, ".rr") == 0)
		n -= 3;
	return n > 0;
}

static void
piece_name(char *buf, size_t len, size_t i)
{
	size_t n = strlen(opt_out);

	if (n > 3 && strcmp(opt_out + n - 3, ".rr") == 0)
		n -= 3;
	snprintf(buf, len, "%.*s-%03zu.rr", (int)n, opt_out, i);
}

/*
 * --split --exact: pieces start at the targets themselves, each with a
 * keyframe made by replaying where the log has none, all by one replay
 * walking forwards.  A piece ends where the next one's keyframe stands
 * in the log, so it is written once the next keyframe is made.
 */
static int
split_exact(const char *file, struct rr_source *s, const uint64_t *targets,
    size_t nt)
{
	struct rr_cut_spec spec;
	struct rr_cut_plan p, q;
	struct emu_walk *w = NULL;
	uint8_t *kf = NULL, *nkf = NULL;
	size_t len = 0, nlen = 0, k;
	uint64_t next = 0, nnext = 0, lo;
	char name[4096];
	int rc = -1;

	walk_last = nt > 0 ? targets[nt - 1] : 0;
	for (k = 0; k <= nt; k++) {
		lo = k == 0 ? 0 : targets[k - 1];
		memset(&spec, 0, sizeof(spec));
		spec.by_icount = 1;
		spec.lo = lo;
		spec.hi = k == nt ? UINT64_MAX : targets[k] - 1;
		if (rr_cut_plan(s, &spec, &p) != RR_OK) {
			fail(file, s);
			goto out;
		}
		/* The first piece's keyframe, where the log has none at 0. */
		if (kf == NULL && lo != p.key_icount && exact_key(file, &w, &p,
		    lo, &kf, &len, &next) != 0)
			goto out;
		if (k < nt) {
			/* The next piece's first event: END this one there. */
			spec.lo = spec.hi = targets[k];
			if (rr_cut_plan(s, &spec, &q) != RR_OK) {
				fail(file, s);
				goto out;
			}
			if (q.key_icount == targets[k])	/* a keyframe */
				nnext = q.key_event;
			else if (exact_key(file, &w, &q, targets[k], &nkf,
			    &nlen, &nnext) != 0)
				goto out;
			p.last_event = nnext - 1;
			p.end_icount = targets[k];
		}
		piece_name(name, sizeof(name), k);
		if (opt_dry)
			printf("%s ", cmd_name(name));
		if (write_exact(file, s, &p, lo, kf, len, next, name,
		    "piece") != 0)
			goto out;
		free(kf);
		kf = nkf;
		len = nlen;
		next = nnext;
		nkf = NULL;
		nlen = 0;
	}
	rc = 0;
out:
	free(kf);
	free(nkf);
	emu_walk_close(w);
	return rc;
}

static int
do_split(const char *file, struct rr_source *s)
{
	/* MAX_PIECES - 1 targets make MAX_PIECES pieces; one more is over. */
	static uint64_t targets[MAX_PIECES];
	static struct rr_key keys[MAX_PIECES];
	struct rr_cut_plan p;
	uint64_t n, last_ic, i;
	size_t nt = 0, nk = MAX_PIECES, k;
	char name[4096], what[64];

	if (rr_reader_extent(rr_source_reader(s), &n, &last_ic) != RR_OK) {
		cmd_rrerr(file, rr_reader_error(rr_source_reader(s)));
		cmd_status(cmd_errstatus(rr_reader_error(rr_source_reader(s))));
		return -1;
	}
	if (opt_n > 0) {
		for (i = 1; i < opt_n && nt < MAX_PIECES; i++)
			targets[nt++] = (uint64_t)((double)last_ic * i / opt_n);
	} else if (opt_every > 0) {
		for (i = opt_every; i <= last_ic && nt < MAX_PIECES;
		    i += opt_every)
			targets[nt++] = i;
	} else if (rr_split_targets_by_size(s, opt_size, targets, &nt,
	    MAX_PIECES) != RR_OK)
		return fail(file, s);
	if (nt >= MAX_PIECES) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s makes more than "
		    "%d pieces, the most a split writes", opt_n > 0 ? "-n" :
		    opt_every > 0 ? "--every" : "--size", MAX_PIECES);
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	if (opt_exact)
		return split_exact(file, s, targets, nt);
	if (rr_split_keys(s, targets, nt, keys, &nk) != RR_OK)
		return fail(file, s);
	/*
	 * -n promises a number of pieces: a log whose keyframes (those it
	 * has, or those damage leaves readable) allow fewer is refused, as
	 * the input saying no, not written as fewer pieces (--every and
	 * --size say how long a piece is; pieces are as even as keyframes
	 * allow).
	 */
	if (opt_n > 0 && nk < opt_n) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "-n %" PRIu64 ": the "
		    "log's keyframes allow %zu piece%s only (--exact starts "
		    "pieces anywhere; rremu -K records more keyframes)", opt_n,
		    nk, nk == 1 ? "" : "s");
		cmd_status(CMD_EXIT_DATA);
		return -1;
	}
	for (k = 0; k < nk; k++) {
		if (rr_split_plan(s, keys, nk, k, &p) != RR_OK)
			return fail(file, s);
		piece_name(name, sizeof(name), k);
		snprintf(what, sizeof(what), "piece %zu", k);
		if (opt_dry) {
			printf("%s ", cmd_name(name));
			tell(stdout, what, &p);
			continue;
		}
		if (!opt_quiet)
			tell(stderr, cmd_name(name), &p);
		if (rr_cut_write(s, &p, name) != RR_OK)
			return fail_out(file, name, s);
	}
	return 0;
}

static int
do_salvage(const char *file, struct rr_source *s)
{
	struct rr_salvage_report r;
	FILE *f = opt_dry ? stdout : stderr;
	char what[96];

	if (rr_salvage(s, opt_dry ? NULL : opt_out, &r) != RR_OK)
		return fail(file, s);
	if (!r.lost) {
		fprintf(f, "%s: %s: nothing lost: a "
		    "closed log of %llu events\n", cmd_prog, cmd_name(file),
		    (unsigned long long)r.events_kept + 1);
		return 0;
	}
	/* The damage where it is, as rrverify and rrdump name it. */
	cmd_msg(file, r.why.offset != RR_NO_OFFSET ? r.why.offset :
	    r.damage_offset, r.why.event, "%s", r.why.msg);
	if (r.closed) {
		/* Every event is there; what follows END is not kept. */
		fprintf(f, "%s: %s: kept every event (%llu, to END at icount "
		    "%llu); lost %llu bytes from offset %llu after them (a "
		    "new footer is written)\n", cmd_prog, cmd_name(file),
		    (unsigned long long)r.events_kept + 1,
		    (unsigned long long)r.icount_kept,
		    (unsigned long long)r.bytes_lost,
		    (unsigned long long)r.damage_offset);
	} else if (r.segments < 2) {
		/* Events lost at the last icount kept cost no instructions. */
		if (r.icount_last > r.icount_kept)
			snprintf(what, sizeof(what), "instructions %llu to %llu",
			    (unsigned long long)r.icount_kept,
			    (unsigned long long)r.icount_last);
		else
			snprintf(what, sizeof(what), "all at icount %llu (no "
			    "instructions)", (unsigned long long)r.icount_kept);
		/*
		 * Events are numbered from 0, as every tool numbers them;
		 * those of the last icount read are kept whole or not at
		 * all (damage may have taken some of them).
		 */
		fprintf(f, "%s: %s: kept events 0 to %llu (%llu), up to "
		    "icount %llu; lost at least %llu events from event "
		    "%llu on, %s, and %llu bytes from offset %llu\n",
		    cmd_prog, cmd_name(file),
		    (unsigned long long)r.events_kept - 1,
		    (unsigned long long)r.events_kept,
		    (unsigned long long)r.icount_kept,
		    (unsigned long long)r.events_lost,
		    (unsigned long long)r.events_kept, what,
		    (unsigned long long)r.bytes_lost,
		    (unsigned long long)r.damage_offset);
	} else {
		if (r.why2.kind != 0)
			cmd_msg(file, r.damage2_offset, r.why2.event, "%s",
			    r.why2.msg);
		fprintf(f, "%s: %s: kept %llu events: up to icount %llu, "
		    "then after a gap from the keyframe at icount %llu (event "
		    "%llu, block at offset %llu) to icount %llu; lost at "
		    "least %llu events, %llu instructions and %llu bytes "
		    "(offsets %llu to %llu%s)\n", cmd_prog, cmd_name(file),
		    (unsigned long long)r.events_kept,
		    (unsigned long long)r.icount_kept,
		    (unsigned long long)r.resume_icount,
		    (unsigned long long)r.resume_event,
		    (unsigned long long)r.resume_offset,
		    (unsigned long long)r.icount_last,
		    (unsigned long long)r.events_lost,
		    (unsigned long long)r.icount_lost,
		    (unsigned long long)r.bytes_lost,
		    (unsigned long long)r.damage_offset,
		    (unsigned long long)r.resume_offset,
		    r.why2.kind != 0 ? " and from the second damage" : "");
	}
	cmd_status(CMD_EXIT_DATA);
	return 0;
}

int
main(int argc, char **argv)
{
	enum { O_DRY = 256, O_EVERY, O_EXACT, O_SALVAGE, O_SIZE, O_SPLIT,
	    O_TTY };
	static const struct option longopts[] = {
		{ "dry-run",	no_argument,		NULL, O_DRY },
		{ "tty",	no_argument,		NULL, O_TTY },
		{ "events",	required_argument,	NULL, 'e' },
		{ "every",	required_argument,	NULL, O_EVERY },
		{ "exact",	no_argument,		NULL, O_EXACT },
		{ "help",	no_argument,		NULL, 'h' },
		{ "icount",	required_argument,	NULL, 'i' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "pieces",	required_argument,	NULL, 'n' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "salvage",	no_argument,		NULL, O_SALVAGE },
		{ "size",	required_argument,	NULL, O_SIZE },
		{ "split",	no_argument,		NULL, O_SPLIT },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct rr_source *s = NULL;
	struct rr_error err;
	const char *file, *bad = NULL, *numname = "";
	uint64_t *num;
	int ch, modes, rc;

	cmd_init("rrcut");
	while ((ch = getopt_long(argc, argv, ":e:hi:n:o:qV", longopts,
	    NULL)) != -1) {
		num = NULL;
		switch (ch) {
		case O_DRY:
			opt_dry = 1;
			break;
		case 'e':
			if (cmd_range_parse(&opt_events, "--events", optarg))
				goto bad;
			break;
		case O_EVERY:
			num = &opt_every;
			numname = "--every";
			break;
		case O_EXACT:
			opt_exact = 1;
			break;
		case 'h':
			help();
			return cmd_exit();
		case 'i':
			if (cmd_range_parse(&opt_icount, "--icount", optarg))
				goto bad;
			break;
		case 'n':
			num = &opt_n;
			numname = "-n";
			break;
		case 'o':
			opt_out = optarg;
			break;
		case 'q':
			opt_quiet = 1;
			break;
		case O_SALVAGE:
			opt_salvage = 1;
			break;
		case O_SIZE:
			num = &opt_size;
			numname = "--size";
			break;
		case O_SPLIT:
			opt_split = 1;
			break;
		case O_TTY:
			opt_tty = 1;
			break;
		case 'V':
			cmd_version();
			return cmd_exit();
		default:
			cmd_badopt(ch, argv);
			goto bad;
		}
		/* --size is bytes (K is 1024); counts are of 1000s. */
		if (num != NULL && ((num == &opt_size ? cmd_size(optarg,
		    num) : cmd_number(optarg, num)) != 0 || *num == 0)) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: bad "
			    "number '%s' (1 or more)", numname,
			    cmd_name(optarg));
			goto bad;
		}
	}
	argc -= optind;
	argv += optind;
	modes = (opt_events.set || opt_icount.set) + opt_split + opt_salvage;
	if (argc != 1)
		bad = "one input file";
	else if (opt_out == NULL && !opt_dry)
		bad = "-o is required (- for standard output)";
	else if (modes > 1)
		bad = "a range, --split and --salvage exclude each other";
	else if (opt_events.set && opt_icount.set)
		bad = "-e and -i exclude each other";
	else if (opt_split && (opt_n > 0) + (opt_every > 0) +
	    (opt_size > 0) != 1)
		bad = "--split needs one of -n, --every, --size";
	else if (!opt_split && (opt_n || opt_every || opt_size))
		bad = "-n, --every and --size are for --split";
	else if (opt_exact && opt_salvage)
		bad = "--exact is for a range or --split";
	else if (opt_split && opt_out != NULL && strcmp(opt_out, "-") == 0)
		bad = "--split writes files: -o names them";
	else if (opt_out != NULL && opt_out[0] == '\0')
		bad = "-o: an empty name";
	else if (opt_split && opt_out != NULL && !piece_stem(opt_out))
		bad = "--split -o needs a name to number (-o piece.rr writes "
		    "piece-000.rr, piece-001.rr, ...)";
	if (bad != NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s", bad);
		goto bad;
	}
	file = argv[0];
	if (!opt_dry && cmd_binary_out(opt_out, opt_tty) != 0) {
		cmd_status(CMD_EXIT_FAIL);
		return cmd_exit();
	}
	if (rr_source_open(&s, file, &err) != RR_OK) {
		cmd_rrerr(file, &err);
		cmd_status(cmd_errstatus(&err));
		return cmd_exit();
	}
	/* Where the output cannot go is known before any work is done. */
	if (!opt_dry && opt_out != NULL) {
		char first[4096];
		struct rr_fileid id;

		if (opt_split)
			piece_name(first, sizeof(first), 0);
		else
			snprintf(first, sizeof(first), "%s", opt_out);
		if (rr_fileid_path(file, &id) != 0 ||
		    rr_output_check(first, &id, 1, &err) != RR_OK) {
			cmd_rrerr(rr_output_name(first), &err);
			cmd_status(CMD_EXIT_FAIL);
			rr_source_close(s);
			return cmd_exit();
		}
	}
	if (opt_salvage)
		rc = do_salvage(file, s);
	else if (opt_split)
		rc = do_split(file, s);
	else
		rc = do_cut(file, s);
	(void)rc;
	rr_source_close(s);
	return cmd_exit();
bad:
	usage(stderr);
	return CMD_EXIT_FAIL;
}

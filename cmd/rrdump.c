/* rrdump: print a replay log or a snapshot, as text or JSON Lines. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrjson.h"
#include "../lib/rrsnap.h"
#include "common.h"
#include "qemu.h"
#include "select.h"
#include "draw.h"

#define NUNKNOWN	8	/* distinct unknown kinds named in the warning */

static int	 opt_blocks, opt_header, opt_json, opt_stats;
static int	 opt_view;		/* enum cmd_view: a picture */
static const char *opt_output;
static int	 opened;		/* inputs that could be opened */
static struct cmd_select sel;
/*
 * -k in QEMU's kind names, for QEMU logs; rr_kinds_arg: a list that
 * is all QEMU names, read as rr names only when an rr log comes.
 */
static const char *opt_kinds, *rr_kinds_arg;
static struct cmd_kinds qkinds;

/* What one pass over the events found. */
struct tally {
	uint64_t	 events;	/* selected */
	uint64_t	 kinds[256];
	uint64_t	 other;		/* kinds above 255 */
	uint64_t	 icount_first, icount_last;
	uint64_t	 unknown;
	uint32_t	 unknown_kinds[NUNKNOWN];
	int		 nunknown;
	int		 print;		/* print the events, not only count */
	int		 failed;	/* the reader stopped at damage */
};

/* What the block walk found. */
struct blocks {
	int		 done;
	int		 told;		/* a problem was reported */
	uint64_t	 n, raw, comp, bytes;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-bHhjsV] [-c count] [-e range] [-i range] "
	    "[-k kinds] [-o output]\n"
	    "              [--html | --svg | --trace-events] [file ...]\n",
	    cmd_prog);
}

static void
help(void)
{
	usage(stdout);
	fputs("Print a replay log or snapshot: one event per line, or JSON "
	    "Lines.\n"
	    "  -b, --blocks       list the blocks: offsets, ranges, sizes, "
	    "CRC status\n"
	    "  -c, --count N      print at most N events\n"
	    "  -e, --events RANGE events by number (A, A-B, A-, -B; ~N "
	    "from the end)\n"
	    "  -H, --header       print the header\n"
	    "  -h, --help         print this help and exit\n"
	    "      --html         a timeline page of the log (one file, "
	    "self-contained)\n"
	    "  -i, --icount RANGE events by instruction count\n"
	    "  -j, --json         JSON Lines, one record per line\n"
	    "  -k, --kind LIST    kinds to print: clock,bh; ^kind leaves "
	    "one out\n"
	    "  -o, --output FILE  write to FILE (whole, or not at all)\n"
	    "  -s, --stats        counts per kind, ranges, sizes, clean "
	    "close\n"
	    "      --svg          the timeline as a static SVG\n"
	    "      --trace-events the log as Chrome trace event JSON "
	    "(Perfetto)\n"
	    "  -V, --version      print versions and exit\n"
	    "With no file, or when file is -, read standard input.  See "
	    "rrdump(1), rr(7).\n", stdout);
}

/* ---- events ---- */

static void
tally_unknown(struct tally *t, uint32_t kind)
{
	int i;

	t->unknown++;
	for (i = 0; i < t->nunknown; i++)
		if (t->unknown_kinds[i] == kind)
			return;
	if (t->nunknown < NUNKNOWN)
		t->unknown_kinds[t->nunknown++] = kind;
}

/* One selected event: counted, and printed unless only counting. */
static void
take_event(void *arg, const struct rr_event *ev)
{
	struct tally *t = arg;

	if (t->events++ == 0)
		t->icount_first = ev->icount;
	t->icount_last = ev->icount;
	if (ev->kind < 256)
		t->kinds[ev->kind]++;
	else
		t->other++;
	if (ev->kind == 0 || ev->kind > RR_EV_KIND_MAX)
		tally_unknown(t, ev->kind);
	if (!t->print)
		return;
	if (opt_json)
		cmd_event_json(ev);
	else
		cmd_event_text(ev);
}

/* Say what the dump could not name, so nothing passes unnoticed. */
static void
warn_unknown(const char *file, const struct tally *t)
{
	char list[NUNKNOWN * 12 + 8];
	size_t len = 0;
	int i;

	if (t->unknown == 0)
		return;
	list[0] = '\0';
	for (i = 0; i < t->nunknown; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%u",
		    i ? ", " : "", t->unknown_kinds[i]);
	if (t->nunknown == NUNKNOWN)
		snprintf(list + len, sizeof(list) - len, ", ...");
	cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%llu event%s of unknown "
	    "kind%s (%s) shown as raw bytes; a newer rrdump may know them",
	    (unsigned long long)t->unknown, t->unknown == 1 ? "" : "s",
	    t->nunknown == 1 ? "" : "s", list);
}

/* ---- blocks ---- */

/* Walk the blocks, printing them if asked, summing sizes for --stats. */
static void
block_pass(struct rr_reader *r, const char *file, int print, int tell,
    struct blocks *bs)
{
	struct rr_block b;
	struct rr_info info;
	int rc;

	memset(bs, 0, sizeof(*bs));
	/* Ranges counted from the end need the log's extent first. */
	if (print)
		cmd_select_blocks_begin(&sel, r);
	while ((rc = rr_reader_next_block(r, &b)) == RR_OK ||
	    rc == RR_WARN) {
		bs->n++;
		bs->raw += b.raw_size;
		bs->comp += b.comp_size;
		bs->bytes += b.size;
		if (print && cmd_select_block(&sel, &b)) {
			if (opt_json)
				cmd_put_record(rr_block_json(&b), "block");
			else
				cmd_block_text(&b);
		}
		if (tell && (!b.header_ok || !b.payload_ok)) {
			cmd_msg(file, b.offset, RR_NO_EVENT, "block %llu: %s "
			    "checksum mismatch", (unsigned long long)b.seq,
			    b.header_ok ? "payload" : "header");
			cmd_status(CMD_EXIT_DATA);
			bs->told = 1;
		}
	}
	/* Counts stand for the blocks before any damage. */
	bs->done = 1;
	/* The blocks ran out with no footer after them: never closed. */
	rr_reader_info(r, &info);
	if (rc == RR_EOF && tell && !info.footer_reached) {
		cmd_msg(file, info.seekable ? info.file_size : RR_NO_OFFSET,
		    RR_NO_EVENT, "log ends without a footer after %llu "
		    "block%s (not closed: recorder killed?)",
		    (unsigned long long)bs->n, bs->n == 1 ? "" : "s");
		cmd_status(CMD_EXIT_DATA);
		bs->told = 1;
	}
	/* --stats alone: the event pass tells of the same damage. */
	if (rc < 0 && tell) {
		bs->told = 1;
		cmd_rrerr(file, rr_reader_error(r));
		cmd_status(cmd_errstatus(rr_reader_error(r)));
	}
}

/* ---- stats ---- */

/* The statistics as one object: JSON prints it, text walks it. */
static json_t *
stats_object(const struct tally *t, const struct blocks *bs,
    const struct rr_info *info)
{
	json_t *j, *kinds;
	char key[32];
	uint32_t k;

#define U(v)	rr_json_u64(v)
	if ((j = cmd_new_record("stats")) == NULL ||
	    (kinds = json_object()) == NULL) {
		json_decref(j);
		return NULL;
	}
	json_object_set_new(j, "events", U(t->events));
	for (k = 1; k < 256; k++) {
		if (k > RR_EV_KIND_MAX && t->kinds[k] == 0)
			continue;
		if (rr_kind_name(k) != NULL)
			snprintf(key, sizeof(key), "%s", rr_kind_name(k));
		else
			snprintf(key, sizeof(key), "unknown-%u", k);
		json_object_set_new(kinds, key, U(t->kinds[k]));
	}
	if (t->other > 0)
		json_object_set_new(kinds, "unknown-other", U(t->other));
	json_object_set_new(j, "kinds", kinds);
	json_object_set_new(j, "icount_first", t->events > 0 ?
	    U(t->icount_first) : json_null());
	json_object_set_new(j, "icount_last", t->events > 0 ?
	    U(t->icount_last) : json_null());
	json_object_set_new(j, "blocks", bs->done ? U(bs->n) : json_null());
	json_object_set_new(j, "raw_bytes", bs->done ? U(bs->raw) :
	    json_null());
	json_object_set_new(j, "compressed_bytes", bs->done ? U(bs->comp) :
	    json_null());
	json_object_set_new(j, "file_bytes", info->file_size > 0 ?
	    U(info->file_size) : json_null());
	/*
	 * A pipe tells that it was closed and indexed only once it has
	 * been read to its footer; until then it is not known (null).
	 */
	json_object_set_new(j, "closed", !info->seekable && !info->closed ?
	    json_null() : json_boolean(info->closed));
	json_object_set_new(j, "indexed", !info->seekable &&
	    !info->has_index ? json_null() : json_boolean(info->has_index));
#undef U
	return j;
}

/* `key = value`; the kinds as events.KIND; unknown values as "-". */
static void
stats_text(json_t *j)
{
	const char *key, *sub;
	json_t *v, *n;
	char name[48];

	json_object_foreach(j, key, v) {
		if (strcmp(key, "type") == 0)
			continue;
		if (json_is_object(v)) {
			json_object_foreach(v, sub, n) {
				snprintf(name, sizeof(name), "events.%s", sub);
				cmd_kv_u(name, (uint64_t)json_integer_value(n));
			}
		} else if (json_is_integer(v))
			cmd_kv_u(key, (uint64_t)json_integer_value(v));
		else if (json_is_string(v))	/* a count past 2^63 */
			cmd_kv_s(key, json_string_value(v));
		else
			cmd_kv_s(key, json_is_null(v) ? "-" : json_is_true(v) ?
			    "yes" : "no");
	}
}

/* ---- a log ---- */

static void
dump_log(struct rr_reader *r, const char *file)
{
	struct tally t;
	struct blocks bs;
	struct rr_info info;
	json_t *j;
	int rc;

	memset(&bs, 0, sizeof(bs));
	/* A newer minor version may add header fields: say they were skipped. */
	if (rr_reader_header(r)->unknown_fields > 0)
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%u header field%s of "
		    "a newer version skipped",
		    rr_reader_header(r)->unknown_fields,
		    rr_reader_header(r)->unknown_fields == 1 ? "" : "s");
	if (opt_header) {
		if (opt_json)
			cmd_put_record(rr_header_json(rr_reader_header(r)),
			    "header");
		else
			cmd_header_text("", rr_reader_header(r));
	}
	rr_reader_info(r, &info);
	if (opt_blocks || (opt_stats && info.seekable)) {
		block_pass(r, file, opt_blocks, opt_blocks, &bs);
		if (opt_stats && rr_reader_rewind(r) < 0) {
			cmd_rrerr(file, rr_reader_error(r));
			cmd_status(CMD_EXIT_FAIL);
			return;
		}
	}
	/* -b and -H are views in place of the event listing. */
	if (!opt_stats && (opt_blocks || opt_header))
		return;
	memset(&t, 0, sizeof(t));
	t.print = !opt_stats;
	if ((rc = cmd_select_events(&sel, r, file, take_event, &t)) < 0)
		return;
	t.failed = rc > 0;
	if (opt_stats) {
		rr_reader_info(r, &info);
		if ((j = stats_object(&t, &bs, &info)) != NULL && !opt_json) {
			stats_text(j);
			json_decref(j);
		} else
			cmd_put_record(j, "stats");
	}
	/* The damage is told after what could be read before it. */
	if (t.failed && !bs.told) {
		cmd_rrerr(file, rr_reader_error(r));
		cmd_status(cmd_errstatus(rr_reader_error(r)));
	}
	warn_unknown(file, &t);
}

/* -H on a snapshot: what it is of, without its sections. */
static void
snap_header(const struct rr_snap *s)
{
	const struct rr_snap_meta *m = rr_snap_meta(s);
	char hash[24];
	json_t *j;

	if (!opt_json) {
		cmd_header_text("header.", &m->hdr);
		cmd_kv_u("snapshot.icount", m->icount);
		cmd_kv_x("snapshot.state_hash", m->state_hash, 16);
		return;
	}
	snprintf(hash, sizeof(hash), "0x%016llx",
	    (unsigned long long)m->state_hash);
	if ((j = rr_header_json(&m->hdr)) != NULL) {
		json_object_set_new(j, "icount", rr_json_u64(m->icount));
		json_object_set_new(j, "state_hash", json_string(hash));
	}
	cmd_put_record(j, "header");
}

static void
dump_input(void *arg, const char *file, struct cmd_input *in)
{
	struct cmd_select qsel;

	(void)arg;
	opened++;
	if (opt_view != 0 && in->log == NULL) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s: a %s has no "
		    "timeline; pictures are of rr logs", opt_view ==
		    CMD_VIEW_HTML ? "--html" : opt_view == CMD_VIEW_SVG ?
		    "--svg" : "--trace-events", in->qemu != NULL ?
		    "QEMU replay log" : "snapshot");
		cmd_status(CMD_EXIT_FAIL);
	} else if (in->qemu != NULL && opt_blocks) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "a QEMU replay log "
		    "has no blocks (-b)");
		cmd_status(CMD_EXIT_FAIL);
	} else if (in->qemu != NULL) {
		if (opt_kinds != NULL && cmd_qkinds_parse(&qkinds,
		    opt_kinds) != 0) {
			cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "--kind: %s: "
			    "not a list of QEMU replay kinds", opt_kinds);
			cmd_status(CMD_EXIT_FAIL);
			return;
		}
		qsel = sel;
		if (opt_kinds != NULL)
			qsel.kinds = qkinds;
		cmd_qdump(in->qemu, file, &qsel, opt_json, opt_stats,
		    opt_header);
	} else if (in->log != NULL) {
		if (rr_kinds_arg != NULL &&
		    cmd_select_option(&sel, 'k', rr_kinds_arg) != 0) {
			cmd_status(CMD_EXIT_FAIL);
			return;
		}
		rr_kinds_arg = NULL;
		if (opt_view != 0)
			cmd_draw(opt_view, in->log, file, &sel);
		else
			dump_log(in->log, file);
	}
	else if (opt_header)
		snap_header(in->snap);
	else if (opt_json)
		cmd_put_record(rr_snap_json(in->snap), "snapshot");
	else
		cmd_snap_text(in->snap);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "blocks",	no_argument,		NULL, 'b' },
		{ "count",	required_argument,	NULL, 'c' },
		{ "events",	required_argument,	NULL, 'e' },
		{ "header",	no_argument,		NULL, 'H' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "html",	no_argument,		&opt_view, CMD_VIEW_HTML },
		{ "icount",	required_argument,	NULL, 'i' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "kind",	required_argument,	NULL, 'k' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "stats",	no_argument,		NULL, 's' },
		{ "svg",	no_argument,		&opt_view, CMD_VIEW_SVG },
		{ "trace-events", no_argument,		&opt_view,
		    CMD_VIEW_TRACE },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	int ch, views = 0;

	cmd_init("rrdump");
	cmd_select_init(&sel);
	while ((ch = getopt_long(argc, argv, ":bc:e:Hhi:jk:o:sV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 0:		/* --html, --svg, --trace-events */
			views++;
			break;
		case 'b':
			opt_blocks = 1;
			break;
		case 'k':
			opt_kinds = optarg;
			/* QEMU's names are checked against an rr log later. */
			if (cmd_qkinds_parse(&qkinds, optarg) == 0) {
				rr_kinds_arg = optarg;
				break;
			}
			rr_kinds_arg = NULL;
			if (cmd_select_option(&sel, ch, optarg) != 0)
				goto bad;
			break;
		case 'c':
		case 'e':
		case 'i':
			if (cmd_select_option(&sel, ch, optarg) != 0)
				goto bad;
			break;
		case 'H':
			opt_header = 1;
			break;
		case 'h':
			help();
			return cmd_exit();
		case 'j':
			opt_json = 1;
			break;
		case 'o':
			opt_output = optarg;
			break;
		case 's':
			opt_stats = 1;
			break;
		case 'V':
			cmd_version();
			return cmd_exit();
		default:
			cmd_badopt(ch, argv);
			goto bad;
		}
	}
	argc -= optind;
	argv += optind;
	if (views > 1 || (views > 0 && (opt_blocks || opt_header || opt_json ||
	    opt_stats))) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--html, --svg and "
		    "--trace-events are views of their own: one, alone");
		goto bad;
	}
	if (views > 0 && argc > 1) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "a picture is of one "
		    "log, not %d", argc);
		goto bad;
	}
	if (opt_output != NULL && cmd_out_file(opt_output, argv, argc) != 0)
		return cmd_exit();
	cmd_select_files(argv, argc, opt_json, dump_input, NULL);
	/* -o of an input that could not be opened: none, not an empty one. */
	if (opened < (argc > 0 ? argc : 1))
		cmd_out_finish(0);
	return cmd_exit();
bad:
	usage(stderr);
	return CMD_EXIT_FAIL;
}

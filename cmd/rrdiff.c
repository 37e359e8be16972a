/* rrdiff: say where two recordings (or two snapshots) part. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrcheck.h"
#include "../lib/rrjson.h"
#include "../lib/rrsnap.h"
#include "common.h"
#include "qemu.h"
#include "diffshow.h"
#include "draw.h"
#include "../emu/emu.h"

static int	 opt_json, opt_quiet, opt_exact, opt_at_set, opt_html;
static uint64_t	 opt_at;
static const char *name_a, *name_b;
static struct diffshow show;

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-ahjqsVx] [-C context] [-i kinds] [-m max] "
	    "[-t icount]\n              [--html] a b\n", cmd_prog);
}

static void
help(void)
{
	usage(stdout);
	fputs("Say where two recordings, or two snapshots, part.\n"
	    "  -a, --all          every difference, resynchronising on "
	    "instruction count\n"
	    "  -C, --context K    K events of context before a difference "
	    "(default 3)\n"
	    "  -h, --help         print this help and exit\n"
	    "      --html         a page: both timelines, the cause and the "
	    "effect marked\n"
	    "  -i, --ignore KINDS leave these kinds out: clock,entropy; "
	    "mark; output\n"
	    "  -j, --json         JSON Lines: one record per difference\n"
	    "  -m, --max N        with --all: at most N differences\n"
	    "  -q, -s, --quiet    print nothing; only the exit status\n"
	    "  -t, --at ICOUNT    compare the states at this instruction count "
	    "(replays logs)\n"
	    "  -V, --version      print versions and exit\n"
	    "  -x, --exact        replay both logs in lock step: the first "
	    "instruction\n"
	    "                     after which their states differ\n"
	    "Exit 0 the same, 1 different, 2 trouble.  See rrdiff(1).\n",
	    stdout);
}

static json_t *
event_json(const struct rr_diff_event *e)
{
	json_t *j;

	if (e == NULL)
		return json_null();
	j = rr_event_json(&e->ev);
	return j != NULL ? j : json_null();
}

static void
item_json(const struct rr_diff_item *it)
{
	json_t *j, *arr;
	char name[32];
	size_t i;

	if ((j = cmd_jrecord(rr_diff_type_name(it->type), NULL)) == NULL) {
		cmd_jrecord_put(j);
		return;
	}
	switch (it->type) {
	case RR_DIFF_HEADER:
		json_object_set_new(j, "field", json_string(it->field));
		json_object_set_new(j, "a", json_string(it->a_text));
		json_object_set_new(j, "b", json_string(it->b_text));
		break;
	case RR_DIFF_EOF:
		json_object_set_new(j, "file", json_string(it->eof_side == 0 ?
		    name_a : name_b));
		json_object_set_new(j, "events", rr_json_u64(it->eof_events));
		/* FALLTHROUGH */
	case RR_DIFF_EVENT:
	case RR_DIFF_INPUT:
		json_object_set_new(j, "a", event_json(it->a));
		json_object_set_new(j, "b", event_json(it->b));
		if (it->type == RR_DIFF_INPUT)
			break;
		arr = json_array();
		for (i = 0; i < it->nctx; i++)
			json_array_append_new(arr, event_json(&it->ctx_a[i]));
		json_object_set_new(j, "context", arr);
		break;
	case RR_DIFF_STATE:
		json_object_set_new(j, "icount", rr_json_u64(
		    it->a->ev.icount));
		json_object_set_new(j, "event_a", rr_json_u64(
		    it->a->ev.number));
		json_object_set_new(j, "event_b", rr_json_u64(
		    it->b->ev.number));
		arr = json_array();
		for (i = 0; i < it->nparts; i++)
			json_array_append_new(arr, json_string(rr_part_name(
			    it->parts[i], name, sizeof(name))));
		json_object_set_new(j, "parts", arr);
		json_object_set_new(j, "agree_icount", it->have_agree ?
		    rr_json_u64(it->agree_icount) : json_null());
		json_object_set_new(j, "inputs", rr_json_u64(it->inputs));
		arr = json_array();
		for (i = 0; i < it->ncand; i++) {
			json_t *c = json_object();

			json_object_set_new(c, "a", event_json(&it->cand_a[i]));
			json_object_set_new(c, "b", event_json(&it->cand_b[i]));
			json_array_append_new(arr, c);
		}
		json_object_set_new(j, "candidates", arr);
		break;
	}
	cmd_jrecord_put(j);
}

/* Inputs one by one only when every difference is asked for. */
static int opt_all;

/* For --exact: where the states are known to agree, and to part. */
static int	 parted, agree_known, input_seen;
static uint64_t	 input_agree;
static uint64_t	 agree_icount, part_icount;

static void
note_parting(const struct rr_diff_item *it)
{
	/*
	 * Inputs that differ while every checkpoint agrees can still part
	 * the states between checkpoints: search from the checkpoint before
	 * the first of them to the end.
	 */
	if (!parted && it->type == RR_DIFF_INPUT && !input_seen) {
		input_seen = 1;
		input_agree = it->have_agree ? it->agree_icount : 0;
	}
	if (parted || (it->type != RR_DIFF_STATE &&
	    it->type != RR_DIFF_EVENT))
		return;
	parted = 1;
	agree_known = it->have_agree;
	agree_icount = it->agree_icount;
	if (it->type == RR_DIFF_STATE)
		part_icount = it->a->ev.icount;
	else if (it->a != NULL && it->b != NULL)
		part_icount = (it->a->ev.icount > it->b->ev.icount ?
		    it->a->ev.icount : it->b->ev.icount) + 1;
	else
		part_icount = UINT64_MAX;
}

static void
on_item(void *arg, const struct rr_diff_item *it)
{
	(void)arg;
	note_parting(it);
	if (opt_quiet)
		return;
	if (opt_json) {
		if (it->type != RR_DIFF_INPUT || opt_all)
			item_json(it);
	} else if (it->type == RR_DIFF_INPUT && opt_all) {
		cmd_puts("input differs:\n -");
		cmd_event_text(&it->a->ev);
		cmd_puts(" +");
		cmd_event_text(&it->b->ev);
	} else
		diffshow_item(&show, it);
}

static void
summary(const struct rr_diff_report *r)
{
	json_t *j;

	if (opt_quiet)
		return;
	if (opt_json) {
		if ((j = cmd_jrecord("result", NULL)) != NULL) {
			json_object_set_new(j, "same", json_boolean(r->same));
			json_object_set_new(j, "differences",
			    rr_json_u64(r->differences));
			json_object_set_new(j, "inputs", rr_json_u64(r->inputs));
			json_object_set_new(j, "checkpoints",
			    rr_json_u64(r->checkpoints));
			json_object_set_new(j, "blocks_skipped",
			    rr_json_u64(r->blocks_skipped));
		}
		cmd_jrecord_put(j);
		return;
	}
	if (r->inputs > 0 && r->differences == 0)
		cmd_printf("inputs differ; guest state agrees at every "
		    "checkpoint (%llu inputs, %llu checkpoints)\n",
		    (unsigned long long)r->inputs,
		    (unsigned long long)r->checkpoints);
}

/*
 * Standard input, probed once: a snapshot is read whole here, a log is
 * handed to the comparison as an open reader.
 */
static struct cmd_input stdin_in = { NULL, NULL, -1, NULL };

static void
stdin_close(void)
{
	cmd_input_close(&stdin_in);
}

/* A snapshot file, or the one standard input held (taken: new). */
static int
snap_of(struct rr_snap **sp, const char *file, struct rr_error *e)
{
	if (strcmp(file, "-") == 0 && stdin_in.snap != NULL) {
		*sp = stdin_in.snap;
		stdin_in.snap = NULL;
		return RR_OK;
	}
	return rr_snap_read(sp, file, e);
}

static int
diff_snapshots(const char *a, const char *b)
{
	struct rr_snap *sa = NULL, *sb = NULL;
	struct rr_error e;
	uint64_t n = 0;
	int rc = CMD_EXIT_FAIL;

	if (snap_of(&sa, a, &e) != RR_OK) {
		cmd_rrerr(a, &e);
		goto out;
	}
	if (snap_of(&sb, b, &e) != RR_OK) {
		cmd_rrerr(b, &e);
		goto out;
	}
	show.snap_a = sa;
	if (rr_snap_diff(sa, sb, diffshow_field, &show, &n, &e) != RR_OK) {
		cmd_rrerr(a, &e);
		goto out;
	}
	rc = n > 0 ? CMD_EXIT_DATA : CMD_EXIT_OK;
out:
	rr_snap_free(sa);
	rr_snap_free(sb);
	return rc;
}

/* A log or a snapshot as the state at opt_at. */
static struct rr_snap *
state_of(const char *file, int snap)
{
	struct rr_snap *s = NULL;
	struct rr_error e;
	struct emu_report r;

	if (snap) {
		if (snap_of(&s, file, &e) != RR_OK)
			cmd_rrerr(file, &e);
		return s;
	}
	if (emu_state_at(file, cmd_name(file), opt_at, &s, &r) !=
	    EMU_MATCHED) {
		cmd_msg(file, r.err.offset, r.err.event, "%s", r.err.msg);
		rr_snap_free(s);
		return NULL;
	}
	return s;
}

/* --at: the two states at one instruction count, field by field. */
static int
diff_at(int snap_a, int snap_b)
{
	struct rr_snap *sa, *sb = NULL;
	struct rr_error e;
	uint64_t n = 0;
	int rc = CMD_EXIT_FAIL;

	if ((sa = state_of(name_a, snap_a)) == NULL ||
	    (sb = state_of(name_b, snap_b)) == NULL)
		goto out;
	show.snap_a = sa;
	if (rr_snap_diff(sa, sb, diffshow_field, &show, &n, &e) != RR_OK) {
		cmd_rrerr(name_a, &e);
		goto out;
	}
	rc = n > 0 ? CMD_EXIT_DATA : CMD_EXIT_OK;
out:
	rr_snap_free(sa);
	rr_snap_free(sb);
	return rc;
}

/*
 * --exact, after the event comparison found where the runs part: replay
 * both from the last agreeing checkpoint in lock step and show the
 * first instruction after which their states differ.
 */
static void
diff_exact(void)
{
	struct emu_exact x;
	struct emu_report r;
	struct rr_error e;
	uint64_t n;
	json_t *j;
	int rc;

	if (!parted && input_seen) {
		parted = agree_known = 1;
		agree_icount = input_agree;
		part_icount = UINT64_MAX;
	}
	if (!parted)
		return;
	rc = emu_exact_diff(name_a, name_b, cmd_name(name_a), cmd_name(name_b),
	    agree_known ? agree_icount : 0, part_icount, &x, &r);
	if (rc != EMU_MATCHED) {
		cmd_msg(r.blame == EMU_BLAME_LOG_B ? name_b : name_a,
		    r.err.offset, r.err.event, "--exact: %s", r.err.msg);
		cmd_status(CMD_EXIT_FAIL);
		return;
	}
	if (!x.found) {
		if (!opt_quiet)
			cmd_printf("--exact: the states agree after each of "
			    "%llu instructions compared\n",
			    (unsigned long long)x.compared);
		return;
	}
	if (!opt_quiet && opt_json) {
		if ((j = cmd_jrecord("instruction", NULL)) != NULL) {
			char pc[16];

			snprintf(pc, sizeof(pc), "0x%08x", x.pc);
			json_object_set_new(j, "icount", rr_json_u64(x.icount));
			json_object_set_new(j, "pc", json_string(pc));
		}
		cmd_jrecord_put(j);
	} else if (!opt_quiet)
		cmd_printf("first instruction after which the states differ: "
		    "icount %llu, pc 0x%08x\n", (unsigned long long)x.icount,
		    x.pc);
	show.snap_a = x.a;
	if (rr_snap_diff(x.a, x.b, diffshow_field, &show, &n, &e) != RR_OK)
		cmd_rrerr(name_a, &e);
	rr_snap_free(x.a);
	rr_snap_free(x.b);
}

static int
is_snapshot(const char *file)
{
	FILE *f;
	char m[4];
	int yes;

	if (strcmp(file, "-") == 0)
		return stdin_in.snap != NULL;
	if ((f = fopen(file, "rb")) == NULL)
		return 0;
	yes = fread(m, 1, 4, f) == 4 && memcmp(m, "\x89RRS", 4) == 0;
	fclose(f);
	return yes;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all",	no_argument,		NULL, 'a' },
		{ "at",		required_argument,	NULL, 't' },
		{ "context",	required_argument,	NULL, 'C' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "html",	no_argument,		&opt_html, 1 },
		{ "ignore",	required_argument,	NULL, 'i' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "max",	required_argument,	NULL, 'm' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "silent",	no_argument,		NULL, 's' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "exact",	no_argument,		NULL, 'x' },
		{ NULL,		0,			NULL, 0 }
	};
	struct rr_diff_options o;
	struct cmd_qdiff_opts qo;
	struct rr_diff_report rep;
	struct rr_diff *d;
	struct cmd_kinds ign;
	uint64_t n;
	int ch, side, k;

	cmd_init("rrdiff");
	memset(&o, 0, sizeof(o));
	o.context = 3;
	while ((ch = getopt_long(argc, argv, ":aC:hi:jm:qst:Vx", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 0:		/* --html */
			break;
		case 'a':
			opt_all = o.all = 1;
			break;
		case 'C':
			if (cmd_number(optarg, &n) != 0 || n > 64) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
				    "--context: want 0..64, not '%s'", optarg);
				goto bad;
			}
			o.context = (uint32_t)n;
			break;
		case 'h':
			help();
			return cmd_exit();
		case 'i':
			memset(&ign, 0, sizeof(ign));
			if (cmd_kinds_parse(&ign, "--ignore", optarg) != 0)
				goto bad;
			for (k = 0; k < 32; k++)
				o.ignore[k] |= ign.bits[k];
			break;
		case 'j':
			opt_json = 1;
			break;
		case 'm':
			if (cmd_number(optarg, &o.max) != 0 || o.max == 0) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
				    "--max: bad number '%s'", optarg);
				goto bad;
			}
			break;
		case 'q':
		case 's':
			opt_quiet = 1;
			break;
		case 't':
			if (cmd_number(optarg, &opt_at) != 0) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
				    "--at: bad number '%s'", optarg);
				goto bad;
			}
			opt_at_set = 1;
			break;
		case 'V':
			cmd_version();
			return cmd_exit();
		case 'x':
			opt_exact = 1;
			break;
		default:
			cmd_badopt(ch, argv);
			goto bad;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "want two files");
		goto bad;
	}
	if (o.max > 0 && !o.all)
		o.all = opt_all = 1;
	name_a = show.a = argv[0];
	name_b = show.b = argv[1];
	show.json = opt_json;
	show.quiet = opt_quiet;
	if (strcmp(name_a, "-") == 0 && strcmp(name_b, "-") == 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "only one file can be standard input");
		goto bad;
	}
	/* Standard input is probed first: a snapshot or a log. */
	if (strcmp(name_a, "-") == 0 || strcmp(name_b, "-") == 0) {
		atexit(stdin_close);
		if (cmd_input_open(&stdin_in, "-") != 0)
			return cmd_exit();
	}
	/* QEMU's replay logs compare with each other (cmd/qdiff.c). */
	qo.json = opt_json;
	qo.quiet = opt_quiet;
	qo.context = o.context;
	qo.refuse = opt_html ? "--html draws rr logs only" : opt_exact ?
	    "--exact replays rr logs only" : opt_at_set ?
	    "--at needs the state, which a QEMU log has not" : NULL;
	if ((k = cmd_qdiff(name_a, name_b, &stdin_in, &qo)) >= 0) {
		cmd_status(k);
		return cmd_exit();
	}
	if (opt_html && (opt_at_set || opt_exact || opt_json || opt_quiet)) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "--html is a view of its own: not with -j, -q, -t or -x");
		goto bad;
	}
	if (opt_at_set && opt_exact) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "--at and --exact: one or the other");
		goto bad;
	}
	if (opt_html) {
		cmd_status(cmd_diff_html(name_a, name_b, &o));
		return cmd_exit();
	}
	if (opt_at_set) {
		cmd_status(diff_at(is_snapshot(name_a), is_snapshot(name_b)));
		return cmd_exit();
	}
	if (is_snapshot(name_a) || is_snapshot(name_b)) {
		if (opt_exact) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "--exact compares two logs");
			goto bad;
		}
		if (!is_snapshot(name_a) || !is_snapshot(name_b)) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "a log and a "
			    "snapshot compare at an instruction count: --at");
			goto bad;
		}
		cmd_status(diff_snapshots(name_a, name_b));
		return cmd_exit();
	}
	if ((d = rr_diff_new(&o)) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		return CMD_EXIT_FAIL;
	}
	rr_diff_set_item(d, on_item, NULL);
	if (stdin_in.log != NULL) {
		rr_diff_use_reader(d, stdin_in.log);
		stdin_in.log = NULL;
	}
	if (rr_diff_logs(d, name_a, name_b, &rep) != RR_OK) {
		cmd_rrerr(rr_diff_error(d, &side)->kind == RR_E_NONE ? NULL :
		    side == 0 ? name_a : name_b, rr_diff_error(d, NULL));
		rr_diff_free(d);
		cmd_status(CMD_EXIT_FAIL);
		return cmd_exit();
	}
	rr_diff_free(d);
	summary(&rep);
	if (opt_exact)
		diff_exact();
	cmd_status(rep.same ? CMD_EXIT_OK : CMD_EXIT_DATA);
	/* A damaged end is damage, as rrverify says, whatever compared. */
	for (side = 0; side < 2; side++)
		if (rep.end_err[side].kind != RR_E_NONE) {
			cmd_rrerr(side == 0 ? name_a : name_b,
			    &rep.end_err[side]);
			cmd_status(CMD_EXIT_DATA);
		}
	return cmd_exit();
bad:
	usage(stderr);
	return CMD_EXIT_FAIL;
}

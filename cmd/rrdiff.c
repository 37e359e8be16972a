/* rrdiff: say where two recordings (or two snapshots) part. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrcheck.h"
#include "../lib/rrjson.h"
#include "../lib/rrjunit.h"
#include "../lib/rrsnap.h"
#include "common.h"
#include "qemu.h"
#include "diffshow.h"
#include "draw.h"
#include "sym.h"
#include "../emu/emu.h"

static int	 opt_json, opt_quiet, opt_exact, opt_at_set, opt_all;
static int	 opt_html;	/* --html */
/*
 * -k and --ignore: in QEMU's kind names (qkinds, qignore) and in rr's
 * (sel.kinds, ign).  A list that is only one of them is parsed as the
 * other once the files say which applies: rr's later (rr_kinds,
 * rr_ignore), QEMU's refused (qbad_kinds, qbad_ignore).  The last of
 * each option counts.
 */
static struct cmd_kinds qkinds, qignore;
static const char *rr_kinds, *rr_ignore, *qbad_kinds, *qbad_ignore;
static uint64_t	 opt_at;
static const char *name_a, *name_b, *opt_junit, *opt_elf;
static struct cmd_sym *sym;	/* --elf */
static struct diffshow show;
/* For the result record and --junit: the first finding, as text. */
static char	 first_msg[1024];
static int	 have_instr;
static uint64_t	 instr_icount;
static uint32_t	 instr_pc;

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-ahjqVx] [-C context] [-c count] [-e range] "
	    "[-i range]\n              [-k kinds] [-t icount] "
	    "[--ignore kinds] [--junit file]\n              [--color when] [--elf guest.elf] "
	    "[--html] a b\n", cmd_prog);
}

static void
help(void)
{
	usage(stdout);
	fputs("Say where two recordings, or two snapshots, part: the first "
	    "input that\ndiffers (the cause) and where the guest first "
	    "behaves differently (the effect).\n"
	    "  -a, --all          every independent difference, each cause's "
	    "consequences counted\n"
	    "  -C, --context K    K events of context before and after a "
	    "difference (default 3)\n"
	    "  -c, --count N      with --all: at most N differences\n"
	    "  -e, --events RANGE compare only these event numbers\n"
	    "      --elf FILE     name code addresses (-t, -x) from the "
	    "guest's ELF\n"
	    "  -h, --help         print this help and exit\n"
	    "      --html         a page: both timelines, the cause and the "
	    "effect marked\n"
	    "  -i, --icount RANGE compare only events at these instruction "
	    "counts\n"
	    "  -j, --json         JSON Lines: a record per finding, the "
	    "result last\n"
	    "  -k, --kind KINDS   compare only these kinds (^kind: all but "
	    "it)\n"
	    "  -q, --quiet        print nothing on stdout; only the exit "
	    "status\n"
	    "  -t, --at ICOUNT    compare the states at this instruction count "
	    "(replays logs)\n"
	    "  -V, --version      print versions and exit\n"
	    "  -x, --exact        replay both logs in lock step: the first "
	    "instruction\n"
	    "                     after which their states differ\n"
	    "      --color WHEN   colour the text: auto (a terminal), always, "
	    "never\n"
	    "      --ignore KINDS leave these kinds out (as -k ^KINDS)\n"
	    "      --junit FILE   also write the verdict as JUnit XML\n"
	    "Exit 0 the same, 1 different, 2 trouble.  See rrdiff(1).\n",
	    stdout);
}

/* Append "event N icount N" (or "(none)") to buf. */
static void
where_text(char *buf, size_t size, const struct rr_diff_event *k)
{
	size_t n = strlen(buf);

	if (k == NULL)
		snprintf(buf + n, size - n, "(none)");
	else
		snprintf(buf + n, size - n, "event %llu icount %llu",
		    (unsigned long long)k->ev.number,
		    (unsigned long long)k->ev.icount);
}

/* The first finding, one line, for the result record and JUnit. */
static void
note_first(const struct rr_diff_item *it)
{
	const struct rr_diff_event *k = it->a != NULL ? it->a : it->b;
	const char *kind;

	if (first_msg[0] != '\0' || it->type == RR_DIFF_SUMMARY)
		return;
	if (it->type == RR_DIFF_HEADER) {
		snprintf(first_msg, sizeof(first_msg), "header %s differs: "
		    "%s vs %s", it->field, it->a_text, it->b_text);
		return;
	}
	if (it->type == RR_DIFF_EOF) {
		snprintf(first_msg, sizeof(first_msg), "%s ends after %llu "
		    "events; the other goes on", cmd_name(it->eof_side == 0 ?
		    name_a : name_b), (unsigned long long)it->eof_events);
		return;
	}
	kind = rr_kind_name(k->ev.kind);
	snprintf(first_msg, sizeof(first_msg), "%s: %s at ",
	    it->type == RR_DIFF_CAUSE ? "cause" : "effect",
	    kind != NULL ? kind : "unknown");
	where_text(first_msg, sizeof(first_msg), it->a);
	strncat(first_msg, " vs ", sizeof(first_msg) - strlen(first_msg) - 1);
	where_text(first_msg, sizeof(first_msg), it->b);
}

static void
on_item(void *arg, const struct rr_diff_item *it)
{
	(void)arg;
	note_first(it);
	if (opt_quiet)
		return;
	if (opt_json)
		diffshow_item_json(&show, it);
	else
		diffshow_item(&show, it);
}

static void
summary(const struct rr_diff_report *r)
{
	if (opt_quiet || opt_json)
		return;
	if (r->gave_up)
		cmd_printf("the streams part too far to align: more than %d "
		    "events of one log without a partner, by event %llu vs "
		    "%llu\n", RR_DIFF_LAG,
		    (unsigned long long)r->gave_up_event[0],
		    (unsigned long long)r->gave_up_event[1]);
	if (r->cause.set && !r->effect.set && !r->gave_up)
		cmd_printf("%seffect:%s none: the guest behaves the same in every "
		    "event compared (%llu input%s differ%s, %llu checkpoint%s "
		    "agree%s)\n", cmd_paint(CMD_PAINT_EFFECT), cmd_paint_end(),
		    (unsigned long long)r->inputs,
		    r->inputs == 1 ? "" : "s", r->inputs == 1 ? "s" : "",
		    (unsigned long long)r->checkpoints,
		    r->checkpoints == 1 ? "" : "s",
		    r->checkpoints == 1 ? "s" : "");
	if (opt_all)
		cmd_printf("%llu independent difference%s, %llu cause%s\n",
		    (unsigned long long)r->differences,
		    r->differences == 1 ? "" : "s",
		    (unsigned long long)r->causes, r->causes == 1 ? "" : "s");
}

/* The inputs, by id: an output is never written over one. */
static size_t
input_ids(struct rr_fileid *in)
{
	size_t nin = 0;

	if (strcmp(name_a, "-") != 0 && rr_fileid_path(name_a, &in[nin]) == 0)
		nin++;
	if (strcmp(name_b, "-") != 0 && rr_fileid_path(name_b, &in[nin]) == 0)
		nin++;
	return nin;
}

/* --junit names a file that can be written, before any work. */
static int
junit_check(void)
{
	struct rr_fileid in[2];
	struct rr_error e;

	if (opt_junit == NULL)
		return 0;
	if (rr_output_check(opt_junit, in, input_ids(in), &e) != RR_OK) {
		cmd_rrerr(rr_output_name(opt_junit), &e);
		return -1;
	}
	return 0;
}

/* The JUnit report of the comparison, whose exit status is status. */
static void
junit_report(int status)
{
	struct rr_junit *ju;
	struct rr_fileid in[2];
	struct rr_error e;
	char name[1024];

	snprintf(name, sizeof(name), "%s vs %s", cmd_name(name_a),
	    cmd_name(name_b));
	if ((ju = rr_junit_new("rrdiff")) == NULL ||
	    rr_junit_case(ju, name, status, status == 0 ? NULL :
	    first_msg[0] != '\0' ? first_msg : status == 1 ? "different" :
	    "trouble", NULL) != 0) {
		cmd_msg(opt_junit, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
		rr_junit_free(ju);
		return;
	}
	if (rr_junit_write(ju, opt_junit, in, input_ids(in), &e) != RR_OK) {
		cmd_rrerr(rr_output_name(opt_junit), &e);
		cmd_status(CMD_EXIT_FAIL);
	}
	rr_junit_free(ju);
}

/*
 * The JUnit report, then the result record, last, with the status the
 * tool exits with: trouble met anywhere, a report not written, counts.
 */
static void
result(const struct rr_diff_report *r, int status, uint64_t fields)
{
	status = cmd_status(status);
	if (opt_junit != NULL)
		junit_report(status);
	if (opt_json && !opt_quiet)
		diffshow_result_json(r, cmd_status(0), fields, first_msg,
		    have_instr, instr_icount, instr_pc);
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

static uint64_t nfields;

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
	nfields = n;
	if (n > 0)
		snprintf(first_msg, sizeof(first_msg), "%llu snapshot "
		    "field%s differ%s", (unsigned long long)n, n == 1 ? "" :
		    "s", n == 1 ? "s" : "");
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
	struct cmd_progress pg;
	struct emu_progress ep;
	int rc;

	if (snap) {
		if (snap_of(&s, file, &e) != RR_OK)
			cmd_rrerr(file, &e);
		return s;
	}
	rc = emu_state_at(file, cmd_name(file), opt_at, &s,
	    cmd_progress_replay(&pg, file, &ep), &r);
	cmd_progress_clear(&pg);
	if (rc != EMU_MATCHED) {
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
	nfields = n;
	if (n > 0)
		snprintf(first_msg, sizeof(first_msg), "the states at icount "
		    "%llu differ in %llu field%s", (unsigned long long)opt_at,
		    (unsigned long long)n, n == 1 ? "" : "s");
	rc = n > 0 ? CMD_EXIT_DATA : CMD_EXIT_OK;
out:
	rr_snap_free(sa);
	rr_snap_free(sb);
	return rc;
}

/*
 * --exact, after the event comparison found where the runs part: replay
 * both from where the states last agreed in lock step and show the
 * first instruction after which their states differ.
 */
static void
diff_exact(const struct rr_diff_report *rep)
{
	struct emu_exact x;
	struct emu_report r;
	struct cmd_progress pg;
	struct emu_progress ep;
	const struct emu_progress *told;
	struct rr_error e;
	char pc[200];
	uint64_t n, part = UINT64_MAX;
	int rc;

	if (!rep->cause.set && !rep->effect.set)
		return;
	if (rep->effect.set && rep->effect.icount[0] != UINT64_MAX &&
	    rep->effect.icount[1] != UINT64_MAX)
		part = (rep->effect.icount[0] > rep->effect.icount[1] ?
		    rep->effect.icount[0] : rep->effect.icount[1]) + 1;
	told = cmd_progress_replay(&pg, name_a, &ep);
	pg.vs = name_b;
	rc = emu_exact_diff(name_a, name_b, cmd_name(name_a), cmd_name(name_b),
	    rep->have_agree ? rep->agree_icount : 0, part, told, &x, &r);
	cmd_progress_clear(&pg);
	if (rc != EMU_MATCHED) {
		cmd_msg(r.blame == EMU_BLAME_LOG_B ? name_b : name_a,
		    r.err.offset, r.err.event, "--exact: %s", r.err.msg);
		cmd_status(CMD_EXIT_FAIL);
		return;
	}
	if (!x.found) {
		if (!opt_quiet && !opt_json)
			cmd_printf("--exact: the states %sagree%s after each "
			    "of %llu instructions compared\n",
			    cmd_paint(CMD_PAINT_GOOD), cmd_paint_end(),
			    (unsigned long long)x.compared);
		return;
	}
	have_instr = 1;
	instr_icount = x.icount;
	instr_pc = x.pc;
	if (!opt_quiet && opt_json)
		diffshow_instruction_json(x.icount, x.pc, cmd_sym_name(sym,
		    x.pc, pc, sizeof(pc)) == 0 ? pc : NULL);
	else if (!opt_quiet)
		cmd_printf("%sfirst instruction after which the states "
		    "differ:%s icount %llu, pc %s\n",
		    cmd_paint(CMD_PAINT_EFFECT), cmd_paint_end(),
		    (unsigned long long)x.icount,
		    cmd_sym_addr(sym, x.pc, pc, sizeof(pc)));
	show.snap_a = x.a;
	if (rr_snap_diff(x.a, x.b, diffshow_field, &show, &n, &e) != RR_OK)
		cmd_rrerr(name_a, &e);
	rr_snap_free(x.a);
	rr_snap_free(x.b);
}

/*
 * Ranges counted from the end (~N) need each log's extent: resolved per
 * log into o.  0, or -1 after a message.
 */
static int
resolve_ranges(const struct cmd_select *sel, struct rr_diff_options *o)
{
	const char *names[2] = { name_a, name_b };
	struct rr_reader *r;
	struct rr_error e;
	uint64_t n, last_ic;
	int i;

	if (!sel->events.set && !sel->icount.set)
		return 0;
	o->ranged = 1;
	if (cmd_select_from_end(sel) && (strcmp(name_a, "-") == 0 ||
	    strcmp(name_b, "-") == 0)) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "a range from the "
		    "end (~N) needs a file, not standard input");
		return -1;
	}
	for (i = 0; i < 2; i++) {
		n = last_ic = UINT64_MAX;
		if (cmd_select_from_end(sel)) {
			if (rr_reader_open(&r, names[i], &e) != RR_OK) {
				/* A QEMU log's ranges: cmd/qdiff.c. */
				if (rr_qreplay_refuse_path(names[i], "", &e))
					return 0;
				cmd_rrerr(names[i], &e);
				return -1;
			}
			if (rr_reader_extent(r, &n, &last_ic) != RR_OK ||
			    n == 0) {
				cmd_rrerr(names[i], rr_reader_error(r));
				rr_reader_close(r);
				return -1;
			}
			rr_reader_close(r);
			n--;
		}
		o->ev_lo[i] = o->ic_lo[i] = 0;
		o->ev_hi[i] = o->ic_hi[i] = UINT64_MAX;
		if (sel->events.set && cmd_range_resolve(&sel->events, n,
		    &o->ev_lo[i], &o->ev_hi[i]) != 0)
			o->ev_lo[i] = UINT64_MAX, o->ev_hi[i] = 0;
		if (sel->icount.set && cmd_range_resolve(&sel->icount, last_ic,
		    &o->ic_lo[i], &o->ic_hi[i]) != 0)
			o->ic_lo[i] = UINT64_MAX, o->ic_hi[i] = 0;
	}
	return 0;
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

/* Compare two logs; the exit status. */
static int
diff_logs(const struct rr_diff_options *o, struct rr_diff_report *rep)
{
	struct rr_diff *d;
	int side, st;

	if ((d = rr_diff_new(o)) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		return CMD_EXIT_FAIL;
	}
	rr_diff_set_item(d, on_item, NULL);
	if (stdin_in.log != NULL) {
		rr_diff_use_reader(d, stdin_in.log);
		stdin_in.log = NULL;
	}
	if (rr_diff_logs(d, name_a, name_b, rep) != RR_OK) {
		const struct rr_error *e = rr_diff_error(d, &side);

		cmd_rrerr(e->kind == RR_E_NONE ? NULL : side == 0 ? name_a :
		    name_b, e);
		snprintf(first_msg, sizeof(first_msg), "%s: %s",
		    cmd_name(side == 0 ? name_a : name_b), e->msg);
		rr_diff_free(d);
		return CMD_EXIT_FAIL;
	}
	rr_diff_free(d);
	summary(rep);
	if (opt_exact)
		diff_exact(rep);
	st = rep->same ? CMD_EXIT_OK : CMD_EXIT_DATA;
	/* A damaged end is damage, as rrverify says, whatever compared. */
	for (side = 0; side < 2; side++)
		if (rep->end_err[side].kind != RR_E_NONE) {
			cmd_rrerr(side == 0 ? name_a : name_b,
			    &rep->end_err[side]);
			if (first_msg[0] == '\0')
				snprintf(first_msg, sizeof(first_msg), "%s: %s",
				    cmd_name(side == 0 ? name_a : name_b),
				    rep->end_err[side].msg);
			st = CMD_EXIT_DATA;
		}
	return st;
}

/* The guest image file was recorded from (a log or a snapshot). */
static int
image_of(const char *file, uint64_t *hash)
{
	struct cmd_input in;
	const struct cmd_input *p = &in;
	int rc = -1;

	if (strcmp(file, "-") == 0)
		p = &stdin_in;
	else if (cmd_input_open(&in, file) != 0) {
		cmd_input_close(&in);
		return -1;
	}
	if (p->log != NULL) {
		*hash = rr_reader_header(p->log)->image_hash;
		rc = 0;
	} else if (p->snap != NULL) {
		*hash = rr_snap_meta(p->snap)->hdr.image_hash;
		rc = 0;
	}
	if (p == &in)
		cmd_input_close(&in);
	return rc;
}

/*
 * --elf: the image both files were recorded from, its names read.  0,
 * or -1 after a message.
 */
static int
open_elf(void)
{
	uint64_t ha, hb;

	if (image_of(name_a, &ha) != 0 || image_of(name_b, &hb) != 0)
		return -1;
	if (ha != hb) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--elf: %s and %s "
		    "were recorded from different guest images (hash %016llx, "
		    "%016llx)", cmd_name(name_a), cmd_name(name_b),
		    (unsigned long long)ha, (unsigned long long)hb);
		return -1;
	}
	return cmd_sym_open(&sym, opt_elf, &ha);
}

/* Which comparison the options ask for; its exit status. */
static int
run(const struct rr_diff_options *o, struct rr_diff_report *rep)
{
	if (opt_at_set && opt_exact) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "--at and --exact: one or the other");
		return -1;
	}
	if (opt_elf != NULL && !opt_at_set && !opt_exact) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--elf names the "
		    "addresses --at and --exact find: give one");
		return -1;
	}
	if (opt_elf != NULL && open_elf() != 0) {
		first_msg[0] = '\0';
		return CMD_EXIT_FAIL;
	}
	if (sym != NULL) {
		show.symbolize = cmd_sym_hook;
		show.sym_arg = sym;
	}
	if (opt_at_set)
		return diff_at(is_snapshot(name_a), is_snapshot(name_b));
	if (is_snapshot(name_a) || is_snapshot(name_b)) {
		if (opt_exact) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "--exact compares two logs");
			return -1;
		}
		if (!is_snapshot(name_a) || !is_snapshot(name_b)) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "a log and a "
			    "snapshot compare at an instruction count: --at");
			return -1;
		}
		return diff_snapshots(name_a, name_b);
	}
	return diff_logs(o, rep);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all",	no_argument,		NULL, 'a' },
		{ "at",		required_argument,	NULL, 't' },
		{ "color",	required_argument,	NULL, 'C' + 256 },
		{ "context",	required_argument,	NULL, 'C' },
		{ "elf",	required_argument,	NULL, 'E' },
		{ "count",	required_argument,	NULL, 'c' },
		{ "events",	required_argument,	NULL, 'e' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "html",	no_argument,		&opt_html, 1 },
		{ "icount",	required_argument,	NULL, 'i' },
		{ "ignore",	required_argument,	NULL, 'I' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "junit",	required_argument,	NULL, 'J' },
		{ "kind",	required_argument,	NULL, 'k' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "silent",	no_argument,		NULL, 'q' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "exact",	no_argument,		NULL, 'x' },
		{ NULL,		0,			NULL, 0 }
	};
	struct rr_diff_options o;
	struct cmd_qdiff_opts qo;
	struct rr_diff_report rep;
	struct cmd_select sel;
	struct cmd_kinds ign;
	char qbad_msg[256];
	uint64_t n;
	int ch, k, st;

	cmd_init("rrdiff");
	memset(&o, 0, sizeof(o));
	memset(&rep, 0, sizeof(rep));
	memset(&ign, 0, sizeof(ign));
	cmd_select_init(&sel);
	cmd_kinds_all(&qkinds);
	o.context = 3;
	while ((ch = getopt_long(argc, argv, ":aC:c:e:hi:jk:qt:Vx", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 0:		/* --html */
			break;
		case 'a':
			opt_all = o.all = 1;
			break;
		case 'C' + 256:
			if (cmd_color_option(optarg) != 0)
				goto bad;
			break;
		case 'C':
			if (cmd_number(optarg, &n) != 0 || n > 64) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
				    "--context: want 0..64, not '%s'", optarg);
				goto bad;
			}
			o.context = (uint32_t)n;
			break;
		case 'c':
			if (cmd_number(optarg, &o.max) != 0 || o.max == 0) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
				    "--count: want a number over 0, not '%s'",
				    optarg);
				goto bad;
			}
			break;
		case 'E':
			opt_elf = optarg;
			break;
		case 'e':
		case 'i':
			if (cmd_select_option(&sel, ch, optarg) != 0)
				goto bad;
			break;
		case 'k':
			rr_kinds = qbad_kinds = NULL;
			if (cmd_qkinds_parse(&qkinds, optarg) == 0)
				rr_kinds = optarg;
			else if (cmd_select_option(&sel, ch, optarg) != 0)
				goto bad;
			else
				qbad_kinds = optarg;
			break;
		case 'h':
			help();
			return cmd_exit();
		case 'I':
			rr_ignore = qbad_ignore = NULL;
			if (cmd_qkinds_parse(&qignore, optarg) == 0)
				rr_ignore = optarg;
			else if (cmd_kinds_parse(&ign, "--ignore", optarg) != 0)
				goto bad;
			else
				qbad_ignore = optarg;
			break;
		case 'j':
			opt_json = 1;
			break;
		case 'J':
			opt_junit = optarg;
			break;
		case 'q':
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
	if (o.max > 0)
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
	if (junit_check() != 0) {
		cmd_status(CMD_EXIT_FAIL);
		return cmd_exit();
	}
	if (resolve_ranges(&sel, &o) != 0) {
		cmd_status(CMD_EXIT_FAIL);
		return cmd_exit();
	}
	/* Standard input is probed first: a snapshot or a log. */
	if (strcmp(name_a, "-") == 0 || strcmp(name_b, "-") == 0) {
		atexit(stdin_close);
		if (cmd_input_open(&stdin_in, "-") != 0) {
			result(&rep, CMD_EXIT_OK, 0);
			return cmd_exit();
		}
		/*
		 * --exact and --at replay the logs, reading them again: a log
		 * on a pipe (read once) is refused before anything is said.
		 */
		if ((opt_exact || opt_at_set) && stdin_in.log != NULL &&
		    lseek(STDIN_FILENO, 0, SEEK_CUR) == -1) {
			snprintf(first_msg, sizeof(first_msg), "%s: standard "
			    "input is a pipe, which can be read only once: give "
			    "the log as a file", opt_exact ? "--exact" : "--at");
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s", first_msg);
			result(&rep, CMD_EXIT_FAIL, 0);
			return cmd_exit();
		}
	}
	/* QEMU's replay logs compare with each other (cmd/qdiff.c). */
	memset(&qo, 0, sizeof(qo));
	qo.json = opt_json;
	qo.quiet = opt_quiet;
	qo.all = opt_all;
	qo.max = o.max;
	qo.context = o.context;
	qo.sel = &sel;
	for (k = 0; k < (int)sizeof(qo.kinds.bits); k++)
		qo.kinds.bits[k] = (uint8_t)(qkinds.bits[k] & ~qignore.bits[k]);
	qo.first = first_msg;
	qo.first_size = sizeof(first_msg);
	if (qbad_kinds != NULL || qbad_ignore != NULL)
		snprintf(qbad_msg, sizeof(qbad_msg), "%s %s: not a list of "
		    "QEMU replay kinds", qbad_kinds != NULL ? "--kind" :
		    "--ignore", qbad_kinds != NULL ? qbad_kinds : qbad_ignore);
	qo.refuse = opt_html ? "--html draws rr logs only" : opt_exact ?
	    "--exact replays rr logs only" : opt_at_set ?
	    "--at needs the state, which a QEMU log has not" :
	    opt_elf != NULL ? "--elf names what --at and --exact find in "
	    "rr logs" : qbad_kinds != NULL || qbad_ignore != NULL ? qbad_msg :
	    NULL;
	if ((k = cmd_qdiff(name_a, name_b, &stdin_in, &qo)) >= 0) {
		k = cmd_status(k);
		if (opt_junit != NULL)
			junit_report(k);
		return cmd_exit();
	}
	/* rr logs: their kind names, what -k leaves and --ignore names out. */
	if ((rr_kinds != NULL && cmd_select_option(&sel, 'k', rr_kinds) != 0) ||
	    (rr_ignore != NULL && cmd_kinds_parse(&ign, "--ignore",
	    rr_ignore) != 0))
		goto bad;
	for (k = 0; k < 32; k++)
		o.ignore[k] = (uint8_t)(~sel.kinds.bits[k] | ign.bits[k]);
	o.ignore_other = !sel.kinds.other || ign.other;
	if (opt_html) {
		if (opt_at_set || opt_exact || opt_json || opt_quiet ||
		    opt_junit != NULL) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--html is a "
			    "view of its own: not with -j, -q, -t, -x or "
			    "--junit");
			goto bad;
		}
		cmd_status(cmd_diff_html(name_a, name_b, &o));
		return cmd_exit();
	}
	if ((st = run(&o, &rep)) < 0)
		goto bad;
	result(&rep, st, nfields);
	cmd_sym_close(sym);
	return cmd_exit();
bad:
	usage(stderr);
	return CMD_EXIT_FAIL;
}

/* rrverify: say whether a recording or a snapshot can be trusted. */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrcheck.h"
#include "../lib/rrjson.h"
#include "../lib/rrjunit.h"
#include "../lib/rrsnap.h"
#include "common.h"
#include "qemu.h"
#include "../emu/emu.h"

static int	 opt_json, opt_quiet, opt_replay;
static const char *opt_snapshot, *opt_log, *opt_junit;

/*
 * The file being checked: its exit status and its first problem (the
 * JUnit failure message); over all files, for the result record.
 */
static int	 case_st;
static char	 case_msg[512];
static struct rr_junit *junit;
static uint64_t	 nchecked, nfailed;
static char	 first_file[512], first_msg[512];

static void	 note(int st, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* Raise the file's status; the first message given is kept. */
static void
note(int st, const char *fmt, ...)
{
	va_list ap;

	if (st > case_st)
		case_st = st;
	if (case_msg[0] != '\0' || fmt == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(case_msg, sizeof(case_msg), fmt, ap);
	va_end(ap);
}

static void
case_begin(void)
{
	case_st = 0;
	case_msg[0] = '\0';
}

/* The file is done: a JUnit test case, and the totals. */
static void
case_end(const char *file)
{
	nchecked++;
	if (case_st != 0 && nfailed++ == 0) {
		snprintf(first_file, sizeof(first_file), "%s", file);
		snprintf(first_msg, sizeof(first_msg), "%s", case_msg);
	}
	if (junit != NULL && rr_junit_case(junit, cmd_name(file), case_st,
	    case_st == 0 ? NULL : case_msg[0] != '\0' ? case_msg :
	    case_st == 1 ? "not valid" : "trouble", NULL) != 0) {
		cmd_msg(opt_junit, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
	}
}

/* The result record, last, and the JUnit report (never over one of
   files). */
static void
finish_report(char **files, int nfiles)
{
	struct rr_fileid *in;
	size_t nin = 0;
	int i;

	struct rr_error e;
	json_t *j;

	if (opt_json && !opt_quiet) {
		if ((j = cmd_jrecord("verify_result", NULL)) != NULL) {
			json_object_set_new(j, "status",
			    json_integer(cmd_status(0)));
			json_object_set_new(j, "files", rr_json_u64(nchecked));
			json_object_set_new(j, "failed", rr_json_u64(nfailed));
			json_object_set_new(j, "first", nfailed == 0 ?
			    json_null() : json_pack("{s:s,s:s}", "file",
			    first_file, "message", first_msg));
		}
		cmd_jrecord_put(j);
	}
	if (junit == NULL)
		return;
	if ((in = calloc((size_t)nfiles + 1, sizeof(*in))) == NULL) {
		cmd_msg(opt_junit, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
		rr_junit_free(junit);
		junit = NULL;
		return;
	}
	for (i = 0; i < nfiles; i++)
		if (files[i] != NULL && strcmp(files[i], "-") != 0 &&
		    rr_fileid_path(files[i], &in[nin]) == 0)
			nin++;
	if (rr_junit_write(junit, opt_junit, in, nin, &e) != RR_OK) {
		cmd_rrerr(rr_output_name(opt_junit), &e);
		cmd_status(CMD_EXIT_FAIL);
	}
	free(in);
	rr_junit_free(junit);
	junit = NULL;
}

/* The file being verified, for the callbacks. */
struct ctx {
	const char	*file;
	struct timespec	 start;
	int		 shown;		/* progress on the terminal */
	int		 tty;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-hjqrV] [--junit file] [file ...]\n"
	    "       %s [-hjqV] [--junit file] -S snapshot [-l log]\n",
	    cmd_prog, cmd_prog);
}

static void
help(void)
{
	usage(stdout);
	fputs("Check replay logs or a snapshot; one verdict per file: valid, "
	    "truncated,\ncorrupt or unsupported.\n"
	    "  -h, --help          print this help and exit\n"
	    "  -j, --json          JSON Lines: a record per problem and per "
	    "file\n"
	    "  -l, --log FILE      with --snapshot: the recording it must "
	    "belong to\n"
	    "  -q, --quiet         print nothing but why the status is 2\n"
	    "  -r, --replay        also replay each log through the emulator\n"
	    "  -S, --snapshot FILE check a snapshot file\n"
	    "  -V, --version       print versions and exit\n"
	    "      --junit FILE    also write the verdicts as JUnit XML, a "
	    "test case per file\n"
	    "Exit 0 all valid, 1 any truncated, corrupt or diverging, 2 "
	    "trouble.  See rrverify(1).\n", stdout);
}

/* Emit a JSON record; takes the reference. */
static void
clear_progress(struct ctx *c)
{
	if (c->shown) {
		fputs("\r\033[K", stderr);
		c->shown = 0;
	}
}

/* Progress only on a terminal, and only once the work took a second. */
static void
progress(void *arg, uint64_t off, uint64_t size)
{
	struct ctx *c = arg;
	struct timespec now;
	double t;

	if (!c->tty || size == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	t = (double)(now.tv_sec - c->start.tv_sec) +
	    (double)(now.tv_nsec - c->start.tv_nsec) / 1e9;
	if (t < 1.0)
		return;
	fprintf(stderr, "\r%s: %s: %3d%%", cmd_prog, cmd_name(c->file),
	    (int)(off * 100 / size));
	c->shown = 1;
}

static void
on_problem(void *arg, const struct rr_problem *p)
{
	struct ctx *c = arg;
	json_t *j;

	if (p->offset != RR_NO_OFFSET && p->event != RR_NO_EVENT)
		note(0, "offset %llu: event %llu: %s",
		    (unsigned long long)p->offset,
		    (unsigned long long)p->event, p->msg);
	else if (p->offset != RR_NO_OFFSET)
		note(0, "offset %llu: %s", (unsigned long long)p->offset,
		    p->msg);
	else
		note(0, "%s", p->msg);
	/* -q hides what the data is, never why the status is 2. */
	if (opt_quiet) {
		if (p->kind == RR_E_UNSUPPORTED)
			cmd_msg(c->file, p->offset, p->event, "%s", p->msg);
		return;
	}
	clear_progress(c);
	if (!opt_json) {
		cmd_msg(c->file, p->offset, p->event, "%s", p->msg);
		return;
	}
	if ((j = cmd_jrecord("problem", c->file)) != NULL) {
		json_object_set_new(j, "kind", json_string(rr_errkind_name(
		    p->kind)));
		json_object_set_new(j, "check", json_string(p->check));
		json_object_set_new(j, "offset", p->offset == RR_NO_OFFSET ?
		    json_null() : rr_json_u64(p->offset));
		json_object_set_new(j, "event", p->event == RR_NO_EVENT ?
		    json_null() : rr_json_u64(p->event));
		json_object_set_new(j, "block", p->block == RR_NO_BLOCK ?
		    json_null() : rr_json_u64(p->block));
		json_object_set_new(j, "message", json_string(p->msg));
	}
	cmd_jrecord_put(j);
}

/* The salvage target: IN with .rr replaced by .salvaged.rr. */
static void
salvage_name(char *buf, size_t size, const char *file)
{
	size_t n = strlen(file);

	if (n > 3 && strcmp(file + n - 3, ".rr") == 0)
		n -= 3;
	snprintf(buf, size, "%.*s.salvaged.rr", (int)n, file);
}

static void
names_list(char *buf, size_t size, const uint32_t *v, int n)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%u",
		    i ? ", " : "", v[i]);
}

static void
verdict_text(const char *file, const struct rr_verify_report *r)
{
	char out[1024], names[128], qa[4100], qb[4100];

	cmd_puts(cmd_name(file));
	cmd_printf(": %s\n", rr_verdict_name(r->verdict));
	if (r->verdict == RR_VERDICT_UNSUPPORTED)
		return;
	cmd_printf("  %llu blocks, %llu events, %llu checkpoints, %llu "
	    "keyframes (%llu matching a checkpoint)\n",
	    (unsigned long long)r->blocks, (unsigned long long)r->events,
	    (unsigned long long)r->checkpoints,
	    (unsigned long long)r->keyframes,
	    (unsigned long long)r->keyframes_matched);
	if (r->unknown_events > 0) {
		names_list(names, sizeof(names), r->unknown_kinds,
		    r->nunknown_kinds);
		cmd_printf("  %llu events of unknown kinds (%s) of version "
		    "%u.%u skipped\n", (unsigned long long)r->unknown_events,
		    names, r->hdr.major, r->hdr.minor);
	}
	if (r->gaps > 0)
		cmd_printf("  note: %llu gap%s marked, the first at event "
		    "%llu (icount %llu): events are missing there, and the "
		    "recording resumes at icount %llu (event %llu of the "
		    "original); a replay stops at the first gap\n",
		    (unsigned long long)r->gaps, r->gaps == 1 ? "" : "s",
		    (unsigned long long)r->gap_event,
		    (unsigned long long)r->gap_icount,
		    (unsigned long long)r->gap_resume_icount,
		    (unsigned long long)r->gap_resume_event);
	if (r->unknown_blocks > 0) {
		names_list(names, sizeof(names), r->unknown_types,
		    r->nunknown_types);
		cmd_printf("  %llu blocks of unknown types (%s) skipped\n",
		    (unsigned long long)r->unknown_blocks, names);
	}
	if (r->verdict == RR_VERDICT_VALID)
		return;
	cmd_printf("  good: %llu events, instructions 0..%llu, %llu bytes "
	    "before the first damage\n", (unsigned long long)r->good_events,
	    (unsigned long long)r->good_icount,
	    (unsigned long long)r->good_bytes);
	if (r->verdict == RR_VERDICT_CORRUPT) {
		if (r->after_events > 0)
			cmd_printf("  after the damage: %llu events can still "
			    "be read, from event %llu\n",
			    (unsigned long long)r->after_events,
			    (unsigned long long)r->after_first_event);
		else
			cmd_printf("  after the damage: no events can be "
			    "read\n");
	}
	if (r->good_events == 0 && r->after_events == 0) {
		cmd_puts("  salvage: no events to salvage\n");
		return;
	}
	if (strcmp(file, "-") == 0) {
		/* rrcut seeks: a pipe read once cannot be salvaged. */
		cmd_puts("  salvage: save the input to a file, then rrcut "
		    "--salvage FILE -o salvaged.rr\n");
		return;
	}
	salvage_name(out, sizeof(out), file);
	/* A command to paste: each name one shell word. */
	cmd_printf("  salvage: rrcut --salvage %s -o %s\n",
	    cmd_shellword(qa, sizeof(qa), file),
	    cmd_shellword(qb, sizeof(qb), out));
}

static void
verdict_json(const char *file, const struct rr_verify_report *r)
{
	json_t *j;
	char out[1024], cmdline[8400], qa[4100], qb[4100];

#define U(v)	rr_json_u64(v)
	if ((j = cmd_jrecord("verdict", file)) == NULL) {
		cmd_jrecord_put(j);
		return;
	}
	json_object_set_new(j, "verdict", json_string(rr_verdict_name(
	    r->verdict)));
	json_object_set_new(j, "problems", U(r->problems));
	json_object_set_new(j, "blocks", U(r->blocks));
	json_object_set_new(j, "events", U(r->events));
	json_object_set_new(j, "checkpoints", U(r->checkpoints));
	json_object_set_new(j, "keyframes", U(r->keyframes));
	json_object_set_new(j, "keyframes_matched", U(r->keyframes_matched));
	json_object_set_new(j, "unknown_events", U(r->unknown_events));
	json_object_set_new(j, "unknown_blocks", U(r->unknown_blocks));
	json_object_set_new(j, "closed", json_boolean(r->closed));
	if (r->gaps > 0) {
		json_object_set_new(j, "gaps", U(r->gaps));
		json_object_set_new(j, "gap_event", U(r->gap_event));
		json_object_set_new(j, "gap_icount", U(r->gap_icount));
		json_object_set_new(j, "gap_resume_icount",
		    U(r->gap_resume_icount));
	}
	if (r->verdict == RR_VERDICT_TRUNCATED ||
	    r->verdict == RR_VERDICT_CORRUPT) {
		json_object_set_new(j, "good_events", U(r->good_events));
		json_object_set_new(j, "good_icount", U(r->good_icount));
		json_object_set_new(j, "good_bytes", U(r->good_bytes));
		json_object_set_new(j, "damage_offset",
		    r->damage_offset == RR_NO_OFFSET ? json_null() :
		    U(r->damage_offset));
		json_object_set_new(j, "after_events", U(r->after_events));
		/*
		 * As the text: no command when there is nothing to keep,
		 * or the input was a pipe (rrcut needs to seek).
		 */
		if ((r->good_events == 0 && r->after_events == 0) ||
		    strcmp(file, "-") == 0) {
			json_object_set_new(j, "salvage", json_null());
		} else {
			salvage_name(out, sizeof(out), file);
			snprintf(cmdline, sizeof(cmdline), "rrcut --salvage "
			    "%s -o %s", cmd_shellword(qa, sizeof(qa), file),
			    cmd_shellword(qb, sizeof(qb), out));
			json_object_set_new(j, "salvage",
			    json_string(cmdline));
		}
	}
#undef U
	cmd_jrecord_put(j);
}

static int
verdict_status(int verdict)
{
	switch (verdict) {
	case RR_VERDICT_VALID:
		return CMD_EXIT_OK;
	case RR_VERDICT_UNSUPPORTED:
		return CMD_EXIT_FAIL;
	default:
		return CMD_EXIT_DATA;
	}
}

/* ---- the machine: --replay, --snapshot, --log ---- */

/* Where a replay parted: pc, the parts, the last agreement. */
static void
divergence_json(json_t *j, const struct emu_report *r)
{
	json_t *arr = json_array();
	char pc[16], name[32];
	uint32_t i;

	snprintf(pc, sizeof(pc), "0x%08x", r->err.pc);
	json_object_set_new(j, "pc", json_string(pc));
	json_object_set_new(j, "divergence_icount", rr_json_u64(r->err.icount));
	for (i = 0; arr != NULL && i < r->nparts; i++)
		json_array_append_new(arr, json_string(rr_part_name(
		    r->parts[i], name, sizeof(name))));
	json_object_set_new(j, "parts", arr != NULL ? arr : json_null());
	json_object_set_new(j, "agree_icount", rr_json_u64(r->agreed));
}

/* One line (or record) for a check that ran the machine. */
static void
machine_verdict(const char *what, const char *file, const char *verdict,
    const struct emu_report *r)
{
	json_t *j;

	if (opt_quiet)
		return;
	if (!opt_json) {
		cmd_printf("%s: %s: %s", cmd_name(file),
		    strcmp(what, "snapshot_verdict") == 0 ? "snapshot" :
		    strcmp(what, "snapshot_log") == 0 ? "log" : what, verdict);
		/* Counts only of a replay that ran: none when the
		   snapshot belongs to another recording. */
		if (r != NULL && r->result != EMU_TROUBLE && r->replayed)
			cmd_printf(" (%llu instructions, %llu events)",
			    (unsigned long long)r->icount,
			    (unsigned long long)r->events);
		cmd_putc('\n');
		return;
	}
	if ((j = cmd_jrecord(what, file)) != NULL) {
		json_object_set_new(j, "verdict", json_string(verdict));
		if (r != NULL && r->replayed) {
			json_object_set_new(j, "icount", rr_json_u64(r->icount));
			json_object_set_new(j, "events", rr_json_u64(r->events));
		}
		if (r != NULL) {
			if (r->err.msg[0] != '\0')
				json_object_set_new(j, "message",
				    json_string(r->err.msg));
		}
		if (r != NULL && r->result == EMU_DIVERGED &&
		    strcmp(what, "replay") == 0)
			divergence_json(j, r);
	}
	cmd_jrecord_put(j);
}

static void
verify_replay(const char *file)
{
	struct emu_report r;

	switch (emu_verify_replay(file, cmd_name(file), &r)) {
	case EMU_MATCHED:
	case EMU_UNFINISHED:
		/* The guest stopped stuck in the recording and the replay. */
		if (!opt_quiet && r.err.kind == EMU_E_STUCK)
			cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s",
			    r.err.msg);
		machine_verdict("replay", file, "matches", &r);
		return;
	case EMU_DIVERGED:
		note(CMD_EXIT_DATA, "replay: %s", r.err.msg);
		if (!opt_quiet)
			cmd_msg(file, r.err.offset, RR_NO_EVENT, "%s",
			    r.err.msg);
		machine_verdict("replay", file, "diverges", &r);
		cmd_status(CMD_EXIT_DATA);
		return;
	default:
		note(CMD_EXIT_FAIL, "replay: %s", r.err.msg);
		cmd_msg(file, r.err.offset, r.err.event, "%s", r.err.msg);
		cmd_status(CMD_EXIT_FAIL);
		return;
	}
}

/*
 * A snapshot: its container (librr), then as this machine's state
 * (every section, field type, size and range, RAM size, the state hash
 * recomputed), then with a log, the state the log says it had.
 */
static void
verify_snapshot(const char *snap, const char *log)
{
	struct rr_snap *s;
	struct rr_error e;
	struct emu_check *chk;
	struct emu_report r;
	char msg[256];
	int rc;

	if (rr_snap_read(&s, snap, &e) != RR_OK) {
		if (!opt_quiet || e.kind == RR_E_IO || e.kind == RR_E_NOMEM ||
		    e.kind == RR_E_UNSUPPORTED)
			cmd_rrerr(snap, &e);
		note(e.kind == RR_E_IO || e.kind == RR_E_NOMEM ||
		    e.kind == RR_E_UNSUPPORTED ? CMD_EXIT_FAIL :
		    CMD_EXIT_DATA, "%s", e.msg);
		if (e.kind == RR_E_IO || e.kind == RR_E_NOMEM) {
			cmd_status(CMD_EXIT_FAIL);
			return;
		}
		machine_verdict("snapshot_verdict", snap, e.kind == RR_E_UNSUPPORTED ?
		    "unsupported" : e.kind == RR_E_TRUNCATED ? "truncated" :
		    "corrupt", NULL);
		cmd_status(e.kind == RR_E_UNSUPPORTED ? CMD_EXIT_FAIL :
		    CMD_EXIT_DATA);
		return;
	}
	if ((chk = emu_check_new()) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		note(CMD_EXIT_FAIL, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
		rr_snap_free(s);
		return;
	}
	rc = emu_check_snap(chk, s, msg, sizeof(msg));
	emu_check_free(chk);
	if (rc != 0) {
		if (!opt_quiet)
			cmd_msg(snap, RR_NO_OFFSET, RR_NO_EVENT, "%s", msg);
		note(CMD_EXIT_DATA, "%s", msg);
		machine_verdict("snapshot_verdict", snap, "corrupt", NULL);
		cmd_status(CMD_EXIT_DATA);
		rr_snap_free(s);
		return;
	}
	machine_verdict("snapshot_verdict", snap, "valid", NULL);
	if (log != NULL) {
		switch (emu_verify_snap_log(s, log, cmd_name(log), &r)) {
		case EMU_MATCHED:
			machine_verdict("snapshot_log", snap, "matches", &r);
			break;
		case EMU_TROUBLE:
			note(CMD_EXIT_FAIL, "%s", r.err.msg);
			cmd_msg(r.blame == EMU_BLAME_SNAPSHOT ? snap : log,
			    r.err.offset, r.err.event, "%s", r.err.msg);
			cmd_status(CMD_EXIT_FAIL);
			break;
		default:
			note(CMD_EXIT_DATA, "%s", r.err.msg);
			if (!opt_quiet)
				cmd_msg(r.blame == EMU_BLAME_LOG ? log : snap,
				    r.err.offset, RR_NO_EVENT, "%s", r.err.msg);
			machine_verdict("snapshot_log", snap, "differs", &r);
			cmd_status(CMD_EXIT_DATA);
			break;
		}
	}
	rr_snap_free(s);
}

static void
verify_file(struct rr_verify *v, const char *file)
{
	struct rr_verify_report rep;
	struct ctx c;
	uint8_t head[RR_PROBE_LEN];
	size_t hn;
	int rc;

	if ((rc = cmd_qverify_file(file, opt_json, opt_quiet, opt_replay,
	    head, &hn)) >= 0) {
		note(rc, "QEMU replay log: %s", rc == 1 ? "not valid" :
		    "cannot be checked");
		return;
	}
	memset(&c, 0, sizeof(c));
	c.file = file;
	c.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &c.start);
	rr_verify_set_problem(v, on_problem, &c);
	rr_verify_set_progress(v, progress, &c);
	/* A pipe's first bytes were read to probe it: handed back. */
	rc = hn > 0 ? rr_verify_log_prefix(v, STDIN_FILENO, head, hn, &rep) :
	    rr_verify_log(v, file, &rep);
	clear_progress(&c);
	if (rc != RR_OK) {
		note(CMD_EXIT_FAIL, "%s", rr_verify_error(v)->msg);
		cmd_rrerr(file, rr_verify_error(v));
		cmd_status(CMD_EXIT_FAIL);
		return;
	}
	note(verdict_status(rep.verdict), "%s", rr_verdict_name(rep.verdict));
	cmd_status(verdict_status(rep.verdict));
	if (!opt_quiet) {
		if (opt_json)
			verdict_json(file, &rep);
		else
			verdict_text(file, &rep);
	}
	/* Only a log that is sound is worth running. */
	if (opt_replay && rep.verdict == RR_VERDICT_VALID)
		verify_replay(file);
}

/* --junit: a report, checked writable before any file is. */
static int
junit_open(void)
{
	struct rr_error e;

	if (opt_junit == NULL)
		return 0;
	if (rr_output_check(opt_junit, NULL, 0, &e) != RR_OK) {
		cmd_rrerr(rr_output_name(opt_junit), &e);
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	if ((junit = rr_junit_new("rrverify")) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "junit",	required_argument,	NULL, 'J' },
		{ "log",	required_argument,	NULL, 'l' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "replay",	no_argument,		NULL, 'r' },
		{ "snapshot",	required_argument,	NULL, 'S' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	static char *stdin_only[] = { "-" };
	struct rr_verify *v;
	struct emu_check *chk;
	char **files;
	int ch, i, nfiles;

	cmd_init("rrverify");
	while ((ch = getopt_long(argc, argv, ":hjl:qrS:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
			return cmd_exit();
		case 'j':
			opt_json = 1;
			break;
		case 'J':
			opt_junit = optarg;
			break;
		case 'l':
			opt_log = optarg;
			break;
		case 'q':
			opt_quiet = 1;
			break;
		case 'r':
			opt_replay = 1;
			break;
		case 'S':
			opt_snapshot = optarg;
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
	if (opt_log != NULL && opt_snapshot == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "--log goes with --snapshot");
		goto bad;
	}
	if (opt_snapshot != NULL) {
		if (argc > 0 || opt_replay) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--snapshot "
			    "checks one snapshot (and --log one log)");
			goto bad;
		}
		if (junit_open() != 0)
			return cmd_exit();
		case_begin();
		verify_snapshot(opt_snapshot, opt_log);
		case_end(opt_snapshot);
		{
			char *sf[2] = { (char *)opt_snapshot, (char *)opt_log };

			finish_report(sf, opt_log != NULL ? 2 : 1);
		}
		return cmd_exit();
	}
	if ((v = rr_verify_new()) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		return CMD_EXIT_FAIL;
	}
	if ((chk = emu_check_new()) == NULL) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		rr_verify_free(v);
		return CMD_EXIT_FAIL;
	}
	rr_verify_set_keyframe(v, emu_check_keyframe, chk);
	files = argc > 0 ? argv : stdin_only;
	nfiles = argc > 0 ? argc : 1;
	/*
	 * The replay reads a log again after its check: a pipe, read once,
	 * is refused before anything is said about it.
	 */
	for (i = 0; opt_replay && i < nfiles; i++)
		if (strcmp(files[i], "-") == 0 &&
		    lseek(STDIN_FILENO, 0, SEEK_CUR) == -1) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "--replay: "
			    "standard input is a pipe, which can be read "
			    "only once: give the log as a file");
			rr_verify_free(v);
			emu_check_free(chk);
			return CMD_EXIT_FAIL;
		}
	if (junit_open() != 0) {
		rr_verify_free(v);
		emu_check_free(chk);
		return cmd_exit();
	}
	for (i = 0; i < nfiles; i++) {
		case_begin();
		verify_file(v, files[i]);
		case_end(files[i]);
	}
	rr_verify_free(v);
	emu_check_free(chk);
	finish_report(files, nfiles);
	return cmd_exit();
bad:
	usage(stderr);
	return CMD_EXIT_FAIL;
}

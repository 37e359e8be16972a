/* rremu's command line: modes, options, usage and help (rremu(1)). */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/rr.h"
#include "common.h"
#include "rremu.h"

/*
 * The default keyframe interval, in instructions: a recording can be cut
 * (rrcut) at any keyframe, so a cut replays at most this many
 * instructions it does not keep.  By instruction count, never by log
 * bytes, so two recordings of the same input stay identical.  Chosen by
 * measurement (rremu(1)): on the bench workloads it costs under 2% of
 * log size and no measurable record time.
 */
#define KEYFRAME_DEFAULT	200000000ull
#define CHECKPOINT_DEFAULT	10000000ull

static void
usage(FILE *f)
{
	fprintf(f, "usage: rremu run [-jqv] [-I file] [-L snap] [-m size] "
	    "[-N limit] [-P list]\n"
	    "             [-S snap] [-T shift] [-u icount] guest.elf\n"
	    "       rremu record [-jqv] [-B size] [-I file] [-K interval] "
	    "[-L snap] [-m size]\n"
	    "             [-N limit] [-P list] [-S snap] [-T shift] "
	    "[-u icount]\n"
	    "             [--checkpoint-interval n] -o trace.rr guest.elf\n"
	    "       rremu run|record --semihosting [--semihosting-root dir] "
	    "... guest.elf [arg ...]\n"
	    "       rremu run|record [--rtc-base date] [--entropy-seed n] "
	    "[--host-from good.rr] ...\n"
	    "       rremu replay [-jqv] [-L snap] [-N limit] [-P list] "
	    "[-S snap] [-u icount]\n"
	    "             [--junit file] trace.rr [guest.elf]\n"
	    "       rremu run|replay --gdb address ...\n"
	    "       rremu replay|debug --elf guest.elf ... trace.rr\n"
	    "       rremu debug [-L snap] [--gdb-command prog] trace.rr "
	    "[guest.elf]\n"
	    "             [-- gdb-arg ...]\n"
	    "       rremu dtb [-m size] -o virt.dtb\n");
}

static void
help(void)
{
	usage(stdout);
	printf("\nModes: run (no log), record (writes -o's log), replay "
	    "(checks a log),\ndebug (gdb on a replay), dtb.\n\n"
	    "  -B, --block-size size     record: block payload size "
	    "(256..16M)\n"
	    "  --checkpoint-interval n   record: a state hash every n "
	    "instructions (0: none)\n"
	    "  --gdb address             run, replay: serve gdb at "
	    "[host:]port (port 0:\n"
	    "                            one the system picks) or a Unix "
	    "socket path\n"
	    "  --elf guest.elf           replay, debug: name code addresses "
	    "from the guest's\n"
	    "                            ELF (function+offset, file:line)\n"
	    "  --entropy-seed n          run, record: the seed CSR from a "
	    "generator seeded n\n"
	    "  --gdb-command prog        debug: the gdb to start (default "
	    "$RREMU_GDB or\n"
	    "                            gdb-multiarch)\n"
	    "  -h, --help                this text\n"
	    "  --host-from good.rr       run, record: clock and entropy "
	    "values from a known-\n"
	    "                            good log, while the guest asks in "
	    "its order\n"
	    "  -I, --input file          run, record: UART input from file "
	    "(default stdin)\n"
	    "  -j, --json                the end report as one JSON record, "
	    "the last line\n"
	    "                            of stdout (guest output goes to "
	    "stderr)\n"
	    "  --junit file              replay: also write the verdict as "
	    "JUnit XML\n"
	    "  -K, --keyframe-interval n record: a keyframe every n "
	    "instructions\n"
	    "  -L, --load-snapshot snap  start from a snapshot of the same "
	    "guest or log\n"
	    "  -m, --ram size            run, record, dtb: RAM (64K..1G, "
	    "default 128M)\n"
	    "  -N, --limit n             stop after n instructions "
	    "(status 124)\n"
	    "  -o, --output file         record, dtb: where the log or tree "
	    "goes\n"
	    "  -P, --pause-at list       pause at these icounts: report "
	    "(-v), save (-S)\n"
	    "  -q, --quiet               no guest output on stdout\n"
	    "  --rtc-base date           run, record: the RTC on virtual "
	    "time from date\n"
	    "                            (YYYY-MM-DD[THH:MM:SS][Z] or "
	    "@seconds, UTC)\n"
	    "  -S, --snapshot snap       save the state at -u (or at -P's "
	    "icounts, as snap.N);\n"
	    "                            --save-snapshot is the same\n"
	    "  --semihosting             run, record: answer RISC-V "
	    "semihosting calls\n"
	    "  --semihosting-root dir    the files semihosting may open\n"
	    "  -T, --shift n             run, record: clock shift, "
	    "vtime_ns = icount << n\n"
	    "  -u, --stop-at icount      stop at this instruction count "
	    "(status 0)\n"
	    "  -v, --verbose             say how the run went\n"
	    "  -V, --version             versions\n\n"
	    "Exit status: the guest's (0-122; higher shown as 122), 123 "
	    "the replay\ndiverged, 124 the guest did not finish, 125 "
	    "trouble.  See rremu(1).\n");
}

/* After -h or -V: was it written? */
static int
stdout_status(void)
{
	return cmd_exit() != 0 ? EX_TROUBLE : 0;
}

/* A usage error: what is wrong, then the synopsis; exit 125. */
static void
badusage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
badusage(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		cmd_vmsg(NULL, RR_NO_OFFSET, RR_NO_EVENT, fmt, ap);
		va_end(ap);
	}
	usage(stderr);
	exit(EX_TROUBLE);
}

/* -P: icounts, comma separated, each above 0 (before anything ran). */
static int
parse_pauses(struct rremu_opts *o, const char *s)
{
	char buf[32];
	const char *p = s, *c;
	size_t n;

	while (*p != '\0') {
		c = strchr(p, ',');
		n = c ? (size_t)(c - p) : strlen(p);
		if (n == 0 || n >= sizeof(buf) || o->npauses == MAX_PAUSES)
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (cmd_number(buf, &o->pauses[o->npauses]) != 0 ||
		    o->pauses[o->npauses++] == 0)
			return -1;
		p += n + (c != NULL);
	}
	return 0;
}

/*
 * Options that mean nothing in a mode are refused, not ignored: a user
 * who asks replay for -m 64M would otherwise think it took effect.
 */
static void
check_options(const struct rremu_opts *o)
{
	if (o->mode == EMU_REPLAY && o->input != NULL)
		badusage("-I: replay takes its input from the log");
	if (o->mode == EMU_REPLAY && (o->ram_set || o->shift_set))
		badusage("-m and -T: replay builds the machine the log "
		    "describes");
	if (o->mode != EMU_RECORD && (o->ckpt_set || o->key_set ||
	    o->block != 0))
		badusage("-B, -K and --checkpoint-interval are for record");
	if (o->mode == EMU_RECORD && strcmp(o->output, "-") == 0 &&
	    !o->quiet)
		badusage("-o - needs -q: guest output would mix into the log");
	if (o->mode == EMU_RECORD && strcmp(o->output, "-") == 0 && o->json)
		badusage("-o - and --json: the JSON record would mix into the "
		    "log");
	if (o->mode != EMU_REPLAY && o->junit != NULL)
		badusage("--junit is for replay");
	if (o->mode == EMU_RECORD && o->gdb != NULL)
		badusage("--gdb is for run and replay");
	if (o->mode == EMU_REPLAY && (o->semihosting || o->sh_root != NULL))
		badusage("--semihosting: replay builds the machine the log "
		    "describes, and takes every answer from it");
	if (o->sh_root != NULL && !o->semihosting)
		badusage("--semihosting-root needs --semihosting");
	if (o->elf != NULL && o->mode != EMU_REPLAY)
		badusage("--elf is for replay and debug: run and record boot "
		    "the ELF named");
	if (o->gdb_command != NULL && !o->debug)
		badusage("--gdb-command is for debug");
	if (o->debug && (o->gdb != NULL || o->limit != UINT64_MAX ||
	    o->stop_at != UINT64_MAX || o->npauses > 0 || o->save != NULL))
		badusage("debug takes -L, --elf and --gdb-command: gdb stops "
		    "and goes where it is told");
	if (o->mode == EMU_REPLAY && (o->rtc_base != NULL ||
	    o->entropy_seed != NULL || o->host_from != NULL))
		badusage("--rtc-base, --entropy-seed and --host-from are for "
		    "run and record: a replay takes every host value from its "
		    "log");
}

/* Long-only options: values no short option has. */
#define OPT_GDB		0x100
#define OPT_SEMIHOSTING	0x101
#define OPT_SH_ROOT	0x102
#define OPT_PIN		0x103	/* --rtc-base, --entropy-seed, --host-from */
#define OPT_CKPT	0x104
#define OPT_JUNIT	0x105
#define OPT_SAVE	0x106	/* --save-snapshot, the long name -S had */

/*
 * Letters rremu gave up: each means something else in the other tools
 * (rr(7), "Options"), so an old command line is refused, not read
 * another way.
 */
static const struct {
	char		 old;
	const char	*now, *other;
} renamed[] = {
	{ 'b', "-B (--block-size)", "a block listing" },
	{ 'c', "--checkpoint-interval", "a count" },
	{ 'i', "-I (--input)", "an icount range" },
	{ 'k', "-K (--keyframe-interval)", "event kinds" },
	{ 'n', "-N (--limit)", "a number of pieces" },
	{ 's', "-u (--stop-at)", "statistics" },
	{ 't', "-T (--shift)", "an icount to compare at" },
};

static void
refuse_old(int ch) __attribute__((noreturn));

static void
refuse_old(int ch)
{
	size_t i;

	for (i = 0; renamed[i].old != ch; i++)
		;
	badusage("-%c is now %s: in the other tools, -%c means %s (rr(7))",
	    ch, renamed[i].now, ch, renamed[i].other);
}
#define OPT_ELF		0x107
#define OPT_GDB_COMMAND	0x108

/* Options from argv[1] on (argv[0] the mode); returns optind. */
static int
parse_args(struct rremu_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "block-size", required_argument, NULL, 'B' },
		{ "checkpoint-interval", required_argument, NULL, OPT_CKPT },
		{ "elf", required_argument, NULL, OPT_ELF },
		{ "entropy-seed", required_argument, NULL, OPT_PIN },
		{ "gdb", required_argument, NULL, OPT_GDB },
		{ "gdb-command", required_argument, NULL, OPT_GDB_COMMAND },
		{ "help", no_argument, NULL, 'h' },
		{ "host-from", required_argument, NULL, OPT_PIN },
		{ "input", required_argument, NULL, 'I' },
		{ "json", no_argument, NULL, 'j' },
		{ "junit", required_argument, NULL, OPT_JUNIT },
		{ "keyframe-interval", required_argument, NULL, 'K' },
		{ "load-snapshot", required_argument, NULL, 'L' },
		{ "ram", required_argument, NULL, 'm' },
		{ "limit", required_argument, NULL, 'N' },
		{ "output", required_argument, NULL, 'o' },
		{ "pause-at", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "rtc-base", required_argument, NULL, OPT_PIN },
		{ "save-snapshot", required_argument, NULL, OPT_SAVE },
		{ "semihosting", no_argument, NULL, OPT_SEMIHOSTING },
		{ "semihosting-root", required_argument, NULL, OPT_SH_ROOT },
		{ "shift", required_argument, NULL, 'T' },
		{ "snapshot", required_argument, NULL, 'S' },
		{ "stop-at", required_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char err[256];
	const char *name;
	int ch, bad, li;

	while ((ch = getopt_long(argc, argv,
	    ":B:bchI:ijK:kL:m:N:no:P:qS:sT:tu:vV", longopts, &li)) != -1) {
		bad = 0;
		switch (ch) {
		case OPT_PIN:
			name = longopts[li].name;
			if (emu_pin_check(name, optarg, err, sizeof(err)) != 0)
				badusage("%s", err);
			*(name[0] == 'r' ? &o->rtc_base : name[0] == 'e' ?
			    &o->entropy_seed : &o->host_from) = optarg;
			break;
		case 'B':
			bad = cmd_size(optarg, &o->block) != 0 ||
			    o->block < RR_BLOCK_MIN || o->block > RR_BLOCK_MAX;
			break;
		case 'b':
		case 'c':
		case 'i':
		case 'k':
		case 'n':
		case 's':
		case 't':
			refuse_old(ch);
		case OPT_CKPT:
			if (cmd_number(optarg, &o->ckpt) != 0)
				badusage("bad value for --checkpoint-interval: "
				    "%s", optarg);
			o->ckpt_set = 1;
			break;
		case OPT_GDB:
			if (emu_gdb_addr_check(optarg, err, sizeof(err)) != 0)
				badusage("bad value for --gdb: %s", err);
			o->gdb = optarg;
			break;
		case OPT_ELF:
			o->elf = optarg;
			break;
		case OPT_GDB_COMMAND:
			o->gdb_command = optarg;
			break;
		case OPT_SEMIHOSTING:
			o->semihosting = 1;
			break;
		case OPT_SH_ROOT:
			o->sh_root = optarg;
			break;
		case 'h':
			help();
			exit(stdout_status());
		case 'I':
			o->input = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case OPT_JUNIT:
			o->junit = optarg;
			break;
		case 'K':
			bad = cmd_number(optarg, &o->key) != 0;
			o->key_set = 1;
			break;
		case 'L':
			o->load = optarg;
			break;
		case 'm':
			bad = cmd_size(optarg, &o->ram) != 0 ||
			    o->ram < EMU_RAM_MIN || o->ram > EMU_RAM_MAX ||
			    o->ram % EMU_RAM_ALIGN != 0;
			o->ram_set = 1;
			break;
		case 'N':
			bad = cmd_number(optarg, &o->limit) != 0;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'P':
			bad = parse_pauses(o, optarg) != 0;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'S':
		case OPT_SAVE:
			o->save = optarg;
			break;
		case 'T':
			bad = cmd_number(optarg, &o->shift) != 0 ||
			    o->shift > EMU_SHIFT_MAX;
			o->shift_set = 1;
			break;
		case 'u':
			bad = cmd_number(optarg, &o->stop_at) != 0;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'V':
			cmd_version();
			exit(stdout_status());
		default:
			cmd_badopt(ch, argv);
			badusage(NULL);
		}
		if (bad)
			badusage("bad value for -%c: %s", ch, optarg);
	}
	return optind;
}

/*
 * Semihosting's GET_CMDLINE: the guest's file name and the words after
 * it, as QEMU gives the kernel's name and its arguments.
 */
static int
join_cmdline(struct rremu_opts *o, int n, char **words)
{
	size_t len = 0, k;
	int i;

	for (i = 0; i < n; i++) {
		k = strlen(words[i]);
		if (len + (i > 0) + k >= sizeof(o->cmdline))
			return -1;
		if (i > 0)
			o->cmdline[len++] = ' ';
		memcpy(o->cmdline + len, words[i], k);
		len += k;
	}
	o->cmdline[len] = '\0';
	return 0;
}

int
rremu_parse(struct rremu_opts *o, int argc, char **argv)
{
	int ind;

	memset(o, 0, sizeof(*o));
	o->ram = 128u << 20;
	o->ckpt = CHECKPOINT_DEFAULT;
	o->key = KEYFRAME_DEFAULT;
	o->limit = UINT64_MAX;
	o->stop_at = UINT64_MAX;
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0)) {
			help();
			exit(stdout_status());
		}
		if (argc >= 2 && (strcmp(argv[1], "-V") == 0 ||
		    strcmp(argv[1], "--version") == 0)) {
			cmd_version();
			exit(stdout_status());
		}
		badusage(argc < 2 ? "a mode is needed: run, record, replay "
		    "or dtb" : "a mode comes first: run, record, replay or "
		    "dtb");
	}
	o->modename = argv[1];
	o->debug = strcmp(argv[1], "debug") == 0;
	o->mode = strcmp(argv[1], "run") == 0 ? EMU_RUN :
	    strcmp(argv[1], "record") == 0 ? EMU_RECORD :
	    strcmp(argv[1], "replay") == 0 || o->debug ? EMU_REPLAY :
	    strcmp(argv[1], "dtb") == 0 ? -1 : -2;
	if (o->mode == -2)
		badusage("unknown mode: %s", cmd_name(argv[1]));
	/* debug: what follows "--" is gdb's, not rremu's to parse. */
	for (ind = 2; o->debug && ind < argc; ind++)
		if (strcmp(argv[ind], "--") == 0) {
			o->gdb_args = argv + ind + 1;
			o->ngdb_args = argc - ind - 1;
			argc = ind;
			break;
		}
	ind = parse_args(o, argc - 1, argv + 1) + 1;
	if (o->mode == -1) {
		if (argc != ind || o->output == NULL || o->load != NULL ||
		    o->input != NULL || o->save != NULL || o->gdb != NULL ||
		    o->shift_set || o->ckpt_set || o->key_set ||
		    o->rtc_base != NULL || o->entropy_seed != NULL ||
		    o->host_from != NULL || o->json || o->junit != NULL)
			badusage("dtb takes -m and -o only, and needs -o");
		return ind;
	}
	if (argc - ind < 1)
		badusage(o->mode == EMU_REPLAY ? "%s needs a log" :
		    "%s needs a guest ELF", o->modename);
	if (argc - ind > 1 && !(o->mode == EMU_REPLAY && argc - ind == 2) &&
	    !(o->semihosting && o->mode != EMU_REPLAY))
		badusage("too many files: %s", o->mode == EMU_REPLAY ?
		    "replay takes a log and at most one guest ELF" :
		    "the guest's arguments need --semihosting");
	if (o->semihosting && join_cmdline(o, argc - ind, argv + ind) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the guest's command "
		    "line is over %u bytes", EMU_CMDLINE_MAX - 1);
		exit(EX_TROUBLE);
	}
	if (o->mode == EMU_REPLAY && argc - ind == 2) {
		if (o->elf != NULL)
			badusage("--elf and a guest ELF after the log: name "
			    "one");
		o->elf = argv[ind + 1];
	}
	if ((o->mode == EMU_RECORD) != (o->output != NULL))
		badusage(o->output ? "-o is for record" :
		    "record needs -o trace.rr");
	check_options(o);
	return ind;
}


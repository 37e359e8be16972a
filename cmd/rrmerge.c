/* rrmerge: join pieces of one recording into one log. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rredit.h"
#include "common.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-fhqV] [--allow-gaps] [--tty] -o out piece ...\n",
	    cmd_prog);
}

static void
help(void)
{
	usage(stdout);
	fputs("Join pieces of one recording (rrcut's cuts and splits), in any "
	    "order.\n"
	    "      --allow-gaps    mark gaps between pieces instead of "
	    "refusing them\n"
	    "  -f, --force         merge pieces of other recordings or "
	    "machines anyway\n"
	    "  -h, --help          print this help and exit\n"
	    "  -o, --output OUT    the output (- for standard output)\n"
	    "  -q, --quiet         do not print the order of the pieces\n"
	    "      --tty           write to standard output when it is a "
	    "terminal\n"
	    "  -V, --version       print versions and exit\n"
	    "Overlaps must agree event for event; gaps are refused unless "
	    "--allow-gaps.\nSee rrmerge(1).\n", stdout);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "allow-gaps",	no_argument,		NULL, 'G' },
		{ "force",	no_argument,		NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "tty",	no_argument,		NULL, 'T' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct rr_source *srcs[RR_MERGE_MAX];
	struct rr_merge_options o;
	struct rr_merge_report rep;
	struct rr_error err;
	const char *out = NULL;
	int ch, i, n, quiet = 0, tty_ok = 0, rc;

	cmd_init("rrmerge");
	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, ":fho:qV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'G':
			o.allow_gaps = 1;
			break;
		case 'f':
			o.force = 1;
			break;
		case 'h':
			help();
			return cmd_exit();
		case 'o':
			out = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'T':
			tty_ok = 1;
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
	if (out == NULL || out[0] == '\0' || argc < 1 ||
	    argc > RR_MERGE_MAX) {
		if (argc > RR_MERGE_MAX)
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%d pieces: "
			    "at most %d can be merged at once (merge in "
			    "rounds)", argc, RR_MERGE_MAX);
		else
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, out == NULL ?
			    "-o is required (- for standard output)" :
			    out[0] == '\0' ? "-o: an empty name" :
			    "no pieces");
		goto bad;
	}
	if (cmd_binary_out(out, tty_ok) != 0) {
		cmd_status(CMD_EXIT_FAIL);
		return cmd_exit();
	}
	for (n = 0; n < argc; n++) {
		if (strcmp(argv[n], "-") == 0 && argc > 1) {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "- can be the "
			    "only piece");
			cmd_status(CMD_EXIT_FAIL);
			break;
		}
		if (rr_source_open(&srcs[n], argv[n], &err) != RR_OK) {
			cmd_rrerr(argv[n], &err);
			cmd_status(cmd_errstatus(&err));
			break;
		}
	}
	if (n == argc) {
		rc = rr_merge(srcs, (size_t)n, out, &o, &rep);
		if (rc == RR_OK && !quiet) {
			fprintf(stderr, "%s: merged %llu events from", cmd_prog,
			    (unsigned long long)rep.events);
			for (i = 0; i < (int)rep.norder; i++)
				fprintf(stderr, " %s",
				    cmd_name(argv[rep.order[i]]));
			if (rep.gaps > 0)
				fprintf(stderr, ", %llu gap%s marked",
				    (unsigned long long)rep.gaps,
				    rep.gaps == 1 ? "" : "s");
			fputc('\n', stderr);
		} else if (rc != RR_OK) {
			if (rep.at_output)
				cmd_msg(rr_output_name(out), RR_NO_OFFSET,
				    RR_NO_EVENT, "%s", rep.what);
			else if (rep.piece < (size_t)n)
				cmd_msg(argv[rep.piece], rep.offset == 0 ?
				    RR_NO_OFFSET : rep.offset, rep.event,
				    "%s%s%s", rep.what, rep.other < (size_t)n ?
				    ": other piece " : "",
				    rep.other < (size_t)n ?
				    cmd_name(argv[rep.other]) : "");
			else
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s",
				    rep.what);
			cmd_status(rc == RR_FAILED ? CMD_EXIT_DATA :
			    CMD_EXIT_FAIL);
		}
	}
	for (i = 0; i < n; i++)
		rr_source_close(srcs[i]);
	return cmd_exit();
bad:
	usage(stderr);
	return CMD_EXIT_FAIL;
}

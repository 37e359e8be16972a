/* librr(3)'s QEMU reader from an installed <qreplay.h>: events per kind. */
#include <inttypes.h>
#include <stdio.h>

#include <qreplay.h>

int
main(int argc, char *argv[])
{
	struct rr_qreader *r;
	struct rr_error err;
	const struct rr_qevent *e;
	struct rr_qinfo info;
	unsigned k;
	int rc;

	if (argc != 2)
		return 2;
	if (rr_qreader_open(&r, argv[1], &err) != RR_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 2;
	}
	while ((rc = rr_qreader_next(r, &e)) == RR_OK)
		;
	rr_qreader_info(r, &info);
	printf("version 0x%" PRIx32 ": %" PRIu64 " events, icount %" PRIu64
	    "\n", info.version, info.events, info.icount);
	/* Named as rrdump --stats names them: shutdowns by cause. */
	for (k = 0; k < RR_Q_KIND_COUNT; k++) {
		if (info.kinds[k] == 0)
			continue;
		if (k >= RR_Q_SHUTDOWN && k <= RR_Q_SHUTDOWN_LAST)
			printf("shutdown-%s", rr_qshutdown_name(k -
			    RR_Q_SHUTDOWN));
		else if (k >= RR_Q_CHECKPOINT && k <= RR_Q_CHECKPOINT_LAST)
			printf("checkpoint-%s", rr_qcheckpoint_name(k -
			    RR_Q_CHECKPOINT));
		else
			printf("%s", rr_qkind_name(k));
		printf(" %" PRIu64 "\n", info.kinds[k]);
	}
	if (rc != RR_EOF)
		fprintf(stderr, "%s: offset %" PRIu64 ": %s\n", argv[1],
		    rr_qreader_error(r)->offset, rr_qreader_error(r)->msg);
	rr_qreader_close(r);
	return rc == RR_EOF ? 0 : 1;
}

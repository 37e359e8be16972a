/* Front-end verdicts on QEMU's replay log: rrverify's checks. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/rrjson.h"
#include "common.h"
#include "qemu.h"

static const char *
verdict_of(const struct rr_error *e)
{
	switch (e->kind) {
	case RR_E_NONE:
		return "valid";
	case RR_E_TRUNCATED:
		return "truncated";
	case RR_E_CORRUPT:
	case RR_E_LIMIT:
		return "corrupt";
	case RR_E_UNSUPPORTED:
		return "unsupported";
	default:
		return NULL;
	}
}

static void
verdict_text(const char *file, const char *verdict,
    const struct rr_qinfo *in, int opened)
{
	cmd_printf("%s: ", cmd_name(file));
	cmd_put_verdict(verdict);
	cmd_puts(" (QEMU replay log");
	if (opened && !in->header_missing)
		cmd_printf(" 0x%x", (unsigned)in->version);
	cmd_puts(")\n");
	if (!opened)
		return;
	cmd_printf("  %s: %llu events, icount %llu, %llu bytes%s\n",
	    strcmp(verdict, "valid") == 0 ? "read" : "good",
	    (unsigned long long)in->events, (unsigned long long)in->icount,
	    (unsigned long long)in->good_end,
	    in->ended ? ", closed (EVENT_END)" : "");
	if (in->header_missing)
		cmd_puts("  note: the header is missing: QEMU writes it last, "
		    "so a QEMU that was killed leaves a log without it; the "
		    "events were read as version 0xe0200c\n");
}

static void
verdict_json(const char *file, const char *verdict,
    const struct rr_qinfo *in, int opened, const struct rr_error *e)
{
	char v[16];
	json_t *j;

	if ((j = cmd_jrecord("qemu_verdict", file)) == NULL) {
		cmd_jrecord_put(NULL);
		return;
	}
	json_object_set_new(j, "format", json_string("qemu-replay"));
	json_object_set_new(j, "verdict", json_string(verdict));
	if (opened) {
		snprintf(v, sizeof(v), "0x%x", (unsigned)in->version);
		json_object_set_new(j, "version", in->header_missing ?
		    json_null() : json_string(v));
		json_object_set_new(j, "header_missing",
		    json_boolean(in->header_missing));
		json_object_set_new(j, "closed", json_boolean(in->ended));
		json_object_set_new(j, "events", rr_json_u64(in->events));
		json_object_set_new(j, "icount", rr_json_u64(in->icount));
		json_object_set_new(j, "good_bytes",
		    rr_json_u64(in->good_end));
	}
	if (e->kind != RR_E_NONE) {
		if (e->offset != RR_NO_OFFSET)
			json_object_set_new(j, "offset",
			    rr_json_u64(e->offset));
		if (e->event != RR_NO_EVENT)
			json_object_set_new(j, "event", rr_json_u64(e->event));
		json_object_set_new(j, "message", json_string(e->msg));
	}
	cmd_jrecord_put(j);
}

int
cmd_qverify(struct rr_qreader *r, const struct rr_error *err,
    const char *file, int json, int quiet)
{
	const struct rr_qevent *e;
	struct rr_qinfo info;
	const char *verdict;
	int rc;

	memset(&info, 0, sizeof(info));
	if (r != NULL) {
		while ((rc = rr_qreader_next(r, &e)) == RR_OK)
			;
		err = rr_qreader_error(r);
		rr_qreader_info(r, &info);
	}
	if ((verdict = verdict_of(err)) == NULL) {
		/* Trouble (I/O, memory): no verdict on the data. */
		cmd_rrerr(file, err);
		return CMD_EXIT_FAIL;
	}
	/* -q hides what the data is, never why the status is 2. */
	if ((!quiet && err->kind != RR_E_NONE) ||
	    err->kind == RR_E_UNSUPPORTED)
		cmd_rrerr(file, err);
	if (!quiet && json)
		verdict_json(file, verdict, &info, r != NULL, err);
	else if (!quiet)
		verdict_text(file, verdict, &info, r != NULL);
	if (err->kind == RR_E_NONE)
		return CMD_EXIT_OK;
	return err->kind == RR_E_UNSUPPORTED ? CMD_EXIT_FAIL : CMD_EXIT_DATA;
}

int
cmd_qverify_file(const char *file, int json, int quiet, int replay,
    uint8_t *head, size_t *hn)
{
	struct rr_qreader *r;
	struct rr_error err;
	size_t n = 0;
	ssize_t k;
	int fd, st, pipe_in = 0;

	*hn = 0;
	if (strcmp(file, "-") == 0) {
		fd = STDIN_FILENO;
		pipe_in = lseek(STDIN_FILENO, 0, SEEK_CUR) == -1;
	} else if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;	/* rrverify's own open says why */
	while (n < RR_PROBE_LEN &&
	    (k = read(fd, head + n, RR_PROBE_LEN - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		n += (size_t)k;
	}
	if (rr_probe(head, n) != RR_PROBE_QEMU) {
		if (pipe_in)
			*hn = n;	/* handed on: a pipe is read once */
		else if (fd == STDIN_FILENO)
			lseek(fd, -(off_t)n, SEEK_CUR);
		else
			close(fd);
		return -1;
	}
	if (replay) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "a QEMU replay log: "
		    "--replay runs rr logs only (replay it with qemu -icount "
		    "rr=replay)");
		st = CMD_EXIT_FAIL;
	} else {
		rr_qreader_open_fd(&r, fd, head, n, &err);
		st = cmd_qverify(r, &err, file, json, quiet);
		rr_qreader_close(r);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	cmd_status(st);
	return st;
}

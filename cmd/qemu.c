/* Front-end views of QEMU's replay log (formats/qemu-replay.md): rrdump. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rrjson.h"
#include "common.h"
#include "qemu.h"

#define PREVIEW		64	/* payload bytes shown in text */

static const char *const input_types[] = { "key", "btn", "rel", "abs" };

static void
put_kv_u(const char *key, uint64_t v)
{
	cmd_putc(' ');
	cmd_puts(key);
	cmd_putc('=');
	cmd_putu(v);
}

static void
put_kv_i(const char *key, int64_t v)
{
	cmd_putc(' ');
	cmd_puts(key);
	cmd_putc('=');
	cmd_puti(v);
}

static void
put_data(const struct rr_qevent *e)
{
	cmd_putc(' ');
	cmd_putu(e->len);
	cmd_puts(e->len == 1 ? " byte " : " bytes ");
	cmd_putq(e->data, e->len, PREVIEW);
}

/* Numbers that move in small steps from one event to the next. */
static struct cmd_numcache num_cache, icount_cache, clock_cache, n_cache;
/*
 * The kind names, each in a buffer of a fixed size copied whole (the
 * compiler inlines it), with its length: filled on first use.
 */
#define NAME_ROOM	24
static struct {
	char	 s[NAME_ROOM];
	size_t	 len;
} names[RR_Q_KIND_COUNT];

/*
 * Room for the start of a line and the whole of the most frequent ones
 * (instruction, clock): number, icount, name, a number, newline.
 */
#define HEAD_ROOM	(20 + 1 + 20 + 1 + NAME_ROOM + 2 + 20 + 1)

void
cmd_qevent_text(const struct rr_qevent *e)
{
	size_t n;
	char *d;

	if (names[e->raw].len == 0) {
		n = strlen(e->name);
		names[e->raw].len = n < NAME_ROOM ? n : NAME_ROOM;
		memcpy(names[e->raw].s, e->name, names[e->raw].len);
	}
	/* The start made in one piece, in room asked for once. */
	d = cmd_room(HEAD_ROOM);
	d = cmd_numcache_put(&num_cache, e->number, d);
	*d++ = ' ';
	d = cmd_numcache_put(&icount_cache, e->icount, d);
	*d++ = ' ';
	memcpy(d, names[e->raw].s, NAME_ROOM);
	d += names[e->raw].len;
	/* Neither is an async event: no checkpoint to add. */
	if (e->raw == RR_Q_INSTRUCTION || (e->kind == RR_Q_CLOCK &&
	    e->value >= 0)) {
		*d++ = ' ';
		if (e->raw == RR_Q_INSTRUCTION) {
			*d++ = '+';
			/* Most often the n of the last one (a loop). */
			d = cmd_numcache_put(&n_cache, e->n, d);
		} else
			d = cmd_numcache_put(&clock_cache, (uint64_t)e->value,
			    d);
		*d++ = '\n';
		cmd_out.len = (size_t)(d - cmd_out.buf);
		return;
	}
	cmd_out.len = (size_t)(d - cmd_out.buf);
	switch (e->raw) {
	case RR_Q_ASYNC + RR_QA_BH:
	case RR_Q_ASYNC + RR_QA_BH_ONESHOT:
	case RR_Q_ASYNC + RR_QA_BLOCK:
		put_kv_u("id", e->id);
		break;
	case RR_Q_ASYNC + RR_QA_INPUT:
		cmd_putc(' ');
		cmd_puts(input_types[e->input_type]);
		if (e->input_type == 0 && e->key_kind == 0)
			put_kv_i("number", e->value);
		else if (e->input_type == 0)
			put_kv_u("qcode", e->code);
		else
			put_kv_u(e->input_type == 1 ? "button" : "axis",
			    e->code);
		if (e->input_type <= 1)
			put_kv_u("down", e->down);
		else
			put_kv_i("value", e->value);
		break;
	case RR_Q_ASYNC + RR_QA_CHAR_READ:
		put_kv_u("chardev", e->index);
		put_data(e);
		break;
	case RR_Q_ASYNC + RR_QA_NET:
		put_kv_u("filter", e->index);
		cmd_puts(" flags=0x");
		cmd_putx(e->flags, 1);
		put_data(e);
		break;
	case RR_Q_CHAR_WRITE:
		put_kv_i("result", e->result);
		put_kv_i("offset", e->arg);
		break;
	case RR_Q_CHAR_READ_ALL:
		put_data(e);
		break;
	case RR_Q_CHAR_READ_ALL_ERROR:
		put_kv_i("result", e->result);
		break;
	case RR_Q_AUDIO_OUT:
		put_kv_u("played", e->n);
		break;
	case RR_Q_AUDIO_IN:
		put_kv_u("samples", e->n);
		put_kv_u("wpos", e->wpos);
		break;
	case RR_Q_RANDOM:
		put_kv_i("result", e->result);
		put_data(e);
		break;
	case RR_Q_CLOCK:
	case RR_Q_CLOCK_LAST:
		/* A value of 0 or more: above. */
		cmd_putc(' ');
		cmd_puti(e->value);
		break;
	default:
		if (e->subname != NULL) {
			cmd_putc(' ');
			cmd_puts(e->subname);
		}
		break;
	}
	if (e->checkpoint != RR_NO_EVENT)
		put_kv_u("checkpoint", e->checkpoint);
	cmd_putc('\n');
}

void
cmd_qevent_json(const struct rr_qevent *e)
{
	json_t *j;

	if ((j = cmd_new_record("qemu_event")) == NULL) {
		cmd_put_record(NULL, "qemu_event");
		return;
	}
	json_object_set_new(j, "event", rr_json_u64(e->number));
	json_object_set_new(j, "icount", rr_json_u64(e->icount));
	json_object_set_new(j, "offset", rr_json_u64(e->offset));
	json_object_set_new(j, "kind", json_string(e->name));
	json_object_set_new(j, "code", json_integer(e->raw));
	switch (e->raw) {
	case RR_Q_INSTRUCTION:
		json_object_set_new(j, "instructions", rr_json_u64(e->n));
		break;
	case RR_Q_ASYNC + RR_QA_BH:
	case RR_Q_ASYNC + RR_QA_BH_ONESHOT:
	case RR_Q_ASYNC + RR_QA_BLOCK:
		json_object_set_new(j, "id", rr_json_u64(e->id));
		break;
	case RR_Q_ASYNC + RR_QA_INPUT:
		json_object_set_new(j, "input",
		    json_string(input_types[e->input_type]));
		if (e->input_type == 0 && e->key_kind == 0)
			json_object_set_new(j, "number",
			    json_integer(e->value));
		else
			json_object_set_new(j, e->input_type == 0 ? "qcode" :
			    e->input_type == 1 ? "button" : "axis",
			    json_integer(e->code));
		if (e->input_type <= 1)
			json_object_set_new(j, "down", json_boolean(e->down));
		else
			json_object_set_new(j, "value",
			    json_integer(e->value));
		break;
	case RR_Q_ASYNC + RR_QA_CHAR_READ:
	case RR_Q_ASYNC + RR_QA_NET:
		json_object_set_new(j, e->raw == RR_Q_ASYNC + RR_QA_NET ?
		    "filter" : "chardev", json_integer(e->index));
		if (e->raw == RR_Q_ASYNC + RR_QA_NET)
			json_object_set_new(j, "flags", json_integer(e->flags));
		break;
	case RR_Q_CHAR_WRITE:
		json_object_set_new(j, "result", json_integer(e->result));
		json_object_set_new(j, "offset_arg", json_integer(e->arg));
		break;
	case RR_Q_CHAR_READ_ALL_ERROR:
	case RR_Q_RANDOM:
		json_object_set_new(j, "result", json_integer(e->result));
		break;
	case RR_Q_AUDIO_OUT:
		json_object_set_new(j, "played", rr_json_u64(e->n));
		break;
	case RR_Q_AUDIO_IN:
		json_object_set_new(j, "samples", rr_json_u64(e->n));
		json_object_set_new(j, "wpos", rr_json_u64(e->wpos));
		break;
	case RR_Q_CLOCK:
	case RR_Q_CLOCK_LAST:
		json_object_set_new(j, "ns", rr_json_i64(e->value));
		break;
	}
	if (e->kind == RR_Q_SHUTDOWN)
		json_object_set_new(j, "cause", json_string(e->subname));
	if (e->kind == RR_Q_CHECKPOINT)
		json_object_set_new(j, "checkpoint", json_string(e->subname));
	if (e->checkpoint != RR_NO_EVENT)
		json_object_set_new(j, "after_checkpoint",
		    rr_json_u64(e->checkpoint));
	if (e->data != NULL && e->raw != RR_Q_AUDIO_IN)
		json_object_set_new(j, "data", rr_json_hexbytes(e->data, e->len));
	cmd_put_record(j, "qemu_event");
}

static void
kbit(struct cmd_kinds *k, unsigned i, int on)
{
	if (on)
		k->bits[i >> 3] |= (uint8_t)(1u << (i & 7));
	else
		k->bits[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

/* Set or clear the kinds item names; -1 if it names none. */
static int
qkinds_item(struct cmd_kinds *k, const char *item, int on)
{
	uint64_t v;
	unsigned i, n = 0;
	int raw;

	if (cmd_number(item, &v) == 0 && v <= 255) {
		kbit(k, (unsigned)v, on);
		return 0;
	}
	/* A range's name is every member of it. */
	for (i = 0; i < RR_Q_KIND_COUNT; i++)
		if (strcmp(item, rr_qkind_name(i)) == 0) {
			kbit(k, i, on);
			n++;
		}
	if (n > 0)
		return 0;
	if ((raw = rr_qkind_from_name(item)) < 0)
		return -1;
	kbit(k, (unsigned)raw, on);
	return 0;
}

int
cmd_qkinds_parse(struct cmd_kinds *k, const char *s)
{
	char *copy, *item, *save = NULL;
	int plus = 0, n = 0, rc = 0;

	if (*s == '\0' || (copy = strdup(s)) == NULL)
		return -1;
	memset(k, 0, sizeof(*k));
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save), n++)
		plus |= item[0] != '^';
	free(copy);
	if (n == 0)
		return -1;
	/* A list of removals only starts from every kind. */
	if (!plus)
		cmd_kinds_all(k);
	if ((copy = strdup(s)) == NULL)
		return -1;
	for (item = strtok_r(copy, ",", &save); item != NULL && rc == 0;
	    item = strtok_r(NULL, ",", &save))
		rc = item[0] == '^' ? qkinds_item(k, item + 1, 0) :
		    qkinds_item(k, item, 1);
	free(copy);
	return rc;
}

/* A kind's name in statistics: ranges named by their member. */
static const char *
stat_name(unsigned raw, char *buf, size_t size)
{
	if (raw >= RR_Q_SHUTDOWN && raw <= RR_Q_SHUTDOWN_LAST)
		snprintf(buf, size, "shutdown-%s",
		    rr_qshutdown_name(raw - RR_Q_SHUTDOWN));
	else if (raw >= RR_Q_CHECKPOINT && raw <= RR_Q_CHECKPOINT_LAST)
		snprintf(buf, size, "checkpoint-%s",
		    rr_qcheckpoint_name(raw - RR_Q_CHECKPOINT));
	else
		snprintf(buf, size, "%s", rr_qkind_name(raw));
	return buf;
}

static void
header_view(const struct rr_qinfo *in, int json)
{
	char v[16];
	json_t *j;

	snprintf(v, sizeof(v), "0x%x", (unsigned)in->version);
	if (!json) {
		cmd_kv_s("format", "qemu-replay");
		cmd_kv_s("version", in->header_missing ? "-" : v);
		cmd_kv_s("header", in->header_missing ? "missing (QEMU "
		    "writes it last: killed before it closed the log)" :
		    "present");
		return;
	}
	if ((j = cmd_new_record("qemu_header")) != NULL) {
		json_object_set_new(j, "format", json_string("qemu-replay"));
		json_object_set_new(j, "version", in->header_missing ?
		    json_null() : json_string(v));
		json_object_set_new(j, "header_missing",
		    json_boolean(in->header_missing));
	}
	cmd_put_record(j, "qemu_header");
}

static void
stats_view(const struct rr_qinfo *in, uint64_t taken, int json)
{
	char name[64], key[80];
	json_t *j, *k;
	unsigned i;

	if (!json) {
		cmd_kv_u("events", taken);
		for (i = 0; i < RR_Q_KIND_COUNT; i++) {
			if (in->kinds[i] == 0)
				continue;
			snprintf(key, sizeof(key), "events.%s",
			    stat_name(i, name, sizeof(name)));
			cmd_kv_u(key, in->kinds[i]);
		}
		cmd_kv_u("icount_last", in->icount);
		cmd_kv_u("file_bytes", in->good_end);
		cmd_kv_s("closed", in->ended ? "yes" : "no");
		return;
	}
	if ((j = cmd_new_record("qemu_stats")) != NULL &&
	    (k = json_object()) != NULL) {
		json_object_set_new(j, "events", rr_json_u64(taken));
		for (i = 0; i < RR_Q_KIND_COUNT; i++)
			if (in->kinds[i] > 0)
				json_object_set_new(k, stat_name(i, name,
				    sizeof(name)), rr_json_u64(in->kinds[i]));
		json_object_set_new(j, "kinds", k);
		json_object_set_new(j, "icount_last", rr_json_u64(in->icount));
		json_object_set_new(j, "file_bytes",
		    rr_json_u64(in->good_end));
		json_object_set_new(j, "closed", json_boolean(in->ended));
	}
	cmd_put_record(j, "qemu_stats");
}

/* Does k select every kind a QEMU log can have? */
static int
every_kind(const struct cmd_kinds *k)
{
	unsigned i;

	for (i = 0; i < RR_Q_KIND_COUNT; i++)
		if (!cmd_kinds_has(k, i))
			return 0;
	return 1;
}

void
cmd_qdump(struct rr_qreader *r, const char *file,
    const struct cmd_select *sel, int json, int stats, int header)
{
	const struct rr_qevent *e;
	struct rr_qinfo info;
	uint64_t elo, ehi, ilo, ihi, taken = 0, nev, last_ic;
	int rc;

	rr_qreader_info(r, &info);
	if (header) {
		header_view(&info, json);
		if (!stats)
			return;
	}
	if (cmd_select_from_end(sel)) {
		/*
		 * The stream has no index: one read builds a side index and
		 * counts the events, then the read goes on from the mark
		 * before the range.
		 */
		if (rr_qreader_index(r, &nev, &last_ic) != RR_OK) {
			cmd_rrerr(file, rr_qreader_error(r));
			cmd_status(CMD_EXIT_FAIL);
			return;
		}
		if (nev == 0 ||
		    cmd_range_resolve(&sel->events, nev - 1, &elo, &ehi) != 0 ||
		    cmd_range_resolve(&sel->icount, last_ic, &ilo, &ihi) != 0)
			elo = 1, ehi = 0;
		else if (rr_qreader_seek(r, elo, ilo) != RR_OK) {
			cmd_rrerr(file, rr_qreader_error(r));
			cmd_status(CMD_EXIT_FAIL);
			return;
		}
	} else if (cmd_range_resolve(&sel->events, UINT64_MAX, &elo,
	    &ehi) != 0 ||
	    cmd_range_resolve(&sel->icount, UINT64_MAX, &ilo, &ihi) != 0)
		elo = 1, ehi = 0;
	/* Every event: the loop without the selection's tests. */
	if (elo == 0 && ehi == UINT64_MAX && ilo == 0 && ihi == UINT64_MAX &&
	    !sel->count_set && every_kind(&sel->kinds)) {
		while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
			taken++;
			if (stats)
				continue;
			if (json)
				cmd_qevent_json(e);
			else
				cmd_qevent_text(e);
		}
		goto done;
	}
	/* A forward scan to the first selected event. */
	while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
		if (e->number > ehi || e->icount > ihi)
			break;
		if (e->number < elo || e->icount < ilo ||
		    !cmd_kinds_has(&sel->kinds, e->raw))
			continue;
		if (sel->count_set && taken >= sel->count)
			break;
		taken++;
		if (stats)
			continue;
		if (json)
			cmd_qevent_json(e);
		else
			cmd_qevent_text(e);
	}
done:
	if (stats) {
		rr_qreader_info(r, &info);
		stats_view(&info, taken, json);
	}
	if (rc == RR_FATAL) {
		cmd_rrerr(file, rr_qreader_error(r));
		cmd_status(cmd_errstatus(rr_qreader_error(r)));
	}
}

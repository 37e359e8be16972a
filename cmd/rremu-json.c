/*
 * rremu: the end of a run for machines: the first problem said, kept;
 * --json's rremu_result record and --junit's report (rremu(1)).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rrjson.h"
#include "../lib/rrjunit.h"
#include "common.h"
#include "rremu.h"

static const char *const pkind_name[] = {
	[RREMU_P_DIVERGENCE] = "divergence",
	[RREMU_P_DAMAGE] = "damage",
	[RREMU_P_TROUBLE] = "trouble"
};

void
rremu_problem(struct rremu_run *r, int kind, const char *file,
    uint64_t offset, uint64_t event, const char *fmt, ...)
{
	struct rremu_problem *p = &r->problem;
	va_list ap;

	va_start(ap, fmt);
	cmd_vmsg(file, offset, event, fmt, ap);
	va_end(ap);
	if (p->kind != RREMU_P_NONE)
		return;
	p->kind = kind;
	p->has_file = file != NULL;
	if (file != NULL)
		snprintf(p->file, sizeof(p->file), "%s", cmd_name(file));
	p->offset = offset;
	p->event = event;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

void
rremu_problem_rr(struct rremu_run *r, int kind, const char *file,
    const struct rr_error *e)
{
	char text[512];

	rremu_problem(r, kind, file, e->offset, e->event, "%s",
	    cmd_rrerr_text(e, text, sizeof(text)));
}

/* A count, or null for none. */
static json_t *
u64_or_null(uint64_t v, uint64_t none)
{
	return v == none ? json_null() : rr_json_u64(v);
}

static json_t *
pc_json(uint32_t pc)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "0x%08x", pc);
	return json_string(buf);
}

/* Where a replay parted from its recording: null unless it did. */
static json_t *
divergence_json(const struct rremu_run *r)
{
	const struct emu_report *f = &r->fin;
	json_t *j, *parts;
	char name[32];
	uint32_t i;

	if (!r->has_fin || f->err.kind != EMU_E_DIVERGED)
		return json_null();
	if ((j = json_object()) == NULL || (parts = json_array()) == NULL) {
		json_decref(j);
		return NULL;
	}
	for (i = 0; i < f->nparts; i++)
		json_array_append_new(parts, json_string(rr_part_name(
		    f->parts[i], name, sizeof(name))));
	json_object_set_new(j, "icount", rr_json_u64(f->err.icount));
	json_object_set_new(j, "pc", pc_json(f->err.pc));
	json_object_set_new(j, "event", u64_or_null(f->err.event,
	    RR_NO_EVENT));
	json_object_set_new(j, "offset", u64_or_null(f->err.offset,
	    RR_NO_OFFSET));
	json_object_set_new(j, "parts", parts);
	json_object_set_new(j, "agree_icount", rr_json_u64(f->agreed));
	return j;
}

static json_t *
problem_json(const struct rremu_problem *p)
{
	json_t *j;

	if (p->kind == RREMU_P_NONE)
		return json_null();
	if ((j = json_object()) == NULL)
		return NULL;
	json_object_set_new(j, "kind", json_string(pkind_name[p->kind]));
	json_object_set_new(j, "file", p->has_file ? json_string(p->file) :
	    json_null());
	json_object_set_new(j, "offset", u64_or_null(p->offset,
	    RR_NO_OFFSET));
	json_object_set_new(j, "event", u64_or_null(p->event, RR_NO_EVENT));
	json_object_set_new(j, "message", json_string(p->msg));
	return j;
}

/* The one rremu_result record (formats/rremu.schema.json). */
static void
put_result(const struct rremu_run *r, int ex, uint32_t reason)
{
	const struct rremu_opts *o = r->o;
	const struct emu_report *f = &r->fin;
	json_t *j;

	if ((j = cmd_jrecord("rremu_result", NULL)) == NULL) {
		cmd_jrecord_put(NULL);
		return;
	}
	json_object_set_new(j, "mode", json_string(o->modename));
	json_object_set_new(j, "file", o->mode == EMU_REPLAY ?
	    json_string(cmd_name(r->log)) : o->mode == EMU_RECORD ?
	    json_string(rremu_out_name(o)) : json_null());
	json_object_set_new(j, "status", json_integer(ex));
	json_object_set_new(j, "end", json_string(r->how != NULL ? r->how :
	    "trouble"));
	json_object_set_new(j, "reason", r->has_fin ?
	    json_string(rr_end_reason_name(reason)) : json_null());
	json_object_set_new(j, "exit_code", r->how != NULL &&
	    strcmp(r->how, "exit") == 0 ? json_integer(r->exit_code) :
	    json_null());
	json_object_set_new(j, "icount", r->has_fin ? rr_json_u64(f->icount) :
	    json_null());
	json_object_set_new(j, "pc", r->has_fin ? pc_json(f->pc) :
	    json_null());
	/* Events checked: a replay's; a run or a recording checks none. */
	json_object_set_new(j, "events", r->has_fin && o->mode == EMU_REPLAY ?
	    rr_json_u64(f->events) : json_null());
	if (json_object_set_new(j, "divergence", divergence_json(r)) != 0 ||
	    json_object_set_new(j, "problem", problem_json(&r->problem)) !=
	    0) {
		json_decref(j);
		j = NULL;
	}
	cmd_jrecord_put(j);
}

/* One test case, the replay: its result and first problem. */
static int
put_junit(struct rremu_run *r, int ex)
{
	const struct rremu_problem *p = &r->problem;
	struct rr_junit *ju;
	struct rr_error e;
	char msg[1024], text[256], off[32] = "", ev[32] = "";
	int result, rc = 0;

	result = p->kind == RREMU_P_DIVERGENCE || p->kind == RREMU_P_DAMAGE ?
	    RR_JUNIT_FAILURE : p->kind == RREMU_P_TROUBLE ||
	    ex == EX_TROUBLE ? RR_JUNIT_ERROR : RR_JUNIT_PASS;
	/* The message as stderr said it, without the program's name. */
	if (p->offset != RR_NO_OFFSET)
		snprintf(off, sizeof(off), "offset %llu: ",
		    (unsigned long long)p->offset);
	if (p->event != RR_NO_EVENT)
		snprintf(ev, sizeof(ev), "event %llu: ",
		    (unsigned long long)p->event);
	snprintf(msg, sizeof(msg), "%s%s%s%s%s", p->has_file ? p->file : "",
	    p->has_file ? ": " : "", off, ev, p->kind != RREMU_P_NONE ?
	    p->msg : "trouble");
	snprintf(text, sizeof(text), "end %s, exit status %d",
	    r->how != NULL ? r->how : "trouble", ex);
	if (r->has_fin)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    ", icount %llu, %llu events checked",
		    (unsigned long long)r->fin.icount,
		    (unsigned long long)r->fin.events);
	if ((ju = rr_junit_new("rremu")) == NULL ||
	    rr_junit_case(ju, cmd_name(r->log), result, result ==
	    RR_JUNIT_PASS ? NULL : msg, text) != 0) {
		rremu_problem(r, RREMU_P_TROUBLE, r->o->junit, RR_NO_OFFSET,
		    RR_NO_EVENT, "out of memory");
		rc = -1;
	} else if (rr_junit_write(ju, r->o->junit, r->inputs, r->ninputs,
	    &e) != RR_OK) {
		rremu_problem_rr(r, RREMU_P_TROUBLE,
		    rr_output_name(r->o->junit), &e);
		rc = -1;
	}
	rr_junit_free(ju);
	return rc;
}

int
rremu_results(struct rremu_run *r, int ex)
{
	const struct rremu_opts *o = r->o;

	if (o->junit != NULL && put_junit(r, ex) != 0 && ex < EX_TROUBLE)
		ex = EX_TROUBLE;
	if (o->json) {
		put_result(r, ex, r->reason);
		/* Written and closed, or the status says it was not. */
		if (cmd_exit() != 0 && ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
	return ex;
}

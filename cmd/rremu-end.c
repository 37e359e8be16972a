/* rremu: how a run, a recording or a replay ended, said, and its status. */
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"
#include "common.h"
#include "rremu.h"
#include "sym.h"

/* The log written, in messages: "-" is standard output here. */
const char *
rremu_out_name(const struct rremu_opts *o)
{
	return strcmp(o->output, "-") == 0 ? "stdout" : o->output;
}

const char *
rremu_addr(const struct rremu_run *r, uint32_t addr, char *buf, size_t len)
{
	return cmd_sym_addr(r->sym, addr, buf, len);
}

/*
 * Say what went wrong, naming the file it is about: a machine error
 * (a log error or a divergence) names the log replayed or written; a
 * divergence's text names its event and icount itself.
 */
void
rremu_say(struct rremu_run *r, const struct emu_report *rep,
    const char *saved)
{
	const struct rremu_opts *o = r->o;
	const char *file = NULL;
	uint64_t event = rep->err.event;
	struct rr_error lib;
	int kind, damage;

	switch (rep->blame) {
	case EMU_BLAME_LOG:
		file = r->log;
		break;
	case EMU_BLAME_SNAPSHOT:
		file = o->load;
		break;
	case EMU_BLAME_GUEST:
		file = r->guest;
		break;
	case EMU_BLAME_OUTPUT:
		file = rremu_out_name(o);
		break;
	case EMU_BLAME_SAVED:
		file = rr_output_name(saved);
		break;
	case EMU_BLAME_HOST_FROM:
		file = o->host_from;
		break;
	case EMU_BLAME_MACHINE:
		if (rep->err.kind == EMU_E_LOG ||
		    rep->err.kind == EMU_E_DIVERGED)
			file = o->mode == EMU_REPLAY ? r->log :
			    o->output != NULL ? rremu_out_name(o) : NULL;
		if (rep->err.kind != EMU_E_LOG)
			event = RR_NO_EVENT;
		break;
	default:
		break;
	}
	/* Damage: the replayed log's bytes are cut short or corrupt. */
	lib.kind = rep->has_lib ? rep->lib.kind : rep->err.kind == EMU_E_LOG ?
	    rep->err.lib_kind : RR_E_NONE;
	damage = o->mode == EMU_REPLAY && file != NULL && file == r->log &&
	    cmd_errstatus(&lib) == CMD_EXIT_DATA;
	kind = !rep->has_lib && rep->err.kind == EMU_E_DIVERGED ?
	    RREMU_P_DIVERGENCE : damage ? RREMU_P_DAMAGE : RREMU_P_TROUBLE;
	if (rep->has_lib)
		rremu_problem_rr(r, kind, file, &rep->lib);
	else
		rremu_problem(r, kind, file, rep->err.offset, event, "%s",
		    rep->err.msg);
}

static int
guest_status(int code)
{
	if (code < 0 || code > EX_GUEST_MAX) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "guest exit code %d "
		    "shown as %d", code, EX_GUEST_MAX);
		return EX_GUEST_MAX;
	}
	return code;
}

/* How a run stopped, as --json's "end" names it (rremu(1)). */
static const char *
rremu_how(const struct emu_report *rep)
{
	switch (rep->stop) {
	case EMU_AT:
		return "limit";
	case EMU_EXITED:
		return "exit";
	case EMU_ENDED:
		return "recording_end";
	case EMU_TRUNCATED:
		return "truncated";
	case EMU_GAP:
		return "gap";
	case EMU_REQUESTED:
		return "stopped";
	case EMU_IDLE:
		return "idle";
	case EMU_STUCK:
		return "stuck";
	default:
		return rep->err.kind == EMU_E_DIVERGED ? "diverged" :
		    "trouble";
	}
}

/* After an error: was it the replay parting from the log, or trouble? */
static int
error_status(const struct emu_report *rep)
{
	return rep->err.kind == EMU_E_DIVERGED ? EX_DIVERGED : EX_TROUBLE;
}

/*
 * Replay reached the recording's END while the guest runs on (an END
 * with the guest's exit is a divergence, said by the session).
 */
static int
recording_ended(struct rremu_run *r, const struct emu_report *rep)
{
	/*
	 * A piece cut out of a longer recording (rrcut) ends where the cut
	 * does: reaching it with every checkpoint matched is success.
	 */
	if (rep->reason == RR_END_CUT) {
		if (r->o->verbose)
			cmd_msg(r->log, RR_NO_OFFSET, RR_NO_EVENT, "reached "
			    "the cut's END at icount %llu; every checkpoint "
			    "matched, the last at icount %llu",
			    (unsigned long long)rep->icount,
			    (unsigned long long)rep->agreed);
		return 0;
	}
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the recording ended here, "
	    "%s, at icount %llu", rr_end_reason_name(rep->reason),
	    (unsigned long long)rep->icount);
	return EX_UNFINISHED;
}

/* How the run stopped, said, and the exit status it calls for. */
int
rremu_ended(struct rremu_run *r, const struct emu_report *rep,
    uint32_t *reason, int64_t *status)
{
	const struct rremu_opts *o = r->o;
	char pc[200];

	if (rep->has_end) {
		*reason = rep->reason;
		*status = rep->status;
	}
	r->how = rremu_how(rep);
	switch (rep->stop) {
	case EMU_AT:
		r->halted = 1;
		if (rep->icount == o->stop_at) {
			r->how = "stop_at";
			*reason = RR_END_STOPPED;
			if (o->save != NULL && rremu_save(r, o->save) != 0)
				return EX_TROUBLE;
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "stopped at icount %llu, pc %s",
			    (unsigned long long)rep->icount,
			    rremu_addr(r, rep->pc, pc, sizeof(pc)));
			return 0;
		}
		*reason = RR_END_LIMIT;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "instruction limit %llu reached, pc %s",
		    (unsigned long long)rep->icount,
		    rremu_addr(r, rep->pc, pc, sizeof(pc)));
		return EX_UNFINISHED;
	case EMU_ENDED:
		return recording_ended(r, rep);
	case EMU_EXITED:
		*reason = RR_END_EXIT;
		*status = rep->exit_code;
		r->exit_code = rep->exit_code;
		if (o->stop_at != UINT64_MAX && o->save != NULL)
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "the guest "
			    "exited at icount %llu, before -u %llu: no "
			    "snapshot saved", (unsigned long long)rep->icount,
			    (unsigned long long)o->stop_at);
		return guest_status(rep->exit_code);
	case EMU_TRUNCATED:
		r->halted = 1;
		rremu_problem(r, RREMU_P_DAMAGE, r->log, rep->trunc_offset,
		    rep->trunc_event, "the log ends without END (not closed): "
		    "replay matched its %llu events, up to icount %llu",
		    (unsigned long long)rep->events,
		    (unsigned long long)rep->icount);
		return EX_UNFINISHED;
	case EMU_GAP:
		*reason = RR_END_STOPPED;
		r->halted = 1;
		rremu_problem(r, RREMU_P_DAMAGE, r->log, RR_NO_OFFSET,
		    rep->gap_event, "replay stops at a gap in the recording "
		    "at icount %llu; every "
		    "checkpoint before it matched; the recording resumes at "
		    "icount %llu (event %llu of the original)",
		    (unsigned long long)rep->icount,
		    (unsigned long long)rep->gap_resume_icount,
		    (unsigned long long)rep->gap_resume_event);
		return EX_UNFINISHED;
	case EMU_REQUESTED:
		*reason = RR_END_STOPPED;
		r->halted = 1;
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "stopped on request "
		    "at icount %llu, pc %s",
		    (unsigned long long)rep->icount,
		    rremu_addr(r, rep->pc, pc, sizeof(pc)));
		return EX_UNFINISHED;
	case EMU_STUCK:
		/* Stuck, where the recording was too or not: as recorded. */
		return error_status(rep);
	case EMU_IDLE:
		*reason = RR_END_STOPPED;
		snprintf(r->end_text, sizeof(r->end_text), "guest waits for "
		    "input that will not come (icount %llu, pc %s)",
		    (unsigned long long)rep->icount,
		    rremu_addr(r, rep->pc, pc, sizeof(pc)));
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s", r->end_text);
		return EX_UNFINISHED;
	default:
		if (!rep->has_end)
			*reason = RR_END_ERROR;
		return error_status(rep);
	}
}

/* Print the end report; returns the exit status, raised if need be. */
int
rremu_report_end(struct rremu_run *r, int ex, uint32_t reason,
    int64_t status)
{
	const struct rremu_opts *o = r->o;
	struct emu_report rep, mrep;

	emu_finish(r->s, r->halted, status, reason, r->end_text, &rep);
	r->fin = rep;
	r->has_fin = 1;
	r->reason = reason;
	/* Where --host-from's values parted (also in the log's END). */
	if (rep.parted[0] != '\0')
		cmd_msg(o->output != NULL ? rremu_out_name(o) : NULL,
		    RR_NO_OFFSET, RR_NO_EVENT, "%s", rep.parted);
	if (rep.result != EMU_MATCHED && ex != EX_DIVERGED)
		ex = error_status(&rep);
	if (ex == EX_DIVERGED || (ex == EX_TROUBLE &&
	    rep.err.kind != EMU_E_NONE)) {
		mrep = rep;
		mrep.blame = EMU_BLAME_MACHINE;
		mrep.has_lib = 0;
		rremu_say(r, &mrep, NULL);
	}
	if (rep.has_lib) {
		rremu_problem_rr(r, RREMU_P_TROUBLE, rremu_out_name(o),
		    &rep.lib);
		ex = EX_TROUBLE;
	}
	if (o->verbose && o->mode == EMU_REPLAY)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: %llu instructions, "
		    "%llu events checked", o->modename,
		    (unsigned long long)rep.icount,
		    (unsigned long long)rep.events);
	else if (o->verbose)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: %llu instructions",
		    o->modename, (unsigned long long)rep.icount);
	/*
	 * Every end that is not a divergence or trouble is a replay that
	 * matched everything it checked: say so, and how far it went.
	 */
	if (o->mode == EMU_REPLAY && o->verbose && ex != EX_DIVERGED &&
	    ex != EX_TROUBLE) {
		if (reason == RR_END_EXIT)
			cmd_msg(r->log, RR_NO_OFFSET, RR_NO_EVENT,
			    "replay matches the recording");
		else
			cmd_msg(r->log, RR_NO_OFFSET, RR_NO_EVENT,
			    "replay matches the recording up to icount %llu",
			    (unsigned long long)rep.icount);
	}
	if (rep.host_errno != 0) {
		rremu_problem(r, RREMU_P_TROUBLE, o->json ? "stderr" : "stdout",
		    RR_NO_OFFSET, RR_NO_EVENT, "cannot write the guest's "
		    "output: %s", strerror(rep.host_errno));
		if (ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
	/* A log whose end is not a valid footer is said so, as rrverify. */
	if (rep.has_end_error) {
		rremu_problem_rr(r, RREMU_P_DAMAGE, r->log, &rep.end_error);
		if (ex < EX_TROUBLE)
			ex = EX_TROUBLE;
	}
	return ex;
}


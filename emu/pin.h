/*
 * Pinned host inputs (rremu run|record --rtc-base, --entropy-seed,
 * --host-from): the host clock and the seed CSR's entropy taken from a
 * source that gives the same values every run, so that two recordings
 * of one input are the same.  The gate asks here before it asks the
 * host; what it takes is recorded as any host value is, so a replay
 * needs none of this.
 */
#ifndef EMU_PIN_H
#define EMU_PIN_H

#include <stddef.h>
#include <stdint.h>

struct machine;
struct emu_error;
struct rr_header;
struct rr_snap;

/* What the options asked for. */
struct pin_config {
	int		 clock_vm;	/* --rtc-base: virtual time ... */
	uint64_t	 clock_base;	/* ... from this, ns since the epoch */
	int		 entropy_seeded;	/* --entropy-seed */
	uint64_t	 entropy_seed;
	const char	*host_from;	/* --host-from: a known-good log */
};

/*
 * Set option name ("rtc-base", "entropy-seed", "host-from") of c from
 * its value arg.  0, or -1 with a message in err.
 */
int		 pin_option(struct pin_config *c, const char *name,
		    const char *arg, char *err, size_t errlen);
/*
 * A date and time in UTC, YYYY-MM-DD[THH:MM:SS][Z], or @SECONDS since
 * the epoch, as ns since the epoch: 0, or -1 when it is not one (or
 * not between 1970 and 2500).
 */
int		 pin_parse_date(const char *s, uint64_t *ns);
/* The seeded generator's value for the n-th seed read (from 0). */
uint32_t	 pin_seeded(uint64_t seed, uint64_t n);

struct pin;

/*
 * The pinned sources of a run of the guest that header run describes,
 * resumed from snapshot snap (NULL: from boot): *pp, or NULL when c
 * pins nothing.  A known-good log is read through once here, with every
 * check its reader makes, and must be a closed recording of the same
 * guest image from its start.  -1 with e filled when it cannot be used
 * (kind EMU_E_LOG: the known-good log, with offset and event in it;
 * EMU_E_MACHINE: the snapshot).
 */
int		 pin_open(struct pin **pp, const struct pin_config *c,
		    const struct rr_header *run, const struct rr_snap *snap,
		    struct emu_error *e);
void		 pin_close(struct pin *p);	/* accepts NULL */
/* Write into h where the host inputs come from (format 1.4). */
void		 pin_header(const struct pin *p, struct rr_header *h);

/*
 * A host value the guest asks for, in the order it asks: 1 with the
 * pinned value, 0 when the host answers (p NULL, or nothing pins this
 * input), -1 with m->err set.  event: the number the value's event will
 * have in the log being recorded (RR_NO_EVENT: none), for a message
 * saying where the values parted from the known-good log.
 */
int		 pin_clock(struct pin *p, struct machine *m, uint64_t event,
		    uint64_t *ns);
int		 pin_entropy(struct pin *p, struct machine *m, uint64_t event,
		    uint32_t *value);
/* Semihosting's SH_CLOCK, SH_TIME and SH_ELAPSED (0 for other calls). */
int		 pin_semihost(struct pin *p, struct machine *m, uint64_t event,
		    uint32_t op, int64_t *result);
/*
 * Where the values parted from the known-good log: 1 with a sentence
 * in buf, or 0 when they did not (or there is no such log).
 */
int		 pin_parted(const struct pin *p, char *buf, size_t len);

/*
 * In a snapshot's "gate" section (being written): how many host values
 * the guest took, so that a run resumed from it (pin_open) goes on with
 * the next.
 */
int		 pin_snap_save(const struct pin *p, struct rr_snap *s);

#endif /* EMU_PIN_H */

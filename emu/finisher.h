/* The test finisher: state, register, snapshot section "finisher", hash. */
#ifndef EMU_FINISHER_H
#define EMU_FINISHER_H

#include <stddef.h>
#include <stdint.h>

#define FINISHER_BASE	0x00100000u
#define FINISHER_SIZE	0x1000u

struct machine;
struct rr_snap;

struct finisher {
	uint32_t	 last;		/* last value written */
};

/* Write-only: reads return 0 without calling the device. */
int		 finisher_write(struct machine *m, uint32_t off,
		    uint32_t val);
void		 finisher_reset(struct finisher *f);
int		 finisher_save(const struct finisher *f, struct rr_snap *s);
int		 finisher_load(struct finisher *f, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
/* The part covers what the finisher did too: exited and the exit code. */
uint64_t	 finisher_hash(const struct machine *m);

#endif /* EMU_FINISHER_H */

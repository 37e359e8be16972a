/* The PLIC: state, registers, snapshot section "plic", hash part. */
#ifndef EMU_PLIC_H
#define EMU_PLIC_H

#include <stddef.h>
#include <stdint.h>

#define PLIC_BASE	0x0c000000u
#define PLIC_SIZE	0x600000u

struct machine;
struct rr_snap;

struct plic {
	uint32_t	 priority[32];
	uint32_t	 pending;	/* bit per source */
	uint32_t	 enable;	/* context 0 (hart 0, M-mode) */
	uint32_t	 threshold;
	uint32_t	 claimed;	/* bit per source in service */
	/* Context 1 (hart 0, S-mode): 0 in a machine that never used it. */
	uint32_t	 enable_s;
	uint32_t	 threshold_s;
};

/* off is word-aligned: the bus passes aligned 32-bit accesses only. */
int		 plic_read(struct machine *m, uint32_t off, uint32_t *val);
int		 plic_write(struct machine *m, uint32_t off, uint32_t val);
void		 plic_reset(struct plic *p);
int		 plic_save(const struct plic *p, struct rr_snap *s);
int		 plic_load(struct plic *p, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
uint64_t	 plic_hash(const struct machine *m);

/*
 * A source's interrupt line, and whether the hart's external interrupt
 * lines are up: MEIP from context 0, SEIP from context 1.
 */
void		 plic_set_level(struct plic *p, uint32_t irq, int level);
int		 plic_meip(const struct plic *p);
int		 plic_seip(const struct plic *p);

#endif /* EMU_PLIC_H */

/* The CLINT: state, registers, snapshot section "clint", hash part. */
#ifndef EMU_CLINT_H
#define EMU_CLINT_H

#include <stddef.h>
#include <stdint.h>

#define CLINT_BASE	0x02000000u
#define CLINT_SIZE	0xc000u	/* ACLINT swi 0x4000 + mtimer 0x8000 */

struct machine;
struct rr_snap;

struct clint {
	uint32_t	 msip;
	uint64_t	 mtimecmp;
};

/* off is word-aligned: the bus passes aligned 32-bit accesses only. */
int		 clint_read(struct machine *m, uint32_t off, uint32_t *val);
int		 clint_write(struct machine *m, uint32_t off, uint32_t val);
void		 clint_reset(struct clint *c);
int		 clint_save(const struct clint *c, struct rr_snap *s);
int		 clint_load(struct clint *c, const struct rr_snap *s,
		    size_t sec, char *err, size_t errlen);
uint64_t	 clint_hash(const struct machine *m);

#endif /* EMU_CLINT_H */

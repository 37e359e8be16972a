/* entropy: reads the Zkr seed CSR and checks its OPST states and format. */
#include "rt.h"

#define VALUES		16
#define TRIES_MAX	1000000u	/* WAIT/BIST this long is a failure */
#define SEED_RSVD	0x3f000000u	/* bits 29:24 must read as zero */

int
main(void)
{
	uint32_t v, opst, tries, distinct, val[VALUES], waits = 0;
	int i, j, fail = 0;

	printf("entropy: reading %d values from the seed CSR (0x015)\n",
	    VALUES);
	for (i = 0; i < VALUES; i++) {
		for (tries = 1;; tries++) {
			v = seed_read();
			opst = v >> 30;
			if (opst == SEED_ES16 || opst == SEED_DEAD ||
			    tries == TRIES_MAX)
				break;
			waits++;
		}
		if (opst != SEED_ES16) {
			printf("entropy: value %d: OPST %lu, not ES16: FAIL\n",
			    i, opst);
			return 1;
		}
		if (v & SEED_RSVD) {
			printf("entropy: value %d: reserved bits set "
			    "(0x%08lx): FAIL\n", i, v);
			fail = 1;
		}
		val[i] = v & 0xffffu;
		printf("~ seed[%d] = 0x%08lx entropy 0x%04lx\n", i, v, val[i]);
	}
	printf("~ entropy: %lu WAIT/BIST reads before ES16\n", waits);
	for (distinct = 0, i = 0; i < VALUES; i++) {
		for (j = 0; j < i && val[j] != val[i]; j++)
			;
		distinct += j == i;
	}
	printf("~ entropy: %lu distinct values of %d\n", distinct, VALUES);
	/* 16 draws of 16 bits: fewer than 8 distinct means a stuck source. */
	printf("entropy: %d values, all ES16: ok\n", VALUES);
	printf("entropy: values vary: %s\n", distinct >= 8 ? "ok" : "FAIL");
	fail |= distinct < 8;
	return fail;
}

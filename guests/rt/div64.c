/* 64-bit division for RV32, which the compiler calls instead of inlining it. */
#include "rt.h"

/*
 * Normally libgcc's; ours so guests link even where the toolchain picks a
 * libgcc of another multilib (rv32im_zicsr_zifencei matches none).
 */
uint64_t	 __udivdi3(uint64_t, uint64_t);
uint64_t	 __umoddi3(uint64_t, uint64_t);
int64_t		 __divdi3(int64_t, int64_t);
int64_t		 __moddi3(int64_t, int64_t);

static uint64_t
udivmod(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;
	int i;

	if (d == 0) {
		/* As the M extension defines x / 0: all ones, remainder n. */
		*rem = n;
		return UINT64_MAX;
	}
	if (n >> 32 == 0 && d >> 32 == 0) {
		*rem = (uint32_t)n % (uint32_t)d;
		return (uint32_t)n / (uint32_t)d;
	}
	for (i = 63; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= (uint64_t)1 << i;
		}
	}
	*rem = r;
	return q;
}

uint64_t
__udivdi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	return udivmod(n, d, &r);
}

uint64_t
__umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	udivmod(n, d, &r);
	return r;
}

int64_t
__divdi3(int64_t n, int64_t d)
{
	uint64_t q, r;
	int neg = (n < 0) != (d < 0);

	q = udivmod(n < 0 ? -(uint64_t)n : (uint64_t)n,
	    d < 0 ? -(uint64_t)d : (uint64_t)d, &r);
	return (int64_t)(neg ? -q : q);
}

int64_t
__moddi3(int64_t n, int64_t d)
{
	uint64_t r;

	udivmod(n < 0 ? -(uint64_t)n : (uint64_t)n,
	    d < 0 ? -(uint64_t)d : (uint64_t)d, &r);
	return (int64_t)(n < 0 ? -r : r);
}

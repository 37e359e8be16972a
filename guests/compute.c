/* compute: a fixed integer workload of over 10^9 instructions; a checksum. */
#include "rt.h"

/*
 * Rounds to run.  Every round executes the same instruction path (the
 * data changes, the branches taken do not), so the instruction count is
 * a fixed function of this word: see tests/guests/README.  In its own
 * section so a test can patch a smaller value into the ELF.
 */
#ifndef COMPUTE_ROUNDS
#define COMPUTE_ROUNDS	10000u
#endif
__attribute__((section(".param"), used))
volatile uint32_t compute_rounds = COMPUTE_ROUNDS;

#define SIEVE_N		4096u
#define BUF_N		1024u
#define MAT_N		12u
#define DIV_N		256u

static uint8_t	 composite[SIEVE_N];
static uint8_t	 buf[BUF_N];
static uint32_t	 ma[MAT_N][MAT_N], mb[MAT_N][MAT_N], mc[MAT_N][MAT_N];

/* Stores and branches: the same primes every round, so the same path. */
static uint32_t
sieve(void)
{
	uint32_t i, j, count = 0;

	memset(composite, 0, sizeof(composite));
	for (i = 2; i < SIEVE_N; i++) {
		if (composite[i])
			continue;
		count += i;
		for (j = i * i; j < SIEVE_N; j += i)
			composite[j] = 1;
	}
	return count;
}

/* Loads, shifts and masks; branch-free on the data. */
static uint32_t
crc32(const uint8_t *p, uint32_t n)
{
	uint32_t crc = 0xffffffffu, i;
	int k;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* Multiplies and a dense load pattern. */
static uint32_t
matmul(void)
{
	uint32_t i, j, k, s, sum = 0;

	for (i = 0; i < MAT_N; i++)
		for (j = 0; j < MAT_N; j++) {
			s = 0;
			for (k = 0; k < MAT_N; k++)
				s += ma[i][k] * mb[k][j];
			mc[i][j] = s;
			sum ^= s + i * 31 + j;
		}
	return sum;
}

/* Division and remainder, signed and unsigned; divisors never zero. */
static uint32_t
divmix(uint32_t x)
{
	uint32_t i, acc = 0;
	int32_t sx = (int32_t)x;

	for (i = 1; i <= DIV_N; i++) {
		acc += x / i + x % (i + 2);
		acc ^= (uint32_t)(sx / (int32_t)(i | 1)) +
		    (uint32_t)(sx % -(int32_t)(i + 5));
		x = x * 1103515245u + 12345u;
		sx = (int32_t)x;
	}
	return acc;
}

int
main(void)
{
	uint32_t r, rounds, i, j, sum = 0, x = 0x12345678u;
	uint64_t t0, t1;

	rounds = compute_rounds;
	printf("compute: %lu rounds of sieve, crc32, matmul, divide\n",
	    rounds);
	for (i = 0; i < BUF_N; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	for (i = 0; i < MAT_N; i++)
		for (j = 0; j < MAT_N; j++) {
			ma[i][j] = i * MAT_N + j + 1;
			mb[i][j] = (i + 1) * (j + 3);
		}
	t0 = mtime();
	for (r = 0; r < rounds; r++) {
		sum += sieve();
		/* Each round feeds the next: no round can be skipped. */
		buf[r % BUF_N] ^= (uint8_t)sum;
		sum ^= crc32(buf, BUF_N);
		ma[r % MAT_N][(r / MAT_N) % MAT_N] += sum & 0xff;
		sum += matmul();
		x ^= sum;
		sum = (sum << 5 | sum >> 27) ^ divmix(x);
	}
	t1 = mtime();
	printf("compute: checksum 0x%08lx\n", sum);
	printf("~ compute: %llu mtime units\n", t1 - t0);
	return 0;
}

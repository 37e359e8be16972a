/* librr: small shared pieces: CRC32C, varints, the 64-bit hash, names. */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "rr.h"
#include "internal.h"

/* ---- CRC32C (Castagnoli, reflected 0x82F63B78) ---- */

/*
 * Every block is checked when read and when copied, so the CRC bounds
 * how fast rrcut and rrmerge can copy: the CPU's own instruction is
 * used where it has one (x86-64 SSE4.2, found at run time; AArch64
 * with the CRC extension), slicing by 8 elsewhere.
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#define CRC_HW	1
#define CRC_TARGET	__attribute__((target("sse4.2")))
#define CRC_HW64(c, w)	__builtin_ia32_crc32di((c), (w))
#define CRC_HW8(c, b)	__builtin_ia32_crc32qi((uint32_t)(c), (b))

static int
crc_hw_probe(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_2) != 0;
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#define CRC_HW	1
#define CRC_TARGET
#define CRC_HW64(c, w)	__crc32cd((uint32_t)(c), (w))
#define CRC_HW8(c, b)	__crc32cb((uint32_t)(c), (b))

static int
crc_hw_probe(void)
{
	return 1;	/* the compiler was told the CPU has it */
}
#endif

#ifdef CRC_HW
/*
 * The instruction takes a few cycles before its result can feed the
 * next one, so three stretches of a buffer are run side by side and
 * their CRCs joined: a CRC followed by n zero bytes is a linear map of
 * the CRC, kept as four tables for each stretch length (the method of
 * Mark Adler's crc32c.c).
 */
#define CRC_LONG	8192
#define CRC_SHORT	256

static uint32_t crc_long[4][256], crc_short[4][256];

static uint32_t
gf2_times(const uint32_t *mat, uint32_t vec)
{
	uint32_t sum = 0;

	for (; vec != 0; vec >>= 1, mat++)
		if (vec & 1)
			sum ^= *mat;
	return sum;
}

static void
gf2_square(uint32_t *sq, const uint32_t *mat)
{
	int n;

	for (n = 0; n < 32; n++)
		sq[n] = gf2_times(mat, mat[n]);
}

/* Tables that append len zero bytes (a power of two) to a CRC. */
static void
crc_zeros(uint32_t zeros[4][256], size_t len)
{
	uint32_t even[32], odd[32], *op, row = 1;
	int n;

	odd[0] = 0x82F63B78u;	/* one zero bit */
	for (n = 1; n < 32; n++) {
		odd[n] = row;
		row <<= 1;
	}
	gf2_square(even, odd);	/* two bits */
	gf2_square(odd, even);	/* four */
	for (;;) {
		gf2_square(even, odd);
		op = even;
		if ((len >>= 1) == 0)
			break;
		gf2_square(odd, even);
		op = odd;
		if ((len >>= 1) == 0)
			break;
	}
	for (n = 0; n < 256; n++) {
		zeros[0][n] = gf2_times(op, (uint32_t)n);
		zeros[1][n] = gf2_times(op, (uint32_t)n << 8);
		zeros[2][n] = gf2_times(op, (uint32_t)n << 16);
		zeros[3][n] = gf2_times(op, (uint32_t)n << 24);
	}
}

static uint32_t
crc_shift(uint32_t zeros[4][256], uint32_t crc)
{
	return zeros[0][crc & 0xff] ^ zeros[1][(crc >> 8) & 0xff] ^
	    zeros[2][(crc >> 16) & 0xff] ^ zeros[3][crc >> 24];
}

/* Three stretches of len bytes each from *bp on, then joined. */
CRC_TARGET
static uint64_t
crc_hw_three(uint64_t c0, const uint8_t **bp, size_t len,
    uint32_t zeros[4][256])
{
	const uint8_t *b = *bp, *end = b + len;
	uint64_t c1 = 0, c2 = 0, w0, w1, w2;

	do {
		memcpy(&w0, b, 8);
		memcpy(&w1, b + len, 8);
		memcpy(&w2, b + 2 * len, 8);
		c0 = CRC_HW64(c0, w0);
		c1 = CRC_HW64(c1, w1);
		c2 = CRC_HW64(c2, w2);
		b += 8;
	} while (b < end);
	c0 = crc_shift(zeros, (uint32_t)c0) ^ c1;
	c0 = crc_shift(zeros, (uint32_t)c0) ^ c2;
	*bp = b + 2 * len;
	return c0;
}

CRC_TARGET
static uint32_t
crc_hw_run(uint32_t crc, const uint8_t *b, size_t n)
{
	uint64_t c = crc, w;

	while (n >= 3 * CRC_LONG) {
		c = crc_hw_three(c, &b, CRC_LONG, crc_long);
		n -= 3 * CRC_LONG;
	}
	while (n >= 3 * CRC_SHORT) {
		c = crc_hw_three(c, &b, CRC_SHORT, crc_short);
		n -= 3 * CRC_SHORT;
	}
	while (n >= 8) {
		memcpy(&w, b, 8);
		c = CRC_HW64(c, w);
		b += 8;
		n -= 8;
	}
	while (n--)
		c = CRC_HW8(c, *b++);
	return (uint32_t)c;
}
#endif

static uint32_t crc_tab[8][256];
static int crc_hw_ok;
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

/* Once per process: writers compress and check on their own threads. */
static void
crc_init(void)
{
	uint32_t c;
	int i, j, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (j = 0; j < 8; j++)
			c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
		crc_tab[0][i] = c;
	}
	for (i = 0; i < 256; i++)
		for (k = 1; k < 8; k++)
			crc_tab[k][i] = (crc_tab[k - 1][i] >> 8) ^
			    crc_tab[0][crc_tab[k - 1][i] & 0xff];
#ifdef CRC_HW
	crc_hw_ok = crc_hw_probe();
	crc_zeros(crc_long, CRC_LONG);
	crc_zeros(crc_short, CRC_SHORT);
#endif
}

uint32_t
rr_crc32c_sw(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t w;

	pthread_once(&crc_once, crc_init);
	crc = ~crc;
	while (n >= 8) {
		w = rr_le64(b) ^ crc;
		crc = crc_tab[7][w & 0xff] ^ crc_tab[6][(w >> 8) & 0xff] ^
		    crc_tab[5][(w >> 16) & 0xff] ^ crc_tab[4][(w >> 24) & 0xff] ^
		    crc_tab[3][(w >> 32) & 0xff] ^ crc_tab[2][(w >> 40) & 0xff] ^
		    crc_tab[1][(w >> 48) & 0xff] ^ crc_tab[0][w >> 56];
		b += 8;
		n -= 8;
	}
	while (n--)
		crc = (crc >> 8) ^ crc_tab[0][(crc ^ *b++) & 0xff];
	return ~crc;
}

int
rr_crc32c_hw_available(void)
{
	pthread_once(&crc_once, crc_init);
	return crc_hw_ok;
}

uint32_t
rr_crc32c_hw(uint32_t crc, const void *p, size_t n)
{
#ifdef CRC_HW
	if (rr_crc32c_hw_available())
		return ~crc_hw_run(~crc, p, n);
#endif
	return rr_crc32c_sw(crc, p, n);
}

/* Continue a CRC: pass 0 to start; the result is final (inverted). */
uint32_t
rr_crc32c(uint32_t crc, const void *p, size_t n)
{
	pthread_once(&crc_once, crc_init);
#ifdef CRC_HW
	if (crc_hw_ok)
		return ~crc_hw_run(~crc, p, n);
#endif
	return rr_crc32c_sw(crc, p, n);
}

/* ---- varints: LEB128, little end first, at most 10 bytes ---- */

size_t
rr_varint_put(uint8_t *p, uint64_t v)
{
	return rr_vput(p, v);
}

/* 0 on truncation, on more than 10 bytes, or on bits beyond 64. */
size_t
rr_varint_get(const uint8_t *p, size_t n, uint64_t *v)
{
	uint64_t r = 0;
	size_t i;

	for (i = 0; i < n && i < 10; i++) {
		if (i == 9 && p[i] > 1)
			return 0;
		r |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = r;
			return i + 1;
		}
	}
	return 0;
}

/* ---- the 64-bit hash: XXH64, as its published specification ---- */

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t
xround(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rotl64(acc, 31);
	return acc * P1;
}

static inline uint64_t
xmerge(uint64_t acc, uint64_t v)
{
	acc ^= xround(0, v);
	return acc * P1 + P4;
}

uint64_t
rr_hash64(const void *p, size_t n, uint64_t seed)
{
	const uint8_t *b = p, *end = b + n;
	uint64_t h, v1, v2, v3, v4;

	if (n >= 32) {
		v1 = seed + P1 + P2;
		v2 = seed + P2;
		v3 = seed;
		v4 = seed - P1;
		do {
			v1 = xround(v1, rr_le64(b));
			v2 = xround(v2, rr_le64(b + 8));
			v3 = xround(v3, rr_le64(b + 16));
			v4 = xround(v4, rr_le64(b + 24));
			b += 32;
		} while (end - b >= 32);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) +
		    rotl64(v4, 18);
		h = xmerge(h, v1);
		h = xmerge(h, v2);
		h = xmerge(h, v3);
		h = xmerge(h, v4);
	} else
		h = seed + P5;
	h += (uint64_t)n;
	while (end - b >= 8) {
		h ^= xround(0, rr_le64(b));
		h = rotl64(h, 27) * P1 + P4;
		b += 8;
	}
	if (end - b >= 4) {
		h ^= (uint64_t)rr_le32(b) * P1;
		h = rotl64(h, 23) * P2 + P3;
		b += 4;
	}
	while (b < end) {
		h ^= (uint64_t)*b++ * P5;
		h = rotl64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

/* ---- names ---- */

const char *
rr_errkind_name(int kind)
{
	static const char *const names[] = {
		"ok", "i/o error", "out of memory", "truncated", "corrupt",
		"unsupported", "over limit", "invalid argument"
	};

	if (kind < 0 || kind >= (int)(sizeof(names) / sizeof(names[0])))
		return "error";
	return names[kind];
}

/* Fill an error; the message is formatted like printf. */
void
rr_seterr(struct rr_error *e, int kind, uint64_t offset, uint64_t event,
    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	e->kind = kind;
	e->sys_errno = 0;
	e->offset = offset;
	e->event = event;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

void
rr_clearerr(struct rr_error *e)
{
	if (e == NULL)
		return;
	memset(e, 0, sizeof(*e));
	e->offset = RR_NO_OFFSET;
	e->event = RR_NO_EVENT;
}

int
rr_seterr_io(struct rr_error *e, const char *what)
{
	int saved = errno;

	rr_seterr(e, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT, "%s: %s", what,
	    strerror(saved));
	if (e != NULL)
		e->sys_errno = saved;
	return RR_FATAL;
}

size_t
rr_utf8_len(const uint8_t *p, size_t n)
{
	static const uint32_t least[4] = { 0, 0x80, 0x800, 0x10000 };
	uint32_t c;
	size_t k, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0)
		k = 1, c = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		k = 2, c = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		k = 3, c = p[0] & 0x07;
	else
		return 0;
	if (n <= k)
		return 0;
	for (i = 1; i <= k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < least[k] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return k + 1;
}

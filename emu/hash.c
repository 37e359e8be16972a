/* The machine state hash, one part per component, RAM hashed by dirty page. */
#include <string.h>

#include "machine.h"
#include "devices.h"
#include "devkit.h"

/* Seeds keep equal bytes in different parts apart. */
#define SEED_PAGE	0x7061676575ull		/* "page" */
#define SEED_REGION	0x726567696f6eull	/* "region" */

static void
put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t
hash_cpu(const struct cpu *c)
{
	struct hash_buf h = { .n = 0 };
	int i;

	for (i = 0; i < 32; i++)
		hash_put32(&h, c->x[i]);
	hash_put32(&h, c->pc);
	hash_put32(&h, c->mstatus);
	hash_put32(&h, c->mie);
	hash_put32(&h, c->mip);
	hash_put32(&h, c->mtvec);
	hash_put32(&h, c->mscratch);
	hash_put32(&h, c->mepc);
	hash_put32(&h, c->mcause);
	hash_put32(&h, c->mtval);
	hash_put32(&h, c->mcountinhibit);
	hash_put32(&h, c->wfi);
	hash_put32(&h, c->resv_valid);
	hash_put32(&h, c->resv_addr);
	hash_put32(&h, c->resv_val);
	for (i = 0; i < 4; i++)
		hash_put32(&h, c->pmpcfg[i]);
	for (i = 0; i < 16; i++)
		hash_put32(&h, c->pmpaddr[i]);
	/*
	 * Counter state joined later: hashed only when it is not 0, so
	 * the states of guests that never write it hash as they always
	 * did (logs recorded before keep their checkpoints).
	 */
	if ((c->ctr_off[0] | c->ctr_off[1] | c->ctr_off[2] | c->ctr_off[3] |
	    c->mcounteren) != 0) {
		for (i = 0; i < 4; i++)
			hash_put32(&h, c->ctr_off[i]);
		hash_put32(&h, c->mcounteren);
	}
	return hash_done(&h, RR_PART_CPU);
}

static uint64_t
hash_time(const struct machine *m)
{
	struct hash_buf h = { .n = 0 };

	hash_put32(&h, m->clock_shift);
	hash_put64(&h, m->idle_bias);
	return hash_done(&h, RR_PART_TIME);
}

/* Region i holds pages [first, end): RAM split in RAM_REGIONS parts. */
static void
region_pages(const struct machine *m, uint32_t i, uint32_t *first,
    uint32_t *end)
{
	*first = (uint32_t)((uint64_t)m->npages * i / RAM_REGIONS);
	*end = (uint32_t)((uint64_t)m->npages * (i + 1) / RAM_REGIONS);
}

static uint32_t
page_region(const struct machine *m, uint32_t page)
{
	uint32_t r = (uint32_t)((uint64_t)page * RAM_REGIONS / m->npages);
	uint32_t first, end;

	/* Integer division can land one off; settle it exactly. */
	for (;;) {
		region_pages(m, r, &first, &end);
		if (page < first)
			r--;
		else if (page >= end)
			r++;
		else
			return r;
	}
}

/* The hash of an all-zero page, computed once. */
static uint64_t
zero_page_hash(void)
{
	static const uint8_t zero[PAGE_SIZE];
	static uint64_t h;
	static int done_once;

	if (!done_once) {
		h = rr_hash64(zero, PAGE_SIZE, SEED_PAGE);
		done_once = 1;
	}
	return h;
}

static int
page_is_zero(const uint8_t *p)
{
	const uint64_t *w = (const void *)p;
	uint64_t acc = 0;
	size_t i;

	for (i = 0; i < PAGE_SIZE / 8; i += 8)
		acc |= w[i] | w[i + 1] | w[i + 2] | w[i + 3] | w[i + 4] |
		    w[i + 5] | w[i + 6] | w[i + 7];
	return acc == 0;
}

/*
 * Rehash dirty pages, then the regions they are in.  Zero pages are
 * noted (m->nonzero), so snapshots skip them without reading them.
 */
static void
hash_ram(struct machine *m)
{
	uint32_t w, nw = (m->npages + 63) / 64, page, first, end, r, k;
	uint64_t bits;
	uint8_t buf[8 * 64];

	for (w = 0; w < nw; w++) {
		if ((bits = m->dirty[w]) == 0)
			continue;
		m->dirty[w] = 0;
		if (m->written != NULL)
			m->written[w] |= bits;
		while (bits != 0) {
			page = w * 64 + (uint32_t)__builtin_ctzll(bits);
			bits &= bits - 1;
			if (page >= m->npages)
				break;
			if (page_is_zero(m->ram + (size_t)page * PAGE_SIZE)) {
				m->page_hash[page] = zero_page_hash();
				m->nonzero[page / 64] &= ~((uint64_t)1 <<
				    (page % 64));
			} else {
				m->page_hash[page] = rr_hash64(m->ram +
				    (size_t)page * PAGE_SIZE, PAGE_SIZE,
				    SEED_PAGE);
				m->nonzero[page / 64] |= (uint64_t)1 <<
				    (page % 64);
			}
			m->region_dirty |= 1u << page_region(m, page);
		}
	}
	for (r = 0; r < RAM_REGIONS; r++) {
		if (!(m->region_dirty & (1u << r)))
			continue;
		region_pages(m, r, &first, &end);
		/* Chain the page hashes in blocks of 64, little-endian. */
		m->region_hash[r] = SEED_REGION + r;
		for (page = first; page < end; page += 64) {
			for (k = 0; k < 64 && page + k < end; k++)
				put_le64(buf + 8 * k, m->page_hash[page + k]);
			m->region_hash[r] = rr_hash64(buf, 8 * (size_t)k,
			    m->region_hash[r]);
		}
	}
	m->region_dirty = 0;
}

void
machine_hash_zero(struct machine *m)
{
	uint32_t i;

	for (i = 0; i < m->npages; i++)
		m->page_hash[i] = zero_page_hash();
	memset(m->dirty, 0, (m->npages + 63) / 64 * sizeof(*m->dirty));
	memset(m->nonzero, 0, (m->npages + 63) / 64 * sizeof(*m->nonzero));
	m->region_dirty = (uint32_t)((1ull << RAM_REGIONS) - 1);
}

void
machine_dirty_range(struct machine *m, uint32_t off, uint32_t len)
{
	uint32_t p;

	if (len == 0)
		return;
	for (p = off >> PAGE_SHIFT; p <= (off + len - 1) >> PAGE_SHIFT; p++)
		m->dirty[p >> 6] |= (uint64_t)1 << (p & 63);
}

void
machine_hash_reset(struct machine *m)
{
	memset(m->dirty, 0xff, (m->npages + 63) / 64 * sizeof(*m->dirty));
	m->region_dirty = (uint32_t)((1ull << RAM_REGIONS) - 1);
}

/* Insert (id, hash) keeping p[0..*n) in ascending id order. */
static void
add(struct rr_part *p, uint32_t *n, uint32_t id, uint64_t hash)
{
	uint32_t i;

	for (i = *n; i > 0 && p[i - 1].id > id; i--)
		p[i] = p[i - 1];
	p[i].id = id;
	p[i].hash = hash;
	(*n)++;
}

/*
 * The whole-state hash is rr_hash64 over the (id, hash) pairs, LE, in
 * ascending part id order.
 */
uint64_t
machine_hash(struct machine *m, struct rr_part *parts, uint32_t *nparts)
{
	struct rr_part p[RR_PARTS_MAX];	/* enough: devices.c checks */
	uint8_t buf[RR_PARTS_MAX * 12];
	uint32_t n = 0, i;
	size_t k = 0;
	int j;

	hash_ram(m);
	add(p, &n, RR_PART_CPU, hash_cpu(&m->cpu));
	for (i = 0; i < ndevices; i++)
		add(p, &n, devices[i].part, devices[i].hash(m));
	add(p, &n, RR_PART_TIME, hash_time(m));
	for (i = 0; i < RAM_REGIONS; i++)
		add(p, &n, RR_PART_RAM0 + i, m->region_hash[i]);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 4; j++)
			buf[k++] = (uint8_t)(p[i].id >> (8 * j));
		for (j = 0; j < 8; j++)
			buf[k++] = (uint8_t)(p[i].hash >> (8 * j));
	}
	if (parts != NULL)
		memcpy(parts, p, n * sizeof(p[0]));
	if (nparts != NULL)
		*nparts = n;
	return rr_hash64(buf, k, 0);
}

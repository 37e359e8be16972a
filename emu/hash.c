/* The machine state hash, one part per component, RAM hashed by dirty page. */
#include <string.h>

#include "machine.h"

/*
 * Each part is rr_hash64 over a canonical little-endian serialisation of
 * exactly the state a snapshot restores, so a loaded machine hashes as
 * the saved one did.  Seeds keep equal bytes in different parts apart.
 */
#define SEED_PAGE	0x7061676575ull		/* "page" */
#define SEED_REGION	0x726567696f6eull	/* "region" */

struct ser {
	uint8_t		 b[512];
	size_t		 n;
};

static void
put32(struct ser *s, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		s->b[s->n++] = (uint8_t)(v >> (8 * i));
}

static void
put64(struct ser *s, uint64_t v)
{
	put32(s, (uint32_t)v);
	put32(s, (uint32_t)(v >> 32));
}

static void
put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t
done(const struct ser *s, uint32_t id)
{
	return rr_hash64(s->b, s->n, id);
}

static uint64_t
hash_cpu(const struct cpu *c)
{
	struct ser s = { .n = 0 };
	int i;

	for (i = 0; i < 32; i++)
		put32(&s, c->x[i]);
	put32(&s, c->pc);
	put32(&s, c->mstatus);
	put32(&s, c->mie);
	put32(&s, c->mip);
	put32(&s, c->mtvec);
	put32(&s, c->mscratch);
	put32(&s, c->mepc);
	put32(&s, c->mcause);
	put32(&s, c->mtval);
	put32(&s, c->mcountinhibit);
	put32(&s, c->wfi);
	put32(&s, c->resv_valid);
	put32(&s, c->resv_addr);
	put32(&s, c->resv_val);
	for (i = 0; i < 4; i++)
		put32(&s, c->pmpcfg[i]);
	for (i = 0; i < 16; i++)
		put32(&s, c->pmpaddr[i]);
	return done(&s, RR_PART_CPU);
}

static uint64_t
hash_uart(const struct uart *u)
{
	struct ser s = { .n = 0 };
	uint32_t i;

	/* The FIFO in order, not the ring: rx_head is not state. */
	put32(&s, u->rx_count);
	for (i = 0; i < u->rx_count && i < sizeof(u->rbr_fifo); i++)
		s.b[s.n++] = u->rbr_fifo[(u->rx_head + i) %
		    sizeof(u->rbr_fifo)];
	s.b[s.n++] = u->ier;
	s.b[s.n++] = u->iir;
	s.b[s.n++] = u->fcr;
	s.b[s.n++] = u->lcr;
	s.b[s.n++] = u->mcr;
	s.b[s.n++] = u->lsr;
	s.b[s.n++] = u->msr;
	s.b[s.n++] = u->scr;
	s.b[s.n++] = u->dll;
	s.b[s.n++] = u->dlm;
	s.b[s.n++] = u->thr_ipending;
	return done(&s, RR_PART_UART);
}

static uint64_t
hash_clint(const struct clint *c)
{
	struct ser s = { .n = 0 };

	put32(&s, c->msip);
	put64(&s, c->mtimecmp);
	return done(&s, RR_PART_CLINT);
}

static uint64_t
hash_plic(const struct plic *p)
{
	struct ser s = { .n = 0 };
	int i;

	for (i = 0; i < 32; i++)
		put32(&s, p->priority[i]);
	put32(&s, p->pending);
	put32(&s, p->enable);
	put32(&s, p->threshold);
	put32(&s, p->claimed);
	return done(&s, RR_PART_PLIC);
}

static uint64_t
hash_rtc(const struct rtc *r)
{
	struct ser s = { .n = 0 };

	put32(&s, r->time_high);
	put32(&s, r->alarm_low);
	put32(&s, r->alarm_high);
	put32(&s, r->irq_enabled);
	put32(&s, r->alarm_running);
	put32(&s, r->irq_pending);
	put64(&s, r->tick_offset);
	return done(&s, RR_PART_RTC);
}

/* The finisher part also covers what it did: exited and the code. */
static uint64_t
hash_finisher(const struct machine *m)
{
	struct ser s = { .n = 0 };

	put32(&s, m->fin.last);
	put32(&s, (uint32_t)m->exited);
	put32(&s, (uint32_t)m->exit_code);
	return done(&s, RR_PART_FINISHER);
}

static uint64_t
hash_time(const struct machine *m)
{
	struct ser s = { .n = 0 };

	put32(&s, m->clock_shift);
	put64(&s, m->idle_bias);
	return done(&s, RR_PART_TIME);
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

static void
add(struct rr_part *p, uint32_t *n, uint32_t id, uint64_t hash)
{
	p[*n].id = id;
	p[*n].hash = hash;
	(*n)++;
}

/* The whole-state hash is rr_hash64 over the (id, hash) pairs, LE. */
uint64_t
machine_hash(struct machine *m, struct rr_part *parts, uint32_t *nparts)
{
	struct rr_part p[7 + RAM_REGIONS];
	uint8_t buf[sizeof(p) / sizeof(p[0]) * 12];
	uint32_t n = 0, i;
	size_t k = 0;
	int j;

	hash_ram(m);
	add(p, &n, RR_PART_CPU, hash_cpu(&m->cpu));
	add(p, &n, RR_PART_CLINT, hash_clint(&m->clint));
	add(p, &n, RR_PART_UART, hash_uart(&m->uart));
	add(p, &n, RR_PART_RTC, hash_rtc(&m->rtc));
	add(p, &n, RR_PART_FINISHER, hash_finisher(m));
	add(p, &n, RR_PART_PLIC, hash_plic(&m->plic));
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

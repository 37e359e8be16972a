/* The snapshots' RAM: tables of shared, counted pages (pagestore.h). */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "pagestore.h"

struct page {
	unsigned	 ref;
	uint8_t		 data[PAGE_SIZE];
};

struct leaf {
	unsigned	 ref;
	struct page	*p[LEAF_PAGES];
};

struct ramtab {
	unsigned	 ref;
	struct leaf	*l[];		/* one per LEAF_PAGES pages */
};

static void
page_put(struct pagestore *ps, struct page *p)
{
	if (p != NULL && --p->ref == 0) {
		ps->bytes -= sizeof(*p);
		free(p);
	}
}

static void
leaf_put(struct pagestore *ps, struct leaf *l)
{
	uint32_t i;

	if (l == NULL || --l->ref > 0)
		return;
	for (i = 0; i < LEAF_PAGES; i++)
		page_put(ps, l->p[i]);
	ps->bytes -= sizeof(*l);
	free(l);
}

void
pagestore_put(struct pagestore *ps, struct ramtab *t)
{
	uint32_t i;

	if (t == NULL || --t->ref > 0)
		return;
	for (i = 0; i < ps->nleaves; i++)
		leaf_put(ps, t->l[i]);
	ps->bytes -= sizeof(*t) + ps->nleaves * sizeof(t->l[0]);
	free(t);
}

static struct page *
tab_page(const struct ramtab *t, uint32_t pg)
{
	const struct leaf *l = t->l[pg / LEAF_PAGES];

	return l != NULL ? l->p[pg % LEAF_PAGES] : NULL;
}

/* Leaf i of t, t's own (copied if shared).  NULL: out of memory. */
static struct leaf *
leaf_own(struct pagestore *ps, struct ramtab *t, uint32_t i)
{
	struct leaf *l = t->l[i], *n;
	uint32_t j;

	if (l != NULL && l->ref == 1)
		return l;
	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	ps->bytes += sizeof(*n);
	n->ref = 1;
	if (l != NULL) {
		for (j = 0; j < LEAF_PAGES; j++)
			if ((n->p[j] = l->p[j]) != NULL)
				n->p[j]->ref++;
		leaf_put(ps, l);
	}
	t->l[i] = n;
	return n;
}

struct ramtab *
pagestore_take(struct pagestore *ps, const uint64_t *changed)
{
	struct machine *m = ps->m;
	struct ramtab *t;
	struct leaf *l;
	struct page *p;
	uint32_t w, nw = (m->npages + 63) / 64, pg, i;
	uint64_t bits;
	size_t sz = sizeof(*t) + ps->nleaves * sizeof(t->l[0]);

	if ((t = calloc(1, sz)) == NULL)
		return NULL;
	ps->bytes += sz;
	t->ref = 1;
	for (i = 0; ps->base != NULL && i < ps->nleaves; i++)
		if ((t->l[i] = ps->base->l[i]) != NULL)
			t->l[i]->ref++;
	for (w = 0; w < nw; w++) {
		bits = changed != NULL ? changed[w] : m->nonzero[w];
		for (; bits != 0; bits &= bits - 1) {
			pg = w * 64 + (uint32_t)__builtin_ctzll(bits);
			if (pg >= m->npages)
				break;
			if ((l = leaf_own(ps, t, pg / LEAF_PAGES)) == NULL)
				goto fail;
			p = NULL;
			if ((m->nonzero[w] >> (pg % 64) & 1) != 0) {
				if ((p = malloc(sizeof(*p))) == NULL)
					goto fail;
				ps->bytes += sizeof(*p);
				p->ref = 1;
				memcpy(p->data, m->ram + (size_t)pg * PAGE_SIZE,
				    PAGE_SIZE);
			}
			page_put(ps, l->p[pg % LEAF_PAGES]);
			l->p[pg % LEAF_PAGES] = p;
		}
	}
	return t;
fail:
	pagestore_put(ps, t);
	return NULL;
}

void
pagestore_base(struct pagestore *ps, struct ramtab *t)
{
	struct machine *m = ps->m;

	t->ref++;
	pagestore_put(ps, ps->base);
	ps->base = t;
	memset(m->written, 0, (m->npages + 63) / 64 * sizeof(*m->written));
}

void
pagestore_restore(struct pagestore *ps, const struct ramtab *t)
{
	struct machine *m = ps->m;
	const struct ramtab *b = ps->base;
	const struct page *p;
	uint32_t pg, i, j, nw = (m->npages + 63) / 64;
	uint64_t any, wrbits;
	int wr;

	for (i = 0; i < ps->nleaves; i++) {
		/* Nothing to do in a leaf shared and not written since. */
		for (any = 0, j = i * (LEAF_PAGES / 64); j < (i + 1) *
		    (LEAF_PAGES / 64) && j < nw; j++)
			any |= m->written[j] | m->dirty[j];
		if (b != NULL && any == 0 && t->l[i] == b->l[i])
			continue;
		for (j = 0; j < LEAF_PAGES; j++) {
			pg = i * LEAF_PAGES + j;
			if (pg >= m->npages)
				break;
			wrbits = m->written[pg / 64] | m->dirty[pg / 64];
			if (b == NULL)	/* m->nonzero is exact where clean */
				wrbits |= m->nonzero[pg / 64];
			wr = (wrbits >> (pg % 64) & 1) != 0;
			if (!wr && (b == NULL ? tab_page(t, pg) == NULL :
			    t->l[i] == b->l[i] ||
			    tab_page(t, pg) == tab_page(b, pg)))
				continue;
			p = tab_page(t, pg);
			if (p != NULL)
				memcpy(m->ram + (size_t)pg * PAGE_SIZE, p->data,
				    PAGE_SIZE);
			else
				memset(m->ram + (size_t)pg * PAGE_SIZE, 0,
				    PAGE_SIZE);
			machine_dirty(m, pg * PAGE_SIZE);
		}
	}
}

void
pagestore_init(struct pagestore *ps, struct machine *m)
{
	memset(ps, 0, sizeof(*ps));
	ps->m = m;
	ps->nleaves = (m->npages + LEAF_PAGES - 1) / LEAF_PAGES;
}

void
pagestore_drop_base(struct pagestore *ps)
{
	pagestore_put(ps, ps->base);
	ps->base = NULL;
}

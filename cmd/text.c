/* Front-end text views of headers, blocks, snapshots and events. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../lib/rr.h"
#include "../lib/rrsnap.h"
#include "out.h"
#include "text.h"

void
cmd_kv_u(const char *key, uint64_t v)
{
	cmd_puts(key);
	cmd_put(" = ", 3);
	cmd_putu(v);
	cmd_putc('\n');
}

void
cmd_kv_x(const char *key, uint64_t v, int digits)
{
	cmd_puts(key);
	cmd_put(" = 0x", 5);
	cmd_putx(v, digits);
	cmd_putc('\n');
}

void
cmd_kv_s(const char *key, const char *s)
{
	cmd_puts(key);
	cmd_put(" = ", 3);
	cmd_putname(s);
	cmd_putc('\n');
}

void
cmd_header_text(const char *pre, const struct rr_header *h)
{
	char key[64];
	size_t i;

#define K(name)	(snprintf(key, sizeof(key), "%s%s", pre, name), key)
	cmd_printf("%s = %u.%u\n", K("format"), h->major, h->minor);
	cmd_puts(K("recording_id"));
	cmd_put(" = ", 3);
	for (i = 0; i < sizeof(h->recording_id); i++)
		cmd_putx(h->recording_id[i], 2);
	cmd_putc('\n');
	cmd_kv_s(K("machine"), h->machine);
	cmd_kv_s(K("isa"), h->isa);
	cmd_kv_s(K("devices"), h->devices);
	cmd_kv_s(K("tool_version"), h->tool_version);
	cmd_kv_x(K("ram_base"), h->ram_base, 8);
	cmd_kv_u(K("ram_size"), h->ram_size);
	cmd_kv_u(K("clock_shift"), h->clock_shift);
	cmd_kv_x(K("image_hash"), h->image_hash, 16);
	cmd_puts(K("created"));
	cmd_put(" = ", 3);
	cmd_puti(h->created);
	cmd_putc('\n');
	cmd_kv_u(K("checkpoint_interval"), h->checkpoint_interval);
	cmd_kv_u(K("keyframe_interval"), h->keyframe_interval);
	cmd_kv_u(K("block_size"), h->block_size);
	if (h->has_origin) {
		cmd_kv_u(K("origin_event"), h->origin_event);
		cmd_kv_u(K("origin_icount"), h->origin_icount);
		cmd_kv_u(K("origin_exact"), h->origin_flags & RR_ORIGIN_EXACT);
	}
	if (h->gaps > 0)
		cmd_kv_u(K("gaps"), h->gaps);
	if (h->dtb_hash != 0)
		cmd_kv_x(K("dtb_hash"), h->dtb_hash, 16);
	if (h->semihosting)
		cmd_kv_u(K("semihosting"), h->semihosting);
	if (RR_HEADER_PINNED(h)) {
		cmd_kv_s(K("clock_source"), h->clock_vm ? "vm" : "host");
		if (h->clock_vm)
			cmd_kv_u(K("clock_base"), h->clock_base);
		cmd_kv_s(K("entropy_source"), h->entropy_seeded ? "seeded" :
		    "host");
		if (h->entropy_seeded)
			cmd_kv_u(K("entropy_seed"), h->entropy_seed);
		if (h->has_host_from) {
			cmd_puts(K("host_from"));
			cmd_put(" = ", 3);
			for (i = 0; i < sizeof(h->host_from); i++)
				cmd_putx(h->host_from[i], 2);
			cmd_putc('\n');
		}
	}
	if (h->unknown_fields > 0)
		cmd_kv_u(K("unknown_fields"), h->unknown_fields);
#undef K
}

void
cmd_block_text(const struct rr_block *b)
{
	cmd_putu(b->seq);
	cmd_put(" offset=", 8);
	cmd_putu(b->offset);
	cmd_put(" size=", 6);
	cmd_putu(b->size);
	cmd_put(" events=", 8);
	if (b->count == 0)
		cmd_putc('-');
	else {
		cmd_putu(b->first_event);
		cmd_putc('-');
		cmd_putu(b->first_event + b->count - 1);
	}
	cmd_put(" icount=", 8);
	cmd_putu(b->icount_first);
	cmd_putc('-');
	cmd_putu(b->icount_last);
	cmd_put(" lead=", 6);
	cmd_putu(b->lead);
	cmd_put(" raw=", 5);
	cmd_putu(b->raw_size);
	cmd_put(" comp=", 6);
	cmd_putu(b->comp_size);
	cmd_puts(!b->header_ok ? " crc=bad-header" : !b->payload_ok ?
	    " crc=bad-payload" : " crc=ok");
	cmd_putc('\n');
}

#define ARRAY_SHOWN	64	/* array elements shown before "..." */

void
cmd_put_hexval(uint64_t v)
{
	cmd_put("0x", 2);
	cmd_putx(v, v > UINT32_MAX ? 16 : 8);
}

void
cmd_put_snap_u64(uint64_t v)
{
	cmd_putu(v);
	if (v > 9) {
		cmd_put(" (", 2);
		cmd_put_hexval(v);
		cmd_putc(')');
	}
}

/* Element i of array field f. */
static uint64_t
element(const struct rr_snap_field *f, uint64_t i, int w)
{
	uint64_t v;
	int b;

	for (v = 0, b = w - 1; b >= 0; b--)
		v = v << 8 | f->data[i * (uint64_t)w + (uint64_t)b];
	return v;
}

/* An array of registers: a line each, by its name. */
static int
named_elements(const char *sec, const struct rr_snap_field *f, int w)
{
	const char *name;
	uint64_t i, n = f->len / (size_t)w;

	if (rr_snap_element_name(sec, f->name, 0) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		cmd_putname(sec);
		cmd_putc('.');
		if ((name = rr_snap_element_name(sec, f->name, i)) != NULL)
			cmd_puts(name);
		else
			cmd_printf("%s[%llu]", f->name, (unsigned long long)i);
		cmd_put(" = 0x", 5);
		cmd_putx(element(f, i, w), 2 * w);
		cmd_putc('\n');
	}
	return 1;
}

void
cmd_snap_field_text(const char *sec, const struct rr_snap_field *f)
{
	uint64_t i, n;
	int w;

	if ((f->type == RR_SNAP_U32S || f->type == RR_SNAP_U64S) &&
	    named_elements(sec, f, f->type == RR_SNAP_U32S ? 4 : 8))
		return;
	cmd_putname(sec);
	cmd_putc('.');
	cmd_putname(f->name);
	cmd_put(" = ", 3);
	switch (f->type) {
	case RR_SNAP_U64:
		cmd_put_snap_u64(f->u);
		break;
	case RR_SNAP_I64:
		cmd_puti((int64_t)f->u);
		break;
	case RR_SNAP_STRING:
		cmd_putq(f->data, f->len, 256);
		break;
	case RR_SNAP_U32S:
	case RR_SNAP_U64S:
		w = f->type == RR_SNAP_U32S ? 4 : 8;
		n = f->len / (size_t)w;
		cmd_putc('[');
		for (i = 0; i < n && i < ARRAY_SHOWN; i++) {
			if (i > 0)
				cmd_putc(' ');
			cmd_put("0x", 2);
			cmd_putx(element(f, i, w), 2 * w);
		}
		if (n > ARRAY_SHOWN)
			cmd_printf(" ... %llu in all", (unsigned long long)n);
		cmd_putc(']');
		break;
	case RR_SNAP_PAGES:
		cmd_printf("%llu bytes of memory, %llu of %llu pages stored, "
		    "%zu bytes compressed", (unsigned long long)f->count,
		    (unsigned long long)f->npages,
		    (unsigned long long)(f->count / RR_SNAP_PAGE), f->len);
		break;
	default:	/* BYTES, and types a newer writer may add */
		cmd_putu(f->len);
		cmd_put(" bytes ", 7);
		cmd_putq(f->data, f->len, 64);
		break;
	}
	cmd_putc('\n');
}

void
cmd_snap_text(const struct rr_snap *s)
{
	const struct rr_snap_meta *m = rr_snap_meta(s);
	struct rr_snap_field f;
	size_t sec, i;

	cmd_header_text("header.", &m->hdr);
	cmd_kv_u("snapshot.icount", m->icount);
	cmd_kv_x("snapshot.state_hash", m->state_hash, 16);
	for (sec = 0; sec < rr_snap_nsections(s); sec++)
		for (i = 0; i < rr_snap_nfields(s, sec); i++)
			if (rr_snap_field(s, sec, i, &f) == RR_OK)
				cmd_snap_field_text(
				    rr_snap_section_name(s, sec), &f);
}

#define EVENT_PREVIEW	64	/* payload bytes shown per event line */

void
cmd_event_text(const struct rr_event *ev)
{
	cmd_event_line(ev);
	cmd_putc('\n');
}

/* The longest line cmd_event_line writes: END's text, all escapes. */
#define EVENT_LINE_MAX	(4 * 4 * EVENT_PREVIEW + 256)

/*
 * The line is made where rrdump makes it, at the end of the output
 * buffer, copied out and taken back: one printer for both.  The room
 * is made first, so the line is never flushed half made.
 */
void
cmd_event_string(const struct rr_event *ev, char *buf, size_t len)
{
	size_t at, n;

	if (len == 0)
		return;
	(void)cmd_room(EVENT_LINE_MAX);
	at = cmd_out.len;
	cmd_event_line(ev);
	n = cmd_out.len - at;
	if (n >= len)
		n = len - 1;
	memcpy(buf, cmd_out.buf + at, n);
	buf[n] = '\0';
	cmd_out.len = at;
}

void
cmd_event_line(const struct rr_event *ev)
{
	const char *name = rr_kind_name(ev->kind);

	cmd_putu(ev->number);
	cmd_putc(' ');
	cmd_putu(ev->icount);
	cmd_putc(' ');
	switch (name != NULL ? ev->kind : 0) {
	case RR_EV_CLOCK:
		cmd_put("clock ", 6);
		cmd_putu(ev->value);
		break;
	case RR_EV_ENTROPY:
		cmd_put("entropy 0x", 10);
		cmd_putx(ev->value, 8);
		break;
	case RR_EV_BH:
	case RR_EV_OUTPUT:
		cmd_puts(name);
		cmd_put(" dev=", 5);
		cmd_putu(ev->device);
		if (ev->kind == RR_EV_BH) {
			cmd_put(" sub=", 5);
			cmd_putu(ev->subkind);
		}
		cmd_putc(' ');
		cmd_putu(ev->len);
		cmd_put(" bytes ", 7);
		cmd_putq(ev->data, ev->len, EVENT_PREVIEW);
		break;
	case RR_EV_CHECKPOINT:
		cmd_put("checkpoint ", 11);
		cmd_putx(ev->value, 16);
		cmd_putc(' ');
		cmd_putu(ev->nparts);
		cmd_put(" parts", 6);
		break;
	case RR_EV_KEYFRAME:
		cmd_put("keyframe ", 9);
		cmd_putu(ev->len);
		cmd_put(" bytes", 6);
		break;
	case RR_EV_MARK:
		cmd_put("mark ", 5);
		cmd_putq(ev->data, ev->len, 4 * EVENT_PREVIEW);
		break;
	case RR_EV_END:
		cmd_put("end ", 4);
		cmd_puts(rr_end_reason_name(ev->subkind));
		cmd_put(" status=", 8);
		cmd_puti(ev->status);
		cmd_putc(' ');
		cmd_putq(ev->data, ev->len, 4 * EVENT_PREVIEW);
		break;
	case RR_EV_SEMIHOST:
		cmd_put("semihost op=0x", 14);
		cmd_putx(ev->subkind, 2);
		cmd_put(" result=", 8);
		cmd_puti(ev->status);
		cmd_put(" errno=", 7);
		cmd_putu(ev->value);
		cmd_putc(' ');
		cmd_putu(ev->len);
		cmd_put(" bytes ", 7);
		cmd_putq(ev->data, ev->len, EVENT_PREVIEW);
		break;
	case RR_EV_GAP:
		cmd_put("gap resume_event=", 17);
		cmd_putu(ev->resume_event);
		cmd_put(" resume_icount=", 15);
		cmd_putu(ev->resume_icount);
		if (ev->subkind & RR_ORIGIN_EXACT)
			cmd_put(" exact", 6);
		break;
	default:
		cmd_put("unknown-", 8);
		cmd_putu(ev->kind);
		cmd_putc(' ');
		cmd_putu(ev->len);
		cmd_put(" bytes", 6);
		break;
	}
}

/* Front-end text views of headers, blocks, snapshots and events. */
#ifndef CMD_TEXT_H
#define CMD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/rr.h"

void		 cmd_kv_u(const char *key, uint64_t v);
void		 cmd_kv_x(const char *key, uint64_t v, int digits);
void		 cmd_kv_s(const char *key, const char *s);
/* The header fields, each key prefixed with pre ("" or "header."). */
void		 cmd_header_text(const char *pre, const struct rr_header *h);
/*
 * One event as rrdump prints it (rr(7), "Text"): number, icount, kind,
 * details; payloads quoted and cut after 64 bytes.
 */
void		 cmd_event_text(const struct rr_event *ev);
/* The same without the newline. */
void		 cmd_event_line(const struct rr_event *ev);
/*
 * The same into buf (cut to fit, always terminated): an emu_hooks
 * event_text hook, for gdb's monitor events.  What is buffered for
 * standard output stays as it was.
 */
void		 cmd_event_string(const struct rr_event *ev, char *buf,
		    size_t len);
/* One block as `rrdump -b` prints it: seq offset= size= events= ... crc=. */
void		 cmd_block_text(const struct rr_block *b);
/*
 * A snapshot value in hex, in every view (rr(7), "Text output"): 0x and
 * 8 digits when it fits 32 bits, else 16.
 */
void		 cmd_put_hexval(uint64_t v);
/* A u64 snapshot field: decimal, and above 9 its hex too: 5000 (0x00001388). */
void		 cmd_put_snap_u64(uint64_t v);
struct rr_snap;
struct rr_snap_field;
/*
 * One snapshot field as `section.field = value` (memory summarised); an
 * array whose elements have names (the integer registers) as a line per
 * element, `cpu.a0 = 0x00000000`.
 */
void		 cmd_snap_field_text(const char *sec,
		    const struct rr_snap_field *f);
/* A whole snapshot: header, then meta, then every field. */
void		 cmd_snap_text(const struct rr_snap *s);

#endif /* CMD_TEXT_H */

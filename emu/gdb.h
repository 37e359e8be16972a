/*
 * The gdb remote serial protocol, as a pure module: packet framing and
 * checksums, parsing, and replies.  It knows nothing of the machine:
 * what a packet asks of the target goes through struct gdb_ops, and
 * bytes go out through a write callback, so a fake target and a fake
 * client can drive it in a unit test.
 */
#ifndef EMU_GDB_H
#define EMU_GDB_H

#include <stddef.h>
#include <stdint.h>

/*
 * The longest packet payload accepted or sent (advertised as
 * PacketSize).  A longer packet is dropped with an error reply: the
 * buffer is fixed, so no packet can make the stub allocate.
 */
#define GDB_PACKET_MAX	4096u

/*
 * Registers: x0-x31, pc; CSRs are GDB_REG_CSR0 + their number; the
 * privilege level (gdb's "priv", 0 U, 1 S, 3 M) after them.
 */
#define GDB_REG_PC	32
#define GDB_REG_CSR0	65
#define GDB_REG_PRIV	(GDB_REG_CSR0 + 4096)
#define GDB_NREGS_G	33		/* in the g packet */

/* What the target says on resuming. */
enum gdb_action {
	GDB_STEP = 0,
	GDB_CONT,
	GDB_RSTEP,		/* reverse */
	GDB_RCONT
};

/* Break- and watchpoint kinds, as Z/z number them. */
enum gdb_bp {
	GDB_BP_SW = 0,
	GDB_BP_HW,
	GDB_WP_WRITE,
	GDB_WP_READ,
	GDB_WP_ACCESS
};

/* Why the target stopped: becomes a stop reply. */
enum gdb_stop_kind {
	GDB_STOP_TRAP = 0,	/* step done, breakpoint, Ctrl-C */
	GDB_STOP_WATCH,		/* a watchpoint: wp_kind, wp_addr */
	GDB_STOP_BEGIN,		/* reverse: reached the start of history */
	GDB_STOP_END,		/* forward: reached the end of the recording */
	GDB_STOP_EXITED,	/* the guest exited: code */
	GDB_STOP_ERROR		/* the machine cannot go on: text says why */
};

struct gdb_stop {
	int		 kind;		/* enum gdb_stop_kind */
	int		 sig;		/* TRAP: 5 (SIGTRAP) or 2 (SIGINT) */
	int		 wp_kind;	/* enum gdb_bp, a watchpoint */
	uint32_t	 wp_addr;
	int		 code;		/* EXITED */
	uint32_t	 pc;		/* sent in the T reply */
	char		 text[320];	/* sent as console output first */
};

/*
 * The target.  Each returns 0, or -1 with a message in err (shown on
 * gdb's console where the protocol allows, else on the stub's side).
 */
struct gdb_ops {
	int	(*read_reg)(void *t, int regno, uint32_t *v);
	int	(*write_reg)(void *t, int regno, uint32_t v, char *err,
		    size_t errlen);
	/* Reads len bytes at addr, all or nothing. */
	int	(*read_mem)(void *t, uint32_t addr, uint8_t *buf, size_t len);
	int	(*write_mem)(void *t, uint32_t addr, const uint8_t *buf,
		    size_t len, char *err, size_t errlen);
	/* kind is enum gdb_bp; insert 1 or remove 0.  -1: not supported. */
	int	(*breakpoint)(void *t, int kind, uint32_t addr, uint32_t len,
		    int insert);
	/* Run; returns when stopped (Ctrl-C through gdb_poll_break). */
	int	(*resume)(void *t, int action, struct gdb_stop *stop);
	/* monitor CMD: output into out (NUL-terminated). */
	int	(*monitor)(void *t, const char *cmd, char *out, size_t outlen);
};

/* What the session tells its owner after a packet. */
enum gdb_event {
	GDB_EV_NONE = 0,
	GDB_EV_DETACH,		/* D: the owner goes on without gdb */
	GDB_EV_KILL		/* k: the owner stops */
};

/* Incoming byte stream -> packets. */
struct gdb_rx {
	int		 state;
	char		 buf[GDB_PACKET_MAX + 1];	/* payload, NUL-ended */
	size_t		 len;
	int		 overflow;	/* payload longer than buf */
	uint8_t		 sum;		/* running checksum */
	uint8_t		 want;		/* checksum sent */
};

enum gdb_rx_result {
	GDB_RX_MORE = 0,	/* need more bytes */
	GDB_RX_PACKET,		/* buf/len hold a good packet */
	GDB_RX_BADSUM,		/* checksum wrong: send '-' */
	GDB_RX_TOOLONG,		/* good checksum, payload over the limit */
	GDB_RX_BREAK,		/* 0x03 outside a packet */
	GDB_RX_ACK,		/* '+' */
	GDB_RX_NAK		/* '-': resend */
};

void		 gdb_rx_init(struct gdb_rx *rx);
/* Feed one byte; returns enum gdb_rx_result. */
int		 gdb_rx_byte(struct gdb_rx *rx, uint8_t c);

struct gdb_session {
	struct gdb_rx	 rx;
	const struct gdb_ops *ops;
	void		*target;
	/* Send bytes; -1 when the client is gone. */
	int		(*write)(void *io, const void *p, size_t n);
	/* While running: 1 if the client sent Ctrl-C (or went away). */
	int		(*poll_break)(void *io);
	void		*io;
	int		 reverse;	/* offer bs/bc (replay) */
	int		 noack;		/* QStartNoAckMode accepted */
	int		 errmsg;	/* client takes E.text errors */
	int		 event;		/* enum gdb_event, for the owner */
	int		 dead;		/* a write failed */
	struct gdb_stop	 last;		/* for '?' */
	char		 out[2 * GDB_PACKET_MAX + 8];	/* last frame sent */
	size_t		 outlen;
};

void		 gdb_session_init(struct gdb_session *s,
		    const struct gdb_ops *ops, void *target, int reverse);
/*
 * Feed bytes from the client; packets found are answered at once
 * (resume packets run the target first).  Returns 0, or -1 when the
 * client can no longer be written to.  s->event says D or k was seen.
 */
int		 gdb_session_feed(struct gdb_session *s, const uint8_t *p,
		    size_t n);
/* Handle one packet's payload (framing already removed). */
void		 gdb_session_packet(struct gdb_session *s, const char *pkt,
		    size_t len);
/* Send a packet: framed, escaped, checksummed. */
int		 gdb_send(struct gdb_session *s, const char *payload,
		    size_t len);
/* Send console output (an O packet), for monitor and stop messages. */
int		 gdb_console(struct gdb_session *s, const char *text);
/* The stop reply for st into buf (at least 64 bytes). */
size_t		 gdb_stop_reply(const struct gdb_stop *st, char *buf,
		    size_t len);

/* ---- helpers, exposed for tests ---- */
uint8_t		 gdb_checksum(const char *p, size_t n);
/* Hex digit value or -1. */
int		 gdb_hexval(int c);
/* Parse hex up to a stop char; -1 on no digits or overflow past 32 bits. */
int		 gdb_parse_hex32(const char **p, uint32_t *v);
/* hex text of n bytes -> bytes; -1 on an odd length or a bad digit. */
int		 gdb_unhex(const char *hex, size_t hexlen, uint8_t *out,
		    size_t outlen);
/* The target description (an XML document). */
const char	*gdb_target_xml(void);

/* ---- the socket (gdbsock.c) ---- */
/*
 * Listen on addr: [host:]port (host 127.0.0.1 when not given; port 0:
 * one the system picks), or a path with a '/' for a Unix socket; name
 * gets where it listens (the port picked, as numbers).  The listening
 * fd, or -1 with err.
 */
int		 gdb_listen(const char *addr, char *name, size_t namelen,
		    char *err, size_t errlen);
/*
 * addr is one gdb_listen takes: a path shorter than a Unix socket's
 * limit, or [host:]port with a port of 0 to 65535 and a host of
 * letters, digits, '.' and '-' (an IPv6 address in brackets).  0, or -1
 * with err.
 */
int		 gdb_addr_check(const char *addr, char *err, size_t errlen);
/* All n bytes to the connection fd.  0, or -1: gdb went away. */
int		 gdb_sock_write(int fd, const void *p, size_t n);
/*
 * What gdb sent while the target runs: 1 a Ctrl-C, -1 gdb went away,
 * 0 nothing that means anything (read and dropped).
 */
int		 gdb_sock_break(int fd);

#endif /* EMU_GDB_H */

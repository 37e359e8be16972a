/*
 * Unit tests: the gdb remote protocol (emu/gdb.c) against a fake target
 * and a fake client: framing, checksums, malformed and oversized
 * packets, and every packet the stub supports.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../emu/gdb.h"
#include "unit.h"

#define MEM_BASE	0x1000u
#define MEM_SIZE	256u
#define CAP		(64u * 1024)

/* ---- the fake target ---- */
static struct {
	uint32_t	 x[33];
	uint8_t		 mem[MEM_SIZE];
	int		 readonly;	/* refuse writes, as a replay does */
	int		 nbp;
	int		 bp_kind;
	uint32_t	 bp_addr, bp_len;
	int		 last_action;
	int		 resumes;
	struct gdb_stop	 next;		/* what resume reports */
	char		 monitor_cmd[512];
} tg;

static int
f_read_reg(void *t, int regno, uint32_t *v)
{
	(void)t;
	if (regno < 0 || regno > 32) {
		if (regno == GDB_REG_CSR0 + 0x300) {
			*v = 0x1888;
			return 0;
		}
		return -1;
	}
	*v = tg.x[regno];
	return 0;
}

static int
f_write_reg(void *t, int regno, uint32_t v, char *err, size_t errlen)
{
	(void)t;
	if (tg.readonly || regno < 0 || regno > 32) {
		snprintf(err, errlen, "no writes here");
		return -1;
	}
	tg.x[regno] = v;
	return 0;
}

static int
f_read_mem(void *t, uint32_t addr, uint8_t *buf, size_t len)
{
	(void)t;
	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE ||
	    len > MEM_SIZE - (addr - MEM_BASE))
		return -1;
	memcpy(buf, tg.mem + (addr - MEM_BASE), len);
	return 0;
}

static int
f_write_mem(void *t, uint32_t addr, const uint8_t *buf, size_t len,
    char *err, size_t errlen)
{
	(void)t;
	if (tg.readonly || addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE ||
	    len > MEM_SIZE - (addr - MEM_BASE)) {
		snprintf(err, errlen, "no writes here");
		return -1;
	}
	memcpy(tg.mem + (addr - MEM_BASE), buf, len);
	return 0;
}

static int
f_breakpoint(void *t, int kind, uint32_t addr, uint32_t len, int insert)
{
	(void)t;
	if (kind == GDB_BP_HW)
		return -2;		/* not supported: empty reply */
	tg.bp_kind = kind;
	tg.bp_addr = addr;
	tg.bp_len = len;
	tg.nbp += insert ? 1 : -1;
	return tg.nbp > 3 ? -1 : 0;
}

static int
f_resume(void *t, int action, struct gdb_stop *st)
{
	(void)t;
	tg.last_action = action;
	tg.resumes++;
	*st = tg.next;
	return 0;
}

static int
f_monitor(void *t, const char *cmd, char *out, size_t len)
{
	(void)t;
	snprintf(tg.monitor_cmd, sizeof(tg.monitor_cmd), "%s", cmd);
	snprintf(out, len, "you said %s\n", cmd);
	return strcmp(cmd, "fail") == 0 ? -1 : 0;
}

static const struct gdb_ops fops = {
	f_read_reg, f_write_reg, f_read_mem, f_write_mem, f_breakpoint,
	f_resume, f_monitor
};

/* ---- the fake client ---- */
static uint8_t wire[CAP];
static size_t nwire;
static int wire_broken;

static int
f_write(void *io, const void *p, size_t n)
{
	(void)io;
	if (wire_broken)
		return -1;
	ck_assert_uint_le(nwire + n, CAP);
	memcpy(wire + nwire, p, n);
	nwire += n;
	return 0;
}

static int
f_poll(void *io)
{
	(void)io;
	return 0;
}

static struct gdb_session s;

static void
setup(int reverse)
{
	int i;

	memset(&tg, 0, sizeof(tg));
	for (i = 0; i < 33; i++)
		tg.x[i] = 0x01020300u + (uint32_t)i;
	tg.x[32] = 0x80000010u;		/* pc, as the stops say */
	for (i = 0; i < (int)MEM_SIZE; i++)
		tg.mem[i] = (uint8_t)i;
	tg.next.kind = GDB_STOP_TRAP;
	tg.next.sig = 5;
	tg.next.pc = 0x80000010u;
	nwire = 0;
	wire_broken = 0;
	gdb_session_init(&s, &fops, NULL, reverse);
	s.write = f_write;
	s.poll_break = f_poll;
}

static void
setup_fwd(void)
{
	setup(0);
}

/* Frame a payload the way gdb does. */
static size_t
frame(char *buf, size_t len, const char *payload)
{
	return (size_t)snprintf(buf, len, "$%s#%02x", payload,
	    gdb_checksum(payload, strlen(payload)));
}

/*
 * Decode the packets the stub sent (acks skipped): each checksum must
 * be right.  Payloads are unescaped and joined with '\n'.
 */
static char replies[CAP];

static const char *
decode_wire(void)
{
	size_t i = 0, o = 0;
	uint8_t sum;
	int hi, lo;

	while (i < nwire) {
		if (wire[i] == '+' || wire[i] == '-') {
			i++;
			continue;
		}
		ck_assert_int_eq(wire[i], '$');
		i++;
		sum = 0;
		while (i < nwire && wire[i] != '#') {
			sum = (uint8_t)(sum + wire[i]);
			if (wire[i] == '}') {
				i++;
				sum = (uint8_t)(sum + wire[i]);
				replies[o++] = (char)(wire[i++] ^ 0x20);
			} else
				replies[o++] = (char)wire[i++];
			ck_assert_uint_lt(o, CAP - 2);
		}
		ck_assert_uint_le(i + 3, nwire);
		hi = gdb_hexval(wire[i + 1]);
		lo = gdb_hexval(wire[i + 2]);
		ck_assert_int_eq(hi << 4 | lo, sum);
		i += 3;
		replies[o++] = '\n';
	}
	replies[o] = '\0';
	return replies;
}

/* Send one packet, return the stub's answer(s). */
static const char *
ask(const char *payload)
{
	static char buf[CAP];
	size_t n = frame(buf, sizeof(buf), payload);

	nwire = 0;
	ck_assert_int_eq(gdb_session_feed(&s, (const uint8_t *)buf, n), 0);
	return decode_wire();
}

/* ---- framing ---- */

START_TEST(checksum_known)
{
	/* "$OK#9a" and "$g#67" are what every gdb log shows. */
	ck_assert_uint_eq(gdb_checksum("OK", 2), 0x9a);
	ck_assert_uint_eq(gdb_checksum("g", 1), 0x67);
	ck_assert_uint_eq(gdb_checksum("", 0), 0);
}
END_TEST

static int
feed_str(struct gdb_rx *rx, const char *p, size_t n)
{
	int r = GDB_RX_MORE;
	size_t i;

	for (i = 0; i < n; i++) {
		r = gdb_rx_byte(rx, (uint8_t)p[i]);
		if (r != GDB_RX_MORE && i + 1 < n)
			return -1;	/* a result before the end */
	}
	return r;
}

START_TEST(rx_framing)
{
	struct gdb_rx rx;

	gdb_rx_init(&rx);
	ck_assert_int_eq(feed_str(&rx, "$g#67", 5), GDB_RX_PACKET);
	ck_assert_str_eq(rx.buf, "g");
	ck_assert_int_eq(feed_str(&rx, "$g#68", 5), GDB_RX_BADSUM);
	ck_assert_int_eq(feed_str(&rx, "$g#6x", 5), GDB_RX_BADSUM);
	ck_assert_int_eq(feed_str(&rx, "$g#x", 4), GDB_RX_BADSUM);
	ck_assert_int_eq(gdb_rx_byte(&rx, '7'), GDB_RX_MORE);
	/* A '$' inside a packet restarts it. */
	ck_assert_int_eq(feed_str(&rx, "$mmm$g#67", 9), GDB_RX_PACKET);
	ck_assert_str_eq(rx.buf, "g");
	ck_assert_int_eq(gdb_rx_byte(&rx, 0x03), GDB_RX_BREAK);
	ck_assert_int_eq(gdb_rx_byte(&rx, '+'), GDB_RX_ACK);
	ck_assert_int_eq(gdb_rx_byte(&rx, '-'), GDB_RX_NAK);
	ck_assert_int_eq(gdb_rx_byte(&rx, 'z'), GDB_RX_MORE);
	/* Upper-case checksum digits are fine. */
	ck_assert_int_eq(feed_str(&rx, "$OK#9A", 6), GDB_RX_PACKET);
	/* Empty packet. */
	ck_assert_int_eq(feed_str(&rx, "$#00", 4), GDB_RX_PACKET);
	ck_assert_uint_eq(rx.len, 0);
}
END_TEST

START_TEST(rx_oversized)
{
	struct gdb_rx rx;
	uint8_t sum = 0;
	size_t i, n = GDB_PACKET_MAX + 1000;
	char tail[4];

	gdb_rx_init(&rx);
	ck_assert_int_eq(gdb_rx_byte(&rx, '$'), GDB_RX_MORE);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(gdb_rx_byte(&rx, 'a'), GDB_RX_MORE);
		sum = (uint8_t)(sum + 'a');
	}
	ck_assert_uint_eq(rx.len, GDB_PACKET_MAX);
	snprintf(tail, sizeof(tail), "#%02x", sum);
	ck_assert_int_eq(feed_str(&rx, tail, 3), GDB_RX_TOOLONG);
	/* The next packet is fine. */
	ck_assert_int_eq(feed_str(&rx, "$g#67", 5), GDB_RX_PACKET);
}
END_TEST

START_TEST(send_escapes)
{
	setup(0);
	ck_assert_int_eq(gdb_send(&s, "a$b#c}d*e", 9), 0);
	ck_assert_uint_eq(nwire, 9 + 4 + 4);
	ck_assert_mem_eq(wire, "$a}\x04" "b}\x03" "c}]d}\ne#", 14);
	ck_assert_str_eq(decode_wire(), "a$b#c}d*e\n");
}
END_TEST

START_TEST(hex_helpers)
{
	const char *p;
	uint32_t v;
	uint8_t b[4];

	p = "ffffffff,";
	ck_assert_int_eq(gdb_parse_hex32(&p, &v), 0);
	ck_assert_uint_eq(v, 0xffffffffu);
	ck_assert_int_eq(*p, ',');
	p = "100000000";
	ck_assert_int_eq(gdb_parse_hex32(&p, &v), -1);
	p = ",";
	ck_assert_int_eq(gdb_parse_hex32(&p, &v), -1);
	ck_assert_int_eq(gdb_unhex("0aFf", 4, b, 4), 0);
	ck_assert_uint_eq(b[0], 0x0a);
	ck_assert_uint_eq(b[1], 0xff);
	ck_assert_int_eq(gdb_unhex("0a0", 3, b, 4), -1);
	ck_assert_int_eq(gdb_unhex("0g", 2, b, 4), -1);
	ck_assert_int_eq(gdb_unhex("0011223344", 10, b, 4), -1);
	ck_assert_int_eq(gdb_hexval('G'), -1);
}
END_TEST

/* ---- acks, naks, bad packets ---- */

START_TEST(acks)
{
	char buf[64];
	size_t n;

	setup(0);
	n = frame(buf, sizeof(buf), "?");
	ck_assert_int_eq(gdb_session_feed(&s, (uint8_t *)buf, n), 0);
	ck_assert_int_eq(wire[0], '+');
	/* A bad checksum gets '-', and nothing else. */
	nwire = 0;
	ck_assert_int_eq(gdb_session_feed(&s, (uint8_t *)"$?#00", 5), 0);
	ck_assert_uint_eq(nwire, 1);
	ck_assert_int_eq(wire[0], '-');
	/* '-' from the client: the last packet again. */
	nwire = 0;
	ck_assert_int_eq(gdb_session_feed(&s, (uint8_t *)"-", 1), 0);
	ck_assert_str_eq(decode_wire(), "T0520:10000080;\n");
	/* No-ack mode: no '+' after it. */
	ck_assert_str_eq(ask("QStartNoAckMode"), "OK\n");
	ck_assert_int_eq(wire[0], '+');
	nwire = 0;
	n = frame(buf, sizeof(buf), "?");
	ck_assert_int_eq(gdb_session_feed(&s, (uint8_t *)buf, n), 0);
	ck_assert_int_eq(wire[0], '$');
}
END_TEST

START_TEST(too_long_packet)
{
	static char big[GDB_PACKET_MAX * 3];

	setup(0);
	memset(big, 'M', sizeof(big) - 1);
	ck_assert_str_eq(ask(big), "E16\n");
	ck_assert_str_eq(ask("g") + 264, "\n");	/* still serving */
}
END_TEST

START_TEST(write_fails)
{
	char buf[64];
	size_t n;

	setup(0);
	wire_broken = 1;
	n = frame(buf, sizeof(buf), "g");
	ck_assert_int_eq(gdb_session_feed(&s, (uint8_t *)buf, n), -1);
	ck_assert_int_eq(s.dead, 1);
}
END_TEST

START_TEST(nul_in_packet)
{
	char pkt[] = "m1000\0,4";

	setup(0);
	nwire = 0;
	gdb_session_packet(&s, pkt, sizeof(pkt) - 1);
	ck_assert_str_eq(decode_wire(), "\n");
}
END_TEST

/* ---- each packet: a table of request and expected reply ---- */

static const struct {
	const char	*req;
	const char	*rep;	/* a prefix of the reply ("" exactly "") */
	int		 exact;
} table[] = {
	{ "?", "T0520:10000080;", 1 },
	{ "p0", "00030201", 1 },
	{ "p20", "10000080", 1 },
	{ "p341", "88180000", 1 },	/* mstatus: 65 + 0x300 */
	{ "p999", "E01", 1 },
	{ "pzz", "E16", 1 },
	{ "p", "E16", 1 },
	{ "m1000,4", "00010203", 1 },
	{ "m10fc,4", "fcfdfeff", 1 },
	{ "m10fd,4", "E0e", 1 },
	{ "m0,4", "E0e", 1 },
	{ "m1000,0", "", 1 },
	{ "m1000", "E16", 1 },
	{ "m,4", "E16", 1 },
	{ "m1000,4x", "E16", 1 },
	{ "m1ffffffff,4", "E16", 1 },
	{ "mffffffff,4", "E0e", 1 },
	{ "x1000,3", "b\x00\x01\x02", 0 },
	{ "M1000,2:abcd", "OK", 1 },
	{ "m1000,2", "abcd", 1 },
	{ "M1000,2:abc", "E16", 1 },
	{ "M1000,2:abcdef", "E16", 1 },
	{ "M1000,2:zzzz", "E16", 1 },
	{ "M1000,2", "E16", 1 },
	{ "M0,2:0000", "E0e", 1 },
	{ "X1000,2:ab", "OK", 1 },
	{ "m1000,2", "6162", 1 },
	{ "X1000,2:}\x03}\x04", "OK", 1 },
	{ "m1000,2", "2324", 1 },
	{ "X1000,2:a", "E16", 1 },
	{ "X1000,1:ab", "E16", 1 },
	{ "X1000,1:}", "E16", 1 },
	{ "P5=78563412", "OK", 1 },
	{ "p5", "78563412", 1 },
	{ "P5=7856341", "E16", 1 },
	{ "P5", "E16", 1 },
	{ "P999=00000000", "E01", 1 },
	{ "Z0,80000000,4", "OK", 1 },
	{ "z0,80000000,4", "OK", 1 },
	{ "Z1,80000000,4", "", 1 },
	{ "Z2,1004,4", "OK", 1 },
	{ "z2,1004,4", "OK", 1 },
	{ "Z3,1004,4;X1,0", "OK", 1 },
	{ "Z5,1004,4", "", 1 },
	/* A watched range must not wrap past the top of the space. */
	{ "Z2,fffffffe,4", "E16", 1 },
	{ "Z4,ffffffff,2", "E16", 1 },
	{ "Z3,fffffffc,4", "OK", 1 },
	{ "z2,fffffffe,4", "OK", 1 },
	{ "Z0,zz,4", "E16", 1 },
	{ "Z0,1000", "E16", 1 },
	{ "Z0,1000,4junk", "E16", 1 },
	{ "Z", "E16", 1 },
	{ "qSupported:multiprocess+;swbreak+", "PacketSize=1000;"
	    "qXfer:features:read+;QStartNoAckMode+;vContSupported+", 1 },
	{ "qXfer:features:read:target.xml:0,5", "m<?xml", 1 },
	{ "qXfer:features:read:target.xml:ffffff,10", "l", 1 },
	{ "qXfer:features:read:target.xml:0", "E16", 1 },
	{ "qXfer:features:read:other.xml:0,10", "E00", 1 },
	{ "qAttached", "1", 1 },
	{ "qAttached:1", "1", 1 },
	{ "qC", "QC1", 1 },
	{ "qfThreadInfo", "m1", 1 },
	{ "qsThreadInfo", "l", 1 },
	{ "qSymbol::", "OK", 1 },
	{ "qTStatus", "", 1 },
	{ "qOffsets", "", 1 },
	{ "Hg0", "OK", 1 },
	{ "Hc-1", "OK", 1 },
	{ "T1", "OK", 1 },
	{ "vCont?", "vCont;c;C;s;S", 1 },
	{ "vCont;t", "", 1 },
	{ "vCont", "E16", 1 },
	{ "vMustReplyEmpty", "", 1 },
	{ "vFile:open:", "", 1 },
	{ "bs", "", 1 },		/* forwards only */
	{ "bc", "", 1 },
	{ "c1000", "E16", 1 },
	{ "s1000", "E16", 1 },
	{ "G00", "E16", 1 },
	{ "QFoo", "", 1 },
	{ "!", "", 1 },
	{ "qRcmd,6", "E16", 1 },
	{ "qRcmd,zz", "E16", 1 },
	{ "qRcmd,0061", "E16", 1 },
};
#define NTABLE	(sizeof(table) / sizeof(table[0]))

/*
 * Each packet alone, in a fresh session: exactly one well-formed reply
 * (the values are checked in order by packet_sequence, as some entries
 * read what earlier ones wrote).
 */
START_TEST(packet_table)
{
	const char *r;
	size_t n;

	setup(0);
	r = ask(table[_i].req);
	n = table[_i].exact ? strlen(r) : 5;
	ck_assert_msg(n > 0 && r[n - 1] == '\n' && memchr(r, '\n', n - 1) ==
	    NULL, "%s: %zu bytes of reply", table[_i].req, n);
	if (!table[_i].exact)
		ck_assert_msg(memcmp(r, "b\0\1\2\n", 5) == 0,
		    "%s: binary read", table[_i].req);
}
END_TEST

/* The memory table entries depend on each other: run them in order. */
START_TEST(packet_sequence)
{
	size_t i;
	const char *r;

	setup(0);
	for (i = 0; i < NTABLE; i++) {
		r = ask(table[i].req);
		if (!table[i].exact)
			continue;
		ck_assert_msg(strncmp(r, table[i].rep, strlen(table[i].rep))
		    == 0 && r[strlen(table[i].rep)] == '\n',
		    "%s: got \"%s\", want \"%s\"", table[i].req, r,
		    table[i].rep);
	}
	ck_assert_uint_eq(tg.x[5], 0x12345678u);
}
END_TEST

START_TEST(registers_g)
{
	const char *r;
	char want[8 * 33 + 2];
	int i;

	setup(0);
	for (i = 0; i < 32; i++)
		snprintf(want + 8 * i, 9, "%02x030201", i);
	memcpy(want + 8 * 32, "10000080", 8);
	want[8 * 33] = '\n';
	want[8 * 33 + 1] = '\0';
	r = ask("g");
	ck_assert_str_eq(r, want);
	/* G writes all 33. */
	memset(want, '0', 8 * 33);
	want[8 * 33] = '\0';
	memcpy(want + 8 * 32, "00000080", 8);
	{
		char pkt[8 * 33 + 8];

		snprintf(pkt, sizeof(pkt), "G%s", want);
		ck_assert_str_eq(ask(pkt), "OK\n");
	}
	ck_assert_uint_eq(tg.x[32], 0x80000000u);
	ck_assert_uint_eq(tg.x[3], 0);
}
END_TEST

START_TEST(writes_refused)
{
	setup(0);
	tg.readonly = 1;
	ck_assert_str_eq(ask("M1000,1:ff"), "E0e\n");
	ck_assert_str_eq(ask("X1000,1:a"), "E0e\n");
	ck_assert_str_eq(ask("P1=00000000"), "E01\n");
	ck_assert_str_eq(ask("m1000,1"), "00\n");
	/* A client that takes error text gets the reason. */
	ck_assert_ptr_nonnull(strstr(ask("qSupported:error-message+"),
	    "error-message+"));
	ck_assert_str_eq(ask("M1000,1:ff"), "E.no writes here\n");
}
END_TEST

START_TEST(target_xml)
{
	const char *x = gdb_target_xml();
	char name[64];
	int i;

	ck_assert_ptr_nonnull(strstr(x, "<architecture>riscv:rv32"));
	ck_assert_ptr_nonnull(strstr(x, "org.gnu.gdb.riscv.cpu"));
	ck_assert_ptr_nonnull(strstr(x, "org.gnu.gdb.riscv.csr"));
	ck_assert_ptr_nonnull(strstr(x, "<reg name=\"pc\" bitsize=\"32\" "
	    "type=\"code_ptr\" regnum=\"32\"/>"));
	ck_assert_ptr_nonnull(strstr(x, "name=\"mstatus\" bitsize=\"32\" "
	    "type=\"int\" regnum=\"833\""));
	for (i = 0; i < 32; i++) {
		snprintf(name, sizeof(name), "regnum=\"%d\"/>", i);
		ck_assert_msg(strstr(x, name) != NULL, "x%d missing", i);
	}
	ck_assert_ptr_nonnull(strstr(x, "</target>\n"));
}
END_TEST

START_TEST(xfer_chunks)
{
	const char *x = gdb_target_xml();
	static char got[16384];
	char req[64];
	const char *r;
	size_t off = 0, n;

	setup(0);
	for (;;) {
		snprintf(req, sizeof(req), "qXfer:features:read:target.xml:"
		    "%zx,%x", off, 100);
		r = ask(req);
		n = strlen(r) - 2;
		ck_assert(r[0] == 'm' || r[0] == 'l');
		ck_assert_uint_le(n, 100);
		memcpy(got + off, r + 1, n);
		off += n;
		if (r[0] == 'l')
			break;
		ck_assert_uint_lt(off, sizeof(got));
	}
	got[off] = '\0';
	ck_assert_str_eq(got, x);
}
END_TEST

START_TEST(supported_reverse)
{
	setup(1);
	ck_assert_str_eq(ask("qSupported"), "PacketSize=1000;"
	    "qXfer:features:read+;QStartNoAckMode+;vContSupported+;"
	    "ReverseStep+;ReverseContinue+\n");
	ck_assert_str_eq(ask("bs"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_RSTEP);
	ck_assert_str_eq(ask("bc"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_RCONT);
	ck_assert_str_eq(ask("bx"), "\n");
	ck_assert_int_eq(tg.resumes, 2);
}
END_TEST

START_TEST(resume_packets)
{
	setup(0);
	ck_assert_str_eq(ask("c"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_CONT);
	ck_assert_str_eq(ask("s"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_STEP);
	ck_assert_str_eq(ask("C05"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_CONT);
	ck_assert_str_eq(ask("S05"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_STEP);
	ck_assert_str_eq(ask("vCont;c"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_CONT);
	ck_assert_str_eq(ask("vCont;s:1;c"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_STEP);
	ck_assert_str_eq(ask("vCont;C05:1"), "T0520:10000080;\n");
	ck_assert_int_eq(tg.last_action, GDB_CONT);
	ck_assert_int_eq(tg.resumes, 7);
	/* '?' repeats the last stop. */
	tg.next.kind = GDB_STOP_WATCH;
	tg.next.wp_kind = GDB_WP_WRITE;
	tg.next.wp_addr = 0x80001234u;
	ck_assert_str_eq(ask("c"), "T05watch:80001234;20:10000080;\n");
	ck_assert_str_eq(ask("?"), "T05watch:80001234;20:10000080;\n");
}
END_TEST

/* Every stop kind, as a reply. */
START_TEST(stop_replies)
{
	struct gdb_stop st;
	char buf[128];

	memset(&st, 0, sizeof(st));
	st.pc = 0x80000004u;
	st.kind = GDB_STOP_TRAP;
	st.sig = 2;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T0220:04000080;");
	st.sig = 0;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T0520:04000080;");
	st.kind = GDB_STOP_WATCH;
	st.wp_addr = 0x10;
	st.wp_kind = GDB_WP_READ;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T05rwatch:10;20:04000080;");
	st.wp_kind = GDB_WP_ACCESS;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T05awatch:10;20:04000080;");
	st.kind = GDB_STOP_BEGIN;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T05replaylog:begin;20:04000080;");
	st.kind = GDB_STOP_END;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T05replaylog:end;20:04000080;");
	st.kind = GDB_STOP_EXITED;
	st.code = 3;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "W03");
	st.kind = GDB_STOP_ERROR;
	gdb_stop_reply(&st, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T0620:04000080;");
}
END_TEST

START_TEST(stop_with_text)
{
	setup(1);
	tg.next.kind = GDB_STOP_END;
	snprintf(tg.next.text, sizeof(tg.next.text), "hi");
	/* "hi", then a newline, as console output before the stop. */
	ck_assert_str_eq(ask("c"), "O6869\nO0a\nT05replaylog:end;20:10000080;\n");
}
END_TEST

START_TEST(monitor_packets)
{
	setup(0);
	/* "icount" in hex */
	ck_assert_str_eq(ask("qRcmd,69636f756e74"),
	    "O796f7520736169642069636f756e740a\nOK\n");
	ck_assert_str_eq(tg.monitor_cmd, "icount");
	ck_assert_ptr_nonnull(strstr(ask("qRcmd,6661696c"), "\nE01\n"));
}
END_TEST

START_TEST(console_long)
{
	static char text[GDB_PACKET_MAX * 2];
	const char *r;
	size_t n = 0;

	setup(0);
	memset(text, 'a', sizeof(text) - 1);
	ck_assert_int_eq(gdb_console(&s, text), 0);
	r = decode_wire();
	/* Several O packets, none over the packet size. */
	while (*r != '\0') {
		const char *nl = strchr(r, '\n');

		ck_assert_ptr_nonnull(nl);
		ck_assert_int_eq(r[0], 'O');
		ck_assert_uint_le((size_t)(nl - r), GDB_PACKET_MAX);
		n += (size_t)(nl - r - 1) / 2;
		r = nl + 1;
	}
	ck_assert_uint_eq(n, sizeof(text) - 1);
}
END_TEST

START_TEST(detach_kill)
{
	char buf[64];
	size_t n;

	setup(0);
	ck_assert_str_eq(ask("D"), "OK\n");
	ck_assert_int_eq(s.event, GDB_EV_DETACH);
	/* Nothing after D is served. */
	n = frame(buf, sizeof(buf), "g");
	nwire = 0;
	ck_assert_int_eq(gdb_session_feed(&s, (uint8_t *)buf, n), 0);
	ck_assert_uint_eq(nwire, 0);
	setup(0);
	ck_assert_str_eq(ask("k"), "");
	ck_assert_int_eq(s.event, GDB_EV_KILL);
	setup(0);
	ck_assert_str_eq(ask("vKill;1"), "OK\n");
	ck_assert_int_eq(s.event, GDB_EV_KILL);
}
END_TEST

START_TEST(breakpoint_limits)
{
	setup(0);
	ck_assert_str_eq(ask("Z0,100,4"), "OK\n");
	ck_assert_str_eq(ask("Z0,104,4"), "OK\n");
	ck_assert_str_eq(ask("Z0,108,4"), "OK\n");
	ck_assert_str_eq(ask("Z0,10c,4"), "E01\n");
	ck_assert_int_eq(tg.bp_kind, GDB_BP_SW);
	ck_assert_uint_eq(tg.bp_addr, 0x10c);
	ck_assert_str_eq(ask("Z4,1000,8"), "E01\n");
	ck_assert_int_eq(tg.bp_kind, GDB_WP_ACCESS);
	ck_assert_uint_eq(tg.bp_len, 8);
}
END_TEST

/* Random bytes never crash the session, and it serves afterwards. */
START_TEST(garbage)
{
	uint8_t junk[4096];
	uint64_t x = 0x9e3779b97f4a7c15ull;
	size_t i;
	int round;

	setup(1);
	for (round = 0; round < 50; round++) {
		for (i = 0; i < sizeof(junk); i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			junk[i] = (uint8_t)x;
			if (junk[i] == 'D' || junk[i] == 'k')
				junk[i] = 'g';
		}
		nwire = 0;
		s.event = GDB_EV_NONE;
		(void)gdb_session_feed(&s, junk, sizeof(junk));
		nwire = 0;
	}
	s.event = GDB_EV_NONE;
	s.rx.state = 0;
	ck_assert_str_eq(ask("qC"), "QC1\n");
}
END_TEST

/*
 * --gdb addresses (rremu --gdb 99999 used to listen on port 34463): the
 * port's bounds, with and without a host, and what a host may be.
 */
static const struct {
	const char	*addr;
	int		 ok;
} addrs[] = {
	{ "0", 1 },			/* one the system picks */
	{ "1", 1 },
	{ "65535", 1 },
	{ "65536", 0 },
	{ "99999", 0 },
	{ "4294967297", 0 },		/* 2^32 + 1: no wrap to 1 */
	{ "", 0 },
	{ "-1", 0 },
	{ "+1", 0 },
	{ " 1", 0 },
	{ "1 ", 0 },
	{ "0x10", 0 },
	{ "localhost:1234", 1 },
	{ "127.0.0.1:65535", 1 },
	{ "127.0.0.1:65536", 0 },
	{ "127.0.0.1:", 0 },
	{ ":1234", 1 },			/* no host: 127.0.0.1 */
	{ "[::1]:1234", 1 },
	{ "::1:1234", 0 },		/* IPv6 goes in brackets */
	{ "[::1:1234", 0 },
	{ "bad host:1234", 0 },
	{ "host\n:1234", 0 },
	{ "/tmp/gdb.sock", 1 },		/* a Unix socket */
};

START_TEST(addr_check)
{
	char err[256], path[200];
	int rc;

	err[0] = '\0';
	rc = gdb_addr_check(addrs[_i].addr, err, sizeof(err));
	ck_assert_msg((rc == 0) == addrs[_i].ok, "\"%s\": %d (%s)",
	    addrs[_i].addr, rc, err);
	if (rc != 0)
		ck_assert_ptr_nonnull(strstr(err, addrs[_i].addr));
	/* A socket path too long for sun_path is refused before bind. */
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	ck_assert_int_eq(gdb_addr_check(path, err, sizeof(err)), -1);
}
END_TEST

/*
 * gdb_listen checks the address itself (not only rremu's option
 * parser): a good one listens, on a port the system picks; a bad port
 * is refused with the address in the message.
 */
START_TEST(listen_checks)
{
	char err[256], name[300];
	int fd;

	err[0] = '\0';
	fd = gdb_listen("127.0.0.1:0", name, sizeof(name), err,
	    sizeof(err));
	ck_assert_msg(fd >= 0, "%s", err);
	ck_assert_msg(strncmp(name, "127.0.0.1:", 10) == 0 &&
	    strcmp(name, "127.0.0.1:0") != 0, "%s", name);
	close(fd);
	ck_assert_int_eq(gdb_listen("127.0.0.1:99999", name,
	    sizeof(name), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "127.0.0.1:99999: the port"));
}
END_TEST

Suite *
suite_gdb(void)
{
	Suite *su = suite_create("gdb");
	TCase *tc = tcase_create("protocol");

	tcase_add_test(tc, checksum_known);
	tcase_add_test(tc, listen_checks);
	tcase_add_loop_test(tc, addr_check, 0, sizeof(addrs) / sizeof(addrs[0]));
	tcase_add_test(tc, rx_framing);
	tcase_add_test(tc, rx_oversized);
	tcase_add_test(tc, send_escapes);
	tcase_add_test(tc, hex_helpers);
	tcase_add_test(tc, acks);
	tcase_add_test(tc, too_long_packet);
	tcase_add_test(tc, write_fails);
	tcase_add_test(tc, nul_in_packet);
	tcase_add_loop_test(tc, packet_table, 0, NTABLE);
	tcase_add_test(tc, packet_sequence);
	tcase_add_test(tc, registers_g);
	tcase_add_test(tc, writes_refused);
	tcase_add_test(tc, target_xml);
	tcase_add_test(tc, xfer_chunks);
	tcase_add_test(tc, supported_reverse);
	tcase_add_test(tc, resume_packets);
	tcase_add_test(tc, stop_replies);
	tcase_add_test(tc, stop_with_text);
	tcase_add_test(tc, monitor_packets);
	tcase_add_test(tc, console_long);
	tcase_add_test(tc, detach_kill);
	tcase_add_test(tc, breakpoint_limits);
	tcase_add_test(tc, garbage);
	tcase_add_unchecked_fixture(tc, setup_fwd, NULL);
	suite_add_tcase(su, tc);
	return su;
}

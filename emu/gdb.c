/* The gdb remote serial protocol: framing, parsing, replies (no I/O). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb.h"

enum {
	RX_IDLE = 0,		/* between packets */
	RX_DATA,		/* after '$' */
	RX_SUM1,		/* after '#' */
	RX_SUM2
};

/* Memory bytes in one m/M/x reply: hex doubles them. */
#define MEM_MAX		((GDB_PACKET_MAX - 8) / 2)

static const char hexdig[] = "0123456789abcdef";

/* ---- framing ---- */

void
gdb_rx_init(struct gdb_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
}

int
gdb_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

uint8_t
gdb_checksum(const char *p, size_t n)
{
	uint8_t s = 0;

	while (n-- > 0)
		s = (uint8_t)(s + (uint8_t)*p++);
	return s;
}

/*
 * A '$' inside a packet starts a new one (the old one was cut short):
 * the client resends what it does not see acknowledged.
 */
int
gdb_rx_byte(struct gdb_rx *rx, uint8_t c)
{
	int v;

	switch (rx->state) {
	case RX_IDLE:
		if (c == '$') {
			rx->state = RX_DATA;
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = 0;
			return GDB_RX_MORE;
		}
		if (c == 0x03)
			return GDB_RX_BREAK;
		if (c == '+')
			return GDB_RX_ACK;
		if (c == '-')
			return GDB_RX_NAK;
		return GDB_RX_MORE;	/* noise between packets */
	case RX_DATA:
		if (c == '$') {
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = 0;
			return GDB_RX_MORE;
		}
		if (c == '#') {
			rx->state = RX_SUM1;
			return GDB_RX_MORE;
		}
		rx->sum = (uint8_t)(rx->sum + c);
		if (rx->len < GDB_PACKET_MAX)
			rx->buf[rx->len++] = (char)c;
		else
			rx->overflow = 1;
		return GDB_RX_MORE;
	case RX_SUM1:
		if ((v = gdb_hexval(c)) < 0) {
			rx->state = RX_IDLE;
			return GDB_RX_BADSUM;
		}
		rx->want = (uint8_t)(v << 4);
		rx->state = RX_SUM2;
		return GDB_RX_MORE;
	default:
		rx->state = RX_IDLE;
		if ((v = gdb_hexval(c)) < 0 ||
		    (uint8_t)(rx->want | v) != rx->sum)
			return GDB_RX_BADSUM;
		rx->buf[rx->len] = '\0';
		return rx->overflow ? GDB_RX_TOOLONG : GDB_RX_PACKET;
	}
}

static int
send_raw(struct gdb_session *s, const void *p, size_t n)
{
	if (s->dead)
		return -1;
	if (s->write(s->io, p, n) != 0) {
		s->dead = 1;
		return -1;
	}
	return 0;
}

/* Binary-safe: '$', '#', '}' and '*' go out escaped. */
int
gdb_send(struct gdb_session *s, const char *payload, size_t len)
{
	size_t i, o = 0;
	uint8_t c, sum = 0;

	s->out[o++] = '$';
	for (i = 0; i < len && o < sizeof(s->out) - 4; i++) {
		c = (uint8_t)payload[i];
		if (c == '$' || c == '#' || c == '}' || c == '*') {
			s->out[o++] = '}';
			sum = (uint8_t)(sum + '}');
			c ^= 0x20;
		}
		s->out[o++] = (char)c;
		sum = (uint8_t)(sum + c);
	}
	s->out[o++] = '#';
	s->out[o++] = hexdig[sum >> 4];
	s->out[o++] = hexdig[sum & 15];
	s->outlen = o;
	return send_raw(s, s->out, o);
}

static int
send_str(struct gdb_session *s, const char *str)
{
	return gdb_send(s, str, strlen(str));
}

int
gdb_console(struct gdb_session *s, const char *text)
{
	char buf[GDB_PACKET_MAX];
	size_t o, n = strlen(text);

	/* Several O packets when the text is long. */
	do {
		o = 0;
		buf[o++] = 'O';
		while (n > 0 && o + 2 < sizeof(buf)) {
			buf[o++] = hexdig[(uint8_t)*text >> 4];
			buf[o++] = hexdig[(uint8_t)*text & 15];
			text++;
			n--;
		}
		if (gdb_send(s, buf, o) != 0)
			return -1;
	} while (n > 0);
	return 0;
}

/* ---- parsing ---- */

int
gdb_parse_hex32(const char **p, uint32_t *v)
{
	const char *q = *p;
	uint64_t x = 0;
	int d, n = 0;

	while ((d = gdb_hexval((unsigned char)*q)) >= 0) {
		x = x << 4 | (uint64_t)d;
		if (x > UINT32_MAX)
			return -1;
		q++;
		n++;
	}
	if (n == 0)
		return -1;
	*v = (uint32_t)x;
	*p = q;
	return 0;
}

int
gdb_unhex(const char *hex, size_t hexlen, uint8_t *out, size_t outlen)
{
	size_t i;
	int hi, lo;

	if (hexlen % 2 != 0 || hexlen / 2 > outlen)
		return -1;
	for (i = 0; i < hexlen / 2; i++) {
		if ((hi = gdb_hexval((unsigned char)hex[2 * i])) < 0 ||
		    (lo = gdb_hexval((unsigned char)hex[2 * i + 1])) < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* "addr,len" then the character end (NUL for none). */
static int
parse_addr_len(const char **p, uint32_t *addr, uint32_t *len, int end)
{
	if (gdb_parse_hex32(p, addr) != 0 || **p != ',')
		return -1;
	(*p)++;
	if (gdb_parse_hex32(p, len) != 0 || **p != end)
		return -1;
	if (end != '\0')
		(*p)++;
	return 0;
}

static void
put_hex32le(char *o, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++, v >>= 8) {
		o[2 * i] = hexdig[(v >> 4) & 15];
		o[2 * i + 1] = hexdig[v & 15];
	}
}

/* ---- the target description ---- */

static const char *const xreg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"fp", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"
};

/* The CSRs the machine has, under the names gdb knows them by. */
static const struct {
	const char	*name;
	uint32_t	 num;
} csrs[] = {
	{ "sstatus", 0x100 }, { "sie", 0x104 }, { "stvec", 0x105 },
	{ "scounteren", 0x106 }, { "senvcfg", 0x10a }, { "sscratch", 0x140 },
	{ "sepc", 0x141 }, { "scause", 0x142 }, { "stval", 0x143 },
	{ "sip", 0x144 }, { "satp", 0x180 },
	{ "mstatus", 0x300 }, { "misa", 0x301 }, { "medeleg", 0x302 },
	{ "mideleg", 0x303 }, { "mie", 0x304 }, { "mtvec", 0x305 },
	{ "mcounteren", 0x306 }, { "menvcfg", 0x30a },
	{ "mscratch", 0x340 }, { "mepc", 0x341 },
	{ "mcause", 0x342 }, { "mtval", 0x343 }, { "mip", 0x344 },
	{ "mcycle", 0xb00 }, { "minstret", 0xb02 }, { "mcycleh", 0xb80 },
	{ "minstreth", 0xb82 }, { "cycle", 0xc00 }, { "time", 0xc01 },
	{ "instret", 0xc02 }, { "cycleh", 0xc80 }, { "timeh", 0xc81 },
	{ "instreth", 0xc82 }, { "mvendorid", 0xf11 }, { "marchid", 0xf12 },
	{ "mimpid", 0xf13 }, { "mhartid", 0xf14 }
};

const char *
gdb_target_xml(void)
{
	static char xml[8192];
	size_t o, i;

	if (xml[0] != '\0')
		return xml;
	o = (size_t)snprintf(xml, sizeof(xml), "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	    "<target version=\"1.0\">\n"
	    "<architecture>riscv:rv32</architecture>\n"
	    "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
	for (i = 0; i < 32; i++)
		o += (size_t)snprintf(xml + o, sizeof(xml) - o, "<reg name=\"%s"
		    "\" bitsize=\"32\" type=\"%s\" regnum=\"%zu\"/>\n",
		    xreg_names[i], i == 1 ? "code_ptr" : i == 2 || i == 8 ?
		    "data_ptr" : "int", i);
	o += (size_t)snprintf(xml + o, sizeof(xml) - o, "<reg name=\"pc\" "
	    "bitsize=\"32\" type=\"code_ptr\" regnum=\"%d\"/>\n</feature>\n"
	    "<feature name=\"org.gnu.gdb.riscv.csr\">\n", GDB_REG_PC);
	for (i = 0; i < sizeof(csrs) / sizeof(csrs[0]); i++)
		o += (size_t)snprintf(xml + o, sizeof(xml) - o, "<reg name=\"%s"
		    "\" bitsize=\"32\" type=\"int\" regnum=\"%u\" "
		    "group=\"csr\"/>\n", csrs[i].name,
		    GDB_REG_CSR0 + csrs[i].num);
	snprintf(xml + o, sizeof(xml) - o, "</feature>\n"
	    "<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
	    "<reg name=\"priv\" bitsize=\"32\" type=\"int\" regnum=\"%d\" "
	    "group=\"system\"/>\n</feature>\n</target>\n", GDB_REG_PRIV);
	return xml;
}

/* ---- replies ---- */

size_t
gdb_stop_reply(const struct gdb_stop *st, char *buf, size_t len)
{
	char pc[9];
	const char *wk;

	put_hex32le(pc, st->pc);
	pc[8] = '\0';
	switch (st->kind) {
	case GDB_STOP_EXITED:
		return (size_t)snprintf(buf, len, "W%02x", st->code & 0xff);
	case GDB_STOP_WATCH:
		wk = st->wp_kind == GDB_WP_READ ? "rwatch" :
		    st->wp_kind == GDB_WP_ACCESS ? "awatch" : "watch";
		return (size_t)snprintf(buf, len, "T05%s:%x;%02x:%s;", wk,
		    st->wp_addr, GDB_REG_PC, pc);
	case GDB_STOP_BEGIN:
	case GDB_STOP_END:
		return (size_t)snprintf(buf, len, "T05replaylog:%s;%02x:%s;",
		    st->kind == GDB_STOP_BEGIN ? "begin" : "end", GDB_REG_PC,
		    pc);
	case GDB_STOP_ERROR:
		return (size_t)snprintf(buf, len, "T06%02x:%s;", GDB_REG_PC,
		    pc);
	default:
		return (size_t)snprintf(buf, len, "T%02x%02x:%s;",
		    st->sig > 0 && st->sig < 256 ? st->sig : 5, GDB_REG_PC, pc);
	}
}

/* An error the client sees: as text if it takes E.text, else a number. */
static void
send_error(struct gdb_session *s, int code, const char *text)
{
	char buf[256];

	if (text != NULL && text[0] != '\0' && s->errmsg)
		snprintf(buf, sizeof(buf), "E.%s", text);
	else
		snprintf(buf, sizeof(buf), "E%02x", code & 0xff);
	send_str(s, buf);
}

static void
send_stop(struct gdb_session *s, const struct gdb_stop *st)
{
	char buf[128];

	if (st->text[0] != '\0') {
		gdb_console(s, st->text);
		gdb_console(s, "\n");
	}
	gdb_stop_reply(st, buf, sizeof(buf));
	send_str(s, buf);
}

static void
do_resume(struct gdb_session *s, int action)
{
	struct gdb_stop st;

	memset(&st, 0, sizeof(st));
	if (s->ops->resume(s->target, action, &st) != 0 &&
	    st.text[0] == '\0')
		snprintf(st.text, sizeof(st.text), "cannot resume");
	s->last = st;
	send_stop(s, &st);
}

static void
read_regs(struct gdb_session *s)
{
	char buf[GDB_NREGS_G * 8 + 1];
	uint32_t v;
	int i;

	for (i = 0; i < GDB_NREGS_G; i++) {
		if (s->ops->read_reg(s->target, i, &v) != 0)
			v = 0;
		put_hex32le(buf + 8 * i, v);
	}
	gdb_send(s, buf, GDB_NREGS_G * 8);
}

static uint32_t
get_le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

static void
write_regs(struct gdb_session *s, const char *hex, size_t n)
{
	uint8_t b[GDB_NREGS_G * 4];
	char err[200];
	int i;

	if (n != GDB_NREGS_G * 8 || gdb_unhex(hex, n, b, sizeof(b)) != 0) {
		send_error(s, 22, "G: expected 33 registers in hex");
		return;
	}
	for (i = 0; i < GDB_NREGS_G; i++) {
		err[0] = '\0';
		if (s->ops->write_reg(s->target, i, get_le32(b + 4 * i), err,
		    sizeof(err)) != 0) {
			send_error(s, 1, err);
			return;
		}
	}
	send_str(s, "OK");
}

static void
reg_packet(struct gdb_session *s, const char *p, int write)
{
	uint32_t n, v;
	uint8_t b[4];
	char buf[9], err[200];

	if (gdb_parse_hex32(&p, &n) != 0 || n > 0x10000) {
		send_error(s, 22, "bad register number");
		return;
	}
	if (!write) {
		if (*p != '\0') {
			send_error(s, 22, "p: expected a register number");
			return;
		}
		if (s->ops->read_reg(s->target, (int)n, &v) != 0) {
			send_error(s, 1, NULL);
			return;
		}
		put_hex32le(buf, v);
		gdb_send(s, buf, 8);
		return;
	}
	if (*p != '=' || strlen(p + 1) != 8 || gdb_unhex(p + 1, 8, b, 4)) {
		send_error(s, 22, "P: expected n=8 hex digits");
		return;
	}
	err[0] = '\0';
	if (s->ops->write_reg(s->target, (int)n, get_le32(b), err,
	    sizeof(err)) != 0)
		send_error(s, 1, err);
	else
		send_str(s, "OK");
}

/* m (hex) or x (binary): at most what one reply can hold. */
static void
read_mem(struct gdb_session *s, const char *p, int binary)
{
	static uint8_t b[MEM_MAX];
	static char buf[2 * MEM_MAX + 2];
	uint32_t addr, len, i;
	size_t o = 0;

	if (parse_addr_len(&p, &addr, &len, '\0') != 0) {
		send_error(s, 22, "bad address or length");
		return;
	}
	if (len > MEM_MAX)
		len = MEM_MAX;
	if (len > 0 && ((uint64_t)addr + len > (uint64_t)UINT32_MAX + 1 ||
	    s->ops->read_mem(s->target, addr, b, len) != 0)) {
		send_error(s, 14, NULL);
		return;
	}
	if (binary) {
		buf[o++] = 'b';
		memcpy(buf + o, b, len);
		o += len;
	} else
		for (i = 0; i < len; i++) {
			buf[o++] = hexdig[b[i] >> 4];
			buf[o++] = hexdig[b[i] & 15];
		}
	gdb_send(s, buf, o);
}

/* M (hex) or X (binary, '}'-escaped). */
static void
write_mem(struct gdb_session *s, const char *p, size_t n, int binary)
{
	static uint8_t b[GDB_PACKET_MAX];
	const char *end = p + n;
	uint32_t addr, len, i;
	char err[200];

	if (parse_addr_len(&p, &addr, &len, ':') != 0 ||
	    len > sizeof(b) || (uint64_t)addr + len > (uint64_t)UINT32_MAX + 1) {
		send_error(s, 22, "bad address or length");
		return;
	}
	if (binary) {
		for (i = 0; i < len && p < end; i++) {
			if (*p == '}') {
				if (++p == end)
					break;
				b[i] = (uint8_t)(*p++ ^ 0x20);
			} else
				b[i] = (uint8_t)*p++;
		}
		if (i != len || p != end) {
			send_error(s, 22, "X: data does not match length");
			return;
		}
	} else if (gdb_unhex(p, (size_t)(end - p), b, sizeof(b)) != 0 ||
	    (size_t)(end - p) != 2 * (size_t)len) {
		send_error(s, 22, "M: data does not match length");
		return;
	}
	err[0] = '\0';
	if (len > 0 && s->ops->write_mem(s->target, addr, b, len, err,
	    sizeof(err)) != 0)
		send_error(s, 14, err);
	else
		send_str(s, "OK");
}

static void
bp_packet(struct gdb_session *s, const char *p, int insert)
{
	uint32_t type, addr, kind;
	int rc;

	if (gdb_parse_hex32(&p, &type) != 0 || *p++ != ',' ||
	    gdb_parse_hex32(&p, &addr) != 0 || *p++ != ',' ||
	    gdb_parse_hex32(&p, &kind) != 0 || (*p != '\0' && *p != ';')) {
		send_error(s, 22, "bad breakpoint packet");
		return;
	}
	if (type > GDB_WP_ACCESS) {
		send_str(s, "");
		return;
	}
	/* A range past the top of the 32-bit space could never fire. */
	if (insert && type >= GDB_WP_WRITE && (uint64_t)addr + kind >
	    UINT64_C(0x100000000)) {
		send_error(s, 22, "watchpoint range wraps past 0xffffffff");
		return;
	}
	rc = s->ops->breakpoint(s->target, (int)type, addr, kind, insert);
	if (rc == -2)
		send_str(s, "");	/* this kind is not supported */
	else if (rc != 0)
		send_error(s, 1, "no room for another breakpoint");
	else
		send_str(s, "OK");
}

static void
xfer_features(struct gdb_session *s, const char *p)
{
	static char buf[GDB_PACKET_MAX];
	const char *xml = gdb_target_xml();
	uint32_t off, len;
	size_t total = strlen(xml), n;

	if (strncmp(p, "target.xml:", 11) != 0) {
		send_error(s, 0, NULL);
		return;
	}
	p += 11;
	if (parse_addr_len(&p, &off, &len, '\0') != 0) {
		send_error(s, 22, "bad offset or length");
		return;
	}
	if (off > total)
		off = (uint32_t)total;
	n = total - off;
	if (n > len)
		n = len;
	if (n > sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	buf[0] = off + n < total ? 'm' : 'l';
	memcpy(buf + 1, xml + off, n);
	gdb_send(s, buf, n + 1);
}

static void
monitor(struct gdb_session *s, const char *hex)
{
	static char out[16384];
	char cmd[512];
	size_t n = strlen(hex);
	int rc;

	if (n % 2 != 0 || n / 2 >= sizeof(cmd) ||
	    gdb_unhex(hex, n, (uint8_t *)cmd, sizeof(cmd) - 1) != 0) {
		send_error(s, 22, "bad monitor command");
		return;
	}
	cmd[n / 2] = '\0';
	if (memchr(cmd, '\0', n / 2) != NULL) {
		send_error(s, 22, "bad monitor command");
		return;
	}
	out[0] = '\0';
	rc = s->ops->monitor(s->target, cmd, out, sizeof(out));
	if (out[0] != '\0')
		gdb_console(s, out);
	if (rc != 0)
		send_error(s, 1, NULL);
	else
		send_str(s, "OK");
}

/* vCont;ACTION[:thread][;ACTION...]: one thread, the first action. */
static void
vcont(struct gdb_session *s, const char *p)
{
	if (strcmp(p, "?") == 0) {
		send_str(s, "vCont;c;C;s;S");
		return;
	}
	if (*p++ != ';') {
		send_error(s, 22, "bad vCont");
		return;
	}
	switch (*p) {
	case 'c':
	case 'C':
		do_resume(s, GDB_CONT);
		break;
	case 's':
	case 'S':
		do_resume(s, GDB_STEP);
		break;
	default:
		send_str(s, "");
		break;
	}
}

static void
supported(struct gdb_session *s, const char *p)
{
	char buf[256];

	s->errmsg = strstr(p, "error-message+") != NULL;
	snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;"
	    "QStartNoAckMode+;vContSupported+%s%s", GDB_PACKET_MAX,
	    s->errmsg ? ";error-message+" : "",
	    s->reverse ? ";ReverseStep+;ReverseContinue+" : "");
	send_str(s, buf);
}

static void
query(struct gdb_session *s, const char *p)
{
	if (strncmp(p, "qSupported", 10) == 0)
		supported(s, p + 10);
	else if (strncmp(p, "qXfer:features:read:", 20) == 0)
		xfer_features(s, p + 20);
	else if (strcmp(p, "qAttached") == 0 ||
	    strncmp(p, "qAttached:", 10) == 0)
		send_str(s, "1");
	else if (strcmp(p, "qC") == 0)
		send_str(s, "QC1");
	else if (strcmp(p, "qfThreadInfo") == 0)
		send_str(s, "m1");
	else if (strcmp(p, "qsThreadInfo") == 0)
		send_str(s, "l");
	else if (strncmp(p, "qSymbol", 7) == 0)
		send_str(s, "OK");
	else if (strncmp(p, "qRcmd,", 6) == 0)
		monitor(s, p + 6);
	else
		send_str(s, "");
}

void
gdb_session_init(struct gdb_session *s, const struct gdb_ops *ops,
    void *target, int reverse)
{
	memset(s, 0, sizeof(*s));
	gdb_rx_init(&s->rx);
	s->ops = ops;
	s->target = target;
	s->reverse = reverse;
	s->last.kind = GDB_STOP_TRAP;
	s->last.sig = 5;
}

void
gdb_session_packet(struct gdb_session *s, const char *pkt, size_t len)
{
	char buf[128];

	if (len == 0 || strlen(pkt) != len) {
		/* NUL bytes only belong in X data. */
		if (len > 0 && pkt[0] == 'X')
			write_mem(s, pkt + 1, len - 1, 1);
		else
			send_str(s, "");
		return;
	}
	switch (pkt[0]) {
	case '?':
		(void)s->ops->read_reg(s->target, GDB_REG_PC, &s->last.pc);
		gdb_stop_reply(&s->last, buf, sizeof(buf));
		send_str(s, buf);
		return;
	case 'g':
		if (len == 1)
			read_regs(s);
		else
			send_str(s, "");
		return;
	case 'G':
		write_regs(s, pkt + 1, len - 1);
		return;
	case 'p':
	case 'P':
		reg_packet(s, pkt + 1, pkt[0] == 'P');
		return;
	case 'm':
		read_mem(s, pkt + 1, 0);
		return;
	case 'x':
		read_mem(s, pkt + 1, 1);
		return;
	case 'M':
		write_mem(s, pkt + 1, len - 1, 0);
		return;
	case 'X':
		write_mem(s, pkt + 1, len - 1, 1);
		return;
	case 'Z':
	case 'z':
		bp_packet(s, pkt + 1, pkt[0] == 'Z');
		return;
	case 'c':
	case 'C':
	case 's':
	case 'S':
		/* A resume address would be a register write: refused. */
		if ((pkt[0] == 'c' || pkt[0] == 's') && len > 1) {
			send_error(s, 22, "resuming at an address is not "
			    "supported");
			return;
		}
		do_resume(s, pkt[0] == 'c' || pkt[0] == 'C' ? GDB_CONT :
		    GDB_STEP);
		return;
	case 'b':
		if (s->reverse && len == 2 && (pkt[1] == 's' || pkt[1] == 'c'))
			do_resume(s, pkt[1] == 's' ? GDB_RSTEP : GDB_RCONT);
		else
			send_str(s, "");
		return;
	case 'D':
		send_str(s, "OK");
		s->event = GDB_EV_DETACH;
		return;
	case 'k':
		s->event = GDB_EV_KILL;
		return;
	case 'H':
	case 'T':
		send_str(s, "OK");
		return;
	case 'q':
		query(s, pkt);
		return;
	case 'Q':
		if (strcmp(pkt, "QStartNoAckMode") == 0) {
			send_str(s, "OK");
			s->noack = 1;
		} else
			send_str(s, "");
		return;
	case 'v':
		if (strncmp(pkt, "vCont", 5) == 0)
			vcont(s, pkt + 5);
		else if (strncmp(pkt, "vKill", 5) == 0) {
			send_str(s, "OK");
			s->event = GDB_EV_KILL;
		} else
			send_str(s, "");
		return;
	default:
		send_str(s, "");
		return;
	}
}

int
gdb_session_feed(struct gdb_session *s, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && !s->dead && s->event == GDB_EV_NONE; i++) {
		switch (gdb_rx_byte(&s->rx, p[i])) {
		case GDB_RX_PACKET:
			if (!s->noack)
				send_raw(s, "+", 1);
			gdb_session_packet(s, s->rx.buf, s->rx.len);
			break;
		case GDB_RX_BADSUM:
			if (!s->noack)
				send_raw(s, "-", 1);
			break;
		case GDB_RX_TOOLONG:
			if (!s->noack)
				send_raw(s, "+", 1);
			send_error(s, 22, "packet too long");
			break;
		case GDB_RX_NAK:
			if (!s->noack && s->outlen > 0)
				send_raw(s, s->out, s->outlen);
			break;
		default:
			/* '+', or a Ctrl-C while stopped: nothing to do. */
			break;
		}
	}
	return s->dead ? -1 : 0;
}

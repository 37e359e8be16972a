/* Front-end helpers shared by the rr tools (cmd/common.h). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrsnap.h"
#include "common.h"

const char *cmd_prog = "rr";
struct cmd_out cmd_out;
static int exit_status;

/* A tool that leaves by exit() rather than cmd_exit() loses no output. */
static void
flush_at_exit(void)
{
	if (cmd_out.len > 0)
		cmd_flush();
}

void
cmd_init(const char *prog)
{
	int fd;

	cmd_prog = prog;
	/*
	 * Started with standard input, output or error closed, a tool
	 * would open its files on those numbers and read or write them by
	 * mistake: hold them with /dev/null.
	 */
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			(void)open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
	atexit(flush_at_exit);
	/*
	 * A parent that ignores SIGPIPE would turn `| head` into EPIPE
	 * errors; the default action ends the tool quietly, as cat(1).
	 */
	signal(SIGPIPE, SIG_DFL);
}

int
cmd_status(int st)
{
	if (st > exit_status)
		exit_status = st;
	return exit_status;
}

int
cmd_exit(void)
{
	if (cmd_flush() != 0)
		return cmd_status(CMD_EXIT_FAIL);
	/* Data a full disk refused shows up only at fflush or fclose. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_syserr("stdout", errno, "write error");
		cmd_status(CMD_EXIT_FAIL);
	}
	if (fclose(stdout) != 0 && exit_status < CMD_EXIT_FAIL) {
		cmd_syserr("stdout", errno, "close error");
		cmd_status(CMD_EXIT_FAIL);
	}
	return exit_status;
}

void
cmd_version(void)
{
	cmd_printf("%s (rr toolkit) %s\nlibrr %s\n"
	    "log format %d.%d, snapshot format %d.%d\n", cmd_prog,
	    CMD_VERSION, RR_LIB_VERSION, RR_LOG_MAJOR, RR_LOG_MINOR,
	    RR_SNAP_MAJOR, RR_SNAP_MINOR);
}

char *
cmd_mask(char *buf, size_t size, const char *s)
{
	size_t i;

	if (size == 0)
		return buf;
	for (i = 0; s[i] != '\0' && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	buf[i] = '\0';
	return buf;
}

const char *
cmd_name(const char *file)
{
	static char bufs[4][PATH_MAX];
	static int next;
	char *b;

	if (strcmp(file, "-") == 0)
		return "(stdin)";
	b = bufs[next];
	next = (next + 1) % 4;
	return cmd_mask(b, PATH_MAX, file);
}

void
cmd_vmsg(const char *file, uint64_t offset, uint64_t event,
    const char *fmt, va_list ap)
{
	/* Data already produced goes out before the message about it. */
	cmd_flush();
	fflush(stdout);
	fprintf(stderr, "%s: ", cmd_prog);
	if (file != NULL)
		fprintf(stderr, "%s: ", cmd_name(file));
	if (offset != RR_NO_OFFSET)
		fprintf(stderr, "offset %llu: ", (unsigned long long)offset);
	if (event != RR_NO_EVENT)
		fprintf(stderr, "event %llu: ", (unsigned long long)event);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cmd_msg(const char *file, uint64_t offset, uint64_t event,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vmsg(file, offset, event, fmt, ap);
	va_end(ap);
}

void
cmd_syserr(const char *file, int errnum, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s: %s", text,
	    strerror(errnum));
}

void
cmd_rrerr(const char *file, const struct rr_error *e)
{
	const char *sys = "";

	/* The library keeps errno apart; add its text unless already there. */
	if (e->kind == RR_E_IO && e->sys_errno != 0 &&
	    strstr(e->msg, strerror(e->sys_errno)) == NULL)
		sys = strerror(e->sys_errno);
	cmd_msg(file, e->offset, e->event, "%s%s%s",
	    e->msg[0] != '\0' ? e->msg : rr_errkind_name(e->kind),
	    *sys != '\0' ? ": " : "", sys);
}

int
cmd_errstatus(const struct rr_error *e)
{
	switch (e->kind) {
	case RR_E_TRUNCATED:
	case RR_E_CORRUPT:
	case RR_E_LIMIT:
		return CMD_EXIT_DATA;
	default:
		return CMD_EXIT_FAIL;
	}
}

/* ---- Parsing arguments ---- */

void
cmd_badopt(int ch, char *const argv[])
{
	/* getopt names itself by argv[0]; messages here name the tool. */
	if (optopt != 0)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s option -%c",
		    ch == ':' ? "missing argument for" : "unknown", optopt);
	else
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s option %s",
		    ch == ':' ? "missing argument for" : "unknown or ambiguous",
		    cmd_name(argv[optind - 1]));
}

int
cmd_number(const char *s, uint64_t *v)
{
	unsigned long long n;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	/*
	 * strtoull takes signs, spaces and (base 16) a second 0x; a number
	 * here is digits only.
	 */
	if (*s == '\0' || s[strspn(s, base == 16 ?
	    "0123456789abcdefABCDEF" : "0123456789")] != '\0')
		return -1;
	errno = 0;
	n = strtoull(s, &end, base);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = n;
	return 0;
}

/* One end of a range: N or ~N (N >= 1).  Empty is open. */
static int
range_end(const char *s, size_t len, uint64_t *v, int *from_end)
{
	char tmp[64];

	*from_end = 0;
	if (len > 0 && s[0] == '~') {
		*from_end = 1;
		s++;
		len--;
	}
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (cmd_number(tmp, v) != 0)
		return -1;
	return *from_end && *v == 0 ? -1 : 0;
}

int
cmd_range_parse(struct cmd_range *r, const char *opt, const char *s)
{
	const char *dash;

	memset(r, 0, sizeof(*r));
	r->hi = UINT64_MAX;
	/* The dash between the ends; hex digits never contain one. */
	dash = strchr(s, '-');
	if (dash == NULL) {
		if (range_end(s, strlen(s), &r->lo, &r->lo_end) != 0)
			goto bad;
		r->hi = r->lo;
		r->hi_end = r->lo_end;
	} else {
		if (dash == s && dash[1] == '\0')
			goto bad;
		if (dash > s &&
		    range_end(s, (size_t)(dash - s), &r->lo, &r->lo_end) != 0)
			goto bad;
		if (dash[1] != '\0' &&
		    range_end(dash + 1, strlen(dash + 1), &r->hi,
		    &r->hi_end) != 0)
			goto bad;
	}
	/* Ends of the same kind can be checked now; mixed ones later. */
	if (r->lo_end == r->hi_end &&
	    (r->lo_end ? r->lo < r->hi : r->lo > r->hi)) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "%s: empty range '%s'", opt, s);
		return -1;
	}
	r->set = 1;
	return 0;
bad:
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
	    "%s: bad range '%s' (A, A-B, A-, -B; ~N counts from the end)",
	    opt, s);
	return -1;
}

int
cmd_range_from_end(const struct cmd_range *r)
{
	return r->set && (r->lo_end || r->hi_end);
}

int
cmd_range_resolve(const struct cmd_range *r, uint64_t last, uint64_t *lo,
    uint64_t *hi)
{
	if (!r->set) {
		*lo = 0;
		*hi = UINT64_MAX;
		return 0;
	}
	*lo = r->lo;
	*hi = r->hi;
	/* ~N is last - N + 1: ~1 is the last, ~N past the start is 0. */
	if (r->lo_end)
		*lo = r->lo > last ? 0 : last - r->lo + 1;
	if (r->hi_end) {
		/* A high end before the start: nothing is selected. */
		if (last != UINT64_MAX && r->hi > last + 1)
			return -1;
		*hi = last - r->hi + 1;
	}
	return *lo > *hi ? -1 : 0;
}

void
cmd_kinds_all(struct cmd_kinds *k)
{
	memset(k->bits, 0xff, sizeof(k->bits));
	k->other = 1;
}

static void
kinds_set(struct cmd_kinds *k, uint64_t kind, int on)
{
	if (kind > 255) {
		k->other = on;
		return;
	}
	if (on)
		k->bits[kind >> 3] |= (uint8_t)(1u << (kind & 7));
	else
		k->bits[kind >> 3] &= (uint8_t)~(1u << (kind & 7));
}

int
cmd_kinds_parse(struct cmd_kinds *k, const char *opt, const char *s)
{
	char *copy, *item, *save = NULL;
	uint64_t kind;
	int on, any_plus = 0, nitems = 0, named, rc = 0;
	uint32_t i;

	if (*s == '\0') {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: empty kind list",
		    opt);
		return -1;
	}
	if ((copy = strdup(s)) == NULL) {
		cmd_syserr(NULL, errno, "%s", opt);
		return -1;
	}
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		nitems++;
		if (item[0] != '^')
			any_plus = 1;
	}
	free(copy);
	if (nitems == 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: empty kind list",
		    opt);
		return -1;
	}
	memset(k, 0, sizeof(*k));
	if (!any_plus)
		cmd_kinds_all(k);
	if ((copy = strdup(s)) == NULL) {
		cmd_syserr(NULL, errno, "%s", opt);
		return -1;
	}
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		on = 1;
		if (item[0] == '^') {
			on = 0;
			item++;
		}
		named = rr_kind_from_name(item);
		if (named > 0) {
			kinds_set(k, (uint64_t)named, on);
		} else if (strcmp(item, "unknown") == 0) {
			/* Every kind this build has no name for. */
			kinds_set(k, 0, on);
			for (i = RR_EV_KIND_MAX + 1; i <= 256; i++)
				kinds_set(k, i, on);
		} else if (cmd_number(strncmp(item, "unknown-", 8) == 0 ?
		    item + 8 : item, &kind) == 0 && kind <= UINT32_MAX) {
			kinds_set(k, kind, on);
		} else {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "%s: unknown kind '%s' (clock, entropy, bh, output,"
			    " checkpoint, keyframe, mark, end, unknown, a"
			    " number)", opt, item);
			rc = -1;
			break;
		}
	}
	free(copy);
	return rc;
}

/* ---- Buffered standard output ---- */

int
cmd_flush(void)
{
	if (cmd_out.len == 0)
		return cmd_out.err ? -1 : 0;
	if (!cmd_out.err &&
	    fwrite(cmd_out.buf, 1, cmd_out.len, stdout) != cmd_out.len) {
		cmd_out.err = errno ? errno : EIO;
		/* Report once; later output is dropped. */
		cmd_out.len = 0;
		cmd_syserr("stdout", cmd_out.err, "write error");
		cmd_status(CMD_EXIT_FAIL);
	}
	cmd_out.len = 0;
	return cmd_out.err ? -1 : 0;
}

void
cmd_put(const void *p, size_t n)
{
	const char *s = p;
	size_t k;

	while (n > 0) {
		k = CMD_OUT_SIZE - cmd_out.len;
		if (k == 0) {
			cmd_flush();
			continue;
		}
		if (k > n)
			k = n;
		memcpy(cmd_out.buf + cmd_out.len, s, k);
		cmd_out.len += k;
		s += k;
		n -= k;
	}
}

void
cmd_putu(uint64_t v)
{
	char tmp[20], *p = tmp + sizeof(tmp), *d;
	size_t n;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	n = (size_t)(tmp + sizeof(tmp) - p);
	d = cmd_room(n);
	memcpy(d, p, n);
	cmd_out.len += n;
}

void
cmd_puti(int64_t v)
{
	if (v < 0) {
		cmd_putc('-');
		cmd_putu(-(uint64_t)v);
	} else
		cmd_putu((uint64_t)v);
}

void
cmd_putx(uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char *d;
	int i;

	if (digits < 1)
		digits = 1;
	if (digits > 16)
		digits = 16;
	/* Grow to fit the value when it needs more digits than asked. */
	while (digits < 16 && (v >> (4 * digits)) != 0)
		digits++;
	d = cmd_room((size_t)digits);
	for (i = digits - 1; i >= 0; i--) {
		d[i] = hex[v & 15];
		v >>= 4;
	}
	cmd_out.len += (size_t)digits;
}

void
cmd_putq(const uint8_t *p, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, shown = n < max ? n : max;
	char *d;

	cmd_putc('"');
	for (i = 0; i < shown; i++) {
		unsigned char c = p[i];

		d = cmd_room(4);
		if (c == '"' || c == '\\') {
			d[0] = '\\';
			d[1] = (char)c;
			cmd_out.len += 2;
		} else if (c == '\n' || c == '\r' || c == '\t') {
			d[0] = '\\';
			d[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			cmd_out.len += 2;
		} else if (c < 0x20 || c >= 0x7f) {
			d[0] = '\\';
			d[1] = 'x';
			d[2] = hex[c >> 4];
			d[3] = hex[c & 15];
			cmd_out.len += 4;
		} else {
			d[0] = (char)c;
			cmd_out.len++;
		}
	}
	cmd_putc('"');
	if (shown < n)
		cmd_put("...", 3);
}

void
cmd_putname(const char *s)
{
	char buf[PATH_MAX];

	cmd_puts(cmd_mask(buf, sizeof(buf), s));
}

void
cmd_printf(const char *fmt, ...)
{
	va_list ap;
	char small[512], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		cmd_put(small, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	cmd_put(big, (size_t)n);
	free(big);
}

int
cmd_putjson(const struct json_t *j)
{
	size_t n;
	char *big;

	/* Most records fit the room left in the output buffer. */
	cmd_room(4096);
	n = json_dumpb((const json_t *)j, cmd_out.buf + cmd_out.len,
	    CMD_OUT_SIZE - cmd_out.len - 1, JSON_COMPACT);
	if (n == 0)
		return -1;
	if (n <= CMD_OUT_SIZE - cmd_out.len - 1) {
		cmd_out.len += n;
		cmd_putc('\n');
		return 0;
	}
	if ((big = malloc(n)) == NULL)
		return -1;
	if (json_dumpb((const json_t *)j, big, n, JSON_COMPACT) != n) {
		free(big);
		return -1;
	}
	cmd_put(big, n);
	free(big);
	cmd_putc('\n');
	return 0;
}

/* ---- Output files ---- */

int
cmd_same_file(const char *path, char *const *inputs, int ninputs)
{
	struct stat a, b;
	int i;

	if (strcmp(path, "-") == 0 || stat(path, &a) != 0)
		return 0;
	for (i = 0; i < ninputs; i++) {
		if (strcmp(inputs[i], "-") == 0) {
			if (fstat(STDIN_FILENO, &b) != 0)
				continue;
		} else if (stat(inputs[i], &b) != 0)
			continue;
		if (a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return 1;
	}
	return 0;
}

int
cmd_outfile_open(struct cmd_outfile *o, const char *path,
    char *const *inputs, int ninputs)
{
	const char *slash;
	size_t dirlen;
	mode_t mask;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		o->fp = stdout;
		return 0;
	}
	if (cmd_same_file(path, inputs, ninputs)) {
		cmd_msg(path, RR_NO_OFFSET, RR_NO_EVENT,
		    "output would replace an input");
		return -1;
	}
	if ((o->path = strdup(path)) == NULL)
		goto fail;
	/* Same directory as the target, so rename(2) stays atomic. */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	if ((o->tmp = malloc(dirlen + 16)) == NULL)
		goto fail;
	memcpy(o->tmp, path, dirlen);
	memcpy(o->tmp + dirlen, ".rr-tmp.XXXXXX", 15);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		cmd_syserr(path, errno, "cannot create temporary file");
		free(o->tmp);
		o->tmp = NULL;
		cmd_outfile_abort(o);
		return -1;
	}
	/* mkstemp makes 0600; an output gets the mode the umask gives. */
	mask = umask(022);
	umask(mask);
	(void)fchmod(o->fd, 0666 & ~mask);
	if ((o->fp = fdopen(o->fd, "wb")) == NULL)
		goto fail;
	return 0;
fail:
	cmd_syserr(path, errno, "cannot open output");
	cmd_outfile_abort(o);
	return -1;
}

int
cmd_outfile_commit(struct cmd_outfile *o)
{
	int rc = 0;

	if (o->tmp == NULL) {
		if (o->fp != NULL && fflush(o->fp) != 0) {
			cmd_syserr("stdout", errno, "write error");
			return -1;
		}
		return 0;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(o->fd) != 0) {
		cmd_syserr(o->path, errno, "write error");
		rc = -1;
	}
	if (fclose(o->fp) != 0 && rc == 0) {
		cmd_syserr(o->path, errno, "close error");
		rc = -1;
	}
	o->fp = NULL;
	o->fd = -1;
	if (rc == 0 && rename(o->tmp, o->path) != 0) {
		cmd_syserr(o->path, errno, "cannot rename into place");
		rc = -1;
	}
	if (rc != 0) {
		cmd_outfile_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void
cmd_outfile_abort(struct cmd_outfile *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	else if (o->fd > STDERR_FILENO)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}

/* ---- Text views ---- */

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
cmd_snap_field_text(const char *sec, const struct rr_snap_field *f)
{
	uint64_t i, n, v;
	int w, b;

	cmd_putname(sec);
	cmd_putc('.');
	cmd_putname(f->name);
	cmd_put(" = ", 3);
	switch (f->type) {
	case RR_SNAP_U64:
		cmd_putu(f->u);
		if (f->u > 9) {
			cmd_put(" (0x", 4);
			cmd_putx(f->u, 1);
			cmd_putc(')');
		}
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
			for (v = 0, b = w - 1; b >= 0; b--)
				v = v << 8 | f->data[i * (uint64_t)w +
				    (uint64_t)b];
			if (i > 0)
				cmd_putc(' ');
			cmd_put("0x", 2);
			cmd_putx(v, 2 * w);
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
	default:
		cmd_put("unknown-", 8);
		cmd_putu(ev->kind);
		cmd_putc(' ');
		cmd_putu(ev->len);
		cmd_put(" bytes", 6);
		break;
	}
	cmd_putc('\n');
}

/* ---- Inputs ---- */

#define SNAP_MAGIC	"\x89RRS\r\n\x1a\n"
#define MAGIC_LEN	8

/*
 * A pipe cannot be peeked at: once the magic is read, a child feeds it
 * and the rest of the input to the reader through a new pipe.
 */
static int
refeed(int fd, const uint8_t *head, size_t n, long *pidp)
{
	char buf[1 << 16];
	ssize_t k;
	pid_t pid;
	int p[2];

	if (pipe(p) != 0)
		return -1;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		if (write(p[1], head, n) != (ssize_t)n)
			_exit(1);
		while ((k = read(fd, buf, sizeof(buf))) != 0) {
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 || write(p[1], buf, (size_t)k) != k)
				_exit(1);
		}
		_exit(0);
	}
	*pidp = pid;
	close(p[1]);
	return p[0];
}

/* A snapshot from a pipe: read all of it (the magic is already read). */
static int
snap_from_fd(struct cmd_input *in, int fd, const char *file,
    const uint8_t *head, size_t n)
{
	struct rr_error err;
	uint8_t *buf, *nb;
	size_t len = n, cap = 1 << 16;
	ssize_t k;

	if ((buf = malloc(cap)) == NULL)
		goto nomem;
	/* The bytes already read to tell a snapshot from a log. */
	memcpy(buf, head, n);
	for (;;) {
		if (len == cap) {
			if ((nb = realloc(buf, cap *= 2)) == NULL)
				goto nomem;
			buf = nb;
		}
		if ((k = read(fd, buf + len, cap - len)) == 0)
			break;
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			cmd_syserr(file, errno, "read error");
			free(buf);
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		len += (size_t)k;
	}
	if (rr_snap_decode(&in->snap, buf, len, &err) != RR_OK) {
		free(buf);
		cmd_rrerr(file, &err);
		cmd_status(cmd_errstatus(&err));
		return -1;
	}
	free(buf);
	return 0;
nomem:
	free(buf);
	cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
	cmd_status(CMD_EXIT_FAIL);
	return -1;
}

int
cmd_input_open(struct cmd_input *in, const char *file)
{
	struct rr_error err;
	uint8_t head[MAGIC_LEN];
	struct stat st;
	off_t start = -1;
	size_t n = 0;
	ssize_t k;
	int fd, rfd;

	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->pid = -1;
	if (strcmp(file, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		cmd_msg(file, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(errno));
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	} else
		in->fd = fd;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		start = lseek(fd, 0, SEEK_CUR);
	while (n < MAGIC_LEN && (k = read(fd, head + n, MAGIC_LEN - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			cmd_syserr(file, errno, "read error");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		n += (size_t)k;
	}
	/* "\x89RRS" is a snapshot, even one cut inside its magic. */
	if (n >= 4 && memcmp(head, SNAP_MAGIC, n) == 0) {
		if (start < 0 || strcmp(file, "-") == 0)
			return snap_from_fd(in, fd, file, head, n);
		if (rr_snap_read(&in->snap, file, &err) != RR_OK) {
			cmd_rrerr(file, &err);
			cmd_status(cmd_errstatus(&err));
			return -1;
		}
		return 0;
	}
	rfd = fd;
	if (start >= 0 && lseek(fd, start, SEEK_SET) == -1) {
		cmd_syserr(file, errno, "seek error");
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	if (start < 0) {
		if ((rfd = refeed(fd, head, n, &in->pid)) == -1) {
			cmd_syserr(file, errno, "cannot read");
			cmd_status(CMD_EXIT_FAIL);
			return -1;
		}
		/* The child holds the input now; the reader gets the pipe. */
		if (in->fd != -1)
			close(in->fd);
		in->fd = rfd;
	}
	if (rr_reader_open_fd(&in->log, rfd, file, &err) != RR_OK) {
		cmd_rrerr(file, &err);
		cmd_status(cmd_errstatus(&err));
		return -1;
	}
	return 0;
}

void
cmd_input_close(struct cmd_input *in)
{
	rr_reader_close(in->log);
	rr_snap_free(in->snap);
	if (in->fd != -1)
		close(in->fd);
	/* Closing the pipe ends a child still feeding it (SIGPIPE). */
	if (in->pid > 0)
		waitpid((pid_t)in->pid, NULL, 0);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->pid = -1;
}

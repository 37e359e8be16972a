/* librr: JUnit XML reports (lib/rrjunit.h), written whole or not at all. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr.h"
#include "rrjunit.h"
#include "internal.h"

struct jcase {
	char		*name;
	int		 result;
	char		*message;
	char		*text;
};

struct rr_junit {
	char		*suite;
	struct jcase	*c;
	size_t		 n, cap;
};

static char *
sdup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

struct rr_junit *
rr_junit_new(const char *suite)
{
	struct rr_junit *j;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	if ((j->suite = sdup(suite)) == NULL) {
		free(j);
		return NULL;
	}
	return j;
}

void
rr_junit_free(struct rr_junit *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		free(j->c[i].name);
		free(j->c[i].message);
		free(j->c[i].text);
	}
	free(j->c);
	free(j->suite);
	free(j);
}

int
rr_junit_case(struct rr_junit *j, const char *name, int result,
    const char *message, const char *text)
{
	struct jcase *c;
	size_t i;

	for (i = 0; i < j->n; i++) {
		c = &j->c[i];
		if (strcmp(c->name, name) != 0)
			continue;
		if (result > c->result) {
			c->result = result;
			if (c->message == NULL && message != NULL &&
			    (c->message = sdup(message)) == NULL)
				return -1;
			if (c->text == NULL && text != NULL &&
			    (c->text = sdup(text)) == NULL)
				return -1;
		}
		return 0;
	}
	if (j->n == j->cap) {
		size_t cap = j->cap ? j->cap * 2 : 8;

		if ((c = realloc(j->c, cap * sizeof(*c))) == NULL)
			return -1;
		j->c = c;
		j->cap = cap;
	}
	c = &j->c[j->n];
	memset(c, 0, sizeof(*c));
	c->result = result;
	if ((c->name = sdup(name)) == NULL ||
	    (message != NULL && (c->message = sdup(message)) == NULL) ||
	    (text != NULL && (c->text = sdup(text)) == NULL)) {
		free(c->name);
		free(c->message);
		return -1;
	}
	j->n++;
	return 0;
}

/* A growing buffer: the document is built whole, then written. */
struct buf {
	char		*p;
	size_t		 len, cap;
	int		 failed;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/*
 * Text or an attribute value, escaped.  Bytes XML 1.0 cannot hold
 * (controls but tab and newline, bytes that are not UTF-8 are kept as
 * they are: names come from the command line) become '?'.
 */
static void
esc(struct buf *b, const char *s)
{
	const unsigned char *p;
	char c;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			puts_(b, "&amp;");
			break;
		case '<':
			puts_(b, "&lt;");
			break;
		case '>':
			puts_(b, "&gt;");
			break;
		case '"':
			puts_(b, "&quot;");
			break;
		case '\n':
			puts_(b, "&#10;");
			break;
		case '\t':
			puts_(b, "&#9;");
			break;
		default:
			c = *p < 0x20 || *p >= 0x7f ? '?' : (char)*p;
			put(b, &c, 1);
			break;
		}
	}
}

static void
putn(struct buf *b, size_t n)
{
	char s[32];

	snprintf(s, sizeof(s), "%zu", n);
	puts_(b, s);
}

/* The attributes a suite and the suites share: name and counts. */
static void
head(struct buf *b, const struct rr_junit *j, size_t nfail, size_t nerr)
{
	puts_(b, " name=\"");
	esc(b, j->suite);
	puts_(b, "\" tests=\"");
	putn(b, j->n);
	puts_(b, "\" failures=\"");
	putn(b, nfail);
	puts_(b, "\" errors=\"");
	putn(b, nerr);
	puts_(b, "\"");
}

static void
build(const struct rr_junit *j, struct buf *b)
{
	static const char *const tag[] = { NULL, "failure", "error" };
	size_t i, nfail = 0, nerr = 0;

	for (i = 0; i < j->n; i++) {
		nfail += j->c[i].result == RR_JUNIT_FAILURE;
		nerr += j->c[i].result == RR_JUNIT_ERROR;
	}
	puts_(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	puts_(b, "<testsuites");
	head(b, j, nfail, nerr);
	puts_(b, ">\n  <testsuite");
	head(b, j, nfail, nerr);
	puts_(b, " skipped=\"0\">\n");
	for (i = 0; i < j->n; i++) {
		const struct jcase *c = &j->c[i];

		puts_(b, "    <testcase classname=\"");
		esc(b, j->suite);
		puts_(b, "\" name=\"");
		esc(b, c->name);
		if (c->result == RR_JUNIT_PASS) {
			puts_(b, "\"/>\n");
			continue;
		}
		puts_(b, "\">\n      <");
		puts_(b, tag[c->result]);
		puts_(b, " message=\"");
		esc(b, c->message != NULL ? c->message : "");
		puts_(b, "\" type=\"");
		puts_(b, c->result == RR_JUNIT_FAILURE ? "different" : "trouble");
		puts_(b, "\">");
		esc(b, c->text != NULL ? c->text : c->message != NULL ?
		    c->message : "");
		puts_(b, "</");
		puts_(b, tag[c->result]);
		puts_(b, ">\n    </testcase>\n");
	}
	puts_(b, "  </testsuite>\n</testsuites>\n");
}

int
rr_junit_write(const struct rr_junit *j, const char *path,
    const struct rr_fileid *in, size_t nin, struct rr_error *err)
{
	struct rr_output o;
	struct buf b = { NULL, 0, 0, 0 };
	size_t off = 0;
	ssize_t k;

	rr_clearerr(err);
	build(j, &b);
	if (b.failed) {
		free(b.p);
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	if (rr_output_open(&o, path, 0, in, nin, err) != RR_OK) {
		free(b.p);
		return RR_FATAL;
	}
	while (off < b.len) {
		k = write(o.fd, b.p + off, b.len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			rr_seterr_io(err, "write");
			rr_output_abort(&o);
			free(b.p);
			return RR_FATAL;
		}
		off += (size_t)k;
	}
	free(b.p);
	return rr_output_commit(&o, err) == RR_OK ? RR_OK : RR_FATAL;
}

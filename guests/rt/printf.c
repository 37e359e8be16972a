/* A printf subset for guests: d i u x X s c p %, l and ll, width, 0 and -. */
#include "rt.h"

struct spec {
	int	 width;
	int	 zero;		/* pad with '0' */
	int	 left;		/* '-': pad on the right */
};

static int
pad(int n, char c)
{
	int i;

	for (i = 0; i < n; i++)
		putchar(c);
	return n > 0 ? n : 0;
}

static int
emit(const struct spec *sp, const char *s, int len, int neg)
{
	int i, n = 0, fill;

	fill = sp->width - len - neg;
	if (!sp->left && !sp->zero)
		n += pad(fill, ' ');
	if (neg)
		n += pad(1, '-');
	if (!sp->left && sp->zero)
		n += pad(fill, '0');
	for (i = 0; i < len; i++)
		putchar(s[i]);
	n += len;
	if (sp->left)
		n += pad(fill, ' ');
	return n;
}

static int
number(const struct spec *sp, uint64_t v, unsigned base, int upper, int neg)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int i = sizeof(buf);

	/* 32-bit values stay out of the libgcc 64-bit division. */
	if (v >> 32 == 0) {
		uint32_t w = (uint32_t)v;

		do {
			buf[--i] = digits[w % base];
			w /= base;
		} while (w != 0);
	} else {
		do {
			buf[--i] = digits[v % base];
			v /= base;
		} while (v != 0);
	}
	return emit(sp, buf + i, (int)sizeof(buf) - i, neg);
}

int
vprintf(const char *fmt, va_list ap)
{
	struct spec sp;
	const char *s;
	int64_t sv;
	uint64_t uv;
	int n = 0, lng;
	char c;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			putchar(*fmt);
			n++;
			continue;
		}
		fmt++;
		sp.width = 0;
		sp.zero = sp.left = 0;
		for (;; fmt++) {
			if (*fmt == '0')
				sp.zero = 1;
			else if (*fmt == '-')
				sp.left = 1;
			else
				break;
		}
		if (sp.left)
			sp.zero = 0;
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (*fmt++ - '0');
		lng = 0;
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = lng >= 2 ? va_arg(ap, long long) :
			    lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
			uv = sv < 0 ? -(uint64_t)sv : (uint64_t)sv;
			n += number(&sp, uv, 10, 0, sv < 0);
			break;
		case 'u':
		case 'x':
		case 'X':
			uv = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng == 1 ? va_arg(ap, unsigned long) :
			    va_arg(ap, unsigned int);
			n += number(&sp, uv, *fmt == 'u' ? 10 : 16,
			    *fmt == 'X', 0);
			break;
		case 'p':
			putstr("0x");
			sp.width = 8;
			sp.zero = 1;
			n += 2 + number(&sp, (uintptr_t)va_arg(ap, void *),
			    16, 0, 0);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			sp.zero = 0;
			n += emit(&sp, s, (int)strlen(s), 0);
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			sp.zero = 0;
			n += emit(&sp, &c, 1, 0);
			break;
		case '%':
			n += pad(1, '%');
			break;
		case '\0':
			/* A lone % at the end: print it, stop. */
			putchar('%');
			return n + 1;
		default:
			/* Unknown conversion: show it rather than guess. */
			putchar('%');
			putchar(*fmt);
			n += 2;
			break;
		}
	}
	return n;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

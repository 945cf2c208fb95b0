/* strbuf.c: growable strings and the allocation wrappers every module uses. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/types.h>

#include "strbuf.h"

void	(*xalloc_failed)(void) = abort;

/* Out of memory is not a state a teaching shell can recover from. */
static void
oom(void)
{
	xalloc_failed();
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s) + 1);
}

void *
xmemdup(const void *src, size_t n)
{
	void *p = xmalloc(n);

	memcpy(p, src, n);
	return p;
}

/* Make room for n more bytes and the terminating NUL. */
void
sb_grow(struct strbuf *sb, size_t n)
{
	size_t need = sb->len + n + 1, cap = sb->cap;

	if (need <= cap)
		return;
	/* Most lines the shell builds fit the first room: one allocation. */
	if (cap == 0)
		cap = 256;
	while (cap < need)
		cap *= 2;
	if (sb->borrowed) {
		char *p = xmalloc(cap);

		memcpy(p, sb->s, sb->len + 1);
		sb->s = p;
		sb->borrowed = false;
	} else {
		sb->s = xrealloc(sb->s, cap);
	}
	sb->cap = cap;
}

/*
 * The conversion at P (just after a '%') if sb_vaddf writes it by hand: 'd'
 * 'u' 's' 'c' '%', 'D' and 'U' for %ld and %lu, 'Z' for %zu and %zd's twin
 * 'z'; 0 for anything else (flags, widths, positions), which printf writes.
 */
static char
simple_conv(const char *p, size_t *used)
{
	*used = 1;
	switch (p[0]) {
	case 'd': case 'u': case 's': case 'c': case '%':
		return p[0];
	case 'l':
		*used = 2;
		return p[1] == 'd' ? 'D' : p[1] == 'u' ? 'U' : 0;
	case 'z':
		*used = 2;
		return p[1] == 'u' ? 'Z' : p[1] == 'd' ? 'z' : 0;
	default:
		return 0;
	}
}

/*
 * FMT with only the conversions simple_conv knows, written without printf
 * (a note's or a line's words mostly are): false, and SB as it was, when
 * FMT holds another.
 */
static bool
sb_vaddf_simple(struct strbuf *sb, const char *fmt, va_list ap)
{
	const char *p, *q;
	size_t used, start = sb->len;

	for (p = fmt; (q = strchr(p, '%')) != NULL; p = q + 1 + used) {
		const char *s;
		char conv = simple_conv(q + 1, &used);

		if (conv == 0) {
			/* Taken back: printf writes the whole of it. */
			sb->len = start;
			if (sb->s != NULL)
				sb->s[start] = '\0';
			return false;
		}
		sb_addn(sb, p, (size_t)(q - p));
		switch (conv) {
		case 'd':
			sb_addlong(sb, va_arg(ap, int));
			break;
		case 'u':
			sb_addulong(sb, va_arg(ap, unsigned));
			break;
		case 'D':
			sb_addlong(sb, va_arg(ap, long));
			break;
		case 'U':
			sb_addulong(sb, va_arg(ap, unsigned long));
			break;
		case 'Z':
			sb_addulong(sb, va_arg(ap, size_t));
			break;
		case 'z':
			sb_addlong(sb, va_arg(ap, ssize_t));
			break;
		case 'c':
			sb_addc(sb, (char)va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			sb_add(sb, s != NULL ? s : "(null)");
			break;
		default:
			sb_addc(sb, '%');
			break;
		}
	}
	sb_add(sb, p);
	return true;
}

void
sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	size_t room;
	int n;

	va_copy(copy, ap);
	if (sb_vaddf_simple(sb, fmt, copy)) {
		va_end(copy);
		return;
	}
	va_end(copy);

	/* Once into the room there is; a second time only when it was short. */
	if (sb->cap == 0)
		sb_grow(sb, 0);
	room = sb->cap - sb->len;
	va_copy(copy, ap);
	n = vsnprintf(sb->s + sb->len, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		sb->s[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sb_addulong_any(struct strbuf *sb, unsigned long v)
{
	/* Two digits a division, written in place: a line holds a few numbers. */
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	size_t n;
	char *p;

	/* Most are ports, lengths and sizes: their digits counted without dividing. */
	if (v < 100) {
		n = v < 10 ? 1 : 2;
	} else if (v < 10000) {
		n = v < 1000 ? 3 : 4;
	} else if (v < 1000000) {
		n = v < 100000 ? 5 : 6;
	} else {
		n = 7;
		for (unsigned long t = v / 10000000; t > 0; t /= 10)
			n++;
	}
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	p = sb->s + sb->len + n;
	*p = '\0';
	sb->len += n;
	while (v >= 100) {
		unsigned i = (unsigned)(v % 100) * 2;

		v /= 100;
		*--p = pairs[i + 1];
		*--p = pairs[i];
	}
	if (v >= 10) {
		*--p = pairs[v * 2 + 1];
		*--p = pairs[v * 2];
	} else {
		*--p = (char)('0' + v);
	}
}

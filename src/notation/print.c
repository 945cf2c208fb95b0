/* print.c: call lines in strace's notation, built from the values the kernel got. */
#include "config.h"

#include <stdint.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "print.h"
#include "width.h"
#include "xlat.h"

/*
 * strace's string_quote: printable ASCII as is, the usual C escapes, anything
 * else in octal, three digits when an octal digit follows so it cannot merge.
 */
void
pr_quoted(struct strbuf *sb, const void *data, size_t len, size_t strsize)
{
	const unsigned char *p = data;
	size_t n = len < strsize ? len : strsize;

	sb_addc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		switch (c) {
		case '"':  sb_add(sb, "\\\""); continue;
		case '\\': sb_add(sb, "\\\\"); continue;
		case '\f': sb_add(sb, "\\f"); continue;
		case '\n': sb_add(sb, "\\n"); continue;
		case '\r': sb_add(sb, "\\r"); continue;
		case '\t': sb_add(sb, "\\t"); continue;
		case '\v': sb_add(sb, "\\v"); continue;
		}
		if (c >= 0x20 && c < 0x7f) {
			sb_addc(sb, (char)c);
			continue;
		}
		if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7')
			sb_addf(sb, "\\%03o", c);
		else
			sb_addf(sb, "\\%o", c);
	}
	sb_addc(sb, '"');
	if (len > strsize)
		sb_add(sb, "...");
}

/* The code point of the well-formed N-byte UTF-8 character at P. */
static uint32_t
utf8_value(const unsigned char *p, size_t n)
{
	uint32_t c = p[0] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);

	for (size_t i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3f);
	return c;
}

/*
 * Characters that change how the text around them shows, or show nothing:
 * bidirectional overrides (a peer could turn a line around), zero-width
 * ones, line separators, tags, and the noncharacters XML refuses. Shown as
 * their bytes, never as themselves.
 */
static bool
hides_text(uint32_t c)
{
	return c == 0x00ad || c == 0x061c || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
	    (c >= 0xfff9 && c <= 0xfffb) || c == 0xfffe || c == 0xffff ||
	    (c >= 0xe0000 && c <= 0xe007f);
}

size_t
pr_utf8_len(const unsigned char *p, size_t avail)
{
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > avail)
		return 0;
	/* No overlong forms, no surrogates, nothing past U+10FFFF, no C1. */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	else if (p[0] == 0xc2)
		lo = 0xa0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	if (hides_text(utf8_value(p, n)))
		return 0;
	return n;
}

/* Are the 8 bytes at P all printable ASCII (0x20 to 0x7e)? */
static inline bool
printable8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x;

	memcpy(&x, p, sizeof x);
	/*
	 * A high bit is set by a byte of 0x80 and up (x), one below 0x20 (its
	 * borrow, x - 0x20), or 0x7f (x + 1). A borrow or a carry spreads only
	 * from a byte that is no good anyway: no good byte goes unseen.
	 */
	return ((x - 0x20 * ones) | x | (x + ones)) & highs ? false : true;
}

void
pr_clean(struct strbuf *sb, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			size_t j = i + 1;

			/* A run of printable ASCII at once, eight bytes a step. */
			while (j + 8 <= len && printable8(p + j))
				j += 8;
			while (j < len && p[j] >= 0x20 && p[j] < 0x7f)
				j++;
			sb_addn(sb, (const char *)p + i, j - i);
			i = j;
		} else if ((n = pr_utf8_len(p + i, len - i)) > 0) {
			sb_addn(sb, (const char *)p + i, n);
			i += n;
		} else {
			sb_addf(sb, "\\%03o", p[i++]);
		}
	}
}

void
pr_ptr(struct strbuf *sb, const void *p)
{
	if (p == NULL)
		sb_add(sb, "NULL");
	else
		sb_addf(sb, "%p", p);
}

void
pr_socklen(struct strbuf *sb, socklen_t before, socklen_t after)
{
	sb_addc(sb, '[');
	sb_addulong(sb, before);
	if (before != after) {
		sb_add(sb, " => ");
		sb_addulong(sb, after);
	}
	sb_addc(sb, ']');
}

void
pr_sep(struct strbuf *sb)
{
	sb_add(sb, ", ");
}

void
pr_data_lines(struct strbuf *sb, const void *data, size_t len, bool utf8)
{
	const unsigned char *p = data;
	size_t i = 0, n;
	bool open = false;

	while (i < len) {
		unsigned char c = p[i];

		if (!open) {
			sb_add(sb, " | ");
			open = true;
		}
		switch (c) {
		case '\\': sb_add(sb, "\\\\"); i++; continue;
		case '\f': sb_add(sb, "\\f"); i++; continue;
		case '\n': sb_add(sb, "\\n\n"); i++; open = false; continue;
		case '\r': sb_add(sb, "\\r"); i++; continue;
		case '\t': sb_add(sb, "\\t"); i++; continue;
		case '\v': sb_add(sb, "\\v"); i++; continue;
		}
		if (c >= 0x20 && c < 0x7f) {
			sb_addc(sb, (char)c);
			i++;
		} else if (utf8 && (n = pr_utf8_len(p + i, len - i)) > 0) {
			sb_addn(sb, (const char *)p + i, n);
			i += n;
		} else {
			/* As the call line has it: three digits only before a digit. */
			if (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '7')
				sb_addf(sb, "\\%03o", c);
			else
				sb_addf(sb, "\\%o", c);
			i++;
		}
	}
	if (open)
		sb_addc(sb, '\n');
}

void
pr_clone_flags(struct strbuf *sb, unsigned long flags)
{
	unsigned long rest = flags & ~0xffUL;
	int sig = (int)(flags & 0xff);

	if (rest != 0) {
		pr_flags(sb, xlat_clone_flags, rest, "CLONE_???");
		if (sig != 0)
			sb_addc(sb, '|');
	}
	if (sig != 0 || rest == 0)
		pr_signal(sb, sig);
}

/* strace's printstatus (wait.c). */
void
pr_wait_status(struct strbuf *sb, int status)
{
	unsigned rest;

	if (WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status);

		sb_add(sb, "[{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		pr_signal(sb, sig & 0x7f);
		sb_add(sb, sig & 0x80 ? " | 0x80}" : "}");
		rest = (unsigned)status & ~(((unsigned)sig << 8) | 0x7fU);
	} else if (WIFSIGNALED(status)) {
		sb_add(sb, "[{WIFSIGNALED(s) && WTERMSIG(s) == ");
		pr_signal(sb, WTERMSIG(status));
		sb_add(sb, WCOREDUMP(status) ? " && WCOREDUMP(s)}" : "}");
		rest = (unsigned)status & ~((unsigned)WTERMSIG(status) | 0x80U);
	} else if (WIFEXITED(status)) {
		sb_addf(sb, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}",
		    WEXITSTATUS(status));
		rest = (unsigned)status & ~((unsigned)WEXITSTATUS(status) << 8);
	} else {
		sb_addf(sb, "[%#x]", (unsigned)status);
		return;
	}
	if (rest >> 16 != 0) {
		sb_addf(sb, " | %#x << 16", rest >> 16);
		rest &= 0xffff;
	}
	if (rest != 0)
		sb_addf(sb, " | %#x", rest);
	sb_addc(sb, ']');
}

/* Each to the next line, indented to AT, when it would pass ROOM: a piece of COLS columns. */
static void
wrap_room(struct strbuf *sb, size_t at, size_t room, size_t *col, size_t gap,
    size_t cols)
{
	if (*col > 0 && *col + gap + cols > room) {
		sb_addf(sb, "\n%*s", (int)at, "");
		*col = 0;
	} else if (*col > 0) {
		sb_addf(sb, "%*s", (int)gap, "");
		*col += gap;
	}
}

/*
 * The end of the piece of [P, END) that begins at P: before a run of two
 * spaces, after the comma of ", " (COMMA), or END.
 */
static const char *
piece_end(const char *p, const char *end, bool comma)
{
	for (const char *q = p; q < end; q++) {
		if (*q == ' ' && q + 1 < end && q[1] == ' ')
			return q;
		if (comma && *q == ',' && q + 1 < end && q[1] == ' ')
			return q + 1;
	}
	return end;
}

/* The words of [P, END) from column *COL, each to the next line when it would pass ROOM. */
static void
wrap_words(struct strbuf *sb, const char *p, const char *end, size_t at,
    size_t room, size_t *col)
{
	while (p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		size_t word = sp != NULL ? (size_t)(sp - p) : (size_t)(end - p);
		size_t cols = text_width(p, word);

		wrap_room(sb, at, room, col, 1, cols);
		pr_clean(sb, p, word);
		*col += cols;
		p += word;
		while (p < end && *p == ' ')
			p++;
	}
}

void
pr_wrapped(struct strbuf *sb, const char *p, size_t len, size_t at, size_t width,
    bool fields)
{
	size_t room = width > at + 20 ? width - at : 20, col = 0, gap = 0;
	const char *end = p + len;

	while (p < end && *p == ' ')
		p++;
	if (!fields) {
		wrap_words(sb, p, end, at, room, &col);
		return;
	}
	/*
	 * Pieces (parted by runs of two spaces, or after ", ": a packet's
	 * "length 0" is one) go whole to the next line when they would pass
	 * the width, their spaces kept; one wider than a line is broken
	 * between its words.
	 */
	while (p < end) {
		const char *pe = piece_end(p, end, true), *next = pe;
		size_t cols, after = 0;

		for (; next < end && *next == ' '; next++)
			after++;
		cols = text_width(p, (size_t)(pe - p));
		wrap_room(sb, at, room, &col, gap, cols);
		if (col + cols <= room) {
			pr_clean(sb, p, (size_t)(pe - p));
			col += cols;
		} else {
			wrap_words(sb, p, pe, at, room, &col);
		}
		gap = after;
		p = next;
	}
}

/* print.c: call lines in strace's notation, built from the values the kernel got. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hints.h"
#include "print.h"
#include "xlat.h"

#define COLOR_OK	"\033[32m"
#define COLOR_ERR	"\033[31m"
#define COLOR_HINT	"\033[33m"
#define COLOR_NOTE	"\033[2m"
#define COLOR_DATA	"\033[35m"
#define COLOR_OFF	"\033[0m"

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

/* The length of the well-formed UTF-8 character at P (not a C1 control), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t avail)
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
	return n;
}

void
pr_clean(struct strbuf *sb, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			sb_addc(sb, (char)p[i++]);
		} else if ((n = utf8_len(p + i, len - i)) > 0) {
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
	if (before == after)
		sb_addf(sb, "[%u]", (unsigned)before);
	else
		sb_addf(sb, "[%u => %u]", (unsigned)before, (unsigned)after);
}

void
pr_sep(struct strbuf *sb)
{
	sb_add(sb, ", ");
}

/* Forget what the last call returned. */
static void
last_reset(struct last_call *last)
{
	free(last->data);
	memset(last, 0, sizeof *last);
}

/*
 * The call part of a line. In colour, the data strings (those not inside a
 * {sockaddr} or [array]) stand out: the codes go around them, and the
 * characters stay exactly strace's.
 */
static void
put_call(const struct shell *sh, const char *s)
{
	int depth = 0;

	if (!sh->color) {
		fputs(s, stdout);
		return;
	}
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"' && depth == 0) {
			const char *q = p + 1;

			while (*q != '\0' && *q != '"')
				q += q[0] == '\\' && q[1] != '\0' ? 2 : 1;
			if (*q == '"')
				q++;
			if (strncmp(q, "...", 3) == 0)
				q += 3;
			printf(COLOR_DATA "%.*s" COLOR_OFF, (int)(q - p), p);
			p = q - 1;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && depth > 0)
			depth--;
		putchar(*p);
	}
}

void
call_done(struct shell *sh, struct strbuf *line, const char *name, long ret,
    int err, const char *rettext)
{
	const char *on = "", *off = "", *hint;

	if (sh->color) {
		on = ret == -1 ? COLOR_ERR : COLOR_OK;
		off = COLOR_OFF;
	}
	put_call(sh, sb_str(line));
	if (ret == -1)
		printf(" = %s-1 %s (%s)%s\n", on, errno_name(err), strerror(err), off);
	else if (rettext != NULL)
		printf(" = %s%s%s\n", on, rettext, off);
	else
		printf(" = %s%ld%s\n", on, ret, off);

	last_reset(&sh->last);
	sh->last.valid = true;
	snprintf(sh->last.name, sizeof sh->last.name, "%s", name);
	sh->last.ret = ret;
	sh->last.err = ret == -1 ? err : 0;

	/* No advice to try again when SIGTERM/SIGHUP is ending the shell. */
	if (ret == -1 && !sig_quit_pending && (hint = hint_for(name, err)) != NULL)
		printf("  %shint: %s%s\n", sh->color ? COLOR_HINT : "", hint,
		    sh->color ? COLOR_OFF : "");
	fflush(stdout);
}

void
call_data(struct shell *sh, const void *data, size_t len)
{
	free(sh->last.data);
	sh->last.data = xmemdup(data, len ? len : 1);
	sh->last.len = len;
	sh->last.has_data = true;
}

void
wait_note(struct shell *sh, int fd, short events, const char *what)
{
	struct pollfd p = { .fd = fd, .events = events };
	bool color;
	int fl;

	/* Only when the call would really wait: ready or non-blocking, say nothing. */
	if (events != 0 && poll(&p, 1, 0) != 0)
		return;
	if ((fl = fcntl(fd, F_GETFL)) == -1 || (fl & O_NONBLOCK))
		return;
	/* Colour follows stdout; this line goes to stderr, maybe elsewhere. */
	color = sh->color && isatty(STDERR_FILENO);
	fprintf(stderr, "  %swaiting for %s on fd%d (Ctrl-C interrupts)%s\n",
	    color ? COLOR_NOTE : "", what, fd, color ? COLOR_OFF : "");
}

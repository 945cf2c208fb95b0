/* term.c: the terminal sink, the only code that writes to stdout and stderr. */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "print.h"
#include "term.h"

#define COLOR_OK	"\033[32m"
#define COLOR_ERR	"\033[31m"
#define COLOR_HINT	"\033[33m"
#define COLOR_NOTE	"\033[2m"
#define COLOR_DATA	"\033[35m"
#define COLOR_NEWS	"\033[36m"
#define COLOR_PACKET	"\033[34m"
#define COLOR_OFF	"\033[0m"

static struct {
	struct sink	 sink;
	bool		 color;
	bool		 color_err;
	void		(*hide)(void);
	void		(*show)(void);
	int		 error;
} term;

/*
 * The call part of a line. In colour, the data strings (those not inside a
 * {sockaddr} or [array]) stand out: the codes go around them, and the
 * characters stay exactly strace's.
 */
static void
put_call(struct strbuf *sb, const char *s, bool color)
{
	int depth = 0;

	if (!color) {
		sb_add(sb, s);
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
			sb_add(sb, COLOR_DATA);
			sb_addn(sb, p, (size_t)(q - p));
			sb_add(sb, COLOR_OFF);
			p = q - 1;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && depth > 0)
			depth--;
		sb_addc(sb, *p);
	}
}

/*
 * TEXT line by line, each after INDENT and between ON and OFF, cleaned: no
 * byte of it can move the cursor or retitle the window.
 */
static void
put_lines(struct strbuf *sb, const char *text, const char *indent,
    const char *on, const char *off, bool tabs)
{
	const char *p = text != NULL ? text : "", *nl;

	do {
		nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);

		/* An empty line stays empty: no indent, no colour codes. */
		if (len > 0) {
			sb_add(sb, indent);
			sb_add(sb, on);
			/* The shell's own tables may hold tabs; nothing else may. */
			for (size_t i = 0, j; i < len; i = j + 1) {
				for (j = i; j < len && !(tabs && p[j] == '\t'); j++)
					;
				pr_clean(sb, p + i, j - i);
				if (j < len)
					sb_addc(sb, '\t');
			}
			sb_add(sb, off);
		}
		sb_addc(sb, '\n');
		if (nl != NULL)
			p = nl + 1;
	} while (nl != NULL);
}

void
term_format(const struct event *ev, bool color, bool color_err,
    struct strbuf *sb, int *fd)
{
	const char *off = color ? COLOR_OFF : "";

	*fd = STDOUT_FILENO;
	switch (ev->kind) {
	case EV_CALL:
		put_call(sb, ev->call->name, false);
		sb_addc(sb, '(');
		put_call(sb, ev->call->args, color);
		sb_add(sb, ") = ");
		sb_add(sb, !color ? "" : ev->call->ret == -1 ? COLOR_ERR : COLOR_OK);
		sb_add(sb, ev->call->result);
		sb_add(sb, off);
		sb_addc(sb, '\n');
		break;
	case EV_HINT:
		put_lines(sb, ev->text, "  ", color ? COLOR_HINT "hint: " : "hint: ",
		    off, false);
		break;
	case EV_NOTE:
	case EV_EXPECT:
		put_lines(sb, ev->text, "  ", "", "", false);
		break;
	case EV_PACKET:
		/* Marked, so a packet is never taken for a call. */
		put_lines(sb, ev->text, "  ~ ", color ? COLOR_PACKET : "", off, false);
		break;
	case EV_WAIT:
		*fd = STDERR_FILENO;
		put_lines(sb, ev->text, "  ", color_err ? COLOR_NOTE : "",
		    color_err ? COLOR_OFF : "", false);
		break;
	case EV_NEWS:
		put_lines(sb, ev->text, "  ", color ? COLOR_NEWS : "", off, false);
		break;
	case EV_ERROR:
		*fd = STDERR_FILENO;
		sb_add(sb, color_err ? COLOR_ERR : "");
		if (ev->where != NULL) {
			pr_clean(sb, ev->where, strlen(ev->where));
			sb_add(sb, ": ");
		} else {
			sb_add(sb, "sockshell: ");
		}
		/* One line, whatever the text holds: a newline in it is escaped. */
		pr_clean(sb, ev->text, strlen(ev->text));
		sb_add(sb, color_err ? COLOR_OFF "\n" : "\n");
		break;
	case EV_NARRATION:
		put_lines(sb, ev->text, "", color ? COLOR_NEWS : "", off, false);
		break;
	case EV_COMMAND:
		if (ev->echo)
			put_lines(sb, ev->text, "", "", "", false);
		break;
	case EV_DATA:
	case EV_HELP:
		put_lines(sb, ev->text, "", "", "", ev->kind == EV_HELP);
		break;
	case EV_KIND_MAX:
		break;
	}
}

/* All of BUF to FD, whatever signal comes between: a line is never half lost. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n == -1) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };

			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				poll(&p, 1, -1);
				continue;
			}
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Readline writes through stdio: what it holds goes first, so the order stays. */
static void
stdio_first(void)
{
	fflush(stdout);
}

int
term_columns(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

bool
term_progress(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	size_t width = (size_t)term_columns() - 1;

	if (!isatty(STDERR_FILENO))
		return false;
	sb_addc(&sb, '\r');
	if (text != NULL)
		pr_clean(&sb, text, strlen(text) < width ? strlen(text) : width);
	sb_add(&sb, "\033[K");
	stdio_first();
	if (write_all(STDERR_FILENO, sb.s, sb.len) == -1 && term.error == 0)
		term.error = errno;
	sb_free(&sb);
	return text != NULL;
}

void
term_raw(const char *s)
{
	stdio_first();
	if (write_all(STDOUT_FILENO, s, strlen(s)) == -1 && term.error == 0)
		term.error = errno;
}

static void
term_deliver(struct sink *s, const struct event *ev)
{
	struct strbuf sb = STRBUF_INIT;
	int fd;

	(void)s;
	term_format(ev, term.color, term.color_err, &sb, &fd);
	if (sb.len == 0 || term.error != 0) {
		sb_free(&sb);
		return;
	}
	if (term.hide != NULL)
		term.hide();
	stdio_first();
	if (write_all(fd, sb.s, sb.len) == -1 && term.error == 0)
		term.error = errno;
	if (term.show != NULL)
		term.show();
	sb_free(&sb);
}

void
term_attach(bool color)
{
	term.sink.deliver = term_deliver;
	term.sink.flush = NULL;
	term_set_color(color);
	sink_add(&term.sink);
}

void
term_set_color(bool color)
{
	term.color = color;
	term.color_err = color && isatty(STDERR_FILENO);
}

bool
term_color(void)
{
	return term.color;
}

void
term_prompt_hooks(void (*hide)(void), void (*show)(void))
{
	term.hide = hide;
	term.show = show;
}

int
term_write_error(void)
{
	return term.error;
}

void
term_report_write_error(void)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "sockshell: write error: %s\n", strerror(term.error));
	(void)write_all(STDERR_FILENO, sb.s, sb.len);
	sb_free(&sb);
}

void
term_out_of_memory(void)
{
	static const char msg[] = "sockshell: out of memory\n";

	(void)write_all(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(1);
}

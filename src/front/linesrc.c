/* linesrc.c: lines from a descriptor, bounded in memory, read as they come. */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "lexer.h"
#include "fdhigh.h"
#include "linesrc.h"
#include "loop.h"
#include "strbuf.h"

/* Room for one line the lexer may still refuse, its newline, and a read's worth more. */
#define LINE_KEEP	(LINE_MAX_BYTES + 1)
#define BUF_SIZE	(2 * LINE_KEEP + 8192)

void
line_src_init(struct line_src *ls, int fd, bool wait_in_loop)
{
	memset(ls, 0, sizeof *ls);
	ls->fd = fd;
	ls->wait_in_loop = wait_in_loop;
	ls->buf = xmalloc(BUF_SIZE);
}

void
line_src_free(struct line_src *ls)
{
	free(ls->buf);
	ls->buf = NULL;
}

/* The loop's input slot while a line source waits: its descriptor. */
static size_t
src_fds(void *ctx, struct pollfd *p, size_t max, int *timeout_ms)
{
	struct line_src *ls = ctx;

	(void)max;
	(void)timeout_ms;
	p[0].fd = ls->fd;
	p[0].events = POLLIN;
	p[0].revents = 0;
	return 1;
}

static void
src_ready(void *ctx, const struct pollfd *p, size_t n, bool timed_out)
{
	(void)ctx;
	(void)p;
	(void)n;
	(void)timed_out;
}

/* Wait until the descriptor has something, serving the loop's other slots meanwhile. */
static int
wait_input(struct line_src *ls)
{
	const struct loop_watch w = { src_fds, src_ready, ls };
	struct pollfd p = { .fd = ls->fd, .events = POLLIN };
	int rc;

	loop_set(LOOP_INPUT, &w);
	for (;;) {
		if (poll(&p, 1, 0) == 1) {
			rc = 0;
			break;
		}
		if ((rc = loop_once()) == -1)
			break;
	}
	loop_set(LOOP_INPUT, NULL);
	return rc;
}

/* More bytes at the end of the buffer; 0 at the end, -1 on error. */
static __attribute__((noinline)) int
fill(struct line_src *ls)
{
	ssize_t n;

	if (ls->off > 0) {
		memmove(ls->buf, ls->buf + ls->off, ls->len - ls->off);
		ls->len -= ls->off;
		ls->off = 0;
	}
	emit_flush();	/* what the shell said is out before it waits for more */
	if (ls->wait_in_loop && wait_input(ls) == -1)
		return -1;
	n = read(ls->fd, ls->buf + ls->len, BUF_SIZE - ls->len);
	if (n == -1)
		return -1;
	if (n == 0)
		ls->eof = true;
	ls->len += (size_t)n;
	return n > 0;
}

/* line_src_next when the buffer holds no whole line: more read, or the end. */
static __attribute__((noinline)) int
line_src_more(struct line_src *ls, const char **line, size_t *len)
{
	for (;;) {
		char *start = ls->buf + ls->off;
		size_t avail = ls->len - ls->off;
		char *nl = memchr(start, '\n', avail);

		if (ls->skipping) {
			/* Drop what is left of a line already given, cut. */
			if (nl == NULL) {
				ls->off = ls->len;
			} else {
				ls->off += (size_t)(nl - start) + 1;
				ls->skipping = false;
				continue;
			}
		} else if (nl != NULL) {
			*line = start;
			*len = (size_t)(nl - start);
			*nl = '\0';
			ls->off += *len + 1;
			ls->lineno++;
			return 1;
		} else if (avail >= LINE_KEEP) {
			/* Too long to be a command: give its head, refused as too long. */
			*line = start;
			*len = LINE_KEEP;
			ls->off += LINE_KEEP;
			ls->skipping = true;
			ls->lineno++;
			return 1;
		} else if (ls->eof && avail > 0) {
			/* A last line with no newline. */
			*line = start;
			*len = avail;
			ls->off = ls->len;
			ls->lineno++;
			return 1;
		}
		if (ls->eof)
			return 0;
		if (fill(ls) == -1)
			return -1;
	}
}

int
line_src_next(struct line_src *ls, const char **line, size_t *len)
{
	/* Mostly the next line is whole in the buffer already. */
	if (!ls->skipping) {
		char *start = ls->buf + ls->off;
		char *nl = memchr(start, '\n', ls->len - ls->off);

		if (nl != NULL) {
			*line = start;
			*len = (size_t)(nl - start);
			*nl = '\0';
			ls->off += *len + 1;
			ls->lineno++;
			return 1;
		}
	}
	return line_src_more(ls, line, len);
}

int
open_high(const char *path)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	return fd_move_high(fd);
}

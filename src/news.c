/* news.c: what the prompt says while it waits (`set notify`). */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineread.h"
#include "news.h"
#include "strbuf.h"

/*
 * News at the prompt (`set notify`): while a person types, the shell watches
 * its descriptors and says, once, when one has something waiting. It looks
 * only with calls that neither consume data nor change a descriptor: poll,
 * ioctl(FIONREAD), getsockopt.
 */

/* What waits on a descriptor. */
struct news {
	int		 fd;
	unsigned long	 seq;		/* which socket had that number */
	enum { NEWS_NONE, NEWS_CONN, NEWS_DATA, NEWS_EOF, NEWS_ERROR } what;
	long		 count;		/* connections or bytes waiting */
	bool		 eof;		/* after the bytes, the peer closed */
};

static struct news	*told;		/* parallel to the descriptor table */
static size_t		 ntold;

#define NEWS_COLOR	"\033[36m"
#define NEWS_COLOR_OFF	"\033[0m"
/* How often descriptors that already have news are looked at again, in ms. */
#define NEWS_RECHECK_MS	300

/* What waits on E now. */
static void
news_now(const struct fd_entry *e, struct news *n)
{
	struct pollfd p = { .fd = e->fd, .events = POLLIN | POLLRDHUP };
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int listening = 0, bytes = 0;
	socklen_t olen = sizeof listening;

	memset(n, 0, sizeof *n);
	n->fd = e->fd;
	n->seq = e->seq;
	if (poll(&p, 1, 0) != 1 || (p.revents & POLLNVAL))
		return;
	if (getsockopt(e->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &olen) == 0 &&
	    listening) {
		if (!(p.revents & POLLIN))
			return;
		n->what = NEWS_CONN;
		n->count = 1;
		/* On a TCP listener the kernel reports its accept queue here. */
		if (e->type == SOCK_STREAM && e->family != AF_UNIX &&
		    getsockopt(e->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
		    ti.tcpi_unacked > 0)
			n->count = ti.tcpi_unacked;
		return;
	}
	if (p.revents & POLLERR) {
		n->what = NEWS_ERROR;
		return;
	}
	if (!(p.revents & (POLLIN | POLLRDHUP)))
		return;
	if (ioctl(e->fd, FIONREAD, &bytes) == -1)
		bytes = 0;
	if (e->type != SOCK_STREAM) {
		/* A datagram may be empty: readable is the news. */
		if (p.revents & POLLIN) {
			n->what = NEWS_DATA;
			n->count = bytes;
		}
		return;
	}
	n->eof = (p.revents & POLLRDHUP) || bytes == 0;
	if (bytes > 0) {
		n->what = NEWS_DATA;
		n->count = bytes;
	} else if (!e->eof_seen) {
		n->what = NEWS_EOF;
	}
}

/* Is NOW worth a line, after OLD was told? Only what the user has not heard yet. */
static bool
news_worth(const struct news *old, const struct news *now)
{
	bool eof_told = old->what == NEWS_EOF || old->eof;

	switch (now->what) {
	case NEWS_NONE:
		return false;
	case NEWS_EOF:
		return !eof_told;
	case NEWS_CONN:
	case NEWS_DATA:
		return old->what != now->what || now->count > old->count ||
		    (now->eof && !eof_told);
	case NEWS_ERROR:
		return old->what != NEWS_ERROR;
	}
	return false;
}

/* One line of news: "fd4: 6 bytes waiting — read fd4". */
static void
news_line(struct shell *sh, const struct fd_entry *e, const struct news *n,
    struct strbuf *sb)
{
	const char *dash = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ?
	    "\u2014" : "--";

	sb_add(sb, sh->color ? "  " NEWS_COLOR : "  ");
	sb_addf(sb, "fd%d: ", e->fd);
	switch (n->what) {
	case NEWS_CONN:
		if (n->count == 1)
			sb_add(sb, "a connection is waiting");
		else
			sb_addf(sb, "%ld connections are waiting", n->count);
		sb_addf(sb, " %s accept fd%d", dash, e->fd);
		break;
	case NEWS_DATA:
		if (e->type != SOCK_STREAM) {
			sb_addf(sb, "a datagram of %ld byte%s is waiting %s recvfrom fd%d",
			    n->count, n->count == 1 ? "" : "s", dash, e->fd);
			break;
		}
		sb_addf(sb, "%ld byte%s waiting%s %s read fd%d", n->count,
		    n->count == 1 ? "" : "s", n->eof ? ", then the peer closed" : "",
		    dash, e->fd);
		break;
	case NEWS_EOF:
		sb_addf(sb, "the peer closed %s read returns 0", dash);
		break;
	case NEWS_ERROR:
		sb_addf(sb, "an error is pending %s the next call on fd%d returns it",
		    dash, e->fd);
		break;
	case NEWS_NONE:
		break;
	}
	sb_add(sb, sh->color ? NEWS_COLOR_OFF "\n" : "\n");
}

/* What was seen on E last time (NULL when E is new at that number). */
static struct news *
news_told(const struct fd_entry *e)
{
	for (size_t i = 0; i < ntold; i++)
		if (told[i].fd == e->fd && told[i].seq == e->seq)
			return &told[i];
	return NULL;
}

/* The prompt's poll: only the quiet descriptors, so a wake always means news. */
static size_t
watch_fds(void *ctx, struct pollfd *fds, size_t max, int *timeout_ms)
{
	struct shell *sh = ctx;
	size_t n = 0;

	for (size_t i = 0; i < sh->fds.n && n < max; i++) {
		struct pollfd p = { .fd = sh->fds.v[i].fd,
		    .events = POLLIN | POLLRDHUP };

		/* Readable already, or hung up (a socket never connected): look again soon. */
		if (poll(&p, 1, 0) != 0)
			*timeout_ms = NEWS_RECHECK_MS;
		else
			fds[n++] = p;
	}
	return n;
}

/* Something stirred, or it is time to look again: tell what is new, once. */
static void
watch_look(void *ctx)
{
	struct shell *sh = ctx;
	struct strbuf sb = STRBUF_INIT;
	struct news *now = xcalloc(sh->fds.n + 1, sizeof *now);
	static const struct news none;

	/* Compared with what was seen last time: a count that fell is no news. */
	for (size_t i = 0; i < sh->fds.n; i++) {
		const struct fd_entry *e = &sh->fds.v[i];
		const struct news *old = news_told(e);

		news_now(e, &now[i]);
		if (news_worth(old != NULL ? old : &none, &now[i]))
			news_line(sh, e, &now[i], &sb);
	}
	/* Closed descriptors are forgotten with the rest of the old list. */
	free(told);
	told = now;
	ntold = sh->fds.n;
	if (sb.len > 0)
		lr_print_above(sb_str(&sb));
	sb_free(&sb);
}

const struct lr_watch *
news_watch(struct shell *sh)
{
	static struct lr_watch w = { .fds = watch_fds, .look = watch_look };

	w.ctx = sh;
	return sh->notify ? &w : NULL;
}


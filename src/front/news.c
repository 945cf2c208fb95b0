/* news.c: what the prompt says while it waits (`set notify`). */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "i18n.h"
#include "loop.h"
#include "news.h"
#include "trace.h"
#include "strbuf.h"

/*
 * News at the prompt (`set notify`): while a person types, the shell watches
 * its descriptors and says, once, when one has something waiting. It looks
 * only with calls that neither consume data nor change a descriptor: poll,
 * ioctl(FIONREAD), getsockopt; and only at the descriptors that stirred.
 */

enum { NEWS_NONE, NEWS_CONN, NEWS_DATA, NEWS_EOF, NEWS_ERROR };

/* What waits on a descriptor. */
struct news {
	int	 what;
	long	 count;		/* connections or bytes waiting */
	bool	 eof;		/* after the bytes, the peer closed */
};

/* How often descriptors that already have news are looked at again, in ms. */
#define NEWS_RECHECK_MS	300

/* What waits on E now, given what poll said of it (REVENTS). */
static void
news_now(const struct fd_entry *e, short revents, struct news *n)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int listening = 0, bytes = 0;
	socklen_t olen = sizeof listening;

	memset(n, 0, sizeof *n);
	if (revents == 0 || (revents & POLLNVAL))
		return;
	if (getsockopt(e->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &olen) == 0 &&
	    listening) {
		if (!(revents & POLLIN))
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
	/*
	 * An error, unless the last call on it failed: the learner saw that one
	 * (a connect that found no host leaves POLLERR where SO_ERROR is 0).
	 */
	if ((revents & POLLERR) && !e->err_seen) {
		n->what = NEWS_ERROR;
		return;
	}
	if (!(revents & (POLLIN | POLLRDHUP)))
		return;
	if (ioctl(e->fd, FIONREAD, &bytes) == -1)
		bytes = 0;
	if (e->type != SOCK_STREAM) {
		/* A datagram may be empty: readable is the news. */
		if (revents & POLLIN) {
			n->what = NEWS_DATA;
			n->count = bytes;
		}
		return;
	}
	n->eof = (revents & POLLRDHUP) || bytes == 0;
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
news_line(const struct fd_entry *e, const struct news *n)
{
	const char *dash = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ?
	    "\u2014" : "--";
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "fd%d: ", e->fd);
	switch (n->what) {
	case NEWS_CONN:
		if (n->count == 1)
			sb_addf(&sb, _("a connection is waiting %s accept fd%d"),
			    dash, e->fd);
		else
			sb_addf(&sb, P_("%ld connection is waiting %s accept fd%d",
			    "%ld connections are waiting %s accept fd%d",
			    (unsigned long)n->count), n->count, dash, e->fd);
		break;
	case NEWS_DATA:
		if (e->type != SOCK_STREAM) {
			sb_addf(&sb, P_("a datagram of %ld byte is waiting %s recvfrom fd%d",
			    "a datagram of %ld bytes is waiting %s recvfrom fd%d",
			    (unsigned long)n->count), n->count, dash, e->fd);
			break;
		}
		if (n->eof)
			sb_addf(&sb, P_("%ld byte waiting, then the peer closed %s read fd%d",
			    "%ld bytes waiting, then the peer closed %s read fd%d",
			    (unsigned long)n->count), n->count, dash, e->fd);
		else
			sb_addf(&sb, P_("%ld byte waiting %s read fd%d",
			    "%ld bytes waiting %s read fd%d", (unsigned long)n->count),
			    n->count, dash, e->fd);
		break;
	case NEWS_EOF:
		sb_addf(&sb, _("the peer closed %s read returns 0"), dash);
		break;
	case NEWS_ERROR:
		/* Not read here: getsockopt SO_ERROR would clear it for the learner. */
		sb_addf(&sb, _("an error is pending (a reset peer, or an ICMP error) "
		    "%s the next call on it fails with it; getsockopt fd%d error "
		    "reads and clears it"), dash, e->fd);
		break;
	}
	emit_text(EV_NEWS, e->fd, sb_str(&sb));
	sb_free(&sb);
}

/* E stirred (REVENTS from poll): tell what is new, once, and remember it. */
static void
news_update(struct fd_entry *e, short revents)
{
	struct news old = { e->told.what, e->told.count, e->told.eof }, now;

	news_now(e, revents, &now);
	if (news_worth(&old, &now))
		news_line(e, &now);
	/* A count that fell is no news, but the next rise is. */
	e->told.what = now.what;
	e->told.count = now.count;
	e->told.eof = now.eof;
	e->told.revents = revents;
}

/*
 * The prompt's watch: the quiet descriptors, so a wake always means news;
 * the ones that have news already are looked at again after a while.
 */
static size_t
watch_fds(void *ctx, struct pollfd *fds, size_t max, int *timeout_ms)
{
	struct shell *sh = ctx;
	size_t n = 0;

	for (const struct fd_entry *e = fd_table_first(&sh->fds);
	    e != NULL && n < max; e = fd_table_next(&sh->fds, e)) {

		if (e->role == ROLE_EPOLL)
			continue;
		/* Readable already, or hung up (never connected): look again soon. */
		if (e->told.revents != 0) {
			*timeout_ms = NEWS_RECHECK_MS;
			continue;
		}
		fds[n].fd = e->fd;
		fds[n].events = POLLIN | POLLRDHUP;
		fds[n++].revents = 0;
	}
	return n;
}

/* Look again at the descriptors that already had news: has more come? */
static void
recheck(struct shell *sh)
{
	for (struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {
		struct pollfd p = { .fd = e->fd, .events = POLLIN | POLLRDHUP };

		if (e->told.revents == 0 || e->role == ROLE_EPOLL)
			continue;
		if (poll(&p, 1, 0) == -1)
			continue;
		news_update(e, p.revents);
	}
}

static void
watch_ready(void *ctx, const struct pollfd *fds, size_t n, bool timed_out)
{
	struct shell *sh = ctx;

	/* The packets that brought the news come first, as they came first. */
	trace_catch_up(sh, true);
	for (size_t i = 0; i < n; i++) {
		struct fd_entry *e;

		if (fds[i].revents != 0 &&
		    (e = fd_table_find(&sh->fds, fds[i].fd)) != NULL)
			news_update(e, fds[i].revents);
	}
	if (timed_out)
		recheck(sh);
}

void
news_look(struct shell *sh)
{
	struct pollfd *p;
	struct fd_entry **ent;
	size_t n = 0;

	trace_catch_up(sh, true);
	if (!sh->setting[SETTING_NOTIFY] || sh->fds.n == 0)
		return;
	/* One poll for the whole table; only the ones that changed are looked at. */
	p = xcalloc(sh->fds.n, sizeof *p);
	ent = xcalloc(sh->fds.n, sizeof *ent);
	for (struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {
		ent[n] = e;
		p[n].fd = e->fd;
		p[n++].events = POLLIN | POLLRDHUP;
	}
	if (poll(p, (nfds_t)n, 0) != -1) {
		for (size_t i = 0; i < n; i++) {
			struct fd_entry *e = ent[i];

			/* Quiet now: what was told is over (the data was read). */
			if (e->role == ROLE_EPOLL ||
			    (p[i].revents == 0 && e->told.revents == 0))
				continue;
			news_update(e, p[i].revents);
		}
	}
	free(ent);
	free(p);
}

void
news_watch(struct shell *sh, bool on)
{
	static struct loop_watch w = { .fds = watch_fds, .ready = watch_ready };

	w.ctx = sh;
	loop_set(LOOP_NEWS, on && sh->setting[SETTING_NOTIFY] ? &w : NULL);
}

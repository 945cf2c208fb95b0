/* cmd-fds.c: the descriptor table, with each socket's state as the kernel tells it. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>

#include "addr.h"
#include "children.h"
#include "commands.h"
#include "width.h"
#include "lab.h"
#include "xlat.h"

/* The kernel's word for the socket's state: TCP_INFO for TCP, else what it can say. */
static const char *
fd_state(const struct fd_entry *e, bool has_peer)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int on = 0;
	socklen_t olen = sizeof on;
	const char *name;

	if ((e->family == AF_INET || e->family == AF_INET6) &&
	    e->type == SOCK_STREAM &&
	    getsockopt(e->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	    (name = xlat_name(xlat_tcp_states, ti.tcpi_state)) != NULL)
		return name + 4;	/* without "TCP_" */
	if (getsockopt(e->fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &olen) == 0 && on)
		return _("listening");
	/* A unix stream keeps its peer's name after the peer closed: ask. */
	if (has_peer && e->family == AF_UNIX && e->type != SOCK_DGRAM) {
		struct pollfd p = { .fd = e->fd, .events = POLLRDHUP };

		if (poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP)))
			return _("peer closed");
	}
	return has_peer ? _("connected") : "-";
}

static const char *
family_word(int family)
{
	switch (family) {
	case AF_INET:	return "inet";
	case AF_INET6:	return "inet6";
	case AF_UNIX:	return "unix";
	}
	return "?";
}

/* One row of the table: its words, the addresses in the table's text. */
struct fds_row {
	const char	*state;
	size_t		 local, llen;	/* in TEXT (an epoll row: its watch list) */
	size_t		 peer, plen;
	bool		 nonblock;
	bool		 cloexec;	/* as the table knows it: only the shell's calls set it */
};

/*
 * A socket the shell made and nothing since could have bound or connected
 * (no port, no peer: fd_entry's lport and pport are 0): what the kernel would
 * say of it is known without asking, the wildcard address with port 0 and
 * no peer; TCP's state is CLOSE.
 */
static bool
fds_row_known(const struct shell *sh, const struct fd_entry *e,
    struct fds_row *r, struct strbuf *text)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	int lport, pport;

	fd_table_ports(&sh->fds, e, &lport, &pport);
	if (lport != 0 || pport != 0 || (e->type != SOCK_STREAM &&
	    e->type != SOCK_DGRAM))
		return false;
	if (e->family == AF_INET) {
		memset(&sin, 0, sizeof sin);
		sin.sin_family = AF_INET;
		addr_format(text, (struct sockaddr *)&sin, sizeof sin);
	} else if (e->family == AF_INET6) {
		memset(&sin6, 0, sizeof sin6);
		sin6.sin6_family = AF_INET6;
		addr_format(text, (struct sockaddr *)&sin6, sizeof sin6);
	} else {
		return false;
	}
	r->llen = text->len - r->local;
	r->peer = text->len;
	sb_addc(text, '-');
	r->plen = 1;
	r->state = e->type == SOCK_STREAM ? "CLOSE" : "-";
	r->nonblock = e->nonblock;
	r->cloexec = e->cloexec;
	return true;
}

/* Ask the kernel about E: its state, addresses and flags; the words into TEXT. */
static void
fds_row_fill(const struct shell *sh, const struct fd_entry *e,
    struct fds_row *r, struct strbuf *text)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	bool has_peer;
	int fl;

	r->local = text->len;
	if (e->role == ROLE_EPOLL) {
		size_t n = e->nwatch < FD_EPOLL_WATCH_MAX ? e->nwatch :
		    FD_EPOLL_WATCH_MAX;

		r->state = "-";
		sb_add(text, n == 0 ? _("watches nothing") : _("watches "));
		for (size_t k = 0; k < n; k++) {
			sb_addf(text, "%sfd%d ", k ? ", " : "", e->watch[k].fd);
			pr_flags(text, xlat_epoll_events, e->watch[k].events,
			    "EPOLL???");
			if (e->watch[k].fired)
				sb_add(text, _(" (fired: off until epoll mod)"));
		}
		if (e->nwatch > n)
			sb_addf(text, _(" and %zu more"), e->nwatch - n);
		r->llen = text->len - r->local;
		r->peer = text->len;
		r->plen = 0;
		return;
	}
	if (fds_row_known(sh, e, r, text))
		return;
	if (getsockname(e->fd, (struct sockaddr *)&ss, &len) == 0)
		addr_format(text, (struct sockaddr *)&ss, len);
	else
		sb_addc(text, '-');
	r->llen = text->len - r->local;
	r->peer = text->len;
	len = sizeof ss;
	has_peer = getpeername(e->fd, (struct sockaddr *)&ss, &len) == 0;
	if (has_peer)
		addr_format(text, (struct sockaddr *)&ss, len);
	else
		sb_addc(text, '-');
	r->plen = text->len - r->peer;
	r->state = fd_state(e, has_peer);
	fl = fcntl(e->fd, F_GETFL);
	r->nonblock = fl != -1 && (fl & O_NONBLOCK);
	r->cloexec = e->cloexec;
}

/* Spaces after what SB holds from START on, up to WIDTH (printf's %-*s). */
static void
pad_to(struct strbuf *sb, size_t start, int width)
{
	size_t w = text_width(sb->s + start, sb->len - start);

	while ((int)w++ < width)
		sb_addc(sb, ' ');
}

/* The children `fork` made and not yet reaped: pid, the kernel's state, what they run. */
static void
fds_children(struct shell *sh)
{
	struct strbuf st = STRBUF_INIT, line = STRBUF_INIT;

	/* Which have ended, as the kernel says now: that news first. */
	children_catch_up(sh, false);
	if (children_count() == 0)
		return;
	sb_add(&st, "  ");
	sb_addpad(&st, "PID", 8);
	sb_addc(&st, ' ');
	sb_addpad(&st, _("STATE"), 30);
	sb_addc(&st, ' ');
	sb_add(&st, _("RUNS"));
	shell_note(sh, "%s", sb_str(&st));
	for (size_t i = 0; i < children_count(); i++) {
		const struct child *c = children_at(i);

		/* As the kernel said at the last look (waitid, WNOWAIT): ended is Z. */
		sb_reset(&st);
		if (c->ended) {
			sb_add(&st, _("Z zombie, "));
			children_end_words(&st, c->code, c->status);
		} else {
			sb_add(&st, _("running"));
		}
		sb_reset(&line);
		sb_addf(&line, "  %-8d ", (int)c->pid);
		sb_addpad(&line, sb_str(&st), 30);
		shell_note(sh, "%s %s", sb_str(&line), c->what);
	}
	sb_free(&line);
	sb_free(&st);
}

/* Rows are said this many at a time: few events, and little memory at once. */
#define FDS_ROWS_AT_ONCE 256

static enum cmd_retval
cmd_fds_exec(struct shell *sh, struct args *args)
{
	struct fds_row *rows;
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	/* As wide as their longest, 127.0.0.1:8080 and a little more at least: 80 columns hold a row. */
	int wl = 16, wp = 16;
	bool lab = lab_active();
	size_t i, inout = 0;

	(void)args;
	if (sh->fds.n == 0) {
		shell_note(sh, "no descriptors open: `socket stream` makes one");
		fds_children(sh);
		return CMD_RETURN_NORMAL;
	}
	rows = xcalloc(sh->fds.n, sizeof *rows);
	/* Address columns as wide as their longest ([::ffff:127.0.0.1]:8080). */
	i = 0;
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e), i++) {
		fds_row_fill(sh, e, &rows[i], &text);
		/* An epoll row's watch list runs on to the end of its line. */
		if (e->role == ROLE_EPOLL)
			continue;
		if ((int)rows[i].llen > wl)
			wl = (int)rows[i].llen;
		if ((int)rows[i].plen > wp)
			wp = (int)rows[i].plen;
	}
	/* In the lab, the host each was made on: the same address may be on both. */
	sb_add(&out, "  ");
	sb_addpad(&out, _("FD"), 4);
	sb_addc(&out, ' ');
	if (lab) {
		sb_addpad(&out, _("HOST"), 6);
		sb_addc(&out, ' ');
	}
	sb_addpad(&out, _("TYPE"), 12);
	sb_addc(&out, ' ');
	sb_addpad(&out, _("STATE"), 12);
	sb_addc(&out, ' ');
	sb_addpad(&out, _("LOCAL"), (size_t)wl);
	sb_addc(&out, ' ');
	sb_addpad(&out, _("PEER"), (size_t)wp);
	sb_addc(&out, ' ');
	sb_add(&out, _("FLAGS"));
	i = 0;
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {
		struct fds_row *r = &rows[i++];
		const char *host = lab_host_name(e->host);
		const char *local = text.s + r->local, *peer = text.s + r->peer;
		size_t start;

		if (inout++ == FDS_ROWS_AT_ONCE) {
			shell_note(sh, "%s", sb_str(&out));
			sb_reset(&out);
			inout = 1;
		} else {
			sb_addc(&out, '\n');
		}
		sb_add(&out, e->fd == sh->fds.current ? "* " : "  ");
		sb_addf(&out, "%-4d ", e->fd);
		if (lab)
			sb_addf(&out, "%-6s ", host != NULL ? host : "-");
		if (e->role == ROLE_EPOLL) {
			sb_addf(&out, "%-12s ", "epoll");
			sb_addpad(&out, r->state, 12);
			sb_addc(&out, ' ');
			sb_addn(&out, local, r->llen);
			continue;
		}
		start = out.len;
		sb_add(&out, family_word(e->family));
		sb_add(&out, e->type == SOCK_STREAM ? " stream" :
		    e->type == SOCK_DGRAM ? " dgram" : " other");
		pad_to(&out, start, 12);
		sb_addc(&out, ' ');
		start = out.len;
		sb_add(&out, r->state);
		pad_to(&out, start, 12);
		sb_addc(&out, ' ');
		start = out.len;
		sb_addn(&out, local, r->llen);
		pad_to(&out, start, wl);
		sb_addc(&out, ' ');
		start = out.len;
		sb_addn(&out, peer, r->plen);
		if (r->nonblock || r->cloexec)
			pad_to(&out, start, wp);
		if (r->nonblock)
			sb_add(&out, " nonblock");
		if (r->cloexec)
			sb_add(&out, " cloexec");
	}
	shell_note(sh, "%s", sb_str(&out));
	/* Numbers that share one open socket (dup, dup2), as fstat tells it. */
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {
		int fd = e->fd, other = fd_table_shared(&sh->fds, fd);
		char buf[24];

		if (other != -1 && other < fd)
			shell_note(sh, "fd%d = fd%d: one socket, %s numbers",
			    fd, other, fd_count_words(
			    fd_table_holders(&sh->fds, fd), buf));
	}
	sb_free(&text);
	sb_free(&out);
	free(rows);
	fds_children(sh);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_fds_entry = {
	.name = "fds",
	.usage = "",
	.summary = N_("list this shell's descriptors: type, TCP state, addresses (* is current)"),
	.help = N_("Asks the kernel about each descriptor: getsockname, getpeername and\n"
	    "TCP_INFO; these calls are not printed. In the lab, HOST is the host each\n"
	    "was made on (an accepted one: its listener's), wherever the shell is now.\n"
	    "Then the children `fork` made and `wait` has not reaped: Z is a zombie."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 0 },
	.keep_last = true,
	.ports_kept = true,
	.exec = cmd_fds_exec,
};

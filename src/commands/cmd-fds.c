/* cmd-fds.c: the descriptor table, with each socket's state as the kernel tells it. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "children.h"
#include "commands.h"
#include "lab.h"
#include "width.h"
#include "xlat.h"

/* The kernel's word for the socket's state: TCP_INFO for TCP, else what it can say. */
static void
fd_state(const struct fd_entry *e, bool has_peer, struct strbuf *sb)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int on = 0;
	socklen_t olen = sizeof on;
	const char *name;

	if ((e->family == AF_INET || e->family == AF_INET6) &&
	    e->type == SOCK_STREAM &&
	    getsockopt(e->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	    (name = xlat_name(xlat_tcp_states, ti.tcpi_state)) != NULL) {
		sb_add(sb, name + 4);	/* without "TCP_" */
		return;
	}
	if (getsockopt(e->fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &olen) == 0 && on)
		sb_add(sb, _("listening"));
	else
		sb_add(sb, has_peer ? _("connected") : "-");
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

/* One row of the table, as text. */
struct fds_row {
	struct strbuf	 type, state, local, peer;
	bool		 nonblock;
};

/* Ask the kernel about E: its type, state, addresses and flags. */
static void
fds_row_fill(const struct fd_entry *e, struct fds_row *r)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	bool has_peer;
	int fl;

	if (e->role == ROLE_EPOLL) {
		size_t n = e->nwatch < FD_EPOLL_WATCH_MAX ? e->nwatch :
		    FD_EPOLL_WATCH_MAX;

		sb_add(&r->type, "epoll");
		sb_add(&r->state, "-");
		sb_add(&r->local, n == 0 ? _("watches nothing") : _("watches "));
		for (size_t k = 0; k < n; k++) {
			sb_addf(&r->local, "%sfd%d ", k ? ", " : "",
			    e->watch[k].fd);
			pr_flags(&r->local, xlat_epoll_events,
			    e->watch[k].events, "EPOLL???");
		}
		if (e->nwatch > n)
			sb_addf(&r->local, _(" and %zu more"), e->nwatch - n);
		sb_add(&r->peer, "");
		return;
	}
	sb_addf(&r->type, "%s %s", family_word(e->family),
	    e->type == SOCK_STREAM ? "stream" :
	    e->type == SOCK_DGRAM ? "dgram" : "other");
	if (getsockname(e->fd, (struct sockaddr *)&ss, &len) == 0)
		addr_format(&r->local, (struct sockaddr *)&ss, len);
	else
		sb_add(&r->local, "-");
	len = sizeof ss;
	has_peer = getpeername(e->fd, (struct sockaddr *)&ss, &len) == 0;
	if (has_peer)
		addr_format(&r->peer, (struct sockaddr *)&ss, len);
	else
		sb_add(&r->peer, "-");
	fd_state(e, has_peer, &r->state);
	fl = fcntl(e->fd, F_GETFL);
	r->nonblock = fl != -1 && (fl & O_NONBLOCK);
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

static enum cmd_retval
cmd_fds_exec(struct shell *sh, struct args *args)
{
	struct fds_row *rows;
	struct strbuf line = STRBUF_INIT;
	int wl = 22, wp = 22;
	bool lab = lab_active();
	size_t i;

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
		fds_row_fill(e, &rows[i]);
		/* An epoll row's watch list runs on to the end of its line. */
		if (e->role == ROLE_EPOLL)
			continue;
		if ((int)rows[i].local.len > wl)
			wl = (int)rows[i].local.len;
		if ((int)rows[i].peer.len > wp)
			wp = (int)rows[i].peer.len;
	}
	/* In the lab, the host each was made on: the same address may be on both. */
	sb_add(&line, "  ");
	sb_addpad(&line, _("FD"), 4);
	sb_addc(&line, ' ');
	if (lab) {
		sb_addpad(&line, _("HOST"), 6);
		sb_addc(&line, ' ');
	}
	sb_addpad(&line, _("TYPE"), 12);
	sb_addc(&line, ' ');
	sb_addpad(&line, _("STATE"), 12);
	sb_addc(&line, ' ');
	sb_addpad(&line, _("LOCAL"), (size_t)wl);
	sb_addc(&line, ' ');
	sb_addpad(&line, _("PEER"), (size_t)wp);
	sb_addc(&line, ' ');
	sb_add(&line, _("FLAGS"));
	shell_note(sh, "%s", sb_str(&line));
	i = 0;
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {
		struct fds_row *r = &rows[i++];
		const char *host = lab_host_name(e->host);

		sb_reset(&line);
		sb_addf(&line, "%s %-4d ", e->fd == sh->fds.current ? "*" : " ",
		    e->fd);
		if (lab)
			sb_addf(&line, "%-6s ", host != NULL ? host : "-");
		sb_addf(&line, "%-12s ", sb_str(&r->type));
		sb_addpad(&line, sb_str(&r->state), 12);
		sb_addc(&line, ' ');
		if (e->role == ROLE_EPOLL)
			sb_add(&line, sb_str(&r->local));
		else
			sb_addf(&line, "%-*s ", wl, sb_str(&r->local));
		if (e->role == ROLE_EPOLL)
			;
		else if (r->nonblock)
			sb_addf(&line, "%-*s nonblock", wp, sb_str(&r->peer));
		else
			sb_add(&line, sb_str(&r->peer));
		shell_note(sh, "%s", sb_str(&line));
		sb_free(&r->type);
		sb_free(&r->state);
		sb_free(&r->local);
		sb_free(&r->peer);
	}
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
	sb_free(&line);
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
	.exec = cmd_fds_exec,
};

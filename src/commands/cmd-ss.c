/* cmd-ss.c: the kernel's TCP and UDP sockets on this shell's ports, TIME_WAIT included. */
#include "config.h"

#include <sys/stat.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "commands.h"
#include "lab.h"
#include "ss.h"
#include "width.h"

#define SS_PORTS_MAX	128

/* The descriptor of ours holding the socket with INODE, or -1. */
static int
fd_of_inode(const struct shell *sh, unsigned long inode)
{
	struct stat st;

	if (inode == 0)
		return -1;
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e))
		if (fstat(e->fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
		    (unsigned long)st.st_ino == inode)
			return e->fd;
	return -1;
}

static bool
wanted(const struct ss_socket *s, const unsigned *ports, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ss_port(&s->local) == ports[i] || ss_port(&s->peer) == ports[i])
			return true;
	return false;
}

enum { COL_HOST, COL_PROTO, COL_STATE, COL_RECVQ, COL_SENDQ, COL_LOCAL,
	COL_PEER, COL_FD, COL_TIMER, NCOLS };

/*
 * The columns: heading, least width, numbers to the right. A heading wider in
 * the learner's language (Hangul takes two columns) widens its column.
 */
static const struct {
	const char	*heading;
	size_t		 width;
	bool		 right;
} columns[NCOLS] = {
	[COL_HOST] = { N_("HOST"), 6, false },
	[COL_PROTO] = { N_("PROTO"), 5, false },
	[COL_STATE] = { N_("STATE"), 0, false },
	[COL_RECVQ] = { N_("RECV-Q"), 6, true },
	[COL_SENDQ] = { N_("SEND-Q"), 6, true },
	/* As wide as the widest address shown, not more: a narrow screen keeps its rows. */
	[COL_LOCAL] = { N_("LOCAL"), 0, false },
	[COL_PEER] = { N_("PEER"), 0, false },
	[COL_FD] = { N_("FD"), 0, false },
	[COL_TIMER] = { N_("TIMER"), 0, false },
};

/* One row, padded to WIDTH by display width, no blanks at the end; COL_HOST NULL outside the lab. */
static void
print_row(struct shell *sh, const char *const field[NCOLS],
    const size_t width[NCOLS])
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < NCOLS; i++) {
		if (field[i] == NULL)
			continue;
		if (sb.len > 0)
			sb_addc(&sb, ' ');
		if (columns[i].right)
			for (size_t w = text_width(field[i], strlen(field[i]));
			    w < width[i]; w++)
				sb_addc(&sb, ' ');
		sb_addpad(&sb, field[i], columns[i].right ? 0 : width[i]);
	}
	while (sb.len > 0 && sb.s[sb.len - 1] == ' ')
		sb.s[--sb.len] = '\0';
	shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
}

/*
 * The headings in the learner's language (HOST only in the lab), then the
 * N rows, each column as wide as its least, its heading and its widest
 * field.
 */
static void
print_table(struct shell *sh, bool lab, char *const (*rows)[NCOLS], size_t n)
{
	const char *heading[NCOLS];
	size_t width[NCOLS];

	for (int i = 0; i < NCOLS; i++) {
		heading[i] = _(columns[i].heading);
		width[i] = text_width(heading[i], strlen(heading[i]));
		if (width[i] < columns[i].width)
			width[i] = columns[i].width;
		for (size_t r = 0; r < n; r++)
			if (rows[r][i] != NULL &&
			    text_width(rows[r][i], strlen(rows[r][i])) > width[i])
				width[i] = text_width(rows[r][i], strlen(rows[r][i]));
	}
	if (!lab)
		heading[COL_HOST] = NULL;
	print_row(sh, heading, width);
	for (size_t r = 0; r < n; r++)
		print_row(sh, (const char *const *)rows[r], width);
}

/* What the kernel's timer on S is, and how long it has left: "timewait 59s". */
static void
format_timer(struct strbuf *sb, const struct ss_socket *s, long hz)
{
	static const char *const names[] = {
		[SS_TIMER_RETRANSMIT] = "retransmit",
		[SS_TIMER_KEEPALIVE] = "keepalive",
		[SS_TIMER_TIMEWAIT] = "timewait",
		[SS_TIMER_PROBE] = "probe",
	};

	if (s->timer == SS_TIMER_NONE)
		return;
	sb_addf(sb, "%s %lus", names[s->timer],
	    (s->timer_ticks + (unsigned long)hz - 1) / (unsigned long)hz);
}

/* The ports wanted on one host (outside the lab, the one network there is). */
struct ss_host {
	int		 host;		/* the lab's index, -1 outside the lab */
	unsigned	 ports[SS_PORTS_MAX];
	size_t		 n;
};

/*
 * HOST's sockets on its ports, as rows; how many in *SHOWN, the TIME_WAIT
 * ones in *TIMEWAIT. -1 with errno when its lists cannot be read.
 */
static int
ss_host_rows(struct shell *sh, const struct ss_host *h, size_t *shown,
    size_t *timewait)
{
	long hz = sysconf(_SC_CLK_TCK) > 0 ? sysconf(_SC_CLK_TCK) : 100;
	const char *host = lab_host_name(h->host);
	struct ss_socket *v;
	char *(*rows)[NCOLS];
	size_t n, nrows = 0;

	if (ss_read_host(h->host, &v, &n) == -1)
		return -1;
	rows = xcalloc(n ? n : 1, sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		const struct ss_socket *s = &v[i];
		struct strbuf local = STRBUF_INIT, peer = STRBUF_INIT, timer = STRBUF_INIT;
		char num[24], fd[16] = "-";
		char **row = rows[nrows];
		int ours;

		if (!wanted(s, h->ports, h->n))
			continue;
		nrows++;
		ss_format_addr(&local, &s->local);
		ss_format_addr(&peer, &s->peer);
		format_timer(&timer, s, hz);
		if ((ours = fd_of_inode(sh, s->inode)) != -1)
			snprintf(fd, sizeof fd, "fd%d", ours);
		row[COL_HOST] = host != NULL ? xstrdup(host) : NULL;
		row[COL_PROTO] = xstrdup(s->proto == IPPROTO_TCP ? "tcp" : "udp");
		row[COL_STATE] = xstrdup(ss_state_name(s));
		snprintf(num, sizeof num, "%lu", s->recv_q);
		row[COL_RECVQ] = xstrdup(num);
		snprintf(num, sizeof num, "%lu", s->send_q);
		row[COL_SENDQ] = xstrdup(num);
		row[COL_LOCAL] = xstrdup(sb_str(&local));
		row[COL_PEER] = xstrdup(sb_str(&peer));
		row[COL_FD] = xstrdup(fd);
		row[COL_TIMER] = xstrdup(sb_str(&timer));
		*timewait += s->proto == IPPROTO_TCP && s->state == TCP_TIME_WAIT;
		sb_free(&local);
		sb_free(&peer);
		sb_free(&timer);
	}
	free(v);
	if (nrows > 0)
		print_table(sh, host != NULL, (char *const (*)[NCOLS])rows, nrows);
	*shown += nrows;
	for (size_t r = 0; r < nrows; r++)
		for (int i = 0; i < NCOLS; i++)
			free(rows[r][i]);
	free(rows);
	return 0;
}

/* "8080, 45678": the ports of H. */
static void
port_list(struct strbuf *sb, const struct ss_host *h)
{
	for (size_t i = 0; i < h->n; i++)
		sb_addf(sb, "%s%u", i ? ", " : "", h->ports[i]);
}

static enum cmd_retval
cmd_ss_exec(struct shell *sh, struct args *args)
{
	struct ss_host hosts[LAB_HOSTS];
	struct strbuf list = STRBUF_INIT;
	int nhosts = lab_active() ? LAB_HOSTS : 1;
	size_t nports = 0, shown = 0, timewait = 0;
	unsigned port = 0;
	char err[256];

	if (args->argc == 1 &&
	    addr_parse_port(args->argv[0].s, &port, err, sizeof err) == -1)
		return cmd_usage_error(sh, args->cmd, "%s", err);
	/* The ports of the sockets open now: each on the host it was made on. */
	for (const struct fd_entry *e = args->argc == 0 ?
	    fd_table_first(&sh->fds) : NULL; e != NULL;
	    e = fd_table_next(&sh->fds, e))
		if (e->family == AF_INET || e->family == AF_INET6)
			ss_remember_fd(e->fd, e->host);
	for (int i = 0; i < nhosts; i++) {
		struct ss_host *h = &hosts[i];

		h->host = lab_active() ? i : -1;
		if (args->argc == 1) {
			h->ports[0] = port;
			h->n = 1;
		} else {
			h->n = ss_ports(h->host, h->ports, SS_PORTS_MAX);
		}
		nports += h->n;
	}
	if (nports == 0) {
		shell_note(sh, "no ports yet: this shell's sockets have none (bind or "
		    "connect first); `ss PORT` shows any port");
		return CMD_RETURN_NORMAL;
	}

	if (!lab_active()) {
		port_list(&list, &hosts[0]);
		shell_note(sh, P_("TCP and UDP sockets on port %s, as the kernel "
		    "lists them (/proc/net/tcp, udp):", "TCP and UDP sockets on "
		    "ports %s, as the kernel lists them (/proc/net/tcp, udp):",
		    nports), sb_str(&list));
	} else if (args->argc == 1) {
		shell_note(sh, "TCP and UDP sockets on port %u, on %s and %s, as "
		    "each host lists them (/proc/net/tcp, udp):", port,
		    lab_host_name(0), lab_host_name(1));
	} else {
		/* "client 8080, 45678; server 8080" */
		for (int i = 0; i < nhosts; i++) {
			if (hosts[i].n == 0)
				continue;
			sb_addf(&list, "%s%s ", list.len > 0 ? "; " : "",
			    lab_host_name(i));
			port_list(&list, &hosts[i]);
		}
		shell_note(sh, "TCP and UDP sockets on this shell's ports (%s), as "
		    "each host lists them (/proc/net/tcp, udp):", sb_str(&list));
	}
	sb_free(&list);
	for (int i = 0; i < nhosts; i++) {
		if (hosts[i].n == 0 ||
		    ss_host_rows(sh, &hosts[i], &shown, &timewait) == 0)
			continue;
		/* EMFILE (the table full) is as likely as no /proc. */
		if (lab_active())
			shell_error(sh, "ss: cannot read %s's /proc/net/tcp: %s",
			    lab_host_name(i), strerror(errno));
		else
			shell_error(sh, "ss: cannot read /proc/net/tcp: %s",
			    strerror(errno));
		return CMD_RETURN_ERROR;
	}
	if (shown == 0 && !lab_active())
		shell_note(sh, nports > 1 ? N_("none: no socket of the kernel "
		    "uses these ports") : N_("none: no socket of the kernel uses "
		    "this port"));
	else if (shown == 0)
		shell_note(sh, args->argc == 1 || nports == 1 ? N_("none: no "
		    "socket on %s or %s uses this port") : N_("none: no socket "
		    "on %s or %s uses these ports"), lab_host_name(0),
		    lab_host_name(1));
	if (timewait > 0)
		shell_note(sh, "TIME_WAIT: the side that closed first keeps the pair "
		    "for 60 s, no descriptor left; it keeps a server's port busy only "
		    "when the server closed first, and bind can reuse it when the "
		    "new socket and the old one both set `setsockopt reuseaddr 1`");
	return CMD_RETURN_NORMAL;
}

const struct command cmd_ss_entry = {
	.name = "ss",
	.alias = "netstat",
	.usage = "[PORT]",
	.summary = N_("the kernel's TCP and UDP sockets on this shell's ports (or PORT), TIME_WAIT too"),
	.help = N_("Lists what the kernel holds, open descriptors or not: after close, the\n"
	    "TIME_WAIT socket that keeps a port busy. Reads /proc/net; makes no call to print.\n"
	    "In the lab, each host's lists, with a HOST column: the ports this shell used\n"
	    "there, or PORT on both hosts."),
	.see = "ss(8)",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.keep_last = true,
	.ports_kept = true,
	.exec = cmd_ss_exec,
};

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
	[COL_STATE] = { N_("STATE"), 12, false },
	[COL_RECVQ] = { N_("RECV-Q"), 6, true },
	[COL_SENDQ] = { N_("SEND-Q"), 6, true },
	[COL_LOCAL] = { N_("LOCAL"), 24, false },
	[COL_PEER] = { N_("PEER"), 24, false },
	[COL_FD] = { N_("FD"), 5, false },
	[COL_TIMER] = { N_("TIMER"), 0, false },
};

/* One row, padded by display width, no blanks at the end; COL_HOST NULL outside the lab. */
static void
print_row(struct shell *sh, const char *const field[NCOLS])
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < NCOLS; i++) {
		const char *heading = _(columns[i].heading);
		size_t width = text_width(heading, strlen(heading));

		if (field[i] == NULL)
			continue;
		if (width < columns[i].width)
			width = columns[i].width;
		if (sb.len > 0)
			sb_addc(&sb, ' ');
		if (columns[i].right)
			for (size_t w = text_width(field[i], strlen(field[i]));
			    w < width; w++)
				sb_addc(&sb, ' ');
		sb_addpad(&sb, field[i], columns[i].right ? 0 : width);
	}
	while (sb.len > 0 && sb.s[sb.len - 1] == ' ')
		sb.s[--sb.len] = '\0';
	shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
}

/* The headings in the learner's language; HOST only in the lab. */
static void
print_headings(struct shell *sh, bool lab)
{
	const char *field[NCOLS];

	for (int i = 0; i < NCOLS; i++)
		field[i] = _(columns[i].heading);
	if (!lab)
		field[COL_HOST] = NULL;
	print_row(sh, field);
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
	size_t n;

	if (ss_read_host(h->host, &v, &n) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct ss_socket *s = &v[i];
		struct strbuf local = STRBUF_INIT, peer = STRBUF_INIT, timer = STRBUF_INIT;
		char recvq[24], sendq[24], fd[16] = "-";
		int ours;

		if (!wanted(s, h->ports, h->n))
			continue;
		if ((*shown)++ == 0)
			print_headings(sh, host != NULL);
		ss_format_addr(&local, &s->local);
		ss_format_addr(&peer, &s->peer);
		format_timer(&timer, s, hz);
		snprintf(recvq, sizeof recvq, "%lu", s->recv_q);
		snprintf(sendq, sizeof sendq, "%lu", s->send_q);
		if ((ours = fd_of_inode(sh, s->inode)) != -1)
			snprintf(fd, sizeof fd, "fd%d", ours);
		print_row(sh, (const char *const[NCOLS]){ [COL_HOST] = host,
		    [COL_PROTO] = s->proto == IPPROTO_TCP ? "tcp" : "udp",
		    [COL_STATE] = ss_state_name(s), [COL_RECVQ] = recvq,
		    [COL_SENDQ] = sendq, [COL_LOCAL] = sb_str(&local),
		    [COL_PEER] = sb_str(&peer), [COL_FD] = fd,
		    [COL_TIMER] = sb_str(&timer) });
		*timewait += s->proto == IPPROTO_TCP && s->state == TCP_TIME_WAIT;
		sb_free(&local);
		sb_free(&peer);
		sb_free(&timer);
	}
	free(v);
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

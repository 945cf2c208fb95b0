/* cmd-fds.c: the descriptor table, with each socket's state as the kernel tells it. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "commands.h"
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
		sb_add(sb, "listening");
	else
		sb_add(sb, has_peer ? "connected" : "-");
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

static enum cmd_retval
cmd_fds_exec(struct shell *sh, struct args *args)
{
	(void)args;
	if (sh->fds.n == 0) {
		shell_note(sh, "no descriptors open: `socket stream` makes one");
		return CMD_RETURN_NORMAL;
	}
	shell_note(sh, "  %-4s %-12s %-12s %-22s %-22s %s", "FD", "TYPE", "STATE",
	    "LOCAL", "PEER", "FLAGS");
	for (size_t i = 0; i < sh->fds.n; i++) {
		const struct fd_entry *e = &sh->fds.v[i];
		struct strbuf type = STRBUF_INIT, state = STRBUF_INIT;
		struct strbuf local = STRBUF_INIT, peer = STRBUF_INIT;
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		bool has_peer;
		int fl;

		sb_addf(&type, "%s %s", family_word(e->family),
		    e->type == SOCK_STREAM ? "stream" :
		    e->type == SOCK_DGRAM ? "dgram" : "other");
		if (getsockname(e->fd, (struct sockaddr *)&ss, &len) == 0)
			addr_format(&local, (struct sockaddr *)&ss, len);
		else
			sb_add(&local, "-");
		len = sizeof ss;
		has_peer = getpeername(e->fd, (struct sockaddr *)&ss, &len) == 0;
		if (has_peer)
			addr_format(&peer, (struct sockaddr *)&ss, len);
		else
			sb_add(&peer, "-");
		fd_state(e, has_peer, &state);
		fl = fcntl(e->fd, F_GETFL);
		if (fl != -1 && (fl & O_NONBLOCK))
			shell_note(sh, "%s %-4d %-12s %-12s %-22s %-22s nonblock",
			    e->fd == sh->fds.current ? "*" : " ", e->fd,
			    sb_str(&type), sb_str(&state), sb_str(&local),
			    sb_str(&peer));
		else
			shell_note(sh, "%s %-4d %-12s %-12s %-22s %s",
			    e->fd == sh->fds.current ? "*" : " ", e->fd,
			    sb_str(&type), sb_str(&state), sb_str(&local),
			    sb_str(&peer));
		sb_free(&type);
		sb_free(&state);
		sb_free(&local);
		sb_free(&peer);
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_fds_entry = {
	.name = "fds",
	.usage = "",
	.summary = "list this shell's descriptors: type, TCP state, addresses (* is current)",
	.help = "Asks the kernel about each descriptor: getsockname, getpeername and\n"
	    "TCP_INFO; these calls are not printed.",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 0 },
	.keep_last = true,
	.exec = cmd_fds_exec,
};

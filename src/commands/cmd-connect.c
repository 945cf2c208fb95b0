/* cmd-connect.c: getaddrinfo(3) for a name, then connect(2) to each address in turn. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <string.h>

#include "addr.h"
#include "commands.h"
#include "event.h"
#include "trace.h"
#include "call.h"
#include "print.h"
#include "ss.h"

/* Loopback answers a SYN at once; anywhere else a blocking connect may wait. */
static bool
is_loopback(const struct sockaddr_any *a)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&a->ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&a->ss;

	switch (a->ss.ss_family) {
	case AF_INET:
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	case AF_INET6:
		/* ::1, and 127.x written as ::ffff:127.0.0.1 */
		return IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr) ||
		    (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr) &&
		    sin6->sin6_addr.s6_addr[12] == 127);
	case AF_UNIX:
		return true;
	}
	return false;
}

static enum cmd_retval
cmd_connect_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct strbuf sb = STRBUF_INIT;
	struct addr_list al;
	struct call c;
	int rc = -1, err = 0;

	if (!args_address(sh, args, 0, e, false, &al))
		return CMD_RETURN_ERROR;
	addr_list_note(sh, args->argv[0].s, &al);
	for (size_t i = 0; i < al.n && rc == -1; i++) {
		struct sockaddr_any *a = &al.v[i];

		/* Connected already (its peer's port known): EISCONN at once. */
		if (e->type == SOCK_STREAM && !is_loopback(a) && e->pport <= 0) {
			sb_reset(&sb);
			addr_format(&sb, (struct sockaddr *)&a->ss, a->len);
			wait_note(sh, args->fd, 0, sb_str(&sb));
			sb_reset(&sb);
		}
		if (shell_signal_before_call(sh, "connect"))
			break;
		trace_watch((struct sockaddr *)&a->ss);
		wait_unsaid(sh, args->fd);	/* a handshake may take long: what came before is out */
		call_begin(&c, "connect", args->fd);
		rc = connect(args->fd, (struct sockaddr *)&a->ss, a->len);
		err = errno;
		call_returned(&c, rc, err);
		/* Loopback unreachable: its interface is down (a fresh namespace). */
		if (rc == -1 && err == ENETUNREACH && is_loopback(a))
			c.what = "loopback";
		sb_addlong(&c.args, args->fd);
		sb_add(&c.args, ", ");
		pr_sockaddr(&c.args, (struct sockaddr *)&a->ss, a->len);
		sb_add(&c.args, ", ");
		sb_addulong(&c.args, (unsigned)a->len);
		call_end(sh, &c);
		/* The port the kernel gave it is not known; the peer's is, once connected. */
		if (e->lport == 0)
			e->lport = -1;
		if (rc == 0 && (a->ss.ss_family == AF_INET ||
		    a->ss.ss_family == AF_INET6))
			e->pport = (int)ss_port(&a->ss);
		else
			e->pport = -1;
		if (err == EINTR)
			break;
	}
	sb_free(&sb);
	addr_list_free(&al);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_connect_entry = {
	.name = "connect",
	.usage = "[fdN] HOST PORT | [fdN] PATH",
	.summary = N_("connect the socket to a server (a name is looked up first)"),
	.help = N_("For TCP, runs the three-way handshake with HOST:PORT and returns when\n"
	    "it is done or refused; for UDP, only fixes the peer address."),
	.proto = "int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
	.see = "connect(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 2 },
	.complete = { ARGK_HOST, ARGK_NONE },
	.ports_kept = true,
	.exec = cmd_connect_exec,
};

/*
 * cmd-getsockname.c: getsockname(2) and getpeername(2), the two ends of a
 * socket's address. They differ only in the call, so they share one exec.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "addr.h"
#include "call.h"
#include "commands.h"

extern const struct command cmd_getpeername_entry;

static enum cmd_retval
cmd_getname_exec(struct shell *sh, struct args *args)
{
	bool peer = args->cmd == &cmd_getpeername_entry;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	struct call c;
	int rc;

	memset(&ss, 0, sizeof ss);
	call_begin(&c, args->cmd->name, args->fd);
	if (peer)
		rc = getpeername(args->fd, (struct sockaddr *)&ss, &len);
	else
		rc = getsockname(args->fd, (struct sockaddr *)&ss, &len);
	call_returned(&c, rc, errno);

	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	pr_sockaddr_result(&c.args, (struct sockaddr *)&ss, before, len, rc == -1);
	call_end(sh, &c);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_getsockname_entry = {
	.name = "getsockname",
	.usage = "[fdN]",
	.summary = N_("the local address a socket is bound to"),
	.help = N_("Shows the address bind gave the socket, or the one the kernel picked for\n"
	    "it at connect or for port 0: how a client learns its own port."),
	.proto = "int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
	.see = "getsockname(2)",
	.stage = STAGE_ADDRESS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.ports_kept = true,
	.exec = cmd_getname_exec,
};

const struct command cmd_getpeername_entry = {
	.name = "getpeername",
	.usage = "[fdN]",
	.summary = N_("the address of the peer a socket is connected to"),
	.help = N_("Shows who is at the other end: the client an accepted socket talks to, or\n"
	    "the server a connected one reached. ENOTCONN when there is none."),
	.proto = "int getpeername(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
	.see = "getpeername(2)",
	.stage = STAGE_ADDRESS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.ports_kept = true,
	.exec = cmd_getname_exec,
};

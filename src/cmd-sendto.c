/* cmd-sendto.c: sendto(2), one datagram to the address given with it. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "addr.h"
#include "commands.h"
#include "print.h"
#include "transfer.h"

static enum cmd_retval
cmd_sendto_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct strbuf sb = STRBUF_INIT;
	struct args where = *args;
	struct addr_list al;
	struct sockaddr_any *to;
	size_t naddr = e->family == AF_UNIX ? 1 : 2;
	char *data;
	size_t len;
	ssize_t n;
	int err;

	if (args->argc < naddr + 1)
		return cmd_usage_error(sh, args->cmd, e->family == AF_UNIX ?
		    "a unix socket takes PATH TEXT" : "missing argument");
	/* The address is the first words, the text all the rest. */
	where.argc = naddr;
	if (!args_address(sh, &where, 0, e, false, &al))
		return CMD_RETURN_ERROR;
	addr_list_note(sh, args->argv[0].s, &al);
	to = &al.v[0];	/* a datagram goes to one address: the first found */
	args_text(args, naddr, &data, &len);

	wait_note(sh, args->fd, POLLOUT, "room in the send buffer");
	if (shell_signal_before_call(sh, "sendto")) {
		free(data);
		addr_list_free(&al);
		return CMD_RETURN_NORMAL;
	}
	n = sendto(args->fd, data, len, 0, (struct sockaddr *)&to->ss, to->len);
	err = errno;

	pr_sendto_call(&sb, args->fd, data, len, 0, (struct sockaddr *)&to->ss,
	    to->len, sh->strsize);
	call_done(sh, &sb, "sendto", n, err, NULL);
	sb_free(&sb);
	free(data);
	addr_list_free(&al);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_sendto_entry = {
	.name = "sendto",
	.usage = "[fdN] HOST PORT TEXT | [fdN] PATH TEXT",
	.summary = "send one datagram to an address (a name is looked up first)",
	.help = "UDP needs no connection: each datagram carries its destination.\n"
	    "A unix dgram socket takes the PATH its peer is bound to.",
	.proto = "ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, "
	    "const struct sockaddr *dest_addr, socklen_t addrlen);",
	.see = "sendto(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 2, -1 },
	.complete = { ARGK_HOST, ARGK_NONE },
	.exec = cmd_sendto_exec,
};

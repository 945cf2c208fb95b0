/* cmd-getsockname.c: getsockname(2), the local address a socket is bound to. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "addr.h"
#include "commands.h"
#include "print.h"

static enum cmd_retval
cmd_getsockname_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	int rc, err;

	memset(&ss, 0, sizeof ss);
	rc = getsockname(args->fd, (struct sockaddr *)&ss, &len);
	err = errno;

	sb_addf(&sb, "getsockname(%d, ", args->fd);
	pr_sockaddr_result(&sb, (struct sockaddr *)&ss, before, len, rc == -1);
	sb_addc(&sb, ')');
	call_done(sh, &sb, "getsockname", rc, err, NULL);
	sb_free(&sb);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_getsockname_entry = {
	.name = "getsockname",
	.usage = "[fdN]",
	.summary = "the local address a socket is bound to",
	.help = "Shows the address bind gave the socket, or the one the kernel picked for\n"
	    "it at connect or for port 0: how a client learns its own port.",
	.proto = "int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
	.see = "getsockname(2)",
	.stage = STAGE_ADDRESS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.exec = cmd_getsockname_exec,
};

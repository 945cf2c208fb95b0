/* cmd-getpeername.c: getpeername(2), the address of the peer a socket is connected to. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "addr.h"
#include "commands.h"
#include "print.h"

static enum cmd_retval
cmd_getpeername_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	int rc, err;

	memset(&ss, 0, sizeof ss);
	rc = getpeername(args->fd, (struct sockaddr *)&ss, &len);
	err = errno;

	sb_addf(&sb, "getpeername(%d, ", args->fd);
	pr_sockaddr_result(&sb, (struct sockaddr *)&ss, before, len, rc == -1);
	sb_addc(&sb, ')');
	call_done(sh, &sb, "getpeername", rc, err, NULL);
	sb_free(&sb);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_getpeername_entry = {
	.name = "getpeername",
	.usage = "[fdN]",
	.summary = "the address of the peer a socket is connected to",
	.help = "Shows who is at the other end: the client an accepted socket talks to, or\n"
	    "the server a connected one reached. ENOTCONN when there is none.",
	.proto = "int getpeername(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
	.see = "getpeername(2)",
	.stage = STAGE_ADDRESS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.exec = cmd_getpeername_exec,
};

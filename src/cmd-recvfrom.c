/* cmd-recvfrom.c: recvfrom(2), a datagram and the address it came from. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "print.h"
#include "transfer.h"

static enum cmd_retval
cmd_recvfrom_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct strbuf sb = STRBUF_INIT;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	long count;
	int flags, err;
	ssize_t n;
	char *buf;

	if (!args_recv(sh, args, &count, &flags))
		return CMD_RETURN_ERROR;
	buf = xcalloc(1, (size_t)count);	/* MSG_TRUNC on TCP fills nothing: show zeros, not old heap */
	memset(&ss, 0, sizeof ss);

	recv_wait_note(sh, args->fd, flags, (size_t)count);
	if (shell_signal_before_call(sh, "recvfrom")) {
		free(buf);
		return CMD_RETURN_NORMAL;
	}
	n = recvfrom(args->fd, buf, (size_t)count, flags,
	    (struct sockaddr *)&ss, &len);
	err = errno;

	pr_recvfrom_call(&sb, args->fd, buf, (size_t)count, n, flags,
	    (struct sockaddr *)&ss, before, len, sh->strsize);
	call_done(sh, &sb, "recvfrom", n, err, NULL);
	sb_free(&sb);
	received(sh, e, buf, n, (size_t)count, args->flags & FLAG('x'));
	free(buf);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_recvfrom_entry = {
	.name = "recvfrom",
	.usage = "[-x] [fdN] [COUNT] [FLAGS]",
	.summary = "receive one datagram and the address of its sender",
	.help = "Waits for a datagram, returns up to COUNT bytes of it (the rest is lost)\n"
	    "and who sent it: reply there with sendto. -x adds a hexdump.",
	.proto = "ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, "
	    "struct sockaddr *src_addr, socklen_t *addrlen);",
	.see = "recvfrom(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, 2 },
	.complete = { ARGK_NONE, ARGK_MSGFLAG },
	.exec = cmd_recvfrom_exec,
};

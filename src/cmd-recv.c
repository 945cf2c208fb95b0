/* cmd-recv.c: recv(2), bytes from a socket, with flags such as peek. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>

#include "commands.h"
#include "print.h"
#include "transfer.h"

static enum cmd_retval
cmd_recv_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct strbuf sb = STRBUF_INIT;
	long count;
	int flags, err;
	ssize_t n;
	char *buf;

	if (!args_recv(sh, args, &count, &flags))
		return CMD_RETURN_ERROR;
	buf = xcalloc(1, (size_t)count);	/* MSG_TRUNC on TCP fills nothing: show zeros, not old heap */

	recv_wait_note(sh, args->fd, flags, (size_t)count);
	if (shell_signal_before_call(sh, "recv")) {
		free(buf);
		return CMD_RETURN_NORMAL;
	}
	n = recv(args->fd, buf, (size_t)count, flags);
	err = errno;

	/* glibc's recv() is the recvfrom call with no address: strace says so. */
	pr_recvfrom_call(&sb, args->fd, buf, (size_t)count, n, flags, NULL, 0, 0,
	    sh->strsize);
	call_done(sh, &sb, "recvfrom", n, err, NULL);
	sb_free(&sb);
	received(sh, e, buf, n, (size_t)count, args->flags & FLAG('x'));
	free(buf);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_recv_entry = {
	.name = "recv",
	.usage = "[-x] [fdN] [COUNT] [FLAGS]",
	.summary = "receive like read, with flags: peek, dontwait, waitall, oob, trunc...",
	.help = "read with a last argument: FLAGS are names joined by |, e.g. peek|dontwait.\n"
	    "Linux makes recv() the recvfrom call with no address; -x adds a hexdump.",
	.proto = "ssize_t recv(int sockfd, void *buf, size_t len, int flags);",
	.call = "recvfrom",
	.see = "recv(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, 2 },
	.complete = { ARGK_NONE, ARGK_MSGFLAG },
	.exec = cmd_recv_exec,
};

/* cmd-read.c: read(2), bytes from a socket's receive buffer. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "commands.h"
#include "print.h"
#include "transfer.h"

static enum cmd_retval
cmd_read_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct strbuf sb = STRBUF_INIT;
	long count = RECV_DEFAULT;
	ssize_t n;
	char *buf;
	int err;

	if (args->argc == 1 && !args_number(sh, args, 0, "count", 0, RECV_MAX,
	    &count))
		return CMD_RETURN_ERROR;
	buf = xcalloc(1, (size_t)count);

	/* A listener fails at once (ENOTCONN), and so does nothing asked for. */
	if (count > 0 && !e->listening)
		wait_note(sh, args->fd, POLLIN, "data");
	if (shell_signal_before_call(sh, "read")) {
		free(buf);
		return CMD_RETURN_NORMAL;
	}
	n = read(args->fd, buf, (size_t)count);
	err = errno;

	sb_addf(&sb, "read(%d, ", args->fd);
	if (n == -1)
		pr_ptr(&sb, buf);
	else
		pr_quoted(&sb, buf, (size_t)n, sh->strsize);
	sb_addf(&sb, ", %ld)", count);
	call_done(sh, &sb, "read", n, err, NULL);
	sb_free(&sb);

	received(sh, e, buf, n, (size_t)count, args->flags & FLAG('x'));
	free(buf);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_read_entry = {
	.name = "read",
	.usage = "[-x] [fdN] [COUNT]",
	.summary = "receive up to COUNT bytes (default 4096); 0 means the peer closed",
	.help = "Waits until some data is there, then returns what has arrived, up to\n"
	    "COUNT bytes: TCP keeps no message boundaries. -x adds a hexdump.",
	.proto = "ssize_t read(int fd, void *buf, size_t count);",
	.see = "read(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, 1 },
	.exec = cmd_read_exec,
};

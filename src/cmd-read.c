/* cmd-read.c: read(2), bytes from a socket's receive buffer. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "commands.h"
#include "print.h"

#define READ_DEFAULT	4096
#define READ_MAX	(1L << 20)

static enum cmd_retval
cmd_read_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct strbuf sb = STRBUF_INIT;
	long count = READ_DEFAULT;
	ssize_t n;
	char *buf;
	int err;

	if (args->argc == 1 && !args_number(sh, args, 0, "count", 0, READ_MAX,
	    &count))
		return CMD_RETURN_ERROR;
	buf = xmalloc((size_t)count);

	wait_note(sh, args->fd, POLLIN, "data");
	if (sig_int_pending) {
		n = -1;
		err = EINTR;
	} else {
		n = read(args->fd, buf, (size_t)count);
		err = errno;
	}

	sb_addf(&sb, "read(%d, ", args->fd);
	if (n == -1)
		pr_ptr(&sb, buf);
	else
		pr_quoted(&sb, buf, (size_t)n, sh->strsize);
	sb_addf(&sb, ", %ld)", count);
	call_done(sh, &sb, "read", n, err, NULL);
	sb_free(&sb);

	if (n >= 0)
		call_data(sh, buf, (size_t)n);
	if (n == 0 && count > 0 && e->type == SOCK_STREAM)
		shell_note(sh, "end of file: the peer closed its side (or shut down "
		    "writing); close fd%d too", args->fd);
	free(buf);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_read_entry = {
	.name = "read",
	.usage = "[fdN] [COUNT]",
	.summary = "receive up to COUNT bytes (default 4096); 0 means the peer closed",
	.help = "Waits until some data is there, then returns what has arrived, up to\n"
	    "COUNT bytes: TCP keeps no message boundaries.",
	.proto = "ssize_t read(int fd, void *buf, size_t count);",
	.see = "read(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 1 },
	.exec = cmd_read_exec,
};

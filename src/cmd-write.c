/* cmd-write.c: write(2), bytes to a connected socket. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "commands.h"
#include "print.h"

static enum cmd_retval
cmd_write_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	char *data;
	size_t len;
	ssize_t n;
	int err;

	args_text(args, 0, &data, &len);
	if (!fd_table_find(&sh->fds, args->fd)->listening)
		wait_note(sh, args->fd, POLLOUT, "room in the send buffer");
	if (shell_signal_before_call(sh, "write")) {
		free(data);
		return CMD_RETURN_NORMAL;
	}
	n = write(args->fd, data, len);
	err = errno;

	sb_addf(&sb, "write(%d, ", args->fd);
	pr_quoted(&sb, data, len, sh->strsize);
	sb_addf(&sb, ", %zu)", len);
	call_done(sh, &sb, "write", n, err, NULL);
	sb_free(&sb);
	free(data);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_write_entry = {
	.name = "write",
	.usage = "[fdN] TEXT",
	.summary = "send bytes: \"quoted\" with C escapes, or bare words; no newline is added",
	.help = "Copies TEXT into the socket's send buffer; the kernel sends it when it can.\n"
	    "Returns how many bytes it took, which can be fewer than given.",
	.proto = "ssize_t write(int fd, const void *buf, size_t count);",
	.see = "write(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, -1 },
	.exec = cmd_write_exec,
};

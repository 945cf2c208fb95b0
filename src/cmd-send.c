/* cmd-send.c: send(2), bytes to a connected socket, with flags. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "commands.h"
#include "print.h"
#include "transfer.h"

static enum cmd_retval
cmd_send_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	int flags = 0, err;
	char *data;
	size_t len;
	ssize_t n;

	args_take_msg_flags(args, 1, &flags);
	args_text(args, 0, &data, &len);
	if (!(flags & MSG_DONTWAIT))
		wait_note(sh, args->fd, POLLOUT, "room in the send buffer");
	if (shell_signal_before_call(sh, "send")) {
		free(data);
		return CMD_RETURN_NORMAL;
	}
	n = send(args->fd, data, len, flags);
	err = errno;

	/* glibc's send() is the sendto system call with no address: strace says so. */
	pr_sendto_call(&sb, args->fd, data, len, flags, NULL, 0, sh->strsize);
	call_done(sh, &sb, "sendto", n, err, NULL);
	sb_free(&sb);
	free(data);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_send_entry = {
	.name = "send",
	.usage = "[fdN] TEXT [FLAGS]",
	.summary = "send bytes like write, with flags: dontwait, nosignal, more, oob...",
	.help = "write with a last argument: FLAGS are names joined by |, e.g. dontwait|nosignal.\n"
	    "Linux makes send() the sendto call with no address, which is what is shown.",
	.proto = "ssize_t send(int sockfd, const void *buf, size_t len, int flags);",
	.call = "sendto",
	.see = "send(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, -1 },
	.complete = { ARGK_NONE, ARGK_MSGFLAG },
	.exec = cmd_send_exec,
};

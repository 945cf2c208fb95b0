/* cmd-listen.c: listen(2), turning a bound stream socket into a server. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <limits.h>

#include "commands.h"
#include "call.h"
#include "print.h"

static enum cmd_retval
cmd_listen_exec(struct shell *sh, struct args *args)
{
	struct call c;
	long backlog = SOMAXCONN;
	int rc;

	if (args->argc == 1 && !args_number(sh, args, 0, N_("backlog"), 0, INT_MAX,
	    &backlog))
		return CMD_RETURN_ERROR;

	call_begin(&c, "listen", args->fd);
	rc = listen(args->fd, (int)backlog);
	call_returned(&c, rc, errno);
	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	sb_addlong(&c.args, backlog);
	call_end(sh, &c);
	if (rc == 0) {
		struct fd_entry *e = fd_table_find(&sh->fds, args->fd);

		e->listening = true;
		/* Learners often miss this: a failed bind, then listen anyway. */
		if (!e->bound && e->family != AF_UNIX)
			shell_note(sh, "fd%d was not bound, so listen bound it to a "
			    "free port the kernel chose: `getsockname` shows it",
			    args->fd);
		/* It is bound now, by bind or by that first listen: said once. */
		e->bound = true;
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_listen_entry = {
	.name = "listen",
	.usage = "[fdN] [BACKLOG]",
	.summary = N_("mark the socket as a server's, waiting for connections"),
	.help = N_("The kernel now completes handshakes for this port and queues them\n"
	    "(up to BACKLOG, default SOMAXCONN) until accept takes them."),
	.proto = "int listen(int sockfd, int backlog);",
	.see = "listen(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 1 },
	.exec = cmd_listen_exec,
};

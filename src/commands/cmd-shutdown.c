/* cmd-shutdown.c: shutdown(2), ending one direction of a connection. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>

#include "commands.h"
#include "call.h"
#include "print.h"
#include "xlat.h"

static enum cmd_retval
cmd_shutdown_exec(struct shell *sh, struct args *args)
{
	struct call c;
	const struct word *w = &args->argv[0];
	long how;
	int rc;

	if (w->quoted || !xlat_parse(xlat_shutdown_modes, "SHUT_", w->s, &how))
		return cmd_usage_error(sh, args->cmd, "unknown mode: %s (rd, wr or "
		    "rdwr)", w->s);

	call_begin(&c, "shutdown", args->fd);
	rc = shutdown(args->fd, (int)how);
	call_returned(&c, rc, errno);
	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	pr_xlat(&c.args, xlat_shutdown_modes, how, "SHUT_???");
	call_end(sh, &c);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_shutdown_entry = {
	.name = "shutdown",
	.usage = "[fdN] rd|wr|rdwr",
	.summary = N_("stop reading, writing, or both, on a connection; the descriptor stays open"),
	.help = N_("wr sends FIN: the peer reads end of file, and you can still read its reply.\n"
	    "Unlike close, it acts on the connection, for every descriptor that shares it."),
	.proto = "int shutdown(int sockfd, int how);",
	.see = "shutdown(2)",
	.stage = STAGE_END,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_SHUTMODE },
	.ports_kept = true,
	.exec = cmd_shutdown_exec,
};

/* cmd-close.c: close(2), giving a descriptor back. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "children.h"
#include "commands.h"

static enum cmd_retval
cmd_close_exec(struct shell *sh, struct args *args)
{
	int fd = sh->fds.current;
	bool was_current, listening;
	int other;

	if (args->argc == 1) {
		if (!args_descriptor(sh, args, 0, true, &fd))
			return CMD_RETURN_ERROR;
	} else if (fd == -1) {
		return cmd_usage_error(sh, args->cmd, "no current descriptor");
	}
	was_current = fd == sh->fds.current;
	listening = fd_table_find(&sh->fds, fd)->listening;
	other = fd_table_shared(&sh->fds, fd);
	shell_close(sh, fd);
	/* The forked server's lesson: each process closes its copy. */
	if (other != -1)
		shell_note(sh, "fd%d closed; fd%d still holds the socket: no FIN "
		    "is sent, the peer sees no end, until the last one closes",
		    fd, other);
	/* ...and so does a child that `fork` made with it open. */
	children_close_note(sh, fd, listening);
	/* A second bare `close` would close this one: say which it is. */
	if (was_current && sh->fds.current != -1)
		shell_note(sh, "fd%d is the current descriptor now", sh->fds.current);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_close_entry = {
	.name = "close",
	.usage = "[fdN|N]",
	.summary = N_("close a descriptor (the current one by default)"),
	.help = N_("Gives the descriptor back; on a connected TCP socket the kernel sends\n"
	    "FIN, and the side that closes first waits in TIME_WAIT."),
	.proto = "int close(int fd);",
	.see = "close(2)",
	.stage = STAGE_END,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.complete = { ARGK_FD },
	.ports_kept = true,
	.exec = cmd_close_exec,
};

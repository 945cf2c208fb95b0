/* cmd-use.c: choose the current descriptor. */
#include "config.h"

#include "commands.h"

static enum cmd_retval
cmd_use_exec(struct shell *sh, struct args *args)
{
	int fd;

	if (!args_descriptor(sh, args, 0, true, &fd))
		return CMD_RETURN_ERROR;
	fd_table_use(&sh->fds, fd);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_use_entry = {
	.name = "use",
	.usage = "fdN|N",
	.summary = N_("make another descriptor current"),
	.help = N_("Commands act on the current descriptor (shown in the prompt) unless\n"
	    "they name one as fdN."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 1 },
	.keep_last = true,
	.complete = { ARGK_FD },
	.ports_kept = true,
	.exec = cmd_use_exec,
};

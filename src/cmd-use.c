/* cmd-use.c: choose the current descriptor. */
#include "config.h"

#include "commands.h"

static enum cmd_retval
cmd_use_exec(struct shell *sh, struct args *args)
{
	long v;
	int fd = word_fd(&args->argv[0]);

	if (fd == -1) {
		if (!args_number(sh, args, 0, "descriptor", 0, 1000000, &v))
			return CMD_RETURN_ERROR;
		fd = (int)v;
	}
	if (!fd_table_use(&sh->fds, fd))
		return cmd_usage_error(sh, args->cmd, "fd%d is not open in this "
		    "shell (see `fds`)", fd);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_use_entry = {
	.name = "use",
	.usage = "fdN|N",
	.summary = "make another descriptor current",
	.help = "Commands act on the current descriptor (shown in the prompt) unless\n"
	    "they name one as fdN.",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 1 },
	.keep_last = true,
	.complete = { ARGK_FD },
	.exec = cmd_use_exec,
};

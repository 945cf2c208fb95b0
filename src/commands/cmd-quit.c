/* cmd-quit.c: leave, closing every descriptor as the cleanExit handler does. */
#include "config.h"

#include "commands.h"

static enum cmd_retval
cmd_quit_exec(struct shell *sh, struct args *args)
{
	(void)sh;
	(void)args;
	return CMD_RETURN_EXIT;
}

const struct command cmd_quit_entry = {
	.name = "quit",
	.alias = "exit",
	.usage = "",
	.summary = N_("close every descriptor (printing each close) and leave"),
	.help = N_("The same clean exit that SIGTERM, SIGHUP and end of input run:\n"
	    "every descriptor closed, each close printed, exit status 0."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 0 },
	.keep_last = true,
	.exec = cmd_quit_exec,
};

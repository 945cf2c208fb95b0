/* cmd-set.c: the shell's settings. */
#include "config.h"

#include <string.h>

#include "commands.h"

static enum cmd_retval
cmd_set_exec(struct shell *sh, struct args *args)
{
	long v;

	if (args->argc == 0) {
		shell_note(sh, "strsize %zu", sh->strsize);
		return CMD_RETURN_NORMAL;
	}
	if (strcmp(args->argv[0].s, "strsize") == 0) {
		if (args->argc != 2)
			return cmd_usage_error(sh, args->cmd, "strsize takes a number");
		if (!args_number(sh, args, 1, "strsize", 0, 1L << 20, &v))
			return CMD_RETURN_ERROR;
		sh->strsize = (size_t)v;
		return CMD_RETURN_NORMAL;
	}
	return cmd_usage_error(sh, args->cmd, "unknown setting: %s (strsize)",
	    args->argv[0].s);
}

const struct command cmd_set_entry = {
	.name = "set",
	.usage = "[strsize N]",
	.summary = "show or change a setting: strsize is how many bytes of data a line shows",
	.help = "strsize works as strace -s: data longer than N bytes is cut, and ...\n"
	    "follows the closing quote. The default is 32.",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 2 },
	.keep_last = true,
	.complete = { ARGK_SETTING, ARGK_NONE },
	.exec = cmd_set_exec,
};

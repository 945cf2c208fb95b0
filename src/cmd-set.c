/* cmd-set.c: the shell's settings. */
#include "config.h"

#include <string.h>

#include "commands.h"
#include "complete.h"
#include "script.h"

/* Every setting, for `set` alone and for completion: its name and what its value is. */
static const struct {
	const char	*name;
	enum arg_kind	 value;
} settings[] = {
	{ "strsize", ARGK_NONE },
	{ "notify", ARGK_ONOFF },
};

const char *
setting_name(size_t i, enum arg_kind *value)
{
	if (i >= sizeof settings / sizeof settings[0])
		return NULL;
	*value = settings[i].value;
	return settings[i].name;
}

/* "strsize 32": one setting as `set` shows it. */
static void
show_setting(struct shell *sh, const char *name)
{
	if (strcmp(name, "strsize") == 0)
		shell_note(sh, "strsize %zu", sh->strsize);
	else if (strcmp(name, "notify") == 0)
		shell_note(sh, "notify %s", sh->notify ? "on" : "off");
}

static enum cmd_retval
cmd_set_exec(struct shell *sh, struct args *args)
{
	const char *name, *value;
	enum arg_kind kind;
	size_t i;
	long v;

	if (args->argc == 0) {
		for (i = 0; (name = setting_name(i, &kind)) != NULL; i++)
			show_setting(sh, name);
		return CMD_RETURN_NORMAL;
	}
	for (i = 0; (name = setting_name(i, &kind)) != NULL; i++)
		if (strcmp(name, args->argv[0].s) == 0)
			break;
	if (name == NULL)
		return cmd_usage_error(sh, args->cmd, "unknown setting: %s "
		    "(strsize, notify)", args->argv[0].s);
	if (args->argc == 1) {
		show_setting(sh, name);
		return CMD_RETURN_NORMAL;
	}
	value = args->argv[1].s;
	if (strcmp(name, "strsize") == 0) {
		if (!args_number(sh, args, 1, "strsize", 0, 1L << 20, &v))
			return CMD_RETURN_ERROR;
		sh->strsize = (size_t)v;
	} else if (strcmp(value, "on") == 0 || strcmp(value, "off") == 0) {
		sh->notify = strcmp(value, "on") == 0;
	} else {
		return cmd_usage_error(sh, args->cmd, "notify takes on or off, "
		    "not %s", value);
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_set_entry = {
	.name = "set",
	.usage = "[NAME [VALUE]]",
	.summary = "show or change a setting: data shown per line, news at the prompt",
	.help = "strsize N: data past N bytes is cut, ... after the quote, as strace -s (32).\n"
	    "notify on|off: at the prompt, a line when a peer connects, sends or closes (on).",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 2 },
	.keep_last = true,
	.complete = { ARGK_SETTING, ARGK_NONE },
	.exec = cmd_set_exec,
};

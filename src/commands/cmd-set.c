/* cmd-set.c: `set`, the shell's settings, all from the one table in settings.c. */
#include "config.h"

#include <string.h>

#include "commands.h"
#include "settings.h"

/* "strsize 32": one setting as `set` shows it. */
static void
show_setting(struct shell *sh, const struct setting *s)
{
	struct strbuf sb = STRBUF_INIT;

	setting_show(&sb, s, sh->setting[s - setting_table]);
	shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
}

static enum cmd_retval
cmd_set_exec(struct shell *sh, struct args *args)
{
	struct strbuf names = STRBUF_INIT;
	const struct setting *s;
	char err[256];
	long v;

	if (args->argc == 0) {
		for (size_t i = 0; i < SETTING_MAX; i++)
			show_setting(sh, &setting_table[i]);
		return CMD_RETURN_NORMAL;
	}
	if (args->argv[0].quoted || (s = setting_find(args->argv[0].s)) == NULL) {
		for (size_t i = 0; i < SETTING_MAX; i++) {
			sb_add(&names, i ? ", " : "");
			sb_add(&names, setting_table[i].name);
		}
		cmd_usage_error(sh, args->cmd, "unknown setting: %s (%s)",
		    args->argv[0].s, sb_str(&names));
		sb_free(&names);
		return CMD_RETURN_ERROR;
	}
	if (args->argc == 1) {
		show_setting(sh, s);
		return CMD_RETURN_NORMAL;
	}
	if (!setting_parse(s, args->argv[1].s, &v, err, sizeof err))
		return cmd_usage_error(sh, args->cmd, "%s", err);
	if (s->apply != NULL && !s->apply(v, err, sizeof err)) {
		shell_error(sh, "set: %s", err);
		return CMD_RETURN_ERROR;
	}
	sh->setting[s - setting_table] = v;
	/* Every change answered: what it is now. */
	show_setting(sh, s);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_set_entry = {
	.name = "set",
	.usage = "[NAME [VALUE]]",
	.summary = N_("show or change a setting: data shown per line, news at the prompt"),
	.help = N_("Without NAME, every setting and its value; with NAME, that one;\n"
	    "with NAME VALUE, a new value (any case). The settings:"),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 2 },
	.keep_last = true,
	.complete = { ARGK_SETTING, ARGK_NONE },
	.exec = cmd_set_exec,
};

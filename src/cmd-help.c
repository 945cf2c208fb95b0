/* cmd-help.c: help from the command table, so it cannot drift from the code. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "hints.h"
#include "xlat.h"

static void
help_one(struct shell *sh, const struct command *cmd)
{
	const char *p, *nl;
	struct strbuf sb = STRBUF_INIT;

	printf("usage: %s%s%s\n", cmd->name, *cmd->usage ? " " : "", cmd->usage);
	if (cmd->alias != NULL)
		printf("  alias: %s\n", cmd->alias);
	printf("  %s\n", cmd->summary);
	for (p = cmd->help; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		printf("  %.*s\n", (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
	if (cmd->proto != NULL)
		printf("  C: %s\n", cmd->proto);
	for (const struct hint *h = hint_table; h->text != NULL; h++) {
		if (h->call != NULL && strcmp(h->call, cmd->name) == 0) {
			sb_add(&sb, sb.len ? ", " : "");
			sb_add(&sb, errno_name(h->err));
		}
	}
	if (sb.len > 0)
		printf("  errors: %s\n", sb_str(&sb));
	if (cmd->see != NULL)
		printf("  see %s\n", cmd->see);
	sb_free(&sb);
	(void)sh;
}

static void
help_all(void)
{
	for (int st = STAGE_CREATE; st <= STAGE_SHELL; st++) {
		printf("%s:\n", cmd_stage_name((enum cmd_stage)st));
		for (const struct command *const *c = command_table; *c; c++) {
			char head[64];

			if ((*c)->stage != (enum cmd_stage)st)
				continue;
			snprintf(head, sizeof head, "%s%s%s", (*c)->name,
			    *(*c)->usage ? " " : "", (*c)->usage);
			if (strlen(head) > 34)
				printf("  %s\n  %-34s  %s\n", head, "", (*c)->summary);
			else
				printf("  %-34s  %s\n", head, (*c)->summary);
		}
	}
	printf("Commands act on the current descriptor (in the prompt) unless given fdN.\n"
	    "`help CMD` tells more; `man sockshell` is the reference.\n");
}

static enum cmd_retval
cmd_help_exec(struct shell *sh, struct args *args)
{
	const struct command *cmd;
	char err[256];

	if (args->argc == 0) {
		help_all();
		fflush(stdout);
		return CMD_RETURN_NORMAL;
	}
	if ((cmd = cmd_find(args->argv[0].s, err, sizeof err)) == NULL) {
		shell_error(sh, "help: %s", err);
		return CMD_RETURN_ERROR;
	}
	help_one(sh, cmd);
	fflush(stdout);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_help_entry = {
	.name = "help",
	.usage = "[CMD]",
	.summary = "list the commands, or tell about one",
	.help = "Without CMD, the commands by lifecycle stage; with CMD, its usage,\n"
	    "the C prototype of its call, its common errors and its man page.",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.keep_last = true,
	.complete = { ARGK_COMMAND },
	.exec = cmd_help_exec,
};

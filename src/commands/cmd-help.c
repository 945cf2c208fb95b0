/* cmd-help.c: help from the command table, so it cannot drift from the code. */
#include "config.h"

#include <sys/ioctl.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "event.h"
#include "print.h"
#include "settings.h"
#include "sockopt.h"
#include "term.h"
#include "hints.h"
#include "width.h"
#include "xlat.h"

/* The commands' column in the list; a longer usage puts the summary on a line of its own. */
#define HEAD_WIDTH	34

/* Each stage of a socket's life, as the list heads it. */
static const char *const stage_titles[] = {
	[STAGE_CREATE] = N_("Create a socket"),
	[STAGE_ADDRESS] = N_("Addresses: name it, ask its name, look names up"),
	[STAGE_CONNECT] = N_("Connect: a server listens and accepts, a client connects"),
	[STAGE_TRANSFER] = N_("Send and receive"),
	[STAGE_OPTIONS] = N_("Options"),
	[STAGE_END] = N_("End a connection"),
	[STAGE_SHELL] = N_("The shell itself"),
};


/* TEXT from column AT, wrapped to WIDTH, and the end of its line. */
static void
put_wrapped(struct strbuf *out, const char *text, size_t at, size_t width)
{
	pr_wrapped(out, text, strlen(text), at, width, false);
	sb_addc(out, '\n');
}

/* One command: usage, what it does, its call in C, what goes wrong, where to read on. */
static void
help_one(struct strbuf *out, const struct command *cmd)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p, *nl;

	sb_addf(out, _("usage: %s%s%s\n"), cmd->name, *cmd->usage ? " " : "",
	    cmd->usage);
	sb_addf(out, "  %s\n", _(cmd->summary));
	if (cmd->alias != NULL)
		sb_addf(out, _("  (also: %s)\n"), cmd->alias);
	if (cmd->help != NULL && *cmd->help != '\0')
		sb_addc(out, '\n');
	for (p = cmd->help != NULL ? _(cmd->help) : NULL; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		sb_addf(out, "  %.*s\n", (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
	/* `set`: each setting, from the settings table. */
	if (cmd->complete[0] == ARGK_SETTING) {
		for (size_t i = 0; i < SETTING_MAX; i++) {
			const struct setting *st = &setting_table[i];

			sb_addf(out, "  %s ", st->name);
			if (st->type == SETTING_NUMBER)
				sb_add(out, "N");
			else
				for (size_t k = 0; st->choices[k] != NULL; k++)
					sb_addf(out, "%s%s", k ? "|" : "",
					    st->choices[k]);
			sb_addf(out, ": %s\n", _(st->help));
		}
	}
	/* setsockopt, getsockopt: each option, from the options table. */
	if (cmd->complete[0] == ARGK_SOCKOPT_SET || cmd->complete[0] == ARGK_SOCKOPT) {
		sb_add(out, _("\n  OPTION is one of:\n"));
		for (const struct sockopt *o = sockopt_table; o->name != NULL; o++)
			if (cmd->complete[0] == ARGK_SOCKOPT || sockopt_settable(o))
				sb_addf(out, "  %-20s %s\n", o->name, _(o->about));
	}
	for (const struct hint *h = hint_table; h->text != NULL; h++) {
		/* Each error once: the hints for some sockets only add to it. */
		if (h->call != NULL && h->when == WHEN_ANY && strcmp(h->call,
		    cmd->call != NULL ? cmd->call : cmd->name) == 0) {
			sb_add(&sb, sb.len ? ", " : "");
			sb_add(&sb, errno_name(h->err));
		}
	}
	if (cmd->proto != NULL || sb.len > 0 || cmd->see != NULL)
		sb_addc(out, '\n');
	if (cmd->proto != NULL)
		sb_addf(out, "  C: %s\n", cmd->proto);
	if (sb.len > 0) {
		const char *head = _("  errors: ");

		sb_add(out, head);
		put_wrapped(out, sb_str(&sb), text_width(head, strlen(head)),
		    (size_t)term_columns());
	}
	if (cmd->see != NULL)
		sb_addf(out, _("  see %s\n"), cmd->see);
	sb_free(&sb);
}

/* Every command, by the stage of a socket's life it belongs to. */
static void
help_all(struct strbuf *out)
{
	size_t width = (size_t)term_columns();

	for (int st = STAGE_CREATE; st <= STAGE_SHELL; st++) {
		bool titled = false;

		for (const struct command *const *c = command_table; *c; c++) {
			char head[128];

			if ((*c)->stage != (enum cmd_stage)st)
				continue;
			if (!titled) {
				sb_addf(out, "%s%s:\n", st == STAGE_CREATE ? "" :
				    "\n", _(stage_titles[st]));
				titled = true;
			}
			snprintf(head, sizeof head, "%s%s%s", (*c)->name,
			    *(*c)->usage ? " " : "", (*c)->usage);
			if (strlen(head) > HEAD_WIDTH)
				sb_addf(out, "  %s\n  %-*s  ", head, HEAD_WIDTH, "");
			else
				sb_addf(out, "  %-*s  ", HEAD_WIDTH, head);
			put_wrapped(out, _((*c)->summary), HEAD_WIDTH + 4, width);
		}
	}
	sb_add(out, _("\nCommands act on the current descriptor (the prompt shows it) unless given fdN.\n"
	    "`help CMD` tells more; `man sockshell` is the reference.\n"));
}

/* Hand OUT (whole lines) to the emitter as one page of help. */
static void
emit_page(struct strbuf *out)
{
	if (out->len > 0 && out->s[out->len - 1] == '\n')
		out->s[--out->len] = '\0';
	emit_text(EV_HELP, -1, sb_str(out));
	sb_free(out);
}

static enum cmd_retval
cmd_help_exec(struct shell *sh, struct args *args)
{
	struct strbuf out = STRBUF_INIT;
	const struct command *cmd;
	char err[256];

	if (args->argc == 0) {
		help_all(&out);
		emit_page(&out);
		return CMD_RETURN_NORMAL;
	}
	if ((cmd = cmd_find(args->argv[0].s, err, sizeof err)) == NULL) {
		shell_error(sh, "help: %s", err);
		return CMD_RETURN_ERROR;
	}
	help_one(&out, cmd);
	emit_page(&out);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_help_entry = {
	.name = "help",
	.alias = "?",
	.usage = "[CMD]",
	.summary = N_("list the commands, or tell about one"),
	.help = N_("Without CMD, the commands by the stage of a socket's life they belong to;\n"
	    "with CMD, its usage, the C prototype of its call, common errors, man page."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.keep_last = true,
	.complete = { ARGK_COMMAND },
	.exec = cmd_help_exec,
};

/* cmd-echo.c: print text of the shell's own, indented, with control bytes escaped. */
#include "config.h"

#include <stdlib.h>

#include "commands.h"
#include "print.h"

static enum cmd_retval
cmd_echo_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	char *data;
	size_t len;

	args_text(args, 0, &data, &len);
	/* A newline in TEXT starts a line; every other control byte is shown escaped. */
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i == len || data[i] == '\n') {
			if (start > 0)
				sb_addc(&sb, '\n');
			pr_clean(&sb, data + start, i - start);
			start = i + 1;
		}
	}
	shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
	free(data);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_echo_entry = {
	.name = "echo",
	.usage = "TEXT",
	.summary = N_("print TEXT (for narration in scripts)"),
	.help = N_("Prints TEXT indented, so it can never be taken for a call line;\n"
	    "control bytes are shown escaped."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, -1 },
	.keep_last = true,
	.ports_kept = true,
	.exec = cmd_echo_exec,
};

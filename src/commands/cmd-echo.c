/* cmd-echo.c: print text of the shell's own, indented, with control bytes escaped. */
#include "config.h"

#include <stdlib.h>

#include "commands.h"
#include "print.h"
#include "width.h"

static enum cmd_retval
cmd_echo_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	char *data;
	size_t len;

	args_text(args, 0, &data, &len);
	/*
	 * A newline in TEXT starts a line, a tab moves on to the next column of
	 * eight on the screen (after the note's indent of two), as the terminal
	 * would; every other control byte is shown escaped.
	 */
	for (size_t i = 0, start = 0, line = 0; i <= len; i++) {
		if (i < len && data[i] != '\n' && data[i] != '\t')
			continue;
		pr_clean(&sb, data + start, i - start);
		start = i + 1;
		if (i < len && data[i] == '\t') {
			size_t col = 2 + text_width(sb_str(&sb) + line, sb.len - line);

			do
				sb_addc(&sb, ' ');
			while (++col % 8 != 0);
		} else if (i < len) {
			sb_addc(&sb, '\n');
			line = sb.len;
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
	    "a tab moves on to the next column of eight, other control bytes are shown escaped."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, -1 },
	.keep_last = true,
	.ports_kept = true,
	.exec = cmd_echo_exec,
};
